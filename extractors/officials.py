"""Officials: people named with a government title.

Value: ``OfficialMention(title, name, authority_id)``. ``title`` is written as in the text
without the region ("Penjabat (Pj) Wali Kota", "Kepala Bagian Organisasi Setda", "Menteri PANRB");
``name`` is the person's name as written with honorifics removed; ``authority_id`` is the body
the title names ("Wali Kota Bandung" -> ``region:32.73``, "Menteri PANRB" ->
``central:kemenpanrb``), or None when the title names none ("PJ Bupati setempat", "Pak
Walikota (Helldy Agustian)"): the assembler gives those the authority in focus.

Rules (``span.rule``):

| rule | shape | example |
|---|---|---|
| ``official.title_name`` | <Title> <Region>[,] <Name> | "Wali Kota Tangerang, Arief R Wismansyah", "Pj Wali Kota Bandung Bambang Tirtoyuliono" |
| ``official.title_paren`` | <Title> <Region> (<Name>) | "Sekda Kota Cilegon (Maman Mauludin)" |
| ``official.unit_head`` | <Unit title> <Body>[,] <Name> | "Kepala Bagian Organisasi Setda Kota Cilegon, Noviyogi Hermawan", "Deputi Bidang ... Kemenpan-RB Nanik Murwati" |
| ``official.central_head`` | <Minister/President> <Name> | "Menteri PANRB Rini Widyantini", "MenPANRB Abdullah Azwar Anas", "Presiden Jokowi" |
| ``official.selaku`` | <Name> selaku <Title> <Region> | "Eri Cahyadi selaku Wali Kota Surabaya" |
| ``official.apposition`` | <Name>, <Title> <Region> | "Eri Cahyadi, Wali Kota Surabaya, mengatakan" |
| ``official.short_ref`` | a later (or earlier) mention by first or last name | "kata Benyamin" -> Benyamin Davnie |

``short_ref`` spans cover the mention; their value repeats the full name, title and
authority of the titled mention. A name token shared by two titled officials is not resolved.

Names: honorifics and academic/haji prefixes are dropped ("Dr. H. Sambari Halim Radianto" ->
"Sambari Halim Radianto"; scoring compares names lower-cased without dots, and gold removes
titles), initials are kept ("Arief R Wismansyah"). Only titles that belong to government are
read: legislators ("Wakil Ketua Komisi II DPR"), experts, journalists ("Laporan Reporter ...",
"oleh ...") and photo credits carry none of the titles in ``lexicons/titles.json``, so they are
never emitted. Unit titles (Kepala, Deputi, Asisten, ...) need a body (region, agency or central
body) before the name, so "Kepala Pusat Studi ... Universitas" gives nothing. Between the
region and the name, a parenthesised short form ("Gubernur Sumatera Utara (Sumut) Bobby
Nasution") and "terpilih"/"definitif"/"nonaktif" are skipped. A central head right after an
instrument word is the instrument's issuer, not a person ("Peraturan Menteri PANRB (PermenPANRB)
No. 4"). Title-Case headlines ("Pj Wali Kota Bandung Pastikan ...") give no name: headline verbs
are in ``name_stopwords`` and words ending in "-kan" are never names.
"""  # noqa: E501

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extractors.authority import (
    BARE_PREFERENCE,
    RegionHit,
    central_hits,
    choose_region,
    head_regex,
    match_agency,
    match_central,
    match_region,
    phrase_regex,
    region_mention,
    strong_mentions,
)
from extractors.base import Context, OfficialMention, Span, extractor
from extractors.lexicon import load_json
from pipeline.ml.names import tokenize

__all__ = ["extract_officials", "parse_name"]

# A person's name has at most this many words after honorifics ("Deny Isworo Makirtyo
# Tusthowardoyo" has 4; 5 leaves room for an initial).
MAX_NAME_WORDS = 5
# Unit titles ("Deputi Bidang Kelembagaan dan Tata Laksana") have at most this many words
# between the title and the body it heads.
MAX_UNIT_WORDS = 10
# A short reference must be at least this long ("Eri" is 3), so initials never match.
MIN_REF_LEN = 3


