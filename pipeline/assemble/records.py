"""Records and confidence: one ``Record`` per policy (and per further period), the document line.

Every value gets an ``Evidence`` with offsets into the cleaned text (and its PDF page). A
record's own instrument is one issued by its authority (a circular's own title/number first);
the other cited instruments are its legal basis. Confidence counts the kinds of evidence
backing the record (quotas, exemptions, a date, officials, its instrument), scaled by the
classifier's policy probability, as a raw score

    min(1, CONFIDENCE_BASE + CONFIDENCE_PER_KIND * kinds) * (1 - POLICY_WEIGHT + POLICY_WEIGHT * p_policy)

mapped through the fitted calibration (pipeline/ml/calibrate.py, models/calibration.json) and
multiplied by the OCR confidence (README "Confidence"). Quotas are merged to one value per
(mode, scope, percent) by ``extractors.quotas.merge_quotas``.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, timedelta

from extractors.base import Context, Span
from extractors.quotas import merge_quotas
from pipeline.assemble.buckets import extra_periods, is_policy, period
from pipeline.assemble.focus import item_authority
from pipeline.assemble.units import Bucket, SentenceIndex, cues
from pipeline.ml.calibrate import CONFIDENCE_BASE, CONFIDENCE_PER_KIND, POLICY_WEIGHT
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

__all__ = ["CIRCULAR_LABELS", "CONFIDENCE_BASE", "CONFIDENCE_PER_KIND", "POLICY_WEIGHT", "build_records",
           "confidence_of", "document_line", "evidence", "record_id", "split_revocations"]

PERIOD_QUOTA_WINDOW_CHARS = 300  # a further period takes the quotas on its line this close to its date
TITLE_MAX_CHARS = 300


def confidence_of(kinds: int, p_policy: float, ocr_confidence: float | None) -> float:
    """The record confidence (see the module docstring): the calibrated raw score times the OCR
    confidence, rounded to 3 places (``pipeline.ml.calibrate.confidence``)."""
    return calibrated_confidence(kinds, p_policy, ocr_confidence)


def build_records(doc: ParsedDoc, ctx: Context, buckets: dict[str, Bucket], spans: dict[str, list[Span]],
                  circ: dict[str, Span], para_scores: dict[int, float] | None) -> list[Record]:
    """A record per bucket that sets a policy (and the classifier does not veto), plus one per further period."""
    instrument_spans = [i for i in spans.get("instrument", []) if i.value.id]
    own_title = circ.get("circular_title")
    records: list[Record] = []
    for aid, b in buckets.items():
        if not is_policy(aid, b, instrument_spans):
            continue
        p_policy = 1.0
        if para_scores is not None:
            support = {s.para for s in b.rule_sentences}
            p_policy = max((para_scores.get(p, 0.0) for p in support), default=0.0)
        main = build_record(doc, ctx, aid, b, instrument_spans, own_title, circ, p_policy)
        if _hours_only(main, b):
            continue  # "Penyesuaian jam kerja ... tertuang dalam SE Bupati ...": office hours, no work location
        if p_policy < POLICY_THRESHOLD and backing(main) < (SOFT_VETO_BACKING if p_policy >= SOFT_VETO_FLOOR
                                                             else STRONG_BACKING):
            continue  # no supporting paragraph reads as a policy, and the rule itself says too little
        records.append(main)
        for extra in extra_periods(b, period(b)[0]):
            records.append(period_record(doc, main, extra, b))
    return records


# The classifier's veto is soft: a paragraph it doubts (0.35-0.5) still gives a record when the rule
# carries two kinds of its own backing (dates, a quota, exemptions, its instrument): scraped text that
# runs a whole article or a circular's numbered points into one paragraph reads as less of a policy.
SOFT_VETO_FLOOR = 0.35
SOFT_VETO_BACKING = 2
# Below the floor only a rule with four kinds of its own backing survives the veto ("BKPSDM Makassar ...
# dapat WFH maksimal 50 persen mulai Senin", its head named, exemptions listed): the classifier, trained on
# few paragraphs, misreads a rule told after a news event.
STRONG_BACKING = 4


def split_revocations(doc: ParsedDoc, records: list[Record], buckets: dict[str, Bucket]) -> list[Record]:
    """Each revocation whose article says since when the ended rule ran gives that rule a record of its own
    (``revoked_rule``); the revocation keeps the return to the office."""
    out: list[Record] = []
    for rec in records:
        b = buckets.get(rec.authority.id)
        revoked = revoked_rule(doc, rec, b) if b is not None else None
        if revoked is None:
            out.append(rec)
            continue
        out.append(revoked)
        out.append(rec.model_copy(update={
            "quotas": [q for q in rec.quotas if q.mode == "WFO"], "exemptions": [],
            "evidence": [e for e in rec.evidence if not e.field.startswith(("quotas", "exemptions"))]}))
    return out


def revoked_rule(doc: ParsedDoc, main: Record, b: Bucket) -> Record | None:
    """The rule a revocation ends, when the article says since when it ran ("mencabut kebijakan WFH ... yang
    berlaku sejak Senin (25/8/2025)"; "mulai 22 September seluruh ASN kembali WFO"): a record of its own from
    that start to the day before the revocation, with the revocation's away-mode quotas and exemptions (they
    describe the ended rule; the revocation record keeps the return to the office)."""
    start = main.effective.start
    if main.change != "revocation" or start is None or len(start) != 10:
        return None
    earlier = [d for d in b.dates if d.value.role in ("start", "range") and d.value.start
               and d.value.start < start[:len(d.value.start)] and len(d.value.start) in (7, 10)]
    if not earlier:
        return None
    # the earliest start, written as a day where the text gives one ("sejak akhir Agustus ... mulai 25/8")
    first = min(d.value.start for d in earlier)
    d = min(earlier, key=lambda d: (d.value.start[:7] != first[:7], -len(d.value.start), d.value.start))
    end = (date.fromisoformat(start) - timedelta(days=1)).isoformat()
    quotas = [q for q in main.quotas if q.mode != "WFO"]
    ev = [e for e in main.evidence if e.field != "effective.end" and not e.field.startswith("quotas")
          and e.field != "effective.start"]
    ev.append(evidence(doc.text, "effective.start", d, doc.pages))
    ev += [e.model_copy(update={"field": "effective.end"}) for e in main.evidence if e.field == "effective.start"]
    ev += [e.model_copy(update={"field": f"quotas[{quotas.index(q)}]"}) for q in quotas
           for e in main.evidence if e.field == f"quotas[{main.quotas.index(q)}]"]
    eff = Effective(start=d.value.start, end=end)
    return main.model_copy(update={
        "record_id": record_id(main.doc_id, main.authority.id, None, eff.start, eff.end),
        "effective": eff, "quotas": quotas, "change": None, "evidence": ev})


def _hours_only(record: Record, b: Bucket) -> bool:
    """A rule about office hours alone (discourse.json 'hours_cues': "jam kerja selama Ramadan"): no work mode,
    quota, exemption or period of its own, and its rule sentences speak of hours (annotations/README.md 8)."""
    if (record.modes or record.quotas or record.exemptions or record.effective.start or record.effective.end
            or record.effective.open_ended or record.change):
        return False
    return any(cues()["hours_cues"].search(s.lower) for s in b.rule_sentences)


def backing(record: Record) -> int:
    """Kinds of a rule's own backing: a period (start, end or open end), a quota, exemptions, an instrument."""
    eff = record.effective
    return (bool(eff.start or eff.end or eff.open_ended) + bool(record.quotas) + bool(record.exemptions)
            + bool(record.instrument) + bool(record.officials))


