"""Spans -> policy records + the document line, with evidence for every value.

The assembler decides *whose* each fact is and *whether* a document sets a rule at all:

1. Split the text into sentences (paragraph breaks always split).
2. Give every sentence a **focus authority**: the authority it names as actor (an
   official's body, "Pemkot X", "Kementerian PANRB menerbitkan"), skipping authorities
   that only appear inside an instrument citation ("sejalan dengan SE Menteri PANRB ...");
   a sentence naming none inherits the focus of the one before (news prose keeps its
   subject across sentences). A circular has one focus: its issuer.
3. Classify every sentence: **rule** (a work mode or quota plus a policy verb, not a
   proposal, refusal, private-sector or school sentence), **refusal**, **proposal**, other.
4. Collect, per focus authority, the quotas, exemptions, dates, reasons and officials of its
   sentences; observations go to the document line.
5. An authority gets a record when it has a rule sentence (or a quota/exemption in one);
   a central body only when a rule sentence has it as actor, not when it is merely cited.
   The policy classifier (pipeline/ml/classify.py), when loaded, vetoes records none of whose
   paragraphs reads as a policy.
6. Each value gets an ``Evidence`` with offsets into the cleaned text.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from extractors.authority import WEAK_RULES, central_info
from extractors.base import AuthorityMention, Context, DateMention, InstrumentMention, Span
from extractors.lexicon import load_json
from extractors.quotas import merge_quotas
from pipeline.ml.calibrate import confidence as calibrated_confidence
from pipeline.ml.classify import POLICY_THRESHOLD
from pipeline.models import (
    Authority,
    DocInstrument,
    DocumentLine,
    Effective,
    Evidence,
    Exemption,
    Instrument,
    Observation,
    Official,
    ParsedDoc,
    Quota,
    Record,
)

__all__ = ["assemble", "record_id", "split_sentences"]

# Focus carries over at most this many sentences without a fresh mention: long enough for a
# quote that follows its speaker, short enough that a new topic does not inherit it.
FOCUS_CARRY_SENTENCES = 10
_ACTOR_RULE_PREFIXES = ("authority.gov", "authority.head", "authority.central", "authority.via_instrument")
_OBS_MODE = {"wfh_share": "WFH", "wfo_share": "WFO"}
_CIRCULAR_LABELS = ("circular_title", "circular_instrument", "issuer", "signing", "signatory")
_DATE_GRANULARITY = {"day": 0, "week": 1, "month": 2}
# Mentions that never make an authority the actor: a bare place name, the dateline city.
_NON_ACTOR_RULES = WEAK_RULES
# Mentions that name a place rather than a government ("Kabupaten Tangerang", "DKI Jakarta"):
# actors of their own sentence, but they take over the running focus only at the start of a
# sentence ("Adapun di Kabupaten Tangerang, ...").
_PLACE_RULES = ("authority.type_prefix", "authority.alias")
TOPIC_WINDOW_CHARS = 30  # "Adapun di Kabupaten Tangerang," starts within this many characters
# An authority right after one of these words is an object ("jauh dari Provinsi Jawa Barat",
# "masukan dari Menmaves", "kepada Luhut"), not the actor.
_OBJECT_BEFORE = re.compile(r"(?:\b(?:dari|ke|kepada|dengan|luar|oleh|terhadap|bersama|antara|menuju|asal|mantan|eks)\s+)$",
                            re.IGNORECASE)


@dataclass
class _Sentence:
    start: int
    end: int
    para: int
    lower: str
    focus: str | None = None
    cands: list[tuple[int, str, Span]] = field(default_factory=list)  # actor mentions, by position
    mentioned: set[str] = field(default_factory=set)  # every authority id named in it, any form
    kind: str = "other"  # "rule" | "refusal" | "proposal" | "reaction" | "private" | "school" | "other"


@dataclass
class _Bucket:
    """What one authority collects from its sentences."""

    authority: Span
    rule_sentences: list[_Sentence] = field(default_factory=list)
    sentences: list[_Sentence] = field(default_factory=list)  # every sentence in its focus
    quotas: list[Span] = field(default_factory=list)
    exemptions: list[Span] = field(default_factory=list)
    dates: list[Span] = field(default_factory=list)
    reasons: list[Span] = field(default_factory=list)
    officials: list[Span] = field(default_factory=list)
    modes: list[Span] = field(default_factory=list)


@cache
def _cues() -> dict[str, object]:
    lex = load_json("discourse.json")
    out: dict[str, object] = {}
    for key in ("policy_verbs", "proposal_cues", "refusal_cues", "private_cues", "school_cues",
                "central_policy_cues", "reaction_cues", "issuing_cues", "work_cues"):
        words = sorted(lex[key], key=len, reverse=True)
        out[key] = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")
    # "sesuai SE MenPANRB, ASN WFH ...": a cue right before an instrument word
    cues = "|".join(re.escape(w) for w in sorted(lex["restated_rule_cues"], key=len, reverse=True))
    inst = "|".join(re.escape(w) for w in sorted(lex["instrument_words"], key=len, reverse=True))
    out["restated_rule"] = re.compile(r"(?<!\w)(?:" + cues + r")\s+(?:" + inst + r")(?!\w)")
    out["abbreviations"] = frozenset(lex["abbreviations"])
    return out


_BOUNDARY = re.compile(r"[.!?][\"')\]]*\s+(?=[\"'(A-Z0-9])")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def _is_abbreviation(line: str, dot: int) -> bool:
    """Is the '.' at ``dot`` the end of an abbreviation or an initial ("No.", "Dr.", "R.")?"""
    if line[dot] != ".":
        return False
    m = _WORD_BEFORE.search(line, 0, dot)
    if not m:
        return False
    word = m.group(1).lower()
    return len(word) == 1 or word in _cues()["abbreviations"]  # type: ignore[operator]


def split_sentences(text: str) -> list[tuple[int, int, int]]:
    """(start, end, paragraph index) of each sentence; line breaks always end a sentence,
    blank lines start a new paragraph."""
    out: list[tuple[int, int, int]] = []
    para = 0
    pos = 0
    blank = False
    for line in text.split("\n"):
        if not line.strip():
            blank = True
            pos += len(line) + 1
            continue
        if blank and out:
            para += 1
        blank = False
        last = 0
        for m in _BOUNDARY.finditer(line):
            if _is_abbreviation(line, m.start()):
                continue
            if line[last:m.start() + 1].strip():
                out.append((pos + last, pos + m.start() + 1, para))
            last = m.end()
        if line[last:].strip():
            out.append((pos + last, pos + len(line.rstrip()), para))
        pos += len(line) + 1
    return out


def record_id(doc_id: str, authority: str, instrument: str | None, start: str | None, end: str | None) -> str:
    """Stable id: sha256 of doc_id + authority + instrument + period (first 20 hex)."""
    key = "|".join([doc_id, authority, instrument or "", start or "", end or ""])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def _inside(span: Span, spans: list[Span]) -> bool:
    return any(o.start <= span.start and span.end <= o.end and o is not span for o in spans)


def _in(sent: _Sentence, span: Span) -> bool:
    return sent.start <= span.start < sent.end


def _classify_sentence(sent: _Sentence, has_mode: bool, has_quota: bool, has_instrument: bool = False) -> str:
    cues = _cues()
    low = sent.lower
    if cues["private_cues"].search(low) and not re.search(r"\b(asn|pns|aparatur|pegawai negeri)\b", low):  # type: ignore[union-attr]
        return "private"
    if cues["school_cues"].search(low) and not re.search(r"\b(asn|pns|aparatur|pegawai)\b", low):  # type: ignore[union-attr]
        return "school"
    if cues["proposal_cues"].search(low):  # type: ignore[union-attr]
        return "proposal"
    if cues["refusal_cues"].search(low):  # type: ignore[union-attr]
        return "refusal"
    if cues["reaction_cues"].search(low) and not has_quota:  # type: ignore[union-attr]
        return "reaction"
    if (has_mode or has_quota) and (has_quota or cues["policy_verbs"].search(low)):  # type: ignore[union-attr]
        return "rule"
    if has_instrument and cues["issuing_cues"].search(low) and cues["work_cues"].search(low):  # type: ignore[union-attr]
        return "rule"  # "Menteri PANRB mengeluarkan peraturan Nomor 4 Tahun 2025 tentang ... fleksibel"
    if has_mode and cues["restated_rule"].search(low) and re.search(r"\b(asn|pns|aparatur)\b", low):  # type: ignore[union-attr]
        return "rule"  # "Sesuai SE MenPANRB, ASN di seluruh Indonesia WFH pada 16-17 April 2024."
    return "other"


def _focus_candidates(sent: _Sentence, authorities: list[Span], officials: list[Span],
                      instruments: list[Span], text: str) -> list[tuple[int, str, Span]]:
    """(position, authority id, span) of every actor-like authority mention in the sentence."""
    cands: list[tuple[int, str, Span]] = []
    for a in authorities:
        if (_in(sent, a) and not _inside(a, instruments) and a.rule not in _NON_ACTOR_RULES
                and not _is_object(text, a.start)):
            cands.append((a.start, a.value.id, a))
    for o in officials:
        if _in(sent, o) and o.value.authority_id and not _is_object(text, o.start):
            cands.append((o.start, o.value.authority_id, o))
    cands.sort(key=lambda c: c[0])
    return cands


def _is_object(text: str, start: int) -> bool:
    return bool(_OBJECT_BEFORE.search(text, max(0, start - 15), start))


def _central_instrument(sent: _Sentence, instruments: list[Span]) -> Span | None:
    for i in instruments:
        aid = i.value.authority_id
        if _in(sent, i) and aid and aid.startswith("central:"):
            return i
    return None


def _mention_of(aid: str, span: Span) -> Span | None:
    """A synthetic authority span for a central body known only through its instrument."""
    try:
        info = central_info(aid.split(":", 1)[1])
    except (KeyError, IndexError):
        return None
    return Span(span.start, span.end, "authority", AuthorityMention(aid, info["name"], "central"), "authority.via_instrument")


def _takes_focus(sent: _Sentence, span: Span) -> bool:
    """Does this mention become the running focus (not only the actor of its sentence)?"""
    if span.label == "official" or span.rule not in _PLACE_RULES:
        return True
    return span.start - sent.start <= TOPIC_WINDOW_CHARS


def _assign_focus(sentences: list[_Sentence], spans: dict[str, list[Span]], ctx: Context,
                  issuer: Span | None, text: str) -> dict[str, Span]:
    """Set ``sentence.focus``; return one representative authority span per id."""
    authorities = spans.get("authority", [])
    instruments = spans.get("instrument", [])
    reps: dict[str, Span] = {}
    for a in authorities:
        if a.rule not in _NON_ACTOR_RULES:
            reps.setdefault(a.value.id, a)
    if issuer is not None:
        reps[issuer.value.id] = issuer
        for s in sentences:
            s.focus = issuer.value.id
        return reps
    running: str | None = None
    age = 0
    for s in sentences:
        cands = s.cands
        age += 1
        if running is not None and running in s.mentioned:
            age = 0  # any mention of the authority in focus (even inside a citation) keeps it
        if age > FOCUS_CARRY_SENTENCES:
            running = None
        if cands:
            # the first actor in the sentence is its subject in Indonesian news prose
            s.focus = cands[0][1]
            for _, aid, span in cands:
                if _takes_focus(s, span):
                    running, age = aid, 0
                    break
            for _, aid, span in cands:
                if aid not in reps:
                    reps[aid] = span
        elif (inst := _central_instrument(s, instruments)) is not None:
            # "Hal ini seiring dengan penerbitan PermenPANRB No. 4/2025": with no actor named,
            # the rule's issuer acts; it carries on only where nothing else was in focus
            aid = inst.value.authority_id
            named = next((a for a in authorities if a.value.id == aid), None) or _mention_of(aid, inst)
            if named is not None:
                s.focus = aid
                reps.setdefault(aid, named)
                if running is None:
                    running, age = aid, 0
            else:
                s.focus = running
        else:
            s.focus = running
    # a sentence with no actor before any was named takes the actor of the next sentence
    # in its paragraph ("ASN kini bisa WFA. Hal ini seiring dengan PermenPANRB ...")
    for prev, nxt in zip(reversed(sentences[:-1]), reversed(sentences[1:]), strict=True):
        if prev.focus is None and nxt.focus is not None and prev.para == nxt.para:
            prev.focus = nxt.focus
    return reps


def _item_authority(sent: _Sentence, item: Span, spans: dict[str, list[Span]], text: str) -> str | None:
    """The authority an item belongs to: the nearest actor before it in its sentence, else the focus."""
    cands = sent.cands
    # only a government acting ("Pemkab X", "Bupati X", an official) claims the items after it;
    # a place or a unit in a list ("RSUD Pariaman", "Kabupaten Y") does not
    before = [c for c in cands if c[0] <= item.start and _claims_items(c[2])]
    if before:
        return before[-1][1]
    return sent.focus


_HEAD_ROLES = (("wali kota", "WALIKOTA"), ("walikota", "WALIKOTA"), ("walkot", "WALIKOTA"),
               ("bupati", "BUPATI"), ("gubernur", "GUBERNUR"))
_SIGNED_BETWEEN = re.compile(r"\b(?:diteken|ditandatangani|ditetapkan|diterbitkan|tertanggal|tanggal|teken)\b",
                             re.IGNORECASE)
SIGNING_GAP_CHARS = 60  # "Nomor 800/1450/SETDA yang ditandatangani Rabu (29/9/2021)"


def _complete_instruments(spans: dict[str, list[Span]], sentence_of, text: str) -> list[Span]:  # type: ignore[no-untyped-def]
    """Numbered citations the instrument rules could not finish from their own words:
    the year from the signing date right after ("Nomor 800/1450/SETDA yang ditandatangani Rabu
    (29/9/2021)"), the issuer from the regional head speaking in the sentence ("Wali Kota X
    mengatakan ... Surat Edaran Nomor 800.1.7/1187/2024 yang ia teken")."""
    from extractors.instruments import instrument_id

    out = []
    for i in spans.get("instrument", []):
        v = i.value
        if v.id or not v.number:
            out.append(i)
            continue
        s = sentence_of(i)
        issuer, authority_id, year = v.issuer, v.authority_id, v.year
        if year is None and s is not None:
            for d in spans.get("date", []):
                if (i.end <= d.start <= i.end + SIGNING_GAP_CHARS and d.start < s.end and d.value.start
                        and _SIGNED_BETWEEN.search(text, i.end, d.start)):
                    year = int(d.value.start[:4])
                    break
        if issuer is None and s is not None:
            for o in spans.get("official", []):
                aid = o.value.authority_id or ""
                title = o.value.title.lower()
                role = next((r for t, r in _HEAD_ROLES if t in title), None)
                if s.start <= o.start < s.end and aid.startswith("region:") and role and "wakil" not in title:
                    issuer, authority_id = f"{role}-{aid.split(':', 1)[1]}", aid
                    break
        new_id = instrument_id(v.type, issuer, v.number, year)
        if new_id:
            v = InstrumentMention(new_id, v.type, issuer, v.number, year, authority_id)
            i = Span(i.start, i.end, i.label, v, i.rule + "+context")
        out.append(i)
    return out


def _claims_items(span: Span) -> bool:
    return span.label == "official" or span.rule.startswith(_ACTOR_RULE_PREFIXES)


def _evidence(text: str, field_name: str, span: Span, pages: list[tuple[int, int]] | None) -> Evidence:
    page = None
    if pages:
        for i, (a, b) in enumerate(pages, start=1):
            if a <= span.start < b:
                page = i
                break
    return Evidence(field=field_name, start=span.start, end=span.end, text=text[span.start:span.end],
                    rule=span.rule, page=page)


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

    return sorted(cands, key=lambda c: (gran(c[0]), c[1].start))[0]


def _period(bucket: _Bucket) -> tuple[tuple[str, Span] | None, tuple[str, Span] | None]:
    """The rule's main period: the best start, and the best end not before it. A range's end
    only counts for the range's own start (another range is another period, see _extra_periods)."""
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
        if v.role == "range" and start is not None and v.start != start[0]:
            continue
        if start is not None and len(start[0]) == len(v.end) == 10 and v.end < start[0]:
            continue  # an end before the start belongs to something else
        ends.append((v.end, d))
    return start, _pick_date(ends)


def _extra_periods(bucket: _Bucket, start: tuple[str, Span] | None) -> list[Span]:
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


def assemble(doc: ParsedDoc, ctx: Context, spans: dict[str, list[Span]],
             score_paragraphs: Callable[[list[str]], list[float]] | None = None,
             sha256: str | None = None) -> tuple[list[Record], DocumentLine]:
    """Build the records and the document line of one parsed document."""
    text = doc.text
    raw = doc.raw
    circ = {label: spans[label][0] for label in _CIRCULAR_LABELS if spans.get(label)}
    issuer = circ.get("issuer")
    sentences = [_Sentence(s, e, p, text[s:e].lower()) for s, e, p in split_sentences(text)]
    starts = [s.start for s in sentences]

    def sentence_of(span: Span) -> _Sentence | None:
        i = bisect_right(starts, span.start) - 1
        return sentences[i] if i >= 0 and span.start < sentences[i].end else None

    per_sentence: dict[int, dict[str, list[Span]]] = {}
    for label in ("authority", "official", "instrument"):
        for span in spans.get(label, []):
            sent = sentence_of(span)
            if sent is not None:
                per_sentence.setdefault(id(sent), {}).setdefault(label, []).append(span)
    for label in ("mode", "quota"):
        for span in spans.get(label, []):
            sent = sentence_of(span)
            if sent is not None:
                per_sentence.setdefault(id(sent), {}).setdefault(label, []).append(span)
    for sent in sentences:
        own = per_sentence.get(id(sent), {})
        sent.mentioned = {a.value.id for a in own.get("authority", [])}
        sent.cands = _focus_candidates(sent, own.get("authority", []), own.get("official", []),
                                       own.get("instrument", []), text)
    reps = _assign_focus(sentences, spans, ctx, issuer, text)

    modes = spans.get("mode", [])
    quotas = spans.get("quota", [])
    # a percent read as a report is no rule, wherever else it is repeated ("30 Persen ASN WFH" in a
    # title restating "tercatat 30 persen ASN yang WFH")
    observed = spans.get("observation", [])
    reported = {(_OBS_MODE.get(o.value.metric), o.value.value) for o in observed}
    quotas_kept = [q for q in quotas
                   if not any(o.start < q.end and q.start < o.end for o in observed)
                   and not (q.value.op == "=" and (q.value.mode, q.value.percent) in reported)]
    spans = {**spans, "quota": quotas_kept}
    quotas = quotas_kept
    kept_quotas = {id(q) for q in quotas}
    for s in sentences:
        own = per_sentence.get(id(s), {})
        has_mode = bool(own.get("mode"))
        has_quota = any(id(q) in kept_quotas for q in own.get("quota", []))
        has_instrument = any(i.value.id for i in own.get("instrument", []))
        s.kind = _classify_sentence(s, has_mode, has_quota, has_instrument)
        if doc.kind == "circular" and s.kind == "other" and (has_mode or has_quota):
            s.kind = "rule"  # a clause of a circular is a rule by construction

    buckets: dict[str, _Bucket] = {}

    def bucket(aid: str | None) -> _Bucket | None:
        if aid is None or aid not in reps:
            return None
        return buckets.setdefault(aid, _Bucket(reps[aid]))

    for s in sentences:
        if s.kind == "rule":
            b = bucket(s.focus)
            if b is not None:
                b.rule_sentences.append(s)
    for s in sentences:
        if s.focus in buckets:
            buckets[s.focus].sentences.append(s)

    signing = circ.get("signing")
    table_rows = [q for q in quotas if q.rule.startswith("circular.")]
    for label in ("quota", "exemption", "date", "reason", "mode"):
        for span in spans.get(label, []):
            s = sentence_of(span)
            if s is None:
                continue
            if label == "date" and signing is not None and signing.start <= span.start < signing.end:
                continue  # "Ditetapkan di ... pada tanggal ...": the signing date, kept in `signed`
            if label == "quota" and not span.rule.startswith("circular.") and any(
                    t.start <= span.start < t.end or span.start <= t.start < span.end for t in table_rows):
                continue  # the table reader already read this row with its scope
            if label in ("quota", "mode", "date") and s.kind != "rule":
                if not (label == "date" and s.kind == "other" and _date_has_policy_role(span)
                        and _about_a_rule(s, modes, spans.get("instrument", []))):
                    continue
            if label == "exemption" and s.kind in ("private", "school", "proposal"):
                continue
            b = bucket(_item_authority(s, span, spans, text))
            if b is None:
                continue
            {"quota": b.quotas, "exemption": b.exemptions, "date": b.dates,
             "reason": b.reasons, "mode": b.modes}[label].append(span)

    # officials: those whose title names the authority, or (no body in the title) the sentence focus
    for o in spans.get("official", []):
        aid = o.value.authority_id
        if aid is None:
            s = sentence_of(o)
            aid = s.focus if s else None
        b = buckets.get(aid) if aid else None
        if b is not None:
            b.officials.append(o)

    # a circular's signatory is an official of its issuer
    if issuer is not None and issuer.value.id in buckets:
        buckets[issuer.value.id].officials.extend(spans.get("signatory", []))

    # paragraphs for the classifier veto
    para_scores: dict[int, float] | None = None
    if score_paragraphs is not None and buckets:
        paras: dict[int, list[_Sentence]] = {}
        for s in sentences:
            paras.setdefault(s.para, []).append(s)
        # score only the paragraphs that could support a record (their rule sentences)
        support = {s.para for b in buckets.values() for s in b.rule_sentences}
        keys = sorted(p for p in paras if p in support)
        texts = [text[paras[k][0].start:paras[k][-1].end] for k in keys]
        para_scores = dict(zip(keys, score_paragraphs(texts), strict=True))

    instrument_spans = [i for i in _complete_instruments(spans, sentence_of, text) if i.value.id]
    own_title = circ.get("circular_title")
    records: list[Record] = []
    for aid, b in buckets.items():
        if not _is_policy(aid, b, instrument_spans):
            continue
        p_policy = 1.0
        if para_scores is not None:
            support = {s.para for s in b.rule_sentences}
            p_policy = max((para_scores.get(p, 0.0) for p in support), default=0.0)
            if p_policy < POLICY_THRESHOLD:  # no supporting paragraph reads as a policy
                continue
        main = _build_record(doc, ctx, aid, b, instrument_spans, own_title, circ, p_policy)
        records.append(main)
        for extra in _extra_periods(b, _period(b)[0]):
            records.append(_period_record(doc, main, extra, b))

    observations = []
    for o in spans.get("observation", []):
        s = sentence_of(o)
        aid = _item_authority(s, o, spans, text) if s else None
        observations.append(Observation(authority=aid, metric=o.value.metric, op=o.value.op,
                                        value=o.value.value,
                                        evidence=_evidence(text, "observation", o, doc.pages)))
    seen: set[str] = set()
    doc_instruments = []
    for i in instrument_spans + [r.instrument for r in records if r.instrument]:  # type: ignore[operator]
        iid = i.value.id if isinstance(i, Span) else i.id
        if iid and iid not in seen:
            seen.add(iid)
            doc_instruments.append(DocInstrument(id=iid))
    line = DocumentLine(
        doc_id=raw.doc_id, status="ok", kind=doc.kind, source=raw.source,
        title=doc.title or (_first_line(text[circ["circular_title"].start:circ["circular_title"].end])
                            if "circular_title" in circ else _first_line(text)), publisher=doc.publisher, url=raw.url,
        canonical_url=raw.canonical_url, urls=raw.urls,
        published=ctx.published.isoformat() if ctx.published else None,
        language="id", sha256=sha256, fetched_at=raw.fetched_at, http_status=raw.http_status,
        instruments=doc_instruments, observations=observations, records=len(records),
        text_chars=len(text),
        pages=doc.structure.get("page_count"), ocr_pages=len(doc.structure.get("ocr_pages", [])) or None,
        linked_documents=list(doc.structure.get("pdf_links", [])),
    )
    return records, line


def _date_has_policy_role(span: Span) -> bool:
    return span.value.role in ("start", "end", "range", "recurring")


def _about_a_rule(s: _Sentence, modes: list[Span], instruments: list[Span]) -> bool:
    """A start/end date outside a rule sentence still counts when its sentence is about the rule:
    it names a work mode, an instrument, or uses a policy verb ("resmi berlaku per 21 April")."""
    return (any(_in(s, m) for m in modes) or any(_in(s, i) for i in instruments)
            or bool(_cues()["policy_verbs"].search(s.lower)))  # type: ignore[union-attr]


def _is_policy(aid: str, b: _Bucket, instruments: list[Span]) -> bool:
    """Does this authority set a rule? A central body needs more than a rule sentence in its
    focus: a verb of issuing/enacting ("menerbitkan", "berlaku") or its own numbered
    instrument in its sentences, a quota or an exemption — being cited is not enough."""
    if not b.rule_sentences:
        return False
    if not aid.startswith("central:"):
        return True
    if b.quotas or b.exemptions:
        return True
    cue = _cues()["central_policy_cues"]
    if any(cue.search(s.lower) for s in b.sentences):  # type: ignore[union-attr]
        return True
    restated = _cues()["restated_rule"]  # "Sesuai SE MenPANRB, ASN WFH 16-17 April" (issue 10, class 4)
    if any(restated.search(s.lower) for s in b.rule_sentences):  # type: ignore[union-attr]
        return True
    return any(i.value.authority_id == aid and any(_in(s, i) for s in b.sentences) for i in instruments)


def _period_record(doc: ParsedDoc, main: Record, d: Span, b: _Bucket) -> Record:
    """A second period of the same authority: its own dates, the quotas stated in its sentence."""
    text = doc.text
    same_sentence = [q for q in b.quotas if abs(q.start - d.start) < 300 and _same_line(text, q.start, d.start)]
    quotas = []
    ev = [e for e in main.evidence if e.field in ("authority",) or e.field.startswith(("officials", "reasons"))]
    for q in same_sentence:
        v = q.value
        item = Quota(mode=v.mode, op=v.op, percent=v.percent, scope=v.scope, notes=v.notes)
        if item not in quotas:
            ev.append(_evidence(text, f"quotas[{len(quotas)}]", q, doc.pages))
            quotas.append(item)
    ev.append(_evidence(text, "effective.start", d, doc.pages))
    ev.append(_evidence(text, "effective.end", d, doc.pages))
    eff = Effective(start=d.value.start, end=d.value.end)
    return main.model_copy(update={
        "record_id": record_id(main.doc_id, main.authority.id, main.instrument.id if main.instrument else None,
                               eff.start, eff.end),
        "effective": eff, "quotas": quotas, "exemptions": [], "evidence": ev,
    })


def _same_line(text: str, a: int, b: int) -> bool:
    lo, hi = min(a, b), max(a, b)
    return "\n" not in text[lo:hi]


def _first_line(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:300]
    return None


def _build_record(doc: ParsedDoc, ctx: Context, aid: str, b: _Bucket, instrument_spans: list[Span],
                  own_title: Span | None, circ: dict[str, Span], p_policy: float) -> Record:
    text = doc.text
    ev: list[Evidence] = []
    a = b.authority.value
    ev.append(_evidence(text, "authority", b.authority, doc.pages))

    officials: list[Official] = []
    seen_names: set[str] = set()
    for o in b.officials:
        key = re.sub(r"[.\s]+", " ", o.value.name.lower()).strip()
        if key in seen_names:
            continue
        seen_names.add(key)
        ev.append(_evidence(text, f"officials[{len(officials)}]", o, doc.pages))
        officials.append(Official(title=o.value.title, name=o.value.name))

    # the record's own instrument: one issued by this authority; the rest are its legal basis
    own: Instrument | None = None
    basis: list[Instrument] = []
    ci = circ.get("circular_instrument")
    if ci is not None and ci.value.id and (ci.value.authority_id in (None, aid)):
        v = ci.value
        own = Instrument(id=v.id, type=v.type, issuer=v.issuer, number=v.number, year=v.year)
        ev.append(_evidence(text, "instrument", ci, doc.pages))
    for i in instrument_spans:
        v = i.value
        inst = Instrument(id=v.id, type=v.type, issuer=v.issuer, number=v.number, year=v.year)
        if own is None and v.authority_id == aid and doc.kind != "circular":
            own = inst
            ev.append(_evidence(text, "instrument", i, doc.pages))
        elif all(x.id != v.id for x in basis) and (own is None or own.id != v.id):
            basis.append(inst)
            ev.append(_evidence(text, f"legal_basis[{len(basis) - 1}]", i, doc.pages))
    if own_title is not None and own is None and isinstance(own_title.value, dict) and own_title.value.get("id"):
        t = own_title.value
        own = Instrument(id=t["id"], type=t.get("type", "SE"), issuer=t.get("issuer"),
                         number=t.get("number"), year=t.get("year"))
        ev.append(_evidence(text, "instrument", own_title, doc.pages))
        basis = [x for x in basis if x.id != own.id]

    start, end = _period(b)
    if start:
        ev.append(_evidence(text, "effective.start", start[1], doc.pages))
    if end:
        ev.append(_evidence(text, "effective.end", end[1], doc.pages))

    quotas: list[Quota] = []
    for q in merge_quotas(b.quotas, text):  # one value per (mode, scope): extractors/quotas.py
        v = q.value
        item = Quota(mode=v.mode, op=v.op, percent=v.percent, scope=v.scope, notes=v.notes)
        if item not in quotas:
            ev.append(_evidence(text, f"quotas[{len(quotas)}]", q, doc.pages))
            quotas.append(item)

    exemptions: list[Exemption] = []
    for e in b.exemptions:
        if any(x.category == e.value.category for x in exemptions):
            continue
        ev.append(_evidence(text, f"exemptions[{len(exemptions)}]", e, doc.pages))
        exemptions.append(Exemption(category=e.value.category, text=e.value.text))

    reasons: list[str] = []
    for r in b.reasons:
        if r.value.code not in reasons:
            ev.append(_evidence(text, f"reasons[{len(reasons)}]", r, doc.pages))
            reasons.append(r.value.code)

    conditions: list[str] = []
    for d in b.dates:  # "setiap Kamis": a weekday rule, kept as a condition, no invented dates
        if d.value.role == "recurring":
            cond = text[d.start:d.end]
            if cond not in conditions:
                ev.append(_evidence(text, f"conditions[{len(conditions)}]", d, doc.pages))
                conditions.append(cond)

    modes: list[str] = []
    for m in b.modes:
        if m.value not in modes:
            modes.append(m.value)
    for q in quotas:
        if q.mode not in modes:
            modes.append(q.mode)

    signed = None
    if "signing" in circ and isinstance(circ["signing"].value, (str, dict)):
        sv = circ["signing"].value
        signed = sv if isinstance(sv, str) else sv.get("date")
        if signed:
            ev.append(_evidence(text, "signed", circ["signing"], doc.pages))

    # Confidence: how many kinds of evidence back the record and the classifier's probability,
    # calibrated (pipeline/ml/calibrate.py), times the OCR confidence (README "Confidence").
    kinds = sum(bool(x) for x in (quotas, exemptions, start or end, officials, own))
    confidence = calibrated_confidence(kinds, p_policy, doc.ocr_confidence)
    s_val = start[0] if start else None
    e_val = end[0] if end else None
    return Record(
        record_id=record_id(doc.raw.doc_id, aid, own.id if own else None, s_val, e_val),
        doc_id=doc.raw.doc_id,
        authority=Authority(id=aid, name=a.name, level=a.level),
        officials=officials, instrument=own, legal_basis=basis, modes=modes,  # type: ignore[arg-type]
        effective=Effective(start=s_val, end=e_val), quotas=quotas, exemptions=exemptions,
        conditions=conditions, reasons=reasons, signed=signed, confidence=confidence, evidence=ev,
    )
