"""Issue rows: what a clerk reads about a problem (file, sheet, row, column, value, message)."""

from __future__ import annotations

import polars as pl

from schemas.messages import message

ISSUE_COLUMNS = {
    "file": pl.Utf8,
    "sheet": pl.Utf8,
    "row": pl.Int64,
    "column": pl.Utf8,
    "value": pl.Utf8,
    "rule": pl.Utf8,
    "severity": pl.Utf8,
    "message_vi": pl.Utf8,
    "message_en": pl.Utf8,
}


def empty_issues() -> pl.DataFrame:
    return pl.DataFrame(schema=ISSUE_COLUMNS)


def file_issue(
    file: str,
    rule: str,
    detail: str = "",
    sheet: str | None = None,
    row: int | None = None,
    column: str | None = None,
    value: str | None = None,
    severity: str = "error",
) -> pl.DataFrame:
    """A problem with a whole file or sheet (unreadable, sheet or header missing, wrong year)."""
    msg = message(rule)
    vi = f"{msg.vi} {detail}".strip() if detail else msg.vi
    return pl.DataFrame(
        [
            {
                "file": file,
                "sheet": sheet,
                "row": row,
                "column": column,
                "value": value,
                "rule": rule,
                "severity": severity,
                "message_vi": vi,
                "message_en": msg.en,
            }
        ],
        schema=ISSUE_COLUMNS,
    )
