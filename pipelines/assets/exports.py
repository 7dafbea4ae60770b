"""The report pack for congress and year-end reports, on demand: never part of the normal load.

No automation condition, and ``pipelines.build`` leaves the *exports* group out of a full build:
materialize ``report_pack`` from the Dagster UI (launchpad config: locality, period, lang) or run
``chitieu export``.
"""

import time
from pathlib import Path

import dagster as dg
from pydantic import Field

from pipelines.resources import ReportExports, Warehouse

EXPORT_GROUP = "exports"


class ReportPackConfig(dg.Config):
    """Which pack to build."""

    locality: str = Field(default="an-khe", description="Locality code (e.g. 'an-khe').")
    period: str = Field(
        default="", description="A year ('2023') or a congress term ('2020-2025'); empty: the latest year with figures."
    )
    lang: str = Field(default="vi", description="Language of the pack: 'vi' (Vietnamese) or 'en'.")


@dg.asset(
    group_name=EXPORT_GROUP,
    kinds={"docx", "xlsx"},
    deps=["mart_target_vs_actual", "mart_term_progress", "published_warehouse"],
    description=(
        "Report pack for one locality and a year or congress term: a DOCX report (Decree 30 layout), "
        "an XLSX of its tables, a ZIP of every chart (PNG 300 dpi, SVG, PDF) and a PPTX deck, "
        "written to CHITIEU_EXPORT_DIR/<locality>-<period>/."
    ),
)
def report_pack(
    context: dg.AssetExecutionContext, config: ReportPackConfig, warehouse: Warehouse, report_exports: ReportExports
) -> dg.MaterializeResult:
    from analysis.periods import latest_year
    from analysis.reports import WRITERS, build_pack

    published = Path(warehouse.published)
    period = config.period or latest_year(published, config.locality)
    out_dir = report_exports.folder(config.locality, period)
    started = time.perf_counter()
    result = build_pack(published, config.locality, period, out_dir, lang=config.lang)
    seconds = time.perf_counter() - started
    context.log.info(f"Report pack {config.locality} {period}: {result.charts} charts in {seconds:.1f} s → {out_dir}")
    return dg.MaterializeResult(
        metadata={
            "locality": dg.MetadataValue.text(config.locality),
            "period": dg.MetadataValue.text(period),
            "folder": dg.MetadataValue.path(str(out_dir)),
            # One entry per registered format (docx, xlsx, zip, pptx …): its file, or '' when not written.
            **{
                w.key: dg.MetadataValue.path(str(result.files[w.key]))
                if w.key in result.files
                else dg.MetadataValue.text("")
                for w in WRITERS
            },
            "charts": dg.MetadataValue.int(result.charts),
            "tables": dg.MetadataValue.int(result.tables),
            "seconds": dg.MetadataValue.float(round(seconds, 2)),
            "timings": dg.MetadataValue.json(result.timings),
        }
    )
