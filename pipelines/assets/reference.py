"""Reference assets: the indicator catalog and the administrative units."""

import dagster as dg
import polars as pl

from pipelines.families import CATALOG, UNITS
from pipelines.loading import (
    check_results,
    check_specs,
    finish_load,
    summary_from_warehouse,
    unchanged_since_last_load,
)
from pipelines.reading import read_family
from pipelines.resources import RawFiles, Warehouse
from pipelines.transforms.reference import UNITS_COLUMN_SOURCES, parse_catalog_rows, parse_locality_rows
from pipelines.validation import validate
from pipelines.warehouse import conform, insert, now_utc, read_table
from schemas import IndicatorCatalog, Localities


def _replace_files(
    conn, table: str, files: list[str], new_rows: pl.DataFrame, rejected_keys: pl.DataFrame, key: list[str]
) -> None:
    """Replace the rows read from these files; keys rejected this time keep their old rows."""
    if not files:
        return
    existing = read_table(conn, table)
    kept = pl.DataFrame()
    if existing.height and rejected_keys.height:
        kept = existing.filter(pl.col("source_file").is_in(files)).join(
            rejected_keys.select(key).unique(), on=key, how="semi"
        )
    files_df = pl.DataFrame({"f": files})  # noqa: F841
    conn.execute(f'DELETE FROM "{table}" WHERE source_file IN (SELECT f FROM files_df)')
    if kept.height:
        insert(conn, table, kept)
    insert(conn, table, new_rows)


def _rejected_keys(parsed: pl.DataFrame, rejected: pl.DataFrame, key: list[str]) -> pl.DataFrame:
    if rejected.height == 0:
        return pl.DataFrame(schema={k: pl.Utf8 for k in key})
    return (
        parsed.join(
            rejected.select("source_file", "source_sheet", "source_row"),
            on=["source_file", "source_sheet", "source_row"],
            how="semi",
        )
        .select(key)
        .drop_nulls()
    )


@dg.asset(
    group_name="reference",
    kinds={"duckdb", "polars", "excel"},
    check_specs=check_specs(dg.AssetKey("indicator_catalog")),
    description="One row per indicator code, from data/raw/danh-muc-chi-tieu.xlsx: names (vi, en), unit, family, direction, valid range.",
)
def indicator_catalog(context: dg.AssetExecutionContext, raw_files: RawFiles, warehouse: Warehouse):
    refs = [r for r in raw_files.discover()[0] if r.kind == "catalog"]
    now = now_utc()
    with warehouse.connection() as conn:
        unchanged = unchanged_since_last_load(conn, "indicator_catalog", refs)
        if refs and len(unchanged) == len(refs):
            # Same bytes as the last load: nothing to re-read (a one-year re-run stays fast).
            summary = summary_from_warehouse(conn, "indicator_catalog", [r.relpath for r in refs])
            total = conn.sql("SELECT count(*) FROM indicator_catalog").fetchall()[0][0]
            yield dg.MaterializeResult(metadata={"unchanged": True, "indicators": dg.MetadataValue.int(total)})
            yield from check_results(context.asset_key, summary)
            return
        raw = read_family(refs, CATALOG)
        parsed = parse_catalog_rows(raw.rows) if raw.rows.height else pl.DataFrame()
        validated = validate(parsed, IndicatorCatalog, {}, raw.column_ref) if parsed.height else None
        conn.begin()
        if validated is not None:
            keys = _rejected_keys(parsed, validated.rejected, ["indicator_code"])
            _replace_files(
                conn,
                "indicator_catalog",
                [r.relpath for r in raw.refs_loaded],
                conform(validated.valid, "indicator_catalog"),
                keys,
                ["indicator_code"],
            )
        summary = finish_load(
            conn, "indicator_catalog", raw, validated, pl.DataFrame(), pl.DataFrame(), context.run_id, now
        )
        total = conn.sql("SELECT count(*) FROM indicator_catalog").fetchall()[0][0]
        conn.commit()
    if not raw.files:
        context.log.warning("Không tìm thấy danh-muc-chi-tieu.xlsx trong thư mục dữ liệu.")
    yield dg.MaterializeResult(metadata={**summary.metadata(), "indicators": dg.MetadataValue.int(total)})
    yield from check_results(context.asset_key, summary)


@dg.asset(
    group_name="reference",
    kinds={"duckdb", "polars", "excel"},
    check_specs=check_specs(dg.AssetKey("localities")),
    description="Administrative units with their hierarchy and validity dates, from each locality's don-vi.xlsx.",
)
def localities(context: dg.AssetExecutionContext, raw_files: RawFiles, warehouse: Warehouse):
    refs = [r for r in raw_files.discover()[0] if r.kind == "units"]
    now = now_utc()
    with warehouse.connection() as conn:
        unchanged = unchanged_since_last_load(conn, "localities", refs)
        if refs and len(unchanged) == len(refs):
            summary = summary_from_warehouse(conn, "localities", [r.relpath for r in refs])
            total = conn.sql("SELECT count(*) FROM localities").fetchall()[0][0]
            yield dg.MaterializeResult(metadata={"unchanged": True, "units": dg.MetadataValue.int(total)})
            yield from check_results(context.asset_key, summary)
            return
        changed = {r.relpath for r in refs} - {r.relpath for r in unchanged}
        raw = read_family([r for r in refs if r.relpath in changed], UNITS)
        parsed = parse_locality_rows(raw.rows) if raw.rows.height else pl.DataFrame()
        if parsed.height:
            # A parent may be declared in another locality's file (the province) or loaded before.
            known = set(read_table(conn, "localities").get_column("locality_code").to_list()) | set(
                parsed.get_column("locality_code").drop_nulls().to_list()
            )
            parsed = parsed.with_columns(pl.col("parent_code").is_in(list(known)).alias("parent_known"))
        validated = validate(parsed, Localities, UNITS_COLUMN_SOURCES, raw.column_ref) if parsed.height else None
        conn.begin()
        if validated is not None:
            keys = _rejected_keys(parsed, validated.rejected, ["locality_code"])
            _replace_files(
                conn,
                "localities",
                [r.relpath for r in raw.refs_loaded],
                conform(validated.valid, "localities"),
                keys,
                ["locality_code"],
            )
        summary = finish_load(conn, "localities", raw, validated, pl.DataFrame(), pl.DataFrame(), context.run_id, now)
        total = conn.sql("SELECT count(*) FROM localities").fetchall()[0][0]
        conn.commit()
    yield dg.MaterializeResult(metadata={**summary.metadata(), "units": dg.MetadataValue.int(total)})
    yield from check_results(context.asset_key, summary)
