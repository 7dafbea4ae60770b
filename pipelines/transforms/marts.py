"""Target against actual, and progress toward congress-term targets. Pure Polars, columnar.

Achievement (direction-aware, in %):
    higher is better   actual ÷ target × 100
    lower is better    target ÷ actual × 100         (1,42% poverty against 1,5% → 105,6%)
    neutral            actual ÷ target × 100
A report's own ratio ('bằng 100,3% kế hoạch') is actual ÷ plan; it is shown as reported and,
for lower-is-better indicators, inverted to the direction-aware figure.

Which single figure a target is measured against: exact and about → the value; min ('trên 370')
→ the bound; max ('dưới 3%') → the bound; range → the lower bound when higher is better, the
upper bound when lower is better, the middle when neutral.

Status: vượt (better than the target), đạt (met), không đạt, chưa có số liệu. A range is met
inside its bounds; 'khoảng X' and neutral targets are met within ±5%.

Term progress follows the UN SDG progress assessment: the ratio of the pace achieved so far to
the pace the target requires, graded ≥ 0,95 on track, 0,5–0,95 acceleration needed, −0,1–0,5
limited progress, below −0,1 regressing.

Every formula is a Polars expression, so a national mart (hundreds of thousands of rows) is a
handful of columnar passes. The scalar helpers at the end evaluate the same expressions on one
row, for tests and documentation.
"""

from __future__ import annotations

import polars as pl

from schemas import MartTargetVsActual, MartTermProgress
from schemas.base import polars_schema
from schemas.vocab import ABOUT_TOLERANCE_PCT, DEFAULT_H1_TARGET_PCT

EPS = 1e-9
TOL = ABOUT_TOLERANCE_PCT / 100
YEAR_KEY = ["locality_code", "indicator_code"]
TERM_KEY = ["locality_code", "indicator_code", "period"]


# --- formulas as expressions -------------------------------------------------------------------


def target_point_expr(form: pl.Expr, low: pl.Expr, high: pl.Expr, direction: pl.Expr) -> pl.Expr:
    """The figure achievement is measured against."""
    range_point = (
        pl.when(low.is_null())
        .then(high)
        .when(high.is_null())
        .then(low)
        .when(direction == "higher_is_better")
        .then(low)
        .when(direction == "lower_is_better")
        .then(high)
        .otherwise((low + high) / 2)
    )
    return (
        pl.when(form.is_in(["exact", "about", "min"]))
        .then(low)
        .when(form == "max")
        .then(high)
        .when(form == "range")
        .then(range_point)
        .otherwise(None)
    )


def achievement_expr(actual: pl.Expr, target: pl.Expr, direction: pl.Expr) -> pl.Expr:
    return (
        pl.when(direction == "lower_is_better")
        .then(pl.when(actual > 0).then(target / actual * 100))
        .otherwise(pl.when(target != 0).then(actual / target * 100))
    )


def _cmp(a: pl.Expr, b: pl.Expr) -> pl.Expr:
    """-1, 0 or 1 comparing a with b, equal within a rounding tolerance."""
    return (
        pl.when((a - b).abs() <= EPS * pl.max_horizontal(pl.lit(1.0), b.abs()))
        .then(0)
        .when(a > b)
        .then(1)
        .otherwise(-1)
    )


def status_expr(actual: pl.Expr, form: pl.Expr, low: pl.Expr, high: pl.Expr, direction: pl.Expr) -> pl.Expr:
    """vuot / dat / khong_dat from an actual and a target as written; null when either is missing."""
    up = direction == "higher_is_better"
    down = direction == "lower_is_better"
    neutral = direction == "neutral"
    c_low, c_high = _cmp(actual, low), _cmp(actual, high)
    within = (actual - low).abs() <= TOL * low.abs() + EPS
    vuot, dat, miss = pl.lit("vuot"), pl.lit("dat"), pl.lit("khong_dat")
    exact = (
        pl.when(neutral)
        .then(pl.when(within).then(dat).otherwise(miss))
        .when(c_low == 0)
        .then(dat)
        .when((c_low > 0) == up)
        .then(vuot)
        .otherwise(miss)
    )
    about = pl.when(within).then(dat).when(neutral).then(miss).when((actual > low) == up).then(vuot).otherwise(miss)
    at_least = pl.when(c_low < 0).then(miss).when((c_low == 0) | neutral).then(dat).otherwise(vuot)
    at_most = pl.when(c_high > 0).then(miss).when((c_high == 0) | neutral).then(dat).otherwise(vuot)
    in_range = (
        pl.when((actual >= low - EPS) & (actual <= high + EPS))
        .then(dat)
        .when(actual > high)
        .then(pl.when(up).then(vuot).otherwise(miss))
        .otherwise(pl.when(down).then(vuot).otherwise(miss))
    )
    return (
        pl.when(actual.is_null() | form.is_null())
        .then(None)
        .when((form == "exact") & low.is_not_null())
        .then(exact)
        .when((form == "about") & low.is_not_null())
        .then(about)
        .when((form == "min") & low.is_not_null())
        .then(at_least)
        .when((form == "max") & high.is_not_null())
        .then(at_most)
        .when((form == "range") & low.is_not_null() & high.is_not_null())
        .then(in_range)
        .otherwise(None)
    )


