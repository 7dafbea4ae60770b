"""The registry of sheet families: one line per family, in load order.

Reference lists first (the catalog and the units the other families look up, then the emulation
blocs and scoring sheets of ``thi-dua.xlsx``), then the sheets of yearly and term workbooks. Adding a family is one module (its sheet, model, transform and tables:
see ``pipelines.families.base``) and one line here; the assets, checks, selections, warehouse
tables, template, docs and test helpers follow from the registry.
"""

from __future__ import annotations

from pipelines.families import awards, catalog, deadlines, emulation, indicators, localities, ntm, party
from pipelines.families.base import Lookups, SheetFamily, Table

FAMILIES: dict[str, SheetFamily] = {
    f.name: f
    for f in (
        catalog.SHEET_FAMILY,
        localities.SHEET_FAMILY,
        emulation.BLOCS,
        emulation.CRITERIA,
        emulation.SCORES,
        indicators.SHEET_FAMILY,
        ntm.SHEET_FAMILY,
        party.SHEET_FAMILY,
        awards.SHEET_FAMILY,
        deadlines.SHEET_FAMILY,
    )
}


def reference_families(families: dict[str, SheetFamily] | None = None) -> list[SheetFamily]:
    return [f for f in (families or FAMILIES).values() if f.reference]


def periodic_families(families: dict[str, SheetFamily] | None = None) -> list[SheetFamily]:
    return [f for f in (families or FAMILIES).values() if f.periodic]


def family_tables(families: dict[str, SheetFamily] | None = None) -> dict[str, Table]:
    """Every table the families write, by name, in load order."""
    return {t.name: t for f in (families or FAMILIES).values() for t in f.tables}


__all__ = ["FAMILIES", "Lookups", "SheetFamily", "Table", "family_tables", "periodic_families", "reference_families"]
