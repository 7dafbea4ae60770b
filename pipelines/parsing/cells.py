"""What calamine does not say about a workbook: how large its sheets are before they are read, and
which cells hold a formula's error, a formula with no cached value, or a percent number format.

fastexcel exposes neither formulas nor number formats: it returns an error cell (``=1/0`` cached
as ``#DIV/0!``) and a formula never calculated (files written by openpyxl and some tools) as
empty, and a cell a clerk typed as "93,02%" as the 0.9302 Excel stores. An .xlsx or .ods is a zip
of XML, so this module looks at the XML itself, and only as far as it must:

- the zip's central directory gives the unzipped size without unzipping anything;
- an .xlsx sheet's ``<dimension>`` gives its size before calamine reads it (a sheet's XML too large
  to trust it is counted as a stream, stopping at the limit);
- a byte scan of the sheet for ``t="e"``, ``<f>`` and the style numbers of percent formats (from
  ``styles.xml``) says whether a cell needs a closer look; only then is the sheet's XML parsed
  (a regex pass over its cells). In an .ods the same is ``table:formula`` and the ``percentage``
  value type.

An .xls (BIFF) is not looked into: the file-size limit bounds it, its error cells read as empty
and its percent-formatted cells as their fraction (docs/workbook-format.md says so).
"""

from __future__ import annotations

import html
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from pipelines.limits import Limits, vn_int
from pipelines.parsing.workbook import WorkbookError

FORMULA_ERROR = "formula_error"
FORMULA_UNCACHED = "formula_uncached"
PERCENT = "percent"

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE2 container: .xls, or an encrypted .xlsx
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")

# Above this an .xlsx sheet's <dimension> is not trusted (a writer may leave it at 'A1'): the sheet's
# rows are counted as a stream instead. A real 20.000-row sheet of 15 columns is ~10 MB of XML.
TRUST_DIMENSION_BYTES = 16 * 1024 * 1024
_CHUNK = 1 << 20

