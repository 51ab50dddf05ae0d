"""Robustness gate: the seed and dev articles damaged as scrapers damage them (pipeline/damage.py,
each kind) score within DAMAGE_MARGIN of the clean text (benchmarks/damage.py prints the table
for every set)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pipeline.damage import KINDS
from pipeline.evaluate import evaluate
from pipeline.run import run
from pipeline.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from damage import damaged_copy  # noqa: E402

DAMAGE_MARGIN = 0.02  # headline F1 a damaged set may lose against its clean text, at most


@pytest.fixture(scope="module")
def clean_headline(tmp_path_factory: pytest.TempPathFactory) -> dict[str, float]:
    out = {}
    for name in ("seeds", "dev"):
        tmp = tmp_path_factory.mktemp(f"clean_{name}")
        run([str(ROOT / "corpus" / name)], Settings(out_dir=tmp))
        out[name] = evaluate(ROOT / "annotations" / name, tmp).headline
    return out


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("name", ["seeds", "dev"])
def test_damaged_set_scores_near_clean(name: str, kind: str, clean_headline: dict[str, float],
                                       tmp_path: Path) -> None:
    corpus = damaged_copy(ROOT / "corpus" / name, tmp_path / "corpus", kind, seed=0)
    run([str(corpus)], Settings(out_dir=tmp_path / "out"))
    score = evaluate(ROOT / "annotations" / name, tmp_path / "out")
    assert score.headline >= clean_headline[name] - DAMAGE_MARGIN, {f: round(s.f1, 3) for f, s in score.fields.items()}
