"""PDF bytes -> clean reading-order text with page offsets, tables and OCR fallback.

``parse_pdf`` reads a PDF page by page, one page in memory at a time:

1. Sniff and open. Not a PDF (an HTML page saved as ``.pdf``, a ZIP), encrypted, corrupt
   or truncated, zero pages, more pages than ``max_pages``: a :class:`DocumentError` whose
   message says what to do. pypdfium2 opens the file; pdfminer (through pdfplumber) is the
   fallback opener for files pdfium refuses.
2. Per page, choose the source with pypdfium2's text layer (~1 ms/page):
   a usable text layer -> pdfplumber words and ruled tables (layout-aware);
   no text layer, a sparse one over a page-sized picture, or a garbage one (broken font
   encoding: almost none of its words are words) -> OCR with Tesseract (``ind``) on a
   300-dpi rendering, one subprocess per page with a timeout.
3. Lay the page out: words -> lines; two-column blocks (the letter header "Nomor : ... |
   Kepada Yth. ...") are read column by column; ruled tables become lines
   ``cell | cell | cell``; running headers/footers and page numbers go; wrapped lines join
   into paragraphs, repairing end-of-line hyphenation ("kedi-" + "nasan" -> "kedinasan",
   but "masing-" + "masing" stays "masing-masing"); every numbered or lettered clause
   ("1.", "a.", "1)", "(a)", "-") starts its own line.
4. Join the pages; ``pages`` gives each page's (start, end) offsets in ``text``.

A time budget (``time_limit_s``) is checked between pages and after the last, and bounds every OCR
subprocess; the hard limits (wall clock, memory) come from running the whole parse in a
worker process (``worker.py``), and ``structure.py`` refuses reference cycles and form
recursion before any parser sees the file.

Modules: ``parser.py`` (this: open, choose a source per page, pdfplumber words with rotated
and giant glyphs dropped), ``layout.py`` (lines, columns, furniture, paragraphs, tables, pages
joined), ``ocr.py`` (rendering, Tesseract, scan detection), ``quality.py`` (garbage text layers),
``structure.py`` (object-graph checks), ``worker.py`` (the limited worker process).
"""

from __future__ import annotations

import io
import logging
import os
import re
import time
from bisect import bisect_right
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from pipeline.errors import EmptyDocument, ParseFailed, TimedOut, TooLarge
from pipeline.pdf.layout import (
    Line,
    Table,
    TableBlock,
    Word,
    assemble_pages,
    group_lines,
    layout_page,
    remove_furniture,
    right_edge,
)
from pipeline.pdf.ocr import (
    OCR_PAGE_TIMEOUT_S,
    OCR_WORKERS,
    ocr_image,
    page_has_scan,
    render_png,
    tesseract_available,
    tesseract_langs,
)
from pipeline.pdf.quality import is_garbage, text_quality
from pipeline.pdf.structure import check_structure

__all__ = ["PdfText", "Table", "page_of", "parse_pdf", "tesseract_available", "text_quality"]

log = logging.getLogger(__name__)

# --- thresholds ------------------------------------------------------------------------------

MAX_GLYPH_PT = 48.0
ROTATION_TOLERANCE = 0.1
MIN_TEXT_CHARS = 20
SPARSE_TEXT_CHARS = 200
MAX_LAYOUT_CHARS = 60_000
_BOLD_RE = re.compile(r"bold|black|heavy|,b$|-b$", re.IGNORECASE)


# --- public types ----------------------------------------------------------------------------


@dataclass
class PdfText:
    text: str
    pages: list[tuple[int, int]]  # (start, end) of each page in ``text``
    ocr_pages: list[int] = field(default_factory=list)  # 1-based numbers of pages read by OCR
    ocr_confidence: float | None = None  # mean word confidence 0..1 over OCR'd pages
    tables: list[Table] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    page_count: int = 0  # pages in the file (``len(pages)`` is the pages read)


