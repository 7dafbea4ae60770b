"""The administrative units of a locality (its ``don-vi.xlsx``) → ``localities``. Pure Polars."""

from __future__ import annotations

import polars as pl

from pipelines.families.base import WARNING_SCHEMA, Lookups, SheetFamily, Table
from pipelines.parsing.text import clean_text, parse_date, vn_number, vocab_code
from schemas import Localities
from schemas.messages import Message
from schemas.vocab import CHANGE_KIND, LOCALITY_LEVEL
from schemas.workbook_format import LOCALITIES_SHEET

IDENTITY = ("code", "name_vi")
FIGURES = ("level",)
KEY = ("locality_code",)
# The sheet calls its code column 'code' (a workbook's own locality is 'locality_code').
COLUMN_SOURCES = {"locality_code": "code"}
LINKS = ("predecessors", "successors")

MESSAGES = {
    "parse_start_kind": Message(
        "start_kind",
        "Không nhận ra hình thức hình thành. Chọn: " + " / ".join(CHANGE_KIND.choices_vi()) + ".",
        "The way the unit was formed is not recognised. Choose: " + " / ".join(CHANGE_KIND.choices_vi()) + ".",
    ),
    "parse_end_kind": Message(
        "end_kind",
        "Không nhận ra hình thức kết thúc. Chọn: " + " / ".join(CHANGE_KIND.choices_vi()) + ".",
        "The way the unit ended is not recognised. Choose: " + " / ".join(CHANGE_KIND.choices_vi()) + ".",
    ),
    "parse_merge_weight": Message(
        "merge_weight",
        "Trọng số khi gộp phải là số dương (dân số hoặc số hộ, ví dụ 12.540).",
        "The merge weight must be a positive number (population or households, e.g. 12.540).",
    ),
    "change_needs_valid_from": Message(
        "valid_from",
        "Đơn vị hình thành từ đơn vị khác phải ghi 'Hiệu lực từ ngày' (ngày sắp xếp có hiệu lực, ví dụ 01/07/2025).",
        "A unit formed from others needs 'Hiệu lực từ ngày' (the day the change took effect, e.g. 01/07/2025).",
    ),
    "change_needs_valid_to": Message(
        "valid_to",
        "Đơn vị đã kết thúc (có đơn vị kế thừa) phải ghi 'Hiệu lực đến ngày' (ngày cuối cùng, ví dụ 30/06/2025).",
        "A unit that ended (it has successors) needs 'Hiệu lực đến ngày' (its last day, e.g. 30/06/2025).",
    ),
    "unknown_linked_unit": Message(
        None,
        "Mã đơn vị cũ hoặc đơn vị kế thừa không có trong danh mục đơn vị: liên kết này bị bỏ qua. Khai báo đơn vị đó "
        "(trong don-vi.xlsx của địa phương này hoặc của đơn vị cấp trên) rồi nạp lại.",
        "A predecessor or successor code is not a known unit: the link is left out. Declare that unit (in this "
        "don-vi.xlsx or its parent's) and load again.",
    ),
}


def codes_list(raw: pl.Expr) -> pl.Expr:
    """'Xa-A; xa-b,xa-c' → 'xa-a;xa-b;xa-c' (codes lowercased, in the order written, no repeats)."""
    parts = clean_text(raw).str.to_lowercase().str.replace_all(r"[,\n]", ";").str.split(";")
    cleaned = parts.list.eval(pl.element().str.strip_chars()).list.eval(pl.element().filter(pl.element() != ""))
    joined = cleaned.list.unique(maintain_order=True).list.join(";")
    return pl.when(joined == "").then(None).otherwise(joined)


