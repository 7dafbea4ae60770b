"""One real browser: `streamlit run` on localhost, Debian's Chromium driven by Playwright, every page.

Screenshots land in test-artifacts/screenshots/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from pipelines.marking import ERROR_FILL, SUMMARY_SHEET
from pipelines.template import SheetData, WorkbookContent, write_workbook
from tests.signin import PASSWORD, write_users

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "test-artifacts" / "screenshots"
# (url path from st.navigation, words the page must show, charts expected)
PAGES = [
    ("", "Tổng quan năm 2023", 1),
    ("chi-tieu", "Tỷ lệ hộ nghèo", 1),
    ("nhiem-ky", "Mục tiêu nhiệm kỳ 2020–2025", 1),
    ("nong-thon-moi", "Nông thôn mới — Thị xã An Khê", 2),
    ("xay-dung-dang", "Xây dựng Đảng — Thị xã An Khê", 3),
    ("thi-dua-khen-thuong", "Thi đua – Khen thưởng", 2),
    ("so-sanh-don-vi", "So sánh đơn vị — Thị xã An Khê, năm 2023", 0),
    ("du-lieu", "Dữ liệu — Thị xã An Khê", 1),
    ("nop-so-lieu", "Nộp số liệu: Thị xã An Khê", 0),
    ("theo-doi-nop", "Theo dõi nộp báo cáo 2023: Thị xã An Khê", 0),
    ("duyet-so-lieu", "Duyệt số liệu", 0),
    ("nhat-ky", "Nhật ký", 0),
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (make system-deps)"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(port: int, proc: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as resp:
                if resp.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError("streamlit did not answer /_stcore/health")


@pytest.fixture(scope="module")
def server(sample_warehouse: Path, tmp_path_factory: pytest.TempPathFactory):
    port = _free_port()
    home = tmp_path_factory.mktemp("streamlit")
    log = home / "server.log"
    # Signed in as the administrator, as a person would be: every page is offered.
    env = {
        **os.environ,
        "CHITIEU_WAREHOUSE": str(sample_warehouse),
        "CHITIEU_AUTH": "local",
        "CHITIEU_USERS": str(write_users(home / "users.toml")),
        "CHITIEU_STATE": str(home / "state.sqlite"),
        "CHITIEU_SUBMISSIONS_DIR": str(home / "submissions"),
    }
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "dashboards" / "app.py"),
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
    ]
    with log.open("w") as out:
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
        try:
            _wait_healthy(port, proc)
            yield f"http://127.0.0.1:{port}"
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)


def test_every_page_renders_in_chromium(server: str):
    from playwright.sync_api import sync_playwright

    from dashboards.navigation import PAGES as REGISTERED

    # Every registered page is visited, the default one at the root URL.
    assert [path for path, _, _ in PAGES] == ["", *[p.url_path for p in REGISTERED[1:]]]

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 2000}, locale="vi-VN")
            # Open one link, as a leader would from a message; then move with the sidebar, so the
            # choices must survive Streamlit's page changes (which clear the query string).
            page.goto(f"{server}/?year=2023&indicator=poverty_rate", wait_until="domcontentloaded")
            _sign_in(page, "quantri")
            for path, words, charts in PAGES:
                if path:
                    page.locator(f'[data-testid="stSidebarNav"] a[href$="/{path}"]').click()
                    # The new page first: its words may also stand on the page left ('Nhật ký' on 'Duyệt').
                    page.wait_for_url(lambda url, p=path: url.split("?")[0].rstrip("/").endswith(p), timeout=60_000)
                # The page's own words, in the main area (the sidebar holds every page's label).
                page.locator('[data-testid="stMain"]').get_by_text(words).first.wait_for(timeout=60_000)
                if charts:
                    page.wait_for_selector('[data-testid="stPlotlyChart"]', timeout=60_000)
                # Wait for the script run to finish, so an exception further down would be on the page.
                page.wait_for_function(
                    """() => { const w = document.querySelector('[data-testid="stStatusWidget"]');
                               return !w || !/Running|Đang chạy/.test(w.innerText); }""",
                    timeout=60_000,
                )
                page.wait_for_timeout(300)
                name = path or "tong-quan"
                page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
                body = page.inner_text("body")
                assert page.locator('[data-testid="stException"]').count() == 0, f"{name}: exception shown"
                assert "Traceback" not in body, f"{name}: traceback shown"
                assert page.locator('[data-testid="stPlotlyChart"]').count() >= charts, f"{name}: charts missing"
                # The address bar holds the choices again, so a copied link opens the same view.
                page.wait_for_url(lambda url: "year=2023" in url and "locality=an-khe" in url, timeout=10_000)
                assert page.url.split("?")[0].rstrip("/").endswith(path) or not path
        finally:
            browser.close()
    assert len(list(SHOTS.glob("*.png"))) >= len(PAGES)


def _sign_in(page, user: str) -> None:
    page.get_by_label("Tên đăng nhập").fill(user)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def test_a_clerk_uploads_a_workbook_and_downloads_it_marked(server: str, tmp_path: Path):
    """The town's clerk drops a workbook with one unreadable figure on 'Nộp số liệu', checks it, and
    gets the file back with that cell filled and commented, and a summary sheet in front."""
    import openpyxl
    from playwright.sync_api import sync_playwright

    rows = [
        {"indicator_code": "poverty_rate", "unit": "%", "actual": "1,42", "actual_status": "Chính thức"},
        {"indicator_code": "near_poor_rate", "unit": "%", "actual": "bảy phẩy hai", "actual_status": "Chính thức"},
    ]
    content = WorkbookContent("year", "an-khe", "Thị xã An Khê", "2023", sheets={"indicators": SheetData(rows=rows)})
    book = write_workbook(tmp_path / "2023.xlsx", content)

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1600}, locale="vi-VN", accept_downloads=True)
            page.goto(server, wait_until="domcontentloaded")
            _sign_in(page, "thuky-an-khe")
            page.locator('[data-testid="stSidebarNav"] a[href$="/nop-so-lieu"]').click()
            main = page.locator('[data-testid="stMain"]')
            main.get_by_text("Nộp số liệu: Thị xã An Khê").first.wait_for(timeout=60_000)
            page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(book))
            main.get_by_text("2023.xlsx").first.wait_for(timeout=30_000)
            main.get_by_role("button", name="Chỉ kiểm tra").click()
            marked_button = main.get_by_role("button", name="Tải bảng tính đã đánh dấu lỗi")
            marked_button.wait_for(timeout=60_000)
            body = main.inner_text()
            # The result on the page (the problems' table is a canvas grid; its cells are checked in AppTest).
            assert "2 dòng đọc được, 1 dòng hợp lệ, 1 dòng bị loại" in body, body
            with page.expect_download(timeout=60_000) as download:
                marked_button.click()
            saved = tmp_path / download.value.suggested_filename
            download.value.save_as(saved)
        finally:
            browser.close()

    assert saved.suffix == ".xlsx"
    wb = openpyxl.load_workbook(saved)
    assert wb.sheetnames[0] == SUMMARY_SHEET and "Chỉ tiêu" in wb.sheetnames
    cells = {c.value: c for row in wb["Chỉ tiêu"].iter_rows() for c in row if c.value is not None}
    bad, good = cells["bảy phẩy hai"], cells["1,42"]
    assert bad.fill.start_color.rgb.endswith(ERROR_FILL.start_color.rgb[-6:])
    assert "Số thực hiện không phải là số" in bad.comment.text
    assert good.comment is None  # a good cell comes back as the clerk wrote it
