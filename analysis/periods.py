"""Years and congress terms: which one a reader sees first, and what a typed period means.

A period is a year ('2023') or a congress term ('2020-2025', whose first year is the congress
year: the term's own years are 2021 to 2025).
"""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl

from analysis.queries import Reader, as_reader
from schemas.vocab import LOCALITY_LEVEL

PERIOD_RE = re.compile(r"^(\d{4})(?:-(\d{4}))?$")


def default_year(periods: pl.DataFrame) -> str | None:
    """The latest year with an actual (a plan-only year is not 'this year' yet), else the latest year.

    ``periods``: ``Reader.periods`` (period, kind, has_actual).
    """
    years = periods.filter(periods["kind"] == "year")
    with_actual = years.filter(years["has_actual"])["period"].to_list()
    all_years = years["period"].to_list()
    return (with_actual or all_years or [None])[-1]


def default_locality(localities: pl.DataFrame, configured: str | None = None) -> str | None:
    """The locality a reader sees first: the configured one (CHITIEU_DEFAULT_LOCALITY) when it has
    figures, else the one with the latest figures (ties: the higher level first — a town before the
    communes that report under it — then by name), never simply the first by name.

    ``localities``: ``Reader.localities`` (locality_code, name, latest, and level when it has it).
    """
    codes = localities["locality_code"].to_list()
    if configured and configured in codes:
        return configured
    if not codes:
        return None
    order = {code: i for i, code in enumerate(LOCALITY_LEVEL.codes)}
    if "level" not in localities.columns:
        localities = localities.with_columns(pl.lit(None, dtype=pl.Utf8).alias("level"))
    level = pl.col("level").replace_strict(order, default=len(order), return_dtype=pl.Int64)
    ranked = localities.sort(
        pl.col("latest").is_null(),
        pl.col("latest"),
        level,
        pl.col("name"),
        descending=[False, True, False, False],
        nulls_last=True,
    )
    return ranked["locality_code"][0]


def default_term(terms: list[str], year: str | None) -> str | None:
    """The term whose years (after its first) contain the chosen year, else the latest term."""
    if not terms:
        return None
    if year and year.isdigit():
        y = int(year)
        for term in sorted(terms, reverse=True):
            start, _, end = term.partition("-")
            if int(start) < y <= int(end):
                return term
    return sorted(terms)[-1]


def parse_period(period: str) -> tuple[str, int, int]:
    """('year', 2023, 2023) or ('term', 2020, 2025); ValueError with a clear message otherwise."""
    m = PERIOD_RE.match(str(period).strip())
    if not m or (m.group(2) and int(m.group(2)) <= int(m.group(1))):
        raise ValueError(
            f"Kỳ '{period}' không hợp lệ: dùng một năm (2023) hoặc nhiệm kỳ (2020-2025). "
            f"/ Invalid period '{period}': use a year (2023) or a term (2020-2025)."
        )
    first = int(m.group(1))
    return ("term", first, int(m.group(2))) if m.group(2) else ("year", first, first)


def latest_year(warehouse: Path | Reader, locality: str) -> str:
    """The latest year with an actual for the locality (the dashboard's default year)."""
    reader = as_reader(warehouse)
    year = default_year(reader.periods(locality))
    if year is None:
        raise ValueError(f"Địa phương '{locality}' chưa có số liệu năm nào. / No yearly figures for '{locality}'.")
    return year
