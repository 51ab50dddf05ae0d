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

A time budget (``time_limit_s``) is checked between pages and bounds every OCR
subprocess, so one bad file never stalls a run.
"""

from __future__ import annotations

import io
import logging
import os
import re
import shutil
import statistics
import subprocess
import time
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pipeline.errors import EmptyDocument, ParseFailed, TimedOut, TooLarge
from pipeline.pdf.structure import check_structure

__all__ = ["PdfText", "Table", "page_of", "parse_pdf", "tesseract_available", "text_quality"]

log = logging.getLogger(__name__)

# --- thresholds ------------------------------------------------------------------------------

# Glyphs larger than this are not body text (a circular's title is 14-20 pt; watermarks and
# stamps are 60+ pt); they are dropped before words are grouped into lines.
MAX_GLYPH_PT = 48.0
# A glyph whose text matrix turns it by more than ~6 degrees (|b| > 0.1 a) is rotated text.
ROTATION_TOLERANCE = 0.1

# A page whose text layer has fewer non-space characters than this has no text layer
# (a scan; "- 2 -" alone is 3 characters).
MIN_TEXT_CHARS = 20
# A text layer this sparse over a page-sized picture is a stamp or a page number on a scan:
# OCR reads the whole page (the stamp included, since it is rendered too).
SPARSE_TEXT_CHARS = 200
# Share of the page covered by one picture that makes the page "a scan" (the scanned annex of
# PermenPANRB 1/2020 is a 430x664 pt picture on a 612x936 page: 0.499).
SCAN_IMAGE_SHARE = 0.3
# Share of words that are frequent Indonesian/English words (extractors/lexicons/circular.json
# "text_check_words"). Real pages score 0.15-0.40 (the OCR'd SKB 2022 with "MENTER!" errors:
# 0.22); a broken font encoding scores ~0. Below this, with enough words, the layer is garbage.
GARBAGE_WORD_SHARE = 0.04
GARBAGE_MIN_WORDS = 15
# ... and when fewer than this share of its words have a vowel and no run of five consonants
# (Indonesian names and words do; random glyphs mostly do not).
GARBAGE_PRONOUNCEABLE = 0.7
# Share of characters that are neither letters, digits, spaces nor common punctuation.
GARBAGE_SYMBOL_SHARE = 0.3
# A page with more characters than this is read from pypdfium2's plain text instead of
# pdfplumber (whose cost grows with characters: a 60k-character page takes ~2 s).
MAX_LAYOUT_CHARS = 60_000
# Running headers and footers are searched among the first/last three lines of a page that lie
# in this share of the page height from its edge (a scan's "- 2 -" sits at 22% of the height).
TOP_ZONE = 0.3
OCR_DPI = 300
# Rendering cap: an A0 poster at 300 dpi is 140 Mpx; above this the dpi is lowered.
MAX_RENDER_PIXELS = 40_000_000
# One OCR page never takes longer than this (Tesseract does a dense page in ~1.5-4 s with
# OMP_THREAD_LIMIT=1); the remaining document budget can make it shorter.
OCR_PAGE_TIMEOUT_S = 90.0
# Tesseract processes per document at once (each single-threaded, OMP_THREAD_LIMIT=1): two use
# both cores of the CI machine; set EDARAN_OCR_WORKERS=1 when documents already run in parallel.
OCR_WORKERS = int(os.environ.get("EDARAN_OCR_WORKERS", "0")) or min(2, os.cpu_count() or 1)
# Words: horizontal gap (points) that separates columns of a two-column block. Justified body
# text has inter-word gaps up to ~19 pt at 12 pt type, but not aligned across lines.
MIN_GUTTER = 14.0
# A vertical gap this many font sizes wider than the usual gap between lines writes an empty
# line (a section break: after the letterhead, before the signature block).
SECTION_GAP = 1.2

PAGE_NUMBER_RE = re.compile(
    r"^\s*(?:[-–—]\s*\d{1,4}\s*[-–—]|\d{1,4}|(?:halaman|hal\.?|page|hlm\.?)\s*:?\s*\d{1,4}"
    r"(?:\s*(?:dari|/|of)\s*\d{1,4})?|\d{1,4}\s*(?:/|dari|of)\s*\d{1,4})\s*$",
    re.IGNORECASE,
)
# A clause or list marker at the start of a line: "1.", "12)", "a.", "b)", "(1)", "(a)",
# "iv.", "A.", "-", "•". "a.n." (atas nama) is no marker: the marker must be followed by space.
MARKER_RE = re.compile(
    r"^(?:\(?\d{1,2}[.)]|\(?[a-z][.)]|\([a-z0-9]{1,3}\)|[ivx]{1,5}[.)]|[A-Z][.)]|[IVX]{1,5}\.|[-–•●▪◦*►])(?=\s)"
)
_BOLD_RE = re.compile(r"bold|black|heavy|,b$|-b$", re.IGNORECASE)
_HYPHENS = "-\u00ad\u2010\u2011¬"
_WORD_RE = re.compile(r"[^\W\d_]{2,}", re.UNICODE)
_ORDINARY_CHAR_RE = re.compile(r"[\w\s.,:;()\-–—/%'\"’“”&+=*!?@#\[\]<>|\u00ad]", re.UNICODE)


# --- public types ----------------------------------------------------------------------------


@dataclass
class Table:
    """A ruled table: rows of cell strings, and where each row's line sits in ``PdfText.text``."""

    page: int  # 1-based
    rows: list[list[str]]
    row_spans: list[tuple[int, int]] = field(default_factory=list)
    bbox: tuple[float, float, float, float] | None = None  # x0, top, x1, bottom in points


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


