"""Grassroots party organisations by block, type and year-end rating."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from schemas.base import SLUG_PATTERN, YEAR_PATTERN, SourceColumns, parsed_if_present, row_check
from schemas.vocab import ACTUAL_STATUS, PARTY_ORG_TYPE, PARTY_RATING


class PartyOrganisations(SourceColumns):
    """One row per locality, year, block, organisation type and rating (rating empty: all ratings).

    Admissions, total members and their targets are indicators (family ``party``) in the
    'Chỉ tiêu' sheet; this table holds the organisations behind them.
    """

    locality_code: pl.Utf8 = pa.Field(
        str_matches=SLUG_PATTERN, description="Town or city whose party committee reported it."
    )
    period: pl.Utf8 = pa.Field(str_matches=YEAR_PATTERN, description="Year of the figure.")
    block: pl.Utf8 = pa.Field(
        nullable=True,
        description="Block (khối) as written, e.g. 'Xã, phường', 'Lực lượng vũ trang'; empty for the total.",
    )
    org_type: pl.Utf8 = pa.Field(
        isin=PARTY_ORG_TYPE.codes,
        description="dang_bo_co_so, chi_bo_co_so, chi_bo_truc_thuoc or to_chuc_co_so_dang (all).",
    )
    rating: pl.Utf8 = pa.Field(
        nullable=True,
        isin=PARTY_RATING.codes,
        description="Year-end rating on today's scale (an earlier era's word mapped to its comparable level); "
        "empty when the row counts all ratings.",
    )
    rating_text: pl.Utf8 = pa.Field(
        nullable=True, description="The rating as written ('Trong sạch, vững mạnh', 'Khá'): what pages show."
    )
    org_count: pl.Int64 = pa.Field(nullable=True, description="Number of organisations.")
    member_count: pl.Int64 = pa.Field(nullable=True, description="Number of party members in them.")
    actual_status: pl.Utf8 = pa.Field(isin=ACTUAL_STATUS.codes, description="estimate or official.")
    note: pl.Utf8 = pa.Field(nullable=True, description="Clerk's note.")
    loaded_at: pl.Datetime = pa.Field(description="When the row was loaded (UTC).")
    run_id: pl.Utf8 = pa.Field(description="Dagster run that loaded it.")

    @pa.dataframe_check(error="parse_org_type")
    def _type_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, parsed_if_present("org_type_raw", "org_type"), ["org_type_raw"])

    @pa.dataframe_check(error="parse_rating")
    def _rating_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, parsed_if_present("rating_raw", "rating"), ["rating_raw"])

    @pa.dataframe_check(error="parse_org_count")
    def _orgs_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, parsed_if_present("org_count_raw", "org_count"), ["org_count_raw"])

    @pa.dataframe_check(error="parse_member_count")
    def _members_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, parsed_if_present("member_count_raw", "member_count"), ["member_count_raw"])

    @pa.dataframe_check(error="parse_actual_status")
    def _status_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, parsed_if_present("actual_status_raw", "actual_status"), ["actual_status_raw"])

    @pa.dataframe_check(error="nonnegative_org_count")
    def _orgs_nonneg(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, pl.col("org_count").is_null() | (pl.col("org_count") >= 0), ["org_count"])

    @pa.dataframe_check(error="nonnegative_member_count")
    def _members_nonneg(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, pl.col("member_count").is_null() | (pl.col("member_count") >= 0), ["member_count"])

    @pa.dataframe_check(error="party_has_figure")
    def _has_figure(cls, data: pa.PolarsData) -> pl.LazyFrame:
        raws = ["org_count_raw", "member_count_raw"]
        return row_check(data, pl.any_horizontal([pl.col(c).is_not_null() for c in raws]), raws)

    @pa.dataframe_check(error="unique_party_row")
    def _unique(cls, data: pa.PolarsData) -> pl.LazyFrame:
        key = ["locality_code", "period", "block", "org_type", "rating_text"]
        return row_check(data, ~pl.struct(key).is_duplicated(), key)

    class Config:
        strict = False
