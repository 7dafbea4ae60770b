"""The indicator sheet ('Chỉ tiêu'): targets and actuals of yearly and term workbooks. Pure Polars.

Rows → ``IndicatorSheet`` (validated) → ``indicator_targets`` and ``indicator_actuals`` (with
revisions: an estimate, later the official figure).
"""

from __future__ import annotations

import polars as pl

from pipelines.families.base import Lookups, SheetFamily, Table
from pipelines.parsing.text import (
    decimals_written,
    fold_expr,
    parse_figure,
    parse_span,
    parse_target,
    vn_number,
    vocab_code,
    whole_number,
    with_folded,
)
from schemas import IndicatorActuals, IndicatorSheet, IndicatorTargets
from schemas.units import conversion_factor, parse_unit
from schemas.vocab import (
    ACTUAL_STATUS,
    STATUS,
    TARGET_KIND,
    TARGET_SOURCE,
    TARGET_SOURCE_WORDS,
    YES_NO_PLAIN,
    fold,
)
from schemas.workbook_format import INDICATOR_TERM, INDICATOR_YEAR

# Columns of the sheet that carry a figure: a row with none of them is not reported.
FIGURES = ("target_text", "h1_actual", "actual", "reported_pct", "reported_grade", "comparison_text")
IDENTITY = ("indicator_code", "name")
KEY = ("locality_code", "indicator_code", "period")
# A target may be stated more than once in a period, and a unit's figure may be reported by its parent.
TARGET_KEY = ("locality_code", "indicator_code", "period", "reported_by", "statement")
ACTUAL_KEY = ("locality_code", "indicator_code", "period", "reported_by")

# Table column → sheet column, so a failure points at the cell the clerk typed.
COLUMN_SOURCES = {
    "target_form": "target_text",
    "target_low": "target_text",
    "target_high": "target_text",
    "covered_from": "covered",
    "covered_to": "covered",
    "name": "name",
}


def catalog_lookup(catalog: pl.DataFrame) -> pl.DataFrame:
    """The catalog columns a sheet is checked against, with every accepted unit spelling folded."""
    return (
        with_folded(catalog.select("indicator_code", "name_vi"), "name_vi", "catalog_name_folded")
        .join(
            catalog.select(
                "indicator_code",
                pl.col("name_vi").alias("catalog_name"),
                pl.col("unit").alias("catalog_unit"),
                pl.concat_list(pl.col("unit"), pl.col("unit_aliases").fill_null("").str.split(";"))
                .list.eval(fold_expr(pl.element()))
                .list.eval(pl.element().filter(pl.element() != ""))
                .alias("catalog_units_folded"),
                pl.col("min_value").alias("catalog_min"),
                pl.col("max_value").alias("catalog_max"),
                pl.col("decimals").alias("catalog_decimals"),
                # A share (%, ‰) is what a count over a denominator ('120/150 làng') gives.
                pl.Series(
                    "catalog_share_factor",
                    [conversion_factor("%", u) for u in catalog.get_column("unit").to_list()],
                    dtype=pl.Float64,
                ),
            ),
            on="indicator_code",
        )
        .drop("name_vi")
    )


def parse(rows: pl.DataFrame, lookups: Lookups) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The family's transform: rows parsed against the catalog (and the units) in the warehouse."""
    return parse_indicator_rows(rows, lookups["indicator_catalog"], lookups.get("localities"))


def _unit_factors(frame: pl.DataFrame, written: str, out: str) -> pl.DataFrame:
    """``out``: the factor from the unit in ``written`` to the catalog's unit (1 for one of its own
    spellings; null when the two are not known to convert), worked out once per distinct pair."""
    pairs = frame.select(written, "catalog_unit", "catalog_units_folded").drop_nulls([written, "catalog_unit"])
    pairs = pairs.unique(subset=[written, "catalog_unit"])
    factors = [
        1.0 if fold(w) in (spellings or []) else conversion_factor(w, c) for w, c, spellings in pairs.iter_rows()
    ]
    mapping = pairs.select(written, "catalog_unit").with_columns(pl.Series(out, factors, dtype=pl.Float64))
    return frame.join(mapping, on=[written, "catalog_unit"], how="left")


def _suffix_unit(text: pl.Expr) -> pl.Expr:
    """The unit written after a target's last number ('dưới 12‰' → '‰', 'trên 370 đảng viên' → 'đảng viên')."""
    tail = text.str.extract(r"\d\s*([^\d]*?)\s*$", 1).str.replace(r"(?i)\s*trở lên$", "").str.strip_chars()
    return pl.when(tail == "").then(None).otherwise(tail)


