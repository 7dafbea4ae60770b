"""Many units in one picture: league tables, emulation scores, and a unit's series across administrative change.

Pure Polars over frames the ``Reader`` returns (no Streamlit, no DuckDB): the compare page, the
indicator page and the report pack call the same functions.

- ``league``: the units under a locality in a year, ranked by the share of their targets met (or by
  one indicator), with counts vượt/đạt/không đạt, the rank of the year before and the change. A unit
  without any judged target (or without the indicator's figure) is missing: listed, never ranked.
- ``score_units``: an emulation scoring sheet applied to a bloc's members: points per criterion, the
  total and the rank; a unit lacking a figure or a council score has no total and no rank.
- ``lineage`` and ``series_across_change``: which units a unit was formed from, and its series with
  the figures of those units before the change — summed for indicators that add up across units,
  averaged with the merge weights for rates (never combined without them), always marked as
  recomputed; a split unit's earlier figures stay the old unit's, shown beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import polars as pl

JUDGED = ("vuot", "dat", "khong_dat")
MET = ("vuot", "dat")
# A chain of changes is followed this far back (a 2018 merger, then the 2025 one, then one more).
LINEAGE_DEPTH = 4


# --- ranking ---------------------------------------------------------------------------------------


def competition_rank(values: pl.Expr, *, descending: bool = True) -> pl.Expr:
    """'1, 2, 2, 4': equal values share the best rank (how councils write ties, 'đồng hạng'); nulls stay null.

    Values are compared at six decimals, so 0,1 + 0,2 ties with 0,3."""
    return values.round(6).rank(method="min", descending=descending).cast(pl.Int64)


def _indicator_measure(rows: pl.DataFrame) -> tuple[pl.Expr, bool] | None:
    """What ranks units on one indicator: the achievement % when any unit has one (direction-aware
    already), else the actual in the indicator's direction; None for a neutral indicator without targets."""
    if rows.height == 0:
        return None
    if rows.get_column("achievement_pct").is_not_null().any():
        return pl.col("achievement_pct"), True
    direction = rows.get_column("direction").drop_nulls()
    direction = direction[0] if direction.len() else "neutral"
    if direction == "neutral":
        return None
    return pl.col("actual"), direction == "higher_is_better"


LEAGUE_SCHEMA = {
    "locality_code": pl.Utf8,
    "name": pl.Utf8,
    "level": pl.Utf8,
    "judged": pl.Int64,
    "vuot": pl.Int64,
    "dat": pl.Int64,
    "khong_dat": pl.Int64,
    "no_data": pl.Int64,
    "share_met": pl.Float64,
    "actual": pl.Float64,
    "actual_status": pl.Utf8,
    "achievement_pct": pl.Float64,
    "status": pl.Utf8,
    "target_value": pl.Float64,
    "rank": pl.Int64,
    "previous_rank": pl.Int64,
    "rank_change": pl.Int64,
    "existed_before": pl.Boolean,
    "missing": pl.Boolean,
}


def _year_table(units: pl.DataFrame, marts: pl.DataFrame, indicator: str | None, rank_by: str) -> pl.DataFrame:
    counts = (
        marts.group_by("locality_code").agg(
            *[(pl.col("status") == s).sum().cast(pl.Int64).alias(s) for s in JUDGED],
            (pl.col("status") == "chua_co_so_lieu").sum().cast(pl.Int64).alias("no_data"),
        )
        if marts.height
        else pl.DataFrame(schema={"locality_code": pl.Utf8, **dict.fromkeys((*JUDGED, "no_data"), pl.Int64)})
    )
    pick = marts.filter(pl.col("indicator_code") == indicator) if indicator and marts.height else marts.clear()
    columns = ["actual", "actual_status", "achievement_pct", "status", "target_value", "direction"]
    chosen = pick.select("locality_code", *[c for c in columns if c in pick.columns]) if pick.height else None
    frame = units.select("locality_code", "name", "level").join(counts, on="locality_code", how="left")
    frame = frame.with_columns(pl.col(c).fill_null(0) for c in (*JUDGED, "no_data"))
    if chosen is not None:
        frame = frame.join(chosen, on="locality_code", how="left")
    for c in columns:
        if c not in frame.columns:
            frame = frame.with_columns(
                pl.lit(None, dtype=pl.Utf8 if c in ("actual_status", "status", "direction") else pl.Float64).alias(c)
            )
    judged = pl.col("vuot") + pl.col("dat") + pl.col("khong_dat")
    frame = frame.with_columns(
        judged.alias("judged"),
        pl.when(judged > 0).then((pl.col("vuot") + pl.col("dat")) / judged * 100).alias("share_met"),
    )
    measure: tuple[pl.Expr, bool] | None
    if rank_by == "indicator":
        measure = _indicator_measure(pick) if indicator else None
    else:
        measure = (pl.col("share_met"), True)
    if measure is None:
        return frame.with_columns(pl.lit(None, dtype=pl.Int64).alias("rank"), pl.lit(True).alias("missing"))
    expr, descending = measure
    return frame.with_columns(
        competition_rank(expr, descending=descending).alias("rank"), expr.is_null().alias("missing")
    )


