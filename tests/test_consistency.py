"""Consistency warnings (WHO's internal-consistency and outlier dimensions): what a person checking
the figures by hand would flag, and nothing else.

Pure transforms on literal mart rows (fast); the embedded sample through Dagster (the session's
sample warehouse); a generated raw-data folder with planted errors, end to end (slow).
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import duckdb
import polars as pl
import pytest

from pipelines.transforms.consistency import (
    consistency_warnings,
    cumulative_decreases,
    estimate_vs_official,
    growth_vs_levels,
    parts_sums,
    pct_of_plan,
    rates_vs_counts,
    stated_change_warnings,
    units_sums,
    yoy_jumps,
)
from pipelines.warehouse import conform

CATALOG = pl.DataFrame(
    [
        {
            "indicator_code": "budget_revenue",
            "name_vi": "Thu ngân sách",
            "name_en": "Budget revenue",
            "unit": "tỷ đồng",
        },
        {"indicator_code": "poverty_rate", "name_vi": "Tỷ lệ hộ nghèo", "name_en": "Poverty rate", "unit": "%"},
        {"indicator_code": "village_count", "name_vi": "Số thôn, tổ dân phố", "name_en": "Villages", "unit": "thôn"},
        {
            "indicator_code": "hamlets",
            "name_vi": "Số thôn",
            "name_en": "Hamlets",
            "unit": "thôn",
            "part_of": "village_count",
        },
        {
            "indicator_code": "groups",
            "name_vi": "Số tổ dân phố",
            "name_en": "Groups",
            "unit": "tổ",
            "part_of": "village_count",
        },
        {"indicator_code": "output", "name_vi": "Tổng giá trị sản xuất", "name_en": "Output", "unit": "tỷ đồng"},
        {
            "indicator_code": "agri_share",
            "name_vi": "Cơ cấu nông nghiệp",
            "name_en": "Agriculture share",
            "unit": "%",
            "part_of": "output",
        },
        {
            "indicator_code": "industry_share",
            "name_vi": "Cơ cấu công nghiệp",
            "name_en": "Industry share",
            "unit": "%",
            "part_of": "output",
        },
        {
            "indicator_code": "services_share",
            "name_vi": "Cơ cấu dịch vụ",
            "name_en": "Services share",
            "unit": "%",
            "part_of": "output",
        },
        {
            "indicator_code": "agri_value",
            "name_vi": "Giá trị nông nghiệp",
            "name_en": "Agriculture",
            "unit": "tỷ đồng",
            "part_of": "output",
        },
        {
            "indicator_code": "other_value",
            "name_vi": "Giá trị phi nông nghiệp",
            "name_en": "Non-agriculture",
            "unit": "tỷ đồng",
            "part_of": "output",
        },
        {
            "indicator_code": "output_growth",
            "name_vi": "Tốc độ tăng giá trị sản xuất",
            "name_en": "Output growth",
            "unit": "%/năm",
            "growth_of": "output",
        },
        {
            "indicator_code": "gratitude_fund",
            "name_vi": "Quỹ Đền ơn đáp nghĩa lũy kế đã thu",
            "name_en": "Gratitude fund raised to date",
            "unit": "triệu đồng",
            "aggregation": "stock",
        },
        {
            "indicator_code": "households",
            "name_vi": "Số hộ gia đình",
            "name_en": "Households",
            "unit": "hộ",
            "aggregation": "stock",
        },
    ],
    schema={
        "indicator_code": pl.Utf8,
        "name_vi": pl.Utf8,
        "name_en": pl.Utf8,
        "unit": pl.Utf8,
        "part_of": pl.Utf8,
        "growth_of": pl.Utf8,
        "aggregation": pl.Utf8,
    },
).with_columns(pl.lit(2, dtype=pl.Int64).alias("decimals"))
UNITS = dict(CATALOG.select("indicator_code", "unit").iter_rows())


def fig(code: str, period: str, actual: float | None, decimals: int = 0, locality: str = "an-khe", **more) -> dict:
    """One mart row as the marts write it: the actual and the workbook cell it was typed in."""
    year = period[:4] if len(period) == 4 else period[-4:]
    return {
        "locality_code": locality,
        "indicator_code": code,
        "indicator_name_vi": code,
        "unit": UNITS[code],
        "family": "economy",
        "direction": "higher_is_better",
        "decimals": decimals,
        "period": period,
        "period_kind": "year" if len(period) == 4 else "term",
        "actual": actual,
        "actual_decimals": decimals,
        "actual_covered": period if len(period) == 4 else None,
        "actual_source_file": f"{locality}/{year}.xlsx" if len(period) == 4 else f"{locality}/nhiem-ky-{period}.xlsx",
        "actual_source_sheet": "Chỉ tiêu",
        "actual_source_row": 10 + int(year) % 100,
        **more,
    }


def mart(rows: list[dict]) -> pl.DataFrame:
    return conform(pl.DataFrame(rows, infer_schema_length=None), "mart_target_vs_actual")


def series(code: str, values: dict[int, float], **kw) -> list[dict]:
    return [fig(code, str(year), value, **kw) for year, value in values.items()]


REVENUE = {2015: 100.0, 2016: 104.0, 2017: 109.0, 2018: 113.0, 2019: 118.0, 2020: 123.0, 2021: 127.0, 2022: 132.0}


# --- year-on-year jumps ------------------------------------------------------------------------------


def test_a_planted_jump_gets_exactly_one_warning_naming_the_value_and_the_previous_one() -> None:
    planted = {**REVENUE, 2020: 590.0}  # 123 typed as 590
    found = yoy_jumps(mart(series("budget_revenue", planted)), CATALOG)
    assert found.height == 1, found.select("period", "message_vi").rows()
    w = found.row(0, named=True)
    assert (w["rule"], w["period"], w["related_period"], w["value"]) == ("yoy_jump", "2020", "2019", 590.0)
    assert "590 tỷ đồng năm 2020 so với 118 tỷ đồng năm 2019" in w["message_vi"]
    assert "tăng 400%" in w["message_vi"]  # the change, in words
    assert "thường thay đổi +4%/năm (6 lần thay đổi)" in w["message_vi"]  # the typical change
    assert "Khoảng hợp lý cho năm 2020: 86 – 174 tỷ đồng" in w["message_vi"]
    assert "590 tỷ đồng in 2020 against 118 tỷ đồng in 2019 (up 400%" in w["message_en"]
    # The cell to look at, and the one it was compared with.
    assert (w["source_file"], w["source_sheet"], w["source_row"]) == ("an-khe/2020.xlsx", "Chỉ tiêu", 30)
    assert w["related_source"] == "an-khe/2019.xlsx › Chỉ tiêu › dòng 29"
    evidence = json.loads(w["evidence"])
    assert evidence["previous_value"] == 118.0 and evidence["yardstick"] == "own"
    assert evidence["plausible_low"] < 123 < evidence["plausible_high"] < 590


def test_a_smooth_series_and_a_lasting_break_warn_never_and_once() -> None:
    assert yoy_jumps(mart(series("budget_revenue", REVENUE)), CATALOG).is_empty()
    # Units merged in 2019: 89 villages became 60 and stayed 60.
    merged = {2014: 89.0, 2015: 89.0, 2016: 90.0, 2017: 89.0, 2018: 89.0, 2019: 60.0, 2020: 60.0, 2021: 60.0}
    found = yoy_jumps(mart(series("village_count", merged)), CATALOG)
    assert found.select("period", "value", "related_period").rows() == [("2019", 60.0, "2018")]
    assert "giảm 32,6%" in found.item(0, "message_vi")


def test_the_last_year_can_be_the_odd_one() -> None:
    found = yoy_jumps(mart(series("budget_revenue", {**REVENUE, 2022: 13.2})), CATALOG)  # a decimal slipped
    assert found.select("period", "value").rows() == [("2022", 13.2)]
    assert "13,2 tỷ đồng năm 2022 so với 127 tỷ đồng năm 2021" in found.item(0, "message_vi")


def test_a_percentage_indicator_changes_by_points_not_by_ratio() -> None:
    # Poverty falling 0,1 point a year, then 1,0 → 0,5: half the rate, but only half a point.
    rates = {2016: 1.5, 2017: 1.4, 2018: 1.3, 2019: 1.2, 2020: 1.1, 2021: 1.0, 2022: 0.5}
    assert yoy_jumps(mart(series("poverty_rate", rates, decimals=1)), CATALOG).is_empty()
    # 19 points in a year when it moves about 2 a year is unusual.
    rates = {2014: 73.0, 2015: 92.0, 2016: 89.9, 2017: 94.4, 2018: 96.7, 2019: 95.0, 2023: 93.0}
    found = yoy_jumps(mart(series("poverty_rate", rates, decimals=1)), CATALOG)
    assert found.select("period", "related_period").rows() == [("2015", "2014")]
    assert "(tăng 19 điểm %)" in found.item(0, "message_vi")
    assert "(up 19 points)" in found.item(0, "message_en")


def test_short_series_borrow_every_localitys_changes_or_say_nothing() -> None:
    # Three figures of its own are too few to judge a jump by …
    short = {2021: 100.0, 2022: 104.0, 2023: 410.0}
    assert yoy_jumps(mart(series("budget_revenue", short)), CATALOG).is_empty()
    # … but four other localities growing about 4% a year are a yardstick.
    others = [
        row
        for name in ("a", "b", "c", "d")
        for row in series("budget_revenue", {2021: 50.0, 2022: 52.0, 2023: 54.0}, locality=name)
    ]
    found = yoy_jumps(mart([*series("budget_revenue", short), *others]), CATALOG)
    assert found.select("locality_code", "period").rows() == [("an-khe", "2023")]
    assert "ở các địa phương, chỉ tiêu này thường thay đổi +4%/năm (10 lần thay đổi, 5 địa phương)" in found.item(
        0, "message_vi"
    )


def test_a_jump_the_report_states_is_explained_and_a_contradicted_one_is_not() -> None:
    merged = {2014: 89.0, 2015: 89.0, 2016: 90.0, 2017: 89.0, 2018: 89.0, 2019: 60.0, 2020: 60.0, 2021: 60.0}
    rows = series("village_count", merged)
    rows[5]["comparison_text"] = "giảm 29 thôn, tổ dân phố"
    frame = mart(rows)
    assert yoy_jumps(frame, CATALOG).is_empty()
    assert stated_change_warnings(frame, CATALOG).is_empty()
    rows[5]["comparison_text"] = "giảm 20 thôn, tổ dân phố"
    frame = mart(rows)
    stated = stated_change_warnings(frame, CATALOG)
    assert stated.select("rule", "period", "related_period").rows() == [("stated_change_vs_levels", "2019", "2018")]
    assert (
        "báo cáo ghi 'giảm 20 thôn, tổ dân phố', nhưng số liệu từ 89 thôn (2018) đến 60 thôn (2019) là giảm 29 thôn"
        in stated.item(0, "message_vi")
    )


def test_a_stated_percentage_change_against_another_year() -> None:
    rows = series("budget_revenue", {2020: 200.0, 2022: 250.0, 2023: 282.08})
    rows[2]["comparison_text"] = "tăng 12,83% so với năm 2022"
    assert stated_change_warnings(mart(rows), CATALOG).is_empty()  # 282,08 ÷ 250 = 1,12832
    rows[2]["comparison_text"] = "tăng 12,83% so với năm 2020"
    found = stated_change_warnings(mart(rows), CATALOG)
    assert "là tăng 41,04%" in found.item(0, "message_vi")


# --- shares and parts of a whole --------------------------------------------------------------------


def shares(agri: float, industry: float, services: float | None, period: str = "2020") -> list[dict]:
    rows = [fig("agri_share", period, agri, 1), fig("industry_share", period, industry, 1)]
    if services is not None:
        rows.append(fig("services_share", period, services, 1))
    return rows


def test_shares_summing_to_97_warn_and_100_1_does_not() -> None:
    found = parts_sums(mart(shares(10.0, 52.0, 35.0)), CATALOG)
    assert found.select("rule", "indicator_code", "value", "expected").rows() == [("shares_sum", "output", 97.0, 100.0)]
    message = found.item(0, "message_vi")
    assert "cộng lại 97%" in message and "Cơ cấu nông nghiệp: 10%" in message and "Cơ cấu dịch vụ: 35%" in message
    assert "not 100%" in found.item(0, "message_en")
    assert parts_sums(mart(shares(10.1, 52.7, 37.3)), CATALOG).is_empty()  # 100,1: rounding of three figures
    assert parts_sums(mart(shares(10.03, 52.71, 37.26)), CATALOG).is_empty()


def test_missing_shares_warn_only_when_the_rest_is_already_over_100() -> None:
    assert parts_sums(mart(shares(10.0, 52.0, None)), CATALOG).is_empty()
    found = parts_sums(mart(shares(48.0, 62.0, None)), CATALOG)
    assert "vượt quá 100% dù còn thiếu Cơ cấu dịch vụ" in found.item(0, "message_vi")


def test_target_shares_are_checked_too() -> None:
    rows = [
        {**fig(code, "2020-2025", None), "target_value": v, "target_form": "exact", "target_decimals": 2}
        for code, v in (("agri_share", 7.66), ("industry_share", 52.15), ("services_share", 41.19))
    ]
    found = parts_sums(mart(rows), CATALOG)
    assert found.select("figure", "period", "value").rows() == [("target", "2020-2025", pytest.approx(101.0))]
    assert found.item(0, "message_vi").startswith("Chỉ tiêu 2020-2025:")


def test_parts_of_a_count_must_add_up_exactly() -> None:
    rows = [fig("village_count", "2015", 89.0), fig("hamlets", "2015", 32.0), fig("groups", "2015", 58.0)]
    found = parts_sums(mart(rows), CATALOG)
    assert found.select("rule", "period", "value", "expected").rows() == [("parts_sum", "2015", 90.0, 89.0)]
    assert "cộng lại 90 thôn (Số thôn: 32; Số tổ dân phố: 58), khác số tổng 89 thôn" in found.item(0, "message_vi")
    assert found.item(0, "related_source") == "an-khe/2015.xlsx › Chỉ tiêu › dòng 25"
    rows[1]["actual"] = 31.0
    assert parts_sums(mart(rows), CATALOG).is_empty()


def test_money_parts_at_other_prices_than_the_total_are_not_compared() -> None:
    total = fig("output", "2020", 7978.01, 2, actual_source_quote="tổng giá trị sản xuất (theo giá so sánh năm 2010)")
    parts = [
        fig("agri_value", "2020", 1233.0, actual_source_quote="giá trị ngành (theo giá hiện hành) ước đạt 1.233 tỷ"),
        fig("other_value", "2020", 11058.0, actual_source_quote="(theo giá hiện hành) đạt 11.058 tỷ đồng"),
    ]
    assert parts_sums(mart([total, *parts]), CATALOG).is_empty()
    # At the same prices, 12.291 is not 7.978,01.
    total["actual_source_quote"] = "tổng giá trị sản xuất (giá hiện hành)"
    found = parts_sums(mart([total, *parts]), CATALOG)
    assert found.item(0, "price_basis") == "current"
    assert "(loại giá: giá hiện hành)" in found.item(0, "message_vi")


# --- growth against levels ---------------------------------------------------------------------------


def growth_rows(reported: float, level_quote: str | None = None, growth_quote: str | None = None) -> list[dict]:
    return [
        fig("output", "2022", 1000.0, actual_source_quote=level_quote),
        fig("output", "2023", 1100.0, actual_source_quote=level_quote),
        fig("output_growth", "2023", reported, 1, actual_source_quote=growth_quote),
    ]


def test_a_growth_rate_contradicting_its_levels_warns_with_both() -> None:
    found = growth_vs_levels(mart(growth_rows(25.0)), CATALOG)
    w = found.row(0, named=True)
    assert (w["rule"], w["indicator_code"], w["period"], w["value"], w["related_period"]) == (
        "growth_vs_levels",
        "output_growth",
        "2023",
        25.0,
        "2022-2023",
    )
    assert w["expected"] == pytest.approx(10.0)
    assert (
        "ghi 25%/năm, nhưng 'Tổng giá trị sản xuất' từ 1.000 tỷ đồng (2022) lên 1.100 tỷ đồng (2023) là 10%/năm"
        in (w["message_vi"])
    )
    assert "Số liệu mức: không rõ loại giá; tốc độ tăng: coi như giá so sánh." in w["message_vi"]
    assert "1,000 tỷ đồng (2022) to 1,100 tỷ đồng (2023) is 10% a year" in w["message_en"]
    assert w["related_source"] == "an-khe/2022.xlsx › Chỉ tiêu › dòng 32; an-khe/2023.xlsx › Chỉ tiêu › dòng 33"


def test_growth_allows_rounding_and_what_prices_add_to_current_price_levels() -> None:
    assert growth_vs_levels(mart(growth_rows(10.0)), CATALOG).is_empty()
    # Real growth 7% against levels at current prices growing 10%: prices explain 3 points.
    assert growth_vs_levels(mart(growth_rows(7.0, "(giá hiện hành)", "(giá so sánh 2010)")), CATALOG).is_empty()
    # Levels at constant prices leave prices nothing to explain.
    found = growth_vs_levels(mart(growth_rows(7.0, "(giá so sánh 2010)", "(giá so sánh 2010)")), CATALOG)
    assert "Số liệu mức: giá so sánh; tốc độ tăng: giá so sánh." in found.item(0, "message_vi")
    # Nor can prices make real growth exceed current-price growth.
    assert growth_vs_levels(mart(growth_rows(13.0, "(giá hiện hành)", "(giá so sánh)")), CATALOG).height == 1


def test_levels_at_different_prices_give_no_growth_to_compare() -> None:
    rows = growth_rows(12.5)
    rows[0]["actual_source_quote"] = "theo giá so sánh năm 2010"
    rows[1]["actual_source_quote"] = "giá hiện hành"
    assert growth_vs_levels(mart(rows), CATALOG).is_empty()


def test_a_term_growth_is_the_average_rate_over_the_years_it_covers() -> None:
    rows = [
        fig("output", "2015", 1000.0),
        fig("output", "2020", 1610.51),  # 10%/year for five years
        fig("output_growth", "2015-2020", 10.0, 1, actual_covered="2016-2020"),
    ]
    assert growth_vs_levels(mart(rows), CATALOG).is_empty()
    rows[2]["actual"] = 14.0
    found = growth_vs_levels(mart(rows), CATALOG)
    assert found.select("period", "related_period").rows() == [("2015-2020", "2015-2020")]
    assert "là 10%/năm" in found.item(0, "message_vi")


# --- % of plan ---------------------------------------------------------------------------------------


def plan_row(reported: float, derived: bool = False, code: str = "budget_revenue") -> dict:
    return fig(
        code,
        "2023",
        450.0,
        target_value=500.0,
        target_form="exact",
        target_decimals=0,
        target_is_derived=derived,
        reported_pct=reported,
        target_source_file="an-khe/2023.xlsx",
        target_source_sheet="Chỉ tiêu",
        target_source_row=33,
    )


def test_a_reported_percent_of_plan_contradicting_target_and_actual() -> None:
    found = pct_of_plan(mart([plan_row(95.0)]))
    assert found.select("rule", "value", "expected").rows() == [("pct_of_plan", 95.0, pytest.approx(90.0))]
    assert "ghi đạt 95% kế hoạch, nhưng thực hiện 450 tỷ đồng ÷ kế hoạch 500 tỷ đồng = 90%" in found.item(
        0, "message_vi"
    )
    assert pct_of_plan(mart([plan_row(90.0)])).is_empty()
    assert pct_of_plan(mart([plan_row(90.04)])).is_empty()  # 90,04 rounds from the figures' own rounding
    # A target implied from the reported ratio always agrees with it: nothing to check.
    assert pct_of_plan(mart([plan_row(95.0, derived=True)])).is_empty()


def test_every_rule_runs_together_and_sorts_by_locality_and_period() -> None:
    rows = [
        *series("budget_revenue", {**REVENUE, 2020: 590.0}),
        *shares(10.0, 52.0, 35.0),
        plan_row(95.0, code="output"),
    ]
    found = consistency_warnings(mart(rows), CATALOG)
    assert found.select("period", "indicator_code", "rule").rows() == [
        ("2020", "budget_revenue", "yoy_jump"),
        ("2020", "output", "shares_sum"),
        ("2023", "output", "pct_of_plan"),
    ]


# --- an estimate later replaced, a running total, a locality's units ---------------------------------


def revision(code: str, value: float, rev: int, status: str, file: str, row: int, decimals: int = 0) -> dict:
    """One revision of a figure as ``indicator_actuals`` keeps it."""
    return {
        "locality_code": "an-khe",
        "indicator_code": code,
        "period": "2023",
        "reported_by": "an-khe",
        "value": value,
        "value_decimals": decimals,
        "unit": UNITS[code],
        "actual_status": status,
        "revision": rev,
        "is_current": False,
        "source_file": file,
        "source_sheet": "Chỉ tiêu",
        "source_row": row,
    }


def revised(code: str, estimate: float, official: float, decimals: int = 0) -> pl.DataFrame:
    rows = [
        revision(code, estimate, 1, "estimate", "an-khe/2023.xlsx", 30, decimals),
        {**revision(code, official, 2, "official", "an-khe/2024.xlsx", 31, decimals), "is_current": True},
    ]
    return pl.DataFrame(rows, infer_schema_length=None)


def test_an_official_figure_far_from_its_estimate_warns_with_both_cells() -> None:
    found = estimate_vs_official(revised("budget_revenue", 120.0, 100.0), CATALOG)
    w = found.row(0, named=True)
    assert (w["rule"], w["period"], w["value"], w["expected"]) == ("estimate_vs_official", "2023", 100.0, 120.0)
    assert (
        "Thu ngân sách 2023: số chính thức 100 tỷ đồng thấp hơn 16,7% so với số ước thực hiện 120 tỷ đồng"
        in w["message_vi"]
    )
    assert "không quá 10%" in w["message_vi"]
    assert (w["source_file"], w["source_row"]) == ("an-khe/2024.xlsx", 31)
    assert w["related_source"] == "an-khe/2023.xlsx › Chỉ tiêu › dòng 30"
    # An estimate 5% off is what estimates are.
    assert estimate_vs_official(revised("budget_revenue", 105.0, 100.0), CATALOG).is_empty()
    # A rate moves by points: 4,09% estimated, 4,5% official is 0,41 points; 1,5% is 2,59 points.
    assert estimate_vs_official(revised("poverty_rate", 4.09, 4.5, 2), CATALOG).is_empty()
    found = estimate_vs_official(revised("poverty_rate", 4.09, 1.5, 2), CATALOG)
    assert "số chính thức 1,5% thấp hơn 2,59 điểm % so với số ước thực hiện 4,09%" in found.item(0, "message_vi")


def test_a_running_total_that_falls_warns_and_a_yearly_flow_that_falls_does_not() -> None:
    rows = series("gratitude_fund", {2019: 500.0, 2020: 650.0, 2021: 120.0, 2022: 800.0})
    found = cumulative_decreases(mart(rows), CATALOG)
    assert found.select("rule", "period", "related_period", "value", "expected").rows() == [
        ("cumulative_decrease", "2021", "2020", 120.0, 650.0)
    ]
    assert (
        "số lũy kế năm 2021 là 120 triệu đồng, thấp hơn 530 triệu đồng so với năm 2020 (650 triệu đồng)"
        in found.item(0, "message_vi")
    )
    assert found.item(0, "related_source") == "an-khe/2020.xlsx › Chỉ tiêu › dòng 30"
    assert cumulative_decreases(mart(series("budget_revenue", {2020: 650.0, 2021: 120.0})), CATALOG).is_empty()


LOCALITIES = pl.DataFrame(
    [
        {"locality_code": "an-khe", "name_vi": "Thị xã An Khê", "parent_code": "gia-lai"},
        {"locality_code": "xa-a", "name_vi": "Xã Song An", "parent_code": "an-khe"},
        {"locality_code": "xa-b", "name_vi": "Phường An Phú", "parent_code": "an-khe"},
        # Merged into another ward at the end of 2019: not a unit of 2020.
        {"locality_code": "xa-c", "name_vi": "Phường An Tân", "parent_code": "an-khe", "valid_to": date(2019, 12, 31)},
    ],
    schema={"locality_code": pl.Utf8, "name_vi": pl.Utf8, "parent_code": pl.Utf8, "valid_to": pl.Date},
).with_columns(pl.lit(None, dtype=pl.Date).alias("valid_from"))


def test_units_that_do_not_add_up_to_their_locality() -> None:
    town = mart([fig("households", "2020", 1000.0), fig("households", "2019", 900.0), fig("poverty_rate", "2020", 3.0)])
    units = mart(
        [
            fig("households", "2020", 600.0, locality="xa-a"),
            fig("households", "2020", 390.0, locality="xa-b"),
            fig("households", "2019", 560.0, locality="xa-a"),
            fig("households", "2019", 380.0, locality="xa-b"),
            fig("poverty_rate", "2020", 2.0, locality="xa-a"),  # rates do not add up
        ]
    )
    found = units_sums(town, units, LOCALITIES, CATALOG)
    assert found.select("rule", "locality_code", "period", "value", "expected").rows() == [
        ("units_sum", "an-khe", "2019", 940.0, 900.0),
        ("units_sum", "an-khe", "2020", 990.0, 1000.0),
    ]
    exceed, short = found.get_column("message_vi").to_list()
    # 2019: An Tân still existed and gave nothing, yet the rest are already over the town's figure.
    assert "cộng lại 940 hộ (Xã Song An: 560; Phường An Phú: 380), lớn hơn số của Thị xã An Khê 900 hộ" in exceed
    assert "dù còn thiếu Phường An Tân" in exceed
    # 2020: An Tân merged away; the two units left give 990, not 1.000.
    assert "khác số của Thị xã An Khê 1.000 hộ (lệch −10; cho phép: số đếm nên phải khớp đúng)" in short
    assert found.item(1, "source_file") == "an-khe/2020.xlsx"
    assert found.item(1, "related_source") == "xa-a/2020.xlsx › Chỉ tiêu › dòng 30; xa-b/2020.xlsx › Chỉ tiêu › dòng 30"
    units = units.with_columns(
        pl.when(pl.col("actual") == 390.0).then(400.0).otherwise(pl.col("actual")).alias("actual")
    )
    assert units_sums(town, units, LOCALITIES, CATALOG).filter(pl.col("period") == "2020").is_empty()


# --- the catalog's links ---------------------------------------------------------------------------


def test_a_link_to_an_unknown_code_is_a_warning_and_is_dropped(tmp_path: Path) -> None:
    from pipelines.template import SheetData, WorkbookContent, write_workbook
    from tests.helpers import load_catalog

    rows = [
        {
            "indicator_code": "output",
            "name_vi": "Tổng giá trị sản xuất",
            "unit": "tỷ đồng",
            "family": "Kinh tế",
            "direction": "Càng cao càng tốt",
            "aggregation": "Cộng dồn",
        },
        {
            "indicator_code": "agri_share",
            "name_vi": "Cơ cấu nông nghiệp",
            "unit": "%",
            "family": "Kinh tế",
            "direction": "Trung tính",
            "aggregation": "Tỷ lệ",
            "part_of": "OUTPUT",
        },
        {
            "indicator_code": "output_growth",
            "name_vi": "Tốc độ tăng",
            "unit": "%/năm",
            "family": "Kinh tế",
            "direction": "Càng cao càng tốt",
            "aggregation": "Tỷ lệ",
            "growth_of": "ouptut",
        },
    ]
    write_workbook(
        tmp_path / "danh-muc-chi-tieu.xlsx",
        WorkbookContent(kind="catalog", sheets={"catalog": SheetData(rows=rows)}),
        [r["indicator_code"] for r in rows],
    )
    result = load_catalog(tmp_path)
    links = dict(result.validated.valid.select("indicator_code", "part_of").iter_rows())
    assert links == {"output": None, "agri_share": "output", "output_growth": None}
    assert result.validated.valid.filter(pl.col("indicator_code") == "output_growth").item(0, "growth_of") is None
    warned = result.warnings.filter(pl.col("rule") == "catalog_link_unknown")
    assert warned.select("column", "value").rows() == [("growth_of", "ouptut")]


# --- the sample ---------------------------------------------------------------------------------------


def _rows(warehouse: Path, sql: str) -> list[tuple]:
    conn = duckdb.connect(str(warehouse), read_only=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_the_sample_warns_about_what_its_documents_really_disagree_on(sample_warehouse: Path) -> None:
    found = _rows(
        sample_warehouse,
        "SELECT rule, indicator_code, period, related_period, source_file, source_row, message_vi"
        " FROM consistency_warnings ORDER BY period, rule",
    )
    assert [r[:4] for r in found] == [
        # [000]: 89 units in 2015 (the footnote's denominator) but '28 thôn, 04 làng, 58 Tổ dân phố' = 90.
        ("parts_sum", "village_count", "2015", None),
        # [000]: 'năm 2015: 82/89 (đạt 92%)' after '65/89 (đạt 73%)' in 2014; later years move 2 points.
        ("yoy_jump", "cultural_village_rate", "2015", "2014"),
        # [000]: 'năm 2016 có: 53/90 (đạt 89,9%)', and 53/90 is 58,9% (53 is the agencies' count).
        ("rate_vs_counts", "cultural_village_rate", "2016", None),
        # [000]: 'Năm 2016, giảm 01 tổ dân phố', yet the footnote's denominators go 89 → 90.
        ("stated_change_vs_levels", "village_count", "2016", "2015"),
    ]
    messages = {r[1] + r[2]: r[6] for r in found}
    assert "92% năm 2015 so với 73% năm 2014 (tăng 19 điểm %)" in messages["cultural_village_rate2015"]
    assert "cộng lại 90 thôn, làng, TDP" in messages["village_count2015"]
    assert "khác số tổng 89 thôn, làng, TDP" in messages["village_count2015"]
    assert "báo cáo ghi 'giảm 1 thôn, làng, TDP'" in messages["village_count2016"]
    rate = messages["cultural_village_rate2016"]
    assert "báo cáo ghi 89,9%" in rate and "53 ÷ tổng số thôn, làng, tổ dân phố 90 = 58,9%" in rate
    assert all(r[4].startswith("an-khe/") and r[5] for r in found)
    # What is consistent stays quiet: the 2020 structure adds up to 100,00%, the 2025 target structure
    # to 100; 2018's 89 → 60 villages is the merger the report states ('giảm 29'); the 2020 sector
    # values (current prices) are not summed against the total (2010 prices).
    checks = _rows(
        sample_warehouse, "SELECT count(*) FROM consistency_warnings WHERE indicator_code = 'production_value_total'"
    )
    assert checks == [(0,)]


def test_the_data_page_lists_the_warnings_with_their_cells(sample_warehouse: Path, monkeypatch) -> None:
    from tests.test_dashboard_pages import open_page, table_row

    at = open_page(sample_warehouse, monkeypatch, "pages/data_quality.py")
    assert any("4 cảnh báo" in w.value for w in at.warning)
    row = table_row(at, "Nơi ghi số liệu", "an-khe/2016.xlsx › Chỉ tiêu › dòng 28")
    assert row["Quy tắc"] == "Mức tăng, giảm báo cáo nêu không khớp số liệu"
    assert row["Số liệu đối chiếu ghi ở"] == "an-khe/2015.xlsx › Chỉ tiêu › dòng 26"
    at = open_page(sample_warehouse, monkeypatch, "pages/data_quality.py", lang="en")
    row = table_row(at, "Where it was typed", "an-khe/2016.xlsx › Chỉ tiêu › row 28")
    assert row["Rule"] == "Stated change does not match the figures"
    assert "the report says 'giảm 1 thôn, làng, TDP'" in row["What disagrees (with the figures)"]


def test_a_warehouse_built_before_the_checks_shows_none(sample_warehouse: Path, tmp_path: Path) -> None:
    from analysis.queries import Reader

    old = tmp_path / "chitieu.duckdb"
    shutil.copy(sample_warehouse, old)
    conn = duckdb.connect(str(old))
    conn.execute("DROP TABLE consistency_warnings")
    conn.close()
    assert Reader(old).consistency_warnings("an-khe").is_empty()
    assert Reader(sample_warehouse).consistency_warnings("an-khe").height == 4


# --- a generated raw-data folder, end to end --------------------------------------------------------


def _generated_raw(root: Path, revenue_2020: float, only_year: int | None = None) -> Path:
    """A town's catalog, units and yearly workbooks, written by the template writer as clerks fill them:
    budget revenue growing ~4% a year with ``revenue_2020`` typed for 2020; a 2022 output structure
    adding up to 97%, a 2023 one to 100,1%; output growth of 25% against levels 1.000 → 1.100; retail
    turnover of 95% of plan against 450 of 500. ``only_year``: rewrite that year's workbook only."""
    from pipelines.template import SheetData, WorkbookContent, write_workbook

    def item(code, name, unit, aggregation="Cộng dồn", **links):
        return {
            "indicator_code": code,
            "name_vi": name,
            "unit": unit,
            "family": "Kinh tế",
            "direction": "Càng cao càng tốt",
            "aggregation": aggregation,
            **links,
        }

    catalog = [
        item("budget_revenue", "Thu ngân sách trên địa bàn", "tỷ đồng"),
        item("retail_turnover", "Tổng mức bán lẻ hàng hóa", "tỷ đồng"),
        item("production_value_total", "Tổng giá trị sản xuất", "tỷ đồng"),
        item("gdp_growth_rate", "Tốc độ tăng giá trị sản xuất", "%", "Tỷ lệ", growth_of="production_value_total"),
        *(
            item(code, name, "%", "Tỷ lệ", part_of="production_value_total")
            for code, name in (
                ("structure_agriculture_share", "Cơ cấu: nông, lâm, thủy sản"),
                ("structure_industry_share", "Cơ cấu: công nghiệp, xây dựng"),
                ("structure_services_share", "Cơ cấu: thương mại, dịch vụ"),
            )
        ),
    ]
    codes = [c["indicator_code"] for c in catalog]
    town = "thi-xa-moi"
    revenue = {**REVENUE, 2020: revenue_2020}
    units = [
        {"code": "tinh-moi", "name_vi": "Tỉnh Mới", "level": "Tỉnh"},
        {"code": town, "name_vi": "Thị xã Mới", "level": "Thị xã", "parent_code": "tinh-moi"},
    ]
    if only_year is not None:
        revenue = {only_year: revenue[only_year]}
    else:
        write_workbook(
            root / "danh-muc-chi-tieu.xlsx",
            WorkbookContent(kind="catalog", sheets={"catalog": SheetData(rows=catalog)}),
            codes,
        )
        write_workbook(
            root / town / "don-vi.xlsx",
            WorkbookContent(kind="localities", locality_code=town, sheets={"localities": SheetData(rows=units)}),
            codes,
        )
    extra = {
        2022: [
            ("production_value_total", 1000, None, None),
            ("structure_agriculture_share", "10,0", None, None),
            ("structure_industry_share", "52,0", None, None),
            ("structure_services_share", "35,0", None, None),
        ],
        2023: [
            ("production_value_total", 1100, None, None),
            ("gdp_growth_rate", 25, None, None),
            ("structure_agriculture_share", "10,1", None, None),
            ("structure_industry_share", "52,7", None, None),
            ("structure_services_share", "37,3", None, None),
            ("retail_turnover", 450, "500", 95),
        ],
    }
    for year in sorted(set(revenue) | ({only_year} if only_year else set(extra))):
        rows = []
        if year in revenue:
            rows.append({"indicator_code": "budget_revenue", "actual": revenue[year], "actual_status": "Chính thức"})
        for code, actual, target, pct in extra.get(year, []):
            rows.append(
                {
                    "indicator_code": code,
                    "actual": actual,
                    "actual_status": "Chính thức",
                    "target_text": target,
                    "reported_pct": pct,
                }
            )
        write_workbook(
            root / town / f"{year}.xlsx",
            WorkbookContent(
                kind="year",
                locality_code=town,
                locality_name="Thị xã Mới",
                period=str(year),
                sheets={"indicators": SheetData(rows=rows)},
            ),
            codes,
        )
    return root