def status_pct_expr(pct: pl.Expr, direction: pl.Expr) -> pl.Expr:
    """Status from a direction-aware achievement % alone (when only a ratio is reported)."""
    return (
        pl.when(pct.is_null())
        .then(None)
        .when(direction == "neutral")
        .then(
            pl.when((pct - 100).abs() <= ABOUT_TOLERANCE_PCT + EPS).then(pl.lit("dat")).otherwise(pl.lit("khong_dat"))
        )
        .when((pct - 100).abs() <= EPS * 100)
        .then(pl.lit("dat"))
        .when(pct > 100)
        .then(pl.lit("vuot"))
        .otherwise(pl.lit("khong_dat"))
    )


def reported_expr(pct: pl.Expr, direction: pl.Expr) -> pl.Expr:
    """A report's actual ÷ plan ratio as a direction-aware achievement %."""
    return pl.when(direction == "lower_is_better").then(pl.when(pct > 0).then(10000 / pct)).otherwise(pct)


def sdg_grade_expr(ratio: pl.Expr) -> pl.Expr:
    """UN SDG progress grade from actual ÷ required pace."""
    return (
        pl.when(ratio.is_null() | ratio.is_nan())
        .then(pl.lit("insufficient_data"))
        .when(ratio >= 0.95)
        .then(pl.lit("on_track"))
        .when(ratio >= 0.5)
        .then(pl.lit("acceleration_needed"))
        .when(ratio >= -0.1)
        .then(pl.lit("limited_progress"))
        .otherwise(pl.lit("regressing"))
    )


def cagr_expr(start: pl.Expr, end: pl.Expr, years: pl.Expr) -> pl.Expr:
    """Compound annual growth rate in % between two levels; null when undefined."""
    ok = (start > 0) & (end > 0) & (years > 0)
    return pl.when(ok).then(((end / start) ** (1 / years) - 1) * 100)


def required_average_expr(
    target_pct: pl.Expr, achieved_pct: pl.Expr, years_total: pl.Expr, years_done: pl.Expr
) -> pl.Expr:
    """Average rate still needed in the remaining years to average ``target_pct`` over the term."""
    remaining = years_total - years_done
    needed = (1 + target_pct / 100) ** years_total / (1 + achieved_pct / 100) ** years_done
    return pl.when(remaining > 0).then((needed ** (1 / remaining) - 1) * 100)


def geometric_mean_expr(rates_pct: pl.Expr) -> pl.Expr:
    """Average annual rate (%) of yearly rates rᵢ (%): (∏(1 + rᵢ))^(1/k) − 1, as an aggregation."""
    growth = 1 + rates_pct / 100
    return pl.when(growth.min() > 0).then((growth.log().mean().exp() - 1) * 100)


# --- tables ------------------------------------------------------------------------------------


def binding_targets(targets: pl.DataFrame) -> pl.DataFrame:
    """One target per locality, indicator and period: the binding statement, the locality's own
    before one its parent's workbook states for it. (Warehouses from before statements: as they are.)"""
    if "is_binding" in targets.columns:
        targets = targets.filter(pl.col("is_binding").fill_null(True))
    if "reported_by" in targets.columns and targets.height:
        targets = targets.sort(pl.col("reported_by").is_not_null(), "source_row", nulls_last=True).unique(
            subset=TERM_KEY, keep="first", maintain_order=True
        )
    return targets


def preferred_actuals(actuals: pl.DataFrame) -> pl.DataFrame:
    """One current figure per key: the locality's own before the one its parent reports for it."""
    if "reported_by" in actuals.columns and actuals.height:
        actuals = actuals.sort(pl.col("reported_by").is_not_null(), nulls_last=True).unique(
            subset=[*TERM_KEY, "period_kind"], keep="first", maintain_order=True
        )
    return actuals


def _optional(frame: pl.DataFrame, names: dict[str, pl.DataType]) -> pl.DataFrame:
    """Columns a warehouse from an earlier release may lack, as nulls."""
    missing = [pl.lit(None, dtype=t).alias(n) for n, t in names.items() if n not in frame.columns]
    return frame.with_columns(missing) if missing else frame


def _catalog(catalog: pl.DataFrame) -> pl.DataFrame:
    return catalog.select(
        "indicator_code",
        pl.col("name_vi").alias("indicator_name_vi"),
        pl.col("name_en").alias("indicator_name_en"),
        pl.col("unit").alias("catalog_unit"),
        "family",
        "direction",
        "aggregation",
        "decimals",
    )


