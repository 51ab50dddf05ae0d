"""extractors/circular.py on laid-out circular text (generated PDFs, OCR'd scans, the real Gresik SE)."""

from __future__ import annotations

from datetime import date

import pytest

from extractors.base import Context, InstrumentMention, OfficialMention
from extractors.circular import (
    _clean_name,
    _who,
    circular_instrument_id,
    extract_circular,
    looks_like_circular,
    quota_rows,
)
from pipeline.pdf.ocr import tesseract_available
from pipeline.pdf.parser import page_of, parse_pdf

CIRCULAR = Context(kind="circular")
NEWS = Context(kind="news", published=date(2024, 4, 16))


def _by_label(spans, label):
    return [s for s in spans if s.label == label]


def _one(spans, label):
    found = _by_label(spans, label)
    assert len(found) == 1, (label, found)
    return found[0]


@pytest.fixture(scope="module")
def extracted(parsed):
    cache = {}

    def get(name):
        if name not in cache:
            p = parsed(name)
            cache[name] = (p, extract_circular(p.text, CIRCULAR))
        return cache[name]

    return get


@pytest.mark.parametrize("name", ["madiun", "klaten", "menpanrb"])
def test_circular_instrument_issuer_signing_signatory(extracted, expected, name) -> None:
    p, spans = extracted(name)
    exp = expected[name]
    inst = _one(spans, "circular_instrument")
    assert isinstance(inst.value, InstrumentMention)
    assert inst.value.id == exp["instrument"]
    issuer = _one(spans, "issuer")
    assert issuer.value.id == exp["issuer"] and issuer.rule == "circular.issuer_letterhead"
    signing = _one(spans, "signing")
    assert signing.value == {"date": exp["signed"], "place": exp["place"]}
    assert exp["signed"][:4] in p.text[signing.start:signing.end]
    signer = _one(spans, "signatory")
    assert isinstance(signer.value, OfficialMention)
    assert (signer.value.title, signer.value.name) == exp["signatory"]
    assert signer.value.authority_id == exp["issuer"]
    assert len(_by_label(spans, "addressee")) == exp["addressees"]
    assert len(_by_label(spans, "tembusan")) == exp["tembusan"]
    # every span's evidence is a slice of the text, with a page
    for s in spans:
        assert 0 <= s.start < s.end <= len(p.text), s
        assert s.rule.startswith("circular.")
        assert 1 <= page_of(p.pages, s.start) <= len(p.pages)


def test_circular_title_value(extracted) -> None:
    _, spans = extracted("madiun")
    title = _one(spans, "circular_title").value
    assert title["type"] == "SE" and title["number"] == "800.1.6/412/401.102/2024" and title["year"] == 2024
    assert title["about"].startswith("PENYESUAIAN SISTEM KERJA APARATUR SIPIL NEGARA")
    assert title["about"].endswith("IDUL FITRI 1445 H")
    _, spans = extracted("klaten")
    assert _one(spans, "circular_title").value["about"] == "Sistem Kerja ASN Selama PPKM Level 4"


def test_circular_signing_date_kept_apart_from_effective_dates(extracted, expected) -> None:
    """The signing date is its own span; the clause dates (extractors/dates.py) give the period."""
    from extractors.dates import extract_dates

    for name in ("madiun", "klaten", "menpanrb"):
        p, spans = extracted(name)
        signing = _one(spans, "signing")
        dates = extract_dates(p.text, CIRCULAR)
        periods = [d for d in dates if d.value.role in ("range", "start", "end")
                   and not (signing.start <= d.start < signing.end)]
        assert (periods[0].value.start, periods[0].value.end) == expected[name]["effective"], name
        clauses = _by_label(spans, "clause")
        assert any(c.start <= periods[0].start < c.end for c in clauses), "the period is inside a clause"


def test_circular_clauses_nest(extracted) -> None:
    p, spans = extracted("madiun")
    clauses = _by_label(spans, "clause")
    assert [c.value["path"] for c in clauses] == ["1", "1.a", "1.b", "2", "3", "3.a", "3.b", "3.c", "4", "5", "6"]
    assert [c.value["level"] for c in clauses][:3] == [0, 1, 1]
    one, one_a = clauses[0], clauses[1]
    assert one.start < one_a.start < one_a.end <= one.end  # a parent holds its sub-items
    assert p.text[one_a.start:one_a.end].startswith("a. unit kerja yang melaksanakan tugas pelayanan publik")
    assert not any("Demikian" in p.text[c.start:c.end] for c in clauses)


def test_circular_exemption_sentences_are_clauses(extracted, expected) -> None:
    p, spans = extracted("madiun")
    three = next(c for c in _by_label(spans, "clause") if c.value["path"] == "3")
    body = p.text[three.start:three.end]
    assert body.startswith("3. Dikecualikan dari ketentuan")
    for phrase in expected["madiun"]["exemption_phrases"]:
        assert phrase in body
    subs = [p.text[c.start:c.end] for c in _by_label(spans, "clause") if c.value["path"].startswith("3.")]
    assert subs[1] == "b) Satuan Polisi Pamong Praja; dan"


