"""Streamlit pieces every page uses: a chart with its PNG button, a table with its CSV/XLSX
buttons, a provenance expander, the "warehouse not built" message. Layout only: no queries.
"""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go
import polars as pl
import streamlit as st
from pandas.io.formats.style import Styler

from dashboards import export
from dashboards.data import BUILD_COMMAND, BUILD_COMMAND_DIRECT, WarehouseStatus
from dashboards.i18n import t
from dashboards.tables import Table


def slug(text: str) -> str:
    """A file-name-safe ASCII slug ('Tổng quan 2023' → 'tong-quan-2023')."""
    from schemas.vocab import fold

    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "bang"


def chart(fig: go.Figure, *, key: str, filename: str) -> None:
    """A Plotly chart whose modebar camera button saves a titled, sourced PNG."""
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
                "filename": slug(filename),
                "width": 1200,
                "height": int(fig.layout.height or 450),
                "scale": 2,
            },
        },
    )


def _styled(tbl: Table) -> pd.DataFrame | Styler:
    """A pandas Styler that tints status/grade cells (icons and words stay; colour is extra)."""
    frame = tbl.display.to_pandas()
    if not tbl.tints:
        return frame

    def colour(column: pd.Series) -> list[str]:
        tints = tbl.tints.get(column.name)
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
    config = dict(column_config or {})
    for name in tbl.sparklines:
        config[name] = st.column_config.LineChartColumn(name, width="small")
    st.dataframe(_styled(tbl), hide_index=True, width="stretch", height=height, column_config=config, key=key)
    frame = tbl.export if not tbl.export.is_empty() else tbl.display
    base = slug(filename)
    left, right, _ = st.columns([1, 1, 4])
    with left:
        st.download_button(
            t("download_csv", lang),
            data=lambda: export.to_csv(frame),
            file_name=f"{base}.csv",
            mime="text/csv",
            key=f"{key}-csv",
            on_click="ignore",
            icon=":material/download:",
        )
    with right:
        st.download_button(
            t("download_xlsx", lang),
            data=lambda: export.to_xlsx(frame),
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
