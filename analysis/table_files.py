"""Tables as downloadable files: CSV (UTF-8 with BOM, so Excel shows Vietnamese) and XLSX.

Text that starts with = + - @ (or a tab or carriage return) is prefixed with an apostrophe, so a
spreadsheet never runs it as a formula (OWASP "CSV injection"); XLSX cells are written as plain
strings as well.
"""

from __future__ import annotations

import io
from datetime import date, datetime

import polars as pl
import xlsxwriter

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_text(value: str) -> str:
    """'=1+1' → \"'=1+1\"; anything else unchanged."""
    return "'" + value if value.startswith(FORMULA_START) else value


def neutralise(frame: pl.DataFrame) -> pl.DataFrame:
    """Prefix every text cell that a spreadsheet would read as a formula."""
    exprs = []
    for name, dtype in frame.schema.items():
        if dtype == pl.Utf8:
            col = pl.col(name)
            exprs.append(pl.when(col.str.contains(r"^[=+\-@\t\r]")).then(pl.lit("'") + col).otherwise(col).alias(name))
        elif isinstance(dtype, pl.List):
            exprs.append(pl.col(name).cast(pl.List(pl.Utf8)).list.join(" ").alias(name))
    return frame.with_columns(exprs) if exprs else frame


def to_csv(frame: pl.DataFrame) -> bytes:
    """CSV bytes with a BOM; numbers keep a '.' decimal point so any tool reads them back."""
    return "\ufeff".encode() + neutralise(frame).write_csv().encode("utf-8")


def _workbook(buffer: io.BytesIO) -> xlsxwriter.Workbook:
    # No string is ever turned into a formula, a link or a number: text stays text.
    return xlsxwriter.Workbook(
        buffer,
        {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False},
    )


def write_sheet(
    book: xlsxwriter.Workbook,
    frame: pl.DataFrame,
    sheet: str,
    *,
    title: str | None = None,
    number_formats: dict[str, list[str | None]] | None = None,
) -> None:
    """One sheet: an optional bold title row, a bold header, frozen panes, no formulas.

    ``number_formats``: column → one Excel number format per row (e.g. '#,##0.00'), so each
    indicator's figures show its own decimals while staying numbers.
    """
    frame = neutralise(frame)
    ws = book.add_worksheet(sheet[:31] or "Sheet1")
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#EEEEEE"})
    date_fmt = book.add_format({"num_format": "dd/mm/yyyy"})
    time_fmt = book.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    formats: dict[str, object] = {}
    top = 0
    if title:
        ws.write_string(0, 0, neutralise_text(title), book.add_format({"bold": True, "font_size": 12}))
        top = 2
    for c, name in enumerate(frame.columns):
        ws.write_string(top, c, name, bold)
        width = max([len(name)] + [len(str(v)) for v in frame.get_column(name).head(200).to_list() if v is not None])
        ws.set_column(c, c, min(max(width + 2, 8), 60))
    for r, row in enumerate(frame.iter_rows(), start=top + 1):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, bool):
                ws.write_boolean(r, c, value)
            elif isinstance(value, int | float):
                if isinstance(value, float) and value != value:  # NaN
                    continue
                specs = (number_formats or {}).get(frame.columns[c]) or []
                spec = specs[r - top - 1] if r - top - 1 < len(specs) else None
                if spec and spec not in formats:
                    formats[spec] = book.add_format({"num_format": spec})
                ws.write_number(r, c, value, formats.get(spec) if spec else None)
            elif isinstance(value, datetime):
                ws.write_datetime(r, c, value, time_fmt)
            elif isinstance(value, date):
                ws.write_datetime(r, c, datetime(value.year, value.month, value.day), date_fmt)
            else:
                ws.write_string(r, c, str(value))
    ws.freeze_panes(top + 1, 0)


def to_xlsx(frame: pl.DataFrame, sheet: str = "Dữ liệu") -> bytes:
    """An .xlsx workbook with one sheet: bold header, frozen first row, no formulas."""
    buffer = io.BytesIO()
    book = _workbook(buffer)
    write_sheet(book, frame, sheet)
    book.close()
    return buffer.getvalue()


def to_xlsx_sheets(sheets: list[tuple[str, pl.DataFrame, str | None, dict[str, list[str | None]] | None]]) -> bytes:
    """An .xlsx workbook with one sheet per (name, frame, title, number formats)."""
    buffer = io.BytesIO()
    book = _workbook(buffer)
    for name, frame, title, number_formats in sheets:
        write_sheet(book, frame, name, title=title, number_formats=number_formats)
    book.close()
    return buffer.getvalue()
