"""The dashboard and its warehouse file: missing, empty, unreadable, and republished while read."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from analysis import queries
from dashboards import data
from pipelines.warehouse import publish

APP = Path(__file__).resolve().parent.parent / "dashboards" / "app.py"


def run_app(warehouse: Path, monkeypatch: pytest.MonkeyPatch, **params: str) -> AppTest:
    monkeypatch.setenv("CHITIEU_WAREHOUSE", str(warehouse))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params.update(params)
    return at.run()


def production_value_shown(at: AppTest) -> str:
    for frame in at.dataframe:
        df = frame.value
        if "Chỉ tiêu" in df.columns and "Thực hiện" in df.columns:
            hit = df[df["Chỉ tiêu"] == "Tổng giá trị sản xuất"]
            if len(hit):
                return hit.iloc[0]["Thực hiện"]
    raise AssertionError("production value row not shown")


def test_missing_warehouse_says_so_and_gives_the_build_command(tmp_path, monkeypatch):
    at = run_app(tmp_path / "chua-co.duckdb", monkeypatch)
    assert not at.exception
    assert at.header[0].value == "Chưa có kho dữ liệu"
    assert "Không tìm thấy kho dữ liệu tại" in at.warning[0].value
    assert str(tmp_path / "chua-co.duckdb") in at.warning[0].value
    assert at.code[0].value == "make build"
    assert ".venv/bin/chitieu build" in at.caption[0].value
    assert not at.get("plotly_chart")
    # English readers get the same in English; the language switch still works.
    at.radio(key="w_lang").set_value("en").run()
    assert at.header[0].value == "The warehouse has not been built yet"
    assert at.code[0].value == "make build"


def test_empty_warehouse_says_it_holds_no_figures(tmp_path, monkeypatch):
    empty = tmp_path / "rong.duckdb"
    duckdb.connect(str(empty)).close()
    at = run_app(empty, monkeypatch)
    assert not at.exception
    assert at.header[0].value == "Kho dữ liệu chưa có số liệu"
    assert at.code[0].value == "make build"


def test_unreadable_file_is_reported_not_crashed(tmp_path, monkeypatch):
    broken = tmp_path / "hong.duckdb"
    broken.write_bytes(b"this is not a duckdb file" * 100)
    at = run_app(broken, monkeypatch)
    assert not at.exception
    assert at.header[0].value == "Không đọc được kho dữ liệu"
    assert at.code[0].value == "make build"


def _staging_with_production_value(source: Path, dest: Path, value: float) -> Path:
    """A working copy whose 2023 production value is ``value`` (as a new load would leave it)."""
    shutil.copy(source, dest)
    conn = duckdb.connect(str(dest))
    conn.execute(
        "UPDATE mart_target_vs_actual SET actual = ? WHERE indicator_code = 'production_value_total' AND period = '2023'",
        [value],
    )
    conn.close()
    return dest


def test_republished_warehouse_is_shown_and_old_readers_keep_working(sample_warehouse, tmp_path, monkeypatch):
    published = tmp_path / "warehouse" / "chitieu.duckdb"
    published.parent.mkdir()
    shutil.copy(sample_warehouse, published)
    at = run_app(published, monkeypatch, year="2023")
    assert production_value_shown(at) == "18.797,39"

    # A reader (an analyst's notebook, another dashboard session) holds the old file open.
    old_reader = duckdb.connect(str(published), read_only=True)
    before = queries.file_identity(published)

    staging = _staging_with_production_value(sample_warehouse, tmp_path / "chitieu.staging.duckdb", 19000.5)
    publish(staging, published)  # the pipeline's own atomic publish (copy, CHECKPOINT, os.replace)
    assert queries.file_identity(published) != before  # the cache key changes with the file

    at.run()
    assert not at.exception
    assert production_value_shown(at) == "19.000,5"
    # The old reader still sees the file it opened, whole.
    old_value = old_reader.execute(
        "SELECT actual FROM mart_target_vs_actual WHERE indicator_code = 'production_value_total' AND period = '2023'"
    ).fetchone()[0]
    assert old_value == pytest.approx(18797.39)
    old_reader.close()


@pytest.mark.slow
def test_pages_keep_rendering_while_publishes_replace_the_file(sample_warehouse, tmp_path, monkeypatch):
    published = tmp_path / "chitieu.duckdb"
    shutil.copy(sample_warehouse, published)
    versions = {
        "18.797,39": sample_warehouse,
        "19.000,5": _staging_with_production_value(sample_warehouse, tmp_path / "b.duckdb", 19000.5),
    }
    stop = threading.Event()
    replaced = []

    def publisher() -> None:
        sources = list(versions.values())
        i = 0
        while not stop.is_set():
            tmp = tmp_path / f".pub-{i}.tmp"
            shutil.copy(sources[i % 2], tmp)
            os.replace(tmp, published)
            replaced.append(i)
            i += 1
            time.sleep(0.03)

    at = run_app(published, monkeypatch, year="2023")
    thread = threading.Thread(target=publisher, daemon=True)
    thread.start()
    seen = set()
    try:
        for _ in range(5):
            at.run()
            assert not at.exception, [e.value for e in at.exception]
            seen.add(production_value_shown(at))
    finally:
        stop.set()
        thread.join(5)
    assert len(replaced) > 5  # the file really was replaced under the running app
    assert seen <= set(versions)  # always one whole publication, never a mix or an error


def test_a_run_shares_one_connection_closes_it_and_follows_a_publish(
    sample_warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import streamlit as st

    path = tmp_path / "chitieu.duckdb"
    shutil.copy(sample_warehouse, path)
    opened: list[duckdb.DuckDBPyConnection] = []
    real_connect = queries._connect

    def counting_connect(p: str) -> duckdb.DuckDBPyConnection:
        opened.append(real_connect(p))
        return opened[-1]

    monkeypatch.setattr(queries, "_connect", counting_connect)
    warehouse = data.reader(path)  # the dashboard's reader: queries behind st.cache_data
    st.cache_data.clear()
    count = "SELECT count(*) AS n FROM mart_target_vs_actual WHERE period = '2023'"
    with data.shared_connection():
        before = warehouse.query(count).item()
        warehouse.query("SELECT count(*) FROM indicator_targets")
        warehouse.status()
        assert len(opened) == 1, "the queries of one run share one connection"
        # A publish replaces the file in the middle of the run: the next query reads the new file.
        new = tmp_path / "new.duckdb"
        shutil.copy(sample_warehouse, new)
        conn = duckdb.connect(str(new))
        conn.execute("DELETE FROM mart_target_vs_actual WHERE period = '2023'")
        conn.close()
        os.replace(new, path)
        assert warehouse.query(count).item() == 0 < before
        assert len(opened) == 2
    for conn in opened:
        with pytest.raises(duckdb.ConnectionException):
            conn.sql("SELECT 1")
    # Outside an app run (the report exporter, a notebook) every query opens and closes its own.
    st.cache_data.clear()
    warehouse.query(count)
    warehouse.query(count + " AND 1 = 1")
    assert len(opened) == 4
