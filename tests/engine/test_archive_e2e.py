"""End to end on REAL archive output: the seed corpus through `edaran run`, then the engine.

Every question is derived from what the archive holds (no answer is
written down for a known document), and the checks are the ones the hand-built contract
fixtures get: the bundle answers, ``ask`` agrees with it on >= 200 questions, the open data
validates.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def archive_export(seed_run: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("e2e") / "export"
    res = runner.invoke(app, ["export", "--archive", str(seed_run), "--to", str(out)])
    assert res.exit_code == 0, res.output
    return seed_run, out


def test_e2e_policies_come_through_the_contract(seed_run: Path) -> None:
    from pipeline.engine.source import load_policies

    policies = load_policies(seed_run)
    assert policies, "the seed run holds no policies"
    for p in policies:
        assert {"policy_id", "authority", "change", "effective", "modes", "quotas", "exemptions", "links",
                "sources"} <= set(p)
        assert p["authority"]["level"] in ("provinsi", "kota", "kabupaten", "central")


def test_e2e_bundle_and_ask_agree(archive_export: tuple[Path, Path]) -> None:
    from pipeline.engine.ask import decide
    from pipeline.engine.bundle import RegoDecider
    from pipeline.engine.compile import compile_rules
    from pipeline.engine.grid import question_grid
    from pipeline.engine.source import open_source

    run_dir, out = archive_export
    with open_source(run_dir) as src:
        book = compile_rules(src.policies(), revision=src.revision())
        revision = src.revision()
    assert json.loads((out / "opa" / ".manifest").read_text())["revision"] == revision
    rego = RegoDecider(out / "opa")
    questions = question_grid(book, 220)
    assert len(questions) >= 200
    for q in questions:
        assert decide(book, *q) == rego.decide(*q), q

    # the five kinds of question, found in the archive
    regional = [r for r in book["rules"].values() if r["authority"].startswith("region:") and not r["revocation"]]
    assert regional
    for r in regional:
        d = rego.decide(r["authority"], r["from"], r["exempt"][0]) if r["exempt"] else None
        if d and d["policies"] == [r["id"]]:
            assert d["must_work_from_office"] and not d["wfh_allowed"]
        capped = [u for u, c in r["caps"].items() if 0 < c < 100 and u not in r["exempt"]]
        d = rego.decide(r["authority"], r["from"], capped[0]) if capped else None
        if d and d["policies"] == [r["id"]]:
            assert d["max_wfh_percent"] == r["caps"][capped[0]] and d["wfh_allowed"]
    first = min(r["from"] for r in book["rules"].values())
    before = (dt.date.fromisoformat(first) - dt.timedelta(days=1)).isoformat()
    assert rego.decide(regional[0]["authority"], before, "all")["applicable"] is False
    assert rego.decide("region:99.99", regional[0]["from"], "all")["applicable"] is False
    provinces = [r for r in regional if book["regions"].get(r["authority"], {}).get("level") == "provinsi"]
    for r in provinces[:1]:
        kota = next(k for k, v in sorted(book["regions"].items())
                    if v["parent"] == r["authority"] and k not in book["by_authority"])
        d = rego.decide(kota, r["from"], "all")
        assert d["applicable"] and d["decided_by"] == "province"


def test_e2e_ask_cli_and_open_data(archive_export: tuple[Path, Path]) -> None:
    run_dir, out = archive_export
    from pipeline.engine.source import load_policies

    pol = next(p for p in load_policies(run_dir) if p["authority"]["id"].startswith("region:"))
    res = runner.invoke(app, ["ask", "--archive", str(run_dir), "--authority", pol["authority"]["id"],
                              "--date", pol["effective"]["from_day"], "--unit", "all", "--format", "json"])
    assert res.exit_code == 0, res.output
    d = json.loads(res.output)
    assert d["applicable"] and d["evidence"] and all(e.get("text") for e in d["evidence"])
    val = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "datapackage.json"],
        check=False,
        cwd=out,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert val.returncode == 0, val.stdout[-3000:]
