"""Tables of the reporting workflow: what a submission would change, the versions a unit sent, the
approval state of its periods, the audit log and who has reported. Pure Polars, no Streamlit."""

from __future__ import annotations

import json
from datetime import date, datetime

import polars as pl

from analysis import format as fmt
from analysis.i18n import t
from analysis.tables import Table, _frame
from analysis.theme import TRACKING_TINTS

CHANGE_ORDER = ("revised", "new", "withdrawn", "unchanged")


def submission_changes(changes: pl.DataFrame, lang: str = "vi") -> Table:
    """What a checked workbook would change in the warehouse: revised figures first, from → to."""
    keys = ("col_table", "col_key", "col_change", "col_before", "col_after")
    headers = {k: t(k, lang) for k in keys}
    rows = [
        {
            "col_table": r["table"],
            "col_key": r["key"],
            "col_change": t(f"change_{r['change']}", lang),
            "col_before": r["before"] or "",
            "col_after": r["after"] or "",
        }
        for r in sorted(changes.to_dicts(), key=lambda r: (CHANGE_ORDER.index(r["change"]), r["table"], r["key"]))
        if r["change"] != "unchanged"
    ]
    frame = _frame(rows, list(keys))
    return Table(frame, frame, headers)


def submission_history(history: pl.DataFrame, lang: str = "vi") -> Table:
    """Every version a unit sent, newest first: when, who, the file's own name, its check, its status."""
    keys = (
        "col_submitted_at",
        "col_period",
        "col_file_name",
        "col_submitted_by",
        "col_submission_status",
        "col_errors",
        "col_warnings",
    )
    headers = {k: t(k, lang) for k in keys}
    rows = [
        {
            "col_submitted_at": fmt.when(parse_time(r["submitted_at"]), lang),
            "col_period": str(r["period"]).replace("-", "–"),
            "col_file_name": r["original_name"],
            "col_submitted_by": r["submitted_by"],
            "col_submission_status": t(f"submission_{r['status']}", lang),
            "col_errors": r["errors"],
            "col_warnings": r["warnings"],
        }
        for r in history.to_dicts()
    ]
    frame = _frame(rows, list(keys))
    return Table(
        frame.with_columns(pl.col("col_errors", "col_warnings").cast(pl.Utf8)) if rows else frame, frame, headers
    )


def approvals(states: list[dict], names: dict[str, str], lang: str = "vi") -> Table:
    """unit × period → its state, who moved it last, when, and the reason of an unlock."""
    keys = ("col_unit_name", "col_period", "col_state", "col_updated_by", "col_updated_at", "col_reason")
    headers = {k: t(k, lang) for k in keys}
    rows = [
        {
            "col_unit_name": names.get(s["locality_code"], s["locality_code"]),
            "col_period": str(s["period"]).replace("-", "–"),
            "col_state": t(f"approval_{s['state']}", lang),
            "col_updated_by": s.get("updated_by") or "",
            "col_updated_at": fmt.when(parse_time(s.get("updated_at")), lang) if s.get("updated_at") else "",
            "col_reason": s.get("reason") or "",
        }
        for s in states
    ]
    frame = _frame(rows, list(keys))
    return Table(frame, frame, headers)


def audit(entries: list[dict], names: dict[str, str], lang: str = "vi") -> Table:
    """The audit log, newest first: when, who, what, for which unit and period, and the detail
    (before → after of a figure changed after approval, the reason of an unlock …)."""
    keys = ("col_updated_at", "col_actor", "col_action", "col_unit_name", "col_period", "col_detail")
    headers = {k: t(k, lang) for k in keys}
    rows = [
        {
            "col_updated_at": fmt.when(parse_time(e["at"]), lang),
            "col_actor": e["actor"],
            "col_action": t(f"action_{e['action']}", lang),
            "col_unit_name": names.get(e["locality_code"], e["locality_code"] or ""),
            "col_period": (e["period"] or "").replace("-", "–"),
            "col_detail": _detail(e["detail"]),
        }
        for e in entries
    ]
    frame = _frame(rows, list(keys))
    return Table(frame, frame, headers)


