"""extractors/exemptions.py: units kept in the office, found only in trigger sentences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.base import Context
from extractors.exemptions import exemption_windows, extract_exemptions
from extractors.textdoc import TextDoc

CTX = Context()
ROOT = Path(__file__).resolve().parents[2]


def categories(text: str) -> set[str]:
    return {s.value.category for s in extract_exemptions(text, CTX)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "OPD yang tidak diizinkan mendapatkan WFH diantaranya, Dinas Penanaman Modal Terpadu Satu Pintu (DPMPTSP) "
            "Disdukcapil, Rumah Sakit, Puskesmas, Kecamatan dan Kelurahan.",
            {"licensing", "civil_registration", "health", "subdistrict_office"},
        ),
        (
            "Yang berhak melakukan WFH hanya ASN yang tidak ada pelayanan langsung kepada masyarakat.",
            {"public_service_direct"},
        ),
        (
            "Kata Benyamin, yang tidak bisa bekerja dari rumah yakni bendahara, pengawas, hingga pimpinan kegiatan.",
            {"role:treasurer", "role:supervisor", "role:activity_lead"},
        ),
        ("Pengecualian untuk WFH adalah rumah sakit dan sekolah.", {"health", "education"}),
        # private companies are no exemption code
        (
            "Heru menyatakan Pemprov DKI tidak akan memberlakukan WFH untuk perusahaan swasta, "
            "rumah sakit dan sekolah.",
            {"health", "education"},
        ),
        (
            "Makanya, seluruh ASN yang ada dibidang layanan publik seperti dinas perhubungan, satpol pp, kemudian "
            "kesehatan tetap masuk, tidak WFH.",
            {"public_service_direct", "transport_distribution", "security_order", "health"},
        ),
        (
            "Untuk perangkat daerah/unit kerja yang berkaitan dengan pelayanan publik secara langsung, seperti bagian "
            "kesehatan, keamanan dan ketertiban, penanganan bencana, energi, logistik, pos, transportasi dan "
            "distribusi, obyek vital nasional, proyek strategis nasional, konstruksi, dan utilitas dasar, maka "
            "diterapkan sistem kerja "
            "tugas kedinasan dari kantor (work from office/WFO) sebesar 100 % (seratus persen);",
            {
                "public_service_direct",
                "health",
                "security_order",
                "disaster",
                "energy",
                "logistics",
                "postal",
                "transport_distribution",
                "vital_objects",
                "strategic_projects",
                "construction",
                "basic_utilities",
            },
        ),
        ("ASN yang melayani masyarakat secara langsung tetap diwajibkan hadir di kantor.", {"public_service_direct"}),
        ("Pegawai RSUD, Puskesmas dan Damkar dikecualikan dari WFH.", {"health", "disaster"}),
        ("WFH tidak berlaku bagi petugas Satpol PP, BPBD dan PDAM.", {"security_order", "disaster", "basic_utilities"}),
        ("Kebijakan WFH dikecualikan bagi tenaga kesehatan dan guru.", {"health", "education"}),
        (
            "Guru dan tenaga kesehatan ASN dikecualikan dari kebijakan kerja fleksibel ini karena tugasnya menuntut "
            "kehadiran fisik.",
            {"education", "health"},
        ),
        # "keamanan" as the reason for WFH is no security unit
        (
            "Pemkab Mimika menerapkan kerja dari rumah bagi ASN di distrik yang terdampak gangguan keamanan, sedangkan "
            "pegawai di Timika tetap bekerja dari kantor.",
            set(),
        ),
        ("Kepala Dinas Kesehatan menyebut tenaga kesehatan tetap bekerja di kantor.", {"health"}),
        ("Pejabat struktural dan eselon II tetap masuk kantor.", {"role:leadership"}),
        (
            "Selama WFH, pelayanan administrasi kependudukan dan perizinan tetap berjalan, "
            "kecuali pengurusan di kecamatan.",
            {"civil_registration", "licensing", "subdistrict_office"},
        ),
        # a trigger sentence ending in ':' takes its list
        (
            "Sektor yang dikecualikan dari WFH adalah:\n1. kesehatan;\n2. Satpol PP;\n3. pemadam kebakaran.\nPenutup.",
            {"health", "security_order", "disaster"},
        ),
        # a 'Seperti ...' sentence after a trigger sentence is part of it
        (
            "Beberapa OPD tidak mendapatkan WFH. Seperti Dishub dan Dinas Sosial.",
            {"transport_distribution", "social_services"},
        ),
        # longest match wins; blocked phrases are silent
        ("Bagian yang tidak mendapatkan WFH: pimpinan kegiatan.", {"role:activity_lead"}),
        ("ASN tetap bekerja di kantor dengan protokol kesehatan ketat.", set()),
        ("Unit layanan dukungan pimpinan tetap bekerja di kantor.", set()),
        # the trigger after the list ("<units> tetap full masuk", "<units> tidak ada WFH")
        ("Selama WFH berlaku, rumah sakit, puskesmas dan Satpol PP tetap full masuk.", {"health", "security_order"}),
        ('"Dishub dan BPBD tidak ada WFH, mereka siaga di lapangan," ujarnya.', {"transport_distribution", "disaster"}),
        ('"WFA hanya untuk bagian yang tidak berhubungan dengan layanan warga. Puskesmas, Satpol, sekolah itu '
         'tidak boleh," ujarnya.', {"health", "security_order", "education", "public_service_direct"}),
        # "warga" for "masyarakat", and word order ("yang langsung berhadapan dengan ...")
        ('"Yang langsung berhadapan dengan warga tetap masuk seperti biasa selama WFH," ujarnya.',
         {"public_service_direct"}),
        # the list in the next sentence, given by a speaker ("Kepala BKD menyebut ...")
        ("Unit layanan dikecualikan dari WFA. Kepala BKD menyebut RSUD, Damkar dan kantor kelurahan.",
         {"public_service_direct", "health", "disaster", "subdistrict_office"}),
        ("Selama WFH berlangsung, pegawai puskesmas tidak mendapat kelonggaran itu.", {"health"}),
        # the list in the next sentence: "Mereka adalah ..."
        ("Sejumlah unit dikecualikan dari WFA. Mereka adalah RSUD, Disdukcapil dan BPBD.",
         {"health", "civil_registration", "disaster"}),
        # a definition of the exempt services: "yang dimaksud pelayanan langsung antara lain <units>"
        ("Pegawai pelayanan langsung tidak ikut WFH. Adapun yang dimaksud dengan pelayanan itu meliputi "
         "RSUD, puskesmas, Satpol PP dan Disdukcapil.", {"public_service_direct", "health", "security_order",
                                                          "civil_registration"}),
        # a rule named earlier and pointed back at ("kebijakan tersebut", "skema ini")
        ("Pemkab memberlakukan WFH bagi ASN mulai Senin. Kata Sekda, kebijakan tersebut tak berlaku untuk "
         "petugas yang melayani masyarakat secara langsung.", {"public_service_direct"}),
        ("Pegawai boleh bekerja dari mana saja dua hari sepekan. Namun tak semua pegawai bisa ikut skema ini. "
         "Menurutnya, tenaga kesehatan di puskesmas tidak termasuk.", {"health"}),
    ],
)
def test_exemptions_phrase_table(text: str, expected: set[str]) -> None:
    assert categories(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # no trigger: a sector named in passing is no exemption
        "Rini Astuti, ASN Dinas Kesehatan Kota Bogor, setuju dengan kebijakan WFA.",
        "Ada kepala dinas, para dokter, eselon II, eselon III, hampir seluruh camat.",
        "Kecamatan Cilegon menerapkan WFH bagi pegawai.",
        # exceptions of a commuting rule are not WFH exemptions
        "Instruksi tersebut mewajibkan ASN menggunakan transportasi umum. Namun, aturan ini memberikan pengecualian "
        "bagi ASN yang sedang sakit, hamil, penyandang disabilitas, dan petugas lapangan "
        "dengan kebutuhan mobilitas khusus.",
        "Instruksi tersebut mewajibkan pegawai menggunakan angkutan umum ke kantor setiap Kamis, kecuali pegawai yang "
        "sakit, hamil, atau penyandang disabilitas.",
        # "tidak boleh" about the quality of service, not about who stays in the office
        "Penerapan WFA tidak boleh mengurangi kualitas pelayanan publik, kata Sekda.",
        # staff working from home "tetap menjalankan tugas": no one is kept in the office
        "Atasan langsung mengawasi agar staf yang WFH tetap menjalankan tugas dan mengisi presensi daring.",
        # "kebijakan tersebut" pointing back at a rule that is no work-mode rule
        "Pemkot memberlakukan ganjil genap di jalan protokol. Kebijakan tersebut tidak berlaku bagi ambulans dan "
        "mobil pemadam kebakaran.",
        # an administration unit allowed to WFH is not kept in the office
        "Untuk unit kerja yang berkaitan dengan administrasi pemerintahan, seperti kesekretariatan, maka diterapkan "
        "WFH maksimal 50 persen.",
    ],
)
def test_exemptions_traps_give_none(text: str) -> None:
    assert categories(text) == set()


def test_exemptions_offsets_map_back_to_the_full_text() -> None:
    text = "Paragraf pertama tentang lain hal.\n\nPengecualian untuk WFH adalah Rumah Sakit dan sekolah."
    spans = extract_exemptions(text, CTX)
    assert [(text[s.start : s.end], s.value.text, s.value.category) for s in spans] == [
        ("Rumah Sakit", "Rumah Sakit", "health"),
        ("sekolah", "sekolah", "education"),
    ]
    assert all(s.label == "exemption" and s.rule.startswith("exemption.") for s in spans)


def test_exemptions_only_trigger_sentences_reach_spacy() -> None:
    text = "Dinas Kesehatan sibuk. Pengecualian untuk WFH adalah rumah sakit. Sekolah libur."
    assert [text[s:e] for s, e in exemption_windows(TextDoc(text))] == [
        "Pengecualian untuk WFH adalah rumah sakit."
    ]
    assert exemption_windows(TextDoc("Tidak ada pemicu di sini. Rumah sakit buka.")) == []


def _gold(doc: dict) -> tuple[set[str], set[str]]:
    required, every = set(), set()
    for p in doc["policies"]:
        for e in p["exemptions"]:
            every.add(e["category"])
            if not (p.get("optional") or e.get("optional")):
                required.add(e["category"])
    return required, every


@pytest.mark.parametrize("gold", sorted((ROOT / "annotations" / "seeds").glob("*.json")), ids=lambda p: p.stem[:3])
def test_exemptions_seed_gold(gold: Path) -> None:
    """Every required seed exemption is found, and nothing outside the gold (optional included)."""
    doc = json.loads(gold.read_text(encoding="utf-8"))
    text = (ROOT / "corpus" / "seeds" / f"{doc['doc_id']}.txt").read_text(encoding="utf-8")
    required, every = _gold(doc)
    found = categories(text)
    assert required <= found <= every


# Issue 10, class 3 (exemptions in real reporting): invented sentences.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "ASN yang melaksanakan/memberikan pelayanan langsung" in its many forms
        ("WFH tidak berlaku bagi ASN yang memberikan pelayanan langsung kepada warga.", {"public_service_direct"}),
        ("Kebijakan WFH dikecualikan untuk ASN yang melaksanakan pelayanan secara langsung ke masyarakat.",
         {"public_service_direct"}),
        ("Selama WFA, pegawai yang bersinggungan dengan masyarakat tetap masuk kantor.", {"public_service_direct"}),
        ("ASN yang berinteraksi langsung dengan masyarakat tetap bekerja di kantor meski WFH diberlakukan.",
         {"public_service_direct"}),
        # "tetap ngantor" and OPD lists mapped to categories
        ("Pegawai RSUD, puskesmas, dan Satpol PP tetap ngantor selama WFH diberlakukan.", {"health", "security_order"}),
        ("WFH tidak berlaku bagi Dinas Kesehatan, Dinas Perhubungan, dan BPBD.",
         {"health", "transport_distribution", "disaster"}),
        ("WFH berlaku kecuali bagi tenaga kesehatan, pemadam kebakaran dan petugas kebersihan.",
         {"health", "disaster", "basic_utilities"}),
        # echelon II/III officials staying in the office
        ("Pejabat eselon II dan III tetap bekerja di kantor selama WFH.", {"role:leadership"}),
        # no work mode in view: a commuting or opening-hours sentence is no exemption
        ("Warga tetap ngantor seperti biasa karena jalan sudah dibuka.", set()),
    ],
)
def test_real_reporting_exemptions(text, expected):
    assert categories(text) == expected


# Grammar triggers a phrase list cannot spell, and names of places (regional4's first run, by class).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a negated grant of an away mode
        ("Pegawai Dinas Perhubungan dan Satpol PP tidak diberikan WFA selama arus balik.",
         {"transport_distribution", "security_order"}),
        ("Tenaga kesehatan di puskesmas tak memperoleh kesempatan bekerja dari rumah.", {"health"}),
        ("Petugas Damkar tidak mendapat izin WFH pekan ini.", {"disaster"}),
        # "tetap" + a modal + an office verb
        ("Kantor kelurahan tetap wajib bekerja dari kantor meski ada WFH.", {"subdistrict_office"}),
        ("Pegawai Disdukcapil tetap harus masuk kantor selama WFA berlangsung.", {"civil_registration"}),
        # an office rule that applies to a list
        ("Ketentuan WFO itu berlaku antara lain untuk layanan kesehatan, pemadam kebakaran, dan perizinan.",
         {"health", "disaster", "licensing"}),
        # "mengecualikan" with the away mode named in the sentence before
        ("Pegawai boleh WFA dua hari sepekan. Edaran itu mengecualikan bendahara dan CPNS.",
         {"role:treasurer", "other"}),
        # "tetap penuh", "semuanya di kantor" with the mode or the office named
        ("Selama ASN bekerja dari rumah, pelayanan di RSUD serta BPBD tetap penuh.",
         {"health", "disaster"}),
        ("Pegawai boleh WFA. Unit layanan langsung semuanya di kantor.", {"public_service_direct"}),
        # "bekerja dari kantor hingga 100 persen" with its list after a lead-in ending in ':'
        ("Unit di sektor kritikal boleh bekerja dari kantor hingga 100 persen. Sektor tersebut antara "
         "lain:\n- kesehatan;\n- energi;\n- konstruksi.", {"health", "energy", "construction"}),
        # "masuk semua" in a quote after the away mode
        ("Pegawai OPD administrasi boleh WFH. \"Yang pelayanan, puskesmas dan Satpol PP itu masuk semua,\" "
         "katanya.", {"health", "security_order"}),
        # a category word inside a facility's name is no exemption of its own
        ("ASN di RSUD Taman Guru Mulia dan puskesmas tidak diberikan WFH.", {"health"}),
    ],
)
def test_grammar_triggers_and_place_names(text, expected):
    assert categories(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a negated grant of something else, or the mode granted after all
        "Pegawai tidak diberikan tunjangan tambahan selama WFH, kata Sekda.",
        "Warga tidak perlu khawatir karena pelayanan kesehatan tetap buka di akhir pekan.",
    ],
)
def test_grammar_triggers_do_not_fire_loosely(text):
    assert categories(text) == set()
