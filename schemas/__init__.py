"""Table contracts (Pandera models on Polars) shared by the pipeline and the read-and-report layer.

One module per table, named after it: model ``NtmCriteria`` lives in ``schemas/ntm_criteria.py``.
Models are imported on first use (PEP 562), so code that needs only the vocabularies or the
workbook format — such as the processes that read workbooks in parallel — does not pay for
importing Pandera.

``CORE_TABLES`` lists the tables no sheet family writes (the load's own bookkeeping, the marts and the
consistency warnings computed from them); the tables the sheet families write are named by their
descriptors (``pipelines.families``).
"""

from __future__ import annotations

import importlib
import re
from typing import Any

# Warehouse tables that no sheet family writes, in load order.
_CORE_TABLES = {
    "raw_folder": "RawFolder",
    "submissions": "Submissions",
    "workbooks": "Workbooks",
    "validation_issues": "ValidationIssues",
    "quarantine": "Quarantine",
    "load_log": "LoadLog",
    "mart_target_vs_actual": "MartTargetVsActual",
    "mart_term_progress": "MartTermProgress",
    "mart_unit_sums": "MartUnitSums",
    "unit_boundaries": "UnitBoundaries",
    "consistency_warnings": "ConsistencyWarnings",
    "warehouse_meta": "WarehouseMeta",
}


def _module_of(model: str) -> str:
    """'NtmCriteria' → 'schemas.ntm_criteria': a model lives in the module named after its table."""
    return "schemas." + re.sub(r"(?<!^)(?=[A-Z])", "_", model).lower()


def __getattr__(name: str) -> Any:
    if name == "CORE_TABLES":
        value = {table: __getattr__(model) for table, model in _CORE_TABLES.items()}
    elif name[:1].isupper():
        try:
            module = importlib.import_module(_module_of(name))
        except ModuleNotFoundError:
            raise AttributeError(f"module 'schemas' has no attribute {name!r}") from None
        value = getattr(module, name)
    else:
        raise AttributeError(f"module 'schemas' has no attribute {name!r}")
    globals()[name] = value
    return value
