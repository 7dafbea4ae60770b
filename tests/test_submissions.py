"""Every submission kept: versions beside data/raw, confirmed by atomic replacement, loaded through Dagster."""

from __future__ import annotations

import hashlib
import io
import threading
import zipfile
from pathlib import Path

import duckdb
import pytest

from chitieu.submission import Submitter
from pipelines.build import build
from pipelines.submissions import Refused, Store, screen
from pipelines.template import SheetData, WorkbookContent, write_workbook
from tests.conftest import BuiltSample


def _book(tmp: Path, actual: str) -> bytes:
    rows = [{"indicator_code": "poverty_rate", "unit": "%", "actual": actual, "actual_status": "Chính thức"}]
    content = WorkbookContent("year", "an-khe", "Thị xã An Khê", "2023", sheets={"indicators": SheetData(rows=rows)})
    return write_workbook(tmp / f"book-{actual}.xlsx", content).read_bytes()


@pytest.fixture
def site(built_sample: BuiltSample, tmp_path: Path) -> Submitter:
    return Submitter(built_sample.raw, built_sample.warehouse, tmp_path / "submissions")


def _poverty(warehouse: Path) -> float:
    conn = duckdb.connect(str(warehouse), read_only=True)
    try:
        return conn.sql(
            "SELECT value FROM indicator_actuals WHERE locality_code = 'an-khe' AND indicator_code = 'poverty_rate'"
            " AND period = '2023' AND is_current"
        ).fetchall()[0][0]
    finally:
        conn.close()


@pytest.mark.slow
def test_a_checked_file_is_kept_but_not_loaded_until_confirmed(site: Submitter, tmp_path: Path) -> None:
    before = (site.raw_root / "an-khe" / "2023.xlsx").read_bytes()
    check = site.check(_book(tmp_path, "1,1"), "Báo cáo 2023 (sửa).xlsx", "an-khe", "2023", "clerk@an-khe")
    assert check.can_submit and check.errors == 0
    changed = {r["key"]: (r["change"], r["before"], r["after"]) for r in check.changes.iter_rows(named=True)}
    change, old, new = changed["an-khe · poverty_rate · 2023 · "]
    assert change == "revised" and "value=1.42" in old and "value=1.1" in new
    assert (site.raw_root / "an-khe" / "2023.xlsx").read_bytes() == before  # "Chỉ kiểm tra": nothing moved
    assert _poverty(site.warehouse) == 1.42
    [kept] = site.store.all("an-khe")
    assert (kept.status, kept.original_name, kept.submitted_by) == (
        "checked",
        "Báo cáo 2023 (sửa).xlsx",
        "clerk@an-khe",
    )
    load = site.submit(check.submission_id, "clerk@an-khe")
    assert load.success and load.file == "an-khe/2023.xlsx"
    assert _poverty(site.warehouse) == 1.1
    # The file it replaced was kept as a version of its own, never overwritten.
    versions = {s.sha256: s for s in site.store.all("an-khe")}
    assert hashlib.sha256(before).hexdigest() in versions
    assert versions[hashlib.sha256(before).hexdigest()].status == "replaced"
    assert site.store.get(check.submission_id).status == "submitted"


@pytest.mark.slow
def test_two_clerks_submitting_one_period_at_once_keep_both_and_the_last_wins(site: Submitter, tmp_path: Path) -> None:
    checks = [site.check(_book(tmp_path, v), "2023.xlsx", "an-khe", "2023", f"clerk-{v}") for v in ("1,2", "1,3")]
    results: list = []

    def confirm(sub_id: str, who: str) -> None:
        results.append(site.submit(sub_id, who))

    threads = [threading.Thread(target=confirm, args=(c.submission_id, f"clerk-{i}")) for i, c in enumerate(checks)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r.success for r in results), [r.message for r in results]
    sent = {c.submission_id for c in checks}
    assert sent <= {s.id for s in site.store.all("an-khe")}  # both kept
    raw = (site.raw_root / "an-khe" / "2023.xlsx").read_bytes()
    hashes = {site.store.get(i).sha256: i for i in sent}
    assert hashlib.sha256(raw).hexdigest() in hashes  # whole: one of the two, not a mix
    winner = site.store.get(hashes[hashlib.sha256(raw).hexdigest()])
    assert winner.status == "submitted"
    # The warehouse shows the figure of the file that is in data/raw after the last load.
    site_value = 1.2 if winner.submitted_by == "clerk-1,2" else 1.3
    assert build(site.raw_root, site.warehouse, file="an-khe/2023.xlsx").success
    assert _poverty(site.warehouse) == site_value


@pytest.mark.parametrize(
    ("name", "data", "rule"),
    [
        ("bao-cao.pdf", b"%PDF-1.4", "not_a_workbook"),
        ("2023.xls", b"<html><body>table</body></html>", "file_unreadable"),
        ("2023.xlsx", b"PK\x03\x04 not a zip", "file_unreadable"),
    ],
)
def test_bad_files_are_refused_at_the_door_and_nothing_is_kept(
    site: Submitter, name: str, data: bytes, rule: str
) -> None:
    before = {p: p.read_bytes() for p in site.raw_root.rglob("*") if p.is_file()}
    with pytest.raises(Refused) as caught:
        screen(data, name)
    assert caught.value.rule == rule
    check = site.check(data, name, "an-khe", "2023", "x")
    assert check.refused and not check.can_submit
    assert site.store.all() == []
    assert {p: p.read_bytes() for p in site.raw_root.rglob("*") if p.is_file()} == before


def test_size_and_unzipped_size_are_bounded_before_parsing(tmp_path: Path) -> None:
    with pytest.raises(Refused, match="submission_too_large"):
        screen(b"x" * 2048, "2023.xlsx", max_bytes=1024)
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/sheet1.xml", b"0" * 5_000_000)  # compresses to a few KB
    with pytest.raises(Refused, match="submission_too_large"):
        screen(bomb.getvalue(), "2023.xlsx", max_unzipped=1_000_000)


def test_a_hostile_name_is_kept_as_text_and_never_used_as_a_path(site: Submitter, tmp_path: Path) -> None:
    check = site.check(_book(tmp_path, "1,4"), "../../../etc/passwd.xlsx", "an-khe", "2023", "x")
    assert check.can_submit
    sub = site.store.get(check.submission_id)
    assert sub.original_name == "passwd.xlsx"
    assert site.store.path(sub).resolve().is_relative_to(site.store_root.resolve())
    assert not (tmp_path.parent / "etc").exists()
    with pytest.raises(Refused):
        Store(site.store_root).add(b"", "2023.xlsx", "../an-khe", "2023", "x")
