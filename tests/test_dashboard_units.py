"""Dashboard building blocks without Streamlit: number formats, targets, exports, chart contracts."""

from __future__ import annotations

import io
import json

import openpyxl
import plotly.graph_objects as go
import polars as pl
import pytest

from analysis import charts, table_files, tables
from analysis import format as fmt
from analysis.i18n import TEXT, grade_label, status_label
from analysis.theme import GRADE_COLORS, STATUS_COLORS
from schemas.vocab import ON_TRACK, STATUS


@pytest.mark.parametrize(
    ("value", "decimals", "lang", "expected"),
    [
        (7978.01, 2, "vi", "7.978,01"),
        (7978.01, 2, "en", "7,978.01"),
        (100.30, 2, "vi", "100,3"),  # trailing zero dropped
        (18797.39, 2, "vi", "18.797,39"),
        (74.0009866798224, 0, "vi", "74"),  # the derived 2023 party plan
        (1234567.0, 1, "vi", "1.234.567"),
        (-0.001, 2, "vi", "0"),
        (None, 2, "vi", "—"),
        (float("nan"), 2, "vi", "—"),
    ],
)
def test_numbers_are_written_the_readers_way(value, decimals, lang, expected):
    assert fmt.number(value, decimals, lang) == expected


def test_percent_and_units():
    assert fmt.pct(12.5, 2, "vi") == "12,5%"
    assert fmt.pct(101.35, 2, "en") == "101.35%"
    assert fmt.with_unit(1.42, "%", 2, "vi") == "1,42%"
    assert fmt.with_unit(12.5, "%/năm", 2, "vi") == "12,5%/năm"
    assert fmt.with_unit(18797.39, "tỷ đồng", 2, "vi") == "18.797,39 tỷ đồng"
    assert fmt.signed(-1.81, 2, "vi") == "−1,81"


def test_targets_as_written_and_derived_ones_marked():
    common = {"low": 370.0, "high": None, "value": 370.0, "reported_pct": None, "unit": "đảng viên", "decimals": 0}
    assert fmt.target(text="trên 370", form="min", derived=False, lang="vi", **common) == "trên 370"
    assert fmt.target(text="trên 370", form="min", derived=False, lang="en", **common) == "at least 370"
    derived = {"text": None, "form": "exact", "low": 74.0009, "high": 74.0009, "value": 74.0009, "unit": "đảng viên"}
    assert (
        fmt.target(**derived, derived=True, reported_pct=101.35, decimals=0, lang="vi")
        == "≈ 74 (suy ra từ 101,35% kế hoạch)"
    )
    assert fmt.target(**derived, derived=True, reported_pct=101.35, decimals=0, lang="en") == (
        "≈ 74 (implied by 101.35% of plan)"
    )
    assert fmt.target(**derived, derived=True, reported_pct=101.35, decimals=0, short=True) == "≈ 74"
    below = {"text": "dưới 3,0%", "form": "max", "low": None, "high": 3.0, "value": 3.0, "reported_pct": None}
    assert fmt.target(**below, derived=False, unit="%", decimals=1, lang="en") == "at most 3%"


def test_every_label_exists_in_both_languages_and_statuses_carry_icon_and_word():
    assert all(vi and en for vi, en in TEXT.values())
    for code in STATUS.codes:
        assert status_label(code, "vi").split(" ", 1)[1] == STATUS.label(code, "vi")
        assert status_label(code, "vi")[0] in "▲✔✖–"
        assert code in STATUS_COLORS
    for code in ON_TRACK.codes:
        assert grade_label(code, "en").endswith(ON_TRACK.label(code, "en"))
        assert code in GRADE_COLORS
    # Colours of different statuses differ (and the icons differ too).
    assert len(set(STATUS_COLORS.values())) == len(STATUS_COLORS)


