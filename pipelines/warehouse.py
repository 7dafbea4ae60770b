"""The DuckDB warehouse: tables from the schema models, scoped replacement, revisions, publishing.

The pipeline writes only to a working copy (the staging file). ``publish`` copies it into a new
file and moves that over the published one with ``os.replace``: a reader holding the old file
keeps reading it, the next reader opens the new one, and nobody ever sees half a load or waits
for a lock.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import duckdb
import polars as pl

from pipelines.families.base import Table
from schemas.base import polars_schema

_DUCKDB_TYPES = {
    "String": "VARCHAR",
    "Utf8": "VARCHAR",
    "Float64": "DOUBLE",
    "Int64": "BIGINT",
    "Int32": "INTEGER",
    "Boolean": "BOOLEAN",
    "Bool": "BOOLEAN",
    "Date": "DATE",
}

LOCK_TIMEOUT_S = 120.0


def staging_path(published: Path) -> Path:
    """The pipeline's working copy, beside the published file."""
    return published.with_name(f"{published.stem}.staging{published.suffix or '.duckdb'}")


def _sql_type(dtype: pl.DataType) -> str:
    if isinstance(dtype, pl.Datetime) or dtype == pl.Datetime:
        return "TIMESTAMP"
    name = type(dtype).__name__ if not isinstance(dtype, type) else dtype.__name__
    return _DUCKDB_TYPES.get(name, "VARCHAR")


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@cache
def _table_ddl(table: str, model: type) -> tuple[dict[str, str], str]:
    """A table's columns' SQL types and the statements that create it with its comments."""
    types = {n: _sql_type(t) for n, t in polars_schema(model).items()}
    stmts = [f'CREATE TABLE "{table}" (' + ", ".join(f'"{n}" {t}' for n, t in types.items()) + ")"]
    doc = (model.__doc__ or "").strip().split("\n")[0]
    stmts.append(f'COMMENT ON TABLE "{table}" IS {_quote(doc)}')
    for name, column in model.to_schema().columns.items():
        if column.description:
            stmts.append(f'COMMENT ON COLUMN "{table}"."{name}" IS {_quote(column.description)}')
    return types, ";\n".join(stmts)


def ensure_schema(conn: duckdb.DuckDBPyConnection, tables: dict[str, type] | None = None) -> None:
    """Create the tables (default: every table of the registry and the pipeline's own), adding columns
    a newer model has, with comments."""
    from pipelines.tables import warehouse_tables

    rows = conn.sql(
        "SELECT table_name, column_name FROM duckdb_columns()"
        " WHERE database_name = current_database() AND schema_name = current_schema()"
    ).fetchall()
    existing: dict[str, set[str]] = {}
    for table, column in rows:
        existing.setdefault(table, set()).add(column)
    for table, model in (tables if tables is not None else warehouse_tables()).items():
        types, create = _table_ddl(table, model)
        if table not in existing:
            conn.execute(create)
            continue
        for name, sql_type in types.items():
            if name not in existing[table]:
                conn.execute(f'ALTER TABLE "{table}" ADD COLUMN "{name}" {sql_type}')


def connect(path: Path, read_only: bool = False, timeout: float = LOCK_TIMEOUT_S) -> duckdb.DuckDBPyConnection:
    """Open a DuckDB file, waiting while another process holds its write lock."""
    path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + timeout
    delay = 0.05
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 1.0)


# Files whose tables this process already created or checked, by (path, inode).
_ENSURED: set[tuple[str, int]] = set()


def open_staging(staging: Path) -> duckdb.DuckDBPyConnection:
    """Open the working copy for writing, its tables created or checked once per process."""
    conn = connect(staging)
    try:
        key = (str(staging), staging.stat().st_ino)
        if key not in _ENSURED:
            ensure_schema(conn)
            _ENSURED.add(key)
    except BaseException:
        conn.close()
        raise
    return conn


