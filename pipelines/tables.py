"""Every warehouse table and its Pandera model: the sheet families' tables, then the pipeline's own."""

from __future__ import annotations

from pipelines.families import FAMILIES, SheetFamily, family_tables


def warehouse_tables(families: dict[str, SheetFamily] | None = None) -> dict[str, type]:
    """Table name → model, in load order (the families' tables first)."""
    from schemas import CORE_TABLES

    return {**{name: t.model for name, t in family_tables(families or FAMILIES).items()}, **CORE_TABLES}
