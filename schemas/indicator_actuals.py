"""Reported actuals with their revision history: an estimate, later the official figure."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from schemas.base import CODE_PATTERN, PERIOD_PATTERN, SLUG_PATTERN, SourceColumns
from schemas.vocab import ACTUAL_STATUS, PERIOD_KIND, QUALIFIER, STATUS


class IndicatorActuals(SourceColumns):
    """One row per locality, indicator, period and revision; ``is_current`` marks the latest.

    ``period`` is '2023' for a year, '2023-H1' for the first half of 2023 and '2020-2025' for a
    figure a term report gives for the term so far (``covered_from``–``covered_to`` say which years).
    Re-loading a workbook whose figure changed (an estimate replaced by the official figure) adds a
    revision and keeps the earlier one; re-loading an unchanged workbook changes nothing.
    """

    locality_code: pl.Utf8 = pa.Field(str_matches=SLUG_PATTERN, description="Locality the figure is for.")
    indicator_code: pl.Utf8 = pa.Field(str_matches=CODE_PATTERN, description="Indicator code from the catalog.")
    period: pl.Utf8 = pa.Field(str_matches=PERIOD_PATTERN, description="'2023', '2023-H1' or '2020-2025'.")
    reported_by: pl.Utf8 = pa.Field(
        nullable=True, description="Locality whose workbook reports it, when the figure is for one of its units."
    )
    period_kind: pl.Utf8 = pa.Field(isin=PERIOD_KIND.codes, description="year, half_year or term.")
    covered_from: pl.Int64 = pa.Field(
        nullable=True, description="First year the figure covers (term figures: e.g. 2021)."
    )
    covered_to: pl.Int64 = pa.Field(nullable=True, description="Last year the figure covers (the 'as of' year).")
    value: pl.Float64 = pa.Field(
        nullable=True, description="The figure; empty when the report gives only a % of plan or a grade."
    )
    value_text: pl.Utf8 = pa.Field(nullable=True, description="The figure as written, when typed as text ('trên 80%').")
    value_qualifier: pl.Utf8 = pa.Field(
        nullable=True,
        isin=QUALIFIER.codes,
        description="What the text says about the number: more_than ('trên'), at_least, nearly ('gần'), about "
        "('khoảng'), less_than ('dưới'), at_most; empty for a plain number.",
    )
    value_decimals: pl.Int64 = pa.Field(nullable=True, description="Decimal places the figure was written with.")
    value_count: pl.Float64 = pa.Field(nullable=True, description="'120/150 làng': the count (120).")
    value_denominator: pl.Float64 = pa.Field(nullable=True, description="'120/150 làng': the denominator (150).")
    value_written: pl.Float64 = pa.Field(
        nullable=True, description="The number as written, when it was converted from another unit (12 for '12‰')."
    )
    unit_written: pl.Utf8 = pa.Field(nullable=True, description="The unit it was written in, when converted ('‰').")
    actual_status: pl.Utf8 = pa.Field(
        isin=ACTUAL_STATUS.codes, description="estimate (ước thực hiện) or official (chính thức)."
    )
    reported_pct: pl.Float64 = pa.Field(
        nullable=True,
        description="Achievement as the report states it, in % of the target (e.g. 100.3 for 'bằng 100,3% kế hoạch').",
    )
    reported_grade: pl.Utf8 = pa.Field(
        nullable=True, isin=STATUS.codes, description="Grade as the report states it: vuot, dat or khong_dat."
    )
    comparison_text: pl.Utf8 = pa.Field(
        nullable=True, description="Comparison as reported, verbatim (e.g. 'tăng 12,83% so với năm 2022')."
    )
    unit: pl.Utf8 = pa.Field(description="Unit of the figure (the catalog's unit).")
    indicator_name: pl.Utf8 = pa.Field(
        nullable=True, description="The indicator's name as the locality's workbook writes it."
    )
    note: pl.Utf8 = pa.Field(nullable=True, description="Clerk's note, kept verbatim.")
    revision: pl.Int64 = pa.Field(ge=1, description="1 for the first figure loaded for this key, then 2, 3 …")
    is_current: pl.Boolean = pa.Field(description="True for the latest revision, the one dashboards show.")
    loaded_at: pl.Datetime = pa.Field(description="When this revision was loaded (UTC).")
    superseded_at: pl.Datetime = pa.Field(
        nullable=True, description="When a later revision replaced it; empty while current."
    )
    run_id: pl.Utf8 = pa.Field(description="Dagster run that loaded this revision.")

    class Config:
        unique = ["locality_code", "indicator_code", "period", "reported_by", "revision"]
        strict = False
