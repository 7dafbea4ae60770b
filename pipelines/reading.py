"""Reading one sheet type from many workbooks: the per-file reads, then one vectorised tidy-up.

No Dagster and no DuckDB here, so a pool of worker processes can read a large run's workbooks in
parallel (spawned: they import only this module's dependencies). Small runs read in-process.
"""

from __future__ import annotations

import atexit
import os
import re
import sys
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from typing import TYPE_CHECKING

import fastexcel
import numpy as np
import polars as pl

from pipelines.discovery import WorkbookRef
from pipelines.issues import empty_issues, file_issue
from pipelines.limits import DEFAULT_LIMITS, Limits, vn_int
from pipelines.parsing.cells import Inspector, SheetSize, check_size, inspect_workbook, too_large
from pipelines.parsing.workbook import (
    WorkbookError,
    file_sha256,
    matching_sheets,
    open_workbook,
    read_grid,
    read_sheet,
    tidy_rows,
)
from schemas.vocab import fold
from schemas.workbook_format import INFO_SHEET, SheetSpec

if TYPE_CHECKING:
    from pipelines.families.base import SheetFamily

# Below this many workbooks a run reads in-process: starting workers costs more than it saves.
# Measured on 2 cores: starting the pool ~0,7 s, then ~8 ms per workbook in-process against ~4 ms
# with two workers, so the pool pays off from ~175 workbooks (105 read in 0,45 s in-process, 1,5 s
# with a fresh pool).
PARALLEL_MIN_FILES = 200

_YEAR = re.compile(r"\b(19|20)\d{2}\b")

# Data cells calamine misreads (pipelines.parsing.cells), for the load step: a formula's error or
# missing value is reported at its cell, a percent-formatted number is scaled where it is a percent.
CELLS_SCHEMA = {
    "source_file": pl.Utf8,
    "source_sheet": pl.Utf8,
    "source_row": pl.Int64,
    "key": pl.Utf8,
    "kind": pl.Utf8,
    "value": pl.Utf8,
}


def no_cells() -> pl.DataFrame:
    return pl.DataFrame(schema=CELLS_SCHEMA)


@dataclass
class RawLoad:
    rows: pl.DataFrame
    issues: pl.DataFrame
    logs: list[dict]
    scope: list[tuple[str, str]]
    files: list[str]
    refs_loaded: list[WorkbookRef]
    column_refs: dict[str, dict[str, str]] = field(default_factory=dict)
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    info: dict[str, dict[str, str | None]] = field(default_factory=dict)
    hashes: dict[str, str] = field(default_factory=dict)
    cells: pl.DataFrame = field(default_factory=no_cells)
    limits: Limits = DEFAULT_LIMITS

    def column_ref(self, file: str, key: str) -> str | None:
        return self.column_refs.get(file, {}).get(key)

    def without(self, files: Sequence[str]) -> RawLoad:
        """The same load with these workbooks failed: their rows dropped, out of the scope a load
        replaces (so their earlier figures stay), logged as failed."""
        gone = set(files)
        refs = [r for r in self.refs_loaded if r.relpath not in gone]
        logs = [{**log, "status": "failed", "rows_read": 0} if log["file"] in gone else log for log in self.logs]
        return RawLoad(
            rows=self.rows.filter(~pl.col("source_file").is_in(list(gone))),
            issues=self.issues,
            logs=logs,
            scope=[(r.locality_code, r.period) for r in refs if r.locality_code is not None and r.period is not None],
            files=self.files,
            refs_loaded=refs,
            column_refs=self.column_refs,
            labels=self.labels,
            info=self.info,
            hashes=self.hashes,
            cells=self.cells.filter(~pl.col("source_file").is_in(list(gone))),
            limits=self.limits,
        )


def _log(ref: WorkbookRef, status: str, rows_read: int = 0, file_hash: str | None = None) -> dict:
    return {
        "locality_code": ref.locality_code,
        "period": ref.period,
        "file": ref.relpath,
        "file_hash": file_hash,
        "file_modified_at": ref.modified_at,
        "status": status,
        "rows_read": rows_read,
    }