def test_every_word_is_written_once():
    """A key written twice in the word list keeps only its last value: a later edit of the first one
    would change nothing on the page."""
    import ast
    from collections import Counter
    from pathlib import Path

    import analysis.i18n

    def written(statement: ast.stmt) -> ast.expr | None:
        """The literal a module-level statement adds to TEXT (`TEXT = {…}`, `TEXT |= {…}`, `TEXT.update(…)`)."""
        match statement:
            case (
                ast.AnnAssign(target=ast.Name(id="TEXT"), value=value)
                | ast.AugAssign(target=ast.Name(id="TEXT"), value=value)
            ):
                return value
            case ast.Assign(targets=[ast.Name(id="TEXT")], value=value):
                return value
            case ast.Expr(ast.Call(func=ast.Attribute(value=ast.Name(id="TEXT"), attr="update"), args=[value])):
                return value
        return None

    tree = ast.parse(Path(analysis.i18n.__file__).read_text(encoding="utf-8"))
    keys: Counter[str] = Counter()
    literals = [v for v in map(written, tree.body) if v is not None]
    for literal in literals:
        for node in ast.walk(literal):
            if isinstance(node, ast.Dict):
                keys.update(k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str))
    assert len(literals) >= 3 and len(keys) > 500
    assert not [k for k, n in keys.items() if n > 1]


def test_downloads_never_turn_text_into_formulas():
    frame = pl.DataFrame(
        {
            "Chỉ tiêu": ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "Tổng giá trị sản xuất"],
            "Giá trị": [1.5, 2, 3, 4, 18797.39],
        }
    )
    csv_text = table_files.to_csv(frame).decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text and "\n'+1," in csv_text and "\n'-2," in csv_text and "'@SUM" in csv_text
    assert "Tổng giá trị sản xuất,18797.39" in csv_text  # numbers stay machine-readable

    book = openpyxl.load_workbook(io.BytesIO(table_files.to_xlsx(frame)))
    sheet = book.active
    cells = [sheet.cell(row=r, column=1) for r in range(2, 7)]
    assert all(c.data_type == "s" for c in cells)  # strings, never formulas ('f')
    assert cells[0].value == '\'=HYPERLINK("http://x")'
    assert sheet.cell(row=6, column=2).value == pytest.approx(18797.39)
    assert sheet.cell(row=1, column=1).value == "Chỉ tiêu"


def _score() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "indicator_code": ["production_value_total", "poverty_rate", "party_members_admitted"],
            "indicator_name_vi": ["Tổng giá trị sản xuất", "Tỷ lệ hộ nghèo", "Số đảng viên mới được kết nạp"],
            "indicator_name_en": ["Total production value", "Multidimensional poverty rate", "New party members"],
            "unit": ["tỷ đồng", "%", "đảng viên"],
            "decimals": [2, 2, 0],
            "family": ["economy", "social", "party"],
            "period": ["2023"] * 3,
            "target_text": [None, "dưới 1,5%", None],
            "target_form": ["exact", "max", "exact"],
            "target_low": [18741.17, None, 74.0009],
            "target_high": [18741.17, 1.5, 74.0009],
            "target_value": [18741.17, 1.5, 74.0009],
            "target_is_derived": [True, False, True],
            "reported_pct": [100.3, None, 101.35],
            "actual": [18797.39, 1.8, 75.0],
            "actual_status": ["official", "estimate", "official"],
            "achievement_pct": [100.3, 83.33, 101.35],
            "status": ["vuot", "khong_dat", "vuot"],
            "actual_source_file": ["an-khe/2023.xlsx"] * 3,
            "actual_source_document": ["[001] Bài viết"] * 3,
        }
    )


