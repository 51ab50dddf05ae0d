"""Legal instruments: circulars, regulations, instructions, with taxonomy ids.

Value: ``InstrumentMention(id, type, issuer, number, year, authority_id)``; ``id`` is
``<TYPE>:<ISSUER>:<NUMBER>/<YEAR>`` exactly as taxonomy.md defines it, or None when the
number, the year or the issuer is unknown (the span still tells the assembler an instrument
is named: "surat edaran Wali Kota", "surat dari Imendagri", "Instruksi Gubernur").

Reading one citation, left to right:

1. **Name** (``lexicons/instrument_types.json``): "Surat Edaran", "SE", "Peraturan
   Presiden", "Perpres", "Pergub", "Instruksi Gubernur (Ingub)", fused ministerial forms built
   from ``central_bodies.json`` stems ("PermenPANRB", "Permenpan RB", "Kepmendagri",
   "Imendagri"). Generic names ("Peraturan", "Keputusan", "Permen", "SE", "PP", "UU") count
   only with an issuer or a number.
2. **Issuer**: a central head or body ("Menteri PANRB", "Menpan RB", "Kementerian PANRB" ->
   MENPANRB; "Kepala BKN" -> BKN), a regional head plus region ("Wali Kota Bandung" ->
   WALIKOTA-32.73, "Sekretaris Daerah Kota Surabaya" -> SEKDA-35.78), a regional government
   ("Pemprov DKI" -> GUBERNUR-31), an agency plus region ("Kepala BKPSDM Kota Bandung" ->
   BKPSDM-32.73). A head with no region ("Instruksi Gubernur Nomor 6", "SE Sekda Nomor ...")
   takes the region from the context, rule suffix ``_context``: the nearest cue-based region
   of the right level before it in its sentence, else after it, else the only such region in
   the document; none found -> no issuer, no id. A citation with no issuer at all ("peraturan
   Nomor 4 Tahun 2025") takes the actor before it in its sentence when an issuing verb stands
   between ("Menteri PANRB Rini Widyantini mengeluarkan peraturan Nomor 4 Tahun 2025").
3. **Number and year**: "Nomor 1 Tahun 2024", "No. 1/2024", "Nomor: 01 tahun 2024",
   "4/2025" right after the name. The number is upper-cased with spaces removed; a number of
   digits only loses leading zeros; a number ending in "/<year>" keeps that year and does not
   repeat it ("800/894/437.73/2020" -> number "800/894/437.73", year 2020, id
   "...:800/894/437.73/2020"). A number with no year takes the signing date's year when the
   text gives it right after ("tertanggal 12 April 2024"); else no id.

Rules: ``instrument.numbered`` (name + number), ``instrument.named`` (no number),
``instrument.numbered_context`` / ``instrument.named_context`` (issuer or its region read from
the context).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extractors.authority import (
    BARE_PREFERENCE,
    RegionHit,
    central_info,
    choose_region,
    head_regex,
    match_agency,
    match_central,
    match_region,
    phrase_regex,
    region_mention,
    strong_mentions,
)
from extractors.base import Context, InstrumentMention, Span, extractor, requires
from extractors.lexicon import load_json
from extractors.textdoc import TextDoc, text_doc

__all__ = ["complete_instruments", "extract_instruments", "instrument_id", "normalize_number"]

# A citation's parts may be this far apart: name, "(Ingub)", issuer, number.
# Parts of a citation may be split by a line break (PDF text layers wrap lines anywhere).
_PAREN = r"(?:\s*\([^()\n]{1,30}\))"
_PAREN_RE = re.compile(_PAREN)
# Plausible years of an instrument.
MIN_YEAR, MAX_YEAR = 1945, 2100
# Look this far back/forward in the sentence for an actor or a region (characters).
CONTEXT_CHARS = 300


@dataclass(frozen=True)
class _Head:
    type: str
    issuer: str | None = None
    role: str | None = None
    generic: bool = False
    needs_more: bool = False
    joint: bool = False
    central: str | None = None  # fused ministerial names: "PermenPANRB" -> "kemenpanrb"


def _norm(s: str) -> str:
    return re.sub(r"[^a-z0-9]", "", s.lower())


@dataclass(frozen=True)
class _Lex:
    heads: dict[str, _Head]  # normalized form -> head
    head_re: re.Pattern[str]  # group "ci": long forms, any case; group "cs": acronyms as written
    by_issuer: dict[str, dict[str, str]]
    role_of_level: dict[str, str]
    roles: dict[str, tuple[str, str | None]]  # normalized regional head title -> (role, level)
    regional_head: re.Pattern[str]
    signing: re.Pattern[str]
    issuing: re.Pattern[str]


_MONTHS = (r"(?:Januari|Februari|Pebruari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Nopember|"
           r"Desember|Jan|Feb|Mar|Apr|Jun|Jul|Agu|Agt|Agus|Sep|Sept|Okt|Nov|Des)\.?")


@cache
def _lex() -> _Lex:
    data = load_json("instrument_types.json")
    heads: dict[str, _Head] = {}
    ci: list[str] = []
    cs: list[str] = []
    for h in data["heads"]:
        for form in h.get("forms", []):
            heads[_norm(form)] = _Head(h["type"], h.get("issuer"), h.get("role"), h.get("generic", False),
                                       h.get("needs_more", False), h.get("joint", False))
            ci.append(form)
        for form in h.get("forms_cs", []):
            heads[_norm(form) + "#cs"] = _Head(h["type"], h.get("issuer"), h.get("role"), h.get("generic", False),
                                               h.get("needs_more", False) or h.get("needs_more_cs", False),
                                               h.get("joint", False))
            cs.append(form)
    for b in load_json("central_bodies.json")["bodies"]:
        for stem in b.get("stems", []):
            for prefix, type_ in data["fused_prefixes"].items():
                heads[_norm(prefix + "men" + stem)] = _Head(type_, b["issuer"], central=b["slug"])
                ci.append(f"{prefix}men {stem}")  # also "Permen PANRB", "PermenPAN-RB"
    ci_alt = phrase_regex(ci)
    cs_alt = phrase_regex(cs, case_sensitive=True)
    roles: dict[str, tuple[str, str | None]] = {}
    for h in load_json("titles.json")["regional_heads"]:
        for form in h["forms"]:
            roles[_norm(form)] = (h["role"], h["level"])
    return _Lex(
        heads=heads,
        head_re=re.compile(r"(?<![\w\-])(?:(?P<ci>(?i:" + ci_alt + r"))|(?<!,\s)(?P<cs>" + cs_alt + r"))(?![\w\-])"),
        by_issuer=data["by_issuer"],
        role_of_level=data["role_of_level"],
        roles=roles,
        # "Surat Edaran Plt Bupati Mimika Nomor ...": an acting head issues as the head
        regional_head=re.compile(
            r"(?:Kepala\s+Daerah\s+)?(?:(?:Pj\.?|Penjabat|Plt\.?|Plh\.?|Pelaksana\s+Tugas)\s+)?"
            r"(?P<h>" + head_regex() + r")(?![\w\-])",
            re.IGNORECASE,
        ),
        signing=re.compile(
            r"(?:[^\S\n]|,)*(?:yang[^\S\n]+)?(?:" + "|".join(data["signing_cues"]) + r")[^\S\n]+(?:pada[^\S\n]+)?"
            r"(?:tanggal[^\S\n]+)?\d{1,2}[^\S\n]+" + _MONTHS + r"[^\S\n]+(?P<y>\d{4})",
            re.IGNORECASE,
        ),
        issuing=re.compile(r"(?<!\w)(?:" + "|".join(data["issuing_verbs"]) + r")(?!\w)", re.IGNORECASE),
    )


# --- numbers ----------------------------------------------------------------------

# A citation number: starts with a letter/digit, contains a digit, ends with a word character
# (a sentence-final dot is not part of it), may have "/"-separated parts.
# Stray spaces around "/" and before "-" are kept out of the number ("800/1234 -BKD/2023").
# parts joined by "." or "-"; a year, "." and a Capitalised word ending at a blank end the number (a glued
# sentence: "2022.Menurut Sukmawati"), not a unit inside it ("S.Edar/BKPSDM", "Bag.Hukum Tahun 2021")
_PART = r"(?:[\w\-]|(?<!\d{4})\.|\.(?![A-Z][a-z]+(?:[\s,;:]|$)))*\w"
_NUMBER = rf"(?=[\w.\-/]*\d)[A-Za-z0-9](?:{_PART})?(?:(?:[^\S\n]?/[^\S\n]?|[^\S\n]-[^\S\n]?)\w(?:{_PART})?)*"
# An official's name between the issuer and the number: "SE Gubernur Jawa Tengah Ganjar Pranowo
# Nomor ..." (1-4 capitalised words, then "Nomor"/"No").
_RI_AFTER = re.compile(
    r"[^\S\n]+(?:RI|Republik[^\S\n]+Indonesia)(?![\w])(?=[^\S\n]*,?[^\S\n]*(?:Nomor|Nomer|Nmr|No)\b)"
)
_NAME_BEFORE_NUMBER = re.compile(r"[^\S\n]*,?[^\S\n]+(?:[A-Z][\w'’.\-]*[^\S\n]+){0,4}[A-Z][\w'’.\-]*[^\S\n]*,?"
                                 r"(?=[^\S\n]*(?:Nomor|Nomer|Nmr|No)\b)")
_NOMOR = re.compile(r"\s*,?\s*(?:Nomor|Nomer|Nmr|No)\.?\s*:?\s*(?P<num>" + _NUMBER + r")"
                    r"(?:\s+tahun\s+(?P<year>\d{4}))?(?![\w/])", re.IGNORECASE)
_DIRECT = re.compile(r"\s+(?P<num>\d{1,4})(?:[^\S\n]*/[^\S\n]*(?P<y1>(?:19|20)\d\d)(?![\w/])"
                     r"|\s+(?i:tahun)\s+(?P<y2>\d{4})(?!\d))")
_YEAR_SUFFIX = re.compile(r"(?P<n>.+)/(?P<y>(?:19|20)\d\d)")
_YEAR_TAIL = re.compile(r".+/[A-Z][A-Z]*[-.](?P<y>(?:19|20)\d\d)")  # "800.1.11/412/BKD-2024", ".../BKPSDM.2023"


def normalize_number(raw: str, year: int | None = None) -> tuple[str, int | None]:
    """('01', 2024) -> ('1', 2024); ('022-Setda/2024', None) -> ('022-SETDA', 2024);
    ('800/894/437.73/2020', None) -> ('800/894/437.73', 2020): upper case, no spaces, digits-only
    numbers without leading zeros, a trailing "/<year>" moved to the year."""
    n = re.sub(r"\s+", "", raw).upper()
    m = _YEAR_SUFFIX.fullmatch(n)
    if m is not None and MIN_YEAR <= int(m.group("y")) <= MAX_YEAR:  # "800/1944": a serial number, no year
        n, year = m.group("n"), int(m.group("y"))
    elif year is None and (m := _YEAR_TAIL.fullmatch(n)) is not None:
        year = int(m.group("y"))  # "800.1.11/412/BKD-2024": the year stays in the number
    if n.isdigit():
        n = str(int(n))
    return n, year


def instrument_id(type_: str, issuer: str | None, number: str | None, year: int | None) -> str | None:
    """``TYPE:ISSUER:NUMBER/YEAR`` when all four are known, else None; a number that ends with its
    year after a hyphen ("412/BKD-2024") is not given it twice."""
    if not (issuer and number and year) or not MIN_YEAR <= year <= MAX_YEAR:
        return None
    if _YEAR_TAIL.fullmatch(number) and number.endswith((f"-{year}", f".{year}")):
        return f"{type_}:{issuer}:{number}"
    return f"{type_}:{issuer}:{number}/{year}"


# --- issuers ----------------------------------------------------------------------

_GOV = re.compile(r"(?:Pemerintah(?:an)?\s+(?P<w>Provinsi|Kota|Kabupaten|Daerah)(?:\s*\([^()\n]{1,12}\))?"
                  r"|(?P<a>Pemprov|Pemkot|Pemkab|Pemda))\.?\s+", re.IGNORECASE)
_GOV_LEVEL = {"provinsi": "provinsi", "pemprov": "provinsi", "kota": "kota", "pemkot": "kota",
              "kabupaten": "kabupaten", "pemkab": "kabupaten"}
_TYPE_CUE = re.compile(r"(?P<t>Provinsi|Prov\.|Kota|Kabupaten|Kab\.)\s*", re.IGNORECASE)
_KEPALA = re.compile(r"Kepala\s+", re.IGNORECASE)
_GAP = re.compile(r"\s+")
_RI = re.compile(r"\s+(?:RI|Republik\s+Indonesia)(?![\w])", re.IGNORECASE)
_SIGNER = re.compile(r"[^\S\n]*,?[^\S\n]+yang[^\S\n]+(?:diteken|ditandatangani|dikeluarkan|diterbitkan|ditetapkan)"
                     r"(?:[^\S\n]+oleh)?[^\S\n]+")
_AND = re.compile(r"[^\S\n]*(?:,|dan|serta)[^\S\n]+")
_DARI = re.compile(r"(?:[^\S\n]+[A-Z]{2,5})?[^\S\n]+(?:dari|oleh)[^\S\n]+")
_LEVEL_OF_ROLE = {"GUBERNUR": "provinsi", "WAKIL-GUBERNUR": "provinsi", "WALIKOTA": "kota",
                  "WAKIL-WALIKOTA": "kota", "BUPATI": "kabupaten", "WAKIL-BUPATI": "kabupaten"}


@dataclass
class _Issuer:
    end: int
    code: str | None  # "MENPANRB" | "PRESIDEN" | role ("WALIKOTA") | agency ("BKPSDM")
    central: str | None = None  # slug
    region: RegionHit | None = None  # a role or agency code needs "-<region code>"


def _levels(role: str | None) -> frozenset[str] | None:
    level = _LEVEL_OF_ROLE.get(role or "")
    return frozenset({level}) if level else None


def _region(text: str, pos: int, levels: frozenset[str] | None) -> RegionHit | None:
    gap = _GAP.match(text, pos)
    if gap is None:
        return None
    p = gap.end()
    t = _TYPE_CUE.match(text, p)
    if t is not None and (text[t.end() - 1].isspace() or text[t.end() - 1] == "."):
        word = t.group("t").lower()
        lv = frozenset({"provinsi" if word.startswith("prov") else "kota" if word == "kota" else "kabupaten"})
        hit = match_region(text, t.end(), lv)
        if hit is not None:
            return hit
    return match_region(text, p, levels)


def _issuer_at(text: str, pos: int, role: str | None) -> _Issuer | None:
    """The issuer named right after an instrument's name (``pos`` at the blank before it)."""
    lex = _lex()
    gap = _GAP.match(text, pos)
    if gap is None:
        return None
    p = gap.end()
    c = match_central(text, p)
    if c is not None:
        end = c.end
        ri = _RI.match(text, end)
        return _Issuer(ri.end() if ri else end, str(central_info(c.slug)["issuer"]), central=c.slug)
    h = lex.regional_head.match(text, p)
    if h is not None:
        head_role, level = lex.roles[_norm(h.group("h"))]
        hit = _region(text, h.end(), frozenset({level}) if level else None)
        return _Issuer(hit.end if hit else h.end(), head_role, region=hit)
    g = _GOV.match(text, p)
    if g is not None:
        level = _GOV_LEVEL.get((g.group("w") or g.group("a")).lower())
        hit = match_region(text, g.end(), frozenset({level}) if level else None, need_cap=False)
        if hit is not None:
            return _Issuer(hit.end, None, region=hit)
    k = _KEPALA.match(text, p)
    a = match_agency(text, k.end() if k else p)
    if a is not None:
        hit = _region(text, a[0], None)
        code = re.sub(r"\s+", "", a[1]).upper()
        return _Issuer(hit.end if hit else a[0], code, region=hit)
    if role is not None:  # "Pergub DKI", "Ingub Jabar", "Perwal Bandung"
        hit = match_region(text, p, _levels(role))
        if hit is not None:
            return _Issuer(hit.end, role, region=hit)
    return None


