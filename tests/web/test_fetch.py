"""pipeline.web.client (+ urls, transport) on a local server: politeness, retries, limits, SSRF, snapshots."""

from __future__ import annotations

import gzip
import inspect
import json
import socket
import sqlite3
import threading
import time
import tracemalloc

import httpx
import pytest
from werkzeug import Request, Response

from pipeline.errors import (
    DocumentError,
    FetchFailed,
    TooLarge,
    TransientError,
    UnsupportedFormat,
)
from pipeline.web.client import (
    USER_AGENT,
    Fetcher,
    FetchSettings,
    load_snapshots,
    sniff_kind,
)
from pipeline.web.transport import is_public_address, map_httpx_error
from pipeline.web.urls import clean_url, normalize_url, url_doc_id

ART = "/read/2024/04/16/101500/pemkot-sukamaju-terapkan-wfh-asn"


def test_fetch_html_keeps_url_headers_and_snapshot(news_site, make_fetcher, tmp_path):
    f = make_fetcher()
    doc = f.fetch(news_site.url(ART))
    assert doc.error is None
    assert (doc.kind, doc.http_status) == ("html", 200)
    assert doc.url == news_site.url(ART)
    assert doc.doc_id == url_doc_id(news_site.url(ART))
    sha = doc.meta["sha256"]
    assert (tmp_path / "snapshots" / f"{sha}.body").read_bytes() == doc.data
    head = json.loads((tmp_path / "snapshots" / f"{sha}.headers.json").read_text())
    assert head["url"] == news_site.url(ART) and head["status"] == 200 and head["fetched_at"]
    assert head["headers"]["content-type"].startswith("text/html")


def test_fetch_sends_the_project_user_agent(news_site, make_fetcher):
    make_fetcher().fetch(news_site.url(ART))
    assert USER_AGENT == "edaran/0.1 (+https://github.com/edaran; policy research)"
    assert all(h.get("User-Agent") == USER_AGENT for h in news_site.headers_seen)


