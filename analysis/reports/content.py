"""What a report pack says, before any file is written: headings, paragraphs, charts and tables in
reading order, numbered through the document.

Built from the same loaders (``analysis.queries.Reader``), chart builders (``analysis.charts``)
and table builders (``analysis.tables``) as the dashboard, so the printed numbers are the ones on
screen. A year pack: the year's scorecard by family, with a trend chart for every indicator that
has a target that year or a congress-term target. A term pack: the term targets' progress by
family, with each indicator's chart over the term.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import plotly.graph_objects as go
import polars as pl

from analysis import charts, tables, units, written
from analysis import format as fmt
from analysis.i18n import LANGS, bloc_label, family_label, grade_label, status_label, t
from analysis.periods import default_term, parse_period
from analysis.queries import Reader, as_reader, shared_connection
from analysis.reports import render
from schemas.vocab import FAMILY

LEVEL_PREFIXES = ("Thành phố ", "Thị xã ", "Thị trấn ", "Huyện ", "Quận ", "Tỉnh ", "Xã ", "Phường ")
# Printed table width (A4 less the Decree 30 margins leaves 16,5 cm).
TABLE_WIDTH_CM = 16.0


@dataclass
class Heading:
    text: str
    level: int = 1


@dataclass
class Paragraph:
    text: str
    italic: bool = False


@dataclass
class Chart:
    """One chart: its print figure, caption and file stem; PNG/SVG/PDF bytes once rendered."""

    title: str
    figure: dict
    number: int = 0
    caption: str = ""
    stem: str = ""
    png: bytes = b""
    svg: bytes = b""
    pdf: bytes = b""

    @property
    def height_px(self) -> int:
        return int(self.figure["layout"]["height"])

    @property
    def width_px(self) -> int:
        return int(self.figure["layout"]["width"])


@dataclass
class TableBlock:
    """A printed table (text cells, as on screen) and its spreadsheet version (raw numbers)."""

    title: str
    columns: list[str]
    rows: list[list[str]]
    widths_cm: list[float]
    align: list[str]  # left | right | center, per column
    export: pl.DataFrame
    sheet: str
    number_formats: dict[str, list[str | None]] = field(default_factory=dict)
    note: str | None = None
    source: str | None = None
    number: int = 0
    caption: str = ""


Block = Heading | Paragraph | Chart | TableBlock


@dataclass
class Report:
    """The whole pack's content in reading order."""

    locality: str
    locality_name: str
    period: str
    kind: str  # year | term
    lang: str
    title: str  # 'KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2023'
    blocks: list[Block] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    workbooks: list[str] = field(default_factory=list)
    published: str = ""
    # Whether the pack has the part comparing the units under the locality (the sources part is then IV).
    has_units_part: bool = False
    # Whether the figures are approved, said on the cover (signed-in dashboards): '' says nothing.
    approval_note: str = ""

    @property
    def charts(self) -> list[Chart]:
        return [b for b in self.blocks if isinstance(b, Chart)]

    @property
    def tables(self) -> list[TableBlock]:
        return [b for b in self.blocks if isinstance(b, TableBlock)]

    @property
    def agency(self) -> str:
        return t("report_agency", self.lang, name=self.locality_name.upper())

    @property
    def place(self) -> str:
        for prefix in LEVEL_PREFIXES:
            if self.locality_name.startswith(prefix):
                return self.locality_name[len(prefix) :]
        return self.locality_name

    @property
    def period_label(self) -> str:
        return self.period.replace("-", "–")

    @property
    def stem(self) -> str:
        return f"{self.locality}-{self.period}"


# --- building blocks --------------------------------------------------------------------------


