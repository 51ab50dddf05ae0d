"""Hostile web servers through `edaran run URL...` (and the Fetcher API for the slow drip).

Issue 14: a 3.5 KB response with ``Content-Encoding: gzip, gzip`` reached 4.3 GB; a 10 MB
robots.txt meant "allow all"; naming 127.0.0.1:PORT opened every port of 127.0.0.1; a slow
drip was retried four times at the full deadline; a deeply nested page said [E-EMPTY] and a
feed with a DTD [E-FORMAT].
"""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

import pytest
from hostile_servers import HostileServer, drip

from pipeline.errors import TimedOut
from pipeline.web.client import Fetcher, FetchSettings

ARTICLE = ("<html><head><title>Jadwal pertandingan sepak bola</title></head><body><article>"
           + "<p>Pertandingan sepak bola antarkampung digelar pekan depan di lapangan desa. </p>" * 6
           + "</article></body></html>").encode()


def gzip_bomb(decompressed_mb: int) -> bytes:
    """A gzip member inflating to ``decompressed_mb`` MB, built from one repeated deflate block
    (the CRC is not right: a decoder runs out of memory long before it checks it)."""
    chunk = b"\0" * (1 << 20)
    z = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    unit = z.compress(chunk) + z.flush(zlib.Z_FULL_FLUSH)
    tail = z.flush()
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    size = (decompressed_mb << 20) & 0xFFFFFFFF
    return header + unit * decompressed_mb + tail + b"\0\0\0\0" + size.to_bytes(4, "little")


def billion_laughs_feed() -> bytes:
    ents = ['<!ENTITY lol "lol">'] + [f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
                                      for i in range(1, 10)]
    return (f'<?xml version="1.0"?>\n<!DOCTYPE rss [\n{chr(10).join(ents)}\n]>\n'
            '<rss version="2.0"><channel><title>&lol9;</title><item><title>x</title>'
            '<link>http://example.invalid/x</link></item></channel></rss>').encode()


def rss(links: list[str]) -> bytes:
    items = "".join(f"<item><title>Berita {i}</title><link>{u}</link></item>" for i, u in enumerate(links))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Warta</title>{items}'
            "</channel></rss>").encode()


@pytest.fixture(scope="module")
def web_run(tmp_path_factory: pytest.TempPathFactory, cli):
    with HostileServer() as a, HostileServer() as b, HostileServer() as c:
        for s in (a, b):
            s.add("/robots.txt", b"User-agent: *\nAllow: /\n", content_type="text/plain")
        a.add("/stack.html", gzip.compress(gzip_bomb(4096)), headers={"Content-Encoding": "gzip, gzip"})
        a.add("/bomb.html", gzip_bomb(200), headers={"Content-Encoding": "gzip"})
        a.add("/deep.html", (b"<html><head><title>Dalam</title></head><body>" + b"<div>" * 5000 + ARTICLE
                             + b"</div>" * 5000 + b"</body></html>"))
        a.add("/dtd.xml", billion_laughs_feed(), content_type="application/rss+xml")
        a.add("/feed.xml", rss([b.url("/secret.html"), a.url("/redirect")]), content_type="application/rss+xml")
        a.add("/redirect", b"", status=302, headers={"Location": b.url("/secret2.html")})
        b.add("/secret.html", ARTICLE)
        b.add("/secret2.html", ARTICLE)
        # RFC 9309: the first 500 KiB count; this file is 10 MB and starts by disallowing everything
        c.add("/robots.txt", b"User-agent: *\nDisallow: /\n" + b"# padding\n" * 1_000_000, content_type="text/plain")
        c.add("/page.html", ARTICLE)
        # cases that already held before issue 14, kept so they keep holding
        a.add("/metadata", b"", status=302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})
        a.add("/lie.html", ARTICLE, headers={"Content-Length": "50000000"})  # declares 50 MB, sends 1 KB
        a.add("/self-sitemap.xml", (f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/'
                                    f'sitemap/0.9"><sitemap><loc>{a.url("/self-sitemap.xml")}</loc></sitemap>'
                                    "</sitemapindex>").encode(), content_type="application/xml")
        a.add("/schemes.xml", rss(["file:///etc/passwd", "../../etc/passwd", "gopher://127.0.0.1/x"]),
              content_type="application/rss+xml")
        urls = [a.url(p) for p in ("/stack.html", "/bomb.html", "/deep.html", "/dtd.xml", "/feed.xml", "/metadata",
                                   "/lie.html", "/self-sitemap.xml", "/schemes.xml")]
        urls.append(c.url("/page.html"))
        run = cli(*urls, out=tmp_path_factory.mktemp("web_out"))
        run.hits = {"a": dict(a.hits), "b": dict(b.hits), "c": dict(c.hits)}  # type: ignore[attr-defined]
        run.urls = {"a": a.url(""), "b": b.url(""), "c": c.url("")}  # type: ignore[attr-defined]
    return run


