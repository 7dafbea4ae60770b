"""The administrative units of a locality (its ``don-vi.xlsx``) → ``localities``. Pure Polars."""

from __future__ import annotations

import polars as pl

from pipelines.families.base import Lookups, SheetFamily, Table, no_warnings
from pipelines.parsing.text import clean_text, parse_date, vocab_code
from schemas import Localities
from schemas.vocab import LOCALITY_LEVEL
from schemas.workbook_format import LOCALITIES_SHEET

IDENTITY = ("code", "name_vi")
FIGURES = ("level",)
KEY = ("locality_code",)
# The sheet calls its code column 'code' (a workbook's own locality is 'locality_code').
COLUMN_SOURCES = {"locality_code": "code"}


def parse(rows: pl.DataFrame, lookups: Lookups) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Units parsed; a parent may be declared in another locality's file (its province) or loaded before."""
    parsed = parse_locality_rows(rows)
    known = (
        pl.concat([lookups["localities"].get_column("locality_code"), parsed.get_column("locality_code")])
        .drop_nulls()
        .unique()
    )
    earlier = lookups["localities"]
    if earlier.height and "parent_code" in earlier.columns:
        # Units loaded before from other files take part in a cycle too (a province's list naming a town).
        earlier = earlier.filter(
            ~pl.col("locality_code").is_in(parsed.get_column("locality_code").drop_nulls().implode())
        )
        edges = pl.concat(
            [parsed.select("locality_code", "parent_code"), earlier.select("locality_code", "parent_code")]
        )
    else:
        edges = parsed.select("locality_code", "parent_code")
    cyclic = cyclic_edges(edges)
    return parsed.with_columns(
        pl.col("parent_code").is_in(known.implode()).alias("parent_known"),
        pl.struct("locality_code", "parent_code").is_in(cyclic.implode()).fill_null(False).alias("parent_cycle"),
    ), no_warnings()


def cyclic_edges(edges: pl.DataFrame) -> pl.Series:
    """The (unit, parent) pairs that lie on a cycle of the hierarchy (a unit above itself).

    The hierarchy is small (a province's units), so this walks it in Python: strongly connected
    components (Tarjan); an edge inside one, or a unit naming itself, is on a cycle."""
    pairs = [(c, p) for c, p in edges.unique().iter_rows() if c is not None and p is not None]
    graph: dict[str, set[str]] = {}
    for child, parent in pairs:
        graph.setdefault(child, set()).add(parent)
        graph.setdefault(parent, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    component: dict[str, int] = {}
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(graph[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(graph[child])))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component[member] = index[node]
                    if member == node:
                        break
    on_cycle = [
        {"locality_code": c, "parent_code": p} for c, p in pairs if c == p or component.get(c) == component.get(p)
    ]
    return pl.Series("edge", on_cycle, dtype=pl.Struct({"locality_code": pl.Utf8, "parent_code": pl.Utf8}))


def parse_locality_rows(rows: pl.DataFrame) -> pl.DataFrame:
    """'Đơn vị hành chính' rows (from every locality's don-vi workbook) → ``Localities`` shape."""
    frame = rows.with_columns(
        clean_text(pl.col("code")).str.to_lowercase().alias("locality_code"),
        clean_text(pl.col("name_vi")).alias("name_vi"),
        clean_text(pl.col("parent_code")).str.to_lowercase().alias("parent_code"),
        clean_text(pl.col("note")).alias("note"),
        clean_text(pl.col("source_document")).alias("source_document"),
        clean_text(pl.col("source_quote")).alias("source_quote"),
        pl.col("level").alias("level_raw"),
        pl.col("valid_from").alias("valid_from_raw"),
        pl.col("valid_to").alias("valid_to_raw"),
        vocab_code(pl.col("level"), LOCALITY_LEVEL).alias("level"),
        parse_date(pl.col("valid_from")).alias("valid_from"),
        parse_date(pl.col("valid_to")).alias("valid_to"),
    )
    # Two localities may both declare a unit they share (their province): identical declarations in
    # other files are one unit, not a duplicate. Conflicting ones are still reported.
    same = ["locality_code", "name_vi", "level", "parent_code", "valid_from", "valid_to"]
    frame = frame.filter(
        pl.col("locality_code").is_null() | (pl.col("source_file") == pl.col("source_file").min().over(same))
    )
    codes = frame.get_column("locality_code").drop_nulls().unique().implode()
    return frame.with_columns(
        pl.col("parent_code").is_in(codes).alias("parent_known"),
        pl.struct("locality_code", "parent_code")
        .is_in(cyclic_edges(frame.select("locality_code", "parent_code")).implode())
        .fill_null(False)
        .alias("parent_cycle"),
    )


SHEET_FAMILY = SheetFamily(
    name="localities",
    sheets={"localities": LOCALITIES_SHEET},
    model=Localities,
    parse=parse,
    tables=(
        Table(
            "localities",
            Localities,
            KEY,
            "Administrative units with their hierarchy and validity dates, from each locality's don-vi.xlsx.",
        ),
    ),
    key=KEY,
    identity=IDENTITY,
    figures=FIGURES,
    group="reference",
    reads=("localities",),
    column_sources=COLUMN_SOURCES,
    reference=True,
    # Codes must be unique, and parents known, across every file at once.
    batch_by_locality=False,
    sheet_required=True,
    speaks_for_workbook=True,
    docs_where={"localities": "don-vi.xlsx, required"},
    not_shown_because="Units name the localities, communes and villages on every page; they have no page of their own.",
    example=(
        {"code": "vi-du", "name_vi": "Thị xã Ví Dụ", "level": "Thị xã"},
        {"code": "vi-du-a", "name_vi": "Xã A", "level": "Xã", "parent_code": "vi-du"},
    ),
)
