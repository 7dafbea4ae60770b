"""Build the embedded sample (An Khê, Gia Lai) from facts extracted from the seed documents.

    python -m tools.sample            # rewrites data/raw from data/sample/*.csv

``data/sample/facts_an_khe.csv`` and ``awards_an_khe.csv`` list every figure the four source
documents give, each with the sentence that states it. This module lays them out as a planning
office would fill the workbooks: one per year, one per congress term, the unit list and the
indicator catalog. Every number written keeps its document and sentence in the 'Nguồn số liệu'
and 'Trích dẫn' columns. Nothing is invented: where a document gives no figure the cell stays
empty; a figure derived from a ratio or a list is marked 'Derived' in its note.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

from pipelines.template import SheetData, WorkbookContent, write_workbook
from schemas.vocab import FAMILY

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
LOCALITY = "an-khe"
LOCALITY_NAME = "Thị xã An Khê"

DOCS = {
    "000_f151f97fdc659180.txt": "[000] Báo cáo tổng kết phong trào thi đua yêu nước và công tác khen thưởng giai đoạn 2015-2020, phương hướng, nhiệm vụ giai đoạn 2020-2025 (dự thảo, giữa năm 2020)",
    "001_b94cb9fb4fb50a5a.txt": "[001] Bài viết 'Những thành tựu đáng tự hào' (tháng 02/2024)",
    "002_7264c2af5e9e5fb7.txt": "[002] UBND thị xã An Khê, Kế hoạch phát động phong trào thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội năm 2023",
    "003_0cb5bc24844fae01.txt": "[003] UBND thị xã An Khê, Kế hoạch tổ chức thực hiện Phong trào thi đua 'An Khê chung sức xây dựng nông thôn mới' giai đoạn 2021-2025",
}
TERM_OF = {
    "2015-2020": "2015-2020",
    "2016-2020": "2015-2020",
    "2015-2019": "2015-2020",
    "2016-2019": "2015-2020",
    "2016-2018": "2015-2020",
    "2016-2017": "2015-2020",
    "2010-2015": "2015-2020",
    "2021-2025": "2020-2025",
    "2020-2025": "2020-2025",
    "2021-2023": "2020-2025",
}
TERM_DOCUMENT = {
    "2015-2020": "Nghị quyết Đại hội đại biểu Đảng bộ thị xã lần thứ XVI (nhiệm kỳ 2015-2020); Kế hoạch phát triển KT-XH 5 năm 2016-2020",
    "2020-2025": "Nghị quyết Đại hội đại biểu Đảng bộ thị xã lần thứ XVII (nhiệm kỳ 2020-2025)",
}
# How each term target is phrased in the resolution.
TERM_KIND = {
    "traffic_accident_indices_reduced": "Mức đạt đến cuối nhiệm kỳ",
    "party_org_good_rating_rate": "Ngưỡng hằng năm",
    "party_member_good_rating_rate": "Ngưỡng hằng năm",
    "party_members_admitted": "Tổng cả nhiệm kỳ",
    "gdp_growth_rate": "Tăng bình quân hằng năm",
    "budget_revenue_growth_rate": "Tăng bình quân hằng năm",
    "balanced_budget_revenue_growth_rate": "Tăng bình quân hằng năm",
    "total_social_investment_growth_rate": "Tăng bình quân hằng năm",
    "population_growth_rate": "Tăng bình quân hằng năm",
    "natural_population_growth": "Tăng bình quân hằng năm",
    "production_value_industry_construction_growth_rate": "Tăng bình quân hằng năm",
    "agri_cooperatives_added": "Tổng cả nhiệm kỳ",
}
# Targets written with a qualifier, as the resolution writes them.
TARGET_TEXT = {
    ("party_org_good_rating_rate", "2020-2025"): "80% trở lên",
    ("party_member_good_rating_rate", "2020-2025"): "80% trở lên",
    ("party_members_admitted", "2020-2025"): "trên 370",
    ("near_poor_rate", "2020-2025"): "dưới 3,0%",
    ("solid_waste_collection_rate", "2020-2025"): "trên 95%",
}
# Reported grades ("vượt chỉ tiêu Nghị quyết") that the facts carry only in their notes.
GRADES = {("gdp_growth_rate", "2015-2020"): "Vượt"}
# Facts that belong in another sheet than 'Chỉ tiêu'.
NTM_SHEET_CODES = {
    "ntm_advanced_criteria_met_lowest_commune",
    "ntm_advanced_criteria_met_highest_commune",
    "ntm_advanced_criteria_total",
    "ntm_hamlets_all_criteria",
    "ntm_ethnic_villages_partial",
}
PARTY_SHEET_CODES = {
    "party_organisations_total",
    "party_grassroots_committees",
    "party_grassroots_cells",
    "party_organisations_ward_commune",
    "party_members_ward_commune",
    "party_organisations_armed_forces",
    "party_members_armed_forces",
    "party_organisations_administrative_agencies",
    "party_members_administrative_agencies",
    "party_organisations_public_service_units",
    "party_members_public_service_units",
    "party_organisations_enterprises",
    "party_members_enterprises",
    "party_cells_under_grassroots_committees",
}
# Years whose workbooks the clerk typed numbers into as text, the way the documents print them.
TEXT_YEARS = {"2020", "2023"}

COMMUNES = [
    ("an-khe-xuan-an", "Xã Xuân An", "xa"),
    ("an-khe-song-an", "Xã Song An", "xa"),
    ("an-khe-cuu-an", "Xã Cửu An", "xa"),
    ("an-khe-thanh-an", "Xã Thành An", "xa"),
    ("an-khe-tu-an", "Xã Tú An", "xa"),
    ("an-khe-tay-son", "Phường Tây Sơn", "phuong"),
    ("an-khe-an-phu", "Phường An Phú", "phuong"),
    ("an-khe-an-tan", "Phường An Tân", "phuong"),
    ("an-khe-an-binh", "Phường An Bình", "phuong"),
    ("an-khe-ngo-may", "Phường Ngô Mây", "phuong"),
    ("an-khe-an-phuoc", "Phường An Phước", "phuong"),
]
COMMUNE_QUOTE = (
    "triển khai các nhiệm vụ quy hoạch phân khu đô thị các phường: Tây Sơn, An Phú, An Tân, An Bình, Ngô Mây, An Phước; "
    "nhiệm vụ quy hoạch chung xây dựng các xã: Xuân An, Song An, Cửu An, Thành An, Tú An"
)
VILLAGES = [
    (
        "an-khe-tu-an-po-nang",
        "Làng Pờ Nang",
        "lang",
        "an-khe-tu-an",
        "hoàn thành xây dựng làng nông thôn mới tại làng Pờ Nang – xã Tú An",
    ),
    (
        "an-khe-song-an-pot",
        "Làng Pốt",
        "lang",
        "an-khe-song-an",
        "cơ bản hoàn thành xây dựng làng nông thôn mới làng Pốt - xã Song An, làng Nhoi, làng Hòa Bình - xã Tú An",
    ),
    (
        "an-khe-tu-an-nhoi",
        "Làng Nhoi",
        "lang",
        "an-khe-tu-an",
        "cơ bản hoàn thành xây dựng làng nông thôn mới làng Pốt - xã Song An, làng Nhoi, làng Hòa Bình - xã Tú An",
    ),
    (
        "an-khe-tu-an-hoa-binh",
        "Làng Hòa Bình",
        "lang",
        "an-khe-tu-an",
        "cơ bản hoàn thành xây dựng làng nông thôn mới làng Pốt - xã Song An, làng Nhoi, làng Hòa Bình - xã Tú An",
    ),
    (
        "an-khe-tu-an-tu-thuy",
        "Thôn Tú Thủy",
        "thon",
        "an-khe-tu-an",
        "xây dựng 01 mộ tập thể liệt sỹ tại thôn Tú Thủy, xã Tú An",
    ),
    (
        "an-khe-song-an-an-thuong-3",
        "Thôn An Thượng 3",
        "thon",
        "an-khe-song-an",
        "thao trường bắn, diễn tập tại thôn An Thượng 3 - xã Song An",
    ),
]

# --- catalog -----------------------------------------------------------------------------------

ENGLISH = {
    "gdp_growth_rate": "Growth of gross production value",
    "production_value_total": "Total production value",
    "income_per_capita": "Income per capita",
    "poverty_rate": "Multidimensional poverty rate",
    "near_poor_rate": "Near-poor household rate",
    "party_members_admitted": "New party members admitted",
    "party_members_total": "Party members (total)",
    "budget_revenue": "State budget revenue in the locality",
    "budget_expenditure": "State budget expenditure",
    "retail_services_turnover": "Retail sales and services turnover",
    "health_insurance_coverage": "Health insurance coverage",
    "trained_labour_rate": "Trained labour share",
    "employed_labour": "Employed workers",
    "ntm_communes": "Communes meeting the new-rural-area standard",
    "ntm_advanced_communes": "Communes meeting the advanced new-rural-area standard",
    "ntm_town_completed": "Town recognised as having completed new-rural-area building",
    "civilized_urban_wards": "Wards meeting the civilised-urban standard",
    "urban_class3_achieved": "Class-III urban standard reached",
    "forest_cover": "Forest cover",
    "total_social_investment": "Total social investment",
    "structure_agriculture_share": "Output structure: agriculture, forestry, fishery",
    "structure_industry_share": "Output structure: industry, construction",
    "structure_services_share": "Output structure: trade, services",
    "cultural_village_rate": "Villages and residential groups recognised as cultural",
    "cultural_family_rate": "Households recognised as cultural families",
}
# How the catalog's indicators hang together ('Thuộc tổng (mã)', 'Tăng trưởng của (mã)'), for the
# consistency checks. Only parts that together make the whole, without overlap (party members who
# are women and those who are of an ethnic minority overlap: they are not listed as parts).
PART_OF = {
    **dict.fromkeys(
        ("structure_agriculture_share", "structure_industry_share", "structure_services_share"),
        "production_value_total",
    ),
    **dict.fromkeys(
        ("production_value_agriculture", "production_value_industry_construction", "production_value_trade_services"),
        "production_value_total",
    ),
    **dict.fromkeys(("hamlet_count", "ethnic_village_count", "residential_group_count"), "village_count"),
    **dict.fromkeys(
        (
            "school_count_preschool",
            "school_count_primary",
            "school_count_primary_lower_secondary",
            "school_count_lower_secondary",
            "school_count_upper_secondary",
        ),
        "school_count",
    ),
    **dict.fromkeys(
        (
            "local_budget_projects_defense_security",
            "local_budget_projects_health_station",
            "local_budget_projects_irrigation",
            "local_budget_projects_offices_cultural_houses",
            "local_budget_projects_roads",
            "local_budget_projects_schools",
            "local_budget_projects_technical_infrastructure",
        ),
        "local_budget_projects",
    ),
}
# Rates and the count and total they are the share of ('53/90 (đạt 89,9%)').
RATE_OF = {"cultural_village_rate": ("cultural_village_count", "village_count")}
GROWTH_OF = {
    "gdp_growth_rate": "production_value_total",
    "production_value_agriculture_growth_rate": "production_value_agriculture",
    "production_value_industry_construction_growth_rate": "production_value_industry_construction",
    "production_value_trade_services_growth_rate": "production_value_trade_services",
    "budget_revenue_growth_rate": "budget_revenue",
    "total_social_investment_growth_rate": "total_social_investment",
    "population_growth_rate": "population",
}
_ABBREV = {
    "ntm": "new-rural-area",
    "gdp": "GDP",
    "mdf": "MDF",
    "moet": "MOET",
    "iso": "ISO",
    "ct05": "Directive 05",
    "pm": "PM",
    "km": "km",
    "pct": "%",
}


def _english(code: str) -> str:
    if code in ENGLISH:
        return ENGLISH[code]
    words = [_ABBREV.get(w, w) for w in code.split("_")]
    return " ".join(words).capitalize()


def _family(code: str) -> str:
    rules = [
        ("party", r"^(party_|village_party|village_heads_party|party_secretary)"),
        (
            "ntm",
            r"^(ntm_|rural_commune_count|land_donated_for_roads|irrigation_works_repaired|canals_solidified|irrigated_area_stable)",
        ),
        (
            "defence",
            r"^(security_|crime|criminal|police_|suspects_|gambling_|hotspot_|wanted_|military_|communes_defense|cadres_defense|defense_drill|traffic_accident)",
        ),
        ("awards", r"^(award_|good_deeds|emulation_|communes_with_emulation|youth_)"),
        (
            "government",
            r"^(specialised_agencies|public_service_units|commune_ward_count|village_count|hamlet_count|ethnic_village_count|residential_group_count|civil_servants|education_units|staff_streamlined|commune_web_portals|communes_iso|agency_count)",
        ),
        ("urban_environment", r"^(civilized_urban|urban_|forest_cover|rural_hygienic_water|solid_waste)"),
        (
            "economy",
            r"^(production_value|gdp_|structure_|sown_area|agricultural_land|.*_capacity$|output_|total_social_investment|local_budget|budget_|balanced_budget|income_per_capita|retail_|tourist_|tourism_|agri_|irrigation_works|biomass|plan_completion)",
        ),
    ]
    for family, pattern in rules:
        if re.match(pattern, code):
            return family
    return "social"


_STOCK_HINTS = r"(_total$|_count|capacity|area|population$|labour_force|household|schools_national_standard$|^school_|communes_|villages$|wards$|_achieved$|completed$|_units$|agencies$|portals|^party_members_(total|female|probationary|ethnic|religious|ward|armed|admin|public|enterprises)|^party_organisations|^party_grassroots|^party_cells|cells_with|heads_party|secretary_also|^ntm_communes|^ntm_advanced_communes|civil_servants|_stations?$|^private_|relics|treasures|relic_sites|^hospital|^doctors|^pharmacies|^teachers|employed_labour|facilities)"


_FLOW_HINTS = r"^(production_value|output_|budget_|retail_|total_social_investment$|local_budget_investment|tourism_|tourist_|party_members_admitted)"


def _aggregation(code: str, unit: str) -> str:
    if "%" in unit or "/vạn" in unit or "tiêu chí/19" in unit:
        return "rate"
    if re.search(_FLOW_HINTS, code):
        return "flow"
    if re.search(_STOCK_HINTS, code):
        return "stock"
    return "flow"


# Units of figures that are not the sum of the communes' figures though they are no rate: per person,
# per gift, a yes/no flag, the town's own criteria.
_NOT_ADDITIVE_UNITS = r"(/người|/suất|/vạn|^1 =|^tiêu chuẩn$)"


def _additive(unit: str) -> bool:
    return not re.search(_NOT_ADDITIVE_UNITS, unit)


def _decimals(values: list[str]) -> int:
    most = 0
    for v in values:
        if "." in v:
            most = max(most, len(v.split(".")[1].rstrip("0")))
    return min(most, 3)


def vn(value: float | str, decimals: int | None = None) -> str:
    """A number the Vietnamese way: 7.978,01 (thousands dot, decimal comma)."""
    x = float(value)
    text = f"{x:,.{decimals}f}" if decimals is not None else (f"{x:,.6f}".rstrip("0").rstrip("."))
    return text.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")


def _number(value: str) -> float | int:
    x = float(value)
    return int(x) if x == int(x) and "." not in value else x


# --- facts → workbooks --------------------------------------------------------------------------


def load_facts() -> list[dict]:
    with (SAMPLE / "facts_an_khe.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def load_awards() -> list[dict]:
    with (SAMPLE / "awards_an_khe.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


# The catalog is shared by every locality: its names carry no locality's own words. The sample's
# workbooks keep An Khê's wording in 'Tên chỉ tiêu', which is what its pages show.
_GENERIC = (
    (r"\s*[–-]\s*An Khê\b", ""),
    (r"\s+(An Khê|Gia Lai)\b", ""),
    (r"trên địa bàn thị xã", "trên địa bàn"),
    (r"cấp thị xã", "cấp huyện"),
    (r"thuộc UBND thị xã", "thuộc UBND cấp huyện"),
    (r"thuộc thị xã", "thuộc địa phương"),
    (r"\bthị xã\b", "địa phương"),
    # A year belongs to a workbook, not to the shared name: 'Dân số trung bình đến cuối năm 2025'.
    (r"\s+(?:đến|trong)(?: cuối)? năm \d{4}", ""),
    (r"\s+nhiệm kỳ \d{4}\s*[–-]\s*\d{4}", ""),
)


def generic_name(name: str) -> str:
    """'Thu ngân sách trên địa bàn thị xã' → 'Thu ngân sách trên địa bàn' (for the shared catalog)."""
    for pattern, repl in _GENERIC:
        name = re.sub(pattern, repl, name)
    return re.sub(r"\s+", " ", name).strip()


def build_catalog(facts: list[dict]) -> list[dict]:
    by_code: dict[str, list[dict]] = defaultdict(list)
    for f in facts:
        by_code[f["indicator_code"]].append(f)
    catalog = []
    for code, rows in by_code.items():
        if (
            code.startswith("award_")
            or code == "plan_completion_rate"
            or code in NTM_SHEET_CODES
            or code in PARTY_SHEET_CODES
        ):
            continue
        level_rows = [r for r in rows if r["value_kind"] in ("actual", "actual_estimate", "target", "baseline")] or rows
        units = []
        for r in level_rows:
            if r["unit"] not in units:
                units.append(r["unit"])
        # The unit a resolution uses is the catalog's; the others are accepted spellings.
        primary = next((r["unit"] for r in level_rows if r["value_kind"] == "target"), units[0])
        aliases = [u for u in units if u != primary]
        directions = [r["direction"] for r in rows]
        direction = max(set(directions), key=directions.count)
        # The most recent yearly wording, a resolution's target first: how offices name it today.
        named = [r for r in level_rows if r["value_kind"] in ("target", "actual", "actual_estimate")] or level_rows
        name = max(named, key=lambda r: (r["period_kind"] == "year", r["period"][-4:], r["value_kind"] == "target"))[
            "indicator_name_vi"
        ]
        item = {
            "indicator_code": code,
            "name_vi": generic_name(name),
            "local_name": name,
            "name_en": _english(code),
            "unit": primary,
            "unit_aliases": "; ".join(aliases) or None,
            "family": FAMILY.label(_family(code)),
            "direction": {"higher_is_better": "Càng cao càng tốt", "lower_is_better": "Càng thấp càng tốt"}.get(
                direction, "Trung tính"
            ),
            "aggregation": {"flow": "Cộng dồn", "stock": "Thời điểm", "rate": "Tỷ lệ"}[_aggregation(code, primary)],
            "decimals": _decimals([r["value"] for r in level_rows]),
            "source_document": "; ".join(sorted({DOCS[r["source_file"]][:5] for r in rows})),
        }
        if code in ("population_growth_rate", "natural_population_growth"):
            item["min_value"] = -100
        if item["aggregation"] != "Tỷ lệ" and not _additive(primary):
            item["additive"] = "Không"
        item["part_of"] = PART_OF.get(code)
        item["growth_of"] = GROWTH_OF.get(code)
        item["numerator_of"], item["denominator_of"] = RATE_OF.get(code, (None, None))
        catalog.append(item)
    family_order = {label: i for i, label in enumerate(FAMILY.choices_vi())}
    catalog.sort(key=lambda c: family_order[c["family"]])
    return catalog


def _workbook_of(f: dict) -> str | None:
    """Which workbook (a year or a term) a fact is typed into."""
    if f["period_kind"] == "year":
        if f["value_kind"] == "achievement_pct" and "Nghị quyết" in f["unit"]:
            return "2015-2020"  # measured against the five-year resolution, not the year's plan
        return f["period"]
    if f["period_kind"] == "term":
        return TERM_OF[f["period"]]
    return None


def _comparison(f: dict) -> str:
    v = float(f["value"])
    unit = f["unit"]
    if f["value_kind"] == "multiple_of_baseline":
        return f"gấp {vn(v)} {unit}"
    if f["value_kind"] == "baseline":
        return f"{f['period']}: {vn(v)} {unit}".strip()
    verb = "tăng" if v >= 0 else "giảm"
    if unit.startswith("%"):
        return f"{verb} {vn(abs(v))}{unit}"
    return f"{verb} {vn(abs(v))} {unit}"


def _join(values: list[str | None], sep: str) -> str | None:
    out: list[str] = []
    for v in values:
        if v and v not in out:
            out.append(v)
    return sep.join(out) or None


def indicator_rows(facts: list[dict], catalog: dict[str, dict]) -> dict[str, list[dict]]:
    """Workbook period → rows of its 'Chỉ tiêu' sheet."""
    grouped: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for f in facts:
        if f["indicator_code"] not in catalog:
            continue
        wb = _workbook_of(f)
        if wb is not None:
            grouped[(wb, f["indicator_code"])].append(f)
    out: dict[str, list[dict]] = defaultdict(list)
    for (wb, code), fs in grouped.items():
        out[wb].append(_row(wb, code, fs, catalog[code], facts))
    return out


def _row(wb: str, code: str, fs: list[dict], cat: dict, all_facts: list[dict]) -> dict:
    term = "-" in wb
    as_text = wb in TEXT_YEARS
    row: dict = {"indicator_code": code, "name": cat.get("local_name") or cat["name_vi"], "unit": None}
    notes: list[str | None] = []
    comparisons: list[str] = []
    actual = next((f for f in fs if f["value_kind"] in ("actual", "actual_estimate")), None)
    if actual is None:
        actual = next((f for f in fs if f["value_kind"] == "baseline" and not term), None)
    target = next((f for f in fs if f["value_kind"] == "target"), None)
    pct = next((f for f in fs if f["value_kind"] == "achievement_pct"), None)
    used = {id(x) for x in (actual, target, pct) if x is not None}
    if term and pct is not None and actual is None:
        # The ratio is measured on the end-of-term year's figure (e.g. 2020 production value).
        actual = next(
            (
                f
                for f in all_facts
                if f["indicator_code"] == code
                and f["period"] == pct["period"]
                and f["value_kind"] in ("actual", "actual_estimate")
            ),
            None,
        )
        if actual is not None:
            fs = [*fs, actual]
    if actual is not None:
        row["unit"] = actual["unit"]
        value = actual["value"]
        row["actual"] = vn(value) if as_text else _number(value)
        row["actual_status"] = "Ước thực hiện" if actual["value_kind"] == "actual_estimate" else "Chính thức"
        if term:
            row["covered"] = actual["period"]
        notes.append(actual["note"])
    if target is not None:
        row["unit"] = row["unit"] or target["unit"]
        text = TARGET_TEXT.get((code, wb))
        if text is None:
            text = vn(target["value"]) + ("%" if target["unit"].startswith("%") else "")
        row["target_text"] = text
        row["target_document"] = TERM_DOCUMENT.get(wb) if term else None
        if term:
            row["target_kind"] = TERM_KIND.get(code, "Mức đạt đến cuối nhiệm kỳ")
        notes.append(target["note"])
    if pct is not None:
        row["reported_pct"] = vn(pct["value"]) if as_text else _number(pct["value"])
        notes.append(pct["note"])
    if (code, wb) in GRADES:
        row["reported_grade"] = GRADES[(code, wb)]
    for f in fs:
        if id(f) in used or f is actual:
            continue
        if f["value_kind"] in ("change_vs_previous", "multiple_of_baseline", "baseline"):
            comparisons.append(_comparison(f))
            notes.append(f["note"])
        elif f["value_kind"] in ("actual", "actual_estimate") and actual is not None and f["value"] != actual["value"]:
            notes.append(f"Báo cáo cũng nêu {vn(f['value'])} {f['unit']} ({f['period']}). {f['note']}".strip())
    row["comparison_text"] = _join(comparisons, "; ")
    row["source_document"] = _join([DOCS[f["source_file"]] for f in fs], "; ")
    row["source_quote"] = _join([re.sub(r"\s+", " ", f["source_quote"]).strip() for f in fs], " | ")
    row["note"] = _join(notes, " ")
    if row["unit"] == cat["unit"]:
        row["unit"] = cat["unit"]
    return row


def _group_by_family(rows: list[dict], catalog: dict[str, dict]) -> list[dict | None]:
    """Rows under family headings, with a stray blank row as clerks leave them."""
    order = FAMILY.choices_vi()
    out: list[dict | None] = []
    by_family: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_family[catalog[r["indicator_code"]]["family"]].append(r)
    numerals = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
    n = 0
    for family in order:
        items = sorted(by_family.get(family, []), key=lambda r: r["indicator_code"])
        if not items:
            continue
        out.append({"_heading": f"{numerals[n]}. {family.upper()}"})
        n += 1
        for i, r in enumerate(items, start=1):
            out.append({"stt": i, **r})
        out.append(None)
    return out


# The figures the documents give of one commune or ward (each with the sentence that names it): the
# units that report in the sample. Nothing else of a unit is written; no unit has a target of its own.
DRILL_2023 = "Hướng dẫn, chỉ đạo các phường: An Phước, An Tân, Ngô Mây và các xã: Cửu An, Xuân An tổ chức thành công diễn tập chiến đấu khu vực phòng thủ năm 2023. Kết quả, 5/5 xã, phường đạt loại giỏi."
UNIT_FIGURES: list[tuple[str, str, str, float | str, str, str, str, str]] = [
    # (unit, year, indicator, value, status, document, quote, note)
    (
        "an-khe-tu-an",
        "2018",
        "ntm_villages_completed",
        1,
        "Chính thức",
        "000_f151f97fdc659180.txt",
        "đến cuối năm 2018 đã hoàn thành xây dựng làng nông thôn mới tại làng Pờ Nang – xã Tú An",
        "Derived: một làng được nêu tên (Pờ Nang) thuộc xã Tú An.",
    ),
    (
        "an-khe-tu-an",
        "2018",
        "ntm_village_cost",
        "1.394,707",
        "Chính thức",
        "000_f151f97fdc659180.txt",
        "hoàn thành xây dựng làng nông thôn mới tại làng Pờ Nang – xã Tú An với tổng kinh phí thực hiện là 1.394,707 triệu đồng",
        "Kinh phí xây dựng làng Pờ Nang.",
    ),
    (
        "an-khe-tu-an",
        "2020",
        "ntm_villages_completed",
        2,
        "Ước thực hiện",
        "000_f151f97fdc659180.txt",
        "trong năm 2020, cơ bản hoàn thành xây dựng làng nông thôn mới làng Pốt - xã Song An, làng Nhoi, làng Hòa Bình - xã Tú An",
        "Derived: hai làng được nêu tên (Nhoi, Hòa Bình) thuộc xã Tú An; 'cơ bản hoàn thành' (báo cáo dự thảo giữa năm 2020).",
    ),
    (
        "an-khe-song-an",
        "2020",
        "ntm_villages_completed",
        1,
        "Ước thực hiện",
        "000_f151f97fdc659180.txt",
        "trong năm 2020, cơ bản hoàn thành xây dựng làng nông thôn mới làng Pốt - xã Song An, làng Nhoi, làng Hòa Bình - xã Tú An",
        "Derived: một làng được nêu tên (Pốt) thuộc xã Song An; 'cơ bản hoàn thành' (báo cáo dự thảo giữa năm 2020).",
    ),
    *(
        (unit, "2023", code, 1, "Chính thức", "001_b94cb9fb4fb50a5a.txt", DRILL_2023, note)
        for unit in ("an-khe-an-phuoc", "an-khe-an-tan", "an-khe-ngo-may", "an-khe-cuu-an", "an-khe-xuan-an")
        for code, note in (
            ("defense_drill_units", "Derived: đơn vị được nêu tên trong 5 xã, phường tổ chức diễn tập năm 2023."),
            ("defense_drill_units_excellent", "Derived: '5/5 xã, phường đạt loại giỏi', đơn vị được nêu tên."),
        )
    ),
]


def unit_rows(catalog: dict[str, dict]) -> dict[tuple[str, str], list[dict]]:
    """(unit, year) → the indicator rows of that unit's yearly workbook, from ``UNIT_FIGURES``."""
    out: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for unit, year, code, value, status, doc, quote, note in UNIT_FIGURES:
        cat = catalog[code]
        out[(unit, year)].append(
            {
                "indicator_code": code,
                "name": cat["name_vi"],
                "unit": cat["unit"],
                "actual": value,
                "actual_status": status,
                "source_document": DOCS[doc],
                "source_quote": quote,
                "note": note,
            }
        )
    return out


