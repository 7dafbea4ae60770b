"""The warehouse, read-only: every query the dashboard and the report pack make.

``Reader(path)`` holds the loaders; each runs its parameterised SQL (``?`` parameters, never
formatted values) through ``Reader.query``, which hands it to the reader's query function with
the file's identity (inode, size, mtime). By default that function is ``run_query``: uncached, on a
short-lived read-only connection. The dashboard injects ``run_query`` wrapped in ``st.cache_data``,
keyed on (path, identity, sql, params): the pipeline publishes by ``os.replace``, so the next query
sees a new identity, the cache misses and the new file is read, while a query already running
keeps reading the old file to the end. The command line and the Dagster asset use the bare reader.

Within one run of a dashboard page (``shared_connection``) the queries the cache misses share one
connection, closed when the page is drawn: opening one costs ~30 ms, and a page after a publish
misses a dozen.
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
from typing import Protocol, TypeVar

import duckdb
import polars as pl

from schemas.base import polars_schema
from schemas.consistency_warnings import ConsistencyWarnings

T = TypeVar("T")
# (inode, size, mtime) of the warehouse file; None when there is none.
Identity = tuple[int, int, int] | None

LOCK_RETRY_S = 3.0
# How many times to start a read again when a publish replaced the file under it.
REPUBLISH_RETRIES = 3
# The tables a page needs before it can show anything.
REQUIRED_TABLES = ("mart_target_vs_actual", "mart_term_progress", "warehouse_meta")
BUILD_COMMAND = "make build"
# What ``Reader.consistency_warnings`` returns (also when the warehouse has no such table yet).
_WARNING_TYPES = polars_schema(ConsistencyWarnings)
CONSISTENCY_COLUMNS = {
    **{k: _WARNING_TYPES[k] for k in ("locality_code", "indicator_code")},
    "name_vi": pl.Utf8,
    "name_en": pl.Utf8,
    "unit": pl.Utf8,
    **{k: v for k, v in _WARNING_TYPES.items() if k not in ("locality_code", "indicator_code", "run_id")},
}
BUILD_COMMAND_DIRECT = ".venv/bin/chitieu build"


def file_identity(path: Path) -> Identity:
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
    """Let the queries of one run (a dashboard page, a report pack) share one read-only connection,
    closed at its end. Inside another one (a page that builds a pack) the outer connection is shared."""
    if getattr(_run, "active", False):
        yield
        return
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


def _open(path: str, identity: Identity) -> tuple[duckdb.DuckDBPyConnection, bool]:
    """A connection to the file as it is now, and whether the caller closes it."""
    if not getattr(_run, "active", False):
        return _connect(path), True
    if _run.conn is None or _run.key != (path, identity):
        _drop_shared()  # a publish replaced the file since: read the new one
        _run.conn, _run.key = _connect(path), (path, identity)
    return _run.conn, False


def _read(path: str, identity: Identity, work: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
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


def run_query(path: str, identity: Identity, sql: str, params: tuple = ()) -> pl.DataFrame:
    """Run one parameterised query on a read-only connection to ``path``, uncached.

    The default query function of a ``Reader``; ``identity`` is the file's identity the caller saw
    (a cache wrapped around this function keys on it), used to tell a publish from a broken file.
    """
    return _read(path, identity, lambda conn: conn.sql(sql, params=list(params) if params else None).pl())


class QueryFn(Protocol):
    """What a ``Reader`` runs its SQL through: ``run_query`` or a cache wrapped around it."""

    def __call__(self, path: str, identity: Identity, sql: str, params: tuple = ()) -> pl.DataFrame: ...


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


# The term targets with where each target and figure came from and how the term workbook wrote them
# (the term's row of the mart; the written decimals only where the warehouse has them).
_TERM_SQL = """
    SELECT p.*, m.target_low, m.target_high,
           m.target_source_file, m.target_source_sheet, m.target_source_row,
           m.target_source_document, m.target_source_quote,
           m.actual_covered, m.actual_source_file, m.actual_source_sheet, m.actual_source_row,
           m.actual_source_document, m.actual_source_quote, m.reported_pct,
           m.* SIMILAR TO '^(indicator_name_local|target_source_kind|target_statements|target_unit_written|target_decimals|actual_text|actual_qualifier|actual_decimals|actual_count|actual_denominator|actual_value_written|actual_unit_written|comparison_text)$'
    FROM mart_term_progress p
    LEFT JOIN mart_target_vs_actual m
      ON m.locality_code = p.locality_code AND m.indicator_code = p.indicator_code AND m.period = p.term
    WHERE p.locality_code = ? AND p.term = ?