@dataclass(frozen=True)
class _Lex:
    honorifics: frozenset[str]
    stop: frozenset[str]
    unit_words: frozenset[str]
    adverbs: frozenset[str]
    balinese: frozenset[str]
    places: frozenset[str]
    name_abbreviations: frozenset[str]
    instruments: frozenset[str]
    honorific_phrase_re: re.Pattern[str]
    royal: re.Pattern[str]  # court titles before a name ("Sri Sultan", "KGPAA")
    noble: re.Pattern[str]  # Balinese noble name starts made of unit words ("Anak Agung")
    unit_words_in_names: frozenset[str]  # unit words that continue a begun name ("Pratama")
    particle: re.Pattern[str]  # lower-case words inside a name ("bin")
    title_re: re.Pattern[str]
    heads: dict[str, str | None]  # normalized regional head title -> level


def _norm(s: str) -> str:
    return re.sub(r"[^a-z0-9]", "", s.lower())


@cache
def _lex() -> _Lex:
    t = load_json("titles.json")
    acting_long = [a for a in t["acting_prefixes"] if " " in a or len(a) > 4]
    acting_short = [a for a in t["acting_prefixes"] if a not in acting_long]
    acting = (r"(?:(?:" + "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in acting_long)
              + r")(?:\s*\((?:" + "|".join(acting_short) + r")\.?\))?|(?:" + "|".join(acting_short)
              + r")\.?)\s+")
    # "Kadisdukcapil", "Kadinkes", "Kasatpol PP": Ka + an agency, one word
    fused = ["Ka" + a["abbr"] for a in load_json("authority_agencies.json")["agencies"]]
    title = (r"(?<![\w\-])(?P<acting>" + acting + r")?(?:(?P<head>" + head_regex() + r")|(?P<unit>"
             + phrase_regex(t["unit_heads"] + fused) + r"))(?![\w\-])")
    heads = {_norm(f): h["level"] for h in t["regional_heads"] for f in h["forms"]}
    return _Lex(
        honorifics=frozenset(h.lower() for h in t["honorifics"]),
        stop=frozenset(w.lower() for w in t["name_stopwords"]),
        unit_words=frozenset(w.lower() for w in t["unit_words"]),
        adverbs=frozenset(w.lower() for w in t.get("name_boundary_adverbs", [])),
        balinese=frozenset(w.lower() for w in t.get("balinese_name_starts", [])),
        places=frozenset(w.lower() for w in t["place_words"]),
        name_abbreviations=frozenset(w.lower().rstrip(".") for w in t["name_abbreviations"]),
        instruments=_instrument_words(),
        honorific_phrase_re=re.compile(phrase_regex(t["honorific_phrases"]) + r"[^\S\n]+", re.IGNORECASE),
        royal=_phrases_then_gap(t.get("royal_honorifics", [])),
        noble=_phrases_then_gap(t.get("noble_name_starts", [])),
        unit_words_in_names=frozenset(w.lower() for w in t.get("unit_words_in_names", [])),
        particle=re.compile(r"(?:" + "|".join(re.escape(w) for w in t.get("name_particles", []))
                            + r")[^\S\n]+(?=[A-Z])"),
        title_re=re.compile(title, re.IGNORECASE),
        heads=heads,
    )


def _instrument_words() -> frozenset[str]:
    """One-word instrument names ('Ingub', 'Perbup', 'Kepgub', 'SE'): "Instruksi Gubernur (Ingub)" names
    no person."""
    words: set[str] = set()
    for head in load_json("instrument_types.json")["heads"]:
        words.update(f.lower() for f in head.get("forms", []) + head.get("forms_cs", []) if " " not in f)
    return frozenset(words)


def _phrases_then_gap(phrases: list[str]) -> re.Pattern[str]:
    """Any of ``phrases`` (longest first, as written) followed by a space on the same line."""
    alts = sorted(phrases, key=len, reverse=True) or ["(?!)"]
    return re.compile(r"(?:" + "|".join(re.escape(a).replace(r"\ ", r"[^\S\n]+") for a in alts)
                      + r")[^\S\n]+")


# --- names --------------------------------------------------------------------------

_NAME_TOKEN = re.compile(
    r"[A-Z][a-z'’]+(?:-[A-Z]?[a-z'’]+)*|[A-Z]\.(?:[A-Z]\.)*|[A-Z](?=[^\S\n])|[A-Z]{2,3}\.?(?=[^\S\n])"
)
_HONORIFIC = re.compile(r"(?:[A-Za-z]{1,4}\.)+|[A-Za-z]{2,5}(?=[^\S\n])")
_GAP = re.compile(r"[^\S\n]+")


