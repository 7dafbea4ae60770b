"""Warehouses of every shape, generated: Hypothesis strategies for the loaded tables, and the real
table definitions, mart transforms and publication to turn them into a warehouse in well under a
second, without a workbook.

``shapes()`` draws a ``Shape``: one shared indicator catalog and one or two localities, each with
its units, years, congress terms, annual and term targets in every form (exact, min, max, range,
about), set by every kind of document, written in another unit, stated once or twice (either one
binding), yearly, half-year and term figures (estimates, official, only a % of plan, only a
comparison, zero, huge, written with more decimals than the catalog shows, with a qualifier, as a
ratio of counts, in another unit), the locality's own names for indicators, figures of its communes
that it reports (``reported_by``), new-rural-area figures at every grain (per criterion of the set
in force that year — 10 criteria from 2026 — a count, a range for a group such as 'Các xã', the
level a unit or a group reached, a dossier filed), party organisations with and without block or
rating (ratings in the words of their era), awards for years, terms and sub-periods of a term (levels
as written, collectives and individuals together), and the load's own bookkeeping — with every
column the schema lets be empty sometimes empty. ``build(shape, path)`` writes the tables with ``pipelines.warehouse`` (``ensure_schema``,
``insert``), computes the marts with ``pipelines.transforms.marts`` as the marts asset does, and
publishes the file with ``pipelines.warehouse.publish``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import duckdb
import polars as pl
from hypothesis import strategies as st

from analysis.queries import Reader
from pipelines.transforms.marts import target_vs_actual, term_progress
from pipelines.warehouse import ensure_schema, insert, publish, read_table
from schemas.vocab import (
    AGGREGATION,
    AWARD_LEVEL,
    COMMUNE_LEVELS,
    DIRECTION,
    FAMILY,
    NTM_LEVEL,
    PARTY_ORG_TYPE,
    PARTY_RATING,
    QUALIFIER,
    RECIPIENT_KIND,
    TARGET_SOURCE,
    ntm_criteria_version,
)

LOADED_AT = datetime(2026, 11, 20, 3, 15)
RUN_ID = "shapes"
TERMS = ("2010-2015", "2015-2020", "2020-2025", "2025-2030")

LOCALITY_NAMES = (
    "Thành phố Pleiku",
    "Thị xã An Khê",
    "Huyện Chư Păh",
    "Thị xã Ayun Pa",
    "Tỉnh Gia Lai",
    "Thành phố Buôn Ma Thuột thuộc tỉnh Đắk Lắk, đô thị loại I trung tâm vùng Tây Nguyên",
)
COMMUNE_NAMES = ("Xã Ia Kla", "Phường Tây Sơn", "Xã Song An", "Thị trấn Đak Đoa", "Xã Ia Hrung Ia Grăng Ia Bă")
COMMUNE_LEVEL_OF = (("Phường", "phuong"), ("Thị trấn", "thi_tran"), ("", "xa"))
VILLAGE_LEVEL_OF = (("Làng", "lang"), ("Tổ dân phố", "to_dan_pho"), ("", "thon"))
VILLAGE_NAMES = ("Làng Pốt", "Thôn 1", "Tổ dân phố 3", "Làng Kép Ngoài Rất Dài Tên Theo Tiếng Bahnar")
INDICATOR_NAMES = (
    "Tổng giá trị sản xuất",
    "Tỷ lệ hộ nghèo (đa chiều)",
    "Số đảng viên được kết nạp",
    "Đường giao thông nông thôn được cứng hóa",
    "Thu ngân sách nhà nước trên địa bàn",
    "Tỷ lệ chất thải rắn sinh hoạt đô thị được thu gom, vận chuyển và xử lý đúng quy định theo tiêu chuẩn",
    "Tốc độ tăng trưởng",
    "Số lao động có việc làm",
)
UNITS = ("%", "tỷ đồng", "đảng viên", "km", "người", "%/năm", "hộ", "triệu đồng/người")
# Figures as reports write them: zero, small, with more decimals than a catalog shows, huge, negative.
VALUES = (
    0.0,
    0.5,
    1.42,
    12.5,
    12.345,
    18.625,
    74.0,
    75.0,
    370.0,
    7978.01,
    18797.39,
    46918.0,
    123456789.125,
    9.5e9,
    -1.81,
)
NTM_GROUPS = ("Các xã", "7 xã", "4 làng", "Các thôn, làng còn lại")
BLOCKS = ("Xã, phường", "Lực lượng vũ trang", "Doanh nghiệp", "Cơ quan hành chính, sự nghiệp và các đơn vị khác")
AWARD_TITLES = (
    "Bằng khen của Chủ tịch UBND tỉnh",
    "Giấy khen của Chủ tịch UBND thị xã",
    "Cờ thi đua của Chính phủ",
    "Tập thể lao động tiên tiến",
    "Bằng khen của Thủ tướng Chính phủ – sơ kết 03 năm thực hiện Chỉ thị 05-CT/TW về học tập và làm theo tư tưởng",
)
DOCUMENTS = (
    "[001] Bài viết 'Những thành tựu đáng tự hào' (tháng 02/2024)",
    "[002] Báo cáo kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội",
    None,
)
ISSUE_RULES = ("parse_actual", "unknown_indicator", "target_unparsed")
# A locality's own names for indicators, beside the catalog's (some with characters Markdown and Plotly read).
LOCAL_NAMES = (
    "Thu ngân sách trên địa bàn thành phố (kể cả thu tiền sử dụng đất, chưa tính ghi thu ghi chi)",
    "Tỷ lệ hộ nghèo <đa chiều> & *cận nghèo* [theo chuẩn 2022–2025]",
    "Kết nạp đảng viên mới",
)
# Units a cell writes its figure in when it is not the catalog's, and the factor from the catalog's
# unit to it (the load converts back: '11,6‰' is 1,16%; '468.215 triệu đồng' is 468,215 tỷ đồng).
WRITTEN_UNITS: dict[str, tuple[tuple[str, float], ...]] = {
    "%": (("‰", 10.0), ("phần nghìn", 10.0)),
    "%/năm": (("%", 1.0), ("‰/năm", 10.0)),
    "tỷ đồng": (("triệu đồng", 1000.0), ("nghìn tỷ đồng", 0.001)),
    "đảng viên": (("người", 1.0),),
    "km": (("m", 1000.0),),
    "người": (("nghìn người", 0.001), ("lao động", 1.0)),
    "hộ": (("nghìn hộ", 0.001),),
    "triệu đồng/người": (("nghìn đồng/người", 1000.0),),
}
# Award levels as the reports word them (by the level the load maps them to), and party ratings in
# the words of their era (by today's code).
LEVEL_TEXTS = {
    "state": ("Chủ tịch nước", "Nhà nước", "cấp Nhà nước"),
    "government": ("Thủ tướng Chính phủ", "Chính phủ"),
    "ministry": ("Bộ Công an", "bộ, ngành, đoàn thể trung ương", "Trung ương Đoàn"),
    "province": ("UBND tỉnh", "cấp tỉnh", "cấp thành phố"),  # a centrally-run city's own
    "district": ("cấp thành phố", "cấp huyện", "quận", "thị xã"),  # a city of a province's own
    "commune": ("cấp xã", "phường", "xã, phường, thị trấn"),
}
RATING_TEXTS = {
    "xuat_sac": ("Trong sạch, vững mạnh", "Trong sạch vững mạnh tiêu biểu", "Hoàn thành xuất sắc nhiệm vụ"),
    "tot": ("Vững mạnh", "Hoàn thành tốt nhiệm vụ"),
    "hoan_thanh": ("Khá", "Trung bình", "Hoàn thành nhiệm vụ"),
    "khong_hoan_thanh": ("Yếu kém", "Không hoàn thành nhiệm vụ"),
}


@dataclass
class Locality:
    """One town, city or district and what its workbooks said."""

    code: str
    name: str
    years: list[str]
    terms: list[str]
    units: list[dict] = field(default_factory=list)
    targets: list[dict] = field(default_factory=list)
    actuals: list[dict] = field(default_factory=list)
    ntm: list[dict] = field(default_factory=list)
    party: list[dict] = field(default_factory=list)
    awards: list[dict] = field(default_factory=list)
    workbooks: list[dict] = field(default_factory=list)
    load_log: list[dict] = field(default_factory=list)
    issues: list[dict] = field(default_factory=list)
    quarantine: list[dict] = field(default_factory=list)

    @property
    def periods(self) -> list[str]:
        return [*self.years, *self.terms]


@dataclass
class Shape:
    """A generated warehouse's loaded tables. ``written_decimals``: the marts carry the decimals each
    source cell was written with (``actual_decimals``, ``target_decimals``); a warehouse built before
    those columns existed has none."""

    catalog: list[dict]
    localities: list[Locality]
    written_decimals: bool = True

    def rows(self, table: str) -> list[dict]:
        attr = {
            "localities": "units",
            "indicator_targets": "targets",
            "indicator_actuals": "actuals",
            "ntm_criteria": "ntm",
            "party_organisations": "party",
            "awards": "awards",
            "workbooks": "workbooks",
            "load_log": "load_log",
            "validation_issues": "issues",
            "quarantine": "quarantine",
        }[table]
        return [r for loc in self.localities for r in getattr(loc, attr)]

    def __repr__(self) -> str:  # what Hypothesis prints for a failing example
        lines = [f"Shape(catalog={self.catalog!r},"]
        for loc in self.localities:
            lines.append(f"  {loc!r},")
        return "\n".join(lines) + ")"


def vn(value: float) -> str:
    """A figure as a clerk types it ('7.978,01')."""
    text = f"{value:,.3f}".rstrip("0").rstrip(".")
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def written_decimals(value: float | None) -> int | None:
    """Decimals a clerk wrote for ``value`` (what the source cell shows)."""
    if value is None:
        return None
    text = f"{value:.3f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def _source(draw: st.DrawFn, file: str, sheet: str) -> dict:
    return {
        "source_file": file,
        "source_sheet": sheet,
        "source_row": draw(st.integers(1, 400)),
        "source_document": draw(st.sampled_from(DOCUMENTS)),
        "source_quote": draw(st.sampled_from(("đạt 18.797,39 tỷ đồng, bằng 100,3% kế hoạch", None))),
    }


def _maybe(draw: st.DrawFn, value: object) -> object:
    return value if draw(st.booleans()) else None


@st.composite
def catalog_rows(draw: st.DrawFn) -> list[dict]:
    n = draw(st.integers(1, 5))
    names = draw(st.lists(st.sampled_from(INDICATOR_NAMES), min_size=n, max_size=n, unique=True))
    rows = []
    for i, name in enumerate(names):
        rows.append(
            {
                "indicator_code": f"ind_{i}",
                "name_vi": name,
                "name_en": _maybe(draw, f"Indicator {i}"),
                "unit": draw(st.sampled_from(UNITS)),
                "unit_aliases": None,
                "family": draw(st.sampled_from(FAMILY.codes)),
                "direction": draw(st.sampled_from(DIRECTION.codes)),
                "aggregation": draw(st.sampled_from(AGGREGATION.codes)),
                "decimals": draw(st.integers(0, 4)),
                "min_value": None,
                "max_value": None,
                "description": None,
                "source_file": "danh-muc-chi-tieu.xlsx",
                "source_sheet": "Danh mục chỉ tiêu",
                "source_row": i + 2,
                "source_document": None,
                "source_quote": None,
            }
        )
    return rows


def _target_form(draw: st.DrawFn, written: tuple[str, float] | None = None) -> dict:
    """A target in one of the forms a resolution writes, with its text as written: in the catalog's
    unit, or in ``written`` (a unit and its factor from the catalog's: 'dưới 12‰' for at most 1,2%)."""
    form = draw(st.sampled_from(("exact", "min", "max", "range", "about")))
    value = draw(st.sampled_from(VALUES))

    def w(x: float) -> str:
        return vn(x) if written is None else vn(x * written[1])

    suffix = "" if written is None else (written[0] if written[0][0] in "%‰" else f" {written[0]}")
    if form == "range":
        high = value + draw(st.sampled_from((0.2, 1.0, 50.0)))
        return {
            "target_form": form,
            "target_low": value,
            "target_high": high,
            "target_text": f"{w(value)}–{w(high)}{suffix}",
        }
    text = {"exact": "{}", "min": "trên {}", "max": "dưới {}", "about": "khoảng {}"}[form].format(w(value)) + suffix
    return {
        "target_form": form,
        "target_low": None if form == "max" else value,
        "target_high": None if form == "min" else value,
        "target_text": text,
    }


def _local_name(draw: st.DrawFn, ind: dict) -> str | None:
    """The locality's own name for an indicator: none, the catalog's, or its own words (some with
    characters Markdown and Plotly read as syntax)."""
    return draw(st.sampled_from((None, ind["name_vi"], f"{ind['name_vi']} trên địa bàn thị xã", *LOCAL_NAMES)))


def _written_unit(draw: st.DrawFn, unit: str) -> tuple[str, float] | None:
    """Another unit the report writes a figure of ``unit`` in, a time in five (None: the catalog's)."""
    others = WRITTEN_UNITS.get(unit, ())
    return draw(st.sampled_from(others)) if others and draw(st.integers(0, 4)) == 0 else None


def _statement(draw: st.DrawFn, row: dict) -> dict:
    written = _written_unit(draw, row["unit"])
    out = {**row, **_target_form(draw, written), "unit_written": None if written is None else written[0]}
    out["target_decimals"] = written_decimals(
        out["target_low"] if out["target_low"] is not None else out["target_high"]
    )
    return out


def _statements(draw: st.DrawFn, row: dict) -> list[dict]:
    """A target as one statement, or stated twice (objectives, measures; once in another unit, 'dưới 12‰'
    and 'dưới 1,2%') with one of the two binding, each set by its own kind of document or by none said."""
    first = {**_statement(draw, row), "statement": 1, "is_binding": True}
    if draw(st.integers(0, 3)):
        return [first]
    second = {
        **_statement(draw, first),
        "statement": 2,
        "is_binding": False,
        "source_row": row["source_row"] + 200,
        "indicator_name": _maybe(draw, "Chỉ tiêu nêu lại ở phần giải pháp"),
        "target_source_kind": draw(st.sampled_from((first["target_source_kind"], *TARGET_SOURCE.codes))),
    }
    if draw(st.booleans()):  # 'Chỉ tiêu áp dụng' on the second
        first["is_binding"], second["is_binding"] = False, True
    return [first, second]


def _as_written(draw: st.DrawFn, value: float | None, unit: str, comparison: str | None) -> dict:
    """How a cell wrote the figure: a plain number, with a qualifier ('gần 72%'), as a ratio of counts
    ('120/150 làng', the share for a % indicator), in another unit ('11,6‰'), or only a comparison."""
    out = {
        "value": value,
        "value_text": None,
        "value_qualifier": None,
        "value_decimals": _maybe(draw, written_decimals(value)),
        "value_count": None,
        "value_denominator": None,
        "value_written": None,
        "unit_written": None,
    }
    if value is None:
        return out | {"value_text": comparison, "value_decimals": None}
    written = WRITTEN_UNITS.get(unit)
    how = draw(st.sampled_from(("plain", "plain", "qualified", "ratio", "converted", "qualified_converted")))
    if how == "qualified":
        qualifier = draw(st.sampled_from(QUALIFIER.codes))
        sign = "%" if unit.startswith("%") and draw(st.booleans()) else ""
        out |= {
            "value_qualifier": qualifier,
            "value_text": f"{QUALIFIER.label(qualifier).lower()} {vn(value)}{sign}",
        }
    elif how == "ratio":
        count = draw(st.sampled_from((0, 2, 18, 120)))
        den = count + draw(st.sampled_from((0, 2, 30)))
        if den == 0:
            den = 1
        shown = count / den * 100 if unit.startswith("%") else float(count)
        out |= {
            "value": shown,
            "value_count": float(count),
            "value_denominator": float(den),
            "value_text": f"{count}/{den} {draw(st.sampled_from(('xã', 'làng', 'thôn, tổ')))}",
            "value_decimals": _maybe(draw, written_decimals(round(shown, 3))),
        }
    elif how in ("converted", "qualified_converted") and written:
        written_unit, factor = draw(st.sampled_from(written))
        text = vn(value * factor) + (written_unit if written_unit[0] in "%‰" else f" {written_unit}")
        out |= {"value_written": value * factor, "unit_written": written_unit, "value_text": text}
        if how == "qualified_converted":  # 'gần 12‰'
            qualifier = draw(st.sampled_from(QUALIFIER.codes))
            out |= {"value_qualifier": qualifier, "value_text": f"{QUALIFIER.label(qualifier).lower()} {text}"}
    return out


def _term_years(term: str) -> tuple[int, int]:
    start, end = term.split("-")
    return int(start), int(end)


@st.composite
def locality(draw: st.DrawFn, index: int, catalog: list[dict]) -> Locality:
    code = f"dv-{index}"
    first = draw(st.integers(2014, 2022))
    years = sorted(
        draw(st.lists(st.integers(first, first + 6), min_size=1, max_size=5, unique=True).map(lambda ys: ys))
    )
    years = [str(y) for y in years]
    terms = sorted(draw(st.lists(st.sampled_from(TERMS), max_size=2, unique=True)))
    name = draw(st.sampled_from(LOCALITY_NAMES))
    loc = Locality(code, name, years, terms)

    # Units: the locality itself, communes, villages (some with two validity spans: a merge).
    loc.units.append(
        {
            "locality_code": code,
            "name_vi": name,
            # A province after the 2025 reform holds communes and wards directly.
            "level": "tinh" if name.startswith("Tỉnh") else draw(st.sampled_from(("thanh_pho", "thi_xa", "huyen"))),
            "parent_code": None,
            "valid_from": None,
            "valid_to": None,
            "note": None,
            "source_file": f"{code}/don-vi.xlsx",
            "source_sheet": "Đơn vị hành chính",
            "source_row": 2,
            "source_document": None,
            "source_quote": None,
        }
    )
    communes = draw(st.lists(st.sampled_from(COMMUNE_NAMES), max_size=3, unique=True))
    for i, commune in enumerate(communes):
        loc.units.append(
            {
                **loc.units[0],
                "locality_code": f"{code}-xa-{i}",
                "name_vi": commune,
                "level": next(lv for word, lv in COMMUNE_LEVEL_OF if commune.startswith(word)),
                "parent_code": code,
                "source_row": 3 + i,
            }
        )
        if draw(st.booleans()):
            village = draw(st.sampled_from(VILLAGE_NAMES))
            loc.units.append(
                {
                    **loc.units[0],
                    "locality_code": f"{code}-xa-{i}-thon",
                    "name_vi": village,
                    "level": next(lv for word, lv in VILLAGE_LEVEL_OF if village.startswith(word)),
                    "parent_code": f"{code}-xa-{i}",
                    "valid_from": _maybe(draw, date(2018, 1, 1)),
                    "source_row": 10 + i,
                }
            )

    def file_of(period: str) -> str:
        return f"{code}/{period}.xlsx" if "-" not in period else f"{code}/nhiem-ky-{period}.xlsx"

    common = {"locality_code": code, "loaded_at": LOADED_AT, "run_id": RUN_ID}
    communes_of = [u for u in loc.units[1:] if u["level"] in COMMUNE_LEVELS]
    for ind in catalog:
        unit = ind["unit"]
        for year in years:
            if draw(st.booleans()):
                loc.targets += _statements(
                    draw,
                    {
                        **common,
                        **_source(draw, file_of(year), "Chỉ tiêu"),
                        "indicator_code": ind["indicator_code"],
                        "period": year,
                        "period_kind": "year",
                        "target_kind": "annual",
                        "unit": unit,
                        "target_document": _maybe(draw, f"Nghị quyết số 12/NQ-HĐND năm {int(year) - 1}"),
                        "target_source_kind": draw(st.sampled_from((None, *TARGET_SOURCE.codes))),
                        "indicator_name": _local_name(draw, ind),
                        "baseline_year": None,
                        "baseline_value": None,
                        "note": _maybe(draw, "Chỉ tiêu năm theo nghị quyết HĐND."),
                    },
                )
            if draw(st.booleans()):
                value = _maybe(draw, draw(st.sampled_from(VALUES)))
                pct = draw(st.sampled_from((None, 100.3, 95.0, 0.0)))
                comparison = _maybe(draw, "tăng 12,83% so với năm trước")
                if value is None and pct is None and comparison is None:
                    pct = 101.35
                loc.actuals.append(
                    {
                        **common,
                        **_source(draw, file_of(year), "Chỉ tiêu"),
                        **_as_written(draw, value, unit, comparison),
                        "indicator_code": ind["indicator_code"],
                        "period": year,
                        "period_kind": "year",
                        "covered_from": int(year),
                        "covered_to": int(year),
                        "actual_status": draw(st.sampled_from(("estimate", "official"))),
                        "reported_pct": pct,
                        "reported_grade": draw(st.sampled_from((None, None, "vuot", "dat", "khong_dat"))),
                        "comparison_text": comparison,
                        "unit": unit,
                        "indicator_name": _local_name(draw, ind),
                        "note": _maybe(draw, "Số liệu ước thực hiện cả năm."),
                        "revision": 1,
                        "is_current": True,
                        "superseded_at": None,
                    }
                )
                if draw(st.integers(0, 4)) == 0:
                    half = draw(st.sampled_from(VALUES))
                    loc.actuals.append(
                        {
                            **loc.actuals[-1],
                            **_as_written(draw, half, unit, None),
                            "period": f"{year}-H1",
                            "period_kind": "half_year",
                            "reported_pct": None,
                            "reported_grade": None,
                            "comparison_text": None,
                        }
                    )
            # A commune's figure in the locality's own report ('Tỷ lệ hộ nghèo xã Ea Tu'): reported_by.
            if communes_of and draw(st.integers(0, 5)) == 0:
                commune = draw(st.sampled_from(communes_of))
                unit_row = {
                    **common,
                    **_source(draw, file_of(year), "Chỉ tiêu"),
                    "locality_code": commune["locality_code"],
                    "reported_by": code,
                    "indicator_code": ind["indicator_code"],
                    "period": year,
                    "unit": unit,
                    "indicator_name": _maybe(draw, f"{ind['name_vi']} {commune['name_vi'].lower()}"),
                    "note": None,
                }
                if draw(st.booleans()):
                    loc.targets.append(
                        {
                            **unit_row,
                            **_target_form(draw),
                            "statement": 1,
                            "is_binding": True,
                            "period_kind": "year",
                            "target_kind": "annual",
                            "target_document": None,
                            "target_source_kind": "council",
                            "baseline_year": None,
                            "baseline_value": None,
                        }
                    )
                value = draw(st.sampled_from(VALUES))
                loc.actuals.append(
                    {
                        **unit_row,
                        **_as_written(draw, value, unit, None),
                        "period_kind": "year",
                        "covered_from": int(year),
                        "covered_to": int(year),
                        "actual_status": draw(st.sampled_from(("estimate", "official"))),
                        "reported_pct": None,
                        "reported_grade": None,
                        "comparison_text": None,
                        "revision": 1,
                        "is_current": True,
                        "superseded_at": None,
                    }
                )
        for term in terms:
            start, end = _term_years(term)
            if draw(st.booleans()):
                loc.targets += _statements(
                    draw,
                    {
                        **common,
                        **_source(draw, file_of(term), "Chỉ tiêu nhiệm kỳ"),
                        "indicator_code": ind["indicator_code"],
                        "period": term,
                        "period_kind": "term",
                        "target_kind": draw(st.sampled_from(("average_rate", "end_level", "cumulative", "threshold"))),
                        "unit": unit,
                        "target_document": _maybe(draw, f"Nghị quyết Đại hội Đảng bộ nhiệm kỳ {term}"),
                        "target_source_kind": draw(st.sampled_from((None, "congress", *TARGET_SOURCE.codes))),
                        "indicator_name": _local_name(draw, ind),
                        "baseline_year": _maybe(draw, start),
                        "baseline_value": _maybe(draw, draw(st.sampled_from(VALUES))),
                        "note": None,
                    },
                )
            # A target the term's report sets for one of its communes ('xã X đạt chuẩn nông thôn mới').
            if communes_of and draw(st.integers(0, 5)) == 0:
                commune = draw(st.sampled_from(communes_of))
                loc.targets += _statements(
                    draw,
                    {
                        **common,
                        **_source(draw, file_of(term), "Chỉ tiêu nhiệm kỳ"),
                        "locality_code": commune["locality_code"],
                        "reported_by": code,
                        "indicator_code": ind["indicator_code"],
                        "period": term,
                        "period_kind": "term",
                        "target_kind": draw(st.sampled_from(("end_level", "threshold"))),
                        "unit": unit,
                        "target_document": None,
                        "target_source_kind": draw(st.sampled_from((None, "congress", "programme"))),
                        "indicator_name": _maybe(draw, f"{commune['name_vi']} đạt chuẩn"),
                        "baseline_year": None,
                        "baseline_value": None,
                        "note": None,
                    },
                )
            if draw(st.integers(0, 2)) == 0:
                covered_to = draw(st.integers(start + 1, end))
                # A level, or only a comparison with the term's first year ('tăng 150% so với năm 2015').
                value = draw(st.sampled_from((*VALUES, None)))
                comparison = None if value is not None else f"tăng 150% so với năm {start}"
                loc.actuals.append(
                    {
                        **common,
                        **_source(draw, file_of(term), "Chỉ tiêu nhiệm kỳ"),
                        **_as_written(draw, value, unit, comparison),
                        "indicator_code": ind["indicator_code"],
                        "period": term,
                        "period_kind": "term",
                        "covered_from": _maybe(draw, start + 1),
                        "covered_to": covered_to,
                        "actual_status": draw(st.sampled_from(("estimate", "official"))),
                        "reported_pct": None,
                        "reported_grade": draw(st.sampled_from((None, "dat"))),
                        "comparison_text": comparison,
                        "unit": unit,
                        "indicator_name": _local_name(draw, ind),
                        "note": None,
                        "revision": 1,
                        "is_current": True,
                        "superseded_at": None,
                    }
                )

    # New rural areas: per criterion, a count, a range for a group, a level reached.
    unit_rows = [u for u in loc.units[1:] if u.get("valid_from") is None]
    for year in years:
        # The national set in force that year: its numbering and its count (10 criteria from 2026).
        version = ntm_criteria_version(int(year))
        for grain in draw(
            st.lists(st.sampled_from(("criteria", "count", "group", "level", "group_level")), max_size=3)
        ):
            base = {
                **common,
                **_source(draw, file_of(year), "Nông thôn mới"),
                "period": year,
                "unit_code": None,
                "unit_name": None,
                "unit_level": None,
                "group_label": None,
                "unit_count": None,
                "criteria_set": draw(st.sampled_from(("ntm", "ntm_nang_cao", "ntm_kieu_mau"))),
                "criterion_no": None,
                "criterion_met": None,
                "criteria_met": None,
                "criteria_met_max": None,
                "criteria_version": _maybe(draw, version.version),
                "criteria_total": version.count,
                "level_reached": None,
                "actual_status": draw(st.sampled_from(("estimate", "official"))),
                "note": _maybe(draw, "Không nêu tên xã."),
            }
            if grain.startswith("group") or not unit_rows:
                label = draw(st.sampled_from(NTM_GROUPS))
                base |= {"group_label": label, "unit_count": int(label[0]) if label[0].isdigit() else None}
            else:
                unit = draw(st.sampled_from(unit_rows))
                base |= {
                    "unit_code": unit["locality_code"],
                    "unit_name": _maybe(draw, unit["name_vi"]),
                    "unit_level": _maybe(draw, unit["level"]),
                }
            if grain == "criteria" and base["unit_code"] is not None:
                met = draw(st.lists(st.booleans(), min_size=1, max_size=version.count))
                rows = [base | {"criterion_no": no, "criterion_met": m} for no, m in enumerate(met, start=1)]
            elif grain in ("count", "group", "criteria"):
                low = draw(st.integers(0, version.count))
                high = draw(st.sampled_from((None, min(version.count, low + 5))))
                rows = [base | {"criteria_met": low, "criteria_met_max": high if high != low else None}]
            else:
                rows = [base | {"level_reached": draw(st.sampled_from(NTM_LEVEL.codes))}]
            keys = {
                (r["unit_code"], r["group_label"], r["criteria_set"], r["criterion_no"])
                for r in loc.ntm
                if r["period"] == year
            }
            loc.ntm += [
                r for r in rows if (r["unit_code"], r["group_label"], r["criteria_set"], r["criterion_no"]) not in keys
            ]

    # Party organisations: with and without block, rating, counts.
    for year in years:
        seen = set()
        for _ in range(draw(st.integers(0, 3))):
            row = {
                **common,
                **_source(draw, file_of(year), "Xây dựng Đảng"),
                "period": year,
                "block": _maybe(draw, draw(st.sampled_from(BLOCKS))),
                "org_type": draw(st.sampled_from(PARTY_ORG_TYPE.codes)),
                "rating": _maybe(draw, draw(st.sampled_from(PARTY_RATING.codes))),
                "rating_text": None,
                "org_count": _maybe(draw, draw(st.sampled_from((0, 1, 11, 49, 120000)))),
                "member_count": _maybe(draw, draw(st.sampled_from((0, 157, 1767, 2457000)))),
                "actual_status": draw(st.sampled_from(("estimate", "official"))),
                "note": None,
            }
            if row["org_count"] is None and row["member_count"] is None:
                row["org_count"] = 2
            if row["rating"] is not None:  # as written in its era, or not written at all
                row["rating_text"] = draw(st.sampled_from((None, *RATING_TEXTS[row["rating"]])))
            key = (row["block"], row["org_type"], row["rating"])
            if key not in seen:
                seen.add(key)
                loc.party.append(row)

    # Awards: for a year, a whole term, or a span inside a term (2016-2019 in 2015-2020).
    spans = [(y, "year", y) for y in years]
    for term in terms:
        start, end = _term_years(term)
        spans += [(term, "term", term), (f"{start + 1}-{end - 1}", "term", term), (str(start + 1), "year", term)]
    seen = set()
    for _ in range(draw(st.integers(0, 5))):
        period, kind, file_period = draw(st.sampled_from(spans))
        row = {
            **common,
            **_source(draw, file_of(file_period), "Thi đua khen thưởng"),
            "period": period,
            "period_kind": kind,
            "file_period": file_period,
            "award_title": draw(st.sampled_from(AWARD_TITLES)),
            "level": draw(st.sampled_from(AWARD_LEVEL.codes)),
            "level_text": None,
            "recipient_kind": draw(st.sampled_from(RECIPIENT_KIND.codes)),
            "award_count": draw(st.sampled_from((1, 12, 232, 1506, 2500000))),
            "decision_ref": _maybe(draw, "Quyết định số 626/QĐ-CTN"),
            "movement": _maybe(draw, "Phong trào thi đua yêu nước"),
            "part_of_summary": draw(st.booleans()),
            "note": None,
        }
        row["level_text"] = draw(st.sampled_from((None, None, *LEVEL_TEXTS[row["level"]])))
        key = (
            period,
            row["award_title"],
            row["level"],
            row["recipient_kind"],
            row["decision_ref"],
            row["part_of_summary"],
        )
        if key not in seen:
            seen.add(key)
            loc.awards.append(row)

    # The load's own bookkeeping: a workbook per period with figures, its load, an issue or two.
    for period in loc.periods:
        file = file_of(period)
        loc.workbooks.append(
            {
                "locality_code": code,
                "period": period,
                "period_kind": "term" if "-" in period else "year",
                "file": file,
                "file_hash": "0" * 64,
                "title": _maybe(draw, f"Báo cáo kết quả năm {period}"),
                "report_date": _maybe(draw, date(2024, 1, 15)),
                "prepared_by": _maybe(draw, "Văn phòng HĐND-UBND"),
                "h1_target_pct": 50.0,
                "h1_target_source": None,
                "loaded_at": LOADED_AT,
            }
        )
        status = draw(st.sampled_from(("loaded", "loaded", "failed", "skipped")))
        loc.load_log.append(
            {
                "asset": draw(st.sampled_from(("indicators", "ntm_criteria", "awards"))),
                "locality_code": code,
                "period": period,
                "file": file,
                "file_hash": _maybe(draw, "0" * 64),
                "file_modified_at": _maybe(draw, LOADED_AT),
                "status": status,
                "rows_read": draw(st.integers(0, 50)),
                "rows_loaded": draw(st.integers(0, 50)),
                "rows_rejected": draw(st.integers(0, 3)),
                "warnings": draw(st.integers(0, 3)),
                "run_id": RUN_ID,
                "loaded_at": LOADED_AT,
            }
        )
        if draw(st.integers(0, 3)) == 0:
            severity = draw(st.sampled_from(("error", "warning")))
            loc.issues.append(
                {
                    "asset": "indicator_actuals",
                    "locality_code": code,
                    "period": period,
                    "file": file,
                    "sheet": _maybe(draw, "Chỉ tiêu"),
                    "row": _maybe(draw, 17),
                    "column": _maybe(draw, "H (Thực hiện cả năm)"),
                    "value": _maybe(draw, "12,5,3"),
                    "rule": draw(st.sampled_from(ISSUE_RULES)),
                    "severity": severity,
                    "message_vi": "Số thực hiện không phải là số (ví dụ đúng: 7.978,01).",
                    "message_en": "The actual is not a number (e.g. 7.978,01).",
                    "run_id": RUN_ID,
                    "detected_at": LOADED_AT,
                }
            )
            if severity == "error" and draw(st.booleans()):
                loc.quarantine.append(
                    {
                        "asset": "indicator_actuals",
                        "locality_code": code,
                        "period": period,
                        "file": file,
                        "sheet": "Chỉ tiêu",
                        "row": 17,
                        "cells": '{"Mã chỉ tiêu": "ind_0", "Thực hiện cả năm": "12,5,3", "Ghi chú": null}',
                        "rules": "parse_actual",
                        "run_id": RUN_ID,
                        "detected_at": LOADED_AT,
                    }
                )
    return loc


@st.composite
def shapes(draw: st.DrawFn) -> Shape:
    """A catalog and one or two localities with figures of every shape."""
    catalog = draw(catalog_rows())
    n = draw(st.integers(1, 2))
    localities = [draw(locality(i, catalog)) for i in range(n)]
    return Shape(catalog, localities, written_decimals=draw(st.booleans()))


# --- warehouses -------------------------------------------------------------------------------

LOADED_TABLES = (
    "indicator_catalog",
    "localities",
    "indicator_targets",
    "indicator_actuals",
    "ntm_criteria",
    "party_organisations",
    "awards",
    "workbooks",
    "load_log",
    "validation_issues",
    "quarantine",
)


def _frame(rows: list[dict]) -> pl.DataFrame:
    return pl.DataFrame(rows, infer_schema_length=None, strict=False)


def write(conn: duckdb.DuckDBPyConnection, shape: Shape) -> None:
    """The loaded tables with the real table definitions, then the marts as the marts asset computes them."""
    ensure_schema(conn)
    for table in LOADED_TABLES:
        rows = shape.catalog if table == "indicator_catalog" else shape.rows(table)
        if rows:
            insert(conn, table, _frame(rows))
    catalog = read_table(conn, "indicator_catalog")
    units = read_table(conn, "localities")
    targets = read_table(conn, "indicator_targets")
    actuals = read_table(conn, "indicator_actuals", "is_current")
    revisions = conn.sql(
        "SELECT locality_code, indicator_code, period, count(*) AS revisions FROM indicator_actuals GROUP BY ALL"
    ).pl()
    books = read_table(conn, "workbooks")
    progress = term_progress(targets, actuals, catalog)
    mart = target_vs_actual(targets, actuals, revisions, catalog, units, books, progress)
    insert(conn, "mart_term_progress", progress)
    insert(conn, "mart_target_vs_actual", mart)
    _written_decimals(conn, shape)


def _written_decimals(conn: duckdb.DuckDBPyConnection, shape: Shape) -> None:
    """The decimals written in the source cells, in the marts (``actual_decimals``, ``target_decimals``)
    and ``indicator_actuals`` (``value_decimals``): filled in here when the models do not define them
    yet, dropped when the shape is of a warehouse that has none."""
    columns = {
        (t, c)
        for t, c in conn.sql(
            "SELECT table_name, column_name FROM duckdb_columns() WHERE schema_name = 'main'"
        ).fetchall()
    }
    wanted = {"mart_target_vs_actual": ("actual_decimals", "target_decimals"), "indicator_actuals": ("value_decimals",)}
    if not shape.written_decimals:
        for table, names in wanted.items():
            for name in names:
                if (table, name) in columns:
                    conn.execute(f'ALTER TABLE "{table}" DROP COLUMN "{name}"')
        return
    for table, names in wanted.items():
        for name in names:
            if (table, name) not in columns:
                conn.execute(f'ALTER TABLE "{table}" ADD COLUMN "{name}" BIGINT')
    written = pl.DataFrame(  # noqa: F841 (read by DuckDB)
        [
            {"k": r["locality_code"], "i": r["indicator_code"], "p": r["period"], "d": r.get("value_decimals")}
            for r in shape.rows("indicator_actuals")
        ],
        schema={"k": pl.Utf8, "i": pl.Utf8, "p": pl.Utf8, "d": pl.Int64},
    )
    targets = pl.DataFrame(  # noqa: F841
        [
            {
                "k": r["locality_code"],
                "i": r["indicator_code"],
                "p": r["period"],
                "d": written_decimals(r["target_low"] if r["target_low"] is not None else r["target_high"]),
            }
            for r in shape.rows("indicator_targets")
        ],
        schema={"k": pl.Utf8, "i": pl.Utf8, "p": pl.Utf8, "d": pl.Int64},
    )
    if written.height and ("indicator_actuals", "value_decimals") not in columns:
        conn.execute(
            "UPDATE indicator_actuals a SET value_decimals = w.d FROM written w"
            " WHERE a.locality_code = w.k AND a.indicator_code = w.i AND a.period = w.p"
        )
    if ("mart_target_vs_actual", "actual_decimals") not in columns:
        if written.height:
            conn.execute(
                "UPDATE mart_target_vs_actual m SET actual_decimals = w.d FROM written w"
                " WHERE m.locality_code = w.k AND m.indicator_code = w.i AND m.period = w.p AND m.actual IS NOT NULL"
            )
        if targets.height:
            conn.execute(
                "UPDATE mart_target_vs_actual m SET target_decimals = t.d FROM targets t"
                " WHERE m.locality_code = t.k AND m.indicator_code = t.i AND m.period = t.p"
            )


def build(shape: Shape, path: Path) -> Path:
    """The published warehouse at ``path`` (a working copy beside it is written, then published)."""
    staging = path.with_name(f"{path.stem}.staging.duckdb")
    for stale in (path, staging):
        stale.unlink(missing_ok=True)
    conn = duckdb.connect(str(staging))
    try:
        write(conn, shape)
    finally:
        conn.close()
    publish(staging, path, run_id=RUN_ID)
    return path


class MemoryWarehouse:
    """One in-memory warehouse reused example after example (its tables emptied and refilled), read
    through a ``Reader`` whose queries run on it: the pure builders' tier needs no file."""

    def __init__(self) -> None:
        self.conn = duckdb.connect(":memory:")
        ensure_schema(self.conn)
        self.tables = [
            r[0]
            for r in self.conn.sql("SELECT table_name FROM duckdb_tables() WHERE database_name = 'memory'").fetchall()
        ]

    def load(self, shape: Shape) -> Reader:
        for table in self.tables:
            self.conn.execute(f'DELETE FROM "{table}"')
        ensure_schema(self.conn)
        write(self.conn, shape)
        return Reader(Path("/nonexistent/shapes.duckdb"), query=self._query)

    def _query(self, path: str, identity: object, sql: str, params: tuple = ()) -> pl.DataFrame:
        return self.conn.sql(sql, params=list(params) if params else None).pl()
