"""Emulation and awards table, from the 'Thi đua khen thưởng' sheet of yearly and term workbooks."""

import dagster as dg
import polars as pl

from pipelines.families import AWARDS
from pipelines.loading import SheetTable
from pipelines.transforms.awards import COLUMN_SOURCES, parse_award_rows
from schemas import Awards

AWARDS_TABLE = SheetTable(
    family=AWARDS,
    table="awards",
    parse=lambda rows, conn: (parse_award_rows(rows), pl.DataFrame()),
    model=Awards,
    column_sources=COLUMN_SOURCES,
    key=["locality_code", "period", "award_title", "level", "recipient_kind", "decision_ref", "part_of_summary"],
    spec=dg.AssetSpec(
        "awards",
        group_name="awards",
        kinds={"duckdb", "polars", "excel"},
        description="Emulation titles and commendations by period, level (state, province, district) and recipient (collective, individual).",
    ),
)
