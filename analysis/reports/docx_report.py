"""The report as a Word document laid out the way Vietnamese administrative documents are.

Decree 30/2020/NĐ-CP: A4 portrait, margins top and bottom 20 mm, left 30 mm, right 15 mm; Times
New Roman, body 14 pt; the national title and motto at the top right, the issuing body at the top
left; page numbers centred in the header from the second page. Charts sit at 16 cm wide with a
numbered caption under them ("Biểu đồ 1: …"); tables have a numbered caption above ("Bảng 1: …")
and their header row repeated on every page. Captions are Word SEQ fields, so Word can build a
list of figures from them.
"""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph

from analysis.i18n import t
from analysis.reports.content import Chart, Heading, Paragraph, Report, TableBlock

FONT = "Times New Roman"
TABLE_STYLE = "Table Text"
TABLE_STYLE_ID = "TableText"
BODY_PT = 14
TABLE_PT = 12
CAPTION_PT = 13
NOTE_PT = 12
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
CHART_WIDTH_CM = 16.0
# Taller charts are scaled down so a chart, its caption and a heading fit on one page.
CHART_MAX_HEIGHT_CM = 21.0
HEADER_FILL = "E7E6E6"
# Children that must follow an element we add, in the order the OOXML schema requires (Word refuses
# a document whose elements are out of order).
AFTER_PBDR = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
AFTER_TBLBORDERS = (
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
    "w:tblCaption",
    "w:tblDescription",
    "w:tblPrChange",
)
AFTER_TBLCELLMAR = ("w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
AFTER_SHD = (
    "w:noWrap",
    "w:tcMar",
    "w:textDirection",
    "w:tcFitText",
    "w:vAlign",
    "w:hideMark",
    "w:headers",
    "w:cellIns",
    "w:cellDel",
    "w:cellMerge",
    "w:tcPrChange",
)
ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT, "center": WD_ALIGN_PARAGRAPH.CENTER}


def _set_fonts(element, name: str = FONT) -> None:
    """Times New Roman for every script (Vietnamese is 'Latin' to Word), with theme fonts removed."""
    rpr = element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in list(rfonts.attrib):
        if attr.endswith("Theme"):
            del rfonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), name)


def _style(doc, name: str, size: int, *, bold: bool | None = None, italic: bool | None = None) -> None:
    style = doc.styles[name]
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    style.font.color.rgb = RGBColor(0, 0, 0)
    _set_fonts(style.element)


def _run(
    paragraph: DocxParagraph,
    text: str,
    *,
    size: float | None = BODY_PT,
    bold: bool = False,
    italic: bool = False,
):
    """A run in the paragraph style's font (Times New Roman everywhere); only what differs is set."""
    run = paragraph.add_run(text)
    if size is not None:
        run.font.size = Pt(size)
    if bold:
        run.font.bold = True
    if italic:
        run.font.italic = True
    return run


def _spacing(paragraph: DocxParagraph, *, before: float = 0, after: float = 6, line: float = 1.15) -> None:
    pf = paragraph.paragraph_format
    pf.space_before = Pt(before)
    pf.space_after = Pt(after)
    pf.line_spacing = line


def _field(paragraph: DocxParagraph, instruction: str, result: str, **font) -> None:
    """A Word field (PAGE, SEQ …) with its current result, so readers without updating see it too."""

    def char(kind: str) -> None:
        run = _run(paragraph, "", **font)
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        run._r.append(el)

    char("begin")
    run = _run(paragraph, "", **font)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    char("separate")
    _run(paragraph, result, **font)
    char("end")


def _rule(container, width_cm: float, space_after: float = 6) -> None:
    """A short centred line (under the issuing body, the motto and the title): an empty paragraph
    whose bottom border spans ``width_cm``. ``container`` is the document or a table cell."""
    paragraph = container.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _spacing(paragraph, before=0, after=space_after, line=1.0)
    run = paragraph.add_run()
    run.font.size = Pt(2)
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.insert_element_before(borders, *AFTER_PBDR)
    # The paragraph mark's font size sets the empty paragraph's height: keep it a hairline.
    mark = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "4")
    mark.append(size)
    ppr.insert_element_before(mark, "w:sectPr", "w:pPrChange")
    available = _available_cm(container)
    side = max(0.0, (available - width_cm) / 2)
    paragraph.paragraph_format.left_indent = Cm(side)
    paragraph.paragraph_format.right_indent = Cm(side)


def _available_cm(container) -> float:
    width = getattr(container, "width", None)
    if width:
        return width.cm - 0.2
    return 21.0 - (MARGINS_MM["left"] + MARGINS_MM["right"]) / 10


def _keep_with_next(paragraph: DocxParagraph) -> None:
    paragraph.paragraph_format.keep_with_next = True


