"""The dashboard's door to the warehouse: the configured paths and the cached ``Reader``.

The queries themselves live in ``analysis.queries``; here they are put behind ``st.cache_data``,
keyed on the warehouse path, the file's identity (it changes on every publish), the SQL and its
parameters. ``shared_connection`` (re-exported for ``app.py``) lets the queries of one page run
that the cache misses share one read-only connection.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import streamlit as st

from analysis.access import Access, ScopedReader
from analysis.queries import Identity, Reader, run_query, shared_connection

__all__ = [
    "access",
    "configure",
    "default_locality",
    "export_dir",
    "reader",
    "services",
    "set_access",
    "shared_connection",
    "warehouse_path",
]

# Where the dashboard reads and writes, set by the entry point (app.py) from the configuration.
_PATHS: dict[str, Path] = {}


_DEFAULTS: dict[str, str | None] = {"locality": None}
# The services the entry point composed (submissions, approvals, users): see chitieu.dashboard.
_SERVICES: dict[str, object] = {}


def configure(
    warehouse: Path, exports: Path, default_locality: str | None = None, services: object | None = None
) -> None:
    """The published warehouse to read (CHITIEU_WAREHOUSE), where report packs go (CHITIEU_EXPORT_DIR),
    the locality the dashboard opens on (CHITIEU_DEFAULT_LOCALITY; None: the one with the latest
    figures) and the services the pages write through (submissions, approvals, the audit log)."""
    _PATHS["warehouse"], _PATHS["exports"] = Path(warehouse), Path(exports)
    _DEFAULTS["locality"] = default_locality
    if services is not None:
        _SERVICES["services"] = services


def services():
    """The composed services (``chitieu.dashboard.Services``): submitter, governance, users, auth mode."""
    return _SERVICES["services"]


def set_access(who: Access, approved: set[tuple[str, str]] | None = None) -> None:
    """Who is reading this run and which (unit, period) are approved (app.py decides once per run,
    before any page draws)."""
    st.session_state["_access"] = who
    st.session_state["_approved"] = approved or set()


def access() -> Access:
    return st.session_state["_access"]


def default_locality() -> str | None:
    """The configured locality to open on, or None."""
    return _DEFAULTS["locality"]


def warehouse_path() -> Path:
    """The published warehouse the entry point configured."""
    return _PATHS["warehouse"]


def export_dir() -> Path:
    """Where the report-pack button writes its folders."""
    return _PATHS["exports"]


@st.cache_data(show_spinner=False, max_entries=512, ttl=6 * 3600)
def _cached_query(path: str, identity: Identity, sql: str, params: tuple = ()) -> pl.DataFrame:
    """``run_query`` behind the cache: ``identity`` keys it, so a publish is a miss."""
    return run_query(path, identity, sql, params)


def reader(path: Path | None = None, approved_only: bool = False) -> Reader:
    """The loaders of ``analysis.queries.Reader`` on the configured warehouse (or ``path``), cached,
    answering the signed-in user: units they may not see and unapproved figures they may not read
    give no rows (the open demo reads everything). ``approved_only``: approved figures only, whoever
    reads."""
    plain = Reader(path or warehouse_path(), query=_cached_query)
    who = st.session_state.get("_access")
    if who is None or who.open_demo:
        return plain
    return ScopedReader(plain, who, st.session_state.get("_approved", set()), approved_only)


def approval_note(locality: str, period: str, approved_only: bool, lang: str) -> str:
    """What a pack's cover says of its figures' approval (nothing in the open demo)."""
    from analysis.i18n import t

    who = st.session_state.get("_access")
    if who is None or who.open_demo:
        return ""
    approved = (locality, period) in st.session_state.get("_approved", set())
    if approved_only or not who.can_view_unapproved(locality):
        return t("pack_note_approved_only", lang)
    if approved:
        return t("pack_note_approved", lang, period=period.replace("-", "–"))
    return t("pack_note_unapproved", lang, period=period.replace("-", "–"))


def submittable_units(who: Access) -> list[str]:
    """The units the user may submit workbooks for."""
    units = reader().units()
    return [] if units.is_empty() else [u for u in units["locality_code"].to_list() if who.can_submit(u)]


def approvable_units(who: Access) -> list[str]:
    """The units whose periods the user may approve, lock and unlock."""
    units = reader().units()
    return [] if units.is_empty() else [u for u in units["locality_code"].to_list() if who.can_approve(u)]
