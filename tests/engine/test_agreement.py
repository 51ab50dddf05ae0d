"""``ask`` (Python) and the bundle (Rego in regopy) give the same decision, question by question."""

from __future__ import annotations

import datetime as dt
import random
import tempfile
from pathlib import Path

import pytest

from pipeline.engine.ask import decide
from pipeline.engine.bundle import RegoDecider, write_bundle
from pipeline.engine.compile import OPEN_END, compile_rules
from pipeline.engine.taxonomy import UNITS

GRID_SIZE = 240  # at least 200 questions (issue 12); ~10-40 ms each in regopy


def grid(book: dict, n: int, seed: int = 12) -> list[tuple[str, str, str]]:
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
        who = [r["authority"]] + rng.sample(children.get(r["authority"], []), min(1, len(children.get(r["authority"], []))))
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


def _agree(book: dict, rego: RegoDecider, questions: list[tuple[str, str, str]]) -> dict[str, int]:
    seen = {"applicable": 0, "wfh": 0, "office": 0, "province": 0, "national": 0}
    for q in questions:
        py = decide(book, *q)
        rg = rego.decide(*q)
        assert py == rg, f"disagree on {q}: ask {py} bundle {rg}"
        seen["applicable"] += py["applicable"]
        seen["wfh"] += py["wfh_allowed"]
        seen["office"] += py["must_work_from_office"]
        seen["province"] += py["decided_by"] == "province"
        seen["national"] += py["decided_by"] == "national"
    return seen


def test_ask_and_bundle_agree_on_the_fixture_grid(book, rego) -> None:  # type: ignore[no-untyped-def]
    questions = grid(book, GRID_SIZE)
    assert len(questions) >= 200
    seen = _agree(book, rego, questions)
    # the grid exercises every branch, not only "no policy"
    assert all(v > 0 for v in seen.values()), seen
    assert seen["applicable"] < len(questions)


@pytest.mark.slow
@pytest.mark.parametrize("seed", [3, 4])
def test_ask_and_bundle_agree_on_synthetic_archives(seed: int) -> None:
    from pipeline.engine.synthetic import synthetic_policies

    book = compile_rules(synthetic_policies(600, seed=seed), revision="syn")
    with tempfile.TemporaryDirectory() as tmp:
        write_bundle(book, Path(tmp) / "opa", revision="syn")
        rego = RegoDecider(Path(tmp) / "opa")
        seen = _agree(book, rego, grid(book, 300, seed=seed))
    assert all(v > 0 for v in seen.values()), seen