@pytest.mark.slow
def test_a_generated_town_gets_one_warning_per_planted_error_and_a_fix_clears_its_own(tmp_path: Path) -> None:
    from pipelines.build import build

    raw = _generated_raw(tmp_path / "raw", revenue_2020=590.0)
    warehouse = tmp_path / "chitieu.duckdb"
    result = build(raw, warehouse)
    assert result.success, result.steps_failed
    assert "consistency_warnings:figures_consistent" in result.checks_warned
    assert not result.checks_failed  # warnings never fail a load
    assert result.counts["figures_disagreeing"] == 4  # what 'chitieu build' prints
    sql = "SELECT rule, indicator_code, period, message_vi FROM consistency_warnings ORDER BY period, rule"
    found = _rows(warehouse, sql)
    assert [r[:3] for r in found] == [
        ("yoy_jump", "budget_revenue", "2020"),
        ("shares_sum", "production_value_total", "2022"),
        ("growth_vs_levels", "gdp_growth_rate", "2023"),
        ("pct_of_plan", "retail_turnover", "2023"),
    ]
    assert "590 tỷ đồng năm 2020 so với 118 tỷ đồng năm 2019" in found[0][3]
    assert "cộng lại 97%" in found[1][3]
    assert "từ 1.000 tỷ đồng (2022) lên 1.100 tỷ đồng (2023) là 10%/năm" in found[2][3]
    assert "450 tỷ đồng ÷ kế hoạch 500 tỷ đồng = 90%" in found[3][3]
    # Where the 2020 figure was typed: the workbook, its sheet and row.
    (cell,) = _rows(
        warehouse, "SELECT source_file, source_sheet, source_row FROM consistency_warnings WHERE rule = 'yoy_jump'"
    )
    assert cell[:2] == ("thi-xa-moi/2020.xlsx", "Chỉ tiêu") and cell[2] > 7
    # The clerk corrects 2020 and reloads that year: its warning goes, the others stay.
    _generated_raw(raw, revenue_2020=123.0, only_year=2020)
    assert build(raw, warehouse, period="2020").success
    assert [r[:3] for r in _rows(warehouse, sql)] == [
        ("shares_sum", "production_value_total", "2022"),
        ("growth_vs_levels", "gdp_growth_rate", "2023"),
        ("pct_of_plan", "retail_turnover", "2023"),
    ]


