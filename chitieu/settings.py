"""Configuration from the environment, with the defaults the README documents."""

from __future__ import annotations

import os
from dataclasses import fields
from pathlib import Path

from pipelines.limits import DEFAULT_LIMITS, ENV_OF_LIMIT, LIMIT_DOCS, Limits

# Every environment variable the project reads, with its default and meaning (docs are tested
# against this list).
ENV_VARS: dict[str, tuple[str, str]] = {
    "CHITIEU_RAW_DIR": ("data/raw", "Folder of workbooks: one sub-folder per locality, plus danh-muc-chi-tieu.xlsx."),
    "CHITIEU_WAREHOUSE": (
        "data/warehouse/chitieu.duckdb",
        "Published DuckDB warehouse that the dashboard reads. The pipeline writes a working copy beside it "
        "(<name>.staging.duckdb) and publishes by atomic replacement.",
    ),
    "CHITIEU_EXPORT_DIR": ("exports", "Folder where report packs are written (git-ignored)."),
    "CHITIEU_WORKERS": ("", "Processes that read workbooks when a run has many (empty: one per CPU)."),
    "DAGSTER_HOME": (".dagster", "Dagster's run and event storage; `chitieu build` and `dagster dev` share it."),
    # The limits on one workbook (pipelines.limits): defaults from the same constants the docs show.
    **{ENV_OF_LIMIT[f.name]: (f"{getattr(DEFAULT_LIMITS, f.name):g}", LIMIT_DOCS[f.name]) for f in fields(Limits)},
}


def _env(name: str) -> str:
    return os.environ.get(name) or ENV_VARS[name][0]


def raw_dir() -> Path:
    return Path(_env("CHITIEU_RAW_DIR")).expanduser().resolve()


def warehouse_path() -> Path:
    return Path(_env("CHITIEU_WAREHOUSE")).expanduser().resolve()


def export_dir() -> Path:
    return Path(_env("CHITIEU_EXPORT_DIR")).expanduser().resolve()


def workers() -> int:
    """Processes that read a large run (CHITIEU_WORKERS); 0 when unset: one per CPU."""
    configured = _env("CHITIEU_WORKERS")
    return max(1, int(configured)) if configured else 0


def dagster_home() -> Path:
    return Path(_env("DAGSTER_HOME")).expanduser().resolve()


def limits() -> Limits:
    """The limits on one workbook (CHITIEU_MAX_FILE_MB and the others of ENV_OF_LIMIT), each as configured or its default."""
    values = {}
    for f in fields(Limits):
        text = _env(ENV_OF_LIMIT[f.name])
        values[f.name] = int(float(text)) if f.type in (int, "int") else float(text)
    return Limits(**values)
