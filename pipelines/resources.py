"""Resources: the raw-data folder and the DuckDB warehouse, configured from the environment."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb
import polars as pl
from pydantic import Field, PrivateAttr

from pipelines.discovery import WorkbookRef, discover
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

    def discover(self) -> tuple[list[WorkbookRef], pl.DataFrame]:
        refs, issues = discover(Path(self.root))
        if self.locality:
            refs = [r for r in refs if r.locality_code == self.locality or r.kind == "catalog"]
        if self.file:
            wanted = self.file.replace("\\", "/").strip("/")
            refs = [r for r in refs if r.relpath == wanted or r.kind in ("catalog", "localities")]
        return refs, issues

    def for_periods(self, periods: list[str]) -> tuple[list[WorkbookRef], pl.DataFrame]:
        refs, issues = self.discover()
        chosen = [r for r in refs if r.kind in ("year", "term") and r.period in periods]
        files = {r.relpath for r in refs if r.period in periods} | {
            r.relpath for r in refs if r.kind not in ("year", "term")
        }
        return chosen, issues.filter(
            issues.get_column("file").is_in(list(files)) | ~issues.get_column("file").str.contains("/")
        )


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


class ReportExports(dg.ConfigurableResource):
    """Where report packs built on request are written (CHITIEU_EXPORT_DIR)."""

    root: str = Field(description="Folder of report packs; each pack goes to <root>/<locality>-<period>/.")

    def folder(self, locality: str, period: str) -> Path:
        return Path(self.root) / f"{locality}-{period}"
