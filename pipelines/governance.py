"""Approval, lock and the audit trail: who did what to a unit's figures of a period, and when.

One SQLite file (``CHITIEU_STATE``, default ``data/state/chitieu-state.sqlite``) holds the state the
application writes — approvals and the audit log — apart from the warehouse, which the pipeline
rebuilds. SQLite in WAL mode takes concurrent writers from several dashboard sessions and the
pipeline safely; every statement takes parameters.

A unit's figures of a period move  draft → submitted → approved (by the level above) → locked.
A locked period keeps its published figures: a new workbook for it is kept as a submission and
loads only when an approver unlocks the period (with a reason) or accepts the workbook as a
revision, and the audit log records the attempt, the decision and, for a figure that changed after
approval, its value before and after with both sources. The load itself refuses the workbook of a
locked period (``pipelines.loading``), so no path around the dashboard changes locked figures.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

STATES = ("draft", "submitted", "approved", "locked")
ACTIONS = (
    "sign_in",
    "sign_in_failed",
    "sign_out",
    "check",
    "submit",
    "submit_held",
    "approve",
    "lock",
    "unlock",
    "accept_revision",
    "revise",
    "export",
)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS approvals (
    locality_code TEXT NOT NULL,
    period TEXT NOT NULL,
    state TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    reason TEXT,
    PRIMARY KEY (locality_code, period)
);
CREATE TABLE IF NOT EXISTS audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    locality_code TEXT,
    period TEXT,
    detail TEXT
);
CREATE INDEX IF NOT EXISTS audit_by_unit ON audit_log (locality_code, period);
"""


class NotAllowed(Exception):
    """A transition the current state does not allow (approving a draft, unlocking without a reason)."""


@dataclass(frozen=True)
class Approval:
    locality_code: str
    period: str
    state: str
    updated_by: str
    updated_at: str
    reason: str | None = None


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class Governance:
    """The approvals and the audit log, in one SQLite file."""

    _locks: dict[str, threading.Lock] = {}

    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = self._locks.setdefault(str(self.path.resolve()), threading.Lock())

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=30)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.executescript(_SCHEMA)
            yield conn
            conn.commit()
        finally:
            conn.close()

    # --- state ------------------------------------------------------------------------------------

    def state(self, locality_code: str, period: str) -> Approval:
        with self._db() as db:
            row = db.execute(
                "SELECT locality_code, period, state, updated_by, updated_at, reason FROM approvals"
                " WHERE locality_code = ? AND period = ?",
                (locality_code, period),
            ).fetchone()
        return Approval(*row) if row else Approval(locality_code, period, "draft", "", "")

    def approvals(self, locality_codes: list[str] | None = None) -> list[Approval]:
        with self._db() as db:
            rows = db.execute(
                "SELECT locality_code, period, state, updated_by, updated_at, reason FROM approvals"
            ).fetchall()
        found = [Approval(*r) for r in rows]
        return [a for a in found if locality_codes is None or a.locality_code in locality_codes]

    def locked(self) -> set[tuple[str, str]]:
        """(locality, period) of every locked period: what a load must not change."""
        return {(a.locality_code, a.period) for a in self.approvals() if a.state == "locked"}

    def approved(self) -> set[tuple[str, str]]:
        """(locality, period) whose figures are approved (locked ones included)."""
        return {(a.locality_code, a.period) for a in self.approvals() if a.state in ("approved", "locked")}

    def _set(
        self, db: sqlite3.Connection, locality: str, period: str, state: str, actor: str, reason: str | None
    ) -> None:
        db.execute(
            "INSERT INTO approvals (locality_code, period, state, updated_by, updated_at, reason) VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (locality_code, period) DO UPDATE SET state = excluded.state,"
            " updated_by = excluded.updated_by, updated_at = excluded.updated_at, reason = excluded.reason",
            (locality, period, state, actor, _now(), reason),
        )

    def transition(
        self, locality: str, period: str, action: str, actor: str, reason: str | None = None, **detail
    ) -> Approval:
        """Apply an approval action and log it in one transaction:
        submit (draft/submitted → submitted), approve (submitted → approved), lock (approved → locked),
        unlock (approved/locked → submitted; a reason is required)."""
        allowed = {
            "submit": ({"draft", "submitted"}, "submitted"),
            "approve": ({"submitted"}, "approved"),
            "lock": ({"approved"}, "locked"),
            "unlock": ({"approved", "locked"}, "submitted"),
        }
        if action not in allowed:
            raise ValueError(action)
        sources, target = allowed[action]
        with self._lock, self._db() as db:
            row = db.execute(
                "SELECT state FROM approvals WHERE locality_code = ? AND period = ?", (locality, period)
            ).fetchone()
            current = row[0] if row else "draft"
            if current not in sources:
                raise NotAllowed(f"{action}: {locality} {period} đang ở trạng thái '{current}'")
            if action == "unlock" and not (reason or "").strip():
                raise NotAllowed("unlock: cần ghi lý do mở khóa / a reason is required")
            self._set(db, locality, period, target, actor, reason)
            self._log(db, actor, action, locality, period, {"from": current, "to": target, "reason": reason, **detail})
        return self.state(locality, period)

    # --- audit ------------------------------------------------------------------------------------

    def _log(
        self, db: sqlite3.Connection, actor: str, action: str, locality: str | None, period: str | None, detail: dict
    ) -> None:
        db.execute(
            "INSERT INTO audit_log (at, actor, action, locality_code, period, detail) VALUES (?, ?, ?, ?, ?, ?)",
            (_now(), actor, action, locality, period, json.dumps(detail, ensure_ascii=False, default=str)),
        )

    def log(self, actor: str, action: str, locality: str | None = None, period: str | None = None, **detail) -> None:
        if action not in ACTIONS:
            raise ValueError(action)
        with self._lock, self._db() as db:
            self._log(db, actor, action, locality, period, detail)

    def audit(self, locality_codes: list[str] | None = None, action: str | None = None) -> list[dict]:
        """The audit log, newest first (optionally for some units, one action)."""
        sql = "SELECT id, at, actor, action, locality_code, period, detail FROM audit_log"
        clauses, params = [], []
        if action:
            clauses.append("action = ?")
            params.append(action)
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += " ORDER BY id DESC"
        with self._db() as db:
            rows = db.execute(sql, params).fetchall()
        out = [
            {
                "id": r[0],
                "at": r[1],
                "actor": r[2],
                "action": r[3],
                "locality_code": r[4],
                "period": r[5],
                "detail": json.loads(r[6] or "{}"),
            }
            for r in rows
        ]
        if locality_codes is not None:
            out = [r for r in out if r["locality_code"] in locality_codes or r["locality_code"] is None]
        return out
