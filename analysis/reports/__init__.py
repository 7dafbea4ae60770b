"""Print exports: charts as PNG (300 dpi), SVG and PDF files, and the report pack (DOCX, XLSX, ZIP,
PPTX) for a locality and a year or a congress term.

``render``       kaleido + Chromium, one browser per batch; print styling of dashboard figures
``content``      what the pack says, built from ``analysis.queries`` / ``charts`` / ``tables``
``docx_report``  the Word report (Decree 30/2020/NĐ-CP layout)
``pptx_report``  one chart per 16:9 slide
``xlsx_report``  the tables as a workbook
``zip_report``   every chart as PNG, SVG and PDF in one ZIP
``writers``      the registry of output formats (``WRITERS``, ``register_writer``)
``pack``         ``build_pack``: every selected format into one folder, with timings per phase
``cli``          ``run_export``, what ``chitieu export`` runs, and the format flags

The names below are importable from ``analysis.reports`` itself; each loads its module on first
use, so importing the package (e.g. for ``render`` alone) does not load python-docx and python-pptx.
"""

from __future__ import annotations

from importlib import import_module

_EXPORTS = {
    "build_pack": "analysis.reports.pack",
    "PackResult": "analysis.reports.pack",
    "run_export": "analysis.reports.cli",
    "add_format_arguments": "analysis.reports.cli",
    "selected_formats": "analysis.reports.cli",
    "WRITERS": "analysis.reports.writers",
    "Writer": "analysis.reports.writers",
    "register_writer": "analysis.reports.writers",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> object:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
