"""Submissions composed at the top: check a sent workbook, keep it, confirm it into the raw-data
folder and load it through the Dagster definitions, in this process.

``Submitter`` is the ``analysis.submission.SubmissionService`` the dashboard's 'Nộp số liệu' page
is given by its entry point. A load is an in-process Dagster run
of the submitted file's period for its locality (the same definitions as every load; runs show in
the Dagster UI when the instance is the shared one). Dagster is imported once per process and kept,
so a later submission does not pay for it again (the page warms it while the clerk chooses a file).
"""

from __future__ import annotations

import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from analysis.submission import SubmissionCheck, SubmissionLoad
from pipelines.checking import check_file, identify
from pipelines.governance import Governance
from pipelines.issues import ISSUE_COLUMNS
from pipelines.marking import mark_workbook
from pipelines.submissions import MAX_BYTES, MAX_UNZIPPED_BYTES, Refused, Store, screen
from schemas.messages import message

_warm_lock = threading.Lock()
_import_lock = threading.Lock()
_warming: threading.Thread | None = None


def warm() -> None:
    """Import the Dagster definitions and run Dagster's executor once on a trivial asset (the slow
    part of a first load: imports, the first job and execution plan) ahead of the clerk's click."""
    with _import_lock:
        import dagster as dg

        import pipelines.build
        import pipelines.definitions  # noqa: F401

        @dg.asset(name="chitieu_warm_up")
        def _warm_up() -> None:
            return None

        dg.materialize([_warm_up], raise_on_error=False, run_config=pipelines.build.QUIET)


