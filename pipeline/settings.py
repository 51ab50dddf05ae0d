"""One settings object for a run: limits, batch size, paths. Defaults are the documented ones."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "DEFAULT_DOC_TIME_LIMIT_S",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_TEXT_CHARS",
    "OCR_MODES",
    "PROJECT_URL",
    "Settings",
    "default_user_agent",
    "split_target",
    "version",
]

# 20 MB: the largest real circular PDF we have seen is ~2 MB and a news page ~1 MB; 10x headroom.
DEFAULT_MAX_BYTES = 20_000_000
# The per-document extraction budget. 3 M characters: a 300-page circular cleans to under 1 M;
# extraction is linear (~10 s a million characters of run-on text), so the time limit is the
# real guard: a text the rules take longer than this on fails alone with [E-TIMEOUT].
DEFAULT_MAX_TEXT_CHARS = 3_000_000
DEFAULT_DOC_TIME_LIMIT_S = 60.0
OCR_MODES = ("auto", "always", "never")
# The project page named in every request's User-Agent (pyproject.toml [project.urls] Homepage).
PROJECT_URL = "https://github.com/edaran/edaran"


def split_target(out: str | Path) -> tuple[Path, str | None]:
    """``--out``: a folder (JSONL exports + edaran.sqlite) or a ``postgresql://`` URL (the shared
    archive; nothing is exported). Returns (out_dir, archive URL or None)."""
    text = str(out)
    if text.startswith(("postgresql://", "postgres://")):
        return Path("outputs"), text
    return Path(text), None


def version() -> str:
    """The installed package version (pyproject.toml), or 0+unknown from a bare checkout."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as _version

    try:
        return _version("edaran")
    except PackageNotFoundError:
        return "0+unknown"


def default_user_agent() -> str:
    """``$EDARAN_USER_AGENT`` if set, else ``edaran/<version> (+<project URL>)``: site owners can
    see who crawls and where to write. Operators add their own contact with ``--user-agent``
    or the environment variable (docs/operations.md)."""
    return os.environ.get("EDARAN_USER_AGENT") or f"edaran/{version()} (+{PROJECT_URL}; policy research)"


@dataclass
class Settings:
    out_dir: Path = Path("outputs")
    max_bytes: int = DEFAULT_MAX_BYTES  # bigger inputs are skipped with [E-SIZE]  (--max-bytes)
    batch_size: int = 500  # documents per Prefect task: ~3 s of work, so the ~50 ms a task costs Prefect is ~2 %
    pdf_max_pages: int = 300  # --max-pdf-pages
    pdf_time_limit_s: float = 120.0  # --pdf-time-limit: per PDF; the worker process is killed past it ([E-TIMEOUT])
    pdf_memory_mb: int = 2048  # --pdf-memory-mb: address space of the PDF worker process ([E-MEMORY] past it)
    ocr: str = "auto"  # "auto" | "never" | "always"  (--ocr)
    classifier: str | None = "default"  # "default" (bundled textcat), a model path, or None
    allow_private: bool = False  # --allow-private
    allowed_hosts: set[str] = field(default_factory=set)
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS  # longer cleaned texts are skipped with [E-SIZE]
    doc_time_limit_s: float | None = DEFAULT_DOC_TIME_LIMIT_S  # extract+assemble of one document; None: no limit
    dask_address: str | None = None  # run the Prefect flow's tasks on this Dask scheduler
    user_agent: str = field(default_factory=default_user_agent)  # --user-agent / $EDARAN_USER_AGENT
    archive: str | None = None  # a postgresql:// URL to write instead of out_dir/edaran.sqlite (no JSONL export)