def _line(run, url_suffix: str, host: str = "a") -> dict:
    want = run.urls[host] + url_suffix
    for d in run.documents().values():
        if d["source"] == want or want in (d.get("urls") or []):
            return d
    raise AssertionError(f"no documents.jsonl line for {want}: {[d['source'] for d in run.documents().values()]}")


def test_hostile_web_run_completes_under_memory_limit(web_run) -> None:
    """The CLI child has CLI_MEMORY_MB of address space: the 4 GB gzip stack would kill it.
    Every hostile page fails or is skipped, so the run ends with exit 1 ("every document failed"),
    never a signal or a traceback."""
    assert web_run.returncode in (0, 1), web_run.stderr[-2000:]
    assert "Traceback" not in web_run.stderr
    if web_run.returncode == 1:
        assert "every document failed" in web_run.stderr


def test_stacked_content_encoding_is_refused(web_run) -> None:
    line = _line(web_run, "/stack.html")
    assert line["status"] == "failed"
    assert line["error"].startswith("[E-FETCH]") and "stacked Content-Encoding 'gzip, gzip'" in line["error"]


def test_single_gzip_bomb_is_capped_while_decoding(web_run) -> None:
    line = _line(web_run, "/bomb.html")
    assert line["status"] == "skipped" and line["error"].startswith("[E-SIZE]")
    assert "decompressed body over the limit" in line["error"]


def test_deeply_nested_page_says_so(web_run) -> None:
    line = _line(web_run, "/deep.html")
    assert line["status"] == "failed"
    assert line["error"].startswith("[E-PARSE]") and "255 levels" in line["error"]


def test_feed_with_a_dtd_says_so(web_run) -> None:
    line = _line(web_run, "/dtd.xml")
    assert line["status"] == "failed"
    assert line["error"].startswith("[E-PARSE]") and "DTD" in line["error"]


def test_private_exception_is_for_the_named_port_only(web_run) -> None:
    """127.0.0.1:A was named; a feed link and a redirect to 127.0.0.1:B are refused unread."""
    assert web_run.hits["b"].get("/secret.html", 0) == 0
    assert web_run.hits["b"].get("/secret2.html", 0) == 0
    assert web_run.hits["b"].get("/robots.txt", 0) == 0
    for suffix in ("/secret.html",):
        line = _line(web_run, suffix, host="b")
        assert line["status"] == "failed" and "not fetched" in line["error"]
    snapshots = web_run.out / "snapshots"
    bodies = [p.read_bytes() for p in snapshots.glob("*.body")] if snapshots.exists() else []
    assert ARTICLE not in bodies  # the refused page's body is not kept


def test_oversized_robots_txt_still_disallows(web_run) -> None:
    line = _line(web_run, "/page.html", host="c")
    assert line["status"] == "failed" and "disallowed by" in line["error"]
    assert web_run.hits["c"].get("/page.html", 0) == 0


def test_redirect_to_link_local_metadata_is_refused(web_run) -> None:
    line = _line(web_run, "/metadata")
    assert line["status"] == "failed" and "169.254.169.254" in line["error"] and "link-local" in line["error"]


def test_content_length_over_the_cap_is_not_read(web_run) -> None:
    line = _line(web_run, "/lie.html")
    assert line["status"] == "skipped" and line["error"].startswith("[E-SIZE]")


def test_self_referencing_sitemap_and_odd_schemes_end(web_run) -> None:
    """A sitemap listing itself and a feed of file://, ../ and gopher:// links: the run ends, nothing
    outside http(s) is read (the budget of the run is the test's hang guard)."""
    assert web_run.hits["a"].get("/self-sitemap.xml", 0) <= 2
    for d in web_run.documents().values():
        assert d["source"].startswith(("http://", "https://")) or d["status"] != "ok"
    assert not any("etc/passwd" in d["source"] and d["status"] == "ok" for d in web_run.documents().values())


def test_slow_drip_has_one_budget_across_retries(tmp_path: Path) -> None:
    """A server sending a byte every 0.2 s forever: two attempts at most, then [E-TIMEOUT]
    (it used to be retried four times at the full deadline)."""
    with HostileServer() as s:
        s.add("/robots.txt", b"", status=404, content_type="text/plain")
        s.add("/drip.html", drip())
        settings = FetchSettings(timeout_s=1.0, total_timeout_s=2.0, retries=3, backoff_s=(0.2,),
                                 per_host_delay_s=0.0, allowed_hosts={s.url("/")})
        with Fetcher(settings) as f:
            doc = f.fetch(s.url("/drip.html"))
        assert isinstance(doc.error, TimedOut), doc.error
        assert str(doc.error).startswith("[E-TIMEOUT]")
        assert s.hits["/drip.html"] <= 2
