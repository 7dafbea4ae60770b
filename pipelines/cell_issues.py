"""Checks the load path makes for every sheet family, from its ``SheetSpec`` alone. Pure Polars.

- A formula's error or missing value (``pipelines.parsing.cells``) is reported at its cell and
  its row rejected, so the figure loaded earlier stays (without this the row read as blank and
  vanished, and took the earlier figure with it).
- Text in a numeric column that the family's parser could not read ('nhiều' in a count) is
  reported at its cell, for every family, whether or not its model has a rule for that column.
- A percent-formatted number (Excel stores a typed "93,02%" as 0.9302) is scaled by 100 where
  it is a percentage: in a column whose header is a '%' and in a row whose unit is one.
- A percent figure about 100 times off its history or its target is a warning (an .xls cell, or
  a fraction typed for a percentage).
- Issues beyond a file's limit are counted in one summary issue.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from pipelines.families.base import WARNING_SCHEMA, SheetFamily
from pipelines.issues import ISSUE_COLUMNS, empty_issues
from pipelines.limits import vn_int
from pipelines.parsing.cells import FORMULA_ERROR, FORMULA_UNCACHED, PERCENT
from pipelines.validation import Validated
from schemas.messages import message
from schemas.workbook_format import Column

WHERE = ["source_file", "source_sheet", "source_row"]
CELL = ["file", "sheet", "row", "column"]
FORMULA_KINDS = (FORMULA_ERROR, FORMULA_UNCACHED)

ColumnRef = Callable[[str, str], "str | None"]


def numeric_columns(family: SheetFamily) -> dict[str, Column]:
    """The numeric columns of every sheet the family reads, by key."""
    return {c.key: c for spec in family.sheets.values() for c in spec.columns if c.numeric}


def is_percent_column(column: Column) -> bool:
    """A column whose header is a percentage ('% so với kế hoạch') holds percentages whatever the unit."""
    return column.header.lstrip().startswith("%")


def scale_percent_cells(
    rows: pl.DataFrame, cells: pl.DataFrame, family: SheetFamily, lookups: dict[str, pl.DataFrame]
) -> pl.DataFrame:
    """Percent-formatted number cells × 100 where they are percentages, before the family parses them.

    A row's unit is its indicator's unit in the catalog (when the family looks the catalog up), else
    the unit typed in the row. Cells typed as text ("93,02%") are already read as 93,02."""
    if cells.height == 0:
        return rows
    numeric = numeric_columns(family)
    percent = cells.filter((pl.col("kind") == PERCENT) & pl.col("key").is_in(list(numeric)))
    if percent.height == 0:
        return rows
    frame = rows
    units: list[pl.Expr] = []
    catalog = lookups.get("indicator_catalog")
    if catalog is not None and "indicator_code" in rows.columns and {"indicator_code", "unit"} <= set(catalog.columns):
        codes = catalog.select(pl.col("indicator_code").alias("_pct_code"), pl.col("unit").alias("_pct_unit"))
        frame = frame.with_columns(pl.col("indicator_code").str.to_lowercase().alias("_pct_code")).join(
            codes, on="_pct_code", how="left", maintain_order="left"
        )
        units.append(pl.col("_pct_unit"))
    if "unit" in rows.columns:
        units.append(pl.col("unit"))
    unit_is_percent = pl.coalesce(units).str.contains("%").fill_null(False) if units else pl.lit(False)
    for key, group in percent.group_by("key"):
        key = key[0]
        if key not in frame.columns:
            continue
        flags = group.select(WHERE).unique().with_columns(pl.lit(True).alias("_pct"))
        frame = frame.join(flags, on=WHERE, how="left", maintain_order="left")
        text = pl.col(f"{key}__text") if f"{key}__text" in frame.columns else pl.lit(False)
        scale = pl.col("_pct").fill_null(False) & ~text & (pl.lit(is_percent_column(numeric[key])) | unit_is_percent)
        # As calamine prints a number: '95', not '95.0' (a target keeps its text).
        scaled = (pl.col(key).cast(pl.Float64, strict=False) * 100).round(9).cast(pl.Utf8).str.replace(r"\.0$", "")
        frame = frame.with_columns(pl.when(scale).then(scaled).otherwise(pl.col(key)).alias(key)).drop("_pct")
    return frame.drop([c for c in ("_pct_code", "_pct_unit") if c in frame.columns])


def _cell_issues(found: pl.DataFrame, column_ref: ColumnRef) -> pl.DataFrame:
    """(WHERE, key, rule, value) → issue rows at those cells."""
    rows = []
    for rec in found.iter_rows(named=True):
        msg = message(rec["rule"])
        value = rec["value"]
        rows.append(
            {
                "file": rec["source_file"],
                "sheet": rec["source_sheet"],
                "row": rec["source_row"],
                "column": column_ref(rec["source_file"], rec["key"]),
                "value": value,
                "rule": rec["rule"],
                "severity": "error",
                "message_vi": msg.vi.replace("{value}", value or ""),
                "message_en": msg.en.replace("{value}", value or ""),
            }
        )
    return pl.DataFrame(rows, schema=ISSUE_COLUMNS)


def unread_numbers(parsed: pl.DataFrame, rows: pl.DataFrame, family: SheetFamily) -> pl.DataFrame:
    """Text cells of numeric columns that gave no number: (WHERE, key, value).

    What a column's cell gives is the parsed column of the same name, and the table columns the
    family's ``column_sources`` trace to it ('trên 370' gives ``target_low``): when all of those that
    are numbers are empty, the text was not read."""
    numeric = numeric_columns(family)
    schema = parsed.schema
    derived: dict[str, list[str]] = {}
    for key in numeric:
        if key not in rows.columns:
            continue
        names = [key, *(t for t, s in family.column_sources.items() if s == key)]
        cols = [c for c in dict.fromkeys(names) if c in schema and schema[c].is_numeric()]
        # A comparison with another period in the figure's place ('tăng 15% so với năm 2010') is read
        # too: the text parser keeps it as ``<column>_comparison`` (parsing.text.parse_figure).
        cols += [c for c in (f"{key}_comparison",) if c in schema]
        if cols:
            derived[key] = cols
    empty = pl.DataFrame(
        schema={**dict(zip(WHERE, (pl.Utf8, pl.Utf8, pl.Int64), strict=True)), "key": pl.Utf8, "value": pl.Utf8}
    )
    if not derived:
        return empty
    raw = rows.select(
        *WHERE,
        *[pl.col(k).alias(f"_raw_{k}") for k in derived],
        *[
            (pl.col(f"{k}__text") if f"{k}__text" in rows.columns else pl.lit(True)).alias(f"_text_{k}")
            for k in derived
        ],
    )
    values = parsed.select(*WHERE, *{c for cols in derived.values() for c in cols})
    aligned = values.height == raw.height and all(values.get_column(c).equals(raw.get_column(c)) for c in WHERE)
    joined = (
        raw.hstack(values.drop(WHERE).select(pl.all().name.prefix("_val_")))
        if aligned
        else raw.join(values.select(*WHERE, pl.exclude(WHERE).name.prefix("_val_")), on=WHERE, how="inner")
    )
    parts = []
    for key, cols in derived.items():
        unread = (
            pl.col(f"_raw_{key}").is_not_null()
            & pl.col(f"_text_{key}").fill_null(True)
            & pl.all_horizontal([pl.col(f"_val_{c}").is_null() for c in cols])
        )
        parts.append(
            joined.filter(unread).select(*WHERE, pl.lit(key).alias("key"), pl.col(f"_raw_{key}").alias("value"))
        )
    return pl.concat([empty, *parts])


def reject_unread_cells(
    batch: Validated,
    parsed: pl.DataFrame,
    rows: pl.DataFrame,
    cells: pl.DataFrame,
    family: SheetFamily,
    column_ref: ColumnRef,
) -> Validated:
    """Add the formula cells and the unread numbers to a batch's issues and reject their rows.

    A formula issue replaces what the family's rules said about its cell (they saw '#DIV/0!' as
    text); an unread number is said only where the family's rules said nothing about the cell."""
    formulas = cells.filter(pl.col("kind").is_in(FORMULA_KINDS)) if cells.height else cells
    formulas = formulas.select(*WHERE, "key", pl.col("kind").alias("rule"), "value") if formulas.height else None
    numbers = unread_numbers(parsed, rows, family)
    if formulas is not None and numbers.height:
        numbers = numbers.join(formulas.select(*WHERE, "key"), on=[*WHERE, "key"], how="anti")
    if (formulas is None or formulas.height == 0) and numbers.height == 0:
        return batch
    issues = batch.issues if batch.issues.width else empty_issues()
    added = []
    if formulas is not None and formulas.height:
        formula_issues = _cell_issues(formulas, column_ref)
        issues = issues.join(formula_issues.select(CELL), on=CELL, how="anti", nulls_equal=True)
        added.append(formula_issues)
    if numbers.height:
        number_issues = _cell_issues(numbers.with_columns(pl.lit("numeric_text").alias("rule")), column_ref)
        said = issues.filter(pl.col("severity") == "error").select(CELL)
        added.append(number_issues.join(said, on=CELL, how="anti", nulls_equal=True))
    new = pl.concat(added)
    issues = pl.concat([issues, new], how="vertical_relaxed")
    bad = new.select(
        pl.col("file").alias("source_file"), pl.col("sheet").alias("source_sheet"), pl.col("row").alias("source_row")
    ).unique()
    # A row's rules are those of its errors now standing (a formula's replaces the parse error it explains).
    errors = issues.filter(pl.col("severity") == "error").select(
        pl.col("file").alias("source_file"),
        pl.col("sheet").alias("source_sheet"),
        pl.col("row").alias("source_row"),
        "rule",
    )
    rejected = (
        pl.concat([batch.rejected.select(WHERE), bad], how="vertical_relaxed")
        .unique(maintain_order=True)
        .join(
            errors.group_by(WHERE).agg(pl.col("rule").unique().sort().str.join(",").alias("rules")),
            on=WHERE,
            how="left",
        )
    )
    valid = batch.valid.join(bad, on=WHERE, how="anti") if batch.valid.height else batch.valid
    return Validated(valid, issues, rejected)