def term_progress(targets: pl.DataFrame, actuals: pl.DataFrame, catalog: pl.DataFrame) -> pl.DataFrame:
    """``mart_term_progress``: one row per locality, indicator and term with a term target or figure.

    ``actuals`` are the current revisions only. The figure so far is the term workbook's own when
    it is at least as recent as the yearly figures; otherwise it comes from the yearly figures.
    """
    schema = polars_schema(MartTermProgress)
    targets, actuals = binding_targets(targets), preferred_actuals(actuals)
    tt = targets.filter(pl.col("period_kind") == "term").select(
        *TERM_KEY,
        "target_kind",
        "target_text",
        "target_form",
        "target_low",
        "target_high",
        "target_document",
        pl.col("baseline_year").alias("t_baseline_year"),
        pl.col("baseline_value").alias("t_baseline_value"),
    )
    ta = actuals.filter(pl.col("period_kind") == "term").select(
        *TERM_KEY,
        pl.col("value").alias("r_value"),
        pl.col("covered_from").alias("r_from"),
        pl.col("covered_to").alias("r_to"),
        pl.col("reported_pct").alias("r_pct"),
        pl.col("reported_grade").alias("r_grade"),
        pl.col("actual_status").alias("r_status"),
    )
    keys = pl.concat([tt.select(TERM_KEY), ta.select(TERM_KEY)]).unique()
    if keys.height == 0:
        return pl.DataFrame(schema=schema)
    base = (
        keys.join(tt, on=TERM_KEY, how="left")
        .join(ta, on=TERM_KEY, how="left")
        .join(_catalog(catalog), on="indicator_code", how="inner")
        .with_columns(
            pl.col("period").str.slice(0, 4).cast(pl.Int64).alias("term_start"),
            pl.col("period").str.slice(5, 4).cast(pl.Int64).alias("term_end"),
        )
        .with_columns((pl.col("term_end") - pl.col("term_start")).alias("years_total"))
    )
    # The target as written, or implied by the term report's ratio (actual ÷ ratio).
    point = target_point_expr(pl.col("target_form"), pl.col("target_low"), pl.col("target_high"), pl.col("direction"))
    implied = pl.when(point.is_null() & pl.col("r_value").is_not_null() & (pl.col("r_pct") > 0)).then(
        pl.col("r_value") / (pl.col("r_pct") / 100)
    )
    base = base.with_columns(
        pl.coalesce(point, implied).alias("target_value"),
        (point.is_null() & implied.is_not_null()).alias("target_is_derived"),
    ).with_columns(
        pl.when(pl.col("target_is_derived")).then(pl.lit("exact")).otherwise(pl.col("target_form")).alias("form"),
        pl.when(pl.col("target_is_derived")).then(pl.col("target_value")).otherwise(pl.col("target_low")).alias("low"),
        pl.when(pl.col("target_is_derived"))
        .then(pl.col("target_value"))
        .otherwise(pl.col("target_high"))
        .alias("high"),
        pl.coalesce(
            "target_kind",
            pl.when(pl.col("aggregation") == "flow").then(pl.lit("cumulative")).otherwise(pl.lit("end_level")),
        ).alias("kind"),
    )

    # Yearly figures of the indicators concerned, inside the term (and before it, for the baseline).
    yearly = actuals.filter((pl.col("period_kind") == "year") & pl.col("value").is_not_null()).select(
        *YEAR_KEY, pl.col("period").cast(pl.Int64).alias("year"), "value", "actual_status"
    )
    spans = base.select(*TERM_KEY, "term_start", "term_end", "form", "low", "high", "direction")
    series = yearly.join(spans, on=YEAR_KEY, how="inner")
    in_term = series.filter((pl.col("year") > pl.col("term_start")) & (pl.col("year") <= pl.col("term_end")))
    agg = (
        in_term.sort("year")
        .group_by(TERM_KEY)
        .agg(
            pl.len().alias("years_with_data"),
            pl.col("year").max().alias("last_year"),
            pl.col("value").last().alias("last_value"),
            pl.col("value").sum().alias("sum_values"),
            geometric_mean_expr(pl.col("value")).alias("geo_rate"),
            (pl.col("actual_status") == "estimate").any().alias("any_estimate"),
            status_expr(pl.col("value"), pl.col("form"), pl.col("low"), pl.col("high"), pl.col("direction"))
            .is_in(["vuot", "dat"])
            .sum()
            .alias("years_met"),
        )
    )
    before = (
        series.filter(pl.col("year") <= pl.col("term_start"))
        .sort("year")
        .group_by(TERM_KEY)
        .agg(pl.col("year").last().alias("y_baseline_year"), pl.col("value").last().alias("y_baseline_value"))
    )
    f = (
        base.join(agg, on=TERM_KEY, how="left")
        .join(before, on=TERM_KEY, how="left")
        .with_columns(
            pl.col("years_with_data").fill_null(0),
            pl.col("years_met").fill_null(0),
        )
    )

    has_report = pl.col("r_value").is_not_null()
    use_report = has_report & (pl.col("last_year").is_null() | (pl.col("r_to").fill_null(0) >= pl.col("last_year")))
    f = f.with_columns(
        use_report.alias("use_report"),
        pl.when(pl.col("t_baseline_value").is_not_null())
        .then(pl.col("t_baseline_year"))
        .otherwise(pl.col("y_baseline_year"))
        .alias("baseline_year"),
        pl.coalesce("t_baseline_value", "y_baseline_value").alias("baseline_value"),
        pl.max_horizontal(pl.col("last_year"), pl.when(has_report).then(pl.col("r_to"))).alias("as_of_year"),
    ).with_columns(
        pl.when(pl.col("as_of_year").is_not_null())
        .then(pl.max_horizontal(pl.lit(0), pl.min_horizontal("as_of_year", "term_end") - pl.col("term_start")))
        .alias("years_elapsed"),
        pl.when(pl.col("use_report"))
        .then(pl.col("r_status"))
        .when(pl.col("years_with_data") > 0)
        .then(pl.when(pl.col("any_estimate")).then(pl.lit("estimate")).otherwise(pl.lit("official")))
        .alias("actual_status"),
    )
    f = f.with_columns(
        # Years a term report's figure covers (an average or a total over them).
        pl.when(pl.col("kind") == "average_rate")
        .then(
            pl.col("r_to")
            - pl.max_horizontal(pl.coalesce("r_from", pl.col("term_start") + 1), pl.col("term_start") + 1)
            + 1
        )
        .otherwise(pl.col("r_to") - pl.coalesce("r_from", "term_start") + 1)
        .alias("report_years"),
        (pl.col("years_elapsed").is_null() | (pl.col("years_with_data") >= pl.col("years_elapsed"))).alias(
            "series_complete"
        ),
    )
    f = pl.concat(
        [
            _average_rate(f.filter(pl.col("kind") == "average_rate")),
            _end_level(f.filter(pl.col("kind") == "end_level")),
            _cumulative(f.filter(pl.col("kind") == "cumulative")),
            _threshold(f.filter(pl.col("kind") == "threshold")),
        ],
        how="diagonal_relaxed",
    )
    reported_ok = pl.col("r_grade").is_in(["vuot", "dat"]) & (pl.col("as_of_year").fill_null(0) >= pl.col("term_end"))
    achieved = pl.col("achieved").fill_null(False) | reported_ok
    data_complete = pl.col("data_complete").fill_null(True) & pl.col("as_of_year").is_not_null()
    sparse = (
        ~data_complete
        & (pl.col("years_elapsed").fill_null(0) > 0)
        & (pl.col("years_with_data") * 2 < pl.col("years_elapsed").fill_null(0))
    )
    f = f.with_columns(achieved.alias("achieved"), data_complete.alias("data_complete")).with_columns(
        pl.when(pl.col("achieved"))
        .then(pl.lit("achieved"))
        # Most elapsed years have no figure: the pace of the few that do is not a verdict.
        .when(sparse)
        .then(pl.lit("insufficient_data"))
        .otherwise(sdg_grade_expr(pl.col("on_track_ratio")))
        .alias("on_track_grade"),
        pl.when(pl.col("achieved"))
        .then(None)
        .otherwise(pl.col("required_rate_remaining"))
        .alias("required_rate_remaining"),
        pl.concat_str(
            [
                pl.when(pl.col("target_is_derived")).then(pl.lit("Chỉ tiêu suy ra từ tỷ lệ % báo cáo.")),
                pl.when(pl.col("sparse_note")).then(
                    pl.format("Chỉ có số liệu {}/{} năm đã qua.", pl.col("years_with_data"), pl.col("years_elapsed"))
                ),
                pl.when(reported_ok).then(pl.lit("Đánh giá theo báo cáo.")),
            ],
            separator=" ",
            ignore_nulls=True,
        ).alias("note"),
    )
    out = (
        f.rename({"period": "term"})
        .with_columns(
            pl.col("catalog_unit").alias("unit"),
            pl.col("target_kind").alias("target_kind"),
            pl.col("form").alias("target_form"),
        )
        .with_columns(pl.when(pl.col("note") == "").then(None).otherwise(pl.col("note")).alias("note"))
    )
    return out.select([pl.col(c).cast(t) for c, t in schema.items()]).sort("locality_code", "term", "indicator_code")