def ntm_rows() -> dict[str, list[dict]]:
    doc0, doc1, doc3 = (
        DOCS["000_f151f97fdc659180.txt"],
        DOCS["001_b94cb9fb4fb50a5a.txt"],
        DOCS["003_0cb5bc24844fae01.txt"],
    )
    q2018 = "Đến cuối năm 2018, thị xã có 05/05 xã được công nhận xã đạt chuẩn nông thôn mới"
    q2022 = "Tính đến ngày 15/6/2022, thị xã An Khê được công nhận hoàn thành nhiệm vụ xây dựng nông thôn mới năm 2020 và có 5 xã đạt chuẩn nông thôn mới"
    derived = "Derived: mức đạt của từng xã suy ra từ '05/05 xã' (5 xã của thị xã, nêu tại [001])."
    out: dict[str, list[dict]] = defaultdict(list)
    for year, quote, doc in (("2018", q2018, doc0), ("2022", q2022, doc3)):
        for code, name, level in COMMUNES:
            if level != "xa":
                continue
            out[year].append(
                {
                    "unit_code": code,
                    "unit_name": name,
                    "criteria_set": "Nông thôn mới",
                    "level_reached": "Nông thôn mới",
                    "actual_status": "Chính thức",
                    "source_document": doc,
                    "source_quote": quote,
                    "note": derived,
                }
            )
    out["2018"].append(
        {
            "unit_code": "an-khe-tu-an-po-nang",
            "unit_name": "Làng Pờ Nang",
            "criteria_set": "Nông thôn mới",
            "level_reached": "Nông thôn mới",
            "actual_status": "Chính thức",
            "source_document": doc0,
            "source_quote": VILLAGES[0][4],
            "note": "Làng nông thôn mới theo Chỉ thị 12-CT/TU (bộ tiêu chí làng của tỉnh).",
        }
    )
    for code, name, _, _, quote in VILLAGES[1:4]:
        out["2020"].append(
            {
                "unit_code": code,
                "unit_name": name,
                "criteria_set": "Nông thôn mới",
                "level_reached": "Nông thôn mới",
                "actual_status": "Ước thực hiện",
                "source_document": doc0,
                "source_quote": quote,
                "note": "'cơ bản hoàn thành' trong năm 2020 (báo cáo dự thảo giữa năm 2020).",
            }
        )
    q2023 = "Đến nay, các xã đạt 9-14/19 tiêu chí nông thôn mới nâng cao; 4 thôn đạt 19/19 tiêu chí, 4 làng đạt 15-17/19 tiêu chí nông thôn mới."
    out["2023"] += [
        {
            "group_label": "Các xã",
            "unit_count": 5,
            "criteria_set": "Nông thôn mới nâng cao",
            "criteria_met": "9-14",
            "criteria_total": 19,
            "actual_status": "Chính thức",
            "source_document": doc1,
            "source_quote": q2023,
            "note": "Báo cáo chỉ nêu khoảng cho cả nhóm xã.",
        },
        {
            "group_label": "4 thôn",
            "unit_count": 4,
            "criteria_set": "Nông thôn mới",
            "criteria_met": 19,
            "criteria_total": 19,
            "actual_status": "Chính thức",
            "source_document": doc1,
            "source_quote": q2023,
            "note": "Không nêu tên thôn.",
        },
        {
            "group_label": "4 làng",
            "unit_count": 4,
            "criteria_set": "Nông thôn mới",
            "criteria_met": "15-17",
            "criteria_total": 19,
            "actual_status": "Chính thức",
            "source_document": doc1,
            "source_quote": q2023,
            "note": "Không nêu tên làng.",
        },
    ]
    return out


