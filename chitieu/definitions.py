"""The Dagster code location (`dagster dev -m chitieu.definitions`): the pipeline bound to the environment."""

from __future__ import annotations

import dagster as dg

from chitieu import settings
from pipelines.definitions import definitions
from pipelines.resources import RawFiles, ReportExports, SubmissionStore, Warehouse


def resources() -> dict[str, dg.ConfigurableResource]:
    """The resources as the environment configures them (README, 'Configuration')."""
    return {
        "raw_files": RawFiles(
            root=str(settings.raw_dir()),
            workers=settings.workers(),
            state=str(settings.state_path()),
            **RawFiles.limit_fields(settings.limits()),
        ),
        "warehouse": Warehouse(path=str(settings.warehouse_path())),
        "report_exports": ReportExports(root=str(settings.export_dir())),
        "submission_store": SubmissionStore(root=str(settings.submissions_dir())),
    }


defs = definitions(resources())
