"""The filters of ``edaran query`` / ``Archive.policies(**filters)``: validated, then turned into
one portable SQL ``WHERE`` (``?`` placeholders; each backend supplies its full-text clause).

Bad input (an unknown authority, an impossible date, an unknown mode) raises ``ConfigError``
with a hint naming the flag, so the CLI prints one line and exits 2.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from pipeline.errors import ConfigError

__all__ = ["Filters", "parse_filters", "render", "resolve_authority", "run_query", "where"]

_MODES = ("WFO", "WFH", "WFA", "WFF")
_LEXICONS = Path(__file__).resolve().parent.parent.parent / "extractors" / "lexicons"


@dataclass(frozen=True)
class Filters:
    authorities: tuple[str, ...] = ()  # authority ids; a province id also matches its kabupaten/kota
    authority_like: str | None = None  # a name that is in no lexicon: substring of the stored name
    date: str | None = None  # in force that day
    date_from: str | None = None
    date_to: str | None = None
    mode: str | None = None
    exemption: str | None = None
    instrument: str | None = None
    text: str | None = None


def _day(value: str | None, flag: str) -> str | None:
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise ConfigError(f"{flag} {value!r} is not a date", hint=f"give {flag} as YYYY-MM-DD") from None


@cache
def _names() -> dict[str, list[str]]:
    """lower-case name -> authority ids, from the region and central-body lexicons."""
    out: dict[str, list[str]] = {}
    regions = json.loads((_LEXICONS / "authority_regions.json").read_text(encoding="utf-8"))["regions"]
    for code, name, _kind in regions:
        aid = f"region:{code}"
        for n in {name.lower(), re.sub(r"^(kabupaten|kota|provinsi)\s+", "", name.lower())}:
            out.setdefault(n, []).append(aid)
    aliases = json.loads((_LEXICONS / "regions_aliases.json").read_text(encoding="utf-8")).get("aliases", [])
    by_name = {name.lower(): f"region:{code}" for code, name, _kind in regions}
    for a in aliases:  # "DKI Jakarta", "Jabar", "Tangsel": short forms the Kemendagri table lacks
        targets = a.get("target")
        for t in targets if isinstance(targets, list) else [targets]:
            for cand in (str(t).lower(), f"provinsi {str(t).lower()}", f"kota {str(t).lower()}"):
                if cand in by_name and a.get("alias"):
                    out.setdefault(str(a["alias"]).lower(), []).append(by_name[cand])
                    break
    try:
        central = json.loads((_LEXICONS / "central_bodies.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        central = {}
    for item in central.get("bodies", []) if isinstance(central, dict) else []:
        if isinstance(item, dict) and item.get("slug"):
            aid = f"central:{item['slug']}"
            for n in [item["slug"], item.get("name"), item.get("issuer"), *(item.get("body") or [])]:
                if n:
                    out.setdefault(str(n).lower(), []).append(aid)
    return out


@cache
def _known_ids() -> frozenset[str]:
    return frozenset(i for ids in _names().values() for i in ids)


def resolve_authority(value: str) -> tuple[tuple[str, ...], str | None]:
    """'region:36' | 'central:kemenpanrb' | 'Bandung' -> (ids, name substring for unknown names)."""
    v = value.strip()
    if not v:
        raise ConfigError("--authority is empty", hint="give an id like region:32.73 or a name like Bandung")
    if v.startswith("region:"):
        if not re.fullmatch(r"region:\d{2}(\.\d{2})?", v) or v not in _known_ids():
            raise ConfigError(f"unknown authority {v!r}",
                              hint="--authority takes a Kemendagri code such as region:32 or region:32.73")
        return (v,), None
    if v.startswith("central:"):
        if v not in _known_ids():
            raise ConfigError(f"unknown authority {v!r}", hint="--authority central:<slug>, e.g. central:kemenpanrb")
        return (v,), None
    if ":" in v:
        raise ConfigError(f"unknown authority {v!r}", hint="--authority takes region:<code>, central:<slug> or a name")
    key = v.lower()
    ids = _names().get(key)
    if ids:
        return tuple(sorted(set(ids))), None
    partial = sorted({i for n, idl in _names().items() if key in n for i in idl})
    if partial:
        return tuple(partial), None
    if len(key) < 3:
        raise ConfigError(f"unknown authority {v!r}", hint="--authority takes an id or at least 3 letters of a name")
    return (), key  # a central body or a name the lexicon lacks: match the stored names


def parse_filters(*, authority: str | None = None, date: str | None = None, date_from: str | None = None,
                  date_to: str | None = None, mode: str | None = None, exemption: str | None = None,
                  instrument: str | None = None, text: str | None = None) -> Filters:
    ids: tuple[str, ...] = ()
    like = None
    if authority is not None:
        ids, like = resolve_authority(authority)
    d, f, t = _day(date, "--date"), _day(date_from, "--from"), _day(date_to, "--to")
    if f and t and f > t:
        raise ConfigError(f"--from {f} is after --to {t}", hint="swap --from and --to")
    m = None
    if mode:
        m = mode.strip().upper()
        if m not in _MODES:
            raise ConfigError(f"unknown mode {mode!r}", hint=f"--mode is one of {', '.join(_MODES)}")
    if text is not None and not re.findall(r"\w+", text):
        raise ConfigError("--text has no words", hint="give --text one or more words")
    return Filters(authorities=ids, authority_like=like, date=d, date_from=f, date_to=t, mode=m,
                   exemption=exemption.strip().lower() if exemption else None,
                   instrument=instrument.strip().upper() if instrument else None, text=text)


def where(flt: Filters, text_clause: str) -> tuple[str, list[object]]:
    """Portable SQL condition over ``policies p`` (``text_clause`` holds the backend's FTS test)."""
    conds: list[str] = []
    params: list[object] = []
    if flt.authorities:
        marks = ",".join("?" * len(flt.authorities))
        conds.append(f"(p.authority_id IN ({marks}) OR p.authority_parent IN ({marks}))")
        params += list(flt.authorities) * 2
    if flt.authority_like:
        conds.append("lower(p.authority_name) LIKE ?")
        params.append(f"%{flt.authority_like}%")
    if flt.date:
        conds.append("p.from_day <= ? AND p.until_day >= ?")
        params += [flt.date, flt.date]
    if flt.date_from:
        conds.append("p.until_day >= ?")
        params.append(flt.date_from)
    if flt.date_to:
        conds.append("p.from_day <= ?")
        params.append(flt.date_to)
    narrow = bool(flt.authorities or flt.authority_like or flt.date or flt.date_from or flt.date_to)
    for kind, value in (("mode", flt.mode), ("exemption", flt.exemption)):
        if value and narrow:  # a mode matches most policies: test it per row the date/authority index finds
            conds.append("EXISTS (SELECT 1 FROM policy_terms t WHERE t.policy_id = p.policy_id "
                         "AND t.kind = ? AND t.value = ?)")
            params += [kind, value]
        elif value:
            conds.append("p.policy_id IN (SELECT t.policy_id FROM policy_terms t WHERE t.kind = ? AND t.value = ?)")
            params += [kind, value]
    if flt.instrument:
        conds.append("p.policy_id IN (SELECT t.policy_id FROM policy_terms t "
                     "WHERE t.kind IN ('instrument', 'cites') AND t.value = ?)")
        params.append(flt.instrument)
    if flt.text:
        conds.append(f"p.policy_id IN (SELECT s.policy_id FROM policy_sources s WHERE s.doc_id IN ({text_clause}))")
        params.append(flt.text)
    return (" AND ".join(conds) or "1=1"), params


# --- output of `edaran query` ------------------------------------------------------------------

_CSV_COLUMNS = ("policy_id", "authority_id", "authority_name", "level", "parent", "change", "from_day", "to_day",
                "open_ended", "horizon_day", "days_of_week", "modes", "quotas", "exemptions", "instrument",
                "legal_basis", "follows", "links", "conflicts", "sources")


def _quota_text(q: Any) -> str:
    cond = f" if {q.condition}" if q.condition else ""
    return f"{q.mode}{q.op}{q.percent:g}% {q.scope}{cond}"


def _csv_row(p: Any) -> dict[str, object]:
    e = p.effective
    return {
        "policy_id": p.policy_id, "authority_id": p.authority.id, "authority_name": p.authority.name,
        "level": p.authority.level, "parent": p.authority.parent or "", "change": p.change,
        "from_day": e.from_day or "", "to_day": e.to_day or "", "open_ended": str(e.open_ended).lower(),
        "horizon_day": e.horizon_day or "", "days_of_week": " ".join(e.recurrence.days_of_week) if e.recurrence else "",
        "modes": " ".join(p.modes), "quotas": "; ".join(_quota_text(q) for q in p.quotas),
        "exemptions": " ".join(x.category for x in p.exemptions), "instrument": p.instrument or "",
        "legal_basis": " ".join(p.legal_basis), "follows": " ".join(p.follows),
        "links": " ".join(f"{ln.type}:{ln.policy_id}" for ln in p.links),
        "conflicts": "; ".join(f"{c.field}={c.chosen}" for c in p.conflicts),
        "sources": " ".join(s.doc_id for s in p.sources),
    }


def _until_text(p: Any) -> str:
    e = p.effective
    if e.to_day:
        return e.to_day
    if e.open_ended:
        return "until further notice"
    return f"unknown (assumed <= {e.horizon_day})" if e.horizon_day else "unknown"


def render(policies: list[Any], fmt: str) -> str:
    """policies -> the text `edaran query` prints: a JSON list, CSV, or a table."""
    if fmt == "json":
        return json.dumps([p.model_dump(mode="json") for p in policies], ensure_ascii=False, indent=2)
    if fmt == "csv":
        import csv

        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=_CSV_COLUMNS, lineterminator="\n")
        w.writeheader()
        for p in policies:
            w.writerow(_csv_row(p))
        return buf.getvalue().rstrip("\n")
    if fmt != "table":
        raise ConfigError(f"unknown format {fmt!r}", hint="--format is table, json or csv")
    from rich.console import Console
    from rich.table import Table

    t = Table(title=f"{len(policies)} policies")
    for col in ("policy", "authority", "from", "to", "days", "modes", "quotas", "instrument", "sources"):
        t.add_column(col)
    for p in policies:
        e = p.effective
        t.add_row(
            p.policy_id,
            f"{p.authority.name} ({p.authority.id})" + (f" [{p.change}]" if p.change != "new" else ""),
            e.from_day or "?",
            _until_text(p),
            " ".join(e.recurrence.days_of_week) if e.recurrence else "",
            " ".join(p.modes),
            "\n".join(_quota_text(q) for q in p.quotas),
            p.instrument or "",
            str(len(p.sources)),
        )
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(t)
    return console.export_text().rstrip("\n")


def run_query(archive: str, fmt: str = "table", **filters: Any) -> str:
    """`edaran query`: open the archive read-only, filter, render."""
    from pipeline.archive import open_archive

    if fmt not in ("table", "json", "csv"):
        raise ConfigError(f"unknown format {fmt!r}", hint="--format is table, json or csv")
    flt = parse_filters(**filters)  # bad input fails before the archive is opened
    with open_archive(archive, readonly=True) as arc:
        return render(arc.policies(_parsed=flt), fmt)
