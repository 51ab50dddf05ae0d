"""Questions for checking a bundle against ``ask``: built from the rules, not written by hand."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from pipeline.engine.compile import OPEN_END
from pipeline.engine.taxonomy import UNITS

__all__ = ["question_grid"]


def question_grid(book: dict[str, Any], n: int, seed: int = 12) -> list[tuple[str, str, str]]:
    """Questions built from the rules. First, per rule: its authority (and a kota of it, for a
    province) on its first day, its day after the end and a day in between, asking for an
    exempt unit, a capped unit and "all"; then random picks from every authority with rules,
    kota under those provinces, unknown regions and central bodies x the days around every
    rule's start and end x every unit, up to ``n``."""
    table = book["regions"]
    auths = set(book["by_authority"]) | {"region:99.99", "region:36.99", "central:bkn"}
    auths |= {k for k, v in table.items() if v["parent"] in book["by_authority"]}
    children: dict[str, list[str]] = {}
    for k, v in sorted(table.items()):
        if v["parent"]:
            children.setdefault(v["parent"], []).append(k)
    rng = random.Random(seed)
    days: set[str] = set()
    picked: list[tuple[str, str, str]] = []
    for r in book["rules"].values():
        first = dt.date.fromisoformat(r["from"])
        last = dt.date.fromisoformat(r["to"]) if r["to"] != OPEN_END else first + dt.timedelta(days=30)
        mid = first + (last - first) // 2
        edges = [first, mid, last + dt.timedelta(days=1), first - dt.timedelta(days=1)]
        days |= {d.isoformat() for d in edges} | {last.isoformat()}
        who = [r["authority"]] + rng.sample(
            children.get(r["authority"], []), min(1, len(children.get(r["authority"], [])))
        )
        units = ["all"] + r["exempt"][:1] + sorted(r["caps"])[:1]
        picked += [(a, rng.choice(edges[:2]).isoformat(), u) for a in who for u in units]
    rng.shuffle(picked)
    questions = list(dict.fromkeys(picked))[:n]
    a, d_, u = sorted(auths), sorted(days), list(UNITS)
    while len(questions) < n:
        q = (rng.choice(a), rng.choice(d_), rng.choice(u))
        if q not in questions:
            questions.append(q)
    return questions
