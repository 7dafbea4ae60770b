"""Target against actual, and progress toward congress-term targets. Pure Polars.

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
"""

from __future__ import annotations

import math

import polars as pl

from schemas import MartTargetVsActual, MartTermProgress
from schemas.base import polars_schema
from schemas.vocab import ABOUT_TOLERANCE_PCT, DEFAULT_H1_TARGET_PCT

EPS = 1e-9
TOL = ABOUT_TOLERANCE_PCT / 100


# --- single-figure helpers (also used by tests and the dashboard) ------------------------------


def target_point(form: str | None, low: float | None, high: float | None, direction: str) -> float | None:
    """The figure achievement is measured against."""
    if form in ("exact", "about", "min"):
        return low
    if form == "max":
        return high
    if form == "range":
        if low is None or high is None:
            return low if high is None else high
        if direction == "higher_is_better":
            return low
        if direction == "lower_is_better":
            return high
        return (low + high) / 2
    return None


def achievement_pct(actual: float | None, target: float | None, direction: str) -> float | None:
    if actual is None or target is None:
        return None
    if direction == "lower_is_better":
        return None if actual <= 0 else target / actual * 100
    return None if target == 0 else actual / target * 100


def status_from_target(
    actual: float | None, form: str | None, low: float | None, high: float | None, direction: str
) -> str | None:
    """vuot / dat / khong_dat from an actual and a target as written; None when either is missing."""
    if actual is None or form is None:
        return None
    better_up = direction == "higher_is_better"
    better_down = direction == "lower_is_better"

    def cmp(a: float, b: float) -> int:
        if abs(a - b) <= EPS * max(1.0, abs(b)):
            return 0
        return 1 if a > b else -1

    if form == "exact" and low is not None:
        if direction == "neutral":
            return "dat" if abs(actual - low) <= TOL * abs(low) + EPS else "khong_dat"
        c = cmp(actual, low)
        if c == 0:
            return "dat"
        return "vuot" if (c > 0) == better_up else "khong_dat"
    if form == "about" and low is not None:
        if abs(actual - low) <= TOL * abs(low) + EPS:
            return "dat"
        if direction == "neutral":
            return "khong_dat"
        return "vuot" if (actual > low) == better_up else "khong_dat"
    if form == "min" and low is not None:
        c = cmp(actual, low)
        if c < 0:
            return "khong_dat"
        return "dat" if c == 0 or direction == "neutral" else "vuot"
    if form == "max" and high is not None:
        c = cmp(actual, high)
        if c > 0:
            return "khong_dat"
        return "dat" if c == 0 or direction == "neutral" else "vuot"
    if form == "range" and low is not None and high is not None:
        if low - EPS <= actual <= high + EPS:
            return "dat"
        if actual > high:
            return "vuot" if better_up else "khong_dat"
        return "vuot" if better_down else "khong_dat"
    return None


def status_from_pct(pct: float | None, direction: str) -> str | None:
    """Status from a direction-aware achievement % alone (when only a ratio is reported)."""
    if pct is None:
        return None
    if direction == "neutral":
        return "dat" if abs(pct - 100) <= ABOUT_TOLERANCE_PCT + EPS else "khong_dat"
    if abs(pct - 100) <= EPS * 100:
        return "dat"
    return "vuot" if pct > 100 else "khong_dat"


def direction_aware_reported(reported_pct: float | None, direction: str) -> float | None:
    """A report's actual ÷ plan ratio as a direction-aware achievement %."""
    if reported_pct is None:
        return None
    if direction == "lower_is_better":
        return None if reported_pct <= 0 else 10000 / reported_pct
    return reported_pct


def sdg_grade(ratio: float | None) -> str:
    """UN SDG progress grade from actual ÷ required pace."""
    if ratio is None or math.isnan(ratio):
        return "insufficient_data"
    if ratio >= 0.95:
        return "on_track"
    if ratio >= 0.5:
        return "acceleration_needed"
    if ratio >= -0.1:
        return "limited_progress"
    return "regressing"


def geometric_mean_rate(rates_pct: list[float]) -> float | None:
    """Average annual rate (%) over years with rates r_i (%): (∏(1 + r_i))^(1/k) − 1."""
    if not rates_pct:
        return None
    product = 1.0
    for r in rates_pct:
        product *= 1 + r / 100
    if product <= 0:
        return None
    return (product ** (1 / len(rates_pct)) - 1) * 100


def cagr_pct(start: float | None, end: float | None, years: float) -> float | None:
    """Compound annual growth rate in % between two levels; None when undefined."""
    if start is None or end is None or years <= 0 or start <= 0 or end <= 0:
        return None
    return ((end / start) ** (1 / years) - 1) * 100


