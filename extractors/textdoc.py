"""One analysis of a cleaned text, built once per document and shared by every extractor.

``TextDoc`` holds the views every rule runs on, all with the offsets of the text:

- ``low``: ``text`` lower-cased with the same length (lexicon regexes run on it, no IGNORECASE);
- ``folded``: ``low`` where a lower-case ASCII pattern finds exactly what the same pattern with
  ``re.IGNORECASE`` finds in ``text`` (``low`` itself unless the text holds "İ", "ı" or "ſ");
- ``masked`` / ``masked_low``: instrument citations, clock times, Hijri years blanked out
  (``masks.mask``), for the date rules, computed on first use;
- ``sentences``: the one sentence split of the project (see ``split_sentences``);
- ``segment(pos)`` / ``clause(pos)``: a sentence cut at ';' and connectors ("tetapi",
  "sedangkan", ...), and a segment cut at commas, cut on demand and kept;
- ``paragraphs``: blocks between blank lines (long ones cut at line breaks and list items, a
  too-long line at sentence ends), the units the policy classifier is trained on and scores
  (``split_paragraphs``);
- ``units``: the sentences trimmed of blanks, each with its paragraph index (the assembler's units);
- ``modes``: every work-mode mention (``extractors.modes.find_modes``), on first use.

The pipeline builds it in ``pipeline.extract`` and passes it as ``Context.doc``; an extractor
gets it with ``text_doc(text, ctx)``, which builds a fresh one when called on its own (tests).
One abbreviation lexicon serves the splitter: ``discourse.json`` plus ``modes.json``'s list.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cached_property
from typing import TYPE_CHECKING, Any

from extractors.lexicon import load_json

if TYPE_CHECKING:
    from collections.abc import Iterator

    from extractors.modes import ModeHit

__all__ = [
    "ABBREVIATIONS",
    "MAX_PARAGRAPH_CHARS",
    "MAX_PIECE_CHARS",
    "MAX_SENTENCE_CHARS",
    "TextDoc",
    "is_abbreviation",
    "is_list_marker",
    "lowered",
    "scan_words",
    "split_paragraphs",
    "split_sentences",
    "text_doc",
]

ABBREVIATIONS: frozenset[str] = frozenset(load_json("discourse.json")["abbreviations"]) | frozenset(
    load_json("modes.json")["abbreviations"])
# A paragraph longer than this is cut at line breaks (a circular's annex is one "paragraph" of
# hundreds of lines); the classifier was trained on paragraphs cut the same way.
MAX_PARAGRAPH_CHARS = 1200
# A line longer than MAX_LINE_CHARS (a scraped article whose paragraph breaks were lost) is cut
# at sentence ends into pieces of at most this size: the longest paragraph the classifier was
# trained on (annotations/paragraphs.jsonl) has ~410 characters.
MAX_PIECE_CHARS = 400
# A line longer than this is no written paragraph (the longest in the seed and written corpora
# has ~510 characters) but paragraphs run together by a scraper: it is cut into pieces.
MAX_LINE_CHARS = 600
MAX_LIST_ITEMS = 60  # paragraphs searched back for the lead-in of a list item
# No sentence is longer than this: every rule that looks around a number or a date within its
# sentence then does bounded work, so extraction is linear in the text (a real sentence is
# under ~600 characters; a text without stops is cut at a blank).
MAX_SENTENCE_CHARS = 2000
ABBREVIATION_LOOKBACK = 12  # chars before a '.' searched for the word it may abbreviate

# Sentence ends: a newline, or . ! ? (plus closing quotes) and blanks before a capital, an
# opening quote or a number that is not a list marker ("stafnya. 50 persen ..."). Abbreviations
# ("No.", "Pj.", "maks.") and initials ("R.") are filtered in code.
_SENT_BREAK_RE = re.compile(r"\n\s*|[.!?][\"”’')\]]*[ \t]+(?=[\"“‘(\[]?[A-Z]|\d++(?![.)]\s))")
_WORD_BEFORE_DOT_RE = re.compile(r"([\w.]+)$")
_MARKER_BEFORE_DOT_RE = re.compile(r"[ \t]*(?:\d{1,2}|[a-zA-Z])$")
_BLANK_LINE_RE = re.compile(r"\n[ \t\u00a0\u200b\r]*\n")
_LINE_RE = re.compile(r"[^\n]*\n?")
_LIST_ITEM_RE = re.compile(r"[ \t]*(?:\d{1,2}|[a-z])[.)][ \t]")


def lowered(text: str) -> str:
    """``text.lower()`` with the same length (a character whose lower case is longer stays as is)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


