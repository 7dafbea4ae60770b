"""The yearly and term workbooks, read once for every table they feed.

One multi-asset materializes indicator_targets and indicator_actuals (group *indicators*),
ntm_criteria (*ntm*), party_organisations (*party*) and awards (*awards*), partitioned by year
and by congress term. Opening a workbook parses its shared strings, and at national scale that
is most of the reading time, so each workbook is opened once for all the sheets a run needs.
Selecting a single table (subsetting) reads only its sheet. Each family's rules live in its own
module: indicators.py, ntm.py, party.py, awards.py.
"""

import dagster as dg

from pipelines.assets import indicators
from pipelines.assets.awards import AWARDS_TABLE
from pipelines.assets.ntm import NTM_CRITERIA
from pipelines.assets.party import PARTY_ORGANISATIONS
from pipelines.families import INDICATORS
from pipelines.loading import apply_sheet_table, check_specs, table_results
from pipelines.partitions import period_partitions
from pipelines.reading import read_families
from pipelines.resources import RawFiles, Warehouse
from pipelines.warehouse import now_utc

TABLES = [NTM_CRITERIA, PARTY_ORGANISATIONS, AWARDS_TABLE]


@dg.multi_asset(
    specs=[*indicators.SPECS, *(t.spec for t in TABLES)],
    check_specs=[*indicators.CHECKS, *(c for t in TABLES for c in check_specs(t.asset_key))],
    partitions_def=period_partitions,
    backfill_policy=dg.BackfillPolicy.single_run(),
    can_subset=True,
    name="workbooks",
)
def workbooks(context: dg.AssetExecutionContext, raw_files: RawFiles, warehouse: Warehouse):
    """Read the selected sheets of every workbook of the run's years or terms, then write each table."""
    selected = context.selected_asset_keys
    with_indicators = bool({indicators.TARGETS, indicators.ACTUALS} & selected)
    tables = [t for t in TABLES if t.asset_key in selected]
    families = ([INDICATORS] if with_indicators else []) + [t.family for t in tables]
    refs, discovery_issues = raw_files.for_periods(list(context.partition_keys))
    raws = read_families(refs, families, raw_files.workers)
    now = now_utc()
    results: list = []
    with warehouse.connection() as conn:
        if with_indicators:
            summary, t_stats, a_stats = indicators.apply_indicators(
                conn, raws[INDICATORS.asset], discovery_issues, context.run_id, now
            )
            results += indicators.indicator_results(summary, t_stats, a_stats)
        for table in tables:
            summary, stats = apply_sheet_table(conn, table, raws[table.family.asset], context.run_id, now)
            results += table_results(table, summary, stats)
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
