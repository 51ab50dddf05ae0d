"""Scrape damage (pipeline/damage.py) changes nothing a record says: invented short articles,
clean and damaged by each kind, through ``process_one`` (parse, clean, extract, classify,
assemble); the evidence of the damaged text maps back to the right characters of the raw
text. Phrase tables for each repair class (pipeline/unglue.py) through ``clean_text`` and
``TextDoc``. Every sentence here is invented."""

from __future__ import annotations

import re
from typing import Any

import pytest

from extractors.textdoc import TextDoc, split_paragraphs
from pipeline.clean import clean_text, original_span
from pipeline.damage import KINDS, damage
from pipeline.models import RawDoc, Record
from pipeline.run import process_one

ARTICLES = {
    "list": (
        "Pemkot Malang Atur Sistem Kerja ASN Selama Kemarau Panjang\n\n"
        "MALANG - Pemerintah Kota Malang menerbitkan surat edaran tentang penyesuaian kegiatan selama "
        "musim kemarau panjang. Surat itu ditandatangani Wali Kota Malang pada akhir pekan lalu.\n\n"
        "Berikut isi pokok surat edaran Wali Kota Malang tersebut:\n\n"
        "1. Kegiatan belajar di sekolah dilaksanakan secara daring.\n\n"
        "2. Perkantoran pemerintah daerah menerapkan WFH sebesar 40 persen dan WFO sebesar 60 persen "
        "dengan pengaturan jadwal bergiliran.\n\n"
        "3. Rumah sakit dan puskesmas tetap beroperasi penuh.\n\n"
        "4. Surat edaran ini berlaku mulai 3 Agustus sampai 14 Agustus 2026.\n\n"
        "Warga diminta menghemat air selama kemarau berlangsung."
    ),
    "terms": (
        "Pemprov Jambi Terapkan Kerja dari Rumah Saat Kabut Asap\n\n"
        "JAMBI - Pemerintah Provinsi Jambi menerapkan work from home (WFH) bagi aparatur sipil negara "
        "mulai Senin (3/8/2026). Kebijakan itu diambil karena kabut asap makin pekat.\n\n"
        "ASN yang melayani masyarakat secara langsung tetap bekerja dari kantor atau work from office "
        "(WFO). Petugas rumah sakit juga tetap masuk seperti biasa.\n\n"
        "Penerapan WFH berlaku sampai 14 Agustus 2026, kata Sekretaris Daerah Provinsi Jambi."
    ),
    "quota": (
        "Bupati Sleman Batasi Pegawai yang Masuk Kantor\n\n"
        "SLEMAN - Pemerintah Kabupaten Sleman membatasi jumlah pegawai yang bekerja di kantor. "
        "ASN menjalani WFH maksimal 50 persen mulai 3 Agustus 2026.\n\n"
        "Kebijakan ini diambil untuk mengurangi kemacetan di jalan utama selama perbaikan jembatan.\n\n"
        "\"Pelayanan kepada warga tidak boleh terganggu,\" ujar Kepala BKPP Kabupaten Sleman."
    ),
}
PUBLISHED = "2026-08-01"


def _raw(name: str, text: str) -> RawDoc:
    return RawDoc(doc_id=name, data=text.encode(), kind="txt", source=f"{name}.txt", published=PUBLISHED)


def _project(records: list[Record]) -> list[dict[str, Any]]:
    """What a record says, without where it says it (offsets) and how sure it is."""
    out = []
    for r in records:
        d = r.model_dump(mode="json")
        d.pop("evidence")
        d.pop("confidence")
        out.append(d)
    return sorted(out, key=lambda d: d["record_id"])


def _squeeze(s: str) -> str:
    return re.sub(r"\s+", "", s.translate(str.maketrans({"“": '"', "”": '"', "’": "'"})))


@pytest.fixture(scope="module")
def clean_records() -> dict[str, list[dict[str, Any]]]:
    out = {}
    for name, text in ARTICLES.items():
        result = process_one(_raw(name, text))
        assert result.records, name  # every invented article states a policy
        out[name] = _project(result.records)
    return out


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("name", list(ARTICLES))
def test_damaged_article_gives_the_clean_records(name: str, kind: str, clean_records) -> None:  # type: ignore[no-untyped-def]
    damaged = damage(ARTICLES[name], kind)
    result = process_one(_raw(name, damaged))
    assert _project(result.records) == clean_records[name]
    # every evidence span points at its text in the cleaned text and back into the damaged raw text
    segments = clean_text(damaged)[1]
    for record in result.records:
        for ev in record.evidence:
            assert result.text[ev.start:ev.end] == ev.text
            o_start, o_end = original_span(segments, ev.start, ev.end)
            assert _squeeze(damaged[o_start:o_end]) == _squeeze(ev.text), (ev, damaged[o_start:o_end])


