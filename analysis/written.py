"""A fact as the report wrote it, beside the number the warehouse compares.

The locality's own name for an indicator; an actual written with a qualifier ('gần 72%'), as a
ratio of counts ('120/150 thôn, tổ'), in another unit ('11,6‰' stored as 1,16%) or only as a
comparison ('tăng 15% so với năm 2010'); a target written in another unit or stated more than
once, and the kind of document that set it; an award level and a party rating in the words of
their era. The number still drives statuses and charts: these functions say how it was written.

Pure functions over a mart row (a dict with the columns of ``mart_target_vs_actual``, or of
``mart_term_progress`` joined to it): tables, charts and the report pack share them. Every column
they read is optional, so a row of an older warehouse shows as it did.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from analysis import format as fmt
from analysis.i18n import award_level_label, party_rating_label, qualifier_label, t, target_source_label
from schemas.vocab import fold

# Enough decimals to write a converted figure as the report did (11,6‰; 468.215 triệu đồng).
WRITTEN_DECIMALS = 6


def _present(value: object) -> bool:
    return value is not None and value != "" and not (isinstance(value, float) and math.isnan(value))


def _pct(unit: str | None) -> bool:
    return bool(unit) and unit.startswith("%")


def _join(text: str, unit: str | None) -> str:
    """A figure's text and its unit, a per-cent or per-mille sign written close ('11,6‰', '1,16%')."""
    if not unit or text == fmt.DASH:
        return text
    return text + unit if unit[0] in "%‰" else f"{text} {unit}"


def figure(value: float | None, unit: str | None, decimals: int, lang: str = "vi") -> str:
    """A number and its unit: '11,6‰', '468.215 triệu đồng', '1,16%'."""
    return _join(fmt.number(value, decimals, lang), unit)


def _with_unit_words(text: str, unit: str | None) -> str:
    """Written text with the unit after it unless the text already names it ('trên 32' → 'trên 32
    triệu đồng/người/năm'; 'gần 72%' and 'dưới 12‰' stay)."""
    if not unit:
        return text
    head = unit.split("/")[0].split()[0]
    return text if head in text else _join(text, unit)


# --- the indicator's name -----------------------------------------------------------------------


def name(r: dict, lang: str = "vi") -> str:
    """The indicator as the locality's workbook names it ('Thu ngân sách trên địa bàn thành phố'),
    else the catalog's name; in English the catalog's English name (the locality's words are Vietnamese)."""
    if lang == "en" and r.get("indicator_name_en"):
        return r["indicator_name_en"]
    return r.get("indicator_name_local") or r.get("indicator_name_vi") or r.get("indicator_name_en") or ""


def latest_name(rows: Iterable[dict], lang: str = "vi") -> str | None:
    """The name of a series of rows (an indicator over the years): the latest period's own name,
    else the catalog's; None for no rows."""
    ordered = sorted(rows, key=lambda r: str(r.get("period") or r.get("term") or ""), reverse=True)
    if not ordered:
        return None
    for r in ordered:
        if r.get("indicator_name_local") and not (lang == "en" and r.get("indicator_name_en")):
            return name(r, lang)
    return name(ordered[0], lang)


# --- the actual -----------------------------------------------------------------------------------


def _ratio(r: dict, lang: str) -> str | None:
    count, den = r.get("actual_count"), r.get("actual_denominator")
    if not (_present(count) and _present(den)):
        return None
    return f"{fmt.number(count, 2, lang)}/{fmt.number(den, 2, lang)}"


