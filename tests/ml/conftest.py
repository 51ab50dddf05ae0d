"""Fixtures for the paragraph classifiers (local to tests/ml).

Nothing here touches the network: the hub is switched off before transformers can be
imported, and the transformer tests use a tiny BERT built from a config with a WordPiece
vocabulary trained on the annotation texts.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Read by huggingface_hub at import time, so set before any test imports transformers.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

REPO = Path(__file__).resolve().parents[2]
ANNOTATIONS = REPO / "annotations"


@pytest.fixture(scope="session")
def annotations_dir() -> Path:
    return ANNOTATIONS


@pytest.fixture(scope="session")
def all_examples():
    from pipeline.ml.train import load_examples

    return load_examples([ANNOTATIONS], [])


@pytest.fixture(scope="session")
def small_examples(all_examples):
    """~120 paragraphs, both labels, from all corpora: enough to train in a second."""
    pos = [e for e in all_examples if e.is_policy and not e.optional][::5]
    neg = [e for e in all_examples if not e.is_policy and not e.optional][::7]
    return pos + neg


@pytest.fixture
def write_annotations(tmp_path):
    """Write paragraph rows to tmp_path/ann/paragraphs.jsonl; returns the directory."""
    import json

    def write(rows, name="paragraphs.jsonl"):
        d = tmp_path / "ann"
        d.mkdir(exist_ok=True)
        with (d / name).open("w", encoding="utf-8") as fh:
            for r in rows:
                fh.write((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n")
        return d

    return write


@pytest.fixture(scope="session")
def tiny_base(tmp_path_factory, all_examples) -> Path:
    """A randomly initialised 2-layer BERT (hidden 32) + a 600-piece WordPiece tokenizer trained
    on the annotation texts, saved like a hub checkpoint. Skips where torch is missing."""
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    tokenizers = pytest.importorskip("tokenizers")
    from transformers import BertConfig, BertForSequenceClassification, PreTrainedTokenizerFast

    tok = tokenizers.Tokenizer(tokenizers.models.WordPiece(unk_token="[UNK]"))
    tok.normalizer = tokenizers.normalizers.BertNormalizer(lowercase=True)
    tok.pre_tokenizer = tokenizers.pre_tokenizers.BertPreTokenizer()
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    tok.train_from_iterator(
        [e.text for e in all_examples],
        tokenizers.trainers.WordPieceTrainer(vocab_size=600, special_tokens=specials, show_progress=False),
    )
    tok.post_processor = tokenizers.processors.TemplateProcessing(
        single="[CLS] $A [SEP]",
        pair="[CLS] $A [SEP] $B [SEP]",
        special_tokens=[("[CLS]", tok.token_to_id("[CLS]")), ("[SEP]", tok.token_to_id("[SEP]"))],
    )
    tok.decoder = tokenizers.decoders.WordPiece()
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tok,
        unk_token="[UNK]",
        pad_token="[PAD]",
        cls_token="[CLS]",
        sep_token="[SEP]",
        mask_token="[MASK]",
        model_max_length=128,
    )
    config = BertConfig(
        vocab_size=fast.vocab_size,
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=128,
        num_labels=2,
    )
    import torch

    torch.manual_seed(0)
    out = tmp_path_factory.mktemp("tiny-bert")
    BertForSequenceClassification(config).save_pretrained(out)
    fast.save_pretrained(out)
    return out
