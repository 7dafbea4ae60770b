"""Theo dõi nộp báo cáo: for the chosen year, every unit under the chosen one — has it reported,
with errors or not, on time or after the deadline its parent set — and the list to chase.

Layout only: the status of each unit is ``analysis.workflow.tracking``; the deadlines are data (the
parent's 'Hạn nộp' sheet); the versions come from the raw-data folder and the submissions service.
"""

from __future__ import annotations

import polars as pl
import streamlit as st

from analysis import format as fmt
from analysis import workflow
from analysis.i18n import t
from dashboards import data, state, ui

sel = state.current()
lang = sel.lang
warehouse = data.reader()
services = data.services()
st.title(t("tracking_title", lang, period=sel.year, locality=fmt.md(sel.locality_name)))
st.caption(t("tracking_intro", lang))

units = warehouse.units()
children = units.filter(pl.col("parent_code") == sel.locality) if units.height else units
# A unit with none under it is tracked itself, against the deadline its own parent set.
expected = children if children.height else units.filter(pl.col("locality_code") == sel.locality)
setter = sel.locality if children.height else (expected["parent_code"].item(0) if expected.height else None)
expected = expected.select("locality_code", "name").sort("name")

# The deadlines the level above set for the year, one kind at a time (registration, half year, year).
deadlines = warehouse.deadlines(setter) if setter else pl.DataFrame()
year_deadlines = deadlines.filter(pl.col("period") == sel.year) if deadlines.height else deadlines
kinds = sorted(set(year_deadlines["kind"].to_list())) if year_deadlines.height else []
if kinds:
    default = kinds.index("year") if "year" in kinds else 0
    kind = st.selectbox(
        t("tracking_kind", lang),
        kinds,
        index=default,
        format_func=lambda k: t(f"deadline_{k}", lang),
        key="w_tracking_kind",
    )
    chosen = year_deadlines.filter(pl.col("kind") == kind)
    due = {r["applies_to"]: r["due"] for r in chosen.sort("due").to_dicts()}
    general = due.get(None)
    st.caption(
        t("tracking_deadline", lang, deadline=general.strftime("%d/%m/%Y"))
        if general
        else t("tracking_unit_deadlines", lang)
    )
else:
    due = {}
    st.info(t("tracking_no_deadline", lang), icon=":material/event_busy:")

# Every version each unit sent: workbooks in the raw-data folder, and those submitted on the page.
arrivals = warehouse.arrivals(sel.locality, sel.year)
versions = [
    {"locality_code": r["locality_code"], "at": r["modified_at"], "errors": int(r["errors"] or 0)}
    for r in arrivals.to_dicts()
]
for code in expected["locality_code"].to_list():
    history = services.submitter.history(code)
    if history.is_empty():
        continue
    for r in history.filter(
        (pl.col("period") == sel.year) & pl.col("status").is_in(["submitted", "replaced", "held"])
    ).to_dicts():
        versions.append(
            {"locality_code": code, "at": workflow.parse_time(r["submitted_at"]), "errors": int(r["errors"])}
        )
frame = (
    pl.DataFrame(versions, schema={"locality_code": pl.Utf8, "at": pl.Datetime, "errors": pl.Int64})
    if versions
    else pl.DataFrame(schema={"locality_code": pl.Utf8, "at": pl.Datetime, "errors": pl.Int64})
)
states = {a.locality_code: a.state for a in services.governance.approvals() if a.period == sel.year}
if expected.is_empty():
    st.info(t("tracking_no_units", lang))
    st.stop()
table, chase = workflow.tracking(expected, frame, due, states, lang)
missing = chase.filter(pl.col("status") == t("tracking_not_yet", lang)).height
ui.cards(
    [
        (t("tracking_reported", lang), f"{expected.height - missing}/{expected.height}", None),
        (t("tracking_not_yet", lang), str(missing), None),
        (t("tracking_with_errors", lang), str(chase.height - missing), None),
    ]
)
ui.table(table, key="tracking", filename=f"theo-doi-nop-{sel.locality}-{sel.year}", lang=lang)

st.subheader(t("tracking_chase", lang))
if chase.is_empty():
    st.success(t("tracking_all_in", lang), icon=":material/task_alt:")
else:
    # One line per unit, ready to paste into a message to the units' clerks.
    st.code("\n".join(f"{r['name']} — {r['status']}" for r in chase.to_dicts()), language=None)
    st.download_button(
        t("tracking_chase_download", lang),
        data=chase.write_csv().encode("utf-8-sig"),
        file_name=f"can-doc-thuc-{sel.locality}-{sel.year}.csv",
        mime="text/csv",
        key="w_tracking_chase",
        on_click="ignore",
        icon=":material/download:",
    )
