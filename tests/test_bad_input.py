"""Bad input, file by file: every case is a real file written here, loaded the way the assets load it.

The rule: every file in the raw-data folder and every row read or skipped is either loaded or
reported (file, sheet, row, column, value, a Vietnamese message with the fix), and a bad file never
takes other files, or earlier figures, down with it.

One warehouse is built once: the An Khê sample (through Dagster, shared with the other tests), plus
a baseline ``an-khe/2021.xlsx`` (every sheet: indicators, new rural areas, party, awards) loaded
through the load path. Each case copies that warehouse, writes its files into a fresh raw-data
folder and loads only them with the functions the assets call (``discover`` → ``record_folder`` →
``read_families`` → ``loading.load``), then checks:

- the issues: rule, severity, sheet, row, column, value and the exact Vietnamese message;
- that the good rows of the same workbook loaded (every case's workbook changes one figure per sheet:
  the near-poor rate 2,9 → 2,8, a criterion now 'Chưa đạt', 16 → 17 party organisations, 12 → 13
  emulation fighters), or, when the whole file is refused, that the other workbook of the run did;
- that the figures loaded earlier from the bad cells are still there.
"""

from __future__ import annotations

import os
import shutil
import unicodedata
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest

from pipelines.discovery import discover
from pipelines.families import periodic_families, reference_families
from pipelines.limits import DEFAULT_LIMITS, Limits
from pipelines.loading import load, record_folder, unchanged_since_last_load
from pipelines.reading import read_families, read_family
from schemas.messages import MESSAGES
from schemas.workbook_format import AWARDS_SHEET, INDICATOR_YEAR, LOCALITIES_SHEET, NTM_SHEET, PARTY_SHEET
from tests.bad_books import (
    Formula,
    Percent,
    info_sheet,
    spec_sheet,
    write_cfb,
    write_ods,
    write_rows_xlsx,
    write_xls,
    write_xlsx,
)
from tests.conftest import SAMPLE_RAW
from tests.workbooks import Sheet

RUN = "bad-input"
BOOK = "an-khe/2021.xlsx"
SRC = "[007] Báo cáo số 215/BC-UBND ngày 15/12/2021 của UBND thị xã An Khê"
LONG_TITLE = (
    "Bằng khen của Chủ tịch UBND tỉnh cho các tập thể có thành tích xuất sắc trong phong trào thi đua yêu nước năm 2021"
)
IND, NTM, PARTY, AWARDS, UNITS = (
    "Chỉ tiêu",
    "Nông thôn mới",
    "Xây dựng Đảng",
    "Thi đua khen thưởng",
    "Đơn vị hành chính",
)

# --- the baseline workbook ---------------------------------------------------------------------
# Indicators start on row 10 (under a two-row header), the other sheets on row 9.

BASE_INDICATORS = {
    "poverty_rate": {
        "indicator_code": "poverty_rate",
        "name": "Tỷ lệ hộ nghèo",
        "unit": "%",
        "target_text": "dưới 3%",
        "actual": "1,42",
        "actual_status": "Chính thức",
        "source_document": SRC,
    },
    "near_poor_rate": {
        "indicator_code": "near_poor_rate",
        "name": "Tỷ lệ hộ cận nghèo",
        "unit": "%",
        "actual": "2,9",
        "actual_status": "Chính thức",
        "source_document": SRC,
    },
    "health_insurance_coverage": {
        "indicator_code": "health_insurance_coverage",
        "name": "Tỷ lệ dân số tham gia bảo hiểm y tế",
        "unit": "%",
        "target_text": "94",
        "actual": "93,02",
        "actual_status": "Chính thức",
        "source_document": SRC,
    },
    "budget_revenue": {
        "indicator_code": "budget_revenue",
        "name": "Thu ngân sách trên địa bàn",
        "unit": "tỷ đồng",
        "h1_actual": "60,5",
        "actual": "134,12",
        "actual_status": "Chính thức",
        "source_document": SRC,
    },
    "party_members_admitted": {
        "indicator_code": "party_members_admitted",
        "name": "Số đảng viên được kết nạp",
        "unit": "đảng viên",
        "target_text": "trên 74",
        "actual": 75,
        "actual_status": "Chính thức",
        "source_document": SRC,
    },
}
ROW = {code: 10 + i for i, code in enumerate(BASE_INDICATORS)}  # poverty_rate 10 … party_members_admitted 14

BASE_NTM = [
    {"unit_code": "an-khe-song-an", "criteria_set": "Nông thôn mới", "criterion_no": 2, "criterion_met": "Đạt"},
    {"unit_code": "an-khe-cuu-an", "criteria_set": "Nông thôn mới", "criteria_met": 11},
    {"group_label": "Các xã", "unit_count": 5, "criteria_set": "Nâng cao", "criteria_met": "9-14"},
    {"unit_code": "an-khe-xuan-an", "criteria_set": "Nông thôn mới", "criterion_no": 5, "criterion_met": "Đạt"},
]
BASE_NTM = [{**r, "actual_status": "Chính thức", "source_document": SRC} for r in BASE_NTM]
BASE_PARTY = [
    {"org_type": "Đảng bộ cơ sở", "org_count": 16, "member_count": 520, "source_document": SRC},
    {"block": "Doanh nghiệp", "org_type": "Chi bộ cơ sở", "org_count": 4, "member_count": 60, "source_document": SRC},
]
BASE_AWARDS = [
    {"award_title": "Chiến sĩ thi đua cơ sở", "level": "Huyện, thị xã", "recipient_kind": "Cá nhân", "award_count": 12},
    {"award_title": LONG_TITLE, "level": "Tỉnh", "recipient_kind": "Tập thể", "award_count": 3},
]
BASE_UNITS = [
    {"code": "gia-lai", "name_vi": "Tỉnh Gia Lai", "level": "Tỉnh"},
    {"code": "an-khe", "name_vi": "Thị xã An Khê", "level": "Thị xã", "parent_code": "gia-lai"},
    {"code": "an-khe-xuan-an", "name_vi": "Xã Xuân An", "level": "Xã", "parent_code": "an-khe"},
    {"code": "an-khe-song-an", "name_vi": "Xã Song An", "level": "Xã", "parent_code": "an-khe"},
    {"code": "an-khe-cuu-an", "name_vi": "Xã Cửu An", "level": "Xã", "parent_code": "an-khe"},
]

# The good change every case's workbook makes in each sheet, to show its good rows loaded.
GOOD_INDICATORS = {"near_poor_rate": {"actual": "2,8"}}
GOOD_NTM = {0: {"criterion_met": "Chưa đạt"}}
GOOD_PARTY = {0: {"org_count": 17}}
GOOD_AWARDS = {0: {"award_count": 13}}


def indicator_rows(changes: dict[str, dict] | None = None, extra: Sequence[dict | None] = ()) -> list[dict | None]:
    """The baseline indicator rows with ``changes`` (code → cells; a '_row' cell replaces the row)."""
    out: list[dict | None] = []
    for code, row in BASE_INDICATORS.items():
        change = (changes or {}).get(code, {})
        out.append(dict(change["_row"]) if "_row" in change else {**row, **change})
    return [*out, *extra]


def rows_of(base: list[dict], changes: dict[int, dict] | None = None, extra: Sequence[dict] = ()) -> list[dict]:
    out = []
    for i, row in enumerate(base):
        change = (changes or {}).get(i, {})
        out.append(dict(change["_row"]) if "_row" in change else {**row, **change})
    return [*out, *extra]


def _merge(good: dict, changes: dict | None) -> dict:
    merged = {k: dict(v) for k, v in good.items()}
    for k, v in (changes or {}).items():
        merged[k] = {**merged.get(k, {}), **v} if "_row" not in v else dict(v)
    return merged


def year_sheets(
    ind: dict | None = None,
    ntm: dict | None = None,
    party: dict | None = None,
    awards: dict | None = None,
    ind_extra: Sequence[dict | None] = (),
    ntm_extra: Sequence[dict] = (),
    party_extra: Sequence[dict] = (),
    awards_extra: Sequence[dict] = (),
    period: str = "2021",
    good: bool = True,
) -> list[Sheet]:
    """The sheets of a yearly workbook: the baseline, the good changes (unless ``good`` is off) and ``changes``."""
    return [
        info_sheet(period=period),
        spec_sheet(INDICATOR_YEAR, indicator_rows(_merge(GOOD_INDICATORS if good else {}, ind), ind_extra), period),
        spec_sheet(NTM_SHEET, rows_of(BASE_NTM, _merge(GOOD_NTM if good else {}, ntm), ntm_extra), period),
        spec_sheet(PARTY_SHEET, rows_of(BASE_PARTY, _merge(GOOD_PARTY if good else {}, party), party_extra), period),
        spec_sheet(
            AWARDS_SHEET, rows_of(BASE_AWARDS, _merge(GOOD_AWARDS if good else {}, awards), awards_extra), period
        ),
    ]


def units_sheet(changes: dict[int, dict] | None = None, extra: Sequence[dict] = ()) -> list[Sheet]:
    rows = rows_of(
        BASE_UNITS, {4: {"name_vi": "Xã Cửu An"}, 2: {"name_vi": "Xã Xuân An (mới)"}, **(changes or {})}, extra
    )
    return [spec_sheet(LOCALITIES_SHEET, rows, "")]


