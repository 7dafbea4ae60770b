"""The naive baseline: what an analyst would write with pandas and openpyxl.

One workbook after another, ``pandas.read_excel(engine="openpyxl")`` for each sheet needed, then a
plain Python loop over the rows that checks the same things the pipeline checks: header found,
the info sheet agrees with the file name, known indicator and unit codes, Vietnamese numbers
("7.978,01", "12,5%"), targets as resolutions phrase them ("trên 370", "6,6–6,8"), words from the
controlled vocabularies, valid ranges from the catalog, periods within the workbook's period, and
duplicate keys. Valid rows become one pandas DataFrame per table; problems become issue dicts.

It shares only data with the pipeline (header texts, vocabularies, the catalog's ranges), never
its parsing code, so the comparison is parse + validate against parse + validate.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from schemas.vocab import (
    ACTUAL_STATUS,
    AGGREGATION,
    AWARD_LEVEL,
    DIRECTION,
    FAMILY,
    LOCALITY_LEVEL,
    NTM_CRITERIA_SET,
    NTM_LEVEL,
    PARTY_ORG_TYPE,
    PARTY_RATING,
    RECIPIENT_KIND,
    STATUS,
    TARGET_KIND,
    YES_NO,
    fold,
)
from schemas.workbook_format import (
    AWARDS_SHEET,
    CATALOG_SHEET,
    INDICATOR_TERM,
    INDICATOR_YEAR,
    INFO_SHEET,
    LOCALITIES_SHEET,
    NTM_SHEET,
    PARTY_SHEET,
    SheetSpec,
)

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
CODE = re.compile(r"^[a-z0-9_]+$")
YEAR_FILE = re.compile(r"^(\d{4})\.xlsx$")
TERM_FILE = re.compile(r"^nhiem-ky-(\d{4})-(\d{4})\.xlsx$")
YEAR_IN_TEXT = re.compile(r"\b(19|20)\d{2}\b")
NUM = r"[+\-]?\d[\d.,]*"
# Notes and the signature block under a table.
NOTE = re.compile(r"^(\*|ghi chu|chu thich|luu y|nguoi lap|noi nhan|thu truong|tm\.|kt\.|xac nhan)")


# --- cells -----------------------------------------------------------------------------------------


def text(value) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    s = re.sub(r"\s+", " ", str(value)).strip()
    return s or None


def vn_number(value) -> float | None:
    """A cell as a number: numbers as they are, text the Vietnamese way ('7.978,01', '12,5%')."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    s = re.sub(r"[\s\u00a0\u202f]", "", str(value)).replace("\u2212", "-").lstrip("+")
    if s.endswith("%"):
        s = s[:-1]
    if re.fullmatch(r"-?[1-9]\d{0,2}(\.\d{3})+(,\d+)?", s):
        s = s.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"-?\d+(,\d+)?", s):
        s = s.replace(",", ".")
    elif not re.fullmatch(r"-?\d*\.\d+", s):
        return None
    try:
        return float(s)
    except ValueError:
        return None


def whole(value) -> int | None:
    x = vn_number(value)
    if x is None or x != int(x):
        return None
    return int(x)


