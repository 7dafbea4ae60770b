"""The indicator sheet ('Chỉ tiêu'): targets and actuals of yearly and term workbooks. Pure Polars.

Rows → ``IndicatorSheet`` (validated) → ``indicator_targets`` and ``indicator_actuals`` (with
revisions: an estimate, later the official figure).
"""

from __future__ import annotations

import polars as pl

from pipelines.families.base import Lookups, SheetFamily, Table
from pipelines.parsing.text import (
    fold_expr,
    parse_span,
    parse_target,
    vn_number,
    vocab_code,
    whole_number,
    with_folded,
)
from schemas import IndicatorActuals, IndicatorSheet, IndicatorTargets
from schemas.vocab import ACTUAL_STATUS, STATUS, TARGET_KIND
from schemas.workbook_format import INDICATOR_TERM, INDICATOR_YEAR

# Columns of the sheet that carry a figure: a row with none of them is not reported.
FIGURES = ("target_text", "h1_actual", "actual", "reported_pct", "reported_grade")
IDENTITY = ("indicator_code", "name")
KEY = ("locality_code", "indicator_code", "period")

# Table column → sheet column, so a failure points at the cell the clerk typed.
COLUMN_SOURCES = {
    "target_form": "target_text",
    "target_low": "target_text",
    "target_high": "target_text",
    "covered_from": "covered",
    "covered_to": "covered",
    "name": "name",
}


def catalog_lookup(catalog: pl.DataFrame) -> pl.DataFrame:
    """The catalog columns a sheet is checked against, with every accepted unit spelling folded."""
    return (
        with_folded(catalog.select("indicator_code", "name_vi"), "name_vi", "catalog_name_folded")
        .join(
            catalog.select(
                "indicator_code",
                pl.col("name_vi").alias("catalog_name"),
                pl.col("unit").alias("catalog_unit"),
                pl.concat_list(pl.col("unit"), pl.col("unit_aliases").fill_null("").str.split(";"))
                .list.eval(fold_expr(pl.element()))
                .list.eval(pl.element().filter(pl.element() != ""))
                .alias("catalog_units_folded"),
                pl.col("min_value").alias("catalog_min"),
                pl.col("max_value").alias("catalog_max"),
                pl.col("decimals").alias("catalog_decimals"),
            ),
            on="indicator_code",
        )
        .drop("name_vi")
    )


def parse(rows: pl.DataFrame, lookups: Lookups) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The family's transform: rows parsed against the catalog in the warehouse."""
    return parse_indicator_rows(rows, lookups["indicator_catalog"])


