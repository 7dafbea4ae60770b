"""Dagster definitions: assets by family, checks, the sensor and the load job. Wiring only.

The resources are bound at the top (``chitieu.definitions``, the code location), from the
environment; tests and benchmarks bind their own.
"""

from __future__ import annotations

import dagster as dg

from pipelines.assets import exports, marts, reference, workbooks
from pipelines.partitions import period_partitions
from pipelines.sensors import raw_workbooks_sensor

_modules = [reference, workbooks, marts, exports]

load_period_job = dg.define_asset_job(
    "load_period",
    selection=dg.AssetSelection.assets(
        "indicator_targets", "indicator_actuals", "ntm_criteria", "party_organisations", "awards"
    ),
    partitions_def=period_partitions,
    description="Re-read one year's (or term's) workbooks. Narrow to one locality or file in the launchpad's resource config.",
)

ASSETS = dg.load_assets_from_modules(_modules)
CHECKS = dg.load_asset_checks_from_modules(_modules)


def definitions(resources: dict[str, dg.ConfigurableResource]) -> dg.Definitions:
    """The pipeline's definitions with the given resources (raw_files, warehouse, report_exports)."""
    return dg.Definitions(
        assets=ASSETS,
        asset_checks=CHECKS,
        sensors=[raw_workbooks_sensor],
        jobs=[load_period_job],
        resources=resources,
    )
