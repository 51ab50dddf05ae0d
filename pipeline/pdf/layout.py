"""PDF page layout: words -> lines (rotated and giant glyphs already dropped; line extents kept
incrementally), columns, furniture (running headers, footers, page numbers), paragraphs with
hyphenation repaired, clauses on their own lines, ruled tables as rows; pages joined."""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

__all__ = [
    "Line",
    "PageOut",
    "Table",
    "TableBlock",
    "Word",
    "assemble_pages",
    "group_lines",
    "is_reduplication",
    "join_lines",
    "layout_page",
    "remove_furniture",
    "right_edge",
]

TOP_ZONE = 0.3
MIN_GUTTER = 14.0
SECTION_GAP = 1.2
PAGE_NUMBER_RE = re.compile(
    r"^\s*(?:[-–—]\s*\d{1,4}\s*[-–—]|\d{1,4}|(?:halaman|hal\.?|page|hlm\.?)\s*:?\s*\d{1,4}"
    r"(?:\s*(?:dari|/|of)\s*\d{1,4})?|\d{1,4}\s*(?:/|dari|of)\s*\d{1,4})\s*$",
    re.IGNORECASE,
)
MARKER_RE = re.compile(
    r"^(?:\(?\d{1,2}[.)]|\(?[a-z][.)]|\([a-z0-9]{1,3}\)|[ivx]{1,5}[.)]|[A-Z][.)]|[IVX]{1,5}\.|[-–•●▪◦*►])(?=\s)"
)
_HYPHENS = "-\u00ad\u2010\u2011¬"


@dataclass
class Table:
    """A ruled table: rows of cell strings, and where each row's line sits in ``PdfText.text``."""

    page: int  # 1-based
    rows: list[list[str]]
    row_spans: list[tuple[int, int]] = field(default_factory=list)
    bbox: tuple[float, float, float, float] | None = None  # x0, top, x1, bottom in points



# --- layout model ----------------------------------------------------------------------------


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    bold: bool = False


class Line:
    """Words of one text line; its vertical extent is kept as words are added (not recomputed
    over all words per comparison: that made a 16,000-word page quadratic)."""

    __slots__ = ("words", "column", "right_edge", "top", "bottom")

    def __init__(self, words: list[Word], column: int = 0, right_edge: float | None = None) -> None:
        self.words = words
        self.column = column  # lines of one column block share an id; 0 = the page's main flow
        self.right_edge = right_edge  # where a full line of this column ends
        self.top = min(w.top for w in words)
        self.bottom = max(w.bottom for w in words)

    def add(self, w: Word) -> None:
        self.words.append(w)
        if w.top < self.top:
            self.top = w.top
        if w.bottom > self.bottom:
            self.bottom = w.bottom

    def __repr__(self) -> str:
        return f"Line({self.text!r}, top={self.top:.1f}, bottom={self.bottom:.1f})"

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
class TableBlock:
    rows: list[list[str]]
    top: float
    bottom: float
    bbox: tuple[float, float, float, float]


@dataclass
class PageOut:
    """A laid-out page: paragraphs (strings) in reading order; tables as runs of rows."""

    items: list[tuple[str, Any]]  # ("para", str) | ("row", (table_index, row_index)) | ("break", None)
    tables: list[TableBlock]
    ends_open: bool = False  # the last paragraph wraps onto the next page
    starts_open: bool = False  # the first paragraph continues the previous page


def group_lines(words: list[Word]) -> list[Line]:
    """Words -> lines: a word joins a line when it overlaps the line vertically by half its height."""
    words = sorted(words, key=lambda w: (round(w.top, 1), w.x0))
    lines: list[Line] = []
    for w in words:
        h = max(w.bottom - w.top, 1.0)
        best = None
        for ln in lines[-4:]:  # only recent lines can overlap (words sorted by top)
            overlap = min(ln.bottom, w.bottom) - max(ln.top, w.top)
            if overlap >= 0.5 * min(h, max(ln.height, 1.0)):
                best = ln
        if best is None:
            lines.append(Line([w]))
        else:
            best.add(w)
    for ln in lines:
        ln.words.sort(key=lambda w: w.x0)
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    return lines


def _split_marker_lines(lines: list[Line], size: float) -> list[Line]:
    """'Menimbang   a. bahwa ...' -> 'Menimbang' + 'a. bahwa ...': a clause marker after a wide gap
    (or after a lone ':') starts its own line."""
    out: list[Line] = []
    for ln in lines:
        cur = [ln.words[0]]
        for k, (prev, w) in enumerate(zip(ln.words, ln.words[1:], strict=False), start=1):
            gap = w.x0 - prev.x1
            if (k + 1 < len(ln.words) and MARKER_RE.match(w.text + " ")
                    and (gap >= 1.5 * size or prev.text.endswith((":", "："))) ):
                out.append(Line(cur, ln.column, ln.right_edge))
                cur = [w]
            else:
                cur.append(w)
        out.append(Line(cur, ln.column, ln.right_edge))
    return out


def _occupied(lines: Iterable[Line]) -> list[tuple[float, float]]:
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


def _gutters(lines: list[Line], min_width: float) -> list[tuple[float, float]]:
    occ = _occupied(lines)
    return [(a[1], b[0]) for a, b in zip(occ, occ[1:], strict=False) if b[0] - a[1] >= min_width]


