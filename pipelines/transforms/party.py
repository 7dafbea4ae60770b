"""'Xây dựng Đảng' sheet rows → ``party_organisations``. Pure Polars."""

from __future__ import annotations

import polars as pl

from pipelines.parsing.text import clean_text, vn_number, vocab_code, whole_number
from schemas.vocab import ACTUAL_STATUS, PARTY_ORG_TYPE, PARTY_RATING

IDENTITY = ["org_type", "block"]
FIGURES = ["org_count", "member_count"]


def parse_party_rows(rows: pl.DataFrame) -> pl.DataFrame:
    return rows.with_columns(
        clean_text(pl.col("block")).alias("block"),
        pl.col("org_type").alias("org_type_raw"),
        pl.col("rating").alias("rating_raw"),
        pl.col("org_count").alias("org_count_raw"),
        pl.col("member_count").alias("member_count_raw"),
        pl.col("actual_status").alias("actual_status_raw"),
        vocab_code(pl.col("org_type"), PARTY_ORG_TYPE).alias("org_type"),
        vocab_code(pl.col("rating"), PARTY_RATING).alias("rating"),
        whole_number(vn_number(pl.col("org_count"), pl.col("org_count__text"))).alias("org_count"),
        whole_number(vn_number(pl.col("member_count"), pl.col("member_count__text"))).alias("member_count"),
        pl.coalesce(
            vocab_code(pl.col("actual_status"), ACTUAL_STATUS),
            pl.when(pl.col("actual_status").is_null()).then(pl.lit("official")),
        ).alias("actual_status"),
        clean_text(pl.col("source_document")).alias("source_document"),
        clean_text(pl.col("source_quote")).alias("source_quote"),
        clean_text(pl.col("note")).alias("note"),
    )
