"""The Prefect flow end to end (one harness per session) gives what the plain pipeline gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.settings import Settings


@pytest.mark.slow
def test_flow_matches_plain_pipeline(prefect_harness, tmp_path: Path, seeds_dir: Path, seed_run: Path) -> None:
    from pipeline.flows import run_flow

    out = tmp_path / "flow"
    summary = run_flow([str(seeds_dir)], out=str(out), batch_size=2)
    assert summary.ok == 5 and summary.failed == 0
    assert (out / "records.jsonl").read_text() == (seed_run / "records.jsonl").read_text()
    docs = [json.loads(x) for x in (out / "documents.jsonl").read_text().splitlines()]
    assert len(docs) == 5
    again = run_flow([str(seeds_dir)], out=str(out), batch_size=2)
    assert again.reused == 5


def test_flow_tasks_run_without_the_engine(tmp_path: Path, seeds_dir: Path) -> None:
    from pipeline.flows import extract_task, parse_task, store_task
    from pipeline.inputs import read_file

    settings = Settings(out_dir=tmp_path)
    raws = [read_file(p, settings.max_bytes) for p in sorted(seeds_dir.glob("*.txt"))]
    parsed, done = parse_task.fn(raws, {}, settings)
    assert not done and len(parsed) == 5
    results = extract_task.fn((parsed, done), settings)
    store_task.fn(results, settings)
    assert sum(len(r.records) for r in results) >= 5


@pytest.mark.slow
def test_flow_on_a_local_dask_cluster_of_two_workers(prefect_harness, tmp_path: Path, seeds_dir: Path,
                                                     seed_run: Path) -> None:
    from distributed import Client, LocalCluster

    from pipeline.flows import run_flow, with_runner

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        out = tmp_path / "dask"
        summary = with_runner(run_flow, cluster.scheduler_address)([str(seeds_dir)], out=str(out), batch_size=2)
        assert summary.ok == 5
        assert (out / "records.jsonl").read_text() == (seed_run / "records.jsonl").read_text()
        # the batches really ran on the workers
        assert (
            sum(len(v) for v in client.run(lambda: __import__("sys").modules.keys() & {"pipeline.assemble"}).values())
            >= 1
        )
