"""Where the engine reads policies from: the archive (through its contract) or a contract dump.

The engine consumes policies only through the contract shared with ``pipeline.archive``
(``Policy.model_dump(mode="json")`` dicts). ``--archive`` takes either

- an archive target understood by ``pipeline.archive.open_archive`` (an output folder holding
  ``edaran.sqlite`` or a ``postgresql://`` URL), or
- a JSON file: a list of policy dicts (what ``edaran query --format json`` prints), or an object
  ``{"policies": [...], "documents": [...], "records": [...], "evidence": {policy_id: [...]},
  "revision": "..."}`` (a contract dump; the engine's tests use hand-built ones).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Self

from pipeline.errors import ConfigError

__all__ = ["PolicySource", "load_policies", "open_source"]


def _plain(item: Any) -> dict[str, Any]:
    """A pydantic model or a dict → a JSON-ready dict."""
    if hasattr(item, "model_dump"):
        return item.model_dump(mode="json")  # type: ignore[no-any-return]
    return dict(item)


def content_revision(policies: list[dict[str, Any]]) -> str:
    """A revision for policies that came without one: hash of the sorted policy JSON."""
    blob = json.dumps(sorted(policies, key=lambda p: str(p.get("policy_id"))), sort_keys=True)
    return "sha256:" + hashlib.sha256(blob.encode()).hexdigest()[:16]


class PolicySource:
    """Policies + documents/records metadata + evidence, from a dump file or the archive."""

    def __init__(self, target: str | Path) -> None:
        self.target = str(target)
        self._archive: Any = None
        self._dump: dict[str, Any] | None = None
        path = Path(self.target)
        if path.suffix.lower() == ".json" and "://" not in self.target:
            self._dump = _read_dump(path)
        else:
            self._archive = _open_archive(self.target)

    def policies(self) -> list[dict[str, Any]]:
        if self._dump is not None:
            return [dict(p) for p in self._dump["policies"]]
        return [_plain(p) for p in self._archive.policies()]

    def documents(self) -> list[dict[str, Any]]:
        if self._dump is not None:
            return [dict(d) for d in self._dump.get("documents", [])]
        return [_plain(d) for d in self._archive.documents()]

    def records(self) -> list[dict[str, Any]]:
        if self._dump is not None:
            return [dict(r) for r in self._dump.get("records", [])]
        return [_plain(r) for r in self._archive.records()]

    def revision(self) -> str:
        if self._dump is not None:
            return str(self._dump.get("revision") or content_revision(self.policies()))
        return str(self._archive.revision())

    def evidence(self, policy_id: str) -> list[dict[str, Any]]:
        if self._dump is not None:
            return [dict(e) for e in self._dump.get("evidence", {}).get(policy_id, [])]
        return [_plain(e) for e in self._archive.evidence(policy_id)]

    def close(self) -> None:
        if self._archive is not None:
            self._archive.close()
            self._archive = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _read_dump(path: Path) -> dict[str, Any]:
    hint = "give --archive an output folder, a postgresql:// URL or a policies JSON file"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"no such file: {path}", hint=hint) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"cannot read {path} as JSON: {exc}", hint=hint) from None
    if isinstance(data, list):
        data = {"policies": data}
    if not isinstance(data, dict) or not isinstance(data.get("policies"), list):
        raise ConfigError(f"{path} holds no policy list", hint=hint)
    return data


def _open_archive(target: str) -> Any:
    try:
        # lazy: the archive is built on another branch (the ignore is for mypy until it lands)
        from pipeline.archive import open_archive  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        raise ConfigError(
            f"cannot open archive {target!r}: pipeline.archive is not installed",
            hint="give --archive a policies JSON file (edaran query --format json)",
        ) from None
    return open_archive(target, readonly=True)


def open_source(target: str | Path) -> PolicySource:
    """Open ``target`` (archive folder/URL or JSON dump) for reading."""
    return PolicySource(target)


def load_policies(archive_target: str | Path) -> list[dict[str, Any]]:
    """The one adapter to the archive: ``open_archive(target).policies()`` as contract dicts."""
    with open_source(archive_target) as src:
        return src.policies()
