"""Pure Plotly builders: a frame (plus context) in, a complete figure out.

Every figure carries its own title, subtitle with the unit, a "Nguồn: …" source line, the
locale's number separators (``layout.separators``), years as a category axis and the
colour-blind-safe palette of ``analysis.theme``. Nothing here imports Streamlit, so the report
exporter can call the same builders with ``lang`` and write PNG/SVG/PDF through kaleido.
"""

from __future__ import annotations

import html
import json
import textwrap
from collections.abc import Sequence

import plotly.graph_objects as go
import polars as pl

from analysis import format as fmt
from analysis import trace, written
from analysis.i18n import (
    award_level_label,
    change_kind_label,
    criteria_set_label,
    criterion_label,
    family_label,
    grade_label,
    load_status_label,
    ntm_level_label,
    party_org_type_label,
    party_rating_label,
    recipient_label,
    status_label,
    t,
)
from analysis.tables import incomplete_note, ntm_version, rate_text, target_text, term_actual
from analysis.theme import (
    ACTUAL_COLOR,
    AWARD_LEVEL_COLORS,
    FONT_FAMILY,
    GRADE_COLORS,
    GRADE_ORDER,
    NTM_LEVEL_COLORS,
    OKABE_ITO,
    PARTY_RATING_COLORS,
    PROJECTION_COLOR,
    STATUS_COLORS,
    TARGET_COLOR,
    TERM_TARGET_COLOR,
)
from schemas.vocab import (
    AWARD_LEVEL,
    FAMILY,
    NTM_CRITERIA_COUNT,
    NTM_LEVEL,
    PARTY_ORG_TYPE,
    PARTY_RATING,
    RECIPIENT_KIND,
    VILLAGE_LEVELS,
    ntm_criteria_version,
)

SOURCE_WRAP = 105
# A title longer than this breaks onto more lines (the printed chart is 700 px wide at 18 px).
TITLE_WRAP = 64
SUBTITLE_WRAP = 95
# A small template built once: assigning a named template ("plotly_white") costs ~40 ms per figure.
TEMPLATE = go.layout.Template(
    layout={
        "paper_bgcolor": "#FFFFFF",
        "plot_bgcolor": "#FFFFFF",
        "colorway": [
            OKABE_ITO["blue"],
            OKABE_ITO["orange"],
            OKABE_ITO["bluish_green"],
            OKABE_ITO["vermillion"],
            OKABE_ITO["reddish_purple"],
            OKABE_ITO["sky_blue"],
            OKABE_ITO["black"],
        ],
        "xaxis": {"gridcolor": "#EBEBEB", "linecolor": "#888888", "showline": True, "ticks": "", "automargin": True},
        "yaxis": {"gridcolor": "#EBEBEB", "linecolor": "#888888", "ticks": "", "automargin": True},
    }
)
LINE_TARGET_KINDS = ("end_level", "average_rate", "threshold")


def separators(lang: str) -> str:
    """Plotly's decimal and thousands separators: Vietnamese ',.' (7.978,01), English '.,'."""
    return ",." if lang == "vi" else ".,"


def _merge(into: dict, update: dict) -> dict:
    for key, value in update.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value
    return into


def _axis_update(kw: dict) -> dict:
    out: dict = {}
    for key, value in kw.items():
        if key == "title_text":
            _merge(out, {"title": {"text": value}})
        else:
            out[key] = value
    return out


class _Spec:
    """A figure under construction as plain dicts, with the few ``go.Figure`` methods we use.

    Plotly validates on every incremental call (~60–90 ms per chart); validating the finished
    dict once in ``go.Figure(...)`` costs ~5 ms.
    """

    def __init__(self) -> None:
        self.data: list[dict] = []
        self.layout: dict = {"template": TEMPLATE, "annotations": [], "shapes": []}

    def add_trace(self, trace: dict) -> None:
        self.data.append(trace)

    def add_scatter(self, **kw) -> None:
        self.data.append({"type": "scatter", **kw})

    def add_bar(self, **kw) -> None:
        self.data.append({"type": "bar", **kw})

    def update_layout(self, **kw) -> None:
        _merge(self.layout, kw)

    def update_xaxes(self, **kw) -> None:
        _merge(self.layout.setdefault("xaxis", {}), _axis_update(kw))

    def update_yaxes(self, **kw) -> None:
        _merge(self.layout.setdefault("yaxis", {}), _axis_update(kw))

    def add_annotation(self, **kw) -> None:
        self.layout["annotations"].append(kw)

    def add_vline(self, x: float, line: dict) -> None:
        self.layout["shapes"].append(
            {"type": "line", "xref": "x", "yref": "paper", "x0": x, "x1": x, "y0": 0, "y1": 1, "line": line}
        )

    def build(self) -> go.Figure:
        return go.Figure({"data": self.data, "layout": self.layout})


def _figure() -> _Spec:
    return _Spec()


def _esc(text: object) -> str:
    """Text as Plotly shows it: its pseudo-HTML (titles, legends, ticks, hovers) gets '<', '>', '&' escaped."""
    return html.escape(str(text), quote=False)


def _with_unit(value: float | None, unit: str | None, decimals: int, lang: str) -> str:
    """``format.with_unit`` for a figure: the unit is workbook text."""
    return _esc(fmt.with_unit(value, unit, decimals, lang))


