"""Whose fact is it: the focus authority of every sentence, and the authority of an item.

Every sentence gets a **focus authority**: the authority it names as actor (an official's
body, "Pemkot X", "Kementerian PANRB menerbitkan"), skipping authorities that only appear
inside an instrument citation ("sejalan dengan SE Menteri PANRB ..."); a sentence naming none
inherits the running focus (news prose keeps its subject across sentences), or, before any,
the focus of the sentence before it in its paragraph. A circular has one focus: its issuer.
"""

from __future__ import annotations

import re
from functools import cache

from extractors.authority import WEAK_RULES, authority_by_id
from extractors.base import Span
from extractors.lexicon import load_json
from pipeline.assemble.units import Sentence, SentenceIndex, cues, inside, span_in

__all__ = ["CITATION_CUE_CHARS", "FOCUS_CARRY_SENTENCES", "OBJECT_LOOKBACK_CHARS", "TOPIC_WINDOW_CHARS", "assign_focus",
           "cited_authority", "coordinators", "item_authority", "restated_citations"]

OBJECT_LOOKBACK_CHARS = 15  # "masukan dari Menmaves": the preposition is within this many characters

# Focus carries over at most this many sentences without a fresh mention: long enough for a
# quote that follows its speaker, short enough that a new topic does not inherit it.
FOCUS_CARRY_SENTENCES = 10


_ACTOR_RULE_PREFIXES = ("authority.gov", "authority.head", "authority.central", "authority.via_instrument")


# Mentions that never make an authority the actor: a bare place name, the dateline city.
_NON_ACTOR_RULES = WEAK_RULES


# Mentions that name a place rather than a government ("Kabupaten Tangerang", "DKI Jakarta"):
# actors of their own sentence, but they take over the running focus only at the start of a
# sentence ("Adapun di Kabupaten Tangerang, ...").
_PLACE_RULES = ("authority.type_prefix", "authority.alias")


TOPIC_WINDOW_CHARS = 30  # "Adapun di Kabupaten Tangerang," starts within this many characters




def focus_candidates(sent: Sentence, authorities: list[Span], officials: list[Span],
                      instruments: list[Span], text: str) -> list[tuple[int, str, Span]]:
    """(position, authority id, span) of every actor-like authority mention in the sentence."""
    cands: list[tuple[int, str, Span]] = []
    for a in authorities:
        if (span_in(sent, a) and not inside(a, instruments) and a.rule not in _NON_ACTOR_RULES
                and not _is_object(text, a.start)):
            cands.append((a.start, a.value.id, a))
    for o in officials:
        if span_in(sent, o) and o.value.authority_id and not _is_object(text, o.start):
            cands.append((o.start, o.value.authority_id, o))
    cands.sort(key=lambda c: c[0])
    return cands


def _is_object(text: str, start: int) -> bool:
    """An authority right after "dari", "kepada", "oleh" ... (discourse.json 'object_before') is an
    object ("jauh dari Provinsi Jawa Barat", "masukan dari Menmaves", "kepada Luhut"), not the actor."""
    return bool(_object_before().search(text, max(0, start - OBJECT_LOOKBACK_CHARS), start))


@cache
def _object_before() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in load_json("discourse.json")["object_before"])
    return re.compile(rf"(?:\b(?:{words})\s+)$", re.IGNORECASE)


def _central_instrument(sent: Sentence, instruments: list[Span]) -> Span | None:
    for i in instruments:
        aid = i.value.authority_id
        if span_in(sent, i) and aid and aid.startswith("central:"):
            return i
    return None


def _mention_of(aid: str, span: Span) -> Span | None:
    """A synthetic authority span for a body known only through its instrument or an official's title
    ("Kepala BKPSDM Makassar, ..." with no other mention of the city)."""
    mention = authority_by_id(aid)
    if mention is None:
        return None
    rule = "authority.via_official" if span.label == "official" else "authority.via_instrument"
    return Span(span.start, span.end, "authority", mention, rule)


