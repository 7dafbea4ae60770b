"""The report pack: for one locality and a year or a congress term, one file per registered
format (``analysis.reports.writers``: a DOCX report, an XLSX of the same tables, a ZIP of every
chart as PNG 300 dpi, SVG and PDF, a PPTX deck), written into one folder.

    build_pack(Path("data/warehouse/chitieu.duckdb"), "an-khe", "2023", Path("exports/an-khe-2023"))

Every chart of the pack is rendered in one batch in one browser; the browser starts while the
figures are read from the warehouse. ``ExportUnavailable`` is raised before any work when no
browser can be found.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from analysis.periods import latest_year, parse_period
from analysis.queries import Reader, as_reader
from analysis.reports import render
from analysis.reports.content import Report, assemble
from analysis.reports.writers import WRITERS

T = TypeVar("T")


@dataclass
class PackResult:
    """What was written, how many charts and tables, and how long each phase took (seconds)."""

    out_dir: Path
    locality: str
    period: str
    # Writer key → the file written, in the registry's order.
    files: dict[str, Path]
    charts: int
    tables: int
    # Seconds per phase: 'data' (reading the warehouse), 'render' (every chart), then one per file by writer key.
    timings: dict[str, float] = field(default_factory=dict)
    browser_start_s: float = 0.0
    wall_s: float = 0.0

    @property
    def docx(self) -> Path | None:
        return self.files.get("docx")

    @property
    def xlsx(self) -> Path | None:
        return self.files.get("xlsx")

    @property
    def zip(self) -> Path | None:
        return self.files.get("zip")

    @property
    def pptx(self) -> Path | None:
        return self.files.get("pptx")

    @property
    def paths(self) -> list[Path]:
        return list(self.files.values())

    @property
    def seconds(self) -> float:
        """Wall time of the whole build (phases overlap, so this is less than their sum)."""
        return round(self.wall_s or sum(self.timings.values()), 2)

    def summary(self) -> dict:
        """For benchmarks and logs: charts, tables, seconds per phase, total, file sizes."""
        return {
            "locality": self.locality,
            "period": self.period,
            "charts": self.charts,
            "tables": self.tables,
            "seconds": self.seconds,
            "browser_start_s": self.browser_start_s,
            "phases_sum_s": round(sum(self.timings.values()), 3),
            "timings": dict(self.timings),
            "bytes": {key: path.stat().st_size for key, path in self.files.items()},
        }


def render_charts(report: Report, renderer: render.Renderer, formats: tuple[str, ...] = render.FORMATS) -> None:
    """``formats`` of every chart, in one batch in one browser."""
    jobs = [render.Job(chart.figure, fmt) for chart in report.charts for fmt in formats]
    out = iter(renderer.render(jobs))
    for chart in report.charts:
        for fmt in formats:
            setattr(chart, fmt, next(out))


def _timed(timings: dict[str, float], phase: str, work: Callable[[], T]) -> T:
    t0 = time.perf_counter()
    try:
        return work()
    finally:
        timings[phase] = time.perf_counter() - t0


def build_pack(
    warehouse: Path | Reader,
    locality: str,
    period: str,
    out_dir: Path,
    lang: str = "vi",
    pptx: bool = True,
    renderer: render.Renderer | None = None,
    formats: Sequence[str] | None = None,
    approval_note: str = "",
) -> PackResult:
    """Write the pack for ``locality`` and ``period`` ('2023', '2020-2025'; '' = latest year) into ``out_dir``.

    ``warehouse``: the published file, or a ``Reader`` on it (the dashboard passes its cached one).
    One file per writer ``WRITERS.select(formats)`` chooses: every required format and the
    optional ones in ``formats`` (None: those on by default); ``pptx=False`` leaves the deck out.
    Chromium starts while the figures are read from the warehouse; every chart is then drawn once
    (SVG) and its PNG and PDF made from that drawing, in one batch. ``timings`` holds each phase's
    duration; ``wall_s`` the whole build (browser start included).
    """
    render.require_browser()
    reader = as_reader(warehouse)
    if not reader.path.exists():
        raise FileNotFoundError(
            f"Không có kho dữ liệu tại {reader.path} (chạy `make build`). / No warehouse at {reader.path}."
        )
    began = time.perf_counter()
    period = period or latest_year(reader, locality)
    parse_period(period)  # a typo fails here, before a browser starts
    writers = WRITERS.select(formats, leave_out=() if pptx else ("pptx",))
    own = renderer is None
    renderer = renderer or render.Renderer()
    timings: dict[str, float] = {}
    started: list[BaseException] = []

    def _start() -> None:
        try:
            renderer.start()
        except BaseException as exc:  # noqa: BLE001 - raised again in the caller's thread
            started.append(exc)

    starter = threading.Thread(target=_start, daemon=True)
    starter.start()
    out_dir = Path(out_dir)
    try:
        report = _timed(timings, "data", lambda: assemble(reader, locality, period, lang, approval_note))

        def _render() -> None:
            starter.join()  # what is left of the browser's start counts as rendering
            if started:
                raise started[0]
            render_charts(report, renderer)

        _timed(timings, "render", _render)
    finally:
        starter.join()
        if own:
            renderer.close()
    out_dir.mkdir(parents=True, exist_ok=True)
    files: dict[str, Path] = {}
    for writer in writers:
        path = out_dir / writer.name_for(locality, period)
        files[writer.key] = _timed(timings, writer.key, lambda w=writer, p=path: w.write(report, p))
    return PackResult(
        out_dir=out_dir,
        locality=locality,
        period=period,
        files=files,
        charts=len(report.charts),
        tables=len(report.tables),
        timings={k: round(v, 3) for k, v in timings.items()},
        browser_start_s=round(renderer.started_s, 3),
        wall_s=round(time.perf_counter() - began, 3),
    )