def _finish(
    fig: _Spec,
    *,
    title: str,
    subtitle: str,
    source: str,
    lang: str,
    height: int = 440,
    x_title: str | None = None,
    y_title: str | None = None,
    y_suffix: str = "",
    years: Sequence[str] | None = None,
    legend: bool = True,
) -> go.Figure:
    """Title, subtitle, source line, separators, fonts and axes every figure shares. A figure left
    with no trace says so (``empty_message``): it is never shown as an empty frame."""
    if not fig.data and "meta" not in fig.layout:
        fig.update_layout(meta={"empty": t("chart_nothing", lang)})
    legend_items = sum(1 for tr in fig.data if tr.get("showlegend") is not False and tr.get("name"))
    legend_rows = -(-legend_items // 3) if legend and legend_items else 0
    title_lines = textwrap.wrap(title, TITLE_WRAP) or [title]
    subtitle_lines = textwrap.wrap(subtitle, SUBTITLE_WRAP) or [subtitle]
    extra = 22 * (len(title_lines) - 1) + 16 * (len(subtitle_lines) - 1)
    source_text = f"{t('source', lang)}: {source}"
    source_lines = textwrap.wrap(source_text, SOURCE_WRAP) or [source_text]
    bottom = 56 + (24 if x_title else 0) + 15 * len(source_lines)
    fig.update_layout(
        separators=separators(lang),
        font={"family": FONT_FAMILY, "size": 13, "color": "#1A1A1A"},
        title={
            "text": "<b>" + "<br>".join(_esc(line) for line in title_lines) + "</b>",
            "subtitle": {
                "text": "<br>".join(_esc(line) for line in subtitle_lines),
                "font": {"size": 12, "color": "#444444"},
            },
            "x": 0.01,
            "xanchor": "left",
            "xref": "container",
            "y": 0.98,
            "yanchor": "top",
            "yref": "container",
        },
        height=height + extra,
        margin={"l": 70, "r": 30, "t": 88 + 22 * legend_rows + extra, "b": bottom},
        showlegend=legend,
        legend={
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": 1.01,
            "yanchor": "bottom",
            "font": {"size": 12},
            "traceorder": "normal",
        },
        hoverlabel={"font": {"family": FONT_FAMILY, "size": 12}, "align": "left"},
        bargap=0.25,
    )
    fig.add_annotation(
        text="<br>".join(_esc(line) for line in source_lines),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        xanchor="left",
        yanchor="top",
        yshift=-(34 + (22 if x_title else 0)),
        showarrow=False,
        align="left",
        font={"size": 11, "color": "#555555"},
    )
    if x_title is not None:
        fig.update_xaxes(title_text=_esc(x_title))
    if y_title is not None:
        fig.update_yaxes(title_text=_esc(y_title))
    yaxis = fig.layout.setdefault("yaxis", {})
    for key, value in (
        ("tickformat", ",~f"),
        ("ticksuffix", y_suffix),
        ("zeroline", True),
        ("zerolinecolor", "#BBBBBB"),
    ):
        yaxis.setdefault(key, value)
    if years is not None:
        fig.update_xaxes(type="category", categoryorder="array", categoryarray=list(years))
    return fig.build()


def empty_figure(message: str, *, title: str, source: str, lang: str = "vi") -> go.Figure:
    """A titled figure that says in words why there is nothing to draw (``empty_message`` gives the words:
    pages show them instead of the figure, packs print neither)."""
    fig = _figure()
    fig.update_layout(meta={"empty": message})
    fig.add_annotation(text=_esc(message), x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _finish(fig, title=title, subtitle="", source=source, lang=lang, height=260, legend=False)


def empty_message(fig: go.Figure | dict) -> str | None:
    """Why a figure of ``empty_figure`` has nothing to draw; None for a figure with data."""
    layout = fig.get("layout", {}) if isinstance(fig, dict) else fig.layout.to_plotly_json()
    meta = layout.get("meta")
    return meta.get("empty") if isinstance(meta, dict) else None


def _integer_axis(fig: _Spec, axis: str) -> None:
    """A count axis of stacked bars: whole-number ticks ('0, 1, 2', never '0,5'), each one when the
    tallest stack is small (plotly would step by halves there)."""
    cats = "y" if axis == "x" else "x"
    stacks: dict[object, float] = {}
    for tr in fig.data:
        for cat, v in zip(tr.get(cats) or [], tr.get(axis) or [], strict=False):
            if isinstance(v, int | float):
                stacks[cat] = stacks.get(cat, 0) + v
    update = fig.update_yaxes if axis == "y" else fig.update_xaxes
    update(tickformat=",d", **({"dtick": 1} if max(stacks.values(), default=0) <= 10 else {}))


def _whole_ticks(fig: _Spec, decimals: int) -> None:
    """An indicator counted in whole units (0 decimals: people, members, km of road …): whole-number
    value ticks, one per unit when the values span ten or less."""
    if decimals > 0:
        return
    values = [v for tr in fig.data for v in (tr.get("y") or []) if isinstance(v, int | float)]
    span = (max(values) - min(0, min(values))) if values else 0
    fig.update_yaxes(tickformat=",d", **({"dtick": 1} if span <= 10 else {}))


def _headroom(fig: _Spec, share: float = 0.15) -> None:
    """Start the value axis at zero and leave room above the highest point for its labels."""
    values = [v for tr in fig.data for v in (tr.get("y") or []) if isinstance(v, int | float)]
    if not values:
        return
    low, high = min(0.0, min(values)), max(0.0, max(values))
    span = (high - low) or abs(high) or 1.0
    fig.update_yaxes(range=[low - (share * span if low < 0 else 0), high + share * span])


def _unit_suffix(unit: str | None) -> str:
    return "%" if unit and unit.startswith("%") else ""


def _years_between(first: int, last: int) -> list[str]:
    return [str(y) for y in range(first, last + 1)]


# --- overview ---------------------------------------------------------------------------------


def status_by_family(score: pl.DataFrame, *, lang: str = "vi", locality_name: str = "", year: str = "") -> go.Figure:
    """Stacked bars: indicators per family and status (▲ Vượt, ✔ Đạt, ✖ Không đạt, – Chưa có số liệu)."""
    title = t("chart_status_by_family", lang, year=year)
    source = trace.source_line(score, lang)
    if score.is_empty():
        return empty_figure(t("overview_empty", lang, year=year), title=title, source=source, lang=lang)
    counts = score.group_by("family", "status").len()
    families = [f for f in reversed(FAMILY.codes) if f in set(counts["family"].to_list())]
    labels = [family_label(f, lang) for f in families]
    fig = _figure()
    for status in ("vuot", "dat", "khong_dat", "chua_co_so_lieu"):
        by_family = dict(counts.filter(pl.col("status") == status).select("family", "len").iter_rows())
        values = [by_family.get(f, 0) for f in families]
        if not any(values):
            continue
        name = status_label(status, lang)
        fig.add_bar(
            y=labels,
            x=values,
            orientation="h",
            name=name,
            marker={"color": STATUS_COLORS[status], "line": {"color": "white", "width": 1}},
            text=[str(v) if v else "" for v in values],
            textposition="inside",
            insidetextanchor="middle",
            textfont={"color": "white" if status != "chua_co_so_lieu" else "#1A1A1A"},
            hovertext=[f"{lab}<br>{name}: {v}" for lab, v in zip(labels, values, strict=True)],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    fig.update_layout(barmode="stack")
    _integer_axis(fig, "x")
    return _finish(
        fig,
        title=title,
        subtitle=t("chart_status_by_family_sub", lang, locality=locality_name),
        x_title=t("chart_count_axis", lang),
        source=source,
        lang=lang,
        height=max(300, 150 + 42 * len(families)),
    )


# --- one indicator ----------------------------------------------------------------------------


def _point_hover(r: dict, *, name: str, unit: str, decimals: int, lang: str) -> str:
    lines = [f"<b>{_esc(r['period'])}</b> · {_esc(name)}"]
    if r.get("actual") is not None:
        # As written ('gần 72%', '80% (120/150)') and what it counts as, when those differ.
        row = {**r, "unit": unit, "decimals": decimals}
        note = written.actual_note(row, lang)
        lines.append(
            f"{t('col_actual', lang)}: {_esc(written.actual(row, lang, unit=True))}"
            + (f" · {_esc(note)}" if note else "")
            + f" ({trace.kind(r.get('actual_status'), lang=lang)})"
        )
    target = written.with_note(
        target_text({**r, "unit": unit, "decimals": decimals}, lang), written.statements_note(r, lang)
    )
    if r.get("target_value") is not None or r.get("target_text"):
        lines.append(f"{t('col_target', lang)}: {_esc(target)}")
        kind = written.source_kind(r, lang)
        if kind:
            lines.append(f"{t('col_source_kind', lang)}: {_esc(kind)}")
    if r.get("achievement_pct") is not None:
        lines.append(f"{t('col_achievement', lang)}: {fmt.pct(r['achievement_pct'], 2, lang)}")
    if r.get("status"):
        lines.append(f"{t('col_status', lang)}: {status_label(r['status'], lang)}")
    if (r.get("actual_revisions") or 0) > 1:
        lines.append(f"{t('col_revisions', lang)}: {r['actual_revisions']}")
    lines += [
        _esc(x)
        for x in trace.hover_lines(
            document=r.get("actual_source_document") or r.get("target_source_document"),
            file=r.get("actual_source_file") or r.get("target_source_file"),
            sheet=r.get("actual_source_sheet") or r.get("target_source_sheet"),
            row=r.get("actual_source_row") or r.get("target_source_row"),
            lang=lang,
        )
    ]
    return "<br>".join(lines)


def _meta(
    history: pl.DataFrame,
    name: str | None,
    unit: str | None,
    decimals: int | None,
    lang: str,
    term: dict | None = None,
) -> tuple:
    """The indicator's name, unit and decimals: as given, else from its yearly rows, else from its term row
    (an indicator with a term target and no yearly figure yet)."""
    first = history.row(0, named=True) if history.height else (term or {})
    # The locality's own name for it: its latest year's, else the term workbook's, else the catalog's.
    name = name or written.latest_name(history.to_dicts(), lang) or written.name(term or {}, lang)
    unit = unit if unit is not None else (first.get("unit") or "")
    decimals = decimals if decimals is not None else int(first.get("decimals") or 2)
    return name, unit, decimals


def _term_target_text(term: dict, unit: str, decimals: int, lang: str) -> str:
    return target_text({**term, "unit": unit, "decimals": decimals}, lang)


def indicator_trend(
    history: pl.DataFrame,
    *,
    term: dict | None = None,
    lang: str = "vi",
    locality_name: str = "",
    name: str | None = None,
    unit: str | None = None,
    decimals: int | None = None,
) -> go.Figure:
    """Actuals against annual targets by year; estimates hollow and tagged 'ước'; the term target
    drawn across the term; the projection to the end of the term at the pace so far.

    ``history``: yearly rows of ``mart_target_vs_actual`` for one indicator. ``term``: its
    ``mart_term_progress`` row (optional).
    """
    name, unit, decimals = _meta(history, name, unit, decimals, lang, term)
    source = trace.source_line(
        history if term is None else pl.concat([history, pl.DataFrame([term])], how="diagonal_relaxed"), lang
    )
    kind = (term or {}).get("target_kind")
    draw_term = (
        term is not None and (kind in LINE_TARGET_KINDS or kind is None) and term.get("target_value") is not None
    )
    years = set(history.get_column("period").to_list()) if history.height else set()
    if term is not None and (draw_term or term.get("projected_end_value") is not None):
        years |= set(_years_between(int(term["term_start"]), int(term["term_end"])))
    # Every year between the first and the last, so a gap in the figures shows as a gap.
    years_sorted = _years_between(int(min(years)), int(max(years))) if years else []
    rows = history.to_dicts()
    fig = _figure()

    with_actual = [r for r in rows if r.get("actual") is not None]
    if len(with_actual) > 1:
        fig.add_scatter(
            x=[r["period"] for r in with_actual],
            y=[r["actual"] for r in with_actual],
            mode="lines",
            line={"color": ACTUAL_COLOR, "width": 2},
            hoverinfo="skip",
            showlegend=False,
            name=t("chart_actual_line", lang),
        )
    for status, symbol, label_key in (
        ("official", "circle", "chart_actual_official"),
        ("estimate", "circle-open", "chart_actual_estimate"),
    ):
        pts = [r for r in with_actual if (r.get("actual_status") or "official") == status]
        if not pts:
            continue
        fig.add_scatter(
            x=[r["period"] for r in pts],
            y=[r["actual"] for r in pts],
            mode="markers+text" if status == "estimate" else "markers",
            marker={"symbol": symbol, "size": 12, "color": ACTUAL_COLOR, "line": {"width": 2, "color": ACTUAL_COLOR}},
            text=[t("estimate_tag", lang)] * len(pts) if status == "estimate" else None,
            textposition="top center",
            name=t(label_key, lang),
            hovertext=[_point_hover(r, name=name, unit=unit, decimals=decimals, lang=lang) for r in pts],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    for derived, symbol, label_key in (
        (False, "line-ew", "chart_target_year"),
        (True, "diamond-open", "chart_target_derived"),
    ):
        pts = [r for r in rows if r.get("target_value") is not None and bool(r.get("target_is_derived")) == derived]
        if not pts:
            continue
        fig.add_scatter(
            x=[r["period"] for r in pts],
            y=[r["target_value"] for r in pts],
            mode="markers",
            marker={
                "symbol": symbol,
                "size": 28 if symbol == "line-ew" else 12,
                "color": TARGET_COLOR,
                "line": {"width": 4 if symbol == "line-ew" else 2, "color": TARGET_COLOR},
            },
            name=t(label_key, lang),
            hovertext=[_point_hover(r, name=name, unit=unit, decimals=decimals, lang=lang) for r in pts],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    if term is not None:
        _add_term_overlay(fig, term, rows, draw_term=draw_term, unit=unit, decimals=decimals, lang=lang)
    _headroom(fig)
    _whole_ticks(fig, decimals)
    return _finish(
        fig,
        title=name,
        subtitle=t("chart_trend_sub", lang, locality=locality_name, unit=unit),
        source=source,
        lang=lang,
        y_title=unit,
        y_suffix=_unit_suffix(unit),
        years=years_sorted,
    )


def _add_term_overlay(
    fig: _Spec, term: dict, rows: list[dict], *, draw_term: bool, unit: str, decimals: int, lang: str
) -> None:
    start, end = int(term["term_start"]), int(term["term_end"])
    kind = term.get("target_kind")
    target_text = _term_target_text(term, unit, decimals, lang)
    if draw_term:
        label = t("chart_term_target", lang, term=term["term"].replace("-", "–"), target=target_text)
        fig.add_scatter(
            x=_years_between(start, end),
            y=[term["target_value"]] * (end - start + 1),
            mode="lines",
            line={"color": TERM_TARGET_COLOR, "width": 2, "dash": "dash"},
            name=_esc(label),
            hovertext=[
                "<br>".join(
                    [_esc(label)]
                    + [
                        _esc(x)
                        for x in trace.hover_lines(
                            document=term.get("target_document") or term.get("target_source_document"),
                            file=term.get("target_source_file"),
                            sheet=term.get("target_source_sheet"),
                            row=term.get("target_source_row"),
                            lang=lang,
                        )
                    ]
                )
            ]
            * (end - start + 1),
            hovertemplate="%{hovertext}<extra></extra>",
        )
    # A term report's own figure for several years, when no yearly figures: an average over them
    # ('bình quân 2021–2023: 12,5%') holds for each of those years, a line across them; a total or a
    # level holds for the span as a whole, one point at its last year (never spread across the years).
    covered = term.get("actual_covered")
    if term.get("actual_to_date_source") == "term_report" and covered and term.get("actual_to_date") is not None:
        first, _, last = str(covered).partition("-")
        across = kind in ("average_rate", "threshold")
        xs = _years_between(int(first), int(last or first)) if across else [last or first]
        label_key = "chart_term_total" if kind == "cumulative" else "col_to_date"
        label = f"{t(label_key, lang)} {str(covered).replace('-', '–')}"
        fig.add_scatter(
            x=xs,
            y=[term["actual_to_date"]] * len(xs),
            mode="lines+markers" if across else "markers",
            line={"color": ACTUAL_COLOR, "width": 3},
            marker={
                "symbol": ("circle" if across else "diamond")
                + ("-open" if term.get("actual_status") == "estimate" else ""),
                "size": 8 if across else 13,
                "color": ACTUAL_COLOR,
            },
            name=_esc(label),
            hovertext=[f"{_esc(label)}: {_with_unit(term['actual_to_date'], unit, decimals, lang)}"] * len(xs),
            hovertemplate="%{hovertext}<extra></extra>",
        )
    as_of = term.get("as_of_year")
    projected = term.get("projected_end_value")
    if as_of is None or projected is None or int(as_of) >= end or kind not in (None, "end_level", "average_rate"):
        return
    last = {int(r["period"]): r["actual"] for r in rows if r.get("actual") is not None}
    start_value = last.get(int(as_of), term.get("actual_to_date"))
    if start_value is None:
        return
    needed = term.get("required_rate_remaining")
    hover = f"{t('chart_projection', lang)} {end}: {_with_unit(projected, unit, decimals, lang)}"
    if needed is not None and term.get("on_track_grade") != "achieved":
        hover += "<br>" + _esc(t("term_needed", lang, rate=rate_text(needed, kind, unit, lang), target=target_text))
    fig.add_scatter(
        x=[str(as_of), str(end)],
        y=[start_value, projected],
        mode="lines+markers",
        line={"color": PROJECTION_COLOR, "width": 2, "dash": "dot"},
        marker={"symbol": ["circle-open", "star-open"], "size": [6, 13], "color": PROJECTION_COLOR},
        name=t("chart_projection", lang),
        hovertext=[hover, hover],
        hovertemplate="%{hovertext}<extra></extra>",
    )


def cumulative_progress(
    history: pl.DataFrame,
    term: dict,
    *,
    lang: str = "vi",
    locality_name: str = "",
    name: str | None = None,
    unit: str | None = None,
    decimals: int | None = None,
) -> go.Figure:
    """A cumulative term target ('trên 370'): yearly bars against the annual plan, the running total
    against the term target, the projection, and the years with no figure named."""
    name, unit, decimals = _meta(history, name, unit, decimals, lang, term)
    start, end = int(term["term_start"]), int(term["term_end"])
    term_label = term["term"].replace("-", "–")
    title = t("chart_cumulative_title", lang, name=name, term=term_label)
    source = trace.source_line(pl.concat([history, pl.DataFrame([term])], how="diagonal_relaxed"), lang)
    years = _years_between(start + 1, end)
    rows = {r["period"]: r for r in history.to_dicts() if r["period"] in years}
    fig = _figure()
    for status in ("official", "estimate"):
        pts = [rows[y] for y in years if y in rows and rows[y].get("actual") is not None]
        pts = [r for r in pts if (r.get("actual_status") or "official") == status]
        if not pts:
            continue
        fig.add_bar(
            x=[r["period"] for r in pts],
            y=[r["actual"] for r in pts],
            name=f"{t('chart_yearly', lang)} ({trace.kind(status, lang=lang).lower()})",
            marker={
                "color": OKABE_ITO["sky_blue"],
                "pattern": {"shape": "." if status == "estimate" else ""},
                "line": {"color": ACTUAL_COLOR, "width": 1},
            },
            text=[fmt.number(r["actual"], fmt.shown_decimals(r, "actual_decimals", decimals), lang) for r in pts],
            textposition="inside",
            hovertext=[_point_hover(r, name=name, unit=unit, decimals=decimals, lang=lang) for r in pts],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    for derived, symbol, label_key in (
        (False, "line-ew", "chart_target_year"),
        (True, "diamond-open", "chart_target_derived"),
    ):
        pts = [rows[y] for y in years if y in rows and rows[y].get("target_value") is not None]
        pts = [r for r in pts if bool(r.get("target_is_derived")) == derived]
        if pts:
            fig.add_scatter(
                x=[r["period"] for r in pts],
                y=[r["target_value"] for r in pts],
                mode="markers",
                marker={
                    "symbol": symbol,
                    "size": 30 if symbol == "line-ew" else 12,
                    "color": TARGET_COLOR,
                    "line": {"width": 4 if symbol == "line-ew" else 2, "color": TARGET_COLOR},
                },
                name=t(label_key, lang),
                hovertext=[_point_hover(r, name=name, unit=unit, decimals=decimals, lang=lang) for r in pts],
                hovertemplate="%{hovertext}<extra></extra>",
            )
    # Running total: from the yearly figures, or the term report's own figure.
    as_of = term.get("as_of_year")
    cum_x: list[str] = []
    cum_y: list[float] = []
    if term.get("actual_to_date_source") == "term_report" and as_of is not None:
        cum_x, cum_y = [str(as_of)], [term["actual_to_date"]]
    else:
        total = 0.0
        for y in years:
            r = rows.get(y)
            if r and r.get("actual") is not None:
                total += r["actual"]
                cum_x.append(y)
                cum_y.append(total)
    if cum_x:
        fig.add_scatter(
            x=cum_x,
            y=cum_y,
            mode="lines+markers+text",
            line={"color": ACTUAL_COLOR, "width": 3},
            marker={"size": 9, "color": ACTUAL_COLOR},
            text=[""] * (len(cum_y) - 1) + ["Σ " + fmt.number(cum_y[-1], decimals, lang)],
            textposition="top center",
            name=t("chart_cumulative", lang),
            hovertext=[
                f"{t('chart_cumulative', lang)} {x}: {_with_unit(v, unit, decimals, lang)}"
                for x, v in zip(cum_x, cum_y, strict=True)
            ],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    target_text = _term_target_text(term, unit, decimals, lang)
    if term.get("target_value") is not None:
        label = t("chart_term_target", lang, term=term_label, target=target_text)
        fig.add_scatter(
            x=years,
            y=[term["target_value"]] * len(years),
            mode="lines",
            line={"color": TERM_TARGET_COLOR, "width": 2, "dash": "dash"},
            name=_esc(label),
            hovertext=[
                "<br>".join(
                    [_esc(label)]
                    + [
                        _esc(x)
                        for x in trace.hover_lines(
                            document=term.get("target_document") or term.get("target_source_document"),
                            file=term.get("target_source_file"),
                            sheet=term.get("target_source_sheet"),
                            row=term.get("target_source_row"),
                            lang=lang,
                        )
                    ]
                )
            ]
            * len(years),
            hovertemplate="%{hovertext}<extra></extra>",
        )
    projected = term.get("projected_end_value")
    if cum_x and projected is not None and as_of is not None and int(as_of) < end:
        hover = f"{t('chart_projection', lang)} {end}: {_with_unit(projected, unit, decimals, lang)}"
        if term.get("required_rate_remaining") is not None and term.get("on_track_grade") != "achieved":
            hover += "<br>" + _esc(
                t(
                    "term_needed",
                    lang,
                    rate=rate_text(term["required_rate_remaining"], "cumulative", unit, lang),
                    target=target_text,
                )
            )
        fig.add_scatter(
            x=[cum_x[-1], str(end)],
            y=[cum_y[-1], projected],
            mode="lines+markers",
            line={"color": PROJECTION_COLOR, "width": 2, "dash": "dot"},
            marker={"symbol": ["circle-open", "star-open"], "size": [6, 13], "color": PROJECTION_COLOR},
            name=t("chart_projection", lang),
            hovertext=[hover, hover],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    missing = [
        y
        for y in years
        if as_of is not None and int(y) <= int(as_of) and (y not in rows or rows[y].get("actual") is None)
    ]
    if missing and term.get("actual_to_date_source") != "term_report":
        # Paper coordinates: a year-like string as an annotation x is read as a category index.
        fig.add_annotation(
            text="⚠ " + _esc(t("chart_missing_years", lang, years=", ".join(missing))),
            xref="paper",
            yref="paper",
            x=0.01,
            y=0.98,
            xanchor="left",
            yanchor="top",
            showarrow=False,
            font={"color": OKABE_ITO["vermillion"], "size": 12},
        )
    _headroom(fig)
    _whole_ticks(fig, decimals)
    return _finish(
        fig,
        title=title,
        subtitle=t("chart_trend_sub", lang, locality=locality_name, unit=unit),
        source=source,
        lang=lang,
        y_title=unit,
        years=years,
    )


# --- term -------------------------------------------------------------------------------------


def term_progress_bars(
    progress: pl.DataFrame, *, lang: str = "vi", locality_name: str = "", term: str = ""
) -> go.Figure:
    """Progress toward each term target (100% = reached), coloured and labelled by progress grade."""
    title = t("chart_term_title", lang, term=term.replace("-", "–"))
    source = trace.source_line(progress, lang)
    rows = progress.filter(pl.col("progress_pct").is_not_null()).sort("progress_pct").to_dicts()
    if not rows:
        key = "term_no_progress" if progress.height else "term_no_targets"
        return empty_figure(t(key, lang, term=term.replace("-", "–")), title=title, source=source, lang=lang)
    fig = _figure()
    for grade in GRADE_ORDER:
        pts = [r for r in rows if r["on_track_grade"] == grade]
        if not pts:
            continue
        labels = [_esc(trace.shorten(written.name(r, lang), 48)) for r in pts]
        hover = []
        for r in pts:
            unit, dec = r["unit"], int(r["decimals"])
            lines = [
                f"<b>{_esc(written.name(r, lang))}</b>",
                f"{t('col_target', lang)}: {_esc(_term_target_text(r, unit, dec, lang))}",
                f"{t('col_source_kind', lang)}: " + _esc(written.source_kind(r, lang, default="congress")),
                f"{t('col_to_date', lang)}"
                + (f" ({r['as_of_year']})" if r.get("as_of_year") else "")
                + f": {_esc(written.actual(term_actual(r), lang, unit=True, decimals=dec))}",
                f"{t('col_progress', lang)}: {fmt.pct(r['progress_pct'], 1, lang)}",
                f"{t('col_grade', lang)}: {grade_label(grade, lang)}",
            ]
            incomplete = incomplete_note(r, lang)
            if incomplete:
                lines.append(_esc(incomplete))
            lines += [
                _esc(x)
                for x in trace.hover_lines(
                    document=r.get("target_document"),
                    file=r.get("target_source_file"),
                    sheet=r.get("target_source_sheet"),
                    row=r.get("target_source_row"),
                    lang=lang,
                )
            ]
            hover.append("<br>".join(lines))
        fig.add_bar(
            y=labels,
            x=[min(r["progress_pct"], 200.0) for r in pts],
            orientation="h",
            name=grade_label(grade, lang),
            marker={"color": GRADE_COLORS[grade], "pattern": {"shape": "/" if grade == "insufficient_data" else ""}},
            text=[fmt.pct(r["progress_pct"], 1, lang) + ("*" if incomplete_note(r, lang) else "") for r in pts],
            textposition="outside",
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
        )
    fig.add_vline(x=100, line={"color": "#444444", "dash": "dash", "width": 1})
    top = max(r["progress_pct"] for r in rows)
    fig.update_xaxes(ticksuffix="%", tickformat=",~f", range=[0, max(110.0, min(top, 200.0) * 1.15)])
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=[_esc(trace.shorten(written.name(r, lang), 48)) for r in rows],
    )
    return _finish(
        fig,
        title=title,
        subtitle=t("chart_term_sub", lang, locality=locality_name),
        x_title=t("chart_progress_axis", lang),
        source=source,
        lang=lang,
        height=max(320, 170 + 30 * len(rows)),
    )


# --- new rural areas --------------------------------------------------------------------------


def ntm_named(frame: pl.DataFrame) -> pl.DataFrame:
    """NTM rows with ``unit_name`` always filled: the unit's name, else the group as written, else its code."""
    return frame.with_columns(pl.coalesce("unit_name", "group_label", "unit_code").alias("unit_name"))


def ntm_matrix_empty(year: str, lang: str = "vi") -> str:
    """Why a year has no matrix, naming as many criteria as the set in force that year has."""
    count = ntm_criteria_version(int(year) if str(year).isdigit() else None).count
    return t("ntm_matrix_empty_count", lang, year=year, n=count)


def ntm_matrix(cells: pl.DataFrame, *, lang: str = "vi", locality_name: str = "", year: str = "") -> go.Figure:
    """Communes × the 19 criteria: ✔ met (blue), ✖ not met (vermillion), blank: no figure.

    ``cells``: per-criterion rows (unit_name, criterion_no, criterion_met) for one year and set.
    """
    title = t("chart_ntm_matrix_title", lang, year=year)
    source = trace.source_line(cells, lang)
    version = ntm_version(cells, year or None)
    cells = ntm_named(cells.filter(pl.col("criterion_no").is_not_null()))
    if cells.is_empty():
        return empty_figure(ntm_matrix_empty(year, lang), title=title, source=source, lang=lang)
    units = sorted(set(cells.get_column("unit_name").to_list()), key=lambda u: str(u))
    # The set in force that year: its numbering, its names, its count (10 from 2026).
    criteria = list(range(1, version.count + 1))
    index = {(r["unit_name"], int(r["criterion_no"])): r for r in cells.to_dicts()}
    z, text, hover = [], [], []
    for unit in units:
        z_row, t_row, h_row = [], [], []
        for no in criteria:
            r = index.get((unit, no))
            met = None if r is None else r.get("criterion_met")
            z_row.append(None if met is None else (1 if met else 0))
            t_row.append("" if met is None else ("✔" if met else "✖"))
            word = t("ntm_no_cell", lang) if met is None else t("ntm_met" if met else "ntm_not_met", lang)
            extra = ""
            if r is not None:
                extra = "<br>" + "<br>".join(
                    _esc(x)
                    for x in trace.hover_lines(
                        document=r.get("source_document"),
                        file=r.get("source_file"),
                        sheet=r.get("source_sheet"),
                        row=r.get("source_row"),
                        lang=lang,
                    )
                )
                if r.get("actual_status") == "estimate":
                    word += f" ({t('estimate_tag', lang)})"
            h_row.append(f"<b>{_esc(unit)}</b><br>{_esc(criterion_label(no, lang, version.version))}: {word}{extra}")
        z.append(z_row)
        text.append(t_row)
        hover.append(h_row)
    met_counts = [sum(1 for v in row if v == 1) for row in z]
    y_labels = [_esc(f"{u} ({n}/{version.count})") for u, n in zip(units, met_counts, strict=True)]
    fig = _figure()
    fig.add_trace(
        dict(
            type="heatmap",
            z=z,
            x=[str(no) for no in criteria],
            y=y_labels,
            text=text,
            texttemplate="%{text}",
            textfont={"size": 14, "color": "white"},
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
            colorscale=[
                [0, STATUS_COLORS["khong_dat"]],
                [0.5, STATUS_COLORS["khong_dat"]],
                [0.5, STATUS_COLORS["dat"]],
                [1, STATUS_COLORS["dat"]],
            ],
            zmin=0,
            zmax=1,
            showscale=False,
            xgap=2,
            ygap=2,
        )
    )
    fig.update_xaxes(
        type="category",
        side="top",
        tickvals=[str(no) for no in criteria],
        ticktext=[str(no) for no in criteria],
        title_text=_esc(t("ntm_criterion", lang)),
    )
    fig.update_yaxes(autorange="reversed", tickformat="")
    return _finish(
        fig,
        title=title,
        subtitle=t("chart_ntm_matrix_sub", lang, locality=locality_name)
        + " · "
        + t(
            "ntm_criteria_version",
            lang,
            version=version.version.replace("-", "–"),
            decision=version.decision,
            n=version.count,
        ),
        source=source,
        lang=lang,
        height=max(300, 190 + 34 * len(units)),
        legend=False,
    )


def ntm_counts(frame: pl.DataFrame) -> pl.DataFrame:
    """Criteria met per unit (or group), year and set: reported counts, else counted from per-criterion rows."""
    if frame.is_empty():
        return pl.DataFrame(
            schema={
                "period": pl.Utf8,
                "label": pl.Utf8,
                "criteria_set": pl.Utf8,
                "criteria_met": pl.Int64,
                "criteria_met_max": pl.Int64,
                "criteria_total": pl.Int64,
                "actual_status": pl.Utf8,
                "source_file": pl.Utf8,
                "source_document": pl.Utf8,
            }
        )
    label = pl.coalesce(pl.col("unit_name"), pl.col("group_label"), pl.col("unit_code"))
    reported = frame.filter(pl.col("criteria_met").is_not_null()).with_columns(label.alias("label"))
    per_criterion = (
        frame.filter(pl.col("criterion_no").is_not_null() & pl.col("criterion_met").is_not_null())
        .with_columns(label.alias("label"))
        .group_by("period", "label", "criteria_set")
        .agg(
            pl.col("criterion_met").cast(pl.Int64).sum().alias("criteria_met"),
            pl.lit(None, dtype=pl.Int64).alias("criteria_met_max"),
            pl.col("criteria_total").max(),
            pl.when((pl.col("actual_status") == "estimate").any())
            .then(pl.lit("estimate"))
            .otherwise(pl.lit("official"))
            .alias("actual_status"),
            pl.col("source_file").first(),
            pl.col("source_document").first(),
        )
    )
    keys = ["period", "label", "criteria_set"]
    reported = reported.select(
        *keys, "criteria_met", "criteria_met_max", "criteria_total", "actual_status", "source_file", "source_document"
    )
    counted = per_criterion.join(reported.select(keys), on=keys, how="anti")
    return pl.concat([reported, counted], how="diagonal_relaxed").sort(keys)


def ntm_criteria_over_years(frame: pl.DataFrame, *, lang: str = "vi", locality_name: str = "") -> go.Figure:
    """Criteria met per commune (or group) and year; a reported range (9–14) drawn as a vertical bar."""
    title = t("chart_ntm_years_title", lang)
    source = trace.source_line(frame, lang)
    counts = ntm_counts(frame)
    if counts.is_empty():
        return empty_figure(t("ntm_over_years_empty", lang), title=title, source=source, lang=lang)
    years = sorted(set(counts.get_column("period").to_list()))
    fig = _figure()
    palette = [
        OKABE_ITO[c] for c in ("blue", "orange", "bluish_green", "vermillion", "reddish_purple", "sky_blue", "black")
    ]
    symbols = ["circle", "square", "diamond", "triangle-up", "triangle-down", "cross", "x"]
    for i, ((label, cset), part) in enumerate(counts.group_by("label", "criteria_set", maintain_order=True)):
        rows = part.sort("period").to_dicts()
        low = [r["criteria_met"] for r in rows]
        span = [
            (r["criteria_met_max"] - r["criteria_met"]) if r.get("criteria_met_max") is not None else 0 for r in rows
        ]
        estimate = [r.get("actual_status") == "estimate" for r in rows]
        colour = palette[i % len(palette)]
        symbol = symbols[i % len(symbols)]
        fig.add_scatter(
            x=[r["period"] for r in rows],
            y=low,
            mode="lines+markers" if len(rows) > 1 else "markers",
            name=_esc(f"{label} · {criteria_set_label(cset, lang)}"),
            line={"color": colour, "width": 2},
            marker={
                "color": colour,
                "size": 11,
                "symbol": [symbol + "-open" if e else symbol for e in estimate],
            },
            error_y={
                "type": "data",
                "symmetric": False,
                "array": span,
                "arrayminus": [0] * len(span),
                "color": colour,
                "thickness": 3,
                "width": 8,
            },
            hovertext=[
                "<br>".join(
                    [
                        f"<b>{_esc(label)}</b> · {_esc(r['period'])}",
                        _esc(criteria_set_label(cset, lang)),
                        f"{t('col_criteria_met', lang)}: "
                        + (
                            f"{r['criteria_met']}–{r['criteria_met_max']}"
                            if r.get("criteria_met_max") is not None
                            else str(r["criteria_met"])
                        )
                        + f"/{r.get('criteria_total') or NTM_CRITERIA_COUNT}"
                        + (f" ({t('estimate_tag', lang)})" if r.get("actual_status") == "estimate" else ""),
                    ]
                    + [
                        _esc(x)
                        for x in trace.hover_lines(
                            document=r.get("source_document"),
                            file=r.get("source_file"),
                            sheet=None,
                            row=None,
                            lang=lang,
                        )
                    ]
                )
                for r in rows
            ],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    fig.update_yaxes(range=[0, NTM_CRITERIA_COUNT + 0.9], dtick=2)
    return _finish(
        fig,
        title=title,
        subtitle=t("chart_ntm_years_sub", lang, locality=locality_name),
        source=source,
        lang=lang,
        y_title=t("chart_criteria_axis", lang),
        years=years,
    )


# Levels that are not a recognition: not yet recognised, and a dossier filed for recognition.
NTM_NOT_RECOGNISED = ("chua_dat", "de_nghi")


def ntm_levels_uncharted(frame: pl.DataFrame, lang: str = "vi") -> str | None:
    """The note under the levels chart when its table lists units not yet recognised, or whose dossier
    is filed ('Đã đề nghị công nhận'): not drawn."""
    n = frame.filter(pl.col("level_reached").is_in(NTM_NOT_RECOGNISED)).height
    if not n:
        return None
    filed = frame.filter(pl.col("level_reached") == "de_nghi").height
    return t("ntm_levels_not_recognised" if filed else "ntm_levels_not_charted", lang, n=n)


def ntm_levels(frame: pl.DataFrame, *, lang: str = "vi", locality_name: str = "") -> go.Figure:
    """Units recognised per year and level; villages hatched, estimates dotted."""
    title = t("chart_ntm_levels_title", lang)
    source = trace.source_line(frame, lang)
    reached = frame.filter(pl.col("level_reached").is_not_null() & ~pl.col("level_reached").is_in(NTM_NOT_RECOGNISED))
    if reached.is_empty():
        return empty_figure(t("ntm_levels_empty", lang), title=title, source=source, lang=lang)
    reached = reached.with_columns(
        pl.when(pl.col("unit_level").is_in(list(VILLAGE_LEVELS)))
        .then(pl.lit("village"))
        .otherwise(pl.lit("commune"))
        .alias("kind")
    )
    years = sorted(set(reached.get_column("period").to_list()))
    fig = _figure()
    for level in NTM_LEVEL.codes:
        for kind in ("commune", "village"):
            for status in ("official", "estimate"):
                part = reached.filter(
                    (pl.col("level_reached") == level) & (pl.col("kind") == kind) & (pl.col("actual_status") == status)
                )
                if part.is_empty():
                    continue
                # A group ('7 xã') counts as the units it covers; its label names it in the hover.
                by_year = (
                    part.group_by("period")
                    .agg(
                        pl.col("unit_count").fill_null(1).sum().alias("n"),
                        pl.coalesce("unit_name", "group_label").sort().alias("names"),
                    )
                    .sort("period")
                )
                kind_word = t("chart_communes" if kind == "commune" else "chart_villages", lang)
                name = f"{ntm_level_label(level, lang)} · {kind_word}" + (
                    f" ({t('estimate_tag', lang)})" if status == "estimate" else ""
                )
                fig.add_bar(
                    x=by_year["period"].to_list(),
                    y=by_year["n"].to_list(),
                    name=name,
                    marker={
                        "color": NTM_LEVEL_COLORS.get(level, OKABE_ITO["grey"]),
                        "pattern": {
                            "shape": {
                                ("commune", "official"): "",
                                ("commune", "estimate"): ".",
                                ("village", "official"): "/",
                                ("village", "estimate"): "x",
                            }[(kind, status)],
                            "fgcolor": "#1A1A1A",
                        },
                        "line": {"color": "#1A1A1A", "width": 1},
                    },
                    text=by_year["n"].cast(pl.Utf8).to_list(),
                    textposition="inside",
                    hovertext=[
                        f"<b>{_esc(y)}</b> · {_esc(name)}: {n}<br>" + _esc(", ".join(str(x) for x in names if x))
                        for y, n, names in by_year.select("period", "n", "names").iter_rows()
                    ],
                    hovertemplate="%{hovertext}<extra></extra>",
                )
    fig.update_layout(barmode="stack")
    _integer_axis(fig, "y")
    return _finish(
        fig,
        title=title,
        subtitle=t("chart_ntm_levels_sub", lang, locality=locality_name),
        source=source,
        lang=lang,
        y_title=t("chart_units_axis", lang),
        years=years,
    )


# --- party ------------------------------------------------------------------------------------


def party_charted(orgs: pl.DataFrame) -> pl.DataFrame:
    """The organisation rows the chart draws: by block when the report gives blocks, else by type
    (the types without the all-types total, unless the total is all there is)."""
    counted = orgs.filter(pl.col("org_count").is_not_null())
    by_block = counted.filter(pl.col("block").is_not_null())
    if by_block.height:
        return by_block
    by_type = counted.filter(pl.col("org_type") != "to_chuc_co_so_dang")
    return by_type if by_type.height else counted


def party_uncharted(orgs: pl.DataFrame, lang: str = "vi") -> str | None:
    """The note under a chart of ``party_organisations`` that leaves out rows of its table, or None."""
    left_out = orgs.height - party_charted(orgs).height
    return t("party_orgs_not_charted", lang, n=left_out) if left_out and party_charted(orgs).height else None


def party_rated_rest(rows: pl.DataFrame) -> pl.DataFrame:
    """Rows of organisations to stack: a row without a rating counts all ratings, so where the same block
    and type also has rated rows, its bar is what the rated ones leave of that total (``total``: the total
    as reported, for the hover); elsewhere every row as it is."""
    rated = (
        rows.filter(pl.col("rating").is_not_null())
        .group_by("block", "org_type")
        .agg(pl.col("org_count").sum().alias("_rated"))
    )
    unrated_total = pl.col("rating").is_null() & pl.col("_rated").is_not_null()
    return (
        rows.join(rated, on=["block", "org_type"], how="left", nulls_equal=True)
        .with_columns(
            pl.when(unrated_total).then(pl.col("org_count")).alias("total"),
            pl.when(unrated_total)
            .then((pl.col("org_count") - pl.col("_rated")).clip(lower_bound=0))
            .otherwise(pl.col("org_count"))
            .alias("org_count"),
        )
        .drop("_rated")
    )


def party_organisations(orgs: pl.DataFrame, *, lang: str = "vi", locality_name: str = "", year: str = "") -> go.Figure:
    """Grassroots organisations by block for one year, coloured by rating on today's scale, the ratings as
    the report wrote them ('Trong sạch, vững mạnh', 'Khá') in the hover (grey hatched: no rating given; a
    total beside rated rows is drawn as what they leave of it)."""
    title = t("chart_party_orgs_title", lang, year=year)
    source = trace.source_line(orgs, lang)
    charted = party_charted(orgs)
    if "rating_text" not in charted.columns:
        charted = charted.with_columns(pl.lit(None, dtype=pl.Utf8).alias("rating_text"))
    by_block = charted.with_columns(
        pl.coalesce(
            "block",
            pl.col("org_type").replace_strict(
                {code: party_org_type_label(code, lang) for code in PARTY_ORG_TYPE.codes}, default=pl.col("org_type")
            ),
        ).alias("block")
    )
    if by_block.is_empty():
        key = "party_orgs_no_counts" if orgs.height else "party_orgs_empty"
        return empty_figure(t(key, lang, year=year), title=title, source=source, lang=lang)
    by_block = party_rated_rest(by_block)
    blocks = (
        by_block.group_by("block", maintain_order=True)
        .agg(pl.col("org_count").sum())
        .sort("org_count")["block"]
        .to_list()
    )
    shown = [_esc(b) for b in blocks]
    fig = _figure()
    for rating in [*PARTY_RATING.codes, None]:
        part = by_block.filter(pl.col("rating").is_null() if rating is None else pl.col("rating") == rating)
        if part.is_empty():
            continue
        sums = part.group_by("block").agg(
            pl.col("org_count").sum(),
            pl.col("member_count").sum(),
            pl.col("total").sum(),
            pl.struct("org_type", "org_count").alias("rows"),
            pl.col("rating_text").drop_nulls().unique().sort().alias("words"),
        )
        lookup = {r["block"]: r for r in sums.to_dicts()}

        def breakdown(block: str, lookup: dict = lookup, label: str = party_rating_label(rating, lang)) -> str:
            """The table's rows a bar adds up (one per type of organisation), when it adds up several;
            the rating as written; the total a remainder is taken from."""
            row = lookup.get(block, {})
            rows = row.get("rows") or []
            out = ""
            if len(rows) >= 2:
                out += "".join(
                    f"<br>{_esc(party_org_type_label(r['org_type'], lang))}: {fmt.number(r['org_count'], 0, lang)}"
                    for r in rows
                )
            words = [w for w in row.get("words") or [] if w != label]
            if words:
                out += "<br>" + _esc(t("written_words", lang, words="; ".join(words)))
            if row.get("total"):
                out += "<br>" + _esc(t("party_total_hover", lang, total=fmt.number(row["total"], 0, lang)))
            return out

        values = [lookup.get(b, {}).get("org_count") or 0 for b in blocks]
        if not any(values) and rating is None and part["total"].is_not_null().all():
            continue  # the rated rows are the whole total: nothing left unrated
        name = party_rating_label(rating, lang)
        fig.add_bar(
            y=shown,
            x=values,
            orientation="h",
            name=name,
            marker={"color": PARTY_RATING_COLORS.get(rating), "pattern": {"shape": "/" if rating is None else ""}},
            text=[str(v) if v else "" for v in values],
            textposition="inside",
            hovertext=[
                f"<b>{_esc(b)}</b><br>{_esc(name)}: {fmt.number(v, 0, lang)}"
                + breakdown(b)
                + (
                    f"<br>{t('col_members', lang)}: {fmt.number(lookup[b]['member_count'], 0, lang)}"
                    if b in lookup and lookup[b].get("member_count")
                    else ""
                )
                for b, v in zip(blocks, values, strict=True)
            ],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    fig.update_layout(barmode="stack")
    _integer_axis(fig, "x")
    return _finish(
        fig,
        title=title,
        subtitle=t("chart_party_orgs_sub", lang, locality=locality_name),
        x_title=t("chart_orgs_axis", lang),
        source=source,
        lang=lang,
        height=max(300, 170 + 40 * len(blocks)),
    )


# --- awards -----------------------------------------------------------------------------------


# Recipients told apart by pattern as well as by group: collectives plain, individuals hatched, a total
# of both (the report does not split it) dotted.
RECIPIENT_PATTERNS = {"collective": "", "individual": "/", "mixed": "."}


def _award_bars(fig: _Spec, frame: pl.DataFrame, *, x_col: str, lang: str, grouped: bool) -> None:
    if "level_text" not in frame.columns:
        frame = frame.with_columns(pl.lit(None, dtype=pl.Utf8).alias("level_text"))
    for kind in RECIPIENT_KIND.codes:
        for level in AWARD_LEVEL.codes:
            part = frame.filter((pl.col("recipient_kind") == kind) & (pl.col("level") == level))
            if part.is_empty():
                continue
            sums = (
                part.group_by(x_col)
                .agg(
                    pl.col("award_count").sum(),
                    pl.col("award_title").unique().sort(),
                    pl.col("level_text").drop_nulls().unique().sort(),
                )
                .sort(x_col)
            )
            label = award_level_label(level, lang)
            name = f"{label} · {recipient_label(kind, lang)}"

            def as_written(words: list[str], level: str = level, label: str = label) -> str:
                """The level in the report's words where they say more than the label ('cấp thành phố')."""
                shown = [w for w in words if written.award_level(level, w, lang) != label]
                return ("<br>" + _esc(t("written_words", lang, words="; ".join(shown)))) if shown else ""

            fig.add_bar(
                x=sums[x_col].to_list(),
                y=sums["award_count"].to_list(),
                name=name,
                offsetgroup=kind if grouped else None,
                legendgroup=kind,
                marker={
                    "color": AWARD_LEVEL_COLORS.get(level, OKABE_ITO["grey"]),
                    "pattern": {"shape": RECIPIENT_PATTERNS.get(kind, ""), "fgcolor": "#1A1A1A"},
                    "line": {"color": "#1A1A1A", "width": 1},
                },
                hovertext=[
                    f"<b>{_esc(p)}</b> · {_esc(name)}: {fmt.number(n, 0, lang)}"
                    + as_written(words)
                    + "<br>"
                    + "<br>".join(_esc(trace.shorten(x, 70)) for x in titles[:6])
                    for p, n, titles, words in sums.select(
                        x_col, "award_count", "award_title", "level_text"
                    ).iter_rows()
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            )


def _awards_subtitle(key: str, frame: pl.DataFrame, lang: str, locality_name: str) -> str:
    """The awards chart's subtitle; with what the dots mean when some rows count collectives and
    individuals together."""
    sub = t(key, lang, locality=locality_name)
    if frame.height and (frame["recipient_kind"] == "mixed").any():
        sub += "; " + t("chart_awards_mixed_sub", lang)
    return sub


def awards_by_year(awards: pl.DataFrame, *, lang: str = "vi", locality_name: str = "") -> go.Figure:
    """Awards decided each year, stacked by level; individuals hatched."""
    title = t("chart_awards_year_title", lang)
    yearly = awards.filter(pl.col("period_kind") == "year")
    source = trace.source_line(yearly, lang)
    if yearly.is_empty():
        key = "awards_year_empty" if awards.height else "awards_empty"
        return empty_figure(t(key, lang), title=title, source=source, lang=lang)
    fig = _figure()
    _award_bars(fig, yearly, x_col="period", lang=lang, grouped=False)
    fig.update_layout(barmode="stack")
    _integer_axis(fig, "y")
    return _finish(
        fig,
        title=title,
        subtitle=_awards_subtitle("chart_awards_year_sub", yearly, lang, locality_name),
        source=source,
        lang=lang,
        y_title=t("chart_awards_axis", lang),
        years=sorted(set(yearly["period"].to_list())),
    )


def award_totals(awards: pl.DataFrame) -> pl.DataFrame:
    """Rows that count toward totals: detail rows already inside a summary row are left out."""
    return awards.filter(~pl.col("part_of_summary"))


def awards_by_period(awards: pl.DataFrame, *, lang: str = "vi", locality_name: str = "") -> go.Figure:
    """Totals per reported period and level, collective and individual side by side, never double counted."""
    title = t("chart_awards_total_title", lang)
    totals = award_totals(awards)
    source = trace.source_line(totals, lang)
    if totals.is_empty():
        key = "awards_no_totals" if awards.height else "awards_empty"
        return empty_figure(t(key, lang), title=title, source=source, lang=lang)
    fig = _figure()
    _award_bars(fig, totals, x_col="period", lang=lang, grouped=True)
    fig.update_layout(barmode="stack")
    _integer_axis(fig, "y")
    return _finish(
        fig,
        title=title,
        subtitle=_awards_subtitle("chart_awards_total_sub", totals, lang, locality_name),
        source=source,
        lang=lang,
        y_title=t("chart_awards_axis", lang),
        years=sorted(set(totals["period"].to_list())),
    )


# --- data -------------------------------------------------------------------------------------


def load_results(log: pl.DataFrame, *, lang: str = "vi", locality_name: str = "") -> go.Figure:
    """Rows loaded, rejected and warned about per workbook (latest load of each)."""
    title = t("chart_load_title", lang)
    source = t("source_warehouse", lang) + " (load_log)"
    if log.is_empty():
        return empty_figure(t("no_rows", lang), title=title, source=source, lang=lang)
    per_file = (
        log.group_by("file")
        .agg(
            pl.col("rows_loaded").sum(),
            pl.col("rows_rejected").sum(),
            pl.col("warnings").sum(),
            pl.col("status").filter(pl.col("status") == "failed").len().alias("failed"),
        )
        .sort("file", descending=True)
    )
    files = per_file["file"].to_list()
    shown = [_esc(f) for f in files]
    fig = _figure()
    for col, key, colour, shape in (
        ("rows_loaded", "col_rows_loaded", OKABE_ITO["bluish_green"], ""),
        ("rows_rejected", "col_rows_rejected", OKABE_ITO["vermillion"], "x"),
        ("warnings", "col_warnings", OKABE_ITO["orange"], "."),
    ):
        values = per_file[col].to_list()
        if not any(values):
            continue
        fig.add_bar(
            y=shown,
            x=values,
            orientation="h",
            name=t(key, lang),
            marker={"color": colour, "pattern": {"shape": shape}},
            hovertext=[
                f"<b>{_esc(f)}</b><br>{t(key, lang)}: {fmt.number(v, 0, lang)}"
                for f, v in zip(files, values, strict=True)
            ],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    failed = per_file.filter(pl.col("failed") > 0)["file"].to_list()
    for f in failed:
        fig.add_annotation(
            x=0, y=_esc(f), text="⚠ " + _esc(load_status_label("failed", lang)), showarrow=False, xanchor="left"
        )
    fig.update_layout(barmode="stack")
    _integer_axis(fig, "x")
    return _finish(
        fig,
        title=title,
        subtitle=t("chart_load_sub", lang, locality=locality_name),
        x_title=t("chart_rows_axis", lang),
        source=source,
        lang=lang,
        height=max(300, 160 + 26 * len(files)),
    )


__all__ = [
    "award_totals",
    "awards_by_period",
    "awards_by_year",
    "cumulative_progress",
    "empty_figure",
    "indicator_trend",
    "load_results",
    "ntm_counts",
    "ntm_criteria_over_years",
    "ntm_levels",
    "ntm_matrix",
    "party_organisations",
    "separators",
    "status_by_family",
    "term_progress_bars",
]


# --- many units: one indicator across units, a series across administrative change, a map -----------


def units_indicator(
    league: pl.DataFrame,
    *,
    lang: str = "vi",
    locality_name: str = "",
    year: str = "",
    name: str = "",
    unit: str = "",
    decimals: int = 2,
) -> go.Figure:
    """One indicator across the units of a locality: a bar per unit with a figure (coloured by its
    status), its target marked; units without the figure are named under the chart, never drawn as zero.

    ``league``: ``analysis.units.league`` rows (name, actual, target_value, status, achievement_pct)."""
    title = t("chart_units_title", lang, name=name, year=year)
    source = t("source_warehouse", lang)
    rows = league.filter(pl.col("actual").is_not_null()) if league.height else league
    if rows.height == 0:
        return empty_figure(t("chart_units_empty", lang, year=year), title=title, source=source, lang=lang)
    rows = rows.sort("actual")
    labels = [_esc(n) for n in rows.get_column("name").to_list()]
    fig = _figure()
    for status in ("vuot", "dat", "khong_dat", "chua_co_so_lieu"):
        part = rows.filter(pl.col("status").fill_null("chua_co_so_lieu") == status)
        if part.height == 0:
            continue
        names = [_esc(n) for n in part.get_column("name").to_list()]
        fig.add_bar(
            y=names,
            x=part.get_column("actual").to_list(),
            orientation="h",
            name=status_label(status, lang),
            marker={"color": STATUS_COLORS[status]},
            text=[_with_unit(v, "", decimals, lang).strip() for v in part.get_column("actual").to_list()],
            textposition="outside",
            hovertext=[
                "<br>".join(
                    [
                        f"<b>{n}</b>",
                        f"{t('col_actual', lang)}: {_with_unit(r['actual'], unit, decimals, lang)}",
                        f"{t('col_target', lang)}: {_with_unit(r['target_value'], unit, decimals, lang)}"
                        if r["target_value"] is not None
                        else t("chart_units_no_target", lang),
                        f"{t('col_achievement', lang)}: {fmt.pct(r['achievement_pct'], 2, lang)}",
                    ]
                )
                for n, r in zip(names, part.to_dicts(), strict=True)
            ],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    targets = rows.filter(pl.col("target_value").is_not_null())
    if targets.height:
        fig.add_scatter(
            y=[_esc(n) for n in targets.get_column("name").to_list()],
            x=targets.get_column("target_value").to_list(),
            mode="markers",
            marker={
                "symbol": "line-ns",
                "size": 22,
                "line": {"width": 4, "color": TARGET_COLOR},
                "color": TARGET_COLOR,
            },
            name=t("chart_target_year", lang),
            hovertext=[
                f"{_esc(n)}<br>{t('col_target', lang)}: {_with_unit(v, unit, decimals, lang)}"
                for n, v in targets.select("name", "target_value").iter_rows()
            ],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=labels)
    missing = league.filter(pl.col("actual").is_null()).get_column("name").to_list() if league.height else []
    subtitle = t("chart_units_sub", lang, locality=locality_name, unit=unit)
    if missing:
        subtitle += " · " + t(
            "chart_units_missing",
            lang,
            n=len(missing),
            units=", ".join(missing[:12]) + (" …" if len(missing) > 12 else ""),
        )
    return _finish(
        fig,
        title=title,
        subtitle=subtitle,
        x_title=unit,
        source=source,
        lang=lang,
        height=max(320, 130 + 26 * rows.height),
    )


CHANGE_COLOR = OKABE_ITO["reddish_purple"]


def series_across_change(
    series: object,
    *,
    names: dict[str, str],
    lang: str = "vi",
    locality_name: str = "",
    name: str = "",
    unit: str = "",
    decimals: int = 2,
) -> go.Figure:
    """A unit's figures, and before it existed the figures recomputed from the units it was formed
    from (dashed, hollow, 'tính lại từ đơn vị cũ'), or those units' own figures when they cannot be
    combined (thin, each named); the date of each change marked.

    ``series``: ``analysis.units.Series``; ``names``: unit code → name."""
    rows, changes = series.rows, series.changes
    title = t("chart_change_title", lang, name=name)
    source = t("source_warehouse", lang)
    if rows.height == 0:
        return empty_figure(t("chart_nothing", lang), title=title, source=source, lang=lang)
    years = sorted(set(rows.get_column("period").to_list()))
    if changes.height:
        years = sorted(set(years) | {str(d.year) for d in changes.get_column("change_date").drop_nulls().to_list()})
    years = _years_between(int(years[0]), int(years[-1]))
    fig = _figure()
    method_word = {
        "sum": t("chart_change_sum", lang),
        "weighted": t("chart_change_weighted", lang),
        "carried": t("chart_change_carried", lang),
    }
    recomputed = rows.filter(pl.col("source") == "recomputed").sort("period")
    own = rows.filter(pl.col("source") == "own").sort("period")
    if recomputed.height:
        # Joined to the unit's first own figure, so the line runs on through the change.
        joined = pl.concat([recomputed, own.head(1)]) if own.height else recomputed
        fig.add_scatter(
            x=joined.get_column("period").to_list(),
            y=joined.get_column("actual").to_list(),
            mode="lines",
            line={"color": ACTUAL_COLOR, "width": 2, "dash": "dash"},
            hoverinfo="skip",
            showlegend=False,
            name=t("chart_change_recomputed", lang),
        )
        methods = sorted(set(recomputed.get_column("method").to_list()))
        label = t("chart_change_recomputed", lang) + " (" + ", ".join(method_word.get(m, m) for m in methods) + ")"
        fig.add_scatter(
            x=recomputed.get_column("period").to_list(),
            y=recomputed.get_column("actual").to_list(),
            mode="markers",
            marker={"symbol": "circle-open", "size": 11, "color": ACTUAL_COLOR, "line": {"width": 2}},
            name=_esc(label),
            hovertext=[
                f"<b>{r['period']}</b> · {_esc(t('chart_change_recomputed', lang))}<br>"
                f"{_with_unit(r['actual'], unit, decimals, lang)} ({_esc(method_word.get(r['method'], r['method']))})<br>"
                + _esc(t("chart_change_from", lang, units=", ".join(names.get(c, c) for c in r["members"].split(";"))))
                for r in recomputed.to_dicts()
            ],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    if own.height:
        fig.add_scatter(
            x=own.get_column("period").to_list(),
            y=own.get_column("actual").to_list(),
            mode="lines+markers",
            line={"color": ACTUAL_COLOR, "width": 2},
            marker={"symbol": "circle", "size": 11, "color": ACTUAL_COLOR},
            name=_esc(t("chart_change_own", lang, unit=names.get(own.item(0, "locality_code"), ""))),
            hovertext=[
                f"<b>{r['period']}</b> · {_esc(names.get(r['locality_code'], r['locality_code']))}<br>"
                f"{_with_unit(r['actual'], unit, decimals, lang)} ({trace.kind(r.get('actual_status'), lang=lang)})"
                for r in own.to_dicts()
            ],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    old = rows.filter(pl.col("source") == "predecessor")
    palette = [OKABE_ITO[c] for c in ("sky_blue", "orange", "bluish_green", "vermillion", "blue", "grey")]
    for i, (code,) in enumerate(old.select("locality_code").unique(maintain_order=True).iter_rows()):
        part = old.filter(pl.col("locality_code") == code).sort("period")
        label = t("chart_change_old_unit", lang, unit=names.get(code, code))
        fig.add_scatter(
            x=part.get_column("period").to_list(),
            y=part.get_column("actual").to_list(),
            mode="lines+markers",
            line={"color": palette[i % len(palette)], "width": 1.5, "dash": "dot"},
            marker={"size": 7, "color": palette[i % len(palette)]},
            name=_esc(label),
            hovertext=[
                f"<b>{r['period']}</b> · {_esc(label)}<br>{_with_unit(r['actual'], unit, decimals, lang)}"
                for r in part.to_dicts()
            ],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    for change in changes.select("change_date", "kind").unique().sort("change_date").to_dicts():
        day = change["change_date"]
        if day is None:
            continue
        x = str(day.year)
        fig.layout["shapes"].append(
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": x,
                "x1": x,
                "y0": 0,
                "y1": 1,
                "line": {"color": CHANGE_COLOR, "width": 2, "dash": "dashdot"},
            }
        )
        fig.add_annotation(
            x=x,
            y=1,
            xref="x",
            yref="paper",
            yanchor="bottom",
            showarrow=False,
            text=_esc(
                t(
                    "chart_change_marker",
                    lang,
                    kind=change_kind_label(change["kind"], lang),
                    date=day.strftime("%d/%m/%Y"),
                )
            ),
            font={"size": 11, "color": CHANGE_COLOR},
        )
    _headroom(fig)
    _whole_ticks(fig, decimals)
    return _finish(
        fig,
        title=title,
        subtitle=t("chart_change_sub", lang, locality=locality_name, unit=unit),
        source=source,
        lang=lang,
        y_title=unit,
        y_suffix=_unit_suffix(unit),
        years=years,
    )


def _centroid(geometry: dict) -> tuple[float, float] | None:
    """A label point of a polygon: the mean of its largest ring's vertices (enough for a label)."""
    rings = geometry.get("coordinates") or []
    rings = [poly[0] for poly in rings if poly] if geometry.get("type") == "MultiPolygon" else rings[:1]
    ring = max(rings, key=len, default=None)
    if not ring:
        return None
    return sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)


MAP_LABELS_UP_TO = 40


def unit_map(
    boundaries: pl.DataFrame,
    values: pl.DataFrame,
    *,
    lang: str = "vi",
    locality_name: str = "",
    year: str = "",
    measure: str = "",
    unit: str = "",
    decimals: int = 1,
) -> go.Figure:
    """A choropleth of one measure over the units of a locality, from its ``ban-do.geojson``.

    ``boundaries``: unit_code, unit_name, geometry (GeoJSON text); ``values``: locality_code, name,
    value. Units without a value are drawn grey and say so; names label the units (up to 40)."""
    title = t("chart_map_title", lang, measure=measure, year=year)
    source = t("chart_map_source", lang)
    if boundaries.height == 0:
        return empty_figure(t("cmp_map_missing_short", lang), title=title, source=source, lang=lang)
    features, centres = [], {}
    for code, geometry in boundaries.select("unit_code", "geometry").iter_rows():
        geo = json.loads(geometry)
        features.append({"type": "Feature", "id": code, "properties": {"ma_don_vi": code}, "geometry": geo})
        centre = _centroid(geo)
        if centre:
            centres[code] = centre
    geojson = {"type": "FeatureCollection", "features": features}
    known = dict(values.select("locality_code", "value").iter_rows()) if values.height else {}
    names = dict(values.select("locality_code", "name").iter_rows()) if values.height else {}
    for code, nm in boundaries.select("unit_code", "unit_name").iter_rows():
        names.setdefault(code, nm or code)
    drawn = boundaries.get_column("unit_code").to_list()
    with_value = [c for c in drawn if known.get(c) is not None]
    without = [c for c in drawn if known.get(c) is None]
    fig = _figure()
    if with_value:
        fig.add_trace(
            {
                "type": "choropleth",
                "geojson": geojson,
                "featureidkey": "properties.ma_don_vi",
                "locations": with_value,
                "z": [known[c] for c in with_value],
                "colorscale": "Blues",
                "marker": {"line": {"color": "#FFFFFF", "width": 1}},
                "colorbar": {"title": {"text": _esc(unit)}, "thickness": 14},
                "name": _esc(measure),
                "hovertext": [
                    f"<b>{_esc(names.get(c, c))}</b><br>{_with_unit(known[c], unit, decimals, lang)}"
                    for c in with_value
                ],
                "hovertemplate": "%{hovertext}<extra></extra>",
            }
        )
    if without:
        fig.add_trace(
            {
                "type": "choropleth",
                "geojson": geojson,
                "featureidkey": "properties.ma_don_vi",
                "locations": without,
                "z": [0] * len(without),
                "colorscale": [[0, "#DDDDDD"], [1, "#DDDDDD"]],
                "showscale": False,
                "marker": {"line": {"color": "#FFFFFF", "width": 1}},
                "name": t("cmp_no_figures_short", lang),
                "showlegend": True,
                "hovertext": [f"<b>{_esc(names.get(c, c))}</b><br>{t('cmp_no_figures_short', lang)}" for c in without],
                "hovertemplate": "%{hovertext}<extra></extra>",
            }
        )
    if len(centres) <= MAP_LABELS_UP_TO:
        labelled = [c for c in drawn if c in centres]
        fig.add_trace(
            {
                "type": "scattergeo",
                "lon": [centres[c][0] for c in labelled],
                "lat": [centres[c][1] for c in labelled],
                "mode": "text",
                "text": [_esc(names.get(c, c)) for c in labelled],
                "textfont": {"size": 10, "color": "#1A1A1A"},
                "hoverinfo": "skip",
                "showlegend": False,
            }
        )
    fig.update_layout(
        geo={"fitbounds": "locations", "visible": False, "projection": {"type": "mercator"}, "bgcolor": "#FFFFFF"},
    )
    return _finish(
        fig,
        title=title,
        subtitle=t("chart_map_sub", lang, locality=locality_name, unit=unit, n=len(with_value), total=len(drawn)),
        source=source,
        lang=lang,
        height=520,
    )
