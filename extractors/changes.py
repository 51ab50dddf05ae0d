"""What the policy archive needs from the text (issue 11): kinds of change, open ends, weekly
recurrence and the conditions that scope a quota. Pure functions, spans with offsets and rule ids.

- ``change``          "diperpanjang" -> "extension", "Perubahan atas SE ..." -> "amendment",
                      "dicabut" / "diakhiri" -> "revocation". Extension and revocation cues count
                      only in a sentence that names a work mode or a policy word (lexicon
                      ``policy_words``): "jalan tol diperpanjang" is no policy change.
- ``open_ended``      "hingga ada ketentuan lebih lanjut", "sampai batas waktu yang belum
                      ditentukan": the rule has no end, on purpose (value True).
- ``recurrence``      "setiap Kamis", "tiap Jumat", "setiap Senin dan Kamis", "Senin-Rabu WFO":
                      a ``WeekdayRule`` (ISO weekday codes, and the mode written right after, if any).
- ``quota_condition`` "zona merah" -> "zone:red", "PPKM level 4" / "level IV" -> "ppkm_level:4".

Word lists: ``lexicons/changes.json``. ``extract_archive_spans`` runs all four;
``pipeline/archive/attach.py`` puts them on the records of a document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.base import Context, Span, extractor
from extractors.lexicon import load_json
from extractors.textdoc import scan_words, text_doc

__all__ = [
    "WeekdayRule",
    "extract_archive_spans",
    "extract_changes",
    "extract_open_ended",
    "extract_quota_conditions",
    "extract_recurrence",
]

_LEX = load_json("changes.json")
_ORDER = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


@dataclass(frozen=True, slots=True)
class WeekdayRule:  # label "recurrence"
    days: tuple[str, ...]  # ISO weekday codes in week order: ("thu",)
    mode: str | None = None  # the mode written right after ("Senin-Rabu WFO"), if any


def _phrase(p: str) -> str:
    return r"\s+".join(re.escape(w) for w in p.lower().split())


def _alt(phrases: list[str]) -> str:
    return "|".join(_phrase(p) for p in sorted(phrases, key=len, reverse=True))


# Every pattern is lower case and runs on ``TextDoc.folded`` (the text lower-cased with the same
# offsets, where it finds what re.IGNORECASE finds in the text). A whole-text scan leaves its
# leading "(?<!\w)" to ``scan_words``, so that re skips straight to the cue's first letters.
_CHANGE = [(kind, re.compile(rf"(?:{_alt(cues)})(?!\w)")) for kind, cues in _LEX["change"].items()]
_POLICY = re.compile(rf"(?<!\w)(?:{_alt(_LEX['policy_words'])})(?!\w)")
_NEGATED = re.compile(rf"(?<!\w)(?:{_alt(_LEX['negators'])})\s+$")
_OTHER = re.compile(rf"\s+(?:{_alt(_LEX['not_followed_by'])})(?!\w)")
_OPEN = re.compile(rf"(?:{_alt(_LEX['open_ended'])})(?!\w)")
_DAY = "|".join(re.escape(d.lower()) for d in sorted(_LEX["weekdays"], key=len, reverse=True))
_EVERY = _alt(_LEX["recurring"])
_MODE = r"wfh|wfo|wfa|wff"
# "setiap (hari) Kamis", "setiap Senin dan Kamis", "tiap Senin, Rabu dan Jumat", "setiap Senin-Rabu"
_RECUR = re.compile(
    rf"(?:{_EVERY})\s+(?:hari\s+)?(?P<days>(?:{_DAY})(?:\s*(?:,|dan|serta|-|–|—|s\.?d\.?|sampai|hingga)\s*"
    rf"(?:hari\s+)?(?:{_DAY}))*)(?!\w)(?:\s*[,:(]?\s*(?P<mode>{_MODE})(?!\w))?")
# "Senin-Rabu WFO", "Senin–Kamis WFH" (a range followed by a mode: a weekly split); not after "("
_RANGE_MODE = re.compile(rf"(?P<days>(?:{_DAY})\s*(?:-|–|—|sampai|hingga)\s*(?:{_DAY}))(?!\w)\s*"
                         rf"(?:[:,]\s*)?(?P<mode>{_MODE})(?!\w)")
_WORD_OR_PAREN = re.compile(r"[\w(]")
_ZONE = re.compile(rf"zona\s+(?P<c>{'|'.join(z.lower() for z in _LEX['zones'])})(?!\w)")
_PPKM = re.compile(rf"(?:{_alt(_LEX['ppkm'])})\s+(?P<n>[1-4]|iv|iii|ii|i)(?!\w)")
_SENTENCE_END = re.compile(r"[.!?]\s|\n")


def _sentence(text: str, start: int, end: int) -> str:
    a = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 400), start)), default=max(0, start - 400))
    m = _SENTENCE_END.search(text, end)
    return text[a:m.start() if m else min(len(text), end + 400)]


def _days(phrase: str) -> tuple[str, ...]:
    names = [_LEX["weekdays"][d] for d in re.findall(_DAY, phrase)]
    if len(names) == 2 and re.search(r"-|–|—|s\.?d|sampai|hingga", phrase):
        a, b = _ORDER.index(names[0]), _ORDER.index(names[1])
        if a <= b:
            return _ORDER[a:b + 1]
    return tuple(d for d in _ORDER if d in names)


@extractor("change.v1", labels=("change",))
def extract_changes(text: str, ctx: Context) -> list[Span]:
    """'diperpanjang' -> extension, 'Perubahan atas' -> amendment, 'dicabut' -> revocation."""
    low = text_doc(text, ctx).folded
    out: list[Span] = []
    for kind, rx in _CHANGE:
        for m in scan_words(rx, low):
            if kind != "amendment" and not _POLICY.search(_sentence(low, m.start(), m.end())):
                continue
            if _NEGATED.search(low[max(0, m.start() - 12):m.start()]) or _OTHER.match(low, m.end()):
                continue  # "bukan perpanjangan libur", "dicabut hak WFA-nya"
            out.append(Span(m.start(), m.end(), "change", kind, f"change.{kind}"))
    return sorted(out, key=lambda s: (s.start, s.end))


@extractor("open_ended.v1", labels=("open_ended",))
def extract_open_ended(text: str, ctx: Context) -> list[Span]:
    """'hingga ada ketentuan lebih lanjut': the rule lasts until further notice."""
    low = text_doc(text, ctx).folded
    return [Span(m.start(), m.end(), "open_ended", True, "open_ended.phrase") for m in scan_words(_OPEN, low)]


@extractor("recurrence.v1", labels=("recurrence",))
def extract_recurrence(text: str, ctx: Context) -> list[Span]:
    """'setiap Kamis' / 'Senin-Rabu WFO' -> WeekdayRule(days, mode)."""
    low = text_doc(text, ctx).folded
    out: list[Span] = []
    taken: list[tuple[int, int]] = []
    for rule, matches in (("recurrence.every", scan_words(_RECUR, low)),
                          ("recurrence.range_mode", scan_words(_RANGE_MODE, low, _WORD_OR_PAREN))):
        for m in matches:
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            after = low[m.end("days"):m.end("days") + 3]
            if re.match(r"\s*\(?\s*\d", after) and rule == "recurrence.range_mode":
                continue  # "Senin (15/4) - Rabu": dates, not a weekly rule
            days = _days(m.group("days"))
            if not days:
                continue
            mode = m.group("mode").upper() if m.group("mode") else None
            taken.append((m.start(), m.end()))
            out.append(Span(m.start(), m.end(), "recurrence", WeekdayRule(days, mode), rule))
    return sorted(out, key=lambda s: (s.start, s.end))


@extractor("quota_condition.v1", labels=("quota_condition",))
def extract_quota_conditions(text: str, ctx: Context) -> list[Span]:
    """'zona merah' -> 'zone:red'; 'PPKM level 4' / 'level IV' -> 'ppkm_level:4'."""
    low = text_doc(text, ctx).folded
    out = [Span(m.start(), m.end(), "quota_condition", _LEX["zones"][m.group("c")], "quota_condition.zone")
           for m in scan_words(_ZONE, low)]
    for m in scan_words(_PPKM, low):
        n = m.group("n")
        level = int(n) if n.isdigit() else _ROMAN[n]
        out.append(Span(m.start(), m.end(), "quota_condition", f"ppkm_level:{level}", "quota_condition.ppkm"))
    return sorted(out, key=lambda s: (s.start, s.end))


def extract_archive_spans(text: str, ctx: Context) -> dict[str, list[Span]]:
    """All four, by label."""
    ctx = Context(ctx.published, ctx.kind, text_doc(text, ctx), ctx.results)  # one TextDoc for the four
    return {"change": extract_changes(text, ctx), "open_ended": extract_open_ended(text, ctx),
            "recurrence": extract_recurrence(text, ctx), "quota_condition": extract_quota_conditions(text, ctx)}
