"""pipeline/assemble/: each decision through ``assemble()`` on short texts (phrase tables)."""

from __future__ import annotations

import pytest

from pipeline.assemble import assemble
from pipeline.assemble.records import (
    CONFIDENCE_BASE,
    CONFIDENCE_PER_KIND,
    confidence_of,
)
from pipeline.extract import extract_one
from pipeline.ml.calibrate import load_calibration, raw_score
from pipeline.models import ParsedDoc, RawDoc, Record


def _doc(text: str, kind: str = "news") -> ParsedDoc:
    raw = RawDoc(doc_id="t", data=text.encode(), kind="txt", source="t.txt")
    return ParsedDoc(raw=raw, text=text, original=text, offset_map=[(0, 0, len(text))], kind=kind,
                     published="2024-04-15")


def _records(text: str, score=None) -> list[Record]:  # type: ignore[no-untyped-def]
    doc = _doc(text)
    ctx, spans = extract_one(doc)
    records, line = assemble(doc, ctx, spans, score, sha256="x")
    assert line.records == len(records)
    for r in records:  # every value's evidence points into the text
        for e in r.evidence:
            assert text[e.start:e.end] == e.text
    return records


# --- focus: whose fact is it ---------------------------------------------------------------

@pytest.mark.parametrize(("text", "authorities"), [
    # the actor of the sentence
    ("Pemerintah Kota Bandung menerapkan WFH bagi ASN maksimal 50 persen.", ["region:32.73"]),
    # a sentence naming none keeps the running focus
    ("Pemerintah Kota Bandung memperketat sistem kerja ASN. Pegawai yang WFH dibatasi maksimal 50 persen.",
     ["region:32.73"]),
    # two actors, two records
    (("Pemerintah Kota Bandung menerapkan WFH bagi ASN maksimal 50 persen. "
      "Sementara itu, Pemerintah Kabupaten Bogor menerapkan WFO 100 persen."), ["region:32.73", "region:32.01"]),
])
def test_assemble_focus_table(text: str, authorities: list[str]) -> None:
    assert [r.authority.id for r in _records(text)] == authorities


def test_assemble_focus_quota_goes_to_its_actor() -> None:
    recs = {r.authority.id: r for r in _records(
        "Pemerintah Kota Bandung menerapkan WFH bagi ASN maksimal 50 persen. "
        "Sementara itu, Pemerintah Kabupaten Bogor menerapkan WFO 100 persen.")}
    assert [(q.mode, q.percent) for q in recs["region:32.73"].quotas] == [("WFH", 50.0)]
    assert [(q.mode, q.percent) for q in recs["region:32.01"].quotas] == [("WFO", 100.0)]


# --- rules: is it a rule ------------------------------------------------------------------

@pytest.mark.parametrize(("text", "n"), [
    ("Pemerintah Kota Bandung menerapkan WFH bagi ASN mulai Senin (15/4/2024).", 1),  # policy verb + mode
    ("DPRD mengusulkan agar Pemerintah Kota Bandung menerapkan WFH bagi ASN.", 0),  # a proposal
    ("Pemerintah Kota Bandung menolak menerapkan WFH bagi ASN.", 0),  # a refusal
    ("Pemerintah Kota Bandung mengimbau perusahaan swasta menerapkan WFH bagi karyawan.", 0),  # private sector
    ("Pemerintah Kota Bandung menyebut WFH bagus.", 0),  # a mode without a rule verb
])
def test_assemble_rule_sentence_table(text: str, n: int) -> None:
    assert len(_records(text)) == n


@pytest.mark.parametrize(("p", "kept"), [(0.9, True), (0.2, False)])
def test_assemble_classifier_veto_scores_the_rule_paragraphs(p: float, kept: bool) -> None:
    text = "Judul berita\n\nPemerintah Kota Bandung menerapkan WFH bagi ASN.\n\nParagraf lain tanpa aturan."
    seen: list[list[str]] = []

    def score(paragraphs: list[str]) -> list[float]:
        seen.append(paragraphs)
        return [p] * len(paragraphs)

    recs = _records(text, score)
    assert seen == [["Pemerintah Kota Bandung menerapkan WFH bagi ASN."]]  # the TextDoc paragraph of the rule
    assert bool(recs) is kept
    if kept:
        assert recs[0].confidence == round(confidence_of(0, p, None), 3)