class _Builder:
    """Collects blocks, numbers charts and tables, remembers the documents used."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.lang = report.lang
        self._docs: dict[str, None] = {}
        self._files: dict[str, None] = {}
        self._sheets: set[str] = set()

    def heading(self, text: str, level: int = 1) -> None:
        self.report.blocks.append(Heading(text, level))

    def paragraph(self, text: str, italic: bool = False) -> None:
        self.report.blocks.append(Paragraph(text, italic))

    def _remember(self, frame: pl.DataFrame | None) -> None:
        for doc in render.documents(frame):
            self._docs.setdefault(doc, None)
        for f in render.workbooks(frame):
            self._files.setdefault(f, None)

    def chart(self, fig: go.Figure, frame: pl.DataFrame | None) -> bool:
        """A chart in print style; its caption is its title (as text: tags dropped, entities decoded)
        plus the period on its x axis. A figure with nothing to draw is not printed: False."""
        if charts.empty_message(fig) is not None:
            return False
        self._remember(frame)
        layout = fig.layout
        title = html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<br\s*/?>", " ", layout.title.text or "")))
        spec = render.print_figure(
            fig,
            lang=self.lang,
            source=render.source_text(frame, self.lang),
            note=render.status_note(frame, self.lang),
        )
        years = render.figure_years(spec["layout"])
        caption_title = title
        if years and not re.search(r"\b(19|20)\d{2}\b", title):
            caption_title = t(
                "report_caption_period",
                self.lang,
                title=title,
                period=render.period_label([years[0], years[-1]], self.lang),
            )
        number = len(self.report.charts) + 1
        self.report.blocks.append(
            Chart(
                title=caption_title,
                figure=spec,
                number=number,
                caption=f"{t('report_chart_word', self.lang)} {number}: {caption_title}",
                stem=f"{fmt.slug(t('report_chart_word', 'vi'))}-{number:02d}-"
                f"{fmt.slug(caption_title, 'bieu-do')[:60].strip('-')}",
            )
        )
        return True

    def table(self, block: TableBlock, frame: pl.DataFrame | None = None) -> None:
        self._remember(frame)
        number = len(self.report.tables) + 1
        block.number = number
        block.caption = f"{t('report_table_word', self.lang)} {number}: {block.title}"
        word = t("report_table_word", self.lang)
        base = f"{word} {number}"
        sheet = re.sub(r"[\[\]:*?/\\]", "-", f"{base} - {block.sheet}")[:31].rstrip(" -")
        while sheet in self._sheets:
            sheet = sheet[:28] + f"~{number}"
        self._sheets.add(sheet)
        block.sheet = sheet
        if block.source is None and frame is not None:
            block.source = render.source_text(frame, self.lang, max_docs=6)
        self.report.blocks.append(block)

    def finish(self) -> Report:
        self.report.documents = list(self._docs)
        self.report.workbooks = sorted(self._files)
        return self.report


def _number_format(decimals: int | None) -> str | None:
    if decimals is None:
        return None
    decimals = max(0, int(decimals))
    return "#,##0" if decimals == 0 else "#,##0." + "0" * decimals


def _decimal_formats(
    tbl: tables.Table, decimals: dict[str, int], columns: list[str], pct_columns: list[str]
) -> dict[str, list[str | None]]:
    """Per-row number formats of the table's spreadsheet version, by header: the indicator's
    decimals for the value columns, two decimals for the percentage columns (both given by key)."""
    export = tbl.export
    if export.is_empty() or "col_code" not in export.columns:
        return {}
    codes = export.get_column("col_code").to_list()
    out: dict[str, list[str | None]] = {}
    for col in columns:
        if col in export.columns:
            out[tbl.label(col)] = [_number_format(decimals.get(c, 2)) for c in codes]
    for col in pct_columns:
        if col in export.columns:
            out[tbl.label(col)] = ["#,##0.00"] * len(codes)
    return out


def _marts_in_order(tbl: tables.Table, part: pl.DataFrame, *, units: bool = False) -> list[dict]:
    """The mart rows of ``part`` in the order of the table's rows (its export's code column says which;
    with ``units``, its unit column too)."""
    if tbl.export.is_empty():
        return []
    if units:
        by_key = {(r.get("locality_name") or r["locality_code"], r["indicator_code"]): r for r in part.to_dicts()}
        keys = zip(
            tbl.export.get_column("col_unit_name").to_list(), tbl.export.get_column("col_code").to_list(), strict=True
        )
        return [by_key[key] for key in keys]
    by_code = {r["indicator_code"]: r for r in part.to_dicts()}
    return [by_code[code] for code in tbl.export.get_column("col_code").to_list()]


def _written_notes(marts: list[dict], lang: str, statements: pl.DataFrame | None) -> list[str]:
    """The notes under a printed table that say how its figures were written: qualified figures,
    figures converted from another unit, targets stated more than once (with the statements not applied)."""
    notes = []
    if any(m.get("actual_qualifier") for m in marts if m.get("actual") is not None):
        notes.append(t("report_qualified_note", lang))
    converted = []
    for m in marts:
        # The conversions only: the statements have their own note, comparisons their own column on screen.
        parts = [
            f"{t(key, lang).lower()} {note}"
            for key, column, note in (
                ("col_actual", "actual_unit_written", written.actual_note({**m, "comparison_text": None}, lang)),
                ("col_target", "target_unit_written", written.target_note({**m, "target_statements": None}, lang)),
            )
            if m.get(column) and note
        ]
        if parts:
            converted.append(f"{written.name(m, lang)} ({'; '.join(parts)})")
    if converted:
        notes.append(t("report_converted_note", lang, items="; ".join(converted)))
    others: dict[tuple, list[dict]] = {}
    if statements is not None and statements.height:
        for s in statements.filter(~pl.col("is_binding")).to_dicts():
            others.setdefault((s["locality_code"], s["indicator_code"], s["period"]), []).append(s)
    stated = []
    for m in marts:
        extra = others.get((m.get("locality_code"), m.get("indicator_code"), m.get("period")), [])
        if extra:
            words = ", ".join(
                f"«{tables.target_text({**m, **s, 'target_value': None, 'target_is_derived': False}, lang)}»"
                for s in extra
            )
            stated.append(
                t(
                    "report_stated_item",
                    lang,
                    name=written.name(m, lang),
                    binding=tables.target_text(m, lang),
                    others=words,
                )
            )
    if stated:
        notes.append(t("report_stated_note", lang, items="; ".join(stated)))
    return notes


def _scorecard_block(
    part: pl.DataFrame,
    lang: str,
    title: str,
    sheet: str,
    *,
    statements: pl.DataFrame | None = None,
    units: bool = False,
) -> TableBlock:
    """Indicator, unit, target, actual ('ước' marked), % of target, status — the year's table (``units``:
    led by each row's unit, for the figures of the units within); the notes under it say how figures
    were written."""
    tbl = tables.scorecard(part, lang, units=units)
    estimate = t("estimate_tag", lang)
    rows: list[list[str]] = []
    any_estimate = any_derived = False
    marts = _marts_in_order(tbl, part, units=units)
    for i, (r, mart) in enumerate(zip(tbl.display.iter_rows(named=True), marts, strict=True), start=1):
        actual = r["col_actual"]
        if mart.get("actual_status") == "estimate" and mart.get("actual") is not None:
            actual = f"{actual} ({estimate})"
            any_estimate = True
        # '≈ 74' in the cell, the long '(suy ra từ 101,35% kế hoạch)' in a note under the table.
        target = tables.target_text(mart, lang, short=True) if mart.get("target_is_derived") else r["col_target"]
        any_derived |= bool(mart.get("target_is_derived")) and mart.get("target_value") is not None
        rows.append(
            [
                str(i),
                *([r["col_unit_name"]] if units else []),
                r["col_indicator"],
                r["col_unit"] or "",
                target or fmt.DASH,
                actual,
                r["col_achievement"],
                r["col_status"],
            ]
        )
    decimals = {r["indicator_code"]: fmt.shown_decimals(r) for r in part.to_dicts()}
    notes = [t("report_estimate_note", lang)] if any_estimate else []
    if any_derived:
        notes.append(t("report_derived_note", lang))
    notes += _written_notes(marts, lang, statements)
    printed = ["col_indicator", "col_unit", "col_target", "col_actual", "col_achievement", "col_status"]
    if units:
        printed.insert(0, "col_unit_name")
    widths = [1.0, 2.4, 3.0, 1.5, 2.2, 2.1, 1.6, 2.2] if units else [1.0, 4.4, 1.7, 2.4, 2.2, 1.8, 2.5]
    return TableBlock(
        title=title,
        columns=[t("col_no", lang), *[tbl.label(k) for k in printed]],
        rows=rows,
        widths_cm=widths,
        align=["center", *(["left"] if units else []), "left", "left", "right", "right", "right", "left"],
        export=tbl.download(),
        sheet=sheet,
        number_formats=_decimal_formats(tbl, decimals, ["col_target_value", "col_actual"], ["col_achievement"]),
        note=" ".join(notes) or None,
    )


def _term_block(part: pl.DataFrame, lang: str, title: str, sheet: str) -> TableBlock:
    """Target, actual to date (as of), progress, pace achieved, grade — the term's table."""
    tbl = tables.term_targets(part, lang)
    rows = []
    any_estimate = False
    marts = _marts_in_order(tbl, part)
    for i, (r, mart) in enumerate(zip(tbl.display.iter_rows(named=True), marts, strict=True), start=1):
        to_date = r["col_to_date"]
        if r["col_as_of"] and to_date != fmt.DASH:
            to_date = f"{to_date} ({r['col_as_of']})"
        # The table marks an estimated figure to date '(ước)'; the note under the table says what that means.
        any_estimate |= mart.get("actual_status") == "estimate" and mart.get("actual_to_date") is not None
        rows.append(
            [
                str(i),
                r["col_indicator"],
                r["col_unit"] or "",
                r["col_target"] or fmt.DASH,
                to_date,
                r["col_progress"],
                r["col_actual_rate"],
                r["col_grade"],
            ]
        )
    decimals = dict(part.select("indicator_code", "decimals").iter_rows())
    printed = ["col_indicator", "col_unit", "col_target", "col_to_date", "col_progress", "col_actual_rate", "col_grade"]
    notes = [t("report_estimate_note", lang)] if any_estimate else []
    # The table's target column does not say who set each target: a note names those the congress did not.
    others = [
        f"{written.name(m, lang)} — {written.source_kind(m, lang)}"
        + (f" ({m['target_document']})" if m.get("target_document") else "")
        for m in marts
        if (m.get("target_source_kind") or "congress") != "congress"
    ]
    if others:
        notes.append(t("report_term_sources_note", lang, items="; ".join(others)))
    notes += _written_notes([tables.term_actual(m) for m in marts], lang, None)
    return TableBlock(
        title=title,
        columns=[t("col_no", lang), *[tbl.label(k) for k in printed]],
        rows=rows,
        widths_cm=[1.0, 4.0, 1.6, 1.9, 2.2, 1.5, 1.8, 2.0],
        align=["center", "left", "left", "right", "right", "right", "right", "left"],
        export=tbl.download(),
        sheet=sheet,
        number_formats=_decimal_formats(
            tbl,
            decimals,
            ["col_baseline", "col_to_date", "col_projection"],
            ["col_progress", "col_actual_rate", "col_required_rate", "col_required_remaining"],
        ),
        note=" ".join(notes) or None,
    )