def test_scorecard_table_shows_status_word_and_vietnamese_numbers():
    tbl = tables.scorecard(_score(), "vi", spark={"poverty_rate": [4.09, 1.5, 1.8]}, trend_label="Xu hướng")
    rows = {r["Chỉ tiêu"]: r for r in tbl.view().to_dicts()}
    assert rows["Tổng giá trị sản xuất"]["% kế hoạch"] == "100,3%"
    assert rows["Tổng giá trị sản xuất"]["Đánh giá"] == "▲ Vượt"
    assert rows["Tỷ lệ hộ nghèo"]["Đánh giá"] == "✖ Không đạt"
    assert rows["Tỷ lệ hộ nghèo"]["Loại số liệu"] == "Ước thực hiện"
    assert rows["Tỷ lệ hộ nghèo"]["Xu hướng"] == [4.09, 1.5, 1.8]
    # Not-met rows come first: that is what a leader looks for.
    assert tbl.view()["Chỉ tiêu"][0] == "Tỷ lệ hộ nghèo"
    # The export keeps raw numbers for analysts.
    exported = {r["Chỉ tiêu"]: r for r in tbl.download().to_dicts()}
    assert exported["Tổng giá trị sản xuất"]["Thực hiện"] == 18797.39
    assert tbl.label("col_status") == "Đánh giá"
    assert tbl.tints["col_status"][0] == "#F7DFCC"  # the not-met tint


def test_table_columns_are_stable_keys_and_headers_follow_the_language():
    vi = tables.scorecard(_score(), "vi", spark={}, trend_label="Xu hướng 2019–2023")
    en = tables.scorecard(_score(), "en", spark={}, trend_label="Trend 2019–2023")
    # The frames a report reads have the same columns in every language ...
    assert vi.display.columns == en.display.columns
    assert vi.export.columns == en.export.columns
    assert "col_actual_status" in vi.display.columns and "col_code" in vi.export.columns
    assert vi.sparklines == en.sparklines == ("col_trend",)
    # ... and what a person sees or downloads is labelled in theirs.
    assert vi.view().columns[:2] == ["Chỉ tiêu", "Đơn vị"] and en.view().columns[:2] == ["Indicator", "Unit"]
    assert vi.view().columns[-1] == "Xu hướng 2019–2023" and en.view().columns[-1] == "Trend 2019–2023"
    assert "Mã chỉ tiêu" in vi.download().columns and "Code" in en.download().columns
    matrix = tables.ntm_matrix(_cells(), "en")
    assert matrix.display.columns[1] == "criterion_1" and matrix.view().columns[1] == "1. Planning"


def _figure_json(fig: go.Figure) -> dict:
    return json.loads(fig.to_json())


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_chart_has_title_unit_source_and_locale_separators(lang):
    fig = _figure_json(charts.status_by_family(_score(), lang=lang, locality_name="Thị xã An Khê", year="2023"))
    layout = fig["layout"]
    assert layout["separators"] == (",." if lang == "vi" else ".,")
    assert ("Kết quả thực hiện chỉ tiêu năm 2023" if lang == "vi" else "Targets met in 2023") in layout["title"]["text"]
    assert "Thị xã An Khê" in layout["title"]["subtitle"]["text"]
    source = [a["text"] for a in layout["annotations"] if a["text"].startswith(("Nguồn:", "Source:"))]
    assert source and "an-khe/2023.xlsx" in source[0]
    names = [t["name"] for t in fig["data"]]
    assert names == (["▲ Vượt", "✖ Không đạt"] if lang == "vi" else ["▲ Exceeded", "✖ Not met"])
    colours = [t["marker"]["color"] for t in fig["data"]]
    assert colours == [STATUS_COLORS["vuot"], STATUS_COLORS["khong_dat"]]


def test_trend_marks_estimates_apart_and_uses_a_year_category_axis():
    history = pl.DataFrame(
        {
            "period": ["2020", "2023"],
            "indicator_name_vi": ["Tổng giá trị sản xuất"] * 2,
            "indicator_name_en": ["Total production value"] * 2,
            "unit": ["tỷ đồng"] * 2,
            "decimals": [2, 2],
            "actual": [7978.01, 18797.39],
            "actual_status": ["estimate", "official"],
            "target_value": [None, 18741.17],
            "target_is_derived": [False, True],
            "reported_pct": [None, 100.3],
            "status": ["chua_co_so_lieu", "vuot"],
        }
    )
    fig = _figure_json(charts.indicator_trend(history, lang="vi", locality_name="Thị xã An Khê"))
    assert fig["layout"]["xaxis"]["type"] == "category"
    assert fig["layout"]["xaxis"]["categoryarray"] == ["2020", "2021", "2022", "2023"]  # gaps stay visible
    traces = {t.get("name"): t for t in fig["data"]}
    estimate = traces["Thực hiện (ước)"]
    assert estimate["x"] == ["2020"] and estimate["marker"]["symbol"] == "circle-open" and estimate["text"] == ["ước"]
    assert traces["Thực hiện (chính thức)"]["marker"]["symbol"] == "circle"
    derived = traces["Chỉ tiêu năm (suy ra từ % kế hoạch)"]
    assert "≈ 18.741,17 (suy ra từ 100,3% kế hoạch)" in derived["hovertext"][0]
    assert "18.797,39 tỷ đồng" in traces["Thực hiện (chính thức)"]["hovertext"][0]


