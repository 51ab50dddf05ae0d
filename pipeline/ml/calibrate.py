"""Calibrated record confidence (issue 10: "confidence that means something").

A record's **raw score** counts its kinds of evidence and the classifier's belief:
``min(1, 0.4 + 0.12 k) x (0.5 + 0.5 p)`` (k = quota, exemption, effective date, official,
own instrument present; p = best classifier probability of its rule paragraphs, 1 without a
classifier). The **confidence** is that score mapped through an isotonic (monotone) step
function fitted on how often a record's headline tuples are right, times the OCR confidence
of a scanned circular:

- fitting data (``fit_rows``): the headline tuples (authority, start, end, quota,
  exemption, instrument, official) of every record the pipeline builds, run with the identity
  map, on the seed and dev corpora against their gold, plus the written training paragraphs
  of ``annotations/paragraphs.jsonl`` each run as a one-paragraph article (a record from an
  OTHER paragraph is wrong; from a POLICY paragraph its authority is right). Held-out, blind
  and dev2 never fit it: they check it.
- fit (``fit_isotonic``): pool-adjacent-violators on (raw score, right), each block's
  precision smoothed with one right and one wrong pseudo-observation (so a block of 20 right
  tuples maps to 0.95, not 1.0);
- stored as data in ``models/calibration.json`` (``points``: raw-score lower bounds and their
  calibrated values); a missing or broken file is a loud ``ConfigError`` (it is part of the
  package, like the classifier). ``edaran train calibration`` refits it;
  ``edaran evaluate --calibration`` prints the table (bins, precision, count) of a run.

Target (checked on dev2 and the blind set, ``tests/ml/test_calibrate.py``): records with
confidence >= 0.8 are right >= 90 % of the time, and >= half of the right tuples reach 0.8.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pipeline.errors import ConfigError
from pipeline.ml.bundled import models_dir

__all__ = [
    "CONFIDENCE_BASE",
    "CONFIDENCE_PER_KIND",
    "DEFAULT_CALIBRATION",
    "POLICY_WEIGHT",
    "Calibration",
    "TupleRow",
    "calibration_table",
    "confidence",
    "fit_isotonic",
    "fit_rows",
    "identity_calibration",
    "load_calibration",
    "main",
    "print_calibration",
    "raw_score",
    "run_rows",
]

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CALIBRATION = models_dir() / "calibration.json"
HIGH = 0.8  # the level the target speaks of
BINS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)


CONFIDENCE_BASE = 0.4  # raw score of a record with a rule sentence and nothing else
CONFIDENCE_PER_KIND = 0.12  # each kind of backing evidence; five kinds reach 1.0
POLICY_WEIGHT = 0.5  # how much the classifier's probability scales the raw score (0: not at all)


def raw_score(kinds: int, p_policy: float) -> float:
    """``min(1, CONFIDENCE_BASE + CONFIDENCE_PER_KIND k) x (1 - POLICY_WEIGHT + POLICY_WEIGHT p)``."""
    return min(1.0, CONFIDENCE_BASE + CONFIDENCE_PER_KIND * kinds) * (1 - POLICY_WEIGHT + POLICY_WEIGHT * p_policy)


@dataclass(frozen=True)
class Calibration:
    """Isotonic step function: ``points`` = [(raw lower bound, value)], ascending."""

    points: tuple[tuple[float, float], ...]

    def __call__(self, raw: float) -> float:
        value = self.points[0][1]
        for lo, v in self.points:
            if raw + 1e-9 >= lo:
                value = v
            else:
                break
        return value


_OVERRIDE: list[Calibration | None] = [None]


@contextmanager
def identity_calibration() -> Iterator[None]:
    """Records built inside carry their raw score as confidence (for fitting)."""
    _OVERRIDE[0] = Calibration(((0.0, -1.0),))
    try:
        yield
    finally:
        _OVERRIDE[0] = None


@cache
def load_calibration(path: str = str(DEFAULT_CALIBRATION)) -> Calibration:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        points = tuple((float(lo), float(v)) for lo, v in data["points"])
    except OSError as exc:
        raise ConfigError(f"calibration missing: {path} ({exc.strerror})",
                          hint="reinstall the package, or rebuild it with `edaran train calibration`") from exc
    except (ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"calibration file {path} is not valid ({exc})",
                          hint="rebuild it with `edaran train calibration`") from exc
    if not points or any(b[0] < a[0] or b[1] < a[1] for a, b in itertools.pairwise(points)):
        raise ConfigError(f"calibration file {path} is not a monotone step function",
                          hint="rebuild it with `edaran train calibration`")
    return Calibration(points)


def confidence(kinds: int, p_policy: float, ocr: float | None = None) -> float:
    """The record's confidence: calibrated raw score x OCR confidence (the one place the
    assembler computes it)."""
    raw = raw_score(kinds, p_policy)
    cal = _OVERRIDE[0]
    if cal is not None and cal.points[0][1] < 0:  # identity (fitting)
        value = raw
    else:
        value = (cal or load_calibration())(raw)
    if ocr is not None:
        value *= ocr
    return round(min(1.0, max(0.0, value)), 3)


# --- rows: a record's headline tuples, right or wrong -------------------------------------------


@dataclass(frozen=True)
class TupleRow:
    confidence: float
    right: bool
    field: str
    doc_id: str


def _name(name: str) -> str:
    return re.sub(r"\s+", " ", name.lower().replace(".", " ")).strip()


def record_tuples(r: dict) -> list[tuple[str, tuple]]:
    a = r["authority"]["id"]
    out: list[tuple[str, tuple]] = [("authority", (a,))]
    eff = r.get("effective") or {}
    for key in ("start", "end"):
        if eff.get(key):
            out.append((key, (a, eff[key])))
    out += [("quota", (a, q["mode"], q["op"], round(float(q["percent"]), 2))) for q in r.get("quotas", [])]
    out += [("exemption", (a, e["category"])) for e in r.get("exemptions", [])]
    out += [("official", (a, _name(o["name"]))) for o in r.get("officials", [])]
    inst = r.get("instrument")
    if inst and inst.get("id"):
        out.append(("instrument", (inst["id"],)))
    return out


def run_rows(gold_dir: Path, run_dir: Path) -> list[TupleRow]:
    """Every headline tuple of every record of a run, right when it matches a gold tuple
    (mandatory or optional), with the record's confidence."""
    from pipeline.evaluate import _matches, load_gold, load_run, tuples_gold

    gold = load_gold(gold_dir)
    _, records = load_run(run_dir)
    rows: list[TupleRow] = []
    for doc_id, g in gold.items():
        gt = tuples_gold(g)
        for r in records.get(doc_id, []):
            for fname, tup in record_tuples(r):
                mand, opt = gt[fname]
                right = any(_matches(fname, tup, x) for x in mand | opt)
                rows.append(TupleRow(float(r["confidence"]), right, fname, doc_id))
    return rows


