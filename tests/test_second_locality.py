"""A second locality unlike the sample (Thành phố Sơn Hà, tests/second_locality.py): a city of a
province with 22 wards and communes, 2010–2015 reports and their words, loaded beside An Khê.

Nothing a person would call correct is rejected, and every kind of statement is held as written.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl
import pytest


def _frame(warehouse: Path, sql: str, *params: object) -> pl.DataFrame:
    conn = duckdb.connect(str(warehouse), read_only=True)
    try:
        return conn.sql(sql, params=list(params) or None).pl()
    finally:
        conn.close()


def _mart(warehouse: Path, code: str, period: str, locality: str = "son-ha") -> dict:
    rows = _frame(
        warehouse,
        "SELECT * FROM mart_target_vs_actual WHERE locality_code = ? AND indicator_code = ? AND period = ?",
        locality,
        code,
        period,
    )
    assert rows.height == 1, (code, period, rows.height)
    return rows.row(0, named=True)


def test_the_citys_workbooks_load_with_nothing_rejected(city_warehouse: Path) -> None:
    issues = _frame(
        city_warehouse,
        "SELECT file, \"row\", rule, severity, value FROM validation_issues WHERE file LIKE 'son-ha/%' ORDER BY ALL",
    )
    assert issues.filter(pl.col("severity") == "error").height == 0, issues.rows()
    # What is said is said as a warning: the units converted, the target stated twice with another value.
    assert sorted(issues.get_column("rule").to_list()) == [
        "target_stated_twice",
        "unit_converted",
        "unit_converted",
        "unit_converted",
    ]
    loaded = _frame(city_warehouse, "SELECT count(*) AS n FROM localities WHERE parent_code = 'son-ha'").item()
    assert loaded == 22


def test_qualified_figures_are_read_and_kept_as_written(city_warehouse: Path) -> None:
    health = _mart(city_warehouse, "health_insurance_coverage", "2013")
    assert (health["actual"], health["actual_text"], health["actual_qualifier"], health["status"]) == (
        72.0,
        "gần 72%",
        "nearly",
        "vuot",
    )
    admitted = _mart(city_warehouse, "party_members_admitted", "2014")
    assert (admitted["actual"], admitted["actual_text"], admitted["actual_qualifier"]) == (
        310.0,
        "hơn 310",
        "more_than",
    )
    about = _mart(city_warehouse, "health_insurance_coverage", "2014")
    assert (about["actual_text"], about["actual_qualifier"]) == ("khoảng 76,5%", "about")


def test_units_that_differ_by_a_known_factor_are_converted_and_the_written_ones_kept(city_warehouse: Path) -> None:
    growth = _mart(city_warehouse, "natural_population_growth", "2013")  # 11,6‰ against 'dưới 12‰'
    assert growth["actual"] == pytest.approx(1.16) and growth["target_high"] == pytest.approx(1.2)
    assert (growth["actual_value_written"], growth["actual_unit_written"], growth["status"]) == (11.6, "‰", "vuot")
    assert growth["actual_decimals"] == 2 and growth["target_decimals"] == 1
    budget = _mart(city_warehouse, "budget_revenue", "2013")  # written in triệu đồng, the catalog's tỷ đồng
    assert budget["actual"] == pytest.approx(468.215) and budget["target_value"] == pytest.approx(450.0)
    assert budget["actual_unit_written"] == "triệu đồng" and budget["actual_value_written"] == 468215.0


def test_a_target_stated_twice_keeps_both_and_judges_the_binding_one(city_warehouse: Path) -> None:
    statements = _frame(
        city_warehouse,
        "SELECT statement, is_binding, target_text FROM indicator_targets"
        " WHERE locality_code = 'son-ha' AND indicator_code = 'trained_labour_rate' AND period = '2014' ORDER BY 1",
    )
    assert statements.rows() == [(1, True, "trên 55%"), (2, False, "trên 60%")]
    mart = _mart(city_warehouse, "trained_labour_rate", "2014")
    assert (mart["target_text"], mart["target_statements"], mart["status"]) == ("trên 55%", 2, "vuot")


def test_ratios_comparisons_and_a_named_unit_are_held(city_warehouse: Path) -> None:
    villages = _mart(city_warehouse, "cultural_village_rate", "2013")  # '120/150 thôn, tổ' for a %
    assert (villages["actual"], villages["actual_count"], villages["actual_denominator"]) == (80.0, 120.0, 150.0)
    communes = _mart(city_warehouse, "ntm_communes", "2010-2015")  # '2/8 xã' for a count of communes
    assert (communes["actual"], communes["actual_denominator"]) == (2.0, 8.0)
    compared = _mart(city_warehouse, "production_value_total", "2013")  # no level, only a comparison
    assert compared["actual"] is None and compared["comparison_text"] == "tăng 15% so với năm 2010"
    ea_tu = _mart(city_warehouse, "poverty_rate", "2014", locality="son-ha-ea-tu")
    assert (ea_tu["reported_by"], ea_tu["target_text"], ea_tu["actual"], ea_tu["status"]) == (
        "son-ha",
        "dưới 5%",
        4.8,
        "vuot",
    )


def test_sources_other_than_the_congress_and_the_localitys_own_names(city_warehouse: Path) -> None:
    ntm = _mart(city_warehouse, "ntm_communes", "2010-2015")
    assert ntm["target_source_kind"] == "programme"  # 'Chương trình xây dựng nông thôn mới …'
    assert _mart(city_warehouse, "party_members_admitted", "2010-2015")["target_source_kind"] == "congress"
    assert _mart(city_warehouse, "forest_cover", "2015-2020")["target_source_kind"] == "plan"
    assert _mart(city_warehouse, "gdp_growth_rate", "2013")["target_source_kind"] == "council"
    own = _mart(city_warehouse, "budget_revenue", "2013")
    assert own["indicator_name_local"] == "Thu ngân sách trên địa bàn thành phố"
    assert own["indicator_name_vi"] == "Thu ngân sách trên địa bàn"
    forest = _mart(city_warehouse, "forest_cover", "2014")
    assert forest["actual_decimals"] == 3 and forest["actual"] == 18.625  # never rounded to the catalog's 1


def test_the_words_of_a_city_and_of_its_era(city_warehouse: Path) -> None:
    awards = _frame(
        city_warehouse,
        "SELECT award_title, level, level_text, recipient_kind, period FROM awards WHERE locality_code = 'son-ha'"
        " ORDER BY award_title",
    )
    by_title = {r["award_title"]: r for r in awards.iter_rows(named=True)}
    assert by_title["Giấy khen của Chủ tịch UBND thành phố"]["level"] == "district"  # a city of a province
    assert by_title["Giấy khen của Chủ tịch UBND thành phố"]["level_text"] == "cấp thành phố"
    assert by_title["Giấy khen của Chủ tịch UBND thành phố"]["recipient_kind"] == "mixed"
    assert by_title["Bằng khen của Thủ tướng Chính phủ"]["level"] == "government"
    assert by_title["Bằng khen của Bộ Công an"]["level"] == "ministry"
    assert by_title["Bằng khen của Bộ Công an"]["period"] == "2011-2014"  # a sub-period of the term
    ratings = _frame(
        city_warehouse,
        "SELECT rating, rating_text, org_count FROM party_organisations WHERE locality_code = 'son-ha'"
        " AND rating IS NOT NULL ORDER BY org_count DESC",
    )
    assert ratings.rows() == [("xuat_sac", "Trong sạch, vững mạnh", 41), ("hoan_thanh", "Khá", 19)]
    ntm = _frame(
        city_warehouse,
        "SELECT group_label, unit_count, criteria_version, criteria_met, criteria_met_max, level_reached"
        " FROM ntm_criteria WHERE locality_code = 'son-ha' ORDER BY group_label DESC",
    )
    assert ntm.rows() == [("Các xã", 8, "2010-2015", 9, 14, None), ("2 xã", 2, "2010-2015", None, None, "de_nghi")]
