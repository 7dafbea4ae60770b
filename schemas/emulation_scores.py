"""Scores the emulation council gives units for the criteria it scores itself."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from schemas.base import SourceColumns, row_check


class EmulationScores(SourceColumns):
    """One row per locality, bloc, year, criterion and unit scored. Read from ``thi-dua.xlsx``."""

    locality_code: pl.Utf8 = pa.Field(description="Locality whose council scores (the file's folder).")
    bloc_code: pl.Utf8 = pa.Field(nullable=True, description="Bloc of the criterion; null: the locality's own sheet.")
    year: pl.Int64 = pa.Field(description="Year scored.")
    criterion_no: pl.Int64 = pa.Field(description="Number of the criterion in the scoring sheet.")
    unit_code: pl.Utf8 = pa.Field(description="Unit scored, a code of don-vi.xlsx.")
    unit_name: pl.Utf8 = pa.Field(nullable=True, description="Unit's name as written.")
    score: pl.Float64 = pa.Field(
        ge=0, description="Points given (more than the criterion's points counts as its points)."
    )
    note: pl.Utf8 = pa.Field(nullable=True, description="Clerk's note.")

    @pa.dataframe_check(error="parse_score_year")
    def _year_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, pl.col("year").is_not_null(), ["year_raw"])

    @pa.dataframe_check(error="parse_criterion_no")
    def _no_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(
            data, pl.col("criterion_no").is_not_null() & (pl.col("criterion_no") >= 1), ["criterion_no_raw"]
        )

    @pa.dataframe_check(error="parse_score")
    def _score_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, pl.col("score").is_not_null() & (pl.col("score") >= 0), ["score_raw"])

    @pa.dataframe_check(error="known_unit_code")
    def _unit_known(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, pl.col("unit_known"), ["unit_known"])

    class Config:
        unique = ["locality_code", "bloc_code", "year", "criterion_no", "unit_code"]
        strict = False
