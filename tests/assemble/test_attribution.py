"""Issue 10, classes 4 and 5 and announced plans: who a rule belongs to. Invented articles through the
public pipeline (``process_one``), positive and negative pairs."""

from __future__ import annotations

import pytest


def by_authority(recs: list[dict]) -> dict[str, dict]:
    return {r["authority"]["id"]: r for r in recs}


def period(rec: dict) -> tuple[str | None, str | None]:
    return rec["effective"]["start"], rec["effective"]["end"]


def quotas(rec: dict) -> set[tuple[str, str, float]]:
    return {(q["mode"], q["op"], q["percent"]) for q in rec["quotas"]}


# --- class 5: a President, Vice President or coordinating minister announcing another body's rule ---------

# (text, published, the instrument's body, its period); the announcer is never an authority nor an official
ANNOUNCED_FOR_A_MINISTRY = [
    ("Libur Panjang, ASN WFH\nMenko PMK Muhadjir Effendy mengumumkan ASN dapat WFH pada 16-17 April 2024 sesuai SE "
     "Menteri PANRB Nomor 1 Tahun 2024. Instansi pelayanan publik tetap masuk kantor.",
     "2024-04-10", "central:kemenpanrb", ("2024-04-16", "2024-04-17")),
    ("ASN Kerja dari Rumah\nPresiden Joko Widodo menyetujui usulan Kementerian PANRB agar ASN bekerja dari rumah pada "
     "16-17 April 2024. Kebijakan itu dituangkan dalam Surat Edaran Menteri PANRB Nomor 1 Tahun 2024.",
     "2024-04-10", "central:kemenpanrb", ("2024-04-16", "2024-04-17")),
    ("Wapres: ASN Boleh WFA\nWakil Presiden Ma'ruf Amin menyampaikan ASN boleh bekerja dari mana saja pada 8-9 April "
     "2025 sesuai dengan Surat Edaran Menteri PANRB Nomor 2 Tahun 2025.\n\nMenurut Ma'ruf, unit pelayanan langsung "
     "tetap masuk kantor.",
     "2025-04-01", "central:kemenpanrb", ("2025-04-08", "2025-04-09")),
    ("KTT di Ibu Kota\nMenko Polhukam Hadi Tjahjanto mengatakan ASN di Jakarta WFH pada 5-6 September 2023 selama KTT. "
     "Hal itu tertuang dalam Surat Edaran MenPANRB Nomor 21 Tahun 2023.",
     "2023-09-01", "central:kemenpanrb", ("2023-09-05", "2023-09-06")),
    # the instrument named paragraphs later, through an anaphor
    ("Pemerintah Umumkan WFA ASN\nMenko PMK Pratikno mengumumkan ASN dapat bekerja dari mana saja pada 24-27 Maret "
     "2025 untuk mengurai arus mudik.\n\nMenurut Pratikno, pelayanan publik tetap berjalan.\n\nKebijakan WFA "
     "tersebut diatur dalam Surat Edaran Menteri PANRB Nomor 2 Tahun 2025.",
     "2025-03-15", "central:kemenpanrb", ("2025-03-24", "2025-03-27")),
    ("ASN WFA\nMenko Polkam Budi Gunawan mengumumkan ASN dapat WFA pada 24-27 Maret 2025 sesuai SE Menteri PANRB "
     "Nomor 2 Tahun 2025.", "2025-03-15", "central:kemenpanrb", ("2025-03-24", "2025-03-27")),
]


@pytest.mark.parametrize(("text", "published", "body", "dates"), ANNOUNCED_FOR_A_MINISTRY)
def test_a_coordinator_announcing_a_ministry_circular_gives_the_ministry_rule(records, text, published, body, dates):
    recs = by_authority(records(text, published=published))
    assert set(recs) == {body}
    assert period(recs[body]) == dates
    assert recs[body]["officials"] == []  # the announcer is not the ministry's official


def test_the_coordinator_quota_of_a_ministry_circular_is_the_ministry_quota(records):
    text = ("Cuti Bersama\nMenko Perekonomian Airlangga Hartarto menyampaikan pemerintah memberlakukan WFH bagi ASN "
            "maksimal 50 persen mulai Senin (15/4/2024) sesuai Surat Edaran MenPANRB Nomor 2 Tahun 2024.")
    recs = by_authority(records(text))
    assert set(recs) == {"central:kemenpanrb"}
    assert quotas(recs["central:kemenpanrb"]) == {("WFH", "<=", 50.0)}
    assert recs["central:kemenpanrb"]["instrument"]["id"] == "SE:MENPANRB:2/2024"


