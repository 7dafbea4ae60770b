"""A second locality, unlike the sample: Thành phố Sơn Hà, a city of Tỉnh Sơn Nguyên (made up for the tests).

Its workbooks are written the way an office gets them: ``chitieu template`` writes each blank
workbook (its don-vi.xlsx first), then the cells are typed in with openpyxl as a clerk types them,
in the words of a city's 2010–2015 reports: qualified figures ('trên 80%', 'gần 98%'), a target stated
twice ('trên 55%' in the objectives, 'trên 60%' in the measures), a rate in ‰, a budget written in
triệu đồng, a ratio of counts ('18/20 xã'), a comparison with no level, the city's own awards
('cấp thành phố'), a total of collectives and individuals, new-rural-area counts given only for
groups of communes, and party organisations rated in the words of that era.

    python -m tests.second_locality        # rewrites tests/data/second-locality/

The files there are what the tests load; this module is how they were made.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl

from chitieu.cli import main as chitieu

REPO = Path(__file__).resolve().parent.parent
OUT = Path(__file__).resolve().parent / "data" / "second-locality"
CODE = "son-ha"
NAME = "Thành phố Sơn Hà"

WARDS = ["Hòa Bình", "Thắng Lợi", "Thống Nhất", "Tân Tiến", "Quyết Thắng", "Hội Phú", "Yên Thế", "Trà Bá",
         "Phù Đổng", "Tây Sơn", "Hoa Lư", "Diên Hồng", "Ia Kring", "Đống Đa"]  # fmt: skip
COMMUNES = ["Ea Tu", "Chư Á", "An Phú", "Trà Đa", "Biển Hồ", "Gào", "Ia Kênh", "Diên Phú"]


def _slug(name: str) -> str:
    from schemas.vocab import fold

    return fold(name).replace(" ", "-")


def units() -> list[tuple[str, str, str, str | None]]:
    """(code, name, level, parent): the province, the city, 14 wards and 8 communes."""
    rows = [("tinh-son-nguyen", "Tỉnh Sơn Nguyên", "Tỉnh", None), (CODE, NAME, "Thành phố", "tinh-son-nguyen")]
    rows += [(f"{CODE}-{_slug(n)}", f"Phường {n}", "Phường", CODE) for n in WARDS]
    rows += [(f"{CODE}-{_slug(n)}", f"Xã {n}", "Xã", CODE) for n in COMMUNES]
    return rows


def _fill(path: Path, sheet: str, rows: list[dict]) -> None:
    """Type rows into a template sheet, matching columns by their header text: on the prefilled row of
    an indicator's code when there is one, otherwise on new rows inserted under the table."""
    book = openpyxl.load_workbook(path)
    ws = book[sheet]
    numbering = next(r for r in range(1, 40) if ws.cell(r, 1).value == "(1)")
    headers: dict[str, int] = {}
    for r in range(numbering - 1, 5, -1):  # the sub-header row first ('Cả năm' under 'Thực hiện')
        for c in range(1, ws.max_column + 1):
            value = ws.cell(r, c).value
            if isinstance(value, str):
                headers.setdefault(value.strip(), c)
    first = numbering + 1
    last = first - 1
    by_code: dict[str, int] = {}
    for r in range(first, ws.max_row + 1):
        if ws.cell(r, 2).value is None and ws.cell(r, 1).value is None:
            break
        last = r
        if isinstance(ws.cell(r, 2).value, str):
            by_code[ws.cell(r, 2).value] = r
    for row in rows:
        code = row.get("Mã chỉ tiêu")
        target = None if row.get("_new_row") else by_code.pop(code, None)
        if target is None:
            last += 1
            ws.insert_rows(last)
            target = last
        for header, value in row.items():
            if not header.startswith("_"):
                ws.cell(target, headers[header]).value = value
    book.save(path)


