"""Internal consistency and outliers (two of WHO's data-quality dimensions): figures that load
cleanly but do not fit the other figures. Pure Polars (and plain Python over the few rows that are
candidates); no Dagster, no DuckDB. Every finding is a warning with its evidence, never a rejection.

Rules, each on the current figures of one locality (the mart, one row per indicator and period):

``yoy_jump``
    A yearly figure whose change from the previous figure is far beyond what the indicator's own
    history makes plausible. The history is the series *without the figure tested* (so a planted
    error does not widen its own yardstick): its year-on-year changes, per year — log-ratios for
    levels, differences in percentage points for indicators measured in % (a poverty rate going
    from 4 to 2 is −2 points, not −50%). A change is unusual when it lies more than ``K`` robust
    standard deviations (1,4826 × MAD, at least ``FLOOR_LOG`` or ``FLOOR_POINTS``) from the median
    change. At least ``MIN_HISTORY`` other changes are needed; with fewer, every locality's changes
    of that indicator are the yardstick (when ``MIN_POOLED`` of them from ``MIN_POOLED_LOCALITIES``
    localities exist), else nothing is said. A spike warns once (at the odd figure, not again when
    the series comes back); a lasting break warns once. A jump that the report itself states
    ('giảm 29 thôn' beside 89 → 60) is explained, not warned about.
``shares_sum`` / ``parts_sum``
    Parts of a whole (catalog column 'Thuộc tổng (mã)'): shares in % of a whole that is not itself
    in % must add up to 100, other parts to the whole's figure, within rounding (half a unit of the
    last decimal written, per figure; ``SHARE_FLOOR`` points at least for shares). When some parts
    are missing only a sum already over the whole is said. Money parts and a money whole whose
    sources give different prices (giá hiện hành / giá so sánh) are not compared.
``growth_vs_levels``
    A growth rate (catalog column 'Tăng trưởng của (mã)') against the levels it is the growth of:
    (level_t ÷ level_{t−1} − 1) × 100, or for a term figure the average annual rate over the years
    it covers. Tolerance: rounding of the three figures, and for money when growth and levels are
    (or may be) at different prices, up to ``PRICE_ALLOWANCE`` points a year in the direction
    inflation goes (levels at current prices grow faster than real growth). The message says which.
``stated_change_vs_levels``
    A change the report states beside a figure ('tăng 12,83% so với năm 2022', 'giảm 29 thôn',
    'gấp 1,45 lần so với năm 2015') against the figures of both years, when both are loaded.
``pct_of_plan``
    A reported % of plan ('bằng 100,3% kế hoạch') against actual ÷ target × 100, when the target is
    written (not implied from that very ratio), within the rounding of the three figures.
``estimate_vs_official``
    An official figure that replaced an estimate (a later revision of the same key) and lies more
    than ``ESTIMATE_SHARE`` (levels) or ``ESTIMATE_POINTS`` (indicators in %) from it, beyond rounding.
``cumulative_decrease``
    A running total (its name or description says 'lũy kế', 'tích lũy', 'cộng dồn đến') lower than
    the year before, beyond rounding.
``rate_vs_counts``
    A rate in % or ‰ (catalog columns 'Tử số (mã)' and 'Mẫu số (mã)') against the count and the
    total it is the share of, for the same locality and period: count ÷ total × 100 (× 1000 for ‰),
    within the rounding of the three figures ('53/90 (đạt 89,9%)': 53/90 is 58,9%).
``units_sum``
    The figures of a locality's units (the ``localities`` table: ``parent_code``, valid that year)
    against the locality's own, for indicators that add up (catalog aggregation flow or stock, a
    unit that is not a rate or per-something): all units given and their sum is not the locality's
    figure, or some missing and the sum is already over it.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable

import polars as pl

from pipelines.parsing.text import fold_expr, vn_number_from_text
from schemas.base import polars_schema
from schemas.consistency_warnings import ConsistencyWarnings
from schemas.messages import CONSISTENCY_MESSAGES
from schemas.units import parse_unit
from schemas.vocab import fold

K = 3.5  # modified z-score beyond which a change is unusual (Iglewicz and Hoaglin)
MAD_SCALE = 1.4826  # MAD → standard deviation for normal data
FLOOR_LOG = 0.10  # smallest spread of yearly log-changes assumed (≈ 10% a year)
FLOOR_POINTS = 1.0  # smallest spread of yearly changes of a % indicator (1 point)
MIN_HISTORY = 3  # other year-on-year changes of the same series needed
MIN_POOLED = 8  # changes of every locality needed when the series' own are too few …
MIN_POOLED_LOCALITIES = 3  # … from this many localities
MAX_GAP = 5  # years between two figures still compared
SHARE_FLOOR = 0.1  # points of rounding allowed at least for shares adding to 100
PRICE_ALLOWANCE = 5.0  # points a year that prices may add to a money level's growth
ESTIMATE_SHARE = 0.10  # an official figure more than 10% from the estimate it replaced …
ESTIMATE_POINTS = 1.0  # … or, for an indicator in %, more than 1 point
# Words that make an indicator a running total, which cannot fall ('lũy kế', 'tích lũy', 'cộng dồn đến').
CUMULATIVE_WORDS = r"\b(luy ke|tich luy|cong don den|cong don tu)\b"
EPS = 1e-9

KEYS = ["locality_code", "indicator_code"]
MEASURED = {"money", "area", "length", "mass", "share"}

# The columns the rules write: the table's, without what the asset adds (its run and time).
OUTPUT_SCHEMA = {k: v for k, v in polars_schema(ConsistencyWarnings).items() if k not in ("run_id", "detected_at")}


# --- small helpers ---------------------------------------------------------------------------------


def fmt(value: float | None, decimals: int = 2, lang: str = "vi") -> str:
    """A number the language's way, trailing zeros dropped: 7.978,01 / 7,978.01."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    text = f"{float(value):,.{max(0, int(decimals))}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text == "-0":
        text = "0"
    if lang == "vi":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def signed(value: float, decimals: int = 2, lang: str = "vi") -> str:
    text = fmt(abs(value), decimals, lang)
    return text if text == "0" else ("+" if value > 0 else "−") + text


def written_decimals(value: float | None, most: int = 6) -> int:
    """Decimals a stored figure needs (95.28 → 2): the warehouse keeps the value, not how it was typed."""
    if value is None:
        return 0
    for d in range(most + 1):
        if abs(round(value, d) - value) <= EPS * max(1.0, abs(value)):
            return d
    return most


def half_unit(decimals: int | None) -> float:
    """Half a unit of the last decimal written: how far a rounded figure may be from the true one."""
    return 0.5 * 10.0 ** (-(decimals or 0))


def is_percent(unit: str | None) -> bool:
    return unit is not None and "%" in unit


def is_money(unit: str | None) -> bool:
    parsed = parse_unit(unit)
    return parsed is not None and parsed.dimension == "money"


def rounding(value: float, decimals: int | None, unit: str | None) -> float:
    """How far a figure as written may be from what it stands for. Measured quantities (money, area,
    shares …) are rounded at their last decimal; a whole count of things (villages, schools,
    people) is exact."""
    parsed = parse_unit(unit)
    measured = (decimals or 0) > 0 or (parsed is not None and (parsed.dimension in MEASURED or parsed.factor != 1))
    return half_unit(decimals) if measured else 0.0


def price_basis_expr(text: pl.Expr) -> pl.Expr:
    """constant (giá so sánh, giá cố định), current (giá hiện hành, giá thực tế), mixed, or null:
    what the figure's own words (its name, the sentence quoted, the note) say about its prices."""
    folded = fold_expr(text)
    constant = folded.str.contains(r"gia so sanh|gia co dinh|gia ss\b")
    current = folded.str.contains(r"gia hien hanh|gia thuc te|gia hh\b")
    return (
        pl.when(constant & current)
        .then(pl.lit("mixed"))
        .when(constant)
        .then(pl.lit("constant"))
        .when(current)
        .then(pl.lit("current"))
        .otherwise(pl.lit(None, dtype=pl.Utf8))
    )


def _where(file: str | None, sheet: str | None, row: int | None) -> str | None:
    if not file:
        return None
    return " › ".join(str(x) for x in (file, sheet, f"dòng {row}" if row is not None else None) if x)


def _join_where(items: Iterable[str | None]) -> str | None:
    found = [i for i in items if i]
    return "; ".join(dict.fromkeys(found)) or None


BASIS_WORDS = {
    "vi": {"constant": "giá so sánh", "current": "giá hiện hành", "mixed": "không rõ (nêu cả hai loại giá)"},
    "en": {"constant": "constant prices", "current": "current prices", "mixed": "unclear (both prices named)"},
}


