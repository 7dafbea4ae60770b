"""Many units in one picture: units that report under their parent, the league table, blocs and
their scoring sheets, the units' sums against the reported figure, units across the 2025 reform
(a merger of three communes, a split, a district abolished), the map, and the 2025–2030 term.

The workbooks are real files written by the template writer (``tests/units_fixture.py``) and loaded
through the Dagster definitions into a warehouse once for the module. That build is the module's own,
so the tests that read it are in the slow tier; the ones on frames alone run in the fast tier.
"""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from analysis import charts, table_files, tables, units
from analysis.queries import Reader
from analysis.reports.content import Chart, assemble
from pipelines.template import SheetData, WorkbookContent, write_workbook
from tests import units_fixture
from tests.helpers import load_units, run_family
from tests.test_dashboard_pages import figures, open_page, table_row, texts


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    from pipelines.build import build

    root = units_fixture.write(tmp_path_factory.mktemp("units") / "raw")
    result = build(root, root.parent / "wh" / "chitieu.duckdb")
    assert result.success, result.steps_failed
    return result


@pytest.fixture(scope="module")
def warehouse(built) -> Path:
    return built.warehouse


@pytest.fixture(scope="module")
def reader(warehouse: Path) -> Reader:
    return Reader(warehouse)


# --- units that report, under their parent -------------------------------------------------------


@pytest.mark.slow
def test_units_report_their_own_workbooks_and_load_under_their_parent(reader: Reader) -> None:
    under = reader.units_under("tp-thu", "2024")
    assert under.get_column("locality_code").to_list() == ["tp-thu-a", "tp-thu-b", "tp-thu-c", "tp-thu-d", "tp-thu-e"]
    # Each unit's own figures are a locality's like any other: its scorecard of the year.
    c = reader.scorecard("tp-thu-c", "2024")
    assert dict(c.select("indicator_code", "status").iter_rows()) == {
        "budget_revenue": "vuot",
        "party_members_admitted": "dat",
        "party_members_total": "chua_co_so_lieu",
        "poverty_rate": "vuot",
    }


# --- the league table --------------------------------------------------------------------------------


@pytest.mark.slow
def test_league_table_shares_ranks_on_ties_lists_missing_units_and_gives_the_change_of_rank(reader: Reader) -> None:
    view = units.compare(reader, "tp-thu", "2024", indicator="budget_revenue")
    rows = {r["locality_code"]: r for r in view.league.to_dicts()}
    # C met 3 of 3; A and B 2 of 3 (a tie: both second); D 1 of 3 comes fourth, not third.
    assert [(c, rows[c]["rank"]) for c in ("tp-thu-c", "tp-thu-a", "tp-thu-b", "tp-thu-d")] == [
        ("tp-thu-c", 1),
        ("tp-thu-a", 2),
        ("tp-thu-b", 2),
        ("tp-thu-d", 4),
    ]
    assert rows["tp-thu-a"]["share_met"] == pytest.approx(200 / 3)
    assert (rows["tp-thu-b"]["vuot"], rows["tp-thu-b"]["dat"], rows["tp-thu-b"]["khong_dat"]) == (1, 1, 1)
    # 2023: A 1st, C 2nd, B 3rd, D 4th.
    assert {c: rows[c]["rank_change"] for c in ("tp-thu-a", "tp-thu-b", "tp-thu-c", "tp-thu-d")} == {
        "tp-thu-a": -1,
        "tp-thu-b": 1,
        "tp-thu-c": 1,
        "tp-thu-d": 0,
    }
    # E reports party members only: no judged target, so no share and no rank — never a zero.
    assert rows["tp-thu-e"]["rank"] is None and rows["tp-thu-e"]["share_met"] is None
    assert view.league.get_column("locality_code").to_list()[-1] == "tp-thu-e"
    assert (rows["tp-thu-d"]["actual"], rows["tp-thu-d"]["status"]) == (80.0, "khong_dat")

    by_indicator = units.compare(reader, "tp-thu", "2024", indicator="budget_revenue", rank_by="indicator")
    ranks = dict(by_indicator.league.select("locality_code", "rank").iter_rows())
    assert ranks == {"tp-thu-a": 1, "tp-thu-c": 2, "tp-thu-b": 3, "tp-thu-d": 4, "tp-thu-e": None}


