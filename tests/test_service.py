"""The production setup end to end: Dagster's storage in PostgreSQL, the daemon running the sensor,
a clerk's submission confirmed into data/raw, and the run that loaded it found in PostgreSQL.

Needs Debian's PostgreSQL (``make system-deps`` installs it) and root to start its cluster, as CI has;
skipped elsewhere with the reason.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import duckdb
import pytest

from tests.conftest import SAMPLE_RAW

REPO = Path(__file__).resolve().parent.parent
CLUSTER = ("15", "main")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("pg_ctlcluster") is None, reason="PostgreSQL is not installed (make system-deps)"),
    pytest.mark.skipif(os.geteuid() != 0, reason="starting Debian's PostgreSQL cluster needs root (CI runs as root)"),
]


def _psql(sql: str, db: str = "postgres") -> str:
    out = subprocess.run(
        ["runuser", "-u", "postgres", "--", "psql", "-d", db, "-tAc", sql], capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


@pytest.fixture(scope="module")
def postgres() -> dict[str, str]:
    """A database and a user of its own in Debian's cluster (started when it is not running)."""
    status = subprocess.run(["pg_ctlcluster", *CLUSTER, "status"], capture_output=True)
    if status.returncode != 0:
        subprocess.run(["pg_ctlcluster", *CLUSTER, "start"], check=True)
    name = f"chitieu_test_{uuid.uuid4().hex[:8]}"
    password = uuid.uuid4().hex
    _psql(f"CREATE ROLE {name} LOGIN PASSWORD '{password}'")
    _psql(f"CREATE DATABASE {name} OWNER {name}")
    yield {
        "CHITIEU_PG_HOST": "127.0.0.1",
        "CHITIEU_PG_PORT": _psql("SHOW port"),
        "CHITIEU_PG_DB": name,
        "CHITIEU_PG_USER": name,
        "CHITIEU_PG_PASSWORD": password,
    }
    _psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    _psql(f"DROP ROLE IF EXISTS {name}")


def _runs(db: str) -> list[tuple[str, str]]:
    """(status, files) of the runs Dagster recorded in PostgreSQL, oldest first."""
    rows = _psql(
        "SELECT r.status, coalesce(t.value, '') FROM runs r LEFT JOIN run_tags t"
        " ON t.run_id = r.run_id AND t.key = 'chitieu/file' ORDER BY r.create_timestamp",
        db,
    )
    return [tuple(line.split("|", 1)) for line in rows.splitlines() if line]


def _wait(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(2)
    raise AssertionError(f"timed out waiting for {what}")


def test_daemon_loads_a_submission_and_the_run_is_in_postgres(tmp_path: Path, postgres: dict[str, str]) -> None:
    from chitieu.submission import Submitter

    home = tmp_path / "dagster-home"
    home.mkdir()
    shutil.copy(REPO / "deploy" / "dagster-postgres.yaml", home / "dagster.yaml")
    raw = tmp_path / "raw"
    shutil.copytree(SAMPLE_RAW, raw)
    warehouse = tmp_path / "warehouse" / "chitieu.duckdb"
    env = {
        **os.environ,
        **postgres,
        "DAGSTER_HOME": str(home),
        "CHITIEU_RAW_DIR": str(raw),
        "CHITIEU_WAREHOUSE": str(warehouse),
        "CHITIEU_SUBMISSIONS_DIR": str(tmp_path / "submissions"),
        "CHITIEU_STATE": str(tmp_path / "state.sqlite"),
    }
    daemon = subprocess.Popen(
        [str(Path(sys.executable).parent / "dagster-daemon"), "run", "-m", "chitieu.definitions"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        db = postgres["CHITIEU_PG_DB"]
        # The sensor's first tick loads every workbook once (one range run), then publishes.
        _wait(lambda: any(s == "SUCCESS" for s, _ in _runs(db)), 240, "the first load")
        assert warehouse.exists()
        # A clerk's corrected 2023 workbook, confirmed into data/raw (service mode: the daemon loads it).
        book = (raw / "an-khe" / "2023.xlsx").read_bytes()
        site = Submitter(raw, warehouse, tmp_path / "submissions", load="sensor")
        check = site.check(book, "2023 (gửi lại).xlsx", "an-khe", "2023", "thuky-an-khe")
        assert check.can_submit
        site.submit(check.submission_id, "thuky-an-khe")
        os.utime(raw / "an-khe" / "2023.xlsx", (time.time() + 60, time.time() + 60))  # a new fingerprint
        _wait(lambda: ("SUCCESS", "an-khe/2023.xlsx") in _runs(db), 180, "the run of the submitted workbook")
        runs = _runs(db)
        assert all(status in ("SUCCESS", "QUEUED", "STARTED", "NOT_STARTED") for status, _ in runs), runs
        conn = duckdb.connect(str(warehouse), read_only=True)
        try:
            files = conn.sql("SELECT count(*) FROM submissions WHERE status = 'submitted'").fetchall()[0][0]
        finally:
            conn.close()
        assert files == 1
    finally:
        os.killpg(daemon.pid, signal.SIGTERM)
        try:
            daemon.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(daemon.pid, signal.SIGKILL)