def _subset_block(
    tbl: tables.Table, keep: list[str], widths: list[float], align: list[str], title: str, sheet: str, lang: str
) -> TableBlock:
    """Some columns (by key) of a dashboard table, printed; the whole export version in the spreadsheet."""
    disp = tbl.display
    keep = [k for k in keep if k in disp.columns]
    rows = [
        [str(i)] + ["" if v is None else str(v) for v in row]
        for i, row in enumerate(disp.select(keep).iter_rows(), start=1)
    ]
    # The STT column keeps its 1 cm; the others share the rest of the width.
    rest = widths[1 : len(keep) + 1]
    scale = (TABLE_WIDTH_CM - 1.0) / sum(rest)
    return TableBlock(
        title=title,
        columns=[t("col_no", lang), *[tbl.label(k) for k in keep]],
        rows=rows,
        widths_cm=[1.0, *[w * scale for w in rest]],
        align=align[: len(keep) + 1],
        export=tbl.download(),
        sheet=sheet,
    )


class _Histories:
    """Each indicator's yearly rows (``Reader.indicator_history``), read in one query for the locality."""

    def __init__(self, warehouse: Reader, locality: str) -> None:
        frame = warehouse.locality_history(locality)
        self.empty = frame.clear()
        self.by_code = {code: part for (code,), part in frame.group_by("indicator_code", maintain_order=True)}
        self.frame = frame

    def __getitem__(self, code: str) -> pl.DataFrame:
        return self.by_code.get(code, self.empty)

    def year(self, year: str) -> pl.DataFrame:
        """The year's scorecard rows (as ``Reader.scorecard``)."""
        return self.frame.filter(pl.col("period") == year).sort("family", "indicator_name_vi")


