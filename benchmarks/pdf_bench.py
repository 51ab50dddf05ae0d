"""PDF throughput: parse_pdf against the raw libraries, in the same run.

Text PDFs: pages/second through ``pipeline.pdf.parser.parse_pdf(ocr="never")`` (pypdfium2 text
check + pdfplumber words/tables + layout) against bare ``pdfplumber`` ``page.extract_text()``.
Scans: seconds/page through ``parse_pdf`` (render 300 dpi + Tesseract TSV + layout) against
the raw ``tesseract page.png stdout -l ind`` CLI on the same 300-dpi page images (rendering
not counted for the CLI). OMP_THREAD_LIMIT=1 for both. Not a test; prints a table::

    python benchmarks/pdf_bench.py [--repeat 3]

Inputs: the generated circulars of tests/pdf/make_fixtures.py (always) and, when present,
the real PDFs of shared/corpus/pdfs (text: PERBUP 22/2020 (44 p.), the Gresik SE, the Bali
Pergubs; scan: the four pages of SKB 2020).
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "pdf"))
CORPUS = ROOT.parent / "shared" / "corpus" / "pdfs"

os.environ["OMP_THREAD_LIMIT"] = "1"


def _median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _page_count(data: bytes) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    try:
        return len(doc)
    finally:
        doc.close()


def _raw_plumber(data: bytes) -> None:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()


def _text_inputs() -> list[tuple[str, bytes]]:
    import make_fixtures

    out = [(f"fixture {n}", make_fixtures.circular_pdf(n)[0]) for n in make_fixtures.CIRCULARS]
    for name in ("PERBUP_22_2020-Pedoman-Masa-Transisi-New-Normal.pdf", "PERPANJANGAN-4-WFH.pdf",
                 "jdih-cms_demo_1.pdf", "jdih-cms_demo_9.pdf"):
        p = CORPUS / name
        if p.exists():
            out.append((name[:34], p.read_bytes()))
    return out


def _scan_inputs() -> list[tuple[str, bytes, int]]:
    """(label, PDF bytes, pages to read)."""
    import make_fixtures

    out = [("fixture menpanrb_scan", make_fixtures.image_only_pdf(make_fixtures.circular_pdf("menpanrb")[0]), 1)]
    p = CORPUS / "SKB-MEPANRB-2020-06-HARI-LIBUR-NASIONAL-DAN-CUTI-BERSAMA-2020.pdf"
    if p.exists():
        out.append(("SKB 2020 scan (4 pages)", p.read_bytes(), 4))
    return out


def _render_pngs(data: bytes, pages: int, folder: Path) -> list[Path]:
    import pypdfium2 as pdfium

    from pipeline.pdf.ocr import render_png

    doc = pdfium.PdfDocument(data)
    paths = []
    try:
        for i in range(pages):
            page = doc[i]
            png, _scale = render_png(page)
            page.close()
            path = folder / f"page{i}.png"
            path.write_bytes(png)
            paths.append(path)
    finally:
        doc.close()
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    from pipeline.pdf.parser import parse_pdf

    rows: list[tuple[str, ...]] = []
    tot_pages = tot_ours = tot_raw = 0.0
    for label, data in _text_inputs():
        n = _page_count(data)
        parse_pdf(data, ocr="never")  # warm-up: lexicons, imports
        ours = _median_time(lambda d=data: parse_pdf(d, ocr="never"), args.repeat)
        raw = _median_time(lambda d=data: _raw_plumber(d), args.repeat)
        tot_pages += n
        tot_ours += ours
        tot_raw += raw
        rows.append((label, str(n), f"{n / ours:.1f}", f"{n / raw:.1f}", f"{ours / raw:.2f}"))
    rows.append(("all text PDFs", str(int(tot_pages)), f"{tot_pages / tot_ours:.1f}", f"{tot_pages / tot_raw:.1f}",
                 f"{tot_ours / tot_raw:.2f}"))
    print("\nText PDFs (median of %d runs)" % args.repeat)
    _table(("input", "pages", "parse_pdf p/s", "pdfplumber p/s", "ratio"), rows)

    if shutil.which("tesseract") is None:
        print("\nOCR: tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-ind); skipped")
        return
    rows = []
    for label, data, pages in _scan_inputs():
        ocr_repeat = max(1, args.repeat // 2)
        ours = _median_time(lambda d=data, k=pages: parse_pdf(d, max_pages=k, truncate=True, ocr_workers=1),
                            ocr_repeat) / pages
        ours2 = _median_time(lambda d=data, k=pages: parse_pdf(d, max_pages=k, truncate=True, ocr_workers=2),
                             ocr_repeat) / pages
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            pngs = _render_pngs(data, pages, Path(tmp))
            render = (time.perf_counter() - t0) / pages

            def cli(paths=pngs) -> None:
                for png in paths:
                    subprocess.run(["tesseract", str(png), "stdout", "-l", "ind"], capture_output=True, check=True,
                                   env={**os.environ, "OMP_THREAD_LIMIT": "1"})

            raw = _median_time(cli, ocr_repeat) / pages
        rows.append((label, str(pages), f"{ours:.2f}", f"{ours2:.2f}", f"{raw:.2f}", f"{render:.2f}",
                     f"{ours / raw:.2f}"))
    print("\nScanned pages: seconds per page (OMP_THREAD_LIMIT=1; parse_pdf with 1 and 2 Tesseract processes)")
    _table(("input", "pages", "parse_pdf s/p", "2 workers s/p", "tesseract CLI s/p", "render s/p", "ratio 1w/CLI"),
           rows)


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))))


if __name__ == "__main__":
    main()
