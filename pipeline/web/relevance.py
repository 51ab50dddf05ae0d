"""Cheap relevance test: is a page about civil-servant work arrangements?

A page is relevant when its title + text hold a *subject* cue (ASN, PNS, pegawai, ...) and
an *arrangement* cue (WFH, WFO, WFA, bekerja dari rumah, sistem kerja, fleksibel, ...).
The cue lists are data: ``extractors/lexicons/relevance.json``. One compiled regex per
list, so the test costs microseconds; it runs before extraction and is tuned for recall
(a false "relevant" costs an extraction that finds nothing, a false "not relevant" loses a
policy). The same file holds the default pre-fetch keyword filter of crawl sources.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from extractors.lexicon import load_json
from pipeline.errors import NotRelevant

__all__ = ["check_relevance", "cues", "default_keywords", "irrelevance_reason", "keyword_pattern", "matches_keywords"]

_LEXICON = "relevance.json"


def _phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """Whole-word, case-insensitive alternation; one space matches blanks or hyphens."""
    alts = sorted({p.strip().lower() for p in phrases if p.strip()}, key=len, reverse=True)
    if not alts:  # an empty group would match nothing; say so instead of matching everything
        raise ValueError("empty cue list")
    body = "|".join(r"[\s\-]+".join(re.escape(w) for w in a.split()) for a in alts)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


@cache
def _cues(group: str) -> re.Pattern[str]:
    return _phrase_pattern(load_json(_LEXICON)[group])


@cache
def keyword_pattern(keywords: tuple[str, ...]) -> re.Pattern[str]:
    """Compiled matcher for a crawl source's keyword filter (cached per keyword tuple)."""
    return _phrase_pattern(keywords)


def default_keywords() -> tuple[str, ...]:
    """The default pre-fetch keyword filter for crawl sources."""
    return tuple(load_json(_LEXICON)["keywords"])


def matches_keywords(text: str, keywords: Iterable[str] | None) -> bool:
    """True when ``text`` holds one of ``keywords`` (no keywords: everything matches).

    URL slugs work too: hyphens and underscores count as spaces.
    """
    kws = tuple(keywords or ())
    if not kws:
        return True
    return keyword_pattern(kws).search(text.replace("_", " ")) is not None


def cues(text: str, title: str | None = None) -> tuple[bool, bool]:
    """(has a civil-servant cue, has a work-arrangement cue) in title + text."""
    haystack = f"{title or ''}\n{text}"
    return _cues("subject").search(haystack) is not None, _cues("arrangement").search(haystack) is not None


def irrelevance_reason(text: str, title: str | None = None) -> str | None:
    """``None`` when the page is relevant, else why not (one short sentence)."""
    haystack = f"{title or ''}\n{text}"
    subject = _cues("subject").search(haystack)
    arrangement = _cues("arrangement").search(haystack)
    if subject and arrangement:
        return None
    if not subject and not arrangement:
        return "no civil-servant cue (ASN, PNS, pegawai, ...) and no work-arrangement cue (WFH, WFO, sistem kerja, ...)"
    if not subject:
        return f"work-arrangement cue {arrangement.group(0)!r} but no civil-servant cue (ASN, PNS, pegawai, ...)"  # type: ignore[union-attr]
    return f"civil-servant cue {subject.group(0)!r} but no work-arrangement cue (WFH, WFO, WFA, sistem kerja, ...)"


def check_relevance(text: str, title: str | None = None) -> None:
    """Raise :class:`NotRelevant` (status ``skipped``) when the page is off topic."""
    reason = irrelevance_reason(text, title)
    if reason is not None:
        raise NotRelevant(f"page not about civil-servant work arrangements: {reason}",
                          hint="add a cue to extractors/lexicons/relevance.json if this page should be read")
