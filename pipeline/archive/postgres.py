"""The shared team backend: the same archive in a PostgreSQL database (psycopg 3).

``--out postgresql://user@host/db`` (``edaran run``) and ``--archive postgresql://...``
(``edaran query``) use it. Same tables, columns and views as the SQLite file (store.py);
full text through PostgreSQL's own search: a generated ``documents.tsv`` column
(``to_tsvector('simple', text)``) with a GIN index. Each write batch is one transaction that
first takes a transaction-scoped advisory lock, so concurrent runs into one database serialise
their batches (nothing is lost, no policy is consolidated from half a batch of another run).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from pipeline.archive.store import POLICY_TABLES, Archive
from pipeline.errors import ConfigError, StoreError

__all__ = ["PostgresArchive"]

_LOCK_KEY = 7_405_011  # pg_advisory_xact_lock key of edaran archive writers

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY, sha256 TEXT, version TEXT, status TEXT NOT NULL,
    line TEXT NOT NULL, text TEXT, updated_at TEXT NOT NULL,
    kind TEXT, publisher TEXT, url TEXT, published TEXT, last_attempt TEXT,
    tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(text, ''))) STORED);
CREATE INDEX IF NOT EXISTS documents_tsv ON documents USING gin(tsv);
CREATE TABLE IF NOT EXISTS records (
    record_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, authority TEXT NOT NULL,
    start TEXT, "end" TEXT, record TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS records_doc ON records(doc_id);
CREATE INDEX IF NOT EXISTS records_authority ON records(authority);
{POLICY_TABLES}INSERT INTO meta VALUES ('revision', 0) ON CONFLICT DO NOTHING;
CREATE OR REPLACE VIEW policy_quotas AS
    SELECT p.policy_id, p.authority_id, p.authority_name, p.from_day, p.to_day,
           q->>'mode' AS mode, q->>'op' AS op, (q->>'percent')::float AS percent, q->>'scope' AS scope,
           q->>'condition' AS condition
    FROM policies p, jsonb_array_elements(p.policy::jsonb->'quotas') q;
CREATE OR REPLACE VIEW policy_exemptions AS
    SELECT p.policy_id, p.authority_id, p.authority_name, x->>'category' AS category
    FROM policies p, jsonb_array_elements(p.policy::jsonb->'exemptions') x;
"""


def _q(sql: str) -> str:
    return sql.replace("?", "%s")


class PostgresArchive(Archive):
    """The archive in a PostgreSQL database given by a ``postgresql://`` URL."""

    backend = "postgresql"

    def __init__(self, url: str, *, readonly: bool = False) -> None:
        try:
            import psycopg
        except ImportError as exc:  # pragma: no cover - psycopg is a dependency
            raise ConfigError("psycopg is not installed", hint="pip install 'psycopg[binary]'") from exc
        self.target = re.sub(r"://([^:@/]*):[^@/]*@", r"://\1:***@", url)  # never print a password
        self.readonly = readonly
        self._psycopg = psycopg
        try:
            self.conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.ProgrammingError as exc:
            raise ConfigError(f"malformed archive URL {self.target}: {_first(exc)}",
                              hint="--archive/--out take postgresql://user@host:port/dbname") from exc
        except psycopg.Error as exc:
            raise ConfigError(f"cannot connect to {self.target}: {_first(exc)}",
                              hint="check the host, port, database and credentials in the URL") from exc
        try:
            if readonly:
                self.conn.execute("SET default_transaction_read_only = on")
                if self._one("SELECT to_regclass('policies')")[0] is None:  # type: ignore[index]
                    raise ConfigError(f"{self.target} is not an edaran archive (no policies table)",
                                      hint="--archive takes a database an `edaran run --out URL` wrote")
                return
            with self._write():
                self.conn.execute(_SCHEMA)
        except psycopg.Error as exc:
            self.conn.close()
            raise StoreError(f"cannot open the archive {self.target}: {_first(exc)}",
                             hint="the URL's user needs CREATE rights on the database") from exc
        except ConfigError:
            self.conn.close()  # a refused archive leaves no connection behind
            raise

    def _exec(self, sql: str, params: Iterable[Any] = ()) -> Any:
        try:
            return self.conn.execute(_q(sql), tuple(params))  # type: ignore[arg-type]
        except self._psycopg.OperationalError as exc:
            raise StoreError(f"the archive {self.target} failed: {_first(exc)}", hint="is the server up?") from exc

    def _many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        with self.conn.cursor() as cur:
            cur.executemany(_q(sql), rows)  # type: ignore[arg-type]

    @contextmanager
    def _write(self) -> Iterator[None]:
        if self.readonly:
            raise StoreError(f"{self.target} is open read-only", hint="open_archive(..., readonly=False)")
        with self.conn.transaction():
            self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
            yield

    def _fts_clause(self) -> str:
        return "SELECT d.doc_id FROM documents d WHERE d.tsv @@ plainto_tsquery('simple', ?)"

    def _fts_param(self, text: str) -> str:
        return " ".join(re.findall(r"\w+", text.lower()))

    def close(self) -> None:
        self.conn.close()


def _first(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
