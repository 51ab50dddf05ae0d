"""The one storage interface of the archive; ``sqlite.py`` and ``postgres.py`` supply the dialect.

Tables (the same on both backends; JSON held as text, so every tool reads it):

- ``documents(doc_id PK, sha256, version, status, kind, publisher, url, published, line, text,
  updated_at, last_attempt)``: one row per input document, its documents.jsonl line and cleaned
  text; ``last_attempt`` holds the documents.jsonl line of a failed re-read of a document that
  was read fine before (the good version stays);
- ``records(record_id PK, doc_id, authority, start, end, record)``: per-document records;
- ``policies(policy_id PK, authority_id, authority_parent, authority_name, level, change,
  instrument, from_day, to_day, until_day, open_ended, year, modes, policy)``: one row per
  consolidated policy; ``until_day`` = to_day, else horizon_day, else 9999-12-31 when open-ended;
- ``policy_sources(policy_id, record_id, doc_id, url, publisher, published, genre)``;
- ``policy_links(policy_id, type, target_id)``: follows / extends / amends / revokes;
- ``policy_terms(policy_id, kind, value)``: mode / exemption / instrument / cites, for filters;
- ``meta(key, value)``: ``revision``, a counter bumped by every write;
- views ``policy_quotas`` and ``policy_exemptions`` flatten the JSON lists into rows.

Every batch is ONE transaction (SQLite ``BEGIN IMMEDIATE``; PostgreSQL a transaction holding an
advisory lock): documents, records, the re-consolidation of the authorities they touch and the
revision counter commit together or not at all, so a killed run leaves the previous archive
consistent and two concurrent writers serialise instead of losing rows.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime, timedelta
from typing import Any, Self

from pipeline.archive.consolidate import (
    ChainItem,
    SourceRecord,
    apply_chain,
    chain,
    match_span,
    policy_in_force,
    regroup,
)
from pipeline.archive.models import EvidenceSentence, Policy
from pipeline.archive.query import Filters, parse_filters, where
from pipeline.errors import ConfigError
from pipeline.models import DocumentLine, Record

__all__ = ["Archive", "BatchItem"]

# The policy tables, the same in both backends (SQLite and PostgreSQL speak this DDL alike);
# each backend adds its documents/records tables, its full-text index and its views.
POLICY_TABLES = """\
CREATE TABLE IF NOT EXISTS policies (
    policy_id TEXT PRIMARY KEY, authority_id TEXT NOT NULL, authority_parent TEXT, authority_name TEXT NOT NULL,
    level TEXT NOT NULL, change TEXT NOT NULL, instrument TEXT, from_day TEXT, to_day TEXT, until_day TEXT,
    open_ended INTEGER NOT NULL, year INTEGER, modes TEXT NOT NULL, policy TEXT NOT NULL,
    own_from TEXT, match_from TEXT, match_to TEXT);
CREATE INDEX IF NOT EXISTS policies_authority ON policies(authority_id);
CREATE INDEX IF NOT EXISTS policies_parent ON policies(authority_parent);
CREATE INDEX IF NOT EXISTS policies_from ON policies(from_day, until_day);
CREATE INDEX IF NOT EXISTS policies_instrument ON policies(instrument);
CREATE TABLE IF NOT EXISTS policy_sources (
    policy_id TEXT NOT NULL, record_id TEXT NOT NULL, doc_id TEXT NOT NULL, url TEXT, publisher TEXT,
    published TEXT, genre TEXT, PRIMARY KEY (policy_id, record_id));
CREATE INDEX IF NOT EXISTS policy_sources_doc ON policy_sources(doc_id);
CREATE INDEX IF NOT EXISTS policy_sources_record ON policy_sources(record_id);
CREATE INDEX IF NOT EXISTS policies_match ON policies(authority_id, match_from, match_to);
CREATE TABLE IF NOT EXISTS policy_links (
    policy_id TEXT NOT NULL, type TEXT NOT NULL, target_id TEXT NOT NULL, PRIMARY KEY (policy_id, type, target_id));
CREATE INDEX IF NOT EXISTS policy_links_target ON policy_links(target_id);
CREATE TABLE IF NOT EXISTS policy_terms (
    policy_id TEXT NOT NULL, kind TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (policy_id, kind, value));
