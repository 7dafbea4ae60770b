"""New-rural-area (nông thôn mới) results per commune and village, at whatever grain is reported."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from schemas.base import SLUG_PATTERN, YEAR_PATTERN, SourceColumns, parsed_if_present, row_check
from schemas.vocab import (
    ACTUAL_STATUS,
    LOCALITY_LEVEL,
    NTM_CRITERIA_COUNT,
    NTM_CRITERIA_SET,
    NTM_LEVEL,
)


class NtmCriteria(SourceColumns):
    """One row per unit (or group of units), year, criteria set and criterion, as reported.

    Figures arrive at different grain and are stored as given: one criterion met or not
    (``criterion_no`` and ``criterion_met``); only a count for a commune ("xã Vinh Quang đạt 11
    tiêu chí": ``criteria_met``); a range for a group ("các xã đạt 9–14/19 tiêu chí nâng cao":
    ``group_label``, ``criteria_met`` and ``criteria_met_max``); or the level reached.
    """

    locality_code: pl.Utf8 = pa.Field(str_matches=SLUG_PATTERN, description="Town or city whose workbook reported it.")
    period: pl.Utf8 = pa.Field(str_matches=YEAR_PATTERN, description="Year of the figure.")
    unit_code: pl.Utf8 = pa.Field(nullable=True, description="Commune, ward or village code; empty for a group.")
    unit_name: pl.Utf8 = pa.Field(nullable=True, description="Unit name as typed (or the catalog's).")
    unit_level: pl.Utf8 = pa.Field(
        nullable=True, isin=LOCALITY_LEVEL.codes, description="xa, phuong, thon, lang … of the unit."
    )
    group_label: pl.Utf8 = pa.Field(
        nullable=True, description="For a group figure: the group as written (e.g. 'Các xã', '4 làng')."
    )
    unit_count: pl.Int64 = pa.Field(
        nullable=True, ge=1, description="How many units the group figure covers, when stated."
    )
    criteria_set: pl.Utf8 = pa.Field(
        isin=NTM_CRITERIA_SET.codes, description="ntm, ntm_nang_cao (advanced) or ntm_kieu_mau (model)."
    )
    criteria_version: pl.Utf8 = pa.Field(
        description="National set in force that year, whose numbering and names apply: 2010-2015 (QĐ 491), "
        "2016-2020 (QĐ 1980), 2021-2025 (QĐ 318), 2026-2030 (QĐ 51/2025: 10 criteria)."
    )
    criterion_no: pl.Int64 = pa.Field(
        nullable=True,
        description="Criterion number in the set in force (1–19; 1–10 from 2026), for per-criterion rows.",
    )
    criterion_met: pl.Boolean = pa.Field(nullable=True, description="Whether that criterion is met.")
    criteria_met: pl.Int64 = pa.Field(nullable=True, description="Number of criteria met (the lower bound of a range).")
    criteria_met_max: pl.Int64 = pa.Field(nullable=True, description="Upper bound when a range is reported (9–14: 14).")
    criteria_total: pl.Int64 = pa.Field(
        description="Number of criteria in the set (19 for communes until 2025, 10 from 2026)."
    )
    level_reached: pl.Utf8 = pa.Field(
        nullable=True, isin=NTM_LEVEL.codes, description="Level recognised: chua_dat, ntm, ntm_nang_cao, ntm_kieu_mau."
    )
    actual_status: pl.Utf8 = pa.Field(isin=ACTUAL_STATUS.codes, description="estimate or official.")
    note: pl.Utf8 = pa.Field(nullable=True, description="Clerk's note.")
    loaded_at: pl.Datetime = pa.Field(description="When the row was loaded (UTC).")
    run_id: pl.Utf8 = pa.Field(description="Dagster run that loaded it.")

    @pa.dataframe_check(error="parse_criterion_no")
    def _no_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, parsed_if_present("criterion_no_raw", "criterion_no"), ["criterion_no_raw"])

    @pa.dataframe_check(error="parse_criterion_met")
    def _met_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, parsed_if_present("criterion_met_raw", "criterion_met"), ["criterion_met_raw"])

    @pa.dataframe_check(error="parse_criteria_met")
    def _count_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, parsed_if_present("criteria_met_raw", "criteria_met"), ["criteria_met_raw"])

    @pa.dataframe_check(error="parse_criteria_total")
    def _total_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, parsed_if_present("criteria_total_raw", "criteria_total"), ["criteria_total_raw"])

    @pa.dataframe_check(error="parse_unit_count")
    def _unit_count_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, parsed_if_present("unit_count_raw", "unit_count"), ["unit_count_raw"])

    @pa.dataframe_check(error="parse_level_reached")
    def _level_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, parsed_if_present("level_reached_raw", "level_reached"), ["level_reached_raw"])

    @pa.dataframe_check(error="parse_criteria_set")
    def _set_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, parsed_if_present("criteria_set_raw", "criteria_set"), ["criteria_set_raw"])

    @pa.dataframe_check(error="parse_actual_status")
    def _status_parsed(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, parsed_if_present("actual_status_raw", "actual_status"), ["actual_status_raw"])

    @pa.dataframe_check(error="criterion_no_range")
    def _no_range(cls, data: pa.PolarsData) -> pl.LazyFrame:
        no = pl.col("criterion_no")
        top = pl.coalesce(pl.col("version_count"), pl.lit(NTM_CRITERIA_COUNT))
        return row_check(data, no.is_null() | no.is_between(1, top), ["criterion_no", "version_count"])

    @pa.dataframe_check(error="criteria_total_range")
    def _total_range(cls, data: pa.PolarsData) -> pl.LazyFrame:
        total = pl.col("criteria_total")
        return row_check(data, total.is_null() | total.is_between(1, NTM_CRITERIA_COUNT), ["criteria_total"])

    @pa.dataframe_check(error="criteria_met_range")
    def _met_range(cls, data: pa.PolarsData) -> pl.LazyFrame:
        met, total = pl.col("criteria_met"), pl.col("criteria_total")
        expr = met.is_null() | ((met >= 0) & (met <= pl.coalesce(total, pl.lit(NTM_CRITERIA_COUNT))))
        return row_check(data, expr, ["criteria_met", "criteria_total"])

    @pa.dataframe_check(error="criteria_met_max_range")
    def _max_range(cls, data: pa.PolarsData) -> pl.LazyFrame:
        mx, met, total = pl.col("criteria_met_max"), pl.col("criteria_met"), pl.col("criteria_total")
        expr = mx.is_null() | ((mx >= met) & (mx <= pl.coalesce(total, pl.lit(NTM_CRITERIA_COUNT))))
        return row_check(data, expr, ["criteria_met_max", "criteria_met", "criteria_total"])

    @pa.dataframe_check(error="criterion_needs_met")
    def _needs_met(cls, data: pa.PolarsData) -> pl.LazyFrame:
        expr = (
            pl.col("criterion_no").is_null()
            | pl.col("criterion_met").is_not_null()
            | pl.col("criterion_met_raw").is_not_null()
        )
        return row_check(data, expr, ["criterion_no", "criterion_met", "criterion_met_raw"])

    @pa.dataframe_check(error="ntm_has_figure")
    def _has_figure(cls, data: pa.PolarsData) -> pl.LazyFrame:
        raws = ["criterion_met_raw", "criteria_met_raw", "level_reached_raw"]
        return row_check(data, pl.any_horizontal([pl.col(c).is_not_null() for c in raws]), raws)

    @pa.dataframe_check(error="ntm_unit_or_group")
    def _unit_or_group(cls, data: pa.PolarsData) -> pl.LazyFrame:
        expr = pl.col("unit_code").is_not_null() | pl.col("group_label").is_not_null()
        return row_check(data, expr, ["unit_code", "group_label"])

    @pa.dataframe_check(error="known_unit_code")
    def _unit_known(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return row_check(data, pl.col("unit_code").is_null() | pl.col("unit_known"), ["unit_known"])

    @pa.dataframe_check(error="unique_ntm_row")
    def _unique(cls, data: pa.PolarsData) -> pl.LazyFrame:
        key = ["locality_code", "period", "unit_code", "group_label", "criteria_set", "criterion_no"]
        return row_check(data, ~pl.struct(key).is_duplicated(), key)

    class Config:
        strict = False
