"""pipeline.ml.classify: paragraph split, tokens, the committed textcat, configuration, speed."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from pipeline.errors import ConfigError
from pipeline.ml import classify
from pipeline.ml.classify import (
    DEFAULT_MODEL_DIR,
    POLICY_THRESHOLD,
    PolicyClassifier,
    TextcatClassifier,
    load_classifier,
    normalize_tokens,
    split_paragraphs,
)


@pytest.fixture(scope="module")
def default_clf() -> TextcatClassifier:
    clf = load_classifier(None)
    assert isinstance(clf, TextcatClassifier)
    return clf


# --- split_paragraphs --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("   \n\n  ", []),
        ("Satu paragraf.", ["Satu paragraf."]),
        ("Judul\n\nIsi pertama.\n\nIsi kedua.", ["Judul", "Isi pertama.", "Isi kedua."]),
        ("A baris satu\nA baris dua\n\nB", ["A baris satu\nA baris dua", "B"]),
        ("A\n \n\u00a0\nB", ["A", "B"]),  # whitespace-only and nbsp-only lines are blank lines
        ("A\r\n\r\nB", ["A", "B"]),
        ("  A  \n\n\n\n  B  ", ["A", "B"]),
    ],
)
def test_split_paragraphs_blank_lines(text, expected):
    spans = split_paragraphs(text)
    assert [text[s:e] for s, e in spans] == expected


def test_split_paragraphs_cuts_long_blocks_at_line_breaks():
    lines = [f"{i}. Pegawai melaksanakan tugas kedinasan dari rumah pada hari ke-{i};" for i in range(1, 60)]
    text = "Judul\n\n" + "\n".join(lines)
    spans = split_paragraphs(text, max_chars=400)
    pieces = [text[s:e] for s, e in spans]
    assert pieces[0] == "Judul"
    assert len(pieces) > 3
    assert all(len(p) <= 400 for p in pieces)
    assert "\n".join(pieces[1:]) == "\n".join(lines)  # nothing lost, nothing duplicated


def test_split_paragraphs_keeps_one_overlong_line_whole():
    line = "kata " * 400
    text = f"{line}\n{line}"
    pieces = [text[s:e] for s, e in split_paragraphs(text, max_chars=300)]
    assert pieces == [line.strip(), line.strip()]


@pytest.mark.parametrize("path", sorted(Path(__file__).resolve().parents[2].glob("corpus/**/*.txt"))[:5])
def test_split_paragraphs_offsets_point_into_text(path):
    text = path.read_text(encoding="utf-8")
    for s, e in split_paragraphs(text):
        assert text[s:e] == text[s:e].strip() and text[s:e]


# --- tokens --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("WFH 50 Persen", ["wfh", "00", "persen"]),
        ("Senin (21/8/2023)", ["senin", "00", "0", "0000"]),
        ("1234567 orang", ["0000", "orang"]),
        ("“Kami terapkan,” katanya.", ['"', "kami", "terapkan", '"', "katanya"]),
        ('"Benarkah?"', ['"', "benarkah", "?", '"']),
        ("100 % WFO", ["000", "%", "wfo"]),
        ("Pemkot\u00a0Tangsel, WFH-WFO; (ASN)!", ["pemkot", "tangsel", "wfh", "wfo", "asn"]),
        ("***", []),
    ],
)
def test_normalize_tokens(text, tokens):
    assert normalize_tokens(text) == tokens


# --- the committed textcat ---------------------------------------------------------------


def test_default_model_is_committed_and_small():
    assert (DEFAULT_MODEL_DIR / "config.cfg").is_file()
    size = sum(p.stat().st_size for p in DEFAULT_MODEL_DIR.rglob("*") if p.is_file())
    assert size < 400_000, f"default model is {size} bytes; keep it a few hundred KB"


def test_default_model_was_trained_for_this_threshold():
    meta = json.loads((DEFAULT_MODEL_DIR / "meta.json").read_text(encoding="utf-8"))
    assert meta["edaran"]["threshold"] == POLICY_THRESHOLD, "retrain after changing POLICY_THRESHOLD"
    assert 0.0 < POLICY_THRESHOLD < 1.0


def test_default_classifier_protocol(default_clf):
    assert isinstance(default_clf, PolicyClassifier)
    assert default_clf.name.startswith("textcat:")
    assert default_clf.score([]) == []


def test_score_keeps_order_and_range(default_clf):
    texts = [
        "Pemkot Bogor menerapkan WFH bagi ASN mulai Senin.",
        "Pemkot Bogor masih mengkaji WFH bagi ASN.",
        "Tags",
    ]
    scores = default_clf.score(texts)
    assert len(scores) == 3 and all(0.0 <= s <= 1.0 for s in scores)
    assert default_clf.score(texts[::-1]) == pytest.approx(scores[::-1])
    assert default_clf.score(texts[:1]) == pytest.approx(scores[:1])  # batching does not change a score


@pytest.mark.parametrize("text", ["", "   ", "***", "•\n•", "--"])
def test_score_paragraph_without_tokens_is_zero(default_clf, text):
    assert default_clf.score([text, "Pemkab Sleman menerapkan WFH bagi ASN."])[0] == 0.0


# Phrases written for this test (none in annotations/): rules vs. look-alikes.
POLICY_PHRASES = [
    "Pemkab Temanggung memberlakukan WFH bagi ASN pada 2 dan 3 Januari 2025, kecuali pegawai RSUD dan puskesmas.",
    "Wali Kota Cilegon menetapkan 40 persen ASN bekerja dari rumah mulai Senin (14/9/2020) selama dua minggu.",
    '"Mulai besok ASN yang tidak melayani publik bekerja dari rumah, surat edarannya sudah terbit," '
    "kata Bupati Brebes.",
    "Pemprov Bengkulu menerapkan kerja fleksibel bagi ASN setiap Jumat sejak Maret 2025.",
    "Surat Edaran Gubernur Kalimantan Tengah Nomor 800/120/2023 mengatur pelaksanaan WFH bagi ASN selama kabut asap.",
    "ASN Pemkot Kediri Kerja dari Rumah Dua Hari Usai Libur Natal",
    "Pegawai yang bertugas di Satpol PP, BPBD, dan pemadam kebakaran dikecualikan dari WFH dan tetap masuk kantor.",
    "Kementerian PANRB mengizinkan instansi pemerintah menerapkan WFA bagi pegawai pada 7 dan 8 April 2026.",
    "Pemkab Sumenep menetapkan pegawai bekerja dari rumah secara bergantian, paling banyak separuh pegawai per hari.",
    "Mulai pekan depan, ASN Pemkot Palangka Raya bekerja dari rumah setiap Rabu sesuai peraturan wali kota.",
    "Pemkot Tomohon memberlakukan WFH bagi ASN selama erupsi Gunung Lokon hingga status gunung diturunkan.",
    "Gubernur Aceh menginstruksikan ASN di kabupaten terdampak banjir bekerja dari rumah sampai 12 Desember.",
]
OTHER_PHRASES = [
    "Pemkab Temanggung masih mengkaji kemungkinan WFH bagi ASN setelah libur Natal.",  # proposal
    "Anggota DPRD Kota Kediri menilai WFH bagi ASN hanya membuat pelayanan semakin lambat.",  # reaction
    "Survei lembaga independen menyebut 70 persen warga tidak setuju ASN bekerja dari rumah.",  # survey
    "Pemprov Bengkulu mengimbau perusahaan swasta memberlakukan WFH bagi karyawannya selama kabut asap.",  # private
    "Siswa SD di Palangka Raya belajar dari rumah selama tiga hari karena kabut asap.",  # school
    "Pemkot Tomohon tidak memberlakukan WFH meski status Gunung Lokon naik, dan ASN tetap masuk seperti biasa.",
    "Pada hari pertama kerja, 92 persen ASN Pemkab Sumenep hadir di kantor, kata Kepala BKPSDM.",  # observation
    "Kasus Covid-19 di Kota Kediri bertambah 35 orang, sehingga total kasus aktif menjadi 410.",
    "Menurut pengamat, kebijakan kerja fleksibel bagi ASN perlu disertai pengawasan yang ketat.",  # opinion
    "Ratusan ASN Kementerian Agama akan pindah ke IKN pada akhir tahun ini.",  # relocation
    "Bupati Brebes belum memutuskan apakah ASN akan bekerja dari rumah saat arus balik.",  # undecided
    '"Saya lebih produktif kalau kerja di kantor," kata Andi, ASN di Dinas Pertanian.',  # vox pop
]


@pytest.mark.parametrize("text", POLICY_PHRASES)
def test_textcat_policy_phrases_pass_threshold(default_clf, text):
    assert default_clf.score([text])[0] >= POLICY_THRESHOLD


@pytest.mark.parametrize("text", OTHER_PHRASES)
def test_textcat_lookalike_phrases_stay_below_threshold(default_clf, text):
    assert default_clf.score([text])[0] < POLICY_THRESHOLD


# --- load_classifier -----------------------------------------------------------------------


def test_load_classifier_from_path(tmp_path):
    clf = load_classifier(str(DEFAULT_MODEL_DIR))
    assert isinstance(clf, TextcatClassifier)
    assert load_classifier(DEFAULT_MODEL_DIR).score(["ASN WFH"]) == pytest.approx(clf.score(["ASN WFH"]))


@pytest.mark.parametrize("spec", ["default", "DEFAULT", "textcat", " default "])
def test_load_classifier_default_by_name(spec):
    assert isinstance(load_classifier(spec), TextcatClassifier)


@pytest.mark.parametrize("spec", ["none", "off", "", "None"])
def test_load_classifier_off_by_name(spec):
    assert load_classifier(spec) is None


def test_load_classifier_with_run_settings():
    """The run's Settings object: classifier is 'default', a model path, or None."""
    settings_mod = pytest.importorskip("pipeline.settings")
    assert isinstance(load_classifier(settings_mod.Settings()), TextcatClassifier)
    assert isinstance(load_classifier(settings_mod.Settings(classifier=str(DEFAULT_MODEL_DIR))), TextcatClassifier)
    assert load_classifier(settings_mod.Settings(classifier=None)) is None


