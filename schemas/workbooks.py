"""The workbooks behind the warehouse, with what their 'Thông tin chung' sheet says."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl


class Workbooks(pa.DataFrameModel):
    """One row per workbook currently loaded (locality and period)."""

    locality_code: pl.Utf8 = pa.Field(description="Locality, from the workbook's folder.")
    period: pl.Utf8 = pa.Field(description="Year or term, from the file name.")
    period_kind: pl.Utf8 = pa.Field(isin=["year", "term", "units"], description="year, term, or units (don-vi.xlsx).")
    file: pl.Utf8 = pa.Field(description="Workbook path relative to the raw-data folder.")
    file_hash: pl.Utf8 = pa.Field(description="SHA-256 of the file's bytes.")
    title: pl.Utf8 = pa.Field(nullable=True, description="Title of the report the workbook transcribes.")
    report_date: pl.Date = pa.Field(nullable=True, description="Date of that report ('Ngày báo cáo').")
    prepared_by: pl.Utf8 = pa.Field(
        nullable=True, description="Office or person who filled the workbook ('Người lập')."
    )
    h1_target_pct: pl.Float64 = pa.Field(
        description="Share of each annual target to reach by 30 June (the emulation plan's 'ít nhất 50%')."
    )
    h1_target_source: pl.Utf8 = pa.Field(
        nullable=True, description="Where that share comes from; empty when the default 50% applies."
    )
    loaded_at: pl.Datetime = pa.Field(description="When it was last loaded (UTC).")

    class Config:
        unique = ["locality_code", "period"]
        strict = False
