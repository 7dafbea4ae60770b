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
from dataclasses import dataclass, field
from pathlib import Path

import fastexcel
import polars as pl

from pipelines.parsing.text import clean_text, fold_expr
from schemas.vocab import fold
from schemas.workbook_format import SheetSpec

_YEAR_IN_HEADER = re.compile(r"\b(19|20)\d{2}\b")
_NUMBERING_CELL = re.compile(r"^\(?[0-9a-z]{1,2}\)?$")
_NOTE_START = re.compile(
    r"^(\*|\(\*\)|ghi chu|chu thich|luu y|nguoi lap|noi nhan|thu truong|tm\.|kt\.|xac nhan|ngay \d|ghi chu:)"
)
HEADER_SEARCH_ROWS = 40


class WorkbookError(Exception):
    """A file or sheet that cannot be used at all; ``rule`` is a key of schemas.messages."""

    def __init__(
        self, rule: str, detail: str = "", row: int | None = None, column: str | None = None, value: str | None = None
    ):
        super().__init__(f"{rule}: {detail}")
        self.rule = rule
        self.detail = detail
        self.row = row
        self.column = column
        self.value = value


def file_sha256(path: Path) -> str:
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
    names = reader.sheet_names
    for name in names:
        if fold(name) == fold(spec.name):
            return name
    for name in names:
        if spec.matches(name):
            return name
    return None


@dataclass
class Grid:
    """All cells of a sheet as text, one Polars column per spreadsheet column."""

    cells: pl.DataFrame  # columns c0..cN (Utf8) and "row" (1-based spreadsheet row)
    absolute: list[int]  # absolute column index of c0..cN
    sheet: str

    @property
    def names(self) -> list[str]:
        return [f"c{i}" for i in range(len(self.absolute))]

    def letter(self, grid_col: int) -> str:
        return column_letter(self.absolute[grid_col])

    def row_values(self, row_idx: int) -> list[str | None]:
        return [self.cells.item(row_idx, name) for name in self.names]


def read_grid(reader: fastexcel.ExcelReader, sheet: str) -> Grid:
    loaded = reader.load_sheet(sheet, header_row=None, skip_rows=0, dtypes="string")
    frame = loaded.to_polars()
    absolute = [c.absolute_index for c in loaded.selected_columns]
    names = [f"c{i}" for i in range(frame.width)]
    frame = frame.rename(dict(zip(frame.columns, names, strict=True)))
    frame = frame.with_columns(pl.int_range(1, pl.len() + 1, dtype=pl.Int64).alias("row"))
    return Grid(frame, absolute, sheet)


def text_cells(reader: fastexcel.ExcelReader, grid: Grid, grid_cols: list[int]) -> set[tuple[int, int]]:
    """(grid row, grid column) of cells in the given columns that hold text rather than a number.

    Reading the columns as integers makes calamine report every text cell as an error that names
    its type (pure-integer text such as '75' converts cleanly and needs no special reading).
    """
    if not grid_cols or grid.cells.height == 0:
        return set()
    wanted = sorted({grid.absolute[c] for c in grid_cols})
    loaded = reader.load_sheet(grid.sheet, header_row=None, skip_rows=0, dtypes="int", use_columns=wanted)
    _, errors = loaded.to_arrow_with_errors()
    base = min(grid.absolute)
    by_absolute = {a: i for i, a in enumerate(grid.absolute)}
    found: set[tuple[int, int]] = set()
    for err in errors.errors if errors is not None else ():
        if "String(" not in err.detail:
            continue
        row, col = err.position
        grid_col = by_absolute.get(col + base)
        if grid_col is not None:
            found.add((row, grid_col))
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


