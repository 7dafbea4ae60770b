"""Tables as people read them: each builder returns a display frame (numbers written the locale's
way, statuses with icon and word) and an export frame (the same columns with raw values) for the
CSV/XLSX downloads. Pure Polars; no Streamlit, no DuckDB.

Both frames have stable, language-independent column keys (the i18n keys: ``col_indicator``,
``col_actual`` …); the ``Table`` carries each key's header in the table's language, and ``view()``
and ``download()`` give the frames under those headers. Code that reads a table (the report
pack) reads the keys; what a person sees or downloads is labelled.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import polars as pl

from analysis import format as fmt
from analysis import trace, written
from analysis.i18n import (
    actual_status_label,
    criteria_set_label,
    criterion_label,
    family_label,
    grade_label,
    indicator_name,
    load_status_label,
    locality_level_label,
    ntm_level_label,
    party_org_type_label,
    party_rating_label,
    recipient_label,
    severity_label,
    status_label,
    t,
    target_kind_label,
    target_source_label,
)
from analysis.theme import GRADE_TINTS, STATUS_COLORS, STATUS_ORDER, STATUS_TINTS
from schemas.vocab import (
    FAMILY,
    NTM_CRITERIA_COUNT,
    NTM_CRITERIA_VERSIONS,
    NtmCriteriaVersion,
    ntm_criteria_version,
)


@dataclass
class Table:
    """What a page shows and what its download buttons give, under stable column keys."""

    display: pl.DataFrame
    export: pl.DataFrame
    # Column key → its header in the table's language.
    headers: dict[str, str]
    # Column key → one background colour per row (status and grade cells).
    tints: dict[str, list[str | None]] = field(default_factory=dict)
    # Column keys whose cells are lists of numbers, drawn as sparklines.
    sparklines: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return self.display.is_empty()

    def label(self, key: str) -> str:
        """The header of column ``key`` (the key itself when the table has none for it)."""
        return self.headers.get(key, key)

    def labelled(self, frame: pl.DataFrame) -> pl.DataFrame:
        """``frame`` with its column keys renamed to the headers."""
        return frame.rename({name: self.label(name) for name in frame.columns})

    def view(self) -> pl.DataFrame:
        """The display frame under its headers: what the page shows."""
        return self.labelled(self.display)

    def download(self) -> pl.DataFrame:
        """What the CSV and XLSX buttons give, under the headers: the export frame (raw values), or
        the display frame when the table has no separate export."""
        return self.labelled(self.export if not self.export.is_empty() else self.display)


def _frame(rows: list[dict], columns: list[str]) -> pl.DataFrame:
    if not rows:
        return pl.DataFrame(schema=dict.fromkeys(columns, pl.Utf8))
    return pl.DataFrame(rows, schema_overrides=None, strict=False, infer_schema_length=None).select(columns)


def target_text(r: dict, lang: str, *, short: bool = False) -> str:
    """A mart row's target as written, or '≈ 74 (suy ra từ 101,35% kế hoạch)'; one written in another
    unit with its conversion ('dưới 12‰ (= tối đa 1,2%)')."""
    converted = written.converted_target(r, lang)
    if converted is not None:
        return converted
    return fmt.target(
        text=r.get("target_text"),
        form=r.get("target_form"),
        low=r.get("target_low"),
        high=r.get("target_high"),
        value=r.get("target_value"),
        derived=bool(r.get("target_is_derived")),
        reported_pct=r.get("reported_pct"),
        unit=r.get("unit"),
        decimals=fmt.shown_decimals(r, "target_decimals"),
        lang=lang,
        short=short,
    )


def _period_suffix(period: str | None) -> str:
    return f" ({str(period).replace('-', '–')})" if period else ""


def _status_rank(code: str | None) -> int:
    return STATUS_ORDER.index(code) if code in STATUS_ORDER else len(STATUS_ORDER)


# --- scorecard --------------------------------------------------------------------------------


def families_present(score: pl.DataFrame) -> list[str]:
    """Families of the scorecard in the vocabulary's order."""
    present = set(score.get_column("family").to_list()) if score.height else set()
    return [f for f in FAMILY.codes if f in present]


def sparkline_series(recent: pl.DataFrame) -> dict[str, list[float]]:
    """indicator_code → actuals in year order (for a sparkline)."""
    if recent.is_empty():
        return {}
    grouped = recent.sort("period").group_by("indicator_code", maintain_order=True).agg(pl.col("actual"))
    return {code: [float(v) for v in values] for code, values in grouped.iter_rows()}


