"""Chart export and the report pack, on the sample warehouse: what staff paste into Word and print.

The packs are built once per module in one shared browser; every test then opens the files the
way a reader would (python-docx, openpyxl, Pillow, python-pptx, LibreOffice → PDF → pypdf) and
checks the numbers against the warehouse.
"""

from __future__ import annotations

import argparse
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import dagster as dg
import duckdb
import openpyxl
import polars as pl
import pytest
from docx import Document
from docx.shared import Cm, Mm
from PIL import Image
from pptx import Presentation
from pypdf import PdfReader

from analysis import charts
from analysis import format as fmt
from analysis.i18n import family_label, grade_label
from analysis.queries import Reader
from analysis.reports import render
from analysis.reports.cli import add_format_arguments, selected_formats
from analysis.reports.content import Report, TableBlock
from analysis.reports.pack import PackResult, build_pack
from analysis.reports.writers import WRITERS, Writer, register_writer
from analysis.reports.xlsx_report import write_xlsx

APP = Path(__file__).resolve().parent.parent / "dashboards" / "app.py"
LOCALITY = "an-khe"
HAS_BROWSER = render.find_browser() is not None
# Rendering charts in Chromium takes seconds: these are in the slow tier (`pytest -m "not slow"` skips them).
_no_browser = pytest.mark.skipif(not HAS_BROWSER, reason="Chromium is not installed (make system-deps)")


def needs_browser(test):
    return pytest.mark.slow(_no_browser(test))


A4_PT = (595.3, 841.9)


class _Borrowed:
    """The module's browser lent to code that would start its own (CLI, Dagster asset): one start per run."""

    def __init__(self, renderer: render.Renderer) -> None:
        self._renderer = renderer
        self.started_s = 0.0

    def start(self):
        return self._renderer.start()

    def render(self, jobs):
        return self._renderer.render(jobs)

    def close(self) -> None:
        """Leave the lent browser open: the module fixture closes it after the last test."""


@pytest.fixture(scope="module")
def renderer():
    if not HAS_BROWSER:
        pytest.skip("Chromium is not installed (make system-deps)")
    with render.Renderer() as r:
        yield r


@pytest.fixture(scope="module")
def year_pack(sample_warehouse: Path, renderer, tmp_path_factory) -> PackResult:
    out = tmp_path_factory.mktemp("pack-2023")
    return build_pack(sample_warehouse, LOCALITY, "2023", out, renderer=renderer)


@pytest.fixture(scope="module")
def term_pack(sample_warehouse: Path, renderer, tmp_path_factory) -> PackResult:
    out = tmp_path_factory.mktemp("pack-term")
    return build_pack(sample_warehouse, LOCALITY, "2020-2025", out, renderer=renderer)


@pytest.fixture
def lend_browser(renderer, monkeypatch):
    monkeypatch.setattr(render, "Renderer", lambda *a, **k: _Borrowed(renderer))


def mart(warehouse: Path, sql: str, params: list) -> list[dict]:
    conn = duckdb.connect(str(warehouse), read_only=True)
    try:
        return conn.sql(sql, params=params).pl().to_dicts()
    finally:
        conn.close()


def indicator_name(warehouse: Path, code: str) -> str:
    rows = mart(
        warehouse,
        "SELECT any_value(indicator_name_vi) AS n FROM mart_target_vs_actual WHERE indicator_code = ?",
        [code],
    )
    return rows[0]["n"]


def docx_tables(path: Path) -> list[list[list[str]]]:
    """Every table as rows of cell texts (the title block and signature included)."""
    doc = Document(str(path))
    return [[[c.text for c in row.cells] for row in table.rows] for table in doc.tables]


def table_with_row(tables: list[list[list[str]]], column: str, value: str) -> tuple[list[str], list[str]]:
    for table in tables:
        header = table[0]
        if column in header:
            for row in table[1:]:
                if row[header.index(column)] == value:
                    return header, row
    raise AssertionError(f"no table row with {column} = {value!r}")