def parse_target(value) -> tuple[str, float | None, float | None] | None:
    """('min', 370, None) for 'trên 370'; None when it cannot be read."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return ("exact", float(value), float(value))
    f = fold(str(value))
    f = re.sub(r"\s*(≥|>=)\s*", "tren ", f)
    f = re.sub(r"\s*(≤|<=)\s*", "duoi ", f)
    f = re.sub(r"^>\s*", "tren ", f)
    f = re.sub(r"^<\s*", "duoi ", f)
    f = re.sub(r"^(~|≈)\s*", "khoang ", f)
    m = re.match(rf"^(?:tu\s+)?({NUM}?)\s*%?\s*(?:-|–|—|den|toi)\s*({NUM})", f)
    if m and "tro len" not in f:
        lo, hi = vn_number(m.group(1).rstrip(".,")), vn_number(m.group(2).rstrip(".,"))
        if lo is not None and hi is not None:
            return ("range", lo, hi)
    for form, words in (
        ("min", r"(?:tren|hon|it nhat|toi thieu|khong duoi|khong it hon|tu)"),
        ("max", r"(?:duoi|khong qua|toi da|khong vuot qua|thap hon|khong cao hon)"),
        ("about", r"(?:khoang|xap xi|gan|chung|uoc khoang)"),
        ("exact", r"(?:dat|bang|la|muc)"),
    ):
        m = re.match(rf"^{words}(?:\s+(?:la|muc|bang|dat))?\s*({NUM})", f)
        if m:
            x = vn_number(m.group(1).rstrip(".,"))
            if x is not None:
                if form == "min":
                    return ("min", x, None)
                if form == "max":
                    return ("max", None, x)
                return (form, x, x)
        if form == "min":
            m = re.match(rf"^({NUM})\s*%?\s*tro len", f)
            if m and (x := vn_number(m.group(1).rstrip(".,"))) is not None:
                return ("min", x, None)
    m = re.match(rf"^({NUM})\s*(?:%.*|[^\d.,].*)?$", f)
    if m and (x := vn_number(m.group(1).rstrip(".,"))) is not None:
        return ("exact", x, x)
    return None


def parse_span(value) -> tuple[int, int] | None:
    m = re.fullmatch(r"(\d{4})(?:\.0)?\s*(?:[-–—]|đến|den)?\s*(\d{4})?", str(value).strip())
    if not m:
        return None
    first = int(m.group(1))
    return first, int(m.group(2) or first)


def parse_date(value):
    if hasattr(value, "year"):
        return value
    s = str(value).strip()
    m = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", s)
    try:
        if m:
            return pd.Timestamp(int(m.group(3)), int(m.group(2)), int(m.group(1))).date()
        return pd.Timestamp(s[:10]).date()
    except (ValueError, TypeError):
        return None


def _in_range(x: float | None, lo: float | None, hi: float | None) -> bool:
    return x is None or ((lo is None or x >= lo) and (hi is None or x <= hi))


# --- sheets ----------------------------------------------------------------------------------------


@dataclass
class Result:
    files: int = 0
    sheets: int = 0
    rows: int = 0
    valid: dict[str, int] = field(default_factory=dict)
    issues: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    seconds_reference: float = 0.0  # the catalog and the unit lists
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)


class Naive:
    def __init__(self) -> None:
        self.result = Result()
        self.catalog: dict[str, dict] = {}
        self.units: dict[str, dict] = {}
        self.rows: dict[str, list[dict]] = {}
        self.seen: dict[str, set] = {}

    def issue(self, file: str, sheet: str | None, row: int | None, column: str | None, rule: str) -> None:
        self.result.issues.append({"file": file, "sheet": sheet, "row": row, "column": column, "rule": rule})

    def keep(self, table: str, row: dict) -> None:
        self.rows.setdefault(table, []).append(row)

    def duplicate(self, table: str, key: tuple) -> bool:
        seen = self.seen.setdefault(table, set())
        if key in seen:
            return True
        seen.add(key)
        return False

    @staticmethod
    def header(frame: pd.DataFrame, spec: SheetSpec) -> tuple[int, dict[str, int]] | None:
        """The header row and column positions, matching the template's header texts."""
        anchor = fold(spec.column(spec.anchor).header)
        names = {fold(c.header): c.key for c in spec.columns}
        for r in range(min(40, len(frame))):
            cells = [fold(YEAR_IN_TEXT.sub("", str(v))) if v is not None and v == v else "" for v in frame.iloc[r]]
            if anchor not in cells:
                continue
            below = (
                [fold(str(v)) if v is not None and v == v else "" for v in frame.iloc[r + 1]]
                if r + 1 < len(frame)
                else [""] * len(cells)
            )
            columns: dict[str, int] = {}
            for j, cell in enumerate(cells):
                for cand in (below[j], cell):
                    if cand in names and names[cand] not in columns:
                        columns[names[cand]] = j
                        break
            last = r + 1 if any(b in names for b in below) else r
            return last + 1, columns
        return None

    def sheet_rows(self, xl: pd.ExcelFile, file: str, spec: SheetSpec):
        """(spreadsheet row, {key: cell}) for each data row of the sheet (after the numbering row)."""
        sheet = next((s for s in xl.sheet_names if fold(s) == fold(spec.name)), None)
        if sheet is None:
            return None
        frame = pd.read_excel(xl, sheet_name=sheet, header=None, dtype=object)
        self.result.sheets += 1
        found = self.header(frame, spec)
        if found is None:
            self.issue(file, sheet, None, None, "header_missing")
            return None
        start, columns = found
        if start < len(frame) and all(str(v).startswith("(") for v in frame.iloc[start] if v is not None and v == v):
            start += 1
        out = []
        for i in range(start, len(frame)):
            values = frame.iloc[i].tolist()
            cells = {
                k: (None if values[j] is None or values[j] != values[j] else values[j]) for k, j in columns.items()
            }
            if all(v is None for v in cells.values()):
                continue
            first = next(v for v in cells.values() if v is not None)
            if isinstance(first, str) and NOTE.match(fold(first)):
                continue
            out.append((i + 1, cells))
        return sheet, out

    def check_info(self, xl: pd.ExcelFile, file: str, locality: str, period: str) -> bool:
        sheet = next((s for s in xl.sheet_names if fold(s) == fold(INFO_SHEET.name)), None)
        if sheet is None:
            return True
        frame = pd.read_excel(xl, sheet_name=sheet, header=None, dtype=object)
        labels = {fold(label): key for key, label in INFO_SHEET.extra.items()}
        for r in range(len(frame)):
            values = frame.iloc[r].tolist()
            key = labels.get(fold(str(values[0])) if values and values[0] == values[0] else "")
            value = next((v for v in values[1:] if v is not None and v == v), None)
            if key == "locality_code" and value is not None and fold(str(value)) != locality:
                self.issue(file, sheet, r + 1, "B", "locality_mismatch")
                return False
            if key == "period" and value is not None:
                years = [m.group(0) for m in YEAR_IN_TEXT.finditer(str(value))]
                if years and "-".join(years) != period:
                    self.issue(file, sheet, r + 1, "B", "year_mismatch")
                    return False
        return True

    # --- families --------------------------------------------------------------------------------

    def load_catalog(self, path: Path, file: str) -> None:
        xl = pd.ExcelFile(path, engine="openpyxl")
        got = self.sheet_rows(xl, file, CATALOG_SHEET)
        if got is None:
            return
        sheet, rows = got
        for row_no, c in rows:
            if c.get("indicator_code") is None:
                continue
            self.result.rows += 1
            bad = []
            code = str(c["indicator_code"]).strip().lower()
            if not CODE.match(code):
                bad.append(("indicator_code", "catalog_code_format"))
            family = FAMILY.lookup(text(c.get("family")))
            direction = DIRECTION.lookup(text(c.get("direction")))
            aggregation = AGGREGATION.lookup(text(c.get("aggregation")))
            for key, val in (("family", family), ("direction", direction), ("aggregation", aggregation)):
                if val is None:
                    bad.append((key, f"parse_{key}"))
            unit = text(c.get("unit"))
            if unit is None:
                bad.append(("unit", "required_unit"))
            lo = vn_number(c.get("min_value")) if c.get("min_value") is not None else None
            hi = vn_number(c.get("max_value")) if c.get("max_value") is not None else None
            folded_unit = fold(unit or "")
            if c.get("min_value") is None:
                lo = -100.0 if ("%/nam" in folded_unit or "diem %" in folded_unit) else 0.0
            if c.get("max_value") is None:
                hi = 100.0 if folded_unit == "%" else None
            decimals = whole(c.get("decimals")) if c.get("decimals") is not None else 2
            if decimals is None or not 0 <= decimals <= 4:
                bad.append(("decimals", "parse_decimals"))
            if lo is not None and hi is not None and lo > hi:
                bad.append(("min_value", "catalog_range_ordered"))
            if self.duplicate("catalog", (code,)):
                bad.append(("indicator_code", "unique_catalog_code"))
            for col, rule in bad:
                self.issue(file, sheet, row_no, col, rule)
            if not bad:
                units = {fold(u) for u in [unit, *(text(c.get("unit_aliases")) or "").split(";")] if u and u.strip()}
                record = {"indicator_code": code, "unit": unit, "units": units, "min": lo, "max": hi, "family": family}
                self.catalog[code] = record
                self.keep("indicator_catalog", record)

    def load_units(self, path: Path, file: str) -> None:
        xl = pd.ExcelFile(path, engine="openpyxl")
        got = self.sheet_rows(xl, file, LOCALITIES_SHEET)
        if got is None:
            return
        sheet, rows = got
        for row_no, c in rows:
            if c.get("code") is None and c.get("name_vi") is None:
                continue
            self.result.rows += 1
            bad = []
            code = (text(c.get("code")) or "").lower()
            if not SLUG.match(code):
                bad.append(("code", "locality_code_format"))
            if text(c.get("name_vi")) is None:
                bad.append(("name_vi", "required_name"))
            level = LOCALITY_LEVEL.lookup(text(c.get("level")))
            if level is None:
                bad.append(("level", "parse_locality_level"))
            dates = {}
            for key in ("valid_from", "valid_to"):
                if c.get(key) is not None:
                    dates[key] = parse_date(c[key])
                    if dates[key] is None:
                        bad.append((key, f"parse_{key}"))
            if dates.get("valid_from") and dates.get("valid_to") and dates["valid_from"] > dates["valid_to"]:
                bad.append(("valid_to", "validity_ordered"))
            if self.duplicate("units", (code, dates.get("valid_from"))):
                bad.append(("code", "unique_locality_code"))
            for col, rule in bad:
                self.issue(file, sheet, row_no, col, rule)
            if not bad:
                record = {
                    "locality_code": code,
                    "level": level,
                    "parent_code": (text(c.get("parent_code")) or "").lower() or None,
                    "file": file,
                    "sheet": sheet,
                    "row": row_no,
                }
                self.units[code] = record

    def finish_units(self) -> None:
        """Parents may be declared in another district's file: check them once all are read."""
        for code, unit in list(self.units.items()):
            if unit["parent_code"] and unit["parent_code"] not in self.units:
                self.issue(unit["file"], unit["sheet"], unit["row"], "parent_code", "known_parent_code")
                del self.units[code]
        for unit in self.units.values():
            self.keep("localities", unit)

    def load_workbook(self, path: Path, file: str, locality: str, period: str, first: int, last: int) -> None:
        xl = pd.ExcelFile(path, engine="openpyxl")
        self.result.files += 1
        if not self.check_info(xl, file, locality, period):
            return
        term = first != last
        self.indicators(xl, file, locality, period, first, last, term)
        if not term:
            self.ntm(xl, file, locality, period)
            self.party(xl, file, locality, period)
        self.awards(xl, file, locality, period, first, last)

    def indicators(self, xl, file: str, locality: str, period: str, first: int, last: int, term: bool) -> None:
        got = self.sheet_rows(xl, file, INDICATOR_TERM if term else INDICATOR_YEAR)
        if got is None:
            self.issue(file, None, None, None, "sheet_missing")
            return
        sheet, rows = got
        figures = ("target_text", "h1_actual", "actual", "reported_pct", "reported_grade")
        for row_no, c in rows:
            code = (text(c.get("indicator_code")) or "").lower() or None
            if code is None or not any(c.get(k) is not None for k in figures):
                continue  # headings, notes, signature
            self.result.rows += 1
            bad = []
            cat = self.catalog.get(code)
            if cat is None:
                bad.append(("indicator_code", "known_indicator_code"))
            unit = text(c.get("unit"))
            if unit and cat and fold(unit) not in cat["units"]:
                bad.append(("unit", "unit_matches_catalog"))
            lo_ok = cat["min"] if cat else None
            hi_ok = cat["max"] if cat else None

            target = None
            if c.get("target_text") is not None:
                target = parse_target(c["target_text"])
                if target is None:
                    bad.append(("target_text", "parse_target"))
                else:
                    form, low, high = target
                    if not _in_range(low, lo_ok, hi_ok):
                        bad.append(("target_text", "target_low_in_range"))
                    if not _in_range(high, lo_ok, hi_ok):
                        bad.append(("target_text", "target_high_in_range"))
                    if low is not None and high is not None and low > high:
                        bad.append(("target_text", "target_bounds_ordered"))
            values = {}
            for key in ("actual", "h1_actual", "reported_pct", "baseline_value"):
                if c.get(key) is not None:
                    values[key] = vn_number(c[key])
                    if values[key] is None:
                        bad.append((key, f"parse_{key}"))
                    elif key == "reported_pct" and values[key] < 0:
                        bad.append((key, "reported_pct_nonnegative"))
                    elif key != "reported_pct" and not _in_range(values[key], lo_ok, hi_ok):
                        bad.append((key, {"baseline_value": "baseline_in_range"}.get(key, f"{key}_in_range")))
            status = "estimate"
            if c.get("actual_status") is not None:
                status = ACTUAL_STATUS.lookup(text(c["actual_status"]))
                if status is None:
                    bad.append(("actual_status", "parse_actual_status"))
            if c.get("reported_grade") is not None and STATUS.lookup(text(c["reported_grade"])) is None:
                bad.append(("reported_grade", "parse_reported_grade"))
            if term:
                kind = TARGET_KIND.lookup(text(c.get("target_kind"))) if c.get("target_kind") is not None else None
                if c.get("target_kind") is not None and kind is None:
                    bad.append(("target_kind", "parse_target_kind"))
                if kind == "annual" and target is not None:
                    bad.append(("target_kind", "target_kind_matches_period"))
                if c.get("covered") is not None:
                    span = parse_span(c["covered"])
                    if span is None:
                        bad.append(("covered", "parse_covered"))
                    elif not (first <= span[0] <= span[1] <= last):
                        bad.append(("covered", "covered_within_period"))
                if c.get("baseline_year") is not None:
                    year = whole(c["baseline_year"])
                    if year is None or not 1900 <= year <= 2100:
                        bad.append(("baseline_year", "parse_baseline_year"))
                    elif year > first:
                        bad.append(("baseline_year", "baseline_year_before_term"))
            if self.duplicate("indicators", (locality, code, period)):
                bad.append(("indicator_code", "unique_indicator_row"))
            for col, rule in bad:
                self.issue(file, sheet, row_no, col, rule)
            if not bad:
                self.keep(
                    "indicator_sheet",
                    {
                        "locality_code": locality,
                        "period": period,
                        "indicator_code": code,
                        "target_form": target[0] if target else None,
                        "target_low": target[1] if target else None,
                        "target_high": target[2] if target else None,
                        "actual_status": status,
                        **values,
                        "source_file": file,
                        "source_row": row_no,
                    },
                )

    def ntm(self, xl, file: str, locality: str, period: str) -> None:
        got = self.sheet_rows(xl, file, NTM_SHEET)
        if got is None:
            return
        sheet, rows = got
        for row_no, c in rows:
            unit_code = (text(c.get("unit_code")) or "").lower() or None
            group = text(c.get("group_label"))
            if not any(c.get(k) is not None for k in ("criterion_met", "criteria_met", "level_reached")):
                continue
            self.result.rows += 1
            bad = []
            if unit_code is None and group is None:
                bad.append(("unit_code", "ntm_unit_or_group"))
            if unit_code is not None and unit_code not in self.units:
                bad.append(("unit_code", "known_unit_code"))
            cset = NTM_CRITERIA_SET.lookup(text(c.get("criteria_set"))) if c.get("criteria_set") is not None else "ntm"
            if cset is None:
                bad.append(("criteria_set", "parse_criteria_set"))
            no = None
            if c.get("criterion_no") is not None:
                no = whole(c["criterion_no"])
                if no is None:
                    bad.append(("criterion_no", "parse_criterion_no"))
                elif not 1 <= no <= 19:
                    bad.append(("criterion_no", "criterion_no_range"))
            met = None
            if c.get("criterion_met") is not None:
                met = YES_NO.lookup(text(c["criterion_met"]))
                if met is None:
                    bad.append(("criterion_met", "parse_criterion_met"))
            elif no is not None:
                bad.append(("criterion_met", "criterion_needs_met"))
            total = 19
            if c.get("criteria_total") is not None:
                total = whole(c["criteria_total"])
                if total is None:
                    bad.append(("criteria_total", "parse_criteria_total"))
                elif not 1 <= total <= 19:
                    bad.append(("criteria_total", "criteria_total_range"))
            low = high = None
            if c.get("criteria_met") is not None:
                raw = c["criteria_met"]
                m = re.fullmatch(r"(\d+)\s*[-–—]\s*(\d+)(?:\s*/\s*\d+)?", str(raw).strip())
                if m:
                    low, high = int(m.group(1)), int(m.group(2))
                else:
                    low = whole(raw)
                if low is None:
                    bad.append(("criteria_met", "parse_criteria_met"))
                elif total and not 0 <= low <= total:
                    bad.append(("criteria_met", "criteria_met_range"))
                elif high is not None and not low <= high <= (total or 19):
                    bad.append(("criteria_met", "criteria_met_max_range"))
            if c.get("unit_count") is not None:
                count = whole(c["unit_count"])
                if count is None:
                    bad.append(("unit_count", "parse_unit_count"))
                elif count < 1:
                    bad.append(("unit_count", "unit_count_ge_1"))
            level = None
            if c.get("level_reached") is not None:
                level = NTM_LEVEL.lookup(text(c["level_reached"]))
                if level is None:
                    bad.append(("level_reached", "parse_level_reached"))
            if c.get("actual_status") is not None and ACTUAL_STATUS.lookup(text(c["actual_status"])) is None:
                bad.append(("actual_status", "parse_actual_status"))
            if self.duplicate("ntm", (locality, period, unit_code, group, cset, no)):
                bad.append(("unit_code", "unique_ntm_row"))
            for col, rule in bad:
                self.issue(file, sheet, row_no, col, rule)
            if not bad:
                self.keep(
                    "ntm_criteria",
                    {
                        "locality_code": locality,
                        "period": period,
                        "unit_code": unit_code,
                        "group_label": group,
                        "criteria_set": cset,
                        "criterion_no": no,
                        "criterion_met": None if met is None else met == "yes",
                        "criteria_met": low,
                        "criteria_met_max": high,
                        "criteria_total": total,
                        "level_reached": level,
                        "source_file": file,
                        "source_row": row_no,
                    },
                )

    def party(self, xl, file: str, locality: str, period: str) -> None:
        got = self.sheet_rows(xl, file, PARTY_SHEET)
        if got is None:
            return
        sheet, rows = got
        for row_no, c in rows:
            if c.get("org_count") is None and c.get("member_count") is None:
                continue
            self.result.rows += 1
            bad = []
            org_type = PARTY_ORG_TYPE.lookup(text(c.get("org_type")))
            if org_type is None:
                bad.append(("org_type", "parse_org_type"))
            rating = None
            if c.get("rating") is not None:
                rating = PARTY_RATING.lookup(text(c["rating"]))
                if rating is None:
                    bad.append(("rating", "parse_rating"))
            counts = {}
            for key in ("org_count", "member_count"):
                if c.get(key) is not None:
                    counts[key] = whole(c[key])
                    if counts[key] is None:
                        bad.append((key, f"parse_{key}"))
                    elif counts[key] < 0:
                        bad.append((key, f"nonnegative_{key}"))
            if c.get("actual_status") is not None and ACTUAL_STATUS.lookup(text(c["actual_status"])) is None:
                bad.append(("actual_status", "parse_actual_status"))
            block = text(c.get("block"))
            if self.duplicate("party", (locality, period, block, org_type, rating)):
                bad.append(("org_type", "unique_party_row"))
            for col, rule in bad:
                self.issue(file, sheet, row_no, col, rule)
            if not bad:
                self.keep(
                    "party_organisations",
                    {"locality_code": locality, "period": period, "block": block, "org_type": org_type, **counts},
                )

    def awards(self, xl, file: str, locality: str, period: str, first: int, last: int) -> None:
        got = self.sheet_rows(xl, file, AWARDS_SHEET)
        if got is None:
            return
        sheet, rows = got
        for row_no, c in rows:
            title = text(c.get("award_title"))
            if not any(c.get(k) is not None for k in ("award_count", "level", "recipient_kind")):
                continue
            self.result.rows += 1
            bad = []
            if title is None:
                bad.append(("award_title", "required_award_title"))
            level = AWARD_LEVEL.lookup(text(c.get("level"))) if c.get("level") is not None else None
            if c.get("level") is None:
                bad.append(("level", "required_award_level"))
            elif level is None:
                bad.append(("level", "parse_level"))
            kind = RECIPIENT_KIND.lookup(text(c.get("recipient_kind"))) if c.get("recipient_kind") is not None else None
            if c.get("recipient_kind") is None:
                bad.append(("recipient_kind", "required_recipient_kind"))
            elif kind is None:
                bad.append(("recipient_kind", "parse_recipient_kind"))
            count = whole(c["award_count"]) if c.get("award_count") is not None else None
            if c.get("award_count") is not None and count is None:
                bad.append(("award_count", "parse_count"))
            elif count is None or count <= 0:
                bad.append(("award_count", "positive_award_count"))
            span = (first, last)
            if c.get("award_period") is not None:
                span = parse_span(c["award_period"])
                if span is None:
                    bad.append(("award_period", "parse_award_period"))
                elif not (span[0] >= first and span[1] <= last):
                    bad.append(("award_period", "award_period_within_file"))
            summary = False
            if c.get("part_of_summary") is not None:
                yn = YES_NO.lookup(text(c["part_of_summary"]))
                if yn is None:
                    bad.append(("part_of_summary", "parse_part_of_summary"))
                summary = yn == "yes"
            own = None if span is None else (str(span[0]) if span[0] == span[1] else f"{span[0]}-{span[1]}")
            decision = text(c.get("decision_ref"))
            if self.duplicate("awards", (locality, own, title, level, kind, decision, summary)):
                bad.append(("award_title", "unique_award_row"))
            for col, rule in bad:
                self.issue(file, sheet, row_no, col, rule)
            if not bad:
                self.keep(
                    "awards",
                    {
                        "locality_code": locality,
                        "period": own,
                        "file_period": period,
                        "award_title": title,
                        "level": level,
                        "recipient_kind": kind,
                        "award_count": count,
                    },
                )


