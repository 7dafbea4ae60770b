"""What the dashboard's entry point is given: its paths, and the services composed here.

``dashboards/app.py`` calls ``configure()`` on every run; the pages reach the services through
``dashboards.data`` without importing the pipeline (the layers stay one-way).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from analysis.access import User, load_users
from chitieu import settings
from chitieu.submission import Submitter
from pipelines.governance import Governance


@dataclass
class Services:
    """The dashboard's writers: submissions, approvals and the audit log, and who may sign in."""

    submitter: Submitter
    governance: Governance
    users: dict[str, User]
    auth_mode: str
    session_hours: float


@lru_cache(maxsize=8)
def _users(path: Path, mtime: float) -> dict[str, User]:
    return load_users(path)


def services() -> Services:
    """The services as the environment configures them (one Submitter and Governance per process)."""
    users_path = settings.users_file()
    mtime = users_path.stat().st_mtime if users_path.exists() else 0.0
    return _services(
        settings.raw_dir(),
        settings.warehouse_path(),
        settings.submissions_dir(),
        settings.state_path(),
        settings.submit_load(),
        settings.auth_mode(),
        settings.session_hours(),
        _users(users_path, mtime),
    )


@lru_cache(maxsize=4)
def _cached(raw: Path, warehouse: Path, submissions: Path, state: Path, load: str) -> tuple[Submitter, Governance]:
    return Submitter(raw, warehouse, submissions, load=load, state=state), Governance(state)


def _services(
    raw: Path,
    warehouse: Path,
    submissions: Path,
    state: Path,
    load: str,
    mode: str,
    hours: float,
    users: dict[str, User],
) -> Services:
    submitter, governance = _cached(raw, warehouse, submissions, state, load)
    return Services(submitter, governance, users, mode, hours)
