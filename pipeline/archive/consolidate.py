"""Records -> policies: one entry per real policy with every source (pure functions, no I/O).

Consolidation works one authority at a time (the unit the archive recomputes when a document
of that authority is added, changed or removed), and is a function of the *set* of records:
the same records in any order give the same policies with the same ids.

Grouping (docs/archive.md "Consolidation"):

1. records naming the same instrument are one policy: ``pol-`` + hash(authority, instrument);
2. a record without an instrument joins the instrument policy whose period overlaps or touches
   its own and whose rules are compatible (smallest instrument id first);
3. the remaining records without an instrument are swept in (start day, record_id) order: a
   record joins the first earlier cluster whose period overlaps or is adjacent and whose rules
   are compatible, else it starts a cluster: ``pol-`` + hash(authority, first day, change kind).
   A record with no date at all is a policy of its own (hash of its record_id).

Compatible = the same kind of change and, when both name modes, at least one mode in common.
For matching only, a record without an end lasts ``MATCH_DAYS`` from its start.

Where sources disagree on a period end, every value is kept with its sources (``conflicts``) and
the value of the best source is chosen: a circular's own text beats news; then the
later-published; then the more specific (day > week > month); then the smaller doc_id.

Chains: a policy announcing an extension / amendment / revocation links (``extends`` / ``amends``
/ ``revokes``) to the policy of the same authority whose instrument it cites, else to the latest
policy of that authority starting before it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from pipeline.archive.models import (
    HORIZON_DAYS,
    Conflict,
    ConflictValue,
    Policy,
    PolicyAuthority,
    PolicyEffective,
    PolicyExemption,
    PolicyLink,
    PolicyQuota,
    PolicySource,
    Recurrence,
)

__all__ = [
    "CHOICE_RULE",
    "MATCH_DAYS",
    "ChainItem",
    "SourceRecord",
    "apply_chain",
    "chain",
    "chain_item",
    "consolidate_authority",
    "match_span",
    "normalise_period",
    "parent_of",
    "policy_in_force",
    "regroup",
]

MATCH_DAYS = 30
CHOICE_RULE = "circular-over-news, then later-published, then more-specific"
_MODES = ("WFO", "WFH", "WFA", "WFF")
_LINK = {"extension": "extends", "amendment": "amends", "revocation": "revokes"}
_PRECISION_RANK = {"day": 3, "week": 2, "month": 1, None: 0}
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class SourceRecord:
    """One record with what the archive knows about its document."""

    record: dict[str, Any]  # the Record JSON
    genre: str | None = None  # document kind: "news" | "circular"
    published: str | None = None
    url: str | None = None
    publisher: str | None = None

    @property
    def record_id(self) -> str:
        return str(self.record["record_id"])

    @property
    def doc_id(self) -> str:
        return str(self.record["doc_id"])


def parent_of(authority_id: str, level: str) -> str | None:
    """The province of a kota/kabupaten ('region:32.73' -> 'region:32'); None otherwise."""
    if level in ("kota", "kabupaten") and authority_id.startswith("region:") and "." in authority_id:
        return authority_id.split(".", 1)[0]
    return None


def _day(value: str | None, end: bool) -> tuple[str | None, str | None]:
    """'2024-04-16' | '2023-W35' | '2023-09' -> (ISO day, precision); a week/month end is its last day."""
    if not value:
        return None, None
    try:
        if len(value) == 10:
            return date.fromisoformat(value).isoformat(), "day"
        if "-W" in value:
            yw = value.split("-W")
            monday = date.fromisocalendar(int(yw[0]), int(yw[1]), 1)
            return (monday + timedelta(days=6) if end else monday).isoformat(), "week"
        if len(value) == 7:
            year, month = int(value[:4]), int(value[5:7])
            first = date(year, month, 1)
            if not end:
                return first.isoformat(), "month"
            nxt = date(year + int(month == 12), month % 12 + 1, 1)
            return (nxt - timedelta(days=1)).isoformat(), "month"
    except ValueError:
        return None, None
    return None, None


def normalise_period(effective: dict[str, Any]) -> tuple[str | None, str | None, str | None, str | None]:
    """A record's ``effective`` -> (from_day, from_precision, to_day, to_precision)."""
    f, fp = _day(effective.get("start"), end=False)
    t, tp = _day(effective.get("end"), end=True)
    return f, fp, t, tp


