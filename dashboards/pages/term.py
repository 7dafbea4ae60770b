"""Nhiệm kỳ: every target of the congress term, progress to date, paces and the on-track grade."""

from __future__ import annotations

import polars as pl
import streamlit as st

from analysis import charts, tables, written
from analysis import format as fmt
from analysis.i18n import grade_label, t
from analysis.theme import GRADE_COLORS, GRADE_ORDER
from dashboards import data, state, ui

sel = state.current()
warehouse = data.reader()
lang = sel.lang
if not sel.term:
    st.info(t("term_no_targets", lang, term=""))
    st.stop()
term_label = sel.term.replace("-", "–")
st.title(t("term_title", lang, term=term_label, locality=fmt.md(sel.locality_name)))
st.caption(t("term_intro", lang))

with st.sidebar:
    ui.report_pack(locality=sel.locality, period=sel.term, lang=lang, key="pack-term")

progress = warehouse.term_progress(sel.locality, sel.term)
targets = progress.filter(pl.col("target_value").is_not_null() | pl.col("target_text").is_not_null())
others = progress.filter(pl.col("target_value").is_null() & pl.col("target_text").is_null())

if targets.is_empty():
    st.info(t("term_no_targets", lang, term=term_label))
else:
    grades = dict(targets.group_by("on_track_grade").len().iter_rows())
    ui.cards([(grade_label(g, lang), str(grades[g]), None, GRADE_COLORS[g]) for g in GRADE_ORDER if grades.get(g)])
    # Not every term target is the congress resolution's: a programme, a plan … set some.
    sources = written.source_words(written.source_counts(targets.to_dicts()), lang)
    st.caption(t("term_sources", lang, sources=fmt.md(sources)))
    ui.chart(
        charts.term_progress_bars(targets, lang=lang, locality_name=sel.locality_name, term=sel.term),
        key="term-progress",
        filename=f"nhiem-ky-{sel.locality}-{sel.term}",
        data=targets,
        lang=lang,
    )
    ui.table(
        tables.term_targets(targets, lang),
        key="term-targets",
        filename=f"muc-tieu-nhiem-ky-{sel.locality}-{sel.term}",
        lang=lang,
    )
    ui.provenance(
        tables.term_provenance(targets, lang, statements=warehouse.target_statements(sel.locality, period=sel.term)),
        key="term-trace",
        filename=f"nguon-nhiem-ky-{sel.locality}-{sel.term}",
        lang=lang,
    )

if others.height:
    with st.expander(t("term_other_figures", lang, n=others.height)):
        ui.table(
            tables.term_targets(others, lang),
            key="term-others",
            filename=f"so-lieu-nhiem-ky-{sel.locality}-{sel.term}",
            lang=lang,
        )
