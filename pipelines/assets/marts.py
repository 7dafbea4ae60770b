"""Marts (target against actual, term progress) and the publication readers see."""

import json
from collections import Counter

import dagster as dg
import polars as pl

from pipelines.assets.checks import markdown
from pipelines.families import FAMILIES, SheetFamily, periodic_families, reference_families
from pipelines.resources import Warehouse
from pipelines.transforms.marts import target_vs_actual, term_progress
from pipelines.transforms.units import unit_sums
from pipelines.warehouse import insert, read_table

# Localities whose marts are computed at a time (a district has ~500 target rows a year).
MART_BATCH_LOCALITIES = 150

# The tables the marts are computed from.
LOADED = ["indicator_catalog", "localities", "indicator_targets", "indicator_actuals"]


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            "mart_term_progress",
            group_name="marts",
            kinds={"duckdb", "polars"},
            deps=LOADED,
            description="Progress toward each congress-term target: pace so far against pace required, UN SDG grade.",
            automation_condition=dg.AutomationCondition.eager(),
        ),
        dg.AssetSpec(
            "mart_target_vs_actual",
            group_name="marts",
            kinds={"duckdb", "polars"},
            deps=LOADED,
            description="One row per locality, indicator and period: target as written, actual, achievement % and status.",
            automation_condition=dg.AutomationCondition.eager(),
        ),
    ],
    check_specs=[
        dg.AssetCheckSpec(
            "one_row_per_indicator_and_period",
            asset="mart_target_vs_actual",
            description="Một dòng cho mỗi địa phương, chỉ tiêu, kỳ / One row per locality, indicator and period.",
        ),
    ],
    name="marts",
)
def marts(context: dg.AssetExecutionContext, warehouse: Warehouse):
    progress_rows, duplicates = 0, 0
    statuses: Counter[str] = Counter()
    grades: Counter[str] = Counter()
    with warehouse.connection() as conn:
        scope = _localities_loaded(conn, context.run_id)
        # Only the localities this run loaded change (one year of one district: one district).
        codes = scope if scope is not None else _localities_with_indicators(conn)
        catalog = read_table(conn, "indicator_catalog")
        units = read_table(conn, "localities")
        conn.begin()
        for table in ("mart_term_progress", "mart_target_vs_actual"):
            if scope is None:
                conn.execute(f"DELETE FROM {table}")
            else:
                _register_scope(conn, scope)
                conn.execute(f"DELETE FROM {table} WHERE locality_code IN (SELECT locality_code FROM scope_df)")
        # Every mart row is about one locality: a batch of localities at a time keeps a national
        # run's memory to that of one batch.
        where = "locality_code IN (SELECT locality_code FROM scope_df)"
        for start in range(0, len(codes), MART_BATCH_LOCALITIES):
            _register_scope(conn, codes[start : start + MART_BATCH_LOCALITIES])
            targets = read_table(conn, "indicator_targets", where)
            actuals = read_table(conn, "indicator_actuals", f"is_current AND {where}")
            revisions = conn.sql(
                "SELECT locality_code, indicator_code, period, count(*) AS revisions FROM indicator_actuals"
                f" WHERE {where} GROUP BY ALL"
            ).pl()
            books = read_table(conn, "workbooks", where)
            progress = term_progress(targets, actuals, catalog)
            mart = target_vs_actual(targets, actuals, revisions, catalog, units, books, progress)
            insert(conn, "mart_term_progress", progress)
            insert(conn, "mart_target_vs_actual", mart)
            progress_rows += progress.height
            grades.update(dict(progress.group_by("on_track_grade").len().iter_rows()))
            statuses.update(dict(mart.group_by("status").len().iter_rows()))
            duplicates += (
                mart.group_by("locality_code", "indicator_code", "period").len().filter(pl.col("len") > 1).height
            )
            del targets, actuals, revisions, books, progress, mart
        conn.commit()
        conn.unregister("scope_df")
    yield dg.MaterializeResult(
        asset_key="mart_term_progress",
        metadata={
            "rows": dg.MetadataValue.int(progress_rows),
            "grades": dg.MetadataValue.json(dict(grades)),
        },
    )
    yield dg.MaterializeResult(
        asset_key="mart_target_vs_actual",
        metadata={"rows": dg.MetadataValue.int(statuses.total()), "statuses": dg.MetadataValue.json(dict(statuses))},
    )
    yield dg.AssetCheckResult(
        asset_key="mart_target_vs_actual",
        check_name="one_row_per_indicator_and_period",
        passed=duplicates == 0,
        metadata={"duplicate_keys": dg.MetadataValue.int(duplicates)},
    )


