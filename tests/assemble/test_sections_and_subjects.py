"""Issue 10 classes shown by regional4's first run, through ``process_one`` (invented articles):

* a news subheading with no actor announces the section below it, not the one above;
* a sentence whose subject is the unnamed central government ("Pusat memberi ruang ...") gives the
  region in focus nothing;
* "Pemko" is a city government (Sumatra, Kalimantan usage), also in "Pemerintah Kota (Pemko) X";
* a share whose own relative clause grants the mode ("sepertiga pegawai yang boleh WFA") is a cap;
* "PPKM Level 4 hingga 23 Agustus" holds no day 4;
* a ministry's Secretary-General is its official; old-spelling initials ("Dj.") stay inside a name.
"""

from __future__ import annotations

from extractors.base import Context
from extractors.masks import mask
from extractors.officials import extract_officials


def _by(recs: list[dict], authority: str) -> list[dict]:
    return [r for r in recs if r["authority"]["id"] == authority]


def _quotas(recs: list[dict], authority: str) -> set[tuple]:
    return {(q["mode"], q["op"], q["percent"], q["scope"]) for r in _by(recs, authority) for q in r["quotas"]}


def test_a_subheading_belongs_to_the_section_below(records) -> None:
    text = ("Dua Aturan WFH Polusi\nBOGOR - Pemerintah Kota Bogor menerapkan WFH 40 persen bagi ASN mulai Senin "
            "(21/8/2023).\n\nSementara itu, Pemkab Cianjur masih mengkaji kemungkinan WFH bagi pegawainya.\n\n"
            "Kantor kementerian: WFO paling sedikit 60 persen\n\nDi tingkat pusat, Kementerian PANRB menetapkan "
            "pegawai instansi pusat di Jabodetabek bekerja dari kantor paling sedikit 60 persen mulai 28 Agustus "
            "2023.")
    recs = records(text, published="2023-08-18")
    assert not _by(recs, "region:32.03"), "a region still studying gets no rule from the next section's subheading"
    assert ("WFO", ">=", 60.0, "all") in _quotas(recs, "central:kemenpanrb")


def test_a_short_quoted_line_is_no_subheading(records) -> None:
    text = ("Pemkab Garut WFH\nGARUT - Pemkab Garut menerapkan WFH bagi ASN pada 16-17 April 2024.\n\n"
            "\"WFH maksimal 50 persen.\"\n\nDi tingkat pusat, Kementerian PANRB menerbitkan SE Nomor 1 Tahun 2024.")
    assert ("WFH", "<=", 50.0, "all") in _quotas(records(text, published="2024-04-15"), "region:32.05")


def test_the_unnamed_central_government_gives_the_region_nothing(records) -> None:
    text = ("Pemprov Gorontalo Terapkan WFA Dua Hari\nGORONTALO - Sekretaris Daerah Provinsi Gorontalo, Sofian "
            "Ibrahim, mengatakan ASN Pemprov Gorontalo boleh WFA jelang Lebaran.\n\n\"Pusat membolehkan WFA sejak "
            "24 sampai 27 Maret. Untuk Pemprov Gorontalo, WFA kami berlakukan hanya tanggal 26 dan 27 Maret,\" "
            "katanya.")
    recs = _by(records(text, published="2025-03-21"), "region:75")
    assert recs and {(r["effective"]["start"], r["effective"]["end"]) for r in recs} == {("2025-03-26", "2025-03-27")}


def test_pemko_is_a_city_government(records) -> None:
    text = ("Pemko Pekanbaru Terapkan WFH\nPEKANBARU - Pemerintah Kota (Pemko) Pekanbaru menerapkan WFH bagi ASN "
            "pada 16-17 April 2024. Pemko membatasi pegawai yang WFH paling banyak 30 persen.")
    recs = records(text, published="2024-04-15")
    assert [r["authority"]["id"] for r in recs] == ["region:14.71"]


def test_a_share_granted_in_its_own_clause_is_a_cap(records) -> None:
    text = ("Pemko Binjai WFA Jumat\nBINJAI - Pemko Binjai menerapkan WFA bagi ASN setiap Jumat mulai 7 November "
            "2025. \"Hanya seperempat pegawai tiap dinas yang diizinkan WFA,\" kata Wali Kota Binjai, Amir Hamzah.")
    assert _quotas(records(text, published="2025-10-30"), "region:12.75") == {("WFA", "<=", 25.0, "all")}


def test_a_level_number_is_no_day() -> None:
    assert "4" not in mask("PPKM Level 4 hingga 23 Agustus 2021")
    assert "23 Agustus 2021" in mask("PPKM Level 4 hingga 23 Agustus 2021")


def test_a_level_number_gives_no_start(records) -> None:
    text = ("PPKM Diperpanjang\nKUPANG - Pemkot Kupang memperpanjang PPKM Level 4 hingga 23 Agustus 2021. ASN "
            "yang bekerja dari rumah tetap 75 persen.")
    recs = _by(records(text, published="2021-08-10"), "region:53.71")
    assert recs and all(r["effective"]["start"] != "2021-08-04" for r in recs)


def test_a_secretary_general_and_old_spelling_initials() -> None:
    found = extract_officials("Sekretaris Jenderal Kementerian Perhubungan, Rahmat Siregar, mengatakan edaran itu "
                              "berlaku. Kepala BKPSDM Kota Kupang, Maria Dj. Fernandez, menambahkan.", Context())
    assert {(s.value.name.replace(".", ""), s.value.authority_id) for s in found} >= {
        ("Rahmat Siregar", "central:kemenhub"), ("Maria Dj Fernandez", "region:53.71")}


def test_unit_administrasi_is_the_admin_scope(records) -> None:
    text = ("KemenPANRB Atur WFA\nJAKARTA - Kementerian PANRB menetapkan WFA bagi ASN pada 16-17 Maret 2026. Paling "
            "banyak separuh pegawai di unit administrasi yang boleh WFA pada hari yang sama.")
    assert ("WFA", "<=", 50.0, "admin_support") in _quotas(records(text, published="2026-03-05"), "central:kemenpanrb")
