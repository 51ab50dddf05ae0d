"""URL -> ``RawDoc``: one polite, guarded HTTP client (httpx) for every web input.

What a fetch does, in order::

    clean the URL   (http/https only, no fragment, no tracking parameters; ``urls.py``)
    SSRF guard      (``transport.py``) a host that resolves to a private, loopback, link-local or reserved
                    address is refused before any connection, unless the user named the
                    origin (scheme, host and port of a URL given with ``user_named=True``
                    or in ``FetchSettings.allowed_hosts``; a bare host name: any port) or passed
                    ``allow_private=True``; the same check runs again when the socket is
                    opened (DNS rebinding), and the socket goes to the checked address
    robots.txt      fetched once per origin (cached in memory and in the state file for a
                    day), parsed with protego; Crawl-delay honoured (capped)
    per-host slot   one request at a time per host, ``per_host_delay_s`` between them
    GET             conditional (If-None-Match / If-Modified-Since from the state file),
                    redirects followed by hand (each hop re-checked; loops and more than
                    ``max_redirects`` hops are errors), raw body streamed through a bounded
                    decoder (one Content-Encoding at most; raw and decoded bytes capped) and
                    a whole-response deadline, content type checked before the body is read
    retry           429/5xx/timeouts/network errors are a TransientError: retried with
                    ``backoff_s`` or the server's Retry-After, then a FetchFailed; one budget
                    (``url_budget_s``) covers every attempt and wait of a URL ([E-TIMEOUT])
    sniff           kind = html | pdf | feed | sitemap | txt from content type + bytes
    snapshot        body and headers stored by content hash (``<sha256>.body`` and
                    ``<sha256>.headers.json``) so parsing can be re-run with no fetching
                    (``FetchSettings(offline=True)`` replays them)

Per-URL failures never raise: ``RawDoc.error`` carries the :class:`DocumentError`.
The state file (conditional requests, robots cache) is ``state.CrawlState``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
from protego import Protego

from pipeline.errors import (
    DocumentError,
    FetchFailed,
    TimedOut,
    TooLarge,
    TransientError,
    UnsupportedFormat,
)
from pipeline.models import RawDoc
from pipeline.web.state import CrawlState
from pipeline.web.transport import (
    ACCEPT_ENCODING,
    AddressGuard,
    Blocked,
    BoundedDecoder,
    GuardedBackend,
    Retry,
    gunzip,
    map_httpx_error,
    parse_retry_after,
    system_resolver,
    tls_context,
)
from pipeline.web.urls import Origin, clean_url, host_key, origin_key, url_doc_id

__all__ = [
    "FetchSettings",
    "Fetcher",
    "ROBOTS_AGENT",
    "USER_AGENT",
    "has_internal_dtd",
    "load_snapshots",
    "sniff_kind",
]

LOG = logging.getLogger(__name__)

USER_AGENT = "edaran/0.1 (+https://github.com/edaran; policy research)"
ROBOTS_AGENT = "edaran"  # the product token robots.txt groups are matched against

# HTTP statuses worth retrying: rate limiting, timeouts and server-side trouble.
TRANSIENT_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504, 520, 521, 522, 523, 524})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# RFC 9309 2.5: crawlers must parse at least 500 KiB of robots.txt; we read that much of a
# bigger one and parse it (a 10 MB file starting "Disallow: /" still disallows).
ROBOTS_MAX_BYTES = 512_000
# A robots.txt answer is reused for a day (RFC 9309 2.4: "should not use a cached version for more than 24 hours").
ROBOTS_TTL_S = 86_400.0
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_PDF_TYPES = frozenset({"application/pdf", "application/x-pdf", "application/acrobat", "applications/pdf"})
_XML_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
                        "text/xml", "application/x-rss+xml", "text/rss+xml", "application/rss"})
# Types that say nothing useful: the bytes decide.
_SNIFF_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream", "application/download",
                          "application/force-download", "application/x-download", "application/gzip",
                          "application/x-gzip", "text/plain", "application/unknown"})
_HOST_PREFIXES = ("www.", "m.", "mobile.", "amp.", "wap.")


# --- settings -----------------------------------------------------------------------------


@dataclass
class FetchSettings:
    """Every knob of the fetcher; the defaults are the polite production values."""

    timeout_s: float = 20.0  # connect / read / pool timeout (per operation)
    max_bytes: int = 10_000_000  # bigger bodies are TooLarge (checked while streaming)
    max_redirects: int = 5
    retries: int = 3  # extra attempts after a TransientError
    backoff_s: tuple[float, ...] = (2, 5, 15)  # wait before retry n (last value repeats)
    per_host_delay_s: float = 1.0  # between two requests to one host
    user_agent: str = USER_AGENT
    allowed_hosts: set[str] = field(default_factory=set)  # named by the user: private addresses allowed
    allow_private: bool = False  # allow private/loopback/link-local targets for every host
    snapshot_dir: Path | None = None  # <sha256>.body + <sha256>.headers.json
    state_path: Path | None = None  # SQLite: conditional-request cache, robots cache, crawl state
    # -- extras ---------------------------------------------------------------------------
    total_timeout_s: float | None = None  # whole response; default 6 x timeout_s (slow-drip servers)
    # one URL, every attempt and backoff wait included (a slow drip no longer costs retries x the
    # response deadline); default: one response deadline + the backoff waits
    url_budget_s: float | None = None
    max_retry_after_s: float = 120.0  # a longer Retry-After gives up at once instead of waiting
    max_crawl_delay_s: float = 30.0  # robots.txt Crawl-delay is honoured up to this
    robots: bool = True  # obey robots.txt
    verify_tls: bool = True
    conditional: bool = True  # send If-None-Match / If-Modified-Since from the state file
    offline: bool = False  # replay snapshots (state_path + snapshot_dir), never touch the network
    workers: int = 4  # crawl.expand fetches this many URLs at once (still one at a time per host)
    accept_language: str = "id,en;q=0.7"

# --- kinds --------------------------------------------------------------------------------

_ROOT_RE = re.compile(rb"<\s*([A-Za-z][\w:.\-]*)")
_PROLOG_RE = re.compile(rb"\A(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\]\s*)?>)*", re.S | re.I)
# A DOCTYPE with an internal subset ("<!DOCTYPE rss [ <!ENTITY ...> ]>"): entity declarations.
_INTERNAL_DTD_RE = re.compile(rb"<!DOCTYPE[^>\[]*\[", re.I)


def has_internal_dtd(body: bytes) -> bool:
    """True when an XML prolog declares a DTD internal subset (entities: XXE, billion laughs)."""
    prolog = _PROLOG_RE.match(body[:65536].lstrip(b"\xef\xbb\xbf\x00 \t\r\n"))
    return bool(prolog and _INTERNAL_DTD_RE.search(prolog.group(0)))


def sniff_kind(body: bytes, mime: str = "") -> str:
    """'html' | 'pdf' | 'feed' | 'sitemap' | 'txt' | 'unknown' from the first bytes (+ content type)."""
    head = body[:4096].lstrip(b"\xef\xbb\xbf\x00 \t\r\n")
    if head.startswith(b"%PDF-"):
        return "pdf"
    low = head.lower()
    prolog = _PROLOG_RE.match(low)
    m = _ROOT_RE.match(low, prolog.end() if prolog else 0)
    root = m.group(1).decode("ascii", "replace").split(":")[-1] if m else ""
    if root in ("rss", "feed", "rdf"):
        return "feed"
    if root in ("urlset", "sitemapindex"):
        return "sitemap"
    if root in ("html", "head", "body") or b"<!doctype html" in low[:512] or mime in _HTML_TYPES:
        return "html"
    if mime in _PDF_TYPES:
        return "pdf"
    if mime == "text/plain" or (not m and head[:1].isalpha()):
        lines = [ln.strip() for ln in body[:200_000].splitlines() if ln.strip()]
        if lines and all(ln.startswith((b"http://", b"https://")) for ln in lines[:50]):
            return "sitemap"  # a text sitemap: one URL a line
        return "txt" if mime == "text/plain" else "unknown"
    return "unknown"


def _mime_allowed(mime: str) -> bool:
    return mime in _HTML_TYPES or mime in _PDF_TYPES or mime in _XML_TYPES or mime in _SNIFF_TYPES

# --- the fetcher ------------------------------------------------------------------------------


@dataclass
class _Response:
    url: str  # final URL
    status: int
    headers: dict[str, str]
    body: bytes | None  # None for 304
    kind: str
    chain: list[str]


class Fetcher:
    """The HTTP client of a run. ``fetch(url)`` -> RawDoc; thread-safe; a context manager.

    ``resolver(host, port) -> [ip, ...]`` and ``sleep(seconds)`` can be replaced (tests map
    fake host names to 127.0.0.1 and record waits instead of sleeping).
    """

    def __init__(self, settings: FetchSettings | None = None, *,
                 resolver: Callable[[str, int], list[str]] | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.settings = s = settings or FetchSettings()
        self._sleep = sleep
        self.allowed_hosts: set[Origin] = {origin_key(h) for h in s.allowed_hosts if h}
        self._guard = AddressGuard(self.allowed_hosts, s.allow_private, resolver or system_resolver)
        transport = httpx.HTTPTransport(verify=tls_context() if s.verify_tls else False, retries=0)
        pool = getattr(transport, "_pool", None)
        if pool is not None and hasattr(pool, "_network_backend"):
            pool._network_backend = GuardedBackend(self._guard)  # connect-time check + pinned address
        else:  # httpcore changed its internals: the pre-connection check still runs
            LOG.warning("httpcore has no _network_backend: connect-time address check disabled")
        self._client = httpx.Client(
            transport=transport, follow_redirects=False, trust_env=False,
            timeout=httpx.Timeout(s.timeout_s),
            headers={"User-Agent": s.user_agent, "Accept-Language": s.accept_language,
                     "Accept-Encoding": ACCEPT_ENCODING,
                     "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,application/pdf,"
                               "application/rss+xml,application/atom+xml,*/*;q=0.5"})
        self.state = CrawlState(s.state_path)
        self._robots: dict[str, Protego | None] = {}
        self._robots_locks: dict[str, threading.Lock] = {}
        self._host_locks: dict[str, threading.Lock] = {}
        self._next_slot: dict[str, float] = {}
        self._host_delay: dict[str, float] = {}
        self._locks_lock = threading.Lock()
        self.stats: Counter[str] = Counter()
        if s.snapshot_dir is not None:
            Path(s.snapshot_dir).mkdir(parents=True, exist_ok=True)

    # -- lifecycle ---------------------------------------------------------------------------

    def close(self) -> None:
        self._client.close()
        self.state.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- configuration -----------------------------------------------------------------------

    def allow_host(self, host_or_url: str) -> None:
        """Mark an origin as named by the user: its private addresses may be fetched. A URL opens
        its scheme, host and port only; a bare host name every port (see :func:`origin_key`)."""
        key = origin_key(host_or_url)
        if key[1]:
            self.allowed_hosts.add(key)

    def set_host_delay(self, host_or_url: str, seconds: float) -> None:
        """Per-host politeness override (a source's ``rate``); robots Crawl-delay still applies."""
        self._host_delay[host_key(host_or_url)] = max(0.0, float(seconds))

    # -- fetching ---------------------------------------------------------------------------

    def fetch(self, url: str, *, user_named: bool = False, conditional: bool | None = None) -> RawDoc:
        """GET one URL. Never raises for a per-URL failure: ``RawDoc.error`` is set instead.

        ``meta``: headers, final_url, sha256, content_type, snapshot, redirects,
        ``not_modified`` (304; ``data`` comes from the snapshot when there is one) and
        ``unchanged`` (the body equals the last fetch's).
        """
        fetched_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        doc = RawDoc(doc_id=url_doc_id(url) if url else "web_invalid", data=b"", kind="unknown", source=url,
                     url=url, urls=[url], fetched_at=fetched_at)
        try:
            target = clean_url(url)
            if user_named:
                self.allow_host(target)
            doc.url = target
            if self.settings.offline:
                return self._replay(doc, target)
            self.stats["fetches"] += 1
            prev = self.state.page(target)
            use_cond = self.settings.conditional if conditional is None else conditional
            headers: dict[str, str] = {}
            if use_cond and prev and prev.get("sha256") and prev.get("status") == 200:
                if prev.get("etag"):
                    headers["If-None-Match"] = prev["etag"]
                if prev.get("last_modified"):
                    headers["If-Modified-Since"] = prev["last_modified"]
            resp = self._fetch_with_retries(target, headers)
            self._fill(doc, target, resp, prev)
        except DocumentError as exc:
            doc.error = exc
            self.stats["errors"] += 1
        return doc

    def _fill(self, doc: RawDoc, target: str, resp: _Response, prev: dict[str, Any] | None) -> None:
        doc.http_status = resp.status
        doc.url = resp.url
        doc.urls = list(dict.fromkeys([doc.source, target, resp.url]))
        doc.doc_id = url_doc_id(resp.url)
        meta: dict[str, Any] = {"headers": resp.headers, "final_url": resp.url, "redirects": resp.chain,
                                "content_type": resp.headers.get("content-type", "")}
        if resp.body is None:  # 304 Not Modified
            self.stats["not_modified"] += 1
            sha = (prev or {}).get("sha256")
            body = self.load_snapshot(sha) if sha else None
            doc.data = body or b""
            doc.kind = (prev or {}).get("kind") or "unknown"
            meta.update(sha256=sha, not_modified=True, unchanged=True)
            doc.sha256 = sha
            self.state.save_page(target, fetched_at=doc.fetched_at)
        else:
            sha = hashlib.sha256(resp.body).hexdigest()
            doc.data = resp.body
            doc.kind = resp.kind
            unchanged = bool(prev and prev.get("sha256") == sha)
            self.stats["unchanged" if unchanged else "changed"] += 1
            meta.update(sha256=sha, not_modified=False, unchanged=unchanged)
            doc.sha256 = sha
            meta["snapshot"] = self._write_snapshot(sha, resp, target, doc.fetched_at)
            self.state.save_page(target, final_url=resp.url, status=resp.status,
                                 etag=resp.headers.get("etag"), last_modified=resp.headers.get("last-modified"),
                                 sha256=sha, kind=resp.kind, content_type=meta["content_type"],
                                 fetched_at=doc.fetched_at)
        doc.meta.update(meta)

    def _fetch_with_retries(self, url: str, headers: dict[str, str]) -> _Response:
        s = self.settings
        attempts = max(0, s.retries) + 1
        waits = sum(s.backoff_s[min(k, len(s.backoff_s) - 1)] for k in range(attempts - 1)) if s.backoff_s else 0.0
        budget = s.url_budget_s or (s.total_timeout_s or 6 * s.timeout_s) + waits
        budget_end = time.monotonic() + budget  # every attempt and wait of this URL (slow drips)
        last: TransientError | None = None
        for attempt in range(attempts):
            try:
                return self._fetch_once(url, headers, budget_end=budget_end)
            except TransientError as exc:
                last = exc
                retry_after = getattr(exc, "retry_after", None)
                if retry_after is not None and retry_after > s.max_retry_after_s:
                    raise FetchFailed(f"{exc.message}; the server asks to wait {retry_after:.0f} s",
                                      hint=f"over max_retry_after_s={s.max_retry_after_s:.0f}; try later") from exc
                if attempt + 1 >= attempts:
                    break
                delay = s.backoff_s[min(attempt, len(s.backoff_s) - 1)] if s.backoff_s else 0.0
                if retry_after is not None:
                    delay = max(delay, retry_after)
                if time.monotonic() + delay >= budget_end:
                    raise TimedOut(f"{url}: no complete answer within {budget:.0f} s over {attempt + 1} attempt(s): "
                                   f"{exc.message}", hint="the server is too slow; a later crawl retries "
                                                          "(FetchSettings.url_budget_s)") from exc
                self.stats["retries"] += 1
                LOG.info("retrying %s in %.1f s: %s", url, delay, exc.message)
                if delay > 0:
                    self._sleep(delay)
        assert last is not None
        raise FetchFailed(f"gave up after {attempts} attempt(s): {last.message}",
                          hint="the server kept failing; a later crawl retries") from last

    def _fetch_once(self, url: str, headers: dict[str, str], *, robots: bool = True,
                    max_bytes: int | None = None, truncate: bool = False,
                    budget_end: float | None = None) -> _Response:
        """One GET with redirects followed by hand; raises TransientError / DocumentError."""
        chain = [url]
        current = url
        hdrs = dict(headers)
        for _hop in range(self.settings.max_redirects + 1):
            parts = urlsplit(current)
            self._guard.resolve(parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80),
                                parts.scheme)
            if robots:
                self._check_robots(current)
            location: str | None = None
            with self._host_slot(current):
                try:
                    with self._client.stream("GET", current, headers=hdrs) as resp:
                        if resp.status_code in REDIRECT_STATUSES and resp.headers.get("location"):
                            location = resp.headers["location"]
                        else:
                            return self._read(resp, current, chain, max_bytes or self.settings.max_bytes,
                                              truncate=truncate, budget_end=budget_end)
                except httpx.HTTPError as exc:
                    raise map_httpx_error(exc, current) from exc
            try:
                nxt = clean_url(location, base=current)
            except FetchFailed as exc:
                raise FetchFailed(f"{current} redirects to an unusable address: {exc.message}",
                                  hint="the site's redirect is broken") from exc
            if nxt in chain:
                raise FetchFailed(f"redirect loop: {' -> '.join([*chain, nxt])}",
                                  hint="the site's redirects are broken")
            chain.append(nxt)
            current = nxt
            hdrs = {}  # validators belong to the first URL
        raise FetchFailed(f"more than {self.settings.max_redirects} redirects: {' -> '.join(chain)}",
                          hint="raise FetchSettings.max_redirects if the site really needs that many")

    def _read(self, resp: httpx.Response, url: str, chain: list[str], max_bytes: int, *,
              truncate: bool = False, budget_end: float | None = None) -> _Response:
        status = resp.status_code
        headers = {k.lower(): v for k, v in resp.headers.items()}
        if status == 304:
            return _Response(url, status, headers, None, "unknown", chain)
        if status in TRANSIENT_STATUSES:
            raise Retry(f"{url}: HTTP {status}", retry_after=parse_retry_after(headers.get("retry-after")))
        if status >= 400:
            raise FetchFailed(f"{url}: HTTP {status} {resp.reason_phrase}".rstrip(), hint=_status_hint(status))
        if not 200 <= status < 300:
            raise FetchFailed(f"{url}: unexpected HTTP {status}", hint="the server answered oddly")
        mime = headers.get("content-type", "").split(";", 1)[0].strip().lower()
        if not _mime_allowed(mime):
            raise UnsupportedFormat(f"{url}: content type {mime!r} is not HTML, PDF, a feed or a sitemap",
                                    hint="give the article page, the PDF or the feed")
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes and not truncate:
            raise TooLarge(f"{url}: {int(declared):,} bytes is over the limit of {max_bytes:,}",
                           hint="raise FetchSettings.max_bytes if this document is genuine")
        total = self.settings.total_timeout_s or 6 * self.settings.timeout_s
        deadline = time.monotonic() + total
        if budget_end is not None and budget_end < deadline:
            deadline, total = budget_end, max(0.0, budget_end - time.monotonic())
        decoder = BoundedDecoder(headers.get("content-encoding", ""), max_bytes, url, truncate=truncate)
        body = bytearray()
        # raw bytes: httpx would decode a whole "gzip, gzip" stack before any cap is checked
        for chunk in resp.iter_raw():
            body += decoder.feed(chunk)
            if decoder.full:
                break
            if time.monotonic() > deadline:
                raise Retry(f"{url}: the response took longer than {total:.0f} s", hint="slow server; retried")
        if not decoder.full:
            body += decoder.flush()
        data = bytes(body)
        if data[:2] == b"\x1f\x8b" and mime not in _PDF_TYPES:  # .xml.gz sitemaps, gzip sent as a file
            data = gunzip(data, max_bytes, url)
        if truncate:  # robots.txt: the first max_bytes are the rules (RFC 9309 2.5)
            return _Response(url, status, headers, data, "txt", chain)
        kind = sniff_kind(data, mime)
        if kind == "unknown":
            raise UnsupportedFormat(f"{url}: {mime or 'untyped'} content is not HTML, PDF, a feed or a sitemap",
                                    hint="give the article page, the PDF or the feed")
        return _Response(url, status, headers, data, kind, chain)

    # -- politeness ------------------------------------------------------------------------

    @contextmanager
    def _host_slot(self, url: str) -> Iterator[None]:
        """One request at a time per host, ``delay`` seconds apart (Scrapy DOWNLOAD_DELAY)."""
        key = urlsplit(url).netloc.lower()
        with self._locks_lock:
            lock = self._host_locks.setdefault(key, threading.Lock())
        with lock:
            wait = self._next_slot.get(key, 0.0) - time.monotonic()
            if wait > 0:
                self._sleep(wait)
            try:
                yield
            finally:
                self._next_slot[key] = time.monotonic() + self._delay_for(key)

    def _delay_for(self, netloc: str) -> float:
        host = host_key(netloc)
        delay = self._host_delay.get(host, self.settings.per_host_delay_s)
        parser = self._robots.get(netloc)
        if parser is not None:
            crawl_delay = parser.crawl_delay(ROBOTS_AGENT)
            if crawl_delay:
                delay = max(delay, min(float(crawl_delay), self.settings.max_crawl_delay_s))
        return delay

    def _check_robots(self, url: str) -> None:
        if not self.settings.robots:
            return
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        parser = self._robots_for(origin, parts.netloc.lower())
        if parser is not None and not parser.can_fetch(url, ROBOTS_AGENT):
            self.stats["robots_disallowed"] += 1
            raise FetchFailed(f"{url}: disallowed by {origin}/robots.txt for {ROBOTS_AGENT!r}; not fetched",
                              hint="the site asks crawlers to stay out of this path")

    def _robots_for(self, origin: str, netloc: str) -> Protego | None:
        if netloc in self._robots:
            return self._robots[netloc]
        with self._locks_lock:
            lock = self._robots_locks.setdefault(netloc, threading.Lock())
        with lock:
            if netloc in self._robots:
                return self._robots[netloc]
            rows = self.state.execute("SELECT status, body, fetched_at FROM robots WHERE origin = ?", (origin,))
            if rows and rows[0][2] + ROBOTS_TTL_S > time.time():
                status, body = rows[0][0], rows[0][1]
            else:
                status, body = self._download_robots(origin)
                if status < 500:  # unreachable answers are not kept across runs
                    self.state.execute("INSERT OR REPLACE INTO robots VALUES (?, ?, ?, ?)",
                                       (origin, status, body, time.time()))
            parser = _robots_parser(status, body)
            self._robots[netloc] = parser
            return parser

    def _download_robots(self, origin: str) -> tuple[int, bytes]:
        """(status, body) of robots.txt; status 599 when it could not be reached."""
        self.stats["robots_fetches"] += 1
        try:
            resp = self._fetch_once(origin + "/robots.txt", {}, robots=False, max_bytes=ROBOTS_MAX_BYTES,
                                    truncate=True)
            body = resp.body or b""
            if len(body) >= ROBOTS_MAX_BYTES:  # cut: the last line may be half a rule
                body = body[: body.rfind(b"\n") + 1]
            return resp.status, body
        except FetchFailed as exc:
            m = re.search(r"HTTP (\d{3})", exc.message)
            if m:
                return int(m.group(1)), b""
            if isinstance(exc, Blocked):
                raise
            return 599, b""
        except UnsupportedFormat:
            return 404, b""
        except TransientError as exc:
            m = re.search(r"HTTP (\d{3})", exc.message)
            return (int(m.group(1)) if m else 599), b""

    # -- snapshots ---------------------------------------------------------------------------

    def _write_snapshot(self, sha: str, resp: _Response, url: str, fetched_at: str | None) -> str | None:
        d = self.settings.snapshot_dir
        if d is None or resp.body is None:
            return None
        d = Path(d)
        body_path = d / f"{sha}.body"
        if not body_path.exists():
            _atomic_write(body_path, resp.body)
        head_path = d / f"{sha}.headers.json"
        record: dict[str, Any] = {}
        if head_path.exists():
            try:
                record = json.loads(head_path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                record = {}
        urls = list(dict.fromkeys([*record.get("urls", []), url, resp.url]))
        record.update(sha256=sha, url=url, final_url=resp.url, status=resp.status, fetched_at=fetched_at,
                      kind=resp.kind, content_type=resp.headers.get("content-type", ""), headers=resp.headers,
                      urls=urls, redirects=resp.chain)
        record.setdefault("canonical_url", None)
        _atomic_write(head_path, json.dumps(record, ensure_ascii=False, indent=1).encode())
        return str(body_path)

    def load_snapshot(self, sha: str) -> bytes | None:
        d = self.settings.snapshot_dir
        if d is None or not sha:
            return None
        p = Path(d) / f"{sha}.body"
        try:
            return p.read_bytes()
        except OSError:
            return None

    def annotate(self, url: str, sha: str | None, *, canonical_url: str | None) -> None:
        """Record the canonical URL a page declared (state file and snapshot headers)."""
        try:
            self.state.execute("UPDATE pages SET canonical_url = ? WHERE url = ?", (canonical_url, clean_url(url)))
        except FetchFailed:
            return
        d = self.settings.snapshot_dir
        if d is None or not sha:
            return
        head_path = Path(d) / f"{sha}.headers.json"
        try:
            record = json.loads(head_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if record.get("canonical_url") != canonical_url:
            record["canonical_url"] = canonical_url
            _atomic_write(head_path, json.dumps(record, ensure_ascii=False, indent=1).encode())

    def _replay(self, doc: RawDoc, url: str) -> RawDoc:
        """Offline mode: the last snapshot of ``url`` (or FetchFailed)."""
        page = self.state.page(url)
        body = self.load_snapshot(page["sha256"]) if page and page.get("sha256") else None
        if page is None or body is None:
            doc.error = FetchFailed(f"{url}: no snapshot (offline replay)",
                                    hint="fetch it once without offline=True, with the same state and snapshot paths")
            return doc
        final = page.get("final_url") or url
        doc.data, doc.kind, doc.url = body, page.get("kind") or sniff_kind(body), final
        doc.sha256 = page["sha256"]
        doc.urls = list(dict.fromkeys([doc.source, url, final]))
        doc.doc_id = url_doc_id(final)
        doc.http_status = page.get("status")
        doc.fetched_at = page.get("fetched_at")
        doc.meta.update(headers={"content-type": page.get("content_type") or ""}, final_url=final,
                        sha256=page["sha256"], not_modified=False, unchanged=False, replayed=True,
                        content_type=page.get("content_type") or "", redirects=[url])
        return doc

def _robots_parser(status: int, body: bytes) -> Protego | None:
    """RFC 9309: 2xx -> the rules; 4xx -> no rules; 5xx / unreachable -> disallow everything."""
    if 200 <= status < 300:
        try:
            return Protego.parse(body.decode("utf-8", "replace"))
        except Exception:  # protego on garbage: treat as no rules
            return None
    if 400 <= status < 500:
        return None
    return Protego.parse("User-agent: *\nDisallow: /\n")


def _status_hint(status: int) -> str:
    if status in (401, 403):
        return "the site refuses this request (login or bot protection)"
    if status in (404, 410):
        return "the page is gone or the URL is wrong"
    return "the server refused the request"

def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def load_snapshots(snapshot_dir: Path) -> Iterator[RawDoc]:
    """Every stored snapshot as a RawDoc (url, canonical url, fetch time, status): re-parse with no fetching.

    For the full crawl logic (pagination joined, feeds expanded) replay instead with
    ``Fetcher(FetchSettings(offline=True, snapshot_dir=..., state_path=...))``.
    """
    for head in sorted(Path(snapshot_dir).glob("*.headers.json")):
        try:
            record = json.loads(head.read_text(encoding="utf-8"))
            body = head.with_name(head.name.replace(".headers.json", ".body")).read_bytes()
        except (OSError, ValueError):
            continue
        url = record.get("canonical_url") or record.get("final_url") or record.get("url")
        yield RawDoc(doc_id=url_doc_id(url), data=body, kind=record.get("kind") or sniff_kind(body),
                     source=record.get("url") or url, url=url, canonical_url=record.get("canonical_url"),
                     urls=record.get("urls") or [url], fetched_at=record.get("fetched_at"),
                     http_status=record.get("status"), sha256=record.get("sha256"),
                     meta={"headers": {"content-type": record.get("content_type", "")},
                           "sha256": record.get("sha256")})