def scorecard(
    score: pl.DataFrame,
    lang: str = "vi",
    *,
    spark: dict[str, list[float]] | None = None,
    trend_label: str = "",
    units: bool = False,
) -> Table:
    """One row per indicator: target as written (with 'nêu 2 lần' when stated more than once), actual
    as written ('gần 72%', '80% (120/150)', a comparison when there is no level), estimate or official,
    % of target, status, and a sparkline of recent actuals when ``spark`` is given. ``units``: rows of
    several units (the figures a locality reports for its communes), each row led by its unit's name."""
    rows = sorted(
        score.to_dicts(),
        key=lambda r: (
            _status_rank(r["status"]),
            str(r.get("locality_name") or "") if units else "",
            written.name(r, lang),
        ),
    )
    headers = {
        k: t(k, lang)
        for k in (
            "col_unit_name",
            "col_indicator",
            "col_unit",
            "col_target",
            "col_actual",
            "col_actual_status",
            "col_achievement",
            "col_status",
            "col_family",
            "col_code",
            "col_target_value",
            "derived",
            "col_source_kind",
            "col_actual_text",
            "col_as_written",
            "col_document",
            "col_workbook",
            "col_sheet",
            "col_row",
            "col_note",
        )
    }
    headers["col_trend"] = trend_label or t("col_trend", lang, first="", last="").strip(" –")
    display, export, tints = [], [], []
    for r in rows:
        name = written.name(r, lang)
        target = written.with_note(target_text(r, lang), written.statements_note(r, lang))
        unit_name = {"col_unit_name": r.get("locality_name") or r.get("locality_code") or ""} if units else {}
        display.append(
            {
                **unit_name,
                "col_indicator": name,
                "col_unit": r["unit"],
                "col_target": target,
                "col_actual": written.actual(r, lang),
                "col_actual_status": actual_status_label(r["actual_status"], lang) or fmt.DASH,
                "col_achievement": fmt.pct(r["achievement_pct"], 2, lang),
                "col_status": status_label(r["status"], lang),
            }
        )
        if spark is not None:
            display[-1]["col_trend"] = spark.get(r["indicator_code"], [])
        export.append(
            {
                **unit_name,
                "col_family": family_label(r["family"], lang),
                "col_code": r["indicator_code"],
                "col_indicator": name,
                "col_unit": r["unit"],
                "col_target": target,
                "col_target_value": r["target_value"],
                "derived": bool(r["target_is_derived"]),
                "col_source_kind": written.source_kind(r, lang),
                "col_actual": r["actual"],
                "col_actual_text": r.get("actual_text")
                if r.get("actual_text") is not None
                else r.get("comparison_text"),
                "col_as_written": written.actual_note(r, lang),
                "col_actual_status": actual_status_label(r["actual_status"], lang),
                "col_achievement": r["achievement_pct"],
                "col_status": status_label(r["status"], lang),
                "col_document": r.get("actual_source_document") or r.get("target_document"),
                "col_workbook": r.get("actual_source_file") or r.get("target_source_file"),
                "col_sheet": r.get("actual_source_sheet") or r.get("target_source_sheet"),
                "col_row": r.get("actual_source_row") or r.get("target_source_row"),
                "col_note": r.get("note"),
            }
        )
        tints.append(STATUS_TINTS.get(r["status"]))
    display_cols = [
        *(["col_unit_name"] if units else []),
        "col_indicator",
        "col_unit",
        "col_target",
        "col_actual",
        "col_actual_status",
        "col_achievement",
        "col_status",
        *(["col_trend"] if spark is not None else []),
    ]
    if not display:
        return Table(pl.DataFrame(schema=dict.fromkeys(display_cols, pl.Utf8)), pl.DataFrame(), headers)
    disp = pl.DataFrame(display).select(display_cols)
    if spark is None:
        return Table(disp, pl.DataFrame(export, strict=False), headers, {"col_status": tints})
    disp = disp.with_columns(pl.col("col_trend").cast(pl.List(pl.Float64)))
    return Table(disp, pl.DataFrame(export, strict=False), headers, {"col_status": tints}, ("col_trend",))


PROVENANCE_COLUMNS = [
    "col_indicator",
    "col_figure",
    "col_value",
    "col_kind",
    "col_source_kind",
    "col_as_written",
    "col_document",
    "col_quote",
    "col_workbook",
    "col_sheet",
    "col_row",
]


def _statements_by_key(statements: pl.DataFrame | None) -> dict[tuple, list[dict]]:
    """Every statement of a target stated more than once, by (locality, indicator, period)."""
    if statements is None or statements.is_empty():
        return {}
    out: dict[tuple, list[dict]] = {}
    for s in statements.sort("statement").to_dicts():
        out.setdefault((s.get("locality_code"), s["indicator_code"], s["period"]), []).append(s)
    return out


def provenance(score: pl.DataFrame, lang: str = "vi", *, statements: pl.DataFrame | None = None) -> Table:
    """Two rows per indicator, the actual and the target: document, quote, workbook cell, kind, the kind
    of document that set the target, and how the report wrote each (another unit, a qualifier, a ratio,
    a comparison only). ``statements`` (``Reader.target_statements``): a target stated more than once
    gets a row for each statement not applied, with its own cell."""
    cols = PROVENANCE_COLUMNS
    headers = {k: t(k, lang) for k in cols}
    others = _statements_by_key(statements)
    rows: list[dict] = []
    for r in score.to_dicts():
        name = written.name(r, lang)
        period = r.get("period") or r.get("term")
        if r.get("actual") is not None or r.get("comparison_text"):
            rows.append(
                dict(
                    zip(
                        cols,
                        [
                            name,
                            t("col_actual", lang) + _period_suffix(r.get("actual_covered") or period),
                            written.actual(r, lang, unit=True),
                            t("computed_yearly", lang)
                            if r.get("actual_to_date_source") == "yearly_figures"
                            else trace.kind(r.get("actual_status"), lang=lang),
                            "",
                            written.actual_note(r, lang),
                            r.get("actual_source_document"),
                            r.get("actual_source_quote"),
                            r.get("actual_source_file"),
                            r.get("actual_source_sheet"),
                            r.get("actual_source_row"),
                        ],
                        strict=True,
                    )
                )
            )
        if r.get("target_value") is not None or r.get("target_text"):
            derived = bool(r.get("target_is_derived"))
            stated = others.get((r.get("locality_code"), r.get("indicator_code"), period), [])
            binding = next((s for s in stated if s.get("is_binding")), None)
            rows.append(
                dict(
                    zip(
                        cols,
                        [
                            name,
                            t("col_target", lang) + _period_suffix(period),
                            target_text(r, lang),
                            t("derived_long", lang) if derived else t("as_written", lang),
                            written.source_kind(r, lang),
                            written.target_note(r, lang, binding_statement=binding["statement"] if binding else None),
                            r.get("target_document") or r.get("target_source_document"),
                            r.get("target_source_quote"),
                            r.get("target_source_file") or (r.get("actual_source_file") if derived else None),
                            r.get("target_source_sheet") or (r.get("actual_source_sheet") if derived else None),
                            r.get("target_source_row") or (r.get("actual_source_row") if derived else None),
                        ],
                        strict=True,
                    )
                )
            )
            for s in stated:
                if s.get("is_binding"):
                    continue
                rows.append(
                    dict(
                        zip(
                            cols,
                            [
                                name,
                                t("stated_other_figure", lang, period=_period_suffix(period), k=s["statement"]),
                                target_text({**r, **s, "target_value": None, "target_is_derived": False}, lang),
                                t("as_written", lang),
                                target_source_label(s.get("target_source_kind"), lang),
                                t("stated_other", lang, target=target_text(r, lang)),
                                s.get("target_document") or s.get("source_document"),
                                s.get("source_quote"),
                                s.get("source_file"),
                                s.get("source_sheet"),
                                s.get("source_row"),
                            ],
                            strict=True,
                        )
                    )
                )
    if not rows:
        return Table(
            pl.DataFrame(schema=dict.fromkeys(cols, pl.Utf8)),
            pl.DataFrame(schema=dict.fromkeys(cols, pl.Utf8)),
            headers,
        )
    frame = pl.DataFrame(rows, strict=False, infer_schema_length=None).select(cols)
    display = frame.with_columns(pl.col("col_row").cast(pl.Int64).cast(pl.Utf8).fill_null(""))
    return Table(display.fill_null(""), frame, headers)


# --- one indicator ----------------------------------------------------------------------------


