"""The shared path of every loading asset: read one sheet type from many workbooks, validate, log.

A family (indicators, NTM, party, awards, catalog, units) supplies its sheet spec, its pure
transform and its model; this module does the reading, the issue bookkeeping and the load log
the same way for all of them, so a clerk sees one kind of message whatever sheet they got wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import dagster as dg
import duckdb
import fastexcel
import polars as pl

from pipelines.discovery import WorkbookRef
from pipelines.parsing.workbook import (
    WorkbookError,
    file_sha256,
    find_sheet,
    open_workbook,
    read_grid,
    read_sheet,
)
from pipelines.validation import (
    Validated,
    empty_issues,
    file_issue,
    quarantine_cells,
    warnings_to_issues,
)
from pipelines.warehouse import insert, replace_file_rows
from schemas.vocab import fold
from schemas.workbook_format import INFO_SHEET, SheetSpec

_YEAR = re.compile(r"\b(19|20)\d{2}\b")


@dataclass
class Family:
    """What a loading asset reads."""

    asset: str
    spec_for: Callable[[WorkbookRef], SheetSpec | None]
    identity: list[str]
    figures: list[str]
    sheet_required: bool = False
    keep_identity_only: bool = True
    # The family that speaks for the whole workbook (its info sheet) so problems are listed once.
    reports_workbook: bool = False


@dataclass
class RawLoad:
    rows: pl.DataFrame
    issues: pl.DataFrame
    logs: list[dict]
    scope: list[tuple[str, str]]
    files: list[str]
    refs_loaded: list[WorkbookRef]
    column_refs: dict[str, dict[str, str]] = field(default_factory=dict)
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    info: dict[str, dict[str, str | None]] = field(default_factory=dict)
    hashes: dict[str, str] = field(default_factory=dict)

    def column_ref(self, file: str, key: str) -> str | None:
        return self.column_refs.get(file, {}).get(key)


def _log(ref: WorkbookRef, status: str, rows_read: int = 0, file_hash: str | None = None) -> dict:
    return {
        "locality_code": ref.locality_code,
        "period": ref.period,
        "file": ref.relpath,
        "file_hash": file_hash,
        "file_modified_at": ref.modified_at,
        "status": status,
        "rows_read": rows_read,
    }


def read_info(reader, sheet: str) -> dict[str, tuple[str | None, int]]:
    """Key–value pairs of a 'Thông tin chung' sheet: label in one cell, value in the next."""
    grid = read_grid(reader, sheet)
    wanted = {fold(label): key for key, label in INFO_SHEET.extra.items()}
    out: dict[str, tuple[str | None, int]] = {}
    for r in range(grid.cells.height):
        values = grid.row_values(r)
        for j, cell in enumerate(values):
            if cell is None:
                continue
            key = wanted.get(fold(cell).rstrip(" :"))
            if key and key not in out:
                value = next((v for v in values[j + 1 :] if v is not None and str(v).strip()), None)
                out[key] = (value.strip() if isinstance(value, str) else value, r + 1)
    return out


def _check_workbook_identity(
    ref: WorkbookRef, reader, sheet_names: list[str]
) -> tuple[pl.DataFrame | None, dict[str, str | None]]:
    """The info sheet must agree with the folder (locality) and file name (year or term)."""
    info_sheet = next((s for s in sheet_names if INFO_SHEET.matches(s)), None)
    if info_sheet is None:
        return None, {}
    info = read_info(reader, info_sheet)
    values = {k: (v[0] if v else None) for k, v in info.items()}
    if (
        "locality_code" in info
        and info["locality_code"][0]
        and fold(str(info["locality_code"][0])) != ref.locality_code
    ):
        value, row = info["locality_code"]
        return file_issue(
            ref.relpath,
            "locality_mismatch",
            f"Trong tệp: '{value}', thư mục: '{ref.locality_code}'.",
            sheet=info_sheet,
            row=row,
            column="B (Mã địa phương)",
            value=str(value),
        ), values
    if "period" in info and info["period"][0]:
        value, row = info["period"]
        written = [int(y.group(0)) for y in _YEAR.finditer(str(value))]
        expected = [ref.first_year, ref.last_year] if ref.kind == "term" else [ref.first_year]
        if written and written != expected:
            return file_issue(
                ref.relpath,
                "year_mismatch",
                f"Trong tệp: '{value}', tên tệp: '{ref.period}'.",
                sheet=info_sheet,
                row=row,
                column="B (Năm / Nhiệm kỳ)",
                value=str(value),
            ), values
    return None, values


def _check_header_years(ref: WorkbookRef, rows, spec: SheetSpec) -> pl.DataFrame | None:
    """'Kế hoạch năm 2022' in a 2023 workbook means the clerk copied last year's sheet."""
    allowed = set(range(ref.first_year or 0, (ref.last_year or 0) + 1))
    if ref.kind == "year":
        allowed = {ref.first_year}
    for key, (year, label) in rows.header.years.items():
        if year not in allowed:
            return file_issue(
                ref.relpath,
                "year_mismatch",
                f"Tiêu đề cột '{label}' ghi năm {year}, tên tệp là {ref.period}.",
                sheet=rows.sheet,
                row=rows.header.row + 1,
                column=rows.column_ref(key),
                value=label,
            )
    return None


