"""``edaran serve``: the crawl deployment on its schedule, with a Prefect server out of the box.

A schedule needs a Prefect server: Prefect's temporary server (what a plain flow call
starts) refuses to schedule ("Cannot schedule flows on an ephemeral server"). So:

1. ``PREFECT_API_URL`` set (a team server, Prefect Cloud): use it.
2. Otherwise start ``prefect server start`` as a child process on 127.0.0.1 and a free port,
   its SQLite database and log under the state folder (``--state``, default
   ``$XDG_STATE_HOME/edaran`` or ``~/.local/state/edaran``), and stop it on exit. The folder
   also holds ``server.json`` (url and pid of the running child) for tools and tests.
3. Serve ``crawl_flow`` as the deployment ``edaran-crawl/crawl-news`` on the cron (or an
   interval): the runner in this process picks up each scheduled run and executes it in a
   subprocess, by module path (``pipeline.flows.crawl_flow``), so it works from any folder.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from pipeline.errors import ConfigError

__all__ = ["DEPLOYMENT", "LocalServer", "default_state_dir", "serve"]

DEPLOYMENT = "crawl-news"
STARTUP_TIMEOUT_S = 180.0  # first start migrates a new database: ~12 s here, more on a slow disk


def default_state_dir() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "edaran"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LocalServer:
    """``prefect server start`` as a child process, its state under ``state``."""

    def __init__(self, state: Path, port: int | None = None) -> None:
        self.state = state
        self.port = port or _free_port()
        self.url = f"http://127.0.0.1:{self.port}/api"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = STARTUP_TIMEOUT_S) -> str:
        import httpx

        home = self.state / "prefect"
        home.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
        env.pop("PREFECT_API_URL", None)
        log = open(self.state / "prefect-server.log", "ab")  # noqa: SIM115 -- the child writes it until stop()
        cmd = [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(self.port)]
        self.proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, start_new_session=True)
        log.close()
        (self.state / "server.json").write_text(json.dumps({"url": self.url, "pid": self.proc.pid}) + "\n")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise ConfigError(f"the local Prefect server exited with code {self.proc.returncode}",
                                  hint=f"see {self.state / 'prefect-server.log'}; or set PREFECT_API_URL to a server")
            try:
                if httpx.get(f"{self.url}/health", timeout=2).status_code == 200:
                    return self.url
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        self.stop()
        raise ConfigError(f"the local Prefect server did not answer within {timeout:.0f} s",
                          hint=f"see {self.state / 'prefect-server.log'}")

    def stop(self) -> None:
        """Stop the child (and what it started: it leads its own process group)."""
        if self.proc is None or self.proc.poll() is not None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        except ProcessLookupError:
            pass
        (self.state / "server.json").unlink(missing_ok=True)


def serve(parameters: dict[str, Any], *, cron: str | None, interval: float | None, state: Path) -> None:
    """Serve the crawl deployment until interrupted (Ctrl-C or SIGTERM)."""
    from pipeline.cli import console

    server: LocalServer | None = None
    api = os.environ.get("PREFECT_API_URL")
    if api:
        console.print(f"Prefect server {api} (PREFECT_API_URL)")
    else:
        state.mkdir(parents=True, exist_ok=True)
        server = LocalServer(state)
        console.print(f"starting a local Prefect server (state in {state}, log {state / 'prefect-server.log'}) ...")
        api = server.start()
        console.print(f"Prefect server {api}; UI at {api.removesuffix('/api')}")
        os.environ["PREFECT_API_URL"] = api  # for the flow-run subprocesses the runner starts

    def _stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        from prefect.deployments.runner import EntrypointType
        from prefect.settings import PREFECT_API_URL, temporary_settings

        from pipeline.flows import crawl_flow

        with temporary_settings({PREFECT_API_URL: api}):
            crawl_flow.serve(name=DEPLOYMENT, cron=None if interval else cron, interval=interval,
                             parameters=parameters, tags=["edaran", "crawl"], limit=1,  # no overlapping crawls
                             entrypoint_type=EntrypointType.MODULE_PATH,
                             description="Crawl the sources file into the output folder (edaran serve)")
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        if server is not None:
            server.stop()
