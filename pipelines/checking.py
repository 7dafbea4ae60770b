"""Check one workbook before it is loaded: what would load, what would be rejected, what would change.

The same read → parse → validate path as a load (``pipelines.loading.prepare``), against the
reference tables of the published warehouse, with nothing written. Used by ``chitieu check`` and
by the dashboard's submission page ("Chỉ kiểm tra"), which then loads the file through Dagster.

A file arrives with a name the clerk chose; it is placed, under the name the format wants
(``<year>.xlsx``, ``nhiem-ky-<a>-<b>.xlsx``, ``don-vi.xlsx``), in a scratch folder of its locality,
so the folder/file rules of every load apply unchanged. The name is never used as a path.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl

from pipelines.discovery import discover
from pipelines.families import FAMILIES, SheetFamily
from pipelines.families.base import Table
from pipelines.issues import ISSUE_COLUMNS, empty_issues, file_issue
from pipelines.loading import MissingReference, Prepared, prepare
from pipelines.parsing.workbook import WorkbookError, open_workbook
from pipelines.reading import read_families, read_info
from schemas.patterns import SLUG_PATTERN
from schemas.vocab import fold
from schemas.workbook_format import INFO_SHEET, WORKBOOK_SUFFIXES

_PERIOD = re.compile(r"^(\d{4})(?:\s*[-–]\s*(\d{4}))?$")


@dataclass
class Target:
    """Which locality and period a workbook is for, and the name it is filed under."""

    locality_code: str
    period: str | None  # None for don-vi.xlsx
    kind: str  # year, term, localities

    @property
    def file_name(self) -> str:
        if self.kind == "localities":
            return "don-vi.xlsx"
        return f"nhiem-ky-{self.period}.xlsx" if self.kind == "term" else f"{self.period}.xlsx"


@dataclass
class CheckResult:
    """What a load of the workbook would do."""

    target: Target | None
    issues: pl.DataFrame
    rows_read: int = 0
    rows_valid: int = 0
    rows_rejected: int = 0
    changes: pl.DataFrame = field(default_factory=pl.DataFrame)  # table, key, change, before, after
    valid: dict[str, pl.DataFrame] = field(default_factory=dict)

    @property
    def errors(self) -> pl.DataFrame:
        return self.issues.filter(pl.col("severity") == "error")

    @property
    def accepted(self) -> bool:
        """The workbook can be filed: it opens and is what it says it is (rows may still be rejected)."""
        return self.target is not None and self.errors.filter(pl.col("row").is_null()).height == 0


def identify(path: Path, locality: str | None = None, period: str | None = None) -> tuple[Target | None, pl.DataFrame]:
    """The workbook's locality and period: as given, else from its 'Thông tin chung', else from its
    own file name and folder. A file that says none of it is reported."""
    name = Path(path).name
    said: dict = {}
    try:
        reader = open_workbook(Path(path))
        info_sheet = next((s for s in reader.sheet_names if INFO_SHEET.matches(s)), None)
        said = {k: v[0] for k, v in read_info(reader, info_sheet).items()} if info_sheet else {}
        sheets = [fold(s) for s in reader.sheet_names]
    except (WorkbookError, OSError) as exc:
        return None, file_issue(name, "file_unreadable", str(exc))
    code = locality or (str(said["locality_code"]).strip().lower() if said.get("locality_code") else None)
    if code is None and Path(path).parent.name and re.match(SLUG_PATTERN, Path(path).parent.name):
        code = Path(path).parent.name
    if any(s in ("don vi hanh chinh", "don vi", "danh muc don vi") for s in sheets) and not period:
        if code is None:
            return None, file_issue(name, "submission_unknown_locality")
        return Target(code, None, "localities"), empty_issues()
    written = period or (str(said["period"]) if said.get("period") else None)
    if written is None:
        stem = re.sub(r"^nhiem-ky-", "", Path(name).stem)
        written = stem if _PERIOD.match(stem) else None
    match = _PERIOD.match(str(written or "").strip())
    if code is None or match is None or not re.match(SLUG_PATTERN, code):
        rule = (
            "submission_unknown_locality"
            if code is None or not re.match(SLUG_PATTERN, code)
            else "submission_unknown_period"
        )
        return None, file_issue(name, rule, value=str(written or code or ""))
    first, last = match.group(1), match.group(2)
    if last:
        return Target(code, f"{first}-{last}", "term"), empty_issues()
    return Target(code, first, "year"), empty_issues()


def _from_raw(raw_root: Path, name: str) -> pl.DataFrame | None:
    """A reference table read straight from the raw-data folder's files (no warehouse yet)."""
    family = next((f for f in FAMILIES.values() if f.reference and name in f.table_names), None)
    if family is None:
        return None
    from pipelines.reading import read_family
    from pipelines.tables import warehouse_tables
    from schemas.base import polars_schema

    refs = [r for r in discover(raw_root).refs if family.sheet_for(r.kind)]
    empty = {n: pl.DataFrame(schema=polars_schema(warehouse_tables()[n])) for n in family.reads}
    prepared = prepare(family, read_family(refs, family), empty)
    return prepared.valid if prepared.validated is not None else None


