"""Scoring exactly as ``shared/spec/annotation-and-scoring.md`` defines it.

Each document becomes sets of tuples per field, for gold and prediction. A predicted tuple
is a true positive when it matches a mandatory gold tuple; one matching only an optional
gold tuple is ignored; anything else is a false positive. Unmatched mandatory gold tuples
are misses. Dates match when equal, or when the gold value is an ISO week or month and
the predicted day falls inside it. Micro-averaged over documents; the headline is the mean
F1 of authority, start, end, quota, exemption, instrument and official. A field with
nothing to find and nothing found scores F1 = 1.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

__all__ = ["FIELDS", "HEADLINE", "FieldScore", "Score", "evaluate", "load_gold", "load_run", "tuples_gold",
           "tuples_pred"]

FIELDS = ("published", "authority", "start", "end", "quota", "quota_scoped", "exemption", "instrument",
          "official", "observation", "reason")
HEADLINE = ("authority", "start", "end", "quota", "exemption", "instrument", "official")
_DATE_FIELDS = {"published": 0, "start": 1, "end": 1}  # index of the date inside the tuple

Tuples = dict[str, tuple[set[tuple], set[tuple]]]  # field -> (mandatory, optional)


@dataclass
class FieldScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0 if not self.fn else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0 if not self.fp else 0.0

    @property
    def f1(self) -> float:
        if not (self.tp or self.fp or self.fn):
            return 1.0
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Score:
    fields: dict[str, FieldScore] = field(default_factory=lambda: {f: FieldScore() for f in FIELDS})
    detail: dict[str, dict[str, dict[str, list]]] = field(default_factory=dict)  # doc -> field -> miss/extra

    @property
    def headline(self) -> float:
        return sum(self.fields[f].f1 for f in HEADLINE) / len(HEADLINE)


# --- normalisation ---------------------------------------------------------------------------


def _opt(item: Any) -> bool:
    return isinstance(item, dict) and bool(item.get("optional"))


def _val(item: Any, key: str = "value") -> Any:
    return item.get(key) if isinstance(item, dict) else item


def _num(x: Any) -> float:
    return round(float(x), 2)


def _name(name: str) -> str:
    return re.sub(r"\s+", " ", name.lower().replace(".", " ")).strip()


def _date_matches(pred: str, gold: str) -> bool:
    if pred == gold:
        return True
    try:
        d = date.fromisoformat(pred)
    except (TypeError, ValueError):
        return False
    m = re.fullmatch(r"(\d{4})-W(\d{2})", gold)
    if m:
        y, w, _ = d.isocalendar()
        return (y, w) == (int(m.group(1)), int(m.group(2)))
    m = re.fullmatch(r"(\d{4})-(\d{2})", gold)
    if m:
        return (d.year, d.month) == (int(m.group(1)), int(m.group(2)))
    return False


def _matches(fname: str, pred: tuple, gold: tuple) -> bool:
    if fname not in _DATE_FIELDS:
        return pred == gold
    i = _DATE_FIELDS[fname]
    return pred[:i] == gold[:i] and _date_matches(pred[i], gold[i])


# --- gold and prediction as tuples -----------------------------------------------------------


def tuples_gold(g: dict) -> Tuples:
    out: Tuples = {f: (set(), set()) for f in FIELDS}

    def add(fname: str, tup: tuple, optional: bool) -> None:
        out[fname][1 if optional else 0].add(tup)

    pub = g.get("published")
    if _val(pub):
        add("published", (str(_val(pub))[:10],), _opt(pub))
    for inst in g.get("instruments", []):
        add("instrument", (_val(inst, "id"),), _opt(inst))
    for pol in g.get("policies", []):
        popt = _opt(pol)
        a = pol["authority"]
        add("authority", (a,), popt)
        for key in ("start", "end"):
            v = pol.get(key)
            if _val(v):
                add(key, (a, _val(v)), popt or _opt(v))
        for q in pol.get("quotas", []):
            o = popt or _opt(q)
            add("quota", (a, q["mode"], q["op"], _num(q["percent"])), o)
            add("quota_scoped", (a, q["mode"], q["op"], _num(q["percent"]), q.get("scope")), o)
        for e in pol.get("exemptions", []):
            add("exemption", (a, e["category"]), popt or _opt(e))
        for off in pol.get("officials", []):
            add("official", (a, _name(off["name"])), popt or _opt(off))
        for r in pol.get("reasons", []):
            add("reason", (a, _val(r, "code")), popt or _opt(r))
    for ob in g.get("observations", []):
        add("observation", (ob.get("authority"), ob["metric"], ob["op"], _num(ob["value"])), _opt(ob))
    for fname in FIELDS:  # a tuple both mandatory and optional is mandatory
        mand, opt = out[fname]
        out[fname] = (mand, opt - mand)
    return out


def tuples_pred(line: dict | None, records: list[dict]) -> dict[str, set[tuple]]:
    out: dict[str, set[tuple]] = {f: set() for f in FIELDS}
    if line:
        if line.get("published"):
            out["published"].add((str(line["published"])[:10],))
        for inst in line.get("instruments", []):
            out["instrument"].add((_val(inst, "id"),))
        for ob in line.get("observations", []):
            out["observation"].add((ob.get("authority"), ob["metric"], ob["op"], _num(ob["value"])))
    for r in records:
        a = r["authority"]["id"]
        out["authority"].add((a,))
        eff = r.get("effective") or {}
        for key in ("start", "end"):
            if eff.get(key):
                out[key].add((a, eff[key]))
        for q in r.get("quotas", []):
            out["quota"].add((a, q["mode"], q["op"], _num(q["percent"])))
            out["quota_scoped"].add((a, q["mode"], q["op"], _num(q["percent"]), q.get("scope")))
        for e in r.get("exemptions", []):
            out["exemption"].add((a, e["category"]))
        for o in r.get("officials", []):
            out["official"].add((a, _name(o["name"])))
        for reason in r.get("reasons", []):
            out["reason"].add((a, reason))
        for inst in [r.get("instrument")] + list(r.get("legal_basis", [])):
            if inst and inst.get("id"):
                out["instrument"].add((inst["id"],))
    return out


# --- loading and scoring ---------------------------------------------------------------------


def load_gold(gold_dir: Path) -> dict[str, dict]:
    files = sorted(gold_dir.glob("*.json"))
    if not files:
        raise FileNotFoundError(f"no gold *.json files in {gold_dir}")
    return {f.stem: json.loads(f.read_text(encoding="utf-8")) for f in files}


def load_run(run_dir: Path) -> tuple[dict[str, dict], dict[str, list[dict]]]:
    lines: dict[str, dict] = {}
    records: dict[str, list[dict]] = defaultdict(list)
    docs_path, recs_path = run_dir / "documents.jsonl", run_dir / "records.jsonl"
    if not docs_path.exists() or not recs_path.exists():
        raise FileNotFoundError(
            f"{run_dir} has no documents.jsonl/records.jsonl: run `edaran run ... --out {run_dir}` first"
        )
    for text in docs_path.read_text(encoding="utf-8").splitlines():
        if text.strip():
            d = json.loads(text)
            lines[d["doc_id"]] = d
    for text in recs_path.read_text(encoding="utf-8").splitlines():
        if text.strip():
            r = json.loads(text)
            records[r["doc_id"]].append(r)
    return lines, records


def evaluate(gold_dir: Path, run_dir: Path) -> Score:
    gold = load_gold(gold_dir)
    lines, records = load_run(run_dir)
    score = Score()
    for doc_id, g in gold.items():
        gt = tuples_gold(g)
        pt = tuples_pred(lines.get(doc_id), records.get(doc_id, []))
        doc_detail: dict[str, dict[str, list]] = {}
        for fname in FIELDS:
            mand, opt = gt[fname]
            matched: set[tuple] = set()
            extras = []
            for p in sorted(pt[fname], key=repr):
                hit = next((g_ for g_ in mand if g_ not in matched and _matches(fname, p, g_)), None)
                if hit is not None:
                    matched.add(hit)
                    score.fields[fname].tp += 1
                elif any(_matches(fname, p, g_) for g_ in opt | mand):
                    continue  # optional gold, or a second prediction for an already matched tuple
                else:
                    score.fields[fname].fp += 1
                    extras.append(list(p))
            misses = [list(g_) for g_ in sorted(mand - matched, key=repr)]
            score.fields[fname].fn += len(misses)
            if misses or extras:
                doc_detail[fname] = {"miss": misses, "extra": extras}
        if doc_detail:
            score.detail[doc_id] = doc_detail
    return score
