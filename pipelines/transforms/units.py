"""Units under a locality, year by year, and the sum of their figures against the locality's own. Pure Polars.

The hierarchy changes (districts abolished on 1 July 2025, communes merged): which units are under a
locality in a year is read from the units' validity dates. For year Y, a unit's span in that year is
the last one that overlaps it (a unit that moved on 1 July is under its new parent for the year);
the units a locality is compared with are those under it on its reference day, 31 December of Y or
its own last day when it ended during Y (a district abolished mid-2025 is compared with the
communes it had on 30 June 2025).

For indicators that add up across units (the catalog's ``additive``), the sum of the units' figures
is set beside the figure the locality reported. With every unit's figure, a difference beyond
rounding (half a unit of the last decimal shown, per figure added; whole counts add up exactly) is a
warning; with some units
missing, a sum already above the locality's figure is one too (for figures that cannot be negative),
and otherwise the sum is only partial.
"""

from __future__ import annotations

import json
from datetime import date

import polars as pl

from schemas import MartUnitSums
from schemas.base import polars_schema

FAR_PAST = date(1900, 1, 1)
FAR_FUTURE = date(2999, 12, 31)


def spans(localities: pl.DataFrame) -> pl.DataFrame:
    """One row per unit span with open dates closed: locality_code, parent_code, name_vi, level, start, end."""
    return localities.select(
        "locality_code",
        "parent_code",
        "name_vi",
        "level",
        pl.col("valid_from").fill_null(FAR_PAST).alias("start"),
        pl.col("valid_to").fill_null(FAR_FUTURE).alias("end"),
    )


def units_in_years(localities: pl.DataFrame, years: list[int]) -> pl.DataFrame:
    """Each unit's span in each year: locality_code, year, parent_code, name_vi, level, start, end, ref.

    A unit with several spans in a year keeps the last one; ``ref`` is the unit's reference day in
    the year (31 December, or its last day when it ended during the year)."""
    if not years or localities.height == 0:
        return pl.DataFrame(
            schema={
                "locality_code": pl.Utf8,
                "year": pl.Int64,
                "parent_code": pl.Utf8,
                "name_vi": pl.Utf8,
                "level": pl.Utf8,
                "start": pl.Date,
                "end": pl.Date,
                "ref": pl.Date,
            }
        )
    frame = spans(localities).join(pl.DataFrame({"year": years}, schema={"year": pl.Int64}), how="cross")
    first = pl.date(pl.col("year"), 1, 1)
    last = pl.date(pl.col("year"), 12, 31)
    return (
        frame.filter((pl.col("start") <= last) & (pl.col("end") >= first))
        .sort("start")
        .unique(subset=["locality_code", "year"], keep="last", maintain_order=True)
        .with_columns(pl.min_horizontal(pl.col("end"), last).alias("ref"))
    )


def children(localities: pl.DataFrame, years: list[int]) -> pl.DataFrame:
    """The units under each locality in each year: parent_code, year, locality_code, name_vi, level.

    A unit is under P in year Y when its span of that year names P and covers P's reference day."""
    spans_y = units_in_years(localities, years)
    parents = spans_y.select(pl.col("locality_code").alias("parent_code"), "year", pl.col("ref").alias("parent_ref"))
    kids = spans_y.filter(pl.col("parent_code").is_not_null()).join(parents, on=["parent_code", "year"], how="left")
    # A parent that is not itself a unit of any list (a typo is reported on load): its year-end.
    ref = pl.coalesce("parent_ref", pl.date(pl.col("year"), 12, 31))
    return kids.filter((pl.col("start") <= ref) & (pl.col("end") >= ref)).select(
        "parent_code", "year", "locality_code", "name_vi", "level"
    )