# --- the warehouse and the load path -----------------------------------------------------------


def load_folder(
    conn: duckdb.DuckDBPyConnection,
    root: Path,
    limits: Limits,
    folder: bool = False,
    periods: Sequence[str] | None = None,
) -> None:
    """What a build does with ``root`` (``periods``: what ``chitieu build --year`` narrows it to), without
    Dagster: the assets' own functions in their order. Reference files unchanged since their last
    load are not read again, as the reference assets skip them."""
    now = datetime(2026, 12, 1, 12, 0, 0)
    found = discover(root)
    if folder:
        record_folder(conn, found, RUN, now)
    for family in reference_families():
        refs = [r for r in found.refs if family.sheet_for(r.kind) is not None]
        unchanged = {r.relpath for r in unchanged_since_last_load(conn, family.name, refs)}
        refs = [r for r in refs if r.relpath not in unchanged]
        if refs:
            load(conn, family, read_family(refs, family, limits=limits), RUN, now)
    books = [r for r in found.refs if r.kind in ("year", "term") and (periods is None or r.period in periods)]
    if books:
        raws = read_families(books, periodic_families(), limits=limits)
        for family in periodic_families():
            load(conn, family, raws[family.name], RUN, now)


@pytest.fixture(scope="session")
def base_warehouse(sample_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample warehouse with the baseline 2021 workbook loaded."""
    folder = tmp_path_factory.mktemp("bad-input-base")
    path = folder / "base.duckdb"
    shutil.copyfile(sample_warehouse, path)
    raw = folder / "raw"
    write_xlsx(raw / BOOK, year_sheets(good=False))
    conn = duckdb.connect(str(path))
    try:
        load_folder(conn, raw, DEFAULT_LIMITS)
    finally:
        conn.close()
    return path


@dataclass
class Loaded:
    """The warehouse after a case's files were loaded."""

    conn: duckdb.DuckDBPyConnection
    root: Path

    def issues(self, file: str | None = None) -> list[dict]:
        sql = "SELECT * FROM validation_issues WHERE run_id = ?" + (" AND file = ?" if file else "")
        params = [RUN, file] if file else [RUN]
        return self.conn.sql(sql + " ORDER BY file, sheet, row, rule", params=params).pl().to_dicts()

    def one(self, sql: str, params: Sequence) -> object:
        rows = self.conn.execute(sql, list(params)).fetchall()
        assert len(rows) <= 1, (sql, params, rows)
        return rows[0][0] if rows else None

    def log(self, file: str, asset: str = "indicators") -> dict | None:
        rows = (
            self.conn.sql(
                "SELECT status, rows_read, rows_loaded, rows_rejected FROM load_log WHERE run_id = ? AND file = ? AND asset = ?",
                params=[RUN, file, asset],
            )
            .pl()
            .to_dicts()
        )
        return rows[0] if rows else None


# What a check reads from the warehouse: a function of the loaded case, and what it must give.
Check = tuple[str, Callable[[Loaded], object], object]


def actual(code: str, value: object, period: str = "2021") -> Check:
    return (
        f"{code} {period} actual",
        lambda w: w.one(
            "SELECT value FROM indicator_actuals WHERE locality_code = 'an-khe' AND indicator_code = ? "
            "AND period = ? AND is_current",
            [code, period],
        ),
        value,
    )


def reported_pct(code: str, value: object) -> Check:
    return (
        f"{code} reported %",
        lambda w: w.one(
            "SELECT reported_pct FROM indicator_actuals WHERE locality_code = 'an-khe' AND indicator_code = ? "
            "AND period = '2021' AND is_current",
            [code],
        ),
        value,
    )


def target(code: str, value: object, column: str = "target_text") -> Check:
    return (
        f"{code} 2021 {column}",
        lambda w: w.one(
            f"SELECT {column} FROM indicator_targets WHERE locality_code = 'an-khe' AND indicator_code = ? "
            "AND period = '2021'",
            [code],
        ),
        value,
    )


def ntm(unit: str | None, column: str, value: object, criterion: int | None = None, group: str | None = None) -> Check:
    return (
        f"ntm {unit or group} {criterion} {column}",
        lambda w: w.one(
            f"SELECT {column} FROM ntm_criteria WHERE locality_code = 'an-khe' AND period = '2021' "
            "AND unit_code IS NOT DISTINCT FROM ? AND group_label IS NOT DISTINCT FROM ? "
            "AND criterion_no IS NOT DISTINCT FROM ?",
            [unit, group, criterion],
        ),
        value,
    )


def party(org_type: str, value: object, block: str | None = None, column: str = "org_count") -> Check:
    return (
        f"party {block} {org_type} {column}",
        lambda w: w.one(
            f"SELECT {column} FROM party_organisations WHERE locality_code = 'an-khe' AND period = '2021' "
            "AND org_type = ? AND block IS NOT DISTINCT FROM ? AND rating IS NULL",
            [org_type, block],
        ),
        value,
    )


def award(title: str, value: object) -> Check:
    return (
        f"award {title[:30]}",
        lambda w: w.one(
            "SELECT sum(award_count) FROM awards WHERE locality_code = 'an-khe' AND file_period = '2021' AND award_title = ?",
            [title],
        ),
        value,
    )


def unit(code: str, value: object, column: str = "name_vi") -> Check:
    return (
        f"unit {code} {column}",
        lambda w: w.one(f"SELECT {column} FROM localities WHERE locality_code = ?", [code]),
        value,
    )


def log_status(file: str, status: str, asset: str = "indicators") -> Check:
    return (f"load_log {asset} {file}", lambda w: (w.log(file, asset) or {}).get("status"), status)


# The good rows of a case's workbook, after the load, and the baseline figures a case leaves alone.
LOADED_ALL: list[Check] = [
    actual("near_poor_rate", 2.8),
    ntm("an-khe-song-an", "criterion_met", False, criterion=2),
    party("dang_bo_co_so", 17),
    award("Chiến sĩ thi đua cơ sở", 13),
]
BASELINE: list[Check] = [
    actual("poverty_rate", 1.42),
    actual("near_poor_rate", 2.9),
    actual("health_insurance_coverage", 93.02),
    actual("budget_revenue", 134.12),
    ntm("an-khe-cuu-an", "criteria_met", 11),
    party("dang_bo_co_so", 16),
    award("Chiến sĩ thi đua cơ sở", 12),
]


@dataclass
class Expect:
    """One issue a case must produce."""

    rule: str
    sheet: str | None
    row: int | None
    column: str | None
    value: object = ...  # ... : not checked
    severity: str = "error"
    detail: str | None = None  # what follows the rule's message (file-level rules)
    text: str | None = None  # the whole Vietnamese message, when it is not the rule's text (+ detail)
    file: str = BOOK

    def message(self) -> str:
        if self.text is not None:
            return self.text
        vi = MESSAGES[self.rule].vi.replace("{value}", str(self.value))
        return f"{vi} {self.detail}" if self.detail else vi


@dataclass
class Case:
    id: str
    kind: str
    files: Callable[[Path], None]  # writes the case's files into the raw-data folder
    expect: list[Expect] = field(default_factory=list)
    loaded: list[Check] = field(default_factory=lambda: list(LOADED_ALL))
    kept: list[Check] = field(default_factory=list)
    limits: Limits = DEFAULT_LIMITS
    folder: bool = False  # the folder's inventory is part of the case (file names): the sample is in it too
    periods: tuple[str, ...] | None = None  # only these periods' workbooks are read (chitieu build --year)
    prefix: bool = False  # the message is checked by its start (a detail from calamine follows)
    only: bool = True  # no other error or warning than ``expect`` in the run


def book(sheets: Sequence[Sheet] | None = None, name: str = BOOK, engine: str = "xlsxwriter", **changes) -> Callable:
    """A case's workbook: the baseline with the good changes and ``changes`` (see ``year_sheets``)."""

    def write(root: Path) -> None:
        chosen = sheets if sheets is not None else year_sheets(**changes)
        path = root / name
        suffix = path.suffix.lower()
        if suffix == ".ods":
            write_ods(path, chosen)
        elif suffix == ".xls":
            write_xls(path, chosen)
        else:
            write_xlsx(path, chosen, engine=engine)

    return write


def files(*writers: Callable[[Path], None]) -> Callable[[Path], None]:
    def write(root: Path) -> None:
        for w in writers:
            w(root)

    return write


def raw_file(name: str, data: bytes | Callable[[], bytes]) -> Callable[[Path], None]:
    def write(root: Path) -> None:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data() if callable(data) else data)

    return write


def with_file(name: str, writer: Callable[[Path], Path]) -> Callable[[Path], None]:
    return lambda root: writer(root / name)


def companion(root: Path) -> None:
    """Another workbook of the same run, which must load whatever the case's file does."""
    target = root / "an-khe" / "2020.xlsx"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SAMPLE_RAW / "an-khe" / "2020.xlsx", target)


COMPANION: list[Check] = [log_status("an-khe/2020.xlsx", "loaded"), actual("poverty_rate", 1.42)]


