"""A locality's ``ban-do.geojson`` → ``unit_boundaries`` rows and the issues a clerk can act on. Pure.

The file is a GeoJSON FeatureCollection (what QGIS, geojson.io or mapshaper save), one feature per
unit, the unit's code of don-vi.xlsx in a property ``ma_don_vi`` (or ``code``, ``ma``). Geometries
are kept as written; only Polygon and MultiPolygon draw areas.
"""

from __future__ import annotations

import json

import polars as pl

from pipelines.issues import ISSUE_COLUMNS
from schemas.messages import Message

CODE_PROPERTIES = ("ma_don_vi", "code", "ma")
NAME_PROPERTIES = ("ten", "ten_don_vi", "name")
AREAS = ("Polygon", "MultiPolygon")

MESSAGES = {
    "boundaries_unreadable": Message(
        None,
        "Tệp bản đồ không đọc được: cần một GeoJSON FeatureCollection (lưu từ QGIS, geojson.io, mapshaper).",
        "The map file cannot be read: a GeoJSON FeatureCollection is needed (saved from QGIS, geojson.io, mapshaper).",
    ),
    "boundary_without_code": Message(
        "properties",
        "Vùng không có mã đơn vị: thêm thuộc tính 'ma_don_vi' bằng mã trong don-vi.xlsx.",
        "A feature has no unit code: add a property 'ma_don_vi' holding the code of don-vi.xlsx.",
    ),
    "boundary_unknown_unit": Message(
        "properties",
        "Mã đơn vị của vùng không có trong don-vi.xlsx: vùng này không được vẽ.",
        "The feature's unit code is not in don-vi.xlsx: it is not drawn.",
    ),
    "boundary_not_an_area": Message(
        "geometry",
        "Vùng không phải đa giác (Polygon, MultiPolygon): không vẽ được diện tích đơn vị.",
        "The feature is not a polygon (Polygon, MultiPolygon): no area to draw.",
    ),
    "boundary_twice": Message(
        "properties",
        "Đơn vị có hai vùng trong tệp: chỉ vẽ vùng đầu tiên.",
        "The unit has two features: the first is drawn.",
    ),
}
ROW_SCHEMA = {
    "locality_code": pl.Utf8,
    "unit_code": pl.Utf8,
    "unit_name": pl.Utf8,
    "geometry": pl.Utf8,
    "source_file": pl.Utf8,
}


def _issue(file: str, rule: str, feature: int | None = None, value: str | None = None) -> dict:
    msg = MESSAGES[rule]
    severity = "error" if rule == "boundaries_unreadable" else "warning"
    return {
        "file": file,
        "sheet": None,
        "row": feature,
        "column": msg.column,
        "value": value,
        "rule": rule,
        "severity": severity,
        "message_vi": msg.vi,
        "message_en": msg.en,
    }


def _first(props: dict, names: tuple[str, ...]) -> str | None:
    for name in names:
        value = props.get(name)
        if value not in (None, ""):
            return str(value).strip()
    return None


def parse_boundaries(text: str, file: str, locality: str, known: set[str]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(rows, issues) of one file; ``known``: the unit codes of the units table. ``row`` of an issue is
    the feature's number in the file (1-based)."""
    issues: list[dict] = []
    try:
        data = json.loads(text)
        features = data["features"] if data.get("type") == "FeatureCollection" else None
        if not isinstance(features, list):
            raise ValueError("not a FeatureCollection")
    except (ValueError, AttributeError, KeyError, TypeError):
        return pl.DataFrame(schema=ROW_SCHEMA), pl.DataFrame(
            [_issue(file, "boundaries_unreadable")], schema=ISSUE_COLUMNS
        )
    rows: list[dict] = []
    seen: set[str] = set()
    for n, feature in enumerate(features, start=1):
        props = (feature or {}).get("properties") or {}
        geometry = (feature or {}).get("geometry") or {}
        code = _first(props, CODE_PROPERTIES)
        if code is None:
            issues.append(_issue(file, "boundary_without_code", n))
            continue
        code = code.lower()
        if code not in known:
            issues.append(_issue(file, "boundary_unknown_unit", n, code))
            continue
        if geometry.get("type") not in AREAS:
            issues.append(_issue(file, "boundary_not_an_area", n, str(geometry.get("type"))))
            continue
        if code in seen:
            issues.append(_issue(file, "boundary_twice", n, code))
            continue
        seen.add(code)
        rows.append(
            {
                "locality_code": locality,
                "unit_code": code,
                "unit_name": _first(props, NAME_PROPERTIES),
                "geometry": json.dumps(geometry, ensure_ascii=False, separators=(",", ":")),
                "source_file": file,
            }
        )
    return pl.DataFrame(rows, schema=ROW_SCHEMA), pl.DataFrame(issues, schema=ISSUE_COLUMNS)
