"""The blank template a clerk fills, and documentation that stays in step with the code."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import fastexcel
import openpyxl
import pytest

from chitieu import settings
from chitieu.cli import main
from chitieu.definitions import defs
from pipelines import docs
from pipelines.tables import warehouse_tables
from tests.helpers import load_indicators, sample_catalog

REPO = Path(__file__).resolve().parent.parent


def test_template_command_writes_a_prefilled_workbook_with_drop_downs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHITIEU_RAW_DIR", str(REPO / "data" / "raw"))
    out = tmp_path / "an-khe" / "2025.xlsx"
    assert main(["template", "--locality", "an-khe", "--year", "2025", "--out", str(out)]) == 0

    reader = fastexcel.read_excel(str(out))
    assert reader.sheet_names[:5] == ["_Danh sách", "Thông tin chung", "Chỉ tiêu", "Nông thôn mới", "Xây dựng Đảng"]
    book = openpyxl.load_workbook(out)
    sheet = book["Chỉ tiêu"]
    headers = [c.value for c in sheet[7]]
    assert "Kế hoạch năm 2025" in headers and "Mã chỉ tiêu" in headers
    assert sheet["A1"].value == "UBND THỊ XÃ AN KHÊ"
    sources = {dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert any("_Danh sách" in f for f in sources)  # codes and statuses come from drop-down lists
    codes = {
        row[1]
        for row in sheet.iter_rows(min_row=10, values_only=True)
        if row[1] and re.fullmatch(r"[a-z0-9_]+", row[1])
    }
    assert codes == set(sample_catalog().get_column("indicator_code"))
    assert book["Thông tin chung"]["B3"].value == "an-khe"

    # A clerk fills two cells of the template; it loads with no error.
    for row in sheet.iter_rows(min_row=10):
        if row[1].value == "poverty_rate":
            row[4].value = "1,09%"
            row[7].value = "1,05"
            row[8].value = "Ước thực hiện"
    book.save(out)
    result = load_indicators(tmp_path)
    assert result.issues.height == 0
    filled = result.valid_row("poverty_rate")
    assert (filled["target_high"], filled["actual"], filled["actual_status"]) == (1.09, 1.05, "estimate")
    assert result.validated.valid.height == 1  # the untouched rows are not data


def test_generated_docs_are_current() -> None:
    assert (REPO / "docs" / "workbook-format.md").read_text(encoding="utf-8") == docs.workbook_format(), (
        "run python -m pipelines.docs"
    )
    assert (REPO / "docs" / "warehouse.md").read_text(encoding="utf-8") == docs.warehouse(), (
        "run python -m pipelines.docs"
    )


def test_every_table_column_is_described() -> None:
    for table, model in warehouse_tables().items():
        assert (model.__doc__ or "").strip(), table
        for name, column in model.to_schema().columns.items():
            assert column.description, f"{table}.{name} has no description"


def test_every_asset_is_described_and_documented() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    graph = defs.resolve_asset_graph()
    for key in graph.get_all_asset_keys():
        node = graph.get(key)
        assert node.description, key
        assert f"`{key.to_user_string()}`" in readme, f"{key.to_user_string()} missing from README"


def test_every_environment_variable_is_documented() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    example = (REPO / ".env.example").read_text(encoding="utf-8")
    code = "\n".join(
        p.read_text(encoding="utf-8")
        for package in ("schemas", "pipelines", "analysis", "dashboards", "chitieu", "tools", "benchmarks")
        for p in (REPO / package).rglob("*.py")
    )
    used = set(re.findall(r"CHITIEU_[A-Z_]+", code))
    assert used <= set(settings.ENV_VARS)
    for name in settings.ENV_VARS:
        assert f"`{name}`" in readme and f"{name}=" in example, name


def test_readme_gives_the_two_commands_ci_runs() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert ci == "make test" and "make test" in readme and "make run" in readme


def test_shared_catalog_names_carry_no_locality_words() -> None:
    """The catalog is every locality's: 'trên địa bàn thị xã' or 'An Khê' in a name belongs in a
    locality's own workbook ('Tên chỉ tiêu'), which is what its pages show."""
    from tests.helpers import sample_catalog

    names = sample_catalog().get_column("name_vi").to_list()
    words = re.compile(r"(?i)\bthị xã\b|an khê|gia lai|trên địa bàn thị|ngân sách thị")
    assert [n for n in names if words.search(n)] == []


def test_a_new_locality_starts_with_its_units_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(REPO / "data" / "raw", raw)
    monkeypatch.setenv("CHITIEU_RAW_DIR", str(raw))
    # A yearly template for a locality no don-vi.xlsx declares says what to do first.
    assert main(["template", "--locality", "pleiku", "--year", "2025", "--out", str(tmp_path / "2025.xlsx")]) == 2
    assert "tạo danh mục đơn vị trước" in capsys.readouterr().err
    assert not (tmp_path / "2025.xlsx").exists()
    # --year don-vi is refused with the right command.
    assert main(["template", "--locality", "pleiku", "--year", "don-vi", "--out", str(tmp_path / "x.xlsx")]) == 2
    assert "--units" in capsys.readouterr().err
    units = raw / "pleiku" / "don-vi.xlsx"
    assert (
        main(
            [
                "template",
                "--locality",
                "pleiku",
                "--units",
                "--name",
                "Thành phố Pleiku",
                "--level",
                "Thành phố",
                "--parent",
                "gia-lai",
                "--out",
                str(units),
            ]
        )
        == 0
    )
    sheet = openpyxl.load_workbook(units)["Đơn vị hành chính"]
    first = [c.value for c in sheet[9]]
    assert first[:4] == ["pleiku", "Thành phố Pleiku", "Thành phố", "gia-lai"]
    # Now the yearly template takes the name from it.
    book = tmp_path / "2025.xlsx"
    assert main(["template", "--locality", "pleiku", "--year", "2025", "--out", str(book)]) == 0
    assert openpyxl.load_workbook(book)["Chỉ tiêu"]["A1"].value == "UBND THÀNH PHỐ PLEIKU"


def test_every_drop_down_offers_the_words_the_docs_list(tmp_path: Path) -> None:
    from pipelines.template import WorkbookContent, write_workbook
    from schemas.workbook_format import AWARDS_SHEET

    out = write_workbook(tmp_path / "2025.xlsx", WorkbookContent("year", "an-khe", "Thị xã An Khê", "2025"))
    book = openpyxl.load_workbook(out)
    lists = book["_Danh sách"]
    columns = {
        lists.cell(1, c).value: [lists.cell(r, c).value for r in range(2, 40) if lists.cell(r, c).value]
        for c in range(1, 30)
        if lists.cell(1, c).value
    }
    summary = AWARDS_SHEET.column("part_of_summary")
    assert columns[summary.vocab.name] == ["Có", "Không"]
    written = (REPO / "docs" / "workbook-format.md").read_text(encoding="utf-8")
    assert "Chọn: Có / Không" in written
    # The criteria of the set in force: 2025 has 19, the 2026–2030 set 10.
    assert columns["criteria"] == [str(n) for n in range(1, 20)]
    later = openpyxl.load_workbook(
        write_workbook(tmp_path / "2026.xlsx", WorkbookContent("year", "an-khe", "x", "2026"))
    )
    crit_col = [c for c in range(1, 30) if later["_Danh sách"].cell(1, c).value == "criteria"][0]
    assert [
        later["_Danh sách"].cell(r, crit_col).value for r in range(2, 21) if later["_Danh sách"].cell(r, crit_col).value
    ] == [str(n) for n in range(1, 11)]
