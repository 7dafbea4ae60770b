"""Every file in the raw-data folder, and whether it was read."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl


class RawFolder(pa.DataFrameModel):
    """One row per file under the raw-data folder at the latest load, read or not.

    A file that is not read has the rule that says why (a misnamed file, a year outside the
    warehouse's periods, two workbooks for one period …) and an issue in ``validation_issues``;
    what office programs leave behind (``~$`` lock files, ``Thumbs.db``) is ``ignored``.
    """

    file: pl.Utf8 = pa.Field(description="Path relative to the raw-data folder.")
    kind: pl.Utf8 = pa.Field(
        nullable=True, description="year, term, localities (don-vi.xlsx) or catalog; empty when not a workbook."
    )
    locality_code: pl.Utf8 = pa.Field(nullable=True, description="Locality (the folder), when the file is in one.")
    period: pl.Utf8 = pa.Field(nullable=True, description="Year or term from the file name.")
    status: pl.Utf8 = pa.Field(
        isin=["read", "skipped", "ignored", "locked"],
        description="read (its sheets are loaded), skipped (reported: see rule), ignored (office junk) or locked (its period is approved and locked: not read, its figures kept).",
    )
    rule: pl.Utf8 = pa.Field(nullable=True, description="Why it was skipped (see schemas/messages.py).")
    size_bytes: pl.Int64 = pa.Field(nullable=True, description="File size.")
    modified_at: pl.Datetime = pa.Field(nullable=True, description="Modification time (UTC).")
    seen_at: pl.Datetime = pa.Field(description="When the folder was looked at (UTC).")
    run_id: pl.Utf8 = pa.Field(description="Dagster run.")
