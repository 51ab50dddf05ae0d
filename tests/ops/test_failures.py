"""Failures that show: exit codes, Prefect flow-run state, the run's table artifact."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app

runner = CliRunner()


@pytest.fixture
def broken_dir(tmp_path: Path) -> Path:
    d = tmp_path / "broken"
    d.mkdir()
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(b"\x00\x01\x02\x03")
    return d


@pytest.mark.parametrize("arg, message", [
    ("no/such/folder", "does not exist"),
    ("http://[::1", "cannot parse the URL"),
    ("https://", "cannot parse the URL"),
    ("ftp://example.org/a.txt", "cannot parse the URL"),
])
def test_bad_path_or_url_is_exit_2_before_any_work(tmp_path: Path, arg: str, message: str) -> None:
    out = tmp_path / "out"
    res = runner.invoke(app, ["run", arg, "--out", str(out)])
    assert res.exit_code == 2, res.output
    assert message in res.output and "[E-CONFIG]" in res.output
    assert not out.exists()  # nothing was done


def test_bad_choice_is_rejected(tmp_path: Path, seeds_dir: Path) -> None:
    res = runner.invoke(app, ["run", str(seeds_dir), "--out", str(tmp_path), "--ocr", "bogus"])
    assert res.exit_code == 2 and "--ocr" in res.output


def test_every_document_failed_is_exit_1(tmp_path: Path, broken_dir: Path) -> None:
    out = tmp_path / "out"
    res = runner.invoke(app, ["run", str(broken_dir), "--out", str(out)])
    assert res.exit_code == 1, res.output
    assert "every document failed (2)" in res.output
    lines = [json.loads(x) for x in (out / "documents.jsonl").read_text().splitlines()]
    assert sorted(d["status"] for d in lines) == ["failed", "failed"]  # still data, one line each


def test_some_failed_is_exit_0(tmp_path: Path, broken_dir: Path, seeds_dir: Path) -> None:
    seed = min(seeds_dir.glob("*.txt"))
    res = runner.invoke(app, ["run", str(broken_dir), str(seed), "--out", str(tmp_path / "out")])
    assert res.exit_code == 0, res.output


def test_a_foreign_archive_is_a_bad_argument_exit_2(tmp_path: Path, seeds_dir: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "edaran.sqlite").write_bytes(b"this is not a database" * 100)
    res = runner.invoke(app, ["run", str(seeds_dir), "--out", str(out)])
    assert res.exit_code == 2, res.output  # checked before any work (pipeline/preflight.py)
    assert "not an edaran archive" in res.output and "--out" in res.output


def test_archive_that_cannot_be_written_is_exit_1(tmp_path: Path, seeds_dir: Path, monkeypatch) -> None:
    import pipeline.run
    from pipeline.errors import StoreError

    def refuse(*args, **kwargs):
        raise StoreError("disk I/O error", hint="check the disk behind --out")

    monkeypatch.setattr(pipeline.run, "store_batch", refuse)
    res = runner.invoke(app, ["run", str(seeds_dir), "--out", str(tmp_path / "out")])
    assert res.exit_code == 1, res.output
    assert "[E-STORE]" in res.output


def test_exports_are_world_readable_under_the_usual_umask(tmp_path: Path, seeds_dir: Path) -> None:
    import os

    old = os.umask(0o022)
    try:
        res = runner.invoke(app, ["run", str(seeds_dir), "--out", str(tmp_path / "out")])
    finally:
        os.umask(old)
    assert res.exit_code == 0, res.output
    for name in ("records.jsonl", "documents.jsonl"):
        assert (tmp_path / "out" / name).stat().st_mode & 0o777 == 0o644, name


def test_progress_without_a_terminal_is_one_line_per_batch(tmp_path: Path, seeds_dir: Path) -> None:
    res = runner.invoke(app, ["run", str(seeds_dir), "--out", str(tmp_path / "out"), "--batch-size", "2"])
    assert res.exit_code == 0, res.output
    lines = [x for x in res.output.splitlines() if x.startswith("edaran: ")]
    assert [x.split(" documents")[0] for x in lines] == ["edaran: 2/5", "edaran: 4/5", "edaran: 5/5"]
    quiet = runner.invoke(app, ["--quiet", "run", str(seeds_dir), "--out", str(tmp_path / "out")])
    assert quiet.exit_code == 0 and quiet.output == ""


@pytest.mark.slow
def test_all_failed_flow_run_is_failed_with_its_table_artifact(prefect_harness, tmp_path: Path,
                                                                broken_dir: Path) -> None:
    from prefect import get_client
    from prefect.client.schemas.filters import (
        FlowRunFilter,
        FlowRunFilterParentTaskRunId,
    )

    res = runner.invoke(app, ["run", str(broken_dir), "--out", str(tmp_path / "out"), "--prefect"])
    assert res.exit_code == 1, res.output
    assert "every document failed (2)" in res.output
    with get_client(sync_client=True) as client:
        runs = client.read_flow_runs(flow_run_filter=FlowRunFilter(parent_task_run_id=FlowRunFilterParentTaskRunId(
            is_null_=True)), limit=50)
        mine = [r for r in runs if r.parameters.get("out") == str(tmp_path / "out")]
        assert len(mine) == 1 and mine[0].state.is_failed(), [(r.name, r.state) for r in mine]
        artifact = client.read_latest_artifacts(limit=50)
        table = [a for a in artifact if a.key == "edaran-run-summary" and a.flow_run_id == mine[0].id]
    assert table, "no table artifact for the flow run"
    rows = json.loads(table[0].data) if isinstance(table[0].data, str) else table[0].data
    assert {r["code"] for r in rows if r["item"] in ("empty", "binary")} == {"E-EMPTY", "E-DECODE"}
    assert {r["item"]: r["count"] for r in rows}["failed"] == 2


def test_progress_on_a_terminal_is_a_bar_advancing_per_document(tmp_path: Path, seeds_dir: Path,
                                                                monkeypatch) -> None:
    import io

    from rich.console import Console

    from pipeline import cli

    buf = io.StringIO()
    monkeypatch.setattr(cli, "console", Console(file=buf, force_terminal=True, width=120))
    seen: list[int] = []
    real = cli._progress

    def spy(total, every, plain=True):  # type: ignore[no-untyped-def]
        ctx = real(total, every, plain)

        class Wrap:
            def __enter__(self):  # type: ignore[no-untyped-def]
                cb = ctx.__enter__()
                seen.append(total)
                return lambda n: (seen.append(n), cb(n))

            def __exit__(self, *a):  # type: ignore[no-untyped-def]
                return ctx.__exit__(*a)

        return Wrap()

    monkeypatch.setattr(cli, "_progress", spy)
    res = runner.invoke(app, ["run", str(seeds_dir), "--out", str(tmp_path / "out"), "--batch-size", "500"])
    assert res.exit_code == 0, res.output
    assert seen == [5, 1, 1, 1, 1, 1]  # the total first, then one step per document (one batch of 5)
    assert "5/5" in buf.getvalue() and "docs/s" in buf.getvalue()


def test_fetch_tasks_are_tagged_per_host_group() -> None:
    from pipeline.flows import _fetch_tags, fetch_task

    assert "fetch" in fetch_task.tags
    assert _fetch_tags(["https://www.antaranews.com/rss/terkini.xml", "https://m.antaranews.com/x",
                        "https://news.detik.com/rss"]) == ["fetch", "fetch:antaranews.com", "fetch:news.detik.com"]
