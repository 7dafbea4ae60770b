"""Partitions: one per year and one per congress term, so one year (or one term) can be re-run."""

from __future__ import annotations

import dagster as dg

from pipelines.periods import FIRST_YEAR, LAST_YEAR, PERIODS, TERMS, YEARS, is_term

period_partitions = dg.StaticPartitionsDefinition(PERIODS)

__all__ = ["FIRST_YEAR", "LAST_YEAR", "TERMS", "YEARS", "is_term", "period_partitions"]
