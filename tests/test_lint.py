"""ruff and mypy stay clean (configuration in pyproject.toml: [tool.ruff], [tool.mypy])."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RUFF_PATHS = ["pipeline", "extractors", "tests", "benchmarks", "flows.py"]


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


@pytest.mark.skipif(importlib.util.find_spec("ruff") is None, reason="ruff is not installed (pip install -e .[dev])")
def test_ruff_is_clean() -> None:
    proc = _run(["ruff", "check", "--no-cache", *RUFF_PATHS])
    assert proc.returncode == 0, f"ruff check failed:\n{proc.stdout}\n{proc.stderr}"


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None, reason="mypy is not installed (pip install -e .[dev])")
def test_mypy_is_clean() -> None:
    # files come from [tool.mypy] in pyproject.toml; the cache lives in the system temp dir, out of the
    # checkout, and is kept between runs (a cold run takes minutes: prefect, pydantic; a warm one seconds)
    cache = Path(tempfile.gettempdir()) / "edaran-mypy-cache"
    proc = _run(["mypy", "--cache-dir", str(cache)])
    assert proc.returncode == 0, f"mypy failed:\n{proc.stdout}\n{proc.stderr}"
