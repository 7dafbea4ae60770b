"""The one load path every sheet family goes through: read → parse → validate → stage → record.

``prepare`` (pure: no Dagster, no DuckDB) parses the rows a family read and validates them with its
model, a batch of whole localities at a time, and keeps the keys of rejected rows so that a typo
never deletes a figure that loaded before. ``stage`` writes the family's tables the way each
table's descriptor says (a workbook's rows replace its earlier ones, or become revisions), records
the workbooks, the issues, the quarantined cells and the load log, in one transaction. What differs
between the indicator sheet, the new-rural-area sheet or the unit list is data in the family's
descriptor (``pipelines.families``), not a copy of this code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import polars as pl

from pipelines.cell_issues import cap_issues, percent_scale_warnings, reject_unread_cells, scale_percent_cells
from pipelines.discovery import Discovery, WorkbookRef
from pipelines.families.base import SheetFamily, Table, no_warnings
from pipelines.issues import empty_issues, file_issue
from pipelines.parsing.text import clean_text, parse_date, parse_target
from pipelines.parsing.workbook import file_sha256
from pipelines.reading import RawLoad, unreadable
from pipelines.validation import Validated, locality_batches, quarantine_cells, validate, warnings_to_issues
from pipelines.warehouse import (
    WriteStats,
    ensure_schema,
    insert,
    read_table,
    replace_file_rows,
    replace_files,
    replace_scope,
    upsert_revisions,
)
from schemas.base import polars_schema
from schemas.vocab import DEFAULT_H1_TARGET_PCT

WHERE = ["source_file", "source_sheet", "source_row"]
REJECTED_SCHEMA = {"source_file": pl.Utf8, "source_sheet": pl.Utf8, "source_row": pl.Int64, "rules": pl.Utf8}


class MissingReference(Exception):
    """A table a family looks up is empty (load the catalog before the workbooks)."""


@dataclass
class Prepared:
    """A family's rows after parsing and validation, before anything is written."""

    family: SheetFamily
    raw: RawLoad
    validated: Validated | None
    warnings: pl.DataFrame
    protected: pl.DataFrame  # the family key of every rejected row
    extra_issues: pl.DataFrame = field(default_factory=empty_issues)
    # Where each rejected row was (source_file, source_sheet, source_row) and its family key: the
    # earlier rows of that key, and the earlier row at that place, are kept (``stage``).
    protected_at: pl.DataFrame | None = None

    @property
    def valid(self) -> pl.DataFrame:
        return self.validated.valid if self.validated is not None else pl.DataFrame()

    @property
    def issues(self) -> pl.DataFrame:
        """Every issue found so far: the file-level ones, the extra ones, warnings, rejected cells."""
        parts = [self.raw.issues, self.extra_issues]
        if self.warnings.height:
            parts.append(warnings_to_issues(self.warnings, self.raw.column_ref, self.family.messages))
        if self.validated is not None:
            parts.append(self.validated.issues)
        return pl.concat([p for p in parts if p.width], how="vertical_relaxed")


def key_schema(family: SheetFamily) -> dict[str, pl.DataType]:
    """The family key's columns with the types its first table gives them."""
    types = polars_schema(family.tables[0].model)
    return {k: types.get(k, pl.Utf8) for k in family.key}


def rejected_keys(parsed: pl.DataFrame, rejected: pl.DataFrame, key: Sequence[str]) -> pl.DataFrame:
    """The family key of each rejected row (a rejected row keeps the earlier rows of its key)."""
    return rejected_at(parsed, rejected, key).select(list(key))


# Key columns that say which workbook a row is of, or which of a target's statements, not which row: a
# key naming nothing else (an indicator row with no code) protects nothing.
_CONTEXT_KEY = ("locality_code", "period", "statement")