def _lookups(warehouse: Path | None, family: SheetFamily, raw_root: Path | None = None) -> dict[str, pl.DataFrame]:
    """The reference tables a family looks up: from the published warehouse (read-only), or, where it
    has none, from the raw-data folder's catalog and unit lists."""
    from pipelines.tables import warehouse_tables
    from schemas.base import polars_schema

    tables = warehouse_tables()
    out = {name: pl.DataFrame(schema=polars_schema(tables[name])) for name in family.reads}
    if warehouse is not None and Path(warehouse).exists() and family.reads:
        out |= _published(Path(warehouse), family.reads)
    for name in family.reads:
        if out[name].height == 0 and raw_root is not None:
            found = _from_raw(Path(raw_root), name)
            if found is not None and found.height:
                out[name] = found
    return out


def _published(warehouse: Path, names: tuple[str, ...]) -> dict[str, pl.DataFrame]:
    """The named tables of the published warehouse that hold rows."""
    out: dict[str, pl.DataFrame] = {}
    conn = duckdb.connect(":memory:")
    try:
        conn.execute("ATTACH ? AS wh (READ_ONLY)", [str(warehouse)])
        present = {
            r[0] for r in conn.sql("SELECT table_name FROM duckdb_tables() WHERE database_name = 'wh'").fetchall()
        }
        for name in names:
            if name in present:
                found = conn.sql(f'SELECT * FROM wh."{name}"').pl()
                if found.height:
                    out[name] = found
    finally:
        conn.close()
    return out


def _current(warehouse: Path | None, table: Table, target: Target) -> pl.DataFrame:
    """The rows of a table the workbook's locality and period have in the published warehouse now."""
    if warehouse is None or not Path(warehouse).exists():
        return pl.DataFrame()
    conn = duckdb.connect(":memory:")
    try:
        conn.execute("ATTACH ? AS wh (READ_ONLY)", [str(warehouse)])
        conn.execute("USE wh")
        present = {
            r[0] for r in conn.sql("SELECT table_name FROM duckdb_tables() WHERE database_name = 'wh'").fetchall()
        }
        if table.name not in present:
            return pl.DataFrame()
        if target.kind == "localities":
            sql = f'SELECT * FROM "{table.name}" WHERE source_file = ?'
            return conn.sql(sql, params=[f"{target.locality_code}/don-vi.xlsx"]).pl()
        # The table's SQL for a row's workbook comes from its descriptor (code), not from the file.
        current = " AND is_current" if table.write == "revisions" else ""
        sql = (
            f'SELECT * FROM "{table.name}" WHERE {table.workbook_locality} = ? AND {table.workbook_period} = ?{current}'
        )
        return conn.sql(sql, params=[target.locality_code, target.period]).pl()
    finally:
        conn.close()


# Columns that say where a row sits, not what it says: a moved row is not a changed figure.
_PLACE = {"source_file", "source_sheet", "source_row", "source_document", "source_quote", "note", "loaded_at", "run_id"}
_PLACE |= {"revision", "is_current", "superseded_at"}


# Words about a figure that do not change it.
_DESCRIPTIVE = {"indicator_name", "period_kind", "unit", "level_text", "rating_text", "unit_name"}


