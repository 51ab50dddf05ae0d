"""The assembler's working types: sentences (the ``TextDoc`` units) with their decisions, and
the bucket of facts one authority collects; the discourse cue regexes every decision reads."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache

from extractors.base import Span
from extractors.lexicon import load_json
from extractors.textdoc import TextDoc

__all__ = ["Bucket", "Sentence", "SentenceIndex", "cues", "inside", "span_in"]

_CUE_KEYS = ("policy_verbs", "proposal_cues", "refusal_cues", "private_cues", "school_cues",
             "central_policy_cues", "reaction_cues", "issuing_cues", "work_cues", "announcing_cues", "hours_cues",
             "past_cues", "conditional_cues")


@dataclass
class Sentence:
    start: int
    end: int
    para: int
    lower: str
    focus: str | None = None
    cands: list[tuple[int, str, Span]] = field(default_factory=list)  # actor mentions, by position
    mentioned: set[str] = field(default_factory=set)  # every authority id named in it, any form
    kind: str = "other"  # "rule" | "refusal" | "proposal" | "reaction" | "private" | "school" | "report" | "personal"
    # | "claim" | "other"
    citations: list[tuple[int, str]] = field(default_factory=list)  # (end, body) of "sesuai SE MenPANRB ..."


@dataclass
class Bucket:
    """What one authority collects from its sentences."""

    authority: Span
    rule_sentences: list[Sentence] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)  # every sentence in its focus
    quotas: list[Span] = field(default_factory=list)
    exemptions: list[Span] = field(default_factory=list)
    dates: list[Span] = field(default_factory=list)
    reasons: list[Span] = field(default_factory=list)
    officials: list[Span] = field(default_factory=list)
    modes: list[Span] = field(default_factory=list)


@cache
def cues() -> dict[str, re.Pattern[str]]:
    lex = load_json("discourse.json")
    out: dict[str, re.Pattern[str]] = {}
    for key in _CUE_KEYS:
        words = sorted(lex[key], key=len, reverse=True)
        out[key] = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")
    # "sesuai SE MenPANRB, ASN WFH ...": a cue right before an instrument word
    cue_words = "|".join(re.escape(w) for w in sorted(lex["restated_rule_cues"], key=len, reverse=True))
    inst = "|".join(re.escape(w) for w in sorted(lex["instrument_words"], key=len, reverse=True))
    out["restated_rule"] = re.compile(r"(?<!\w)(?:" + cue_words + r")\s+(?:" + inst + r")(?!\w)")
    nouns = "|".join(re.escape(w) for w in sorted(lex["anaphor_nouns"], key=len, reverse=True))
    pointers = "|".join(re.escape(w) for w in lex["demonstratives"])
    embodied = "|".join(re.escape(w) for w in sorted(lex["embodiment_cues"], key=len, reverse=True))
    # "Hal itu tertuang dalam SE MenPANRB ...", "Kebijakan WFA tersebut diatur dalam SE ...": the
    # sentence before states what the instrument sets
    out["embodied_in"] = re.compile(rf"(?<!\w)(?:{nouns})\s+(?:[\w-]+\s+){{0,2}}?(?:{pointers})\s+"
                                    rf"(?:[\w-]+\s+)?(?:{embodied})\s+(?:{inst})(?!\w)")
    out["restated_before"] = re.compile(r"(?<!\w)(?:" + cue_words + r")\s+$")  # a cue right before a citation
    return out


def inside(span: Span, spans: list[Span]) -> bool:
    return any(o.start <= span.start and span.end <= o.end and o is not span for o in spans)


def span_in(sent: Sentence, span: Span) -> bool:
    return sent.start <= span.start < sent.end


class SentenceIndex:
    """The document's sentences and which one holds a span; spans grouped per sentence."""

    def __init__(self, td: TextDoc) -> None:
        self.sentences = [Sentence(s, e, p, td.low[s:e]) for s, e, p in td.units]
        self._starts = [s.start for s in self.sentences]
        self._own: dict[int, dict[str, list[Span]]] = {}

    def of(self, span: Span) -> Sentence | None:
        """The sentence holding the span's start (None between sentences)."""
        i = bisect_right(self._starts, span.start) - 1
        return self.sentences[i] if i >= 0 and span.start < self.sentences[i].end else None

    def position(self, sent: Sentence) -> int:
        """The index of ``sent`` in ``sentences``."""
        return bisect_right(self._starts, sent.start) - 1

    def group(self, spans: dict[str, list[Span]], labels: tuple[str, ...]) -> None:
        for label in labels:
            for span in spans.get(label, []):
                sent = self.of(span)
                if sent is not None:
                    self._own.setdefault(id(sent), {}).setdefault(label, []).append(span)

    def own(self, sent: Sentence, label: str) -> list[Span]:
        """The grouped spans of ``label`` in ``sent``."""
        return self._own.get(id(sent), {}).get(label, [])