@dataclass
class Submitter:
    raw_root: Path
    warehouse: Path
    store_root: Path
    max_bytes: int = MAX_BYTES
    max_unzipped: int = MAX_UNZIPPED_BYTES
    instance: object | None = None  # a DagsterInstance; None: an ephemeral one per run
    # 'in_process': 'Nộp' loads at once in this process (one machine, the default); 'sensor': 'Nộp'
    # only files the workbook, and the Dagster daemon's sensor loads it (the service setup).
    load: str = "in_process"
    # The approvals file (CHITIEU_STATE): a workbook of a locked period is kept, not loaded.
    state: Path | None = None

    @property
    def store(self) -> Store:
        return Store(self.store_root)

    def check(self, data: bytes, name: str, locality: str | None, period: str | None, user: str) -> SubmissionCheck:
        """Check a sent workbook against the published warehouse and keep it as a version (status
        'checked'); nothing is loaded. A file refused at the door is not kept."""
        original = Path(str(name).replace("\\", "/")).name
        try:
            suffix = screen(data, original, self.max_bytes, self.max_unzipped)
        except Refused as exc:
            return SubmissionCheck(None, locality, period, original, refused=_say(exc.rule, exc.detail))
        with tempfile.TemporaryDirectory(prefix="chitieu-submit-") as scratch:
            # The bytes under a name of ours: the clerk's name is text, never a path.
            sent = Path(scratch) / f"upload{suffix}"
            sent.write_bytes(data)
            target, problem = identify(sent, locality or None, period or None)
            if target is None:
                return SubmissionCheck(
                    None, locality, period, original, refused=problem.item(0, "message_vi"), issues=problem
                )
            result = check_file(sent, self.warehouse, target.locality_code, target.period, raw_root=self.raw_root)
        issues = result.issues.with_columns(pl.lit(original).alias("file"))
        sub = self.store.add(
            data, original, target.locality_code, target.period, user, self.max_bytes, self.max_unzipped
        )
        sub.rows_read, sub.rows_rejected = result.rows_read, result.rows_rejected
        sub.errors = issues.filter(pl.col("severity") == "error").height
        sub.warnings = issues.filter(pl.col("severity") == "warning").height
        self.store.save(sub)
        return SubmissionCheck(
            sub.id,
            target.locality_code,
            target.period,
            original,
            rows_read=result.rows_read,
            rows_valid=result.rows_valid,
            rows_rejected=result.rows_rejected,
            issues=issues.select(list(ISSUE_COLUMNS)),
            changes=result.changes,
            locked=self._locked(target.locality_code, target.period),
        )

    def submit(self, submission_id: str, user: str) -> SubmissionLoad:
        """Confirm a checked version ('Nộp'): into the raw-data folder, then load its period for its
        locality and publish."""
        from pipelines.build import build

        started = time.perf_counter()
        sub = self.store.get(submission_id)
        if self._locked(sub.locality_code, sub.period):
            self.store.hold(sub, user)
            return SubmissionLoad(
                sub.id,
                False,
                round(time.perf_counter() - started, 2),
                "",
                "Kỳ đã được duyệt và khóa: bản này được giữ để cấp trên chấp nhận là bản sửa; số liệu đã duyệt "
                "không đổi.",
                held=True,
            )
        target = self.store.confirm(sub, self.raw_root, user)
        relpath = target.relative_to(self.raw_root).as_posix()
        if self.load == "sensor":
            return SubmissionLoad(
                sub.id,
                True,
                round(time.perf_counter() - started, 2),
                relpath,
                "Đã nộp; trình nạp tự động (Dagster) sẽ cập nhật số liệu trong ít phút.",
            )
        result = build(
            self.raw_root,
            self.warehouse,
            file=relpath,
            instance=self.instance,
            submissions=self.store_root,
            state=self.state,
        )
        text = "; ".join(f"{step}: {error}" for step, error in result.steps_failed)
        return SubmissionLoad(
            sub.id, result.success, round(time.perf_counter() - started, 2), relpath, text, dict(result.counts)
        )

    def hold(self, submission_id: str, user: str) -> None:
        """'Nộp' for a locked period: keep the version as waiting for the level above (not loaded)."""
        self.store.hold(self.store.get(submission_id), user)

    def held(self, localities: list[str] | None = None) -> list:
        """Versions sent for locked periods, waiting for the level above (newest first)."""
        return [
            s for s in self.store.all() if s.status == "held" and (localities is None or s.locality_code in localities)
        ]

    def marked(self, submission_id: str) -> tuple[bytes, str]:
        """The version back as .xlsx with its problem cells marked, and a file name for it."""
        sub = self.store.get(submission_id)
        source = self.store.path(sub)
        result = check_file(source, self.warehouse, sub.locality_code, sub.period, raw_root=self.raw_root)
        issues = result.issues.with_columns(pl.lit(sub.original_name).alias("file"))
        with tempfile.TemporaryDirectory(prefix="chitieu-marked-") as scratch:
            out = mark_workbook(source, issues, Path(scratch) / "marked.xlsx")
            data = out.read_bytes()
        return data, self.marked_name(submission_id)

    def changes(self, submission_id: str) -> pl.DataFrame:
        """What a kept version would change in the warehouse now (table, key, change, before, after)."""
        sub = self.store.get(submission_id)
        return check_file(
            self.store.path(sub), self.warehouse, sub.locality_code, sub.period, raw_root=self.raw_root
        ).changes

    def accept(self, submission_id: str, approver: str, reason: str) -> SubmissionLoad:
        """The level above accepts a version held for a locked (or approved) period as a revision:
        the period is unlocked with the reason, the version loaded, and the period approved (and
        locked again if it was); the audit log keeps each figure it changed, before → after, with
        the file it came from."""
        if self.state is None:
            raise ValueError("accept: no approvals file (CHITIEU_STATE)")
        governance = Governance(Path(self.state))
        sub = self.store.get(submission_id)
        period = sub.period
        was = governance.state(sub.locality_code, period).state
        changes = self.changes(submission_id)
        changed = changes.filter(pl.col("change") != "unchanged") if changes.height else changes
        governance.transition(
            sub.locality_code, period, "unlock", approver, reason=f"Chấp nhận bản sửa {sub.original_name}: {reason}"
        )
        load = self.submit(submission_id, approver)
        if load.success:
            governance.transition(sub.locality_code, period, "submit", approver, submission=sub.id)
        governance.transition(sub.locality_code, period, "approve", approver)
        if was == "locked":
            governance.transition(sub.locality_code, period, "lock", approver)
        governance.log(
            approver,
            "accept_revision",
            sub.locality_code,
            period,
            submission=sub.id,
            file=sub.original_name,
            submitted_by=sub.submitted_by,
            loaded=load.success,
            message=load.message,
            changes=changed.select("table", "key", "before", "after").to_dicts() if changed.height else [],
        )
        return load

    def _locked(self, locality: str, period: str | None) -> bool:
        if self.state is None or period is None or not Path(self.state).exists():
            return False
        return (locality, period) in Governance(Path(self.state)).locked()

    def marked_name(self, submission_id: str) -> str:
        """The file name the marked copy is offered under: the clerk's own name, '-danh-dau.xlsx'."""
        return f"{Path(self.store.get(submission_id).original_name).stem}-danh-dau.xlsx"

    def warm_in_background(self) -> None:
        """Start importing the Dagster definitions in a thread (once per process)."""
        global _warming
        with _warm_lock:
            if _warming is None:
                _warming = threading.Thread(target=warm, name="chitieu-warm", daemon=True)
                _warming.start()

    def marked_file(self, relpath: str) -> tuple[bytes, str]:
        """A workbook of the raw-data folder back as .xlsx with its problem cells marked (the 'Dữ
        liệu' page's download). ``relpath`` must name a workbook the folder holds."""
        from pipelines.discovery import discover

        refs = {r.relpath: r for r in discover(self.raw_root).refs}
        ref = refs.get(str(relpath))
        if ref is None:
            raise KeyError(relpath)
        result = check_file(ref.path, self.warehouse, ref.locality_code, ref.period, raw_root=self.raw_root)
        issues = result.issues.with_columns(pl.lit(ref.relpath).alias("file"))
        with tempfile.TemporaryDirectory(prefix="chitieu-marked-") as scratch:
            data = mark_workbook(ref.path, issues, Path(scratch) / "marked.xlsx").read_bytes()
        return data, f"{Path(ref.relpath).stem}-{ref.locality_code}-danh-dau.xlsx"

    def history(self, locality: str) -> pl.DataFrame:
        """Every version of the unit's workbooks, newest first."""
        rows = [
            {
                "submission_id": s.id,
                "period": s.period or "don-vi",
                "original_name": s.original_name,
                "submitted_by": s.submitted_by,
                "submitted_at": s.submitted_at,
                "status": s.status,
                "errors": s.errors,
                "warnings": s.warnings,
                "size_bytes": s.size_bytes,
            }
            for s in self.store.all(locality)
        ]
        return pl.DataFrame(rows) if rows else pl.DataFrame()


def _say(rule: str, detail: str) -> str:
    text = message(rule).vi
    return f"{text} ({detail})" if detail else text
