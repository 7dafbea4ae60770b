"""Checking a workbook before it is sent, and getting it back with its problem cells marked."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from chitieu.cli import main
from pipelines.checking import check_file
from pipelines.marking import ERROR_FILL, SUMMARY_SHEET, WARNING_FILL, mark_workbook
from pipelines.template import SheetData, WorkbookContent, write_workbook
from tests.workbooks import indicator_sheet, write

SRC = "[001] Bài viết 'Những thành tựu đáng tự hào' (tháng 02/2024)"


def _clerk_book(path: Path) -> Path:
    """A 2023 workbook with one good row, one unreadable actual, one unknown code and one default status."""
    rows = [
        {"indicator_code": "poverty_rate", "unit": "%", "target_text": "dưới 1,5%", "actual": "1,42",
         "actual_status": "Chính thức", "source_document": SRC},
        {"indicator_code": "near_poor_rate", "unit": "%", "actual": "bảy phẩy hai", "actual_status": "Chính thức"},
        {"indicator_code": "poverty_rat", "unit": "%", "actual": "1,5", "actual_status": "Chính thức"},
        {"indicator_code": "health_insurance_coverage", "unit": "%", "actual": "93,02"},
    ]  # fmt: skip
    content = WorkbookContent("year", "an-khe", "Thị xã An Khê", "2023", sheets={"indicators": SheetData(rows=rows)})
    return write_workbook(path, content)


def test_check_reports_every_cell_and_what_would_change(tmp_path: Path, sample_warehouse: Path) -> None:
    book = _clerk_book(tmp_path / "gui-phong-tai-chinh.xlsx")  # the clerk's own file name
    result = check_file(book, sample_warehouse, locality="an-khe", period="2023")
    assert (result.target.locality_code, result.target.period) == ("an-khe", "2023")
    errors = {(r["row"], r["column"], r["rule"]) for r in result.errors.iter_rows(named=True)}
    assert errors == {(11, "H (Thực hiện Cả năm)", "parse_actual"), (12, "B (Mã chỉ tiêu)", "known_indicator_code")}
    assert set(result.issues.get_column("file")) == {"gui-phong-tai-chinh.xlsx"}
    assert (result.rows_read, result.rows_valid, result.rows_rejected) == (4, 2, 2)
    # Against the warehouse: the sample's 2023 poverty figure (1,42 official) is unchanged.
    changed = {r["key"]: r["change"] for r in result.changes.iter_rows(named=True) if r["table"] == "indicator_actuals"}
    assert changed["an-khe · poverty_rate · 2023 · "] == "unchanged"
    assert changed["an-khe · health_insurance_coverage · 2023 · "] in ("unchanged", "revised")
    assert "withdrawn" in set(changed.values())  # the sample's other 2023 figures are not in this file


def test_the_marked_workbook_has_fills_comments_and_a_linked_summary(tmp_path: Path, sample_warehouse: Path) -> None:
    book = _clerk_book(tmp_path / "2023.xlsx")
    result = check_file(book, sample_warehouse, locality="an-khe", period="2023")
    marked = mark_workbook(book, result.issues, tmp_path / "2023-danh-dau.xlsx")
    wb = openpyxl.load_workbook(marked)
    assert wb.sheetnames[0] == SUMMARY_SHEET and "Thông tin chung" in wb.sheetnames  # other sheets kept
    sheet = wb["Chỉ tiêu"]
    bad = sheet["H11"]
    assert bad.fill.start_color.rgb.endswith(ERROR_FILL.start_color.rgb[-6:])
    assert "Số thực hiện không phải là số" in bad.comment.text
    assert "không có trong danh mục" in sheet["B12"].comment.text.lower() or sheet["B12"].comment is not None
    warned = sheet["I13"]  # no status: loaded as an estimate, with a warning
    assert warned.fill.start_color.rgb.endswith(WARNING_FILL.start_color.rgb[-6:])
    assert sheet["H10"].comment is None  # a good cell stays as it was
    assert sheet["A1"].value == "UBND THỊ XÃ AN KHÊ" and "A1:D1" in {str(m) for m in sheet.merged_cells.ranges}
    summary = wb[SUMMARY_SHEET]
    lines = [[c.value for c in row] for row in summary.iter_rows(min_row=2)]
    assert lines[0][:5] == ["Lỗi", "Chỉ tiêu", 11, "H (Thực hiện Cả năm)", "bảy phẩy hai"]
    link = summary.cell(2, 7)
    assert link.value == "H11" and link.hyperlink.location == "'Chỉ tiêu'!H11"


def test_an_xls_workbook_comes_back_as_a_marked_xlsx(tmp_path: Path) -> None:
    rows = [
        ["near_poor_rate", "Tỷ lệ hộ cận nghèo", "%", None, None, "hai phẩy chín", "Chính thức", None, None, SRC, None]
    ]
    book = write(tmp_path / "an-khe" / "2023.xls", [indicator_sheet(rows)])
    result = check_file(book, None, raw_root=Path(__file__).resolve().parent.parent / "data" / "raw")  # no warehouse
    assert result.errors.get_column("rule").to_list() == ["parse_actual"]
    marked = openpyxl.load_workbook(mark_workbook(book, result.issues, tmp_path / "out.xlsx"))
    row = result.errors.item(0, "row")
    letter = result.errors.item(0, "column")[0]
    assert marked["Chỉ tiêu"][f"{letter}{row}"].value == "hai phẩy chín"
    assert marked["Chỉ tiêu"][f"{letter}{row}"].comment is not None


def test_chitieu_check_exits_1_with_the_list_and_0_for_a_good_file(
    tmp_path: Path, sample_warehouse: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("CHITIEU_WAREHOUSE", str(sample_warehouse))
    bad = _clerk_book(tmp_path / "an-khe" / "2023.xlsx")
    out = tmp_path / "marked.xlsx"
    assert main(["check", str(bad), "--out", str(out)]) == 1
    printed = capsys.readouterr().out
    assert "[LỖI] Chỉ tiêu 11 H (Thực hiện Cả năm) 'bảy phẩy hai'" in printed and out.exists()
    good = tmp_path / "good" / "an-khe" / "2023.xlsx"
    good.parent.mkdir(parents=True)
    shutil.copy(Path(__file__).resolve().parent.parent / "data" / "raw" / "an-khe" / "2023.xlsx", good)
    assert main(["check", str(good)]) == 0
    assert "0 bị loại / rejected" in capsys.readouterr().out
