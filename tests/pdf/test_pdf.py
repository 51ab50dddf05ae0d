"""pipeline/pdf/parser.py: reading order, furniture, hyphenation, tables, pages, OCR, bad PDFs."""

from __future__ import annotations

import difflib
import re
import time

import pytest

from pipeline.errors import EmptyDocument, ParseFailed, TimedOut, TooLarge
from pipeline.pdf.layout import Word, is_reduplication, join_lines
from pipeline.pdf.ocr import fix_ocr_percents, tesseract_available
from pipeline.pdf.parser import page_of, parse_pdf
from pipeline.pdf.quality import is_garbage

needs_tesseract = pytest.mark.skipif(not tesseract_available(), reason="tesseract is not installed")


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


# --- text PDFs --------------------------------------------------------------------------------


def test_pdf_reading_order_and_clause_lines(parsed) -> None:
    text = parsed("madiun").text
    lines = text.split("\n")
    assert [ln for ln in lines if ln][:2] == ["SE Wali Kota Madiun - Sistem Kerja ASN Idul Fitri 1445 H",
                                              "PEMERINTAH KOTA MADIUN"]
    order = [text.index(s) for s in ("PEMERINTAH KOTA MADIUN", "Yth.", "SURAT EDARAN WALI KOTA MADIUN",
                                     "NOMOR 800.1.6/412/401.102/2024", "TENTANG", "Menindaklanjuti",
                                     "1. Penyesuaian", "a. unit kerja", "Ditetapkan di Madiun", "Tembusan:")]
    assert order == sorted(order)
    # every clause starts its own line, and wrapped lines are joined into it
    for marker in ("1. Penyesuaian", "a. unit kerja", "b. unit kerja", "2. Komposisi", "3. Dikecualikan",
                   "a) Rumah Sakit", "b) Satuan Polisi", "c) Badan Penanggulangan", "4. Pegawai", "6. Kepala"):
        assert any(ln.startswith(marker) for ln in lines), marker
    clause_1 = next(ln for ln in lines if ln.startswith("1. Penyesuaian"))
    assert clause_1.endswith("dengan ketentuan sebagai berikut:")


def test_pdf_running_header_footer_and_page_numbers_removed(parsed) -> None:
    import make_fixtures

    for name in ("madiun", "klaten", "menpanrb"):
        text = parsed(name).text
        assert "Halaman" not in text, name
        assert make_fixtures.ESIGN_FOOTER not in text, name
        assert "ditandatangani secara elektronik" not in text, name
        assert not re.search(r"^\s*-\s*\d+\s*-\s*$", text, re.M), name
    # the running header stays once, on page 1 (a repeated top line there may be the letterhead)
    p = parsed("madiun")
    header = make_fixtures.RUNNING_HEADERS["madiun"]
    assert p.text.count(header) == 1 and p.text.index(header) < p.pages[0][1]


def test_pdf_hyphenation_repaired(parsed, pdf_fixtures) -> None:
    seen = 0
    for name in ("madiun", "klaten", "menpanrb"):
        text = parsed(name).text
        for head, tail in pdf_fixtures["layouts"][name].hyphenated:
            word = head[:-1] + re.match(r"\w+", tail).group(0)
            assert word in text, (name, head, tail)
            assert head + "\n" not in text and head + " " not in text, (name, head)
            seen += 1
    assert seen >= 2, "the fixtures should hyphenate at least two words"
    text = parsed("madiun").text
    assert "masing-masing" in text and "sewaktu-waktu" in text and "e-Kinerja" in text


@pytest.mark.parametrize(
    ("prev", "nxt", "joined"),
    [
        ("tugas kedi-", "nasan di kantor", "tugas kedinasan di kantor"),
        ("atasan masing-", "masing.", "atasan masing-masing."),
        ("dengan sebaik-", "baiknya", "dengan sebaik-baiknya"),
        ("dapat dihubungi sewaktu-", "waktu", "dapat dihubungi sewaktu-waktu"),
        ("pandemi Covid-", "19 di", "pandemi Covid-19 di"),
        ("berdasarkan Undang-", "Undang Nomor 5", "berdasarkan Undang-Undang Nomor 5"),
        ("penyelengga\u00ad", "raan", "penyelenggaraan"),
        ("Kepala OPD dan", "BUMD", "Kepala OPD dan BUMD"),
        ("di -", "KLATEN", "di - KLATEN"),
        ("Nomor 800/", "894/2020", "Nomor 800/894/2020"),
    ],
)
def test_pdf_join_lines(prev: str, nxt: str, joined: str) -> None:
    assert join_lines(prev, nxt) == joined


