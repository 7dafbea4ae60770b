"""What a build says and leaves behind: its exit code and counts, and what a killed build left.

- `chitieu build` exits 1 naming the step when a step fails, and 0 when only rows were rejected
  (the good rows loaded), printing how many.
- A build killed while publishing leaves `.chitieu.duckdb.<uuid>.tmp`; the next build removes it,
  never a copy a live build is still writing.
- A killed build's Dagster run stays STARTED; the next build marks it failed (its pid is gone), and
  leaves alone a run whose process is alive. `dagster dev`'s daemon gets run monitoring from the
  instance config the CLI writes.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipelines.template import SheetData, WorkbookContent, write_workbook
from pipelines.warehouse import clean_stale_publications, publish_lock_path
from tests.conftest import REPO, SAMPLE_RAW

SRC = "[001] Bài viết 'Những thành tựu đáng tự hào' (tháng 02/2024)"


def _raw(tmp_path: Path, rows: list[dict], catalog: bool = True) -> Path:
    root = tmp_path / "raw"
    (root / "an-khe").mkdir(parents=True)
    if catalog:
        shutil.copy(SAMPLE_RAW / "danh-muc-chi-tieu.xlsx", root)
    shutil.copy(SAMPLE_RAW / "an-khe" / "don-vi.xlsx", root / "an-khe")
    content = WorkbookContent(
        kind="year",
        locality_code="an-khe",
        locality_name="Thị xã An Khê",
        period="2021",
        sheets={"indicators": SheetData(rows=rows)},
    )
    write_workbook(root / "an-khe" / "2021.xlsx", content)
    return root


GOOD = {
    "indicator_code": "poverty_rate",
    "unit": "%",
    "actual": "1,42",
    "actual_status": "Chính thức",
    "source_document": SRC,
}
TYPO = {
    "indicator_code": "poverty_rat",
    "unit": "%",
    "actual": "2,9",
    "actual_status": "Chính thức",
    "source_document": SRC,
}


def _cli_build(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, root: Path, capsys: pytest.CaptureFixture
) -> tuple[int, str, str]:
    from chitieu import cli

    monkeypatch.setenv("CHITIEU_RAW_DIR", str(root))
    monkeypatch.setenv("CHITIEU_WAREHOUSE", str(tmp_path / "wh" / "chitieu.duckdb"))
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster"))
    code = cli.main(["build", "--year", "2021"])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.slow
def test_build_with_rejected_rows_only_exits_0_and_prints_the_count(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    root = _raw(tmp_path, [GOOD, TYPO])
    code, out, err = _cli_build(monkeypatch, tmp_path, root, capsys)
    assert code == 0, err
    assert "Tệp / files: 3 đã đọc / read, 0 không đọc được / failed" in out  # catalog, units, 2021.xlsx
    counts = re.search(r"Dòng / rows: (\d+) đọc / read, (\d+) nạp / loaded, (\d+) bị loại / rejected", out)
    assert counts is not None, out
    read, loaded, rejected = (int(g) for g in counts.groups())
    assert (rejected, loaded) == (1, read - 1)  # the typo; the catalog, the units and poverty_rate loaded
    assert "Xem từng lỗi (tệp, trang, dòng, cột)" in out
    # The check that failed is named, not the build; warn-only checks are not called failures.
    failed = next(line for line in out.splitlines() if line.startswith("Kiểm tra chưa đạt / failed checks:"))
    assert "indicator_actuals:no_rejected_rows" in failed
    assert ":no_warnings" not in failed and "figures_consistent" not in failed
    assert "LỖI / FAILED" not in err


@pytest.mark.slow
def test_build_whose_step_fails_exits_1_naming_the_step(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    root = _raw(tmp_path, [GOOD], catalog=False)  # no catalog: the workbooks step cannot parse
    code, out, err = _cli_build(monkeypatch, tmp_path, root, capsys)
    assert code == 1
    assert "LỖI / FAILED: bước 'workbooks' không chạy xong: Chưa có bảng 'indicator_catalog' trong kho" in err
    assert "Kho dữ liệu chưa được cập nhật đầy đủ" in err


def _stale_copy(folder: Path, name: str = "chitieu.duckdb") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / f".{name}.{'ab' * 16}.tmp"
    copy.write_bytes(b"\0" * 4096)
    return copy


def test_stale_publication_copies_go_and_a_live_one_stays(tmp_path: Path) -> None:
    published = tmp_path / "wh" / "chitieu.duckdb"
    copy = _stale_copy(published.parent)
    unrelated = published.parent / "notes.tmp"
    unrelated.write_text("not a publication")
    # A live publication holds the lock (shared) while its copy exists: nothing is removed.
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys, time\n"
            f"fd = os.open({str(publish_lock_path(published))!r}, os.O_RDWR | os.O_CREAT)\n"
            "fcntl.flock(fd, fcntl.LOCK_SH)\nprint('locked', flush=True)\ntime.sleep(60)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        assert clean_stale_publications(published) == []
        assert copy.exists()
    finally:
        holder.kill()
        holder.wait()
    # Its process gone (killed), the lock is free: the copy is a leftover.
    assert clean_stale_publications(published) == [copy]
    assert not copy.exists() and unrelated.exists()


@pytest.mark.slow
def test_a_publish_killed_mid_copy_is_cleaned_by_the_next_build(sample_warehouse: Path, tmp_path: Path) -> None:
    from pipelines.build import build

    wh = tmp_path / "wh"
    wh.mkdir()
    published = wh / "chitieu.duckdb"
    staging = wh / "chitieu.staging.duckdb"
    shutil.copyfile(sample_warehouse, published)
    shutil.copyfile(sample_warehouse, staging)
    script = (
        "import os, shutil, signal, sys\n"
        "from pathlib import Path\n"
        "from pipelines import warehouse\n"
        "def killed(src, dst, *a, **k):\n"
        "    with open(src, 'rb') as s, open(dst, 'wb') as d:\n"
        "        d.write(s.read(1 << 20))\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "shutil.copyfile = killed\n"
        f"warehouse.publish(Path({str(staging)!r}), Path({str(published)!r}))\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert proc.returncode == -signal.SIGKILL
    left = sorted(p.name for p in wh.glob(".chitieu.duckdb.*.tmp"))
    assert len(left) == 1, left

    empty = tmp_path / "raw"
    empty.mkdir()
    result = build(raw_root=empty, warehouse_path=published)
    assert not list(wh.glob(".chitieu.duckdb.*.tmp"))
    assert result.warehouse == published and published.exists()


_STUCK_RUN = """
import os, sys, time
import dagster as dg
from pipelines.build import process_tags

