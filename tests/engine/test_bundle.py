"""The OPA bundle: layout, manifest, and the required questions answered by regopy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


def test_bundle_layout_and_manifest(exported: Path, contract: dict) -> None:
    opa = exported / "opa"
    assert sorted(p.relative_to(opa).as_posix() for p in opa.rglob("*") if p.is_file()) == [
        ".manifest", "data.json", "edaran/wfh.rego"]
    manifest = json.loads((opa / ".manifest").read_text())
    assert manifest["revision"] == contract["revision"] and manifest["roots"] == ["edaran"]
    data = json.loads((opa / "data.json").read_text())
    assert list(data) == ["edaran"]  # everything under the one root the manifest names
    assert "package edaran.wfh" in (opa / "edaran" / "wfh.rego").read_text()
    assert data["edaran"]["rulebook"]["revision"] == contract["revision"]


# (authority, date, unit) -> expected decision fields; questions from the seed documents
REQUIRED = [
    # an exempt unit: Bandung's circular keeps health services in the office
    (("region:32.73", "2024-04-16", "health"),
     {"applicable": True, "wfh_allowed": False, "must_work_from_office": True, "max_wfh_percent": 0,
      "policies": ["pol-fx-bandung-2024"], "sources": ["004_601e8c9da414d95d"]}),
    # a capped unit: administration may work from home, at most 50 percent
    (("region:32.73", "2024-04-17", "admin_support"),
     {"applicable": True, "wfh_allowed": True, "must_work_from_office": False, "max_wfh_percent": 50,
      "policies": ["pol-fx-bandung-2024"]}),
    # a kota under its province: Jakarta Pusat has no rule of its own, DKI's applies
    (("region:31.71", "2023-08-22", "admin_support"),
     {"applicable": True, "wfh_allowed": True, "must_work_from_office": False, "max_wfh_percent": None,
      "policies": ["pol-fx-dki-2023"], "decided_by": "province"}),
    # a day outside every policy
    (("region:32.73", "2022-01-05", "admin_support"),
     {"applicable": False, "wfh_allowed": False, "policies": [], "sources": []}),
    # a region unknown to the Kemendagri table
    (("region:99.99", "2024-04-16", "admin_support"),
     {"applicable": False, "wfh_allowed": False, "policies": []}),
    # only the national circular applies (Kota Serang has no rule of its own)
    (("region:36.73", "2024-04-16", "admin_support"),
     {"applicable": True, "wfh_allowed": True, "policies": ["pol-fx-menpan-2024"], "decided_by": "national"}),
    # a region's own rule wins over the national circular it follows (Cilegon, exempt licensing)
    (("region:36.72", "2024-04-16", "licensing"),
     {"applicable": True, "wfh_allowed": False, "must_work_from_office": True, "policies": ["pol-fx-cilegon-2024"]}),
]


@pytest.mark.parametrize(("question", "expected"), REQUIRED, ids=[q[0][0] + "/" + q[0][2] for q in REQUIRED])
def test_bundle_required_questions_in_regopy(rego, question, expected) -> None:  # type: ignore[no-untyped-def]
    decision = rego.decide(*question)
    assert {k: decision[k] for k in expected} == expected
    assert set(decision) >= {"applicable", "wfh_allowed", "max_wfh_percent", "must_work_from_office",
                             "policies", "sources"}


@pytest.mark.parametrize(("question", "expected"), [
    # the chain: extension, amendment (exempt health), revocation (back to the office)
    (("region:35.78", "2024-02-14", "admin_support"), ("pol-fx-sby-a", True, 25)),
    (("region:35.78", "2024-04-10", "admin_support"), ("pol-fx-sby-b", True, 25)),
    (("region:35.78", "2024-04-16", "admin_support"), ("pol-fx-sby-c", True, 50)),
    (("region:35.78", "2024-04-16", "health"), ("pol-fx-sby-c", False, 0)),
    (("region:35.78", "2024-04-26", "admin_support"), ("pol-fx-sby-d", False, 0)),  # a Friday: own rule still wins
    (("region:35.78", "2024-07-05", "admin_support"), ("pol-fx-jatim-fri", True, None)),  # after the horizon, a Friday
    (("region:35.78", "2024-07-04", "admin_support"), (None, False, None)),  # a Thursday: nothing
    (("region:35.73", "2024-02-14", "all"), ("pol-fx-mlg-red", False, None)),  # zone unknown: WFO only
    (("region:35.73", "2024-03-01", "all"), ("pol-fx-jatim-fri", True, None)),
])
def test_bundle_chain_recurrence_condition(rego, question, expected) -> None:  # type: ignore[no-untyped-def]
    pid, wfh, cap = expected
    d = rego.decide(*question)
    assert (d["policies"][:1] or [None])[0] == pid and d["wfh_allowed"] is wfh and d["max_wfh_percent"] == cap


@pytest.mark.parametrize("question", [
    ("region:32.73", "2024-02-30", "health"), ("region:32.73", "2024-04-16", "nurses"), ("32.73", "2024-04-16", "all"),
])
def test_bundle_bad_input_is_never_an_allow(rego, question) -> None:  # type: ignore[no-untyped-def]
    d = rego.decide(*question)
    assert d["applicable"] is False and d["wfh_allowed"] is False
    rego._rego.set_input_term(json.dumps(dict(zip(("authority", "date", "unit"), question, strict=True))))
    assert rego.query("x = data.edaran.wfh.errors")["bindings"]["x"]
