"""Emulation and awards asset, from the 'Thi đua khen thưởng' sheet of yearly and term workbooks."""

import dagster as dg
import polars as pl

from pipelines.families import AWARDS
from pipelines.loading import check_specs, load_period_table
from pipelines.partitions import period_partitions
from pipelines.resources import RawFiles, Warehouse
from pipelines.transforms.awards import COLUMN_SOURCES, parse_award_rows
from schemas import Awards

KEY = ["locality_code", "period", "award_title", "level", "recipient_kind", "decision_ref", "part_of_summary"]


@dg.asset(
    group_name="awards",
    kinds={"duckdb", "polars", "excel"},
    partitions_def=period_partitions,
    backfill_policy=dg.BackfillPolicy.single_run(),
    check_specs=check_specs(dg.AssetKey("awards")),
    description="Emulation titles and commendations by period, level (state, province, district) and recipient (collective, individual).",
)
def awards(context: dg.AssetExecutionContext, raw_files: RawFiles, warehouse: Warehouse):
    yield from load_period_table(
        context, raw_files, warehouse, family=AWARDS, table="awards", model=Awards, column_sources=COLUMN_SOURCES,
        key=KEY, parse=lambda rows, conn: (parse_award_rows(rows), pl.DataFrame()),
    )
