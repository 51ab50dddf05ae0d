"""Local inputs: files and folders -> ``RawDoc`` (bytes + sidecar metadata).

A folder is walked recursively; every file except ``*.meta.json`` sidecars and hidden
files is one document; ``doc_id`` is the file name without its extension. Reading never
raises for one bad file: the ``RawDoc`` carries the ``DocumentError`` instead, so the run
records it and goes on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from pipeline.errors import DocumentError, TooLarge, UnsupportedFormat
from pipeline.models import RawDoc

__all__ = ["KINDS", "discover", "read_file"]

KINDS = {".txt": "txt", ".text": "txt", ".md": "txt", ".html": "html", ".htm": "html", ".pdf": "pdf"}
_SIDECAR = ".meta.json"


def discover(paths: list[str | Path]) -> Iterator[Path]:
    """Every document file under ``paths`` (files as given, folders recursively, sorted)."""
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and not f.name.startswith(".") and not f.name.endswith(_SIDECAR) \
                        and f.name not in {"SOURCES.md", "README.md"}:
                    yield f
        else:
            yield p


def read_file(path: Path, max_bytes: int) -> RawDoc:
    """Read one file and its optional ``<name>.meta.json`` sidecar."""
    doc_id = path.name[: -len(path.suffix)] if path.suffix else path.name
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
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DocumentError(f"sidecar {sidecar.name} is not valid JSON: {exc}",
                            hint="fix or remove the sidecar") from exc
    if not isinstance(meta, dict):
        raise DocumentError(f"sidecar {sidecar.name} is not a JSON object", hint="fix or remove it")
    doc.url = meta.get("url")
    doc.urls = [doc.url] if doc.url else []
    doc.publisher = meta.get("publisher")
    doc.published = meta.get("published")
    doc.title = meta.get("title")
    doc.meta.update(meta)