def _takes_focus(sent: Sentence, span: Span) -> bool:
    """Does this mention become the running focus (not only the actor of its sentence)?"""
    if span.label == "official" or span.rule not in _PLACE_RULES:
        return True
    return span.start - sent.start <= TOPIC_WINDOW_CHARS


def assign_focus(index: SentenceIndex, spans: dict[str, list[Span]], issuer: Span | None,
                 text: str) -> dict[str, Span]:
    """Set every sentence's actor candidates and ``focus``; return one representative authority
    span per id (``index`` has the authority, official and instrument spans grouped)."""
    sentences = index.sentences
    for sent in sentences:
        sent.mentioned = {a.value.id for a in index.own(sent, "authority")}
        sent.cands = focus_candidates(sent, index.own(sent, "authority"), index.own(sent, "official"),
                                      index.own(sent, "instrument"), text)
        sent.citations = restated_citations(sent, index.own(sent, "instrument"))
    _carry_citations(sentences)
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
    prev: Sentence | None = None
    # an article whose only actor is one authority (an interview, a brief) never changes topic to another
    single_actor = len({aid for s in sentences for _, aid, _ in s.cands}) == 1
    nobody: set[int] = set()  # sentences whose subject is the unnamed central government
    for s in sentences:
        cands = s.cands
        age += 1
        if running is not None and running in s.mentioned:
            age = 0  # any mention of the authority in focus (even inside a citation) keeps it
        if age > FOCUS_CARRY_SENTENCES and not single_actor:
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
                    rep = span if span.label == "authority" else _mention_of(aid, span)
                    if rep is not None:
                        reps[aid] = rep
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
        elif _central_unnamed(s.lower):
            s.focus = None  # "Pusat memberi ruang WFA mulai 24 Maret": not the region's rule; the focus carries on
            nobody.add(id(s))
        elif running is None and prev is not None and prev.para == s.para:
            # nothing in focus yet: the sentence continues the one before it in its paragraph
            # ("Pemko Medan memperketat ... Level 4. Jumlah ASN ... dibatasi maksimal 25 persen.")
            s.focus = prev.focus
        else:
            s.focus = running
        prev = s
    _subheads_introduce(sentences)
    # a sentence with no actor before any was named takes the actor of the next sentence
    # in its paragraph ("ASN kini bisa WFA. Hal ini seiring dengan PermenPANRB ...")
    for prev, nxt in zip(reversed(sentences[:-1]), reversed(sentences[1:]), strict=True):
        if prev.focus is None and nxt.focus is not None and prev.para == nxt.para and id(prev) not in nobody:
            prev.focus = nxt.focus
    _attribute_to_instrument_body(index, instruments, authorities, reps)
    return reps


@cache
def _central_subject_re() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in sorted(load_json("discourse.json")["central_generic_subjects"], key=len,
                                                   reverse=True))
    # an opening adverb and time phrase may come first ("Sebelumnya, pada masa PPKM Mikro, pemerintah pusat ...")
    return re.compile(rf"^[\W]*(?:(?:sementara|sebelumnya|namun|adapun|di sisi lain)\W+)?(?:pada\s[^,.]{{1,80}},\s*)?"
                      rf"(?:{words})(?!\w)")


def _central_unnamed(low: str) -> bool:
    """The sentence's subject is the central government, unnamed ("Pusat memberi ruang WFA ...")."""
    return _central_subject_re().match(low) is not None


SUBHEAD_MAX_CHARS = 90  # a news subheading ("Instansi pusat: WFO minimal 70 persen") is one short line
_SENTENCE_END = tuple('.!?"”’')


def _is_subhead(prev: Sentence | None, s: Sentence, nxt: Sentence) -> bool:
    """A paragraph of one short line with no sentence end: a subheading of the section below it."""
    return (len(s.lower) <= SUBHEAD_MAX_CHARS and not s.lower.rstrip().endswith(_SENTENCE_END)
            and (prev is None or prev.para != s.para) and nxt.para != s.para)


