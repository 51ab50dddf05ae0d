"""Headline F1 of each gold set on clean text vs the same texts with scrape damage.

Not a test: a script that prints a table. For every set (default seeds, dev, heldout, blind) it
runs the pipeline on the clean corpus and on a copy damaged by each kind of
``pipeline.damage`` (sidecars copied unchanged), and scores every run against the same gold
(scoring compares tuples, never offsets). Deterministic: ``--seed`` fixes the damage.

    python benchmarks/damage.py [--sets seeds dev ...] [--kinds glue_stops scraped ...] [--seed 0] [--fields]

About 10 s per set and kind on 2 cores (the heldout set is the longest).
"""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.damage import KINDS, damage  # noqa: E402
from pipeline.evaluate import HEADLINE, evaluate  # noqa: E402
from pipeline.run import run  # noqa: E402
from pipeline.settings import Settings  # noqa: E402

SETS = ("seeds", "dev", "heldout", "blind")


def damaged_copy(src: Path, dst: Path, kind: str | None, seed: int) -> Path:
    """``src``'s texts into ``dst`` with ``kind`` applied (None: a plain copy); sidecars as they are."""
    dst.mkdir(parents=True, exist_ok=True)
    for path in sorted(src.iterdir()):
        if path.suffix == ".txt":
            text = path.read_text(encoding="utf-8")
            (dst / path.name).write_text(damage(text, kind, seed) if kind else text, encoding="utf-8")
        elif path.name.endswith(".meta.json"):
            shutil.copy(path, dst / path.name)
    return dst


def score(corpus: Path, gold: Path, work: Path) -> tuple[float, dict[str, float]]:
    out = work / "out"
    run([str(corpus)], Settings(out_dir=out))
    s = evaluate(gold, out)
    shutil.rmtree(out)
    return s.headline, {f: s.fields[f].f1 for f in HEADLINE if f in s.fields}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", nargs="+", default=list(SETS))
    ap.add_argument("--kinds", nargs="+", default=list(KINDS), choices=list(KINDS))
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--fields", action="store_true", help="also print the headline fields that moved")
    args = ap.parse_args()
    logging.disable(logging.WARNING)
    print(f"| set | clean | {' | '.join(args.kinds)} |")
    print(f"|---|---|{'---|' * len(args.kinds)}")
    moved: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.sets:
            src, gold = ROOT / "corpus" / name, ROOT / "annotations" / name
            if not src.exists():
                continue
            clean, clean_fields = score(src, gold, Path(tmp) / name / "clean")
            row = [f"{clean:.3f}"]
            for kind in args.kinds:
                work = Path(tmp) / name / kind
                head, fields = score(damaged_copy(src, work / "corpus", kind, args.seed), gold, work)
                row.append(f"{head:.3f}")
                moved += [f"{name} {kind}: {f} {clean_fields[f]:.3f} -> {v:.3f}"
                          for f, v in fields.items() if abs(v - clean_fields.get(f, 0.0)) > 1e-9]
            print(f"| {name} | {' | '.join(row)} |", flush=True)
    if args.fields:
        print("\n".join(moved) or "no headline field moved")


if __name__ == "__main__":
    main()
