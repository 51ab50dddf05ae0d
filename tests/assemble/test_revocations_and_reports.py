"""Issue 10 classes shown by regional4/regional5 first runs, through ``process_one`` (invented articles):

* a revocation whose article says since when the ended rule ran gives that rule a record of its own, from its
  start to the day before the revocation; the revocation keeps the return to the office;
* "mencabut SE ... yang sebelumnya mengatur WFH ... mulai Senin (25/8)": that date is the old rule's start;
* "rata-rata hanya 41 persen" is a measured share, not a quota;
* a circular about office hours only ("jam kerja selama Ramadan") is no work-arrangement policy, and a
  question about a possible WFH rule ("ditanya soal kemungkinan ...") is none either;
* "Berikut daftarnya:" after an exemption sentence takes the list lines below it;
* "diumumkan pada Rabu (16/8)" is the day it was announced, not the rule's start.
"""

from __future__ import annotations


def _by(recs: list[dict], authority: str) -> list[dict]:
    return [r for r in recs if r["authority"]["id"] == authority]


REVOKED = ("Pemkot Cirebon Cabut WFH ASN\nCIREBON - Pemerintah Kota Cirebon resmi mencabut kebijakan WFH bagi ASN. "
           "\"Mulai Senin, 6 Oktober 2025, seluruh ASN kembali bekerja dari kantor (WFO) 100 persen,\" kata Wali Kota "
           "Cirebon, Effendi Edo.\n\nPencabutan itu tertuang dalam Surat Edaran Wali Kota Cirebon Nomor 800/77/2025 "
           "yang sekaligus mencabut edaran sebelumnya yang mengatur WFH bagi 40 persen ASN mulai Senin (1/9/2025).\n\n"
           "Selama WFH berlaku, pegawai yang bekerja dari rumah rata-rata hanya 33 persen.")


def test_a_revoked_rule_gets_its_period(records) -> None:
    recs = _by(records(REVOKED, published="2025-10-03"), "region:32.74")
    periods = {(r["effective"]["start"], r["effective"]["end"]) for r in recs}
    assert ("2025-09-01", "2025-10-05") in periods, periods
    old = next(r for r in recs if r["effective"]["start"] == "2025-09-01")
    assert old["change"] is None and {(q["mode"], q["percent"]) for q in old["quotas"]} == {("WFH", 40.0)}
    back = next(r for r in recs if r["effective"]["start"] == "2025-10-06")
    assert back["change"] == "revocation" and all(q["mode"] == "WFO" for q in back["quotas"])


def test_a_revocation_without_the_old_start_stays_one_record(records) -> None:
    text = ("Pemkot Cirebon Cabut WFH ASN\nCIREBON - Pemkot Cirebon mencabut kebijakan WFH bagi ASN. Mulai Senin "
            "(6/10/2025), seluruh ASN kembali bekerja dari kantor 100 persen.")
    recs = _by(records(text, published="2025-10-03"), "region:32.74")
    assert [(r["effective"]["start"], r["change"]) for r in recs] == [("2025-10-06", "revocation")]


def test_hours_only_circulars_and_questions_are_no_policy(records) -> None:
    text = ("Jam Kerja ASN Selama Ramadan\nSELONG - Pemkab Lombok Timur menyesuaikan jam kerja ASN selama Ramadan. "
            "Penyesuaian jam kerja tersebut tertuang dalam Surat Edaran Bupati Lombok Timur Nomor 800/45/2025.\n\n"
            "Ditanya soal kemungkinan penerapan kerja dari rumah selama Ramadan, Kepala BKPSDM Lombok Timur, "
            "Sahri, menyebut hal itu tidak diatur.")
    assert records(text, published="2025-02-27") == []


def test_a_list_after_berikut_daftarnya(records) -> None:
    text = ("WFH ASN Kota Bogor\nBOGOR - Pemkot Bogor menerapkan WFH 50 persen bagi ASN mulai Senin (21/8/2023). "
            "Semua unit yang melayani masyarakat langsung wajib WFO 100 persen. Berikut daftarnya:\n\n"
            "- RSUD dan puskesmas\n- Satpol PP\n- Dinas Perhubungan\n")
    recs = _by(records(text, published="2023-08-18"), "region:32.71")
    cats = {e["category"] for r in recs for e in r["exemptions"]}
    assert {"health", "security_order", "transport_distribution"} <= cats


def test_an_announcement_day_is_no_start(records) -> None:
    text = ("WFH ASN Kota Bogor\nBOGOR - Rencana WFH itu diumumkan Wali Kota pada Rabu (16/8/2023). Pemkot Bogor "
            "menerapkan WFH 50 persen bagi ASN mulai Senin (21/8/2023).")
    recs = _by(records(text, published="2023-08-18"), "region:32.71")
    assert {r["effective"]["start"] for r in recs} == {"2023-08-21"}


def test_an_extension_told_in_a_quote_gives_the_new_end(records) -> None:
    text = ("WFH ASN Pekanbaru Diperpanjang\nPEKANBARU - Pemko Pekanbaru menerapkan WFH bagi ASN pada Rabu hingga "
            "Jumat (4-6/10/2023).\n\nPj Wali Kota Pekanbaru, Muflihun, menandatangani edaran baru hari ini.\n\n"
            "\"Masa berlakunya kita perpanjang sampai Jumat depan, yakni 13 Oktober,\" ujarnya.")
    recs = _by(records(text, published="2023-10-06"), "region:14.71")
    assert "2023-10-13" in {r["effective"]["end"] for r in recs}


def test_a_plain_sentence_after_the_rule_gives_its_days(records) -> None:
    text = ("WFA Pemprov Jateng\nSEMARANG - Pemprov Jateng ikut menerapkan WFA, kata Sekda Jawa Tengah, Budi Wibowo. "
            "\"WFA paling banyak 40 persen dari pegawai tiap OPD. Tanggalnya sama dengan pusat, 16 dan 17 Maret,\" "
            "kata Budi.")
    recs = _by(records(text, published="2026-03-12"), "region:33")
    assert {(r["effective"]["start"], r["effective"]["end"]) for r in recs} == {("2026-03-16", "2026-03-17")}


def test_a_condition_after_the_rule_gives_no_days(records) -> None:
    text = ("WFA ASN Jelang Lebaran\nJAKARTA - Kementerian PANRB menerbitkan SE yang membolehkan ASN WFA paling "
            "banyak 50 persen. Jika dihitung dengan cuti bersama, maka waktu mudik berkisar dari 28 Maret hingga 7 "
            "April 2025.")
    recs = _by(records(text, published="2025-03-20"), "central:kemenpanrb")
    assert all(r["effective"]["start"] != "2025-03-28" for r in recs)
