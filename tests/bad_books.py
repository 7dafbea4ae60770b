"""Write the workbooks clerks and their tools really produce, broken ones included, for the bad-input suite.

A sheet is laid out like the project's template (title block, header on row 7 — two rows when a
column has a merged parent — a row of column numbers, data from row 9, or row 10 under a two-row
header), from a ``SheetSpec`` and rows keyed by column key, so a case changes one cell and says
where it is by its spreadsheet row and column letter. Cells may be plain values or:

- ``Formula('=1/0', cached='#DIV/0!')``: a formula and the result a program stored with it (an
  error, a number, or ``None``: no result, as openpyxl writes formulas);
- ``Percent(0.9302)``: a number with a percent number format (what Excel stores for "93,02%").

Writers: .xlsx by xlsxwriter (what Excel-like tools write: formulas with a cached result) or by
openpyxl (formulas without results), .ods as LibreOffice writes it (error cells carry
``calcext:value-type="error"``), .xls by xlwt. Plus the raw shapes no library writes: an encrypted
workbook (an OLE2 container), sheets of many rows as streamed XML, zip bombs.
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from html import escape
from pathlib import Path

from schemas.workbook_format import Column, SheetSpec
from tests.workbooks import (
    Sheet,
    _cells,  # noqa: PLC2701 - the same walk over a sheet's cells
    grid_of,
)


@dataclass(frozen=True)
class Formula:
    text: str  # as typed, with '='
    cached: float | str | None = None  # an error ('#DIV/0!'), a number, or None: no result stored


@dataclass(frozen=True)
class Percent:
    value: float  # what is stored (0.9302 for "93,02%")
    format: str = "0.00%"


HEADER_ROW = 6  # 0-based, as the template writes it


def header_text(col: Column, period: str) -> str:
    return f"{col.header} {period}" if col.key == "target_text" and "-" not in period else col.header


def spec_sheet(
    spec: SheetSpec, rows: Sequence[dict | None], period: str = "2021", name: str | None = None, note: bool = True
) -> Sheet:
    """A sheet of ``spec`` laid out as the template lays it out; ``None`` rows are blank lines."""
    cols = spec.columns
    last = len(cols) - 1
    block: list[list] = [
        ["UBND THỊ XÃ AN KHÊ"] + [None] * 4 + ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        [None] * 5 + ["Độc lập - Tự do - Hạnh phúc"],
        [],
        [spec.title_vi.format(period=period)],
        [spec.purpose_vi],
        [],
    ]
    merges = [(3, 0, 3, last), (4, 0, 4, last)]
    two_rows = any(c.group for c in cols)
    top: list = []
    sub: list = []
    j = 0
    while j < len(cols):
        col = cols[j]
        if col.group:
            k = j
            while k + 1 < len(cols) and cols[k + 1].group == col.group:
                k += 1
            top += [col.group] + [None] * (k - j)
            sub += [header_text(c, period) for c in cols[j : k + 1]]
            if k > j:
                merges.append((HEADER_ROW, j, HEADER_ROW, k))
            j = k + 1
            continue
        top.append(header_text(col, period))
        sub.append(None)
        if two_rows:
            merges.append((HEADER_ROW, j, HEADER_ROW + 1, j))
        j += 1
    block.append(top)
    if two_rows:
        block.append(sub)
    block.append([f"({i + 1})" for i in range(len(cols))])
    for row in rows:
        block.append([] if row is None else [row.get(c.key) for c in cols])
    if note:
        block += [[], [None, "NGƯỜI LẬP BIỂU"] + [None] * 4 + ["THỦ TRƯỞNG ĐƠN VỊ"]]
    return Sheet(name or spec.name, block, merges=merges)


def first_data_row(spec: SheetSpec) -> int:
    """The spreadsheet row (1-based) of a ``spec_sheet``'s first data row."""
    return HEADER_ROW + (3 if any(c.group for c in spec.columns) else 2) + 1


def letter(spec: SheetSpec, key: str) -> str:
    from pipelines.parsing.workbook import column_letter

    return column_letter([c.key for c in spec.columns].index(key))


def info_sheet(locality: str = "an-khe", period: str = "2021") -> Sheet:
    return Sheet(
        "Thông tin chung",
        [
            ["THÔNG TIN CHUNG"],
            [],
            ["Mã địa phương", locality],
            ["Tên địa phương", "Thị xã An Khê"],
            ["Năm / Nhiệm kỳ", period],
        ],
    )


# --- writers -------------------------------------------------------------------------------------


