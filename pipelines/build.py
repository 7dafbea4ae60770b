"""Materialize the pipeline in-process: everything, one year or term, one locality or one file."""

from __future__ import annotations

import os
import re
import socket
import threading
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import dagster as dg

from pipelines.assets.exports import EXPORT_GROUP
from pipelines.discovery import discover
from pipelines.families import SheetFamily
from pipelines.limits import DEFAULT_LIMITS, Limits
from pipelines.partitions import period_partitions
from pipelines.resources import RawFiles, SubmissionStore, Warehouse
from pipelines.warehouse import clean_stale_publications

warnings.filterwarnings("ignore", category=dg.BetaWarning)
warnings.filterwarnings("ignore", category=dg.PreviewWarning)

# Step-by-step debug lines belong in the Dagster UI; the console gets warnings and errors.
QUIET = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}
RANGE_START = "dagster/asset_partition_range_start"
RANGE_END = "dagster/asset_partition_range_end"
# The process that runs an in-process build, so the next build can tell a run whose process was
# killed (it stays STARTED for ever otherwise) from one still going.
PID_TAG = "chitieu/pid"
HOST_TAG = "chitieu/host"
PROCESS_START_TAG = "chitieu/process_start"


@dataclass
class BuildResult:
    success: bool
    periods: list[str]
    run_id: str
    warehouse: Path
    checks_failed: list[str]  # checks of severity ERROR that did not pass: rows rejected, files unreadable
    steps_failed: list[tuple[str, str]] = field(default_factory=list)  # (step, first line of its error)
    counts: dict[str, int] = field(default_factory=dict)
    # Checks of severity WARN that did not pass: figures that disagree, warnings in the workbooks. They
    # never stop a load and are not failures.
    checks_warned: list[str] = field(default_factory=list)


def build_assets(assets: list) -> list:
    """The assets a build materializes: all but the *exports* group (the report pack is built on
    request, by `chitieu export` or from the Dagster UI, never by a load)."""
    return [a for a in assets if EXPORT_GROUP not in set(a.group_names_by_key.values())]


def periods_with_workbooks(raw_root: Path) -> list[str]:
    refs = discover(raw_root).refs
    keys = set(period_partitions.get_partition_keys())
    return sorted({r.period for r in refs if r.period in keys}, key=period_partitions.get_partition_keys().index)