def read_info(reader, sheet: str, n_rows: int | None = None) -> dict[str, tuple[str | None, int]]:
    """Key–value pairs of a 'Thông tin chung' sheet: label in one cell, value in the next."""
    grid = read_grid(reader, sheet, n_rows)
    wanted = {fold(label): key for key, label in INFO_SHEET.extra.items()}
    out: dict[str, tuple[str | None, int]] = {}
    for r in range(grid.cells.height):
        values = grid.row_values(r)
        for j, cell in enumerate(values):
            if cell is None:
                continue
            key = wanted.get(fold(cell).rstrip(" :"))
            if key and key not in out:
                value = next((v for v in values[j + 1 :] if v is not None and str(v).strip()), None)
                out[key] = (value.strip() if isinstance(value, str) else value, r + 1)
    return out


def _check_workbook_identity(
    ref: WorkbookRef, reader, sheet_names: list[str], inspector: Inspector | None = None, limits: Limits | None = None
) -> tuple[pl.DataFrame | None, dict[str, str | None]]:
    """The info sheet must agree with the folder (locality) and file name (year or term)."""
    info_sheet = next((s for s in sheet_names if INFO_SHEET.matches(s)), None)
    if info_sheet is None:
        return None, {}
    limits = limits or DEFAULT_LIMITS
    if inspector is not None:
        check_size(info_sheet, inspector.sheet_size(info_sheet, limits), limits)
    info = read_info(reader, info_sheet, limits.max_rows + 1)
    values = {k: (v[0] if v else None) for k, v in info.items()}
    if (
        "locality_code" in info
        and info["locality_code"][0]
        and fold(str(info["locality_code"][0])) != ref.locality_code
    ):
        value, row = info["locality_code"]
        return file_issue(
            ref.relpath,
            "locality_mismatch",
            f"Trong tệp: '{value}', thư mục: '{ref.locality_code}'.",
            sheet=info_sheet,
            row=row,
            column="B (Mã địa phương)",
            value=str(value),
        ), values
    if "period" in info and info["period"][0]:
        value, row = info["period"]
        written = [int(y.group(0)) for y in _YEAR.finditer(str(value))]
        expected = [ref.first_year, ref.last_year] if ref.kind == "term" else [ref.first_year]
        if written and written != expected:
            return file_issue(
                ref.relpath,
                "year_mismatch",
                f"Trong tệp: '{value}', tên tệp: '{ref.period}'.",
                sheet=info_sheet,
                row=row,
                column="B (Năm / Nhiệm kỳ)",
                value=str(value),
            ), values
    return None, values


def _check_header_years(ref: WorkbookRef, rows, spec: SheetSpec) -> pl.DataFrame | None:
    """'Kế hoạch năm 2022' in a 2023 workbook means the clerk copied last year's sheet."""
    allowed = set(range(ref.first_year or 0, (ref.last_year or 0) + 1))
    if ref.kind == "year":
        allowed = {ref.first_year}
    for key, (year, label) in rows.header.years.items():
        if year not in allowed:
            return file_issue(
                ref.relpath,
                "year_mismatch",
                f"Tiêu đề cột '{label}' ghi năm {year}, tên tệp là {ref.period}.",
                sheet=rows.sheet,
                row=rows.header.row + 1,
                column=rows.column_ref(key),
                value=label,
            )
    return None


# Identity checks of workbooks already opened by this process: (path, mtime, size) → (issue, info).
_IDENTITY: dict[tuple[str, float, int], tuple[dict | None, dict[str, str | None]]] = {}


def _identity(
    ref: WorkbookRef, reader, inspector: Inspector | None = None, limits: Limits | None = None
) -> tuple[pl.DataFrame | None, dict[str, str | None]]:
    key = (str(ref.path), ref.modified_at.timestamp(), ref.size)
    if key not in _IDENTITY:
        issue, info = _check_workbook_identity(ref, reader, reader.sheet_names, inspector, limits)
        _IDENTITY[key] = (None if issue is None else issue.row(0, named=True), info)
    issue, info = _IDENTITY[key]
    return (None if issue is None else pl.DataFrame([issue], schema=empty_issues().schema)), info


