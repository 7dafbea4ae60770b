"""The indicator catalog (``danh-muc-chi-tieu.xlsx``, shared by every locality) → ``indicator_catalog``. Pure Polars."""

from __future__ import annotations

import polars as pl

from pipelines.families.base import Lookups, SheetFamily, Table, no_warnings
from pipelines.parsing.text import clean_text, fold_expr, vn_number, vocab_code, whole_number
from schemas import IndicatorCatalog
from schemas.messages import Message
from schemas.vocab import AGGREGATION, DIRECTION, FAMILY, YES_NO_PLAIN
from schemas.workbook_format import CATALOG_SHEET

IDENTITY = ("indicator_code", "name_vi")
FIGURES = ("unit", "family", "direction")
KEY = ("indicator_code",)


LINKS = ("part_of", "growth_of", "numerator_of", "denominator_of")


def parse(rows: pl.DataFrame, lookups: Lookups) -> tuple[pl.DataFrame, pl.DataFrame]:
    return catalog_links(parse_catalog_rows(rows))


def catalog_links(frame: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """'Thuộc tổng (mã)', 'Tăng trưởng của (mã)', 'Tử số (mã)' and 'Mẫu số (mã)' must name another code
    of the catalog.

    A link to an unknown code (or to the row's own) is dropped with a warning: the indicator
    still loads, only the consistency check that needs the link is not made.
    """
    codes = frame.get_column("indicator_code").drop_nulls().unique().implode()
    warnings = []
    for link in LINKS:
        bad = pl.col(link).is_not_null() & (~pl.col(link).is_in(codes) | (pl.col(link) == pl.col("indicator_code")))
        warnings.append(
            frame.filter(bad).select(
                "source_file",
                "source_sheet",
                "source_row",
                pl.lit("catalog_link_unknown").alias("rule"),
                pl.lit(link).alias("column"),
                pl.col(link).alias("value"),
            )
        )
        frame = frame.with_columns(pl.when(bad).then(None).otherwise(pl.col(link)).alias(link))
    return frame, pl.concat([no_warnings(), *warnings], how="vertical_relaxed")


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
        *[clean_text(pl.col(link)).str.to_lowercase().alias(link) for link in LINKS],
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
    frame = frame.with_columns(*_additive(rows))
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


def _additive(rows: pl.DataFrame) -> list[pl.Expr]:
    """'Cộng theo đơn vị' as written, else flows and stocks add up across units and rates do not."""
    default = pl.col("aggregation").is_in(["flow", "stock"])
    if "additive" not in rows.columns:
        return [default.alias("additive")]
    written = vocab_code(pl.col("additive"), YES_NO_PLAIN)
    return [
        pl.col("additive").alias("additive_raw"),
        pl.when(pl.col("additive").is_null())
        .then(default)
        .otherwise(pl.when(written.is_not_null()).then(written == "yes"))
        .alias("additive"),
    ]


MESSAGES = {
    "parse_additive": Message(
        "additive",
        "Cột 'Cộng theo đơn vị' chỉ ghi Có hoặc Không.",
        "'Cộng theo đơn vị' takes Có (yes) or Không (no).",
    ),
}


SHEET_FAMILY = SheetFamily(
    name="indicator_catalog",
    sheets={"catalog": CATALOG_SHEET},
    model=IndicatorCatalog,
    parse=parse,
    tables=(
        Table(
            "indicator_catalog",
            IndicatorCatalog,
            KEY,
            "One row per indicator code, from data/raw/danh-muc-chi-tieu.xlsx: names (vi, en), unit, family, direction, valid range.",
        ),
    ),
    key=KEY,
    identity=IDENTITY,
    figures=FIGURES,
    group="reference",
    messages=MESSAGES,
    reference=True,
    # Codes must be unique, and parents known, across every file at once.
    batch_by_locality=False,
    sheet_required=True,
    speaks_for_workbook=True,
    docs_where={"catalog": "danh-muc-chi-tieu.xlsx, required"},
    not_shown_because="The catalog names, units and directions of every figure on every page; it has no page of its own.",
    example=(
        {
            "indicator_code": "poverty_rate",
            "name_vi": "Tỷ lệ hộ nghèo",
            "unit": "%",
            "family": "Văn hóa – Xã hội",
            "direction": "Càng thấp càng tốt",
            "aggregation": "Tỷ lệ",
        },
    ),
)