def percent_scale_warnings(valid: pl.DataFrame, history: pl.DataFrame) -> pl.DataFrame:
    """Warnings for % figures about 100× off the same indicator's earlier years, or its target.

    ``valid`` holds parsed indicator rows (``unit``, ``actual``, ``target_low``/``target_high``);
    ``history`` one row per locality and indicator with ``history_value``, the median of its other
    years' current figures."""
    needed = {"unit", "indicator_code", "locality_code", "actual"}
    if valid.height == 0 or not needed <= set(valid.columns):
        return pl.DataFrame(schema=WARNING_SCHEMA)
    frame = valid.filter(pl.col("unit").str.contains("%").fill_null(False) & pl.col("actual").is_not_null())
    if frame.height == 0:
        return pl.DataFrame(schema=WARNING_SCHEMA)
    frame = frame.join(history, on=["locality_code", "indicator_code"], how="left")
    target = [c for c in ("target_low", "target_high") if c in frame.columns]
    target_mid = pl.mean_horizontal([pl.col(c) for c in target]) if target else pl.lit(None, dtype=pl.Float64)
    reference = pl.coalesce(pl.col("history_value"), target_mid)

    def off(value: pl.Expr) -> pl.Expr:
        ratio = (reference / value).abs()
        return (value != 0) & (reference != 0) & (ratio.is_between(50, 200) | (1 / ratio).is_between(50, 200))

    raw = "actual_raw" if "actual_raw" in frame.columns else "actual"
    flagged = frame.filter(off(pl.col("actual")).fill_null(False))
    return flagged.select(
        *WHERE,
        pl.lit("percent_scale_suspect").alias("rule"),
        pl.lit("actual").alias("column"),
        pl.col(raw).cast(pl.Utf8).alias("value"),
    )


