"""Duyệt số liệu: the level above approves, locks and unlocks its units' figures of a period, and
accepts a workbook sent for a locked period as a revision.

Layout only: who may approve which unit is ``analysis.access``; the states and their log are the
governance service's; accepting a revision (unlock, load, approve, lock again) is the submitter's.
"""

from __future__ import annotations

import streamlit as st

from analysis import format as fmt
from analysis import quality, workflow
from analysis.i18n import t
from dashboards import data, state, ui

sel = state.current()
lang = sel.lang
who = data.access()
services = data.services()
units = data.approvable_units(who)
names = dict(data.reader().units().select("locality_code", "name").iter_rows())
st.title(t("approvals_title", lang))
st.caption(t("approvals_intro", lang))
if not units:  # the page is listed only for approvers; a link typed by hand lands here
    st.warning(t("approvals_none", lang))
    st.stop()

periods = sorted({*sel.years, *sel.terms}, reverse=True)
period = st.selectbox(
    t("submit_period", lang),
    periods,
    index=periods.index(sel.year) if sel.year in periods else 0,
    format_func=lambda p: p.replace("-", "–"),
    key="w_approvals_period",
)
# Units under the chosen one first (the reader's context), then the rest the user may approve.
under = [u for u in units if u == sel.locality or sel.locality in who.ancestors(u)]
units = under + [u for u in units if u not in under]
states = {(a.locality_code, a.period): a for a in services.governance.approvals(units)}
rows = []
for u in units:
    a = states.get((u, period))
    rows.append(
        {
            "locality_code": u,
            "period": period,
            "state": a.state if a else "draft",
            "updated_by": a.updated_by if a else "",
            "updated_at": a.updated_at if a else "",
            "reason": a.reason if a else "",
        }
    )
ui.table(workflow.approvals(rows, names, lang), key="approvals", filename=f"duyet-{period}", lang=lang)

# Before approving: the figures of the period that disagree with the others (warnings, not rejections).
reader = data.reader()
disagree = quality.for_period([reader.consistency_warnings(u) for u in units], period)
st.subheader(t("approvals_consistency", lang, period=period.replace("-", "–")))
if disagree.is_empty():
    st.caption(t("data_consistency_none", lang))
else:
    st.warning(t("data_consistency_count", lang, count=disagree.height), icon=":material/rule:")
    ui.table(
        quality.consistency_table(disagree, lang),
        key="approvals-consistency",
        filename=f"so-lieu-khong-khop-{period}",
        lang=lang,
    )

ACTIONS = {"approve": ("submitted",), "lock": ("approved",), "unlock": ("approved", "locked")}
with st.form("approve-form"):
    chosen = st.multiselect(
        t("approvals_units", lang), units, format_func=lambda c: names.get(c, c), key="w_approvals_units"
    )
    action = st.radio(
        t("approvals_action", lang),
        list(ACTIONS),
        format_func=lambda a: t(a, lang),
        horizontal=True,
        key="w_approvals_action",
    )
    reason = st.text_input(t("unlock_reason", lang), key="w_approvals_reason")
    go = st.form_submit_button(t("approvals_apply", lang), type="primary", key="w_approvals_apply")
if go:
    done, skipped = [], []
    for unit in chosen:
        current = states.get((unit, period))
        now = current.state if current else "draft"
        if not who.can_approve(unit) or now not in ACTIONS[action]:
            skipped.append(f"{names.get(unit, unit)} ({t(f'approval_{now}', lang)})")
            continue
        if action == "unlock" and not reason.strip():
            st.error(t("approvals_reason_needed", lang))
            break
        services.governance.transition(unit, period, action, who.user.id, reason=reason.strip() or None)
        done.append(names.get(unit, unit))
    if done:
        st.success(t("approvals_done", lang, action=t(action, lang), units=fmt.md(", ".join(done))))
    if skipped:
        st.warning(t("approvals_skipped", lang, units=fmt.md("; ".join(skipped))))
    if done:
        st.rerun()

# Workbooks sent for locked periods: the approver sees what each would change and may accept it.
st.subheader(t("approvals_held", lang))
held = services.submitter.held(units)
if not held:
    st.caption(t("approvals_no_held", lang))
for sub in held:
    with st.container(border=True):
        st.markdown(
            t(
                "approvals_held_one",
                lang,
                name=fmt.md(sub.original_name),
                unit=fmt.md(names.get(sub.locality_code, sub.locality_code)),
                period=(sub.period or "").replace("-", "–"),
                by=fmt.md(sub.submitted_by),
                when=fmt.when(workflow.parse_time(sub.submitted_at), lang),
            )
        )
        check = services.submitter.changes(sub.id)
        ui.table(
            workflow.submission_changes(check, lang),
            key=f"held-{sub.id}",
            filename=f"ban-sua-{sub.locality_code}-{sub.period}",
            lang=lang,
        )
        why = st.text_input(t("approvals_accept_reason", lang), key=f"w_held_reason_{sub.id}")
        if st.button(t("accept_revision", lang), key=f"w_held_accept_{sub.id}", type="primary"):
            if not who.can_approve(sub.locality_code):
                st.error(t("approvals_none", lang))
            elif not why.strip():
                st.error(t("approvals_reason_needed", lang))
            else:
                with st.spinner(t("submit_loading", lang)):
                    load = services.submitter.accept(sub.id, who.user.id, why.strip())
                if load.success:
                    st.success(t("approvals_accepted", lang, name=fmt.md(sub.original_name)))
                else:
                    st.error(t("submit_failed", lang, name=fmt.md(sub.original_name), message=fmt.md(load.message)))
