"""`chitieu export --locality an-khe --period 2023 --out DIR`: the report pack from the command line."""

from __future__ import annotations

import sys
from pathlib import Path

from analysis.reports.render import ExportUnavailable


def run_export(locality: str, period: str, out: Path, *, lang: str = "vi", pptx: bool = True, warehouse: Path) -> int:
    """Build the pack, print what was written and how long each phase took; 1 with a clear message on failure."""
    from analysis.reports.pack import PHASES, build_pack

    try:
        result = build_pack(warehouse, locality, period, Path(out), lang=lang, pptx=pptx)
    except ExportUnavailable as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except (FileNotFoundError, ValueError) as exc:
        print(f"Không xuất được bộ báo cáo / export failed: {exc}", file=sys.stderr)
        return 1
    print(f"Bộ báo cáo / report pack: {result.locality} {result.period} → {result.out_dir}")
    for path in result.paths:
        print(f"  {path}  ({path.stat().st_size / 1e6:.2f} MB)")
    phases = ", ".join(f"{k} {result.timings[k]:.2f}" for k in PHASES if k in result.timings)
    print(f"Biểu đồ / charts: {result.charts}; bảng / tables: {result.tables}")
    print(f"Thời gian / took: {result.seconds:.1f} s ({phases}; browser start {result.browser_start_s:.1f} s)")
    return 0