def indicator_rows(year: str) -> list[dict]:
    """The 'Chỉ tiêu' sheet of a yearly workbook, as the city's report words it."""
    if year == "2013":
        return [
            {
                "Mã chỉ tiêu": "gdp_growth_rate",
                "Tên chỉ tiêu": "Tốc độ tăng giá trị sản xuất (giá so sánh 2010)",
                "Kế hoạch năm 2013": "13,5%",
                "Cả năm": "13,62",
                "Loại số liệu": "Chính thức",
            },
            {
                "Mã chỉ tiêu": "income_per_capita",
                "Tên chỉ tiêu": "Thu nhập bình quân đầu người",
                "Đơn vị tính": "triệu đồng/người/năm",
                "Kế hoạch năm 2013": "32",
                "Cả năm": "trên 32",
                "Loại số liệu": "Chính thức",
            },
            {
                "Mã chỉ tiêu": "budget_revenue",
                "Tên chỉ tiêu": "Thu ngân sách trên địa bàn thành phố",
                "Đơn vị tính": "triệu đồng",
                "Kế hoạch năm 2013": "450.000",
                "Cả năm": "468.215",
                "Loại số liệu": "Chính thức",
            },
            {
                "Mã chỉ tiêu": "natural_population_growth",
                "Tên chỉ tiêu": "Tỷ lệ tăng dân số tự nhiên",
                "Đơn vị tính": "‰",
                "Kế hoạch năm 2013": "dưới 12‰",
                "Cả năm": "11,6‰",
                "Loại số liệu": "Chính thức",
            },
            {
                "Mã chỉ tiêu": "health_insurance_coverage",
                "Tên chỉ tiêu": "Tỷ lệ người dân tham gia BHYT",
                "Kế hoạch năm 2013": "trên 70%",
                "Cả năm": "gần 72%",
                "Loại số liệu": "Ước thực hiện",
            },
            {
                "Mã chỉ tiêu": "cultural_village_rate",
                "Tên chỉ tiêu": "Thôn, tổ dân phố đạt chuẩn văn hóa",
                "Kế hoạch năm 2013": "trên 75%",
                "Cả năm": "120/150 thôn, tổ",
                "Loại số liệu": "Chính thức",
            },
            {
                "Mã chỉ tiêu": "production_value_total",
                "Tên chỉ tiêu": "Tổng giá trị sản xuất",
                "Cả năm": "tăng 15% so với năm 2010",
                "Loại số liệu": "Chính thức",
            },
        ]
    return [
        {
            "Mã chỉ tiêu": "gdp_growth_rate",
            "Tên chỉ tiêu": "Tốc độ tăng giá trị sản xuất (giá so sánh 2010)",
            "Kế hoạch năm 2014": "14%",
            "Cả năm": "13,85",
            "Loại số liệu": "Ước thực hiện",
        },
        {
            "Mã chỉ tiêu": "trained_labour_rate",
            "Tên chỉ tiêu": "Tỷ lệ lao động qua đào tạo",
            "Kế hoạch năm 2014": "trên 55%",
            "Cả năm": "56,3",
            "Loại số liệu": "Ước thực hiện",
        },
        # The same target again, from the measures section, with another value (issue #10).
        {
            "Mã chỉ tiêu": "trained_labour_rate",
            "Tên chỉ tiêu": "Tỷ lệ lao động qua đào tạo (giải pháp)",
            "Kế hoạch năm 2014": "trên 60%",
            "_new_row": True,
        },
        {
            "Mã chỉ tiêu": "natural_population_growth",
            "Tên chỉ tiêu": "Tỷ lệ tăng dân số tự nhiên",
            "Kế hoạch năm 2014": "dưới 1,2%",
            "Cả năm": "11,2‰",
            "Loại số liệu": "Ước thực hiện",
        },
        {
            "Mã chỉ tiêu": "health_insurance_coverage",
            "Tên chỉ tiêu": "Tỷ lệ người dân tham gia BHYT",
            "Kế hoạch năm 2014": "trên 75%",
            "Cả năm": "khoảng 76,5%",
            "Loại số liệu": "Ước thực hiện",
        },
        {
            "Mã chỉ tiêu": "party_members_admitted",
            "Tên chỉ tiêu": "Kết nạp đảng viên mới",
            "Kế hoạch năm 2014": "trên 300",
            "Cả năm": "hơn 310",
            "Loại số liệu": "Chính thức",
        },
        {
            "Mã chỉ tiêu": "forest_cover",
            "Tên chỉ tiêu": "Độ che phủ rừng",
            "Kế hoạch năm 2014": "18,625",
            "Cả năm": "18,625",
            "Loại số liệu": "Chính thức",
        },
        # A target for one commune of the city, stated in the city's report.
        {
            "Mã chỉ tiêu": "poverty_rate",
            "Tên chỉ tiêu": "Tỷ lệ hộ nghèo xã Ea Tu",
            "Kế hoạch năm 2014": "dưới 5%",
            "Cả năm": "4,8",
            "Loại số liệu": "Chính thức",
            "Đơn vị thực hiện": "Xã Ea Tu",
            "_new_row": True,
        },
    ]