@pytest.mark.parametrize("spec", ["transformers:", "hf:  "])
def test_load_classifier_transformers_spec_needs_a_name(spec):
    with pytest.raises(ConfigError, match="names no model"):
        load_classifier(spec)


@pytest.mark.parametrize(
    "settings",
    [
        {"classifier": "off"},
        {"classifier": "none"},
        {"classifier": None},
        SimpleNamespace(classifier="OFF", classifier_model="whatever"),
    ],
)
def test_load_classifier_switched_off(settings):
    assert load_classifier(settings) is None


@pytest.mark.parametrize(
    "settings",
    [
        {},
        {"classifier": "textcat"},
        SimpleNamespace(classifier="spacy", classifier_model=None),
        SimpleNamespace(classifier="textcat", classifier_model=str(DEFAULT_MODEL_DIR)),
        SimpleNamespace(classifier="default"),
        {"classifier": str(DEFAULT_MODEL_DIR)},
    ],
)
def test_load_classifier_textcat_settings(settings):
    assert isinstance(load_classifier(settings), TextcatClassifier)


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"classifier": "svm", "classifier_model": "m"}, "unknown classifier"),
        ({"classifier": "svm"}, "does not exist"),  # a lone string is a path, as in Settings.classifier
        ({"classifier": "transformers"}, "needs classifier_model"),
        ({"classifier": "textcat", "classifier_model": "/nonexistent/model"}, "cannot load"),
    ],
)
def test_load_classifier_bad_settings(settings, message):
    with pytest.raises(ConfigError, match=message):
        load_classifier(settings)