def ind_cell(code: str, column: str) -> tuple[str, int, str]:
    labels = {
        "indicator_code": "B (Mã chỉ tiêu)",
        "name": "C (Tên chỉ tiêu)",
        "unit": "D (Đơn vị tính)",
        "target_text": "E (Kế hoạch năm 2021)",
        "h1_actual": "G (Thực hiện 6 tháng đầu năm)",
        "actual": "H (Thực hiện Cả năm)",
        "actual_status": "I (Loại số liệu)",
        "reported_pct": "J (% so với kế hoạch)",
        "note": "O (Ghi chú)",
        "source_quote": "N (Trích dẫn)",
    }
    return IND, ROW[code], labels[column]


def formula_text(value: str) -> str:
    return MESSAGES["formula_error"].vi.replace("{value}", value)


def kept_warning(sheet: str, row: int, value: str, file: str = BOOK) -> Expect:
    return Expect("earlier_figure_kept", sheet, row, None, value, severity="warning", file=file)


# --- the cases ---------------------------------------------------------------------------------

CASES: list[Case] = []


def case(*args, **kwargs) -> Case:
    CASES.append(Case(*args, **kwargs))
    return CASES[-1]


def one_cell(
    cid: str, kind: str, code: str, column: str, typed: object, rule: str, shown: str, kept: list[Check], **options
) -> Case:
    """A workbook whose one indicator cell is bad: its issue at that cell, the row's earlier figures kept."""
    file = options.get("name", BOOK)
    return case(
        cid,
        kind,
        book(ind={code: {column: typed}}, **options),
        [Expect(rule, *ind_cell(code, column), shown, file=file)],
        kept=kept,
    )


POVERTY = [actual("poverty_rate", 1.42), target("poverty_rate", "dưới 3%")]
BUDGET = [actual("budget_revenue", 134.12), actual("budget_revenue", 60.5, "2021-H1")]
HEALTH = [actual("health_insurance_coverage", 93.02), target("health_insurance_coverage", "94")]

# Formulas: an error, or no result, reported at the cell; the row's earlier figure kept.
for cid, code, column, formula, rule, shown, options in [
    ("formula-div0-in-actual", "poverty_rate", "actual", Formula("=1/0", "#DIV/0!"), "formula_error", "#DIV/0!", {}),
    (
        "formula-value-error-in-target",
        "health_insurance_coverage",
        "target_text",
        Formula('=E12&"%"*1', "#VALUE!"),
        "formula_error",
        "#VALUE!",
        {},
    ),
    (
        "formula-ref-error-in-first-half",
        "budget_revenue",
        "h1_actual",
        Formula("=#REF!+1", "#REF!"),
        "formula_error",
        "#REF!",
        {},
    ),
    (
        "formula-error-in-a-text-column",
        "poverty_rate",
        "source_quote",
        Formula("=Nguon!A5", "#REF!"),
        "formula_error",
        "#REF!",
        {},
    ),
    (
        "formula-error-in-figure-status",
        "poverty_rate",
        "actual_status",
        Formula('=IF(H10>0,"Chính thức")', "#NAME?"),
        "formula_error",
        "#NAME?",
        {},
    ),
    (
        "formula-without-result-openpyxl",
        "budget_revenue",
        "actual",
        Formula("=120+14.12"),
        "formula_uncached",
        "=120+14.12",
        {"engine": "openpyxl"},
    ),
    (
        "formula-placeholder-zero-xlsxwriter",
        "budget_revenue",
        "actual",
        Formula("=SUM(H20:H30)", 0),
        "formula_uncached",
        "=SUM(H20:H30)",
        {},
    ),
    (
        "formula-error-ods-libreoffice",
        "poverty_rate",
        "actual",
        Formula("=1/0", "#DIV/0!"),
        "formula_error",
        "#DIV/0!",
        {"name": "an-khe/2021.ods"},
    ),
    (
        "formula-without-result-ods",
        "budget_revenue",
        "actual",
        Formula("=2*67.06"),
        "formula_uncached",
        "=2*67.06",
        {"name": "an-khe/2021.ods"},
    ),
]:
    kept = {"poverty_rate": POVERTY, "budget_revenue": BUDGET, "health_insurance_coverage": HEALTH}[code]
    one_cell(cid, "formula", code, column, formula, rule, shown, kept, **options)
case(
    "formula-na-in-code",
    "formula",
    book(ind={"poverty_rate": {"indicator_code": Formula("=VLOOKUP(C10,DanhMuc,2,0)", "#N/A")}}),
    [
        Expect("formula_error", *ind_cell("poverty_rate", "indicator_code"), "#N/A", text=formula_text("#N/A")),
        kept_warning(IND, ROW["poverty_rate"], "poverty_rate"),
    ],
    kept=POVERTY,
)
case(
    "formula-only-figure-of-its-row",
    "formula",
    book(ind={"poverty_rate": {"target_text": None, "actual": Formula("=H11-1.48")}}, engine="openpyxl"),
    [Expect("formula_uncached", *ind_cell("poverty_rate", "actual"), "=H11-1.48")],
    kept=[*POVERTY, ("rows read", lambda w: w.log(BOOK)["rows_read"], 5)],
)
case(
    "formula-with-its-result-loads",
    "formula",
    book(ind={"budget_revenue": {"actual": Formula("=120+15.5", 135.5)}}),
    [],
    loaded=[*LOADED_ALL, actual("budget_revenue", 135.5)],
)
case(
    "formula-error-in-ntm-count",
    "formula",
    book(ntm={1: {"criteria_met": Formula('=COUNTIF(Q:Q,"Đạt")', "#NAME?")}}),
    [Expect("formula_error", NTM, 10, "H (Số tiêu chí đạt)", "#NAME?")],
    kept=[ntm("an-khe-cuu-an", "criteria_met", 11)],
)
case(
    "formula-error-in-award-count",
    "formula",
    book(awards={1: {"award_count": Formula("=SUM(E20:E25)", "#REF!")}}),
    [Expect("formula_error", AWARDS, 10, "E (Số lượng)", "#REF!")],
    kept=[award(LONG_TITLE, 3)],
)
case(
    "formula-without-result-in-party-count",
    "formula",
    book(party={1: {"org_count": Formula("=D9/4")}}, engine="openpyxl"),
    [Expect("formula_uncached", PARTY, 10, "D (Số tổ chức)", "=D9/4")],
    kept=[party("chi_bo_co_so", 4, block="Doanh nghiệp")],
)

# Percent formats: Excel stores "93,02%" as 0,9302.
case(
    "percent-format-builtin-0.00%",
    "percent",
    book(ind={"health_insurance_coverage": {"actual": Percent(0.9351)}}),
    [],
    loaded=[*LOADED_ALL, actual("health_insurance_coverage", 93.51)],
)
case(
    "percent-format-builtin-0%-in-target",
    "percent",
    book(ind={"health_insurance_coverage": {"target_text": Percent(0.95, "0%")}}),
    [],
    loaded=[
        *LOADED_ALL,
        target("health_insurance_coverage", 95.0, "target_low"),
        target("health_insurance_coverage", "95"),
    ],
)
case(
    "percent-format-custom",
    "percent",
    book(ind={"poverty_rate": {"actual": Percent(0.0139, "#,##0.0%")}}),
    [],
    loaded=[*LOADED_ALL, actual("poverty_rate", 1.39)],
)
case(
    "percent-sign-quoted-is-not-a-percent-format",
    "percent",
    book(ind={"health_insurance_coverage": {"actual": Percent(93.5, '0.0"%"')}}),
    [],
    loaded=[*LOADED_ALL, actual("health_insurance_coverage", 93.5)],
)
case(
    "percent-format-in-a-percent-column-whatever-the-unit",
    "percent",
    book(ind={"budget_revenue": {"reported_pct": Percent(1.003)}}),
    [],
    loaded=[*LOADED_ALL, reported_pct("budget_revenue", 100.3), actual("budget_revenue", 134.12)],
)
case(
    "percent-format-openpyxl",
    "percent",
    book(ind={"health_insurance_coverage": {"actual": Percent(0.9351)}}, engine="openpyxl"),
    [],
    loaded=[*LOADED_ALL, actual("health_insurance_coverage", 93.51)],
)
case(
    "percent-value-type-ods",
    "percent",
    book(name="an-khe/2021.ods", ind={"health_insurance_coverage": {"actual": Percent(0.9351)}}),
    [],
    loaded=[*LOADED_ALL, actual("health_insurance_coverage", 93.51)],
)
case(
    "percent-format-xls-cannot-tell-warns",
    "percent",
    book(name="an-khe/2021.xls", ind={"health_insurance_coverage": {"actual": Percent(0.9351)}}),
    [
        Expect(
            "percent_scale_suspect",
            *ind_cell("health_insurance_coverage", "actual"),
            "0.9351",
            severity="warning",
            file="an-khe/2021.xls",
        )
    ],
    loaded=[*LOADED_ALL, actual("health_insurance_coverage", 0.9351)],
)
case(
    "percent-fraction-typed-warns",
    "percent",
    book(ind={"health_insurance_coverage": {"actual": 0.9351}}),
    [Expect("percent_scale_suspect", *ind_cell("health_insurance_coverage", "actual"), "0.9351", severity="warning")],
    loaded=[*LOADED_ALL, actual("health_insurance_coverage", 0.9351)],
)
case(
    "percent-typed-as-text-loads",
    "percent",
    book(ind={"health_insurance_coverage": {"actual": "93,51%"}}),
    [],
    loaded=[*LOADED_ALL, actual("health_insurance_coverage", 93.51)],
)

