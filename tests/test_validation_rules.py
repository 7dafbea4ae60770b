"""Every validation rule, with a failing case that names the right file, sheet, row and column.

Workbooks are written by the project's own template writer (title block, two-row header,
numbering row): in a yearly 'Chỉ tiêu' sheet the first data row is spreadsheet row 10; in sheets
with a one-row header (term indicators, NTM, party, awards, catalog, units) it is row 9.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from pipelines.template import SheetData, WorkbookContent, write_workbook
from tests.helpers import load_awards, load_catalog, load_indicators, load_ntm, load_party, load_units
from tests.workbooks import Sheet, indicator_sheet, write

SRC = "[001] Bài viết 'Những thành tựu đáng tự hào' (tháng 02/2024)"
YEAR_FIRST_ROW = 10
FIRST_ROW = 9


def _year_book(root: Path, rows: list[dict], period: str = "2023", info: dict | None = None) -> Path:
    content = WorkbookContent(
        kind="year",
        locality_code="an-khe",
        locality_name="Thị xã An Khê",
        period=period,
        info=info or {},
        sheets={"indicators": SheetData(rows=rows)},
    )
    return write_workbook(root / "an-khe" / f"{period}.xlsx", content)


def _good(code: str = "poverty_rate", **cells) -> dict:
    return {
        "indicator_code": code,
        "unit": "%",
        "actual": "1,42",
        "actual_status": "Chính thức",
        "source_document": SRC,
        **cells,
    }


# --- the 'Chỉ tiêu' sheet -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "rule", "column", "value"),
    [
        (_good(target_text="khoảng chừng bốn"), "parse_target", "E (Kế hoạch năm 2023)", "khoảng chừng bốn"),
        (_good(h1_actual="một nửa"), "parse_h1_actual", "G (Thực hiện 6 tháng đầu năm)", "một nửa"),
        (_good(reported_pct="100,3 %KH"), "parse_reported_pct", "J (% so với kế hoạch)", "100,3 %KH"),
        (_good(actual_status="tạm tính"), "parse_actual_status", "I (Loại số liệu)", "tạm tính"),
        (_good(reported_grade="Tốt"), "parse_reported_grade", "K (Đánh giá)", "Tốt"),
        (_good(code="poverty_rat"), "known_indicator_code", "B (Mã chỉ tiêu)", "poverty_rat"),
        # triệu and tỷ đồng convert (issue #10: units that differ by a known factor); lượt and tỷ đồng do not.
        (
            _good(code="budget_revenue", unit="lượt", actual="134.122"),
            "unit_matches_catalog",
            "D (Đơn vị tính)",
            "lượt",
        ),
        (_good(actual="142"), "actual_in_range", "H (Thực hiện Cả năm)", "142"),
        (_good(target_text="3,5–2,5"), "target_bounds_ordered", "E (Kế hoạch năm 2023)", "3,5–2,5"),
        (_good(reported_pct="-5"), "reported_pct_nonnegative", "J (% so với kế hoạch)", "-5"),
        (
            {"name": "Chỉ tiêu chưa có mã", "actual": 5, "actual_status": "Chính thức"},
            "required_indicator_code",
            "B (Mã chỉ tiêu)",
            None,
        ),
    ],
)
def test_indicator_rule_names_the_row_and_column(
    tmp_path: Path, row: dict, rule: str, column: str, value: str | None
) -> None:
    _year_book(
        tmp_path, [_good("near_poor_rate", actual="2,9"), row, _good("health_insurance_coverage", actual="93,02")]
    )
    result = load_indicators(tmp_path)
    issue = result.issue(rule)
    assert issue["file"] == "an-khe/2023.xlsx"
    assert issue["sheet"] == "Chỉ tiêu"
    assert issue["row"] == YEAR_FIRST_ROW + 1
    assert issue["column"] == column
    assert issue["value"] == value
    assert issue["severity"] == "error"
    assert issue["message_vi"] and issue["message_en"]
    # Good rows on either side still load.
    assert sorted(result.validated.valid.get_column("indicator_code")) == [
        "health_insurance_coverage",
        "near_poor_rate",
    ]


def test_an_indicator_stated_twice_keeps_both_rows_and_warns_when_they_differ(tmp_path: Path) -> None:
    """Issue #10: a duplicate never deletes the row that was there (before, both rows were rejected)."""
    _year_book(tmp_path, [_good(), _good("near_poor_rate", actual="2,9"), _good(actual="1,5")])
    result = load_indicators(tmp_path)
    assert result.issues.filter(pl.col("severity") == "error").height == 0
    valid = result.validated.valid.filter(pl.col("indicator_code") == "poverty_rate").sort("source_row")
    assert valid.select("source_row", "statement", "is_binding", "supplies_actual").rows() == [
        (YEAR_FIRST_ROW, 1, True, True),
        (YEAR_FIRST_ROW + 2, 2, False, False),
    ]
    warned = result.warnings.filter(pl.col("rule") == "actual_stated_twice").row(0, named=True)
    assert warned["source_row"] == YEAR_FIRST_ROW + 2 and warned["value"] == "1,5 (dòng dùng: 10)"