def h1_card(r: dict, lang: str, year: str) -> list[tuple]:
    """A card for the first-half figure against the emulation milestone (usually 50% of the annual
    target): [(label, value, note, colour)], or [] when the year has no first-half figure."""
    if r.get("h1_actual") is None:
        return []
    note = None
    if r.get("h1_pct_of_target") is not None:
        verdict = t("h1_met" if r.get("h1_on_track") else "h1_behind", lang)
        goal = fmt.pct(r.get("h1_target_pct"), 0, lang)
        note = t("h1_note", lang, pct=fmt.pct(r["h1_pct_of_target"], 1, lang), verdict=verdict, goal=goal)
    colour = None if r.get("h1_on_track") is None else STATUS_COLORS["dat" if r["h1_on_track"] else "khong_dat"]
    value = fmt.with_unit(r["h1_actual"], r.get("unit"), int(r.get("decimals") or 0), lang)
    return [(t("h1_card", lang, year=year), value, note, colour)]


def indicator_years(history: pl.DataFrame, lang: str = "vi") -> Table:
    """Year by year: target as written, actual, estimate or official, % of target, status, revisions."""
    headers = {
        k: t(k, lang)
        for k in (
            "col_year",
            "col_target",
            "col_actual",
            "col_actual_status",
            "col_achievement",
            "col_status",
            "col_revisions",
            "col_target_value",
            "derived",
        )
    }
    display, export, tints = [], [], []
    for r in history.sort("period", descending=True).to_dicts():
        target = written.with_note(target_text(r, lang), written.statements_note(r, lang))
        display.append(
            {
                "col_year": r["period"],
                "col_target": target,
                "col_actual": written.actual(r, lang),
                "col_actual_status": actual_status_label(r["actual_status"], lang) or fmt.DASH,
                "col_achievement": fmt.pct(r["achievement_pct"], 2, lang),
                "col_status": status_label(r["status"], lang),
                "col_revisions": str(r["actual_revisions"] or 0),
            }
        )
        export.append(
            {
                "col_year": r["period"],
                "col_target": target,
                "col_target_value": r["target_value"],
                "derived": bool(r["target_is_derived"]),
                "col_actual": r["actual"],
                "col_actual_status": actual_status_label(r["actual_status"], lang),
                "col_achievement": r["achievement_pct"],
                "col_status": status_label(r["status"], lang),
                "col_revisions": r["actual_revisions"],
            }
        )
        tints.append(STATUS_TINTS.get(r["status"]))
    if not display:
        return Table(pl.DataFrame(schema=dict.fromkeys(headers, pl.Utf8)), pl.DataFrame(), headers)
    return Table(pl.DataFrame(display), pl.DataFrame(export, strict=False), headers, {"col_status": tints})


def _revision_value(r: dict, decimals: int, unit: str, lang: str) -> str:
    """A loaded figure as the revisions table shows it: as written (a qualifier, a ratio, another unit,
    a comparison only), else the number with its unit, else the % of plan the report gave."""
    as_mart = {
        "actual": r.get("value"),
        "actual_text": r.get("value_text"),
        "actual_qualifier": r.get("value_qualifier"),
        "actual_decimals": r.get("value_decimals"),
        "actual_count": r.get("value_count"),
        "actual_denominator": r.get("value_denominator"),
        "actual_value_written": r.get("value_written"),
        "actual_unit_written": r.get("unit_written"),
        "comparison_text": r.get("comparison_text"),
        "unit": unit,
        "decimals": decimals,
    }
    if r.get("value") is None and r.get("reported_pct") is not None:
        return fmt.pct(r["reported_pct"], 2, lang) + " KH"
    shown = written.actual(as_mart, lang, unit=True)
    if r.get("value") is None:
        return shown
    return written.with_note(shown, written.actual_note({**as_mart, "comparison_text": None}, lang))


def revisions(frame: pl.DataFrame, decimals: int, unit: str, lang: str = "vi") -> Table:
    """Every revision of every period's actual, current ones marked."""
    headers = {
        k: t(k, lang)
        for k in (
            "col_period",
            "col_revision",
            "col_value",
            "col_actual_status",
            "col_current",
            "col_loaded_at",
            "col_superseded_at",
            "col_workbook",
            "col_sheet",
            "col_row",
            "col_document",
        )
    }
    display, export = [], []
    for r in frame.to_dicts():
        covered = "–".join(str(y) for y in dict.fromkeys((r.get("covered_from"), r.get("covered_to"))) if y is not None)
        period = r["period"] + (f" ({covered})" if r.get("period_kind") == "term" and covered else "")
        common = {
            "col_period": period,
            "col_revision": r["revision"],
            "col_actual_status": actual_status_label(r["actual_status"], lang),
            "col_current": t("yes", lang) if r["is_current"] else t("no", lang),
            "col_workbook": r["source_file"],
            "col_sheet": r["source_sheet"],
            "col_row": r["source_row"],
            "col_document": r["source_document"],
        }
        display.append(
            {
                **common,
                "col_revision": str(r["revision"]),
                "col_value": _revision_value(r, decimals, unit, lang),
                "col_loaded_at": fmt.when(r["loaded_at"], lang),
                "col_superseded_at": fmt.when(r["superseded_at"], lang) if r["superseded_at"] else "",
                "col_row": "" if r["source_row"] is None else str(r["source_row"]),
                "col_document": trace.shorten(r["source_document"], 80),
            }
        )
        export.append(
            {
                **common,
                "col_value": r["value"],
                "col_loaded_at": r["loaded_at"],
                "col_superseded_at": r["superseded_at"],
            }
        )
    cols = list(headers)
    if not display:
        return Table(pl.DataFrame(schema=dict.fromkeys(cols, pl.Utf8)), pl.DataFrame(), headers)
    return Table(
        pl.DataFrame(display).select(cols).fill_null(""), pl.DataFrame(export, strict=False).select(cols), headers
    )


# --- term -------------------------------------------------------------------------------------


def rate_text(value: float | None, kind: str | None, unit: str, lang: str) -> str:
    """A pace: '+2,26%/năm' for growth, '147,5 đảng viên/năm' for a cumulative target."""
    if value is None:
        return fmt.DASH
    if kind == "cumulative":
        return fmt.number(value, 1, lang) + f" {unit}/" + ("năm" if lang == "vi" else "year")
    if kind == "threshold":
        return fmt.DASH
    return fmt.signed(value, 2, lang) + ("%/năm" if lang == "vi" else "%/year")


