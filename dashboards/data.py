"""The dashboard's only door to the warehouse.

Every query runs on a short-lived read-only DuckDB connection behind ``st.cache_data`` keyed on
the warehouse path and the file's identity (inode, size, mtime). The pipeline publishes by
``os.replace``: the next query sees a new identity, so the cache misses and the new file is read; a query already running keeps reading the old file to the end. Within one
run of the app (``shared_connection``), the queries the cache misses share one connection, closed
when the page is drawn: opening one costs ~30 ms, and a page after a publish misses a dozen.

Every loader takes the warehouse path last (default: ``CHITIEU_WAREHOUSE``), so the report
exporter and the benchmark can call the same functions outside Streamlit.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TypeVar

import duckdb
import polars as pl
import streamlit as st

T = TypeVar("T")

LOCK_RETRY_S = 3.0
# How many times to start a read again when a publish replaced the file under it.
REPUBLISH_RETRIES = 3
# The tables a page needs before it can show anything.
REQUIRED_TABLES = ("mart_target_vs_actual", "mart_term_progress", "warehouse_meta")
BUILD_COMMAND = "make build"
BUILD_COMMAND_DIRECT = ".venv/bin/chitieu build"


# Where the dashboard reads and writes, set by the entry point (app.py) from the configuration.
_PATHS: dict[str, Path] = {}


def configure(warehouse: Path, exports: Path) -> None:
    """The published warehouse to read (CHITIEU_WAREHOUSE) and where report packs go (CHITIEU_EXPORT_DIR)."""
    _PATHS["warehouse"], _PATHS["exports"] = Path(warehouse), Path(exports)


def warehouse_path() -> Path:
    """The published warehouse the entry point configured."""
    return _PATHS["warehouse"]


def export_dir() -> Path:
    return _PATHS["exports"]


def file_identity(path: Path) -> tuple[int, int, int] | None:
    """(inode, size, mtime) of the file, or None when it does not exist. Changes on every publish."""
    try:
        st_ = os.stat(path)
    except FileNotFoundError:
        return None
    return (st_.st_ino, st_.st_size, st_.st_mtime_ns)


def _connect(path: str) -> duckdb.DuckDBPyConnection:
    """A fresh read-only view of the file as it is now, retrying briefly if a writer holds its lock.

    Not ``duckdb.connect(path)``: DuckDB keeps one database instance per path in a process, so
    while any connection to the old file is still open (another session's query, a notebook), a
    new ``connect(path)`` is handed that old instance and would read the replaced file. Attaching
    the path to a new in-memory database always opens the file that is there now.
    """
    deadline = time.monotonic() + LOCK_RETRY_S
    delay = 0.05
    while True:
        conn = duckdb.connect(":memory:")
        try:
            conn.execute("ATTACH ? AS warehouse (READ_ONLY)", [path])
            conn.execute("USE warehouse")
            return conn
        except duckdb.IOException as exc:
            conn.close()
            if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


# The connection shared by the queries of one script run (one per session thread).
_run = threading.local()


@contextmanager
def shared_connection() -> Iterator[None]:
    """Let the queries of one app run share one read-only connection, closed at the end of the run."""
    _run.active, _run.conn, _run.key = True, None, None
    try:
        yield
    finally:
        _drop_shared()
        _run.active = False


def _drop_shared() -> None:
    conn = getattr(_run, "conn", None)
    _run.conn, _run.key = None, None
    if conn is not None:
        conn.close()


def _open(path: str, identity: tuple[int, int, int] | None) -> tuple[duckdb.DuckDBPyConnection, bool]:
    """A connection to the file as it is now, and whether the caller closes it."""
    if not getattr(_run, "active", False):
        return _connect(path), True
    if _run.conn is None or _run.key != (path, identity):
        _drop_shared()  # a publish replaced the file since: read the new one
        _run.conn, _run.key = _connect(path), (path, identity)
    return _run.conn, False


def _read(path: str, identity: tuple[int, int, int] | None, work: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
    """Open (or share), run ``work``, close; start again if a publish replaced the file during the attempt.

    DuckDB opens the file more than once while attaching it, so a replacement landing in that
    instant can mix two publications ("Serialization Error"); the file's identity tells us so.
    """
    for attempt in range(REPUBLISH_RETRIES + 1):
        try:
            conn, own = _open(path, identity)
            try:
                return work(conn)
            except duckdb.Error:
                if not own:
                    _drop_shared()
                raise
            finally:
                if own:
                    conn.close()
        except duckdb.Error:
            now = file_identity(Path(path))
            if attempt == REPUBLISH_RETRIES or now == identity:
                raise
            identity = now
            time.sleep(0.05)
    raise AssertionError("unreachable")


@st.cache_data(show_spinner=False, max_entries=512, ttl=6 * 3600)
def _query(path: str, identity: tuple[int, int, int] | None, sql: str, params: tuple = ()) -> pl.DataFrame:
    """Run one parameterised query on a read-only connection. ``identity`` keys the cache."""
    return _read(path, identity, lambda conn: conn.sql(sql, params=list(params) if params else None).pl())


def query(sql: str, params: Sequence = (), path: Path | None = None) -> pl.DataFrame:
    """A cached query against the published warehouse. SQL takes ``?`` parameters, never formatted values."""
    path = path or warehouse_path()
    return _query(str(path), file_identity(path), sql, tuple(params))


# --- warehouse state --------------------------------------------------------------------------


@dataclass(frozen=True)
class WarehouseStatus:
    """What the dashboard can say about the warehouse before drawing anything."""

    state: str  # ok | missing | empty | unreadable
    path: Path
    published_at: datetime | None = None
    run_id: str | None = None
    table_rows: dict[str, int] = field(default_factory=dict)
    detail: str | None = None

    @property
    def ok(self) -> bool:
        return self.state == "ok"


def _inspect(conn: duckdb.DuckDBPyConnection) -> tuple[set[str], list[tuple], int]:
    tables = {
        r[0]
        for r in conn.sql(
            "SELECT table_name FROM information_schema.tables WHERE table_catalog = 'warehouse'"
        ).fetchall()
    }
    if not set(REQUIRED_TABLES) <= tables:
        return tables, [], 0
    rows = conn.sql(
        "SELECT published_at, run_id, table_rows FROM warehouse_meta ORDER BY published_at DESC LIMIT 1"
    ).fetchall()
    marts = conn.sql("SELECT count(*) FROM mart_target_vs_actual").fetchall()[0][0]
    return tables, rows, marts


@st.cache_data(show_spinner=False, max_entries=64, ttl=6 * 3600)
def _status(path: str, identity: tuple[int, int, int] | None) -> WarehouseStatus:
    if identity is None:
        return WarehouseStatus("missing", Path(path))
    try:
        tables, rows, marts = _read(path, identity, _inspect)
    except duckdb.Error as exc:
        return WarehouseStatus("unreadable", Path(path), detail=str(exc).splitlines()[0])
    if not set(REQUIRED_TABLES) <= tables or not rows or not marts:
        return WarehouseStatus("empty", Path(path))
    published_at, run_id, table_rows = rows[0]
    try:
        counts = json.loads(table_rows or "{}")
    except ValueError:
        counts = {}
    return WarehouseStatus("ok", Path(path), published_at, run_id, counts)


def status(path: Path | None = None) -> WarehouseStatus:
    """ok, or why not: missing (no file), empty (no tables or no rows), unreadable (not a warehouse)."""
    path = path or warehouse_path()
    return _status(str(path), file_identity(path))


# --- selectors --------------------------------------------------------------------------------


def localities(path: Path | None = None) -> pl.DataFrame:
    """Localities that have any figure: locality_code, name (Vietnamese)."""
    return query(
        """
        WITH codes AS (
            SELECT DISTINCT locality_code FROM mart_target_vs_actual
            UNION SELECT DISTINCT locality_code FROM ntm_criteria
            UNION SELECT DISTINCT locality_code FROM party_organisations
            UNION SELECT DISTINCT locality_code FROM awards
        ),
        names AS (
            SELECT locality_code, arg_max(name_vi, coalesce(valid_from, DATE '1900-01-01')) AS name
            FROM localities GROUP BY locality_code
        )
        SELECT c.locality_code, coalesce(n.name, c.locality_code) AS name
        FROM codes c LEFT JOIN names n USING (locality_code)
        ORDER BY name
        """,
        path=path,
    )


def periods(locality: str, path: Path | None = None) -> pl.DataFrame:
    """Years and terms with any figure for the locality: period, kind (year|term), has_actual."""
    return query(
        """
        WITH p AS (
            SELECT period, period_kind AS kind, actual IS NOT NULL AS has_actual
            FROM mart_target_vs_actual WHERE locality_code = ?
            UNION ALL SELECT term, 'term', actual_to_date IS NOT NULL FROM mart_term_progress WHERE locality_code = ?
            UNION ALL SELECT period, 'year', true FROM ntm_criteria WHERE locality_code = ?
            UNION ALL SELECT period, 'year', true FROM party_organisations WHERE locality_code = ?
            UNION ALL SELECT period, 'year', true FROM awards WHERE locality_code = ? AND period_kind = 'year'
        )
        SELECT period, kind, bool_or(has_actual) AS has_actual FROM p GROUP BY ALL ORDER BY period
        """,
        [locality] * 5,
        path=path,
    )


def indicators(locality: str, path: Path | None = None) -> pl.DataFrame:
    """Indicators with any target or figure for the locality, with catalog metadata."""
    return query(
        """
        SELECT indicator_code, any_value(indicator_name_vi) AS name_vi, any_value(indicator_name_en) AS name_en,
               any_value(family) AS family, any_value(unit) AS unit, any_value(decimals) AS decimals,
               any_value(direction) AS direction,
               count(actual) AS n_actuals, count(target_value) AS n_targets
        FROM mart_target_vs_actual WHERE locality_code = ?
        GROUP BY indicator_code ORDER BY name_vi
        """,
        [locality],
        path=path,
    )


# --- indicators -------------------------------------------------------------------------------


def scorecard(locality: str, year: str, path: Path | None = None) -> pl.DataFrame:
    """Every indicator's target against actual for one year (mart rows)."""
    return query(
        "SELECT * FROM mart_target_vs_actual WHERE locality_code = ? AND period = ? ORDER BY family, indicator_name_vi",
        [locality, year],
        path=path,
    )


def recent_actuals(locality: str, first_year: str, last_year: str, path: Path | None = None) -> pl.DataFrame:
    """Yearly actuals in a window of years, for sparklines: indicator_code, period, actual, actual_status."""
    return query(
        """
        SELECT indicator_code, period, actual, actual_status FROM mart_target_vs_actual
        WHERE locality_code = ? AND period_kind = 'year' AND period BETWEEN ? AND ? AND actual IS NOT NULL
        ORDER BY indicator_code, period
        """,
        [locality, first_year, last_year],
        path=path,
    )


def indicator_history(locality: str, indicator: str, path: Path | None = None) -> pl.DataFrame:
    """All yearly mart rows of one indicator (target against actual, year by year)."""
    return query(
        """
        SELECT * FROM mart_target_vs_actual
        WHERE locality_code = ? AND indicator_code = ? AND period_kind = 'year' ORDER BY period
        """,
        [locality, indicator],
        path=path,
    )


def locality_history(locality: str, path: Path | None = None) -> pl.DataFrame:
    """Every yearly mart row of the locality, all indicators (one query for the report pack)."""
    return query(
        """
        SELECT * FROM mart_target_vs_actual
        WHERE locality_code = ? AND period_kind = 'year' ORDER BY indicator_code, period
        """,
        [locality],
        path=path,
    )


def indicator_revisions(locality: str, indicator: str, path: Path | None = None) -> pl.DataFrame:
    """Every loaded revision of the indicator's actuals (estimates later replaced stay visible)."""
    return query(
        """
        SELECT period, period_kind, covered_from, covered_to, value, actual_status, reported_pct, reported_grade,
               revision, is_current, loaded_at, superseded_at, source_document, source_quote,
               source_file, source_sheet, source_row, note
        FROM indicator_actuals WHERE locality_code = ? AND indicator_code = ?
        ORDER BY period, revision
        """,
        [locality, indicator],
        path=path,
    )


_TERM_SQL = """
    SELECT p.*, m.target_low, m.target_high,
           m.target_source_file, m.target_source_sheet, m.target_source_row,
           m.target_source_document, m.target_source_quote,
           m.actual_covered, m.actual_source_file, m.actual_source_sheet, m.actual_source_row,
           m.actual_source_document, m.actual_source_quote, m.reported_pct
    FROM mart_term_progress p
    LEFT JOIN mart_target_vs_actual m
      ON m.locality_code = p.locality_code AND m.indicator_code = p.indicator_code AND m.period = p.term
    WHERE p.locality_code = ? AND p.term = ?
"""


def term_progress(locality: str, term: str, path: Path | None = None) -> pl.DataFrame:
    """Progress toward every term target of the term, with where each target and figure came from."""
    return query(_TERM_SQL + " ORDER BY p.family, p.indicator_name_vi", [locality, term], path=path)


def term_row(locality: str, indicator: str, term: str, path: Path | None = None) -> dict | None:
    """One indicator's term progress row, or None."""
    frame = query(_TERM_SQL + " AND p.indicator_code = ?", [locality, term, indicator], path=path)
    return frame.row(0, named=True) if frame.height else None


# --- new rural areas, party, awards -----------------------------------------------------------


def ntm(locality: str, path: Path | None = None) -> pl.DataFrame:
    """Every new-rural-area row of the locality, with the commune a village belongs to."""
    return query(
        """
        WITH names AS (
            SELECT locality_code, arg_max(name_vi, coalesce(valid_from, DATE '1900-01-01')) AS name_vi,
                   arg_max(parent_code, coalesce(valid_from, DATE '1900-01-01')) AS parent_code
            FROM localities GROUP BY locality_code
        )
        SELECT n.period, n.unit_code, coalesce(n.unit_name, u.name_vi) AS unit_name, n.unit_level,
               n.group_label, n.unit_count, n.criteria_set, n.criterion_no, n.criterion_met,
               n.criteria_met, n.criteria_met_max, n.criteria_total, n.level_reached, n.actual_status, n.note,
               u.parent_code, p.name_vi AS parent_name,
               n.source_document, n.source_quote, n.source_file, n.source_sheet, n.source_row
        FROM ntm_criteria n
        LEFT JOIN names u ON u.locality_code = n.unit_code
        LEFT JOIN names p ON p.locality_code = u.parent_code
        WHERE n.locality_code = ?
        ORDER BY n.period, n.unit_level, unit_name, n.group_label, n.criteria_set, n.criterion_no
        """,
        [locality],
        path=path,
    )


def party_organisations(locality: str, path: Path | None = None) -> pl.DataFrame:
    """Grassroots party organisations by year, block, type and rating."""
    return query(
        """
        SELECT period, block, org_type, rating, org_count, member_count, actual_status, note,
               source_document, source_quote, source_file, source_sheet, source_row
        FROM party_organisations WHERE locality_code = ? ORDER BY period, block NULLS FIRST, org_type, rating
        """,
        [locality],
        path=path,
    )


def awards(locality: str, path: Path | None = None) -> pl.DataFrame:
    """Awards as reported; ``part_of_summary`` rows detail a total given in another row."""
    return query(
        """
        SELECT period, period_kind, file_period, award_title, level, recipient_kind, award_count, decision_ref,
               movement, part_of_summary, note, source_document, source_quote, source_file, source_sheet, source_row
        FROM awards WHERE locality_code = ? ORDER BY period, level, award_title
        """,
        [locality],
        path=path,
    )


# --- what was loaded --------------------------------------------------------------------------


def workbooks(locality: str, path: Path | None = None) -> pl.DataFrame:
    """Workbooks currently loaded for the locality."""
    return query(
        """
        SELECT file, period, period_kind, title, report_date, prepared_by, loaded_at
        FROM workbooks WHERE locality_code = ? ORDER BY period, file
        """,
        [locality],
        path=path,
    )


def load_log(locality: str, path: Path | None = None) -> pl.DataFrame:
    """The latest load of each asset and workbook of the locality (and the shared catalog)."""
    return query(
        """
        SELECT file, asset, period, status, rows_read, rows_loaded, rows_rejected, warnings,
               file_modified_at, loaded_at
        FROM load_log
        WHERE locality_code = ? OR locality_code IS NULL
        QUALIFY row_number() OVER (PARTITION BY asset, file ORDER BY loaded_at DESC) = 1
        ORDER BY file, asset
        """,
        [locality],
        path=path,
    )


def validation_issues(locality: str, path: Path | None = None) -> pl.DataFrame:
    """Every problem the latest loads found in the locality's workbooks (and the shared catalog)."""
    return query(
        """
        SELECT severity, file, sheet, "row", "column", value, message_vi, message_en, rule, asset, period, detected_at
        FROM validation_issues
        WHERE locality_code = ? OR locality_code IS NULL
        ORDER BY severity, file, sheet, "row", "column"
        """,
        [locality],
        path=path,
    )


def quarantine(locality: str, path: Path | None = None) -> pl.DataFrame:
    """Rejected rows, whole, as the clerk typed them."""
    return query(
        """
        SELECT file, sheet, "row", rules, cells, asset, detected_at FROM quarantine
        WHERE locality_code = ? OR locality_code IS NULL ORDER BY file, sheet, "row"
        """,
        [locality],
        path=path,
    )