def _initials(text: str, m: re.Match[str], lex: _Lex) -> bool:
    """Two capitals opening a name are its initials when a capitalised name word follows ("SF Hariyanto",
    "HM Rasyid"), not an acronym of the lexicons ("PP", "SE")."""
    word = m.group(0)
    if len(word) != 2 or not word.isalpha() or word.lower() in lex.unit_words or word.lower() in lex.instruments:
        return False
    gap = _GAP.match(text, m.end())
    nxt = _NAME_TOKEN.match(text, gap.end()) if gap else None
    return nxt is not None and not nxt.group(0).isupper() and nxt.group(0).rstrip(".").lower() not in lex.stop


def parse_name(text: str, pos: int) -> tuple[int, int, str] | None:
    """(start, end, cleaned name) of a person's name starting at ``pos`` (no separator skipped).

    Honorific prefixes are skipped ("Dr. H. ", "Pak "); the name is 1-5 capitalised words or
    initials, stopping at a lower-case word, punctuation, a line break or a stop word.
    """
    lex = _lex()
    p = pos
    for _ in range(3):  # "Dr. H. Sambari", "Prof. Dr. Ir. ...", "Sri Paduka KGPAA Paku Alam X"
        phrase = lex.honorific_phrase_re.match(text, p)
        if phrase is not None:
            p = phrase.end()
            continue
        m = _HONORIFIC.match(text, p)
        if m is None or m.group(0).lower() not in lex.honorifics:
            break
        gap = _GAP.match(text, m.end())
        if gap is None:
            break
        p = gap.end()
    royal = lex.royal.match(text, p)  # "Sri Sultan Hamengku Buwono X", "KGPAA Paku Alam X"
    if royal is not None:
        p = royal.end()
    start = p
    noble = lex.noble.match(text, p)  # "Anak Agung Ngurah ...": these words are the name's
    noble_end = noble.end() if noble is not None else p
    words: list[str] = []
    ends: list[int] = []
    end = p
    before_verb = False  # the name stopped at a verb or stop word ("Maulana Langsung Menerbitkan")
    while len(words) < MAX_NAME_WORDS:
        m = _NAME_TOKEN.match(text, p)
        if m is None and words and (particle := lex.particle.match(text, p)) is not None:
            words.append(particle.group(0).rstrip())  # "Husein bin Abdullah Alatas"
            p = particle.end()
            m = _NAME_TOKEN.match(text, p)
        if m is None:
            break
        word = m.group(0)
        low = word.rstrip(".").lower()
        if not words and (low in lex.places or low in lex.instruments):
            return None  # "Kantor Gubernur, Jalan Pahlawan", "Instruksi Gubernur (Ingub)": no person
        balinese = not words and low in ("i", "ni") and _balinese_next(text, m.end())  # "I Made Sukerta"
        unit_word = low in lex.unit_words and not (words and low in lex.unit_words_in_names)
        if not balinese and m.start() >= noble_end and (low in lex.stop or unit_word
                                                         or (len(low) > 5 and low.endswith("kan"))):
            before_verb = not unit_word
            break
        if m.end() < len(text) and (text[m.end()].isalnum()):
            break  # "Permen|PANRB", "Anung|menyambut": not a word of a name
        if len(word.rstrip(".")) > 1 and word.isupper() and not (not words and _initials(text, m, lex)):
            break  # acronyms ("ASN", "OPD") are not names; initials are single letters or "SF Hariyanto"
        words.append(word)
        end = m.end()
        ends.append(end)
        if text.startswith(".", end) and low in lex.name_abbreviations and _GAP.match(text, end + 1):
            end += 1  # "Andi Moh. Ramli Tahir": an abbreviated part of a name goes on
        gap = _GAP.match(text, end)
        if gap is None:
            break
        p = gap.end()
    if before_verb and len(words) > 1 and words[-1].lower() in lex.adverbs:
        words.pop()  # "Wali Kota Jambi Maulana Langsung Menerbitkan SE": an adverb before the verb
        ends.pop()
        end = ends[-1]
    if not words or all(len(w.rstrip(".")) == 1 for w in words):
        return None
    region = match_region(text, start)
    if region is not None and region.end >= end - (1 if text[end - 1] == "." else 0):
        return None  # "(Sumut)", "Bandung": a place, not a person
    if end > start and text[end - 1] == "." and len(words[-1].rstrip(".")) > 1:
        end -= 1
    return start, end, " ".join(w if len(w.rstrip(".")) == 1 else w.rstrip(".") for w in words)


