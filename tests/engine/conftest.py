"""Fixtures of the policy-engine tests (pipeline/engine).

``seed_contract.json`` and the chain below are HAND-BUILT CONTRACT FIXTURES: policies written
by hand in the shape the archive promises (the archive lands from another branch), so the
engine is tested before it exists. ``test_archive_e2e.py`` runs the same checks on real
archive output once ``pipeline.archive`` is importable.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SEED_CONTRACT = FIXTURES / "seed_contract.json"

SBY = {"id": "region:35.78", "name": "Kota Surabaya", "level": "kota", "parent": "region:35"}
MLG = {"id": "region:35.73", "name": "Kota Malang", "level": "kota", "parent": "region:35"}
JATIM = {"id": "region:35", "name": "Jawa Timur", "level": "provinsi", "parent": None}


def _pol(pid: str, auth: dict, frm: str, to: str | None, *, change: str = "new", horizon: str | None = None,
         open_ended: bool = False, days: list[str] | None = None, modes: list[str] | None = None,
         quotas: list[dict] | None = None, exempt: list[str] | None = None,
         links: list[dict] | None = None, instrument: str | None = None) -> dict[str, Any]:
    return {
        "policy_id": pid, "authority": auth, "change": change,
        "effective": {"from_day": frm, "from_precision": "day", "to_day": to, "to_precision": "day" if to else None,
                      "open_ended": open_ended, "horizon_day": horizon,
                      "recurrence": {"days_of_week": days} if days else None},
        "modes": modes or [], "quotas": quotas or [], "exemptions": [{"category": c} for c in exempt or []],
        "instrument": instrument, "legal_basis": [], "follows": [], "links": links or [], "conflicts": [],
        "reasons": ["traffic"], "confidence": 0.9,
        "sources": [{"doc_id": f"doc-{pid}", "record_id": None, "url": f"https://example.org/{pid}",
                     "publisher": "FIXTURE", "published": frm, "genre": "circular"}],
    }


def _q(mode: str, op: str, pct: float, scope: str = "all", condition: str | None = None) -> dict:
    return {"mode": mode, "op": op, "percent": pct, "scope": scope, "condition": condition}


# A chain within one authority (new -> extension -> amendment -> revocation), a province rule
# that recurs every Friday with no end, and a conditional quota. Hand-built, not from a document.
CHAIN_POLICIES = [
    _pol("pol-fx-sby-a", SBY, "2024-01-01", "2024-03-31", modes=["WFO", "WFH"], quotas=[_q("WFH", "<=", 25)],
         instrument="SE:WALIKOTA-35.78:1/2024"),
    _pol("pol-fx-sby-b", SBY, "2024-04-01", "2024-04-30", change="extension", modes=["WFO", "WFH"],
         quotas=[_q("WFH", "<=", 25)], links=[{"type": "extends", "policy_id": "pol-fx-sby-a"}],
         instrument="SE:WALIKOTA-35.78:2/2024"),
    _pol("pol-fx-sby-c", SBY, "2024-04-15", "2024-04-30", change="amendment", modes=["WFO", "WFH"],
         quotas=[_q("WFH", "<=", 50)], exempt=["health"], links=[{"type": "amends", "policy_id": "pol-fx-sby-b"}],
         instrument="SE:WALIKOTA-35.78:3/2024"),
    _pol("pol-fx-sby-d", SBY, "2024-04-20", None, change="revocation", horizon="2024-06-19",
         links=[{"type": "revokes", "policy_id": "pol-fx-sby-c"}], instrument="SE:WALIKOTA-35.78:4/2024"),
    _pol("pol-fx-jatim-fri", JATIM, "2024-01-05", None, open_ended=True, days=["fri"], modes=["WFH"],
         instrument="SE:GUBERNUR-35:7/2024"),
    _pol("pol-fx-mlg-red", MLG, "2024-02-01", "2024-02-29", modes=["WFO"],
         quotas=[_q("WFH", "=", 100, condition="zone:red")]),
]


def _contract() -> dict[str, Any]:
    data = json.loads(SEED_CONTRACT.read_text(encoding="utf-8"))
    data["policies"] = data["policies"] + CHAIN_POLICIES
    data["documents"] = data["documents"] + [
        {"doc_id": f"doc-{p['policy_id']}", "status": "ok", "kind": "circular", "published": p["effective"]["from_day"]}
        for p in CHAIN_POLICIES]
    data["revision"] = "fixture-seeds-chain-1"
    return data


@pytest.fixture(scope="session")
def contract() -> dict[str, Any]:
    """The seed policies + the chain, as one contract dump (dict)."""
    return _contract()


@pytest.fixture(scope="session")
def contract_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("contract") / "policies.json"
    path.write_text(json.dumps(_contract(), ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def book(contract: dict[str, Any]) -> dict[str, Any]:
    from pipeline.engine.compile import compile_rules

    return compile_rules(contract["policies"], revision=contract["revision"])


@pytest.fixture(scope="session")
def exported(contract_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``edaran export`` of the contract fixture, once per session, through the CLI."""
    from typer.testing import CliRunner

    from pipeline.cli import app

    out = tmp_path_factory.mktemp("export") / "out"
    res = CliRunner().invoke(app, ["export", "--archive", str(contract_file), "--to", str(out)])
    assert res.exit_code == 0, res.output
    return out


@pytest.fixture(scope="session")
def rego(exported: Path):  # type: ignore[no-untyped-def]
    from pipeline.engine.bundle import RegoDecider

    return RegoDecider(exported / "opa")
