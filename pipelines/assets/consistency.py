"""Consistency warnings: after the marts, the figures that do not fit the other figures.

Their own table, not rows of ``validation_issues``: a load's issues belong to one workbook sheet and
are replaced when that sheet is re-read, while a consistency warning compares figures of several
workbooks (two years, a whole and its parts, a growth rate and its levels) and changes whenever any
of them does. So it is recomputed with the marts, locality by locality, and carries what an issue
has no room for: the indicator, the period and the figures that disagree. Nothing is rejected; the
asset check ``figures_consistent`` only warns.
"""

from collections import Counter

import dagster as dg
import polars as pl

from pipelines.assets.checks import markdown
from pipelines.assets.marts import (
    MART_BATCH_LOCALITIES,
    _localities_loaded,
    _localities_with_indicators,
    _register_scope,
)
from pipelines.resources import Warehouse
from pipelines.transforms.consistency import change_stats
from pipelines.transforms.consistency import consistency_warnings as find_warnings
from pipelines.warehouse import insert, now_utc, read_table

CHECK = "figures_consistent"
# What every locality's change statistics are computed from (all localities, yearly figures only).
_YEARLY_SQL = """
    SELECT locality_code, indicator_code, period, period_kind, actual, actual_decimals, decimals, unit,
           actual_source_file, actual_source_sheet, actual_source_row
    FROM mart_target_vs_actual WHERE period_kind = 'year' AND actual IS NOT NULL
"""

# Revised keys of the batch: the official figure and the estimates before it.
_REVISED_SQL = """
    SELECT * FROM indicator_actuals a
    WHERE a.locality_code IN (SELECT locality_code FROM scope_df) AND EXISTS (
        SELECT 1 FROM indicator_actuals b
        WHERE b.locality_code = a.locality_code AND b.indicator_code = a.indicator_code
          AND b.period = a.period AND b.revision > 1
    )
"""
# The mart rows of the batch's units (communes, wards of a town).
_UNITS_WHERE = (
    "locality_code IN (SELECT locality_code FROM localities WHERE parent_code IN (SELECT locality_code FROM scope_df))"
)


def _with_parents(conn, codes: list[str]) -> list[str]:
    _register_scope(conn, codes)
    parents = conn.sql(
        "SELECT DISTINCT parent_code FROM localities WHERE parent_code IS NOT NULL"
        " AND locality_code IN (SELECT locality_code FROM scope_df)"
    ).fetchall()
    return sorted(set(codes) | {code for (code,) in parents})


@dg.asset(
    name="consistency_warnings",
    group_name="marts",
    kinds={"duckdb", "polars"},
    deps=["mart_target_vs_actual", "indicator_catalog", "indicator_targets", "indicator_actuals", "localities"],
    automation_condition=dg.AutomationCondition.eager(),
    description="Figures that disagree with the others (year-on-year jumps, shares not adding to 100, growth "
    "against levels, % of plan against target and actual, an official figure far from its estimate, a running "
    "total that falls, units not adding up to their locality), each with its evidence; warnings, never rejections.",
    check_specs=[
        dg.AssetCheckSpec(
            CHECK,
            asset="consistency_warnings",
            description="Số liệu nhất quán với nhau / The figures agree with one another (see consistency_warnings).",
        )
    ],
)
def consistency_warnings(context: dg.AssetExecutionContext, warehouse: Warehouse):
    rules: Counter[str] = Counter()
    written = []
    with warehouse.connection() as conn:
        scope = _localities_loaded(conn, context.run_id)
        if scope is not None:
            # A unit's figures change its parent's units' sum: the parents are recomputed too.
            scope = _with_parents(conn, scope)
        codes = scope if scope is not None else _localities_with_indicators(conn)
        catalog = read_table(conn, "indicator_catalog")
        localities = read_table(conn, "localities")
        # Every locality's changes are the yardstick for a series too short to be its own.
        pooled = change_stats(conn.sql(_YEARLY_SQL).pl())
        detected_at = now_utc()
        conn.begin()
        if scope is None:
            conn.execute("DELETE FROM consistency_warnings")
        else:
            _register_scope(conn, scope)
            conn.execute("DELETE FROM consistency_warnings WHERE locality_code IN (SELECT locality_code FROM scope_df)")
        where = "locality_code IN (SELECT locality_code FROM scope_df)"
        for start in range(0, len(codes), MART_BATCH_LOCALITIES):
            _register_scope(conn, codes[start : start + MART_BATCH_LOCALITIES])
            mart = read_table(conn, "mart_target_vs_actual", where)
            baselines = read_table(conn, "indicator_targets", f"baseline_value IS NOT NULL AND {where}")
            actuals = conn.sql(_REVISED_SQL).pl()
            units_mart = read_table(conn, "mart_target_vs_actual", _UNITS_WHERE)
            found = find_warnings(
                mart, catalog, pooled, baselines, actuals=actuals, localities=localities, units_mart=units_mart
            ).with_columns(pl.lit(context.run_id).alias("run_id"), pl.lit(detected_at).alias("detected_at"))
            insert(conn, "consistency_warnings", found)
            rules.update(dict(found.group_by("rule").len().iter_rows()))
            if found.height:
                written.append(found)
            del mart, baselines, actuals, units_mart, found
        conn.commit()
        if codes:
            conn.unregister("scope_df")
        total = conn.execute("SELECT count(*) FROM consistency_warnings").fetchone()[0]
    shown = pl.concat(written).head(50) if written else None
    yield dg.MaterializeResult(
        metadata={
            "warnings": dg.MetadataValue.int(rules.total()),
            "by_rule": dg.MetadataValue.json(dict(rules)),
            "localities": dg.MetadataValue.int(len(codes)),
        }
    )
    yield dg.AssetCheckResult(
        check_name=CHECK,
        passed=total == 0,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "warnings": dg.MetadataValue.int(total),
            "details": dg.MetadataValue.md(
                markdown(
                    shown.select(
                        "locality_code", "indicator_code", "period", "rule", "source_file", "source_row", "message_vi"
                    )
                )
                if shown is not None
                else "OK"
            ),
        },
    )
