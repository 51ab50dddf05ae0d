"""Issue 10, classes 4 and 6, through the public pipeline (``process_one``): invented articles."""

from __future__ import annotations

import pytest

NEGATIVES = [
    # a region that has not yet decided / is still studying
    ("Pemkot Madiun Belum Terapkan WFH\nPemerintah Kota Madiun belum memberlakukan WFH bagi ASN meski daerah lain "
     "sudah. Wali Kota Madiun Maidi mengatakan pihaknya masih mengkaji aturan tersebut."),
    ("Pemkab Sleman Masih Pertimbangkan WFA\nPemkab Sleman masih mempertimbangkan penerapan WFA bagi ASN usai Lebaran. "
     "Bupati Sleman Kustini Sri Purnomo menyebut keputusan akan diambil pekan depan."),
    # shares of staff who did something are no quota
    ("Survei WFH ASN\nBerdasarkan survei BKD Kabupaten Blora, hanya 3 persen pegawai yang memilih bekerja dari rumah "
     "saat aturan fleksibel berlaku pada April 2024."),
    # private-sector WFH
    ("Perusahaan di Surabaya Terapkan WFH\nPemkot Surabaya mengimbau perusahaan swasta menerapkan WFH 50 persen bagi "
     "karyawan mulai Senin (15/4/2024)."),
    # one person working from home (an official in isolation) is no rule for staff
    ("Wali Kota Kediri Terpapar Flu Berat\n\nKEDIRI - Wali Kota Kediri Abdullah Abu Bakar dirawat dokter sejak "
     "Senin (15/4/2024).\n\n\"Beliau tetap bekerja dari rumah, disposisi dikirim lewat aplikasi dan rapat digelar "
     "daring,\" kata Sekretaris Daerah Kota Kediri Bagus Alit.\n\nPelayanan publik di Pemkot Kediri berjalan "
     "seperti biasa."),
    ("Bupati Isoman\n\nMAGETAN - Bupati Magetan Suprawoto menjalani isolasi mandiri dan bekerja dari rumah dinas "
     "selama sepekan setelah terkonfirmasi positif Covid-19. Kegiatan pemerintahan tetap berjalan."),
    # a fact check: the circulating message's rule is a hoax
    ("[CEK FAKTA] Pesan ASN Jambi WFH Dua Pekan\n\nSebuah pesan berantai menyebut ASN Pemprov Jambi diizinkan "
     "bekerja dari rumah mulai Senin (15/4/2024) selama dua pekan. Kepala BKD Jambi Ahmad Rizal memastikan pesan itu "
     "hoaks. Seluruh ASN tetap masuk seperti biasa."),
    # a forged circular: "isinya" is what the fake says; a city with "tidak ada rencana"
    ("Surat WFH Palsu\n\nPemprov Jambi memastikan surat edaran WFH yang dibagikan di media sosial palsu. Isinya "
     "menyebut seluruh ASN WFH mulai Senin (15/4/2024) hingga Jumat (19/4/2024). Pemkot Jambi juga tidak ada rencana "
     "menerapkan WFH bagi ASN."),
    # a ministry's appeal to private firms, whose lines about businesses name no civil servants
    ("Kemnaker Minta Perusahaan Beri WFH\n\nJAKARTA - Kementerian Ketenagakerjaan meminta perusahaan swasta "
     "memberi pekerjanya kesempatan WFH pada 16-17 April 2024. Menteri Ketenagakerjaan Budi Santoso menyebut "
     "imbauan itu tertuang dalam surat edaran kepada para gubernur.\n\nPelaku usaha yang tidak bisa menerapkan WFH, "
     "misalnya pabrik dan pertokoan, dipersilakan mengatur jadwal kerja sendiri."),
    # traffic statistics
    ("Lalu Lintas Lengang\nSelama WFH ASN Pemprov DKI Jakarta, volume kendaraan turun 20 persen, kata Kepala Dishub "
     "DKI Syafrin Liputo."),
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_negatives_make_no_record_and_no_quota(records, text):
    assert records(text, published="2024-04-16") == []


def test_central_rule_restated_in_a_regional_article(records):
    text = ("Pemkab Blora Ikuti Aturan Pusat\nSesuai SE MenPANRB, ASN di seluruh Indonesia WFH pada 16-17 April 2024. "
            "Pemkab Blora pun menerapkan WFH bagi ASN pada tanggal tersebut, kata Bupati Blora Arief Rohman.")
    recs = {r["authority"]["id"]: r for r in records(text)}
    assert set(recs) == {"central:kemenpanrb", "region:33.16"}
    central = recs["central:kemenpanrb"]
    assert (central["effective"]["start"], central["effective"]["end"]) == ("2024-04-16", "2024-04-17")
    assert central["officials"] == []  # the regent belongs to the region
    assert [o["name"] for o in recs["region:33.16"]["officials"]] == ["Arief Rohman"]


def test_a_cited_central_circular_alone_is_no_central_policy(records):
    text = ("Pemkot Madiun Terapkan WFH\nPemkot Madiun menerapkan WFH bagi ASN pada 16-17 April 2024 sesuai Surat "
            "Edaran Menteri PANRB Nomor 1 Tahun 2024.")
    assert [r["authority"]["id"] for r in records(text)] == ["region:35.77"]


def test_an_interview_with_one_actor_keeps_its_focus_over_many_short_answers(records):
    """A Q&A: the only authority is named at the top; the exemptions come a dozen short sentences later."""
    qa = " ".join(f"Pertanyaan {i}? Jawaban singkat nomor {i}." for i in range(7))
    text = ("Wawancara soal WFH\n\nPemerintah Kota Pekalongan memberlakukan WFH bagi ASN mulai Senin (15/4/2024), "
            "kata Sekda Kota Pekalongan Budi Rahardjo.\n\n" + qa + "\n\nUnit apa yang dikecualikan?\n\n"
            "Dikecualikan dari WFH itu RSUD, puskesmas dan Satpol PP.")
    (rec,) = records(text)
    assert rec["authority"]["id"] == "region:33.75"
    assert {e["category"] for e in rec["exemptions"]} == {"health", "security_order"}


def test_a_coordinator_announcing_a_ministry_circular_to_come_gives_the_ministry_the_rule(records):
    text = ("WFH ASN Pusat\n\nSeusai sidang kabinet, Menteri Koordinator Bidang Pembangunan Manusia dan Kebudayaan "
            "mengumumkan Kementerian PANRB segera menerbitkan edaran: pegawai kementerian di Jakarta boleh WFH "
            "paling banyak 50 persen mulai Senin (15/4/2024).")
    recs = {r["authority"]["id"]: r for r in records(text, published="2024-04-10")}
    assert set(recs) == {"central:kemenpanrb"}
    assert [(q["mode"], q["op"], q["percent"]) for q in recs["central:kemenpanrb"]["quotas"]] == [("WFH", "<=", 50.0)]


def test_a_unit_head_who_speaks_of_something_else_is_not_the_policys_official(records):
    text = ("Kabut Asap, Pemprov Jambi WFH\n\n"
            "Pemprov Jambi memberlakukan WFH bagi ASN mulai Senin (15/4/2024), kata Kepala BKD Provinsi Jambi "
            "Ahmad Rizal.\n\nKualitas udara di Kota Jambi masuk kategori tidak sehat sejak pekan lalu.\n\n"
            "Sekolah di sejumlah kecamatan meliburkan siswa.\n\nWarga diminta mengurangi aktivitas di luar ruangan.\n\n"
            "Kepala Dinas Kesehatan Provinsi Jambi Siti Aminah mengatakan kunjungan pasien ISPA ke puskesmas naik "
            "30 persen.\n\nIa meminta warga memakai masker.")
    (rec,) = records(text)
    assert [o["name"] for o in rec["officials"]] == ["Ahmad Rizal"]