# The characters re.IGNORECASE matches to an ASCII letter although their lower case is not that
# letter ("İ" and "ı" match "i", "ſ" matches "s"); every other character matches an ASCII letter
# exactly when ``lowered`` turns it into that letter (tests/extractors/test_textdoc.py checks it).
_FOLD_ODD = {0x130: "i", 0x131: "i", 0x17F: "s"}
_FOLD_ODD_RE = re.compile("[\u0130\u0131\u017f]")
_WORD_CHAR_RE = re.compile(r"\w")


def folded(low: str) -> str:
    """``low`` (``lowered(text)``) with "İ", "ı" -> "i" and "ſ" -> "s": a lower-case ASCII pattern
    matches it where the same pattern with ``re.IGNORECASE`` matches ``text``, at the same offsets."""
    return low.translate(_FOLD_ODD) if _FOLD_ODD_RE.search(low) else low


def scan_words(rx: re.Pattern[str], text: str, not_after: re.Pattern[str] = _WORD_CHAR_RE) -> Iterator[re.Match[str]]:
    r"""The matches of ``(?<!\w)`` + ``rx`` in ``text``, as ``finditer`` gives them (``rx`` never
    matches the empty string; ``not_after`` is the one-character class of the lookbehind).

    A pattern opening with a lookbehind is tried at every position of the text; without it, re
    first skips to the characters an alternative can start with (several times faster on a whole
    text with a lexicon alternation). The lookbehind is checked here instead, and a match it
    rejects is retried one character later, as the lookbehind pattern's own scan would."""
    pos = 0
    while (m := rx.search(text, pos)) is not None:
        start = m.start()
        if start and not_after.match(text, start - 1):
            pos = start + 1
            continue
        yield m
        pos = m.end()


def is_abbreviation(text: str, dot: int) -> bool:
    """True when the '.' at ``dot`` closes an abbreviation ("No.", "Pj.") or an initial ("R.")."""
    if text[dot] != ".":
        return False
    m = _WORD_BEFORE_DOT_RE.search(text, max(0, dot - ABBREVIATION_LOOKBACK), dot)
    if not m:
        return False
    word = m.group(1)
    return word.lower() in ABBREVIATIONS or (len(word) == 1 and word.isupper())


def is_list_marker(text: str, dot: int) -> bool:
    """True when the '.' at ``dot`` closes an enumeration marker opening its line ("1.", "a.")."""
    m = _MARKER_BEFORE_DOT_RE.search(text, max(0, dot - ABBREVIATION_LOOKBACK), dot)
    return m is not None and (m.start() == 0 or text[m.start() - 1] == "\n")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; together they cover the text from the first sentence on.

    A sentence ends at a line break, or at '.', '!' or '?' (with closing quotes/brackets)
    followed by blanks and a capital, an opening quote or a number that is not a list marker;
    not at the dot of an abbreviation, an initial or a list marker opening a line ("1. WFH ...").
    A run longer than MAX_SENTENCE_CHARS is cut at a blank.
    The full stop stays in its sentence, the
    blanks after it go to the next one's start.
    """
    starts, ends = [0], []
    for m in _SENT_BREAK_RE.finditer(text):
        newline = m.group(0)[0] == "\n"
        if not newline and (is_abbreviation(text, m.start()) or is_list_marker(text, m.start())):
            continue
        ends.append(m.start() + (not newline))
        starts.append(m.end())
    ends.append(len(text))
    out = []
    for s, e in zip(starts, ends, strict=True):
        while e - s > MAX_SENTENCE_CHARS:  # a run-on "sentence" (no stops, one PDF line): cut at a blank
            cut = text.rfind(" ", s + MAX_SENTENCE_CHARS // 2, s + MAX_SENTENCE_CHARS)
            cut = cut if cut > s else s + MAX_SENTENCE_CHARS
            out.append((s, cut))
            s = cut + 1 if text[cut] == " " else cut
        out.append((s, e))
    return out


def split_paragraphs(text: str, max_chars: int = MAX_PARAGRAPH_CHARS) -> list[tuple[int, int]]:
    """(start, end) offsets of the paragraphs of ``text``: blocks between blank lines,
    stripped of surrounding whitespace; a block longer than ``max_chars`` is cut at line
    breaks (a list item starts a piece), and a line longer than MAX_LINE_CHARS at sentence
    ends into pieces of at most MAX_PIECE_CHARS. ``text[start:end]`` is the paragraph."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in [*_BLANK_LINE_RE.finditer(text), None]:
        end = m.start() if m else len(text)
        _add_block(text, pos, end, max_chars, spans)
        if m:
            pos = m.end()
    return spans


