"""RawDoc -> ParsedDoc: decode or extract text by kind, then clean it.

Dispatch: ``txt`` -> strict decoding; ``html`` -> :func:`pipeline.web.html.parse_html`
(trafilatura + metadata); ``pdf`` -> :func:`pipeline.pdf.parser.parse_pdf` (pdfplumber, OCR
fallback). Every failure is a :class:`DocumentError` with a hint.
"""

from __future__ import annotations

import codecs

from pipeline.clean import clean_text
from pipeline.errors import (
    DecodeFailed,
    DocumentError,
    EmptyDocument,
    ParseFailed,
    UnsupportedFormat,
)
from pipeline.models import ParsedDoc, RawDoc
from pipeline.settings import Settings

__all__ = ["decode_text", "parse_one"]

# An HTML page whose main text is shorter than this is navigation or an error page, not an article
# (the shortest real news brief we have seen is ~400 characters).
MIN_HTML_TEXT_CHARS = 120
# A text file with more than this share of control characters is binary, not text.
MAX_CONTROL_SHARE = 0.01


def decode_text(data: bytes) -> str:
    """Bytes of a text file -> str. UTF-8 (with or without BOM) or UTF-16 with a BOM only."""
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DecodeFailed("broken UTF-16 text", hint="re-save the file as UTF-8") from exc
    sample = data[:65536]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    # NUL anywhere (not only in the sampled head): a text file never holds one (memchr: ~1 ms/MB)
    if b"\x00" in data or controls > MAX_CONTROL_SHARE * max(len(sample), 1):
        raise DecodeFailed("binary data, not text", hint="give the real .txt, .html or .pdf file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        guess = _guess_encoding(data)
        raise DecodeFailed(
            f"not UTF-8 (byte {exc.start}; looks like {guess})",
            hint=f"re-save the file as UTF-8, e.g. iconv -f {guess} -t UTF-8",
        ) from exc


def _guess_encoding(data: bytes) -> str:
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:65536]).best()
        return best.encoding if best else "unknown"
    except Exception:  # the guess only improves the hint
        return "unknown"


def parse_one(raw: RawDoc, settings: Settings) -> ParsedDoc:
    """Parse and clean one document; raises DocumentError."""
    if raw.error is not None:
        raise raw.error
    if not raw.data and raw.page is None:
        raise EmptyDocument("the file is empty", hint="check the download or export")
    title, publisher, published = raw.title, raw.publisher, raw.published
    pages = None
    ocr_conf = None
    structure: dict = {}
    kind = "news"
    if raw.kind == "txt":
        original = decode_text(raw.data)
    elif raw.kind == "html":
        from pipeline.web.html import parse_html

        try:
            # a crawled article arrives parsed (pages joined): never rendered and parsed again
            h = raw.page if raw.page is not None else parse_html(raw.data, raw.url, raw.meta.get("headers"))
        except DocumentError:
            raise
        except Exception as exc:  # trafilatura/lxml on hostile markup
            raise ParseFailed(f"HTML could not be parsed: {exc}", hint="check the page saves as HTML") from exc
        # one extracted line is one paragraph (a blank line between them, as in the .txt corpus),
        # headed by the page title, so an article scores the same as HTML and as plain text
        paragraphs = [line.strip() for line in h.text.splitlines() if line.strip()]
        if h.title and (not paragraphs or paragraphs[0] != h.title.strip()):
            paragraphs.insert(0, h.title.strip())
        original = "\n\n".join(paragraphs)
        if len(h.text.strip()) < MIN_HTML_TEXT_CHARS:
            raise EmptyDocument(f"no article text in the page ({len(h.text.strip())} characters)",
                                hint="save the article page itself, not a listing or error page")
        title = title or h.title
        publisher = publisher or h.publisher
        published = published or h.published
        raw.canonical_url = raw.canonical_url or h.canonical_url
        structure["pdf_links"] = list(getattr(h, "pdf_links", []) or [])
    elif raw.kind == "pdf":
        from pipeline.pdf.worker import parse_pdf_isolated

        # a worker process under hard time and memory limits: a hostile PDF fails alone
        p = parse_pdf_isolated(raw.data, max_pages=settings.pdf_max_pages,
                               time_limit_s=settings.pdf_time_limit_s, memory_mb=settings.pdf_memory_mb,
                               ocr=settings.ocr)
        original = p.text
        pages = p.pages
        ocr_conf = p.ocr_confidence
        structure["ocr_pages"] = list(p.ocr_pages)
        structure["page_count"] = p.page_count
        structure["tables"] = p.tables
        kind = "circular"
    else:
        raise UnsupportedFormat(f"cannot read documents of kind {raw.kind!r}",
                                hint="give .txt, .html or .pdf")
    if kind == "circular":
        # PDF text is already laid out by parse_pdf; news-page cleaning would drop clause lines
        text, offset_map = original, [(0, 0, len(original))]
    else:
        text, offset_map = clean_text(original)
    if not text.strip():
        raise EmptyDocument("no text left after cleaning", hint="the page may be only navigation or an image")
    return ParsedDoc(raw=raw, text=text, original=original, offset_map=offset_map, kind=kind,
                     title=title, publisher=publisher, published=published, pages=pages,
                     ocr_confidence=ocr_conf, structure=structure)
