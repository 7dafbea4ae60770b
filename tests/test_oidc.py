"""Sign-in through an identity provider, end to end: ``streamlit run`` with ``CHITIEU_AUTH=oidc``,
Streamlit's own ``st.login`` against a mock OpenID Connect provider on loopback
(``oidc-provider-mock``), driven in Debian's Chromium by Playwright.

The provider says who the person is; the users file (``chitieu users add --oidc``), keyed by
e-mail, says what they may do. A leader the file knows reads the approved year's figures and has
no writing pages; someone it does not know signs in and sees no figures.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest

from chitieu import users
from pipelines.governance import Governance
from tests.test_browser import CHROMIUM, ROOT, _free_port, _wait_healthy

LEADER = ("lanh.dao@an-khe.gov.vn", "Lãnh đạo UBND thị xã")
STRANGER = ("nguoi.la@example.com", "Người lạ")
BROWSER_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (make system-deps)"),
]


@pytest.fixture(scope="module")
def provider():
    """The mock provider on loopback, knowing the two people by their e-mail (the subject they type)."""
    import httpx
    from oidc_provider_mock import run_server_in_thread

    with run_server_in_thread(port=_free_port()) as server:
        url = f"http://localhost:{server.server_port}"
        for email, name in (LEADER, STRANGER):
            response = httpx.put(f"{url}/users/{quote(email)}", json={"email": email, "name": name})
            assert response.status_code == 204, response.text
        yield url


@pytest.fixture(scope="module")
def dashboard(provider: str, sample_warehouse: Path, tmp_path_factory: pytest.TempPathFactory):
    """The dashboard in OIDC mode: secrets.toml's [auth] naming the provider, the leader in the users
    file as a viewer of An Khê, and 2023 approved (a viewer reads approved years only)."""
    home = tmp_path_factory.mktemp("oidc-dashboard")
    users_file = home / "users.toml"
    users.add(users_file, LEADER[0], LEADER[1], ["viewer:an-khe"], oidc=True, password_stdin=False)
    state = home / "state" / "chitieu-state.sqlite"
    gov = Governance(state)
    gov.transition("an-khe", "2023", "submit", "thuky-an-khe")
    gov.transition("an-khe", "2023", "approve", "duyet-gia-lai")
    port = _free_port()
    secrets_file = home / "secrets.toml"
    # Streamlit's [auth] section, as docs/access.md gives it; the secrets are made up for this run.
    auth = {
        "redirect_uri": f"http://localhost:{port}/oauth2callback",
        "cookie_secret": secrets.token_urlsafe(32),
        "client_id": "chitieu",
        "client_secret": secrets.token_urlsafe(16),
        "server_metadata_url": f"{provider}/.well-known/openid-configuration",
    }
    secrets_file.write_text("[auth]\n" + "".join(f"{k} = {json.dumps(v)}\n" for k, v in auth.items()), encoding="utf-8")
    env = {
        **os.environ,
        "CHITIEU_AUTH": "oidc",
        "CHITIEU_USERS": str(users_file),
        "CHITIEU_WAREHOUSE": str(sample_warehouse),
        "CHITIEU_STATE": str(state),
        "CHITIEU_SUBMISSIONS_DIR": str(home / "submissions"),
    }
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboards" / "app.py")]
    cmd += ["--server.headless", "true", "--server.address", "localhost", "--server.port", str(port)]
    cmd += ["--browser.gatherUsageStats", "false", "--secrets.files", str(secrets_file)]
    log = home / "server.log"
    with log.open("w") as out:
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
        try:
            _wait_healthy(port, proc, timeout=120)
            yield f"http://localhost:{port}", log
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)


def _sign_in(browser, url: str, email: str):
    """A new browser (no cookie), the dashboard's button, the provider's form, back on the dashboard."""
    context = browser.new_context(viewport={"width": 1400, "height": 1600}, locale="vi-VN")
    page = context.new_page()
    page.goto(f"{url}/?year=2023", wait_until="domcontentloaded")
    page.get_by_role("button", name="Đăng nhập bằng tài khoản của cơ quan").click(timeout=60_000)
    # The provider's own page: the person says who they are (the subject) and authorizes.
    page.get_by_placeholder("sub").fill(email, timeout=60_000)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{url}/**", timeout=60_000)
    page.get_by_text(f"({email})").wait_for(timeout=60_000)  # the sidebar: "Đăng nhập: name (id)"
    return context, page


def test_a_known_leader_signs_in_through_the_provider_and_reads_the_approved_year(dashboard) -> None:
    from playwright.sync_api import sync_playwright

    url, log = dashboard
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        try:
            context, page = _sign_in(browser, url, LEADER[0])
            assert page.get_by_text(f"Đăng nhập: {LEADER[1]} ({LEADER[0]})").is_visible()
            page.get_by_role("heading", name="Tổng quan năm 2023 — Thị xã An Khê").wait_for(timeout=60_000)
            page.locator('[data-testid="stPlotlyChart"]').first.wait_for(timeout=60_000)
            # A viewer's pages: the reading ones and tracking, never submit, approvals or the audit log.
            links = page.locator('[data-testid="stSidebarNavLink"]').all_inner_texts()
            joined = " | ".join(links)
            assert "Tổng quan" in joined and "Dữ liệu" in joined, links
            for writing in ("Nộp số liệu", "Duyệt số liệu", "Nhật ký"):
                assert writing not in joined, links
            page.screenshot(path=str(log.parent / "leader.png"), full_page=True)
            context.close()
        finally:
            browser.close()
    assert "Traceback" not in log.read_text(errors="replace"), log.read_text(errors="replace")[-4000:]


def test_someone_the_users_file_does_not_know_signs_in_and_sees_no_figures(dashboard) -> None:
    from playwright.sync_api import sync_playwright

    url, log = dashboard
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        try:
            context, page = _sign_in(browser, url, STRANGER[0])
            page.get_by_text("Tài khoản chưa được giao đơn vị nào").wait_for(timeout=60_000)
            assert page.locator('[data-testid="stPlotlyChart"]').count() == 0
            assert page.locator('[data-testid="stDataFrame"]').count() == 0
            assert page.get_by_text("Thị xã An Khê").count() == 0
            # A link straight to a page with figures gives nothing more.
            page.goto(f"{url}/chi-tieu?year=2023&indicator=poverty_rate", wait_until="domcontentloaded")
            page.get_by_text("Tài khoản chưa được giao đơn vị nào").wait_for(timeout=60_000)
            assert page.locator('[data-testid="stPlotlyChart"]').count() == 0
            page.screenshot(path=str(log.parent / "stranger.png"), full_page=True)
            context.close()
        finally:
            browser.close()
