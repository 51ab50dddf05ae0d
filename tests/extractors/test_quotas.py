"""extractors/quotas.py: a quota is a rule about a share of staff, never a statistic."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.base import Context, QuotaMention
from extractors.quotas import extract_quotas, find_percents, parse_number_words, read_percents
from extractors.textdoc import TextDoc

CTX = Context()
ROOT = Path(__file__).resolve().parents[2]


def quotas(text: str) -> set[tuple[str, str, float, str]]:
    return {(s.value.mode, s.value.op, s.value.percent, s.value.scope) for s in extract_quotas(text, CTX)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ops
        ("WFH maksimal 50 persen dari jumlah pegawai.", {("WFH", "<=", 50, "all")}),
        ("ASN yang WFH paling banyak 25 persen.", {("WFH", "<=", 25, "all")}),
        ("WFH tidak boleh lebih dari 30 persen pegawai.", {("WFH", "<=", 30, "all")}),
        ("Pegawai WFH sebanyak-banyaknya 50 persen.", {("WFH", "<=", 50, "all")}),
        ("WFO maks. 75 persen.", {("WFO", "<=", 75, "all")}),
        ("WFO minimal 50 persen dari total pegawai.", {("WFO", ">=", 50, "all")}),
        ("Pegawai yang bekerja di kantor sekurang-kurangnya 50% dari total pegawai.", {("WFO", ">=", 50, "all")}),
        ("Kepala OPD diminta mengatur agar pegawai yang WFO paling sedikit 50 persen.", {("WFO", ">=", 50, "all")}),
        ("Pemprov DKI menerapkan WFH bagi 50 persen ASN mulai Senin.", {("WFH", "=", 50, "all")}),
        ("diterapkan WFO sebesar 100 % (seratus persen);", {("WFO", "=", 100, "all")}),
        # the seed sentence: the rule half is a WFH quota, the report half is not
        (
            "“Yang diperbolehkan maksimal itu 50 persen, tetapi menurut data hari ini tidak lebih dari "
            "15 persen ini yang melaksanakan WFH,” kata Bambang.",
            {("WFH", "<=", 50, "all")},
        ),
        # two quotas in one sentence
        (
            "Skema kerja yang diterapkan adalah 75 persen WFH dan 25 persen WFO.",
            {("WFH", "=", 75, "all"), ("WFO", "=", 25, "all")},
        ),
        (
            "Diminta kepada kepala OPD untuk membagi kerja stafnya. "
            "50 persen yang kerja di kantor dan 50 persen di rumah.",
            {("WFO", "=", 50, "all"), ("WFH", "=", 50, "all")},
        ),
        ("WFH 50 persen dan WFO 50 persen.", {("WFH", "=", 50, "all"), ("WFO", "=", 50, "all")}),
        ("Pembagiannya 50:50 antara WFH dan WFO.", {("WFH", "=", 50, "all"), ("WFO", "=", 50, "all")}),
        ("Komposisi WFO dan WFH ditetapkan 75 banding 25.", {("WFO", "=", 75, "all"), ("WFH", "=", 25, "all")}),
        # number words
        ("WFH diberlakukan untuk lima puluh persen pegawai.", {("WFH", "=", 50, "all")}),
        ("Separuh pegawai bekerja dari rumah secara bergantian.", {("WFH", "=", 50, "all")}),
        ("Setengah dari jumlah ASN WFH.", {("WFH", "=", 50, "all")}),
        ("WFO seratus persen bagi seluruh ASN.", {("WFO", "=", 100, "all")}),
        # one quota per stated value of a conditional cap
        (
            "Untuk zona merah, pegawai yang WFO paling banyak 25 persen, zona oranye 50 persen.",
            {("WFO", "<=", 25, "all"), ("WFO", "=", 50, "all")},
        ),
        # WFO 100 persen is not WFH 100 persen
        ("Pemkab memastikan WFO 100 persen untuk rumah sakit.", {("WFO", "=", 100, "health")}),
        ("Seluruh ASN WFO 100 persen mulai besok.", {("WFO", "=", 100, "all")}),
        # scopes
        (
            "Untuk perangkat daerah/unit kerja yang berkaitan dengan pelayanan publik secara langsung, seperti bagian "
            "kesehatan, keamanan dan ketertiban, maka diterapkan sistem kerja tugas kedinasan dari kantor "
            "(work from office/WFO) sebesar 100 % (seratus persen);",
            {("WFO", "=", 100, "public_service_direct")},
        ),
        (
            "Untuk perangkat daerah/unit kerja yang berkaitan dengan administrasi pemerintahan dan layanan dukungan "
            "pimpinan, seperti kesekretariatan, keprotokolan, maka diterapkan tugas kedinasan dari rumah "
            "(work from home/WFH) maksimal 50 persen dari jumlah pegawai, "
            "yang teknisnya diatur oleh Kepala Perangkat Daerah;",
            {("WFH", "<=", 50, "admin_support")},
        ),
        (
            "Untuk yang menyangkut langsung dengan publik, kami memastikan 100 persen ASN untuk masuk dan tetap "
            "berada di tempat untuk melayani masyarakat.",
            {("WFO", "=", 100, "public_service_direct")},
        ),
        (
            "ASN yang tidak berkaitan dengan pelayanan publik secara langsung dapat WFH paling banyak 50 persen.",
            {("WFH", "<=", 50, "admin_support")},
        ),
        (
            "WFH untuk ASN hanya 25 persen, sedangkan pelayanan publik tetap WFO 100 persen.",
            {("WFH", "=", 25, "all"), ("WFO", "=", 100, "public_service_direct")},
        ),
        (
            "Bagi tenaga kesehatan dan petugas damkar, WFO diterapkan 100 persen.",
            {("WFO", "=", 100, "health"), ("WFO", "=", 100, "disaster")},
        ),
        ("WFH 50 persen, tetapi pelayanan publik tetap berjalan.", {("WFH", "=", 50, "all")}),
        (
            "Unit kerja yang tidak berhubungan langsung dengan pelayanan publik dapat menerapkan WFH paling banyak "
            "40 persen dari jumlah pegawai.",
            {("WFH", "<=", 40, "admin_support")},
        ),
        (
            "Unit kerja yang memberikan pelayanan kesehatan, kebencanaan, keamanan dan ketertiban tetap melaksanakan "
            "tugas kedinasan di kantor (WFO) 100 persen;",
            {("WFO", "=", 100, "health"), ("WFO", "=", 100, "disaster"), ("WFO", "=", 100, "security_order")},
        ),
        # a list of caps keeps the mode of its first item
        (
            "Untuk daerah zona merah, kehadiran pegawai di kantor dibatasi paling banyak 25 persen, sedangkan zona "
            "oranye paling banyak 50 persen dan zona kuning 75 persen.",
            {("WFO", "<=", 25, "all"), ("WFO", "<=", 50, "all"), ("WFO", "=", 75, "all")},
        ),
        ("agar jumlah pegawai di kantor tidak melebihi separuh kapasitas.", {("WFO", "<=", 50, "all")}),
        (
            "Gubernur menetapkan WFH bagi 50 persen ASN pada 5 dan 6 September 2023 "
            "untuk mendukung kelancaran KTT ASEAN.",
            {("WFH", "=", 50, "all")},
        ),
        # a later statistic in the same sentence is not a second quota
        ("Kebijakan WFH 50 persen ini diharapkan mengurangi kemacetan hingga 20 persen.", {("WFH", "=", 50, "all")}),
        # "masuk kantor" says where staff work anywhere in the number's clause, not only next to it
        ("Pada masa itu, ASN yang masuk kantor di setiap dinas dan badan di seluruh wilayah kota dibatasi paling "
         "banyak 30 persen.", {("WFO", "<=", 30, "all")}),
        # a permission with no comparison word caps the share
        ("Untuk dinas teknis, jumlah pegawai yang diperbolehkan WFH hanya 20 persen.", {("WFH", "<=", 20, "all")}),
        # a share restated as a percent keeps the comparison ("paling banyak separuh atau 50 persen")
        ("Porsi WFH dipatok paling banyak setengah atau 50 persen staf.", {("WFH", "<=", 50, "all")}),
    ],
)
def test_quotas_phrase_table(text: str, expected: set[tuple[str, str, float, str]]) -> None:
    assert quotas(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # reports, not rules
        "memastikan ruang kerja ASN terisi 75 persen pada hari pertama masuk kerja usai libur Lebaran.",
        "menurut data hari ini tidak lebih dari 15 persen ini yang melaksanakan WFH",
        "Sebanyak 80 persen ASN hadir di kantor pada hari pertama.",
        "Jumlah ASN yang WFH tercatat 30 persen dari total pegawai.",
        "Tingkat kehadiran ASN mencapai 98 persen usai libur Lebaran.",
        "Sekitar 30 persen pegawai masih WFH karena belum kembali dari mudik.",
        # negations
        "PJ Bupati memastikan pihaknya tak melakukan WFH 100 persen pasca-cuti bersama Lebaran.",
        "Pemkot tidak WFH 100 persen.",
        "Tentu penerapan WFH yang tidak seratus persen.",
        # percentages about other things
        "Baca juga: Kasus ISPA di Tangsel Meningkat 20 Persen Dibandingkan Tahun Lalu, Faktor Polusi?",
        "Tunjangan kinerja ASN yang WFH dipotong 10 persen.",
        "Survei menunjukkan 60 persen ASN ingin WFH.",
        "Anggaran perjalanan dinas dipangkas 50 persen selama WFH.",
        "Kasus positif covid-19 mencapai 12 persen, kata dia.",
        "Penerapan WFH menghemat listrik hingga 30 persen.",
        "Hasil survei BKN terhadap 2.000 responden menyebut 41 persen pegawai merasa lebih produktif ketika WFH.",
        # private companies are not civil servants
        "Pemprov DKI Jakarta mengimbau perusahaan swasta menerapkan WFH bagi 50 persen karyawannya.",
        # no mode: no quota
        "Pj Wali Kota Bandung Pastikan 75 persen ASN Bekerja Usai Lebaran",
        "Realisasi anggaran mencapai 75 persen.",
    ],
)
def test_quotas_traps_give_no_quota(text: str) -> None:
    assert quotas(text) == set()


def test_quotas_span_is_the_op_and_number() -> None:
    text = "maka diterapkan tugas kedinasan dari rumah (work from home/WFH) maksimal 50 persen dari jumlah pegawai"
    [span] = extract_quotas(text, CTX)
    assert text[span.start : span.end] == "maksimal 50 persen"
    assert span.label == "quota"
    assert span.rule == "quota.max_persen"
    assert span.value == QuotaMention("WFH", "<=", 50.0, "all")


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("50 persen", [50.0]),
        ("12,5 persen", [12.5]),
        ("100%", [100.0]),
        ("sebesar 100 % (seratus persen)", [100.0]),
        ("tujuh puluh lima persen", [75.0]),
        ("enam puluh lima persen", [65.0]),
        ("separuh pegawai", [50.0]),
        ("2.500 persen", []),
        ("setengah jam", []),
    ],
)
def test_quotas_find_percents(text: str, values: list[float]) -> None:
    assert [h.value for h in find_percents(text.lower())] == values


def test_quotas_parse_number_words() -> None:
    assert parse_number_words("dua puluh lima") == 25
    assert parse_number_words("seratus") == 100
    assert parse_number_words("banyak") is None


def test_quotas_read_percents_kinds() -> None:
    text = (
        "Yang diperbolehkan maksimal itu 50 persen, tetapi menurut data hari ini tidak lebih dari 15 persen ini "
        "yang melaksanakan WFH. Kasus ISPA meningkat 20 persen. Pemkab tak melakukan WFH 100 persen."
    )
    assert [(r.hit.value, r.kind) for r in read_percents(TextDoc(text))] == [
        (50.0, "rule"),
        (15.0, "report"),
        (20.0, "statistic"),
        (100.0, "negated"),
    ]


def _gold_quotas(doc: dict) -> tuple[set, set]:
    required, optional = set(), set()
    for p in doc["policies"]:
        for q in p["quotas"]:
            key = (q["mode"], q["op"], float(q["percent"]), q["scope"])
            (optional if p.get("optional") or q.get("optional") else required).add(key)
    return required, optional


@pytest.mark.parametrize("gold", sorted((ROOT / "annotations" / "seeds").glob("*.json")), ids=lambda p: p.stem[:3])
def test_quotas_seed_gold(gold: Path) -> None:
    """Every required seed quota is found with its scope; nothing is found that gold does not know,
    apart from a scope-'all' reading of a quoted cap the circular scopes (seed 004)."""
    doc = json.loads(gold.read_text(encoding="utf-8"))
    text = (ROOT / "corpus" / "seeds" / f"{doc['doc_id']}.txt").read_text(encoding="utf-8")
    required, optional = _gold_quotas(doc)
    found = quotas(text)
    assert required <= found
    unscoped_gold = {k[:3] for k in required | optional}
    assert {k[:3] for k in found} <= unscoped_gold