CREATE INDEX IF NOT EXISTS policy_terms_value ON policy_terms(kind, value);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
"""

BatchItem = tuple[DocumentLine, list[Record], str | None, str | None]  # (line, records, text, version)

_DOC_COLS = ("doc_id", "sha256", "version", "status", "kind", "publisher", "url", "published",
             "line", "text", "updated_at")


class Archive:
    """Documents, records and policies of one archive (SQLite file or PostgreSQL database)."""

    backend = "?"
    target = ""
    readonly = False

    # --- dialect hooks ---------------------------------------------------------------------

    def _exec(self, sql: str, params: Iterable[Any] = ()) -> Any:
        raise NotImplementedError

    def _many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        raise NotImplementedError

    def _write(self) -> AbstractContextManager[None]:
        """One write transaction, exclusive among writers."""
        raise NotImplementedError

    def _fts_clause(self) -> str:
        """SQL selecting doc_ids whose text matches the one ``?`` parameter."""
        raise NotImplementedError

    def _fts_param(self, text: str) -> str:
        return text

    def _fts_put(self, doc_id: str, text: str | None) -> None:
        """Index (or re-index) one document's text; called after its row is written."""

    def _fts_drop(self, doc_id: str) -> None:
        """Drop one document's text from the index; called before its row is replaced."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _all(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        return list(self._exec(sql, params).fetchall())

    def _one(self, sql: str, params: Iterable[Any] = ()) -> tuple[Any, ...] | None:
        row = self._exec(sql, params).fetchone()
        return tuple(row) if row is not None else None

    # --- what the pipeline calls ------------------------------------------------------------

    def known_many(self, doc_ids: list[str]) -> dict[str, tuple[str | None, str | None, str]]:
        """doc_id -> (sha256, version, line JSON) for the ids the archive holds."""
        out: dict[str, tuple[str | None, str | None, str]] = {}
        for i in range(0, len(doc_ids), 500):
            chunk = doc_ids[i:i + 500]
            q = f"SELECT doc_id, sha256, version, line FROM documents WHERE doc_id IN ({','.join('?' * len(chunk))})"
            for doc_id, sha, version, line in self._all(q, chunk):
                out[doc_id] = (sha, version, line)
        return out

    def known(self, doc_id: str) -> tuple[str | None, str | None] | None:
        row = self._one("SELECT sha256, version FROM documents WHERE doc_id = ?", (doc_id,))
        return (row[0], row[1]) if row else None

    def line(self, doc_id: str) -> dict:
        row = self._one("SELECT line FROM documents WHERE doc_id = ?", (doc_id,))
        return json.loads(row[0]) if row else {}

    def write_batch(self, items: Iterable[BatchItem]) -> None:
        """Upsert documents and records, then re-consolidate the authorities they touch: one
        transaction. A failed re-read of a document stored ok keeps the ok version and records
        the failed attempt in ``last_attempt``."""
        items = list(items)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._write():
            touched: dict[str, _Seeds] = {}
            for line, records, text, version in items:
                old = self._one("SELECT status FROM documents WHERE doc_id = ?", (line.doc_id,))
                if old is not None and old[0] == "ok" and line.status != "ok":
                    self._exec("UPDATE documents SET last_attempt = ?, updated_at = ? WHERE doc_id = ?",
                               (line.model_dump_json(), now, line.doc_id))
                    continue
                if old is not None:
                    for rid, aid, rec in self._all("SELECT record_id, authority, record FROM records WHERE doc_id = ?",
                                                   (line.doc_id,)):
                        touched.setdefault(aid, _Seeds()).add(rid, json.loads(rec), old=True)
                    self._fts_drop(line.doc_id)
                    self._exec("DELETE FROM records WHERE doc_id = ?", (line.doc_id,))
                self._exec(
                    f"INSERT INTO documents ({', '.join(_DOC_COLS)}, last_attempt) "
                    f"VALUES ({', '.join('?' * len(_DOC_COLS))}, NULL) ON CONFLICT (doc_id) DO UPDATE SET "
                    + ", ".join(f"{c} = excluded.{c}" for c in _DOC_COLS[1:]) + ", last_attempt = NULL",
                    (line.doc_id, line.sha256, version, line.status, line.kind, line.publisher,
                     line.url or line.canonical_url, line.published, line.model_dump_json(), text, now))
                if text:
                    self._fts_put(line.doc_id, text)
                if records:
                    self._many(
                        'INSERT INTO records (record_id, doc_id, authority, start, "end", record) '
                        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (record_id) DO UPDATE SET doc_id = excluded.doc_id, "
                        'authority = excluded.authority, start = excluded.start, "end" = excluded."end", '
                        "record = excluded.record",
                        [(r.record_id, r.doc_id, r.authority.id, r.effective.start, r.effective.end,
                          r.model_dump_json()) for r in records])
                for r in records:
                    touched.setdefault(r.authority.id, _Seeds()).add(r.record_id, r.model_dump(mode="json"))
            for aid in sorted(touched):
                self._consolidate(aid, touched[aid])
            self._bump()

    def consolidate_all(self) -> int:
        """Re-consolidate every authority (an archive written before policies existed); returns policies."""
        with self._write():
            for (aid,) in self._all("SELECT DISTINCT authority FROM records ORDER BY authority"):
                self._consolidate(aid, None)
            self._bump()
        return int(self._one("SELECT count(*) FROM policies")[0])  # type: ignore[index]

    def _bump(self) -> None:
        self._exec("UPDATE meta SET value = value + 1 WHERE key = 'revision'")

    def _consolidate(self, aid: str, seeds: _Seeds | None) -> None:
        """Re-consolidate the part of one authority that changed records can affect.

        ``seeds`` = the records removed and added (None: the whole authority). The policies to
        redo are those holding a removed record, sharing an instrument with a changed record, or
        whose match span (first to last day their records cover) touches a changed record's; the
        set grows (by the periods of changed records, of records without an instrument and of
        instrument policies that gained or lost records) until nothing new is touched (a fixpoint),
        so the result equals consolidating the whole authority (docs/archive.md "Consolidation")."""
        if seeds is None:
            pids = {pid for (pid,) in self._all("SELECT policy_id FROM policies WHERE authority_id = ?", (aid,))}
            rows = self._rows("r.authority = ?", [aid])
            result = regroup(rows)
        else:
            pids = set(self._in("SELECT policy_id FROM policy_sources WHERE record_id IN ({})", sorted(seeds.old)))
            spans, insts = list(seeds.spans), sorted(seeds.instruments)
            loaded: set[str] | None = None
            while True:
                found = set(pids)
                found |= set(self._in("SELECT policy_id FROM policies WHERE authority_id = ? AND instrument IN ({})",
                                      insts, [aid]))
                for a, b in _merge(spans):
                    found |= {pid for (pid,) in self._all(
                        "SELECT policy_id FROM policies WHERE authority_id = ? AND match_from <= ? AND match_to >= ?",
                        (aid, _shift(b, 1), _shift(a, -1)))}
                if found == loaded:
                    break
                loaded = found
                rows = self._rows("r.authority = ? AND r.record_id IN (SELECT record_id FROM policy_sources "
                                  "WHERE policy_id IN ({}))", [aid], sorted(found))
                have = {sr.record_id for sr in rows}
                rows += [sr for sr in self._rows("r.authority = ? AND r.record_id IN ({})", [aid], sorted(seeds.new))
                         if sr.record_id not in have]
                result = regroup(rows)
                # what can change beyond the loaded set: records touching a changed record, a record
                # without an instrument (it may re-home or join a component), or an instrument policy
                # that gained or lost records; an unchanged instrument policy touching others does not
                changed = seeds.old | seeds.new
                spans = list(seeds.spans)
                spans += [(a, b) for p, (a, b) in result
                          if a and b and any(src.record_id in changed for src in p.sources)]
                spans += [(a, b) for sr in rows if not (sr.record.get("instrument") or {}).get("id")
                          for a, b in [match_span([sr])] if a and b]
            pids = loaded
        self._drop(sorted(pids))
        self._put(result)
        self._relink(aid)
        self._follow(aid)

    def _rows(self, cond: str, params: list[Any], ids: list[str] | None = None) -> list[SourceRecord]:
        sql = ("SELECT r.record, d.kind, d.published, d.url, d.publisher FROM records r "
               "JOIN documents d ON d.doc_id = r.doc_id WHERE " + cond)
        if ids is None:
            found = self._all(sql, params)
        else:
            found = self._in(sql, ids, params, raw=True)
        return [SourceRecord(json.loads(rec), kind, published, url, publisher)
                for rec, kind, published, url, publisher in found]

    def _in(self, sql: str, ids: list[str], params: list[Any] | None = None, raw: bool = False) -> list[Any]:
        """Run ``sql`` with its ``{}`` an IN list of ``ids`` (in chunks); first column unless ``raw``."""
        out: list[Any] = []
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            rows = self._all(sql.format(",".join("?" * len(chunk))), [*(params or []), *chunk])
            out += rows if raw else [r[0] for r in rows]
        return out

    def _drop(self, pids: list[str]) -> None:
        for i in range(0, len(pids), 500):
            chunk = pids[i:i + 500]
            marks = ",".join("?" * len(chunk))
            self._exec(
                f"DELETE FROM policy_links WHERE policy_id IN ({marks}) OR target_id IN ({marks})", chunk + chunk
            )
            for table in ("policy_sources", "policy_terms", "policies"):
                self._exec(f"DELETE FROM {table} WHERE policy_id IN ({marks})", chunk)

    def _relink(self, aid: str) -> None:
        """Chain links (extends / amends / revokes) of one authority, from light columns; rewrites
        only the policies whose link or inferred start changed."""
        rows = self._all("SELECT policy_id, change, own_from, to_day, instrument, from_day FROM policies "
                         "WHERE authority_id = ?", (aid,))
        if not any(r[1] != "new" for r in rows):
            return
        cites: dict[str, list[str]] = {}
        for pid, value in self._all("SELECT t.policy_id, t.value FROM policy_terms t WHERE t.kind = 'cites' AND "
                                    "t.policy_id IN (SELECT policy_id FROM policies WHERE authority_id = ? "
                                    "AND change <> 'new')", (aid,)):
            cites.setdefault(pid, []).append(value)
        items = [ChainItem(pid, change, own, to, inst, tuple(sorted(cites.get(pid, ()))))
                 for pid, change, own, to, inst, _ in rows]
        current: dict[str, tuple[str, str]] = {
            pid: (typ, target) for pid, typ, target in self._all(
                "SELECT policy_id, type, target_id FROM policy_links WHERE type <> 'follows' AND policy_id IN "
                "(SELECT policy_id FROM policies WHERE authority_id = ?)", (aid,))}
        from_days = {r[0]: r[5] for r in rows}
        for pid, (link, from_day) in sorted(chain(items).items()):
            if current.get(pid) == link and from_days[pid] == from_day:
                continue
            row = self._one("SELECT policy FROM policies WHERE policy_id = ?", (pid,))
            p = Policy.model_validate_json(row[0])  # type: ignore[index]
            apply_chain(p, link, from_day)
            e = p.effective
            self._exec("UPDATE policies SET policy = ?, from_day = ?, until_day = ?, year = ? WHERE policy_id = ?",
                       (p.model_dump_json(), e.from_day, _until(p), int(e.from_day[:4]) if e.from_day else None, pid))
            self._exec("DELETE FROM policy_links WHERE policy_id = ? AND type <> 'follows'", (pid,))
            if link:
                self._exec("INSERT INTO policy_links VALUES (?, ?, ?)", (pid, link[0], link[1]))

    def _put(self, policies: list[tuple[Policy, tuple[str | None, str | None]]]) -> None:
        prow: list[tuple[Any, ...]] = []
        srow: list[tuple[Any, ...]] = []
        lrow: list[tuple[Any, ...]] = []
        trow: list[tuple[str, str, str]] = []
        for p, (match_from, match_to) in policies:
            e = p.effective
            prow.append((p.policy_id, p.authority.id, p.authority.parent, p.authority.name, p.authority.level,
                         p.change, p.instrument, e.from_day, e.to_day, _until(p), int(e.open_ended),
                         int(e.from_day[:4]) if e.from_day else None, ",".join(p.modes), p.model_dump_json(),
                         e.from_day, match_from, match_to))
            srow += [(p.policy_id, s.record_id, s.doc_id, s.url, s.publisher, s.published, s.genre) for s in p.sources]
            lrow += [(p.policy_id, ln.type, ln.policy_id) for ln in p.links]
            trow += [(p.policy_id, "mode", m) for m in p.modes]
            trow += [(p.policy_id, "exemption", x.category) for x in p.exemptions]
            trow += [(p.policy_id, "cites", i) for i in p.legal_basis]
            if p.instrument:
                trow.append((p.policy_id, "instrument", p.instrument))
        if prow:
            self._many("INSERT INTO policies VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", prow)
        if srow:
            self._many("INSERT INTO policy_sources VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", srow)
        if lrow:
            self._many("INSERT INTO policy_links VALUES (?, ?, ?) ON CONFLICT DO NOTHING", lrow)
        if trow:
            self._many("INSERT INTO policy_terms VALUES (?, ?, ?) ON CONFLICT DO NOTHING", trow)

    def _follow(self, aid: str) -> None:
        """``follows`` links: these policies -> central policies of the instruments they cite, and,
        for a central authority, every policy citing these policies' instruments -> them."""
        self._exec("INSERT INTO policy_links SELECT t.policy_id, 'follows', c.policy_id FROM policy_terms t "
                   "JOIN policies c ON c.instrument = t.value AND c.level = 'central' "
                   "WHERE t.policy_id IN (SELECT policy_id FROM policies WHERE authority_id = ?) "
                   "AND t.kind = 'cites' AND c.policy_id <> t.policy_id "
                   "ON CONFLICT DO NOTHING", (aid,))
        if aid.startswith("central:"):
            self._exec("INSERT INTO policy_links SELECT t.policy_id, 'follows', c.policy_id FROM policy_terms t "
                       "JOIN policies c ON c.instrument = t.value "
                       "WHERE t.kind = 'cites' AND c.authority_id = ? AND c.policy_id <> t.policy_id "
                       "ON CONFLICT DO NOTHING", (aid,))

    # --- what researchers and the engine call -----------------------------------------------

    def revision(self) -> str:
        """Changes whenever the archive content changes (a counter bumped by every write)."""
        row = self._one("SELECT value FROM meta WHERE key = 'revision'")
        return f"{self.backend}:{row[0] if row else 0}"

    def policies(self, **filters: Any) -> list[Policy]:
        """Policies matching the filters of ``edaran query`` (authority, date, date_from, date_to,
        mode, exemption, instrument, text), sorted by authority, start and id. With ``date``, only
        the version in force that day: recurrence weekdays hold and no later policy that extends,
        amends or revokes it is in force that day."""
        flt = filters.pop("_parsed", None) or parse_filters(**filters)
        return self._policies(flt)

    def _policies(self, flt: Filters) -> list[Policy]:
        if flt.authority_like and self._one("SELECT 1 FROM policies WHERE lower(authority_name) LIKE ? LIMIT 1",
                                            (f"%{flt.authority_like}%",)) is None:
            raise ConfigError(
                f"unknown authority {flt.authority_like!r}: no region, central body or archived "
                "authority has that name",
                hint="--authority takes region:<code>, central:<slug> or a name",
            )
        cond, params = where(flt, self._fts_clause())
        if flt.text:
            params[-1] = self._fts_param(flt.text)
        rows = self._all(f"SELECT p.policy FROM policies p WHERE {cond}", params)
        found = [Policy.model_validate_json(r[0]) for r in rows]
        if flt.date:
            found = [p for p in found if policy_in_force(p, flt.date)]
            found = [p for p in found if not self._superseded(p, flt.date)]
        self._attach_follows(found)
        return sorted(found, key=lambda p: (p.authority.id, p.effective.from_day or "", p.policy_id))

    def _superseded(self, p: Policy, day: str) -> bool:
        for (pol,) in self._all("SELECT q.policy FROM policy_links l JOIN policies q ON q.policy_id = l.policy_id "
                                "WHERE l.target_id = ? AND l.type IN ('extends', 'amends', 'revokes')",
                                (p.policy_id,)):
            q = Policy.model_validate_json(pol)
            if policy_in_force(q, day) or (q.change == "revocation" and (q.effective.from_day or "9") <= day):
                return True
        return False

    def _attach_follows(self, found: list[Policy]) -> None:
        ids = [p.policy_id for p in found]
        follows: dict[str, list[str]] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            for pid, target in self._all(
                    f"SELECT policy_id, target_id FROM policy_links WHERE type = 'follows' "
                    f"AND policy_id IN ({','.join('?' * len(chunk))})", chunk):
                follows.setdefault(pid, []).append(target)
        for p in found:
            p.follows = sorted(follows.get(p.policy_id, []))

    def policy(self, policy_id: str) -> Policy | None:
        row = self._one("SELECT policy FROM policies WHERE policy_id = ?", (policy_id,))
        if row is None:
            return None
        p = Policy.model_validate_json(row[0])
        self._attach_follows([p])
        return p

    def evidence(self, policy_id: str) -> list[EvidenceSentence]:
        """Every evidence span of the policy's records, widened to its sentence, with its source."""
        out: list[EvidenceSentence] = []
        rows = self._all("SELECT s.record_id, s.doc_id, s.url, s.publisher, s.published, r.record, d.text "
                         "FROM policy_sources s JOIN records r ON r.record_id = s.record_id "
                         "JOIN documents d ON d.doc_id = s.doc_id WHERE s.policy_id = ? "
                         "ORDER BY s.published, s.doc_id, s.record_id", (policy_id,))
        for record_id, doc_id, url, publisher, published, rec, text in rows:
            text = text or ""
            for ev in json.loads(rec).get("evidence", []):
                a, b = _sentence(text, ev["start"], ev["end"])
                out.append(EvidenceSentence(policy_id=policy_id, record_id=record_id, doc_id=doc_id, url=url,
                                            publisher=publisher, published=published, field=ev["field"],
                                            rule=ev.get("rule"), text=text[a:b] if text else ev["text"],
                                            start=a, end=b, span_start=ev["start"], span_end=ev["end"]))
        return out

    def documents(self) -> list[dict]:
        """Every documents.jsonl line, by doc_id."""
        return list(self.lines())

    def lines(self) -> Iterator[dict]:
        for (line,) in self._all("SELECT line FROM documents ORDER BY doc_id"):
            yield json.loads(line)

    def records(self) -> Iterator[dict]:
        for (rec,) in self._all("SELECT record FROM records ORDER BY doc_id, record_id"):
            yield json.loads(rec)

    def counts(self) -> dict[str, int]:
        out = {k: int(v) for k, v in self._all("SELECT status, count(*) FROM documents GROUP BY status")}
        for table in ("records", "policies"):
            out[table] = int(self._one(f"SELECT count(*) FROM {table}")[0])  # type: ignore[index]
        return out