def _cell_paragraph(
    cell,
    text: str,
    *,
    size: float | None = None,
    bold: bool = False,
    italic: bool = False,
    align: str = "center",
    first: bool = True,
) -> DocxParagraph:
    """Text in a table cell, in the 'Table Text' style (12 pt, tight spacing) unless ``size`` is given."""
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph._p.style = TABLE_STYLE_ID  # by id: assigning by name searches every style, per cell
    paragraph.alignment = ALIGN[align]
    lines = text.split("\n")
    for i, line in enumerate(lines):
        run = _run(paragraph, line, size=size, bold=bold, italic=italic)
        if i < len(lines) - 1:
            run.add_break()
    return paragraph


def _shade(cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.insert_element_before(shd, *AFTER_SHD)


def _row_flag(row, tag: str) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement(tag)
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _widths(table, widths_cm: list[float]) -> None:
    """Fixed column widths: the grid (LibreOffice) and every cell (Word)."""
    table.autofit = False
    widths = [Cm(w) for w in widths_cm]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        # row.cells walks the grid on each access: once per row.
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _cell_margins(table, cm: float = 0.1) -> None:
    tblpr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), str(int(cm * 567)))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    tblpr.insert_element_before(margins, *AFTER_TBLCELLMAR)


def _no_borders(table) -> None:
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tblpr.insert_element_before(borders, *AFTER_TBLBORDERS)