def _indicator_chart(
    b: _Builder, history: pl.DataFrame, term: dict | None, locality_name: str, name: str | None = None
) -> None:
    """An indicator's chart, titled ``name`` (the name its table row gives it) when given."""
    lang = b.lang
    if term is not None and term.get("target_kind") == "cumulative":
        fig = charts.cumulative_progress(history, term, lang=lang, locality_name=locality_name, name=name)
        frame = pl.concat([history, pl.DataFrame([term])], how="diagonal_relaxed")
    else:
        fig = charts.indicator_trend(history, term=term, lang=lang, locality_name=locality_name, name=name)
        frame = history if term is None else pl.concat([history, pl.DataFrame([term])], how="diagonal_relaxed")
    b.chart(fig, frame)


def _has_figure(history: pl.DataFrame, term: dict | None) -> bool:
    """Something to draw: an actual in some year, a figure for the term, or an annual target."""
    if history.height and (history["actual"].is_not_null().any() or history["target_value"].is_not_null().any()):
        return True
    return term is not None and term.get("actual_to_date") is not None


def _family_order(codes: set[str]) -> list[str]:
    return [f for f in FAMILY.codes if f in codes]


def _status_counts(score: pl.DataFrame) -> dict[str, int]:
    return dict(score.group_by("status").len().iter_rows()) if score.height else {}


# --- new rural areas, party, awards (sections beyond the indicator tables) --------------------


def _ntm_section(
    b: _Builder, ntm: pl.DataFrame, first: int, last: int, kind: str, period: str, locality_name: str
) -> None:
    lang = b.lang
    upto = ntm.filter(pl.col("period").cast(pl.Int64, strict=False) <= last)
    if upto.is_empty():
        return
    matrix_years = sorted(
        {p for p in upto.filter(pl.col("criterion_no").is_not_null())["period"].to_list() if int(p) >= first}
    )
    if matrix_years:
        year = matrix_years[-1]
        cells = upto.filter((pl.col("period") == year) & pl.col("criterion_no").is_not_null())
        for cset in cells["criteria_set"].unique(maintain_order=True).to_list():
            part = cells.filter(pl.col("criteria_set") == cset)
            b.chart(charts.ntm_matrix(part, lang=lang, locality_name=locality_name, year=year), part)
    if not charts.ntm_counts(upto).is_empty():
        b.chart(charts.ntm_criteria_over_years(upto, lang=lang, locality_name=locality_name), upto)
    levels = upto.filter(pl.col("level_reached").is_not_null())
    # Units recognised are drawn; a dossier filed ('Đã đề nghị công nhận') is a row of the table.
    if levels.filter(pl.col("level_reached") != "chua_dat").height:
        fig = charts.ntm_levels(upto, lang=lang, locality_name=locality_name)
        charted = b.chart(fig, upto)
        tbl = tables.ntm_levels(levels, lang)
        keep = ["col_year", "col_unit_name", "col_kind", "col_commune", "col_level", "col_actual_status"]
        block = _subset_block(
            tbl,
            keep,
            [0.9, 1.4, 3.6, 2.2, 2.6, 3.4, 2.4],
            ["center", "center", "left", "left", "left", "left", "left"],
            t("report_table_ntm_levels", lang, year=last),
            t("page_ntm", lang),
            lang,
        )
        block.note = charts.ntm_levels_uncharted(levels, lang) if charted else charts.empty_message(fig)
        b.table(block, levels)


def _party_section(
    b: _Builder, orgs: pl.DataFrame, first: int, last: int, kind: str, period: str, locality_name: str
) -> None:
    lang = b.lang
    years = sorted({p for p in orgs["period"].to_list() if first <= int(p) <= last}) if orgs.height else []
    if not years:
        return
    year = years[-1]
    part = orgs.filter(pl.col("period") == year)
    fig = charts.party_organisations(part, lang=lang, locality_name=locality_name, year=year)
    charted = b.chart(fig, part)
    tbl = tables.party_organisations(part, lang)
    keep = ["col_block", "col_org_type", "col_rating", "col_orgs", "col_members"]
    block = _subset_block(
        tbl,
        keep,
        [0.9, 4.0, 3.6, 3.0, 2.0, 2.5],
        ["center", "left", "left", "left", "right", "right"],
        t("report_table_party_orgs", lang, year=year),
        t("page_party", lang),
        lang,
    )
    block.note = charts.party_uncharted(part, lang) if charted else charts.empty_message(fig)
    b.table(block, part)