@pytest.mark.parametrize(("head", "tail", "redup"), [
    ("masing", "masing", True), ("sebaik", "baiknya", True), ("berbagai", "bagai", True),
    ("kedi", "nasan", False), ("pelaksa", "naan", False), ("penyeleng", "garaan", False),
])
def test_pdf_reduplication(head: str, tail: str, redup: bool) -> None:
    assert is_reduplication(head, tail) is redup


def test_pdf_quota_table_rows_and_offsets(parsed) -> None:
    p = parsed("madiun")
    assert len(p.tables) == 1
    t = p.tables[0]
    assert t.page == 1
    assert t.rows == [["Jenis Unit Kerja", "WFO", "WFH"], ["Unit pelayanan publik langsung", "100%", "0%"],
                      ["Unit administrasi pemerintahan dan dukungan pimpinan", "minimal 50%", "maksimal 50%"]]
    assert [p.text[s:e] for s, e in t.row_spans] == [" | ".join(r) for r in t.rows]
    assert parsed("klaten").tables[0].rows[1] == ["Level 4", "WFO maksimal 25%"]


def test_pdf_letter_layout_reads_columns(parsed) -> None:
    """'Nomor : ... | Kepada' side by side: the left column first, then the right one."""
    lines = parsed("klaten").text.split("\n")
    assert "Nomor : 800/2154/07" in lines
    assert "Sifat : Segera" in lines
    assert "Perihal : Sistem Kerja ASN Selama PPKM Level 4" in lines
    assert any(ln.startswith("Klaten, 9 Agustus 2021") for ln in lines)
    assert lines.index("Nomor : 800/2154/07") < lines.index("Perihal : Sistem Kerja ASN Selama PPKM Level 4")


def test_pdf_pages_offsets_and_page_of(parsed) -> None:
    p = parsed("madiun")
    assert len(p.pages) == 2 and p.page_count == 2
    assert p.pages[0][0] == 0 and p.pages[-1][1] == len(p.text)
    assert p.pages[0][1] <= p.pages[1][0]
    assert page_of(p.pages, p.text.index("SURAT EDARAN")) == 1
    assert page_of(p.pages, p.text.index("Ditetapkan di Madiun")) == 2
    assert page_of(p.pages, p.text.index("Tembusan")) == 2
    # the last clause runs over the page break: joined, the boundary inside it
    clause = p.text.index("6. Kepala Perangkat Daerah")
    assert page_of(p.pages, clause) == 1
    assert "22 April 2024." in p.text[clause:p.text.index("Demikian")]
    assert page_of(p.pages, p.text.index("2024.", clause)) == 2


@pytest.mark.parametrize(
    ("pages", "offset", "page"),
    [
        ([(0, 10), (11, 20)], 0, 1),
        ([(0, 10), (11, 20)], 10, 1),  # the newline between pages belongs to the page before
        ([(0, 10), (11, 20)], 11, 2),
        ([(0, 10), (11, 20)], 99, 2),
        ([(0, 10), (11, 11), (11, 20)], 15, 3),  # an empty page 2
        ([(0, 0), (0, 10)], 3, 2),  # an empty first page
        ([], 5, 1),
    ],
)
def test_page_of(pages, offset, page) -> None:
    assert page_of(pages, offset) == page


def test_pdf_owner_password_only_is_read(parsed) -> None:
    assert "SURAT EDARAN NOMOR 2 TAHUN 2024" in parsed("owner_locked").text


# --- text-layer check -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "garbage"),
    [
        ("Pegawai yang melaksanakan tugas kedinasan di rumah wajib melaporkan kinerja harian melalui aplikasi "
         "dan dapat dihubungi sewaktu-waktu oleh atasan masing-masing sesuai dengan ketentuan yang berlaku.", False),
        # an old OCR layer with errors is still text
        ("KEPUTUSAN BERSAMA MENTER! AGAMA, MENTER! KETENAGAKERJMN, DAN MENTER! PENDAYAGUNMN APARATUR NEGARA "
         "DAN REFORMASI BIROKRASI REPUBLIK INDONESIA NOMOR 375 TAHUN 2022 TENTANG HARi LIBUR NASIONAL", False),
        ("ÆØß þðŁ¤¶ §¢£¥©® ÐÞ×÷µ ¿¡ËÏÜ ÆØß þðŁ¤¶ §¢£¥©® ÐÞ×÷µ ¿¡ËÏÜ", True),
        # an annex that lists names: few frequent words, but words
        ("BUDI SANTOSO SRI RAHAYU AGUS SETIAWAN DEWI LESTARI BAMBANG SUTRISNO RINA MARLINA JOKO PURNOMO "
         "ENDANG SURYANI HERU WIBOWO NUR HIDAYAH", False),
        # a scrambled font encoding: letters, but no words
        ("Kqxvbz wrtplm zqvx hjkrt bnmzq xwvtr plkjh gfdsz qwrtz xcvbn mnbvc lkjhg fdsaq wertz uiopz "
         "yxcvb nmqwe rtzui opasd fghjk", True),
    ],
)
def test_pdf_garbage_detection(text: str, garbage: bool) -> None:
    assert is_garbage(text) is garbage