def _page_setup(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    # Page numbers centred at the top, from page 2 (the first page carries the national title).
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(paragraph, "PAGE", "2", size=CAPTION_PT)

    _style(doc, "Normal", BODY_PT)
    # Table cells: one style instead of a font and spacing on each of thousands of runs.
    table_text = doc.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    table_text.style_id = TABLE_STYLE_ID
    table_text.base_style = doc.styles["Normal"]
    table_text.font.size = Pt(TABLE_PT)
    pf = table_text.paragraph_format
    pf.space_before, pf.space_after, pf.line_spacing, pf.first_line_indent = Pt(1), Pt(1), 1.0, Cm(0)
    for name, level in (("Heading 1", 1), ("Heading 2", 2), ("Heading 3", 3)):
        _style(doc, name, BODY_PT, bold=True, italic=level == 3)
        pf = doc.styles[name].paragraph_format
        pf.space_before = Pt(12 if level == 1 else 8)
        pf.space_after = Pt(6)
        pf.keep_with_next = True
        pf.first_line_indent = Cm(0)
        pf.alignment = WD_ALIGN_PARAGRAPH.LEFT


def _title_block(doc, report: Report) -> None:
    lang = report.lang
    block = doc.add_table(rows=2, cols=2)
    _no_borders(block)
    block.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(block, [6.1, 10.4])
    left, right = block.cell(0, 0), block.cell(0, 1)
    _cell_paragraph(left, report.agency, size=13, bold=True)
    _rule(left, 2.2, space_after=0)
    _cell_paragraph(right, t("report_country", lang), size=12, bold=True)
    _cell_paragraph(right, t("report_motto", lang), size=13, bold=True, first=False)
    _rule(right, 5.8, space_after=0)
    _cell_paragraph(block.cell(1, 0), t("report_number", lang), size=13)
    _cell_paragraph(block.cell(1, 1), t("report_place_date", lang, place=report.place), size=14, italic=True)
    for cell in block.rows[1].cells:
        cell.paragraphs[0].paragraph_format.space_before = Pt(6)

    kind = doc.add_paragraph()
    kind.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _spacing(kind, before=18, after=0)
    _run(kind, t("report_kind", lang), bold=True)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _spacing(title, before=0, after=0)
    _run(title, report.title, bold=True)
    if report.approval_note:
        note = doc.add_paragraph()
        note.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _spacing(note, before=4, after=0)
        _run(note, report.approval_note, italic=True, size=NOTE_PT)
    _rule(doc, 4.0, space_after=12)


def _heading(doc, block: Heading) -> None:
    doc.add_heading(block.text, level=block.level)


def _paragraph(doc, text: str, *, italic: bool = False, size: float = BODY_PT, indent: bool = True):
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    _spacing(paragraph)
    if indent:
        paragraph.paragraph_format.first_line_indent = Cm(1.27)
    _run(paragraph, text, italic=italic, size=size)
    return paragraph


def _caption(doc, label: str, number: int, text: str, *, above: bool) -> None:
    """'Biểu đồ 3: …' / 'Bảng 2: …', the number a SEQ field (Word: Insert › Table of Figures)."""
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _spacing(paragraph, before=6 if above else 2, after=4 if above else 10, line=1.0)
    _run(paragraph, f"{label} ", size=CAPTION_PT, bold=True)
    _field(paragraph, f"SEQ {label.replace(' ', '_')} \\* ARABIC", str(number), size=CAPTION_PT, bold=True)
    _run(paragraph, ": ", size=CAPTION_PT, bold=True)
    _run(paragraph, text, size=CAPTION_PT, bold=above, italic=not above)
    if above:
        _keep_with_next(paragraph)


def _chart(doc, chart: Chart, lang: str) -> None:
    width = CHART_WIDTH_CM
    height = width * chart.height_px / chart.width_px
    if height > CHART_MAX_HEIGHT_CM:
        width, height = width * CHART_MAX_HEIGHT_CM / height, CHART_MAX_HEIGHT_CM
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _spacing(paragraph, before=6, after=0, line=1.0)
    _keep_with_next(paragraph)
    run = paragraph.add_run()
    run.add_picture(io.BytesIO(chart.png), width=Cm(width), height=Cm(height))
    # Alt text for screen readers: the caption.
    for doc_pr in run._r.xpath(".//wp:docPr"):
        doc_pr.set("descr", chart.caption)
    _caption(doc, t("report_chart_word", lang), chart.number, chart.title, above=False)


def _table(doc, block: TableBlock, lang: str) -> None:
    _caption(doc, t("report_table_word", lang), block.number, block.title, above=True)
    table = doc.add_table(rows=1 + len(block.rows), cols=len(block.columns))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _cell_margins(table)
    _widths(table, block.widths_cm)
    rows = list(table.rows)
    _row_flag(rows[0], "w:tblHeader")  # repeated at the top of every page the table runs onto
    for cell, name in zip(rows[0].cells, block.columns, strict=True):
        _cell_paragraph(cell, name, bold=True, align="center")
        _shade(cell, HEADER_FILL)
    last = len(block.rows)
    for r, (row, values) in enumerate(zip(rows[1:], block.rows, strict=True), start=1):
        _row_flag(row, "w:cantSplit")
        total = bool(r == last and values and values[0] == "" and last > 1)
        for cell, value, align in zip(row.cells, values, block.align, strict=True):
            _cell_paragraph(cell, str(value), align=align, bold=total)
    for text in (block.note, block.source):
        if text:
            paragraph = _paragraph(doc, text, italic=True, size=NOTE_PT, indent=False)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
            _spacing(paragraph, before=2, after=2, line=1.0)
    doc.add_paragraph().paragraph_format.space_after = Pt(2)


def _sources(doc, report: Report) -> None:
    lang = report.lang
    doc.add_heading(
        t("report_part_sources_after_units" if report.has_units_part else "report_part_sources", lang), level=1
    )
    _paragraph(doc, t("report_sources_intro", lang))
    for i, document in enumerate(report.documents, start=1):
        paragraph = _paragraph(doc, f"{i}. {document}", size=13, indent=False)
        paragraph.paragraph_format.left_indent = Cm(1.27)
        _spacing(paragraph, before=0, after=3)
    for text, italic in (
        (t("report_workbooks", lang, files=", ".join(report.workbooks)) if report.workbooks else "", False),
        (t("report_generated", lang, published=report.published) if report.published else "", True),
    ):
        if text:
            _paragraph(doc, text, italic=italic, size=13).alignment = WD_ALIGN_PARAGRAPH.LEFT


def _signature(doc, report: Report) -> None:
    lang = report.lang
    block = doc.add_table(rows=1, cols=2)
    _no_borders(block)
    _widths(block, [8.0, 8.5])
    left = _cell_paragraph(
        block.cell(0, 0), t("report_recipients", lang), size=12, bold=True, italic=True, align="left"
    )
    left.paragraph_format.space_before = Pt(12)
    _cell_paragraph(block.cell(0, 0), t("report_recipients_lines", lang), size=11, align="left", first=False)
    right = _cell_paragraph(block.cell(0, 1), t("report_signature", lang), size=14, bold=True)
    right.paragraph_format.space_before = Pt(12)


def write_docx(report: Report, path: Path) -> Path:
    """Write the report (charts must be rendered: ``chart.png``) to ``path``."""
    doc = Document()
    parts = doc.part.package.image_parts
    if hasattr(parts, "_get_by_sha1"):
        # python-docx looks for an identical image by hashing every image already added (quadratic in
        # the chart count); every chart here is a different image.
        parts._get_by_sha1 = lambda sha1: None
    _page_setup(doc)
    doc.core_properties.title = f"{t('report_kind', report.lang)} {report.title}"
    doc.core_properties.author = report.agency
    doc.core_properties.language = report.lang
    _title_block(doc, report)
    for block in report.blocks:
        if isinstance(block, Heading):
            _heading(doc, block)
        elif isinstance(block, Paragraph):
            _paragraph(doc, block.text, italic=block.italic)
        elif isinstance(block, Chart):
            _chart(doc, block, report.lang)
        elif isinstance(block, TableBlock):
            _table(doc, block, report.lang)
    _sources(doc, report)
    _signature(doc, report)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path