def _award_in_term(term: str, first: int, last: int) -> pl.Expr:
    """Awards of a congress term: the term's own totals, every span inside it ('2016-2019' in
    '2015-2020') and the awards of its years (``first``–``last``)."""
    start, end = (int(y) for y in term.split("-"))
    span_first = pl.col("period").str.slice(0, 4).cast(pl.Int64, strict=False)
    span_last = pl.col("period").str.slice(-4, 4).cast(pl.Int64, strict=False)
    spans = (pl.col("period_kind") != "year") & (span_first >= start) & (span_last <= end)
    years = (pl.col("period_kind") == "year") & pl.col("period").cast(pl.Int64, strict=False).is_between(first, last)
    return spans | years


def _awards_section(
    b: _Builder, awards: pl.DataFrame, first: int, last: int, kind: str, period: str, locality_name: str
) -> None:
    lang = b.lang
    if awards.is_empty():
        return
    yearly = awards.filter(
        (pl.col("period_kind") == "year") & pl.col("period").cast(pl.Int64, strict=False).is_between(first, last)
    )
    if kind == "term":
        totals = charts.award_totals(awards).filter(_award_in_term(period, first, last))
    else:
        totals = charts.award_totals(yearly)
    if yearly.height:
        b.chart(charts.awards_by_year(yearly, lang=lang, locality_name=locality_name), yearly)
    if kind == "term" and totals.filter(pl.col("period_kind") != "year").height:
        b.chart(charts.awards_by_period(totals, lang=lang, locality_name=locality_name), totals)
    if totals.height:
        tbl = tables.awards(totals.sort("period", "level", "award_title"), lang)
        keep = ["col_period", "col_award", "col_award_level", "col_recipient", "col_count"]
        b.table(
            _subset_block(
                tbl,
                keep,
                [0.9, 1.8, 6.6, 2.0, 2.4, 1.7],
                ["center", "center", "left", "left", "left", "right"],
                t("report_table_awards", lang, period=period.replace("-", "–")),
                t("page_awards", lang),
                lang,
            ),
            totals,
        )


# The sections a sheet family's figures get in a pack, after the indicator tables of their indicator
# family ("ntm", "party", "awards" are both indicator families and sheet families' report sections).
# A sheet family names its section in its descriptor (``report_section``); "indicators" is the
# scorecard and term tables every pack has.
SHEET_SECTIONS: dict[str, Callable[..., None]] = {
    "ntm": _ntm_section,
    "party": _party_section,
    "awards": _awards_section,
}
# The units under the locality compared (league table, emulation scores, units' totals): the part a
# council reviews, after the families (``_units_section``); the emulation families name it.
REPORT_SECTIONS = frozenset({"indicators", "emulation", *SHEET_SECTIONS})


def _units_section(b: _Builder, warehouse: Reader, year: str) -> None:
    """III. The units under the locality compared: ranked by share of targets met, the emulation
    scores of the locality's sheet and of each bloc's (the table a council reviews), and the units'
    totals against the locality's figures. Nothing when no unit reports and no sheet scores."""
    lang, name = b.lang, b.report.locality_name
    view = units.compare(warehouse, b.report.locality, year)
    blocs = view.blocs.get_column("bloc_code").to_list() if view.blocs.height else []
    scored = [view] if not view.scores.empty else []
    for bloc in blocs:
        one = units.compare(warehouse, b.report.locality, year, bloc=bloc)
        if not one.scores.empty and one.bloc == bloc:
            scored.append(one)
    ranked = view.league.filter(pl.col("rank").is_not_null()).height if view.has_figures else 0
    if not ranked and not scored and not view.sums.height:
        return
    b.report.has_units_part = True
    b.heading(t("report_part_units", lang), 1)
    if ranked:
        b.paragraph(t("cmp_ranked", lang, ranked=ranked, total=view.league.height, missing=view.league.height - ranked))
        tbl = tables.league_table(view.league, lang)
        keep = [
            "col_rank",
            "col_rank_change",
            "col_admin_unit",
            "col_share_met",
            "col_vuot",
            "col_dat",
            "col_khong_dat",
        ]
        block = _subset_block(
            tbl,
            keep,
            [1.0, 1.2, 2.0, 4.6, 2.0, 1.6, 1.6, 2.0],
            ["center", "center", "center", "left", "right", "right", "right", "right"],
            t("report_table_league", lang, year=year),
            t("page_compare", lang),
            lang,
        )
        block.note = t("cmp_rank_note", lang)
        b.table(block, view.marts.filter(pl.col("period") == year))
    labels = {
        r["bloc_code"]: bloc_label(r["bloc_code"], r["bloc_name"], r["bloc_kind"], lang) for r in view.blocs.to_dicts()
    }
    names = dict(view.units.select("locality_code", "name").iter_rows())
    for one in scored:
        tbl = tables.scores_table(
            one.scores, {**names, **dict(one.units.select("locality_code", "name").iter_rows())}, lang
        )
        crit = [c for c in tbl.display.columns if c.startswith("crit_")]
        keep = ["col_rank", "col_admin_unit", *crit, "col_total"]
        widths = [1.0, 1.2, 3.6, *([1.8] * len(crit)), 2.0]
        block = _subset_block(
            tbl,
            keep,
            widths,
            ["center", "center", "left", *(["right"] * len(crit)), "right"],
            t("report_table_scores", lang, scope=labels.get(one.bloc, name) if one.bloc else name, year=year),
            t("col_total_points", lang),
            lang,
        )
        block.note = t("cmp_scores_note", lang, locality=name)
        b.table(block, one.marts.filter(pl.col("period") == year) if one.marts.height else None)
    if view.sums.height:
        tbl = tables.unit_sums_table(view.sums, lang)
        keep = ["col_indicator", "col_reported", "col_units_sum", "col_units_reporting", "col_sum_status"]
        b.table(
            _subset_block(
                tbl,
                keep,
                [1.0, 5.0, 2.2, 2.2, 1.8, 3.6],
                ["center", "left", "right", "right", "center", "left"],
                t("report_table_sums", lang, year=year),
                t("col_units_sum", lang),
                lang,
            )
        )