def incomplete_note(r: dict, lang: str = "vi") -> str | None:
    """'Chưa đủ số liệu: mới có 1/3 năm đã qua …' for a term row some of whose elapsed years have no
    figure; None when its data are complete or no year of the term has passed yet (never '0/0')."""
    elapsed = r.get("years_elapsed") or 0
    if r.get("data_complete", True) or elapsed <= 0:
        return None
    return t("term_incomplete", lang, have=r.get("years_with_data") or 0, elapsed=elapsed)


# The columns that say how the term workbook wrote its figure so far (the term's row of the mart).
_WRITTEN_ACTUAL = (
    "actual_text",
    "actual_qualifier",
    "actual_count",
    "actual_denominator",
    "actual_value_written",
    "actual_unit_written",
    "actual_decimals",
    "comparison_text",
)


def term_actual(r: dict) -> dict:
    """A term progress row as a mart row whose actual is the figure so far: how the term workbook wrote
    it ('2/8 xã') applies only when the figure is the term report's own, not one computed from the years."""
    own = r.get("actual_to_date_source") == "term_report"
    return {**r, "actual": r.get("actual_to_date"), **({} if own else dict.fromkeys(_WRITTEN_ACTUAL))}


def term_targets(progress: pl.DataFrame, lang: str = "vi") -> Table:
    """Every term target: as written (with the kind of document that set it), progress to date (as the
    term report wrote it), paces, projection and grade."""
    headers = {
        k: t(k, lang)
        for k in (
            "col_family",
            "col_indicator",
            "col_target",
            "col_target_kind",
            "col_source_kind",
            "col_baseline",
            "col_to_date",
            "col_as_of",
            "col_progress",
            "col_actual_rate",
            "col_required_rate",
            "col_required_remaining",
            "col_projection",
            "col_grade",
            "col_complete",
            "col_note",
            "col_unit",
            "col_code",
            "col_document",
            "col_workbook",
            "col_row",
        )
    }
    display, export, tints = [], [], []
    order = {f: i for i, f in enumerate(FAMILY.codes)}
    rows = sorted(progress.to_dicts(), key=lambda r: (order.get(r["family"], 99), written.name(r, lang)))
    for r in rows:
        dec, unit, kind = int(r["decimals"] or 0), r["unit"], r["target_kind"]
        name = written.name(r, lang)
        baseline = ""
        if r.get("baseline_value") is not None:
            baseline = fmt.number(r["baseline_value"], dec, lang) + (
                f" ({r['baseline_year']})" if r.get("baseline_year") else ""
            )
        to_date = (
            fmt.number(r["actual_to_date"], 0, lang) if kind == "threshold" else written.actual(term_actual(r), lang)
        )
        if kind == "threshold" and r["actual_to_date"] is not None:
            to_date += "% " + ("số năm đạt" if lang == "vi" else "of years met")
        if r.get("actual_status") == "estimate" and r["actual_to_date"] is not None:
            to_date += f" ({t('estimate_tag', lang)})"
        target = written.with_note(target_text(r, lang), written.statements_note(r, lang))
        incomplete = incomplete_note(r, lang)
        complete = (
            fmt.DASH
            if r["actual_to_date"] is None
            else ("⚠ " + incomplete)
            if incomplete
            else t("yes", lang)
            if r["data_complete"]
            else fmt.DASH
        )
        display.append(
            {
                "col_family": family_label(r["family"], lang),
                "col_indicator": name,
                "col_unit": unit,
                "col_target": target,
                "col_target_kind": target_kind_label(kind, lang),
                "col_source_kind": written.source_kind(r, lang, default="congress"),
                "col_baseline": baseline,
                "col_to_date": to_date,
                "col_as_of": "" if r["as_of_year"] is None else str(r["as_of_year"]),
                "col_progress": fmt.pct(r["progress_pct"], 1, lang),
                "col_actual_rate": rate_text(r["actual_rate"], kind, unit, lang),
                "col_required_rate": rate_text(r["required_rate"], kind, unit, lang),
                "col_required_remaining": rate_text(r["required_rate_remaining"], kind, unit, lang),
                "col_projection": fmt.number(r["projected_end_value"], dec, lang) if kind != "threshold" else fmt.DASH,
                "col_grade": grade_label(r["on_track_grade"], lang),
                "col_complete": complete,
                "col_note": r.get("note") or "",
            }
        )
        export.append(
            {
                "col_family": family_label(r["family"], lang),
                "col_code": r["indicator_code"],
                "col_indicator": name,
                "col_unit": unit,
                "col_target": target,
                "col_target_kind": target_kind_label(kind, lang),
                "col_source_kind": written.source_kind(r, lang, default="congress"),
                "col_baseline": r.get("baseline_value"),
                "col_to_date": r["actual_to_date"],
                "col_as_of": r["as_of_year"],
                "col_progress": r["progress_pct"],
                "col_actual_rate": r["actual_rate"],
                "col_required_rate": r["required_rate"],
                "col_required_remaining": r["required_rate_remaining"],
                "col_projection": r["projected_end_value"],
                "col_grade": grade_label(r["on_track_grade"], lang),
                "col_complete": bool(r["data_complete"]),
                "col_document": r.get("target_document"),
                "col_workbook": r.get("target_source_file"),
                "col_row": r.get("target_source_row"),
                "col_note": r.get("note"),
            }
        )
        tints.append(GRADE_TINTS.get(r["on_track_grade"]))
    if not display:
        return Table(pl.DataFrame(schema={"col_indicator": pl.Utf8}), pl.DataFrame(), headers)
    return Table(pl.DataFrame(display), pl.DataFrame(export, strict=False), headers, {"col_grade": tints})


def indicator_provenance(
    history: pl.DataFrame, term: dict | None, lang: str = "vi", *, statements: pl.DataFrame | None = None
) -> Table:
    """Provenance of an indicator's yearly figures and targets, plus its term target and term figure
    (``statements``: every statement of a target stated more than once, as ``provenance`` takes them)."""
    if term is None:
        return provenance(history, lang, statements=statements)
    term_frame = term_provenance_rows(pl.DataFrame([term]))
    return provenance(pl.concat([history, term_frame], how="diagonal_relaxed"), lang, statements=statements)


