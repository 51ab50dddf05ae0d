"""What the hostile-input defences cost, and what they bound. Not a test; prints a table::

    python benchmarks/hostile_bench.py

1. line grouping: 16,000 overlapping 2-pt words (one line, the quadratic case of issue 14);
2. the structure check (reference cycles, form recursion) per page of the generated circulars;
3. the PDF worker: first call (process start + imports) and per-document overhead against an
   in-process parse of the same small PDF;
4. the hostile PDFs end to end through the worker (seconds to their error);
5. the bounded decoder: MB/s decoding a gzip body, and the stacked-gzip refusal.
"""

from __future__ import annotations

import gzip
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "hostile"))
sys.path.insert(0, str(ROOT / "tests" / "pdf"))

import hostile_pdfs as pdfgen  # noqa: E402
import make_fixtures  # noqa: E402

from pipeline.errors import EdaranError  # noqa: E402
from pipeline.pdf.layout import Word, group_lines  # noqa: E402
from pipeline.pdf.parser import parse_pdf  # noqa: E402
from pipeline.pdf.structure import check_structure  # noqa: E402
from pipeline.pdf.worker import parse_pdf_isolated  # noqa: E402
from pipeline.web.transport import BoundedDecoder  # noqa: E402


def _time(fn, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs)


def main() -> None:
    rows: list[tuple[str, str]] = []
    words = [Word("ya", (i % 150) * 4.0, (i % 150) * 4.0 + 3, 100 + (i // 150) * 0.9, 102 + (i // 150) * 0.9)
             for i in range(16000)]
    rows.append(("group_lines, 16,000 words in one line", f"{_time(lambda: group_lines(list(words))):.3f} s"))

    with tempfile.TemporaryDirectory() as tmp:
        fixtures = make_fixtures.build_all(Path(tmp))
        many = fixtures["many_pages"].read_bytes()
        t = _time(lambda: check_structure(many))
        rows.append(("check_structure, 500-page PDF", f"{t:.3f} s ({t / 500 * 1000:.2f} ms/page)"))
        small = fixtures["madiun"].read_bytes()
        rows.append(("parse_pdf in process, small circular", f"{_time(lambda: parse_pdf(small)):.3f} s"))
        t0 = time.perf_counter()
        parse_pdf_isolated(small, time_limit_s=60)
        rows.append(("parse in the worker, first call (start + imports)", f"{time.perf_counter() - t0:.3f} s"))
        rows.append(("parse in the worker, next calls",
                     f"{_time(lambda: parse_pdf_isolated(small, time_limit_s=60)):.3f} s"))

    cases = {"self-reference": pdfgen.self_reference_pdf(), "nested forms 10^7": pdfgen.nested_forms_pdf(),
             "form draws itself": pdfgen.self_drawing_form_pdf(), "deflate bomb 800 MB": pdfgen.flate_bomb_pdf(800)}
    for name, data in cases.items():
        t0 = time.perf_counter()
        try:
            parse_pdf_isolated(data, time_limit_s=60, memory_mb=512)
            outcome = "parsed"
        except EdaranError as exc:
            outcome = f"[{exc.code}]"
        rows.append((f"hostile PDF: {name} ({len(data):,} B)", f"{outcome} in {time.perf_counter() - t0:.2f} s"))

    body = gzip.compress(b"Pegawai bekerja dari rumah. " * 400_000)  # 11 MB of text
    def decode() -> None:
        d = BoundedDecoder("gzip", 20_000_000, "http://x")
        for k in range(0, len(body), 65536):
            d.feed(body[k:k + 65536])
        d.flush()
    t = _time(decode)
    rows.append(("BoundedDecoder gzip", f"{11.2 / t:.0f} MB/s"))
    try:
        BoundedDecoder("gzip, gzip", 20_000_000, "http://x")
    except EdaranError as exc:
        rows.append(("stacked gzip", str(exc)[:60]))

    width = max(len(a) for a, _ in rows)
    for a, b in rows:
        print(f"{a:<{width}}  {b}")


if __name__ == "__main__":
    main()
