"""Hostile local inputs and arguments through `edaran run`.

Issue 14: a sidecar with wrong types ended the run with a traceback; two files with one stem
were one document; invisible format characters hid every rule; the NUL check read only the
first 64 KB; bad --out arguments ended in tracebacks.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

ARTICLE = (
    "Pemkot Bandung Terapkan WFH bagi ASN\n\n"
    "Bandung - Pemerintah Kota Bandung menerapkan kerja dari rumah (WFH) bagi aparatur sipil negara paling "
    "banyak 50 persen mulai Senin, 1 Juli 2024. Penjabat Wali Kota Bandung Bambang Tirtoyuliono mengatakan "
    "kebijakan itu diatur dalam Surat Edaran Nomor 800/123/2024.\n\n"
    "Pelayanan publik seperti rumah sakit dan Disdukcapil tetap bekerja dari kantor.\n"
)
SHORT = "Pegawai WFH 50 persen.\n"


def _invisible(text: str) -> str:
    """Zero-width spaces after every space, a zero-width joiner inside WFH, bidi embedding around
    the number, a BOM in front: it renders exactly like ``text``."""
    return "\ufeff" + text.replace(" ", " \u200b").replace("WFH", "W\u200dFH").replace("50", "\u202a50\u202c")


@pytest.fixture(scope="module")
def inputs_run(tmp_path_factory: pytest.TempPathFactory, cli):
    src = tmp_path_factory.mktemp("hostile_inputs")
    sidecars = {
        "meta_int_publisher": {"publisher": 5},
        "meta_int_url": {"url": 123},
        "meta_file_url": {"url": "file:///etc/passwd"},
        "meta_bad_date": {"published": "kemarin"},
        "meta_list": ["not", "an", "object"],
    }
    for name, meta in sidecars.items():
        (src / f"{name}.txt").write_text(SHORT, encoding="utf-8")
        (src / f"{name}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    (src / "meta_huge.txt").write_text(SHORT, encoding="utf-8")
    (src / "meta_huge.meta.json").write_text(json.dumps({"title": "x" * 200_000}), encoding="utf-8")
    (src / "meta_ok.txt").write_text(SHORT, encoding="utf-8")
    (src / "meta_ok.meta.json").write_text(json.dumps({"url": "https://example.go.id/a", "publisher": "Pemkot",
                                                       "published": "2024-07-01"}), encoding="utf-8")
    # one stem, four files: two folders, two extensions
    for sub in ("a", "b"):
        (src / sub).mkdir()
        (src / sub / "se.txt").write_text(SHORT, encoding="utf-8")
    (src / "se.txt").write_text(SHORT, encoding="utf-8")
    (src / "se.html").write_text("<html><body><p>" + "Pegawai bekerja dari rumah. " * 10 + "</p></body></html>",
                                 encoding="utf-8")
    (src / "bandung.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "bandung_invisible.txt").write_text(_invisible(ARTICLE), encoding="utf-8")
    (src / "late_nul.txt").write_bytes(("Pegawai bekerja dari rumah.\n" * 4000).encode() + b"\x00tail\n")
    out = tmp_path_factory.mktemp("inputs_out")
    first = cli(str(src), out=out)
    second = cli(str(src), out=out)  # the same inputs again: the same ids, nothing new
    return first, second


def test_hostile_inputs_run_completes(inputs_run) -> None:
    first, second = inputs_run
    assert first.returncode == 0, first.stderr[-2000:]
    assert second.returncode == 0, second.stderr[-2000:]
    assert "Traceback" not in first.stderr


@pytest.mark.parametrize("doc_id, message", [
    ("meta_int_publisher", "'publisher' must be a string, not int"),
    ("meta_int_url", "'url' must be a string, not int"),
    ("meta_file_url", "is not an http(s) URL"),
    ("meta_bad_date", "is not an ISO date"),
    ("meta_list", "is not a JSON object"),
    ("meta_huge", "over 65,536"),
])
def test_bad_sidecar_fails_its_document_only(inputs_run, doc_id: str, message: str) -> None:
    line = inputs_run[0].documents()[doc_id]
    assert line["status"] == "failed"
    assert line["error"].startswith("[E-META]") and message in line["error"]
    assert f"fix or remove {doc_id}.meta.json" in line["error"]


def test_good_sidecar_still_read(inputs_run) -> None:
    line = inputs_run[0].documents()["meta_ok"]
    assert line["status"] == "ok" and line["url"] == "https://example.go.id/a"


def test_same_stem_files_are_distinct_documents(inputs_run) -> None:
    first, second = inputs_run
    docs = first.documents()
    assert {"a/se.txt", "b/se.txt", "se.txt", "se.html"} <= set(docs)
    assert "se" not in docs
    assert {docs[i]["source"].split("hostile_inputs")[-1].split("/", 1)[-1] for i in
            ("a/se.txt", "b/se.txt", "se.txt", "se.html")} == {"a/se.txt", "b/se.txt", "se.txt", "se.html"}
    assert "bandung" in docs and "meta_ok" in docs  # a unique stem keeps the gold-annotation id
    assert set(second.documents()) == set(docs)  # stable across runs


def test_summary_counts_match_the_documents(inputs_run) -> None:
    first = inputs_run[0]
    docs = first.documents()
    n_files = 6 + 1 + 4 + 3  # sidecar cases, meta_ok, se x4, bandung x2 + late_nul
    assert len(docs) == n_files


def test_invisible_format_characters_do_not_hide_rules(inputs_run) -> None:
    records = inputs_run[0].records()
    plain = [r for r in records if r["doc_id"] == "bandung"]
    hidden = [r for r in records if r["doc_id"] == "bandung_invisible"]
    assert plain, "the plain article yields a record"
    strip = {k: v for k, v in plain[0].items() if k not in ("record_id", "doc_id", "evidence", "confidence")}
    assert len(hidden) == len(plain)
    assert {k: v for k, v in hidden[0].items() if k in strip} == strip


def test_nul_after_the_first_64_kb_is_binary(inputs_run) -> None:
    line = inputs_run[0].documents()["late_nul"]
    assert line["status"] == "failed" and line["error"].startswith("[E-DECODE] binary data")


# --- run-level argument errors: one line, exit code 2 ---------------------------------------------


def _foreign_sqlite(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE invoices(id INTEGER, amount REAL)")
    db.commit()
    db.close()


@pytest.mark.parametrize("case", ["out_is_file", "records_is_folder", "foreign_archive", "garbage_archive",
                                  "not_creatable"])
def test_bad_out_argument_is_one_line_exit_2(tmp_path: Path, cli, case: str) -> None:
    src = tmp_path / "in.txt"
    src.write_text(SHORT, encoding="utf-8")
    out = tmp_path / "out"
    if case == "out_is_file":
        out.write_text("I am a file")
    elif case == "records_is_folder":
        (out / "records.jsonl").mkdir(parents=True)
    elif case == "foreign_archive":
        out.mkdir()
        _foreign_sqlite(out / "edaran.sqlite")
    elif case == "garbage_archive":
        out.mkdir()
        (out / "edaran.sqlite").write_bytes(b"SQLite format 3\0" + bytes(range(256)) * 20)
    elif case == "not_creatable":
        out = Path("/proc/edaran-hostile-test/out")  # /proc takes no new folders, even for root
    run = cli(str(src), out=out, budget_s=120)
    assert run.returncode == 2, (run.stdout, run.stderr)
    lines = [ln for ln in run.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "[E-CONFIG]" in lines[0], run.stderr
    assert "Traceback" not in run.stderr + run.stdout
    assert "--out" in lines[0]
    if case == "foreign_archive":
        db = sqlite3.connect(out / "edaran.sqlite")  # left as it was
        assert [r[0] for r in db.execute("SELECT name FROM sqlite_master")] == ["invoices"]
        db.close()