@pytest.mark.slow
def test_compare_page_shows_the_league_table_as_a_leader_reads_it(warehouse: Path, monkeypatch) -> None:
    at = open_page(
        warehouse, monkeypatch, "pages/compare.py", locality="tp-thu", year="2024", indicator="budget_revenue"
    )
    assert at.title[0].value == "So sánh đơn vị — Thành phố Thử, năm 2024"
    assert "4/5 đơn vị được xếp hạng; 1 đơn vị chưa có số liệu." in texts(at)
    a = table_row(at, "Đơn vị", "Phường A")
    assert (a["Hạng"], a["So với năm trước"], a["% chỉ tiêu đạt, vượt"]) == ("2", "▼ 1", "66,7%")
    assert a["Thu ngân sách trên địa bàn · Thực hiện (tỷ đồng)"] == "110"
    assert a["Thu ngân sách trên địa bàn · % kế hoạch"] == "110%"
    assert table_row(at, "Đơn vị", "Phường B")["So với năm trước"] == "▲ 1"
    assert table_row(at, "Đơn vị", "Xã D")["So với năm trước"] == "="
    e = table_row(at, "Đơn vị", "Xã E")
    assert (e["Hạng"], e["% chỉ tiêu đạt, vượt"], e["Số chỉ tiêu đánh giá"]) == ("—", "Chưa có số liệu", "—")
    first = next(f for f in at.dataframe if "Hạng" in f.value.columns).value
    assert first["Đơn vị"].tolist() == ["Phường C", "Phường A", "Phường B", "Xã D", "Xã E"]
    # Sorted by name on request.
    at.selectbox(key="w_cmp_sort").set_value("name").run()
    first = next(f for f in at.dataframe if "Hạng" in f.value.columns).value
    assert first["Đơn vị"].tolist() == ["Phường A", "Phường B", "Phường C", "Xã D", "Xã E"]
    # The indicator across the units, its target marked, the unit without a figure named, not drawn.
    fig = next(f for f in figures(at) if "của các đơn vị, năm 2024" in f["layout"]["title"]["text"])
    bars = [tr for tr in fig["data"] if tr["type"] == "bar"]
    drawn = {y: x for tr in bars for y, x in zip(tr["y"], tr["x"], strict=True)}
    assert drawn == {"Phường A": 110, "Phường B": 100, "Phường C": 105, "Xã D": 80}
    target = next(tr for tr in fig["data"] if tr.get("name") == "Chỉ tiêu năm")
    assert set(target["x"]) == {100}
    assert "1 đơn vị chưa có số liệu: Xã E" in fig["layout"]["title"]["subtitle"]["text"]


@pytest.mark.slow
def test_compare_page_in_english(warehouse: Path, monkeypatch) -> None:
    at = open_page(warehouse, monkeypatch, "pages/compare.py", locality="tp-thu", year="2024", lang="en")
    assert at.title[0].value == "Compare units — Thành phố Thử, 2024"
    row = table_row(at, "Unit", "Phường C")
    assert (row["Rank"], row["Since last year"], row["% of targets met"]) == ("1", "▲ 1", "100%")
    assert table_row(at, "Unit", "Xã E")["% of targets met"] == "No figures"


# --- drill-down ----------------------------------------------------------------------------------------


@pytest.mark.slow
def test_choosing_a_unit_opens_its_overview_and_the_url_says_so(warehouse: Path, monkeypatch) -> None:
    at = open_page(warehouse, monkeypatch, "pages/compare.py", locality="tp-thu", year="2024")
    links = next(m.value for m in at.markdown if "./?locality=" in m.value)
    assert "[Phường C](./?locality=tp-thu-c&year=2024&lang=vi)" in links
    at.selectbox(key="w_cmp_unit").set_value("tp-thu-c").run()
    at.button(key="cmp-open").click().run()
    assert not at.exception
    assert at.title[0].value == "Tổng quan năm 2024 — Phường C"
    assert at.query_params["locality"] == "tp-thu-c" and at.query_params["year"] == "2024"
    # The same view opened from the link (a new session, the URL only).
    linked = open_page(warehouse, monkeypatch, locality="tp-thu-c", year="2024")
    assert linked.title[0].value == "Tổng quan năm 2024 — Phường C"
    # Under the commune's own name for it, as its workbook words it (the catalog's name is the caption's).
    assert table_row(linked, "Chỉ tiêu", "Thu ngân sách")["% kế hoạch"] == "105%"


# --- blocs and the emulation score ----------------------------------------------------------------------