@pytest.mark.parametrize("path, body, ctype, kind", [
    ("/a.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf", "pdf"),
    ("/download?id=7", b"%PDF-1.7\n%%EOF\n", "application/octet-stream", "pdf"),
    ("/feed", b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', "application/rss+xml", "feed"),
    ("/atom", b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>', "text/xml", "feed"),
    ("/sm.xml", b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>',
     "application/xml", "sitemap"),
    ("/sm.xml.gz", gzip.compress(b'<?xml version="1.0"?><sitemapindex/>'), "application/x-gzip", "sitemap"),
    ("/sm.txt", b"http://news.example/a\nhttp://news.example/b\n", "text/plain", "sitemap"),
    ("/page", b"<!DOCTYPE html><html><body><p>x</p></body></html>", "text/html", "html"),
    ("/untyped", b"<html><body>x</body></html>", "", "html"),
    ("/rss-as-html", b'<?xml version="1.0"?>\n<rss version="2.0"></rss>', "text/html", "feed"),
])
def test_fetch_kind_from_content_type_and_bytes(site, make_fetcher, path, body, ctype, kind):
    site.add(path.split("?")[0], body, content_type=ctype)
    doc = make_fetcher().fetch(site.url(path))
    assert doc.error is None, doc.error
    assert doc.kind == kind


@pytest.mark.parametrize("ctype, body", [
    ("image/png", b"\x89PNG\r\n\x1a\n"),
    ("application/json", b'{"a": 1}'),
    ("application/octet-stream", b"PK\x03\x04 zip data"),
])
def test_fetch_refuses_other_content_types(site, make_fetcher, ctype, body):
    site.add("/thing", body, content_type=ctype)
    doc = make_fetcher().fetch(site.url("/thing"))
    assert isinstance(doc.error, UnsupportedFormat)
    assert doc.error.status == "skipped" and "is not HTML, PDF, a feed or a sitemap" in str(doc.error)


def test_robots_disallowed_path_is_not_fetched(news_site, make_fetcher):
    f = make_fetcher()
    doc = f.fetch(news_site.url("/private/asn-wfh"))
    assert isinstance(doc.error, FetchFailed)
    assert "disallowed by" in str(doc.error) and "robots.txt" in str(doc.error)
    assert news_site.hits("/private/asn-wfh") == 0
    assert f.fetch(news_site.url(ART)).error is None
    assert f.fetch(news_site.url("/rss/terkini.xml")).error is None
    assert news_site.hits("/robots.txt") == 1  # once per host, cached


def test_robots_cached_across_fetchers_in_the_state_file(news_site, make_fetcher):
    make_fetcher().fetch(news_site.url(ART))
    make_fetcher().fetch(news_site.url(ART))
    assert news_site.hits("/robots.txt") == 1


@pytest.mark.parametrize("status, allowed", [(404, True), (403, True), (503, False)])
def test_robots_status_rules(site, make_fetcher, status, allowed):
    """RFC 9309: a missing robots.txt allows everything, an unreachable one allows nothing."""
    site.add("/robots.txt", "", status=status, content_type="text/plain")
    site.add("/page", "<html><body><p>ASN</p></body></html>")
    doc = make_fetcher(retries=0).fetch(site.url("/page"))
    assert (doc.error is None) is allowed
    if not allowed:
        assert "robots.txt" in str(doc.error) and site.hits("/page") == 0


def test_robots_crawl_delay_is_honoured(site, make_fetcher, sleeps):
    site.add("/robots.txt", "User-agent: *\nCrawl-delay: 3\n", content_type="text/plain")
    site.add("/p1", "<html><body>a</body></html>")
    site.add("/p2", "<html><body>b</body></html>")
    f = make_fetcher()
    f.fetch(site.url("/p1"))
    f.fetch(site.url("/p2"))
    assert sleeps and max(sleeps) > 2.5


def test_per_host_delay_spaces_requests(site, make_fetcher, sleeps):
    site.add("/p1", "<html><body>a</body></html>")
    f = make_fetcher(per_host_delay_s=0.5)
    f.fetch(site.url("/p1"))
    f.fetch(site.url("/p1"))
    assert any(0.3 < s <= 0.5 for s in sleeps)


def _sequence(*responses: Response):
    state = {"i": 0}
    lock = threading.Lock()

    def handler(_request: Request) -> Response:
        with lock:
            i = min(state["i"], len(responses) - 1)
            state["i"] += 1
        return responses[i]
    return handler


def test_429_with_retry_after_is_retried_and_succeeds(site, make_fetcher, sleeps):
    site.add("/busy", handler=_sequence(
        Response("slow down", status=429, headers={"Retry-After": "7"}),
        Response("<html><body><p>ASN WFH</p></body></html>", content_type="text/html")), body=None)
    f = make_fetcher(backoff_s=(0,))
    doc = f.fetch(site.url("/busy"))
    assert doc.error is None and doc.http_status == 200
    assert 7.0 in sleeps  # the server's Retry-After, not the (zero) backoff
    assert site.hits("/busy") == 2 and f.stats["retries"] == 1


def test_retry_after_http_date_and_cap(site, make_fetcher):
    site.add("/later", "x", status=503, headers={"Retry-After": "86400"})
    doc = make_fetcher(max_retry_after_s=60).fetch(site.url("/later"))
    assert isinstance(doc.error, FetchFailed) and "asks to wait 86400 s" in str(doc.error)
    assert site.hits("/later") == 1  # no pointless waiting


def test_503_repeatedly_gives_fetch_failed_after_retries(site, make_fetcher, sleeps):
    site.add("/down", "maintenance", status=503, content_type="text/plain")
    doc = make_fetcher(retries=3, backoff_s=(2, 5, 15)).fetch(site.url("/down"))
    assert isinstance(doc.error, FetchFailed)
    assert "gave up after 4 attempt(s)" in str(doc.error) and "HTTP 503" in str(doc.error)
    assert site.hits("/down") == 4
    assert sleeps == [2, 5, 15]


def test_404_is_not_retried(site, make_fetcher):
    doc = make_fetcher().fetch(site.url("/missing"))
    assert isinstance(doc.error, FetchFailed) and "HTTP 404" in str(doc.error)
    assert site.hits("/missing") == 1


def test_redirect_is_followed_and_both_urls_kept(site, make_fetcher):
    site.add("/old", "", status=301, headers={"Location": "/new?utm_source=x"})
    site.add("/new", "<html><body>ASN</body></html>")
    doc = make_fetcher().fetch(site.url("/old"))
    assert doc.error is None
    assert doc.url == site.url("/new")  # tracking parameter dropped
    assert doc.urls == [site.url("/old"), site.url("/new")]
    assert doc.meta["redirects"] == [site.url("/old"), site.url("/new")]


def test_redirect_loop_is_a_clear_error(site, make_fetcher):
    site.add("/a", "", status=302, headers={"Location": "/b"})
    site.add("/b", "", status=302, headers={"Location": "/a"})
    doc = make_fetcher().fetch(site.url("/a"))
    assert isinstance(doc.error, FetchFailed) and "redirect loop" in str(doc.error)
    assert site.hits("/a") == 1 and site.hits("/b") == 1


def test_too_many_redirects(site, make_fetcher):
    for i in range(8):
        site.add(f"/r{i}", "", status=302, headers={"Location": f"/r{i + 1}"})
    doc = make_fetcher(max_redirects=5).fetch(site.url("/r0"))
    assert isinstance(doc.error, FetchFailed) and "more than 5 redirects" in str(doc.error)


def test_slow_response_times_out(site, make_fetcher):
    def slow(_request: Request) -> Response:
        time.sleep(1.0)
        return Response("<html>late</html>", content_type="text/html")
    site.add("/slow", handler=slow, body=None)
    t0 = time.monotonic()
    doc = make_fetcher(timeout_s=0.2, retries=1).fetch(site.url("/slow"))
    assert isinstance(doc.error, FetchFailed) and "timed out" in str(doc.error)
    assert time.monotonic() - t0 < 1.5


def test_huge_body_is_refused_while_streaming(make_fetcher):
    """20 MB without Content-Length: stopped at the cap, never held in memory.

    A raw socket server (one preallocated chunk sent again and again) so that tracemalloc
    measures the client only.
    """
    chunk = b"x" * (64 * 1024)
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    sent = {"bytes": 0}

    def serve() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.recv(65536)
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n<html><body>")
            try:
                for _ in range(20 * 16):  # 20 MB
                    conn.sendall(chunk)
                    sent["bytes"] += len(chunk)
            except OSError:
                pass  # the client hung up: what we want
    server = threading.Thread(target=serve, daemon=True)
    server.start()
    f = make_fetcher(max_bytes=1_000_000, robots=False, resolver=None)
    tracemalloc.start()
    doc = f.fetch(f"http://127.0.0.1:{port}/huge")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    server.join(5)
    listener.close()
    assert isinstance(doc.error, TooLarge) and doc.error.status == "skipped"
    assert "stopped reading" in str(doc.error)
    assert peak < 4_000_000  # the 1 MB cap plus a chunk or two, not 20 MB
    assert sent["bytes"] < 20 * 1024 * 1024


def test_declared_content_length_over_cap_is_refused_before_reading(site, make_fetcher):
    site.add("/big.pdf", b"%PDF-1.4 " + b"0" * 3_000_000, content_type="application/pdf")
    doc = make_fetcher(max_bytes=1_000_000).fetch(site.url("/big.pdf"))
    assert isinstance(doc.error, TooLarge) and "3,000,009 bytes" in str(doc.error)


def test_gzip_bomb_is_capped(site, make_fetcher):
    site.add("/bomb.xml.gz", gzip.compress(b"<urlset>" + b" " * 5_000_000), content_type="application/gzip")
    doc = make_fetcher(max_bytes=1_000_000).fetch(site.url("/bomb.xml.gz"))
    assert isinstance(doc.error, TooLarge)


# --- SSRF guard --------------------------------------------------------------------------------------


def test_localhost_is_refused_when_only_127_0_0_1_is_named(site, make_fetcher):
    """The real resolver: 'localhost' is loopback and not named; '127.0.0.1' is named."""
    site.add("/internal", "<html><body>secret</body></html>")
    f = make_fetcher(resolver=None, allowed_hosts={"127.0.0.1"})
    ok = f.fetch(f"{site.local}/internal")
    assert ok.error is None
    refused = f.fetch(f"http://localhost:{site.port}/internal")
    assert isinstance(refused.error, FetchFailed)
    assert "loopback" in str(refused.error) and "not fetched" in str(refused.error)
    assert site.hits("/internal") == 1  # only the named host's request reached the server


@pytest.mark.parametrize("url, klass", [
    ("http://10.0.0.1/asn-wfh", "private"),
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://[::1]:8080/", "loopback"),
    ("http://192.168.1.1/", "private"),
    ("http://100.64.0.1/", "non-public"),
])
def test_private_addresses_are_refused_without_connecting(make_fetcher, url, klass):
    t0 = time.monotonic()
    doc = make_fetcher(resolver=None, allowed_hosts=set()).fetch(url)
    assert isinstance(doc.error, FetchFailed) and f"a {klass} address" in str(doc.error)
    assert time.monotonic() - t0 < 0.5  # no connection attempt (10.0.0.1 would hang until the timeout)


def test_unnamed_fake_host_resolving_to_loopback_is_refused(news_site, make_fetcher):
    doc = make_fetcher().fetch(news_site.url("/admin/asn-wfh", host="evil.example"))
    assert isinstance(doc.error, FetchFailed) and "evil.example resolves to 127.0.0.1" in str(doc.error)
    assert news_site.hits("/admin/asn-wfh") == 0 and news_site.hits("/robots.txt", host="evil.example") == 0


def test_user_named_url_and_allow_private_open_the_guard(site, make_fetcher):
    site.add("/x", "<html><body>ok</body></html>")
    f = make_fetcher(allowed_hosts=set())
    assert f.fetch(site.url("/x")).error is not None
    assert f.fetch(site.url("/x"), user_named=True).error is None
    g = make_fetcher(allowed_hosts=set(), allow_private=True)
    assert g.fetch(site.url("/x", host="evil.example")).error is None


def test_redirect_to_an_unnamed_private_host_is_refused(site, make_fetcher):
    site.add("/go", "", status=302, headers={"Location": f"http://evil.example:{site.port}/x"})
    site.add("/x", "<html><body>internal</body></html>")
    doc = make_fetcher().fetch(site.url("/go"))
    assert isinstance(doc.error, FetchFailed) and "evil.example" in str(doc.error)
    assert site.hits("/x") == 0


def test_connection_layer_checks_addresses_too(make_fetcher):
    """DNS rebinding: the socket itself is opened only to a checked address."""
    f = make_fetcher(resolver=None, allowed_hosts=set())
    backend = f._client._transport._pool._network_backend  # type: ignore[attr-defined]
    with pytest.raises(FetchFailed, match="loopback"):
        backend.connect_tcp("localhost", 9)


@pytest.mark.parametrize("ip, public", [
    ("8.8.8.8", True), ("2001:4860:4860::8888", True), ("127.0.0.1", False), ("10.1.2.3", False),
    ("172.16.0.1", False), ("192.168.0.1", False), ("169.254.1.1", False), ("::1", False), ("fe80::1", False),
    ("fc00::1", False), ("::ffff:127.0.0.1", False), ("0.0.0.0", False), ("224.0.0.1", False), ("100.64.1.1", False),
])
def test_is_public_address(ip, public):
    assert is_public_address(ip) is public


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://news.example/x", "gopher://x/", "javascript:alert(1)",
                                 "http://", "news.example/no-scheme"])
