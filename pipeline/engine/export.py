"""``edaran export``: the OPA bundle, the open data and the stringency index in one folder.

Everything is written into a staging folder beside ``OUT`` and then moved into ``OUT``, so an
export that fails halfway leaves ``OUT`` as it was. ``OUT`` must be empty or missing unless
``force`` is given (then the files of a previous export are replaced; others are left alone).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from pipeline.engine.bundle import write_bundle
from pipeline.engine.compile import compile_rules
from pipeline.engine.opendata import build_tables, write_open_data
from pipeline.engine.source import open_source
from pipeline.engine.stringency import daily
from pipeline.errors import ConfigError

__all__ = ["RECORD_SCHEMA", "export", "export_policies"]

RECORD_SCHEMA = Path(__file__).resolve().parents[2] / "schema" / "record.schema.json"


def _check_out(out: Path, force: bool) -> None:
    if out.exists() and not out.is_dir():
        raise ConfigError(f"{out} exists and is not a folder", hint="give --to a folder path")
    if out.is_dir() and any(out.iterdir()) and not force:
        raise ConfigError(f"{out} is not empty", hint="give an empty folder to --to, or add --force to overwrite")


def export_policies(policies: list[dict[str, Any]], out: Path, *, revision: str,
                    documents: list[dict[str, Any]] | None = None, records: list[dict[str, Any]] | None = None,
                    force: bool = False) -> dict[str, Any]:
    """Export already-loaded contract policies (+ metadata) into ``out``; returns a summary."""
    _check_out(out, force)
    out.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    stage = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        book = compile_rules(policies, revision=revision)
        write_bundle(book, stage / "opa", revision=revision)
        rows = daily(book)
        tables = build_tables(policies, documents or [], records or [], book, rows)
        write_open_data(stage, tables, revision=revision, record_schema=RECORD_SCHEMA)
        out.mkdir(parents=True, exist_ok=True)
        for item in sorted(stage.iterdir()):
            dest = out / item.name
            if dest.is_dir() and not dest.is_symlink():
                shutil.rmtree(dest)
            os.replace(item, dest)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return {
        "out": str(out), "revision": revision, "policies": len(policies), "rules": book["stats"]["rules"],
        "undated": book["stats"]["undated"], "stringency_rows": len(rows),
        "tables": {k: len(v) for k, v in tables.items()}, "seconds": round(time.perf_counter() - t0, 3),
    }


def export(target: str | Path, out: Path, *, force: bool = False) -> dict[str, Any]:
    """Read the archive (or a policies JSON file) at ``target`` and export it into ``out``."""
    _check_out(out, force)
    with open_source(target) as src:
        policies, documents, records = src.policies(), src.documents(), src.records()
        revision = src.revision()
    return export_policies(policies, out, revision=revision, documents=documents, records=records, force=force)
