from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from pipeline.cli import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent


def test_cli_run_then_evaluate(tmp_path: Path, seeds_dir: Path) -> None:
    out = tmp_path / "out"
    res = runner.invoke(app, ["run", str(seeds_dir), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "records" in res.output and "seconds" in res.output
    assert {p.name for p in out.iterdir()} >= {"records.jsonl", "documents.jsonl", "edaran.sqlite"}
    lines = [json.loads(x) for x in (out / "documents.jsonl").read_text().splitlines()]
    assert len(lines) == 5 and all(d["status"] == "ok" for d in lines)

    res = runner.invoke(app, ["evaluate", "--gold", str(ROOT / "annotations" / "seeds"), "--run", str(out), "--detail"])
    assert res.exit_code == 0, res.output
    last = res.output.strip().splitlines()[-1]
    assert re.fullmatch(r"headline F1 \d\.\d{3}", last)
    assert "quota_scoped" in res.output


def test_cli_evaluate_without_a_run_exits_2(tmp_path: Path) -> None:
    res = runner.invoke(app, ["evaluate", "--gold", str(ROOT / "annotations" / "seeds"), "--run", str(tmp_path)])
    assert res.exit_code == 2
    assert "edaran run" in res.output


def test_cli_schema_check_passes() -> None:
    res = runner.invoke(app, ["schema", "--check"])
    assert res.exit_code == 0, res.output


def test_cli_help_lists_commands() -> None:
    res = runner.invoke(app, ["--help"])
    assert res.exit_code == 0
    for cmd in ("run", "evaluate", "schema"):
        assert cmd in res.output
