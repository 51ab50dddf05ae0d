"""Boilerplate removal that keeps offsets back to the original text.

``clean_text(original) -> (text, offset_map)``:

1. split into lines; drop news-page furniture: "Baca juga: ..." lines, infographic and
   photo captions (a short line ending in a credit such as "(ANTARA/HO)", or a line
   repeated verbatim), tag lists, share/footer blocks (lexicon
   ``extractors/lexicons/boilerplate.json``); after a footer marker, short lines go too;
2. inside kept lines: furniture run into the line ('positif.Baca Juga Menanggapi', lexicon
   'inline') is removed; the blanks and line breaks a scraper lost are put back
   (``pipeline.unglue``: glued sentence ends, glued English terms, run-together lists; an
   inserted character belongs to no segment of the offset map); whitespace runs become one
   space, curly quotes straight ones, no-break spaces plain ones (one character for one, so
   offsets stay aligned); invisible format characters (zero-width spaces and joiners, BOM,
   bidi marks and isolates, soft hyphens) are removed — a "WFH\u200b 50 persen" would
   otherwise match no rule — and the offset map skips them;
3. kept lines are joined with "\\n", runs of blank lines become one blank line (paragraphs).

The offset map is a list of ``(clean_start, orig_start, length)`` segments: every
character of the cleaned text comes from exactly one character of the original, except the
line breaks joining lines and the blanks and line breaks ``pipeline.unglue`` inserts, so
``ParsedDoc.offset_map`` maps any evidence span back to the source.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

from extractors.lexicon import load_json
from pipeline.unglue import repairs, with_repairs

__all__ = ["clean_text", "original_span"]

# A caption or furniture line is short; body paragraphs are longer.
MAX_FURNITURE_CHARS = 160  # after a footer marker, lines shorter than this are page furniture
MAX_CAPTION_CHARS = 300  # a credit-ending line longer than this is a paragraph, not a caption

_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2018": "'", "\u2019": "'",
                         "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\t": " "})
# Unicode format characters that render as nothing: zero-width space/non-joiner/joiner,
# LRM/RLM, bidi embeddings/overrides/isolates, word joiner and invisible operators, BOM, soft hyphen.
_INVISIBLE = "\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE}]+")
# a run to squeeze: two or more spaces/invisibles, or invisibles alone
_WS_RUN = re.compile(f"[ {_INVISIBLE}]{{2,}}|[{_INVISIBLE}]+")
_EDITOR_INITIALS = re.compile(r"\(\s*[A-Za-z]{2,6}(?:/[A-Za-z]{2,6})*\s*\)")  # "(LDS)", "(Ully/Red)"
_DATE_IN_CREDIT = re.compile(r"\d{1,2}/\d{1,2}")
_CREDIT_END = re.compile(r"\(([^()]{2,80})\)\.?\s*$|/([^/]{2,60})/\s*$")


@cache
def _inline_furniture() -> re.Pattern[str]:
    """Furniture run into a line: after a sentence end, before a capital ('.Baca Juga Menanggapi')."""
    alt = "|".join(re.escape(w) for w in _lexicon()["inline"])
    return re.compile(rf"[.!?\"')]( ?)((?i:{alt}):?[ ]*)(?=[A-Z\"])")


def _without_inline_furniture(line: str, start: int, end: int, inserts: dict[int, str]) -> list[tuple[int, int]]:
    """``line[start:end]`` as kept ranges, inline furniture left out (a blank inserted after it
    when it was glued to the sentence end before it)."""
    out, last = [], start
    for m in _inline_furniture().finditer(line, start, end):
        out.append((last, m.start(2)))
        last = m.end()
        if not m.group(1):
            inserts.pop(m.start(2), None)  # the sentence end's own repair moves after the furniture
            inserts.setdefault(m.end(), " ")
    out.append((last, end))
    return out


@cache
def _lexicon() -> dict:
    lex = dict(load_json("boilerplate.json"))
    lex["line_prefixes"] = tuple(lex["line_prefixes"])  # one str.startswith call for all of them
    lex["exact_lines"] = frozenset(lex["exact_lines"])
    return lex


def _is_furniture(line: str, lower: str, after_footer: bool, lex: dict) -> bool:
    if lower in lex["exact_lines"] or lower.startswith(lex["line_prefixes"]):
        return True
    if _EDITOR_INITIALS.fullmatch(line):
        return True
    if after_footer and len(line) < MAX_FURNITURE_CHARS:
        return True
    return _is_caption(line, lower, lex)


def _is_caption(line: str, lower: str, lex: dict) -> bool:
    """A photo caption: a short line ending in a credit "(Liputan6.com/Name)", "/Diskominfo/"."""
    if len(line) > MAX_CAPTION_CHARS or '"' in line.translate(_QUOTES):
        return False  # a quote ending in a credit "(Ully/Red)" is body text
    m = _CREDIT_END.search(line)
    if not m:
        return False
    credit = (m.group(1) or m.group(2) or "").lower()
    if not re.search(r"[a-z]{2}", credit) or _DATE_IN_CREDIT.search(credit):
        return False  # "(6/11/2025)", "(Senin, 15/4)": a date, not a photo credit
    if m.group(2) is not None:  # "/Diskominfo kota Bandung/": slashes are always a credit
        return True
    return any(marker in credit for marker in lex["credit_markers"])


def clean_text(original: str) -> tuple[str, list[tuple[int, int, int]]]:
    """Return the cleaned text and its offset map (see module docstring)."""
    lex = _lexicon()
    footer = set(lex["footer_markers"])
    out: list[str] = []
    segments: list[tuple[int, int, int]] = []
    pos = 0  # length of the cleaned text so far
    blank_pending = False
    after_footer = False
    seen_lines: set[str] = set()
    line_start = 0
    for raw_line in original.splitlines(keepends=True):
        orig_start = line_start
        line_start += len(raw_line)
        body = raw_line.rstrip("\r\n")
        stripped = body.strip()
        lower = _INVISIBLE_RE.sub("", stripped.lower()).translate(_QUOTES).lstrip("•·▪►-–—* ").strip()
        if not stripped or not _INVISIBLE_RE.sub("", stripped).strip():
            blank_pending = bool(out)
            continue
        if lower in footer:
            after_footer = True
        if _is_furniture(stripped, lower, after_footer, lex) or stripped in seen_lines:
            # a line seen before verbatim is a repeated caption/teaser; its first copy stays
            continue
        seen_lines.add(stripped)
        if out:
            sep = "\n\n" if blank_pending else "\n"
            out.append(sep)
            pos += len(sep)
        blank_pending = False
        lead = len(body) - len(body.lstrip())
        pos = _append_normalised(stripped, orig_start + lead, pos, out, segments)
    return "".join(out), segments


def _append_normalised(line: str, orig_start: int, pos: int, out: list[str],
                       segments: list[tuple[int, int, int]]) -> int:
    """Append ``line`` with whitespace runs collapsed, invisible characters removed and the
    repairs of ``pipeline.unglue`` inserted; record one segment per kept run (an inserted
    character belongs to no segment)."""
    line = line.translate(_QUOTES)
    kept: list[tuple[int, int]] = []
    inserts = dict(repairs(line))
    last = 0
    for m in _WS_RUN.finditer(line):
        kept += _without_inline_furniture(line, last, m.start(), inserts)
        space = line.find(" ", m.start(), m.end())
        if space >= 0:  # keep one real space of the run (its own original offset)
            kept.append((space, space + 1))
        last = m.end()
    kept += _without_inline_furniture(line, last, len(line), inserts)
    for item in with_repairs([(a, b) for a, b in kept if b > a], sorted(inserts.items()), line):
        if isinstance(item, str):
            out.append(item)
            pos += len(item)
            continue
        a, b = item
        if segments and segments[-1][0] + segments[-1][2] == pos \
                and segments[-1][1] + segments[-1][2] == orig_start + a:
            c, o, n = segments.pop()  # contiguous with the previous segment: extend it
            segments.append((c, o, n + b - a))
        else:
            segments.append((pos, orig_start + a, b - a))
        out.append(line[a:b])
        pos += b - a
    return pos


def original_span(segments: list[tuple[int, int, int]], start: int, end: int) -> tuple[int, int]:
    """The (start, end) in the original text of the cleaned span ``[start, end)``: from the
    original of its first mapped character to that of its last (characters cleaning inserted
    or joined with map to none); (start, start) when none of them is mapped."""
    starts = [c for c, _, _ in segments]
    first = last = None
    i = max(0, bisect_right(starts, start) - 1)
    for c, o, n in segments[i:]:
        if c >= end:
            break
        lo, hi = max(c, start), min(c + n, end)
        if lo < hi:
            if first is None:
                first = o + lo - c
            last = o + hi - c
    return (first, last) if first is not None and last is not None else (start, start)