def league(
    units: pl.DataFrame,
    marts: pl.DataFrame,
    year: str,
    *,
    previous_units: pl.DataFrame | None = None,
    indicator: str | None = None,
    rank_by: str = "share",
) -> pl.DataFrame:
    """The league table of ``units`` (locality_code, name, level: the units under a locality in
    ``year``) from their yearly mart rows (``marts``: this year's and, for the change of rank, the year
    before). ``rank_by``: 'share' (of the targets with a figure, met or exceeded) or 'indicator'.

    The year before ranks the units that were under the locality then (``previous_units``, with
    their ``valid_from`` when known); a unit formed during that year or since has no previous rank
    and is marked new (``existed_before`` false). Sorted by rank, missing units last, then by name."""
    if units.height == 0:
        return pl.DataFrame(schema=LEAGUE_SCHEMA)
    this = marts.filter(pl.col("period") == year) if marts.height else marts
    table = _year_table(units, this, indicator, rank_by)
    previous_year = str(int(year) - 1) if year.isdigit() else None
    before_units = previous_units if previous_units is not None else units
    before = marts.filter(pl.col("period") == previous_year) if marts.height and previous_year else marts.clear()
    if before.height and before_units.height:
        ranks = _year_table(before_units, before, indicator, rank_by).select(
            "locality_code", pl.col("rank").alias("previous_rank")
        )
        table = table.join(ranks, on="locality_code", how="left")
    else:
        table = table.with_columns(pl.lit(None, dtype=pl.Int64).alias("previous_rank"))
    # A unit formed during the year before (the reform of 1 July 2025) or since is new: it did not
    # exist for the whole year it would be compared with, whatever its parent on 31 December.
    existed_then = before_units
    if previous_year and "valid_from" in before_units.columns:
        start = date(int(previous_year), 1, 1)
        existed_then = before_units.filter(pl.col("valid_from").is_null() | (pl.col("valid_from") <= start))
    existed = set(existed_then.get_column("locality_code").to_list()) if existed_then.height else set()
    table = table.with_columns(
        (pl.col("previous_rank") - pl.col("rank")).alias("rank_change"),
        pl.col("locality_code").is_in(list(existed)).alias("existed_before"),
    )
    return table.sort(pl.col("rank").is_null(), "rank", "name", nulls_last=True).select(
        [pl.col(c).cast(t) for c, t in LEAGUE_SCHEMA.items()]
    )


# --- blocs and emulation scores ---------------------------------------------------------------------


def _applies(first: str, last: str, year: int) -> pl.Expr:
    return (pl.col(first).is_null() | (pl.col(first) <= year)) & (pl.col(last).is_null() | (pl.col(last) >= year))


def blocs_in_year(blocs: pl.DataFrame, year: int) -> pl.DataFrame:
    """The clusters and blocs that have members in ``year``: bloc_code, bloc_name, bloc_kind, members."""
    if blocs.height == 0:
        return pl.DataFrame(
            schema={"bloc_code": pl.Utf8, "bloc_name": pl.Utf8, "bloc_kind": pl.Utf8, "members": pl.UInt32}
        )
    return (
        blocs.filter(_applies("from_year", "to_year", year))
        .group_by("bloc_code", maintain_order=True)
        .agg(
            pl.col("bloc_name").drop_nulls().first(),
            pl.col("bloc_kind").drop_nulls().first(),
            pl.col("unit_code").n_unique().alias("members"),
        )
        .sort("bloc_code")
    )


