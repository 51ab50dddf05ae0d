"""extractors/changes.py: change kind, open end, weekday recurrence, quota conditions -- and the
assembler putting them on records (pipeline.run.process_one)."""

from __future__ import annotations

import pytest

from extractors.changes import (
    WeekdayRule,
    extract_changes,
    extract_open_ended,
    extract_quota_conditions,
    extract_recurrence,
)
from pipeline.models import RawDoc
from pipeline.run import process_one


def _vals(spans, text):
    return [(s.value, text[s.start:s.end], s.rule) for s in spans]


@pytest.mark.parametrize(("text", "kind", "cue"), [
    ("Pemprov DKI Jakarta memperpanjang kebijakan WFH bagi ASN hingga 30 Agustus.", "extension", "memperpanjang"),
    ("Masa WFH ASN Kota Bogor kembali diperpanjang dua pekan.", "extension", "kembali diperpanjang"),
    ("Surat Edaran Nomor 67 Tahun 2020 tentang Perubahan atas Surat Edaran Nomor 58 Tahun 2020.", "amendment",
     "Perubahan atas"),
    ("Mulai Senin, kebijakan WFH bagi ASN resmi dicabut.", "revocation", "dicabut"),
    ("Wali Kota mengakhiri sistem kerja WFH karena kasus menurun.", "revocation", "mengakhiri"),
])
def test_change_kinds(ctx_factory, text, kind, cue) -> None:
    [span] = extract_changes(text, ctx_factory())
    assert (span.value, text[span.start:span.end], span.rule) == (kind, cue, f"change.{kind}")


@pytest.mark.parametrize("text", [
    "Jalan tol Cipali diperpanjang hingga Cirebon. Pemkot menerapkan WFH bagi ASN.",  # no policy in the sentence
    '"WFH bukan perpanjangan libur," tegasnya.',  # negated
    "Pegawai yang tidak memenuhi target kinerja akan dicabut hak WFA-nya.",  # a person's right
])
def test_change_words_that_announce_no_change(ctx_factory, text) -> None:
    assert extract_changes(text, ctx_factory()) == []


def test_the_lede_decides_between_two_kinds_of_change() -> None:
    recs, _ = _records("Pemerintah Provinsi DKI Jakarta memperpanjang kebijakan WFH bagi ASN hingga Jumat (23/7/2021). "
                       "Perpanjangan tertuang dalam Surat Edaran Nomor 24 Tahun 2021 yang mengubah Surat Edaran "
                       "Nomor 23 Tahun 2021.")
    assert [r.change for r in recs] == ["extension"]


def test_open_ended(ctx_factory) -> None:
    text = (
        "WFH berlaku mulai 1 April hingga ada ketentuan lebih lanjut. Lainnya sampai batas waktu yang belum ditentukan."
    )
    spans = extract_open_ended(text, ctx_factory())
    assert [text[s.start:s.end] for s in spans] == ["hingga ada ketentuan lebih lanjut",
                                                    "sampai batas waktu yang belum ditentukan"]
    assert extract_open_ended("WFH hingga 30 April 2024.", ctx_factory()) == []


@pytest.mark.parametrize(("text", "days", "mode"), [
    ("ASN Jabar WFH setiap Kamis mulai pekan depan.", ("thu",), None),
    ("ASN bekerja dari rumah tiap hari Jumat.", ("fri",), None),
    ("Setiap Senin dan Kamis WFH bagi pegawai.", ("mon", "thu"), "WFH"),
    ("Pembagiannya Senin-Rabu WFO, Kamis-Jumat WFH.", ("mon", "tue", "wed"), "WFO"),
])
def test_recurrence(ctx_factory, text, days, mode) -> None:
    spans = extract_recurrence(text, ctx_factory())
    assert spans[0].value == WeekdayRule(days, mode)
    assert spans[0].rule.startswith("recurrence.")


