"""The scorer follows shared/spec/annotation-and-scoring.md to the letter."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.evaluate import evaluate


def _write(tmp: Path, gold: dict, records: list[dict], line: dict) -> tuple[Path, Path]:
    g = tmp / "gold"
    r = tmp / "run"
    g.mkdir()
    r.mkdir()
    (g / f"{gold['doc_id']}.json").write_text(json.dumps(gold))
    (r / "records.jsonl").write_text("".join(json.dumps(x) + "\n" for x in records))
    (r / "documents.jsonl").write_text(json.dumps(line) + "\n")
    return g, r


def _rec(authority: str, **kw) -> dict:
    base = {"doc_id": "d", "authority": {"id": authority}, "effective": {"start": None, "end": None},
            "quotas": [], "exemptions": [], "officials": [], "reasons": [], "instrument": None, "legal_basis": []}
    base.update(kw)
    return base


GOLD = {
    "doc_id": "d", "published": {"value": "2023-08-23", "optional": True},
    "instruments": ["SE:MENPANRB:1/2024", {"id": "SE:X:1/2024", "optional": True}],
    "policies": [
        {"authority": "region:36.74", "officials": [{"name": "Benyamin Davnie"}], "start": "2023-W35", "end": None,
         "quotas": [{"mode": "WFH", "op": "=", "percent": 50, "scope": "all"}],
         "exemptions": [{"category": "role:treasurer"}, {"category": "health", "optional": True}],
         "reasons": [{"code": "air_pollution", "optional": True}]},
        {"authority": "central:kemenpanrb", "optional": True, "start": "2024-04-16", "end": "2024-04-17",
         "quotas": [], "exemptions": [], "reasons": []},
    ],
    "observations": [{"authority": "region:36.74", "metric": "wfh_share", "op": "<=", "value": 15}],
}


def test_evaluate_week_match_optional_ignored_and_extras(tmp_path: Path) -> None:
    records = [
        _rec("region:36.74", effective={"start": "2023-08-28", "end": "2023-09-30"},
             quotas=[{"mode": "WFH", "op": "=", "percent": 50.0, "scope": "admin_support"}],
             exemptions=[{"category": "health"}, {"category": "education"}],
             officials=[{"name": "Benyamin  Davnie."}], reasons=["air_pollution"],
             legal_basis=[{"id": "SE:MENPANRB:1/2024"}]),
        _rec("central:kemenpanrb", effective={"start": "2024-04-16", "end": None}),
    ]
    line = {"doc_id": "d", "published": "2023-08-23", "instruments": [{"id": "SE:X:1/2024"}],
            "observations": [{"authority": "region:36.74", "metric": "wfh_share", "op": "<=", "value": 15.0}]}
    score = evaluate(*_write(tmp_path, GOLD, records, line))
    f = score.fields
    assert (f["start"].tp, f["start"].fp, f["start"].fn) == (1, 0, 0)  # 2023-08-28 is in 2023-W35; kemenpanrb optional
    assert (f["end"].tp, f["end"].fp) == (0, 1)
    assert (f["authority"].tp, f["authority"].fp, f["authority"].fn) == (1, 0, 0)
    assert (f["quota"].tp, f["quota_scoped"].tp, f["quota_scoped"].fp, f["quota_scoped"].fn) == (1, 0, 1, 1)
    assert (f["exemption"].tp, f["exemption"].fp, f["exemption"].fn) == (0, 1, 1)  # health optional, education extra
    assert f["official"].tp == 1  # case, dots and spaces do not matter
    assert (f["instrument"].tp, f["instrument"].fp) == (1, 0)
    assert f["observation"].tp == 1 and f["published"].fp == 0 and f["reason"].fp == 0
    assert score.detail["d"]["exemption"] == {"miss": [["region:36.74", "role:treasurer"]],
                                              "extra": [["region:36.74", "education"]]}
    assert 0 < score.headline < 1


def test_evaluate_missing_document_counts_every_gold_tuple_as_a_miss(tmp_path: Path) -> None:
    g, r = _write(tmp_path, GOLD, [], {"doc_id": "other"})
    score = evaluate(g, r)
    assert score.fields["authority"].fn == 1 and score.fields["instrument"].fn == 1


def test_evaluate_empty_field_scores_one(tmp_path: Path) -> None:
    gold = {"doc_id": "d", "published": "2025-01-01", "instruments": [], "policies": [], "observations": []}
    g, r = _write(tmp_path, gold, [], {"doc_id": "d", "published": "2025-01-01"})
    score = evaluate(g, r)
    assert score.headline == pytest.approx(1.0)


def test_evaluate_without_run_files_says_what_to_do(tmp_path: Path) -> None:
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "d.json").write_text(json.dumps(GOLD))
    with pytest.raises(FileNotFoundError, match="edaran run"):
        evaluate(tmp_path / "gold", tmp_path / "nothing")
