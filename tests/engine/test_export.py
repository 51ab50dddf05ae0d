"""``edaran export``: refuses a non-empty folder unless --force; errors are one line, exit 2."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from pipeline.cli import app

runner = CliRunner()


def test_export_refuses_non_empty_folder_then_force(contract_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    res = runner.invoke(app, ["export", "--archive", str(contract_file), "--to", str(out)])
    assert res.exit_code == 2
    assert res.output.strip().count("\n") == 0 and "not empty" in res.output and "--force" in res.output
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]

    res = runner.invoke(app, ["export", "--archive", str(contract_file), "--to", str(out), "--force"])
    assert res.exit_code == 0, res.output
    assert (out / "opa" / ".manifest").exists() and (out / "notes.txt").read_text() == "mine"
    # again with --force: replaced in place, no staging folder left behind
    res = runner.invoke(app, ["export", "--archive", str(contract_file), "--to", str(out), "--force"])
    assert res.exit_code == 0, res.output
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.")]


def test_export_bad_archive_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    res = runner.invoke(app, ["export", "--archive", str(bad), "--to", str(tmp_path / "o")])
    assert res.exit_code == 2 and res.output.startswith("error [E-CONFIG]")
    assert not (tmp_path / "o").exists()


def test_export_prints_a_summary(exported: Path, contract: dict) -> None:
    assert (exported / "stringency.csv").exists()
    assert (exported / "opa" / "data.json").stat().st_size > 1000
