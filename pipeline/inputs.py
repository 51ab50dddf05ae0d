"""Local inputs: files and folders -> ``RawDoc`` (bytes + sidecar metadata).

A folder is walked recursively; every file except ``*.meta.json`` sidecars and hidden
files is one document. ``doc_id`` is the file name without its extension (the gold
annotations are keyed so) — unless two inputs of the run share that stem (``a/se.txt`` and
``b/se.txt``; ``se.txt`` and ``se.pdf``): then each of them is its path relative to the folder
given, extension kept (``a/se.txt``), so ids are unique per source path and the same on every
run of the same inputs (:func:`assign_ids`). Reading never raises for one bad file: the
``RawDoc`` carries the ``DocumentError`` instead, so the run records it and goes on.

A sidecar is validated (:func:`read_sidecar`): a JSON object of at most SIDECAR_MAX_BYTES,
``url`` an http(s) URL, ``publisher``/``title`` strings, ``published`` an ISO date;
anything else is a per-document ``[E-META]`` error.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pipeline.errors import BadSidecar, DocumentError, TooLarge, UnsupportedFormat
from pipeline.models import RawDoc

__all__ = ["KINDS", "SIDECAR_MAX_BYTES", "assign_ids", "discover", "read_file", "read_sidecar"]

# A sidecar holds four short fields; 64 KB is far more than any real one and bounds a hostile one.
SIDECAR_MAX_BYTES = 65_536
# Longest string accepted per sidecar field (characters).
_FIELD_MAX = {"url": 2048, "publisher": 300, "title": 1000, "published": 40}
_ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ][0-9:.+\-Z]*)?$")

KINDS = {".txt": "txt", ".text": "txt", ".md": "txt", ".html": "html", ".htm": "html", ".pdf": "pdf"}
_SIDECAR = ".meta.json"


def discover(paths: Sequence[str | Path]) -> Iterator[Path]:
    """Every document file under ``paths`` (files as given, folders recursively, sorted)."""
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and not f.name.startswith(".") and not f.name.endswith(_SIDECAR) \
                        and f.name not in {"SOURCES.md", "README.md"}:
                    yield f
        else:
            yield p


def _stem(path: Path) -> str:
    return path.name[: -len(path.suffix)] if path.suffix else path.name


def assign_ids(paths: Sequence[str | Path]) -> list[tuple[Path, str]]:
    """Every document file under ``paths`` with its ``doc_id`` (see the module docstring).

    The stem when no other input of the run shares it; otherwise the path relative to the
    folder given (``a/se.txt``), and where even that repeats (two folders with the same
    layout), that path + ``#`` + 8 hex of the absolute path. One file given twice is one document.
    """
    found: list[tuple[Path, str]] = []
    seen: set[Path] = set()
    for p in map(Path, paths):
        files = [(f, f.relative_to(p).as_posix()) for f in discover([p])] if p.is_dir() else [(p, p.name)]
        for f, rel in files:
            key = f.resolve()
            if key in seen:
                continue
            seen.add(key)
            found.append((f, rel))
    stems = Counter(_stem(f) for f, _ in found)
    ids = [(f, _stem(f) if stems[_stem(f)] == 1 else rel) for f, rel in found]
    counts = Counter(i for _, i in ids)
    return [(f, i if counts[i] == 1 else f"{i}#{hashlib.sha256(str(f.resolve()).encode()).hexdigest()[:8]}")
            for f, i in ids]


def read_file(path: Path, max_bytes: int, doc_id: str | None = None) -> RawDoc:
    """Read one file and its optional ``<name>.meta.json`` sidecar (``doc_id``: default the stem)."""
    doc_id = doc_id or _stem(path)
    kind = KINDS.get(path.suffix.lower(), "unknown")
    doc = RawDoc(doc_id=doc_id, data=b"", kind=kind, source=str(path))
    try:
        _read_sidecar(path, doc)
        if not path.exists():
            raise DocumentError(f"{path} does not exist", hint="check the path")
        size = path.stat().st_size
        if size > max_bytes:
            raise TooLarge(f"{size:,} bytes is over the limit of {max_bytes:,}",
                           hint="raise it with --max-bytes if this file is genuine")
        if kind == "unknown":
            raise UnsupportedFormat(f"unknown extension {path.suffix or '(none)'!r}",
                                    hint="give .txt, .html or .pdf files")
        doc.data = path.read_bytes()
    except DocumentError as exc:
        doc.error = exc
    except OSError as exc:
        doc.error = DocumentError(f"cannot read {path}: {exc.strerror}", hint="check permissions")
    return doc


def _read_sidecar(path: Path, doc: RawDoc) -> None:
    sidecar = path.with_name(path.name[: -len(path.suffix)] + _SIDECAR) if path.suffix else None
    if not sidecar or not sidecar.exists():
        return
    meta = read_sidecar(sidecar)
    doc.url = meta.get("url")
    doc.urls = [doc.url] if doc.url else []
    doc.publisher = meta.get("publisher")
    doc.published = meta.get("published")
    doc.title = meta.get("title")
    doc.meta.update(meta)


def read_sidecar(sidecar: Path) -> dict[str, Any]:
    """A validated sidecar; raises BadSidecar ([E-META]) naming the file and the field."""
    hint = f"fix or remove {sidecar.name}"
    try:
        size = sidecar.stat().st_size
        if size > SIDECAR_MAX_BYTES:
            raise BadSidecar(f"sidecar {sidecar.name} is {size:,} bytes, over {SIDECAR_MAX_BYTES:,}",
                             hint=f"{hint}: a sidecar holds url, publisher, published and title only")
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as exc:
        raise BadSidecar(f"sidecar {sidecar.name} is not valid JSON: {str(exc)[:120]}", hint=hint) from exc
    if not isinstance(meta, dict):
        raise BadSidecar(f"sidecar {sidecar.name} is not a JSON object", hint=hint)
    for key, limit in _FIELD_MAX.items():
        value = meta.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise BadSidecar(f"sidecar {sidecar.name}: {key!r} must be a string, not {type(value).__name__}",
                             hint=hint)
        if len(value) > limit:
            raise BadSidecar(f"sidecar {sidecar.name}: {key!r} is {len(value):,} characters, over {limit:,}",
                             hint=hint)
    url = meta.get("url")
    if url is not None:
        try:
            parts = urlsplit(url.strip())
            ok = parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
        except ValueError:
            ok = False
        if not ok:
            raise BadSidecar(f"sidecar {sidecar.name}: 'url' {url[:80]!r} is not an http(s) URL", hint=hint)
    published = meta.get("published")
    if published is not None and not _ISO_DATE_RE.match(published.strip()):
        raise BadSidecar(f"sidecar {sidecar.name}: 'published' {published!r} is not an ISO date (YYYY-MM-DD)",
                         hint=hint)
    return meta