def test_only_http_and_https_urls(make_fetcher, url):
    doc = make_fetcher().fetch(url)
    assert isinstance(doc.error, FetchFailed)


# --- conditional requests, snapshots, replay ------------------------------------------------------------


def test_second_fetch_is_conditional_and_304_serves_the_snapshot(news_site, make_fetcher):
    f = make_fetcher()
    first = f.fetch(news_site.url(ART))
    second = f.fetch(news_site.url(ART))
    assert second.http_status == 304 and second.meta["not_modified"] and second.meta["unchanged"]
    assert second.data == first.data and second.kind == "html"
    assert news_site.headers_seen[-1].get("If-None-Match")


def test_changed_body_is_not_unchanged(site, make_fetcher):
    route = site.add("/p", "<html><body>v1</body></html>", etag=False)
    f = make_fetcher()
    assert f.fetch(site.url("/p")).meta["unchanged"] is False
    assert f.fetch(site.url("/p")).meta["unchanged"] is True  # same bytes, no ETag
    route.body = b"<html><body>v2</body></html>"
    assert f.fetch(site.url("/p")).meta["unchanged"] is False


def test_offline_replay_uses_snapshots_only(news_site, make_fetcher, tmp_path):
    live = make_fetcher().fetch(news_site.url(ART))
    before = len(news_site.log)
    replay = make_fetcher(offline=True).fetch(news_site.url(ART))
    assert replay.error is None and replay.data == live.data and replay.kind == "html"
    assert len(news_site.log) == before
    missing = make_fetcher(offline=True).fetch(news_site.url("/never-fetched"))
    assert isinstance(missing.error, FetchFailed) and "no snapshot" in str(missing.error)
    docs = list(load_snapshots(tmp_path / "snapshots"))
    assert [d.data for d in docs] == [live.data] and docs[0].fetched_at and docs[0].http_status == 200


