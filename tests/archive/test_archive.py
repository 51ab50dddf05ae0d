"""The SQLite archive through its public API: consolidation, timelines, filters, safety."""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

import pytest

from pipeline.archive import open_archive
from pipeline.errors import ConfigError


def _write(tmp_path: Path, items: list) -> None:
    with open_archive(tmp_path) as arc:
        arc.write_batch(items)


def _dump(tmp_path: Path, **flt) -> list[dict]:
    with open_archive(tmp_path, readonly=True) as arc:
        return [p.model_dump(mode="json") for p in arc.policies(**flt)]


def test_five_reports_of_one_circular_are_one_policy_with_every_source(tmp_path, item) -> None:
    inst = "SE:WALIKOTA-32.73:022-SETDA/2024"
    _write(tmp_path, [item(f"d{i}", instrument=inst, start="2024-04-16", end="2024-04-17",
                           published=f"2024-04-1{i}") for i in range(5)])
    [p] = _dump(tmp_path)
    assert p["instrument"] == inst and p["authority"]["parent"] == "region:32"
    assert [s["doc_id"] for s in p["sources"]] == [f"d{i}" for i in range(5)]
    assert p["effective"]["from_day"] == "2024-04-16" and p["effective"]["to_day"] == "2024-04-17"
    assert p["conflicts"] == []
    assert set(p) >= {"policy_id", "authority", "change", "effective", "modes", "quotas", "exemptions", "instrument",
                      "legal_basis", "follows", "links", "conflicts", "reasons", "confidence", "sources"}


def test_disagreeing_sources_keep_every_value_and_the_circular_wins(tmp_path, item) -> None:
    inst = "SE:GUBERNUR-31:5/2023"
    _write(tmp_path, [
        item("news-late", "region:31", instrument=inst, start="2023-08-28", published="2023-08-25"),
        item("circ", "region:31", instrument=inst, start="2023-08-21", published="2023-08-18", kind="circular"),
        item("news-early", "region:31", instrument=inst, start="2023-08-28", published="2023-08-19"),
    ])
    [p] = _dump(tmp_path)
    assert p["effective"]["from_day"] == "2023-08-21"
    [c] = p["conflicts"]
    assert c["field"] == "effective.from_day" and c["chosen"] == "2023-08-21"
    assert c["values"] == [{"value": "2023-08-21", "sources": ["circ"]},
                           {"value": "2023-08-28", "sources": ["news-early", "news-late"]}]
    assert "circular-over-news" in c["rule"]


def test_without_a_circular_the_later_published_statement_wins(tmp_path, item) -> None:
    _write(tmp_path, [item("a", "region:31", start="2023-08-28", published="2023-08-20"),
                      item("b", "region:31", start="2023-08-21", published="2023-08-22")])
    [p] = _dump(tmp_path)  # no instrument, overlapping periods, same modes: one policy
    assert p["effective"]["from_day"] == "2023-08-21"
    assert p["conflicts"][0]["chosen"] == "2023-08-21"


def test_consolidation_is_deterministic_in_any_order(tmp_path, item) -> None:
    items = [item("a", "region:31", start="2023-08-21", end="2023-09-01"),
             item("b", "region:31", start="2023-09-02", end="2023-09-10"),  # adjacent: same policy
             item("c", "region:31", start="2023-12-01", modes=("WFO", "WFH")),
             item("g", "region:31", start="2023-12-02", modes=("WFA",)),  # no mode in common: apart
             item("d", "region:31", instrument="SE:GUBERNUR-31:9/2023", start="2023-12-01"),
             item("e", "region:32.73", start="2024-04-16", legal_basis=("SE:MENPANRB:1/2024",)),
             item("f", "central:kemenpanrb", instrument="SE:MENPANRB:1/2024", start="2024-04-16")]
    dumps = []
    for seed in range(3):
        shuffled = items[:]
        random.Random(seed).shuffle(shuffled)
        out = tmp_path / f"o{seed}"
        for one in shuffled:  # one batch per document, in a different order each time
            _write(out, [one])
        dumps.append(_dump(out))
    assert dumps[0] == dumps[1] == dumps[2]
    ids = {tuple(s["doc_id"] for s in p["sources"]) for p in dumps[0]}
    assert ("a", "b") in ids and ("c", "d") in ids and ("g",) in ids  # c (no instrument) joins the circular d


