"""Crawl throughput on a local server: fetch + parse_html (+ extraction when available).

Serves N generated article pages (~12 KB each: navigation, JSON-LD, ads, related list,
comments) spread over H host names (all resolved to 127.0.0.1) plus one RSS feed listing
them, from ``http.server`` in a thread. Then:

1. first crawl: ``pipeline.web.crawler.expand([feed])`` -> pages/second (fetch, robots, snapshots,
   state, parse_html, relevance, dedupe);
2. extraction: ``pipeline.run.parse_batch`` + ``extract_batch`` over the crawled documents,
   if the lead's pipeline exposes them (else reported as skipped);
3. no-op re-crawl: the same feed again (conditional requests, 304s) -> time and documents
   yielded (should be 0).

Politeness delays are 0 here (``per_host_delay_s=0``); a real crawl is bounded by them
(1 request per host per second by default), not by this code.

    python benchmarks/crawl_bench.py --pages 300 --hosts 4 --workers 4
"""

from __future__ import annotations

import argparse
import hashlib
import random
import socket
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.web.client import Fetcher, FetchSettings  # noqa: E402
from pipeline.web.crawler import Crawler  # noqa: E402

WORDS = ("pemerintah kota kabupaten provinsi daerah pegawai aparatur layanan publik kantor rumah jadwal hari "
         "pekan bulan kebijakan surat edaran wali bupati gubernur sekretaris kepala dinas badan unit kerja "
         "pelayanan masyarakat kesehatan pendidikan perhubungan kebakaran rumah sakit puskesmas sekolah "
         "anggaran efisiensi energi listrik bahan bakar kendaraan kemacetan transportasi umum jalan tol "
         "evaluasi kinerja laporan aplikasi presensi daring absensi disiplin sanksi tunjangan penghasilan "
         "tambahan libur lebaran natal tahun baru cuti bersama arus mudik balik polusi udara banjir gempa "
         "bencana darurat pandemi covid vaksinasi rapat koordinasi instruksi menteri presiden wakil ketua "
         "komisi dewan perwakilan rakyat anggota fraksi usulan wacana kajian uji coba penerapan pelaksanaan "
         "pengawasan inspektorat kepegawaian pengembangan sumber daya manusia digital teknologi informasi").split()
CITIES = ("Sukamaju Sukaraja Mekarsari Tanjungsari Sindangbarang Karangasem Suryajaya Bumiayu Cibening "
          "Margahayu Sidomulyo Tegalsari Pasirjambu Lembahhijau Batuampar Kotabaru").split()


def article_html(i: int, host: str) -> bytes:
    rng = random.Random(i)
    city = rng.choice(CITIES)
    title = f"Pemkot {city} Terapkan WFH bagi ASN, Berlaku Mulai {rng.randint(1, 28)} Mei"
    paras = [f"Pemerintah Kota {city} menerapkan sistem kerja dari rumah atau work from home (WFH) bagi "
             f"aparatur sipil negara (ASN) paling banyak {rng.choice([25, 30, 40, 50])} persen pegawai."]
    for _ in range(8):
        paras.append(" ".join(rng.choice(WORDS) for _ in range(rng.randint(25, 45))).capitalize() + ".")
    body = "\n".join(f"<p>{p}</p>" for p in paras)
    nav = " ".join(f'<li><a href="/kanal/{w}">{w.title()}</a></li>' for w in WORDS[:25])
    related = " ".join(f'<li><a href="/read/{i + k}">Berita terkait {k} tentang {rng.choice(WORDS)}</a></li>'
                       for k in range(1, 9))
    published = (datetime(2024, 4, 1, tzinfo=timezone.utc) + timedelta(hours=i)).isoformat()
    page = f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>{title} - Warta Bench</title>
