"""Server-side render time of every dashboard page, measured with Streamlit's AppTest.

For the benchmark script and the README: ``measure_pages(warehouse)`` gives, per page, the time
of its first run in a new server ("first"), of its first run after a publish emptied the query
cache ("cold") and the median of later, cached runs ("warm"). The pages are timed as an
administrator signed in with a local account sees them (every page, through the access checks),
with approvals and submissions of their own in a scratch folder.

    python -m dashboards.perf --warehouse data/warehouse/chitieu.duckdb --year 2023
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from dashboards.navigation import PAGES

APP = Path(__file__).resolve().parent / "app.py"
PASSWORD = "perf-only-password"  # a throwaway account in a scratch users file


def measure_pages(
    warehouse: Path,
    *,
    repeats: int = 3,
    query: dict[str, str] | None = None,
    timeout: float = 120.0,
) -> list[dict]:
    """[{page, first_s, cold_s, warm_s, exceptions}] for every page of ``navigation.PAGES``, reading ``warehouse``.

    ``first_s``: the page's first run in a server just started (its modules imported, the cache
    empty); ``cold_s``: its first run after a publish (the cache empty, the code loaded), what the
    first visitor after a build waits for; ``warm_s``: the median of ``repeats`` cached runs.
    """
    import logging

    import streamlit as st
    from streamlit.runtime.caching import cache_data_api
    from streamlit.testing.v1 import AppTest

    # Without a server every cache clear logs "No runtime found"; the timings are what matter here.
    logging.getLogger(cache_data_api.__name__).setLevel(logging.ERROR)

    from analysis.access import hash_password

    scratch = tempfile.TemporaryDirectory(prefix="chitieu-perf-")
    root = Path(scratch.name)
    (root / "users.toml").write_text(
        f'[users.perf]\nname = "perf"\npassword = "{hash_password(PASSWORD)}"\nroles = ["admin"]\n', encoding="utf-8"
    )
    env = {
        "CHITIEU_WAREHOUSE": str(warehouse),
        "CHITIEU_AUTH": "local",
        "CHITIEU_USERS": str(root / "users.toml"),
        "CHITIEU_STATE": str(root / "state.sqlite"),
        "CHITIEU_SUBMISSIONS_DIR": str(root / "submissions"),
    }
    previous = {name: os.environ.get(name) for name in env}
    os.environ.update(env)
    try:
        at = AppTest.from_file(str(APP), default_timeout=timeout)
        at.query_params.update(query or {})
        at.run()
        at.text_input(key="w_sign_in_user").input("perf")
        at.text_input(key="w_sign_in_password").input(PASSWORD)
        at.button(key="w_sign_in").click().run()  # imports and the sidebar's first queries: not a page's cost

        def timed_run() -> float:
            started = time.perf_counter()
            at.run()
            return time.perf_counter() - started

        first: dict[str, float] = {}
        for page in PAGES:
            at.switch_page(page.file)
            st.cache_data.clear()
            first[page.file] = timed_run()
        results = []
        for page in PAGES:
            at.switch_page(page.file)
            st.cache_data.clear()
            cold = timed_run()
            warm = [timed_run() for _ in range(repeats)]
            results.append(
                {
                    "page": page.name,
                    "first_s": round(first[page.file], 3),
                    "cold_s": round(cold, 3),
                    "warm_s": round(statistics.median(warm), 3),
                    "exceptions": len(at.exception),
                }
            )
        return results
    finally:
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        scratch.cleanup()


def measure_view(
    warehouse: Path,
    page: str,
    query: dict[str, str],
    *,
    repeats: int = 3,
    timeout: float = 120.0,
) -> dict:
    """{first_s, cold_s, warm_s, exceptions} of one page opened as a link would (``page``: its file
    under dashboards/, ``query``: the URL's parameters), e.g. the compare page of one province."""
    import logging

    import streamlit as st
    from streamlit.runtime.caching import cache_data_api
    from streamlit.testing.v1 import AppTest

    logging.getLogger(cache_data_api.__name__).setLevel(logging.ERROR)
    previous = os.environ.get("CHITIEU_WAREHOUSE")
    os.environ["CHITIEU_WAREHOUSE"] = str(warehouse)
    try:
        at = AppTest.from_file(str(APP), default_timeout=timeout)
        at.query_params.update(query)
        at.run()

        def timed_run() -> float:
            started = time.perf_counter()
            at.run()
            return time.perf_counter() - started

        at.switch_page(page)
        st.cache_data.clear()
        first = timed_run()
        st.cache_data.clear()
        cold = timed_run()
        warm = [timed_run() for _ in range(repeats)]
        return {
            "first_s": round(first, 3),
            "cold_s": round(cold, 3),
            "warm_s": round(statistics.median(warm), 3),
            "exceptions": len(at.exception),
        }
    finally:
        if previous is None:
            os.environ.pop("CHITIEU_WAREHOUSE", None)
        else:
            os.environ["CHITIEU_WAREHOUSE"] = previous


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Thời gian dựng từng trang (phía máy chủ) / server-side page render time."
    )
    parser.add_argument("--warehouse", required=True, type=Path)
    parser.add_argument("--year", help="Năm chọn sẵn (mặc định: năm mới nhất có số liệu).")
    parser.add_argument("--locality", help="Địa phương chọn sẵn (mã).")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    query = {k: v for k, v in (("year", args.year), ("locality", args.locality)) if v}
    results = measure_pages(args.warehouse, repeats=args.repeats, query=query)
    print(json.dumps(results, ensure_ascii=False, indent=2))
    return 1 if any(r["exceptions"] for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