def test_load_classifier_missing_path_is_config_error(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_classifier(tmp_path / "nope")
    with pytest.raises(ConfigError, match="neither a spaCy model"):
        load_classifier(tmp_path)


def test_load_classifier_default_missing_fails_loudly(monkeypatch, tmp_path):
    """A broken install must not silently change results (issue 13): no model, no run."""
    monkeypatch.setattr(classify, "DEFAULT_MODEL_DIR", tmp_path / "gone")
    with pytest.raises(ConfigError, match=r"classifier is missing.*--classifier none"):
        load_classifier(None)
    with pytest.raises(ConfigError, match="classifier is missing"):
        load_classifier("default")


def test_transformers_classifier_without_torch_is_config_error(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "torch", None)  # import torch -> ImportError
    with pytest.raises(ConfigError, match=r"\.\[ml\]"):
        load_classifier({"classifier": "transformers", "classifier_model": str(tmp_path)})


@pytest.mark.parametrize(
    ("label2id", "column"),
    [
        ({"OTHER": 0, "POLICY": 1}, 1),
        ({"POLICY": 0, "OTHER": 1}, 0),
        ({"policy": 2, "other": 0, "x": 1}, 2),
        ({"LABEL_0": 0, "LABEL_1": 1}, 1),
        (None, 1),
    ],
)
def test_policy_column(label2id, column):
    assert classify.policy_column(SimpleNamespace(label2id=label2id)) == column