class _Seeds:
    """The records a batch removes (``old``) and adds (``new``) for one authority, with their match
    periods and instruments."""

    def __init__(self) -> None:
        self.old: set[str] = set()
        self.new: set[str] = set()
        self.spans: list[tuple[str, str]] = []
        self.instruments: set[str] = set()

    def add(self, record_id: str, record: dict[str, Any], old: bool = False) -> None:
        (self.old if old else self.new).add(record_id)
        a, b = match_span([SourceRecord(record)])
        if a and b:
            self.spans.append((a, b))
        inst = (record.get("instrument") or {}).get("id")
        if inst:
            self.instruments.add(inst)


def _shift(day: str, days: int) -> str:
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


def _merge(spans: list[tuple[str, str]]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for a, b in sorted(spans):
        if out and a <= _shift(out[-1][1], 1):
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _until(p: Policy) -> str | None:
    """The ``until_day`` column: last day the policy can be in force (None: never, no start)."""
    e = p.effective
    if not e.from_day:
        return None
    return e.to_day or e.horizon_day or ("9999-12-31" if e.open_ended else e.from_day)


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around text[start:end]: from after the previous '.', '!', '?' or newline."""
    if not text:
        return start, end
    a = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
    ends = [i for c in ".!?\n" if (i := text.find(c, end)) != -1]
    b = min(ends) + 1 if ends else len(text)
    while a < start and text[a].isspace():
        a += 1
    return a, min(max(b, end), len(text))
