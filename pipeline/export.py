"""Archive -> ``records.jsonl`` and ``documents.jsonl``, written atomically.

Each file is written to a temporary file in the same folder and renamed over the old one
(``os.replace``), so a run killed halfway leaves the previous files intact. Files are created
with mode 0666 minus the umask (0644 under the usual 022), like any file a tool writes.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Iterable
from pathlib import Path

from pipeline.archive import Archive

__all__ = ["export", "write_jsonl_atomic"]


def write_jsonl_atomic(path: Path, rows: Iterable[dict]) -> int:
    """Write ``rows`` as JSON lines to ``path`` atomically; returns the row count."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = str(path.parent / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    # not tempfile.mkstemp: its 0600 would survive the rename (exports are meant to be shared)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    n = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False, sort_keys=False))
                fh.write("\n")
                n += 1
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return n


def export(store: Archive, out_dir: Path) -> tuple[int, int]:
    """Write both JSONL files from the archive; returns (records, documents)."""
    n_rec = write_jsonl_atomic(out_dir / "records.jsonl", store.records())
    n_doc = write_jsonl_atomic(out_dir / "documents.jsonl", store.lines())
    return n_rec, n_doc