def document_line(doc: ParsedDoc, ctx: Context, spans: dict[str, list[Span]], circ: dict[str, Span],
                  index: SentenceIndex, records: list[Record], sha256: str | None) -> DocumentLine:
    """The document's line: metadata, observations (with their authority), every instrument cited."""
    text, raw = doc.text, doc.raw
    observations = []
    for o in spans.get("observation", []):
        s = index.of(o)
        aid = item_authority(s, o) if s else None
        observations.append(Observation(authority=aid, metric=o.value.metric, op=o.value.op,
                                        value=o.value.value,
                                        evidence=evidence(text, "observation", o, doc.pages)))
    seen: set[str] = set()
    doc_instruments = []
    instrument_spans = [i for i in spans.get("instrument", []) if i.value.id]
    for i in instrument_spans + [r.instrument for r in records if r.instrument]:  # type: ignore[operator]
        iid = i.value.id if isinstance(i, Span) else i.id
        if iid and iid not in seen:
            seen.add(iid)
            doc_instruments.append(DocInstrument(id=iid))
    return DocumentLine(
        doc_id=raw.doc_id, status="ok", kind=doc.kind, source=raw.source,
        title=doc.title or (first_line(text[circ["circular_title"].start:circ["circular_title"].end])
                            if "circular_title" in circ else first_line(text)), publisher=doc.publisher, url=raw.url,
        canonical_url=raw.canonical_url, urls=raw.urls,
        published=ctx.published.isoformat() if ctx.published else None,
        language="id", sha256=sha256, fetched_at=raw.fetched_at, http_status=raw.http_status,
        instruments=doc_instruments, observations=observations, records=len(records),
        text_chars=len(text),
        pages=doc.structure.get("page_count"), ocr_pages=len(doc.structure.get("ocr_pages", [])) or None,
        linked_documents=list(doc.structure.get("pdf_links", [])),
    )