def _basis_word(basis: str | None, lang: str) -> str:
    return BASIS_WORDS[lang].get(basis or "", "không rõ loại giá" if lang == "vi" else "prices not stated")


def _message(key: str, values: dict[str, dict[str, object]]) -> tuple[str, str]:
    msg = CONSISTENCY_MESSAGES[key]
    return msg.vi.format(**values["vi"]).strip(), msg.en.format(**values["en"]).strip()


def _both(make) -> dict[str, dict[str, object]]:
    """The message values in each language (numbers written each language's way)."""
    return {lang: make(lang) for lang in ("vi", "en")}


def empty() -> pl.DataFrame:
    return pl.DataFrame(schema=OUTPUT_SCHEMA)


def _frame(rows: list[dict]) -> pl.DataFrame:
    if not rows:
        return empty()
    return pl.DataFrame(rows, schema=OUTPUT_SCHEMA)


# --- the figures each rule reads -----------------------------------------------------------------


def _catalog(catalog: pl.DataFrame) -> pl.DataFrame:
    cols = {
        "indicator_code": pl.Utf8,
        "name_vi": pl.Utf8,
        "name_en": pl.Utf8,
        "unit": pl.Utf8,
        "decimals": pl.Int64,
        "min_value": pl.Float64,
        "max_value": pl.Float64,
        "part_of": pl.Utf8,
        "growth_of": pl.Utf8,
        "numerator_of": pl.Utf8,
        "denominator_of": pl.Utf8,
        "aggregation": pl.Utf8,
        "description": pl.Utf8,
    }
    return catalog.select(
        [pl.col(c).cast(t) if c in catalog.columns else pl.lit(None, dtype=t).alias(c) for c, t in cols.items()]
    )


def _once_per_mart(derive):
    """``derive(mart)`` computed once for the mart in hand: every rule reads the same figures of one
    batch of localities, and reading their words for prices (``price_basis_expr``) is most of a rule's
    time at national scale. The last two frames (a batch's mart and its units' mart), compared by
    identity and held with their result, so a new frame is never taken for an old one."""
    last: list[tuple[pl.DataFrame, pl.DataFrame]] = []

    def cached(mart: pl.DataFrame) -> pl.DataFrame:
        for frame, result in list(last):
            if frame is mart:
                return result
        result = derive(mart)
        last[:] = [*last[-1:], (mart, result)]
        return result

    cached.__doc__, cached.__name__ = derive.__doc__, derive.__name__
    return cached


@_once_per_mart
def figures(mart: pl.DataFrame) -> pl.DataFrame:
    """The mart's actuals, one per locality, indicator and period, with where they were typed and what
    their words say about prices."""
    words = [c for c in ("indicator_name_local", "actual_source_quote", "note", "comparison_text") if c in mart]
    text = pl.concat_str(words, separator=" | ", ignore_nulls=True) if words else pl.lit(None, dtype=pl.Utf8)
    return mart.filter(pl.col("actual").is_not_null()).select(
        *KEYS,
        "period",
        "period_kind",
        pl.col("actual").alias("value"),
        pl.coalesce("actual_decimals", "decimals").alias("value_decimals"),
        "unit",
        pl.col("actual_covered")
        if "actual_covered" in mart.columns
        else pl.lit(None, dtype=pl.Utf8).alias("actual_covered"),
        pl.col("actual_source_file").alias("source_file"),
        pl.col("actual_source_sheet").alias("source_sheet"),
        pl.col("actual_source_row").alias("source_row"),
        pl.col("comparison_text")
        if "comparison_text" in mart.columns
        else pl.lit(None, dtype=pl.Utf8).alias("comparison_text"),
        price_basis_expr(text).alias("basis"),
    )


@_once_per_mart
def yearly(mart: pl.DataFrame) -> pl.DataFrame:
    """Yearly figures as series: one row per locality, indicator and year."""
    return (
        figures(mart)
        .filter((pl.col("period_kind") == "year") & pl.col("period").str.contains(r"^\d{4}$"))
        .with_columns(pl.col("period").cast(pl.Int64).alias("year"))
        .sort(*KEYS, "year")
    )


def _changes(frame: pl.DataFrame, over: list[str]) -> pl.DataFrame:
    """Each figure's change per year from the figure before it in the same series (``over``): a
    difference in points for % indicators, a log-ratio otherwise; null when not comparable."""
    prev = pl.col("value").shift(1).over(over)
    gap = pl.col("year") - pl.col("year").shift(1).over(over)
    points = pl.col("unit").str.contains("%", literal=True).fill_null(False)
    raw = (
        pl.when(points)
        .then(pl.col("value") - prev)
        .when((pl.col("value") > 0) & (prev > 0))
        .then((pl.col("value") / prev).log())
        .otherwise(None)
    )
    return frame.with_columns(
        points.alias("points"),
        prev.alias("prev_value"),
        pl.col("year").shift(1).over(over).alias("prev_year"),
        gap.alias("gap"),
        pl.when(gap <= MAX_GAP).then(raw / gap).otherwise(None).alias("change"),
    )


def change_stats(mart: pl.DataFrame) -> pl.DataFrame:
    """Per indicator, every locality's year-on-year changes: median, MAD, how many, from how many
    localities. The yardstick for series too short to be their own."""
    series = _changes(yearly(mart), KEYS).filter(pl.col("change").is_not_null())
    return series.group_by("indicator_code").agg(
        pl.col("change").median().alias("pooled_median"),
        (pl.col("change") - pl.col("change").median()).abs().median().alias("pooled_mad"),
        pl.col("change").count().alias("pooled_n"),
        pl.col("locality_code").n_unique().alias("pooled_localities"),
    )


def _history_without_each(series: pl.DataFrame) -> pl.DataFrame:
    """For each figure (``t``): median, MAD and count of the series' changes with that figure left out."""
    left = series.select(*KEYS, pl.col("year").alias("t"))
    pairs = left.join(series.select(*KEYS, "year", "value", "unit"), on=KEYS).filter(pl.col("year") != pl.col("t"))
    pairs = _changes(pairs.sort(*KEYS, "t", "year"), [*KEYS, "t"]).filter(pl.col("change").is_not_null())
    return pairs.group_by(*KEYS, "t").agg(
        pl.col("change").median().alias("own_median"),
        (pl.col("change") - pl.col("change").median()).abs().median().alias("own_mad"),
        pl.col("change").count().alias("own_n"),
    )


# --- rule: year-on-year jumps ------------------------------------------------------------------------


def yoy_jumps(mart: pl.DataFrame, catalog: pl.DataFrame, pooled: pl.DataFrame | None = None) -> pl.DataFrame:
    """Unusual year-on-year changes (``yoy_jump``), the report's own stated changes excepted."""
    series = yearly(mart)
    if series.is_empty():
        return empty()
    series = _changes(series, KEYS)
    # The figure two before, for telling a spike (that comes back) from a break (that stays).
    series = series.with_columns(
        pl.col("value").shift(2).over(KEYS).alias("pp_value"),
        pl.col("year").shift(2).over(KEYS).alias("pp_year"),
        pl.col("basis").shift(1).over(KEYS).alias("prev_basis"),
    )
    stats = _history_without_each(series.select(*KEYS, "year", "value", "unit"))
    series = series.join(stats, left_on=[*KEYS, "year"], right_on=[*KEYS, "t"], how="left")
    if pooled is None:
        pooled = change_stats(mart)
    series = series.join(pooled, on="indicator_code", how="left")
    own = pl.col("own_n").fill_null(0) >= MIN_HISTORY
    pooled_ok = (pl.col("pooled_n").fill_null(0) >= MIN_POOLED) & (
        pl.col("pooled_localities").fill_null(0) >= MIN_POOLED_LOCALITIES
    )
    floor = pl.when(pl.col("points")).then(FLOOR_POINTS).otherwise(FLOOR_LOG)
    series = series.with_columns(
        pl.when(own).then(pl.lit("own")).when(pooled_ok).then(pl.lit("pooled")).otherwise(None).alias("yardstick"),
        pl.when(own).then("own_median").when(pooled_ok).then("pooled_median").alias("median"),
        pl.when(own).then("own_n").when(pooled_ok).then("pooled_n").alias("history_n"),
        pl.max_horizontal(MAD_SCALE * pl.when(own).then("own_mad").when(pooled_ok).then("pooled_mad"), floor).alias(
            "spread"
        ),
    )
    bridge_gap = pl.col("year") - pl.col("pp_year")
    bridge = (
        pl.when(pl.col("points"))
        .then(pl.col("value") - pl.col("pp_value"))
        .when((pl.col("value") > 0) & (pl.col("pp_value") > 0))
        .then((pl.col("value") / pl.col("pp_value")).log())
    ) / bridge_gap
    series = series.with_columns(
        ((pl.col("change") - pl.col("median")) / pl.col("spread")).alias("z"),
        pl.when(bridge_gap <= MAX_GAP).then((bridge - pl.col("median")) / pl.col("spread")).alias("z_bridge"),
    )
    series = series.with_columns((pl.col("z").abs() > K).fill_null(False).alias("unusual"))
    suspects = series.filter(pl.col("unusual").any().over(KEYS))
    if suspects.is_empty():
        return empty()
    stated = stated_changes(mart)
    explained = {
        (r["locality_code"], r["indicator_code"], r["year"], r["ref_year"])
        for r in stated.filter(pl.col("consistent")).iter_rows(named=True)
    }
    cat = {r["indicator_code"]: r for r in _catalog(catalog).iter_rows(named=True)}
    rows: list[dict] = []
    for _, group in suspects.group_by(KEYS, maintain_order=True):
        flagged_prev = False
        z_prev = None
        for r in group.iter_rows(named=True):
            unusual = r["unusual"]
            is_return = (
                unusual
                and flagged_prev
                and z_prev is not None
                and (r["z"] > 0) != (z_prev > 0)
                and r["z_bridge"] is not None
                and abs(r["z_bridge"]) <= K
            )
            flag = unusual and not is_return
            if flag and (r["locality_code"], r["indicator_code"], r["year"], r["prev_year"]) in explained:
                flag = False  # the report states this very change
            if flag and is_money(r["unit"]) and r["basis"] and r["prev_basis"] and r["basis"] != r["prev_basis"]:
                flag = False  # one at current, one at constant prices: not the same measure
            if flag:
                rows.append(_jump_row(r, cat.get(r["indicator_code"], {}), group))
            flagged_prev, z_prev = flag, r["z"]
    return _frame(rows)


