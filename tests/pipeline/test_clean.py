from __future__ import annotations

import pytest

from pipeline.clean import clean_text

_NORMALISE = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u00a0": " ", "\t": " "})


def _check_offsets(original: str, text: str, segments: list[tuple[int, int, int]]) -> None:
    covered = 0
    for clean_start, orig_start, length in segments:
        assert text[clean_start:clean_start + length] == original[orig_start:orig_start + length].translate(_NORMALISE)
        covered += length
    # every character of the cleaned text is either from a segment or a line separator
    assert covered + text.count("\n") == len(text)


@pytest.mark.parametrize("furniture", [
    "Baca juga: Walkot Tangsel Pertimbangkan WFH Imbas Polusi",
    "Baca Juga: Layanan Publik di Pemkot Bandung Langsung Berjalan Prima",
    "Infografis Siap-Siap 2.500 ASN Pindah ke IKN Agustus 2024. (Liputan6.com/Gotri/Abdillah)",
    "Kantor Pemkot Tangerang. (ANTARA/HO)",
    "Pj Wali Kota Bandung Bambang Tirtoyuliono. /Diskominfo kota Bandung/",
    "Tag Terkait", "  • Halaman :", "Read All", "error: Content is protected !!", "(LDS)",
    "Editor: Rifki Abdul Fahmi", "© 2025 TRIBUNnews.com Network,a subsidiary of KG Media.",
])
def test_clean_drops_furniture(furniture: str) -> None:
    body = "Pemkot Bandung menerapkan WFH maksimal 50 persen bagi ASN pada 16-17 April 2024."
    second = "Paragraf kedua tetap ada, " + "karena panjangnya melebihi baris navigasi halaman berita " * 3
    text, segments = clean_text(f"{body}\n\n{furniture}\n\n{second}")
    assert furniture.strip() not in text
    assert body in text and second.strip() in text


def test_clean_keeps_body_and_normalises() -> None:
    original = "Judul  berita\n\n\u201cKami  terapkan WFH,\u201d kata\u00a0Benyamin.\t\n\n\n\nParagraf."
    text, segments = clean_text(original)
    assert text == 'Judul berita\n\n"Kami terapkan WFH," kata Benyamin.\n\nParagraf.'
    _check_offsets(original, text, segments)


def test_clean_footer_drops_short_lines_but_keeps_long_paragraphs() -> None:
    long_para = "Pemerintah Kota Bogor " + "memberlakukan WFH bagi ASN " * 8
    text, _ = clean_text(f"Isi berita.\n\nBerita Terkait\nJudul lain pendek\n{long_para}")
    assert "Judul lain pendek" not in text and long_para.strip() in text


def test_clean_keeps_quote_ending_in_credit() -> None:
    line = '"Jangan sampai libur Lebaran mengganggu target kinerja," pesannya. (Ully/Red)'
    text, _ = clean_text(line)
    assert "Jangan sampai" in text


def test_clean_offsets_on_every_seed(seeds_dir) -> None:
    for path in sorted(seeds_dir.glob("*.txt")):
        original = path.read_text(encoding="utf-8")
        text, segments = clean_text(original)
        _check_offsets(original, text, segments)
        assert "Baca juga" not in text and "Baca Juga" not in text


def test_clean_keeps_a_paragraph_ending_in_a_dated_parenthesis() -> None:
    line = "BANDUNG - Pemprov Jawa Barat menerapkan WFH setiap Kamis. Penerapan WFH mulai berlaku Kamis (6/11/2025)."
    assert clean_text(line)[0] == line