def _subheads_introduce(sentences: list[Sentence]) -> None:
    """A subheading with no actor of its own announces the section below it ("Instansi pusat: WFO minimal
    70 persen" over "Di tingkat pusat, KemenPANRB juga menerbitkan ..."): it takes the focus of the
    section's first sentence when that names an actor, not the running focus of the section above."""
    for i, s in enumerate(sentences[:-1]):
        nxt = sentences[i + 1]
        if not s.cands and nxt.cands and _is_subhead(sentences[i - 1] if i else None, s, nxt):
            s.focus = nxt.focus


# "Menko ... menyampaikan bahwa Kementerian PANRB akan menerbitkan surat edaran ...": the body this close
# before an issuing verb is the one whose instrument sets the rule, numbered or not
ISSUER_GAP_CHARS = 25
_ISSUING_AFTER = re.compile(r"[^.;\n]{0,%d}?\b(?:akan\s+|segera\s+|telah\s+|sudah\s+)?(?:menerbitkan|mengeluarkan|"
                            r"menetapkan|meneken|menandatangani)\b" % ISSUER_GAP_CHARS)


def _issuing_bodies(index: SentenceIndex, para: list[Sentence], coord: frozenset[str]) -> list[Span]:
    """Central bodies (not coordinators) named as the subject of an issuing verb in the paragraph."""
    out = []
    for s in para:
        for a in index.own(s, "authority"):
            aid = a.value.id
            if aid.startswith("central:") and aid not in coord and _ISSUING_AFTER.match(s.lower, a.end - s.start):
                out.append(a)
    return out


@cache
def coordinators() -> frozenset[str]:
    """Authority ids of the bodies flagged ``coordinator`` in central_bodies.json: the President,
    the Vice President and the coordinating ministers."""
    bodies = load_json("central_bodies.json")["bodies"]
    return frozenset(f"central:{b['slug']}" for b in bodies if b.get("coordinator"))


def _attribute_to_instrument_body(index: SentenceIndex, instruments: list[Span], authorities: list[Span],
                                  reps: dict[str, Span]) -> None:
    """A President or coordinating minister who announces, approves or asks for a rule that another
    central body's instrument sets ("Menko PMK mengumumkan ASN WFH 16-17 April sesuai SE Menteri PANRB",
    "Presiden menyetujui usulan ... yang dituangkan dalam SE MenPANRB") is not a separate authority
    with the same rule: the rule belongs to the instrument's body (taxonomy.md, issue 10 class 5).

    A coordinator in focus in a paragraph that cites another central body's instrument, and none of
    its own, hands that body its sentences (focus and actor mentions) throughout the document; its
    officials stay its own (they are not the body's officials). A coordinator citing no instrument
    keeps its sentences."""
    coord = coordinators()
    sentences = index.sentences
    by_para: dict[int, list[Sentence]] = {}
    for s in sentences:
        by_para.setdefault(s.para, []).append(s)
    handed: dict[str, str] = {}
    named: dict[str, Span] = {}
    for para in by_para.values():
        speakers = {s.focus for s in para if s.focus in coord}
        if not speakers:
            continue
        cited = [i for s in para for i in index.own(s, "instrument")
                 if (i.value.authority_id or "").startswith("central:")]
        own = {i.value.authority_id for i in cited}
        bodies = [i for i in cited if i.value.authority_id not in coord] or _issuing_bodies(index, para, coord)
        if not bodies:
            continue
        for c in speakers:
            if c in own or c in handed:
                continue  # its own instrument: its own rule ("Presiden meneken Perpres ...")
            body = bodies[0]
            handed[c] = body.value.id if body.label == "authority" else body.value.authority_id
            named.setdefault(handed[c], body)
    # "Kebijakan WFA tersebut diatur dalam SE MenPANRB ...": the rule the coordinator announced
    # anywhere in the document is that instrument's, unless it cites an instrument of its own
    embodied = [i for s in sentences if cues()["embodied_in"].search(s.lower) for i in index.own(s, "instrument")
                if (i.value.authority_id or "").startswith("central:") and i.value.authority_id not in coord]
    if embodied:
        owners = {i.value.authority_id for i in instruments}
        for c in {s.focus for s in sentences if s.focus in coord} - owners - set(handed):
            handed[c] = embodied[0].value.authority_id
            named.setdefault(handed[c], embodied[0])
    if not handed:
        return
    for aid, inst in named.items():
        rep = next((a for a in authorities if a.value.id == aid), None) or _mention_of(aid, inst)
        if rep is not None:
            reps.setdefault(aid, rep)
    for s in sentences:
        if s.focus in handed and handed[s.focus] in reps:
            s.focus = handed[s.focus]
        s.cands = [(pos, handed[aid] if aid in handed and handed[aid] in reps else aid, span)
                   for pos, aid, span in s.cands]


