"""Every submitted workbook kept: the versions of a unit's workbooks, beside the raw-data folder.

    data/submissions/<locality>/<period or don-vi>/<UTC time>-<sha256[:12]>.<ext>       the file, as sent
    data/submissions/<locality>/<period or don-vi>/<UTC time>-<sha256[:12]>.json        who, when, what

A submission is stored when a clerk sends it (checked, not yet loaded). Confirming it ("Nộp") puts
that version into ``data/raw/<locality>/`` under the name the format wants, by atomic replacement,
after keeping the file it replaces as a version of its own: nothing a clerk sent is ever
overwritten. Two clerks confirming the same period at once: both versions are kept and the last
replacement is what loads; a reader never sees a half-written file. The name a file arrives with is
kept as text in the record and never used as a path.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import uuid
import zipfile
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from schemas.patterns import SLUG_PATTERN
from schemas.workbook_format import WORKBOOK_SUFFIXES

# Defaults for what a submission may be (configurable by the caller, documented in the README).
MAX_BYTES = 20 * 1024 * 1024
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
_PERIOD = re.compile(r"^\d{4}(-\d{4})?$")


class Refused(Exception):
    """A submission refused at the door; ``rule`` is a key of schemas.messages."""

    def __init__(self, rule: str, detail: str = ""):
        super().__init__(f"{rule}: {detail}")
        self.rule = rule
        self.detail = detail


@dataclass
class Submission:
    """One version of a workbook, as sent."""

    id: str
    locality_code: str
    period: str | None  # None for don-vi.xlsx
    original_name: str
    sha256: str
    size_bytes: int
    suffix: str
    submitted_by: str
    submitted_at: str  # ISO time, UTC
    # checked, held (sent for a locked period, waiting for the level above), submitted (confirmed into
    # data/raw), replaced (by a later one)
    status: str = "checked"
    confirmed_at: str | None = None
    confirmed_by: str | None = None
    rows_read: int = 0
    rows_rejected: int = 0
    errors: int = 0
    warnings: int = 0
    note: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def folder(self) -> str:
        return f"{self.locality_code}/{self.period or 'don-vi'}"

    @property
    def raw_name(self) -> str:
        """The name the format wants in data/raw/<locality>/."""
        if self.period is None:
            return f"don-vi{self.suffix}"
        return f"nhiem-ky-{self.period}{self.suffix}" if "-" in self.period else f"{self.period}{self.suffix}"


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    tmp.write_bytes(data)
    with tmp.open("rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def screen(data: bytes, name: str, max_bytes: int = MAX_BYTES, max_unzipped: int = MAX_UNZIPPED_BYTES) -> str:
    """The suffix of an acceptable workbook, or ``Refused``: too large, expanding beyond the limit when
    unzipped (checked from the zip directory, before anything is extracted), or not a spreadsheet."""
    suffix = Path(str(name).replace("\\", "/")).suffix.lower()
    if suffix not in WORKBOOK_SUFFIXES:
        raise Refused("not_a_workbook", name)
    if len(data) > max_bytes:
        raise Refused("submission_too_large", f"{len(data) / 1e6:.1f} MB > {max_bytes / 1e6:.0f} MB")
    if suffix in (".xlsx", ".xlsm", ".ods"):
        import io

        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                unzipped = sum(info.file_size for info in zf.infolist())
        except zipfile.BadZipFile:
            raise Refused("file_unreadable", name) from None
        if unzipped > max_unzipped:
            raise Refused("submission_too_large", f"{unzipped / 1e6:.0f} MB khi giải nén > {max_unzipped / 1e6:.0f} MB")
    elif not data.startswith(b"\xd0\xcf\x11\xe0"):  # an .xls is an OLE2 file; an HTML page saved as .xls is not
        raise Refused("file_unreadable", name)
    return suffix


class Store:
    """The folder of submitted versions (``CHITIEU_SUBMISSIONS_DIR``)."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def add(
        self,
        data: bytes,
        original_name: str,
        locality_code: str,
        period: str | None,
        submitted_by: str,
        max_bytes: int = MAX_BYTES,
        max_unzipped: int = MAX_UNZIPPED_BYTES,
    ) -> Submission:
        """Keep a sent workbook as a new version (refused before anything is written if it is not one)."""
        if not re.match(SLUG_PATTERN, locality_code or ""):
            raise Refused("submission_unknown_locality", str(locality_code))
        if period is not None and not _PERIOD.match(period):
            raise Refused("submission_unknown_period", str(period))
        suffix = screen(data, original_name, max_bytes, max_unzipped)
        return self._store(data, suffix, original_name, locality_code, period, submitted_by)

    def _store(
        self, data: bytes, suffix: str, original_name: str, locality_code: str, period: str | None, submitted_by: str
    ) -> Submission:
        digest = hashlib.sha256(data).hexdigest()
        stamp = _now()
        sub = Submission(
            id=f"{stamp.replace(':', '').replace('.', '')}-{digest[:12]}",
            locality_code=locality_code,
            period=period,
            original_name=Path(str(original_name).replace("\\", "/")).name[:200],
            sha256=digest,
            size_bytes=len(data),
            suffix=suffix,
            submitted_by=submitted_by,
            submitted_at=stamp,
        )
        folder = self.root / sub.folder
        folder.mkdir(parents=True, exist_ok=True)
        _atomic_write(folder / f"{sub.id}{suffix}", data)
        self.save(sub)
        return sub

    def save(self, sub: Submission) -> None:
        folder = self.root / sub.folder
        _atomic_write(folder / f"{sub.id}.json", json.dumps(asdict(sub), ensure_ascii=False, indent=1).encode())

    def path(self, sub: Submission) -> Path:
        return self.root / sub.folder / f"{sub.id}{sub.suffix}"

    def get(self, submission_id: str) -> Submission:
        if not re.fullmatch(r"[0-9TZ\-]+-[0-9a-f]{12}", submission_id):
            raise KeyError(submission_id)
        for record in self.root.glob(f"*/*/{submission_id}.json"):
            return Submission(**json.loads(record.read_text(encoding="utf-8")))
        raise KeyError(submission_id)

    def all(self, locality_code: str | None = None) -> list[Submission]:
        """Every version, newest first (one locality's when given)."""
        pattern = f"{locality_code}/*/*.json" if locality_code else "*/*/*.json"
        subs = [Submission(**json.loads(p.read_text(encoding="utf-8"))) for p in self.root.glob(pattern)]
        return sorted(subs, key=lambda s: s.submitted_at, reverse=True)

    def confirm(self, sub: Submission, raw_root: Path, confirmed_by: str) -> Path:
        """Put this version into the raw-data folder under the format's name. The file it replaces is
        kept first as a version of its own (unless it is one already), and a workbook of the same
        period under another suffix is moved into the store too, so the period has one file."""
        folder = Path(raw_root) / sub.locality_code
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / sub.raw_name
        stem = Path(sub.raw_name).stem
        for existing in sorted(folder.glob(f"{stem}.*")):
            if existing.suffix.lower() not in WORKBOOK_SUFFIXES:
                continue
            data = existing.read_bytes()
            digest = hashlib.sha256(data).hexdigest()
            known = {s.sha256 for s in self.all(sub.locality_code) if s.period == sub.period}
            if digest not in known:
                self._keep_previous(data, existing, sub, confirmed_by)
            if existing != target:
                existing.unlink()
        data = self.path(sub).read_bytes()
        _atomic_write(target, data)
        for other in self.all(sub.locality_code):
            if other.period == sub.period and other.status == "submitted" and other.id != sub.id:
                other.status = "replaced"
                self.save(other)
        sub.status, sub.confirmed_at, sub.confirmed_by = "submitted", _now(), confirmed_by
        self.save(sub)
        return target

    def hold(self, sub: Submission, by: str) -> Submission:
        """'Nộp' for a locked period: the version waits for the level above to accept it as a revision."""
        sub.status, sub.note = "held", f"Kỳ đã khóa: chờ cấp trên chấp nhận bản sửa (gửi bởi {by})."
        self.save(sub)
        return sub

    def _keep_previous(self, data: bytes, existing: Path, sub: Submission, by: str) -> None:
        # Kept as it is, even a file no load could read (a page saved as .xls): it was the clerk's.
        previous = self._store(data, existing.suffix.lower(), existing.name, sub.locality_code, sub.period, "data/raw")
        previous.status, previous.note = "replaced", f"Tệp có sẵn trong thư mục dữ liệu, được thay bởi bản của {by}."
        self.save(previous)