def test_a_regional_policy_follows_the_national_circular_it_applies(tmp_path, item) -> None:
    _write(tmp_path, [item("e", "region:32.73", start="2024-04-16", legal_basis=("SE:MENPANRB:1/2024",))])
    [p] = _dump(tmp_path)
    assert p["follows"] == []
    _write(tmp_path, [item("f", "central:kemenpanrb", instrument="SE:MENPANRB:1/2024", start="2024-04-16")])
    regional = _dump(tmp_path, authority="region:32.73")[0]
    central = _dump(tmp_path, authority="central:kemenpanrb")[0]
    assert regional["follows"] == [central["policy_id"]]
    assert {p["authority"]["id"] for p in _dump(tmp_path, instrument="se:menpanrb:1/2024")} == \
        {"region:32.73", "central:kemenpanrb"}


def test_extension_and_revocation_chain_answer_the_version_in_force(tmp_path, item) -> None:
    _write(tmp_path, [
        item("v1", "region:31", instrument="SE:GUBERNUR-31:1/2021", start="2021-07-01", end="2021-07-20",
             published="2021-06-30"),
        item("v2", "region:31", instrument="SE:GUBERNUR-31:2/2021", end="2021-08-02", change="extension",
             legal_basis=("SE:GUBERNUR-31:1/2021",), published="2021-07-19"),
        item("v3", "region:31", start="2021-07-28", change="revocation", modes=("WFO",), published="2021-07-27"),
    ])
    by_doc = {p["sources"][0]["doc_id"]: p for p in _dump(tmp_path)}
    assert by_doc["v2"]["links"] == [{"type": "extends", "policy_id": by_doc["v1"]["policy_id"]}]
    assert by_doc["v2"]["effective"]["from_day"] == "2021-07-21"  # the day after the extended end
    assert by_doc["v3"]["links"][0]["type"] == "revokes"

    def in_force(day: str) -> list[str]:
        return [p["sources"][0]["doc_id"] for p in _dump(tmp_path, date=day)]

    assert in_force("2021-07-10") == ["v1"]
    assert in_force("2021-07-25") == ["v2"]
    assert in_force("2021-07-30") == ["v3"]  # revoked: back to the office


def test_in_force_uses_the_horizon_recurrence_and_open_end(tmp_path, item) -> None:
    _write(tmp_path, [
        item("h", "region:31", start="2024-04-16", published="2024-04-15"),  # end unknown: horizon 2024-06-14
        item("k", "region:32", start="2025-11-06", days=("thu",), open_ended=True, published="2025-11-05"),
    ])
    [h] = _dump(tmp_path, authority="region:31")
    assert h["effective"]["horizon_day"] == "2024-06-14" and h["effective"]["open_ended"] is False
    assert [p["sources"][0]["doc_id"] for p in _dump(tmp_path, date="2024-06-14")] == ["h"]
    assert _dump(tmp_path, date="2024-06-15") == []
    assert [p["sources"][0]["doc_id"] for p in _dump(tmp_path, date="2027-01-07")] == ["k"]  # a Thursday, years on
    assert _dump(tmp_path, date="2027-01-08") == []  # a Friday
    [k] = _dump(tmp_path, authority="Jawa Barat")
    assert k["effective"]["recurrence"] == {"days_of_week": ["thu"]} and k["effective"]["horizon_day"] is None


