"""The deadlines sheet ('Hạn nộp') of the level above's yearly workbook → ``deadlines``. Pure Polars.

A town (or province) writes in its own yearly workbook by when the units under it report; the
tracking page ('Theo dõi nộp báo cáo') compares every unit's submissions with them.
"""

from __future__ import annotations

import polars as pl

from pipelines.families.base import Lookups, SheetFamily, Table, no_warnings
from pipelines.parsing.text import clean_text, fold_expr, parse_date, vocab_code
from schemas import Deadlines
from schemas.messages import Message
from schemas.vocab import DEADLINE_KIND
from schemas.workbook_format import DEADLINES_SHEET

IDENTITY = ("item",)
FIGURES = ("due",)
KEY = ("locality_code", "period", "kind", "applies_to", "item")


def parse(rows: pl.DataFrame, lookups: Lookups) -> tuple[pl.DataFrame, pl.DataFrame]:
    return parse_deadline_rows(rows), no_warnings()


def due_date(raw: pl.Expr, year: pl.Expr) -> pl.Expr:
    """A deadline as clerks write it: a date cell, 20/12/2025, 'ngày 20 tháng 12 năm 2025', or
    '20/3' (the workbook's year)."""
    text = raw.str.strip_chars()
    words = text.str.to_lowercase().str.extract_groups(r"ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})(?:\s*năm\s*(\d{4}))?")
    short = text.str.extract_groups(r"^(?:ngày\s*)?(\d{1,2})[/.\-](\d{1,2})$")
    built = [
        pl.concat_str(
            pl.coalesce(groups.struct.field(year_field), year.cast(pl.Utf8)) if year_field else year.cast(pl.Utf8),
            pl.lit("-"),
            groups.struct.field("2").str.zfill(2),
            pl.lit("-"),
            groups.struct.field("1").str.zfill(2),
        ).str.to_date("%Y-%m-%d", strict=False)
        for groups, year_field in ((words, "3"), (short, None))
    ]
    return pl.coalesce(parse_date(raw), *built)


def kind_from_item(item: pl.Expr) -> pl.Expr:
    """What a deadline is for, from its 'Nội dung' when the 'Loại' cell is empty."""
    folded = fold_expr(item)
    return (
        pl.when(folded.str.contains(r"6 thang|sau thang|so ket"))
        .then(pl.lit("half_year"))
        .when(folded.str.contains(r"dang ky|giao uoc"))
        .then(pl.lit("registration"))
        .when(folded.str.contains(r"ca nam|nam|tong ket"))
        .then(pl.lit("year"))
        .otherwise(pl.lit("other"))
    )


def parse_deadline_rows(rows: pl.DataFrame) -> pl.DataFrame:
    item = clean_text(pl.col("item"))
    return rows.with_columns(
        item.alias("item"),
        pl.col("due").alias("due_raw"),
        due_date(pl.col("due"), pl.col("period_first_year")).alias("due"),
        pl.col("kind").alias("kind_raw"),
        pl.when(pl.col("kind").is_null())
        .then(kind_from_item(item))
        .otherwise(vocab_code(pl.col("kind"), DEADLINE_KIND))
        .alias("kind"),
        clean_text(pl.col("applies_to")).str.to_lowercase().alias("applies_to"),
        clean_text(pl.col("source_document")).alias("source_document"),
        clean_text(pl.col("source_quote")).alias("source_quote"),
        clean_text(pl.col("note")).alias("note"),
    )


SHEET_FAMILY = SheetFamily(
    name="deadlines",
    sheets={"year": DEADLINES_SHEET},
    model=Deadlines,
    parse=parse,
    tables=(
        Table(
            "deadlines",
            Deadlines,
            KEY,
            "By when the units under a town or province report a year's registration, half-year and year figures.",
        ),
    ),
    key=KEY,
    identity=IDENTITY,
    figures=FIGURES,
    group="reporting",
    messages={
        "parse_deadline_due": Message(
            "due",
            "Không đọc được hạn nộp: ghi ngày/tháng/năm (20/12/2025), hoặc ngày/tháng (20/3) cho năm của tệp.",
            "The deadline cannot be read: write day/month/year (20/12/2025), or day/month (20/3) for the file's year.",
        ),
        "parse_deadline_kind": Message(
            "kind",
            "Loại hạn nộp không có trong danh sách (Số liệu cả năm, Số liệu 6 tháng, Đăng ký thi đua, Khác).",
            "The kind of deadline is not one of the list (the year's figures, the half-year figures, "
            "registration, other).",
        ),
    },
    docs_where={"year": "yearly workbook of the level above (the town or province), optional"},
    docs_note=(
        "A unit's deadline is the one its parent's yearly workbook sets for it ('Áp dụng cho' its code) or, "
        "failing that, for every unit under the parent (empty 'Áp dụng cho')."
    ),
    not_shown_because=(
        "Not a figure: the tracking page ('Theo dõi nộp báo cáo') judges each unit's timeliness against it."
    ),
    example=(
        {"item": "Đăng ký thi đua", "due": "20/3"},
        {"item": "Số liệu 6 tháng đầu năm", "due": "30/06/2023", "kind": "Số liệu 6 tháng"},
        {"item": "Số liệu ước thực hiện cả năm", "due": "15/12/2023"},
    ),
)
