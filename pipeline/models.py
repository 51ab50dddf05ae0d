"""The data that flows between stages, and the public output contract.

``RawDoc`` (fetch) -> ``ParsedDoc`` (parse + clean) -> spans (extract) -> ``Record`` and
``DocumentLine`` (assemble).  ``Record`` and ``DocumentLine`` are the pydantic models of
``shared/spec/policy-record.md``; ``schema/*.schema.json`` is generated from them
(``python -m pipeline.schema``) and a test fails when the two differ.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from pipeline.web.html import HtmlDoc

SCHEMA_VERSION = "1"

__all__ = [
    "Authority",
    "DocInstrument",
    "DocumentLine",
    "Effective",
    "Evidence",
    "Exemption",
    "Instrument",
    "Observation",
    "Official",
    "ParsedDoc",
    "Quota",
    "RawDoc",
    "Record",
    "Recurrence",
    "SCHEMA_VERSION",
]


# --- between stages (plain dataclasses: cheap, never serialised as the contract) ------


@dataclass
class RawDoc:
    """One input document before parsing: bytes plus what we know about where it came from."""

    doc_id: str
    data: bytes
    kind: str  # "txt" | "html" | "pdf" | "unknown": how to parse ``data``
    source: str  # file path or URL as given
    url: str | None = None  # original URL (sidecar "url" or fetched URL)
    canonical_url: str | None = None
    urls: list[str] = field(default_factory=list)  # every URL this text was seen under
    publisher: str | None = None
    published: str | None = None  # ISO date/datetime from a sidecar, feed, or HTTP metadata
    title: str | None = None
    fetched_at: str | None = None
    http_status: int | None = None
    error: Exception | None = None  # set when reading/fetching already failed (a DocumentError)
    meta: dict[str, Any] = field(default_factory=dict)  # anything else (links found, snapshot hash)
    # a crawled article already parsed (its pages joined): parse uses it as is, never re-parses HTML
    page: HtmlDoc | None = None
    sha256: str | None = None  # hex sha256 of the content when the producer knows it; None: of ``data``


@dataclass
class ParsedDoc:
    """Cleaned text ready for the extractors, with its provenance."""

    raw: RawDoc
    text: str  # the cleaned text: every evidence offset points into it
    original: str  # the text before cleaning
    offset_map: list[tuple[int, int, int]]  # (clean_start, orig_start, length) segments
    kind: str = "news"  # "news" | "circular"
    title: str | None = None
    publisher: str | None = None
    published: str | None = None  # ISO date, when known before extraction
    pages: list[tuple[int, int]] | None = None  # PDF: (start, end) of each page in ``text``
    ocr_confidence: float | None = None  # PDF via OCR: mean word confidence 0..1
    structure: dict[str, Any] = field(default_factory=dict)  # circular header, tables, links


# --- the output contract ------------------------------------------------------------------


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Evidence(_Model):
    field: str = Field(description="the record field this supports, e.g. 'quotas[1]', 'effective.start'")
    start: int = Field(description="offset into the document's cleaned text")
    end: int
    text: str = Field(description="the cleaned text between start and end")
    rule: str | None = Field(default=None, description="id of the extractor rule, e.g. 'quota.maksimal'")
    page: int | None = Field(default=None, description="1-based PDF page of the span, for circulars")


class Authority(_Model):
    id: str = Field(description="'region:<Kemendagri code>' or 'central:<slug>'")
    name: str
    level: Literal["provinsi", "kota", "kabupaten", "central"]


class Official(_Model):
    title: str | None = None
    name: str


class Instrument(_Model):
    id: str | None = Field(description="TYPE:ISSUER:NUMBER/YEAR per taxonomy.md; null when not normalisable")
    type: str
    issuer: str | None = None
    number: str | None = None
    year: int | None = None


class Effective(_Model):
    start: str | None = Field(default=None, description="ISO day, ISO week (2023-W35) or month (2023-09)")
    end: str | None = None
    # archive (issue 11): the text says the rule lasts "until further notice"
    open_ended: bool = Field(default=False, description="'hingga ada ketentuan lebih lanjut': no end, on purpose")


class Recurrence(_Model):
    days_of_week: list[Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]] = Field(
        description="the rule holds only on these weekdays ('setiap Kamis')")


class Quota(_Model):
    mode: Literal["WFO", "WFH", "WFA", "WFF"]
    op: Literal["<=", ">=", "="]
    percent: float = Field(ge=0, le=100)
    scope: str
    notes: str | None = None
    condition: str | None = Field(default=None, description="archive: 'zone:red', 'ppkm_level:4', ... or null")


class Exemption(_Model):
    category: str
    text: str


class Observation(_Model):
    authority: str | None
    metric: Literal["wfh_share", "wfo_share", "wfh_count", "wfo_count"]
    op: Literal["<", "<=", "=", ">=", ">"]
    value: float
    evidence: Evidence | None = None


class Record(_Model):
    """One work-arrangement policy described by one document."""

    schema_version: str = SCHEMA_VERSION
    record_id: str = Field(description="stable hash of doc_id + authority + instrument + period")
    doc_id: str
    authority: Authority
    officials: list[Official] = []
    instrument: Instrument | None = None
    legal_basis: list[Instrument] = []
    modes: list[Literal["WFO", "WFH", "WFA", "WFF"]] = []
    effective: Effective = Effective()
    quotas: list[Quota] = []
    exemptions: list[Exemption] = []
    conditions: list[str] = []
    reasons: list[str] = []
    signed: str | None = Field(default=None, description="signing date of the instrument (circulars)")
    confidence: float = Field(ge=0, le=1, description="see README 'Confidence'")
    evidence: list[Evidence] = []
    # archive (issue 11): what kind of change the document announces, and weekday recurrence
    change: Literal["new", "extension", "amendment", "revocation"] | None = Field(
        default=None, description="'diperpanjang' extension, 'perubahan atas' amendment, 'dicabut' revocation")
    recurrence: Recurrence | None = None


class DocInstrument(_Model):
    id: str


class DocumentLine(_Model):
    """One line of documents.jsonl: every input document gets exactly one."""

    schema_version: str = SCHEMA_VERSION
    doc_id: str
    status: Literal["ok", "failed", "skipped"]
    kind: str | None = None  # "news" | "circular"
    source: str | None = None  # path or URL as given
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    urls: list[str] = []
    published: str | None = None
    language: str | None = None
    sha256: str | None = None
    fetched_at: str | None = None
    http_status: int | None = None
    instruments: list[DocInstrument] = []
    observations: list[Observation] = []
    records: int = 0
    error: str | None = None
    stage: str | None = None  # where it failed: read, parse, extract, ...
    text_chars: int | None = None
    pages: int | None = None  # PDFs: page count (each record evidence span carries its page)
    ocr_pages: int | None = None  # PDFs: pages read by OCR
    linked_documents: list[str] = []  # circular PDFs an article links to
