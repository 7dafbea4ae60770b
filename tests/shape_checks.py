"""What a person would see as broken on a page, a chart or a printed report, as checks on text.

``problems(texts)`` lists every leftover of a missing value ('None', 'nan', 'NaN', 'null'), every
'0/0', every title whose name is empty (': lũy kế …', 'Tổng quan năm 2023 — '), and every
escaped-then-escaped-again entity ('&amp;lt;'). ``figure_texts`` and ``report_texts`` collect
what a figure and a report show: titles, axis titles, tick and category labels, legend names, bar
texts, hover texts, annotations; headings, paragraphs, captions, table cells and notes.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator

from analysis.reports.content import Chart, Heading, Paragraph, Report, TableBlock

MISSING = re.compile(r"(?<![\w-])(None|nan|NaN|null|NaT|inf)(?![\w-])")
ZERO_OF_ZERO = re.compile(r"(?<![\d.,])0/0(?![\d.,])")
DOUBLE_ESCAPED = re.compile(r"&amp;(lt|gt|amp|quot|#\d+);")
TAG = re.compile(r"<[^>]+>")
# A title with an empty name: starts with a separator, ends with one, or has two in a row.
EMPTY_NAME = re.compile(r"^\s*[:·—–,]|[:·—–]\s*$|[:·—–]\s*[:·—–]|\(\s*\)")

# Figure keys whose strings a reader sees.
SHOWN_KEYS = ("text", "name", "hovertext", "ticktext", "title")
SHOWN_ARRAYS = ("x", "y", "text", "hovertext", "ticktext", "categoryarray")


def plain(text: str) -> str:
    """What a Plotly label reads as: tags dropped, entities decoded."""
    return html.unescape(TAG.sub(" ", text))


def problems(texts: Iterable[tuple[str, str]]) -> list[str]:
    """'where: what' for each text that shows a missing value, 0/0, an empty name or a double escape.

    ``texts``: (where, text) pairs; ``where`` ending in 'title' is also checked for an empty name.
    """
    out = []
    for where, text in texts:
        shown = plain(text)
        for pattern, what in ((MISSING, "missing value"), (ZERO_OF_ZERO, "0/0")):
            m = pattern.search(shown)
            if m:
                out.append(f"{where}: {what} {m.group(0)!r} in {text!r}")
        if DOUBLE_ESCAPED.search(text):
            out.append(f"{where}: escaped twice in {text!r}")
        if where.endswith("title") and EMPTY_NAME.search(shown.strip()):
            out.append(f"{where}: empty name in {text!r}")
    return out


def _walk(node: object, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("template", "hovertemplate", "texttemplate", "uid", "meta"):
                continue
            yield from _walk(value, f"{path}.{key}")
    elif isinstance(node, list | tuple):
        strings = [v for v in node if isinstance(v, str)]
        if strings and None in node and path.rsplit(".", 1)[-1] in SHOWN_ARRAYS:
            yield path, "None"  # a missing label among labels
        for i, value in enumerate(node):
            yield from _walk(value, f"{path}[{i}]")
    elif isinstance(node, str):
        key = re.sub(r"\[\d+\]", "", path).rsplit(".", 1)[-1]
        if key in SHOWN_KEYS or key in SHOWN_ARRAYS:
            yield path, node


def figure_texts(fig: dict, where: str = "chart") -> list[tuple[str, str]]:
    """Every string a reader of the figure sees; its title's text as '<where>.title'."""
    layout = fig.get("layout") or {}
    title = layout.get("title") or {}
    out = [(f"{where}.title", title.get("text") or "")]
    sub = (title.get("subtitle") or {}).get("text")
    if sub:
        out.append((f"{where}.subtitle", sub))
    out += list(_walk(fig.get("data") or [], f"{where}.data"))
    for axis in ("xaxis", "yaxis"):
        out += list(_walk(layout.get(axis) or {}, f"{where}.{axis}"))
    for i, note in enumerate(layout.get("annotations") or []):
        out.append((f"{where}.annotation[{i}]", str(note.get("text", ""))))
    return out


def is_placeholder(fig: dict) -> bool:
    """An empty chart: no trace, only a sentence saying why."""
    return not fig.get("data")


def report_texts(report: Report) -> list[tuple[str, str]]:
    """Every string of the report's blocks (headings, paragraphs, captions, charts, table cells)."""
    out = [("report.title", report.title), ("report.agency", report.agency)]
    for i, block in enumerate(report.blocks):
        where = f"block[{i}]"
        if isinstance(block, Heading):
            out.append((f"{where}.heading.title", block.text))
        elif isinstance(block, Paragraph):
            out.append((f"{where}.paragraph", block.text))
        elif isinstance(block, Chart):
            out.append((f"{where}.caption.title", block.title))
            out += figure_texts(block.figure, f"{where}.chart")
        elif isinstance(block, TableBlock):
            out.append((f"{where}.table.title", block.title))
            out += [(f"{where}.table.header", c) for c in block.columns]
            out += [(f"{where}.table.cell", c) for row in block.rows for c in row]
            out += [(f"{where}.table.{k}", v) for k, v in (("note", block.note), ("source", block.source)) if v]
            export = block.export
            for name in export.columns:
                out.append((f"{where}.table.export.header", name))
                if export.schema[name] == "String" or str(export.schema[name]) == "String":
                    out += [(f"{where}.table.export", v) for v in export[name].drop_nulls().to_list()]
    return out
