"""One settings object for a run: limits, batch size, paths. Defaults are the documented ones."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["DEFAULT_DOC_TIME_LIMIT_S", "DEFAULT_MAX_BYTES", "DEFAULT_MAX_TEXT_CHARS", "Settings"]

# 20 MB: the largest real circular PDF we have seen is ~2 MB and a news page ~1 MB; 10x headroom.
DEFAULT_MAX_BYTES = 20_000_000
# The per-document extraction budget. 3 M characters: a 300-page circular cleans to under 1 M;
# extraction is linear (~10 s a million characters of run-on text), so the time limit is the
# real guard: a text the rules take longer than this on fails alone with [E-TIMEOUT].
DEFAULT_MAX_TEXT_CHARS = 3_000_000
DEFAULT_DOC_TIME_LIMIT_S = 60.0


@dataclass
class Settings:
    out_dir: Path = Path("outputs")
    max_bytes: int = DEFAULT_MAX_BYTES  # bigger inputs are skipped with [E-SIZE]
    batch_size: int = 500  # documents per Prefect task: ~3 s of work, so the ~50 ms a task costs Prefect is ~2 %
    pdf_max_pages: int = 300
    pdf_time_limit_s: float = 120.0
    ocr: str = "auto"  # "auto" | "never" | "always"
    classifier: str | None = "default"  # "default" (bundled textcat), a model path, or None
    allow_private: bool = False
    allowed_hosts: set[str] = field(default_factory=set)
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS  # longer cleaned texts are skipped with [E-SIZE]
    doc_time_limit_s: float | None = DEFAULT_DOC_TIME_LIMIT_S  # extract+assemble of one document; None: no limit
    dask_address: str | None = None  # run the Prefect flow's tasks on this Dask scheduler
