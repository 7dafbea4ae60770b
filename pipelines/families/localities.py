"""The administrative units of a locality (its ``don-vi.xlsx``) → ``localities``. Pure Polars."""

from __future__ import annotations

import polars as pl

from pipelines.families.base import Lookups, SheetFamily, Table, no_warnings
from pipelines.parsing.text import clean_text, parse_date, vocab_code
from schemas import Localities
from schemas.vocab import LOCALITY_LEVEL
from schemas.workbook_format import LOCALITIES_SHEET

IDENTITY = ("code", "name_vi")
FIGURES = ("level",)
KEY = ("locality_code",)
# The sheet calls its code column 'code' (a workbook's own locality is 'locality_code').
COLUMN_SOURCES = {"locality_code": "code"}


def parse(rows: pl.DataFrame, lookups: Lookups) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Units parsed; a parent may be declared in another locality's file (its province) or loaded before."""
    parsed = parse_locality_rows(rows)
    known = (
        pl.concat([lookups["localities"].get_column("locality_code"), parsed.get_column("locality_code")])
        .drop_nulls()
        .unique()
    )
    return parsed.with_columns(pl.col("parent_code").is_in(known.implode()).alias("parent_known")), no_warnings()


def parse_locality_rows(rows: pl.DataFrame) -> pl.DataFrame:
    """'Đơn vị hành chính' rows (from every locality's don-vi workbook) → ``Localities`` shape."""
    frame = rows.with_columns(
        clean_text(pl.col("code")).str.to_lowercase().alias("locality_code"),
        clean_text(pl.col("name_vi")).alias("name_vi"),
        clean_text(pl.col("parent_code")).str.to_lowercase().alias("parent_code"),
        clean_text(pl.col("note")).alias("note"),
        clean_text(pl.col("source_document")).alias("source_document"),
        clean_text(pl.col("source_quote")).alias("source_quote"),
        pl.col("level").alias("level_raw"),
        pl.col("valid_from").alias("valid_from_raw"),
        pl.col("valid_to").alias("valid_to_raw"),
        vocab_code(pl.col("level"), LOCALITY_LEVEL).alias("level"),
        parse_date(pl.col("valid_from")).alias("valid_from"),
        parse_date(pl.col("valid_to")).alias("valid_to"),
    )
    # Two localities may both declare a unit they share (their province): identical declarations in
    # other files are one unit, not a duplicate. Conflicting ones are still reported.
    same = ["locality_code", "name_vi", "level", "parent_code", "valid_from", "valid_to"]
    frame = frame.filter(
        pl.col("locality_code").is_null() | (pl.col("source_file") == pl.col("source_file").min().over(same))
    )
    codes = frame.get_column("locality_code").drop_nulls().unique().implode()
    return frame.with_columns(pl.col("parent_code").is_in(codes).alias("parent_known"))


SHEET_FAMILY = SheetFamily(
    name="localities",
    sheets={"localities": LOCALITIES_SHEET},
    model=Localities,
    parse=parse,
    tables=(
        Table(
            "localities",
            Localities,
            KEY,
            "Administrative units with their hierarchy and validity dates, from each locality's don-vi.xlsx.",
        ),
    ),
    key=KEY,
    identity=IDENTITY,
    figures=FIGURES,
    group="reference",
    reads=("localities",),
    column_sources=COLUMN_SOURCES,
    reference=True,
    # Codes must be unique, and parents known, across every file at once.
    batch_by_locality=False,
    sheet_required=True,
    speaks_for_workbook=True,
    docs_where={"localities": "don-vi.xlsx, required"},
    not_shown_because="Units name the localities, communes and villages on every page; they have no page of their own.",
    example=(
        {"code": "vi-du", "name_vi": "Thị xã Ví Dụ", "level": "Thị xã"},
        {"code": "vi-du-a", "name_vi": "Xã A", "level": "Xã", "parent_code": "vi-du"},
    ),
)
