"""Loading of the data files in ``extractors/lexicons/``: each read once per process.

Every list of words lives in exactly one data file there; code reads it through this
module, never copies it.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

LEXICON_DIR = Path(__file__).parent / "lexicons"

__all__ = ["LEXICON_DIR", "load_json", "load_jsonl", "number_words"]


@cache
def load_json(name: str) -> Any:
    """A JSON lexicon by file name; keys starting with ``_`` (docs) are dropped from dicts."""
    data = json.loads((LEXICON_DIR / name).read_text(encoding="utf-8"))
    if isinstance(data, dict):
        data = {k: v for k, v in data.items() if not k.startswith("_")}
    return data


@cache
def load_jsonl(name: str) -> tuple[dict[str, Any], ...]:
    """A JSONL lexicon (one object a line, spaCy pattern style) by file name."""
    lines = (LEXICON_DIR / name).read_text(encoding="utf-8").splitlines()
    return tuple(json.loads(line) for line in lines if line.strip() and not line.startswith("//"))


def number_words() -> dict[str, float]:
    """Indonesian number words ("dua", "lima puluh", "setengah") to their value."""
    return load_json("numbers.json")
