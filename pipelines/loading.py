"""The shared end of every loading asset: issues, quarantine, load log and asset checks.

A family (indicators, NTM, party, awards, catalog, units) reads its sheets with
``pipelines.reading`` and validates with its model; this module records the outcome the same way
for all of them, so a clerk sees one kind of message whatever sheet they got wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

import dagster as dg
import duckdb
import polars as pl

from pipelines.discovery import WorkbookRef
from pipelines.parsing.workbook import file_sha256
from pipelines.reading import Family, RawLoad, read_family
from pipelines.validation import Validated, empty_issues, quarantine_cells, validate, warnings_to_issues
from pipelines.warehouse import WriteStats, insert, replace_file_rows, replace_scope

__all__ = ["Family", "RawLoad", "read_family"]

REJECTED_SCHEMA = {"source_file": pl.Utf8, "source_sheet": pl.Utf8, "source_row": pl.Int64, "rules": pl.Utf8}


@dataclass
class LoadSummary:
    asset: str
    files: int
    files_failed: int
    rows_read: int
    rows_loaded: int
    rows_rejected: int
    warnings: int
    issues: pl.DataFrame

    def metadata(self) -> dict:
        preview = self.issues.head(30).select("file", "sheet", "row", "column", "value", "message_vi")
        return {
            "workbooks": dg.MetadataValue.int(self.files),
            "workbooks_failed": dg.MetadataValue.int(self.files_failed),
            "rows_read": dg.MetadataValue.int(self.rows_read),
            "rows_loaded": dg.MetadataValue.int(self.rows_loaded),
            "rows_rejected": dg.MetadataValue.int(self.rows_rejected),
            "warnings": dg.MetadataValue.int(self.warnings),
            "issues": dg.MetadataValue.md(_markdown(preview) if preview.height else "Không có lỗi."),
        }


def _markdown(frame: pl.DataFrame) -> str:
    header = "| " + " | ".join(frame.columns) + " |\n|" + "---|" * frame.width + "\n"
    body = "".join(
        "| " + " | ".join("" if v is None else str(v).replace("|", "/").replace("\n", " ") for v in row) + " |\n"
        for row in frame.iter_rows()
    )
    return header + body


def finish_load(
    conn: duckdb.DuckDBPyConnection,
    asset: str,
    raw: RawLoad,
    validated: Validated | None,
    warnings: pl.DataFrame,
    extra_issues: pl.DataFrame,
    run_id: str,
    now: datetime,
) -> LoadSummary:
    """Record issues, quarantined rows and the load log for the files this asset read."""
    issue_parts = [
        raw.issues,
        extra_issues,
        warnings_to_issues(warnings, raw.column_ref) if warnings.height else empty_issues(),
    ]
    if validated is not None:
        issue_parts.append(validated.issues)
    issues = pl.concat([p for p in issue_parts if p.width], how="vertical_relaxed")
    files = sorted(set(raw.files) | set(issues.get_column("file").to_list()))
    by_file = {log["file"]: log for log in raw.logs}

    def stamp(frame: pl.DataFrame) -> pl.DataFrame:
        """Which asset, workbook (locality, period) and run a row of issues or quarantine belongs to."""
        return frame.with_columns(
            pl.lit(asset).alias("asset"),
            *[
                pl.col("file")
                .replace_strict({f: by_file[f][k] for f in files if f in by_file}, default=None, return_dtype=pl.Utf8)
                .alias(k)
                for k in ("locality_code", "period")
            ],
            pl.lit(run_id).alias("run_id"),
            pl.lit(now).alias("detected_at"),
        )

    issues_out = stamp(issues)
    replace_file_rows(conn, "validation_issues", asset, files, issues_out)
    rejected = validated.rejected if validated is not None else pl.DataFrame(schema=REJECTED_SCHEMA)
    raw_rows = raw.rows if raw.rows.height else pl.DataFrame(schema=REJECTED_SCHEMA).drop("rules")
    replace_file_rows(conn, "quarantine", asset, files, stamp(quarantine_cells(raw_rows, raw.labels, rejected)))

    rejected_by_file = dict(rejected.group_by("source_file").len().iter_rows()) if rejected.height else {}
    warn_by_file = dict(warnings.group_by("source_file").len().iter_rows()) if warnings.height else {}
    logs = pl.DataFrame(
        [
            {
                **log,
                "asset": asset,
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
        asset=asset,
        files=len(raw.logs),
        files_failed=sum(1 for log in raw.logs if log["status"] == "failed"),
        rows_read=sum(log["rows_read"] for log in raw.logs),
        rows_loaded=int(logs.get_column("rows_loaded").sum()) if logs.height else 0,
        rows_rejected=rejected.height,
        warnings=warnings.height,
        issues=issues_out.sort("file", "row", nulls_last=False),
    )


def unchanged_since_last_load(
    conn: duckdb.DuckDBPyConnection, asset: str, refs: Sequence[WorkbookRef]
) -> list[WorkbookRef]:
    """Workbooks whose bytes are those of their last successful load by this asset."""
    if not refs:
        return []
    last = dict(
        conn.sql(
            "SELECT file, arg_max(file_hash, loaded_at) FROM load_log WHERE asset = $a AND status = 'loaded' GROUP BY file",
            params={"a": asset},
        ).fetchall()
    )
    return [r for r in refs if last.get(r.relpath) and last[r.relpath] == file_sha256(r.path)]


def summary_from_warehouse(conn: duckdb.DuckDBPyConnection, asset: str, files: Sequence[str]) -> LoadSummary:
    """The standing issues of files that were not re-read (unchanged), for the asset checks."""
    files_df = pl.DataFrame({"file": list(files)}, schema={"file": pl.Utf8})  # noqa: F841
    issues = conn.sql(
        "SELECT * FROM validation_issues WHERE asset = $a AND file IN (SELECT file FROM files_df)", params={"a": asset}
    ).pl()
    return LoadSummary(asset, len(files), 0, 0, 0, 0, int((issues.get_column("severity") == "warning").sum()), issues)


def check_results(asset_key: dg.AssetKey, summary: LoadSummary) -> list[dg.AssetCheckResult]:
    """The asset checks every loading asset reports."""
    errors = summary.issues.filter(pl.col("severity") == "error")
    file_errors = errors.filter(pl.col("row").is_null())
    row_errors = errors.filter(pl.col("row").is_not_null())
    return [
        dg.AssetCheckResult(
            asset_key=asset_key,
            check_name="workbooks_readable",
            passed=file_errors.height == 0,
            severity=dg.AssetCheckSeverity.ERROR,
            metadata={
                "failed_files": dg.MetadataValue.int(file_errors.height),
                "details": dg.MetadataValue.md(
                    _markdown(file_errors.select("file", "sheet", "row", "message_vi")) if file_errors.height else "OK"
                ),
            },
        ),
        dg.AssetCheckResult(
            asset_key=asset_key,
            check_name="no_rejected_rows",
            passed=row_errors.height == 0,
            severity=dg.AssetCheckSeverity.ERROR,
            metadata={
                "rejected_rows": dg.MetadataValue.int(summary.rows_rejected),
                "issues": dg.MetadataValue.int(row_errors.height),
                "details": dg.MetadataValue.md(
                    _markdown(row_errors.head(50).select("file", "sheet", "row", "column", "value", "message_vi"))
                    if row_errors.height
                    else "OK"
                ),
            },
        ),
        dg.AssetCheckResult(
            asset_key=asset_key,
            check_name="no_warnings",
            passed=summary.warnings == 0,
            severity=dg.AssetCheckSeverity.WARN,
            metadata={"warnings": dg.MetadataValue.int(summary.warnings)},
        ),
    ]


CHECK_SPECS_DOC = {
    "workbooks_readable": "Mọi tệp đọc được, đủ trang, đúng năm / Every workbook opens, has its sheet and the right year.",
    "no_rejected_rows": "Không có dòng bị loại / No spreadsheet row was rejected (see validation_issues).",
    "no_warnings": "Không có cảnh báo / No row loaded with a default.",
}


def check_specs(asset_key: dg.AssetKey) -> list[dg.AssetCheckSpec]:
    return [dg.AssetCheckSpec(name, asset=asset_key, description=doc) for name, doc in CHECK_SPECS_DOC.items()]


Parse = Callable[[pl.DataFrame, duckdb.DuckDBPyConnection], tuple[pl.DataFrame, pl.DataFrame]]


@dataclass(frozen=True)
class SheetTable:
    """A year/term table filled from one sheet type: how to parse, validate and key its rows."""

    family: Family
    table: str
    parse: Parse
    model: type
    column_sources: dict[str, str]
    key: list[str]
    spec: dg.AssetSpec

    @property
    def asset_key(self) -> dg.AssetKey:
        return self.spec.key


def apply_sheet_table(
    conn: duckdb.DuckDBPyConnection, table: SheetTable, raw: RawLoad, run_id: str, now: datetime
) -> tuple[LoadSummary, WriteStats]:
    """Validate the rows read for ``table`` and replace the workbooks' rows (rows rejected now keep
    their earlier values); record issues, quarantine and the load log."""
    if raw.rows.height:
        parsed, warnings = table.parse(raw.rows, conn)
        validated = validate(parsed, table.model, table.column_sources, raw.column_ref)
        where = ["source_file", "source_sheet", "source_row"]
        keep = parsed.join(validated.rejected.select(where), on=where, how="semi").select(table.key)
        rows = validated.valid.with_columns(pl.lit(now).alias("loaded_at"), pl.lit(run_id).alias("run_id"))
    else:
        validated, warnings, rows, keep = None, pl.DataFrame(), pl.DataFrame(), pl.DataFrame()
    conn.begin()
    stats = replace_scope(conn, table.table, raw.scope, rows, table.key, keep)
    summary = finish_load(conn, table.table, raw, validated, warnings, pl.DataFrame(), run_id, now)
    conn.commit()
    return summary, stats


def table_results(table: SheetTable, summary: LoadSummary, stats: WriteStats) -> list:
    out: list = [
        dg.MaterializeResult(
            asset_key=table.asset_key,
            metadata={**summary.metadata(), "rows_written": dg.MetadataValue.int(stats.inserted)},
        )
    ]
    return out + check_results(table.asset_key, summary)
