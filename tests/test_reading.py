"""Reading many workbooks with worker processes gives what reading them in-process gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest

from pipelines import reading
from pipelines.discovery import discover
from pipelines.families import FAMILIES
from tests.conftest import SAMPLE_RAW


def _sorted(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.select(sorted(frame.columns)).sort(["source_file", "source_row"])


@pytest.mark.slow
def test_worker_processes_read_exactly_what_one_process_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "raw"
    shutil.copytree(SAMPLE_RAW, root)
    (root / "an-khe" / "2019.xlsx").write_text("không phải bảng tính")  # a broken file, reported either way
    refs = discover(root).refs
    books = [r for r in refs if r.kind in ("year", "term")]
    families = [FAMILIES[n] for n in ("indicators", "ntm_criteria", "party_organisations", "awards")]

    monkeypatch.setattr(reading, "PARALLEL_MIN_FILES", 10**6)
    alone = reading.read_families(books, families)
    monkeypatch.setattr(reading, "PARALLEL_MIN_FILES", 1)
    pooled = reading.read_families(books, families, processes=2)
    assert reading._POOL is not None and reading._POOL._max_workers == 2  # noqa: SLF001 - the pool did the reading

    assert alone["indicators"].rows.height > 300
    for family in families:
        a, p = alone[family.name], pooled[family.name]
        failed = [log["file"] for log in p.logs if log["status"] == "failed"]
        assert failed == [log["file"] for log in a.logs if log["status"] == "failed"], p.issues.rows()
        assert _sorted(p.rows).equals(_sorted(a.rows)), family.name
        assert sorted(p.logs, key=lambda log: log["file"]) == sorted(a.logs, key=lambda log: log["file"])
        assert p.issues.sort("file").equals(a.issues.sort("file"))
        assert p.column_refs == a.column_refs and p.hashes == a.hashes
    broken = pooled["indicators"].issues.filter(pl.col("file") == "an-khe/2019.xlsx")
    assert broken.get_column("rule").to_list() == ["file_unreadable"]