def term_provenance_rows(progress: pl.DataFrame) -> pl.DataFrame:
    """Term progress rows shaped like mart rows (actual, actual_covered) for ``provenance``; how the term
    workbook wrote its figure kept only when the figure so far is that workbook's own (``term_actual``)."""
    own = pl.col("actual_to_date_source") == "term_report"
    return progress.with_columns(
        *[pl.when(own).then(pl.col(c)).alias(c) for c in _WRITTEN_ACTUAL if c in progress.columns],
        pl.col("actual_to_date").alias("actual"),
        pl.when(pl.col("actual_to_date_source") == "term_report")
        .then(pl.col("actual_covered"))
        .when((pl.col("target_kind") == "end_level") & pl.col("as_of_year").is_not_null())
        .then(pl.col("as_of_year").cast(pl.Utf8))
        .when(pl.col("as_of_year").is_not_null())
        .then(pl.format("{}–{}", pl.col("term_start") + 1, pl.col("as_of_year")))
        .alias("actual_covered"),
    )


def term_provenance(progress: pl.DataFrame, lang: str = "vi", *, statements: pl.DataFrame | None = None) -> Table:
    """Where each term target and each term figure came from, and how the term workbook wrote them."""
    return provenance(term_provenance_rows(progress), lang, statements=statements)


# --- new rural areas --------------------------------------------------------------------------


def ntm_version(cells: pl.DataFrame, year: str | None = None) -> NtmCriteriaVersion:
    """The national criteria set the rows were reported against: their ``criteria_version``, else the
    set in force in their year (or ``year``)."""
    if "criteria_version" in cells.columns:
        versions = cells.get_column("criteria_version").drop_nulls().unique().sort().to_list()
        if versions:
            known = {v.version: v for v in NTM_CRITERIA_VERSIONS}
            if versions[-1] in known:
                return known[versions[-1]]
    years = [int(p) for p in (cells.get_column("period").to_list() if "period" in cells.columns else []) if p]
    first = year if year is not None else (max(years) if years else None)
    return ntm_criteria_version(int(first) if first is not None and str(first).isdigit() else None)


def ntm_matrix(cells: pl.DataFrame, lang: str = "vi") -> Table:
    """Units × the criteria of the set in force that year (19 until 2025, 10 from 2026), as text
    (✔ Đạt / ✖ Chưa đạt) for download and reading; criterion ``n`` is column ``criterion_n``, named
    as that set names it."""
    version = ntm_version(cells)
    count = version.count
    cells = cells.filter(pl.col("criterion_no").is_not_null()).with_columns(
        pl.coalesce("unit_name", "group_label", "unit_code").alias("unit_name")
    )
    headers = {
        "col_unit_name": t("col_unit_name", lang),
        **{f"criterion_{no}": criterion_label(no, lang, version.version) for no in range(1, count + 1)},
        "col_criteria_met": t("col_criteria_met", lang),
    }
    if cells.is_empty():
        empty = pl.DataFrame(schema={"col_unit_name": pl.Utf8})
        return Table(empty, empty, headers)
    met, not_met = "✔ " + t("ntm_met", lang), "✖ " + t("ntm_not_met", lang)
    index = {(r["unit_name"], int(r["criterion_no"])): r["criterion_met"] for r in cells.to_dicts()}
    rows = []
    for unit in sorted({r["unit_name"] for r in cells.to_dicts()}, key=str):
        row = {"col_unit_name": unit}
        for no in range(1, count + 1):
            v = index.get((unit, no))
            row[f"criterion_{no}"] = "" if v is None else (met if v else not_met)
        row["col_criteria_met"] = f"{sum(1 for no in range(1, count + 1) if index.get((unit, no)))}/{count}"
        rows.append(row)
    frame = pl.DataFrame(rows)
    return Table(frame, frame, headers)


def ntm_counts(counts: pl.DataFrame, lang: str = "vi") -> Table:
    """Criteria met per unit or group and year ('9–14/19' for a reported range)."""
    headers = {
        k: t(k, lang)
        for k in (
            "col_year",
            "col_unit_name",
            "col_criteria_set",
            "col_criteria_met",
            "col_actual_status",
            "col_workbook",
        )
    }
    rows = []
    for r in counts.sort("period", "label").to_dicts():
        met = str(r["criteria_met"]) + (f"–{r['criteria_met_max']}" if r.get("criteria_met_max") is not None else "")
        rows.append(
            {
                "col_year": r["period"],
                "col_unit_name": r["label"],
                "col_criteria_set": criteria_set_label(r["criteria_set"], lang),
                "col_criteria_met": f"{met}/{r.get('criteria_total') or NTM_CRITERIA_COUNT}",
                "col_actual_status": actual_status_label(r.get("actual_status"), lang),
                "col_workbook": r.get("source_file"),
            }
        )
    frame = _frame(rows, list(headers))
    return Table(frame, frame, headers)


def ntm_levels(frame: pl.DataFrame, lang: str = "vi", *, villages_only: bool = False) -> Table:
    """Units and the level they reached, year by year (optionally villages only)."""
    from schemas.vocab import VILLAGE_LEVELS

    part = frame.filter(pl.col("level_reached").is_not_null())
    if villages_only:
        part = part.filter(pl.col("unit_level").is_in(list(VILLAGE_LEVELS)))
    headers = {
        k: t(k, lang)
        for k in (
            "col_year",
            "col_unit_name",
            "col_kind",
            "col_commune",
            "col_criteria_set",
            "col_level",
            "col_actual_status",
            "col_workbook",
            "col_row",
            "col_document",
        )
    }
    rows = []
    for r in part.sort("period", "unit_level", "unit_name").to_dicts():
        rows.append(
            {
                "col_year": r["period"],
                "col_unit_name": r["unit_name"] or r.get("group_label") or r.get("unit_code") or "",
                "col_kind": locality_level_label(r.get("unit_level"), lang)
                or (t("ntm_group_kind", lang) if r.get("group_label") and not r.get("unit_code") else ""),
                "col_commune": r.get("parent_name") or "",
                "col_criteria_set": criteria_set_label(r["criteria_set"], lang),
                "col_level": ntm_level_label(r["level_reached"], lang),
                "col_actual_status": actual_status_label(r["actual_status"], lang),
                "col_workbook": r.get("source_file"),
                "col_row": r.get("source_row"),
                "col_document": r.get("source_document"),
            }
        )
    export = _frame(rows, list(headers))
    display = (
        export.with_columns(
            pl.col("col_row").cast(pl.Utf8).fill_null(""),
            pl.col("col_document").map_elements(lambda s: trace.shorten(s, 70), return_dtype=pl.Utf8).fill_null(""),
        )
        if rows
        else export
    )
    return Table(display, export, headers)


# --- party ------------------------------------------------------------------------------------