def _is_key_value_gutter(lines: list[Line], g: tuple[float, float]) -> bool:
    """'Nomor   :   800/894' — a gutter next to a column of colons is a label/value table."""
    for ln in lines:
        left = [w for w in ln.words if w.x1 <= g[0] + 0.5]
        right = [w for w in ln.words if w.x0 >= g[1] - 0.5]
        if left and right and (right[0].text.startswith(":") or left[-1].text.endswith(":")):
            return True
    return False


def _both_sides(ln: Line, g: tuple[float, float]) -> bool:
    return any(w.x1 <= g[0] + 0.5 for w in ln.words) and any(w.x0 >= g[1] - 0.5 for w in ln.words)


def _looks_like_table(lines: list[Line], g: tuple[float, float]) -> bool:
    """Aligned rows whose right side is mostly numbers or percentages: an unruled table, read by rows."""
    rows = [ln for ln in lines if _both_sides(ln, g)]
    numeric = sum(1 for ln in rows if re.search(r"\d", " ".join(w.text for w in ln.words if w.x0 >= g[1] - 0.5)))
    return bool(rows) and numeric >= 0.5 * len(rows)


def _column_cut(lines: list[Line], size: float) -> tuple[float, float] | None:
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


def _order_columns(lines: list[Line], size: float, pitch: float, next_col: list[int]) -> list[Line]:
    """Reading order: find runs of lines that form a two-column block and read each column
    top to bottom (recursively, so a right column may split again)."""
    min_gutter = _min_gutter(size)
    out: list[Line] = []
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
        left: list[Line] = []
        right: list[Line] = []
        for ln in window:
            lw = [w for w in ln.words if w.x1 <= best_g[0] + 0.5]
            rw = [w for w in ln.words if w.x0 >= best_g[1] - 0.5]
            if lw:
                left.append(Line(lw))
            if rw:
                right.append(Line(rw))
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


def remove_furniture(pages: list[tuple[list[Line], float]]) -> list[list[Line]]:
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


def join_lines(prev: str, nxt: str) -> str:
    """Join a wrapped line to its paragraph, repairing end-of-line hyphenation."""
    if prev and prev[-1] in _HYPHENS and len(prev) >= 2 and prev[-2].isalpha() and nxt[:1].isalnum():
        head = re.split(r"\s", prev[:-1])[-1]
        tail = re.split(r"\s", nxt)[0]
        if nxt[0].islower() and not is_reduplication(head, tail):
            return prev[:-1] + nxt  # typesetting hyphen: "kedi-" + "nasan"
        return prev[:-1] + "-" + nxt  # a real hyphen: "masing-masing", "Covid-19", "Undang-Undang"
    if prev.endswith("/"):
        return prev + nxt
    return prev + " " + nxt


def is_reduplication(head: str, tail: str) -> bool:
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


def _text_x0(ln: Line) -> float:
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


def _is_label_line(ln: Line) -> bool:
    """'Sifat : Penting', 'Nomor   :  800/...': a label, then a colon standing alone."""
    return any(k < len(ln.words) and ln.words[k].text in (":", "：") for k in (1, 2, 3))


def _wraps(prev: Line, nxt: Line, right_edge: float, line_gap: float, size: float) -> bool:
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


def right_edge(pages: list[list[Line]]) -> float | None:
    """The body text's right margin: 90th percentile of line ends over the document's main flow."""
    ends = sorted(ln.x1 for lines in pages for ln in lines if len(ln.words) >= 3)
    return ends[int(0.9 * (len(ends) - 1))] if ends else None


def layout_page(lines: list[Line], tables: list[TableBlock], width: float,
                 reorder: bool = True, doc_edge: float | None = None) -> PageOut:
    """Lines and tables of one page -> paragraphs in reading order."""
    if not lines and not tables:
        return PageOut([], tables)
    heights = [ln.height for ln in lines if ln.height > 0]
    size = statistics.median(heights) if heights else 11.0
    pitches = [b.top - a.top for a, b in zip(lines, lines[1:], strict=False) if 0.5 * size < b.top - a.top < 4 * size]
    pitch = statistics.median(pitches) if pitches else 1.4 * size
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:], strict=False) if 0 <= b.top - a.bottom < 3 * size]
    line_gap = statistics.median(gaps) if gaps else 0.4 * size
    if reorder:
        lines = _order_columns(lines, size, pitch, [1])
    lines = _split_marker_lines(lines, size)
    page_edge = doc_edge or right_edge([lines]) or width

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
    prev: Line | None = None
    first_line: Line | None = None
    for kind, obj in positioned:
        if kind == "table":
            if cur is not None:
                items.append(("para", cur))
                cur, prev = None, None
            for ri in range(len(tables[obj].rows)):
                items.append(("row", (obj, ri)))
            continue
        ln: Line = obj
        if first_line is None:
            first_line = ln
        edge = (ln.right_edge or page_edge) if ln.column else page_edge
        if prev is not None and cur is not None and _wraps(prev, ln, edge, line_gap, size):
            cur = join_lines(cur, ln.text)
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
    out = PageOut(items, tables)
    if prev is not None:
        last_edge = (prev.right_edge or page_edge) if prev.column else page_edge
        t = prev.text
        out.ends_open = (prev.x1 > last_edge - 0.6 * size and not t.endswith((".", ":", ";"))) or (
            t[-1:] in _HYPHENS and len(t) > 1 and t[-2].isalpha())
    if first_line is not None:
        s = first_line.text
        out.starts_open = bool(s[:1].islower() or s[:1].isdigit()) and not _starts_marker(s)
    return out


def assemble_pages(outs: list[PageOut]) -> tuple[str, list[tuple[int, int]], list[Table]]:
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
                joined = join_lines(text, s)
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