CIRCULAR_LABELS = ("circular_title", "circular_instrument", "issuer", "signing", "signatory")


def record_id(doc_id: str, authority: str, instrument: str | None, start: str | None, end: str | None) -> str:
    """Stable id: sha256 of doc_id + authority + instrument + period (first 20 hex)."""
    key = "|".join([doc_id, authority, instrument or "", start or "", end or ""])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def evidence(text: str, field_name: str, span: Span, pages: list[tuple[int, int]] | None) -> Evidence:
    page = None
    if pages:
        for i, (a, b) in enumerate(pages, start=1):
            if a <= span.start < b:
                page = i
                break
    return Evidence(field=field_name, start=span.start, end=span.end, text=text[span.start:span.end],
                    rule=span.rule, page=page)


def period_record(doc: ParsedDoc, main: Record, d: Span, b: Bucket) -> Record:
    """A second period of the same authority: its own dates, the quotas stated in its sentence."""
    text = doc.text
    same_sentence = [q for q in b.quotas
                     if abs(q.start - d.start) < PERIOD_QUOTA_WINDOW_CHARS and _same_line(text, q.start, d.start)]
    quotas: list[Quota] = []
    ev = [e for e in main.evidence if e.field in ("authority",) or e.field.startswith(("officials", "reasons"))]
    for q in same_sentence:
        v = q.value
        item = Quota(mode=v.mode, op=v.op, percent=v.percent, scope=v.scope, notes=v.notes)
        if item not in quotas:
            ev.append(evidence(text, f"quotas[{len(quotas)}]", q, doc.pages))
            quotas.append(item)
    ev.append(evidence(text, "effective.start", d, doc.pages))
    ev.append(evidence(text, "effective.end", d, doc.pages))
    eff = Effective(start=d.value.start, end=d.value.end)
    return main.model_copy(update={
        "record_id": record_id(main.doc_id, main.authority.id, main.instrument.id if main.instrument else None,
                               eff.start, eff.end),
        "effective": eff, "quotas": quotas, "exemptions": [], "evidence": ev,
    })


def _same_line(text: str, a: int, b: int) -> bool:
    lo, hi = min(a, b), max(a, b)
    return "\n" not in text[lo:hi]


def first_line(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:TITLE_MAX_CHARS]
    return None