def test_a_target_stated_twice_is_kept_twice_and_the_marked_one_binds(tmp_path: Path) -> None:
    rows = [
        _good(target_text="dưới 1,2%", actual=None),
        _good("near_poor_rate", actual="2,9"),
        _good(target_text="dưới 1%", actual="0,9", binding="Có"),
    ]
    _year_book(tmp_path, rows)
    result = load_indicators(tmp_path)
    assert result.issues.filter(pl.col("severity") == "error").height == 0
    valid = result.validated.valid.filter(pl.col("indicator_code") == "poverty_rate").sort("source_row")
    assert valid.select("statement", "is_binding", "target_high", "supplies_actual").rows() == [
        (1, False, 1.2, False),
        (2, True, 1.0, True),
    ]
    warned = result.warnings.filter(pl.col("rule") == "target_stated_twice").row(0, named=True)
    assert warned["source_row"] == YEAR_FIRST_ROW and "dòng áp dụng: 12" in warned["value"]


def test_header_year_different_from_file_year_rejects_the_sheet(tmp_path: Path) -> None:
    rows = [["poverty_rate", "Tỷ lệ hộ nghèo", "%", None, None, "1,42", "Chính thức", None, None, SRC, None]]
    write(tmp_path / "an-khe" / "2023.xlsx", [indicator_sheet(rows, year=2022)])  # last year's sheet copied
    result = load_indicators(tmp_path)
    issue = result.file_issues.row(0, named=True)
    assert issue["rule"] == "year_mismatch"
    assert issue["row"] == 7  # the header row under the title block
    assert issue["column"].startswith("D (Kế hoạch năm 2022")
    assert "2022" in issue["message_vi"] and "2023" in issue["message_vi"]
    assert result.raw.rows.height == 0  # nothing from this sheet is loaded


def test_info_sheet_year_different_from_file_year_rejects_the_workbook(tmp_path: Path) -> None:
    path = _year_book(tmp_path, [_good()], period="2023")
    # The 'Thông tin chung' sheet says 2024 while the file is 2023.xlsx.
    content = WorkbookContent(
        kind="year",
        locality_code="an-khe",
        locality_name="Thị xã An Khê",
        period="2024",
        sheets={"indicators": SheetData(rows=[_good()])},
    )
    write_workbook(path, content)
    result = load_indicators(tmp_path)
    issue = result.file_issues.row(0, named=True)
    assert (issue["rule"], issue["sheet"], issue["row"], issue["value"]) == (
        "year_mismatch",
        "Thông tin chung",
        5,
        "2024",
    )


def test_info_sheet_locality_different_from_folder_rejects_the_workbook(tmp_path: Path) -> None:
    content = WorkbookContent(
        kind="year",
        locality_code="pleiku",
        locality_name="Thành phố Pleiku",
        period="2023",
        sheets={"indicators": SheetData(rows=[_good()])},
    )
    write_workbook(tmp_path / "an-khe" / "2023.xlsx", content)
    result = load_indicators(tmp_path)
    issue = result.file_issues.row(0, named=True)
    assert (issue["rule"], issue["row"], issue["value"]) == ("locality_mismatch", 3, "pleiku")


