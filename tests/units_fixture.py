"""Two made-up localities whose units report, written as real workbooks through the project's template
writer, for the tests of comparing units and of units across administrative change.

``tp-thu`` (Thành phố Thử, of Tỉnh Thử): five wards and communes. In 2023 and 2024 four of them
report targets and actuals of three indicators (a league table with ties, a unit that moved up,
one that moved down); the fifth reports only its party members (no target: never ranked). The city
reports its own party members (600) where its units add up to 590: the
warning of the units' sums. Its thi-dua.xlsx puts three wards in a bloc scored on four criteria
(capped, met/not met, proportional, the council's score); its ban-do.geojson draws four units and
one feature of an unknown code.

``tinh-x`` (Tỉnh X) across the reform of 1 July 2025: Huyện Y is abolished; Xã A, B and C merge
into Xã Mới (merge weights 4.000, 5.000, 1.000); Xã D moves up to the province (same code, two
rows); Xã S splits into Xã S1 and S2. The old communes report 2023 and 2024, the new ones 2026;
Xã Mới also files the 2025–2030 term; the province reports 2026 (its communes' sum exactly).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from pipelines.template import SheetData, WorkbookContent, write_workbook

REPO = Path(__file__).resolve().parent.parent
CATALOG = REPO / "data" / "raw" / "danh-muc-chi-tieu.xlsx"

CITY = "tp-thu"
CITY_UNITS = [
    ("tp-thu-a", "Phường A"),
    ("tp-thu-b", "Phường B"),
    ("tp-thu-c", "Phường C"),
    ("tp-thu-d", "Xã D"),
    ("tp-thu-e", "Xã E"),
]
# (budget actual, poverty actual, admitted actual) against targets 100 tỷ đồng, dưới 2%, 20 đảng viên.
CITY_FIGURES = {
    "2023": {
        "tp-thu-a": (110, 1.5, 22),  # 3/3 met → rank 1
        "tp-thu-b": (90, 3.0, 21),  # 1/3 → rank 3
        "tp-thu-c": (105, 2.5, 20),  # 2/3 → rank 2
        "tp-thu-d": (80, 3.0, 15),  # 0/3 → rank 4
    },
    "2024": {
        "tp-thu-a": (110, 1.5, 18),  # 2/3 → rank 2 (tied), down one
        "tp-thu-b": (100, 2.5, 25),  # 2/3 → rank 2 (tied), up one
        "tp-thu-c": (105, 1.0, 20),  # 3/3 → rank 1, up one
        "tp-thu-d": (80, 3.0, 21),  # 1/3 → rank 4, same
    },
}
PARTY_MEMBERS_2024 = {"tp-thu-a": 120, "tp-thu-b": 130, "tp-thu-c": 140, "tp-thu-d": 100, "tp-thu-e": 100}
CITY_PARTY_MEMBERS_2024 = 600  # the units add up to 590

PROVINCE = "tinh-x"
OLD_PARTY = {"xa-a": (300, 310), "xa-b": (400, 405), "xa-c": (200, 190)}  # 2023, 2024
OLD_POVERTY = {"xa-a": (4.0, 3.5), "xa-b": (6.0, 5.0), "xa-c": (2.0, 1.5)}
WEIGHTS = {"xa-a": 4000, "xa-b": 5000, "xa-c": 1000}


def _indicator(code: str, name: str, unit: str, target: object = None, actual: object = None, **extra) -> dict:
    row = {"indicator_code": code, "name": name, "unit": unit, "actual_status": "Chính thức", **extra}
    if target is not None:
        row["target_text"] = target
    if actual is not None:
        row["actual"] = actual
    return row


def _year(root: Path, code: str, name: str, year: str, rows: list[dict]) -> Path:
    content = WorkbookContent(
        "year", code, name, year, info={"title": f"Báo cáo năm {year}"}, sheets={"indicators": SheetData(rows=rows)}
    )
    return write_workbook(root / code / f"{year}.xlsx", content)


def city(root: Path) -> None:
    units = [
        {"code": "tinh-thu", "name_vi": "Tỉnh Thử", "level": "Tỉnh"},
        {"code": CITY, "name_vi": "Thành phố Thử", "level": "Thành phố", "parent_code": "tinh-thu"},
        *({"code": c, "name_vi": n, "level": n.split()[0], "parent_code": CITY} for c, n in CITY_UNITS),
    ]
    write_workbook(
        root / CITY / "don-vi.xlsx",
        WorkbookContent("localities", CITY, "Thành phố Thử", sheets={"localities": SheetData(rows=units)}),
    )
    names = dict(CITY_UNITS)
    for year, figures in CITY_FIGURES.items():
        for code, (budget, poverty, admitted) in figures.items():
            rows = [
                _indicator("budget_revenue", "Thu ngân sách", "tỷ đồng", 100, budget),
                _indicator("poverty_rate", "Tỷ lệ hộ nghèo", "%", "dưới 2%", poverty),
                _indicator("party_members_admitted", "Kết nạp đảng viên", "đảng viên", 20, admitted),
            ]
            if year == "2024":
                rows.append(
                    _indicator("party_members_total", "Tổng số đảng viên", "đảng viên", None, PARTY_MEMBERS_2024[code])
                )
            _year(root, code, names[code], year, rows)
    _year(
        root,
        "tp-thu-e",
        "Xã E",
        "2024",
        [_indicator("party_members_total", "Tổng số đảng viên", "đảng viên", None, PARTY_MEMBERS_2024["tp-thu-e"])],
    )
    _year(
        root,
        CITY,
        "Thành phố Thử",
        "2024",
        [_indicator("party_members_total", "Tổng số đảng viên", "đảng viên", None, CITY_PARTY_MEMBERS_2024)],
    )
    emulation = WorkbookContent(
        "emulation",
        CITY,
        "Thành phố Thử",
        sheets={
            "emulation_blocs": SheetData(
                rows=[
                    *(
                        {
                            "bloc_code": "khoi-phuong",
                            "bloc_name": "Khối thi đua các phường",
                            "bloc_kind": "Khối thi đua",
                            "unit_code": c,
                            "from_year": 2024,
                        }
                        for c in ("tp-thu-a", "tp-thu-b", "tp-thu-c")
                    ),
                    *(
                        {
                            "bloc_code": "cum-xa",
                            "bloc_name": "Cụm thi đua các xã",
                            "bloc_kind": "Cụm thi đua",
                            "unit_code": c,
                        }
                        for c in ("tp-thu-d", "tp-thu-e")
                    ),
                ]
            ),
            "emulation_criteria": SheetData(
                rows=[
                    {
                        "bloc_code": "khoi-phuong",
                        "year": "2024",
                        "criterion_no": 1,
                        "criterion_name": "Thu ngân sách",
                        "indicator_code": "budget_revenue",
                        "weight": 30,
                        "method": "Theo tỷ lệ, có mức trần",
                        "cap_pct": 110,
                    },
                    {
                        "bloc_code": "khoi-phuong",
                        "year": "2024",
                        "criterion_no": 2,
                        "criterion_name": "Giảm nghèo",
                        "indicator_code": "poverty_rate",
                        "weight": 20,
                        "method": "Đạt/không đạt",
                    },
                    {
                        "bloc_code": "khoi-phuong",
                        "year": "2024",
                        "criterion_no": 3,
                        "criterion_name": "Kết nạp đảng viên",
                        "indicator_code": "party_members_admitted",
                        "weight": 10,
                        "method": "Theo tỷ lệ hoàn thành",
                    },
                    {
                        "bloc_code": "khoi-phuong",
                        "year": "2024-2025",
                        "criterion_no": 4,
                        "criterion_name": "Công tác chỉ đạo, điều hành",
                        "weight": "10",
                    },
                ]
            ),
            "emulation_scores": SheetData(
                rows=[
                    {"bloc_code": "khoi-phuong", "year": 2024, "criterion_no": 4, "unit_code": "tp-thu-a", "score": 8},
                    {
                        "bloc_code": "khoi-phuong",
                        "year": 2024,
                        "criterion_no": 4,
                        "unit_code": "tp-thu-b",
                        "score": "9,5",
                    },
                ]
            ),
        },
    )
    write_workbook(root / CITY / "thi-dua.xlsx", emulation)
    (root / CITY / "ban-do.geojson").write_text(json.dumps(squares(), ensure_ascii=False), encoding="utf-8")


def squares() -> dict:
    """Four unit squares side by side, and one feature whose code no units list has."""
    features = []
    for i, code in enumerate(["tp-thu-a", "tp-thu-b", "tp-thu-c", "tp-thu-d", "khong-co"]):
        x, y = 108.0 + 0.1 * i, 14.0
        ring = [[x, y], [x + 0.1, y], [x + 0.1, y + 0.1], [x, y + 0.1], [x, y]]
        features.append(
            {
                "type": "Feature",
                "properties": {"ma_don_vi": code, "ten": code},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def province(root: Path) -> None:
    end, start = "30/06/2025", "01/07/2025"
    units = [
        {"code": PROVINCE, "name_vi": "Tỉnh X", "level": "Tỉnh"},
        {
            "code": "huyen-y",
            "name_vi": "Huyện Y",
            "level": "Huyện",
            "parent_code": PROVINCE,
            "valid_to": end,
            "end_kind": "Giải thể",
        },
        *(
            {
                "code": c,
                "name_vi": f"Xã {c[-1].upper()}",
                "level": "Xã",
                "parent_code": "huyen-y",
                "valid_to": end,
                "successors": "xa-moi",
                "end_kind": "Sáp nhập",
                "merge_weight": WEIGHTS[c],
            }
            for c in ("xa-a", "xa-b", "xa-c")
        ),
        {
            "code": "xa-d",
            "name_vi": "Xã D",
            "level": "Xã",
            "parent_code": "huyen-y",
            "valid_to": end,
            "end_kind": "Cấp trên giải thể",
        },
        {
            "code": "xa-d",
            "name_vi": "Xã D",
            "level": "Xã",
            "parent_code": PROVINCE,
            "valid_from": start,
            "start_kind": "Cấp trên giải thể",
        },
        {
            "code": "xa-s",
            "name_vi": "Xã S",
            "level": "Xã",
            "parent_code": "huyen-y",
            "valid_to": end,
            "successors": "xa-s1; xa-s2",
            "end_kind": "Chia tách",
        },
        {
            "code": "xa-moi",
            "name_vi": "Xã Mới",
            "level": "Xã",
            "parent_code": PROVINCE,
            "valid_from": start,
            "predecessors": "xa-a; xa-b; xa-c",
            "start_kind": "Sáp nhập",
        },
        *(
            {
                "code": c,
                "name_vi": n,
                "level": "Xã",
                "parent_code": PROVINCE,
                "valid_from": start,
                "predecessors": "xa-s",
            }
            for c, n in (("xa-s1", "Xã S1"), ("xa-s2", "Xã S2"))
        ),
    ]
    write_workbook(
        root / PROVINCE / "don-vi.xlsx",
        WorkbookContent("localities", PROVINCE, "Tỉnh X", sheets={"localities": SheetData(rows=units)}),
    )
    for i, year in enumerate(("2023", "2024")):
        for code in ("xa-a", "xa-b", "xa-c"):
            _year(
                root,
                code,
                f"Xã {code[-1].upper()}",
                year,
                [
                    _indicator("party_members_total", "Tổng số đảng viên", "đảng viên", None, OLD_PARTY[code][i]),
                    _indicator("poverty_rate", "Tỷ lệ hộ nghèo", "%", None, OLD_POVERTY[code][i]),
                ],
            )
    _year(
        root, "xa-d", "Xã D", "2024", [_indicator("party_members_total", "Tổng số đảng viên", "đảng viên", None, 100)]
    )
    _year(
        root, "xa-s", "Xã S", "2024", [_indicator("party_members_total", "Tổng số đảng viên", "đảng viên", None, 500)]
    )
    new = {"xa-moi": ("Xã Mới", 920), "xa-d": ("Xã D", 110), "xa-s1": ("Xã S1", 260), "xa-s2": ("Xã S2", 250)}
    for code, (name, members) in new.items():
        rows = [
            _indicator(
                "party_members_total",
                "Tổng số đảng viên",
                "đảng viên",
                "trên 900" if code == "xa-moi" else None,
                members,
            )
        ]
        if code == "xa-moi":
            rows.append(_indicator("poverty_rate", "Tỷ lệ hộ nghèo", "%", "dưới 4%", 3.0))
            rows.append(_indicator("party_members_admitted", "Kết nạp đảng viên", "đảng viên", 30, 32))
        _year(root, code, name, "2026", rows)
    _year(
        root,
        PROVINCE,
        "Tỉnh X",
        "2026",
        [_indicator("party_members_total", "Tổng số đảng viên", "đảng viên", None, sum(m for _, m in new.values()))],
    )
    term = WorkbookContent(
        "term",
        "xa-moi",
        "Xã Mới",
        "2025-2030",
        info={"title": "Nghị quyết Đại hội Đảng bộ xã nhiệm kỳ 2025-2030"},
        sheets={
            "indicators": SheetData(
                rows=[
                    {
                        "indicator_code": "party_members_admitted",
                        "name": "Kết nạp đảng viên",
                        "unit": "đảng viên",
                        "target_kind": "Tổng cả nhiệm kỳ",
                        "target_text": "trên 150",
                        "target_document": "Nghị quyết Đại hội đại biểu Đảng bộ xã Mới lần thứ I, nhiệm kỳ 2025-2030",
                    },
                    {
                        "indicator_code": "poverty_rate",
                        "name": "Tỷ lệ hộ nghèo",
                        "unit": "%",
                        "target_kind": "Mức đạt đến cuối nhiệm kỳ",
                        "target_text": "dưới 2%",
                        "baseline_year": 2025,
                        "baseline_value": "3,2",
                    },
                ]
            )
        },
    )
    write_workbook(root / "xa-moi" / "nhiem-ky-2025-2030.xlsx", term)


def write(root: Path) -> Path:
    """Both localities and the shared catalog under ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(CATALOG, root / CATALOG.name)
    city(root)
    province(root)
    return root