def load(root: Path, relpaths: list[str]) -> Result:
    """Parse and validate the given workbooks (paths relative to ``root``) the naive way."""
    started = time.perf_counter()
    naive = Naive()
    catalog = [r for r in relpaths if "/" not in r]
    units = [r for r in relpaths if r.endswith("/don-vi.xlsx")]
    books = [r for r in relpaths if r not in catalog and r not in units]
    for rel in catalog:
        naive.load_catalog(root / rel, rel)
        naive.result.files += 1
    for rel in units:
        naive.load_units(root / rel, rel)
        naive.result.files += 1
    naive.finish_units()
    naive.result.seconds_reference = time.perf_counter() - started
    for rel in books:
        locality, name = rel.split("/", 1)
        if m := YEAR_FILE.match(name):
            naive.load_workbook(root / rel, rel, locality, m.group(1), int(m.group(1)), int(m.group(1)))
        elif m := TERM_FILE.match(name):
            first, last = int(m.group(1)), int(m.group(2))
            naive.load_workbook(root / rel, rel, locality, f"{first}-{last}", first, last)
    result = naive.result
    result.tables = {table: pd.DataFrame(rows) for table, rows in naive.rows.items()}
    result.valid = {table: len(frame) for table, frame in result.tables.items()}
    result.seconds = time.perf_counter() - started
    return result
