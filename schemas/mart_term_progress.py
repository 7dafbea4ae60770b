"""Progress toward each congress-term target, graded with the UN SDG progress method."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from schemas.vocab import DIRECTION, FAMILY, ON_TRACK, TARGET_FORM, TARGET_KIND


class MartTermProgress(pa.DataFrameModel):
    """One row per locality, indicator and congress term that has a term target or a term figure.

    The grade compares the pace achieved so far with the pace the target requires
    (``on_track_ratio`` = actual ÷ required): ≥ 0,95 on track; 0,5–0,95 acceleration needed;
    −0,1–0,5 limited progress; below −0,1 regressing. Targets already met are 'achieved'.
    """

    locality_code: pl.Utf8 = pa.Field(description="Locality code.")
    indicator_code: pl.Utf8 = pa.Field(description="Indicator code.")
    indicator_name_vi: pl.Utf8 = pa.Field(description="Indicator name in Vietnamese.")
    indicator_name_en: pl.Utf8 = pa.Field(nullable=True, description="Indicator name in English.")
    unit: pl.Utf8 = pa.Field(description="Unit.")
    family: pl.Utf8 = pa.Field(isin=FAMILY.codes, description="Indicator family.")
    direction: pl.Utf8 = pa.Field(isin=DIRECTION.codes, description="Which way is good.")
    decimals: pl.Int64 = pa.Field(description="Decimal places for display.")
    term: pl.Utf8 = pa.Field(description="Congress term, e.g. '2020-2025'.")
    term_start: pl.Int64 = pa.Field(description="First year of the term label (also the usual baseline year).")
    term_end: pl.Int64 = pa.Field(description="Last year of the term.")
    target_kind: pl.Utf8 = pa.Field(
        nullable=True, isin=TARGET_KIND.codes, description="average_rate, end_level, cumulative or threshold."
    )
    target_text: pl.Utf8 = pa.Field(nullable=True, description="Term target as written.")
    target_form: pl.Utf8 = pa.Field(
        nullable=True, isin=TARGET_FORM.codes, description="exact, min, max, range or about."
    )
    target_value: pl.Float64 = pa.Field(nullable=True, description="Figure progress is measured against.")
    target_is_derived: pl.Boolean = pa.Field(description="True when implied from a reported ratio.")
    target_document: pl.Utf8 = pa.Field(nullable=True, description="Resolution that set it.")
    baseline_year: pl.Int64 = pa.Field(nullable=True, description="Year progress is measured from.")
    baseline_value: pl.Float64 = pa.Field(
        nullable=True, description="Value in the baseline year (written in the term workbook, or that year's actual)."
    )
    as_of_year: pl.Int64 = pa.Field(nullable=True, description="Latest year with a figure.")
    years_total: pl.Int64 = pa.Field(description="Years in the term (5).")
    years_elapsed: pl.Int64 = pa.Field(nullable=True, description="Years of the term up to as_of_year.")
    years_with_data: pl.Int64 = pa.Field(description="Years of the term with a yearly figure.")
    actual_to_date: pl.Float64 = pa.Field(
        nullable=True,
        description="Average rate so far (average_rate), latest level (end_level), sum so far (cumulative) or share of years meeting it (threshold, %).",
    )
    actual_to_date_source: pl.Utf8 = pa.Field(
        nullable=True,
        isin=["term_report", "yearly_figures"],
        description="From the term workbook's own figure or from yearly figures.",
    )
    actual_status: pl.Utf8 = pa.Field(
        nullable=True, description="estimate when any figure used is an estimate, else official."
    )
    progress_pct: pl.Float64 = pa.Field(nullable=True, description="Progress toward the target in %.")
    actual_rate: pl.Float64 = pa.Field(
        nullable=True, description="Pace achieved: annual growth (%/year) or, for cumulative targets, amount per year."
    )
    required_rate: pl.Float64 = pa.Field(
        nullable=True, description="Pace the target requires over the whole term, same unit as actual_rate."
    )
    required_rate_remaining: pl.Float64 = pa.Field(
        nullable=True, description="Pace still needed in the remaining years to reach the target."
    )
    projected_end_value: pl.Float64 = pa.Field(
        nullable=True, description="Value at the end of the term if the pace so far continues."
    )
    on_track_ratio: pl.Float64 = pa.Field(
        nullable=True, description="actual_rate ÷ required_rate (UN SDG progress method)."
    )
    on_track_grade: pl.Utf8 = pa.Field(
        isin=ON_TRACK.codes,
        description="achieved, on_track, acceleration_needed, limited_progress, regressing or insufficient_data.",
    )
    data_complete: pl.Boolean = pa.Field(
        description="False when some elapsed years have no figure (the grade uses the years that do)."
    )
    note: pl.Utf8 = pa.Field(nullable=True, description="How the figure was obtained, in Vietnamese.")

    class Config:
        unique = ["locality_code", "indicator_code", "term"]
        strict = False
