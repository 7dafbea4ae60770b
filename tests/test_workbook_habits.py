"""Workbooks filled the way clerks fill them, in .xlsx, .xls and .ods, read with the right values and rows."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from tests.helpers import load_indicators
from tests.workbooks import Sheet, indicator_sheet, write

FORMATS = [".xlsx", ".xls", ".ods"]
SRC = "[001] Bài viết 'Những thành tựu đáng tự hào' (tháng 02/2024)"


def _clerk_rows() -> list[list]:
    return [
        ["I. KINH TẾ"],  # section heading, no code
        [
            "production_value_total",
            "Tổng giá trị sản xuất",
            "tỷ đồng",
            None,
            None,
            "18.797,39",
            "Chính thức",
            "100,3",
            None,
            SRC,
            "đạt 18.797,39 tỷ đồng",
        ],
        [],  # a stray blank row
        [
            "retail_services_turnover",
            "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ",
            "tỷ đồng",
            None,
            3400,
            7025,
            "Ước thực hiện",
            100.19,
            None,
            SRC,
            None,
        ],
        ["II. XÃ HỘI"],
        ["poverty_rate", "Tỷ lệ hộ nghèo", "%", "dưới 3%", None, "1,42%", "chính thức", None, None, SRC, None],
        [
            "health_insurance_coverage",
            "Tỷ lệ dân số tham gia BHYT",
            "%",
            "94",
            None,
            93.02,
            "Chính thức",
            None,
            "Không đạt",
            SRC,
            None,
        ],
        [
            "party_members_admitted",
            "Kết nạp đảng viên",
            "đảng viên",
            "trên 70",
            None,
            "75",
            "Chính thức",
            None,
            None,
            SRC,
            None,
        ],
        [
            "income_per_capita",
            "Thu nhập bình quân đầu người",
            "triệu đồng",
            "6,6–6,8",
            None,
            None,
            None,
            None,
            None,
            SRC,
            None,
        ],
        ["near_poor_rate", "Tỷ lệ hộ cận nghèo", "%", "khoảng 2,5", None, None, None, None, None, SRC, None],
        [],
        ["Ghi chú: số liệu năm 2023 là số ước thực hiện đến 15/12/2023."],
        [None, None, None, None, None, "NGƯỜI LẬP BIỂU"],
    ]


@pytest.mark.parametrize("suffix", FORMATS)
def test_clerk_habits_are_read_with_the_right_values(tmp_path: Path, suffix: str) -> None:
    # Two empty rows and one empty column before the title block, merged title and header cells.
    sheet = indicator_sheet(_clerk_rows(), top=2, left=1)
    write(tmp_path / "an-khe" / f"2023{suffix}", [sheet])
    result = load_indicators(tmp_path)

    assert result.file_issues.height == 0
    assert result.issues.height == 0, result.issues.select("row", "column", "value", "rule").rows()
    valid = result.validated.valid
    assert valid.height == 7  # the headings, blank rows, the note and the signature are not data

    pv = result.valid_row("production_value_total")
    assert pv["actual"] == pytest.approx(18797.39)  # "18.797,39" typed as text
    assert pv["reported_pct"] == pytest.approx(100.3)  # "100,3" typed as text
    assert pv["actual_status"] == "official"
    # Title block at row 3, header rows 8–9, numbering row 10, heading row 11: first indicator on row 12.
    assert pv["source_row"] == 12

    retail = result.valid_row("retail_services_turnover")
    assert retail["actual"] == pytest.approx(7025.0)  # a real number cell is used as is
    assert retail["h1_actual"] == pytest.approx(3400.0)  # the merged 'Thực hiện' › '6 tháng đầu năm' column
    assert retail["actual_status"] == "estimate"
    assert retail["source_row"] == 14  # after the stray blank row

    poverty = result.valid_row("poverty_rate")
    assert poverty["actual"] == pytest.approx(1.42)  # "1,42%"
    assert (poverty["target_form"], poverty["target_high"]) == ("max", 3.0)

    assert result.valid_row("party_members_admitted")["target_form"] == "min"
    assert result.valid_row("party_members_admitted")["target_low"] == 70
    income = result.valid_row("income_per_capita")
    assert (income["target_form"], income["target_low"], income["target_high"]) == ("range", 6.6, 6.8)
    assert result.valid_row("near_poor_rate")["target_form"] == "about"
    assert result.valid_row("health_insurance_coverage")["reported_grade"] == "khong_dat"


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_bad_cell_is_reported_at_its_spreadsheet_row_and_column(tmp_path: Path, suffix: str) -> None:
    rows = _clerk_rows()
    # Words instead of a number (a unit after the number, '7.025 tỷ', is read since issue #10).
    rows[3][5] = "bảy nghìn tỷ"
    write(tmp_path / "an-khe" / f"2023{suffix}", [indicator_sheet(rows, top=2, left=1)])
    result = load_indicators(tmp_path)

    issue = result.issue("parse_actual")
    assert issue["row"] == 14
    # Column G because the table starts in column B (one empty column before it).
    assert issue["column"] == "G (Thực hiện Cả năm)"
    assert issue["value"] == "bảy nghìn tỷ"
    assert issue["file"] == f"an-khe/2023{suffix}"
    assert issue["sheet"] == "Chỉ tiêu"
    assert "không phải là số" in issue["message_vi"]
    # The other rows still load.
    assert result.validated.valid.height == 6
    assert result.validated.valid.filter(pl.col("indicator_code") == "retail_services_turnover").height == 0


def test_a_number_cell_is_never_read_the_vietnamese_text_way(tmp_path: Path) -> None:
    """12.5 stored as a number must stay 12.5 even in a column where other cells are text."""
    rows = [
        ["gdp_growth_rate", "Tốc độ tăng trưởng", "%", 12.25, None, 12.5, "Chính thức", None, None, SRC, None],
        [
            "budget_revenue",
            "Thu ngân sách trên địa bàn",
            "tỷ đồng",
            "146,88",
            None,
            "134,122",
            "Chính thức",
            None,
            None,
            SRC,
            None,
        ],
        ["employed_labour", "Số lao động có việc làm", "người", "46.918", None, None, None, None, None, SRC, None],
    ]
    write(tmp_path / "an-khe" / "2024.xlsx", [indicator_sheet(rows, year=2024)])
    result = load_indicators(tmp_path)
    assert result.issues.height == 0
    assert result.valid_row("gdp_growth_rate")["actual"] == pytest.approx(12.5)
    assert result.valid_row("gdp_growth_rate")["target_low"] == pytest.approx(12.25)
    assert result.valid_row("budget_revenue")["actual"] == pytest.approx(134.122)
    assert result.valid_row("employed_labour")["target_low"] == pytest.approx(46918)


def test_sheet_found_by_name_whatever_the_case_and_accents(tmp_path: Path) -> None:
    rows = [["poverty_rate", "Tỷ lệ hộ nghèo", "%", None, None, "1,42", "Chính thức", None, None, SRC, None]]
    write(tmp_path / "an-khe" / "2023.xlsx", [Sheet("Ghi chú", [["x"]]), indicator_sheet(rows, sheet_name="CHI TIEU")])
    result = load_indicators(tmp_path)
    assert result.valid_row("poverty_rate")["actual"] == pytest.approx(1.42)
    assert result.valid_row("poverty_rate")["source_sheet"] == "CHI TIEU"


def test_a_missing_code_is_filled_from_an_exact_catalog_name_with_a_warning(tmp_path: Path) -> None:
    rows = [[None, "tỷ lệ  hộ nghèo", "%", None, None, "1,42", "Chính thức", None, None, SRC, None]]
    write(tmp_path / "an-khe" / "2023.xlsx", [indicator_sheet(rows)])
    result = load_indicators(tmp_path)
    assert result.issues.height == 0
    assert result.valid_row("poverty_rate")["actual"] == pytest.approx(1.42)
    assert result.warnings.get_column("rule").to_list() == ["code_from_name"]


@pytest.mark.parametrize("suffix", FORMATS)
def test_three_decimals_and_thousands_dots_are_told_apart_by_the_cell_type(tmp_path: Path, suffix: str) -> None:
    """134.122 stored as a number is 134,122; "1.500" typed as text is 1.500 (one thousand five hundred)."""
    rows = [
        [
            "budget_revenue",
            "Thu ngân sách trên địa bàn",
            "tỷ đồng",
            None,
            None,
            134.122,
            "Chính thức",
            None,
            None,
            SRC,
            None,
        ],
        [
            "employed_labour",
            "Số lao động có việc làm",
            "người",
            "46.918",
            None,
            "1.500",
            "Chính thức",
            None,
            None,
            SRC,
            None,
        ],
    ]
    write(tmp_path / "an-khe" / f"2023{suffix}", [indicator_sheet(rows)])
    result = load_indicators(tmp_path)
    assert result.issues.height == 0
    assert result.valid_row("budget_revenue")["actual"] == pytest.approx(134.122)
    assert result.valid_row("employed_labour")["actual"] == pytest.approx(1500)
    assert result.valid_row("employed_labour")["target_low"] == pytest.approx(46918)
