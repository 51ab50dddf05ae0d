"""Run invented article texts through the public pipeline (``pipeline.run.process_one``)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from pipeline.models import RawDoc
from pipeline.run import process_one


@pytest.fixture
def records() -> Callable[..., list[dict]]:
    def run_text(text: str, published: str = "2024-04-10") -> list[dict]:
        raw = RawDoc(doc_id="invented", data=text.encode("utf-8"), kind="txt", source="invented.txt",
                     published=published)
        result = process_one(raw)
        return [r.model_dump(mode="json") for r in result.records]

    return run_text