def test_the_approver_sees_the_periods_disagreeing_figures_before_approving(sample_warehouse, signed) -> None:
    from tests.signin import open_app, sign_in

    at = sign_in(open_app(sample_warehouse, signed, year="2016"), "duyet-gia-lai")
    at.switch_page("pages/approvals.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Số liệu kỳ 2016 không khớp nhau" in h.value for h in at.subheader)
    assert any("2 cảnh báo" in w.value for w in at.warning)
    rows = [r for frame in at.dataframe for r in frame.value.to_dict("records") if "Nơi ghi số liệu" in r]
    assert [(r["Quy tắc"], r["Nơi ghi số liệu"]) for r in rows] == [
        ("Tỷ lệ không khớp tử số và mẫu số", "an-khe/2016.xlsx › Chỉ tiêu › dòng 21"),
        ("Mức tăng, giảm báo cáo nêu không khớp số liệu", "an-khe/2016.xlsx › Chỉ tiêu › dòng 28"),
    ]
    assert "53 ÷ tổng số thôn, làng, tổ dân phố 90 = 58,9%" in rows[0]["Điều không khớp (kèm số liệu)"]
    assert "báo cáo ghi 'giảm 1 thôn, làng, TDP'" in rows[1]["Điều không khớp (kèm số liệu)"]


