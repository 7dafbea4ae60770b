"""Boundaries of a locality's units, for the choropleth of the compare page."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl


class UnitBoundaries(pa.DataFrameModel):
    """One row per locality and unit with a boundary. Read from ``<locality>/ban-do.geojson``.

    A GeoJSON FeatureCollection whose features carry the unit's code of don-vi.xlsx in the property
    ``ma_don_vi`` (or ``code``, ``ma``); the geometry is kept as written (GeoJSON text, WGS 84).
    """

    locality_code: pl.Utf8 = pa.Field(description="Locality whose folder holds the file.")
    unit_code: pl.Utf8 = pa.Field(description="Unit the feature draws, a code of don-vi.xlsx.")
    unit_name: pl.Utf8 = pa.Field(nullable=True, description="Name in the feature's properties ('ten'/'name'), if any.")
    geometry: pl.Utf8 = pa.Field(description="The feature's GeoJSON geometry (Polygon or MultiPolygon), as text.")
    source_file: pl.Utf8 = pa.Field(description="File path relative to the raw-data folder.")
    loaded_at: pl.Datetime = pa.Field(description="When the file was loaded (UTC).")
    run_id: pl.Utf8 = pa.Field(description="Dagster run that loaded it.")

    class Config:
        unique = ["locality_code", "unit_code"]
