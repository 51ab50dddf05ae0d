"""The shared vocabulary of every extractor: typed spans, the context, the registry.

An extractor is a pure function ``extract_<field>(text: str, ctx: Context) -> list[Span]``:
no I/O, no Prefect, no global state mutated, deterministic. ``text`` is the cleaned
document text; every ``Span`` carries character offsets into it and the id of the rule
that produced it (``"<field>.<rule>"``), so "where does this value come from" is a grep.

Value types (the ``value`` of a span) are small frozen dataclasses defined here, one per
label, so the assembler and tests import one module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from extractors.textdoc import TextDoc

__all__ = [
    "AuthorityMention",
    "Context",
    "DateMention",
    "ExemptionMention",
    "Extractor",
    "InstrumentMention",
    "ObservationMention",
    "OfficialMention",
    "QuotaMention",
    "REGISTRY",
    "ReasonMention",
    "Span",
    "extractor",
    "requires",
    "run_order",
]


@dataclass(frozen=True, slots=True)
class Span:
    """One extracted value: ``text[start:end]`` is the evidence, ``rule`` the rule id."""

    start: int
    end: int
    label: str
    value: Any
    rule: str


@dataclass(frozen=True, slots=True)
class Context:
    """What an extractor may know besides the text."""

    published: date | None = None  # resolves "besok", "Senin (21/8)", "minggu depan"
    kind: str = "news"  # "news" | "circular"
    doc: TextDoc | None = None  # the text's one analysis (sentences, views), built by pipeline.extract
    results: dict[str, list[Span]] | None = None  # spans of the extractors run so far, by name


# --- value types, one per span label -------------------------------------------------


@dataclass(frozen=True, slots=True)
class AuthorityMention:  # label "authority"
    id: str  # "region:32.73" | "central:kemenpanrb"
    name: str  # canonical name, e.g. "Pemerintah Kota Bandung"
    level: str  # "provinsi" | "kota" | "kabupaten" | "central"


@dataclass(frozen=True, slots=True)
class OfficialMention:  # label "official"
    title: str  # as written: "Penjabat Wali Kota", "Pj Gubernur", "Sekda"
    name: str  # as written, title removed: "Bambang Tirtoyuliono"
    authority_id: str | None  # the body the title belongs to, when the text says it


@dataclass(frozen=True, slots=True)
class InstrumentMention:  # label "instrument"
    id: str | None  # "SE:MENPANRB:1/2024"; None when number or year is missing
    type: str  # "SE", "PERMEN", "INSTRUKSI", ...
    issuer: str | None  # "MENPANRB", "WALIKOTA-32.73"
    number: str | None
    year: int | None
    authority_id: str | None = None  # issuing body as an authority id, when known


@dataclass(frozen=True, slots=True)
class DateMention:  # label "date"
    start: str | None  # ISO day "2024-04-16", week "2023-W35" or month "2023-09"
    end: str | None  # same; equal to start for a single day
    role: str  # "start" | "end" | "range" | "point" | "meeting" | "report" | "signing" | "recurring" | "other"
    weekday: str | None = None  # for role "recurring": "Kamis"
    superseded: bool = False  # an earlier plan replaced by a later decision ("awalnya 28/8 ... dipercepat")


@dataclass(frozen=True, slots=True)
class QuotaMention:  # label "quota"
    mode: str  # "WFH" | "WFO" | "WFA" | "WFF"
    op: str  # "<=" | ">=" | "="
    percent: float
    scope: str  # taxonomy scope code
    notes: str | None = None  # the condition a cap depends on ("Level PPKM: Level 4")


@dataclass(frozen=True, slots=True)
class ObservationMention:  # label "observation"
    metric: str  # "wfh_share" | "wfo_share" | "wfh_count" | "wfo_count"
    op: str  # "<" | "<=" | "=" | ">=" | ">"
    value: float


@dataclass(frozen=True, slots=True)
class ExemptionMention:  # label "exemption"
    category: str  # taxonomy code
    text: str  # the phrase that named it


@dataclass(frozen=True, slots=True)
class ReasonMention:  # label "reason"
    code: str  # taxonomy reason code


# --- registry ------------------------------------------------------------------------

Extractor = Callable[[str, Context], list[Span]]


@dataclass(frozen=True)
class _Entry:
    name: str  # versioned, e.g. "quota.v1"
    func: Extractor
    labels: tuple[str, ...] = field(default=())
    requires: tuple[str, ...] = field(default=())  # extractors whose spans it reads from ``ctx.results``
    revises: str | None = None  # an extractor whose output this step's output replaces in the result


REGISTRY: dict[str, _Entry] = {}


def extractor(name: str, labels: tuple[str, ...] = (), requires: tuple[str, ...] | list[str] = (),
              revises: str | None = None) -> Callable[[Extractor], Extractor]:
    """Register an extractor under a versioned name (``"quota.v1"``); returns it unchanged.

    ``requires`` names the extractors it reads (``requires(ctx, name, text)``): the pipeline runs
    them first and hands their spans over in ``ctx.results``. ``revises`` makes it a step that
    corrects another extractor's output (completed instrument citations): its spans replace
    that extractor's in the document's spans, while steps that require the original still get it.
    Spans whose label starts with ``_`` are intermediate (shared readings, never exported).
    """

    def deco(func: Extractor) -> Extractor:
        if name in REGISTRY and REGISTRY[name].func is not func:
            raise ValueError(f"extractor {name!r} registered twice")
        REGISTRY[name] = _Entry(name, func, tuple(labels), tuple(requires), revises)
        return func

    return deco


def run_order(names: list[str] | None = None) -> list[_Entry]:
    """Registered extractors (or ``names`` and what they require) in dependency order; among
    independent ones, registration order. A missing or circular requirement is a ValueError."""
    order: list[_Entry] = []
    state: dict[str, int] = {}  # 1 visiting, 2 done

    def visit(n: str, chain: tuple[str, ...]) -> None:
        if state.get(n) == 2:
            return
        if state.get(n) == 1:
            raise ValueError(f"extractor requirements form a circle: {' -> '.join((*chain, n))}")
        if n not in REGISTRY:
            raise ValueError(f"extractor {chain[-1] if chain else '?'!r} requires unknown extractor {n!r}")
        state[n] = 1
        for r in REGISTRY[n].requires:
            visit(r, (*chain, n))
        state[n] = 2
        order.append(REGISTRY[n])

    for n in names if names is not None else list(REGISTRY):
        visit(n, ())
    return order


def requires(ctx: Context, name: str, text: str) -> list[Span]:
    """The spans of extractor ``name`` for ``text``: from ``ctx.results`` when the pipeline ran it,
    else computed now (an extractor called on its own, as tests do)."""
    found = ctx.results.get(name) if ctx.results is not None else None
    if found is not None:
        return found
    entry = REGISTRY[name]
    results: dict[str, list[Span]] = {}
    sub = Context(ctx.published, ctx.kind, ctx.doc, results)
    for dep in run_order([name])[:-1]:
        results[dep.name] = dep.func(text, sub)
    return entry.func(text, sub)
