"""Issue 10, quota and attribution classes left from the third session, through ``process_one``.

Invented articles (none copied from a corpus text), one class a table:

* a cap written for two ways of working away at once ("WFH/WFA", "WFA atau WFH") caps both;
* staff who "jaga kantor" / "menjaga kantor" / are "piket" are in the office (WFO);
* a fraction right after a strong op stands alone ("maksimal separuh.") and, with no mode in its
  sentence, takes the one mode of the sentence before it; "dipersilakan" is a permission (a cap);
* a sentence with no actor that follows a restated central rule in its paragraph goes on restating
  it ("Dalam SE itu, ... . Sementara unit ... 100 persen."): its items are the central body's;
* a bare weekday ("pada Kamis dan Jumat") is the day of that weekday the article writes out.
"""

from __future__ import annotations

import pytest


def _quotas(recs: list[dict], authority: str) -> set[tuple]:
    return {(q["mode"], q["op"], q["percent"], q["scope"])
            for r in recs if r["authority"]["id"] == authority for q in r["quotas"]}


def _by_authority(recs: list[dict], authority: str) -> dict:
    found = [r for r in recs if r["authority"]["id"] == authority]
    assert found, [r["authority"]["id"] for r in recs]
    return found[0]


JOINED_MODES = [
    ("Pemkot Blitar Terapkan Kerja Fleksibel\nBLITAR - Pemkot Blitar memberi kelonggaran bekerja fleksibel bagi "
     "ASN pada 16-17 April 2024. Jumlah pegawai yang WFH/WFA dibatasi paling banyak 40 persen per OPD.",
     "region:35.72", {("WFH", "<=", 40.0, "all"), ("WFA", "<=", 40.0, "all")}),
    ("Pemkab Lamongan Atur WFA\nLAMONGAN - Pemkab Lamongan menetapkan sistem kerja ASN pada 16-17 April 2024. "
     "Pegawai yang menjalani WFA atau WFH maksimal 30 persen dari jumlah staf tiap dinas.",
     "region:35.24", {("WFH", "<=", 30.0, "all"), ("WFA", "<=", 30.0, "all")}),
]


@pytest.mark.parametrize(("text", "authority", "expected"), JOINED_MODES)
def test_a_cap_for_two_away_modes_caps_both(records, text, authority, expected) -> None:
    assert expected <= _quotas(records(text), authority)


def test_a_cap_for_one_mode_stays_one(records) -> None:
    text = ("Pemkab Tuban Terapkan WFH\nTUBAN - Pemkab Tuban menetapkan ASN WFH pada 16-17 April 2024. Pegawai "
            "yang WFH maksimal 30 persen, sisanya WFO.")
    assert _quotas(records(text), "region:35.23") == {("WFH", "<=", 30.0, "all")}


OFFICE_DUTY = [
    ("Pemkab Ponorogo WFH\nPONOROGO - Pemkab Ponorogo menerapkan WFH bagi ASN pada 16-17 April 2024. Setiap dinas "
     "harus menyisakan paling sedikit sepertiga pegawai untuk menjaga kantor.",
     "region:35.02", ("WFO", ">=", 33.33, "all")),
    ("Pemkot Probolinggo WFH\nPROBOLINGGO - Pemkot Probolinggo memberlakukan WFH bagi ASN pada 16-17 April 2024. "
     "Tiap OPD menyiapkan staf piket minimal 20 persen.",
     "region:35.74", ("WFO", ">=", 20.0, "all")),
    ("Pemkot Mojokerto WFH\nMOJOKERTO - Pemkot Mojokerto menetapkan pegawai WFH maksimal 70 persen pada 16-17 April "
     "2024, sehingga masih ada yang jaga kantor, paling sedikit 30 persen.",
     "region:35.76", ("WFO", ">=", 30.0, "all")),
]


@pytest.mark.parametrize(("text", "authority", "expected"), OFFICE_DUTY)
def test_staff_minding_the_office_work_from_the_office(records, text, authority, expected) -> None:
    got = _quotas(records(text), authority)
    assert expected in got
    assert (expected[0] == "WFO") and ("WFH", ">=", expected[2], "all") not in got


STANDALONE_CAPS = [
    ("Pemkab Pacitan Atur WFH\nPACITAN - Kepala BKPSDM Pacitan, Wahyu Hidayat, mengatakan kepala dinas "
     "dipersilakan mengatur pegawainya bekerja dari rumah pada 16-17 April 2024.\n\n\"Monggo diatur, paling "
     "banyak separuh,\" katanya.",
     "region:35.01", ("WFH", "<=", 50.0, "all")),
    ("Pemkab Trenggalek Atur WFH\nTRENGGALEK - Pemkab Trenggalek mengizinkan ASN bekerja dari rumah pada 16-17 "
     "April 2024. \"Tapi maksimal sepertiga saja,\" ujar Sekda Trenggalek, Edy Soepriyanto.",
     "region:35.03", ("WFH", "<=", 33.33, "all")),
    ("Pemkot Batu WFH\nBATU - Pemkot Batu mempersilakan setiap OPD mengatur pegawai WFH pada 16-17 April 2024. "
     "Kepala dinas dipersilakan menetapkan 25 persen stafnya bekerja dari rumah.",
     "region:35.79", ("WFH", "<=", 25.0, "all")),
]


