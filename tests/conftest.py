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


@pytest.fixture
def raw_copy(tmp_path: Path) -> Path:
    """A writable copy of the sample raw-data folder."""
    dest = tmp_path / "raw"
    shutil.copytree(SAMPLE_RAW, dest)
    return dest
