"""Reading a workbook sheet the way a clerk filled it, with calamine (through fastexcel).

A clerk's sheet has a title block, merged title cells, a one- or two-row header (merged parent
cells such as 'Thực hiện' over '6 tháng đầu năm' and 'Cả năm'), sometimes a row of column
numbers, stray blank rows, section headings ('I. KINH TẾ') and notes or signatures under the
table. ``read_sheet`` finds the header, keeps every data row with its spreadsheet row number, and
says for each numeric column whether the clerk typed the number as text.

Row numbers: fastexcel is asked for the sheet from row 1 (``header_row=None, skip_rows=0``), so
grid row i is spreadsheet row i + 1 even when the first rows are empty. Column letters come from
each column's absolute index, so leading empty columns do not shift them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import fastexcel
import numpy as np
import polars as pl

from pipelines.parsing.text import clean_text, fold_expr
from schemas.vocab import fold
from schemas.workbook_format import SheetSpec

if TYPE_CHECKING:
    from pipelines.parsing.cells import CellFact

_YEAR_IN_HEADER = re.compile(r"\b(19|20)\d{2}\b")
_NUMBERING_CELL = re.compile(r"^\(?[0-9a-z]{1,2}\)?$")
_NOTE_START = re.compile(
    r"^(\*|\(\*\)|ghi chu|chu thich|luu y|nguoi lap|noi nhan|thu truong|tm\.|kt\.|xac nhan|ngay \d|ghi chu:)"
)
HEADER_SEARCH_ROWS = 40
# How calamine prints a number cell as text: digits, an optional '.', decimals, an exponent.
PLAIN_NUMBER = r"^-?\d+(\.\d+)?([eE][-+]?\d+)?$"
# Text a clerk may have typed with '.' as the thousands separator, which a number cell with three
# decimals also prints: only the cell's type can tell them apart.
AMBIGUOUS_NUMBER = r"^-?[1-9]\d{0,2}(\.\d{3})+$"
_AMBIGUOUS = re.compile(AMBIGUOUS_NUMBER)


class WorkbookError(Exception):
    """A file or sheet that cannot be used at all; ``rule`` is a key of schemas.messages."""

    def __init__(
        self,
        rule: str,
        detail: str = "",
        row: int | None = None,
        column: str | None = None,
        value: str | None = None,
        sheet: str | None = None,
    ):
        super().__init__(f"{rule}: {detail}")
        self.rule = rule
        self.detail = detail
        self.row = row
        self.column = column
        self.value = value
        self.sheet = sheet


_HASHES: dict[tuple[str, int, int], str] = {}


def file_sha256(path: Path, data: bytes | None = None) -> str:
    """SHA-256 of a file's bytes (remembered per path, modification time and size); ``data``: the
    bytes, when the caller has read them already."""
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _HASHES:
        _HASHES[key] = hashlib.sha256(data).hexdigest() if data is not None else _sha256(path)
    return _HASHES[key]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def column_letter(index: int) -> str:
    """0 → 'A', 25 → 'Z', 26 → 'AA'."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def open_workbook(path: Path) -> fastexcel.ExcelReader:
    try:
        return fastexcel.read_excel(str(path))
    except Exception as exc:  # calamine raises a family of errors for non-spreadsheets
        raise WorkbookError("file_unreadable", f"{type(exc).__name__}: {exc}") from exc


def find_sheet(reader: fastexcel.ExcelReader, spec: SheetSpec) -> str | None:
    """The workbook's sheet for a spec, matched by name ignoring case and diacritics."""
    found = matching_sheets(reader, spec)
    return found[0] if found else None


def matching_sheets(reader: fastexcel.ExcelReader, spec: SheetSpec) -> list[str]:
    """Every sheet a spec matches, the one read first: its name as written ('Chỉ tiêu'), then the
    same name in other case or without diacritics ('CHI TIEU'), then an alias; each in workbook order."""
    names = reader.sheet_names
    exact = [n for n in names if unicodedata.normalize("NFC", n.strip()) == unicodedata.normalize("NFC", spec.name)]
    folded = [n for n in names if n not in exact and fold(n) == fold(spec.name)]
    taken = exact + folded
    return taken + [n for n in names if n not in taken and spec.matches(n)]


