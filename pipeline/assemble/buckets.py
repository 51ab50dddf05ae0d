"""Which policy: the facts each authority collects, whether it sets a rule, and its periods.

Per focus authority, a bucket collects the quotas, modes and dates of its rule sentences (a
start/end date outside one counts when its sentence is about the rule), the exemptions, reasons
and officials of its sentences. An authority has a policy when it has a rule sentence; a
central body only when it acts (an issuing verb, its own instrument, a quota or an exemption),
not when it is merely cited. The main period is the best start and the best end not before it;
further explicit ranges after it are periods of their own.
"""

from __future__ import annotations

import re
from datetime import date

from extractors.base import DateMention, Span
from extractors.lexicon import load_json
from pipeline.assemble.focus import cited_authority, coordinators, item_authority
from pipeline.assemble.rules import about_a_rule, date_has_policy_role
from pipeline.assemble.units import Bucket, Sentence, SentenceIndex, cues, span_in

__all__ = ["collect", "extra_periods", "is_policy", "period"]


def collect(index: SentenceIndex, spans: dict[str, list[Span]], reps: dict[str, Span],
            circ: dict[str, Span]) -> dict[str, Bucket]:
    """The buckets of the authorities that have a rule sentence, filled with their facts."""
    buckets: dict[str, Bucket] = {}

    def bucket(aid: str | None) -> Bucket | None:
        if aid is None or aid not in reps:
            return None
        return buckets.setdefault(aid, Bucket(reps[aid]))

    for s in index.sentences:
        if s.kind == "rule":
            b = bucket(s.focus)
            if b is not None:
                b.rule_sentences.append(s)
    for s in index.sentences:
        if s.focus in buckets:
            buckets[s.focus].sentences.append(s)

    modes = spans.get("mode", [])
    signing = circ.get("signing")
    for label in ("quota", "exemption", "date", "reason", "mode"):
        for span in spans.get(label, []):
            sent = index.of(span)
            if sent is None:
                continue
            if label == "date" and signing is not None and signing.start <= span.start < signing.end:
                continue  # "Ditetapkan di ... pada tanggal ...": the signing date, kept in `signed`
            if label in ("quota", "mode", "date") and sent.kind != "rule" and not (
                    label == "date" and sent.kind == "other" and date_has_policy_role(span)
                    and (about_a_rule(sent, modes, spans.get("instrument", [])) or _after_rule(index, sent))):
                continue
            if label == "exemption" and sent.kind in ("private", "school", "proposal"):
                continue
            aid = item_authority(sent, span)
            if label in ("quota", "exemption") and sent.citations:
                cited = cited_authority(sent, span, aid)
                if cited != aid and cited in reps:
                    # the central rule's own quota or exemption, restated: that body's rule sentence too
                    aid = cited
                    b = bucket(aid)
                    if b is not None and sent.kind == "rule" and sent not in b.rule_sentences:
                        b.rule_sentences.append(sent)
                        b.sentences.append(sent)
            b = bucket(aid)
            if b is None:
                continue
            {"quota": b.quotas, "exemption": b.exemptions, "date": b.dates,
             "reason": b.reasons, "mode": b.modes}[label].append(span)

    # officials: those whose title names the authority, or (no body in the title) the sentence focus
    for o in spans.get("official", []):
        aid = o.value.authority_id
        if aid is None:
            holder = index.of(o)
            aid = holder.focus if holder else None
        b = buckets.get(aid) if aid else None
        if b is not None:
            b.officials.append(o)

    # a unit head (a Kepala Dinas) is the policy's official only when work is spoken of (a mode, "sistem
    # kerja", "fleksibilitas kerja") in the paragraph
    # of one of their mentions or in the UNIT_HEAD_PARAGRAPHS after it (an interview's answers follow its
    # introduction): the health chief quoted on ISPA cases in a haze article announces nothing
    mode_paras = {sent.para for m in spans.get("mode", []) if (sent := index.of(m)) is not None}
    mode_paras |= {sent.para for sent in index.sentences if cues()["work_cues"].search(sent.lower)
                   or _WORK_WORDS.search(sent.lower)}
    for b in buckets.values():
        b.officials = [o for o in b.officials if o.rule != "official.unit_head" or any(
            (sent := index.of(x)) is not None and mode_paras & set(range(sent.para, sent.para + UNIT_HEAD_PARAGRAPHS))
            for x in spans.get("official", []) if x.value.name == o.value.name)]

    # a circular's signatory is an official of its issuer
    issuer = circ.get("issuer")
    if issuer is not None and issuer.value.id in buckets:
        buckets[issuer.value.id].officials.extend(spans.get("signatory", []))
    elif issuer is None:  # a circular pasted into an article: its signer is an official of the head signed for
        for sg in spans.get("signatory", []):
            if sg.value.authority_id in buckets:
                buckets[sg.value.authority_id].officials.append(sg)
    return buckets