def _jump_row(r: dict, cat: dict, group: pl.DataFrame) -> dict:
    points, gap, med, spread = r["points"], int(r["gap"]), r["median"], r["spread"]
    prev, value = r["prev_value"], r["value"]
    if points:
        expected = prev + gap * med
        low, high = prev + gap * (med - K * spread), prev + gap * (med + K * spread)
    else:
        expected = prev * math.exp(gap * med)
        low, high = prev * math.exp(gap * (med - K * spread)), prev * math.exp(gap * (med + K * spread))
    lo_bound, hi_bound = cat.get("min_value"), cat.get("max_value")
    if lo_bound is not None:
        low = max(low, lo_bound)
    if hi_bound is not None:
        high = min(high, hi_bound)
    d = max(int(r["value_decimals"] or 0), written_decimals(prev), written_decimals(value))
    prev_row = group.filter(pl.col("year") == r["prev_year"]).row(0, named=True)
    unit = r["unit"] or ""
    history = group.select("year", "value").rows()

    def values(lang: str) -> dict[str, object]:
        vi = lang == "vi"
        if points:
            change = ("tăng " if vi else "up ") if value >= prev else ("giảm " if vi else "down ")
            change += fmt(abs(value - prev), d, lang) + (" điểm %" if vi else " points")
            typical = signed(med, 2, lang) + (" điểm %/năm" if vi else " points a year")
        else:
            pct = (value / prev - 1) * 100
            change = ("tăng " if vi else "up ") if pct >= 0 else ("giảm " if vi else "down ")
            change += fmt(abs(pct), 1, lang) + "%"
            typical = signed((math.exp(med) - 1) * 100, 1, lang) + ("%/năm" if vi else "% a year")
        if r["yardstick"] == "own":
            typical = (
                f"những năm khác chỉ tiêu này thường thay đổi {typical} ({r['history_n']} lần thay đổi)"
                if vi
                else f"in its other years it typically changes {typical} ({r['history_n']} changes)"
            )
        else:
            typical = (
                f"ở các địa phương, chỉ tiêu này thường thay đổi {typical} ({r['history_n']} lần thay đổi, "
                f"{r['pooled_localities']} địa phương)"
                if vi
                else f"across localities it typically changes {typical} ({r['history_n']} changes, "
                f"{r['pooled_localities']} localities)"
            )
        u = f" {unit}" if unit and not unit.startswith("%") else unit
        return {
            "name": cat.get("name_vi" if vi else "name_en") or cat.get("name_vi") or r["indicator_code"],
            "value": fmt(value, d, lang) + u,
            "period": r["year"],
            "previous": fmt(prev, d, lang) + u,
            "previous_period": r["prev_year"],
            "change": change,
            "gap": (f", cách {gap} năm" if vi else f", {gap} years apart") if gap > 1 else "",
            "typical": typical,
            "low": fmt(low, d, lang),
            "high": fmt(high, d, lang) + u,
        }

    vi, en = _message("yoy_jump", _both(values))
    evidence = {
        "value": value,
        "year": r["year"],
        "previous_value": prev,
        "previous_year": r["prev_year"],
        "change_per_year": r["change"],
        "scale": "points" if points else "log",
        "typical_change_per_year": med,
        "spread": spread,
        "z": r["z"],
        "yardstick": r["yardstick"],
        "history_changes": r["history_n"],
        "plausible_low": low,
        "plausible_high": high,
        "series": [[y, v] for y, v in history],
    }
    return {
        "locality_code": r["locality_code"],
        "indicator_code": r["indicator_code"],
        "period": str(r["year"]),
        "rule": "yoy_jump",
        "figure": "actual",
        "value": value,
        "expected": expected,
        "tolerance": (high - expected) if value > expected else (expected - low),
        "related_period": str(r["prev_year"]),
        "price_basis": r["basis"] if is_money(unit) else None,
        "evidence": json.dumps(evidence, ensure_ascii=False),
        "message_vi": vi,
        "message_en": en,
        "source_file": r["source_file"],
        "source_sheet": r["source_sheet"],
        "source_row": r["source_row"],
        "related_source": _where(prev_row["source_file"], prev_row["source_sheet"], prev_row["source_row"]),
    }


# --- rule: a change the report states ------------------------------------------------------------

_NUM = r"[+\-]?\d[\d.,]*"
_CHANGE = re.compile(rf"^(?:tang|giam)(?:\s+them)?\s+({_NUM})\s*(diem\s*%|diem phan tram|%|lan)?")
_TIMES = re.compile(rf"^(?:tang\s+)?gap\s+({_NUM})\s*lan")
_REF_YEAR = re.compile(r"so voi (?:nam |cuoi nam )?(\d{4})\b")


def _clauses(mart: pl.DataFrame) -> pl.DataFrame:
    """Each clause of a yearly figure's 'So sánh' text that states a change, and from which year."""
    series = yearly(mart).filter(pl.col("comparison_text").is_not_null())
    if series.is_empty():
        return series.with_columns(
            pl.lit(None, dtype=pl.Utf8).alias("clause"),
            pl.lit(None, dtype=pl.Utf8).alias("kind"),
            pl.lit(None, dtype=pl.Float64).alias("stated"),
            pl.lit(None, dtype=pl.Int64).alias("stated_decimals"),
            pl.lit(None, dtype=pl.Int64).alias("ref_year"),
        )
    rows = []
    for r in series.iter_rows(named=True):
        for clause in re.split(r"[;|]", r["comparison_text"]):
            clause = clause.strip()
            folded = fold(clause)
            kind = token = None
            if m := _TIMES.match(folded):
                kind, token = "times", m.group(1)
            elif m := _CHANGE.match(folded):
                token = m.group(1)
                unit = (m.group(2) or "").replace(" ", "")
                kind = {"%": "pct", "lan": "times"}.get(unit, "points" if unit.startswith("diem") else "abs")
                if folded.startswith("giam"):
                    token = "-" + token.lstrip("+-")
            if kind is None:
                continue
            if ref := _REF_YEAR.search(folded):
                ref_year = int(ref.group(1))
            elif "so voi" in folded and not re.search(r"so voi (cung ky|nam truoc)", folded):
                continue  # against a term's start, another period …: not a figure of ours
            else:
                ref_year = r["year"] - 1
            token = token.rstrip(".,")
            rows.append({**r, "clause": clause, "kind": kind, "token": token, "ref_year": ref_year})
    if not rows:
        return series.head(0).with_columns(
            pl.lit(None, dtype=pl.Utf8).alias("clause"),
            pl.lit(None, dtype=pl.Utf8).alias("kind"),
            pl.lit(None, dtype=pl.Float64).alias("stated"),
            pl.lit(None, dtype=pl.Int64).alias("stated_decimals"),
            pl.lit(None, dtype=pl.Int64).alias("ref_year"),
        )
    frame = pl.DataFrame(rows, infer_schema_length=None)
    return frame.with_columns(
        vn_number_from_text(pl.col("token")).alias("stated"),
        pl.col("token")
        .str.extract(r",(\d+)$", 1)
        .str.len_chars()
        .fill_null(pl.when(pl.col("token").str.contains(r"^[+\-]?\d*\.\d{1,2}$")).then(2).otherwise(0))
        .cast(pl.Int64)
        .alias("stated_decimals"),
    ).drop("token")


