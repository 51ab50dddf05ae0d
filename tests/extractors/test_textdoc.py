"""extractors/textdoc.py: the one sentence splitter, paragraphs and the shared views."""

from __future__ import annotations

from itertools import pairwise

import pytest

from extractors.base import Context
from extractors.textdoc import TextDoc, split_paragraphs, text_doc


def _units(text: str) -> list[str]:
    return [text[s:e] for s, e, _ in TextDoc(text).units]


@pytest.mark.parametrize(("text", "sentences"), [
    # abbreviations: titles, "No.", "maks.", "tgl." do not end a sentence
    ("Pj. Wali Kota Bandung menetapkan WFH. Kebijakan berlaku besok.",
     ["Pj. Wali Kota Bandung menetapkan WFH.", "Kebijakan berlaku besok."]),
    ("SE No. 5 Tahun 2024 berlaku. Isinya WFH maks. 50 persen.",
     ["SE No. 5 Tahun 2024 berlaku.", "Isinya WFH maks. 50 persen."]),
    ("Surat itu tgl. 5 April. Isinya WFH.", ["Surat itu tgl. 5 April.", "Isinya WFH."]),
    ("Hal itu dikatakan Plt. Kepala BKD Dr. Andi. Ia menambahkan.",
     ["Hal itu dikatakan Plt. Kepala BKD Dr. Andi.", "Ia menambahkan."]),
    # initials
    ("Hal itu disampaikan Kepala BKD, R. Sutisna. Ia menambahkan.",
     ["Hal itu disampaikan Kepala BKD, R. Sutisna.", "Ia menambahkan."]),
    ("Menurut M. Yusuf, WFH berlaku. Selesai.", ["Menurut M. Yusuf, WFH berlaku.", "Selesai."]),
    # enumerations: list lines are sentences; a number after a full stop starts one
    ("Ketentuan:\n1. WFH 50 persen;\n2. WFO 50 persen.",
     ["Ketentuan:", "1. WFH 50 persen;", "2. WFO 50 persen."]),
    ("Jumlahnya naik. 50 persen ASN WFH.", ["Jumlahnya naik.", "50 persen ASN WFH."]),
    ("Pegawai dibagi dua. 2. Sisanya WFO.", ["Pegawai dibagi dua. 2.", "Sisanya WFO."]),
    # datelines
    ("JAKARTA, KOMPAS.com - Pemerintah menetapkan WFH. Berlaku mulai Senin.",
     ["JAKARTA, KOMPAS.com - Pemerintah menetapkan WFH.", "Berlaku mulai Senin."]),
    ("Rabu, 17 April 2024 13:00 WIB\nBANDUNG - Pemkot menerapkan WFH.",
     ["Rabu, 17 April 2024 13:00 WIB", "BANDUNG - Pemkot menerapkan WFH."]),
    # quotes: a quoted sentence ends inside its quote, the next one opens with one
    ('Ia berkata, "Mulai besok WFH." Kebijakan itu baru.',
     ['Ia berkata, "Mulai besok WFH.', "Kebijakan itu baru."]),
    ('"Kami terapkan WFH," ujarnya. "Mulai besok." Ia menambahkan.',
     ['"Kami terapkan WFH," ujarnya.', '"Mulai besok.', "Ia menambahkan."]),
    # other ends and non-ends
    ("Bekerja di rumah! Apakah efektif? Ya.", ["Bekerja di rumah!", "Apakah efektif?", "Ya."]),
    ("Tarif naik 2.5 persen. nilai kecil.", ["Tarif naik 2.5 persen. nilai kecil."]),
    ("Baris satu\nBaris dua", ["Baris satu", "Baris dua"]),
])
def test_textdoc_sentence_table(text: str, sentences: list[str]) -> None:
    assert _units(text) == sentences


def test_textdoc_sentences_cover_the_text_and_units_carry_paragraphs() -> None:
    text = "Satu dua.  Tiga.\n\nEmpat lima.\nEnam."
    td = TextDoc(text)
    spans = td.sentences()
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] <= b[0] for a, b in pairwise(spans))
    assert [(text[s:e], p) for s, e, p in td.units] == [
        ("Satu dua.", 0), ("Tiga.", 0), ("Empat lima.", 1), ("Enam.", 1)]
    assert td.sentence(text.index("Tiga")) == (text.index("Tiga"), text.index("Tiga") + 5)
    assert td.previous_sentence_start(text.index("Tiga")) == 0


