"""The warehouse through Dagster: revisions, idempotent re-runs, bad files, readers during a publish."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import duckdb
import polars as pl
import pytest

from pipelines.build import build
from pipelines.template import SheetData, WorkbookContent, write_workbook
from tests.conftest import SAMPLE_RAW

SRC = "[001] Bài viết 'Những thành tựu đáng tự hào' (tháng 02/2024)"


def _raw_root(tmp_path: Path) -> Path:
    root = tmp_path / "raw"
    (root / "an-khe").mkdir(parents=True)
    shutil.copy(SAMPLE_RAW / "danh-muc-chi-tieu.xlsx", root)
    shutil.copy(SAMPLE_RAW / "an-khe" / "don-vi.xlsx", root / "an-khe")
    return root


def _write_2023(
    root: Path, production: str = "18.797,39", status: str = "Ước thực hiện", poverty: str = "1,42"
) -> Path:
    rows = [
        {
            "indicator_code": "production_value_total",
            "unit": "tỷ đồng",
            "actual": production,
            "actual_status": status,
            "reported_pct": "100,3",
            "source_document": SRC,
        },
        {
            "indicator_code": "party_members_admitted",
            "unit": "đảng viên",
            "actual": 75,
            "actual_status": "Chính thức",
            "reported_pct": "101,35",
            "source_document": SRC,
        },
        {
            "indicator_code": "poverty_rate",
            "unit": "%",
            "target_text": "dưới 1,5%",
            "actual": poverty,
            "actual_status": "Chính thức",
            "source_document": SRC,
        },
    ]
    content = WorkbookContent(
        kind="year",
        locality_code="an-khe",
        locality_name="Thị xã An Khê",
        period="2023",
        sheets={"indicators": SheetData(rows=rows)},
    )
    return write_workbook(root / "an-khe" / "2023.xlsx", content)


def _query(path: Path, sql: str) -> pl.DataFrame:
    conn = duckdb.connect(str(path), read_only=True)
    try:
        return conn.sql(sql).pl()
    finally:
        conn.close()


def _actuals(path: Path, code: str) -> pl.DataFrame:
    return _query(
        path,
        f"SELECT value, actual_status, revision, is_current FROM indicator_actuals "
        f"WHERE indicator_code = '{code}' AND period = '2023' ORDER BY revision",
    )


def test_sample_build_publishes_the_seed_figures(sample_warehouse: Path) -> None:
    mart = _query(
        sample_warehouse, "SELECT * FROM mart_target_vs_actual WHERE locality_code = 'an-khe' AND period = '2023'"
    )
    pv = mart.filter(pl.col("indicator_code") == "production_value_total").row(0, named=True)
    assert pv["actual"] == pytest.approx(18797.39)
    assert pv["achievement_pct"] == pytest.approx(100.3)
    assert pv["status"] == "vuot"
    assert pv["target_is_derived"] and pv["target_value"] == pytest.approx(18797.39 / 1.003)
    party = mart.filter(pl.col("indicator_code") == "party_members_admitted").row(0, named=True)
    assert party["actual"] == 75 and party["achievement_pct"] == pytest.approx(101.35)
    assert round(party["target_value"]) == 74
    assert party["actual_source_file"] == "an-khe/2023.xlsx" and party["actual_source_row"] > 9
    assert "75 đảng viên" in party["actual_source_quote"]
    issues = _query(sample_warehouse, "SELECT count(*) AS n FROM validation_issues")
    assert issues.item() == 0


@pytest.mark.slow
def test_reloading_an_official_figure_keeps_the_estimate_as_history(tmp_path: Path) -> None:
    root, wh = _raw_root(tmp_path), tmp_path / "wh" / "chitieu.duckdb"
    _write_2023(root, production="18.797,39", status="Ước thực hiện")
    assert build(raw_root=root, warehouse_path=wh).success
    _write_2023(root, production="18.802,5", status="Chính thức")
    assert build(period="2023", raw_root=root, warehouse_path=wh).success

    history = _actuals(wh, "production_value_total")
    assert history.rows() == [(18797.39, "estimate", 1, False), (18802.5, "official", 2, True)]
    mart = _query(
        wh,
        "SELECT actual, actual_status, actual_revisions FROM mart_target_vs_actual "
        "WHERE indicator_code = 'production_value_total' AND period = '2023'",
    )
    assert mart.rows() == [(18802.5, "official", 2)]
    # The unchanged figures did not gain revisions.
    assert _actuals(wh, "party_members_admitted").height == 1


@pytest.mark.slow
def test_rerunning_with_the_same_inputs_changes_nothing(tmp_path: Path) -> None:
    root, wh = _raw_root(tmp_path), tmp_path / "wh" / "chitieu.duckdb"
    _write_2023(root)
    stable = {
        "indicator_targets": "locality_code, indicator_code, period, target_text, target_low, target_high",
        "indicator_actuals": "locality_code, indicator_code, period, value, actual_status, revision, is_current",
        "mart_target_vs_actual": "locality_code, indicator_code, period, actual, target_value, achievement_pct, status",
        "localities": "locality_code, name_vi, parent_code",
        "indicator_catalog": "indicator_code, unit",
    }

    def snapshot() -> dict[str, list]:
        return {t: _query(wh, f"SELECT {cols} FROM {t} ORDER BY ALL").rows() for t, cols in stable.items()}

    assert build(raw_root=root, warehouse_path=wh).success
    first = snapshot()
    assert build(raw_root=root, warehouse_path=wh).success
    assert build(period="2023", raw_root=root, warehouse_path=wh).success
    assert snapshot() == first
    keys = _query(wh, "SELECT indicator_code, period, count(*) AS n FROM indicator_actuals GROUP BY ALL HAVING n > 1")
    assert keys.height == 0


@pytest.mark.slow
def test_a_broken_file_never_erases_earlier_data(tmp_path: Path) -> None:
    root, wh = _raw_root(tmp_path), tmp_path / "wh" / "chitieu.duckdb"
    book = _write_2023(root)
    assert build(raw_root=root, warehouse_path=wh).success
    before = _query(wh, "SELECT indicator_code, value FROM indicator_actuals WHERE is_current ORDER BY ALL").rows()
    assert len(before) == 3

    book.write_bytes(b"PK\x03\x04 this zip is truncated")  # a half-copied file
    result = build(period="2023", raw_root=root, warehouse_path=wh)
    assert result.success  # the run reports the file; it does not crash
    assert "indicator_actuals:workbooks_readable" in result.checks_failed
    assert (
        _query(wh, "SELECT indicator_code, value FROM indicator_actuals WHERE is_current ORDER BY ALL").rows() == before
    )
    issue = _query(wh, "SELECT file, rule, message_vi FROM validation_issues WHERE asset = 'indicators'").row(
        0, named=True
    )
    assert issue["file"] == "an-khe/2023.xlsx" and issue["rule"] == "file_unreadable"
    log = _query(wh, "SELECT status FROM load_log WHERE asset = 'indicators' ORDER BY loaded_at DESC LIMIT 1")
    assert log.item() == "failed"


@pytest.mark.slow
def test_a_rejected_row_keeps_its_earlier_value_and_good_rows_still_load(tmp_path: Path) -> None:
    root, wh = _raw_root(tmp_path), tmp_path / "wh" / "chitieu.duckdb"
    _write_2023(root, poverty="1,42")
    assert build(raw_root=root, warehouse_path=wh).success
    _write_2023(root, production="18.900", status="Chính thức", poverty="1,42 %%")
    result = build(period="2023", raw_root=root, warehouse_path=wh)
    assert "indicator_actuals:no_rejected_rows" in result.checks_failed
    assert _actuals(wh, "poverty_rate").rows() == [(1.42, "official", 1, True)]  # kept, not deleted
    assert _actuals(wh, "production_value_total").filter(pl.col("is_current")).item(0, "value") == 18900.0
    issue = _query(wh, "SELECT row, \"column\", value, rule FROM validation_issues WHERE rule = 'parse_actual'").row(
        0, named=True
    )
    assert issue == {"row": 12, "column": "H (Thực hiện Cả năm)", "value": "1,42 %%", "rule": "parse_actual"}
    quarantined = _query(wh, "SELECT row, cells FROM quarantine").row(0, named=True)
    assert quarantined["row"] == 12 and "1,42 %%" in quarantined["cells"]


@pytest.mark.slow
def test_a_reader_keeps_reading_while_a_load_publishes(tmp_path: Path) -> None:
    root, wh = _raw_root(tmp_path), tmp_path / "wh" / "chitieu.duckdb"
    _write_2023(root, production="18.797,39")
    assert build(raw_root=root, warehouse_path=wh).success

    reader = duckdb.connect(str(wh), read_only=True)  # a dashboard query in flight
    sql = "SELECT actual FROM mart_target_vs_actual WHERE indicator_code = 'production_value_total' AND period = '2023'"
    assert reader.sql(sql).fetchall() == [(18797.39,)]

    errors: list[BaseException] = []
    seen: set[float] = set()
    stop = threading.Event()

    def poll() -> None:
        # Short-lived read-only connections, as the dashboard opens them, during the whole load.
        while not stop.is_set():
            try:
                conn = duckdb.connect(str(wh), read_only=True)
                seen.update(v for (v,) in conn.sql(sql).fetchall())
                conn.close()
            except BaseException as exc:  # noqa: BLE001 - any failure is the test's subject
                errors.append(exc)

    thread = threading.Thread(target=poll)
    thread.start()
    _write_2023(root, production="18.810", status="Chính thức")
    try:
        assert build(period="2023", raw_root=root, warehouse_path=wh).success
    finally:
        stop.set()
        thread.join()
    assert errors == []
    assert seen <= {18797.39, 18810.0}  # never a half-written state
    assert reader.sql(sql).fetchall() == [(18797.39,)]  # the open connection still sees its snapshot
    reader.close()
    assert _query(wh, sql).item() == 18810.0  # a new connection sees the new publication


@pytest.mark.slow
def test_one_locality_or_one_file_can_be_rerun_alone(tmp_path: Path) -> None:
    root, wh = _raw_root(tmp_path), tmp_path / "wh" / "chitieu.duckdb"
    _write_2023(root)
    other = root / "pleiku"
    other.mkdir()
    content = WorkbookContent(
        kind="year",
        locality_code="pleiku",
        locality_name="Thành phố Pleiku",
        period="2023",
        sheets={
            "indicators": SheetData(
                rows=[{"indicator_code": "poverty_rate", "unit": "%", "actual": "0,8", "actual_status": "Chính thức"}]
            )
        },
    )
    write_workbook(other / "2023.xlsx", content)
    assert build(raw_root=root, warehouse_path=wh).success
    (other / "2023.xlsx").write_text("broken")
    _write_2023(root, poverty="1,3")
    assert build(period="2023", locality="an-khe", raw_root=root, warehouse_path=wh).success
    rows = _query(
        wh,
        "SELECT locality_code, value FROM indicator_actuals WHERE indicator_code = 'poverty_rate' AND is_current ORDER BY ALL",
    )
    assert rows.rows() == [("an-khe", 1.3), ("pleiku", 0.8)]
    # The marts were recomputed for An Khê only; Pleiku's rows are still there, unchanged.
    mart = _query(
        wh,
        "SELECT locality_code, actual FROM mart_target_vs_actual WHERE indicator_code = 'poverty_rate' "
        "AND period = '2023' ORDER BY ALL",
    )
    assert mart.rows() == [("an-khe", 1.3), ("pleiku", 0.8)]
    # The broken Pleiku file was outside the run: nothing was reported about it.
    assert (
        _query(wh, "SELECT count(*) FROM validation_issues WHERE file LIKE 'pleiku/%' AND severity = 'error'").item()
        == 0
    )
    _write_2023(root, poverty="1,25")
    assert build(file="an-khe/2023.xlsx", raw_root=root, warehouse_path=wh).success
    assert (
        _query(
            wh,
            "SELECT value FROM indicator_actuals WHERE indicator_code = 'poverty_rate' AND locality_code = 'an-khe' "
            "AND is_current",
        ).item()
        == 1.25
    )


@pytest.mark.slow
def test_load_log_records_file_hash_and_row_counts(tmp_path: Path) -> None:
    root, wh = _raw_root(tmp_path), tmp_path / "wh" / "chitieu.duckdb"
    book = _write_2023(root)
    assert build(raw_root=root, warehouse_path=wh).success
    import hashlib

    log = _query(wh, "SELECT * FROM load_log WHERE asset = 'indicators'").row(0, named=True)
    assert log["file"] == "an-khe/2023.xlsx"
    assert log["file_hash"] == hashlib.sha256(book.read_bytes()).hexdigest()
    assert (log["status"], log["rows_read"], log["rows_loaded"], log["rows_rejected"]) == ("loaded", 3, 3, 0)
    meta = _query(wh, "SELECT published_at, table_rows FROM warehouse_meta").row(0, named=True)
    assert meta["published_at"] is not None and '"indicator_actuals": 3' in meta["table_rows"]


@pytest.mark.slow
def test_batches_of_localities_change_nothing_in_what_is_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A national run parses, validates and computes marts a batch of localities at a time;
    the warehouse must be the one a single pass gives, rejections and duplicates included."""
    import pipelines.assets.marts as marts_asset
    import pipelines.validation as validation

    root = tmp_path / "raw"
    shutil.copytree(SAMPLE_RAW, root)
    (root / "pleiku").mkdir()
    rows = [
        {"indicator_code": "poverty_rate", "unit": "%", "target_text": "dưới 2%", "actual": "0,8"},
        {"indicator_code": "poverty_rate", "unit": "%", "actual": "0,9"},  # stated twice: kept, warned
        {"indicator_code": "khong_co_ma_nay", "unit": "%", "actual": "5"},  # unknown code: rejected
        {"indicator_code": "party_members_admitted", "unit": "đảng viên", "target_text": "trên 60", "actual": 64},
    ]
    content = WorkbookContent(
        kind="year",
        locality_code="pleiku",
        locality_name="Thành phố Pleiku",
        period="2023",
        sheets={"indicators": SheetData(rows=[{**r, "actual_status": "Chính thức"} for r in rows])},
    )
    write_workbook(root / "pleiku" / "2023.xlsx", content)

    queries = {
        "targets": "SELECT locality_code, indicator_code, period, target_form, target_low, target_high "
        "FROM indicator_targets ORDER BY ALL",
        "actuals": "SELECT locality_code, indicator_code, period, value, actual_status, revision "
        "FROM indicator_actuals ORDER BY ALL",
        "issues": 'SELECT file, sheet, row, "column", rule FROM validation_issues ORDER BY ALL',
        "mart": "SELECT locality_code, indicator_code, period, actual, achievement_pct, status "
        "FROM mart_target_vs_actual ORDER BY ALL",
        "progress": "SELECT * FROM mart_term_progress ORDER BY ALL",
    }

    def snapshot(name: str) -> dict[str, list]:
        wh = tmp_path / name / "chitieu.duckdb"
        assert build(raw_root=root, warehouse_path=wh).success
        return {k: _query(wh, q).rows() for k, q in queries.items()}

    whole = snapshot("whole")
    seen: list[int] = []
    real_batches = validation.locality_batches

    def spy(frame: pl.DataFrame, max_rows: int | None = None):
        for batch in real_batches(frame, max_rows):
            if "indicator_code" in batch.columns:  # the indicator sheet's batches (every family batches)
                seen.append(batch.get_column("locality_code").n_unique())
            yield batch

    monkeypatch.setattr(validation, "BATCH_ROWS", 1)
    monkeypatch.setattr("pipelines.loading.locality_batches", spy)
    monkeypatch.setattr(marts_asset, "MART_BATCH_LOCALITIES", 1)
    batched = snapshot("batched")
    # An Khê, its communes and wards that report (the sample's units) and Pleiku: each in its own batch.
    localities = {r[0] for r in whole["targets"] + whole["actuals"]}
    assert seen == [1] * len(localities) and {"an-khe", "pleiku"} <= localities, seen
    assert ("pleiku", "party_members_admitted", "2023", 64.0, "official", 1) in batched["actuals"]
    # Issue #10: a duplicate never deletes the row that was there; the first statement's figure is used.
    assert [r for r in batched["actuals"] if r[:2] == ("pleiku", "poverty_rate")] == [
        ("pleiku", "poverty_rate", "2023", 0.8, "official", 1)
    ]
    assert {r[4] for r in batched["issues"] if r[0] == "pleiku/2023.xlsx"} >= {
        "actual_stated_twice",
        "known_indicator_code",
    }
    for key in queries:
        assert batched[key] == whole[key], key


def test_locality_batches_keep_each_locality_whole() -> None:
    from pipelines.validation import locality_batches

    frame = pl.DataFrame({"locality_code": ["a", "a", "a", "b", "b", "c", "c", "c", "c", None], "x": range(10)})
    batches = list(locality_batches(frame, max_rows=5))
    assert [sorted(b.get_column("x").to_list()) for b in batches] == [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9]]
    assert list(locality_batches(frame, max_rows=100))[0].height == 10
