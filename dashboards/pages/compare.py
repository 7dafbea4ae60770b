"""So sánh đơn vị: the units under the locality in one picture — league table, one indicator across
units, blocs, emulation scores, the units' totals against the locality's figures, and a map."""

from __future__ import annotations

import polars as pl
import streamlit as st

from analysis import charts, tables, units
from analysis import format as fmt
from analysis.i18n import bloc_label, indicator_name, t
from dashboards import data, state, ui
from dashboards.navigation import PAGES

sel = state.current()
warehouse = data.reader()
lang = sel.lang
st.title(t("cmp_title", lang, locality=fmt.md(sel.locality_name), year=sel.year))
st.caption(t("cmp_intro", lang, locality=fmt.md(sel.locality_name), year=sel.year))

year = int(sel.year) if sel.year.isdigit() else 0
if not year:
    st.info(t("cmp_no_year", lang, locality=fmt.md(sel.locality_name)))
    st.stop()
blocs = units.blocs_in_year(warehouse.emulation(sel.locality)["emulation_blocs"], year)
scopes = ["", *blocs.get_column("bloc_code").to_list()]
labels = {"": t("cmp_scope_all", lang)} | {
    r["bloc_code"]: bloc_label(r["bloc_code"], r["bloc_name"], r["bloc_kind"], lang) for r in blocs.to_dicts()
}
bloc = state.remembered("bloc") or ""
if bloc not in scopes:
    bloc = ""
left, middle, right = st.columns([2, 3, 2])
with left:
    bloc = st.selectbox(t("cmp_scope", lang), scopes, index=scopes.index(bloc), format_func=labels.get, key="w_bloc")
state.remember("bloc", bloc or None)
rank_options = ["share", "indicator"]
rank_by = state.remembered("rank") if state.remembered("rank") in rank_options else "share"
with right:
    rank_by = st.radio(
        t("cmp_rank_by", lang),
        rank_options,
        index=rank_options.index(rank_by),
        format_func=lambda k: t(f"cmp_rank_{k}", lang),
        key="w_rank",
    )
state.remember("rank", None if rank_by == "share" else rank_by)

view = units.compare(
    warehouse, sel.locality, sel.year, bloc=bloc or None, indicator=state.remembered("indicator"), rank_by=rank_by
)
if view.units.is_empty():
    st.info(t("cmp_no_units", lang, locality=fmt.md(sel.locality_name), year=sel.year))
    st.stop()
if not view.has_figures:
    example = view.units.item(0, "locality_code")
    st.info(t("cmp_no_figures", lang, locality=fmt.md(sel.locality_name), year=sel.year, example=example))
    st.stop()

codes = view.indicators.get_column("indicator_code").to_list()
names = {
    r["indicator_code"]: f"{indicator_name(r['name_vi'], r['name_en'], lang)} ({r['units_with_figure']})"
    for r in view.indicators.to_dicts()
}
with middle:
    chosen = st.selectbox(
        t("cmp_indicator", lang), codes, index=codes.index(view.indicator), format_func=names.get, key="w_cmp_indicator"
    )
if chosen != view.indicator:
    state.remember("indicator", chosen)
    st.rerun()
state.remember("indicator", view.indicator)
meta = view.indicator_meta() or {}
ind_name = indicator_name(meta.get("name_vi"), meta.get("name_en"), lang)
unit, dec = meta.get("unit") or "", int(meta.get("decimals") or 0)

# 1. The league table.
st.subheader(t("cmp_league", lang))
ranked = view.league.filter(pl.col("rank").is_not_null()).height
st.markdown(t("cmp_ranked", lang, ranked=ranked, total=view.league.height, missing=view.league.height - ranked))
sorts = list(tables.LEAGUE_SORTS)
sort_by = st.selectbox(t("cmp_sort", lang), sorts, format_func=lambda k: t(f"cmp_sort_{k}", lang), key="w_cmp_sort")
scope_slug = f"{sel.locality}-{bloc}" if bloc else sel.locality
ui.table(
    tables.league_table(
        view.league,
        lang,
        indicator_name=ind_name,
        unit=unit,
        decimals=dec,
        sort_by=sort_by,
        descending=sort_by in ("share", "indicator"),
    ),
    key="cmp-league",
    filename=f"xep-hang-{scope_slug}-{sel.year}",
    lang=lang,
)
st.caption(t("cmp_rank_note", lang))

