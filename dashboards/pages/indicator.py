"""Chỉ tiêu: one indicator over the years against its annual and term targets, with revisions."""

from __future__ import annotations

import polars as pl
import streamlit as st

from analysis import charts, tables, units, written
from analysis import format as fmt
from analysis.i18n import (
    change_kind_label,
    family_label,
    grade_label,
    indicator_name,
    status_label,
    t,
    target_kind_label,
)
from analysis.theme import GRADE_COLORS, STATUS_COLORS
from dashboards import data, state, ui
from schemas.vocab import FAMILY

sel = state.current()
warehouse = data.reader()
lang = sel.lang

catalog = warehouse.indicators(sel.locality)
if catalog.is_empty():
    st.info(t("overview_empty", lang, year=sel.year))
    st.stop()

# Families in the vocabulary's order, then by name: the list reads like the report.
catalog = catalog.with_columns(
    pl.col("family").replace_strict({f: i for i, f in enumerate(FAMILY.codes)}, default=99).alias("_order")
).sort("_order", "name_vi")
codes = catalog["indicator_code"].to_list()


def own_name(r: dict) -> str:
    """The locality's own name for the indicator (its latest), else the catalog's; English: the catalog's."""
    if lang == "vi" and r.get("name_local"):
        return r["name_local"]
    return indicator_name(r["name_vi"], r["name_en"], lang)


labels = {r["indicator_code"]: f"{own_name(r)} · {family_label(r['family'], lang)}" for r in catalog.to_dicts()}
year_rows = warehouse.scorecard(sel.locality, sel.year)
judged = year_rows.filter(pl.col("status") != "chua_co_so_lieu")["indicator_code"].to_list()
# Default: an indicator judged this year, else one with a history of figures, else the first.
with_history = catalog.filter(pl.col("n_actuals") > 1)["indicator_code"].to_list()
default = (judged or with_history or codes)[0]
current = state.remembered("indicator")
if current not in codes:
    current = default
code = st.selectbox(
    t("pick_indicator", lang), codes, index=codes.index(current), format_func=labels.get, key="w_indicator"
)
state.remember("indicator", code)

meta = catalog.filter(pl.col("indicator_code") == code).row(0, named=True)
unit, dec = meta["unit"], int(meta["decimals"])
history = warehouse.indicator_history(sel.locality, code)
this_year = history.filter(pl.col("period") == sel.year)
# The name the chosen year's report gives it, else the locality's latest, else the catalog's.
name = written.name(this_year.row(0, named=True), lang) if this_year.height else own_name(meta)
catalog_name = indicator_name(meta["name_vi"], meta["name_en"], lang)
st.title(fmt.md(name))
st.caption(
    f"{fmt.md(sel.locality_name)} · {family_label(meta['family'], lang)} · {t('unit', lang)}: {fmt.md(unit)} · {code}"
    + (f" · {t('indicator_catalog_name', lang, name=fmt.md(catalog_name))}" if catalog_name != name else "")
)

if this_year.height:
    r = this_year.row(0, named=True)
    target_notes = [
        t("derived_long", lang) if r["target_is_derived"] else written.source_kind(r, lang),
        written.statements_note(r, lang),
        "" if r["target_is_derived"] else r.get("target_document") or "",
    ]
    actual_notes = [
        fmt.actual_status(r["actual_status"], lang) if r["actual_status"] else "",
        written.actual_note(r, lang),
    ]
    ui.cards(
        [
            (
                t("indicator_year_target", lang, year=sel.year),
                tables.target_text(r, lang, short=True),
                " · ".join(n for n in target_notes if n) or None,
            ),
            (
                t("indicator_year_actual", lang, year=sel.year),
                written.actual(r, lang, unit=True, decimals=dec),
                " · ".join(n for n in actual_notes if n) or None,
            ),
            (t("col_achievement", lang), fmt.pct(r["achievement_pct"], 2, lang), None),
            (
                t("indicator_year_status", lang, year=sel.year),
                status_label(r["status"], lang),
                None,
                STATUS_COLORS.get(r["status"]),
            ),
        ]
        + tables.h1_card(r, lang, sel.year)
    )
else:
    st.info(t("indicator_no_year", lang, year=sel.year))

term = warehouse.term_row(sel.locality, code, sel.term) if sel.term else None
ui.chart(
    charts.indicator_trend(
        history, term=term, lang=lang, locality_name=sel.locality_name, name=name, unit=unit, decimals=dec
    ),
    key="indicator-trend",
    filename=f"{code}-{sel.locality}",
    data=[history, term],
    lang=lang,
)

