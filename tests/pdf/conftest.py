"""Fixtures for tests/pdf: PDFs generated once per session (make_fixtures.py), parsed once each."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
CORPUS_PDFS = HERE.parent.parent.parent / "shared" / "corpus" / "pdfs"

sys.path.insert(0, str(HERE))  # make_fixtures is a script beside the tests, not a package

import make_fixtures  # noqa: E402


@pytest.fixture(scope="session")
def pdf_fixtures(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """{name: Path} of every generated PDF, plus "layouts": {circular name: Layout}."""
    return make_fixtures.build_all(tmp_path_factory.mktemp("pdf_fixtures"))


@pytest.fixture(scope="session")
def parsed(pdf_fixtures: dict[str, Any]):
    """parse_pdf results by fixture name, each parsed once (OCR'd ones take ~2 s)."""
    from pipeline.pdf.parser import parse_pdf

    cache: dict[str, Any] = {}

    def get(name: str):
        if name not in cache:
            cache[name] = parse_pdf(pdf_fixtures[name].read_bytes())
        return cache[name]

    return get


@pytest.fixture(scope="session")
def expected() -> dict[str, dict[str, Any]]:
    return make_fixtures.EXPECTED


@pytest.fixture(scope="session")
def corpus_pdfs() -> Path:
    if not CORPUS_PDFS.is_dir():
        pytest.skip("shared/corpus/pdfs is not here")
    return CORPUS_PDFS
