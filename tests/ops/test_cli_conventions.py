"""CLI conventions: --version, every subcommand's own --help with an example, validated choices,
error hints that name flags, a configurable User-Agent with a real project address."""

from __future__ import annotations

import re

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from pipeline.cli import app

runner = CliRunner()


def _commands() -> list[list[str]]:
    group = get_command(app)
    out = []
    for name, cmd in group.commands.items():  # type: ignore[attr-defined]
        subs = getattr(cmd, "commands", None)
        out += [[name, sub] for sub in subs] if subs else [[name]]
    return out


def test_version() -> None:
    from pipeline.settings import version

    res = runner.invoke(app, ["--version"])
    assert res.exit_code == 0 and res.output.strip() == f"edaran {version()}"


@pytest.mark.parametrize("argv", _commands(), ids=" ".join)
def test_every_subcommand_help_shows_its_own_options_and_an_example(argv: list[str]) -> None:
    res = runner.invoke(app, [*argv, "--help"], env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    assert f"Example: edaran {' '.join(argv)}" in res.output
    assert "Usage:" in res.output and " ".join(argv) in res.output.split("Usage:")[1].splitlines()[0]


def test_train_textcat_help_is_its_own() -> None:
    res = runner.invoke(app, ["train", "textcat", "--help"], env={"COLUMNS": "200"})
    assert "--no-eval" in res.output and "--holdout" in res.output and "--lr" not in res.output
    res = runner.invoke(app, ["train", "transformer", "--help"], env={"COLUMNS": "200"})
    assert "--lr" in res.output and "base checkpoint" in res.output


@pytest.mark.parametrize("argv, flag", [
    (["run", "corpus", "--ocr", "sometimes"], "--ocr"),
    (["run", "corpus", "--batch-size", "0"], "--batch-size"),
    (["serve", "--cron", "every day"], "--cron"),
])
def test_bad_option_values_are_refused_naming_the_flag(argv: list[str], flag: str) -> None:
    res = runner.invoke(app, argv, env={"COLUMNS": "200"})
    assert res.exit_code == 2 and flag in res.output, res.output


def test_default_user_agent_names_the_project_url_and_can_be_replaced(monkeypatch) -> None:
    import tomllib
    from pathlib import Path

    from pipeline.settings import PROJECT_URL, Settings

    urls = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text())["project"]["urls"]
    assert urls["Homepage"] == PROJECT_URL
    monkeypatch.delenv("EDARAN_USER_AGENT", raising=False)
    agent = Settings().user_agent
    assert re.fullmatch(r"edaran/\S+ \(\+https://\S+; policy research\)", agent) and PROJECT_URL in agent
    assert "example" not in agent
    monkeypatch.setenv("EDARAN_USER_AGENT", "edaran (+https://x.org; me@x.org)")
    assert Settings().user_agent == "edaran (+https://x.org; me@x.org)"
