"""Thi đua – Khen thưởng: awards by year, level and title, collective and individual, never double counted."""

from __future__ import annotations

import polars as pl
import streamlit as st

from analysis import charts, tables
from analysis import format as fmt
from analysis.i18n import recipient_label, t
from dashboards import data, state, ui

sel = state.current()
warehouse = data.reader()
lang = sel.lang
st.title(t("awards_title", lang, locality=fmt.md(sel.locality_name)))

awards = warehouse.awards(sel.locality)
if awards.is_empty():
    st.info(t("awards_empty", lang))
    st.stop()

totals = charts.award_totals(awards)
by_kind = dict(totals.group_by("recipient_kind").agg(pl.col("award_count").sum()).iter_rows())
ui.cards(
    [
        (
            t("awards_total_metric", lang),
            fmt.number(totals["award_count"].sum(), 0, lang),
            t("awards_totals_note", lang),
        ),
        (recipient_label("collective", lang), fmt.number(by_kind.get("collective", 0), 0, lang), None),
        (recipient_label("individual", lang), fmt.number(by_kind.get("individual", 0), 0, lang), None),
    ]
    # A total the report gives for collectives and individuals together, never split by guesswork.
    + ([(recipient_label("mixed", lang), fmt.number(by_kind["mixed"], 0, lang), None)] if by_kind.get("mixed") else [])
)

st.subheader(t("awards_totals", lang))
st.caption(t("awards_totals_note", lang))
ui.chart(
    charts.awards_by_period(awards, lang=lang, locality_name=sel.locality_name),
    key="awards-period",
    filename=f"khen-thuong-giai-doan-{sel.locality}",
    data=totals,
    lang=lang,
)
ui.table(
    tables.awards(totals.sort("period", "level", "award_title"), lang),
    key="awards-totals",
    filename=f"khen-thuong-tong-hop-{sel.locality}",
    lang=lang,
)

st.subheader(t("awards_by_year", lang))
st.caption(t("awards_by_year_note", lang))
ui.chart(
    charts.awards_by_year(awards, lang=lang, locality_name=sel.locality_name),
    key="awards-year",
    filename=f"khen-thuong-theo-nam-{sel.locality}",
    data=awards.filter(pl.col("period_kind") == "year"),
    lang=lang,
)
with st.expander(t("awards_details", lang)):
    ui.table(
        tables.awards(awards.filter(pl.col("period_kind") == "year"), lang, details=True),
        key="awards-details",
        filename=f"khen-thuong-chi-tiet-{sel.locality}",
        lang=lang,
    )