def _average_rate(f: pl.DataFrame) -> pl.DataFrame:
    rate = pl.when(pl.col("use_report")).then(pl.col("r_value")).otherwise(pl.col("geo_rate"))
    k = pl.when(pl.col("use_report")).then(pl.col("report_years")).otherwise(pl.col("years_with_data"))
    f = f.with_columns(rate.alias("actual_to_date"), k.alias("k"))
    tv = pl.col("target_value")
    ok = tv.is_not_null() & pl.col("actual_to_date").is_not_null()
    return f.with_columns(
        pl.when(pl.col("use_report"))
        .then(pl.lit("term_report"))
        .when(pl.col("years_with_data") > 0)
        .then(pl.lit("yearly_figures"))
        .alias("actual_to_date_source"),
        pl.col("actual_to_date").alias("actual_rate"),
        pl.col("actual_to_date").alias("projected_end_value"),
        pl.when(ok).then(tv).alias("required_rate"),
        pl.when(ok).then(achievement_expr(pl.col("actual_to_date"), tv, pl.col("direction"))).alias("progress_pct"),
        pl.when(ok & (pl.col("k") > 0))
        .then(required_average_expr(tv, pl.col("actual_to_date"), pl.col("years_total"), pl.col("k")))
        .alias("required_rate_remaining"),
        pl.when(ok & (tv != 0)).then(pl.col("actual_to_date") / tv).alias("on_track_ratio"),
        (
            ok
            & (pl.col("k") >= pl.col("years_total"))
            & status_expr(
                pl.col("actual_to_date"), pl.col("form"), pl.col("low"), pl.col("high"), pl.col("direction")
            ).is_in(["vuot", "dat"])
        ).alias("achieved"),
        (pl.col("use_report") | pl.col("series_complete")).alias("data_complete"),
        (~pl.col("use_report") & ~pl.col("series_complete") & (pl.col("years_with_data") > 0)).alias("sparse_note"),
    )


