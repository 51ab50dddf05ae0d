"""Is it a rule: the kind of every sentence, and the classifier veto over paragraphs.

A sentence is a **rule** when it has a work mode or a quota plus a policy verb (a quota alone
suffices), or a work mode, civil servants and a rule period ("ASN WFH pada Senin (15/4) hingga
Rabu (17/4)"), and is not a proposal, refusal, reaction, private-sector or school sentence, nor
a report of a share of staff ("hanya 5 persen ASN yang mengajukan WFA"); in a
circular every clause with a mode or quota is a rule. The policy classifier
(pipeline/ml/classify.py) scores the paragraphs (``TextDoc.paragraphs``, the units it was
trained on; a list item with the sentence introducing its list, ``TextDoc.classifier_text``)
that hold rule sentences; ``assemble`` drops a record none of whose paragraphs
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
    sentences = index.sentences
    debunked = any(_words("debunk_cues").search(s.lower) for s in sentences)
    for n, s in enumerate(sentences):
        modes = index.own(s, "mode")
        has_quota = bool(index.own(s, "quota"))
        has_instrument = any(i.value.id for i in index.own(s, "instrument"))
        has_period = any(date_has_policy_role(d) for d in index.own(s, "date"))
        s.kind = classify_sentence(s, bool(modes), has_quota, has_instrument)
        if s.kind == "reaction" and _head_speaks(index, n):
            s.kind = classify_sentence(s, bool(modes), has_quota, has_instrument, head_speaks=True)
        if s.kind == "rule" and id(s) in reporting and not has_quota and not has_period:
            s.kind = "report"  # "Sebanyak 40 persen ASN tercatat bekerja dari rumah pekan lalu"
        if genre == "circular" and s.kind == "other" and (modes or has_quota):
            s.kind = "rule"  # a clause of a circular is a rule by construction
        elif s.kind == "other" and modes and _announced_plan(s, modes, sentences, n):
            s.kind = "rule"
        elif s.kind == "other" and modes and _embodied_next(s, sentences, n):
            s.kind = "rule"
        elif s.kind == "other" and modes and _dated_arrangement(s, modes, index.own(s, "date")):
            s.kind = "rule"
        elif s.kind == "other" and modes and (index.own(s, "exemption") or has_quota) and s.citations:
            # "Sesuai SE MenPANRB ..., WFH dikecualikan bagi rumah sakit": the circular's exemption; also a
            # sentence going on restating it ("Adapun unit layanan tetap bekerja di kantor 100 persen.")
            s.kind = "rule"
        if s.kind == "rule" and debunked and (_words("claim_cues").search(s.lower)
                                              or _words("debunk_cues").search(s.lower)):
            s.kind = "claim"  # a fact check: "Pesan itu menyebut ASN ... WFH selama sepekan", "... itu palsu"


def _dated_arrangement(s: Sentence, modes: list[Span], dates: list[Span]) -> bool:
    """"Wali Kota Madiun mengatakan ASN Pemkot Madiun WFH pada 16 April 2024": civil servants given a work
    mode for a stated start, end or period ("ASN ... menjalani WFH hingga Jumat (19/4)"), by a government in
    focus, is a rule even with no policy verb; not when every mode is negated ("ASN tidak WFH pada 16 April"),
    nor when told as the past ("tahun lalu ASN pernah WFH pada 10-12 April")."""
    return (bool(s.focus) and bool(_CIVIL_SERVANTS.search(s.lower)) and not _words("past_cues").search(s.lower)
            and any(not _negated(s.lower, m.start - s.start) for m in modes)
            and any(d.value.role in ("start", "range", "end") and not d.value.superseded for d in dates))


def _negated(low: str, pos: int) -> bool:
    """A negator ("tidak", "belum") at most one word before the word at ``pos``."""
    words = low[max(0, pos - 30):pos].split()[-2:]
    return any(_words("negators").fullmatch(w) for w in words)


def _embodied_next(s: Sentence, sentences: list[Sentence], n: int) -> bool:
    """"ASN di Jakarta WFH pada 5-6 September. Hal itu tertuang dalam SE MenPANRB ...": a sentence giving
    civil servants a work mode, followed in its paragraph by one saying an instrument sets it, is a rule."""
    nxt = sentences[n + 1] if n + 1 < len(sentences) else None
    return (nxt is not None and nxt.para == s.para and bool(_CIVIL_SERVANTS.search(s.lower))
            and bool(cues()["embodied_in"].search(nxt.lower)))


# "kita akan WFH-kan", "bakal kembali WFH": at most this many plan_gap_words between the plan cue and the mode
PLAN_GAP_WORDS = 2


def _announced_plan(s: Sentence, modes: list[Span], sentences: list[Sentence], n: int) -> bool:
    """A regional government or head announcing its own rule in the future tense, with no policy
    verb ("kita seminggu sekali akan WFH-kan", "rencananya mulai pekan depan ASN WFH"): a rule
    (issue 10; dev2's gold treats it so). Not when the speaker is a legislator, observer or citizen
    (discourse.json ``non_executive_speakers``, in the sentence or its paragraph), nor when a
    proposal or refusal cue ("masih dikaji", "belum diputuskan", "wacana") stands in its paragraph
    or the next sentence: the head is still studying it."""
    if not (s.focus or "").startswith("region:"):
        return False
    low = s.lower
    if not (any(_plan_before(low, m.start - s.start) for m in modes) or _words("plan_words").search(low)):
        return False
    if _words("conditional_cues").search(low):
        return False  # "akan WFH jika kualitas udara memburuk": conditional intent, not a decided rule
    around = _paragraph_of(sentences, n)
    if n + 1 < len(sentences):
        around.append(sentences[n + 1])
    cue = cues()
    return not any(_words("non_executive_speakers").search(o.lower) or cue["proposal_cues"].search(o.lower)
                   or cue["refusal_cues"].search(o.lower) for o in around)


# "Menurutnya, WFH hanya akan berlaku ...": the speaker is looked for this many sentences back
SPEAKER_LOOKBACK_SENTENCES = 8


def _head_speaks(index: SentenceIndex, n: int) -> bool:
    """"Menurutnya, ..." (discourse.json ``attribution_cues``) only says who speaks: it is a reaction
    when that person is a legislator or observer, not when it is the region's own head. The speaker is
    the nearest one named before: an official of the sentence's focus region, or a
    ``non_executive_speakers`` word ("Wakil Ketua Komisi I dari fraksi ..."). True when the sentence's
    only reaction cues are attribution cues and the nearest speaker is the region's official, in a
    sentence that is no reaction, proposal or refusal itself."""
    sentences = index.sentences
    s = sentences[n]
    if not (s.focus or "").startswith("region:"):
        return False
    cue = cues()
    attribution = _words("attribution_cues")
    if any(not attribution.fullmatch(m.group(0)) for m in cue["reaction_cues"].finditer(s.lower)):
        return False
    for k in range(n - 1, max(-1, n - 1 - SPEAKER_LOOKBACK_SENTENCES), -1):
        o = sentences[k]
        heads = [x.start - o.start for x in index.own(o, "official") if x.value.authority_id == s.focus]
        others = [m.start() for m in _words("non_executive_speakers").finditer(o.lower)]
        if heads or others:
            # the head speaks, and not to react ("Bupati X menilai ... Menurutnya, kebijakan WFH ...")
            return max(heads, default=-1) > max(others, default=-1) and o.kind not in _NOT_RULES
    return False


_NOT_RULES = ("reaction", "proposal", "refusal", "private", "school", "report", "personal", "claim")


def _paragraph_of(sentences: list[Sentence], n: int) -> list[Sentence]:
    """The sentences of the paragraph of ``sentences[n]`` (units are in text order)."""
    lo = hi = n
    while lo > 0 and sentences[lo - 1].para == sentences[n].para:
        lo -= 1
    while hi + 1 < len(sentences) and sentences[hi + 1].para == sentences[n].para:
        hi += 1
    return sentences[lo:hi + 1]


def _plan_before(low: str, pos: int) -> bool:
    """A plan cue ("akan", "bakal") right before the mode word at ``pos``, with at most PLAN_GAP_WORDS
    plan_gap_words between ("akan kembali WFH"; "akan mengevaluasi WFH" is no plan)."""
    return bool(_plan_tail().search(low[max(0, pos - 60):pos]))


@cache
def _plan_tail() -> re.Pattern[str]:
    lex = load_json("discourse.json")
    words = "|".join(re.escape(w) for w in lex["plan_cues"])
    gaps = "|".join(re.escape(w) for w in lex["plan_gap_words"])
    return re.compile(rf"\b(?:{words})\s+(?:(?:{gaps})\s+){{0,{PLAN_GAP_WORDS}}}(?:di-?)?$")


@cache
def _words(key: str) -> re.Pattern[str]:
    """A discourse.json word list as a whole-word regex (lower case)."""
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in load_json("discourse.json")[key]) + r")\b")


def classify_sentence(sent: Sentence, has_mode: bool, has_quota: bool, has_instrument: bool = False,
                      head_speaks: bool = False) -> str:
    """The kind of one sentence; ``head_speaks``: its reaction cues only attribute it to the region's
    own head ("Menurutnya, ..." after the mayor spoke), so they do not make it a reaction."""
    cue = cues()
    low = sent.lower
    if cue["private_cues"].search(low) and not _words("civil_servant_words").search(low):
        return "private"  # "perusahaan swasta ... karyawan", unless civil servants are named too
    if cue["school_cues"].search(low) and not _words("staff_words").search(low):
        return "school"
    if (prop := cue["proposal_cues"].search(low)) and not _approved(low, prop.start()):
        return "proposal"
    if cue["refusal_cues"].search(low):
        return "refusal"
    if cue["reaction_cues"].search(low) and not has_quota and not head_speaks:
        return "reaction"
    if has_mode and not has_quota and _personal(low):
        return "personal"  # "Beliau tetap bekerja dari rumah": one person, no rule for staff
    if (has_mode or has_quota) and (has_quota or cue["policy_verbs"].search(low)):
        return "rule"
    if has_instrument and cue["issuing_cues"].search(low) and cue["work_cues"].search(low):
        return "rule"  # "Menteri PANRB mengeluarkan peraturan Nomor 4 Tahun 2025 tentang ... fleksibel"
    if has_mode and cue["restated_rule"].search(low) and _CIVIL_SERVANTS.search(low):
        return "rule"  # "Sesuai SE MenPANRB, ASN di seluruh Indonesia WFH pada 16-17 April 2024."
    return "other"


_OPENING = re.compile(r"[\s\"“'‘(]*")


def _personal(low: str) -> bool:
    """The sentence is about one person: it opens with a personal pronoun ("beliau tetap bekerja dari rumah")
    or holds a personal state ("isolasi mandiri"), and names no group of staff."""
    if _words("group_words").search(low):
        return False
    subject = _words("personal_subjects").match(low, _OPENING.match(low).end())  # type: ignore[union-attr]
    if subject is not None and not _words("speech_verbs").search(low, subject.end(), subject.end() + 30):
        return True  # "beliau tetap bekerja dari rumah", not "ia menegaskan, ..."
    return bool(_words("personal_states").search(low))


def _approved(low: str, proposal_at: int) -> bool:
    """"Presiden menyetujui usulan ...": an approval verb before the proposal cue makes the proposal a
    decided rule, unless negated right before it ("belum menyetujui usulan")."""
    for m in _words("approval_cues").finditer(low, 0, proposal_at):
        before = low[max(0, m.start() - 20):m.start()].split()
        if not (before and _words("negators").fullmatch(before[-1])):
            return True
    return False


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
    texts = [td.classifier_text(k) for k in keys]
    return dict(zip(keys, score_paragraphs(texts), strict=True))