def test_fetcher_is_a_context_manager(tmp_path):
    with Fetcher(FetchSettings(state_path=tmp_path / "s.sqlite")) as f:
        assert f.settings.per_host_delay_s == 1.0 and f.settings.backoff_s == (2, 5, 15)
    with pytest.raises(sqlite3.ProgrammingError):
        f.state.page("x")  # closed


# --- URLs ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url, clean", [
    ("HTTP://News.Example:80/a?utm_source=rss&utm_medium=feed&id=3#top", "http://news.example/a?id=3"),
    ("https://news.example:443/a?fbclid=x&gclid=y", "https://news.example/a"),
    ("https://news.example/a?page=2&tag_from=wp_nhl", "https://news.example/a?page=2"),
    ("https://news.example", "https://news.example/"),
])
def test_clean_url(url, clean):
    assert clean_url(url) == clean


@pytest.mark.parametrize("a, b", [
    ("https://www.news.example/read/1/x", "http://news.example/read/1/x?utm_source=twitter"),
    ("https://m.news.example/read/1/x", "https://news.example/read/1/x/"),
    ("https://amp.news.example/read/1/x", "https://news.example/read/1/x"),
    ("https://news.example/amp/read/1/x", "https://news.example/read/1/x"),
    ("https://news.example/read/1/x/amp", "https://news.example/read/1/x"),
    ("https://news.example/read/1/x?amp=1", "https://news.example/read/1/x"),
    ("https://news.example/read/1/x?outputType=amp", "https://news.example/read/1/x"),
    ("https://news.example/read/1/x?page=all", "https://news.example/read/1/x"),
    ("https://news.example/read/1/x?b=2&a=1", "https://news.example/read/1/x?a=1&b=2"),
])
def test_normalize_url_merges_variants(a, b):
    assert normalize_url(a) == normalize_url(b)
    assert url_doc_id(a) == url_doc_id(b)


