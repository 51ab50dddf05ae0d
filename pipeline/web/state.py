"""The crawl state file (SQLite): conditional-request cache and robots cache (crawler.py adds
its own tables)."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from pipeline.web.dedupe import NEAR_DUP_JACCARD, band_keys, similarity
from pipeline.web.urls import normalize_url

if TYPE_CHECKING:
    from pipeline.web.client import Fetcher

__all__ = ["CrawlState", "DocIndex"]


# --- state (SQLite) -------------------------------------------------------------------------


class CrawlState:
    """The crawl state file: conditional-request cache, robots cache; ``DocIndex`` below adds the crawler's tables.

    ``pages``: url -> final url, status, etag, last-modified, body sha256, kind, fetched_at,
    canonical url (the archive index of snapshots). ``robots``: origin -> robots.txt.
    ``path=None`` keeps it in memory (one process).
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(path) if path else ":memory:", check_same_thread=False,
                                  isolation_level=None)
        self.lock = threading.RLock()
        with self.lock:
            if path is not None:
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript("""
                CREATE TABLE IF NOT EXISTS pages(
                    url TEXT PRIMARY KEY, final_url TEXT, status INTEGER, etag TEXT, last_modified TEXT,
                    sha256 TEXT, kind TEXT, content_type TEXT, fetched_at TEXT, canonical_url TEXT);
                CREATE TABLE IF NOT EXISTS robots(origin TEXT PRIMARY KEY, status INTEGER, body BLOB,
                    fetched_at REAL);
            """)

    def execute(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> list[tuple[Any, ...]]:
        with self.lock:
            return self.db.execute(sql, params).fetchall()

    def page(self, url: str) -> dict[str, Any] | None:
        rows = self.execute("SELECT final_url, status, etag, last_modified, sha256, kind, content_type, fetched_at,"
                            " canonical_url FROM pages WHERE url = ?", (url,))
        if not rows:
            return None
        keys = ("final_url", "status", "etag", "last_modified", "sha256", "kind", "content_type", "fetched_at",
                "canonical_url")
        return dict(zip(keys, rows[0], strict=True))

    def save_page(self, url: str, **values: Any) -> None:
        cols = ["url", *values]
        self.execute(f"INSERT INTO pages({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
                     f" ON CONFLICT(url) DO UPDATE SET {', '.join(f'{c}=excluded.{c}' for c in values)}",
                     (url, *values.values()))

    def close(self) -> None:
        with self.lock:
            self.db.close()


# --- the crawl state of documents --------------------------------------------------------------------


class DocIndex:
    """Tables in the fetcher's state file: documents yielded, their URLs and MinHash bands."""

    def __init__(self, fetcher: Fetcher) -> None:
        self.state = fetcher.state
        self.state.db.executescript("""
            CREATE TABLE IF NOT EXISTS docs(doc_id TEXT PRIMARY KEY, key TEXT, text_sha256 TEXT, status TEXT,
                urls TEXT, minhash BLOB, done INTEGER DEFAULT 0, updated_at TEXT, parts INTEGER DEFAULT 1);
            CREATE TABLE IF NOT EXISTS doc_urls(url_key TEXT PRIMARY KEY, doc_id TEXT);
            CREATE TABLE IF NOT EXISTS bands(band INTEGER, doc_id TEXT);
            CREATE INDEX IF NOT EXISTS bands_band ON bands(band);
        """)

    def doc(self, doc_id: str) -> dict[str, Any] | None:
        rows = self.state.execute("SELECT text_sha256, status, urls, done, updated_at, minhash, parts FROM docs"
                                  " WHERE doc_id = ?", (doc_id,))
        if not rows:
            return None
        sha, status, urls, done, updated, mh, parts = rows[0]
        return {"doc_id": doc_id, "text_sha256": sha, "status": status, "urls": json.loads(urls or "[]"),
                "done": bool(done), "updated_at": updated, "minhash": mh, "parts": parts or 1}

    def doc_for_url(self, url: str) -> dict[str, Any] | None:
        rows = self.state.execute("SELECT doc_id FROM doc_urls WHERE url_key = ?", (normalize_url(url),))
        return self.doc(rows[0][0]) if rows else None

    def near(self, sig: np.ndarray, exclude: set[str]) -> tuple[str, float] | None:
        bands = band_keys(sig)
        marks = ",".join("?" * len(bands))
        rows = self.state.execute(f"SELECT DISTINCT doc_id FROM bands WHERE band IN ({marks})", bands)
        best: tuple[str, float] | None = None
        for (doc_id,) in rows:
            if doc_id in exclude:
                continue
            other = self.doc(doc_id)
            if not other or not other["minhash"] or other["status"] != "ok":
                continue
            sim = similarity(sig, np.frombuffer(other["minhash"], dtype=np.uint64))
            if sim >= NEAR_DUP_JACCARD and (best is None or sim > best[1]):
                best = (doc_id, sim)
        return best

    def save(self, doc_id: str, key: str, text_sha: str | None, status: str, urls: list[str],
             sig: np.ndarray | None, parts: int = 1) -> None:
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self.state.lock:
            old = self.doc(doc_id)
            all_urls = list(dict.fromkeys([*(old["urls"] if old else []), *urls]))
            self.state.db.execute("BEGIN")
            try:
                self.state.db.execute(
                    "INSERT INTO docs(doc_id, key, text_sha256, status, urls, minhash, done, updated_at, parts)"
                    " VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?) ON CONFLICT(doc_id) DO UPDATE SET key=excluded.key,"
                    " text_sha256=excluded.text_sha256, status=excluded.status, urls=excluded.urls,"
                    " minhash=excluded.minhash, done=0, updated_at=excluded.updated_at, parts=excluded.parts",
                    (doc_id, key, text_sha, status, json.dumps(all_urls),
                     sig.tobytes() if sig is not None else None, now, parts))
                self.state.db.executemany("INSERT OR REPLACE INTO doc_urls VALUES (?, ?)",
                                          [(normalize_url(u), doc_id) for u in all_urls])
                self.state.db.execute("DELETE FROM bands WHERE doc_id = ?", (doc_id,))
                if sig is not None and status == "ok":
                    self.state.db.executemany("INSERT INTO bands VALUES (?, ?)",
                                              [(b, doc_id) for b in band_keys(sig)])
                self.state.db.execute("COMMIT")
            except BaseException:
                self.state.db.execute("ROLLBACK")
                raise

    def add_urls(self, doc_id: str, urls: Iterable[str]) -> None:
        old = self.doc(doc_id)
        if old is None:
            return
        merged = list(dict.fromkeys([*old["urls"], *urls]))
        with self.state.lock:
            if merged != old["urls"]:
                self.state.db.execute("UPDATE docs SET urls = ? WHERE doc_id = ?", (json.dumps(merged), doc_id))
            self.state.db.executemany("INSERT OR IGNORE INTO doc_urls VALUES (?, ?)",
                                      [(normalize_url(u), doc_id) for u in merged])

    def mark_done(self, doc_id: str) -> None:
        self.state.execute("UPDATE docs SET done = 1 WHERE doc_id = ?", (doc_id,))
