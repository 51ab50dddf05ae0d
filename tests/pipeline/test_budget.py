"""The per-document extraction budget: pathological texts finish, alone, with a clear code.

Each case runs ``pipeline.run.run`` in a subprocess under a CPU-time rlimit and a wall-clock
timeout, next to an ordinary article: the run must end normally, the ordinary article must be
``ok`` and the pathological one ``ok`` or failed/skipped with [E-TIMEOUT] / [E-SIZE]. A
quadratic rule, a hang or a crash of the run fails the test (the subprocess is killed).
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pipeline.errors import ExtractionTimeout
from pipeline.extract import check_size, time_limit

ROOT = Path(__file__).resolve().parents[2]
SEED = min((ROOT / "corpus" / "seeds").glob("*.txt"))
CPU_LIMIT_S = 240  # far above what a linear extractor needs; a quadratic one on these inputs takes hours
WALL_LIMIT_S = 600

_RUNNER = textwrap.dedent("""
    import resource, sys
    from pathlib import Path
    resource.setrlimit(resource.RLIMIT_CPU, ({cpu}, {cpu}))
    from pipeline.run import run
    from pipeline.settings import Settings
    settings = Settings(out_dir=Path(sys.argv[1]), classifier=None, max_text_chars={max_chars},
                        doc_time_limit_s={limit})
    summary = run(sys.argv[2:], settings)
    print(summary.ok, summary.failed, summary.skipped)
""")


def _run_budget(tmp_path: Path, name: str, text: str, *, max_chars: int, limit: float) -> dict[str, dict]:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / name).write_text(text, encoding="utf-8")
    (inputs / SEED.name).write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    code = _RUNNER.format(cpu=CPU_LIMIT_S, max_chars=max_chars, limit=limit)
    proc = subprocess.run([sys.executable, "-c", code, str(tmp_path / "out"), str(inputs)], cwd=ROOT,
                          capture_output=True, text=True, timeout=WALL_LIMIT_S, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = [json.loads(x) for x in (tmp_path / "out" / "documents.jsonl").read_text().splitlines()]
    return {Path(d["source"]).name: d for d in lines}


def _assert_finished_alone(docs: dict[str, dict], name: str) -> None:
    assert docs[SEED.name]["status"] == "ok"  # the run went on
    doc = docs[name]
    if doc["status"] != "ok":
        assert doc["error"].startswith(("[E-TIMEOUT]", "[E-SIZE]")), doc["error"]


@pytest.mark.slow
def test_budget_repeated_quota_phrase(tmp_path: Path) -> None:
    docs = _run_budget(tmp_path, "wfh.txt", "WFH 50 persen " * 4000, max_chars=3_000_000, limit=120)
    _assert_finished_alone(docs, "wfh.txt")


@pytest.mark.slow
def test_budget_ten_megabyte_line_is_refused_by_size(tmp_path: Path) -> None:
    words = [
        "pegawai",
        "ASN",
        "bekerja",
        "dari",
        "rumah",
        "WFH",
        "maksimal",
        "persen",
        "Senin",
        "Wali",
        "Kota",
        "Bandung",
        "nomor",
    ]
    text = " ".join(words[i % len(words)] for i in range(1_400_000))[:10_000_000]
    docs = _run_budget(tmp_path, "line.txt", text, max_chars=3_000_000, limit=120)
    assert docs["line.txt"]["status"] == "skipped" and docs["line.txt"]["error"].startswith("[E-SIZE]")
    assert "--max-text-chars" in docs["line.txt"]["error"]
    assert docs[SEED.name]["status"] == "ok"


@pytest.mark.slow
def test_budget_hundred_thousand_paragraphs(tmp_path: Path) -> None:
    text = "\n\n".join(f"Paragraf {i}: ASN WFH." for i in range(100_000))
    docs = _run_budget(tmp_path, "paras.txt", text, max_chars=3_000_000, limit=120)
    _assert_finished_alone(docs, "paras.txt")


def test_budget_time_limit_fails_one_document_with_a_code(tmp_path: Path) -> None:
    """A tiny time budget: the document fails with [E-TIMEOUT] (interrupted inside a rule)."""
    docs = _run_budget(tmp_path, "paras.txt", "\n\n".join(f"Paragraf {i}: ASN WFH." for i in range(20_000)),
                       max_chars=3_000_000, limit=0.05)
    assert docs["paras.txt"]["status"] == "failed"
    assert docs["paras.txt"]["error"].startswith("[E-TIMEOUT]") and "--doc-time-limit" in docs["paras.txt"]["error"]


def test_time_limit_interrupts_and_check_size_refuses() -> None:
    with pytest.raises(ExtractionTimeout), time_limit(0.05):
        while True:
            pass
    with time_limit(None) as deadline:
        assert deadline is None

    class _Doc:
        text = "x" * 11

    with pytest.raises(Exception, match=r"\[E-SIZE\].*--max-text-chars"):
        check_size(_Doc(), 10)  # type: ignore[arg-type]
    check_size(_Doc(), 11)  # type: ignore[arg-type]
