"""Policy-engine benchmark: export time, ``ask`` latency and bundle (regopy) decision latency.

Not a test: prints a markdown table (and writes it to ``benchmarks/engine_results.md``).
Synthetic contract policies (``pipeline.engine.synthetic``: regions with their provinces,
central circulars, chains, recurrences, quotas, horizons) at each size:

- ``export``: ``export_policies`` into a fresh folder — compile, OPA bundle, daily stringency
  index, CSV + Parquet + datapackage.json; the stages are timed apart as well;
- ``ask decide``: the Python decision per question over the compiled rules (what ``edaran ask``
  does after loading); ``ask load``: reading the policies JSON + compiling (paid once per
  ``edaran ask`` call);
- ``bundle``: regopy (``RegoDecider``) load + compile once, then the decision per question.

Questions come from ``question_grid`` (every rule's authority around its start/end, units from
its quotas/exemptions, plus random ones). The machine is shared: the load average is printed.

    python benchmarks/engine_bench.py [--sizes 1000 10000 100000] [--questions 200]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.engine.ask import decide  # noqa: E402
from pipeline.engine.bundle import RegoDecider, write_bundle  # noqa: E402
from pipeline.engine.compile import compile_rules  # noqa: E402
from pipeline.engine.export import export_policies  # noqa: E402
from pipeline.engine.grid import question_grid  # noqa: E402
from pipeline.engine.opendata import build_tables, write_open_data  # noqa: E402
from pipeline.engine.stringency import daily  # noqa: E402
from pipeline.engine.synthetic import synthetic_policies  # noqa: E402


def _ms(xs: list[float]) -> str:
    xs = sorted(xs)
    return f"{statistics.median(xs) * 1000:.2f} / {xs[int(len(xs) * 0.9)] * 1000:.2f}"


def bench(n: int, n_questions: int, rego_max: int) -> dict[str, str]:
    n_regions = max(20, min(400, n // 250))
    pols = synthetic_policies(n, seed=1, n_regions=n_regions, start="2022-01-01", days=1095)
    row: dict[str, str] = {"policies": f"{n:,}", "authorities": str(n_regions + 3)}
    with tempfile.TemporaryDirectory() as tmp:
        tmpd = Path(tmp)
        t = time.perf_counter()
        summary = export_policies(pols, tmpd / "out", revision="bench")
        row["export s"] = f"{time.perf_counter() - t:.1f}"
        row["stringency rows"] = f"{summary['stringency_rows']:,}"
        # the stages apart
        t = time.perf_counter()
        book = compile_rules(pols, revision="bench")
        t_compile = time.perf_counter() - t
        t = time.perf_counter()
        write_bundle(book, tmpd / "opa", revision="bench")
        t_bundle = time.perf_counter() - t
        t = time.perf_counter()
        rows = daily(book)
        t_str = time.perf_counter() - t
        t = time.perf_counter()
        (tmpd / "od").mkdir()
        write_open_data(tmpd / "od", build_tables(pols, [], [], book, rows), revision="bench")
        t_od = time.perf_counter() - t
        row["compile / bundle / stringency / open data s"] = (
            f"{t_compile:.1f} / {t_bundle:.1f} / {t_str:.1f} / {t_od:.1f}")
        row["data.json MB"] = f"{(tmpd / 'opa' / 'data.json').stat().st_size / 1e6:.1f}"

        questions = question_grid(book, n_questions, seed=5)[:n_questions]
        src = tmpd / "policies.json"
        src.write_text(json.dumps(pols))
        t = time.perf_counter()
        from pipeline.engine.source import load_policies

        compile_rules(load_policies(src))
        row["ask load s"] = f"{time.perf_counter() - t:.2f}"
        lat = []
        for q in questions:
            t = time.perf_counter()
            decide(book, *q)
            lat.append(time.perf_counter() - t)
        row["ask decide ms (median / p90)"] = _ms(lat)

        if n <= rego_max:
            t = time.perf_counter()
            rego = RegoDecider(tmpd / "opa")
            row["bundle load s"] = f"{time.perf_counter() - t:.2f}"
            lat = []
            agree = 0
            for q in questions:
                t = time.perf_counter()
                d = rego.decide(*q)
                lat.append(time.perf_counter() - t)
                agree += d == decide(book, *q)
            row["bundle decision ms (median / p90)"] = _ms(lat)
            row["agree"] = f"{agree}/{len(questions)}"
        else:
            row["bundle load s"] = row["bundle decision ms (median / p90)"] = row["agree"] = "(skipped)"
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--questions", type=int, default=200)
    ap.add_argument("--rego-max", type=int, default=100000, help="skip regopy above this size")
    ap.add_argument("--out", type=Path, default=Path(__file__).with_name("engine_results.md"))
    args = ap.parse_args()
    rows = []
    for n in args.sizes:
        rows.append(bench(n, args.questions, args.rego_max))
        print(rows[-1], flush=True)
    cols = list(rows[0])
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    lines += ["| " + " | ".join(r.get(c, "") for c in cols) + " |" for r in rows]
    load = os.getloadavg()
    text = (f"Engine benchmark ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load average "
            f"{load[0]:.1f}/{load[1]:.1f} on {os.cpu_count()} cores)\n\n" + "\n".join(lines) + "\n")
    print(text)
    args.out.write_text(text)


if __name__ == "__main__":
    main()
