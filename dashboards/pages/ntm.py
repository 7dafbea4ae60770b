"""Nông thôn mới: communes × 19 criteria, criteria met over the years, levels reached, villages."""

from __future__ import annotations

import polars as pl
import streamlit as st

from analysis import charts, tables
from analysis import format as fmt
from analysis.i18n import t
from dashboards import data, state, ui

sel = state.current()
warehouse = data.reader()
lang = sel.lang
st.title(t("ntm_title", lang, locality=fmt.md(sel.locality_name)))

ntm = warehouse.ntm(sel.locality)
if ntm.is_empty():
    st.info(t("ntm_no_data", lang))
    st.stop()

# 1. The matrix for the chosen year (per-criterion rows only).
st.subheader(t("ntm_matrix", lang, year=sel.year))
cells = ntm.filter((pl.col("period") == sel.year) & pl.col("criterion_no").is_not_null())
if cells.is_empty():
    st.info(charts.ntm_matrix_empty(sel.year, lang))
else:
    # One matrix per criteria set reported that year (usually only the basic set).
    for cset in cells["criteria_set"].unique(maintain_order=True).to_list():
        part = cells.filter(pl.col("criteria_set") == cset)
        ui.chart(
            charts.ntm_matrix(part, lang=lang, locality_name=sel.locality_name, year=sel.year),
            key=f"ntm-matrix-{cset}",
            filename=f"ntm-tieu-chi-{sel.locality}-{sel.year}-{cset}",
            data=part,
            lang=lang,
        )
        ui.table(
            tables.ntm_matrix(part, lang),
            key=f"ntm-matrix-table-{cset}",
            filename=f"ntm-tieu-chi-{sel.locality}-{sel.year}-{cset}",
            lang=lang,
        )

# 2. Criteria met per commune (or group) over the years.
st.subheader(t("ntm_over_years", lang))
counts = charts.ntm_counts(ntm)
if counts.is_empty():
    st.info(t("ntm_over_years_empty", lang))
else:
    ui.chart(
        charts.ntm_criteria_over_years(ntm, lang=lang, locality_name=sel.locality_name),
        key="ntm-years",
        filename=f"ntm-so-tieu-chi-{sel.locality}",
        data=ntm,
        lang=lang,
    )
    ui.table(tables.ntm_counts(counts, lang), key="ntm-counts", filename=f"ntm-so-tieu-chi-{sel.locality}", lang=lang)

# 3. Levels reached (communes and villages).
st.subheader(t("ntm_levels", lang))
levels = ntm.filter(pl.col("level_reached").is_not_null())
if levels.is_empty():
    st.info(t("ntm_levels_empty", lang))
else:
    ui.chart(
        charts.ntm_levels(ntm, lang=lang, locality_name=sel.locality_name),
        key="ntm-levels",
        filename=f"ntm-muc-dat-{sel.locality}",
        data=ntm,
        lang=lang,
    )
    uncharted = charts.ntm_levels_uncharted(levels, lang)
    if uncharted:
        st.caption(uncharted)
    ui.table(tables.ntm_levels(ntm, lang), key="ntm-levels-table", filename=f"ntm-muc-dat-{sel.locality}", lang=lang)

# 4. Villages.
st.subheader(t("ntm_villages", lang))
villages = tables.ntm_levels(ntm, lang, villages_only=True)
if villages.empty:
    st.info(t("ntm_villages_empty", lang))
else:
    ui.table(villages, key="ntm-villages", filename=f"ntm-thon-lang-{sel.locality}", lang=lang)
