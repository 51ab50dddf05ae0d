#!/usr/bin/env python3
"""Inter-annotator agreement for gold policy annotations (stdlib only).

Usage:  python agreement.py DIR_A DIR_B

Each DIR holds one gold file per document (<doc_id>.json, format of
spec/annotation-and-scoring.md). A is scored against B (B is the reference).

Every file is turned into the spec's scoring tuples:

  published      (date)
  authority      (authority)                        one per policy
  start, end     (authority, date)                  for each policy with that date
  quota          (authority, mode, op, percent)
  quota_scoped   (authority, mode, op, percent, scope)
  exemption      (authority, category)
  instrument     (instrument id)
  official       (authority, name)   name lower-cased, dots and extra spaces removed
  observation    (authority, metric, op, value)
  reason         (authority, reason)

Optional items, as in the spec: an item marked "optional" (or a date/reason in
the {"value"/"code": ..., "optional": true} form) gives an optional tuple, and an
optional policy makes every tuple under it optional. A tuple that occurs both
mandatory and optional in the same file counts as mandatory.

Counting (symmetric treatment of optional tuples):
  - an optional tuple of either side is never a hit, a false positive or a miss;
  - a mandatory A tuple that matches a mandatory B tuple is a true positive
    (precision side); if it matches only an optional B tuple it is ignored;
    otherwise it is a false positive;
  - a mandatory B tuple that matches a mandatory A tuple is a true positive
    (recall side); if it matches only an optional A tuple it is ignored;
    otherwise it is a miss (false negative).
Dates match when equal, or when one side is an ISO week (2023-W35) or month
(2023-09) and the other side's day falls inside it (the spec's gold-side rule,
applied in both directions because neither annotation is more authoritative).

P = TP_A / (TP_A + FP), R = TP_B / (TP_B + FN), micro-averaged over documents
per field. A field with nothing counted on either side is reported as n/a and
left out of the headline. Headline = mean F1 of authority, start, end, quota,
exemption, instrument, official.
"""
import datetime
import json
import os
import re
import sys

FIELDS = ["published", "authority", "start", "end", "quota", "quota_scoped",
          "exemption", "instrument", "official", "observation", "reason"]
HEADLINE = ["authority", "start", "end", "quota", "exemption", "instrument", "official"]
DATE_FIELDS = {"published": 0, "start": 1, "end": 1}  # field -> index of the date in the tuple


def _val(x, key):
    """(value, optional) from a plain value or a {key: value, "optional": bool} object."""
    if isinstance(x, dict):
        return x.get(key), bool(x.get("optional", False))
    return x, False


def norm_name(name):
    name = (name or "").lower().replace(".", " ")
    return re.sub(r"\s+", " ", name).strip()


def tuples(gold):
    """field -> {tuple: optional?}; a tuple seen mandatory anywhere is mandatory."""
    out = {f: {} for f in FIELDS}

    def add(field, tup, optional):
        out[field][tup] = out[field].get(tup, True) and optional

    pub, opt = _val(gold.get("published"), "value")
    if pub:
        add("published", (pub,), opt)
    for ins in gold.get("instruments", []) or []:
        iid, opt = _val(ins, "id")
        if iid:
            add("instrument", (iid,), opt)
    for pol in gold.get("policies", []) or []:
        auth = pol["authority"]
        popt = bool(pol.get("optional", False))
        add("authority", (auth,), popt)
        for fld in ("start", "end"):
            d, opt = _val(pol.get(fld), "value")
            if d:
                add(fld, (auth, d), popt or opt)
        for q in pol.get("quotas", []) or []:
            opt = popt or bool(q.get("optional", False))
            add("quota", (auth, q["mode"], q["op"], q["percent"]), opt)
            add("quota_scoped", (auth, q["mode"], q["op"], q["percent"], q.get("scope")), opt)
        for e in pol.get("exemptions", []) or []:
            add("exemption", (auth, e["category"]), popt or bool(e.get("optional", False)))
        for o in pol.get("officials", []) or []:
            add("official", (auth, norm_name(o.get("name"))), popt or bool(o.get("optional", False)))
        for r in pol.get("reasons", []) or []:
            code, opt = _val(r, "code")
            add("reason", (auth, code), popt or opt)
    for ob in gold.get("observations", []) or []:
        add("observation", (ob["authority"], ob["metric"], ob["op"], ob["value"]),
            bool(ob.get("optional", False)))
    return out


def _span(d):
    """(first day, last day) of a day, ISO week or month string; None if unparsable."""
    d = str(d)
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", d):
            x = datetime.date.fromisoformat(d)
            return x, x
        m = re.fullmatch(r"(\d{4})-W(\d{2})", d)
        if m:
            a = datetime.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
            return a, a + datetime.timedelta(days=6)
        m = re.fullmatch(r"(\d{4})-(\d{2})", d)
        if m:
            y, mo = int(m.group(1)), int(m.group(2))
            a = datetime.date(y, mo, 1)
            b = datetime.date(y + (mo == 12), mo % 12 + 1, 1) - datetime.timedelta(days=1)
            return a, b
    except ValueError:
        return None
    return None


def date_match(x, y):
    if x == y:
        return True
    sx, sy = _span(x), _span(y)
    if not sx or not sy:
        return False
    if sx[0] == sx[1] and sy[0] != sy[1]:      # x is a day, y coarse
        return sy[0] <= sx[0] <= sy[1]
    if sy[0] == sy[1] and sx[0] != sx[1]:      # y is a day, x coarse
        return sx[0] <= sy[0] <= sx[1]
    return False


