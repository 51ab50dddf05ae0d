"""Accuracy gate: the headline F1 on the gold folders may not fall below the pinned floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.evaluate import evaluate
from pipeline.run import run
from pipeline.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text())
CORPORA = {"seeds": ROOT / "corpus" / "seeds", "dev": ROOT / "corpus" / "dev", "heldout": ROOT / "corpus" / "heldout",
           "blind": ROOT / "corpus" / "blind"}


@pytest.mark.parametrize("name", ["seeds", "dev", "heldout", "blind"])
def test_headline_f1_at_least_floor(name: str, tmp_path: Path) -> None:
    gold = ROOT / "annotations" / name
    if not CORPORA[name].exists():
        pytest.skip(f"{CORPORA[name]} not bundled")
    run([str(CORPORA[name])], Settings(out_dir=tmp_path))
    score = evaluate(gold, tmp_path)
    assert score.headline >= FLOORS[name], {f: round(s.f1, 3) for f, s in score.fields.items()}
