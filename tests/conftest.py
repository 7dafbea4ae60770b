"""Shared fixtures: the sample warehouse and the two-locality warehouse (the sample and Sơn Hà), each built
once per session, and a scratch raw-data folder."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# Where PYTHONDONTWRITEBYTECODE is set (this workplace sets it), every run would compile the project's
# modules and rewrite the tests' asserts again: about 5 s of each run, and of each xdist worker. The
# tests keep that bytecode in a cache of their own, outside the source tree.
if sys.dont_write_bytecode:
    sys.dont_write_bytecode = False
    sys.pycache_prefix = sys.pycache_prefix or os.path.join(tempfile.gettempdir(), "chitieu-pycache")

import pytest  # noqa: E402
from filelock import FileLock  # noqa: E402

from pipelines.warehouse import staging_path  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SAMPLE_RAW = REPO / "data" / "raw"

warnings.filterwarnings("ignore", module="dagster")


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], Path]) -> Path:
    """What ``make(folder)`` builds in ``folder`` (a warehouse), once for the whole test run.

    Under pytest-xdist the first worker that needs it builds it and the other workers wait for it and
    read the same file (pytest-xdist's recipe for session fixtures); readers only open it read-only.
    """
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return make(tmp_path_factory.mktemp(name))
    shared = tmp_path_factory.getbasetemp().parent / name
    with FileLock(f"{shared}.lock"):
        done = shared.with_name(f"{name}.built")
        if not done.exists():
            shutil.rmtree(shared, ignore_errors=True)
            shared.mkdir()
            done.write_text(str(make(shared).relative_to(shared)), encoding="utf-8")
        return shared / done.read_text(encoding="utf-8")


def _build_sample(folder: Path) -> Path:
    from pipelines.build import build

    out = folder / "chitieu.duckdb"
    assert build(raw_root=SAMPLE_RAW, warehouse_path=out).success, "building the sample warehouse failed"
    return out


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The published warehouse built from the embedded An Khê sample, through Dagster in-process."""
    return built_once(tmp_path_factory, "sample-warehouse", _build_sample)


@dataclass(frozen=True)
class BuiltSample:
    """A writable sample: its raw-data folder and the warehouse a full build of it published."""

    raw: Path
    warehouse: Path


@pytest.fixture
def built_sample(sample_warehouse: Path, tmp_path: Path) -> BuiltSample:
    """The sample's raw folder and warehouse as `build(raw, warehouse)` leaves them, for a test that
    changes them (submits, approves, reloads): the session's build copied, with its working copy, so
    the next build continues from it exactly as it would after a build of its own."""
    raw = tmp_path / "raw"
    shutil.copytree(SAMPLE_RAW, raw)
    warehouse = tmp_path / "wh" / sample_warehouse.name
    warehouse.parent.mkdir()
    for published in (sample_warehouse, staging_path(sample_warehouse)):
        shutil.copy2(published, warehouse.with_name(published.name))
    return BuiltSample(raw, warehouse)


def _build_city(folder: Path) -> Path:
    from pipelines.build import build
    from tests.second_locality import OUT

    root = folder / "raw"
    shutil.copytree(SAMPLE_RAW, root)
    shutil.copytree(OUT / "son-ha", root / "son-ha")
    out = folder / "chitieu.duckdb"
    result = build(root, out)
    assert result.success, result.steps_failed
    return out


@pytest.fixture(scope="session")
def city_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample and the second locality (Thành phố Sơn Hà, tests/second_locality.py), built together
    through Dagster in-process."""
    return built_once(tmp_path_factory, "two-localities", _build_city)


@pytest.fixture(autouse=True, scope="session")
def _components_scanned_once() -> None:
    """Each new AppTest scans the metadata of every installed package for Streamlit components
    (Streamlit 1.5x, `BidiComponentManager.discover_and_register_components`): about half a second,
    most of a page test's time. The packages do not change while the tests run, so the scan runs once."""
    import functools

    from streamlit.components.v2 import manifest_scanner

    manifest_scanner.scan_component_manifests = functools.cache(manifest_scanner.scan_component_manifests)


@pytest.fixture(autouse=True)
def _fast_tier_runs_no_dagster(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A test of the fast tier (-m "not slow") reads the warehouses built once for the session; a Dagster
    run of its own (a build, a submission loaded) takes seconds and belongs in the slow tier."""
    if request.node.get_closest_marker("slow"):
        return
    import dagster

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(
            f"{request.node.nodeid} runs Dagster: mark it @pytest.mark.slow, or read a warehouse built once "
            "for the session (sample_warehouse, built_sample, city_warehouse)."
        )

    monkeypatch.setattr(dagster, "materialize", refuse)
    # The submit page warms Dagster up in a thread (a trivial run, once per process): nothing to warm here.
    import chitieu.submission

    monkeypatch.setattr(chitieu.submission, "warm", lambda: None)


@pytest.fixture(autouse=True)
def _own_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test its own approvals, submissions and users (never the developer's data/state or
    config/users.toml); sign-in off unless a test turns it on."""
    monkeypatch.setenv("CHITIEU_STATE", str(tmp_path / "state" / "chitieu-state.sqlite"))
    monkeypatch.setenv("CHITIEU_SUBMISSIONS_DIR", str(tmp_path / "submissions"))
    monkeypatch.setenv("CHITIEU_USERS", str(tmp_path / "users.toml"))
    monkeypatch.setenv("CHITIEU_AUTH", "none")


@pytest.fixture
def signed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """Local sign-in on, with the test users of ``tests.signin`` (each with its roles)."""
    from tests.signin import write_users

    monkeypatch.setenv("CHITIEU_AUTH", "local")
    monkeypatch.setenv("CHITIEU_USERS", str(write_users(tmp_path / "users.toml")))
    return monkeypatch


@pytest.fixture
def raw_copy(tmp_path: Path) -> Path:
    """A writable copy of the sample raw-data folder."""
    dest = tmp_path / "raw"
    shutil.copytree(SAMPLE_RAW, dest)
    return dest


# Property-based tests (tests/test_shapes.py): reproducible in CI (derandomized, no example database),
# 'ci' by default; HYPOTHESIS_PROFILE=thorough draws ten times as many warehouses.
def _hypothesis_profiles() -> None:
    import os

    from hypothesis import HealthCheck, settings

    common = {
        "derandomize": True,
        "database": None,
        "deadline": None,
        "print_blob": False,
        "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
    }
    settings.register_profile("ci", max_examples=80, **common)
    settings.register_profile("thorough", max_examples=2000, **common)
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


_hypothesis_profiles()