_ATTR = re.compile(rb"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_DIMENSION = re.compile(rb'<dimension\s+ref="([A-Z]*)(\d*)(?::([A-Z]+)(\d+))?"')
_SHEET_TAG = re.compile(rb"<sheet\b([^>]*?)/?>")
_REL_TAG = re.compile(rb"<Relationship\b([^>]*?)/?>")
_NUMFMT_TAG = re.compile(rb"<numFmt\b([^>]*?)/?>")
_CELLXFS = re.compile(rb"<cellXfs\b[^>]*>(.*?)</cellXfs>", re.DOTALL)
_XF_TAG = re.compile(rb"<xf\b([^>]*?)/?>")
# A row start, or a whole cell (self-closing or with its content): cells never nest.
_ROW_OR_CELL = re.compile(rb"<row\b([^>]*?)(/?)>|<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.DOTALL)
_VALUE = re.compile(rb"<v>(.*?)</v>|<v\s*/>", re.DOTALL)
_FORMULA = re.compile(rb"<f\b[^>]*?(?:/>|>(.*?)</f>)", re.DOTALL)
_CELL_REF = re.compile(rb"([A-Z]+)(\d+)")
_BUILTIN_PERCENT = frozenset({9, 10})  # '0%', '0.00%'
_ODS_ERROR_TEXT = re.compile(r"^(#[A-Z0-9/]+[!?]?|#N/A|Err:\d+)$")

_T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_O = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_X = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_CALCEXT = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}"


@dataclass(frozen=True)
class CellFact:
    """A cell whose value calamine cannot give right."""

    row: int  # 1-based spreadsheet row
    column: int  # 0-based absolute column
    kind: str  # FORMULA_ERROR, FORMULA_UNCACHED or PERCENT
    value: str | None  # the error ('#DIV/0!') or the formula ('=A5*2') as the clerk sees it


@dataclass(frozen=True)
class SheetSize:
    rows: int  # last row holding anything (1-based)
    columns: int  # last column holding anything (1-based)


def column_index(letters: bytes | str) -> int:
    """'A' → 0, 'AA' → 26."""
    text = letters.decode() if isinstance(letters, bytes) else letters
    n = 0
    for ch in text:
        n = n * 26 + ord(ch) - 64
    return n - 1


def _attrs(text: bytes) -> dict[str, str]:
    return {
        m.group(1).decode(): html.unescape((m.group(2) if m.group(2) is not None else m.group(3)).decode("utf-8"))
        for m in _ATTR.finditer(text)
    }


def _is_percent_format(code: str) -> bool:
    """'0.00%' and '#,##0.0%' scale by 100; a '%' quoted ('0"%"'), escaped ('0\\%') or in brackets does not."""
    plain = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", code)
    return "%" in plain


def too_large(detail: str, sheet: str | None = None, value: str | None = None) -> WorkbookError:
    return WorkbookError("file_too_large", detail, value=value, sheet=sheet)


def check_size(sheet: str, size: SheetSize | None, limits: Limits, capped: bool = False) -> None:
    """Refuse a sheet over the row or column limit, before it is read. ``capped``: the rows were
    counted by reading at most one more than the limit, so a sheet over it has "more than" that."""
    if size is None:
        return
    if size.rows > limits.max_rows:
        rows = f"hơn {vn_int(limits.max_rows)}" if capped else vn_int(size.rows)
        raise too_large(
            f"Trang '{sheet}' có {rows} dòng; giới hạn {vn_int(limits.max_rows)} dòng (CHITIEU_MAX_ROWS).",
            sheet=sheet,
            value=f"> {limits.max_rows} rows" if capped else f"{size.rows} rows",
        )
    if size.columns > limits.max_columns:
        raise too_large(
            f"Trang '{sheet}' có {vn_int(size.columns)} cột; giới hạn {vn_int(limits.max_columns)} cột "
            "(CHITIEU_MAX_COLUMNS).",
            sheet=sheet,
            value=f"{size.columns} columns",
        )


class Inspector:
    """A workbook that cannot be looked into (.xls, or a file that is not a zip: calamine reports it)."""

    unzipped_bytes: int | None = None

    def check(self, limits: Limits) -> None:
        """Workbook-wide limits (the unzipped size; for an .ods, every sheet's size)."""

    def sheet_size(self, sheet: str, limits: Limits) -> SheetSize | None:
        return None

    def facts(self, sheet: str) -> list[CellFact]:
        return []

    def close(self) -> None:
        pass


class _ZipInspector(Inspector):
    def __init__(self, zf: zipfile.ZipFile):
        self.zip = zf
        self.infos = {i.filename: i for i in zf.infolist()}
        self.unzipped_bytes = sum(i.file_size for i in self.infos.values())

    def check(self, limits: Limits) -> None:
        if self.unzipped_bytes is not None and self.unzipped_bytes > limits.max_unzipped_bytes:
            raise too_large(
                f"Giải nén ra {vn_int(round(self.unzipped_bytes / 1024 / 1024, 1))} MB; giới hạn "
                f"{vn_int(limits.max_unzipped_mb)} MB (CHITIEU_MAX_UNZIPPED_MB).",
                value=f"{self.unzipped_bytes} bytes unzipped",
            )

    def _read(self, name: str) -> bytes | None:
        return self.zip.read(name) if name in self.infos else None

    def close(self) -> None:
        self.zip.close()


class XlsxInspector(_ZipInspector):
    """An .xlsx/.xlsm: sheet parts found through workbook.xml and its relationships."""

    def __init__(self, zf: zipfile.ZipFile):
        super().__init__(zf)
        self._members: dict[str, str] | None = None
        self._percent: frozenset[int] | None = None
        # Set by writers that store formulas with a placeholder result (xlsxwriter caches 0) and ask
        # Excel to calculate on opening: a formula's 0 in such a file is that placeholder, not a result.
        self._recalc = False
        self._data: dict[str, bytes] = {}
        self._facts: dict[str, list[CellFact]] = {}

    def _parts(self) -> tuple[str, dict[str, str]]:
        """The workbook part and its relationships (id → (type, part))."""
        book = "xl/workbook.xml"
        root_rels = self._read("_rels/.rels") or b""
        for m in _REL_TAG.finditer(root_rels):
            a = _attrs(m.group(1))
            if a.get("Type", "").endswith("/officeDocument"):
                book = a.get("Target", book).lstrip("/")
        rels_path = posixpath.join(posixpath.dirname(book), "_rels", posixpath.basename(book) + ".rels")
        rels: dict[str, str] = {}
        for m in _REL_TAG.finditer(self._read(rels_path) or b""):
            a = _attrs(m.group(1))
            target = a.get("Target", "")
            part = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join(posixpath.dirname(book), target))
            )
            rels[a.get("Id", "")] = (a.get("Type", ""), part)
        return book, rels

    def _member(self, sheet: str) -> str | None:
        if self._members is None:
            book, rels = self._parts()
            self._members = {}
            book_xml = self._read(book) or b""
            self._recalc = re.search(rb'fullCalcOnLoad="(1|true)"', book_xml) is not None
            for m in _SHEET_TAG.finditer(book_xml):
                a = _attrs(m.group(1))
                rid = next((v for k, v in a.items() if k.endswith(":id")), None)
                if rid in rels and "name" in a:
                    self._members[a["name"]] = rels[rid][1]
            styles = next((part for kind, part in rels.values() if kind.endswith("/styles")), "xl/styles.xml")
            self._percent = self._percent_styles(styles)
        return self._members.get(sheet)

    def _percent_styles(self, part: str) -> frozenset[int]:
        """Indexes of ``cellXfs`` whose number format is a percentage."""
        data = self._read(part)
        if not data or b"%" not in data and b'numFmtId="9"' not in data and b'numFmtId="10"' not in data:
            return frozenset()
        custom = {}
        for m in _NUMFMT_TAG.finditer(data):
            a = _attrs(m.group(1))
            if "numFmtId" in a:
                custom[int(a["numFmtId"])] = a.get("formatCode", "")
        block = _CELLXFS.search(data)
        if block is None:
            return frozenset()
        found = set()
        for i, m in enumerate(_XF_TAG.finditer(block.group(1))):
            fmt = int(_attrs(m.group(1)).get("numFmtId", "0"))
            if fmt in _BUILTIN_PERCENT or (fmt in custom and _is_percent_format(custom[fmt])):
                found.add(i)
        return frozenset(found)

    def sheet_size(self, sheet: str, limits: Limits) -> SheetSize | None:
        member = self._member(sheet)
        if member is None or member not in self.infos:
            return None
        info = self.infos[member]
        if info.file_size <= TRUST_DIMENSION_BYTES:
            data = self._data.setdefault(sheet, self.zip.read(member))
            dim = _DIMENSION.search(data, 0, 4096)
            if dim is not None:
                last_col, last_row = (dim.group(3), dim.group(4)) if dim.group(3) else (dim.group(1), dim.group(2))
                if last_row:
                    return SheetSize(int(last_row), column_index(last_col) + 1 if last_col else 1)
            return _scan_xlsx(iter([data]), frozenset(), limits, want_facts=False)[0]
        with self.zip.open(member) as fh:
            head = fh.read(4096)
        dim = _DIMENSION.search(head)
        if dim is not None and dim.group(4) and int(dim.group(4)) > limits.max_rows:
            return SheetSize(int(dim.group(4)), column_index(dim.group(3)) + 1)
        return _scan_xlsx(_chunks(self.zip, member), frozenset(), limits, want_facts=False)[0]

    def facts(self, sheet: str) -> list[CellFact]:
        if sheet in self._facts:
            return self._facts[sheet]
        member = self._member(sheet)
        if member is None or member not in self.infos:
            return []
        data = self._data.get(sheet)
        if data is None:
            data = self._data[sheet] = self.zip.read(member)
        percent = self._percent or frozenset()
        # The cheap byte scan: most sheets have no formula, no error and no percent-formatted cell.
        formulas = b"<f>" in data or b"<f " in data or b't="e"' in data
        percents = bool(percent) and any(b' s="%d"' % i in data for i in percent)
        found: list[CellFact] = []
        if formulas or percents:
            found = _scan_xlsx(iter([data]), percent, None, want_facts=True, recalc=self._recalc)[1]
        self._facts[sheet] = found
        self._data.pop(sheet, None)  # read once: the sheet's XML is not kept
        return found


