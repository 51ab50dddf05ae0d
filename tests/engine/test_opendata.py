"""Open data: CSV + Parquet twins, a Frictionless package that validates, and one that must not."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from pipeline.engine.opendata import CODEBOOK, TABLES
from pipeline.engine.taxonomy import UNITS


def _validate(folder: Path):  # type: ignore[no-untyped-def]
    from frictionless import Package

    return Package(str(folder / "datapackage.json")).validate()


def test_opendata_frictionless_validate_passes(exported: Path) -> None:
    """`frictionless validate OUT/datapackage.json`, the command a user runs (~10 s: every row)."""
    import subprocess
    import sys

    for name in TABLES:
        assert (exported / f"{name}.csv").exists() and (exported / f"{name}.parquet").exists()
    assert json.loads((exported / "record.schema.json").read_text())["title"]
    res = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "datapackage.json"],
        check=False,
        cwd=exported,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert res.returncode == 0, res.stdout[-2000:]


@pytest.mark.parametrize(("table", "column", "bad"), [
    ("policy_sources", "doc_id", "doc-that-is-not-exported"),  # foreign key to documents
    ("quotas", "scope", "nurses"),  # enum from the taxonomy
    ("policies", "modes", "WFH;SLEEP"),  # list pattern
])
def test_opendata_validation_catches_broken_data(exported: Path, tmp_path: Path, table: str, column: str,
                                                 bad: str) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(exported, copy, ignore=shutil.ignore_patterns("opa", "*.parquet", "stringency.csv"))
    dp = json.loads((copy / "datapackage.json").read_text())
    dp["resources"] = [r for r in dp["resources"] if r["name"] != "stringency"]
    (copy / "datapackage.json").write_text(json.dumps(dp))
    with (copy / f"{table}.csv").open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    rows[0][column] = bad
    with (copy / f"{table}.csv").open("w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    assert not _validate(copy).valid


def test_opendata_parquet_matches_csv(exported: Path) -> None:
    import pyarrow.parquet as pq

    for name in TABLES:
        table = pq.read_table(exported / f"{name}.parquet")
        with (exported / f"{name}.csv").open() as fh:
            header = next(csv.reader(fh))
            n = sum(1 for _ in fh)
        assert table.column_names == header and table.num_rows == n
    pol = pq.read_table(exported / "policies.parquet").to_pylist()
    bandung = next(p for p in pol if p["policy_id"] == "pol-fx-bandung-2024")
    assert str(bandung["from_day"]) == "2024-04-16" and bandung["modes"] == "WFO;WFH"


def test_opendata_tables_content(exported: Path, contract: dict) -> None:
    def rows(name: str) -> list[dict]:
        with (exported / f"{name}.csv").open(newline="") as fh:
            return list(csv.DictReader(fh))

    assert len(rows("policies")) == len(contract["policies"])
    quotas = {(q["policy_id"], q["scope"]): q for q in rows("quotas")}
    assert quotas[("pol-fx-bandung-2024", "admin_support")]["percent"] == "50"
    assert quotas[("pol-fx-mlg-red", "all")]["condition"] == "zone:red"
    assert {e["category"] for e in rows("exemptions") if e["policy_id"] == "pol-fx-cilegon-2024"} == {
        "public_service_direct", "licensing", "civil_registration", "health", "subdistrict_office"}
    docs = rows("documents")
    assert "text" not in docs[0] and {d["doc_id"] for d in docs} >= {"004_601e8c9da414d95d"}
    recs = rows("records")
    assert all("evidence" not in json.loads(r["record"]) for r in recs)
    sby_c = next(p for p in rows("policies") if p["policy_id"] == "pol-fx-sby-c")
    assert sby_c["in_force_to"] == "2024-04-19" and sby_c["to_day"] == "2024-04-30"


def test_opendata_codebook_covers_every_code(exported: Path) -> None:
    dp = json.loads((exported / "datapackage.json").read_text())
    assert dp["licenses"][0]["name"] == "CC-BY-4.0" and dp["codebook"] == CODEBOOK
    assert set(CODEBOOK["unit"]) == set(UNITS)  # a new lexicon code without a meaning fails here
    for res in dp["resources"]:
        for field in res["schema"]["fields"]:
            for code in field.get("constraints", {}).get("enum", []):
                assert any(code in book for book in CODEBOOK.values()), (res["name"], field["name"], code)
