"""The report's tables as one workbook: a sheet per table, raw numbers in each indicator's decimals."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from analysis import table_files
from analysis.i18n import t
from analysis.reports.content import Report


def write_xlsx(report: Report, path: Path) -> Path:
    """One sheet per table of the report (raw numbers in the indicator's decimals, text neutralised)."""
    suffix = f" — {report.approval_note}" if report.approval_note else ""
    sheets = [(tbl.sheet, tbl.export, tbl.caption + suffix, tbl.number_formats) for tbl in report.tables]
    if not sheets:
        note = pl.DataFrame({t("col_note", report.lang): [t("report_no_sections", report.lang)]})
        sheets = [(t("report_kind", report.lang), note, report.title, None)]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(table_files.to_xlsx_sheets(sheets))
    return path
