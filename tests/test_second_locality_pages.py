"""The second locality (Thành phố Sơn Hà, tests/second_locality.py) on every page and in the pack, as
its 2010–2015 reports word it: its own indicator names, figures as written ('gần 72%', '120/150 thôn,
tổ', '468.215 triệu đồng'), targets by the document that set them, a target stated twice, a commune's
figure in the city's report, its award levels, its era's party ratings and its NTM groups.

The pages through AppTest (``tests.test_dashboard_pages`` helpers), the pack's content through
``assemble`` (what the DOCX, XLSX and slides print), one real DOCX in the slow tier.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from analysis.reports.content import Paragraph, Report, TableBlock, assemble
from tests.test_dashboard_pages import cards, figure, open_page, table_row, texts

CITY = "son-ha"


def city(warehouse: Path, monkeypatch: pytest.MonkeyPatch, page: str | None = None, **params: str):
    return open_page(warehouse, monkeypatch, page, locality=CITY, **params)


def hovers(fig: dict, trace_name: str) -> list[str]:
    return next(tr for tr in fig["data"] if tr.get("name") == trace_name)["hovertext"]


# --- Tổng quan -------------------------------------------------------------------------------


def test_overview_2013_shows_figures_as_the_city_wrote_them(city_warehouse, monkeypatch):
    at = city(city_warehouse, monkeypatch, year="2013")
    assert at.title[0].value == "Tổng quan năm 2013 — Thành phố Sơn Hà"
    health = table_row(at, "Chỉ tiêu", "Tỷ lệ người dân tham gia BHYT")  # the catalog: 'Tỷ lệ dân số tham gia …'
    assert (health["Thực hiện"], health["Đánh giá"], health["Loại số liệu"]) == ("gần 72%", "▲ Vượt", "Ước thực hiện")
    budget = table_row(at, "Chỉ tiêu", "Thu ngân sách trên địa bàn thành phố")
    assert (budget["Đơn vị"], budget["Thực hiện"], budget["% kế hoạch"]) == ("tỷ đồng", "468,215", "104,05%")
    assert budget["Chỉ tiêu đề ra"] == "450.000 triệu đồng (= 450 tỷ đồng)"
    with pytest.raises(AssertionError):
        table_row(at, "Chỉ tiêu", "Thu ngân sách trên địa bàn")  # the catalog's name is not what the city says
    villages = table_row(at, "Chỉ tiêu", "Thôn, tổ dân phố đạt chuẩn văn hóa")
    assert villages["Thực hiện"] == "80% (120/150)"
    # A statement with only a comparison stands in the actual's place, never a blank.
    compared = table_row(at, "Chỉ tiêu", "Tổng giá trị sản xuất")
    assert (compared["Thực hiện"], compared["Đánh giá"]) == ("tăng 15% so với năm 2010", "– Chưa có số liệu")


def test_overview_2013_provenance_gives_the_written_form_and_the_source_kind(city_warehouse, monkeypatch):
    at = city(city_warehouse, monkeypatch, year="2013")
    actual = table_row(at, "Giá trị", "468,215 tỷ đồng")
    assert actual["Cách báo cáo ghi"] == "ghi 468.215 triệu đồng, đổi sang 468,215 tỷ đồng"
    assert (actual["Bảng tính"], actual["Dòng"]) == ("son-ha/2013.xlsx", "60")
    growth = table_row(at, "Giá trị", "1,16%")
    assert growth["Cách báo cáo ghi"] == "ghi 11,6‰, đổi sang 1,16%"
    target = table_row(at, "Giá trị", "dưới 12‰ (= tối đa 1,2%)")
    assert target["Loại văn bản giao"] == "Nghị quyết HĐND"
    assert table_row(at, "Giá trị", "gần 72%")["Cách báo cáo ghi"] == "tính là 72%"
    assert table_row(at, "Giá trị", "80% (120/150)")["Cách báo cáo ghi"] == "ghi «120/150 thôn, tổ»"
    assert table_row(at, "Giá trị", "tăng 15% so với năm 2010")["Cách báo cáo ghi"] == (
        "chỉ nêu so sánh, không nêu mức đạt"
    )


def test_overview_2014_notes_a_target_stated_twice_and_lists_the_units_within(city_warehouse, monkeypatch):
    at = city(city_warehouse, monkeypatch, year="2014")
    trained = table_row(at, "Chỉ tiêu", "Tỷ lệ lao động qua đào tạo")
    assert (trained["Chỉ tiêu đề ra"], trained["Đánh giá"]) == ("trên 55% (nêu 2 lần)", "▲ Vượt")
    binding = table_row(at, "Giá trị", "trên 55%")
    assert binding["Cách báo cáo ghi"] == "nêu 2 lần; lần 1 là chỉ tiêu áp dụng"
    other = table_row(at, "Số liệu", "Chỉ tiêu (2014), lần nêu 2")
    assert (other["Giá trị"], other["Dòng"], other["Cách báo cáo ghi"]) == (
        "trên 60%",
        "269",
        "nêu lại, không áp dụng (áp dụng: trên 55%)",
    )
    assert "Chỉ tiêu của đơn vị trực thuộc" in [h.value for h in at.subheader]
    ea_tu = table_row(at, "Đơn vị hành chính", "Xã Ea Tu")
    assert (ea_tu["Chỉ tiêu"], ea_tu["Chỉ tiêu đề ra"], ea_tu["Thực hiện"], ea_tu["Đánh giá"]) == (
        "Tỷ lệ hộ nghèo xã Ea Tu",
        "dưới 5%",
        "4,8",
        "▲ Vượt",
    )


def test_the_sample_has_no_units_within_and_keeps_its_words(sample_warehouse, monkeypatch):
    at = open_page(sample_warehouse, monkeypatch, year="2023")
    assert "Chỉ tiêu của đơn vị trực thuộc" not in [h.value for h in at.subheader]


def test_overview_in_english_keeps_the_qualifier_and_the_ratio(city_warehouse, monkeypatch):
    at = city(city_warehouse, monkeypatch, year="2013", lang="en")
    assert table_row(at, "Indicator", "Health insurance coverage")["Actual"] == "nearly 72%"
    assert table_row(at, "Value", "1.16%")["As the report words it"] == "written 11.6‰, converted to 1.16%"


# --- Chỉ tiêu --------------------------------------------------------------------------------


def test_indicator_page_names_it_as_the_city_does_and_says_both_figures(city_warehouse, monkeypatch):
    at = city(city_warehouse, monkeypatch, "pages/indicator.py", year="2013", indicator="health_insurance_coverage")
    assert at.title[0].value == "Tỷ lệ người dân tham gia BHYT"
    assert "Tên trong danh mục: Tỷ lệ dân số tham gia bảo hiểm y tế" in at.caption[0].value.replace("\\", "")
    c = cards(at)
    assert c["Thực hiện năm 2013"] == ("gần 72%", "Ước thực hiện · tính là 72%")
    assert c["Chỉ tiêu năm 2013"] == ("trên 70%", "Nghị quyết HĐND")
    fig = figure(at, "Tỷ lệ người dân tham gia BHYT")
    assert "Thực hiện: gần 72% · tính là 72% (Ước thực hiện)" in hovers(fig, "Thực hiện (ước)")[0]
    # The qualified figure still draws its number.
    assert next(tr for tr in fig["data"] if tr.get("name") == "Thực hiện (ước)")["y"] == [72.0, 76.5]
    years = table_row(at, "Năm", "2014")
    assert years["Thực hiện"] == "khoảng 76,5%"


def test_indicator_page_lists_every_statement_of_a_target(city_warehouse, monkeypatch):
    at = city(city_warehouse, monkeypatch, "pages/indicator.py", year="2014", indicator="trained_labour_rate")
    assert cards(at)["Chỉ tiêu năm 2014"] == ("trên 55%", "Nghị quyết HĐND · nêu 2 lần")
    assert table_row(at, "Năm", "2014")["Chỉ tiêu đề ra"] == "trên 55% (nêu 2 lần)"
    assert table_row(at, "Số liệu", "Chỉ tiêu (2014), lần nêu 2")["Giá trị"] == "trên 60%"


# --- Nhiệm kỳ --------------------------------------------------------------------------------


def test_term_page_names_the_programme_as_the_source_of_the_ntm_target(city_warehouse, monkeypatch):
    at = city(city_warehouse, monkeypatch, "pages/term.py", year="2014", term="2010-2015")
    assert at.title[0].value == "Mục tiêu nhiệm kỳ 2010–2015 — Thành phố Sơn Hà"
    ntm = table_row(at, "Chỉ tiêu", "Số xã đạt chuẩn nông thôn mới")
    assert (ntm["Loại văn bản giao"], ntm["Chỉ tiêu đề ra"], ntm["Thực hiện đến nay"]) == ("Chương trình", "4", "2/8")
    growth = table_row(at, "Chỉ tiêu", "Tăng trưởng giá trị sản xuất bình quân")  # the term workbook's words
    assert growth["Loại văn bản giao"] == "Nghị quyết Đại hội"
    assert "Văn bản giao mục tiêu: 2 mục tiêu theo Nghị quyết Đại hội, 1 mục tiêu theo Chương trình." in texts(at)
    bars = figure(at, "Tiến độ mục tiêu nhiệm kỳ 2010–2015")
    ntm_hover = next(h for tr in bars["data"] for h in tr["hovertext"] if "Số xã đạt chuẩn nông thôn mới" in h)
    assert "Loại văn bản giao: Chương trình" in ntm_hover and "2/8 xã" in ntm_hover
    target = table_row(at, "Văn bản", "Chương trình xây dựng nông thôn mới thành phố 2011-2015")
    assert target["Loại văn bản giao"] == "Chương trình"


# --- Thi đua – Khen thưởng -------------------------------------------------------------------


def test_awards_page_shows_the_city_level_as_written_and_a_mixed_total(city_warehouse, monkeypatch):
    at = city(city_warehouse, monkeypatch, "pages/awards.py", year="2014")
    giay_khen = table_row(at, "Danh hiệu, hình thức", "Giấy khen của Chủ tịch UBND thành phố")
    assert (giay_khen["Cấp"], giay_khen["Đối tượng"], giay_khen["Số lượng"]) == (
        "cấp thành phố (Huyện, thị xã)",
        "Tập thể và cá nhân",
        "1.215",
    )
    assert table_row(at, "Danh hiệu, hình thức", "Bằng khen của Thủ tướng Chính phủ")["Cấp"] == "Chính phủ"
    c = cards(at)
    assert c["Tổng số lượt khen thưởng (không trùng)"][0] == "1.234"
    assert (c["Tập thể"][0], c["Cá nhân"][0], c["Tập thể và cá nhân"][0]) == ("7", "12", "1.215")
    fig = figure(at, "Tổng hợp khen thưởng theo giai đoạn và cấp")
    by_name = {tr["name"]: tr for tr in fig["data"]}
    mixed = by_name["Huyện, thị xã · Tập thể và cá nhân"]
    assert mixed["y"] == [1215] and mixed["marker"]["pattern"]["shape"] == "."
    assert "ghi: cấp thành phố" in mixed["hovertext"][0]
    colours = {by_name[n]["marker"]["color"] for n in by_name}
    assert len(colours) == 4  # state, government, ministry and district each their own colour
    assert "chấm: tập thể và cá nhân" in fig["layout"]["title"]["subtitle"]["text"].replace("<br>", " ")


# --- Xây dựng Đảng ---------------------------------------------------------------------------


def test_party_page_shows_the_eras_ratings_grouped_on_todays_scale(city_warehouse, monkeypatch):
    at = city(city_warehouse, monkeypatch, "pages/party.py", year="2014", term="2010-2015")
    assert cards(at)["Kết nạp năm 2014"] == ("hơn 310", "tính là 310 đảng viên")
    assert "Số liệu tổ chức cơ sở đảng gần nhất: năm 2013." in texts(at)
    tsvm = table_row(at, "Xếp loại", "Trong sạch, vững mạnh")
    assert (tsvm["Xếp loại theo thang hiện nay"], tsvm["Số tổ chức"]) == ("Hoàn thành xuất sắc nhiệm vụ", "41")
    kha = table_row(at, "Xếp loại", "Khá")
    assert (kha["Xếp loại theo thang hiện nay"], kha["Số tổ chức"]) == ("Hoàn thành nhiệm vụ", "19")
    total = table_row(at, "Xếp loại", "Tổng số (mọi xếp loại)")
    assert (total["Số tổ chức"], total["Số đảng viên"]) == ("64", "5.120")
    fig = figure(at, "Tổ chức cơ sở đảng theo khối, năm 2013")
    bars = {tr["name"]: tr for tr in fig["data"]}
    assert bars["Hoàn thành xuất sắc nhiệm vụ"]["x"] == [41]
    assert "ghi: Trong sạch, vững mạnh" in bars["Hoàn thành xuất sắc nhiệm vụ"]["hovertext"][0]
    assert "ghi: Khá" in bars["Hoàn thành nhiệm vụ"]["hovertext"][0]
    # The 64 count every rating: the bar adds up to 64, not 64 + 41 + 19.
    assert sum(v for tr in fig["data"] for v in tr["x"]) == 64
    assert "Tổng số: 64" in bars["Không ghi xếp loại"]["hovertext"][0]


# --- Nông thôn mới ---------------------------------------------------------------------------


def test_ntm_page_shows_the_groups_and_the_dossier_filed(city_warehouse, monkeypatch):
    at = city(city_warehouse, monkeypatch, "pages/ntm.py", year="2014")
    groups = table_row(at, "Đơn vị hành chính", "Các xã")
    assert (groups["Số tiêu chí đạt"], groups["Năm"]) == ("9–14/19", "2014")
    filed = table_row(at, "Đơn vị hành chính", "2 xã")
    assert (filed["Mức đạt"], filed["Loại"]) == ("Đã đề nghị công nhận", "Nhóm đơn vị")
    # Filed is not recognised: no bar for it, and the page says why.
    assert "Chưa có đơn vị nào được công nhận đạt chuẩn." in texts(at)
    assert "«đã đề nghị công nhận» chỉ có trong bảng" in texts(at)
    with pytest.raises(AssertionError):
        figure(at, "Đơn vị đạt chuẩn nông thôn mới theo năm")


def _criteria_rows(conn: duckdb.DuckDBPyConnection, year: str, version: str, met: list[bool]) -> None:
    for no, ok in enumerate(met, start=1):
        conn.execute(
            """INSERT INTO ntm_criteria (locality_code, period, unit_code, unit_name, unit_level, criteria_set,
                 criteria_version, criterion_no, criterion_met, criteria_total, actual_status, source_file,
                 source_sheet, source_row, loaded_at, run_id)
               VALUES ('son-ha', ?, 'son-ha-ea-tu', 'Xã Ea Tu', 'xa', 'ntm', ?, ?, ?, ?, 'official',
                 'son-ha/' || ? || '.xlsx', 'Nông thôn mới', ?, now(), 'test')""",
            [year, version, no, ok, len(met), year, 8 + no],
        )


def test_ntm_matrix_follows_the_criteria_set_in_force_that_year(city_warehouse, monkeypatch, tmp_path):
    warehouse = tmp_path / "chitieu.duckdb"
    shutil.copy(city_warehouse, warehouse)
    conn = duckdb.connect(str(warehouse))
    _criteria_rows(conn, "2013", "2010-2015", [no != 7 for no in range(1, 20)])
    _criteria_rows(conn, "2026", "2026-2030", [no != 7 for no in range(1, 11)])
    conn.close()

    at = city(warehouse, monkeypatch, "pages/ntm.py", year="2026")
    heat = figure(at, "Tiêu chí nông thôn mới theo xã, năm 2026")
    assert heat["data"][0]["x"] == [str(no) for no in range(1, 11)]  # the 2026–2030 set has 10 criteria
    assert heat["data"][0]["y"] == ["Xã Ea Tu (9/10)"]
    assert "7. Khoa học công nghệ và chuyển đổi số: Chưa đạt" in heat["data"][0]["hovertext"][0][6]
    row = table_row(at, "Đơn vị hành chính", "Xã Ea Tu")
    assert row["7. Khoa học công nghệ và chuyển đổi số"] == "✖ Chưa đạt"
    assert row["Số tiêu chí đạt"] == "9/10" and not any(k.startswith("11.") for k in row)

    at = city(warehouse, monkeypatch, "pages/ntm.py", year="2013")
    row = table_row(at, "Đơn vị hành chính", "Xã Ea Tu")
    assert row["7. Chợ nông thôn"] == "✖ Chưa đạt" and row["Số tiêu chí đạt"] == "18/19"
    assert "Quyết định 491/QĐ-TTg" in figure(at, "năm 2013")["layout"]["title"]["subtitle"]["text"].replace("<br>", " ")


# --- the report pack -------------------------------------------------------------------------


def _table(report: Report, title_part: str) -> TableBlock:
    found = [b for b in report.tables if title_part in b.title]
    assert found, [b.title for b in report.tables]
    return found[0]


def _row(block: TableBlock, column: str, value: str) -> dict[str, str]:
    index = block.columns.index(column)
    for row in block.rows:
        if row[index] == value:
            return dict(zip(block.columns, row, strict=True))
    raise AssertionError(f"no row with {column} = {value!r} in {block.title!r}")


def _paragraphs(report: Report) -> str:
    return "\n".join(b.text for b in report.blocks if isinstance(b, Paragraph))


def test_year_pack_2013_prints_the_citys_words(city_warehouse):
    report = assemble(city_warehouse, CITY, "2013")
    society = _table(report, "Văn hóa – Xã hội năm 2013")
    health = _row(society, "Chỉ tiêu", "Tỷ lệ người dân tham gia BHYT")
    assert (health["Thực hiện"], health["Đánh giá"]) == ("gần 72% (ước)", "▲ Vượt")
    assert _row(society, "Chỉ tiêu", "Thôn, tổ dân phố đạt chuẩn văn hóa")["Thực hiện"] == "80% (120/150)"
    assert "Tỷ lệ tăng dân số tự nhiên (thực hiện ghi 11,6‰, đổi sang 1,16%" in society.note
    economy = _table(report, "Kinh tế năm 2013")
    assert _row(economy, "Chỉ tiêu", "Thu ngân sách trên địa bàn thành phố")["Thực hiện"] == "468,215"
    assert "thực hiện ghi 468.215 triệu đồng, đổi sang 468,215 tỷ đồng" in economy.note
    assert _row(economy, "Chỉ tiêu", "Tổng giá trị sản xuất")["Thực hiện"] == "tăng 15% so với năm 2010"
    captions = [c.caption for c in report.charts]
    assert "Biểu đồ 2: Thu ngân sách trên địa bàn thành phố, năm 2013" in captions
    party = _table(report, "Tổ chức cơ sở đảng năm 2013")
    assert _row(party, "Xếp loại", "Trong sạch, vững mạnh")["Số tổ chức"] == "41"


def test_year_pack_2014_has_the_units_within_and_both_statements(city_warehouse):
    report = assemble(city_warehouse, CITY, "2014")
    units = _table(report, "Chỉ tiêu của đơn vị trực thuộc năm 2014")
    ea_tu = _row(units, "Đơn vị hành chính", "Xã Ea Tu")
    assert (ea_tu["Chỉ tiêu"], ea_tu["Thực hiện"], ea_tu["Đánh giá"]) == ("Tỷ lệ hộ nghèo xã Ea Tu", "4,8", "▲ Vượt")
    society = _table(report, "Văn hóa – Xã hội năm 2014")
    assert _row(society, "Chỉ tiêu", "Tỷ lệ lao động qua đào tạo")["Chỉ tiêu đề ra"] == "trên 55% (nêu 2 lần)"
    assert "Tỷ lệ lao động qua đào tạo: áp dụng «trên 55%», cũng nêu «trên 60%»" in society.note
    ntm = _table(report, "Đơn vị đạt chuẩn nông thôn mới đến năm 2014")
    assert _row(ntm, "Đơn vị hành chính", "2 xã")["Mức đạt"] == "Đã đề nghị công nhận"


def test_term_pack_names_each_source_of_the_targets(city_warehouse):
    report = assemble(city_warehouse, CITY, "2010-2015")
    text = _paragraphs(report)
    assert "Nhiệm kỳ 2010–2015 có 3 mục tiêu: 2 mục tiêu theo Nghị quyết Đại hội, 1 mục tiêu theo Chương trình" in text
    assert "Nghị quyết Đại hội nhiệm kỳ 2010–2015 đề ra" not in text
    ntm = _table(report, "Tiến độ các mục tiêu nhiệm kỳ 2010–2015: Nông thôn mới")
    assert _row(ntm, "Chỉ tiêu", "Số xã đạt chuẩn nông thôn mới")["Thực hiện đến nay"] == "2/8 (2014)"
    assert "Số xã đạt chuẩn nông thôn mới — Chương trình (Chương trình xây dựng nông thôn mới" in ntm.note
    awards = _table(report, "Khen thưởng 2010–2015")
    city_level = _row(awards, "Danh hiệu, hình thức", "Giấy khen của Chủ tịch UBND thành phố")
    assert (city_level["Cấp"], city_level["Đối tượng"]) == ("cấp thành phố (Huyện, thị xã)", "Tập thể và cá nhân")


def test_the_samples_term_pack_still_credits_the_congress(sample_warehouse):
    text = _paragraphs(assemble(sample_warehouse, "an-khe", "2020-2025"))
    assert "Nghị quyết Đại hội nhiệm kỳ 2020–2025 đề ra" in text


@pytest.mark.slow
def test_the_term_packs_docx_prints_the_programme_and_the_citys_words(city_warehouse, tmp_path):
    from docx import Document

    from analysis.reports import render
    from analysis.reports.pack import build_pack

    if render.find_browser() is None:
        pytest.skip("Chromium is not installed (make system-deps)")
    result = build_pack(city_warehouse, CITY, "2010-2015", tmp_path)
    doc = Document(str(result.docx))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = {c.text for table in doc.tables for row in table.rows for c in row.cells}
    assert "1 mục tiêu theo Chương trình" in text
    assert {"Số xã đạt chuẩn nông thôn mới", "2/8 (2014)", "cấp thành phố (Huyện, thị xã)", "Khá"} <= cells
