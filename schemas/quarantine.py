"""Rejected spreadsheet rows, kept whole so nothing a clerk typed is lost."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl


class Quarantine(pa.DataFrameModel):
    """One row per spreadsheet row rejected by the latest load of its sheet."""

    asset: pl.Utf8 = pa.Field(description="Load step (sheet family) that read the sheet.")
    locality_code: pl.Utf8 = pa.Field(nullable=True, description="Locality of the workbook.")
    period: pl.Utf8 = pa.Field(nullable=True, description="Year or term of the workbook.")
    file: pl.Utf8 = pa.Field(description="Workbook path relative to the raw-data folder.")
    sheet: pl.Utf8 = pa.Field(description="Sheet name.")
    row: pl.Int64 = pa.Field(description="Spreadsheet row number.")
    cells: pl.Utf8 = pa.Field(description="The row's cells as JSON, header → text typed.")
    rules: pl.Utf8 = pa.Field(description="Rule keys that rejected it, comma-separated.")
    run_id: pl.Utf8 = pa.Field(description="Dagster run that rejected it.")
    detected_at: pl.Datetime = pa.Field(description="When (UTC).")

    class Config:
        strict = False