def _register_scope(conn, codes: list[str]) -> None:
    conn.register("scope_df", pl.DataFrame({"locality_code": codes}, schema={"locality_code": pl.Utf8}))


def _localities_with_indicators(conn) -> list[str]:
    return [
        code
        for (code,) in conn.sql(
            "SELECT locality_code FROM indicator_targets UNION SELECT locality_code FROM indicator_actuals "
            "UNION SELECT locality_code FROM workbooks ORDER BY 1"
        ).fetchall()
        if code is not None
    ]


def _localities_loaded(conn, run_id: str) -> list[str] | None:
    """Localities whose indicators this run loaded; None when everything must be recomputed
    (a reference list changed, or the marts run on their own)."""
    rows = conn.sql(
        "SELECT asset, status, locality_code FROM load_log WHERE run_id = $run", params={"run": run_id}
    ).fetchall()
    # Reference lists the marts read (the catalog, the units): a change recomputes every locality.
    reference = {f.name for f in reference_families() if set(f.table_names) & set(LOADED)}
    feeding = {f.name for f in periodic_families() if set(f.table_names) & set(LOADED)}
    if not rows or any(asset in reference and status == "loaded" for asset, status, _ in rows):
        return None
    loaded = sorted({locality for asset, _, locality in rows if asset in feeding and locality})
    # A locality's workbook may report figures of its units ('xã X đạt chuẩn'): theirs change too.
    _register_scope(conn, loaded)
    units = conn.sql(
        """WITH RECURSIVE below(code) AS (
               SELECT locality_code FROM scope_df
               UNION SELECT l.locality_code FROM localities l JOIN below b ON l.parent_code = b.code
           )
           SELECT DISTINCT code FROM below"""
    ).fetchall()
    return sorted({code for (code,) in units if code} | set(loaded))


# Yearly figures of indicators that add up across units ('Cộng theo đơn vị'; before that column, flows and stocks).
_ADDITIVE_FIGURES = """
    SELECT m.locality_code, m.indicator_code, m.period, m.actual, m.actual_decimals
    FROM mart_target_vs_actual m JOIN indicator_catalog c USING (indicator_code)
    WHERE m.period_kind = 'year' AND m.actual IS NOT NULL
      AND coalesce(c.additive, c.aggregation IN ('flow', 'stock'))
"""
UNIT_SUM_WARNINGS = ("differs", "partial_exceeds")


