"""Party-building asset: grassroots organisations by block, type and rating."""

import dagster as dg
import polars as pl

from pipelines.families import PARTY
from pipelines.loading import check_specs, load_period_table
from pipelines.partitions import period_partitions
from pipelines.resources import RawFiles, Warehouse
from pipelines.transforms.party import parse_party_rows
from schemas import PartyOrganisations

KEY = ["locality_code", "period", "block", "org_type", "rating"]


@dg.asset(
    group_name="party",
    kinds={"duckdb", "polars", "excel"},
    partitions_def=period_partitions,
    backfill_policy=dg.BackfillPolicy.single_run(),
    check_specs=check_specs(dg.AssetKey("party_organisations")),
    description="Grassroots party organisations and members per block, type and year-end rating. Admissions are indicators.",
)
def party_organisations(context: dg.AssetExecutionContext, raw_files: RawFiles, warehouse: Warehouse):
    yield from load_period_table(
        context, raw_files, warehouse, family=PARTY, table="party_organisations", model=PartyOrganisations,
        column_sources={}, key=KEY, parse=lambda rows, conn: (parse_party_rows(rows), pl.DataFrame()),
    )