def test_textdoc_paragraphs_are_the_classifier_units() -> None:
    from pipeline.ml.classify import split_paragraphs as classifier_split

    text = "Judul\n\nParagraf satu. Kalimat dua.\n \nParagraf dua."
    td = TextDoc(text)
    assert td.paragraphs == split_paragraphs(text) == classifier_split(text)
    assert [text[s:e] for s, e in td.paragraphs] == ["Judul", "Paragraf satu. Kalimat dua.", "Paragraf dua."]
    assert td.paragraph_index(text.index("Kalimat")) == 1


def test_textdoc_views_keep_offsets() -> None:
    text = "Sesuai SE Nomor 1 Tahun 2024, WFH pukul 08.00 berlaku."
    td = TextDoc(text)
    assert len(td.low) == len(td.masked) == len(td.masked_low) == len(text)
    assert "tahun 2024" not in td.masked_low  # the citation is masked for the date rules
    assert td.low == text.lower()
    assert [(h.mode, text[h.start:h.end]) for h in td.modes] == [("WFH", "WFH")]


def test_textdoc_segments_and_clauses() -> None:
    text = "WFH maksimal 50 persen, sedangkan WFO 50 persen; sisanya cuti."
    td = TextDoc(text)
    seg = td.segment(text.index("WFO"))
    assert text[seg[0]:seg[1]].startswith("sedangkan WFO")
    clause = td.clause(text.index("50"))
    assert text[clause[0]:clause[1]] == "WFH maksimal 50 persen"


def test_text_doc_reuses_the_context_analysis() -> None:
    text = "WFH berlaku."
    td = TextDoc(text)
    assert text_doc(text, Context(doc=td)) is td
    assert text_doc("Lain.", Context(doc=td)) is not td  # another text gets its own
    assert text_doc(text, Context()).text == text


# --- the folded view and scan_words (case-insensitive lexicon scans without IGNORECASE) ----------------


def test_folded_finds_what_ignorecase_finds() -> None:
    """A lower-case ASCII letter matches a character of ``folded(lowered(text))`` exactly where the
    same letter with re.IGNORECASE matches the original character (Latin, Greek, Cyrillic, letterlike
    symbols such as the Kelvin sign), and word, blank and digit classes are unchanged."""
    import re

    from extractors.textdoc import folded, lowered

    chars = [chr(c) for c in (*range(0x0, 0x530), *range(0x1E00, 0x2000), *range(0x2100, 0x2150))]
    for c in chars:
        f = folded(lowered(c))
        assert len(f) == 1, hex(ord(c))
        for x in "abcdefghijklmnopqrstuvwxyz":
            assert (re.fullmatch(x, c, re.IGNORECASE) is not None) == (f == x), (hex(ord(c)), x)
        for cls in (r"\w", r"\s", r"\d"):
            assert (re.fullmatch(cls, c) is None) == (re.fullmatch(cls, f) is None), (hex(ord(c)), cls)


@pytest.mark.parametrize(("pattern", "text"), [
    (r"(?:setiap|tiap)\s+kamis", "setiap kamis wfh, tiap kamis juga; bersetiap kamis tidak"),
    (r"(?:diperpanjang|perpanjangan)(?!\w)", "perpanjangan diperpanjang xdiperpanjang diperpanjangan diperpanjang"),
    (r"(?:ab|b)", "ab xab xb _b b"),  # a rejected "ab" inside "xab" leaves its "b" (after "a") rejected too
    (r"(?:ana|na)", "banana ana"),  # retried one character after a rejected match: "ana" inside "banana"
    (r"wfh", ""),
])
def test_scan_words_equals_the_lookbehind_scan(pattern: str, text: str) -> None:
    import re

    from extractors.textdoc import scan_words

    expected = [m.span() for m in re.finditer(r"(?<!\w)(?:" + pattern + ")", text)]
    assert [m.span() for m in scan_words(re.compile(pattern), text)] == expected
