"""Run-level argument checks before any work: a clear one-line ``[E-CONFIG]`` error, exit code 2.

Issue 14 found tracebacks for an ``--out`` that is a file, an ``--out`` on a read-only file
system, a ``records.jsonl`` that is a folder and an ``edaran.sqlite`` that belongs to another
program. :func:`check_out_dir` finds each before the archive is opened; it only *reads* an
existing archive (read-only connection), and never touches the archive's own schema code.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from pipeline.errors import ConfigError

__all__ = ["check_out_dir"]

_OUTPUTS = ("records.jsonl", "documents.jsonl")
_DB_NAME = "edaran.sqlite"


def check_out_dir(out: Path | str) -> None:
    """Raise ConfigError when ``out`` cannot take a run's outputs (URLs of a server archive pass)."""
    if "://" in str(out):
        return  # a database URL (postgresql://...): the archive backend checks it
    out = Path(out)
    hint = "give a writable folder with --out"
    if out.exists() and not out.is_dir():
        raise ConfigError(f"--out {out} is a file, not a folder", hint=hint)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot create the output folder {out}: {exc.strerror or exc}", hint=hint) from exc
    probe = out / f".edaran-write-test.{os.getpid()}"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise ConfigError(f"cannot write in {out}: {exc.strerror or exc}", hint=hint) from exc
    for name in _OUTPUTS:
        p = out / name
        if p.exists() and not p.is_file():
            raise ConfigError(f"{p} is a folder, not a file; the run writes its export there",
                              hint=f"move {p} away or give another folder with --out")
    _check_archive(out / _DB_NAME)


def _check_archive(path: Path) -> None:
    if not path.exists():
        return
    hint = f"move {path} away or give another folder with --out"
    if not path.is_file():
        raise ConfigError(f"{path} is not a file", hint=hint)
    if path.stat().st_size == 0:
        return
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    except sqlite3.Error as exc:
        raise ConfigError(f"cannot open {path}: {exc}", hint=hint) from exc
    try:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
        columns = {r[1] for r in db.execute("PRAGMA table_info(documents)")} if "documents" in tables else set()
    except sqlite3.DatabaseError as exc:
        raise ConfigError(f"{path} is not an edaran archive ({exc})", hint=hint) from exc
    finally:
        db.close()
    if tables and "doc_id" not in columns:
        shown = ", ".join(sorted(tables)[:5])
        raise ConfigError(f"{path} is not an edaran archive (it holds tables {shown}, no documents.doc_id)",
                          hint=hint)