def page_of(pages: list[tuple[int, int]], offset: int) -> int:
    """1-based page holding ``offset`` (clamped to the first/last page); 1 when ``pages`` is empty.

    The last page starting at or before ``offset``: an empty page shares its start with the
    next page, which is listed after it, so the page with the text wins; the newline between
    two pages belongs to the page before it."""
    if not pages:
        return 1
    return max(1, min(bisect_right([s for s, _ in pages], offset), len(pages)))

# --- errors ----------------------------------------------------------------------------------


def _sniff(data: bytes) -> None:
    head = data[:1024]
    if b"%PDF-" in head:
        return
    low = head.lstrip().lower()
    if low.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body")) or b"<html" in low[:512]:
        raise ParseFailed(
            "the file is an HTML page saved as .pdf, not a PDF",
            hint="save it with a .html extension, or pass the page URL, so the HTML parser reads it",
        )
    shown = head[:8].hex(" ")
    raise ParseFailed(
        f"the file is not a PDF (no %PDF- header; starts with bytes {shown})",
        hint="check the download: the server may have sent an error page or another file type",
    )


def _encrypted() -> ParseFailed:
    return ParseFailed(
        "PDF is encrypted with a password",
        hint="ask the publisher for an unprotected copy, or decrypt it: qpdf --decrypt --password=PW in.pdf out.pdf",
    )


def _corrupt(detail: str) -> ParseFailed:
    return ParseFailed(
        f"PDF is damaged or truncated ({detail})",
        hint="download it again; if it still fails, try repairing it with qpdf in.pdf out.pdf",
    )


def _tesseract_missing(cmd: str, why: str) -> ParseFailed:
    return ParseFailed(
        f"{why} and Tesseract OCR was not found ({cmd!r})",
        hint="install it: apt-get install tesseract-ocr tesseract-ocr-ind on Debian/Ubuntu, "
        "brew install tesseract tesseract-lang on macOS; or set EDARAN_TESSERACT to the binary",
    )


# --- sources: pdfplumber, pypdfium2 plain text, OCR ----------------------------------------------


def _plumber_page(page: Any) -> tuple[list[Line], list[TableBlock]]:
    tables: list[TableBlock] = []
    edges = page.edges
    nv = sum(1 for e in edges if e.get("orientation") == "v")
    nh = sum(1 for e in edges if e.get("orientation") == "h")
    boxes: list[tuple[float, float, float, float]] = []
    if nv >= 2 and nh >= 2:  # find_tables costs ~0.1 s: only where ruling lines could form cells
        for t in page.find_tables():
            rows = [[re.sub(r"\s+", " ", c or "").strip() for c in r] for r in t.extract()]
            rows = [r for r in rows if any(r)]
            if len(rows) < 2 or max(len(r) for r in rows) < 2:
                continue
            x0, top, x1, bottom = t.bbox
            tables.append(TableBlock(rows, top, bottom, (x0, top, x1, bottom)))
            boxes.append((x0, top, x1, bottom))
    words = []
    # rotated glyphs (a diagonal "SALINAN" watermark, a vertical margin note) and giant ones are
    # not body text; kept, they tie every line of the page into one
    body = page.filter(_is_body_glyph)
    for w in body.extract_words(x_tolerance=2, y_tolerance=3, keep_blank_chars=False, use_text_flow=False,
                                extra_attrs=["fontname"]):
        cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
        if any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes):
            continue
        text = w["text"].replace("\u00a0", " ").strip()
        if text:
            bold = bool(_BOLD_RE.search(w.get("fontname") or ""))
            words.append(Word(text, w["x0"], w["x1"], w["top"], w["bottom"], bold))
    return group_lines(words), tables


def _is_body_glyph(obj: dict[str, Any]) -> bool:
    """pdfplumber object filter: drop rotated characters and characters over MAX_GLYPH_PT."""
    if obj.get("object_type") != "char":
        return True
    if float(obj.get("size") or 0.0) > MAX_GLYPH_PT:
        return False
    a, b, c, d = (obj.get("matrix") or (1, 0, 0, 1, 0, 0))[:4]
    # upright text has a diagonal matrix; allow a little skew (synthetic italics use c ~ 0.2 a)
    return abs(b) <= ROTATION_TOLERANCE * abs(a) and a > 0 and d > 0


