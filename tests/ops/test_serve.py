"""`edaran serve` out of the box: it starts a real local Prefect server (no PREFECT_API_URL),
serves the crawl deployment on a short interval over a local news site, a scheduled flow run
completes and its records land; stopping serve stops the server it started."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.slow
def test_serve_runs_scheduled_crawls_on_its_own_local_server(tmp_path: Path, sources_file: Path) -> None:
    out, state = tmp_path / "out", tmp_path / "state"
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env.update(PREFECT_HOME=str(tmp_path / "client-home"), PREFECT_RUNNER_POLL_FREQUENCY="2")
    log = (tmp_path / "serve.log").open("wb")
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "serve", "--sources", str(sources_file),
                             "--out", str(out), "--interval", "5", "--state", str(state)],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    server_pid = None
    try:
        deadline = time.monotonic() + 300
        completed = []
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(2)
            if not (state / "server.json").exists():
                continue
            server = json.loads((state / "server.json").read_text())
            server_pid = server["pid"]
            try:
                runs = httpx.post(
                    f"{server['url']}/flow_runs/filter",
                    json={"limit": 20, "flow_runs": {"state": {"type": {"any_": ["COMPLETED"]}}}},
                    timeout=10,
                ).json()
            except httpx.HTTPError:  # not up yet
                continue
            completed = [r for r in runs if r["state_type"] == "COMPLETED" and r.get("deployment_id")
                         and r.get("auto_scheduled")]
            if completed:
                break
        assert completed, (tmp_path / "serve.log").read_text()[-3000:]
        assert (state / "prefect" / "prefect.db").is_file()  # the server's database lives in --state
        records = [json.loads(x) for x in (out / "records.jsonl").read_text().splitlines()]
        assert [r["authority"]["id"] for r in records] == ["region:36.72"]
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        log.close()
    assert server_pid is not None
    for _ in range(40):  # serve stops the server it started
        if not _alive(server_pid):
            break
        time.sleep(0.5)
    assert not _alive(server_pid)
    assert not (state / "server.json").exists()
