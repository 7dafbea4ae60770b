"""A sensor that notices new or changed workbooks and re-runs their year or term."""

import json
from pathlib import Path

import dagster as dg

from pipelines.assets.loads import LOAD_TAG
from pipelines.discovery import REFERENCE_KINDS, discover
from pipelines.partitions import period_partitions
from pipelines.resources import RawFiles

# What a changed file re-runs: selections by tag and group, resolved against the code location's graph.
PERIOD_LOADS = dg.AssetSelection.tag(LOAD_TAG, "period")
REFERENCE_LOADS = dg.AssetSelection.tag(LOAD_TAG, "reference")
PUBLISH = dg.AssetSelection.groups("marts") | dg.AssetSelection.tag(LOAD_TAG, "inventory")
PERIOD_ORDER = period_partitions.get_partition_keys()


def _keys(selection: dg.AssetSelection, graph) -> list[dg.AssetKey]:
    return sorted(selection.resolve(graph), key=lambda k: k.to_user_string())


def fingerprints(root: Path) -> dict[str, str]:
    """Each workbook's modification time and size: cheap to read, changes when a clerk saves."""
    refs = discover(root).refs
    return {r.relpath: f"{r.modified_at.isoformat()}|{r.size}" for r in refs}


def changed_files(previous: dict[str, str], current: dict[str, str]) -> list[str]:
    """Files whose fingerprint is new or different."""
    return sorted(path for path, stamp in current.items() if previous.get(path) != stamp)


def run_requests(changed: list[str], root: Path, graph) -> list[dg.RunRequest]:
    """Runs for the changed workbooks.

    One changed yearly or term workbook: a run of its period for its locality. Several periods at
    once (a first start, a folder copied in): one run over the range of periods, so the loads do
    not queue behind each other for the warehouse. Changed catalog or unit files: a reference run.
    """
    refs = {r.relpath: r for r in discover(root).refs}
    current = fingerprints(root)
    period_keys, reference_keys, publish_keys = (_keys(s, graph) for s in (PERIOD_LOADS, REFERENCE_LOADS, PUBLISH))
    requests: list[dg.RunRequest] = []
    reference = [p for p in changed if refs[p].kind in REFERENCE_KINDS]
    periodic = [refs[p] for p in changed if refs[p].kind in ("year", "term")]
    if reference and not periodic:
        requests.append(
            dg.RunRequest(
                run_key="reference:" + ",".join(f"{p}={current[p]}" for p in reference),
                asset_selection=reference_keys + publish_keys,
                tags={"chitieu/trigger": "reference"},
            )
        )
    periods = sorted({r.period for r in periodic}, key=PERIOD_ORDER.index)
    if len(periods) == 1:
        ref = periodic[0]
        localities = {r.locality_code for r in periodic}
        locality = ref.locality_code if len(localities) == 1 else ""
        requests.append(
            dg.RunRequest(
                run_key=",".join(f"{r.relpath}={current[r.relpath]}" for r in periodic),
                partition_key=ref.period,
                asset_selection=period_keys + publish_keys + (reference_keys if reference else []),
                run_config={
                    "resources": {"raw_files": {"config": {"root": str(root), "locality": locality or "", "file": ""}}}
                },
                tags={"chitieu/file": ", ".join(r.relpath for r in periodic)[:200]},
            )
        )
    elif periods:
        requests.append(
            dg.RunRequest(
                run_key="range:" + ",".join(f"{r.relpath}={current[r.relpath]}" for r in periodic),
                asset_selection=reference_keys + period_keys + publish_keys,
                tags={
                    "dagster/asset_partition_range_start": periods[0],
                    "dagster/asset_partition_range_end": periods[-1],
                    "chitieu/trigger": f"{len(periodic)} workbooks, {periods[0]} … {periods[-1]}",
                },
            )
        )
    return requests


@dg.sensor(
    target=REFERENCE_LOADS | PERIOD_LOADS | PUBLISH,
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Watches the raw-data folder: a new or changed workbook re-runs its year or term for its locality, then publishes.",
)
def raw_workbooks_sensor(context: dg.SensorEvaluationContext, raw_files: RawFiles):
    root = Path(raw_files.root)
    current = fingerprints(root)
    previous = json.loads(context.cursor) if context.cursor else {}
    changed = changed_files(previous, current)
    if not changed:
        return dg.SkipReason("Không có tệp mới hoặc thay đổi / no new or changed workbook.")
    graph = context.repository_def.asset_graph
    return dg.SensorResult(run_requests=run_requests(changed, root, graph), cursor=json.dumps(current))
