"""Archive fixtures: synthetic records, and a throwaway PostgreSQL cluster.

The cluster: ``initdb`` into a temporary folder, ``pg_ctl start`` on a free port with its unix
socket in that folder, one fresh database per test, stopped at the end of the session. As root
(CI) the server binaries run as the ``postgres`` user (``runuser -u postgres --``) in a folder
that user owns. The tests using it skip, saying why, only where no server binary exists.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest


def _pg_bin() -> Path | None:
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]), reverse=True):
        if Path(candidate, "initdb").exists() and Path(candidate, "pg_ctl").exists():
            return Path(candidate)
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        return Path(initdb).parent
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """URL (without database name) of a throwaway PostgreSQL server for this session."""
    bindir = _pg_bin()
    if bindir is None:
        pytest.skip("no PostgreSQL server binaries (initdb/pg_ctl) on this machine: apt-get install postgresql")
    root = os.geteuid() == 0
    prefix: list[str] = []
    tmp = Path(tempfile.mkdtemp(prefix="edaran-pg-"))
    if root:
        if shutil.which("runuser") is None:
            pytest.skip("running as root without runuser: cannot start PostgreSQL as the postgres user")
        shutil.chown(tmp, user="postgres", group="postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    data, port = tmp / "data", _free_port()
    env = {**os.environ, "LC_ALL": "C"}
    subprocess.run([*prefix, str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
                    "-E", "UTF8", "--locale=C", "--no-sync"], check=True, capture_output=True, env=env)
    opts = f"-k {tmp} -p {port} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
    start = subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-o", opts, "-l", str(tmp / "log"),
                            "-w", "-t", "60", "start"], check=False, capture_output=True, text=True, env=env)
    if start.returncode != 0:
        log = (tmp / "log").read_text() if (tmp / "log").exists() else ""
        raise RuntimeError(f"PostgreSQL did not start: {start.stderr}\n{log}")
    try:
        yield f"postgresql://postgres@/{{db}}?host={tmp}&port={port}"
    finally:
        subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       check=False, capture_output=True, env=env)
        shutil.rmtree(tmp, ignore_errors=True)


_counter = itertools.count()


@pytest.fixture
def pg_url(pg_server: str) -> str:
    """A fresh, empty database on the throwaway server."""
    import psycopg

    name = f"t{os.getpid()}_{next(_counter)}"
    with psycopg.connect(pg_server.format(db="postgres"), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return pg_server.format(db=name)
