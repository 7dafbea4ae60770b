"""Nhật ký: who did what and when — sign-ins (failed ones too), checks, submissions, approvals,
locks, unlocks with their reasons, revisions accepted with each figure before → after — filtered
and exported to Excel. Approvers read the log of the units they approve; admins read all of it."""

from __future__ import annotations

import streamlit as st

from analysis import workflow
from analysis.i18n import t
from dashboards import data, state, ui

sel = state.current()
lang = sel.lang
who = data.access()
services = data.services()
st.title(t("audit_title", lang))
st.caption(t("audit_intro", lang))
if not who.can_read_audit():  # the page is listed only for approvers and admins
    st.warning(t("audit_not_allowed", lang))
    st.stop()

names = dict(data.reader().units().select("locality_code", "name").iter_rows())
# An approver reads the entries of the units they approve (and the sign-ins, which name no unit).
scope = None if who.user.is_admin else data.approvable_units(who)
entries = services.governance.audit(scope)
if not who.user.is_admin:
    entries = [e for e in entries if e["locality_code"] is not None or e["actor"] == who.user.id]

left, middle, right = st.columns(3)
units = sorted({e["locality_code"] for e in entries if e["locality_code"]}, key=lambda c: names.get(c, c))
actions = sorted({e["action"] for e in entries}, key=lambda a: t(f"action_{a}", lang))
with left:
    chosen_units = st.multiselect(
        t("audit_units", lang), units, format_func=lambda c: names.get(c, c), key="w_audit_units"
    )
with middle:
    chosen_actions = st.multiselect(
        t("audit_actions", lang), actions, format_func=lambda a: t(f"action_{a}", lang), key="w_audit_actions"
    )
with right:
    actor = st.text_input(t("audit_actor", lang), key="w_audit_actor").strip().lower()
shown = [
    e
    for e in entries
    if (not chosen_units or e["locality_code"] in chosen_units)
    and (not chosen_actions or e["action"] in chosen_actions)
    and (not actor or actor in str(e["actor"]).lower())
]
st.caption(t("audit_count", lang, shown=len(shown), total=len(entries)))
ui.table(workflow.audit(shown, names, lang), key="audit", filename="nhat-ky", lang=lang)
