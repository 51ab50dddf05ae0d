"""extractors.masks: number shapes that are not dates are blanked, offsets kept."""

from __future__ import annotations

import pytest

from extractors.masks import MASK_CHAR, mask, masked_spans


@pytest.mark.parametrize(
    ("text", "blanked"),
    [
        ("SE Nomor 1 Tahun 2024 tentang WFH", "Nomor 1 Tahun 2024"),
        ("Surat Edaran Menpan RB Nomor 01 tahun 2024 tentang", "Nomor 01 tahun 2024"),
        ("Surat Edaran MenPAN-RB No. 67 Tahun 2020 Tentang", "No. 67 Tahun 2020"),
        ("PermenPANRB No. 4/2025 membahas", "No. 4/2025"),
        ("sesuai No.1/2024 dan", "No.1/2024"),
        ("Surat Nomor 800/894/437.73/2020.", "Nomor 800/894/437.73/2020"),
        ("Nomor: 800/894/437.73/2020 tentang", "Nomor: 800/894/437.73/2020"),
        ("Wali Kota Bandung Nomor 022-Setda/2024 tentang", "Nomor 022-Setda/2024"),
        ("SE Sekda Nomor 000.8.3/3415/436.3.2/2025 tentang", "Nomor 000.8.3/3415/436.3.2/2025"),
        ("menurut Permenpan RB 4/2025 ASN", "4/2025"),
        ("Perpres No. 21/2023 tentang", "No. 21/2023"),
        ("PP 94 Tahun 2021 tentang disiplin", "94 Tahun 2021"),
        ("masuk pukul 08.00 WIB setiap hari", "pukul 08.00 WIB"),
        ("hingga 9 September 2020, pukul 11.00 WIB, terkonfirmasi", "pukul 11.00 WIB"),
        ("Diterbitkan 16 Apr 2024, 12.33 WIB", "12.33 WIB"),
        ("Antara • 09 September 2020 15:03", "15:03"),
        ("jam kerja 07.30-16.00 WITA", "07.30-16.00 WITA"),
        ("Cuti Bersama Idulfitri 1445 H di", "1445 H"),
        ("Idul Fitri 1446 Hijriah", "1446 Hijriah"),
        ("sebanyak 1.233 ASN", "1.233"),
        ("tunjangan Rp 1.500.000 per bulan", "Rp 1.500.000"),
        ("minimal 7,5 jam per hari", "7,5"),
        ("pandemi Covid-19 melanda", "Covid-19"),
        ("HUT ke-80 RI", "ke-80"),
        ("lihat https://kompas.com/read/2025/06/20/17212921/asn ya", "https://kompas.com/read/2025/06/20/17212921/asn"),
    ],
)
def test_masks_blank_non_date_numbers(text: str, blanked: str) -> None:
    out = mask(text)
    i = text.index(blanked)
    assert len(out) == len(text)
    assert out[i : i + len(blanked)] == MASK_CHAR * len(blanked)


@pytest.mark.parametrize(
    "text",
    [
        "Selasa (16/4/2024)",
        "pada 16-17 April 2024",
        "Senin (21/8/2023) mendatang",
        "Kompas.com - 19/06/2025",
        "tanggal 16.04.2024 dan 2023-08-30",
        "(16/4)",
        "4 s.d. 7 September 2023",
        "Jumat (14/2/2025).",
    ],
)
def test_masks_keep_dates(text: str) -> None:
    assert mask(text) == text


def test_masks_same_length_and_unmasked_text_untouched() -> None:
    text = "Nomor 1 Tahun 2024 berlaku 16 April 2024 pukul 08.00 WIB hingga 17 April 2024."
    out = mask(text)
    assert len(out) == len(text)
    inside = {i for s, e in masked_spans(text) for i in range(s, e)}
    assert inside
    assert all(out[i] == MASK_CHAR for i in inside)
    assert all(out[i] == text[i] for i in range(len(text)) if i not in inside)
    assert "16 April 2024" in out and "17 April 2024" in out


def test_masks_do_not_swallow_sentence_end() -> None:
    text = "sesuai SE Nomor 1 Tahun 2024. Senin (15/4/2024) rapat."
    out = mask(text)
    assert out[text.index(". Senin")] == "."


def test_masks_text_without_shapes_is_returned_as_is() -> None:
    text = "Pemkot Tangsel berlakukan WFH mulai pekan depan."
    assert mask(text) is text
