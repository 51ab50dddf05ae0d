"""Contracts a user relies on: the schema files, the README's commands, the error tree."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_schema_files_match_the_models() -> None:
    from pipeline.schema import SCHEMA_DIR, schemas

    for name, text in schemas().items():
        assert (SCHEMA_DIR / name).read_text(encoding="utf-8") == text, f"run `edaran schema` ({name})"


def test_readme_test_command_is_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    m = re.search(r"<!-- test-command -->\s*```(?:bash|sh)?\n(.+?)\n```", readme, re.S)
    assert m, "README marks its test command with <!-- test-command -->"
    assert m.group(1).strip() in ci


def test_every_cli_command_has_help_and_is_in_the_readme() -> None:
    from typer.main import get_command

    from pipeline.cli import app

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    group = get_command(app)
    for name, cmd in group.commands.items():  # type: ignore[attr-defined]
        assert cmd.help, name
        assert f"edaran {name}" in readme, f"`edaran {name}` is not documented in README.md"


def test_error_codes_are_unique_and_documented() -> None:
    import pipeline.errors as errors

    classes = [getattr(errors, n) for n in errors.__all__]
    # a code names one class, or a class and subclasses that only narrow it (ExtractionTimeout is a TimedOut)
    owners = {c.code: c for c in sorted(classes, key=lambda c: len(c.__mro__), reverse=True)}
    for c in classes:
        assert issubclass(c, owners[c.code]), (c.__name__, c.code, owners[c.code].__name__)
    doc = errors.__doc__ or ""
    for c in classes:
        if c.__name__ not in ("EdaranError", "DocumentError"):
            assert c.__name__ in doc, c.__name__


@pytest.mark.parametrize("module", ["pipeline.errors", "pipeline.models", "extractors.base"])
def test_all_is_sorted_and_complete(module: str) -> None:
    import importlib

    mod = importlib.import_module(module)
    assert list(mod.__all__) == sorted(mod.__all__)
    for name in mod.__all__:
        assert hasattr(mod, name)
