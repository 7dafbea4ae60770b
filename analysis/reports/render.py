"""Charts as print files: PNG at 300 dpi for the A4 text width, SVG and PDF, rendered headless.

Plotly draws, kaleido 1.x drives Debian's Chromium. One browser (``Renderer``) serves a whole
batch: starting Chromium costs seconds, a figure in an open browser a fraction of one. Each figure
is drawn once, to SVG; its PNG (rasterised at 300 dpi) and PDF (printed, vector) are made from that
SVG in plain pages of the same browser, a third of the cost of drawing it again per format. The
dashboard's on-demand exports share one lazily started browser (``render_shared``) that closes
itself after a few idle minutes.

``print_figure`` turns a dashboard figure (``analysis.charts``) into its print version without
forking the builder: serif font with Vietnamese glyphs, sizes for 16 cm, the period in the
subtitle, a source line listing the documents and a line saying whether the figures are
estimates (số liệu ước thực hiện) or official.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import copy
import html
import json
import os
import re
import struct
import textwrap
import threading
import time
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import plotly.graph_objects as go
import polars as pl

from analysis import trace
from analysis.i18n import t
from analysis.theme import FONT_FAMILY

# A4 text width (210 mm less the Decree 30 margins, 30 + 15 mm, leaves 165 mm): charts are 16 cm.
PRINT_WIDTH_CM = 16.0
PRINT_DPI = 300
PNG_WIDTH_PX = round(PRINT_WIDTH_CM / 2.54 * PRINT_DPI)  # 1890
# Layout width in CSS pixels: 700 px over 16 cm makes 14 px text print at about 9 pt.
PRINT_LAYOUT_PX = 700
PRINT_SCALE = PNG_WIDTH_PX / PRINT_LAYOUT_PX
# Times New Roman where it is installed (Windows, Word); Liberation Serif (fonts-liberation2, metric
# compatible and with every Vietnamese glyph) on Debian.
PRINT_FONT = "Times New Roman, Liberation Serif, DejaVu Serif, serif"
FORMATS = ("png", "svg", "pdf")
MIME = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
INSTALL_HINT = "make system-deps / apt-get install chromium"
# A render tab is reloaded after this many figures to bound its memory (kaleido reloads after every
# figure, which costs ~0.4 s each; the output is identical either way).
RELOAD_EVERY = 40
SHARED_IDLE_S = 300.0
# A batch of this many figures is worth a second plotly tab (it opens while the first one draws).
GROW_AT = 24
SOURCE_WRAP = 115
DOCS_PER_CHART = 4


class ExportUnavailable(RuntimeError):
    """No browser to render charts with; the message says what to install."""


def browser_message(lang: str = "vi") -> str:
    """The clear message, Vietnamese first, for a missing Chromium."""
    vi = (
        "Không xuất được biểu đồ: không tìm thấy trình duyệt Chromium trên máy chủ. "
        f"Cài Chromium (install Chromium): {INSTALL_HINT}."
    )
    en = f"Charts cannot be exported: no Chromium browser was found on the server. Install Chromium: {INSTALL_HINT}."
    return f"{vi} / {en}" if lang == "vi" else f"{en} / {vi}"


def find_browser() -> str | None:
    """The Chromium (or Chrome) kaleido would start, or None. ``BROWSER_PATH`` wins, as in kaleido."""
    override = os.environ.get("BROWSER_PATH")
    if override:
        return override if os.path.isfile(override) and os.access(override, os.X_OK) else None
    try:
        from choreographer.browsers.chromium import Chromium

        found = Chromium.find_browser(skip_local=False)
    except Exception:  # noqa: BLE001 - a broken install is "no browser" too
        return None
    return found if found and os.access(found, os.X_OK) else None


def require_browser() -> str:
    """The browser's path, or ``ExportUnavailable`` before anything is rendered."""
    path = find_browser()
    if path is None:
        raise ExportUnavailable(browser_message())
    return path


# --- print styling ----------------------------------------------------------------------------


def documents(frame: pl.DataFrame | None) -> list[str]:
    """Distinct source documents of a frame's rows, in order of appearance."""
    if frame is None or frame.is_empty():
        return []
    seen: dict[str, None] = {}
    for col in trace.DOC_COLUMNS:
        if col in frame.columns:
            for value in frame.get_column(col).drop_nulls().to_list():
                for part in str(value).split("; "):
                    if part.strip():
                        seen.setdefault(part.strip(), None)
    return list(seen)


