"""Hostile PDFs through `edaran run`: each fails alone with its own code, the run goes on.

Issue 14 (1): a 600-byte self-referencing PDF hung the run, a 3 KB nested-form PDF took
24 GB, a 16,000-word page and a watermark made line grouping quadratic.
"""

from __future__ import annotations

import time
from pathlib import Path

import hostile_pdfs as pdfgen
import pytest

from pipeline.errors import OutOfMemory, TimedOut
from pipeline.pdf.parser import parse_pdf
from pipeline.pdf.structure import check_structure
from pipeline.pdf.worker import run_isolated

GOOD_TEXT = "Pegawai WFH 50 persen.\n"


@pytest.fixture(scope="module")
def pdf_run(tmp_path_factory: pytest.TempPathFactory, cli):
    """One CLI run over every hostile PDF plus a good text file."""
    src = tmp_path_factory.mktemp("hostile_pdfs")
    cases = {
        "self_reference": pdfgen.self_reference_pdf(),
        "reference_chain": pdfgen.reference_chain_cycle_pdf(),
        "self_drawing_form": pdfgen.self_drawing_form_pdf(),
        "nested_forms": pdfgen.nested_forms_pdf(depth=7, fanout=10),
        "tiny_words": pdfgen.tiny_words_pdf(),
        "watermark": pdfgen.watermark_pdf(),
        "plain": pdfgen.text_pdf(),
    }
    for name, data in cases.items():
        (src / f"{name}.pdf").write_bytes(data)
    (src / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    return cli(str(src), out=tmp_path_factory.mktemp("out"))


def test_hostile_pdfs_run_completes_under_limits(pdf_run) -> None:
    """Within the CLI's memory limit and budget (a hang or a 24 GB allocation fails here)."""
    assert pdf_run.returncode == 0, pdf_run.stderr[-2000:]
    docs = pdf_run.documents()
    assert set(docs) == {"self_reference", "reference_chain", "self_drawing_form", "nested_forms", "tiny_words",
                         "watermark", "plain", "good"}
    assert docs["good"]["status"] == "ok" and docs["plain"]["status"] == "ok"


@pytest.mark.parametrize("doc_id, message", [
    ("self_reference", "PDF object 6 refers to itself through references (6 -> 6)"),
    ("reference_chain", "(6 -> 7 -> 6)"),
    ("self_drawing_form", "form XObject 10 draws itself"),
    ("nested_forms", "draws nested form XObjects over 10,000 times"),
])
def test_hostile_pdf_structure_is_refused(pdf_run, doc_id: str, message: str) -> None:
    line = pdf_run.documents()[doc_id]
    assert line["status"] == "failed"
    assert line["error"].startswith("[E-PARSE]") and message in line["error"]
    assert "re-export" in line["error"]  # the hint says what to do


def test_hostile_pdf_dense_page_and_watermark_are_read(pdf_run) -> None:
    docs = pdf_run.documents()
    assert docs["tiny_words"]["status"] == "ok"
    assert docs["watermark"]["status"] == "ok"


def test_hostile_pdf_over_memory_limit_fails_alone(tmp_path: Path, cli) -> None:
    """A deflate bomb (800 MB from 1 MB) over --pdf-memory-mb -> [E-MEMORY]; the run goes on."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "bomb.pdf").write_bytes(pdfgen.flate_bomb_pdf(800))
    (src / "zz_good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    run = cli(str(src), "--pdf-memory-mb", "300", out=tmp_path / "out")
    assert run.returncode == 0, run.stderr[-2000:]
    docs = run.documents()
    assert docs["bomb"]["status"] == "failed" and docs["bomb"]["error"].startswith("[E-MEMORY]")
    assert "--pdf-memory-mb" in docs["bomb"]["error"]
    assert docs["zz_good"]["status"] == "ok"


def test_hostile_pdf_over_time_limit_fails_alone(tmp_path: Path, cli) -> None:
    """A page slower than --pdf-time-limit -> [E-TIMEOUT] (worker killed); the run goes on."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "slow.pdf").write_bytes(pdfgen.tiny_words_pdf(16000))
    (src / "zz_good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    run = cli(str(src), "--pdf-time-limit", "0.3", out=tmp_path / "out")
    assert run.returncode == 0, run.stderr[-2000:]
    docs = run.documents()
    assert docs["slow"]["status"] == "failed" and docs["slow"]["error"].startswith("[E-TIMEOUT]")
    assert "--pdf-time-limit" in docs["slow"]["error"] or "pdf_time_limit_s" in docs["slow"]["error"]
    assert docs["zz_good"]["status"] == "ok"


# --- the worker and the layout, through the Python API -----------------------------------------


def test_worker_is_killed_on_expiry_and_replaced() -> None:
    t0 = time.monotonic()
    with pytest.raises(TimedOut, match="worker process was killed"):
        run_isolated(time.sleep, 600, timeout_s=1.0)
    assert time.monotonic() - t0 < 300  # not the 600 s the function asked for (a hang guard, not a speed test)
    assert run_isolated(sorted, [3, 1, 2], timeout_s=60) == [1, 2, 3]  # a fresh worker serves the next job


def test_worker_memory_limit_cannot_be_defeated_from_inside() -> None:
    with pytest.raises(OutOfMemory, match="300 MB"):
        run_isolated(bytearray, 1 << 30, timeout_s=60, memory_mb=300)


def test_structure_check_passes_ordinary_pdfs(tmp_path: Path) -> None:
    check_structure(pdfgen.text_pdf())
    check_structure(pdfgen.nested_forms_pdf(depth=2, fanout=3))  # a logo inside a letterhead: fine


def test_watermark_glyphs_are_dropped_before_line_grouping() -> None:
    text = parse_pdf(pdfgen.watermark_pdf()).text
    assert "SALINAN" not in text
    for i in (1, 20, 40):
        assert f"Baris {i}: pegawai bekerja dari rumah paling banyak 50 persen." in text
