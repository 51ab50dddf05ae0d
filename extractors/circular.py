"""The structure of a circular (Surat Edaran) read from its laid-out text.

``extract_circular`` reads the parts every Indonesian circular has, in the text that
``pipeline.pdf.parser.parse_pdf`` lays out (one clause per line, tables as ``cell | cell``):

1. letterhead (kop): the first lines, "PEMERINTAH KOTA MADIUN" / "BUPATI GRESIK" /
   "MENTERI PENDAYAGUNAAN ... REPUBLIK INDONESIA" -> label ``issuer`` (AuthorityMention);
2. title: "SURAT EDARAN [WALI KOTA MADIUN] / NOMOR ... / TENTANG ...", or in the letter
   layout "Nomor : 800/894/437.73/2020" + "Perihal : ..." under a bare "SURAT EDARAN"
   heading -> ``circular_title`` (dict: type, number, year, about, issuer) and
   ``circular_instrument`` (InstrumentMention with the id per taxonomy.md);
3. addressees ("Yth. 1. ...; 2. ...") -> one ``addressee`` span each;
4. clauses ("1.", "a.", "1)", "(a)", "-"), nested by marker style -> ``clause`` spans
   (value dict: label, level, path) that run to the next clause of the same or a higher
   level, so a parent holds its sub-items; the preamble's cited instruments ->
   ``legal_basis`` (InstrumentMention);
5. place and date of signing: "Ditetapkan di Jakarta / pada tanggal 12 April 2024", or the
   letter date line "Gresik, 29 Mei 2020" -> ``signing`` (dict: date ISO, place);
6. signature block: title lines, "ttd", name, rank, "NIP. ..." -> ``signatory``
   (OfficialMention; "a.n. BUPATI KLATEN / SEKRETARIS DAERAH": the title is the signer's,
   the instrument the principal's);
7. "Tembusan:" items -> one ``tembusan`` span each;
8. quota tables ("Level 4 | WFO maksimal 25%") -> ``quota`` spans via :func:`quota_rows`.

It fires only for ``ctx.kind == "circular"`` or a text with a circular's structure (a
title block "SURAT EDARAN ... NOMOR" at line starts plus an addressee, signing or
tembusan block), so news articles never get these spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from extractors.authority import (
    PEMDA_PREFERENCE,
    central_hits,
    central_info,
    choose_region,
    match_region,
    region_mention,
)
from extractors.base import (
    AuthorityMention,
    Context,
    InstrumentMention,
    OfficialMention,
    QuotaMention,
    Span,
    extractor,
    requires,
)
from extractors.instruments import instrument_id, normalize_number
from extractors.lexicon import load_json, load_jsonl

__all__ = ["circular_instrument_id", "extract_circular", "looks_like_circular", "quota_rows"]

# A title block is searched in the first lines only: a circular's title sits above its body.
TITLE_SEARCH_LINES = 60
# The letterhead is at most this many lines above the first addressee/number/title line.
LETTERHEAD_MAX_LINES = 8
# Lines after the signing place/date searched for the signature block.
SIGNATURE_MAX_LINES = 12
# The letter layout's date line ("Gresik, 29 Mei 2020") is searched in the first lines.
LETTER_DATE_LINES = 30

_LEX = load_json("circular.json")


def _words(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if not k.startswith("_")}


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


# --- months (from the dates lexicon: one copy of each list) ------------------------------------


@cache
def _months() -> dict[str, int]:
    cal = load_json("dates_calendar.json")
    return {k.lower(): int(v) for k, v in cal["months"].items() if not k.startswith("_")}


@cache
def _date_re() -> re.Pattern[str]:
    return re.compile(
        rf"(?P<d>\d{{1,2}})\s*(?P<m>{_alt(list(_months()))})\s*(?P<y>\d{{4}})"
        r"|(?P<d2>\d{1,2})\s*[-/.]\s*(?P<m2>\d{1,2})\s*[-/.]\s*(?P<y2>\d{4})",
        re.IGNORECASE,
    )


def _parse_date(s: str) -> tuple[str, int, int] | None:
    """First written date in ``s`` -> (ISO, start, end)."""
    m = _date_re().search(s)
    if not m:
        return None
    try:
        if m.group("d"):
            d = date(int(m.group("y")), _months()[m.group("m").lower()], int(m.group("d")))
        else:
            d = date(int(m.group("y2")), int(m.group("m2")), int(m.group("d2")))
    except ValueError:
        return None
    return d.isoformat(), m.start(), m.end()


# --- lines ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Ln:
    start: int
    end: int
    text: str  # stripped

    @property
    def low(self) -> str:
        return self.text.lower()


def _lines(text: str) -> list[_Ln]:
    out = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            out.append(_Ln(pos + lead, pos + lead + len(stripped), stripped))
        else:
            out.append(_Ln(pos, pos, ""))
        pos += len(raw) + 1
    return out


def _is_caps(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 2 and sum(1 for c in letters if c.isupper()) >= 0.85 * len(letters)


# --- authorities: regions and central bodies ---------------------------------------------------


def _norm_name(s: str) -> str:
    return re.sub(r"[\s\-.]+", " ", s.lower()).strip(" ,.")


_TRAILING_RI = re.compile(r"[\s,]+(?:REPUBLIK\s+INDONESIA|RI)\s*[,.]?\s*$", re.IGNORECASE)


def _find_region(name: str, level: str | None) -> AuthorityMention | None:
    """The region a heading names after its role or level word ('MADIUN' with level 'kota');
    the whole name must be a region name (extractors/authority.py's table and aliases)."""
    name = _TRAILING_RI.sub("", name.strip().rstrip(",.;: "))
    hit = match_region(name, 0, frozenset({level}) if level else None, need_cap=False)
    if hit is None or name[hit.end:].strip(" ,.;:"):
        return None
    return region_mention(choose_region(hit.candidates, prefer=PEMDA_PREFERENCE))


def _find_central(text: str) -> tuple[str, str, str] | None:
    """(slug, issuer, name) of a central body whose name or head title opens ``text``."""
    hits = central_hits(text)
    if not hits or text[:hits[0].start].strip(" ,.;:"):
        return None
    info = central_info(hits[0].slug)
    return hits[0].slug, info.get("issuer") or hits[0].slug.upper(), info["name"]


@cache
def _regional_heads() -> list[tuple[str, str, str | None]]:
    """(form lower-cased, role, level) from titles.json, longest form first."""
    out = []
    for h in load_json("titles.json")["regional_heads"]:
        for f in h["forms"]:
            out.append((_norm_name(f), h["role"], h.get("level")))
    return sorted(out, key=lambda t: len(t[0]), reverse=True)


@cache
def _acting_re() -> re.Pattern[str]:
    acting = load_json("titles.json")["acting_prefixes"] + ["a.n.", "an.", "u.b.", "ub."]
    return re.compile(rf"^(?:(?:{_alt(acting)})\.?\s+)+", re.IGNORECASE)


@cache
def _level_re() -> re.Pattern[str]:
    levels = _words(_LEX["region_levels"])
    return re.compile(rf"^(?P<lvl>{_alt(list(levels))})\s+", re.IGNORECASE)


@cache
def _gov_re() -> re.Pattern[str]:
    return re.compile(rf"^(?:{_alt(_LEX['government_words']['words'])})\s+", re.IGNORECASE)


@dataclass(frozen=True)
class _Who:
    """Who a heading names: an authority, and (when a head is named) the issuer role."""

    authority: AuthorityMention | None
    role: str | None  # "BUPATI", "WALIKOTA", "SEKDA", or a central issuer "MENPANRB"
    central: bool = False


def _who(text: str, default_region: AuthorityMention | None = None) -> _Who | None:
    """Read 'BUPATI GRESIK', 'PEMERINTAH KOTA MADIUN', 'SEKRETARIS DAERAH', 'WALI KOTA MADIUN,',
    'Plt. GUBERNUR JAWA TENGAH', 'MENTERI PENDAYAGUNAAN ... REPUBLIK INDONESIA'."""
    t = _acting_re().sub("", text.strip().rstrip(",.;: ")).strip()
    if not t:
        return None
    low = _norm_name(t)
    for form, role, level in _regional_heads():
        if low == form or low.startswith(form + " "):
            rest = t[len(t) - len(low) + len(form):] if len(t) == len(low) else _after_words(t, len(form.split()))
            lvl = level
            m = _level_re().match(rest.strip())
            if m:
                lvl = _words(_LEX["region_levels"])[_norm_name(m.group("lvl")) if "." not in m.group("lvl")
                                                    else m.group("lvl").lower()]
                rest = rest.strip()[m.end():]
            rest = rest.strip()
            if rest:
                reg = _find_region(rest, lvl)
                return _Who(reg, role) if reg else None
            return _Who(default_region, role)
    central = _find_central(t)
    if central:
        slug, issuer, name = central
        return _Who(AuthorityMention(f"central:{slug}", name, "central"), issuer, central=True)
    m = _gov_re().match(t)
    if m:
        rest = t[m.end():].strip()
        lv = _level_re().match(rest)
        lvl = None
        if lv:
            key = lv.group("lvl").lower()
            levels = _words(_LEX["region_levels"])
            lvl = levels.get(key) or levels.get(_norm_name(key))
            rest = rest[lv.end():]
        reg = _find_region(rest, lvl)
        if reg:
            return _Who(reg, None)
    return None


def _after_words(t: str, n: int) -> str:
    parts = t.split()
    return " ".join(parts[n:])


# --- instrument ids ------------------------------------------------------------------------------


def circular_instrument_id(type_: str, issuer: str | None, number: str | None,
                           year: int | None) -> tuple[str | None, str | None, int | None]:
    """(id, number, year) of a circular's own instrument, normalised by extractors/instruments.py:
    ('SE', 'BUPATI-35.25', '800/894/437.73/2020', None) -> ('SE:BUPATI-35.25:800/894/437.73/2020',
    '800/894/437.73', 2020); a number without a year takes ``year`` (the signing year)."""
    if not number:
        return None, None, year
    num, yr = normalize_number(number.rstrip(".,;:"), None)
    yr = yr or year
    return instrument_id(type_, issuer, num, yr), num, yr


@cache
def _types_lex() -> dict[str, Any]:
    lex: dict[str, Any] = load_json("instrument_types.json")
    return lex


def _typed(kind: str, role: str | None, central: bool) -> str:
    """'PERATURAN' + 'BUPATI' -> 'PERBUP'; + a minister -> 'PERMEN' (instrument_types.json by_issuer)."""
    table = _types_lex()["by_issuer"].get(kind)
    if not table or role is None:
        return kind
    if central and role.startswith("MEN") and "minister" in table:
        return str(table["minister"])
    return str(table.get(role, kind))


def _issuer_code(who: _Who | None) -> str | None:
    if who is None:
        return None
    role = who.role
    if role is None and who.authority is not None and who.authority.level != "central":
        role = _types_lex()["role_of_level"].get(who.authority.level)  # "Pemerintah Kota X" -> WALIKOTA
    if role is None:
        return None
    if who.central:
        return role
    if who.authority is None or not who.authority.id.startswith("region:"):
        return None
    return f"{role}-{who.authority.id.split(':', 1)[1]}"


# --- the circular's parts ------------------------------------------------------------------------

_TITLE_TYPES = {_norm_name(k): v for k, v in _words(_LEX["title_types"]).items()}
_SE_TYPES = frozenset({"SE", "SEB"})
_TITLE_RE = re.compile(rf"^(?P<kind>{_alt(list(_TITLE_TYPES))})\b\s*(?P<rest>.*)$", re.IGNORECASE)
# A year as an old OCR layer may print it: "2O2L", "2Ol7" (O for 0, l/I/L for 1).
_YEAR = r"[12][\dOoIlLi]{3}"
_NOMOR_RE = re.compile(
    rf"^(?:NOMOR|NO\.?)\s*:?\s*(?P<num>[0-9A-Za-z][\w./\-]*(?:\s*/\s*[\w.\-]+)*?)"
    rf"(?:\s+TAHUN\s+(?P<year>{_YEAR}))?\s*$",
    re.IGNORECASE,
)
_OCR_DIGITS = str.maketrans("OoIlLi", "001111")


def _ocr_year(s: str | None) -> int | None:
    """'2O2L' -> 2021; None unless it reads as 1900-2099."""
    if not s:
        return None
    y = s.translate(_OCR_DIGITS)
    return int(y) if y.isdigit() and y[:2] in ("19", "20") else None
_LETTER_NOMOR_RE = re.compile(r"^(?:Nomor|No\.?)\s*:\s*(?P<num>[0-9A-Za-z][\w./\-]*(?:\s*/\s*[\w.\-]+)*)",
                              re.IGNORECASE)
_PERIHAL_RE = re.compile(r"^(?:Perihal|Hal)\s*:\s*(?P<about>.+)$", re.IGNORECASE)
_TENTANG_RE = re.compile(r"^TENTANG\b\s*:?\s*(?P<about>.*)$", re.IGNORECASE)
_YTH_RE = re.compile(r"^(?:Kepada\s+)?Yth\.?\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
_DI_RE = re.compile(r"^(?:di\s*[-–:]?\s*\S*|di|Tempat|di\s+tempat)\s*$", re.IGNORECASE)
_TEMBUSAN_RE = re.compile(r"^Tembusan\s*(?:Yth\.?|Kepada\s+Yth\.?)?\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
_DITETAPKAN_RE = re.compile(
    r"^(?:Ditetapkan|Dikeluarkan)\s+di\s*:?\s*(?P<place>[^\n,]+?)(?:\s+(?:pada\s+)?tanggal\b.*)?$", re.IGNORECASE)
_TANGGAL_RE = re.compile(r"^(?:pada\s+)?tanggal\s*:?\s*(?P<date>.+)$", re.IGNORECASE)
_LETTER_DATE_RE = re.compile(r"^(?P<place>[A-Z][A-Za-z'.\- ]{1,40}),\s*(?P<date>\d{1,2}\s*[A-Za-z]+\s*\d{4})\b")
_NIP_RE = re.compile(r"^NIP\.?\s*:?\s*(?P<nip>[\d\s]{8,})", re.IGNORECASE)
_MARKER_RE = re.compile(
    r"^(?P<m>\((?P<pn>\d{1,2})\)|\((?P<pa>[a-z])\)|(?P<n>\d{1,2})(?P<nd>[.)])|(?P<a>[a-z])(?P<ad>[.)])"
    r"|(?P<r>[ivx]{1,5})[.)]|(?P<A>[A-Z])\.|(?P<R>[IVX]{1,5})\.|(?P<b>[-–•●▪◦*►]))(?=\s)"
)
_CLOSING_RE = re.compile(rf"^(?:{_alt(_LEX['closing_words']['words'])})\b", re.IGNORECASE)
_BASIS_HEAD_RE = re.compile(rf"^(?:{_alt(_LEX['basis_heads']['words'])})\b", re.IGNORECASE)


_SE_LINE_RE = re.compile(r"^[ \t]*SURAT[ \t]+EDARAN\b", re.MULTILINE)


_ON_BEHALF_LINE_RE = re.compile(r"^[ \t]*a\.?[ \t]?n\.?[ \t]+\S", re.IGNORECASE | re.MULTILINE)
PASTED_SIGNATURE_LINES = 8  # "a.n. BUPATI X" to the name: title lines, "ttd", blank lines


def _pasted_signatory(text: str) -> list[Span]:
    """A circular pasted into a news article ends with its signature block ("a.n. BUPATI BANYUWANGI /
    SEKRETARIS DAERAH, / ttd. / Drs. MUJIONO ..., M.Si. / NIP. ..."): its signer, an official of the head
    it signs for (the principal), when a 'ttd' or 'NIP' line closes the block."""
    m = _ON_BEHALF_LINE_RE.search(text)
    if m is None:
        return []
    lines = _lines(text)
    begin = next(i for i, ln in enumerate(lines) if ln.start <= m.start() < ln.end + 1)
    block = [ln.text.strip().lower() for ln in lines[begin:begin + PASTED_SIGNATURE_LINES]]
    if not any(t.startswith(("ttd", "nip")) for t in block):
        return []
    span, principal = _signatory(lines, begin, None)
    if span is None:
        return []
    value = span.value
    if value.authority_id is None and principal is not None and principal.authority is not None:
        span = Span(span.start, span.end, span.label,
                    OfficialMention(value.title, value.name, principal.authority.id), "circular.signatory_pasted")
    return [span] if span.value.authority_id else []


def looks_like_circular(text: str) -> bool:
    """A circular's structure: a title block at line starts ('SURAT EDARAN' with 'NOMOR' within
    three lines, or a letter 'Nomor :' line under a 'SURAT EDARAN' heading) plus an addressee,
    signing or tembusan block."""
    if not _SE_LINE_RE.search(text, 0, 20000):  # cheap gate: news texts stop here
        return False
    lines = [ln for ln in _lines(text[:20000]) if ln.text]
    title = False
    for i, ln in enumerate(lines[:TITLE_SEARCH_LINES]):
        m = _TITLE_RE.match(ln.text)
        if m and _is_caps(ln.text[:m.end("kind")]) and _TITLE_TYPES[_norm_name(m.group("kind"))] in _SE_TYPES:
            near = lines[max(0, i - 12):i + 5]
            if any(_NOMOR_RE.match(x.text) or _LETTER_NOMOR_RE.match(x.text) for x in near) or re.search(
                    r"\bNOMOR\b", ln.text):
                title = True
                break
    if not title:
        return False
    return any(_YTH_RE.match(ln.text) or _DITETAPKAN_RE.match(ln.text) or _TEMBUSAN_RE.match(ln.text)
               for ln in lines)


@dataclass
class _Title:
    kind: str  # taxonomy TYPE before role typing ("SE", "PERATURAN")
    number: str | None
    year: int | None
    about: str | None
    issuer_text: str
    start: int
    end: int
    first_line: int
    last_line: int
    number_span: tuple[int, int] | None


def _find_title(lines: list[_Ln]) -> _Title | None:
    for i, ln in enumerate(lines[:TITLE_SEARCH_LINES * 2]):
        m = _TITLE_RE.match(ln.text)
        if not m or not _is_caps(ln.text[:m.end("kind")]) or len(ln.text) > 160:
            continue
        kind = _TITLE_TYPES[_norm_name(m.group("kind"))]
        rest = m.group("rest").strip()
        issuer_parts = []
        number = year = None
        number_span = None
        # "SURAT EDARAN NOMOR 7 TAHUN 2025" on one line
        inline = re.search(r"\bNOMOR\b", rest, re.IGNORECASE)
        if inline:
            issuer_parts.append(rest[:inline.start()].strip())
            nm = _NOMOR_RE.match(rest[inline.start():])
            if nm:
                number, year = nm.group("num"), _ocr_year(nm.group("year"))
                off = ln.start + m.start("rest") + inline.start()
                number_span = (off, off + nm.end())
        elif rest:
            issuer_parts.append(rest)
        j = i + 1
        while number is None and j < min(len(lines), i + 6):
            t = lines[j].text
            if not t:
                j += 1
                continue
            nm = _NOMOR_RE.match(t)
            if nm:
                number, year = nm.group("num"), _ocr_year(nm.group("year"))
                number_span = (lines[j].start, lines[j].end)
                j += 1
                break
            if _is_caps(t) and not _TENTANG_RE.match(t):
                issuer_parts.append(t)
                j += 1
                continue
            break
        about = None
        last = j - 1
        if j < len(lines):
            # the about text: "TENTANG" then capitalised lines
            while j < len(lines) and not lines[j].text:
                j += 1
            if j < len(lines):
                tm = _TENTANG_RE.match(lines[j].text)
                if tm:
                    parts = [tm.group("about")] if tm.group("about") else []
                    last = j
                    k = j + 1
                    while k < len(lines) and lines[k].text and _is_caps(lines[k].text) and len(parts) < 8:
                        parts.append(lines[k].text)
                        last = k
                        k += 1
                    about = " ".join(p for p in parts if p) or None
        if number is None and rest == "" and kind in _SE_TYPES:
            # the letter layout: "SURAT EDARAN" alone, with "Nomor : ..." and "Perihal : ..." above
            return _letter_title(lines, i, kind)
        if number is None:
            continue
        return _Title(kind, number, year, about, " ".join(p for p in issuer_parts if p), ln.start,
                      lines[last].end, i, last, number_span)
    return None


def _letter_title(lines: list[_Ln], heading: int, kind: str) -> _Title | None:
    number = about = None
    number_span = None
    for k in range(max(0, heading - 25), heading):
        t = lines[k].text
        m = _LETTER_NOMOR_RE.match(t)
        if m and number is None:
            number = m.group("num").strip()
            number_span = (lines[k].start, lines[k].start + m.end())
        pm = _PERIHAL_RE.match(t)
        if pm:
            parts = [pm.group("about").strip()]
            q = k + 1
            while (q < heading and lines[q].text and len(parts) < 4 and not re.match(r"^\S+\s*:", lines[q].text)
                   and not _LETTER_DATE_RE.match(lines[q].text)
                   and not re.match(r"^(Kepada|Yth)", lines[q].text, re.IGNORECASE)):
                parts.append(lines[q].text)
                q += 1
            about = " ".join(parts)
    if number is None:
        return None
    year_m = re.search(r"(?:^|[/.\-])((?:19|20)\d{2})$", number)
    year = int(year_m.group(1)) if year_m else None
    ln = lines[heading]
    return _Title(kind, number, year, about, "", ln.start, ln.end, heading, heading, number_span)


def _letterhead(lines: list[_Ln], limit: int) -> list[_Ln]:
    """The kop: the first non-empty lines above the first structural line, at most
    LETTERHEAD_MAX_LINES, stopping at an address/phone line."""
    out: list[_Ln] = []
    for ln in lines[:limit]:
        t = ln.text
        if not t:
            continue
        if (_YTH_RE.match(t) or _LETTER_NOMOR_RE.match(t) or _TITLE_RE.match(t) and _is_caps(t)
                or _LETTER_DATE_RE.match(t) or re.match(r"^(Kepada|Nomor|Sifat|Lampiran|Perihal|Hal)\b", t)):
            break
        if re.search(r"\b(jalan|jl\.|telepon|telp|faks|fax|laman|website|e-?mail|kode pos|surel)\b", t, re.IGNORECASE):
            break
        out.append(ln)
        if len(out) >= LETTERHEAD_MAX_LINES:
            break
    return out


def _issuer_from_letterhead(head: list[_Ln]) -> tuple[_Who | None, tuple[int, int] | None]:
    """Authority named by the kop. Lines are read alone first ('BUPATI GRESIK',
    'PEMERINTAH KOTA MADIUN'), then joined (a ministry's name over three lines)."""
    for ln in head:
        w = _who(ln.text)
        if w and w.authority:
            return w, (ln.start, ln.end)
    if head:
        joined = " ".join(ln.text for ln in head)
        w = _who(joined)
        if w and w.authority:
            return w, (head[0].start, head[-1].end)
    return None, None


def _signing(lines: list[_Ln]) -> tuple[str, str, int, int, int] | None:
    """(ISO date, place, start, end, index of the last line) of the signing place/date."""
    for i, ln in enumerate(lines):
        m = _DITETAPKAN_RE.match(ln.text)
        if not m:
            continue
        place = m.group("place").strip().rstrip(",")
        d = _parse_date(ln.text)
        last = i
        if d is None:
            for k in range(i + 1, min(len(lines), i + 3)):
                tm = _TANGGAL_RE.match(lines[k].text)
                if tm:
                    d = _parse_date(lines[k].text)
                    last = k
                    break
        if d:
            return d[0], place, ln.start, lines[last].end, last
    # letter layout: "Gresik, 29 Mei 2020" near the top, or above the signature at the end
    cands = [i for i, ln in enumerate(lines) if _LETTER_DATE_RE.match(ln.text)]
    cands = [i for i in cands if i < LETTER_DATE_LINES or i > len(lines) - 25]
    for i in cands:
        m = _LETTER_DATE_RE.match(lines[i].text)
        assert m is not None
        d = _parse_date(m.group("date"))
        if d and not re.search(r"\b(tanggal|sejak|mulai|sampai)\b", m.group("place"), re.IGNORECASE):
            ln = lines[i]
            return d[0], m.group("place").strip(), ln.start, ln.start + m.end(), i
    return None


@cache
def _skip_words() -> frozenset[str]:
    return frozenset(w.replace(".", "") for w in _LEX["signature_skip"]["words"])


@cache
def _rank_re() -> re.Pattern[str]:
    return re.compile(rf"^(?:{_alt(_LEX['rank_words']['words'])})\b", re.IGNORECASE)


@cache
def _title_start_re() -> re.Pattern[str]:
    heads = [f for f, _r, _l in _regional_heads()] + _LEX["signatory_heads"]["words"]
    return re.compile(rf"^(?:(?:a\.?\s?n\.?|u\.?\s?b\.?)\s+)?(?:{_alt(heads)})\b", re.IGNORECASE)


@cache
def _honorifics() -> frozenset[str]:
    return frozenset(h.lower().replace(".", "") for h in load_json("titles.json")["honorifics"]) | frozenset(
        {"dr", "drs", "dra", "ir", "prof", "h", "hj", "kh", "r", "rr", "st"})


def _clean_name(raw: str) -> str | None:
    """'Drs. JAKA SURYANTO, M.Si.' -> 'Jaka Suryanto'; None when it does not look like a name."""
    s = raw.strip().strip(",;")
    s = s.split(",")[0]  # degrees after the first comma: ", S.H., M.Si."
    toks = s.split()
    while toks and toks[0].lower().replace(".", "") in _honorifics():
        toks.pop(0)
    toks = [t for t in toks if not re.fullmatch(r"[A-Z][a-z]?\.[A-Za-z.]*", t) or len(t) > 6]
    if not (1 <= len(toks) <= 6) or not all(re.fullmatch(r"[A-Za-z'’\-]+\.?", t) for t in toks):
        return None
    if sum(len(t) for t in toks) < 3:
        return None
    return " ".join(t[:1].upper() + t[1:].lower() if t.isupper() else t for t in toks)


def _signatory(lines: list[_Ln], begin: int, default: AuthorityMention | None) -> tuple[Span | None, _Who | None]:
    """Signature block starting at line ``begin``: (signatory span, principal) — the principal is
    the 'a.n.' title when there is one, else the signer's own title."""
    titles: list[_Ln] = []
    principal: _Who | None = None
    name_ln: _Ln | None = None
    end = min(len(lines), begin + SIGNATURE_MAX_LINES)
    k = begin
    while k < end:
        ln = lines[k]
        t = ln.text
        k += 1
        if not t:
            continue
        low = t.lower().replace(".", "").strip(" ,:")
        if low in _skip_words() or low.startswith(("ttd", "dto", "cap ")):
            continue
        if _TEMBUSAN_RE.match(t) or _NIP_RE.match(t):
            break
        title_goes_on = bool(titles) and _is_caps(t) and titles[-1].text.rstrip()[-1:] != ","
        if name_ln is None and (_title_start_re().match(t) or title_goes_on):
            if re.match(r"^(?:a\.?\s?n\.?|u\.?\s?b\.?)\s+", t, re.IGNORECASE):
                principal = _who(t, default)
            titles.append(ln)
            continue
        if titles and name_ln is None:
            if _rank_re().match(t):
                continue
            if _clean_name(t):
                name_ln = ln
                break
            break
        if not titles:
            break
    if not titles or name_ln is None:
        return None, principal
    own = [x for x in titles if not re.match(r"^(?:a\.?\s?n\.?|u\.?\s?b\.?)\s+", x.text, re.IGNORECASE)]
    title_text = " ".join(x.text for x in own).strip().rstrip(",")
    who = _who(title_text, default)
    name = _clean_name(name_ln.text)
    assert name is not None
    auth = who.authority.id if who and who.authority else (default.id if default else None)
    span = Span(titles[0].start, name_ln.end, "signatory", OfficialMention(title_text, name, auth),
                "circular.signatory")
    return span, principal or who


def _addressees(lines: list[_Ln], stop: int) -> list[Span]:
    out: list[Span] = []
    for i, ln in enumerate(lines[:stop]):
        m = _YTH_RE.match(ln.text)
        if not m:
            continue
        items: list[list[Any]] = []  # [start, end, text]
        first = m.group("rest").strip()
        if first and not _DI_RE.match(first):
            off = ln.start + m.start("rest")
            items.append([off, ln.end, first])
        for k in range(i + 1, min(stop, i + 30)):
            t = lines[k].text
            if not t or _DI_RE.match(t) or _TITLE_RE.match(t) and _is_caps(t) or _LETTER_NOMOR_RE.match(t):
                break
            mm = _MARKER_RE.match(t)
            if mm:
                body = t[mm.end():].strip()
                items.append([lines[k].start + (len(t) - len(t[mm.end():].lstrip())), lines[k].end, body])
            elif items:
                items[-1][1] = lines[k].end
                items[-1][2] += " " + t
            else:
                items.append([lines[k].start, lines[k].end, t])
            if re.search(r"\sdi\s*[-–:]?$", t, re.IGNORECASE):
                break  # "Se - Kabupaten Gresik di" / "GRESIK": the place comes next
        for s, e, body in items:
            body = re.sub(r"^(?:Sdr\.?|Saudara|Bapak/Ibu|Bapak|Ibu)\s+", "", body.strip())
            body = re.sub(r"(?:\s+di)?\s*[;,.]?\s*(?:dan)?\s*$", "", body).strip()
            if body:
                out.append(Span(s, e, "addressee", body, "circular.addressee"))
        break
    return out


def _tembusan(lines: list[_Ln]) -> list[Span]:
    out: list[Span] = []
    for i, ln in enumerate(lines):
        m = _TEMBUSAN_RE.match(ln.text)
        if not m:
            continue
        items: list[list[Any]] = []
        if m.group("rest").strip():
            items.append([ln.start + m.start("rest"), ln.end, m.group("rest").strip()])
        for k in range(i + 1, min(len(lines), i + 25)):
            t = lines[k].text
            if not t:
                if items:
                    break
                continue
            mm = _MARKER_RE.match(t)
            if mm:
                body_at = lines[k].start + (len(t) - len(t[mm.end():].lstrip()))
                items.append([body_at, lines[k].end, t[mm.end():].strip()])
            elif items and not _is_caps(t):
                items[-1][1] = lines[k].end
                items[-1][2] += " " + t
            else:
                break
        for s, e, body in items:
            body = re.sub(r"\s*[;,.]?\s*(?:dan)?\s*$", "", body).strip()
            if body:
                out.append(Span(s, e, "tembusan", body, "circular.tembusan"))
        break
    return out


def _style(m: re.Match[str], prev_alpha: str | None) -> tuple[str, str]:
    """(style, label) of a marker: '1.' -> ('num.', '1'), 'a)' -> ('alpha)', 'a')."""
    g = m.groupdict()
    if g["pn"]:
        return "(num)", g["pn"]
    if g["pa"]:
        return "(alpha)", g["pa"]
    if g["n"]:
        return "num" + g["nd"], g["n"]
    if g["a"]:
        return "alpha" + g["ad"], g["a"]
    if g["r"]:
        # "i." after "h." is a letter, not a roman numeral
        if len(g["r"]) == 1 and prev_alpha and ord(g["r"]) == ord(prev_alpha) + 1:
            return "alpha" + m.group("m")[-1], g["r"]
        return "roman", g["r"]
    if g["A"]:
        return "ALPHA", g["A"]
    if g["R"]:
        return "ROMAN", g["R"]
    return "bullet", "-"


def _clauses(text: str, lines: list[_Ln], lo: int, hi: int) -> list[Span]:
    """Clause spans for marker lines in lines[lo:hi]; a line may hold nested markers ('1. a. ...')."""
    starts: list[tuple[int, int, str, str]] = []  # (offset, level, label as written, path)
    stack: list[str] = []
    path: list[str] = []
    prev_alpha: str | None = None
    for ln in lines[lo:hi]:
        t = ln.text
        pos = 0
        while True:
            m = _MARKER_RE.match(t[pos:])
            if not m:
                break
            if m.group("A") and not stack and m.group("A") not in "AI":
                break  # "H. Bambang": an initial, not a section "A."
            style, label = _style(m, prev_alpha)
            if style.startswith("alpha"):
                prev_alpha = label
            if style in stack:
                k = stack.index(style)
                del stack[k + 1:]
                del path[k + 1:]
                path[k] = label
            else:
                stack.append(style)
                path.append(label)
            starts.append((ln.start + pos, len(stack) - 1, m.group("m"), ".".join(path)))
            pos += m.end()
            pos += len(t[pos:]) - len(t[pos:].lstrip())
    spans = []
    end_all = lines[hi - 1].end if hi - 1 < len(lines) and hi > lo else (lines[-1].end if lines else 0)
    for n, (s, level, label, p) in enumerate(starts):
        e = end_all
        for s2, level2, _l, _p in starts[n + 1:]:
            if level2 <= level:
                e = s2
                break
        e = len(text[:e].rstrip())
        if e > s:
            spans.append(Span(s, e, "clause", {"label": label, "level": level, "path": p}, "circular.clause"))
    return spans


# --- cited instruments (legal basis) ----------------------------------------------------------


def _cited(instruments: list[Span], lo: int, hi: int) -> list[Span]:
    """Numbered instruments (extractors/instruments.py) cited in ``[lo, hi)``, as legal basis."""
    return [Span(s.start, s.end, "legal_basis", s.value, "circular.legal_basis")
            for s in instruments if lo <= s.start < hi and s.value.id]


def _first_per_id(spans: list[Span]) -> list[Span]:
    seen: set[str] = set()
    out = []
    for s in sorted(spans, key=lambda s: s.start):
        if s.value.id not in seen:
            seen.add(s.value.id)
            out.append(s)
    return out


# --- quota tables ---------------------------------------------------------------------------------


@cache
def _scope_cues() -> list[tuple[str, str]]:
    scopes = load_json("quota_scopes.json")
    cues = [(_norm_name(w), code) for code in ("public_service_direct", "admin_support") for w in scopes[code]]
    for p in load_jsonl("exemptions.jsonl"):
        if isinstance(p.get("pattern"), str) and p.get("label") not in ("other", "_block"):
            cues.append((_norm_name(p["pattern"]), p["label"]))
    return sorted(set(cues), key=lambda c: len(c[0]), reverse=True)


def _row_scope(label: str) -> tuple[str, str | None]:
    """(scope code, notes) of a table row label."""
    low = " " + _norm_name(label) + " "
    cond = _LEX["quota_table"]["condition_words"]
    if any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", low) for w in cond):
        return "all", label.strip()
    # negated public service ("tidak berkaitan dengan pelayanan publik") is admin support
    for cue, code in _scope_cues():
        if f" {cue} " in low or low.strip().startswith(cue):
            if code == "public_service_direct" and re.search(r"\b(tidak|tak|bukan|non)\b", low[:low.find(cue)]):
                return "admin_support", None
            return code, None
    return "all", None


def _quota(mode: str, op: str, percent: float, scope: str, notes: str | None) -> QuotaMention:
    if notes:
        try:
            return QuotaMention(mode, op, percent, scope, notes=notes)  # type: ignore[call-arg]
        except TypeError:  # QuotaMention has no notes field yet
            pass
    return QuotaMention(mode, op, percent, scope)


def quota_rows(text: str, ctx: Context) -> list[Span]:
    """Quotas from table rows laid out as 'label | cell | cell' ('Level 4 | WFO maksimal 25%',
    'Unit pelayanan publik langsung | 100% | 0%'): the mode from the cell or its column header,
    the op from the words before the number, the scope from the row label (a condition such as
    a PPKM level or risk zone gives scope 'all' with the label in notes)."""
    from extractors.modes import find_modes
    from extractors.quotas import find_op, find_percents
    from extractors.textdoc import lowered

    spans: list[Span] = []
    lines = _lines(text)
    i = 0
    while i < len(lines):
        if " | " not in lines[i].text:
            i += 1
            continue
        j = i
        while j < len(lines) and " | " in lines[j].text:
            j += 1
        block = lines[i:j]
        i = j
        header: list[str] | None = None
        rows = block
        first_cells = [c.strip() for c in block[0].text.split(" | ")]
        if not any(find_percents(c) for c in first_cells):
            header, rows = first_cells, block[1:]
        col_modes: list[str | None] = []
        if header:
            for h in header:
                ms = find_modes(lowered(h))
                col_modes.append(ms[0].mode if len({x.mode for x in ms}) == 1 else None)
        for row in rows:
            cells = row.text.split(" | ")
            label = cells[0].strip()
            scope, notes = _row_scope(label)
            if notes and header and header[0] and not re.search(re.escape(header[0]), label, re.IGNORECASE):
                notes = f"{header[0].strip()}: {label}" if len(header[0]) < 40 else label
            found: list[tuple[str, str, float]] = []
            for ci, cell in enumerate(cells[1:], 1):
                cell = lowered(cell)
                for hit in find_percents(cell):
                    ms = find_modes(cell)
                    mode = ms[0].mode if ms else (col_modes[ci] if ci < len(col_modes) else None)
                    if mode is None:
                        continue
                    op = find_op(cell, hit.start, hit.end, 0).op
                    op = {"<": "<=", ">": ">="}.get(op, op)
                    found.append((mode, op, hit.value))
            has_full = any(v == 100 for _m, _o, v in found)
            for mode, op, value in found:
                if value == 0 and has_full:
                    continue  # "100% | 0%": the complement
                spans.append(Span(row.start, row.end, "quota", _quota(mode, op, value, scope, notes),
                                  "circular.table_quota"))
    return spans


# --- the extractor ------------------------------------------------------------------------------


@extractor("circular.v1", labels=("circular_title", "circular_instrument", "issuer", "signing", "signatory",
                                  "addressee", "tembusan", "clause", "legal_basis", "quota"),
           requires=("instrument.v1", "observation.v1"))
def extract_circular(text: str, ctx: Context) -> list[Span]:
    """The parts of a circular (see the module docstring); nothing for texts that are not one, but the
    signature block of a circular pasted into a news article (``_pasted_signatory``)."""
    if ctx.kind != "circular" and not looks_like_circular(text):
        return _pasted_signatory(text)
    lines = _lines(text)
    spans: list[Span] = []
    title = _find_title(lines)

    # 1. letterhead
    first_struct = title.first_line if title else min(len(lines), TITLE_SEARCH_LINES)
    head = _letterhead(lines, first_struct)
    kop, kop_span = _issuer_from_letterhead(head)
    region = kop.authority if kop and kop.authority and kop.authority.level != "central" else None

    # 5/6. signing and signature
    sign = _signing(lines)
    if sign:
        iso, place, s, e, last = sign
        spans.append(Span(s, e, "signing", {"date": iso, "place": place}, "circular.signing"))
    sig_from = sign[4] + 1 if sign and sign[4] > (title.last_line if title else 0) else None
    if sig_from is None:
        closing = [i for i, ln in enumerate(lines) if _CLOSING_RE.match(ln.text)]
        sig_from = closing[-1] + 1 if closing else None
    signer, principal = (None, None)
    if sig_from is not None:
        signer, principal = _signatory(lines, sig_from, region or (kop.authority if kop else None))
        if signer:
            spans.append(signer)

    # the issuing authority: kop, else the principal of the signature, else the title
    title_who = _who(title.issuer_text, region) if title and title.issuer_text else None
    authority = (kop.authority if kop else None) or (principal.authority if principal else None) or (
        title_who.authority if title_who else None)
    if authority:
        s, e = kop_span if kop_span else (title.start, title.end) if title else (0, 0)
        rule = "circular.issuer_letterhead" if kop_span else "circular.issuer_title"
        spans.append(Span(s, e, "issuer", authority, rule))

    # 2. title and the circular's own instrument: its issuer is the title's ("SURAT EDARAN WALI
    # KOTA MADIUN"), else the signature's principal, else the letterhead's head ("BUPATI GRESIK"),
    # else the letterhead's government ("PEMERINTAH KOTA X" -> WALIKOTA, instrument_types.json)
    if title:
        who = next((w for w in (title_who, principal, kop) if w and w.role), None) or kop or principal
        typed = _typed(title.kind, who.role if who else None, bool(who and who.central))
        issuer = None if typed in ("SEB", "SKB") else _issuer_code(who)  # joint: no single issuer
        sign_year = int(sign[0][:4]) if sign else None
        iid, number, year = circular_instrument_id(typed, issuer, title.number, title.year or sign_year)
        spans.append(Span(title.start, title.end, "circular_title",
                          {"type": typed, "number": title.number, "year": year, "about": title.about,
                           "issuer": issuer, "id": iid}, "circular.title"))
        if title.number:
            ns, ne = title.number_span or (title.start, title.end)
            auth_id = who.authority.id if who and who.authority else (authority.id if authority else None)
            spans.append(Span(ns, ne, "circular_instrument",
                              InstrumentMention(iid, typed, issuer, number, year, auth_id), "circular.instrument"))

    # 3. addressees (above the body)
    body_start = title.last_line + 1 if title else 0
    spans.extend(_addressees(lines, max(body_start, min(len(lines), LETTER_DATE_LINES + 10))))

    # 4. clauses: from the title to the closing paragraph / signing block
    end_line = len(lines)
    for i in range(body_start, len(lines)):
        if _CLOSING_RE.match(lines[i].text) or _DITETAPKAN_RE.match(lines[i].text) or _TEMBUSAN_RE.match(lines[i].text):
            end_line = i
            break
    clauses = _clauses(text, lines, body_start, end_line)
    spans.extend(clauses)

    # legal basis: numbered instruments in the preamble (before the first clause) and in a
    # "Dasar" / "Mengingat" clause
    first_clause = clauses[0].start if clauses else (lines[end_line - 1].end if end_line > 0 else len(text))
    pre_lo = lines[body_start].start if body_start < len(lines) else len(text)
    cited = requires(ctx, "instrument.v1", text)
    basis = _cited(cited, pre_lo, first_clause)
    for c in clauses:  # "1. Dasar: a. ...; b. ..."
        body = text[c.start:c.end]
        if c.value["level"] == 0 and _BASIS_HEAD_RE.match(body[len(c.value["label"]):].lstrip()):
            basis.extend(_cited(cited, c.start, c.end))
    for i in range(body_start, end_line):  # "Dasar:" / "Mengingat :" then its list
        if _BASIS_HEAD_RE.match(lines[i].text) and len(lines[i].text) < 40 and lines[i].start >= first_clause:
            k = i + 1
            while k < end_line and (not lines[k].text or _MARKER_RE.match(lines[k].text)):
                k += 1
            basis.extend(_cited(cited, lines[i].start, lines[k - 1].end))
    spans.extend(_first_per_id(basis))

    # 7. tembusan; 8. quota tables
    spans.extend(_tembusan(lines))
    from extractors.quotas import drop_reported

    spans.extend(drop_reported(quota_rows(text, ctx), requires(ctx, "observation.v1", text)))
    return spans
