"""Synthetic contract policies: for the engine benchmarks and the ask/bundle agreement test.

Deterministic for a seed. Covers what the deciders must handle: provinces and their kota /
kabupaten, central circulars, day/week precision, stated ends, horizons, open ends, weekly
recurrence, quotas of every mode/op/scope (some conditional), exemptions, and chains of
extensions, amendments and revocations within one authority.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from pipeline.engine.taxonomy import UNITS, regions

__all__ = ["synthetic_policies"]

_CENTRAL = ["central:kemenpanrb", "central:kemendagri", "central:bkn"]
_EXEMPT = [u for u in UNITS if u not in ("all", "admin_support")]
_WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"]


def _authorities(rng: random.Random, n_regions: int) -> list[dict[str, Any]]:
    table = regions()
    provinces = sorted(k for k, v in table.items() if v["level"] == "provinsi")
    picked: list[str] = []
    for prov in rng.sample(provinces, min(len(provinces), max(1, n_regions // 4))):
        picked.append(prov)
        children = sorted(k for k, v in table.items() if v["parent"] == prov)
        picked.extend(rng.sample(children, min(len(children), 3)))
    picked = picked[:n_regions]
    out = [{"id": k, "name": table[k]["name"], "level": table[k]["level"], "parent": table[k]["parent"]}
           for k in picked]
    return out + [{"id": c, "name": c.split(":")[1], "level": "central", "parent": None} for c in _CENTRAL]


def _quota(rng: random.Random) -> dict[str, Any]:
    return {"mode": rng.choice(["WFH", "WFO", "WFH", "WFA"]), "op": rng.choice(["<=", "=", ">="]),
            "percent": rng.choice([0, 25, 50, 75, 100]),
            "scope": rng.choice(["all", "all", "admin_support", "public_service_direct", "health"]),
            "condition": rng.choice([None] * 9 + ["zone:red"])}


def synthetic_policies(n: int, *, seed: int = 7, n_regions: int = 40,
                       start: str = "2023-01-01", days: int = 540) -> list[dict[str, Any]]:
    """``n`` policies over ``n_regions`` regions + 3 central bodies, from ``start`` over ``days`` days."""
    rng = random.Random(seed)
    auths = _authorities(rng, n_regions)
    day0 = dt.date.fromisoformat(start)
    last_of: dict[str, dict[str, Any]] = {}
    out: list[dict[str, Any]] = []
    for i in range(n):
        auth = rng.choice(auths)
        prev = last_of.get(auth["id"])
        change = "new"
        links: list[dict[str, str]] = []
        if prev is not None and rng.random() < 0.35:
            change = rng.choice(["extension", "amendment", "revocation"])
            links = [{"type": {"extension": "extends", "amendment": "amends", "revocation": "revokes"}[change],
                      "policy_id": prev["policy_id"]}]
            frm = dt.date.fromisoformat(prev["effective"]["from_day"]) + dt.timedelta(days=rng.randint(1, 20))
        else:
            frm = day0 + dt.timedelta(days=rng.randint(0, days))
        length = rng.choice([1, 2, 7, 14, 30, 60])
        kind = rng.random()
        to = None if kind < 0.25 else (frm + dt.timedelta(days=length - 1)).isoformat()
        open_ended = kind < 0.08
        published = frm - dt.timedelta(days=rng.randint(0, 3))
        horizon = None if (to or open_ended) else (published + dt.timedelta(days=60)).isoformat()
        recurrence = {"days_of_week": sorted(rng.sample(_WEEKDAYS, rng.randint(1, 2)))} if rng.random() < 0.1 else None
        modes = [] if change == "revocation" else rng.choice([["WFH"], ["WFO", "WFH"], ["WFO"], ["WFA"], []])
        pid = f"pol-syn-{seed}-{i:06d}"
        pol = {
            "policy_id": pid, "authority": auth, "change": change,
            "effective": {"from_day": frm.isoformat(), "from_precision": rng.choice(["day", "day", "week"]),
                          "to_day": to, "to_precision": "day" if to else None, "open_ended": open_ended,
                          "horizon_day": horizon, "recurrence": recurrence},
            "modes": modes,
            "quotas": [] if change == "revocation" else [_quota(rng) for _ in range(rng.choice([0, 0, 1, 2]))],
            "exemptions": [{"category": c} for c in rng.sample(_EXEMPT, rng.choice([0, 0, 1, 3]))],
            "instrument": f"SE:SYN-{auth['id'].split(':')[1].upper()}:{i}/{frm.year}" if rng.random() < 0.6 else None,
            "legal_basis": [], "follows": [], "links": links, "conflicts": [], "reasons": [rng.choice(["traffic", "other"])],  # noqa: E501
            "confidence": round(rng.uniform(0.4, 0.95), 3),
            "sources": [{"doc_id": f"doc-syn-{i:06d}", "record_id": None, "url": f"https://example.org/syn/{i}",
                         "publisher": "SYNTHETIC", "published": published.isoformat(), "genre": "news"}],
        }
        out.append(pol)
        last_of[auth["id"]] = pol
    return out