@dataclass
class Grid:
    """All cells of a sheet as text: one Polars column per spreadsheet column, row i = spreadsheet row i + 1."""

    cells: pl.DataFrame
    absolute: list[int]  # absolute column index of each column of ``cells``
    sheet: str
    _top: list[tuple] | None = None

    @property
    def names(self) -> list[str]:
        return self.cells.columns

    def letter(self, grid_col: int) -> str:
        return column_letter(self.absolute[grid_col])

    def row_values(self, row_idx: int) -> list[str | None]:
        # The header search looks at the first rows many times: take them out of Polars once.
        if self._top is None:
            self._top = self.cells.head(HEADER_SEARCH_ROWS + 2).rows()
        if row_idx < len(self._top):
            return list(self._top[row_idx])
        return list(self.cells.row(row_idx))


def read_grid(reader: fastexcel.ExcelReader, sheet: str, n_rows: int | None = None) -> Grid:
    """The sheet from row 1; ``n_rows`` caps the rows taken out of calamine (a sheet over the row
    limit then shows ``n_rows`` rows and is refused, without a frame of every row)."""
    loaded = reader.load_sheet(sheet, header_row=None, skip_rows=0, dtypes="string", n_rows=n_rows)
    return Grid(loaded.to_polars(), [c.absolute_index for c in loaded.selected_columns], sheet)


def text_cells(reader: fastexcel.ExcelReader, sheet: str, columns: list[int], base: int) -> set[tuple[int, int]]:
    """(sheet row index, absolute column) of cells in the given absolute columns holding text, not a number.

    Reading the columns as integers makes calamine report every text cell as an error that names
    its type (pure-integer text such as '75' converts cleanly and needs no special reading).
    ``base`` is the sheet's first non-empty column, which calamine's error positions count from.
    """
    if not columns:
        return set()
    loaded = reader.load_sheet(sheet, header_row=None, skip_rows=0, dtypes="int", use_columns=sorted(set(columns)))
    _, errors = loaded.to_arrow_with_errors()
    wanted = set(columns)
    found: set[tuple[int, int]] = set()
    for err in errors.errors if errors is not None else ():
        if "String(" not in err.detail:
            continue
        row, col = err.position
        if col + base in wanted:
            found.add((row, col + base))
    return found


@dataclass
class HeaderMap:
    row: int  # grid row index of the (last) header row
    columns: dict[str, int]  # spec column key → grid column
    labels: dict[str, str]  # spec column key → header text as written
    years: dict[str, tuple[int, str]] = field(default_factory=dict)  # key → (year written, grid row)
    data_start: int = 0


def _label(text: str | None) -> str:
    return fold(text or "")


def _strip_years(label: str) -> str:
    label = _YEAR_IN_HEADER.sub(" ", label)
    label = re.sub(r"\(\s*\d+\s*\)|\(\s*\)", " ", label)  # '(1)', '()' column numbering
    return re.sub(r"\s+", " ", label).strip(" :.-")


def _match(label: str, spellings: list[tuple[str, str]], taken: set[str]) -> str | None:
    if not label:
        return None
    for spelling, key in spellings:
        if key not in taken and label == spelling:
            return key
    for spelling, key in spellings:
        if key not in taken and label.startswith(spelling + " "):
            return key
    return None


# By (key, name), not id(spec): specs arrive pickled in reading workers, and a freed object's id is reused.
_SPELLINGS: dict[tuple[str, str], tuple[list[tuple[str, str]], set[str], set[str]]] = {}


def _spec_spellings(spec: SheetSpec) -> tuple[list[tuple[str, str]], set[str], set[str]]:
    """(spelling, key) longest first, the anchor's spellings, the merged parents' spellings."""
    found = _SPELLINGS.get((spec.key, spec.name))
    if found is None:
        pairs = sorted(
            ((s, col.key) for col in spec.columns for s in col.spellings()), key=lambda p: len(p[0]), reverse=True
        )
        anchor = set(spec.column(spec.anchor).spellings())
        groups = {fold(c.group) for c in spec.columns if c.group}
        found = _SPELLINGS[(spec.key, spec.name)] = (pairs, anchor, groups)
    return found


