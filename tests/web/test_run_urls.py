"""URLs through the public interface: `edaran run URL` writes the document line with its URL and
canonical URL, keeps a snapshot, skips irrelevant pages, and a second run with nothing new extracts
nothing."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from pipeline.cli import app

ART = "/read/2024/04/16/101500/pemkot-bogor-terapkan-wfh-asn"
PAGE = """<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>Pemkot Bogor Terapkan WFH bagi ASN Dua Hari - Warta Contoh</title>
<link rel="canonical" href="http://news.example/read/2024/04/16/101500/pemkot-bogor-terapkan-wfh-asn">
<meta property="article:published_time" content="2024-04-16T10:15:00+07:00">
</head><body><nav><a href="/">Beranda</a> <a href="/olahraga">Olahraga</a></nav><article>
<h1>Pemkot Bogor Terapkan WFH bagi ASN Dua Hari</h1>
<p>BOGOR - Pemerintah Kota Bogor menerapkan work from home (WFH) bagi aparatur sipil negara pada
Selasa dan Rabu, 16-17 April 2024, untuk memperlancar arus balik Lebaran.</p>
<p>"Pegawai yang WFH paling banyak 50 persen dari jumlah pegawai," kata Wali Kota Bogor, Bima Arya,
Senin (15/4/2024).</p>
<p>Rumah sakit, puskesmas dan Satpol PP tetap bekerja dari kantor dan tidak mendapatkan WFH.</p>
</article><aside>Berita Terkait: Harga cabai naik</aside></body></html>"""


def _lines(out: Path) -> list[dict]:
    return [json.loads(x) for x in (out / "documents.jsonl").read_text().splitlines()]


def test_edaran_run_url_end_to_end(news_site, tmp_path: Path) -> None:
    news_site.add(ART, PAGE, content_type="text/html; charset=utf-8")
    out = tmp_path / "out"
    url = news_site.url(ART, host="127.0.0.1")
    sport = news_site.url("/olahraga/persija-menang-tipis", host="127.0.0.1")
    res = CliRunner().invoke(app, ["run", url, sport, "--out", str(out)])
    assert res.exit_code == 0, res.output
    lines = {d["status"]: d for d in _lines(out)}
    ok, skipped = lines["ok"], lines["skipped"]
    ok = next(d for d in _lines(out) if d["status"] == "ok" and d["kind"] == "news")
    assert ok["url"].endswith(ART) and ok["canonical_url"].endswith(ART)  # the canonical URL the page declares
    assert url in ok["urls"]  # and every URL it was fetched under
    assert ok["records"] >= 1 and ok["published"] == "2024-04-16" and ok["doc_id"].startswith("web_")
    assert skipped["error"].startswith("[E-IRRELEVANT]")
    assert any((out / "snapshots").iterdir())
    records = (out / "records.jsonl").read_text()
    assert json.loads(records.splitlines()[0])["authority"]["id"] == "region:32.71"

    again = CliRunner().invoke(app, ["run", url, sport, "--out", str(out)])
    assert again.exit_code == 0, again.output
    assert (out / "records.jsonl").read_text() == records  # nothing new: nothing re-extracted or lost
    assert "│  0 │" in again.output  # no document processed


def test_edaran_crawl_sources_then_nothing_new(news_site, tmp_path: Path) -> None:
    news_site.add(ART, PAGE, content_type="text/html; charset=utf-8")
    feed = f"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Warta</title>
<item><title>Pemkot Bogor Terapkan WFH bagi ASN</title><link>{news_site.url(ART, host="127.0.0.1")}</link>
<pubDate>Tue, 16 Apr 2024 10:15:00 +0700</pubDate></item></channel></rss>"""
    news_site.add("/rss/bogor.xml", feed, content_type="application/rss+xml")
    sources = tmp_path / "sources.toml"
    sources.write_text(f"""[defaults]\nmax_age_days = 100000\nrate = 0.0\n
[[feeds]]\nname = "test feed"\nurl = "{news_site.url('/rss/bogor.xml', host='127.0.0.1')}"\n""")
    out = tmp_path / "out"
    res = CliRunner().invoke(app, ["crawl", "--sources", str(sources), "--out", str(out)])
    assert res.exit_code == 0, res.output
    lines = _lines(out)
    assert [d["status"] for d in lines] == ["ok"] and lines[0]["records"] >= 1
    records = (out / "records.jsonl").read_text()
    again = CliRunner().invoke(app, ["crawl", "--sources", str(sources), "--out", str(out)])
    assert again.exit_code == 0, again.output
    assert "│  0 │" in again.output and (out / "records.jsonl").read_text() == records


def test_edaran_crawl_bad_sources_file_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[[feeds]\nurl = ")
    res = CliRunner().invoke(app, ["crawl", "--sources", str(bad), "--out", str(tmp_path / "o")])
    assert res.exit_code == 2 and "E-CONFIG" in res.output
