"""The benchmark works end to end at a tiny scale (how fast is not checked here)."""

from __future__ import annotations

import json
from argparse import Namespace
from pathlib import Path

import pytest

from benchmarks import naive
from benchmarks.bench import SECTIONS, markdown, run_bench
from benchmarks.generate import SCALES, geography, new_province_rows, reform, successors, units_rows, vn
from dashboards.navigation import PAGES


def test_generated_geography_is_deterministic_and_slugged():
    first, again = geography(SCALES["small"]), geography(SCALES["small"])
    assert [(d.code, d.name, [c.code for c in d.communes]) for d in first] == [
        (d.code, d.name, [c.code for c in d.communes]) for d in again
    ]
    assert len(first) == SCALES["small"].districts
    assert first[0].code == "p01-d001" and first[0].communes[0].code == "p01-d001-c01"
    assert sum(d.lists_province for d in first) == SCALES["small"].provinces


def test_the_generated_reform_merges_every_old_commune_into_one_new_one():
    scale = SCALES["small"]
    districts = geography(scale)
    provinces = reform(scale, districts)
    assert [p.code for p in provinces] == ["t01"] and provinces[0].predecessors == ["p01", "p02"]
    new = provinces[0].communes
    assert len(new) == scale.reform_communes == 40
    old = [c.code for d in districts for c in d.communes]
    assert sorted(code for c in new for code in c.predecessors) == sorted(old)  # each once
    merged_into = successors(provinces)
    first = units_rows(districts[0], merged_into)
    district = next(r for r in first if r["code"] == districts[0].code)
    assert (district["valid_to"], district["end_kind"]) == ("30/06/2025", "Giải thể")
    commune = next(r for r in first if r["code"] == districts[0].communes[0].code)
    assert (commune["successors"], commune["end_kind"]) == (new[0].code, "Sáp nhập") and commune["merge_weight"] > 0
    rows = new_province_rows(provinces[0])
    assert rows[0]["predecessors"] == "p01; p02" and {r.get("parent_code") for r in rows[1:]} == {"t01"}
    assert all(r["valid_from"] == "01/07/2025" for r in rows)
    # National: 34 provinces and 3.321 communes.
    national = reform(SCALES["national"], geography(SCALES["national"]))
    assert len(national) == 34 and abs(sum(len(p.communes) for p in national) - 3_321) <= 17


def test_numbers_written_and_read_the_vietnamese_way():
    assert vn(7978.01) == "7.978,01"
    assert vn(12.5, 1) == "12,5"
    assert naive.vn_number("7.978,01") == pytest.approx(7978.01)
    assert naive.vn_number("12,5%") == pytest.approx(12.5)
    assert naive.vn_number("3.021,,5") is None
    assert naive.parse_target("trên 370") == ("min", 370.0, None)
    assert naive.parse_target("dưới 3%") == ("max", None, 3.0)
    assert naive.parse_target("6,6–6,8") == ("range", 6.6, 6.8)
    assert naive.parse_target("khoảng 4") == ("about", 4.0, 4.0)


