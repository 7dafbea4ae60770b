"""New-rural-area table: criteria per commune and village, from the 'Nông thôn mới' sheet."""

import dagster as dg

from pipelines.families import NTM
from pipelines.loading import SheetTable
from pipelines.transforms.ntm import COLUMN_SOURCES, parse_ntm_rows
from pipelines.warehouse import read_table
from schemas import NtmCriteria

NTM_CRITERIA = SheetTable(
    family=NTM,
    table="ntm_criteria",
    parse=lambda rows, conn: parse_ntm_rows(rows, read_table(conn, "localities")),
    model=NtmCriteria,
    column_sources=COLUMN_SOURCES,
    key=["locality_code", "period", "unit_code", "group_label", "criteria_set", "criterion_no"],
    spec=dg.AssetSpec(
        "ntm_criteria",
        group_name="ntm",
        kinds={"duckdb", "polars", "excel"},
        deps=["localities"],
        description="New-rural-area results per commune, village or group, per year: per criterion, count met, range, or level reached.",
    ),
)