def test_a_coordinator_with_its_own_instrument_keeps_its_rule(records):
    text = ("Keppres Libur\nPresiden Joko Widodo menerbitkan Keputusan Presiden Nomor 7 Tahun 2024 yang mengatur ASN "
            "bekerja dari rumah pada 16-17 April 2024.")
    recs = by_authority(records(text))
    assert set(recs) == {"central:presiden"}
    assert [o["name"] for o in recs["central:presiden"]["officials"]] == ["Joko Widodo"]


@pytest.mark.parametrize("text", [
    # no instrument: only the coordinator speaks, today's behaviour (no ministry is invented)
    ("Arus Balik\nMenko PMK Muhadjir Effendy meminta ASN bekerja dari rumah pada 16-17 April 2024 untuk mengurai "
     "arus balik."),
    ("Arus Mudik\nMenko PMK Pratikno mengumumkan ASN dapat bekerja dari mana saja pada 24-27 Maret 2025 untuk "
     "mengurai arus mudik."),
    "Keputusan Presiden\nPresiden Joko Widodo memutuskan ASN WFH pada 16-17 April 2024.",
    # an approval that has not happened is still a proposal
    ("Usulan Belum Disetujui\nPresiden Joko Widodo belum menyetujui usulan Kementerian PANRB agar ASN bekerja dari "
     "rumah pada 16-17 April 2024 sesuai Surat Edaran Menteri PANRB Nomor 1 Tahun 2024."),
])
def test_no_ministry_rule_without_its_instrument_or_approval(records, text):
    assert "central:kemenpanrb" not in by_authority(records(text))


# --- class 5: quotas and exemptions of a central rule repeated in a regional article ---------------------------

def test_a_quota_restated_from_a_central_circular_is_the_central_quota(records):
    text = ("Pemkot Kediri WFH\nPemkot Kediri menerapkan WFH bagi ASN pada 16-17 April 2024. Sesuai SE MenPANRB "
            "Nomor 1 Tahun 2024, jumlah ASN yang WFH maksimal 50 persen, kata Wali Kota Kediri Abdullah Abu Bakar.")
    recs = by_authority(records(text, published="2024-04-12"))
    assert quotas(recs["central:kemenpanrb"]) == {("WFH", "<=", 50.0)}
    assert quotas(recs["region:35.71"]) == set()
    assert period(recs["region:35.71"]) == ("2024-04-16", "2024-04-17")
    assert [o["name"] for o in recs["region:35.71"]["officials"]] == ["Abdullah Abu Bakar"]


def test_an_exemption_restated_from_a_central_circular_is_the_central_exemption(records):
    text = ("Pemkot Kediri WFH\nPemkot Kediri menerapkan WFH bagi ASN pada 16-17 April 2024. Sesuai SE MenPANRB "
            "Nomor 1 Tahun 2024, WFH dikecualikan bagi rumah sakit dan puskesmas.")
    recs = by_authority(records(text, published="2024-04-12"))
    assert [e["category"] for e in recs["central:kemenpanrb"]["exemptions"]] == ["health"]
    assert recs["region:35.71"]["exemptions"] == []


def test_an_exemption_the_region_states_before_the_citation_is_its_own(records):
    text = ("Pemkot Kediri WFH\nPemkot Kediri menerapkan WFH bagi ASN pada 16-17 April 2024, kecuali rumah sakit dan "
            "puskesmas, sesuai SE MenPANRB Nomor 1 Tahun 2024.")
    recs = by_authority(records(text, published="2024-04-12"))
    assert [e["category"] for e in recs["region:35.71"]["exemptions"]] == ["health"]
    assert "central:kemenpanrb" not in recs


@pytest.mark.parametrize("text", [
    # the region named after the citation sets the quota itself
    ("Pemkot Kediri WFH\nMengacu pada SE MenPANRB Nomor 1 Tahun 2024, Pemkot Kediri menerapkan WFH bagi ASN pada "
     "16-17 April 2024 maksimal 50 persen."),
    # the citation after the quota: the region's rule, based on the circular
    ("Pemkot Kediri WFH\nWali Kota Kediri Abdullah Abu Bakar menerapkan WFH bagi ASN pada 16-17 April 2024 maksimal "
     "50 persen sesuai SE MenPANRB Nomor 1 Tahun 2024."),
])
def test_a_region_setting_the_quota_itself_keeps_it(records, text):
    recs = by_authority(records(text, published="2024-04-12"))
    assert quotas(recs["region:35.71"]) == {("WFH", "<=", 50.0)}
    assert "central:kemenpanrb" not in recs


