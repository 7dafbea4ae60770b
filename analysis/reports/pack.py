"""The report pack: for one locality and a year or a congress term, a DOCX report, an XLSX of the
same tables, a ZIP of every chart (PNG 300 dpi, SVG, PDF) and a PPTX deck, written into one folder.

    build_pack(Path("data/warehouse/chitieu.duckdb"), "an-khe", "2023", Path("exports/an-khe-2023"))

Every chart of the pack is rendered in one batch in one browser; the browser starts while the
figures are read from the warehouse. ``ExportUnavailable`` is raised before any work when no
browser can be found.
"""

from __future__ import annotations

import threading
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import polars as pl

from analysis import export
from analysis.i18n import t
from analysis.periods import latest_year, parse_period
from analysis.reports import render
from analysis.reports.content import Report, assemble
from analysis.reports.docx_report import write_docx
from analysis.reports.pptx_report import write_pptx

PHASES = ("data", "render", "docx", "xlsx", "zip", "pptx")
T = TypeVar("T")


@dataclass
class PackResult:
    """What was written, how many charts and tables, and how long each phase took (seconds)."""

    out_dir: Path
    locality: str
    period: str
    docx: Path
    xlsx: Path
    zip: Path
    pptx: Path | None
    charts: int
    tables: int
    timings: dict[str, float] = field(default_factory=dict)
    browser_start_s: float = 0.0
    wall_s: float = 0.0

    @property
    def paths(self) -> list[Path]:
        return [p for p in (self.docx, self.xlsx, self.zip, self.pptx) if p is not None]

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
            "bytes": {p.suffix.lstrip("."): p.stat().st_size for p in self.paths},
        }


def file_names(locality: str, period: str) -> dict[str, str]:
    stem = f"{locality}-{period}"
    return {
        "docx": f"bao-cao-chi-tieu-{stem}.docx",
        "xlsx": f"bang-so-lieu-{stem}.xlsx",
        "zip": f"bieu-do-{stem}.zip",
        "pptx": f"trinh-chieu-{stem}.pptx",
    }


def write_xlsx(report: Report, path: Path) -> Path:
    """One sheet per table of the report (raw numbers in the indicator's decimals, text neutralised)."""
    sheets = [(tbl.sheet, tbl.export, tbl.caption, tbl.number_formats) for tbl in report.tables]
    if not sheets:
        note = pl.DataFrame({t("col_note", report.lang): [t("report_no_sections", report.lang)]})
        sheets = [(t("report_kind", report.lang), note, report.title, None)]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(export.to_xlsx_sheets(sheets))
    return path


def write_zip(report: Report, path: Path) -> Path:
    """Every chart as PNG (300 dpi), SVG and PDF, named like its caption number."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as zf:
        for chart in report.charts:
            # PNG and PDF are compressed already; SVG text compresses well.
            zf.writestr(f"{chart.stem}.png", chart.png, compress_type=zipfile.ZIP_STORED)
            zf.writestr(f"{chart.stem}.svg", chart.svg, compress_type=zipfile.ZIP_DEFLATED)
            zf.writestr(f"{chart.stem}.pdf", chart.pdf, compress_type=zipfile.ZIP_STORED)
    return path


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
    warehouse: Path,
    locality: str,
    period: str,
    out_dir: Path,
    lang: str = "vi",
    pptx: bool = True,
    renderer: render.Renderer | None = None,
) -> PackResult:
    """Write the pack for ``locality`` and ``period`` ('2023', '2020-2025'; '' = latest year) into ``out_dir``.

    Chromium starts while the figures are read from the warehouse; every chart is then drawn once
    (SVG) and its PNG and PDF made from that drawing, in one batch. ``timings`` holds each phase's
    duration; ``wall_s`` the whole build (browser start included).
    """
    render.require_browser()
    warehouse = Path(warehouse)
    if not warehouse.exists():
        raise FileNotFoundError(
            f"Không có kho dữ liệu tại {warehouse} (chạy `make build`). / No warehouse at {warehouse}."
        )
    began = time.perf_counter()
    period = period or latest_year(warehouse, locality)
    parse_period(period)  # a typo fails here, before a browser starts
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
    names = file_names(locality, period)
    paths: dict[str, Path | None] = {}
    try:
        report = _timed(timings, "data", lambda: assemble(warehouse, locality, period, lang))

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
    paths["docx"] = _timed(timings, "docx", lambda: write_docx(report, out_dir / names["docx"]))
    paths["xlsx"] = _timed(timings, "xlsx", lambda: write_xlsx(report, out_dir / names["xlsx"]))
    paths["zip"] = _timed(timings, "zip", lambda: write_zip(report, out_dir / names["zip"]))
    if pptx:
        paths["pptx"] = _timed(timings, "pptx", lambda: write_pptx(report, out_dir / names["pptx"]))
    return PackResult(
        out_dir=out_dir,
        locality=locality,
        period=period,
        docx=paths["docx"],
        xlsx=paths["xlsx"],
        zip=paths["zip"],
        pptx=paths.get("pptx"),
        charts=len(report.charts),
        tables=len(report.tables),
        timings={k: round(timings[k], 3) for k in PHASES if k in timings},
        browser_start_s=round(renderer.started_s, 3),
        wall_s=round(time.perf_counter() - began, 3),
    )
