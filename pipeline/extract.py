"""ParsedDoc -> spans: run every registered extractor over the cleaned text.

The publication date comes first (sidecar/feed/HTML metadata, else the article's own
dateline via ``published.v1``), because relative dates ("besok", "Senin mendatang") are
resolved against it. A crashing rule becomes an ``ExtractorError`` naming the extractor.
"""

from __future__ import annotations

import signal
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import extractors  # noqa: F401  (registers every extractor)
from extractors.base import REGISTRY, Context, Span, run_order
from extractors.textdoc import TextDoc
from pipeline.errors import ExtractionTimeout, ExtractorError, TooLarge
from pipeline.models import ParsedDoc

__all__ = ["check_size", "extract_one", "parse_iso_date", "publication_date", "time_limit"]

_PUBLISHED = "published.v1"
_DATES = "date.v1"


def parse_iso_date(value: str | None) -> date | None:
    """'2025-06-18T12:53:00+07:00' or '2025-06-18' -> date; anything else -> None."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def publication_date(doc: ParsedDoc, td: TextDoc | None = None) -> tuple[date | None, Span | None]:
    """The document's publication date: metadata first, else its dateline."""
    known = parse_iso_date(doc.published)
    if known:
        return known, None
    td = td or TextDoc(doc.text)
    spans = _run(_PUBLISHED, doc.text, Context(published=None, kind=doc.kind, doc=td))
    for span in spans:
        found = parse_iso_date(span.value)
        if found:
            return found, span
    return _latest_report_date(doc, td)


def _latest_report_date(doc: ParsedDoc, td: TextDoc) -> tuple[date | None, Span | None]:
    """No dateline: the latest fully written date a quote was given on ("kata X, Rabu (23/8/2023)")
    is the best witness of when the article was written."""
    best: tuple[date, Span] | None = None
    for span in _run(_DATES, doc.text, Context(published=None, kind=doc.kind, doc=td)):
        v = span.value
        if v.role == "report" and v.start and len(v.start) == 10:
            d = parse_iso_date(v.start)
            if d and (best is None or d > best[0]):
                best = (d, span)
    if best is None:
        return None, None
    d, span = best
    return d, Span(span.start, span.end, "published", d.isoformat(), "published.latest_report")


def _run(name: str, text: str, ctx: Context) -> list[Span]:
    try:
        return REGISTRY[name].func(text, ctx)
    except Exception as exc:  # a bug in a rule: record it for this document, keep the run going
        raise ExtractorError(f"extractor {name} crashed: {type(exc).__name__}: {exc}",
                             hint="please report this document with the error") from exc


_TIMEOUT_HINT = "raise --doc-time-limit, or report the document if it is an ordinary one"


class _Expired(BaseException):
    """Raised by the alarm inside whatever rule is running; a BaseException so that no
    ``except Exception`` in a rule swallows it."""


def check_size(doc: ParsedDoc, max_chars: int | None) -> None:
    """[E-SIZE] when the cleaned text is longer than the per-document budget."""
    if max_chars is not None and len(doc.text) > max_chars:
        raise TooLarge(f"cleaned text of {len(doc.text):,} characters is over the limit of {max_chars:,}",
                       hint="raise --max-text-chars to extract it")


@contextmanager
def time_limit(seconds: float | None) -> Iterator[float | None]:
    """The per-document time budget: yields the deadline (``time.monotonic()``) and, in the main
    thread, interrupts a rule that overruns it (SIGALRM); elsewhere ``extract_one`` checks the
    deadline between extractors. Overrun -> [E-TIMEOUT] for this document only."""
    if not seconds:
        yield None
        return
    deadline = time.monotonic() + seconds
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield deadline
        return

    def on_alarm(signum: int, frame: object) -> None:
        raise _Expired

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield deadline
    except _Expired:
        raise ExtractionTimeout(f"extraction took longer than {seconds:g} s", hint=_TIMEOUT_HINT) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def extract_one(doc: ParsedDoc, deadline: float | None = None) -> tuple[Context, dict[str, list[Span]]]:
    """All spans of one document grouped by label, and the context they were resolved in.

    The text is analysed once (``TextDoc``); extractors run in dependency order (``requires``),
    each seeing the spans of those before it in ``ctx.results``. A step that ``revises`` another
    replaces that one's spans in the result; ``_``-labelled spans are intermediate readings.
    """
    td = TextDoc(doc.text)
    published, pub_span = publication_date(doc, td)
    ctx = Context(published=published, kind=doc.kind, doc=td, results={})
    assert ctx.results is not None
    order = [e for e in run_order() if e.name != _PUBLISHED]
    revised = {e.revises for e in order if e.revises}
    by_label: dict[str, list[Span]] = defaultdict(list)
    if pub_span is not None:
        by_label["published"].append(pub_span)
    for entry in order:
        if deadline is not None and time.monotonic() > deadline:
            raise ExtractionTimeout(f"extraction ran out of time before {entry.name}", hint=_TIMEOUT_HINT)
        spans = _run(entry.name, doc.text, ctx)
        ctx.results[entry.name] = spans
        if entry.name in revised:
            continue
        for span in spans:
            if not span.label.startswith("_"):
                by_label[span.label].append(span)
    for spans in by_label.values():
        spans.sort(key=lambda s: (s.start, s.end))
    return ctx, dict(by_label)