# --- context ----------------------------------------------------------------------

def _sentence(td: TextDoc, start: int, end: int) -> tuple[int, int]:
    """The document sentence(s) from ``start`` to ``end``, at most CONTEXT_CHARS either side."""
    return max(td.sentence(start)[0], start - CONTEXT_CHARS), min(td.sentence(end)[1], end + CONTEXT_CHARS)


def _code(span: Span) -> str:
    """'region:32.73' -> '32.73'."""
    return str(span.value.id).removeprefix("region:")


def _context_region(td: TextDoc, start: int, end: int, levels: frozenset[str]) -> str | None:
    """Region code for a head with no region: before it in its sentence, after it, or the
    document's only region of that level (cue-based mentions only)."""
    text = td.text
    cands = [s for s in strong_mentions(text) if s.value.level in levels and str(s.value.id).startswith("region:")
             and not (start <= s.start < end)]
    s0, s1 = _sentence(td, start, end)
    before = [s for s in cands if s0 <= s.start and s.end <= start]
    if before:
        return _code(before[-1])
    after = [s for s in cands if end <= s.start and s.end <= s1]
    if after:
        return _code(after[0])
    distinct = {_code(s) for s in cands}
    return distinct.pop() if len(distinct) == 1 else None


def _context_actor(td: TextDoc, start: int) -> Span | None:
    """The actor before a citation with no issuer, when an issuing verb stands between."""
    text = td.text
    s0, _ = _sentence(td, start, start)
    before = [s for s in strong_mentions(text) if s0 <= s.start and s.end <= start]
    if before:
        actor = before[-1]
        if _lex().issuing.search(text, actor.end, start) is not None:
            return actor
    # the governing actor of the paragraph: "Kementerian PANRB kembali mengatur ... . Dalam Surat
    # Edaran (SE) Nomor 7 Tahun 2023, ..." - only when the paragraph names one actor before it
    para_start = text.rfind("\n", 0, start) + 1
    in_para = {str(s.value.id): s for s in strong_mentions(text) if para_start <= s.start and s.end <= start}
    return next(iter(in_para.values())) if len(in_para) == 1 else None