def zip_chart(result: PackResult, title_part: str, ext: str) -> bytes:
    """The chart file (png/svg/pdf) whose name carries ``title_part`` (ASCII slug)."""
    with zipfile.ZipFile(result.zip) as zf:
        names = [n for n in zf.namelist() if title_part in n and n.endswith(f".{ext}")]
        assert names, zf.namelist()
        return zf.read(names[0])


# --- the DOCX --------------------------------------------------------------------------------


@needs_browser
def test_docx_has_the_administrative_title_block_and_a_heading_per_family(year_pack, sample_warehouse):
    doc = Document(str(year_pack.docx))
    text = "\n".join(p.text for p in doc.paragraphs)
    title_cells = "\n".join(c.text for row in doc.tables[0].rows for c in row.cells)
    assert "UBND THỊ XÃ AN KHÊ" in title_cells
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in title_cells and "Độc lập - Tự do - Hạnh phúc" in title_cells
    assert "An Khê, ngày" in title_cells
    assert "BÁO CÁO" in text and "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2023" in text

    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:2] == ["I. ĐÁNH GIÁ CHUNG", "II. KẾT QUẢ THEO TỪNG LĨNH VỰC"]
    # An Khê's communes and wards report (the sample's units): their comparison is part III, sources IV.
    assert headings[-2:] == ["III. SO SÁNH CÁC ĐƠN VỊ TRỰC THUỘC", "IV. NGUỒN SỐ LIỆU"]
    families = {
        r["family"]
        for r in mart(
            sample_warehouse,
            "SELECT DISTINCT family FROM mart_target_vs_actual WHERE locality_code = ? AND period = '2023'",
            [LOCALITY],
        )
    }
    family_headings = [h.split(". ", 1)[1] for h in headings if re.match(r"^\d+\. ", h)]
    for family in families:
        assert family_label(family) in family_headings
    assert "Nông thôn mới" in family_headings  # the 2023 new-rural-area figures have their own section
    assert [h.split(". ")[0] for h in headings if re.match(r"^\d+\. ", h)] == [
        str(i) for i in range(1, len(family_headings) + 1)
    ]
    # The summary counts the year's statuses as the warehouse does.
    counts = {
        r["status"]: r["n"]
        for r in mart(
            sample_warehouse,
            "SELECT status, count(*) AS n FROM "
            "mart_target_vs_actual WHERE locality_code = ? AND period = '2023' "
            "GROUP BY status",
            [LOCALITY],
        )
    }
    assert f"{counts.get('vuot', 0)} chỉ tiêu vượt" in text and f"{counts.get('dat', 0)} chỉ tiêu đạt" in text


@needs_browser
def test_docx_has_one_image_per_chart_and_numbered_captions(year_pack):
    doc = Document(str(year_pack.docx))
    assert year_pack.charts >= 8
    assert len(doc.inline_shapes) == year_pack.charts
    for shape in doc.inline_shapes:
        assert shape.width <= Cm(16) + 100
    figure_caps = [p.text for p in doc.paragraphs if re.match(r"Biểu đồ \d+: ", p.text)]
    table_caps = [p.text for p in doc.paragraphs if re.match(r"Bảng \d+: ", p.text)]
    assert [int(re.match(r"Biểu đồ (\d+): ", c).group(1)) for c in figure_caps] == list(range(1, year_pack.charts + 1))
    assert [int(re.match(r"Bảng (\d+): ", c).group(1)) for c in table_caps] == list(range(1, year_pack.tables + 1))
    assert figure_caps[0] == "Biểu đồ 1: Kết quả thực hiện chỉ tiêu năm 2023"
    assert "Biểu đồ 3: Tổng giá trị sản xuất, giai đoạn 2020–2023" in figure_caps
    # A caption sits under its chart, a table's caption above its table.
    body = [p.text for p in doc.paragraphs]
    first = body.index(figure_caps[0])
    assert doc.paragraphs[first - 1]._p.xpath(".//pic:pic")


