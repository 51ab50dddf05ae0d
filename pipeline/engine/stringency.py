"""A daily, OxCGRT-C2-style stringency index of civil-servant work rules (docs/stringency.md).

Per rule (compiled by ``compile.py``):

- 3 — WFH required for all staff but the exempt (essential) services: a quota requiring
  100 % WFH of ``all``;
- 2 — WFH required for some units, or a partial quota: any quota requiring a WFH share,
  or capping WFH strictly between 0 and 100 %;
- 1 — WFH recommended or allowed: a WFH/WFA mode or a cap above 0, nothing required;
- 0 — no measure: a revocation ("back to the office"), a WFO-only rule, or no rule in force.

``targeted`` is the OxCGRT flag turned to units: true when the level comes only from quotas
scoped to some units (``admin_support``, a sector), false when it applies to all staff, empty
at level 0. Per authority and day the index is the highest over the rules in force that day
(the same in-force semantics as ``ask``): view ``GOV`` counts the authority's own rules,
``TOTAL`` also its province's (kota/kabupaten) and the national circulars, and takes the
higher level, as OxCGRT combines national and sub-national data.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pipeline.engine.compile import OPEN_END

__all__ = ["COLUMNS", "daily", "day_span", "rule_index", "write_csv"]

COLUMNS = ["authority", "date", "view", "index", "targeted", "policies"]
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
Level = tuple[int, bool | None, list[str]]  # index, targeted, deciding policy ids


def rule_index(rule: dict[str, Any]) -> tuple[int, bool | None]:
    """The C2-style level of one rule, with its targeted flag (None at level 0)."""
    if rule["revocation"]:
        return 0, None
    required = {k: v for k, v in rule.get("required", {}).items() if v > 0}
    partial = {k for k, v in rule["caps"].items() if 0 < v < 100}
    if required.get("all", 0) >= 100:
        return 3, False
    if required or partial:
        general = "all" in required or "all" in partial
        return 2, not general
    if rule["wfh_mode"] or any(v > 0 for v in rule["caps"].values()):
        return 1, False
    return 0, None


def _ord(day: str) -> int:
    return dt.date.fromisoformat(day).toordinal()


def day_span(book: dict[str, Any], ids: Iterable[str] | None = None) -> tuple[str, str] | None:
    """First and last day any of ``ids`` (default: every rule) can be in force; open ends stop at the
    latest finite day seen (the latest end or start), so the span is finite."""
    rules = [book["rules"][i] for i in ids] if ids is not None else list(book["rules"].values())
    if not rules:
        return None
    start = min(r["from"] for r in rules)
    finite = [r["to"] for r in rules if r["to"] != OPEN_END] + [r["from"] for r in rules]
    return start, max(finite)


def _levels(book: dict[str, Any], ids: list[str], lo: int, hi: int) -> dict[int, Level]:
    """Day ordinal → (index, targeted, policies) over the rules of ``ids`` in force that day."""
    rules = book["rules"]
    base: dict[int, list[str]] = defaultdict(list)
    for rid in ids:
        r = rules[rid]
        first, last = max(_ord(r["from"]), lo), min(_ord(r["to"]) if r["to"] != OPEN_END else hi, hi)
        days = set(r["days"])
        for o in range(first, last + 1):
            if not days or _WEEKDAYS[dt.date.fromordinal(o).weekday()] in days:
                base[o].append(rid)
    out: dict[int, Level] = {}
    for o, present in base.items():
        here = set(present)
        live = [rid for rid in present if not any(s in here for s in rules[rid]["superseded_by"])]
        out[o] = _combine([(*rule_index(rules[rid]), [rid]) for rid in live])
    return out


def _combine(levels: list[Level]) -> Level:
    levels = [lv for lv in levels if lv[2]]
    if not levels:
        return 0, None, []
    top = max(lv[0] for lv in levels)
    at_top = [lv for lv in levels if lv[0] == top]
    pols = sorted({p for lv in (at_top if top else levels) for p in lv[2]})
    targeted = None if top == 0 else all(lv[1] for lv in at_top)
    return top, targeted, pols


def daily(book: dict[str, Any], authorities: list[str] | None = None,
          start: str | None = None, end: str | None = None) -> list[dict[str, Any]]:
    """Rows ``authority, date, view, index, targeted, policies`` for every day of the span.

    ``authorities`` defaults to every authority holding rules; the span defaults to the whole
    archive (``day_span``).
    """
    span = day_span(book)
    if span is None:
        return []
    lo, hi = _ord(start or span[0]), _ord(end or span[1])
    auths = authorities if authorities is not None else list(book["by_authority"])
    cache: dict[str, dict[int, Level]] = {}

    def gov(auth: str) -> dict[int, Level]:
        if auth not in cache:
            cache[auth] = _levels(book, book["by_authority"].get(auth, []), lo, hi)
        return cache[auth]

    national = _levels(book, book["national"], lo, hi)
    rows: list[dict[str, Any]] = []
    empty: Level = (0, None, [])
    for auth in auths:
        own = gov(auth)
        parent = (book["regions"].get(auth) or {}).get("parent")
        province = gov(parent) if parent else {}
        for o in range(lo, hi + 1):
            day = dt.date.fromordinal(o).isoformat()
            g = own.get(o, empty)
            t = _combine([g, province.get(o, empty), national.get(o, empty)])
            for view, (index, targeted, pols) in (("GOV", g), ("TOTAL", t)):
                rows.append({"authority": auth, "date": day, "view": view, "index": index,
                             "targeted": targeted, "policies": ";".join(pols)})
    return rows


def write_csv(rows: Iterable[dict[str, Any]], path: Path) -> int:
    n = 0
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS)
        w.writeheader()
        for row in rows:
            t = row["targeted"]
            w.writerow({**row, "targeted": "" if t is None else str(t).lower()})
            n += 1
    return n