def bloc_members(blocs: pl.DataFrame, bloc: str, year: int) -> list[str]:
    """The member units of one bloc in ``year``, in the order the sheet lists them."""
    if blocs.height == 0:
        return []
    rows = blocs.filter((pl.col("bloc_code") == bloc) & _applies("from_year", "to_year", year))
    return rows.get_column("unit_code").unique(maintain_order=True).to_list()


def criteria_for(criteria: pl.DataFrame, bloc: str | None, year: int) -> pl.DataFrame:
    """The scoring sheet of a bloc for a year: the bloc's own criteria when it has any that year, else
    the locality's (no bloc named). Sorted by criterion number."""
    if criteria.height == 0:
        return criteria
    in_year = criteria.filter(_applies("first_year", "last_year", year))
    own = in_year.filter(pl.col("bloc_code") == bloc) if bloc else in_year.clear()
    sheet = own if own.height else in_year.filter(pl.col("bloc_code").is_null())
    return sheet.sort("criterion_no")


@dataclass
class Scores:
    """A bloc's scoring sheet applied: ``points`` (one row per unit and criterion) and ``totals``."""

    criteria: pl.DataFrame
    points: pl.DataFrame  # locality_code, criterion_no, points, basis (achievement or status), note
    totals: pl.DataFrame  # locality_code, name, total, partial, missing_criteria, rank

    @property
    def empty(self) -> bool:
        return self.criteria.height == 0


def criterion_points(criterion: dict, row: dict | None, score: float | None) -> tuple[float | None, str | None]:
    """(points, note) of one unit for one criterion. ``row``: the unit's mart row of the criterion's
    indicator that year; ``score``: the council's score. None points: nothing to score it on."""
    weight, method = float(criterion["weight"]), criterion["method"]
    if method == "manual":
        if score is None:
            return None, "no_score"
        if score > weight:
            return weight, "score_capped"
        return float(score), None
    if row is None:
        return None, "no_figure"
    if method == "met":
        status = row.get("status")
        if status in MET:
            return weight, None
        if status == "khong_dat":
            return 0.0, None
        return None, "no_figure"
    pct = row.get("achievement_pct")
    if pct is None:
        return None, "no_figure"
    if method == "capped":
        cap = criterion.get("cap_pct") or 100.0
        return weight * min(float(pct), float(cap)) / 100, ("capped" if pct > cap else None)
    return weight * float(pct) / 100, None


def score_units(
    criteria: pl.DataFrame,
    units: pl.DataFrame,
    marts: pl.DataFrame,
    scores: pl.DataFrame,
    *,
    bloc: str | None,
    year: int,
) -> Scores:
    """A scoring sheet (``criteria_for``) applied to ``units`` (locality_code, name) for ``year``.

    ``marts``: the units' yearly mart rows of that year; ``scores``: the council's scores of the
    locality (every bloc and year: the bloc's and year's are taken). Totals are ranked highest first,
    ties sharing a rank; a unit missing any criterion's points has a partial sum, no total, no rank."""
    points_schema = {
        "locality_code": pl.Utf8,
        "criterion_no": pl.Int64,
        "points": pl.Float64,
        "achievement_pct": pl.Float64,
        "status": pl.Utf8,
        "score": pl.Float64,
        "note": pl.Utf8,
    }
    totals_schema = {
        "locality_code": pl.Utf8,
        "name": pl.Utf8,
        "total": pl.Float64,
        "partial": pl.Float64,
        "missing_criteria": pl.Int64,
        "rank": pl.Int64,
    }
    if criteria.height == 0 or units.height == 0:
        return Scores(criteria, pl.DataFrame(schema=points_schema), pl.DataFrame(schema=totals_schema))
    by_key = {(r["locality_code"], r["indicator_code"]): r for r in marts.to_dicts()} if marts.height else {}
    given = {}
    if scores.height:
        mine = scores.filter(pl.col("year") == year)
        mine = mine.filter(pl.col("bloc_code") == bloc) if bloc else mine.filter(pl.col("bloc_code").is_null())
        given = {(r["unit_code"], r["criterion_no"]): r["score"] for r in mine.to_dicts()}
    rows = []
    for unit in units.get_column("locality_code").to_list():
        for c in criteria.to_dicts():
            mart = by_key.get((unit, c["indicator_code"])) if c["indicator_code"] else None
            score = given.get((unit, c["criterion_no"]))
            points, note = criterion_points(c, mart, score)
            rows.append(
                {
                    "locality_code": unit,
                    "criterion_no": c["criterion_no"],
                    "points": points,
                    "achievement_pct": (mart or {}).get("achievement_pct"),
                    "status": (mart or {}).get("status"),
                    "score": score,
                    "note": note,
                }
            )
    points = pl.DataFrame(rows, schema=points_schema)
    sums = points.group_by("locality_code").agg(
        pl.col("points").sum().alias("partial"),
        pl.col("points").is_null().sum().cast(pl.Int64).alias("missing_criteria"),
    )
    totals = (
        units.select("locality_code", "name")
        .join(sums, on="locality_code", how="left")
        .with_columns(pl.when(pl.col("missing_criteria") == 0).then(pl.col("partial")).alias("total"))
        .with_columns(competition_rank(pl.col("total")).alias("rank"))
        .sort(pl.col("rank").is_null(), "rank", "name", nulls_last=True)
        .select(list(totals_schema))
    )
    return Scores(criteria, points, totals)


