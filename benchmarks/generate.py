"""A synthetic national data set, written through the project's own template code.

    python -m benchmarks.generate --scale small      # writes (or reuses) benchmarks/out/data/small

The shape follows the real sample (``tools/sample.py``): a shared ``danh-muc-chi-tieu.xlsx``
(copied from ``data/raw``), and per district a folder ``<code>/`` holding ``don-vi.xlsx`` (its
communes, and the province in the province's first district), one workbook per year and one
per congress term. Workbooks look like the ones clerks fill: title block, merged cells, two-row
header, numbering row, family headings, stray blank rows, notes under the table, numbers typed
as Vietnamese text in some workbooks ("7.978,01", "12,5%"), targets as resolutions phrase them
("trên 370", "dưới 3%", "6,6–6,8", "khoảng 4"), estimates and official figures, and a few typos
that validation must catch.

Names are synthetic but plausible (built from Vietnamese syllables); codes are ASCII slugs:
``p01`` (province), ``p01-d001`` (district), ``p01-d001-c01`` (commune). Everything is drawn from
``random.Random`` seeded per district, so a scale always produces the same content.

Writing thousands of workbooks is slow (~50 ms each), so districts are written in parallel
processes, and a finished set is cached under ``benchmarks/out/data/<scale>/`` with a manifest;
it is reused while the generator version, the scale and the catalog are unchanged.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import multiprocessing
import os
import random
import shutil
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
CATALOG_SOURCE = ROOT / "data" / "raw" / "danh-muc-chi-tieu.xlsx"
# Bump when the generated content changes, so cached sets are rebuilt.
GENERATOR_VERSION = "5"
SEED = 20261122


@dataclass(frozen=True)
class Scale:
    """How big a synthetic set is."""

    name: str
    provinces: int
    districts: int
    communes: int  # about: spread unevenly over the districts
    years: tuple[int, ...]
    terms: tuple[str, ...]
    # The reform of 1 July 2025: districts abolished, provinces merged into this many, communes
    # merged into about this many (each new one from its predecessors), which report these years.
    reform_provinces: int = 0
    reform_communes: int = 0
    reform_years: tuple[int, ...] = ()
    # The first new province gets this many communes (the compare page is measured on it); 0: its share.
    reform_largest: int = 0

    @property
    def workbooks_per_district(self) -> int:
        return len(self.years) + len(self.terms) + 1

    @property
    def reform_workbooks(self) -> int:
        """The new provinces' units lists and their communes' yearly workbooks (boundaries not counted)."""
        return self.reform_provinces + self.reform_communes * len(self.reform_years)


YEARS = tuple(range(2016, 2026))
TERMS = ("2015-2020", "2020-2025")
SCALES: dict[str, Scale] = {
    # About 700 districts and 10.000 communes of 63 provinces, ten years and two congress terms.
    # From 1 July 2025: 34 provinces and 3.321 communes, which report 2026 themselves.
    "national": Scale("national", 63, 700, 10_000, YEARS, TERMS, 34, 3_321, (2026,), 150),
    # One province's worth, for a quick run: its 110 communes become 40 (the two provinces one).
    "small": Scale("small", 2, 8, 110, YEARS, TERMS, 1, 40, (2026,)),
    # The test suite's size: it checks that the benchmark works, not how fast it is.
    "tiny": Scale("tiny", 1, 2, 16, (2024, 2025), ("2020-2025",), 1, 6, (2026,)),
}
LAST_OLD_DAY, REFORM_DAY = "30/06/2025", "01/07/2025"

# --- names ---------------------------------------------------------------------------------------

# fmt: off
FIRST = [
    "An", "Bình", "Phú", "Tân", "Hòa", "Thạnh", "Long", "Vĩnh", "Đông", "Tây", "Nam", "Bắc", "Phước", "Mỹ",
    "Hưng", "Thuận", "Quang", "Sơn", "Hải", "Đức", "Xuân", "Cẩm", "Kim", "Ngọc", "Hồng", "Lạc", "Thái",
    "Yên", "Gia", "Đại", "Trung", "Hiệp", "Lộc", "Thọ", "Châu", "Thanh", "Hoài", "Vạn", "Quỳnh", "Diên",
    "Hương", "Cát", "Tam", "Tiên", "Minh", "Nghĩa", "Kỳ", "Đồng", "Lâm", "Cam",
]
# fmt: on
# fmt: off
SECOND = [
    "An", "Bình", "Phú", "Hòa", "Thành", "Lợi", "Hưng", "Thịnh", "Phong", "Sơn", "Hà", "Giang", "Lâm",
    "Điền", "Mỹ", "Tiến", "Xương", "Khánh", "Định", "Ninh", "Trạch", "Hải", "Lương", "Thủy", "Trà", "Tân",
    "Long", "Quý", "Hiếu", "Đạo", "Nguyên", "Lạc", "Vinh", "Tường", "Quang", "Phước", "Thắng", "Lập", "Hội",
    "Cường",
]
# fmt: on

DISTRICT_KINDS = (("Huyện", 0.72), ("Thị xã", 0.12), ("Thành phố", 0.16))
WARD_SHARE = {"Huyện": 0.0, "Thị xã": 0.4, "Thành phố": 0.6}


def _names(rng: random.Random, count: int, taken: set[str] | None = None) -> list[str]:
    taken = set() if taken is None else taken
    out: list[str] = []
    while len(out) < count:
        name = f"{rng.choice(FIRST)} {rng.choice(SECOND)}"
        if name not in taken and name.split()[0] != name.split()[1]:
            taken.add(name)
            out.append(name)
    return out


@dataclass
class Commune:
    code: str
    name: str  # with its level word: "Xã Phú Hòa"
    level: str  # "Xã", "Phường", "Thị trấn"
    valid_from: str | None = None


@dataclass
class NewCommune:
    """A commune or ward formed on 1 July 2025 from the old communes ``predecessors``."""

    code: str  # "t01-x001"
    name: str
    level: str  # "Xã" or "Phường"
    predecessors: list[str]


@dataclass
class NewProvince:
    code: str  # "t01"
    name: str
    predecessors: list[str]  # old province codes
    communes: list[NewCommune] = field(default_factory=list)


@dataclass
class District:
    code: str
    name: str  # "Huyện Tân Lạc"
    level: str
    province_code: str
    province_name: str
    lists_province: bool  # the province row is declared once, in its first district's don-vi.xlsx
    communes: list[Commune] = field(default_factory=list)


def geography(scale: Scale, seed: int = SEED) -> list[District]:
    """Provinces, districts and communes of a scale (deterministic)."""
    rng = random.Random(f"{seed}:geography:{scale.name}")
    provinces = _names(rng, scale.provinces)
    per_province = [scale.districts // scale.provinces] * scale.provinces
    for i in range(scale.districts - sum(per_province)):
        per_province[i % scale.provinces] += 1
    weights = [rng.uniform(0.5, 1.5) for _ in range(scale.districts)]
    total = sum(weights)
    sizes = [max(3, round(scale.communes * w / total)) for w in weights]
    districts: list[District] = []
    n = 0
    for p, (pname, count) in enumerate(zip(provinces, per_province, strict=True), start=1):
        pcode = f"p{p:02d}"
        dnames = _names(rng, count)
        for k, dname in enumerate(dnames):
            level = rng.choices([d[0] for d in DISTRICT_KINDS], weights=[d[1] for d in DISTRICT_KINDS])[0]
            code = f"{pcode}-d{n + 1:03d}"
            d = District(code, f"{level} {dname}", level, pcode, f"Tỉnh {pname}", k == 0)
            cnames = _names(rng, sizes[n])
            for c, cname in enumerate(cnames, start=1):
                if level == "Huyện" and c == 1:
                    clevel = "Thị trấn"
                else:
                    clevel = "Phường" if rng.random() < WARD_SHARE[level] else "Xã"
                valid_from = f"01/{rng.randint(1, 12):02d}/{rng.randint(2003, 2012)}" if rng.random() < 0.05 else None
                d.communes.append(Commune(f"{code}-c{c:02d}", f"{clevel} {cname}", clevel, valid_from))
            districts.append(d)
            n += 1
    return districts


def reform(scale: Scale, districts: list[District], seed: int = SEED) -> list[NewProvince]:
    """The map from 1 July 2025 (deterministic): old provinces merged into ``scale.reform_provinces``
    new ones, and each new province's old communes, in order, merged into new communes (about
    ``scale.reform_communes`` in all: the first province ``scale.reform_largest``, the others in
    proportion to their old communes), every one naming its predecessors. Empty without the reform."""
    if not scale.reform_provinces:
        return []
    rng = random.Random(f"{seed}:reform:{scale.name}")
    old_provinces = sorted({d.province_code for d in districts})
    groups = [old_provinces[i :: scale.reform_provinces] for i in range(scale.reform_provinces)]
    groups = [sorted(g) for g in groups if g]
    names = _names(rng, len(groups))
    olds = [[c for d in districts if d.province_code in group for c in d.communes] for group in groups]
    first = min(scale.reform_largest, len(olds[0])) if scale.reform_largest else 0
    rest_old = sum(len(o) for o in (olds[1:] if first else olds))
    rest_new = scale.reform_communes - first
    out: list[NewProvince] = []
    for i, (group, name, old) in enumerate(zip(groups, names, olds, strict=True), start=1):
        share = first if i == 1 and first else round(rest_new * len(old) / max(1, rest_old))
        count = max(1, min(len(old), share))
        province = NewProvince(f"t{i:02d}", f"Tỉnh {name}", group)
        cut = [round(k * len(old) / count) for k in range(count + 1)]
        for k, cname in enumerate(_names(rng, count)):
            members = old[cut[k] : cut[k + 1]]
            level = "Phường" if any(c.level == "Phường" for c in members) else "Xã"
            province.communes.append(
                NewCommune(f"{province.code}-x{k + 1:03d}", f"{level} {cname}", level, [c.code for c in members])
            )
        out.append(province)
    return out


def successors(provinces: list[NewProvince]) -> dict[str, str]:
    """Old code (commune or province) → the new unit it merged into."""
    out = {old: p.code for p in provinces for old in p.predecessors}
    out |= {old: c.code for p in provinces for c in p.communes for old in c.predecessors}
    return out


def new_province_rows(province: NewProvince) -> list[dict]:
    """The new province's don-vi.xlsx: itself, formed from the old provinces, and its communes
    reporting to it directly (no district in between)."""
    rows = [
        {
            "code": province.code,
            "name_vi": province.name,
            "level": "Tỉnh",
            "valid_from": REFORM_DAY,
            "predecessors": "; ".join(province.predecessors),
            "start_kind": "Sáp nhập" if len(province.predecessors) > 1 else "Đổi tên",
        }
    ]
    for c in province.communes:
        rows.append(
            {
                "code": c.code,
                "name_vi": c.name,
                "level": c.level,
                "parent_code": province.code,
                "valid_from": REFORM_DAY,
                "predecessors": "; ".join(c.predecessors),
                "start_kind": "Sáp nhập" if len(c.predecessors) > 1 else "Đổi tên",
            }
        )
    return rows


def commune_year_rows(year: int, rng: random.Random, catalog: dict[str, dict]) -> list[dict]:
    """A new commune's own yearly figures: a few indicators a commune reports (money, a rate, people),
    named as the catalog names them."""
    budget = rng.uniform(8, 60)
    poverty = rng.uniform(0.5, 6)
    admitted = rng.randint(8, 40)
    rows = [
        {
            "indicator_code": "budget_revenue",
            "target_text": vn(round(budget, 1), 1),
            "actual": vn(budget * rng.uniform(0.85, 1.2), 2),
            "actual_status": "Ước thực hiện" if rng.random() < 0.3 else "Chính thức",
        },
        {
            "indicator_code": "poverty_rate",
            "target_text": f"dưới {vn(round(poverty, 1), 1)}%",
            "actual": vn(poverty * rng.uniform(0.8, 1.15), 2),
            "actual_status": "Chính thức",
        },
        {
            "indicator_code": "party_members_admitted",
            "target_text": str(admitted),
            "actual": admitted + rng.randint(-5, 6),
            "actual_status": "Chính thức",
        },
        {"indicator_code": "party_members_total", "actual": rng.randint(300, 2500), "actual_status": "Chính thức"},
    ]
    return [
        {"name": catalog[r["indicator_code"]]["name_vi"], "unit": catalog[r["indicator_code"]]["unit"], **r}
        for r in rows
    ]


def boundaries(province: NewProvince) -> dict:
    """Simple boundaries of a new province's communes: unit squares in rows of twelve."""
    features = []
    for k, c in enumerate(province.communes):
        x, y = 104.0 + 0.05 * (k % 12), 10.0 + 0.05 * (k // 12)
        ring = [[x, y], [x + 0.05, y], [x + 0.05, y + 0.05], [x, y + 0.05], [x, y]]
        features.append(
            {
                "type": "Feature",
                "properties": {"ma_don_vi": c.code, "ten": c.name},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        )
    return {"type": "FeatureCollection", "features": features}


# --- numbers as clerks type them -------------------------------------------------------------------


def vn(x: float, decimals: int = 2) -> str:
    """7978.01 → '7.978,01' (thousands dot, decimal comma, trailing zeros dropped)."""
    text = f"{x:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")


def _kind(item: dict) -> str:
    unit = item["unit"]
    if "%" in unit and "/năm" in unit:
        return "growth"
    if unit == "%":
        return "share"
    if "/vạn" in unit:
        return "ratio"
    if "đồng" in unit:
        return "money"
    if unit.startswith("1 ="):
        return "flag"
    return "count"


@dataclass
class Series:
    """An indicator's values over the years for one district."""

    item: dict
    kind: str
    values: dict[int, float]

    @property
    def decimals(self) -> int:
        return 0 if self.kind in ("count", "flag") else 2


def _series(item: dict, rng: random.Random, years: range) -> Series:
    kind = _kind(item)
    lower = item["direction"] == "lower_is_better"
    values: dict[int, float] = {}
    if kind == "share":
        v = rng.uniform(8, 30) if lower else rng.uniform(35, 92)
        for y in years:
            v = min(max(v + (rng.uniform(-1.5, -0.2) if lower else rng.uniform(0.2, 2.0)), 0.3), 99.6)
            values[y] = round(v, 2)
    elif kind == "growth":
        base = rng.uniform(4, 11)
        for y in years:
            values[y] = round(base + rng.uniform(-2.5, 2.5) - (6 if y == 2021 and rng.random() < 0.5 else 0), 2)
    elif kind == "ratio":
        v = rng.uniform(8, 35)
        for y in years:
            v += rng.uniform(0, 1.2)
            values[y] = round(v, 2)
    elif kind == "money":
        v = 10 ** rng.uniform(1.5, 4.3)
        g = rng.uniform(0.04, 0.13)
        for y in years:
            v *= 1 + g + rng.uniform(-0.03, 0.03)
            values[y] = round(v, 2)
    elif kind == "flag":
        for y in years:
            values[y] = 1.0 if rng.random() < 0.8 else 0.0
    else:
        v = 10 ** rng.uniform(0.5, 3.6)
        for y in years:
            v = max(v * (1 + rng.uniform(-0.03, 0.08)), 1)
            values[y] = float(round(v))
    return Series(item, kind, values)


def _target_text(s: Series, value: float, rng: random.Random) -> str | float:
    """A target as a resolution writes it, around ``value``."""
    d = s.decimals
    pct = "%" if s.kind == "share" else ""
    lower = s.item["direction"] == "lower_is_better"
    r = rng.random()
    if s.kind == "flag":
        return 1 if r < 0.7 else "đạt 1"
    if s.kind == "growth":
        if r < 0.3:
            lo = round(value - 0.2, 1)
            return f"{vn(lo, 1)}–{vn(lo + rng.choice((0.2, 0.5, 1.0)), 1)}"
        if r < 0.5:
            return f"khoảng {vn(round(value), 0)}"
        if r < 0.7:
            return round(value, 1)
        return f"{vn(round(value, 1), 1)}%"
    if r < 0.35:
        return round(value, d) if d else int(value)
    if r < 0.5:
        return vn(value, d) + pct
    if lower:
        word = rng.choice(("dưới", "không quá", "tối đa"))
        return f"{word} {vn(value, d)}{pct}"
    if r < 0.75:
        word = rng.choice(("trên", "ít nhất", "đạt"))
        return f"{word} {vn(value, d)}{pct}"
    if r < 0.85:
        return f"{vn(value, d)}{pct} trở lên"
    if r < 0.93 and s.kind != "count":
        high = min(value * 1.02, 100.0) if s.kind == "share" else value * 1.02
        return f"{vn(value * 0.98, 1)}–{vn(high, 1)}{pct}"
    return f"khoảng {vn(value, d)}{pct}"


# --- sheets --------------------------------------------------------------------------------------

AWARD_TITLES = (
    ("Huân chương Lao động hạng Ba", "Nhà nước", "Tập thể"),
    ("Huân chương Lao động hạng Nhì", "Nhà nước", "Tập thể"),
    ("Bằng khen của Thủ tướng Chính phủ", "Nhà nước", "Cá nhân"),
    ("Bằng khen của Thủ tướng Chính phủ", "Nhà nước", "Tập thể"),
    ("Cờ thi đua của UBND tỉnh", "Tỉnh", "Tập thể"),
    ("Bằng khen của Chủ tịch UBND tỉnh", "Tỉnh", "Tập thể"),
    ("Bằng khen của Chủ tịch UBND tỉnh", "Tỉnh", "Cá nhân"),
    ("Chiến sĩ thi đua cấp tỉnh", "Tỉnh", "Cá nhân"),
    ("Tập thể lao động xuất sắc", "Huyện, thị xã", "Tập thể"),
    ("Giấy khen của Chủ tịch UBND huyện", "Huyện, thị xã", "Cá nhân"),
    ("Giấy khen của Chủ tịch UBND huyện", "Huyện, thị xã", "Tập thể"),
    ("Chiến sĩ thi đua cơ sở", "Huyện, thị xã", "Cá nhân"),
    ("Lao động tiên tiến", "Xã, phường", "Cá nhân"),
)
PARTY_BLOCKS = ("Xã, phường", "Lực lượng vũ trang", "Cơ quan hành chính", "Đơn vị sự nghiệp", "Doanh nghiệp")
RATINGS = (
    "Hoàn thành xuất sắc nhiệm vụ",
    "Hoàn thành tốt nhiệm vụ",
    "Hoàn thành nhiệm vụ",
    "Không hoàn thành nhiệm vụ",
)
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
TERM_KINDS = {
    "growth": "Tăng bình quân hằng năm",
    "share": "Ngưỡng hằng năm",
    "flow": "Tổng cả nhiệm kỳ",
    "level": "Mức đạt đến cuối nhiệm kỳ",
}
# Share of rows with a deliberate typo the validation must catch (unknown code, unreadable number).
TYPO_RATE = 0.002


def _grouped(rows_by_family: dict[str, list[dict]], blank_every: int, rng: random.Random) -> list[dict | None]:
    from schemas.vocab import FAMILY

    out: list[dict | None] = []
    n = 0
    for code in FAMILY.codes:
        items = rows_by_family.get(code)
        if not items:
            continue
        out.append({"_heading": f"{ROMAN[n]}. {FAMILY.label(code).upper()}"})
        n += 1
        for i, row in enumerate(items, start=1):
            out.append({"stt": i, **row})
            if blank_every and rng.random() < 1 / blank_every:
                out.append(None)  # a stray blank row
        if rng.random() < 0.3:
            out.append(None)
    return out


def _report(district: District, year: int) -> str:
    return f"Báo cáo số {100 + year % 97}/BC-UBND ngày 10/12/{year} của UBND {district.name}"


def year_indicator_rows(
    district: District, year: int, series: list[Series], rng: random.Random, as_text: bool, last_year: int
) -> list[dict | None]:
    resolution = f"Nghị quyết số {30 + year % 50}/NQ-HĐND ngày 15/12/{year - 1} của HĐND {district.name}"
    by_family: dict[str, list[dict]] = {}
    for s in series:
        item = s.item
        if rng.random() < 0.04:
            continue  # not reported this year
        value = s.values[year]
        planned = value * (1 + rng.uniform(-0.04, 0.04)) if s.kind != "flag" else value
        if s.kind == "share":
            planned = min(planned, 99.5)
        elif s.kind == "growth":
            planned = max(planned, 1.0)  # resolutions plan growth, even in a year that fell
        d = s.decimals
        row: dict = {
            "indicator_code": item["indicator_code"],
            "name": item["name_vi"],
            "unit": item["unit"] if rng.random() < 0.85 else None,
            "target_text": _target_text(s, planned, rng),
            "target_document": resolution if rng.random() < 0.6 else None,
            "actual": vn(value, d) if as_text and rng.random() < 0.7 else (round(value, d) if d else int(value)),
            "actual_status": "Ước thực hiện" if year == last_year or rng.random() < 0.08 else "Chính thức",
            "source_document": _report(district, year) if rng.random() < 0.5 else None,
        }
        if rng.random() < 0.04:
            row["actual_status"] = None  # loaded as an estimate, with a warning
        if s.kind in ("money", "count") and rng.random() < 0.5:
            h1 = value * rng.uniform(0.42, 0.58) if s.kind == "money" or item["aggregation"] == "flow" else value
            h1 = round(h1, d) if d else float(round(h1))
            row["h1_actual"] = vn(h1, d) if as_text else (h1 if d else int(h1))
        if planned > 0 and value > 0 and rng.random() < 0.15:
            pct = value / planned * 100
            row["reported_pct"] = vn(pct, 1) if as_text else round(pct, 1)
        if rng.random() < 0.08:
            row["reported_grade"] = rng.choice(("Đạt", "Vượt", "Hoàn thành vượt", "Không đạt"))
        if rng.random() < 0.1 and s.kind in ("money", "count"):
            prev = s.values.get(year - 1) or value
            change = (value / prev - 1) * 100 if prev else 0
            row["comparison_text"] = f"{'tăng' if change >= 0 else 'giảm'} {vn(abs(change), 2)}% so với năm {year - 1}"
        if rng.random() < TYPO_RATE:
            row["indicator_code"] = item["indicator_code"] + "_x"  # a code the catalog does not know
        elif rng.random() < TYPO_RATE:
            row["actual"] = f"{vn(value, 0)},,5"  # a doubled comma: unreadable
        by_family.setdefault(item["family"], []).append(row)
    return _grouped(by_family, 25, rng)


def term_indicator_rows(
    district: District, term: str, series: list[Series], rng: random.Random, as_text: bool
) -> list[dict | None]:
    start, end = (int(x) for x in term.split("-"))
    resolution = f"Nghị quyết Đại hội đại biểu Đảng bộ {district.name} nhiệm kỳ {term}"
    done_to = min(end, YEARS[-1] - 1)  # the report of a running term covers the years so far
    by_family: dict[str, list[dict]] = {}
    chosen = [s for s in series if rng.random() < 0.45]
    for s in chosen:
        item = s.item
        years = [y for y in range(start + 1, done_to + 1) if y in s.values]
        if not years:
            continue
        d = s.decimals
        if s.kind == "growth":
            kind = TERM_KINDS["growth"]
            avg = sum(s.values[y] for y in years) / len(years)
            target, actual = avg * rng.uniform(0.95, 1.05), avg
        elif s.kind == "share":
            kind = TERM_KINDS["share"] if rng.random() < 0.5 else TERM_KINDS["level"]
            target, actual = s.values[years[-1]] * rng.uniform(0.97, 1.03), s.values[years[-1]]
        elif item["aggregation"] == "flow" and s.kind in ("count", "money"):
            kind = TERM_KINDS["flow"]
            total = sum(s.values[y] for y in years)
            target, actual = total * rng.uniform(0.9, 1.1), total
        else:
            kind = TERM_KINDS["level"]
            target, actual = s.values[years[-1]] * rng.uniform(0.95, 1.05), s.values[years[-1]]
        if s.kind == "share":
            target = min(target, 99.5)
        row: dict = {
            "indicator_code": item["indicator_code"],
            "name": item["name_vi"],
            "unit": item["unit"],
            "target_kind": kind,
            "target_text": _target_text(s, target, rng),
            "target_document": resolution,
            "actual": vn(actual, d) if as_text else (round(actual, d) if d else int(actual)),
            "covered": f"{years[0]}-{years[-1]}" if len(years) > 1 else str(years[0]),
            "actual_status": "Chính thức" if done_to == end else "Ước thực hiện",
            "source_document": f"Báo cáo chính trị Đại hội Đảng bộ {district.name}",
        }
        base = s.values.get(start)
        if base is not None and kind != TERM_KINDS["flow"] and rng.random() < 0.7:
            row["baseline_year"] = start
            row["baseline_value"] = vn(base, d) if as_text else (round(base, d) if d else int(base))
        if rng.random() < 0.2 and target > 0 and actual > 0:
            row["reported_pct"] = round(actual / target * 100, 1)
        by_family.setdefault(item["family"], []).append(row)
    return _grouped(by_family, 0, rng)


@dataclass
class NtmState:
    met: int
    recognised_in: int | None = None
    advanced: int = 0


def ntm_rows(
    district: District, year: int, states: dict[str, NtmState], rng: random.Random, detail: bool, as_text: bool
) -> list[dict | None]:
    """Per commune: 19 per-criterion rows, or a count of criteria met, or the level reached."""
    rows: list[dict | None] = []
    status = "Ước thực hiện" if year == YEARS[-1] else "Chính thức"
    recognised = 0
    for c in district.communes:
        if c.level != "Xã":
            continue
        st = states[c.code]
        if st.recognised_in is None:
            st.met = min(19, st.met + rng.choice((0, 0, 1, 1, 2, 2)))
            if st.met == 19:
                st.recognised_in = year
        elif year >= 2021 and year - st.recognised_in >= 2:
            st.advanced = min(19, max(st.advanced, 6) + rng.choice((0, 1, 2, 3)))
        base = {"unit_code": c.code, "unit_name": c.name, "actual_status": status}
        if st.recognised_in is not None:
            recognised += 1
            rows.append(
                {
                    **base,
                    "criteria_set": "Bộ tiêu chí nông thôn mới",
                    "criteria_met": 19,
                    "criteria_total": 19,
                    "level_reached": "Nông thôn mới",
                }
            )
            if st.advanced:
                rows.append(
                    {
                        **base,
                        "criteria_set": "Bộ tiêu chí nông thôn mới nâng cao",
                        "criteria_met": st.advanced,
                        "criteria_total": 19,
                        "level_reached": "Nông thôn mới nâng cao" if st.advanced == 19 else None,
                    }
                )
        elif detail and year >= 2022:
            met = set(rng.sample(range(1, 20), st.met))
            for n in range(1, 20):
                verdict = "Đạt" if n in met else "Chưa đạt"
                if rng.random() < TYPO_RATE / 4:
                    verdict = "Đạt?"  # not a yes/no: rejected
                rows.append(
                    {**base, "criteria_set": "Bộ tiêu chí nông thôn mới", "criterion_no": n, "criterion_met": verdict}
                )
        else:
            rows.append(
                {
                    **base,
                    "criteria_set": "Bộ tiêu chí nông thôn mới",
                    "criteria_met": str(st.met) if as_text else st.met,
                    "criteria_total": 19,
                    "level_reached": "Chưa đạt chuẩn",
                }
            )
    if recognised and year >= 2022 and rng.random() < 0.4:
        lo = rng.randint(5, 10)
        rows.append(None)
        rows.append(
            {
                "group_label": "Các xã",
                "unit_count": recognised,
                "criteria_set": "Bộ tiêu chí nông thôn mới nâng cao",
                "criteria_met": f"{lo}-{min(19, lo + rng.randint(2, 6))}",
                "criteria_total": 19,
                "actual_status": status,
                "note": "Báo cáo chỉ nêu khoảng cho cả nhóm xã.",
            }
        )
    return rows


def party_rows(district: District, year: int, rng: random.Random, members: int) -> list[dict | None]:
    orgs = max(12, len(district.communes) + rng.randint(10, 40))
    committees = rng.randint(3, max(4, orgs // 4))
    rows: list[dict | None] = [
        {"org_type": "Tổ chức cơ sở đảng", "org_count": orgs, "member_count": members},
        {"org_type": "Đảng bộ cơ sở", "org_count": committees},
        {"org_type": "Chi bộ cơ sở", "org_count": orgs - committees},
    ]
    left_orgs, left_members = orgs, members
    for i, block in enumerate(PARTY_BLOCKS):
        last = i == len(PARTY_BLOCKS) - 1
        o = left_orgs if last else min(left_orgs, len(district.communes) if i == 0 else rng.randint(1, 6))
        m = left_members if last else min(left_members, o * rng.randint(20, 60))
        left_orgs, left_members = left_orgs - o, left_members - m
        rows.append({"block": block, "org_type": "Tổ chức cơ sở đảng", "org_count": o, "member_count": m})
    left = orgs
    for i, rating in enumerate(RATINGS):
        n = left if i == len(RATINGS) - 1 else rng.randint(0, left)
        left -= n
        rows.append({"org_type": "Tổ chức cơ sở đảng", "rating": rating, "org_count": n})
    for r in rows:
        if r is not None:
            r["actual_status"] = "Chính thức" if year < YEARS[-1] else "Ước thực hiện"
    return rows


def award_rows(period: str, rng: random.Random, term: bool) -> list[dict | None]:
    picks = rng.sample(AWARD_TITLES, rng.randint(4, 8))
    rows: list[dict | None] = []
    for title, level, kind in picks:
        row: dict = {
            "award_title": title,
            "level": level,
            "recipient_kind": kind,
            "award_count": rng.randint(1, 12) * (5 if term else 1),
        }
        if term and rng.random() < 0.3:
            start, end = (int(x) for x in period.split("-"))
            row["award_period"] = f"{start + 1}-{end - 1}"
        elif not term and rng.random() < 0.3:
            year = int(period)
            row["decision_ref"] = (
                f"Quyết định số {rng.randint(100, 3000)}/QĐ-UBND ngày {rng.randint(1, 28)}/01/{year + 1}"
            )
        if rng.random() < 0.3:
            row["movement"] = "Thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội"
        rows.append(row)
    return rows


def units_rows(district: District, merged_into: dict[str, str] | None = None) -> list[dict | None]:
    """The district's don-vi.xlsx. With the reform (``merged_into``: old code → new unit), the
    district ends on 30 June 2025 (abolished), its communes and its province then merge."""
    quote = f"Danh mục đơn vị hành chính của {district.name}"
    merged_into = merged_into or {}

    def ended(code: str, kind: str = "Sáp nhập") -> dict:
        if code not in merged_into and kind == "Sáp nhập":
            return {}
        return {"valid_to": LAST_OLD_DAY, "successors": merged_into.get(code), "end_kind": kind}

    rows: list[dict | None] = []
    if district.lists_province:
        rows.append(
            {
                "code": district.province_code,
                "name_vi": district.province_name,
                "level": "Tỉnh",
                **ended(district.province_code),
            }
        )
    rows.append(
        {
            "code": district.code,
            "name_vi": district.name,
            "level": district.level,
            "parent_code": district.province_code,
            "source_quote": quote,
            **(ended(district.code, "Giải thể") if merged_into else {}),
        }
    )
    rng = random.Random(f"{SEED}:population:{district.code}")
    for c in district.communes:
        rows.append(
            {
                "code": c.code,
                "name_vi": c.name,
                "level": c.level,
                "parent_code": district.code,
                "valid_from": c.valid_from,
                **ended(c.code),
                **({"merge_weight": rng.randint(3_000, 25_000)} if c.code in merged_into else {}),
            }
        )
    return rows


# --- one district --------------------------------------------------------------------------------


def write_new_province(
    province: NewProvince, scale: Scale, catalog: list[dict], root: Path, seed: int = SEED
) -> tuple[int, int]:
    """Write a new province's units list, its communes' boundaries and their yearly workbooks."""
    from pipelines.template import SheetData, WorkbookContent, write_workbook

    rng = random.Random(f"{seed}:{province.code}")
    codes = [c["indicator_code"] for c in catalog]
    by_code = {c["indicator_code"]: c for c in catalog}
    folder = root / province.code
    paths = [
        write_workbook(
            folder / "don-vi.xlsx",
            WorkbookContent(
                kind="localities",
                locality_code=province.code,
                locality_name=province.name,
                sheets={"localities": SheetData(rows=new_province_rows(province))},
            ),
            codes,
        )
    ]
    shapes = folder / "ban-do.geojson"
    shapes.write_text(json.dumps(boundaries(province), ensure_ascii=False), encoding="utf-8")
    for c in province.communes:
        for year in scale.reform_years:
            content = WorkbookContent(
                kind="year",
                locality_code=c.code,
                locality_name=c.name,
                period=str(year),
                info={"title": f"Báo cáo kết quả thực hiện nhiệm vụ năm {year}", "prepared_by": f"UBND {c.name}"},
                sheets={"indicators": SheetData(rows=commune_year_rows(year, rng, by_code))},
            )
            paths.append(write_workbook(root / c.code / f"{year}.xlsx", content, codes))
    return len(paths), sum(p.stat().st_size for p in paths) + shapes.stat().st_size


def write_district(
    district: District,
    scale: Scale,
    catalog: list[dict],
    root: Path,
    seed: int = SEED,
    merged_into: dict[str, str] | None = None,
) -> tuple[int, int]:
    """Write one district's workbooks; returns (files, bytes)."""
    from pipelines.template import SheetData, WorkbookContent, write_workbook

    rng = random.Random(f"{seed}:{district.code}")
    codes = [c["indicator_code"] for c in catalog]
    folder = root / district.code
    paths: list[Path] = []
    paths.append(
        write_workbook(
            folder / "don-vi.xlsx",
            WorkbookContent(
                kind="localities",
                locality_code=district.code,
                locality_name=district.name,
                sheets={"localities": SheetData(rows=units_rows(district, merged_into))},
            ),
            codes,
        )
    )
    chosen = rng.sample(catalog, min(len(catalog), rng.randint(40, 60)))
    chosen.sort(key=lambda c: c["indicator_code"])
    span = range(min(scale.years + tuple(int(t[:4]) for t in scale.terms)), max(scale.years) + 1)
    series = [_series(item, rng, span) for item in chosen]
    detail = rng.random() < 0.5
    states = {c.code: NtmState(met=rng.randint(5, 18)) for c in district.communes}
    members = rng.randint(1500, 9000)
    for year in range(span.start, span.stop):
        # NTM progress is simulated for every year so a small scale starts mid-way, like a real one.
        as_text = rng.random() < 0.25  # this clerk typed the numbers as text
        ntm = ntm_rows(district, year, states, rng, detail, as_text)
        members += rng.randint(20, 120)
        if year not in scale.years:
            continue
        content = WorkbookContent(
            kind="year",
            locality_code=district.code,
            locality_name=district.name,
            period=str(year),
            info={
                "title": f"Báo cáo tình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội năm {year}",
                "report_date": f"{rng.randint(1, 20):02d}/12/{year}",
                "prepared_by": f"Phòng Tài chính - Kế hoạch {district.name}",
                "h1_target_pct": rng.choice(("ít nhất 50%", "ít nhất là 50%", "55%", None)),
            },
            sheets={
                "indicators": SheetData(
                    rows=year_indicator_rows(district, year, series, rng, as_text, scale.years[-1]),
                    note="Ghi chú: số liệu năm cuối là số ước thực hiện.",
                ),
                "ntm": SheetData(rows=ntm, note="Ghi chú: xã đạt chuẩn tính theo quyết định công nhận của UBND tỉnh."),
                "party": SheetData(rows=party_rows(district, year, rng, members)),
                "awards": SheetData(rows=award_rows(str(year), rng, term=False)),
            },
        )
        paths.append(write_workbook(folder / f"{year}.xlsx", content, codes))
    for term in scale.terms:
        as_text = rng.random() < 0.25
        content = WorkbookContent(
            kind="term",
            locality_code=district.code,
            locality_name=district.name,
            period=term,
            info={"title": f"Báo cáo chính trị nhiệm kỳ {term}"},
            sheets={
                "indicators": SheetData(rows=term_indicator_rows(district, term, series, rng, as_text)),
                "awards": SheetData(rows=award_rows(term, rng, term=True)),
            },
        )
        paths.append(write_workbook(folder / f"nhiem-ky-{term}.xlsx", content, codes))
    return len(paths), sum(p.stat().st_size for p in paths)


def _write_batch(
    args: tuple[list[District | NewProvince], Scale, list[dict], str, int, dict[str, str]],
) -> tuple[int, int]:
    units, scale, catalog, root, seed, merged_into = args
    files = size = 0
    for unit in units:
        if isinstance(unit, NewProvince):
            f, b = write_new_province(unit, scale, catalog, Path(root), seed)
        else:
            f, b = write_district(unit, scale, catalog, Path(root), seed, merged_into)
        files += f
        size += b
    return files, size


# --- the whole set -------------------------------------------------------------------------------


def _catalog_digest(path: Path) -> str:
    """SHA-256 of the catalog's parts, without docProps (the write time changes on every rewrite)."""
    digest = hashlib.sha256()
    with zipfile.ZipFile(path) as z:
        for name in sorted(z.namelist()):
            if not name.startswith("docProps/"):
                digest.update(name.encode())
                digest.update(z.read(name))
    return digest.hexdigest()


def _wanted(scale: Scale, seed: int) -> dict:
    """What a cached set must have been written with (as it reads back from JSON)."""
    wanted = {
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "scale": asdict(scale),
        "catalog_digest": _catalog_digest(CATALOG_SOURCE),
    }
    return json.loads(json.dumps(wanted))


@dataclass
class Generated:
    root: Path
    files: int
    bytes: int
    seconds: float  # time it took to write the set (when it was written)
    cached: bool
    counts: dict[str, int]
    workers: int

    def as_dict(self) -> dict:
        return {
            "root": str(self.root),
            "files": self.files,
            "bytes": self.bytes,
            "seconds": round(self.seconds, 2),
            "cached": self.cached,
            "workers": self.workers,
            **self.counts,
        }


def default_root(scale: Scale) -> Path:
    return OUT / "data" / scale.name


def generate(
    scale: Scale,
    root: Path | None = None,
    workers: int | None = None,
    seed: int = SEED,
    force: bool = False,
    progress: bool = True,
) -> Generated:
    """Write (or reuse) the synthetic set of a scale; returns where it is and what it holds."""
    root = (root or default_root(scale)).resolve()
    manifest_path = root / "manifest.json"
    wanted = _wanted(scale, seed)
    if not force and manifest_path.exists():
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            manifest = {}
        if all(manifest.get(k) == v for k, v in wanted.items()) and manifest.get("complete"):
            return Generated(
                root,
                manifest["files"],
                manifest["bytes"],
                manifest["seconds"],
                True,
                manifest["counts"],
                manifest.get("workers", 0),
            )

    from pipelines.reference_files import read_catalog_rows

    started = time.perf_counter()
    catalog = read_catalog_rows(CATALOG_SOURCE.parent)
    districts = geography(scale, seed)
    provinces = reform(scale, districts, seed)
    merged_into = successors(provinces)
    partial = root.with_name(root.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    shutil.copy2(CATALOG_SOURCE, partial / CATALOG_SOURCE.name)
    # A few districts are quicker in-process than through worker processes that must import first.
    workers = workers or (1 if len(districts) <= 4 else os.cpu_count() or 1)
    # Small batches keep both cores busy to the end; spawn, since the parent already runs Polars threads.
    per = max(1, min(8, math.ceil(len(districts) / (workers * 8))))
    units: list[District | NewProvince] = [*districts, *provinces]
    batches = [units[i : i + per] for i in range(0, len(units), per)]
    files, size = 1, (partial / CATALOG_SOURCE.name).stat().st_size
    done = 0
    if workers == 1:
        results = map(_write_batch, [(b, scale, catalog, str(partial), seed, merged_into) for b in batches])
        for f, b in results:
            files, size = files + f, size + b
    else:
        ctx = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
            for (f, b), batch in zip(
                pool.map(_write_batch, [(b, scale, catalog, str(partial), seed, merged_into) for b in batches]),
                batches,
                strict=True,
            ):
                files, size = files + f, size + b
                done += len(batch)
                if progress and (done % 50 < len(batch) or done == len(units)):
                    print(f"  generated {done}/{len(units)} districts and new provinces, {files} workbooks", flush=True)
    seconds = time.perf_counter() - started
    counts = {
        "provinces": scale.provinces,
        "districts": len(districts),
        "communes": sum(len(d.communes) for d in districts),
        "year_workbooks": len(districts) * len(scale.years),
        "term_workbooks": len(districts) * len(scale.terms),
        "unit_workbooks": len(districts) + len(provinces),
        "new_provinces": len(provinces),
        "new_communes": sum(len(p.communes) for p in provinces),
        "commune_workbooks": sum(len(p.communes) for p in provinces) * len(scale.reform_years),
        "boundary_files": len(provinces),
        "largest_new_province": max(provinces, key=lambda p: len(p.communes)).code if provinces else "",
        "largest_new_province_communes": max((len(p.communes) for p in provinces), default=0),
    }
    manifest = {
        **wanted,
        "complete": True,
        "files": files,
        "bytes": size,
        "seconds": round(seconds, 2),
        "workers": workers,
        "counts": counts,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    (partial / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
    shutil.rmtree(root, ignore_errors=True)
    partial.rename(root)
    return Generated(root, files, size, seconds, False, counts, workers)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the synthetic benchmark data set.")
    parser.add_argument("--scale", default="small", choices=sorted(SCALES))
    parser.add_argument("--out", help="Folder (default: benchmarks/out/data/<scale>).")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--force", action="store_true", help="Rewrite even if a matching set is cached.")
    args = parser.parse_args(argv)
    gen = generate(SCALES[args.scale], Path(args.out) if args.out else None, args.workers, force=args.force)
    print(json.dumps(gen.as_dict(), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
