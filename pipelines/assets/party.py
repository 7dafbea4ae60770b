"""Party-building table: grassroots organisations by block, type and rating."""

import dagster as dg
import polars as pl

from pipelines.families import PARTY
from pipelines.loading import SheetTable
from pipelines.transforms.party import parse_party_rows
from schemas import PartyOrganisations

PARTY_ORGANISATIONS = SheetTable(
    family=PARTY,
    table="party_organisations",
    parse=lambda rows, conn: (parse_party_rows(rows), pl.DataFrame()),
    model=PartyOrganisations,
    column_sources={},
    key=["locality_code", "period", "block", "org_type", "rating"],
    spec=dg.AssetSpec(
        "party_organisations",
        group_name="party",
        kinds={"duckdb", "polars", "excel"},
        description="Grassroots party organisations and members per block, type and year-end rating. Admissions are indicators.",
    ),
)