@pytest.mark.parametrize(("text", "authority", "expected"), STANDALONE_CAPS)
def test_a_standalone_capped_share_is_a_quota(records, text, authority, expected) -> None:
    assert expected in _quotas(records(text), authority)


NOT_A_CARRIED_CAP = [
    # a capped percent with a noun but no mode in its sentence may be about anything: no quota
    ("Pemkot Pasuruan WFH\nPASURUAN - Pemkot Pasuruan menerapkan WFH bagi ASN pada 16-17 April 2024. \"Kalau "
     "kasus naik lagi, kapasitas ruang rapat maksimal 50 persen,\" kata Wali Kota Pasuruan, Adi Wibowo.",
     "region:35.75"),
    # the mode before is negated: nothing to carry
    ("Pemkab Situbondo Tidak WFH\nSITUBONDO - Pemkab Situbondo tidak menerapkan WFH bagi ASN pada 16-17 April "
     "2024. Cuti tambahan dibatasi maksimal separuh.",
     "region:35.12"),
]


@pytest.mark.parametrize(("text", "authority"), NOT_A_CARRIED_CAP)
def test_a_cap_without_its_own_mode_is_not_carried_loosely(records, text, authority) -> None:
    assert not {q for q in _quotas(records(text), authority) if q[2] in (50.0,)}


def test_a_restated_central_rule_goes_on_in_its_paragraph(records) -> None:
    text = ("Pemkab Ketapang Izinkan ASN WFH\nKETAPANG - Pemerintah Kabupaten Ketapang mengizinkan ASN bekerja dari "
            "rumah pada Selasa (16/4/2024) dan Rabu (17/4/2024) melalui Surat Edaran Bupati Ketapang Nomor 9 Tahun "
            "2024.\n\nAturan daerah itu mengacu pada Surat Edaran Menteri PANRB Nomor 1 Tahun 2024.\n\nDalam SE "
            "MenPANRB tersebut, kantor pemerintah boleh menerapkan WFH paling banyak 50 persen pegawai pada unit "
            "administrasi. Adapun unit yang melayani masyarakat secara langsung tetap bekerja di kantor 100 persen.")
    recs = records(text, published="2024-04-15")
    central = _quotas(recs, "central:kemenpanrb")
    assert ("WFO", "=", 100.0, "public_service_direct") in central
    assert ("WFO", "=", 100.0, "public_service_direct") not in _quotas(recs, "region:61.04")


def test_an_actor_after_the_citation_keeps_the_rule(records) -> None:
    text = ("Pemkab Sambas WFH\nSAMBAS - Mengacu pada SE MenPANRB Nomor 1 Tahun 2024, Pemkab Sambas menerapkan WFH "
            "paling banyak 40 persen pada 16-17 April 2024. Pegawai di unit layanan tetap bekerja di kantor 100 "
            "persen.")
    recs = records(text, published="2024-04-15")
    region = _quotas(recs, "region:61.01")
    assert ("WFH", "<=", 40.0, "all") in region
    assert not _quotas(recs, "central:kemenpanrb") & {("WFH", "<=", 40.0, "all")}


def test_a_bare_weekday_pair_is_the_days_written_out(records) -> None:
    text = ("Dua Daerah di Kaltim WFH\nSAMARINDA - Pemkot Samarinda menerapkan WFH bagi ASN pada Kamis (18/4/2024) "
            "dan Jumat (19/4/2024).\n\nSementara itu, Sekda Kalimantan Timur, Sri Wahyuni, mengatakan ASN Pemprov "
            "Kaltim juga bekerja dari rumah pada Kamis dan Jumat.")
    prov = _by_authority(records(text, published="2024-04-16"), "region:64")
    assert (prov["effective"]["start"], prov["effective"]["end"]) == ("2024-04-18", "2024-04-19")


def test_a_bare_weekday_with_nothing_written_stays_unknown(records) -> None:
    text = ("Pemprov Kaltim WFH\nSAMARINDA - Sekda Kalimantan Timur, Sri Wahyuni, mengatakan ASN Pemprov Kaltim "
            "bekerja dari rumah pada Kamis dan Jumat.")
    prov = _by_authority(records(text, published="2024-04-16"), "region:64")
    assert prov["effective"]["start"] is None