@pytest.mark.slow
def test_a_blocs_weighted_scoring_sheet_point_by_point(reader: Reader) -> None:
    view = units.compare(reader, "tp-thu", "2024", bloc="khoi-phuong")
    assert view.units.get_column("locality_code").to_list() == ["tp-thu-a", "tp-thu-b", "tp-thu-c"]
    points = {(r["locality_code"], r["criterion_no"]): r["points"] for r in view.scores.points.to_dicts()}
    assert points == {
        # 1. budget, 30 points, proportional capped at 110%: A 110% → 33; B 100% → 30; C 105% → 31,5
        ("tp-thu-a", 1): pytest.approx(33.0),
        ("tp-thu-b", 1): pytest.approx(30.0),
        ("tp-thu-c", 1): pytest.approx(31.5),
        # 2. poverty, 20 points if met: A and C below 2%, B at 2,5% not met
        ("tp-thu-a", 2): 20.0,
        ("tp-thu-b", 2): 0.0,
        ("tp-thu-c", 2): 20.0,
        # 3. admissions, 10 points × achievement: 18/20 → 9; 25/20 → 12,5 (uncapped); 20/20 → 10
        ("tp-thu-a", 3): pytest.approx(9.0),
        ("tp-thu-b", 3): pytest.approx(12.5),
        ("tp-thu-c", 3): pytest.approx(10.0),
        # 4. the council's score: A 8, B 9,5, C not scored
        ("tp-thu-a", 4): 8.0,
        ("tp-thu-b", 4): 9.5,
        ("tp-thu-c", 4): None,
    }
    totals = {r["locality_code"]: (r["total"], r["partial"], r["rank"]) for r in view.scores.totals.to_dicts()}
    assert totals["tp-thu-a"] == (pytest.approx(70.0), pytest.approx(70.0), 1)
    assert totals["tp-thu-b"] == (pytest.approx(52.0), pytest.approx(52.0), 2)
    # C lacks the council's score: a partial sum, no total, no rank (not scored as zero).
    assert totals["tp-thu-c"] == (None, pytest.approx(61.5), None)
    # The other cluster has no scoring sheet that year.
    assert units.compare(reader, "tp-thu", "2024", bloc="cum-xa").scores.empty


@pytest.mark.slow
def test_the_score_table_as_the_council_reviews_it_on_the_page_and_in_excel(warehouse: Path, monkeypatch) -> None:
    at = open_page(warehouse, monkeypatch, "pages/compare.py", locality="tp-thu", year="2024", bloc="khoi-phuong")
    assert at.selectbox(key="w_bloc").value == "khoi-phuong"
    assert at.query_params["bloc"] == "khoi-phuong"
    score_table = next(f.value for f in at.dataframe if "Tổng điểm" in f.value.columns)
    rows = {r["Đơn vị"]: r for r in score_table.to_dict("records")}
    assert list(rows) == ["Phường A", "Phường B", "Phường C"]
    a = rows["Phường A"]
    assert a["1. Thu ngân sách (30 điểm)"] == "33" and a["4. Công tác chỉ đạo, điều hành (10 điểm)"] == "8"
    assert (a["Tổng điểm"], a["Hạng"]) == ("70", "1")
    assert (rows["Phường B"]["2. Giảm nghèo (20 điểm)"], rows["Phường B"]["3. Kết nạp đảng viên (10 điểm)"]) == (
        "0",
        "12,5",
    )
    c = rows["Phường C"]
    assert c["4. Công tác chỉ đạo, điều hành (10 điểm)"] == "—"
    assert (c["Hạng"], c["Tổng điểm"]) == ("—", "chưa đủ (61,5)")
    assert "1 tiêu chí chưa có số liệu hoặc điểm chấm." in c["Ghi chú"]
    # The league table is the bloc's: its three wards only.
    league = next(f for f in at.dataframe if "% chỉ tiêu đạt, vượt" in f.value.columns).value
    assert sorted(league["Đơn vị"]) == ["Phường A", "Phường B", "Phường C"]
    # The Excel download holds the numbers.
    view = units.compare(Reader(warehouse), "tp-thu", "2024", bloc="khoi-phuong")
    book = openpyxl.load_workbook(
        io.BytesIO(table_files.to_xlsx(tables.scores_table(view.scores, None, "vi").download()))
    )
    sheet = book.active
    header = [c.value for c in sheet[1]]
    row_a = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[header.index("Mã đơn vị")] == "tp-thu-a")
    assert row_a[header.index("Tổng điểm")] == pytest.approx(70.0)
    assert row_a[header.index("1. Thu ngân sách (30 điểm)")] == pytest.approx(33.0)


@pytest.mark.slow
def test_the_report_pack_carries_the_units_part_and_the_score_table(warehouse: Path, tmp_path: Path) -> None:
    from analysis.reports.docx_report import write_docx

    report = assemble(warehouse, "tp-thu", "2024")
    headings = [b.text for b in report.blocks if type(b).__name__ == "Heading"]
    assert "III. SO SÁNH CÁC ĐƠN VỊ TRỰC THUỘC" in headings
    titles = {tb.title: tb for tb in report.tables}
    league = titles["Xếp hạng các đơn vị trực thuộc năm 2024 theo tỷ lệ chỉ tiêu đạt, vượt"]
    assert [r[1:4] for r in league.rows][:2] == [["1", "▲ 1", "Phường C"], ["2", "▼ 1", "Phường A"]]
    scores = titles["Kết quả chấm điểm thi đua Khối thi đua các phường (khoi-phuong) năm 2024"]
    assert [r[1:3] + r[-1:] for r in scores.rows] == [
        ["1", "Phường A", "70"],
        ["2", "Phường B", "52"],
        ["—", "Phường C", "chưa đủ (61,5)"],
    ]
    sums = titles["Tổng các đơn vị và số địa phương báo cáo năm 2024"]
    assert ["Tổng số đảng viên toàn Đảng bộ", "600", "590", "5/5", "⚠ Lệch quá mức làm tròn"] in [
        r[1:] for r in sums.rows
    ]
    report.blocks = [b for b in report.blocks if not isinstance(b, Chart)]
    import docx

    document = docx.Document(str(write_docx(report, tmp_path / "bao-cao.docx")))
    assert "IV. NGUỒN SỐ LIỆU" in [p.text for p in document.paragraphs]