def _after_rule(index: SentenceIndex, sent: Sentence) -> bool:
    """'Pemkab Gresik menerapkan WFH bagi ASN. "Mulai Selasa besok sampai Rabu," kata Sekda.': a quoted statement
    (or a sentence of the rule's own paragraph) with no work mode of its own right after a rule sentence of the
    same focus gives that rule's period (dates.py
    already asked for a work-arrangement word near a start or end)."""
    n = index.position(sent)
    if n < 1:
        return False
    prev = index.sentences[n - 1]
    # also a plain sentence going on in the rule's paragraph ("... minimal 60 persen tetap masuk kantor.
    # Tanggalnya sama, 16 dan 17 Maret," kata Sekda), unless it tells the past ("pernah ... pada 2020") or a
    # condition
    plain = (prev.para == sent.para and not cues()["past_cues"].search(sent.lower)
             and not cues()["conditional_cues"].search(sent.lower))  # "Jika ..., maka waktu mudik ... 28 Maret"
    if not (_QUOTE_OPEN.match(sent.lower) or plain):
        return False
    return prev.kind == "rule" and prev.focus == sent.focus and not index.own(sent, "mode")


_QUOTE_OPEN = re.compile(r"\s*[\"“”]")  # a quoted statement: "\"Mulai Selasa besok sampai Rabu,\" kata Sekda"


UNIT_HEAD_PARAGRAPHS = 3  # a mention's own paragraph and the two after it
_WORK_WORDS = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in load_json("exemption_triggers.json")["work_words"])
                         + r")\b")

_DATE_GRANULARITY = {"day": 0, "week": 1, "month": 2}


def _pick_date(cands: list[tuple[str, Span]]) -> tuple[str, Span] | None:
    """Prefer the finest granularity, then the first mentioned."""
    if not cands:
        return None

    def gran(v: str) -> int:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
            return _DATE_GRANULARITY["day"]
        if "W" in v:
            return _DATE_GRANULARITY["week"]
        return _DATE_GRANULARITY["month"]

    return min(cands, key=lambda c: (gran(c[0]), c[1].start))


def period(bucket: Bucket) -> tuple[tuple[str, Span] | None, tuple[str, Span] | None]:
    """The rule's main period: the best start, and the best end not before it. A range's end
    only counts for the range's own start (another range is another period, see extra_periods)."""
    starts: list[tuple[str, Span]] = []
    for d in bucket.dates:
        v: DateMention = d.value
        if not v.superseded and v.role in ("start", "range", "recurring") and v.start:
            starts.append((v.start, d))  # a recurring rule's start is its first day, when given
        elif not v.superseded and d.rule == "date.duration" and v.start:
            starts.append((v.start, d))  # "selama satu hari, Selasa (8/4)": the duration's anchor
    start = _pick_date(starts)
    ends: list[tuple[str, Span]] = []
    for d in bucket.dates:
        v = d.value
        if v.superseded or not v.end or v.role not in ("end", "range"):
            continue
        if v.role == "range" and start is not None and v.start != start[0] and not _holds(v.start or "", start[0]):
            continue
        if start is not None and len(start[0]) == len(v.end) == 10 and v.end < start[0]:
            continue  # an end before the start belongs to something else
        ends.append((v.end, d))
    return start, _pick_date(ends)


def _holds(coarse: str, day: str) -> bool:
    """A month or ISO week ("2024-05", "2024-W16") that holds the day: "mulai 1 Mei ... berlaku selama Mei 2024"
    is one period, the month's end is the rule's end."""
    if len(day) != 10 or len(coarse) not in (7, 8):
        return False
    if "W" in coarse:
        y, w, _ = date.fromisoformat(day).isocalendar()
        return coarse == f"{y}-W{w:02d}"
    return day.startswith(coarse)


def extra_periods(bucket: Bucket, start: tuple[str, Span] | None) -> list[Span]:
    """Further explicit ranges of the same authority after the main start ("75 persen WFH selama
    KTT ASEAN 4-7 September" inside a two-month 50 % rule): each is a policy of its own."""
    if start is None:
        return []
    out: list[Span] = []
    for d in bucket.dates:
        v: DateMention = d.value
        if (v.role == "range" and not v.superseded and v.start and v.end and v.start != start[0]
                and len(v.start) == 10 and len(start[0]) == 10 and v.start > start[0]
                and all(o.value.start != v.start for o in out)):
            out.append(d)
    return out


def is_policy(aid: str, b: Bucket, instruments: list[Span]) -> bool:
    """Does this authority set a rule? A central body needs more than a rule sentence in its
    focus: a verb of issuing/enacting ("menerbitkan", "berlaku") or its own numbered
    instrument in its sentences, a quota or an exemption, or a rule sentence restating what an
    instrument sets ("Sesuai SE MenPANRB, ASN WFH ...") — being cited is not enough."""
    if not b.rule_sentences:
        return False
    if not aid.startswith("central:"):
        return True
    if b.quotas or b.exemptions:
        return True
    cue = cues()["central_policy_cues"]
    if any(cue.search(s.lower) for s in b.sentences):
        return True
    announced = cues()["announcing_cues"]  # "MenPANRB mengumumkan ASN WFH ...": the body acts; a coordinator
    if aid not in coordinators() and any(announced.search(s.lower) for s in b.rule_sentences):  # keeps today's rule
        return True
    restated = cues()["restated_rule"]  # "Sesuai SE MenPANRB, ASN WFH 16-17 April" (issue 10, class 4)
    if any(restated.search(s.lower) for s in b.rule_sentences):
        return True
    return any(i.value.authority_id == aid and any(span_in(s, i) for s in b.sentences) for i in instruments)


