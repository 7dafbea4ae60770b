"""Figures that load cleanly but do not fit the other figures: WHO's internal-consistency and
outlier dimensions of data quality. Warnings with their evidence; no row is ever rejected for one."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from schemas.vocab import Entry, Vocabulary

CONSISTENCY_RULE = Vocabulary(
    "consistency_rule",
    (
        Entry(
            "yoy_jump",
            "Thay đổi bất thường so với năm trước",
            "Unusual change from the year before",
        ),
        Entry("shares_sum", "Cơ cấu không cộng lại 100%", "Shares do not add up to 100%"),
        Entry("parts_sum", "Tổng các phần khác số tổng", "Parts do not add up to the total"),
        Entry(
            "growth_vs_levels",
            "Tốc độ tăng không khớp số liệu mức",
            "Growth rate does not match the levels",
        ),
        Entry(
            "stated_change_vs_levels",
            "Mức tăng, giảm báo cáo nêu không khớp số liệu",
            "Stated change does not match the figures",
        ),
        Entry(
            "pct_of_plan",
            "Tỷ lệ % kế hoạch không khớp kế hoạch và thực hiện",
            "Reported % of plan does not match target and actual",
        ),
        Entry(
            "estimate_vs_official",
            "Số chính thức khác xa số ước thực hiện",
            "Official figure far from the estimate",
        ),
        Entry("cumulative_decrease", "Số lũy kế giảm", "Running total falls"),
        Entry(
            "units_sum",
            "Tổng các đơn vị trực thuộc khác số của địa phương",
            "Units do not add up to the locality",
        ),
        Entry(
            "rate_vs_counts",
            "Tỷ lệ không khớp tử số và mẫu số",
            "Rate does not match its count and total",
        ),
    ),
)

CONSISTENCY_FIGURE = Vocabulary(
    "consistency_figure",
    (
        Entry("actual", "Số thực hiện", "Actual"),
        Entry("target", "Chỉ tiêu", "Target"),
    ),
)


class ConsistencyWarnings(pa.DataFrameModel):
    """One row per locality, indicator, period, rule and figure (actual or target) whose figures disagree.

    Computed after the marts from the current figures: a year-on-year change far beyond what the
    indicator's own history (or every locality's, when its own is short) makes plausible; shares of
    a whole that do not add up to 100%, parts that do not add up to their total; a growth rate, or a
    change the report states, that contradicts the levels; a reported % of plan that contradicts
    the target and actual beside it; an official figure far from the estimate it replaced; a
    running total that falls; a locality's units that do not add up to its figure. Each row carries the figures that disagree and the tolerance
    allowed for rounding and prices. Re-running the marts for a locality replaces its rows.
    """

    locality_code: pl.Utf8 = pa.Field(description="Locality the figures are for.")
    indicator_code: pl.Utf8 = pa.Field(
        description="Indicator questioned (for a sum of parts: the whole they belong to)."
    )
    period: pl.Utf8 = pa.Field(description="Year or term of the figure questioned.")
    rule: pl.Utf8 = pa.Field(
        isin=CONSISTENCY_RULE.codes, description="Rule: " + ", ".join(CONSISTENCY_RULE.codes) + "."
    )
    figure: pl.Utf8 = pa.Field(
        isin=CONSISTENCY_FIGURE.codes, description="Which figures the rule compared: actual or target."
    )
    value: pl.Float64 = pa.Field(
        nullable=True,
        description="The figure questioned: the year's value, the sum of the parts, the growth or % as reported.",
    )
    expected: pl.Float64 = pa.Field(
        nullable=True,
        description="What the other figures make of it: the plausible value, 100, the total, the growth or % computed.",
    )
    tolerance: pl.Float64 = pa.Field(
        nullable=True, description="How far apart value and expected may be (rounding, prices, history), same unit."
    )
    related_period: pl.Utf8 = pa.Field(
        nullable=True, description="Period of the figure compared with (the previous year, the base year)."
    )
    price_basis: pl.Utf8 = pa.Field(
        nullable=True,
        description="Prices of money figures as their source says: constant (giá so sánh), current (giá hiện hành), "
        "mixed or unknown; empty for other units.",
    )
    evidence: pl.Utf8 = pa.Field(description="Every figure the rule used, as JSON (codes, periods, values, rows).")
    message_vi: pl.Utf8 = pa.Field(description="What disagrees, with the figures, in Vietnamese.")
    message_en: pl.Utf8 = pa.Field(description="The same in English.")
    source_file: pl.Utf8 = pa.Field(nullable=True, description="Workbook of the figure questioned, when known.")
    source_sheet: pl.Utf8 = pa.Field(nullable=True, description="Its sheet.")
    source_row: pl.Int64 = pa.Field(nullable=True, description="Its spreadsheet row.")
    related_source: pl.Utf8 = pa.Field(
        nullable=True, description="Where the figures compared with were typed: 'file › sheet › row', '; '-separated."
    )
    run_id: pl.Utf8 = pa.Field(description="Dagster run that computed it.")
    detected_at: pl.Datetime = pa.Field(description="When it was computed (UTC).")

    class Config:
        strict = False