def stated_changes(mart: pl.DataFrame) -> pl.DataFrame:
    """Every stated change whose two years' figures are loaded, with what the figures give and whether
    they agree (``consistent``)."""
    clauses = _clauses(mart)
    base = yearly(mart).select(
        *KEYS,
        pl.col("year").alias("ref_year"),
        pl.col("value").alias("ref_value"),
        pl.col("value_decimals").alias("ref_decimals"),
        pl.col("basis").alias("ref_basis"),
        pl.col("source_file").alias("ref_file"),
        pl.col("source_sheet").alias("ref_sheet"),
        pl.col("source_row").alias("ref_row"),
    )
    if clauses.is_empty():
        return clauses.join(base, on=[*KEYS, "ref_year"], how="inner").with_columns(
            pl.lit(None, dtype=pl.Float64).alias("computed"),
            pl.lit(None, dtype=pl.Float64).alias("allowed"),
            pl.lit(None, dtype=pl.Boolean).alias("consistent"),
        )
    both = clauses.join(base, on=[*KEYS, "ref_year"], how="inner")
    rows = []
    for r in both.iter_rows(named=True):
        v, p, stated, kind = r["value"], r["ref_value"], r["stated"], r["kind"]
        if stated is None or p is None:
            continue
        unit = r["unit"]
        hv = rounding(v, r["value_decimals"], unit)
        hp = rounding(p, r["ref_decimals"], unit)
        hs = half_unit(r["stated_decimals"])
        if kind in ("abs", "points"):
            computed, allowed = v - p, hs + hv + hp
        elif p == 0:
            continue
        elif kind == "pct":
            computed = (v / p - 1) * 100
            allowed = hs + 100 * abs(v / p) * (hv / abs(v or 1) + hp / abs(p))
        else:
            computed = v / p
            allowed = hs + abs(v / p) * (hv / abs(v or 1) + hp / abs(p))
        consistent = abs(computed - stated) <= allowed + EPS
        if not consistent and kind == "pct" and is_percent(unit):
            # '+3%' of a rate is often written for 3 points: either reading will do.
            consistent = abs((v - p) - stated) <= hs + hv + hp + EPS
        if r["basis"] and r["ref_basis"] and r["basis"] != r["ref_basis"] and is_money(unit):
            consistent = None  # different prices: the two figures do not measure the same thing
        rows.append({**r, "computed": computed, "allowed": allowed, "consistent": consistent})
    if not rows:
        return both.head(0).with_columns(
            pl.lit(None, dtype=pl.Float64).alias("computed"),
            pl.lit(None, dtype=pl.Float64).alias("allowed"),
            pl.lit(None, dtype=pl.Boolean).alias("consistent"),
        )
    return pl.DataFrame(rows, infer_schema_length=None)


def stated_change_warnings(mart: pl.DataFrame, catalog: pl.DataFrame) -> pl.DataFrame:
    """Changes the report states that the two years' figures contradict (``stated_change_vs_levels``)."""
    checked = stated_changes(mart)
    if checked.is_empty():
        return empty()
    cat = {r["indicator_code"]: r for r in _catalog(catalog).iter_rows(named=True)}
    rows = []
    for r in checked.filter(pl.col("consistent") == False).iter_rows(named=True):  # noqa: E712
        c = cat.get(r["indicator_code"], {})
        unit = r["unit"] or ""
        d = max(int(r["value_decimals"] or 0), int(r["ref_decimals"] or 0))
        kind, computed = r["kind"], r["computed"]

        def values(lang: str, r=r, c=c, unit=unit, d=d, kind=kind, computed=computed) -> dict[str, object]:
            vi = lang == "vi"
            u = f" {unit}" if unit and not unit.startswith("%") else unit
            if kind == "times":
                change = (f"gấp {fmt(computed, 2, lang)} lần") if vi else f"{fmt(computed, 2, lang)} times"
            else:
                up = computed >= 0
                word = ("tăng " if up else "giảm ") if vi else ("up " if up else "down ")
                if kind == "pct":
                    change = word + fmt(abs(computed), 2, lang) + "%"
                elif kind == "points":
                    change = word + fmt(abs(computed), d, lang) + (" điểm %" if vi else " points")
                else:
                    change = word + fmt(abs(computed), d, lang) + u
            basis = ""
            if is_money(unit):
                basis = ("Loại giá: " if vi else "Prices: ") + _basis_word(r["basis"], lang) + "."
            return {
                "name": c.get("name_vi" if vi else "name_en") or c.get("name_vi") or r["indicator_code"],
                "period": r["year"],
                "stated": r["clause"],
                "previous": fmt(r["ref_value"], d, lang) + u,
                "previous_period": r["ref_year"],
                "value": fmt(r["value"], d, lang) + u,
                "actual_change": change,
                "basis": basis,
            }

        vi, en = _message("stated_change_vs_levels", _both(values))
        evidence = {
            "stated": r["clause"],
            "stated_kind": kind,
            "stated_value": r["stated"],
            "value": r["value"],
            "year": r["year"],
            "reference_value": r["ref_value"],
            "reference_year": r["ref_year"],
            "computed": computed,
            "allowed": r["allowed"],
        }
        rows.append(
            {
                "locality_code": r["locality_code"],
                "indicator_code": r["indicator_code"],
                "period": str(r["year"]),
                "rule": "stated_change_vs_levels",
                "figure": "actual",
                "value": r["stated"],
                "expected": computed,
                "tolerance": r["allowed"],
                "related_period": str(r["ref_year"]),
                "price_basis": r["basis"] if is_money(unit) else None,
                "evidence": json.dumps(evidence, ensure_ascii=False),
                "message_vi": vi,
                "message_en": en,
                "source_file": r["source_file"],
                "source_sheet": r["source_sheet"],
                "source_row": r["source_row"],
                "related_source": _where(r["ref_file"], r["ref_sheet"], r["ref_row"]),
            }
        )
    return _frame(rows)


# --- rule: parts of a whole ------------------------------------------------------------------------


def _target_figures(mart: pl.DataFrame) -> pl.DataFrame:
    """Targets written as one figure (exact or about), as figures of the same shape as ``figures``."""
    if "target_value" not in mart.columns:
        return figures(mart).head(0)
    return mart.filter(
        pl.col("target_value").is_not_null()
        & pl.col("target_form").is_in(["exact", "about"])
        & ~pl.col("target_is_derived").fill_null(False)
    ).select(
        *KEYS,
        "period",
        "period_kind",
        pl.col("target_value").alias("value"),
        pl.coalesce("target_decimals", "decimals").alias("value_decimals"),
        "unit",
        pl.lit(None, dtype=pl.Utf8).alias("actual_covered"),
        pl.col("target_source_file").alias("source_file"),
        pl.col("target_source_sheet").alias("source_sheet"),
        pl.col("target_source_row").alias("source_row"),
        pl.lit(None, dtype=pl.Utf8).alias("comparison_text"),
        price_basis_expr(
            pl.concat_str(["indicator_name_local", "target_source_quote"], separator=" | ", ignore_nulls=True)
        ).alias("basis"),
    )


def parts_sums(mart: pl.DataFrame, catalog: pl.DataFrame) -> pl.DataFrame:
    """Shares that do not add up to 100 (``shares_sum``) and parts that do not add up to their whole
    (``parts_sum``), for actuals and for targets."""
    cat = _catalog(catalog)
    links = cat.filter(pl.col("part_of").is_not_null())
    if links.is_empty():
        return empty()
    info = {r["indicator_code"]: r for r in cat.iter_rows(named=True)}
    members: dict[tuple[str, str], list[str]] = {}
    for r in links.iter_rows(named=True):
        whole = info.get(r["part_of"])
        if whole is None:
            continue
        kind = "share" if is_percent(r["unit"]) and not is_percent(whole["unit"]) else "level"
        members.setdefault((r["part_of"], kind), []).append(r["indicator_code"])
    rows: list[dict] = []
    for figure, frame in (("actual", figures(mart)), ("target", _target_figures(mart))):
        if frame.is_empty():
            continue
        by_key: dict[tuple[str, str], dict[str, dict]] = {}
        for r in frame.iter_rows(named=True):
            by_key.setdefault((r["locality_code"], r["period"]), {})[r["indicator_code"]] = r
        for (locality, period), found in by_key.items():
            for (whole, kind), codes in members.items():
                present = [found[c] for c in codes if c in found]
                if not present:
                    continue
                missing = [c for c in codes if c not in found]
                if kind == "share":
                    row = _shares_row(figure, locality, period, whole, present, missing, info)
                else:
                    row = _parts_row(figure, locality, period, whole, found.get(whole), present, missing, info)
                if row:
                    rows.append(row)
    return _frame(rows)