def _named_units(frame: pl.DataFrame, localities: pl.DataFrame | None) -> pl.DataFrame:
    """A row naming a unit inside the locality ('Đơn vị thực hiện': a code, or a name such as 'Xã
    Thành An') is that unit's figure, reported by the workbook's locality."""
    typed = frame.get_column("unit_code")
    frame = frame.with_columns(pl.col("unit_code").alias("unit_code_raw"))
    if typed.null_count() == frame.height:
        return frame.with_columns(pl.lit(None, dtype=pl.Utf8).alias("reported_by"), pl.lit(True).alias("unit_known"))
    units = (
        localities if localities is not None else pl.DataFrame(schema={"locality_code": pl.Utf8, "name_vi": pl.Utf8})
    )
    codes = units.get_column("locality_code").unique().implode()
    by_name = units.select(
        pl.col("locality_code").alias("_unit_by_name"),
        fold_expr(pl.col("name_vi")).str.replace(r"^(xa|phuong|thi tran|thon|lang|to dan pho)\s+", "").alias("_u"),
    ).unique(subset="_u", keep="none")
    frame = frame.with_columns(
        fold_expr(pl.col("unit_code")).str.replace(r"^(xa|phuong|thi tran|thon|lang|to dan pho)\s+", "").alias("_u")
    ).join(by_name, on="_u", how="left")
    lowered = pl.col("unit_code").str.to_lowercase().str.strip_chars()
    resolved = pl.when(lowered.is_in(codes)).then(lowered).otherwise(pl.col("_unit_by_name"))
    named = pl.col("unit_code").is_not_null()
    return frame.with_columns(
        pl.when(named).then(pl.col("locality_code")).alias("reported_by"),
        pl.when(named & resolved.is_not_null())
        .then(resolved)
        .otherwise(pl.col("locality_code"))
        .alias("locality_code"),
        (~named | resolved.is_not_null()).alias("unit_known"),
    ).drop("_u", "_unit_by_name")


