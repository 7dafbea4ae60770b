"""The Dagster definitions: they load, assets are grouped by family, the sensor notices workbooks."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import dagster as dg

from chitieu.definitions import defs
from pipelines.partitions import period_partitions
from pipelines.resources import RawFiles
from pipelines.sensors import changed_files, fingerprints, run_requests


def test_definitions_load_with_every_asset_in_its_family_group() -> None:
    dg.Definitions.validate_loadable(defs)
    graph = defs.resolve_asset_graph()
    groups = {key.to_user_string(): graph.get(key).group_name for key in graph.get_all_asset_keys()}
    assert groups == {
        "raw_folder": "reference",
        "submissions": "reference",
        "indicator_catalog": "reference",
        "localities": "reference",
        "emulation_blocs": "reference",
        "emulation_criteria": "reference",
        "emulation_scores": "reference",
        "unit_boundaries": "reference",
        "indicator_targets": "indicators",
        "indicator_actuals": "indicators",
        "ntm_criteria": "ntm",
        "party_organisations": "party",
        "awards": "awards",
        "deadlines": "reporting",
        "mart_target_vs_actual": "marts",
        "mart_term_progress": "marts",
        "mart_unit_sums": "marts",
        "consistency_warnings": "marts",
        "published_warehouse": "marts",
        "report_pack": "exports",
    }
    for key in ("indicator_actuals", "ntm_criteria", "awards"):
        assert graph.get(dg.AssetKey(key)).partitions_def == period_partitions
    checks = {(k.asset_key.to_user_string(), k.name) for k in graph.asset_check_keys}
    assert ("indicator_actuals", "no_rejected_rows") in checks
    assert ("ntm_criteria", "workbooks_readable") in checks
    assert ("mart_target_vs_actual", "one_row_per_indicator_and_period") in checks
    assert ("mart_unit_sums", "unit_sums_match_reported") in checks
    assert ("consistency_warnings", "figures_consistent") in checks
    assert defs.resolve_job_def("load_period") is not None


def test_partitions_are_years_and_congress_terms() -> None:
    keys = period_partitions.get_partition_keys()
    assert "2023" in keys and "2020-2025" in keys and "2015-2020" in keys
    assert "2021-2026" not in keys


def test_sensor_requests_one_run_per_changed_workbook(raw_copy: Path) -> None:
    before = fingerprints(raw_copy)
    book = raw_copy / "an-khe" / "2023.xlsx"
    os.utime(book, (time.time() + 5, time.time() + 5))  # the clerk saved it again
    after = fingerprints(raw_copy)
    assert changed_files(before, after) == ["an-khe/2023.xlsx"]

    requests = run_requests(["an-khe/2023.xlsx"], raw_copy, defs.resolve_asset_graph())
    assert len(requests) == 1
    request = requests[0]
    assert request.partition_key == "2023"
    assert request.run_config["resources"]["raw_files"]["config"]["locality"] == "an-khe"
    selected = {k.to_user_string() for k in request.asset_selection}
    assert {"indicator_actuals", "ntm_criteria", "published_warehouse"} <= selected

    catalog_requests = run_requests(["danh-muc-chi-tieu.xlsx"], raw_copy, defs.resolve_asset_graph())
    assert {k.to_user_string() for k in catalog_requests[0].asset_selection} >= {"indicator_catalog", "localities"}


def test_sensor_cursor_remembers_what_it_saw(raw_copy: Path) -> None:
    resource = RawFiles(root=str(raw_copy))
    sensor = defs.get_sensor_def("raw_workbooks_sensor")
    first = sensor.evaluate_tick(
        dg.build_sensor_context(cursor=None, resources={"raw_files": resource}, definitions=defs)
    )
    # A first start sees every workbook: one run over the range of periods, not thirteen queued runs.
    assert len(first.run_requests) == 1
    tags = first.run_requests[0].tags
    assert (tags["dagster/asset_partition_range_start"], tags["dagster/asset_partition_range_end"]) == (
        "2012",
        "2020-2025",
    )
    second = sensor.evaluate_tick(
        dg.build_sensor_context(cursor=first.cursor, resources={"raw_files": resource}, definitions=defs)
    )
    assert second.run_requests == [] and second.skip_message
    assert set(json.loads(first.cursor)) >= {"an-khe/2023.xlsx", "danh-muc-chi-tieu.xlsx"}


def test_asset_graph_is_the_reviewed_snapshot() -> None:
    """Keys, groups, deps, partitions, kinds, checks, jobs and sensor targets, as reviewed in
    tests/snapshots/asset_graph.json (regenerate with `python -m tests.graph_snapshot` when a change
    to the graph is intended, and say why in the commit)."""
    from tests.graph_snapshot import SNAPSHOT, snapshot

    assert snapshot(defs) == json.loads(SNAPSHOT.read_text(encoding="utf-8"))
