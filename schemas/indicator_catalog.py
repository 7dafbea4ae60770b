"""The indicator catalog: what each indicator code means and how to judge it."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from schemas.base import CODE_PATTERN, SourceColumns, parsed_if_present, row_check
from schemas.vocab import AGGREGATION, DIRECTION, FAMILY


class IndicatorCatalog(SourceColumns):
    """One row per indicator code. Read from ``danh-muc-chi-tieu.xlsx``, shared by every locality."""

    indicator_code: pl.Utf8 = pa.Field(
        str_matches=CODE_PATTERN, description="Stable code, lowercase ASCII with underscores (e.g. 'poverty_rate')."
    )
    name_vi: pl.Utf8 = pa.Field(description="Vietnamese name as resolutions write it.")
    name_en: pl.Utf8 = pa.Field(nullable=True, description="English name, for the English view.")
    unit: pl.Utf8 = pa.Field(description="Unit of measure in Vietnamese (e.g. 'tỷ đồng', '%', 'đảng viên').")
    unit_aliases: pl.Utf8 = pa.Field(
        nullable=True, description="Other spellings of the same unit accepted in workbooks, separated by ';'."
    )
    family: pl.Utf8 = pa.Field(isin=FAMILY.codes, description="Indicator family: " + ", ".join(FAMILY.codes) + ".")
    direction: pl.Utf8 = pa.Field(
        isin=DIRECTION.codes, description="Which way is good: higher_is_better, lower_is_better or neutral."
    )
    aggregation: pl.Utf8 = pa.Field(
        isin=AGGREGATION.codes,
        description="flow (adds up over a year or term, e.g. admissions), stock (level at a date) or rate.",
    )
    decimals: pl.Int64 = pa.Field(ge=0, le=4, description="Decimal places shown in tables and charts.")
    min_value: pl.Float64 = pa.Field(nullable=True, description="Smallest valid value (rates: 0).")
    max_value: pl.Float64 = pa.Field(nullable=True, description="Largest valid value (shares in %: 100).")
    description: pl.Utf8 = pa.Field(nullable=True, description="How the indicator is defined or measured.")
    additive: pl.Boolean = pa.Field(
        nullable=True,
        description="Whether a locality's figure is the sum of its units' (population, output, members): as the "
        "catalog says, else true for flows and stocks and false for rates. Null in catalogs of earlier releases.",
    )
    part_of: pl.Utf8 = pa.Field(
        nullable=True,
        description="Code of the whole this indicator is a part of ('Thuộc tổng'): shares in % add up to 100, "
        "other parts to the whole's figure.",
    )
    growth_of: pl.Utf8 = pa.Field(
        nullable=True,
        description="Code of the level this indicator is the growth rate of ('Tăng trưởng của'), in % a year.",
    )
    numerator_of: pl.Utf8 = pa.Field(
        nullable=True,
        description="For a rate in % or ‰: code of the count it is the share of ('Tử số (mã)', the 53 of 53/90).",
    )
    denominator_of: pl.Utf8 = pa.Field(
        nullable=True,
        description="For a rate in % or ‰: code of the total it is a share of ('Mẫu số (mã)', the 90 of 53/90).",
    )

    @pa.dataframe_check(error="parse_direction")
    def _direction_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, parsed_if_present("direction_raw", "direction"), ["direction_raw"])

    @pa.dataframe_check(error="parse_family")
    def _family_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, parsed_if_present("family_raw", "family"), ["family_raw"])

    @pa.dataframe_check(error="parse_aggregation")
    def _aggregation_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, parsed_if_present("aggregation_raw", "aggregation"), ["aggregation_raw"])

    @pa.dataframe_check(error="parse_decimals")
    def _decimals_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, parsed_if_present("decimals_raw", "decimals"), ["decimals_raw"])

    @pa.dataframe_check(error="parse_min_value")
    def _min_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, parsed_if_present("min_value_raw", "min_value"), ["min_value_raw"])

    @pa.dataframe_check(error="parse_max_value")
    def _max_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, parsed_if_present("max_value_raw", "max_value"), ["max_value_raw"])

    @pa.dataframe_check(error="parse_additive")
    def _additive_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, parsed_if_present("additive_raw", "additive"), ["additive_raw"])

    @pa.dataframe_check(error="catalog_range_ordered")
    def _range_ordered(cls, data: pa.PolarsData) -> pl.LazyFrame:
        expr = (
            pl.col("min_value").is_null() | pl.col("max_value").is_null() | (pl.col("min_value") <= pl.col("max_value"))
        )
        return row_check(data, expr, ["min_value", "max_value"])

    class Config:
        unique = ["indicator_code"]
        strict = False