# --- the units' sums against the reported figure ----------------------------------------------------------


@pytest.mark.slow
def test_a_units_sum_beyond_rounding_is_a_warning_with_the_units_involved(built, warehouse: Path, monkeypatch) -> None:
    # A warning, not a failure: it never stops the load.
    assert "mart_unit_sums:unit_sums_match_reported" in built.checks_warned
    assert "mart_unit_sums:unit_sums_match_reported" not in built.checks_failed
    sums = Reader(warehouse).unit_sums("tp-thu", "2024")
    row = sums.filter(pl.col("indicator_code") == "party_members_total").row(0, named=True)
    assert (row["reported"], row["units_sum"], row["difference"], row["status"]) == (600.0, 590.0, -10.0, "differs")
    assert {u["code"]: u["value"] for u in json.loads(row["units_detail"])} == {
        "tp-thu-a": 120.0,
        "tp-thu-b": 130.0,
        "tp-thu-c": 140.0,
        "tp-thu-d": 100.0,
        "tp-thu-e": 100.0,
    }
    # Units missing: a partial sum, not a warning (budget: E gave no figure; the city gave none either).
    budget = sums.filter(pl.col("indicator_code") == "budget_revenue").row(0, named=True)
    assert (budget["units_reporting"], budget["units_expected"], budget["status"]) == (4, 5, "not_reported")
    at = open_page(warehouse, monkeypatch, "pages/data_quality.py", locality="tp-thu", year="2024")
    assert "1 số liệu: tổng của các đơn vị khác số Thành phố Thử báo cáo quá mức làm tròn." in texts(at)
    # The units' sums table (the consistency warnings' table above it names the indicator too).
    sums_table = next(f.value for f in at.dataframe if "Tổng các đơn vị" in f.value.columns)
    warned = sums_table[sums_table["Chỉ tiêu"] == "Tổng số đảng viên toàn Đảng bộ"].iloc[0].to_dict()
    assert (warned["Số địa phương báo cáo"], warned["Tổng các đơn vị"], warned["Chênh lệch"]) == ("600", "590", "−10")
    assert "Xã E: 100" in warned["Số của từng đơn vị"] and warned["Năm"] == "2024"
    # The consistency checks found the same difference; the page lists it once, in the units' table.
    found = Reader(warehouse).consistency_warnings("tp-thu")
    same = (pl.col("rule") == "units_sum") & (pl.col("indicator_code") == "party_members_total")
    assert found.filter(same & (pl.col("period") == "2024")).height == 1
    disagreeing = [f.value for f in at.dataframe if "Điều không khớp (kèm số liệu)" in f.value.columns]
    listed = [r for frame in disagreeing for r in frame.to_dict("records")]
    assert not [r for r in listed if r["Chỉ tiêu"] == "Tổng số đảng viên toàn Đảng bộ" and r["Kỳ"] == "2024"]


def test_unit_sums_rounding_and_partial_totals() -> None:
    from pipelines.transforms.units import unit_sums

    loc = pl.DataFrame(
        {
            "locality_code": ["p", "a", "b"],
            "parent_code": [None, "p", "p"],
            "name_vi": ["P", "A", "B"],
            "level": ["thi_xa", "xa", "xa"],
            "valid_from": [None, None, None],
            "valid_to": [None, None, None],
        },
        schema_overrides={"valid_from": pl.Date, "valid_to": pl.Date},
    )
    catalog = pl.DataFrame(
        {
            "indicator_code": ["money", "people"],
            "decimals": [2, 0],
            "unit": ["tỷ đồng", "người"],
            "additive": [True, True],
        }
    )
    mart = pl.DataFrame(
        {
            "locality_code": ["p", "a", "b", "p", "a"],
            "indicator_code": ["money", "money", "money", "people", "people"],
            "period": ["2024"] * 5,
            "actual": [10.01, 5.0, 5.0, 10.0, 12.0],
        }
    )
    out = {r["indicator_code"]: r for r in unit_sums(mart, loc, catalog).to_dicts()}
    # 5,00 + 5,00 against 10,01: within half a hundredth per figure added (3 × 0,005).
    assert out["money"]["status"] == "consistent" and out["money"]["tolerance"] == pytest.approx(0.015)
    # B gave no figure, and A alone already has more people than P: a warning even though partial.
    assert (out["people"]["status"], out["people"]["complete"]) == ("partial_exceeds", False)
    assert json.loads(out["people"]["units_missing"]) == [{"code": "b", "name": "B"}]


