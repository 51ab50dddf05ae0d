"""``ask`` (Python) and the bundle (Rego in regopy) give the same decision, question by question."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from pipeline.engine.ask import decide
from pipeline.engine.bundle import RegoDecider, write_bundle
from pipeline.engine.compile import compile_rules
from pipeline.engine.grid import question_grid

GRID_SIZE = 240  # at least 200 questions (issue 12); ~10-40 ms each in regopy


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


def test_ask_and_bundle_agree_on_the_fixture_question_grid(book, rego) -> None:  # type: ignore[no-untyped-def]
    questions = question_grid(book, GRID_SIZE)
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
        seen = _agree(book, rego, question_grid(book, 300, seed=seed))
    assert all(v > 0 for v in seen.values()), seen
