"""Every dashboard page through Streamlit's AppTest on the sample warehouse: the values a leader
or a clerk would check against the printed report."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from analysis.i18n import t
from dashboards.navigation import PAGES, PAGES_DIR
from schemas.messages import message

APP = Path(__file__).resolve().parent.parent / "dashboards" / "app.py"
CARD = re.compile(
    r'<div class="ct-card"[^>]*><div[^>]*>(.*?)</div><div class="ct-card-value"[^>]*>(.*?)</div>'
    r"(?:<div[^>]*>(.*?)</div>)?</div>"
)


def open_page(warehouse: Path, monkeypatch: pytest.MonkeyPatch, page: str | None = None, **params: str) -> AppTest:
    """Run the app as a browser opening ``/page?params`` would."""
    monkeypatch.setenv("CHITIEU_WAREHOUSE", str(warehouse))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params.update(params)
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def cards(at: AppTest) -> dict[str, tuple[str, str]]:
    """label → (value, note) of every card on the page."""
    out = {}
    for md in at.markdown:
        for label, value, note in CARD.findall(md.value):
            out[html.unescape(label)] = (html.unescape(value), html.unescape(note or ""))
    return out


def table_row(at: AppTest, column: str, value: str) -> dict:
    """The first row of any table on the page whose ``column`` equals ``value``."""
    for frame in at.dataframe:
        df = frame.value
        if column in df.columns and (df[column] == value).any():
            return df[df[column] == value].iloc[0].to_dict()
    raise AssertionError(f"no table row with {column} = {value!r}")


def figures(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def figure(at: AppTest, title_part: str) -> dict:
    for fig in figures(at):
        if title_part in fig["layout"]["title"]["text"]:
            return fig
    raise AssertionError(f"no chart titled {title_part!r}: {[f['layout']['title']['text'] for f in figures(at)]}")


def texts(at: AppTest) -> str:
    parts = [
        e.value for kind in ("markdown", "caption", "info", "warning", "success", "error") for e in getattr(at, kind)
    ]
    return "\n".join(str(p) for p in parts)


# --- Tổng quan -------------------------------------------------------------------------------


def test_overview_2023_production_value_is_100_3_percent_and_exceeded(sample_warehouse, monkeypatch):
    at = open_page(sample_warehouse, monkeypatch, year="2023")
    assert at.title[0].value == "Tổng quan năm 2023 — Thị xã An Khê"
    row = table_row(at, "Chỉ tiêu", "Tổng giá trị sản xuất")
    assert row["% kế hoạch"] == "100,3%"
    assert row["Đánh giá"] == "▲ Vượt"
    assert row["Thực hiện"] == "18.797,39"
    assert row["Loại số liệu"] == "Chính thức"
    assert row["Chỉ tiêu đề ra"] == "≈ 18.741,17 (suy ra từ 100,3% kế hoạch)"
    assert list(row["Xu hướng 2018–2023"]) == [7978.01, 18797.39]  # 2020 estimate, 2023 official

    counts = cards(at)
    assert counts["▲ Vượt"][0] == "3" and counts["✔ Đạt"][0] == "1" and counts["✖ Không đạt"][0] == "0"
    assert counts["▲ Đúng tiến độ"][0] == "2"  # term targets at a glance (2020–2025)
    assert "4 / 4 chỉ tiêu có đủ chỉ tiêu và số thực hiện đã đạt hoặc vượt; 0 không đạt." in texts(at)

    # Families in the report's order, each with its own table and downloads.
    headers = [h.value for h in at.subheader]
    assert headers[1:3] == ["Kinh tế · 5 chỉ tiêu", "Văn hóa – Xã hội · 9 chỉ tiêu"]
    labels = [b.label for b in at.get("download_button")]
    assert labels.count("Tải CSV") == labels.count("Tải Excel") == len(at.dataframe)

    fig = figure(at, "Kết quả thực hiện chỉ tiêu năm 2023")
    assert fig["layout"]["separators"] == ",."
    assert any(a["text"].startswith("Nguồn:") for a in fig["layout"]["annotations"])


def test_overview_traces_each_figure_to_its_document_and_cell(sample_warehouse, monkeypatch):
    at = open_page(sample_warehouse, monkeypatch, year="2023")
    actual = table_row(at, "Giá trị", "18.797,39 tỷ đồng")
    assert actual["Số liệu"] == "Thực hiện (2023)"
    assert actual["Loại"] == "Chính thức"
    assert actual["Văn bản"].startswith("[001] Bài viết 'Những thành tựu đáng tự hào'")
    assert "bằng 100,3% kế hoạch" in actual["Trích dẫn"]
    assert (actual["Bảng tính"], actual["Trang"], actual["Dòng"]) == ("an-khe/2023.xlsx", "Chỉ tiêu", "14")
    target = table_row(at, "Giá trị", "≈ 18.741,17 (suy ra từ 100,3% kế hoạch)")
    assert target["Loại"].startswith("Suy ra")


def test_language_switch_changes_labels_numbers_and_url(sample_warehouse, monkeypatch):
    at = open_page(sample_warehouse, monkeypatch, year="2023")
    at.radio(key="w_lang").set_value("en").run()
    assert not at.exception
    assert at.title[0].value == "Overview 2023 — Thị xã An Khê"
    row = table_row(at, "Indicator", "Total production value")
    assert row["% of target"] == "100.3%"
    assert row["Assessment"] == "▲ Exceeded"
    assert row["Actual"] == "18,797.39"
    assert row["Target"] == "≈ 18,741.17 (implied by 100.3% of plan)"
    assert row["Figure status"] == "Official"
    assert "▲ Exceeded" in cards(at)
    fig = figure(at, "Targets met in 2023")
    assert fig["layout"]["separators"] == ".,"
    assert [b.label for b in at.get("download_button")][:2] == ["Download CSV", "Download Excel"]
    assert at.query_params["lang"] == "en"
    # The sidebar follows, and the choice survives a page change.
    assert at.selectbox(key="w_year").label == "Year"
    at.switch_page("pages/party.py").run()
    assert at.title[0].value == "Party building — Thị xã An Khê"
    at.radio(key="w_lang").set_value("vi").run()
    assert at.title[0].value == "Xây dựng Đảng — Thị xã An Khê"


def test_choices_live_in_the_url(sample_warehouse, monkeypatch):
    at = open_page(sample_warehouse, monkeypatch, year="2022", lang="en")
    assert at.title[0].value == "Overview 2022 — Thị xã An Khê"
    assert at.selectbox(key="w_year").value == "2022"
    at.selectbox(key="w_year").set_value("2023").run()
    assert at.query_params["year"] == "2023"
    assert at.query_params["locality"] == "an-khe"
    assert at.query_params["term"] == "2020-2025"


def test_default_year_is_the_latest_with_actuals(sample_warehouse, monkeypatch):
    # 2024 has only targets: "this year" for a leader is 2023.
    at = open_page(sample_warehouse, monkeypatch)
    assert at.title[0].value == "Tổng quan năm 2023 — Thị xã An Khê"


# --- Chỉ tiêu --------------------------------------------------------------------------------


def test_indicator_poverty_against_term_target(sample_warehouse, monkeypatch):
    at = open_page(sample_warehouse, monkeypatch, "pages/indicator.py", year="2023", indicator="poverty_rate")
    assert at.title[0].value == "Tỷ lệ hộ nghèo"
    c = cards(at)
    assert c["Thực hiện năm 2023"] == ("1,42%", "Chính thức")
    assert c["Chỉ tiêu đề ra"][0] == "1,5%"
    assert c["Đánh giá tiến độ"][0] == "✔ Đã đạt"
    assert c["Tiến độ so với mục tiêu"][0] == "105,6%"
    years = table_row(at, "Năm", "2024")
    assert years["Chỉ tiêu đề ra"] == "1,09%" and years["Thực hiện"] == "—"
    fig = figure(at, "Tỷ lệ hộ nghèo")
    names = [t.get("name") for t in fig["data"]]
    assert "Mục tiêu nhiệm kỳ 2020–2025: 1,5%" in names
    assert "Dự báo theo nhịp hiện tại" in names
    term_line = next(t for t in fig["data"] if t.get("name", "").startswith("Mục tiêu nhiệm kỳ"))
    assert term_line["x"] == ["2020", "2021", "2022", "2023", "2024", "2025"] and term_line["line"]["dash"] == "dash"
    assert at.query_params["indicator"] == "poverty_rate"


def test_indicator_estimates_revisions_and_sources(sample_warehouse, monkeypatch):
    at = open_page(sample_warehouse, monkeypatch, "pages/indicator.py", year="2023", indicator="production_value_total")
    row_2020 = table_row(at, "Năm", "2020")
    assert row_2020["Loại số liệu"] == "Ước thực hiện"
    fig = figure(at, "Tổng giá trị sản xuất")
    estimate = next(t for t in fig["data"] if t.get("name") == "Thực hiện (ước)")
    assert estimate["x"] == ["2020"] and estimate["marker"]["symbol"] == "circle-open"
    revision = table_row(at, "Kỳ", "2023")
    assert (revision["Giá trị"], revision["Đang dùng"], revision["Bảng tính"]) == (
        "18.797,39 tỷ đồng",
        "Có",
        "an-khe/2023.xlsx",
    )
    assert "Mỗi số liệu mới có một lần nạp" in texts(at)


def test_indicator_gdp_growth_average_against_12_5(sample_warehouse, monkeypatch):
    at = open_page(sample_warehouse, monkeypatch, "pages/indicator.py", year="2023", indicator="gdp_growth_rate")
    c = cards(at)
    assert c["Chỉ tiêu đề ra"] == ("12,5%", "Tăng bình quân hằng năm")
    assert c["Thực hiện đến 2023"][0] == "12,5%/năm"
    assert c["Đánh giá tiến độ"][0] == "▲ Đúng tiến độ"
    assert "Nhịp cần đạt trong các năm còn lại để đạt mục tiêu «12,5%»: +12,5%/năm." in texts(at)


# --- Nhiệm kỳ --------------------------------------------------------------------------------


def test_term_page_lists_targets_with_progress_and_grades(sample_warehouse, monkeypatch):
    at = open_page(sample_warehouse, monkeypatch, "pages/term.py", year="2023", term="2020-2025")
    assert at.title[0].value == "Mục tiêu nhiệm kỳ 2020–2025 — Thị xã An Khê"
    party = table_row(at, "Chỉ tiêu", "Số đảng viên được kết nạp")
    assert party["Chỉ tiêu đề ra"] == "trên 370"
    assert party["Loại chỉ tiêu"] == "Tổng cả nhiệm kỳ"
    assert party["Thực hiện đến nay"] == "75"
    assert party["Tiến độ"] == "20,3%"
    # 75 in 2023 is the only figure of three elapsed years: no verdict on the pace yet.
    assert party["Đánh giá tiến độ"] == "– Chưa đủ số liệu"
    assert party["Đủ số liệu"].startswith("⚠ Chưa đủ số liệu: mới có 1/3 năm")
    gdp = table_row(at, "Chỉ tiêu", "Tốc độ tăng trưởng giá trị sản xuất")
    assert (gdp["Chỉ tiêu đề ra"], gdp["Thực hiện đến nay"], gdp["Nhịp đạt được"]) == ("12,5%", "12,5", "+12,5%/năm")
    poverty = table_row(at, "Chỉ tiêu", "Tỷ lệ hộ nghèo")
    assert (poverty["Thực hiện đến nay"], poverty["Đánh giá tiến độ"]) == ("1,42", "✔ Đã đạt")
    fig = figure(at, "Tiến độ mục tiêu nhiệm kỳ 2020–2025")
    bars = {t["name"]: t for t in fig["data"]}
    assert "20,3%*" in bars["– Chưa đủ số liệu"]["text"]  # * = incomplete data
    assert cards(at)["✔ Đã đạt"][0] == "3"


# --- Nông thôn mới ---------------------------------------------------------------------------


def test_ntm_page_without_per_criterion_rows(sample_warehouse, monkeypatch):
    at = open_page(sample_warehouse, monkeypatch, "pages/ntm.py", year="2023")
    assert "Năm 2023 chưa có số liệu từng tiêu chí theo xã" in at.info[0].value
    group = table_row(at, "Đơn vị hành chính", "Các xã")
    assert (group["Số tiêu chí đạt"], group["Bộ tiêu chí"]) == ("9–14/19", "Bộ tiêu chí nông thôn mới nâng cao")
    pot = table_row(at, "Đơn vị hành chính", "Làng Pốt")
    assert (pot["Năm"], pot["Thuộc xã"], pot["Loại số liệu"]) == ("2020", "Xã Song An", "Ước thực hiện")
    levels = figure(at, "Đơn vị đạt chuẩn nông thôn mới theo năm")
    communes = next(t for t in levels["data"] if t["name"] == "Nông thôn mới · xã")
    assert dict(zip(communes["x"], communes["y"], strict=True)) == {"2018": 5, "2022": 5}
    assert figure(at, "Số tiêu chí nông thôn mới đạt qua các năm")


def test_ntm_matrix_from_per_criterion_rows(sample_warehouse, monkeypatch, tmp_path):
    warehouse = tmp_path / "chitieu.duckdb"
    shutil.copy(sample_warehouse, warehouse)
    conn = duckdb.connect(str(warehouse))
    for no in range(1, 20):
        conn.execute(
            """INSERT INTO ntm_criteria (locality_code, period, unit_code, unit_name, unit_level, criteria_set,
                 criterion_no, criterion_met, criteria_total, actual_status, source_file, source_sheet, source_row,
                 loaded_at, run_id)
               VALUES ('an-khe', '2024', 'an-khe-cuu-an', 'Xã Cửu An', 'xa', 'ntm', ?, ?, 19, 'official',
                 'an-khe/2024.xlsx', 'Nông thôn mới', ?, now(), 'test')""",
            [no, no != 17, 8 + no],
        )
    conn.close()
    at = open_page(warehouse, monkeypatch, "pages/ntm.py", year="2024")
    heat = figure(at, "Tiêu chí nông thôn mới theo xã, năm 2024")["data"][0]
    assert heat["y"] == ["Xã Cửu An (18/19)"]
    assert heat["text"][0][16] == "✖" and heat["text"][0][0] == "✔"
    row = table_row(at, "Đơn vị hành chính", "Xã Cửu An")
    assert row["17. Môi trường và an toàn thực phẩm"] == "✖ Chưa đạt"


# --- Xây dựng Đảng ---------------------------------------------------------------------------


def test_party_page_shows_75_admissions_against_a_plan_of_74(sample_warehouse, monkeypatch):
    at = open_page(sample_warehouse, monkeypatch, "pages/party.py", year="2023", term="2020-2025")
    c = cards(at)
    assert c["Kết nạp năm 2023"][0] == "75"
    assert c["Kế hoạch năm 2023"] == ("≈ 74", "101,35% kế hoạch · ▲ Vượt")
    assert c["Lũy kế nhiệm kỳ 2020–2025"] == ("75", "so với mục tiêu trên 370 (20,3%)")
    assert "Chưa đủ số liệu: mới có 1/3 năm đã qua" in at.warning[0].value
    fig = figure(at, "lũy kế nhiệm kỳ 2020–2025")
    names = {t["name"]: t for t in fig["data"]}
    assert names["Mục tiêu nhiệm kỳ 2020–2025: trên 370"]["y"][0] == 370
    assert names["Lũy kế nhiệm kỳ"]["y"] == [75]
    assert any("Thiếu số liệu: 2021, 2022" in a["text"] for a in fig["layout"]["annotations"])
    # Organisations: none reported for 2023, so the latest year before it, by block.
    assert "Số liệu tổ chức cơ sở đảng gần nhất: năm 2019." in texts(at)
    block = table_row(at, "Khối", "Xã, phường")
    assert (block["Số tổ chức"], block["Số đảng viên"]) == ("11", "1.767")
    assert figure(at, "Tổng số đảng viên")


# --- Thi đua – Khen thưởng -------------------------------------------------------------------


def test_awards_totals_never_double_count(sample_warehouse, monkeypatch):
    at = open_page(sample_warehouse, monkeypatch, "pages/awards.py", year="2023")
    c = cards(at)
    # 5.993 rows in all, of which 22 detail decisions already inside the 2015–2020 totals.
    assert c["Tổng số lượt khen thưởng (không trùng)"][0] == "5.971"
    assert c["Tập thể"][0] == "1.105" and c["Cá nhân"][0] == "4.866"
    giay_khen = table_row(at, "Số lượng", "1.506")
    assert (giay_khen["Kỳ"], giay_khen["Cấp"], giay_khen["Đối tượng"]) == ("2015-2020", "Huyện, thị xã", "Cá nhân")
    detail = table_row(at, "Quyết định", "Quyết định số 626/QĐ-CTN")
    assert detail["Đã tính trong tổng hợp"] == "Có"
    by_year = figure(at, "Khen thưởng theo năm và cấp")
    assert sorted({x for t in by_year["data"] for x in t["x"]}) == ["2015", "2017", "2018", "2019"]


# --- Dữ liệu ---------------------------------------------------------------------------------


def test_data_page_freshness_and_load_log(sample_warehouse, monkeypatch):
    at = open_page(sample_warehouse, monkeypatch, "pages/data_quality.py", year="2023")
    assert "Lần nạp gần nhất không loại dòng nào và không có cảnh báo." in at.success[0].value
    c = cards(at)
    assert re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d \(UTC\+7\)", c["Công bố lúc"][0])
    log = table_row(at, "Tệp", "an-khe/2023.xlsx")
    assert log["Kết quả"] == "Đã nạp"
    assert table_row(at, "Tệp", "an-khe/nhiem-ky-2020-2025.xlsx")["Kỳ"] == "2020-2025"


def test_data_page_lists_every_rejected_row_with_its_cell_and_fix(sample_warehouse, monkeypatch, tmp_path):
    warehouse = tmp_path / "chitieu.duckdb"
    shutil.copy(sample_warehouse, warehouse)
    msg = message("parse_actual")
    conn = duckdb.connect(str(warehouse))
    conn.execute(
        """INSERT INTO validation_issues VALUES ('indicator_actuals', 'an-khe', '2023', 'an-khe/2023.xlsx', 'Chỉ tiêu',
             17, 'H (Thực hiện cả năm)', '12,5,3', 'parse_actual', 'error', ?, ?, 'test', now())""",
        [msg.vi, msg.en],
    )
    conn.execute(
        """INSERT INTO quarantine VALUES ('indicator_actuals', 'an-khe', '2023', 'an-khe/2023.xlsx', 'Chỉ tiêu', 17,
             '{"Mã chỉ tiêu": "gdp_growth_rate", "Thực hiện cả năm": "12,5,3"}', 'parse_actual', 'test', now())"""
    )
    conn.close()
    at = open_page(warehouse, monkeypatch, "pages/data_quality.py", year="2023")
    assert "1 dòng bị loại, 0 cảnh báo" in at.warning[0].value
    issue = table_row(at, "Lỗi và cách sửa", "Số thực hiện không phải là số (ví dụ đúng: 7.978,01).")
    assert (issue["Tệp"], issue["Trang"], issue["Dòng"], issue["Cột"], issue["Giá trị"]) == (
        "an-khe/2023.xlsx",
        "Chỉ tiêu",
        "17",
        "H (Thực hiện cả năm)",
        "12,5,3",
    )
    assert issue["Mức độ"] == "✖ Lỗi (dòng bị loại)"
    rejected = table_row(at, "Nội dung dòng", "Mã chỉ tiêu: gdp_growth_rate · Thực hiện cả năm: 12,5,3")
    assert (rejected["Tệp"], rejected["Dòng"], rejected["Quy tắc"]) == ("an-khe/2023.xlsx", "17", "parse_actual")
    at.radio(key="w_lang").set_value("en").run()
    assert table_row(at, "Problem and fix", "The actual is not a number (e.g. 7.978,01).")["Row"] == "17"


def page_files() -> list[str]:
    """Every page script in dashboards/pages/, as st.Page names them ('pages/overview.py')."""
    return sorted(f"pages/{p.name}" for p in PAGES_DIR.glob("*.py") if not p.name.startswith("_"))


def test_every_page_file_is_registered_once_with_a_title_and_its_own_url():
    # A page added to dashboards/pages/ without an entry in navigation.PAGES fails here, and so
    # does an entry whose file is gone.
    assert sorted(p.file for p in PAGES) == page_files()
    assert len({p.url_path for p in PAGES}) == len({p.name for p in PAGES}) == len(PAGES)
    for page in PAGES:
        assert t(page.title_key, "vi") and t(page.title_key, "en"), page
        assert page.icon.startswith(":material/"), page


@pytest.mark.slow
def test_every_page_renders_without_error_and_quickly_once_cached(sample_warehouse):
    from dashboards.perf import measure_pages

    results = measure_pages(sample_warehouse, repeats=1, query={"year": "2023"})
    assert [r["page"] for r in results] == [p.name for p in PAGES]
    assert sorted(f"pages/{r['page']}.py" for r in results) == page_files()
    assert all(r["exceptions"] == 0 for r in results), results
    # Target 0,5 s; the bound is loose because test machines are shared and noisy.
    assert max(r["warm_s"] for r in results) < 2.0, results
