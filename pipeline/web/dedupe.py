"""Near-duplicate text: MinHash over word shingles, banded for lookup (one story syndicated
across sites is one document)."""

from __future__ import annotations

import hashlib
import re
import zlib

import numpy as np

__all__ = [
    "MIN_SHINGLES",
    "NEAR_DUP_JACCARD",
    "SHINGLE_WORDS",
    "band_keys",
    "minhash",
    "similarity",
    "text_sha",
]

# Word 4-shingles: long enough that two articles on one topic share few, short enough that
# an edited copy (new lead line, one sentence cut) keeps most.
SHINGLE_WORDS = 4
# Estimated Jaccard over shingles at or above which two texts are one syndicated story.
# Copies with a changed dateline and a trimmed last paragraph score ~0.75-0.9; two outlets
# rewriting one press release score < 0.3.
NEAR_DUP_JACCARD = 0.6
# Texts shorter than this many shingles are deduplicated only when identical.
MIN_SHINGLES = 30
_PERMS, _BANDS = 128, 32  # 32 bands x 4 rows: pairs at J=0.6 become candidates with p > 0.98
_ROWS = _PERMS // _BANDS

_rng = np.random.default_rng(20240416)
_MH_A = (_rng.integers(1, 2**62, size=_PERMS, dtype=np.uint64) * np.uint64(2) + np.uint64(1))
_MH_B = _rng.integers(0, 2**62, size=_PERMS, dtype=np.uint64)
_WORD_RE = re.compile(r"\w+")


# --- near-duplicate text ---------------------------------------------------------------------------


def minhash(text: str) -> np.ndarray | None:
    """128 MinHash values over word 4-shingles (multiply-shift hashing), None for short texts."""
    words = _WORD_RE.findall(text.lower())
    shingles = {zlib.crc32(" ".join(words[i:i + SHINGLE_WORDS]).encode())
                for i in range(max(0, len(words) - SHINGLE_WORDS + 1))}
    if len(shingles) < MIN_SHINGLES:
        return None
    x = np.fromiter(shingles, dtype=np.uint64, count=len(shingles))
    hashed = (x[:, None] * _MH_A[None, :] + _MH_B[None, :]) >> np.uint64(32)
    sig: np.ndarray = hashed.min(axis=0).astype(np.uint64)
    return sig


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.mean(a == b))


def band_keys(sig: np.ndarray) -> list[int]:
    return [(b << 32) | zlib.crc32(sig[b * _ROWS:(b + 1) * _ROWS].tobytes()) for b in range(_BANDS)]


def text_sha(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()
