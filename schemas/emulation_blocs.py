"""Emulation clusters and blocs (cụm, khối thi đua): which units compete with which, in which years."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from schemas.base import SLUG_PATTERN, SourceColumns, parsed_if_present, row_check
from schemas.vocab import BLOC_KIND


class EmulationBlocs(SourceColumns):
    """One row per locality, cluster or bloc, member unit and span of years. Read from ``thi-dua.xlsx``.

    The Emulation and Awards Council of a locality groups the units under it (communes, wards,
    offices) into clusters and blocs that are ranked against each other; the grouping is data, and
    it changes (after 1 July 2025 the province's communes are grouped anew): ``from_year`` and
    ``to_year`` say when a membership applies (either may be open).
    """

    locality_code: pl.Utf8 = pa.Field(description="Locality whose council defines the bloc (the file's folder).")
    bloc_code: pl.Utf8 = pa.Field(description="Code of the cluster or bloc (e.g. 'cum-1', 'khoi-co-quan').")
    bloc_name: pl.Utf8 = pa.Field(nullable=True, description="Name as the council writes it ('Cụm thi đua số 1').")
    bloc_kind: pl.Utf8 = pa.Field(nullable=True, isin=BLOC_KIND.codes, description="cluster (cụm) or bloc (khối).")
    unit_code: pl.Utf8 = pa.Field(description="Member unit, a code of don-vi.xlsx.")
    unit_name: pl.Utf8 = pa.Field(nullable=True, description="Member's name as written (the units list names it).")
    from_year: pl.Int64 = pa.Field(nullable=True, description="First year the membership applies; null: every year.")
    to_year: pl.Int64 = pa.Field(nullable=True, description="Last year the membership applies; null: still in force.")
    note: pl.Utf8 = pa.Field(nullable=True, description="Clerk's note.")

    @pa.dataframe_check(error="bloc_code_format")
    def _bloc_code(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, pl.col("bloc_code").str.contains(SLUG_PATTERN), ["bloc_code"])

    @pa.dataframe_check(error="parse_bloc_kind")
    def _kind_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, parsed_if_present("bloc_kind_raw", "bloc_kind"), ["bloc_kind_raw"])

    @pa.dataframe_check(error="parse_from_year")
    def _from_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, parsed_if_present("from_year_raw", "from_year"), ["from_year_raw"])

    @pa.dataframe_check(error="parse_to_year")
    def _to_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, parsed_if_present("to_year_raw", "to_year"), ["to_year_raw"])

    @pa.dataframe_check(error="years_ordered")
    def _years_ordered(cls, data: pa.PolarsData) -> pl.LazyFrame:
        a, b = pl.col("from_year"), pl.col("to_year")
        return row_check(data, a.is_null() | b.is_null() | (a <= b), ["from_year", "to_year"])

    @pa.dataframe_check(error="known_unit_code")
    def _unit_known(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, pl.col("unit_known"), ["unit_known"])

    class Config:
        unique = ["locality_code", "bloc_code", "unit_code", "from_year"]
        strict = False