def rejected_at(parsed: pl.DataFrame, rejected: pl.DataFrame, key: Sequence[str]) -> pl.DataFrame:
    """Where each rejected row was and its family key. A key may hold nulls (no decision number, no
    criterion): rows are matched null to null, so only a key that names nothing is left out."""
    cols = [*WHERE, *[k for k in key if k not in WHERE]]
    if not parsed.width or not set(cols) <= set(parsed.columns):
        return pl.DataFrame(
            schema={**dict(zip(WHERE, (pl.Utf8, pl.Utf8, pl.Int64), strict=True)), **dict.fromkeys(key, pl.Utf8)}
        )
    if rejected.height == 0:
        return parsed.select(cols).clear()  # the parsed dtypes, so batches concatenate as they are
    naming = [k for k in key if k not in _CONTEXT_KEY] or list(key)
    found = parsed.join(rejected.select(WHERE), on=WHERE, how="semi").select(cols)
    return found.filter(pl.any_horizontal([pl.col(k).is_not_null() for k in naming]))


def prepare(
    family: SheetFamily, raw: RawLoad, lookups: dict[str, pl.DataFrame], extra_issues: pl.DataFrame | None = None
) -> Prepared:
    """Parse and validate what ``family`` read (pure). ``lookups`` holds the tables in ``family.reads``."""
    for name in family.requires:
        if lookups.get(name) is None or lookups[name].height == 0:
            raise MissingReference(
                f"Chưa có bảng '{name}' trong kho: hãy nạp nó trước (hoặc 'chitieu build'). "
                f"/ Table '{name}' is empty: materialize it first."
            )
    extra = extra_issues if extra_issues is not None else empty_issues()
    if raw.rows.height == 0:
        empty_keys = pl.DataFrame(schema=key_schema(family))
        return Prepared(
            family, raw, None, no_warnings(), empty_keys, extra, rejected_at(pl.DataFrame(), pl.DataFrame(), family.key)
        )
    batches = locality_batches(raw.rows) if family.batch_by_locality else iter([raw.rows])
    parts, warning_parts, key_parts, failed = [], [], [], []
    for rows in batches:
        try:
            outcome = [_parse_and_validate(family, raw, rows, lookups)]
        except Exception:  # noqa: BLE001 - an input no rule foresaw: find the workbook, load the others
            outcome = []
            for (file,), one in rows.group_by("source_file", maintain_order=True):
                try:
                    outcome.append(_parse_and_validate(family, raw, one, lookups))
                except Exception as exc:  # noqa: BLE001
                    failed.append(file)
                    extra = pl.concat([extra, unreadable(file, exc)], how="vertical_relaxed")
        for batch, warnings, keys in outcome:
            parts.append(batch)
            warning_parts.append(warnings)
            key_parts.append(keys)
        del rows  # only the valid rows are kept from batch to batch
    if failed:
        raw = raw.without(failed)
    # The parsed key's own dtypes (a criterion number is an integer), not text: rows are matched on them.
    where = (
        pl.concat(key_parts, how="vertical_relaxed")
        if key_parts
        else rejected_at(pl.DataFrame(), pl.DataFrame(), family.key)
    )
    return Prepared(
        family,
        raw,
        Validated.concat(parts) if parts else None,
        pl.concat([no_warnings(), *warning_parts], how="vertical_relaxed"),
        where.select(list(family.key)).cast(key_schema(family)),
        extra,
        where,
    )


def _parse_and_validate(
    family: SheetFamily, raw: RawLoad, rows: pl.DataFrame, lookups: dict[str, pl.DataFrame]
) -> tuple[Validated, pl.DataFrame, pl.DataFrame]:
    cells = raw.cells
    if cells.height:
        cells = cells.join(rows.select("source_file").unique(), on="source_file", how="semi")
    rows = scale_percent_cells(rows, cells, family, lookups)
    parsed, warnings = family.parse(rows, lookups)
    batch = validate(parsed, family.model, dict(family.column_sources), raw.column_ref, family.messages)
    batch = reject_unread_cells(batch, parsed, rows, cells, family, raw.column_ref)
    return batch, warnings, rejected_at(parsed, batch.rejected, family.key)


