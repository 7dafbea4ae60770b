"""The new-rural-area sheet ('Nông thôn mới') → ``ntm_criteria``. Pure Polars."""

from __future__ import annotations

import polars as pl

from pipelines.families.base import Lookups, SheetFamily, Table
from pipelines.parsing.text import (
    clean_text,
    fold_expr,
    parse_count_range,
    vn_number,
    vocab_code,
    whole_number,
)
from schemas import NtmCriteria
from schemas.vocab import (
    ACTUAL_STATUS,
    NTM_CRITERIA_SET,
    NTM_CRITERIA_VERSIONS,
    NTM_LEVEL,
    YES_NO,
    ntm_criteria_version,
)
from schemas.workbook_format import NTM_SHEET

IDENTITY = ("unit_code", "unit_name", "group_label")
FIGURES = ("criterion_no", "criterion_met", "criteria_met", "level_reached", "criteria_total", "unit_count")
COLUMN_SOURCES = {"criteria_met_max": "criteria_met"}
KEY = ("locality_code", "period", "unit_code", "group_label", "criteria_set", "criterion_no")

_LEVEL_WORDS = r"^(xa|phuong|thi tran|thon|lang|to dan pho|buon|plei)\s+"


def _bare_name(expr: pl.Expr) -> pl.Expr:
    return fold_expr(expr).str.replace(_LEVEL_WORDS, "")


