"""Numbers, percentages, targets and dates written the way readers expect, and file-name slugs.

Vietnamese: thousands with '.', decimals with ',' (7.978,01; 12,5%). English: 7,978.01; 12.5%.
Trailing zeros are dropped, never more decimals than the indicator's ``decimals``.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime, timedelta, timezone

from schemas.vocab import ACTUAL_STATUS, TARGET_FORM, fold

DASH = "—"
VN_TZ = timezone(timedelta(hours=7), "UTC+7")  # Viet Nam has no daylight saving time.


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def number(value: float | int | None, decimals: int = 2, lang: str = "vi", *, strip: bool = True) -> str:
    """A number with the locale's separators, at most ``decimals`` decimals.

    >>> number(7978.01, 2)
    '7.978,01'
    >>> number(7978.01, 2, "en")
    '7,978.01'
    >>> number(100.30, 2)
    '100,3'
    >>> number(74.0009866, 0)
    '74'
    """
    if _missing(value):
        return DASH
    decimals = max(0, int(decimals if decimals is not None else 2))
    text = f"{float(value):,.{decimals}f}"
    if strip and "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", "-0.0"):
        text = "0"
    if lang == "vi":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def shown_decimals(row: dict, written: str = "actual_decimals", default: int | None = None) -> int:
    """Decimals to show a row's figure with: the catalog's (``decimals``), or more when the source cell
    was written with more (``written``: 'actual_decimals', 'target_decimals' of the mart,
    'value_decimals' of ``indicator_actuals``; optional columns), so 12,345 never shows as 12,35.
    ``default`` replaces the catalog's when given."""
    catalog = default if default is not None else row.get("decimals")
    values = [v for v in (catalog, row.get(written)) if v is not None and not _missing(v)]
    return int(max(values)) if values else 0


def pct(value: float | None, decimals: int = 2, lang: str = "vi") -> str:
    """A percentage: ``pct(100.3) == '100,3%'``."""
    if _missing(value):
        return DASH
    return number(value, decimals, lang) + "%"


def signed(value: float | None, decimals: int = 2, lang: str = "vi") -> str:
    """A change with its sign: '+1,06' or '−1,81' (true minus sign)."""
    if _missing(value):
        return DASH
    text = number(abs(value), decimals, lang)
    if text == "0":
        return text
    return ("+" if value > 0 else "−") + text


def with_unit(value: float | None, unit: str | None, decimals: int = 2, lang: str = "vi") -> str:
    """'18.797,39 tỷ đồng', '1,42%', '12,5%/năm'."""
    if _missing(value):
        return DASH
    text = number(value, decimals, lang)
    if not unit:
        return text
    if unit.startswith("%"):
        return text + unit
    return f"{text} {unit}"


def target(
    *,
    text: str | None,
    form: str | None,
    low: float | None,
    high: float | None,
    value: float | None,
    derived: bool,
    reported_pct: float | None,
    unit: str | None,
    decimals: int,
    lang: str = "vi",
    short: bool = False,
) -> str:
    """A target as the resolution wrote it; an implied one marked '≈ 74 (suy ra từ 101,35%)' ('≈ 74' when short).

    Vietnamese shows the text as written ('trên 370', 'dưới 3%'); English rebuilds it from the
    form and bounds ('at least 370').
    """
    pct_unit = bool(unit) and unit.startswith("%")

    def num(v: float | None) -> str:
        return number(v, decimals, lang) + ("%" if pct_unit and not _missing(v) else "")

    if derived and not _missing(value):
        if short:
            return f"≈ {num(value)}"
        basis = pct(reported_pct, 2, lang) if not _missing(reported_pct) else ""
        if lang == "vi":
            return f"≈ {num(value)}" + (f" (suy ra từ {basis} kế hoạch)" if basis else " (suy ra)")
        return f"≈ {num(value)}" + (f" (implied by {basis} of plan)" if basis else " (implied)")
    if lang == "vi" and text:
        return text
    if form == "range" and not (_missing(low) or _missing(high)):
        return f"{num(low)}–{num(high)}"
    if form in ("min", "about") and not _missing(low):
        return f"{TARGET_FORM.label(form, lang).lower()} {num(low)}"
    if form == "max" and not _missing(high):
        return f"{TARGET_FORM.label(form, lang).lower()} {num(high)}"
    if not _missing(value):
        return num(value)
    if not _missing(low):
        return num(low)
    return text or DASH


def actual_status(code: str | None, lang: str = "vi", *, short: bool = False) -> str:
    """'Ước thực hiện' / 'Chính thức' (short: 'ước' / 'CT')."""
    if code is None:
        return DASH
    if short:
        return {"estimate": "ước" if lang == "vi" else "est.", "official": ""}.get(code, code)
    return ACTUAL_STATUS.label(code, lang)


def local_time(value: datetime | None) -> datetime | None:
    """A naive UTC timestamp from the warehouse, as Viet Nam time."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(VN_TZ)


def when(value: datetime | None, lang: str = "vi") -> str:
    """'22/11/2026 10:26 (UTC+7)' from a naive UTC timestamp."""
    local = local_time(value)
    if local is None:
        return DASH
    return local.strftime("%d/%m/%Y %H:%M") + " (UTC+7)"


def age(value: datetime | None, now: datetime | None = None, lang: str = "vi") -> str:
    """How long ago: '3 giờ trước' / '3 hours ago'."""
    if value is None:
        return DASH
    now = now or datetime.now(UTC)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    seconds = max(0.0, (now - value).total_seconds())
    for size, vi, en in ((86400, "ngày", "day"), (3600, "giờ", "hour"), (60, "phút", "minute")):
        if seconds >= size:
            n = int(seconds // size)
            return f"{n} {vi} trước" if lang == "vi" else f"{n} {en}{'s' if n > 1 else ''} ago"
    return "vừa xong" if lang == "vi" else "just now"


# Characters Markdown (CommonMark, and Streamlit's additions: $…$ maths, :colour[…] and :icon:
# directives, ~~strikes~~) reads as syntax. CommonMark lets any ASCII punctuation be backslash-escaped.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>!|~$:&^])")
# ... and what starts a block only at the start of a line: a heading, a list item, a rule.
_MD_LEADING = re.compile(r"^(\s*)([#>+=-]|\d+(?=[.)]))")


def md(text: object) -> str:
    r"""Workbook text (a locality, unit, indicator or award name, a note, a file name) as literal text
    inside Markdown: every character Markdown or Streamlit would read as syntax is escaped, line breaks
    become spaces, so '![b](http://host/x.png)' shows as those characters and fetches nothing.

    >>> print(md("![b](http://x/y.png) **đậm** $x$"))
    \!\[b\](http\://x/y.png) \*\*đậm\*\* \$x\$
    >>> print(md("1. Tỷ lệ (%)"), md("- 5 xã"))
    1\. Tỷ lệ (%) \- 5 xã
    """
    if text is None:
        return ""
    text = _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))

    def leading(m: re.Match) -> str:
        space, mark = m.groups()
        return space + (mark + "\\" if mark[0].isdigit() else "\\" + mark)

    return _MD_LEADING.sub(leading, text)


def slug(text: str, fallback: str = "bang") -> str:
    """A file-name-safe ASCII slug ('Tổng quan 2023' → 'tong-quan-2023'); ``fallback`` when nothing is left."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or fallback