def _term_book(root: Path, rows: list[dict]) -> None:
    content = WorkbookContent(
        kind="term",
        locality_code="an-khe",
        locality_name="Thị xã An Khê",
        period="2020-2025",
        sheets={"indicators": SheetData(rows=rows)},
    )
    write_workbook(root / "an-khe" / "nhiem-ky-2020-2025.xlsx", content)


@pytest.mark.parametrize(
    ("row", "rule", "column"),
    [
        (
            {"indicator_code": "party_members_admitted", "unit": "đảng viên", "target_text": "trên 370"},
            "target_kind_matches_period",
            "E (Loại chỉ tiêu)",
        ),
        (
            {
                "indicator_code": "party_members_admitted",
                "target_kind": "Tổng cả nhiệm kỳ",
                "target_text": "trên 370",
                "actual": 75,
                "covered": "2018-2019",
            },
            "covered_within_period",
            "K (Kỳ thực hiện)",
        ),
        (
            {
                "indicator_code": "party_members_admitted",
                "target_kind": "Tổng cả nhiệm kỳ",
                "target_text": "trên 370",
                "actual": 75,
                "covered": "năm ngoái",
            },
            "parse_covered",
            "K (Kỳ thực hiện)",
        ),
        (
            {
                "indicator_code": "poverty_rate",
                "target_kind": "Mức đạt đến cuối nhiệm kỳ",
                "target_text": "1,5%",
                "baseline_year": 2023,
                "baseline_value": "1,42",
            },
            "baseline_year_before_term",
            "H (Năm gốc)",
        ),
        (
            {"indicator_code": "poverty_rate", "target_kind": "cuối kỳ gì đó", "target_text": "1,5%"},
            "parse_target_kind",
            "E (Loại chỉ tiêu)",
        ),
    ],
)
def test_term_rule_names_the_row_and_column(tmp_path: Path, row: dict, rule: str, column: str) -> None:
    good = {
        "indicator_code": "gdp_growth_rate",
        "target_kind": "Tăng bình quân hằng năm",
        "target_text": "12,5%",
        "actual": "12,5",
        "covered": "2021-2023",
        "actual_status": "Chính thức",
    }
    _term_book(tmp_path, [good, row])
    result = load_indicators(tmp_path)
    issue = result.issue(rule)
    assert (issue["sheet"], issue["row"], issue["column"]) == ("Chỉ tiêu nhiệm kỳ", FIRST_ROW + 1, column)
    assert result.validated.valid.get_column("indicator_code").to_list() == ["gdp_growth_rate"]


def test_missing_status_loads_as_estimate_with_a_warning(tmp_path: Path) -> None:
    _year_book(tmp_path, [_good(actual_status=None)])
    result = load_indicators(tmp_path)
    assert result.issues.height == 0
    assert result.valid_row("poverty_rate")["actual_status"] == "estimate"
    warning = result.warnings.row(0, named=True)
    assert (warning["rule"], warning["source_row"]) == ("default_actual_status", YEAR_FIRST_ROW)


# --- new rural areas, party, awards ---------------------------------------------------------------


def _sheet_book(root: Path, key: str, rows: list[dict], period: str = "2023") -> None:
    kind = "term" if "-" in period else "year"
    name = f"nhiem-ky-{period}.xlsx" if kind == "term" else f"{period}.xlsx"
    content = WorkbookContent(
        kind=kind,
        locality_code="an-khe",
        locality_name="Thị xã An Khê",
        period=period,
        sheets={key: SheetData(rows=rows)},
    )
    write_workbook(root / "an-khe" / name, content)


NTM_GOOD = {"unit_code": "an-khe-song-an", "criteria_set": "Nông thôn mới", "criterion_no": 2, "criterion_met": "Đạt"}