def calibration_table(rows: Sequence[TupleRow], bins: Sequence[float] = BINS) -> dict[str, Any]:
    """Precision and count per confidence bin, plus the two target figures."""
    table = []
    for lo, hi in itertools.pairwise(bins):
        inside = [r for r in rows if lo <= r.confidence < hi or (hi == bins[-1] and r.confidence == hi)]
        right = sum(r.right for r in inside)
        table.append({"bin": f"[{lo:.1f}, {hi:.1f}{']' if hi == bins[-1] else ')'}", "count": len(inside),
                      "right": right, "precision": round(right / len(inside), 3) if inside else None})
    high = [r for r in rows if r.confidence >= HIGH]
    right_all = sum(r.right for r in rows)
    return {
        "bins": table,
        "tuples": len(rows),
        "precision_at_0.8": round(sum(r.right for r in high) / len(high), 3) if high else None,
        "right_share_at_0.8": round(sum(r.right for r in high) / right_all, 3) if right_all else None,
    }


def print_calibration(gold_dir: Path, run_dir: Path, console: Any) -> dict[str, Any]:
    """``edaran evaluate --calibration``: the table of a run against its gold."""
    from rich.table import Table

    table = calibration_table(run_rows(gold_dir, run_dir))
    t = Table(title="confidence calibration (headline tuples of each record)")
    for col in ("bin", "precision", "right", "count"):
        t.add_column(col, justify="right" if col != "bin" else "left")
    for row in table["bins"]:
        prec = "-" if row["precision"] is None else f"{row['precision']:.3f}"
        t.add_row(row["bin"], prec, str(row["right"]), str(row["count"]))
    console.print(t)
    console.print(f"precision at confidence >= 0.8: {table['precision_at_0.8']}  "
                  f"(target >= 0.9); share of right tuples at >= 0.8: {table['right_share_at_0.8']} (target >= 0.5)")
    return table


# --- fitting -----------------------------------------------------------------------------------------


def fit_isotonic(pairs: Iterable[tuple[float, bool]]) -> Calibration:
    """Pool-adjacent-violators on (raw, right); block values smoothed by one pseudo right
    and one pseudo wrong; equal raw scores share a block."""
    by_raw: dict[float, list[int]] = {}
    for raw, right in pairs:
        cell = by_raw.setdefault(round(raw, 4), [0, 0])
        cell[0] += int(right)
        cell[1] += 1
    if not by_raw:
        raise ConfigError("no records to fit the calibration on", hint="check the corpora given to the fit")
    blocks: list[list[float]] = []  # [lower raw, right, count]
    for raw in sorted(by_raw):
        n_right, count = by_raw[raw]
        blocks.append([raw, n_right, count])
        while len(blocks) > 1 and (blocks[-2][1] + 1) / (blocks[-2][2] + 2) >= (blocks[-1][1] + 1) / (
            blocks[-1][2] + 2
        ):
            _lo, r, c = blocks.pop()
            blocks[-1][1] += r
            blocks[-1][2] += c
    points = tuple((0.0 if i == 0 else round(b[0], 4), round((b[1] + 1) / (b[2] + 2), 4)) for i, b in enumerate(blocks))
    return Calibration(points)