def read_family(refs: Sequence[WorkbookRef], family: Family) -> RawLoad:
    """Read the family's sheet from each workbook; broken files are reported and left out."""
    frames: list[pl.DataFrame] = []
    issues: list[pl.DataFrame] = [empty_issues()]
    load = RawLoad(rows=pl.DataFrame(), issues=empty_issues(), logs=[], scope=[], files=[], refs_loaded=[])
    for ref in refs:
        spec = family.spec_for(ref)
        if spec is None:
            continue
        load.files.append(ref.relpath)
        try:
            file_hash = file_sha256(ref.path)
            reader = open_workbook(ref.path)
            names = reader.sheet_names
            sheet = find_sheet(reader, spec)
            if sheet is None:
                if family.sheet_required:
                    raise WorkbookError("sheet_missing", f"Cần trang '{spec.name}'; tệp có: {', '.join(names)}.")
                load.logs.append(_log(ref, "skipped", 0, file_hash))
                continue
            identity_issue, info = _check_workbook_identity(ref, reader, names)
            if identity_issue is not None:
                if family.reports_workbook:
                    issues.append(identity_issue)
                load.logs.append(_log(ref, "failed", 0, file_hash))
                continue
            rows = read_sheet(reader, sheet, spec, family.identity, family.figures)
            year_issue = _check_header_years(ref, rows, spec)
            if year_issue is not None:
                issues.append(year_issue)
                load.logs.append(_log(ref, "failed", 0, file_hash))
                continue
        except (fastexcel.FastExcelError, OSError) as exc:
            if family.reports_workbook:
                issues.append(file_issue(ref.relpath, "file_unreadable", f"{type(exc).__name__}: {exc}"))
            load.logs.append(_log(ref, "failed"))
            continue
        except WorkbookError as exc:
            if family.reports_workbook or exc.rule not in ("file_unreadable",):
                issues.append(
                    file_issue(ref.relpath, exc.rule, exc.detail, row=exc.row, column=exc.column, value=exc.value)
                )
            load.logs.append(_log(ref, "failed"))
            continue
        frame = rows.frame
        if not family.keep_identity_only:
            frame = frame.filter(
                pl.any_horizontal([pl.col(c).is_not_null() for c in family.figures if c in frame.columns])
            )
        frame = frame.with_columns(
            pl.lit(ref.locality_code, dtype=pl.Utf8).alias("locality_code"),
            pl.lit(ref.period, dtype=pl.Utf8).alias("period"),
            pl.lit(ref.period_kind, dtype=pl.Utf8).alias("period_kind"),
            pl.lit(ref.first_year, dtype=pl.Int64).alias("period_first_year"),
            pl.lit(ref.last_year, dtype=pl.Int64).alias("period_last_year"),
            pl.lit(ref.relpath).alias("source_file"),
            pl.lit(rows.sheet).alias("source_sheet"),
        )
        frames.append(frame)
        load.column_refs[ref.relpath] = {k: rows.column_ref(k) for k in rows.header.columns}
        load.labels[ref.relpath] = dict(rows.header.labels)
        load.info[ref.relpath] = info
        load.hashes[ref.relpath] = file_hash
        load.logs.append(_log(ref, "loaded", frame.height, file_hash))
        load.refs_loaded.append(ref)
        if ref.locality_code is not None and ref.period is not None:
            load.scope.append((ref.locality_code, ref.period))
    load.rows = pl.concat(frames, how="diagonal_relaxed") if frames else pl.DataFrame()
    load.issues = pl.concat(issues)
    return load


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
    meta = {"locality_code": None, "period": None}
    files = sorted(set(raw.files) | set(issues.get_column("file").to_list()))
    by_file = {log["file"]: log for log in raw.logs}
    issues_out = issues.with_columns(
        pl.lit(asset).alias("asset"),
        pl.col("file")
        .replace_strict({f: by_file.get(f, meta)["locality_code"] for f in files}, default=None, return_dtype=pl.Utf8)
        .alias("locality_code"),
        pl.col("file")
        .replace_strict({f: by_file.get(f, meta)["period"] for f in files}, default=None, return_dtype=pl.Utf8)
        .alias("period"),
        pl.lit(run_id).alias("run_id"),
        pl.lit(now).alias("detected_at"),
    )
    replace_file_rows(conn, "validation_issues", asset, files, issues_out)

    rejected = (
        validated.rejected
        if validated is not None
        else pl.DataFrame(
            schema={"source_file": pl.Utf8, "source_sheet": pl.Utf8, "source_row": pl.Int64, "rules": pl.Utf8}
        )
    )
    raw_rows = (
        raw.rows
        if raw.rows.height
        else pl.DataFrame(schema={"source_file": pl.Utf8, "source_sheet": pl.Utf8, "source_row": pl.Int64})
    )
    quarantine = quarantine_cells(raw_rows, raw.labels, rejected).with_columns(
        pl.lit(asset).alias("asset"),
        pl.col("file")
        .replace_strict({f: by_file.get(f, meta)["locality_code"] for f in files}, default=None, return_dtype=pl.Utf8)
        .alias("locality_code"),
        pl.col("file")
        .replace_strict({f: by_file.get(f, meta)["period"] for f in files}, default=None, return_dtype=pl.Utf8)
        .alias("period"),
        pl.lit(run_id).alias("run_id"),
        pl.lit(now).alias("detected_at"),
    )
    replace_file_rows(conn, "quarantine", asset, files, quarantine)

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


def unchanged_since_last_load(conn: duckdb.DuckDBPyConnection, asset: str, refs: Sequence[WorkbookRef]) -> list[WorkbookRef]:
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