def _name(info: dict, code: str, lang: str) -> str:
    c = info.get(code) or {}
    return (c.get("name_en") if lang == "en" else None) or c.get("name_vi") or code


def _figure_word(figure: str, lang: str) -> str:
    return {"vi": {"actual": "Số thực hiện", "target": "Chỉ tiêu"}, "en": {"actual": "Actuals", "target": "Targets"}}[
        lang
    ][figure]


def _parts_text(present: list[dict], info: dict, lang: str, suffix: str = "") -> str:
    return "; ".join(
        f"{_name(info, p['indicator_code'], lang)}: {fmt(p['value'], int(p['value_decimals'] or 0), lang)}{suffix}"
        for p in present
    )


def _shares_row(
    figure: str, locality: str, period: str, whole: str, present: list[dict], missing: list[str], info: dict
) -> dict | None:
    total = sum(p["value"] for p in present)
    tol = max(SHARE_FLOOR, sum(half_unit(p["value_decimals"]) for p in present))
    complete = not missing and len(present) >= 2
    if complete and abs(total - 100) <= tol + EPS:
        return None
    if not complete and total <= 100 + tol + EPS:
        return None
    d = max(int(p["value_decimals"] or 0) for p in present)
    key = "shares_sum" if complete else "shares_exceed"

    def values(lang: str) -> dict[str, object]:
        return {
            "figure": _figure_word(figure, lang),
            "period": period,
            "whole": _name(info, whole, lang),
            "total": fmt(total, d, lang),
            "parts": _parts_text(present, info, lang, "%"),
            "tolerance": fmt(tol, 2, lang),
            "missing": ", ".join(_name(info, m, lang) for m in missing),
        }

    vi, en = _message(key, _both(values))
    first = present[0]
    return {
        "locality_code": locality,
        "indicator_code": whole,
        "period": period,
        "rule": "shares_sum",
        "figure": figure,
        "value": total,
        "expected": 100.0,
        "tolerance": tol,
        "related_period": None,
        "price_basis": None,
        "evidence": json.dumps(
            {"parts": {p["indicator_code"]: p["value"] for p in present}, "missing": missing, "total": total},
            ensure_ascii=False,
        ),
        "message_vi": vi,
        "message_en": en,
        "source_file": first["source_file"],
        "source_sheet": first["source_sheet"],
        "source_row": first["source_row"],
        "related_source": _join_where(
            _where(p["source_file"], p["source_sheet"], p["source_row"]) for p in present[1:]
        ),
    }


def _convert(value: float, unit: str | None, to_unit: str | None) -> float | None:
    """A part's figure in the whole's unit (triệu → tỷ đồng); as is when either unit is not a known one;
    None when both are known and measure different things."""
    a, b = parse_unit(unit), parse_unit(to_unit)
    if a is None or b is None or unit == to_unit:
        return value
    if a.dimension != b.dimension or a.rest != b.rest:
        return None
    return value * a.factor / b.factor


def _parts_row(
    figure: str,
    locality: str,
    period: str,
    whole: str,
    whole_row: dict | None,
    present: list[dict],
    missing: list[str],
    info: dict,
) -> dict | None:
    if whole_row is None:
        return None
    unit = whole_row["unit"]
    converted = [_convert(p["value"], p["unit"], unit) for p in present]
    if any(v is None for v in converted):
        return None
    money = is_money(unit)
    bases = {b for b in [whole_row["basis"], *(p["basis"] for p in present)] if b}
    if money and ("mixed" in bases or len(bases) > 1):
        return None  # some at current, some at constant prices: not the same measure
    total = sum(converted)
    tol = rounding(whole_row["value"], whole_row["value_decimals"], unit) + sum(
        rounding(p["value"], p["value_decimals"], p["unit"]) for p in present
    )
    complete = not missing and len(present) >= 2
    gap = total - whole_row["value"]
    if complete and abs(gap) <= tol + EPS:
        return None
    if not complete and gap <= tol + EPS:
        return None
    d = max([int(whole_row["value_decimals"] or 0), *(int(p["value_decimals"] or 0) for p in present)])
    key = "parts_sum" if complete else "parts_exceed"
    basis = next(iter(bases), None) if money else None

    def values(lang: str) -> dict[str, object]:
        u = f" {unit}" if unit else ""
        basis_text = ""
        if money:
            basis_text = (" (loại giá: " if lang == "vi" else " (prices: ") + _basis_word(basis, lang) + ")"
        return {
            "figure": _figure_word(figure, lang),
            "period": period,
            "whole": _name(info, whole, lang),
            "total": fmt(total, d, lang) + u,
            "parts": _parts_text(present, info, lang),
            "whole_value": fmt(whole_row["value"], d, lang) + u,
            "gap": signed(gap, d, lang),
            "tolerance": fmt(tol, max(d, 1), lang)
            if tol
            else ("số đếm nên phải khớp đúng" if lang == "vi" else "counts must match exactly"),
            "missing": ", ".join(_name(info, m, lang) for m in missing),
            "basis": basis_text,
        }

    vi, en = _message(key, _both(values))
    return {
        "locality_code": locality,
        "indicator_code": whole,
        "period": period,
        "rule": "parts_sum",
        "figure": figure,
        "value": total,
        "expected": whole_row["value"],
        "tolerance": tol,
        "related_period": None,
        "price_basis": basis,
        "evidence": json.dumps(
            {
                "whole": {whole: whole_row["value"]},
                "parts": {p["indicator_code"]: p["value"] for p in present},
                "missing": missing,
                "total": total,
            },
            ensure_ascii=False,
        ),
        "message_vi": vi,
        "message_en": en,
        "source_file": whole_row["source_file"],
        "source_sheet": whole_row["source_sheet"],
        "source_row": whole_row["source_row"],
        "related_source": _join_where(_where(p["source_file"], p["source_sheet"], p["source_row"]) for p in present),
    }


# --- rule: a growth rate against its levels --------------------------------------------------------


def _covered(period: str, covered: str | None) -> tuple[int, int] | None:
    """Years a growth figure is the (average) growth over: '2023' → (2023, 2023); a term figure → the
    years it covers ('2021-2023'), or the term's years after its first."""
    text = covered or period
    if m := re.fullmatch(r"(\d{4})", text):
        return int(m.group(1)), int(m.group(1))
    if m := re.fullmatch(r"(\d{4})\s*-\s*(\d{4})", text):
        start, end = int(m.group(1)), int(m.group(2))
        # A term '2020-2025' runs 2021–2025; a covered span '2021-2023' is those years.
        return (start + 1, end) if covered is None else (start, end)
    return None


def growth_vs_levels(mart: pl.DataFrame, catalog: pl.DataFrame, baselines: pl.DataFrame | None = None) -> pl.DataFrame:
    """Growth rates the levels they are the growth of contradict (``growth_vs_levels``)."""
    cat = _catalog(catalog)
    links = {
        r["indicator_code"]: r["growth_of"] for r in cat.filter(pl.col("growth_of").is_not_null()).iter_rows(named=True)
    }
    if not links:
        return empty()
    info = {r["indicator_code"]: r for r in cat.iter_rows(named=True)}
    figs = figures(mart)
    growth = figs.filter(pl.col("indicator_code").is_in(list(links)))
    if growth.is_empty():
        return empty()
    levels: dict[tuple[str, str, int], dict] = {
        (r["locality_code"], r["indicator_code"], int(r["period"])): r
        for r in yearly(mart).filter(pl.col("indicator_code").is_in(list(set(links.values())))).iter_rows(named=True)
    }
    # A term workbook's 'Giá trị năm gốc' stands in for a base year with no yearly figure.
    if baselines is not None and not baselines.is_empty():
        for r in baselines.filter(pl.col("baseline_value").is_not_null()).iter_rows(named=True):
            key = (r["locality_code"], r["indicator_code"], int(r["baseline_year"]))
            if key not in levels and r["indicator_code"] in set(links.values()):
                text = " | ".join(str(r.get(c) or "") for c in ("source_quote", "note"))
                basis = pl.select(price_basis_expr(pl.lit(text))).item()
                levels[key] = {
                    "value": r["baseline_value"],
                    "value_decimals": written_decimals(r["baseline_value"]),
                    "unit": info.get(r["indicator_code"], {}).get("unit"),
                    "basis": basis,
                    "source_file": r.get("source_file"),
                    "source_sheet": r.get("source_sheet"),
                    "source_row": r.get("source_row"),
                }
    rows = []
    for g in growth.iter_rows(named=True):
        level = links[g["indicator_code"]]
        years = _covered(g["period"], g["actual_covered"])
        if years is None:
            continue
        base_year, end_year = years[0] - 1, years[1]
        base = levels.get((g["locality_code"], level, base_year))
        end = levels.get((g["locality_code"], level, end_year))
        if base is None or end is None or base["value"] <= 0 or end["value"] <= 0:
            continue
        row = _growth_row(g, level, base, end, base_year, end_year, info)
        if row:
            rows.append(row)
    return _frame(rows)