def parse_indicator_rows(
    rows: pl.DataFrame, catalog: pl.DataFrame, localities: pl.DataFrame | None = None
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Parse raw 'Chỉ tiêu' rows into the ``IndicatorSheet`` shape (plus validation context).

    ``rows`` holds the sheet's text cells (one Utf8 column per sheet column, ``<col>__text``
    flags for numeric columns) and the workbook context: ``locality_code``, ``period``,
    ``period_kind``, ``period_first_year``, ``period_last_year``, ``source_file``,
    ``source_sheet``, ``source_row``. Returns the parsed frame and the warnings raised
    (rows that load with a default), as ``source_file, source_sheet, source_row, rule, column, value``.

    Figures are read the way reports write them: 'trên 80%', 'gần 98%', 'khoảng 1.250.000,5' (the
    number, its qualifier and the text kept); '120/150 làng' (count, denominator, and the share for a
    % indicator); a unit that differs from the catalog's by a known factor (‰ and %, triệu and tỷ
    đồng …) converted, the written unit and value kept; 'tăng 15% so với năm 2015' kept as a
    comparison. A target stated more than once in a period keeps every statement; one is binding.
    """
    # Cells arrive cleaned (trimmed, single spaces, empty as null) from the reading step.
    rows = _with_all_columns(rows)
    lookup = catalog_lookup(catalog)
    names = lookup.select(
        pl.col("catalog_name_folded").alias("_name_folded"), pl.col("indicator_code").alias("_code_from_name")
    ).unique(subset="_name_folded", keep="none")

    frame = rows.with_columns(
        pl.col("indicator_code").str.to_lowercase().alias("indicator_code_raw"),
        pl.col("unit").alias("unit_raw"),
        pl.col("name").alias("indicator_name"),
    )
    frame = with_folded(with_folded(frame, "name", "_name_folded"), "unit_raw", "_unit_folded").join(
        names, on="_name_folded", how="left"
    )
    frame = frame.with_columns(
        pl.coalesce("indicator_code_raw", "_code_from_name").alias("indicator_code"),
        (pl.col("indicator_code_raw").is_null() & pl.col("_code_from_name").is_not_null()).alias("_code_filled"),
    ).join(lookup, on="indicator_code", how="left")
    frame = _named_units(frame, localities)

    covered = parse_span(pl.col("covered"))
    is_year = pl.col("period_kind") == "year"

    frame = (
        frame.lazy()
        .with_columns(
            pl.col("target_kind").alias("target_kind_raw"),
            pl.col("actual").alias("actual_raw"),
            pl.col("h1_actual").alias("h1_actual_raw"),
            pl.col("reported_pct").alias("reported_pct_raw"),
            pl.col("reported_grade").alias("reported_grade_raw"),
            pl.col("baseline_value").alias("baseline_value_raw"),
            pl.col("baseline_year").alias("baseline_year_raw"),
            pl.col("actual_status").alias("actual_status_raw"),
            pl.col("covered").alias("covered_raw"),
            pl.col("binding").alias("binding_raw"),
            pl.col("target_source_kind").alias("target_source_kind_raw"),
            vn_number(pl.col("reported_pct"), pl.col("reported_pct__text")).alias("reported_pct"),
            vn_number(pl.col("baseline_value"), pl.col("baseline_value__text")).alias("baseline_value"),
            whole_number(vn_number(pl.col("baseline_year"), pl.col("baseline_year__text"))).alias("baseline_year"),
            vocab_code(pl.col("reported_grade"), STATUS).alias("reported_grade"),
            vocab_code(pl.col("binding"), YES_NO_PLAIN).alias("binding_code"),
            vocab_code(pl.col("target_source_kind"), TARGET_SOURCE).alias("source_kind_written"),
            decimals_written(pl.col("target_text"), pl.col("target_text__text")).alias("target_decimals"),
            _suffix_unit(pl.col("target_text")).alias("_target_suffix"),
        )
        .collect()
    )  # lazily, so the number parsers' shared steps run once
    frame = parse_figure(frame, "actual_raw", "actual__text", "actual")
    frame = parse_figure(frame, "h1_actual_raw", "h1_actual__text", "h1_actual")
    frame = parse_target(frame, "target_text", "target_text__text")

    # Units: each figure's own suffix when it names a unit, else the row's 'Đơn vị tính'.
    for suffix in ("actual_unit_written", "h1_actual_unit_written", "_target_suffix"):
        values = frame.get_column(suffix).drop_nulls().unique()
        known = pl.DataFrame(
            {suffix: values, f"_known{suffix}": [parse_unit(v) is not None for v in values.to_list()]},
            schema={suffix: pl.Utf8, f"_known{suffix}": pl.Boolean},
        )
        frame = frame.join(known, on=suffix, how="left")

    def written_unit(suffix: str) -> pl.Expr:
        own = pl.col("catalog_units_folded").list.contains(fold_expr(pl.col(suffix)))
        known = pl.col(f"_known{suffix}").fill_null(False)
        return pl.when(pl.col(suffix).is_not_null() & (known | own.fill_null(False))).then(pl.col(suffix))

    frame = frame.with_columns(
        pl.coalesce(written_unit("actual_unit_written"), "unit_raw").alias("_actual_unit"),
        pl.coalesce(written_unit("h1_actual_unit_written"), "unit_raw").alias("_h1_unit"),
        pl.coalesce(written_unit("_target_suffix"), "unit_raw").alias("_target_unit"),
    )
    for written, out in (
        ("_actual_unit", "_f_actual"),
        ("_h1_unit", "_f_h1"),
        ("_target_unit", "_f_target"),
        ("unit_raw", "_f_row"),
    ):
        frame = _unit_factors(frame, written, out)
    has = {
        w: pl.col(w).is_not_null() & pl.col("catalog_unit").is_not_null()
        for w in ("_actual_unit", "_h1_unit", "_target_unit", "unit_raw")
    }
    unit_ok = (
        (~has["unit_raw"] | pl.col("_f_row").is_not_null())
        & (~has["_actual_unit"] | pl.col("_f_actual").is_not_null() | pl.col("actual").is_null())
        & (~has["_h1_unit"] | pl.col("_f_h1").is_not_null() | pl.col("h1_actual").is_null())
        & (~has["_target_unit"] | pl.col("_f_target").is_not_null() | pl.col("target_form").is_null())
    )
    f_actual, f_h1 = pl.col("_f_actual").fill_null(1.0), pl.col("_f_h1").fill_null(1.0)
    f_target, f_row = pl.col("_f_target").fill_null(1.0), pl.col("_f_row").fill_null(1.0)
    # '120/150 làng' for a share: the share itself, in the catalog's unit of a share.
    share_factor = pl.col("catalog_share_factor")
    from_count = (
        pl.col("actual_denominator").is_not_null() & (pl.col("actual_denominator") > 0) & share_factor.is_not_null()
    )
    converted = (f_actual != 1.0) & pl.col("actual").is_not_null()
    frame = frame.with_columns(
        pl.when(from_count)
        .then(pl.col("actual_count") / pl.col("actual_denominator") * 100 * share_factor)
        .otherwise(pl.col("actual") * f_actual)
        .alias("actual"),
        (pl.col("h1_actual") * f_h1).alias("h1_actual"),
        (pl.col("target_low") * f_target).alias("target_low"),
        (pl.col("target_high") * f_target).alias("target_high"),
        (pl.col("baseline_value") * f_row).alias("baseline_value"),
        pl.when(converted).then(pl.col("actual")).alias("value_written"),
        pl.when(converted).then(pl.col("_actual_unit")).alias("unit_written"),
        pl.when(from_count)
        .then(pl.lit(2))
        .otherwise(_shifted_decimals(pl.col("actual_decimals"), f_actual))
        .alias("value_decimals"),
        _shifted_decimals(pl.col("target_decimals"), f_target).alias("target_decimals"),
        pl.when((f_target != 1.0) & pl.col("target_form").is_not_null())
        .then(pl.col("_target_unit"))
        .alias("target_unit_written"),
        unit_ok.alias("catalog_unit_ok"),
        pl.coalesce("comparison_text", "actual_comparison").alias("comparison_text"),
    )
    has_value = pl.col("actual").is_not_null() | pl.col("h1_actual").is_not_null()
    frame = frame.with_columns(
        pl.when(pl.col("baseline_year").is_between(1900, 2100)).then(pl.col("baseline_year")).alias("baseline_year"),
        pl.when(is_year & pl.col("target_text").is_not_null())
        .then(pl.lit("annual"))
        .when(~is_year)
        .then(vocab_code(pl.col("target_kind_raw"), TARGET_KIND))
        .alias("target_kind"),
        pl.when(pl.col("actual_status_raw").is_null())
        .then(pl.lit("estimate"))
        .otherwise(vocab_code(pl.col("actual_status_raw"), ACTUAL_STATUS))
        .alias("actual_status"),
        pl.when(is_year)
        .then(pl.when(has_value).then(pl.col("period_first_year")))
        .otherwise(
            pl.coalesce(covered["from"], pl.when(pl.col("actual").is_not_null()).then(pl.col("period_first_year")))
        )
        .alias("covered_from"),
        pl.when(is_year)
        .then(pl.when(has_value).then(pl.col("period_last_year")))
        .otherwise(pl.coalesce(covered["to"], pl.when(pl.col("actual").is_not_null()).then(pl.col("period_last_year"))))
        .alias("covered_to"),
        pl.coalesce("catalog_unit", "unit_raw").alias("unit"),
        # The source of a target: as written, else from its document's title, else the usual one.
        pl.when(pl.col("target_text").is_not_null())
        .then(
            pl.coalesce(
                "source_kind_written",
                _source_from_document(pl.col("target_document")),
                pl.when(pl.col("target_source_kind_raw").is_null()).then(
                    pl.when(is_year).then(pl.lit("council")).otherwise(pl.lit("congress"))
                ),
            )
        )
        .alias("target_source_kind"),
    )
    # A covered span that did not parse must stay null so the parse check reports it.
    frame = frame.with_columns(
        pl.when(pl.col("covered_raw").is_not_null() & covered["to"].is_null())
        .then(None)
        .otherwise(pl.col("covered_to"))
        .alias("covered_to"),
    )
    frame, statement_warnings = _statements(frame)

    warnings = pl.concat(
        [
            frame.filter(
                pl.col("actual_status_raw").is_null() & has_value & pl.col("indicator_code").is_not_null()
            ).select(
                *_where(),
                pl.lit("default_actual_status").alias("rule"),
                pl.lit("actual_status").alias("column"),
                pl.lit(None, dtype=pl.Utf8).alias("value"),
            ),
            frame.filter(pl.col("_code_filled")).select(
                *_where(),
                pl.lit("code_from_name").alias("rule"),
                pl.lit("indicator_code").alias("column"),
                pl.col("name").alias("value"),
            ),
            frame.filter(converted.fill_null(False) | ((f_target != 1.0) & pl.col("target_form").is_not_null())).select(
                *_where(),
                pl.lit("unit_converted").alias("rule"),
                pl.lit("unit").alias("column"),
                pl.concat_str(
                    [pl.coalesce("unit_written", "target_unit_written"), pl.lit(" → "), pl.col("catalog_unit")]
                ).alias("value"),
            ),
            _far_from_catalog(frame).select(
                *_where(),
                pl.lit("name_differs_from_catalog").alias("rule"),
                pl.lit("name").alias("column"),
                pl.col("name").alias("value"),
            ),
            statement_warnings,
        ],
        how="vertical_relaxed",
    )
    drop = [c for c in frame.columns if c.startswith("_")]
    return frame.drop(*drop, "indicator_code_raw"), warnings


def _far_from_catalog(frame: pl.DataFrame) -> pl.DataFrame:
    """Rows whose name shares little with the catalog's name for their code: a locality words an
    indicator its own way (that is what its pages show), but 'Thu ngân sách' on the code of the poverty
    rate is a wrong code. Worked out once per distinct pair of names."""
    pairs = frame.select("_name_folded", "catalog_name_folded").drop_nulls().unique()

    def far(a: str, b: str) -> bool:
        wa, wb = {w for w in a.split() if len(w) > 1}, {w for w in b.split() if len(w) > 1}
        return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) < 0.5

    flags = pairs.with_columns(pl.Series("_far", [far(a, b) for a, b in pairs.iter_rows()], dtype=pl.Boolean))
    return frame.join(flags, on=["_name_folded", "catalog_name_folded"], how="inner").filter(pl.col("_far"))


def _shifted_decimals(decimals: pl.Expr, factor: pl.Expr) -> pl.Expr:
    """Decimals after a conversion: × 0,1 (‰ → %) needs one more, × 1000 (tỷ → triệu) three fewer."""
    shift = (-factor.log10()).round(0).cast(pl.Int64)
    return pl.when(decimals.is_null()).then(None).otherwise(pl.max_horizontal(decimals + shift, pl.lit(0)))


def _source_from_document(document: pl.Expr) -> pl.Expr:
    folded = fold_expr(document)
    return pl.coalesce(
        [pl.when(folded.str.contains(rf"\b{word}\b")).then(pl.lit(code)) for word, code in TARGET_SOURCE_WORDS]
    )


STATEMENT_KEY = ["locality_code", "reported_by", "indicator_code", "period"]


def _statements(frame: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Number the statements of one indicator in one period (a report states a target in its
    objectives and again in its measures), choose the binding one, and warn where they differ.

    The binding statement is the one marked 'Có' in 'Chỉ tiêu áp dụng', else the first. The actual
    comes from the binding row, or from the first row that gives one."""
    key = STATEMENT_KEY
    named = pl.col("indicator_code").is_not_null()
    has_actual = (
        pl.col("actual").is_not_null()
        | pl.col("reported_pct").is_not_null()
        | pl.col("reported_grade").is_not_null()
        | pl.col("comparison_text").is_not_null()
    )
    frame = frame.with_columns(
        pl.col("source_row").rank("ordinal").over(key).cast(pl.Int64).alias("statement"),
        has_actual.alias("_has_actual"),
    )
    marked = pl.col("binding_code") == "yes"
    first_marked = pl.when(marked).then(pl.col("statement")).min().over(key)
    frame = frame.with_columns(
        (named & (pl.col("statement") == pl.coalesce(first_marked, pl.lit(1)))).alias("is_binding"),
    )
    binding_has_actual = (pl.col("is_binding") & pl.col("_has_actual")).any().over(key)
    first_actual = pl.when(pl.col("_has_actual")).then(pl.col("statement")).min().over(key)
    frame = frame.with_columns(
        (
            named
            & pl.col("_has_actual")
            & pl.when(binding_has_actual).then(pl.col("is_binding")).otherwise(pl.col("statement") == first_actual)
        ).alias("supplies_actual"),
    )
    bound = frame.filter(pl.col("is_binding")).select(
        *key,
        pl.col("source_row").alias("_b_row"),
        pl.col("target_form").alias("_b_form"),
        pl.col("target_low").alias("_b_low"),
        pl.col("target_high").alias("_b_high"),
    )
    supplier = frame.filter(pl.col("supplies_actual")).select(
        *key, pl.col("source_row").alias("_s_row"), pl.col("actual").alias("_s_actual")
    )
    joined = (
        frame.filter(named)
        .join(bound, on=key, how="left", nulls_equal=True)
        .join(supplier, on=key, how="left", nulls_equal=True)
    )

    def same(a: str, b: str) -> pl.Expr:
        # 12‰ converted is 1,2000000000000002%: equal to 1,2% for a person.
        return (pl.col(a).is_null() & pl.col(b).is_null()) | (
            (pl.col(a) - pl.col(b)).abs() <= 1e-9 * pl.col(b).abs() + 1e-12
        )

    target_differs = (
        ~pl.col("is_binding")
        & pl.col("target_form").is_not_null()
        & (
            ~pl.col("target_form").eq_missing(pl.col("_b_form"))
            | ~same("target_low", "_b_low").fill_null(False)
            | ~same("target_high", "_b_high").fill_null(False)
        )
    )
    actual_differs = (
        ~pl.col("supplies_actual")
        & pl.col("actual").is_not_null()
        & pl.col("_s_actual").is_not_null()
        & ~same("actual", "_s_actual").fill_null(False)
    )
    where = [pl.col("source_file"), pl.col("source_sheet"), pl.col("source_row")]
    warnings = pl.concat(
        [
            joined.filter(target_differs).select(
                *where,
                pl.lit("target_stated_twice").alias("rule"),
                pl.lit("target_text").alias("column"),
                pl.concat_str(
                    [pl.col("target_text"), pl.lit(" (dòng áp dụng: "), pl.col("_b_row").cast(pl.Utf8), pl.lit(")")]
                ).alias("value"),
            ),
            joined.filter(actual_differs).select(
                *where,
                pl.lit("actual_stated_twice").alias("rule"),
                pl.lit("actual").alias("column"),
                pl.concat_str(
                    [pl.col("actual_raw"), pl.lit(" (dòng dùng: "), pl.col("_s_row").cast(pl.Utf8), pl.lit(")")]
                ).alias("value"),
            ),
        ],
        how="vertical_relaxed",
    )
    return frame.drop("_has_actual"), warnings


