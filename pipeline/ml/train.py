"""Train the paragraph classifiers of ``pipeline.ml.classify`` from ``annotations/``.

Training data (``load_examples``):

1. every ``paragraphs.jsonl`` in the annotation directories: one paragraph a line,
   ``{"text", "label": "POLICY"|"OTHER", "source": doc_id|"written", "corpus": "seeds"|"dev"|
   "written", "optional": true?}`` (optional = a reader could go either way: trained on,
   never evaluated on);
2. documents whose gold file (``<doc_id>.json`` anywhere under the annotation directories)
   has no policy at all and whose text ``<doc_id>.txt`` is in a corpus directory, but which
   are not in any ``paragraphs.jsonl`` yet: all their paragraphs are OTHER (corpus
   "derived"). So a newly annotated negative document adds training data by itself.

Training hygiene: the written held-out and blind sets (``UNSEEN_SETS``) measure unseen text,
so nothing from them is ever a training example: gold files and texts under a folder named
``heldout`` or ``blind`` are skipped, and so is a paragraph row whose ``corpus`` or
``source`` names one of their documents (``tests/ml/test_train.py`` checks it). Training
material is seeds, dev, dev2 and the written paragraphs.

Two trainers, both deterministic for a fixed seed:

- ``train_textcat`` -> a spaCy pipeline directory (the committed ``models/policy-textcat``).
  Bag-of-words, a few seconds on 2 cores.
- ``train_transformer`` -> a transformers checkpoint directory, fine-tuned from a base
  model (``bert-base``-like, e.g. an IndoBERT a user has). Needs the ``ml`` extra.

Both write ``edaran_metrics.json`` beside the model and return the same dict. CLI:
``python -m pipeline.ml.train textcat --out models/policy-textcat`` and
``python -m pipeline.ml.train transformer BASE --out DIR``.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import ConfigError
from pipeline.ml.classify import (
    LABELS,
    OTHER_LABEL,
    POLICY_LABEL,
    POLICY_THRESHOLD,
    _register_spacy_tokenizer,
    split_paragraphs,
)
from pipeline.ml.fit import fit_epochs

__all__ = [
    "ParagraphExample",
    "binary_metrics",
    "cross_evaluate_textcat",
    "kfold_evaluate_textcat",
    "load_examples",
    "main",
    "train_textcat",
    "train_transformer",
    "unseen_doc_ids",
]

LOGGER = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parents[2]
# Folders (annotation or corpus) whose documents never train anything: they measure unseen text.
UNSEEN_SETS = frozenset({"heldout", "blind", "regional", "regional2", "regional3", "regional4", "regional5",
                         "regional6"})
DEFAULT_ANNOTATIONS = (REPO_ROOT / "annotations",)
DEFAULT_CORPORA = (REPO_ROOT / "corpus", REPO_ROOT.parent / "shared" / "corpus")

# Textcat hyper-parameters (swept on the held-out folds, docs/classifier.md):
# 12 epochs: held-out F1 flat from 5 to 20 epochs; the training fit is perfect by 12.
TEXTCAT_EPOCHS = 12
# Unigrams + bigrams: bigrams carry "tidak memberlakukan", "masih mengkaji", "paling banyak".
TEXTCAT_NGRAMS = 2
# 2**15 hashed feature rows x 2 classes x float32 = 256 KB on disk; 2**18 (spaCy's default)
# gains 0.00-0.03 held-out F1 at 8x the size.
TEXTCAT_LENGTH = 2**15
TEXTCAT_DROPOUT = 0.1  # no effect on the BOW model (no dropout layer); used if the architecture changes
TEXTCAT_BATCH = 16


@dataclass(frozen=True)
class ParagraphExample:
    text: str
    label: str  # POLICY | OTHER
    source: str  # doc_id, or "written"
    corpus: str  # "seeds" | "dev" | "written" | "derived" | ...
    optional: bool = False

    @property
    def is_policy(self) -> bool:
        return self.label == POLICY_LABEL


# --- data ----------------------------------------------------------------------------------


def load_examples(
    annotation_dirs: Iterable[str | Path], corpus_dirs: Iterable[str | Path] = ()
) -> list[ParagraphExample]:
    """All labelled paragraphs (see the module docstring), de-duplicated by text: the first
    occurrence wins; a duplicate with the other label makes it optional."""
    ann_dirs = [Path(d) for d in annotation_dirs]
    text_dirs = [Path(d) for d in corpus_dirs]
    unseen = unseen_doc_ids(ann_dirs, text_dirs)
    examples: list[ParagraphExample] = []
    for path in _paragraph_files(ann_dirs):
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                    label = str(row["label"]).upper()
                    text = str(row["text"])
                except (ValueError, KeyError) as exc:
                    raise ConfigError(f"{path}:{n}: not a paragraph annotation ({exc})") from exc
                if label not in LABELS:
                    raise ConfigError(f"{path}:{n}: label {label!r} is not one of {LABELS}")
                if str(row.get("corpus")) in UNSEEN_SETS or str(row.get("source")) in unseen:
                    continue  # held-out / blind text never trains
                examples.append(
                    ParagraphExample(
                        text=text,
                        label=label,
                        source=str(row.get("source", "written")),
                        corpus=str(row.get("corpus") or ("written" if row.get("source") == "written" else "unknown")),
                        optional=bool(row.get("optional", False)),
                    )
                )
    examples.extend(_derived_negatives(ann_dirs, text_dirs, {e.source for e in examples} | unseen))
    return _dedupe(examples)


def _is_unseen(path: Path) -> bool:
    return any(part in UNSEEN_SETS for part in path.parts)


def unseen_doc_ids(annotation_dirs: Iterable[str | Path], corpus_dirs: Iterable[str | Path] = ()) -> set[str]:
    """Document ids of the held-out and blind sets: gold files and texts under a folder
    named in ``UNSEEN_SETS`` (inside or equal to the given directories)."""
    out: set[str] = set()
    for d in [Path(x) for x in annotation_dirs]:
        if d.is_dir():
            out.update(p.stem for p in d.rglob("*.json") if _is_unseen(p))
    for d in [Path(x) for x in corpus_dirs]:
        if d.is_dir():
            out.update(p.stem for p in d.rglob("*.txt") if _is_unseen(p))
    return out


def _paragraph_files(dirs: Sequence[Path]) -> list[Path]:
    files: list[Path] = []
    for d in dirs:
        if d.is_file():
            files.append(d)
        elif d.is_dir():
            files.extend(p for p in sorted(d.rglob("paragraphs*.jsonl")) if not _is_unseen(p))
    return files


def _derived_negatives(
    annotation_dirs: Sequence[Path], corpus_dirs: Sequence[Path], covered: set[str]
) -> list[ParagraphExample]:
    texts: dict[str, Path] = {}
    for c in corpus_dirs:
        if c.is_dir():
            for t in sorted(c.rglob("*.txt")):
                if not _is_unseen(t):
                    texts.setdefault(t.stem, t)
    out: list[ParagraphExample] = []
    for d in annotation_dirs:
        if not d.is_dir():
            continue
        for gold_path in sorted(d.rglob("*.json")):
            if _is_unseen(gold_path):
                continue
            try:
                gold = json.loads(gold_path.read_text(encoding="utf-8"))
            except ValueError:
                continue
            if not isinstance(gold, dict) or "policies" not in gold or gold["policies"]:
                continue
            doc_id = str(gold.get("doc_id") or gold_path.stem)
            if doc_id in covered or doc_id not in texts:
                continue
            covered.add(doc_id)
            text = texts[doc_id].read_text(encoding="utf-8")
            out.extend(ParagraphExample(text[s:e], OTHER_LABEL, doc_id, "derived") for s, e in split_paragraphs(text))
    return out


def _dedupe(examples: list[ParagraphExample]) -> list[ParagraphExample]:
    seen: dict[str, int] = {}
    out: list[ParagraphExample] = []
    for ex in examples:
        key = " ".join(ex.text.split()).lower()
        if key in seen:
            first = out[seen[key]]
            if first.label != ex.label and not first.optional:
                LOGGER.warning("conflicting labels for %r: kept %s as optional", ex.text[:60], first.label)
                out[seen[key]] = ParagraphExample(first.text, first.label, first.source, first.corpus, True)
            continue
        seen[key] = len(out)
        out.append(ex)
    return out


# --- metrics -------------------------------------------------------------------------------


def binary_metrics(gold: Sequence[bool], scores: Sequence[float], threshold: float = 0.5) -> dict[str, float]:
    """Accuracy and POLICY precision/recall/F1 at ``threshold``."""
    tp = sum(1 for g, s in zip(gold, scores, strict=True) if g and s >= threshold)
    fp = sum(1 for g, s in zip(gold, scores, strict=True) if not g and s >= threshold)
    fn = sum(1 for g, s in zip(gold, scores, strict=True) if g and s < threshold)
    tn = len(gold) - tp - fp - fn
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "n": len(gold),
        "positives": tp + fn,
        "accuracy": round((tp + tn) / len(gold), 4) if gold else 0.0,
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
        "threshold": threshold,
    }


def _evaluate(score_fn: Any, examples: Sequence[ParagraphExample]) -> dict[str, Any]:
    scored = [e for e in examples if not e.optional]
    scores = score_fn([e.text for e in scored]) if scored else []
    gold = [e.is_policy for e in scored]
    return _summary(gold, scores)


SWEEP = (0.2, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7)


def _summary(gold: Sequence[bool], scores: Sequence[float]) -> dict[str, Any]:
    """Metrics at 0.5 and at POLICY_THRESHOLD, plus F1 / recall / false-positive rate per
    threshold in SWEEP (fpr = share of OTHER paragraphs scoring >= t)."""
    negatives = sum(1 for g in gold if not g)
    return {
        "at_0.5": binary_metrics(gold, scores, 0.5),
        "at_threshold": binary_metrics(gold, scores, POLICY_THRESHOLD),
        "sweep": {str(t): binary_metrics(gold, scores, t)["f1"] for t in SWEEP},
        "recall_sweep": {str(t): binary_metrics(gold, scores, t)["recall"] for t in SWEEP},
        "fpr_sweep": {str(t): _false_positive_rate(gold, scores, t, negatives) for t in SWEEP},
    }


def _false_positive_rate(gold: Sequence[bool], scores: Sequence[float], t: float, negatives: int) -> float:
    if not negatives:
        return 0.0
    return round(sum(1 for g, x in zip(gold, scores, strict=True) if not g and x >= t) / negatives, 4)


def _split(
    examples: Sequence[ParagraphExample], holdout: str | None
) -> tuple[list[ParagraphExample], list[ParagraphExample]]:
    if not holdout:
        return list(examples), []
    train = [e for e in examples if e.corpus != holdout]
    test = [e for e in examples if e.corpus == holdout]
    if not test:
        raise ConfigError(f"holdout {holdout!r} matches no examples", hint="use a corpus name: seeds, dev, written")
    return train, test


# --- spaCy textcat -----------------------------------------------------------------------------


def _new_textcat_nlp(length: int, ngram_size: int) -> Any:
    import spacy

    _register_spacy_tokenizer()
    nlp = spacy.blank("id", config={"nlp": {"tokenizer": {"@tokenizers": "edaran.fast_tokenizer.v1"}}})
    textcat: Any = nlp.add_pipe(
        "textcat",
        config={
            "threshold": 0.5,
            "model": {
                "@architectures": "spacy.TextCatBOW.v3",
                "exclusive_classes": True,
                "ngram_size": ngram_size,
                "no_output_layer": False,
                "length": length,
            },
        },
    )
    for label in LABELS:
        textcat.add_label(label)
    return nlp


def _fit_textcat(
    examples: Sequence[ParagraphExample],
    seed: int,
    epochs: int,
    length: int,
    ngram_size: int,
) -> tuple[Any, list[float]]:
    from spacy.training import Example
    from thinc.api import fix_random_seed

    fix_random_seed(seed)
    nlp = _new_textcat_nlp(length, ngram_size)
    data = [
        Example.from_dict(doc, {"cats": {POLICY_LABEL: float(e.is_policy), OTHER_LABEL: float(not e.is_policy)}})
        for e in examples
        if len(doc := nlp.make_doc(e.text))  # no tokens, nothing to learn (and BOW cannot take it)
    ]
    losses_per_epoch = fit_epochs(nlp, data, component="textcat", epochs=epochs, seed=seed, batch=TEXTCAT_BATCH,
                                  drop=TEXTCAT_DROPOUT, digits=5)
    return nlp, losses_per_epoch


def _textcat_scorer(nlp: Any) -> Any:
    textcat = nlp.get_pipe("textcat")
    col = list(textcat.labels).index(POLICY_LABEL)

    def score(texts: list[str]) -> list[float]:
        docs = [nlp.make_doc(t) for t in texts]
        idx = [i for i, d in enumerate(docs) if len(d)]
        out = [0.0] * len(docs)
        if idx:
            rows = textcat.model.ops.to_numpy(textcat.predict([docs[i] for i in idx]))
            for i, row in zip(idx, rows, strict=True):
                out[i] = float(row[col])
        return out

    return score


def _save_textcat(nlp: Any, out_dir: Path, length: int, ngram_size: int, meta: dict[str, Any]) -> None:
    """Save only what inference needs: a fresh pipeline (its string store holds no training
    tokens: BOW features are hashes) with the trained textcat weights copied in."""
    from spacy.training import Example

    fresh = _new_textcat_nlp(length, ngram_size)
    fresh.initialize(lambda: [Example.from_dict(fresh.make_doc("x"), {"cats": {POLICY_LABEL: 1.0, OTHER_LABEL: 0.0}})])
    fresh.get_pipe("textcat").model.from_bytes(nlp.get_pipe("textcat").model.to_bytes())
    fresh.meta.update(meta)
    out_dir.mkdir(parents=True, exist_ok=True)
    fresh.to_disk(out_dir)


def cross_evaluate_textcat(
    examples: Sequence[ParagraphExample],
    seed: int = 0,
    *,
    epochs: int = TEXTCAT_EPOCHS,
    length: int = TEXTCAT_LENGTH,
    ngram_size: int = TEXTCAT_NGRAMS,
    folds: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Hold out each document corpus in turn (default: every corpus except "written"),
    train on the rest, score the held-out non-optional paragraphs."""
    groups = folds if folds is not None else sorted({e.corpus for e in examples} - {"written"})
    out: dict[str, Any] = {}
    for group in groups:
        train, test = _split(examples, group)
        nlp, _ = _fit_textcat(train, seed, epochs, length, ngram_size)
        out[group] = {"train": len(train), **_evaluate(_textcat_scorer(nlp), test)}
    return out