@needs_browser
def test_docx_table_numbers_equal_the_warehouse(year_pack, sample_warehouse):
    tables = docx_tables(year_pack.docx)
    header, row = table_with_row(tables, "Chỉ tiêu", "Tổng giá trị sản xuất")
    cell = dict(zip(header, row, strict=True))
    assert cell["Thực hiện"] == "18.797,39"
    assert cell["% kế hoạch"] == "100,3%"
    assert "Vượt" in cell["Đánh giá"]
    assert cell["Đơn vị"] == "tỷ đồng"
    header, row = table_with_row(tables, "Chỉ tiêu", indicator_name(sample_warehouse, "party_members_admitted"))
    cell = dict(zip(header, row, strict=True))
    assert cell["Thực hiện"] == "75" and cell["Chỉ tiêu đề ra"] == "≈ 74"

    # Every indicator of 2023, as the warehouse has it (estimates marked 'ước').
    rows = mart(
        sample_warehouse, "SELECT * FROM mart_target_vs_actual WHERE locality_code = ? AND period = '2023'", [LOCALITY]
    )
    for r in rows:
        header, row = table_with_row(tables, "Chỉ tiêu", r["indicator_name_vi"])
        cell = dict(zip(header, row, strict=True))
        actual = fmt.number(r["actual"], r["decimals"])
        if r["actual_status"] == "estimate":
            actual += " (ước)"
        assert cell["Thực hiện"] == actual, r["indicator_code"]
        assert cell["% kế hoạch"] == fmt.pct(r["achievement_pct"], 2)
    estimates = [r for r in rows if r["actual_status"] == "estimate"]
    assert estimates and "«ước» là số liệu ước thực hiện" in "\n".join(
        p.text for p in Document(str(year_pack.docx)).paragraphs
    )


@needs_browser
def test_docx_is_a4_with_decree_30_margins_times_new_roman_and_page_numbers(year_pack):
    doc = Document(str(year_pack.docx))
    section = doc.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)
    assert Mm(20) <= section.top_margin <= Mm(25) and Mm(20) <= section.bottom_margin <= Mm(25)
    # Word stores twentieths of a point: 15 mm is 850 twips, a hair under Mm(15).
    assert Mm(29.9) <= section.left_margin <= Mm(35) and Mm(14.9) <= section.right_margin <= Mm(20)
    normal = doc.styles["Normal"].font
    assert normal.name == "Times New Roman" and normal.size.pt in (13, 14)
    assert doc.styles["Heading 1"].font.bold and doc.styles["Heading 1"].font.name == "Times New Roman"
    # Page numbers centred in the header, from page 2.
    assert section.different_first_page_header_footer
    assert "PAGE" in "".join(section.header._element.itertext())
    assert not section.first_page_header.paragraphs[0].text.strip()
    # Data tables repeat their header row on every page.
    repeated = [t for t in doc.tables if t.rows[0]._tr.xpath("./w:trPr/w:tblHeader")]
    assert len(repeated) == year_pack.tables


