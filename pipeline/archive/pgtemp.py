"""A throwaway PostgreSQL server for tests and benchmarks (never for real archives).

``initdb`` into a temporary folder, ``pg_ctl start`` on a free port with its unix socket in that
folder (no TCP), trust authentication, fsync off. As root (CI) the server binaries run as the
``postgres`` user (``runuser -u postgres --``) in a folder that user owns, because PostgreSQL
refuses to run as root.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["NoServer", "create_database", "server_bin", "throwaway_server"]


class NoServer(RuntimeError):
    """No PostgreSQL server binaries here (or no way to run them as a non-root user)."""


def server_bin() -> Path | None:
    """The folder of initdb/pg_ctl: Debian's /usr/lib/postgresql/<newest>/bin, else the PATH."""
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                            key=lambda p: int(p.split("/")[-2]) if p.split("/")[-2].isdigit() else 0, reverse=True):
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


@contextmanager
def throwaway_server() -> Iterator[str]:
    """Yield a URL template ``postgresql://postgres@/{db}?host=...&port=...`` of a fresh server."""
    bindir = server_bin()
    if bindir is None:
        raise NoServer("no PostgreSQL server binaries (initdb/pg_ctl) on this machine: apt-get install postgresql")
    prefix: list[str] = []
    tmp = Path(tempfile.mkdtemp(prefix="edaran-pg-"))
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            raise NoServer("running as root without runuser: cannot start PostgreSQL as the postgres user")
        shutil.chown(tmp, user="postgres", group="postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    data, port = tmp / "data", _free_port()
    env = {**os.environ, "LC_ALL": "C"}
    try:
        subprocess.run([*prefix, str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
                        "-E", "UTF8", "--locale=C", "--no-sync"], check=True, capture_output=True, env=env)
        opts = f"-k {tmp} -p {port} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
        start = subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-o", opts, "-l", str(tmp / "log"),
                                "-w", "-t", "60", "start"], check=False, capture_output=True, text=True, env=env)
        if start.returncode != 0:
            log = (tmp / "log").read_text() if (tmp / "log").exists() else ""
            raise RuntimeError(f"PostgreSQL did not start: {start.stderr}\n{log}")
        yield f"postgresql://postgres@/{{db}}?host={tmp}&port={port}"
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                           check=False, capture_output=True, env=env)
        shutil.rmtree(tmp, ignore_errors=True)


def create_database(server: str, name: str) -> str:
    """CREATE DATABASE on a throwaway server; returns its URL."""
    import psycopg

    with psycopg.connect(server.format(db="postgres"), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return server.format(db=name)
