"""New-rural-area asset: criteria per commune and village, from the 'Nông thôn mới' sheet."""

import dagster as dg
import polars as pl

from pipelines.families import NTM
from pipelines.loading import check_results, check_specs, finish_load, read_family
from pipelines.partitions import period_partitions
from pipelines.resources import RawFiles, Warehouse
from pipelines.transforms.ntm import COLUMN_SOURCES, parse_ntm_rows
from pipelines.validation import validate
from pipelines.warehouse import now_utc, read_table, replace_scope
from schemas import NtmCriteria

KEY = ["locality_code", "period", "unit_code", "group_label", "criteria_set", "criterion_no"]
FAMILY = NTM


@dg.asset(
    group_name="ntm",
    kinds={"duckdb", "polars", "excel"},
    deps=["localities"],
    partitions_def=period_partitions,
    backfill_policy=dg.BackfillPolicy.single_run(),
    check_specs=check_specs(dg.AssetKey("ntm_criteria")),
    description="New-rural-area results per commune, village or group, per year: per criterion, count met, range, or level reached.",
)
def ntm_criteria(context: dg.AssetExecutionContext, raw_files: RawFiles, warehouse: Warehouse):
    refs, _ = raw_files.for_periods(list(context.partition_keys))
    raw = read_family(refs, FAMILY)
    now = now_utc()
    with warehouse.connection() as conn:
        units = read_table(conn, "localities")
        if raw.rows.height:
            parsed, warnings = parse_ntm_rows(raw.rows, units)
            validated = validate(parsed, NtmCriteria, COLUMN_SOURCES, raw.column_ref)
            keep = parsed.join(
                validated.rejected.select("source_file", "source_sheet", "source_row"),
                on=["source_file", "source_sheet", "source_row"],
                how="semi",
            ).select(KEY)
            rows = validated.valid.with_columns(pl.lit(now).alias("loaded_at"), pl.lit(context.run_id).alias("run_id"))
        else:
            validated, warnings, rows, keep = None, pl.DataFrame(), pl.DataFrame(), pl.DataFrame()
        conn.begin()
        stats = replace_scope(conn, "ntm_criteria", raw.scope, rows, KEY, keep)
        summary = finish_load(conn, "ntm_criteria", raw, validated, warnings, pl.DataFrame(), context.run_id, now)
        conn.commit()
    yield dg.MaterializeResult(metadata={**summary.metadata(), "rows_written": dg.MetadataValue.int(stats.inserted)})
    yield from check_results(context.asset_key, summary)