def workbooks(frame: pl.DataFrame | None) -> list[str]:
    if frame is None or frame.is_empty():
        return []
    seen: dict[str, None] = {}
    for col in trace.FILE_COLUMNS:
        if col in frame.columns:
            for value in frame.get_column(col).drop_nulls().to_list():
                seen.setdefault(str(value), None)
    return sorted(seen)


def source_text(frame: pl.DataFrame | None, lang: str = "vi", *, max_docs: int = DOCS_PER_CHART) -> str:
    """'Nguồn: [001] Bài viết …; [003] …; bảng tính an-khe/2023.xlsx' — the documents first."""
    docs = documents(frame)
    parts = [trace.shorten(d) for d in docs[:max_docs]]
    if len(docs) > max_docs:
        more = len(docs) - max_docs
        parts.append(f"và {more} văn bản khác" if lang == "vi" else f"and {more} more documents")
    files = workbooks(frame)
    if files:
        parts.append(t("chart_source_files", lang, files=", ".join(files[:4]) + (" …" if len(files) > 4 else "")))
    if not parts:
        parts.append(t("source_warehouse", lang))
    return f"{t('source', lang)}: " + "; ".join(parts)


def frame_of(parts: pl.DataFrame | dict | Sequence[pl.DataFrame | dict | None] | None) -> pl.DataFrame | None:
    """One frame from a chart's inputs (e.g. an indicator's yearly rows and its term row), for its source line."""
    if parts is None or isinstance(parts, pl.DataFrame):
        return parts
    if isinstance(parts, dict):
        parts = [parts]
    frames = [pl.DataFrame([p]) if isinstance(p, dict) else p for p in parts if p is not None]
    frames = [f for f in frames if f.width]
    return pl.concat(frames, how="diagonal_relaxed") if frames else None


def status_note(frame: pl.DataFrame | None, lang: str = "vi") -> str | None:
    """Whether the figures are estimates (số liệu ước thực hiện), official, or both; None if unknown."""
    if frame is None or frame.is_empty() or "actual_status" not in frame.columns:
        return None
    kinds = set(frame.get_column("actual_status").drop_nulls().to_list())
    if "estimate" in kinds:
        return t("print_note_estimate", lang)
    if "official" in kinds:
        return t("print_note_official", lang)
    return None


_YEAR = re.compile(r"^\d{4}$")
_HAS_YEAR = re.compile(r"\b(19|20)\d{2}\b")


def period_label(years: Sequence[str], lang: str = "vi") -> str:
    """'giai đoạn 2015–2024', 'năm 2023' (English: '2015–2024', '2023')."""
    years = [str(y) for y in years]
    if not years:
        return ""
    if len(years) == 1 or years[0] == years[-1]:
        return f"năm {years[0]}" if lang == "vi" else years[0]
    span = f"{years[0]}–{years[-1]}"
    return f"giai đoạn {span}" if lang == "vi" else span


def _plain(text: str) -> str:
    """A Plotly label as the text it shows: tags dropped, entities decoded (so it is never escaped twice)."""
    return html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<br\s*/?>", " ", text or "")))


def figure_years(layout: dict) -> list[str]:
    axis = layout.get("xaxis") or {}
    cats = [str(c) for c in (axis.get("categoryarray") or [])]
    return cats if cats and all(_YEAR.match(c) for c in cats) else []


def _swap_fonts(node: object) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "family" and value == FONT_FAMILY:
                node[key] = PRINT_FONT
            else:
                _swap_fonts(value)
    elif isinstance(node, list):
        for item in node:
            _swap_fonts(item)