def _balinese_next(text: str, pos: int) -> bool:
    m = re.match(r"[^\S\n]+([A-Z][a-z]+)", text[pos:pos + 20])
    return m is not None and m.group(1).lower() in _lex().balinese


_SEP_NAME = re.compile(r"[^\S\n]*,[^\S\n]*|[^\S\n]+")
_PAREN_OPEN = re.compile(r"[^\S\n]*\([^\S\n]*")
_PAREN_CLOSE = re.compile(r"[^\S\n]*\)")


def _name_after(text: str, pos: int) -> tuple[int, int, str, bool] | None:
    """A name right after a title: ", Name", " Name" or " (Name)"; (start, end, name, in_parens)."""
    m = _PAREN_OPEN.match(text, pos)
    if m is not None:
        found = parse_name(text, m.end())
        if found is not None:
            close = _PAREN_CLOSE.match(text, found[1])
            if close is not None:
                return found[0], close.end(), found[2], True
        return None
    m = _SEP_NAME.match(text, pos)
    if m is None:
        return None
    found = parse_name(text, m.end())
    if found is not None:
        found = _learned_bounds(text, pos, found)
    return (found[0], found[1], found[2], False) if found else None


# --- the learned name boundary (pipeline/ml/names.py) -------------------------------------

NAME_CONTEXT_CHARS = 60  # text tagged around a name after a title (the tagger sees +-2 tokens)
_NOT_A_NAME_START = frozenset({"VB", "NEG", "ADV", "SC", "IN", "CC", "PR", "DT", "NUM", "SYM", "RP", "UH", "JJ"})
# The tagger ends a name only at a word that also looks like one that is no name: an affixed
# verb ("Menyetujui", "Terpapar", "Diminta") or a lexicon adverb ("Langsung", "Juga");
# measured on seeds/dev/dev2, the tagger alone cut real surnames ("Nanik Murwati" -> VB).
_VERB_SHAPE = re.compile(r"(?:me[mny]?|meng|ber|ter|di|per|ke)\w{3,}", re.IGNORECASE)


@cache
def _name_tagger():  # type: ignore[no-untyped-def]
    """The bundled name tagger (a missing model is a loud ConfigError); None only when
    EDARAN_NAME_MODEL=off (for measuring the rules alone)."""
    import os

    from pipeline.ml.names import DEFAULT_NAMES_DIR, load_name_tagger

    spec = os.environ.get("EDARAN_NAME_MODEL", "")
    if spec.lower() == "off":
        return None
    return load_name_tagger(spec or str(DEFAULT_NAMES_DIR))


def _could_end_a_name(word: str) -> bool:
    low = word.lower()
    return bool(_VERB_SHAPE.fullmatch(word)) or low in _lex().stop or low in _lex().adverbs


def _no_name_word(text: str, tok: tuple[int, int, str]) -> bool:
    return tok[2] in _NOT_A_NAME_START and _could_end_a_name(text[tok[0]:tok[1]])


def _learned_bounds(text: str, title_end: int, found: tuple[int, int, str]) -> tuple[int, int, str] | None:
    """Only on text right after a title: the tagger decides where the name ends ("Anna
    Mu'awanah Langsung ...", "Respati Ardi Menyetujui ..."): the name stops before the first
    word it does not tag NNP that is shaped like no name; such a first word is no name.
    The tagger is loaded on the first name it could cut (most documents have none: ~0.3 s saved)."""
    start, end, _ = found
    if not any(_could_end_a_name(text[a:b]) for a, b in tokenize(text, start, end)):
        return found  # nothing the tagger could cut at: it does not run
    tagger = _name_tagger()
    if tagger is None:
        return found
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    tagged = [t for t in tagger.tag(text, max(line_start, title_end - NAME_CONTEXT_CHARS),
                                    min(line_end, end + NAME_CONTEXT_CHARS)) if t[0] >= start and t[1] <= end]
    if not tagged:
        return found
    if _no_name_word(text, tagged[0]):
        return None
    cut = next((t for t in tagged[1:] if _no_name_word(text, t)), None)
    if cut is None:
        return found
    # the name up to the cut, read from a slice of the name alone (not the text before it: linear)
    cut_name = parse_name(text[start:cut[0]].rstrip(), 0)
    return None if cut_name is None else (cut_name[0] + start, cut_name[1] + start, cut_name[2])


