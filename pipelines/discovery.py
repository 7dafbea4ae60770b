"""Which workbooks are in the raw-data folder, which year or term each one is for, and what is skipped.

data/raw/danh-muc-chi-tieu.xlsx           indicator catalog, shared
data/raw/<locality>/don-vi.xlsx           administrative units of the locality
data/raw/<locality>/<year>.xlsx           yearly workbook (.xlsx, .xls or .ods)
data/raw/<locality>/nhiem-ky-<a>-<b>.xlsx congress-term workbook
data/raw/<locality>/thi-dua.xlsx          emulation blocs, scoring sheets and the council's scores
data/raw/<locality>/ban-do.geojson        boundaries of the locality's units (the compare page's map)

A unit that reports (a commune, a ward, an office of don-vi.xlsx) has its own folder named by its
code, beside its parent's: data/raw/<unit>/<year>.xlsx; its parent is the one don-vi.xlsx gives.

Every file under the folder is either a workbook to read or reported: a misnamed file, a year
outside the periods the warehouse holds, a reversed or non-congress term, a folder that is not a
locality code, a file that is not a spreadsheet, two workbooks for one period. Only what office
programs leave behind (``~$…`` lock files, ``.DS_Store``, ``Thumbs.db``, ``desktop.ini``) is passed
over without an issue, and counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import polars as pl

from pipelines.issues import empty_issues, file_issue
from pipelines.periods import FIRST_YEAR, LAST_YEAR, TERMS
from schemas.patterns import SLUG_PATTERN
from schemas.workbook_format import (
    BOUNDARIES_FILE,
    CATALOG_FILE,
    EMULATION_FILE,
    LOCALITIES_FILE,
    LOCK_FILE,
    OFFICE_JUNK,
    TERM_FILE,
    WORKBOOK_SUFFIXES,
    YEAR_FILE,
)

_SLUG = re.compile(SLUG_PATTERN)


@dataclass(frozen=True)
class WorkbookRef:
    path: Path
    relpath: str
    kind: str  # "year", "term", "localities" (don-vi.xlsx), "emulation" (thi-dua.xlsx), "boundaries" or "catalog"
    locality_code: str | None
    period: str | None
    first_year: int | None
    last_year: int | None
    modified_at: datetime
    size: int

    @property
    def period_kind(self) -> str | None:
        return {"year": "year", "term": "term"}.get(self.kind)


# Files of reference lists (not partitioned by period): a change re-runs the reference loads.
REFERENCE_KINDS = ("catalog", "localities", "emulation", "boundaries")


@dataclass
class Discovery:
    """The workbooks to read, the issues about the files that are not read, and the junk passed over."""

    refs: list[WorkbookRef] = field(default_factory=list)
    issues: pl.DataFrame = field(default_factory=empty_issues)
    ignored: list[str] = field(default_factory=list)
    # Workbooks of periods an approver locked: not read, their published figures kept.
    locked: list[WorkbookRef] = field(default_factory=list)


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


def is_junk(name: str) -> bool:
    """What office programs and file managers leave beside workbooks."""
    return bool(LOCK_FILE.match(name)) or name.lower() in OFFICE_JUNK or name.startswith("._")


def _period_issue(rel: str, name: str) -> tuple[str, str, int, int] | pl.DataFrame:
    """(kind, period, first, last) for a yearly or term file name, or the issue saying why not."""
    if m := YEAR_FILE.match(name):
        year = int(m["year"])
        if not FIRST_YEAR <= year <= LAST_YEAR:
            return file_issue(rel, "year_out_of_range", f"Năm {year}; kho nhận {FIRST_YEAR}–{LAST_YEAR}.", value=name)
        return "year", str(year), year, year
    if m := TERM_FILE.match(name):
        start, end = int(m["start"]), int(m["end"])
        if f"{start}-{end}" not in TERMS:
            detail = (
                f"Năm đầu {start} sau năm cuối {end}: có lẽ là nhiem-ky-{end}-{start}."
                if start > end
                else f"Nhiệm kỳ Đại hội kéo dài 5 năm, bắt đầu năm tận cùng 0 hoặc 5 (ví dụ 2020-2025); tệp ghi {start}-{end}."
            )
            return file_issue(rel, "term_not_congress", detail, value=name)
        return "term", f"{start}-{end}", start, end
    return file_issue(rel, "file_name", value=name)


def discover(root: Path) -> Discovery:
    """All workbooks under ``root``, and an issue for every other file (office junk aside)."""
    found = Discovery()
    issues = [empty_issues()]
    if not root.is_dir():
        return found
    for path in sorted(root.iterdir()):
        rel = path.relative_to(root).as_posix()
        if path.is_dir():
            continue
        if is_junk(path.name):
            found.ignored.append(rel)
        elif CATALOG_FILE.match(path.name):
            found.refs.append(_ref(root, path, "catalog", None, None, None, None))
        elif path.suffix.lower() in WORKBOOK_SUFFIXES:
            issues.append(
                file_issue(rel, "file_name", "Ở thư mục gốc chỉ đặt danh-muc-chi-tieu.xlsx.", value=path.name)
            )
        else:
            issues.append(file_issue(rel, "not_a_workbook", value=path.name, severity="warning"))
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        if folder.name.startswith((".", "_")):
            found.ignored.append(folder.relative_to(root).as_posix() + "/")
            continue
        locality = folder.name
        for path in sorted(folder.rglob("*")):
            rel = path.relative_to(root).as_posix()
            if path.is_dir():
                continue
            if is_junk(path.name) or any(part.startswith(".") for part in path.relative_to(folder).parts[:-1]):
                found.ignored.append(rel)
                continue
            if path.parent != folder:
                issues.append(
                    file_issue(rel, "file_in_subfolder", f"Đặt tệp ngay trong thư mục {locality}/.", value=path.name)
                )
                continue
            if BOUNDARIES_FILE.match(path.name) and _SLUG.match(locality):
                found.refs.append(_ref(root, path, "boundaries", locality, None, None, None))
                continue
            if path.suffix.lower() not in WORKBOOK_SUFFIXES:
                issues.append(file_issue(rel, "not_a_workbook", value=path.name, severity="warning"))
                continue
            if not _SLUG.match(locality):
                issues.append(
                    file_issue(
                        rel,
                        "file_name",
                        f"Tên thư mục '{locality}' phải là mã địa phương (chữ thường không dấu, gạch ngang).",
                        value=locality,
                    )
                )
                continue
            if LOCALITIES_FILE.match(path.name):
                found.refs.append(_ref(root, path, "localities", locality, None, None, None))
                continue
            if EMULATION_FILE.match(path.name):
                found.refs.append(_ref(root, path, "emulation", locality, None, None, None))
                continue
            named = _period_issue(rel, path.name)
            if isinstance(named, pl.DataFrame):
                issues.append(named)
                continue
            kind, period, first, last = named
            found.refs.append(_ref(root, path, kind, locality, period, first, last))
    found.refs, dup_issues = _drop_duplicates(found.refs)
    found.issues = pl.concat([*issues, *dup_issues])
    return found


def _drop_duplicates(refs: list[WorkbookRef]) -> tuple[list[WorkbookRef], list[pl.DataFrame]]:
    """Two workbooks for one locality and period are an error for both: neither is read, so the one
    loaded before stays until the clerk removes one (never "the newest wins": a page saved as
    2023.xls beside the real 2023.xlsx would win)."""
    by_key: dict[tuple, list[WorkbookRef]] = {}
    for ref in refs:
        by_key.setdefault((ref.kind, ref.locality_code, ref.period), []).append(ref)
    kept: list[WorkbookRef] = []
    issues: list[pl.DataFrame] = []
    for group in by_key.values():
        if len(group) == 1:
            kept.append(group[0])
            continue
        names = ", ".join(r.relpath for r in group)
        for ref in group:
            issues.append(file_issue(ref.relpath, "duplicate_workbook", f"Các tệp: {names}.", value=ref.path.name))
    kept.sort(key=lambda r: r.relpath)
    return kept, issues
