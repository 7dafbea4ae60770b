"""Run the pipeline's read → parse → validate path on a folder of workbooks, without Dagster or DuckDB.

Every family goes through ``pipelines.loading.prepare``, the same function the assets call; the
reference tables a family looks up come from the embedded sample (or are given).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import polars as pl

from pipelines.discovery import discover
from pipelines.families import FAMILIES, SheetFamily
from pipelines.loading import Prepared, prepare
from pipelines.reading import RawLoad, read_family
from pipelines.validation import Validated

REPO = Path(__file__).resolve().parent.parent
SAMPLE_RAW = REPO / "data" / "raw"


@dataclass
class Result:
    raw: RawLoad
    prepared: Prepared

    @property
    def validated(self) -> Validated:
        if self.prepared.validated is not None:
            return self.prepared.validated
        empty = pl.DataFrame()
        return Validated(empty, pl.DataFrame(schema={"row": pl.Int64, "rule": pl.Utf8}), empty)

    @property
    def warnings(self) -> pl.DataFrame:
        return self.prepared.warnings

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


def run_family(root: Path, family: SheetFamily, lookups: dict[str, pl.DataFrame] | None = None) -> Result:
    """What ``family`` makes of every workbook under ``root``: rows read, parsed and validated."""
    refs = discover(root).refs
    raw = read_family(refs, family)
    tables = {name: (lookups or {}).get(name) for name in family.reads}
    missing = [name for name, frame in tables.items() if frame is None]
    tables |= {name: sample_table(name) for name in missing}
    return Result(raw, prepare(family, raw, tables))


@cache
def sample_table(name: str) -> pl.DataFrame:
    """A reference table as the sample's reference files load it (valid rows only)."""
    family = FAMILIES[name]
    return run_family(
        SAMPLE_RAW, family, {n: pl.DataFrame(schema={"locality_code": pl.Utf8}) for n in family.reads}
    ).validated.valid


def sample_catalog() -> pl.DataFrame:
    """The sample's indicator catalog, parsed the way the catalog asset parses it."""
    return sample_table("indicator_catalog")


def sample_units() -> pl.DataFrame:
    return sample_table("localities")


def load_indicators(root: Path) -> Result:
    return run_family(root, FAMILIES["indicators"])


def load_ntm(root: Path, units: pl.DataFrame | None = None) -> Result:
    return run_family(root, FAMILIES["ntm_criteria"], None if units is None else {"localities": units})


def load_party(root: Path) -> Result:
    return run_family(root, FAMILIES["party_organisations"])


def load_awards(root: Path) -> Result:
    return run_family(root, FAMILIES["awards"])


def load_catalog(root: Path) -> Result:
    return run_family(root, FAMILIES["indicator_catalog"])


def load_units(root: Path) -> Result:
    return run_family(root, FAMILIES["localities"], {"localities": pl.DataFrame(schema={"locality_code": pl.Utf8})})