# --- bodies after a title ---------------------------------------------------------

_TYPE_CUE = re.compile(r"(?P<t>Provinsi|Prov\.|Kota\s+Administrasi|Kabupaten\s+Administrasi|Kota|Kabupaten|Kab\.)\s*",
                       re.IGNORECASE)
_ADMINISTRASI = re.compile(r"Administrasi\s+", re.IGNORECASE)
_GOV_CUE = re.compile(r"(?:Pemerintah(?:an)?\s+(?:Provinsi|Kota|Kabupaten|Daerah)|Pemprov|Pemkot|Pemkab|Pemda)\.?\s+",
                      re.IGNORECASE)
_MODIFIER = re.compile(r"[^\S\n]+(?:terpilih|definitif|non-?aktif|periode[^\S\n]+\d{4}[^\S\n]*[-–/][^\S\n]*\d{4})"
                       r"(?![\w\-])", re.IGNORECASE)
_SETEMPAT = re.compile(r"setempat(?![\w])", re.IGNORECASE)
_RI = re.compile(r"[^\S\n]+(?:RI|Republik\s+Indonesia)(?![\w])")
_PAREN_SKIP = re.compile(r"[^\S\n]*\([^()\n]{1,30}\)")


def _level_of(word: str) -> frozenset[str]:
    w = word.lower()
    return frozenset({"provinsi" if w.startswith("prov") else "kota" if w.startswith("kota") else "kabupaten"})


def _region_at(text: str, pos: int, levels: frozenset[str] | None) -> tuple[RegionHit, int] | None:
    """A region at ``pos``, with or without a type cue ("Kota Cilegon", "Cilegon", "Jabar")."""
    m = _TYPE_CUE.match(text, pos)
    if m is not None and m.end() > pos and (text[m.end() - 1].isspace() or text[m.end() - 1] == "."):
        hit = match_region(text, m.end(), _level_of(m.group("t")))
        if hit is not None:
            return hit, hit.end
    adm = _ADMINISTRASI.match(text, pos)  # "Wali Kota Administrasi Jakarta Barat"
    hit = match_region(text, adm.end() if adm else pos, levels)
    return (hit, hit.end) if hit is not None else None


@dataclass
class _Body:
    end: int
    authority_id: str | None
    region: RegionHit | None = None
    agency_end: int | None = None  # "Kepala BKPSDM Kota Bandung": the agency belongs to the title


def _body_at(text: str, pos: int, levels: frozenset[str] | None) -> _Body | None:
    """The body a unit title names at ``pos``: central body, government, agency or region."""
    c = match_central(text, pos)
    if c is not None:
        return _Body(c.end, f"central:{c.slug}")
    g = _GOV_CUE.match(text, pos)
    if g is not None:
        r = _region_at(text, g.end(), levels)
        if r is not None:
            return _Body(r[1], None, r[0])
    a = match_agency(text, pos)
    if a is not None:
        p = a[0]
        agency_end = p
        paren = _PAREN_SKIP.match(text, p)
        if paren is not None:
            p = paren.end()
        gap = _GAP.match(text, p)
        if gap is not None:
            g = _GOV_CUE.match(text, gap.end())
            r = _region_at(text, g.end() if g else gap.end(), levels)
            if r is not None:
                return _Body(r[1], None, r[0], agency_end)
        return _Body(p, None, None, agency_end)
    r = _region_at(text, pos, levels)
    if r is not None:
        return _Body(r[1], None, r[0])
    return None


_TAIL_WORD = re.compile(r"[A-Za-z][\w'’\-]*|&|,|/")


# --- the extractor ----------------------------------------------------------------


@dataclass
class _Found:
    start: int
    end: int
    title: str
    name: str
    region: RegionHit | None
    authority_id: str | None
    rule: str
    name_span: tuple[int, int]


def _title_text(text: str, start: int, end: int) -> str:
    return re.sub(r"\s+", " ", text[start:end]).strip(" ,")


def _skip_region_paren(text: str, pos: int) -> int:
    """Past a parenthesised short form of a region or agency: "(Sumut)", "(BKD)"."""
    paren = _PAREN_SKIP.match(text, pos)
    if paren is None:
        return pos
    inner = paren.group(0).strip().strip("()").strip()
    hit = match_region(inner, 0)
    agency = match_agency(inner, 0)
    if (hit is not None and hit.end == len(inner)) or (agency is not None and agency[0] == len(inner)):
        return paren.end()
    return pos


