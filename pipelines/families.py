"""Which sheet each loading asset reads, and which of its columns name a row or report a figure.

Kept apart from the asset modules (no Dagster import) so reading workers can look a family up by name.
"""

from __future__ import annotations

from pipelines.reading import Family
from pipelines.transforms import awards, indicators, ntm, party, reference
from schemas.workbook_format import (
    AWARDS_SHEET,
    CATALOG_SHEET,
    INDICATOR_TERM,
    INDICATOR_YEAR,
    NTM_SHEET,
    PARTY_SHEET,
    UNITS_SHEET,
)


def _catalog(ref):
    return CATALOG_SHEET if ref.kind == "catalog" else None


def _units(ref):
    return UNITS_SHEET if ref.kind == "units" else None


def _indicators(ref):
    return {"year": INDICATOR_YEAR, "term": INDICATOR_TERM}.get(ref.kind)


def _ntm(ref):
    return NTM_SHEET if ref.kind == "year" else None


def _party(ref):
    return PARTY_SHEET if ref.kind == "year" else None


def _awards(ref):
    return AWARDS_SHEET if ref.kind in ("year", "term") else None


CATALOG = Family(
    "indicator_catalog",
    _catalog,
    reference.CATALOG_IDENTITY,
    reference.CATALOG_FIGURES,
    sheet_required=True,
    reports_workbook=True,
)
UNITS = Family(
    "localities", _units, reference.UNITS_IDENTITY, reference.UNITS_FIGURES, sheet_required=True, reports_workbook=True
)
INDICATORS = Family(
    "indicators",
    _indicators,
    indicators.IDENTITY,
    indicators.FIGURES,
    sheet_required=True,
    keep_identity_only=False,
    reports_workbook=True,
)
NTM = Family("ntm_criteria", _ntm, ntm.IDENTITY, ntm.FIGURES)
PARTY = Family("party_organisations", _party, party.IDENTITY, party.FIGURES)
AWARDS = Family("awards", _awards, awards.IDENTITY, awards.FIGURES)

FAMILIES = {f.asset: f for f in (CATALOG, UNITS, INDICATORS, NTM, PARTY, AWARDS)}
