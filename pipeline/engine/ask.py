"""``edaran ask``: the bundle's decision, computed in Python straight from the archive.

The semantics are those of ``pipeline/engine/rego/wfh.rego`` (its header lists them); this is
the second, independent implementation, and ``tests/engine/test_agreement.py`` checks the two
agree question by question.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from pipeline.engine.compile import compile_rules
from pipeline.engine.source import open_source
from pipeline.engine.taxonomy import (
    AUTHORITY_RE,
    check_authority,
    check_date,
    check_unit,
)

__all__ = ["NOT_APPLICABLE", "ask", "decide", "render_text"]

NOT_APPLICABLE: dict[str, Any] = {
    "applicable": False,
    "wfh_allowed": False,
    "max_wfh_percent": None,
    "must_work_from_office": False,
    "policies": [],
    "sources": [],
    "decided_by": None,
}
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _base_in_force(rule: dict[str, Any], day: str, weekday: str) -> bool:
    return bool(rule["from"] <= day <= rule["to"] and (not rule["days"] or weekday in rule["days"]))


def _in_force(book: dict[str, Any], rule: dict[str, Any], day: str, weekday: str) -> bool:
    if not _base_in_force(rule, day, weekday):
        return False
    return not any(_base_in_force(book["rules"][s], day, weekday) for s in rule["superseded_by"])


def _levels(book: dict[str, Any], authority: str) -> list[tuple[str, list[str]]] | None:
    """The rule lists to look at, in order; None for a region missing from the Kemendagri table."""
    own = book["by_authority"].get(authority, [])
    if authority.startswith("region:"):
        region = book["regions"].get(authority)
        if region is None:
            return None
        levels = [("own", own)]
        if region.get("parent"):
            levels.append(("province", book["by_authority"].get(region["parent"], [])))
        return levels + [("national", book["national"])]
    return [("own", own), ("national", book["national"])]


def decide(book: dict[str, Any], authority: str, date: str, unit: str) -> dict[str, Any]:
    """The decision for one question over compiled rules (``compile_rules`` output).

    Raises ``ConfigError`` for a malformed authority, an impossible date or an unknown unit;
    an authority that is well formed but unknown gets ``applicable: false``.
    """
    check_authority(authority)
    check_date(date)
    check_unit(unit)
    levels = _levels(book, authority) if AUTHORITY_RE.match(authority) else None
    if levels is None:
        return dict(NOT_APPLICABLE)
    weekday = _WEEKDAYS[dt.date.fromisoformat(date).weekday()]
    for level, ids in levels:
        live = [book["rules"][i] for i in ids if _in_force(book, book["rules"][i], date, weekday)]
        if live:
            return _unit_decision(max(live, key=lambda r: r["rank"]), unit, level)
    return dict(NOT_APPLICABLE)


def _unit_decision(rule: dict[str, Any], unit: str, level: str) -> dict[str, Any]:
    cap: float | None
    if rule["revocation"] or unit in rule["exempt"]:
        cap = 0
    elif unit in rule["caps"]:
        cap = rule["caps"][unit]
    elif "all" in rule["caps"]:
        cap = rule["caps"]["all"]
    else:
        cap = None
    return {
        "applicable": True,
        "wfh_allowed": cap > 0 if cap is not None else bool(rule["wfh_mode"]),
        "max_wfh_percent": cap,
        "must_work_from_office": cap == 0 if cap is not None else bool(rule["wfo_only"]),
        "policies": [rule["id"]],
        "sources": list(rule["sources"]),
        "decided_by": level,
    }


def ask(target: str | Path, authority: str, date: str, unit: str) -> dict[str, Any]:
    """Answer one question from an archive (or a policies JSON file), with the evidence quoted."""
    check_authority(authority)
    check_date(date)
    check_unit(unit)
    with open_source(target) as src:
        book = compile_rules(src.policies(), revision=None)
        decision = decide(book, authority, date, unit)
        evidence: list[dict[str, Any]] = []
        seen: set[tuple[Any, ...]] = set()
        for pid in decision["policies"]:
            rule = book["rules"][pid]
            for ev in src.evidence(pid):
                # one sentence often backs several fields (each exemption of a list): quote it once
                key = (ev.get("doc_id"), ev.get("start"), ev.get("end"), ev.get("text"))
                if key not in seen:
                    seen.add(key)
                    evidence.append({"policy_id": pid, **ev})
            decision.setdefault("instruments", []).append(rule["instrument"])
    decision["question"] = {"authority": authority, "date": date, "unit": unit}
    decision["evidence"] = evidence
    return decision


def render_text(decision: dict[str, Any]) -> str:
    """A short human answer: the verdict, then each evidence sentence with its source."""
    q = decision["question"]
    head = f"{q['authority']} on {q['date']}, unit {q['unit']}: "
    if not decision["applicable"]:
        return head + "no policy applies (applicable: false, wfh_allowed: false)"
    if decision["must_work_from_office"]:
        verdict = "must work from the office"
    elif decision["wfh_allowed"]:
        cap = decision["max_wfh_percent"]
        verdict = "WFH allowed" + (f", at most {cap}% of staff" if cap is not None else "")
    else:
        verdict = "WFH not allowed"
    lines = [head + verdict]
    instruments = [i for i in decision.get("instruments", []) if i]
    lines.append(
        f"  decided by: {decision['decided_by']} rule {', '.join(decision['policies'])}"
        + (f" ({', '.join(instruments)})" if instruments else "")
    )
    for ev in decision["evidence"]:
        where = ", ".join(str(x) for x in (ev.get("publisher"), ev.get("published")) if x)
        ref = ev.get("url") or ev.get("doc_id")
        span = f"[{ev.get('start')}:{ev.get('end')}]" if ev.get("start") is not None else ""
        lines.append(f'  "{ev.get("text", "").strip()}" ({where}; {ref}{span})')
    if not decision["evidence"]:
        lines.append("  sources: " + ", ".join(decision["sources"]))
    return "\n".join(lines)
