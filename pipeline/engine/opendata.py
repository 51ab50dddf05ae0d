"""Open data: policies, policy_sources, quotas, exemptions, records, documents and the daily
stringency index as CSV + Parquet, described by a Frictionless ``datapackage.json``.

The package describes the CSV files (types, enums from the taxonomy lexicons, primary and
foreign keys, licence, a ``codebook`` of every code); each resource names its Parquet twin in
``edaran:parquet`` (same columns, typed: dates as date32, counts as int64). List-valued
columns (modes, reasons, legal_basis, ...) are ``;``-joined in both. Documents are metadata
only: no text; records carry no evidence text (the record JSON Schema is written beside them).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

from pipeline.engine.taxonomy import MODES, UNITS

__all__ = ["CODEBOOK", "LICENSE", "TABLES", "build_tables", "write_open_data"]

LICENSE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
           "path": "https://creativecommons.org/licenses/by/4.0/"}

_EXEMPTION_MEANING = {
    "public_service_direct": "units serving the public directly",
    "health": "health: hospitals, RSUD, puskesmas, health office, health workers",
    "security_order": "security and public order: Satpol PP, trantib",
    "disaster": "disaster response: BPBD, fire brigade (damkar)",
    "energy": "energy", "logistics": "logistics", "postal": "postal services",
    "transport_distribution": "transport and distribution: transport office (dishub)",
    "vital_objects": "national vital objects", "strategic_projects": "national strategic projects",
    "construction": "construction",
    "basic_utilities": "basic utilities: clean water (PDAM), cleaning, waste",
    "civil_registration": "civil registration (Disdukcapil)",
    "licensing": "licensing, one-stop service (DPMPTSP)",
    "subdistrict_office": "kecamatan and kelurahan offices",
    "education": "schools, education, teachers", "social_services": "social services",
    "role:treasurer": "treasurers (bendahara)", "role:supervisor": "supervisors (pengawas)",
    "role:activity_lead": "activity leads (pimpinan kegiatan)",
    "role:leadership": "leadership, structural officials (eselon)",
    "other": "any other unit (the record keeps the text)",
}
_UNIT_MEANING = {**_EXEMPTION_MEANING,
                 "all": "all staff of the authority",
                 "admin_support": "administration and leadership-support units (secretariat, protocol, policy, PR)"}
CODEBOOK: dict[str, dict[str, str]] = {
    "authority_level": {"provinsi": "province (Kemendagri code NN)", "kota": "city (NN.7N)",
                        "kabupaten": "regency (NN.NN)", "central": "central government body (central:<slug>)"},
    "change": {"new": "a new rule", "extension": "extends an earlier rule's period",
               "amendment": "changes an earlier rule", "revocation": "ends an earlier rule: back to full WFO"},
    "precision": {"day": "the day was stated", "week": "a week was stated: first/last day of the ISO week",
                  "month": "a month was stated: first/last day of the month"},
    "mode": {"WFO": "work from office", "WFH": "work from home", "WFA": "work from anywhere",
             "WFF": "flexible working hours"},
    "op": {"<=": "at most", ">=": "at least", "=": "exactly", "<": "less than", ">": "more than"},
    "unit": {k: _UNIT_MEANING[k] for k in UNITS if k in _UNIT_MEANING},
    "exemption": {k: _EXEMPTION_MEANING[k] for k in UNITS if k in _EXEMPTION_MEANING},
    "reason": {"covid19": "COVID-19 pandemic", "air_pollution": "air pollution",
               "holiday_travel": "holiday travel (mudik, Lebaran, cuti bersama)", "traffic": "traffic congestion",
               "event": "a major event (KTT ASEAN ...)", "efficiency": "saving budget or energy",
               "flexibility": "standing flexible-work rules", "disaster": "a disaster", "other": "another reason"},
    "weekday": {d: d for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")},
    "status": {"ok": "extracted", "failed": "could not be processed (see error)",
               "skipped": "not processed (format, size, not relevant)"},
    "view": {"GOV": "the authority's own rules", "TOTAL": "own, province and national rules: the higher level"},
    "index": {"0": "no measure", "1": "WFH recommended or allowed",
              "2": "WFH required for some units, or a partial quota",
              "3": "WFH required for all but essential (exempt) services"},
    "targeted": {"true": "the level comes from quotas for some units only", "false": "applies to all staff",
                 "": "no measure (index 0)"},
}


def _list_pattern(codes: list[str]) -> str:
    alt = "|".join(c.replace(".", r"\.") for c in codes)
    return f"^({alt})(;({alt}))*$"


def _f(name: str, type_: str, desc: str, **constraints: Any) -> dict[str, Any]:
    field: dict[str, Any] = {"name": name, "type": type_, "description": desc}
    if constraints:
        field["constraints"] = constraints
    return field


_AUTH = r"^(region:\d{2}(\.\d{2})?|central:[a-z0-9][a-z0-9_-]*)$"
_S = "string"
TABLES: dict[str, dict[str, Any]] = {
    "policies": {
        "description": "one row per policy (the archive's consolidated rule)",
        "primaryKey": ["policy_id"],
        "fields": [
            _f("policy_id", _S, "stable policy id", required=True, unique=True),
            _f("authority_id", _S, "region:<Kemendagri code> or central:<slug>", required=True, pattern=_AUTH),
            _f("authority_name", _S, "name of the authority"),
            _f("authority_level", _S, "codebook authority_level", enum=list(CODEBOOK["authority_level"])),
            _f("authority_parent", _S, "the province of a kota/kabupaten"),
            _f("change", _S, "codebook change", enum=list(CODEBOOK["change"])),
            _f("from_day", "date", "first day in force"),
            _f("from_precision", _S, "codebook precision", enum=list(CODEBOOK["precision"])),
            _f("to_day", "date", "last day in force, as stated"),
            _f("to_precision", _S, "codebook precision", enum=list(CODEBOOK["precision"])),
            _f("open_ended", "boolean", "in force until further notice"),
            _f("horizon_day", "date", "no end stated: in force up to this day (last source + 60 days)"),
            _f("in_force_to", "date", "last day the engine treats it as in force (after revocations); empty: open"),
            _f("recurrence_days", _S, "holds only on these weekdays (codebook weekday)",
               pattern=_list_pattern(list(CODEBOOK["weekday"]))),
            _f("modes", _S, "work modes (codebook mode)", pattern=_list_pattern(list(MODES))),
            _f("instrument", _S, "instrument id TYPE:ISSUER:NUMBER/YEAR"),
            _f("legal_basis", _S, "instrument ids it rests on"),
            _f("follows", _S, "policy ids of the central policies it applies"),
            _f("reasons", _S, "codebook reason", pattern=_list_pattern(list(CODEBOOK["reason"]))),
            _f("confidence", "number", "0..1", minimum=0, maximum=1),
            _f("n_sources", "integer", "documents it rests on", minimum=0),
            _f("n_conflicts", "integer", "fields where sources disagreed", minimum=0),
        ],
    },
    "policy_sources": {
        "description": "the documents (and records) each policy rests on",
        "primaryKey": ["policy_id", "seq"],
        "foreignKeys": [{"fields": ["policy_id"], "reference": {"resource": "policies", "fields": ["policy_id"]}},
                        {"fields": ["doc_id"], "reference": {"resource": "documents", "fields": ["doc_id"]}}],
        "fields": [
            _f("policy_id", _S, "policies.policy_id", required=True),
            _f("seq", "integer", "position in the policy's source list", required=True, minimum=0),
            _f("doc_id", _S, "documents.doc_id", required=True),
            _f("record_id", _S, "records.record_id of the record drawn from that document"),
            _f("url", _S, "where the document was read"),
            _f("publisher", _S, "publisher"),
            _f("published", _S, "publication day or time (ISO 8601)"),
            _f("genre", _S, "news or circular"),
        ],
    },
    "quotas": {
        "description": "WFH/WFO share rules of each policy",
        "primaryKey": ["policy_id", "seq"],
        "foreignKeys": [{"fields": ["policy_id"], "reference": {"resource": "policies", "fields": ["policy_id"]}}],
        "fields": [
            _f("policy_id", _S, "policies.policy_id", required=True),
            _f("seq", "integer", "position in the policy's quota list", required=True, minimum=0),
            _f("mode", _S, "codebook mode", enum=list(MODES)),
            _f("op", _S, "codebook op", enum=list(CODEBOOK["op"])),
            _f("percent", "number", "share of staff", minimum=0, maximum=100),
            _f("scope", _S, "codebook unit", enum=list(CODEBOOK["unit"])),
            _f("condition", _S, "a condition on the quota, e.g. zone:red, ppkm_level:4"),
        ],
    },
    "exemptions": {
        "description": "units that must keep working from the office under each policy",
        "primaryKey": ["policy_id", "category"],
        "foreignKeys": [{"fields": ["policy_id"], "reference": {"resource": "policies", "fields": ["policy_id"]}}],
        "fields": [
            _f("policy_id", _S, "policies.policy_id", required=True),
            _f("category", _S, "codebook exemption", required=True, enum=list(CODEBOOK["exemption"])),
        ],
    },
    "records": {
        "description": "per-document extraction records (record.schema.json), without evidence text",
        "primaryKey": ["record_id"],
        "foreignKeys": [{"fields": ["doc_id"], "reference": {"resource": "documents", "fields": ["doc_id"]}}],
        "fields": [
            _f("record_id", _S, "stable hash of doc_id + authority + instrument + period", required=True),
            _f("doc_id", _S, "documents.doc_id", required=True),
            _f("authority_id", _S, "authority code", pattern=_AUTH),
            _f("authority_name", _S, "authority name as written"),
            _f("authority_level", _S, "codebook authority_level", enum=list(CODEBOOK["authority_level"])),
            _f("instrument_id", _S, "instrument id"),
            _f("effective_start", _S, "ISO day, ISO week (2023-W35) or month"),
            _f("effective_end", _S, "ISO day, week or month"),
            _f("modes", _S, "codebook mode", pattern=_list_pattern(list(MODES))),
            _f("n_quotas", "integer", "quotas in the record", minimum=0),
            _f("n_exemptions", "integer", "exemptions in the record", minimum=0),
            _f("reasons", _S, "codebook reason", pattern=_list_pattern(list(CODEBOOK["reason"]))),
            _f("signed", _S, "signing date of the instrument"),
            _f("confidence", "number", "0..1", minimum=0, maximum=1),
            _f("record", "object", "the whole record as JSON, evidence removed"),
        ],
    },
    "documents": {
        "description": "document metadata (no text)",
        "primaryKey": ["doc_id"],
        "fields": [
            _f("doc_id", _S, "document id", required=True, unique=True),
            _f("status", _S, "codebook status", enum=list(CODEBOOK["status"])),
            _f("kind", _S, "news or circular"),
            _f("title", _S, "title"),
            _f("publisher", _S, "publisher"),
            _f("url", _S, "URL read"),
            _f("canonical_url", _S, "canonical URL"),
            _f("published", _S, "publication day or time (ISO 8601)"),
            _f("language", _S, "ISO 639-1"),
            _f("sha256", _S, "hash of the bytes read"),
            _f("fetched_at", _S, "fetch time (ISO 8601)"),
            _f("http_status", "integer", "HTTP status of the fetch"),
            _f("records", "integer", "records drawn from it", minimum=0),
            _f("error", _S, "one-line error with its code"),
            _f("stage", _S, "stage where it failed"),
            _f("text_chars", "integer", "length of the cleaned text", minimum=0),
            _f("pages", "integer", "PDF pages", minimum=0),
            _f("ocr_pages", "integer", "PDF pages read by OCR", minimum=0),
        ],
    },
    "stringency": {
        "description": "daily OxCGRT-C2-style index per authority (docs/stringency.md)",
        "primaryKey": ["authority", "date", "view"],
        "fields": [
            _f("authority", _S, "authority code", required=True, pattern=_AUTH),
            _f("date", "date", "day", required=True),
            _f("view", _S, "codebook view", required=True, enum=list(CODEBOOK["view"])),
            _f("index", "integer", "codebook index", required=True, minimum=0, maximum=3),
            _f("targeted", "boolean", "codebook targeted"),
            _f("policies", _S, "policy ids that set the level, ;-joined"),
        ],
    },
}


def _join(values: Any) -> str | None:
    items = [str(v) for v in values or [] if v is not None and str(v) != ""]
    return ";".join(items) if items else None


def _policy_rows(policies: list[dict[str, Any]], book: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    pol, src, quo, exe = [], [], [], []
    from pipeline.engine.compile import OPEN_END

    for p in policies:
        pid = p["policy_id"]
        a, e = p.get("authority") or {}, p.get("effective") or {}
        rule = book["rules"].get(pid)
        to = rule["to"] if rule else None
        pol.append({
            "policy_id": pid, "authority_id": a.get("id"), "authority_name": a.get("name"),
            "authority_level": a.get("level"), "authority_parent": a.get("parent"), "change": p.get("change"),
            "from_day": e.get("from_day"), "from_precision": e.get("from_precision"), "to_day": e.get("to_day"),
            "to_precision": e.get("to_precision"), "open_ended": bool(e.get("open_ended")),
            "horizon_day": e.get("horizon_day"), "in_force_to": None if to in (None, OPEN_END) else to,
            "recurrence_days": _join((e.get("recurrence") or {}).get("days_of_week")),
            "modes": _join(p.get("modes")), "instrument": p.get("instrument"),
            "legal_basis": _join(p.get("legal_basis")), "follows": _join(p.get("follows")),
            "reasons": _join(p.get("reasons")), "confidence": p.get("confidence"),
            "n_sources": len(p.get("sources") or []), "n_conflicts": len(p.get("conflicts") or []),
        })
        for i, s in enumerate(p.get("sources") or []):
            src.append({"policy_id": pid, "seq": i, "doc_id": s.get("doc_id"), "record_id": s.get("record_id"),
                        "url": s.get("url"), "publisher": s.get("publisher"),
                        "published": s.get("published"), "genre": s.get("genre")})
        for i, q in enumerate(p.get("quotas") or []):
            quo.append({"policy_id": pid, "seq": i, "mode": q.get("mode"), "op": q.get("op"),
                        "percent": q.get("percent"), "scope": q.get("scope"), "condition": q.get("condition")})
        for cat in sorted({x.get("category") for x in p.get("exemptions") or [] if x.get("category")}):
            exe.append({"policy_id": pid, "category": cat})
    return {"policies": pol, "policy_sources": src, "quotas": quo, "exemptions": exe}


def _record_rows(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for r in records:
        r = {k: v for k, v in r.items() if k != "evidence"}
        a, eff, ins = r.get("authority") or {}, r.get("effective") or {}, r.get("instrument") or {}
        rows.append({
            "record_id": r.get("record_id"), "doc_id": r.get("doc_id"), "authority_id": a.get("id"),
            "authority_name": a.get("name"), "authority_level": a.get("level"), "instrument_id": ins.get("id"),
            "effective_start": eff.get("start"), "effective_end": eff.get("end"), "modes": _join(r.get("modes")),
            "n_quotas": len(r.get("quotas") or []), "n_exemptions": len(r.get("exemptions") or []),
            "reasons": _join(r.get("reasons")), "signed": r.get("signed"), "confidence": r.get("confidence"),
            "record": r,
        })
    return rows


def _document_rows(documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    names = [f["name"] for f in TABLES["documents"]["fields"]]
    return [{n: d.get(n) for n in names} for d in documents]


def build_tables(policies: list[dict[str, Any]], documents: list[dict[str, Any]], records: list[dict[str, Any]],
                 book: dict[str, Any], stringency: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    tables = _policy_rows(policies, book)
    tables["records"] = _record_rows(records)
    tables["documents"] = _document_rows(documents)
    tables["stringency"] = stringency
    return tables


def _csv_value(v: Any, type_: str) -> str:
    if v is None:
        return ""
    if type_ == "boolean":
        return "true" if v else "false"
    if type_ == "object":
        return json.dumps(v, ensure_ascii=False, sort_keys=True)
    if type_ == "number" and isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _write_csv(path: Path, fields: list[dict[str, Any]], rows: list[dict[str, Any]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow([f["name"] for f in fields])
        for row in rows:
            w.writerow([_csv_value(row.get(f["name"]), f["type"]) for f in fields])


def _write_parquet(path: Path, fields: list[dict[str, Any]], rows: list[dict[str, Any]]) -> None:
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    types = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_(),
             "date": pa.date32(), "object": pa.string()}
    cols = {}
    for f in fields:
        vals = [row.get(f["name"]) for row in rows]
        if f["type"] == "date":
            vals = [dt.date.fromisoformat(v) if v else None for v in vals]
        elif f["type"] == "object":
            vals = [json.dumps(v, ensure_ascii=False, sort_keys=True) if v is not None else None for v in vals]
        elif f["type"] == "number":
            vals = [float(v) if v is not None else None for v in vals]
        cols[f["name"]] = pa.array(vals, type=types[f["type"]])
    pq.write_table(pa.table(cols), path)


def write_open_data(out: Path, tables: dict[str, list[dict[str, Any]]], *, revision: str,
                    record_schema: Path | None = None) -> dict[str, Any]:
    """Write every table as CSV + Parquet and ``datapackage.json``; returns the descriptor."""
    resources = []
    for name, spec in TABLES.items():
        rows = tables.get(name, [])
        _write_csv(out / f"{name}.csv", spec["fields"], rows)
        _write_parquet(out / f"{name}.parquet", spec["fields"], rows)
        schema = {"fields": spec["fields"], "primaryKey": spec["primaryKey"], "missingValues": [""]}
        if spec.get("foreignKeys"):
            schema["foreignKeys"] = spec["foreignKeys"]
        resources.append({
            "name": name, "path": f"{name}.csv", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "profile": "tabular-data-resource", "description": spec["description"],
            "edaran:parquet": f"{name}.parquet", "schema": schema,
        })
    descriptor: dict[str, Any] = {
        "name": "edaran-wfh-policies",
        "title": "Indonesian government work-arrangement rules (WFH/WFO) for civil servants",
        "description": "Policies compiled from news articles and circulars by edaran, with their sources, "
                       "quotas, exemptions, per-document records, document metadata and a daily stringency index. "
                       "Every table is also written as Parquet (resource property edaran:parquet).",
        "version": revision,
        "created": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "licenses": [LICENSE],
        "profile": "tabular-data-package",
        "resources": resources,
        "codebook": CODEBOOK,
    }
    if record_schema is not None and record_schema.exists():
        (out / "record.schema.json").write_text(record_schema.read_text(encoding="utf-8"), encoding="utf-8")
        descriptor["edaran:record_schema"] = "record.schema.json"
    (out / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=1) + "\n",
                                          encoding="utf-8")
    return descriptor
