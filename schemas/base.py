"""Pieces every table model shares: where a row came from, and how a row-wise check is written."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import pandera.polars as pa
import polars as pl

from schemas.patterns import CODE_PATTERN, PERIOD_PATTERN, SLUG_PATTERN, TERM_PATTERN, YEAR_PATTERN

__all__ = ["CODE_PATTERN", "PERIOD_PATTERN", "SLUG_PATTERN", "TERM_PATTERN", "YEAR_PATTERN"]


@cache
def polars_schema(model: type[pa.DataFrameModel]) -> dict[str, pl.DataType]:
    """The Polars dtypes of a model's columns, in order: the shape of its warehouse table."""
    return {name: column.dtype.type for name, column in model.to_schema().columns.items()}


def row_check(data: pa.PolarsData, expr: pl.Expr, needs: Sequence[str]) -> pl.LazyFrame:
    """Evaluate a row-wise boolean expression, passing every row when a needed column is absent.

    Context columns (the catalog's unit, the raw cell text) exist only while the pipeline
    validates a freshly parsed sheet; the same model also validates stored frames, which lack them.
    """
    lf = data.lazyframe
    names = set(lf.collect_schema().names())
    if not set(needs) <= names:
        return lf.select(pl.lit(True).alias("ok"))
    return lf.select(expr.fill_null(True).alias("ok"))


def parsed_if_present(raw: str, parsed: str) -> pl.Expr:
    """A cell that had text must have produced a value."""
    return pl.col(raw).is_null() | pl.col(parsed).is_not_null()


def within_catalog_range(value: str) -> pl.Expr:
    lo = pl.col("catalog_min")
    hi = pl.col("catalog_max")
    v = pl.col(value)
    return v.is_null() | ((lo.is_null() | (v >= lo)) & (hi.is_null() | (v <= hi)))


class SourceColumns(pa.DataFrameModel):
    """Where a row came from: the document it reports and the workbook cell it was typed in."""

    source_document: pl.Utf8 = pa.Field(
        nullable=True,
        description="Document the figure is reported in (e.g. '[001] Bài viết Những thành tựu đáng tự hào, 02/2024').",
    )
    source_quote: pl.Utf8 = pa.Field(
        nullable=True, description="The sentence of the document that states the figure, verbatim."
    )
    source_file: pl.Utf8 = pa.Field(
        description="Workbook path relative to the raw-data folder (e.g. 'an-khe/2023.xlsx')."
    )
    source_sheet: pl.Utf8 = pa.Field(description="Sheet of the workbook the row was read from.")
    source_row: pl.Int64 = pa.Field(ge=1, description="Spreadsheet row number (1-based, as Excel shows it).")
