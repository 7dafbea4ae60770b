"""Streamlit pieces every page uses: a chart with its PNG button and print-export menu, a table with
its CSV/XLSX buttons, a provenance expander, the report-pack button, the "warehouse not built"
message. Layout only: no queries.
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import plotly.graph_objects as go
import polars as pl
import streamlit as st
from pandas.io.formats.style import Styler

from analysis import charts, table_files
from analysis import format as fmt
from analysis.i18n import t
from analysis.queries import BUILD_COMMAND, BUILD_COMMAND_DIRECT, WarehouseStatus
from analysis.tables import Table


def _lang() -> str:
    selection = st.session_state.get("_selection")
    return getattr(selection, "lang", None) or "vi"


def chart(
    fig: go.Figure,
    *,
    key: str,
    filename: str,
    data: pl.DataFrame | dict | list | None = None,
    lang: str | None = None,
) -> None:
    """A Plotly chart whose modebar camera button saves a titled, sourced PNG, and under it an export
    menu for print files (PNG 300 dpi, SVG, PDF at 16 cm). ``data``: the rows the chart was drawn
    from (a frame, a term row, or a list of both), for the printed source line and estimate note.
    A figure with nothing to draw (``analysis.charts.empty_figure``) is not drawn: its words are shown
    instead, so no empty chart ever sits beside a table that has the figures."""
    empty = charts.empty_message(fig)
    if empty is not None:
        st.info(empty, icon=":material/info:")
        return
    st.plotly_chart(
        fig,
        key=key,
        width="stretch",
        theme=None,  # exactly the figure the report exporter renders
        config={
            "displaylogo": False,
            "displayModeBar": True,
            "modeBarButtonsToRemove": ["lasso2d", "select2d"],
            "toImageButtonOptions": {
                "format": "png",
                "filename": fmt.slug(filename),
                "width": 1200,
                "height": int(fig.layout.height or 450),
                "scale": 2,
            },
        },
    )
    chart_files(fig, key=key, filename=filename, data=data, lang=lang or _lang())


def chart_files(fig: go.Figure, *, key: str, filename: str, data: object, lang: str) -> None:
    """'Xuất biểu đồ': PNG 300 dpi, SVG and PDF download buttons that render only when clicked
    (deferred downloads: a rerun never renders an image). Without Chromium, the message saying
    what to install, and the page goes on."""
    from analysis.reports import render

    if render.find_browser() is None:
        with st.popover(t("chart_export", lang), icon=":material/download:"):
            st.warning(render.browser_message(lang), icon=":material/warning:")
        return
    # Its content is built only while it is open: a closed menu costs a rerun nothing.
    menu = st.popover(t("chart_export", lang), icon=":material/download:", key=f"{key}-export", on_change="rerun")
    if not menu.open:
        return
    with menu:
        st.caption(t("chart_export_help", lang))
        base = fmt.slug(filename)
        for kind in render.FORMATS:
            st.download_button(
                t(f"chart_export_{kind}", lang),
                data=partial(render.export_figure, fig, kind, lang=lang, data=data),
                file_name=f"{base}.{kind}",
                mime=render.MIME[kind],
                key=f"{key}-{kind}",
                on_click="ignore",
                icon=":material/image:" if kind == "png" else ":material/draw:",
                width="stretch",
            )


def report_pack(*, locality: str, period: str, lang: str, key: str) -> None:
    """'Xuất bộ báo cáo': build the pack (every format of ``analysis.reports.writers`` on by default:
    DOCX, XLSX, chart ZIP, PPTX) for the locality and period on a click, then offer each file.
    Without Chromium, the message saying what to install."""
    from analysis.reports import render
    from analysis.reports.writers import WRITERS
    from dashboards import data as warehouse_data

    heading = (
        t("pack_heading_term", lang, term=period.replace("-", "–"))
        if "-" in period
        else t("pack_heading_year", lang, year=period)
    )
    with st.expander(heading, icon=":material/description:"):
        st.caption(t("pack_help", lang))
        if render.find_browser() is None:
            st.warning(render.browser_message(lang), icon=":material/warning:")
            return
        who = st.session_state.get("_access")
        approved_only = False
        if who is not None and not who.open_demo and who.can_view_unapproved(locality):
            approved_only = st.checkbox(t("pack_approved_only", lang), key=f"{key}-approved-only")
        # Packs of different scopes never share a folder (an internal pack must not reach a viewer).
        note = warehouse_data.approval_note(locality, period, approved_only, lang)
        scope = "" if not note else "-da-duyet" if note == t("pack_note_approved_only", lang) else "-noi-bo"
        state_key = f"_pack:{locality}:{period}:{lang}:{scope}"
        if st.button(t("pack_button", lang), key=key, icon=":material/description:", type="primary"):
            from analysis.reports.pack import build_pack

            with st.spinner(t("pack_building", lang)):
                try:
                    st.session_state[state_key] = build_pack(
                        warehouse_data.reader(approved_only=approved_only),
                        locality,
                        period,
                        warehouse_data.export_dir() / f"{locality}-{period}{scope}",
                        lang=lang,
                        renderer=render.shared_renderer(),
                        approval_note=note,
                    )
                    if who is not None and not who.open_demo:
                        warehouse_data.services().governance.log(
                            who.user.id, "export", locality, period, scope=scope.strip("-") or "all"
                        )
                except (render.ExportUnavailable, ValueError, FileNotFoundError, RuntimeError) as exc:
                    st.error(t("pack_failed", lang, error=exc), icon=":material/error:")
                    return
        result = st.session_state.get(state_key)
        if result is None:
            return
        st.success(
            t(
                "pack_done",
                lang,
                charts=result.charts,
                tables=result.tables,
                seconds=f"{result.seconds:.1f}",
                path=result.out_dir,
            ),
            icon=":material/check_circle:",
        )
        for writer in WRITERS:
            path = result.files.get(writer.key)
            if path is not None and path.exists():
                st.download_button(
                    t(writer.label, lang),
                    data=path.read_bytes,
                    file_name=path.name,
                    mime=writer.mime,
                    key=f"{key}-{writer.key}",
                    on_click="ignore",
                    icon=":material/download:",
                    width="stretch",
                )


def _styled(tbl: Table) -> pd.DataFrame | Styler:
    """The table under its headers, as a pandas Styler that tints status/grade cells (icons and words
    stay; colour is extra)."""
    frame = tbl.view().to_pandas()
    if not tbl.tints:
        return frame
    tints_by_header = {tbl.label(key): tints for key, tints in tbl.tints.items()}

    def colour(column: pd.Series) -> list[str]:
        tints = tints_by_header.get(column.name)
        if not tints:
            return [""] * len(column)
        return [f"background-color: {c}; color: #1A1A1A" if c else "" for c in tints]

    return frame.style.apply(colour, axis=0)


def table(
    tbl: Table,
    *,
    key: str,
    filename: str,
    lang: str,
    height: int | str = "auto",
    column_config: dict | None = None,
) -> None:
    """The table, then its 'Tải CSV' and 'Tải Excel' buttons (files hold raw numbers, not text)."""
    if tbl.empty:
        st.caption(t("no_rows", lang))
        return
    # Column settings by key, as the table builders name them; st.dataframe wants the headers.
    config = {tbl.label(name): value for name, value in (column_config or {}).items()}
    for name in tbl.sparklines:
        label = tbl.label(name)
        config[label] = st.column_config.LineChartColumn(label, width="small")
    st.dataframe(_styled(tbl), hide_index=True, width="stretch", height=height, column_config=config, key=key)
    frame = tbl.download()
    base = fmt.slug(filename)
    left, right, _ = st.columns([1, 1, 4])
    with left:
        st.download_button(
            t("download_csv", lang),
            data=lambda: table_files.to_csv(frame),
            file_name=f"{base}.csv",
            mime="text/csv",
            key=f"{key}-csv",
            on_click="ignore",
            icon=":material/download:",
        )
    with right:
        st.download_button(
            t("download_xlsx", lang),
            data=lambda: table_files.to_xlsx(frame),
            file_name=f"{base}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"{key}-xlsx",
            on_click="ignore",
            icon=":material/download:",
        )


def provenance(tbl: Table, *, key: str, filename: str, lang: str, label: str | None = None) -> None:
    """One click away: where each figure on screen came from."""
    with st.expander(label or t("trace", lang), icon=":material/search:"):
        table(tbl, key=key, filename=filename, lang=lang)


def warehouse_message(status: WarehouseStatus, lang: str) -> None:
    """Plain words and the exact command when there is nothing to show."""
    title, body = {
        "missing": ("wh_missing_title", "wh_missing"),
        "empty": ("wh_empty_title", "wh_empty"),
    }.get(status.state, ("wh_unreadable_title", "wh_unreadable"))
    st.header(t(title, lang))
    st.warning(t(body, lang, path=status.path, detail=status.detail or ""), icon=":material/warning:")
    st.code(BUILD_COMMAND, language="bash")
    st.caption(t("wh_command_alt", lang, cmd=BUILD_COMMAND_DIRECT))


def cards(items: list[tuple]) -> None:
    """A row of cards: (label, value[, note[, colour]]). Values wrap instead of being cut off; the
    colour is a left border only, the label already says it in words."""
    import html

    parts = []
    for item in items:
        label, value, note, colour = (*item, None, None)[:4]
        parts.append(
            '<div class="ct-card" style="flex:1 1 0;min-width:150px;border:1px solid #D0D0D0;'
            f'border-left:6px solid {colour or "#D0D0D0"};border-radius:8px;padding:8px 14px;background:#FFFFFF">'
            f'<div style="font-size:0.85rem;color:#444444">{html.escape(str(label))}</div>'
            f'<div class="ct-card-value" style="font-size:1.55rem;font-weight:600;line-height:1.3;color:#1A1A1A">'
            f"{html.escape(str(value))}</div>"
            + (f'<div style="font-size:0.8rem;color:#555555">{html.escape(str(note))}</div>' if note else "")
            + "</div>"
        )
    st.markdown(
        '<div class="ct-cards" style="display:flex;gap:12px;flex-wrap:wrap;margin:4px 0 14px 0">'
        + "".join(parts)
        + "</div>",
        unsafe_allow_html=True,
    )


def empty_note(frame: pl.DataFrame, message: str) -> bool:
    """Say so in words when a frame is empty; True when it was."""
    if frame.is_empty():
        st.info(message)
        return True
    return False