# --- units across the 2025 reform ---------------------------------------------------------------------------


@pytest.mark.slow
def test_a_merger_of_three_communes_recomputes_the_series_before_it(reader: Reader) -> None:
    links = units.lineage(reader.unit_links())
    assert links.filter(pl.col("to_code") == "xa-moi").select("from_code", "kind", "weight").rows() == [
        ("xa-a", "merge", 4000.0),
        ("xa-b", "merge", 5000.0),
        ("xa-c", "merge", 1000.0),
    ]
    codes = units.lineage_codes(links, "xa-moi")
    members = units.series_across_change(
        reader.indicator_across_units(codes, "party_members_total"), links, "xa-moi", additive=True
    )
    # Additive: the three communes' figures summed before the change, the new commune's own after it.
    assert members.rows.select("period", "actual", "source", "method").rows() == [
        ("2023", 900.0, "recomputed", "sum"),
        ("2024", 905.0, "recomputed", "sum"),
        ("2026", 920.0, "own", "none"),
    ]
    # A rate: averaged with the merge weights (population), never summed.
    poverty = units.series_across_change(
        reader.indicator_across_units(codes, "poverty_rate"), links, "xa-moi", additive=False
    )
    assert poverty.rows.select("period", "source", "method").rows() == [
        ("2023", "recomputed", "weighted"),
        ("2024", "recomputed", "weighted"),
        ("2026", "own", "none"),
    ]
    assert poverty.rows.get_column("actual").to_list() == pytest.approx(
        [4.8, 4.05, 3.0]
    )  # (4×4000+6×5000+2×1000)/10000
    assert poverty.changes.get_column("change_date").to_list() == [date(2025, 7, 1)] * 3


@pytest.mark.slow
def test_rates_of_a_merger_without_weights_are_not_combined(reader: Reader) -> None:
    links = units.lineage(reader.unit_links()).with_columns(
        pl.when(pl.col("from_code") == "xa-c").then(None).otherwise(pl.col("weight")).alias("weight")
    )
    codes = units.lineage_codes(links, "xa-moi")
    series = units.series_across_change(
        reader.indicator_across_units(codes, "poverty_rate"), links, "xa-moi", additive=False
    )
    before = series.rows.filter(pl.col("period") == "2023")
    assert before.select("locality_code", "actual", "source", "note").rows() == [
        ("xa-a", 4.0, "predecessor", "no_weights"),
        ("xa-b", 6.0, "predecessor", "no_weights"),
        ("xa-c", 2.0, "predecessor", "no_weights"),
    ]
    assert units.change_notes(series) == {"no_weights": ["2023", "2024"]}


@pytest.mark.slow
def test_the_indicator_page_of_a_merged_commune_marks_the_change(warehouse: Path, monkeypatch) -> None:
    at = open_page(
        warehouse, monkeypatch, "pages/indicator.py", locality="xa-moi", year="2026", indicator="party_members_total"
    )
    assert "Trước và sau sắp xếp đơn vị hành chính" in [h.value for h in at.subheader]
    assert "Xã Mới hình thành từ Xã A, Xã B, Xã C (sáp nhập, 01/07/2025)." in texts(at)
    fig = next(f for f in figures(at) if "trước và sau sắp xếp" in f["layout"]["title"]["text"])
    recomputed = next(
        tr for tr in fig["data"] if tr.get("mode") == "markers" and tr["name"].startswith("Tính lại từ đơn vị cũ")
    )
    assert recomputed["name"] == "Tính lại từ đơn vị cũ (tổng các đơn vị cũ)"
    assert (recomputed["x"], recomputed["y"], recomputed["marker"]["symbol"]) == (
        ["2023", "2024"],
        [900, 905],
        "circle-open",
    )
    assert any(s["x0"] == "2025" for s in fig["layout"]["shapes"])
    assert any(a["text"] == "Sáp nhập 01/07/2025" for a in fig["layout"]["annotations"])
    assert fig["layout"]["xaxis"]["categoryarray"] == ["2023", "2024", "2025", "2026"]


@pytest.mark.slow
def test_a_split_shows_the_old_units_figures_beside_never_divided(reader: Reader) -> None:
    links = units.lineage(reader.unit_links())
    assert set(links.filter(pl.col("from_code") == "xa-s").select("to_code", "kind").rows()) == {
        ("xa-s1", "split"),
        ("xa-s2", "split"),
    }
    series = units.series_across_change(
        reader.indicator_across_units(units.lineage_codes(links, "xa-s1"), "party_members_total"),
        links,
        "xa-s1",
        additive=True,
    )
    assert series.rows.select("period", "locality_code", "actual", "source", "note").rows() == [
        ("2024", "xa-s", 500.0, "predecessor", "split"),
        ("2026", "xa-s1", 260.0, "own", None),
    ]
    fig = charts.series_across_change(
        series, names={"xa-s": "Xã S", "xa-s1": "Xã S1"}, name="Đảng viên", unit="đảng viên"
    )
    assert [tr["name"] for tr in fig.to_dict()["data"] if tr.get("name")] == ["Số của Xã S1", "Xã S (đơn vị cũ)"]


