"""The policy archive: documents, records and consolidated policies, on SQLite or PostgreSQL.

::

    from pipeline.archive import open_archive

    with open_archive("outputs", readonly=True) as archive:      # or "postgresql://..."
        for policy in archive.policies(authority="region:32", date="2024-04-16"):
            print(policy.policy_id, policy.effective.from_day, policy.quotas)
        archive.evidence(policy.policy_id); archive.revision()

``open_archive`` takes an output folder (holding ``edaran.sqlite``), a ``.sqlite`` file or a
``postgresql://`` URL; a bad target raises ``ConfigError`` with a one-line message.
See docs/archive.md.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.archive.models import EvidenceSentence, Policy
from pipeline.archive.sqlite import DB_NAME
from pipeline.archive.store import Archive
from pipeline.errors import ConfigError

__all__ = ["DB_NAME", "Archive", "EvidenceSentence", "Policy", "is_url", "open_archive"]


def is_url(target: str | Path) -> bool:
    return str(target).startswith(("postgresql://", "postgres://"))


def open_archive(target: str | Path, *, readonly: bool = False) -> Archive:
    """The archive in an output folder, a ``.sqlite`` file or a PostgreSQL database (URL)."""
    if isinstance(target, str) and is_url(target):
        from pipeline.archive.postgres import PostgresArchive

        return PostgresArchive(target, readonly=readonly)
    text = str(target)
    if "://" in text:
        raise ConfigError(f"unsupported archive URL {text!r}",
                          hint="--archive takes a folder, a .sqlite file or a postgresql://user@host/db URL")
    path = Path(target)
    if path.suffix in (".sqlite", ".db") or path.is_file():
        return _sqlite(path, readonly)
    if readonly and not path.is_dir():
        raise ConfigError(f"no archive folder {path}", hint="--archive takes the --out folder of an `edaran run`")
    return _sqlite(path / DB_NAME, readonly)


def _sqlite(path: Path, readonly: bool) -> Archive:
    from pipeline.archive.sqlite import SQLiteArchive

    if path.is_file():
        with path.open("rb") as f:
            head = f.read(16)
            if head and head != b"SQLite format 3\x00"[:len(head)]:  # empty: another run is creating it
                raise ConfigError(f"{path} is not an archive (not a SQLite file)",
                                  hint="--archive takes the --out folder of an `edaran run`")
    return SQLiteArchive(path, readonly=readonly)
