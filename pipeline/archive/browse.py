"""`edaran browse --archive DIR`: the SQLite archive in Datasette, with labels, facets, full-text
search and canned queries for the three research questions (docs/archive.md "Browsing").

The canned queries are plain SQL over the archive tables, so they run in any SQLite tool too:

- ``in_force_on`` (``day``): policies whose period covers the day and that name WFH, with
  their quotas; like ``edaran query --date DAY --mode WFH`` but without the weekday and
  supersession checks, which need Python;
- ``citing_instrument`` (``instrument``): policies that are, cite or follow an instrument;
- ``authority_timeline`` (``authority``): one authority's policies (a province with its
  kabupaten/kota) in time order, with their links.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from pipeline.archive import DB_NAME, is_url
from pipeline.errors import ConfigError

__all__ = ["CANNED", "browse", "datasette_command", "metadata"]

CANNED: dict[str, dict[str, Any]] = {
    "in_force_on": {
        "title": "Who let civil servants work from home on a day, with what cap",
        "description": "Policies in force on :day (period covers the day; end unknown = up to 60 days after "
                       "the last source) that name WFH, with their WFH quotas. `edaran query --date` also "
                       "applies weekday recurrence and supersession.",
        "sql": "SELECT p.policy_id, p.authority_id, p.authority_name, p.from_day, p.to_day, p.until_day, "
               "p.open_ended, p.instrument, "
               "(SELECT group_concat(q.op || q.percent || '% ' || q.scope || coalesce(' if ' || q.condition, ''), '; ') "  # noqa: E501
               "FROM policy_quotas q WHERE q.policy_id = p.policy_id AND q.mode = 'WFH') AS wfh_quotas "
               "FROM policies p WHERE p.from_day <= :day AND p.until_day >= :day "
               "AND EXISTS (SELECT 1 FROM policy_terms t WHERE t.policy_id = p.policy_id AND t.kind = 'mode' "
               "AND t.value = 'WFH') ORDER BY p.authority_id, p.from_day",
    },
    "citing_instrument": {
        "title": "Everything that is, cites or follows an instrument",
        "description": "Policies whose own instrument or legal basis is :instrument (e.g. SE:MENPANRB:1/2024).",
        "sql": "SELECT p.policy_id, p.authority_id, p.authority_name, p.from_day, p.to_day, p.instrument, "
               "t.kind AS relation FROM policy_terms t JOIN policies p ON p.policy_id = t.policy_id "
               "WHERE t.kind IN ('instrument', 'cites') AND t.value = upper(:instrument) "
               "ORDER BY p.authority_id, p.from_day",
    },
    "authority_timeline": {
        "title": "The timeline of one authority's rules",
        "description": "Policies of :authority (e.g. region:31; a province includes its kabupaten/kota) in time "
                       "order, with the earlier policy each one extends, amends or revokes.",
        "sql": "SELECT p.from_day, p.to_day, p.until_day, p.change, p.policy_id, p.authority_name, p.instrument, "
               "p.modes, (SELECT group_concat(l.type || ' ' || l.target_id, '; ') FROM policy_links l "
               "WHERE l.policy_id = p.policy_id AND l.type <> 'follows') AS links "
               "FROM policies p WHERE p.authority_id = :authority OR p.authority_parent = :authority "
               "ORDER BY p.from_day, p.policy_id",
    },
}


def metadata(db_name: str = Path(DB_NAME).stem) -> dict[str, Any]:
    """Datasette metadata: labelled tables and columns, facets, FTS, canned queries."""
    return {
        "title": "edaran policy archive",
        "description": "Indonesian civil-service work-arrangement policies, consolidated from news and circulars, "
                       "with every source. See docs/archive.md.",
        "databases": {db_name: {
            "tables": {
                "policies": {
                    "label_column": "authority_name",
                    "description": "One row per consolidated policy; `policy` holds the full JSON.",
                    "facets": ["authority_name", "level", "modes", "year", "change"],
                    "sort_desc": "from_day",
                    "columns": {
                        "policy_id": "stable id: hash of authority + instrument (or first day)",
                        "authority_id": "region:<Kemendagri code> or central:<slug>",
                        "authority_parent": "province of a kota/kabupaten",
                        "change": "new | extension | amendment | revocation",
                        "from_day": "first day in force (ISO)", "to_day": "last day, when the text gives it",
                        "until_day": "to_day, else the 60-day horizon, else 9999-12-31 when open-ended",
                        "open_ended": "1: 'until further notice' in the text",
                        "modes": "work modes named (WFO WFH WFA WFF)", "policy": "the policy JSON",
                    },
                },
                "documents": {
                    "label_column": "doc_id", "fts_table": "documents_fts", "fts_pk": "rowid",
                    "description": "Every input document: its documents.jsonl line and cleaned text (search it).",
                    "facets": ["status", "kind", "publisher"],
                    "columns": {"text": "cleaned text: every evidence offset points into it",
                                "last_attempt": "a failed re-read of a document that was read fine before"},
                },
                "records": {"description": "Per-document records (records.jsonl)", "facets": ["authority"]},
                "policy_sources": {"description": "Policy <-> record/document, with url, publisher, published",
                                   "facets": ["publisher", "genre"]},
                "policy_links": {"description": "follows / extends / amends / revokes (policy -> target)",
                                 "facets": ["type"]},
                "policy_terms": {"description": "mode / exemption / instrument / cites terms used by the filters",
                                 "facets": ["kind"]},
                "policy_quotas": {"description": "One row per quota of a policy", "facets": ["mode", "scope", "condition"]},  # noqa: E501
                "policy_exemptions": {"description": "One row per exemption of a policy", "facets": ["category"]},
                "documents_fts": {"hidden": True},
                "meta": {"hidden": True},
            },
            "queries": CANNED,
        }},
    }


def datasette_command(archive: str | Path, port: int, metadata_path: Path) -> list[str]:
    if is_url(str(archive)):
        raise ConfigError("browse works on a SQLite archive", hint="--archive takes the --out folder of a run")
    path = Path(archive)
    db = path if path.suffix == ".sqlite" else path / DB_NAME
    if not db.is_file():
        raise ConfigError(f"no archive at {db}", hint="--archive takes the --out folder of an `edaran run`")
    return [sys.executable, "-m", "datasette", "serve", str(db), "--metadata", str(metadata_path),
            "--host", "127.0.0.1", "--port", str(port), "--setting", "sql_time_limit_ms", "5000"]


def browse(archive: str | Path, port: int = 8001) -> int:
    """Serve the archive with Datasette until interrupted; returns Datasette's exit code."""
    import tempfile

    path = Path(archive)
    db = path if path.suffix == ".sqlite" else path / DB_NAME
    with tempfile.TemporaryDirectory(prefix="edaran-browse-") as tmp:
        meta = Path(tmp) / "metadata.json"
        meta.write_text(json.dumps(metadata(db.stem), indent=1), encoding="utf-8")
        cmd = datasette_command(archive, port, meta)
        # an archive from before the policy tables: open it writable once to add them
        from pipeline.archive import open_archive

        open_archive(db).close()
        print(f"serving {db} on http://127.0.0.1:{port}/ (Ctrl-C stops)", file=sys.stderr)
        return _serve(cmd)


def _serve(cmd: list[str]) -> int:
    """Run Datasette as a child until it ends; a SIGTERM or Ctrl-C to ``edaran browse`` stops it too
    (a terminated parent must not leave the server running on its port)."""
    import signal

    proc = subprocess.Popen(cmd)

    def stop(signum: int, frame: object) -> None:
        proc.terminate()

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        return proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        proc.wait(timeout=30)
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