def _with_all_columns(rows: pl.DataFrame) -> pl.DataFrame:
    """Yearly and term sheets differ in a few columns; give every row all of them."""
    missing = []
    for col in {c.key: c for spec in (INDICATOR_YEAR, INDICATOR_TERM) for c in spec.columns}.values():
        if col.key not in rows.columns:
            missing.append(pl.lit(None, dtype=pl.Utf8).alias(col.key))
        if col.numeric and f"{col.key}__text" not in rows.columns:
            missing.append(pl.lit(True).alias(f"{col.key}__text"))
    return rows.with_columns(missing) if missing else rows


def _where() -> list[pl.Expr]:
    return [pl.col("source_file"), pl.col("source_sheet"), pl.col("source_row")]


def to_targets(valid: pl.DataFrame) -> pl.DataFrame:
    """Rows with a target → ``indicator_targets`` shape (without load metadata): every statement of
    a target, the binding one marked."""
    return valid.filter(pl.col("target_form").is_not_null()).select(
        "locality_code",
        "indicator_code",
        "period",
        "reported_by",
        "statement",
        "is_binding",
        "period_kind",
        "target_kind",
        "target_text",
        "target_form",
        "target_low",
        "target_high",
        "target_decimals",
        pl.col("target_unit_written").alias("unit_written"),
        "unit",
        "indicator_name",
        "target_document",
        "target_source_kind",
        "baseline_year",
        "baseline_value",
        "note",
        "source_document",
        "source_quote",
        "source_file",
        "source_sheet",
        "source_row",
    )


