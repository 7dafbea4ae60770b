"""The Dagster asset graph as plain data: keys, groups, deps, partitions, kinds, checks, jobs, sensors.

``python -m tests.graph_snapshot`` rewrites ``tests/snapshots/asset_graph.json``; the test compares
the definitions with it, so a change to the graph is a reviewed diff, never an accident.
"""

from __future__ import annotations

import json
from pathlib import Path

import dagster as dg

SNAPSHOT = Path(__file__).resolve().parent / "snapshots" / "asset_graph.json"


def _partitions(pdef: dg.PartitionsDefinition | None) -> dict | None:
    if pdef is None:
        return None
    keys = pdef.get_partition_keys()
    return {"type": type(pdef).__name__, "count": len(keys), "first": keys[0], "last": keys[-1]}


def snapshot(defs: dg.Definitions) -> dict:
    graph = defs.resolve_asset_graph()
    assets = {}
    for key in sorted(graph.get_all_asset_keys(), key=lambda k: k.to_user_string()):
        node = graph.get(key)
        assets[key.to_user_string()] = {
            "group": node.group_name,
            "deps": sorted(k.to_user_string() for k in node.parent_keys),
            "partitions": _partitions(node.partitions_def),
            "kinds": sorted(node.kinds),
            "automation": node.automation_condition is not None,
            "checks": sorted(k.name for k in graph.asset_check_keys if k.asset_key == key),
        }
    jobs = {}
    for job in defs.resolve_all_job_defs():
        if job.name.startswith("__"):
            continue
        jobs[job.name] = sorted(k.to_user_string() for k in job.asset_layer.executable_asset_keys)
    sensors = {}
    for sensor in defs.sensors or []:
        target: set[str] = set()
        for automation_target in sensor.targets:
            job = automation_target.resolvable_to_job
            selection = getattr(job, "selection", None)
            if selection is not None:
                target |= {k.to_user_string() for k in selection.resolve(graph)}
        sensors[sensor.name] = {"target": sorted(target), "default_status": sensor.default_status.value}
    return {"assets": assets, "jobs": jobs, "sensors": sensors}


if __name__ == "__main__":
    from chitieu.definitions import defs

    SNAPSHOT.write_text(json.dumps(snapshot(defs), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {SNAPSHOT}")
