"""Indicator assets: targets and actuals from the 'Chỉ tiêu' sheet of yearly and term workbooks.

The sheet is read by the ``workbooks`` multi-asset (pipelines/assets/workbooks.py), which opens
each workbook once for every family; this module validates and writes what it read.
"""

from datetime import datetime

import dagster as dg
import duckdb
import polars as pl

from pipelines.families import INDICATORS
from pipelines.loading import LoadSummary, RawLoad, check_results, check_specs, finish_load
from pipelines.parsing.text import clean_text, parse_date, parse_target
from pipelines.transforms.indicators import (
    COLUMN_SOURCES,
    parse_indicator_rows,
    to_actuals,
    to_targets,
)
from pipelines.validation import Validated, file_issue, locality_batches, validate
from pipelines.warehouse import WriteStats, insert, read_table, replace_scope, upsert_actuals
from schemas import IndicatorSheet
from schemas.vocab import DEFAULT_H1_TARGET_PCT

TARGETS = dg.AssetKey("indicator_targets")
ACTUALS = dg.AssetKey("indicator_actuals")
TARGET_KEY = ["locality_code", "indicator_code", "period"]

FAMILY = INDICATORS


def _workbook_rows(raw: RawLoad) -> pl.DataFrame:
    """One row per workbook read, with what its 'Thông tin chung' sheet says."""
    records = []
    for ref in raw.refs_loaded:
        info = raw.info.get(ref.relpath, {})
        records.append(
            {
                "locality_code": ref.locality_code,
                "period": ref.period,
                "period_kind": ref.kind,
                "file": ref.relpath,
                "file_hash": raw.hashes[ref.relpath],
                "title": info.get("title"),
                "report_date": None if info.get("report_date") is None else str(info.get("report_date")),
                "prepared_by": info.get("prepared_by"),
                "h1_text": None if info.get("h1_target_pct") is None else str(info.get("h1_target_pct")),
                "h1_target_source": info.get("h1_target_source"),
            }
        )
    if not records:
        return pl.DataFrame()
    frame = pl.DataFrame(
        records,
        schema_overrides={
            "report_date": pl.Utf8,
            "h1_text": pl.Utf8,
            "title": pl.Utf8,
            "prepared_by": pl.Utf8,
            "h1_target_source": pl.Utf8,
        },
    )
    frame = parse_target(frame.with_columns(pl.lit(True).alias("h1_is_text")), "h1_text", "h1_is_text", prefix="h1_")
    return frame.with_columns(
        parse_date(pl.col("report_date")).alias("report_date"),
        pl.coalesce(pl.col("h1_low"), pl.lit(DEFAULT_H1_TARGET_PCT)).alias("h1_target_pct"),
        clean_text(pl.col("h1_target_source")).alias("h1_target_source"),
    ).drop("h1_text", "h1_is_text", "h1_form", "h1_low", "h1_high")


