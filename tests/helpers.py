"""Run the pipeline's read → parse → validate path on one workbook, without Dagster or DuckDB."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import polars as pl

from pipelines.discovery import discover
from pipelines.families import AWARDS, CATALOG, INDICATORS, NTM, PARTY, UNITS
from pipelines.reading import Family, RawLoad, read_family
from pipelines.transforms import awards, indicators, ntm, party, reference
from pipelines.validation import Validated, validate
from schemas import Awards, IndicatorCatalog, IndicatorSheet, Localities, NtmCriteria, PartyOrganisations

REPO = Path(__file__).resolve().parent.parent


@cache
def sample_catalog() -> pl.DataFrame:
    """The sample's indicator catalog, parsed the way the catalog asset parses it."""
    refs, _ = discover(REPO / "data" / "raw")
    raw = read_family([r for r in refs if r.kind == "catalog"], CATALOG)
    return reference.parse_catalog_rows(raw.rows)


@cache
def sample_units() -> pl.DataFrame:
    refs, _ = discover(REPO / "data" / "raw")
    raw = read_family([r for r in refs if r.kind == "units"], UNITS)
    return reference.parse_locality_rows(raw.rows)


@dataclass
class Result:
    raw: RawLoad
    parsed: pl.DataFrame
    warnings: pl.DataFrame
    validated: Validated

    @property
    def issues(self) -> pl.DataFrame:
        return self.validated.issues

    @property
    def file_issues(self) -> pl.DataFrame:
        return self.raw.issues

    def issue(self, rule: str) -> dict:
        found = self.issues.filter(pl.col("rule") == rule)
        assert found.height, f"no issue {rule!r}; got {self.issues.select('row', 'rule').rows()}"
        return found.row(0, named=True)

    def valid_row(self, code: str, column: str = "indicator_code") -> dict:
        found = self.validated.valid.filter(pl.col(column) == code)
        assert found.height == 1, f"{code}: {found.height} valid rows"
        return found.row(0, named=True)


def _run(root: Path, family: Family, parse, model, sources: dict[str, str]) -> Result:
    refs, _ = discover(root)
    raw = read_family(refs, family)
    if raw.rows.height == 0:
        empty = pl.DataFrame()
        return Result(
            raw, empty, empty, Validated(empty, pl.DataFrame(schema={"row": pl.Int64, "rule": pl.Utf8}), empty)
        )
    parsed, warnings = parse(raw.rows)
    return Result(raw, parsed, warnings, validate(parsed, model, sources, raw.column_ref))


def load_indicators(root: Path) -> Result:
    return _run(
        root,
        INDICATORS,
        lambda rows: indicators.parse_indicator_rows(rows, sample_catalog()),
        IndicatorSheet,
        indicators.COLUMN_SOURCES,
    )


def load_ntm(root: Path, units: pl.DataFrame | None = None) -> Result:
    u = sample_units() if units is None else units
    return _run(root, NTM, lambda rows: ntm.parse_ntm_rows(rows, u), NtmCriteria, ntm.COLUMN_SOURCES)


def load_party(root: Path) -> Result:
    return _run(root, PARTY, lambda rows: (party.parse_party_rows(rows), pl.DataFrame()), PartyOrganisations, {})


def load_awards(root: Path) -> Result:
    return _run(
        root, AWARDS, lambda rows: (awards.parse_award_rows(rows), pl.DataFrame()), Awards, awards.COLUMN_SOURCES
    )


def load_catalog(root: Path) -> Result:
    return _run(root, CATALOG, lambda rows: (reference.parse_catalog_rows(rows), pl.DataFrame()), IndicatorCatalog, {})


def load_units(root: Path) -> Result:
    return _run(
        root,
        UNITS,
        lambda rows: (reference.parse_locality_rows(rows), pl.DataFrame()),
        Localities,
        reference.UNITS_COLUMN_SOURCES,
    )
