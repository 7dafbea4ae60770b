"""Dữ liệu: what was loaded when from which file, every rejected row and how to fix it, the figures that
disagree with the others, freshness."""

from __future__ import annotations

import polars as pl
import streamlit as st

from analysis import charts, quality, tables, workflow
from analysis import format as fmt
from analysis.i18n import t
from dashboards import data, state, ui

sel = state.current()
warehouse = data.reader()
lang = sel.lang
st.title(t("data_title", lang, locality=fmt.md(sel.locality_name)))

status = warehouse.status()
st.subheader(t("data_freshness", lang))
ui.cards(
    [
        (t("data_published", lang), fmt.when(status.published_at, lang), str(status.path)),
        (t("data_age", lang), fmt.age(status.published_at, lang=lang), None),
        (t("data_run", lang), (status.run_id or "—")[:8], status.run_id),
    ]
)

# Rejected rows first: that is what a clerk opens this page for.
st.subheader(t("data_issues", lang))
issues = warehouse.validation_issues(sel.locality)
if issues.is_empty():
    st.success(t("data_issues_none", lang), icon=":material/check_circle:")
else:
    errors = issues.filter(pl.col("severity") == "error").height
    st.warning(t("data_issues_count", lang, errors=errors, warnings=issues.height - errors), icon=":material/warning:")
    ui.table(tables.issues(issues, lang), key="data-issues", filename=f"loi-nhap-lieu-{sel.locality}", lang=lang)
    rejected = warehouse.quarantine(sel.locality)
    if rejected.height:
        with st.expander(t("data_quarantine", lang)):
            ui.table(
                tables.quarantine(rejected, lang),
                key="data-quarantine",
                filename=f"dong-bi-loai-{sel.locality}",
                lang=lang,
            )

# The units' figures against the locality's, for indicators that add up across units (listed below).
sums = warehouse.unit_sums(sel.locality)
off = sums.filter(pl.col("status").is_in(list(tables.UNIT_SUM_WARNING))) if sums.height else sums

# Figures that loaded but disagree with the others: warnings with their evidence, never rejections.
st.subheader(t("data_consistency", lang))
disagree = quality.beside_unit_sums(warehouse.consistency_warnings(sel.locality), off)
if disagree.is_empty():
    st.success(t("data_consistency_none", lang), icon=":material/check_circle:")
else:
    st.warning(t("data_consistency_count", lang, count=disagree.height), icon=":material/rule:")
    st.caption(t("data_consistency_help", lang))
    ui.table(
        quality.consistency_table(disagree, lang),
        key="data-consistency",
        filename=f"so-lieu-khong-khop-{sel.locality}",
        lang=lang,
    )

if sums.height:
    st.subheader(t("data_unit_sums", lang))
    if off.is_empty():
        st.success(t("data_unit_sums_none", lang), icon=":material/check_circle:")
    else:
        st.warning(
            t("data_unit_sums_count", lang, n=off.height, locality=fmt.md(sel.locality_name)), icon=":material/warning:"
        )
        ui.table(
            tables.unit_sums_table(off, lang, with_year=True),
            key="data-unit-sums",
            filename=f"tong-don-vi-lech-{sel.locality}",
            lang=lang,
        )

log = warehouse.load_log(sel.locality)
st.subheader(t("data_load_log", lang))
ui.chart(
    charts.load_results(log, lang=lang, locality_name=sel.locality_name),
    key="data-load",
    filename=f"nap-du-lieu-{sel.locality}",
    data=log,
    lang=lang,
)
ui.table(tables.load_log(log, lang), key="data-log", filename=f"nhat-ky-nap-{sel.locality}", lang=lang)

st.subheader(t("data_workbooks", lang))
ui.table(
    tables.workbooks(warehouse.workbooks(sel.locality), lang),
    key="data-workbooks",
    filename=f"bang-tinh-{sel.locality}",
    lang=lang,
)

with st.expander(t("data_tables", lang)):
    ui.table(tables.table_rows(status.table_rows, lang), key="data-tables", filename="so-dong-bang", lang=lang)

# Each workbook read, back with its problem cells marked; and every version the unit sent.
services = data.services()
who = data.access()
loaded = warehouse.workbooks(sel.locality)
approved = st.session_state.get("_approved", set())
files = [
    r["file"]
    for r in loaded.to_dicts()
    if who.open_demo or who.can_view_unapproved(sel.locality) or (sel.locality, str(r["period"])) in approved
]
if files:
    st.subheader(t("data_marked", lang))
    left, right = st.columns([3, 2])
    chosen = left.selectbox(t("data_marked_file", lang), files, key="w_data_marked_file")
    with right:
        st.download_button(
            t("submit_marked", lang),
            data=lambda f=chosen: services.submitter.marked_file(f)[0],
            file_name=f"{fmt.slug(chosen.rsplit('.', 1)[0])}-danh-dau.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="w_data_marked",
            on_click="ignore",
            icon=":material/download:",
        )

history = services.submitter.history(sel.locality)
may_reload = who.can_submit(sel.locality) or who.can_approve(sel.locality)
if history.height and (may_reload or who.can_view_unapproved(sel.locality)):
    st.subheader(t("submit_history", lang))
    ui.table(
        workflow.submission_history(history, lang),
        key="data-submissions",
        filename=f"lan-nop-{sel.locality}",
        lang=lang,
    )
    if may_reload:
        versions = history.to_dicts()
        pick = st.selectbox(
            t("data_reload_pick", lang),
            [v["submission_id"] for v in versions],
            format_func=lambda sid: next(
                f"{v['original_name']} · {str(v['period']).replace('-', '–')} · "
                f"{fmt.when(workflow.parse_time(v['submitted_at']), lang)} · {v['submitted_by']}"
                for v in versions
                if v["submission_id"] == sid
            ),
            key="w_data_reload_pick",
        )
        if st.button(t("submit_reload", lang), key="w_data_reload", icon=":material/history:"):
            version = next(v for v in versions if v["submission_id"] == pick)
            with st.spinner(t("submit_loading", lang)):
                load = services.submitter.submit(pick, who.user.id or "demo")
            if load.held:
                services.governance.log(who.user.id, "submit_held", sel.locality, version["period"], submission=pick)
                st.warning(t("submit_held", lang, name=fmt.md(version["original_name"])), icon=":material/lock:")
            elif load.success:
                if services.governance.state(sel.locality, version["period"]).state in ("draft", "submitted"):
                    services.governance.transition(
                        sel.locality, version["period"], "submit", who.user.id, submission=pick, reload=True
                    )
                st.success(
                    t(
                        "submit_done",
                        lang,
                        name=fmt.md(version["original_name"]),
                        seconds=fmt.number(load.seconds, 1, lang),
                    ),
                    icon=":material/check_circle:",
                )
            else:
                st.error(t("submit_failed", lang, name=fmt.md(version["original_name"]), message=fmt.md(load.message)))