def parse_indicator_rows(rows: pl.DataFrame, catalog: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Parse raw 'Chỉ tiêu' rows into the ``IndicatorSheet`` shape (plus validation context).

    ``rows`` holds the sheet's text cells (one Utf8 column per sheet column, ``<col>__text``
    flags for numeric columns) and the workbook context: ``locality_code``, ``period``,
    ``period_kind``, ``period_first_year``, ``period_last_year``, ``source_file``,
    ``source_sheet``, ``source_row``. Returns the parsed frame and the warnings raised
    (rows that load with a default), as ``source_file, source_sheet, source_row, rule, column, value``.
    """
    # Cells arrive cleaned (trimmed, single spaces, empty as null) from the reading step.
    rows = _with_all_columns(rows)
    lookup = catalog_lookup(catalog)
    names = lookup.select(
        pl.col("catalog_name_folded").alias("_name_folded"), pl.col("indicator_code").alias("_code_from_name")
    ).unique(subset="_name_folded", keep="none")

    frame = rows.with_columns(
        pl.col("indicator_code").str.to_lowercase().alias("indicator_code_raw"), pl.col("unit").alias("unit_raw")
    )
    frame = with_folded(with_folded(frame, "name", "_name_folded"), "unit_raw", "_unit_folded").join(
        names, on="_name_folded", how="left"
    )
    frame = frame.with_columns(
        pl.coalesce("indicator_code_raw", "_code_from_name").alias("indicator_code"),
        (pl.col("indicator_code_raw").is_null() & pl.col("_code_from_name").is_not_null()).alias("_code_filled"),
    ).join(lookup, on="indicator_code", how="left")

    covered = parse_span(pl.col("covered"))
    is_year = pl.col("period_kind") == "year"
    has_value = pl.col("actual").is_not_null() | pl.col("h1_actual").is_not_null()

    frame = (
        frame.lazy()
        .with_columns(
            pl.col("target_kind").alias("target_kind_raw"),
            pl.col("actual").alias("actual_raw"),
            pl.col("h1_actual").alias("h1_actual_raw"),
            pl.col("reported_pct").alias("reported_pct_raw"),
            pl.col("reported_grade").alias("reported_grade_raw"),
            pl.col("baseline_value").alias("baseline_value_raw"),
            pl.col("baseline_year").alias("baseline_year_raw"),
            pl.col("actual_status").alias("actual_status_raw"),
            pl.col("covered").alias("covered_raw"),
            vn_number(pl.col("actual"), pl.col("actual__text")).alias("actual"),
            vn_number(pl.col("h1_actual"), pl.col("h1_actual__text")).alias("h1_actual"),
            vn_number(pl.col("reported_pct"), pl.col("reported_pct__text")).alias("reported_pct"),
            vn_number(pl.col("baseline_value"), pl.col("baseline_value__text")).alias("baseline_value"),
            whole_number(vn_number(pl.col("baseline_year"), pl.col("baseline_year__text"))).alias("baseline_year"),
            vocab_code(pl.col("reported_grade"), STATUS).alias("reported_grade"),
        )
        .collect()
    )  # lazily, so the number parsers' shared steps run once
    frame = parse_target(frame, "target_text", "target_text__text")
    frame = frame.with_columns(
        pl.when(pl.col("baseline_year").is_between(1900, 2100)).then(pl.col("baseline_year")).alias("baseline_year"),
        pl.when(is_year & pl.col("target_text").is_not_null())
        .then(pl.lit("annual"))
        .when(~is_year)
        .then(vocab_code(pl.col("target_kind_raw"), TARGET_KIND))
        .alias("target_kind"),
        pl.when(pl.col("actual_status_raw").is_null())
        .then(pl.lit("estimate"))
        .otherwise(vocab_code(pl.col("actual_status_raw"), ACTUAL_STATUS))
        .alias("actual_status"),
        pl.when(is_year)
        .then(pl.when(has_value).then(pl.col("period_first_year")))
        .otherwise(
            pl.coalesce(covered["from"], pl.when(pl.col("actual").is_not_null()).then(pl.col("period_first_year")))
        )
        .alias("covered_from"),
        pl.when(is_year)
        .then(pl.when(has_value).then(pl.col("period_last_year")))
        .otherwise(pl.coalesce(covered["to"], pl.when(pl.col("actual").is_not_null()).then(pl.col("period_last_year"))))
        .alias("covered_to"),
        # The catalog's unit is what is stored; a unit typed differently must be one of its spellings.
        (
            pl.col("unit_raw").is_null()
            | pl.col("catalog_unit").is_null()
            | pl.col("catalog_units_folded").list.contains(pl.col("_unit_folded"))
        ).alias("catalog_unit_ok"),
        pl.coalesce("catalog_unit", "unit_raw").alias("unit"),
    )
    # A covered span that did not parse must stay null so the parse check reports it.
    frame = frame.with_columns(
        pl.when(pl.col("covered_raw").is_not_null() & covered["to"].is_null())
        .then(None)
        .otherwise(pl.col("covered_to"))
        .alias("covered_to"),
    )

    warnings = pl.concat(
        [
            frame.filter(
                pl.col("actual_status_raw").is_null() & has_value & pl.col("indicator_code").is_not_null()
            ).select(
                *_where(),
                pl.lit("default_actual_status").alias("rule"),
                pl.lit("actual_status").alias("column"),
                pl.lit(None, dtype=pl.Utf8).alias("value"),
            ),
            frame.filter(pl.col("_code_filled")).select(
                *_where(),
                pl.lit("code_from_name").alias("rule"),
                pl.lit("indicator_code").alias("column"),
                pl.col("name").alias("value"),
            ),
            frame.filter(
                pl.col("name").is_not_null()
                & pl.col("catalog_name").is_not_null()
                & (pl.col("_name_folded") != pl.col("catalog_name_folded"))
            ).select(
                *_where(),
                pl.lit("name_differs_from_catalog").alias("rule"),
                pl.lit("name").alias("column"),
                pl.col("name").alias("value"),
            ),
        ]
    )
    return frame.drop("_name_folded", "_unit_folded", "_code_from_name", "_code_filled", "indicator_code_raw"), warnings


def _with_all_columns(rows: pl.DataFrame) -> pl.DataFrame:
    """Yearly and term sheets differ in a few columns; give every row all of them."""
    missing = []
    for col in {c.key: c for spec in (INDICATOR_YEAR, INDICATOR_TERM) for c in spec.columns}.values():
        if col.key not in rows.columns:
            missing.append(pl.lit(None, dtype=pl.Utf8).alias(col.key))
        if col.numeric and f"{col.key}__text" not in rows.columns:
            missing.append(pl.lit(True).alias(f"{col.key}__text"))
    return rows.with_columns(missing) if missing else rows


def _where() -> list[pl.Expr]:
    return [pl.col("source_file"), pl.col("source_sheet"), pl.col("source_row")]


def to_targets(valid: pl.DataFrame) -> pl.DataFrame:
    """Rows with a target → ``indicator_targets`` shape (without load metadata)."""
    return valid.filter(pl.col("target_form").is_not_null()).select(
        "locality_code",
        "indicator_code",
        "period",
        "period_kind",
        "target_kind",
        "target_text",
        "target_form",
        "target_low",
        "target_high",
        "unit",
        "target_document",
        "baseline_year",
        "baseline_value",
        "note",
        "source_document",
        "source_quote",
        "source_file",
        "source_sheet",
        "source_row",
    )


_ACTUAL_COLUMNS = [
    "locality_code",
    "indicator_code",
    "period",
    "period_kind",
    "covered_from",
    "covered_to",
    "value",
    "actual_status",
    "reported_pct",
    "reported_grade",
    "comparison_text",
    "unit",
    "note",
    "source_document",
    "source_quote",
    "source_file",
    "source_sheet",
    "source_row",
]


def to_actuals(valid: pl.DataFrame) -> pl.DataFrame:
    """Rows with an actual, a reported % or a grade → ``indicator_actuals`` shape.

    A yearly row may give two figures: the year ('2023') and its first half ('2023-H1').
    """
    reported = (
        pl.col("actual").is_not_null() | pl.col("reported_pct").is_not_null() | pl.col("reported_grade").is_not_null()
    )
    main = valid.filter(reported).with_columns(pl.col("actual").alias("value"))
    half = valid.filter((pl.col("period_kind") == "year") & pl.col("h1_actual").is_not_null()).with_columns(
        (pl.col("period") + "-H1").alias("period"),
        pl.lit("half_year").alias("period_kind"),
        pl.col("h1_actual").alias("value"),
        pl.lit(None, dtype=pl.Float64).alias("reported_pct"),
        pl.lit(None, dtype=pl.Utf8).alias("reported_grade"),
        pl.lit(None, dtype=pl.Utf8).alias("comparison_text"),
    )
    return pl.concat([main.select(_ACTUAL_COLUMNS), half.select(_ACTUAL_COLUMNS)], how="vertical_relaxed")


def protect_half_years(keys: pl.DataFrame) -> pl.DataFrame:
    """A rejected yearly row also protects its first-half figure ('2023' → '2023-H1')."""
    return pl.concat([keys, keys.with_columns((pl.col("period") + "-H1").alias("period"))])


SHEET_FAMILY = SheetFamily(
    name="indicators",
    sheets={"year": INDICATOR_YEAR, "term": INDICATOR_TERM},
    model=IndicatorSheet,
    parse=parse,
    tables=(
        Table(
            "indicator_targets",
            IndicatorTargets,
            KEY,
            "One row per locality, indicator and period: targets as resolutions wrote them ('trên 370', 'dưới 3%'), annual and term.",
            rows=to_targets,
        ),
        Table(
            "indicator_actuals",
            IndicatorActuals,
            KEY,
            "Actuals (year, first half, term so far) with revision history: an estimate, later the official figure.",
            rows=to_actuals,
            write="revisions",
            payload=("value", "actual_status", "reported_pct", "reported_grade", "covered_from", "covered_to"),
            workbook_period="replace(period, '-H1', '')",
            protect=protect_half_years,
        ),
    ),
    key=KEY,
    identity=IDENTITY,
    figures=FIGURES,
    group="indicators",
    reads=("indicator_catalog",),
    requires=("indicator_catalog",),
    column_sources=COLUMN_SOURCES,
    sheet_required=True,
    keep_identity_only=False,
    speaks_for_workbook=True,
    docs_where={"year": "yearly workbook, required", "term": "term workbook, required"},
    docs_note=(
        "Term-target kinds: **Tăng bình quân hằng năm** (average annual rate, e.g. growth 12,5%/năm), "
        "**Mức đạt đến cuối nhiệm kỳ** (level to reach by the last year, e.g. income 65 triệu đồng), "
        "**Tổng cả nhiệm kỳ** (cumulative over the term, e.g. trên 370 đảng viên), "
        "**Ngưỡng hằng năm** (a threshold every year, e.g. 80% trở lên)."
    ),
    page="overview",
    report_section="indicators",
    example=(
        {
            "indicator_code": "poverty_rate",
            "unit": "%",
            "target_text": "dưới 1,5%",
            "actual": "1,09",
            "actual_status": "Ước thực hiện",
        },
        {
            "indicator_code": "party_members_admitted",
            "unit": "đảng viên",
            "target_text": "trên 74",
            "actual": 75,
            "actual_status": "Chính thức",
        },
    ),
)