# Text in a number column, in every sheet.
for suffix in (".xlsx", ".ods", ".xls"):
    name = f"an-khe/2021{suffix}"
    case(
        f"award-count-in-words-long-title{suffix}",
        "text in numbers",
        book(name=name, awards={1: {"award_count": "nhiều"}}),
        [Expect("parse_count", AWARDS, 10, "E (Số lượng)", "nhiều", file=name)],
        kept=[award(LONG_TITLE, 3)],
    )
PARTY_BLOCK = party("chi_bo_co_so", 4, block="Doanh nghiệp")
# (case, sheet, row in the baseline list, column, typed, rule, where: (sheet, row, column), the row's earlier figure)
for cid, sheet_arg, index, key, typed, rule, where, kept in [
    (
        "party-count-in-words",
        "party",
        1,
        "org_count",
        "bốn",
        "parse_org_count",
        (PARTY, 10, "D (Số tổ chức)"),
        PARTY_BLOCK,
    ),
    (
        "party-members-in-words",
        "party",
        1,
        "member_count",
        "sáu mươi",
        "parse_member_count",
        (PARTY, 10, "E (Số đảng viên)"),
        party("chi_bo_co_so", 60, block="Doanh nghiệp", column="member_count"),
    ),
    (
        "party-count-with-a-minus-sign",
        "party",
        1,
        "org_count",
        "−5",
        "nonnegative_org_count",
        (PARTY, 10, "D (Số tổ chức)"),
        PARTY_BLOCK,
    ),
    (
        "ntm-unit-count-in-words",
        "ntm",
        2,
        "unit_count",
        "năm",
        "parse_unit_count",
        (NTM, 11, "D (Số đơn vị)"),
        ntm(None, "criteria_met", 9, group="Các xã"),
    ),
    (
        "ntm-criteria-total-in-words",
        "ntm",
        1,
        "criteria_total",
        "mười chín",
        "parse_criteria_total",
        (NTM, 10, "I (Tổng số tiêu chí)"),
        ntm("an-khe-cuu-an", "criteria_met", 11),
    ),
]:
    case(cid, "text in numbers", book(**{sheet_arg: {index: {key: typed}}}), [Expect(rule, *where, typed)], kept=[kept])
case(
    "ntm-criterion-in-words-changes-the-key",
    "text in numbers",
    book(ntm={3: {"criterion_no": "năm"}}),
    [
        Expect("parse_criterion_no", NTM, 12, "F (Tiêu chí số)", "năm"),
        kept_warning(NTM, 12, "an-khe-xuan-an / ntm / 5"),
    ],
    kept=[ntm("an-khe-xuan-an", "criterion_met", True, criterion=5)],
)
for cid, code, column, typed, rule in [
    ("indicator-actual-in-words", "poverty_rate", "actual", "chưa có số liệu", "parse_actual"),
    ("indicator-first-half-in-words", "budget_revenue", "h1_actual", "đang tổng hợp", "parse_h1_actual"),
    ("indicator-percent-of-plan-in-words", "budget_revenue", "reported_pct", "vượt", "parse_reported_pct"),
    ("indicator-number-with-two-commas", "poverty_rate", "actual", "1,4,2", "parse_actual"),
    ("indicator-target-in-words", "health_insurance_coverage", "target_text", "cao hơn năm trước", "parse_target"),
]:
    kept = {"poverty_rate": POVERTY, "budget_revenue": BUDGET, "health_insurance_coverage": HEALTH}[code]
    one_cell(cid, "text in numbers", code, column, typed, rule, typed, kept)

# Sizes: one 'tệp quá lớn' issue, before the sheet is read; the other workbook of the run loads.
BIG_HEADER = ["Mã chỉ tiêu", "Cả năm"]
BIG_ROW = ["poverty_rate", 1.5]


def big_sheet(count: int, **options) -> Callable[[Path], None]:
    return lambda root: write_rows_xlsx(root / BOOK, "Chỉ tiêu", BIG_HEADER, BIG_ROW, count, **options)


def refused(cid: str, kind: str, writer: Callable[[Path], None], expect: Expect, **options) -> Case:
    """A workbook refused whole: one issue; the run's other workbook loads; every baseline figure stays."""
    return case(cid, kind, files(writer, companion), [expect], loaded=COMPANION, kept=BASELINE, **options)


def too_large(detail: str, sheet: str | None = IND, value: object = ..., file: str = BOOK) -> Expect:
    return Expect("file_too_large", sheet, None, None, value, detail=detail, file=file)


def padded_book(padding: int, incompressible: bool = False) -> Callable[[Path], None]:
    """The baseline workbook with a hidden part added: zeros (a zip bomb's shape) or random bytes."""

    def write(root: Path) -> None:
        path = write_xlsx(root / BOOK, year_sheets())
        with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf:
            data = os.urandom(padding) if incompressible else b"\0" * padding
            zf.writestr("xl/media/image1.bin", data, compress_type=zipfile.ZIP_STORED if incompressible else None)

    return write


refused(
    "file-over-the-size-limit",
    "size",
    padded_book(1_600_000, incompressible=True),
    too_large("Tệp 1,5 MB; giới hạn 1 MB (CHITIEU_MAX_FILE_MB).", sheet=None),
    limits=Limits(max_file_mb=1),
)
refused(
    "zip-bomb-over-the-unzipped-limit",
    "size",
    padded_book(8 * 1024 * 1024),
    too_large("Giải nén ra 8 MB; giới hạn 5 MB (CHITIEU_MAX_UNZIPPED_MB).", sheet=None),
    limits=Limits(max_unzipped_mb=5),
)
refused(
    "sheet-rows-over-the-limit-by-dimension",
    "size",
    big_sheet(25_000),
    too_large("Trang 'Chỉ tiêu' có 25.001 dòng; giới hạn 20.000 dòng (CHITIEU_MAX_ROWS).", value="25001 rows"),
)
refused(
    "sheet-rows-over-the-limit-without-dimension",
    "size",
    big_sheet(25_000, dimension=None),
    too_large("Trang 'Chỉ tiêu' có 20.001 dòng; giới hạn 20.000 dòng (CHITIEU_MAX_ROWS)."),
)
refused(
    "sheet-rows-over-the-limit-rows-without-numbers",
    "size",
    big_sheet(25_000, dimension=None, explicit_refs=False),
    too_large("Trang 'Chỉ tiêu' có 20.001 dòng; giới hạn 20.000 dòng (CHITIEU_MAX_ROWS)."),
)
refused(
    "sheet-rows-over-the-limit-dimension-says-a1",
    "size",
    big_sheet(25_000, dimension="A1"),
    too_large("Trang 'Chỉ tiêu' có hơn 20.000 dòng; giới hạn 20.000 dòng (CHITIEU_MAX_ROWS)."),
)
refused(
    "sheet-columns-over-the-limit",
    "size",
    lambda root: write_rows_xlsx(
        root / BOOK, "Chỉ tiêu", ["Mã chỉ tiêu", *[f"Cột {i}" for i in range(300)]], BIG_ROW, 3
    ),
    too_large("Trang 'Chỉ tiêu' có 301 cột; giới hạn 200 cột (CHITIEU_MAX_COLUMNS).", value="301 columns"),
)
refused(
    "ods-repeated-row-over-the-limit",
    "size",
    lambda root: write_ods(
        root / "an-khe/2021.ods",
        [],
        tables=[
            '<table:table table:name="Chỉ tiêu"><table:table-row><table:table-cell office:value-type="string">'
            "<text:p>Mã chỉ tiêu</text:p></table:table-cell></table:table-row>"
            '<table:table-row table:number-rows-repeated="50000"><table:table-cell office:value-type="string">'
            "<text:p>poverty_rate</text:p></table:table-cell></table:table-row></table:table>"
        ],
    ),
    too_large("Trang 'Chỉ tiêu' có 50.001 dòng; giới hạn 20.000 dòng (CHITIEU_MAX_ROWS).", file="an-khe/2021.ods"),
)
refused(
    "xls-rows-over-the-limit",
    "size",
    book(
        [
            info_sheet(),
            spec_sheet(INDICATOR_YEAR, indicator_rows(GOOD_INDICATORS) + [None] * 120 + [{"note": "x"}]),
        ],
        name="an-khe/2021.xls",
    ),
    too_large("Trang 'Chỉ tiêu' có hơn 120 dòng; giới hạn 120 dòng (CHITIEU_MAX_ROWS).", file="an-khe/2021.xls"),
    limits=Limits(max_rows=120),
)
refused(
    "info-sheet-over-the-row-limit",
    "size",
    book([Sheet("Thông tin chung", [["Mã địa phương", "an-khe"]] + [["ghi chú"]] * 150), *year_sheets()[1:]]),
    too_large("Trang 'Thông tin chung' có 151 dòng; giới hạn 120 dòng (CHITIEU_MAX_ROWS).", sheet="Thông tin chung"),
    limits=Limits(max_rows=120),
)
case(
    "many-issues-capped-with-one-summary",
    "size",
    book(ind_extra=[{"indicator_code": f"ma_sai_{i}", "actual": i} for i in range(40)]),
    [
        Expect(
            "issues_capped",
            None,
            None,
            None,
            "80",
            detail="Có 80 lỗi và cảnh báo; đã ghi 20, còn 60 chưa ghi.",
        ),
        Expect("known_indicator_code", IND, 15, "B (Mã chỉ tiêu)", "ma_sai_0"),
    ],
    limits=Limits(max_issues_per_file=20),
    only=False,
)