# --- units across administrative change ------------------------------------------------------------

LINK_SCHEMA = {
    "from_code": pl.Utf8,
    "to_code": pl.Utf8,
    "change_date": pl.Date,
    "kind": pl.Utf8,
    "weight": pl.Float64,
}


def lineage(localities: pl.DataFrame) -> pl.DataFrame:
    """Every predecessor → successor link of the units list: from_code, to_code, change_date, kind, weight.

    A link is read from either side (the old unit's 'Đơn vị kế thừa', the new unit's 'Hình thành
    từ'); the date is the new unit's first day (or the day after the old unit's last); the kind is
    as written on the old unit, else on the new one, else inferred: several units into one is a merge,
    one into several a split, one into one a rename. ``weight``: the old unit's merge weight."""
    if localities.height == 0 or "predecessors" not in localities.columns:
        return pl.DataFrame(schema=LINK_SCHEMA)
    ends = (
        localities.filter(pl.col("successors").is_not_null())
        .select(
            pl.col("locality_code").alias("from_code"),
            pl.col("successors").str.split(";").alias("to_code"),
            (pl.col("valid_to") + timedelta(days=1)).alias("end_date"),
            pl.col("end_kind"),
            pl.col("merge_weight").alias("weight"),
        )
        .explode("to_code")
    )
    starts = (
        localities.filter(pl.col("predecessors").is_not_null())
        .select(
            pl.col("predecessors").str.split(";").alias("from_code"),
            pl.col("locality_code").alias("to_code"),
            pl.col("valid_from").alias("start_date"),
            pl.col("start_kind"),
        )
        .explode("from_code")
    )
    links = ends.join(starts, on=["from_code", "to_code"], how="full", coalesce=True)
    # The old unit's weight, wherever the link was written.
    weights = (
        localities.filter(pl.col("merge_weight").is_not_null())
        .sort("valid_from", nulls_last=False)
        .group_by("locality_code")
        .agg(pl.col("merge_weight").last().alias("_w"))
    )
    links = links.join(weights, left_on="from_code", right_on="locality_code", how="left")
    links = links.with_columns(
        pl.coalesce("start_date", "end_date").alias("change_date"),
        pl.coalesce("weight", "_w").alias("weight"),
        pl.col("to_code").n_unique().over("from_code").alias("_outs"),
        pl.col("from_code").n_unique().over("to_code").alias("_ins"),
    )
    inferred = (
        pl.when(pl.col("from_code") == pl.col("to_code"))
        .then(pl.lit("move"))
        .when(pl.col("_outs") > 1)
        .then(pl.lit("split"))
        .when(pl.col("_ins") > 1)
        .then(pl.lit("merge"))
        .otherwise(pl.lit("rename"))
    )
    return (
        links.with_columns(pl.coalesce("end_kind", "start_kind", inferred).alias("kind"))
        .select(list(LINK_SCHEMA))
        .unique(subset=["from_code", "to_code"], keep="first", maintain_order=True)
        .sort("change_date", "to_code", "from_code")
    )