_ACTUAL_COLUMNS = [
    "locality_code",
    "indicator_code",
    "period",
    "reported_by",
    "period_kind",
    "covered_from",
    "covered_to",
    "value",
    "value_text",
    "value_qualifier",
    "value_decimals",
    "value_count",
    "value_denominator",
    "value_written",
    "unit_written",
    "actual_status",
    "reported_pct",
    "reported_grade",
    "comparison_text",
    "unit",
    "indicator_name",
    "note",
    "source_document",
    "source_quote",
    "source_file",
    "source_sheet",
    "source_row",
]


def to_actuals(valid: pl.DataFrame) -> pl.DataFrame:
    """The row that supplies each indicator's actual (a figure, a reported % or grade, a comparison)
    → ``indicator_actuals`` shape. A yearly row may give two figures: the year ('2023') and its
    first half ('2023-H1')."""
    main = valid.filter(pl.col("supplies_actual")).with_columns(
        pl.col("actual").alias("value"),
        pl.col("actual_text").alias("value_text"),
        pl.col("actual_qualifier").alias("value_qualifier"),
        pl.col("actual_count").alias("value_count"),
        pl.col("actual_denominator").alias("value_denominator"),
    )
    half = (
        valid.filter((pl.col("period_kind") == "year") & pl.col("h1_actual").is_not_null())
        .sort("statement")
        .unique(subset=STATEMENT_KEY, keep="first", maintain_order=True)
        .with_columns(
            (pl.col("period") + "-H1").alias("period"),
            pl.lit("half_year").alias("period_kind"),
            pl.col("h1_actual").alias("value"),
            pl.col("h1_actual_text").alias("value_text"),
            pl.col("h1_actual_qualifier").alias("value_qualifier"),
            pl.col("h1_actual_decimals").alias("value_decimals"),
            pl.col("h1_actual_count").alias("value_count"),
            pl.col("h1_actual_denominator").alias("value_denominator"),
            pl.lit(None, dtype=pl.Float64).alias("value_written"),
            pl.lit(None, dtype=pl.Utf8).alias("unit_written"),
            pl.lit(None, dtype=pl.Float64).alias("reported_pct"),
            pl.lit(None, dtype=pl.Utf8).alias("reported_grade"),
            pl.lit(None, dtype=pl.Utf8).alias("comparison_text"),
        )
    )
    return pl.concat([main.select(_ACTUAL_COLUMNS), half.select(_ACTUAL_COLUMNS)], how="vertical_relaxed")


