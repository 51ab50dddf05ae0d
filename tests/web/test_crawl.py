"""pipeline.web.crawler end to end against the local server: feeds, sitemaps, listings, dedupe, increments."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.errors import ConfigError, FetchFailed, NotRelevant
from pipeline.web.crawler import Crawler, crawl, expand, load_sources
from pipeline.web.html import HtmlDoc, parse_html
from pipeline.web.urls import url_doc_id

ROOT = Path(__file__).resolve().parents[2]
ART = "/read/2024/04/16/101500/pemkot-sukamaju-terapkan-wfh-asn"
PAGED = "/news/2024/05/14/pemprov-sukaraja-izinkan-asn-wfa"
READALL = "/read/2024/03/05/140000/bkn-ingatkan-presensi"


def _by_url(docs, site, path, host="news.example"):
    url = site.url(path, host)
    found = [d for d in docs if d.url == url or url in d.urls]
    assert len(found) == 1, (url, [d.url for d in docs])
    return found[0]


def test_expand_feed(news_site, make_fetcher):
    docs = list(expand([news_site.url("/rss/terkini.xml")], make_fetcher()))
    ok = [d for d in docs if d.error is None]
    # three articles + one PDF; the m./AMP/utm variants of the first article are one document
    assert sorted(d.kind for d in ok) == ["html", "html", "html", "pdf"]
    first = _by_url(ok, news_site, ART)
    assert first.doc_id == url_doc_id(news_site.url(ART)) and re.fullmatch(r"web_[0-9a-f]{16}", first.doc_id)
    assert first.url == first.canonical_url == news_site.url(ART)
    assert set(first.urls) >= {news_site.url(ART) + "?utm_source=rss&utm_medium=feed",
                               news_site.url(ART, "m.news.example"), news_site.url("/amp" + ART)}
    assert (first.title, first.published, first.publisher) == (
        "Pemkot Sukamaju Terapkan WFH bagi ASN Selama Dua Hari", "2024-04-16", "Warta Sukamaju")
    pdf = _by_url(ok, news_site, "/files/se-800-145-2024.pdf")
    assert pdf.kind == "pdf" and pdf.data.startswith(b"%PDF")
    assert first.meta["linked_documents"] == [pdf.doc_id]
    # never fetched: duplicates by URL, the blocked and the disallowed
    assert news_site.hits(ART, host="m.news.example") == 0 and news_site.hits("/amp" + ART) == 0
    assert news_site.hits("/admin/asn-wfh") == 0 and news_site.hits("/private/asn-wfh") == 0
    assert news_site.hits("/files/se-800-145-2024.pdf") == 1
    # the irrelevant page is a skipped document, the refused links are failed documents
    sport = _by_url(docs, news_site, "/olahraga/persija-menang-tipis")
    assert isinstance(sport.error, NotRelevant) and sport.error.status == "skipped"
    errors = {d.url: str(d.error) for d in docs if isinstance(d.error, FetchFailed)}
    assert "loopback" in errors[news_site.url("/admin/asn-wfh", "evil.example")]
    assert "private" in errors["http://10.0.0.1/asn-wfh"]
    assert "robots.txt" in errors[news_site.url("/private/asn-wfh")]
    assert len(docs) == 4 + 1 + 3


def test_expand_output_carries_the_parsed_page(news_site, make_fetcher):
    """The parse stage uses ``raw.page`` (an HtmlDoc, pages joined) as is: no HTML rendered and parsed again."""
    docs = list(expand([news_site.url(PAGED)], make_fetcher()))
    (doc,) = docs
    html = doc.page
    assert isinstance(html, HtmlDoc)
    assert html.text.count("\n") == 6 and html.pages == 3  # 3 + 2 + 2 paragraphs
    assert doc.data.startswith(b"<") and b"edaran-article" not in doc.data  # the bytes as fetched
    assert doc.sha256 and len(doc.sha256) == 64
    assert html.title == doc.title and html.published == doc.published == "2024-05-14"


def test_paginated_article_is_joined(news_site, make_fetcher):
    (doc,) = list(expand([news_site.url(PAGED)], make_fetcher()))
    text = doc.page.text
    order = ["TRIBUNSUKARAJA.COM", "paling sedikit 60 persen", "Unit pelayanan publik", "setiap tiga bulan"]
    positions = [text.index(s) for s in order]
    assert positions == sorted(positions)
    assert doc.meta["pages"] == 3 and len(doc.meta["snapshots"]) == 3
    assert doc.url == news_site.url(PAGED)  # page 2's canonical (?page=2) does not become the article URL
    assert doc.page.author == "Dimas Prasetyo"


def test_later_page_given_starts_from_the_first(news_site, make_fetcher):
    (doc,) = list(expand([news_site.url(PAGED) + "?page=2"], make_fetcher()))
    assert doc.meta["pages"] == 3 and doc.url == news_site.url(PAGED)


def test_read_all_page_is_preferred_to_joining(news_site, make_fetcher):
    (doc,) = list(expand([news_site.url(READALL)], make_fetcher()))
    text = doc.page.text
    assert text.count("\n") == 3 and "sanksi disiplin" in text
    assert news_site.hits(READALL) == 2  # the page and its ?page=all; ?page=2 never
    assert ("news.example", READALL, "page=2", 200) not in news_site.log


def test_amp_page_resolves_to_its_canonical_article(news_site, make_fetcher):
    (doc,) = [d for d in expand([news_site.url("/amp" + ART)], make_fetcher()) if d.kind == "html"]
    assert doc.url == news_site.url(ART)
    assert news_site.url("/amp" + ART) in doc.urls
    assert "Salinan surat edaran" in doc.page.text  # the full text, not the AMP teaser


def test_tracking_and_mobile_duplicates_are_one_document(news_site, make_fetcher):
    urls = [news_site.url(ART) + "?utm_source=whatsapp", news_site.url(ART, "m.news.example"),
            news_site.url(ART) + "#komentar"]
    docs = [d for d in expand(urls, make_fetcher()) if d.kind == "html"]
    assert len(docs) == 1
    assert set(urls) <= set(docs[0].urls)
    assert len(news_site.log) == 3  # robots.txt, the article, its PDF


def test_sitemap_expansion_merges_the_syndicated_copies(news_site, make_fetcher):
    docs = list(expand([news_site.url("/sitemap_index.xml")], make_fetcher()))
    ok = [d for d in docs if d.error is None and d.kind == "html"]
    assert len(ok) == 1, [d.url for d in ok]
    (story,) = ok
    copies = {news_site.url("/berita/d-7123456/pemkot-sukamaju-terapkan-wfh-asn"),
              news_site.url("/berita/4012000/pemkot-sukamaju-terapkan-wfh-asn"),
              news_site.url("/nasional/pemkot-sukamaju-wfh-asn-dua-hari", "other.example")}
    assert copies <= set(story.urls)
    assert {s["publisher"] for s in story.meta["syndicated"]} == {"ANTARA News", "Harian Lain"}
    assert all(s["similarity"] >= 0.6 for s in story.meta["syndicated"])
    skipped = [d for d in docs if isinstance(d.error, NotRelevant)]
    assert len(skipped) == 1 and "olahraga" in skipped[0].url


def test_different_articles_are_not_merged(news_site, make_fetcher):
    docs = list(expand([news_site.url(ART), news_site.url(PAGED), news_site.url(READALL)], make_fetcher()))
    assert len([d for d in docs if d.kind == "html"]) == 3


def test_second_crawl_with_nothing_new_yields_nothing(news_site, make_fetcher):
    feed = news_site.url("/rss/terkini.xml")
    first = list(expand([feed], make_fetcher()))
    assert len(first) == 8
    mark = len(news_site.log)
    second = list(expand([feed], make_fetcher()))
    assert second == []
    statuses = [status for _, path, _, status in news_site.log[mark:] if path != "/robots.txt"]
    assert statuses and set(statuses) == {304}  # conditional requests; nothing parsed again


def test_changed_article_is_yielded_again_under_the_same_id(news_site, make_fetcher):
    feed = news_site.url("/rss/terkini.xml")
    first = {d.doc_id: d for d in expand([feed], make_fetcher())}
    route = news_site.routes[(None, READALL, "page=all")]
    route.body = route.body.replace(b"dikenai sanksi disiplin", b"dikenai sanksi disiplin berat")
    second = list(expand([feed], make_fetcher()))
    assert [d.doc_id for d in second] == [url_doc_id(news_site.url(READALL))]
    assert second[0].doc_id in first


def test_page_rendered_again_with_new_ads_is_not_new(site, make_fetcher):
    body = (Path(__file__).parent / "fixtures" / "article_meta.html").read_text(encoding="utf-8")
    route = site.add("/berita/d-1/x", body.replace("http://BASE", site.base), etag=False)
    assert len(list(expand([site.url("/berita/d-1/x")], make_fetcher()))) == 2  # article + its PDF link
    route.body = route.body.replace(b"Harga Emas Hari Ini", b"Harga Emas Turun")
    assert list(expand([site.url("/berita/d-1/x")], make_fetcher())) == []


def test_user_given_pdf_url(news_site, make_fetcher):
    (doc,) = list(expand([news_site.url("/files/se-2-2023.pdf")], make_fetcher()))
    assert doc.kind == "pdf" and doc.error is None and doc.doc_id.startswith("web_")


def test_user_given_listing_page_yields_its_pdfs(news_site, make_fetcher):
    docs = list(expand([news_site.url("/jdih/produk-hukum")], make_fetcher()))
    pdfs = sorted(d.url for d in docs if d.kind == "pdf")
    assert pdfs == [news_site.url("/files/perwal-12-2024.pdf"), news_site.url("/files/se-800-145-2024.pdf")]


def test_atom_feed_with_relative_links(news_site, make_fetcher):
    docs = list(expand([news_site.url("/atom.xml")], make_fetcher()))
    assert [d.url for d in docs] == [news_site.url(READALL)]


# --- sources file ------------------------------------------------------------------------------------------


def _sources(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "sources.toml"
    p.write_text(text, encoding="utf-8")
    return p


def test_crawl_sources_with_keywords_listing_and_details(news_site, make_fetcher, tmp_path):
    path = _sources(tmp_path, f"""