# Broken files: reported once, the other workbook of the run loads, the earlier figures stay.
def _truncated(root: Path) -> None:
    path = write_xlsx(root / BOOK, year_sheets())
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _malformed_sheet(root: Path) -> None:
    path = write_xlsx(root / "an-khe" / "tmp.xlsx", year_sheets())
    target = root / BOOK
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet2.xml":
                data = data[: len(data) // 3]  # cut off mid-tag: not XML any more
            dst.writestr(info, data)
    path.unlink()


def _docx_as_xlsx(root: Path) -> None:
    path = root / BOOK
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")


def _xls_named_xlsx(root: Path) -> None:
    write_xls(root / "an-khe" / "real.xls", year_sheets())
    (root / "an-khe" / "real.xls").rename(root / BOOK)


UNREADABLE = MESSAGES["file_unreadable"].vi
for name, writer in [
    ("empty-file", raw_file(BOOK, b"")),
    ("truncated-download", _truncated),
    ("random-bytes", raw_file(BOOK, bytes(range(256)) * 64)),
    (
        "html-table-saved-as-xls",
        raw_file("an-khe/2021.xls", "<html><body><table><tr><td>Mã chỉ tiêu</td></tr></table></body></html>".encode()),
    ),
    ("csv-renamed-xlsx", raw_file(BOOK, "Mã chỉ tiêu;Cả năm\npoverty_rate;1,39\n".encode())),
    ("word-document-renamed-xlsx", _docx_as_xlsx),
    ("ods-with-garbage-content", raw_file("an-khe/2021.ods", b"PK\x03\x04" + b"\x00" * 200)),
]:
    file = "an-khe/2021.xls" if "xls" in name and "xlsx" not in name else ("an-khe/2021.ods" if "ods" in name else BOOK)
    refused(
        f"broken-{name}",
        "broken file",
        writer,
        Expect("file_unreadable", None, None, None, text=UNREADABLE, file=file),
        prefix=True,
    )
case(
    "broken-indicator-sheet-xml-cut-off-other-sheets-load",
    "broken file",
    files(_malformed_sheet, companion),
    [Expect("file_unreadable", None, None, None, text=UNREADABLE)],
    loaded=[*LOADED_ALL[1:], *COMPANION[:1]],
    kept=[actual("poverty_rate", 1.42), actual("near_poor_rate", 2.9)],
    prefix=True,
)
refused(
    "broken-encrypted-xlsx",
    "broken file",
    with_file(
        BOOK, lambda p: write_cfb(p, {"EncryptionInfo": b"\x04\x00\x04\x00", "EncryptedPackage": b"\x17" * 5000})
    ),
    Expect("file_encrypted", None, None, None, detail="EncryptedPackage (OLE2)."),
)
refused(
    "broken-encrypted-ods",
    "broken file",
    with_file("an-khe/2021.ods", lambda p: write_ods(p, year_sheets(), encrypted=True)),
    Expect(
        "file_encrypted",
        None,
        None,
        None,
        detail="OpenDocument encryption (META-INF/manifest.xml).",
        file="an-khe/2021.ods",
    ),
)
refused(
    "broken-xls-named-xlsx",
    "broken file",
    _xls_named_xlsx,
    Expect(
        "file_unreadable",
        None,
        None,
        None,
        detail="Tệp là bảng tính Excel 97–2003 (.xls) nhưng mang đuôi .xlsx: mở tệp và lưu lại thành .xlsx "
        "(Tệp › Lưu thành), hoặc đổi đuôi thành .xls.",
    ),
)
case(
    "sheet-missing-other-sheets-still-load",
    "broken file",
    book([info_sheet(), *year_sheets()[2:]]),
    [
        Expect(
            "sheet_missing",
            None,
            None,
            None,
            detail="Cần trang 'Chỉ tiêu'; tệp có: Thông tin chung, Nông thôn mới, Xây dựng Đảng, Thi đua khen thưởng.",
        )
    ],
    loaded=LOADED_ALL[1:],
    kept=[actual("poverty_rate", 1.42), actual("near_poor_rate", 2.9)],
)
case(
    "header-without-the-code-column",
    "broken file",
    book([info_sheet(), Sheet("Chỉ tiêu", [["Tên chỉ tiêu", "Cả năm"], ["Tỷ lệ hộ nghèo", 1.39]]), *year_sheets()[2:]]),
    [
        Expect(
            "header_missing", None, None, None, detail="Trang 'Chỉ tiêu': không thấy dòng tiêu đề có cột 'Mã chỉ tiêu'."
        )
    ],
    loaded=LOADED_ALL[1:],
    kept=[actual("poverty_rate", 1.42), actual("near_poor_rate", 2.9)],
)
case(
    "empty-indicator-sheet",
    "broken file",
    book([info_sheet(), Sheet("Chỉ tiêu", []), *year_sheets()[2:]]),
    [
        Expect(
            "header_missing", None, None, None, detail="Trang 'Chỉ tiêu': không thấy dòng tiêu đề có cột 'Mã chỉ tiêu'."
        )
    ],
    loaded=LOADED_ALL[1:],
    kept=[actual("poverty_rate", 1.42), actual("near_poor_rate", 2.9)],
)
case(
    "info-sheet-says-another-year",
    "broken file",
    book([info_sheet(period="2020"), *year_sheets()[1:]]),
    [
        Expect(
            "year_mismatch",
            "Thông tin chung",
            5,
            "B (Năm / Nhiệm kỳ)",
            "2020",
            detail="Trong tệp: '2020', tên tệp: '2021'.",
        )
    ],
    loaded=[],
    kept=BASELINE,
)
case(
    "info-sheet-says-another-locality",
    "broken file",
    book([info_sheet(locality="pleiku"), *year_sheets()[1:]]),
    [
        Expect(
            "locality_mismatch",
            "Thông tin chung",
            3,
            "B (Mã địa phương)",
            "pleiku",
            detail="Trong tệp: 'pleiku', thư mục: 'an-khe'.",
        )
    ],
    loaded=[],
    kept=BASELINE,
)
case(
    "header-copied-from-last-year",
    "broken file",
    book([info_sheet(), spec_sheet(INDICATOR_YEAR, indicator_rows(GOOD_INDICATORS), "2020"), *year_sheets()[2:]]),
    [
        Expect(
            "year_mismatch",
            IND,
            8,
            "E (Kế hoạch năm 2020)",
            "Kế hoạch năm 2020",
            detail="Tiêu đề cột 'Kế hoạch năm 2020' ghi năm 2020, tên tệp là 2021.",
        )
    ],
    loaded=LOADED_ALL[1:],
    kept=[actual("poverty_rate", 1.42), actual("near_poor_rate", 2.9)],
)

# File names and folders: the inventory reports each file not read; the good workbook still loads.
GOOD_BOOK = book()
for name, rule, detail in [
    ("an-khe/2021 (1).xlsx", "file_name", None),
    ("an-khe/Copy of 2021.xlsx", "file_name", None),
    ("an-khe/2O21.xlsx", "file_name", None),
    ("an-khe/bao-cao-2021-final.xlsx", "file_name", None),
    ("an-khe/1899.xlsx", "year_out_of_range", "Năm 1899; kho nhận 2000–2035."),
    (
        "an-khe/nhiem-ky-2025-2020.xlsx",
        "term_not_congress",
        "Năm đầu 2025 sau năm cuối 2020: có lẽ là nhiem-ky-2020-2025.",
    ),
    (
        "an-khe/nhiem-ky-2021-2024.xlsx",
        "term_not_congress",
        "Nhiệm kỳ Đại hội kéo dài 5 năm, bắt đầu năm tận cùng 0 hoặc 5 (ví dụ 2020-2025); tệp ghi 2021-2024.",
    ),
    ("An Khê/2021.xlsx", "file_name", "Tên thư mục 'An Khê' phải là mã địa phương (chữ thường không dấu, gạch ngang)."),
    ("an-khe/cu/2021.xlsx", "file_in_subfolder", "Đặt tệp ngay trong thư mục an-khe/."),
    ("2021.xlsx", "file_name", "Ở thư mục gốc chỉ đặt danh-muc-chi-tieu.xlsx."),
]:
    case(
        f"name-{name.replace('/', '-').replace(' ', '_')}",
        "file name",
        files(GOOD_BOOK, book(name=name)),
        [
            Expect(
                rule, None, None, None, Path(name).name if "An Khê" not in name else "An Khê", detail=detail, file=name
            )
        ],
        folder=True,
    )
case(
    "name-notes-next-to-the-workbooks",
    "file name",
    files(GOOD_BOOK, raw_file("an-khe/ghi-chu.txt", "Số liệu năm 2021 gửi kèm.".encode())),
    [Expect("not_a_workbook", None, None, None, "ghi-chu.txt", severity="warning", file="an-khe/ghi-chu.txt")],
    folder=True,
)
case(
    "name-office-lock-file-passed-over",
    "file name",
    files(GOOD_BOOK, raw_file("an-khe/~$2021.xlsx", b"\x00" * 162)),
    [],
    folder=True,
)
case(
    "name-uppercase-extension-read",
    "file name",
    book(name="an-khe/2021.XLSX"),
    # Read under its own name; the baseline's 2021.xlsx is no longer there, and that is said too.
    [Expect("file_gone", None, None, None, severity="warning", file=BOOK)],
    folder=True,
)
case(
    "name-two-workbooks-for-one-year",
    "file name",
    files(GOOD_BOOK, book(name="an-khe/2021.ods")),
    [
        Expect(
            "duplicate_workbook",
            None,
            None,
            None,
            "2021.ods",
            detail="Các tệp: an-khe/2021.ods, an-khe/2021.xlsx.",
            file="an-khe/2021.ods",
        ),
        Expect(
            "duplicate_workbook",
            None,
            None,
            None,
            "2021.xlsx",
            detail="Các tệp: an-khe/2021.ods, an-khe/2021.xlsx.",
            file=BOOK,
        ),
    ],
    loaded=[],
    kept=BASELINE,
    folder=True,
)
case(
    "name-folder-of-an-undeclared-locality",
    "file name",
    files(GOOD_BOOK, book(name="pleiku/2021.xlsx", sheets=[info_sheet(locality="pleiku"), *year_sheets()[1:]])),
    [Expect("unknown_locality", None, None, None, severity="warning", file="pleiku/2021.xlsx")],
    folder=True,
)


# Unit lists (don-vi.xlsx): dates, cycles, duplicates. Their rows start on row 9: gia-lai … an-khe-cuu-an (13).
UNITS_BOOK = "an-khe/don-vi.xlsx"
UNITS_LOADED: list[Check] = [unit("an-khe-xuan-an", "Xã Xuân An (mới)")]


def units(changes: dict[int, dict] | None = None, extra: Sequence[dict] = ()) -> Callable[[Path], None]:
    return lambda root: write_xlsx(root / UNITS_BOOK, units_sheet(changes, extra))


def unit_issue(rule: str, row: int, column: str, value: object, **kw) -> Expect:
    return Expect(rule, UNITS, row, column, value, file=UNITS_BOOK, **kw)


case(
    "date-that-does-not-exist",
    "date",
    units({4: {"name_vi": "Xã Cửu An (sai)", "valid_from": "31/02/2024"}}),
    [unit_issue("parse_valid_from", 13, "E (Hiệu lực từ ngày)", "31/02/2024")],
    loaded=UNITS_LOADED,
    kept=[unit("an-khe-cuu-an", "Xã Cửu An")],
)
case(
    "date-with-month-13",
    "date",
    units({4: {"name_vi": "Xã Cửu An (sai)", "valid_to": "15/13/2020"}}),
    [unit_issue("parse_valid_to", 13, "F (Hiệu lực đến ngày)", "15/13/2020")],
    loaded=UNITS_LOADED,
    kept=[unit("an-khe-cuu-an", "Xã Cửu An")],
)
case(
    "date-ending-before-it-starts",
    "date",
    units({4: {"name_vi": "Xã Cửu An (sai)", "valid_from": "01/01/2020", "valid_to": "31/12/2019"}}),
    [unit_issue("validity_ordered", 13, "F (Hiệu lực đến ngày)", ...)],
    loaded=UNITS_LOADED,
    kept=[unit("an-khe-cuu-an", "Xã Cửu An")],
)
case(
    "date-typed-as-a-date-cell-loads",
    "date",
    units({4: {"valid_from": date(2019, 12, 1)}}),
    [],
    loaded=[*UNITS_LOADED, unit("an-khe-cuu-an", date(2019, 12, 1), "valid_from")],
)
case(
    "unit-parents-in-a-cycle",
    "date",
    units({3: {"parent_code": "an-khe-cuu-an"}, 4: {"parent_code": "an-khe-song-an"}}),
    [
        unit_issue("parent_cycle", 12, "D (Mã đơn vị cấp trên)", "an-khe-cuu-an"),
        unit_issue("parent_cycle", 13, "D (Mã đơn vị cấp trên)", "an-khe-song-an"),
    ],
    loaded=UNITS_LOADED,
    kept=[unit("an-khe-song-an", "an-khe", "parent_code"), unit("an-khe-cuu-an", "an-khe", "parent_code")],
)
case(
    "unit-its-own-parent",
    "date",
    units({4: {"parent_code": "an-khe-cuu-an"}}),
    [unit_issue("parent_cycle", 13, "D (Mã đơn vị cấp trên)", "an-khe-cuu-an")],
    loaded=UNITS_LOADED,
    kept=[unit("an-khe-cuu-an", "an-khe", "parent_code")],
)
case(
    "unit-code-twice",
    "duplicate",
    units(extra=[{"code": "an-khe-cuu-an", "name_vi": "Xã Cửu An (trùng)", "level": "Xã", "parent_code": "an-khe"}]),
    [
        unit_issue(
            "unique_locality_code",
            13,
            "A (Mã đơn vị)",
            "an-khe-cuu-an",
            text=MESSAGES["unique_locality_code"].vi + " Các dòng trùng: 13, 14.",
        ),
        unit_issue(
            "unique_locality_code",
            14,
            "A (Mã đơn vị)",
            "an-khe-cuu-an",
            text=MESSAGES["unique_locality_code"].vi + " Các dòng trùng: 13, 14.",
        ),
        # Row 14 of the sample's list was Thành An: its place is now the rejected duplicate.
        kept_warning(UNITS, 14, "an-khe-thanh-an", file=UNITS_BOOK),
    ],
    loaded=UNITS_LOADED,
    kept=[unit("an-khe-cuu-an", "Xã Cửu An"), unit("an-khe-thanh-an", "Xã Thành An")],
)
case(
    "unit-code-with-a-non-breaking-space",
    "encoding",
    units({4: {"code": "an-khe-cuu\u00a0an", "name_vi": "Xã Cửu An (sai)"}}),
    [
        unit_issue("locality_code_format", 13, "A (Mã đơn vị)", "an-khe-cuu an"),
        kept_warning(UNITS, 13, "an-khe-cuu-an", file=UNITS_BOOK),
    ],
    loaded=UNITS_LOADED,
    kept=[unit("an-khe-cuu-an", "Xã Cửu An")],
)
case(
    "unit-code-with-a-zero-width-space-is-cleaned",
    "encoding",
    units({4: {"code": "an-khe-cuu\u200b-an", "name_vi": "Xã Cửu An (đã sửa)"}}),
    [],
    loaded=[*UNITS_LOADED, unit("an-khe-cuu-an", "Xã Cửu An (đã sửa)")],
)

# Hostile and odd text.
case(
    "code-with-a-zero-width-space-is-cleaned",
    "encoding",
    book(ind={"poverty_rate": {"indicator_code": "poverty\u200b_rate", "actual": "1,39"}}),
    [],
    loaded=[*LOADED_ALL, actual("poverty_rate", 1.39)],
)
case(
    "code-with-a-byte-order-mark-is-cleaned",
    "encoding",
    book(ind={"poverty_rate": {"indicator_code": "\ufeffpoverty_rate", "actual": "1,39"}}),
    [],
    loaded=[*LOADED_ALL, actual("poverty_rate", 1.39)],
)
case(
    "code-with-a-trailing-non-breaking-space",
    "encoding",
    book(ind={"poverty_rate": {"indicator_code": "poverty_rate\u00a0", "actual": "1,39"}}),
    [],
    loaded=[*LOADED_ALL, actual("poverty_rate", 1.39)],
)
case(
    "code-with-a-non-breaking-space-inside-is-reported",
    "encoding",
    book(ind={"poverty_rate": {"indicator_code": "poverty\u00a0rate", "actual": "1,39"}}),
    [
        Expect("known_indicator_code", *ind_cell("poverty_rate", "indicator_code"), "poverty rate"),
        kept_warning(IND, ROW["poverty_rate"], "poverty_rate"),
    ],
    kept=[actual("poverty_rate", 1.42), target("poverty_rate", "dưới 3%")],
)
case(
    "code-in-capitals-with-diacritics",
    "encoding",
    book(ind={"poverty_rate": {"indicator_code": "TỶ_LỆ_HỘ_NGHÈO"}}),
    [
        Expect("known_indicator_code", *ind_cell("poverty_rate", "indicator_code"), "tỷ_lệ_hộ_nghèo"),
        kept_warning(IND, ROW["poverty_rate"], "poverty_rate"),
    ],
    kept=[actual("poverty_rate", 1.42)],
)
case(
    "code-that-looks-like-sql",
    "encoding",
    book(ind={"poverty_rate": {"indicator_code": "x'); DROP TABLE indicator_actuals; --"}}),
    [
        Expect(
            "known_indicator_code", *ind_cell("poverty_rate", "indicator_code"), "x'); drop table indicator_actuals; --"
        ),
        kept_warning(IND, ROW["poverty_rate"], "poverty_rate"),
    ],
    kept=[actual("poverty_rate", 1.42), actual("party_members_admitted", 75.0, "2023")],
)
case(
    "code-with-spaces-around",
    "encoding",
    book(ind={"poverty_rate": {"indicator_code": "  poverty_rate  ", "actual": "1,39"}}),
    [],
    loaded=[*LOADED_ALL, actual("poverty_rate", 1.39)],
)
case(
    "number-with-a-zero-width-space",
    "encoding",
    book(ind={"poverty_rate": {"actual": "1\u200b,39"}}),
    [],
    loaded=[*LOADED_ALL, actual("poverty_rate", 1.39)],
)
case(
    "number-with-non-breaking-space-groups",
    "encoding",
    book(ind={"budget_revenue": {"actual": "1\u00a0341,2"}}),
    [],
    loaded=[*LOADED_ALL, actual("budget_revenue", 1341.2)],
)
case(
    "status-in-decomposed-unicode",
    "encoding",
    book(ind={"poverty_rate": {"actual_status": unicodedata.normalize("NFD", "Chính thức"), "actual": "1,39"}}),
    [],
    loaded=[*LOADED_ALL, actual("poverty_rate", 1.39)],
)
# Digits typed with a Vietnamese IME in full width are the same digits (NFKC): read, nothing to say.
case(
    "indicator-fullwidth-digits",
    "encoding",
    book(ind={"poverty_rate": {"actual": "１,３９"}}),
    [],
    loaded=[*LOADED_ALL, actual("poverty_rate", 1.39)],
)
# The catalog's name with an emoji is the locality's own wording of the same indicator (kept as its
# name, as any own name is); only a name that shares little with the catalog's is questioned.
case(
    "name-with-an-emoji-loads-as-its-own-name",
    "encoding",
    book(ind={"poverty_rate": {"name": "Tỷ lệ hộ nghèo 📉", "actual": "1,39"}}),
    [],
    loaded=[*LOADED_ALL, actual("poverty_rate", 1.39)],
)
case(
    "name-of-another-indicator-on-a-code-warns-and-loads",
    "encoding",
    book(ind={"poverty_rate": {"name": "Thu ngân sách nhà nước 📉", "actual": "1,39"}}),
    [
        Expect(
            "name_differs_from_catalog",
            *ind_cell("poverty_rate", "name"),
            "Thu ngân sách nhà nước 📉",
            severity="warning",
        )
    ],
    loaded=[*LOADED_ALL, actual("poverty_rate", 1.39)],
)
case(
    "formula-looking-text-stays-text",
    "encoding",
    book(ind={"poverty_rate": {"note": '=HYPERLINK("http://vi.du","bấm")', "actual": "1,39"}}),
    [],
    loaded=[
        *LOADED_ALL,
        actual("poverty_rate", 1.39),
        (
            "poverty_rate note",
            lambda w: w.one(
                "SELECT note FROM indicator_actuals WHERE indicator_code = 'poverty_rate' AND period = '2021' AND is_current",
                [],
            ),
            '=HYPERLINK("http://vi.du","bấm")',
        ),
    ],
)
case(
    "very-long-note-loads-whole",
    "encoding",
    book(ind={"poverty_rate": {"note": "Ghi chú rất dài. " * 1_880, "actual": "1,39"}}),
    [],
    loaded=[
        *LOADED_ALL,
        (
            "poverty_rate note length",
            lambda w: w.one(
                "SELECT length(note) FROM indicator_actuals WHERE indicator_code = 'poverty_rate' AND period = '2021' AND is_current",
                [],
            ),
            len(("Ghi chú rất dài. " * 1_880).strip()),
        ),
    ],
)
case(
    "ntm-unit-code-with-a-zero-width-space-is-cleaned",
    "encoding",
    book(ntm={3: {"unit_code": "an-khe-xuan\u200b-an", "criterion_met": "Chưa đạt"}}),
    [],
    loaded=[*LOADED_ALL, ntm("an-khe-xuan-an", "criterion_met", False, criterion=5)],
)
case(
    "award-title-with-a-zero-width-space-is-the-same-award",
    "encoding",
    book(awards={0: {"award_title": "Chiến sĩ thi đua\u200b cơ sở"}}),
    [],
)

# Duplicates.
DUP = " Các dòng trùng: {rows}."
case(
    "indicator-row-twice",
    "duplicate",
    book(ind_extra=[{**BASE_INDICATORS["poverty_rate"], "actual": "1,5"}]),
    # Reports state a figure twice (objectives, then measures): the first row with a figure is used,
    # and the other is pointed at with the row used, never dropped unsaid.
    [
        Expect(
            "actual_stated_twice",
            IND,
            15,
            "H (Thực hiện Cả năm)",
            "1,5 (dòng dùng: 10)",
            severity="warning",
            text=MESSAGES["actual_stated_twice"].vi,
        ),
    ],
    loaded=[*LOADED_ALL, actual("poverty_rate", 1.42)],
)
case(
    "ntm-row-twice",
    "duplicate",
    book(ntm_extra=[{**BASE_NTM[3], "criterion_met": "Chưa đạt"}]),
    [
        Expect(
            "unique_ntm_row",
            NTM,
            12,
            "F (Tiêu chí số)",
            "5",
            text=MESSAGES["unique_ntm_row"].vi + DUP.format(rows="12, 13"),
        ),
        Expect(
            "unique_ntm_row",
            NTM,
            13,
            "F (Tiêu chí số)",
            "5",
            text=MESSAGES["unique_ntm_row"].vi + DUP.format(rows="12, 13"),
        ),
    ],
    kept=[ntm("an-khe-xuan-an", "criterion_met", True, criterion=5)],
)
case(
    "party-row-twice",
    "duplicate",
    book(party_extra=[{**BASE_PARTY[1], "org_count": 5}]),
    [
        Expect(
            "unique_party_row",
            PARTY,
            10,
            "A (Khối)",
            "Doanh nghiệp",
            text=MESSAGES["unique_party_row"].vi + DUP.format(rows="10, 11"),
        ),
        Expect(
            "unique_party_row",
            PARTY,
            11,
            "A (Khối)",
            "Doanh nghiệp",
            text=MESSAGES["unique_party_row"].vi + DUP.format(rows="10, 11"),
        ),
    ],
    kept=[party("chi_bo_co_so", 4, block="Doanh nghiệp")],
)
case(
    "award-row-twice",
    "duplicate",
    book(awards_extra=[{**BASE_AWARDS[1], "award_count": 5}]),
    [
        Expect(
            "unique_award_row",
            AWARDS,
            10,
            "B (Danh hiệu, hình thức khen thưởng)",
            LONG_TITLE,
            text=MESSAGES["unique_award_row"].vi + DUP.format(rows="10, 11"),
        ),
        Expect(
            "unique_award_row",
            AWARDS,
            11,
            "B (Danh hiệu, hình thức khen thưởng)",
            LONG_TITLE,
            text=MESSAGES["unique_award_row"].vi + DUP.format(rows="10, 11"),
        ),
    ],
    kept=[award(LONG_TITLE, 3)],
)
STALE = spec_sheet(INDICATOR_YEAR, indicator_rows({"near_poor_rate": {"actual": "9,9"}}), name="CHI TIEU")
READ_ONE = Expect(
    "duplicate_sheet",
    "CHI TIEU",
    None,
    None,
    "CHI TIEU",
    severity="warning",
    detail="Đã đọc trang 'Chỉ tiêu'; trang 'CHI TIEU' bị bỏ qua.",
)
# The stale copy after the sheet, or before it: 'Chỉ tiêu' (the spec's own name) is read either way.
case("second-indicator-sheet-warns-which-was-read", "duplicate", book([*year_sheets(), STALE]), [READ_ONE])
case(
    "second-indicator-sheet-first-in-the-workbook",
    "duplicate",
    book([year_sheets()[0], STALE, *year_sheets()[1:]]),
    [READ_ONE],
)

# A typo that changes a row's key: the earlier row at that place is kept, and the clerk is told.
case(
    "unknown-code-where-a-known-one-was",
    "key changed",
    book(ind={"poverty_rate": {"indicator_code": "poverty_rat"}}),
    [
        Expect("known_indicator_code", *ind_cell("poverty_rate", "indicator_code"), "poverty_rat"),
        kept_warning(IND, ROW["poverty_rate"], "poverty_rate"),
    ],
    kept=[actual("poverty_rate", 1.42), target("poverty_rate", "dưới 3%")],
)
case(
    "ntm-criterion-20-where-criterion-5-was",
    "key changed",
    book(ntm={3: {"criterion_no": 20}}),
    [
        Expect("criterion_no_range", NTM, 12, "F (Tiêu chí số)", "20"),
        kept_warning(NTM, 12, "an-khe-xuan-an / ntm / 5"),
    ],
    kept=[ntm("an-khe-xuan-an", "criterion_met", True, criterion=5)],
)
case(
    "award-level-typo",
    "key changed",
    book(awards={1: {"level": "Tinh thanh"}}),
    [
        Expect("parse_level", AWARDS, 10, "C (Cấp khen thưởng)", "Tinh thanh"),
        kept_warning(AWARDS, 10, f"{LONG_TITLE} / province / collective / false"),
    ],
    kept=[award(LONG_TITLE, 3)],
)
case(
    "party-organisation-type-typo",
    "key changed",
    book(party={1: {"org_type": "Chi bo"}}),
    [
        Expect("parse_org_type", PARTY, 10, "B (Loại tổ chức)", "Chi bo"),
        kept_warning(PARTY, 10, "Doanh nghiệp / chi_bo_co_so"),
    ],
    kept=[party("chi_bo_co_so", 4, block="Doanh nghiệp")],
)
case(
    "row-moved-and-its-place-reused-keeps-nothing-twice",
    "key changed",
    book(
        ind={"poverty_rate": {"_row": {"indicator_code": "ma_moi", "actual": 5, "actual_status": "Chính thức"}}},
        ind_extra=[{**BASE_INDICATORS["poverty_rate"], "actual": "1,39"}],
    ),
    [Expect("known_indicator_code", *ind_cell("poverty_rate", "indicator_code"), "ma_moi")],
    loaded=[*LOADED_ALL, actual("poverty_rate", 1.39)],
)


# Where things are: leading empty rows and columns, blank lines.
def _offset_book(root: Path) -> None:
    sheets = year_sheets(ind={"poverty_rate": {"actual": "chưa có"}})
    shifted = Sheet(
        sheets[1].name,
        sheets[1].rows,
        top=3,
        left=2,
        merges=[(r1 + 3, c1 + 2, r2 + 3, c2 + 2) for r1, c1, r2, c2 in sheets[1].merges],
    )
    write_xlsx(root / BOOK, [sheets[0], shifted, *sheets[2:]])


case(
    "sheet-starting-below-and-right-of-a1",
    "position",
    _offset_book,
    [Expect("parse_actual", IND, 13, "J (Thực hiện Cả năm)", "chưa có")],
    kept=[actual("poverty_rate", 1.42)],
)
case(
    "bad-row-after-blank-lines",
    "position",
    book(ind_extra=[None, None, {"indicator_code": "ma_sai", "actual": 1, "actual_status": "Chính thức"}]),
    [Expect("known_indicator_code", IND, 17, "B (Mã chỉ tiêu)", "ma_sai")],
)

# --- MORE CASES ---


# --- running a case ----------------------------------------------------------------------------


def run_case(base: Path, tmp_path: Path, c: Case) -> Loaded:
    db = tmp_path / "warehouse.duckdb"
    shutil.copyfile(base, db)
    root = tmp_path / "raw"
    if c.folder:
        shutil.copytree(SAMPLE_RAW, root)  # the whole folder, as the inventory sees it
    else:
        root.mkdir()
    c.files(root)
    conn = duckdb.connect(str(db))
    load_folder(conn, root, c.limits, folder=c.folder, periods=c.periods or (("2021",) if c.folder else None))
    return Loaded(conn, root)


def _matches(issue: dict, e: Expect) -> bool:
    same = (issue["file"], issue["rule"], issue["sheet"], issue["row"], issue["column"]) == (
        e.file,
        e.rule,
        e.sheet,
        e.row,
        e.column,
    )
    return same and (e.value is ... or issue["value"] == e.value)


def _close(got: object, want: object) -> bool:
    if isinstance(want, float) and isinstance(got, (int, float)):
        return abs(got - want) < 1e-9
    return got == want


# One case of each kind, and the ones the issue named, run in the fast tier (-m "not slow"); every
# case loads four sheet families through Pandera (~0,7 s), so all of them take ~90 s.
FAST = {
    "formula-div0-in-actual",
    "formula-without-result-openpyxl",
    "percent-format-builtin-0.00%",
    "percent-fraction-typed-warns",
    "award-count-in-words-long-title.xlsx",
    "sheet-rows-over-the-limit-by-dimension",
    "broken-encrypted-xlsx",
    "name-two-workbooks-for-one-year",
    "unit-parents-in-a-cycle",
    "code-with-a-zero-width-space-is-cleaned",
    "second-indicator-sheet-warns-which-was-read",
    "unknown-code-where-a-known-one-was",
    "sheet-starting-below-and-right-of-a1",
}


@pytest.mark.parametrize("c", [pytest.param(c, id=c.id, marks=() if c.id in FAST else pytest.mark.slow) for c in CASES])
def test_bad_input(base_warehouse: Path, tmp_path: Path, c: Case) -> None:
    w = run_case(base_warehouse, tmp_path, c)
    try:
        issues = w.issues()
        for e in c.expect:
            found = [i for i in issues if _matches(i, e)]
            assert found, f"{c.id}: no {e.rule} at {e.sheet}!{e.column}{e.row}; issues: " + "; ".join(
                f"{i['file']} {i['rule']} {i['sheet']} {i['row']} {i['column']} {i['value']!r}" for i in issues
            )
            issue = found[0]
            assert issue["severity"] == e.severity, (c.id, issue)
            if c.prefix:
                assert issue["message_vi"].startswith(e.message()), (c.id, issue["message_vi"])
            else:
                assert issue["message_vi"] == e.message(), (c.id, issue["message_vi"])
            assert issue["message_en"], c.id
        if c.only:
            others = [i for i in issues if not any(_matches(i, e) for e in c.expect)]
            assert not others, f"{c.id}: unexpected issues: " + "; ".join(
                f"{i['file']} {i['rule']} {i['sheet']} {i['row']} {i['column']} {i['value']!r}" for i in others
            )
        for label, read, want in [*c.loaded, *c.kept]:
            got = read(w)
            assert _close(got, want), f"{c.id}: {label} is {got!r}, expected {want!r}"
    finally:
        w.conn.close()


def test_the_baseline_loads_without_any_issue(base_warehouse: Path) -> None:
    conn = duckdb.connect(str(base_warehouse), read_only=True)
    try:
        issues = conn.execute("SELECT file, rule, row FROM validation_issues WHERE run_id = ?", [RUN]).fetchall()
        assert issues == []
        logs = dict(
            conn.execute(
                "SELECT asset, rows_loaded FROM load_log WHERE run_id = ? AND file = ? AND status = 'loaded'",
                [RUN, BOOK],
            ).fetchall()
        )
        assert logs == {"indicators": 5, "ntm_criteria": 4, "party_organisations": 2, "awards": 2}
    finally:
        conn.close()


def test_text_in_a_numeric_column_of_any_family_is_reported(tmp_path: Path) -> None:
    """A family whose model has no rule for a numeric column still hears of text it cannot read:
    the load path checks every numeric column of the family's sheet (here the test family 'schools',
    whose 'Đạt chuẩn quốc gia' column has no parse rule of its own)."""
    from tests.families.schools import SCHOOLS_SHEET
    from tests.families.schools import SHEET_FAMILY as SCHOOLS
    from tests.helpers import run_family

    rows = [
        {"level": "Tiểu học", "schools": 12, "standard": 9},
        {"level": "Trung học cơ sở", "schools": 6, "standard": "nhiều"},
    ]
    write_xlsx(tmp_path / BOOK, [info_sheet(), spec_sheet(SCHOOLS_SHEET, rows)])
    result = run_family(tmp_path, SCHOOLS)
    issue = result.issue("numeric_text")
    assert (issue["file"], issue["sheet"], issue["row"], issue["column"], issue["value"]) == (
        BOOK,
        "Giáo dục",
        10,
        "C (Đạt chuẩn quốc gia)",
        "nhiều",
    )
    assert issue["message_vi"] == (
        "Ô này phải ghi số nhưng có chữ không đọc được thành số. Ghi số theo kiểu Việt Nam (ví dụ 12 hoặc "
        "7.978,01); số liệu đã nạp trước đây được giữ nguyên."
    )
    assert result.validated.valid.get_column("level").to_list() == ["Tiểu học"]
    assert result.validated.rejected.get_column("source_row").to_list() == [10]


@pytest.mark.slow
def test_ten_million_rows_in_two_megabytes_are_refused_unread(tmp_path: Path) -> None:
    """The benchmark's hostile workbook, with the default limits: one issue, no rows read, quickly."""
    import time

    from benchmarks.bench import oversized_workbook

    path = oversized_workbook(tmp_path / "raw" / BOOK)
    assert path.stat().st_size < 3 * 1024 * 1024
    started = time.perf_counter()
    raws = read_families(discover(tmp_path / "raw").refs, periodic_families())
    took = time.perf_counter() - started
    issues = raws["indicators"].issues.to_dicts()
    assert [(i["rule"], i["file"]) for i in issues] == [("file_too_large", BOOK)]
    assert issues[0]["message_vi"].startswith("Tệp quá lớn nên không được đọc.")
    assert "(CHITIEU_MAX_UNZIPPED_MB)" in issues[0]["message_vi"]
    assert all(raw.rows.height == 0 for raw in raws.values())
    assert took < 5, f"refusing took {took:.1f} s"


def test_every_case_has_its_own_name() -> None:
    names = [c.id for c in CASES]
    assert len(set(names)) == len(names) >= 80
    assert set(names) >= FAST and {c.kind for c in CASES if c.id in FAST} == {c.kind for c in CASES}
