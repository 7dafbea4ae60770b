"""The layers import only downward, and nothing but the dashboard imports Streamlit.

Every ``.py`` file of schemas/, analysis/, dashboards/, pipelines/ and chitieu/ is parsed with
``ast``; every ``import x``, ``from x import y`` (relative ones resolved) and ``import_module("x")``
with a literal name counts, at module level or inside a function. A package may always import
itself. The rules (house style: schemas → analysis → front-ends, composition at the top):

- ``schemas`` imports no other package of the project;
- ``analysis`` imports only ``schemas``;
- ``dashboards`` imports only ``analysis`` and ``schemas``. Exemption: ``dashboards/app.py``, the
  Streamlit entry point, also reads ``chitieu.settings`` (the configuration, as the CLI does) and
  ``chitieu.dashboard`` (the services composed for it: submissions, approvals, users), and nothing
  else of ``chitieu``;
- ``pipelines`` imports only ``schemas``. Exemption: ``pipelines/assets/exports.py``, the
  ``report_pack`` asset, also imports ``analysis`` (the report pack);
- ``chitieu`` is the top (command line, settings, code location): it may import every package;
- ``streamlit`` is imported only under dashboards/ (``dashboards/perf.py``, which times pages with
  Streamlit's AppTest, is inside it, so needs no exemption).

Not scanned: tests/ (AppTest drives the dashboard through Streamlit, this file names it in its
fixtures), benchmarks/ and tools/ (callers at the top, like chitieu: the benchmark times
``dashboards.perf``). What no static check sees — a module loaded by a computed name, e.g. a
report writer given as 'module:function' — the subprocess test below checks at run time: building
a pack through the Dagster asset leaves ``streamlit`` out of ``sys.modules``.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PROJECT = {"schemas", "analysis", "dashboards", "pipelines", "chitieu", "benchmarks", "tools", "tests"}
# Package → the other project packages it may import.
ALLOWED = {
    "schemas": set(),
    "analysis": {"schemas"},
    "dashboards": {"analysis", "schemas"},
    "pipelines": {"schemas"},
    "chitieu": PROJECT - {"chitieu", "tests"},
}
# File → the modules (and their submodules and names) it may import beyond its package's rule.
EXEMPT = {
    "dashboards/app.py": {"chitieu.settings", "chitieu.dashboard"},
    "pipelines/assets/exports.py": {"analysis"},
}
STREAMLIT_HOME = "dashboards"


def imports(source: str, module: str, is_package: bool = False) -> Iterator[tuple[int, str]]:
    """(line, dotted name) of every import in ``source``; ``from a import b`` gives 'a.b'."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                # 'from . import x' in a.b.c (a module) is a.b.x; in a package's __init__ it is a.b.c.x.
                parts = module.split(".") if is_package else module.split(".")[:-1]
                parts = parts[: len(parts) - (node.level - 1)]
                base = ".".join([*parts, base] if base else parts)
            for alias in node.names:
                yield node.lineno, base if alias.name == "*" else f"{base}.{alias.name}"
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if name in ("import_module", "__import__") and node.args:
                arg = node.args[0]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and not arg.value.startswith("."):
                    yield node.lineno, arg.value


def violations(rel_path: str, source: str) -> list[str]:
    """Every import in the file at ``rel_path`` (from the repository root) that breaks a rule."""
    path = Path(rel_path)
    parts = path.with_suffix("").parts
    package, is_package = parts[0], path.name == "__init__.py"
    module = ".".join(parts[:-1] if is_package else parts)
    allowed = ALLOWED[package] | {package}
    exempt = EXEMPT.get(rel_path, set())
    found = []
    for line, name in imports(source, module, is_package):
        top = name.split(".")[0]
        if top == "streamlit" and package != STREAMLIT_HOME:
            found.append(f"{rel_path}:{line} imports {name}: only dashboards/ imports Streamlit")
        elif top in PROJECT and top not in allowed and not any(name == e or name.startswith(e + ".") for e in exempt):
            found.append(f"{rel_path}:{line} imports {name}: {package} may import only {sorted(allowed - {package})}")
    return found


