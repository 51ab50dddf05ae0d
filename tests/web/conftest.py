"""Fixtures of the web tests: one local HTTP server (127.0.0.1) that plays several sites.

``site`` routes by Host header, path and query, so ``news.example``, ``m.news.example``,
``other.example`` and ``evil.example`` (all resolved to 127.0.0.1 by the fetcher's test
resolver) are different sites on one server; ``127.0.0.1`` itself also answers. Pages come
from ``tests/web/fixtures`` with ``http://BASE`` / ``http://OTHER`` / ``:PORT`` filled in.
Every route answers ``If-None-Match`` with 304 when its ETag matches. Nothing here touches
the internet.
"""

from __future__ import annotations

import hashlib
import re
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from pipeline.web.client import Fetcher, FetchSettings

FIXTURES = Path(__file__).parent / "fixtures"
FAKE_HOSTS = ("news.example", "m.news.example", "amp.news.example", "other.example", "evil.example")
NAMED_HOSTS = {"127.0.0.1", "news.example", "m.news.example", "amp.news.example", "other.example"}


@dataclass
class Route:
    body: bytes | None
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: bool = True
    handler: Callable[[Request], Response] | None = None


class Site:
    """Routes of the local server plus a log of what it was asked."""

    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.port = server.port
        self.base = f"http://news.example:{self.port}"
        self.other = f"http://other.example:{self.port}"
        self.local = f"http://127.0.0.1:{self.port}"
        self.routes: dict[tuple[str | None, str, str | None], Route] = {}
        self.log: list[tuple[str, str, str, int]] = []  # (host, path, query, status)
        self.headers_seen: list[dict[str, str]] = []
        self.add("/robots.txt", fixture="robots.txt", content_type="text/plain")

    # -- building -----------------------------------------------------------------------------

    def render(self, text: str) -> bytes:
        return (text.replace("http://BASE", self.base).replace("http://OTHER", self.other)
                .replace(":PORT", f":{self.port}").encode("utf-8"))

    def fixture(self, name: str) -> bytes:
        raw = (FIXTURES / name).read_bytes()
        if name.endswith((".pdf",)) or b"http://BASE" not in raw and b"http://OTHER" not in raw \
                and b":PORT" not in raw:
            return raw
        return self.render(raw.decode("utf-8"))

    def add(self, path: str, body: bytes | str | None = None, *, fixture: str | None = None,
            host: str | None = None, query: str | None = None, **kw: Any) -> Route:
        if fixture is not None:
            body = self.fixture(fixture)
        if isinstance(body, str):
            body = body.encode("utf-8")
        route = Route(body=body, **kw)
        self.routes[(host, path, query)] = route
        return route

    def url(self, path: str, host: str = "news.example") -> str:
        return f"http://{host}:{self.port}{path}"

    # -- serving ------------------------------------------------------------------------------

    def __call__(self, request: Request) -> Response:
        host = (request.host or "").split(":")[0]
        query = request.query_string.decode()
        self.headers_seen.append(dict(request.headers))
        route = (self.routes.get((host, request.path, query or None)) or self.routes.get((host, request.path, None))
                 or self.routes.get((None, request.path, query or None)) or self.routes.get((None, request.path, None)))
        if route is None:
            resp = Response("not found", status=404, content_type="text/plain")
        elif route.handler is not None:
            resp = route.handler(request)
        else:
            etag = '"' + hashlib.sha1(route.body or b"").hexdigest()[:16] + '"' if route.etag else None
            if etag and request.headers.get("If-None-Match") == etag:
                resp = Response(status=304, headers={"ETag": etag})
            else:
                headers = dict(route.headers)
                if etag:
                    headers["ETag"] = etag
                resp = Response(route.body or b"", status=route.status, headers=headers,
                                content_type=route.content_type)
        self.log.append((host, request.path, query, resp.status_code))
        return resp

    def hits(self, path: str, host: str | None = None) -> int:
        return sum(1 for h, p, _, _ in self.log if p == path and (host is None or h == host))


@pytest.fixture(scope="session")
def web_server() -> Iterator[HTTPServer]:
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    if server.is_running():
        server.stop()