def _says_encrypted(text: str) -> bool:
    folded = text.lower()
    return "encrypt" in folded or "password" in folded


def unreadable(file: str, exc: BaseException, sheet: str | None = None) -> pl.DataFrame:
    """The issue for a file (or sheet) that could not be read: the cause in words, the detail after."""
    if isinstance(exc, WorkbookError) and (exc.rule != "file_unreadable" or not _says_encrypted(exc.detail)):
        # The rule it names (too large, encrypted, unreadable) with its own words, at its sheet; an
        # unreadable file whose reader says "password" is an encrypted one.
        return file_issue(
            file, exc.rule, exc.detail, sheet=exc.sheet or sheet, row=exc.row, column=exc.column, value=exc.value
        )
    text = f"{type(exc).__name__}: {exc}"
    folded = text.lower()
    if "encrypt" in folded or "password" in folded:
        return file_issue(file, "file_encrypted", text)
    if isinstance(exc, (fastexcel.FastExcelError, OSError, WorkbookError)):
        return file_issue(file, "file_unreadable", text, sheet=sheet)
    return file_issue(file, "file_unexpected", text, sheet=sheet)


def check_file_size(ref: WorkbookRef, limits: Limits) -> None:
    """Refuse a file over the size limit before reading a byte of it."""
    if ref.size > limits.max_file_bytes:
        raise too_large(
            f"Tệp {vn_int(round(ref.size / 1024 / 1024, 1))} MB; giới hạn {vn_int(limits.max_file_mb)} MB "
            "(CHITIEU_MAX_FILE_MB).",
            value=f"{ref.size} bytes",
        )


def _read_files(
    refs: Sequence[WorkbookRef], families: Sequence[SheetFamily], limits: Limits = DEFAULT_LIMITS
) -> dict[str, _Partial]:
    """Per-file reads, each workbook opened once for every family that reads a sheet of it:
    check its size, open, check the workbook's year and locality, find each sheet, read below its header."""
    parts = {f.name: _Partial() for f in families}
    for ref in refs:
        wanted = [(f, spec) for f in families if (spec := f.sheet_for(ref.kind)) is not None]
        if not wanted:
            continue
        for family, _ in wanted:
            parts[family.name].files.append(ref.relpath)
        inspector: Inspector | None = None
        try:
            check_file_size(ref, limits)
            data = ref.path.read_bytes()  # once, for the hash and the look inside (bounded by the limit)
            file_hash = file_sha256(ref.path, data)
            # Before calamine opens it: an .ods is parsed whole when opened, a zip bomb must not be.
            inspector = inspect_workbook(ref.path, data)
            del data
            inspector.check(limits)
            reader = open_workbook(ref.path)
            identity_issue, info = _identity(ref, reader, inspector, limits)
        except Exception as exc:  # noqa: BLE001 - whatever one file does, the others are read
            if inspector is not None:
                inspector.close()
            issue = unreadable(ref.relpath, exc)
            for family, _ in wanted:
                if family.speaks_for_workbook:
                    parts[family.name].issues.append(issue)
                parts[family.name].logs.append(_log(ref, "failed"))
            continue
        try:
            for family, spec in wanted:
                part = parts[family.name]
                try:
                    _read_one(part, family, spec, ref, reader, file_hash, identity_issue, info, inspector, limits)
                except Exception as exc:  # noqa: BLE001 - an input no rule foresaw: this sheet fails, not the run
                    part.issues.append(unreadable(ref.relpath, exc, sheet=spec.name))
                    part.logs.append(_log(ref, "failed", 0, file_hash))
        finally:
            inspector.close()
    for family in families:
        _finish(parts[family.name], family)
    return parts


