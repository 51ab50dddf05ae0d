"""Spans -> policy records + the document line, with evidence for every value.

The assembler decides *whose* each fact is and *whether* a document sets a rule at all, one
module per decision:

1. ``units``: the sentences are the document's ``TextDoc`` units (paragraph breaks always split);
2. ``focus``: whose fact is it — every sentence gets a focus authority (its actor, else the
   running one; a circular's is its issuer);
3. ``rules``: is it a rule — every sentence is a rule, refusal, proposal, reaction, private,
   school or other sentence; the classifier scores the paragraphs of rule sentences (veto);
4. ``buckets``: which policy — per focus authority, the facts of its sentences; whether it sets
   a policy; its main and further periods;
5. ``records``: a record per policy with evidence and confidence, and the document line;
6. ``pipeline.archive.attach``: what the archive needs of each record (the kind of change it
   announces, an open end, a weekday recurrence, quota conditions).
"""

from __future__ import annotations

from collections.abc import Callable

from extractors.base import Context, Span
from extractors.textdoc import text_doc
from pipeline.archive.attach import attach_archive_fields
from pipeline.assemble.buckets import collect
from pipeline.assemble.focus import assign_focus
from pipeline.assemble.records import (
    CIRCULAR_LABELS,
    build_records,
    document_line,
    record_id,
    split_revocations,
)
from pipeline.assemble.rules import classify_sentences, paragraph_scores
from pipeline.assemble.units import SentenceIndex
from pipeline.models import DocumentLine, ParsedDoc, Record

__all__ = ["assemble", "record_id"]


def assemble(doc: ParsedDoc, ctx: Context, spans: dict[str, list[Span]],
             score_paragraphs: Callable[[list[str]], list[float]] | None = None,
             sha256: str | None = None) -> tuple[list[Record], DocumentLine]:
    """Build the records and the document line of one parsed document from its spans
    (``pipeline.extract.extract_one``); ``score_paragraphs`` is the policy classifier, if any."""
    circ = {label: spans[label][0] for label in CIRCULAR_LABELS if spans.get(label)}
    td = text_doc(doc.text, ctx)
    index = SentenceIndex(td)
    index.group(spans, ("authority", "official", "instrument", "mode", "quota", "date", "exemption"))
    reps = assign_focus(index, spans, circ.get("issuer"), doc.text)
    shares = [p for p in (ctx.results or {}).get("percent.v1", []) if p.value.kind == "report" and p.value.mode]
    classify_sentences(index, doc.kind, shares)
    buckets = collect(index, spans, reps, circ)
    records = build_records(doc, ctx, buckets, spans, circ, paragraph_scores(buckets, td, score_paragraphs))
    records = split_revocations(doc, attach_archive_fields(doc, records, spans), buckets)
    return records, document_line(doc, ctx, spans, circ, index, records, sha256)
