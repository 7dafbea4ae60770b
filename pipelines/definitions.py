"""Dagster definitions: the assets generated from the sheet-family registry, the marts, the
report pack, their checks, the sensor and the load job. Wiring only.

The resources are bound at the top (``chitieu.definitions``, the code location), from the
environment; tests and benchmarks bind their own.
"""

from __future__ import annotations

import dagster as dg

from pipelines.assets.boundaries import unit_boundaries
from pipelines.assets.consistency import consistency_warnings
from pipelines.assets.exports import report_pack
from pipelines.assets.loads import LOAD_TAG, load_assets
from pipelines.assets.marts import mart_unit_sums, marts, published_warehouse_asset
from pipelines.families import FAMILIES, SheetFamily
from pipelines.partitions import period_partitions
from pipelines.sensors import raw_workbooks_sensor

PERIOD_LOADS = dg.AssetSelection.tag(LOAD_TAG, "period")


def assets(families: dict[str, SheetFamily] | None = None) -> list[dg.AssetsDefinition]:
    """Loading assets of the registry (or of the given families), the marts, the consistency warnings,
    the publication, the pack."""
    families = families or FAMILIES
    return [
        *load_assets(families),
        unit_boundaries,
        marts,
        mart_unit_sums,
        consistency_warnings,
        published_warehouse_asset(families),
        report_pack,
    ]


ASSETS = assets()

load_period_job = dg.define_asset_job(
    "load_period",
    selection=PERIOD_LOADS,
    partitions_def=period_partitions,
    description="Re-read one year's (or term's) workbooks. Narrow to one locality or file in the launchpad's resource config.",
)


def definitions(
    resources: dict[str, dg.ConfigurableResource], families: dict[str, SheetFamily] | None = None
) -> dg.Definitions:
    """The pipeline's definitions with the given resources (raw_files, warehouse, report_exports)."""
    return dg.Definitions(
        assets=assets(families) if families else ASSETS,
        sensors=[raw_workbooks_sensor],
        jobs=[load_period_job],
        resources=resources,
        # Runs the daemon or the UI launches execute their steps in the run's own process, as
        # `chitieu build` does: the steps write one DuckDB file (one writer at a time), so step
        # processes would only queue on its lock, and each would pay for importing the pipeline again.
        executor=dg.in_process_executor,
    )
