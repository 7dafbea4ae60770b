"""The periods a workbook may be for: years, and congress terms of five years from a year ending in 0 or 5.

No Dagster here (discovery and the reading workers use it); ``pipelines.partitions`` turns the same
list into the assets' partitions.
"""

from __future__ import annotations

FIRST_YEAR = 2000
LAST_YEAR = 2035
YEARS = [str(y) for y in range(FIRST_YEAR, LAST_YEAR + 1)]
# Congress terms run five years from a year ending in 0 or 5 (2015–2020, 2020–2025).
TERMS = [f"{y}-{y + 5}" for y in range(FIRST_YEAR, LAST_YEAR, 5)]
PERIODS = YEARS + TERMS


def is_term(key: str) -> bool:
    return "-" in key