# --- the two kinds of pack --------------------------------------------------------------------


def _year_report(b: _Builder, warehouse: Reader, year: str) -> None:
    r, lang = b.report, b.lang
    loc, name = r.locality, r.locality_name
    histories = _Histories(warehouse, loc)
    score = histories.year(year)
    periods = warehouse.periods(loc)
    terms = sorted(periods.filter(pl.col("kind") == "term")["period"].to_list())
    term = default_term(terms, year)
    if term and not int(term[:4]) < int(year) <= int(term[5:]):
        term = None  # the latest term, but the year is not in it
    progress = warehouse.term_progress(loc, term) if term else pl.DataFrame()
    term_rows = {
        row["indicator_code"]: row
        for row in (progress.to_dicts() if progress.height else [])
        if row.get("target_value") is not None or row.get("target_text")
    }
    ntm, orgs, awards = (
        warehouse.ntm(loc),
        warehouse.party_organisations(loc),
        warehouse.awards(loc),
    )
    y = int(year)

    b.heading(t("report_part_overview", lang), 1)
    counts = _status_counts(score)
    judged = counts.get("vuot", 0) + counts.get("dat", 0) + counts.get("khong_dat", 0)
    if score.height:
        b.paragraph(
            t(
                "report_summary_year",
                lang,
                year=year,
                locality=name,
                total=score.height,
                judged=judged,
                vuot=counts.get("vuot", 0),
                dat=counts.get("dat", 0),
                missed=counts.get("khong_dat", 0),
                nodata=counts.get("chua_co_so_lieu", 0),
            )
        )
        estimates = score.filter(pl.col("actual_status") == "estimate").height
        if estimates:
            b.paragraph(t("report_summary_estimates", lang, n=estimates))
        b.chart(charts.status_by_family(score, lang=lang, locality_name=name, year=year), score)
        b.table(_summary_year_block(score, lang, year), score)
    else:
        b.paragraph(t("overview_empty", lang, year=year))
    if term and term_rows:
        _term_summary_paragraph(b, progress, term)
    # Figures of named units (a commune, a ward) that the locality's reports state.
    units = warehouse.unit_figures(loc, year)
    if units.height:
        b.paragraph(t("units_intro", lang, locality=name))
        b.table(
            _scorecard_block(units, lang, t("report_table_units", lang, year=year), t("units_title", lang), units=True),
            units,
        )
    statements = warehouse.target_statements(loc, period=year)

    b.heading(t("report_part_families", lang), 1)
    families = set(score["family"].to_list()) if score.height else set()
    if ntm.filter(pl.col("period") == year).height:
        families.add("ntm")
    if orgs.filter(pl.col("period") == year).height:
        families.add("party")
    if awards.filter((pl.col("period_kind") == "year") & (pl.col("period") == year)).height:
        families.add("awards")
    for n, family in enumerate(_family_order(families), start=1):
        label = family_label(family, lang)
        b.heading(f"{n}. {label}", 2)
        part = score.filter(pl.col("family") == family) if score.height else score
        if part.height:
            b.table(
                _scorecard_block(
                    part,
                    lang,
                    t("report_table_family_year", lang, family=label, year=year),
                    label,
                    statements=statements,
                ),
                part,
            )
            ordered = sorted(part.to_dicts(), key=lambda row: written.name(row, lang))
            for row in ordered:
                code = row["indicator_code"]
                has_target = row.get("target_value") is not None or bool(row.get("target_text"))
                if not (has_target or code in term_rows):
                    continue
                history = histories[code]
                term_row = term_rows.get(code)
                if _has_figure(history, term_row):
                    _indicator_chart(b, history, term_row, name, written.name(row, lang))
        if family in SHEET_SECTIONS:
            SHEET_SECTIONS[family](b, {"ntm": ntm, "party": orgs, "awards": awards}[family], y, y, "year", year, name)
    _units_section(b, warehouse, year)


