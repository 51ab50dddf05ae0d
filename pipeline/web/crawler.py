"""URLs and sources -> one ``RawDoc`` per article or PDF: expansion, joining, dedupe, increments.

::

    expand(urls, fetcher)          URLs a user typed: articles, feeds, sitemaps, listing pages, PDFs
    crawl(load_sources(p), f)      the sources file: feeds, sitemaps, listing pages (+ keyword filters, rates)

How a URL becomes documents (the work runs ``FetchSettings.workers`` URLs at a time,
one at a time per host; accepting and yielding is in order, on the caller's thread):

    feed (RSS/Atom, feedparser)   -> its items; sitemap (index, news, text; lxml) -> its URLs
    listing page                  -> links matching ``link_pattern`` (articles) /
                                     ``detail_pattern`` (pages holding PDFs) + PDF links
    article page                  -> AMP resolved to its canonical page, "Read All" preferred,
                                     else pages 2..n joined; relevance test (NotRelevant);
                                     PDFs linked in the text fetched as their own documents
    PDF                           -> kind "pdf"

Duplicates: one article under several URLs (tracking parameters, AMP, m./amp. hosts) is
fetched once (``urls.normalize_url`` keys); one story syndicated across sites (near-
identical text: MinHash over word 4-shingles, Jaccard >= NEAR_DUP_JACCARD) is yielded once
with every URL in ``RawDoc.urls`` and the copies in ``meta["syndicated"]``.

Increments: the state file (``FetchSettings.state_path``) remembers every yielded document
(doc_id, text hash, URLs, MinHash bands). A page answered 304, or whose body or text is
unchanged, is not yielded again; so a second crawl with nothing new yields nothing. A
document is marked done when the caller asks for the next one (after it has been handled).

An article's ``RawDoc.page`` is its parsed ``HtmlDoc`` (pages joined, metadata merged), which
the parse stage uses as is; ``RawDoc.data`` keeps the bytes of the page as fetched and
``RawDoc.sha256`` hashes the parsed article. Every body fetched is in the snapshots
(``meta["snapshots"]`` lists their sha256).
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import threading
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlsplit

import feedparser
import numpy as np
from lxml import etree

from pipeline.errors import (
    DocumentError,
    FetchFailed,
    NotRelevant,
    ParseFailed,
    UnsupportedFormat,
)
from pipeline.models import RawDoc
from pipeline.web.client import Fetcher, has_internal_dtd
from pipeline.web.dedupe import (
    NEAR_DUP_JACCARD,
    band_keys,
    minhash,
    similarity,
    text_sha,
)
from pipeline.web.html import HtmlDoc, page_number, parse_html
from pipeline.web.relevance import (
    cues,
    irrelevance_reason,
    matches_keywords,
)
from pipeline.web.sources import Source, Sources, load_sources
from pipeline.web.state import DocIndex
from pipeline.web.urls import clean_url, host_of, normalize_url, url_doc_id

__all__ = ["Crawler", "Source", "Sources", "crawl", "expand", "load_sources"]  # sources re-exported: the crawl API

LOG = logging.getLogger(__name__)

MAX_PAGES = 20  # pages of one article joined at most (a pagination loop stops here)
MAX_SITEMAP_DEPTH = 3  # sitemap index -> index -> sitemap
# Child sitemaps of an index followed (newest lastmod first): news indexes list one per day.
MAX_CHILD_SITEMAPS = 5
CHUNK = 500  # tasks fetched before the accepted documents are yielded (memory bound)

_NON_ARTICLE_EXT = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|css|js|ico|zip|rar|mp[34]|docx?|xlsx?|pptx?|xml|json)$",
                              re.I)


# --- tasks and results ---------------------------------------------------------------------------------


@dataclass
class _Task:
    url: str
    role: str  # auto | feed | sitemap | listing | detail | article | pdf
    source: Source | None = None
    hints: dict[str, Any] = field(default_factory=dict)  # title, published, publisher, via, lastmod
    depth: int = 0
    user_named: bool = False


@dataclass
class _Candidate:
    """A document ready to be accepted (deduplicated, compared with the state) and yielded."""

    raw: RawDoc
    key: str
    text_sha: str | None
    sig: np.ndarray | None
    status: str  # ok | skipped
    page_urls: list[str] = field(default_factory=list)
    when: str = ""  # publication time (feed/sitemap datetime or page date): the earliest copy is the original


@dataclass
class _Outcome:
    candidates: list[_Candidate] = field(default_factory=list)
    errors: list[RawDoc] = field(default_factory=list)
    tasks: list[_Task] = field(default_factory=list)
    skipped: int = 0


# --- the crawler ---------------------------------------------------------------------------------------


class Crawler:
    """One run over URLs or sources; ``stats`` counts what happened (for logs and benchmarks)."""

    def __init__(self, fetcher: Fetcher, *, relevance: bool = True, follow_pdfs: bool = True,
                 incremental: bool = True, max_items: int = 200, max_pages: int = MAX_PAGES,
                 max_sitemaps: int = MAX_CHILD_SITEMAPS, chunk: int = CHUNK) -> None:
        self.fetcher = fetcher
        self.relevance = relevance
        self.follow_pdfs = follow_pdfs
        self.incremental = incremental
        self.max_items = max_items
        self.max_pages = max_pages
        self.max_sitemaps = max_sitemaps
        self._stats_lock = threading.Lock()
        self.chunk = max(1, chunk)
        self.index = DocIndex(fetcher)
        self.stats: Counter[str] = Counter()
        self._seen: set[str] = set()  # url keys already queued
        self._aliases: dict[str, set[str]] = {}  # url key -> URLs seen for it
        self._pending: dict[str, _Candidate] = {}  # doc_id -> accepted, not yet yielded (this chunk)
        self._by_key: dict[str, str] = {}  # url key -> doc_id of this run
        self._sigs: dict[str, np.ndarray] = {}  # doc_id -> signature, this run's documents
        self._bands: dict[int, set[str]] = {}  # LSH band key -> doc_ids of this run
        self._yielded: set[str] = set()

    def _count(self, name: str, n: int = 1) -> None:
        if n:
            with self._stats_lock:
                self.stats[name] += n

    # -- entry points ------------------------------------------------------------------------------

    def expand(self, urls: Iterable[str]) -> Iterator[RawDoc]:
        tasks = []
        for url in urls:
            self.fetcher.allow_host(url)
            tasks.append(_Task(url=url, role="auto", user_named=True))
        return self._run(tasks)

    def crawl(self, sources: Sources) -> Iterator[RawDoc]:
        for host in sources.allowed_hosts:
            self.fetcher.allow_host(host)
        tasks = []
        for src in sources.sources:
            if not src.enabled:
                continue
            if src.rate is not None:
                self.fetcher.set_host_delay(src.url, src.rate)
            role = {"feed": "feed", "sitemap": "sitemap", "listing": "listing", "page": "auto"}.get(src.kind, "auto")
            tasks.append(_Task(url=src.url, role=role, source=src, user_named=True, hints={"via": src.name}))
        return self._run(tasks)

    # -- the loop ------------------------------------------------------------------------------------

    def _run(self, seeds: list[_Task]) -> Iterator[RawDoc]:
        queue: deque[_Task] = deque()
        for t in seeds:
            self._enqueue(t, queue)
        workers = max(1, getattr(self.fetcher.settings, "workers", 1))
        pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="edaran-fetch")
        try:
            while queue:
                batch = [queue.popleft() for _ in range(min(self.chunk, len(queue)))]
                out: list[RawDoc] = []
                for outcome in pool.map(self._work_safe, batch):
                    self._count("skipped_unchanged", outcome.skipped)
                    out.extend(e for e in outcome.errors if self._new_failure(e))
                    for cand in outcome.candidates:
                        self._accept(cand)
                    for t in outcome.tasks:
                        self._enqueue(t, queue)
                out.extend(self._flush())
                for raw in out:
                    self._count("yielded")
                    yield raw
                    self.index.mark_done(raw.doc_id)  # the caller has handled it
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def _new_failure(self, raw: RawDoc) -> bool:
        """A failure not reported by the last crawl in the same words (else it is not yielded again)."""
        if not self.incremental:
            return True
        if raw.doc_id in self._pending or raw.doc_id in self._yielded:
            return False  # this URL already gave a document in this run (another route to it failed)
        fingerprint = text_sha(str(raw.error))
        known = self.index.doc(raw.doc_id)
        if known and known["done"] and known["status"] == "failed" and known["text_sha256"] == fingerprint:
            self._count("known_failures")
            return False
        key = normalize_url(raw.url or raw.source)
        self.index.save(raw.doc_id, key, fingerprint, "failed", raw.urls, None)
        self._yielded.add(raw.doc_id)
        return True

    def _enqueue(self, task: _Task, queue: deque[_Task]) -> None:
        try:
            key = normalize_url(clean_url(task.url))
        except FetchFailed:
            key = task.url
        if task.role in ("article", "pdf", "auto"):
            self._aliases.setdefault(key, set()).add(task.url)
        if key in self._seen:
            self._count("duplicate_urls")
            return
        self._seen.add(key)
        queue.append(task)

    def _work_safe(self, task: _Task) -> _Outcome:
        try:
            return self._work(task)
        except DocumentError as exc:
            return _Outcome(errors=[self._error(task, exc)])
        except Exception as exc:  # a bug in a parser must not stop the crawl: recorded per document
            LOG.exception("crawl of %s failed", task.url)
            return _Outcome(errors=[self._error(task, ParseFailed(f"{type(exc).__name__}: {exc}",
                                                                  hint="a bug: please report this URL"))])

    def _error(self, task: _Task, exc: Exception, raw: RawDoc | None = None) -> RawDoc:
        self._count("errors" if not isinstance(exc, NotRelevant) else "not_relevant")
        doc = raw or RawDoc(doc_id=url_doc_id(task.url), data=b"", kind="unknown", source=task.url, url=task.url,
                            urls=[task.url])
        doc.error = exc
        doc.data = b""
        doc.meta = {"role": task.role, **({"via": task.hints["via"]} if task.hints.get("via") else {})}
        return doc

    # -- one task (worker thread) -----------------------------------------------------------------------

    def _work(self, task: _Task) -> _Outcome:
        if task.role in ("article", "pdf") and self._fresh_in_state(task):
            return _Outcome(skipped=1)
        raw = self.fetcher.fetch(task.url, user_named=task.user_named)
        self._count("fetched")
        if raw.error is not None:
            return _Outcome(errors=[self._error(task, raw.error, raw)])
        if raw.meta.get("not_modified") and not raw.data:
            raw = self.fetcher.fetch(task.url, user_named=task.user_named, conditional=False)
            if raw.error is not None:
                return _Outcome(errors=[self._error(task, raw.error, raw)])
        kind, role = raw.kind, task.role
        if kind == "feed" and role in ("auto", "feed", "sitemap"):
            return self._feed(task, raw)
        if kind == "sitemap" and role in ("auto", "feed", "sitemap"):
            return self._sitemap(task, raw)
        if kind == "pdf":
            return self._pdf(task, raw)
        if kind == "html" and role in ("listing", "detail"):
            return self._listing(task, raw)
        if kind == "html":
            return self._article(task, raw)
        if kind == "txt" and role == "auto":
            return _Outcome(candidates=[self._plain(task, raw)])
        raise UnsupportedFormat(f"{raw.url}: a {kind} document where a {role} was expected",
                                hint="check the source kind in the sources file")

    def _fresh_in_state(self, task: _Task) -> bool:
        """A feed/sitemap entry whose date is older than our last successful read: no request at all."""
        if not self.incremental or not task.hints.get("lastmod"):
            return False
        known = self.index.doc_for_url(task.url)
        if not known or not known["done"] or not known["updated_at"]:
            return False
        return bool(task.hints["lastmod"] < known["updated_at"])

    def _unchanged(self, raw: RawDoc, task: _Task) -> bool:
        """Same bytes as the last fetch (304 or equal sha) and that document was already handled."""
        if not self.incremental or not raw.meta.get("unchanged"):
            return False
        known = self.index.doc_for_url(raw.url or task.url) or self.index.doc_for_url(task.url)
        # an article read from several pages (or its read-all page) may have changed elsewhere
        return bool(known and known["done"] and known["parts"] <= 1)

    # -- feeds and sitemaps ---------------------------------------------------------------------------

    def _limits(self, task: _Task) -> tuple[tuple[str, ...], int, float | None]:
        src = task.source
        if src is None:
            return (), self.max_items, None
        return src.keywords, src.max_items, src.max_age_days

    def _entries_to_tasks(self, task: _Task, entries: list[dict[str, Any]]) -> list[_Task]:
        keywords, max_items, max_age = self._limits(task)
        cutoff = (datetime.now(timezone.utc) - timedelta(days=max_age)).isoformat() if max_age else None
        kept = []
        for e in entries:
            if cutoff and e.get("date") and e["date"] < cutoff[: len(e["date"])]:
                self._count("too_old")
                continue
            words = " ".join(filter(None, [e.get("title"), e.get("summary"), e.get("keywords"),
                                           urlsplit(e["url"]).path.replace("-", " ").replace("/", " ")]))
            if keywords and not matches_keywords(words, keywords):
                self._count("keyword_filtered")
                continue
            kept.append(e)
        kept.sort(key=lambda e: e.get("date") or "", reverse=True)  # stable: undated keep their order
        out = []
        for e in kept[:max_items]:
            role = "pdf" if urlsplit(e["url"]).path.lower().endswith(".pdf") else "article"
            hints = {k: e[k] for k in ("title", "publisher") if e.get(k)}
            if e.get("date"):
                hints["published"] = e["date"][:10]
                hints["when"] = e["date"]
            if e.get("lastmod"):  # a modification time: an entry older than our last read needs no request
                hints["lastmod"] = e["lastmod"]
            hints["via"] = task.hints.get("via") or task.url
            out.append(_Task(url=e["url"], role=role, source=task.source, hints=hints))
        return out

    def _feed(self, task: _Task, raw: RawDoc) -> _Outcome:
        _refuse_dtd(raw, "feed")
        parsed = feedparser.parse(raw.data, response_headers={"content-location": raw.url or task.url,
                                                              "content-type": raw.meta.get("content_type") or
                                                              "application/xml"})
        if not parsed.entries and parsed.get("bozo"):
            raise ParseFailed(f"{raw.url}: feed could not be read: {parsed.get('bozo_exception')}",
                              hint="check that the URL is an RSS/Atom feed")
        publisher = (parsed.feed.get("title") or "").strip() or None
        entries = []
        for e in parsed.entries:
            link = e.get("link") or next((x.get("href") for x in e.get("links", []) if x.get("href")), None)
            if not link:
                continue
            # "in" first: feedparser's fallback from updated to published warns (and is not a lastmod)
            updated = _struct_iso(e["updated_parsed"]) if "updated_parsed" in e else None
            published = _struct_iso(e["published_parsed"]) if "published_parsed" in e else None
            entries.append({"url": link, "title": e.get("title"), "summary": e.get("summary"),
                            "date": published or updated, "lastmod": updated, "publisher": publisher})
        self._count("feed_entries", len(entries))
        return _Outcome(tasks=self._entries_to_tasks(task, entries))

    def _sitemap(self, task: _Task, raw: RawDoc) -> _Outcome:
        _refuse_dtd(raw, "sitemap")
        data = raw.data
        if not data.lstrip()[:1] == b"<":  # text sitemap: one URL a line
            urls = [ln.strip().decode("utf-8", "replace") for ln in data.splitlines() if ln.strip()]
            return _Outcome(tasks=self._entries_to_tasks(task, [{"url": u} for u in urls[:50_000]]))
        parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
        try:
            root = etree.fromstring(data, parser=parser)
        except etree.XMLSyntaxError as exc:
            raise ParseFailed(f"{raw.url}: sitemap is not XML: {exc}", hint="check the sitemap URL") from exc
        if root is None:
            raise ParseFailed(f"{raw.url}: empty sitemap", hint="check the sitemap URL")
        name = etree.QName(root).localname
        if name == "sitemapindex":
            if task.depth >= MAX_SITEMAP_DEPTH:
                return _Outcome()
            children = []
            for sm in root:
                if not isinstance(sm.tag, str):
                    continue
                loc = _child_text(sm, "loc")
                if loc:
                    children.append((_child_text(sm, "lastmod") or "", loc))
            children.sort(reverse=True)  # newest first: news sitemaps are dated
            return _Outcome(tasks=[_Task(url=loc, role="sitemap", source=task.source, depth=task.depth + 1,
                                         hints={"via": task.hints.get("via") or task.url})
                                   for _, loc in children[: self.max_sitemaps]])
        entries = []
        for u in root:
            if not isinstance(u.tag, str):
                continue
            loc = _child_text(u, "loc")
            if not loc:
                continue
            news = next((c for c in u if isinstance(c.tag, str) and etree.QName(c).localname == "news"), None)
            lastmod = _iso_dt(_child_text(u, "lastmod"))
            e: dict[str, Any] = {"url": loc, "date": lastmod, "lastmod": lastmod}
            if news is not None:
                e["title"] = _child_text(news, "title")
                e["keywords"] = _child_text(news, "keywords")
                e["date"] = _iso_dt(_child_text(news, "publication_date")) or e["date"]
                pub = next((c for c in news if isinstance(c.tag, str)
                            and etree.QName(c).localname == "publication"), None)
                if pub is not None:
                    e["publisher"] = _child_text(pub, "name")
            entries.append(e)
        self._count("sitemap_entries", len(entries))
        return _Outcome(tasks=self._entries_to_tasks(task, entries))

    # -- listing pages ----------------------------------------------------------------------------------

    def _listing(self, task: _Task, raw: RawDoc) -> _Outcome:
        html = parse_html(raw.data, raw.url, raw.meta.get("headers"))
        src = task.source or Source(name=task.url, url=task.url)
        keywords, max_items, _ = self._limits(task)
        out = _Outcome()
        pdf_re = re.compile(src.pdf_pattern, re.I) if src.pdf_pattern else None
        link_re = re.compile(src.link_pattern) if src.link_pattern else None
        detail_re = re.compile(src.detail_pattern) if src.detail_pattern else None
        via = task.hints.get("via") or task.url
        pdfs = [u for u in html.links if pdf_re and pdf_re.search(u)]
        for u in pdfs[:max_items]:
            out.tasks.append(_Task(url=u, role="pdf", source=src, hints={"via": via, "linked_from": raw.url}))
        if task.role == "detail":
            return out
        articles: list[str] = []
        for u in html.links:
            if u in pdfs or _NON_ARTICLE_EXT.search(urlsplit(u).path):
                continue
            if detail_re and detail_re.search(u):
                out.tasks.append(_Task(url=u, role="detail", source=src, hints={"via": via}))
                continue
            if link_re is not None:
                if not link_re.search(u):
                    continue
            elif not _looks_like_article(u, raw.url or task.url):
                continue
            label = html.link_texts.get(u, "")
            if keywords and not matches_keywords(f"{label} {urlsplit(u).path.replace('-', ' ')}", keywords):
                self._count("keyword_filtered")
                continue
            articles.append(u)
        for u in articles[:max_items]:
            hints = {"via": via}
            if html.link_texts.get(u):
                hints["title"] = html.link_texts[u]
            out.tasks.append(_Task(url=u, role="article", source=src, hints=hints))
        return out

    # -- articles ----------------------------------------------------------------------------------------

    def _parse(self, raw: RawDoc) -> HtmlDoc:
        try:
            return parse_html(raw.data, raw.url, raw.meta.get("headers"))
        except DocumentError:
            raise
        except Exception as exc:  # lxml/trafilatura on hostile markup
            raise ParseFailed(f"{raw.url}: HTML could not be parsed: {exc}", hint="check the page") from exc

    def _fetch_html(self, url: str, seen_urls: list[str]) -> tuple[RawDoc, HtmlDoc] | None:
        raw = self.fetcher.fetch(url)
        if raw.meta.get("not_modified") and not raw.data:  # 304 but no snapshot to read
            raw = self.fetcher.fetch(url, conditional=False)
        self._count("fetched")
        if raw.error is not None or raw.kind != "html":
            self._count("extra_page_failed")
            return None
        seen_urls.append(raw.url or url)
        return raw, self._parse(raw)

    def _article(self, task: _Task, raw: RawDoc) -> _Outcome:
        if self._unchanged(raw, task):
            return _Outcome(skipped=1)
        html = self._parse(raw)
        urls = [task.url, raw.url or task.url]
        bodies = [raw.meta.get("sha256")]
        # AMP page: the canonical article has the whole text
        if html.is_amp and html.canonical_url and _fetch_key(html.canonical_url) != _fetch_key(raw.url or ""):
            got = self._fetch_html(html.canonical_url, urls)
            if got is not None and got[1].text:
                raw, html = got
                bodies.append(raw.meta.get("sha256"))
                self._count("amp_resolved")
        # a later page given: start from the first
        if html.page > 1:
            first, _ = page_number(raw.url or task.url)
            got = self._fetch_html(first, urls)
            if got is not None and got[1].text:
                raw, html = got
                bodies.append(raw.meta.get("sha256"))
        page_urls: list[str] = []
        if self.relevance and not any(cues(html.text, html.title)):
            pass  # page 1 has no cue at all (a listing, sport news): its other pages are not worth fetching
        elif html.single_page_url and _fetch_key(html.single_page_url) != _fetch_key(raw.url or ""):
            got = self._fetch_html(html.single_page_url, page_urls)
            if got is not None and len(got[1].text) > len(html.text):
                html = _merge_meta(got[1], html)
                html.pages = 1
                bodies.append(got[0].meta.get("sha256"))
                self._count("read_all")
        elif html.next_page_urls:
            html, more = self._join_pages(html, raw.url or task.url, page_urls)
            bodies.extend(more)
        if html.canonical_url and page_number(html.canonical_url)[1] is not None:
            html.canonical_url = page_number(html.canonical_url)[0]  # page 2's canonical: the article
        canonical = html.canonical_url or raw.url or task.url
        urls.append(canonical)
        if self.fetcher.settings.snapshot_dir is not None:
            self.fetcher.annotate(raw.url or task.url, raw.meta.get("sha256"), canonical_url=canonical)
        return _Outcome(candidates=[self._candidate(task, raw, html, canonical, urls, bodies, page_urls)],
                        tasks=self._pdf_tasks(task, html))

    def _join_pages(self, first: HtmlDoc, url: str, page_urls: list[str]) -> tuple[HtmlDoc, list[str | None]]:
        texts = [first.text]
        bodies: list[str | None] = []
        todo = deque(first.next_page_urls)
        done = {normalize_url(url)}
        while todo and len(texts) < self.max_pages:
            nxt = todo.popleft()
            if normalize_url(nxt) in done:
                continue
            done.add(normalize_url(nxt))
            got = self._fetch_html(nxt, page_urls)
            if got is None:
                continue
            page_raw, page = got
            bodies.append(page_raw.meta.get("sha256"))
            if page.text and page.text not in texts:
                texts.append(page.text)
            for later in page.next_page_urls:
                if normalize_url(later) not in done:
                    todo.append(later)
            first.pdf_links.extend(p for p in page.pdf_links if p not in first.pdf_links)
        joined = replace(first, text="\n".join(texts), pages=len(texts), next_page_urls=[])
        self._count("pages_joined", len(texts) - 1)
        return joined, bodies

    def _pdf_tasks(self, task: _Task, html: HtmlDoc) -> list[_Task]:
        follow = self.follow_pdfs and (task.source.follow_pdfs if task.source else True)
        if not follow:
            return []
        relevant = not self.relevance or irrelevance_reason(html.text, html.title) is None
        if relevant:
            links = html.pdf_links
        elif task.role == "auto" and html.all_pdf_links:  # a listing page typed by the user
            links = html.all_pdf_links[: self.max_items]
        else:
            links = []
        via = task.hints.get("via") or task.url
        return [_Task(url=u, role="pdf", source=task.source, hints={"via": via, "linked_from": html.url})
                for u in links]

    def _candidate(self, task: _Task, raw: RawDoc, html: HtmlDoc, canonical: str, urls: list[str],
                   bodies: list[str | None], page_urls: list[str]) -> _Candidate:
        hints = task.hints
        doc_id = url_doc_id(canonical)
        reason = irrelevance_reason(html.text, html.title) if self.relevance else None
        html.url = canonical
        out = RawDoc(
            doc_id=doc_id, data=raw.data, kind="html", source=task.url, url=canonical, page=html,
            sha256=_page_sha(html),
            canonical_url=html.canonical_url, urls=list(dict.fromkeys(u for u in urls if u)),
            publisher=html.publisher or hints.get("publisher"), published=html.published or hints.get("published"),
            title=html.title or hints.get("title"), fetched_at=raw.fetched_at, http_status=raw.http_status,
            meta={"headers": {"content-type": raw.meta.get("content_type") or "text/html"},
                  "snapshots": [b for b in dict.fromkeys(bodies) if b], "pages": html.pages,
                  "pdf_links": list(html.pdf_links),
                  "linked_documents": [url_doc_id(u) for u in html.pdf_links] if reason is None else [],
                  **({"via": hints["via"]} if hints.get("via") and hints["via"] != task.url else {})})
        if reason is not None:
            out.error = NotRelevant(f"page not about civil-servant work arrangements: {reason}",
                                    hint="add a cue to extractors/lexicons/relevance.json if it should be read")
        sig = minhash(html.text) if html.text else None
        return _Candidate(raw=out, key=normalize_url(canonical), text_sha=text_sha(html.text), sig=sig,
                          status="ok" if reason is None else "skipped", page_urls=page_urls,
                          when=hints.get("when") or out.published or "")

    def _pdf(self, task: _Task, raw: RawDoc) -> _Outcome:
        if self._unchanged(raw, task):
            return _Outcome(skipped=1)
        url = raw.url or task.url
        doc = RawDoc(doc_id=url_doc_id(url), data=raw.data, kind="pdf", source=task.url, url=url, sha256=raw.sha256,
                     urls=list(dict.fromkeys([task.url, url])), title=task.hints.get("title"),
                     published=task.hints.get("published"), fetched_at=raw.fetched_at,
                     http_status=raw.http_status,
                     meta={"headers": {"content-type": raw.meta.get("content_type", "application/pdf")},
                           "snapshots": [raw.meta.get("sha256")],
                           **({"linked_from": task.hints["linked_from"]} if task.hints.get("linked_from") else {}),
                           **({"via": task.hints["via"]} if task.hints.get("via") else {})})
        return _Outcome(candidates=[_Candidate(raw=doc, key=normalize_url(url), text_sha=raw.meta.get("sha256"),
                                               sig=None, status="ok")])

    def _plain(self, task: _Task, raw: RawDoc) -> _Candidate:
        url = raw.url or task.url
        doc = RawDoc(doc_id=url_doc_id(url), data=raw.data, kind="txt", source=task.url, url=url, sha256=raw.sha256,
                     urls=list(dict.fromkeys([task.url, url])), fetched_at=raw.fetched_at,
                     http_status=raw.http_status,
                     meta={"headers": {"content-type": raw.meta.get("content_type", "text/plain")},
                           "snapshots": [raw.meta.get("sha256")]})
        return _Candidate(raw=doc, key=normalize_url(url), text_sha=raw.meta.get("sha256"), sig=None, status="ok")

    # -- accept (caller's thread): dedupe against this run and the state ------------------------------------

    def _accept(self, cand: _Candidate) -> None:
        raw = cand.raw
        same = self._by_key.get(cand.key) or next((self._by_key[normalize_url(u)] for u in raw.urls
                                                    if normalize_url(u) in self._by_key), None)
        if same is not None:  # one article under another URL of this run (canonical, redirect)
            self._merge(same, cand, similarity=1.0)
            return
        if self.incremental:
            known = self.index.doc(raw.doc_id)
            if known and known["done"] and known["text_sha256"] == cand.text_sha:
                self._count("skipped_unchanged")
                self.index.add_urls(raw.doc_id, raw.urls)
                return
        if cand.sig is not None and cand.status == "ok":
            best = None
            bands = band_keys(cand.sig)
            for doc_id in {d for b in bands for d in self._bands.get(b, ())}:  # LSH candidates only
                sim = similarity(cand.sig, self._sigs[doc_id])
                if sim >= NEAR_DUP_JACCARD and (best is None or sim > best[1]):
                    best = (doc_id, sim)
            if best is not None and best[0] in self._pending:
                self._merge(best[0], cand, similarity=best[1])
                return
            if best is None and self.incremental:
                best = self.index.near(cand.sig, exclude={raw.doc_id})
            if best is not None:  # a copy of a story already yielded (earlier chunk or run)
                self._count("near_duplicates_known")
                self.index.add_urls(best[0], raw.urls)
                return
        self._pending[raw.doc_id] = cand
        for u in raw.urls:
            self._by_key[normalize_url(u)] = raw.doc_id
        if cand.sig is not None and cand.status == "ok":
            self._remember_sig(raw.doc_id, cand.sig)

    def _remember_sig(self, doc_id: str, sig: np.ndarray) -> None:
        self._sigs[doc_id] = sig
        for b in band_keys(sig):
            self._bands.setdefault(b, set()).add(doc_id)

    def _merge(self, doc_id: str, cand: _Candidate, *, similarity: float) -> None:
        target = self._pending.get(doc_id)
        if target is None:  # already yielded this run: remember the URL in the state
            self.index.add_urls(doc_id, cand.raw.urls)
            self._count("duplicates_after_yield")
            return
        if similarity < 1.0 and cand.when and target.when and cand.when < target.when:
            # the copy seen first is younger: the earlier one is the original and keeps its doc_id
            del self._pending[doc_id]
            old_sig = self._sigs.pop(doc_id, None)
            if old_sig is not None:
                for b in band_keys(old_sig):
                    self._bands.get(b, set()).discard(doc_id)
            cand.raw.meta["syndicated"] = cand.raw.meta.get("syndicated", []) + target.raw.meta.pop("syndicated", [])
            self._pending[cand.raw.doc_id] = cand
            if cand.sig is not None:
                self._remember_sig(cand.raw.doc_id, cand.sig)
            for u in cand.raw.urls:
                self._by_key[normalize_url(u)] = cand.raw.doc_id
            cand, target, doc_id = target, cand, cand.raw.doc_id
        raw, t = cand.raw, target.raw
        t.urls = list(dict.fromkeys([*t.urls, *raw.urls]))
        if similarity < 1.0 or normalize_url(raw.url or "") != target.key:
            t.meta.setdefault("syndicated", []).append(
                {"url": raw.url, "publisher": raw.publisher, "published": raw.published, "title": raw.title,
                 "similarity": round(similarity, 3)})
            self._count("near_duplicates")
        else:
            self._count("duplicates")
        for u in raw.urls:
            self._by_key[normalize_url(u)] = doc_id

    def _flush(self) -> list[RawDoc]:
        out = []
        for doc_id, cand in self._pending.items():
            raw = cand.raw
            for u in list(raw.urls):  # URLs skipped before fetching (AMP, m., tracking) as aliases
                raw.urls.extend(a for a in self._aliases.get(normalize_url(u), ()) if a not in raw.urls)
            self.index.save(doc_id, cand.key, cand.text_sha, cand.status, raw.urls, cand.sig,
                            parts=len(raw.meta.get("snapshots") or ()) or 1)
            self._yielded.add(doc_id)
            out.append(raw)
        self._pending.clear()
        return out


def _page_sha(page: HtmlDoc) -> str:
    """sha256 of a parsed article: its text and every metadata field (a stable JSON form)."""
    return hashlib.sha256(json.dumps(asdict(page), sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _refuse_dtd(raw: RawDoc, what: str) -> None:
    if has_internal_dtd(raw.data):
        raise ParseFailed(f"{raw.url}: the {what} declares a DTD with its own entities; not read",
                          hint=f"a real {what} needs no DTD; entity declarations are how XXE and "
                               "billion-laughs attacks work")


def _fetch_key(url: str) -> str:
    try:
        return clean_url(url)
    except FetchFailed:
        return url


def _merge_meta(primary: HtmlDoc, fallback: HtmlDoc) -> HtmlDoc:
    """``primary`` with empty metadata fields taken from ``fallback``."""
    for name in ("title", "publisher", "author", "published", "canonical_url", "amp_url"):
        if not getattr(primary, name):
            setattr(primary, name, getattr(fallback, name))
    primary.pdf_links = list(dict.fromkeys([*primary.pdf_links, *fallback.pdf_links]))
    return primary


def _looks_like_article(url: str, listing: str) -> bool:
    """Same-site link whose last path segment is a slug or an id (not a section page)."""
    if host_of(url).removeprefix("www.") != host_of(listing).removeprefix("www."):
        return False
    segs = [s for s in urlsplit(url).path.split("/") if s]
    if len(segs) < 2:
        return False
    last = segs[-1]
    return last.count("-") >= 3 or bool(re.search(r"\d{4,}", "/".join(segs)))


def _child_text(el: Any, name: str) -> str | None:
    for c in el:
        if isinstance(c.tag, str) and etree.QName(c).localname == name:
            return (c.text or "").strip() or None
    return None


def _struct_iso(value: Any) -> str | None:
    try:
        y, mo, d, h, mi, sec = value[:6]
        return datetime(y, mo, d, h, mi, sec, tzinfo=timezone.utc).isoformat()
    except (TypeError, ValueError):
        return None


def _iso_dt(value: str | None) -> str | None:
    """A sitemap/feed date -> ISO datetime in UTC ('2024-04-16T03:15:00+00:00'), or None."""
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(timezone.utc).isoformat()


# --- module-level API ---------------------------------------------------------------------------------------


def expand(urls: list[str], fetcher: Fetcher, **options: Any) -> Iterator[RawDoc]:
    """URLs typed by a user -> one RawDoc per article or PDF (see the module docstring).

    The URLs' hosts count as named by the user (private addresses allowed for them only).
    Options: ``relevance`` (True), ``follow_pdfs`` (True), ``incremental`` (True),
    ``max_items`` per feed/sitemap (200), ``max_pages`` (20), ``chunk`` (500).
    """
    return Crawler(fetcher, **options).expand(urls)


def crawl(sources: Sources, fetcher: Fetcher, **options: Any) -> Iterator[RawDoc]:
    """Every source of a sources file -> RawDocs, like :func:`expand` with the sources' filters."""
    return Crawler(fetcher, **options).crawl(sources)
