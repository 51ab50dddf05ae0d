"""Does this paragraph state a civil-servant work-arrangement policy?

The extractors find dates, quotas and authorities wherever they occur, including in opinion
columns, legislators' reactions, surveys, appeals to private companies, school distance
learning, proposals ("wacana", "mengkaji") and refusals ("tidak memberlakukan"). The
assembler asks this module, once per document, how likely each paragraph is to *state* a
policy (an authority sets, plans or announces a WFH/WFO/WFA arrangement for its own civil
servants, per ``shared/spec/annotation-and-scoring.md``) and drops a policy whose
supporting paragraphs all score below ``POLICY_THRESHOLD``.

Two implementations of one protocol, picked by configuration (``load_classifier``):

1. ``TextcatClassifier`` (default): a spaCy ``textcat`` with a bag-of-words model
   (``spacy.TextCatBOW.v3``, exclusive classes POLICY/OTHER) trained from
   ``annotations/paragraphs.jsonl`` by ``pipeline.ml.train.train_textcat``. The committed model
   lives in ``models/policy-textcat/`` (0.3 MB; loading takes ~2 s, mostly the spaCy import;
   scoring ~0.7 ms per article). It tokenizes with ``edaran.fast_tokenizer.v1`` below, not
   ``spacy.blank("id")``: the rule-based Indonesian tokenizer costs ~7 ms per document, this
   one ~0.3 ms.
2. ``TransformerClassifier`` (optional extra ``ml``): any fine-tuned
   ``AutoModelForSequenceClassification`` checkpoint (a local directory or a hub name, e.g. an
   IndoBERT fine-tuned with ``pipeline.ml.train.train_transformer``).

Both return ``score(paragraphs) -> list[float]``: P(paragraph states a policy), in input
order. ``split_paragraphs`` is the paragraph split the training data was cut with; use it so
that the runtime sees the same units.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from extractors.textdoc import MAX_PARAGRAPH_CHARS, split_paragraphs
from pipeline.errors import ConfigError
from pipeline.ml.bundled import models_dir

__all__ = [
    "DEFAULT_MODEL_DIR",
    "MAX_PARAGRAPH_CHARS",
    "POLICY_LABEL",
    "POLICY_THRESHOLD",
    "PolicyClassifier",
    "TextcatClassifier",
    "TransformerClassifier",
    "load_classifier",
    "normalize_tokens",
    "policy_column",
    "read_model_meta",
    "split_paragraphs",
]

LOGGER = logging.getLogger(__name__)

POLICY_LABEL = "POLICY"
OTHER_LABEL = "OTHER"
LABELS = (POLICY_LABEL, OTHER_LABEL)



# The committed default model (trained by `edaran train textcat --out models/policy-textcat`).
DEFAULT_MODEL_DIR = models_dir() / "policy-textcat"

# Keep a policy when at least one of its supporting paragraphs scores >= this. Why 0.5
# (held-out figures in docs/classifier.md): it is where paragraph F1 peaks on the pooled
# grouped 5-fold (0.85) and on the seeds fold (0.78); it lies above the score of text the
# model knows nothing about (~0.43: unknown words alone never keep a policy); and at document
# level every held-out gold policy document still has a policy paragraph >= 0.76. Lower
# values buy paragraph recall but pass 2-4x the non-policy paragraphs (0.35: 19-32 % of
# them per held-out fold, 0.5: 7-10 %); 0.6 is better on the dev fold only.
POLICY_THRESHOLD = 0.5

# Paragraphs are the document's one analysis (extractors/textdoc.py): training cuts with the
# same ``split_paragraphs`` the assembler's veto scores. A "paragraph" longer than
# MAX_PARAGRAPH_CHARS (PDF text with single newlines, run-on pages) is cut at line breaks: a
# bag of words over a whole page says "policy" as soon as one clause does.
# Tokens: letter runs, digit runs (as their shape: "2024" -> "0000", at most 4 digits, so
# "16/4/2024" and "21/8/2023" share features), quotation marks (all styles -> '"': quotes
# separate what people say from what a rule says), "?" and "%". Other punctuation carried no
# signal in held-out tests (dev/seeds F1 +0.02-0.05 without it).
_TOKEN_RE = re.compile(r"[^\W\d_]+|\d+|[\"?%]")
_LONG_DIGITS_RE = re.compile(r"[0-9]{5,}")
# One C-level pass: ASCII digits -> "0", every quotation-mark style -> '"'.
_TRANSLATE = str.maketrans({**{str(d): "0" for d in range(10)}, **{q: '"' for q in "\u201c\u201d\u201e\u00ab\u00bb"}})


@runtime_checkable
class PolicyClassifier(Protocol):
    """Scores paragraphs: probability that each states a civil-servant work-arrangement policy."""

    name: str

    def score(self, paragraphs: list[str]) -> list[float]:
        """One probability in [0, 1] per paragraph, in input order; [] for []."""
        ...


# --- paragraphs and tokens ---------------------------------------------------------------


def normalize_tokens(text: str) -> list[str]:
    """The classifier's tokens: lower-cased letter runs, digit runs as '0'*n (n <= 4), '"'
    for any quotation mark, '?' and '%'. Shared by training and inference (the spaCy
    tokenizer below)."""
    return _TOKEN_RE.findall(_LONG_DIGITS_RE.sub("0000", text.lower()).translate(_TRANSLATE))


# --- spaCy textcat -----------------------------------------------------------------------


def _register_spacy_tokenizer() -> None:
    """Register ``edaran.fast_tokenizer.v1`` so that ``spacy.load`` can rebuild our models."""
    from spacy.tokens import Doc
    from spacy.util import registry

    if "edaran.fast_tokenizer.v1" in registry.tokenizers:
        return

    class FastTokenizer:
        """``normalize_tokens`` as a spaCy tokenizer (no exceptions, no affix rules)."""

        def __init__(self, vocab: Any) -> None:
            self.vocab = vocab

        def __call__(self, text: str) -> Doc:
            words = normalize_tokens(text)
            return Doc(self.vocab, words=words, spaces=[True] * len(words))

        def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterable[Doc]:
            for text in texts:
                yield self(text)

        # Nothing to save: the behaviour is all in code, versioned by the registered name.
        def to_bytes(self, **_: Any) -> bytes:
            return b"{}"

        def from_bytes(self, _data: bytes, **_: Any) -> FastTokenizer:
            return self

        def to_disk(self, path: str | Path, **_: Any) -> None:
            Path(path).write_text('{"tokenizer": "edaran.fast_tokenizer.v1"}\n', encoding="utf-8")

        def from_disk(self, _path: str | Path, **_: Any) -> FastTokenizer:
            return self

    def make_fast_tokenizer() -> Any:
        def create(nlp: Any) -> FastTokenizer:
            return FastTokenizer(nlp.vocab)

        return create

    registry.tokenizers.register("edaran.fast_tokenizer.v1", func=make_fast_tokenizer)


class TextcatClassifier:
    """The default classifier: a spaCy textcat (bag of words) loaded from a model directory."""

    def __init__(self, model_dir: str | Path) -> None:
        from extractors.nlp import import_spacy

        spacy = import_spacy()
        _register_spacy_tokenizer()
        model_dir = Path(model_dir)
        try:
            self.nlp = spacy.load(model_dir)
        except (OSError, ValueError, KeyError) as exc:
            raise ConfigError(
                f"cannot load the spaCy textcat model in {model_dir}: {exc}",
                hint="train one with `python -m pipeline.ml.train textcat --out DIR`",
            ) from exc
        if "textcat" not in self.nlp.pipe_names:
            raise ConfigError(f"{model_dir} has no 'textcat' pipe", hint="point to a model made by train_textcat")
        textcat: Any = self.nlp.get_pipe("textcat")
        self.textcat = textcat
        labels = list(textcat.labels)
        if POLICY_LABEL not in labels:
            raise ConfigError(f"{model_dir}: textcat labels {labels} lack {POLICY_LABEL}")
        self._col = labels.index(POLICY_LABEL)
        meta = self.nlp.meta
        self.name = f"textcat:{meta.get('name', model_dir.name)}-{meta.get('version', '0')}"
        self.model_dir = model_dir

    def score(self, paragraphs: list[str]) -> list[float]:
        if not paragraphs:
            return []
        tokenizer = self.nlp.tokenizer
        docs = [tokenizer(p) for p in paragraphs]
        # A paragraph without tokens ("", "***") supports nothing, and spaCy's n-gram layer
        # cannot take an empty doc: it scores 0.0 without the model.
        idx = [i for i, d in enumerate(docs) if len(d)]
        out = [0.0] * len(docs)
        if idx:
            # One forward pass for the whole document: predict() on the batch, no nlp.pipe
            # overhead (per-doc annotation objects are not needed).
            scores = self.textcat.model.ops.to_numpy(self.textcat.predict([docs[i] for i in idx]))
            for i, row in zip(idx, scores, strict=True):
                out[i] = float(row[self._col])
        return out


# --- transformers (optional extra "ml") -----------------------------------------------------


class TransformerClassifier:
    """A fine-tuned ``AutoModelForSequenceClassification`` (local directory or hub name)."""

    def __init__(
        self,
        model: str | Path,
        *,
        max_length: int = 256,
        batch_size: int = 16,
        device: str = "cpu",
        threads: int | None = None,
    ) -> None:
        try:
            import torch
            from transformers import AutoModelForSequenceClassification, AutoTokenizer
        except ImportError as exc:
            raise ConfigError(
                "classifier 'transformers' needs torch and transformers",
                hint="pip install -e '.[ml]'",
            ) from exc
        if threads:
            torch.set_num_threads(threads)
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(str(model))
            self.model = AutoModelForSequenceClassification.from_pretrained(str(model))
        except (OSError, ValueError) as exc:
            raise ConfigError(
                f"cannot load a sequence-classification model from {model}: {exc}",
                hint="give a local directory made by `python -m pipeline.ml.train transformer`, or a model name "
                "reachable from this machine",
            ) from exc
        self.model.to(device)
        self.model.eval()
        self.device = device
        self.max_length = max_length
        self.batch_size = batch_size
        self._col = policy_column(self.model.config)
        self._token_types = "token_type_ids" in _model_inputs(self.model)
        self.name = f"transformers:{model}"
        self._torch = torch

    def score(self, paragraphs: list[str]) -> list[float]:
        if not paragraphs:
            return []
        torch = self._torch
        # Same rule as the textcat: a paragraph without a word or number supports nothing.
        idx = [i for i, p in enumerate(paragraphs) if normalize_tokens(p)]
        texts = [paragraphs[i] for i in idx]
        scores: list[float] = []
        with torch.inference_mode():
            for i in range(0, len(texts), self.batch_size):
                batch = self.tokenizer(
                    texts[i : i + self.batch_size],
                    padding=True,
                    truncation=True,
                    max_length=self.max_length,
                    return_tensors="pt",
                ).to(self.device)
                if not self._token_types:
                    batch.pop("token_type_ids", None)
                logits = self.model(**batch).logits
                probs = torch.softmax(logits.float(), dim=-1)[:, self._col]
                scores.extend(float(p) for p in probs.cpu())
        out = [0.0] * len(paragraphs)
        for i, x in zip(idx, scores, strict=True):
            out[i] = x
        return out


def _model_inputs(model: Any) -> set[str]:
    import inspect

    return set(inspect.signature(model.forward).parameters)


def policy_column(config: Any) -> int:
    """Index of the POLICY logit: from ``label2id`` when the checkpoint names its labels,
    else 1 (the convention ``train_transformer`` writes: 0 = OTHER, 1 = POLICY)."""
    label2id = {str(k).upper(): int(v) for k, v in (getattr(config, "label2id", None) or {}).items()}
    if POLICY_LABEL in label2id:
        return label2id[POLICY_LABEL]
    return 1


# --- configuration -----------------------------------------------------------------------

_OFF = {"off", "none", "false", "0", "no", ""}


def load_classifier(settings_or_path: Any = None) -> PolicyClassifier | None:
    """The configured classifier, or None when switched off. Call once per process.

    ``settings_or_path`` is one of:

    - ``None`` or ``"default"``: the committed textcat (``models/policy-textcat``); a
      ConfigError if it is missing (a broken install must not silently change results).
    - ``"none"`` / ``"off"`` (or ``""``): None, no classifier.
    - ``"transformers:<dir or model name>"``: a fine-tuned sequence-classification model.
    - a path (str or ``Path``) to a model directory: a spaCy pipeline (has ``config.cfg``)
      loads as textcat, a transformers checkpoint (has ``config.json``) as transformers.
    - a settings object or mapping with ``classifier`` (one of the strings above, or
      ``"textcat"`` / ``"transformers"``) and ``classifier_model`` (a directory, or for
      transformers also a model name); optional ``classifier_max_length``,
      ``classifier_batch_size``.
    """
    if settings_or_path is None:
        return _load_default()
    if isinstance(settings_or_path, os.PathLike):
        return _load_path(Path(settings_or_path))
    if isinstance(settings_or_path, str):
        return _load_spec(settings_or_path)
    spec = str(_setting(settings_or_path, "classifier", "textcat") or "off").strip()
    kind = spec.lower()
    model = _setting(settings_or_path, "classifier_model", None)
    if kind in _OFF:
        return None
    if not model and kind not in _KINDS:
        return _load_spec(spec)  # "default", "transformers:<name>" or a path, as a plain string
    if kind in {"textcat", "spacy", "default"}:
        return TextcatClassifier(model) if model else _load_default()
    if kind in {"transformers", "transformer", "hf"}:
        if not model:
            raise ConfigError(
                "classifier = 'transformers' needs classifier_model",
                hint="set classifier_model to a fine-tuned checkpoint directory or model name",
            )
        return TransformerClassifier(
            model,
            max_length=int(_setting(settings_or_path, "classifier_max_length", 256)),
            batch_size=int(_setting(settings_or_path, "classifier_batch_size", 16)),
        )
    raise ConfigError(f"unknown classifier {kind!r}", hint="use 'textcat', 'transformers' or 'off'")


_KINDS = {"textcat", "spacy", "default", "transformers", "transformer", "hf"}
_TRANSFORMERS_PREFIXES = ("transformers:", "transformer:", "hf:")


def _load_spec(spec: str) -> PolicyClassifier | None:
    """A classifier named by one string (CLI option, TOML value)."""
    text = spec.strip()
    low = text.lower()
    if low in _OFF:
        return None
    if low in {"default", "textcat", "spacy"}:
        return _load_default()
    for prefix in _TRANSFORMERS_PREFIXES:
        if low.startswith(prefix):
            name = text[len(prefix) :].strip()
            if not name:
                raise ConfigError(f"{spec!r} names no model", hint="write transformers:<directory or model name>")
            return TransformerClassifier(name)
    return _load_path(Path(text))


def _setting(settings: Any, key: str, default: Any) -> Any:
    if isinstance(settings, Mapping):
        return settings.get(key, default)
    return getattr(settings, key, default)


def _load_default() -> PolicyClassifier:
    if not (DEFAULT_MODEL_DIR / "config.cfg").is_file():
        raise ConfigError(
            f"the bundled policy classifier is missing: no {DEFAULT_MODEL_DIR / 'config.cfg'}",
            hint="reinstall edaran (the model is package data), retrain it with "
            "`edaran train textcat --out models/policy-textcat`, or run without it: --classifier none",
        )
    return TextcatClassifier(DEFAULT_MODEL_DIR)


def _load_path(path: Path) -> PolicyClassifier:
    if (path / "config.cfg").is_file():
        return TextcatClassifier(path)
    if (path / "config.json").is_file():
        return TransformerClassifier(path)
    if path.exists():
        raise ConfigError(f"{path} is neither a spaCy model (config.cfg) nor a transformers checkpoint (config.json)")
    raise ConfigError(f"classifier model {path} does not exist", hint="check classifier_model in the settings")


def read_model_meta(model_dir: str | Path) -> dict[str, Any]:
    """The training metrics stored beside a model (``edaran_metrics.json``), or {}."""
    p = Path(model_dir) / "edaran_metrics.json"
    return json.loads(p.read_text(encoding="utf-8")) if p.is_file() else {}