def predecessors(links: pl.DataFrame, code: str, depth: int = LINEAGE_DEPTH) -> pl.DataFrame:
    """The links into ``code`` and, recursively, into its predecessors (``depth`` changes back),
    other than moves (a unit that moved keeps its code and its figures)."""
    found, frontier = [], {code}
    for _ in range(depth):
        step = links.filter(pl.col("to_code").is_in(list(frontier)) & (pl.col("from_code") != pl.col("to_code")))
        if step.height == 0:
            break
        found.append(step)
        frontier = set(step.get_column("from_code").to_list())
    return pl.concat(found) if found else pl.DataFrame(schema=LINK_SCHEMA)


def lineage_codes(links: pl.DataFrame, code: str) -> list[str]:
    """``code`` and every unit it came from, for one query of their figures."""
    back = predecessors(links, code)
    return [code, *sorted(set(back.get_column("from_code").to_list()) - {code})]


SERIES_SCHEMA = {
    "period": pl.Utf8,
    "actual": pl.Float64,
    "source": pl.Utf8,  # own | recomputed | predecessor
    "locality_code": pl.Utf8,  # whose figure (the unit's, or the predecessor's for 'predecessor')
    "members": pl.Utf8,  # ';'-joined codes a recomputed figure comes from
    "method": pl.Utf8,  # sum | weighted | carried (a renamed unit's figure) | none
    "actual_status": pl.Utf8,
    "note": pl.Utf8,  # why a year has no recomputed figure: missing:<codes> | no_weights | split
}


@dataclass
class Series:
    """A unit's yearly series across administrative change, and the changes to mark on a chart."""

    rows: pl.DataFrame  # SERIES_SCHEMA
    changes: pl.DataFrame  # LINK_SCHEMA rows of the unit's own formation (the dates to mark)

    @property
    def recomputed(self) -> bool:
        return self.rows.filter(pl.col("source") == "recomputed").height > 0


def _yearly(marts: pl.DataFrame, code: str) -> dict[int, dict]:
    if marts.height == 0:
        return {}
    own = marts.filter((pl.col("locality_code") == code) & pl.col("actual").is_not_null())
    return {int(r["period"]): r for r in own.to_dicts() if str(r["period"]).isdigit()}


def _figure_of(
    code: str, year: int, marts: pl.DataFrame, links: pl.DataFrame, additive: bool, depth: int
) -> tuple[float | None, str | None, list[str], str | None]:
    """(value, actual_status, member codes, note) of ``code`` in ``year``: its own figure, or one
    recomputed from its predecessors (``depth`` changes back)."""
    own = _yearly(marts, code).get(year)
    if own is not None:
        return float(own["actual"]), own.get("actual_status"), [code], None
    if depth <= 0:
        return None, None, [], "missing:" + code
    into = links.filter((pl.col("to_code") == code) & (pl.col("from_code") != code))
    if into.height == 0:
        return None, None, [], "missing:" + code
    change = into.get_column("change_date").min()
    if change is not None and year >= change.year + (1 if change > date(change.year, 1, 1) else 0):
        return None, None, [], None  # after the change the unit reports for itself
    outs = links.filter(pl.col("from_code").is_in(into.get_column("from_code").to_list()))
    if outs.group_by("from_code").agg(pl.col("to_code").n_unique()).get_column("to_code").max() > 1:
        return None, None, [], "split"
    parts = []
    for link in into.to_dicts():
        value, status, members, note = _figure_of(link["from_code"], year, marts, links, additive, depth - 1)
        if value is None:
            return None, None, [], note or ("missing:" + link["from_code"])
        parts.append((value, status, members, link["weight"]))
    statuses = {s for _, s, _, _ in parts}
    status = "estimate" if "estimate" in statuses else (statuses.pop() if len(statuses) == 1 else None)
    members = sorted({m for _, _, ms, _ in parts for m in ms})
    if len(parts) == 1:
        return parts[0][0], status, members, None
    if additive:
        return sum(v for v, _, _, _ in parts), status, members, None
    if all(w is not None for _, _, _, w in parts):
        total = sum(w for _, _, _, w in parts)
        return sum(v * w for v, _, _, w in parts) / total, status, members, None
    return None, None, [], "no_weights"