@pytest.mark.parametrize("name", ["madiun", "klaten"])
def test_circular_quotas_from_tables(extracted, expected, name) -> None:
    p, spans = extracted(name)
    quotas = _by_label(spans, "quota")
    assert {(q.value.mode, q.value.op, q.value.percent, q.value.scope) for q in quotas} == expected[name]["quotas"]
    for q in quotas:
        assert " | " in p.text[q.start:q.end]  # evidence is the table row
        assert q.rule == "circular.table_quota"


def test_circular_legal_basis(extracted, expected) -> None:
    for name in ("madiun", "klaten"):
        _, spans = extracted(name)
        assert [s.value.id for s in _by_label(spans, "legal_basis")] == expected[name]["legal_basis"]


@pytest.mark.skipif(not tesseract_available(), reason="tesseract is not installed")
def test_circular_from_ocr_scan(extracted, expected) -> None:
    p, spans = extracted("menpanrb_scan")
    exp = expected["menpanrb"]
    assert _one(spans, "circular_instrument").value.id == exp["instrument"]
    assert _one(spans, "signing").value["date"] == exp["signed"]
    assert _one(spans, "signatory").value.name == exp["signatory"][1]
    assert p.ocr_confidence is not None


def test_circular_real_gresik(corpus_pdfs) -> None:
    p = parse_pdf((corpus_pdfs / "PERPANJANGAN-4-WFH.pdf").read_bytes())
    spans = extract_circular(p.text, CIRCULAR)
    assert _one(spans, "circular_instrument").value.id == "SE:BUPATI-35.25:800/894/437.73/2020"
    assert _one(spans, "signing").value == {"date": "2020-05-29", "place": "Gresik"}
    assert _one(spans, "issuer").value.id == "region:35.25"
    basis = [s.value.id for s in _by_label(spans, "legal_basis")]
    assert "SE:MENPANRB:57/2020" in basis and "SE:BUPATI-35.25:800/648/437.73/2020" in basis
    assert _by_label(spans, "signatory") == []  # the name is only in the signature picture
    assert [c.value["path"] for c in _by_label(spans, "clause")] == ["1", "1.a", "1.b", "2"]
    two = next(c for c in _by_label(spans, "clause") if c.value["path"] == "1.b")
    assert page_of(p.pages, two.start) == 2


# --- news must not get circular spans -------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Pemkot Bandung menerbitkan Surat Edaran Nomor 022-Setda/2024 tentang penyesuaian sistem kerja ASN. "
        "Ditetapkan bahwa ASN bekerja dari rumah maksimal 50 persen.",
        "JAKARTA - Menteri PANRB menerbitkan SURAT EDARAN NOMOR 1 TAHUN 2024.\nYth. pembaca, berikut isinya.",
        "SURAT EDARAN\nBerita ini membahas surat edaran tanpa nomor.\nTembusan disampaikan kepada Gubernur.",
    ],
)
def test_circular_no_spans_for_news(text: str) -> None:
    assert extract_circular(text, NEWS) == []


def test_circular_no_spans_for_seed_articles(seeds_dir) -> None:
    texts = sorted(seeds_dir.glob("*.txt"))
    assert texts
    for path in texts:
        assert extract_circular(path.read_text(encoding="utf-8"), NEWS) == [], path.name


def test_circular_pasted_into_news_is_recognised(parsed) -> None:
    assert looks_like_circular(parsed("madiun").text)
    assert _one(extract_circular(parsed("madiun").text, NEWS), "circular_instrument")


# --- pieces ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "iid"),
    [
        (("SE", "MENPANRB", "01", 2024), "SE:MENPANRB:1/2024"),
        (("SE", "WALIKOTA-32.73", "022-Setda", 2024), "SE:WALIKOTA-32.73:022-SETDA/2024"),
        (("SE", "BUPATI-35.25", "800/894/437.73/2020", 2020), "SE:BUPATI-35.25:800/894/437.73/2020"),
        (("SE", "BUPATI-35.25", "800/894/437.73/2020", None), "SE:BUPATI-35.25:800/894/437.73/2020"),
        (("SE", "GUBERNUR-31", "2/SE/2020", 2020), "SE:GUBERNUR-31:2/SE/2020"),
        (("SE", "BUPATI-33.10", "800/2154/07", 2021), "SE:BUPATI-33.10:800/2154/07/2021"),
        (("SE", "BUPATI-33.10", "800/2154/07", None), None),
        (("SE", None, "7", 2025), None),
    ],
)
def test_circular_instrument_id(args, iid) -> None:
    """The circular's own id, normalised by extractors/instruments.py."""
    assert circular_instrument_id(*args)[0] == iid


