"""extractors/modes.py: mode mentions and the sentence/clause windows the rule extractors share."""

from __future__ import annotations

import pytest

from extractors.base import Context
from extractors.modes import extract_modes, find_modes, is_negated
from extractors.textdoc import TextDoc, lowered

CTX = Context()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ASN melaksanakan WFH mulai Senin.", ["WFH"]),
        ("Pemkot menerapkan work from home (WFH) bagi ASN.", ["WFH", "WFH"]),
        ("ASN bekerja dari rumah selama dua pekan.", ["WFH"]),
        ("Kebijakan kerja dari rumah diperpanjang.", ["WFH"]),
        ("tugas kedinasan dari rumah (work from home/WFH)", ["WFH", "WFH", "WFH"]),
        ("Pegawai kembali WFO 100 persen.", ["WFO"]),
        ("skema Work From Office (WFO)", ["WFO", "WFO"]),
        ("ASN tetap bekerja di kantor.", ["WFO"]),
        ("tugas kedinasan dari kantor (work from office/WFO)", ["WFO", "WFO", "WFO"]),
        ("ASN boleh WFA atau bekerja dari mana saja.", ["WFA", "WFA"]),
        ("work from anywhere", ["WFA"]),
        # FWA is the PermenPANRB 4/2025 name of the same location flexibility: WFA
        ("Flexible Working Arrangement (FWA)", ["WFA", "WFA"]),
        ("work from field (WFF) atau bekerja dari lapangan", ["WFF", "WFF", "WFF"]),
        # scraped text glues English phrases to the word before
        ("ASN bisa bekerja atauwork from anywhere(WFA).", ["WFA", "WFA"]),
        ("istilahFlexible Working Arrangement(FWA)", ["WFA", "WFA"]),
        ("penerapan WFH-WFO ini", ["WFH", "WFO"]),
        ("wfh", ["WFH"]),
        # not modes
        ("Dokter bekerja di rumah sakit.", []),
        ("yang bekerja di lapangan dengan tingkat risiko tinggi", []),
        ("WFHome", []),
        ("Pembelajaran jarak jauh untuk siswa.", []),
    ],
)
def test_modes_phrase_table(text: str, expected: list[str]) -> None:
    spans = extract_modes(text, CTX)
    assert [s.value for s in spans] == expected
    for s in spans:
        assert s.label == "mode"
        assert s.rule.startswith("mode.")
        assert text[s.start : s.end].strip() == text[s.start : s.end]


def test_modes_offsets_point_at_the_evidence() -> None:
    text = "Pemkot Bandung memberlakukan skema Work From Home (WFH) dan Work From Office (WFO)."
    assert [text[s.start : s.end] for s in extract_modes(text, CTX)] == [
        "Work From Home",
        "WFH",
        "Work From Office",
        "WFO",
    ]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Satu kalimat. Dua kalimat.", ["Satu kalimat.", "Dua kalimat."]),
        ("Stafnya dibagi. 50 persen di kantor.", ["Stafnya dibagi.", "50 persen di kantor."]),
        ("WFH maks. 50 persen dari pegawai.", ["WFH maks. 50 persen dari pegawai."]),
        ("SE MenPANRB No. 1 Tahun 2024 berlaku.", ["SE MenPANRB No. 1 Tahun 2024 berlaku."]),
        ("Arief R. Wismansyah berkata.", ["Arief R. Wismansyah berkata."]),
        ("Baris satu\nBaris dua", ["Baris satu", "Baris dua"]),
        ("“Boleh WFH,” kata dia. Lalu pergi.", ["“Boleh WFH,” kata dia.", "Lalu pergi."]),
    ],
)
def test_modes_windows_sentences(text: str, sentences: list[str]) -> None:
    win = TextDoc(text)
    assert [text[s:e] for s, e in win.sentences()] == sentences


def test_modes_windows_segment_and_clause() -> None:
    text = "Yang diperbolehkan maksimal itu 50 persen, tetapi menurut data hari ini 15 persen, kata dia."
    win = TextDoc(text)
    first, second = text.index("50"), text.index("15")
    assert text[slice(*win.segment(first))] == "Yang diperbolehkan maksimal itu 50 persen"
    assert text[slice(*win.segment(second))].startswith("tetapi menurut data")
    assert text[slice(*win.clause(second))] == "tetapi menurut data hari ini 15 persen"
    assert win.sentence(first) == win.sentence(second)


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("pihaknya tak melakukan WFH 100 persen", True),
        ("ASN kesehatan tetap masuk, tidak WFH", True),
        ("tidak akan memberlakukan WFH", True),
        ("tidak lebih dari 15 persen ini yang melaksanakan WFH", False),
        ("Pemkot menerapkan WFH", False),
    ],
)
def test_modes_negation(text: str, negated: bool) -> None:
    low = lowered(text)
    hit = find_modes(low)[-1]
    assert is_negated(low, hit.start) is negated


def test_modes_lowered_keeps_length() -> None:
    text = "İSTANBUL WFH"  # "İ".lower() is two characters
    low = lowered(text)
    assert len(low) == len(text)
    assert [h.mode for h in find_modes(low)] == ["WFH"]