# --- buckets: which policy --------------------------------------------------------------------

def test_assemble_cited_central_body_is_no_policy_but_an_acting_one_is() -> None:
    cited = _records("Sejalan dengan Surat Edaran Menteri PANRB Nomor 1 Tahun 2024, Pemerintah Kota Bandung "
                     "menerapkan WFH bagi ASN maksimal 50 persen.")
    assert [r.authority.id for r in cited] == ["region:32.73"]
    assert [i.id for i in cited[0].legal_basis] == ["SE:MENPANRB:1/2024"]
    acting = _records("Kementerian PANRB menerbitkan aturan WFH bagi ASN maksimal 50 persen.")
    assert [r.authority.id for r in acting] == ["central:kemenpanrb"]


def test_assemble_period_and_a_further_period() -> None:
    recs = _records("Pemerintah Kota Bandung menerapkan WFH bagi ASN mulai 1 Juli 2024 hingga 31 Agustus 2024. "
                    "Pemerintah Kota Bandung juga menerapkan WFH 75 persen pada 4-7 Juli 2024.")
    periods = sorted((r.effective.start, r.effective.end) for r in recs)
    assert ("2024-07-01", "2024-08-31") in periods
    assert ("2024-07-04", "2024-07-07") in periods


# --- records and confidence -----------------------------------------------------------------

def test_confidence_formula_constants() -> None:
    # the raw score keeps its named constants; the record confidence is it, calibrated, times OCR
    assert raw_score(0, 1.0) == pytest.approx(CONFIDENCE_BASE)
    assert raw_score(5, 1.0) == pytest.approx(1.0)
    assert raw_score(1, 0.0) == pytest.approx((CONFIDENCE_BASE + CONFIDENCE_PER_KIND) * 0.5)
    cal = load_calibration()
    assert confidence_of(3, 1.0, None) == round(cal(raw_score(3, 1.0)), 3)
    assert confidence_of(5, 1.0, 0.8) == pytest.approx(confidence_of(5, 1.0, None) * 0.8, abs=1e-3)


def test_assemble_record_carries_instrument_and_evidence() -> None:
    (rec,) = _records("Wali Kota Bandung Yana Mulyana menerbitkan Surat Edaran Wali Kota Bandung Nomor 800/12 "
                      "Tahun 2024 yang mengatur WFH bagi ASN maksimal 50 persen.")
    assert rec.instrument is not None and rec.instrument.id == "SE:WALIKOTA-32.73:800/12/2024"
    fields = {e.field for e in rec.evidence}
    assert {"authority", "instrument", "quotas[0]", "officials[0]"} <= fields
    assert rec.confidence == round(confidence_of(3, 1.0, None), 3)


@pytest.mark.parametrize(("text", "p", "kept"), [
    # two kinds of the rule's own backing (dates and a quota): a doubtful paragraph still gives a record
    ("Pemerintah Kota Bandung menerapkan WFH bagi ASN maksimal 50 persen mulai Senin (15/4/2024).", 0.4, True),
    # one kind only: the doubt wins
    ("Pemerintah Kota Bandung menerapkan WFH bagi ASN mulai Senin (15/4/2024).", 0.4, False),
    # below the floor nothing is kept, however backed
    ("Pemerintah Kota Bandung menerapkan WFH bagi ASN maksimal 50 persen mulai Senin (15/4/2024).", 0.2, False),
])
def test_assemble_classifier_veto_is_soft_for_a_backed_rule(text: str, p: float, kept: bool) -> None:
    recs = _records("Judul berita\n\n" + text, lambda paragraphs: [p] * len(paragraphs))
    assert bool(recs) is kept
