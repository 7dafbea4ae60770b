"""The embedded sample: every figure traceable to the seed document that states it."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import polars as pl
import pytest

from tools.sample import DOCS, vn


def _figure_spellings(value: float) -> set[str]:
    """How a document may print a figure: 7.978,01 · 7978,01 · 05 · 1.500 …"""
    out = {vn(value), vn(value).replace(".", "")}
    if value == int(value):
        out |= {str(int(value)), f"{int(value):02d}"}
    return out


def _explained(note: str | None) -> bool:
    """A figure not printed as such in its quote must say why: derived from a ratio or list, or a typo read."""
    return bool(note) and ("derived" in note.lower() or "typo" in note.lower())


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def tables(sample_warehouse: Path) -> dict[str, pl.DataFrame]:
    conn = duckdb.connect(str(sample_warehouse), read_only=True)
    try:
        return {
            t: conn.sql(f"SELECT * FROM {t}").pl()
            for t in ("indicator_actuals", "indicator_targets", "ntm_criteria", "awards")
        }
    finally:
        conn.close()


def test_every_sample_figure_names_a_seed_document_and_quotes_it(tables: dict[str, pl.DataFrame]) -> None:
    for name, frame in tables.items():
        assert frame.height > 0, name
        docs = frame.get_column("source_document")
        assert docs.null_count() == 0, f"{name}: rows without a source document"
        assert all(any(d[:5] in doc for d in DOCS.values()) for doc in docs), name
        assert frame.get_column("source_quote").null_count() == 0, f"{name}: rows without a quote"


def test_every_actual_appears_in_its_quote_or_is_marked_derived(tables: dict[str, pl.DataFrame]) -> None:
    missing = []
    for row in tables["indicator_actuals"].filter(pl.col("value").is_not_null()).iter_rows(named=True):
        quote = _normalise(row["source_quote"])
        if not any(s in quote for s in _figure_spellings(row["value"])) and not _explained(row["note"]):
            missing.append((row["indicator_code"], row["period"], row["value"]))
    assert missing == []


def test_every_target_appears_in_its_quote_or_is_marked_derived(tables: dict[str, pl.DataFrame]) -> None:
    missing = []
    for row in tables["indicator_targets"].iter_rows(named=True):
        quote = _normalise(row["source_quote"])
        value = row["target_low"] if row["target_low"] is not None else row["target_high"]
        if not any(s in quote for s in _figure_spellings(value)) and not _explained(row["note"]):
            missing.append((row["indicator_code"], row["period"], value))
    assert missing == []


def test_sample_covers_the_terms_years_and_families_the_documents_give(tables: dict[str, pl.DataFrame]) -> None:
    targets = tables["indicator_targets"]
    assert set(targets.filter(pl.col("period_kind") == "term").get_column("period")) == {"2015-2020", "2020-2025"}
    assert (
        targets.filter((pl.col("indicator_code") == "party_members_admitted") & (pl.col("period") == "2020-2025")).item(
            0, "target_text"
        )
        == "trên 370"
    )
    assert (
        targets.filter((pl.col("indicator_code") == "near_poor_rate") & (pl.col("period") == "2020-2025")).item(
            0, "target_text"
        )
        == "dưới 3,0%"
    )
    years = set(tables["indicator_actuals"].filter(pl.col("period_kind") == "year").get_column("period"))
    assert {"2014", "2015", "2016", "2017", "2018", "2019", "2020", "2022", "2023"} <= years
    # A ratio is kept as reported; the plan it implies is not typed in (the mart derives and marks it).
    pv = tables["indicator_actuals"].filter(
        (pl.col("indicator_code") == "production_value_total") & (pl.col("period") == "2023")
    )
    assert pv.item(0, "reported_pct") == pytest.approx(100.3)
    assert (
        targets.filter((pl.col("indicator_code") == "production_value_total") & (pl.col("period") == "2023")).height
        == 0
    )
    # Awards: the footnote details are marked so the 2015–2020 totals are not counted twice.
    awards = tables["awards"]
    summary = awards.filter((pl.col("period") == "2015-2020") & ~pl.col("part_of_summary"))
    assert summary.get_column("award_count").sum() == 5929
    assert awards.filter(pl.col("part_of_summary")).height == 13
    ntm = tables["ntm_criteria"]
    group = ntm.filter(pl.col("group_label") == "Các xã").row(0, named=True)
    assert (group["criteria_set"], group["criteria_met"], group["criteria_met_max"]) == ("ntm_nang_cao", 9, 14)