def match(field, t, u):
    if field not in DATE_FIELDS:
        return t == u
    i = DATE_FIELDS[field]
    return t[:i] == u[:i] and t[i + 1:] == u[i + 1:] and date_match(t[i], u[i])


def compare(field, a, b):
    """a, b: {tuple: optional}. Returns counts and the disagreeing tuples."""
    a_m = [t for t, o in a.items() if not o]
    b_m = [t for t, o in b.items() if not o]
    a_o = [t for t, o in a.items() if o]
    b_o = [t for t, o in b.items() if o]
    tp_a = fp = tp_b = fn = 0
    fps, fns, ign = [], [], []
    for t in a_m:
        if any(match(field, t, u) for u in b_m):
            tp_a += 1
        elif any(match(field, t, u) for u in b_o):
            ign.append(("A mandatory / B optional", t))
        else:
            fp += 1
            fps.append(t)
    for u in b_m:
        if any(match(field, t, u) for t in a_m):
            tp_b += 1
        elif any(match(field, t, u) for t in a_o):
            ign.append(("A optional / B mandatory", u))
        else:
            fn += 1
            fns.append(u)
    for t in a_o:
        if not any(match(field, t, u) for u in a_m + b_m + b_o):
            ign.append(("A optional only", t))
    for u in b_o:
        if not any(match(field, t, u) for t in b_m + a_m + a_o):
            ign.append(("B optional only", u))
    return (tp_a, fp, tp_b, fn), fps, fns, ign


def prf(tp_a, fp, tp_b, fn):
    if tp_a + fp + tp_b + fn == 0:
        return None
    p = tp_a / (tp_a + fp) if tp_a + fp else 0.0
    r = tp_b / (tp_b + fn) if tp_b + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def load_dir(d):
    out = {}
    for name in sorted(os.listdir(d)):
        if name.endswith(".json"):
            with open(os.path.join(d, name), encoding="utf-8") as fh:
                out[name[:-5]] = json.load(fh)
    return out


def strict(tp):
    """Every tuple counted as mandatory (supplementary view, not the spec's scoring)."""
    return {f: {t: False for t in d} for f, d in tp.items()}


def table(totals, title):
    print(title)
    print()
    print("| field | TP(A) | FP | TP(B) | FN | P | R | F1 | in headline |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    f1s = []
    for f in FIELDS:
        tp_a, fp, tp_b, fn = totals[f]
        res = prf(tp_a, fp, tp_b, fn)
        head = "yes" if f in HEADLINE else "no"
        if res is None:
            note = head + (" (n/a, left out)" if f in HEADLINE else "")
            print("| %s | 0 | 0 | 0 | 0 | n/a | n/a | n/a | %s |" % (f, note))
            continue
        p, r, f1 = res
        if f in HEADLINE:
            f1s.append(f1)
        print("| %s | %d | %d | %d | %d | %.3f | %.3f | %.3f | %s |" % (f, tp_a, fp, tp_b, fn, p, r, f1, head))
    print()
    if f1s:
        print("Headline (mean F1 of %s; n/a fields left out, %d fields used): %.3f"
              % (", ".join(HEADLINE), len(f1s), sum(f1s) / len(f1s)))
    else:
        print("Headline: n/a")
    print()


def main(argv):
    if len(argv) != 3:
        sys.exit("usage: python agreement.py DIR_A DIR_B")
    dir_a, dir_b = argv[1], argv[2]
    A, B = load_dir(dir_a), load_dir(dir_b)
    docs = sorted(set(A) | set(B))
    empty = {"policies": [], "instruments": [], "observations": []}
    totals = {f: [0, 0, 0, 0] for f in FIELDS}
    totals_strict = {f: [0, 0, 0, 0] for f in FIELDS}
    per_doc = []
    for doc in docs:
        ta, tb = tuples(A.get(doc, empty)), tuples(B.get(doc, empty))
        sa, sb = strict(ta), strict(tb)
        for f in FIELDS:
            c = compare(f, sa[f], sb[f])[0]
            for i in range(4):
                totals_strict[f][i] += c[i]
        lines = []
        if doc not in A or doc not in B:
            lines.append("  file missing in %s" % ("A" if doc not in A else "B"))
        for f in FIELDS:
            c, fps, fns, ign = compare(f, ta[f], tb[f])
            for i in range(4):
                totals[f][i] += c[i]
            for t in fps:
                lines.append("  %-12s only A (mandatory): %s" % (f, t))
            for t in fns:
                lines.append("  %-12s only B (mandatory): %s" % (f, t))
            for kind, t in ign:
                lines.append("  %-12s ignored (%s): %s" % (f, kind, t))
        per_doc.append((doc, lines))

    print("Agreement of A (%s) against B (%s) as reference, %d documents" % (dir_a, dir_b, len(docs)))
    print()
    table(totals, "Spec scoring: optional tuples ignored on either side")
    table(totals_strict, "Supplementary, strict: every tuple counted, optional flags disregarded")
    print("Per-document differences (counted disagreements, then tuples ignored as optional):")
    for doc, lines in per_doc:
        if lines:
            print(doc)
            for ln in lines:
                print(ln)
        else:
            print(doc + ": identical tuples")


if __name__ == "__main__":
    main(sys.argv)