@needs_browser
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (make system-deps)")
def test_docx_prints_as_a4_pages_through_libreoffice(year_pack, tmp_path):
    proc = subprocess.run(
        [
            "soffice",
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(year_pack.docx),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    pdf = tmp_path / (year_pack.docx.stem + ".pdf")
    assert pdf.exists(), proc.stderr
    reader = PdfReader(str(pdf))
    assert 5 <= len(reader.pages) <= 20, len(reader.pages)
    for page in reader.pages:
        box = page.mediabox
        assert abs(float(box.width) - A4_PT[0]) < 2 and abs(float(box.height) - A4_PT[1]) < 2
    first = reader.pages[0].extract_text()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first and "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2023" in first
    assert "18.797,39" in "".join(p.extract_text() for p in reader.pages)


# --- chart files -----------------------------------------------------------------------------


@needs_browser
def test_png_is_16_cm_wide_at_300_dpi(year_pack):
    image = Image.open(io.BytesIO(zip_chart(year_pack, "tong-gia-tri-san-xuat", "png")))
    assert abs(image.width - 1890) <= 2
    assert tuple(round(d) for d in image.info["dpi"]) == (300, 300)
    assert image.width / image.info["dpi"][0] * 2.54 == pytest.approx(16.0, abs=0.05)


@needs_browser
def test_svg_keeps_the_vietnamese_title_and_source_as_text(year_pack):
    svg = zip_chart(year_pack, "tong-gia-tri-san-xuat", "svg").decode("utf-8")
    texts = " ".join(re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S))
    assert "Tổng giá trị sản xuất" in texts
    assert "Nguồn: [0" in texts and "Bài viết" in texts  # the documents the figures come from
    assert "ước thực hiện" in texts  # the 2020 figure is an estimate
    assert re.search(r'<svg[^>]* width="160.0mm"', svg)
    assert "Times New Roman" in svg


@needs_browser
def test_one_chart_exports_as_a_vector_pdf(sample_warehouse, renderer):
    history = Reader(sample_warehouse).indicator_history(LOCALITY, "production_value_total")
    fig = charts.indicator_trend(history, locality_name="Thị xã An Khê")
    pdf = render.export_figure(fig, "pdf", data=history, renderer=renderer)
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Tổng giá trị sản xuất" in text and "giai đoạn 2020–2023" in text and "Nguồn:" in text


@needs_browser
def test_zip_has_png_svg_and_pdf_of_every_chart_named_like_the_captions(year_pack):
    with zipfile.ZipFile(year_pack.zip) as zf:
        names = zf.namelist()
    assert len(names) == 3 * year_pack.charts
    for n in range(1, year_pack.charts + 1):
        stems = {name.rsplit(".", 1)[0] for name in names if name.startswith(f"bieu-do-{n:02d}-")}
        assert len(stems) == 1, n
        stem = stems.pop()
        assert {f"{stem}.png", f"{stem}.svg", f"{stem}.pdf"} <= set(names)
    assert all(re.fullmatch(r"[a-z0-9.-]+", name) for name in names)


# --- XLSX, PPTX, term pack -------------------------------------------------------------------


@needs_browser
def test_xlsx_has_a_sheet_per_table_with_numbers_as_numbers(year_pack):
    book = openpyxl.load_workbook(year_pack.xlsx)
    assert len(book.sheetnames) == year_pack.tables
    assert all(len(name) <= 31 for name in book.sheetnames)
    found = None
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.value == "Tổng giá trị sản xuất":
                    found = ws, c.row
    assert found, "production value not in the workbook"
    ws, r = found
    header = {ws.cell(row=r0, column=c).value: c for r0 in (3,) for c in range(1, ws.max_column + 1)}
    actual = ws.cell(row=r, column=header["Thực hiện"])
    assert actual.data_type == "n" and actual.value == pytest.approx(18797.39)
    assert actual.number_format == "#,##0.00"
    assert ws.cell(row=r, column=header["% kế hoạch"]).value == pytest.approx(100.3)
    assert not any(c.data_type == "f" for ws in book.worksheets for row in ws.iter_rows() for c in row)


def test_xlsx_neutralises_text_that_looks_like_a_formula(tmp_path):
    frame = pl.DataFrame(
        {
            "Chỉ tiêu": ["=1+1", "+SUM(A1:A3)", "-2+3", "@cmd", "Tổng giá trị sản xuất"],
            "Ghi chú": ['=HYPERLINK("http://x")', "", None, "bình thường", "=1+1"],
            "Thực hiện": [1.0, 2.0, 3.0, 4.0, 18797.39],
        }
    )
    block = TableBlock(
        title="=cmd|' /C calc'!A0",
        columns=[],
        rows=[],
        widths_cm=[],
        align=[],
        export=frame,
        sheet="Bảng 1 - Thử",
        caption="=1+1",
    )
    report = Report(LOCALITY, "Thị xã An Khê", "2023", "year", "vi", "T", blocks=[block])
    book = openpyxl.load_workbook(write_xlsx(report, tmp_path / "t.xlsx"))
    ws = book.active
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    assert not any(c.data_type == "f" for c in cells)
    values = [c.value for c in cells]
    assert "'=1+1" in values and "'+SUM(A1:A3)" in values and "'-2+3" in values and "'@cmd" in values
    assert '\'=HYPERLINK("http://x")' in values
    assert ws["A1"].value == "'=1+1"  # the caption row too
    assert 18797.39 in values  # numbers stay numbers


@needs_browser
def test_pptx_has_a_16_9_slide_per_chart_titled_by_its_caption(year_pack):
    deck = Presentation(str(year_pack.pptx))
    assert deck.slide_width / deck.slide_height == pytest.approx(16 / 9, abs=0.01)
    slides = list(deck.slides)
    assert len(slides) == year_pack.charts + 1
    doc_caps = [p.text for p in Document(str(year_pack.docx)).paragraphs if re.match(r"Biểu đồ \d+: ", p.text)]
    assert [s.shapes.title.text for s in slides[1:]] == doc_caps
    assert all(sum(1 for sh in s.shapes if sh.shape_type == 13) == 1 for s in slides[1:])  # 13: picture


@needs_browser
def test_term_pack_shows_progress_toward_the_term_targets(term_pack, sample_warehouse):
    assert term_pack.charts >= 20
    doc = Document(str(term_pack.docx))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NHIỆM KỲ 2020–2025" in text
    assert "Biểu đồ 1: Tiến độ mục tiêu nhiệm kỳ 2020–2025" in text
    assert len(doc.inline_shapes) == term_pack.charts
    tables = docx_tables(term_pack.docx)
    for r in mart(
        sample_warehouse,
        "SELECT * FROM mart_term_progress WHERE locality_code = ? AND term = '2020-2025' AND progress_pct IS NOT NULL",
        [LOCALITY],
    ):
        header, row = table_with_row(tables, "Chỉ tiêu", r["indicator_name_vi"])
        cell = dict(zip(header, row, strict=True))
        assert cell["Tiến độ"] == fmt.pct(r["progress_pct"], 1)
        assert cell["Đánh giá tiến độ"] == grade_label(r["on_track_grade"])
    assert f"{indicator_name(sample_warehouse, 'party_members_admitted')}: lũy kế nhiệm kỳ 2020–2025" in text
    assert set(term_pack.timings) == {"data", "render", "docx", "xlsx", "zip", "pptx"}


# --- command line, Dagster, no browser -------------------------------------------------------


@needs_browser
def test_cli_export_writes_the_pack(sample_warehouse, tmp_path, monkeypatch, capsys, lend_browser):
    from chitieu.cli import main

    monkeypatch.setenv("CHITIEU_WAREHOUSE", str(sample_warehouse))
    out = tmp_path / "pack"
    assert main(["export", "--locality", LOCALITY, "--period", "2023", "--out", str(out), "--no-pptx"]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == ["bang-so-lieu-an-khe-2023.xlsx", "bao-cao-chi-tieu-an-khe-2023.docx", "bieu-do-an-khe-2023.zip"]
    printed = capsys.readouterr().out
    assert str(out / "bao-cao-chi-tieu-an-khe-2023.docx") in printed and "render" in printed
    assert main(["export", "--locality", "khong-co", "--period", "2023", "--out", str(out)]) == 1
    assert "khong-co" in capsys.readouterr().err


@needs_browser
def test_dagster_asset_writes_the_pack_on_request_only(sample_warehouse, tmp_path, monkeypatch, lend_browser):
    from chitieu.definitions import defs
    from pipelines.assets.exports import report_pack
    from pipelines.build import build_assets
    from pipelines.resources import ReportExports, Warehouse

    result = dg.materialize(
        [report_pack],
        resources={
            "warehouse": Warehouse(path=str(sample_warehouse)),
            "report_exports": ReportExports(root=str(tmp_path)),
        },
        run_config={"ops": {"report_pack": {"config": {"locality": LOCALITY, "period": ""}}}},
    )
    assert result.success
    folder = tmp_path / "an-khe-2023"  # '' means the latest year with figures
    assert (folder / "bao-cao-chi-tieu-an-khe-2023.docx").exists()
    assert (folder / "trinh-chieu-an-khe-2023.pptx").exists()
    meta = result.asset_materializations_for_node("report_pack")[0].metadata
    assert meta["charts"].value >= 8 and meta["seconds"].value > 0
    assert meta["docx"].value == str(folder / "bao-cao-chi-tieu-an-khe-2023.docx")
    # Never part of a load: no automation condition, left out of `chitieu build`.
    node = defs.resolve_asset_graph().get(dg.AssetKey("report_pack"))
    assert node.group_name == "exports" and node.automation_condition is None
    assert all(dg.AssetKey("report_pack") not in a.keys for a in build_assets(list(defs.assets)))


def test_missing_browser_gives_the_clear_message_and_the_dashboard_keeps_working(
    sample_warehouse, tmp_path, monkeypatch, capsys
):
    from streamlit.testing.v1 import AppTest

    from chitieu.cli import main

    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-chromium"))
    assert render.find_browser() is None
    with pytest.raises(render.ExportUnavailable, match="apt-get install chromium"):
        build_pack(sample_warehouse, LOCALITY, "2023", tmp_path / "pack")
    assert not (tmp_path / "pack").exists()  # found out before any work
    monkeypatch.setenv("CHITIEU_WAREHOUSE", str(sample_warehouse))
    assert main(["export", "--locality", LOCALITY, "--period", "2023", "--out", str(tmp_path / "p")]) == 1
    err = capsys.readouterr().err
    assert "Chromium" in err and "make system-deps / apt-get install chromium" in err

    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params.update({"year": "2023"})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    warnings = [w.value for w in at.warning]
    assert any("apt-get install chromium" in w for w in warnings)  # the pack button and the chart menu
    assert at.title[0].value == "Tổng quan năm 2023 — Thị xã An Khê"
    assert any("Tổng giá trị sản xuất" in str(df.value.values) for df in at.dataframe)
    assert at.get("plotly_chart")


@needs_browser
def test_dashboard_chart_menu_renders_only_when_opened(sample_warehouse, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("CHITIEU_WAREHOUSE", str(sample_warehouse))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params.update({"year": "2023"})
    at.run()
    labels = [b.label for b in at.get("download_button")]
    assert "PNG 300 dpi" not in labels  # closed: nothing prepared on a rerun
    at.session_state["overview-families-export"] = True
    at.run()
    assert not at.exception
    labels = [b.label for b in at.get("download_button")]
    assert labels[:3] == ["PNG 300 dpi", "SVG (vector)", "PDF (vector)"]
    assert any("Bộ báo cáo năm 2023" in e.label for e in at.expander)


@needs_browser
def test_dashboard_pack_button_builds_the_pack_and_offers_each_file(sample_warehouse, tmp_path, monkeypatch, renderer):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("CHITIEU_WAREHOUSE", str(sample_warehouse))
    monkeypatch.setenv("CHITIEU_EXPORT_DIR", str(tmp_path))
    monkeypatch.setattr(render, "_shared", renderer)  # the dashboard's shared browser: the module's one
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params.update({"year": "2023"})
    at.run()
    at.button(key="pack-year").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("biểu đồ" in s.value for s in at.success)
    labels = [b.label for b in at.get("download_button")]
    assert {"Báo cáo (DOCX)", "Bảng số liệu (XLSX)", "Ảnh biểu đồ (ZIP)", "Trình chiếu (PPTX)"} <= set(labels)
    assert (tmp_path / "an-khe-2023" / "bao-cao-chi-tieu-an-khe-2023.docx").exists()


@pytest.mark.slow
def test_render_tabs_are_reused_through_kaleidos_hook(year_pack: PackResult, renderer) -> None:
    """kaleido reloads a tab after every figure unless our override of its (private) hook runs;
    a kaleido release that renames it would make every pack slower without failing otherwise."""
    uses = renderer._kaleido.__dict__.get("_uses", {})  # noqa: SLF001 - the counter the override keeps
    assert year_pack.charts >= 2
    assert uses, "kaleido no longer calls _return_kaleido_tab: see analysis/reports/render.py"


# --- the writer registry ---------------------------------------------------------------------


def _write_title(report: Report, path: Path) -> Path:
    path.write_text(report.title, encoding="utf-8")
    return path


@pytest.fixture
def title_writer():
    """A plain-text format registered for one test: the report's title in a .txt file."""
    register_writer(
        "txt", file_name="tieu-de-{stem}.txt", mime="text/plain", label="report_kind", optional=True, default=True
    )(_write_title)
    yield WRITERS["txt"]
    WRITERS.unregister("txt")


@needs_browser
def test_a_registered_writer_is_written_with_the_pack(sample_warehouse, renderer, tmp_path, title_writer):
    result = build_pack(sample_warehouse, LOCALITY, "2023", tmp_path, renderer=renderer, pptx=False)
    text = tmp_path / "tieu-de-an-khe-2023.txt"
    assert result.files["txt"] == text and text in result.paths
    assert text.read_text(encoding="utf-8") == "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2023"
    assert list(result.files) == ["docx", "xlsx", "zip", "txt"]  # registry order; pptx=False leaves the deck out
    assert result.docx.exists() and result.pptx is None
    assert list(result.timings) == ["data", "render", "docx", "xlsx", "zip", "txt"]
    assert result.summary()["bytes"]["txt"] == len("KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2023".encode())


def test_pack_formats_and_the_export_flags_come_from_the_registry(title_writer):
    assert WRITERS.keys() == ["docx", "xlsx", "zip", "pptx", "txt"]
    assert [w.key for w in WRITERS.select()] == ["docx", "xlsx", "zip", "pptx", "txt"]
    assert [w.key for w in WRITERS.select(leave_out=["pptx"])] == ["docx", "xlsx", "zip", "txt"]
    assert [w.key for w in WRITERS.select([])] == ["docx", "xlsx", "zip"]  # the required ones stay
    assert [w.key for w in WRITERS.select(["txt"])] == ["docx", "xlsx", "zip", "txt"]
    with pytest.raises(ValueError, match="Unknown format 'odt'"):
        WRITERS.select(["odt"])
    with pytest.raises(ValueError, match="cannot be left out"):
        WRITERS.select(leave_out=["docx"])
    with pytest.raises(ValueError, match="registered already"):
        register_writer("txt", file_name="x-{stem}.txt", mime="text/plain", label="report_kind")(_write_title)
    with pytest.raises(ValueError, match="no text for its label"):
        WRITERS.register(
            Writer("odt", "{stem}.odt", "application/vnd.oasis.opendocument.text", "pack_odt", _write_title)
        )
    assert title_writer.name_for(LOCALITY, "2020-2025") == "tieu-de-an-khe-2020-2025.txt"

    parser = argparse.ArgumentParser()
    add_format_arguments(parser)
    flags = set(re.findall(r"--[a-z-]+", parser.format_help()))
    assert {"--no-pptx", "--no-txt", "--formats"} <= flags and "--no-docx" not in flags
    assert selected_formats(parser.parse_args([])) is None
    assert selected_formats(parser.parse_args(["--no-pptx"])) == ["txt"]
    assert selected_formats(parser.parse_args(["--formats", "pptx"])) == ["pptx"]
    assert selected_formats(parser.parse_args(["--formats", "pptx,txt", "--no-txt"])) == ["pptx"]
    with pytest.raises(SystemExit):
        parser.parse_args(["--formats", "odt"])