def _end_level(f: pl.DataFrame) -> pl.DataFrame:
    current = pl.when(pl.col("use_report")).then(pl.col("r_value")).otherwise(pl.col("last_value"))
    current_year = pl.when(pl.col("use_report")).then(pl.col("r_to")).otherwise(pl.col("last_year"))
    f = f.with_columns(current.alias("actual_to_date"), current_year.alias("current_year"))
    tv, x, x0 = pl.col("target_value"), pl.col("actual_to_date"), pl.col("baseline_value")
    ok = tv.is_not_null() & x.is_not_null()
    span_done = pl.col("current_year") - pl.col("baseline_year")
    span_total = pl.col("term_end") - pl.col("baseline_year")
    f = f.with_columns(
        pl.when(ok).then(cagr_expr(x0, x, span_done)).alias("actual_rate"),
        pl.when(ok).then(cagr_expr(x0, tv, span_total)).alias("required_rate"),
    )
    later = pl.col("term_end") > pl.col("current_year")
    return f.with_columns(
        pl.when(pl.col("use_report"))
        .then(pl.lit("term_report"))
        .when(pl.col("years_with_data") > 0)
        .then(pl.lit("yearly_figures"))
        .alias("actual_to_date_source"),
        (
            ok
            & status_expr(x, pl.col("form"), pl.col("low"), pl.col("high"), pl.col("direction")).is_in(["vuot", "dat"])
        ).alias("achieved"),
        pl.when(ok & later)
        .then(cagr_expr(x, tv, pl.col("term_end") - pl.col("current_year")))
        .alias("required_rate_remaining"),
        pl.when(ok & later & pl.col("actual_rate").is_not_null())
        .then(x * (1 + pl.col("actual_rate") / 100) ** (pl.col("term_end") - pl.col("current_year")))
        .when(ok & ~later)
        .then(x)
        .alias("projected_end_value"),
        pl.when(
            pl.col("actual_rate").is_not_null()
            & pl.col("required_rate").is_not_null()
            & (pl.col("required_rate").abs() > EPS)
        )
        .then(pl.col("actual_rate") / pl.col("required_rate"))
        .alias("on_track_ratio"),
        pl.when(ok & x0.is_not_null() & ((tv - x0).abs() > EPS))
        .then((x - x0) / (tv - x0) * 100)
        .when(ok)
        .then(achievement_expr(x, tv, pl.col("direction")))
        .alias("progress_pct"),
        pl.lit(True).alias("data_complete"),
        pl.lit(False).alias("sparse_note"),
    )


def _cumulative(f: pl.DataFrame) -> pl.DataFrame:
    total = (
        pl.when(pl.col("use_report"))
        .then(pl.col("r_value"))
        .when(pl.col("years_with_data") > 0)
        .then(pl.col("sum_values"))
    )
    k = pl.when(pl.col("use_report")).then(pl.col("report_years")).otherwise(pl.col("years_with_data"))
    f = f.with_columns(total.alias("actual_to_date"), k.alias("k"))
    tv, s = pl.col("target_value"), pl.col("actual_to_date")
    pace = pl.when(s.is_not_null() & (pl.col("k") > 0)).then(s / pl.col("k"))
    ok = tv.is_not_null() & s.is_not_null()
    remaining = pl.col("years_total") - pl.col("years_elapsed").fill_null(0)
    met = status_expr(s, pl.col("form"), pl.col("low"), pl.col("high"), pl.col("direction")).is_in(["vuot", "dat"])
    # An upper bound on a total is only met once the term is over.
    over = pl.col("years_elapsed").fill_null(0) >= pl.col("years_total")
    return f.with_columns(
        pl.when(pl.col("use_report"))
        .then(pl.lit("term_report"))
        .when(pl.col("years_with_data") > 0)
        .then(pl.lit("yearly_figures"))
        .alias("actual_to_date_source"),
        pace.alias("actual_rate"),
        pl.when(pl.col("use_report"))
        .then(
            s + pace * pl.max_horizontal(pl.lit(0), pl.col("term_end") - pl.col("r_to").fill_null(pl.col("term_end")))
        )
        .otherwise(pace * pl.col("years_total"))
        .alias("projected_end_value"),
        pl.when(ok & (tv != 0)).then(s / tv * 100).alias("progress_pct"),
        pl.when(ok).then(tv / pl.col("years_total")).alias("required_rate"),
        pl.when(ok & (remaining > 0))
        .then(pl.max_horizontal(tv - s, pl.lit(0.0)) / remaining)
        .alias("required_rate_remaining"),
        pl.when(ok & pace.is_not_null() & (tv != 0)).then(pace / (tv / pl.col("years_total"))).alias("on_track_ratio"),
        (ok & met & ((pl.col("form") != "max") | over)).alias("achieved"),
        (pl.col("use_report") | pl.col("series_complete")).alias("data_complete"),
        (~pl.col("use_report") & ~pl.col("series_complete") & (pl.col("years_with_data") > 0)).alias("sparse_note"),
    )


