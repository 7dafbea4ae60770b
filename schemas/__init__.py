"""Table contracts (Pandera models on Polars) shared by the pipeline and the dashboard.

One module per table; ``TABLES`` maps each warehouse table to its model. Models are imported on
first use (PEP 562), so code that needs only the vocabularies or the workbook format — such as
the processes that read workbooks in parallel — does not pay for importing Pandera.
"""

from __future__ import annotations

import importlib
from typing import Any

_MODELS = {
    "Awards": "schemas.awards",
    "IndicatorActuals": "schemas.indicator_actuals",
    "IndicatorCatalog": "schemas.indicator_catalog",
    "IndicatorSheet": "schemas.indicator_sheet",
    "IndicatorTargets": "schemas.indicator_targets",
    "LoadLog": "schemas.load_log",
    "Localities": "schemas.localities",
    "MartTargetVsActual": "schemas.mart_target_vs_actual",
    "MartTermProgress": "schemas.mart_term_progress",
    "NtmCriteria": "schemas.ntm_criteria",
    "PartyOrganisations": "schemas.party_organisations",
    "Quarantine": "schemas.quarantine",
    "ValidationIssues": "schemas.validation_issues",
    "WarehouseMeta": "schemas.warehouse_meta",
    "Workbooks": "schemas.workbooks",
}

# Warehouse table → model name, in load order.
_TABLES = {
    "indicator_catalog": "IndicatorCatalog",
    "localities": "Localities",
    "indicator_targets": "IndicatorTargets",
    "indicator_actuals": "IndicatorActuals",
    "ntm_criteria": "NtmCriteria",
    "party_organisations": "PartyOrganisations",
    "awards": "Awards",
    "workbooks": "Workbooks",
    "validation_issues": "ValidationIssues",
    "quarantine": "Quarantine",
    "load_log": "LoadLog",
    "mart_target_vs_actual": "MartTargetVsActual",
    "mart_term_progress": "MartTermProgress",
    "warehouse_meta": "WarehouseMeta",
}


def __getattr__(name: str) -> Any:
    if name in _MODELS:
        value = getattr(importlib.import_module(_MODELS[name]), name)
    elif name == "TABLES":
        value = {table: __getattr__(model) for table, model in _TABLES.items()}
    else:
        raise AttributeError(f"module 'schemas' has no attribute {name!r}")
    globals()[name] = value
    return value


__all__ = ["TABLES", *_MODELS]
