"""`chitieu bench --scale national|small --out FILE.json`: what users wait for, measured in one run.

Each measurement is a *section*: a function that takes the run's context and returns its
figures and table rows. ``SECTIONS`` lists them in order; a later section can use what an
earlier one left in ``ctx.artifacts`` (the generated set, the national warehouse). The run
writes FILE.json, a Markdown table beside it (FILE.md) and prints the same table, with the
previous run's figures (the FILE.json being replaced) next to the new ones.

Sections
    generation      the synthetic set, written through pipelines.template (cached between runs)
    ingest          `pipelines.build.build` (Dagster, in-process executor) in a child process,
                    into a fresh warehouse: wall time, workbooks/s, rows/s, peak RSS, file size;
                    the set read has one hostile workbook more (a 10-million-row sheet in ~2 MB),
                    so the peak memory is the one with it present, and it must be refused
    parse_validate  the pipeline's read + transform + Pandera validation, in-process, against
                    the naive pandas + openpyxl load of the same workbooks
    year_reload     one year of one locality re-run on the loaded sample
    submission      'Nộp số liệu' through the page in a new process: upload → checked result,
                    'Nộp' → the figures on the overview
    dashboard       every page's render time on the sample and the generated warehouse
    units           the compare page and the drill-down of the largest province after the 2025 reform
    report_pack     two report packs built
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from benchmarks.generate import OUT, ROOT, SCALES, Scale, generate

FORMAT_VERSION = 1
# Workbooks (yearly and term) that both sides of parse_validate read, at most; the rest of a
# national set would keep the naive side busy for ~20 minutes. The catalog and every don-vi.xlsx
# are always read (the checks need them).
NAIVE_SAMPLE = 300
SAMPLE_SEED = 7
TARGETS = {
    "ingest_wall_s": 120.0,  # the national set into the warehouse, on 2 cores
    "ingest_peak_rss_bytes": 2 * 1024**3,
    "parse_validate_speedup": 10.0,
}
TARGETS_AT_SCALE = {"ingest_wall_s": "national", "ingest_peak_rss_bytes": "national"}


# --- the run -----------------------------------------------------------------------------------


@dataclass
class Row:
    """One line of the table."""

    section: str
    key: str
    label: str
    value: float | int | str | None
    unit: str = ""
    target: str = ""
    met: bool | None = None
    note: str = ""

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items()}


@dataclass
class SectionResult:
    figures: dict
    rows: list[Row]
    notes: list[str] = field(default_factory=list)


@dataclass
class Context:
    scale: Scale
    out: Path
    workdir: Path
    artifacts: dict = field(default_factory=dict)
    results: dict[str, SectionResult] = field(default_factory=dict)
    log: Callable[[str], None] = print

    def repeats(self, n: int) -> int:
        """How many times a measure is repeated: ``n``, or once at the tiny scale, which only shows
        that the benchmark runs end to end (tests/test_bench.py)."""
        return 1 if self.scale.name == "tiny" else n


@dataclass(frozen=True)
class Section:
    name: str
    title: str
    run: Callable[[Context], SectionResult]


def _target_applies(ctx: Context, key: str) -> bool:
    scale = TARGETS_AT_SCALE.get(key)
    return scale is None or scale == ctx.scale.name


# --- generation ----------------------------------------------------------------------------------


def section_generation(ctx: Context) -> SectionResult:
    gen = generate(ctx.scale, ctx.workdir / "data" / ctx.scale.name, progress=True)
    ctx.artifacts["raw_root"] = gen.root
    ctx.artifacts["counts"] = gen.counts
    figures = gen.as_dict()
    how = "cached" if gen.cached else "written now"
    rows = [
        Row("generation", "generation_files", "Workbooks generated", gen.files, note=how),
        Row("generation", "generation_bytes", "Data set size", gen.bytes, "bytes"),
        Row("generation", "generation_s", f"Generation time ({gen.workers} processes)", round(gen.seconds, 1), "s"),
        Row(
            "generation",
            "generation_districts",
            "Districts / communes",
            f"{gen.counts['districts']} / {gen.counts['communes']}",
        ),
    ]
    if gen.counts.get("new_provinces"):
        rows.append(
            Row(
                "generation",
                "generation_reform",
                "From 1 July 2025: provinces / communes (commune workbooks)",
                f"{gen.counts['new_provinces']} / {gen.counts['new_communes']} ({gen.counts['commune_workbooks']})",
            )
        )
    return SectionResult(figures, rows, [f"Generated set: {gen.root} ({how})."])


# --- ingest --------------------------------------------------------------------------------------

# A hostile workbook put into the set the ingest reads: one sheet of ten million identical rows
# compresses to ~2 MB, and before the size limits (pipelines.limits) took 2 GB to read.
OVERSIZED_ROWS = 10_000_000
OVERSIZED_LOCALITY = "zz-qua-lon"
OVERSIZED_NAME = "2020.xlsx"


def oversized_workbook(path: Path, rows: int = OVERSIZED_ROWS, dimension: bool = True) -> Path:
    """Write an .xlsx whose 'Chỉ tiêu' sheet has ``rows`` rows (streamed: the XML is never in memory)."""
    import zipfile

    if path.exists() and path.stat().st_size:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
            'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.worksheet+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            f'2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook {ns} xmlns:r="{rel}"><sheets><sheet name="Chỉ tiêu" '
            'sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            f'2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            "</Relationships>"
        ),
    }
    tmp = path.with_suffix(".part")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, text in parts.items():
            zf.writestr(name, text)
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            dim = f'<dimension ref="A1:B{rows + 1}"/>' if dimension else ""
            fh.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet {ns}>{dim}<sheetData>'.encode())
            fh.write(b'<row><c t="inlineStr"><is><t>M\xc3\xa3 ch\xe1\xbb\x89 ti\xc3\xaau</t></is></c></row>')
            row = b'<row><c t="inlineStr"><is><t>poverty_rate</t></is></c><c><v>1</v></c></row>'
            block = row * 10_000
            for _ in range(rows // 10_000):
                fh.write(block)
            fh.write(row * (rows % 10_000))
            fh.write(b"</sheetData></worksheet>")
    tmp.replace(path)
    return path


def with_oversized(raw: Path, dest: Path, oversized: Path) -> Path:
    """``raw`` as read by a build, plus the oversized workbook: a folder of links to the set (the
    cached set is left as it is) and one locality folder holding the hostile file."""
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    for entry in raw.iterdir():
        (dest / entry.name).symlink_to(entry.resolve(), target_is_directory=entry.is_dir())
    (dest / OVERSIZED_LOCALITY).mkdir()
    (dest / OVERSIZED_LOCALITY / OVERSIZED_NAME).symlink_to(oversized.resolve())
    return dest


def _rss_sampler(pid: int, samples: list[tuple[float, int]], stop: threading.Event) -> None:
    """Sample a process's resident set every 0.2 s (to see which step holds the peak)."""
    status = Path(f"/proc/{pid}/status")
    while not stop.is_set():
        try:
            for line in status.read_text().splitlines():
                if line.startswith("VmRSS:"):
                    samples.append((time.time(), int(line.split()[1]) * 1024))
                    break
        except OSError:
            return
        stop.wait(0.2)