[defaults]
max_age_days = 100000
rate = 0.0

[[sitemaps]]
name = "Warta Sukamaju news sitemap"
url = "{news_site.url('/sitemap_index.xml')}"

[[listings]]
name = "JDIH Sukamaju"
url = "{news_site.url('/jdih/produk-hukum')}"
detail_pattern = "/jdih/detail/"
keywords = []
""")
    sources = load_sources(path)
    f = make_fetcher(allowed_hosts=set())
    c = Crawler(f)
    docs = list(c.crawl(sources))
    html = [d for d in docs if d.kind == "html" and d.error is None]
    assert len(html) == 1 and len(html[0].urls) == 2  # the syndicated story, once
    # other.example is not named in this sources file and resolves to loopback: refused
    refused = [d for d in docs if isinstance(d.error, FetchFailed)]
    assert [d.url for d in refused] == [news_site.url("/nasional/pemkot-sukamaju-wfh-asn-dua-hari", "other.example")]
    pdfs = sorted(d.url for d in docs if d.kind == "pdf")
    assert pdfs == [news_site.url(f"/files/{n}") for n in ("perwal-12-2024.pdf", "se-2-2023.pdf",
                                                            "se-800-145-2024.pdf")]
    assert all(d.meta.get("via") for d in docs if d.kind == "pdf")
    # the football entry's sitemap title has no keyword: never fetched
    assert news_site.hits("/olahraga/hasil-liga-1-pekan-ke-30") == 0
    assert c.stats["keyword_filtered"] >= 1


def test_crawl_max_age_skips_old_entries(news_site, make_fetcher, tmp_path):
    path = _sources(tmp_path, f"""
