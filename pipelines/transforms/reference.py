"""Catalog and administrative-unit sheets → their tables. Pure Polars."""

from __future__ import annotations

import polars as pl

from pipelines.parsing.text import (
    clean_text,
    fold_expr,
    parse_date,
    vn_number,
    vocab_code,
    whole_number,
)
from schemas.vocab import AGGREGATION, DIRECTION, FAMILY, LOCALITY_LEVEL

CATALOG_IDENTITY = ["indicator_code", "name_vi"]
CATALOG_FIGURES = ["unit", "family", "direction"]
UNITS_IDENTITY = ["code", "name_vi"]
# The units sheet calls its code column 'code' (the workbook's own locality is 'locality_code').
UNITS_COLUMN_SOURCES = {"locality_code": "code"}
UNITS_FIGURES = ["level"]


def parse_catalog_rows(rows: pl.DataFrame) -> pl.DataFrame:
    """'Danh mục chỉ tiêu' rows → ``IndicatorCatalog`` shape, with defaults for ranges and decimals.

    Without an explicit range, a share in '%' must lie in 0–100, a growth rate in '%/năm' may fall
    to −100, and anything else cannot be negative.
    """
    unit_folded = fold_expr(clean_text(pl.col("unit")))
    frame = rows.with_columns(
        clean_text(pl.col("indicator_code")).str.to_lowercase().alias("indicator_code"),
        clean_text(pl.col("name_vi")).alias("name_vi"),
        clean_text(pl.col("name_en")).alias("name_en"),
        clean_text(pl.col("unit")).alias("unit"),
        clean_text(pl.col("unit_aliases")).alias("unit_aliases"),
        clean_text(pl.col("description")).alias("description"),
        clean_text(pl.col("source_document")).alias("source_document"),
        pl.lit(None, dtype=pl.Utf8).alias("source_quote"),
        pl.col("family").alias("family_raw"),
        pl.col("direction").alias("direction_raw"),
        pl.col("aggregation").alias("aggregation_raw"),
        pl.col("decimals").alias("decimals_raw"),
        pl.col("min_value").alias("min_value_raw"),
        pl.col("max_value").alias("max_value_raw"),
        vocab_code(pl.col("family"), FAMILY).alias("family"),
        vocab_code(pl.col("direction"), DIRECTION).alias("direction"),
        vocab_code(pl.col("aggregation"), AGGREGATION).alias("aggregation"),
        whole_number(vn_number(pl.col("decimals"), pl.col("decimals__text"))).alias("decimals"),
        vn_number(pl.col("min_value"), pl.col("min_value__text")).alias("min_value"),
        vn_number(pl.col("max_value"), pl.col("max_value__text")).alias("max_value"),
    )
    default_min = pl.when(unit_folded.str.contains("%/nam|diem %")).then(-100.0).otherwise(0.0)
    default_max = pl.when(unit_folded == "%").then(100.0).otherwise(None)
    return frame.with_columns(
        pl.when(pl.col("min_value_raw").is_null()).then(default_min).otherwise(pl.col("min_value")).alias("min_value"),
        pl.when(pl.col("max_value_raw").is_null()).then(default_max).otherwise(pl.col("max_value")).alias("max_value"),
        pl.when(pl.col("decimals_raw").is_null())
        .then(pl.lit(2, dtype=pl.Int64))
        .otherwise(pl.col("decimals"))
        .alias("decimals"),
    )


def parse_locality_rows(rows: pl.DataFrame) -> pl.DataFrame:
    """'Đơn vị hành chính' rows (from every locality's don-vi workbook) → ``Localities`` shape."""
    frame = rows.with_columns(
        clean_text(pl.col("code")).str.to_lowercase().alias("locality_code"),
        clean_text(pl.col("name_vi")).alias("name_vi"),
        clean_text(pl.col("parent_code")).str.to_lowercase().alias("parent_code"),
        clean_text(pl.col("note")).alias("note"),
        clean_text(pl.col("source_document")).alias("source_document"),
        clean_text(pl.col("source_quote")).alias("source_quote"),
        pl.col("level").alias("level_raw"),
        pl.col("valid_from").alias("valid_from_raw"),
        pl.col("valid_to").alias("valid_to_raw"),
        vocab_code(pl.col("level"), LOCALITY_LEVEL).alias("level"),
        parse_date(pl.col("valid_from")).alias("valid_from"),
        parse_date(pl.col("valid_to")).alias("valid_to"),
    )
    # Two localities may both declare a unit they share (their province): identical declarations in
    # other files are one unit, not a duplicate. Conflicting ones are still reported.
    same = ["locality_code", "name_vi", "level", "parent_code", "valid_from", "valid_to"]
    frame = frame.filter(
        pl.col("locality_code").is_null() | (pl.col("source_file") == pl.col("source_file").min().over(same))
    )
    codes = frame.get_column("locality_code").drop_nulls().unique().implode()
    return frame.with_columns(pl.col("parent_code").is_in(codes).alias("parent_known"))