def _hash(*parts: str | None) -> str:
    return "pol-" + hashlib.sha256("|".join(p or "" for p in parts).encode()).hexdigest()[:16]


def _interval(sr: SourceRecord) -> tuple[date, date] | None:
    f, _, t, _ = normalise_period(sr.record.get("effective") or {})
    if f is None and t is None:
        return None
    start = date.fromisoformat(f or t)  # type: ignore[arg-type]
    end = date.fromisoformat(t) if t else start + timedelta(days=MATCH_DAYS - 1)
    return start, max(start, end)


def _change(sr: SourceRecord) -> str:
    return sr.record.get("change") or "new"


def _compatible(a: SourceRecord, b: SourceRecord) -> bool:
    if _change(a) != _change(b):
        return False
    ma, mb = set(a.record.get("modes") or ()), set(b.record.get("modes") or ())
    return not ma or not mb or bool(ma & mb)


def _touch(a: tuple[date, date], b: tuple[date, date]) -> bool:
    return a[0] <= b[1] + timedelta(days=1) and b[0] <= a[1] + timedelta(days=1)


def _group(rows: list[SourceRecord]) -> list[tuple[str, str | None, list[SourceRecord]]]:
    """(policy_id, instrument, members) for one authority's records."""
    authority = rows[0].record["authority"]["id"]
    by_inst: dict[str, list[SourceRecord]] = {}
    loose: list[SourceRecord] = []
    for sr in sorted(rows, key=lambda r: r.record_id):
        inst = (sr.record.get("instrument") or {}).get("id")
        (by_inst.setdefault(inst, []) if inst else loose).append(sr)
    # 2. loose records join an overlapping, compatible instrument policy
    spans = {inst: [iv for iv in map(_interval, members) if iv] for inst, members in by_inst.items()}
    still: list[SourceRecord] = []
    for sr in loose:
        iv = _interval(sr)
        home = None
        if iv is not None:
            for inst in sorted(by_inst):
                if any(_touch(iv, other) for other in spans[inst]) and \
                        any(_compatible(sr, m) for m in by_inst[inst]):
                    home = inst
                    break
        if home is None:
            still.append(sr)
        else:
            by_inst[home].append(sr)
    out: list[tuple[str, str | None, list[SourceRecord]]] = [
        (_hash(authority, inst), inst, members) for inst, members in by_inst.items()]
    # 3. the rest: connected components of "periods touch and rules compatible" (order-free, local)
    dated = sorted(((iv, sr) for sr in still if (iv := _interval(sr)) is not None),
                   key=lambda x: (x[0][0], x[1].record_id))
    parent = list(range(len(dated)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    active: list[int] = []  # records whose period may still touch a later-starting one
    for j, (iv, sr) in enumerate(dated):
        active = [i for i in active if dated[i][0][1] + timedelta(days=1) >= iv[0]]
        for i in active:
            if _compatible(dated[i][1], sr):
                parent[find(j)] = find(i)
        active.append(j)
    comps: dict[int, list[int]] = {}
    for j in range(len(dated)):
        comps.setdefault(find(j), []).append(j)
    for idx in comps.values():
        first_iv, first = dated[min(idx)]  # earliest start, then smallest record_id
        out.append((_hash(authority, None, first_iv[0].isoformat(), _change(first), first.record_id), None,
                    [dated[i][1] for i in idx]))
    for sr in still:
        if _interval(sr) is None:
            out.append((_hash(authority, None, "record", sr.record_id), None, [sr]))
    return out


def match_span(members: list[SourceRecord]) -> tuple[str | None, str | None]:
    """First and last day any member's matching period covers (None when no member is dated)."""
    ivs = [iv for iv in map(_interval, members) if iv]
    if not ivs:
        return None, None
    return min(a for a, _ in ivs).isoformat(), max(b for _, b in ivs).isoformat()


def _rank(sr: SourceRecord, precision: str | None = None) -> tuple[int, str, int, str]:
    """Higher is better: circular, later published, more specific, then (for determinism) doc_id."""
    return (int(sr.genre == "circular"), sr.published or "", _PRECISION_RANK.get(precision, 0),
            # invert doc_id so that max() picks the smallest one
            "".join(chr(0x10FFFF - ord(c)) for c in sr.doc_id))


def _choose(members: list[SourceRecord], field: str, idx: int) -> tuple[str | None, str | None, Conflict | None]:
    """Value + precision of one period end; a Conflict when the sources disagree."""
    seen: dict[str, list[str]] = {}
    best: tuple[tuple[int, str, int, str], str, str | None] | None = None
    for sr in members:
        norm = normalise_period(sr.record.get("effective") or {})
        value, precision = norm[idx], norm[idx + 1]
        if value is None:
            continue
        seen.setdefault(value, []).append(sr.doc_id)
        rank = _rank(sr, precision)
        if best is None or rank > best[0]:
            best = (rank, value, precision)
    if best is None:
        return None, None, None
    conflict = None
    if len(seen) > 1:
        conflict = Conflict(field=field, chosen=best[1], rule=CHOICE_RULE, values=[
            ConflictValue(value=v, sources=sorted(set(docs))) for v, docs in sorted(seen.items())])
    return best[1], best[2], conflict


def _published_plus(members: list[SourceRecord], from_day: str | None) -> str | None:
    days = sorted(p[:10] for sr in members if (p := sr.published))
    base = days[-1] if days else from_day
    try:
        return (date.fromisoformat(base) + timedelta(days=HORIZON_DAYS)).isoformat() if base else None
    except ValueError:
        return None


def _build(policy_id: str, instrument: str | None, members: list[SourceRecord]) -> Policy:
    members = sorted(members, key=lambda m: m.record_id)
    best = max(members, key=_rank)
    auth = best.record["authority"]
    from_day, from_p, c1 = _choose(members, "effective.from_day", 0)
    to_day, to_p, c2 = _choose(members, "effective.to_day", 2)
    if from_day and to_day and to_day < from_day:  # contradictory sources: keep the start, drop the end
        to_day, to_p = None, None
    open_ended = to_day is None and any((m.record.get("effective") or {}).get("open_ended") for m in members)
    recurrence = None
    days = {d for m in members for d in ((m.record.get("recurrence") or {}).get("days_of_week") or ())}
    if days:
        recurrence = Recurrence(days_of_week=[d for d in _WEEKDAYS if d in days])  # type: ignore[misc]
    horizon = _published_plus(members, from_day) if to_day is None and not open_ended else None
    with_quotas = [m for m in members if m.record.get("quotas")]
    quotas: list[PolicyQuota] = []
    if with_quotas:
        seen_q = set()
        for q in max(with_quotas, key=_rank).record["quotas"]:
            pq = PolicyQuota(mode=q["mode"], op=q["op"], percent=q["percent"], scope=q["scope"],
                             condition=q.get("condition"))
            key = pq.model_dump_json()
            if key not in seen_q:
                seen_q.add(key)
                quotas.append(pq)
    modes = {md for m in members for md in m.record.get("modes") or ()}
    legal = {lb["id"] for m in members for lb in m.record.get("legal_basis") or () if lb.get("id")}
    legal.discard(instrument)
    return Policy(
        policy_id=policy_id,
        authority=PolicyAuthority(id=auth["id"], name=auth["name"], level=auth["level"],
                                  parent=parent_of(auth["id"], auth["level"])),
        change=best.record.get("change") or "new",
        effective=PolicyEffective(from_day=from_day, from_precision=from_p, to_day=to_day,  # type: ignore[arg-type]
                                  to_precision=to_p, open_ended=open_ended, horizon_day=horizon,  # type: ignore[arg-type]
                                  recurrence=recurrence),
        modes=[md for md in _MODES if md in modes],  # type: ignore[misc]
        quotas=quotas,
        exemptions=[PolicyExemption(category=c) for c in
                    sorted({e["category"] for m in members for e in m.record.get("exemptions") or ()})],
        instrument=instrument,
        legal_basis=sorted(legal),
        conflicts=[c for c in (c1, c2) if c is not None],
        reasons=sorted({r for m in members for r in m.record.get("reasons") or ()}),
        confidence=max(float(m.record.get("confidence") or 0) for m in members),
        sources=[PolicySource(doc_id=m.doc_id, record_id=m.record_id, url=m.url, publisher=m.publisher,
                              published=m.published, genre=m.genre)
                 for m in sorted(members, key=lambda m: (m.published or "", m.doc_id, m.record_id))],
    )


@dataclass(frozen=True)
class ChainItem:
    """What linking needs of a policy: id, kind of change, own period (before any inference), instruments."""

    policy_id: str
    change: str
    own_from: str | None
    to_day: str | None
    instrument: str | None
    cites: tuple[str, ...] = ()


def chain(items: list[ChainItem]) -> dict[str, tuple[tuple[str, str] | None, str | None]]:
    """policy_id -> ((link type, target id) or None, from_day) for every policy of one authority.

    A change links to the policy whose instrument it cites (the latest such), else to the latest
    policy starting before it that is not itself a revocation; an extension without a start of its
    own starts the day after the end of the policy it extends. Uses only each policy's own values,
    so the answer does not depend on the order of the policies."""
    by_inst: dict[str, list[ChainItem]] = {}
    for it in items:
        if it.instrument:
            by_inst.setdefault(it.instrument, []).append(it)
    start: dict[str, str | None] = {it.policy_id: it.own_from for it in items}

    def key(q: ChainItem) -> tuple[str, str]:
        return (start[q.policy_id] or q.to_day or "", q.policy_id)

    def target_of(p: ChainItem) -> ChainItem | None:
        cited = [q for i in p.cites for q in by_inst.get(i, ()) if q.policy_id != p.policy_id]
        if cited:
            return max(cited, key=key)
        begin = start[p.policy_id] or p.to_day
        earlier = [q for q in sorted(items, key=key) if q.policy_id != p.policy_id and q.change != "revocation"
                   and (begin is None or (start[q.policy_id] or q.to_day or "") < begin)]
        return earlier[-1] if earlier else None

    out: dict[str, tuple[tuple[str, str] | None, str | None]] = {}
    # pass 1, extensions on their own values; pass 2, the other changes, with the extensions' inferred starts
    for kinds in (("extension",), ("amendment", "revocation")):
        found = {p.policy_id: target_of(p) for p in items if p.change in kinds}
        for p in items:
            if p.change not in kinds:
                continue
            target = found[p.policy_id]
            if target is not None and p.change == "extension" and p.own_from is None and target.to_day:
                # "diperpanjang sampai 30 April": the extension starts the day after the old end
                start[p.policy_id] = (date.fromisoformat(target.to_day) + timedelta(days=1)).isoformat()
            out[p.policy_id] = ((_LINK[p.change], target.policy_id) if target is not None else None, start[p.policy_id])
    for p in items:
        out.setdefault(p.policy_id, (None, p.own_from))
    return out


def chain_item(p: Policy, own_from: str | None) -> ChainItem:
    return ChainItem(p.policy_id, p.change, own_from, p.effective.to_day, p.instrument, tuple(p.legal_basis))


def apply_chain(p: Policy, link: tuple[str, str] | None, from_day: str | None) -> bool:
    """Set a policy's chain link and (inferred) start; True when it changed."""
    links = [PolicyLink(type=link[0], policy_id=link[1])] if link else []  # type: ignore[arg-type]
    if p.links == links and p.effective.from_day == from_day:
        return False
    p.links = links
    if p.effective.from_day != from_day:
        p.effective.from_day, p.effective.from_precision = from_day, ("day" if from_day else None)
    return True


def consolidate_authority(rows: Iterable[SourceRecord]) -> list[Policy]:
    """Every policy of one authority from all of its records, sorted by policy_id."""
    rows = list(rows)
    if not rows:
        return []
    policies = [_build(pid, inst, members) for pid, inst, members in _group(rows)]
    links = chain([chain_item(p, p.effective.from_day) for p in policies])
    for p in policies:
        apply_chain(p, *links[p.policy_id])
    return sorted(policies, key=lambda p: p.policy_id)


def regroup(rows: Iterable[SourceRecord]) -> list[tuple[Policy, tuple[str | None, str | None]]]:
    """Policies (before linking) of some records of one authority, each with its match span."""
    rows = list(rows)
    if not rows:
        return []
    return [(_build(pid, inst, members), match_span(members)) for pid, inst, members in _group(rows)]


def _until(p: Policy) -> str:
    e = p.effective
    return e.to_day or e.horizon_day or ("9999-12-31" if e.open_ended else (e.from_day or ""))


def policy_in_force(p: Policy, day: str) -> bool:
    """Interval and recurrence test for one day (supersession is the query's job)."""
    e = p.effective
    if e.from_day is None or not (e.from_day <= day <= _until(p)):
        return False
    if e.recurrence is not None:
        return _WEEKDAYS[date.fromisoformat(day).weekday()] in e.recurrence.days_of_week
    return True
