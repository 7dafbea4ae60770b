"""Nộp số liệu: a clerk sends a workbook, sees what would load and what would not, gets it back
marked, and submits it. Layout only: checking, keeping and loading are the injected submitter's;
who may submit for which unit is ``analysis.access``; approval state is the governance service's."""

from __future__ import annotations

from datetime import date

import streamlit as st

from analysis import format as fmt
from analysis import tables, workflow
from analysis.i18n import t
from dashboards import data, state, ui

sel = state.current()
lang = sel.lang
who = data.access()
services = data.services()
units = data.submittable_units(who)
names = dict(data.reader().units().select("locality_code", "name").iter_rows())
st.title(t("submit_title", lang, locality=fmt.md(names.get(sel.locality, sel.locality))))
st.caption(t("submit_intro", lang))

if not units:  # the page is listed only for clerks; a link typed by hand lands here
    st.warning(t("submit_not_yours", lang, unit=fmt.md(sel.locality)))
    st.stop()

# Dagster's import is the slow part of a first 'Nộp': start it while the clerk picks a file.
services.submitter.warm_in_background()

left, right = st.columns(2)
with left:
    default = sel.locality if sel.locality in units else units[0]
    unit = st.selectbox(
        t("submit_unit", lang),
        units,
        index=units.index(default),
        format_func=lambda c: names.get(c, c),
        key="w_submit_unit",
    )
with right:
    # The years with figures, and this year and the last (a unit's first workbook has none yet).
    this_year = date.today().year
    period_options = ["", *sorted({*sel.years, *sel.terms, str(this_year), str(this_year - 1)}, reverse=True)]
    period = st.selectbox(
        t("submit_period", lang),
        period_options,
        format_func=lambda p: t("submit_period_auto", lang) if p == "" else p.replace("-", "–"),
        key="w_submit_period",
    )
files = st.file_uploader(
    t("submit_files", lang), type=["xlsx", "xls", "ods", "xlsm"], accept_multiple_files=True, key="w_submit_files"
)
check_col, submit_col, _ = st.columns([1, 1, 4])
checking = check_col.button(t("submit_check", lang), key="w_submit_check", icon=":material/fact_check:")
submitting = submit_col.button(t("submit_confirm", lang), key="w_submit_go", type="primary", icon=":material/send:")

checked: dict = st.session_state.setdefault("_submit_checked", {})
if (checking or submitting) and files:
    for upload in files:
        data_bytes = upload.getvalue()
        key = (upload.name, len(data_bytes), unit, period)
        if key not in checked:
            result = services.submitter.check(data_bytes, upload.name, unit, period or None, who.user.id or "demo")
            if result.locality_code and not who.can_submit(result.locality_code):
                # The workbook says it is another unit's: it is not this clerk's to send.
                result.refused = t("submit_not_yours", lang, unit=result.locality_code)
            checked[key] = result
            if result.submission_id:
                services.governance.log(
                    who.user.id, "check", result.locality_code, result.period, submission=result.submission_id
                )

for key, result in list(checked.items()):
    name = fmt.md(result.original_name)
    if result.refused:
        st.error(t("submit_refused", lang, name=name, reason=fmt.md(result.refused)), icon=":material/block:")
        continue
    with st.container(border=True):
        st.markdown(
            t(
                "submit_result",
                lang,
                name=name,
                unit=fmt.md(names.get(result.locality_code, result.locality_code)),
                period=(result.period or "don-vi").replace("-", "–"),
                read=result.rows_read,
                valid=result.rows_valid,
                rejected=result.rows_rejected,
                warnings=result.warnings,
            )
        )
        if result.issues.height:
            ui.table(
                tables.issues(result.issues, lang),
                key=f"sub-issues-{result.submission_id}",
                filename=f"loi-{result.submission_id}",
                lang=lang,
            )
        if result.changes.height:
            st.caption(t("submit_changes", lang))
            ui.table(
                workflow.submission_changes(result.changes, lang),
                key=f"sub-changes-{result.submission_id}",
                filename=f"thay-doi-{result.submission_id}",
                lang=lang,
            )
        st.download_button(
            t("submit_marked", lang),
            data=lambda sid=result.submission_id: services.submitter.marked(sid)[0],
            file_name=services.submitter.marked_name(result.submission_id),
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"sub-marked-{result.submission_id}",
            on_click="ignore",
            icon=":material/download:",
        )
        if result.locked:
            st.info(
                t("submit_locked", lang, unit=fmt.md(result.locality_code), period=result.period),
                icon=":material/lock:",
            )
        if submitting and result.can_submit and result.period:
            with st.spinner(t("submit_loading", lang)):
                load = services.submitter.submit(result.submission_id, who.user.id)
            if load.held:
                services.governance.log(
                    who.user.id, "submit_held", result.locality_code, result.period, submission=result.submission_id
                )
                st.warning(t("submit_held", lang, name=name), icon=":material/lock:")
                checked.pop(key, None)
            elif load.success:
                approval = services.governance.state(result.locality_code, result.period)
                if approval.state in ("draft", "submitted"):
                    services.governance.transition(
                        result.locality_code, result.period, "submit", who.user.id, submission=result.submission_id
                    )
                st.success(
                    t("submit_done", lang, name=name, seconds=fmt.number(load.seconds, 1, lang)),
                    icon=":material/check_circle:",
                )
                checked.pop(key, None)
            else:
                st.error(t("submit_failed", lang, name=name, message=fmt.md(load.message)), icon=":material/error:")

st.subheader(t("submit_history", lang))
history = services.submitter.history(unit)
if history.is_empty():
    st.caption(t("no_rows", lang))
else:
    ui.table(workflow.submission_history(history, lang), key="sub-history", filename=f"lan-nop-{unit}", lang=lang)