def _regional(text: str, m: re.Match[str]) -> _Found | None:
    lex = _lex()
    level = lex.heads[_norm(m.group("head"))]
    levels = frozenset({level}) if level else None
    title_end = m.end()
    paren = _PAREN_SKIP.match(text, title_end)  # "Sekretaris Daerah (Sekda) Kota Bandung"
    if paren is not None and _norm(paren.group(0)) in lex.heads:
        title_end = paren.end()
    p = title_end
    gap = _GAP.match(text, p)
    region: RegionHit | None = None
    if gap is not None:
        setempat = _SETEMPAT.match(text, gap.end())
        if setempat is not None:
            p = setempat.end()
        else:
            r = _region_at(text, gap.end(), levels)
            if r is not None:
                region, p = r
    p = _skip_region_paren(text, p)  # "Gubernur Sumatera Utara (Sumut) Bobby Nasution"
    modifier = _MODIFIER.match(text, p)  # "Gubernur Jawa Barat terpilih Dedi Mulyadi"
    if modifier is not None:
        p = modifier.end()
    found = _name_after(text, p)
    if found is None:
        return None
    rule = "official.title_paren" if found[3] else "official.title_name"
    return _Found(m.start(), found[1], _title_text(text, m.start(), title_end), found[2], region, None, rule,
                  (found[0], found[1] - (1 if found[3] else 0)))


def _unit(text: str, m: re.Match[str]) -> _Found | None:
    lex = _lex()
    p = m.end()
    body: _Body | None = None
    title_end = m.end()
    for _ in range(MAX_UNIT_WORDS):
        gap = _GAP.match(text, p)
        if gap is None:
            break
        q = gap.end()
        b = _body_at(text, q, None)
        if b is not None:
            body = b
            p = b.end
            break
        w = _TAIL_WORD.match(text, q)
        if w is None:
            break
        word = w.group(0)
        if word.lower() in lex.unit_words or word.lower() in ("dan", "serta", "&", "/"):
            p = w.end()
            title_end = p
            continue
        paren = _PAREN_SKIP.match(text, q)
        if paren is not None:
            p = paren.end()
            continue
        break
    if body is None:
        return None
    if body.agency_end is not None:
        title_end = body.agency_end
    p = _skip_region_paren(text, p)
    # more unit words after the body: "Kepala Otorita IKN Bidang Komunikasi Publik"
    for _ in range(MAX_UNIT_WORDS):
        paren = _PAREN_SKIP.match(text, p)
        if paren is not None:
            p = paren.end()
            continue
        gap = _GAP.match(text, p)
        if gap is None:
            break
        w = _TAIL_WORD.match(text, gap.end())
        if w is None or w.group(0).lower() not in lex.unit_words | {"dan"}:
            break
        if w.group(0) == "I" and _balinese_next(text, w.end()):
            break  # "Kepala BKPSDM Badung I Gusti Ngurah ...": a name, not unit I
        p = w.end()
    found = _name_after(text, p)
    if found is None:
        before = _name_before(text, m.start()) if _APPOSITION_END.match(text, p) else None
        if before is None:
            return None  # "M. Rizal, Kepala BKPSDM Kota Binjai, menyampaikan": the name is before the title
        return _Found(before[0], p, _title_text(text, m.start(), title_end), before[2], body.region,
                      body.authority_id, "official.unit_head", (before[0], before[1]))
    return _Found(m.start(), found[1], _title_text(text, m.start(), title_end), found[2], body.region,
                  body.authority_id, "official.unit_head", (found[0], found[1] - (1 if found[3] else 0)))


_ACTING_BEFORE = re.compile(r"(?:Penjabat|Pelaksana\s+Tugas|Pelaksana\s+Harian|Plt|Plh|Pj)\.?[^\S\n]+$", re.IGNORECASE)


# A central head right after one of these names an instrument's issuer, not a person:
# "Peraturan Menteri PANRB (PermenPANRB) No. 4", "Surat Edaran Mendagri".
_INSTRUMENT_BEFORE = re.compile(r"(?:peraturan|edaran|SE|keputusan|instruksi|bersama)[^\S\n]+$", re.IGNORECASE)


