"""Target against actual, judged the way the resolution phrased the target."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from schemas.vocab import ACTUAL_STATUS, DIRECTION, FAMILY, QUALIFIER, STATUS, TARGET_FORM, TARGET_KIND, TARGET_SOURCE


class MartTargetVsActual(pa.DataFrameModel):
    """One row per locality, indicator and period (a year such as '2023' or a term such as '2020-2025').

    ``achievement_pct`` is the report's own figure when it gives one ('bằng 100,3% kế hoạch'),
    otherwise computed from target and actual, direction-aware (lower is better: target ÷ actual).
    ``status`` is the report's own grade when it states one, otherwise computed. When the report
    gives only a ratio, the implied target (actual ÷ ratio) fills ``target_value`` and
    ``target_is_derived`` is true.
    """

    locality_code: pl.Utf8 = pa.Field(description="Locality code.")
    locality_name: pl.Utf8 = pa.Field(nullable=True, description="Locality name in Vietnamese.")
    indicator_code: pl.Utf8 = pa.Field(description="Indicator code.")
    indicator_name_vi: pl.Utf8 = pa.Field(description="Indicator name in Vietnamese.")
    indicator_name_en: pl.Utf8 = pa.Field(nullable=True, description="Indicator name in English.")
    indicator_name_local: pl.Utf8 = pa.Field(
        nullable=True,
        description="The locality's own name for the indicator, from its workbook: what its pages and pack show.",
    )
    reported_by: pl.Utf8 = pa.Field(
        nullable=True, description="Locality whose workbook reports this unit's figures, when not the unit itself."
    )
    unit: pl.Utf8 = pa.Field(description="Unit.")
    family: pl.Utf8 = pa.Field(isin=FAMILY.codes, description="Indicator family.")
    direction: pl.Utf8 = pa.Field(isin=DIRECTION.codes, description="Which way is good.")
    decimals: pl.Int64 = pa.Field(description="Decimal places for display.")
    period: pl.Utf8 = pa.Field(description="'2023' or '2020-2025'.")
    period_kind: pl.Utf8 = pa.Field(isin=["year", "term"], description="year or term.")
    target_kind: pl.Utf8 = pa.Field(
        nullable=True, isin=TARGET_KIND.codes, description="annual or the term-target kind."
    )
    target_text: pl.Utf8 = pa.Field(nullable=True, description="Target as written ('trên 370').")
    target_form: pl.Utf8 = pa.Field(
        nullable=True, isin=TARGET_FORM.codes, description="exact, min, max, range or about."
    )
    target_low: pl.Float64 = pa.Field(nullable=True, description="Lower bound (exact and about: the value).")
    target_high: pl.Float64 = pa.Field(nullable=True, description="Upper bound (exact and about: the value).")
    target_value: pl.Float64 = pa.Field(nullable=True, description="The single figure achievement is measured against.")
    target_is_derived: pl.Boolean = pa.Field(
        description="True when the target is implied from a reported ratio, not written."
    )
    target_document: pl.Utf8 = pa.Field(nullable=True, description="Resolution that set the target.")
    target_source_kind: pl.Utf8 = pa.Field(
        nullable=True, isin=TARGET_SOURCE.codes, description="Kind of document that set it (congress, council, plan …)."
    )
    target_statements: pl.Int64 = pa.Field(
        description="How many times the period's reports state the target (0: none; the binding one is shown)."
    )
    target_decimals: pl.Int64 = pa.Field(nullable=True, description="Decimal places the target was written with.")
    target_unit_written: pl.Utf8 = pa.Field(
        nullable=True, description="Unit the target was written in, when converted to the catalog's."
    )
    target_source_file: pl.Utf8 = pa.Field(nullable=True, description="Workbook the target was read from.")
    target_source_sheet: pl.Utf8 = pa.Field(nullable=True, description="Its sheet.")
    target_source_row: pl.Int64 = pa.Field(nullable=True, description="Its spreadsheet row.")
    target_source_document: pl.Utf8 = pa.Field(nullable=True, description="Document reporting the target.")
    target_source_quote: pl.Utf8 = pa.Field(nullable=True, description="Sentence stating the target.")
    actual: pl.Float64 = pa.Field(nullable=True, description="Latest actual (for a term: the term figure so far).")
    actual_text: pl.Utf8 = pa.Field(
        nullable=True, description="The actual as written, when typed as text ('trên 80%')."
    )
    actual_qualifier: pl.Utf8 = pa.Field(
        nullable=True, isin=QUALIFIER.codes, description="more_than, at_least, nearly, about, less_than or at_most."
    )
    actual_decimals: pl.Int64 = pa.Field(nullable=True, description="Decimal places the actual was written with.")
    actual_count: pl.Float64 = pa.Field(nullable=True, description="'120/150 làng': 120.")
    actual_denominator: pl.Float64 = pa.Field(nullable=True, description="'120/150 làng': 150.")
    actual_value_written: pl.Float64 = pa.Field(
        nullable=True, description="The actual as written before conversion to the catalog's unit (12 for '12‰')."
    )
    actual_unit_written: pl.Utf8 = pa.Field(nullable=True, description="The unit it was written in, when converted.")
    actual_status: pl.Utf8 = pa.Field(nullable=True, isin=ACTUAL_STATUS.codes, description="estimate or official.")
    actual_covered: pl.Utf8 = pa.Field(nullable=True, description="Years the actual covers ('2023', '2021-2023').")
    actual_revisions: pl.Int64 = pa.Field(description="How many revisions of the actual were loaded (0 when none).")
    actual_source_file: pl.Utf8 = pa.Field(nullable=True, description="Workbook the actual was read from.")
    actual_source_sheet: pl.Utf8 = pa.Field(nullable=True, description="Its sheet.")
    actual_source_row: pl.Int64 = pa.Field(nullable=True, description="Its spreadsheet row.")
    actual_source_document: pl.Utf8 = pa.Field(nullable=True, description="Document reporting the actual.")
    actual_source_quote: pl.Utf8 = pa.Field(nullable=True, description="Sentence stating the actual.")
    h1_actual: pl.Float64 = pa.Field(nullable=True, description="First-half actual (years only).")
    h1_target_pct: pl.Float64 = pa.Field(
        nullable=True, description="Share of the annual target due by 30 June (usually 50)."
    )
    h1_pct_of_target: pl.Float64 = pa.Field(
        nullable=True, description="First-half actual as % of the annual target (flows only)."
    )
    h1_on_track: pl.Boolean = pa.Field(nullable=True, description="Whether the first half reached h1_target_pct.")
    reported_pct: pl.Float64 = pa.Field(nullable=True, description="% of target as the report states it.")
    reported_grade: pl.Utf8 = pa.Field(nullable=True, isin=STATUS.codes, description="Grade as the report states it.")
    achievement_pct_computed: pl.Float64 = pa.Field(nullable=True, description="% computed from target and actual.")
    achievement_pct: pl.Float64 = pa.Field(nullable=True, description="% shown: reported when given, else computed.")
    status_computed: pl.Utf8 = pa.Field(isin=STATUS.codes, description="Status from target form, direction and actual.")
    status: pl.Utf8 = pa.Field(
        isin=STATUS.codes,
        description="vuot, dat, khong_dat or chua_co_so_lieu: reported grade when given, else computed.",
    )
    status_source: pl.Utf8 = pa.Field(
        isin=["reported", "computed"], description="Whether status is the report's grade or computed."
    )
    comparison_text: pl.Utf8 = pa.Field(
        nullable=True, description="Comparison as reported ('tăng 12,83% so với năm 2022')."
    )
    note: pl.Utf8 = pa.Field(nullable=True, description="Notes from the target and actual rows.")

    class Config:
        unique = ["locality_code", "indicator_code", "period"]
        strict = False