def parse(rows: pl.DataFrame, lookups: Lookups) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The family's transform: units named by code or name, looked up in the warehouse's localities."""
    return parse_ntm_rows(rows, lookups["localities"])


def parse_ntm_rows(rows: pl.DataFrame, localities: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Parse NTM rows; a unit may be given by code or, within the workbook's locality, by name.

    ``localities`` is the ``localities`` table. Returns the parsed frame and warnings.
    """
    units = localities.select(
        pl.col("locality_code").alias("unit_code"),
        pl.col("name_vi").alias("_unit_name_catalog"),
        pl.col("level").alias("unit_level"),
        pl.col("valid_from").alias("_valid_from"),
        pl.col("valid_to").alias("_valid_to"),
    ).unique(subset="unit_code", keep="last")
    by_name = localities.filter(pl.col("parent_code").is_not_null()).select(
        pl.col("locality_code").alias("_code_by_name"),
        _bare_name(pl.col("name_vi")).alias("_bare"),
    )
    met = vocab_code(pl.col("criterion_met"), YES_NO)
    counts = parse_count_range(pl.col("criteria_met"), pl.col("criteria_met__text"))
    # The national set in force in the row's year: its numbering, names and number of criteria.
    years = rows.get_column("period").cast(pl.Int64, strict=False).unique().drop_nulls().to_list()
    versions = pl.DataFrame(
        [(str(y), ntm_criteria_version(y).version, ntm_criteria_version(y).count) for y in years],
        schema={"period": pl.Utf8, "criteria_version": pl.Utf8, "version_count": pl.Int64},
        orient="row",
    )
    rows = rows.join(versions, on="period", how="left")
    frame = rows.with_columns(
        clean_text(pl.col("unit_code")).str.to_lowercase().alias("_typed_code"),
        clean_text(pl.col("unit_name")).alias("unit_name"),
        clean_text(pl.col("group_label")).alias("group_label"),
        _bare_name(clean_text(pl.col("unit_name"))).alias("_bare"),
    ).join(by_name.unique(subset="_bare", keep="none"), on="_bare", how="left")
    frame = frame.with_columns(pl.coalesce("_typed_code", "_code_by_name").alias("unit_code")).join(
        units, on="unit_code", how="left"
    )
    frame = frame.with_columns(
        pl.col("criteria_set").alias("criteria_set_raw"),
        pl.col("criterion_no").alias("criterion_no_raw"),
        pl.col("criterion_met").alias("criterion_met_raw"),
        pl.col("criteria_met").alias("criteria_met_raw"),
        pl.col("criteria_total").alias("criteria_total_raw"),
        pl.col("unit_count").alias("unit_count_raw"),
        pl.col("level_reached").alias("level_reached_raw"),
        pl.col("actual_status").alias("actual_status_raw"),
        pl.coalesce(
            vocab_code(pl.col("criteria_set"), NTM_CRITERIA_SET),
            pl.when(pl.col("criteria_set").is_null()).then(pl.lit("ntm")),
        ).alias("criteria_set"),
        whole_number(vn_number(pl.col("criterion_no"), pl.col("criterion_no__text"))).alias("criterion_no"),
        pl.when(met.is_null()).then(None).otherwise(met == "yes").alias("criterion_met"),
        counts["low"].alias("criteria_met"),
        counts["high"].alias("criteria_met_max"),
        pl.coalesce(
            whole_number(vn_number(pl.col("criteria_total"), pl.col("criteria_total__text"))),
            pl.when(pl.col("criteria_total").is_null()).then(pl.col("version_count")),
        ).alias("criteria_total"),
        # A group written '7 xã' says how many units it covers.
        pl.coalesce(
            whole_number(vn_number(pl.col("unit_count"), pl.col("unit_count__text"))),
            pl.when(pl.col("unit_count").is_null()).then(
                pl.col("group_label").str.extract(r"^\s*(\d+)\s+\D", 1).cast(pl.Int64, strict=False)
            ),
        ).alias("unit_count"),
        vocab_code(pl.col("level_reached"), NTM_LEVEL).alias("level_reached"),
        pl.coalesce(
            vocab_code(pl.col("actual_status"), ACTUAL_STATUS),
            pl.when(pl.col("actual_status").is_null()).then(pl.lit("estimate")),
        ).alias("actual_status"),
        pl.coalesce("unit_name", "_unit_name_catalog").alias("unit_name"),
        pl.col("unit_level").is_not_null().alias("unit_known"),
        clean_text(pl.col("source_document")).alias("source_document"),
        clean_text(pl.col("source_quote")).alias("source_quote"),
        clean_text(pl.col("note")).alias("note"),
    )
    year = pl.col("period").cast(pl.Int64, strict=False)
    not_valid = pl.col("unit_known") & (
        (pl.col("_valid_from").dt.year() > year) | (pl.col("_valid_to").dt.year() < year)
    ).fill_null(False)
    where = [pl.col("source_file"), pl.col("source_sheet"), pl.col("source_row")]
    warnings = pl.concat(
        [
            frame.filter(not_valid).select(
                *where,
                pl.lit("unit_not_valid_in_year").alias("rule"),
                pl.lit("unit_code").alias("column"),
                pl.col("unit_code").alias("value"),
            ),
            frame.filter(pl.col("actual_status_raw").is_null()).select(
                *where,
                pl.lit("default_actual_status").alias("rule"),
                pl.lit("actual_status").alias("column"),
                pl.lit(None, dtype=pl.Utf8).alias("value"),
            ),
        ]
    )
    return frame.drop(
        "_typed_code", "_bare", "_code_by_name", "_unit_name_catalog", "_valid_from", "_valid_to"
    ), warnings


SHEET_FAMILY = SheetFamily(
    name="ntm_criteria",
    sheets={"year": NTM_SHEET},
    model=NtmCriteria,
    parse=parse,
    tables=(
        Table(
            "ntm_criteria",
            NtmCriteria,
            KEY,
            "New-rural-area results per commune, village or group, per year: per criterion, count met, range, or level reached.",
        ),
    ),
    key=KEY,
    identity=IDENTITY,
    figures=FIGURES,
    group="ntm",
    reads=("localities",),
    column_sources=COLUMN_SOURCES,
    docs_where={"year": "yearly workbook, optional"},
    docs_note="A year's criteria are numbered and named as in the national set in force that year: "
    + "; ".join(
        f"**{v.version}** ({v.decision}, {v.count} criteria): "
        + ", ".join(f"{n}. {vi}" for n, (vi, _) in v.names.items())
        for v in NTM_CRITERIA_VERSIONS
    )
    + ". 'Mức đạt chuẩn' may say 'Đã đề nghị công nhận' (dossier filed, not yet recognised).",
    page="ntm",
    report_section="ntm",
    example=(
        {
            "group_label": "Các xã",
            "unit_count": 4,
            "criteria_set": "Nông thôn mới",
            "criteria_met": "9-14",
            "actual_status": "Chính thức",
        },
    ),
)
