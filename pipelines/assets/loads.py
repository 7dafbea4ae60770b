"""The loading assets, generated from the sheet-family registry (``pipelines.families``).

- One asset per reference family (the catalog, the units: group *reference*, not partitioned):
  a changed file is re-read, unchanged files are not.
- One multi-asset, ``workbooks``, for every periodic family: partitioned by year and by congress
  term, it opens each workbook of the run once for all the sheets the run needs (at national scale
  opening a workbook is most of the reading time). Selecting one table (subsetting) reads only its
  family's sheet.

Every table asset carries the tag ``chitieu/load`` ('reference' or 'period'), which the sensor and
the load job select by, and the three checks of ``pipelines.assets.checks``.
"""

from collections.abc import Iterable
from pathlib import Path

import dagster as dg

from pipelines.assets.checks import check_specs, table_results
from pipelines.families import FAMILIES, SheetFamily, Table, periodic_families, reference_families
from pipelines.loading import (
    MissingReference,
    load,
    record_folder,
    record_submissions,
    summary_from_warehouse,
    unchanged_since_last_load,
)
from pipelines.partitions import period_partitions
from pipelines.reading import read_families, read_family
from pipelines.resources import RawFiles, SubmissionStore, Warehouse
from pipelines.warehouse import now_utc

LOAD_TAG = "chitieu/load"
KINDS = {"duckdb", "polars", "excel"}


def depends_on(family: SheetFamily) -> list[str]:
    """The tables a family's load reads before writing its own."""
    reads = set(family.reads)
    if family.speaks_for_workbook and family.periodic:
        reads.add("localities")  # a workbook of an unknown locality is reported
    return sorted(reads - set(family.table_names))


def table_spec(family: SheetFamily, table: Table) -> dg.AssetSpec:
    return dg.AssetSpec(
        table.name,
        group_name=family.group,
        kinds=KINDS,
        deps=depends_on(family),
        description=table.description,
        tags={LOAD_TAG: "reference" if family.reference else "period"},
    )


def reference_asset(family: SheetFamily) -> dg.AssetsDefinition:
    """The asset of a reference family (one table, loaded from the files its sheet is in)."""
    (table,) = family.tables
    key = dg.AssetKey(table.name)
    spec = table_spec(family, table)

    @dg.asset(
        name=table.name,
        group_name=spec.group_name,
        kinds=KINDS,
        deps=spec.deps,
        tags=spec.tags,
        check_specs=check_specs(key),
        description=table.description,
    )
    def _reference(context: dg.AssetExecutionContext, raw_files: RawFiles, warehouse: Warehouse):
        refs = [r for r in raw_files.discover().refs if family.sheet_for(r.kind) is not None]
        with warehouse.connection() as conn:
            unchanged = {r.relpath for r in unchanged_since_last_load(conn, family.name, refs)}
            changed = [r for r in refs if r.relpath not in unchanged]
            if refs and not changed:
                # Same bytes as the last load: nothing to re-read (a one-year re-run stays fast).
                summary = summary_from_warehouse(conn, family.name, [r.relpath for r in refs])
            else:
                raw = read_family(changed, family, limits=raw_files.limits)
                summary = load(conn, family, raw, context.run_id, now_utc())
            total = conn.sql(f'SELECT count(*) FROM "{table.name}"').fetchall()[0][0]
        if not refs and family.sheet_required:
            context.log.warning(f"Không tìm thấy tệp nào cho '{family.name}' trong thư mục dữ liệu.")
        for result in table_results(key, summary):
            if isinstance(result, dg.MaterializeResult):
                result = dg.MaterializeResult(
                    asset_key=key, metadata={**(result.metadata or {}), "rows": dg.MetadataValue.int(total)}
                )
            yield result

    return _reference


def workbooks_asset(families: Iterable[SheetFamily]) -> dg.AssetsDefinition:
    """The multi-asset that reads the yearly and term workbooks once for every periodic family."""
    families = list(families)
    specs = [table_spec(f, t) for f in families for t in f.tables]

    @dg.multi_asset(
        specs=specs,
        check_specs=[c for s in specs for c in check_specs(s.key)],
        partitions_def=period_partitions,
        backfill_policy=dg.BackfillPolicy.single_run(),
        can_subset=True,
        name="workbooks",
    )
    def workbooks(context: dg.AssetExecutionContext, raw_files: RawFiles, warehouse: Warehouse):
        """Read the selected sheets of every workbook of the run's years or terms, then load each family."""
        selected = context.selected_asset_keys
        chosen = [f for f in families if any(dg.AssetKey(t) in selected for t in f.table_names)]
        refs = raw_files.for_periods(list(context.partition_keys))
        raws = read_families(refs, chosen, raw_files.workers, raw_files.limits)
        now = now_utc()
        results: list = []
        with warehouse.connection() as conn:
            for family in chosen:
                try:
                    summary = load(conn, family, raws[family.name], context.run_id, now)
                except MissingReference as exc:
                    raise dg.Failure(str(exc)) from exc
                for table in family.tables:
                    results += table_results(dg.AssetKey(table.name), summary)
        checks = context.selected_asset_check_keys
        for result in results:
            if (
                isinstance(result, dg.AssetCheckResult)
                and dg.AssetCheckKey(result.asset_key, result.check_name) not in checks
            ):
                continue
            if isinstance(result, dg.MaterializeResult) and result.asset_key not in selected:
                continue
            yield result

    return workbooks


@dg.asset(
    group_name="reference",
    kinds={"duckdb"},
    tags={LOAD_TAG: "inventory"},
    description="One row per file in the raw-data folder: read, skipped (with the reason, also in validation_issues) or ignored (office junk).",
)
def raw_folder(context: dg.AssetExecutionContext, raw_files: RawFiles, warehouse: Warehouse) -> dg.MaterializeResult:
    """Walk the folder; report every file that is not read, and every file loaded before that is gone."""
    found = raw_files.whole_folder()  # the whole folder, even when the run is narrowed
    now = now_utc()
    with warehouse.connection() as conn:
        summary = record_folder(conn, found, context.run_id, now)
    return dg.MaterializeResult(
        metadata={
            "workbooks": dg.MetadataValue.int(summary["read"]),
            "skipped": dg.MetadataValue.int(summary["skipped"]),
            "ignored": dg.MetadataValue.int(summary["ignored"]),
            "gone": dg.MetadataValue.int(summary["gone"]),
            "locked": dg.MetadataValue.int(summary["locked"]),
        }
    )


@dg.asset(
    group_name="reference",
    kinds={"duckdb"},
    tags={LOAD_TAG: "inventory"},
    description="One row per workbook version sent through the dashboard or chitieu submit: who, when, its check, whether it was confirmed.",
)
def submissions(context: dg.AssetExecutionContext, submission_store: SubmissionStore, warehouse: Warehouse):
    """Every version kept in the submissions folder, as a table the dashboard reads."""
    with warehouse.connection() as conn:
        count = record_submissions(conn, Path(submission_store.root), context.run_id)
    return dg.MaterializeResult(metadata={"versions": dg.MetadataValue.int(count)})


def load_assets(families: dict[str, SheetFamily] | None = None) -> list[dg.AssetsDefinition]:
    """Every loading asset of the registry (or of the given families), and the folder's inventory."""
    families = families or FAMILIES
    return [
        raw_folder,
        submissions,
        *(reference_asset(f) for f in reference_families(families)),
        workbooks_asset(periodic_families(families)),
    ]
