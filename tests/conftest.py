"""Fixtures shared by the whole suite (folder-specific ones live in tests/<area>/conftest.py)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus" / "seeds"
GOLD_SEEDS = ROOT / "annotations" / "seeds"
GOLD_DEV = ROOT / "annotations" / "dev"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def ctx_factory():
    """Context for extractor tests: ``ctx_factory("2024-04-16")``."""
    from extractors.base import Context

    def make(published: str | None = None, kind: str = "news") -> Context:
        return Context(published=date.fromisoformat(published) if published else None, kind=kind)

    return make


@pytest.fixture(scope="session")
def seed_run(tmp_path_factory) -> Path:
    """The seed corpus through the plain pipeline once per session: its output folder."""
    from pipeline.run import run
    from pipeline.settings import Settings

    out = tmp_path_factory.mktemp("seed_run")
    run([str(SEEDS)], Settings(out_dir=out))
    return out


@pytest.fixture(scope="session")
def prefect_harness():
    """Prefect's test harness (temporary database and server), entered once per session."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