# A unit formed by a merger, split or renaming: its series with the former units' figures before the change.
links = units.lineage(warehouse.unit_links())
if links.filter((pl.col("to_code") == sel.locality) & (pl.col("from_code") != sel.locality)).height:
    lineage_codes = units.lineage_codes(links, sel.locality)
    series = units.series_across_change(
        warehouse.indicator_across_units(lineage_codes, code),
        links,
        sel.locality,
        additive=warehouse.catalog_additive(code),
    )
    unit_names = dict(warehouse.unit_names(lineage_codes).iter_rows())
    st.subheader(t("chg_heading", lang))
    for change in series.changes.select("change_date", "kind").unique().sort("change_date").to_dicts():
        formed_from = series.changes.filter(pl.col("change_date") == change["change_date"])["from_code"].to_list()
        st.caption(
            t(
                "chg_intro",
                lang,
                unit=fmt.md(sel.locality_name),
                units=", ".join(fmt.md(unit_names.get(c, c)) for c in formed_from),
                kind=change_kind_label(change["kind"], lang).lower(),
                date=change["change_date"].strftime("%d/%m/%Y") if change["change_date"] else "—",
            )
        )
    ui.chart(
        charts.series_across_change(
            series, names=unit_names, lang=lang, locality_name=sel.locality_name, name=name, unit=unit, decimals=dec
        ),
        key="indicator-across-change",
        filename=f"{code}-{sel.locality}-truoc-sau-sap-xep",
        data=warehouse.indicator_across_units(lineage_codes, code),
        lang=lang,
    )
    for reason, years in units.change_notes(series).items():
        text = t(f"chg_{'not_combined' if reason == 'no_weights' else reason}", lang, years=", ".join(years))
        st.caption(text)

if sel.term:
    st.subheader(t("indicator_term", lang, term=sel.term.replace("-", "–")))
    if term is None or (term.get("target_value") is None and term.get("actual_to_date") is None):
        st.caption(t("indicator_no_term", lang, term=sel.term.replace("-", "–")))
    else:
        kind = term.get("target_kind")
        ui.cards(
            [
                (
                    t("col_target", lang),
                    tables.target_text(term, lang, short=True),
                    target_kind_label(kind, lang) or None,
                ),
                (
                    t("term_to_date_metric", lang, year=term.get("as_of_year") or "—"),
                    fmt.with_unit(term.get("actual_to_date"), unit, dec, lang),
                    None,
                ),
                (t("term_progress_metric", lang), fmt.pct(term.get("progress_pct"), 1, lang), None),
                (
                    t("col_grade", lang),
                    grade_label(term.get("on_track_grade"), lang),
                    None,
                    GRADE_COLORS.get(term.get("on_track_grade")),
                ),
            ]
        )
        if kind == "cumulative":
            ui.chart(
                charts.cumulative_progress(
                    history, term, lang=lang, locality_name=sel.locality_name, name=name, unit=unit, decimals=dec
                ),
                key="indicator-cumulative",
                filename=f"{code}-{sel.locality}-{sel.term}",
                data=[history, term],
                lang=lang,
            )
        if term.get("required_rate_remaining") is not None and term.get("on_track_grade") != "achieved":
            rate_text = tables.rate_text(term["required_rate_remaining"], kind, unit, lang)
            st.markdown(t("term_needed", lang, rate=rate_text, target=fmt.md(tables.target_text(term, lang))))
        if term.get("projected_end_value") is not None and kind in ("end_level", "average_rate", "cumulative"):
            st.markdown(
                t(
                    "term_projection",
                    lang,
                    end=term["term_end"],
                    value=fmt.with_unit(term["projected_end_value"], unit, dec, lang),
                )
            )
        source = written.source_kind(term, lang, default="congress")
        st.caption(
            f"{t('col_source_kind', lang)}: {fmt.md(source)}"
            + (f" · {fmt.md(term['target_document'])}" if term.get("target_document") else "")
            + (f" · {fmt.md(written.statements_note(term, lang))}" if written.statements_note(term, lang) else "")
        )
        incomplete = tables.incomplete_note(term, lang)
        if incomplete:
            st.warning(incomplete, icon=":material/warning:")
        if term.get("note"):
            st.caption(fmt.md(term["note"]))

st.subheader(t("indicator_by_year", lang))
ui.table(tables.indicator_years(history, lang), key="indicator-years", filename=f"{code}-{sel.locality}-nam", lang=lang)
ui.provenance(
    tables.indicator_provenance(
        history, term, lang, statements=warehouse.target_statements(sel.locality, indicator=code)
    ),
    key="indicator-trace",
    filename=f"nguon-{code}-{sel.locality}",
    lang=lang,
)

revs = warehouse.indicator_revisions(sel.locality, code)
st.subheader(t("indicator_revisions", lang))
revised = revs.filter(pl.col("revision") > 1).height
st.caption(t("indicator_has_revisions", lang, n=revised) if revised else t("indicator_no_revisions", lang))
ui.table(
    tables.revisions(revs, dec, unit, lang),
    key="indicator-revisions",
    filename=f"{code}-{sel.locality}-lan-nap",
    lang=lang,
)