@pytest.mark.parametrize(
    ("row", "rule", "column"),
    [
        (
            {"unit_code": "an-khe-song-an", "criteria_set": "Nông thôn mới", "criteria_met": 20},
            "criteria_met_range",
            "H (Số tiêu chí đạt)",
        ),
        (
            {
                "unit_code": "an-khe-song-an",
                "criteria_set": "Nông thôn mới",
                "criterion_no": 20,
                "criterion_met": "Đạt",
            },
            "criterion_no_range",
            "F (Tiêu chí số)",
        ),
        (
            {"unit_code": "an-khe-vinh-quang", "criteria_set": "Nông thôn mới", "criteria_met": 11},
            "known_unit_code",
            "A (Mã đơn vị)",
        ),
        (
            {"unit_code": "an-khe-song-an", "criteria_set": "Nông thôn mới", "criterion_no": 3},
            "criterion_needs_met",
            "G (Đạt tiêu chí)",
        ),
        (
            {"group_label": "Các xã", "criteria_set": "Nâng cao", "criteria_met": "14-9"},
            "criteria_met_max_range",
            "H (Số tiêu chí đạt)",
        ),
        (
            {"unit_code": "an-khe-song-an", "criteria_set": "Nông thôn mới", "criteria_met": "mười một"},
            "parse_criteria_met",
            "H (Số tiêu chí đạt)",
        ),
        (
            {"unit_code": "an-khe-song-an", "criteria_set": "Nông thôn mới", "level_reached": "Xuất sắc"},
            "parse_level_reached",
            "J (Mức đạt chuẩn)",
        ),
    ],
)
def test_ntm_rule_names_the_row_and_column(tmp_path: Path, row: dict, rule: str, column: str) -> None:
    _sheet_book(tmp_path, "ntm", [NTM_GOOD, row])
    result = load_ntm(tmp_path)
    issue = result.issue(rule)
    assert (issue["sheet"], issue["row"], issue["column"]) == ("Nông thôn mới", FIRST_ROW + 1, column)
    assert result.validated.valid.height == 1


def test_ntm_stores_each_grain_as_given(tmp_path: Path) -> None:
    rows = [
        NTM_GOOD,
        {"unit_name": "Xã Cửu An", "criteria_set": "Nông thôn mới", "criteria_met": 11},  # only a count, unit by name
        {
            "group_label": "Các xã",
            "unit_count": 5,
            "criteria_set": "Nâng cao",
            "criteria_met": "9-14",
            "criteria_total": 19,
        },
        {"unit_code": "an-khe-tu-an-po-nang", "criteria_set": "Nông thôn mới", "level_reached": "Nông thôn mới"},
    ]
    _sheet_book(tmp_path, "ntm", rows)
    result = load_ntm(tmp_path)
    assert result.issues.height == 0, result.issues.rows()
    valid = result.validated.valid.sort("source_row")
    assert valid.get_column("criterion_met").to_list() == [True, None, None, None]
    assert valid.get_column("unit_code").to_list() == ["an-khe-song-an", "an-khe-cuu-an", None, "an-khe-tu-an-po-nang"]
    assert valid.get_column("criteria_met").to_list() == [None, 11, 9, None]
    assert valid.get_column("criteria_met_max").to_list() == [None, None, 14, None]
    assert valid.get_column("criteria_set").to_list() == ["ntm", "ntm", "ntm_nang_cao", "ntm"]
    assert valid.get_column("unit_level").to_list() == ["xa", "xa", None, "lang"]


def test_party_counts_cannot_be_negative(tmp_path: Path) -> None:
    rows = [
        {"org_type": "Đảng bộ cơ sở", "org_count": 16},
        {"block": "Doanh nghiệp", "org_type": "Chi bộ cơ sở", "org_count": -5},
    ]
    _sheet_book(tmp_path, "party", rows, period="2019")
    result = load_party(tmp_path)
    issue = result.issue("nonnegative_org_count")
    assert (issue["row"], issue["column"], issue["value"]) == (FIRST_ROW + 1, "D (Số tổ chức)", "-5")


@pytest.mark.parametrize(
    ("row", "rule", "column"),
    [
        (
            {"award_title": "Bằng khen", "level": "Tỉnh", "recipient_kind": "Cá nhân", "award_count": 0},
            "positive_award_count",
            "E (Số lượng)",
        ),
        (
            {"award_title": "Bằng khen", "recipient_kind": "Cá nhân", "award_count": 3},
            "required_award_level",
            "C (Cấp khen thưởng)",
        ),
        (
            {
                "award_period": "2017",
                "award_title": "Bằng khen",
                "level": "Tỉnh",
                "recipient_kind": "Cá nhân",
                "award_count": 3,
            },
            "award_period_within_file",
            "A (Năm/Kỳ)",
        ),
        (
            {"award_title": "Bằng khen", "level": "Tỉnh", "recipient_kind": "Đoàn thể", "award_count": 3},
            "parse_recipient_kind",
            "D (Đối tượng)",
        ),
    ],
)
def test_award_rule_names_the_row_and_column(tmp_path: Path, row: dict, rule: str, column: str) -> None:
    good = {
        "award_title": "Chiến sĩ thi đua cơ sở",
        "level": "Huyện, thị xã",
        "recipient_kind": "Cá nhân",
        "award_count": 12,
    }
    _sheet_book(tmp_path, "awards", [good, row], period="2019")
    result = load_awards(tmp_path)
    issue = result.issue(rule)
    assert (issue["sheet"], issue["row"], issue["column"]) == ("Thi đua khen thưởng", FIRST_ROW + 1, column)
    assert result.validated.valid.height == 1


