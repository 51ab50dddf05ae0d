"""Fixtures of the operations tests: a local news site (RSS feed + one article) for crawls."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = "/berita/2024/04/16/asn-pemkot-cilegon-wfh"


def _article_html(text: str) -> str:
    paras = [p.strip() for p in text.split("\n\n") if p.strip()]
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in paras[1:])
    return (f'<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>{html.escape(paras[0])}</title>'
            f"</head><body><article><h1>{html.escape(paras[0])}</h1>\n{body}</article></body></html>")


@pytest.fixture
def news_feed_site(httpserver: HTTPServer) -> str:
    """http://127.0.0.1:PORT serving robots.txt, /rss.xml and one policy article (a seed text as
    HTML); returns the feed URL. Only 127.0.0.1: a flow run in another process can reach it."""
    base = f"http://127.0.0.1:{httpserver.port}"
    text = next(iter(sorted((ROOT / "corpus" / "seeds").glob("003_*.txt")))).read_text(encoding="utf-8")
    title = html.escape(text.split("\n", 1)[0].strip())
    feed = (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Warta</title>'
            f"<link>{base}/</link><description>Berita</description><item><title>{title} ASN WFH</title>"
            f"<link>{base}{ARTICLE}</link><pubDate>Tue, 16 Apr 2024 03:15:00 GMT</pubDate></item>"
            f"</channel></rss>")
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n", content_type="text/plain")
    httpserver.expect_request("/rss.xml").respond_with_data(feed, content_type="application/rss+xml")
    httpserver.expect_request(ARTICLE).respond_with_data(_article_html(text), content_type="text/html; charset=utf-8")
    return f"{base}/rss.xml"


@pytest.fixture
def sources_file(tmp_path: Path, news_feed_site: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(f'[defaults]\nrate = 0.0\nmax_age_days = 100000\n\n[[feeds]]\nname = "Warta"\n'
                    f'url = "{news_feed_site}"\n', encoding="utf-8")
    return path
