"""The hostile-input suite: every case is generated here, run through the public CLI in a child
process under a memory limit (RLIMIT_AS) and a wall-clock budget, and judged on its outcome."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # hostile_cli, hostile_pdfs, hostile_servers: helpers beside the tests

from hostile_cli import run_cli  # noqa: E402


@pytest.fixture(scope="session")
def cli():  # type: ignore[no-untyped-def]
    return run_cli