def party_rows(facts: list[dict]) -> dict[str, list[dict]]:
    by = {f["indicator_code"]: f for f in facts if f["indicator_code"] in PARTY_SHEET_CODES}
    doc = DOCS["000_f151f97fdc659180.txt"]

    def q(code: str) -> str:
        return re.sub(r"\s+", " ", by[code]["source_quote"]).strip()

    def v(code: str) -> int:
        return int(float(by[code]["value"]))

    rows = [
        {
            "block": None,
            "org_type": "Tổ chức cơ sở đảng",
            "org_count": v("party_organisations_total"),
            "source_quote": q("party_organisations_total"),
        },
        {
            "block": None,
            "org_type": "Đảng bộ cơ sở",
            "org_count": v("party_grassroots_committees"),
            "source_quote": q("party_grassroots_committees"),
        },
        {
            "block": None,
            "org_type": "Chi bộ cơ sở",
            "org_count": v("party_grassroots_cells"),
            "source_quote": q("party_grassroots_cells"),
        },
        {
            "block": None,
            "org_type": "Chi bộ trực thuộc đảng bộ cơ sở",
            "org_count": v("party_cells_under_grassroots_committees"),
            "source_quote": q("party_cells_under_grassroots_committees"),
        },
    ]
    for block, orgs, members in (
        ("Xã, phường", "party_organisations_ward_commune", "party_members_ward_commune"),
        ("Lực lượng vũ trang", "party_organisations_armed_forces", "party_members_armed_forces"),
        ("Cơ quan hành chính", "party_organisations_administrative_agencies", "party_members_administrative_agencies"),
        ("Đơn vị sự nghiệp", "party_organisations_public_service_units", "party_members_public_service_units"),
        ("Doanh nghiệp", "party_organisations_enterprises", "party_members_enterprises"),
    ):
        rows.append(
            {
                "block": block,
                "org_type": "Tổ chức cơ sở đảng",
                "org_count": v(orgs),
                "member_count": v(members),
                "source_quote": _join([q(orgs), q(members)], " | "),
            }
        )
    for r in rows:
        r.update(
            {
                "actual_status": "Chính thức",
                "source_document": doc,
                "note": by["party_organisations_total"]["note"] or None,
            }
        )
    return {"2019": rows}


