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

from analysis.queries import Identity, Reader, run_query, shared_connection

__all__ = ["configure", "default_locality", "export_dir", "reader", "shared_connection", "warehouse_path"]

# Where the dashboard reads and writes, set by the entry point (app.py) from the configuration.
_PATHS: dict[str, Path] = {}


_DEFAULTS: dict[str, str | None] = {"locality": None}


def configure(warehouse: Path, exports: Path, default_locality: str | None = None) -> None:
    """The published warehouse to read (CHITIEU_WAREHOUSE), where report packs go (CHITIEU_EXPORT_DIR)
    and the locality the dashboard opens on (CHITIEU_DEFAULT_LOCALITY; None: the one with the latest figures)."""
    _PATHS["warehouse"], _PATHS["exports"] = Path(warehouse), Path(exports)
    _DEFAULTS["locality"] = default_locality


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


def reader(path: Path | None = None) -> Reader:
    """The loaders of ``analysis.queries.Reader`` on the configured warehouse (or ``path``), cached."""
    return Reader(path or warehouse_path(), query=_cached_query)