def series_across_change(marts: pl.DataFrame, links: pl.DataFrame, code: str, *, additive: bool) -> Series:
    """``code``'s yearly figures of one indicator, and before the unit existed the figures of the units
    it was formed from.

    ``marts``: yearly mart rows of the indicator for ``lineage_codes(links, code)``; ``additive``:
    whether the indicator adds up across units. A year before the change gets a recomputed figure
    when every predecessor has one (a sum, or for a rate the weighted mean when every predecessor has
    a merge weight; a renamed unit's figure as it is); otherwise the predecessors' own figures are
    given as they are ('predecessor' rows), never combined, with the reason in ``note``."""
    back = predecessors(links, code)
    own = _yearly(marts, code)
    rows = [
        {
            "period": str(y),
            "actual": float(r["actual"]),
            "source": "own",
            "locality_code": code,
            "members": code,
            "method": "none",
            "actual_status": r.get("actual_status"),
            "note": None,
        }
        for y, r in sorted(own.items())
    ]
    changes = links.filter((pl.col("to_code") == code) & (pl.col("from_code") != code))
    if back.height == 0:
        return Series(pl.DataFrame(rows, schema=SERIES_SCHEMA), changes)
    years = (
        sorted({int(p) for p in marts.get_column("period").to_list() if str(p).isdigit()} - set(own))
        if marts.height
        else []
    )
    direct = changes.get_column("from_code").to_list()
    for year in years:
        value, status, members, note = _figure_of(code, year, marts, links, additive, LINEAGE_DEPTH)
        if value is not None:
            single = len(direct) == 1 and len(members) == 1
            rows.append(
                {
                    "period": str(year),
                    "actual": value,
                    "source": "recomputed",
                    "locality_code": code,
                    "members": ";".join(members),
                    "method": "carried" if single else ("sum" if additive else "weighted"),
                    "actual_status": status,
                    "note": None,
                }
            )
            continue
        if note is None:
            continue
        for pred in direct:
            figure = _yearly(marts, pred).get(year)
            if figure is not None:
                rows.append(
                    {
                        "period": str(year),
                        "actual": float(figure["actual"]),
                        "source": "predecessor",
                        "locality_code": pred,
                        "members": pred,
                        "method": "none",
                        "actual_status": figure.get("actual_status"),
                        "note": note,
                    }
                )
    frame = pl.DataFrame(rows, schema=SERIES_SCHEMA).sort("period", "source", "locality_code")
    return Series(frame, changes)


# --- what the compare page and the pack show, read once ----------------------------------------------


@dataclass
class Compare:
    """The units under a locality in a year, compared: what the compare page and the pack lay out."""

    locality: str
    year: str
    bloc: str | None
    units: pl.DataFrame  # locality_code, name, level: the units compared (the bloc's members, or every unit under it)
    marts: pl.DataFrame  # their yearly mart rows of the year and the year before
    indicators: pl.DataFrame  # indicator_code, name_vi, name_en, unit, decimals, direction, units_with_figure
    indicator: str | None
    league: pl.DataFrame
    blocs: pl.DataFrame  # blocs_in_year
    scores: Scores
    sums: pl.DataFrame  # mart_unit_sums rows of the locality and year

    @property
    def has_figures(self) -> bool:
        return self.marts.filter(pl.col("period") == self.year).height > 0 if self.marts.height else False

    def indicator_meta(self) -> dict | None:
        if self.indicator is None:
            return None
        rows = self.indicators.filter(pl.col("indicator_code") == self.indicator)
        return rows.row(0, named=True) if rows.height else None


def _indicators(marts: pl.DataFrame, year: str) -> pl.DataFrame:
    schema = {
        "indicator_code": pl.Utf8,
        "name_vi": pl.Utf8,
        "name_en": pl.Utf8,
        "unit": pl.Utf8,
        "decimals": pl.Int64,
        "direction": pl.Utf8,
        "units_with_figure": pl.UInt32,
    }
    if marts.height == 0:
        return pl.DataFrame(schema=schema)
    rows = marts.filter((pl.col("period") == year) & pl.col("actual").is_not_null())
    return (
        rows.group_by("indicator_code")
        .agg(
            pl.col("indicator_name_vi").first().alias("name_vi"),
            pl.col("indicator_name_en").first().alias("name_en"),
            pl.col("unit").first(),
            pl.col("decimals").first(),
            pl.col("direction").first(),
            pl.col("locality_code").n_unique().alias("units_with_figure"),
        )
        .sort(["units_with_figure", "name_vi"], descending=[True, False])
        .select(list(schema))
    )