def _plain_lines(text: str, width: float, height: float) -> list[Line]:
    """pypdfium2 plain text -> lines with made-up geometry (one line per text line, no joins
    unless hyphenated)."""
    raw = [ln.strip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    raw = [ln for ln in raw if ln]
    lines = []
    step = height / (len(raw) + 2)
    for k, t in enumerate(raw):
        top = step * (k + 1)
        lines.append(Line([Word(t, 0.0, width * 0.5, top, top + step * 0.6)]))
    return lines


# --- the parse -----------------------------------------------------------------------------------


def parse_pdf(data: bytes, *, max_pages: int = 300, time_limit_s: float = 120, ocr: str = "auto",
              truncate: bool = False, tesseract_cmd: str | None = None, ocr_lang: str = "ind",
              ocr_workers: int | None = None) -> PdfText:
    """Read a PDF into clean reading-order text; see the module docstring.

    ``ocr``: "auto" (OCR pages without a usable text layer), "never", or "always" (OCR every
    page, e.g. when an old OCR layer reads "2021" as "2O2L"). ``truncate``: read the first
    ``max_pages`` pages of a longer file (with a warning) instead of refusing it.
    ``tesseract_cmd`` (default ``$EDARAN_TESSERACT`` or ``tesseract``); ``ocr_workers``: Tesseract
    processes run at once (default OCR_WORKERS).
    Raises ParseFailed, EmptyDocument or TooLarge; all other errors are mapped to ParseFailed.
    """
    if ocr not in ("auto", "never", "always"):
        raise ValueError(f"ocr must be 'auto', 'never' or 'always', not {ocr!r}")
    _sniff(data)
    check_structure(data)  # reference cycles, forms drawing forms: refused before pdfminer/pdfium loop
    import pypdfium2 as pdfium

    t0 = time.monotonic()
    cmd = tesseract_cmd or os.environ.get("EDARAN_TESSERACT", "tesseract")
    warnings: list[str] = []
    doc: Any = None
    try:
        doc = pdfium.PdfDocument(data)
        n_pages = len(doc)
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower():
            raise _encrypted() from exc
        doc = None
        n_pages = _pdfminer_page_count(data)  # raises for damaged files; 0 for an empty page tree
        warnings.append(f"pdfium could not open the file ({msg}); read with pdfminer only, no OCR")
    if n_pages == 0:
        raise EmptyDocument("PDF has no pages", hint="check the export: the file holds an empty page tree")
    if n_pages > max_pages and not truncate:
        raise TooLarge(f"PDF has {n_pages} pages, over the limit of {max_pages}",
                       hint="split the file, or raise --max-pdf-pages; a circular is rarely over 20 pages")
    n_read = min(n_pages, max_pages)
    if n_read < n_pages:
        warnings.append(f"read the first {n_read} of {n_pages} pages (page limit)")
    try:
        return _parse(data, doc, n_pages, n_read, t0, time_limit_s, ocr, cmd, ocr_lang,
                      ocr_workers if ocr_workers is not None else OCR_WORKERS, warnings)
    except (ParseFailed, EmptyDocument, TooLarge, TimedOut):
        raise
    except Exception as exc:  # pdfminer/pdfium internals on a hostile file: one boundary, one error
        log.warning("PDF parse failed", exc_info=True)
        raise _corrupt(f"{type(exc).__name__}: {exc}"[:200]) from exc
    finally:
        if doc is not None:
            doc.close()


def _pdfminer_page_count(data: bytes) -> int:
    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return len(pdf.pages)
    except Exception as exc:
        text = f"{type(exc).__name__} {exc}".lower()
        if "password" in text or "encrypt" in text:
            raise _encrypted() from exc
        raise _corrupt(str(exc)[:120] or type(exc).__name__) from exc


def _parse(data: bytes, doc: Any, n_pages: int, n_read: int, t0: float, time_limit_s: float, ocr: str,
           cmd: str, ocr_lang: str, ocr_workers: int, warnings: list[str]) -> PdfText:
    import pdfplumber

    page_lines: list[tuple[list[Line], float]] = []
    page_tables: list[list[TableBlock]] = []
    page_dims: list[float] = []
    sources: list[str] = []
    ocr_pages: list[int] = []
    confs: list[float] = []
    tess_missing: list[int] = []
    skipped: list[int] = []
    garbage_pages: list[int] = []
    lang: str | None = None

    workers = max(1, ocr_workers)
    in_flight: list[tuple[int, Future[tuple[list[Line], float | None]]]] = []

    def _collect(job: tuple[int, Future[tuple[list[Line], float | None]]]) -> None:
        k, fut = job
        try:
            lines, conf = fut.result()
        except TimeoutError as exc:
            raise TimedOut(f"OCR timed out on page {k + 1} of {n_read} ({exc})",
                              hint="split the file, or raise --pdf-time-limit") from exc
        except (OSError, RuntimeError) as exc:
            warnings.append(f"page {k + 1}: OCR failed: {exc}")
            lines, conf = [], None
        page_lines[k] = (lines, page_lines[k][1])
        if conf is not None:
            confs.append(conf)

    plumber = pdfplumber.open(io.BytesIO(data))
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="edaran-ocr")
    try:
        for i in range(n_read):
            elapsed = time.monotonic() - t0
            if elapsed > time_limit_s:
                raise TimedOut(
                    f"PDF took over {time_limit_s:g} s to read (stopped at page {i + 1} of {n_read})",
                    hint="split the file, or raise --pdf-time-limit; a scanned page costs ~1.5 s",
                )
            page = doc[i] if doc is not None else None
            plain = ""
            has_scan = False
            width, height = 612.0, 792.0
            if page is not None:
                width, height = page.get_size()
                tp = page.get_textpage()
                plain = tp.get_text_range()
                tp.close()
                has_scan = page_has_scan(page)
            n_chars = sum(1 for c in plain if not c.isspace())
            garbage = n_chars >= MIN_TEXT_CHARS and is_garbage(plain)
            if garbage:
                garbage_pages.append(i + 1)
            if page is None:
                want = "text"
            elif ocr == "always":
                want = "ocr"
            elif n_chars < MIN_TEXT_CHARS:
                drawn = next(iter(page.get_objects(max_depth=1)), None) is not None
                want = "ocr" if (has_scan or n_chars > 0 or drawn) else "blank"
            elif garbage or (has_scan and n_chars < SPARSE_TEXT_CHARS):
                want = "ocr"
            else:
                want = "text"
            if want == "ocr" and ocr == "never":
                want = "text" if (n_chars >= MIN_TEXT_CHARS and not garbage) else "skip"
            lines: list[Line] = []
            tables: list[TableBlock] = []
            src = want
            if want == "ocr":
                if not tesseract_available(cmd):
                    tess_missing.append(i + 1)
                    src = "skip"
                    if n_chars >= MIN_TEXT_CHARS and not garbage:  # fall back to the thin text layer
                        lines, src = _plain_lines(plain, width, height), "plain"
                else:
                    if lang is None:
                        langs = tesseract_langs(cmd)
                        lang = ocr_lang if (ocr_lang in langs or not langs) else "eng"
                        if lang != ocr_lang:
                            warnings.append(f"Tesseract has no '{ocr_lang}' language data; OCR used '{lang}' "
                                            f"(apt-get install tesseract-ocr-{ocr_lang})")
                    remaining = time_limit_s - (time.monotonic() - t0)
                    if remaining <= 1:
                        raise TimedOut(
                            f"PDF took over {time_limit_s:g} s to read (stopped at page {i + 1} of {n_read})",
                            hint="split the file, or raise --pdf-time-limit")
                    png, scale = render_png(page)
                    while len(in_flight) >= workers:  # bounded: at most ``workers`` page images held
                        _collect(in_flight.pop(0))
                    in_flight.append((i, pool.submit(ocr_image, png, cmd, lang,
                                                      min(OCR_PAGE_TIMEOUT_S, remaining), scale)))
                    del png
                    ocr_pages.append(i + 1)
            elif want == "text":
                if n_chars > MAX_LAYOUT_CHARS:
                    lines, src = _plain_lines(plain, width, height), "plain"
                    warnings.append(f"page {i + 1}: {n_chars} characters, read without layout analysis")
                else:
                    try:
                        pp = plumber.pages[i]
                        try:
                            lines, tables = _plumber_page(pp)
                            width, height = float(pp.width), float(pp.height)
                        finally:
                            pp.close()
                    except Exception as exc:  # pdfminer on a broken page: use pdfium's text
                        warnings.append(f"page {i + 1}: layout analysis failed ({type(exc).__name__}); plain text used")
                        lines, src = _plain_lines(plain, width, height), "plain"
                    if garbage and ocr == "never":
                        warnings.append(f"page {i + 1}: the text layer looks garbled and OCR is off")
            elif want == "skip":
                skipped.append(i + 1)
            if page is not None:
                page.close()
            page_lines.append((lines, height))
            page_tables.append(tables)
            page_dims.append(width)
            sources.append(src)
        while in_flight:
            _collect(in_flight.pop(0))
        if time.monotonic() - t0 > time_limit_s:  # the last page overran: the limit holds for it too
            raise TimedOut(f"PDF took over {time_limit_s:g} s to read",
                           hint="split the file, or raise --pdf-time-limit; a scanned page costs ~1.5 s")
    finally:
        plumber.close()
        pool.shutdown(wait=False, cancel_futures=True)

    cleaned = remove_furniture(page_lines)
    doc_edge = right_edge([ln for ln, src in zip(cleaned, sources, strict=True) if src == "text"])
    ocr_edge = right_edge([ln for ln, src in zip(cleaned, sources, strict=True) if src == "ocr"])
    outs = [
        layout_page(lines, tables, width, reorder=(src == "text"),
                     doc_edge=(ocr_edge if src == "ocr" else doc_edge) if src != "plain" else None)
        for lines, tables, width, src in zip(cleaned, page_tables, page_dims, sources, strict=True)
    ]
    text, pages, found_tables = assemble_pages(outs)

    if tess_missing:
        why = ("PDF has no usable text layer (a scan, or a text layer with a broken font encoding)"
               if garbage_pages else "PDF has no text layer (a scan)")
        if not text.strip():
            raise _tesseract_missing(cmd, why)
        warnings.append(f"pages {_ranges(tess_missing)} need OCR but Tesseract was not found "
                        "(apt-get install tesseract-ocr tesseract-ocr-ind)")
    if skipped:
        if not text.strip():
            raise ParseFailed("PDF has no usable text layer and OCR is off",
                              hint="run with --ocr auto, which needs tesseract-ocr and tesseract-ocr-ind")
        warnings.append(f"pages {_ranges(skipped)} have no usable text layer and were skipped (OCR is off)")
    if not text.strip():
        raise EmptyDocument("PDF has no readable text", hint="the pages are blank or only pictures without words")
    return PdfText(text=text, pages=pages, ocr_pages=ocr_pages,
                   ocr_confidence=round(sum(confs) / len(confs), 4) if confs else None,
                   tables=found_tables, warnings=warnings, page_count=n_pages)


def _ranges(nums: list[int]) -> str:
    out: list[str] = []
    for n in nums:
        if out and "-" not in out[-1] and int(out[-1]) == n - 1:
            out[-1] = f"{out[-1]}-{n}"
        elif out and "-" in out[-1] and int(out[-1].split("-")[1]) == n - 1:
            out[-1] = f"{out[-1].split('-')[0]}-{n}"
        else:
            out.append(str(n))
    return ", ".join(out)
