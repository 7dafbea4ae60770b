"""What was loaded when, from which file."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl


class LoadLog(pa.DataFrameModel):
    """One row per asset, workbook and load."""

    asset: pl.Utf8 = pa.Field(
        description="Load step (sheet family) that read the workbook: indicators, ntm_criteria, localities …"
    )
    locality_code: pl.Utf8 = pa.Field(nullable=True, description="Locality of the workbook.")
    period: pl.Utf8 = pa.Field(nullable=True, description="Year or term of the workbook.")
    file: pl.Utf8 = pa.Field(description="Workbook path relative to the raw-data folder.")
    file_hash: pl.Utf8 = pa.Field(
        nullable=True, description="SHA-256 of the file's bytes; empty if it could not be read."
    )
    file_modified_at: pl.Datetime = pa.Field(nullable=True, description="File modification time (UTC).")
    status: pl.Utf8 = pa.Field(
        isin=["loaded", "failed", "skipped"],
        description="loaded (rows written, maybe with rejects), failed (file or sheet unusable; earlier data kept) or skipped (no such sheet).",
    )
    rows_read: pl.Int64 = pa.Field(description="Data rows found in the sheet.")
    rows_loaded: pl.Int64 = pa.Field(description="Rows that passed validation and were written.")
    rows_rejected: pl.Int64 = pa.Field(description="Rows sent to quarantine.")
    warnings: pl.Int64 = pa.Field(description="Warnings raised (rows loaded with a default).")
    run_id: pl.Utf8 = pa.Field(description="Dagster run.")
    loaded_at: pl.Datetime = pa.Field(description="When the load finished (UTC).")

    class Config:
        strict = False
