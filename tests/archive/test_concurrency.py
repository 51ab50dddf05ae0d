"""Two writers into one archive lose nothing; a writer killed with SIGKILL leaves the previous
archive readable and consistent, and the next run completes with no duplicate policies."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from pipeline.archive import open_archive

WRITER = Path(__file__).with_name("_writer.py")
ROOT = Path(__file__).resolve().parents[2]


def _spawn(target: str, prefix: str, batches: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(WRITER), target, prefix, str(batches)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _check_consistent(target: str) -> dict[str, int]:
    """Every record in exactly one policy; policies equal a fresh consolidation."""
    with open_archive(target, readonly=True) as arc:
        records = {r["record_id"] for r in arc.records()}
        policies = [p.model_dump(mode="json") for p in arc.policies()]
        counts = arc.counts()
    sourced = [s["record_id"] for p in policies for s in p["sources"]]
    assert sorted(sourced) == sorted(records), "a record is missing from, or doubled in, the policies"
    assert len({p["policy_id"] for p in policies}) == len(policies)
    with open_archive(target) as arc:
        arc.consolidate_all()
        again = [p.model_dump(mode="json") for p in arc.policies()]
    assert again == policies
    return counts


def _orphan_fts(db: Path) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT count(*) FROM documents_fts WHERE rowid NOT IN "
                           "(SELECT rowid FROM documents WHERE text IS NOT NULL)").fetchone()[0]
    finally:
        con.close()


def _two_writers(target: str) -> dict[str, int]:
    a, b = _spawn(target, "a", 12), _spawn(target, "b", 12)
    for p in (a, b):
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    return _check_consistent(target)


def test_two_sqlite_writers_lose_nothing(tmp_path) -> None:
    counts = _two_writers(str(tmp_path))
    assert counts["ok"] == counts["records"] == 120
    assert _orphan_fts(tmp_path / "edaran.sqlite") == 0
    con = sqlite3.connect(tmp_path / "edaran.sqlite")
    try:
        assert con.execute("SELECT count(*) FROM documents_fts").fetchone()[0] == 120
    finally:
        con.close()


def test_two_postgresql_writers_lose_nothing(pg_url) -> None:
    counts = _two_writers(pg_url)
    assert counts["ok"] == counts["records"] == 120


def test_a_killed_writer_leaves_a_consistent_archive(tmp_path) -> None:
    first = _spawn(str(tmp_path), "a", 3)
    first.communicate(timeout=120)
    assert first.returncode == 0
    before = _check_consistent(str(tmp_path))
    victim = _spawn(str(tmp_path), "b", 400)
    assert victim.stdout is not None
    victim.stdout.readline()  # one batch committed, more in flight
    time.sleep(0.05)
    os.kill(victim.pid, signal.SIGKILL)
    victim.communicate(timeout=30)  # reaps it and closes its pipes
    after = _check_consistent(str(tmp_path))
    assert after["records"] >= before["records"] + 5 and after["records"] % 5 == 0  # whole batches only
    assert _orphan_fts(tmp_path / "edaran.sqlite") == 0
    rerun = _spawn(str(tmp_path), "b", 40)  # the next run: same documents again, then on
    rerun.communicate(timeout=300)
    assert rerun.returncode == 0
    final = _check_consistent(str(tmp_path))
    assert final["records"] == 15 + 200
    with open_archive(tmp_path, readonly=True) as arc:
        lines = arc.documents()
    assert len(lines) == len({json.dumps(x["doc_id"]) for x in lines}) == 215