@pytest.mark.parametrize(
    ("words", "fixed"),
    [
        ("paling banyak 5096 dari jumlah", "paling banyak 50% dari jumlah"),
        ("WFO 10096 bagi", "WFO 100% bagi"),
        ("Nomor 5096 Tahun 2020", "Nomor 5096 Tahun 2020"),  # no quota word: a number
        ("sebanyak 35096 pegawai", "sebanyak 35096 pegawai"),  # 350 > 100
    ],
)
def test_pdf_ocr_percent_fix(words: str, fixed: str) -> None:
    ws = [Word(w, 0, 1, 0, 1) for w in words.split()]
    fix_ocr_percents(ws)
    assert " ".join(w.text for w in ws) == fixed


# --- OCR ----------------------------------------------------------------------------------------


@needs_tesseract
def test_pdf_scan_is_read_by_ocr(parsed) -> None:
    scan, text_pdf = parsed("menpanrb_scan"), parsed("menpanrb")
    assert scan.ocr_pages == [1]
    assert scan.ocr_confidence is not None and 0.6 <= scan.ocr_confidence <= 1.0
    assert _similarity(scan.text, text_pdf.text) >= 0.9
    assert "paling banyak 50% dari jumlah pegawai" in scan.text  # '5096' repaired
    assert text_pdf.ocr_pages == [] and text_pdf.ocr_confidence is None


@needs_tesseract
def test_pdf_garbage_text_layer_is_replaced_by_ocr(parsed) -> None:
    p = parsed("garbage_layer")
    assert p.ocr_pages == [1]
    assert _similarity(p.text, parsed("menpanrb").text) >= 0.9
    assert "Æ" not in p.text


def test_pdf_missing_tesseract_fails_with_install_hint(pdf_fixtures, monkeypatch) -> None:
    data = pdf_fixtures["menpanrb_scan"].read_bytes()
    with pytest.raises(ParseFailed, match=r"apt-get install tesseract-ocr tesseract-ocr-ind") as exc:
        parse_pdf(data, tesseract_cmd="/nonexistent/bin/tesseract")
    assert "no text layer" in str(exc.value)
    monkeypatch.setenv("EDARAN_TESSERACT", "/nonexistent/bin/tesseract")
    with pytest.raises(ParseFailed, match="Tesseract OCR was not found"):
        parse_pdf(pdf_fixtures["garbage_layer"].read_bytes())


def test_pdf_missing_tesseract_keeps_text_pages(pdf_fixtures) -> None:
    """A text PDF never needs Tesseract."""
    p = parse_pdf(pdf_fixtures["madiun"].read_bytes(), tesseract_cmd="/nonexistent/bin/tesseract")
    assert "SURAT EDARAN" in p.text and not p.warnings


def test_pdf_ocr_off(pdf_fixtures) -> None:
    with pytest.raises(ParseFailed, match="OCR is off"):
        parse_pdf(pdf_fixtures["menpanrb_scan"].read_bytes(), ocr="never")


# --- bad PDFs ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "error", "message"),
    [
        ("encrypted", ParseFailed, r"encrypted.*qpdf --decrypt"),
        ("truncated", ParseFailed, r"damaged or truncated"),
        ("zero_pages", EmptyDocument, r"no pages"),
        ("html", ParseFailed, r"HTML page saved as \.pdf"),
        ("not_pdf", ParseFailed, r"not a PDF"),
        ("many_pages", TooLarge, r"500 pages, over the limit of 300"),
    ],
)
def test_pdf_bad_files_fail_fast_with_a_clear_error(pdf_fixtures, name, error, message) -> None:
    t0 = time.monotonic()
    with pytest.raises(error, match=message) as exc:
        parse_pdf(pdf_fixtures[name].read_bytes())
    assert time.monotonic() - t0 < 5
    assert str(exc.value).startswith(f"[{error.code}] ")