def test_every_layer_imports_only_what_it_may():
    files = sorted(p for package in ALLOWED for p in (REPO / package).rglob("*.py"))
    assert len(files) > 60 and any(f.parts[-2:] == ("assets", "exports.py") for f in files)
    found = [v for f in files for v in violations(f.relative_to(REPO).as_posix(), f.read_text(encoding="utf-8"))]
    assert found == []


@pytest.mark.parametrize(
    ("rel_path", "source", "broken"),
    [
        ("analysis/queries.py", "import duckdb\nimport polars as pl\nfrom schemas.vocab import FAMILY\n", False),
        ("analysis/queries.py", "def cached():\n    import streamlit as st\n    return st\n", True),
        ("analysis/charts.py", "from streamlit.runtime import caching\n", True),
        ("analysis/charts.py", "import importlib\nimportlib.import_module('streamlit')\n", True),
        ("analysis/reports/pack.py", "from dashboards import ui\n", True),
        ("analysis/reports/pack.py", "from .. import queries\nfrom . import render\n", False),
        ("analysis/reports/pack.py", "from ...dashboards import data\n", True),
        ("analysis/tables.py", "import pipelines.warehouse\n", True),
        ("schemas/vocab.py", "from analysis.format import number\n", True),
        ("schemas/__init__.py", "from .vocab import FAMILY\n", False),
        ("dashboards/ui.py", "import streamlit as st\nfrom analysis import table_files\n", False),
        ("dashboards/ui.py", "from chitieu import settings\n", True),
        ("dashboards/ui.py", "from pipelines.warehouse import connect\n", True),
        ("dashboards/app.py", "from chitieu import settings\nfrom chitieu.settings import warehouse_path\n", False),
        ("dashboards/app.py", "from chitieu import cli\n", True),
        ("dashboards/app.py", "import chitieu\n", True),
        ("pipelines/assets/marts.py", "def f():\n    from analysis.reports import build_pack\n", True),
        ("pipelines/assets/exports.py", "def f():\n    from analysis.reports import build_pack\n", False),
        ("pipelines/assets/exports.py", "from dashboards import data\n", True),
        ("pipelines/assets/exports.py", "import streamlit\n", True),
        ("chitieu/cli.py", "from analysis.reports import run_export\nfrom pipelines.build import build\n", False),
        ("chitieu/cli.py", "import streamlit.web.cli\n", True),
    ],
)
def test_the_checker_catches_a_forbidden_import(rel_path: str, source: str, broken: bool):
    assert bool(violations(rel_path, source)) is broken, violations(rel_path, source)


# The Dagster code location and a pack built by the report_pack asset, in a fresh interpreter.
NO_STREAMLIT = """
import json, sys
from pathlib import Path

import pipelines.definitions
import pipelines.assets.exports
import analysis.reports.pack
loaded = {"definitions": sorted(m for m in sys.modules if m.split(".")[0] == "streamlit")}
if len(sys.argv) > 1:
    import dagster as dg
    from pipelines.assets.exports import report_pack
    from pipelines.resources import ReportExports, Warehouse

    result = dg.materialize(
        [report_pack],
        resources={"warehouse": Warehouse(path=sys.argv[1]), "report_exports": ReportExports(root=sys.argv[2])},
        run_config={"ops": {"report_pack": {"config": {"locality": "an-khe", "period": "2023"}}}},
    )
    meta = result.asset_materializations_for_node("report_pack")[0].metadata
    loaded["success"] = result.success
    loaded["files"] = {k: meta[k].value for k in ("docx", "xlsx", "zip", "pptx")}
    loaded["pack"] = sorted(m for m in sys.modules if m.split(".")[0] == "streamlit")
print(json.dumps(loaded))
"""


@pytest.mark.slow
def test_the_dagster_asset_builds_a_pack_without_importing_streamlit(sample_warehouse: Path, tmp_path: Path):
    from analysis.reports.render import find_browser

    args = [str(sample_warehouse), str(tmp_path)] if find_browser() is not None else []
    proc = subprocess.run(
        [sys.executable, "-c", NO_STREAMLIT, *args], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    loaded = json.loads(proc.stdout.strip().splitlines()[-1])
    assert loaded["definitions"] == []
    if args:
        assert loaded["success"] and loaded["pack"] == []
        for key in ("docx", "xlsx", "zip", "pptx"):
            assert Path(loaded["files"][key]).exists(), key