def write_xlsx(path: Path, sheets: Sequence[Sheet], engine: str = "xlsxwriter") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if engine == "openpyxl":
        return _openpyxl(path, sheets)
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    formats: dict[str, object] = {}
    for sheet in sheets:
        ws = wb.add_worksheet(sheet.name)
        values = {(r, c): v for r, c, v in _cells(sheet)}
        for r1, c1, r2, c2 in sheet.merges:
            first = values.pop((r1, c1), None)
            ws.merge_range(r1, c1, r2, c2, first if isinstance(first, str) else None)
        for (r, c), v in values.items():
            if isinstance(v, Formula):
                cached = v.cached if v.cached is not None else 0
                ws.write_formula(r, c, v.text, None, cached)
            elif isinstance(v, Percent):
                fmt = formats.setdefault(v.format, wb.add_format({"num_format": v.format}))
                ws.write_number(r, c, v.value, fmt)
            elif isinstance(v, date):
                fmt = formats.setdefault("date", wb.add_format({"num_format": "dd/mm/yyyy"}))
                ws.write_datetime(r, c, v if isinstance(v, datetime) else datetime(v.year, v.month, v.day), fmt)
            elif isinstance(v, str):
                ws.write_string(r, c, v)
            else:
                ws.write_number(r, c, v)
    wb.close()
    return path


def _openpyxl(path: Path, sheets: Sequence[Sheet]) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for sheet in sheets:
        ws = wb.create_sheet(sheet.name)
        for r, c, v in _cells(sheet):
            cell = ws.cell(row=r + 1, column=c + 1)
            if isinstance(v, Formula):
                cell.value = v.text  # openpyxl stores the formula and no result
            elif isinstance(v, Percent):
                cell.value = v.value
                cell.number_format = v.format
            else:
                cell.value = v
                if isinstance(v, str):
                    cell.data_type = "s"  # text stays text ('=' or digits are not re-read)
        for r1, c1, r2, c2 in sheet.merges:
            ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
    wb.save(str(path))
    return path


def write_xls(path: Path, sheets: Sequence[Sheet]) -> Path:
    import xlwt

    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlwt.Workbook(encoding="utf-8")
    pct = xlwt.easyxf(num_format_str="0.00%")
    for sheet in sheets:
        ws = wb.add_sheet(sheet.name[:31])
        values = {(r, c): v for r, c, v in _cells(sheet)}
        for r1, c1, r2, c2 in sheet.merges:
            first = values.pop((r1, c1), None)
            ws.write_merge(r1, r2, c1, c2, first if isinstance(first, str) else None)
        for (r, c), v in values.items():
            if isinstance(v, Formula):
                ws.write(r, c, xlwt.Formula(v.text.lstrip("=")))
            elif isinstance(v, Percent):
                ws.write(r, c, v.value, pct)
            else:
                ws.write(r, c, v)
    wb.save(str(path))
    return path


_ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" '
    'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"'
)


def _ods_cell(v: object, span: tuple[int, int] | None) -> str:
    attrs = ""
    if span is not None:
        attrs = f' table:number-rows-spanned="{span[0]}" table:number-columns-spanned="{span[1]}"'
    if v is None:
        return f"<table:table-cell{attrs}/>"
    if isinstance(v, Formula):
        formula = escape("of:" + v.text, quote=True)
        if v.cached is None:
            return f'<table:table-cell table:formula="{formula}"{attrs}/>'
        if isinstance(v.cached, str):  # how LibreOffice saves an error result
            return (
                f'<table:table-cell table:formula="{formula}" office:value-type="float" office:value="0" '
                f'calcext:value-type="error"{attrs}><text:p>{escape(v.cached)}</text:p></table:table-cell>'
            )
        return (
            f'<table:table-cell table:formula="{formula}" office:value-type="float" office:value="{v.cached}"'
            f"{attrs}><text:p>{v.cached}</text:p></table:table-cell>"
        )
    if isinstance(v, Percent):
        return (
            f'<table:table-cell office:value-type="percentage" office:value="{v.value}"{attrs}>'
            f"<text:p>{v.value * 100:g}%</text:p></table:table-cell>"
        )
    if isinstance(v, str):
        return f'<table:table-cell office:value-type="string"{attrs}><text:p>{escape(v)}</text:p></table:table-cell>'
    return (
        f'<table:table-cell office:value-type="float" office:value="{v}"{attrs}><text:p>{v}</text:p></table:table-cell>'
    )


def ods_table(sheet: Sheet) -> str:
    values, spans, covered, n_rows, n_cols = grid_of(sheet)
    out = [f'<table:table table:name="{escape(sheet.name, quote=True)}">']
    for r in range(n_rows):
        cells = []
        for c in range(n_cols):
            if (r, c) in covered:
                cells.append("<table:covered-table-cell/>")
            else:
                cells.append(_ods_cell(values.get((r, c)), spans.get((r, c))))
        out.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
    out.append("</table:table>")
    return "".join(out)