# --- text-layer check ------------------------------------------------------------------------


@cache
def _check_words() -> frozenset[str]:
    from extractors.lexicon import load_json

    return frozenset(load_json("circular.json")["text_check_words"]["words"])


def text_quality(text: str) -> tuple[float, int]:
    """(share of words that are frequent Indonesian/English words, number of words)."""
    words = [w.lower() for w in _WORD_RE.findall(text)]
    if not words:
        return 0.0, 0
    known = _check_words()
    return sum(1 for w in words if w in known) / len(words), len(words)


_PRONOUNCEABLE_RE = re.compile(r"^(?=.*[aeiouy])(?!.*[^aeiouy\W\d]{5})", re.IGNORECASE)


def _is_garbage(text: str) -> bool:
    """A text layer to distrust: mostly symbols, or words that are neither frequent words nor
    pronounceable (a list of names is pronounceable; a scrambled font encoding is not)."""
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return False
    odd = sum(1 for c in chars if not _ORDINARY_CHAR_RE.match(c)) / len(chars)
    if odd > GARBAGE_SYMBOL_SHARE:
        return True
    share, n = text_quality(text)
    if n < GARBAGE_MIN_WORDS or share >= GARBAGE_WORD_SHARE:
        return False
    words = _WORD_RE.findall(text)
    pronounceable = sum(1 for w in words if _PRONOUNCEABLE_RE.match(w)) / len(words)
    return pronounceable < GARBAGE_PRONOUNCEABLE


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


# --- layout model ----------------------------------------------------------------------------


@dataclass
class _Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    bold: bool = False


class _Line:
    """Words of one text line; its vertical extent is kept as words are added (not recomputed
    over all words per comparison: that made a 16,000-word page quadratic)."""

    __slots__ = ("words", "column", "right_edge", "top", "bottom")

    def __init__(self, words: list[_Word], column: int = 0, right_edge: float | None = None) -> None:
        self.words = words
        self.column = column  # lines of one column block share an id; 0 = the page's main flow
        self.right_edge = right_edge  # where a full line of this column ends
        self.top = min(w.top for w in words)
        self.bottom = max(w.bottom for w in words)

    def add(self, w: _Word) -> None:
        self.words.append(w)
        if w.top < self.top:
            self.top = w.top
        if w.bottom > self.bottom:
            self.bottom = w.bottom

    def __repr__(self) -> str:
        return f"_Line({self.text!r}, top={self.top:.1f}, bottom={self.bottom:.1f})"

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass
class _TableBlock:
    rows: list[list[str]]
    top: float
    bottom: float
    bbox: tuple[float, float, float, float]


@dataclass
class _PageOut:
    """A laid-out page: paragraphs (strings) in reading order; tables as runs of rows."""

    items: list[tuple[str, Any]]  # ("para", str) | ("row", (table_index, row_index)) | ("break", None)
    tables: list[_TableBlock]
    ends_open: bool = False  # the last paragraph wraps onto the next page
    starts_open: bool = False  # the first paragraph continues the previous page


