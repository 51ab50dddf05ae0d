"""extractors/instruments.py: legal instruments and their taxonomy ids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.base import Context
from extractors.instruments import extract_instruments, instrument_id, normalize_number

CTX = Context()
ROOT = Path(__file__).resolve().parents[2]


def ids(text: str) -> list[str | None]:
    return [s.value.id for s in extract_instruments(text, CTX)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one circular, many spellings
        ("sejalan dengan Surat Edaran Menteri PANRB Nomor 1 Tahun 2024.", ["SE:MENPANRB:1/2024"]),
        ("SE Menpan RB No. 1/2024", ["SE:MENPANRB:1/2024"]),
        ("SE MenPANRB Nomor 01 tahun 2024", ["SE:MENPANRB:1/2024"]),
        ("berdasarkan Surat Edaran Menpan RB Nomor 01 tahun 2024 tentang Penyesuaian", ["SE:MENPANRB:1/2024"]),
        ("SE MenPAN-RB No 19 Tahun 2022", ["SE:MENPANRB:19/2022"]),
        ("Surat Edaran Menteri PAN-RB Nomor: 1 Tahun 2024", ["SE:MENPANRB:1/2024"]),
        # two instruments in one sentence ("Perubahan atas")
        (("tindak lanjut dari Surat Edaran Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi No. 67 Tahun "
         "2020 Tentang Perubahan atas Surat Edaran Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi "
         "Nomor 58 Tahun 2020 Tentang Sistem Kerja"), ["SE:MENPANRB:67/2020", "SE:MENPANRB:58/2020"]),
        # regional heads: role + region code; numbers as written
        ("Surat Edaran Wali Kota Bandung Nomor 022-Setda/2024 tentang", ["SE:WALIKOTA-32.73:022-SETDA/2024"]),
        ("SE Bupati Gresik No. 800/894/437.73/2020", ["SE:BUPATI-35.25:800/894/437.73/2020"]),
        ("Surat Edaran Sekretaris Daerah Kota Surabaya Nomor 000.8.3/3415/436.3.2/2025 tentang",
         ["SE:SEKDA-35.78:000.8.3/3415/436.3.2/2025"]),
        ("Surat Edaran Gubernur DKI Jakarta Nomor e-0001 Tahun 2024", ["SE:GUBERNUR-31:E-0001/2024"]),
        ("Instruksi Gubernur (Ingub) DKI Nomor 6 Tahun 2025", ["INSTRUKSI:GUBERNUR-31:6/2025"]),
        ("Pergub DKI Nomor 6 Tahun 2025", ["PERGUB:GUBERNUR-31:6/2025"]),
        ("Surat Edaran Kepala BKPSDM Kota Bandung Nomor 800/123/BKPSDM/2024", ["SE:BKPSDM-32.73:800/123/BKPSDM/2024"]),
        ("SE Walkot Tangsel Nomor 5 Tahun 2023", ["SE:WALIKOTA-36.74:5/2023"]),
        ("SE Pemkab Tangerang Nomor 12 Tahun 2024", ["SE:BUPATI-36.03:12/2024"]),
        # ministries and the president
        ("Peraturan Menteri PANRB Nomor 4 Tahun 2025", ["PERMEN:MENPANRB:4/2025"]),
        ("Peraturan Menteri PANRB (PermenPANRB) Nomor 4 Tahun 2025, tentang", ["PERMEN:MENPANRB:4/2025"]),
        ("Peraturan Menpan-RB Nomor 4 Tahun 2025.", ["PERMEN:MENPANRB:4/2025"]),
        ("Permenpan RB 4/2025", ["PERMEN:MENPANRB:4/2025"]),
        ("PermenPANRB No 4 Tahun 2025", ["PERMEN:MENPANRB:4/2025"]),
        ("PermenPANRB No. 4/2025 membahas", ["PERMEN:MENPANRB:4/2025"]),
        ("Kepmenpan RB Nomor 1 Tahun 2024", ["KEPMEN:MENPANRB:1/2024"]),
        ("Keputusan Menteri PANRB Nomor 2 Tahun 2022", ["KEPMEN:MENPANRB:2/2022"]),
        ("Permendagri Nomor 77 Tahun 2020", ["PERMEN:MENDAGRI:77/2020"]),
        ("Inmendagri Nomor 15 Tahun 2021", ["INSTRUKSI:MENDAGRI:15/2021"]),
        ("Instruksi Menteri Dalam Negeri (Inmendagri) Nomor 15 Tahun 2021", ["INSTRUKSI:MENDAGRI:15/2021"]),
        ("SE Kepala BKN Nomor 2 Tahun 2024", ["SE:BKN:2/2024"]),
        ("Perpres 21/2023", ["PERPRES:PRESIDEN:21/2023"]),
        ("Peraturan Presiden Nomor 21 Tahun 2023", ["PERPRES:PRESIDEN:21/2023"]),
        ("Peraturan Presiden (Perpres) No. 21/2023 tentang", ["PERPRES:PRESIDEN:21/2023"]),
        ("Inpres Nomor 1 Tahun 2025", ["INPRES:PRESIDEN:1/2025"]),
        ("Instruksi Presiden (Inpres) Nomor 1 Tahun 2025 tentang Efisiensi", ["INPRES:PRESIDEN:1/2025"]),
        ("Keputusan Presiden Nomor 12 Tahun 2020", ["KEPPRES:PRESIDEN:12/2020"]),
        ("PP Nomor 94 Tahun 2021", ["PP:PRESIDEN:94/2021"]),
        ("Peraturan Pemerintah (PP) Nomor 94 Tahun 2021 tentang Disiplin PNS", ["PP:PRESIDEN:94/2021"]),
        ("UU Nomor 20 Tahun 2023 tentang ASN", ["UU:PRESIDEN:20/2023"]),
        ("Undang-Undang Nomor 5 Tahun 2014", ["UU:PRESIDEN:5/2014"]),
        # the issuer or its region from the context
        ("Pemerintah Provinsi DKI Jakarta melalui Instruksi Gubernur Nomor 6 Tahun 2025 juga telah mewajibkan",
         ["INSTRUKSI:GUBERNUR-31:6/2025"]),
        (("Pemprov DKI sebelumnya telah mewajibkan ASN naik transportasi umum melalui Instruksi Gubernur Nomor 6 "
         "Tahun 2024 yang ditandatangani Pramono Anung pada 23 April 2025."), ["INSTRUKSI:GUBERNUR-31:6/2024"]),
        ("Pemkot Surabaya menerapkan kerja fleksibel. Diatur dalam SE Sekda Nomor 000.8.3/3415/436.3.2/2025.",
         ["SE:SEKDA-35.78:000.8.3/3415/436.3.2/2025"]),
        ("Sebelumnya, Menteri PANRB Rini Widyantini mengeluarkan peraturan Nomor 4 Tahun 2025 tentang",
         ["PERMEN:MENPANRB:4/2025"]),
        ("Pemkot Bandung menerbitkan SE Nomor 1/2024.", ["SE:WALIKOTA-32.73:1/2024"]),
        ("Kementerian PANRB menerbitkan Surat Edaran Nomor 1 Tahun 2024 tentang", ["SE:MENPANRB:1/2024"]),
        ("MenPAN-RB Abdullah Azwar Anas menerbitkan SE Nomor 8 Tahun 2024", ["SE:MENPANRB:8/2024"]),
        ("Surat Edaran Nomor 800/1/2024 yang ditandatangani oleh Sekda Kota Bogor pada",
         ["SE:SEKDA-32.71:800/1/2024"]),
        ("Surat Edaran Nomor 01 Tahun 2024 yang diteken Wali Kota Bandung", ["SE:WALIKOTA-32.73:1/2024"]),
        ("Pemkot Bogor menerapkan WFH. Aturan itu tertuang dalam Perwal Nomor 32 Tahun 2020.",
         ["PERWAL:WALIKOTA-32.71:32/2020"]),
        # the year from the signing date when the number has none
        ("Surat Edaran Wali Kota Bandung Nomor 800/1234/BKPSDM tertanggal 12 April 2024", 
         ["SE:WALIKOTA-32.73:800/1234/BKPSDM/2024"]),
        # no id: no year, no issuer, or a joint instrument
        ("Surat Edaran Nomor 800/1234/BKPSDM", [None]),
        ("SE Sekda Nomor 000.8.3/3415/436.3.2/2025", [None]),
        ("Surat Edaran (SE) Nomor 5 Tahun 2024", [None]),
        ("SE Gubernur Jawa Tengah Nomor 800/0012345", [None]),
        ("Surat Edaran Bersama Menteri PANRB dan Kepala BKN Nomor 1 Tahun 2020", [None]),
        # named without a number: a span with id None
        ("Karena harus dibuatkan surat edaran Wali Kota, tapi intinya", [None]),
        ("dirinya baru menerima surat dari Imendagri.", [None]),
        ("mengacu Instruksi Gubernur soal transportasi", [None]),
        ("Terkait SE WFH dari Menpan RB akan kita tindaklanjuti", [None]),
        ("SKB 3 Menteri tentang cuti bersama", [None]),
        # not instruments
        ("Satpol PP Kota Bandung", []),
        ("Budi Santoso, SE, mengatakan", []),
        ("Peraturan tersebut menjelaskan tentang pelaksanaan tugas", []),
        ("Ada 9 poin yang tertuang dalam edaran tersebut.", []),
        ("permen karet", []),
        ("UU ASN", []),
    ],
)
def test_instrument_ids(text: str, expected: list[str | None]) -> None:
    assert ids(text) == expected


@pytest.mark.parametrize(
    ("text", "type_", "issuer", "number", "year", "authority"),
    [
        ("Surat Edaran Wali Kota Bandung Nomor 022-Setda/2024", "SE", "WALIKOTA-32.73", "022-SETDA", 2024,
         "region:32.73"),
        ("SE Menpan RB Nomor 01 tahun 2024", "SE", "MENPANRB", "1", 2024, "central:kemenpanrb"),
        ("PermenPANRB No. 4/2025", "PERMEN", "MENPANRB", "4", 2025, "central:kemenpanrb"),
        ("Perpres 21/2023", "PERPRES", "PRESIDEN", "21", 2023, "central:presiden"),
        ("surat edaran Wali Kota", "SE", None, None, None, None),
        ("surat dari Imendagri", "INSTRUKSI", "MENDAGRI", None, None, "central:kemendagri"),
        ("Peraturan BKN Nomor 7 Tahun 2022", "PERATURAN", "BKN", "7", 2022, "central:bkn"),
    ],
)
def test_instrument_fields(text: str, type_: str, issuer: str | None, number: str | None, year: int | None,
                           authority: str | None) -> None:
    (span,) = extract_instruments(text, CTX)
    v = span.value
    assert (v.type, v.issuer, v.number, v.year, v.authority_id) == (type_, issuer, number, year, authority)


def test_instrument_named_issuer_from_the_document() -> None:
    """'surat edaran Wali Kota' takes the only kota the document names with a cue (still no id)."""
    text = "Penerapan WFH ASN Pemkot Tangsel minggu depan. Karena harus dibuatkan surat edaran Wali Kota, tapi ..."
    (span,) = extract_instruments(text, CTX)
    assert (span.value.id, span.value.issuer, span.rule) == (None, "WALIKOTA-36.74", "instrument.named_context")


def test_instrument_span_is_the_citation() -> None:
    text = "sejalan dengan Surat Edaran Menteri PANRB Nomor 1 Tahun 2024."
    (span,) = extract_instruments(text, CTX)
    assert text[span.start:span.end] == "Surat Edaran Menteri PANRB Nomor 1 Tahun 2024"
    assert span.label == "instrument" and span.rule == "instrument.numbered"


@pytest.mark.parametrize(
    ("raw", "year", "expected"),
    [
        ("01", 2024, ("1", 2024)),
        ("1", 2024, ("1", 2024)),
        ("022-Setda/2024", None, ("022-SETDA", 2024)),
        ("800/894/437.73/2020", None, ("800/894/437.73", 2020)),
        ("2/SE/2020", None, ("2/SE", 2020)),
        ("4/2025", None, ("4", 2025)),
        ("800 / 1234 / BKPSDM", None, ("800/1234/BKPSDM", None)),
        ("000.8.3/3415/436.3.2/2025", None, ("000.8.3/3415/436.3.2", 2025)),
    ],
)
def test_instrument_normalize_number(raw: str, year: int | None, expected: tuple[str, int | None]) -> None:
    assert normalize_number(raw, year) == expected


def test_instrument_id_needs_all_parts() -> None:
    assert instrument_id("SE", "MENPANRB", "1", 2024) == "SE:MENPANRB:1/2024"
    assert instrument_id("SE", None, "1", 2024) is None
    assert instrument_id("SE", "MENPANRB", None, 2024) is None
    assert instrument_id("SE", "MENPANRB", "1", None) is None


def _gold_ids(path: Path) -> tuple[set[str], set[str]]:
    gold = json.loads(path.read_text(encoding="utf-8"))
    mandatory, optional = set(), set()
    for item in gold["instruments"]:
        if isinstance(item, str):
            mandatory.add(item)
        elif item.get("optional"):
            optional.add(item["id"])
        else:
            mandatory.add(item["id"])
    return mandatory, optional


@pytest.mark.parametrize(
    "path",
    sorted((ROOT / "corpus" / "seeds").glob("*.txt")) + sorted((ROOT / "corpus" / "dev").glob("*.txt")),
    ids=lambda p: p.stem,
)
def test_instrument_gold_ids_match(path: Path) -> None:
    """Seed and dev documents: every mandatory gold id is found, and nothing else but optional ones."""
    text = path.read_text(encoding="utf-8")
    predicted = {i for i in ids(text) if i}
    mandatory, optional = _gold_ids(ROOT / "annotations" / path.parent.name / f"{path.stem}.json")
    assert mandatory <= predicted
    assert predicted - mandatory <= optional


# Issue 10, class 1 (instruments in real reporting): invented sentences.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an official's name between issuer and number
        ("SE Gubernur Jawa Tengah Ganjar Pranowo Nomor 800/12 Tahun 2021 mengatur jam kerja", ["SE:GUBERNUR-33:800/12/2021"]),  # noqa: E501
        ("Surat Edaran Bupati Kudus Hartopo Nomor 443/1020/2021 berlaku", ["SE:BUPATI-33.19:443/1020/2021"]),
        ("SE Gubernur DIY Sri Sultan Hamengku Buwono X Nomor 5 Tahun 2021", ["SE:GUBERNUR-34:5/2021"]),
        # stray spaces and punctuation inside numbers
        ("Surat Edaran Wali Kota Blitar Nomor : 800/1234 -BKD/2023 tentang", ["SE:WALIKOTA-35.72:800/1234-BKD/2023"]),
        ("SE Bupati Sleman Nomor: 443 / 250 / 2022", ["SE:BUPATI-34.04:443/250/2022"]),
        # the issuer from the governing actor of the paragraph
        ("Kementerian PANRB kembali mengatur kerja ASN. Dalam Surat Edaran (SE) Nomor 7 Tahun 2023, ASN boleh WFH.",
         ["SE:MENPANRB:7/2023"]),
        # amendment chains: both circulars, the amended one with the chain's issuer
        ("Surat Edaran Menteri PANRB Nomor 67 Tahun 2020 tentang Perubahan Ketiga atas Surat Edaran Nomor 19 Tahun 2020",  # noqa: E501
         ["SE:MENPANRB:67/2020", "SE:MENPANRB:19/2020"]),
        ("Perubahan Kedua atas SE Wali Kota Depok Nomor 443/120/2020 diteken kemarin", ["SE:WALIKOTA-32.76:443/120/2020"]),  # noqa: E501
        # short and long forms of regional and ministerial instruments
        ("Inmendagri Nomor 15 Tahun 2021 tentang PPKM Darurat", ["INSTRUKSI:MENDAGRI:15/2021"]),
        ("Kepgub Jawa Timur Nomor 188/77/KPTS/013/2021", ["KEPUTUSAN:GUBERNUR-35:188/77/KPTS/013/2021"]),
        ("Perbup Bantul Nomor 10 Tahun 2024", ["PERBUP:BUPATI-34.02:10/2024"]),
        ("Ingub Sumatera Utara Nomor 3 Tahun 2024", ["INSTRUKSI:GUBERNUR-12:3/2024"]),
        # "RI" between a presidential instrument's name and its number
        ("Presiden menerbitkan Peraturan Pemerintah RI Nomor 12 tahun 2022 yang mengatur gaji", ["PP:PRESIDEN:12/2022"]),  # noqa: E501
        # a regional agency that issues its own circular is its issuer, not the region's head
        ("Dinas Kesehatan Kota Madiun menerbitkan surat edaran nomor 440/77/2024 untuk pegawainya.",
         ["SE:DINKES-35.77:440/77/2024"]),
        ("Kepala BPBD Kabupaten Garut, Asep Suryana, menerbitkan Surat Edaran Nomor 360/19/2023 soal jam kerja.",
         ["SE:BPBD-32.05:360/19/2023"]),
        ("Pemkot Madiun menerbitkan surat edaran nomor 800/12/2024 soal jam kerja.", ["SE:WALIKOTA-35.77:800/12/2024"]),
        # a sentence glued after the year ends the number; a unit written with a dot inside it does not
        ("tertuang dalam SE Bupati Badung Nomor 800/77/BKPSDM/2022.Menurut Kepala BKPSDM, aturan itu",
         ["SE:BUPATI-51.03:800/77/BKPSDM/2022"]),
        ("SE Wali Kota Palu Nomor 443.1/55/Bag.Hukum Tahun 2021 berlaku",
         ["SE:WALIKOTA-72.71:443.1/55/BAG.HUKUM/2021"]),
        # two actors in the paragraph: no guess
        ("Pemprov Jawa Barat dan Kementerian PANRB membahasnya. Dalam Surat Edaran Nomor 9 Tahun 2023, ASN WFH.", [None]),  # noqa: E501
    ],
)
def test_real_reporting_instrument_forms(text, expected):
    assert ids(text) == expected


def _completed_ids(text: str, published: str) -> list[str | None]:
    """Instrument ids after the context step (dates, officials, publication date), via ``extract_one``."""
    from pipeline.extract import extract_one
    from pipeline.models import ParsedDoc, RawDoc

    raw = RawDoc(doc_id="invented", data=text.encode(), kind="txt", source="invented.txt", published=published)
    _, spans = extract_one(ParsedDoc(raw=raw, text=text, original=text, offset_map=[], published=published))
    return [s.value.id for s in spans.get("instrument", []) if s.value.number]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the year glued to the unit code by a hyphen stays in the number
        ("Aturan itu tertuang dalam SE Gubernur Jambi Nomor 800.1.6/215/BKD-2024 tentang sistem kerja.",
         ["SE:GUBERNUR-15:800.1.6/215/BKD-2024"]),
        ("Ketentuan WFH diatur lewat SE Wali Kota Depok Nomor 061/288/BKPSDM.2023.",
         ["SE:WALIKOTA-32.76:061/288/BKPSDM.2023"]),
        # the signing date after the citation's title
        ("Aturan itu tertuang dalam SE Gubernur NTT Nomor 800/1944/BKD tentang Penyesuaian Sistem Kerja Aparatur "
         "Sipil Negara di Lingkungan Pemerintah Provinsi, yang diteken Rabu (15/5/2024).",
         ["SE:GUBERNUR-53:800/1944/BKD/2024"]),
        # the signing date in the next sentence, which points back at the circular
        ("Aturan itu tertuang dalam SE Gubernur NTT Nomor 800/1944/BKD tentang sistem kerja ASN. Surat edaran "
         "tersebut diteken Rabu (15/5/2024).", ["SE:GUBERNUR-53:800/1944/BKD/2024"]),
        # the article reports the signing itself: the publication year ("800/1944" is no year: before 1945)
        ("Gubernur NTT Ayodhia Kalake menandatangani Surat Edaran Gubernur NTT Nomor 800/1944 tentang sistem kerja.",
         ["SE:GUBERNUR-53:800/1944/2024"]),
        # a date of another sentence that does not point back, or a mere citation: no year, no id
        ("Aturan itu tertuang dalam SE Gubernur NTT Nomor 800/1944/BKD tentang sistem kerja ASN. Kebijakan itu "
         "berlaku Senin (20/5/2024).", [None]),
        ("ASN bekerja dari rumah sesuai SE Gubernur NTT Nomor 800/1944/BKD.", [None]),
    ],
)
def test_instrument_year_from_the_context(text: str, expected: list[str | None]) -> None:
    assert _completed_ids(text, "2024-05-16") == expected
