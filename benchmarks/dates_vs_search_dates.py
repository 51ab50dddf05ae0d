"""Policy start/end dates: our Indonesian date layer vs plain ``dateparser.search_dates``.

Not a test: a script that prints a table. For every gold file in the given folders (default
annotations/seeds and annotations/dev, whichever exist) it reads the document text, then
compares, authority-agnostic, against the gold's mandatory policy start/end dates:

  (a) ``extract_dates``: every date with role start / end / range (a range gives both ends;
      superseded plans are left out, as the assembler leaves them out);
  (b) ``dateparser.search_dates(text, languages=['id'], settings={'RELATIVE_BASE': published,
      'DATE_ORDER': 'DMY'})``: every date it finds.

Matching follows shared/spec/annotation-and-scoring.md: equal values match, and a gold week
or month matches a predicted day inside it; predictions matching only an optional gold date
are ignored, unmatched optional gold dates are no misses. P/R/F1 are micro-averaged.

    python benchmarks/dates_vs_search_dates.py [GOLD_DIR ...] [--texts DIR ...] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractors.base import Context  # noqa: E402
from extractors.dates import extract_dates  # noqa: E402

DEFAULT_GOLD = [ROOT / "annotations" / "seeds", ROOT / "annotations" / "dev"]
DEFAULT_TEXTS = [
    ROOT.parent / "shared" / "corpus" / "seeds",
    ROOT.parent / "shared" / "corpus" / "dev",
    ROOT / "corpus" / "seeds",
    ROOT / "corpus" / "dev",
]


# --- gold ------------------------------------------------------------------------------------------


def _value(v: object) -> tuple[str | None, bool]:
    """A gold date as (value, optional)."""
    if isinstance(v, dict):
        return v.get("value"), bool(v.get("optional"))
    return (v if isinstance(v, str) else None), False


def gold_dates(gold: dict) -> tuple[set[str], set[str]]:
    """(mandatory, optional) policy start/end values of one gold file, authority-agnostic."""
    mandatory: set[str] = set()
    optional: set[str] = set()
    for policy in gold.get("policies", []):
        for key in ("start", "end"):
            value, opt = _value(policy.get(key))
            if value:
                (optional if opt or policy.get("optional") else mandatory).add(value)
    return mandatory, optional - mandatory


def _span(value: str) -> tuple[date, date]:
    """The days a gold/predicted value covers: a day, an ISO week '2023-W35', a month '2023-09'."""
    if "W" in value:
        y, w = value.split("-W")
        first = date.fromisocalendar(int(y), int(w), 1)
        return first, first + timedelta(days=6)
    if len(value) == 7:
        y, m = map(int, value.split("-"))
        nxt = date(y + (m == 12), m % 12 + 1, 1)
        return date(y, m, 1), nxt - timedelta(days=1)
    d = date.fromisoformat(value[:10])
    return d, d


def matches(pred: str, gold: str) -> bool:
    """Equal, or the gold is a week/month and the predicted day lies inside it."""
    if pred == gold:
        return True
    if len(pred) != 10 or len(gold) == 10:
        return False
    lo, hi = _span(gold)
    return lo <= date.fromisoformat(pred) <= hi


def published_of(gold: dict, meta: Path) -> date | None:
    value, _ = _value(gold.get("published"))
    if not value and meta.exists():
        value = json.loads(meta.read_text(encoding="utf-8")).get("published")
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


# --- the two methods -------------------------------------------------------------------------------


def ours(text: str, pub: date | None) -> set[str]:
    out: set[str] = set()
    for span in extract_dates(text, Context(published=pub)):
        v = span.value
        if v.superseded:
            continue
        if v.role in ("start", "range") and v.start:
            out.add(v.start)
        if v.role in ("end", "range") and v.end:
            out.add(v.end)
    return out


def plain_search_dates(text: str, pub: date | None) -> set[str]:
    from dateparser.search import search_dates

    settings: dict[str, object] = {"DATE_ORDER": "DMY"}
    if pub is not None:
        settings["RELATIVE_BASE"] = datetime(pub.year, pub.month, pub.day)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = search_dates(text, languages=["id"], settings=settings) or []
    return {d.date().isoformat() for _, d in found}


# --- scoring ---------------------------------------------------------------------------------------


def score(pred: set[str], mandatory: set[str], optional: set[str]) -> tuple[int, int, int, int]:
    """(true-positive predictions, false positives, gold dates found, gold dates missed).

    Several predicted days can fall in one gold month, so precision counts predictions and
    recall counts gold dates."""
    tp = sum(1 for p in pred if any(matches(p, g) for g in mandatory))
    fp = sum(1 for p in pred if not any(matches(p, g) for g in mandatory | optional))
    found = sum(1 for g in mandatory if any(matches(p, g) for p in pred))
    return tp, fp, found, len(mandatory) - found


def _prf(tp: int, fp: int, found: int, missed: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = found / (found + missed) if found + missed else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _find_text(doc_id: str, text_dirs: Iterable[Path]) -> Path | None:
    for d in text_dirs:
        if (d / f"{doc_id}.txt").exists():
            return d / f"{doc_id}.txt"
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", nargs="*", type=Path, help="gold folders (default: annotations/seeds, annotations/dev)")
    ap.add_argument("--texts", nargs="*", type=Path, default=DEFAULT_TEXTS, help="folders holding <doc_id>.txt")
    ap.add_argument("--repeat", type=int, default=20, help="timing repetitions of our layer (search_dates runs once)")
    ap.add_argument("--verbose", "-v", action="store_true", help="per-document predictions")
    args = ap.parse_args(argv)

    folders = [g for g in (args.gold or DEFAULT_GOLD) if g.is_dir() and any(g.glob("*.json"))]
    if not folders:
        print("no gold folder with *.json found", file=sys.stderr)
        return 1
    docs = []
    for folder in folders:
        for gp in sorted(folder.glob("*.json")):
            gold = json.loads(gp.read_text(encoding="utf-8"))
            doc_id = gold.get("doc_id", gp.stem)
            tp = _find_text(doc_id, args.texts)
            if tp is None:
                print(f"skip {doc_id}: no text", file=sys.stderr)
                continue
            docs.append(
                (doc_id, tp.read_text(encoding="utf-8"), published_of(gold, tp.with_suffix(".meta.json")), gold)
            )
    print(f"{len(docs)} documents from {', '.join(str(f) for f in folders)}")

    methods: list[tuple[str, Callable[[str, date | None], set[str]], int]] = [
        ("date.v1 (start/end/range)", ours, max(1, args.repeat)),
        ("dateparser.search_dates", plain_search_dates, 1),
    ]
    ours(docs[0][1], docs[0][2]) if docs else None  # warm caches (lexicons, lokal)
    plain_search_dates("besok 16 April 2024", date(2024, 4, 16))  # warm dateparser's language data
    rows = []
    for name, fn, repeat in methods:
        totals = [0, 0, 0, 0]
        elapsed = 0.0
        for doc_id, text, pub, gold in docs:
            t0 = time.process_time()  # CPU time: other processes on the machine do not count
            for _ in range(repeat):
                pred = fn(text, pub)
            elapsed += (time.process_time() - t0) / repeat
            mandatory, optional = gold_dates(gold)
            totals = [a + b for a, b in zip(totals, score(pred, mandatory, optional), strict=False)]
            if args.verbose:
                print(
                    f"  {name[:10]:10s} {doc_id:40s} gold={sorted(mandatory)} opt={sorted(optional)} pred={sorted(pred)}"  # noqa: E501
                )
        p, r, f = _prf(*totals)
        rows.append((name, p, r, f, elapsed / max(1, len(docs)) * 1000, *totals))

    print(
        f"{'method':28s} {'P':>6s} {'R':>6s} {'F1':>6s} {'cpu ms/doc':>10s} {'TP':>4s} {'FP':>4s} {'gold':>5s} {'FN':>4s}"  # noqa: E501
    )
    for name, p, r, f, ms, tp, fp, found, missed in rows:
        print(f"{name:28s} {p:6.3f} {r:6.3f} {f:6.3f} {ms:10.2f} {tp:4d} {fp:4d} {found + missed:5d} {missed:4d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
