"""compile.py: policies -> atomic rules."""

from __future__ import annotations

import pytest

from pipeline.engine.compile import OPEN_END, compile_rules


def test_compile_caps_from_quotas(book) -> None:  # type: ignore[no-untyped-def]
    bandung = book["rules"]["pol-fx-bandung-2024"]
    assert bandung["caps"] == {"admin_support": 50, "public_service_direct": 0}
    assert book["rules"]["pol-fx-tangsel-2023"]["caps"] == {"all": 50}  # WFH = 50 and WFO = 50
    assert book["rules"]["pol-fx-tangsel-2023"]["required"] == {"all": 50}
    assert book["rules"]["pol-fx-kotatng-2020"]["required"] == {"all": 100}


@pytest.mark.parametrize(("quota", "cap", "need"), [
    ({"mode": "WFH", "op": "<=", "percent": 40}, 40, None),
    ({"mode": "WFH", "op": ">=", "percent": 40}, 100, 40),
    ({"mode": "WFO", "op": ">=", "percent": 75}, 25, None),
    ({"mode": "WFO", "op": "<=", "percent": 25}, 100, 75),
    ({"mode": "WFA", "op": "=", "percent": 30}, 30, 30),
])
def test_compile_quota_arithmetic(quota: dict, cap: float, need: float | None) -> None:
    pol = {"policy_id": "p", "authority": {"id": "region:31", "level": "provinsi"},
           "effective": {"from_day": "2024-01-01", "to_day": "2024-01-02"},
           "quotas": [dict(quota, scope="all", condition=None)]}
    rule = compile_rules([pol])["rules"]["p"]
    assert rule["caps"] == {"all": cap}
    assert rule["required"] == ({"all": need} if need else {})


def test_compile_conditional_quota_left_out(book) -> None:  # type: ignore[no-untyped-def]
    mlg = book["rules"]["pol-fx-mlg-red"]
    assert mlg["caps"] == {} and mlg["conditional_quotas"] == 1 and mlg["wfo_only"]


def test_compile_ends_horizon_open_and_revocation_cut(book) -> None:  # type: ignore[no-untyped-def]
    rules = book["rules"]
    assert rules["pol-fx-kabtng-2024"]["to"] == "2024-06-15"  # the archive's horizon_day
    assert rules["pol-fx-jatim-fri"]["to"] == OPEN_END and rules["pol-fx-jatim-fri"]["days"] == ["fri"]
    assert rules["pol-fx-sby-c"]["to"] == "2024-04-19"  # revoked from 2024-04-20
    assert rules["pol-fx-sby-b"]["to"] == "2024-04-30"  # only extended/amended: not cut


def test_compile_horizon_fallback_from_sources() -> None:
    pol = {"policy_id": "p", "authority": {"id": "region:31", "level": "provinsi"},
           "effective": {"from_day": "2024-01-10", "to_day": None, "open_ended": False, "horizon_day": None},
           "sources": [{"doc_id": "d1", "published": "2024-01-09"}, {"doc_id": "d2", "published": "2024-01-12T08:00"}]}
    assert compile_rules([pol])["rules"]["p"]["to"] == "2024-03-12"  # last source + 60 days


def test_compile_supersession_is_transitive_and_stays_in_one_authority(book) -> None:  # type: ignore[no-untyped-def]
    assert book["rules"]["pol-fx-sby-a"]["superseded_by"] == ["pol-fx-sby-b", "pol-fx-sby-c", "pol-fx-sby-d"]
    assert book["rules"]["pol-fx-sby-d"]["superseded_by"] == []
    # Bandung follows the MenPANRB circular: that is no supersession
    assert book["rules"]["pol-fx-menpan-2024"]["superseded_by"] == []


def test_compile_skips_undated_and_indexes_levels(book, contract) -> None:  # type: ignore[no-untyped-def]
    undated = {"policy_id": "p-undated", "authority": {"id": "region:31", "level": "provinsi"},
               "effective": {"from_day": None}}
    b = compile_rules([*contract["policies"], undated])
    assert "p-undated" not in b["rules"] and b["stats"]["undated"] == 1
    assert set(book["national"]) == {"pol-fx-menpan-2024", "pol-fx-menpan-2020"}
    assert book["by_authority"]["region:35.78"] == ["pol-fx-sby-a", "pol-fx-sby-b", "pol-fx-sby-c", "pol-fx-sby-d"]
    ranks = [book["rules"][i]["rank"] for i in book["by_authority"]["region:35.78"]]
    assert ranks == sorted(ranks)
