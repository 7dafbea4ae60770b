"""What a clerk waits for on 'Nộp số liệu', measured through the page (AppTest) in a fresh process:
from the upload to the checked result on the page ('Chỉ kiểm tra'), and from 'Nộp' to the figures
on the overview (the load through Dagster, the publish, and the overview's first run after it).

    python -m benchmarks.submission --workdir /tmp/chitieu-bench-submit     # prints JSON

The process is new, as a server just started is: the page warms Dagster's import in the background
when it opens (the warm path), as it does for a clerk choosing a file; the figures say how long that
took and whether the first 'Nộp' had to wait for it. Three rounds, each with another value of one
figure (An Khê's 2023 poverty rate), so every 'Nộp' changes the warehouse.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "bench-only-password"
VALUES = ("1,11", "1,12", "1,13")


def _book(path: Path, value: str) -> bytes:
    from pipelines.template import SheetData, WorkbookContent, write_workbook

    rows = [{"indicator_code": "poverty_rate", "unit": "%", "actual": value, "actual_status": "Chính thức"}]
    content = WorkbookContent("year", "an-khe", "Thị xã An Khê", "2023", sheets={"indicators": SheetData(rows=rows)})
    return write_workbook(path, content).read_bytes()


def _setup(workdir: Path) -> dict[str, str]:
    """A copy of the sample's raw data and its warehouse, a clerk of An Khê, their own state."""
    from analysis.access import hash_password
    from pipelines.build import build

    shutil.rmtree(workdir, ignore_errors=True)
    raw = workdir / "raw"
    shutil.copytree(ROOT / "data" / "raw", raw)
    warehouse = workdir / "warehouse" / "chitieu.duckdb"
    if not build(raw, warehouse, state=workdir / "state.sqlite", submissions=workdir / "submissions").success:
        raise RuntimeError("building the sample warehouse failed")
    users = workdir / "users.toml"
    users.write_text(
        f'[users.thuky]\nname = "Thư ký"\npassword = "{hash_password(PASSWORD)}"\nroles = ["clerk:an-khe"]\n',
        encoding="utf-8",
    )
    return {
        "CHITIEU_RAW_DIR": str(raw),
        "CHITIEU_WAREHOUSE": str(warehouse),
        "CHITIEU_STATE": str(workdir / "state.sqlite"),
        "CHITIEU_SUBMISSIONS_DIR": str(workdir / "submissions"),
        "CHITIEU_USERS": str(users),
        "CHITIEU_AUTH": "local",
        "CHITIEU_SUBMIT_LOAD": "in_process",
    }


def _child(workdir: Path) -> dict:
    """The measurement itself, in a process that has not imported Dagster."""
    import logging

    from streamlit.testing.v1 import AppTest

    for name in ("streamlit", "streamlit.runtime"):
        logging.getLogger(name).setLevel(logging.ERROR)
    at = AppTest.from_file(str(ROOT / "dashboards" / "app.py"), default_timeout=180)
    at.query_params.update({"year": "2023"})
    at.run()
    at.text_input(key="w_sign_in_user").input("thuky")
    at.text_input(key="w_sign_in_password").input(PASSWORD)
    at.button(key="w_sign_in").click().run()
    opened = time.perf_counter()
    at.switch_page("pages/submit.py").run()  # the page starts importing Dagster in the background
    from chitieu import submission

    rounds = []
    for i, value in enumerate(VALUES):
        book = _book(workdir / f"book-{i}.xlsx", value)
        if i == 0:
            # A clerk takes a few seconds to choose the file; the warm-up runs meanwhile.
            warm_thread = submission._warming
            if warm_thread is not None:
                warm_thread.join()
            warmed_s = time.perf_counter() - opened
        at.file_uploader(key="w_submit_files").set_value([(f"2023-{i}.xlsx", book, "application/octet-stream")])
        started = time.perf_counter()
        at.button(key="w_submit_check").click().run()
        check_s = time.perf_counter() - started
        shown = " ".join(m.value for m in at.markdown)
        if "→ Thị xã An Khê 2023" not in shown:
            raise RuntimeError(f"the checked result is not on the page: {shown[:300]}")
        started = time.perf_counter()
        at.button(key="w_submit_go").click().run()
        submit_s = time.perf_counter() - started
        if not any("Đã nộp" in s.value for s in at.success):
            raise RuntimeError(f"'Nộp' did not finish: {[e.value for e in at.error]}")
        started = time.perf_counter()
        at.switch_page("pages/overview.py").run()
        overview_s = time.perf_counter() - started
        if not any(value in f.value.to_csv() for f in at.dataframe):
            raise RuntimeError(f"the overview does not show {value} after 'Nộp'")
        at.switch_page("pages/submit.py").run()
        rounds.append(
            {
                "check_s": round(check_s, 3),
                "submit_s": round(submit_s, 3),
                "overview_after_s": round(overview_s, 3),
                "submit_to_overview_s": round(submit_s + overview_s, 3),
            }
        )
    return {
        "warm_up_s": round(warmed_s, 3),
        "rounds": rounds,
        "check_s_median": round(statistics.median(r["check_s"] for r in rounds), 3),
        "submit_to_overview_s_median": round(statistics.median(r["submit_to_overview_s"] for r in rounds), 3),
        "first_check_s": rounds[0]["check_s"],
        "first_submit_to_overview_s": rounds[0]["submit_to_overview_s"],
    }


def measure(workdir: Path) -> dict:
    """Set up, then measure in a child process (no Dagster imported yet); the figures as a dict."""
    env = {**os.environ, **_setup(workdir)}
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.submission", "--workdir", str(workdir), "--child"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "the child failed")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="'Nộp số liệu': upload → checked, 'Nộp' → overview.")
    parser.add_argument("--workdir", type=Path, required=True)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    figures = _child(args.workdir) if args.child else measure(args.workdir)
    print(json.dumps(figures, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