def kfold_evaluate_textcat(
    examples: Sequence[ParagraphExample],
    seed: int = 0,
    k: int = 5,
    *,
    epochs: int = TEXTCAT_EPOCHS,
    length: int = TEXTCAT_LENGTH,
    ngram_size: int = TEXTCAT_NGRAMS,
) -> dict[str, Any]:
    """Grouped k-fold: paragraphs of one document stay in one fold (a written paragraph is
    its own group); scores of all folds are pooled, then measured."""
    groups = sorted({_group(e) for e in examples})
    random.Random(seed).shuffle(groups)
    fold_of = {g: i % k for i, g in enumerate(groups)}
    gold: list[bool] = []
    scores: list[float] = []
    for fold in range(k):
        train = [e for e in examples if fold_of[_group(e)] != fold]
        test = [e for e in examples if fold_of[_group(e)] == fold and not e.optional]
        if not test:
            continue
        nlp, _ = _fit_textcat(train, seed, epochs, length, ngram_size)
        scores.extend(_textcat_scorer(nlp)([e.text for e in test]))
        gold.extend(e.is_policy for e in test)
    return {"k": k, **_summary(gold, scores)}


def _group(e: ParagraphExample) -> str:
    return e.source if e.source != "written" else f"written:{e.text}"


def train_textcat(
    annotation_dirs: Iterable[str | Path],
    corpus_dirs: Iterable[str | Path],
    out_dir: str | Path,
    seed: int = 0,
    *,
    epochs: int = TEXTCAT_EPOCHS,
    evaluate: bool = True,
    holdout: str | None = None,
) -> dict[str, Any]:
    """Train the bag-of-words spaCy textcat on the annotations and save it to ``out_dir``.

    ``holdout``: a corpus name ("dev", "seeds") left out of training and reported as
    ``metrics["heldout"]``. ``evaluate``: also run ``cross_evaluate_textcat`` (one extra
    training per document corpus; adds a few seconds) into ``metrics["cross_eval"]``.
    Returns the metrics, also written to ``out_dir/edaran_metrics.json`` (without timings,
    so that the directory is byte-identical for the same data and seed)."""
    t0 = time.perf_counter()
    examples = load_examples(annotation_dirs, corpus_dirs)
    if not examples:
        raise ConfigError("no paragraph annotations found", hint="expected annotations/paragraphs.jsonl")
    train, test = _split(examples, holdout)
    if len({e.label for e in train}) < 2:
        raise ConfigError("training data needs both POLICY and OTHER paragraphs")
    nlp, losses = _fit_textcat(train, seed, epochs, TEXTCAT_LENGTH, TEXTCAT_NGRAMS)
    train_seconds = time.perf_counter() - t0
    metrics: dict[str, Any] = {
        "kind": "textcat",
        "seed": seed,
        "epochs": epochs,
        "ngram_size": TEXTCAT_NGRAMS,
        "length": TEXTCAT_LENGTH,
        "examples": len(train),
        "policy": sum(e.is_policy for e in train),
        "other": sum(not e.is_policy for e in train),
        "by_corpus": _count_by_corpus(train),
        "losses": losses,
        "train_fit": _evaluate(_textcat_scorer(nlp), train)["at_0.5"],
    }
    if test:
        metrics["heldout"] = {"corpus": holdout, **_evaluate(_textcat_scorer(nlp), test)}
    if evaluate:
        metrics["cross_eval"] = cross_evaluate_textcat(examples, seed, epochs=epochs)
        metrics["cross_eval"]["kfold"] = kfold_evaluate_textcat(examples, seed, epochs=epochs)
    out = Path(out_dir)
    meta = {
        "name": "policy_textcat",
        "version": "1.0.0",
        "description": "Does this paragraph state a civil-servant work-arrangement policy? (edaran)",
        "edaran": {"threshold": POLICY_THRESHOLD, "examples": len(train), "seed": seed},
    }
    _save_textcat(nlp, out, TEXTCAT_LENGTH, TEXTCAT_NGRAMS, meta)
    (out / "edaran_metrics.json").write_text(json.dumps(metrics, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    metrics["train_seconds"] = round(train_seconds, 2)
    metrics["total_seconds"] = round(time.perf_counter() - t0, 2)
    metrics["model_dir"] = str(out)
    return metrics


def _count_by_corpus(examples: Sequence[ParagraphExample]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for e in examples:
        row = out.setdefault(e.corpus, {POLICY_LABEL: 0, OTHER_LABEL: 0})
        row[e.label] += 1
    return dict(sorted(out.items()))


# --- transformers ------------------------------------------------------------------------------


def train_transformer(
    base_model_path_or_name: str | Path,
    annotation_dirs: Iterable[str | Path],
    corpus_dirs: Iterable[str | Path],
    out_dir: str | Path,
    epochs: int = 3,
    *,
    seed: int = 0,
    learning_rate: float = 3e-5,
    batch_size: int = 16,
    max_length: int = 256,
    weight_decay: float = 0.01,
    warmup_ratio: float = 0.1,
    max_steps: int | None = None,
    holdout: str | None = None,
    examples: Sequence[ParagraphExample] | None = None,
) -> dict[str, Any]:
    """Fine-tune ``AutoModelForSequenceClassification`` (2 labels: 0 OTHER, 1 POLICY) from a
    base checkpoint on the paragraph annotations, save model + tokenizer to ``out_dir``.

    Plain PyTorch loop (AdamW, linear warm-up/decay, gradient clipping at 1.0), CPU or
    whatever device torch picks by default. ``max_steps`` stops early (tests). ``holdout``
    as in ``train_textcat``. ``examples`` overrides loading from the directories.
    Returns metrics with the per-step ``losses``; written to ``out_dir/edaran_metrics.json``."""
    try:
        import torch
        from transformers import AutoModelForSequenceClassification, AutoTokenizer
    except ImportError as exc:
        raise ConfigError("train_transformer needs torch and transformers", hint="pip install -e '.[ml]'") from exc

    t0 = time.perf_counter()
    data = list(examples) if examples is not None else load_examples(annotation_dirs, corpus_dirs)
    train, test = _split(data, holdout)
    if not train:
        raise ConfigError("no training paragraphs")
    random.seed(seed)
    torch.manual_seed(seed)
    device = "cuda" if torch.cuda.is_available() else "cpu"

    tokenizer = AutoTokenizer.from_pretrained(str(base_model_path_or_name))
    model = AutoModelForSequenceClassification.from_pretrained(
        str(base_model_path_or_name),
        num_labels=2,
        id2label={0: OTHER_LABEL, 1: POLICY_LABEL},
        label2id={OTHER_LABEL: 0, POLICY_LABEL: 1},
        ignore_mismatched_sizes=True,
    )
    model.to(device)
    accepts_token_types = "token_type_ids" in _forward_args(model)

    rng = random.Random(seed)
    steps_per_epoch = (len(train) + batch_size - 1) // batch_size
    total_steps = steps_per_epoch * epochs if max_steps is None else min(max_steps, steps_per_epoch * epochs)
    no_decay = ("bias", "LayerNorm.weight", "layer_norm.weight", "norm.weight")
    groups = [
        {"params": [p for n, p in model.named_parameters() if not n.endswith(no_decay)], "weight_decay": weight_decay},
        {"params": [p for n, p in model.named_parameters() if n.endswith(no_decay)], "weight_decay": 0.0},
    ]
    optimizer = torch.optim.AdamW(groups, lr=learning_rate)
    warmup = int(total_steps * warmup_ratio)

    def lr_lambda(step: int) -> float:
        if step < warmup:
            return (step + 1) / (warmup + 1)
        return max(0.0, (total_steps - step) / max(1, total_steps - warmup))

    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lr_lambda)
    losses: list[float] = []
    step = 0
    model.train()
    for _epoch in range(epochs):
        order = list(train)
        rng.shuffle(order)
        for i in range(0, len(order), batch_size):
            if step >= total_steps:
                break
            batch = order[i : i + batch_size]
            enc = tokenizer(
                [e.text for e in batch], padding=True, truncation=True, max_length=max_length, return_tensors="pt"
            ).to(device)
            if not accepts_token_types:
                enc.pop("token_type_ids", None)
            labels = torch.tensor([int(e.is_policy) for e in batch], device=device)
            loss = model(**enc, labels=labels).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            losses.append(round(float(loss.detach().cpu()), 5))
            step += 1
    model.eval()

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)

    metrics: dict[str, Any] = {
        "kind": "transformers",
        "base_model": str(base_model_path_or_name),
        "seed": seed,
        "epochs": epochs,
        "steps": step,
        "learning_rate": learning_rate,
        "batch_size": batch_size,
        "max_length": max_length,
        "examples": len(train),
        "policy": sum(e.is_policy for e in train),
        "other": sum(not e.is_policy for e in train),
        "losses": losses,
    }
    if test:
        from pipeline.ml.classify import TransformerClassifier

        clf = TransformerClassifier(out, max_length=max_length, batch_size=batch_size, device=device)
        metrics["heldout"] = {"corpus": holdout, **_evaluate(clf.score, test)}
    (out / "edaran_metrics.json").write_text(json.dumps(metrics, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    metrics["train_seconds"] = round(time.perf_counter() - t0, 2)
    metrics["model_dir"] = str(out)
    return metrics


def _forward_args(model: Any) -> set[str]:
    import inspect

    return set(inspect.signature(model.forward).parameters)


# --- CLI (the lead's `edaran train ...` wraps these) ----------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    args_in = list(argv) if argv is not None else sys.argv[1:]
    if args_in and args_in[0] in ("names", "calibration"):  # the accuracy components (docs/accuracy.md)
        if args_in[0] == "names":
            from pipeline.ml.names import main as names_main

            return names_main(args_in[1:])
        from pipeline.ml.calibrate import main as calibrate_main

        return calibrate_main(args_in[1:])
    parser = argparse.ArgumentParser(prog="python -m pipeline.ml.train", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="kind", required=True)
    for name in ("textcat", "transformer"):
        p = sub.add_parser(name)
        if name == "transformer":
            p.add_argument("base", help="base checkpoint: a local directory or a model name")
            p.add_argument("--epochs", type=int, default=3)
            p.add_argument("--lr", type=float, default=3e-5)
            p.add_argument("--batch-size", type=int, default=16)
            p.add_argument("--max-length", type=int, default=256)
        else:
            p.add_argument("--epochs", type=int, default=TEXTCAT_EPOCHS)
            p.add_argument("--no-eval", action="store_true", help="skip the cross-evaluation folds")
        p.add_argument("--annotations", type=Path, action="append", help="default: annotations/")
        p.add_argument("--corpus", type=Path, action="append", help="default: corpus/ and ../shared/corpus/")
        p.add_argument("--out", type=Path, required=True)
        p.add_argument("--seed", type=int, default=0)
        p.add_argument("--holdout", default=None, help="corpus left out and evaluated: dev, seeds")
    args = parser.parse_args(argv)
    annotations = args.annotations or list(DEFAULT_ANNOTATIONS)
    corpora = args.corpus or [c for c in DEFAULT_CORPORA if c.is_dir()]
    if args.kind == "textcat":
        metrics = train_textcat(
            annotations,
            corpora,
            args.out,
            args.seed,
            epochs=args.epochs,
            evaluate=not args.no_eval,
            holdout=args.holdout,
        )
    else:
        metrics = train_transformer(
            args.base,
            annotations,
            corpora,
            args.out,
            args.epochs,
            seed=args.seed,
            learning_rate=args.lr,
            batch_size=args.batch_size,
            max_length=args.max_length,
            holdout=args.holdout,
        )
    metrics.pop("losses", None)
    print(json.dumps(metrics, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