@pytest.mark.parametrize("a, b", [
    ("https://news.example/read/1/x", "https://news.example/read/2/x"),
    ("https://news.example/read/1/x?id=1", "https://news.example/read/1/x?id=2"),
    ("https://news.example/read/1/x", "https://other.example/read/1/x"),
])
def test_normalize_url_keeps_different_pages_apart(a, b):
    assert normalize_url(a) != normalize_url(b)


def test_doc_id_shape():
    assert url_doc_id("https://news.example/a").startswith("web_") and len(url_doc_id("https://x.example/")) == 20


def test_sniff_kind_of_garbage_is_unknown():
    assert sniff_kind(b"\x00\x01\x02 binary") == "unknown"


# --- the httpx boundary ---------------------------------------------------------------------------------------


def _httpx_errors() -> list[type[httpx.HTTPError]]:
    return [c for _, c in inspect.getmembers(httpx, inspect.isclass) if issubclass(c, httpx.HTTPError)]


@pytest.mark.parametrize("cls", _httpx_errors(), ids=lambda c: c.__name__)
def test_every_httpx_error_is_mapped(cls):
    request = httpx.Request("GET", "http://x.example/")
    attempts = [(("boom",), {"request": request}),
                (("boom",), {"request": request, "response": httpx.Response(500, request=request)}),
                (("boom",), {}), ((), {})]
    for args, kwargs in attempts:
        try:
            exc = cls(*args, **kwargs)
            break
        except TypeError:
            continue
    else:
        pytest.fail(f"cannot build {cls.__name__}")
    mapped = map_httpx_error(exc, "http://x.example/")
    assert isinstance(mapped, (DocumentError, TransientError))
    assert str(mapped).startswith("[E-")
    if issubclass(cls, (httpx.TimeoutException, httpx.NetworkError)):
        assert isinstance(mapped, TransientError)


def test_tls_failure_is_not_retried():
    exc = httpx.ConnectError("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed")
    mapped = map_httpx_error(exc, "https://x.example/")
    assert isinstance(mapped, FetchFailed) and "verify_tls=False" in str(mapped)


def test_retry_after_forms():
    from datetime import datetime, timedelta, timezone
    from email.utils import format_datetime

    from pipeline.web.transport import parse_retry_after

    assert parse_retry_after("120") == 120.0
    later = format_datetime(datetime.now(timezone.utc) + timedelta(seconds=90), usegmt=True)
    assert 80 <= (parse_retry_after(later) or 0) <= 91
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past: retry now
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None