def _group_lines(words: list[_Word]) -> list[_Line]:
    """Words -> lines: a word joins a line when it overlaps the line vertically by half its height."""
    words = sorted(words, key=lambda w: (round(w.top, 1), w.x0))
    lines: list[_Line] = []
    for w in words:
        h = max(w.bottom - w.top, 1.0)
        best = None
        for ln in lines[-4:]:  # only recent lines can overlap (words sorted by top)
            overlap = min(ln.bottom, w.bottom) - max(ln.top, w.top)
            if overlap >= 0.5 * min(h, max(ln.height, 1.0)):
                best = ln
        if best is None:
            lines.append(_Line([w]))
        else:
            best.add(w)
    for ln in lines:
        ln.words.sort(key=lambda w: w.x0)
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    return lines


def _split_marker_lines(lines: list[_Line], size: float) -> list[_Line]:
    """'Menimbang   a. bahwa ...' -> 'Menimbang' + 'a. bahwa ...': a clause marker after a wide gap
    (or after a lone ':') starts its own line."""
    out: list[_Line] = []
    for ln in lines:
        cur = [ln.words[0]]
        for k, (prev, w) in enumerate(zip(ln.words, ln.words[1:], strict=False), start=1):
            gap = w.x0 - prev.x1
            if (k + 1 < len(ln.words) and MARKER_RE.match(w.text + " ")
                    and (gap >= 1.5 * size or prev.text.endswith((":", "："))) ):
                out.append(_Line(cur, ln.column, ln.right_edge))
                cur = [w]
            else:
                cur.append(w)
        out.append(_Line(cur, ln.column, ln.right_edge))
    return out


def _occupied(lines: Iterable[_Line]) -> list[tuple[float, float]]:
    return _merge_spans([], [(w.x0, w.x1) for ln in lines for w in ln.words])