def _add_block(text: str, start: int, end: int, max_chars: int, out: list[tuple[int, int]]) -> None:
    s, e = _strip(text, start, end)
    if s >= e:
        return
    if e - s <= max_chars and not _has_long_line(text, s, e):
        out.append((s, e))
        return
    # 1. cut at line breaks, packing lines into pieces <= max_chars; a list item ("1. ...",
    # "b. ...") starts a piece of its own; 2. a line longer than MAX_LINE_CHARS (a scraped
    # article whose paragraph breaks were lost) is cut at sentence ends into pieces of the size
    # the classifier was trained on (MAX_PIECE_CHARS).
    piece_start = s
    piece_end = s
    for lm in _LINE_RE.finditer(text, s, e):
        if lm.start() == lm.end():
            break
        item = _LIST_ITEM_RE.match(text, lm.start()) is not None
        long_line = lm.end() - lm.start() > MAX_LINE_CHARS
        if piece_end > piece_start and (item or long_line or lm.end() - piece_start > max_chars):
            ps, pe = _strip(text, piece_start, piece_end)
            if ps < pe:
                out.append((ps, pe))
            piece_start = lm.start()
        piece_end = lm.end()
        if long_line:
            _add_sentence_pieces(text, *_strip(text, lm.start(), min(lm.end(), e)), out)
            piece_start = piece_end = lm.end()
    ps, pe = _strip(text, piece_start, min(piece_end, e))
    if ps < pe:
        out.append((ps, pe))


def _has_long_line(text: str, start: int, end: int) -> bool:
    if end - start <= MAX_LINE_CHARS:
        return False
    prev = start
    while (nl := text.find("\n", prev, end)) != -1:
        if nl - prev > MAX_LINE_CHARS:
            return True
        prev = nl + 1
    return end - prev > MAX_LINE_CHARS


