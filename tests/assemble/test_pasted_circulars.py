"""Issue 10 classes shown by regional5's first run (government-sourced text), through ``process_one``,
with invented articles:

* an authority known only through an official's title ("Kepala BKPSDM Ambon, ...") gets its record;
* a rule with four kinds of its own backing survives a classifier that doubts its paragraph;
* a pasted circular's list introduced by "Unit kerja sebagaimana dimaksud ... meliputi:" holds the exempt
  units, and ends where the lead-in's next point starts;
* run-together points "1." and sub-points "1)" are two lists;
* a circular signed on behalf of the regional head ("a.n. WALI KOTA ...") is the head's, not the agency's
  named in its number.
"""

from __future__ import annotations

from pipeline.unglue import repairs


def _by(recs: list[dict], authority: str) -> list[dict]:
    return [r for r in recs if r["authority"]["id"] == authority]


def test_an_authority_named_only_in_an_officials_title(records) -> None:
    text = ("Demo Meluas, ASN Diminta Kerja dari Rumah\nSituasi kota belum kondusif setelah gedung dewan dibakar "
            "massa pada akhir pekan. Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia (BKPSDM) Ambon, "
            "Johanis Latuheru, menyebut pegawai kantor-kantor di tengah kota "
            "boleh WFH paling banyak separuh mulai Senin (1/9/2025).\n\n\"Kecamatan dan kelurahan tidak ada WFH,\" "
            "kata Johanis.")
    recs = _by(records(text, published="2025-08-31"), "region:81.71")
    assert recs, "the city known only from its BKPSDM head's title has its record"
    assert recs[0]["authority"]["name"].endswith("Ambon")


SECTIONS = ("Pemkab Jember Terbitkan Surat Edaran WFH\nJEMBER - Pemkab Jember menerbitkan surat edaran soal kerja "
            "ASN usai Lebaran.\n\nBerikut isi surat edaran tersebut:\n\n"
            "1. Pegawai ASN dapat melaksanakan tugas kedinasan di rumah (WFH) pada tanggal 16 s.d. 17 April 2024.\n"
            "2. Unit kerja yang memberikan pelayanan langsung kepada masyarakat tetap melaksanakan tugas di kantor "
            "(WFO) 100%.\n"
            "3. Unit kerja sebagaimana dimaksud pada angka 2 meliputi:\n"
            "   a. Rumah Sakit Daerah dr. Soebandi;\n"
            "   b. Dinas Kependudukan dan Pencatatan Sipil; dan\n"
            "   c. Badan Penanggulangan Bencana Daerah.\n"
            "4. Kepala Perangkat Daerah mengatur jadwal pegawai yang melaksanakan WFH.\n")


def test_a_pasted_circulars_list_after_a_lead_in(records) -> None:
    recs = _by(records(SECTIONS, published="2024-04-15"), "region:35.09")
    cats = {e["category"] for r in recs for e in r["exemptions"]}
    assert {"health", "civil_registration", "disaster"} <= cats
    assert "role:leadership" not in cats, "the list ends where point 4 starts"


def test_points_and_sub_points_are_two_lists() -> None:
    line = ("Hal-hal berikut:1. Pegawai ASN WFH setiap Jumat.2. Jumlahnya paling banyak 40%.3. Ketentuan ini "
            "dikecualikan bagi:a. unit layanan, meliputi:1) RSUD;2) Puskesmas;b. Satpol PP; dan"
            "c. bendahara.4. Pegawai ASN yang WFH wajib hadir bila dipanggil.")
    starts = [line[i:].split(maxsplit=1)[0] for i, _ in repairs(line)]
    assert any(s.startswith("4.") for s in starts), starts


def test_a_circular_signed_on_behalf_of_the_head(records) -> None:
    text = ("ASN Pemkot Kendari WFH Tiap Jumat\nKENDARI - Pemkot Kendari menerapkan WFH tiap Jumat mulai 7 Maret "
            "2025.\n\nSURAT EDARAN NOMOR: 800/112/BKPSDM/III/2025 TENTANG TUGAS KEDINASAN DI RUMAH\n\n"
            "1. Pegawai ASN melaksanakan WFH setiap hari Jumat paling banyak 40% dari jumlah pegawai.\n\n"
            "a.n. WALI KOTA KENDARI\nSEKRETARIS DAERAH,\nttd\nRIDWANSYAH TAridala\n")
    recs = _by(records(text, published="2025-03-05"), "region:74.71")
    assert recs and recs[0]["instrument"]["id"] == "SE:WALIKOTA-74.71:800/112/BKPSDM/III/2025"


def test_the_signer_of_a_pasted_circular_is_an_official(records) -> None:
    text = ("Pemkab Lumajang WFH Usai Lebaran\nLUMAJANG - Pemkab Lumajang membolehkan ASN bekerja dari rumah pada "
            "16-17 April 2024, paling banyak 50 persen pegawai tiap perangkat daerah. Berikut penutup edarannya:\n\n"
            "Demikian untuk menjadi perhatian.\n\na.n. BUPATI LUMAJANG\nSEKRETARIS DAERAH,\n\nttd.\n\n"
            "Drs. AGUS TRIYONO, M.Si.\nPembina Utama Madya\nNIP. 19680101 199003 1 002\n")
    recs = _by(records(text, published="2024-04-15"), "region:35.08")
    assert recs and "Agus Triyono" in {o["name"].title() for o in recs[0]["officials"]}
