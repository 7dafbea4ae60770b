"""Partitions: one per year and one per congress term, so one year (or one term) can be re-run."""

from __future__ import annotations

import dagster as dg

FIRST_YEAR = 2000
LAST_YEAR = 2035
YEARS = [str(y) for y in range(FIRST_YEAR, LAST_YEAR + 1)]
# Congress terms run five years from a year ending in 0 or 5 (2015–2020, 2020–2025).
TERMS = [f"{y}-{y + 5}" for y in range(FIRST_YEAR, LAST_YEAR, 5)]

period_partitions = dg.StaticPartitionsDefinition(YEARS + TERMS)


def is_term(key: str) -> bool:
    return "-" in key