def test_a_region_with_its_own_quota_and_the_central_one_beside_it(records):
    text = ("Pemkot Kediri WFH\nPemkot Kediri menerapkan WFH bagi ASN pada 16-17 April 2024 dengan kuota maksimal 30 "
            "persen. Adapun SE MenPANRB Nomor 1 Tahun 2024 membolehkan WFH maksimal 50 persen.")
    recs = by_authority(records(text, published="2024-04-12"))
    assert quotas(recs["region:35.71"]) == {("WFH", "<=", 30.0)}
    assert quotas(recs["central:kemenpanrb"]) == {("WFH", "<=", 50.0)}


# --- class 4: the central rule with its dates in a background paragraph ---------------------------------------

BACKGROUND = [
    ("Sebelumnya, Kementerian PANRB telah menerbitkan Surat Edaran Nomor 1 Tahun 2024 yang mengatur ASN bekerja dari "
     "rumah pada 16-17 April 2024."),
    "Pemerintah pusat melalui Kementerian PANRB sebelumnya menetapkan WFH bagi ASN pada 16-17 April 2024.",
    ("Menteri PANRB Abdullah Azwar Anas telah menandatangani SE Nomor 1 Tahun 2024 tentang Penyesuaian Sistem Kerja "
     "ASN pada 5 April 2024. SE itu mengatur ASN bekerja dari rumah pada 16-17 April 2024."),
    ("Sebagaimana diketahui, MenPANRB Abdullah Azwar Anas telah meneken SE Nomor 1 Tahun 2024 tentang WFH ASN pada "
     "16-17 April 2024."),
    # the ministry announcing, deciding or asking for its own rule acts (no instrument needed)
    ("Sebelumnya, MenPANRB Abdullah Azwar Anas mengumumkan ASN instansi pusat dan daerah WFH pada 16-17 April 2024 "
     "untuk mengurai arus balik Lebaran."),
    "Sebelumnya, Kementerian PANRB memutuskan ASN WFH pada 16-17 April 2024.",
    "Sebelumnya, Kementerian PANRB meminta instansi pemerintah menerapkan WFH bagi ASN pada 16-17 April 2024.",
]


@pytest.mark.parametrize("background", BACKGROUND)
def test_the_central_rule_in_a_background_paragraph_keeps_its_dates(records, background):
    text = ("Pemkab Ngawi WFH Tiga Hari\nPemkab Ngawi menerapkan WFH bagi ASN mulai 16 April 2024 hingga 18 April "
            "2024, kata Bupati Ngawi Ony Anwar.\n\n" + background)
    recs = by_authority(records(text))
    assert set(recs) == {"region:35.21", "central:kemenpanrb"}
    assert period(recs["region:35.21"]) == ("2024-04-16", "2024-04-18")
    assert period(recs["central:kemenpanrb"]) == ("2024-04-16", "2024-04-17")  # never the signing day 5 April
    assert all(o["name"] != "Ony Anwar" for o in recs["central:kemenpanrb"]["officials"])


# --- announced plans of a regional head vs proposals -------------------------------------------------------------

PLANS = [
    ("Bupati Klaten Sri Mulyani mengatakan ASN Pemkab Klaten akan WFH setiap Jumat mulai Januari 2026 untuk menghemat "
     "listrik.", "2026-01"),
    ("Bupati Klaten Sri Mulyani mengatakan rencananya mulai pekan depan ASN yang tidak melayani masyarakat WFH sehari "
     "dalam sepekan.", "2025-W51"),
    ("Bupati Klaten Sri Mulyani mengumpulkan kepala OPD terkait pemangkasan anggaran.\n\nMenurutnya, WFH hanya akan "
     "berlaku untuk pegawai di sekretariat mulai Senin (5/1/2026).", "2026-01-05"),
    ("Bupati Klaten Sri Mulyani mengatakan ASN Pemkab Klaten akan kembali WFH setiap Jumat.", None),
]