"""


def as_reader(warehouse: Path | Reader) -> Reader:
    """A reader on ``warehouse``: the given one when it is a reader already (a cached one, or one that
    answers a signed-in user, ``analysis.access.ScopedReader``), else a plain ``Reader`` on the file."""
    if hasattr(warehouse, "query") and hasattr(warehouse, "path"):
        return warehouse  # type: ignore[return-value]
    return Reader(warehouse)


class Reader:
    """The loaders, reading the published warehouse at ``path``.

    ``query`` runs the SQL: by default ``run_query`` (uncached, a short-lived read-only
    connection); the dashboard passes ``run_query`` wrapped in ``st.cache_data``. Every loader
    returns a Polars frame whose columns are the warehouse's own names.
    """

    def __init__(self, path: Path, query: QueryFn | None = None) -> None:
        self.path = Path(path)
        self._query: QueryFn = query or run_query

    def query(self, sql: str, params: Sequence = ()) -> pl.DataFrame:
        """One query against the warehouse, through the reader's query function. SQL takes ``?``
        parameters, never formatted values."""
        return self._query(str(self.path), file_identity(self.path), sql, tuple(params))

    # --- warehouse state --------------------------------------------------------------------------

    def status(self) -> WarehouseStatus:
        """ok, or why not: missing (no file), empty (no tables or no rows), unreadable (not a warehouse)."""
        if file_identity(self.path) is None:
            return WarehouseStatus("missing", self.path)
        try:
            tables = set(
                self.query("SELECT table_name FROM information_schema.tables WHERE table_catalog = 'warehouse'")[
                    "table_name"
                ].to_list()
            )
            if not set(REQUIRED_TABLES) <= tables:
                return WarehouseStatus("empty", self.path)
            meta = self.query(
                "SELECT published_at, run_id, table_rows FROM warehouse_meta ORDER BY published_at DESC LIMIT 1"
            )
            marts = self.query("SELECT count(*) AS n FROM mart_target_vs_actual").item()
        except duckdb.Error as exc:
            return WarehouseStatus("unreadable", self.path, detail=str(exc).splitlines()[0])
        if meta.is_empty() or not marts:
            return WarehouseStatus("empty", self.path)
        published_at, run_id, table_rows = meta.row(0)
        try:
            counts = json.loads(table_rows or "{}")
        except ValueError:
            counts = {}
        return WarehouseStatus("ok", self.path, published_at, run_id, counts)

    # --- selectors --------------------------------------------------------------------------------

    def localities(self) -> pl.DataFrame:
        """Localities that have any figure: locality_code, name (Vietnamese), latest (the latest year
        with a figure: an actual, a new-rural-area, party or award figure; null when it has only targets),
        level (the units list's, null for a locality no list declares)."""
        return self.query(
            """
            WITH figures AS (
                SELECT locality_code, CASE WHEN actual IS NOT NULL AND period_kind = 'year' THEN period END AS year
                FROM mart_target_vs_actual
                UNION ALL SELECT locality_code, period FROM ntm_criteria
                UNION ALL SELECT locality_code, period FROM party_organisations
                UNION ALL SELECT locality_code, CASE WHEN period_kind = 'year' THEN period END FROM awards
            ),
            codes AS (SELECT locality_code, max(year) AS latest FROM figures GROUP BY locality_code),
            names AS (
                SELECT locality_code, arg_max(name_vi, coalesce(valid_from, DATE '1900-01-01')) AS name,
                       arg_max(level, coalesce(valid_from, DATE '1900-01-01')) AS level
                FROM localities GROUP BY locality_code
            )
            SELECT c.locality_code, coalesce(n.name, c.locality_code) AS name, c.latest, n.level
            FROM codes c LEFT JOIN names n USING (locality_code)
            ORDER BY name, c.locality_code
            """,
        )

    def units(self) -> pl.DataFrame:
        """Every administrative unit (one row per code, its latest form): locality_code, name, level,
        parent_code — the hierarchy sign-in and roles are checked against."""
        return self.query(
            """
            SELECT locality_code,
                   arg_max(name_vi, coalesce(valid_from, DATE '1900-01-01')) AS name,
                   arg_max(level, coalesce(valid_from, DATE '1900-01-01')) AS level,
                   arg_max(parent_code, coalesce(valid_from, DATE '1900-01-01')) AS parent_code
            FROM localities GROUP BY locality_code ORDER BY locality_code
            """,
        )

    def submissions(self, locality: str) -> pl.DataFrame:
        """The unit's submitted versions as the last load recorded them, newest first."""
        return self.query(
            """
            SELECT submission_id, period, original_name, submitted_by, submitted_at, status, confirmed_at,
                   confirmed_by, rows_read, rows_rejected, errors, warnings
            FROM submissions WHERE locality_code = ? ORDER BY submitted_at DESC
            """,
            [locality],
        )

    def deadlines(self, locality: str) -> pl.DataFrame:
        """The deadlines the locality set for the units under it (sheet 'Hạn nộp'): period, kind,
        item, due, applies_to (empty: every unit under it)."""
        return self.query(
            """
            SELECT period, kind, item, due, applies_to FROM deadlines
            WHERE locality_code = ? ORDER BY period, due, item
            """,
            [locality],
        )

    def arrivals(self, locality: str, period: str) -> pl.DataFrame:
        """The workbooks of the units under the locality (and its own) for a period that are in the
        raw-data folder: locality_code, file, modified_at, and the errors its latest load found."""
        return self.query(
            """
            WITH units AS (
                SELECT DISTINCT locality_code FROM localities WHERE parent_code = $1 OR locality_code = $1
            )
            SELECT f.locality_code, f.file, f.period, f.modified_at, f.status,
                   (SELECT count(*) FROM validation_issues v WHERE v.file = f.file AND v.severity = 'error') AS errors
            FROM raw_folder f JOIN units u USING (locality_code)
            WHERE f.period = $2 AND f.status IN ('read', 'locked')
            ORDER BY f.locality_code
            """,
            [locality, period],
        )

    def periods(self, locality: str) -> pl.DataFrame:
        """Years and terms with any figure for the locality: period, kind (year|term), has_actual."""
        return self.query(
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
        )

    def indicators(self, locality: str) -> pl.DataFrame:
        """Indicators with any target or figure for the locality, with catalog metadata and ``name_local``,
        the locality's own name for it in its latest period that names it (null when none does)."""
        return self.query(
            """
            SELECT indicator_code, any_value(indicator_name_vi) AS name_vi, any_value(indicator_name_en) AS name_en,
                   arg_max(indicator_name_local, period) FILTER (WHERE indicator_name_local IS NOT NULL) AS name_local,
                   any_value(family) AS family, any_value(unit) AS unit, any_value(decimals) AS decimals,
                   any_value(direction) AS direction,
                   count(actual) AS n_actuals, count(target_value) AS n_targets
            FROM mart_target_vs_actual WHERE locality_code = ?
            GROUP BY indicator_code ORDER BY name_vi
            """,
            [locality],
        )

    # --- indicators -------------------------------------------------------------------------------

    def scorecard(self, locality: str, year: str) -> pl.DataFrame:
        """Every indicator's target against actual for one year (mart rows)."""
        return self.query(
            "SELECT * FROM mart_target_vs_actual WHERE locality_code = ? AND period = ? ORDER BY family, indicator_name_vi",
            [locality, year],
        )

    def recent_actuals(self, locality: str, first_year: str, last_year: str) -> pl.DataFrame:
        """Yearly actuals in a window of years, for sparklines: indicator_code, period, actual, actual_status."""
        return self.query(
            """
            SELECT indicator_code, period, actual, actual_status FROM mart_target_vs_actual
            WHERE locality_code = ? AND period_kind = 'year' AND period BETWEEN ? AND ? AND actual IS NOT NULL
            ORDER BY indicator_code, period
            """,
            [locality, first_year, last_year],
        )

    def indicator_history(self, locality: str, indicator: str) -> pl.DataFrame:
        """All yearly mart rows of one indicator (target against actual, year by year)."""
        return self.query(
            """
            SELECT * FROM mart_target_vs_actual
            WHERE locality_code = ? AND indicator_code = ? AND period_kind = 'year' ORDER BY period
            """,
            [locality, indicator],
        )

    def locality_history(self, locality: str) -> pl.DataFrame:
        """Every yearly mart row of the locality, all indicators (one query for the report pack)."""
        return self.query(
            """
            SELECT * FROM mart_target_vs_actual
            WHERE locality_code = ? AND period_kind = 'year' ORDER BY indicator_code, period
            """,
            [locality],
        )

    def indicator_revisions(self, locality: str, indicator: str) -> pl.DataFrame:
        """Every loaded revision of the indicator's actuals (estimates later replaced stay visible), with how
        each was written (``value_text`` … ; ``value_decimals`` where the warehouse has it)."""
        return self.query(
            """
            SELECT period, period_kind, covered_from, covered_to, value, actual_status, reported_pct, reported_grade,
                   revision, is_current, loaded_at, superseded_at, source_document, source_quote,
                   source_file, source_sheet, source_row, note,
                   COLUMNS('^(value_(text|qualifier|decimals|count|denominator|written)|unit_written|comparison_text)$')
            FROM indicator_actuals WHERE locality_code = ? AND indicator_code = ?
            ORDER BY period, revision
            """,
            [locality, indicator],
        )

    def target_statements(
        self, locality: str, *, period: str | None = None, indicator: str | None = None
    ) -> pl.DataFrame:
        """Every statement of the locality's targets stated more than once in a period (the binding one
        and the others), of one period and/or one indicator, with the mart's column names (target_text,
        target_unit_written …) and where each was written."""
        return self.query(
            """
            SELECT locality_code, indicator_code, period, statement, is_binding, target_text, target_form,
                   target_low, target_high, target_decimals, unit_written AS target_unit_written, unit,
                   target_document, target_source_kind, indicator_name, source_document, source_quote,
                   source_file, source_sheet, source_row
            FROM indicator_targets
            WHERE locality_code = ? AND (CAST(? AS VARCHAR) IS NULL OR period = ?)
              AND (CAST(? AS VARCHAR) IS NULL OR indicator_code = ?)
            QUALIFY count(*) OVER (PARTITION BY locality_code, indicator_code, period, reported_by) > 1
            ORDER BY period, indicator_code, statement
            """,
            [locality, period, period, indicator, indicator],
        )

    def unit_figures(self, locality: str, period: str) -> pl.DataFrame:
        """Mart rows of the units whose figures the locality's workbooks report ('xã Ea Tu': ``reported_by``
        is the locality), for one period; ``locality_name`` is the unit's name."""
        return self.query(
            """
            SELECT * FROM mart_target_vs_actual WHERE reported_by = ? AND period = ?
            ORDER BY locality_name, family, indicator_name_vi
            """,
            [locality, period],
        )

    def term_progress(self, locality: str, term: str) -> pl.DataFrame:
        """Progress toward every term target of the term, with where each target and figure came from."""
        return self.query(_TERM_SQL + " ORDER BY p.family, p.indicator_name_vi", [locality, term])

    def term_row(self, locality: str, indicator: str, term: str) -> dict | None:
        """One indicator's term progress row, or None."""
        frame = self.query(_TERM_SQL + " AND p.indicator_code = ?", [locality, term, indicator])
        return frame.row(0, named=True) if frame.height else None

    # --- new rural areas, party, awards -----------------------------------------------------------

    def ntm(self, locality: str) -> pl.DataFrame:
        """Every new-rural-area row of the locality, with the commune a village belongs to."""
        return self.query(
            """
            WITH names AS (
                SELECT locality_code, arg_max(name_vi, coalesce(valid_from, DATE '1900-01-01')) AS name_vi,
                       arg_max(parent_code, coalesce(valid_from, DATE '1900-01-01')) AS parent_code
                FROM localities GROUP BY locality_code
            )
            SELECT n.period, n.unit_code, coalesce(n.unit_name, u.name_vi) AS unit_name, n.unit_level,
                   n.group_label, n.unit_count, n.criteria_set, n.criteria_version, n.criterion_no, n.criterion_met,
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
        )

    def party_organisations(self, locality: str) -> pl.DataFrame:
        """Grassroots party organisations by year, block, type and rating."""
        return self.query(
            """
            SELECT period, block, org_type, rating, rating_text, org_count, member_count, actual_status, note,
                   source_document, source_quote, source_file, source_sheet, source_row
            FROM party_organisations WHERE locality_code = ? ORDER BY period, block NULLS FIRST, org_type, rating
            """,
            [locality],
        )

    def awards(self, locality: str) -> pl.DataFrame:
        """Awards as reported; ``part_of_summary`` rows detail a total given in another row."""
        return self.query(
            """
            SELECT period, period_kind, file_period, award_title, level, level_text, recipient_kind, award_count,
                   decision_ref,
                   movement, part_of_summary, note, source_document, source_quote, source_file, source_sheet, source_row
            FROM awards WHERE locality_code = ? ORDER BY period, level, award_title
            """,
            [locality],
        )

    # --- what was loaded --------------------------------------------------------------------------

    def workbooks(self, locality: str) -> pl.DataFrame:
        """Workbooks currently loaded for the locality."""
        return self.query(
            """
            SELECT file, period, period_kind, title, report_date, prepared_by, loaded_at
            FROM workbooks WHERE locality_code = ? ORDER BY period, file
            """,
            [locality],
        )

    def load_log(self, locality: str) -> pl.DataFrame:
        """The latest load of each asset and workbook of the locality (and the shared catalog)."""
        return self.query(
            """
            SELECT file, asset, period, status, rows_read, rows_loaded, rows_rejected, warnings,
                   file_modified_at, loaded_at
            FROM load_log
            WHERE locality_code = ? OR locality_code IS NULL
            QUALIFY row_number() OVER (PARTITION BY asset, file ORDER BY loaded_at DESC) = 1
            ORDER BY file, asset
            """,
            [locality],
        )

    def validation_issues(self, locality: str) -> pl.DataFrame:
        """Every problem the latest loads found in the locality's workbooks (and the shared catalog)."""
        return self.query(
            """
            SELECT severity, file, sheet, "row", "column", value, message_vi, message_en, rule, asset, period, detected_at
            FROM validation_issues
            WHERE locality_code = ? OR locality_code IS NULL
            ORDER BY severity, file, sheet, "row", "column"
            """,
            [locality],
        )

    def quarantine(self, locality: str) -> pl.DataFrame:
        """Rejected rows, whole, as the clerk typed them."""
        return self.query(
            """
            SELECT file, sheet, "row", rules, cells, asset, detected_at FROM quarantine
            WHERE locality_code = ? OR locality_code IS NULL ORDER BY file, sheet, "row"
            """,
            [locality],
        )

    # --- many units: the units under a locality, their figures, blocs, scores, boundaries ------------

    def has_table(self, table: str) -> bool:
        """Whether the warehouse has ``table`` (one published before a table existed has not)."""
        found = self.query(
            "SELECT count(*) AS n FROM information_schema.tables WHERE table_catalog = 'warehouse' AND table_name = ?",
            [table],
        )
        return bool(found.item())

    def units_at(self, day: str) -> pl.DataFrame:
        """The hierarchy on a day ('2026-03-01'): every unit valid that day with its parent that day."""
        return self.query(
            """
            SELECT locality_code, name_vi AS name, level, parent_code, valid_from, valid_to FROM localities
            WHERE coalesce(valid_from, DATE '1900-01-01') <= CAST(? AS DATE)
              AND coalesce(valid_to, DATE '2999-12-31') >= CAST(? AS DATE)
            ORDER BY parent_code NULLS FIRST, name_vi
            """,
            [day, day],
        )

    def units_under(self, locality: str, year: str) -> pl.DataFrame:
        """The units under a locality in a year: those under it on its reference day, 31 December or its
        own last day when it ended during the year (the rule of ``mart_unit_sums``). Columns
        locality_code, name, level, valid_from, valid_to: the unit's first and last day under any
        parent (null: always), so a commune moved to another parent is not taken for a new one."""
        return self.query(
            """
            WITH ref AS (
                SELECT least(make_date(CAST(? AS INTEGER), 12, 31),
                             coalesce(max(coalesce(valid_to, DATE '2999-12-31')), DATE '2999-12-31')) AS day
                FROM localities
                WHERE locality_code = ? AND coalesce(valid_from, DATE '1900-01-01') <= make_date(CAST(? AS INTEGER), 12, 31)
            ),
            span AS (
                SELECT locality_code,
                       CASE WHEN bool_or(valid_from IS NULL) THEN NULL ELSE min(valid_from) END AS valid_from,
                       CASE WHEN bool_or(valid_to IS NULL) THEN NULL ELSE max(valid_to) END AS valid_to
                FROM localities GROUP BY locality_code
            )
            SELECT l.locality_code, arg_max(l.name_vi, coalesce(l.valid_from, DATE '1900-01-01')) AS name,
                   arg_max(l.level, coalesce(l.valid_from, DATE '1900-01-01')) AS level,
                   any_value(span.valid_from) AS valid_from, any_value(span.valid_to) AS valid_to
            FROM localities l JOIN span USING (locality_code), ref
            WHERE l.parent_code = ?
              AND coalesce(l.valid_from, DATE '1900-01-01') <= coalesce(ref.day, make_date(CAST(? AS INTEGER), 12, 31))
              AND coalesce(l.valid_to, DATE '2999-12-31') >= coalesce(ref.day, make_date(CAST(? AS INTEGER), 12, 31))
            GROUP BY l.locality_code ORDER BY name
            """,
            [year, locality, year, locality, year, year],
        )

    def unit_scorecards(self, codes: Sequence[str], years: Sequence[str]) -> pl.DataFrame:
        """The yearly mart rows of many units and years, the columns a league table and a scoring sheet read."""
        frame = self.query(
            """
            SELECT locality_code, locality_name, indicator_code, indicator_name_vi, indicator_name_en, family, unit,
                   decimals, direction, period, target_text, target_form, target_low, target_high,
                   target_value, target_is_derived, actual, actual_status, reported_pct, achievement_pct, status,
                   COLUMNS('^((target|actual)_decimals|period_kind)$')
            FROM mart_target_vs_actual
            WHERE period_kind = 'year' AND list_contains(?, locality_code) AND list_contains(?, period)
            ORDER BY locality_code, period, indicator_code
            """,
            [list(codes), list(years)],
        )
        # A warehouse built before the written decimals has none: the catalog's decimals are shown.
        # (period_kind is in the pattern so that it matches a column in any warehouse.)
        frame = frame.drop("period_kind")
        return frame.with_columns(
            pl.lit(None, dtype=pl.Int64).alias(c)
            for c in ("target_decimals", "actual_decimals")
            if c not in frame.columns
        )

    def indicator_across_units(self, codes: Sequence[str], indicator: str) -> pl.DataFrame:
        """Every yearly mart row of one indicator for many units (a series across administrative change)."""
        frame = self.query(
            """
            SELECT locality_code, locality_name, period, actual, actual_status, target_value,
                   target_text, status, achievement_pct, unit, decimals, direction,
                   actual_source_document, actual_source_file, target_source_document, target_source_file,
                   COLUMNS('^(actual_decimals|period_kind)$')
            FROM mart_target_vs_actual
            WHERE period_kind = 'year' AND indicator_code = ? AND list_contains(?, locality_code)
            ORDER BY period, locality_code
            """,
            [indicator, list(codes)],
        )
        frame = frame.drop("period_kind")  # in the pattern so that it matches in any warehouse
        if "actual_decimals" in frame.columns:
            return frame
        return frame.with_columns(pl.lit(None, dtype=pl.Int64).alias("actual_decimals"))

    def unit_links(self) -> pl.DataFrame:
        """The units of don-vi.xlsx that name predecessors or successors (or a merge weight), for
        ``analysis.units.lineage``; empty for a warehouse published before the links existed."""
        columns = set(
            self.query(
                "SELECT column_name FROM information_schema.columns WHERE table_catalog = 'warehouse'"
                " AND table_name = 'localities'"
            )["column_name"].to_list()
        )
        if "predecessors" not in columns:
            return pl.DataFrame()
        return self.query(
            """
            SELECT locality_code, name_vi, parent_code, valid_from, valid_to, predecessors, start_kind, successors,
                   end_kind, merge_weight
            FROM localities
            WHERE predecessors IS NOT NULL OR successors IS NOT NULL OR merge_weight IS NOT NULL
            ORDER BY valid_from NULLS FIRST, locality_code
            """
        )

    def unit_names(self, codes: Sequence[str]) -> pl.DataFrame:
        """The latest name of each of these units: locality_code, name."""
        return self.query(
            """
            SELECT locality_code, arg_max(name_vi, coalesce(valid_from, DATE '1900-01-01')) AS name
            FROM localities WHERE list_contains(?, locality_code) GROUP BY locality_code
            """,
            [list(codes)],
        )

    def catalog_additive(self, indicator: str) -> bool:
        """Whether an indicator's figures add up across units (the catalog's 'Cộng theo đơn vị')."""
        frame = self.query(
            "SELECT * FROM indicator_catalog WHERE indicator_code = ?",
            [indicator],
        )
        if frame.is_empty():
            return False
        row = frame.row(0, named=True)
        additive = row.get("additive")
        return bool(additive) if additive is not None else row.get("aggregation") in ("flow", "stock")

    def unit_sums(self, locality: str, year: str | None = None) -> pl.DataFrame:
        """``mart_unit_sums`` rows of a locality (one year, or every year), with the indicator's name."""
        if not self.has_table("mart_unit_sums"):
            return pl.DataFrame()
        return self.query(
            """
            SELECT s.*, c.name_vi AS indicator_name_vi, c.name_en AS indicator_name_en, c.decimals
            FROM mart_unit_sums s LEFT JOIN indicator_catalog c USING (indicator_code)
            WHERE s.locality_code = ? AND (CAST(? AS VARCHAR) IS NULL OR s.period = ?)
            ORDER BY s.period DESC, c.name_vi
            """,
            [locality, year, year],
        )

    def emulation(self, locality: str) -> dict[str, pl.DataFrame]:
        """The locality's blocs, scoring sheets and council scores (thi-dua.xlsx); empty frames without."""
        # One literal statement per table: no SQL text is built from a name.
        statements = {
            "emulation_blocs": "SELECT * FROM emulation_blocs WHERE locality_code = ? ORDER BY ALL",
            "emulation_criteria": "SELECT * FROM emulation_criteria WHERE locality_code = ? ORDER BY ALL",
            "emulation_scores": "SELECT * FROM emulation_scores WHERE locality_code = ? ORDER BY ALL",
        }
        return {
            table: self.query(sql, [locality]) if self.has_table(table) else pl.DataFrame()
            for table, sql in statements.items()
        }

    def boundaries(self, locality: str) -> pl.DataFrame:
        """The boundaries of the units the locality's ban-do.geojson draws: unit_code, unit_name, geometry."""
        if not self.has_table("unit_boundaries"):
            return pl.DataFrame(schema={"unit_code": pl.Utf8, "unit_name": pl.Utf8, "geometry": pl.Utf8})
        return self.query(
            "SELECT unit_code, unit_name, geometry FROM unit_boundaries WHERE locality_code = ? ORDER BY unit_code",
            [locality],
        )

    def consistency_warnings(self, locality: str) -> pl.DataFrame:
        """Figures of the locality (or typed in its workbooks) that disagree with the others: the rule,
        the figures as evidence, the message in both languages, where the figure was typed, and the
        indicator's names. Empty for a warehouse built before the checks existed."""
        tables = self.query(
            "SELECT table_name FROM information_schema.tables WHERE table_catalog = 'warehouse'"
            " AND table_name = 'consistency_warnings'"
        )
        if tables.is_empty():
            return pl.DataFrame(schema=CONSISTENCY_COLUMNS)
        return self.query(
            """
            SELECT w.locality_code, w.indicator_code, c.name_vi, c.name_en, c.unit, w.period, w.rule, w.figure,
                   w.value, w.expected, w.tolerance, w.related_period, w.price_basis, w.evidence,
                   w.message_vi, w.message_en, w.source_file, w.source_sheet, w.source_row, w.related_source,
                   w.detected_at
            FROM consistency_warnings w LEFT JOIN indicator_catalog c USING (indicator_code)
            WHERE w.locality_code = ? OR starts_with(w.source_file, ? || '/')
            ORDER BY w.period, w.rule, c.name_vi, w.indicator_code
            """,
            [locality, locality],
        )
