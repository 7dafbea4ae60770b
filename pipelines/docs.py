"""Generate docs/workbook-format.md and docs/warehouse.md from the schemas, so docs never drift.

python -m pipelines.docs          # rewrite both files
"""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from pipelines.families import FAMILIES, SheetFamily, periodic_families, reference_families
from pipelines.limits import DEFAULT_LIMITS, ENV_OF_LIMIT, LIMIT_DOCS, Limits, vn_int
from pipelines.tables import warehouse_tables
from schemas.workbook_format import INFO_SHEET, SheetSpec

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

INTRO = """# Workbook format / Định dạng bảng tính

*Generated from `schemas/workbook_format.py` by `python -m pipelines.docs`; do not edit by hand.*

## Files / Tệp

```
data/raw/danh-muc-chi-tieu.xlsx             indicator catalog, shared by every locality
data/raw/<locality>/don-vi.xlsx             administrative units of the locality
data/raw/<locality>/<year>.xlsx             yearly workbook, e.g. an-khe/2023.xlsx
data/raw/<locality>/nhiem-ky-<a>-<b>.xlsx   congress-term workbook, e.g. an-khe/nhiem-ky-2020-2025.xlsx
```

`.xlsx`, `.xls` and `.ods` are all read (calamine). `<locality>` is the locality code: lowercase
ASCII with hyphens (`an-khe`). A new town or city needs no code change: add its folder with a
`don-vi.xlsx` and its workbooks. A blank, pre-formatted workbook for a locality and year:
`chitieu template --locality an-khe --year 2025 --out 2025.xlsx` (or `--year 2025-2030` for a term).

## How sheets are read / Cách đọc

- Sheets are found by name, ignoring case and diacritics ("CHI TIEU" is "Chỉ tiêu").
- The header row is found by its column titles, wherever it is: title blocks, merged title cells
  and empty rows or columns above or left of the table are fine. Column titles match ignoring case,
  diacritics, line breaks and a year ("Kế hoạch năm 2023"). A two-row header with a merged parent
  ("Thực hiện" over "6 tháng đầu năm" and "Cả năm") and a row of column numbers under it are fine.
- A year written in a column title, or in 'Thông tin chung', must be the file's year, and a
  locality code there must be the folder's: otherwise the sheet is refused (data loaded earlier stays).
- Blank rows, section headings ("I. KINH TẾ": a name without a code and without figures), notes and
  the signature block under the table are skipped.
- Numbers typed as text are read the Vietnamese way: `7.978,01` is 7978.01, `12,5%` is 12.5;
  cells Excel stores as numbers are used exactly.
- Targets are kept as written and parsed into a form: `12,25` or `12,25%` (exact), `trên 370`,
  `80% trở lên`, `ít nhất 50%` (at least), `dưới 3%`, `không quá 3` (at most), `6,6–6,8` or
  `từ 6,6 đến 6,8` (range), `khoảng 4` (about: met within ±5%).
- Every problem is reported with file, sheet, spreadsheet row, column, the cell text and a message
  in Vietnamese and English (table `validation_issues`, the 'Dữ liệu' page, the Dagster asset
  checks). A rejected row goes to `quarantine`; the other rows load; a figure that loaded before
  keeps its earlier value, also when the typo changed the row's key (an unknown code, criterion 20):
  the earlier row of the same workbook at the same place is kept, and a warning
  (`earlier_figure_kept`) says which.
- Invisible characters (zero-width spaces and joiners, byte-order marks, soft hyphens) are removed
  from every cell and non-breaking spaces read as spaces, so a code pasted from a web page or a chat
  is the same code; a space inside a code makes it unknown, and it is reported.
- Text in a column that takes a number ('nhiều' in a count) is reported at its cell in every sheet
  (`numeric_text`, or the sheet's own rule for that column), never dropped.
- Formulas (.xlsx and .ods): a cell whose formula gives an error (`#DIV/0!`, `#N/A` …) is reported as
  "ô công thức lỗi #DIV/0!" (`formula_error`), and a formula saved without its result (files written
  by openpyxl and some other programs) as "công thức chưa có giá trị" (`formula_uncached`): open and
  save the file in Excel or LibreOffice. Either way the row is rejected and the earlier figure stays.
- Percent-formatted cells: Excel stores "93,02%" typed by a clerk as 0,9302 with a percent format.
  In .xlsx (the style's number format: built-in 9 or 10, or a custom format with `%`) and .ods
  (the `percentage` value type) such a cell is read as 93,02 in the '% so với …' columns and in
  rows whose unit is a percentage; a % figure about 100 times off the same indicator's other years
  (or its target) is a warning (`percent_scale_suspect`).
- Two sheets of one kind ('Chỉ tiêu' and 'CHI TIEU'): the one named exactly as here is read (else the
  first), and a warning (`duplicate_sheet`) names the one left out.
- What an .xls (Excel 97–2003) cannot tell: its formulas and number formats are not read, so an
  error cell reads as empty (a row whose only figure it was is not read) and a percent-formatted
  cell as its fraction (the 100× warning is the only check). Save such files as .xlsx.
"""