def award_rows(awards: list[dict]) -> dict[str, list[dict]]:
    level = {"state": "Nhà nước", "province": "Tỉnh", "district": "Huyện, thị xã"}
    kind = {"collective": "Tập thể", "individual": "Cá nhân"}
    out: dict[str, list[dict]] = defaultdict(list)
    for a in awards:
        period = a["period"]
        is_detail = re.fullmatch(r"\d{4}", period) is not None and "Quyết định số" in a["source_quote"]
        wb = period if re.fullmatch(r"\d{4}", period) else TERM_OF[period]
        decision = re.search(r"Quyết định số [^ ]+( ngày \d{1,2}/\d{1,2}/\d{4})?", a["source_quote"])
        movement = (
            "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh (Chỉ thị 05-CT/TW)"
            if ("05" in a["award"] or "Hồ Chí Minh" in a["award"])
            else None
        )
        out[wb].append(
            {
                "award_period": None if period == wb else period,
                "award_title": a["award"],
                "level": level[a["level"]],
                "recipient_kind": kind[a["recipient_kind"]],
                "award_count": int(a["count"]),
                "decision_ref": decision.group(0) if decision and is_detail else None,
                "movement": movement,
                "part_of_summary": is_detail,
                "source_document": DOCS[a["source_file"]],
                "source_quote": re.sub(r"\s+", " ", a["source_quote"]).strip(),
                "note": "Chi tiết của số tổng hợp 2015-2020; không cộng thêm." if is_detail else None,
            }
        )
    return out


