"""What every loading asset reports to Dagster: its materialization metadata and three asset checks."""

from __future__ import annotations

import dagster as dg
import polars as pl

from pipelines.loading import LoadSummary

CHECKS_DOC = {
    "workbooks_readable": "Mọi tệp đọc được, đủ trang, đúng năm / Every workbook opens, has its sheet and the right year.",
    "no_rejected_rows": "Không có dòng bị loại / No spreadsheet row was rejected (see validation_issues).",
    "no_warnings": "Không có cảnh báo / No row loaded with a default.",
}


def check_specs(asset_key: dg.AssetKey | str) -> list[dg.AssetCheckSpec]:
    return [dg.AssetCheckSpec(name, asset=asset_key, description=doc) for name, doc in CHECKS_DOC.items()]


def markdown(frame: pl.DataFrame) -> str:
    header = "| " + " | ".join(frame.columns) + " |\n|" + "---|" * frame.width + "\n"
    body = "".join(
        "| " + " | ".join("" if v is None else str(v).replace("|", "/").replace("\n", " ") for v in row) + " |\n"
        for row in frame.iter_rows()
    )
    return header + body


def load_metadata(summary: LoadSummary, table: str) -> dict:
    """Files and rows read, loaded and rejected, the first issues, and what was written to ``table``."""
    if summary.unchanged:
        return {"unchanged": True, "workbooks": dg.MetadataValue.int(summary.files)}
    preview = summary.issues.head(30).select("file", "sheet", "row", "column", "value", "message_vi")
    meta = {
        "workbooks": dg.MetadataValue.int(summary.files),
        "workbooks_failed": dg.MetadataValue.int(summary.files_failed),
        "rows_read": dg.MetadataValue.int(summary.rows_read),
        "rows_loaded": dg.MetadataValue.int(summary.rows_loaded),
        "rows_rejected": dg.MetadataValue.int(summary.rows_rejected),
        "warnings": dg.MetadataValue.int(summary.warnings),
        "issues": dg.MetadataValue.md(markdown(preview) if preview.height else "Không có lỗi."),
    }
    stats = summary.writes.get(table)
    if stats is not None:
        meta |= {
            "rows_written": dg.MetadataValue.int(stats.inserted),
            "rows_kept_from_earlier": dg.MetadataValue.int(stats.kept),
        }
        if stats.revised or stats.retracted:
            meta |= {"revised": dg.MetadataValue.int(stats.revised), "withdrawn": dg.MetadataValue.int(stats.retracted)}
    return meta


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
                    markdown(file_errors.select("file", "sheet", "row", "message_vi")) if file_errors.height else "OK"
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
                    markdown(row_errors.head(50).select("file", "sheet", "row", "column", "value", "message_vi"))
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


def table_results(asset_key: dg.AssetKey, summary: LoadSummary) -> list:
    """The materialization of one table asset and its checks."""
    return [
        dg.MaterializeResult(asset_key=asset_key, metadata=load_metadata(summary, asset_key.to_user_string())),
        *check_results(asset_key, summary),
    ]
