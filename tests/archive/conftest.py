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


# --- synthetic records ------------------------------------------------------------------------

_NAMES = {"region:31": ("Pemerintah Provinsi DKI Jakarta", "provinsi"), "region:32": ("Pemerintah Provinsi Jawa Barat", "provinsi"),
          "region:32.73": ("Pemerintah Kota Bandung", "kota"), "region:32.04": ("Pemerintah Kabupaten Bandung", "kabupaten"),
          "region:36.71": ("Pemerintah Kota Tangerang", "kota"), "central:kemenpanrb": ("Kementerian PANRB", "central")}


def make_item(doc_id: str, authority: str = "region:32.73", *, instrument: str | None = None,
              start: str | None = None, end: str | None = None, modes: tuple[str, ...] = ("WFH",),
              quotas: tuple[tuple[str, str, float, str, str | None], ...] = (), exemptions: tuple[str, ...] = (),
              legal_basis: tuple[str, ...] = (), change: str | None = None, open_ended: bool = False,
              days: tuple[str, ...] = (), kind: str = "news", published: str | None = "2024-04-15",
              publisher: str | None = "Pikiran Rakyat", text: str | None = None, status: str = "ok"):
    """(DocumentLine, [Record], text, version): one document with one record, for write_batch."""
    from pipeline.models import DocumentLine, Evidence, Record

    name, level = _NAMES.get(authority, (authority, "kota"))
    text = text if text is not None else f"{name} menerapkan WFH bagi ASN. Dokumen {doc_id}."

    def inst(i: str) -> dict:
        typ, issuer, rest = i.split(":")
        number, year = rest.rsplit("/", 1)
        return {"id": i, "type": typ, "issuer": issuer, "number": number, "year": int(year)}

    records = []
    if status == "ok":
        records.append(Record.model_validate({
            "record_id": f"r-{doc_id}-{authority}", "doc_id": doc_id,
            "authority": {"id": authority, "name": name, "level": level},
            "instrument": inst(instrument) if instrument else None,
            "legal_basis": [inst(i) for i in legal_basis], "modes": list(modes),
            "effective": {"start": start, "end": end, "open_ended": open_ended},
            "quotas": [{"mode": m, "op": op, "percent": pc, "scope": sc, "condition": cond} for m, op, pc, sc, cond in quotas],
            "exemptions": [{"category": c, "text": c} for c in exemptions],
            "change": change, "recurrence": {"days_of_week": list(days)} if days else None,
            "confidence": 0.8,
            "evidence": [Evidence(field="authority", start=0, end=len(name), text=text[:len(name)], rule="t")],
        }))
    line = DocumentLine(doc_id=doc_id, status=status, kind=kind, published=published, publisher=publisher,
                        url=f"https://example.test/{doc_id}", sha256=f"sha-{doc_id}", records=len(records),
                        error=None if status == "ok" else "[E-FETCH] gone (retry later)")
    return line, records, text if status == "ok" else None, "v1"


@pytest.fixture
def item():
    return make_item
