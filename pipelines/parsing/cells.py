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
import io
import posixpath
import re
import struct
import zipfile
import zlib
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
_REL_KIND = re.compile(rb'\bType="[^"]*/(\w+)"')
_REL_ID = re.compile(rb'\bId="([^"]*)"')
_REL_TARGET = re.compile(rb'\bTarget="([^"]*)"')
_SHEET_NAME = re.compile(rb'\bname="([^"]*)"')
_SHEET_RID = re.compile(rb'\b[\w]+:id="([^"]*)"')
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


def _text(raw: bytes) -> str:
    """An attribute's value as text (entities resolved only where there are any)."""
    text = raw.decode("utf-8")
    return html.unescape(text) if "&" in text else text


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


class _NotPlain(Exception):
    """A zip this module does not read itself (zip64, encrypted parts, another compression)."""


class Archive:
    """The parts of a zip already in memory: the central directory read with ``struct``, a part
    inflated when asked. Python's ``zipfile`` costs ~0,4 ms a workbook before reading a byte (it
    builds an object per part); this costs a tenth of that, and the national set has 9.101 workbooks."""

    def __init__(self, data: bytes):
        self.data = data
        end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
        if end < 0:
            raise zipfile.BadZipFile("no end of central directory")
        count, _size, offset = struct.unpack_from("<HII", data, end + 10)
        if count == 0xFFFF or offset == 0xFFFFFFFF:
            raise _NotPlain("zip64")
        self._parts: dict[str, tuple[int, int, int, int]] = {}  # name → (method, compressed, size, header)
        p = offset
        for _ in range(count):
            if data[p : p + 4] != b"PK\x01\x02":
                raise zipfile.BadZipFile("bad central directory")
            flags, method = struct.unpack_from("<HH", data, p + 8)
            compressed, size, n, e, c = struct.unpack_from("<IIHHH", data, p + 20)
            header = struct.unpack_from("<I", data, p + 42)[0]
            if flags & 1 or method not in (0, 8):
                raise _NotPlain("encrypted or unusual compression")
            name = data[p + 46 : p + 46 + n].decode("utf-8" if flags & 0x800 else "cp437")
            self._parts[name] = (method, compressed, size, header)
            p += 46 + n + e + c
        self.sizes = {name: part[2] for name, part in self._parts.items()}

    def _raw(self, name: str) -> tuple[int, memoryview]:
        method, compressed, _size, header = self._parts[name]
        n, e = struct.unpack_from("<HH", self.data, header + 26)
        start = header + 30 + n + e
        return method, memoryview(self.data)[start : start + compressed]

    def read(self, name: str) -> bytes:
        method, raw = self._raw(name)
        return bytes(raw) if method == 0 else zlib.decompress(raw, -15)

    def chunks(self, name: str) -> Iterator[bytes]:
        method, raw = self._raw(name)
        if method == 0:
            for i in range(0, len(raw), _CHUNK):
                yield bytes(raw[i : i + _CHUNK])
            return
        inflate = zlib.decompressobj(-15)
        for i in range(0, len(raw), _CHUNK // 8):
            out = inflate.decompress(raw[i : i + _CHUNK // 8], _CHUNK)
            while out:
                yield out
                out = inflate.decompress(inflate.unconsumed_tail, _CHUNK) if inflate.unconsumed_tail else b""
        if tail := inflate.flush():
            yield tail

    def stream(self, name: str) -> io.RawIOBase:
        return _ChunkStream(self.chunks(name))

    def close(self) -> None:
        self.data = b""


class _ZipfileArchive:
    """The same, through ``zipfile``, for the zips ``Archive`` leaves alone."""

    def __init__(self, zf: zipfile.ZipFile):
        self.zip = zf
        self.sizes = {i.filename: i.file_size for i in zf.infolist()}

    def read(self, name: str) -> bytes:
        return self.zip.read(name)

    def chunks(self, name: str) -> Iterator[bytes]:
        with self.zip.open(name) as fh:
            while chunk := fh.read(_CHUNK):
                yield chunk

    def stream(self, name: str) -> io.RawIOBase:
        return self.zip.open(name)

    def close(self) -> None:
        self.zip.close()


class _ChunkStream(io.RawIOBase):
    """A readable file over a generator of byte chunks (for ElementTree.iterparse)."""

    def __init__(self, chunks: Iterator[bytes]):
        self._chunks = chunks
        self._buf = b""

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        while not self._buf:
            self._buf = next(self._chunks, b"")
            if not self._buf:
                return 0
        n = min(len(b), len(self._buf))
        b[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n


def open_archive(data: bytes) -> Archive | _ZipfileArchive:
    try:
        return Archive(data)
    except _NotPlain:
        return _ZipfileArchive(zipfile.ZipFile(io.BytesIO(data)))


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
        """Nothing was opened, so nothing to close."""


class _ZipInspector(Inspector):
    def __init__(self, archive: Archive | _ZipfileArchive):
        self.zip = archive
        self.infos = archive.sizes  # part → uncompressed size
        self.unzipped_bytes = sum(self.infos.values())

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

    def __init__(self, archive: Archive | _ZipfileArchive):
        super().__init__(archive)
        self._members: dict[str, str] | None = None
        self._percent: frozenset[int] | None = None
        # Set by writers that store formulas with a placeholder result (xlsxwriter caches 0) and ask
        # Excel to calculate on opening: a formula's 0 in such a file is that placeholder, not a result.
        self._recalc = False
        self._data: dict[str, bytes] = {}
        self._facts: dict[str, list[CellFact]] = {}

    def _parts(self) -> tuple[str, dict[str, tuple[str, str]]]:
        """The workbook part and the relationships it needs (id → (kind, part)): worksheets and styles."""
        book = "xl/workbook.xml"
        if book not in self.infos:  # where every writer puts it; otherwise the package says where
            for m in _REL_TAG.finditer(self._read("_rels/.rels") or b""):
                a = _attrs(m.group(1))
                if a.get("Type", "").endswith("/officeDocument"):
                    book = a.get("Target", book).lstrip("/")
        folder = posixpath.dirname(book)
        rels_path = posixpath.join(folder, "_rels", posixpath.basename(book) + ".rels")
        rels: dict[str, tuple[str, str]] = {}
        for m in _REL_TAG.finditer(self._read(rels_path) or b""):
            tag = m.group(1)
            kind = _REL_KIND.search(tag)
            if kind is None or kind.group(1) not in (b"worksheet", b"styles"):
                continue  # themes, shared strings, printer settings: not needed here
            rid, target = _REL_ID.search(tag), _REL_TARGET.search(tag)
            if rid is None or target is None:
                continue
            text = _text(target.group(1))
            part = text.lstrip("/") if text.startswith("/") else posixpath.normpath(posixpath.join(folder, text))
            rels[_text(rid.group(1))] = (kind.group(1).decode(), part)
        return book, rels

    def _member(self, sheet: str) -> str | None:
        if self._members is None:
            book, rels = self._parts()
            self._members = {}
            book_xml = self._read(book) or b""
            self._recalc = re.search(rb'fullCalcOnLoad="(1|true)"', book_xml) is not None
            for m in _SHEET_TAG.finditer(book_xml):
                name, rid = _SHEET_NAME.search(m.group(1)), _SHEET_RID.search(m.group(1))
                if name is not None and rid is not None and _text(rid.group(1)) in rels:
                    self._members[_text(name.group(1))] = rels[_text(rid.group(1))][1]
            styles = next((part for kind, part in rels.values() if kind == "styles"), "xl/styles.xml")
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
        if self.infos[member] <= TRUST_DIMENSION_BYTES:
            data = self._data.get(sheet)
            if data is None:
                data = self._data[sheet] = self.zip.read(member)
            dim = _DIMENSION.search(data, 0, 4096)
            if dim is not None:
                last_col, last_row = (dim.group(3), dim.group(4)) if dim.group(3) else (dim.group(1), dim.group(2))
                if last_row:
                    return SheetSize(int(last_row), column_index(last_col) + 1 if last_col else 1)
            return _scan_xlsx(iter([data]), frozenset(), limits, want_facts=False)[0]
        head = next(self.zip.chunks(member), b"")[:4096]
        dim = _DIMENSION.search(head)
        if dim is not None and dim.group(4) and int(dim.group(4)) > limits.max_rows:
            return SheetSize(int(dim.group(4)), column_index(dim.group(3)) + 1)
        return _scan_xlsx(self.zip.chunks(member), frozenset(), limits, want_facts=False)[0]

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
        # '</f>' closes every formula with text (a shared formula's copies sit beside their master);
        # '"e"' is t="e", an error. Both end in a common byte, so two searches beat a regex here.
        formulas = b"</f>" in data or b'"e"' in data
        percents = bool(percent) and any(b' s="%d"' % i in data for i in percent)
        found: list[CellFact] = []
        if formulas or percents:
            found = _scan_xlsx(iter([data]), percent, None, want_facts=True, recalc=self._recalc)[1]
        self._facts[sheet] = found
        self._data.pop(sheet, None)  # read once: the sheet's XML is not kept
        return found


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

    def __init__(self, archive: Archive | _ZipfileArchive):
        super().__init__(archive)
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
        chunks = self.zip.chunks("content.xml")
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


def _parse_ods(zf: Archive | _ZipfileArchive, limits: Limits) -> dict[str, _OdsTable]:
    """Every table's last row and column with content (repeats counted, not expanded) and its odd cells."""
    tables: dict[str, _OdsTable] = {}
    current: _OdsTable | None = None
    row = 0
    with zf.stream("content.xml") as fh:
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


def inspect_workbook(path: Path, data: bytes | None = None) -> Inspector:
    """The inspector for a workbook (``data``: its bytes, when already read): .xlsx/.xlsm/.ods looked
    into; anything else (or a file that is not a zip, which calamine will report) not. An OLE2
    container named .xlsx is an encrypted workbook or an .xls under the wrong name: both are said
    plainly here."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".xlsm", ".ods"):
        return Inspector()
    data = path.read_bytes() if data is None else data
    if data.startswith(CFB_MAGIC):
        if _ENCRYPTED_PACKAGE in data:
            raise WorkbookError("file_encrypted", "EncryptedPackage (OLE2).")
        raise WorkbookError(
            "file_unreadable",
            f"Tệp là bảng tính Excel 97–2003 (.xls) nhưng mang đuôi {suffix}: mở tệp và lưu lại thành "
            f"{suffix} (Tệp › Lưu thành), hoặc đổi đuôi thành .xls.",
        )
    try:
        archive = open_archive(data)
    except (zipfile.BadZipFile, struct.error, OSError, ValueError, UnicodeDecodeError):
        return Inspector()
    try:
        return OdsInspector(archive) if suffix == ".ods" else XlsxInspector(archive)
    except BaseException:
        archive.close()
        raise
