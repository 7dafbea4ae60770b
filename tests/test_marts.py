"""Achievement and term-progress formulas, checked on figures from the seed documents."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import duckdb
import polars as pl
import pytest

from pipelines.build import build
from pipelines.template import SheetData, WorkbookContent, write_workbook
from pipelines.transforms.marts import (
    achievement_pct,
    cagr_pct,
    direction_aware_reported,
    geometric_mean_rate,
    required_average_rate_pct,
    sdg_grade,
    status_from_pct,
    status_from_target,
    target_point,
)
from tests.conftest import SAMPLE_RAW


def test_2023_production_value_is_100_3_pct_of_plan() -> None:
    # [001]: "tổng giá trị sản xuất (giá hiện hành) đạt 18.797,39 tỷ đồng, bằng 100,3% kế hoạch"
    plan = 18797.39 / 1.003
    assert achievement_pct(18797.39, plan, "higher_is_better") == pytest.approx(100.3)
    assert status_from_pct(100.3, "higher_is_better") == "vuot"


def test_75_admissions_is_101_35_pct_of_a_plan_of_74() -> None:
    # [001]: "kết nạp 75 đảng viên, đạt 101,35% so với kế hoạch"
    plan = 75 / 1.0135
    assert round(plan) == 74
    assert achievement_pct(75, plan, "higher_is_better") == pytest.approx(101.35)
    assert status_from_target(75, "exact", 74, 74, "higher_is_better") == "vuot"


def test_lower_is_better_is_judged_the_other_way() -> None:
    # Poverty 1,42% in 2023 against the 2025 target 1,5%.
    assert achievement_pct(1.42, 1.5, "lower_is_better") == pytest.approx(105.633, abs=1e-3)
    assert status_from_target(1.42, "exact", 1.5, 1.5, "lower_is_better") == "vuot"
    assert status_from_target(1.6, "exact", 1.5, 1.5, "lower_is_better") == "khong_dat"
    # A report's 'bằng 95% kế hoạch' for a lower-is-better figure means better than plan.
    assert direction_aware_reported(95.0, "lower_is_better") == pytest.approx(105.263, abs=1e-3)


@pytest.mark.parametrize(
    ("actual", "form", "low", "high", "direction", "expected"),
    [
        # "trên 370" party admissions over the term
        (382, "min", 370, None, "higher_is_better", "vuot"),
        (370, "min", 370, None, "higher_is_better", "dat"),
        (300, "min", 370, None, "higher_is_better", "khong_dat"),
        # "dưới 3,0%" near-poor households
        (2.24, "max", None, 3.0, "lower_is_better", "vuot"),
        (3.0, "max", None, 3.0, "lower_is_better", "dat"),
        (3.1, "max", None, 3.0, "lower_is_better", "khong_dat"),
        # a range "6,6–6,8"
        (6.7, "range", 6.6, 6.8, "higher_is_better", "dat"),
        (6.9, "range", 6.6, 6.8, "higher_is_better", "vuot"),
        (6.5, "range", 6.6, 6.8, "higher_is_better", "khong_dat"),
        (6.5, "range", 6.6, 6.8, "lower_is_better", "vuot"),
        # "khoảng 4" is met within ±5%
        (4.1, "about", 4, 4, "higher_is_better", "dat"),
        (4.5, "about", 4, 4, "higher_is_better", "vuot"),
        (4.5, "about", 4, 4, "neutral", "khong_dat"),
        # a structure share target (neutral): 7,66% agriculture in 2025
        (7.7, "exact", 7.66, 7.66, "neutral", "dat"),
        (10.03, "exact", 7.66, 7.66, "neutral", "khong_dat"),
        # exact higher-is-better: 12,5%/year growth reported 12,5
        (12.5, "exact", 12.5, 12.5, "higher_is_better", "dat"),
        (None, "exact", 12.5, 12.5, "higher_is_better", None),
    ],
)
def test_status_honours_the_target_form(actual, form, low, high, direction, expected) -> None:
    assert status_from_target(actual, form, low, high, direction) == expected


def test_the_figure_a_target_is_measured_against() -> None:
    assert target_point("min", 370, None, "higher_is_better") == 370
    assert target_point("max", None, 3.0, "lower_is_better") == 3.0
    assert target_point("range", 6.6, 6.8, "higher_is_better") == 6.6
    assert target_point("range", 6.6, 6.8, "lower_is_better") == 6.8
    assert target_point("range", 6.6, 6.8, "neutral") == pytest.approx(6.7)


@pytest.mark.parametrize(
    ("ratio", "grade"),
    [
        (1.27, "on_track"),
        (0.95, "on_track"),
        (0.94, "acceleration_needed"),
        (0.5, "acceleration_needed"),
        (0.49, "limited_progress"),
        (-0.1, "limited_progress"),
        (-0.11, "regressing"),
        (None, "insufficient_data"),
    ],
)
def test_un_sdg_progress_thresholds(ratio, grade) -> None:
    assert sdg_grade(ratio) == grade


def test_average_growth_is_geometric() -> None:
    assert geometric_mean_rate([12.0, 13.0]) == pytest.approx((math.sqrt(1.12 * 1.13) - 1) * 100)
    assert geometric_mean_rate([]) is None


def test_rate_still_required_to_average_the_term_target() -> None:
    # 12,5%/year over 2021–2025; 12,5%/year achieved over 2021–2023 → 12,5% still needed.
    assert required_average_rate_pct(12.5, 12.5, 5, 3) == pytest.approx(12.5)
    # Only 10%/year so far: the last two years must make up the difference.
    needed = required_average_rate_pct(12.5, 10.0, 5, 3)
    assert (1.10**3) * (1 + needed / 100) ** 2 == pytest.approx(1.125**5)


def test_health_insurance_is_on_track_by_the_sdg_method() -> None:
    # 87% in 2020 ([000]) → 93,02% in 2023 ([001]); term target 95% by 2025.
    actual = cagr_pct(87, 93.02, 3)
    required = cagr_pct(87, 95, 5)
    assert actual == pytest.approx(2.2553, abs=1e-3)
    assert required == pytest.approx(1.7749, abs=1e-3)
    assert sdg_grade(actual / required) == "on_track"


def _progress(warehouse: Path) -> pl.DataFrame:
    conn = duckdb.connect(str(warehouse), read_only=True)
    try:
        return conn.sql("SELECT * FROM mart_term_progress").pl()
    finally:
        conn.close()


def _row(frame: pl.DataFrame, code: str, term: str) -> dict:
    return frame.filter((pl.col("indicator_code") == code) & (pl.col("term") == term)).row(0, named=True)


def test_term_progress_on_the_sample(sample_warehouse: Path) -> None:
    progress = _progress(sample_warehouse)

    party = _row(progress, "party_members_admitted", "2020-2025")  # "trên 370" over the term
    assert (party["target_kind"], party["target_value"], party["actual_to_date"]) == ("cumulative", 370, 75)
    assert party["required_rate"] == pytest.approx(74)  # 370 over five years
    assert party["data_complete"] is False  # only 2023 is reported
    assert "1/3" in party["note"]

    growth = _row(progress, "gdp_growth_rate", "2020-2025")  # 12,5%/year, 12,5% achieved over 2021–2023
    assert (growth["actual_to_date_source"], growth["on_track_grade"]) == ("term_report", "on_track")
    assert growth["required_rate_remaining"] == pytest.approx(12.5)

    health = _row(progress, "health_insurance_coverage", "2020-2025")
    assert (health["baseline_year"], health["baseline_value"], health["as_of_year"]) == (2020, 87, 2023)
    assert health["on_track_ratio"] == pytest.approx(2.2553 / 1.7749, abs=1e-3)
    assert health["on_track_grade"] == "on_track"

    income = _row(progress, "income_per_capita", "2020-2025")  # 51,89 after 'hơn 2 năm', target 65
    assert income["required_rate_remaining"] == pytest.approx(((65 / 51.89) ** 0.5 - 1) * 100)
    assert income["on_track_grade"] == "insufficient_data"  # no baseline year in the documents

    assert _row(progress, "poverty_rate", "2020-2025")["on_track_grade"] == "achieved"  # 1,42% ≤ 1,5%

    production = _row(progress, "production_value_total", "2015-2020")  # 7.978,01 = 113,8% of the resolution
    assert production["target_is_derived"] is True
    assert production["target_value"] == pytest.approx(7978.01 / 1.138)
    assert production["on_track_grade"] == "achieved"


@pytest.mark.slow
def test_first_half_is_measured_against_the_annual_target(tmp_path: Path) -> None:
    root = tmp_path / "raw"
    (root / "an-khe").mkdir(parents=True)
    shutil.copy(SAMPLE_RAW / "danh-muc-chi-tieu.xlsx", root)
    shutil.copy(SAMPLE_RAW / "an-khe" / "don-vi.xlsx", root / "an-khe")
    rows = [
        {
            "indicator_code": "production_value_total",
            "target_text": "18.741",
            "h1_actual": "9.500",
            "actual": "18.797,39",
            "actual_status": "Chính thức",
        },
        {
            "indicator_code": "budget_revenue",
            "target_text": "146,88",
            "h1_actual": "60",
            "actual_status": "Ước thực hiện",
        },
        {
            "indicator_code": "poverty_rate",
            "target_text": "1,09%",
            "h1_actual": "1,3",
            "actual_status": "Ước thực hiện",
        },
    ]
    write_workbook(
        root / "an-khe" / "2024.xlsx",
        WorkbookContent(
            kind="year",
            locality_code="an-khe",
            locality_name="Thị xã An Khê",
            period="2024",
            info={"h1_target_pct": "ít nhất là 50%"},
            sheets={"indicators": SheetData(rows=rows)},
        ),
    )
    wh = tmp_path / "wh" / "chitieu.duckdb"
    assert build(raw_root=root, warehouse_path=wh).success
    conn = duckdb.connect(str(wh), read_only=True)
    mart = conn.sql(
        "SELECT indicator_code, h1_actual, h1_pct_of_target, h1_on_track, status FROM mart_target_vs_actual "
        "WHERE period = '2024' ORDER BY indicator_code"
    ).pl()
    conn.close()
    by = {r["indicator_code"]: r for r in mart.iter_rows(named=True)}
    assert by["production_value_total"]["h1_pct_of_target"] == pytest.approx(9500 / 18741 * 100)
    assert by["production_value_total"]["h1_on_track"] is True
    assert by["budget_revenue"]["h1_pct_of_target"] == pytest.approx(60 / 146.88 * 100)
    assert by["budget_revenue"]["h1_on_track"] is False  # 40,8% < 50%
    assert by["budget_revenue"]["status"] == "chua_co_so_lieu"  # no full-year figure yet
    assert by["poverty_rate"]["h1_pct_of_target"] is None  # a rate is not half-way at mid-year
