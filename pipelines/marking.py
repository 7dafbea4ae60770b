"""The clerk's workbook back, marked: every problem cell filled and carrying the message as a comment,
and a summary sheet listing the problems with links to their cells.

The clerk's own file is kept as it is (formatting, formulas, other sheets); only fills and comments are
added, on a copy. An .xls or .ods workbook comes back as an .xlsx copy of its values.
"""

from __future__ import annotations

import re
from pathlib import Path

import fastexcel
import openpyxl
import polars as pl
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import quote_sheetname
from openpyxl.worksheet.hyperlink import Hyperlink

ERROR_FILL = PatternFill("solid", start_color="F8B4B4", end_color="F8B4B4")
WARNING_FILL = PatternFill("solid", start_color="FFE699", end_color="FFE699")
SUMMARY_SHEET = "Kết quả kiểm tra"
_LETTER = re.compile(r"^([A-Z]{1,3})\b")


def _as_xlsx(source: Path) -> openpyxl.Workbook:
    """An .xls or .ods workbook as a new workbook of its values (numbers stay numbers)."""
    reader = fastexcel.read_excel(str(source))
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name in reader.sheet_names:
        ws = book.create_sheet(name[:31])
        sheet = reader.load_sheet(name, header_row=None, skip_rows=0, dtypes="string")
        frame = sheet.to_polars()
        offset = min((c.absolute_index for c in sheet.selected_columns), default=0)
        for r, row in enumerate(frame.iter_rows(), start=1):
            for c, value in enumerate(row, start=1 + offset):
                if value is None:
                    continue
                try:
                    ws.cell(r, c).value = float(value) if re.fullmatch(r"-?\d+(\.\d+)?", value) else value
                except ValueError:
                    ws.cell(r, c).value = value
    return book


def mark_workbook(source: Path, issues: pl.DataFrame, out: Path) -> Path:
    """Write ``out`` (.xlsx): ``source`` with each issue's cell filled (errors red, warnings amber) and
    commented with the message, and a first sheet listing every issue with a link to its cell."""
    source, out = Path(source), Path(out)
    if source.suffix.lower() in (".xlsx", ".xlsm"):
        book = openpyxl.load_workbook(source, keep_vba=source.suffix.lower() == ".xlsm")
    else:
        book = _as_xlsx(source)
    if SUMMARY_SHEET in book.sheetnames:
        del book[SUMMARY_SHEET]
    summary = book.create_sheet(SUMMARY_SHEET, 0)
    summary.append(["Mức độ", "Trang", "Dòng", "Cột", "Giá trị", "Lỗi và cách sửa", "Ô"])
    for cell in summary[1]:
        cell.font = Font(bold=True)
    widths = {"A": 12, "B": 22, "C": 8, "D": 30, "E": 24, "F": 90, "G": 10}
    for letter, width in widths.items():
        summary.column_dimensions[letter].width = width
    ordered = issues.sort("severity", "sheet", "row", nulls_last=False) if issues.height else issues
    for issue in ordered.iter_rows(named=True):
        severity = "Lỗi" if issue["severity"] == "error" else "Cảnh báo"
        sheet, row, column = issue.get("sheet"), issue.get("row"), issue.get("column")
        letter = _LETTER.match(column or "")
        line = [severity, sheet, row, column, issue.get("value"), issue.get("message_vi"), None]
        summary.append(line)
        if sheet in book.sheetnames and row and letter:
            ref = f"{letter.group(1)}{row}"
            ws = book[sheet]
            cell = ws[ref]
            cell.fill = ERROR_FILL if issue["severity"] == "error" else WARNING_FILL
            text = f"{severity}: {issue.get('message_vi') or ''}"
            if cell.comment is not None:  # two problems in one cell: both said
                text = f"{cell.comment.text}\n{text}"
            cell.comment = Comment(text, "chitieu", width=360, height=140)
            link = summary.cell(summary.max_row, 7)
            link.value = ref
            # An internal link (a location, not an address): Excel and LibreOffice jump to the cell.
            link.hyperlink = Hyperlink(ref=link.coordinate, location=f"{quote_sheetname(sheet)}!{ref}")
            link.style = "Hyperlink"
    if ordered.height == 0:
        summary.append(["", "", "", "", "", "Không có lỗi: bảng tính được nạp đầy đủ.", ""])
    out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)
    return out
