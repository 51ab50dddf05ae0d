"""The plain pipeline end to end: bad inputs, idempotent re-runs, kill-safe exports, evidence."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from pipeline.run import run
from pipeline.settings import Settings

GOOD = ("Pemkot Bogor Terapkan WFH bagi ASN\n\n"
        "BOGOR - Pemerintah Kota Bogor menerapkan work from home (WFH) bagi aparatur sipil negara "
        "maksimal 50 persen pada 16-17 April 2024, kata Wali Kota Bogor, Bima Arya, Senin (15/4/2024).\n")


def _lines(out: Path) -> dict[str, dict]:
    return {d["doc_id"]: d for d in map(json.loads, (out / "documents.jsonl").read_text().splitlines())}


@pytest.fixture
def bad_corpus(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (d / "latin1.txt").write_bytes("Pemkot menerapkan WFH bagi ASN di kantor caf\u00e9 \u00bd hari.".encode("cp1252"))
    (d / "notes.docx").write_bytes(b"PK\x03\x04 not really a docx")
    (d / "huge.txt").write_text("WFH " * 5000, encoding="utf-8")
    (d / "junk.html").write_text("<html><body><nav>menu</nav><script>x()</script></body></html>", encoding="utf-8")
    return d


def test_run_bad_inputs_each_get_a_line_and_the_run_goes_on(bad_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = run([str(bad_corpus)], Settings(out_dir=out, max_bytes=10_000))
    lines = _lines(out)
    assert set(lines) == {"good", "empty", "binary", "latin1", "notes", "huge", "junk"}
    assert lines["good"]["status"] == "ok" and lines["good"]["records"] >= 1
    expect = {"empty": ("failed", "[E-EMPTY]"), "binary": ("failed", "[E-DECODE]"),
              "latin1": ("failed", "[E-DECODE]"), "notes": ("skipped", "[E-FORMAT]"),
              "huge": ("skipped", "[E-SIZE]"), "junk": ("failed", "[E-")}
    for doc_id, (status, code) in expect.items():
        assert lines[doc_id]["status"] == status, doc_id
        assert lines[doc_id]["error"].startswith(code), lines[doc_id]["error"]
        assert "(" in lines[doc_id]["error"], "every error carries a hint"
    # the message names the guessed single-byte code page, and the hint converts from that one
    guess = re.search(r"looks like ([\w-]+)", lines["latin1"]["error"])
    assert guess is not None and re.fullmatch(r"cp125\d|windows-125\d|latin[-_]?1|iso-?8859-\d+", guess.group(1))
    assert f"iconv -f {guess.group(1)} -t UTF-8" in lines["latin1"]["error"]
    assert summary.ok == 1 and summary.failed + summary.skipped == 6


def test_run_twice_is_identical_and_does_no_work(tmp_path: Path, seeds_dir: Path) -> None:
    out = tmp_path / "out"
    first = run([str(seeds_dir)], Settings(out_dir=out))
    recs1 = (out / "records.jsonl").read_text()
    docs1 = (out / "documents.jsonl").read_text()
    second = run([str(seeds_dir)], Settings(out_dir=out))
    assert (out / "records.jsonl").read_text() == recs1
    assert (out / "documents.jsonl").read_text() == docs1
    assert second.reused == first.ok == 5 and second.records == first.records
    ids = [json.loads(line)["record_id"] for line in recs1.splitlines()]
    assert len(ids) == len(set(ids))


def test_run_reprocesses_a_changed_document(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    run([str(d)], Settings(out_dir=out))
    (d / "a.txt").write_text(GOOD.replace("50 persen", "25 persen"), encoding="utf-8")
    again = run([str(d)], Settings(out_dir=out))
    assert again.reused == 0
    recs = [json.loads(x) for x in (out / "records.jsonl").read_text().splitlines()]
    assert [q["percent"] for r in recs for q in r["quotas"]] == [25]


def test_run_killed_during_export_leaves_previous_files(tmp_path: Path, seeds_dir: Path, monkeypatch) -> None:
    out = tmp_path / "out"
    run([str(seeds_dir)], Settings(out_dir=out))
    before = (out / "records.jsonl").read_text()
    shutil.copy(seeds_dir / "000_113331e93b613b3a.txt", tmp_path / "extra.txt")

    def boom(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(KeyboardInterrupt):
        run([str(seeds_dir), str(tmp_path / "extra.txt")], Settings(out_dir=out))
    assert (out / "records.jsonl").read_text() == before
    assert not list(out.glob(".*.tmp"))


def test_every_evidence_span_points_at_its_text(seed_run: Path) -> None:
    from pipeline.archive import open_archive

    with open_archive(seed_run) as store:
        texts = dict(store.db.execute("SELECT doc_id, text FROM documents"))
    n = 0
    for rec in map(json.loads, (seed_run / "records.jsonl").read_text().splitlines()):
        text = texts[rec["doc_id"]]
        fields = {e["field"] for e in rec["evidence"]}
        for e in rec["evidence"]:
            assert text[e["start"]:e["end"]] == e["text"] and e["text"].strip()
            n += 1
        for i in range(len(rec["quotas"])):
            assert f"quotas[{i}]" in fields
        for i in range(len(rec["exemptions"])):
            assert f"exemptions[{i}]" in fields
        for i in range(len(rec["officials"])):
            assert f"officials[{i}]" in fields
        if rec["effective"]["start"]:
            assert "effective.start" in fields
        if rec["effective"]["end"]:
            assert "effective.end" in fields
    assert n > 20


def test_an_assembler_bug_fails_its_document_and_the_run_goes_on(tmp_path: Path, monkeypatch) -> None:
    """A crash while assembling one document's records is that document's [E-EXTRACT] failure."""
    import pipeline.run as run_module

    real = run_module.assemble

    def flaky(item, *args, **kwargs):  # type: ignore[no-untyped-def]
        if "Kupang" in item.text:
            raise AttributeError("'OfficialMention' object has no attribute 'level'")
        return real(item, *args, **kwargs)

    monkeypatch.setattr(run_module, "assemble", flaky)
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    (d / "bad.txt").write_text(GOOD.replace("Bogor", "Kupang"), encoding="utf-8")
    out = tmp_path / "out"
    summary = run([str(d)], Settings(out_dir=out, classifier="none"))
    lines = _lines(out)
    assert lines["good"]["status"] == "ok" and lines["good"]["records"] >= 1
    assert lines["bad"]["status"] == "failed" and lines["bad"]["error"].startswith("[E-EXTRACT]")
    assert "AttributeError" in lines["bad"]["error"]
    assert summary.ok == 1 and summary.failed == 1