def _cells() -> pl.DataFrame:
    rows = []
    for unit, missing in (("Xã Song An", {2, 9}), ("Xã Tú An", set())):
        for no in range(1, 20):
            rows.append(
                {
                    "unit_name": unit,
                    "criterion_no": no,
                    "criterion_met": no not in missing,
                    "criteria_set": "ntm",
                    "period": "2024",
                    "actual_status": "official",
                    "source_file": "an-khe/2024.xlsx",
                    "source_sheet": "Nông thôn mới",
                    "source_row": 10 + no,
                    "source_document": "Báo cáo NTM 2024",
                    "unit_code": None,
                    "group_label": None,
                    "criteria_met": None,
                    "criteria_met_max": None,
                    "criteria_total": 19,
                }
            )
    return pl.DataFrame(rows)


def test_ntm_matrix_shows_met_and_not_met_per_commune_and_criterion():
    fig = _figure_json(charts.ntm_matrix(_cells(), lang="vi", locality_name="Thị xã An Khê", year="2024"))
    heat = fig["data"][0]
    assert heat["type"] == "heatmap"
    assert heat["y"] == ["Xã Song An (17/19)", "Xã Tú An (19/19)"]
    assert heat["z"][0][1] == 0 and heat["text"][0][1] == "✖"  # Song An, criterion 2 (Giao thông): not met
    assert heat["z"][1][1] == 1 and heat["text"][1][1] == "✔"
    assert "2. Giao thông: Chưa đạt" in heat["hovertext"][0][1]
    assert "an-khe/2024.xlsx › Nông thôn mới › dòng 12" in heat["hovertext"][0][1]
    table = tables.ntm_matrix(_cells(), "vi").view().to_dicts()
    assert table[0]["Đơn vị hành chính"] == "Xã Song An"
    assert table[0]["9. Nhà ở dân cư"] == "✖ Chưa đạt"
    assert table[0]["Số tiêu chí đạt"] == "17/19"
    # Counts per commune come from the per-criterion rows when no count was reported.
    counts = charts.ntm_counts(_cells()).sort("label")
    assert counts["criteria_met"].to_list() == [17, 19]


def test_ntm_matrix_without_per_criterion_rows_says_so():
    fig = _figure_json(charts.ntm_matrix(_cells().head(0), lang="vi", year="2023"))
    assert "chưa vẽ được bảng xã × 19 tiêu chí" in fig["layout"]["annotations"][0]["text"]


def test_award_totals_leave_out_detail_rows():
    awards = pl.DataFrame(
        {
            "period": ["2015-2020", "2015", "2019"],
            "award_count": [14, 5, 3],
            "part_of_summary": [False, True, False],
        }
    )
    assert charts.award_totals(awards)["award_count"].sum() == 17  # not 22


def test_first_half_card_against_the_50_percent_milestone():
    row = {"h1_actual": 9100.0, "h1_pct_of_target": 48.6, "h1_target_pct": 50.0, "h1_on_track": False}
    [(label, value, note, colour)] = tables.h1_card({**row, "unit": "tỷ đồng", "decimals": 2}, "vi", "2024")
    assert (label, value) == ("6 tháng đầu năm 2024", "9.100 tỷ đồng")
    assert note == "48,6% chỉ tiêu năm · ✖ chưa đạt mốc 50%"
    assert colour == STATUS_COLORS["khong_dat"]
    assert tables.h1_card({"h1_actual": None}, "vi", "2024") == []