def _add_sentence_pieces(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    """``text[start:end]`` (one line) cut at sentence ends, sentences packed into pieces of at
    most MAX_PIECE_CHARS (a longer sentence is a piece of its own)."""
    piece_start = piece_end = start
    for ss, se in split_sentences(text[start:end]):
        ss, se = start + ss, start + se
        if piece_end > piece_start and se - piece_start > MAX_PIECE_CHARS:
            out.append(_strip(text, piece_start, piece_end))
            piece_start = ss
        piece_end = se
    ps, pe = _strip(text, piece_start, piece_end)
    if ps < pe:
        out.append((ps, pe))


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


class TextDoc:
    """The shared analysis of one cleaned text (see the module docstring)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.low = lowered(text)
        spans = split_sentences(text)
        self._starts = [s for s, _ in spans]
        self._ends = [e for _, e in spans]
        self._pieces: dict[tuple[str, int, int], list[tuple[int, int]]] = {}
        self.memo: dict[str, Any] = {}  # per-document results an extractor computes once (dates' explicit mentions)

    # --- views ------------------------------------------------------------------------------

    @cached_property
    def folded(self) -> str:
        """``low`` for case-insensitive lexicon scans (see ``folded``)."""
        return folded(self.low)

    @cached_property
    def masked(self) -> str:
        from extractors.masks import mask

        return mask(self.text)

    @cached_property
    def masked_low(self) -> str:
        return lowered(self.masked)

    @cached_property
    def modes(self) -> list[ModeHit]:
        """Every mode mention of the text."""
        from extractors.modes import find_modes

        return find_modes(self.low)

    # --- sentences, segments, clauses ----------------------------------------------------------

    def sentences(self) -> list[tuple[int, int]]:
        return list(zip(self._starts, self._ends, strict=True))

    def sentence(self, pos: int) -> tuple[int, int]:
        """The sentence holding ``pos``."""
        i = max(0, bisect_right(self._starts, pos) - 1)
        return self._starts[i], self._ends[i]

    def previous_sentence_start(self, pos: int) -> int:
        """Start of the sentence before the one holding ``pos`` (or of that one, if first)."""
        i = max(0, bisect_right(self._starts, pos) - 1)
        return self._starts[max(0, i - 1)]

    def segment(self, pos: int) -> tuple[int, int]:
        """The sentence piece holding ``pos``, cut at ';' and clause connectors ("tetapi", ...)."""
        from extractors.modes import SEGMENT_BREAK_RE

        return self._piece("segment", self.sentence(pos), SEGMENT_BREAK_RE, pos)

    def clause(self, pos: int) -> tuple[int, int]:
        """The segment piece holding ``pos``, cut at commas, ': ' and dashes."""
        from extractors.modes import CLAUSE_BREAK_RE

        return self._piece("clause", self.segment(pos), CLAUSE_BREAK_RE, pos)

    def _piece(self, kind: str, bounds: tuple[int, int], breaks: re.Pattern[str], pos: int) -> tuple[int, int]:
        key = (kind, *bounds)
        pieces = self._pieces.get(key)
        if pieces is None:
            s, e = bounds
            pieces, prev = [], s
            for m in breaks.finditer(self.low, s, e):
                pieces.append((prev, m.start()))
                prev = m.end()
            pieces.append((prev, e))
            self._pieces[key] = pieces
        for ps, pe in pieces:
            if pos < pe:
                return ps, pe
        return pieces[-1]

    # --- paragraphs and the assembler's units ----------------------------------------------------

    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        """The classifier's paragraphs (``split_paragraphs``)."""
        return split_paragraphs(self.text)

    def classifier_text(self, k: int) -> str:
        """The text the policy classifier scores for paragraph ``k``: the paragraph, and for a
        list item ("2. Perkantoran ... WFH 75 persen") the sentence that introduces its list
        first ("Berikut poin surat edaran ...:"), as a reader reads an item with its lead-in."""
        s, e = self.paragraphs[k]
        lead = self.list_lead_in(k)
        return self.text[s:e] if lead is None else f"{self.text[slice(*lead)]}\n{self.text[s:e]}"

    def list_lead_in(self, k: int) -> tuple[int, int] | None:
        """(start, end) of the sentence introducing the list paragraph ``k`` is an item of: the
        last sentence of the nearest paragraph before it that ends with ':' and is not an item of
        the same kind (a "4. ...:" item introduces its "a." sub-items, not item "5."); None when
        ``k`` is no list item or its list has no lead-in."""
        kind = self._item_kind(k)
        if kind is None:
            return None
        for j in range(k - 1, max(-1, k - 1 - MAX_LIST_ITEMS), -1):
            other = self._item_kind(j)
            s, e = self.paragraphs[j]
            if self.text[e - 1] == ":" and other != kind:
                return max(s, self.sentence(e - 1)[0]), e
            if other is None:
                return None  # prose that introduces nothing
        return None

    def _item_kind(self, k: int) -> str | None:
        m = _LIST_ITEM_RE.match(self.text, self.paragraphs[k][0])
        return None if m is None else ("number" if m.group(0).strip()[0].isdigit() else "letter")

    def paragraph_index(self, pos: int) -> int:
        """Index of the paragraph holding (or, between paragraphs, preceding) ``pos``; 0 before the first."""
        return max(0, bisect_right(self._para_starts, pos) - 1)

    @cached_property
    def _para_starts(self) -> list[int]:
        return [s for s, _ in self.paragraphs]

    @cached_property
    def units(self) -> list[tuple[int, int, int]]:
        """(start, end, paragraph index) of each non-blank sentence, trimmed of blanks."""
        out = []
        for s, e in zip(self._starts, self._ends, strict=True):
            s, e = _strip(self.text, s, e)
            if s < e:
                out.append((s, e, self.paragraph_index(s)))
        return out


def text_doc(text: str, ctx: Any = None) -> TextDoc:
    """The ``TextDoc`` of ``text``: the one in ``ctx.doc`` when it is of this text, else a new one."""
    doc = getattr(ctx, "doc", None)
    if doc is not None and (doc.text is text or doc.text == text):
        return doc
    return TextDoc(text)
