"""What the dashboard's submission page needs from whoever loads workbooks: a small protocol.

The page (dashboards/pages/submit.py) checks, files and loads workbooks through a
``SubmissionService`` that the entry point (dashboards/app.py) injects; the implementation is
composed at the top (``chitieu.submission``), where the pipeline lives. So the dashboard never
imports the pipeline, and tests can hand the page a service of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import polars as pl


@dataclass
class SubmissionCheck:
    """What a workbook would do if loaded, and the version it was kept as."""

    submission_id: str | None  # None when the file was refused at the door
    locality_code: str | None
    period: str | None
    original_name: str
    refused: str | None = None  # the message (Vietnamese) when refused
    rows_read: int = 0
    rows_valid: int = 0
    rows_rejected: int = 0
    issues: pl.DataFrame = field(
        default_factory=pl.DataFrame
    )  # file, sheet, row, column, value, rule, severity, message_vi, message_en
    changes: pl.DataFrame = field(default_factory=pl.DataFrame)  # table, key, change, before, after
    locked: bool = False  # the period is approved and locked: the file is kept, not loaded

    @property
    def errors(self) -> int:
        return self.issues.filter(pl.col("severity") == "error").height if self.issues.height else 0

    @property
    def warnings(self) -> int:
        return self.issues.filter(pl.col("severity") == "warning").height if self.issues.height else 0

    @property
    def can_submit(self) -> bool:
        return self.submission_id is not None and self.refused is None


@dataclass
class SubmissionLoad:
    """What confirming a submission ('Nộp') did."""

    submission_id: str
    success: bool
    seconds: float
    file: str  # where it went in the raw-data folder
    message: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    held: bool = False  # the period is locked: kept for the level above to accept, not loaded


class SubmissionService(Protocol):
    def check(self, data: bytes, name: str, locality: str | None, period: str | None, user: str) -> SubmissionCheck: ...

    def submit(self, submission_id: str, user: str) -> SubmissionLoad: ...

    def marked(self, submission_id: str) -> tuple[bytes, str]: ...

    def marked_name(self, submission_id: str) -> str: ...

    def history(self, locality: str) -> pl.DataFrame: ...

    def held(self, localities: list[str] | None = None) -> list: ...

    def warm_in_background(self) -> None: ...
