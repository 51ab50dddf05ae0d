"""Observations: reported facts about where staff worked, kept apart from quotas.

Two kinds, both read with the same rule-versus-report predicates as ``quotas.py``:

1. Shares — a percent that ``quotas.read_percents`` reads as a report: "menurut data ...
   tidak lebih dari 15 persen ini yang melaksanakan WFH" → wfh_share <= 15; "ruang kerja
   ASN terisi 75 persen" → wfo_share = 75. A percent with no mode and no cue at all but
   "N persen ASN bekerja/masuk/hadir" right after it ("Pastikan 75 persen ASN Bekerja") is
   an attendance share too (``_ATTENDANCE_SHARE_RE``).
2. Counts — "kurang dari 20 orang ASN ... melakukan WFH" → wfh_count < 20; "sebanyak 1.200
   ASN sudah berkantor" → wfo_count = 1200. A count needs a people noun right after the
   number, a mode or attendance cue in its segment, no count topic there (covid tolls,
   relocation, discipline cases: ``quota_cues.json`` 'count_topics') and no rule cue
   outweighing the report cues ("maksimal 20 orang boleh WFH" is a rule, not a fact).

Ops: '<' kurang dari, '<=' tidak lebih dari, '>' lebih dari, '>=' sedikitnya/minimal,
'=' otherwise (``quota_ops.json``). Numbers use Indonesian separators ("1.233", "7,5").
"""

from __future__ import annotations

import re
from typing import NamedTuple

from extractors.base import Context, ObservationMention, Span, extractor
from extractors.lexicon import load_json
from extractors.modes import (
    ModeHit,
    alternation,
    find_near_cues,
    is_negated,
    nearest,
    within,
)
from extractors.quotas import NEAR_CUE_WINDOW, cue_scores, find_op, percent_readings
from extractors.textdoc import TextDoc, text_doc

__all__ = ["extract_observations", "parse_count"]

_CUES = load_json("quota_cues.json")

COUNT_MAX = 1_000_000  # no single authority reports more staff than this in one mode; larger numbers are something else

_METRIC = {"WFH": "wfh", "WFO": "wfo"}  # WFA/WFF shares are not observation metrics

_COUNT_RE = re.compile(
    r"(?<![\w.,/])(?P<num>\d{1,3}(?:\.\d{3})+|\d+)(?![.,/]\d)"
    r"(?:\s+(?P<mult>ribu|juta))?"
    rf"\s+(?:orang\s+)?(?:{alternation(_CUES['count_nouns'])})(?!\w)",
)
_COUNT_TOPIC_RE = re.compile(rf"(?<!\w)(?:{alternation(_CUES['count_topics'])})")
_ATTENDANCE_SHARE_RE = re.compile(
    rf"\s+(?:{alternation(_CUES['share_nouns'])})\s+(?:[^\W\d]+\s+)??(?:{alternation(_CUES['attendance_verbs'])})(?!\w)"
)
_MULT = {"ribu": 1_000, "juta": 1_000_000}
_BASE_RE = re.compile(rf"(?<!\w)(?:{alternation(_CUES['count_bases'])})\s+$")  # "dari 5.000 ASN": the whole, not a mode


def parse_count(num: str, mult: str | None = None) -> int:
    """'1.233' → 1233, '62' + 'ribu' → 62000 (a '.' groups thousands in Indonesian)."""
    return int(num.replace(".", "")) * _MULT.get((mult or "").lower(), 1)


class _Metric(NamedTuple):
    metric: str  # "wfh" | "wfo"
    hit: ModeHit


def _metric(
    low: str, modes: list[ModeHit], a: int, b: int, win: TextDoc, lo: int, hi: int, *, whole_clause: bool = False
) -> _Metric | None:
    """The work mode a number is about, first match wins:

    1. the nearest mode cue of the number's clause, or attendance cue ('terisi', 'hadir',
       'berkantor') close to the number;
    2. with ``whole_clause`` (a share already read as a report), an attendance cue anywhere in
       the clause ("Tingkat kehadiran ASN ... mencapai 97 persen");
    3. the nearest mode cue in ``[lo, hi)``.
    """
    clause = win.clause(a)
    cues = find_near_cues(low, max(clause[0], a - NEAR_CUE_WINDOW), min(clause[1], b + NEAR_CUE_WINDOW))
    hit = nearest(within(modes, *clause) + cues, a, b, *clause)
    if hit is None and whole_clause:
        hit = nearest(find_near_cues(low, *clause), a, b, *clause)
    hit = hit or nearest(within(modes, lo, hi), a, b, lo, hi)
    if hit is None or hit.mode not in _METRIC or is_negated(low, hit.start, lo):
        return None
    return _Metric(_METRIC[hit.mode], hit)


@extractor("observation.v1", labels=("observation",), requires=("percent.v1",))
def extract_observations(text: str, ctx: Context) -> list[Span]:
    """Reported WFH/WFO shares and head counts: 'terisi 75 persen' → ObservationMention('wfo_share', '=', 75)."""
    win = text_doc(text, ctx)
    low, modes = win.low, win.modes
    spans = []
    # 1. shares
    for r in percent_readings(text, ctx):
        if r.kind == "report":
            m = _metric(low, modes, r.op.start, r.hit.end, win, *r.segment, whole_clause=True)
            rule = "observation.share_report"
        elif r.kind == "rule" and r.mode is None and _ATTENDANCE_SHARE_RE.match(low, r.hit.end):
            m, rule = _Metric("wfo", ModeHit(r.hit.end, r.hit.end, "WFO", "")), "observation.share_attendance"
        else:
            continue
        if m is not None:
            value = ObservationMention(f"{m.metric}_share", r.op.op, r.hit.value)
            spans.append(Span(r.op.start, r.hit.end, "observation", value, rule))
    # 2. counts
    for c in _COUNT_RE.finditer(low):
        count = parse_count(c.group("num"), c.group("mult"))
        if not 0 < count <= COUNT_MAX:
            continue
        seg = win.segment(c.start())
        op = find_op(low, c.start(), c.end(), seg[0])
        if _COUNT_TOPIC_RE.search(low, *seg) or _BASE_RE.search(low, max(seg[0], op.start - 20), op.start):
            continue
        rule_w, report_w = cue_scores(low, seg, op.start, c.end())
        if rule_w > report_w or op.strong:
            continue
        m = _metric(low, modes, op.start, c.end(), win, *seg)
        if m is not None:
            value = ObservationMention(f"{m.metric}_count", op.op, float(count))
            spans.append(Span(op.start, c.end(), "observation", value, "observation.count"))
    return spans