CONTEXT_SCHEMA = {
    "_fi": pl.Int32,
    "locality_code": pl.Utf8,
    "period": pl.Utf8,
    "period_kind": pl.Utf8,
    "period_first_year": pl.Int64,
    "period_last_year": pl.Int64,
    "source_file": pl.Utf8,
    "source_sheet": pl.Utf8,
}


def _finish(part: _Partial, family: SheetFamily) -> None:
    """Tidy the rows read (one vectorised pass) and attach each row's workbook, where they were read:
    in a worker, the memory the reads took goes away with it."""
    if part.frames:
        # One chunk, not one per sheet: string expressions pay per chunk (3–7× slower on 150 sheets).
        frame = pl.concat(part.frames, how="diagonal_relaxed", rechunk=True)
        texts = pl.DataFrame(part.texts, schema={"_fi": pl.Int32, "source_row": pl.Int64, "key": pl.Utf8}, orient="row")
        rows = tidy_rows(
            frame, texts, list(part.columns.values()), list(family.identity), list(family.figures), group="_fi"
        )
        if not family.keep_identity_only:
            rows = rows.filter(
                pl.any_horizontal([pl.col(c).is_not_null() for c in family.figures if c in rows.columns])
            )
        contexts = pl.DataFrame(part.contexts, schema=CONTEXT_SCHEMA)
        part.frame = rows.join(contexts, on="_fi", how="left").drop("_fi")
        if part.cells:
            cells = pl.DataFrame(
                part.cells,
                schema={"_fi": pl.Int32, "source_row": pl.Int64, "key": pl.Utf8, "kind": pl.Utf8, "value": pl.Utf8},
                orient="row",
            )
            part.cell_frame = cells.join(contexts.select("_fi", "source_file", "source_sheet"), on="_fi").select(
                list(CELLS_SCHEMA)
            )
        # The load log counts each workbook's data rows, not every line under its header.
        counts = dict(part.frame.group_by("source_file").len().iter_rows())
        for log in part.logs:
            if log["status"] == "loaded":
                log["rows_read"] = counts.get(log["file"], 0)
    part.frames, part.texts, part.contexts, part.cells = [], [], [], []


