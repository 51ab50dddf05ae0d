"""`edaran query` and `edaran browse` through the command line."""

from __future__ import annotations

import csv
import io
import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from pipeline.archive import open_archive
from pipeline.cli import app

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def archive(tmp_path, item) -> Path:
    with open_archive(tmp_path) as arc:
        arc.write_batch(
            [
                item(
                    "bdg",
                    "region:32.73",
                    instrument="SE:WALIKOTA-32.73:022-SETDA/2024",
                    start="2024-04-16",
                    end="2024-04-17",
                    legal_basis=("SE:MENPANRB:1/2024",),
                    quotas=(("WFH", "<=", 50, "admin_support", None),),
                ),
                item(
                    "pan", "central:kemenpanrb", instrument="SE:MENPANRB:1/2024", start="2024-04-16", end="2024-04-17"
                ),
                item("dki", "region:31", start="2020-03-16", end="2020-03-29", published="2020-03-15"),
                item("dki2", "region:31", start="2020-06-08", change="extension", published="2020-06-05"),
            ]
        )
    return tmp_path


def _query(*args: str):
    return CliRunner().invoke(app, ["query", *args])


def test_json_is_a_list_of_policies_in_the_contract_shape(archive) -> None:
    res = _query("--archive", str(archive), "--date", "2024-04-16", "--mode", "WFH", "--format", "json")
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert [p["authority"]["id"] for p in out] == ["central:kemenpanrb", "region:32.73"]
    bdg = out[1]
    assert bdg["authority"] == {"id": "region:32.73", "name": "Pemerintah Kota Bandung", "level": "kota",
                                "parent": "region:32"}
    assert bdg["effective"] == {"from_day": "2024-04-16", "from_precision": "day", "to_day": "2024-04-17",
                                "to_precision": "day", "open_ended": False, "horizon_day": None, "recurrence": None}
    assert bdg["quotas"] == [{"mode": "WFH", "op": "<=", "percent": 50.0, "scope": "admin_support", "condition": None}]
    assert bdg["follows"] == [out[0]["policy_id"]] and bdg["legal_basis"] == ["SE:MENPANRB:1/2024"]
    assert bdg["sources"][0] == {"doc_id": "bdg", "record_id": "r-bdg-region:32.73", "url": "https://example.test/bdg",
                                 "publisher": "Pikiran Rakyat", "published": "2024-04-15", "genre": "news"}


def test_csv_and_table(archive) -> None:
    res = _query("--archive", str(archive), "--authority", "DKI Jakarta", "--format", "csv")
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert [(r["from_day"], r["change"]) for r in rows] == [("2020-03-16", "new"), ("2020-06-08", "extension")]
    assert rows[1]["links"] == f"extends:{rows[0]['policy_id']}"
    table = _query("--archive", str(archive), "--instrument", "SE:MENPANRB:1/2024")
    assert table.exit_code == 0 and "2 policies" in table.stdout and "Kota Bandung" in table.stdout
    horizon = _query("--archive", str(archive), "--authority", "region:31", "--date", "2020-06-09")
    assert "assumed <= 2020-08-04" in horizon.stdout  # the answer says the end is a horizon


@pytest.mark.parametrize("args", [
    ["--authority", "region:99"], ["--authority", "Atlantis"], ["--date", "2024-13-45"], ["--from", "2024-02-30"],
    ["--mode", "WFX"], ["--format", "xml"], ["--archive", "postgresql://u@[bad"], ["--archive", "ftp://x/y"],
])
def test_bad_input_is_one_line_and_exit_2(archive, args) -> None:
    if "--archive" not in args:
        args = ["--archive", str(archive), *args]
    res = _query(*args)
    assert res.exit_code == 2, res.output
    assert res.output.strip().count("\n") == 0 and "error [E-" in res.output and "Traceback" not in res.output


def test_a_folder_or_file_that_is_no_archive(tmp_path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    for target in (tmp_path / "nothing-here", tmp_path, tmp_path / "notes.txt"):
        res = _query("--archive", str(target))
        assert res.exit_code == 2 and res.output.strip().count("\n") == 0, res.output


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_browse_serves_the_canned_queries(archive) -> None:
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "browse", "--archive", str(archive),
                             "--port", str(port)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}/edaran"
        deadline = time.monotonic() + 60
        while True:
            try:
                r = httpx.get(f"{base}/in_force_on.json", params={"day": "2024-04-16", "_shape": "array"}, timeout=5)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
                assert time.monotonic() < deadline, "datasette did not start"
                time.sleep(0.3)
        assert r.status_code == 200
        rows = r.json()
        assert [(x["authority_id"], x["wfh_quotas"]) for x in rows] == [
            ("central:kemenpanrb", None), ("region:32.73", "<=50.0% admin_support")]
        cites = httpx.get(f"{base}/citing_instrument.json", params={"instrument": "se:menpanrb:1/2024",
                                                                    "_shape": "array"}, timeout=5).json()
        assert {x["relation"] for x in cites} == {"instrument", "cites"}
        timeline = httpx.get(f"{base}/authority_timeline.json", params={"authority": "region:31", "_shape": "array"},
                             timeout=5).json()
        assert [x["change"] for x in timeline] == ["new", "extension"] and timeline[1]["links"].startswith("extends ")
        facets = httpx.get(f"{base}/policies.json", params={"_facet": "level"}, timeout=5).json()
        assert "level" in facets["facet_results"] or "level" in str(facets["facet_results"])
        search = httpx.get(f"{base}/documents.json", params={"_search": "bandung", "_shape": "array"}, timeout=5).json()
        assert [x["doc_id"] for x in search] == ["bdg"]
    finally:
        proc.terminate()
        proc.communicate(timeout=30)  # reaps it and closes its pipes: Datasette ended with it
    with socket.socket() as s:  # nothing left serving on the port
        assert s.connect_ex(("127.0.0.1", port)) != 0