def build(
    raw_root: Path,
    warehouse_path: Path,
    period: str | None = None,
    locality: str = "",
    file: str = "",
    instance: dg.DagsterInstance | None = None,
    workers: int = 0,
    families: dict[str, SheetFamily] | None = None,
    submissions: Path | None = None,
    state: Path | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> BuildResult:
    """Load the catalog, the units, the chosen periods' workbooks, then the marts, and publish.

    ``period`` is a year ('2023') or a term ('2020-2025'); ``None`` means every period that has a
    workbook. ``file`` ('an-khe/2023.xlsx') implies its own period. ``families``: another registry
    (the default is ``pipelines.families.FAMILIES``). ``limits``: how large a workbook may be.
    ``submissions`` and ``state``: the submissions folder and the approvals file (locked periods are
    not read); beside the raw-data folder unless given.

    Before anything runs, what a killed build left is cleared: its copy of the warehouse being
    published, and (with a persistent ``instance``) its run, still STARTED, is marked failed.
    """
    raw_root = Path(raw_root).resolve()
    warehouse_path = Path(warehouse_path).resolve()
    # One build at a time per warehouse in a process (the dashboard loads submissions from several
    # sessions' threads): DuckDB's file lock keeps other processes out, not this one's threads.
    with _BUILD_LOCKS.setdefault(str(warehouse_path), threading.Lock()):
        clean_stale_publications(warehouse_path)
        if instance is not None:
            fail_orphaned_runs(instance)
        return _build(
            raw_root, warehouse_path, period, locality, file, instance, workers, families, submissions, state, limits
        )


_BUILD_LOCKS: dict[str, threading.Lock] = {}


def _build(
    raw_root: Path,
    warehouse_path: Path,
    period: str | None,
    locality: str,
    file: str,
    instance: dg.DagsterInstance | None,
    workers: int,
    families: dict[str, SheetFamily] | None,
    submissions: Path | None,
    state: Path | None,
    limits: Limits,
) -> BuildResult:
    # The approvals beside the raw-data folder unless said otherwise (CHITIEU_STATE): locked periods
    # are not read.
    state = state or raw_root.parent / "state" / "chitieu-state.sqlite"
    resources = {
        "raw_files": RawFiles(
            root=str(raw_root),
            locality=locality,
            file=file,
            workers=workers,
            state=str(state),
            **RawFiles.limit_fields(limits),
        ),
        "warehouse": Warehouse(path=str(warehouse_path)),
        # Beside the raw-data folder unless said otherwise (CHITIEU_SUBMISSIONS_DIR).
        "submission_store": SubmissionStore(root=str(submissions or raw_root.parent / "submissions")),
    }
    if file and not period:
        refs = {r.relpath: r for r in discover(raw_root).refs}
        ref = refs.get(file.replace("\\", "/").strip("/"))
        if ref is None:
            raise FileNotFoundError(f"Không có tệp '{file}' trong {raw_root}.")
        period = ref.period
    if period is not None and period not in period_partitions.get_partition_keys():
        raise ValueError(f"Kỳ '{period}' không hợp lệ: dùng một năm (2023) hoặc nhiệm kỳ (2020-2025).")
    periods = [period] if period else periods_with_workbooks(raw_root)
    from pipelines.definitions import ASSETS, assets

    all_assets = build_assets(assets(families) if families else ASSETS)
    if not periods:
        # Nothing partitioned to read: still load reference data, marts, and publish.
        graph = [a for a in all_assets if not getattr(a, "partitions_def", None)]
        result = dg.materialize(
            graph, resources=resources, instance=instance, raise_on_error=False, run_config=QUIET, tags=process_tags()
        )
    else:
        ordered = period_partitions.get_partition_keys()
        first, last = min(periods, key=ordered.index), max(periods, key=ordered.index)
        tags = {RANGE_START: first, RANGE_END: last, **process_tags()}
        if first == last:
            result = dg.materialize(
                all_assets,
                resources=resources,
                instance=instance,
                partition_key=first,
                raise_on_error=False,
                run_config=QUIET,
                tags=process_tags(),
            )
        else:
            result = dg.materialize(
                all_assets,
                resources=resources,
                instance=instance,
                tags=tags,
                raise_on_error=False,
                run_config=QUIET,
            )
    unmet = [e for e in result.get_asset_check_evaluations() if not e.passed]
    failed = [_check_name(e) for e in unmet if e.severity != dg.AssetCheckSeverity.WARN]
    warned = [_check_name(e) for e in unmet if e.severity == dg.AssetCheckSeverity.WARN]
    steps = [
        (e.step_key or "?", _error_text(e))
        for e in result.all_events
        if e.event_type == dg.DagsterEventType.STEP_FAILURE
    ]
    return BuildResult(
        result.success,
        periods,
        result.run_id,
        warehouse_path,
        failed,
        steps,
        summary(warehouse_path, result.run_id),
        warned,
    )


def _check_name(evaluation: dg.AssetCheckEvaluation) -> str:
    return f"{evaluation.asset_key.to_user_string()}:{evaluation.check_name}"


def _process_start(pid: int) -> str | None:
    """When a process started (clock ticks since boot, /proc/<pid>/stat field 22): a reused pid differs."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[-1].split()
    return fields[19] if len(fields) > 19 else None


def process_tags() -> dict[str, str]:
    """The run tags naming this process."""
    pid = os.getpid()
    return {PID_TAG: str(pid), HOST_TAG: socket.gethostname(), PROCESS_START_TAG: _process_start(pid) or ""}


def _alive(pid: int, started: str) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # someone else's process: it exists
    now = _process_start(pid)
    return not (started and now is not None and now != started)


def fail_orphaned_runs(instance: dg.DagsterInstance) -> list[str]:
    """Mark failed the in-process builds of this machine left STARTED by a process that is gone.

    Only runs tagged by ``build`` (``chitieu/pid``) are looked at: the runs ``dagster dev`` launches
    are watched by its daemon's run monitoring (the instance config ``chitieu.cli`` writes)."""
    host = socket.gethostname()
    records = instance.get_run_records(
        filters=dg.RunsFilter(
            statuses=[dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.STARTING], tags={HOST_TAG: host}
        )
    )
    failed = []
    for record in records:
        run = record.dagster_run
        pid_text = run.tags.get(PID_TAG, "")
        if not pid_text.isdigit() or int(pid_text) == os.getpid():
            continue
        if _alive(int(pid_text), run.tags.get(PROCESS_START_TAG, "")):
            continue
        instance.report_run_failed(
            run,
            f"Tiến trình chạy lượt này (pid {pid_text}) đã dừng đột ngột (bị tắt hoặc máy khởi động lại); lượt "
            f"build sau đánh dấu nó thất bại. / The process of this run (pid {pid_text}) is gone (killed or the "
            "machine restarted): marked failed by the next build.",
        )
        failed.append(run.run_id)
    return failed


def _error_text(event: dg.DagsterEvent) -> str:
    error = getattr(event.event_specific_data, "error", None)
    while error is not None and error.cause is not None and "Error occurred while executing" in (error.message or ""):
        error = error.cause
    text = (error.message if error is not None else event.message or "").strip().splitlines()[0]
    # 'dagster._core.definitions.events.Failure: Chưa có bảng …': the words, not the class that carried them.
    return re.sub(r"^[\w.]*\.(?:Failure|DagsterError)\w*: ", "", text)[:500]


def summary(warehouse_path: Path, run_id: str) -> dict[str, int]:
    """What one run did, from the working copy: workbooks read, failed and skipped; rows read,
    loaded and rejected; warnings; figures that disagree with others (in the whole warehouse). Read from
    the working copy (the publication may not have
    happened when a step failed)."""
    from pipelines.warehouse import connect, staging_path

    staging = staging_path(warehouse_path)
    out = dict.fromkeys(
        (
            "files_loaded",
            "files_failed",
            "files_skipped",
            "files_ignored",
            "files_locked",
            "rows_read",
            "rows_loaded",
            "rows_rejected",
            "warnings",
            "figures_disagreeing",
        ),
        0,
    )
    if not staging.exists():
        return out
    conn = connect(staging, read_only=True)
    try:
        log = conn.sql(
            "SELECT status, count(DISTINCT file), sum(rows_read), sum(rows_loaded), sum(rows_rejected), sum(warnings)"
            " FROM load_log WHERE run_id = $run GROUP BY status",
            params={"run": run_id},
        ).fetchall()
        for status, files, read, loaded, rejected, warnings in log:
            if status in ("loaded", "failed"):
                out[f"files_{status}"] += files
            out["rows_read"] += int(read or 0)
            out["rows_loaded"] += int(loaded or 0)
            out["rows_rejected"] += int(rejected or 0)
            out["warnings"] += int(warnings or 0)
        tables = {r[0] for r in conn.sql("SELECT table_name FROM duckdb_tables()").fetchall()}
        if "raw_folder" in tables:
            for status, n in conn.sql("SELECT status, count(*) FROM raw_folder GROUP BY status").fetchall():
                if status in ("skipped", "ignored", "locked"):
                    out[f"files_{status}"] = n
        if "consistency_warnings" in tables:
            out["figures_disagreeing"] = conn.sql("SELECT count(*) FROM consistency_warnings").fetchall()[0][0]
    finally:
        conn.close()
    return out