def _threshold(f: pl.DataFrame) -> pl.DataFrame:
    ok = pl.col("target_value").is_not_null() & (pl.col("years_with_data") > 0)
    share = pl.col("years_met") / pl.col("years_with_data")
    return f.with_columns(
        pl.when(ok).then(share * 100).alias("actual_to_date"),
        pl.when(ok).then(pl.lit("yearly_figures")).alias("actual_to_date_source"),
        pl.when(ok).then(share * 100).alias("progress_pct"),
        pl.when(ok).then(share).alias("on_track_ratio"),
        (
            ok
            & (pl.col("years_elapsed").fill_null(0) >= pl.col("years_total"))
            & (pl.col("years_met") == pl.col("years_with_data"))
        ).alias("achieved"),
        pl.col("series_complete").alias("data_complete"),
        (~pl.col("series_complete") & (pl.col("years_with_data") > 0)).alias("sparse_note"),
    )


def target_vs_actual(
    targets: pl.DataFrame,
    actuals: pl.DataFrame,
    revisions: pl.DataFrame,
    catalog: pl.DataFrame,
    localities: pl.DataFrame,
    workbooks: pl.DataFrame,
    progress: pl.DataFrame,
) -> pl.DataFrame:
    """``mart_target_vs_actual``: one row per locality, indicator and period (year or term).

    ``actuals`` are current revisions; ``revisions`` counts revisions per key
    (locality_code, indicator_code, period, revisions).
    """
    schema = polars_schema(MartTargetVsActual)
    statements = targets.group_by(TERM_KEY).len("target_statements") if targets.height else None
    targets = _optional(
        binding_targets(targets),
        {
            "indicator_name": pl.Utf8,
            "target_decimals": pl.Int64,
            "target_source_kind": pl.Utf8,
            "unit_written": pl.Utf8,
            "reported_by": pl.Utf8,
        },
    )
    actuals = _optional(
        preferred_actuals(actuals),
        {
            "indicator_name": pl.Utf8,
            "value_text": pl.Utf8,
            "value_qualifier": pl.Utf8,
            "value_decimals": pl.Int64,
            "value_count": pl.Float64,
            "value_denominator": pl.Float64,
            "value_written": pl.Float64,
            "unit_written": pl.Utf8,
            "reported_by": pl.Utf8,
        },
    )
    names = (
        localities.sort("valid_from", nulls_last=False)
        .unique(subset="locality_code", keep="last")
        .select("locality_code", pl.col("name_vi").alias("locality_name"))
    )
    t = targets.select(
        *TERM_KEY,
        "period_kind",
        "target_kind",
        "target_text",
        "target_form",
        "target_low",
        "target_high",
        "target_document",
        pl.col("source_file").alias("target_source_file"),
        pl.col("source_sheet").alias("target_source_sheet"),
        pl.col("source_row").alias("target_source_row"),
        pl.col("source_document").alias("target_source_document"),
        pl.col("source_quote").alias("target_source_quote"),
        pl.col("note").alias("target_note"),
        "target_decimals",
        "target_source_kind",
        pl.col("unit_written").alias("target_unit_written"),
        pl.col("indicator_name").alias("_t_name"),
        pl.col("reported_by").alias("_t_reported_by"),
    )
    if statements is not None:
        t = t.join(statements, on=TERM_KEY, how="left")
    else:
        t = t.with_columns(pl.lit(None, dtype=pl.UInt32).alias("target_statements"))
    a = (
        actuals.filter(pl.col("period_kind").is_in(["year", "term"]))
        .join(revisions, on=TERM_KEY, how="left")
        .select(
            *TERM_KEY,
            pl.col("period_kind").alias("a_period_kind"),
            pl.col("value").alias("a_value"),
            pl.col("value_text").alias("actual_text"),
            pl.col("value_qualifier").alias("actual_qualifier"),
            pl.col("value_decimals").alias("actual_decimals"),
            pl.col("value_count").alias("actual_count"),
            pl.col("value_denominator").alias("actual_denominator"),
            pl.col("value_written").alias("actual_value_written"),
            pl.col("unit_written").alias("actual_unit_written"),
            pl.col("indicator_name").alias("_a_name"),
            pl.col("reported_by").alias("_a_reported_by"),
            "actual_status",
            "covered_from",
            "covered_to",
            "reported_pct",
            "reported_grade",
            "comparison_text",
            pl.col("revisions").fill_null(1).alias("actual_revisions"),
            pl.col("source_file").alias("actual_source_file"),
            pl.col("source_sheet").alias("actual_source_sheet"),
            pl.col("source_row").alias("actual_source_row"),
            pl.col("source_document").alias("actual_source_document"),
            pl.col("source_quote").alias("actual_source_quote"),
            pl.col("note").alias("actual_note"),
        )
    )
    h1 = actuals.filter(pl.col("period_kind") == "half_year").select(
        *YEAR_KEY, pl.col("period").str.replace("-H1", "").alias("period"), pl.col("value").alias("h1_actual")
    )
    h1_pct = workbooks.filter(pl.col("period_kind") == "year").select("locality_code", "period", "h1_target_pct")
    prog = progress.select(
        *YEAR_KEY,
        pl.col("term").alias("period"),
        pl.col("actual_to_date").alias("_term_actual"),
        pl.col("actual_status").alias("_term_status"),
        pl.col("as_of_year").alias("_as_of"),
        pl.col("term_end").alias("_term_end"),
        pl.col("on_track_grade").alias("_grade"),
    )
    keys = pl.concat([t.select(TERM_KEY), a.select(TERM_KEY)]).unique()
    f = (
        keys.join(t, on=TERM_KEY, how="left")
        .join(a, on=TERM_KEY, how="left")
        .join(h1, on=TERM_KEY, how="left")
        .join(_catalog(catalog), on="indicator_code", how="inner")
        .join(names, on="locality_code", how="left")
        .join(h1_pct, on=["locality_code", "period"], how="left")
        .join(prog, on=TERM_KEY, how="left")
        .with_columns(pl.coalesce("period_kind", "a_period_kind").alias("period_kind"))
    )
    term = pl.col("period_kind") == "term"
    direction = pl.col("direction")
    # A term's figure so far: the term workbook's own, or what the yearly figures add up to.
    use_term = (
        term
        & pl.col("_term_actual").is_not_null()
        & (pl.col("a_value").is_null() | pl.col("target_kind").is_in(["cumulative", "threshold"]))
    )
    f = f.with_columns(
        pl.when(use_term).then(pl.col("_term_actual")).otherwise(pl.col("a_value")).alias("actual"),
        pl.when(use_term & pl.col("a_value").is_null())
        .then(pl.col("_term_status"))
        .otherwise(pl.col("actual_status"))
        .alias("actual_status"),
    )
    point = target_point_expr(pl.col("target_form"), pl.col("target_low"), pl.col("target_high"), direction)
    derived = point.is_null() & pl.col("actual").is_not_null() & (pl.col("reported_pct").fill_null(0) != 0)
    f = f.with_columns(
        pl.when(derived).then(pl.col("actual") / (pl.col("reported_pct") / 100)).otherwise(point).alias("target_value"),
        derived.alias("target_is_derived"),
    )
    computed = achievement_expr(pl.col("actual"), pl.col("target_value"), direction)
    pct = pl.coalesce(reported_expr(pl.col("reported_pct"), direction), computed)
    by_target = pl.when(~pl.col("target_is_derived")).then(
        status_expr(pl.col("actual"), pl.col("target_form"), pl.col("target_low"), pl.col("target_high"), direction)
    )
    f = f.with_columns(computed.alias("achievement_pct_computed"), pct.alias("achievement_pct")).with_columns(
        pl.coalesce(by_target, status_pct_expr(pl.col("achievement_pct"), direction)).alias("_status")
    )
    # Before the term ends an end-of-term figure does not exist yet, unless already reached.
    before_end = (
        term
        & pl.col("target_kind").is_in(["cumulative", "end_level"])
        & (pl.col("_as_of").fill_null(0) < pl.col("_term_end").fill_null(0))
    )
    reached = pl.col("_status").is_in(["vuot", "dat"]) & (pl.col("_grade") == "achieved")
    f = f.with_columns(
        pl.when(before_end & ~reached.fill_null(False))
        .then(None)
        .otherwise(pl.col("_status"))
        .fill_null("chua_co_so_lieu")
        .alias("status_computed")
    )
    h1_target = pl.coalesce(pl.col("h1_target_pct"), pl.when(~term).then(pl.lit(DEFAULT_H1_TARGET_PCT)))
    h1_share = pl.when(
        ~term
        & pl.col("h1_actual").is_not_null()
        & (pl.col("aggregation") == "flow")
        & (pl.col("target_value").fill_null(0) != 0)
        & (direction != "lower_is_better")
    ).then(pl.col("h1_actual") / pl.col("target_value") * 100)
    derived_col = pl.col("target_is_derived")
    f = f.with_columns(
        pl.coalesce("reported_grade", "status_computed").alias("status"),
        pl.when(pl.col("reported_grade").is_not_null())
        .then(pl.lit("reported"))
        .otherwise(pl.lit("computed"))
        .alias("status_source"),
        h1_target.alias("h1_target_pct"),
        h1_share.alias("h1_pct_of_target"),
        pl.when(h1_share.is_not_null())
        .then(h1_share >= pl.coalesce(h1_target, pl.lit(DEFAULT_H1_TARGET_PCT)) - EPS)
        .alias("h1_on_track"),
        pl.when(pl.col("covered_to").is_null())
        .then(None)
        .when(pl.col("covered_from").is_null() | (pl.col("covered_from") == pl.col("covered_to")))
        .then(pl.col("covered_to").cast(pl.Utf8))
        .otherwise(pl.format("{}-{}", "covered_from", "covered_to"))
        .alias("actual_covered"),
        pl.concat_str(["target_note", "actual_note"], separator=" | ", ignore_nulls=True).alias("note"),
        pl.when(derived_col).then(pl.lit("exact")).otherwise(pl.col("target_form")).alias("target_form"),
        pl.when(derived_col).then(pl.col("target_value")).otherwise(pl.col("target_low")).alias("target_low"),
        pl.when(derived_col).then(pl.col("target_value")).otherwise(pl.col("target_high")).alias("target_high"),
        # A derived target comes from the ratio in the actual's row: point there.
        *[
            pl.coalesce(f"target_source_{part}", pl.when(derived_col).then(pl.col(f"actual_source_{part}"))).alias(
                f"target_source_{part}"
            )
            for part in ("file", "sheet", "row", "document", "quote")
        ],
        pl.col("catalog_unit").alias("unit"),
        pl.col("actual_revisions").fill_null(0),
        pl.coalesce("_a_name", "_t_name").alias("indicator_name_local"),
        pl.coalesce("_t_reported_by", "_a_reported_by").alias("reported_by"),
        pl.col("target_statements").fill_null(0).cast(pl.Int64),
        # The term figure so far is computed, not what a cell said: its text and qualifier do not apply.
        *[
            pl.when(use_term & pl.col("a_value").is_null()).then(None).otherwise(pl.col(c)).alias(c)
            for c in ("actual_text", "actual_qualifier")
        ],
    ).with_columns(pl.when(pl.col("note") == "").then(None).otherwise(pl.col("note")).alias("note"))
    out = f.select([pl.col(c).cast(t) for c, t in schema.items()])
    return out.sort("locality_code", "period", "family", "indicator_code")


