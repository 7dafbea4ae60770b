"""Emulation and awards asset, from the 'Thi đua khen thưởng' sheet of yearly and term workbooks."""

import dagster as dg
import polars as pl

from pipelines.families import AWARDS
from pipelines.loading import check_results, check_specs, finish_load, read_family
from pipelines.partitions import period_partitions
from pipelines.resources import RawFiles, Warehouse
from pipelines.transforms.awards import COLUMN_SOURCES, parse_award_rows
from pipelines.validation import validate
from pipelines.warehouse import now_utc, replace_scope
from schemas import Awards

KEY = ["locality_code", "period", "award_title", "level", "recipient_kind", "decision_ref", "part_of_summary"]
FAMILY = AWARDS


@dg.asset(
    group_name="awards",
    kinds={"duckdb", "polars", "excel"},
    partitions_def=period_partitions,
    backfill_policy=dg.BackfillPolicy.single_run(),
    check_specs=check_specs(dg.AssetKey("awards")),
    description="Emulation titles and commendations by period, level (state, province, district) and recipient (collective, individual).",
)
def awards(context: dg.AssetExecutionContext, raw_files: RawFiles, warehouse: Warehouse):
    refs, _ = raw_files.for_periods(list(context.partition_keys))
    raw = read_family(refs, FAMILY)
    now = now_utc()
    with warehouse.connection() as conn:
        if raw.rows.height:
            parsed = parse_award_rows(raw.rows)
            validated = validate(parsed, Awards, COLUMN_SOURCES, raw.column_ref)
            keep = parsed.join(
                validated.rejected.select("source_file", "source_sheet", "source_row"),
                on=["source_file", "source_sheet", "source_row"],
                how="semi",
            ).select(KEY)
            rows = validated.valid.with_columns(pl.lit(now).alias("loaded_at"), pl.lit(context.run_id).alias("run_id"))
        else:
            validated, rows, keep = None, pl.DataFrame(), pl.DataFrame()
        conn.begin()
        stats = replace_scope(conn, "awards", raw.scope, rows, KEY, keep)
        summary = finish_load(conn, "awards", raw, validated, pl.DataFrame(), pl.DataFrame(), context.run_id, now)
        conn.commit()
    yield dg.MaterializeResult(metadata={**summary.metadata(), "rows_written": dg.MetadataValue.int(stats.inserted)})
    yield from check_results(context.asset_key, summary)
