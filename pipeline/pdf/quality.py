"""Is a PDF text layer real text? Word and symbol statistics that catch a broken font
encoding (a garbage layer goes to OCR)."""

from __future__ import annotations

import re
from functools import cache

__all__ = ["is_garbage", "text_quality"]

GARBAGE_WORD_SHARE = 0.04
GARBAGE_MIN_WORDS = 15
GARBAGE_PRONOUNCEABLE = 0.7
GARBAGE_SYMBOL_SHARE = 0.3
_WORD_RE = re.compile(r"[^\W\d_]{2,}", re.UNICODE)
_ORDINARY_CHAR_RE = re.compile(r"[\w\s.,:;()\-–—/%'\"’“”&+=*!?@#\[\]<>|\u00ad]", re.UNICODE)


# --- text-layer check ------------------------------------------------------------------------


@cache
def _check_words() -> frozenset[str]:
    from extractors.lexicon import load_json

    return frozenset(load_json("circular.json")["text_check_words"]["words"])


def text_quality(text: str) -> tuple[float, int]:
    """(share of words that are frequent Indonesian/English words, number of words)."""
    words = [w.lower() for w in _WORD_RE.findall(text)]
    if not words:
        return 0.0, 0
    known = _check_words()
    return sum(1 for w in words if w in known) / len(words), len(words)


_PRONOUNCEABLE_RE = re.compile(r"^(?=.*[aeiouy])(?!.*[^aeiouy\W\d]{5})", re.IGNORECASE)


def is_garbage(text: str) -> bool:
    """A text layer to distrust: mostly symbols, or words that are neither frequent words nor
    pronounceable (a list of names is pronounceable; a scrambled font encoding is not)."""
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return False
    odd = sum(1 for c in chars if not _ORDINARY_CHAR_RE.match(c)) / len(chars)
    if odd > GARBAGE_SYMBOL_SHARE:
        return True
    share, n = text_quality(text)
    if n < GARBAGE_MIN_WORDS or share >= GARBAGE_WORD_SHARE:
        return False
    words = _WORD_RE.findall(text)
    pronounceable = sum(1 for w in words if _PRONOUNCEABLE_RE.match(w)) / len(words)
    return pronounceable < GARBAGE_PRONOUNCEABLE