# --- the extractor ----------------------------------------------------------------


@cache
def _on_behalf_re() -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:a\.\s?n\.|atas\s+nama)\s+(?P<h>" + head_regex() + r")(?![\w\-])", re.IGNORECASE)


def _signed_for_head(text: str) -> str | None:
    """The issuer role of the regional head a circular is signed on behalf of ("a.n. Bupati Banyuwangi",
    "ditandatangani Sekda atas nama Wali Kota")."""
    m = _on_behalf_re().search(text)
    if m is None:
        return None
    role = _lex().roles.get(_norm(m.group("h")))
    return role[0] if role and not role[0].startswith(("SEKDA", "WAKIL")) else None


def _agency_in_number(raw: str) -> str | None:
    """An agency abbreviation that is a whole part of a number: '800/1234/BKPSDM' -> 'BKPSDM'."""
    for part in re.split(r"[/\s]+", raw):
        a = match_agency(part, 0)
        if a is not None and a[0] == len(part):
            return re.sub(r"\s+", "", a[1]).upper()
    return None


def _head_hits(text: str) -> list[tuple[int, int, _Head]]:
    lex = _lex()
    hits: list[tuple[int, int, _Head]] = []
    for m in lex.head_re.finditer(text):
        head = lex.heads.get(_norm(m.group(0)) + ("" if m.group("ci") else "#cs"))
        if head is not None:
            hits.append((m.start(), m.end(), head))
    return hits


