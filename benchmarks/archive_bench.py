"""Archive benchmark: query latency at N synthetic policies (SQLite and PostgreSQL) for the three
research questions, and consolidation time per added document as the archive grows.

    python benchmarks/archive_bench.py                      # 100,000 policies, both backends
    python benchmarks/archive_bench.py --policies 20000 --backends sqlite

PostgreSQL: ``--pg-url postgresql://...`` (a database the benchmark may fill), else a throwaway
local server (pipeline/archive/pgtemp.py; needs Debian's postgresql package). Prints markdown tables.

Synthetic archive: one document per record, spread over every Kemendagri region and five central
bodies; 90 % of records name an instrument (10 % of those a second report of an earlier one),
10 % none; periods between 2020 and 2025; a third cite SE:MENPANRB:1/2024 or another central
instrument. It is loaded one authority per batch (each batch re-consolidates one authority).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.archive import open_archive
from pipeline.models import DocumentLine, Record

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = {
    "Q1 WFH in force on 2024-04-16": {"date": "2024-04-16", "mode": "WFH"},
    "Q2 cites SE:MENPANRB:1/2024": {"instrument": "SE:MENPANRB:1/2024"},
    "Q3 timeline of DKI Jakarta": {"authority": "region:31"},
    "Q3b province + kab/kota (region:32)": {"authority": "region:32"},
    "text 'arus balik'": {"text": "arus balik"},
}
CENTRAL = ["SE:MENPANRB:1/2024", "SE:MENPANRB:19/2020", "PERMEN:MENPANRB:4/2025", "INSTRUKSI:MENDAGRI:27/2021",
           "SE:MENPANRB:67/2020"]
WORDS = ["asn", "pegawai", "kantor", "rumah", "kebijakan", "surat", "edaran", "wali", "kota", "bupati", "gubernur", "mudik", "arus", "balik", "lebaran", "kemacetan", "polusi", "layanan", "publik", "kesehatan", "pendidikan", "sekolah", "zona", "merah", "kuning"]  # noqa: E501


def _authorities() -> list[tuple[str, str, str]]:
    regions = json.loads((ROOT / "extractors/lexicons/authority_regions.json").read_text(encoding="utf-8"))["regions"]
    out = [(f"region:{c}", n, t) for c, n, t in regions]
    out += [(f"central:{s}", s, "central") for s in ("kemenpanrb", "kemendagri", "bkn", "presiden", "kemenkes")]
    return out


def _inst(i: str) -> dict:
    typ, issuer, rest = i.split(":")
    number, year = rest.rsplit("/", 1)
    return {"id": i, "type": typ, "issuer": issuer, "number": number, "year": int(year)}


def _item(rng: random.Random, n: int, auth: tuple[str, str, str], k: int) -> tuple:
    aid, name, level = auth
    day = date(2020, 1, 1) + timedelta(days=rng.randrange(6 * 365))
    length = rng.choice([1, 2, 7, 14, 30, 60, None])
    modes = rng.sample(["WFO", "WFH", "WFA"], rng.randint(1, 2))
    issuer = aid.split(":")[1].upper().replace(".", "-")
    roll = rng.random()
    instrument = None if roll < 0.1 else f"SE:{issuer}:{k // 10 if roll > 0.9 else k}/{day.year}"
    cites = [_inst(rng.choice(CENTRAL))] if rng.random() < 0.33 else []
    text = " ".join(rng.choice(WORDS) for _ in range(40))
    doc_id = f"bench-{n:07d}"
    rec = Record.model_validate({
        "record_id": f"r{n:07d}", "doc_id": doc_id, "authority": {"id": aid, "name": name, "level": level},
        "instrument": _inst(instrument) if instrument else None, "legal_basis": cites, "modes": modes,
        "effective": {"start": day.isoformat(),
                      "end": (day + timedelta(days=length - 1)).isoformat() if length else None},
        "quotas": [{"mode": "WFH", "op": "<=", "percent": rng.choice([25, 50, 75]), "scope": "all"}] if "WFH" in modes else [],  # noqa: E501
        "exemptions": [{"category": "health", "text": "kesehatan"}] if rng.random() < 0.3 else [],
        "confidence": 0.8,
        "evidence": [{"field": "authority", "start": 0, "end": 3, "text": text[:3], "rule": "bench"}],
    })
    line = DocumentLine(doc_id=doc_id, status="ok", kind=rng.choice(["news", "news", "circular"]),
                        published=(day - timedelta(days=1)).isoformat(), publisher="Bench", records=1,
                        url=f"https://bench.test/{n}", sha256=f"s{n}")
    return line, [rec], text, "bench"


def load(target: str, policies: int, start: int = 0, seed: int = 7) -> float:
    """Add about ``policies`` policies (records numbered from ``start``), one batch per authority;
    returns seconds."""
    rng = random.Random(seed + start)
    auths = _authorities()
    per = max(1, round(policies * 1.05 / len(auths)))  # ~5 % of records are second reports
    t0 = time.perf_counter()
    n = start
    with open_archive(target) as arc:
        for auth in auths:
            arc.write_batch([_item(rng, n + i, auth, n + i) for i in range(per)])
            n += per
    return time.perf_counter() - t0


def latency(target: str, repeat: int = 5) -> dict[str, tuple[float, int]]:
    out = {}
    with open_archive(target, readonly=True) as arc:
        for label, q in QUESTIONS.items():
            times = []
            for _ in range(repeat):
                t0 = time.perf_counter()
                found = arc.policies(**q)
                times.append(time.perf_counter() - t0)
            out[label] = (statistics.median(times), len(found))
    return out


def add_one(target: str, n0: int, count: int = 20, seed: int = 11) -> float:
    """Median seconds to add (and consolidate) one document, one batch each."""
    rng = random.Random(seed)
    auths = [a for a in _authorities() if a[0].startswith("region:")]
    times = []
    with open_archive(target) as arc:
        for i in range(count):
            item = _item(rng, n0 + i, rng.choice(auths), 900_000 + i)
            t0 = time.perf_counter()
            arc.write_batch([item])
            times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--policies", type=int, default=100_000)
    ap.add_argument("--growth", default="1000,10000,100000", help="archive sizes for the per-document table")
    ap.add_argument("--backends", default="sqlite,postgresql")
    ap.add_argument("--pg-url", default=None)
    args = ap.parse_args()
    backends = args.backends.split(",")
    from contextlib import ExitStack

    with ExitStack() as stack:
        server = None
        if "postgresql" in backends and args.pg_url is None:
            from pipeline.archive.pgtemp import throwaway_server

            server = stack.enter_context(throwaway_server())
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="edaran-bench-")))

        def target(backend: str, name: str) -> str:
            if backend == "sqlite":
                return str(tmp / name)
            if args.pg_url:
                return args.pg_url
            from pipeline.archive.pgtemp import create_database

            return create_database(server, name)  # type: ignore[arg-type]

        sizes = sorted({int(x) for x in args.growth.split(",") if int(x) < args.policies} | {args.policies})
        growth: dict[str, list[float]] = {b: [] for b in backends}
        rows = {}
        for b in backends:
            t = target(b, "bench")
            have = 0
            for size in sizes:  # grow the same archive stage by stage
                secs = load(t, size - have, start=have * 2)
                have = size
                growth[b].append(add_one(t, 10_000_000 + size))
                print(f"- {b}: {size:,} policies (stage loaded in {secs:.1f} s)", file=sys.stderr)
            with open_archive(t, readonly=True) as arc:
                counts = arc.counts()
            rows[b] = (latency(t), counts)
        print(f"## Query latency at {args.policies:,} synthetic policies (median of 5, via Archive.policies)\n")
        print("| question | " + " | ".join(f"{b} ms (policies)" for b in backends) + " |")
        print("|---|" + "---|" * len(backends))
        for label in QUESTIONS:
            print(f"| {label} | " + " | ".join(f"{rows[b][0][label][0] * 1000:.1f} ({rows[b][0][label][1]:,})"
                                               for b in backends) + " |")
        print("\n" + ", ".join(f"{b}: {rows[b][1]['records']:,} records, {rows[b][1]['policies']:,} policies"
                               for b in backends))
        print("\n## Consolidation time per added document as the archive grows (median of 20 one-document batches)\n")
        print("| archive size (policies) | " + " | ".join(f"{b} ms/doc" for b in backends) + " |")
        print("|---|" + "---|" * len(backends))
        for i, size in enumerate(sizes):
            print(f"| {size:,} | " + " | ".join(f"{growth[b][i] * 1000:.1f}" for b in backends) + " |")

if __name__ == "__main__":
    main()
