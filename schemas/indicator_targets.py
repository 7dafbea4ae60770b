"""Targets set by resolutions: annual (People's Council) and term (congress)."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from schemas.base import CODE_PATTERN, PERIOD_PATTERN, SLUG_PATTERN, SourceColumns
from schemas.vocab import PERIOD_KIND, TARGET_FORM, TARGET_KIND, TARGET_SOURCE


class IndicatorTargets(SourceColumns):
    """One row per locality, indicator and period (a year such as '2024' or a term such as '2020-2025')."""

    locality_code: pl.Utf8 = pa.Field(str_matches=SLUG_PATTERN, description="Locality the target was set for.")
    indicator_code: pl.Utf8 = pa.Field(str_matches=CODE_PATTERN, description="Indicator code from the catalog.")
    period: pl.Utf8 = pa.Field(
        str_matches=PERIOD_PATTERN, description="'2024' for a year, '2020-2025' for a congress term."
    )
    reported_by: pl.Utf8 = pa.Field(
        nullable=True,
        description="Locality whose workbook states the target, when it is for one of its units ('xã X đạt chuẩn "
        "nông thôn mới'); empty when the locality states its own.",
    )
    statement: pl.Int64 = pa.Field(
        ge=1, description="1, 2 … when a report states the target more than once in the period (objectives, measures)."
    )
    is_binding: pl.Boolean = pa.Field(
        description="The statement achievement is measured against ('Chỉ tiêu áp dụng', else the first)."
    )
    period_kind: pl.Utf8 = pa.Field(isin=PERIOD_KIND.codes, description="year or term.")
    target_kind: pl.Utf8 = pa.Field(
        isin=TARGET_KIND.codes,
        description="annual, or for a term: average_rate, end_level, cumulative or threshold.",
    )
    target_text: pl.Utf8 = pa.Field(
        description="The target exactly as written (e.g. 'trên 370', 'dưới 3%', '6,6–6,8')."
    )
    target_form: pl.Utf8 = pa.Field(
        isin=TARGET_FORM.codes, description="exact, min (at least), max (at most), range or about."
    )
    target_low: pl.Float64 = pa.Field(
        nullable=True, description="Lower bound; for exact and about targets the value itself."
    )
    target_high: pl.Float64 = pa.Field(
        nullable=True, description="Upper bound; for exact and about targets the value itself."
    )
    target_decimals: pl.Int64 = pa.Field(nullable=True, description="Decimal places the target was written with.")
    unit_written: pl.Utf8 = pa.Field(
        nullable=True, description="Unit the target was written in when it differs from the catalog's ('12‰')."
    )
    unit: pl.Utf8 = pa.Field(description="Unit of the target (the catalog's unit).")
    indicator_name: pl.Utf8 = pa.Field(
        nullable=True, description="The indicator's name as the locality's workbook writes it."
    )
    target_document: pl.Utf8 = pa.Field(
        nullable=True, description="Resolution that set the target (e.g. 'Nghị quyết 124/NQ-HĐND ngày 20/12/2022')."
    )
    target_source_kind: pl.Utf8 = pa.Field(
        nullable=True,
        isin=TARGET_SOURCE.codes,
        description="Kind of document that set it: congress (Nghị quyết Đại hội), council (HĐND), plan, programme, "
        "scheme, emulation, directive, other.",
    )
    baseline_year: pl.Int64 = pa.Field(
        nullable=True, description="Year the term target is measured from (usually the term's first year)."
    )
    baseline_value: pl.Float64 = pa.Field(
        nullable=True, description="Value in the baseline year, when the resolution states it."
    )
    note: pl.Utf8 = pa.Field(nullable=True, description="Clerk's note, kept verbatim.")
    loaded_at: pl.Datetime = pa.Field(description="When this row was loaded (UTC).")
    run_id: pl.Utf8 = pa.Field(description="Dagster run that loaded it.")

    class Config:
        unique = ["locality_code", "indicator_code", "period", "reported_by", "statement"]
        strict = False