def _term_report(b: _Builder, warehouse: Reader, term: str, first: int, last: int) -> None:
    r, lang = b.report, b.lang
    loc, name = r.locality, r.locality_name
    progress = warehouse.term_progress(loc, term)
    has_target = pl.col("target_value").is_not_null() | pl.col("target_text").is_not_null()
    targets = progress.filter(has_target) if progress.height else progress
    # Figures a term report gives with no target set for them ('kết nạp 382 đảng viên'): still reported.
    others = progress.filter(~has_target) if progress.height else progress
    ntm, orgs, awards = (
        warehouse.ntm(loc),
        warehouse.party_organisations(loc),
        warehouse.awards(loc),
    )
    histories = _Histories(warehouse, loc)
    in_term = histories.frame.filter(pl.col("period").cast(pl.Int64, strict=False).is_between(first + 1, last))
    annual_targets = (
        in_term.filter(pl.col("target_value").is_not_null())["indicator_code"].unique().to_list()
        if in_term.height
        else []
    )

    b.heading(t("report_part_overview", lang), 1)
    if targets.height:
        _term_summary_paragraph(b, progress, term)
        tracked = targets.filter(pl.col("progress_pct").is_not_null())
        if tracked.height:
            b.chart(charts.term_progress_bars(targets, lang=lang, locality_name=name, term=term), targets)
        b.table(_summary_term_block(targets, lang, term), targets)
    else:
        b.paragraph(t("term_no_targets", lang, term=term.replace("-", "–")))

    b.heading(t("report_part_families", lang), 1)
    term_rows = {row["indicator_code"]: row for row in progress.to_dicts()} if progress.height else {}
    meta = {}
    if in_term.height:
        for row in in_term.sort("period").to_dicts():
            meta[row["indicator_code"]] = row
    families = set(progress["family"].to_list()) if progress.height else set()
    families |= {meta[c]["family"] for c in annual_targets}
    in_years = pl.col("period").cast(pl.Int64, strict=False).is_between(first + 1, last)
    if ntm.filter(in_years).height:
        families.add("ntm")
    if orgs.filter(in_years).height:
        families.add("party")
    if awards.filter(_award_in_term(term, first + 1, last)).height:
        families.add("awards")
    for n, family in enumerate(_family_order(families), start=1):
        label = family_label(family, lang)
        b.heading(f"{n}. {label}", 2)
        part = targets.filter(pl.col("family") == family) if targets.height else targets
        if part.height:
            b.table(
                _term_block(
                    part, lang, t("report_table_family_term", lang, term=term.replace("-", "–"), family=label), label
                ),
                part,
            )
        rest = others.filter(pl.col("family") == family) if others.height else others
        if rest.height:
            b.table(
                _subset_block(
                    tables.term_targets(rest, lang),
                    ["col_indicator", "col_unit", "col_to_date", "col_as_of", "col_note"],
                    [0.9, 5.0, 1.8, 2.4, 1.4, 4.5],
                    ["center", "left", "left", "right", "right", "left"],
                    t("report_table_family_term_figures", lang, term=term.replace("-", "–"), family=label),
                    label,
                    lang,
                ),
                rest,
            )
        codes = [row["indicator_code"] for row in sorted(part.to_dicts(), key=lambda x: x["indicator_name_vi"])]
        codes += [
            row["indicator_code"]
            for row in sorted(rest.to_dicts(), key=lambda x: x["indicator_name_vi"])
            if row["indicator_code"] not in codes
        ]
        codes += sorted(
            (c for c in annual_targets if meta[c]["family"] == family and c not in codes),
            key=lambda c: meta[c]["indicator_name_vi"],
        )
        for code in codes:
            history = histories[code]
            term_row = term_rows.get(code)
            if _has_figure(history, term_row):
                # Titled as the term's table names it; an indicator with annual targets only, by its latest name.
                _indicator_chart(b, history, term_row, name, written.name(term_row, lang) if term_row else None)
        if family in SHEET_SECTIONS:
            frame = {"ntm": ntm, "party": orgs, "awards": awards}[family]
            SHEET_SECTIONS[family](b, frame, first + 1, last, "term", term, name)


def _term_summary_paragraph(b: _Builder, progress: pl.DataFrame, term: str) -> None:
    lang = b.lang
    targets = progress.filter(pl.col("target_value").is_not_null() | pl.col("target_text").is_not_null())
    tracked = targets.filter(pl.col("on_track_grade") != "insufficient_data")
    grades = dict(tracked.group_by("on_track_grade").len().iter_rows())
    from analysis.theme import GRADE_ORDER

    words = ", ".join(f"{grades[g]} {grade_label(g, lang)}" for g in GRADE_ORDER if grades.get(g))
    # The congress resolution is one source among several: name each kind of document and its targets.
    sources = written.source_counts(targets.to_dicts())
    by_congress = [code for code, _ in sources] == ["congress"]
    values = {
        "term": term.replace("-", "–"),
        "total": targets.height,
        "tracked": tracked.height,
        "grades": words,
        "sources": written.source_words(sources, lang),
    }
    if tracked.height:
        b.paragraph(t("report_summary_term" if by_congress else "report_summary_term_sources", lang, **values))
    else:
        b.paragraph(
            t("report_summary_term_none" if by_congress else "report_summary_term_sources_none", lang, **values)
        )