def actual(r: dict, lang: str = "vi", *, unit: bool = False, decimals: int | None = None) -> str:
    """The actual as a cell shows it: a qualified figure as written ('gần 72%'; English 'nearly 72%'),
    a ratio of counts with its share ('80% (120/150)'; '2/8' for a count), the comparison when the report
    gives no level ('tăng 15% so với năm 2010'), else the number ('18.797,39'). ``unit``: with the unit
    ('18.797,39 tỷ đồng'), for provenance and hovers; a cell beside a unit column has none."""
    value = r.get("actual")
    if not _present(value):
        comparison = r.get("comparison_text")
        return str(comparison) if _present(comparison) else fmt.DASH
    catalog_unit = r.get("unit")
    dec = fmt.shown_decimals(r, default=decimals)
    # A share reads as one with its sign ('80% (120/150)', 'nearly 72%'); a plain number beside a unit
    # column has no unit.
    number = figure(value, catalog_unit if (unit or _pct(catalog_unit)) else None, dec, lang)
    qualifier = r.get("actual_qualifier")
    ratio = _ratio(r, lang)
    if ratio is not None:
        same = _present(r.get("actual_count")) and abs(float(r["actual_count"]) - float(value)) < 1e-9
        text = (_join(ratio, catalog_unit) if unit else ratio) if same else f"{number} ({ratio})"
        return f"{qualifier_label(qualifier, lang)} {text}" if qualifier else text
    if qualifier:
        written = r.get("actual_text")
        if lang == "vi" and _present(written):
            return _with_unit_words(str(written), catalog_unit) if unit else str(written)
        return f"{qualifier_label(qualifier, lang)} {number}"
    return figure(value, catalog_unit if unit else None, dec, lang)


def actual_note(r: dict, lang: str = "vi", *, decimals: int | None = None) -> str:
    """How the report wrote the actual, when not as a plain number in the catalog's unit: 'tính là 72%'
    (a qualified figure), 'ghi «120/150 thôn, tổ»' (a ratio), 'ghi 11,6‰, đổi sang 1,16%' (another unit),
    'chỉ nêu so sánh, không nêu mức đạt', 'so sánh: tăng 12,83% …'; '' for a plain number."""
    value = r.get("actual")
    comparison = r.get("comparison_text")
    if not _present(value):
        if _present(comparison):
            return t("written_comparison_only", lang)
        return ""
    dec = fmt.shown_decimals(r, default=decimals)
    converted = figure(value, r.get("unit"), dec, lang)
    notes = []
    unit_written = r.get("actual_unit_written")
    if _present(unit_written) and _present(r.get("actual_value_written")):
        written = (
            str(r["actual_text"])
            if r.get("actual_qualifier") and _present(r.get("actual_text"))
            else figure(r["actual_value_written"], unit_written, WRITTEN_DECIMALS, lang)
        )
        notes.append(t("written_converted", lang, written=written, value=converted))
    elif _ratio(r, lang) is not None and _present(r.get("actual_text")):
        notes.append(t("written_as", lang, text=r["actual_text"]))
    elif r.get("actual_qualifier"):
        notes.append(t("written_counted", lang, value=converted))
    if _present(comparison):
        notes.append(t("written_comparison", lang, text=comparison))
    return "; ".join(notes)


# --- the target -----------------------------------------------------------------------------------


def target_in_unit(r: dict, lang: str = "vi") -> str:
    """The target rebuilt from its form and bounds in the catalog's unit ('tối đa 1,2%', '450')."""
    return fmt.target(
        text=None,
        form=r.get("target_form"),
        low=r.get("target_low"),
        high=r.get("target_high"),
        value=r.get("target_value"),
        derived=False,
        reported_pct=None,
        unit=r.get("unit"),
        decimals=fmt.shown_decimals(r, "target_decimals"),
        lang=lang,
    )


def converted_target(r: dict, lang: str = "vi") -> str | None:
    """A target written in another unit, as written and converted: 'dưới 12‰ (= tối đa 1,2%)',
    '450.000 triệu đồng (= 450 tỷ đồng)'; None when it was written in the catalog's unit. English
    rebuilds every target from its bounds, already in the catalog's unit."""
    text, unit_written = r.get("target_text"), r.get("target_unit_written")
    if lang != "vi" or not (_present(text) and _present(unit_written)) or r.get("target_is_derived"):
        return None
    unit = r.get("unit")
    converted = target_in_unit(r, lang)
    if unit and not _pct(unit) and converted != fmt.DASH:
        converted = _join(converted, unit)
    return f"{_with_unit_words(str(text), unit_written)} (= {converted})"