[[feeds]]
name = "Warta"
url = "{news_site.url('/rss/terkini.xml')}"
max_age_days = 1
""")
    list(crawl(load_sources(path), make_fetcher()))
    for path in (PAGED, READALL, "/olahraga/persija-menang-tipis"):  # dated entries, all older than a day
        assert news_site.hits(path) == 0, path


def test_repo_sources_file_loads():
    sources = load_sources(ROOT / "sources.toml")
    assert len(sources.sources) >= 10
    kinds = {s.kind for s in sources.sources}
    assert {"feed", "sitemap", "listing"} <= kinds
    assert all(s.url.startswith("https://") for s in sources.sources)
    assert any(h.startswith("https://www.antaranews.com/") for h in sources.allowed_hosts)


@pytest.mark.parametrize("text, message", [
    ('[[feeds]]\nname = "x"\n', "missing url"),
    ('[[feeds]]\nurl = "ftp://x.example/"\n', "only http and https"),
    ('[[feeds]]\nurl = "https://x.example/"\nspeed = 3\n', "unknown key"),
    ('[[listings]]\nurl = "https://x.example/"\nlink_pattern = "(["\n', "not a valid regex"),
    ('[[blogs]]\nurl = "https://x.example/"\n', "unknown section"),
    ('[defaults]\nrate = 1\n', "lists no sources"),
    ('[[feeds]\nurl = "https://x.example/"\n', "not valid TOML"),
])
def test_load_sources_errors(tmp_path, text, message):
    with pytest.raises(ConfigError, match=message):
        load_sources(_sources(tmp_path, text))


def test_offline_replay_of_a_whole_crawl(news_site, make_fetcher):
    """Snapshots + state let the crawl (pages joined, feed expanded) run again with no network."""
    live = sorted((d.doc_id, d.sha256) for d in expand([news_site.url("/rss/terkini.xml")], make_fetcher())
                  if d.error is None)
    before = len(news_site.log)
    replay = sorted((d.doc_id, d.sha256) for d in expand([news_site.url("/rss/terkini.xml")],
                                                       make_fetcher(offline=True), incremental=False)
                    if d.error is None)
    assert replay == live and len(news_site.log) == before


# --- near-duplicate text ------------------------------------------------------------------------------------

STORY = (Path(__file__).parent / "fixtures" / "article_jsonld.html")


def _story_text() -> str:
    return parse_html(STORY.read_bytes(), "http://news.example/a/b").text


def test_minhash_similarity_separates_copies_from_rewrites():
    from pipeline.web.dedupe import NEAR_DUP_JACCARD, minhash, similarity

    text = _story_text()
    copy = "Sukamaju (ANTARA) - " + text.rsplit("\n", 1)[0] + "\nArtikel ini disadur dari ANTARA."
    rewrite = ("Aparatur sipil negara di lingkungan Pemkot Sukamaju boleh bekerja dari rumah dua hari setelah "
               "Lebaran, sesuai Surat Edaran Wali Kota Nomor 800/145-BKPSDM/2024. Sekda Hendra Saputra menyebut "
               "porsi WFH dibatasi separuh pegawai di tiap perangkat daerah, sedangkan rumah sakit, puskesmas, "
               "damkar, dan dishub tetap masuk kantor penuh. Kepala perangkat daerah diminta memantau presensi "
               "daring pegawai. ASN yang WFH harus siaga selama jam kerja dan dilarang ke luar kota.")
    other = parse_html((Path(__file__).parent / "fixtures" / "paged_1.html").read_bytes(), None).text * 3
    a, b, c, d = (minhash(t) for t in (text, copy, rewrite, other))
    assert a is not None and b is not None and c is not None and d is not None
    assert similarity(a, b) >= 0.8
    assert similarity(a, c) < NEAR_DUP_JACCARD / 3
    assert similarity(a, d) < 0.05
    assert minhash("terlalu pendek untuk dibandingkan") is None