@dg.asset
def slow_step():
    print("started", flush=True)
    time.sleep(120)

dg.materialize([slow_step], instance=dg.DagsterInstance.get(), tags=process_tags())
"""


def _start_stuck_run(home: Path) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-c", _STUCK_RUN],
        cwd=REPO,
        env={**os.environ, "DAGSTER_HOME": str(home), "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if "started" in line:
            return proc
        if not line and proc.poll() is not None:
            break
    proc.kill()
    raise AssertionError("the run never started")


@pytest.mark.slow
def test_a_killed_builds_run_is_failed_by_the_next_build_and_a_live_one_is_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dagster as dg

    from chitieu import cli
    from pipelines.build import PID_TAG, build

    home = tmp_path / "dagster"
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    instance = cli.persistent_instance()
    killed, alive = _start_stuck_run(home), _start_stuck_run(home)
    try:
        killed.send_signal(signal.SIGKILL)
        killed.wait()
        runs = {r.tags[PID_TAG]: r for r in instance.get_runs() if PID_TAG in r.tags}
        assert {runs[str(p.pid)].status for p in (killed, alive)} == {dg.DagsterRunStatus.STARTED}

        empty = tmp_path / "raw"
        empty.mkdir()
        build(raw_root=empty, warehouse_path=tmp_path / "wh" / "chitieu.duckdb", instance=instance)

        after = {r.run_id: r for r in instance.get_runs()}
        dead_run, live_run = runs[str(killed.pid)], runs[str(alive.pid)]
        assert after[dead_run.run_id].status == dg.DagsterRunStatus.FAILURE
        assert after[live_run.run_id].status == dg.DagsterRunStatus.STARTED
        failure = instance.all_logs(dead_run.run_id, of_type=dg.DagsterEventType.RUN_FAILURE)
        assert f"(pid {killed.pid}) đã dừng đột ngột" in failure[-1].message
    finally:
        alive.kill()
        alive.wait()


@pytest.mark.slow  # three Dagster instances on disk: several seconds
def test_the_instance_config_turns_run_monitoring_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from chitieu import cli

    fresh = tmp_path / "fresh"
    monkeypatch.setenv("DAGSTER_HOME", str(fresh))
    instance = cli.persistent_instance()
    assert instance.run_monitoring_enabled
    assert instance.run_monitoring_max_runtime_seconds == 7200
    assert "telemetry:\n  enabled: false" in (fresh / "dagster.yaml").read_text()

    # An instance config written before keeps what it says and gains run monitoring once.
    older = tmp_path / "older"
    older.mkdir()
    (older / "dagster.yaml").write_text("telemetry:\n  enabled: false\nrun_queue:\n  max_concurrent_runs: 3\n")
    monkeypatch.setenv("DAGSTER_HOME", str(older))
    instance = cli.persistent_instance()
    cli.persistent_instance()
    text = (older / "dagster.yaml").read_text()
    assert instance.run_monitoring_enabled and text.count("run_monitoring:") == 1
    assert "max_concurrent_runs: 3" in text

    # One that says something about run monitoring is left as it is.
    own = tmp_path / "own"
    own.mkdir()
    (own / "dagster.yaml").write_text("run_monitoring:\n  enabled: false\n")
    monkeypatch.setenv("DAGSTER_HOME", str(own))
    assert not cli.persistent_instance().run_monitoring_enabled
