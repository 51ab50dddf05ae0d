"""``edaran ask``: the decision from the archive with its evidence; bad input exits 2."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app

runner = CliRunner()


def _ask(contract_file: Path, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["ask", "--archive", str(contract_file), *args])


def test_ask_json_gives_the_decision_and_evidence(contract_file: Path) -> None:
    res = _ask(contract_file, "--authority", "region:32.73", "--date", "2024-04-16", "--unit", "admin_support",
               "--format", "json")
    assert res.exit_code == 0, res.output
    d = json.loads(res.output)
    assert (d["applicable"], d["wfh_allowed"], d["max_wfh_percent"], d["policies"]) == (
        True, True, 50, ["pol-fx-bandung-2024"])
    assert d["instruments"] == ["SE:WALIKOTA-32.73:022-SETDA/2024"]
    # the evidence sentences are quoted with their source document and offsets
    quota = [e for e in d["evidence"] if e["field"].startswith("quotas")]
    assert quota and all(e["doc_id"] == "004_601e8c9da414d95d" for e in quota)
    assert any("50" in e["text"] for e in quota)
    assert all(isinstance(e["start"], int) and e["end"] > e["start"] for e in d["evidence"])


def test_ask_text_quotes_evidence(contract_file: Path) -> None:
    res = _ask(contract_file, "--authority", "region:32.73", "--date", "2024-04-16", "--unit", "health")
    assert res.exit_code == 0, res.output
    first, *rest = res.output.strip().splitlines()
    assert first == "region:32.73 on 2024-04-16, unit health: must work from the office"
    assert "SE:WALIKOTA-32.73:022-SETDA/2024" in rest[0]
    assert any('"' in line and "004_601e8c9da414d95d[" in line for line in rest)


def test_ask_unknown_region_is_not_applicable_not_an_error(contract_file: Path) -> None:
    res = _ask(contract_file, "--authority", "region:99.99", "--date", "2024-04-16", "--unit", "health",
               "--format", "json")
    assert res.exit_code == 0
    d = json.loads(res.output)
    assert d["applicable"] is False and d["wfh_allowed"] is False and d["evidence"] == []


@pytest.mark.parametrize(("args", "needle"), [
    (["--authority", "region:32.73", "--date", "2024-04-16", "--unit", "nurses"], "unknown unit"),
    (["--authority", "region:32.73", "--date", "2024-02-30", "--unit", "health"], "not a real day"),
    (["--authority", "region:32.73", "--date", "16/04/2024", "--unit", "health"], "not a real day"),
    (["--authority", "Kota Bandung", "--date", "2024-04-16", "--unit", "health"], "is not 'region:"),
    (["--authority", "region:32.73", "--date", "2024-04-16", "--unit", "health", "--format", "xml"], "format"),
])
def test_ask_bad_input_one_line_exit_2(contract_file: Path, args: list[str], needle: str) -> None:
    res = _ask(contract_file, *args)
    assert res.exit_code == 2
    lines = res.output.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0] and lines[0].startswith("error [E-")


def test_ask_missing_archive_exit_2(tmp_path: Path) -> None:
    res = runner.invoke(app, ["ask", "--archive", str(tmp_path / "nope.json"), "--authority", "region:31",
                              "--date", "2024-04-16", "--unit", "all"])
    assert res.exit_code == 2 and "[E-CONFIG]" in res.output and "--archive" in res.output


def test_ask_rego_weekday_matches_python(rego) -> None:  # type: ignore[no-untyped-def]
    # The Rego side computes weekdays by hand (regopy's time.weekday and % are unreliable):
    # check it against Python over 30 years of days, through the Friday-only province rule.
    import json as _json

    rego._rego.set_input_term(_json.dumps({"authority": "region:35.78", "date": "2024-01-01", "unit": "all"}))
    b = rego._rego.build("x = data.edaran.wfh.weekday")
    names = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    day = dt.date(1999, 12, 20)
    for k in range(0, 11000, 13):
        d = day + dt.timedelta(days=k)
        rego._rego.set_input_term(_json.dumps({"authority": "region:35.78", "date": d.isoformat(), "unit": "all"}))
        assert _json.loads(str(rego._rego.query_bundle(b)))["bindings"]["x"] == names[d.weekday()], d


def test_ask_archive_folder_without_an_archive_exit_2(tmp_path: Path) -> None:
    # before pipeline.archive lands: "not installed"; after: the archive's own one-line error
    res = runner.invoke(app, ["ask", "--archive", str(tmp_path), "--authority", "region:31",
                              "--date", "2024-04-16", "--unit", "all"])
    assert res.exit_code == 2 and res.output.startswith("error [E-CONFIG]")
    assert len(res.output.strip().splitlines()) == 1
