"""Resources: the raw-data folder and the DuckDB warehouse, configured from the environment."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb
from pydantic import Field, PrivateAttr

from pipelines.discovery import Discovery, WorkbookRef, discover
from pipelines.governance import Governance
from pipelines.limits import DEFAULT_LIMITS, Limits
from pipelines.warehouse import Publication, open_staging, publish, staging_connection, staging_path


class RawFiles(dg.ConfigurableResource):
    """The folder of workbooks. ``locality`` or ``file`` narrow a run to one locality or one workbook."""

    root: str = Field(description="Folder of workbooks (CHITIEU_RAW_DIR).")
    locality: str = Field(
        default="", description="Only this locality's workbooks (a folder name, e.g. 'an-khe'); empty: all."
    )
    file: str = Field(
        default="", description="Only this workbook, relative to the folder (e.g. 'an-khe/2023.xlsx'); empty: all."
    )
    workers: int = Field(default=0, description="Processes that read a large run (CHITIEU_WORKERS); 0: one per CPU.")
    state: str = Field(
        default="",
        description="The approvals file (CHITIEU_STATE): workbooks of locked periods are not read. Empty: none locked.",
    )

    max_file_mb: float = Field(
        default=DEFAULT_LIMITS.max_file_mb, description="Largest workbook read, in MB (CHITIEU_MAX_FILE_MB)."
    )
    max_unzipped_mb: float = Field(
        default=DEFAULT_LIMITS.max_unzipped_mb,
        description="Largest unzipped size of an .xlsx/.ods, in MB (CHITIEU_MAX_UNZIPPED_MB).",
    )
    max_rows: int = Field(default=DEFAULT_LIMITS.max_rows, description="Most rows per sheet (CHITIEU_MAX_ROWS).")
    max_columns: int = Field(
        default=DEFAULT_LIMITS.max_columns, description="Most columns per sheet (CHITIEU_MAX_COLUMNS)."
    )
    max_issues_per_file: int = Field(
        default=DEFAULT_LIMITS.max_issues_per_file,
        description="Most issues recorded per file and step; the rest in one summary (CHITIEU_MAX_ISSUES_PER_FILE).",
    )

    def locked_periods(self) -> set[tuple[str, str]]:
        """(locality, period) an approver locked: their published figures must not change."""
        if not self.state or not Path(self.state).exists():
            return set()
        return Governance(Path(self.state)).locked()

    def whole_folder(self) -> Discovery:
        """Every file of the folder, however the run is narrowed. A workbook of a locked period is
        set aside (``Discovery.locked``): it is not read, its figures stay as approved."""
        found = discover(Path(self.root))
        locked = self.locked_periods()
        if locked:
            found.locked = [r for r in found.refs if (r.locality_code, r.period) in locked]
            found.refs = [r for r in found.refs if (r.locality_code, r.period) not in locked]
        return found

    @property
    def limits(self) -> Limits:
        """The limits on one workbook, as configured."""
        return Limits(
            max_file_mb=self.max_file_mb,
            max_unzipped_mb=self.max_unzipped_mb,
            max_rows=self.max_rows,
            max_columns=self.max_columns,
            max_issues_per_file=self.max_issues_per_file,
        )

    @classmethod
    def limit_fields(cls, limits: Limits) -> dict[str, float | int]:
        """The resource's fields for ``limits`` (``RawFiles(root=..., **RawFiles.limit_fields(limits))``)."""
        return {
            "max_file_mb": limits.max_file_mb,
            "max_unzipped_mb": limits.max_unzipped_mb,
            "max_rows": limits.max_rows,
            "max_columns": limits.max_columns,
            "max_issues_per_file": limits.max_issues_per_file,
        }

    def discover(self) -> Discovery:
        """The folder's workbooks to read (narrowed to ``locality`` or ``file``), and every file not read."""
        found = self.whole_folder()
        if self.locality:
            found.refs = [r for r in found.refs if r.locality_code == self.locality or r.kind == "catalog"]
        if self.file:
            wanted = self.file.replace("\\", "/").strip("/")
            found.refs = [r for r in found.refs if r.relpath == wanted or r.kind in ("catalog", "localities")]
        return found

    def for_periods(self, periods: list[str]) -> list[WorkbookRef]:
        """The yearly and term workbooks of these periods."""
        return [r for r in self.discover().refs if r.kind in ("year", "term") and r.period in periods]


class Warehouse(dg.ConfigurableResource):
    """The DuckDB warehouse. Assets write the working copy; ``publish`` makes it visible."""

    path: str = Field(description="Published warehouse file (CHITIEU_WAREHOUSE); the working copy sits beside it.")

    @property
    def published(self) -> Path:
        return Path(self.path)

    @property
    def staging(self) -> Path:
        return staging_path(Path(self.path))

    # Within a run the working copy is opened once and each step gets a cursor on it: opening the
    # file costs ~30 ms, five times per run. Closed when the run (or the step's process) ends.
    _run_conn: duckdb.DuckDBPyConnection | None = PrivateAttr(default=None)
    _in_run: bool = PrivateAttr(default=False)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        self._in_run = True

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        self._in_run = False
        if self._run_conn is not None:
            self._run_conn.close()
            self._run_conn = None

    @contextmanager
    def connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-write connection to the working copy, waiting for other writers."""
        if not self._in_run:
            with staging_connection(self.staging) as conn:
                yield conn
            return
        if self._run_conn is None:
            self._run_conn = open_staging(self.staging)
        cursor = self._run_conn.cursor()
        try:
            yield cursor
        finally:
            cursor.close()

    def publish(self, run_id: str | None = None) -> Publication:
        return publish(self.staging, self.published, run_id)


class SubmissionStore(dg.ConfigurableResource):
    """Where every submitted workbook is kept, version by version (CHITIEU_SUBMISSIONS_DIR)."""

    root: str = Field(description="Folder of submitted versions, beside the raw-data folder.")


class ReportExports(dg.ConfigurableResource):
    """Where report packs built on request are written (CHITIEU_EXPORT_DIR)."""

    root: str = Field(description="Folder of report packs; each pack goes to <root>/<locality>-<period>/.")

    def folder(self, locality: str, period: str) -> Path:
        return Path(self.root) / f"{locality}-{period}"