def test_filters(tmp_path, item) -> None:
    _write(tmp_path, [
        item("bdg", "region:32.73", start="2024-04-16", end="2024-04-17", exemptions=("health",),
             quotas=(("WFH", "<=", 50, "admin_support", None),), text="Kota Bandung WFH bagi ASN saat arus balik."),
        item("kab", "region:32.04", start="2024-04-16", modes=("WFA",), text="Kabupaten Bandung WFA mudik."),
        item("tng", "region:36.71", start="2024-04-16", modes=("WFO",), text="Kota Tangerang WFO."),
    ])

    def docs(**flt) -> list[str]:
        return [p["sources"][0]["doc_id"] for p in _dump(tmp_path, **flt)]

    assert docs(authority="region:32") == ["kab", "bdg"]  # a province includes its kabupaten/kota
    assert docs(authority="region:32.73") == ["bdg"]
    assert sorted(docs(authority="Bandung")) == ["bdg", "kab"]
    assert docs(mode="wfa") == ["kab"]
    assert docs(exemption="health") == ["bdg"]
    assert docs(text="arus balik") == ["bdg"]
    assert docs(text="mudik") == ["kab"]
    assert docs(date_from="2024-04-17", date_to="2024-04-17", authority="region:32.73") == ["bdg"]
    assert docs(date_from="2024-04-18", authority="region:32.73") == []


@pytest.mark.parametrize(("flt", "flag"), [
    ({"authority": "region:99"}, "--authority"), ({"authority": "zz"}, "--authority"),
    ({"date": "2024-13-45"}, "--date"), ({"date_from": "yesterday"}, "--from"),
    ({"mode": "WFX"}, "--mode"), ({"date_from": "2024-05-01", "date_to": "2024-04-01"}, "--from"),
])
def test_bad_filters_are_config_errors(tmp_path, item, flt, flag) -> None:
    _write(tmp_path, [item("a")])
    with open_archive(tmp_path, readonly=True) as arc, pytest.raises(ConfigError) as err:
        arc.policies(**flt)
    assert flag in str(err.value) and "\n" not in str(err.value)


def test_bad_targets_are_config_errors(tmp_path) -> None:
    (tmp_path / "junk.sqlite").write_text("not a database")
    for target in (tmp_path / "missing", tmp_path / "junk.sqlite", "mysql://x/y"):
        with pytest.raises(ConfigError):
            open_archive(target, readonly=True)


def test_adding_a_document_reconsolidates_only_the_policies_it_can_touch(tmp_path, item, monkeypatch) -> None:
    from pipeline.archive import store

    months = [item(f"m{m:02d}", "region:31", start=f"2022-{m:02d}-01", end=f"2022-{m:02d}-10") for m in range(1, 13)]
    _write(tmp_path, [*months, item("b", "region:32.73", start="2022-03-05"),
                      item("i", "region:31", instrument="SE:GUBERNUR-31:4/2022", start="2022-06-12",
                           end="2022-06-20")])
    seen: list[set[str]] = []
    real = store.regroup

    def spy(rows):
        rows = list(rows)
        seen.append({sr.doc_id for sr in rows})
        return real(rows)

    monkeypatch.setattr(store, "regroup", spy)
    with open_archive(tmp_path) as arc:
        rev = arc.revision()
        arc.write_batch([item("c", "region:31", start="2022-03-09", end="2022-03-12")])  # overlaps m03 only
        arc.write_batch([item("j", "region:31", instrument="SE:GUBERNUR-31:4/2022")])  # same instrument as i
        assert arc.revision() != rev
    assert seen and all(s <= {"c", "m03", "j", "i"} for s in seen)
    assert {"c", "m03"} in seen and {"j", "i"} in seen
    incremental = _dump(tmp_path)
    with open_archive(tmp_path) as arc:
        arc.consolidate_all()
    assert _dump(tmp_path) == incremental  # the same as consolidating everything again
    assert [len(p["sources"]) for p in _dump(tmp_path, authority="region:31", date="2022-03-11")] == [2]


