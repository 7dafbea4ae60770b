"""The production setup end to end: Dagster's storage in PostgreSQL (deploy/dagster-postgres.yaml as
DAGSTER_HOME/dagster.yaml), a clerk's 'Nộp' in sensor mode filing the workbook into the raw-data
folder, the daemon's sensor loading it, and the run that loaded it found in PostgreSQL.

Needs Debian's PostgreSQL server binaries (``make system-deps`` installs ``postgresql``). The test
starts a cluster of its own (``initdb`` in a temporary folder, loopback on a free port, password
authentication), never the machine's: as root its server runs as the ``postgres`` user Debian's
package made, as anyone else as that user. Skipped, with the reason, where the binaries are missing.
A failure prints the end of the daemon's log (its runs' events included)."""

from __future__ import annotations

import contextlib
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from tests.conftest import SAMPLE_RAW

REPO = Path(__file__).resolve().parent.parent


def _pg_bin() -> Path | None:
    """The newest installed PostgreSQL's binaries (Debian keeps them out of PATH)."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


PG_BIN = _pg_bin()

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(PG_BIN is None, reason="PostgreSQL is not installed (make system-deps)"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_server_user(cmd: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: as root, run it as the 'postgres' user Debian's package made."""
    if os.geteuid() != 0:
        return cmd
    return ["runuser", "-u", "postgres", "--", *cmd]


