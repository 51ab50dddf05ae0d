"""spaCy, loaded on first need and cheaply: the one Indonesian tokenizer of the process.

Two start-up costs are avoided (see benchmarks/results.md, "start-up"):

- ``import spacy`` imports thinc, which imports torch when it is installed (~2-9 s) although
  no edaran model needs it through thinc (the transformer classifier imports torch itself):
  ``import_spacy`` hides torch during that first import unless torch is already loaded;
- ``spacy.blank("id")`` adds ~16,000 tokenizer special cases (~5 s of CPU), nearly all of
  them reduplications ("abai-abai") and abbreviations that no exemption phrase contains.
  ``indonesian(words)`` keeps the special cases one of whose parts is one of ``words`` (the
  phrase words of the matcher): a special case made only of other words cannot start, end
  or sit inside a phrase match whether it is one token or several, so matching is unchanged.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from typing import Any

__all__ = ["import_spacy", "indonesian"]

_PART_RE = re.compile(r"[\W_]+")


def import_spacy() -> Any:
    """``import spacy`` without pulling torch in through thinc (when torch is not loaded yet)."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    hide = "torch" not in sys.modules
    if hide:
        sys.modules["torch"] = None  # type: ignore[assignment]  # thinc's "try: import torch" fails fast
    try:
        import spacy
    finally:
        if hide and sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]
    return spacy


def indonesian(words: Iterable[str]) -> Any:
    """A blank Indonesian pipeline whose tokenizer keeps only the special cases touching ``words``
    (lower case) — the same tokens as ``spacy.blank("id")`` wherever one of them can match."""
    import_spacy()
    from spacy.lang.id import Indonesian

    keep = {w.lower() for w in words}
    exceptions = {k: v for k, v in Indonesian.Defaults.tokenizer_exceptions.items()
                  if any(p in keep for p in _PART_RE.split(k.lower()) if p)}

    class _Defaults(Indonesian.Defaults):  # type: ignore[misc,name-defined,valid-type]
        tokenizer_exceptions = exceptions

    class _Indonesian(Indonesian):  # type: ignore[misc,valid-type]
        lang = "id"
        Defaults = _Defaults

    return _Indonesian()