def _run_dir_rows(corpus: Path, gold: Path, tmp: Path) -> list[TupleRow]:
    from pipeline.run import run
    from pipeline.settings import Settings

    out = tmp / corpus.name
    with identity_calibration():
        run([str(corpus)], Settings(out_dir=out))
    return run_rows(gold, out)


def _paragraph_rows(paragraph_files: Sequence[Path], folds: int = 5, seed: int = 0) -> list[TupleRow]:
    """Written training paragraphs, each run as a one-paragraph article, scored by a textcat
    trained without it (``folds``-fold cross-fitting, so its probability is as unsure as on
    new text): a record from an OTHER paragraph is wrong, a POLICY paragraph's authority right."""
    import random

    from pipeline.assemble import assemble
    from pipeline.extract import extract_one
    from pipeline.ml.train import (
        TEXTCAT_EPOCHS,
        TEXTCAT_LENGTH,
        TEXTCAT_NGRAMS,
        _fit_textcat,
        _textcat_scorer,
        load_examples,
    )
    from pipeline.models import ParsedDoc, RawDoc
    from pipeline.run import parse_batch
    from pipeline.settings import Settings

    examples = load_examples(paragraph_files, [])
    written = [e for e in examples if e.corpus == "written" and not e.optional]
    order = list(range(len(written)))
    random.Random(seed).shuffle(order)
    fold_of = {i: n % folds for n, i in enumerate(order)}
    settings = Settings()
    rows: list[TupleRow] = []
    with identity_calibration():
        for fold in range(folds):
            held = {written[i].text for i in fold_of if fold_of[i] == fold}
            nlp, _ = _fit_textcat([e for e in examples if e.text not in held], seed, TEXTCAT_EPOCHS,
                                  TEXTCAT_LENGTH, TEXTCAT_NGRAMS)
            score = _textcat_scorer(nlp)
            for i in sorted(i for i in fold_of if fold_of[i] == fold):
                ex = written[i]
                raw = RawDoc(doc_id=f"written-{i}", data=ex.text.encode("utf-8"), kind="txt", source="written",
                             published="2024-04-01")
                doc = parse_batch([raw], settings)[0]
                if not isinstance(doc, ParsedDoc):
                    continue
                ctx, spans = extract_one(doc)
                records, _ = assemble(doc, ctx, spans, score)
                for rec in records:
                    for fname, _ in record_tuples(rec.model_dump(mode="json")):
                        if not ex.is_policy:
                            rows.append(TupleRow(rec.confidence, False, fname, raw.doc_id))
                        elif fname == "authority":
                            rows.append(TupleRow(rec.confidence, True, fname, raw.doc_id))
    return rows


def fit_rows(sets: Sequence[tuple[Path, Path]], paragraph_files: Sequence[Path], tmp: Path) -> list[TupleRow]:
    from pipeline.ml.train import UNSEEN_SETS

    rows: list[TupleRow] = []
    for corpus, gold in sets:
        if corpus.name in UNSEEN_SETS or gold.name in UNSEEN_SETS or "dev2" in (corpus.name, gold.name):
            raise ConfigError(f"{corpus} is a check set, not fitting data", hint="fit on seeds and dev")
        rows += _run_dir_rows(corpus, gold, tmp)
    rows += _paragraph_rows(paragraph_files)
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    """``edaran train calibration [--out models/calibration.json]``."""
    import argparse
    import tempfile

    parser = argparse.ArgumentParser(prog="edaran train calibration", description="refit models/calibration.json")
    parser.add_argument("--out", type=Path, default=DEFAULT_CALIBRATION)
    parser.add_argument("--set", nargs=2, action="append", metavar=("CORPUS", "GOLD"), type=Path,
                        help="a corpus folder and its gold folder (default: seeds and dev)")
    parser.add_argument("--paragraphs", type=Path, action="append", help="default: annotations/paragraphs.jsonl")
    args = parser.parse_args(argv)
    sets = [tuple(s) for s in args.set] if args.set else [
        (_corpus("seeds"), REPO_ROOT / "annotations" / "seeds"), (_corpus("dev"), REPO_ROOT / "annotations" / "dev")]
    paragraphs = args.paragraphs or [REPO_ROOT / "annotations" / "paragraphs.jsonl"]
    with tempfile.TemporaryDirectory() as tmp:
        rows = fit_rows(sets, paragraphs, Path(tmp))  # type: ignore[arg-type]
    cal = fit_isotonic((r.confidence, r.right) for r in rows)
    data = {"_doc": "Isotonic map raw score -> P(headline tuple right); see pipeline/ml/calibrate.py",
            "fitted_on": [str(s[0].name) for s in sets] + ["written paragraphs"],
            "tuples": len(rows), "right": sum(r.right for r in rows),
            "points": [list(p) for p in cal.points]}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    load_calibration.cache_clear()
    print(json.dumps(data, indent=1))
    return 0


def _corpus(name: str) -> Path:
    for base in (REPO_ROOT / "corpus", REPO_ROOT.parent / "shared" / "corpus"):
        if (base / name).is_dir():
            return base / name
    raise ConfigError(f"no corpus folder named {name}", hint="pass --set CORPUS GOLD")