def _summary_year_block(score: pl.DataFrame, lang: str, year: str) -> TableBlock:
    """Indicators per family and assessment (the numbers behind the year's first chart)."""
    statuses = ("vuot", "dat", "khong_dat", "chua_co_so_lieu")
    counts = score.group_by("family", "status").len()
    rows, export = [], []
    for i, family in enumerate(_family_order(set(score["family"].to_list())), start=1):
        by = dict(counts.filter(pl.col("family") == family).select("status", "len").iter_rows())
        values = [by.get(s, 0) for s in statuses]
        rows.append([str(i), family_label(family, lang), str(sum(values)), *[str(v) for v in values]])
        export.append(
            {
                t("col_area", lang): family_label(family, lang),
                t("col_total", lang): sum(values),
                **{status_label(s, lang): v for s, v in zip(statuses, values, strict=True)},
            }
        )
    totals = [sum(int(r[k]) for r in rows) for k in range(2, 7)]
    rows.append(["", t("col_total", lang), *[str(v) for v in totals]])
    export.append(
        {
            t("col_area", lang): t("col_total", lang),
            t("col_total", lang): totals[0],
            **{status_label(s, lang): v for s, v in zip(statuses, totals[1:], strict=True)},
        }
    )
    return TableBlock(
        title=t("report_table_summary_year", lang, year=year),
        columns=[
            t("col_no", lang),
            t("col_area", lang),
            t("col_total", lang),
            *[status_label(s, lang) for s in statuses],
        ],
        rows=rows,
        widths_cm=[1.0, 4.6, 1.8, 1.9, 1.9, 2.3, 2.5],
        align=["center", "left", "right", "right", "right", "right", "right"],
        export=pl.DataFrame(export),
        sheet=t("page_overview", lang),
    )


def _summary_term_block(targets: pl.DataFrame, lang: str, term: str) -> TableBlock:
    """Term targets per family and progress grade."""
    groups = [
        ("achieved",),
        ("on_track",),
        ("acceleration_needed",),
        ("limited_progress", "regressing"),
        ("insufficient_data",),
    ]
    heads = [
        grade_label("achieved", lang),
        grade_label("on_track", lang),
        grade_label("acceleration_needed", lang),
        t("col_slow", lang),
        grade_label("insufficient_data", lang),
    ]
    rows, export = [], []
    for i, family in enumerate(_family_order(set(targets["family"].to_list())), start=1):
        part = targets.filter(pl.col("family") == family)
        by = dict(part.group_by("on_track_grade").len().iter_rows())
        values = [sum(by.get(g, 0) for g in grp) for grp in groups]
        rows.append([str(i), family_label(family, lang), str(part.height), *[str(v) for v in values]])
        export.append(
            {
                t("col_area", lang): family_label(family, lang),
                t("col_targets", lang): part.height,
                **dict(zip(heads, values, strict=True)),
            }
        )
    totals = [sum(int(r[k]) for r in rows) for k in range(2, 8)]
    rows.append(["", t("col_total", lang), *[str(v) for v in totals]])
    export.append(
        {
            t("col_area", lang): t("col_total", lang),
            t("col_targets", lang): totals[0],
            **dict(zip(heads, totals[1:], strict=True)),
        }
    )
    return TableBlock(
        title=t("report_table_summary_term", lang, term=term.replace("-", "–")),
        columns=[t("col_no", lang), t("col_area", lang), t("col_targets", lang), *heads],
        rows=rows,
        widths_cm=[1.0, 4.2, 1.6, 1.7, 1.9, 1.9, 1.9, 1.8],
        align=["center", "left", "right", "right", "right", "right", "right", "right"],
        export=pl.DataFrame(export),
        sheet=t("page_term", lang),
    )


def assemble(warehouse: Path | Reader, locality: str, period: str, lang: str = "vi", approval_note: str = "") -> Report:
    """The pack's content for one locality and a year ('2023') or a congress term ('2020-2025').

    ``warehouse``: the published file, or a ``Reader`` on it (e.g. one whose queries are cached, or
    one that answers a signed-in user). ``approval_note``: what the cover says of the figures' approval.
    Its queries share one connection to the file (opening one per query took most of a pack's time).
    """
    with shared_connection():
        return _assemble(warehouse, locality, period, lang, approval_note)


def _assemble(warehouse: Path | Reader, locality: str, period: str, lang: str, approval_note: str) -> Report:
    kind, first, last = parse_period(period)
    warehouse = as_reader(warehouse)
    if lang not in LANGS:
        raise ValueError(f"Ngôn ngữ '{lang}' không hỗ trợ (vi, en). / Unsupported language '{lang}' (vi, en).")
    names = dict(warehouse.localities().select("locality_code", "name").iter_rows())
    if locality not in names:
        known = ", ".join(sorted(names)) or "—"
        raise ValueError(
            f"Không có địa phương '{locality}' trong kho dữ liệu (có: {known}). "
            f"/ No locality '{locality}' in the warehouse (known: {known})."
        )
    status = warehouse.status()
    title = (
        t("report_title_year", lang, year=period)
        if kind == "year"
        else t("report_title_term", lang, term=period.replace("-", "–"))
    )
    report = Report(
        locality,
        names[locality],
        period,
        kind,
        lang,
        title,
        published=fmt.when(status.published_at, lang) if status.published_at else "",
        approval_note=approval_note,
    )
    b = _Builder(report)
    if kind == "year":
        _year_report(b, warehouse, period)
    else:
        _term_report(b, warehouse, period, first, last)
    if not report.charts and not report.tables:
        b.paragraph(t("report_no_sections", lang))
    return b.finish()


__all__ = [
    "Block",
    "Chart",
    "Heading",
    "Paragraph",
    "Report",
    "TableBlock",
    "assemble",
]
