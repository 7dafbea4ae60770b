"""The 'Chỉ tiêu' sheet of a yearly or term workbook, after its cells are parsed.

This is the input contract: one row per spreadsheet row that names an indicator. Valid rows are
split into ``indicator_targets`` and ``indicator_actuals``. Columns ending in ``_raw`` and the
``catalog_*`` columns are validation context: the text the clerk typed and what the catalog says
about the code. They exist only while a sheet is validated.
"""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from schemas.base import (
    PERIOD_PATTERN,
    SLUG_PATTERN,
    SourceColumns,
    parsed_if_present,
    row_check,
    within_catalog_range,
)
from schemas.vocab import ACTUAL_STATUS, STATUS, TARGET_FORM, TARGET_KIND


class IndicatorSheet(SourceColumns):
    """One row per indicator row of a 'Chỉ tiêu' sheet."""

    locality_code: pl.Utf8 = pa.Field(str_matches=SLUG_PATTERN, description="Locality of the workbook (its folder).")
    period: pl.Utf8 = pa.Field(str_matches=PERIOD_PATTERN, description="Year or term of the workbook (its file name).")
    period_kind: pl.Utf8 = pa.Field(isin=["year", "term"], description="year or term.")
    indicator_code: pl.Utf8 = pa.Field(nullable=True, description="Code typed in 'Mã chỉ tiêu'.")
    name: pl.Utf8 = pa.Field(nullable=True, description="Name typed in 'Tên chỉ tiêu'.")
    unit: pl.Utf8 = pa.Field(nullable=True, description="Unit typed in 'Đơn vị tính' (empty: the catalog's).")
    target_kind: pl.Utf8 = pa.Field(
        nullable=True, isin=TARGET_KIND.codes, description="annual, or the kind of a term target."
    )
    target_text: pl.Utf8 = pa.Field(nullable=True, description="Target as written.")
    target_form: pl.Utf8 = pa.Field(
        nullable=True, isin=TARGET_FORM.codes, description="Form parsed from the target text."
    )
    target_low: pl.Float64 = pa.Field(nullable=True, description="Lower bound parsed from the target text.")
    target_high: pl.Float64 = pa.Field(nullable=True, description="Upper bound parsed from the target text.")
    target_document: pl.Utf8 = pa.Field(nullable=True, description="Resolution that set the target.")
    baseline_year: pl.Int64 = pa.Field(nullable=True, description="Baseline year of a term target.")
    baseline_value: pl.Float64 = pa.Field(nullable=True, description="Baseline value of a term target.")
    h1_actual: pl.Float64 = pa.Field(nullable=True, description="First-half actual (6 tháng đầu năm).")
    actual: pl.Float64 = pa.Field(nullable=True, description="Actual for the year, or for the term so far.")
    actual_status: pl.Utf8 = pa.Field(nullable=True, isin=ACTUAL_STATUS.codes, description="estimate or official.")
    covered_from: pl.Int64 = pa.Field(nullable=True, description="First year a term figure covers.")
    covered_to: pl.Int64 = pa.Field(nullable=True, description="Last year a term figure covers.")
    reported_pct: pl.Float64 = pa.Field(nullable=True, description="% of target as reported.")
    reported_grade: pl.Utf8 = pa.Field(nullable=True, isin=STATUS.codes, description="Grade as reported.")
    comparison_text: pl.Utf8 = pa.Field(nullable=True, description="Comparison as reported, verbatim.")
    note: pl.Utf8 = pa.Field(nullable=True, description="Clerk's note.")

    # --- cells that did not parse -------------------------------------------------------------
    @pa.dataframe_check(error="parse_target")
    def _target_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, parsed_if_present("target_text", "target_form"), ["target_text"])

    @pa.dataframe_check(error="parse_actual")
    def _actual_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        # A comparison written in the actual's cell ('tăng 15% so với năm 2015') is kept as one.
        expr = parsed_if_present("actual_raw", "actual") | pl.col("actual_comparison").is_not_null()
        return row_check(data, expr, ["actual_raw", "actual_comparison"])

    @pa.dataframe_check(error="parse_h1_actual")
    def _h1_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, parsed_if_present("h1_actual_raw", "h1_actual"), ["h1_actual_raw"])

    @pa.dataframe_check(error="parse_reported_pct")
    def _pct_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, parsed_if_present("reported_pct_raw", "reported_pct"), ["reported_pct_raw"])

    @pa.dataframe_check(error="parse_baseline_value")
    def _baseline_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, parsed_if_present("baseline_value_raw", "baseline_value"), ["baseline_value_raw"])

    @pa.dataframe_check(error="parse_baseline_year")
    def _baseline_year_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, parsed_if_present("baseline_year_raw", "baseline_year"), ["baseline_year_raw"])

    @pa.dataframe_check(error="parse_actual_status")
    def _status_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, parsed_if_present("actual_status_raw", "actual_status"), ["actual_status_raw"])

    @pa.dataframe_check(error="parse_reported_grade")
    def _grade_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, parsed_if_present("reported_grade_raw", "reported_grade"), ["reported_grade_raw"])

    @pa.dataframe_check(error="parse_target_kind")
    def _kind_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, parsed_if_present("target_kind_raw", "target_kind"), ["target_kind_raw"])

    @pa.dataframe_check(error="parse_covered")
    def _covered_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, parsed_if_present("covered_raw", "covered_to"), ["covered_raw"])

    # --- codes, units, completeness ------------------------------------------------------------
    @pa.dataframe_check(error="required_indicator_code")
    def _code_present(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, pl.col("indicator_code").is_not_null(), ["indicator_code"])

    @pa.dataframe_check(error="known_indicator_code")
    def _code_known(cls, data: pa.PolarsData) -> pl.LazyFrame:
        expr = pl.col("indicator_code").is_null() | pl.col("catalog_unit").is_not_null()
        return row_check(data, expr, ["catalog_unit"])

    @pa.dataframe_check(error="unit_matches_catalog")
    def _unit_matches(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, pl.col("catalog_unit_ok"), ["catalog_unit_ok"])

    @pa.dataframe_check(error="has_figure")
    def _has_figure(cls, data: pa.PolarsData) -> pl.LazyFrame:
        raw = [
            "target_text",
            "actual_raw",
            "h1_actual_raw",
            "reported_pct_raw",
            "reported_grade_raw",
            "comparison_text",
        ]
        expr = pl.any_horizontal([pl.col(c).is_not_null() for c in raw])
        return row_check(data, expr, raw)

    @pa.dataframe_check(error="parse_binding")
    def _binding_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, parsed_if_present("binding_raw", "binding_code"), ["binding_raw", "binding_code"])

    @pa.dataframe_check(error="parse_target_source_kind")
    def _source_kind_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        expr = parsed_if_present("target_source_kind_raw", "source_kind_written")
        return row_check(data, expr, ["target_source_kind_raw", "source_kind_written"])

    @pa.dataframe_check(error="known_unit_code")
    def _unit_known(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, pl.col("unit_known"), ["unit_known"])

    # --- ranges ----------------------------------------------------------------------------------
    @pa.dataframe_check(error="target_low_in_range")
    def _target_low_range(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, within_catalog_range("target_low"), ["catalog_min", "catalog_max"])

    @pa.dataframe_check(error="target_high_in_range")
    def _target_high_range(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, within_catalog_range("target_high"), ["catalog_min", "catalog_max"])

    @pa.dataframe_check(error="actual_in_range")
    def _actual_range(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, within_catalog_range("actual"), ["catalog_min", "catalog_max"])

    @pa.dataframe_check(error="h1_actual_in_range")
    def _h1_range(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, within_catalog_range("h1_actual"), ["catalog_min", "catalog_max"])

    @pa.dataframe_check(error="baseline_in_range")
    def _baseline_range(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, within_catalog_range("baseline_value"), ["catalog_min", "catalog_max"])

    @pa.dataframe_check(error="reported_pct_nonnegative")
    def _pct_nonnegative(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, pl.col("reported_pct").is_null() | (pl.col("reported_pct") >= 0), ["reported_pct"])

    @pa.dataframe_check(error="target_bounds_ordered")
    def _bounds_ordered(cls, data: pa.PolarsData) -> pl.LazyFrame:
        lo, hi = pl.col("target_low"), pl.col("target_high")
        return row_check(data, lo.is_null() | hi.is_null() | (lo <= hi), ["target_low", "target_high"])

    # --- the workbook's own period --------------------------------------------------------------
    @pa.dataframe_check(error="target_kind_matches_period")
    def _kind_matches(cls, data: pa.PolarsData) -> pl.LazyFrame:
        kind, pk = pl.col("target_kind"), pl.col("period_kind")
        expr = (
            pl.col("target_text").is_null()
            | ((pk == "year") & (kind == "annual"))
            | ((pk == "term") & kind.is_not_null() & (kind != "annual"))
            # An unreadable kind is reported by parse_target_kind.
            | (kind.is_null() & pl.col("target_kind_raw").is_not_null())
        )
        return row_check(data, expr, ["target_kind", "period_kind", "target_text", "target_kind_raw"])

    @pa.dataframe_check(error="covered_within_period")
    def _covered_within(cls, data: pa.PolarsData) -> pl.LazyFrame:
        f, t = pl.col("covered_from"), pl.col("covered_to")
        lo, hi = pl.col("period_first_year"), pl.col("period_last_year")
        expr = t.is_null() | ((f >= lo) & (t <= hi) & (f <= t))
        return row_check(data, expr, ["covered_from", "covered_to", "period_first_year", "period_last_year"])

    @pa.dataframe_check(error="baseline_year_before_term")
    def _baseline_before(cls, data: pa.PolarsData) -> pl.LazyFrame:
        expr = pl.col("baseline_year").is_null() | (pl.col("baseline_year") <= pl.col("period_first_year"))
        return row_check(data, expr, ["baseline_year", "period_first_year"])

    class Config:
        strict = False