def _bytecode_cache(env: dict[str, str]) -> dict[str, str]:
    """Let Python cache compiled imports even where the environment forbids it
    (PYTHONDONTWRITEBYTECODE), in benchmarks/out/pycache rather than in .venv: processes started
    by the benchmark (the build, the pipeline's reading workers) then import as they would on a
    user's machine after the first run, instead of compiling every module from source."""
    env = dict(env)
    if env.pop("PYTHONDONTWRITEBYTECODE", None):
        env["PYTHONPYCACHEPREFIX"] = str(OUT / "pycache")
    return env


@contextmanager
def _environment(env: dict[str, str]):
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def _child_env(ctx: Context) -> dict[str, str]:
    """The build child's environment: the repo on the path, imports cached."""
    return _bytecode_cache({**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")})


def section_ingest(ctx: Context) -> SectionResult:
    wh_dir = ctx.workdir / "warehouse" / ctx.scale.name
    shutil.rmtree(wh_dir, ignore_errors=True)
    wh_dir.mkdir(parents=True)
    oversized = oversized_workbook(ctx.workdir / "hostile" / f"oversized-{OVERSIZED_ROWS}.xlsx")
    raw = with_oversized(ctx.artifacts["raw_root"], ctx.workdir / "hostile" / f"raw-{ctx.scale.name}", oversized)
    warehouse = wh_dir / "chitieu.duckdb"
    report = wh_dir / "ingest.json"
    log_path = wh_dir / "ingest.log"
    cmd = [sys.executable, "-m", "benchmarks.bench", "--ingest-child", str(raw), str(warehouse), str(report)]
    env = _child_env(ctx)
    # Compile the imports once, untimed: a user's second `chitieu build` finds them cached.
    subprocess.run(
        [sys.executable, "-c", "import pipelines.build, pipelines.definitions"], env=env, cwd=ROOT, check=True
    )
    ctx.log(f"  child: {' '.join(cmd[1:])} (log: {log_path})")
    samples: list[tuple[float, int]] = []
    stop = threading.Event()
    started = time.perf_counter()
    with log_path.open("wb") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=str(ROOT), env=env)
        sampler = threading.Thread(target=_rss_sampler, args=(proc.pid, samples, stop), daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    stop.set()
    sampler.join()
    if proc.returncode != 0 or not report.exists():
        tail = log_path.read_text(errors="replace").splitlines()[-30:]
        raise RuntimeError(f"ingest child failed ({proc.returncode}):\n" + "\n".join(tail))
    child = json.loads(report.read_text())
    peak = max(usage.ru_maxrss * 1024, child["peak_rss_bytes"])
    steps = child["steps"]
    for step in steps.values():
        inside = [rss for t, rss in samples if step["start"] <= t <= step["end"]]
        step["peak_rss_bytes"] = max(inside) if inside else None
    size = warehouse.stat().st_size
    staging = child.get("staging_bytes")
    for extra in wh_dir.glob("*.staging*"):
        extra.unlink()  # as large as the warehouse; nothing reads it
    ctx.artifacts["warehouse"] = warehouse
    books, rows_read = child["workbooks"], child["rows_read"]
    figures = {
        "wall_s": round(wall, 2),
        "build_s": round(child["build_s"], 2),
        "startup_s": round(child["startup_s"], 2),
        "success": child["success"],
        "checks_failed": child["checks_failed"],
        "workbooks": books,
        "rows_read": rows_read,
        "rows_loaded": child["rows_loaded"],
        "rows_rejected": child["rows_rejected"],
        "issues": child["issues"],
        "too_large": child["too_large"],
        "oversized_refused": f"{OVERSIZED_LOCALITY}/{OVERSIZED_NAME}" in child["too_large"],
        "oversized_bytes": oversized.stat().st_size,
        "table_rows": child["table_rows"],
        "workbooks_per_s": round(books / wall, 1),
        "rows_per_s": round(rows_read / wall),
        "peak_rss_bytes": peak,
        "warehouse_bytes": size,
        "staging_bytes": staging,
        "steps": steps,
        "log": str(log_path),
        "warehouse": str(warehouse),
    }
    t_ok = _target_applies(ctx, "ingest_wall_s")
    m_ok = _target_applies(ctx, "ingest_peak_rss_bytes")
    rows = [
        Row(
            "ingest",
            "ingest_wall_s",
            "Ingest end to end (process start → published)",
            round(wall, 1),
            "s",
            f"< {TARGETS['ingest_wall_s']:.0f} s" + ("" if t_ok else " (national)"),
            wall < TARGETS["ingest_wall_s"] if t_ok else None,
        ),
        Row("ingest", "ingest_build_s", "  of which build() (Dagster run)", round(child["build_s"], 1), "s"),
        Row("ingest", "ingest_startup_s", "  of which imports and definitions", round(child["startup_s"], 1), "s"),
        Row("ingest", "ingest_workbooks_per_s", "Workbooks per second", round(books / wall, 1), "wb/s"),
        Row("ingest", "ingest_rows_per_s", "Data rows per second", round(rows_read / wall), "rows/s"),
        Row("ingest", "ingest_rows_read", "Data rows read (load_log)", rows_read),
        Row(
            "ingest",
            "ingest_peak_rss_bytes",
            "Peak memory (RSS of the build process)",
            peak,
            "bytes",
            "< 2 GiB" + ("" if m_ok else " (national)"),
            peak < TARGETS["ingest_peak_rss_bytes"] if m_ok else None,
        ),
        Row("ingest", "ingest_warehouse_bytes", "Warehouse size (published file)", size, "bytes"),
        Row(
            "ingest",
            "ingest_oversized_refused",
            f"Hostile workbook in the set ({OVERSIZED_ROWS:,} rows, {oversized.stat().st_size / 1024**2:.1f} MiB): "
            "refused as too large",
            "yes" if figures["oversized_refused"] else "no",
            target="refused, peak memory < 2 GiB",
            met=bool(figures["oversized_refused"]) and peak < TARGETS["ingest_peak_rss_bytes"],
        ),
    ]
    for name, step in sorted(steps.items(), key=lambda kv: kv[1]["start"]):
        rows.append(Row("ingest", f"step_{name}_s", f"  step {name}", round(step["seconds"], 2), "s"))
    notes = []
    if not child["success"]:
        notes.append("The Dagster run did not succeed: see " + str(log_path))
    return SectionResult(figures, rows, notes)


def _ingest_child(raw: str, warehouse: str, report: str) -> int:
    """Run in a child process: build everything into a fresh warehouse, report what it took."""
    started = time.perf_counter()
    import dagster as dg
    import duckdb

    from pipelines.build import build

    instance = dg.DagsterInstance.ephemeral()  # the child process exits after the run
    startup = time.perf_counter() - started
    t0 = time.perf_counter()
    result = build(raw_root=Path(raw), warehouse_path=Path(warehouse), instance=instance)
    build_s = time.perf_counter() - t0
    steps: dict[str, dict] = {}
    for entry in instance.all_logs(result.run_id):
        event = entry.dagster_event
        if event is None or entry.step_key is None:
            continue
        if event.event_type == dg.DagsterEventType.STEP_START:
            steps.setdefault(entry.step_key, {})["start"] = entry.timestamp
        elif event.event_type in (dg.DagsterEventType.STEP_SUCCESS, dg.DagsterEventType.STEP_FAILURE):
            steps.setdefault(entry.step_key, {})["end"] = entry.timestamp
            steps[entry.step_key]["ok"] = event.event_type == dg.DagsterEventType.STEP_SUCCESS
    for step in steps.values():
        step["seconds"] = step.get("end", 0) - step.get("start", 0)
    out = {"build_s": build_s, "startup_s": startup, "success": result.success, "checks_failed": result.checks_failed}
    staging = Path(warehouse).with_name(Path(warehouse).stem + ".staging.duckdb")
    out["staging_bytes"] = staging.stat().st_size if staging.exists() else None
    conn = duckdb.connect(warehouse, read_only=True)
    try:
        run = [result.run_id]
        books, rows_read, loaded, rejected = conn.execute(
            "SELECT count(DISTINCT file), sum(rows_read), sum(rows_loaded), sum(rows_rejected)"
            " FROM load_log WHERE run_id = ?",
            run,
        ).fetchone()
        out["workbooks"] = int(books or 0)
        out["rows_read"] = int(rows_read or 0)
        out["rows_loaded"] = int(loaded or 0)
        out["rows_rejected"] = int(rejected or 0)
        out["issues"] = dict(conn.execute("SELECT severity, count(*) FROM validation_issues GROUP BY 1").fetchall())
        out["too_large"] = [
            r[0]
            for r in conn.execute(
                "SELECT DISTINCT file FROM validation_issues WHERE rule = 'file_too_large' ORDER BY 1"
            ).fetchall()
        ]
        out["table_rows"] = json.loads(conn.execute("SELECT table_rows FROM warehouse_meta").fetchone()[0])
    finally:
        conn.close()
    out["steps"] = steps
    out["peak_rss_bytes"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    Path(report).write_text(json.dumps(out, indent=2))
    return 0 if result.success else 1


# --- parse + validate: pipeline against naive ----------------------------------------------------


def pipeline_parse_validate(refs: list) -> dict:
    """What the loading assets do before they touch DuckDB, in-process (no Dagster, no DuckDB):
    each reference family through ``read_family``, the yearly and term workbooks through one
    ``read_families`` pass for every periodic family (as the ``workbooks`` asset reads them), then
    ``pipelines.loading.prepare`` (the family's transform and its model) for every family, in
    registry order, each reference table built from the valid rows for the families that look it up."""
    import polars as pl

    from pipelines.families import FAMILIES, periodic_families, reference_families
    from pipelines.loading import prepare
    from pipelines.reading import read_families, read_family
    from pipelines.tables import warehouse_tables
    from pipelines.warehouse import conform
    from schemas.base import polars_schema

    out: dict = {"families": {}, "read_s": 0.0, "validate_s": 0.0}
    tables: dict[str, pl.DataFrame] = {
        name: pl.DataFrame(schema=polars_schema(model)) for name, model in warehouse_tables().items()
    }

    def check(family, raw) -> None:
        t0 = time.perf_counter()
        prepared = prepare(family, raw, {name: tables[name] for name in family.reads})
        seconds = time.perf_counter() - t0
        validated = prepared.validated
        out["validate_s"] += seconds
        out["families"].setdefault(family.name, {}).update(
            {
                "validate_s": seconds,
                "workbooks": len(raw.refs_loaded),
                "rows": raw.rows.height,
                "valid": validated.valid.height if validated else 0,
                "errors": validated.rejected.height if validated else 0,
                "issues": (validated.issues.height if validated else 0) + raw.issues.height,
            }
        )
        if family.reference and validated is not None:
            (table,) = family.tables
            tables[table.name] = conform(validated.valid, table.name)

    def read(name: str, fn: Callable):
        t0 = time.perf_counter()
        result = fn()
        seconds = time.perf_counter() - t0
        out["read_s"] += seconds
        out["families"].setdefault(name, {})["read_s"] = seconds
        return result

    for family in reference_families():
        mine = [r for r in refs if family.sheet_for(r.kind) is not None]
        check(family, read(family.name, lambda mine=mine, family=family: read_family(mine, family)))
    books = [r for r in refs if r.kind in ("year", "term")]
    periodic = periodic_families()
    raws = read(f"workbooks ({len(periodic)} sheet families, one pass)", lambda: read_families(books, periodic))
    for family in periodic:
        check(family, raws[family.name])
    assert set(out["families"]) >= set(FAMILIES)
    fams = [f for f in out["families"].values() if "rows" in f]
    out["rows"] = sum(f["rows"] for f in fams)
    out["valid"] = sum(f["valid"] for f in fams)
    out["errors"] = sum(f["errors"] for f in fams)
    return out


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the pipeline's reading workers)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _timed(fn: Callable[[], object]) -> tuple[object, float, float]:
    wall, cpu = time.perf_counter(), _cpu()
    result = fn()
    return result, time.perf_counter() - wall, _cpu() - cpu


def choose_sample(refs: list, size: int, seed: int = SAMPLE_SEED) -> tuple[list, bool]:
    """The catalog, every unit list, and up to ``size`` yearly/term workbooks drawn at random."""
    books = [r for r in refs if r.kind in ("year", "term")]
    sampled = len(books) > size
    if sampled:
        books = random.Random(seed).sample(books, size)
    chosen = {r.relpath for r in books}
    return [r for r in refs if r.kind in ("catalog", "localities") or r.relpath in chosen], sampled


def section_parse_validate(ctx: Context) -> SectionResult:
    from benchmarks import naive
    from pipelines.discovery import discover
    from pipelines.reading import PARALLEL_MIN_FILES, workers

    root = ctx.artifacts["raw_root"]
    refs = discover(root).refs
    sample, sampled = choose_sample(refs, ctx.artifacts.get("naive_sample", NAIVE_SAMPLE))
    rels = [r.relpath for r in sample]
    n_books = sum(1 for r in sample if r.kind in ("year", "term"))
    for r in sample:  # both sides start from a warm page cache
        r.path.read_bytes()
    # Warm-up on a few files (imports, regex and schema caches), not timed.
    warm = [r for r in sample if r.kind in ("catalog", "localities")][:2] + [r for r in sample if r.kind == "year"][:1]
    pipeline_parse_validate(warm)
    naive.load(root, [r.relpath for r in warm])

    ctx.log(f"  pipeline: {len(sample)} workbooks ({n_books} yearly/term)")
    first, w1, c1 = _timed(lambda: pipeline_parse_validate(sample))
    ctx.log(f"    {w1:.1f} s; naive (pandas + openpyxl) …")
    slow, w_naive, c_naive = _timed(lambda: naive.load(root, rels))
    ctx.log(f"    {w_naive:.1f} s; pipeline again …")
    _, w2, c2 = _timed(lambda: pipeline_parse_validate(sample))
    # The pipeline runs before and after the naive load; their mean cancels a drift in machine load.
    w_pipe, c_pipe = (w1 + w2) / 2, (c1 + c2) / 2
    speedup = w_naive / w_pipe
    figures = {
        "workbooks": len(sample),
        "yearly_term_workbooks": n_books,
        "sampled": sampled,
        "pipeline_reading_processes": workers(),
        "sample_seed": SAMPLE_SEED if sampled else None,
        "pipeline_wall_s": [round(w1, 3), round(w2, 3)],
        "pipeline_cpu_s": [round(c1, 3), round(c2, 3)],
        "naive_wall_s": round(w_naive, 3),
        "naive_cpu_s": round(c_naive, 3),
        "speedup_wall": round(speedup, 2),
        "speedup_cpu": round(c_naive / c_pipe, 2),
        "pipeline": {
            "rows": first["rows"],
            "valid": first["valid"],
            "rejected": first["errors"],
            "read_s": round(first["read_s"], 3),
            "validate_s": round(first["validate_s"], 3),
            "families": {
                k: {kk: (round(vv, 3) if isinstance(vv, float) else vv) for kk, vv in v.items()}
                for k, v in first["families"].items()
            },
        },
        "naive": {
            "rows": slow.rows,
            "valid": sum(slow.valid.values()),
            "rejected": slow.rows - sum(slow.valid.values()),
            "issues": len(slow.issues),
            "sheets": slow.sheets,
            "valid_by_table": slow.valid,
        },
    }
    scope = f"a sample of {n_books} workbooks" if sampled else f"all {n_books} workbooks"
    extra_rows = []
    if sampled:
        # The naive load of the whole set, extrapolated: reference files as timed, the yearly and
        # term workbooks pro rata (it reads one file after another, so it scales linearly).
        total_books = sum(1 for r in refs if r.kind in ("year", "term"))
        naive_est = slow.seconds_reference + (w_naive - slow.seconds_reference) * total_books / n_books
        figures["naive_whole_set_estimate_s"] = round(naive_est, 1)
        extra_rows = [
            Row(
                "parse_validate",
                "pv_naive_whole_est_s",
                "Naive, whole set (extrapolated; compare the ingest)",
                round(naive_est),
                "s",
            )
        ]
    rows = [
        Row(
            "parse_validate", "pv_workbooks", "Workbooks compared", len(sample), note=scope + " + catalog + unit lists"
        ),
        Row(
            "parse_validate",
            "pv_pipeline_s",
            "Pipeline parse + validate (Polars/calamine/Pandera)",
            round(w_pipe, 2),
            "s",
            note=f"{workers()} reading processes for {PARALLEL_MIN_FILES}+ workbooks",
        ),
        Row("parse_validate", "pv_pipeline_read_s", "  of which reading workbooks", round(first["read_s"], 2), "s"),
        Row("parse_validate", "pv_naive_s", "Naive parse + validate (pandas + openpyxl)", round(w_naive, 2), "s"),
        Row(
            "parse_validate",
            "parse_validate_speedup",
            "Speed-up, pipeline vs naive (wall)",
            math.floor(speedup * 10) / 10,  # rounded down: 9,96× must not print as 10,0×
            "×",
            f"≥ {TARGETS['parse_validate_speedup']:.0f}×",
            speedup >= TARGETS["parse_validate_speedup"],
        ),
        Row("parse_validate", "pv_speedup_cpu", "Speed-up (CPU time)", round(c_naive / c_pipe, 1), "×"),
        *extra_rows,
        Row("parse_validate", "pv_rows", "Rows: pipeline / naive", f"{first['rows']} / {slow.rows}"),
        Row(
            "parse_validate",
            "pv_rejected",
            "Rows rejected: pipeline / naive",
            f"{first['errors']} / {slow.rows - sum(slow.valid.values())}",
        ),
    ]
    notes = [f"Parse + validate compared on {scope} (the catalog and all unit lists included), same files both sides."]
    return SectionResult(figures, rows, notes)


# --- one year of one locality ------------------------------------------------------------------


def _sample_warehouse(ctx: Context) -> Path:
    """The embedded An Khê sample, built once per run (in-process, like `chitieu build`)."""
    if "sample_warehouse" not in ctx.artifacts:
        from pipelines.build import build

        out = ctx.workdir / "warehouse" / "sample" / "chitieu.duckdb"
        shutil.rmtree(out.parent, ignore_errors=True)
        result = build(raw_root=ROOT / "data" / "raw", warehouse_path=out)
        if not result.success:
            raise RuntimeError("building the sample warehouse failed")
        ctx.artifacts["sample_warehouse"] = out
    return ctx.artifacts["sample_warehouse"]


_OUTPUT_EVENTS = {"STEP_OUTPUT", "ASSET_MATERIALIZATION", "ASSET_CHECK_EVALUATION"}


def _step_seconds(instance, run_id: str) -> tuple[dict[str, float], dict[str, float]]:
    """Per step: (the asset's own work, the whole step). Every asset does its work before it yields
    its first result, so its work is STEP_START → its first output event; the rest of the step is
    Dagster recording the results (materializations, check evaluations) in its event log."""
    starts: dict[str, float] = {}
    work: dict[str, float] = {}
    steps: dict[str, float] = {}
    for record in instance.get_records_for_run(run_id).records:
        event = record.event_log_entry
        if event.dagster_event is None:
            continue
        kind, key = event.dagster_event.event_type_value, event.step_key
        if kind == "STEP_START":
            starts[key] = event.timestamp
        elif kind in _OUTPUT_EVENTS and key in starts and key not in work:
            work[key] = event.timestamp - starts[key]
        elif kind in ("STEP_SUCCESS", "STEP_FAILURE") and key in starts:
            steps[key] = event.timestamp - starts[key]
    return work, steps


def section_year_reload(ctx: Context) -> SectionResult:
    """Re-running one year of one locality (An Khê 2023) after the sample is loaded, the way
    `chitieu build --year 2023 --locality an-khe` does (a Dagster instance on disk): the assets'
    own work (read, parse, validate, write, marts, publish) apart from Dagster's start-up and its
    bookkeeping."""
    import tempfile

    import dagster as dg

    from pipelines.build import build

    warehouse = _sample_warehouse(ctx)
    runs = []
    with tempfile.TemporaryDirectory(prefix="chitieu-dagster-") as home:
        for _ in range(ctx.repeats(5)):
            with dg.DagsterInstance.local_temp(home, overrides={"telemetry": {"enabled": False}}) as instance:
                started = time.perf_counter()
                result = build(
                    period="2023",
                    locality="an-khe",
                    raw_root=ROOT / "data" / "raw",
                    warehouse_path=warehouse,
                    instance=instance,
                )
                wall = time.perf_counter() - started
                if not result.success:
                    raise RuntimeError("re-running 2023 failed")
                work, steps = _step_seconds(instance, result.run_id)
            runs.append((sum(work.values()), sum(steps.values()), wall, work))
    work, step_total, wall, per_step = sorted(runs, key=lambda r: r[0])[len(runs) // 2]  # the median run
    figures = {
        "pipeline_work_s": round(work, 3),
        "steps_s": round(step_total, 3),
        "run_wall_s": round(wall, 3),
        "steps": {k: round(v, 3) for k, v in per_step.items()},
    }
    rows = [
        Row(
            "year_reload",
            "year_reload_work_s",
            "One year of one locality: the assets' own work (read, validate, write, marts, publish)",
            round(work, 2),
            "s",
            target="< 1 s",
            met=work < 1.0,
        ),
        *[
            Row("year_reload", f"year_reload_step_{k}", f"  {k}", round(v, 3), "s")
            for k, v in sorted(per_step.items(), key=lambda kv: -kv[1])
        ],
        Row(
            "year_reload",
            "year_reload_steps_s",
            "  the steps with Dagster recording their results",
            round(step_total, 2),
            "s",
        ),
        Row("year_reload", "year_reload_wall_s", "  the whole run, Dagster's start-up included", round(wall, 2), "s"),
    ]
    return SectionResult(
        figures,
        rows,
        [
            "One year: `build(period='2023', locality='an-khe')` on the loaded sample with a Dagster instance "
            "on disk, median of 5."
        ],
    )


# --- submission ----------------------------------------------------------------------------------


def section_submission(ctx: Context) -> SectionResult:
    """'Nộp số liệu' through the page, in a new process: upload → the checked result on the page,
    and 'Nộp' → the figures on the overview (``benchmarks.submission``)."""
    from benchmarks.submission import measure

    figures = measure(ctx.workdir / "submission")
    first, later = figures["rounds"][0], figures["rounds"][1:]
    rows = [
        Row(
            "submission",
            "submit_check_s",
            "Nộp số liệu: upload → checked result on the page (median of 3; first)",
            f"{figures['check_s_median']:.2f} ({first['check_s']:.2f})",
            "s",
            target="< 3 s",
            met=figures["check_s_median"] < 3.0,
        ),
        Row(
            "submission",
            "submit_to_overview_s",
            "Nộp → the figures on the overview (median of 3; first)",
            f"{figures['submit_to_overview_s_median']:.2f} ({first['submit_to_overview_s']:.2f})",
            "s",
            target="< 3 s",
            met=figures["submit_to_overview_s_median"] < 3.0,
        ),
        Row("submission", "submit_warm_up_s", "  Dagster warmed while the page is open", figures["warm_up_s"], "s"),
        *[
            Row(
                "submission",
                f"submit_round_{i}",
                f"  round {i + 1}: check / Nộp / overview",
                f"{r['check_s']:.2f} / {r['submit_s']:.2f} / {r['overview_after_s']:.2f}",
                "s",
            )
            for i, r in enumerate([first, *later])
        ],
    ]
    return SectionResult(
        figures,
        rows,
        [
            "Submission: a new process, a clerk signed in (AppTest); the page warms Dagster while it is open; "
            "three rounds, each changing An Khê's 2023 poverty rate."
        ],
    )


# --- dashboard -----------------------------------------------------------------------------------


def section_dashboard(ctx: Context) -> SectionResult:
    """Every page's server-side render time (AppTest): its first run in a new server, its first run
    after a publish (the query cache empty), and the median of three cached re-runs, on the sample warehouse and on the ingested national one."""
    import logging

    from dashboards.perf import measure_pages

    # AppTest runs pages without a server; Streamlit says so for every page ("No runtime found").
    for name in ("streamlit", "streamlit.runtime"):
        logging.getLogger(name).setLevel(logging.ERROR)
    targets = {"sample": 0.5, "national": 1.5}
    warehouses = {"sample": (_sample_warehouse(ctx), {"year": "2023"})}
    if "warehouse" in ctx.artifacts:
        warehouses[ctx.scale.name if ctx.scale.name != "sample" else "generated"] = (ctx.artifacts["warehouse"], {})
    figures: dict = {}
    rows: list[Row] = []
    for name, (path, query) in warehouses.items():
        pages = measure_pages(path, repeats=ctx.repeats(3), query=query)
        figures[name] = pages
        limit = targets.get(name, 1.5)
        for page in pages:
            rows.append(
                Row(
                    "dashboard",
                    f"page_{name}_{page['page']}",
                    f"Page {page['page']} ({name}): cached / after a publish / new server",
                    f"{page['warm_s']:.2f} / {page['cold_s']:.2f} / {page['first_s']:.2f}",
                    "s",
                    target=f"< {limit} s",
                    met=page["warm_s"] < limit and page["exceptions"] == 0,
                )
            )
    notes = [
        "Page times: median of three cached re-runs / the first run after a publish (the query cache empty) / "
        "the first run in a server just started (the page's code loaded too)."
    ]
    return SectionResult(figures, rows, notes)


# --- many units -------------------------------------------------------------------------------


def section_units(ctx: Context) -> SectionResult:
    """The compare page of the new province with the most communes (after the 2025 reform), and the
    drill-down to one of its communes' overview, on the ingested warehouse: cached and after a publish."""
    import logging

    from dashboards.perf import measure_view

    for name in ("streamlit", "streamlit.runtime"):
        logging.getLogger(name).setLevel(logging.ERROR)
    counts = ctx.artifacts.get("counts") or {}
    province = counts.get("largest_new_province")
    if "warehouse" not in ctx.artifacts or not province or not ctx.scale.reform_years:
        return SectionResult({}, [], ["No reform in this scale's set, or no ingested warehouse: nothing measured."])
    year = str(ctx.scale.reform_years[-1])
    views = {
        "compare": ("pages/compare.py", {"locality": province, "year": year}),
        "drill_down": ("pages/overview.py", {"locality": f"{province}-x001", "year": year}),
    }
    limit = 1.5
    figures: dict = {"province": province, "communes": counts.get("largest_new_province_communes"), "year": year}
    rows: list[Row] = []
    for name, (page, query) in views.items():
        result = measure_view(ctx.artifacts["warehouse"], page, query, repeats=3)
        figures[name] = result
        rows.append(
            Row(
                "units",
                f"units_{name}",
                f"{'Compare page' if name == 'compare' else 'Drill-down (a commune overview)'} of {province} "
                f"({figures['communes']} communes, {year}): cached / after a publish / new server",
                f"{result['warm_s']:.2f} / {result['cold_s']:.2f} / {result['first_s']:.2f}",
                "s",
                target=f"< {limit} s",
                met=result["warm_s"] < limit and result["cold_s"] < limit and result["exceptions"] == 0,
            )
        )
    notes = [
        "Target (issue 14): under 1,5 s server-side for a province with ~150 communes, cached and after a publish."
    ]
    return SectionResult(figures, rows, notes)


# --- report pack -------------------------------------------------------------------------------


def section_report_pack(ctx: Context) -> SectionResult:
    """Report packs as staff build them: the sample's 2020–2025 term pack, and on the generated
    warehouse the first district's latest year, each from a cold start of the browser."""
    import duckdb

    from analysis.reports.pack import build_pack

    packs = [("sample", _sample_warehouse(ctx), "an-khe", "2020-2025")]
    # At the tiny scale (the benchmark's own test) the sample's pack shows the section works.
    if "warehouse" in ctx.artifacts and ctx.scale.name != "tiny":
        conn = duckdb.connect(str(ctx.artifacts["warehouse"]), read_only=True)
        try:
            locality, year = conn.sql(
                "SELECT locality_code, max(period) FROM mart_target_vs_actual WHERE period_kind = 'year' "
                "GROUP BY locality_code ORDER BY locality_code LIMIT 1"
            ).fetchall()[0]
        finally:
            conn.close()
        packs.append((ctx.scale.name, ctx.artifacts["warehouse"], locality, year))
    figures: dict = {}
    rows: list[Row] = []
    for name, warehouse, locality, period in packs:
        out = ctx.workdir / "exports" / f"{name}-{locality}-{period}"
        shutil.rmtree(out, ignore_errors=True)
        started = time.perf_counter()
        result = build_pack(warehouse, locality, period, out)
        wall = time.perf_counter() - started
        figures[name] = {**result.summary(), "wall_s": round(wall, 2)}
        met = wall < 30.0 if result.charts >= 20 else None
        rows.append(
            Row(
                "report_pack",
                f"pack_{name}_s",
                f"Report pack {locality} {period} ({result.charts} charts)",
                round(wall, 1),
                "s",
                target="< 30 s (20+ charts)" if result.charts >= 20 else "",
                met=met,
            )
        )
        phases = ", ".join(f"{k} {v:.1f}" for k, v in result.timings.items())
        rows.append(Row("report_pack", f"pack_{name}_phases", "  phases (s)", phases))
    return SectionResult(
        figures, rows, ["Report packs: DOCX, XLSX, ZIP of PNG+SVG+PDF charts and PPTX, browser start included."]
    )


SECTIONS: list[Section] = [
    Section("generation", "Synthetic data set", section_generation),
    Section("ingest", "Ingest: build() through Dagster into a fresh warehouse", section_ingest),
    Section("parse_validate", "Parse + validate: pipeline vs naive pandas + openpyxl", section_parse_validate),
    Section("year_reload", "One year of one locality, re-run", section_year_reload),
    Section("submission", "Nộp số liệu: upload → checked, Nộp → overview", section_submission),
    Section("dashboard", "Dashboard pages (server-side render, AppTest)", section_dashboard),
    Section("units", "Many units: compare page and drill-down after the 2025 reform", section_units),
    Section("report_pack", "Report packs (DOCX, XLSX, ZIP, PPTX)", section_report_pack),
]


# --- machine, output -----------------------------------------------------------------------------

PACKAGES = ("dagster", "polars", "fastexcel", "pandera", "duckdb", "pandas", "openpyxl", "xlsxwriter", "pyarrow")


def machine_info() -> dict:
    """What the figures were measured on; a probe this system lacks leaves its figure unknown (None)."""
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    ram = None
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = int(line.split()[1]) * 1024
    limit = None
    with contextlib.suppress(OSError, ValueError):
        text = Path("/sys/fs/cgroup/memory.max").read_text().strip()
        limit = None if text == "max" else int(text)
    versions = {}
    for pkg in PACKAGES:
        try:
            versions[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            versions[pkg] = None
    commit = dirty = None
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=10
        ).stdout.strip()
        dirty = bool(
            subprocess.run(
                ["git", "status", "--porcelain", "--untracked-files=no"],
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=10,
            ).stdout.strip()
        )
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "cpu_model": cpu,
        "cpu_count": os.cpu_count(),
        "cpus_usable": usable,
        "ram_bytes": ram,
        "memory_limit_bytes": limit,
        "load_average": [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None,
        "os": platform.platform(),
        "python": platform.python_version(),
        "packages": versions,
        "git_commit": commit,
        "git_dirty": dirty,
        "env": {k: os.environ.get(k) for k in ("PYTHONDONTWRITEBYTECODE", "CHITIEU_WORKERS", "POLARS_MAX_THREADS")},
    }


def _fmt(value, unit: str = "") -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    if unit == "bytes":
        for name, size in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
            if abs(value) >= size:
                return f"{value / size:.2f} {name}"
        return f"{value} B"
    if isinstance(value, float):
        text = f"{value:,.2f}" if abs(value) < 100 else f"{value:,.1f}" if abs(value) < 10_000 else f"{value:,.0f}"
    else:
        text = f"{value:,}"
    return f"{text} {unit}".strip()


def _change(value, previous) -> str:
    if not isinstance(value, (int, float)) or not isinstance(previous, (int, float)) or previous == 0:
        return ""
    return f"{(value - previous) / abs(previous) * 100:+.0f}%"


def table_rows(rows: list[dict], previous: dict[str, dict]) -> list[list[str]]:
    out = []
    for r in rows:
        prev = previous.get(r["key"], {}).get("value")
        met = {True: "yes", False: "**NO**", None: ""}[r["met"]]
        out.append(
            [
                r["label"] + (f" ({r['note']})" if r.get("note") else ""),
                _fmt(r["value"], r["unit"]),
                r["target"],
                met,
                _fmt(prev, r["unit"]) if r["key"] in previous else "",
                _change(r["value"], prev),
            ]
        )
    return out


HEADER = ["Measure", "Value", "Target", "Met", "Last run", "Change"]


def markdown(report: dict, previous_report: dict | None) -> str:
    m = report["machine"]
    prev = {r["key"]: r for r in (previous_report or {}).get("table", [])}
    lines = [
        f"# chitieu benchmark: {report['scale']} scale",
        "",
        f"- Run: {report['started_at']} → {report['finished_at']} ({report['seconds']:.0f} s), "
        f"commit {m.get('git_commit')}{' (uncommitted changes)' if m.get('git_dirty') else ''}",
        f"- Machine: {m['cpu_model']}, {m['cpus_usable']} of {m['cpu_count']} CPUs, "
        f"{_fmt(m['ram_bytes'], 'bytes')} RAM, {m['os']}, Python {m['python']}; load average "
        f"{m.get('load_average')} at start, {m.get('load_average_end')} at end",
        "- Packages: " + ", ".join(f"{k} {v}" for k, v in m["packages"].items() if v),
    ]
    if previous_report:
        lines.append(f"- Last run compared: {previous_report.get('started_at')} ({previous_report.get('scale')} scale)")
    lines += ["", "| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    for cells in table_rows(report["table"], prev):
        lines.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    notes = [n for s in report["sections"].values() for n in s.get("notes", [])]
    errors = report.get("errors") or {}
    if notes or errors:
        lines.append("")
    lines += [f"- {n}" for n in notes]
    lines += [f"- Section **{k}** failed: {v.strip().splitlines()[-1]}" for k, v in errors.items()]
    return "\n".join(lines) + "\n"


def print_table(report: dict, previous_report: dict | None) -> None:
    prev = {r["key"]: r for r in (previous_report or {}).get("table", [])}
    body = table_rows(report["table"], prev)
    widths = [max(len(HEADER[i]), *(len(r[i]) for r in body)) if body else len(HEADER[i]) for i in range(len(HEADER))]
    line = "  ".join(h.ljust(w) for h, w in zip(HEADER, widths, strict=True))
    print()
    print(line)
    print("-" * len(line))
    for r in body:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
    print()


def run_bench(args: argparse.Namespace) -> int:
    """Run every section at ``args.scale``, write ``args.out`` (JSON) and its .md; 0 when all ran."""
    scale = SCALES[args.scale]
    out = Path(args.out).resolve()
    workdir = Path(getattr(args, "workdir", None) or OUT).resolve()
    ctx = Context(scale=scale, out=out, workdir=workdir)
    if getattr(args, "naive_sample", None):
        ctx.artifacts["naive_sample"] = args.naive_sample
    previous = None
    if out.exists():
        try:
            previous = json.loads(out.read_text(encoding="utf-8"))
        except ValueError:
            previous = None
    started_at = datetime.now(UTC)
    t0 = time.perf_counter()
    machine = machine_info()
    print(
        f"chitieu bench: {scale.name} scale ({scale.districts} districts, ~{scale.communes} communes, "
        f"{len(scale.years)} years + {len(scale.terms)} terms) on {machine['cpu_model']}, {machine['cpus_usable']} CPUs"
    )
    errors: dict[str, str] = {}
    wanted = getattr(args, "sections", None)
    with _environment(_bytecode_cache(dict(os.environ))):
        for section in SECTIONS:
            if wanted and section.name not in wanted and section.name != "generation":
                continue  # the generated set is what every other section reads
            print(f"\n== {section.title}", flush=True)
            s0 = time.perf_counter()
            try:
                ctx.results[section.name] = section.run(ctx)
            except Exception:
                errors[section.name] = traceback.format_exc()
                print(errors[section.name], file=sys.stderr)
                continue
            for row in ctx.results[section.name].rows:
                print(f"  {row.label.strip()}: {_fmt(row.value, row.unit)}")
            print(f"  ({time.perf_counter() - s0:.1f} s)", flush=True)
    report = {
        "benchmark": "chitieu",
        "format": FORMAT_VERSION,
        "scale": scale.name,
        "scale_params": {
            "provinces": scale.provinces,
            "districts": scale.districts,
            "communes": scale.communes,
            "years": list(scale.years),
            "terms": list(scale.terms),
        },
        "started_at": started_at.isoformat(timespec="seconds"),
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": round(time.perf_counter() - t0, 1),
        "machine": machine,
        "targets": TARGETS,
        "sections": {name: {"figures": res.figures, "notes": res.notes} for name, res in ctx.results.items()},
        "table": [row.as_dict() for res in ctx.results.values() for row in res.rows],
        "errors": errors,
    }
    report["targets_met"] = {r["key"]: r["met"] for r in report["table"] if r["met"] is not None}
    if hasattr(os, "getloadavg"):
        machine["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
    md = out.with_suffix(".md")
    md.write_text(markdown(report, previous), encoding="utf-8")
    print_table(report, previous)
    missed = [k for k, v in report["targets_met"].items() if v is False]
    print(f"Targets missed: {', '.join(missed)}" if missed else "All targets that apply at this scale were met.")
    print(f"Written: {out} and {md}")
    return 1 if errors else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench")
    parser.add_argument("--ingest-child", nargs=3, metavar=("RAW", "WAREHOUSE", "REPORT"), help=argparse.SUPPRESS)
    parser.add_argument("--scale", default="small", choices=sorted(SCALES))
    parser.add_argument("--out", default=None)
    parser.add_argument("--workdir", default=None, help="Where data sets and warehouses go (default benchmarks/out).")
    parser.add_argument("--naive-sample", type=int, default=None, help=f"Workbooks compared (default {NAIVE_SAMPLE}).")
    parser.add_argument("--sections", nargs="*", choices=[s.name for s in SECTIONS], default=None)
    args = parser.parse_args(argv)
    if args.ingest_child:
        return _ingest_child(*args.ingest_child)
    args.out = args.out or str(OUT / f"{args.scale}.json")
    return run_bench(args)


if __name__ == "__main__":
    raise SystemExit(main())
