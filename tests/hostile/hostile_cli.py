"""Run `python -m pipeline.cli` in a child process under a memory limit (RLIMIT_AS) and a budget."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]

# Address space of the CLI process under test. A normal run peaks near 1 GB of address space
# (spaCy, lexicons); the attacks this suite replays reached 4.3 GB (stacked gzip) and 24 GB
# (nested form XObjects): over this limit the child dies and the test fails.
CLI_MEMORY_MB = 3072
# Wall-clock budget of one CLI run: a hang (the self-referencing PDF looped forever) fails the test.
CLI_BUDGET_S = 400


@dataclass
class CliRun:
    returncode: int
    stdout: str
    stderr: str
    out: Path

    def documents(self) -> dict[str, dict[str, Any]]:
        path = self.out / "documents.jsonl"
        lines = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
        return {d["doc_id"]: d for d in lines}

    def records(self) -> list[dict[str, Any]]:
        path = self.out / "records.jsonl"
        return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]

    def by_source(self) -> dict[str, dict[str, Any]]:
        return {Path(d["source"]).name if "://" not in d["source"] else d["source"]: d
                for d in self.documents().values()}


def _limit(memory_mb: int):  # type: ignore[no-untyped-def]
    def apply() -> None:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return apply


def run_cli(*args: str, out: Path, memory_mb: int = CLI_MEMORY_MB, budget_s: float = CLI_BUDGET_S,
            command: str = "run", extra_env: dict[str, str] | None = None) -> CliRun:
    """``python -m pipeline.cli run ARGS --out OUT --classifier none`` in a limited child process."""
    cmd = [sys.executable, "-m", "pipeline.cli", command, *args, "--out", str(out)]
    if command == "run":
        cmd += ["--classifier", "none"]
    env = {**os.environ, "PREFECT_HOME": str(out.parent / ".prefect"), "COLUMNS": "200", **(extra_env or {})}
    p = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=budget_s, env=env,
                       preexec_fn=_limit(memory_mb))  # noqa: PLW1509 - the limit must apply before exec
    return CliRun(p.returncode, p.stdout, p.stderr, out)