def term_rows(term: str) -> list[dict]:
    if term == "2010-2015":
        return [
            {
                "Mã chỉ tiêu": "gdp_growth_rate",
                "Tên chỉ tiêu": "Tăng trưởng giá trị sản xuất bình quân",
                "Loại chỉ tiêu": "Tăng bình quân hằng năm",
                "Chỉ tiêu Nghị quyết": "13-14%",
                "Văn bản giao chỉ tiêu": "Nghị quyết Đại hội Đảng bộ thành phố lần thứ XV",
                "Thực hiện": "13,7",
                "Kỳ thực hiện": "2011-2014",
                "Loại số liệu": "Ước thực hiện",
            },
            {
                "Mã chỉ tiêu": "party_members_admitted",
                "Tên chỉ tiêu": "Kết nạp đảng viên",
                "Loại chỉ tiêu": "Tổng cả nhiệm kỳ",
                "Chỉ tiêu Nghị quyết": "trên 1.500",
                "Văn bản giao chỉ tiêu": "Nghị quyết Đại hội Đảng bộ thành phố lần thứ XV",
                "Thực hiện": "1.268",
                "Kỳ thực hiện": "2011-2014",
                "Loại số liệu": "Ước thực hiện",
            },
            {
                "Mã chỉ tiêu": "ntm_communes",
                "Tên chỉ tiêu": "Số xã đạt chuẩn nông thôn mới",
                "Loại chỉ tiêu": "Mức đạt đến cuối nhiệm kỳ",
                "Chỉ tiêu Nghị quyết": "4",
                "Văn bản giao chỉ tiêu": "Chương trình xây dựng nông thôn mới thành phố 2011-2015",
                "Loại văn bản giao": "Chương trình",
                "Thực hiện": "2/8 xã",
                "Kỳ thực hiện": "2014",
                "Loại số liệu": "Chính thức",
            },
        ]
    return [
        {
            "Mã chỉ tiêu": "gdp_growth_rate",
            "Tên chỉ tiêu": "Tăng trưởng giá trị sản xuất bình quân",
            "Loại chỉ tiêu": "Tăng bình quân hằng năm",
            "Chỉ tiêu Nghị quyết": "12,5%",
            "Văn bản giao chỉ tiêu": "Nghị quyết Đại hội Đảng bộ thành phố lần thứ XVI",
        },
        {
            "Mã chỉ tiêu": "employed_labour",
            "Tên chỉ tiêu": "Giải quyết việc làm",
            "Loại chỉ tiêu": "Tổng cả nhiệm kỳ",
            "Chỉ tiêu Nghị quyết": "3.000 lao động",
            "Văn bản giao chỉ tiêu": "Nghị quyết Đại hội Đảng bộ thành phố lần thứ XVI",
        },
        {
            "Mã chỉ tiêu": "forest_cover",
            "Tên chỉ tiêu": "Độ che phủ rừng",
            "Loại chỉ tiêu": "Mức đạt đến cuối nhiệm kỳ",
            "Chỉ tiêu Nghị quyết": "trên 20%",
            "Văn bản giao chỉ tiêu": "Kế hoạch phát triển kinh tế - xã hội 5 năm 2016-2020",
        },
    ]


