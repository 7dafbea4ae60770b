"""An emulation scoring sheet: the criteria a council scores units by, each with its points and method."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from schemas.base import SLUG_PATTERN, SourceColumns, parsed_if_present, row_check
from schemas.vocab import SCORING_METHOD


class EmulationCriteria(SourceColumns):
    """One row per locality, bloc, span of years and criterion. Read from ``thi-dua.xlsx``.

    A criterion is an indicator of the catalog, scored from the unit's own figures (met or not,
    proportional to its achievement, or proportional up to a cap), or a score the council gives
    (sheet 'Điểm chấm'). ``weight`` is the criterion's points (its maximum unless the method gives
    more for exceeding the target: proportional scoring is uncapped).
    """

    locality_code: pl.Utf8 = pa.Field(description="Locality whose council scores (the file's folder).")
    bloc_code: pl.Utf8 = pa.Field(
        nullable=True, description="Bloc the criterion is for; null: every unit under the locality."
    )
    first_year: pl.Int64 = pa.Field(description="First year the criterion applies.")
    last_year: pl.Int64 = pa.Field(description="Last year the criterion applies.")
    criterion_no: pl.Int64 = pa.Field(description="Number of the criterion in the sheet.")
    criterion_name: pl.Utf8 = pa.Field(
        nullable=True, description="Criterion as written (the indicator's name when empty)."
    )
    indicator_code: pl.Utf8 = pa.Field(
        nullable=True, description="Catalog indicator scored; null for a council-scored criterion."
    )
    weight: pl.Float64 = pa.Field(description="Points of the criterion.")
    method: pl.Utf8 = pa.Field(isin=SCORING_METHOD.codes, description="met, proportional, capped or manual.")
    cap_pct: pl.Float64 = pa.Field(
        nullable=True, description="For 'capped': the achievement (% of target) above which no more points are given."
    )
    note: pl.Utf8 = pa.Field(nullable=True, description="Clerk's note.")

    @pa.dataframe_check(error="bloc_code_format")
    def _bloc_code(cls, data: pa.PolarsData) -> pl.LazyFrame:
        code = pl.col("bloc_code")
        return row_check(data, code.is_null() | code.str.contains(SLUG_PATTERN), ["bloc_code"])

    @pa.dataframe_check(error="parse_scoring_year")
    def _year_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        ok = pl.col("first_year").is_not_null() & (pl.col("first_year") <= pl.col("last_year"))
        return row_check(data, ok, ["year_raw"])

    @pa.dataframe_check(error="parse_criterion_no")
    def _no_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(
            data, pl.col("criterion_no").is_not_null() & (pl.col("criterion_no") >= 1), ["criterion_no_raw"]
        )

    @pa.dataframe_check(error="parse_weight")
    def _weight_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, pl.col("weight").is_not_null() & (pl.col("weight") > 0), ["weight_raw"])

    @pa.dataframe_check(error="parse_method")
    def _method_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, parsed_if_present("method_raw", "method"), ["method_raw"])

    @pa.dataframe_check(error="parse_cap_pct")
    def _cap_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        cap = pl.col("cap_pct")
        return row_check(
            data, parsed_if_present("cap_pct_raw", "cap_pct") & (cap.is_null() | (cap >= 100)), ["cap_pct_raw"]
        )

    @pa.dataframe_check(error="scored_indicator_needed")
    def _indicator_given(cls, data: pa.PolarsData) -> pl.LazyFrame:
        expr = (pl.col("method") == "manual") | pl.col("indicator_code").is_not_null()
        return row_check(data, expr, ["method", "indicator_code"])

    @pa.dataframe_check(error="known_scored_indicator")
    def _indicator_known(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, pl.col("indicator_known"), ["indicator_known"])

    class Config:
        unique = ["locality_code", "bloc_code", "first_year", "criterion_no"]
        strict = False