@pytest.fixture
def site(web_server: HTTPServer) -> Iterator[Site]:
    web_server.clear()
    s = Site(web_server)
    web_server.expect_request(re.compile(r".*")).respond_with_handler(s)
    yield s
    web_server.clear()


def fake_resolver(host: str, port: int) -> list[str]:
    """news.example & co. -> 127.0.0.1; anything else through the system (localhost, IP literals)."""
    if host in FAKE_HOSTS:
        return ["127.0.0.1"]
    if host.endswith(".example"):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    return list(dict.fromkeys(str(i[4][0]) for i in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)))


class SleepLog(list[float]):
    """Stands in for time.sleep: records the waits, does not wait."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sleeps() -> SleepLog:
    return SleepLog()


@pytest.fixture
def make_fetcher(tmp_path: Path, sleeps: SleepLog) -> Iterator[Callable[..., Fetcher]]:
    """Fetcher with test settings (no delays, short timeouts, snapshots + state in tmp_path)."""
    made: list[Fetcher] = []

    def make(*, resolver: Callable[[str, int], list[str]] | None = fake_resolver, real_sleep: bool = False,
             **overrides: Any) -> Fetcher:
        settings = dict(timeout_s=2.0, retries=2, backoff_s=(0,), per_host_delay_s=0.0,
                        allowed_hosts=set(NAMED_HOSTS), snapshot_dir=tmp_path / "snapshots",
                        state_path=tmp_path / "crawl.sqlite", workers=2)
        settings.update(overrides)
        kwargs: dict[str, Any] = {} if real_sleep else {"sleep": sleeps}
        f = Fetcher(FetchSettings(**settings), resolver=resolver, **kwargs)
        made.append(f)
        return f

    yield make
    for f in made:
        try:
            f.close()
        except Exception:
            pass


@pytest.fixture
def news_site(site: Site) -> Site:
    """The news site of the fixtures: articles, pages, AMP, feed, sitemap, listing, PDFs."""
    art = "/read/2024/04/16/101500/pemkot-sukamaju-terapkan-wfh-asn"
    site.add(art, fixture="article_jsonld.html")
    site.add("/amp" + art, fixture="amp_article.html")
    site.add("/berita/d-7123456/pemkot-sukamaju-terapkan-wfh-asn", fixture="article_meta.html")
    site.add("/berita/4012000/pemkot-sukamaju-terapkan-wfh-asn", fixture="article_dateline.html")
    site.add("/nasional/pemkot-sukamaju-wfh-asn-dua-hari", fixture="syndicated_copy.html", host="other.example")
    paged = "/news/2024/05/14/pemprov-sukaraja-izinkan-asn-wfa"
    site.add(paged, fixture="paged_1.html")
    site.add(paged, fixture="paged_2.html", query="page=2")
    site.add(paged, fixture="paged_3.html", query="page=3")
    ra = "/read/2024/03/05/140000/bkn-ingatkan-presensi"
    site.add(ra, fixture="readall_1.html")
    site.add(ra, fixture="readall_all.html", query="page=all")
    site.add("/olahraga/persija-menang-tipis", fixture="sport.html")
    site.add("/olahraga/hasil-liga-1-pekan-ke-30", fixture="sport.html")
    site.add("/private/asn-wfh", fixture="sport.html")
    site.add("/admin/asn-wfh", "internal admin page ASN WFH", content_type="text/html")
    for pdf in ("se-800-145-2024.pdf", "perwal-12-2024.pdf", "se-2-2023.pdf"):
        site.add(f"/files/{pdf}", fixture="circular.pdf", content_type="application/pdf")
    site.add("/rss/terkini.xml", fixture="feed.xml", content_type="application/rss+xml; charset=utf-8")
    site.add("/atom.xml", fixture="atom.xml", content_type="application/atom+xml")
    site.add("/sitemap_index.xml", fixture="sitemap_index.xml", content_type="application/xml")
    site.add("/sitemap-news.xml", fixture="sitemap_news.xml", content_type="application/xml")
    site.add("/jdih/produk-hukum", fixture="listing.html")
    site.add("/jdih/detail/77", fixture="detail.html")
    return site