def build_record(doc: ParsedDoc, ctx: Context, aid: str, b: Bucket, instrument_spans: list[Span],
                  own_title: Span | None, circ: dict[str, Span], p_policy: float) -> Record:
    text = doc.text
    ev: list[Evidence] = []
    a = b.authority.value
    ev.append(evidence(text, "authority", b.authority, doc.pages))

    officials: list[Official] = []
    seen_names: set[str] = set()
    for o in b.officials:
        key = re.sub(r"[.\s]+", " ", o.value.name.lower()).strip()
        if key in seen_names:
            continue
        seen_names.add(key)
        ev.append(evidence(text, f"officials[{len(officials)}]", o, doc.pages))
        officials.append(Official(title=o.value.title, name=o.value.name))

    # the record's own instrument: one issued by this authority; the rest are its legal basis
    own: Instrument | None = None
    basis: list[Instrument] = []
    ci = circ.get("circular_instrument")
    if ci is not None and ci.value.id and (ci.value.authority_id in (None, aid)):
        v = ci.value
        own = Instrument(id=v.id, type=v.type, issuer=v.issuer, number=v.number, year=v.year)
        ev.append(evidence(text, "instrument", ci, doc.pages))
    for i in instrument_spans:
        v = i.value
        inst = Instrument(id=v.id, type=v.type, issuer=v.issuer, number=v.number, year=v.year)
        if own is None and v.authority_id == aid and doc.kind != "circular":
            own = inst
            ev.append(evidence(text, "instrument", i, doc.pages))
        elif all(x.id != v.id for x in basis) and (own is None or own.id != v.id):
            basis.append(inst)
            ev.append(evidence(text, f"legal_basis[{len(basis) - 1}]", i, doc.pages))
    if own_title is not None and own is None and isinstance(own_title.value, dict) and own_title.value.get("id"):
        t = own_title.value
        own = Instrument(id=t["id"], type=t.get("type", "SE"), issuer=t.get("issuer"),
                         number=t.get("number"), year=t.get("year"))
        ev.append(evidence(text, "instrument", own_title, doc.pages))
        basis = [x for x in basis if x.id != own.id]

    start, end = period(b)
    if start:
        ev.append(evidence(text, "effective.start", start[1], doc.pages))
    if end:
        ev.append(evidence(text, "effective.end", end[1], doc.pages))

    quotas: list[Quota] = []
    for q in merge_quotas(b.quotas, text):  # one value per (mode, scope): extractors/quotas.py
        v = q.value
        item = Quota(mode=v.mode, op=v.op, percent=v.percent, scope=v.scope, notes=v.notes)
        if item not in quotas:
            ev.append(evidence(text, f"quotas[{len(quotas)}]", q, doc.pages))
            quotas.append(item)

    exemptions: list[Exemption] = []
    for e in b.exemptions:
        if any(x.category == e.value.category for x in exemptions):
            continue
        ev.append(evidence(text, f"exemptions[{len(exemptions)}]", e, doc.pages))
        exemptions.append(Exemption(category=e.value.category, text=e.value.text))

    reasons: list[str] = []
    for r in b.reasons:
        if r.value.code not in reasons:
            ev.append(evidence(text, f"reasons[{len(reasons)}]", r, doc.pages))
            reasons.append(r.value.code)

    conditions: list[str] = []
    for d in b.dates:  # "setiap Kamis": a weekday rule, kept as a condition, no invented dates
        if d.value.role == "recurring":
            cond = text[d.start:d.end]
            if cond not in conditions:
                ev.append(evidence(text, f"conditions[{len(conditions)}]", d, doc.pages))
                conditions.append(cond)

    modes: list[str] = []
    for m in b.modes:
        if m.value not in modes:
            modes.append(m.value)
    for quota in quotas:
        if quota.mode not in modes:
            modes.append(quota.mode)

    signed = None
    if "signing" in circ and isinstance(circ["signing"].value, (str, dict)):
        sv = circ["signing"].value
        signed = sv if isinstance(sv, str) else sv.get("date")
        if signed:
            ev.append(evidence(text, "signed", circ["signing"], doc.pages))

    # Confidence: how many kinds of evidence back the record and the classifier's probability,
    # calibrated (pipeline/ml/calibrate.py), times the OCR confidence (README "Confidence").
    kinds = sum(bool(x) for x in (quotas, exemptions, start or end, officials, own))
    confidence = confidence_of(kinds, p_policy, doc.ocr_confidence)
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