FIGURES = """## How figures are written / Cách ghi số liệu

Write a figure the way the report words it; it is read, and kept as written for every page and pack.

- **A qualified figure**: {qualifiers}. The number is what is measured; the words are shown.
- **A ratio of counts**: `120/150 làng`, `18/20 xã`, `45/52`: the count and the denominator are kept;
  for an indicator measured in % the share is computed (80%).
- **A unit written with the number or in 'Đơn vị tính'** that differs from the catalog's by a known
  factor is converted to the catalog's unit, the written figure and unit kept (a warning says so):
  {units}. Another difference is an error.
- **A comparison with another period**, with no level (`tăng 15% so với năm 2015`, `gấp 1,5 lần năm
  2015`): kept in 'So sánh (theo báo cáo)' and shown; the row is not rejected.
- **A target stated more than once** in a period (in the objectives and again in the measures,
  `dưới 1,2%` and `dưới 12‰`): one row per statement, each kept with its own row; write `Có` in
  'Chỉ tiêu áp dụng' on the one to judge by (by default the first). Statements that differ are a
  warning, not a rejection.
- **A target or figure for one unit** of the locality (`xã Thành An đạt chuẩn nông thôn mới`): its
  code or name in 'Đơn vị thực hiện'; it becomes that unit's figure, reported by the locality.
- **The kind of document** that set a target ('Loại văn bản giao'): {sources}; when empty it is taken
  from the document's title, else the People's Council resolution for a year and the congress
  resolution for a term.
- **Decimals** are never rounded away: a figure shows at least the decimals it was written with.
- **Words of every era**: award levels {levels} ('cấp thành phố' is the province level for a
  centrally-run city, the district level for a city of a province); party organisations' ratings
  as each era named them ({ratings}), kept as written and compared on today's scale.
"""


def limits_doc(limits: Limits = DEFAULT_LIMITS) -> str:
    """The size limits section, from the same constants the pipeline uses."""
    units = {"max_file_mb": "MB", "max_unzipped_mb": "MB"}
    lines = [
        "## Limits / Giới hạn",
        "",
        'A workbook over a limit is not read: one `file_too_large` issue ("tệp quá lớn") names the limit',
        "and the figure, and the data loaded earlier from it stays. Sizes are checked before a sheet is",
        "read into memory (the zip's central directory, the sheet's `<dimension>` or a streamed count of",
        "its rows). The limits are far above any real workbook; an administrator can raise them.",
        "",
        "| Limit | Default | Variable | Meaning |",
        "|---|---|---|---|",
    ]
    for f in fields(Limits):
        value = getattr(limits, f.name)
        shown = f"{vn_int(value)} {units.get(f.name, '')}".strip()
        lines.append(f"| {f.name} | {shown} | `{ENV_OF_LIMIT[f.name]}` | {LIMIT_DOCS[f.name]} |")
    return "\n".join(lines) + "\n"