def test_term_award_may_cover_a_span_inside_the_term(tmp_path: Path) -> None:
    rows = [
        {
            "award_period": "2016-2019",
            "award_title": "Bằng khen của Chủ tịch UBND tỉnh",
            "level": "Tỉnh",
            "recipient_kind": "Tập thể",
            "award_count": 1,
        }
    ]
    _sheet_book(tmp_path, "awards", rows, period="2015-2020")
    result = load_awards(tmp_path)
    row = result.validated.valid.row(0, named=True)
    assert (row["period"], row["period_kind"], row["file_period"]) == ("2016-2019", "term", "2015-2020")


# --- catalog and units ----------------------------------------------------------------------------


def test_catalog_rules(tmp_path: Path) -> None:
    rows = [
        {
            "indicator_code": "poverty_rate",
            "name_vi": "Tỷ lệ hộ nghèo",
            "unit": "%",
            "family": "Văn hóa – Xã hội",
            "direction": "Càng thấp càng tốt",
            "aggregation": "Tỷ lệ",
        },
        {
            "indicator_code": "Ty le ho ngheo",
            "name_vi": "Tỷ lệ hộ nghèo",
            "unit": "%",
            "family": "Văn hóa – Xã hội",
            "direction": "Càng thấp càng tốt",
            "aggregation": "Tỷ lệ",
        },
        {
            "indicator_code": "poverty_rate",
            "name_vi": "Tỷ lệ hộ nghèo (trùng)",
            "unit": "%",
            "family": "Văn hóa – Xã hội",
            "direction": "Giảm",
            "aggregation": "Tỷ lệ",
        },
        {
            "indicator_code": "forest_cover",
            "name_vi": "Tỷ lệ che phủ rừng",
            "unit": "%",
            "family": "Lâm nghiệp",
            "direction": "Càng cao càng tốt",
            "aggregation": "Tỷ lệ",
        },
    ]
    write_workbook(
        tmp_path / "danh-muc-chi-tieu.xlsx", WorkbookContent(kind="catalog", sheets={"catalog": SheetData(rows=rows)})
    )
    result = load_catalog(tmp_path)
    found = {(r["rule"], r["row"]) for r in result.issues.iter_rows(named=True)}
    assert ("catalog_code_format", FIRST_ROW + 1) in found
    assert ("unique_catalog_code", FIRST_ROW) in found and ("unique_catalog_code", FIRST_ROW + 2) in found
    assert ("parse_family", FIRST_ROW + 3) in found
    # Defaults: a share in % must lie in 0–100.
    assert result.validated.valid.height == 0 or result.validated.valid.get_column("max_value").to_list() == [100.0]