def statements_note(r: dict, lang: str = "vi") -> str:
    """'nêu 2 lần' for a target the period's reports state more than once, else ''."""
    n = r.get("target_statements")
    return t("stated_times", lang, n=int(n)) if _present(n) and int(n) > 1 else ""


def with_note(text: str, note: str) -> str:
    """'trên 55% (nêu 2 lần)'; the text alone when there is no note."""
    return f"{text} ({note})" if note and text and text != fmt.DASH else text


def target_note(r: dict, lang: str = "vi", *, binding_statement: int | None = None) -> str:
    """How the report wrote the binding target, for its provenance row: 'ghi dưới 12‰, đổi sang tối
    đa 1,2%', 'nêu 2 lần; lần 1 là chỉ tiêu áp dụng'."""
    notes = []
    if _present(r.get("target_unit_written")) and _present(r.get("target_text")) and not r.get("target_is_derived"):
        converted = target_in_unit(r, lang)
        if r.get("unit") and not _pct(r.get("unit")):
            converted = _join(converted, r.get("unit"))
        written = _with_unit_words(str(r["target_text"]), r["target_unit_written"])
        notes.append(t("written_converted", lang, written=written, value=converted))
    n = r.get("target_statements")
    if _present(n) and int(n) > 1:
        notes.append(
            t("stated_binding", lang, n=int(n), k=binding_statement)
            if binding_statement is not None
            else t("stated_times", lang, n=int(n))
        )
    return "; ".join(notes)


def source_kind(r: dict, lang: str = "vi", *, default: str | None = None) -> str:
    """'Nghị quyết HĐND', 'Chương trình' …: the kind of document that set the row's target; ``default``
    (a code) when the row does not say (a term target: the congress resolution, as the load assumes)."""
    return target_source_label(r.get("target_source_kind") or default, lang)


def source_counts(rows: Iterable[dict], lang: str = "vi", *, default: str = "congress") -> list[tuple[str, int]]:
    """(kind of document, how many targets it set), most first: a target whose kind is not recorded
    counts as ``default`` (the congress resolution for a term, as the load assumes)."""
    counts: dict[str, int] = {}
    for r in rows:
        code = r.get("target_source_kind") or default
        counts[code] = counts.get(code, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def source_words(counts: list[tuple[str, int]], lang: str = "vi") -> str:
    """'2 mục tiêu theo Nghị quyết Đại hội, 1 mục tiêu theo Chương trình'."""
    return ", ".join(t("source_count", lang, n=n, source=target_source_label(code, lang)) for code, n in counts)


# --- awards and party ratings --------------------------------------------------------------------


def _strip_cap(text: str) -> str:
    folded = fold(text)
    return folded[4:] if folded.startswith("cap ") else folded


def award_level(level: str | None, level_text: str | None, lang: str = "vi") -> str:
    """An award level as written where it says something the code's label does not: 'cấp thành phố
    (Huyện, thị xã)'; 'Chính phủ' (within its label); the label when the words are the label's."""
    label = award_level_label(level, lang)
    if not _present(level_text):
        return label
    written, folded_label = _strip_cap(str(level_text)), fold(label)
    if not label or written == folded_label:
        return label or str(level_text)
    if lang == "vi" and written and written in folded_label:
        return str(level_text)
    return f"{level_text} ({label})"


def rating(code: str | None, rating_text: str | None, lang: str = "vi") -> str:
    """A party organisation's rating as written ('Trong sạch, vững mạnh'), else today's label."""
    return str(rating_text) if _present(rating_text) and lang == "vi" else party_rating_label(code, lang)


def rating_words(code: str | None, rating_text: str | None, lang: str = "vi") -> str:
    """The rating as written, and on today's scale when the words are another era's: 'Khá (≈ Hoàn thành
    nhiệm vụ)'; in English the scale's label and the Vietnamese words."""
    label = party_rating_label(code, lang)
    if not _present(rating_text) or fold(str(rating_text)) == fold(label):
        return label
    return f"{rating_text} (≈ {label})" if lang == "vi" else f"{label} ('{rating_text}')"