# The deadlines the town's emulation plan sets for the units under it (document 002, part III.1).
DEADLINES = {
    "2023": [
        {
            "item": "Đăng ký thi đua năm 2023",
            "due": "20/3/2023",
            "kind": "Đăng ký thi đua",
            "source_document": DOCS["002_7264c2af5e9e5fb7.txt"],
            "source_quote": "Tổ chức phát động thi đua và đăng ký thi đua năm 2023 gửi về Phòng Nội vụ, cơ quan "
            "Thường trực Hội đồng Thi đua - Khen thưởng thị xã trước ngày 20/3/2023.",
        }
    ]
}


def main(out_root: Path | None = None) -> Path:
    raw = out_root or ROOT / "data" / "raw"
    facts, awards = load_facts(), load_awards()
    catalog = build_catalog(facts)
    by_code = {c["indicator_code"]: {**c, "family": c["family"]} for c in catalog}
    codes = [c["indicator_code"] for c in catalog]
    write_workbook(
        raw / "danh-muc-chi-tieu.xlsx",
        WorkbookContent(kind="catalog", sheets={"catalog": SheetData(rows=catalog)}),
        codes,
    )

    doc1 = DOCS["001_b94cb9fb4fb50a5a.txt"]
    units = [
        {
            "code": "gia-lai",
            "name_vi": "Tỉnh Gia Lai",
            "level": "Tỉnh",
            "source_document": doc1,
            "source_quote": "Đại hội đại biểu Đảng bộ tỉnh lần thứ XVI (nhiệm kỳ 2020-2025)",
        },
        {
            "code": LOCALITY,
            "name_vi": LOCALITY_NAME,
            "level": "Thị xã",
            "parent_code": "gia-lai",
            "source_document": doc1,
            "source_quote": "thị xã An Khê",
            "note": "Ngày thành lập ghi khác nhau: 9/12/2003 ([001]) và 24/12/2003 ([002]); để trống ngày hiệu lực.",
        },
        *(
            {
                "code": c,
                "name_vi": n,
                "level": {"xa": "Xã", "phuong": "Phường"}[lvl],
                "parent_code": LOCALITY,
                "source_document": doc1,
                "source_quote": COMMUNE_QUOTE,
            }
            for c, n, lvl in COMMUNES
        ),
        *(
            {
                "code": c,
                "name_vi": n,
                "level": {"lang": "Làng", "thon": "Thôn"}[lvl],
                "parent_code": parent,
                "source_document": DOCS["000_f151f97fdc659180.txt"],
                "source_quote": quote,
            }
            for c, n, lvl, parent, quote in VILLAGES
        ),
    ]
    write_workbook(
        raw / LOCALITY / "don-vi.xlsx",
        WorkbookContent(
            kind="localities",
            locality_code=LOCALITY,
            locality_name=LOCALITY_NAME,
            sheets={"localities": SheetData(rows=units)},
        ),
        codes,
    )

    rows = indicator_rows(facts, by_code)
    ntm, party, award = ntm_rows(), party_rows(facts), award_rows(awards)
    h1 = next(f for f in facts if f["indicator_code"] == "plan_completion_rate")
    periods = sorted(set(rows) | set(ntm) | set(party) | set(award))
    for period in periods:
        term = "-" in period
        docs = sorted({d for r in rows.get(period, []) for d in (r["source_document"] or "").split("; ") if d})
        info: dict[str, object] = {
            "title": "Số liệu trích từ: " + "; ".join(docs) if docs else None,
            "prepared_by": "Văn phòng HĐND-UBND thị xã (mẫu từ tài liệu nguồn)",
        }
        if period == "2023":
            info["h1_target_pct"] = "ít nhất là 50%"
            info["h1_target_source"] = f"{DOCS[h1['source_file']]}: «{re.sub(chr(10), ' ', h1['source_quote'])}»"
        sheets = {
            "indicators": SheetData(
                rows=_group_by_family(rows.get(period, []), by_code),
                note="Ghi chú: số liệu trích nguyên văn từ tài liệu nguồn; ô trống là tài liệu không nêu.",
            )
        }
        if not term:
            sheets["ntm"] = SheetData(rows=ntm.get(period, []))
            sheets["party"] = SheetData(rows=party.get(period, []))
        sheets["awards"] = SheetData(rows=award.get(period, []))
        if period in DEADLINES:
            sheets["deadlines"] = SheetData(rows=DEADLINES[period])
        name = f"nhiem-ky-{period}.xlsx" if term else f"{period}.xlsx"
        write_workbook(
            raw / LOCALITY / name,
            WorkbookContent(
                kind="term" if term else "year",
                locality_code=LOCALITY,
                locality_name=LOCALITY_NAME,
                period=period,
                info=info,
                sheets=sheets,
            ),
            codes,
        )
    # The communes and wards whose own figures the documents give: a yearly workbook each, in the
    # unit's own folder, as a unit that reports files it.
    unit_names = {c: n for c, n, _ in COMMUNES}
    for (unit, year), unit_indicator_rows in sorted(unit_rows(by_code).items()):
        docs = sorted({r["source_document"] for r in unit_indicator_rows})
        write_workbook(
            raw / unit / f"{year}.xlsx",
            WorkbookContent(
                kind="year",
                locality_code=unit,
                locality_name=unit_names[unit],
                period=year,
                info={
                    "title": "Số liệu của đơn vị trích từ: " + "; ".join(docs),
                    "prepared_by": "Văn phòng HĐND-UBND thị xã (mẫu từ tài liệu nguồn)",
                },
                sheets={
                    "indicators": SheetData(
                        rows=_group_by_family(unit_indicator_rows, by_code),
                        note="Ghi chú: chỉ ghi số liệu tài liệu nguồn nêu riêng cho đơn vị; ô trống là tài liệu không nêu.",
                    )
                },
            ),
            codes,
        )
    return raw


if __name__ == "__main__":
    out = main()
    print(f"Sample workbooks written under {out}")
