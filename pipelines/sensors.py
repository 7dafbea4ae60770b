"""A sensor that notices new or changed workbooks and re-runs their year or term."""

import json
from pathlib import Path

import dagster as dg

from pipelines.discovery import discover
from pipelines.resources import RawFiles

PERIOD_ASSETS = ["indicator_targets", "indicator_actuals", "ntm_criteria", "party_organisations", "awards"]
REFERENCE_ASSETS = ["indicator_catalog", "localities"]
PUBLISH_ASSETS = ["mart_term_progress", "mart_target_vs_actual", "published_warehouse"]


def fingerprints(root: Path) -> dict[str, str]:
    """Each workbook's modification time and size: cheap to read, changes when a clerk saves."""
    refs, _ = discover(root)
    return {r.relpath: f"{r.modified_at.isoformat()}|{r.size}" for r in refs}


def changed_files(previous: dict[str, str], current: dict[str, str]) -> list[str]:
    """Files whose fingerprint is new or different."""
    return sorted(path for path, stamp in current.items() if previous.get(path) != stamp)


def run_requests(changed: list[str], root: Path) -> list[dg.RunRequest]:
    """One run per changed yearly or term workbook (its period, its locality), one for reference files."""
    refs = {r.relpath: r for r in discover(root)[0]}
    current = fingerprints(root)
    requests: list[dg.RunRequest] = []
    reference = [p for p in changed if refs[p].kind in ("catalog", "units")]
    if reference:
        requests.append(
            dg.RunRequest(
                run_key="reference:" + ",".join(f"{p}={current[p]}" for p in reference),
                asset_selection=[dg.AssetKey(k) for k in REFERENCE_ASSETS + PUBLISH_ASSETS],
                tags={"chitieu/trigger": "reference"},
            )
        )
    for path in changed:
        ref = refs[path]
        if ref.kind not in ("year", "term"):
            continue
        requests.append(
            dg.RunRequest(
                run_key=f"{path}={current[path]}",
                partition_key=ref.period,
                asset_selection=[dg.AssetKey(k) for k in PERIOD_ASSETS + PUBLISH_ASSETS],
                run_config={
                    "resources": {
                        "raw_files": {"config": {"root": str(root), "locality": ref.locality_code or "", "file": ""}}
                    }
                },
                tags={"chitieu/file": path},
            )
        )
    return requests


@dg.sensor(
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
    return dg.SensorResult(run_requests=run_requests(changed, root), cursor=json.dumps(current))