def test_damage_is_deterministic_and_really_damages() -> None:
    text = ARTICLES["list"]
    for kind in KINDS:
        assert damage(text, kind, seed=3) == damage(text, kind, seed=3)
    assert "\n\n" not in damage(text, "join_paragraphs").partition("\n\n")[2]
    assert "tersebut:1. Kegiatan" in damage(text, "run_lists")
    assert "menerapkanwork from home(WFH)" in damage(ARTICLES["terms"], "glue_terms")
    assert any(f in damage(text, "furniture") for f in ("SCROLL", "ADVERTISEMENT", "Baca", "Editor", "Bagikan",
                                                        "Share", "Foto", "Tonton", "Simak", "Penulis", "Ikuti"))


# --- the repairs, one class per table --------------------------------------------------------

@pytest.mark.parametrize(("raw", "cleaned"), [
    # a glued sentence end after a word, an acronym, a year, a bracket
    ("Rapat sudah selesai.Semua pegawai pulang.", "Rapat sudah selesai. Semua pegawai pulang."),
    ("Aturan baru soal PPKM.Surat itu beredar luas.", "Aturan baru soal PPKM. Surat itu beredar luas."),
    ("Berlaku sejak 2026.Pegawai wajib patuh.", "Berlaku sejak 2026. Pegawai wajib patuh."),
    ("Diumumkan Senin (3/8/2026).Kepala dinas hadir.", "Diumumkan Senin (3/8/2026). Kepala dinas hadir."),
    ("Benarkah?Tidak ada yang tahu.", "Benarkah? Tidak ada yang tahu."),
    # a glued opening quote starts the next sentence; a glued closing quote ends the previous
    ('Pegawai diminta tertib."Kami awasi," kata dia.', 'Pegawai diminta tertib. "Kami awasi," kata dia.'),
    ('"Kami awasi semuanya."Kepala dinas lalu pergi.', '"Kami awasi semuanya." Kepala dinas lalu pergi.'),
    # not a sentence end: instrument numbers, paths, abbreviations, domains, decimals
    ("Nomor 800/12/S.Edar/Bag.Org/2026 berlaku.", "Nomor 800/12/S.Edar/Bag.Org/2026 berlaku."),
    ("Dikutip dari Kabarkota.com hari ini.", "Dikutip dari Kabarkota.com hari ini."),
    ("Kantor di Kab.Bantul tutup pukul 15.30 WIB.", "Kantor di Kab.Bantul tutup pukul 15.30 WIB."),
])
def test_glued_sentence_ends(raw: str, cleaned: str) -> None:
    assert clean_text(raw)[0] == cleaned


@pytest.mark.parametrize(("raw", "cleaned"), [
    ("Pemkab memberlakukanwork from home(WFH) bagi staf.", "Pemkab memberlakukan work from home (WFH) bagi staf."),
    ("Pilihannya antarawork from officedan cuti.", "Pilihannya antara work from office dan cuti."),
    ("Skema barunya yaituflexible working arrangementuntuk ASN.",
     "Skema barunya yaitu flexible working arrangement untuk ASN."),
    ("Dinas menetapkanWFH dua hari.", "Dinas menetapkan WFH dua hari."),
    ("Badan Kepegawaian Daerah(BKD)menyusun jadwal.", "Badan Kepegawaian Daerah (BKD) menyusun jadwal."),
    # an acronym inside a word, a word that merely contains an English word, stay
    ("Homeschooling tetap jalan.", "Homeschooling tetap jalan."),
])
def test_glued_terms(raw: str, cleaned: str) -> None:
    assert clean_text(raw)[0] == cleaned


@pytest.mark.parametrize(("raw", "items"), [
    ("Isinya sebagai berikut:1. Sekolah daring.2. Kantor WFH 30 persen.3. Pasar buka terbatas.",
     ["Isinya sebagai berikut:", "1. Sekolah daring.", "2. Kantor WFH 30 persen.", "3. Pasar buka terbatas."]),
    # an item glued to the word before it, lettered sub-items (one of them glued too)
    ("Ketentuan: 1. Toko tutup pukul 20.00 WIB2. Kantor:a. WFH 50 persenb. WFO 50 persen",
     ["Ketentuan:", "1. Toko tutup pukul 20.00 WIB", "2. Kantor:", "a. WFH 50 persen", "b. WFO 50 persen"]),
    # numbers that are no list: one "1." alone, a sequence not opened after ':' or a full stop
    ("Juara 1. Andi menang lagi.", ["Juara 1. Andi menang lagi."]),
    ("Dari pukul 1. Lalu pukul 2. Lalu selesai.", ["Dari pukul 1. Lalu pukul 2. Lalu selesai."]),
])
def test_run_together_lists_become_lines(raw: str, items: list[str]) -> None:
    assert clean_text(raw)[0].split("\n") == items