def parse(rows: pl.DataFrame, lookups: Lookups) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Units parsed; a parent may be declared in another locality's file (its province) or loaded before.
    A predecessor or successor that is no known unit is a warning, and the link is dropped."""
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
    parsed = parsed.with_columns(
        pl.col("parent_code").is_in(known.implode()).alias("parent_known"),
        pl.struct("locality_code", "parent_code").is_in(cyclic.implode()).fill_null(False).alias("parent_cycle"),
    )
    return _drop_unknown_links(parsed, set(known.to_list()))


def _drop_unknown_links(parsed: pl.DataFrame, known: set[str]) -> tuple[pl.DataFrame, pl.DataFrame]:
    codes = pl.Series("known", sorted(known), dtype=pl.Utf8).implode()
    warnings = []
    for column in LINKS:
        listed = pl.col(column).str.split(";")
        unknown = listed.list.eval(pl.element().filter(~pl.element().is_in(codes)))
        flagged = parsed.with_columns(unknown.alias("_unknown")).filter(pl.col("_unknown").list.len() > 0)
        if flagged.height:
            warnings.append(
                flagged.select(
                    "source_file",
                    "source_sheet",
                    "source_row",
                    pl.lit("unknown_linked_unit").alias("rule"),
                    pl.lit(column).alias("column"),
                    pl.col("_unknown").list.join("; ").alias("value"),
                )
            )
            kept = listed.list.eval(pl.element().filter(pl.element().is_in(codes))).list.join(";")
            parsed = parsed.with_columns(pl.when(kept == "").then(None).otherwise(kept).alias(column))
    return parsed, pl.concat([pl.DataFrame(schema=WARNING_SCHEMA), *warnings], how="vertical_relaxed")


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
        *_lineage_columns(rows),
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


def _lineage_columns(rows: pl.DataFrame) -> list[pl.Expr]:
    """The link columns parsed (a don-vi.xlsx of an earlier release has none: nulls)."""
    if "predecessors" not in rows.columns:
        return [
            pl.lit(None, dtype=t).alias(n)
            for n, t in (
                ("predecessors", pl.Utf8),
                ("start_kind", pl.Utf8),
                ("successors", pl.Utf8),
                ("end_kind", pl.Utf8),
                ("merge_weight", pl.Float64),
            )
        ]
    return [
        codes_list(pl.col("predecessors")).alias("predecessors"),
        codes_list(pl.col("successors")).alias("successors"),
        pl.col("start_kind").alias("start_kind_raw"),
        pl.col("end_kind").alias("end_kind_raw"),
        pl.col("merge_weight").alias("merge_weight_raw"),
        vocab_code(pl.col("start_kind"), CHANGE_KIND).alias("start_kind"),
        vocab_code(pl.col("end_kind"), CHANGE_KIND).alias("end_kind"),
        vn_number(pl.col("merge_weight"), pl.col("merge_weight__text")).alias("merge_weight"),
    ]


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
    messages=MESSAGES,
    reference=True,
    # Codes must be unique, and parents known, across every file at once.
    batch_by_locality=False,
    sheet_required=True,
    speaks_for_workbook=True,
    docs_where={"localities": "don-vi.xlsx, required"},
    docs_note=(
        "**Units across administrative change.** A unit that merged, split or was renamed ends on 'Hiệu lực đến "
        "ngày' and names its successors in 'Đơn vị kế thừa'; the unit formed starts on 'Hiệu lực từ ngày' and "
        "names its predecessors in 'Hình thành từ' (either side is enough; both are read). A unit that moves to "
        "another parent, or whose district is abolished (1 July 2025), keeps its code: one row until the change "
        "('Hình thức kết thúc': 'Cấp trên giải thể') and one from it, under the new parent (the province). The "
        "series of a unit formed by a merger shows its predecessors' figures before the change, summed for "
        "indicators that add up across units and, for rates, averaged with the predecessors' 'Trọng số khi gộp' "
        "(population at the change) when every one has it; a split unit's earlier figures are the old unit's, "
        "shown beside it and never divided.\n"
    ),
    not_shown_because="Units name the localities, communes and villages on every page; they have no page of their own.",
    example=(
        {"code": "vi-du", "name_vi": "Thị xã Ví Dụ", "level": "Thị xã"},
        {"code": "vi-du-a", "name_vi": "Xã A", "level": "Xã", "parent_code": "vi-du"},
    ),
)
