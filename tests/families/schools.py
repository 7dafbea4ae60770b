"""A made-up sheet family for the tests: schools per level ('Giáo dục' sheet of a yearly workbook).

It is what a new family costs: this one module (sheet layout, model, transform, descriptor) and one
registry line (``{**FAMILIES, SHEET_FAMILY.name: SHEET_FAMILY}`` in the tests; in the project, a line
in ``pipelines/families/__init__.py``).
"""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from pipelines.families.base import Lookups, SheetFamily, Table, no_warnings
from pipelines.parsing.text import clean_text, vn_number, whole_number
from schemas.base import SLUG_PATTERN, YEAR_PATTERN, SourceColumns, parsed_if_present, row_check
from schemas.messages import Message
from schemas.workbook_format import SOURCE_COLUMNS, Column, SheetSpec

SCHOOLS_SHEET = SheetSpec(
    key="schools",
    name="Giáo dục",
    aliases=("giao duc", "trường học"),
    anchor="level",
    title_vi="TRƯỜNG HỌC NĂM {period}",
    purpose_vi="Số trường theo cấp học và số trường đạt chuẩn quốc gia.",
    columns=(
        Column("level", "Cấp học", ("cấp",), required=True, width=20),
        Column("schools", "Số trường", ("số lượng",), numeric=True, width=10),
        Column("standard", "Đạt chuẩn quốc gia", ("đạt chuẩn",), numeric=True, width=10),
        *SOURCE_COLUMNS,
    ),
)


class Schools(SourceColumns):
    """One row per locality, year and school level."""

    locality_code: pl.Utf8 = pa.Field(str_matches=SLUG_PATTERN, description="Locality whose workbook reported it.")
    period: pl.Utf8 = pa.Field(str_matches=YEAR_PATTERN, description="Year of the figure.")
    level: pl.Utf8 = pa.Field(description="School level as written (Mầm non, Tiểu học …).")
    schools: pl.Int64 = pa.Field(nullable=True, ge=0, description="Number of schools.")
    standard: pl.Int64 = pa.Field(nullable=True, ge=0, description="Schools meeting the national standard.")
    note: pl.Utf8 = pa.Field(nullable=True, description="Clerk's note.")
    loaded_at: pl.Datetime = pa.Field(description="When the row was loaded (UTC).")
    run_id: pl.Utf8 = pa.Field(description="Dagster run that loaded it.")

    @pa.dataframe_check(error="parse_schools")
    def _schools_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, parsed_if_present("schools_raw", "schools"), ["schools_raw"])

    @pa.dataframe_check(error="standard_within_schools")
    def _standard_within(cls, data: pa.PolarsData) -> pl.LazyFrame:
        s, n = pl.col("standard"), pl.col("schools")
        return row_check(data, s.is_null() | n.is_null() | (s <= n), ["standard", "schools"])

    class Config:
        strict = False


def parse(rows: pl.DataFrame, lookups: Lookups) -> tuple[pl.DataFrame, pl.DataFrame]:
    return rows.with_columns(
        clean_text(pl.col("level")).alias("level"),
        pl.col("schools").alias("schools_raw"),
        whole_number(vn_number(pl.col("schools"), pl.col("schools__text"))).alias("schools"),
        whole_number(vn_number(pl.col("standard"), pl.col("standard__text"))).alias("standard"),
        clean_text(pl.col("note")).alias("note"),
    ), no_warnings()


SHEET_FAMILY = SheetFamily(
    name="schools",
    sheets={"year": SCHOOLS_SHEET},
    model=Schools,
    parse=parse,
    tables=(Table("schools", Schools, ("locality_code", "period", "level"), "Schools per level and year."),),
    key=("locality_code", "period", "level"),
    identity=("level",),
    figures=("schools", "standard"),
    group="education",
    messages={
        "parse_schools": Message("schools", "Số trường không phải là số.", "The number of schools is not a number."),
        "standard_within_schools": Message(
            "standard", "Số trường đạt chuẩn lớn hơn số trường.", "More schools meet the standard than there are."
        ),
    },
    docs_where={"year": "yearly workbook, optional"},
    not_shown_because="A test family: no page.",
    example=(
        {"level": "Tiểu học", "schools": 12, "standard": 9},
        {"level": "Trung học cơ sở", "schools": "6", "standard": 4},
    ),
)
