"""Tổng quan: every indicator of the year, met or not, by family; the term targets at a glance."""

from __future__ import annotations

import polars as pl
import streamlit as st

from analysis import charts, tables
from analysis import format as fmt
from analysis.i18n import family_label, grade_label, status_label, t
from analysis.theme import GRADE_COLORS, GRADE_ORDER, STATUS_COLORS
from dashboards import data, state, ui

SPARK_YEARS = 6

sel = state.current()
warehouse = data.reader()
lang = sel.lang
st.title(t("overview_title", lang, year=sel.year, locality=fmt.md(sel.locality_name)))

with st.sidebar:
    ui.report_pack(locality=sel.locality, period=sel.year, lang=lang, key="pack-year")

score = warehouse.scorecard(sel.locality, sel.year)
if score.is_empty():
    st.info(t("overview_empty", lang, year=sel.year))
    st.stop()

counts = dict(score.group_by("status").len().iter_rows())
met = counts.get("vuot", 0) + counts.get("dat", 0)
missed = counts.get("khong_dat", 0)
ui.cards(
    [
        (status_label(code, lang), str(counts.get(code, 0)), None, STATUS_COLORS[code])
        for code in ("vuot", "dat", "khong_dat", "chua_co_so_lieu")
    ]
)
st.markdown(t("overview_counts", lang, met=met, judged=met + missed, missed=missed))
st.caption(t("overview_no_data_note", lang))

if sel.term:
    progress = warehouse.term_progress(sel.locality, sel.term)
    tracked = progress.filter(pl.col("target_value").is_not_null())
    with st.container(border=True):
        st.subheader(t("overview_term", lang, term=sel.term.replace("-", "–")))
        grades = dict(tracked.group_by("on_track_grade").len().iter_rows())
        shown = [g for g in GRADE_ORDER if grades.get(g)]
        if shown:
            ui.cards([(grade_label(g, lang), str(grades[g]), None, GRADE_COLORS[g]) for g in shown])
        st.caption(t("overview_term_counts", lang, n=tracked.height))
        st.page_link("pages/term.py", label=t("open_term_page", lang), icon=":material/arrow_forward:")

ui.chart(
    charts.status_by_family(score, lang=lang, locality_name=sel.locality_name, year=sel.year),
    key="overview-families",
    filename=f"tong-quan-{sel.locality}-{sel.year}",
    data=score,
    lang=lang,
)

first = str(int(sel.year) - SPARK_YEARS + 1) if sel.year.isdigit() else sel.year
spark = tables.sparkline_series(warehouse.recent_actuals(sel.locality, first, sel.year))
trend_label = t("col_trend", lang, first=first, last=sel.year)
# Targets the year's reports state more than once: the ones not applied are listed in the provenance.
statements = warehouse.target_statements(sel.locality, period=sel.year)
for family in tables.families_present(score):
    part = score.filter(pl.col("family") == family)
    st.subheader(f"{family_label(family, lang)} · {t('family_count', lang, n=part.height)}")
    ui.table(
        tables.scorecard(part, lang, spark=spark, trend_label=trend_label),
        key=f"score-{family}",
        filename=f"chi-tieu-{sel.locality}-{sel.year}-{family}",
        lang=lang,
    )
    ui.provenance(
        tables.provenance(part, lang, statements=statements),
        key=f"trace-{family}",
        filename=f"nguon-{sel.locality}-{sel.year}-{family}",
        lang=lang,
    )

# Figures of named units (a commune, a ward) that the locality's own reports state.
units = warehouse.unit_figures(sel.locality, sel.year)
if units.height:
    st.subheader(t("units_title", lang))
    st.caption(t("units_intro", lang, locality=fmt.md(sel.locality_name)))
    ui.table(
        tables.scorecard(units, lang, units=True),
        key="score-units",
        filename=f"chi-tieu-don-vi-{sel.locality}-{sel.year}",
        lang=lang,
    )
    ui.provenance(
        tables.provenance(units, lang),
        key="trace-units",
        filename=f"nguon-don-vi-{sel.locality}-{sel.year}",
        lang=lang,
    )
