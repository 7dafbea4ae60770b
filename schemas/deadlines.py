"""Reporting deadlines the level above sets for the units under it (sheet 'Hạn nộp')."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from schemas.base import SLUG_PATTERN, YEAR_PATTERN, SourceColumns, parsed_if_present, row_check
from schemas.vocab import DEADLINE_KIND


class Deadlines(SourceColumns):
    """One row per unit setting the deadline, year, kind of report and unit it applies to.

    The yearly emulation plan of a town or province says by when its communes, wards and offices
    report: registration by 20/3, the half-year figures by 30/6, the year's figures in December. The
    tracking page compares each unit's submissions with the deadline of the unit above it.
    """

    locality_code: pl.Utf8 = pa.Field(
        str_matches=SLUG_PATTERN, description="The unit that set the deadline (the level above)."
    )
    period: pl.Utf8 = pa.Field(str_matches=YEAR_PATTERN, description="Year the report is for.")
    item: pl.Utf8 = pa.Field(description="What is due, as written ('Số liệu ước thực hiện cả năm').")
    kind: pl.Utf8 = pa.Field(
        isin=DEADLINE_KIND.codes,
        description="year (the year's figures), half_year, registration or other; read from 'Nội dung' when "
        "the 'Loại' cell is empty.",
    )
    due: pl.Date = pa.Field(description="The last day to report.")
    applies_to: pl.Utf8 = pa.Field(
        nullable=True, description="The one unit it applies to (its code); empty: every unit under the setter."
    )
    note: pl.Utf8 = pa.Field(nullable=True, description="Clerk's note.")
    loaded_at: pl.Datetime = pa.Field(description="When the row was loaded (UTC).")
    run_id: pl.Utf8 = pa.Field(description="Dagster run that loaded it.")

    @pa.dataframe_check(error="parse_deadline_due")
    def _due_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, parsed_if_present("due_raw", "due"), ["due_raw"])

    @pa.dataframe_check(error="parse_deadline_kind")
    def _kind_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, parsed_if_present("kind_raw", "kind"), ["kind_raw"])

    class Config:
        strict = False