def party_organisations(orgs: pl.DataFrame, lang: str = "vi") -> Table:
    """Grassroots party organisations of one year: block, type, rating as written ('Trong sạch, vững
    mạnh') and on today's scale, organisations and members."""
    headers = {
        k: t(k, lang)
        for k in (
            "col_block",
            "col_org_type",
            "col_rating",
            "col_rating_scale",
            "col_orgs",
            "col_members",
            "col_actual_status",
            "col_workbook",
            "col_row",
        )
    }
    # A row without a rating counts all ratings: beside rated rows of its block and type, it is their total.
    rated = {(r["block"], r["org_type"]) for r in orgs.to_dicts() if r.get("rating")}
    rows = []
    for r in orgs.to_dicts():
        total = not r.get("rating") and (r["block"], r["org_type"]) in rated
        rows.append(
            {
                "col_block": r["block"] or t("all_blocks", lang),
                "col_org_type": party_org_type_label(r["org_type"], lang),
                "col_rating": t("party_all_ratings", lang)
                if total
                else written.rating(r["rating"], r.get("rating_text"), lang),
                "col_rating_scale": party_rating_label(r["rating"], lang) if r["rating"] else "",
                "col_orgs": r["org_count"],
                "col_members": r["member_count"],
                "col_actual_status": actual_status_label(r["actual_status"], lang),
                "col_workbook": r["source_file"],
                "col_row": r["source_row"],
            }
        )
    export = _frame(rows, list(headers))
    if not rows:
        return Table(export, export, headers)
    display = export.with_columns(
        pl.col("col_orgs").map_elements(lambda v: fmt.number(v, 0, lang), return_dtype=pl.Utf8),
        pl.col("col_members").map_elements(lambda v: fmt.number(v, 0, lang), return_dtype=pl.Utf8),
        pl.col("col_row").cast(pl.Utf8),
    ).fill_null(fmt.DASH)
    return Table(display, export, headers)


# --- awards -----------------------------------------------------------------------------------


def awards(frame: pl.DataFrame, lang: str = "vi", *, details: bool = False) -> Table:
    """Award rows: totals (no detail rows) or the decisions in detail."""
    headers = {
        k: t(k, lang)
        for k in (
            "col_period",
            "col_award",
            "col_award_level",
            "col_recipient",
            "col_count",
            "col_movement",
            "col_decision",
            "col_in_summary",
            "col_workbook",
            "col_row",
        )
    }
    keep = ["col_period", "col_award", "col_award_level", "col_recipient", "col_count"]
    keep += ["col_decision", "col_in_summary"] if details else ["col_movement"]
    keep += ["col_workbook", "col_row"]
    rows = []
    for r in frame.to_dicts():
        rows.append(
            {
                "col_period": r["period"],
                "col_award": r["award_title"],
                "col_award_level": written.award_level(r["level"], r.get("level_text"), lang),
                "col_recipient": recipient_label(r["recipient_kind"], lang),
                "col_count": r["award_count"],
                "col_movement": r.get("movement") or "",
                "col_decision": r.get("decision_ref") or "",
                "col_in_summary": t("yes", lang) if r["part_of_summary"] else t("no", lang),
                "col_workbook": r["source_file"],
                "col_row": r["source_row"],
            }
        )
    export = _frame(rows, keep)
    if not rows:
        return Table(export, export, headers)
    display = export.with_columns(
        pl.col("col_count").map_elements(lambda v: fmt.number(v, 0, lang), return_dtype=pl.Utf8),
        pl.col("col_row").cast(pl.Utf8),
    )
    return Table(display, export, headers)


# --- data -------------------------------------------------------------------------------------


def workbooks(frame: pl.DataFrame, lang: str = "vi") -> Table:
    """The workbooks loaded for the locality: file, period, title, report date, who prepared it."""
    headers = {
        k: t(k, lang)
        for k in ("col_file", "col_period", "col_title", "col_report_date", "col_prepared_by", "col_loaded_at")
    }
    rows = [
        {
            "col_file": r["file"],
            "col_period": r["period"],
            "col_title": r["title"],
            "col_report_date": r["report_date"],
            "col_prepared_by": r["prepared_by"],
            "col_loaded_at": r["loaded_at"],
        }
        for r in frame.to_dicts()
    ]
    export = _frame(rows, list(headers))
    display = (
        export.with_columns(
            pl.col("col_report_date").cast(pl.Date).dt.strftime("%d/%m/%Y"),
            pl.col("col_loaded_at").map_elements(lambda d: fmt.when(d, lang), return_dtype=pl.Utf8),
        ).fill_null("")
        if rows
        else export
    )
    return Table(display, export, headers)


def load_log(frame: pl.DataFrame, lang: str = "vi") -> Table:
    """The latest load of each workbook and step: result, rows read, loaded and rejected, warnings."""
    headers = {
        k: t(k, lang)
        for k in (
            "col_file",
            "col_asset",
            "col_period",
            "col_load_status",
            "col_rows_read",
            "col_rows_loaded",
            "col_rows_rejected",
            "col_warnings",
            "col_file_modified",
            "col_loaded_at",
        )
    }
    rows = [
        {
            "col_file": r["file"],
            "col_asset": r["asset"],
            "col_period": r["period"],
            "col_load_status": load_status_label(r["status"], lang),
            "col_rows_read": r["rows_read"],
            "col_rows_loaded": r["rows_loaded"],
            "col_rows_rejected": r["rows_rejected"],
            "col_warnings": r["warnings"],
            "col_file_modified": r["file_modified_at"],
            "col_loaded_at": r["loaded_at"],
        }
        for r in frame.to_dicts()
    ]
    export = _frame(rows, list(headers))
    display = (
        export.with_columns(
            pl.col("col_file_modified").map_elements(lambda d: fmt.when(d, lang), return_dtype=pl.Utf8),
            pl.col("col_loaded_at").map_elements(lambda d: fmt.when(d, lang), return_dtype=pl.Utf8),
            *[
                pl.col(k).cast(pl.Utf8)
                for k in ("col_rows_read", "col_rows_loaded", "col_rows_rejected", "col_warnings")
            ],
        ).fill_null("")
        if rows
        else export
    )
    return Table(display, export, headers)


