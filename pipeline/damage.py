"""Scrape damage, applied on purpose: the robustness harness for real scraped articles.

Real articles arrive from scrapers and news dumps with damage that written text lacks
(corpus/dev2 shows every kind). Each function below applies one kind generically and
deterministically (``random.Random`` seeded with the seed, the kind and the text), so a damaged
text is the same on every run and scores against the same gold as the clean one (scoring works
on tuples, never on offsets):

- ``glue_stops``: the blank after a share of sentence ends removed ("PPKM.Surat ini",
  'mendatang."Pemerintah');
- ``join_paragraphs``: every paragraph break after the title lost, the paragraphs glued with no
  blank after a closing stop (one "paragraph" holds the whole article);
- ``glue_terms``: italic English terms glued to their neighbours ("menerapkanwork from
  home(WFH) atauwork from anywhereitu");
- ``furniture``: page furniture lines between paragraphs ("SCROLL TO CONTINUE WITH CONTENT",
  "Baca juga: ...", "ADVERTISEMENT", "Editor: ...", share buttons, photo captions);
- ``run_lists``: the items of a numbered or lettered list run together on one line
  ("perpanjangan PPKM:1. Pelaksanaan ...2. Pelaksanaan ...");
- ``spaces_quotes``: doubled spaces and curly quotes;
- ``scraped``: the news-dump shape, every kind above but furniture, one after another.

``damage(text, kind, seed)`` applies one kind by name; ``KINDS`` lists them.
``benchmarks/damage.py`` prints the headline F1 of each gold set clean vs damaged per kind.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from extractors.textdoc import is_abbreviation, is_list_marker

__all__ = ["KINDS", "damage", "furniture", "glue_stops", "glue_terms", "join_paragraphs", "run_lists",
           "spaces_quotes"]

GLUE_SHARE = 0.6  # share of sentence ends that lose their blank (glue_stops)
FURNITURE_SHARE = 0.5  # share of paragraph breaks that get a furniture line
TERM_AFTER_SHARE = 0.5  # share of glued terms glued to the word after them too
ACRONYM_SHARE = 0.5  # share of "word (ACR)" that become "word(ACR)"
DOUBLE_SPACE_SHARE = 0.15

_STOP_RE = re.compile(r"(?<=[a-z0-9)%])([.!?][\"”')]?) +(?=[\"“(]?[A-Z])")
_BREAK_RE = re.compile(r"\n[ \t]*\n\s*")
_TERM_RE = re.compile(r" ((?:work|working) from (?:home|office|anywhere|kantor|rumah)|"
                      r"flexible working(?: arrangements?)?|hybrid working|remote working)( \(([A-Z]{2,5})\))?( )?",
                      re.IGNORECASE)
_ACRONYM_RE = re.compile(r"(?<=[a-z]) (?=\([A-Z]{2,6}\))")
_LIST_LINE_RE = re.compile(r"\n\s*(?=(?:\d{1,2}|[a-z])[.)] )")
_FURNITURE = (
    "SCROLL TO CONTINUE WITH CONTENT", "ADVERTISEMENT", "Baca juga: Harga Cabai Rawit Naik Jelang Akhir Pekan",
    "Baca Juga: Jadwal Kereta Tambahan Libur Panjang", "Editor: Sari Wulandari", "Bagikan", "Share",
    "Suasana ruang pelayanan sebuah kantor kelurahan. (Foto: Dok. Humas)", "Tonton juga video: Banjir Rob di Pesisir",
    "Simak juga: Tips Mudik Aman", "Penulis: Budi Hartono", "Ikuti kami di Google News",
)


def _rng(seed: int, kind: str, text: str) -> random.Random:
    return random.Random(f"{seed}:{kind}:{len(text)}:{text[:200]}")


def glue_stops(text: str, rng: random.Random, share: float = GLUE_SHARE) -> str:
    """Remove the blank after a share of sentence ends (not after abbreviations, "No. 5", nor
    list markers opening a line, "1. Kantor")."""
    def sub(m: re.Match[str]) -> str:
        if is_abbreviation(text, m.start()) or is_list_marker(text, m.start()) or rng.random() >= share:
            return m.group(0)
        return m.group(1)
    return _STOP_RE.sub(sub, text)


def join_paragraphs(text: str, rng: random.Random) -> str:
    """Lose every paragraph and line break after the title: paragraphs glued with no blank after a
    closing stop, one blank otherwise (a dateline "JAKARTA -", a subheading)."""
    title, sep, body = text.partition("\n\n")
    if not sep:
        title, body = "", text
    parts = [p.strip() for p in _BREAK_RE.split(body.strip()) if p.strip()]
    parts = [re.sub(r"\s*\n\s*", " ", p) for p in parts]
    out = parts[0] if parts else ""
    for p in parts[1:]:
        out += ("" if out[-1] in ".!?\"')”" else " ") + p
    return f"{title}\n\n{out}" if title else out


def glue_terms(text: str, rng: random.Random, after: float = TERM_AFTER_SHARE,
               acronym: float = ACRONYM_SHARE) -> str:
    """Glue italic English terms to their neighbours: "menerapkan work from home (WFH) atau" ->
    "menerapkanwork from home(WFH) atau"; a share also to the word after; "pegawai (ASN)" ->
    "pegawai(ASN)" for a share of the other acronyms in brackets."""
    def sub(m: re.Match[str]) -> str:
        out = m.group(1) + (f"({m.group(3)})" if m.group(2) else "")
        if m.group(4):
            out += "" if rng.random() < after else " "
        return out
    text = _TERM_RE.sub(sub, text)
    return _ACRONYM_RE.sub(lambda m: "" if rng.random() < acronym else " ", text)


def furniture(text: str, rng: random.Random, share: float = FURNITURE_SHARE) -> str:
    """Insert page furniture lines at a share of the paragraph breaks."""
    def sub(m: re.Match[str]) -> str:
        if rng.random() >= share:
            return m.group(0)
        return f"\n\n{rng.choice(_FURNITURE)}\n\n"
    return _BREAK_RE.sub(sub, text)


def run_lists(text: str, rng: random.Random) -> str:
    """Run the items of a list together: a line opening with "1." / "b)" is glued to the line
    before it with no blank."""
    return _LIST_LINE_RE.sub("", text)


def spaces_quotes(text: str, rng: random.Random, share: float = DOUBLE_SPACE_SHARE) -> str:
    """Double a share of the blanks; straight quotes become curly ones (opening, closing in turn
    on each line), apostrophes right single quotes."""
    lines = []
    for line in text.split("\n"):
        parts = line.split('"')
        line = "".join(p + ("“" if i % 2 == 0 else "”") for i, p in enumerate(parts[:-1])) + parts[-1]
        line = line.replace("'", "\u2019")
        lines.append(re.sub(" ", lambda _m: "  " if rng.random() < share else " ", line))
    return "\n".join(lines)


def scraped(text: str, rng: random.Random) -> str:
    """The news-dump shape (corpus/dev2's gelora articles): every kind but furniture."""
    for f in (glue_terms, run_lists, glue_stops, join_paragraphs, spaces_quotes):
        text = f(text, rng)
    return text


KINDS: dict[str, Callable[[str, random.Random], str]] = {
    "glue_stops": glue_stops, "join_paragraphs": join_paragraphs, "glue_terms": glue_terms,
    "furniture": furniture, "run_lists": run_lists, "spaces_quotes": spaces_quotes, "scraped": scraped,
}


def damage(text: str, kind: str, seed: int = 0) -> str:
    """``text`` with the damage ``kind`` (a key of ``KINDS``) applied, deterministically."""
    return KINDS[kind](text, _rng(seed, kind, text))
