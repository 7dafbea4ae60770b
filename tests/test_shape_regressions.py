"""The shapes of data a real city's reports have and the sample's do not, each as the reader meets it:
one test per thing that showed broken or misleading (found by ``tests/test_shapes.py``), plus
workbook text shown as text, the dashboard's default locality and decimals as written."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from analysis import charts, tables
from analysis import format as fmt
from analysis.i18n import t
from analysis.periods import default_locality
from analysis.reports.content import Chart, Paragraph, TableBlock, assemble
from tests.shape_checks import figure_texts, problems, report_texts
from tests.shapes import LOADED_AT, Locality, MemoryWarehouse, Shape, build

APP = Path(__file__).resolve().parent.parent / "dashboards" / "app.py"
WAREHOUSE = MemoryWarehouse()
HOSTILE = ("![b](http://x/y.png)", "<img src=x onerror=alert(1)>", "**bold**", "$x$", '=HYPERLINK("http://x")')


# --- rows as the warehouse holds them ---------------------------------------------------------


def indicator(code: str = "ind_0", name: str = "Số đảng viên được kết nạp", **kw) -> dict:
    return {
        "indicator_code": code,
        "name_vi": name,
        "name_en": None,
        "unit": "đảng viên",
        "family": "party",
        "direction": "higher_is_better",
        "aggregation": "flow",
        "decimals": 0,
        "source_file": "danh-muc-chi-tieu.xlsx",
        "source_sheet": "Danh mục chỉ tiêu",
        "source_row": 2,
        **kw,
    }


def source(file: str = "tp/2023.xlsx", sheet: str = "Chỉ tiêu") -> dict:
    return {"source_file": file, "source_sheet": sheet, "source_row": 5, "loaded_at": LOADED_AT, "run_id": "t"}


def _figure_row(period: str) -> dict:
    """What a target and an actual row of indicator ``ind_0`` for ``period`` share."""
    term = "-" in period
    return {
        **source(f"tp/nhiem-ky-{period}.xlsx" if term else f"tp/{period}.xlsx"),
        "locality_code": "tp",
        "indicator_code": "ind_0",
        "period": period,
        "period_kind": "term" if term else "year",
        "unit": "đảng viên",
    }


def target(period: str, text: str, low: float | None, high: float | None, form: str, **kw) -> dict:
    return {
        **_figure_row(period),
        "target_kind": "cumulative" if "-" in period else "annual",
        "target_text": text,
        "target_form": form,
        "target_low": low,
        "target_high": high,
        **kw,
    }


def actual(period: str, value: float | None, **kw) -> dict:
    return {
        **_figure_row(period),
        "covered_from": None if "-" in period else int(period),
        "covered_to": int(period[-4:]),
        "value": value,
        "actual_status": "official",
        "revision": 1,
        "is_current": True,
        **kw,
    }


def city(name: str = "Thành phố Pleiku", code: str = "tp", **tables_: list[dict]) -> Locality:
    loc = Locality(code, name, tables_.pop("years", ["2023"]), tables_.pop("terms", []))
    loc.units = [
        {"locality_code": code, "name_vi": name, "level": "thanh_pho", **source(f"{code}/don-vi.xlsx", "Đơn vị")}
    ]
    for key, rows in tables_.items():
        setattr(loc, key, rows)
    return loc


def report(shape: Shape, period: str, code: str = "tp"):
    return assemble(WAREHOUSE.load(shape), code, period)


def chart_titles(rep) -> list[str]:
    return [b.title for b in rep.blocks if isinstance(b, Chart)]


# --- charts of term targets --------------------------------------------------------------------

TERM = {
    "term": "2020-2025",
    "term_start": 2020,
    "term_end": 2025,
    "indicator_name_vi": "Số đảng viên được kết nạp",
    "indicator_name_en": None,
    "unit": "đảng viên",
    "decimals": 0,
    "target_kind": "cumulative",
    "target_text": "trên 370",
    "target_form": "min",
    "target_value": 370.0,
    "target_is_derived": False,
}
NO_HISTORY = pl.DataFrame(schema={"period": pl.Utf8, "actual": pl.Float64, "target_value": pl.Float64})


def test_a_term_target_without_yearly_figures_is_charted_under_its_name():
    fig = charts.cumulative_progress(NO_HISTORY, TERM, locality_name="Thành phố Pleiku").to_plotly_json()
    assert fig["layout"]["title"]["text"] == "<b>Số đảng viên được kết nạp: lũy kế nhiệm kỳ 2020–2025</b>"
    assert "đơn vị: đảng viên" in fig["layout"]["title"]["subtitle"]["text"]
    assert not problems(figure_texts(fig))


@pytest.mark.parametrize(
    ("kind", "xs"), [("cumulative", ["2023"]), ("end_level", ["2023"]), ("average_rate", ["2021", "2022", "2023"])]
)
def test_a_term_reports_figure_is_drawn_as_what_it_is(kind, xs):
    # '382 đảng viên in 2021–2023' is a total: one point at 2023, not a flat line at 382 across the years.
    term = TERM | {
        "target_kind": kind,
        "actual_to_date_source": "term_report",
        "actual_covered": "2021-2023",
        "actual_to_date": 382.0,
        "as_of_year": 2023,
    }
    fig = charts.indicator_trend(NO_HISTORY, term=term).to_plotly_json()
    figure = next(tr for tr in fig["data"] if tr["y"] and tr["y"][0] == 382.0)
    assert figure["x"] == xs
    assert figure["name"] == ("Tổng 2021–2023" if kind == "cumulative" else "Thực hiện đến nay 2021–2023")


def test_targets_without_figures_never_say_no_target_was_loaded():
    progress = pl.DataFrame([TERM | {"progress_pct": None, "on_track_grade": "insufficient_data"}])
    fig = charts.term_progress_bars(progress, term="2020-2025")
    assert charts.empty_message(fig) == "Nhiệm kỳ 2020–2025 đã có mục tiêu nhưng chưa có số thực hiện để tính tiến độ."


def test_a_term_with_no_year_passed_never_says_0_of_0():
    assert tables.incomplete_note({"data_complete": False, "years_elapsed": 0, "years_with_data": 0}) is None
    assert tables.incomplete_note({"data_complete": False, "years_elapsed": None, "years_with_data": 0}) is None
    note = tables.incomplete_note({"data_complete": False, "years_elapsed": 3, "years_with_data": 1})
    assert note.startswith("Chưa đủ số liệu: mới có 1/3 năm đã qua")
    row = TERM | {"data_complete": False, "years_elapsed": 0, "years_with_data": 0, "actual_to_date": 0.0}
    row |= {k: None for k in ("baseline_value", "as_of_year", "progress_pct", "actual_rate", "required_rate")}
    row |= {"required_rate_remaining": None, "projected_end_value": None, "on_track_grade": "insufficient_data"}
    row |= {"indicator_code": "ind_0", "family": "party"}
    assert "0/0" not in " ".join(tables.term_targets(pl.DataFrame([row])).display.row(0))


def test_count_axes_step_by_whole_numbers():
    awards = pl.DataFrame(
        {
            "period": ["2022", "2023"],
            "period_kind": ["year", "year"],
            "award_title": ["Bằng khen", "Giấy khen"],
            "level": ["province", "district"],
            "recipient_kind": ["collective", "individual"],
            "award_count": [1, 2],
            "part_of_summary": [False, False],
        }
    )
    axis = charts.awards_by_year(awards).to_plotly_json()["layout"]["yaxis"]
    assert (axis["tickformat"], axis["dtick"]) == (",d", 1)
    members = pl.DataFrame({"period": ["2022", "2023"], "actual": [74.0, 75.0], "actual_status": ["official"] * 2})
    axis = charts.indicator_trend(members, name="Kết nạp", unit="đảng viên", decimals=0).to_plotly_json()["layout"][
        "yaxis"
    ]
    assert axis["tickformat"] == ",d"


# --- party, new rural areas, awards --------------------------------------------------------------

ORG_COLUMNS = {"period": "2023", "block": None, "rating": None, "member_count": None, "actual_status": "official"}


def test_party_organisations_without_blocks_are_charted_by_type_in_words():
    orgs = pl.DataFrame(
        [
            ORG_COLUMNS | {"org_type": "dang_bo_co_so", "org_count": 16},
            ORG_COLUMNS | {"org_type": "chi_bo_co_so", "org_count": 33},
            ORG_COLUMNS | {"org_type": "to_chuc_co_so_dang", "org_count": 49},
        ]
    )
    fig = charts.party_organisations(orgs, year="2023").to_plotly_json()
    assert sorted(fig["data"][0]["y"]) == ["Chi bộ cơ sở", "Đảng bộ cơ sở"]
    assert charts.party_uncharted(orgs).startswith("Biểu đồ vẽ theo khối")  # the 49 in all: in the table only
    only_members = orgs.with_columns(
        pl.lit(None, dtype=pl.Int64).alias("org_count"), pl.lit(1767).alias("member_count")
    )
    assert "chỉ nêu số đảng viên" in charts.empty_message(charts.party_organisations(only_members, year="2023"))


def test_an_empty_chart_is_never_printed_beside_a_table_with_the_figures():
    orgs = [ORG_COLUMNS | {"org_type": "to_chuc_co_so_dang", "org_count": None, "member_count": 1767, **source()}]
    shape = Shape([indicator()], [city(party=[o | {"locality_code": "tp"} for o in orgs])])
    rep = report(shape, "2023")
    assert not [t for t in chart_titles(rep) if "Tổ chức cơ sở đảng" in t]
    table = next(b for b in rep.blocks if isinstance(b, TableBlock) and "Tổ chức cơ sở đảng" in b.title)
    assert table.rows[0][-1] == "1.767" and "chỉ nêu số đảng viên" in table.note


NTM = {
    "period": "2023",
    "unit_code": None,
    "unit_name": None,
    "unit_level": None,
    "criteria_set": "ntm",
    "criterion_no": None,
    "criterion_met": None,
    "criteria_met": None,
    "criteria_met_max": None,
    "criteria_total": 19,
    "actual_status": "official",
    "parent_name": None,
    "source_file": "tp/2023.xlsx",
    "source_row": 9,
    "source_document": None,
}


def test_new_rural_areas_reported_for_groups_are_shown_as_groups():
    frame = pl.DataFrame(
        [
            NTM | {"group_label": "7 xã", "unit_count": 7, "level_reached": "ntm"},
            NTM | {"group_label": "Các xã", "unit_count": None, "criteria_met": 9, "criteria_met_max": 14},
        ]
    )
    levels = charts.ntm_levels(frame).to_plotly_json()["data"][0]
    assert levels["y"] == [7] and "7 xã" in levels["hovertext"][0]
    row = tables.ntm_levels(frame).display.row(0, named=True)
    assert (row["col_unit_name"], row["col_kind"], row["col_level"]) == ("7 xã", "Nhóm đơn vị", "Nông thôn mới")
    counts = tables.ntm_counts(charts.ntm_counts(frame)).display.row(0, named=True)
    assert (counts["col_unit_name"], counts["col_criteria_met"]) == ("Các xã", "9–14/19")
    # A per-criterion row whose unit has no name: its code, never 'None'.
    cells = pl.DataFrame(
        [NTM | {"unit_code": "tp-xa-1", "group_label": None, "criterion_no": 1, "criterion_met": True}]
    )
    assert charts.ntm_matrix(cells, year="2023").to_plotly_json()["data"][0]["y"] == ["tp-xa-1 (1/19)"]
    assert tables.ntm_matrix(cells).display["col_unit_name"].to_list() == ["tp-xa-1"]


def test_awards_of_a_span_inside_the_term_are_in_the_terms_pack():
    award = {
        **source("tp/nhiem-ky-2015-2020.xlsx", "Thi đua khen thưởng"),
        "locality_code": "tp",
        "period": "2016-2019",
        "period_kind": "term",
        "file_period": "2015-2020",
        "award_title": "Bằng khen của Thủ tướng Chính phủ",
        "level": "state",
        "recipient_kind": "individual",
        "award_count": 1,
        "part_of_summary": False,
    }
    shape = Shape([indicator()], [city(years=[], terms=["2015-2020"], awards=[award])])
    rep = report(shape, "2015-2020")
    table = next(b for b in rep.blocks if isinstance(b, TableBlock) and b.title.startswith("Khen thưởng"))
    assert table.rows == [["1", "2016-2019", "Bằng khen của Thủ tướng Chính phủ", "Nhà nước", "Cá nhân", "1"]]


def test_term_figures_without_a_target_are_in_the_pack():
    shape = Shape(
        [indicator()], [city(years=[], terms=["2015-2020"], actuals=[actual("2015-2020", 382.0, covered_from=2016)])]
    )
    rep = report(shape, "2015-2020")
    table = next(b for b in rep.blocks if isinstance(b, TableBlock) and "không gắn với mục tiêu" in b.title)
    assert table.rows[0][1:4] == ["Số đảng viên được kết nạp", "đảng viên", "382"]
    assert not problems(report_texts(rep))


def test_a_term_with_targets_and_no_yearly_actuals_lists_its_targets():
    term_target = target("2020-2025", "trên 370", 370.0, None, "min")
    shape = Shape([indicator()], [city(years=["2021"], terms=["2020-2025"], targets=[term_target], actuals=[])])
    rep = report(shape, "2020-2025")
    words = [b.text for b in rep.blocks if isinstance(b, Paragraph)]
    assert not any("chưa có mục tiêu nào được nạp" in w for w in words)
    assert any(isinstance(b, TableBlock) and b.rows and b.rows[0][3] == "trên 370" for b in rep.blocks)


# --- decimals as written -------------------------------------------------------------------------

MART = {
    "indicator_code": "ind_0",
    "indicator_name_vi": "Đường giao thông nông thôn được cứng hóa",
    "indicator_name_en": None,
    "family": "urban_environment",
    "unit": "km",
    "decimals": 0,
    "period": "2023",
    "target_text": "dưới 20",
    "target_form": "max",
    "target_low": None,
    "target_high": 19.5,
    "target_value": 19.5,
    "target_is_derived": False,
    "actual": 18.625,
    "actual_status": "official",
    "achievement_pct": None,
    "status": "vuot",
    "actual_revisions": 1,
}


def test_decimals_written_in_the_source_are_never_rounded_away():
    written = pl.DataFrame([MART | {"actual_decimals": 3, "target_decimals": 1}])
    row = tables.scorecard(written).display.row(0, named=True)
    assert row["col_actual"] == "18,625"
    assert tables.indicator_years(written).display.row(0, named=True)["col_actual"] == "18,625"
    hover = charts.indicator_trend(written).to_plotly_json()["data"][0]["hovertext"][0]
    assert "18,625 km" in hover
    # A warehouse without the written decimals shows the catalog's.
    assert tables.scorecard(pl.DataFrame([MART])).display.row(0, named=True)["col_actual"] == "19"
    revisions = pl.DataFrame(
        [
            {"period": "2023", "period_kind": "year", "value": 12.345, "value_decimals": 3, "revision": 1}
            | {"actual_status": "official", "reported_pct": None, "is_current": True, "loaded_at": datetime(2026, 1, 1)}
            | {"superseded_at": None, "source_file": "tp/2023.xlsx", "source_sheet": "Chỉ tiêu", "source_row": 3}
            | {"source_document": None}
        ]
    )
    assert tables.revisions(revisions, 2, "km").display.row(0, named=True)["col_value"] == "12,345 km"


def test_a_warehouse_built_before_the_written_decimals_still_reads():
    # The term page and the revisions table select the written forms by pattern: a published file
    # whose marts and actuals have no decimals columns yet reads, with the catalog's decimals.
    loc = city(
        years=["2023"],
        terms=["2020-2025"],
        targets=[target("2020-2025", "trên 370", 370.0, None, "min")],
        actuals=[actual("2023", 18.625, value_text="gần 18,625", value_qualifier="nearly"), actual("2020-2025", 412.0)],
    )
    old = WAREHOUSE.load(Shape([indicator()], [loc], written_decimals=False))
    term = old.term_progress("tp", "2020-2025")
    assert {"actual_decimals", "target_decimals"}.isdisjoint(term.columns)
    assert {"actual_text", "target_statements", "indicator_name_local"} <= set(term.columns)
    assert term.row(0, named=True)["target_text"] == "trên 370"
    revisions = old.indicator_revisions("tp", "ind_0")
    assert "value_decimals" not in revisions.columns
    assert revisions.select("period", "value", "value_text").rows() == [
        ("2020-2025", 412.0, None),
        ("2023", 18.625, "gần 18,625"),
    ]
    shown = tables.revisions(revisions, 0, "đảng viên").display["col_value"].to_list()
    assert shown == ["412 đảng viên", "gần 18,625 đảng viên (tính là 19 đảng viên)"]
    # The same rows in a warehouse of today: the written decimals are there.
    new = WAREHOUSE.load(Shape([indicator()], [loc]))
    assert {"actual_decimals", "target_decimals"} <= set(new.term_progress("tp", "2020-2025").columns)
    assert "value_decimals" in new.indicator_revisions("tp", "ind_0").columns


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_table_of_units_names_the_unit_and_the_unit_of_measure_apart(lang):
    # 'Unit' twice in English (the commune, the unit of measure) broke the overview and the pack.
    rows = pl.DataFrame([MART | {"locality_name": "Xã Ea Tu", "locality_code": "tp-xa-0"}])
    tbl = tables.scorecard(rows, lang, units=True)
    for frame in (tbl.view(), tbl.download()):
        assert len(set(frame.columns)) == len(frame.columns), frame.columns
    assert tbl.view().row(0, named=True)[t("col_unit_name", lang)] == "Xã Ea Tu"


# --- workbook text is text ------------------------------------------------------------------------


@pytest.mark.parametrize("hostile", HOSTILE)
def test_markdown_of_workbook_text_is_escaped(hostile):
    escaped = fmt.md(hostile)
    # Every image, link, tag, emphasis or maths mark is preceded by a backslash: shown, not read.
    for syntax in (r"!\[", r"\]\(", r"<img", r"\*\*", r"\$"):
        assert not re.search(r"(?<!\\)" + syntax, escaped), (syntax, escaped)
    assert escaped.replace("\\", "") == hostile  # and nothing else changes


def _hostile_shape() -> Shape:
    name = "Thành phố ![b](http://x/y.png) <img src=x onerror=alert(1)>"
    ind = indicator(name='**Kết nạp** $x$ <b>đảng viên</b> =HYPERLINK("http://x")', unit="người & <hộ>")
    rows = [actual("2022", 74.0), actual("2023", 75.0, note='=HYPERLINK("http://x")')]
    targets = [target("2023", "trên 70", 70.0, None, "min")]
    return Shape([ind], [city(name=name, years=["2022", "2023"], actuals=rows, targets=targets)])


def test_pages_show_workbook_text_as_text(tmp_path, monkeypatch):
    path = build(_hostile_shape(), tmp_path / "chitieu.duckdb")
    monkeypatch.setenv("CHITIEU_WAREHOUSE", str(path))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params.update({"year": "2023"})
    at.run()
    assert not at.exception
    title = at.title[0].value
    assert title == r"Tổng quan năm 2023 — Thành phố \!\[b\](http\://x/y.png) \<img src=x onerror=alert(1)\>"
    at.switch_page("pages/indicator.py").run()
    assert not at.exception
    assert at.title[0].value == r'\*\*Kết nạp\*\* \$x\$ \<b\>đảng viên\<\/b\> =HYPERLINK("http\://x")'.replace(
        r"\/", "/"
    )
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["title"]["text"] == (
        '<b>**Kết nạp** $x$ &lt;b&gt;đảng viên&lt;/b&gt; =HYPERLINK("http://x")</b>'
    )
    assert "&lt;img src=x onerror=alert(1)&gt;" in spec["layout"]["title"]["subtitle"]["text"]
    hover = " ".join(h for tr in spec["data"] for h in (tr.get("hovertext") or []))
    assert "người &amp; &lt;hộ&gt;" in hover and "<hộ>" not in hover and "<img" not in json.dumps(spec)


def test_the_report_prints_workbook_text_as_text(tmp_path):
    import openpyxl

    from analysis.reports.xlsx_report import write_xlsx

    rep = report(_hostile_shape(), "2023")
    chart = next(b for b in rep.blocks if isinstance(b, Chart) and "Kết nạp" in b.title)
    # The caption (Word, PowerPoint) is the text itself; the drawn title holds it escaped for Plotly.
    assert chart.title.startswith('**Kết nạp** $x$ <b>đảng viên</b> =HYPERLINK("http://x")')
    assert "&lt;b&gt;" in chart.figure["layout"]["title"]["text"]
    assert rep.locality_name.endswith("<img src=x onerror=alert(1)>")
    assert not problems(report_texts(rep))
    # The spreadsheet of the same tables: a unit that looks like a formula stays text.
    book = openpyxl.load_workbook(write_xlsx(rep, tmp_path / "bang.xlsx"))
    cells = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert '\'=HYPERLINK("http://x")' in cells and '=HYPERLINK("http://x")' not in cells


# --- the default locality ---------------------------------------------------------------------


def test_default_locality_is_the_configured_one_else_the_one_with_the_latest_figures(tmp_path, monkeypatch):
    older = city(
        name="Huyện An Lão", code="an-lao", years=["2019"], actuals=[actual("2019", 5.0) | {"locality_code": "an-lao"}]
    )
    newer = city(name="Thành phố Pleiku", code="tp", years=["2023"], actuals=[actual("2023", 7.0)])
    path = build(Shape([indicator()], [older, newer]), tmp_path / "chitieu.duckdb")
    frame = pl.DataFrame(
        {"locality_code": ["an-lao", "tp"], "name": ["Huyện An Lão", "Thành phố Pleiku"], "latest": ["2019", "2023"]}
    )
    assert default_locality(frame) == "tp" and default_locality(frame, "an-lao") == "an-lao"
    assert default_locality(frame, "khong-co") == "tp"
    monkeypatch.setenv("CHITIEU_WAREHOUSE", str(path))
    for configured, expected in (("", "Thành phố Pleiku"), ("an-lao", "Huyện An Lão")):
        monkeypatch.setenv("CHITIEU_DEFAULT_LOCALITY", configured)
        at = AppTest.from_file(str(APP), default_timeout=60)
        at.run()
        assert not at.exception
        assert at.title[0].value.endswith(expected), (configured, at.title[0].value)


def test_a_long_name_breaks_onto_lines_and_the_printed_chart_makes_room_for_them():
    from analysis.reports import render

    name = "Tỷ lệ chất thải rắn sinh hoạt đô thị được thu gom, vận chuyển và xử lý đúng quy định theo tiêu chuẩn"
    fig = charts.cumulative_progress(NO_HISTORY, TERM | {"indicator_name_vi": name}, locality_name="Thành phố Pleiku")
    short = charts.cumulative_progress(NO_HISTORY, TERM, locality_name="Thành phố Pleiku")
    title = fig.layout.title.text
    assert title.count("<br>") == 1 and title.replace("<br>", " ") == f"<b>{name}: lũy kế nhiệm kỳ 2020–2025</b>"
    printed, printed_short = render.print_figure(fig), render.print_figure(short)
    assert printed["layout"]["margin"]["t"] > printed_short["layout"]["margin"]["t"]