def issues(frame: pl.DataFrame, lang: str = "vi") -> Table:
    """Every rejected row or warning: file, sheet, row, column, value and what to do."""
    headers = {
        k: t(k, lang)
        for k in (
            "col_severity",
            "col_file",
            "col_sheet",
            "col_row",
            "col_column",
            "col_value",
            "col_message",
            "col_rule",
        )
    }
    rows = [
        {
            "col_severity": ("✖ " if r["severity"] == "error" else "⚠ ") + severity_label(r["severity"], lang),
            "col_file": r["file"],
            "col_sheet": r["sheet"] or t("data_whole_file", lang),
            "col_row": r["row"],
            "col_column": r["column"],
            "col_value": r["value"],
            "col_message": r["message_en"] if lang == "en" else r["message_vi"],
            "col_rule": r["rule"],
        }
        for r in frame.to_dicts()
    ]
    export = _frame(rows, list(headers))
    display = export.with_columns(pl.col("col_row").cast(pl.Utf8)).fill_null("") if rows else export
    return Table(display, export, headers)


def quarantine(frame: pl.DataFrame, lang: str = "vi") -> Table:
    """Rejected rows whole, as 'header: text' pairs."""
    headers = {k: t(k, lang) for k in ("col_file", "col_sheet", "col_row", "col_rule", "col_cells")}

    def cells(text: str | None) -> str:
        try:
            data = json.loads(text or "{}")
        except ValueError:
            return text or ""
        return " · ".join(f"{k}: {v}" for k, v in data.items() if v not in (None, ""))

    rows = [
        {
            "col_file": r["file"],
            "col_sheet": r["sheet"],
            "col_row": r["row"],
            "col_rule": r["rules"],
            "col_cells": cells(r["cells"]),
        }
        for r in frame.to_dicts()
    ]
    export = _frame(rows, list(headers))
    display = export.with_columns(pl.col("col_row").cast(pl.Utf8)) if rows else export
    return Table(display, export, headers)


def table_rows(counts: dict[str, int], lang: str = "vi") -> Table:
    """Rows per warehouse table, as the latest publication counted them."""
    headers = {"col_table": t("col_table", lang), "col_rows": t("col_rows", lang)}
    export = pl.DataFrame(
        {"col_table": list(counts), "col_rows": [int(v) for v in counts.values()]},
        schema={"col_table": pl.Utf8, "col_rows": pl.Int64},
    )
    display = export.with_columns(
        pl.col("col_rows").map_elements(lambda v: fmt.number(v, 0, lang), return_dtype=pl.Utf8)
    )
    return Table(display, export, headers)


# --- many units: league table, emulation scores, units' sums ------------------------------------------

LEAGUE_SORTS = ("rank", "share", "indicator", "name")


def rank_change_text(change: int | None, existed: bool, lang: str = "vi") -> str:
    """'▲ 2' (two places up since last year), '▼ 1', '= ', 'mới' for a unit formed since, '—' without a rank."""
    if change is None:
        return t("cmp_new", lang) if not existed else fmt.DASH
    if change > 0:
        return f"▲ {change}"
    if change < 0:
        return f"▼ {-change}"
    return "="


def league_table(
    league: pl.DataFrame,
    lang: str = "vi",
    *,
    indicator_name: str | None = None,
    unit: str | None = None,
    decimals: int = 2,
    sort_by: str = "rank",
    descending: bool = False,
) -> Table:
    """The league table as a leader reads it: rank and its change since last year, the unit, its share
    of targets met, its counts, and the chosen indicator's actual, % of target and status. A unit
    without figures says so and has no rank. ``sort_by``: rank, share, indicator (its achievement %,
    else its actual) or name."""
    headers = {
        "col_rank": t("col_rank", lang),
        "col_rank_change": t("col_rank_change", lang),
        "col_admin_unit": t("col_admin_unit", lang),
        "col_share_met": t("col_share_met", lang),
        "col_judged": t("col_judged", lang),
        "col_vuot": status_label("vuot", lang),
        "col_dat": status_label("dat", lang),
        "col_khong_dat": status_label("khong_dat", lang),
        "col_code": t("col_unit_code", lang),
    }
    if indicator_name:
        headers |= {
            "col_actual": f"{indicator_name} · {t('col_actual', lang)}" + (f" ({unit})" if unit else ""),
            "col_achievement": f"{indicator_name} · {t('col_achievement', lang)}",
            "col_status": f"{indicator_name} · {t('col_status', lang)}",
        }
    keys = {
        "rank": [pl.col("rank").is_null(), "rank", "name"],
        "share": [pl.col("share_met").is_null(), "share_met", "name"],
        "indicator": [
            pl.coalesce("achievement_pct", "actual").is_null(),
            pl.coalesce("achievement_pct", "actual"),
            "name",
        ],
        "name": ["name"],
    }[sort_by if sort_by in LEAGUE_SORTS else "rank"]
    flip = [False, descending, False][: len(keys)] if len(keys) > 1 else [descending]
    rows = league.sort(keys, descending=flip, nulls_last=True).to_dicts() if league.height else []
    display, export, tints = [], [], []
    no_data = t("cmp_no_figures_short", lang)
    for r in rows:
        figures = r["judged"] > 0 or r.get("actual") is not None
        shown = {
            "col_rank": fmt.DASH if r["rank"] is None else str(r["rank"]),
            "col_rank_change": rank_change_text(r["rank_change"], bool(r["existed_before"]), lang),
            "col_admin_unit": r["name"],
            "col_share_met": fmt.pct(r["share_met"], 1, lang) if r["share_met"] is not None else no_data,
            "col_judged": str(r["judged"]) if figures else fmt.DASH,
            "col_vuot": str(r["vuot"]) if figures else fmt.DASH,
            "col_dat": str(r["dat"]) if figures else fmt.DASH,
            "col_khong_dat": str(r["khong_dat"]) if figures else fmt.DASH,
        }
        raw = {
            "col_rank": r["rank"],
            "col_rank_change": r["rank_change"],
            "col_code": r["locality_code"],
            "col_admin_unit": r["name"],
            "col_share_met": r["share_met"],
            "col_judged": r["judged"],
            "col_vuot": r["vuot"],
            "col_dat": r["dat"],
            "col_khong_dat": r["khong_dat"],
        }
        if indicator_name:
            shown |= {
                "col_actual": fmt.number(r["actual"], decimals, lang) if r["actual"] is not None else no_data,
                "col_achievement": fmt.pct(r["achievement_pct"], 2, lang),
                "col_status": status_label(r["status"], lang),
            }
            raw |= {
                "col_actual": r["actual"],
                "col_achievement": r["achievement_pct"],
                "col_status": status_label(r["status"], lang),
            }
        display.append(shown)
        export.append(raw)
        tints.append(STATUS_TINTS.get(r.get("status") or "chua_co_so_lieu"))
    display_cols = [k for k in headers if k != "col_code"]
    if not display:
        return Table(pl.DataFrame(schema=dict.fromkeys(display_cols, pl.Utf8)), pl.DataFrame(), headers)
    tinted = {"col_status": tints} if indicator_name else {}
    return Table(pl.DataFrame(display).select(display_cols), pl.DataFrame(export, strict=False), headers, tinted)


