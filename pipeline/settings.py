"""One settings object for a run: limits, batch size, paths. Defaults are the documented ones."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["DEFAULT_MAX_BYTES", "Settings"]

# 20 MB: the largest real circular PDF we have seen is ~2 MB and a news page ~1 MB; 10x headroom.
DEFAULT_MAX_BYTES = 20_000_000


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
    progress: bool = True
    dask_address: str | None = None  # run the Prefect flow's tasks on this Dask scheduler
    archive: str | None = None  # a postgresql:// URL to write instead of out_dir/edaran.sqlite (no JSONL export)