def required_average_rate_pct(
    target_pct: float, achieved_pct: float, years_total: int, years_done: int
) -> float | None:
    """Average rate still needed in the remaining years to average ``target_pct`` over the term."""
    remaining = years_total - years_done
    if remaining <= 0:
        return None
    total_needed = (1 + target_pct / 100) ** years_total
    done = (1 + achieved_pct / 100) ** years_done
    return ((total_needed / done) ** (1 / remaining) - 1) * 100


def met_by(value: float | None, form: str | None, low: float | None, high: float | None, direction: str) -> bool:
    """Whether a level already satisfies a target (used for 'achieved')."""
    status = status_from_target(value, form, low, high, direction)
    return status in ("vuot", "dat")


# --- tables ------------------------------------------------------------------------------------

_CATALOG_COLS = ["indicator_code", "name_vi", "name_en", "unit", "family", "direction", "aggregation", "decimals"]


def _catalog(catalog: pl.DataFrame) -> pl.DataFrame:
    return catalog.select(_CATALOG_COLS).rename(
        {"name_vi": "indicator_name_vi", "name_en": "indicator_name_en", "unit": "catalog_unit"}
    )


def term_progress(targets: pl.DataFrame, actuals: pl.DataFrame, catalog: pl.DataFrame) -> pl.DataFrame:
    """``mart_term_progress``: one row per locality, indicator and term with a term target or figure.

    ``actuals`` are the current revisions only.
    """
    cat = {r["indicator_code"]: r for r in _catalog(catalog).iter_rows(named=True)}
    term_targets = {
        (r["locality_code"], r["indicator_code"], r["period"]): r
        for r in targets.filter(pl.col("period_kind") == "term").iter_rows(named=True)
    }
    term_actuals = {
        (r["locality_code"], r["indicator_code"], r["period"]): r
        for r in actuals.filter(pl.col("period_kind") == "term").iter_rows(named=True)
    }
    yearly: dict[tuple[str, str], dict[int, dict]] = {}
    for r in actuals.filter(pl.col("period_kind") == "year").iter_rows(named=True):
        if r["value"] is None:
            continue
        yearly.setdefault((r["locality_code"], r["indicator_code"]), {})[int(r["period"])] = r
    rows = []
    for key in sorted(set(term_targets) | set(term_actuals)):
        locality, code, term = key
        info = cat.get(code)
        if info is None:
            continue
        rows.append(
            _progress_row(
                locality,
                code,
                term,
                info,
                term_targets.get(key),
                term_actuals.get(key),
                yearly.get((locality, code), {}),
            )
        )
    schema = _progress_schema()
    return pl.DataFrame(rows, schema=schema) if rows else pl.DataFrame(schema=schema)


def _progress_schema() -> dict[str, pl.DataType]:
    return polars_schema(MartTermProgress)


