"""The units' boundaries (each locality's ``ban-do.geojson``) → ``unit_boundaries``, for the compare page's map."""

import dagster as dg
import polars as pl

from pipelines.assets.checks import check_specs, table_results
from pipelines.assets.loads import KINDS, LOAD_TAG
from pipelines.issues import empty_issues
from pipelines.loading import LoadSummary
from pipelines.parsing.workbook import file_sha256
from pipelines.resources import RawFiles, Warehouse
from pipelines.transforms.boundaries import parse_boundaries
from pipelines.warehouse import ensure_schema, insert, now_utc, replace_file_rows

ASSET = "unit_boundaries"


@dg.asset(
    name=ASSET,
    group_name="reference",
    kinds=KINDS - {"excel"},
    deps=["localities"],
    tags={LOAD_TAG: "reference"},
    check_specs=check_specs(ASSET),
    description="Boundaries of each locality's units from <locality>/ban-do.geojson (GeoJSON, a unit code per feature).",
)
def unit_boundaries(context: dg.AssetExecutionContext, raw_files: RawFiles, warehouse: Warehouse):
    """Read every boundaries file of the folder; features of unknown units are warnings, not drawn."""
    refs = [r for r in raw_files.discover().refs if r.kind == "boundaries"]
    whole_folder = not raw_files.locality and not raw_files.file
    now = now_utc()
    frames, issues, logs = [], [], []
    with warehouse.connection() as conn:
        ensure_schema(conn)
        known = {code for (code,) in conn.sql("SELECT DISTINCT locality_code FROM localities").fetchall()}
        for ref in refs:
            try:
                text = ref.path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                text = ""
            rows, found = parse_boundaries(text, ref.relpath, ref.locality_code or "", known)
            frames.append(rows)
            issues.append(found)
            failed = found.filter(pl.col("severity") == "error").height > 0
            logs.append(
                {
                    "asset": ASSET,
                    "locality_code": ref.locality_code,
                    "period": None,
                    "file": ref.relpath,
                    "file_hash": file_sha256(ref.path),
                    "file_modified_at": ref.modified_at,
                    "status": "failed" if failed else "loaded",
                    "rows_read": rows.height + found.height,
                    "rows_loaded": rows.height,
                    "rows_rejected": 0,
                    "warnings": found.filter(pl.col("severity") == "warning").height,
                    "run_id": context.run_id,
                    "loaded_at": now,
                }
            )
        all_issues = pl.concat(issues, how="vertical_relaxed") if issues else pl.DataFrame()
        files = [r.relpath for r in refs]
        conn.begin()
        if whole_folder:
            conn.execute(f'DELETE FROM "{ASSET}"')
        elif files:
            files_df = pl.DataFrame({"file": files})  # noqa: F841
            conn.execute(f'DELETE FROM "{ASSET}" WHERE source_file IN (SELECT file FROM files_df)')
        for rows in frames:
            if rows.height:
                insert(
                    conn,
                    ASSET,
                    rows.with_columns(pl.lit(now).alias("loaded_at"), pl.lit(context.run_id).alias("run_id")),
                )
        if all_issues.height or files:
            locality = pl.col("file").str.extract(r"^([^/]+)/", 1)
            stamped = (
                all_issues.with_columns(
                    pl.lit(ASSET).alias("asset"),
                    locality.alias("locality_code"),
                    pl.lit(None, dtype=pl.Utf8).alias("period"),
                    pl.lit(context.run_id).alias("run_id"),
                    pl.lit(now).alias("detected_at"),
                )
                if all_issues.height
                else pl.DataFrame()
            )
            replace_file_rows(conn, "validation_issues", ASSET, files, stamped)
        if logs:
            insert(conn, "load_log", pl.DataFrame(logs, schema_overrides={"period": pl.Utf8}))
        conn.commit()
        total = conn.sql(f'SELECT count(*) FROM "{ASSET}"').fetchall()[0][0]
    summary = LoadSummary(
        family=ASSET,
        files=len(refs),
        files_failed=sum(1 for log in logs if log["status"] == "failed"),
        rows_read=sum(log["rows_read"] for log in logs),
        rows_loaded=sum(log["rows_loaded"] for log in logs),
        rows_rejected=0,
        warnings=sum(log["warnings"] for log in logs),
        issues=all_issues if all_issues.height else empty_issues(),
    )
    key = dg.AssetKey(ASSET)
    for result in table_results(key, summary):
        if isinstance(result, dg.MaterializeResult):
            result = dg.MaterializeResult(
                asset_key=key, metadata={**(result.metadata or {}), "units": dg.MetadataValue.int(total)}
            )
        yield result