# 2. Drill-down: a unit's overview, in this tab (its choice kept in the URL as every page's).
overview = PAGES[0]
unit_names = dict(view.units.select("locality_code", "name").iter_rows())
# Units with figures of their own have an overview (the others are not in the sidebar's list).
with_figures = set(view.marts.get_column("locality_code").to_list())
reporting = [c for c in view.league.get_column("locality_code").to_list() if c in with_figures]
with st.container(border=True):
    pick_col, go_col = st.columns([3, 1])
    with pick_col:
        target = st.selectbox(t("cmp_open_unit", lang), reporting, format_func=unit_names.get, key="w_cmp_unit")
    with go_col:
        st.write("")
        opened = st.button(t("cmp_open_button", lang), key="cmp-open", icon=":material/arrow_forward:")
    with st.expander(t("cmp_open_link", lang)):
        st.markdown(
            "  \n".join(f"[{fmt.md(unit_names[c])}](./?locality={c}&year={sel.year}&lang={lang})" for c in reporting)
        )
if opened and target:
    state.remember("locality", target)
    # The sidebar's widget was drawn with the locality of this run: forget it, so the next run draws
    # the unit chosen (the choice itself lives in the URL, as every page's).
    st.session_state.pop("w_locality", None)
    st.switch_page(overview.file)

# 3. The indicator across the units, its target marked.
if view.indicator:
    ui.chart(
        charts.units_indicator(
            view.league,
            lang=lang,
            locality_name=sel.locality_name,
            year=sel.year,
            name=ind_name,
            unit=unit,
            decimals=dec,
        ),
        key="cmp-indicator",
        filename=f"{view.indicator}-{scope_slug}-{sel.year}",
        data=view.marts.filter((pl.col("period") == sel.year) & (pl.col("indicator_code") == view.indicator)),
        lang=lang,
    )

# 4. Emulation scores of the scope's scoring sheet.
scope_name = labels.get(bloc, "") if bloc else fmt.md(sel.locality_name)
st.subheader(t("cmp_scores", lang, scope=scope_name, year=sel.year))
if view.scores.empty:
    st.info(
        t(
            "cmp_no_scoring",
            lang,
            scope=scope_name,
            year=sel.year,
            locality=fmt.md(sel.locality_name),
            code=sel.locality,
        )
    )
else:
    st.caption(t("cmp_scores_note", lang, locality=fmt.md(sel.locality_name)))
    ui.table(
        tables.scores_table(view.scores, unit_names, lang),
        key="cmp-scores",
        filename=f"cham-diem-thi-dua-{scope_slug}-{sel.year}",
        lang=lang,
    )

# 5. The units' totals against the locality's own figures.
if view.sums.height:
    st.subheader(t("cmp_sums", lang, locality=fmt.md(sel.locality_name)))
    st.caption(t("cmp_sums_note", lang))
    ui.table(
        tables.unit_sums_table(view.sums, lang),
        key="cmp-sums",
        filename=f"tong-don-vi-{sel.locality}-{sel.year}",
        lang=lang,
    )

# 6. A map, when the locality gave its units' boundaries.
st.subheader(t("cmp_map", lang))
shapes = warehouse.boundaries(sel.locality)
if shapes.is_empty():
    st.info(t("cmp_map_missing", lang, locality=fmt.md(sel.locality_name), code=sel.locality), icon=":material/map:")
else:
    measures = ["share", *(["indicator"] if view.indicator else []), *(["score"] if not view.scores.empty else [])]
    measure_labels = {"share": t("col_share_met", lang), "indicator": ind_name, "score": t("col_total_points", lang)}
    measure = st.radio(
        t("cmp_map_measure", lang), measures, format_func=measure_labels.get, horizontal=True, key="w_cmp_map"
    )
    values = units.map_values(view, measure)
    ui.chart(
        charts.unit_map(
            shapes,
            values,
            lang=lang,
            locality_name=sel.locality_name,
            year=sel.year,
            measure=measure_labels[measure],
            unit={"share": "%", "indicator": unit, "score": t("col_total_points", lang)}[measure],
            decimals={"share": 1, "indicator": dec, "score": 2}[measure],
        ),
        key="cmp-map",
        filename=f"ban-do-{measure}-{scope_slug}-{sel.year}",
        data=view.marts.filter(pl.col("period") == sel.year),
        lang=lang,
    )