def _central_head(text: str, start: int, end: int, slug: str) -> _Found | None:
    if _INSTRUMENT_BEFORE.search(text, max(0, start - 20), start):
        return None
    p = end
    ri = _RI.match(text, p)
    if ri is not None:
        p = ri.end()
    paren = _PAREN_SKIP.match(text, p)
    found = _name_after(text, p)
    if found is None and paren is not None:
        found = _name_after(text, paren.end())
    if found is None or found[3]:
        return None
    acting = _ACTING_BEFORE.search(text, max(0, start - 25), start)
    s = acting.start() if acting else start
    return _Found(s, found[1], _title_text(text, s, end), found[2], None, f"central:{slug}",
                  "official.central_head", (found[0], found[1]))


# academic degrees written after a name: ", S.Sos., M.Si.", ", M.Pd.", ", S.STP"
_DEGREES_AFTER = r"(?:[^\S\n]*,[^\S\n]*(?:[A-Z][A-Za-z]{0,3}\.)+[A-Z]{0,4}\.?)*"
_NAME_BEFORE = re.compile(
    r"(?P<name>[A-Z][\w'’.]*(?:[^\S\n]+[A-Z][\w'’.]*){1,4})" + _DEGREES_AFTER
    + r"(?P<sep>[^\S\n]*,[^\S\n]*|[^\S\n]+selaku[^\S\n]+)$"
)


def _name_before(text: str, start: int) -> tuple[int, int, str, str] | None:
    """'Eri Cahyadi, Wali Kota ...' / 'Eri Cahyadi selaku Wali Kota ...': a 2+ word name."""
    m = _NAME_BEFORE.search(text, max(0, start - 80), start)
    if m is None:
        return None
    found = parse_name(text, m.start("name"))
    if found is None or found[1] != m.end("name") or " " not in found[2]:
        return None
    rule = "official.selaku" if "selaku" in m.group("sep") else "official.apposition"
    return found[0], found[1], found[2], rule


def _titled(text: str) -> list[_Found]:
    lex = _lex()
    out: list[_Found] = []
    for h in central_hits(text):
        if h.kind == "head":
            f = _central_head(text, h.start, h.end, h.slug)
            if f is not None:
                out.append(f)
    taken = [(f.start, f.end) for f in out]
    for m in lex.title_re.finditer(text):
        if any(m.start() < b and a < m.end() for a, b in taken):
            continue
        f = _regional(text, m) if m.group("head") else _unit(text, m)
        if f is None and m.group("head"):
            f = _backward(text, m)
        if f is not None:
            out.append(f)
            taken.append((f.start, f.end))
    return out


def _backward(text: str, m: re.Match[str]) -> _Found | None:
    """A regional title with no name after it, but a name before: apposition or 'selaku'."""
    before = _name_before(text, m.start())
    if before is None:
        return None
    lex = _lex()
    level = lex.heads[_norm(m.group("head"))]
    gap = _GAP.match(text, m.end())
    r = _region_at(text, gap.end(), frozenset({level}) if level else None) if gap else None
    if r is None:
        return None  # "Arief, Wali Kota" with no region is too weak to call
    if not _APPOSITION_END.match(text, r[1]):
        return None  # a Title-Case headline: "Polusi Udara Meningkat, Wali Kota Tangsel Ajak ..."
    return _Found(before[0], r[1], _title_text(text, m.start(), m.end()), before[2], r[0], None, before[3],
                  (before[0], before[1]))


# After "<Name>, <Title> <Region>": a comma, a lower-case word or the end of the sentence.
_APPOSITION_END = re.compile(r"[^\S\n]*(?:[,.;:!?)\n]|$)|[^\S\n]+[a-z]")
_CAP_RUN = re.compile(r"[A-Z][a-z'’]+(?:[^\S\n]+(?:[A-Z][a-z'’]+|[A-Z]\.?(?=[^\S\n])))*")
_RUN_BEFORE = re.compile(r"(?<![\w'’.])(?:(?:[A-Z][a-z'’]+|[A-Z]\.?)[^\S\n]+)+$")
_SENTENCE_START = re.compile(r"(?:^|[.!?:\"“”'‘’]\s+|\n\s*)$")


