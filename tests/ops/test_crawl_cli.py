"""`edaran crawl` with and without Prefect over a local feed: the same options reach the crawl."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app

runner = CliRunner()


def test_plain_crawl_sends_the_configured_user_agent(sources_file: Path, tmp_path: Path, httpserver) -> None:
    out = tmp_path / "out"
    res = runner.invoke(app, ["crawl", "--sources", str(sources_file), "--out", str(out),
                              "--user-agent", "edaran-test (+https://example.org; ops@example.org)"])
    assert res.exit_code == 0, res.output
    records = [json.loads(x) for x in (out / "records.jsonl").read_text().splitlines()]
    assert records and records[0]["authority"]["id"] == "region:36.72"
    agents = {req.headers.get("User-Agent") for req, _ in httpserver.log}
    assert agents == {"edaran-test (+https://example.org; ops@example.org)"}


@pytest.mark.slow
def test_crawl_prefect_honours_every_option(prefect_harness, sources_file: Path, tmp_path: Path,
                                            httpserver) -> None:
    """`--prefect` used to drop --allow-private and --classifier: now each option reaches the flow."""
    out = tmp_path / "flow"
    res = runner.invoke(app, ["crawl", "--prefect", "--sources", str(sources_file), "--out", str(out),
                              "--user-agent", "edaran-flow-test (ops@example.org)", "--batch-size", "1"])
    assert res.exit_code == 0, res.output
    assert json.loads((out / "records.jsonl").read_text().splitlines()[0])["authority"]["id"] == "region:36.72"
    assert {req.headers.get("User-Agent") for req, _ in httpserver.log} == {"edaran-flow-test (ops@example.org)"}
    # a classifier that does not exist must stop the flow (it used to be ignored under --prefect)
    res = runner.invoke(app, ["crawl", "--prefect", "--sources", str(sources_file), "--out", str(tmp_path / "x"),
                              "--classifier", str(tmp_path / "no-model")])
    assert res.exit_code == 2 and "does not exist" in res.output, res.output