def _number_at(text: str, pos: int) -> tuple[int, str, int | None] | None:
    p = pos
    paren = _PAREN_RE.match(text, p)
    if paren is not None:
        p = paren.end()
    m = _NOMOR.match(text, p)
    if m is not None:
        return m.end(), m.group("num"), int(m.group("year")) if m.group("year") else None
    m = _DIRECT.match(text, p)
    if m is not None:
        y = m.group("y1") or m.group("y2")
        return m.end(), m.group("num"), int(y)
    return None


def _type_for(head: _Head, issuer_code: str | None, central: str | None, lex: _Lex) -> str:
    table = lex.by_issuer.get(head.type)
    if table is None or issuer_code is None:
        return head.type
    if central is not None and issuer_code.startswith("MEN") and "minister" in table:
        return table["minister"]
    return table.get(issuer_code, head.type)


def _one(td: TextDoc, start: int, end: int, head: _Head) -> Span | None:
    text = td.text
    lex = _lex()
    p = end
    paren = _PAREN_RE.match(text, p)
    if paren is not None and _number_at(text, p) is None:
        p = paren.end()  # "Instruksi Gubernur (Ingub) DKI", "Surat Edaran (SE) Wali Kota"
    if head.issuer and (ri := _RI_AFTER.match(text, p)) is not None:
        p = ri.end()  # "Peraturan Pemerintah RI Nomor 63 Tahun 2021"
    issuer = None if head.issuer else _issuer_at(text, p, head.role)
    if issuer is not None:
        p = issuer.end
        while head.joint:  # "Surat Edaran Bersama Menteri PANRB dan Kepala BKN Nomor ..."
            more = _AND.match(text, p)
            nxt = _issuer_at(text, more.end() - 1, None) if more else None
            if nxt is None:
                break
            p = nxt.end
    number = _number_at(text, p)
    if number is None and issuer is not None:
        named = _NAME_BEFORE_NUMBER.match(text, p)
        if named is not None:
            number = _number_at(text, named.end())
    if number is not None:
        p = number[0]
    if issuer is None and number is None and not head.issuer and head.role is None:
        d = _DARI.match(text, end)  # "SE WFH dari Menpan RB"
        if d is not None:
            issuer = _issuer_at(text, d.end() - 1, head.role)
            if issuer is not None:
                p = issuer.end
    if issuer is None and number is not None and not head.issuer:
        signer = _SIGNER.match(text, p)  # "Nomor 1 Tahun 2024 yang diteken Wali Kota Bandung"
        if signer is not None:
            issuer = _issuer_at(text, signer.end() - 1, head.role)
            if issuer is not None:
                p = issuer.end
    if (head.generic or head.needs_more) and issuer is None and number is None:
        return None
    context = False
    code: str | None = head.issuer
    central: str | None = head.central or ("presiden" if head.issuer == "PRESIDEN" else None)
    authority_id: str | None = f"central:{central}" if central else None
    role = head.role
    region_code: str | None = None
    if issuer is not None:
        if issuer.central is not None:
            code, central = issuer.code, issuer.central
            authority_id = f"central:{central}"
        else:
            role = issuer.code or (role if role else None)
            if issuer.region is not None:
                cands = issuer.region.candidates
                known = frozenset(_code(s) for s in strong_mentions(text)) if len(cands) > 1 else frozenset()
                region = choose_region(cands, known, BARE_PREFERENCE)
                if role is None:
                    role = lex.role_of_level[region.level]
                region_code = region.code
                authority_id = region_mention(region).id
    elif head.role is None and not head.issuer and number is not None:
        actor = _context_actor(td, start)
        if actor is not None:
            context = True
            aid = str(actor.value.id)
            authority_id = aid
            if aid.startswith("central:"):
                central = aid.removeprefix("central:")
                code = str(central_info(central)["issuer"])
            else:
                region_code = aid.removeprefix("region:")
                agency = match_agency(text, actor.start) if actor.rule == "authority.agency" else None
                # "Dinas Tenaga Kerja Kota Batam menerbitkan SE Nomor ...": the agency issues, not the mayor
                role = re.sub(r"\s+", "", agency[1]).upper() if agency else lex.role_of_level[actor.value.level]
    if issuer is None and role is None and central is None and number is not None:
        # "Surat Edaran Nomor 800/1234/BKPSDM": the drafting agency issues, unless the circular is signed on
        # behalf of the regional head ("a.n. WALI KOTA MAKASSAR, SEKRETARIS DAERAH"): then the head does
        role = _signed_for_head(text) or _agency_in_number(number[1])
    if role is not None and region_code is None and central is None:
        levels = _levels(role) or frozenset({"provinsi", "kota", "kabupaten"})
        region_code = _context_region(td, start, p, levels)
        if region_code is not None:
            context = True
            authority_id = f"region:{region_code}"
    if role is not None and central is None:
        code = f"{role}-{region_code}" if region_code else None
    num: str | None = None
    year: int | None = None
    if number is not None:
        num, year = normalize_number(number[1], number[2])
        if year is None:
            sign = lex.signing.match(text, p)
            if sign is not None:
                year = int(sign.group("y"))
    type_ = _type_for(head, code if central else role, central, lex)
    iid = None if head.joint else instrument_id(type_, code, num, year)
    rule = "instrument.numbered" if number is not None else "instrument.named"
    if context:
        rule += "_context"
    value = InstrumentMention(id=iid, type=type_, issuer=code, number=num, year=year, authority_id=authority_id)
    return Span(start, p, "instrument", value, rule)