def _chunks(zf: zipfile.ZipFile, member: str) -> Iterator[bytes]:
    with zf.open(member) as fh:
        while chunk := fh.read(_CHUNK):
            yield chunk


def _last_tag_start(buf: bytes) -> int:
    """Where the last row or cell tag of ``buf`` starts: what precedes it is whole."""
    return max(buf.rfind(b"<c "), buf.rfind(b"<c>"), buf.rfind(b"<row "), buf.rfind(b"<row>"))


def _scan_xlsx(
    chunks: Iterator[bytes], percent: frozenset[int], limits: Limits | None, want_facts: bool, recalc: bool = False
) -> tuple[SheetSize, list[CellFact]]:
    """Walk a sheet's rows and cells (streamed): the last row and column holding a value or formula,
    and, when wanted, the cells calamine misreads. Stops once the row limit is passed."""
    row = 0
    col = -1
    last_row = 0
    last_col = 0
    facts: list[CellFact] = []
    tail = b""
    stop = limits.max_rows if limits is not None else None
    iterator = iter(chunks)
    done = False
    while not done:
        chunk = next(iterator, None)
        if chunk is None:
            buf, tail, done = tail, b"", True
        else:
            buf = tail + chunk
            cut = _last_tag_start(buf)
            if cut <= 0 and len(buf) < 8 * _CHUNK:
                tail = buf
                continue
            buf, tail = (buf[:cut], buf[cut:]) if cut > 0 else (buf, b"")
        for m in _ROW_OR_CELL.finditer(buf):
            if m.group(1) is not None:  # a row
                a = _attrs(m.group(1))
                row = int(a["r"]) if "r" in a and a["r"].isdigit() else row + 1
                col = -1
                continue
            attrs = m.group(3) or b""
            inner = m.group(4) or b""
            a = _attrs(attrs)
            ref = _CELL_REF.fullmatch(a.get("r", "").encode()) if "r" in a else None
            if ref is not None:
                col = column_index(ref.group(1))
                row = int(ref.group(2))
            else:
                col += 1
            if not inner:
                continue
            value = _VALUE.search(inner)
            formula = _FORMULA.search(inner)
            text = None if value is None else (value.group(1) or b"")
            is_inline = b"<is>" in inner
            if text is None and formula is None and not is_inline:
                continue
            if text or formula is not None or is_inline:
                last_row = max(last_row, row)
                last_col = max(last_col, col + 1)
            if stop is not None and last_row > stop:
                return SheetSize(last_row, last_col), facts
            if not want_facts:
                continue
            kind = a.get("t")
            if kind == "e":
                facts.append(CellFact(row, col, FORMULA_ERROR, html.unescape(text.decode()) if text else "#ERROR"))
            elif formula is not None and (
                text is None or (text == b"" and kind != "str") or (recalc and text == b"0" and kind in (None, "n"))
            ):
                body = formula.group(1)
                shown = "=" + html.unescape(body.decode()) if body else None
                facts.append(CellFact(row, col, FORMULA_UNCACHED, shown))
            elif text and kind in (None, "n") and a.get("s", "").isdigit() and int(a["s"]) in percent:
                facts.append(CellFact(row, col, PERCENT, text.decode()))
    return SheetSize(last_row, last_col), facts


