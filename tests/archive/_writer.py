"""A separate writer process for the concurrency and kill tests:
``python tests/archive/_writer.py TARGET PREFIX BATCHES [PER_BATCH]``."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parents[2])]

from conftest import make_item  # noqa: E402

from pipeline.archive import open_archive  # noqa: E402

AUTHORITIES = ("region:31", "region:32.73", "region:36.71")


def main(target: str, prefix: str, batches: int, per_batch: int = 5) -> None:
    with open_archive(target) as arc:
        for b in range(batches):
            items = []
            for i in range(per_batch):
                n = b * per_batch + i
                day = f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}"
                items.append(make_item(f"{prefix}{n:04d}", AUTHORITIES[n % 3], start=day,
                                       instrument=f"SE:GUBERNUR-31:{prefix}{n % 7}/2024" if n % 2 else None,
                                       text=f"dokumen {prefix} {n} wfh asn"))
            arc.write_batch(items)
            print(b, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]) if len(sys.argv) > 4 else 5)
