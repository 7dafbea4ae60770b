"""Administrative units: province, town or city, communes and wards, villages."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from schemas.base import SLUG_PATTERN, SourceColumns, parsed_if_present, row_check
from schemas.vocab import LOCALITY_LEVEL


class Localities(SourceColumns):
    """One row per administrative unit and validity span. Read from each locality's ``don-vi.xlsx``.

    Units merge and split (An Khê went from 90 villages to 60 in 2018): ``valid_from`` and
    ``valid_to`` say when a unit existed; either may be unknown.
    """

    locality_code: pl.Utf8 = pa.Field(
        str_matches=SLUG_PATTERN, description="Lowercase ASCII slug (e.g. 'an-khe', 'an-khe-song-an')."
    )
    name_vi: pl.Utf8 = pa.Field(description="Official Vietnamese name (e.g. 'Thị xã An Khê', 'Xã Song An').")
    level: pl.Utf8 = pa.Field(
        isin=LOCALITY_LEVEL.codes, description="Administrative level: " + ", ".join(LOCALITY_LEVEL.codes) + "."
    )
    parent_code: pl.Utf8 = pa.Field(
        nullable=True, description="Code of the unit above (a commune's town, a village's commune)."
    )
    valid_from: pl.Date = pa.Field(nullable=True, description="First day the unit existed in this form, if known.")
    valid_to: pl.Date = pa.Field(
        nullable=True, description="Last day the unit existed in this form (merged or dissolved), if known."
    )
    note: pl.Utf8 = pa.Field(nullable=True, description="Free-text note (what it merged into, source of the dates).")

    @pa.dataframe_check(error="parse_locality_level")
    def _level_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, parsed_if_present("level_raw", "level"), ["level_raw"])

    @pa.dataframe_check(error="parse_valid_from")
    def _from_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, parsed_if_present("valid_from_raw", "valid_from"), ["valid_from_raw"])

    @pa.dataframe_check(error="parse_valid_to")
    def _to_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, parsed_if_present("valid_to_raw", "valid_to"), ["valid_to_raw"])

    @pa.dataframe_check(error="validity_ordered")
    def _validity_ordered(cls, data: pa.PolarsData) -> pl.LazyFrame:
        expr = (
            pl.col("valid_from").is_null() | pl.col("valid_to").is_null() | (pl.col("valid_from") <= pl.col("valid_to"))
        )
        return row_check(data, expr, ["valid_from", "valid_to"])

    @pa.dataframe_check(error="known_parent_code")
    def _parent_known(cls, data: pa.PolarsData) -> pl.LazyFrame:
        expr = pl.col("parent_code").is_null() | pl.col("parent_known")
        return row_check(data, expr, ["parent_known"])

    @pa.dataframe_check(error="parent_cycle")
    def _no_parent_cycle(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, ~pl.col("parent_cycle"), ["parent_cycle"])

    class Config:
        unique = ["locality_code", "valid_from"]
        strict = False
