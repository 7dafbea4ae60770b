"""Approval, lock and revision: a locked period keeps its published figures whichever way a new
workbook arrives (the dashboard, the raw-data folder, a build), until the level above accepts it;
the audit log keeps the figure before and after."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import duckdb
import polars as pl
import pytest

from analysis import workflow
from chitieu.submission import Submitter
from pipelines.build import build
from pipelines.governance import Governance, NotAllowed
from pipelines.template import SheetData, WorkbookContent, write_workbook
from tests.conftest import BuiltSample


def _book(path: Path, actual: str) -> Path:
    rows = [{"indicator_code": "poverty_rate", "unit": "%", "actual": actual, "actual_status": "Chính thức"}]
    content = WorkbookContent("year", "an-khe", "Thị xã An Khê", "2023", sheets={"indicators": SheetData(rows=rows)})
    return write_workbook(path, content)


def _poverty(warehouse: Path) -> float:
    conn = duckdb.connect(str(warehouse), read_only=True)
    try:
        return conn.sql(
            "SELECT value FROM indicator_actuals WHERE locality_code = 'an-khe' AND indicator_code = 'poverty_rate'"
            " AND period = '2023' AND is_current"
        ).fetchall()[0][0]
    finally:
        conn.close()


@pytest.fixture
def site(built_sample: BuiltSample, tmp_path: Path) -> tuple[Submitter, Governance]:
    state = tmp_path / "state" / "chitieu-state.sqlite"
    submitter = Submitter(built_sample.raw, built_sample.warehouse, tmp_path / "submissions", state=state)
    return submitter, Governance(state)


def _lock(governance: Governance, who: str = "duyet@gia-lai") -> None:
    governance.transition("an-khe", "2023", "submit", "thuky@an-khe")
    governance.transition("an-khe", "2023", "approve", who)
    governance.transition("an-khe", "2023", "lock", who)


def test_states_move_only_forward_and_an_unlock_needs_a_reason(tmp_path: Path) -> None:
    gov = Governance(tmp_path / "s.sqlite")
    with pytest.raises(NotAllowed):
        gov.transition("an-khe", "2023", "approve", "duyet")  # a draft is not approved
    _lock(gov)
    assert gov.state("an-khe", "2023").state == "locked"
    with pytest.raises(NotAllowed, match="lý do"):
        gov.transition("an-khe", "2023", "unlock", "duyet", reason="  ")
    gov.transition("an-khe", "2023", "unlock", "duyet", reason="Cục Thống kê công bố số chính thức")
    assert gov.state("an-khe", "2023").state == "submitted"
    unlock = next(e for e in gov.audit() if e["action"] == "unlock")
    assert unlock["detail"] == {"from": "locked", "to": "submitted", "reason": "Cục Thống kê công bố số chính thức"}


@pytest.mark.slow
def test_a_workbook_put_in_the_folder_of_a_locked_period_does_not_change_its_figures(
    site: tuple[Submitter, Governance],
) -> None:
    submitter, gov = site
    _lock(gov)
    _book(submitter.raw_root / "an-khe" / "2023.xlsx", "9,9")  # an analyst copies a file over the approved one
    result = build(submitter.raw_root, submitter.warehouse, period="2023", state=submitter.state)
    assert result.success and result.counts["files_locked"] == 1
    assert _poverty(submitter.warehouse) == 1.42
    conn = duckdb.connect(str(submitter.warehouse), read_only=True)
    try:
        status = conn.sql("SELECT status FROM raw_folder WHERE file = 'an-khe/2023.xlsx'").fetchall()
        issue = conn.sql(
            "SELECT severity, message_vi FROM validation_issues WHERE rule = 'period_locked' AND file = 'an-khe/2023.xlsx'"
        ).fetchall()
    finally:
        conn.close()
    assert status == [("locked",)]
    [(severity, text)] = issue
    assert severity == "warning" and "đã được duyệt và khóa" in text


@pytest.mark.slow
def test_an_unchanged_file_of_a_locked_period_raises_no_warning(site: tuple[Submitter, Governance]) -> None:
    submitter, gov = site
    _lock(gov)
    assert build(submitter.raw_root, submitter.warehouse, state=submitter.state).success
    conn = duckdb.connect(str(submitter.warehouse), read_only=True)
    try:
        assert conn.sql("SELECT count(*) FROM validation_issues WHERE rule = 'period_locked'").fetchall() == [(0,)]
    finally:
        conn.close()


@pytest.mark.slow
def test_a_submission_for_a_locked_period_is_held_until_the_level_above_accepts_it(
    site: tuple[Submitter, Governance], tmp_path: Path
) -> None:
    submitter, gov = site
    _lock(gov)
    check = submitter.check(_book(tmp_path / "sua.xlsx", "1,1").read_bytes(), "sua.xlsx", "an-khe", "2023", "thuky")
    assert check.locked and check.can_submit
    load = submitter.submit(check.submission_id, "thuky")
    assert load.held and not load.success
    assert _poverty(submitter.warehouse) == 1.42
    assert [s.id for s in submitter.held(["an-khe"])] == [check.submission_id]

    accepted = submitter.accept(check.submission_id, "duyet@gia-lai", "Số chính thức của Chi cục Thống kê")
    assert accepted.success
    assert _poverty(submitter.warehouse) == 1.1
    assert gov.state("an-khe", "2023").state == "locked"  # locked again, with the revision in it
    entry = next(e for e in gov.audit() if e["action"] == "accept_revision")
    assert entry["actor"] == "duyet@gia-lai" and entry["detail"]["submitted_by"] == "thuky"
    [change] = [c for c in entry["detail"]["changes"] if "poverty_rate" in c["key"]]
    assert "value=1.42" in change["before"] and "value=1.1" in change["after"]
    reasons = [e["detail"]["reason"] for e in gov.audit() if e["action"] == "unlock"]
    assert reasons == ["Chấp nhận bản sửa sua.xlsx: Số chính thức của Chi cục Thống kê"]
    assert submitter.held(["an-khe"]) == []


def _versions(*rows: tuple[str, str, int]) -> pl.DataFrame:
    return pl.DataFrame(
        [{"locality_code": c, "at": datetime.fromisoformat(at), "errors": e} for c, at, e in rows],
        schema={"locality_code": pl.Utf8, "at": pl.Datetime, "errors": pl.Int64},
    )


def test_tracking_says_on_time_late_missing_with_errors_and_revised_late() -> None:
    expected = pl.DataFrame(
        {
            "locality_code": ["a", "b", "c", "d", "e", "f"],
            "name": ["Xã A", "Xã B", "Xã C", "Xã D", "Xã E", "Xã F"],
        }
    )
    versions = _versions(
        ("a", "2023-03-18T09:00:00", 0),  # on time
        ("b", "2023-03-25T09:00:00", 0),  # after 20/3
        ("d", "2023-03-10T09:00:00", 2),  # sent, still with errors
        ("e", "2023-03-10T09:00:00", 0),
        ("e", "2023-04-02T09:00:00", 0),  # on time, then revised after the deadline
        ("f", "2023-03-21T09:00:00", 0),  # its own, later deadline
    )
    deadlines = {None: date(2023, 3, 20), "f": date(2023, 3, 31)}
    table, chase = workflow.tracking(expected, versions, deadlines, {"a": "approved"})
    rows = {r["col_unit_name"]: r for r in table.display.to_dicts()}
    assert rows["Xã A"]["col_submission_status"] == "Đã nộp, hợp lệ"
    assert rows["Xã A"]["col_state"] == "Đã duyệt"
    assert rows["Xã B"]["col_submission_status"] == "Nộp sau hạn"
    assert rows["Xã C"]["col_submission_status"] == "Chưa nộp" and rows["Xã C"]["col_last_submission"] == ""
    assert rows["Xã D"]["col_submission_status"] == "Đã nộp, còn lỗi" and rows["Xã D"]["col_errors"] == "2"
    assert rows["Xã E"]["col_submission_status"] == "Sửa sau hạn"
    assert rows["Xã F"]["col_submission_status"] == "Đã nộp, hợp lệ" and rows["Xã F"]["col_deadline"] == "31/03/2023"
    assert chase.select("name", "status").rows() == [("Xã C", "Chưa nộp"), ("Xã D", "Đã nộp, còn lỗi")]