@extractor("instrument.v1", labels=("instrument",))
def extract_instruments(text: str, ctx: Context) -> list[Span]:
    """Instrument citations: 'SE Menpan RB No. 1/2024' -> SE:MENPANRB:1/2024."""
    td = text_doc(text, ctx)
    spans: list[Span] = []
    last_end = 0
    for start, end, head in _head_hits(text):
        if start < last_end:
            continue
        span = _one(td, start, end, head)
        if span is not None:
            if spans:
                span = _amended(text, spans[-1], span)
            spans.append(span)
            last_end = span.end
    return spans



# --- completion from context ---------------------------------------------------------

_HEAD_ROLES = (("wali kota", "WALIKOTA"), ("walikota", "WALIKOTA"), ("walkot", "WALIKOTA"),
               ("bupati", "BUPATI"), ("gubernur", "GUBERNUR"))
_SIGNED_BETWEEN = re.compile(r"\b(?:diteken|ditandatangani|ditetapkan|diterbitkan|tertanggal|tanggal|teken)\b",
                             re.IGNORECASE)
SIGNING_GAP_CHARS = 60  # "Nomor 800/1450/SETDA yang ditandatangani Rabu (29/9/2021)"
TITLE_GAP_CHARS = 200  # more when the citation's title comes first ("... Nomor X tentang <title>, yang diteken ...")
_TITLE_AFTER = re.compile(r"[^\S\n]*,?[^\S\n]*tentang\b", re.IGNORECASE)