def _growth_row(g: dict, level: str, base: dict, end: dict, base_year: int, end_year: int, info: dict) -> dict | None:
    n = end_year - base_year
    unit = info.get(level, {}).get("unit") or end.get("unit")
    money = is_money(unit)
    reported = g["value"]
    implied = ((end["value"] / base["value"]) ** (1 / n) - 1) * 100
    h_end = rounding(end["value"], end["value_decimals"], unit) / end["value"]
    h_base = rounding(base["value"], base["value_decimals"], unit) / base["value"]
    tol = (
        half_unit(max(int(g["value_decimals"] or 0), written_decimals(reported)))
        + 100 * (1 + implied / 100) * (h_end + h_base) / n
    )
    up = down = 0.0  # what prices may add to the levels' growth (up) or to the reported one (down)
    level_basis: str | None = None
    growth_basis = g["basis"] if g["basis"] in ("constant", "current") else None
    if money:
        bases = {b for b in (base["basis"], end["basis"]) if b}
        if "mixed" in bases or len(bases) > 1:
            return None  # the two levels are at different prices: no growth can be read from them
        level_basis = next(iter(bases), None)
        assumed = growth_basis or "constant"  # growth rates are usually at constant prices
        if level_basis is None:
            up, down = (PRICE_ALLOWANCE, 0.0) if assumed == "constant" else (0.0, PRICE_ALLOWANCE)
        elif level_basis != assumed:
            up, down = (PRICE_ALLOWANCE, 0.0) if level_basis == "current" else (0.0, PRICE_ALLOWANCE)
    gap = reported - implied
    if -(tol + up) - EPS <= gap <= tol + down + EPS:
        return None
    d = max(int(end["value_decimals"] or 0), int(base["value_decimals"] or 0))
    dg = max(int(g["value_decimals"] or 0), written_decimals(reported), 1)

    def values(lang: str) -> dict[str, object]:
        vi = lang == "vi"
        u = f" {unit}" if unit else ""
        basis = ""
        if money:
            lb = _basis_word(level_basis, lang)
            gb = (
                _basis_word(growth_basis, lang)
                if growth_basis
                else ("coi như giá so sánh" if vi else "taken as constant prices")
            )
            basis = f"Số liệu mức: {lb}; tốc độ tăng: {gb}." if vi else f"Levels: {lb}; growth: {gb}."
            if up or down:
                basis += (
                    f" Đã cho phép chênh thêm {fmt(PRICE_ALLOWANCE, 0, lang)} điểm %/năm do trượt giá."
                    if vi
                    else f" {fmt(PRICE_ALLOWANCE, 0, lang)} more points a year allowed for price changes."
                )
        return {
            "name": _name(info, g["indicator_code"], lang),
            "period": g["period"],
            "value": fmt(reported, dg, lang),
            "level": _name(info, level, lang),
            "base": fmt(base["value"], d, lang) + u,
            "base_period": base_year,
            "end": fmt(end["value"], d, lang) + u,
            "end_period": end_year,
            "implied": fmt(implied, 2, lang),
            "gap": signed(gap, 2, lang),
            "tolerance": fmt(tol + (up if gap < 0 else down), 2, lang),
            "basis": basis,
        }

    vi, en = _message("growth_vs_levels", _both(values))
    evidence = {
        "growth": reported,
        "level_code": level,
        "base_year": base_year,
        "base_value": base["value"],
        "end_year": end_year,
        "end_value": end["value"],
        "implied_growth": implied,
        "rounding_tolerance": tol,
        "price_allowance_up": up,
        "price_allowance_down": down,
        "level_price_basis": level_basis,
        "growth_price_basis": growth_basis,
    }
    return {
        "locality_code": g["locality_code"],
        "indicator_code": g["indicator_code"],
        "period": g["period"],
        "rule": "growth_vs_levels",
        "figure": "actual",
        "value": reported,
        "expected": implied,
        "tolerance": tol + (up if gap < 0 else down),
        "related_period": f"{base_year}-{end_year}",
        "price_basis": level_basis if money else None,
        "evidence": json.dumps(evidence, ensure_ascii=False),
        "message_vi": vi,
        "message_en": en,
        "source_file": g["source_file"],
        "source_sheet": g["source_sheet"],
        "source_row": g["source_row"],
        "related_source": _join_where(
            _where(x.get("source_file"), x.get("source_sheet"), x.get("source_row")) for x in (base, end)
        ),
    }


# --- rule: a reported % of plan --------------------------------------------------------------------


def pct_of_plan(mart: pl.DataFrame, catalog: pl.DataFrame | None = None) -> pl.DataFrame:
    """A reported % of plan that actual ÷ target contradicts (``pct_of_plan``). The report's ratio is
    always actual ÷ plan, whichever way is good; a range target has no single plan to divide by."""
    need = {"reported_pct", "target_value", "actual", "target_is_derived", "target_form"}
    if not need <= set(mart.columns):
        return empty()
    rows_in = mart.filter(
        pl.col("reported_pct").is_not_null()
        & pl.col("actual").is_not_null()
        & pl.col("target_value").is_not_null()
        & (pl.col("target_value") != 0)
        & ~pl.col("target_is_derived").fill_null(False)
        & pl.col("target_form").is_in(["exact", "about", "min", "max"])
    )
    rows = []
    for r in rows_in.iter_rows(named=True):
        a, t, reported, unit = r["actual"], r["target_value"], r["reported_pct"], r["unit"]
        computed = a / t * 100
        da = r.get("actual_decimals") if r.get("actual_decimals") is not None else r.get("decimals")
        dt = r.get("target_decimals") if r.get("target_decimals") is not None else r.get("decimals")
        dr = written_decimals(reported)
        tol = half_unit(dr) + abs(computed) * (rounding(a, da, unit) / abs(a or 1) + rounding(t, dt, unit) / abs(t))
        gap = reported - computed
        if abs(gap) <= tol + EPS:
            continue
        d = max(int(da or 0), int(dt or 0))

        def values(lang: str, r=r, a=a, t=t, reported=reported, computed=computed, tol=tol, gap=gap, d=d, dr=dr):
            u = f" {r['unit']}" if r["unit"] and not r["unit"].startswith("%") else (r["unit"] or "")
            name = (
                (r.get("indicator_name_en") if lang == "en" else None)
                or r.get("indicator_name_vi")
                or r["indicator_code"]
            )
            return {
                "name": name,
                "period": r["period"],
                "reported": fmt(reported, dr, lang),
                "actual": fmt(a, d, lang) + u,
                "target": fmt(t, d, lang) + u,
                "computed": fmt(computed, 2, lang),
                "gap": signed(gap, 2, lang),
                "tolerance": fmt(tol, 2, lang),
            }

        vi, en = _message("pct_of_plan", _both(values))
        evidence = {
            "reported_pct": reported,
            "actual": a,
            "target": t,
            "target_text": r.get("target_text"),
            "computed_pct": computed,
            "allowed": tol,
        }
        rows.append(
            {
                "locality_code": r["locality_code"],
                "indicator_code": r["indicator_code"],
                "period": r["period"],
                "rule": "pct_of_plan",
                "figure": "actual",
                "value": reported,
                "expected": computed,
                "tolerance": tol,
                "related_period": None,
                "price_basis": None,
                "evidence": json.dumps(evidence, ensure_ascii=False),
                "message_vi": vi,
                "message_en": en,
                "source_file": r.get("actual_source_file"),
                "source_sheet": r.get("actual_source_sheet"),
                "source_row": r.get("actual_source_row"),
                "related_source": _where(
                    r.get("target_source_file"), r.get("target_source_sheet"), r.get("target_source_row")
                ),
            }
        )
    return _frame(rows)


# --- all of them -------------------------------------------------------------------------------------


