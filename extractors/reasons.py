"""Reasons: why a work arrangement is set (covid19, air_pollution, holiday_travel, traffic,
event, efficiency, flexibility, disaster, other), one span per cue phrase.

The cue lexicon is ``lexicons/reasons.jsonl`` in spaCy pattern format
(``{"label": <taxonomy reason code>, "pattern": <phrase>}``), matched with one compiled
regex over the whole text: whole words, any case, a space matching blanks or hyphens
("pasca-Lebaran", "pasca Lebaran"), longest phrase first. Phrases labelled ``_block``
silence the cues they cover: "penanganan bencana" names a service (an exemption), not a
disaster; "pascapandemi" and "seperti Covid dulu" look back at covid, they do not give it
as the reason. Reasons are cues; the assembler decides which policy they attach to.
"""

from __future__ import annotations

import re

from extractors.base import Context, ReasonMention, Span, extractor
from extractors.lexicon import load_jsonl
from extractors.modes import alternation, phrase_key
from extractors.textdoc import text_doc

__all__ = ["extract_reasons"]

BLOCK_LABEL = "_block"


def _build() -> tuple[re.Pattern[str], dict[str, str]]:
    lookup: dict[str, str] = {}
    for p in load_jsonl("reasons.jsonl"):
        key = phrase_key(p["pattern"])
        if lookup.get(key, p["label"]) != p["label"]:
            raise ValueError(f"reasons.jsonl: {p['pattern']!r} has two labels")
        lookup[key] = p["label"]
    return re.compile(rf"(?<!\w)(?:{alternation(list(lookup))})(?!\w)"), lookup


_REASON_RE, _LOOKUP = _build()


@extractor("reason.v1", labels=("reason",))
def extract_reasons(text: str, ctx: Context) -> list[Span]:
    """Reason cues: 'mengurai kemacetan' → Span(label='reason', value=ReasonMention('traffic'))."""
    spans = []
    for m in _REASON_RE.finditer(text_doc(text, ctx).low):
        code = _LOOKUP[phrase_key(m.group(0))]
        if code != BLOCK_LABEL:
            spans.append(Span(m.start(), m.end(), "reason", ReasonMention(code), f"reason.{code}"))
    return spans
