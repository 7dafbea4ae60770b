"""Which workbooks are in the raw-data folder, and which year or term each one is for.

data/raw/danh-muc-chi-tieu.xlsx           indicator catalog, shared
data/raw/<locality>/don-vi.xlsx           administrative units of the locality
data/raw/<locality>/<year>.xlsx           yearly workbook (.xlsx, .xls or .ods)
data/raw/<locality>/nhiem-ky-<a>-<b>.xlsx congress-term workbook
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import polars as pl

from pipelines.issues import empty_issues, file_issue
from schemas.patterns import SLUG_PATTERN
from schemas.workbook_format import (
    CATALOG_FILE,
    LOCALITIES_FILE,
    LOCK_FILE,
    TERM_FILE,
    WORKBOOK_SUFFIXES,
    YEAR_FILE,
)

_SLUG = re.compile(SLUG_PATTERN)


@dataclass(frozen=True)
class WorkbookRef:
    path: Path
    relpath: str
    kind: str  # "year", "term", "localities" (don-vi.xlsx) or "catalog"
    locality_code: str | None
    period: str | None
    first_year: int | None
    last_year: int | None
    modified_at: datetime
    size: int

    @property
    def period_kind(self) -> str | None:
        return {"year": "year", "term": "term"}.get(self.kind)


def _ref(
    root: Path, path: Path, kind: str, locality: str | None, period: str | None, first: int | None, last: int | None
) -> WorkbookRef:
    stat = path.stat()
    return WorkbookRef(
        path=path,
        relpath=path.relative_to(root).as_posix(),
        kind=kind,
        locality_code=locality,
        period=period,
        first_year=first,
        last_year=last,
        modified_at=datetime.fromtimestamp(stat.st_mtime, UTC).replace(tzinfo=None),
        size=stat.st_size,
    )


def discover(root: Path) -> tuple[list[WorkbookRef], pl.DataFrame]:
    """All workbooks under ``root`` and the problems with names (as issue rows).

    When two workbooks claim the same locality and period (``2023.xls`` and ``2023.xlsx``), the
    most recently modified wins and the other is reported.
    """
    refs: list[WorkbookRef] = []
    issues = [empty_issues()]
    if not root.is_dir():
        return refs, issues[0]
    for path in sorted(root.iterdir()):
        if path.is_file() and CATALOG_FILE.match(path.name):
            refs.append(_ref(root, path, "catalog", None, None, None, None))
        elif path.is_file() and path.suffix.lower() in WORKBOOK_SUFFIXES and not LOCK_FILE.match(path.name):
            issues.append(file_issue(path.relative_to(root).as_posix(), "file_name"))
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        locality = folder.name
        for path in sorted(folder.iterdir()):
            if not path.is_file() or LOCK_FILE.match(path.name) or path.name.startswith("."):
                continue
            if path.suffix.lower() not in WORKBOOK_SUFFIXES:
                continue
            rel = path.relative_to(root).as_posix()
            if not _SLUG.match(locality):
                issues.append(
                    file_issue(
                        rel,
                        "file_name",
                        f"Tên thư mục '{locality}' phải là mã địa phương (chữ thường không dấu, gạch ngang).",
                    )
                )
                continue
            if m := YEAR_FILE.match(path.name):
                year = int(m["year"])
                refs.append(_ref(root, path, "year", locality, str(year), year, year))
            elif m := TERM_FILE.match(path.name):
                start, end = int(m["start"]), int(m["end"])
                refs.append(_ref(root, path, "term", locality, f"{start}-{end}", start, end))
            elif LOCALITIES_FILE.match(path.name):
                refs.append(_ref(root, path, "localities", locality, None, None, None))
            else:
                issues.append(file_issue(rel, "file_name"))
    refs, dup_issues = _drop_duplicates(refs)
    return refs, pl.concat([*issues, *dup_issues])


def _drop_duplicates(refs: list[WorkbookRef]) -> tuple[list[WorkbookRef], list[pl.DataFrame]]:
    by_key: dict[tuple, list[WorkbookRef]] = {}
    for ref in refs:
        by_key.setdefault((ref.kind, ref.locality_code, ref.period), []).append(ref)
    kept: list[WorkbookRef] = []
    issues: list[pl.DataFrame] = []
    for group in by_key.values():
        group.sort(key=lambda r: (r.modified_at, r.relpath))
        kept.append(group[-1])
        for loser in group[:-1]:
            issues.append(
                file_issue(
                    loser.relpath, "duplicate_workbook", f"Tệp được nạp: {group[-1].relpath}.", severity="warning"
                )
            )
    kept.sort(key=lambda r: r.relpath)
    return kept, issues
