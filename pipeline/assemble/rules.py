"""Is it a rule: the kind of every sentence, and the classifier veto over paragraphs.

A sentence is a **rule** when it has a work mode or a quota plus a policy verb (a quota alone
suffices), or a work mode, civil servants and a rule period ("ASN WFH pada Senin (15/4) hingga
Rabu (17/4)"), and is not a proposal, refusal, reaction, private-sector or school sentence, nor
a report of a share of staff ("hanya 5 persen ASN yang mengajukan WFA"); in a
circular every clause with a mode or quota is a rule. The policy classifier
(pipeline/ml/classify.py) scores the paragraphs (``TextDoc.paragraphs``, the units it was
trained on) that hold rule sentences; ``assemble`` drops a record none of whose paragraphs
reaches ``POLICY_THRESHOLD``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from extractors.base import Span
from extractors.lexicon import load_json
from extractors.textdoc import TextDoc
from pipeline.assemble.units import Bucket, Sentence, SentenceIndex, cues, span_in

__all__ = ["about_a_rule", "classify_sentences", "date_has_policy_role", "paragraph_scores"]

_CIVIL_SERVANTS = re.compile(r"\b(?:asn|pns|aparatur)\b")  # who a restated rule must name


def classify_sentences(index: SentenceIndex, genre: str, reported_shares: list[Span] | None = None) -> None:
    """Set ``sentence.kind`` for every sentence of the document. ``reported_shares``: the percents
    read as a reported share of staff in a mode ("hanya 5 persen ASN yang mengajukan WFA"): a
    sentence built on one, with no quota and no rule period, reports what happened ("report")."""
    reporting = {id(sent) for sp in reported_shares or [] if (sent := index.of(sp)) is not None}
    for s in index.sentences:
        has_mode = bool(index.own(s, "mode"))
        has_quota = bool(index.own(s, "quota"))
        has_instrument = any(i.value.id for i in index.own(s, "instrument"))
        has_period = any(date_has_policy_role(d) for d in index.own(s, "date"))
        s.kind = classify_sentence(s, has_mode, has_quota, has_instrument, has_period)
        if s.kind == "rule" and id(s) in reporting and not has_quota and not has_period:
            s.kind = "report"  # "Sebanyak 40 persen ASN tercatat bekerja dari rumah pekan lalu"
        if genre == "circular" and s.kind == "other" and (has_mode or has_quota):
            s.kind = "rule"  # a clause of a circular is a rule by construction


@cache
def _words(key: str) -> re.Pattern[str]:
    """A discourse.json word list as a whole-word regex (lower case)."""
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in load_json("discourse.json")[key]) + r")\b")


def classify_sentence(sent: Sentence, has_mode: bool, has_quota: bool, has_instrument: bool = False,
                      has_period: bool = False) -> str:
    cue = cues()
    low = sent.lower
    if cue["private_cues"].search(low) and not _words("civil_servant_words").search(low):
        return "private"  # "perusahaan swasta ... karyawan", unless civil servants are named too
    if cue["school_cues"].search(low) and not _words("staff_words").search(low):
        return "school"
    if cue["proposal_cues"].search(low):
        return "proposal"
    if cue["refusal_cues"].search(low):
        return "refusal"
    if cue["reaction_cues"].search(low) and not has_quota:
        return "reaction"
    if (has_mode or has_quota) and (has_quota or cue["policy_verbs"].search(low)):
        return "rule"
    if has_instrument and cue["issuing_cues"].search(low) and cue["work_cues"].search(low):
        return "rule"  # "Menteri PANRB mengeluarkan peraturan Nomor 4 Tahun 2025 tentang ... fleksibel"
    if has_mode and cue["restated_rule"].search(low) and _CIVIL_SERVANTS.search(low):
        return "rule"  # "Sesuai SE MenPANRB, ASN di seluruh Indonesia WFH pada 16-17 April 2024."
    if has_mode and has_period and _CIVIL_SERVANTS.search(low):
        return "rule"  # no verb, a period: "ASN Pemkot X WFH pada Senin (15/4) hingga Rabu (17/4)."
    return "other"


def date_has_policy_role(span: Span) -> bool:
    return span.value.role in ("start", "end", "range", "recurring")


def about_a_rule(s: Sentence, modes: list[Span], instruments: list[Span]) -> bool:
    """A start/end date outside a rule sentence still counts when its sentence is about the rule:
    it names a work mode, an instrument, or uses a policy verb ("resmi berlaku per 21 April")."""
    return (any(span_in(s, m) for m in modes) or any(span_in(s, i) for i in instruments)
            or bool(cues()["policy_verbs"].search(s.lower)))


def paragraph_scores(buckets: dict[str, Bucket], td: TextDoc,
                     score_paragraphs: Callable[[list[str]], list[float]] | None) -> dict[int, float] | None:
    """The classifier's policy probability of every paragraph holding a rule sentence of some
    bucket (only those could support a record); None without a classifier."""
    if score_paragraphs is None or not buckets:
        return None
    keys = sorted({s.para for b in buckets.values() for s in b.rule_sentences})
    texts = [td.text[slice(*td.paragraphs[k])] for k in keys]
    return dict(zip(keys, score_paragraphs(texts), strict=True))
