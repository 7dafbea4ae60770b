"""Table contracts (Pandera models on Polars) shared by the pipeline and the dashboard.

One module per table; ``TABLES`` maps each warehouse table to its model.
"""

from schemas.awards import Awards
from schemas.indicator_actuals import IndicatorActuals
from schemas.indicator_catalog import IndicatorCatalog
from schemas.indicator_sheet import IndicatorSheet
from schemas.indicator_targets import IndicatorTargets
from schemas.load_log import LoadLog
from schemas.localities import Localities
from schemas.mart_target_vs_actual import MartTargetVsActual
from schemas.mart_term_progress import MartTermProgress
from schemas.ntm_criteria import NtmCriteria
from schemas.party_organisations import PartyOrganisations
from schemas.quarantine import Quarantine
from schemas.validation_issues import ValidationIssues
from schemas.warehouse_meta import WarehouseMeta
from schemas.workbooks import Workbooks

TABLES = {
    "indicator_catalog": IndicatorCatalog,
    "localities": Localities,
    "indicator_targets": IndicatorTargets,
    "indicator_actuals": IndicatorActuals,
    "ntm_criteria": NtmCriteria,
    "party_organisations": PartyOrganisations,
    "awards": Awards,
    "workbooks": Workbooks,
    "validation_issues": ValidationIssues,
    "quarantine": Quarantine,
    "load_log": LoadLog,
    "mart_target_vs_actual": MartTargetVsActual,
    "mart_term_progress": MartTermProgress,
    "warehouse_meta": WarehouseMeta,
}

__all__ = [
    "TABLES",
    "Awards",
    "IndicatorActuals",
    "IndicatorCatalog",
    "IndicatorSheet",
    "IndicatorTargets",
    "LoadLog",
    "Localities",
    "MartTargetVsActual",
    "MartTermProgress",
    "NtmCriteria",
    "PartyOrganisations",
    "Quarantine",
    "ValidationIssues",
    "WarehouseMeta",
    "Workbooks",
]