def _progress_row(
    locality: str,
    code: str,
    term: str,
    info: dict,
    target: dict | None,
    term_actual: dict | None,
    series: dict[int, dict],
) -> dict:
    start, end = (int(x) for x in term.split("-"))
    n_years = end - start
    direction = info["direction"]
    kind = target["target_kind"] if target else None
    form = target["target_form"] if target else None
    low = target["target_low"] if target else None
    high = target["target_high"] if target else None
    tvalue = target_point(form, low, high, direction)
    derived = False
    notes: list[str] = []

    in_term = {y: r for y, r in series.items() if start < y <= end}
    years_with_data = len(in_term)
    last_year = max(in_term) if in_term else None
    reported_value = term_actual["value"] if term_actual else None
    reported_to = term_actual["covered_to"] if term_actual else None
    reported_from = term_actual["covered_from"] if term_actual else None
    reported_pct = term_actual["reported_pct"] if term_actual else None
    reported_grade = term_actual["reported_grade"] if term_actual else None

    if tvalue is None and reported_pct and reported_value is not None and reported_pct > 0:
        tvalue = reported_value / (reported_pct / 100)
        form, low, high, derived = "exact", tvalue, tvalue, True
        notes.append("Chỉ tiêu suy ra từ tỷ lệ % báo cáo.")

    baseline_year = target["baseline_year"] if target else None
    baseline_value = target["baseline_value"] if target else None
    if baseline_value is None:
        before = {y: r for y, r in series.items() if y <= start}
        if before:
            baseline_year = max(before)
            baseline_value = before[baseline_year]["value"]

    use_report = reported_value is not None and (last_year is None or (reported_to or 0) >= last_year)
    as_of = max(
        [y for y in (last_year, reported_to if reported_value is not None else None) if y is not None], default=None
    )
    elapsed = None if as_of is None else max(0, min(as_of, end) - start)
    statuses = [r["actual_status"] for r in in_term.values()]
    if use_report:
        statuses = [term_actual["actual_status"]]
    actual_status = None if not statuses else ("estimate" if "estimate" in statuses else "official")

    out = {
        "actual_to_date": None,
        "actual_to_date_source": None,
        "progress_pct": None,
        "actual_rate": None,
        "required_rate": None,
        "required_rate_remaining": None,
        "projected_end_value": None,
        "on_track_ratio": None,
    }
    achieved = False
    data_complete = True
    effective_kind = kind or ("cumulative" if info["aggregation"] == "flow" else "end_level")

    if effective_kind == "average_rate":
        if use_report:
            rate = reported_value
            k = (reported_to - max(reported_from or start + 1, start + 1) + 1) if reported_to else None
            out["actual_to_date_source"] = "term_report"
        else:
            rate = geometric_mean_rate([r["value"] for _, r in sorted(in_term.items())])
            k = years_with_data
            out["actual_to_date_source"] = "yearly_figures" if in_term else None
            data_complete = elapsed is None or years_with_data >= elapsed
        out["actual_to_date"] = rate
        out["actual_rate"] = rate
        out["projected_end_value"] = rate
        if tvalue is not None and rate is not None:
            out["required_rate"] = tvalue
            out["progress_pct"] = achievement_pct(rate, tvalue, direction)
            if k:
                out["required_rate_remaining"] = required_average_rate_pct(tvalue, rate, n_years, k)
            out["on_track_ratio"] = rate / tvalue if tvalue else None
            achieved = bool(k and k >= n_years and met_by(rate, form, low, high, direction))
    elif effective_kind == "end_level":
        if use_report:
            current, current_year = reported_value, reported_to
            out["actual_to_date_source"] = "term_report"
        elif in_term:
            current, current_year = in_term[last_year]["value"], last_year
            out["actual_to_date_source"] = "yearly_figures"
        else:
            current, current_year = None, None
        out["actual_to_date"] = current
        if current is not None and tvalue is not None:
            achieved = met_by(current, form, low, high, direction)
            span_done = (
                (current_year - baseline_year) if baseline_year is not None and current_year is not None else None
            )
            span_total = end - baseline_year if baseline_year is not None else None
            cr_a = cagr_pct(baseline_value, current, span_done) if span_done else None
            cr_r = cagr_pct(baseline_value, tvalue, span_total) if span_total else None
            out["actual_rate"], out["required_rate"] = cr_a, cr_r
            if current_year is not None and end > current_year:
                out["required_rate_remaining"] = cagr_pct(current, tvalue, end - current_year)
                if cr_a is not None:
                    out["projected_end_value"] = current * (1 + cr_a / 100) ** (end - current_year)
            else:
                out["projected_end_value"] = current
            if cr_a is not None and cr_r is not None and abs(cr_r) > EPS:
                out["on_track_ratio"] = cr_a / cr_r
            if baseline_value is not None and abs(tvalue - baseline_value) > EPS:
                out["progress_pct"] = (current - baseline_value) / (tvalue - baseline_value) * 100
            else:
                out["progress_pct"] = achievement_pct(current, tvalue, direction)
    elif effective_kind == "cumulative":
        if use_report:
            total = reported_value
            k = (reported_to - (reported_from or start) + 1) if reported_to else None
            out["actual_to_date_source"] = "term_report"
        else:
            total = sum(r["value"] for r in in_term.values()) if in_term else None
            k = years_with_data
            out["actual_to_date_source"] = "yearly_figures" if in_term else None
            data_complete = elapsed is None or years_with_data >= elapsed
            if in_term and not data_complete:
                notes.append(f"Chỉ có số liệu {years_with_data}/{elapsed} năm đã qua.")
        out["actual_to_date"] = total
        if total is not None and k:
            out["actual_rate"] = total / k
            out["projected_end_value"] = (
                total / k * n_years if not use_report else total + total / k * max(0, end - (reported_to or end))
            )
        if tvalue is not None and total is not None:
            out["progress_pct"] = total / tvalue * 100 if tvalue else None
            out["required_rate"] = tvalue / n_years
            remaining = n_years - (elapsed or 0)
            if remaining > 0:
                out["required_rate_remaining"] = max(tvalue - total, 0) / remaining
            if out["actual_rate"] is not None and out["required_rate"]:
                out["on_track_ratio"] = out["actual_rate"] / out["required_rate"]
            achieved = (
                met_by(total, form, low, high, direction)
                if form != "max"
                else bool(elapsed and elapsed >= n_years and met_by(total, form, low, high, direction))
            )
    elif effective_kind == "threshold":
        values = [r["value"] for r in in_term.values()]
        if values and tvalue is not None:
            met = sum(1 for v in values if met_by(v, form, low, high, direction))
            share = met / len(values)
            out["actual_to_date"] = share * 100
            out["actual_to_date_source"] = "yearly_figures"
            out["progress_pct"] = share * 100
            out["on_track_ratio"] = share
            achieved = bool(elapsed and elapsed >= n_years and met == len(values))
            data_complete = elapsed is None or years_with_data >= elapsed

    if reported_grade in ("vuot", "dat") and (as_of or 0) >= end:
        achieved = True
        notes.append("Đánh giá theo báo cáo.")
    if as_of is None:
        data_complete = False  # no figure at all for the term yet
    grade = "achieved" if achieved else sdg_grade(out["on_track_ratio"])
    if not achieved and not data_complete and elapsed and years_with_data * 2 < elapsed:
        # Most elapsed years have no figure: the pace of the few that do is not a verdict.
        grade = "insufficient_data"
    if achieved:
        out["required_rate_remaining"] = None  # nothing more is required
    return {
        "locality_code": locality,
        "indicator_code": code,
        "indicator_name_vi": info["indicator_name_vi"],
        "indicator_name_en": info["indicator_name_en"],
        "unit": info["catalog_unit"],
        "family": info["family"],
        "direction": direction,
        "decimals": info["decimals"],
        "term": term,
        "term_start": start,
        "term_end": end,
        "target_kind": kind,
        "target_text": target["target_text"] if target else None,
        "target_form": form,
        "target_value": tvalue,
        "target_is_derived": derived,
        "target_document": target["target_document"] if target else None,
        "baseline_year": baseline_year,
        "baseline_value": baseline_value,
        "as_of_year": as_of,
        "years_total": n_years,
        "years_elapsed": elapsed,
        "years_with_data": years_with_data,
        "actual_status": actual_status,
        **out,
        "on_track_grade": grade,
        "data_complete": data_complete,
        "note": " ".join(notes) or None,
    }


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
    cat = _catalog(catalog)
    names = (
        localities.sort("valid_from", nulls_last=False)
        .unique(subset="locality_code", keep="last")
        .select("locality_code", pl.col("name_vi").alias("locality_name"))
    )
    t = targets.select(
        "locality_code",
        "indicator_code",
        "period",
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
    )
    main = actuals.filter(pl.col("period_kind").is_in(["year", "term"])).join(
        revisions, on=["locality_code", "indicator_code", "period"], how="left"
    )
    a = main.select(
        "locality_code",
        "indicator_code",
        "period",
        pl.col("period_kind").alias("a_period_kind"),
        pl.col("value").alias("actual"),
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
    h1 = actuals.filter(pl.col("period_kind") == "half_year").select(
        "locality_code",
        "indicator_code",
        pl.col("period").str.replace("-H1", "").alias("period"),
        pl.col("value").alias("h1_actual"),
    )
    h1_pct = workbooks.filter(pl.col("period_kind") == "year").select("locality_code", "period", "h1_target_pct")

    keys = pl.concat(
        [t.select("locality_code", "indicator_code", "period"), a.select("locality_code", "indicator_code", "period")]
    ).unique()
    frame = (
        keys.join(t, on=["locality_code", "indicator_code", "period"], how="left")
        .join(a, on=["locality_code", "indicator_code", "period"], how="left")
        .join(h1, on=["locality_code", "indicator_code", "period"], how="left")
        .join(cat, on="indicator_code", how="inner")
        .join(names, on="locality_code", how="left")
        .join(h1_pct, on=["locality_code", "period"], how="left")
        .join(
            progress.select(
                "locality_code",
                "indicator_code",
                pl.col("term").alias("period"),
                pl.col("actual_to_date").alias("_term_actual"),
                pl.col("as_of_year").alias("_as_of"),
                pl.col("term_end").alias("_term_end"),
                pl.col("on_track_grade").alias("_grade"),
            ),
            on=["locality_code", "indicator_code", "period"],
            how="left",
        )
        .with_columns(pl.coalesce("period_kind", "a_period_kind").alias("period_kind"))
    )
    rows = [_judge(r) for r in frame.iter_rows(named=True)]
    schema = polars_schema(MartTargetVsActual)
    out = pl.DataFrame(rows, schema=schema) if rows else pl.DataFrame(schema=schema)
    return out.sort("locality_code", "period", "family", "indicator_code")


def _judge(r: dict) -> dict:
    direction = r["direction"]
    term = r["period_kind"] == "term"
    actual = r["actual"]
    # A term's figure so far: the term workbook's own, or what the yearly figures add up to.
    if (
        term
        and r.get("_term_actual") is not None
        and (actual is None or r["target_kind"] in ("cumulative", "threshold"))
    ):
        actual = r["_term_actual"]
    form, low, high = r["target_form"], r["target_low"], r["target_high"]
    tvalue = target_point(form, low, high, direction)
    derived = False
    if tvalue is None and actual is not None and r["reported_pct"]:
        tvalue = actual / (r["reported_pct"] / 100)
        derived = True
    computed_pct = achievement_pct(actual, tvalue, direction)
    reported_pct = direction_aware_reported(r["reported_pct"], direction)
    pct = reported_pct if reported_pct is not None else computed_pct

    status = status_from_target(actual, form, low, high, direction) if not derived else None
    if status is None:
        status = status_from_pct(pct, direction)
    before_end = (
        term and r["target_kind"] in ("cumulative", "end_level") and (r.get("_as_of") or 0) < (r.get("_term_end") or 0)
    )
    # Before the term ends an end-of-term figure does not exist yet, unless already reached.
    if before_end and (status not in ("vuot", "dat") or r.get("_grade") != "achieved"):
        status = None
    status_computed = status or "chua_co_so_lieu"
    final = r["reported_grade"] or status_computed

    h1_pct = None
    h1_target = r["h1_target_pct"] if r["h1_target_pct"] is not None else (DEFAULT_H1_TARGET_PCT if not term else None)
    if not term and r["h1_actual"] is not None and r["aggregation"] == "flow" and tvalue:
        h1_pct = r["h1_actual"] / tvalue * 100 if direction != "lower_is_better" else None
    covered = None
    if r["covered_to"] is not None:
        covered = (
            str(r["covered_to"])
            if r["covered_from"] in (None, r["covered_to"])
            else f"{r['covered_from']}-{r['covered_to']}"
        )
    notes = [n for n in (r["target_note"], r["actual_note"]) if n]
    return {
        "locality_code": r["locality_code"],
        "locality_name": r["locality_name"],
        "indicator_code": r["indicator_code"],
        "indicator_name_vi": r["indicator_name_vi"],
        "indicator_name_en": r["indicator_name_en"],
        "unit": r["catalog_unit"],
        "family": r["family"],
        "direction": direction,
        "decimals": r["decimals"],
        "period": r["period"],
        "period_kind": r["period_kind"],
        "target_kind": r["target_kind"],
        "target_text": r["target_text"],
        "target_form": form if not derived else "exact",
        "target_low": low if not derived else tvalue,
        "target_high": high if not derived else tvalue,
        "target_value": tvalue,
        "target_is_derived": derived,
        "target_document": r["target_document"],
        # A derived target comes from the ratio in the actual's row: point there.
        "target_source_file": r["target_source_file"] or (r["actual_source_file"] if derived else None),
        "target_source_sheet": r["target_source_sheet"] or (r["actual_source_sheet"] if derived else None),
        "target_source_row": r["target_source_row"] or (r["actual_source_row"] if derived else None),
        "target_source_document": r["target_source_document"] or (r["actual_source_document"] if derived else None),
        "target_source_quote": r["target_source_quote"] or (r["actual_source_quote"] if derived else None),
        "actual": actual,
        "actual_status": r["actual_status"],
        "actual_covered": covered,
        "actual_revisions": r["actual_revisions"] or 0,
        "actual_source_file": r["actual_source_file"],
        "actual_source_sheet": r["actual_source_sheet"],
        "actual_source_row": r["actual_source_row"],
        "actual_source_document": r["actual_source_document"],
        "actual_source_quote": r["actual_source_quote"],
        "h1_actual": r["h1_actual"],
        "h1_target_pct": h1_target,
        "h1_pct_of_target": h1_pct,
        "h1_on_track": None if h1_pct is None else h1_pct >= (h1_target or DEFAULT_H1_TARGET_PCT) - EPS,
        "reported_pct": r["reported_pct"],
        "reported_grade": r["reported_grade"],
        "achievement_pct_computed": computed_pct,
        "achievement_pct": pct,
        "status_computed": status_computed,
        "status": final,
        "status_source": "reported" if r["reported_grade"] else "computed",
        "comparison_text": r["comparison_text"],
        "note": " | ".join(notes) or None,
    }
