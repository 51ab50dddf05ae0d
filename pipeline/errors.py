"""One error tree for the whole pipeline.

::

    EdaranError
    ├── DocumentError            one document failed; the run goes on (becomes a documents.jsonl line)
    │   ├── UnsupportedFormat    [E-FORMAT]   extension/content type we cannot read         -> skipped
    │   ├── DecodeFailed         [E-DECODE]   bytes are not text in any known encoding      -> failed
    │   ├── EmptyDocument        [E-EMPTY]    nothing to read after cleaning                -> failed
    │   ├── TooLarge             [E-SIZE]     over the configured size limit                -> skipped
    │   ├── ParseFailed          [E-PARSE]    PDF/HTML/OCR could not be parsed              -> failed
    │   ├── TimedOut             [E-TIMEOUT]  over its wall-clock budget (PDF worker killed) -> failed
    │   │   └── ExtractionTimeout              extraction over --doc-time-limit
    │   ├── OutOfMemory          [E-MEMORY]   over its memory budget (PDF worker killed)    -> failed
    │   ├── FetchFailed          [E-FETCH]    URL refused, 4xx, robots.txt, blocked address -> failed
    │   ├── BadSidecar           [E-META]     a <name>.meta.json with wrong types or size  -> failed
    │   ├── NotRelevant          [E-IRRELEVANT] page is not about ASN work arrangements     -> skipped
    │   └── ExtractorError       [E-EXTRACT]  a rule crashed (a bug): carries the rule id   -> failed
    ├── TransientError           [E-TRANSIENT] network, timeouts, 429/5xx: the only thing retried
    └── ConfigError / StoreError [E-CONFIG] / [E-STORE] run-level: stop the run, exit code 2 / 1

Every message starts with its code, so a ``documents.jsonl`` error greps to its raise site,
and ends with a hint that says what to do.
"""

from __future__ import annotations

from typing import ClassVar, Literal

__all__ = [
    "BadSidecar",
    "ConfigError",
    "DecodeFailed",
    "DocumentError",
    "EdaranError",
    "EmptyDocument",
    "ExtractionTimeout",
    "ExtractorError",
    "FetchFailed",
    "NotRelevant",
    "OutOfMemory",
    "ParseFailed",
    "StoreError",
    "TimedOut",
    "TooLarge",
    "TransientError",
    "UnsupportedFormat",
]


class EdaranError(Exception):
    """Base of every error edaran raises on purpose."""

    code = "E-EDARAN"

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        text = f"[{self.code}] {self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    def __reduce__(self):  # type: ignore[no-untyped-def]
        # keyword-only ``hint`` survives pickling (Dask workers, Prefect results)
        return (_rebuild, (type(self), self.message, self.hint))


def _rebuild(cls: type[EdaranError], message: str, hint: str | None) -> EdaranError:
    return cls(message, hint=hint)


class DocumentError(EdaranError):
    """One document could not be processed; the run continues."""

    code = "E-DOCUMENT"
    status: ClassVar[Literal["failed", "skipped"]] = "failed"  # the documents.jsonl status this error maps to


class UnsupportedFormat(DocumentError):
    code = "E-FORMAT"
    status = "skipped"


class DecodeFailed(DocumentError):
    code = "E-DECODE"


class EmptyDocument(DocumentError):
    code = "E-EMPTY"


class TooLarge(DocumentError):
    code = "E-SIZE"
    status = "skipped"


class ParseFailed(DocumentError):
    code = "E-PARSE"


class TimedOut(DocumentError):
    """A document ran over its wall-clock budget (--pdf-time-limit, --doc-time-limit, a URL's fetch budget); the run goes on."""  # noqa: E501

    code = "E-TIMEOUT"


class OutOfMemory(DocumentError):
    """A document ran over its memory budget (the PDF worker is killed, the run goes on)."""

    code = "E-MEMORY"


class FetchFailed(DocumentError):
    code = "E-FETCH"


class BadSidecar(DocumentError):
    """A ``<name>.meta.json`` sidecar that is not valid (JSON, types, size, URL scheme)."""

    code = "E-META"


class NotRelevant(DocumentError):
    code = "E-IRRELEVANT"
    status = "skipped"


class ExtractorError(DocumentError):
    code = "E-EXTRACT"


class ExtractionTimeout(TimedOut):
    """Extraction and assembly of one document ran over --doc-time-limit."""


class TransientError(EdaranError):
    """Network hiccup, timeout, HTTP 429/5xx: retried with backoff, then a FetchFailed."""

    code = "E-TRANSIENT"


class ConfigError(EdaranError):
    code = "E-CONFIG"


class StoreError(EdaranError):
    code = "E-STORE"