@lru_cache(maxsize=1 << 14)
def _header_label(text: str) -> str:
    return _strip_years(fold(text))


def locate_header(grid: Grid, spec: SheetSpec) -> HeaderMap:
    """Find the header row (and a merged parent row above, or a child row below)."""
    spellings, anchor_spellings, _ = _spec_spellings(spec)
    limit = min(grid.cells.height, HEADER_SEARCH_ROWS)
    for r in range(limit):
        values = grid.row_values(r)
        if not any(v is not None and _header_label(v) in anchor_spellings for v in values):
            continue
        return _build_header(grid, spec, r, spellings)
    required = ", ".join(f"'{c.header}'" for c in spec.columns if c.required)
    raise WorkbookError("header_missing", f"Trang '{grid.sheet}': không thấy dòng tiêu đề có cột {required}.")


def _build_header(grid: Grid, spec: SheetSpec, r: int, spellings: list[tuple[str, str]]) -> HeaderMap:
    top = grid.row_values(r)
    below = grid.row_values(r + 1) if r + 1 < grid.cells.height else [None] * len(top)
    # Merged parents: only the first cell of a merge has text; carry it right over empty cells
    # that have a child label below.
    parents: list[str | None] = []
    current: str | None = None
    for j, value in enumerate(top):
        if value is not None and str(value).strip():
            current = value
            parents.append(value)
        elif below[j] is not None and current is not None:
            parents.append(current)
        else:
            current = None
            parents.append(None)
    group_spellings = _spec_spellings(spec)[2]
    two_rows = any(
        below[j] is not None and parents[j] is not None and _header_label(parents[j]) in group_spellings
        for j in range(len(top))
    )
    taken: set[str] = set()
    columns: dict[str, int] = {}
    labels: dict[str, str] = {}
    years: dict[str, tuple[int, str]] = {}
    for j in range(len(top)):
        candidates: list[str | None] = []
        if two_rows and below[j] is not None:
            candidates += [f"{parents[j] or ''} {below[j]}", below[j]]
        candidates.append(top[j])
        for cand in candidates:
            if cand is None or not str(cand).strip():
                continue
            key = _match(_header_label(str(cand)), spellings, taken)
            if key is not None:
                taken.add(key)
                columns[key] = j
                labels[key] = re.sub(r"\s+", " ", str(cand)).strip()
                found = _YEAR_IN_HEADER.search(_label(cand))
                if found:
                    years[key] = (int(found.group(0)), labels[key])
                break
    missing = [c for c in spec.columns if c.required and c.key not in columns]
    if missing:
        names = ", ".join(f"'{c.header}'" for c in missing)
        raise WorkbookError("header_missing", f"Trang '{grid.sheet}' thiếu cột {names}.", row=r + 1)
    header_last = r + 1 if two_rows else r
    start = header_last + 1
    # A row of column numbers under the header: (1) (2) (3) … or A B 1 2 …
    if start < grid.cells.height:
        cells = [v for v in grid.row_values(start) if v is not None and str(v).strip()]
        if cells and all(_NUMBERING_CELL.match(_label(v)) for v in cells) and len(cells) >= 3:
            start += 1
    return HeaderMap(row=header_last, columns=columns, labels=labels, years=years, data_start=start)


@dataclass
class SheetRows:
    """The data rows of one sheet, as typed: one Utf8 column per sheet column it has, and ``source_row``;
    ``texts`` lists the (row, column) of ambiguous number cells ("7.978") that were typed as text."""

    frame: pl.DataFrame
    header: HeaderMap
    grid: Grid
    sheet: str
    texts: list[tuple[int, str]]
    # (row, column key, kind, value) of data cells calamine misreads (pipelines.parsing.cells):
    # a formula's error or missing value, a percent number format.
    cells: list[tuple[int, str, str, str | None]] = field(default_factory=list)

    def column_ref(self, key: str) -> str | None:
        """'H (Thực hiện Cả năm)' for a spec column, or None when the sheet does not have it."""
        j = self.header.columns.get(key)
        if j is None:
            return None
        return f"{self.grid.letter(j)} ({self.header.labels[key]})"


