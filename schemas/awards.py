"""Emulation titles and commendations (thi đua, khen thưởng)."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from schemas.base import PERIOD_PATTERN, SLUG_PATTERN, SourceColumns, parsed_if_present, row_check
from schemas.vocab import AWARD_LEVEL, PERIOD_KIND, RECIPIENT_KIND


class Awards(SourceColumns):
    """One row per locality, period, award title, level, recipient kind and decision.

    A term report gives totals for the term ('2015-2020') and, in footnotes, the decisions that
    make them up: those detail rows carry ``part_of_summary`` so totals are never counted twice.
    """

    locality_code: pl.Utf8 = pa.Field(str_matches=SLUG_PATTERN, description="Town or city that reported it.")
    period: pl.Utf8 = pa.Field(
        str_matches=PERIOD_PATTERN, description="Year ('2019') or span ('2016-2019', '2015-2020')."
    )
    period_kind: pl.Utf8 = pa.Field(isin=PERIOD_KIND.codes, description="year, or term for a span of years.")
    file_period: pl.Utf8 = pa.Field(
        str_matches=PERIOD_PATTERN, description="Year or term of the workbook it was typed in."
    )
    award_title: pl.Utf8 = pa.Field(description="Title or form as written (e.g. 'Cờ thi đua của Chính phủ').")
    level: pl.Utf8 = pa.Field(
        isin=AWARD_LEVEL.codes,
        description="Awarding level: state, government, ministry, province, district or commune "
        "('cấp thành phố': province for a centrally-run city, district for a city of a province).",
    )
    level_text: pl.Utf8 = pa.Field(nullable=True, description="The level as written ('cấp thành phố', 'Bộ Công an').")
    recipient_kind: pl.Utf8 = pa.Field(
        isin=RECIPIENT_KIND.codes,
        description="collective (tập thể), individual (cá nhân) or mixed (a total of collectives and individuals).",
    )
    award_count: pl.Int64 = pa.Field(description="Number of recipients.")
    decision_ref: pl.Utf8 = pa.Field(nullable=True, description="Decision number and date, when given.")
    movement: pl.Utf8 = pa.Field(nullable=True, description="Emulation movement the award belongs to, when given.")
    part_of_summary: pl.Boolean = pa.Field(description="True when the row details a total given in another row.")
    note: pl.Utf8 = pa.Field(nullable=True, description="Clerk's note.")
    loaded_at: pl.Datetime = pa.Field(description="When the row was loaded (UTC).")
    run_id: pl.Utf8 = pa.Field(description="Dagster run that loaded it.")

    @pa.dataframe_check(error="parse_level")
    def _level_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, parsed_if_present("level_raw", "level"), ["level_raw"])

    @pa.dataframe_check(error="parse_recipient_kind")
    def _kind_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, parsed_if_present("recipient_kind_raw", "recipient_kind"), ["recipient_kind_raw"])

    @pa.dataframe_check(error="parse_count")
    def _count_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, parsed_if_present("award_count_raw", "award_count"), ["award_count_raw"])

    @pa.dataframe_check(error="parse_award_period")
    def _period_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, parsed_if_present("period_raw", "period"), ["period_raw"])

    @pa.dataframe_check(error="parse_part_of_summary")
    def _summary_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, parsed_if_present("part_of_summary_raw", "part_of_summary"), ["part_of_summary_raw"])

    @pa.dataframe_check(error="required_award_title")
    def _title_present(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, pl.col("award_title").is_not_null(), ["award_title"])

    @pa.dataframe_check(error="required_award_level")
    def _level_present(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, pl.col("level_raw").is_not_null(), ["level_raw"])

    @pa.dataframe_check(error="required_recipient_kind")
    def _kind_present(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, pl.col("recipient_kind_raw").is_not_null(), ["recipient_kind_raw"])

    @pa.dataframe_check(error="positive_award_count")
    def _count_positive(cls, data: pa.PolarsData) -> pl.LazyFrame:
        count, raw = pl.col("award_count"), pl.col("award_count_raw")
        # An unparseable count is reported by parse_count; a missing one fails here.
        expr = pl.when(count.is_null()).then(raw.is_not_null()).otherwise(count > 0)
        return row_check(data, expr, ["award_count", "award_count_raw"])

    @pa.dataframe_check(error="award_period_within_file")
    def _within_file(cls, data: pa.PolarsData) -> pl.LazyFrame:
        expr = pl.col("period").is_null() | (
            (pl.col("period_first_year") >= pl.col("file_first_year"))
            & (pl.col("period_last_year") <= pl.col("file_last_year"))
        )
        return row_check(data, expr, ["period_first_year", "period_last_year", "file_first_year", "file_last_year"])

    @pa.dataframe_check(error="unique_award_row")
    def _unique(cls, data: pa.PolarsData) -> pl.LazyFrame:
        key = ["locality_code", "period", "award_title", "level", "recipient_kind", "decision_ref", "part_of_summary"]
        return row_check(data, ~pl.struct(key).is_duplicated(), key)

    class Config:
        strict = False