def cap_issues(issues: pl.DataFrame, limit: int) -> pl.DataFrame:
    """At most ``limit`` issues per file (errors first, in sheet and row order), and one summary
    issue per capped file saying how many more there are."""
    if issues.height <= limit or limit <= 0:
        return issues
    counts = issues.group_by("file").len()
    over = counts.filter(pl.col("len") > limit)
    if over.height == 0:
        return issues
    order = issues.sort(
        ["file", pl.col("severity") != "error", "sheet", "row"], nulls_last=False, maintain_order=True
    ).with_columns(pl.int_range(pl.len()).over("file").alias("_rank"))
    kept = order.filter(pl.col("_rank") < limit).drop("_rank")
    dropped = order.filter(pl.col("_rank") >= limit)
    summaries = []
    msg = message("issues_capped")
    for file, extra in dropped.group_by("file").len().iter_rows():
        total = extra + limit
        errors = dropped.filter((pl.col("file") == file) & (pl.col("severity") == "error")).height
        summaries.append(
            {
                "file": file,
                "rule": "issues_capped",
                "severity": "error" if errors else "warning",
                "value": str(total),
                "message_vi": f"{msg.vi} Có {vn_int(total)} lỗi và cảnh báo; đã ghi {vn_int(limit)}, "
                f"còn {vn_int(extra)} chưa ghi.",
                "message_en": f"{msg.en} {total} issues; {limit} recorded, {extra} not.",
            }
        )
    return pl.concat([kept, pl.DataFrame(summaries, schema=ISSUE_COLUMNS)], how="vertical_relaxed")
