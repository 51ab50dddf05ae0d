"""Put the archive's spans (extractors/changes.py) on the records of one document.

The one call the assembler makes (``records = attach_archive_fields(doc, records)``). A span
goes to the record whose own evidence (authority, instrument, period, quotas, ...; not its
legal basis) is nearest, within ``MAX_DISTANCE`` characters:

- ``change``: the kind of its earliest change cue (the lede states the news: "memperpanjang ...,
  yang mengubah SE ..." is an extension) -> ``Record.change`` (evidence field ``change``);
- ``open_ended``: a record with no end gets ``effective.open_ended = true``;
- ``recurrence``: the weekdays of its rules for a non-office mode (or with no mode) ->
  ``Record.recurrence``; a record whose only weekly rules are office days ("Senin-Rabu WFO")
  holds on the other working days;
- ``quota_condition``: each quota takes the condition written just before it in its sentence
  (within 80 characters; else just after it, within 40) -> ``quotas[i].condition``.
"""

from __future__ import annotations

import re

from extractors.base import Context, Span
from extractors.changes import extract_archive_spans
from pipeline.models import Evidence, ParsedDoc, Record, Recurrence

__all__ = ["MAX_DISTANCE", "attach_archive_fields"]

MAX_DISTANCE = 500
_WORKDAYS = ("mon", "tue", "wed", "thu", "fri")
_ORDER = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _anchors(rec: Record) -> list[tuple[int, int]]:
    return [(e.start, e.end) for e in rec.evidence if not e.field.startswith("legal_basis")]


def _distance(span: Span, anchors: list[tuple[int, int]]) -> int:
    return min((max(0, a - span.end, span.start - b) for a, b in anchors), default=10**9)


def _owner(span: Span, anchors: list[list[tuple[int, int]]]) -> int | None:
    best = min(range(len(anchors)), key=lambda i: (_distance(span, anchors[i]), i), default=None)
    if best is None or _distance(span, anchors[best]) > MAX_DISTANCE:
        return None
    return best


def _ev(text: str, name: str, span: Span, pages: list[tuple[int, int]] | None) -> Evidence:
    page = next((i + 1 for i, (a, b) in enumerate(pages or []) if a <= span.start < b), None)
    return Evidence(field=name, start=span.start, end=span.end, text=text[span.start:span.end], rule=span.rule,
                    page=page)


def _condition_for(text: str, q: Evidence, conds: list[Span]) -> Span | None:
    def same_sentence(a: int, b: int) -> bool:
        return not re.search(r"[.!?]\s|\n\s*\n", text[a:b])

    before = [c for c in conds if c.end <= q.start and q.start - c.end <= 80 and same_sentence(c.end, q.start)]
    if before:
        return max(before, key=lambda c: c.end)
    after = [c for c in conds if c.start >= q.end and c.start - q.end <= 40 and same_sentence(q.end, c.start)]
    return min(after, key=lambda c: c.start) if after else None


def attach_archive_fields(doc: ParsedDoc, records: list[Record],
                          spans: dict[str, list[Span]] | None = None) -> list[Record]:
    """The records with change, open_ended, recurrence and quota conditions filled where the text
    says so; ``spans``: the registry's spans of the document (the four labels are read from it,
    not extracted again), else they are extracted here."""
    if not records:
        return records
    text = doc.text
    if spans is not None:  # extractors/changes.py is registered: it ran with the others
        found = {label: spans.get(label, []) for label in ("change", "open_ended", "recurrence", "quota_condition")}
    else:
        found = extract_archive_spans(text, Context(kind=doc.kind))
    anchors = [_anchors(r) for r in records]
    owned: list[dict[str, list[Span]]] = [{} for _ in records]
    for label in ("change", "open_ended", "recurrence"):
        for span in found[label]:
            i = _owner(span, anchors)
            if i is not None:
                owned[i].setdefault(label, []).append(span)
    out: list[Record] = []
    for rec, mine in zip(records, owned, strict=True):
        ev = list(rec.evidence)
        update: dict[str, object] = {}
        if mine.get("change"):
            span = min(mine["change"], key=lambda s: s.start)  # the earliest: the lede states the news
            update["change"] = span.value
            ev.append(_ev(text, "change", span, doc.pages))
        if mine.get("open_ended") and rec.effective.end is None:
            span = mine["open_ended"][0]
            update["effective"] = rec.effective.model_copy(update={"open_ended": True})
            ev.append(_ev(text, "effective.open_ended", span, doc.pages))
        if mine.get("recurrence"):
            rules = mine["recurrence"]
            off = [s for s in rules if s.value.mode != "WFO"]
            if off:
                days = {d for s in off for d in s.value.days}
            else:
                days = set(_WORKDAYS) - {d for s in rules for d in s.value.days}
            if days:
                update["recurrence"] = Recurrence(days_of_week=[d for d in _ORDER if d in days])  # type: ignore[misc]
                ev += [_ev(text, "recurrence", s, doc.pages) for s in rules]
        if found["quota_condition"] and rec.quotas:
            quotas = list(rec.quotas)
            for e in rec.evidence:
                m = re.fullmatch(r"quotas\[(\d+)\]", e.field)
                if not m or int(m.group(1)) >= len(quotas):
                    continue
                cond = _condition_for(text, e, found["quota_condition"])
                if cond is not None:
                    i = int(m.group(1))
                    quotas[i] = quotas[i].model_copy(update={"condition": cond.value})
                    ev.append(_ev(text, f"quotas[{i}].condition", cond, doc.pages))
            update["quotas"] = quotas
        if update:
            update["evidence"] = ev
            rec = rec.model_copy(update=update)
        out.append(rec)
    return out
