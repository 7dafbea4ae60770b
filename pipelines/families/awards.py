"""The emulation and awards sheet ('Thi đua khen thưởng') of yearly and term workbooks → ``awards``. Pure Polars."""

from __future__ import annotations

import polars as pl

from pipelines.families.base import Lookups, SheetFamily, Table, no_warnings
from pipelines.parsing.text import clean_text, fold_expr, parse_span, vn_number, vocab_code, whole_number
from schemas import Awards
from schemas.vocab import AWARD_LEVEL, CITY_LEVEL_WORDS, RECIPIENT_KIND, YES_NO_PLAIN
from schemas.workbook_format import AWARDS_SHEET

IDENTITY = ("award_title",)
COLUMN_SOURCES = {"period": "award_period", "period_first_year": "award_period", "period_last_year": "award_period"}
FIGURES = ("award_count", "level", "recipient_kind")
KEY = ("locality_code", "period", "award_title", "level", "recipient_kind", "decision_ref", "part_of_summary")


def parse(rows: pl.DataFrame, lookups: Lookups) -> tuple[pl.DataFrame, pl.DataFrame]:
    return parse_award_rows(rows, lookups.get("localities")), no_warnings()


def city_level(locality_level: pl.Expr) -> pl.Expr:
    """What 'cấp thành phố' means in a workbook: the province level for a centrally-run city (its
    level is 'tinh'), the district level for a city of a province (and for any other locality)."""
    return pl.when(locality_level == "tinh").then(pl.lit("province")).otherwise(pl.lit("district"))


def parse_award_rows(rows: pl.DataFrame, localities: pl.DataFrame | None = None) -> pl.DataFrame:
    """Parse award rows; the award's own period defaults to the workbook's year or term. ``localities``
    (the units table) says what 'cấp thành phố' means for the workbook's locality."""
    if localities is not None and localities.height:
        levels = localities.select("locality_code", pl.col("level").alias("_locality_level")).unique(
            subset="locality_code", keep="last"
        )
        rows = rows.join(levels, on="locality_code", how="left")
    else:
        rows = rows.with_columns(pl.lit(None, dtype=pl.Utf8).alias("_locality_level"))
    span = parse_span(pl.col("award_period"))
    given = pl.col("award_period").is_not_null()
    first = pl.when(given).then(span["from"]).otherwise(pl.col("period_first_year"))
    last = pl.when(given).then(span["to"]).otherwise(pl.col("period_last_year"))
    summary = vocab_code(pl.col("part_of_summary"), YES_NO_PLAIN)
    level = pl.coalesce(
        vocab_code(pl.col("level"), AWARD_LEVEL),
        pl.when(fold_expr(pl.col("level")).is_in(list(CITY_LEVEL_WORDS))).then(city_level(pl.col("_locality_level"))),
    )
    frame = rows.with_columns(
        pl.col("award_period").alias("period_raw"),
        pl.col("period").alias("file_period"),
        pl.col("period_first_year").alias("file_first_year"),
        pl.col("period_last_year").alias("file_last_year"),
        first.alias("period_first_year"),
        last.alias("period_last_year"),
        clean_text(pl.col("award_title")).alias("award_title"),
        pl.col("level").alias("level_raw"),
        clean_text(pl.col("level")).alias("level_text"),
        pl.col("recipient_kind").alias("recipient_kind_raw"),
        pl.col("award_count").alias("award_count_raw"),
        pl.col("part_of_summary").alias("part_of_summary_raw"),
        level.alias("level"),
        vocab_code(pl.col("recipient_kind"), RECIPIENT_KIND).alias("recipient_kind"),
        whole_number(vn_number(pl.col("award_count"), pl.col("award_count__text"))).alias("award_count"),
        pl.when(pl.col("part_of_summary").is_null())
        .then(False)
        .when(summary.is_null())
        .then(None)
        .otherwise(summary == "yes")
        .alias("part_of_summary"),
        clean_text(pl.col("decision_ref")).alias("decision_ref"),
        clean_text(pl.col("movement")).alias("movement"),
        clean_text(pl.col("source_document")).alias("source_document"),
        clean_text(pl.col("source_quote")).alias("source_quote"),
        clean_text(pl.col("note")).alias("note"),
    )
    return frame.with_columns(
        pl.when(pl.col("period_first_year").is_null())
        .then(None)
        .when(pl.col("period_first_year") == pl.col("period_last_year"))
        .then(pl.col("period_first_year").cast(pl.Utf8))
        .otherwise(pl.col("period_first_year").cast(pl.Utf8) + "-" + pl.col("period_last_year").cast(pl.Utf8))
        .alias("period"),
        pl.when(pl.col("period_first_year") == pl.col("period_last_year"))
        .then(pl.lit("year"))
        .otherwise(pl.lit("term"))
        .alias("period_kind"),
    ).drop("_locality_level")


SHEET_FAMILY = SheetFamily(
    name="awards",
    sheets={"year": AWARDS_SHEET, "term": AWARDS_SHEET},
    model=Awards,
    parse=parse,
    tables=(
        Table(
            "awards",
            Awards,
            KEY,
            "Emulation titles and commendations by period, level (state, province, district) and recipient (collective, individual).",
            workbook_period="file_period",
        ),
    ),
    key=KEY,
    identity=IDENTITY,
    figures=FIGURES,
    group="awards",
    reads=("localities",),
    column_sources=COLUMN_SOURCES,
    docs_where={"year": "yearly and term workbooks, optional"},
    page="awards",
    report_section="awards",
    example=(
        {"award_title": "Cờ thi đua của UBND tỉnh", "level": "Tỉnh", "recipient_kind": "Tập thể", "award_count": 2},
    ),
)