def _read_one(
    part: _Partial,
    family: SheetFamily,
    spec: SheetSpec,
    ref: WorkbookRef,
    reader,
    file_hash: str,
    identity_issue: pl.DataFrame | None,
    info: dict,
    inspector: Inspector | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> None:
    try:
        sheets = matching_sheets(reader, spec)
        sheet = sheets[0] if sheets else None
        if sheet is None:
            if family.sheet_required:
                raise WorkbookError(
                    "sheet_missing", f"Cần trang '{spec.name}'; tệp có: {', '.join(reader.sheet_names)}."
                )
            part.logs.append(_log(ref, "skipped", 0, file_hash))
            return
        if identity_issue is not None:
            if family.speaks_for_workbook:
                part.issues.append(identity_issue)
            part.logs.append(_log(ref, "failed", 0, file_hash))
            return
        for other in sheets[1:]:
            # Two sheets of one kind ('Chỉ tiêu' and 'CHI TIEU'): one is read, and the clerk hears which.
            part.issues.append(
                file_issue(
                    ref.relpath,
                    "duplicate_sheet",
                    f"Đã đọc trang '{sheet}'; trang '{other}' bị bỏ qua.",
                    sheet=other,
                    value=other,
                    severity="warning",
                )
            )
        inspector = inspector or Inspector()
        check_size(sheet, inspector.sheet_size(sheet, limits), limits)
        rows = read_sheet(reader, sheet, spec, inspector.facts(sheet), limits.max_rows + 1)
        height, width = rows.grid.cells.height, max(rows.grid.absolute, default=-1) + 1
        # The formats not looked into (.xls) are bounded here, before any row is tidied.
        check_size(sheet, SheetSize(height, width), limits, capped=True)
        year_issue = _check_header_years(ref, rows, spec)
        if year_issue is not None:
            part.issues.append(year_issue)
            part.logs.append(_log(ref, "failed", 0, file_hash))
            return
    except fastexcel.FastExcelError as exc:
        if family.speaks_for_workbook:
            part.issues.append(unreadable(ref.relpath, exc))
        part.logs.append(_log(ref, "failed"))
        return
    except WorkbookError as exc:
        part.issues.append(
            file_issue(
                ref.relpath, exc.rule, exc.detail, sheet=exc.sheet, row=exc.row, column=exc.column, value=exc.value
            )
        )
        part.logs.append(_log(ref, "failed"))
        return
    fi = len(part.contexts)
    for col in spec.columns:
        part.columns.setdefault(col.key, col)
    part.frames.append(rows.frame.hstack([pl.Series("_fi", np.full(rows.frame.height, fi, dtype=np.int32))]))
    part.texts.extend((fi, row, key) for row, key in rows.texts)
    part.cells.extend((fi, row, key, kind, value) for row, key, kind, value in rows.cells)
    part.contexts.append(
        {
            "_fi": fi,
            "locality_code": ref.locality_code,
            "period": ref.period,
            "period_kind": ref.period_kind,
            "period_first_year": ref.first_year,
            "period_last_year": ref.last_year,
            "source_file": ref.relpath,
            "source_sheet": rows.sheet,
        }
    )
    part.column_refs[ref.relpath] = {k: rows.column_ref(k) for k in rows.header.columns}
    part.labels[ref.relpath] = dict(rows.header.labels)
    part.info[ref.relpath] = info
    part.hashes[ref.relpath] = file_hash
    part.logs.append(_log(ref, "loaded", rows.frame.height, file_hash))
    part.refs_loaded.append(ref)


@dataclass
class _Partial:
    frames: list[pl.DataFrame] = field(default_factory=list)
    frame: pl.DataFrame | None = None  # after _finish: the tidy rows with their workbook
    texts: list[tuple[int, int, str]] = field(default_factory=list)
    cells: list[tuple[int, int, str, str, str | None]] = field(default_factory=list)
    cell_frame: pl.DataFrame | None = None  # after _finish: ``cells`` with their workbook and sheet
    contexts: list[dict] = field(default_factory=list)
    columns: dict = field(default_factory=dict)
    issues: list[pl.DataFrame] = field(default_factory=list)
    logs: list[dict] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    refs_loaded: list[WorkbookRef] = field(default_factory=list)
    column_refs: dict[str, dict[str, str]] = field(default_factory=dict)
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    info: dict[str, dict] = field(default_factory=dict)
    hashes: dict[str, str] = field(default_factory=dict)


def _warm() -> None:
    # Import once, when the worker starts: the readers, and pyarrow (fastexcel's error report
    # for cells typed as text needs it).
    import pyarrow  # noqa: F401

    import pipelines.families  # noqa: F401


def _read_chunk(args: tuple[list[WorkbookRef], list[SheetFamily], Limits]) -> dict[str, _Partial]:
    refs, families, limits = args
    return _read_files(refs, families, limits)


def workers(configured: int = 0) -> int:
    """Processes that read a large run: ``configured``, or one per CPU when it is 0."""
    return max(1, configured) if configured > 0 else max(1, os.cpu_count() or 1)


def read_families(
    refs: Sequence[WorkbookRef], families: Sequence[SheetFamily], processes: int = 0, limits: Limits = DEFAULT_LIMITS
) -> dict[str, RawLoad]:
    """Read every family's sheet from each workbook, opening each workbook once.

    Broken files are reported (by the family that speaks for the workbook) and left out. Per
    workbook only the reads happen; cleaning the cells and choosing the data rows is one
    vectorised pass per family over every workbook of the run. A large run is read by a pool of
    worker processes, each with a single Polars thread (the frames per file are small).
    """
    mine = [r for r in refs if any(f.sheet_for(r.kind) is not None for f in families)]
    n = workers(processes)
    if n > 1 and len(mine) >= PARALLEL_MIN_FILES:
        size = -(-len(mine) // (n * 4))  # a few chunks per worker evens out slow files
        # The descriptors themselves travel (their functions and models are pickled by reference), so
        # a family registered outside the registry module reads the same way.
        chunks = [(mine[i : i + size], list(families), limits) for i in range(0, len(mine), size)]
        parts = list(_pool(n).map(_read_chunk, chunks))
    else:
        parts = [_read_files(mine, families, limits)]
    return {f.name: _merge([p[f.name] for p in parts], f, limits) for f in families}


_POOL: ProcessPoolExecutor | None = None


def _pool(n: int) -> ProcessPoolExecutor:
    """Worker processes kept for the life of this process, so a run pays their start-up once.

    Spawned, not forked: Polars' allocator and thread pool do not survive a fork well (forked
    workers measured slower per file than spawned ones)."""
    global _POOL
    if _POOL is None or _POOL._max_workers != n:  # noqa: SLF001 - the size is all we compare
        if _POOL is not None:
            _POOL.shutdown()
        context = get_context("spawn")
        # Each worker handles small frames: one Polars thread each. Workers inherit the
        # environment when they start, on the pool's first tasks, below.
        previous = os.environ.get("POLARS_MAX_THREADS")
        os.environ["POLARS_MAX_THREADS"] = "1"
        main = sys.modules.get("__main__")
        hidden = {k: main.__dict__.pop(k) for k in ("__file__", "__spec__") if main and k in main.__dict__}
        try:
            # Spawned workers re-run the parent's main script unless it has no file: they need only
            # this module, and the main script may be anything (a Streamlit page under AppTest, a
            # notebook). Every worker starts here, so hiding it while they start is enough.
            if main is not None:
                main.__spec__ = None
            _POOL = ProcessPoolExecutor(max_workers=n, mp_context=context, initializer=_warm)
            for future in [_POOL.submit(os.getpid) for _ in range(n)]:
                future.result()
        finally:
            if main is not None:
                main.__dict__.update(hidden)
                if "__spec__" not in hidden:
                    main.__dict__.pop("__spec__", None)
            if previous is None:
                os.environ.pop("POLARS_MAX_THREADS", None)
            else:
                os.environ["POLARS_MAX_THREADS"] = previous
        atexit.register(_POOL.shutdown)
    return _POOL


def read_family(
    refs: Sequence[WorkbookRef], family: SheetFamily, processes: int = 0, limits: Limits = DEFAULT_LIMITS
) -> RawLoad:
    """Read one family's sheet from each workbook (see ``read_families``)."""
    return read_families(refs, [family], processes, limits)[family.name]


def _merge(parts: list[_Partial], family: SheetFamily, limits: Limits = DEFAULT_LIMITS) -> RawLoad:
    load = RawLoad(
        rows=pl.DataFrame(), issues=empty_issues(), logs=[], scope=[], files=[], refs_loaded=[], limits=limits
    )
    issues = [empty_issues()]
    frames = [p.frame for p in parts if p.frame is not None]
    for part in parts:
        issues.extend(part.issues)
        load.logs.extend(part.logs)
        load.files.extend(part.files)
        load.refs_loaded.extend(part.refs_loaded)
        load.column_refs.update(part.column_refs)
        load.labels.update(part.labels)
        load.info.update(part.info)
        load.hashes.update(part.hashes)
    load.scope = [
        (r.locality_code, r.period) for r in load.refs_loaded if r.locality_code is not None and r.period is not None
    ]
    load.issues = pl.concat(issues)
    load.cells = pl.concat([no_cells(), *(p.cell_frame for p in parts if p.cell_frame is not None)])
    if frames:
        load.rows = pl.concat(frames, how="diagonal_relaxed")
        if len(frames) > 1:
            # A column no workbook of a worker's chunk had is absent from its frame, and null after
            # the concat; read in one process it would say "not typed as text" (False).
            load.rows = load.rows.with_columns(pl.col(r"^.*__text$").fill_null(False))
    return load