def read_sheet(
    reader: fastexcel.ExcelReader,
    sheet: str,
    spec: SheetSpec,
    facts: Sequence[CellFact] = (),
    n_rows: int | None = None,
) -> SheetRows:
    """Read one sheet below its header, as typed. Cleaning and row selection happen later, in bulk
    over every workbook of a run (``tidy_rows``): per-sheet work is kept to the reads.

    ``facts`` are the cells calamine misreads (``pipelines.parsing.cells``). A formula's error or
    missing value shows in its cell as Excel shows it ('#DIV/0!', '=A5*2') instead of the empty
    cell calamine gives: the row is kept, never read as blank, and the load reports that cell."""
    grid = read_grid(reader, sheet, n_rows)
    header = locate_header(grid, spec)
    # Series operations, not DataFrame queries: per-file frames are tiny and a query plan costs more.
    body = grid.cells.slice(header.data_start)
    names = grid.names
    columns = [body.get_column(names[j]).alias(key) for key, j in header.columns.items()]
    cells = _data_cells(grid, header, facts)
    if cells:
        columns = _show_formulas(columns, cells, header.data_start)
    start = header.data_start + 1
    columns.append(pl.Series("source_row", np.arange(start, start + body.height, dtype=np.int64)))
    numeric = {
        c.key: grid.absolute[header.columns[c.key]] for c in spec.columns if c.numeric and c.key in header.columns
    }
    base = min(grid.absolute) if grid.absolute else 0
    texts: list[tuple[int, str]] = []
    # Only "7.978"-shaped cells need calamine to say whether they were typed as text (7978) or are
    # numbers with three decimals (7.978); every other cell's text settles it (PLAIN_NUMBER).
    by_key = {s.name: s for s in columns}
    if any(_AMBIGUOUS.match(v) for k in numeric for v in by_key[k].to_list() if v):
        by_column = {col: key for key, col in numeric.items()}
        texts = [
            (r + 1, by_column[c]) for r, c in text_cells(reader, sheet, list(by_column), base) if r >= header.data_start
        ]
    return SheetRows(frame=pl.DataFrame(columns), header=header, grid=grid, sheet=sheet, texts=texts, cells=cells)


def _data_cells(grid: Grid, header: HeaderMap, facts: Sequence[CellFact]) -> list[tuple[int, str, str, str | None]]:
    """The facts that fall in the table's data rows and in a column of the spec."""
    if not facts:
        return []
    key_of = {grid.absolute[j]: key for key, j in header.columns.items()}
    first = header.data_start + 1  # spreadsheet row of the first data row
    last = header.data_start + grid.cells.height  # bounds: facts past calamine's last row are not data
    return [(f.row, key_of[f.column], f.kind, f.value) for f in facts if f.column in key_of and first <= f.row <= last]


def _show_formulas(
    columns: list[pl.Series], cells: list[tuple[int, str, str, str | None]], data_start: int
) -> list[pl.Series]:
    from pipelines.parsing.cells import FORMULA_ERROR, FORMULA_UNCACHED  # cells imports this module

    marks: dict[str, dict[int, str]] = {}
    for row, key, kind, value in cells:
        if kind in (FORMULA_ERROR, FORMULA_UNCACHED):
            # A formula shown without its text (a shared formula's copy) still must not read as blank.
            marks.setdefault(key, {})[row - 1 - data_start] = value or "="
    if not marks:
        return columns
    out = []
    for series in columns:
        if series.name in marks:
            values = series.to_list()
            for i, text in marks[series.name].items():
                if 0 <= i < len(values):
                    values[i] = text
            series = pl.Series(series.name, values, dtype=pl.Utf8)
        out.append(series)
    return out