# "sesuai dengan SE": the restated-rule cue ends within this many characters before the citation
CITATION_CUE_CHARS = 30


def restated_citations(sent: Sentence, instruments: list[Span]) -> list[tuple[int, str]]:
    """(end, body) of every central instrument cited as the source of what follows ("Sesuai SE
    MenPANRB Nomor 1 Tahun 2024, ... maksimal 50 persen"): a restated-rule cue right before it."""
    out = []
    for i in instruments:
        aid = i.value.authority_id
        if not (aid or "").startswith("central:") or not span_in(sent, i):
            continue
        head = sent.lower[max(0, i.start - sent.start - CITATION_CUE_CHARS):i.start - sent.start]
        if cues()["restated_before"].search(head):
            out.append((i.end, aid))
    return out


def _carry_citations(sentences: list[Sentence]) -> None:
    """A sentence with no actor of its own that follows a restated rule in its paragraph goes on
    restating it ("Dalam SE MenPANRB itu, ... paling banyak 50 persen. Sementara unit pelayanan
    langsung tetap bekerja di kantor 100 persen."): it cites the same body, from its start."""
    for prev, s in zip(sentences, sentences[1:], strict=False):
        if s.citations or s.cands or prev.para != s.para or not prev.citations:
            continue
        end, body = prev.citations[-1]
        if any(pos >= end for pos, _, _ in prev.cands):
            continue  # an actor after the citation took the rule over ("..., Pemkot X menerapkan")
        s.citations = [(s.start, body)]


def cited_authority(sent: Sentence, item: Span, default: str | None) -> str | None:
    """The body whose instrument a quota or exemption restates: "Sesuai SE MenPANRB ..., maksimal 50
    persen" gives the ministry's quota, not the region's that repeats it (issue 10 class 5), when the
    citation is the last thing before the item that could claim it (no actor named between them:
    "Mengacu pada SE MenPANRB, Pemkot X menerapkan ... 50 persen" is the region's own)."""
    cited = [c for c in sent.citations if c[0] <= item.start]
    if not cited:
        return default
    actors = [c for c in sent.cands if c[0] <= item.start and _claims_items(c[2])]
    if actors and actors[-1][0] > cited[-1][0]:
        return default
    return cited[-1][1]


def item_authority(sent: Sentence, item: Span) -> str | None:
    """The authority an item belongs to: the nearest actor before it in its sentence, else the focus."""
    cands = sent.cands
    # only a government acting ("Pemkab X", "Bupati X", an official) claims the items after it;
    # a place or a unit in a list ("RSUD Pariaman", "Kabupaten Y") does not
    before = [c for c in cands if c[0] <= item.start and _claims_items(c[2])]
    if before:
        return before[-1][1]
    return sent.focus


def _claims_items(span: Span) -> bool:
    return span.label == "official" or span.rule.startswith(_ACTOR_RULE_PREFIXES)