def _short_refs(text: str, titled: list[_Found], ids: list[OfficialMention]) -> list[Span]:
    """Mentions of a titled official by first or last name (or the full name, untitled)."""
    lex = _lex()
    first_of: dict[str, int] = {}  # name -> index of its first titled mention
    owners: dict[str, set[str]] = {}  # lower-case first/last name word -> names having it
    written: set[str] = set()
    for i, f in enumerate(titled):
        first_of.setdefault(f.name, i)
        words = [w for w in f.name.split() if len(w.rstrip(".")) >= MIN_REF_LEN]
        for w in {words[0], words[-1]} if words else set():
            owners.setdefault(w.lower(), set()).add(f.name)
            written.add(w)
    if not owners:
        return []
    taken = bytearray(len(text))
    for f in titled:
        taken[f.start:f.end] = b"\x01" * (f.end - f.start)
    hits = re.compile(r"(?<![\w'’])(?:" + "|".join(re.escape(w) for w in sorted(written, key=len, reverse=True))
                      + r")(?![\w'’])")
    out: list[Span] = []
    done: set[int] = set()
    for h in hits.finditer(text):
        if taken[h.start()]:
            continue
        before = _RUN_BEFORE.search(text, max(0, h.start() - 60), h.start())
        run_start = before.start() if before else h.start()
        if run_start in done:
            continue
        done.add(run_start)
        m = _CAP_RUN.match(text, run_start)
        if m is None or taken.find(1, m.start(), m.end()) != -1:
            continue
        tokens = [(m.start() + t.start(), m.start() + t.end(), t.group(0)) for t in re.finditer(r"\S+", m.group(0))]
        # drop a sentence-initial word that is not a name ("Kata Benyamin", "Alasan Heru")
        while tokens and (tokens[0][2].lower() in lex.stop or tokens[0][2].lower() in lex.honorifics
                          or (_SENTENCE_START.search(text, max(0, tokens[0][0] - 3), tokens[0][0])
                              and tokens[0][2].lower() not in owners and len(tokens) > 1)):
            tokens = tokens[1:]
        if not tokens:
            continue
        words = [w.lower() for _, _, w in tokens]
        owner = owners.get(words[0], set()) | owners.get(words[-1], set())
        if len(owner) != 1:
            continue
        i = first_of[next(iter(owner))]
        # the run must be a contiguous piece of that official's name ("Heru", "Heru Budi Hartono")
        name = [w.lower() for w in titled[i].name.split()]
        k = name.index(words[0]) if words[0] in name else -1
        if k < 0 or name[k:k + len(words)] != words:
            continue
        out.append(Span(tokens[0][0], tokens[-1][1], "official", ids[i], "official.short_ref"))
    return out


_HEADLINE_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _headline_end(text: str) -> int:
    """End of the first line when it is a Title-Case headline (3/4 of 4+ words capitalised) above a
    body, else 0."""
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    if end < 0 or not text[end:].strip():
        return 0
    words = _HEADLINE_WORD.findall(text, start, end)
    caps = sum(w[0].isupper() for w in words)
    return end if len(words) >= 4 and caps >= 0.75 * len(words) else 0


def _headline_checked(text: str, titled: list[_Found]) -> list[_Found]:
    """In a Title-Case headline every word is capitalised, so "Bupati Sidoarjo Isolasi Mandiri" reads
    as a name: a name found in the headline is kept only when one of its words is written again,
    capitalised, in the body (the article names the person it is about)."""
    end = _headline_end(text)
    if not end:
        return titled
    body = text[end:]
    return [f for f in titled if f.start >= end or any(
        re.search(rf"(?<!\w){re.escape(w)}(?!\w)", body) for w in f.name.split() if len(w) > 2)]


@extractor("official.v1", labels=("official",))
def extract_officials(text: str, ctx: Context) -> list[Span]:
    """Officials with their title and body: 'Wali Kota Tangerang, Arief R Wismansyah'."""
    titled = _headline_checked(text, _titled(text))
    if not titled:
        return []
    known: frozenset[str] | None = None
    values: list[OfficialMention] = []
    for f in titled:
        aid = f.authority_id
        if aid is None and f.region is not None:
            cands = f.region.candidates
            if len(cands) > 1 and known is None:
                known = frozenset(s.value.id.removeprefix("region:") for s in strong_mentions(text)
                                  if s.value.id.startswith("region:"))
            aid = region_mention(choose_region(cands, known or frozenset(), BARE_PREFERENCE)).id
        values.append(OfficialMention(title=f.title, name=f.name, authority_id=aid))
    spans = [Span(f.start, f.end, "official", v, f.rule) for f, v in zip(titled, values, strict=True)]
    spans.extend(_short_refs(text, titled, values))
    spans.sort(key=lambda s: s.start)
    return spans
