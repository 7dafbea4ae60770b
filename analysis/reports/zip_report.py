"""Every chart of the report as print files in one ZIP: PNG (300 dpi), SVG and PDF."""

from __future__ import annotations

import zipfile
from pathlib import Path

from analysis.reports.content import Report


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