def _sheet_doc(spec: SheetSpec, where: str) -> str:
    lines = [f"### Sheet '{spec.name}' ({where})", "", spec.purpose_vi, ""]
    if spec.aliases:
        lines += ["Also accepted as sheet name: " + ", ".join(f"'{a}'" for a in spec.aliases) + ".", ""]
    lines += ["| Column / Cột | Required | Also accepted | Notes |", "|---|---|---|---|"]
    for col in spec.columns:
        header = f"{col.group} › {col.header}" if col.group else col.header
        notes = col.help_vi
        if col.vocab is not None and "Chọn:" not in notes:
            # The docs offer what the template's drop-down offers.
            notes = (notes + " " if notes else "") + "Chọn: " + " / ".join(col.vocab.choices_vi()) + "."
        if col.example:
            notes = (notes + " " if notes else "") + f"Ví dụ: `{col.example}`."
        accepted = ", ".join(col.aliases)
        lines.append(f"| {header} | {'yes' if col.required else ''} | {accepted} | {notes} |")
    return "\n".join(lines) + "\n"


def family_doc(family: SheetFamily) -> str:
    """The docs of a family's sheets (one section per distinct sheet) and its note."""
    parts, seen = [], []
    for kind, spec in family.sheets.items():
        if any(spec is s for s in seen):
            continue
        seen.append(spec)
        parts.append(_sheet_doc(spec, family.docs_where.get(kind, kind)))
    if family.docs_note:
        parts.append(family.docs_note + "\n")
    return "\n".join(parts)


def _figures() -> str:
    from schemas.units import CONVERSIONS_VI
    from schemas.vocab import AWARD_LEVEL, PARTY_RATING, QUALIFIER, TARGET_SOURCE

    qualifiers = "; ".join(
        f"{e.en.lower()}: " + ", ".join(f"`{w}`" for w in (e.vi.lower(), *e.aliases) if "..." not in w)
        for e in QUALIFIER.terms
    )
    units = "; ".join(CONVERSIONS_VI) + " (`%/năm` is `%`)"
    return FIGURES.format(
        qualifiers=qualifiers,
        units=units,
        sources=" / ".join(e.vi for e in TARGET_SOURCE.terms),
        levels=" / ".join(e.vi for e in AWARD_LEVEL.terms),
        ratings="; ".join(f"{e.vi}: " + ", ".join(e.aliases) for e in PARTY_RATING.terms),
    )


def workbook_format(families: dict[str, SheetFamily] | None = None) -> str:
    families = families or FAMILIES
    parts = [INTRO, _figures(), limits_doc(), "## Sheets / Các trang\n"]
    info = [
        f"### Sheet '{INFO_SHEET.name}' (yearly and term workbooks, optional)",
        "",
        INFO_SHEET.purpose_vi,
        "Label in one cell, value in the next:",
        "",
    ]
    info += [f"- **{label}**" for label in INFO_SHEET.extra.values()]
    info += [
        "",
        "'Mức phấn đấu 6 tháng đầu năm' (e.g. `ít nhất 50%`) is the share of each annual target due by 30 June; 50% when empty.",
        "",
    ]
    parts.append("\n".join(info))
    # The workbooks' sheets first, then the reference lists they name.
    for family in [*periodic_families(families), *reversed(reference_families(families))]:
        parts.append(family_doc(family))
    return "\n".join(parts)


def warehouse(families: dict[str, SheetFamily] | None = None) -> str:
    lines = [
        "# Warehouse tables / Các bảng",
        "",
        "*Generated from the Pandera models in `schemas/` by `python -m pipelines.docs`; do not edit by hand.*",
        "",
        "The warehouse is one DuckDB file (`CHITIEU_WAREHOUSE`, default `data/warehouse/chitieu.duckdb`).",
        "The pipeline writes a working copy beside it (`chitieu.staging.duckdb`) and publishes by copying it",
        "into a new file and renaming that over the published one, so readers never see half a load and are",
        "never blocked. Every column below also carries its description as a DuckDB comment.",
        "",
    ]
    for table, model in warehouse_tables(families).items():
        doc = (model.__doc__ or "").strip()
        lines += [f"## `{table}`", "", doc, "", "| Column | Type | Description |", "|---|---|---|"]
        for name, column in model.to_schema().columns.items():
            dtype = str(column.dtype)
            lines.append(f"| `{name}` | {dtype} | {column.description or ''} |")
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    DOCS.mkdir(exist_ok=True)
    (DOCS / "workbook-format.md").write_text(workbook_format(), encoding="utf-8")
    (DOCS / "warehouse.md").write_text(warehouse(), encoding="utf-8")


if __name__ == "__main__":
    main()
    print("docs/workbook-format.md and docs/warehouse.md written")
