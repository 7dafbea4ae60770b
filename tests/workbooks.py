"""Write small clerk-style workbooks as real .xlsx, .xls and .ods files for tests.

A sheet is a list of rows (lists of cells: str is text, int/float a number, None empty) placed
at a top-left offset, plus merged ranges, so tests can reproduce title blocks, merged headers,
leading empty rows and columns, and notes under the table in all three formats.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

Cell = str | int | float | None


@dataclass
class Sheet:
    name: str
    rows: list[list[Cell]]
    top: int = 0  # 0-based row where rows[0] goes
    left: int = 0  # 0-based column where each row starts
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # absolute (r1, c1, r2, c2)


def write(path: Path, sheets: list[Sheet]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        _xlsx(path, sheets)
    elif suffix == ".xls":
        _xls(path, sheets)
    elif suffix == ".ods":
        _ods(path, sheets)
    else:
        raise ValueError(suffix)
    return path


def _cells(sheet: Sheet):
    for i, row in enumerate(sheet.rows):
        for j, value in enumerate(row):
            if value is not None:
                yield sheet.top + i, sheet.left + j, value


def _xlsx(path: Path, sheets: list[Sheet]) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    for sheet in sheets:
        ws = wb.add_worksheet(sheet.name)
        merged_origin = {}
        for r1, c1, r2, c2 in sheet.merges:
            merged_origin[(r1, c1)] = (r2, c2)
        values = {(r, c): v for r, c, v in _cells(sheet)}
        for (r1, c1), (r2, c2) in merged_origin.items():
            ws.merge_range(r1, c1, r2, c2, values.pop((r1, c1), None))
        for (r, c), v in values.items():
            if isinstance(v, str):
                ws.write_string(r, c, v)
            else:
                ws.write_number(r, c, v)
    wb.close()


def _xls(path: Path, sheets: list[Sheet]) -> None:
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    for sheet in sheets:
        ws = wb.add_sheet(sheet.name[:31])
        values = {(r, c): v for r, c, v in _cells(sheet)}
        for r1, c1, r2, c2 in sheet.merges:
            ws.write_merge(r1, r2, c1, c2, values.pop((r1, c1), None))
        for (r, c), v in values.items():
            ws.write(r, c, v)
    wb.save(str(path))


def grid_of(sheet: Sheet) -> tuple[dict, dict, set, int, int]:
    """A sheet as an OpenDocument table sees it: its values by (row, column), the merged cells'
    spans by their top-left cell, the cells a merge covers, and the table's size."""
    values = {(r, c): v for r, c, v in _cells(sheet)}
    spans = {(r1, c1): (r2 - r1 + 1, c2 - c1 + 1) for r1, c1, r2, c2 in sheet.merges}
    covered = {
        (r, c)
        for (r1, c1), (h, w) in spans.items()
        for r in range(r1, r1 + h)
        for c in range(c1, c1 + w)
        if (r, c) != (r1, c1)
    }
    n_rows = max([r for r, _ in values] + [r1 + h - 1 for (r1, _), (h, _) in spans.items()] + [0]) + 1
    n_cols = max([c for _, c in values] + [c1 + w - 1 for (_, c1), (_, w) in spans.items()] + [0]) + 1
    return values, spans, covered, n_rows, n_cols


def _ods(path: Path, sheets: list[Sheet]) -> None:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import CoveredTableCell, Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    for sheet in sheets:
        table = Table(name=sheet.name)
        values, spans, covered, n_rows, n_cols = grid_of(sheet)
        for r in range(n_rows):
            tr = TableRow()
            for c in range(n_cols):
                if (r, c) in covered:
                    tr.addElement(CoveredTableCell())
                    continue
                v = values.get((r, c))
                kwargs = {}
                if (r, c) in spans:
                    h, w = spans[(r, c)]
                    kwargs = {"numberrowsspanned": h, "numbercolumnsspanned": w}
                if v is None:
                    tr.addElement(TableCell(**kwargs))
                elif isinstance(v, str):
                    tc = TableCell(valuetype="string", **kwargs)
                    tc.addElement(P(text=v))
                    tr.addElement(tc)
                else:
                    tc = TableCell(valuetype="float", value=v, **kwargs)
                    tc.addElement(P(text=str(v)))
                    tr.addElement(tc)
            table.addElement(tr)
        doc.spreadsheet.addElement(table)
    doc.save(str(path))


def indicator_sheet(
    rows: list[list[Cell]],
    year: int = 2023,
    top: int = 0,
    left: int = 0,
    title: bool = True,
    sheet_name: str = "Chỉ tiêu",
) -> Sheet:
    """A 'Chỉ tiêu' sheet the way a clerk lays it out: title block, merged two-row header, numbering row.

    Data rows are lists over: code, name, unit, target, h1, actual, status, % of plan, grade, source, quote.
    Returns the sheet; the first data row lands on spreadsheet row ``top + 8`` (1-based) when
    ``title`` is true.
    """
    header_top = [
        "Mã chỉ tiêu",
        "Tên chỉ tiêu",
        "Đơn vị tính",
        f"Kế hoạch năm {year}",
        "Thực hiện",
        None,
        "Loại số liệu",
        "% so với kế hoạch",
        "Đánh giá",
        "Nguồn số liệu",
        "Trích dẫn",
    ]
    header_sub = [None, None, None, None, "6 tháng đầu năm", "Cả năm", None, None, None, None, None]
    numbering = [f"({i})" for i in range(1, 12)]
    block: list[list[Cell]] = []
    merges = []
    if title:
        block += [
            ["UBND THỊ XÃ AN KHÊ", None, None, None, None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
            [None] * 6 + ["Độc lập - Tự do - Hạnh phúc"],
            [],
            [f"BIỂU CHỈ TIÊU KINH TẾ - XÃ HỘI NĂM {year}"],
            [],
        ]
        merges += [(top, left, top, left + 2), (top + 3, left, top + 3, left + 10)]
    h = top + len(block)
    block += [header_top, header_sub, numbering]
    # 'Thực hiện' spans its two children; the other headers span the two header rows.
    merges.append((h, left + 4, h, left + 5))
    for j in (0, 1, 2, 3, 6, 7, 8, 9, 10):
        merges.append((h, left + j, h + 1, left + j))
    block += rows
    return Sheet(sheet_name, block, top=top, left=left, merges=merges)
