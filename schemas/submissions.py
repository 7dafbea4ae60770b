"""Every workbook sent through the dashboard (or the command line), and what became of it."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl


class Submissions(pa.DataFrameModel):
    """One row per submitted version of a workbook (data/submissions/), newest first per unit and period."""

    submission_id: pl.Utf8 = pa.Field(description="Version id: UTC time and the first 12 hex digits of its SHA-256.")
    locality_code: pl.Utf8 = pa.Field(description="Unit the workbook is for.")
    period: pl.Utf8 = pa.Field(nullable=True, description="Year or term; empty for a don-vi.xlsx.")
    original_name: pl.Utf8 = pa.Field(description="The file name it was sent under (kept as text, never a path).")
    file_hash: pl.Utf8 = pa.Field(description="SHA-256 of the bytes sent.")
    size_bytes: pl.Int64 = pa.Field(description="Size of the file sent.")
    submitted_by: pl.Utf8 = pa.Field(description="Who sent it (the signed-in user, or the command line).")
    submitted_at: pl.Datetime = pa.Field(description="When it was sent (UTC).")
    status: pl.Utf8 = pa.Field(
        isin=["checked", "held", "submitted", "replaced"],
        description="checked (sent, not loaded), held (sent for a locked period: waits for the level above to "
        "accept it as a revision), submitted (confirmed into data/raw and loaded) or replaced (by a later version).",
    )
    confirmed_at: pl.Datetime = pa.Field(nullable=True, description="When it was confirmed ('Nộp').")
    confirmed_by: pl.Utf8 = pa.Field(nullable=True, description="Who confirmed it.")
    rows_read: pl.Int64 = pa.Field(description="Rows its check read.")
    rows_rejected: pl.Int64 = pa.Field(description="Rows its check would reject.")
    errors: pl.Int64 = pa.Field(description="Errors its check found.")
    warnings: pl.Int64 = pa.Field(description="Warnings its check found.")
    note: pl.Utf8 = pa.Field(nullable=True, description="What else is known (e.g. a file that was in data/raw before).")