<meta property="og:title" content="{title}"><meta property="og:site_name" content="Warta Bench">
<link rel="canonical" href="http://{host}/read/{i}/pemkot-{city.lower()}-wfh-asn">
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "{title}", "datePublished": "{published}",
"author": {{"@type": "Person", "name": "Reporter {i % 17}"}}, "publisher": {{"name": "Warta Bench"}}}}</script>
</head><body><header><nav><ul>{nav}</ul></nav><div class="ads ads-top">ADVERTISEMENT</div></header>
<main><article><h1>{title}</h1><div class="read__time">Selasa, 16 April 2024 10:15 WIB</div>
<div class="read__content">{body}
<p><strong>Baca juga: <a href="/read/{i + 1}">Berita lain {i + 1}</a></strong></p></div>
<div class="tag"><a href="/tag/asn">ASN</a> <a href="/tag/wfh">WFH</a></div></article>
<section class="related"><h3>Berita Terkait</h3><ul>{related}</ul></section>
<section class="comments"><h3>Komentar</h3><p>Komentar pembaca nomor {i}.</p></section></main>
<footer>Copyright 2024 Warta Bench. {" ".join(WORDS[:60])}</footer></body></html>"""
    return page.encode("utf-8")


class Site:
    def __init__(self, pages: int, hosts: list[str], port_holder: list[int]) -> None:
        self.pages = pages
        self.hosts = hosts
        self.port_holder = port_holder
        self.requests = 0
        self.not_modified = 0
        self.lock = threading.Lock()

    def host(self, i: int) -> str:
        return f"{self.hosts[i % len(self.hosts)]}:{self.port_holder[0]}"

    def feed(self) -> bytes:
        items = "".join(
            f"<item><title>Pemkot WFH ASN {i}</title><link>http://{self.host(i)}/read/{i}/pemkot-wfh-asn</link>"
            f"<pubDate>{format_datetime(datetime(2024, 4, 1, tzinfo=timezone.utc) + timedelta(hours=i))}</pubDate>"
            f"</item>" for i in range(self.pages))
        return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Warta Bench</title>'
                f"{items}</channel></rss>").encode()


def make_handler(site: Site) -> type[BaseHTTPRequestHandler]:
    cache: dict[str, bytes] = {}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 (http.server API)
            with site.lock:
                site.requests += 1
            path = self.path
            if path == "/robots.txt":
                body, ctype = b"User-agent: *\nDisallow: /private/\n", "text/plain"
            elif path == "/feed.xml":
                body, ctype = site.feed(), "application/rss+xml"
            elif path.startswith("/read/"):
                i = int(path.split("/")[2])
                host = (self.headers.get("Host") or "").split(":")[0]
                key = f"{host}{path}"
                if key not in cache:
                    cache[key] = article_html(i, f"{host}:{site.port_holder[0]}")
                body, ctype = cache[key], "text/html; charset=utf-8"
            else:
                body, ctype = b"not found", "text/plain"
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                with site.lock:
                    site.not_modified += 1
                self.wfile.write(f"HTTP/1.1 304 Not Modified\r\nETag: {etag}\r\nContent-Length: 0\r\n\r\n".encode())
                return
            status = "404 Not Found" if body == b"not found" else "200 OK"
            head = (f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n"
                    f"ETag: {etag}\r\n\r\n").encode()
            self.wfile.write(head + body)  # one write: no Nagle/delayed-ACK stall on localhost

        def log_message(self, *args: object) -> None:
            pass

    return Handler


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--hosts", type=int, default=4, help="host names the pages are spread over")
    ap.add_argument("--workers", type=int, default=4, help="FetchSettings.workers")
    ap.add_argument("--no-extract", action="store_true", help="skip the extraction stage")
    args = ap.parse_args()

    hosts = [f"site{k}.bench" for k in range(args.hosts)]
    port: list[int] = [0]
    site = Site(args.pages, hosts, port)
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(site))
    port[0] = server.server_port
    threading.Thread(target=server.serve_forever, daemon=True).start()

    def resolver(host: str, p: int) -> list[str]:
        if host.endswith(".bench") or host == "127.0.0.1":
            return ["127.0.0.1"]
        return [str(i[4][0]) for i in socket.getaddrinfo(host, p, type=socket.SOCK_STREAM)]

    out = Path(tempfile.mkdtemp(prefix="crawl_bench_"))
    settings = FetchSettings(per_host_delay_s=0.0, backoff_s=(0,), allowed_hosts={"127.0.0.1", *hosts},
                             snapshot_dir=out / "snapshots", state_path=out / "crawl.sqlite", workers=args.workers)
    feed = f"http://{hosts[0]}:{port[0]}/feed.xml"

    with Fetcher(settings, resolver=resolver) as fetcher:
        crawler = Crawler(fetcher, max_items=args.pages)
        t0 = time.perf_counter()
        docs = list(crawler.expand([feed]))
        first = time.perf_counter() - t0
        ok = [d for d in docs if d.error is None]
        first_requests = site.requests

    extract_note = "skipped (--no-extract)"
    extract_s = None
    if not args.no_extract:
        try:
            from pipeline.run import extract_batch, parse_batch
            from pipeline.settings import Settings
        except ImportError as exc:
            extract_note = f"skipped (pipeline.run.extract_batch not available: {exc})"
        else:
            from pipeline.errors import ConfigError

            s = Settings(out_dir=out / "run")
            t0 = time.perf_counter()
            try:
                results = extract_batch(parse_batch(ok, s), s)
            except ConfigError as exc:  # the bundled classifier may be missing in a working tree
                print(f"(extraction with default settings failed: {exc}; retrying with classifier=None)")
                s.classifier = None
                t0 = time.perf_counter()
                results = extract_batch(parse_batch(ok, s), s)
            extract_s = time.perf_counter() - t0
            records = sum(len(r.records) for r in results)
            statuses = {st: sum(1 for r in results if r.line.status == st) for st in ("ok", "failed", "skipped")}
            extract_note = f"{len(ok) / extract_s:,.0f} docs/s ({extract_s:.2f} s; {records} records; {statuses})"

    with Fetcher(settings, resolver=resolver) as fetcher:
        crawler2 = Crawler(fetcher, max_items=args.pages)
        t0 = time.perf_counter()
        again = list(crawler2.expand([feed]))
        second = time.perf_counter() - t0

    print(f"pages served: {args.pages} on {args.hosts} host(s); workers={args.workers}; output {out}")
    print(f"{'stage':<34}{'time':>9}  result")
    print(f"{'first crawl (fetch+parse_html)':<34}{first:>8.2f}s  {len(ok)} documents, "
          f"{len(ok) / first:,.0f} pages/s, {first_requests} requests")
    if extract_s is not None:
        print(f"{'parse_batch + extract_batch':<34}{extract_s:>8.2f}s  {extract_note}")
        print(f"{'crawl + extraction':<34}{first + extract_s:>8.2f}s  "
              f"{len(ok) / (first + extract_s):,.0f} pages/s end to end")
    else:
        print(f"{'extraction':<34}{'-':>9}  {extract_note}")
    print(f"{'no-op re-crawl':<34}{second:>8.2f}s  {len(again)} documents yielded, "
          f"{site.not_modified} answered 304; {second / first:.0%} of the first crawl")
    print(f"crawl stats: {dict(crawler.stats)}")
    server.shutdown()


if __name__ == "__main__":
    main()