@pytest.mark.slow
def test_quick_benchmark_writes_json_and_markdown(tmp_path: Path):
    out = tmp_path / "bench.json"
    code = run_bench(Namespace(scale="tiny", out=str(out), workdir=str(tmp_path / "work")))
    assert code == 0

    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["scale"] == "tiny"
    assert report["errors"] == {}
    assert set(report["sections"]) == {s.name for s in SECTIONS}
    for key in ("cpu_model", "cpu_count", "ram_bytes", "python", "packages"):
        assert key in report["machine"]

    gen = report["sections"]["generation"]["figures"]
    tiny = SCALES["tiny"]
    assert gen["files"] == 1 + tiny.districts * tiny.workbooks_per_district + tiny.reform_workbooks
    assert (gen["new_provinces"], gen["new_communes"], gen["boundary_files"]) == (1, 6, 1)

    ingest = report["sections"]["ingest"]["figures"]
    assert ingest["success"]
    # The set read has one hostile workbook more (a 10-million-row sheet): refused, the others loaded;
    # the new province's boundaries (GeoJSON) are read as a file of the load too.
    assert ingest["workbooks"] == gen["files"] + gen["boundary_files"] + 1
    assert ingest["too_large"] == ["zz-qua-lon/2020.xlsx"] and ingest["oversized_refused"]
    assert ingest["oversized_bytes"] < 3 * 1024**2
    assert ingest["rows_read"] > 0 and ingest["rows_per_s"] > 0 and ingest["workbooks_per_s"] > 0
    assert ingest["peak_rss_bytes"] > 0 and ingest["warehouse_bytes"] > 0
    assert Path(ingest["warehouse"]).exists()
    # Every step of the Dagster run is timed, and the steps fit inside the run.
    assert {"raw_folder", "indicator_catalog", "localities", "workbooks", "marts", "published_warehouse"} <= set(
        ingest["steps"]
    )
    assert sum(step["seconds"] for step in ingest["steps"].values()) <= ingest["build_s"] + 0.5
    assert ingest["rows_loaded"] + ingest["rows_rejected"] <= ingest["rows_read"]
    assert ingest["table_rows"]["indicator_actuals"] > 0 and ingest["table_rows"]["mart_target_vs_actual"] > 0

    pv = report["sections"]["parse_validate"]["figures"]
    assert not pv["sampled"]
    assert pv["pipeline"]["rows"] == pv["naive"]["rows"] > 0  # both sides read the same rows
    assert pv["pipeline"]["rejected"] == pv["naive"]["rejected"]  # and reject the same typos
    assert pv["pipeline"]["rejected"] > 0  # the generated set's deliberate typos are caught
    mean_pipeline = sum(pv["pipeline_wall_s"]) / 2
    assert pv["speedup_wall"] == pytest.approx(pv["naive_wall_s"] / mean_pipeline, rel=0.02)
    assert set(pv["pipeline"]["families"]) >= {"indicators", "ntm_criteria", "localities", "indicator_catalog"}

    keys = {row["key"] for row in report["table"]}
    assert {"ingest_wall_s", "ingest_peak_rss_bytes", "parse_validate_speedup", "ingest_oversized_refused"} <= keys
    assert report["targets_met"]["ingest_oversized_refused"] is True
    # A verdict for every target that applies at this scale, and the verdict is the figure against the target.
    assert "ingest_wall_s" not in report["targets_met"]  # a national target, not checked at this scale
    assert {"parse_validate_speedup"} <= set(report["targets_met"])
    assert all(isinstance(v, bool) for v in report["targets_met"].values())
    if abs(pv["speedup_wall"] - 10) > 0.01:
        assert report["targets_met"]["parse_validate_speedup"] == (pv["speedup_wall"] >= 10)

    md = out.with_suffix(".md").read_text(encoding="utf-8")
    assert "| Measure | Value | Target | Met | Last run | Change |" in md
    assert "Speed-up, pipeline vs naive" in md

    # The next run is compared with this one.
    again = markdown(report, report)
    assert "Last run compared" in again and "+0%" in again

    # One year of one locality, and every dashboard page on the sample and the tiny warehouse.
    year = report["sections"]["year_reload"]["figures"]
    assert year["pipeline_work_s"] > 0 and "workbooks" in year["steps"]
    dashboard = report["sections"]["dashboard"]["figures"]
    assert {p["page"] for p in dashboard["sample"]} == {
        "overview",
        "indicator",
        "term",
        "ntm",
        "party",
        "awards",
        "compare",
        "data_quality",
        "submit",
        "tracking",
        "approvals",
        "audit",
    }
    assert [p["page"] for p in dashboard["sample"]] == [p.name for p in PAGES]  # the dashboard's one page list
    assert all(p["exceptions"] == 0 and p["warm_s"] > 0 for name in dashboard for p in dashboard[name])
    assert "| Page overview (sample)" in (tmp_path / "bench.md").read_text(encoding="utf-8")
    pack = report["sections"]["report_pack"]["figures"]
    assert pack["sample"]["charts"] >= 20 and pack["sample"]["wall_s"] > 0  # the 2020–2025 term pack