def test_a_failed_reread_keeps_the_good_version(tmp_path, item) -> None:
    _write(tmp_path, [item("a", "region:31", start="2024-01-01")])
    before = _dump(tmp_path)
    _write(tmp_path, [item("a", "region:31", status="failed")])
    assert _dump(tmp_path) == before
    db = sqlite3.connect(tmp_path / "edaran.sqlite")
    status, attempt = db.execute("SELECT status, last_attempt FROM documents WHERE doc_id = 'a'").fetchone()
    assert status == "ok" and json.loads(attempt)["status"] == "failed"
    assert db.execute("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'jakarta'").fetchone()[0] == 1


def test_evidence_gives_sentences_with_their_sources(tmp_path, item) -> None:
    text = "Pemerintah Kota Bandung menerapkan WFH. Lalu lintas padat."
    _write(tmp_path, [item("a", text=text)])
    with open_archive(tmp_path, readonly=True) as arc:
        [p] = arc.policies()
        [ev] = arc.evidence(p.policy_id)
    assert ev.text == "Pemerintah Kota Bandung menerapkan WFH." and ev.url == "https://example.test/a"
    assert text[ev.span_start:ev.span_end] == "Pemerintah Kota Bandung"


def test_an_archive_from_before_policies_is_upgraded(tmp_path, item) -> None:
    db = sqlite3.connect(tmp_path / "edaran.sqlite")
    db.executescript("""
        CREATE TABLE documents (doc_id TEXT PRIMARY KEY, sha256 TEXT, version TEXT, status TEXT NOT NULL,
            line TEXT NOT NULL, text TEXT, updated_at TEXT NOT NULL);
        CREATE TABLE records (record_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, authority TEXT NOT NULL,
            start TEXT, "end" TEXT, record TEXT NOT NULL);
        CREATE VIRTUAL TABLE documents_fts USING fts5(doc_id UNINDEXED, text);""")
    line, [rec], text, _ = item("a", "region:31", start="2024-01-01")
    db.execute("INSERT INTO documents VALUES ('a', 's', 'v', 'ok', ?, ?, 'now')", (line.model_dump_json(), text))
    db.execute("INSERT INTO records VALUES (?, 'a', 'region:31', '2024-01-01', NULL, ?)",
               (rec.record_id, rec.model_dump_json()))
    db.commit()
    db.close()
    with pytest.raises(ConfigError, match="predates"):
        open_archive(tmp_path, readonly=True)
    open_archive(tmp_path).close()
    [p] = _dump(tmp_path)
    assert p["sources"][0]["publisher"] == "Pikiran Rakyat"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_incremental_equals_full_consolidation_on_random_histories(tmp_path, item, seed) -> None:
    rng = random.Random(seed)
    modes = [("WFH",), ("WFO",), ("WFH", "WFO"), ("WFA",)]

    def random_item(doc_id: str):
        start = f"2022-{rng.randint(1, 4):02d}-{rng.randint(1, 28):02d}"
        end = f"2022-{rng.randint(5, 6):02d}-{rng.randint(1, 28):02d}" if rng.random() < 0.5 else None
        inst = f"SE:GUBERNUR-31:{rng.randint(1, 4)}/2022" if rng.random() < 0.4 else None
        return item(doc_id, rng.choice(["region:31", "region:32.73"]), instrument=inst,
                    start=start if rng.random() < 0.9 else None, end=end, modes=rng.choice(modes),
                    change=rng.choice([None, None, None, "extension", "revocation"]),
                    published=f"2022-0{rng.randint(1, 6)}-01")

    for n in range(40):  # new documents, and re-reads of earlier ones with other content
        doc = f"d{rng.randint(0, n)}" if rng.random() < 0.3 else f"d{n}"
        _write(tmp_path, [random_item(doc)])
    incremental = _dump(tmp_path)
    with open_archive(tmp_path) as arc:
        arc.consolidate_all()
    assert _dump(tmp_path) == incremental
