"""Policies (the archive contract) → atomic rules: the data both deciders read.

One rule per policy, flattened so that deciding a question needs no date arithmetic beyond
comparing ISO days and no chain walking:

- ``from``/``to``: the days the policy can be in force. ``to`` is ``to_day``; else
  ``9999-12-31`` when the text says "until further notice" (``open_ended``); else the archive's
  ``horizon_day`` (last source + 60 days); else, if the archive gave none, the last source's
  publication day + ``HORIZON_DAYS``; else the ``from`` day alone. A revocation cuts the policy
  it revokes for good: its ``to`` becomes the day before the revocation starts.
- ``days``: the weekdays a recurring rule holds on (``[]`` = every day).
- ``superseded_by``: every later policy of the same authority that extends, amends or revokes
  it, directly or down the chain; on a day one of them is in force this rule is not (the
  latest link wins).
- ``caps``: unit code → the most WFH share (percent) its unconditional quotas allow
  (``WFH <= 50`` → 50, ``WFO = 100`` → 0, ``WFO >= 75`` → 25; several → the smallest);
  ``required``: unit code → the least WFH share its quotas require (``WFH = 50`` → 50,
  ``WFO <= 25`` → 75); used by the stringency index only.
  Quotas with a ``condition`` ("zone:red") are left out: the question does not say the zone.
- ``exempt``: exemption codes (those units must work from the office).
- ``rank``: order by (from_day, policy_id); where several rules of one level are in force
  the highest rank decides.

Policies with no ``from_day`` cannot be placed in time and are not compiled (counted in
``stats.undated``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from pipeline.engine.taxonomy import UNITS, regions

__all__ = ["HORIZON_DAYS", "OPEN_END", "compile_rules", "rule_end"]

OPEN_END = "9999-12-31"  # "hingga ada ketentuan lebih lanjut": in force until revoked
HORIZON_DAYS = 60  # the contract's documented default when a policy names no end day
_WFH_LIKE = ("WFH", "WFA")  # work from anywhere is not the office either; WFF (flexible hours) is not a place
_SUPERSEDING = ("extends", "amends", "revokes")


def _day(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def rule_end(policy: dict[str, Any]) -> str:
    eff = policy.get("effective") or {}
    if eff.get("to_day"):
        return str(eff["to_day"])
    if eff.get("open_ended"):
        return OPEN_END
    if eff.get("horizon_day"):
        return str(eff["horizon_day"])
    published = [s.get("published") for s in policy.get("sources") or [] if s.get("published")]
    if published:
        last = max(str(p)[:10] for p in published)
        return (_day(last) + dt.timedelta(days=HORIZON_DAYS)).isoformat()
    return str(eff["from_day"])


def _caps(quotas: list[dict[str, Any]]) -> tuple[dict[str, float], dict[str, float], int]:
    """Per scope: the most WFH share allowed (caps), the least WFH share required, conditional count."""
    caps: dict[str, float] = {}
    required: dict[str, float] = {}
    conditional = 0
    for q in quotas:
        if q.get("condition"):
            conditional += 1
            continue
        mode, op, pct = q.get("mode"), q.get("op"), q.get("percent")
        if pct is None:
            continue
        pct = float(pct)
        if mode in _WFH_LIKE:
            cap = pct if op in ("<=", "<", "=") else 100.0
            need = pct if op in (">=", ">", "=") else 0.0
        elif mode == "WFO":
            cap = 100.0 - pct if op in (">=", ">", "=") else 100.0
            need = 100.0 - pct if op in ("<=", "<", "=") else 0.0
        else:
            continue
        scope = str(q.get("scope") or "all")
        caps[scope] = min(cap, caps.get(scope, 100.0))
        required[scope] = max(need, required.get(scope, 0.0))
    return (
        {k: _num(v) for k, v in sorted(caps.items())},
        {k: _num(v) for k, v in sorted(required.items()) if v > 0},
        conditional,
    )


def _num(v: float) -> float:
    return int(v) if float(v).is_integer() else v


def _source_ref(s: dict[str, Any]) -> str:
    return str(s.get("url") or s.get("doc_id") or "")


def _months(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _month_index(rules: dict[str, dict[str, Any]], by_authority: dict[str, list[str]],
                 national: list[str]) -> tuple[dict[str, dict[str, list[str]]], dict[str, list[str]], str | None]:
    """The rules that can be in force in each month (``YYYY-MM``), per authority and national.

    Only the Rego side reads it: a question then scans the few rules of its month instead of
    every rule of the authority (regopy spends ~1 ms a rule). Months run up to the last finite
    day of the archive (``index_last_month``); later days use the ``after`` bucket, which holds
    the open-ended rules.
    """
    finite = [r["to"] for r in rules.values() if r["to"] != OPEN_END] + [r["from"] for r in rules.values()]
    if not finite:
        return {}, {}, None
    last_month = max(finite)[:7]

    def buckets(ids: list[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for rid in ids:
            r = rules[rid]
            if r["to"] < r["from"]:
                continue  # revoked before it began
            for month in _months(r["from"][:7], min(r["to"][:7], last_month)):
                out[month].append(rid)
            if r["to"] == OPEN_END:
                out["after"].append(rid)
        return dict(sorted(out.items()))

    return {a: buckets(ids) for a, ids in by_authority.items()}, buckets(national), last_month


def compile_rules(policies: list[dict[str, Any]], *, revision: str | None = None) -> dict[str, Any]:
    """Compile contract policies into the rule data of the bundle (``data.edaran``)."""
    dated = [p for p in policies if (p.get("effective") or {}).get("from_day")]
    by_id = {p["policy_id"]: p for p in dated}
    order = sorted(by_id, key=lambda pid: (by_id[pid]["effective"]["from_day"], pid))
    rank = {pid: i + 1 for i, pid in enumerate(order)}

    rules: dict[str, dict[str, Any]] = {}
    for pid in order:
        p = by_id[pid]
        auth = p.get("authority") or {}
        caps, required, conditional = _caps(p.get("quotas") or [])
        modes = list(p.get("modes") or [])
        rec = (p.get("effective") or {}).get("recurrence") or {}
        rules[pid] = {
            "id": pid,
            "authority": auth.get("id"),
            "level": auth.get("level"),
            "rank": rank[pid],
            "rank_key": f"{rank[pid]:09d}",  # the same order as text (the Rego side compares these)
            "from": p["effective"]["from_day"],
            "to": rule_end(p),
            "days": sorted({str(d).lower()[:3] for d in rec.get("days_of_week") or []}),
            "revocation": p.get("change") == "revocation",
            "modes": modes,
            "wfh_mode": any(m in _WFH_LIKE for m in modes),
            "wfo_only": bool(modes) and set(modes) == {"WFO"},
            "caps": caps,
            "required": required,
            "conditional_quotas": conditional,
            "exempt": sorted({str(e.get("category")) for e in p.get("exemptions") or [] if e.get("category")}),
            "instrument": p.get("instrument"),
            "sources": [r for r in (_source_ref(s) for s in p.get("sources") or []) if r],
            "superseded_by": [],
        }

    # links → successors within the same authority
    succ: dict[str, set[str]] = defaultdict(set)
    for pid in order:
        p = by_id[pid]
        for link in p.get("links") or []:
            target = link.get("policy_id")
            if link.get("type") not in _SUPERSEDING or target not in rules or target == pid:
                continue
            if rules[target]["authority"] != rules[pid]["authority"]:
                continue
            succ[target].add(pid)
            if link["type"] == "revokes" or p.get("change") == "revocation":
                cut = (_day(rules[pid]["from"]) - dt.timedelta(days=1)).isoformat()
                rules[target]["to"] = min(rules[target]["to"], cut)
    for pid, rule in rules.items():
        seen: set[str] = set()
        stack = list(succ.get(pid, ()))
        while stack:
            nxt = stack.pop()
            if nxt in seen or nxt == pid:
                continue
            seen.add(nxt)
            stack.extend(succ.get(nxt, ()))
        rule["superseded_by"] = sorted(seen, key=lambda x: rank[x])

    by_authority: dict[str, list[str]] = defaultdict(list)
    national: list[str] = []
    for pid in order:
        by_authority[str(rules[pid]["authority"])].append(pid)
        if rules[pid]["level"] == "central" or str(rules[pid]["authority"]).startswith("central:"):
            national.append(pid)

    index, national_index, last_month = _month_index(rules, by_authority, national)
    table = regions()
    return {
        "revision": revision,
        "rules": rules,
        "by_authority": dict(sorted(by_authority.items())),
        "national": national,
        "index": index,
        "national_index": national_index,
        "index_last_month": last_month,
        "regions": {k: {"level": v["level"], "parent": v["parent"]} for k, v in table.items()},
        "units": list(UNITS),
        "stats": {"policies": len(policies), "rules": len(rules), "undated": len(policies) - len(dated)},
    }
