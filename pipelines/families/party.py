"""The party-building sheet ('Xây dựng Đảng') → ``party_organisations``. Pure Polars."""

from __future__ import annotations

import polars as pl

from pipelines.families.base import Lookups, SheetFamily, Table, no_warnings
from pipelines.parsing.text import clean_text, vn_number, vocab_code, whole_number
from schemas import PartyOrganisations
from schemas.vocab import ACTUAL_STATUS, PARTY_ORG_TYPE, PARTY_RATING
from schemas.workbook_format import PARTY_SHEET

IDENTITY = ("org_type", "block")
FIGURES = ("org_count", "member_count")
KEY = ("locality_code", "period", "block", "org_type", "rating_text")


def parse(rows: pl.DataFrame, lookups: Lookups) -> tuple[pl.DataFrame, pl.DataFrame]:
    return parse_party_rows(rows), no_warnings()


def parse_party_rows(rows: pl.DataFrame) -> pl.DataFrame:
    return rows.with_columns(
        clean_text(pl.col("block")).alias("block"),
        pl.col("org_type").alias("org_type_raw"),
        pl.col("rating").alias("rating_raw"),
        clean_text(pl.col("rating")).alias("rating_text"),
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


SHEET_FAMILY = SheetFamily(
    name="party_organisations",
    sheets={"year": PARTY_SHEET},
    model=PartyOrganisations,
    parse=parse,
    tables=(
        Table(
            "party_organisations",
            PartyOrganisations,
            KEY,
            "Grassroots party organisations and members per block, type and year-end rating. Admissions are indicators.",
        ),
    ),
    key=KEY,
    identity=IDENTITY,
    figures=FIGURES,
    group="party",
    docs_where={"year": "yearly workbook, optional"},
    page="party",
    report_section="party",
    example=(
        {"org_type": "Tổ chức cơ sở đảng", "org_count": 38, "member_count": 1520},
        {"org_type": "Tổ chức cơ sở đảng", "rating": "Hoàn thành tốt nhiệm vụ", "org_count": 30},
    ),
)