def changes(
    before: pl.DataFrame, after: pl.DataFrame, key: list[str], table: str, figures: tuple[str, ...] = ()
) -> pl.DataFrame:
    """new / revised (with the figure before and after) / unchanged / withdrawn, per row key. What
    counts as a change: ``figures`` (a table's revision payload), else every column that is not where
    the row sits or how it is worded."""
    schema = {"table": pl.Utf8, "key": pl.Utf8, "change": pl.Utf8, "before": pl.Utf8, "after": pl.Utf8}
    if after.height == 0 and before.height == 0:
        return pl.DataFrame(schema=schema)
    names = after.columns or before.columns
    columns = list(figures) or [c for c in names if c not in _PLACE and c not in key and c not in _DESCRIPTIVE]
    columns = [c for c in columns if c in names and (not before.height or c in before.columns)]

    def describe(row: dict | None) -> str | None:
        if row is None:
            return None
        shown = {c: row.get(c) for c in columns if row.get(c) is not None}
        return "; ".join(f"{c}={v}" for c, v in shown.items())

    def key_of(row: dict) -> str:
        return " · ".join("" if row.get(k) is None else str(row.get(k)) for k in key)

    old = {key_of(r): r for r in before.iter_rows(named=True)} if before.height else {}
    rows = []
    seen = set()
    for r in after.iter_rows(named=True):
        k = key_of(r)
        seen.add(k)
        prior = old.get(k)
        if prior is None:
            rows.append({"table": table, "key": k, "change": "new", "before": None, "after": describe(r)})
        elif any(_differs(r.get(c), prior.get(c)) for c in columns):
            rows.append(
                {"table": table, "key": k, "change": "revised", "before": describe(prior), "after": describe(r)}
            )
        else:
            rows.append({"table": table, "key": k, "change": "unchanged", "before": None, "after": None})
    for k, prior in old.items():
        if k not in seen:
            rows.append({"table": table, "key": k, "change": "withdrawn", "before": describe(prior), "after": None})
    return pl.DataFrame(rows, schema=schema)


def _differs(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) > 1e-9 * max(abs(a), abs(b), 1.0)
    return a != b


def check_file(
    path: Path,
    warehouse: Path | None = None,
    locality: str | None = None,
    period: str | None = None,
    families: dict[str, SheetFamily] | None = None,
    raw_root: Path | None = None,
) -> CheckResult:
    """What loading ``path`` would do, against the published ``warehouse`` (nothing is written);
    ``raw_root``'s catalog and unit lists stand in for a warehouse that has none."""
    families = families or FAMILIES
    path = Path(path)
    if path.suffix.lower() not in WORKBOOK_SUFFIXES:
        return CheckResult(None, file_issue(path.name, "not_a_workbook", value=path.name))
    target, problem = identify(path, locality, period)
    if target is None:
        return CheckResult(None, problem)
    with tempfile.TemporaryDirectory(prefix="chitieu-check-") as scratch:
        root = Path(scratch)
        (root / target.locality_code).mkdir()
        filed = root / target.locality_code / (Path(target.file_name).stem + path.suffix.lower())
        shutil.copyfile(path, filed)
        refs = discover(root).refs
        chosen = [f for f in families.values() if any(f.sheet_for(r.kind) for r in refs)]
        raws = read_families(refs, chosen)
        parts, valid, change_parts = [empty_issues()], {}, []
        rows_read = rows_valid = rows_rejected = 0
        for family in chosen:
            try:
                prepared: Prepared = prepare(family, raws[family.name], _lookups(warehouse, family, raw_root))
            except MissingReference:
                parts.append(file_issue(path.name, "catalog_missing"))
                continue
            parts.append(prepared.issues)
            rows_read += prepared.raw.rows.height
            if prepared.validated is not None:
                rows_valid += prepared.validated.valid.height
                rows_rejected += prepared.validated.rejected.height
                for table in family.tables:
                    rows = table.rows(prepared.validated.valid) if prepared.validated.valid.height else pl.DataFrame()
                    valid[table.name] = rows
                    before = _current(warehouse, table, target)
                    change_parts.append(changes(before, rows, list(table.key), table.name, table.payload))
        issues = pl.concat([p.select(list(ISSUE_COLUMNS)) for p in parts if p.width], how="vertical_relaxed")
        # The clerk's own file name in every message, not the scratch one.
        issues = issues.with_columns(pl.lit(path.name).alias("file")).unique(maintain_order=True)
    return CheckResult(
        target,
        issues.sort("row", "column", nulls_last=False),
        rows_read,
        rows_valid,
        rows_rejected,
        pl.concat(change_parts, how="vertical_relaxed") if change_parts else pl.DataFrame(),
        valid,
    )
