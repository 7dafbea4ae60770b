"""Where a figure came from, in words: the document, the quote, the workbook cell, and its kind.

Pure functions shared by the chart hovers, the provenance tables and the source lines.
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from analysis.i18n import actual_status_label, t

DOC_MAX = 90


def shorten(text: str | None, limit: int = DOC_MAX) -> str:
    if not text:
        return ""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def location(file: str | None, sheet: str | None, row: int | None, lang: str = "vi") -> str:
    """'an-khe/2023.xlsx › Chỉ tiêu › dòng 14'."""
    if not file:
        return ""
    parts = [file]
    if sheet:
        parts.append(sheet)
    if row is not None:
        parts.append(f"{'dòng' if lang == 'vi' else 'row'} {int(row)}")
    return " › ".join(parts)


def kind(actual_status: str | None, derived: bool = False, lang: str = "vi") -> str:
    """'Chính thức', 'Ước thực hiện' or 'Suy ra (…)'."""
    if derived:
        return t("derived_long", lang)
    return actual_status_label(actual_status, lang)


def hover_lines(
    *,
    document: str | None,
    file: str | None,
    sheet: str | None,
    row: int | None,
    lang: str = "vi",
) -> list[str]:
    """Two hover lines: the document, then the workbook cell."""
    lines = []
    if document:
        lines.append(f"{t('col_document', lang)}: {shorten(document, 70)}")
    loc = location(file, sheet, row, lang)
    if loc:
        lines.append(f"{t('col_workbook', lang)}: {loc}")
    return lines


def _distinct(frame: pl.DataFrame, columns: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for col in columns:
        if col in frame.columns:
            for value in frame.get_column(col).drop_nulls().to_list():
                for part in str(value).split("; "):
                    if part.strip():
                        seen.setdefault(part.strip(), None)
    return list(seen)


FILE_COLUMNS = ("actual_source_file", "target_source_file", "source_file", "file")
DOC_COLUMNS = ("actual_source_document", "target_document", "target_source_document", "source_document")


def source_line(
    frame: pl.DataFrame,
    lang: str = "vi",
    *,
    file_columns: Iterable[str] = FILE_COLUMNS,
    doc_columns: Iterable[str] = DOC_COLUMNS,
    max_files: int = 4,
    max_docs: int = 2,
) -> str:
    """'Kho dữ liệu chỉ tiêu; bảng tính an-khe/2023.xlsx; [001] Bài viết …' for a chart's source line."""
    parts = [t("source_warehouse", lang)]
    files = sorted(_distinct(frame, file_columns))
    if files:
        shown = ", ".join(files[:max_files]) + (" …" if len(files) > max_files else "")
        parts.append(t("chart_source_files", lang, files=shown))
    docs = _distinct(frame, doc_columns)
    for doc in docs[:max_docs]:
        parts.append(shorten(doc))
    if len(docs) > max_docs:
        parts.append("…")
    return "; ".join(parts)
