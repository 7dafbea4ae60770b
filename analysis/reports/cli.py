"""`chitieu export --locality an-khe --period 2023 --out DIR`: the report pack from the command line.

``run_export`` builds the pack and prints what it wrote. ``add_format_arguments`` gives an
argument parser the format flags read from the writer registry (``--no-<key>`` for every optional
format on by default, ``--formats`` for a chosen set), and ``selected_formats`` turns the parsed
flags into the ``formats`` that ``run_export`` and ``build_pack`` take.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from analysis.reports.writers import WRITERS


def run_export(
    locality: str,
    period: str,
    out: Path,
    *,
    lang: str = "vi",
    pptx: bool = True,
    warehouse: Path,
    formats: Sequence[str] | None = None,
) -> int:
    """Build the pack, print what was written and how long each phase took; 1 with a clear message on failure.

    ``formats``: the optional formats to write besides the required ones (None: those on by
    default); ``pptx=False`` leaves the deck out.
    """
    # Imported here: building the command line's flags reads only the registry, not plotly or the document libraries.
    from analysis.reports.pack import build_pack
    from analysis.reports.render import ExportUnavailable

    try:
        result = build_pack(warehouse, locality, period, Path(out), lang=lang, pptx=pptx, formats=formats)
    except ExportUnavailable as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except (FileNotFoundError, ValueError) as exc:
        print(f"Không xuất được bộ báo cáo / export failed: {exc}", file=sys.stderr)
        return 1
    print(f"Bộ báo cáo / report pack: {result.locality} {result.period} → {result.out_dir}")
    for path in result.paths:
        print(f"  {path}  ({path.stat().st_size / 1e6:.2f} MB)")
    phases = ", ".join(f"{k} {v:.2f}" for k, v in result.timings.items())
    print(f"Biểu đồ / charts: {result.charts}; bảng / tables: {result.tables}")
    print(f"Thời gian / took: {result.seconds:.1f} s ({phases}; browser start {result.browser_start_s:.1f} s)")
    return 0


def _format_list(text: str) -> list[str]:
    keys = [k.strip().lower() for k in text.split(",") if k.strip()]
    unknown = [k for k in keys if k not in WRITERS]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"không có định dạng {', '.join(unknown)} / unknown format {', '.join(unknown)} "
            f"(có / known: {', '.join(WRITERS.keys())})"
        )
    return keys


def add_format_arguments(parser: argparse.ArgumentParser) -> None:
    """The pack's format flags, from the writer registry: ``--no-<key>`` for each optional format
    written by default (``--no-pptx``), and ``--formats`` naming the optional formats to write."""
    optional = [w for w in WRITERS if w.optional]
    for writer in optional:
        if writer.default:
            parser.add_argument(
                f"--no-{writer.key}",
                action="store_true",
                help=f"Không tạo tệp {writer.key.upper()}. / Leave out the {writer.key.upper()} file.",
            )
    required = ", ".join(w.key for w in WRITERS if not w.optional)
    parser.add_argument(
        "--formats",
        type=_format_list,
        metavar="KEY,…",
        help=(
            f"Các định dạng tùy chọn cần tạo ({', '.join(w.key for w in optional)}); luôn tạo {required}. "
            f"/ Optional formats to write; {required} are always written."
        ),
    )


def selected_formats(args: argparse.Namespace) -> list[str] | None:
    """The optional formats the parsed flags ask for (None: the defaults), ``--no-<key>`` taken out."""
    left_out = {w.key for w in WRITERS if w.optional and getattr(args, f"no_{w.key}", False)}
    asked = getattr(args, "formats", None)
    if asked is None and not left_out:
        return None
    if asked is None:
        asked = [w.key for w in WRITERS if w.optional and w.default]
    return [k for k in asked if k not in left_out]