def compare(
    reader: object,
    locality: str,
    year: str,
    *,
    bloc: str | None = None,
    indicator: str | None = None,
    rank_by: str = "share",
) -> Compare:
    """Read and compare the units under ``locality`` in ``year`` (``reader``: an ``analysis.queries.Reader``).

    ``bloc``: compare only that cluster's or bloc's members that year (a bloc may hold units from
    elsewhere, offices); ``indicator``: the one indicator compared (default: the one most units
    report); ``rank_by``: 'share' or 'indicator'."""
    y = int(year) if year.isdigit() else 0
    emulation = reader.emulation(locality)
    blocs = blocs_in_year(emulation["emulation_blocs"], y)
    if not y:
        # No year (none with figures the reader may see): nothing to compare.
        empty = pl.DataFrame(
            schema={"locality_code": pl.Utf8, "name": pl.Utf8, "level": pl.Utf8, "valid_from": pl.Date}
        )
        under, before = empty, empty
    else:
        under = reader.units_under(locality, year)
        before = reader.units_under(locality, str(y - 1))
    if bloc and bloc in set(blocs.get_column("bloc_code").to_list()):
        members = bloc_members(emulation["emulation_blocs"], bloc, y)
        names = reader.unit_names(members)
        units = (
            pl.DataFrame({"locality_code": members}, schema={"locality_code": pl.Utf8})
            .join(names, on="locality_code", how="left")
            .join(under.select("locality_code", "level"), on="locality_code", how="left")
            .with_columns(pl.coalesce("name", "locality_code").alias("name"))
            .select("locality_code", "name", "level")
        )
        previous = units.join(before.select("locality_code", "valid_from"), on="locality_code", how="inner")
    else:
        bloc = None
        units = under.select("locality_code", "name", "level")
        previous = before.select("locality_code", "name", "level", "valid_from")
    codes = sorted(
        set(units.get_column("locality_code").to_list()) | set(previous.get_column("locality_code").to_list())
    )
    marts = reader.unit_scorecards(codes, [year, str(y - 1)]) if codes else pl.DataFrame()
    indicators = _indicators(marts, year)
    available = indicators.get_column("indicator_code").to_list()
    if indicator not in available:
        indicator = available[0] if available else None
    table = league(units, marts, year, previous_units=previous, indicator=indicator, rank_by=rank_by)
    sheet = criteria_for(emulation["emulation_criteria"], bloc, y)
    this_year = marts.filter(pl.col("period") == year) if marts.height else marts
    scores = score_units(sheet, units, this_year, emulation["emulation_scores"], bloc=bloc, year=y)
    sums = reader.unit_sums(locality, year) if bloc is None else pl.DataFrame()
    return Compare(locality, year, bloc, units, marts, indicators, indicator, table, blocs, scores, sums)


def map_values(view: Compare, measure: str) -> pl.DataFrame:
    """What a map colours each unit by: locality_code, name, value ('share' of targets met, the
    'indicator''s actual, or the emulation 'score' total); missing figures stay null."""
    if measure == "score" and not view.scores.empty:
        return view.scores.totals.select("locality_code", "name", pl.col("total").alias("value"))
    column = "actual" if measure == "indicator" else "share_met"
    return view.league.select("locality_code", "name", pl.col(column).alias("value"))


def change_notes(series: Series) -> dict[str, list[str]]:
    """Why some years of a series have no recomputed figure: reason ('no_weights', 'split',
    'missing') → the years, for the words under the chart."""
    out: dict[str, list[str]] = {}
    for period, note in (
        series.rows.filter(pl.col("note").is_not_null()).select("period", "note").unique().sort("period").iter_rows()
    ):
        reason = "missing" if note.startswith("missing:") else note
        if period not in out.setdefault(reason, []):
            out[reason].append(period)
    return out
