"""Xây dựng Đảng: admissions against plan and against the term target, members, organisations."""

from __future__ import annotations

import polars as pl
import streamlit as st

from analysis import charts, tables, written
from analysis import format as fmt
from analysis.i18n import grade_label, status_label, t
from analysis.theme import GRADE_COLORS, STATUS_COLORS
from dashboards import data, state, ui

ADMISSIONS = "party_members_admitted"
MEMBERS = "party_members_total"

sel = state.current()
warehouse = data.reader()
lang = sel.lang
st.title(t("party_title", lang, locality=fmt.md(sel.locality_name)))

# 1. Admissions: the year against its plan, the term total against the congress target.
st.subheader(t("party_admissions", lang))
admissions = warehouse.indicator_history(sel.locality, ADMISSIONS)
term = warehouse.term_row(sel.locality, ADMISSIONS, sel.term) if sel.term else None
if admissions.is_empty() and term is None:
    st.info(t("party_no_admissions", lang))
else:
    year_row = admissions.filter(pl.col("period") == sel.year)
    items = []
    if year_row.height:
        r = year_row.row(0, named=True)
        items.append(
            (
                t("party_admitted_year", lang, year=sel.year),
                written.actual(r, lang),
                written.actual_note(r, lang) or None,
            )
        )
        items.append(
            (
                t("party_plan_year", lang, year=sel.year),
                tables.target_text(r, lang, short=True),
                t("party_vs_plan", lang, pct=fmt.pct(r["achievement_pct"], 2, lang))
                + " · "
                + status_label(r["status"], lang),
                STATUS_COLORS.get(r["status"]),
            )
        )
    if term is not None and term.get("actual_to_date") is not None:
        items.append(
            (
                t("party_cumulative", lang, term=sel.term.replace("-", "–")),
                fmt.number(term["actual_to_date"], int(term["decimals"]), lang),
                t("party_against", lang, target=tables.target_text(term, lang))
                + f" ({fmt.pct(term['progress_pct'], 1, lang)})",
            )
        )
        grade = term["on_track_grade"]
        items.append((t("col_grade", lang), grade_label(grade, lang), None, GRADE_COLORS.get(grade)))
    if items:
        ui.cards(items)
    incomplete = tables.incomplete_note(term, lang) if term is not None else None
    if incomplete:
        st.warning(incomplete, icon=":material/warning:")
    if term is not None:
        ui.chart(
            charts.cumulative_progress(admissions, term, lang=lang, locality_name=sel.locality_name),
            key="party-admissions",
            filename=f"ket-nap-dang-{sel.locality}-{sel.term}",
            data=[admissions, term],
            lang=lang,
        )
    else:
        ui.chart(
            charts.indicator_trend(admissions, lang=lang, locality_name=sel.locality_name),
            key="party-admissions",
            filename=f"ket-nap-dang-{sel.locality}",
            data=admissions,
            lang=lang,
        )
    ui.table(
        tables.indicator_years(admissions, lang),
        key="party-admissions-table",
        filename=f"ket-nap-dang-{sel.locality}",
        lang=lang,
    )
    ui.provenance(
        tables.indicator_provenance(admissions, term, lang),
        key="party-admissions-trace",
        filename=f"nguon-ket-nap-dang-{sel.locality}",
        lang=lang,
    )

# 2. Total members.
members = warehouse.indicator_history(sel.locality, MEMBERS)
if members.height:
    st.subheader(t("party_members", lang))
    ui.chart(
        charts.indicator_trend(members, lang=lang, locality_name=sel.locality_name),
        key="party-members",
        filename=f"dang-vien-{sel.locality}",
        data=members,
        lang=lang,
    )

# 3. Grassroots organisations by block and rating: the chosen year, or the latest before it.
st.subheader(t("party_orgs", lang))
orgs = warehouse.party_organisations(sel.locality)
years = sorted({p for p in orgs["period"].to_list() if p <= sel.year}) or sorted(set(orgs["period"].to_list()))
if not years:
    st.info(t("party_orgs_empty", lang))
else:
    org_year = years[-1]
    if org_year != sel.year:
        st.caption(t("party_orgs_year", lang, year=org_year))
    part = orgs.filter(pl.col("period") == org_year)
    if part["rating"].is_null().all():
        st.caption(t("party_no_rating", lang, year=org_year))
    ui.chart(
        charts.party_organisations(part, lang=lang, locality_name=sel.locality_name, year=org_year),
        key="party-orgs",
        filename=f"to-chuc-co-so-dang-{sel.locality}-{org_year}",
        data=part,
        lang=lang,
    )
    uncharted = charts.party_uncharted(part, lang)
    if uncharted:
        st.caption(uncharted)
    ui.table(
        tables.party_organisations(part, lang),
        key="party-orgs-table",
        filename=f"to-chuc-co-so-dang-{sel.locality}-{org_year}",
        lang=lang,
    )

# 4. The other party-building indicators of the year.
score = warehouse.scorecard(sel.locality, sel.year).filter(pl.col("family") == "party")
if score.height:
    st.subheader(t("party_other", lang, year=sel.year))
    ui.table(
        tables.scorecard(score, lang),
        key="party-score",
        filename=f"chi-tieu-dang-{sel.locality}-{sel.year}",
        lang=lang,
    )