def read_lookups(conn: duckdb.DuckDBPyConnection, family: SheetFamily) -> dict[str, pl.DataFrame]:
    """The warehouse tables a family's transform looks up."""
    return {name: read_table(conn, name) for name in family.reads}


def unknown_localities(refs: Sequence[WorkbookRef], known: set[str]) -> pl.DataFrame:
    """A warning for each workbook whose folder is not a unit of any don-vi.xlsx."""
    issues = [
        file_issue(r.relpath, "unknown_locality", severity="warning") for r in refs if r.locality_code not in known
    ]
    return pl.concat([empty_issues(), *issues])


def workbook_rows(raw: RawLoad, now: datetime) -> pl.DataFrame:
    """One row per yearly or term workbook read, with what its 'Thông tin chung' sheet says."""
    records = []
    for ref in raw.refs_loaded:
        if ref.period is None:
            continue
        info = raw.info.get(ref.relpath, {})
        records.append(
            {
                "locality_code": ref.locality_code,
                "period": ref.period,
                "period_kind": ref.kind,
                "file": ref.relpath,
                "file_hash": raw.hashes[ref.relpath],
                "title": info.get("title"),
                "report_date": None if info.get("report_date") is None else str(info.get("report_date")),
                "prepared_by": info.get("prepared_by"),
                "h1_text": None if info.get("h1_target_pct") is None else str(info.get("h1_target_pct")),
                "h1_target_source": info.get("h1_target_source"),
            }
        )
    if not records:
        return pl.DataFrame()
    text = dict.fromkeys(("report_date", "h1_text", "title", "prepared_by", "h1_target_source"), pl.Utf8)
    frame = pl.DataFrame(records, schema_overrides=text)
    frame = parse_target(frame.with_columns(pl.lit(True).alias("h1_is_text")), "h1_text", "h1_is_text", prefix="h1_")
    return frame.with_columns(
        parse_date(pl.col("report_date")).alias("report_date"),
        pl.coalesce(pl.col("h1_low"), pl.lit(DEFAULT_H1_TARGET_PCT)).alias("h1_target_pct"),
        clean_text(pl.col("h1_target_source")).alias("h1_target_source"),
        pl.lit(now).alias("loaded_at"),
    ).drop("h1_text", "h1_is_text", "h1_form", "h1_low", "h1_high")


@dataclass
class LoadSummary:
    """What one family's load did: files, rows, and the issues of the files it read."""

    family: str
    files: int
    files_failed: int
    rows_read: int
    rows_loaded: int
    rows_rejected: int
    warnings: int
    issues: pl.DataFrame
    writes: dict[str, WriteStats] = field(default_factory=dict)
    unchanged: bool = False


def stage(conn: duckdb.DuckDBPyConnection, prepared: Prepared, run_id: str, now: datetime) -> LoadSummary:
    """Write a prepared load in one transaction: the family's tables, the workbooks it speaks for,
    the issues, the quarantined cells and the load log."""
    family, raw = prepared.family, prepared.raw
    ensure_schema(conn, {t.name: t.model for t in family.tables})
    valid = prepared.valid
    stamped = (
        valid.with_columns(pl.lit(now).alias("loaded_at"), pl.lit(run_id).alias("run_id")) if valid.height else valid
    )
    conn.begin()
    writes: dict[str, WriteStats] = {}
    notes: list[pl.DataFrame] = []
    for table in family.tables:
        rows = table.rows(stamped) if stamped.height else pl.DataFrame()
        keep = table.protect(prepared.protected)
        if family.reference and raw.rows.height == 0:
            continue  # a reference file that gave no rows is reported, never taken as "delete them all"
        keep, kept = keep_earlier(conn, table, prepared.protected_at, rows, keep)
        notes.append(kept)
        if family.reference:
            writes[table.name] = replace_files(conn, table, [r.relpath for r in raw.refs_loaded], rows, keep)
        elif table.write == "revisions":
            writes[table.name] = upsert_revisions(conn, table, raw.scope, rows, keep, run_id, now)
        else:
            writes[table.name] = replace_scope(conn, table, raw.scope, rows, keep)
    if family.speaks_for_workbook and family.periodic:
        books = workbook_rows(raw, now)
        if books.height:
            scope = books.select("locality_code", "period")  # noqa: F841
            conn.execute(
                "DELETE FROM workbooks WHERE (locality_code, period) IN (SELECT locality_code, period FROM scope)"
            )
            insert(conn, "workbooks", books)
    prepared.extra_issues = pl.concat([prepared.extra_issues, earlier_kept_issues(notes)], how="vertical_relaxed")
    summary = record(conn, prepared, run_id, now)
    conn.commit()
    summary.writes = writes
    return summary


