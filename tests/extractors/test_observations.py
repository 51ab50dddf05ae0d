"""extractors/observations.py: reported WFH/WFO shares and head counts, never rules or covid tolls."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.base import Context
from extractors.observations import extract_observations, parse_count

CTX = Context()
ROOT = Path(__file__).resolve().parents[2]


def observations(text: str) -> set[tuple[str, str, float]]:
    return {(s.value.metric, s.value.op, s.value.value) for s in extract_observations(text, CTX)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "“Yang diperbolehkan maksimal itu 50 persen, tetapi menurut data hari ini tidak lebih dari 15 persen ini "
            "yang melaksanakan WFH,” kata Bambang.",
            {("wfh_share", "<=", 15)},
        ),
        (
            "Bambang memastikan ruang kerja Aparatur Sipil Negara (ASN) terisi 75 persen "
            "pada hari pertama masuk kerja.",
            {("wfo_share", "=", 75)},
        ),
        ("Pj Wali Kota Bandung Pastikan 75 persen ASN Bekerja Usai Lebaran", {("wfo_share", "=", 75)}),
        (
            "Di hari pertama masuk kerja, kurang dari 20 orang ASN di lingkup Pemerintahan Kota Tangerang, "
            "melakukan Work From Home (WFH).",
            {("wfh_count", "<", 20)},
        ),
        ("Pak Sekda tadi menyampaikan yang WFH sedikit, kurang dari 20 orang.", {("wfh_count", "<", 20)}),
        ("Sebanyak 1.200 ASN sudah berkantor.", {("wfo_count", "=", 1200)}),
        ("Sebanyak 80 persen ASN hadir di kantor pada hari pertama.", {("wfo_share", "=", 80)}),
        ("Jumlah ASN yang WFH tercatat 30 persen dari total pegawai.", {("wfh_share", "=", 30)}),
        ("Tingkat kehadiran ASN mencapai 98 persen usai libur Lebaran.", {("wfo_share", "=", 98)}),
        ("Lebih dari 500 pegawai tercatat WFH hari ini.", {("wfh_count", ">", 500)}),
        ("Sedikitnya 1.233 ASN melaksanakan WFH.", {("wfh_count", ">=", 1233)}),
        ("Dari 5.000 ASN, sebanyak 2.500 orang WFH hari ini.", {("wfh_count", "=", 2500)}),
        (
            "Tingkat kehadiran ASN Pemprov Jateng pada hari pertama kerja setelah Lebaran mencapai 97 persen.",
            {("wfo_share", "=", 97)},
        ),
        ("Data absensi menunjukkan 18 persen pegawai melaksanakan WFH pada hari Senin.", {("wfh_share", "=", 18)}),
    ],
)
def test_observations_phrase_table(text: str, expected: set[tuple[str, str, float]]) -> None:
    assert observations(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # rules are quotas, not observations
        "Yang diperbolehkan maksimal itu 50 persen.",
        "WFH maksimal 50 persen dari jumlah pegawai.",
        "Pemkot mewajibkan maksimal 20 orang pegawai WFH setiap hari.",
        "50 persen yang kerja di kantor dan 50 persen di rumah.",
        # covid and other counts
        "Teranyar, kasus covid-19 di Kota Tangerang terkonfirmasi 954 kasus. Dengan rincian 144 dalam perawatan, "
        "758 dinyatakan sembuh, dan 52 orang meninggal.",
        "Sedangkan kasus suspek dirawat ada 597 orang.",
        "Kasus ISPA di Tangsel Meningkat 20 Persen Dibandingkan Tahun Lalu.",
        "Vendor menemukan ada 1.233 ASN yang memanipulasi absensi elektronik.",
        "Infografis Siap-Siap 2.500 ASN Pindah ke IKN Agustus 2024.",
        "Ada total sekitar 1.200 ASN, yang terdiri dari personel Otorita IKN serta perwakilan Kementerian Kesehatan, "
        "secara aktif berkantor di IKN.",
        "Di Jakarta itu ASN-nya hampir 62 ribu, sehingga pasti akan kami terapkan.",
        "geliat pembangunan juga didorong oleh kehadiran sekitar 3.000 pekerja konstruksi.",
        # negated
        "pihaknya tak melakukan WFH 100 persen",
        # numbers that are not people
        "SE MenPANRB Nomor 58 Tahun 2020 tentang Sistem Kerja Pegawai ASN yang WFH.",
    ],
)
def test_observations_traps_give_none(text: str) -> None:
    assert observations(text) == set()


def test_observations_span_and_rule() -> None:
    text = "kurang dari 20 orang ASN melakukan WFH"
    [span] = extract_observations(text, CTX)
    assert text[span.start : span.end] == "kurang dari 20 orang ASN"
    assert span.label == "observation"
    assert span.rule == "observation.count"


@pytest.mark.parametrize(("num", "mult", "value"), [("1.233", None, 1233), ("20", None, 20), ("62", "ribu", 62000)])
def test_observations_parse_count(num: str, mult: str | None, value: int) -> None:
    assert parse_count(num, mult) == value


@pytest.mark.parametrize(
    "gold",
    sorted((ROOT / "annotations" / "seeds").glob("*.json")) + sorted((ROOT / "annotations" / "dev").glob("*.json")),
    ids=lambda p: p.stem[:3],
)
def test_observations_gold(gold: Path) -> None:
    """Seeds and dev: exactly the gold observations (authority aside)."""
    doc = json.loads(gold.read_text(encoding="utf-8"))
    text_path = ROOT / "corpus" / gold.parent.name / f"{doc['doc_id']}.txt"
    expected = {(o["metric"], o["op"], float(o["value"])) for o in doc["observations"] if not o.get("optional")}
    assert observations(text_path.read_text(encoding="utf-8")) == expected