@dataclass
class _OdsTable:
    rows: int = 0
    columns: int = 0
    facts: list[CellFact] = field(default_factory=list)


class OdsInspector(_ZipInspector):
    """An .ods: every table's size and odd cells from content.xml, parsed only when they can matter."""

    def __init__(self, zf: zipfile.ZipFile):
        super().__init__(zf)
        manifest = self._read("META-INF/manifest.xml") or b""
        if b"encryption-data" in manifest:
            raise WorkbookError("file_encrypted", "OpenDocument encryption (META-INF/manifest.xml).")
        self._tables: dict[str, _OdsTable] | None = None

    def check(self, limits: Limits) -> None:
        super().check(limits)
        for name, table in self._parse(limits).items():
            check_size(name, SheetSize(table.rows, table.columns), limits)

    def _parse(self, limits: Limits) -> dict[str, _OdsTable]:
        if self._tables is not None:
            return self._tables
        if "content.xml" not in self.infos:
            self._tables = {}
            return self._tables
        # The byte scan first: most files have no formula, no percentage and no large repeat.
        needs_parse = False
        rows_bound = 0
        tail = b""
        chunks = _chunks(self.zip, "content.xml")
        while not needs_parse:
            chunk = next(chunks, None)
            buf = tail + (chunk or b"")
            cut = buf.rfind(b"<") if chunk is not None else -1
            # What precedes the last '<' holds whole tags; the rest waits for the next chunk.
            head, tail = (buf[:cut], buf[cut:]) if cut >= 0 else (buf, b"")
            if b"table:formula" in head or b'"percentage"' in head:
                needs_parse = True
            rows_bound += head.count(b"<table:table-row")
            for m in re.finditer(rb'number-(rows|columns)-repeated="(\d+)"', head):
                n = int(m.group(2))
                rows_bound += n - 1 if m.group(1) == b"rows" else 0
                needs_parse = needs_parse or (m.group(1) == b"columns" and n > limits.max_columns)
            needs_parse = needs_parse or rows_bound > limits.max_rows
            if chunk is None:
                break
        self._tables = _parse_ods(self.zip, limits) if needs_parse else {}
        return self._tables

    def sheet_size(self, sheet: str, limits: Limits) -> SheetSize | None:
        table = self._parse(limits).get(sheet)
        return None if table is None else SheetSize(table.rows, table.columns)

    def facts(self, sheet: str) -> list[CellFact]:
        table = (self._tables or {}).get(sheet)
        return [] if table is None else table.facts