def test_unit_rules(tmp_path: Path) -> None:
    rows = [
        {"code": "an-khe", "name_vi": "Thị xã An Khê", "level": "Thị xã"},
        {"code": "An Khê 2", "name_vi": "Sai mã", "level": "Xã", "parent_code": "an-khe"},
        {"code": "an-khe-moi", "name_vi": "Xã Mới", "level": "Xã", "parent_code": "an-khe-khong-co"},
        {
            "code": "an-khe-cu",
            "name_vi": "Xã Cũ",
            "level": "Xã",
            "parent_code": "an-khe",
            "valid_from": "01/01/2019",
            "valid_to": "31/12/2018",
        },
        {"code": "an-khe-thon-1", "name_vi": "Thôn 1", "level": "Xóm", "parent_code": "an-khe"},
    ]
    write_workbook(
        tmp_path / "an-khe" / "don-vi.xlsx",
        WorkbookContent(kind="localities", locality_code="an-khe", sheets={"localities": SheetData(rows=rows)}),
    )
    result = load_units(tmp_path)
    found = {(r["rule"], r["row"], r["column"]) for r in result.issues.iter_rows(named=True)}
    assert ("locality_code_format", FIRST_ROW + 1, "A (Mã đơn vị)") in found
    assert ("known_parent_code", FIRST_ROW + 2, "D (Mã đơn vị cấp trên)") in found
    assert ("validity_ordered", FIRST_ROW + 3, "F (Hiệu lực đến ngày)") in found
    assert ("parse_locality_level", FIRST_ROW + 4, "C (Cấp)") in found
    assert result.validated.valid.get_column("locality_code").to_list() == ["an-khe"]


# --- broken files ---------------------------------------------------------------------------------


def test_not_a_spreadsheet_is_reported_not_raised(tmp_path: Path) -> None:
    path = tmp_path / "an-khe" / "2023.xlsx"
    path.parent.mkdir(parents=True)
    path.write_text("đây không phải bảng tính")
    result = load_indicators(tmp_path)
    issue = result.file_issues.row(0, named=True)
    assert (issue["file"], issue["rule"], issue["row"]) == ("an-khe/2023.xlsx", "file_unreadable", None)
    assert "Dữ liệu đã nạp trước đây được giữ nguyên" in issue["message_vi"]


def test_missing_sheet_is_reported_with_the_sheets_found(tmp_path: Path) -> None:
    write(tmp_path / "an-khe" / "2023.xlsx", [Sheet("Sheet1", [["Mã chỉ tiêu", "Tên"], ["poverty_rate", "x"]])])
    result = load_indicators(tmp_path)
    issue = result.file_issues.row(0, named=True)
    assert issue["rule"] == "sheet_missing"
    assert "Chỉ tiêu" in issue["message_vi"] and "Sheet1" in issue["message_vi"]


def test_sheet_without_the_required_columns_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "an-khe" / "2023.xlsx", [Sheet("Chỉ tiêu", [["Nội dung", "Số liệu"], ["Tỷ lệ hộ nghèo", "1,42"]])])
    result = load_indicators(tmp_path)
    assert result.file_issues.row(0, named=True)["rule"] == "header_missing"
    assert "Mã chỉ tiêu" in result.file_issues.row(0, named=True)["message_vi"]


def test_a_unit_two_localities_declare_alike_is_one_unit(tmp_path: Path) -> None:
    province = {"code": "gia-lai", "name_vi": "Tỉnh Gia Lai", "level": "Tỉnh"}
    for code, name, other in (
        ("an-khe", "Thị xã An Khê", "Tỉnh Gia Lai"),
        ("pleiku", "Thành phố Pleiku", "Tỉnh Gia-Lai (sai)"),
    ):
        rows = [
            {**province, "name_vi": other},
            {"code": code, "name_vi": name, "level": "Thị xã", "parent_code": "gia-lai"},
        ]
        write_workbook(
            tmp_path / code / "don-vi.xlsx",
            WorkbookContent(kind="localities", locality_code=code, sheets={"localities": SheetData(rows=rows)}),
        )
    result = load_units(tmp_path)
    # Both files declare gia-lai, with different names: that is a conflict, named in each file.
    dup = result.issues.filter(pl.col("rule") == "unique_locality_code")
    assert sorted(dup.get_column("file").to_list()) == ["an-khe/don-vi.xlsx", "pleiku/don-vi.xlsx"]
    # Declared alike, it is one unit and both localities load.
    rows = [province, {"code": "pleiku", "name_vi": "Thành phố Pleiku", "level": "Thành phố", "parent_code": "gia-lai"}]
    write_workbook(
        tmp_path / "pleiku" / "don-vi.xlsx",
        WorkbookContent(kind="localities", locality_code="pleiku", sheets={"localities": SheetData(rows=rows)}),
    )
    result = load_units(tmp_path)
    assert result.issues.height == 0
    assert sorted(result.validated.valid.get_column("locality_code").to_list()) == ["an-khe", "gia-lai", "pleiku"]