def _detail(detail: dict | str | None) -> str:
    if isinstance(detail, str):
        try:
            detail = json.loads(detail)
        except ValueError:
            return detail
    if not detail:
        return ""
    parts = []
    for key, value in detail.items():
        if value in (None, "", [], {}):
            continue
        if isinstance(value, list):
            value = "; ".join(
                " → ".join(str(x.get(k, "")) for k in ("key", "before", "after")) if isinstance(x, dict) else str(x)
                for x in value
            )
        parts.append(f"{key}: {value}")
    return " · ".join(parts)


TRACKING = ("tracking_not_yet", "tracking_with_errors", "tracking_late", "tracking_revised_late", "tracking_accepted")


def tracking_status(versions: list[dict], deadline: date | None) -> str:
    """One unit's status for a period from the versions it sent (each: at, errors), oldest first."""
    if not versions:
        return "tracking_not_yet"
    first, last = versions[0], versions[-1]
    if last["errors"]:
        return "tracking_with_errors"
    if deadline is not None and first["at"] is not None and first["at"].date() > deadline:
        return "tracking_late"
    if deadline is not None and last["at"] is not None and last["at"].date() > deadline:
        return "tracking_revised_late"
    return "tracking_accepted"


def tracking(
    expected: pl.DataFrame,
    versions: pl.DataFrame,
    deadlines: dict[str | None, date],
    states: dict[str, str] | None = None,
    lang: str = "vi",
) -> tuple[Table, pl.DataFrame]:
    """Every unit expected to report, with its status for the period — not yet, submitted with
    errors, late, revised after the deadline, accepted — its first and latest version against its
    deadline, and the list to chase (not yet, or with errors).

    ``expected``: locality_code, name. ``versions``: locality_code, at (datetime), errors — every
    version the unit sent (through the dashboard, or put in the raw-data folder). ``deadlines``: unit
    code → its own deadline, None → the one for every unit. ``states``: unit → approval state."""
    keys = (
        "col_unit_name",
        "col_submission_status",
        "col_first_submission",
        "col_last_submission",
        "col_deadline",
        "col_errors",
        "col_state",
    )
    headers = {k: t(k, lang) for k in keys}
    by_unit: dict[str, list[dict]] = {}
    if versions.height:
        for v in versions.sort("at", nulls_last=False).to_dicts():
            by_unit.setdefault(v["locality_code"], []).append({**v, "at": parse_time(v["at"])})
    rows, chase, tints = [], [], []
    for unit in expected.to_dicts():
        code = unit["locality_code"]
        sent = by_unit.get(code, [])
        deadline = deadlines.get(code, deadlines.get(None))
        status = tracking_status(sent, deadline)
        rows.append(
            {
                "col_unit_name": unit["name"] or code,
                "col_submission_status": t(status, lang),
                "col_first_submission": fmt.when(sent[0]["at"], lang) if sent and sent[0]["at"] else "",
                "col_last_submission": fmt.when(sent[-1]["at"], lang) if sent and sent[-1]["at"] else "",
                "col_deadline": deadline.strftime("%d/%m/%Y") if deadline else "",
                "col_errors": str(sent[-1]["errors"]) if sent else "",
                "col_state": t(f"approval_{(states or {}).get(code, 'draft')}", lang),
            }
        )
        tints.append(TRACKING_TINTS[status])
        if status in ("tracking_not_yet", "tracking_with_errors"):
            chase.append({"locality_code": code, "name": unit["name"] or code, "status": t(status, lang)})
    frame = _frame(rows, list(keys))
    chase_frame = (
        pl.DataFrame(chase)
        if chase
        else pl.DataFrame(schema={"locality_code": pl.Utf8, "name": pl.Utf8, "status": pl.Utf8})
    )
    return Table(frame, frame, headers, tints={"col_submission_status": tints}), chase_frame


def parse_time(value: object) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    text = str(value).replace("Z", "")
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None