AWARDS_2010_2015 = [
    {
        "Năm/Kỳ": "2010-2015",
        "Danh hiệu, hình thức khen thưởng": "Huân chương Lao động hạng Ba",
        "Cấp khen thưởng": "Nhà nước",
        "Đối tượng": "Tập thể",
        "Số lượng": 3,
    },
    {
        "Năm/Kỳ": "2010-2015",
        "Danh hiệu, hình thức khen thưởng": "Bằng khen của Thủ tướng Chính phủ",
        "Cấp khen thưởng": "Chính phủ",
        "Đối tượng": "Cá nhân",
        "Số lượng": 12,
    },
    {
        "Năm/Kỳ": "2011-2014",
        "Danh hiệu, hình thức khen thưởng": "Bằng khen của Bộ Công an",
        "Cấp khen thưởng": "Bộ, ngành",
        "Đối tượng": "Tập thể",
        "Số lượng": 4,
    },
    {
        "Năm/Kỳ": "2010-2015",
        "Danh hiệu, hình thức khen thưởng": "Giấy khen của Chủ tịch UBND thành phố",
        "Cấp khen thưởng": "cấp thành phố",
        "Đối tượng": "Tập thể và cá nhân",
        "Số lượng": 1215,
    },
]
NTM_2014 = [
    {
        "Nhóm": "Các xã",
        "Số đơn vị": 8,
        "Bộ tiêu chí": "Nông thôn mới",
        "Số tiêu chí đạt": "9-14",
        "Loại số liệu": "Chính thức",
    },
    {
        "Nhóm": "2 xã",
        "Bộ tiêu chí": "Nông thôn mới",
        "Mức đạt chuẩn": "Đề nghị công nhận",
        "Loại số liệu": "Chính thức",
    },
]
PARTY_2013 = [
    {"Loại tổ chức": "Tổ chức cơ sở đảng", "Số tổ chức": 64, "Số đảng viên": 5120},
    {"Loại tổ chức": "Tổ chức cơ sở đảng", "Xếp loại": "Trong sạch, vững mạnh", "Số tổ chức": 41},
    {"Loại tổ chức": "Tổ chức cơ sở đảng", "Xếp loại": "Khá", "Số tổ chức": 19},
]


def write(out: Path = OUT, raw: Path | None = None) -> Path:
    """Write the city's folder (don-vi.xlsx, 2013, 2014 and two terms) into ``out`` / son-ha."""
    import os

    raw = raw or REPO / "data" / "raw"
    folder = out / CODE
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    previous = os.environ.get("CHITIEU_RAW_DIR")
    # The template reads the catalog, and the city's name from its don-vi.xlsx: a scratch raw folder.
    scratch = out / ".scratch"
    shutil.rmtree(scratch, ignore_errors=True)
    (scratch / CODE).mkdir(parents=True)
    shutil.copy(raw / "danh-muc-chi-tieu.xlsx", scratch / "danh-muc-chi-tieu.xlsx")
    os.environ["CHITIEU_RAW_DIR"] = str(scratch)
    try:
        assert chitieu(["template", "--locality", CODE, "--units", "--name", NAME, "--level", "Thành phố",
                        "--parent", "tinh-son-nguyen", "--out", str(folder / "don-vi.xlsx")]) == 0  # fmt: skip
        # The template wrote the city's own row; the clerk adds the province and the wards and communes.
        others = [u for u in units() if u[0] != CODE]
        _fill(
            folder / "don-vi.xlsx",
            "Đơn vị hành chính",
            [
                {"Mã đơn vị": c, "Tên đơn vị": n, "Cấp": lv, "Mã đơn vị cấp trên": p, "_new_row": True}
                for c, n, lv, p in others
            ],
        )
        shutil.copy(folder / "don-vi.xlsx", scratch / CODE / "don-vi.xlsx")
        for period in ("2013", "2014", "2010-2015", "2015-2020"):
            name = f"nhiem-ky-{period}.xlsx" if "-" in period else f"{period}.xlsx"
            path = folder / name
            assert chitieu(["template", "--locality", CODE, "--year", period, "--out", str(path)]) == 0
            if "-" in period:
                _fill(path, "Chỉ tiêu nhiệm kỳ", term_rows(period))
                if period == "2010-2015":
                    _fill(path, "Thi đua khen thưởng", AWARDS_2010_2015)
            else:
                _fill(path, "Chỉ tiêu", indicator_rows(period))
                if period == "2013":
                    _fill(path, "Xây dựng Đảng", PARTY_2013)
                if period == "2014":
                    _fill(path, "Nông thôn mới", NTM_2014)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        if previous is None:
            os.environ.pop("CHITIEU_RAW_DIR", None)
        else:
            os.environ["CHITIEU_RAW_DIR"] = previous
    return folder


if __name__ == "__main__":
    print(f"written: {write()}")