# "Surat edaran (perubahan) itu ditandatangani Selasa (14/5/2024)." right after the citation.
_POINTS_BACK = re.compile(r"[\"“(\s]*(?:surat\s+edaran|se|edaran|instruksi|peraturan|keputusan)(?:\s+\w+)?\s+"
                          r"(?:itu|tersebut|ini)\b", re.IGNORECASE)
# "Gubernur X menandatangani Surat Edaran ... Nomor 000.8/3912": the article reports the signing itself.
_SIGNS_NOW = re.compile(r"\b(?:menandatangani|meneken|menerbitkan|mengeluarkan)"
                        r"[^\S\n]+$", re.IGNORECASE)
SIGNS_NOW_GAP = 80  # characters between the signing verb and the citation ("menandatangani Surat Edaran Gubernur DIY")


def _signing_year(td: TextDoc, text: str, i: Span, dates: list[Span], ctx: Context) -> int | None:
    """The year of a citation that gives none: the signing date right after it, in its sentence or in the next
    one when that points back at it ("... Nomor 800/4877/BKD. Surat edaran itu ditandatangani Selasa
    (14/5/2024)"); else the publication year when the sentence reports the signing ("Gubernur
    menandatangani Surat Edaran Nomor 000.8/3912")."""
    s_start, s_end = td.sentence(i.start)
    nxt = next(((a, b) for a, b in td.sentences() if a >= s_end), (s_end, s_end))
    points_back = _POINTS_BACK.match(text, nxt[0]) is not None
    titled = _TITLE_AFTER.match(text, i.end)  # "Nomor 800/7731 tentang Penyesuaian ..., yang diteken Sabtu (30/8)"
    for d in dates:
        if not d.value.start or d.start < i.end or not _SIGNED_BETWEEN.search(text, i.end, d.start):
            continue
        gap = SIGNING_GAP_CHARS + (TITLE_GAP_CHARS if titled else 0)
        if d.start <= i.end + gap and d.start < s_end:
            return int(d.value.start[:4])
        if points_back and nxt[0] <= d.start < nxt[1]:
            return int(d.value.start[:4])
    lead = text[max(s_start, i.start - SIGNS_NOW_GAP):i.start]
    if _SIGNS_NOW.search(lead) is not None and ctx.published is not None:
        return ctx.published.year
    return None


