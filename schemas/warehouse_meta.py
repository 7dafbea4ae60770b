"""When the published warehouse was built."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl


class WarehouseMeta(pa.DataFrameModel):
    """One row: the publication readers see."""

    published_at: pl.Datetime = pa.Field(description="When this copy of the warehouse was published (UTC).")
    run_id: pl.Utf8 = pa.Field(nullable=True, description="Dagster run that published it.")
    table_rows: pl.Utf8 = pa.Field(description="Row count of every table, as JSON.")

    class Config:
        strict = False