def test_a_units_sum_listed_beside_its_units_table_is_not_listed_twice() -> None:
    from analysis.quality import beside_unit_sums

    warnings = pl.DataFrame(
        {
            "locality_code": ["tp", "tp", "tp"],
            "indicator_code": ["party_members_total", "party_members_total", "party_members_total"],
            "period": ["2024", "2023", "2024"],
            "rule": ["units_sum", "units_sum", "yoy_jump"],
        }
    )
    shown = pl.DataFrame({"locality_code": ["tp"], "indicator_code": ["party_members_total"], "period": ["2024"]})
    kept = beside_unit_sums(warnings, shown)
    assert kept.select("period", "rule").rows() == [("2023", "units_sum"), ("2024", "yoy_jump")]
    assert beside_unit_sums(warnings, shown.clear()).height == 3


# --- a rate against its count and total --------------------------------------------------------------

RATES = pl.DataFrame(
    [
        {"indicator_code": "village_rate", "name_vi": "Tỷ lệ thôn văn hóa", "unit": "%"},
        {"indicator_code": "villages_ok", "name_vi": "Số thôn văn hóa", "unit": "thôn"},
        {"indicator_code": "villages", "name_vi": "Tổng số thôn", "unit": "thôn"},
        {"indicator_code": "birth_rate", "name_vi": "Tỷ suất sinh", "unit": "‰"},
        {"indicator_code": "births", "name_vi": "Số trẻ sinh ra", "unit": "trẻ"},
        {"indicator_code": "people", "name_vi": "Dân số", "unit": "người"},
    ]
).with_columns(
    pl.col("indicator_code")
    .replace_strict({"village_rate": "villages_ok", "birth_rate": "births"}, default=None)
    .alias("numerator_of"),
    pl.col("indicator_code")
    .replace_strict({"village_rate": "villages", "birth_rate": "people"}, default=None)
    .alias("denominator_of"),
)


