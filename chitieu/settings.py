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
    "CHITIEU_STATE": (
        "data/state/chitieu-state.sqlite",
        "Approvals, locks and the audit log (SQLite), written by the dashboard and read by every load.",
    ),
    "CHITIEU_SUBMISSIONS_DIR": (
        "data/submissions",
        "Every workbook sent through the dashboard, version by version (git-ignored).",
    ),
    "CHITIEU_SUBMIT_LOAD": (
        "in_process",
        "What 'Nộp' does: in_process (loads the workbook at once, in the dashboard's process; one machine) or "
        "sensor (files it; the Dagster daemon's sensor loads it — the service setup).",
    ),
    "CHITIEU_DEFAULT_LOCALITY": (
        "",
        "Locality code the dashboard opens on (e.g. an-khe); empty: the locality with the latest figures.",
    ),
    "CHITIEU_AUTH": (
        "none",
        "Sign-in: none (a read-only demo that says so on every page), local (users file with password hashes) "
        "or oidc (Streamlit's st.login, OpenID Connect; roles from the users file by e-mail).",
    ),
    "CHITIEU_USERS": (
        "config/users.toml",
        "The users file: each user's roles scoped to units, and for local sign-in a password hash (git-ignored).",
    ),
    "CHITIEU_SESSION_HOURS": ("8", "Hours a local sign-in lasts before the dashboard asks again."),
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


def state_path() -> Path:
    return Path(_env("CHITIEU_STATE")).expanduser().resolve()


def submissions_dir() -> Path:
    return Path(_env("CHITIEU_SUBMISSIONS_DIR")).expanduser().resolve()


def default_locality() -> str | None:
    """The locality code the dashboard opens on (CHITIEU_DEFAULT_LOCALITY); None: the one with the latest figures."""
    return _env("CHITIEU_DEFAULT_LOCALITY").strip() or None


def auth_mode() -> str:
    mode = _env("CHITIEU_AUTH").strip().lower()
    if mode not in ("none", "local", "oidc"):
        raise ValueError(f"CHITIEU_AUTH='{mode}': dùng none, local hoặc oidc / use none, local or oidc")
    return mode


def submit_load() -> str:
    mode = _env("CHITIEU_SUBMIT_LOAD").strip().lower()
    if mode not in ("in_process", "sensor"):
        raise ValueError(f"CHITIEU_SUBMIT_LOAD='{mode}': dùng in_process hoặc sensor / use in_process or sensor")
    return mode


def users_file() -> Path:
    return Path(_env("CHITIEU_USERS")).expanduser().resolve()


def session_hours() -> float:
    return float(_env("CHITIEU_SESSION_HOURS"))


def dagster_home() -> Path:
    return Path(_env("DAGSTER_HOME")).expanduser().resolve()


def limits() -> Limits:
    """The limits on one workbook (CHITIEU_MAX_FILE_MB and the others of ENV_OF_LIMIT), each as configured or its default."""
    values = {}
    for f in fields(Limits):
        text = _env(ENV_OF_LIMIT[f.name])
        values[f.name] = int(float(text)) if f.type in (int, "int") else float(text)
    return Limits(**values)