def test_pdf_page_limit_truncate(pdf_fixtures) -> None:
    p = parse_pdf(pdf_fixtures["many_pages"].read_bytes(), max_pages=3, truncate=True)
    assert len(p.pages) == 3 and p.page_count == 500
    assert "Lampiran halaman 3" in p.text
    assert any("first 3 of 500" in w for w in p.warnings)


def test_pdf_time_limit_between_pages(pdf_fixtures) -> None:
    t0 = time.monotonic()
    with pytest.raises(TimedOut, match=r"took over 0.2 s"):
        parse_pdf(pdf_fixtures["many_pages"].read_bytes(), max_pages=1000, time_limit_s=0.2)
    assert time.monotonic() - t0 < 5


@needs_tesseract
def test_pdf_time_limit_bounds_ocr(pdf_fixtures) -> None:
    t0 = time.monotonic()
    with pytest.raises(TimedOut, match="took over|timed out"):
        parse_pdf(pdf_fixtures["menpanrb_scan"].read_bytes(), time_limit_s=0.5)
    assert time.monotonic() - t0 < 3


def test_pdf_rejects_unknown_ocr_mode() -> None:
    with pytest.raises(ValueError):
        parse_pdf(b"%PDF-1.4", ocr="sometimes")


# --- real PDFs (shared/corpus/pdfs) --------------------------------------------------------------


def test_pdf_real_gresik_circular(corpus_pdfs) -> None:
    p = parse_pdf((corpus_pdfs / "PERPANJANGAN-4-WFH.pdf").read_bytes())
    assert len(p.pages) == 2 and p.ocr_pages == []
    lines = p.text.split("\n")
    assert lines[0] == "BUPATI GRESIK"
    assert "Nomor : 800/894/437.73/2020" in lines
    assert any(ln.startswith("Gresik, 29 Mei 2020") for ln in lines)
    assert "diperpanjang sampai dengan tanggal 4 Juni 2020." in p.text
    assert page_of(p.pages, p.text.index("b. Keberlangsungan")) == 2


@pytest.mark.parametrize("name", [
    "PERBUP_22_2020-Pedoman-Masa-Transisi-New-Normal.pdf",
    "SKB-MEPANRB-2022-01-HARI-LIBUR-NASIONAL-DAN-CUTI-BERSAMA-2022.pdf",
    "KEPPRES-2021-007-CUTI-BERSAMA-PEGAWAI-APARATUR-SIPIL-NEGARA-TAHUN-2O21.pdf",
    "jdih-cms_demo_1.pdf",
    "jdih-cms_demo_9.pdf",
])
def test_pdf_real_text_layers(corpus_pdfs, name) -> None:
    """Every real text PDF reads without OCR, in reasonable time, with a page span per page."""
    path = corpus_pdfs / name
    if not path.exists():
        pytest.skip(f"{name} is not in the corpus")
    t0 = time.monotonic()
    p = parse_pdf(path.read_bytes(), ocr="never", max_pages=12, truncate=True)
    assert time.monotonic() - t0 < 20  # ~0.1 s a page; generous for a busy CI machine
    assert len(p.pages) == min(12, p.page_count) and p.ocr_pages == []
    assert len(p.text) > 1000
    # running headers such as "- 2 -" are gone
    assert not re.search(r"^\s*-\s*\d+\s*-\s*$", p.text, re.M)


@needs_tesseract
@pytest.mark.slow
def test_pdf_real_pure_scan_goes_through_ocr(corpus_pdfs) -> None:
    path = corpus_pdfs / "SKB-MEPANRB-2020-06-HARI-LIBUR-NASIONAL-DAN-CUTI-BERSAMA-2020.pdf"
    p = parse_pdf(path.read_bytes(), max_pages=1, truncate=True)
    assert p.ocr_pages == [1] and p.page_count == 4
    assert p.ocr_confidence is not None and p.ocr_confidence > 0.5
    assert re.search(r"KEPUTUSAN BERSAMA|MENTERI", p.text)


def test_pdf_real_mixed_scan_without_tesseract_warns(corpus_pdfs) -> None:
    """PermenPANRB 1/2020: text pages 1-10, scanned annex. Without Tesseract the text pages are
    kept and the scanned ones are reported."""
    path = corpus_pdfs / "PERMEN-PANRB-2020-001-PEDOMAN-ANALISIS-JABATAN-DAN-ANALISIS-BEBAN-KERJA.pdf"
    p = parse_pdf(path.read_bytes(), max_pages=14, truncate=True, tesseract_cmd="/nonexistent/tesseract")
    assert p.ocr_pages == []
    assert any("need OCR but Tesseract was not found" in w for w in p.warnings)
    assert "PEDOMAN ANALISIS JABATAN" in p.text.upper()