@contextmanager
def staging_connection(staging: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    conn = open_staging(staging)
    try:
        yield conn
    finally:
        conn.close()


def _model(table: str) -> type:
    from pipelines.tables import warehouse_tables

    return warehouse_tables()[table]


def conform(frame: pl.DataFrame, table: str, model: type | None = None) -> pl.DataFrame:
    """Select and cast a frame to a table's columns (missing ones as nulls)."""
    schema = polars_schema(model or _model(table))
    exprs = []
    for name, dtype in schema.items():
        if name in frame.columns:
            exprs.append(pl.col(name).cast(dtype, strict=False))
        else:
            exprs.append(pl.lit(None, dtype=dtype).alias(name))
    return frame.select(exprs)


def insert(conn: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame, model: type | None = None) -> int:
    if frame.height == 0:
        return 0
    data = conform(frame, table, model)  # noqa: F841 (read by DuckDB's replacement scan)
    conn.execute(f'INSERT INTO "{table}" BY NAME SELECT * FROM data')
    return frame.height


def read_table(
    conn: duckdb.DuckDBPyConnection, table: str, where: str = "", params: Sequence | None = None
) -> pl.DataFrame:
    sql = f'SELECT * FROM "{table}"' + (f" WHERE {where}" if where else "")
    return conn.sql(sql, params=list(params) if params else None).pl()


def _scope_frame(scope: Sequence[tuple[str, str]]) -> pl.DataFrame:
    return pl.DataFrame(
        {"wb_locality": [s[0] for s in scope], "wb_period": [s[1] for s in scope]},
        schema={"wb_locality": pl.Utf8, "wb_period": pl.Utf8},
    )


def _in_scope(
    conn: duckdb.DuckDBPyConnection, table: Table, scope: Sequence[tuple[str, str]], extra: str = ""
) -> pl.DataFrame:
    """Rows of the given workbooks (locality, period). The table's SQL for a row's workbook locality
    and period comes from its descriptor (code), never from a file."""
    scope_df = _scope_frame(scope)  # noqa: F841
    wl, wp = table.workbook_locality, table.workbook_period
    return conn.sql(
        f'SELECT t.* FROM "{table.name}" t JOIN scope_df s ON {wl} = s.wb_locality AND {wp} = s.wb_period {extra}'
    ).pl()


def _delete_scope(conn: duckdb.DuckDBPyConnection, table: Table, scope: Sequence[tuple[str, str]]) -> None:
    scope_df = _scope_frame(scope)  # noqa: F841
    wl, wp = table.workbook_locality, table.workbook_period
    conn.execute(f'DELETE FROM "{table.name}" WHERE ({wl}, {wp}) IN (SELECT wb_locality, wb_period FROM scope_df)')


@dataclass
class WriteStats:
    inserted: int = 0
    kept: int = 0
    revised: int = 0
    retracted: int = 0


def replace_scope(
    conn: duckdb.DuckDBPyConnection,
    table: Table,
    scope: Sequence[tuple[str, str]],
    new_rows: pl.DataFrame,
    keep_keys: pl.DataFrame,
) -> WriteStats:
    """Replace the rows of the given workbooks (locality, period) with ``new_rows``.

    Rows whose key is in ``keep_keys`` (rows rejected in this load) keep their earlier value, so
    a typo never deletes a figure that loaded before.
    """
    stats = WriteStats()
    if not scope:
        return stats
    key = list(table.key)
    kept = pl.DataFrame()
    if keep_keys.height:
        existing = _in_scope(conn, table, scope)
        if existing.height:
            kept = existing.join(keep_keys.select(key).unique(), on=key, how="semi", nulls_equal=True)
    _delete_scope(conn, table, scope)
    if kept.height:
        stats.kept = insert(conn, table.name, kept, table.model)
    stats.inserted = insert(conn, table.name, new_rows, table.model)
    return stats


def replace_files(
    conn: duckdb.DuckDBPyConnection, table: Table, files: Sequence[str], new_rows: pl.DataFrame, keep_keys: pl.DataFrame
) -> WriteStats:
    """Replace the rows read from these reference files; keys rejected this time keep their old rows."""
    stats = WriteStats()
    if not files:
        return stats
    key = list(table.key)
    files_df = pl.DataFrame({"f": list(files)}, schema={"f": pl.Utf8})  # noqa: F841
    kept = pl.DataFrame()
    if keep_keys.height:
        existing = conn.sql(f'SELECT * FROM "{table.name}" WHERE source_file IN (SELECT f FROM files_df)').pl()
        if existing.height:
            kept = existing.join(keep_keys.select(key).unique(), on=key, how="semi", nulls_equal=True)
    conn.execute(f'DELETE FROM "{table.name}" WHERE source_file IN (SELECT f FROM files_df)')
    if kept.height:
        stats.kept = insert(conn, table.name, kept, table.model)
    stats.inserted = insert(conn, table.name, new_rows, table.model)
    return stats


# The bookkeeping columns of a table that keeps revisions.
REVISION_COLUMNS = ("revision", "is_current", "loaded_at", "superseded_at", "run_id")


def upsert_revisions(
    conn: duckdb.DuckDBPyConnection,
    table: Table,
    scope: Sequence[tuple[str, str]],
    new_rows: pl.DataFrame,
    keep_keys: pl.DataFrame,
    run_id: str,
    now: datetime,
) -> WriteStats:
    """Apply a workbook's rows to a table that keeps revision history (``table.write == 'revisions'``).

    Same figure (``table.payload``): the current row stays (its other columns, such as its workbook
    position, are refreshed). Changed figure: the current row is superseded and a new revision
    added. Figure gone from the workbook: superseded (unless its row was rejected this time, in
    which case it stays current).
    """
    stats = WriteStats()
    if not scope:
        return stats
    name, key, payload = table.name, list(table.key), list(table.payload)
    current = _in_scope(conn, table, scope, "WHERE t.is_current")
    history = _in_scope(conn, table, scope).group_by(key).agg(pl.col("revision").max().alias("_max_rev"))
    new = conform(new_rows, name, table.model).drop(*REVISION_COLUMNS)

    joined = new.join(
        current.select(*key, *[pl.col(c).alias(f"_old_{c}") for c in payload], pl.col("revision").alias("_old_rev")),
        on=key,
        how="left",
        nulls_equal=True,
    )
    same = pl.all_horizontal([pl.col(c).eq_missing(pl.col(f"_old_{c}")) for c in payload])
    unchanged = joined.filter(pl.col("_old_rev").is_not_null() & same)
    changed = joined.filter(pl.col("_old_rev").is_null() | ~same)

    gone = current.join(new.select(key), on=key, how="anti", nulls_equal=True)
    if keep_keys.height:
        gone = gone.join(keep_keys.select(key).unique(), on=key, how="anti", nulls_equal=True)

    # Table and column names come from the descriptor (code), never from a workbook.
    on_key = " AND ".join(f'"{name}"."{k}" IS NOT DISTINCT FROM src."{k}"' for k in key)
    superseded = pl.concat([changed.filter(pl.col("_old_rev").is_not_null()).select(key), gone.select(key)])
    if superseded.height:
        src = superseded  # noqa: F841
        conn.execute(
            f'UPDATE "{name}" SET is_current = false, superseded_at = ? FROM src WHERE "{name}".is_current AND {on_key}',
            [now],
        )
    stats.revised = changed.filter(pl.col("_old_rev").is_not_null()).height
    stats.retracted = gone.height

    if unchanged.height:
        refresh_cols = [c for c in new.columns if c not in key and c not in payload]
        src = unchanged.select(*key, *refresh_cols)  # noqa: F841
        sets = ", ".join(f'"{c}" = src."{c}"' for c in refresh_cols)
        conn.execute(f'UPDATE "{name}" SET {sets} FROM src WHERE "{name}".is_current AND {on_key}')
        stats.kept = unchanged.height

    if changed.height:
        fresh = (
            changed.drop([c for c in changed.columns if c.startswith("_old_")])
            .join(history, on=key, how="left", nulls_equal=True)
            .with_columns(
                (pl.col("_max_rev").fill_null(0) + 1).alias("revision"),
                pl.lit(True).alias("is_current"),
                pl.lit(now).alias("loaded_at"),
                pl.lit(None, dtype=pl.Datetime).alias("superseded_at"),
                pl.lit(run_id).alias("run_id"),
            )
            .drop("_max_rev")
        )
        stats.inserted = insert(conn, name, fresh, table.model)
    return stats


def replace_file_rows(
    conn: duckdb.DuckDBPyConnection, table: str, family: str, files: Sequence[str], rows: pl.DataFrame
) -> None:
    """Replace a sheet family's issue or quarantine rows for the files it just read."""
    if files:
        files_df = pl.DataFrame({"file": list(files)}, schema={"file": pl.Utf8})  # noqa: F841
        conn.execute(f'DELETE FROM "{table}" WHERE asset = ? AND file IN (SELECT file FROM files_df)', [family])
    insert(conn, table, rows)


def now_utc() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass
class Publication:
    path: Path
    bytes: int
    table_rows: dict[str, int]
    seconds: float


def publish_lock_path(published: Path) -> Path:
    """The lock every publication holds (shared) while its copy exists; the cleaner takes it exclusively."""
    return published.with_name(f".{published.name}.publish.lock")


def _temp_copies(published: Path) -> list[Path]:
    pattern = re.compile(rf"^\.{re.escape(published.name)}\.[0-9a-f]{{32}}\.tmp$")
    if not published.parent.is_dir():
        return []
    return sorted(p for p in published.parent.iterdir() if pattern.match(p.name))


def clean_stale_publications(published: Path) -> list[Path]:
    """Remove the copies a killed publication left beside the warehouse (``.chitieu.duckdb.<uuid>.tmp``).

    Every publication holds the publish lock (shared) from before its copy exists until it is
    renamed or removed, and the lock goes with the process however it ends (SIGKILL too). So when
    the lock can be taken exclusively, no publication is live and every such copy is a leftover;
    when it cannot, one is under way and nothing is touched (the next build cleans)."""
    copies = _temp_copies(published)
    if not copies:
        return []
    fd = os.open(publish_lock_path(published), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return []
        removed = []
        for tmp in _temp_copies(published):
            tmp.unlink(missing_ok=True)
            removed.append(tmp)
        return removed
    finally:
        os.close(fd)


def publish(staging: Path, published: Path, run_id: str | None = None) -> Publication:
    """Copy the working warehouse into a fresh file and atomically move it into place.

    The working copy is checkpointed and copied byte for byte while this connection holds its
    write lock (nothing else can change it meanwhile). When deletes have left it much larger than
    the last publication, it is instead rewritten table by table (COPY FROM DATABASE), compact.
    Copies that a killed publication left behind are removed first (``clean_stale_publications``).
    """
    started = time.perf_counter()
    published.parent.mkdir(parents=True, exist_ok=True)
    clean_stale_publications(published)
    lock = os.open(publish_lock_path(published), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(lock, fcntl.LOCK_SH)
        return _publish(staging, published, run_id, started)
    finally:
        os.close(lock)


def _publish(staging: Path, published: Path, run_id: str | None, started: float) -> Publication:
    tmp = published.with_name(f".{published.name}.{uuid.uuid4().hex}.tmp")
    conn = open_staging(staging)
    try:
        tables = [
            r[0]
            for r in conn.sql(
                "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() ORDER BY table_oid"
            ).fetchall()
        ]
        rows = {t: conn.sql(f'SELECT count(*) FROM "{t}"').fetchall()[0][0] for t in tables if t != "warehouse_meta"}
        meta = pl.DataFrame(  # noqa: F841
            {"published_at": [now_utc()], "run_id": [run_id], "table_rows": [json.dumps(rows)]},
            schema={"published_at": pl.Datetime, "run_id": pl.Utf8, "table_rows": pl.Utf8},
        )
        conn.execute("BEGIN")
        conn.execute('DELETE FROM "warehouse_meta"')
        conn.execute('INSERT INTO "warehouse_meta" SELECT * FROM meta')
        conn.execute("COMMIT")
        conn.execute("FORCE CHECKPOINT")
        bloated = published.exists() and staging.stat().st_size > 1.5 * published.stat().st_size + (8 << 20)
        if published.exists() and not bloated:
            shutil.copyfile(staging, tmp)
        else:
            staging_db = conn.sql("SELECT current_database()").fetchall()[0][0]
            conn.execute(f"ATTACH {_quote(str(tmp))} AS pub")
            conn.execute(f'COPY FROM DATABASE "{staging_db}" TO pub')
            conn.execute("DETACH pub")
    except BaseException:
        conn.close()
        tmp.unlink(missing_ok=True)
        raise
    with tmp.open("rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, published)
    conn.close()
    return Publication(published, published.stat().st_size, rows, time.perf_counter() - started)