def tidy_rows(
    frame: pl.DataFrame, texts: pl.DataFrame, spec_columns: list, identity: list[str], figures: list[str], group: str
) -> pl.DataFrame:
    """Clean the cells of many sheets at once and keep their data rows.

    ``frame`` holds the raw rows of many sheets, ``group`` naming the sheet each row came from;
    ``texts`` lists (group, source_row, key) of numeric cells typed as text. Every spec column is
    present afterwards (null when a sheet lacks it), with ``<key>__text`` for numeric columns.
    """
    present = set(frame.columns)
    frame = frame.with_columns(
        [
            clean_text(pl.col(c.key)).alias(c.key) if c.key in present else pl.lit(None, dtype=pl.Utf8).alias(c.key)
            for c in spec_columns
        ]
    )
    numeric = [c.key for c in spec_columns if c.numeric]
    if numeric:
        if texts.height:
            flags = texts.group_by(group, "source_row").agg(pl.col("key").alias("_text_keys"))
            frame = frame.join(flags, on=[group, "source_row"], how="left")
        else:
            frame = frame.with_columns(pl.lit(None, dtype=pl.List(pl.Utf8)).alias("_text_keys"))
        # Text: reported as such by calamine, or anything a number cell could not print.
        frame = frame.with_columns(
            [
                (
                    pl.col("_text_keys").list.contains(k).fill_null(False)
                    | ~pl.col(k).str.contains(PLAIN_NUMBER).fill_null(True)
                ).alias(f"{k}__text")
                for k in numeric
            ]
        ).drop("_text_keys")
    return _keep_data_rows(
        frame, [c for c in identity if c in frame.columns], [c for c in figures if c in frame.columns], group
    )


def _keep_data_rows(frame: pl.DataFrame, identity: list[str], figures: list[str], group: str) -> pl.DataFrame:
    """Keep rows that report something; drop blank rows, section headings, notes and signatures.

    A figure counts when it holds a digit or is a word in a figure column (a grade) on a row that
    names something. Rows naming something without any figure are kept above the last reported
    row of their sheet (a clerk who forgot a figure should hear about it); below it they are the
    notes and the signature block, unless they name a code.
    """
    has_identity = pl.any_horizontal([pl.col(c).is_not_null() for c in identity])
    has_figure = pl.any_horizontal([pl.col(c).str.contains(r"\d").fill_null(False) for c in figures])
    words = pl.any_horizontal(
        [(pl.col(c).is_not_null() & ~pl.col(c).str.contains(r"\d")).fill_null(False) for c in figures]
    )
    first_identity = pl.coalesce([pl.col(c) for c in identity])
    note_like = fold_expr(first_identity).str.contains(_NOTE_START.pattern).fill_null(False) | (
        first_identity.str.len_chars() > 80
    ).fill_null(False)
    code_like = first_identity.str.contains(r"^[A-Za-z0-9][A-Za-z0-9_\-.]*$").fill_null(False)
    # A long first cell alone is a note; with words in the figure columns ('nhiều', a grade) it is a
    # row whose figure a clerk typed in words, and it must be read and reported, not dropped.
    note_start = fold_expr(first_identity).str.contains(_NOTE_START.pattern).fill_null(False)
    frame = frame.with_columns(
        (has_figure | (words & has_identity & ~note_start)).alias("_fig"),
        (has_identity & ~note_like & ~_section_heading(identity)).alias("_ident"),
        code_like.alias("_code"),
    )
    last = pl.when(pl.col("_fig")).then(pl.col("source_row")).max().over(group)
    keep = pl.col("_fig") | (pl.col("_ident") & ((pl.col("source_row") <= last).fill_null(False) | pl.col("_code")))
    return frame.filter(keep).drop("_fig", "_ident", "_code")


def _section_heading(identity: list[str]) -> pl.Expr:
    """A row naming a group ('I. KINH TẾ', 'A. Chỉ tiêu kinh tế') with no code."""
    if len(identity) < 2:
        return pl.lit(False)
    code, name = identity[0], identity[1]
    return pl.col(code).is_null() & pl.col(name).is_not_null()
