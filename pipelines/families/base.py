"""What a sheet family is: one Dagster-free descriptor from which everything else is generated.

A sheet family is one kind of sheet clerks fill (the indicator sheet, the new-rural-area sheet, the
unit list …) and the warehouse tables it feeds. Its descriptor holds data, not code paths: the
sheet layout (``schemas.workbook_format.SheetSpec``), the Pandera model the parsed rows must pass,
the pure transform that parses them, the tables written and their keys, which reference tables the
transform looks up, and what the dashboard and the report pack do with it. The Dagster assets and
checks, the sensor's and the job's selections (by tag), the warehouse DDL, the template, the format
docs and the tests' helpers all read these descriptors (``pipelines.families.FAMILIES``).

No Dagster and no DuckDB here: reading workers import the registry.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal

import polars as pl

from schemas.messages import Message
from schemas.workbook_format import SheetSpec

# Warehouse tables a transform looks up, by name (read by the loading step before parsing).
Lookups = Mapping[str, pl.DataFrame]
# rows as read (text cells + workbook context) and lookups → parsed rows, warnings raised
Parse = Callable[[pl.DataFrame, Lookups], tuple[pl.DataFrame, pl.DataFrame]]

WARNING_SCHEMA = {
    "source_file": pl.Utf8,
    "source_sheet": pl.Utf8,
    "source_row": pl.Int64,
    "rule": pl.Utf8,
    "column": pl.Utf8,
    "value": pl.Utf8,
}


def no_warnings() -> pl.DataFrame:
    return pl.DataFrame(schema=WARNING_SCHEMA)


def same_rows(frame: pl.DataFrame) -> pl.DataFrame:
    """The table's rows are the valid sheet rows (conformed to the table's columns on insert)."""
    return frame


def same_keys(keys: pl.DataFrame) -> pl.DataFrame:
    return keys


@dataclass(frozen=True)
class Table:
    """A warehouse table (and its Dagster asset, of the same name) that a sheet family writes."""

    name: str
    model: type
    key: tuple[str, ...]
    description: str
    # Valid sheet rows → this table's rows.
    rows: Callable[[pl.DataFrame], pl.DataFrame] = same_rows
    # 'replace': a workbook's rows replace the ones it gave before. 'revisions': a changed figure
    # becomes a new revision and the earlier one is kept (estimate → official).
    write: Literal["replace", "revisions"] = "replace"
    # For 'revisions': the columns whose change makes a new revision (the figure itself, not
    # where in the workbook it sits).
    payload: tuple[str, ...] = ()
    # SQL over the table's columns giving the locality and the period of the workbook a row came from.
    workbook_period: str = "period"
    workbook_locality: str = "locality_code"
    # Keys of rows rejected this time → keys of this table whose earlier rows are kept.
    protect: Callable[[pl.DataFrame], pl.DataFrame] = same_keys


@dataclass(frozen=True)
class SheetFamily:
    """One kind of sheet and the tables it feeds."""

    # The load step's name: what load_log, validation_issues and quarantine call it (their 'asset'
    # column) and the Dagster asset of a one-table family.
    name: str
    # Workbook kind ('year', 'term', 'localities', 'catalog') → the sheet read from such a workbook.
    sheets: Mapping[str, SheetSpec]
    model: type  # Pandera model the parsed rows are validated with
    parse: Parse
    tables: tuple[Table, ...]
    key: tuple[str, ...]  # a parsed row's key: a rejected row keeps the earlier rows of its key
    identity: tuple[str, ...]  # columns that name a row (blank rows and notes lack them)
    figures: tuple[str, ...]  # columns that report something
    group: str  # Dagster group of its assets
    # Warehouse tables the transform looks up, and those that must not be empty.
    reads: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    # Table column → sheet column, so a failure points at the cell the clerk typed.
    column_sources: Mapping[str, str] = field(default_factory=dict)
    # The family's own rules (the ``error=`` of its model's checks), beside ``schemas.messages``.
    messages: Mapping[str, Message] = field(default_factory=dict)
    # Loaded from reference files (catalog, unit lists): not partitioned by period; a file's rows
    # replace the rows it gave before; unchanged files are not re-read.
    reference: bool = False
    sheet_required: bool = False  # a workbook without the sheet is an error, not a skip
    keep_identity_only: bool = True  # rows naming something with no figure are kept (and reported)
    # The family that speaks for the whole workbook: reports file-level problems once and records
    # the workbook (its 'Thông tin chung') in the ``workbooks`` table.
    speaks_for_workbook: bool = False
    # Parsing and validating a batch of whole localities at a time bounds a national run's memory.
    batch_by_locality: bool = True
    # Documentation: where the sheet lives, and a paragraph after its column table.
    docs_where: Mapping[str, str] = field(default_factory=dict)
    docs_note: str = ""
    # Where a leader sees it: the dashboard page file (dashboards/pages/<page>.py) and the report
    # pack's section, or why not (a reference list is shown through the figures it describes).
    page: str | None = None
    report_section: str | None = None
    not_shown_because: str = ""
    # Rows (column key → cell as a clerk types it) that load without any issue: the template's
    # example and every family's test workbook.
    example: tuple[dict, ...] = ()

    @property
    def periodic(self) -> bool:
        return not self.reference

    def sheet_for(self, workbook_kind: str) -> SheetSpec | None:
        return self.sheets.get(workbook_kind)

    @property
    def table_names(self) -> list[str]:
        return [t.name for t in self.tables]