def write_ods(path: Path, sheets: Sequence[Sheet], tables: Sequence[str] = (), encrypted: bool = False) -> Path:
    """An .ods as LibreOffice lays it out (``tables``: extra table XML, e.g. repeated rows)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    body = "".join(ods_table(s) for s in sheets) + "".join(tables)
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NS} office:version="1.3">'
        f"<office:body><office:spreadsheet>{body}</office:spreadsheet></office:body></office:document-content>"
    )
    encryption = (
        '<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA">'
        '<manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="AAAA"/>'
        "</manifest:encryption-data>"
        if encrypted
        else ""
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        f'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">{encryption}'
        "</manifest:file-entry></manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return path


# --- shapes no writer library makes ------------------------------------------------------------


def write_cfb(path: Path, streams: dict[str, bytes]) -> Path:
    """A minimal OLE2 compound file (what Office writes for an encrypted .xlsx: streams
    'EncryptionInfo' and 'EncryptedPackage'). Streams are padded to 4096 bytes so they live in
    regular 512-byte sectors."""
    sector = 512
    names = list(streams)
    data = [streams[n].ljust(max(4096, -(-len(streams[n]) // sector) * sector), b"\0") for n in names]
    sectors_per = [len(d) // sector for d in data]
    n_data = sum(sectors_per)
    fat = [0xFFFFFFFD, 0xFFFFFFFE]  # sector 0: the FAT itself; sector 1: the directory
    start = 2
    starts = []
    for count in sectors_per:
        starts.append(start)
        fat += [start + i + 1 for i in range(count - 1)] + [0xFFFFFFFE]
        start += count
    fat += [0xFFFFFFFF] * (sector // 4 - len(fat))
    header = bytearray(sector)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIII", header, 40, 0, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE)
    struct.pack_into("<I", header, 68, 0)
    struct.pack_into("<I", header, 72, 0)
    for i in range(109):
        struct.pack_into("<I", header, 76 + 4 * i, 0 if i == 0 else 0xFFFFFFFF)

    def entry(name: str, kind: int, child: int, right: int, first: int, size: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0"
        e = bytearray(128)
        e[0 : len(raw)] = raw
        struct.pack_into("<HBB", e, 64, len(raw), kind, 1)
        struct.pack_into("<III", e, 68, 0xFFFFFFFF, right, child)
        struct.pack_into("<IQ", e, 116, first, size)
        return bytes(e)

    entries = [entry("Root Entry", 5, 1, 0xFFFFFFFF, 0xFFFFFFFE, 0)]
    for i, name in enumerate(names):
        right = i + 2 if i + 1 < len(names) else 0xFFFFFFFF
        entries.append(entry(name, 2, 0xFFFFFFFF, right, starts[i], len(data[i])))
    directory = b"".join(entries).ljust(sector, b"\0")
    body = bytes(header) + struct.pack(f"<{sector // 4}I", *fat) + directory + b"".join(data)
    assert len(body) == sector * (3 + n_data)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(body)
    return path


def write_rows_xlsx(
    path: Path,
    sheet_name: str,
    header: Sequence[str],
    row: Sequence[str | float],
    count: int,
    dimension: str | None = "auto",
    explicit_refs: bool = True,
    padding: int = 0,
) -> Path:
    """An .xlsx of one sheet: ``header`` then ``count`` copies of ``row``, streamed (never in memory).

    ``dimension``: 'auto' (the true range), None (no <dimension>, as some writers leave it) or a
    ref to write ('A1' when a writer does not care). ``padding`` adds a hidden part of that many
    zero bytes (it compresses to nothing: a zip bomb's shape)."""
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    last_col = chr(64 + max(len(header), len(row)))
    if dimension == "auto":
        dimension = f"A1:{last_col}{count + 1}"
    path.parent.mkdir(parents=True, exist_ok=True)

    def cells(values: Sequence[str | float], r: int) -> bytes:
        out = []
        for j, v in enumerate(values):
            ref = f' r="{chr(65 + j)}{r}"' if explicit_refs else ""
            if isinstance(v, str):
                out.append(f'<c{ref} t="inlineStr"><is><t>{escape(v)}</t></is></c>')
            else:
                out.append(f"<c{ref}><v>{v}</v></c>")
        row_ref = f' r="{r}"' if explicit_refs else ""
        return f"<row{row_ref}>{''.join(out)}</row>".encode()

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
            'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.worksheet+xml"/></Types>',
        )
        zf.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            f'2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        zf.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><workbook {ns} xmlns:r="{rel}"><sheets><sheet name="'
            f'{escape(sheet_name, quote=True)}" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        zf.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            f'2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            "</Relationships>",
        )
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            dim = f'<dimension ref="{dimension}"/>' if dimension else ""
            fh.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet {ns}>{dim}<sheetData>'.encode())
            fh.write(cells(header, 1))
            for r in range(2, count + 2):
                fh.write(cells(row, r))
            fh.write(b"</sheetData></worksheet>")
        if padding:
            with zf.open("xl/media/padding.bin", "w", force_zip64=True) as fh:
                block = b"\0" * (1 << 20)
                for _ in range(padding // len(block)):
                    fh.write(block)
                fh.write(b"\0" * (padding % len(block)))
    return path
