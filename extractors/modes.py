"""Work modes (WFH/WFO/WFA/WFF) and the sentence/clause windows the rule extractors share.

``extract_modes`` returns one span per mode mention: "WFH", "work from home",
"bekerja dari rumah", "tugas kedinasan dari kantor", "FWA" (mapped to WFA, see
``lexicons/modes.json``). Mentions are cues; the assembler decides which policy they
belong to.

The rest of this module is the plumbing that quotas, observations and exemptions need
to attach a number to a mode without crossing a sentence: the segment and clause breaks
``extractors.textdoc.TextDoc`` cuts with (the document's one analysis: lower-case copy,
sentences, mode mentions), the mode and near-cue finders, nearest-cue selection and the
negation test. Word lists come from ``lexicons/modes.json``.

Speed: lexicon phrases compile to character tries (``alternation``) matched against the
lower-cased text without IGNORECASE; all five extractors together take ~1.2-1.4 ms of CPU
for a 3.3 KB article (seeds), spaCy excluded from all but exemption trigger sentences.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import NamedTuple

from extractors.base import Context, Span, extractor
from extractors.lexicon import load_json
from extractors.textdoc import lowered, text_doc

__all__ = [
    "CLAUSE_BREAK_RE",
    "NEGATORS",
    "SEGMENT_BREAK_RE",
    "ModeHit",
    "alternation",
    "extract_modes",
    "find_modes",
    "find_near_cues",
    "is_negated",
    "lowered",
    "nearest",
    "phrase_key",
    "within",
]

_LEX = load_json("modes.json")
NEGATION_LOOKBACK = 40  # chars before a mode cue searched for "tidak/tak ..." (two words plus the negator)


class ModeHit(NamedTuple):
    start: int
    end: int
    mode: str  # "WFH" | "WFO" | "WFA" | "WFF"
    rule: str  # "mode.acronym" | "mode.phrase_en" | "mode.phrase_id" | "mode.near_cue"


def alternation(phrases: list[str] | tuple[str, ...]) -> str:
    """Regex for lexicon phrases, lower case, as a character trie (one branch per shared prefix).

    A space or hyphen in a phrase matches any run of blanks or hyphens. Longer phrases win:
    a phrase that is a prefix of another ends in an optional, greedy group. A trie is ~4x
    faster than a flat alternation in Python's ``re``; match it against ``lowered(text)``
    without IGNORECASE (another ~3x).
    """
    if not phrases:
        raise ValueError("empty phrase group would match everything")
    root: _Trie = {}
    for phrase in {p.lower().strip() for p in phrases}:
        node = root
        for i, word in enumerate(re.split(r"[\s\-]+", phrase)):
            if i:
                node = node.setdefault(_SEP, {})
            for ch in word:
                node = node.setdefault(ch, {})
        node[_END] = {}
    return _trie_pattern(root)


_SEP, _END = "\x00", ""
_Trie = dict[str, "_Trie"]


def _trie_pattern(node: _Trie) -> str:
    alts = [(r"[\s\-]+" if ch == _SEP else re.escape(ch)) + _trie_pattern(node[ch]) for ch in sorted(node) if ch]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{body})?" if _END in node else body


def phrase_key(s: str) -> str:
    """Lookup key of a matched lexicon phrase: lower case, runs of blanks/hyphens as one space."""
    return re.sub(r"[\s\-]+", " ", s.lower())


def _build_mode_regex() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, tuple[str, str]]]:
    lookup: dict[str, tuple[str, str]] = {}  # phrase key -> (mode, rule)
    groups: dict[str, list[str]] = {"acronyms": [], "en": [], "id": []}
    rules = {"acronyms": "mode.acronym", "en": "mode.phrase_en", "id": "mode.phrase_id"}
    for mode, by_kind in _LEX["modes"].items():
        for kind, phrases in by_kind.items():
            groups[kind].extend(phrases)
            lookup.update({phrase_key(p): (mode, rules[kind]) for p in phrases})
    every = alternation(groups["acronyms"] + groups["en"] + groups["id"])
    glued = alternation(groups["en"])
    return re.compile(rf"(?<![a-z])(?:{every})(?![a-z]){_NOT_PLACE}"), re.compile(rf"(?:{glued})(?![a-z])"), lookup


_NOT_PLACE = rf"(?![\s\-]+(?:{alternation(_LEX['not_after_rumah'])})(?!\w))"  # "di rumah" but not "di rumah sakit"
_MODE_RE, _GLUED_EN_RE, _MODE_LOOKUP = _build_mode_regex()
_GLUED_EN_STARTS = tuple(sorted({p.split()[0].lower() for g in _LEX["modes"].values() for p in g["en"]}))
_NEAR_LOOKUP = {phrase_key(p): mode for mode, ps in _LEX["near_cues"].items() for p in ps}
_CLAUSE_NEAR = frozenset(phrase_key(p) for p in _LEX["clause_near_cues"])
_NEAR_RE = re.compile(rf"(?<!\w)(?:{alternation(list(_NEAR_LOOKUP))})(?!\w){_NOT_PLACE}")
NEGATORS: tuple[str, ...] = tuple(_LEX["negators"])
_NEG_RE = re.compile(rf"(?<!\w)(?:{alternation(NEGATORS)})\s+(?:[^\W\d]+\s+){{0,2}}$")

# Sentences are cut once per document by ``extractors.textdoc``; these cut a sentence into
# segments (at ';' and connectors such as "tetapi", "sedangkan") and segments into clauses.
SEGMENT_BREAK_RE = re.compile(rf";|,?\s+(?=(?:{alternation(_LEX['clause_breaks'])})(?!\w))")
CLAUSE_BREAK_RE = re.compile(r",(?!\d)|:\s|\s[-–—]\s")


def find_modes(low: str, start: int = 0, end: int | None = None) -> list[ModeHit]:
    """Every mode mention in ``low[start:end]`` (``low`` = ``lowered(text)``), offsets into the text.

    English phrases also count glued to the word before them ("atauwork from anywhere", as
    scraped text has it): those are found from the few places where "work"/"flexible" follows
    a letter, which is much cheaper than a second full regex pass.
    """
    end = len(low) if end is None else end
    out = []
    for m in _MODE_RE.finditer(low, start, end):
        mode, rule = _MODE_LOOKUP[phrase_key(m.group(0))]
        out.append(ModeHit(m.start(), m.end(), mode, rule))
    glued = []
    for word in _GLUED_EN_STARTS:
        i = low.find(word, start + 1, end)
        while i != -1:
            g = _GLUED_EN_RE.match(low, i, end) if low[i - 1].isalpha() else None
            if g:
                mode, rule = _MODE_LOOKUP[phrase_key(g.group(0))]
                glued.append(ModeHit(g.start(), g.end(), mode, rule))
            i = low.find(word, i + 1, end)
    return sorted(out + glued) if glued else out


def find_near_cues(low: str, start: int, end: int, clause: tuple[int, int] | None = None) -> list[ModeHit]:
    """Elliptical cues ('di rumah', 'masuk', 'terisi') in ``low[start:end]``: only meaningful next to a number;
    with ``clause``, also the cues that say on their own where staff work ('masuk kantor', 'ngantor';
    ``clause_near_cues``) anywhere in that clause."""
    lo, hi = (min(start, clause[0]), max(end, clause[1])) if clause else (start, end)
    out = []
    for m in _NEAR_RE.finditer(low, lo, hi):
        key = phrase_key(m.group(0))
        if (start <= m.start() and m.end() <= end) or key in _CLAUSE_NEAR:
            out.append(ModeHit(m.start(), m.end(), _NEAR_LOOKUP[key], "mode.near_cue"))
    return out


def within(hits: list[ModeHit], lo: int, hi: int) -> list[ModeHit]:
    """The hits of a start-sorted list that start in ``[lo, hi)``, in order: a bisection, so that
    a number looks only at the mode cues of its own window (linear time on any text)."""
    i = bisect_left(hits, lo, key=_start)
    j = bisect_left(hits, hi, lo=i, key=_start)
    return hits[i:j]


def _start(h: ModeHit) -> int:
    return h.start


def nearest(hits: list[ModeHit], a: int, b: int, lo: int, hi: int) -> ModeHit | None:
    """The hit inside ``[lo, hi)`` closest to the span ``[a, b)``; on a tie the one after it."""
    best, best_d = None, None
    for h in hits:
        if h.start < lo or h.end > hi or (h.start < b and h.end > a):
            continue
        d = a - h.end if h.end <= a else h.start - b
        if best_d is None or d < best_d or (d == best_d and h.start > a):
            best, best_d = h, d
    return best


def is_negated(low: str, hit_start: int, floor: int = 0) -> bool:
    """'tidak/tak/bukan ... <mode>' with at most two words between ('tak melakukan WFH')."""
    return _NEG_RE.search(low, max(floor, hit_start - NEGATION_LOOKBACK), hit_start) is not None


@extractor("mode.v1", labels=("mode",))
def extract_modes(text: str, ctx: Context) -> list[Span]:
    """Mode mentions: 'WFH', 'work from office', 'bekerja dari mana saja' → Span(value='WFA')."""
    return [Span(h.start, h.end, "mode", h.mode, h.rule) for h in text_doc(text, ctx).modes]
