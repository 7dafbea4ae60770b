"""Workbooks that offices filled from an earlier release's template keep loading.

``tests/data/release-2026-11/`` holds workbooks written by the release of November 2026 (commit
20aae4e: before the format grew 'Chỉ tiêu áp dụng', 'Loại văn bản giao', 'Đơn vị thực hiện' and
the qualified figures). They must load today with nothing rejected and the same figures: read and
validated sheet by sheet in the fast tier, and through a whole Dagster build in the slow tier.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl
import pytest

from pipelines.build import build
from pipelines.families import FAMILIES
from tests.helpers import run_family

RELEASE = Path(__file__).resolve().parent / "data" / "release-2026-11"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("release") / "chitieu.duckdb"
    result = build(RELEASE, out)
    assert result.success, result.steps_failed
    return out


def _one(warehouse: Path, sql: str, *params: object) -> tuple:
    conn = duckdb.connect(str(warehouse), read_only=True)
    try:
        return conn.execute(sql, list(params)).fetchone()
    finally:
        conn.close()


def test_every_sheet_of_a_previous_release_workbook_reads_with_nothing_rejected() -> None:
    read = {}
    for name, family in FAMILIES.items():
        result = run_family(RELEASE, family)
        assert result.file_issues.is_empty(), (name, result.file_issues.rows())
        errors = result.issues.filter(pl.col("severity") == "error") if result.issues.height else result.issues
        assert errors.is_empty(), (name, errors.rows())
        read[name] = result
    assert read["indicators"].validated.valid.height == 63 and read["localities"].validated.valid.height == 19
    production = read["indicators"].validated.valid.filter(
        (pl.col("indicator_code") == "production_value_total") & (pl.col("period") == "2023")
    )
    assert production.get_column("actual").to_list() == [18797.39]


@pytest.mark.slow
def test_a_previous_release_workbook_loads_with_nothing_rejected(warehouse: Path) -> None:
    errors = _one(warehouse, "SELECT count(*) FROM validation_issues WHERE severity = 'error'")[0]
    assert errors == 0
    loaded = _one(
        warehouse, "SELECT count(DISTINCT file) FROM load_log WHERE status = 'loaded' AND asset = 'indicators'"
    )
    assert loaded[0] == 3  # 2023, 2024 and the 2020–2025 term


@pytest.mark.slow
def test_a_previous_release_workbook_gives_the_same_figures(warehouse: Path) -> None:
    # [001]: "tổng giá trị sản xuất … đạt 18.797,39 tỷ đồng, bằng 100,3% kế hoạch"
    actual, pct, status = _one(
        warehouse,
        "SELECT actual, achievement_pct, status FROM mart_target_vs_actual WHERE locality_code = 'an-khe'"
        " AND indicator_code = 'production_value_total' AND period = '2023'",
    )
    assert (actual, round(pct, 1), status) == (18797.39, 100.3, "vuot")
    target, statements, binding = _one(
        warehouse,
        "SELECT target_text, target_statements, target_source_kind FROM mart_target_vs_actual"
        " WHERE locality_code = 'an-khe' AND indicator_code = 'party_members_admitted' AND period = '2020-2025'",
    )
    # One statement of the congress target, its source taken from the term workbook.
    assert (target, statements, binding) == ("trên 370", 1, "congress")