def apply_indicators(
    conn: duckdb.DuckDBPyConnection, raw: RawLoad, discovery_issues: pl.DataFrame, run_id: str, now: datetime
) -> tuple[LoadSummary, WriteStats, WriteStats]:
    """Validate the 'Chỉ tiêu' rows of the run's workbooks and write targets, actuals and workbooks."""
    catalog = read_table(conn, "indicator_catalog")
    if catalog.height == 0:
        raise dg.Failure(
            "Chưa có danh mục chỉ tiêu trong kho: hãy chạy tài sản 'indicator_catalog' trước "
            "(hoặc 'chitieu build'). / The indicator catalog is empty: materialize indicator_catalog first."
        )
    known_localities = set(read_table(conn, "localities").get_column("locality_code").to_list())
    extra = [discovery_issues] + [
        file_issue(ref.relpath, "unknown_locality", severity="warning")
        for ref in raw.refs_loaded
        if ref.locality_code not in known_localities
    ]
    if raw.rows.height:
        where = ["source_file", "source_sheet", "source_row"]
        parts, warning_parts, key_parts = [], [], []
        for rows in locality_batches(raw.rows):
            parsed, batch_warnings = parse_indicator_rows(rows, catalog)
            batch = validate(parsed, IndicatorSheet, COLUMN_SOURCES, raw.column_ref)
            key_parts.append(
                parsed.join(batch.rejected.select(where), on=where, how="semi").select(TARGET_KEY).drop_nulls()
            )
            parts.append(batch)
            warning_parts.append(batch_warnings)
            del parsed, rows  # only the valid rows are kept from batch to batch
        validated = Validated.concat(parts)
        warnings = pl.concat(warning_parts, how="vertical_relaxed")
        rejected_keys = pl.concat(key_parts, how="vertical_relaxed")
        valid = validated.valid
    else:
        validated, warnings, valid = None, pl.DataFrame(), pl.DataFrame()
        rejected_keys = pl.DataFrame(schema={k: pl.Utf8 for k in TARGET_KEY})
    # A rejected yearly row also protects its first-half figure.
    rejected_keys = pl.concat([rejected_keys, rejected_keys.with_columns((pl.col("period") + "-H1").alias("period"))])

    conn.begin()
    targets = (
        to_targets(valid).with_columns(pl.lit(now).alias("loaded_at"), pl.lit(run_id).alias("run_id"))
        if valid.height
        else pl.DataFrame()
    )
    t_stats = replace_scope(conn, "indicator_targets", raw.scope, targets, TARGET_KEY, rejected_keys)
    a_stats = upsert_actuals(
        conn, raw.scope, to_actuals(valid) if valid.height else pl.DataFrame(), rejected_keys, run_id, now
    )
    books = _workbook_rows(raw)
    if books.height:
        scope = books.select("locality_code", "period")  # noqa: F841
        conn.execute("DELETE FROM workbooks WHERE (locality_code, period) IN (SELECT locality_code, period FROM scope)")
        insert(conn, "workbooks", books.with_columns(pl.lit(now).alias("loaded_at")))
    summary = finish_load(
        conn, "indicators", raw, validated, warnings, pl.concat([e for e in extra if e.width]), run_id, now
    )
    conn.commit()
    return summary, t_stats, a_stats


def indicator_results(summary: LoadSummary, t_stats: WriteStats, a_stats: WriteStats) -> list:
    """Materializations and checks of the two indicator assets."""
    meta = summary.metadata()
    out: list = [
        dg.MaterializeResult(
            asset_key=TARGETS,
            metadata={
                **meta,
                "targets_written": dg.MetadataValue.int(t_stats.inserted),
                "targets_kept_from_earlier": dg.MetadataValue.int(t_stats.kept),
            },
        ),
        dg.MaterializeResult(
            asset_key=ACTUALS,
            metadata={
                **meta,
                "new_revisions": dg.MetadataValue.int(a_stats.inserted),
                "revised": dg.MetadataValue.int(a_stats.revised),
                "unchanged": dg.MetadataValue.int(a_stats.kept),
                "withdrawn": dg.MetadataValue.int(a_stats.retracted),
            },
        ),
    ]
    for key in (TARGETS, ACTUALS):
        out += check_results(key, summary)
    return out


SPECS = [
    dg.AssetSpec(
        TARGETS,
        group_name="indicators",
        kinds={"duckdb", "polars", "excel"},
        deps=["indicator_catalog", "localities"],
        description="One row per locality, indicator and period: targets as resolutions wrote them ('trên 370', 'dưới 3%'), annual and term.",
    ),
    dg.AssetSpec(
        ACTUALS,
        group_name="indicators",
        kinds={"duckdb", "polars", "excel"},
        deps=["indicator_catalog", "localities"],
        description="Actuals (year, first half, term so far) with revision history: an estimate, later the official figure.",
    ),
]
CHECKS = check_specs(TARGETS) + check_specs(ACTUALS)
