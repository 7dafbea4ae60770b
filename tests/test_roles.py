"""Sign-in and roles through the dashboard (AppTest, local users): who sees which pages, figures
and downloads; a clerk submits, the level above approves, locks and accepts a revision; the audit
log says who did what."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipelines.governance import Governance
from pipelines.template import SheetData, WorkbookContent, write_workbook
from tests.conftest import BuiltSample
from tests.signin import offered_pages, open_app, sign_in

READ_PAGES = {"overview", "indicator", "term", "ntm", "party", "awards", "compare", "data_quality"}
_app, _sign_in, _pages = open_app, sign_in, offered_pages


def _state(tmp_path: Path) -> Governance:
    return Governance(tmp_path / "state" / "chitieu-state.sqlite")


def _approve(gov: Governance, period: str) -> None:
    gov.transition("an-khe", period, "submit", "thuky-an-khe")
    gov.transition("an-khe", period, "approve", "duyet-gia-lai")


def test_nobody_signed_in_sees_only_the_sign_in_form(sample_warehouse, signed, tmp_path) -> None:
    at = _app(sample_warehouse, signed, year="2023")
    assert [t.value for t in at.title] == ["Đăng nhập"]
    assert not at.dataframe and not at.get("plotly_chart") and not at.get("download_button")
    # A link straight to a page (or its download) lands on the same form.
    for page in ("pages/data_quality.py", "pages/audit.py", "pages/submit.py"):
        at.switch_page(page).run()
        assert {t.value for t in at.title} <= {"Đăng nhập"}, page
        assert not at.dataframe and not at.get("download_button") and not at.get("file_uploader"), page


def test_a_wrong_password_is_refused_and_logged(sample_warehouse, signed, tmp_path) -> None:
    at = _sign_in(_app(sample_warehouse, signed), "lanhdao-an-khe", "sai-mat-khau")
    assert "Sai tên đăng nhập hoặc mật khẩu." in [e.value for e in at.error]
    assert not at.dataframe
    [entry] = _state(tmp_path).audit(action="sign_in_failed")
    assert entry["actor"] == "lanhdao-an-khe" and entry["detail"]["reason"] == "wrong password"
    assert "sai-mat-khau" not in str(entry)


def test_a_viewer_reads_approved_years_only_and_has_no_writing_pages(sample_warehouse, signed, tmp_path) -> None:
    _approve(_state(tmp_path), "2023")
    at = _sign_in(_app(sample_warehouse, signed), "lanhdao-an-khe")
    assert _pages(at) == READ_PAGES | {"tracking"}
    years = at.selectbox(key="w_year")
    assert years.options == ["2023"]  # 2024 is not approved: a viewer does not see it
    assert at.title[0].value == "Tổng quan năm 2023 — Thị xã An Khê"
    assert [e["action"] for e in _state(tmp_path).audit()][:1] == ["sign_in"]


def test_a_viewer_typing_an_unapproved_year_in_the_link_gets_an_approved_one(sample_warehouse, signed, tmp_path):
    _approve(_state(tmp_path), "2023")
    at = _sign_in(_app(sample_warehouse, signed, year="2024"), "lanhdao-an-khe")
    assert at.selectbox(key="w_year").value == "2023"
    assert "2024" not in at.title[0].value


def test_a_commune_clerk_sees_only_their_commune_and_the_submit_page(sample_warehouse, signed, tmp_path) -> None:
    at = _sign_in(_app(sample_warehouse, signed, locality="an-khe"), "thuky-thanh-an")
    # Thành An has no workbook of its own yet (Song An has: it reports as a unit): the clerk reaches 'Nộp số liệu' to send the first one.
    assert _pages(at) == {"submit"}
    assert at.selectbox(key="w_submit_unit").options == ["Xã Thành An"]
    assert "Thị xã An Khê" not in "".join(t.value for t in at.title)


def test_the_approver_of_the_province_sees_approvals_and_the_audit_log(sample_warehouse, signed, tmp_path) -> None:
    gov = _state(tmp_path)
    gov.transition("an-khe", "2023", "submit", "thuky-an-khe")
    at = _sign_in(_app(sample_warehouse, signed, year="2023"), "duyet-gia-lai")
    assert {"approvals", "audit"} <= _pages(at) and "submit" not in _pages(at)
    at.switch_page("pages/approvals.py").run()
    at.multiselect(key="w_approvals_units").select("an-khe")
    at.radio(key="w_approvals_action").set_value("approve")
    at.button(key="w_approvals_apply").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert gov.state("an-khe", "2023").state == "approved"
    at.switch_page("pages/audit.py").run()
    rows = [r for frame in at.dataframe for r in frame.value.to_dict("records")]
    approve = next(r for r in rows if r["Việc"] == "Duyệt")
    assert approve["Người thực hiện"] == "duyet-gia-lai" and "from: submitted" in approve["Chi tiết"]


def test_a_clerk_may_not_approve_and_has_no_audit_log(sample_warehouse, signed, tmp_path) -> None:
    at = _sign_in(_app(sample_warehouse, signed), "thuky-an-khe")
    assert "approvals" not in _pages(at) and "audit" not in _pages(at)
    assert "submit" in _pages(at)


@pytest.mark.slow
def test_a_clerk_submits_a_workbook_and_the_figure_reaches_the_warehouse(
    signed, built_sample: BuiltSample, tmp_path
) -> None:
    raw, wh = built_sample.raw, built_sample.warehouse
    signed.setenv("CHITIEU_RAW_DIR", str(raw))
    rows = [{"indicator_code": "poverty_rate", "unit": "%", "actual": "1,1", "actual_status": "Chính thức"}]
    content = WorkbookContent("year", "an-khe", "Thị xã An Khê", "2023", sheets={"indicators": SheetData(rows=rows)})
    book = write_workbook(tmp_path / "2023.xlsx", content).read_bytes()

    at = _sign_in(_app(wh, signed, year="2023"), "thuky-an-khe")
    at.switch_page("pages/submit.py").run()
    at.file_uploader(key="w_submit_files").set_value([("Báo cáo 2023.xlsx", book, "application/octet-stream")])
    at.button(key="w_submit_check").click().run()
    assert not at.exception, [e.value for e in at.exception]
    shown = " ".join(m.value for m in at.markdown)
    assert "Báo cáo 2023.xlsx → Thị xã An Khê 2023" in shown
    at.button(key="w_submit_go").click().run()
    assert any("Đã nộp Báo cáo 2023.xlsx" in s.value for s in at.success), [e.value for e in at.error]
    conn = duckdb.connect(str(wh), read_only=True)
    try:
        value = conn.sql(
            "SELECT value FROM indicator_actuals WHERE locality_code = 'an-khe' AND indicator_code = 'poverty_rate'"
            " AND period = '2023' AND is_current"
        ).fetchall()
    finally:
        conn.close()
    assert value == [(1.1,)]
    assert _state(tmp_path).state("an-khe", "2023").state == "submitted"
