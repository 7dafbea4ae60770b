"""The sheet-family registry: every family is complete, and a new one is one module plus one line.

Each registered family must have a template section (its sheets in the workbooks the template writes),
docs (its sheets in docs/workbook-format.md), a decision about where a leader sees it (a dashboard
page and a report section, or why not), and a test workbook (its example rows load with no issue).
``tests/families/schools.py`` is a made-up family added the way a real one would be.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import fastexcel
import pytest

from analysis.reports.content import REPORT_SECTIONS
from dashboards.navigation import PAGES
from pipelines import docs
from pipelines.families import FAMILIES, SheetFamily
from pipelines.template import SheetData, WorkbookContent, sheets_for, write_workbook
from tests.families import schools
from tests.helpers import SAMPLE_RAW, run_family

REPO = Path(__file__).resolve().parent.parent
WITH_SCHOOLS = {**FAMILIES, schools.SHEET_FAMILY.name: schools.SHEET_FAMILY}  # the one registry line


def _example_workbook(root: Path, family: SheetFamily, families: dict[str, SheetFamily]) -> Path:
    """The family's example rows in a workbook of the kind its first sheet belongs to, as a clerk files it."""
    kind, spec = next(iter(family.sheets.items()))
    sheets = {spec.key: SheetData(rows=[dict(r) for r in family.example])}
    if kind in ("year", "term"):
        name = "2023.xlsx" if kind == "year" else "nhiem-ky-2020-2025.xlsx"
        content = WorkbookContent(
            kind, "an-khe", "Thị xã An Khê", "2023" if kind == "year" else "2020-2025", sheets=sheets
        )
        return write_workbook(root / "an-khe" / name, content, families=families)
    if kind == "localities":
        return write_workbook(
            root / "vi-du" / "don-vi.xlsx", WorkbookContent(kind, "vi-du", sheets=sheets), families=families
        )
    if kind == "emulation":
        return write_workbook(
            root / "an-khe" / "thi-dua.xlsx",
            WorkbookContent(kind, "an-khe", "Thị xã An Khê", sheets=sheets),
            families=families,
        )
    return write_workbook(root / "danh-muc-chi-tieu.xlsx", WorkbookContent(kind, sheets=sheets), families=families)


@pytest.mark.parametrize("name", list(FAMILIES))
def test_every_family_has_template_docs_a_page_decision_and_a_test_workbook(name: str, tmp_path: Path) -> None:
    family = FAMILIES[name]
    # Template: the workbook of each kind it reads holds its sheet, with its headers.
    for kind, spec in family.sheets.items():
        assert spec in sheets_for(kind), f"{name}: no template section for {kind} workbooks"
    # Docs: docs/workbook-format.md describes each of its sheets.
    written = (REPO / "docs" / "workbook-format.md").read_text(encoding="utf-8")
    for spec in family.sheets.values():
        assert f"### Sheet '{spec.name}'" in written, f"{name}: sheet '{spec.name}' is not in the docs"
    # A leader sees it somewhere, or the family says why not.
    if family.page is None:
        assert family.not_shown_because, f"{name}: no page and no reason"
    else:
        assert family.page in {p.name for p in PAGES}, f"{name}: page {family.page} is not a registered page"
        assert family.report_section in REPORT_SECTIONS, f"{name}: report section {family.report_section!r}"
    # A test workbook: its example rows, filled into the template's sheet, load without any issue.
    assert family.example, f"{name}: no example rows"
    book = _example_workbook(tmp_path, family, FAMILIES)
    result = run_family(tmp_path, family)
    assert result.raw.issues.height == 0, result.raw.issues.rows()
    assert result.issues.height == 0, result.issues.select("row", "column", "rule").rows()
    assert result.validated.valid.height == len(family.example), book


@pytest.mark.slow
def test_a_new_family_is_one_module_and_one_registry_line(tmp_path: Path) -> None:
    """The made-up 'Giáo dục' sheet, registered with one line, gets a template sheet, docs, an asset
    in its group with the three checks, selection by the load job and the sensor, a warehouse table
    and its rows loaded through the same path, with a bad row reported at its cell."""
    from chitieu.definitions import resources
    from pipelines.build import build
    from pipelines.definitions import definitions
    from tests.graph_snapshot import snapshot

    family = schools.SHEET_FAMILY
    graph = snapshot(definitions(resources(), WITH_SCHOOLS))
    node = graph["assets"]["schools"]
    assert node["group"] == "education" and node["partitions"]["first"] == "2000"
    assert node["checks"] == ["no_rejected_rows", "no_warnings", "workbooks_readable"]
    assert "schools" in graph["jobs"]["load_period"]
    assert "schools" in graph["sensors"]["raw_workbooks_sensor"]["target"]
    assert "schools" in graph["assets"]["published_warehouse"]["deps"]
    assert "### Sheet 'Giáo dục' (yearly workbook, optional)" in docs.workbook_format(WITH_SCHOOLS)
    assert "## `schools`" in docs.warehouse(WITH_SCHOOLS)

    raw = tmp_path / "raw"
    shutil.copytree(SAMPLE_RAW, raw)
    rows = [
        *family.example,
        {"level": "Trung học phổ thông", "schools": 2, "standard": 3},
        {"level": "Mầm non", "schools": "nhiều"},
    ]
    content = WorkbookContent(
        "year", "an-khe", "Thị xã An Khê", "2023", sheets={"schools": SheetData(rows=[dict(r) for r in rows])}
    )
    book = write_workbook(raw / "an-khe" / "2023.xlsx", content, families=WITH_SCHOOLS)
    assert "Giáo dục" in fastexcel.read_excel(str(book)).sheet_names

    wh = tmp_path / "wh" / "chitieu.duckdb"
    assert build(raw, wh, period="2023", families=WITH_SCHOOLS).success
    conn = duckdb.connect(str(wh), read_only=True)
    try:
        loaded = conn.sql("SELECT level, schools, standard FROM schools ORDER BY level").pl()
        issues = conn.sql(
            'SELECT "row", "column", value, rule, message_vi FROM validation_issues WHERE asset = \'schools\' ORDER BY "row"'
        ).pl()
    finally:
        conn.close()
    assert loaded.rows() == [("Tiểu học", 12, 9), ("Trung học cơ sở", 6, 4)]
    first_data_row = 9  # title block (rows 1–6), the header (7) and the numbering row (8)
    assert issues.select("row", "rule").rows() == [
        (first_data_row + 2, "standard_within_schools"),
        (first_data_row + 3, "parse_schools"),
    ]
    assert issues.item(1, "value") == "nhiều" and issues.item(1, "message_vi") == "Số trường không phải là số."
    assert issues.item(1, "column").startswith("B (")


def test_registry_names_are_unique_and_tables_belong_to_one_family() -> None:
    tables = [t for f in FAMILIES.values() for t in f.table_names]
    assert len(tables) == len(set(tables))
    assert all(f.name == name for name, f in FAMILIES.items())
    assert [f.name for f in FAMILIES.values() if f.reference] == [
        "indicator_catalog",
        "localities",
        "emulation_blocs",
        "emulation_criteria",
        "emulation_scores",
    ]
