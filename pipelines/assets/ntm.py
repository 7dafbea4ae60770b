"""New-rural-area asset: criteria per commune and village, from the 'Nông thôn mới' sheet."""

import dagster as dg

from pipelines.families import NTM
from pipelines.loading import check_specs, load_period_table
from pipelines.partitions import period_partitions
from pipelines.resources import RawFiles, Warehouse
from pipelines.transforms.ntm import COLUMN_SOURCES, parse_ntm_rows
from pipelines.warehouse import read_table
from schemas import NtmCriteria

KEY = ["locality_code", "period", "unit_code", "group_label", "criteria_set", "criterion_no"]


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
    yield from load_period_table(
        context, raw_files, warehouse, family=NTM, table="ntm_criteria", model=NtmCriteria, column_sources=COLUMN_SOURCES,
        key=KEY, parse=lambda rows, conn: parse_ntm_rows(rows, read_table(conn, "localities")),
    )
