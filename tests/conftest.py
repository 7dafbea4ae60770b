"""Shared fixtures: the sample warehouse built once per session, and a scratch raw-data folder."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLE_RAW = REPO / "data" / "raw"

warnings.filterwarnings("ignore", module="dagster")


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The published warehouse built from the embedded An Khê sample, through Dagster in-process."""
    from pipelines.build import build

    out = tmp_path_factory.mktemp("sample-warehouse") / "chitieu.duckdb"
    result = build(raw_root=SAMPLE_RAW, warehouse_path=out)
    assert result.success, "building the sample warehouse failed"
    return out


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
    settings.register_profile("ci", max_examples=150, **common)
    settings.register_profile("thorough", max_examples=2000, **common)
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


_hypothesis_profiles()