def scores_table(scores: object, names: dict[str, str] | None = None, lang: str = "vi") -> Table:
    """An emulation scoring sheet applied (``analysis.units.Scores``): one row per unit, its points on
    each criterion ('—' where there was nothing to score it on), the total and the rank."""
    criteria, points, totals = scores.criteria, scores.points, scores.totals
    headers = {
        "col_rank": t("col_rank", lang),
        "col_admin_unit": t("col_admin_unit", lang),
        "col_code": t("col_unit_code", lang),
    }
    crit_cols = []
    for c in criteria.to_dicts():
        key = f"crit_{c['criterion_no']}"
        name = c.get("criterion_name") or c.get("indicator_code") or ""
        headers[key] = t(
            "col_criterion_points", lang, no=c["criterion_no"], name=name, weight=fmt.number(c["weight"], 2, lang)
        )
        crit_cols.append((key, c["criterion_no"]))
    headers |= {"col_total": t("col_total_points", lang), "col_note": t("col_note", lang)}
    by = {(r["locality_code"], r["criterion_no"]): r for r in points.to_dicts()}
    display, export = [], []
    for r in totals.to_dicts():
        code = r["locality_code"]
        name = (names or {}).get(code) or r.get("name") or code
        shown = {"col_rank": fmt.DASH if r["rank"] is None else str(r["rank"]), "col_admin_unit": name}
        raw = {"col_rank": r["rank"], "col_code": code, "col_admin_unit": name}
        notes = []
        for key, no in crit_cols:
            p = by.get((code, no), {})
            shown[key] = fmt.number(p.get("points"), 2, lang)
            raw[key] = p.get("points")
            if p.get("note") == "score_capped":
                notes.append(t("cmp_score_capped", lang, no=no))
        if r["total"] is None:
            shown["col_total"] = t("cmp_partial_total", lang, points=fmt.number(r["partial"], 2, lang))
            notes.append(t("cmp_missing_criteria", lang, n=r["missing_criteria"]))
        else:
            shown["col_total"] = fmt.number(r["total"], 2, lang)
        raw["col_total"] = r["total"]
        shown["col_note"] = raw["col_note"] = " ".join(notes)
        display.append(shown)
        export.append(raw)
    cols = ["col_rank", "col_admin_unit", *[k for k, _ in crit_cols], "col_total", "col_note"]
    if not display:
        return Table(pl.DataFrame(schema=dict.fromkeys(cols, pl.Utf8)), pl.DataFrame(), headers)
    export_cols = ["col_rank", "col_code", "col_admin_unit", *[k for k, _ in crit_cols], "col_total", "col_note"]
    return Table(
        pl.DataFrame(display).select(cols),
        pl.DataFrame(export, strict=False, infer_schema_length=None).select(export_cols),
        headers,
    )


UNIT_SUM_WARNING = ("differs", "partial_exceeds")


def unit_sum_label(status: str | None, lang: str = "vi") -> str:
    return t(f"sum_{status}", lang) if status else fmt.DASH


def _names_of(text: str | None) -> list[str]:
    try:
        return [u.get("name") or u.get("code") for u in json.loads(text or "[]")]
    except ValueError:
        return []


def unit_sums_table(sums: pl.DataFrame, lang: str = "vi", *, with_year: bool = False) -> Table:
    """The units' sum beside their locality's figure, per additive indicator: both figures, the
    difference, how many units have a figure, the verdict, and the units involved."""
    headers = {
        "col_year": t("col_year", lang),
        "col_indicator": t("col_indicator", lang),
        "col_unit": t("col_unit_measure", lang),
        "col_reported": t("col_reported", lang),
        "col_units_sum": t("col_units_sum", lang),
        "col_difference": t("col_difference", lang),
        "col_units_reporting": t("col_units_reporting", lang),
        "col_sum_status": t("col_sum_status", lang),
        "col_units_missing": t("col_units_missing", lang),
        "col_units_detail": t("col_units_detail", lang),
        "col_code": t("col_code", lang),
    }
    display, export, tints = [], [], []
    for r in sums.to_dicts() if sums.height else []:
        d = int(r.get("shown_decimals") or r.get("decimals") or 0)
        detail = json.loads(r.get("units_detail") or "[]")
        involved = "; ".join(f"{u.get('name') or u.get('code')}: {fmt.number(u.get('value'), d, lang)}" for u in detail)
        missing = ", ".join(_names_of(r.get("units_missing")))
        name = indicator_name(r.get("indicator_name_vi"), r.get("indicator_name_en"), lang) or r["indicator_code"]
        reporting = f"{r['units_reporting']}/{r['units_expected']}"
        display.append(
            {
                "col_year": r["period"],
                "col_indicator": name,
                "col_unit": r.get("unit") or "",
                "col_reported": fmt.number(r["reported"], d, lang),
                "col_units_sum": fmt.number(r["units_sum"], d, lang),
                "col_difference": fmt.signed(r["difference"], d, lang) if r["difference"] is not None else fmt.DASH,
                "col_units_reporting": reporting,
                "col_sum_status": unit_sum_label(r["status"], lang),
                "col_units_missing": missing,
                "col_units_detail": involved,
            }
        )
        export.append(
            {
                "col_year": r["period"],
                "col_code": r["indicator_code"],
                "col_indicator": name,
                "col_unit": r.get("unit"),
                "col_reported": r["reported"],
                "col_units_sum": r["units_sum"],
                "col_difference": r["difference"],
                "col_units_reporting": reporting,
                "col_sum_status": unit_sum_label(r["status"], lang),
                "col_units_missing": missing,
                "col_units_detail": involved,
            }
        )
        tints.append(STATUS_TINTS["khong_dat"] if r["status"] in UNIT_SUM_WARNING else None)
    cols = [k for k in headers if k != "col_code" and (with_year or k != "col_year")]
    if not display:
        return Table(pl.DataFrame(schema=dict.fromkeys(cols, pl.Utf8)), pl.DataFrame(), headers)
    return Table(
        pl.DataFrame(display).select(cols), pl.DataFrame(export, strict=False), headers, {"col_sum_status": tints}
    )