@pytest.mark.parametrize(
    ("heading", "authority", "role"),
    [
        ("PEMERINTAH KOTA MADIUN", "region:35.77", None),
        ("PEMERINTAH KABUPATEN MADIUN", "region:35.19", None),
        ("BUPATI GRESIK", "region:35.25", "BUPATI"),
        ("WALI KOTA BANDUNG,", "region:32.73", "WALIKOTA"),
        ("WALIKOTA TANGERANG SELATAN", "region:36.74", "WALIKOTA"),
        ("Plt. BUPATI KLATEN", "region:33.10", "BUPATI"),
        ("GUBERNUR JAWA TENGAH", "region:33", "GUBERNUR"),
        ("PEMERINTAH PROVINSI DKI JAKARTA", "region:31", None),
        ("GUBERNUR DAERAH KHUSUS IBUKOTA JAKARTA", "region:31", "GUBERNUR"),
        ("SEKRETARIS DAERAH KOTA MADIUN", "region:35.77", "SEKDA"),
        ("KEMENTERIAN DALAM NEGERI", "central:kemendagri", "MENDAGRI"),
        ("MENTERI PENDAYAGUNAAN APARATUR NEGARA DAN REFORMASI BIROKRASI REPUBLIK INDONESIA",
         "central:kemenpanrb", "MENPANRB"),
    ],
)
def test_circular_who(heading: str, authority: str, role: str | None) -> None:
    who = _who(heading)
    assert who is not None and who.authority is not None
    assert (who.authority.id, who.role) == (authority, role)


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("Drs. JAKA SURYANTO, M.Si.", "Jaka Suryanto"),
        ("Dr. H. SAMBARI HALIM RADIANTO, ST, M.Si.", "Sambari Halim Radianto"),
        ("HARYANTO WIBISONO", "Haryanto Wibisono"),
        ("Hj. Sri Rahayu, S.E., M.M.", "Sri Rahayu"),
        ("NIP. 19680412 199303 1 007", None),
        ("Pembina Utama Madya (IV/d)", None),
    ],
)
def test_circular_clean_name(raw: str, name: str | None) -> None:
    assert _clean_name(raw) == name  # a NIP or rank line is no name (None), besides being skipped earlier


@pytest.mark.parametrize(
    ("text", "quotas"),
    [
        ("Jenis Unit Kerja | WFO | WFH\nUnit pelayanan publik langsung | 100% | 0%",
         {("WFO", "=", 100.0, "public_service_direct")}),
        ("Level PPKM | Ketentuan\nLevel 4 | WFO maksimal 25%\nLevel 3 | WFO paling banyak 50%",
         {("WFO", "<=", 25.0, "all"), ("WFO", "<=", 50.0, "all")}),
        ("Unit Kerja | Persentase WFH\nRumah Sakit Umum Daerah | 0%\nBagian administrasi pemerintahan | maksimal 50%",
         {("WFH", "=", 0.0, "health"), ("WFH", "<=", 50.0, "admin_support")}),
        ("Zona | WFO | WFH\nZona merah | 25% | 75%", {("WFO", "=", 25.0, "all"), ("WFH", "=", 75.0, "all")}),
        ("Nama | Jabatan\nBudi | Kepala Dinas", set()),
        ("Tanpa tabel: WFO maksimal 50%.", set()),
    ],
)
def test_circular_quota_rows(text: str, quotas: set) -> None:
    got = quota_rows(text, CIRCULAR)
    assert {(q.value.mode, q.value.op, q.value.percent, q.value.scope) for q in got} == quotas
    for q in got:
        assert text[q.start:q.end].count(" | ") >= 1


def test_circular_quota_condition_in_notes_when_supported() -> None:
    """PPKM levels are conditions: scope 'all', the level in notes (once QuotaMention has notes)."""
    got = quota_rows("Level PPKM | Ketentuan\nLevel 4 | WFO maksimal 25%", CIRCULAR)
    assert got and got[0].value.scope == "all"
    notes = getattr(got[0].value, "notes", "Level PPKM: Level 4")
    assert notes is not None and "Level 4" in notes


def test_circular_no_spans_for_dev_articles() -> None:
    from pathlib import Path

    dev = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "dev"
    if not dev.is_dir():
        pytest.skip("shared/corpus/dev is not here")
    for path in sorted(dev.glob("*.txt")):
        assert extract_circular(path.read_text(encoding="utf-8"), NEWS) == [], path.name


def test_circular_never_crashes_on_fragments() -> None:
    """Random runs of circular vocabulary: no exception, every span inside the text."""
    import random

    rnd = random.Random(7)
    vocab = ["SURAT EDARAN", "NOMOR", "TENTANG", "Yth.", "Tembusan:", "Ditetapkan di", "pada tanggal",
             "12 April 2024", "1.", "a.", "b)", "(1)", "-", " | ", "50%", "WFO", "WFH", "Level 4", "BUPATI GRESIK",
             "a.n.", "ttd", "NIP.", "Nomor :", "Perihal :", "Madiun, 3 Mei 2024", "\n", "\n\n", ",", ";"]
    for _ in range(500):
        text = " ".join(rnd.choice(vocab) for _ in range(rnd.randint(0, 60)))
        for s in extract_circular(text, CIRCULAR):
            assert 0 <= s.start <= s.end <= len(text)