def _merge_spans(occ: list[tuple[float, float]], spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Union of x-intervals (touching within 1 pt), sorted."""
    merged: list[list[float]] = []
    for a, b in sorted([*occ, *spans]):
        if merged and a <= merged[-1][1] + 1.0:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


def _has_gap(occ: list[tuple[float, float]], min_width: float) -> bool:
    return any(b[0] - a[1] >= min_width for a, b in zip(occ, occ[1:], strict=False))


def _gutters(lines: list[_Line], min_width: float) -> list[tuple[float, float]]:
    occ = _occupied(lines)
    return [(a[1], b[0]) for a, b in zip(occ, occ[1:], strict=False) if b[0] - a[1] >= min_width]


def _is_key_value_gutter(lines: list[_Line], g: tuple[float, float]) -> bool:
    """'Nomor   :   800/894' — a gutter next to a column of colons is a label/value table."""
    for ln in lines:
        left = [w for w in ln.words if w.x1 <= g[0] + 0.5]
        right = [w for w in ln.words if w.x0 >= g[1] - 0.5]
        if left and right and (right[0].text.startswith(":") or left[-1].text.endswith(":")):
            return True
    return False


def _both_sides(ln: _Line, g: tuple[float, float]) -> bool:
    return any(w.x1 <= g[0] + 0.5 for w in ln.words) and any(w.x0 >= g[1] - 0.5 for w in ln.words)


def _looks_like_table(lines: list[_Line], g: tuple[float, float]) -> bool:
    """Aligned rows whose right side is mostly numbers or percentages: an unruled table, read by rows."""
    rows = [ln for ln in lines if _both_sides(ln, g)]
    numeric = sum(1 for ln in rows if re.search(r"\d", " ".join(w.text for w in ln.words if w.x0 >= g[1] - 0.5)))
    return bool(rows) and numeric >= 0.5 * len(rows)


def _column_cut(lines: list[_Line], size: float) -> tuple[float, float] | None:
    """The gutter to read ``lines`` column by column, or None."""
    cands = [g for g in _gutters(lines, _min_gutter(size)) if not _is_key_value_gutter(lines, g)]
    best = None
    for g in sorted(cands, key=lambda g: g[1] - g[0], reverse=True):
        rows = [ln for ln in lines if _both_sides(ln, g)]
        if len(rows) < 2:
            continue
        right_x = [min(w.x0 for w in ln.words if w.x0 >= g[1] - 0.5) for ln in rows]
        aligned = max(Counter(round(x / 3) for x in right_x).values())
        # three rows with text on both sides, or two whose right side starts at one x
        if len(rows) >= 3 or aligned >= 2:
            if _looks_like_table(lines, g):
                return None
            best = g
            break
    return best


def _min_gutter(size: float) -> float:
    return max(MIN_GUTTER, 1.2 * size)


def _order_columns(lines: list[_Line], size: float, pitch: float, next_col: list[int]) -> list[_Line]:
    """Reading order: find runs of lines that form a two-column block and read each column
    top to bottom (recursively, so a right column may split again)."""
    min_gutter = _min_gutter(size)
    out: list[_Line] = []
    i = 0
    n = len(lines)
    while i < n:
        # grow the longest window from i that still has a usable gutter; adding lines only fills
        # gaps, so once the union of the window's words has no gap, no longer window has one
        best_j, best_g = i, None
        occ = _occupied([lines[i]])
        j = i + 1
        while j < n and lines[j].top - lines[j - 1].bottom <= 2.5 * pitch:
            occ = _merge_spans(occ, [(w.x0, w.x1) for w in lines[j].words])
            if not _has_gap(occ, min_gutter):
                break
            g = _column_cut(lines[i:j + 1], size)
            if g is not None:
                best_j, best_g = j, g
            j += 1
        if best_g is None:
            out.append(lines[i])
            i += 1
            continue
        window = lines[i:best_j + 1]
        left: list[_Line] = []
        right: list[_Line] = []
        for ln in window:
            lw = [w for w in ln.words if w.x1 <= best_g[0] + 0.5]
            rw = [w for w in ln.words if w.x0 >= best_g[1] - 0.5]
            if lw:
                left.append(_Line(lw))
            if rw:
                right.append(_Line(rw))
        for part in (left, right):
            cid = next_col[0]
            next_col[0] += 1
            ordered = _order_columns(part, size, pitch, next_col) if len(part) > 1 else part
            edge = max(ln.x1 for ln in part)
            for ln in ordered:
                if ln.column == 0:
                    ln.column = cid
                ln.right_edge = ln.right_edge or edge
            out.extend(ordered)
        i = best_j + 1
    return out


@cache
def _footer_re() -> re.Pattern[str]:
    from extractors.lexicon import load_json

    words = load_json("circular.json")["furniture"]["footer_phrases"]
    return re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)


def _norm_furniture(s: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", s.strip().lower()))


def _remove_furniture(pages: list[tuple[list[_Line], float]]) -> list[list[_Line]]:
    """Drop running headers/footers (a line repeated at the top or bottom of at least half the
    pages, two at least) and page numbers ("- 2 -", "Halaman 2 dari 5", "2/5") in those zones.
    A repeated top line stays on page 1, where it is the letterhead."""
    zones: list[tuple[set[int], set[int]]] = []
    top_count: Counter[str] = Counter()
    bottom_count: Counter[str] = Counter()
    for lines, height in pages:
        top = {k for k, ln in enumerate(lines[:3]) if ln.top < TOP_ZONE * height}
        bottom = {len(lines) - 1 - k for k, ln in enumerate(reversed(lines[-3:]))
                  if ln.bottom > (1 - TOP_ZONE) * height}
        zones.append((top, bottom))
        top_count.update({_norm_furniture(lines[k].text) for k in top})
        bottom_count.update({_norm_furniture(lines[k].text) for k in bottom})
    need = max(2, (len(pages) + 1) // 2)
    out = []
    for p, ((lines, _h), (top, bottom)) in enumerate(zip(pages, zones, strict=True)):
        drop = set()
        for k in top | bottom:
            t = lines[k].text
            key = _norm_furniture(t)
            if PAGE_NUMBER_RE.match(t) or (k in bottom and _footer_re().search(t)):
                drop.add(k)
            elif k in bottom and bottom_count[key] >= need:
                drop.add(k)
            elif k in top and top_count[key] >= need and p > 0:
                drop.add(k)
        out.append([ln for k, ln in enumerate(lines) if k not in drop])
    return out


# --- paragraphs --------------------------------------------------------------------------------


def _starts_marker(s: str) -> bool:
    return bool(MARKER_RE.match(s))


def _join(prev: str, nxt: str) -> str:
    """Join a wrapped line to its paragraph, repairing end-of-line hyphenation."""
    if prev and prev[-1] in _HYPHENS and len(prev) >= 2 and prev[-2].isalpha() and nxt[:1].isalnum():
        head = re.split(r"\s", prev[:-1])[-1]
        tail = re.split(r"\s", nxt)[0]
        if nxt[0].islower() and not _is_reduplication(head, tail):
            return prev[:-1] + nxt  # typesetting hyphen: "kedi-" + "nasan"
        return prev[:-1] + "-" + nxt  # a real hyphen: "masing-masing", "Covid-19", "Undang-Undang"
    if prev.endswith("/"):
        return prev + nxt
    return prev + " " + nxt


def _is_reduplication(head: str, tail: str) -> bool:
    """'masing-' + 'masing', 'sebaik-' + 'baiknya', 'sewaktu-' + 'waktu': Indonesian reduplication
    keeps its hyphen. True when the tail starts with (3+ letters of) the end of the head."""
    h = re.sub(r"[^a-z]", "", head.lower())
    t = re.sub(r"[^a-z]", "", tail.lower())
    if len(h) < 2 or len(t) < 2:
        return False
    if t.startswith(h) or h.endswith(t):
        return True
    for k in range(min(len(h), len(t)), 2, -1):
        if h.endswith(t[:k]):
            return True
    return False


def _is_caps(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 3 and not any(c.islower() for c in letters)


def _text_x0(ln: _Line) -> float:
    """Where a line's text starts: after its clause markers ("1. a. Perpanjangan" -> x of
    "Perpanjangan") or after a label ("Perihal : Sistem Kerja" -> x of "Sistem")."""
    ws = ln.words
    k = 0
    while k < len(ws) - 1 and MARKER_RE.match(ws[k].text + " "):
        k += 1
    if k == 0:
        for j in (1, 2, 3):
            if j < len(ws) - 1 and ws[j].text in (":", "："):
                return ws[j + 1].x0
    return ws[k].x0


def _is_label_line(ln: _Line) -> bool:
    """'Sifat : Penting', 'Nomor   :  800/...': a label, then a colon standing alone."""
    return any(k < len(ln.words) and ln.words[k].text in (":", "：") for k in (1, 2, 3))


def _wraps(prev: _Line, nxt: _Line, right_edge: float, line_gap: float, size: float) -> bool:
    """Does ``prev`` continue on ``nxt``? Same column, no wider gap than between lines of a
    paragraph, not indented past prev's text (a new paragraph's first line), no switch between
    an ALL-CAPS heading and body text, prev full to the margin (the next word did not fit) or
    hyphenated, and nxt not a clause."""
    if nxt.column != prev.column:
        return False
    if _starts_marker(nxt.text) or _is_label_line(nxt):
        return False
    if all(w.bold for w in prev.words) and not any(w.bold for w in nxt.words):
        return False  # a bold heading, then body text
    gap = nxt.top - prev.bottom
    if gap > line_gap + 0.6 * size or gap < -0.5 * size:
        return False
    if nxt.x0 > _text_x0(prev) + 0.8 * size:
        return False
    t, u = prev.text, nxt.text
    if _is_caps(t) != _is_caps(u) and len(u) > 3:
        return False
    if t.endswith(":") and not t.endswith("::"):
        return False
    first_w = nxt.words[0].x1 - nxt.words[0].x0
    full = prev.x1 + 0.4 * size + first_w > right_edge - 2.0
    hyphen = t[-1:] in _HYPHENS and len(t) > 1 and t[-2].isalpha() and u[:1].isalpha()
    return full or (hyphen and prev.x1 > right_edge - 0.25 * (right_edge - prev.x0))


def _right_edge(pages: list[list[_Line]]) -> float | None:
    """The body text's right margin: 90th percentile of line ends over the document's main flow."""
    ends = sorted(ln.x1 for lines in pages for ln in lines if len(ln.words) >= 3)
    return ends[int(0.9 * (len(ends) - 1))] if ends else None


def _layout_page(lines: list[_Line], tables: list[_TableBlock], width: float,
                 reorder: bool = True, doc_edge: float | None = None) -> _PageOut:
    """Lines and tables of one page -> paragraphs in reading order."""
    if not lines and not tables:
        return _PageOut([], tables)
    heights = [ln.height for ln in lines if ln.height > 0]
    size = statistics.median(heights) if heights else 11.0
    pitches = [b.top - a.top for a, b in zip(lines, lines[1:], strict=False) if 0.5 * size < b.top - a.top < 4 * size]
    pitch = statistics.median(pitches) if pitches else 1.4 * size
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:], strict=False) if 0 <= b.top - a.bottom < 3 * size]
    line_gap = statistics.median(gaps) if gaps else 0.4 * size
    if reorder:
        lines = _order_columns(lines, size, pitch, [1])
    lines = _split_marker_lines(lines, size)
    page_edge = doc_edge or _right_edge([lines]) or width

    # tables go before the first main-flow line that starts below their top
    positioned: list[tuple[str, Any]] = []
    pending = sorted(enumerate(tables), key=lambda t: t[1].top)
    for line in lines:
        while pending and line.column == 0 and line.top >= pending[0][1].top:
            positioned.append(("table", pending.pop(0)[0]))
        positioned.append(("line", line))
    positioned.extend(("table", ti) for ti, _ in pending)

    items: list[tuple[str, Any]] = []
    cur: str | None = None
    prev: _Line | None = None
    first_line: _Line | None = None
    for kind, obj in positioned:
        if kind == "table":
            if cur is not None:
                items.append(("para", cur))
                cur, prev = None, None
            for ri in range(len(tables[obj].rows)):
                items.append(("row", (obj, ri)))
            continue
        ln: _Line = obj
        if first_line is None:
            first_line = ln
        edge = (ln.right_edge or page_edge) if ln.column else page_edge
        if prev is not None and cur is not None and _wraps(prev, ln, edge, line_gap, size):
            cur = _join(cur, ln.text)
        else:
            if cur is not None:
                items.append(("para", cur))
                # a wide vertical gap is a section break
                if prev is not None and ln.column == prev.column and ln.top - prev.bottom > (
                        line_gap + SECTION_GAP * size):
                    items.append(("break", None))
            cur = ln.text
        prev = ln
    if cur is not None:
        items.append(("para", cur))
    out = _PageOut(items, tables)
    if prev is not None:
        last_edge = (prev.right_edge or page_edge) if prev.column else page_edge
        t = prev.text
        out.ends_open = (prev.x1 > last_edge - 0.6 * size and not t.endswith((".", ":", ";"))) or (
            t[-1:] in _HYPHENS and len(t) > 1 and t[-2].isalpha())
    if first_line is not None:
        s = first_line.text
        out.starts_open = bool(s[:1].islower() or s[:1].isdigit()) and not _starts_marker(s)
    return out


# --- sources: pdfplumber, pypdfium2 plain text, OCR ----------------------------------------------


def _plumber_page(page: Any) -> tuple[list[_Line], list[_TableBlock]]:
    tables: list[_TableBlock] = []
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
            tables.append(_TableBlock(rows, top, bottom, (x0, top, x1, bottom)))
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
            words.append(_Word(text, w["x0"], w["x1"], w["top"], w["bottom"], bold))
    return _group_lines(words), tables


def _is_body_glyph(obj: dict[str, Any]) -> bool:
    """pdfplumber object filter: drop rotated characters and characters over MAX_GLYPH_PT."""
    if obj.get("object_type") != "char":
        return True
    if float(obj.get("size") or 0.0) > MAX_GLYPH_PT:
        return False
    a, b, c, d = (obj.get("matrix") or (1, 0, 0, 1, 0, 0))[:4]
    # upright text has a diagonal matrix; allow a little skew (synthetic italics use c ~ 0.2 a)
    return abs(b) <= ROTATION_TOLERANCE * abs(a) and a > 0 and d > 0


def _plain_lines(text: str, width: float, height: float) -> list[_Line]:
    """pypdfium2 plain text -> lines with made-up geometry (one line per text line, no joins
    unless hyphenated)."""
    raw = [ln.strip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    raw = [ln for ln in raw if ln]
    lines = []
    step = height / (len(raw) + 2)
    for k, t in enumerate(raw):
        top = step * (k + 1)
        lines.append(_Line([_Word(t, 0.0, width * 0.5, top, top + step * 0.6)]))
    return lines


@cache
def _tesseract_langs(cmd: str) -> frozenset[str]:
    try:
        r = subprocess.run([cmd, "--list-langs"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    lines = (r.stdout + r.stderr).splitlines()
    return frozenset(ln.strip() for ln in lines if ln.strip() and " " not in ln.strip() and ":" not in ln)


def tesseract_available(cmd: str | None = None) -> bool:
    """Is the Tesseract binary there (the OCR fallback)?"""
    cmd = cmd or os.environ.get("EDARAN_TESSERACT", "tesseract")
    return shutil.which(cmd) is not None


def _ocr_image(png: bytes, cmd: str, lang: str, timeout: float, scale: float) -> tuple[list[_Line], float | None]:
    """Run Tesseract on one page image -> lines (in points) and mean word confidence 0..1."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # 5x faster on 2 cores (stack-notes §5)
    try:
        r = subprocess.run([cmd, "stdin", "stdout", "-l", lang, "--dpi", str(OCR_DPI), "--psm", "3", "tsv"],
                           input=png, capture_output=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired as exc:
        raise TimeoutError(f"Tesseract took over {timeout:.0f} s on one page") from exc
    if r.returncode != 0:
        msg = r.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RuntimeError(f"Tesseract failed (exit {r.returncode}): {msg[-1] if msg else ''}")
    groups: dict[tuple[int, int, int], list[_Word]] = {}
    order: list[tuple[int, int, int]] = []
    confs: list[float] = []
    for row in r.stdout.decode("utf-8", "replace").splitlines()[1:]:
        f = row.split("\t")
        if len(f) < 12 or f[0] != "5":
            continue
        text = f[11].strip()
        word_conf = float(f[10])
        if not text or word_conf < 0:
            continue
        left, top, w, h = (int(f[6]), int(f[7]), int(f[8]), int(f[9]))
        key = (int(f[2]), int(f[3]), int(f[4]))
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(_Word(text, left / scale, (left + w) / scale, top / scale, (top + h) / scale))
        confs.append(word_conf)
    lines = []
    for key in order:
        ln = _Line(sorted(groups[key], key=lambda w: w.x0))
        _fix_ocr_percents(ln.words)
        lines.append(ln)
    conf = sum(confs) / len(confs) / 100.0 if confs else None
    return lines, conf


_OCR_PCT_RE = re.compile(r"^(\d{1,3})96([.,;:)]?)$")


@cache
def _ocr_pct_context() -> tuple[frozenset[str], frozenset[str]]:
    from extractors.lexicon import load_json

    d = load_json("circular.json")["ocr_percent_context"]
    return frozenset(d["before"]), frozenset(d["after"])


def _fix_ocr_percents(words: list[_Word]) -> None:
    """'paling banyak 5096 dari' -> '50%': Tesseract reads '%' as '96'. Only N96 with N <= 100,
    beside a quota word (circular.json 'ocr_percent_context')."""
    before, after = _ocr_pct_context()
    for k, w in enumerate(words):
        m = _OCR_PCT_RE.match(w.text)
        if not m or int(m.group(1)) > 100:
            continue
        prev = " ".join(x.text.lower() for x in words[max(0, k - 3):k])
        nxt = words[k + 1].text.lower().strip(".,;:") if k + 1 < len(words) else ""
        if nxt in after or any(f" {b} " in f" {prev} " for b in before):
            w.text = f"{m.group(1)}%{m.group(2)}"


def _render_png(page: Any) -> tuple[bytes, float]:
    w, h = page.get_size()
    scale = OCR_DPI / 72.0
    if w * h * scale * scale > MAX_RENDER_PIXELS:
        scale = (MAX_RENDER_PIXELS / (w * h)) ** 0.5
    bitmap = page.render(scale=scale, grayscale=True)
    try:
        img = bitmap.to_pil()
        buf = io.BytesIO()
        img.save(buf, format="PNG", compress_level=1)
        img.close()
    finally:
        bitmap.close()
    return buf.getvalue(), scale


def _page_has_scan(page: Any) -> bool:
    import pypdfium2 as pdfium

    w, h = page.get_size()
    area = max(w * h, 1.0)
    for obj in page.get_objects(filter=(pdfium.raw.FPDF_PAGEOBJ_IMAGE,), max_depth=3):
        try:
            bounds = obj.get_bounds() if hasattr(obj, "get_bounds") else obj.get_pos()  # pypdfium2 5 / 4
            left, bottom, right, top = bounds
        except Exception:  # a broken image object: treat it as not a scan
            continue
        if (right - left) * (top - bottom) >= SCAN_IMAGE_SHARE * area:
            return True
    return False


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
                       hint="split the file, or raise Settings.pdf_max_pages; a circular is rarely over 20 pages")
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

    page_lines: list[tuple[list[_Line], float]] = []
    page_tables: list[list[_TableBlock]] = []
    page_dims: list[float] = []
    sources: list[str] = []
    ocr_pages: list[int] = []
    confs: list[float] = []
    tess_missing: list[int] = []
    skipped: list[int] = []
    garbage_pages: list[int] = []
    lang: str | None = None

    workers = max(1, ocr_workers)
    in_flight: list[tuple[int, Future[tuple[list[_Line], float | None]]]] = []

    def _collect(job: tuple[int, Future[tuple[list[_Line], float | None]]]) -> None:
        k, fut = job
        try:
            lines, conf = fut.result()
        except TimeoutError as exc:
            raise TimedOut(f"OCR timed out on page {k + 1} of {n_read} ({exc})",
                              hint="split the file, or raise --pdf-timeout (Settings.pdf_time_limit_s)") from exc
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
                    f"PDF took over {time_limit_s:.0f} s to read (stopped at page {i + 1} of {n_read})",
                    hint="split the file, or raise --pdf-timeout (Settings.pdf_time_limit_s); a scanned page costs ~1.5 s",
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
                has_scan = _page_has_scan(page)
            n_chars = sum(1 for c in plain if not c.isspace())
            garbage = n_chars >= MIN_TEXT_CHARS and _is_garbage(plain)
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
            lines: list[_Line] = []
            tables: list[_TableBlock] = []
            src = want
            if want == "ocr":
                if not tesseract_available(cmd):
                    tess_missing.append(i + 1)
                    src = "skip"
                    if n_chars >= MIN_TEXT_CHARS and not garbage:  # fall back to the thin text layer
                        lines, src = _plain_lines(plain, width, height), "plain"
                else:
                    if lang is None:
                        langs = _tesseract_langs(cmd)
                        lang = ocr_lang if (ocr_lang in langs or not langs) else "eng"
                        if lang != ocr_lang:
                            warnings.append(f"Tesseract has no '{ocr_lang}' language data; OCR used '{lang}' "
                                            f"(apt-get install tesseract-ocr-{ocr_lang})")
                    remaining = time_limit_s - (time.monotonic() - t0)
                    if remaining <= 1:
                        raise TimedOut(
                            f"PDF took over {time_limit_s:.0f} s to read (stopped at page {i + 1} of {n_read})",
                            hint="split the file, or raise --pdf-timeout (Settings.pdf_time_limit_s)")
                    png, scale = _render_png(page)
                    while len(in_flight) >= workers:  # bounded: at most ``workers`` page images held
                        _collect(in_flight.pop(0))
                    in_flight.append((i, pool.submit(_ocr_image, png, cmd, lang,
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
    finally:
        plumber.close()
        pool.shutdown(wait=False, cancel_futures=True)

    cleaned = _remove_furniture(page_lines)
    doc_edge = _right_edge([ln for ln, src in zip(cleaned, sources, strict=True) if src == "text"])
    ocr_edge = _right_edge([ln for ln, src in zip(cleaned, sources, strict=True) if src == "ocr"])
    outs = [
        _layout_page(lines, tables, width, reorder=(src == "text"),
                     doc_edge=(ocr_edge if src == "ocr" else doc_edge) if src != "plain" else None)
        for lines, tables, width, src in zip(cleaned, page_tables, page_dims, sources, strict=True)
    ]
    text, pages, found_tables = _assemble(outs)

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


def _assemble(outs: list[_PageOut]) -> tuple[str, list[tuple[int, int]], list[Table]]:
    """Pages -> one text. A paragraph that runs over a page break is joined (the page boundary
    then falls inside it, where the continuation starts); otherwise pages are separated by a
    newline. Empty pages get an empty (pos, pos) span."""
    text = ""
    pages: list[tuple[int, int]] = []
    tables: list[Table] = []
    prev_open = False
    for pno, out in enumerate(outs, 1):
        page_tables = [Table(pno, tb.rows, [], tb.bbox) for tb in out.tables]
        tables.extend(page_tables)
        start: int | None = None
        brk = False
        for k, (kind, obj) in enumerate(out.items):
            if kind == "break":
                brk = start is not None
                continue
            s = obj if kind == "para" else " | ".join(out.tables[obj[0]].rows[obj[1]])
            if start is None and k == 0 and kind == "para" and prev_open and out.starts_open and pages:
                # the first paragraph continues the last one of the previous page
                joined = _join(text, s)
                start = len(joined) - len(s)
                pages[-1] = (pages[-1][0], min(pages[-1][1], start))
                text = joined
                continue
            if text:
                text += "\n\n" if brk else "\n"
            brk = False
            if start is None:
                start = len(text)
            if kind == "row":
                page_tables[obj[0]].row_spans.append((len(text), len(text) + len(s)))
            text += s
        if start is None:  # nothing on this page
            pages.append((len(text), len(text)))
        else:
            pages.append((start, len(text)))
        prev_open = out.ends_open and start is not None
    return text, pages, tables
