"""The data-quality view's consistency warnings as people read them: what disagrees, with the figures,
and where each figure was typed. Pure Polars; no Streamlit, no DuckDB."""

from __future__ import annotations

import polars as pl

from analysis.i18n import indicator_name, t
from analysis.tables import Table
from schemas.consistency_warnings import CONSISTENCY_FIGURE, CONSISTENCY_RULE

_DISPLAY = ("col_rule", "col_indicator", "col_period", "col_disagreement", "col_where", "col_related")
_EXPORT = (
    "col_rule",
    "col_code",
    "col_indicator",
    "col_period",
    "col_figure",
    "col_value",
    "col_expected",
    "col_tolerance",
    "col_compared_period",
    "col_price_basis",
    "col_disagreement",
    "col_file",
    "col_sheet",
    "col_row",
    "col_related",
    "col_evidence",
)
_BASIS = {
    "constant": ("Giá so sánh", "Constant prices"),
    "current": ("Giá hiện hành", "Current prices"),
    "mixed": ("Cả hai loại giá", "Both prices named"),
}


def where(file: str | None, sheet: str | None, row: int | None, lang: str = "vi") -> str:
    """'an-khe/2015.xlsx › Chỉ tiêu › dòng 26'."""
    if not file:
        return ""
    word = "dòng" if lang == "vi" else "row"
    return " › ".join(str(x) for x in (file, sheet, f"{word} {row}" if row is not None else None) if x)


def for_period(frames: list[pl.DataFrame], period: str) -> pl.DataFrame:
    """The warnings of several units (``Reader.consistency_warnings`` each) about one period, once each
    (a unit's workbook may hold its parent's figures, so one warning can come back for both)."""
    frames = [f for f in frames if not f.is_empty()]
    if not frames:
        return pl.DataFrame()
    both = pl.concat(frames, how="vertical_relaxed").filter(pl.col("period") == period)
    return both.unique(subset=["locality_code", "indicator_code", "period", "rule", "figure"], maintain_order=True)


def beside_unit_sums(warnings: pl.DataFrame, unit_sums: pl.DataFrame) -> pl.DataFrame:
    """The warnings but the units' sums that ``unit_sums`` (``mart_unit_sums`` rows shown beside them)
    already lists: one difference between a locality's figure and its units' is listed once on a page."""
    if warnings.is_empty() or unit_sums.is_empty():
        return warnings
    keys = ["locality_code", "indicator_code", "period"]
    shown = unit_sums.select(keys).unique().with_columns(pl.lit("units_sum").alias("rule"))
    return warnings.join(shown, on=[*keys, "rule"], how="anti", nulls_equal=True)


def consistency_table(frame: pl.DataFrame, lang: str = "vi") -> Table:
    """One row per warning (``Reader.consistency_warnings``): the rule, the indicator and period, the
    message with its figures, and the cells to look at. The download adds every figure as a number."""
    headers = {k: t(k, lang) for k in dict.fromkeys((*_DISPLAY, *_EXPORT))}
    records = frame.to_dicts()
    display_rows, export_rows = [], []
    for r in records:
        related = r["related_source"] or ""
        if lang == "en":
            related = related.replace("dòng ", "row ")
        common = {
            "col_rule": CONSISTENCY_RULE.label(r["rule"], lang),
            "col_indicator": indicator_name(r["name_vi"], r["name_en"], lang) or r["indicator_code"],
            "col_period": r["period"],
            "col_disagreement": r["message_en"] if lang == "en" else r["message_vi"],
            "col_related": related,
        }
        display_rows.append({**common, "col_where": where(r["source_file"], r["source_sheet"], r["source_row"], lang)})
        basis = _BASIS.get(r["price_basis"] or "")
        export_rows.append(
            {
                **common,
                "col_code": r["indicator_code"],
                "col_figure": CONSISTENCY_FIGURE.label(r["figure"], lang),
                "col_value": r["value"],
                "col_expected": r["expected"],
                "col_tolerance": r["tolerance"],
                "col_compared_period": r["related_period"],
                "col_price_basis": (basis[1] if lang == "en" else basis[0]) if basis else None,
                "col_file": r["source_file"],
                "col_sheet": r["source_sheet"],
                "col_row": r["source_row"],
                "col_evidence": r["evidence"],
            }
        )
    numbers = {"col_value": pl.Float64, "col_expected": pl.Float64, "col_tolerance": pl.Float64, "col_row": pl.Int64}
    display = pl.DataFrame(display_rows, schema=dict.fromkeys(_DISPLAY, pl.Utf8))
    export = pl.DataFrame(
        [{k: row.get(k) for k in _EXPORT} for row in export_rows],
        schema={k: numbers.get(k, pl.Utf8) for k in _EXPORT},
    )
    return Table(display, export, headers)