def _parse_ods(zf: zipfile.ZipFile, limits: Limits) -> dict[str, _OdsTable]:
    """Every table's last row and column with content (repeats counted, not expanded) and its odd cells."""
    tables: dict[str, _OdsTable] = {}
    current: _OdsTable | None = None
    row = 0
    with zf.open("content.xml") as fh:
        for event, elem in ElementTree.iterparse(fh, events=("start", "end")):
            if event == "start":
                if elem.tag == _T + "table":
                    current = tables.setdefault(elem.get(_T + "name", ""), _OdsTable())
                    row = 0
                continue
            if elem.tag != _T + "table-row" or current is None:
                continue
            repeats = int(elem.get(_T + "number-rows-repeated", "1"))
            col = 0
            row_has_content = False
            for cell in elem:
                if cell.tag not in (_T + "table-cell", _T + "covered-table-cell"):
                    continue
                span = int(cell.get(_T + "number-columns-repeated", "1"))
                kind = cell.get(_O + "value-type")
                formula = cell.get(_T + "formula")
                text = "".join(cell.itertext()).strip()
                if kind or formula or text:
                    row_has_content = True
                    current.columns = max(current.columns, col + span)
                    fact = _ods_fact(kind, formula, text, cell.get(_CALCEXT + "value-type"), cell.get(_O + "value"))
                    if fact is not None:
                        # A repeated cell is one fact per cell it stands for, within the limits.
                        for r in range(row + 1, row + 1 + min(repeats, limits.max_rows)):
                            for c in range(col, col + min(span, limits.max_columns)):
                                current.facts.append(CellFact(r, c, fact[0], fact[1]))
                col += span
            if row_has_content:
                current.rows = row + repeats
            row += repeats
            elem.clear()
            if current.rows > limits.max_rows:
                break  # too large already: the rest is not needed
    return tables


def _ods_fact(
    kind: str | None, formula: str | None, text: str, calc_kind: str | None, value: str | None
) -> tuple[str, str | None] | None:
    if formula is not None:
        shown = "=" + formula.split(":", 1)[1].lstrip("=") if ":" in formula else formula
        if calc_kind == "error" or (text and _ODS_ERROR_TEXT.match(text) and kind in (None, "string", "float")):
            return FORMULA_ERROR, text or "#ERROR"
        if kind is None or (kind != "string" and value is None):
            return FORMULA_UNCACHED, shown
    if kind == "percentage" and value is not None:
        return PERCENT, value
    return None


def inspect_workbook(path: Path) -> Inspector:
    """The inspector for a workbook: .xlsx/.xlsm/.ods looked into; anything else (or a file that is
    not a zip, which calamine will report) not. An OLE2 container named .xlsx is an encrypted
    workbook or an .xls under the wrong name: both are said plainly here."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".xlsm", ".ods"):
        return Inspector()
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(CFB_MAGIC):
        if _ENCRYPTED_PACKAGE in path.read_bytes():
            raise WorkbookError("file_encrypted", "EncryptedPackage (OLE2).")
        raise WorkbookError(
            "file_unreadable",
            f"Tệp là bảng tính Excel 97–2003 (.xls) nhưng mang đuôi {suffix}: mở tệp và lưu lại thành "
            f"{suffix} (Tệp › Lưu thành), hoặc đổi đuôi thành .xls.",
        )
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        return Inspector()
    try:
        return OdsInspector(zf) if suffix == ".ods" else XlsxInspector(zf)
    except BaseException:
        zf.close()
        raise