def _legend_rows(data: list[dict], font_px: float, avail_px: float) -> int:
    """Rows of a horizontal legend: one if every item fits, else plotly lines items up in columns."""
    widths = [
        48 + 0.48 * font_px * len(_plain(str(tr["name"])))
        for tr in data
        if tr.get("showlegend") is not False and tr.get("name")
    ]
    if not widths:
        return 0
    if sum(widths) <= avail_px:
        return 1
    per_row = max(1, int(avail_px // max(widths)))
    return -(-len(widths) // per_row)


def _category_label_px(data: list[dict], font_px: float) -> int:
    """Width of the longest category label on a horizontal bar chart or heatmap's y axis."""
    labels: list[str] = []
    for tr in data:
        if tr.get("orientation") == "h" or tr.get("type") == "heatmap":
            labels += [str(y) for y in (tr.get("y") or []) if isinstance(y, str)]
    return int(max((0.45 * font_px * len(_plain(label)) for label in labels), default=0))


def print_figure(
    fig: go.Figure | dict,
    *,
    lang: str = "vi",
    source: str | None = None,
    note: str | None = None,
    period: str | None = None,
) -> dict:
    """The print version of a dashboard figure, as a plain figure dict for kaleido.

    ``source`` replaces the figure's "Nguồn: …" line (pass ``source_text(frame)`` to list every
    document); ``note`` adds a line (``status_note(frame)``: estimates or official); ``period`` is
    added to the subtitle ('giai đoạn 2015–2024'), by default from the years on the x axis when the
    title does not name one.
    """
    spec = fig.to_dict() if isinstance(fig, go.Figure) else copy.deepcopy(fig)
    layout = spec.setdefault("layout", {})
    data = spec.setdefault("data", [])
    _swap_fonts(spec)
    layout.pop("template", None)
    layout.update(
        width=PRINT_LAYOUT_PX,
        paper_bgcolor="#FFFFFF",
        plot_bgcolor="#FFFFFF",
        font={**(layout.get("font") or {}), "family": PRINT_FONT, "size": 14, "color": "#000000"},
    )
    # The dashboard template's axis colours, kept without the template object itself.
    for axis in ("xaxis", "yaxis"):
        ax = layout.setdefault(axis, {})
        ax.setdefault("gridcolor", "#E0E0E0")
        ax.setdefault("linecolor", "#777777")
        ax.setdefault("automargin", True)
    layout.setdefault("colorway", ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000"])
    title = layout.setdefault("title", {})
    title["font"] = {**(title.get("font") or {}), "size": 18, "family": PRINT_FONT, "color": "#000000"}
    subtitle = title.setdefault("subtitle", {})
    sub_text = subtitle.get("text") or ""
    if period is None:
        years = figure_years(layout)
        if years and not _HAS_YEAR.search(_plain(title.get("text", ""))):
            period = period_label([years[0], years[-1]], lang)
    if period:
        sub_text = f"{sub_text} · {period}" if sub_text else period
    subtitle["text"] = sub_text
    subtitle["font"] = {**(subtitle.get("font") or {}), "size": 14, "color": "#333333"}
    legend = layout.setdefault("legend", {})
    legend["font"] = {**(legend.get("font") or {}), "size": 13}
    for axis in ("xaxis", "yaxis"):
        ax_title = (layout.get(axis) or {}).get("title")
        if isinstance(ax_title, dict) and ax_title.get("text"):
            ax_title["font"] = {**(ax_title.get("font") or {}), "size": 14}
            ax_title["standoff"] = 6

    margin = layout.setdefault("margin", {})
    left = max(int(margin.get("l") or 70), _category_label_px(data, 14) + 18)
    margin["l"] = left
    margin["r"] = max(int(margin.get("r") or 30), 24)
    for tr in data:
        # Values written beside horizontal bars need room at the right edge of a narrow page.
        if tr.get("orientation") == "h" and tr.get("textposition") == "outside":
            tr["cliponaxis"] = False
            margin["r"] = max(margin["r"], 56)

    # Source and note lines at the foot, wrapped for 16 cm; the margins grow with them.
    prefix = f"{t('source', lang)}:"
    annotations = layout.setdefault("annotations", [])
    foot = next((a for a in annotations if _plain(str(a.get("text", ""))).startswith(prefix)), None)
    old_text = _plain(str(foot.get("text", ""))) if foot else ""
    text = source or old_text
    lines = textwrap.wrap(text, SOURCE_WRAP) if text else []
    if note:
        lines += textwrap.wrap(note, SOURCE_WRAP)
    xaxis = layout.get("xaxis") or {}
    x_title = bool((xaxis.get("title") or {}).get("text")) and xaxis.get("side") != "top"
    if foot is None and lines:
        foot = {
            "xref": "paper",
            "yref": "paper",
            "x": 0,
            "y": 0,
            "xanchor": "left",
            "yanchor": "top",
            "showarrow": False,
            "align": "left",
        }
        annotations.append(foot)
    if foot is not None:
        foot["text"] = "<br>".join(_esc(line) for line in lines)
        foot["font"] = {**(foot.get("font") or {}), "size": 12, "color": "#333333"}
        foot["yshift"] = -(32 + (24 if x_title else 0))
        foot["xshift"] = -(left - 10)
    old_bottom = int(margin.get("b") or 80)
    bottom = 50 + (24 if x_title else 0) + 17 * len(lines)
    margin["b"] = bottom
    old_top = int(margin.get("t") or 88)
    rows = _legend_rows(data, 13, PRINT_LAYOUT_PX - left - margin["r"]) if layout.get("showlegend", True) else 0
    # A long title or subtitle takes more lines (the builders break them with <br>).
    title_lines = str(title.get("text") or "").count("<br>") + 1
    sub_lines = sub_text.count("<br>") + 1
    top = (74 if rows else 84) + 25 * rows + 24 * (title_lines - 1) + 18 * (sub_lines - 1)
    margin["t"] = top
    layout["height"] = int(layout.get("height") or 440) + (bottom - old_bottom) + (top - old_top)
    return spec


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


# --- file bytes -------------------------------------------------------------------------------


def png_with_dpi(png: bytes, dpi: int = PRINT_DPI) -> bytes:
    """The PNG with a pHYs chunk saying ``dpi`` (what Pillow writes for ``dpi=``), without re-encoding."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    ppm = round(dpi / 0.0254)
    body = b"pHYs" + struct.pack(">IIB", ppm, ppm, 1)
    chunk = struct.pack(">I", 9) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
    out, pos = [png[:8]], 8
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kind = png[pos + 4 : pos + 8]
        end = pos + 12 + length
        if kind == b"pHYs":
            pos = end  # replaced below
            continue
        out.append(png[pos:end])
        if kind == b"IHDR":
            out.append(chunk)
        pos = end
    return b"".join(out)


_SVG_SIZE = re.compile(rb'^(<svg[^>]*?)\swidth="([\d.]+)"\s+height="([\d.]+)"', re.S)


def svg_print_size(svg: bytes, width_cm: float = PRINT_WIDTH_CM) -> bytes:
    """Give the SVG a physical size (16 cm wide) so Word and Inkscape place it at the text width."""
    m = _SVG_SIZE.match(svg)
    if not m:
        return svg
    w, h = float(m.group(2)), float(m.group(3))
    height_mm = width_cm * 10 * h / w
    head = m.group(1) + f' width="{width_cm * 10:.1f}mm" height="{height_mm:.1f}mm"'.encode()
    return head + svg[m.end() :]


@dataclass(frozen=True)
class Job:
    """One figure in one format."""

    figure: dict
    format: str  # png | svg | pdf

    @property
    def size(self) -> tuple[int, int]:
        layout = self.figure.get("layout", {})
        return int(layout.get("width") or PRINT_LAYOUT_PX), int(layout.get("height") or 440)

    def opts(self) -> dict:
        width, height = self.size
        scale = PRINT_SCALE if self.format == "png" else 1
        return {"format": self.format, "width": width, "height": height, "scale": scale}


def finish(job: Job, raw: bytes) -> bytes:
    if job.format == "png":
        return png_with_dpi(raw)
    if job.format == "svg":
        return svg_print_size(raw)
    return raw


# --- the browser ------------------------------------------------------------------------------

# PNG and PDF from the SVG plotly already drew, in a plain page: rasterising an SVG or printing it
# costs a third of drawing the figure again (what kaleido does for every format). Plotly's own PNG
# export is this same SVG → <img> → canvas path, so the pixels match.
SVG_TO_PNG_JS = """(async (svg, w, h, scale) => {
  const img = new Image();
  img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svg);
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(w * scale);
  canvas.height = Math.round(h * scale);
  canvas.getContext('2d').drawImage(img, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL('image/png').split(',')[1];
})"""
SVG_PAGE_JS = """((svg, w, h) => {
  document.open();
  document.write('<!DOCTYPE html><html><head><meta charset="utf-8"><style>@page{size:' + w + 'px ' + h
    + 'px;margin:0}html,body{margin:0;padding:0}svg{display:block}</style></head><body>' + svg + '</body></html>');
  document.close();
  return true;
})"""
PDF_PARAMS = {"printBackground": True, "preferCSSPageSize": True, "pageRanges": "1"}
CONVERTER_TABS = 2


def _kaleido_class():
    import kaleido

    class _Kaleido(kaleido.Kaleido):
        """Kaleido that reloads a tab every ``RELOAD_EVERY`` figures instead of after each one."""

        _uses: dict

        async def _return_kaleido_tab(self, tab) -> None:  # noqa: ANN001 - kaleido's private tab type
            uses = self.__dict__.setdefault("_uses", {})
            uses[id(tab)] = uses.get(id(tab), 0) + 1
            if uses[id(tab)] >= RELOAD_EVERY:
                uses[id(tab)] = 0
                await tab.reload()
            await self.tabs_ready.put(tab)

    return _Kaleido


def _devtools_result(response: dict) -> dict:
    if response.get("error"):
        raise RuntimeError(f"Chromium: {response['error']}")
    result = response.get("result") or {}
    if result.get("exceptionDetails"):
        raise RuntimeError(f"Chromium: {result['exceptionDetails'].get('text')}")
    return result


class Renderer:
    """One headless Chromium for a batch of figures.

    Each figure is drawn once by plotly (kaleido, to SVG); its PNG (300 dpi) and PDF are made from
    that SVG in plain pages of the same browser. ``with Renderer() as r: r.render([Job(fig, "png"), …])``.
    Thread-safe: one batch at a time.
    """

    def __init__(self, tabs: int | None = None, timeout: float = 120.0) -> None:
        # One plotly tab opens in ~4 s, two in ~6–8 s on 2 cores: start with one and open a second
        # (up to one per core) while a large batch is already rendering in the first.
        self.tabs = tabs or 1
        self.max_tabs = max(self.tabs, min(2, os.cpu_count() or 1))
        self.timeout = timeout
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._kaleido = None
        self._converters: asyncio.Queue | None = None
        # Re-entrant: render() holds it while starting the browser; one batch at a time.
        self._lock = threading.RLock()
        self.started_s = 0.0
        self.last_used = time.monotonic()

    @property
    def running(self) -> bool:
        return self._kaleido is not None

    def start(self) -> Renderer:
        with self._lock:
            return self._start()

    def _start(self) -> Renderer:
        if self.running:
            return self
        path = require_browser()
        began = time.perf_counter()
        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=loop.run_forever, name="chitieu-kaleido", daemon=True)
        thread.start()
        cls = _kaleido_class()

        async def _open():
            # mathjax=False: no network fetch; plotly.js comes from the installed plotly package.
            k = cls(n=self.tabs, timeout=self.timeout, mathjax=False, path=path)
            await k.open()
            converters: asyncio.Queue = asyncio.Queue()
            for _ in range(CONVERTER_TABS):
                tab = await k.create_tab(url="", window=True)
                _devtools_result(await tab.send_command("Runtime.enable"))
                converters.put_nowait(tab)
            return k, converters

        try:
            self._kaleido, self._converters = asyncio.run_coroutine_threadsafe(_open(), loop).result(self.timeout)
        except Exception as exc:
            loop.call_soon_threadsafe(loop.stop)
            thread.join(5)
            if "ChromeNotFound" in type(exc).__name__:
                raise ExportUnavailable(browser_message()) from exc
            raise
        self._loop, self._thread = loop, thread
        self.started_s = time.perf_counter() - began
        return self

    async def _convert(self, svg: str, fmt: str, width: int, height: int) -> bytes:
        tab = await self._converters.get()
        try:
            if fmt == "png":
                expression = f"{SVG_TO_PNG_JS}({json.dumps(svg)}, {width}, {height}, {PRINT_SCALE})"
                params = {"expression": expression, "awaitPromise": True, "returnByValue": True}
                result = _devtools_result(await tab.send_command("Runtime.evaluate", params=params))
                return base64.b64decode(result["result"]["value"])
            expression = f"{SVG_PAGE_JS}({json.dumps(svg)}, {width}, {height})"
            _devtools_result(
                await tab.send_command("Runtime.evaluate", params={"expression": expression, "returnByValue": True})
            )
            result = _devtools_result(await tab.send_command("Page.printToPDF", params=dict(PDF_PARAMS)))
            return base64.b64decode(result["data"])
        finally:
            self._converters.put_nowait(tab)

    async def _figure(self, figure: dict, formats: list[str]) -> dict[str, bytes]:
        """The figure drawn once (SVG), then each other format made from that SVG."""
        job = Job(figure, "svg")
        width, height = job.size
        svg = await self._kaleido.calc_fig(figure, opts=job.opts())
        out = {"svg": svg}
        for fmt in formats:
            if fmt != "svg":
                out[fmt] = await self._convert(svg.decode("utf-8"), fmt, width, height)
        return out

    def render(self, jobs: Iterable[Job]) -> list[bytes]:
        """Every job's file bytes, in order (PNG with its 300 dpi, SVG sized 16 cm, PDF vector)."""
        jobs = list(jobs)
        if not jobs:
            return []
        # Jobs on the same figure (the same dict) share one drawing.
        figures: dict[int, tuple[dict, list[str]]] = {}
        for job in jobs:
            figures.setdefault(id(job.figure), (job.figure, []))[1].append(job.format)
        with self._lock:
            self.start()
            k = self._kaleido
            grow = len(figures) >= GROW_AT and self.tabs < self.max_tabs and hasattr(k, "_create_kaleido_tab")
            if grow:
                self.tabs += 1

            async def _all():
                extra = asyncio.ensure_future(k._create_kaleido_tab()) if grow else None
                try:
                    done = await asyncio.gather(*(self._figure(fig, fmts) for fig, fmts in figures.values()))
                finally:
                    if extra is not None:
                        await extra
                return dict(zip(figures, done, strict=True))

            try:
                drawn = asyncio.run_coroutine_threadsafe(_all(), self._loop).result(self.timeout + 5 * len(jobs))
            except BaseException:
                # A crashed or hung browser is not reused: the next batch starts a fresh one.
                self.close()
                raise
            self.last_used = time.monotonic()
        return [finish(job, drawn[id(job.figure)][job.format]) for job in jobs]

    def close(self) -> None:
        with self._lock:
            if self._kaleido is not None and self._loop is not None:
                # Closing a browser that already died is not an error.
                with contextlib.suppress(Exception):
                    asyncio.run_coroutine_threadsafe(self._kaleido.close(), self._loop).result(30)
                self._loop.call_soon_threadsafe(self._loop.stop)
                if self._thread is not None:
                    self._thread.join(10)
            self._kaleido = self._loop = self._thread = self._converters = None

    def __enter__(self) -> Renderer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()


# --- the dashboard's shared browser -----------------------------------------------------------

_shared: Renderer | None = None
_shared_lock = threading.Lock()
_reaper: threading.Timer | None = None


def _reap() -> None:
    global _shared
    with _shared_lock:
        if _shared is not None and time.monotonic() - _shared.last_used >= SHARED_IDLE_S - 1:
            _shared.close()
            _shared = None


def shared_renderer() -> Renderer:
    """The process's shared browser (started on first use, closed after ``SHARED_IDLE_S`` idle)."""
    global _shared, _reaper
    with _shared_lock:
        if _shared is None:
            _shared = Renderer()
        _shared.start()
        if _reaper is not None:
            _reaper.cancel()
        _reaper = threading.Timer(SHARED_IDLE_S, _reap)
        _reaper.daemon = True
        _reaper.start()
        return _shared


def render_shared(jobs: Sequence[Job]) -> list[bytes]:
    """Render in the shared browser (the dashboard's per-chart downloads)."""
    return shared_renderer().render(jobs)


def export_figure(
    fig: go.Figure,
    fmt: str,
    *,
    lang: str = "vi",
    data: pl.DataFrame | dict | Sequence[pl.DataFrame | dict | None] | None = None,
    renderer: Renderer | None = None,
) -> bytes:
    """One chart as a print file (png 300 dpi, svg or pdf), with its full source line and status note.

    ``data``: the rows the chart was drawn from (a frame, a term row, or a list of both).
    """
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}")
    data = frame_of(data)
    spec = print_figure(
        fig,
        lang=lang,
        source=source_text(data, lang) if data is not None else None,
        note=status_note(data, lang),
    )
    job = Job(spec, fmt)
    if renderer is not None:
        return renderer.render([job])[0]
    require_browser()
    return render_shared([job])[0]