# --- the same formulas on one value (tests, documentation) ---------------------------------------


def _one(expr: pl.Expr, **values: object) -> object:
    columns = {
        k: pl.Series(k, [v], dtype=pl.Utf8 if k in ("form", "direction") else pl.Float64) for k, v in values.items()
    }
    return pl.DataFrame(columns).select(expr.alias("out")).item()


def target_point(form: str | None, low: float | None, high: float | None, direction: str) -> float | None:
    """The figure achievement is measured against."""
    c = pl.col
    return _one(
        target_point_expr(c("form"), c("low"), c("high"), c("direction")),
        form=form,
        low=low,
        high=high,
        direction=direction,
    )


def achievement_pct(actual: float | None, target: float | None, direction: str) -> float | None:
    c = pl.col
    return _one(
        achievement_expr(c("actual"), c("target"), c("direction")), actual=actual, target=target, direction=direction
    )


def status_from_target(
    actual: float | None, form: str | None, low: float | None, high: float | None, direction: str
) -> str | None:
    c = pl.col
    expr = status_expr(c("actual"), c("form"), c("low"), c("high"), c("direction"))
    return _one(expr, actual=actual, form=form, low=low, high=high, direction=direction)


def status_from_pct(pct: float | None, direction: str) -> str | None:
    return _one(status_pct_expr(pl.col("pct"), pl.col("direction")), pct=pct, direction=direction)


def direction_aware_reported(reported_pct: float | None, direction: str) -> float | None:
    return _one(reported_expr(pl.col("pct"), pl.col("direction")), pct=reported_pct, direction=direction)


def sdg_grade(ratio: float | None) -> str:
    return _one(sdg_grade_expr(pl.col("ratio")), ratio=ratio)


def geometric_mean_rate(rates_pct: list[float]) -> float | None:
    if not rates_pct:
        return None
    return pl.DataFrame({"r": rates_pct}, schema={"r": pl.Float64}).select(geometric_mean_expr(pl.col("r"))).item()


def cagr_pct(start: float | None, end: float | None, years: float) -> float | None:
    return _one(cagr_expr(pl.col("start"), pl.col("end"), pl.col("years")), start=start, end=end, years=years)


def required_average_rate_pct(
    target_pct: float, achieved_pct: float, years_total: int, years_done: int
) -> float | None:
    c = pl.col
    expr = required_average_expr(c("target"), c("achieved"), c("total"), c("done"))
    return _one(expr, target=target_pct, achieved=achieved_pct, total=years_total, done=years_done)
