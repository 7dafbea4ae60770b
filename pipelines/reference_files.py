"""Read the catalog and unit workbooks directly (for templates and benchmarks, without a warehouse)."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from pipelines.discovery import discover
from pipelines.families import catalog, localities
from pipelines.reading import read_family


def read_catalog_rows(raw_root: Path) -> list[dict]:
    """Catalog rows (code, name, unit, family …) from danh-muc-chi-tieu.xlsx, in file order."""
    refs = discover(raw_root).refs
    raw = read_family([r for r in refs if r.kind == "catalog"], catalog.SHEET_FAMILY)
    if raw.rows.height == 0:
        return []
    parsed = catalog.parse_catalog_rows(raw.rows).filter(
        pl.col("indicator_code").is_not_null() & pl.col("family").is_not_null()
    )
    return parsed.select(
        "indicator_code",
        "name_vi",
        "name_en",
        "unit",
        "family",
        "direction",
        "aggregation",
        "decimals",
        "min_value",
        "max_value",
    ).to_dicts()


def locality_name(raw_root: Path, code: str) -> str | None:
    refs = discover(raw_root).refs
    raw = read_family([r for r in refs if r.kind == "localities"], localities.SHEET_FAMILY)
    if raw.rows.height == 0:
        return None
    units = localities.parse_locality_rows(raw.rows).filter(pl.col("locality_code") == code)
    return units.item(0, "name_vi") if units.height else None