@pytest.mark.parametrize(("raw", "cleaned"), [
    ("Kantor tutup.Baca Juga Warga Antre di Pasar", "Kantor tutup. Warga Antre di Pasar"),
    ("Kerja bergilir.SCROLL TO CONTINUE WITH CONTENTDinas lalu menambah petugas.",
     "Kerja bergilir. Dinas lalu menambah petugas."),
    ("Mulai besok. ADVERTISEMENT \"Kami siap,\" ujarnya.", "Mulai besok. \"Kami siap,\" ujarnya."),
    # the words in a sentence of their own are no furniture
    ("Warga baca juga koran pagi.", "Warga baca juga koran pagi."),
])
def test_inline_furniture(raw: str, cleaned: str) -> None:
    assert clean_text(raw)[0] == cleaned


def test_inserted_characters_map_to_no_original_character() -> None:
    raw = "Kantor tutup.Pegawai bekerja dari rumah:1. Staf WFH.2. Pimpinan WFO."
    text, segments = clean_text(raw)
    covered = sum(n for _, _, n in segments)
    for c, o, n in segments:
        assert text[c:c + n] == raw[o:o + n]
    assert len(text) - covered == 3  # one blank, two line breaks put back
    start = text.index("Pegawai")
    assert raw[slice(*original_span(segments, start, start + 7))] == "Pegawai"


@pytest.mark.parametrize("n", [9, 30])  # ~680 and ~2,250 characters on one line
def test_long_run_together_paragraph_is_cut_into_units(n: int) -> None:
    sentence = "Pegawai dinas mengikuti apel pagi di halaman kantor bersama kepala bidang. "
    blob = (sentence * n).strip()
    doc = TextDoc(f"Judul\n\n{blob}")
    pieces = doc.paragraphs[1:]
    assert len(pieces) > 1 and all(e - s <= 400 for s, e in pieces)
    assert " ".join(doc.text[s:e] for s, e in pieces) == blob


def test_written_paragraph_stays_one_unit() -> None:
    para = " ".join(["Pegawai dinas mengikuti apel pagi di halaman kantor bersama kepala bidang."] * 7)
    assert len(para) < 600 and TextDoc(f"Judul\n\n{para}").paragraphs[1:] == [(7, 7 + len(para))]


@pytest.mark.parametrize("text", [
    # an official's own work from home (ill, isolating) is a self-report, not a rule for anyone
    "Pemerintah Kabupaten Gresik menyebut bupati sedang sakit. Bupati Gresik mengaku masih bisa bekerja "
    "secara WFH dari rumah dinas selama masa pemulihan.",
    "Pemerintah Kota Batu menyebut wali kota positif Covid-19. Wali Kota Batu mengaku tetap bisa bekerja "
    "secara WFH selama isolasi mandiri.",
    "Pemerintah Kota Batu menyebut wali kota positif Covid-19. Wali Kota Batu mengaku masih dapat bekerja "
    "dari rumah selama isolasi.",
])
def test_self_report_of_working_from_home_is_no_rule(text: str) -> None:
    assert process_one(_raw("self", text)).records == []


def test_list_item_is_scored_with_its_lead_in() -> None:
    items = "\n".join(f"{i}. Butir ketentuan nomor {i} yang panjangnya cukup untuk memecah blok paragraf ini "
                      "menjadi butir-butir tersendiri." for i in range(1, 13))
    text = f"Berikut isi surat edaran bupati:\n{items}"
    doc = TextDoc(text)
    spans = split_paragraphs(text)
    k = next(i for i, (s, _) in enumerate(spans) if text.startswith("5. ", s))
    assert doc.classifier_text(k) == f"Berikut isi surat edaran bupati:\n{text[slice(*spans[k])]}"
    assert doc.classifier_text(0) == text[slice(*spans[0])]


def test_scraped_html_page_gives_the_clean_records(clean_records) -> None:  # type: ignore[no-untyped-def]
    """An HTML page with italic terms glued to their words and a furniture block between
    paragraphs reads as the clean text does."""
    html = (
        "<html><head><title>Pemprov Jambi Terapkan Kerja dari Rumah Saat Kabut Asap</title></head><body><article>"
        "<h1>Pemprov Jambi Terapkan Kerja dari Rumah Saat Kabut Asap</h1>"
        "<p>JAMBI - Pemerintah Provinsi Jambi menerapkan<i>work from home</i>(WFH) bagi aparatur sipil negara "
        "mulai Senin (3/8/2026). Kebijakan itu diambil karena kabut asap makin pekat.</p>"
        "<div>SCROLL TO CONTINUE WITH CONTENT</div>"
        "<p>ASN yang melayani masyarakat secara langsung tetap bekerja dari kantor atau<i>work from office</i>(WFO). "
        "Petugas rumah sakit juga tetap masuk seperti biasa.</p>"
        "<p>Penerapan WFH berlaku sampai 14 Agustus 2026, kata Sekretaris Daerah Provinsi Jambi.</p>"
        "</article></body></html>"
    )
    raw = RawDoc(doc_id="terms", data=html.encode(), kind="html", source="terms.html", published=PUBLISHED)
    result = process_one(raw)
    assert "menerapkan work from home (WFH) bagi" in result.text and "SCROLL" not in result.text
    assert _project(result.records) == clean_records["terms"]