def unit_sums(mart: pl.DataFrame, localities: pl.DataFrame, catalog: pl.DataFrame) -> pl.DataFrame:
    """``mart_unit_sums``: one row per locality, additive indicator and year that any unit under it has a figure for.

    ``mart``: yearly rows of ``mart_target_vs_actual`` (locality_code, indicator_code, period, actual,
    and actual_decimals when present) of the localities concerned and their units."""
    schema = polars_schema(MartUnitSums)
    if mart.height == 0 or localities.height == 0:
        return pl.DataFrame(schema=schema)
    additive = catalog.filter(
        pl.col("additive") if "additive" in catalog.columns else pl.col("aggregation").is_in(["flow", "stock"])
    ).select("indicator_code", "decimals", pl.col("unit"))
    written = mart.get_column("actual_decimals") if "actual_decimals" in mart.columns else None
    figures = (
        mart.with_columns(
            pl.col("period").cast(pl.Int64, strict=False).alias("year"),
            (written if written is not None else pl.lit(None, dtype=pl.Int64)).alias("actual_decimals"),
        )
        .filter(pl.col("year").is_not_null())
        .join(additive, on="indicator_code", how="inner")
        .select("locality_code", "indicator_code", "year", "actual", "actual_decimals", "decimals", "unit")
    )
    if figures.height == 0:
        return pl.DataFrame(schema=schema)
    years = sorted(figures.get_column("year").unique().to_list())
    under = children(localities, years)
    child_figures = under.join(
        figures.filter(pl.col("actual").is_not_null()), on=["locality_code", "year"], how="inner"
    )
    if child_figures.height == 0:
        return pl.DataFrame(schema=schema)
    expected = under.group_by("parent_code", "year").agg(
        pl.len().alias("units_expected"), pl.col("locality_code").alias("_all"), pl.col("name_vi").alias("_names")
    )
    sums = child_figures.group_by("parent_code", "indicator_code", "year").agg(
        pl.col("actual").sum().alias("units_sum"),
        pl.len().alias("units_reporting"),
        pl.col("actual").min().alias("_min"),
        pl.col("actual_decimals").max().alias("_child_decimals"),
        pl.col("decimals").first().alias("decimals"),
        pl.col("unit").first().alias("unit"),
        pl.col("locality_code").alias("_codes"),
        pl.col("name_vi").alias("_reporting_names"),
        pl.col("actual").alias("_values"),
    )
    own = figures.select(
        pl.col("locality_code").alias("parent_code"),
        "indicator_code",
        "year",
        pl.col("actual").alias("reported"),
        pl.col("actual_decimals").alias("_own_decimals"),
    )
    f = (
        sums.join(expected, on=["parent_code", "year"], how="left")
        .join(own, on=["parent_code", "indicator_code", "year"], how="left")
        .with_columns(
            pl.max_horizontal(
                pl.col("decimals"), pl.col("_own_decimals").fill_null(0), pl.col("_child_decimals").fill_null(0)
            ).alias("shown_decimals")
        )
        .with_columns(
            (pl.col("units_sum") - pl.col("reported")).alias("difference"),
            # Whole counts add up exactly: any difference of one is one.
            pl.when(pl.col("shown_decimals") == 0)
            .then(pl.lit(0.5))
            .otherwise(0.5 * pl.lit(10.0).pow(-pl.col("shown_decimals")) * (pl.col("units_reporting") + 1))
            .alias("tolerance"),
            (pl.col("units_reporting") >= pl.col("units_expected")).alias("complete"),
        )
    )
    beyond = pl.col("difference").abs() > pl.col("tolerance") + 1e-9
    status = (
        pl.when(pl.col("reported").is_null())
        .then(pl.lit("not_reported"))
        .when(pl.col("complete"))
        .then(pl.when(beyond).then(pl.lit("differs")).otherwise(pl.lit("consistent")))
        .when((pl.col("_min") >= 0) & (pl.col("difference") > pl.col("tolerance") + 1e-9))
        .then(pl.lit("partial_exceeds"))
        .otherwise(pl.lit("incomplete"))
    )
    f = f.with_columns(status.alias("status"))
    details, missing = [], []
    for codes, names, values, every, every_names in f.select(
        "_codes", "_reporting_names", "_values", "_all", "_names"
    ).iter_rows():
        details.append(
            json.dumps(
                [{"code": c, "name": n, "value": v} for c, n, v in zip(codes, names, values, strict=True)],
                ensure_ascii=False,
            )
        )
        have = set(codes)
        missing.append(
            json.dumps(
                [{"code": c, "name": n} for c, n in zip(every or [], every_names or [], strict=True) if c not in have],
                ensure_ascii=False,
            )
        )
    f = f.with_columns(
        pl.Series("units_detail", details, dtype=pl.Utf8),
        pl.Series("units_missing", missing, dtype=pl.Utf8),
        pl.col("parent_code").alias("locality_code"),
        pl.col("year").cast(pl.Utf8).alias("period"),
        pl.col("units_expected").fill_null(pl.col("units_reporting")),
    )
    return f.select([pl.col(c).cast(t) for c, t in schema.items()]).sort("locality_code", "period", "indicator_code")