@pytest.mark.slow
def test_a_province_without_districts_has_its_communes_report_to_it(
    reader: Reader, warehouse: Path, monkeypatch
) -> None:
    # Before 1 July 2025 the district; from it the communes, Xã D moved up under its own code.
    assert reader.units_under("tinh-x", "2024").get_column("locality_code").to_list() == ["huyen-y"]
    assert reader.units_under("tinh-x", "2026").get_column("locality_code").to_list() == [
        "xa-d",
        "xa-moi",
        "xa-s1",
        "xa-s2",
    ]
    assert sorted(reader.units_under("huyen-y", "2024").get_column("locality_code").to_list()) == [
        "xa-a",
        "xa-b",
        "xa-c",
        "xa-d",
        "xa-s",
    ]
    parents = {
        day: dict(reader.units_at(day).select("locality_code", "parent_code").iter_rows())
        for day in ("2025-06-30", "2025-07-01")
    }
    assert (parents["2025-06-30"]["xa-d"], parents["2025-07-01"]["xa-d"]) == ("huyen-y", "tinh-x")
    assert "huyen-y" not in parents["2025-07-01"] and "xa-moi" not in parents["2025-06-30"]
    # The province's own figure is its communes' sum, with no district in between.
    row = (
        reader.unit_sums("tinh-x", "2026").filter(pl.col("indicator_code") == "party_members_total").row(0, named=True)
    )
    assert (row["reported"], row["units_sum"], row["units_expected"], row["status"]) == (
        1540.0,
        1540.0,
        4,
        "consistent",
    )
    at = open_page(warehouse, monkeypatch, "pages/compare.py", locality="tinh-x", year="2026")
    league = next(f for f in at.dataframe if "% chỉ tiêu đạt, vượt" in f.value.columns).value
    assert sorted(league["Đơn vị"]) == ["Xã D", "Xã Mới", "Xã S1", "Xã S2"]
    assert table_row(at, "Đơn vị", "Xã Mới")["So với năm trước"] == "mới"  # formed since 2025


# --- the map --------------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_map_draws_the_units_of_a_geojson_and_says_how_to_add_one(
    reader: Reader, warehouse: Path, monkeypatch
) -> None:
    issues = reader.query("SELECT rule, value, \"row\" FROM validation_issues WHERE asset = 'unit_boundaries'")
    assert issues.rows() == [("boundary_unknown_unit", "khong-co", 5)]
    at = open_page(warehouse, monkeypatch, "pages/compare.py", locality="tp-thu", year="2024")
    fig = next(f for f in figures(at) if "theo đơn vị, năm 2024" in f["layout"]["title"]["text"])
    shaded = next(tr for tr in fig["data"] if tr["type"] == "choropleth")
    assert shaded["locations"] == ["tp-thu-a", "tp-thu-b", "tp-thu-c", "tp-thu-d"]
    assert shaded["z"] == pytest.approx([200 / 3, 200 / 3, 100.0, 100 / 3])
    assert fig["layout"]["separators"] == ",." and fig["layout"]["geo"]["fitbounds"] == "locations"
    labels = next(tr for tr in fig["data"] if tr["type"] == "scattergeo")
    assert labels["text"] == ["Phường A", "Phường B", "Phường C", "Xã D"]  # names, not codes
    assert "4/4 đơn vị có số liệu" in fig["layout"]["title"]["subtitle"]["text"]
    # The province gave no boundaries: the page says how to add them.
    plain = open_page(warehouse, monkeypatch, "pages/compare.py", locality="tinh-x", year="2026")
    assert "Thêm tệp `ban-do.geojson`" in texts(plain) and "data/raw/tinh-x/" in texts(plain)


@pytest.mark.slow
def test_a_map_exports_like_any_chart(reader: Reader) -> None:
    from analysis.reports import render

    view = units.compare(reader, "tp-thu", "2024")
    fig = charts.unit_map(
        reader.boundaries("tp-thu"), units.map_values(view, "share"), year="2024", measure="% đạt", unit="%"
    )
    spec = render.print_figure(fig, source="Kho dữ liệu")
    assert spec["layout"]["width"] == render.PRINT_LAYOUT_PX
    assert spec["data"][0]["type"] == "choropleth"