@extractor("instrument.context.v1", labels=("instrument",), requires=("instrument.v1", "date.v1", "official.v1"),
           revises="instrument.v1")
def complete_instruments(text: str, ctx: Context) -> list[Span]:
    """The instrument citations, those the citation rules could not finish from their own words
    completed from their sentence: the year from the signing date right after ("Nomor
    800/1450/SETDA yang ditandatangani Rabu (29/9/2021)"), the issuer from the regional head
    speaking in the sentence ("Wali Kota X mengatakan ... Surat Edaran Nomor 800.1.7/1187/2024
    yang ia teken"). Rule id ``<rule>+context``."""
    td = text_doc(text, ctx)
    dates = requires(ctx, "date.v1", text)
    officials = requires(ctx, "official.v1", text)
    out = []
    for i in requires(ctx, "instrument.v1", text):
        v = i.value
        if v.id or not v.number:
            out.append(i)
            continue
        s_start, s_end = td.sentence(i.start)
        issuer, authority_id, year = v.issuer, v.authority_id, v.year
        if year is None:
            year = _signing_year(td, text, i, dates, ctx)
        if issuer is None:
            for o in officials:
                aid = o.value.authority_id or ""
                title = o.value.title.lower()
                role = next((r for t, r in _HEAD_ROLES if t in title), None)
                if s_start <= o.start < s_end and aid.startswith("region:") and role and "wakil" not in title:
                    issuer, authority_id = f"{role}-{aid.split(':', 1)[1]}", aid
                    break
        new_id = instrument_id(v.type, issuer, v.number, year)
        if new_id:
            v = InstrumentMention(new_id, v.type, issuer, v.number, year, authority_id)
            i = Span(i.start, i.end, i.label, v, i.rule + "+context")
        out.append(i)
    return out


# "SE Menteri PANRB Nomor 67 Tahun 2020 tentang Perubahan Ketiga atas Surat Edaran Nomor 19 Tahun
# 2020": the amended circular, cited without an issuer, has the issuer of the chain.
_AMENDS = re.compile(r"[\s,]*(?:tentang\s+|yaitu\s+|sebagai\s+)?perubahan(?:\s+(?:ke-?\w+|pertama|kedua|ketiga|keempat|"
                     r"kelima|keenam|ketujuh|kedelapan|kesembilan|kesepuluh))?\s+atas\s*$", re.IGNORECASE)


def _amended(text: str, prev: Span, span: Span) -> Span:
    v, pv = span.value, prev.value
    if v.issuer is not None or v.number is None or pv.issuer is None or v.type != pv.type:
        return span
    if _AMENDS.search(text[prev.end:span.start]) is None:
        return span
    value = InstrumentMention(id=instrument_id(v.type, pv.issuer, v.number, v.year), type=v.type, issuer=pv.issuer,
                              number=v.number, year=v.year, authority_id=pv.authority_id)
    return Span(span.start, span.end, span.label, value, span.rule + "_amended")