def protect_half_years(keys: pl.DataFrame) -> pl.DataFrame:
    """A rejected yearly row also protects its first-half figure ('2023' → '2023-H1')."""
    return pl.concat([keys, keys.with_columns((pl.col("period") + "-H1").alias("period"))])


SHEET_FAMILY = SheetFamily(
    name="indicators",
    sheets={"year": INDICATOR_YEAR, "term": INDICATOR_TERM},
    model=IndicatorSheet,
    parse=parse,
    tables=(
        Table(
            "indicator_targets",
            IndicatorTargets,
            TARGET_KEY,
            "One row per locality, indicator and period: targets as resolutions wrote them ('trên 370', 'dưới 3%'), annual and term.",
            rows=to_targets,
            workbook_locality="coalesce(reported_by, locality_code)",
        ),
        Table(
            "indicator_actuals",
            IndicatorActuals,
            ACTUAL_KEY,
            "Actuals (year, first half, term so far) with revision history: an estimate, later the official figure.",
            rows=to_actuals,
            write="revisions",
            payload=("value", "actual_status", "reported_pct", "reported_grade", "covered_from", "covered_to"),
            workbook_period="replace(period, '-H1', '')",
            workbook_locality="coalesce(reported_by, locality_code)",
            protect=protect_half_years,
        ),
    ),
    key=TARGET_KEY,
    identity=IDENTITY,
    figures=FIGURES,
    group="indicators",
    reads=("indicator_catalog", "localities"),
    requires=("indicator_catalog",),
    column_sources=COLUMN_SOURCES,
    sheet_required=True,
    keep_identity_only=False,
    speaks_for_workbook=True,
    docs_where={"year": "yearly workbook, required", "term": "term workbook, required"},
    docs_note=(
        "Term-target kinds: **Tăng bình quân hằng năm** (average annual rate, e.g. growth 12,5%/năm), "
        "**Mức đạt đến cuối nhiệm kỳ** (level to reach by the last year, e.g. income 65 triệu đồng), "
        "**Tổng cả nhiệm kỳ** (cumulative over the term, e.g. trên 370 đảng viên), "
        "**Ngưỡng hằng năm** (a threshold every year, e.g. 80% trở lên)."
    ),
    page="overview",
    report_section="indicators",
    example=(
        {
            "indicator_code": "poverty_rate",
            "unit": "%",
            "target_text": "dưới 1,5%",
            "actual": "1,09",
            "actual_status": "Ước thực hiện",
        },
        {
            "indicator_code": "party_members_admitted",
            "unit": "đảng viên",
            "target_text": "trên 74",
            "actual": 75,
            "actual_status": "Chính thức",
        },
    ),
)
