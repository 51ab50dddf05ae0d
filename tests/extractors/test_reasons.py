"""extractors/reasons.py: reason cues from the JSONL lexicon, one span per cue phrase."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.base import Context
from extractors.reasons import extract_reasons

CTX = Context()
ROOT = Path(__file__).resolve().parents[2]


def codes(text: str) -> set[str]:
    return {s.value.code for s in extract_reasons(text, CTX)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bekerja dari rumah dilakukan untuk menekan penyebaran covid-19.", {"covid19"}),
        ("Sistem kerja ASN dalam tatanan normal baru selama pandemi.", {"covid19"}),
        ("WFH diberlakukan selama PPKM Level 4.", {"covid19"}),
        ("Walkot Tangsel Pertimbangkan WFH Imbas Polusi Udara yang Meningkat", {"air_pollution"}),
        ("Kualitas udara Jakarta memburuk.", {"air_pollution"}),
        ("WFH untuk memperlancar arus balik Lebaran 2024.", {"holiday_travel"}),
        ("pasca-cuti bersama Lebaran", {"holiday_travel"}),
        ("Penyesuaian sistem kerja pasca-Lebaran.", {"holiday_travel"}),
        ("setelah libur Idul Fitri", {"holiday_travel"}),
        ("Penerapan WFH bertujuan mengurai kemacetan di Ibu Kota.", {"traffic"}),
        ("untuk mengurangi kepadatan lalu lintas", {"traffic"}),
        ("memberikan kenyamanan KTT ASEAN", {"event"}),
        ("WFH selama kunjungan Paus Fransiskus ke Jakarta.", {"event"}),
        ("WFH saat upacara HUT RI ke-80.", {"event"}),
        ("Implementasi Efisiensi Anggaran dalam Pelaksanaan Fleksibilitas Kerja", {"efficiency", "flexibility"}),
        ("WFH untuk hemat energi dan menekan biaya operasional.", {"efficiency"}),
        ("ASN boleh bekerja dengan jam kerja fleksibel.", {"flexibility"}),
        ("demi keseimbangan kerja dan kehidupan", {"flexibility"}),
        ("WFH karena banjir melanda kota.", {"disaster"}),
        ("selama masa pemulihan jaringan listrik pascabencana", {"disaster"}),
        ("WFH bagi ASN selama penyelenggaraan MXGP.", {"event"}),
        ("ASN boleh WFA menjelang Lebaran 2026.", {"holiday_travel"}),
        ("Pasca gempa dan erupsi gunung, ASN bekerja dari rumah.", {"disaster"}),
        ("WFH diberlakukan karena ada unjuk rasa di depan balai kota.", {"other"}),
        ("Aksi demonstrasi membuat ASN WFH.", {"other"}),
        # blocked cues
        ("Bagian penanganan bencana tetap bekerja di kantor.", set()),
        ("diberikan model seperti Covid dulu bekerja dari rumah", set()),
        ("Ekonomi pascapandemi tumbuh.", set()),
        ("menerapkan protokol kesehatan", set()),
        ("Tidak ada alasan di sini.", set()),
    ],
)
def test_reasons_phrase_table(text: str, expected: set[str]) -> None:
    assert codes(text) == expected


def test_reasons_span_is_the_cue_phrase() -> None:
    text = "Alasan Heru mempercepat penerapan WFH untuk mengurai kemacetan yang terjadi di Jakarta."
    [span] = extract_reasons(text, CTX)
    assert text[span.start : span.end] == "mengurai kemacetan"
    assert (span.label, span.rule, span.value.code) == ("reason", "reason.traffic", "traffic")


def test_reasons_every_cue_is_reported() -> None:
    text = "Polusi udara parah. Kemacetan juga. Polusi udara lagi."
    assert [s.value.code for s in extract_reasons(text, CTX)] == ["air_pollution", "traffic", "air_pollution"]


@pytest.mark.parametrize("gold", sorted((ROOT / "annotations" / "seeds").glob("*.json")), ids=lambda p: p.stem[:3])
def test_reasons_seed_gold_recall(gold: Path) -> None:
    """Every required seed reason has a cue in the text (which policy it belongs to is the assembler's call)."""
    doc = json.loads(gold.read_text(encoding="utf-8"))
    text = (ROOT / "corpus" / "seeds" / f"{doc['doc_id']}.txt").read_text(encoding="utf-8")
    required = {
        r if isinstance(r, str) else r["code"]
        for p in doc["policies"]
        if not p.get("optional")
        for r in p["reasons"]
        if isinstance(r, str) or not r.get("optional")
    }
    assert required <= codes(text)