def locate_header(grid: Grid, spec: SheetSpec) -> HeaderMap:
    """Find the header row (and a merged parent row above, or a child row below)."""
    spellings = sorted(
        ((s, col.key) for col in spec.columns for s in col.spellings()), key=lambda p: len(p[0]), reverse=True
    )
    anchor = spec.column(spec.anchor)
    anchor_spellings = set(anchor.spellings())
    limit = min(grid.cells.height, HEADER_SEARCH_ROWS)
    for r in range(limit):
        values = grid.row_values(r)
        labels = [_strip_years(_label(v)) for v in values]
        if not any(lab in anchor_spellings for lab in labels):
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
    group_spellings = {_label(c.group) for c in spec.columns if c.group}
    two_rows = any(
        below[j] is not None and _strip_years(_label(parents[j])) in group_spellings for j in range(len(top))
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
            key = _match(_strip_years(_label(cand)), spellings, taken)
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
    """The data rows of a sheet: one Utf8 column per spec column (null when the sheet lacks it),
    ``<key>__text`` flags for numeric columns, and ``source_row``."""

    frame: pl.DataFrame
    header: HeaderMap
    grid: Grid
    sheet: str

    def column_ref(self, key: str) -> str | None:
        """'H (Thực hiện Cả năm)' for a spec column, or None when the sheet does not have it."""
        j = self.header.columns.get(key)
        if j is None:
            return None
        return f"{self.grid.letter(j)} ({self.header.labels[key]})"

    def raw_cells(self, source_row: int) -> dict[str, str | None]:
        idx = source_row - 1
        out: dict[str, str | None] = {}
        for key, j in self.header.columns.items():
            value = self.grid.cells.item(idx, f"c{j}") if idx < self.grid.cells.height else None
            out[self.header.labels[key]] = value
        return out


def read_sheet(
    reader: fastexcel.ExcelReader, sheet: str, spec: SheetSpec, identity: list[str], figures: list[str]
) -> SheetRows:
    """Read a sheet's data rows.

    ``identity`` columns say what a row is about (indicator code and name, commune, award title);
    ``figures`` hold what is reported. Rows with neither are skipped (blank rows, section
    headings, notes and signatures under the table).
    """
    grid = read_grid(reader, sheet)
    header = locate_header(grid, spec)
    numeric_keys = [c.key for c in spec.columns if c.numeric and c.key in header.columns]
    texts = text_cells(reader, grid, [header.columns[k] for k in numeric_keys])
    body = grid.cells.slice(header.data_start)
    exprs: list[pl.Expr] = []
    for col in spec.columns:
        j = header.columns.get(col.key)
        exprs.append(
            clean_text(pl.col(f"c{j}")).alias(col.key) if j is not None else pl.lit(None, dtype=pl.Utf8).alias(col.key)
        )
    frame = body.select([*exprs, pl.col("row").alias("source_row")])
    if numeric_keys:
        rows = frame.get_column("source_row").to_list()
        flags = {f"{k}__text": [((r - 1), header.columns[k]) in texts for r in rows] for k in numeric_keys}
        frame = frame.with_columns(pl.Series(name, values, dtype=pl.Boolean) for name, values in flags.items())
    for col in spec.columns:
        if col.numeric and f"{col.key}__text" not in frame.columns:
            frame = frame.with_columns(pl.lit(True).alias(f"{col.key}__text"))
    frame = _keep_data_rows(
        frame, [c for c in identity if c in frame.columns], [c for c in figures if c in frame.columns]
    )
    return SheetRows(frame=frame, header=header, grid=grid, sheet=sheet)


def _keep_data_rows(frame: pl.DataFrame, identity: list[str], figures: list[str]) -> pl.DataFrame:
    """Keep rows that report something; drop blank rows, section headings, notes and signatures.

    A figure counts when it holds a digit or is a known word in a figure column (a grade). Rows
    naming something without any figure are kept only above the last reported row (a clerk who
    forgot a figure should hear about it); below it they are the notes and signature block.
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
    frame = frame.with_columns(
        (has_figure | (words & has_identity & ~note_like)).alias("_fig"),
        (has_identity & ~note_like & ~_section_heading(identity)).alias("_ident"),
    )
    reported = frame.get_column("_fig").to_list()
    last = max((i for i, f in enumerate(reported) if f), default=-1)
    # Below the last reported row only rows naming a code (no spaces) are data: the rest is prose.
    code_like = first_identity.str.contains(r"^[A-Za-z0-9][A-Za-z0-9_\-.]*$").fill_null(False)
    frame = frame.with_row_index("_i").filter(pl.col("_fig") | (pl.col("_ident") & ((pl.col("_i") <= last) | code_like)))
    return frame.drop("_fig", "_ident", "_i")


def _section_heading(identity: list[str]) -> pl.Expr:
    """A row naming a group ('I. KINH TẾ', 'A. Chỉ tiêu kinh tế') with no code."""
    if len(identity) < 2:
        return pl.lit(False)
    code, name = identity[0], identity[1]
    return pl.col(code).is_null() & pl.col(name).is_not_null()