@pytest.fixture(scope="module")
def postgres() -> Iterator[dict[str, str]]:
    """A private PostgreSQL cluster on loopback, with a database and a password-protected user for Dagster."""
    if os.geteuid() == 0:
        try:
            server_user = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no 'postgres' user to run the server as")
    # Not under pytest's tmp_path: its folders are private to the test's user, the server runs as another.
    base = Path(tempfile.mkdtemp(prefix="chitieu-pg-"))
    data, sockets = base / "data", base / "sockets"
    sockets.mkdir()
    user, password, db = "chitieu", uuid.uuid4().hex, "dagster"
    secret = base / "pwfile"
    secret.write_text(password + "\n")
    if os.geteuid() == 0:
        for path in (base, sockets, secret):
            os.chown(path, server_user.pw_uid, server_user.pw_gid)
    port = _free_port()
    subprocess.run(
        _as_server_user(
            [str(PG_BIN / "initdb"), "-D", str(data), "-U", user, f"--pwfile={secret}", "-A", "scram-sha-256"]
            + ["-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]
        ),
        check=True,
        capture_output=True,
    )
    secret.unlink()
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {sockets} -c fsync=off"
    subprocess.run(
        _as_server_user([str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(base / "server.log"), "-o", options])
        + ["-w", "-t", "60", "start"],
        check=True,
        capture_output=True,
    )
    try:
        env = {**os.environ, "PGPASSWORD": password}
        psql = [str(PG_BIN / "psql"), "-h", "127.0.0.1", "-p", str(port), "-U", user, "-d", "postgres"]
        subprocess.run([*psql, "-qc", f"CREATE DATABASE {db}"], check=True, env=env, capture_output=True)
        yield {
            "CHITIEU_PG_HOST": "127.0.0.1",
            "CHITIEU_PG_PORT": str(port),
            "CHITIEU_PG_DB": db,
            "CHITIEU_PG_USER": user,
            "CHITIEU_PG_PASSWORD": password,
        }
    finally:
        subprocess.run(
            _as_server_user([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]), capture_output=True
        )
        shutil.rmtree(base, ignore_errors=True)


def _connect(pg: dict[str, str]) -> contextlib.closing:
    import psycopg2

    return contextlib.closing(
        psycopg2.connect(
            host=pg["CHITIEU_PG_HOST"],
            port=int(pg["CHITIEU_PG_PORT"]),
            dbname=pg["CHITIEU_PG_DB"],
            user=pg["CHITIEU_PG_USER"],
            password=pg["CHITIEU_PG_PASSWORD"],
        )
    )


def _runs(pg: dict[str, str]) -> list[tuple[str, str, str]]:
    """(run id, status, 'chitieu/file' tag) of the runs Dagster recorded in PostgreSQL, oldest first."""
    with _connect(pg) as conn, conn.cursor() as cur:
        cur.execute("SELECT to_regclass('runs') IS NOT NULL")
        if not cur.fetchone()[0]:
            return []  # the daemon has not created Dagster's tables yet
        cur.execute(
            "SELECT r.run_id, r.status, coalesce(t.value, '') FROM runs r LEFT JOIN run_tags t"
            " ON t.run_id = r.run_id AND t.key = 'chitieu/file' ORDER BY r.create_timestamp"
        )
        return [(run_id, status, files) for run_id, status, files in cur.fetchall()]


def _sensor_cursors(pg: dict[str, str]) -> list[dict[str, str]]:
    """Each sensor's cursor as the daemon keeps it in PostgreSQL (the raw-folder sensor's: file -> fingerprint)."""
    with _connect(pg) as conn, conn.cursor() as cur:
        cur.execute("SELECT instigator_body FROM instigators WHERE instigator_type = 'SENSOR'")
        bodies = [json.loads(body) for (body,) in cur.fetchall()]
    return [json.loads(b["job_specific_data"].get("cursor") or "{}") for b in bodies]


FINISHED = {"SUCCESS", "FAILURE", "CANCELED"}


class Daemon:
    """``dagster-daemon run`` in its own process group, its output kept in a file for when a check fails."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.log = log
        self._out = log.open("w")
        self.process = subprocess.Popen(
            [str(Path(sys.executable).parent / "dagster-daemon"), "run", "-m", "chitieu.definitions"],
            cwd=REPO,
            env=env,
            stdout=self._out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, with the code server and the runs it starts
        )

    def tail(self, chars: int = 6000) -> str:
        self._out.flush()
        return self.log.read_text(errors="replace")[-chars:]

    def wait_for(self, predicate, timeout: float, what: str) -> None:
        """Poll ``predicate`` every half second; fail with the daemon's log when it never holds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.5)
        raise AssertionError(
            f"{what}: not seen in {timeout:.0f} s (daemon exit code {self.process.poll()}); its log ends:\n{self.tail()}"
        )

    def stop(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        # Whatever the daemon started and left behind (its code server, a run) goes with it.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self._out.close()


def _poverty(warehouse: Path, period: str) -> list[tuple[float]]:
    conn = duckdb.connect(str(warehouse), read_only=True)
    try:
        return conn.execute(
            "SELECT value FROM indicator_actuals WHERE locality_code = 'an-khe' AND indicator_code = 'poverty_rate'"
            " AND period = ? AND is_current",
            [period],
        ).fetchall()
    finally:
        conn.close()


def test_daemon_loads_a_submission_and_the_run_is_in_postgres(tmp_path: Path, postgres: dict[str, str]) -> None:
    from chitieu.submission import Submitter
    from pipelines.template import SheetData, WorkbookContent, write_workbook

    started = time.monotonic()
    home = tmp_path / "dagster-home"
    home.mkdir()
    shutil.copy(REPO / "deploy" / "dagster-postgres.yaml", home / "dagster.yaml")
    # A new service: the catalog and An Khê's units, no figures yet, no warehouse.
    raw = tmp_path / "raw"
    (raw / "an-khe").mkdir(parents=True)
    for name in ("danh-muc-chi-tieu.xlsx", "an-khe/don-vi.xlsx"):
        shutil.copy(SAMPLE_RAW / name, raw / name)
    warehouse = tmp_path / "warehouse" / "chitieu.duckdb"
    submissions, state = tmp_path / "submissions", tmp_path / "state.sqlite"

    # A clerk sends the 2023 workbook through 'Nộp' in the service setup (CHITIEU_SUBMIT_LOAD=sensor):
    # checked against the catalog, filed into the raw-data folder, and nothing loaded in this process.
    rows = [{"indicator_code": "poverty_rate", "unit": "%", "actual": "1,1", "actual_status": "Chính thức"}]
    content = WorkbookContent("year", "an-khe", "Thị xã An Khê", "2023", sheets={"indicators": SheetData(rows=rows)})
    book = write_workbook(tmp_path / "sent.xlsx", content).read_bytes()
    site = Submitter(raw, warehouse, submissions, load="sensor", state=state)
    check = site.check(book, "Báo cáo 2023.xlsx", "an-khe", "2023", "thuky-an-khe")
    assert check.can_submit and check.rows_valid == 1, check
    filed = site.submit(check.submission_id, "thuky-an-khe")
    assert filed.success and filed.file == "an-khe/2023.xlsx" and "Dagster" in filed.message, filed
    assert (raw / "an-khe" / "2023.xlsx").read_bytes() == book
    assert not warehouse.exists(), "'Nộp' in sensor mode must leave the load to the daemon"

    # The service's daemon, with Dagster's storage in PostgreSQL: its sensor finds the filed workbook
    # and queues one run of 2023 for An Khê (with the catalog and units it has not loaded yet).
    env = {
        **os.environ,
        **postgres,
        "DAGSTER_HOME": str(home),
        "CHITIEU_RAW_DIR": str(raw),
        "CHITIEU_WAREHOUSE": str(warehouse),
        "CHITIEU_SUBMISSIONS_DIR": str(submissions),
        "CHITIEU_STATE": str(state),
        "CHITIEU_SUBMIT_LOAD": "sensor",
    }
    daemon_started = time.monotonic()
    daemon = Daemon(env, tmp_path / "daemon.log")
    try:
        daemon.wait_for(
            lambda: any(status in FINISHED for _, status, _ in _runs(postgres)), 150, "a finished run in PostgreSQL"
        )
        loaded = time.monotonic() - daemon_started
        runs = _runs(postgres)
        assert [(status, files) for _, status, files in runs] == [("SUCCESS", "an-khe/2023.xlsx")], (
            f"runs {runs}; the daemon's log ends:\n{daemon.tail()}"
        )
        # What the clerk sees next: the figure published, the version marked as loaded, and the
        # warehouse's load log naming the run PostgreSQL holds.
        assert _poverty(warehouse, "2023") == [(1.1,)]
        conn = duckdb.connect(str(warehouse), read_only=True)
        try:
            versions = conn.execute("SELECT locality_code, period, status, submitted_by FROM submissions").fetchall()
            load_runs = conn.execute("SELECT DISTINCT run_id FROM load_log WHERE file = 'an-khe/2023.xlsx'").fetchall()
        finally:
            conn.close()
        assert versions == [("an-khe", "2023", "submitted", "thuky-an-khe")], versions
        assert load_runs == [(runs[0][0],)], (load_runs, runs)
        # The sensor's cursor lives in PostgreSQL too: a restarted daemon does not load these files again.
        cursors = _sensor_cursors(postgres)
        assert [sorted(c) for c in cursors] == [["an-khe/2023.xlsx", "an-khe/don-vi.xlsx", "danh-muc-chi-tieu.xlsx"]]
        print(f"daemon start to the submission loaded {loaded:.1f} s; whole test {time.monotonic() - started:.1f} s")
    finally:
        daemon.stop()