def _counted(code: str, period: str, value: float, decimals: int = 0) -> dict:
    unit = dict(RATES.select("indicator_code", "unit").iter_rows())[code]
    row = fig("households", period, value, decimals)
    at = 10 + RATES.get_column("indicator_code").to_list().index(code)  # each indicator on its own row
    return {**row, "indicator_code": code, "indicator_name_vi": code, "unit": unit, "actual_source_row": at}


def test_a_rate_its_count_and_total_contradict_is_a_warning_with_all_three_cells() -> None:
    rows = [
        *(_counted("village_rate", y, v, d) for y, v, d in [("2014", 73, 0), ("2015", 92, 0), ("2016", 89.9, 1)]),
        *(_counted("villages_ok", y, v) for y, v in [("2014", 65), ("2015", 82), ("2016", 53)]),
        *(_counted("villages", y, v) for y, v in [("2014", 89), ("2015", 89), ("2016", 90)]),
        _counted("village_rate", "2017", 94.4, 1),  # no count that year: nothing to compare
        _counted("birth_rate", "2016", 5, 0),  # 12 births ÷ 2.400 people = 5‰
        _counted("births", "2016", 12),
        _counted("people", "2016", 2400),
        _counted("birth_rate", "2015", 8, 0),  # 12 ÷ 2.400 again: 5‰, not 8‰
        _counted("births", "2015", 12),
        _counted("people", "2015", 2400),
    ]
    found = rates_vs_counts(mart(rows), RATES)
    assert sorted(found.select("indicator_code", "period").rows()) == [("birth_rate", "2015"), ("village_rate", "2016")]
    village = found.filter(pl.col("indicator_code") == "village_rate").row(0, named=True)
    assert (village["rule"], village["value"], round(village["expected"], 2)) == ("rate_vs_counts", 89.9, 58.89)
    assert "báo cáo ghi 89,9%, nhưng số thôn văn hóa 53 ÷ tổng số thôn 90 = 58,9%" in village["message_vi"]
    assert "the report says 89.9%, but" in village["message_en"]
    assert (village["source_file"], village["source_row"]) == ("an-khe/2016.xlsx", 10)
    assert village["related_source"] == "an-khe/2016.xlsx › Chỉ tiêu › dòng 11; an-khe/2016.xlsx › Chỉ tiêu › dòng 12"
    birth = found.filter(pl.col("indicator_code") == "birth_rate").row(0, named=True)
    assert "báo cáo ghi 8‰" in birth["message_vi"] and "= 5‰" in birth["message_vi"]
    # A total of zero, or a catalog without the links, says nothing.
    no_villages = [*rows[:6], *[{**r, "actual": 0.0} for r in rows[6:9]]]
    assert rates_vs_counts(mart(no_villages), RATES).is_empty()
    assert rates_vs_counts(mart(rows), RATES.drop("numerator_of", "denominator_of")).is_empty()