def test_dated_weekday_ranges_are_no_recurrence(ctx_factory) -> None:
    assert extract_recurrence("WFH berlaku Senin (15/4) hingga Rabu (17/4) WFH.", ctx_factory()) == []


def test_quota_conditions(ctx_factory) -> None:
    text = "Zona merah WFO maksimal 25 persen, zona kuning 50 persen; PPKM level 4 dan level IV."
    vals = [(s.value, text[s.start:s.end]) for s in extract_quota_conditions(text, ctx_factory())]
    assert vals[:3] == [("zone:red", "Zona merah"), ("zone:yellow", "zona kuning"), ("ppkm_level:4", "PPKM level 4")]


def _records(text: str, published: str = "2021-07-20"):
    raw = RawDoc(doc_id="t", data=text.encode(), kind="txt", source="t.txt", published=published)
    res = process_one(raw)
    assert res.line.status == "ok", res.line.error
    return res.records, res.text


def test_records_carry_the_new_fields_with_evidence() -> None:
    recs, text = _records("Pemerintah Provinsi DKI Jakarta memperpanjang kebijakan WFH bagi ASN hingga 30 Agustus "
                          "2021. Untuk zona merah, pegawai yang WFO maksimal 25 persen, sedangkan zona kuning WFO "
                          "maksimal 50 persen.")
    [r] = recs
    assert r.change == "extension"
    assert [(q.percent, q.condition) for q in r.quotas] == [(25, "zone:red"), (50, "zone:yellow")]
    by_field = {e.field: e for e in r.evidence}
    assert text[by_field["change"].start:by_field["change"].end] == "memperpanjang"
    assert by_field["quotas[1].condition"].text == "zona kuning"


def test_open_end_and_weekly_rule_on_a_record() -> None:
    recs, _ = _records("Pemerintah Kota Bandung memberlakukan WFH bagi ASN setiap Kamis mulai 6 November 2025 "
                       "hingga ada ketentuan lebih lanjut.", published="2025-11-01")
    [r] = recs
    assert r.effective.open_ended is True and r.effective.end is None
    assert r.recurrence is not None and r.recurrence.days_of_week == ["thu"]
    assert r.change is None


def test_revocation_on_a_record() -> None:
    recs, _ = _records("Pemerintah Kota Surabaya mencabut kebijakan WFH bagi ASN mulai Senin (2/8/2021).")
    assert [r.change for r in recs] == ["revocation"]


@pytest.mark.parametrize(("extract", "text", "expected"), [
    # capitals and the characters re.IGNORECASE folds ("ı" matches "i") count as the lexicon's words
    (extract_changes, "KEBIJAKAN WFH DIPERPANJANG hingga akhir bulan.", [("extension", "DIPERPANJANG")]),
    (extract_changes, "Kebijakan WFH dıperpanjang sepekan.", [("extension", "dıperpanjang")]),
    (extract_open_ended, "WFH HINGGA ADA KETENTUAN LEBIH LANJUT.", [(True, "HINGGA ADA KETENTUAN LEBIH LANJUT")]),
    (extract_recurrence, "Pegawai WFH SETIAP JUMAT.", [(WeekdayRule(("fri",)), "SETIAP JUMAT")]),
    (extract_recurrence, "Jadwalnya SENIN-RABU wfo.", [(WeekdayRule(("mon", "tue", "wed"), "WFO"), "SENIN-RABU wfo")]),
    (extract_recurrence, "jadwal (Senin-Rabu WFO) dan xSenin-Rabu WFO.", []),  # not after "(" or inside a word
    (extract_quota_conditions, "Di ZONA MERAH dan ppkm LEVEL iv.", [("zone:red", "ZONA MERAH"),
                                                                     ("ppkm_level:4", "ppkm LEVEL iv")]),
])
def test_cues_match_whatever_their_case(ctx_factory, extract, text, expected) -> None:
    assert [(s.value, text[s.start:s.end]) for s in extract(text, ctx_factory())] == expected