@dg.asset(
    name="mart_unit_sums",
    group_name="marts",
    kinds={"duckdb", "polars"},
    deps=["mart_target_vs_actual", "localities", "indicator_catalog"],
    automation_condition=dg.AutomationCondition.eager(),
    check_specs=[
        dg.AssetCheckSpec(
            "unit_sums_match_reported",
            asset="mart_unit_sums",
            description="Tổng số của các đơn vị khớp số địa phương báo cáo / The units' figures add up to their "
            "locality's, within rounding (indicators that add up across units).",
        )
    ],
    description="For indicators that add up across units: the sum of the units' figures beside the figure their locality reported.",
)
def mart_unit_sums(context: dg.AssetExecutionContext, warehouse: Warehouse):
    """Recompute the sums of the localities this run touched (as parents or as units), or all of them."""
    with warehouse.connection() as conn:
        scope = _localities_loaded(conn, context.run_id)
        catalog = read_table(conn, "indicator_catalog")
        units = read_table(conn, "localities")
        conn.begin()
        if scope is None:
            conn.execute("DELETE FROM mart_unit_sums")
            figures = conn.sql(_ADDITIVE_FIGURES).pl()
        else:
            # The localities concerned as parents: the ones loaded and every parent they ever had.
            _register_scope(conn, scope)
            parents = conn.sql(
                "SELECT locality_code FROM scope_df UNION SELECT parent_code FROM localities"
                " WHERE locality_code IN (SELECT locality_code FROM scope_df) AND parent_code IS NOT NULL"
            ).pl()
            conn.register("parents_df", parents)
            conn.execute("DELETE FROM mart_unit_sums WHERE locality_code IN (SELECT locality_code FROM parents_df)")
            figures = conn.sql(
                _ADDITIVE_FIGURES
                + " AND (m.locality_code IN (SELECT locality_code FROM parents_df) OR m.locality_code IN"
                " (SELECT locality_code FROM localities WHERE parent_code IN (SELECT locality_code FROM parents_df)))"
            ).pl()
            units_scope = parents.get_column("locality_code").to_list()
        sums = unit_sums(figures, units, catalog)
        if scope is not None:
            sums = sums.filter(pl.col("locality_code").is_in(units_scope))
        insert(conn, "mart_unit_sums", sums)
        conn.commit()
        warnings = conn.sql(
            "SELECT locality_code, indicator_code, period, reported, units_sum, units_reporting, units_expected, status,"
            " units_detail FROM mart_unit_sums WHERE status IN (SELECT unnest($s)) ORDER BY locality_code, period,"
            " indicator_code",
            params={"s": list(UNIT_SUM_WARNINGS)},
        ).pl()
        total = conn.sql("SELECT count(*) FROM mart_unit_sums").fetchall()[0][0]
        if scope is not None:
            conn.unregister("scope_df")
            conn.unregister("parents_df")
    yield dg.MaterializeResult(
        metadata={
            "rows": dg.MetadataValue.int(total),
            "computed": dg.MetadataValue.int(sums.height),
            "warnings": dg.MetadataValue.int(warnings.height),
        }
    )
    preview = warnings.head(30).with_columns(pl.col("units_detail").map_elements(_units_text, return_dtype=pl.Utf8))
    yield dg.AssetCheckResult(
        check_name="unit_sums_match_reported",
        passed=warnings.height == 0,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "mismatches": dg.MetadataValue.int(warnings.height),
            "details": dg.MetadataValue.md(markdown(preview) if warnings.height else "OK"),
        },
    )


def _units_text(detail: str) -> str:
    """'xa-a=300; xa-b=400' from a units_detail JSON list, for the check's metadata."""
    return "; ".join(f"{u.get('code')}={u.get('value')}" for u in json.loads(detail or "[]"))


def published_deps(families: dict[str, SheetFamily]) -> list[str]:
    """What a publication waits for: the marts, the consistency warnings computed from them, every
    table the marts do not read (periodic, and the reference lists only pages read: emulation blocs
    and scoring), and the units' boundaries."""
    tables = [t for f in families.values() for t in f.table_names if t not in LOADED]
    return [
        "mart_target_vs_actual",
        "mart_term_progress",
        "mart_unit_sums",
        "consistency_warnings",
        *tables,
        "unit_boundaries",
    ]


def published_warehouse_asset(families: dict[str, SheetFamily] | None = None) -> dg.AssetsDefinition:
    @dg.asset(
        name="published_warehouse",
        group_name="marts",
        kinds={"duckdb"},
        deps=published_deps(families or FAMILIES),
        automation_condition=dg.AutomationCondition.eager(),
        description="The warehouse the dashboard reads: the working copy, published by atomic file replacement.",
    )
    def published_warehouse(context: dg.AssetExecutionContext, warehouse: Warehouse) -> dg.MaterializeResult:
        pub = warehouse.publish(context.run_id)
        return dg.MaterializeResult(
            metadata={
                "path": dg.MetadataValue.path(str(pub.path)),
                "size_mb": dg.MetadataValue.float(round(pub.bytes / 1e6, 2)),
                "seconds": dg.MetadataValue.float(round(pub.seconds, 3)),
                "table_rows": dg.MetadataValue.json(pub.table_rows),
            }
        )

    return published_warehouse