def consistency_warnings(
    mart: pl.DataFrame,
    catalog: pl.DataFrame,
    pooled: pl.DataFrame | None = None,
    baselines: pl.DataFrame | None = None,
    actuals: pl.DataFrame | None = None,
    localities: pl.DataFrame | None = None,
    units_mart: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Every rule over the mart rows of some localities. ``pooled``: every locality's change
    statistics (``change_stats``), when ``mart`` holds only some of them; ``baselines``: term
    targets' base-year values (``indicator_targets``); ``actuals``: their revisions
    (``indicator_actuals``, for estimates later replaced); ``localities`` and ``units_mart``: the
    units of each locality and their mart rows (for the units' sum)."""
    frames = [
        yoy_jumps(mart, catalog, pooled),
        parts_sums(mart, catalog),
        growth_vs_levels(mart, catalog, baselines),
        stated_change_warnings(mart, catalog),
        pct_of_plan(mart, catalog),
        cumulative_decreases(mart, catalog),
        rates_vs_counts(mart, catalog),
    ]
    if actuals is not None:
        frames.append(estimate_vs_official(actuals, catalog))
    if localities is not None and units_mart is not None:
        frames.append(units_sums(mart, units_mart, localities, catalog))
    return pl.concat(frames, how="vertical_relaxed").sort("locality_code", "period", "indicator_code", "rule")


# --- rule: a rate against its count and total ------------------------------------------------------


def rates_vs_counts(mart: pl.DataFrame, catalog: pl.DataFrame) -> pl.DataFrame:
    """Rates that their count ÷ total contradicts (``rate_vs_counts``): all three figures of the same
    locality and period loaded, the total above zero, the rate in % or ‰."""
    cat = _catalog(catalog)
    linked = cat.filter(pl.col("numerator_of").is_not_null() & pl.col("denominator_of").is_not_null())
    links = {r["indicator_code"]: (r["numerator_of"], r["denominator_of"]) for r in linked.iter_rows(named=True)}
    if not links:
        return empty()
    info = {r["indicator_code"]: r for r in cat.iter_rows(named=True)}
    wanted = set(links) | {code for pair in links.values() for code in pair}
    figs = figures(mart).filter(pl.col("indicator_code").is_in(list(wanted)))
    by_key = {(r["locality_code"], r["indicator_code"], r["period"]): r for r in figs.iter_rows(named=True)}
    rows = []
    for (locality, code, period), rate in by_key.items():
        if code not in links:
            continue
        unit = info[code].get("unit") or rate.get("unit") or ""
        scale = 1000.0 if "‰" in unit else 100.0 if "%" in unit else None
        num = by_key.get((locality, links[code][0], period))
        den = by_key.get((locality, links[code][1], period))
        if scale is None or num is None or den is None or not den["value"] or den["value"] <= 0:
            continue
        row = _rate_row(rate, num, den, scale, unit, info)
        if row:
            rows.append(row)
    return _frame(rows)


def _in_sentence(name: str) -> str:
    """A name inside a sentence: 'Số thôn' → 'số thôn'; 'GRDP bình quân' stays as written."""
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


def _rate_row(rate: dict, num: dict, den: dict, scale: float, unit: str, info: dict) -> dict | None:
    computed = num["value"] / den["value"] * scale
    d_rate = max(int(rate["value_decimals"] or 0), written_decimals(rate["value"]))
    h_num = rounding(num["value"], num["value_decimals"], num.get("unit"))
    h_den = rounding(den["value"], den["value_decimals"], den.get("unit"))
    # The rate's own rounding, and how far the count's and the total's rounding move the quotient.
    tol = half_unit(d_rate) + scale * (h_num / den["value"] + num["value"] * h_den / den["value"] ** 2)
    gap = rate["value"] - computed
    if abs(gap) <= tol + EPS:
        return None
    d_num = max(int(num["value_decimals"] or 0), written_decimals(num["value"]))
    d_den = max(int(den["value_decimals"] or 0), written_decimals(den["value"]))
    sign = "‰" if scale == 1000.0 else "%"
    shown = max(d_rate, 1)

    def values(lang: str) -> dict[str, object]:
        return {
            "name": _name(info, rate["indicator_code"], lang),
            "period": rate["period"],
            "reported": fmt(rate["value"], d_rate, lang) + sign,
            "numerator_name": _in_sentence(_name(info, num["indicator_code"], lang)),
            "numerator": fmt(num["value"], d_num, lang),
            "denominator_name": _in_sentence(_name(info, den["indicator_code"], lang)),
            "denominator": fmt(den["value"], d_den, lang),
            "computed": fmt(computed, shown, lang) + sign,
            "gap": signed(gap, shown, lang) + (" điểm" if lang == "vi" else " points"),
            "tolerance": fmt(tol, max(shown, 2), lang),
        }

    vi, en = _message("rate_vs_counts", _both(values))
    evidence = {
        "rate": rate["value"],
        "numerator_code": num["indicator_code"],
        "numerator": num["value"],
        "denominator_code": den["indicator_code"],
        "denominator": den["value"],
        "computed_rate": computed,
        "rounding_tolerance": tol,
    }
    return _row(
        locality_code=rate["locality_code"],
        indicator_code=rate["indicator_code"],
        period=rate["period"],
        rule="rate_vs_counts",
        figure="actual",
        value=rate["value"],
        expected=computed,
        tolerance=tol,
        evidence=json.dumps(evidence, ensure_ascii=False),
        message_vi=vi,
        message_en=en,
        source_file=rate["source_file"],
        source_sheet=rate["source_sheet"],
        source_row=rate["source_row"],
        related_source=_join_where(_where(f["source_file"], f["source_sheet"], f["source_row"]) for f in (num, den)),
    )


# --- rule: the official figure against the estimate it replaced -------------------------------------


def _row(**values: object) -> dict:
    """An output row: the rule's values, every other column empty."""
    return {**dict.fromkeys(OUTPUT_SCHEMA), **values}


def estimate_vs_official(actuals: pl.DataFrame, catalog: pl.DataFrame) -> pl.DataFrame:
    """Official figures far from the estimate they replaced (``estimate_vs_official``): the current
    revision is official, an earlier one of the same key was an estimate."""
    need = {"actual_status", "revision", "is_current", "value", "period"}
    if actuals.is_empty() or not need <= set(actuals.columns):
        return empty()
    key = [*KEYS, "period", *(["reported_by"] if "reported_by" in actuals.columns else [])]
    have = actuals.filter(pl.col("value").is_not_null())
    current = have.filter(pl.col("is_current") & (pl.col("actual_status") == "official"))
    estimates = (
        have.filter(~pl.col("is_current") & (pl.col("actual_status") == "estimate"))
        .sort("revision")
        .group_by(key, maintain_order=True)
        .last()
    )
    pairs = current.join(estimates, on=key, suffix="_est", nulls_equal=True)
    if pairs.is_empty():
        return empty()
    info = {r["indicator_code"]: r for r in _catalog(catalog).iter_rows(named=True)}
    rows = []
    for r in pairs.iter_rows(named=True):
        v, e, unit = r["value"], r["value_est"], r["unit"]
        dv = r.get("value_decimals") if r.get("value_decimals") is not None else written_decimals(v)
        de = r.get("value_decimals_est") if r.get("value_decimals_est") is not None else written_decimals(e)
        rounding_gap = rounding(v, dv, unit) + rounding(e, de, unit)
        points = is_percent(unit)
        if points:
            allowed = ESTIMATE_POINTS + rounding_gap
        elif e > 0:
            allowed = ESTIMATE_SHARE * abs(e) + rounding_gap
        else:
            continue
        if abs(v - e) <= allowed + EPS:
            continue
        d = max(int(dv or 0), int(de or 0))

        def values(lang: str, r=r, v=v, e=e, unit=unit, d=d, points=points, allowed=allowed) -> dict[str, object]:
            vi = lang == "vi"
            u = f" {unit}" if unit and not unit.startswith("%") else (unit or "")
            word = ("cao hơn " if vi else "higher by ") if v > e else ("thấp hơn " if vi else "lower by ")
            if points:
                change = word + fmt(abs(v - e), d, lang) + (" điểm %" if vi else " points")
                limit = fmt(ESTIMATE_POINTS, 0, lang) + (" điểm %" if vi else " point")
            else:
                change = word + fmt(abs(v / e - 1) * 100, 1, lang) + "%"
                limit = fmt(ESTIMATE_SHARE * 100, 0, lang) + "%"
            return {
                "name": _name(info, r["indicator_code"], lang),
                "period": r["period"],
                "official": fmt(v, d, lang) + u,
                "estimate": fmt(e, d, lang) + u,
                "estimate_where": _where(r.get("source_file_est"), r.get("source_sheet_est"), r.get("source_row_est"))
                or "—",
                "change": change,
                "limit": limit,
            }

        vi, en = _message("estimate_vs_official", _both(values))
        rows.append(
            _row(
                locality_code=r["locality_code"],
                indicator_code=r["indicator_code"],
                period=r["period"],
                rule="estimate_vs_official",
                figure="actual",
                value=v,
                expected=e,
                tolerance=allowed,
                related_period=r["period"],
                price_basis=None,
                evidence=json.dumps(
                    {
                        "official": v,
                        "official_revision": r["revision"],
                        "estimate": e,
                        "estimate_revision": r["revision_est"],
                        "allowed": allowed,
                        "scale": "points" if points else "ratio",
                    },
                    ensure_ascii=False,
                ),
                message_vi=vi,
                message_en=en,
                source_file=r.get("source_file"),
                source_sheet=r.get("source_sheet"),
                source_row=r.get("source_row"),
                related_source=_where(r.get("source_file_est"), r.get("source_sheet_est"), r.get("source_row_est")),
            )
        )
    return _frame(rows)


# --- rule: a running total that falls ----------------------------------------------------------------


def _cumulative_codes(catalog: pl.DataFrame) -> set[str]:
    cat = _catalog(catalog)
    words = pl.concat_str(["name_vi", "description"], separator=" | ", ignore_nulls=True)
    return set(cat.filter(fold_expr(words).str.contains(CUMULATIVE_WORDS)).get_column("indicator_code").to_list())


def cumulative_decreases(mart: pl.DataFrame, catalog: pl.DataFrame) -> pl.DataFrame:
    """Running totals lower than the year before (``cumulative_decrease``). An indicator is a running
    total when its catalog name or description says so, or the workbook's own name for it does."""
    series = yearly(mart)
    if series.is_empty():
        return empty()
    codes = _cumulative_codes(catalog)
    if "indicator_name_local" in mart.columns:
        local = mart.filter(fold_expr(pl.col("indicator_name_local")).str.contains(CUMULATIVE_WORDS))
        codes |= set(local.get_column("indicator_code").to_list())
    series = series.filter(pl.col("indicator_code").is_in(list(codes)))
    if series.is_empty():
        return empty()
    series = series.with_columns(
        pl.col("value").shift(1).over(KEYS).alias("prev_value"),
        pl.col("year").shift(1).over(KEYS).alias("prev_year"),
        pl.col("value_decimals").shift(1).over(KEYS).alias("prev_decimals"),
        pl.col("source_file").shift(1).over(KEYS).alias("prev_file"),
        pl.col("source_sheet").shift(1).over(KEYS).alias("prev_sheet"),
        pl.col("source_row").shift(1).over(KEYS).alias("prev_row"),
    ).filter(pl.col("prev_value").is_not_null() & (pl.col("value") < pl.col("prev_value")))
    info = {r["indicator_code"]: r for r in _catalog(catalog).iter_rows(named=True)}
    rows = []
    for r in series.iter_rows(named=True):
        v, p, unit = r["value"], r["prev_value"], r["unit"]
        allowed = rounding(v, r["value_decimals"], unit) + rounding(p, r["prev_decimals"], unit)
        if p - v <= allowed + EPS:
            continue
        d = max(int(r["value_decimals"] or 0), int(r["prev_decimals"] or 0))

        def values(lang: str, r=r, v=v, p=p, unit=unit, d=d) -> dict[str, object]:
            u = f" {unit}" if unit and not unit.startswith("%") else (unit or "")
            return {
                "name": _name(info, r["indicator_code"], lang),
                "period": r["year"],
                "value": fmt(v, d, lang) + u,
                "previous": fmt(p, d, lang) + u,
                "previous_period": r["prev_year"],
                "gap": fmt(p - v, d, lang) + u,
            }

        vi, en = _message("cumulative_decrease", _both(values))
        rows.append(
            _row(
                locality_code=r["locality_code"],
                indicator_code=r["indicator_code"],
                period=str(r["year"]),
                rule="cumulative_decrease",
                figure="actual",
                value=v,
                expected=p,
                tolerance=allowed,
                related_period=str(r["prev_year"]),
                price_basis=None,
                evidence=json.dumps(
                    {"value": v, "year": r["year"], "previous_value": p, "previous_year": r["prev_year"]},
                    ensure_ascii=False,
                ),
                message_vi=vi,
                message_en=en,
                source_file=r["source_file"],
                source_sheet=r["source_sheet"],
                source_row=r["source_row"],
                related_source=_where(r["prev_file"], r["prev_sheet"], r["prev_row"]),
            )
        )
    return _frame(rows)


# --- rule: a locality's units against the locality -------------------------------------------------


def _adds_up(row: dict) -> bool:
    """Whether units' figures of this indicator add up to the locality's: a flow or a stock, counted
    or measured in a unit that is neither a rate nor per something (per person, per hectare …)."""
    unit = row.get("unit")
    return row.get("aggregation") in ("flow", "stock") and bool(unit) and not is_percent(unit) and "/" not in unit


def _valid_in(unit: dict, year: int) -> bool:
    start, end = unit.get("valid_from"), unit.get("valid_to")
    return (start is None or start.year <= year) and (end is None or end.year >= year)


def units_sums(
    mart: pl.DataFrame, units_mart: pl.DataFrame, localities: pl.DataFrame, catalog: pl.DataFrame
) -> pl.DataFrame:
    """A locality's figure against the sum of its units' (``units_sum``): every unit valid that year
    given and the sum differs beyond rounding, or some missing and the sum is already over it."""
    if mart.is_empty() or units_mart.is_empty() or localities.is_empty():
        return empty()
    info = {r["indicator_code"]: r for r in _catalog(catalog).iter_rows(named=True)}
    additive = [c for c, r in info.items() if _adds_up(r)]
    if not additive:
        return empty()
    units: dict[str, list[dict]] = {}
    names = {}
    for u in localities.iter_rows(named=True):
        names[u["locality_code"]] = u.get("name_vi") or u["locality_code"]
        if u.get("parent_code"):
            units.setdefault(u["parent_code"], []).append(u)
    parents = yearly(mart).filter(pl.col("indicator_code").is_in(additive) & pl.col("locality_code").is_in(list(units)))
    children = {
        (r["locality_code"], r["indicator_code"], r["year"]): r
        for r in yearly(units_mart).filter(pl.col("indicator_code").is_in(additive)).iter_rows(named=True)
    }
    rows = []
    for whole in parents.iter_rows(named=True):
        year, code = whole["year"], whole["indicator_code"]
        valid = [u["locality_code"] for u in units[whole["locality_code"]] if _valid_in(u, year)]
        present = [children[(c, code, year)] for c in valid if (c, code, year) in children]
        if not present:
            continue
        missing = [c for c in valid if (c, code, year) not in children]
        unit = whole["unit"]
        if is_money(unit):
            bases = {b for b in [whole["basis"], *(p["basis"] for p in present)] if b}
            if "mixed" in bases or len(bases) > 1:
                continue
        total = sum(p["value"] for p in present)
        allowed = rounding(whole["value"], whole["value_decimals"], unit) + sum(
            rounding(p["value"], p["value_decimals"], unit) for p in present
        )
        gap = total - whole["value"]
        complete = not missing
        if (complete and abs(gap) <= allowed + EPS) or (not complete and gap <= allowed + EPS):
            continue
        d = max([int(whole["value_decimals"] or 0), *(int(p["value_decimals"] or 0) for p in present)])
        key = "units_sum" if complete else "units_exceed"

        def values(
            lang: str,
            whole=whole,
            present=present,
            missing=missing,
            total=total,
            gap=gap,
            d=d,
            unit=unit,
            allowed=allowed,
        ) -> dict[str, object]:
            u = f" {unit}" if unit else ""
            return {
                "name": _name(info, whole["indicator_code"], lang),
                "period": whole["year"],
                "locality": names.get(whole["locality_code"], whole["locality_code"]),
                "total": fmt(total, d, lang) + u,
                "parts": "; ".join(
                    f"{names.get(p['locality_code'], p['locality_code'])}: {fmt(p['value'], d, lang)}" for p in present
                ),
                "whole_value": fmt(whole["value"], d, lang) + u,
                "gap": signed(gap, d, lang),
                "tolerance": fmt(allowed, max(d, 1), lang)
                if allowed
                else ("số đếm nên phải khớp đúng" if lang == "vi" else "counts must match exactly"),
                "missing": ", ".join(names.get(m, m) for m in missing),
            }

        vi, en = _message(key, _both(values))
        rows.append(
            _row(
                locality_code=whole["locality_code"],
                indicator_code=code,
                period=str(year),
                rule="units_sum",
                figure="actual",
                value=total,
                expected=whole["value"],
                tolerance=allowed,
                price_basis=whole["basis"] if is_money(unit) else None,
                evidence=json.dumps(
                    {
                        "locality": {whole["locality_code"]: whole["value"]},
                        "units": {p["locality_code"]: p["value"] for p in present},
                        "missing": missing,
                        "total": total,
                    },
                    ensure_ascii=False,
                ),
                message_vi=vi,
                message_en=en,
                source_file=whole["source_file"],
                source_sheet=whole["source_sheet"],
                source_row=whole["source_row"],
                related_source=_join_where(
                    _where(p["source_file"], p["source_sheet"], p["source_row"]) for p in present
                ),
            )
        )
    return _frame(rows)