# --- the 2025–2030 term -----------------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_2025_2030_term_works_on_pages_pack_and_template(warehouse: Path, monkeypatch, tmp_path: Path) -> None:
    at = open_page(warehouse, monkeypatch, "pages/term.py", locality="xa-moi", year="2026", term="2025-2030")
    assert at.title[0].value == "Mục tiêu nhiệm kỳ 2025–2030 — Xã Mới"
    admitted = table_row(at, "Chỉ tiêu", "Kết nạp đảng viên")  # the resolution's own words
    assert (admitted["Chỉ tiêu đề ra"], admitted["Thực hiện đến nay"], admitted["Loại chỉ tiêu"]) == (
        "trên 150",
        "32",
        "Tổng cả nhiệm kỳ",
    )
    report = assemble(warehouse, "xa-moi", "2025-2030")
    assert report.title == "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NHIỆM KỲ 2025–2030"
    assert any("2025–2030" in tb.title for tb in report.tables)
    from chitieu.cli import main as chitieu

    monkeypatch.setenv("CHITIEU_RAW_DIR", str(Path(warehouse).parent.parent / "raw"))
    out = tmp_path / "nhiem-ky-2025-2030.xlsx"
    assert chitieu(["template", "--locality", "xa-moi", "--year", "2025-2030", "--out", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    assert "Chỉ tiêu nhiệm kỳ" in book.sheetnames
    title = book["Chỉ tiêu nhiệm kỳ"].cell(4, 1).value
    assert "NHIỆM KỲ 2025-2030" in title


@pytest.mark.slow
def test_a_unit_gets_its_own_yearly_template(warehouse: Path, monkeypatch, tmp_path: Path) -> None:
    from chitieu.cli import main as chitieu

    monkeypatch.setenv("CHITIEU_RAW_DIR", str(Path(warehouse).parent.parent / "raw"))
    out = tmp_path / "2026.xlsx"
    assert chitieu(["template", "--locality", "tp-thu-c", "--year", "2026", "--out", str(out)]) == 0
    info = openpyxl.load_workbook(out)["Thông tin chung"]
    assert [info.cell(r, 2).value for r in (3, 4, 5)] == ["tp-thu-c", "Phường C", "2026"]
    emulation = tmp_path / "thi-dua.xlsx"
    assert chitieu(["template", "--locality", "tp-thu", "--emulation", "--out", str(emulation)]) == 0
    assert {"Cụm, khối thi đua", "Tiêu chí chấm điểm", "Điểm chấm"} <= set(openpyxl.load_workbook(emulation).sheetnames)


# --- who may see which unit's figures ---------------------------------------------------------------------


@pytest.mark.slow
def test_a_viewer_compares_only_the_units_and_years_approved(reader: Reader) -> None:
    from analysis.access import Access, Grant, ScopedReader, User

    viewer = User("xem", "Người xem", (Grant("viewer", "tp-thu"),), None)
    access = Access(viewer, reader.query("SELECT locality_code, parent_code FROM localities"))
    approved = {("tp-thu", "2024"), ("tp-thu-a", "2024"), ("tp-thu-c", "2024"), ("tp-thu-c", "2023")}
    scoped = ScopedReader(reader, access, approved)
    view = units.compare(scoped, "tp-thu", "2024", indicator="budget_revenue")
    rows = {r["locality_code"]: r for r in view.league.to_dicts()}
    # B's and D's 2024 figures are not approved: not shown, not ranked (never a zero).
    assert {c: rows[c]["rank"] for c in rows} == {
        "tp-thu-a": 2,
        "tp-thu-b": None,
        "tp-thu-c": 1,
        "tp-thu-d": None,
        "tp-thu-e": None,
    }
    # A's 2023 is not approved either: no change of rank for A; C's is (2nd among the approved then: 1st).
    assert (rows["tp-thu-a"]["rank_change"], rows["tp-thu-c"]["rank_change"]) == (None, 0)
    # The council's scores of an approved year are shown; a stranger sees no unit at all.
    assert units.compare(scoped, "tp-thu", "2024", bloc="khoi-phuong").scores.points.height == 12
    stranger = ScopedReader(reader, Access(User("la", "Người lạ", (Grant("viewer", "tinh-x"),), None)), approved)
    assert units.compare(stranger, "tp-thu", "2024").league.is_empty()


# --- what a clerk is told ------------------------------------------------------------------------------------


def test_scoring_sheet_mistakes_are_reported_at_their_cells(tmp_path: Path) -> None:
    from pipelines.families import FAMILIES

    content = WorkbookContent(
        "emulation",
        "an-khe",
        "Thị xã An Khê",
        sheets={
            "emulation_criteria": SheetData(
                rows=[
                    {"year": "2024", "criterion_no": 1, "indicator_code": "khong_co_chi_tieu", "weight": 10},
                    {"year": "2024", "criterion_no": 2, "indicator_code": "budget_revenue", "weight": "mười"},
                    {"bloc_code": "cum-9", "year": "2024", "criterion_no": 3, "weight": 5},
                    {
                        "year": "2024",
                        "criterion_no": 4,
                        "indicator_code": "budget_revenue",
                        "weight": 5,
                        "cap_pct": 90,
                        "method": "có mức trần",
                    },
                ]
            ),
            "emulation_scores": SheetData(
                rows=[{"year": 2024, "criterion_no": 3, "unit_code": "an-khe-tu-an", "score": "-2"}]
            ),
        },
    )
    write_workbook(tmp_path / "an-khe" / "thi-dua.xlsx", content)
    criteria = run_family(tmp_path, FAMILIES["emulation_criteria"])
    first = 9  # title block, header, numbering row
    assert sorted(criteria.issues.select("row", "rule").rows()) == [
        (first, "known_scored_indicator"),
        (first + 1, "parse_weight"),
        (first + 3, "parse_cap_pct"),
    ]
    assert criteria.warnings.select("source_row", "rule", "value").rows() == [(first + 2, "unknown_bloc", "cum-9")]
    weight = criteria.issue("parse_weight")
    assert (weight["file"], weight["sheet"], weight["row"], weight["column"], weight["value"]) == (
        "an-khe/thi-dua.xlsx",
        "Tiêu chí chấm điểm",
        first + 1,
        "F (Điểm tối đa)",
        "mười",
    )
    assert weight["message_vi"] == "'Điểm tối đa' phải là số dương (ví dụ 10 hoặc 2,5)."
    scores = run_family(tmp_path, FAMILIES["emulation_scores"])
    assert scores.issues.select("row", "rule").rows() == [(first, "parse_score")]


def test_unit_links_to_unknown_codes_are_warned_and_a_change_needs_its_date(tmp_path: Path) -> None:
    units_rows = [
        {"code": "vi-du", "name_vi": "Thị xã Ví Dụ", "level": "Thị xã"},
        {
            "code": "vi-du-a",
            "name_vi": "Xã A",
            "level": "Xã",
            "parent_code": "vi-du",
            "valid_to": "30/06/2025",
            "successors": "vi-du-moi; vi-du-khong-co",
            "end_kind": "Sáp nhập",
            "merge_weight": "12.540",
        },
        {"code": "vi-du-b", "name_vi": "Xã B", "level": "Xã", "parent_code": "vi-du", "successors": "vi-du-moi"},
        {
            "code": "vi-du-moi",
            "name_vi": "Xã Mới",
            "level": "Xã",
            "parent_code": "vi-du",
            "valid_from": "01/07/2025",
            "start_kind": "gộp lại",
        },
    ]
    write_workbook(
        tmp_path / "vi-du" / "don-vi.xlsx",
        WorkbookContent("localities", "vi-du", sheets={"localities": SheetData(rows=units_rows)}),
    )
    result = load_units(tmp_path)
    first = 9
    assert result.warnings.select("source_row", "rule", "value").rows() == [
        (first + 1, "unknown_linked_unit", "vi-du-khong-co")
    ]
    assert sorted(result.issues.select("row", "rule").rows()) == [
        (first + 2, "change_needs_valid_to"),
        (first + 3, "parse_start_kind"),
    ]
    kept = result.validated.valid.filter(pl.col("locality_code") == "vi-du-a").row(0, named=True)
    assert (kept["successors"], kept["end_kind"], kept["merge_weight"]) == ("vi-du-moi", "merge", 12540.0)


# --- pure pieces -----------------------------------------------------------------------------------------------


def test_competition_ranks_share_the_best_place_and_skip_the_next() -> None:
    frame = pl.DataFrame({"v": [90.0, 70.0, 90.0, None, 0.1 + 0.2, 0.3]})
    assert frame.select(units.competition_rank(pl.col("v"))).to_series().to_list() == [1, 3, 1, None, 4, 4]


def test_a_league_of_units_without_targets_ranks_by_the_figure_in_its_direction() -> None:
    unit_frame = pl.DataFrame({"locality_code": ["a", "b", "c"], "name": ["A", "B", "C"], "level": ["xa"] * 3})
    marts = pl.DataFrame(
        {
            "locality_code": ["a", "b", "c"],
            "period": ["2026"] * 3,
            "indicator_code": ["crime"] * 3,
            "status": ["chua_co_so_lieu"] * 3,
            "actual": [5.0, 2.0, None],
            "achievement_pct": [None, None, None],
            "actual_status": ["official"] * 3,
            "target_value": [None, None, None],
            "direction": ["lower_is_better"] * 3,
        },
        schema_overrides={"achievement_pct": pl.Float64, "target_value": pl.Float64},
    )
    table = units.league(unit_frame, marts, "2026", indicator="crime", rank_by="indicator")
    assert table.select("locality_code", "rank").rows() == [("b", 1), ("a", 2), ("c", None)]
    # A unit formed since last year is 'mới', not 'up' or 'down'.
    assert tables.rank_change_text(None, existed=False) == "mới" and tables.rank_change_text(None, existed=True) == "—"
