"""The default backend: one SQLite file (``edaran.sqlite``) in the output folder.

SQLite rather than DuckDB: stdlib (no install), 940k rows/s bulk inserts on this machine, FTS5
and JSON1 built in; Datasette, pandas (``read_sql``) and DuckDB (``ATTACH 'edaran.sqlite'``)
open the same file. ``documents_fts`` is an FTS5 index over each document's cleaned text, its
rowid the document's: ``SELECT doc_id FROM documents_fts WHERE documents_fts MATCH 'wfh bekasi'``.

Writes: ``BEGIN IMMEDIATE`` around the whole batch (documents, FTS, records, policies,
revision), so a second writer waits (up to ``BUSY_TIMEOUT_S``) instead of interleaving, and a
killed writer leaves the previous committed state.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pipeline.archive.store import POLICY_TABLES, Archive
from pipeline.errors import ConfigError, StoreError

__all__ = ["DB_NAME", "SQLiteArchive"]

DB_NAME = "edaran.sqlite"
BUSY_TIMEOUT_S = 600
SYNCHRONOUS = "NORMAL"

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY, sha256 TEXT, version TEXT, status TEXT NOT NULL,
    line TEXT NOT NULL, text TEXT, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS records (
    record_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, authority TEXT NOT NULL,
    start TEXT, "end" TEXT, record TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS records_doc ON records(doc_id);
CREATE INDEX IF NOT EXISTS records_authority ON records(authority);
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(doc_id UNINDEXED, text);
{POLICY_TABLES}INSERT OR IGNORE INTO meta VALUES ('revision', 0);
CREATE VIEW IF NOT EXISTS policy_quotas AS
    SELECT p.policy_id, p.authority_id, p.authority_name, p.from_day, p.to_day,
           json_extract(q.value, '$.mode') AS mode, json_extract(q.value, '$.op') AS op,
           json_extract(q.value, '$.percent') AS percent, json_extract(q.value, '$.scope') AS scope,
           json_extract(q.value, '$.condition') AS condition
    FROM policies p, json_each(p.policy, '$.quotas') q;
CREATE VIEW IF NOT EXISTS policy_exemptions AS
    SELECT p.policy_id, p.authority_id, p.authority_name, json_extract(x.value, '$.category') AS category
    FROM policies p, json_each(p.policy, '$.exemptions') x;
"""

_NEW_DOC_COLUMNS = ("kind", "publisher", "url", "published", "last_attempt")


class SQLiteArchive(Archive):
    """The archive in ``<folder>/edaran.sqlite`` (or a given ``.sqlite`` file)."""

    backend = "sqlite"

    def __init__(self, path: Path, *, readonly: bool = False) -> None:
        self.path = path
        self.target = str(path)
        self.readonly = readonly
        try:
            if readonly:
                if not path.is_file():
                    raise ConfigError(
                        f"no archive at {path}", hint="--archive takes a folder an `edaran run --out` wrote"
                    )
                if Path(f"{path}-journal").exists():
                    # a writer was killed mid-batch: its hot journal must be rolled back, which a
                    # read-only connection cannot do; a writable one does it on its first read
                    with contextlib.suppress(sqlite3.DatabaseError):
                        fix = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)
                        fix.execute("SELECT count(*) FROM sqlite_master").fetchone()
                        fix.close()
                self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S,
                                          isolation_level=None, check_same_thread=False)
                tables = {n for (n,) in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
                if not {"documents", "records"} <= tables:
                    raise ConfigError(f"{path} is not an edaran archive", hint="--archive takes an `edaran run` output")
                if "policies" not in tables:
                    raise ConfigError(f"{path} predates policies",
                                      hint="run `edaran run` into it once (or open it writable) to consolidate")
                return
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
            # a killed process never corrupts the file at any level; NORMAL skips the fsyncs that only
            # protect against a power cut in the middle of a commit (46 -> 2 s per 5,000 one-batch writes)
            self.db.execute(f"PRAGMA synchronous = {SYNCHRONOUS}")
            fresh = "policies" not in {n for (n,) in self.db.execute("SELECT name FROM sqlite_master")}
            with self._write():  # under the write lock: two runs starting together create the tables once
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        self.db.execute(statement)
                have = {r[1] for r in self.db.execute("PRAGMA table_info(documents)")}
                for col in _NEW_DOC_COLUMNS:
                    if col not in have:  # an archive from before the policy archive
                        self.db.execute(f"ALTER TABLE documents ADD COLUMN {col} TEXT")
            if fresh and self._one("SELECT count(*) FROM records")[0]:  # type: ignore[index]
                self._backfill()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open the archive {path}: {exc}",
                             hint="delete or move the file if it is corrupt") from exc

    def _backfill(self) -> None:
        """Fill the new documents columns from the stored lines, then consolidate everything."""
        import json

        with self._write():
            for doc_id, line in self._all("SELECT doc_id, line FROM documents"):
                d = json.loads(line)
                self._exec("UPDATE documents SET kind = ?, publisher = ?, url = ?, published = ? WHERE doc_id = ?",
                           (d.get("kind"), d.get("publisher"), d.get("url") or d.get("canonical_url"),
                            d.get("published"), doc_id))
        self.consolidate_all()

    # --- dialect hooks ---------------------------------------------------------------------

    def _exec(self, sql: str, params: Iterable[Any] = ()) -> Any:
        return self.db.execute(sql, tuple(params))

    def _many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        self.db.executemany(sql, rows)

    @contextmanager
    def _write(self) -> Iterator[None]:
        if self.readonly:
            raise StoreError(f"{self.path} is open read-only", hint="open_archive(..., readonly=False)")
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(f"the archive {self.path} stayed locked: {exc}",
                             hint="another run is writing it; try again when it ends") from exc
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            try:
                self.db.execute("COMMIT")
            except sqlite3.DatabaseError as exc:
                self.db.execute("ROLLBACK")
                raise StoreError(f"writing to {self.path} failed: {exc}", hint="check disk space") from exc

    def _fts_clause(self) -> str:
        return "SELECT d.doc_id FROM documents d WHERE d.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)"  # noqa: E501

    def _fts_param(self, text: str) -> str:
        # every word must occur (FTS5 implicit AND), quoted so that no word is read as an operator
        return " ".join(f'"{w}"' for w in re.findall(r"\w+", text.lower()))

    def _fts_put(self, doc_id: str, text: str | None) -> None:
        row = self._one("SELECT rowid FROM documents WHERE doc_id = ?", (doc_id,))
        if row is not None and text:
            self._exec("INSERT INTO documents_fts(rowid, doc_id, text) VALUES (?, ?, ?)", (row[0], doc_id, text))

    def _fts_drop(self, doc_id: str) -> None:
        # by rowid: a DELETE by the UNINDEXED doc_id would scan the index
        row = self._one("SELECT rowid FROM documents WHERE doc_id = ?", (doc_id,))
        if row is not None:
            self._exec("DELETE FROM documents_fts WHERE rowid = ?", (row[0],))

    def close(self) -> None:
        self.db.close()