def keep_earlier(
    conn: duckdb.DuckDBPyConnection,
    table: Table,
    rejected: pl.DataFrame | None,
    new_rows: pl.DataFrame,
    keep: pl.DataFrame,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The keys whose earlier rows a load keeps, and what was kept where a rejected row's key changed.

    A rejected row keeps the earlier rows of its key (``keep``). A typo can change the key itself
    (an unknown code, criterion 20, a zero-width space): then the earlier row of the same workbook at
    the same place (file, sheet, row) keeps its key too, unless this load gives that key again, and
    the note (a warning) says which figure was kept."""
    empty_note = pl.DataFrame(
        schema={"source_file": pl.Utf8, "source_sheet": pl.Utf8, "source_row": pl.Int64, "kept": pl.Utf8}
    )
    if rejected is None or rejected.height == 0:
        return keep, empty_note
    key = list(table.key)
    current = " AND t.is_current" if table.write == "revisions" else ""
    places = rejected.select(WHERE).unique()  # noqa: F841 - read by DuckDB
    # Table and column names come from the descriptor (code), never from a workbook.
    found = conn.sql(
        f'SELECT t.* FROM "{table.name}" t JOIN places p ON t.source_file = p.source_file '
        f"AND t.source_sheet = p.source_sheet AND t.source_row = p.source_row WHERE true{current}"
    ).pl()
    if found.height == 0:
        return keep, empty_note
    stored = found.select(key)
    if keep.height:  # the same key: kept already, nothing changed
        found = found.join(conform_keys(keep, key, stored), on=key, how="anti", nulls_equal=True)
    if found.height and new_rows.height:  # given again by this load: replaced, not kept
        found = found.join(conform_keys(new_rows, key, stored), on=key, how="anti", nulls_equal=True)
    if found.height == 0:
        return keep, empty_note
    at_place = found.select(key).unique()
    keep = pl.concat([conform_keys(keep, key, stored), at_place], how="vertical_relaxed") if keep.height else at_place
    naming = [k for k in key if k not in _CONTEXT_KEY] or key
    note = found.select(
        *WHERE,
        pl.concat_str([pl.col(k).cast(pl.Utf8) for k in naming], separator=" / ", ignore_nulls=True).alias("kept"),
    )
    return keep, note


def conform_keys(frame: pl.DataFrame, key: list[str], like: pl.DataFrame) -> pl.DataFrame:
    """``frame``'s key columns cast to the dtypes ``like`` has for them (parsed rows against stored ones)."""
    return frame.select([pl.col(k).cast(like.schema[k], strict=False) if k in like.columns else pl.col(k) for k in key])


def earlier_kept_issues(notes: list[pl.DataFrame]) -> pl.DataFrame:
    """One warning per rejected row whose earlier figure was kept, naming what was kept."""
    frames = [n for n in notes if n.height]
    if not frames:
        return empty_issues()
    merged = (
        pl.concat(frames)
        .filter(pl.col("kept").is_not_null() & (pl.col("kept") != ""))
        .group_by(WHERE, maintain_order=True)
        .agg(pl.col("kept").unique(maintain_order=True).str.join("; "))
    )
    return pl.concat(
        [
            empty_issues(),
            *[
                file_issue(file, "earlier_figure_kept", sheet=sheet, row=row, value=kept, severity="warning")
                for file, sheet, row, kept in merged.iter_rows()
            ],
        ]
    )


def record(conn: duckdb.DuckDBPyConnection, prepared: Prepared, run_id: str, now: datetime) -> LoadSummary:
    """Record issues, quarantined rows and the load log for the files the family read."""
    family, raw, validated, warnings = prepared.family, prepared.raw, prepared.validated, prepared.warnings
    issues = prepared.issues
    files = sorted(set(raw.files) | set(issues.get_column("file").to_list()))
    by_file = {log["file"]: log for log in raw.logs}

    def stamp(frame: pl.DataFrame) -> pl.DataFrame:
        """Which family, workbook (locality, period) and run a row of issues or quarantine belongs to."""
        return frame.with_columns(
            pl.lit(family.name).alias("asset"),
            *[
                pl.col("file")
                .replace_strict({f: by_file[f][k] for f in files if f in by_file}, default=None, return_dtype=pl.Utf8)
                .alias(k)
                for k in ("locality_code", "period")
            ],
            pl.lit(run_id).alias("run_id"),
            pl.lit(now).alias("detected_at"),
        )

    issues_out = stamp(cap_issues(issues, raw.limits.max_issues_per_file))
    replace_file_rows(conn, "validation_issues", family.name, files, issues_out)
    rejected = validated.rejected if validated is not None else pl.DataFrame(schema=REJECTED_SCHEMA)
    raw_rows = raw.rows if raw.rows.height else pl.DataFrame(schema=REJECTED_SCHEMA).drop("rules")
    replace_file_rows(conn, "quarantine", family.name, files, stamp(quarantine_cells(raw_rows, raw.labels, rejected)))

    rejected_by_file = dict(rejected.group_by("source_file").len().iter_rows()) if rejected.height else {}
    warn_by_file = dict(warnings.group_by("source_file").len().iter_rows()) if warnings.height else {}
    logs = pl.DataFrame(
        [
            {
                **log,
                "asset": family.name,
                "rows_rejected": rejected_by_file.get(log["file"], 0),
                "rows_loaded": max(log["rows_read"] - rejected_by_file.get(log["file"], 0), 0)
                if log["status"] == "loaded"
                else 0,
                "warnings": warn_by_file.get(log["file"], 0),
                "run_id": run_id,
                "loaded_at": now,
            }
            for log in raw.logs
        ]
    )
    insert(conn, "load_log", logs)
    return LoadSummary(
        family=family.name,
        files=len(raw.logs),
        files_failed=sum(1 for log in raw.logs if log["status"] == "failed"),
        rows_read=sum(log["rows_read"] for log in raw.logs),
        rows_loaded=int(logs.get_column("rows_loaded").sum()) if logs.height else 0,
        rows_rejected=rejected.height,
        warnings=warnings.height,
        issues=issues_out.sort("file", "row", nulls_last=False),
    )


def unchanged_since_last_load(
    conn: duckdb.DuckDBPyConnection, family: str, refs: Sequence[WorkbookRef]
) -> list[WorkbookRef]:
    """Reference files whose bytes are those of their last successful load by this family."""
    if not refs:
        return []
    last = dict(
        conn.sql(
            "SELECT file, arg_max(file_hash, loaded_at) FROM load_log WHERE asset = $a AND status = 'loaded' GROUP BY file",
            params={"a": family},
        ).fetchall()
    )
    return [r for r in refs if last.get(r.relpath) and last[r.relpath] == file_sha256(r.path)]


def summary_from_warehouse(conn: duckdb.DuckDBPyConnection, family: str, files: Sequence[str]) -> LoadSummary:
    """The standing issues of files that were not re-read (unchanged), for the asset checks."""
    files_df = pl.DataFrame({"file": list(files)}, schema={"file": pl.Utf8})  # noqa: F841
    issues = conn.sql(
        "SELECT * FROM validation_issues WHERE asset = $a AND file IN (SELECT file FROM files_df)", params={"a": family}
    ).pl()
    warnings = int((issues.get_column("severity") == "warning").sum())
    return LoadSummary(family, len(files), 0, 0, 0, 0, warnings, issues, unchanged=True)


def load(
    conn: duckdb.DuckDBPyConnection,
    family: SheetFamily,
    raw: RawLoad,
    run_id: str,
    now: datetime,
    extra_issues: pl.DataFrame | None = None,
) -> LoadSummary:
    """The whole sequence for what ``family`` read: look up, prepare, stage."""
    lookups = read_lookups(conn, family)
    extra = [extra_issues if extra_issues is not None else empty_issues()]
    if family.speaks_for_workbook and family.periodic:
        known = set(read_table(conn, "localities").get_column("locality_code").to_list())
        extra.append(unknown_localities(raw.refs_loaded, known))
    prepared = prepare(family, raw, lookups, pl.concat([e for e in extra if e.width], how="vertical_relaxed"))
    if any(t.name == "indicator_actuals" for t in family.tables) and prepared.valid.height:
        suspect = percent_scale_warnings(prepared.valid, percent_history(conn, raw.scope))
        if suspect.height:
            prepared.warnings = pl.concat([prepared.warnings, suspect], how="vertical_relaxed")
    return stage(conn, prepared, run_id, now)


def percent_history(conn: duckdb.DuckDBPyConnection, scope: Sequence[tuple[str, str]]) -> pl.DataFrame:
    """Per locality and % indicator, the median of its current yearly figures in other years than
    the ones being loaded: what a % figure 100× off is measured against."""
    schema = {"locality_code": pl.Utf8, "indicator_code": pl.Utf8, "history_value": pl.Float64}
    if not scope:
        return pl.DataFrame(schema=schema)
    loading = pl.DataFrame(  # noqa: F841 - read by DuckDB
        {"locality_code": [s[0] for s in scope], "period": [s[1] for s in scope]},
        schema={"locality_code": pl.Utf8, "period": pl.Utf8},
    )
    return (
        conn.sql(
            "SELECT a.locality_code, a.indicator_code, median(a.value) AS history_value FROM indicator_actuals a "
            "WHERE a.is_current AND a.period_kind = 'year' AND a.value IS NOT NULL AND a.value <> 0 "
            "AND contains(a.unit, '%') AND a.locality_code IN (SELECT locality_code FROM loading) "
            "AND NOT EXISTS (SELECT 1 FROM loading l WHERE l.locality_code = a.locality_code AND l.period = a.period) "
            "GROUP BY 1, 2"
        )
        .pl()
        .cast(schema)
    )


FOLDER_STEP = "raw_folder"


def record_folder(conn: duckdb.DuckDBPyConnection, found: Discovery, run_id: str, now: datetime) -> dict[str, int]:
    """Record every file of the folder (``raw_folder``) and the issues of those not read: replaced
    whole on every run, so what is listed is what is in the folder now. A file loaded before that is
    no longer there is a warning: its figures stay."""
    ensure_schema(conn)
    rows = [
        {
            "file": r.relpath,
            "kind": r.kind,
            "locality_code": r.locality_code,
            "period": r.period,
            "status": "read",
            "size_bytes": r.size,
            "modified_at": r.modified_at,
        }
        for r in found.refs
    ]
    skipped = found.issues.unique(subset=["file"], keep="first", maintain_order=True)
    rows += [
        {"file": f, "status": "skipped", "rule": rule, "locality_code": f.split("/")[0] if "/" in f else None}
        for f, rule in skipped.select("file", "rule").iter_rows()
    ]
    rows += [{"file": f, "status": "ignored"} for f in found.ignored]
    rows += [
        {
            "file": r.relpath,
            "kind": r.kind,
            "locality_code": r.locality_code,
            "period": r.period,
            "status": "locked",
            "size_bytes": r.size,
            "modified_at": r.modified_at,
        }
        for r in found.locked
    ]
    present = {r["file"] for r in rows}
    loaded_before = [
        f
        for (f,) in conn.sql(
            "SELECT DISTINCT file FROM load_log WHERE status = 'loaded' AND asset <> $step ORDER BY 1",
            params={"step": FOLDER_STEP},
        ).fetchall()
    ]
    gone = [f for f in loaded_before if f not in present]
    issues = pl.concat(
        [
            found.issues,
            *[file_issue(f, "file_gone", severity="warning") for f in gone],
            *[
                file_issue(r.relpath, "period_locked", severity="warning")
                for r in changed_while_locked(conn, found.locked)
            ],
        ],
        how="vertical_relaxed",
    )
    folder = pl.DataFrame(rows, schema_overrides={"rule": pl.Utf8, "kind": pl.Utf8, "period": pl.Utf8}).with_columns(
        pl.lit(now).alias("seen_at"), pl.lit(run_id).alias("run_id")
    )
    locality = pl.col("file").str.extract(r"^([^/]+)/", 1)
    period = pl.col("file").str.extract(r"(?:^|/)(?:nhiem-ky-)?(\d{4}(?:-\d{4})?)\.[A-Za-z]+$", 1)
    stamped = issues.with_columns(
        pl.lit(FOLDER_STEP).alias("asset"),
        locality.alias("locality_code"),
        period.alias("period"),
        pl.lit(run_id).alias("run_id"),
        pl.lit(now).alias("detected_at"),
    )
    conn.begin()
    conn.execute("DELETE FROM raw_folder")
    insert(conn, "raw_folder", folder)
    conn.execute("DELETE FROM validation_issues WHERE asset = ?", [FOLDER_STEP])
    insert(conn, "validation_issues", stamped)
    conn.commit()
    return {
        "read": len(found.refs),
        "skipped": skipped.height,
        "ignored": len(found.ignored),
        "gone": len(gone),
        "locked": len(found.locked),
    }


def changed_while_locked(conn: duckdb.DuckDBPyConnection, locked: Sequence[WorkbookRef]) -> list[WorkbookRef]:
    """Workbooks of locked periods whose bytes differ from those last loaded (or never loaded):
    someone changed the file after the period was locked, and it was not read."""
    if not locked:
        return []
    last = dict(
        conn.sql(
            "SELECT file, arg_max(file_hash, loaded_at) FROM load_log WHERE status = 'loaded' GROUP BY file"
        ).fetchall()
    )
    return [r for r in locked if last.get(r.relpath) != file_sha256(r.path)]


def record_submissions(conn: duckdb.DuckDBPyConnection, store_root: Path, run_id: str) -> int:
    """Replace the ``submissions`` table with every version in the store."""
    from pipelines.submissions import Store

    ensure_schema(conn)
    subs = Store(store_root).all()
    rows = [
        {
            "submission_id": s.id,
            "locality_code": s.locality_code,
            "period": s.period,
            "original_name": s.original_name,
            "file_hash": s.sha256,
            "size_bytes": s.size_bytes,
            "submitted_by": s.submitted_by,
            "submitted_at": datetime.fromisoformat(s.submitted_at.replace("Z", "")),
            "status": s.status,
            "confirmed_at": datetime.fromisoformat(s.confirmed_at.replace("Z", "")) if s.confirmed_at else None,
            "confirmed_by": s.confirmed_by,
            "rows_read": s.rows_read,
            "rows_rejected": s.rows_rejected,
            "errors": s.errors,
            "warnings": s.warnings,
            "note": s.note or None,
        }
        for s in subs
    ]
    conn.begin()
    conn.execute("DELETE FROM submissions")
    if rows:
        insert(conn, "submissions", pl.DataFrame(rows, infer_schema_length=None))
    conn.commit()
    return len(rows)