@pytest.mark.parametrize(("sentence", "start"), PLANS)
def test_a_regional_head_announcing_a_future_rule_sets_a_policy(records, sentence, start):
    recs = by_authority(records("Pemkab Klaten Hemat Anggaran\n" + sentence, published="2025-12-10"))
    assert set(recs) == {"region:33.10"}
    assert recs["region:33.10"]["effective"]["start"] == start
    assert [o["name"] for o in recs["region:33.10"]["officials"]] == ["Sri Mulyani"]


NOT_PLANS = [
    "Anggota DPRD Klaten mengusulkan agar ASN Pemkab Klaten WFH setiap Jumat untuk menghemat anggaran.",
    ("Bupati Klaten Sri Mulyani mengatakan ASN Pemkab Klaten akan WFH setiap Jumat. Namun, rencana itu masih dikaji "
     "bersama Sekda."),
    ("Ketua Fraksi PKB DPRD Klaten, Ahmad Sukri, mengatakan Pemkab Klaten bakal WFH tiap Jumat jika anggaran terus "
     "dipangkas."),
    ("Pengamat kebijakan publik Universitas Sebelas Maret, Dodi Prasetyo, menyebut ASN Pemkab Klaten akan WFH jika "
     "aturan pusat berubah."),
    ("Wakil Ketua Komisi A DPRD Klaten, Joko Santoso, menyebut pemkab semestinya fokus pada pendapatan.\n\n"
     "Menurutnya, WFH hanya akan berlaku untuk pegawai kantor bupati."),
    "Bupati Klaten Sri Mulyani mengatakan ASN Pemkab Klaten belum akan WFH karena belum diputuskan.",
    # the head herself reacting: "Menurutnya" stays a reaction
    ("Bupati Klaten Sri Mulyani menilai kebijakan pusat terlalu longgar.\n\nMenurutnya, kebijakan WFH yang "
     "diterapkan bagi ASN tidak cocok untuk daerah."),
    "Bupati Klaten Sri Mulyani mengatakan wacana WFH setiap Jumat bagi ASN akan dibahas tahun depan.",
    # conditional intent, and a plan about the arrangement rather than of it
    "Bupati Klaten Sri Mulyani mengatakan ASN Pemkab Klaten akan WFH jika kualitas udara terus memburuk.",
    "Bupati Klaten Sri Mulyani mengatakan pihaknya akan mengevaluasi WFH bagi ASN Pemkab Klaten.",
]


@pytest.mark.parametrize("sentence", NOT_PLANS)
def test_proposals_and_studies_are_no_policy(records, sentence):
    assert records("Pemkab Klaten Hemat Anggaran\n" + sentence, published="2025-12-10") == []


# --- a work mode for civil servants with a stated period, no policy verb ------------------------------------------

def test_a_dated_work_mode_for_civil_servants_is_a_rule(records):
    text = "WFH ASN\nBupati Ngawi Ony Anwar mengatakan ASN Pemkab Ngawi WFH pada 16-17 April 2024."
    recs = by_authority(records(text))
    assert set(recs) == {"region:35.21"}
    assert period(recs["region:35.21"]) == ("2024-04-16", "2024-04-17")


@pytest.mark.parametrize("text", [
    "WFH ASN\nBupati Ngawi Ony Anwar mengatakan ASN Pemkab Ngawi tidak WFH pada 16-17 April 2024.",
    "WFH ASN\nBupati Ngawi Ony Anwar mengatakan karyawan perusahaan swasta di Ngawi WFH pada 16-17 April 2024.",
    "WFH ASN\nBupati Ngawi Ony Anwar mengatakan tahun lalu ASN Pemkab Ngawi pernah WFH pada 10-12 April 2023.",
])
def test_a_negated_private_or_past_dated_work_mode_is_no_rule(records, text):
    assert records(text) == []


def test_a_coordinator_announcing_and_a_region_applying_give_the_ministry_and_the_region(records):
    text = ("ASN Bogor WFH\nMenko PMK Muhadjir Effendy mengumumkan ASN WFH pada 16-17 April 2024 sesuai SE MenPANRB "
            "Nomor 1 Tahun 2024. Pemkot Bogor pun menerapkan WFH bagi ASN pada 16-17 April 2024, kata Wali Kota Bogor "
            "Bima Arya.")
    recs = by_authority(records(text))
    assert set(recs) == {"central:kemenpanrb", "region:32.71"}
    assert recs["central:kemenpanrb"]["officials"] == []
    assert [o["name"] for o in recs["region:32.71"]["officials"]] == ["Bima Arya"]
