"""The charts as a 16:9 deck for the congress hall screen: a title slide, then one chart per slide
with its numbered caption as the slide title."""

from __future__ import annotations

import io
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Inches, Pt

from analysis.i18n import t
from analysis.reports.content import Report

SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.4)
TITLE_H = Inches(1.0)
FONT = "Times New Roman"


def _title_text(frame, text: str, size: int, *, bold: bool = True) -> None:
    frame.text = text
    frame.word_wrap = True
    for paragraph in frame.paragraphs:
        paragraph.alignment = PP_ALIGN.LEFT
        for run in paragraph.runs:
            run.font.size = Pt(size)
            run.font.bold = bold
            run.font.name = FONT
            run.font.color.rgb = RGBColor(0, 0, 0)


def write_pptx(report: Report, path: Path) -> Path:
    """One slide per rendered chart (``chart.png``), captions as slide titles."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_W, SLIDE_H
    cover = deck.slides.add_slide(deck.slide_layouts[0])
    cover.shapes.title.text = f"{t('report_kind', report.lang)} {report.title}"
    for paragraph in cover.shapes.title.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size, run.font.bold, run.font.name = Pt(36), True, FONT
    cover.placeholders[1].text = "\n".join(part for part in (report.agency, report.place, report.approval_note) if part)
    blank_title = deck.slide_layouts[5]  # "Title Only"
    for chart in report.charts:
        slide = deck.slides.add_slide(blank_title)
        title = slide.shapes.title
        title.left, title.top, title.width, title.height = MARGIN, Inches(0.2), SLIDE_W - 2 * MARGIN, TITLE_H
        _title_text(title.text_frame, chart.caption, 26 if len(chart.caption) < 90 else 20)
        box_w = SLIDE_W - 2 * MARGIN
        box_h = SLIDE_H - TITLE_H - Inches(0.2) - 2 * MARGIN
        ratio = chart.height_px / chart.width_px
        width = box_w
        height = Emu(int(width * ratio))
        if height > box_h:
            height = box_h
            width = Emu(int(height / ratio))
        left = Emu(int((SLIDE_W - width) / 2))
        top = Emu(int(TITLE_H + Inches(0.2) + MARGIN + (box_h - height) / 2))
        slide.shapes.add_picture(io.BytesIO(chart.png), left, top, width=width, height=height)
    path.parent.mkdir(parents=True, exist_ok=True)
    deck.save(str(path))
    return path
