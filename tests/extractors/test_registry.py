"""extractors/base.py registry: requirements, run order, shared readings, revising steps."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import extractors  # noqa: F401  (registers every extractor)
from extractors.base import REGISTRY, Context, Span, extractor, requires, run_order
from extractors.textdoc import TextDoc
from pipeline.extract import extract_one
from pipeline.models import ParsedDoc, RawDoc


@pytest.fixture
def scratch() -> Iterator[list[str]]:
    """Names registered by a test, removed afterwards."""
    names: list[str] = []
    yield names
    for n in names:
        REGISTRY.pop(n, None)


def test_run_order_puts_requirements_first() -> None:
    order = [e.name for e in run_order()]
    for entry in run_order():
        for dep in entry.requires:
            assert order.index(dep) < order.index(entry.name), (dep, entry.name)
    assert set(REGISTRY["quota.v1"].requires) >= {"percent.v1", "observation.v1", "circular.v1"}
    assert "percent.v1" in REGISTRY["observation.v1"].requires
    assert "instrument.v1" in REGISTRY["circular.v1"].requires


def test_run_order_rejects_a_circle_and_an_unknown_requirement(scratch: list[str]) -> None:
    scratch += ["t.a", "t.b", "t.c"]
    extractor("t.a", requires=("t.b",))(lambda text, ctx: [])
    extractor("t.b", requires=("t.a",))(lambda text, ctx: [])
    with pytest.raises(ValueError, match="circle"):
        run_order(["t.a"])
    extractor("t.c", requires=("t.missing",))(lambda text, ctx: [])
    with pytest.raises(ValueError, match="unknown"):
        run_order(["t.c"])


def test_requires_reads_the_pipeline_results_else_computes(scratch: list[str]) -> None:
    calls: list[str] = []

    def base(text: str, ctx: Context) -> list[Span]:
        calls.append(text)
        return [Span(0, 1, "_t", 1, "t.base")]

    scratch += ["t.base", "t.user"]
    extractor("t.base")(base)
    extractor("t.user", requires=("t.base",))(lambda text, ctx: requires(ctx, "t.base", text))
    shared = [Span(0, 1, "_t", 2, "t.base")]
    assert REGISTRY["t.user"].func("x", Context(results={"t.base": shared})) is shared
    assert calls == []
    assert [s.value for s in REGISTRY["t.user"].func("x", Context())] == [1]  # on its own: computed
    assert calls == ["x"]


def _parsed(text: str, kind: str = "news") -> ParsedDoc:
    raw = RawDoc(doc_id="d", data=text.encode(), kind="txt", source="test")
    return ParsedDoc(raw=raw, text=text, original=text, offset_map=[(0, 0, len(text))], kind=kind,
                     published="2024-04-15")


def test_extract_one_shares_one_percent_reading_and_hides_it() -> None:
    text = "Pemkot Bandung menetapkan WFH maksimal 50 persen. Tercatat 30 persen ASN WFH kemarin."
    ctx, spans = extract_one(_parsed(text))
    assert isinstance(ctx.doc, TextDoc) and ctx.doc.text == text
    readings = ctx.results["percent.v1"]
    assert [text[s.start:s.end] for s in readings] == ["50 persen", "30 persen"]
    assert "_percent" not in spans  # an intermediate reading, not an output label
    assert [(q.value.mode, q.value.percent) for q in spans["quota"]] == [("WFH", 50.0)]
    assert [o.value.value for o in spans["observation"]] == [30.0]


def test_instrument_completion_is_an_extractor_step_revising_the_citations() -> None:
    text = ("Wali Kota Bandung Yana Mulyana mengatakan, Surat Edaran Nomor 800/1450/SETDA yang "
            "ditandatangani Rabu (10/4/2024) mengatur WFH bagi ASN.")
    ctx, spans = extract_one(_parsed(text))
    raw = ctx.results["instrument.v1"]
    assert raw and raw[0].value.id is None  # the citation alone has no issuer and no year
    (inst,) = spans["instrument"]
    assert inst.rule.endswith("+context")
    # the issuer is the paragraph's one actor (the Wali Kota, as the gold writes such circulars:
    # "SE:WALIKOTA-91.71:800/1450/SETDA/2021"), the year from the signing date after it
    assert inst.value.year == 2024 and inst.value.id == "SE:WALIKOTA-32.73:800/1450/SETDA/2024"
