"""Repairs of scraped text: the blanks and line breaks a scraper lost, put back.

Scraped articles (``pipeline.damage`` reproduces them) glue sentences ("PPKM.Surat ini",
'mendatang."Pemerintah'), italic English terms ("menerapkanwork from home(WFH) atauwork from
anywhereitu") and the items of a list ("perpanjangan PPKM:1. Pelaksanaan ...2. Pelaksanaan").
``repairs(line)`` finds where a blank (or, before a list item, a line break) belongs;
``pipeline.clean`` inserts them while cleaning, and an inserted character maps to no character
of the original (the offset map skips it), so every evidence span still maps back to the raw text.

Each repair is a class of glue, never a word list of articles:

- **a glued sentence end**: '.', '!' or '?' between a word (two letters, an acronym, a year, a
  closing bracket or '%') and a capitalised word (an acronym only after a word in lower case:
  "kantor.ASN", never "GELORA.CO"), neither of them part of a path or number
  ("443.01/334/S.Edar" and "Kep.Men/03" stay), not after an abbreviation ("Kab.Bandung" is
  read by the splitter's abbreviation list as it is). A glued quote goes with the sentence it
  belongs to: an opening quote (an even number of quotes before it) starts the next sentence,
  a closing one ends the previous;
- **a glued term**: an English work-mode phrase (``modes.json`` 'en') or acronym glued to the
  word before or after it, and a bracketed acronym glued to its word ("home(WFH)dan");
- **a run-together list**: markers "1." "2." ... (or "a." "b." ...) in sequence on one line,
  the first after ':' or a sentence end, become line starts; a later item may be glued to the
  word before it ("24 jam5. Pelaksanaan", "kapasitasb. Jam").
"""

from __future__ import annotations

import re

from extractors.lexicon import load_json
from extractors.textdoc import is_abbreviation

__all__ = ["repairs", "with_repairs"]

MAX_ITEM_GAP = 1500  # characters between two items of one run-together list, at most
MAX_LETTER_ITEM_GAP = 400  # lettered items are sub-items: short, and may be glued to the word before

_MODES = load_json("modes.json")["modes"]
_EN = sorted({p.lower() for g in _MODES.values() for p in g["en"]}, key=len, reverse=True)
_ACRONYMS = sorted({a for g in _MODES.values() for a in g["acronyms"]}, key=len, reverse=True)
_EN_RE = re.compile("|".join(re.escape(p).replace(r"\ ", " ") for p in _EN))
_EN_STARTS = tuple(sorted({p.split()[0] for p in _EN}))  # a line without one of these has no phrase
_ACRONYM_RE = re.compile(rf"(?:{'|'.join(_ACRONYMS)})(?![A-Za-z])")
_BRACKETED_RE = re.compile(r"\([A-Z]{2,6}\)")
_STOP_RE = re.compile(r"[.!?](?=[\"']?[A-Z][A-Za-z])")
_TOKEN_BEFORE_OK = re.compile(r"(?:[a-z]{2}|[A-Z]{2}|\d{4}|\)|%)$")
_TOKEN_AFTER_OK = re.compile(r"[\"']?[A-Z](?:[a-z]+|([A-Z]+))(?:-[A-Za-z]+)*[,;:!?.\"')]*")
_NUM_ITEM_RE = re.compile(r"(?<![\d,/-])(\d{1,2})[.)](?=[ \t]?[A-Z])")
_LETTER_ITEM_RE = re.compile(r"[.)](?=[ \t]?[A-Z]|[ \t][a-z])")  # after the letter; may be glued: "kapasitasb. Jam"
_LIST_OPENERS = ":.;"
_LINE_LETTER_ITEM_RE = re.compile(r"[a-z][.)](?=[A-Z])")
_FIRST_ITEM_RE = re.compile(r"(?:^|[:;.])[ \t]*[1a][.)]")  # a line without it holds no list


def repairs(line: str) -> list[tuple[int, str]]:
    """(position, insertion) pairs for ``line`` (quotes already straight), sorted: insert the
    string before ``line[position]``; a "\\n" insertion also drops the blanks before it."""
    found: dict[int, str] = {}
    for pos in _glued_stops(line):
        found.setdefault(pos, " ")
    for pos in _glued_terms(line):
        found.setdefault(pos, " ")
    for pos, marker_end in _list_items(line):
        if pos > 0 and line[:pos].strip():
            found[pos] = "\n"
        if marker_end < len(line) and line[marker_end] != " ":
            found.setdefault(marker_end, " ")  # "1.Pelaksanaan" -> "1. Pelaksanaan"
    return sorted(found.items())


def _glued_stops(line: str) -> list[int]:
    out = []
    for m in _STOP_RE.finditer(line):
        dot = m.start()
        tok_start = max(line.rfind(" ", 0, dot), line.rfind("\n", 0, dot)) + 1
        before = line[tok_start:dot]
        if not _TOKEN_BEFORE_OK.search(before) or is_abbreviation(line, dot):
            continue
        if not before.endswith(")") and ("/" in before or "@" in before):
            continue  # a path, an instrument number, an address
        after_end = line.find(" ", dot + 1)
        after = line[dot + 1:after_end if after_end >= 0 else len(line)]
        ok = _TOKEN_AFTER_OK.fullmatch(after)
        if not ok or (ok.group(1) and before.isupper()):
            continue  # "S.Edar/Kesbangpol", "Kep.Men/03", "Kompas.Com.id"; "GELORA.CO" (an acronym
            # after a sentence end only follows a word in lower case: "kantor.ASN")
        if line[dot + 1] in "\"'":
            opening = line[dot + 1] == '"' and line.count('"', 0, dot + 1) % 2 == 0
            out.append(dot + 1 if opening else dot + 2)
        else:
            out.append(dot + 1)
    return out


def _glued_terms(line: str) -> list[int]:
    out = []
    low = line.lower()
    if any(w in low for w in _EN_STARTS):
        for m in _EN_RE.finditer(low):
            if m.start() > 0 and low[m.start() - 1].isalpha():
                out.append(m.start())
            if m.end() < len(low) and low[m.end()].isalpha():
                out.append(m.end())
    out += [m.start() for m in _ACRONYM_RE.finditer(line) if m.start() > 0 and line[m.start() - 1].islower()]
    for m in _BRACKETED_RE.finditer(line):
        if m.start() > 0 and line[m.start() - 1].isalpha():
            out.append(m.start())
        if m.end() < len(line) and line[m.end()].isalpha():
            out.append(m.end())
    return out


def _list_items(line: str) -> list[tuple[int, int]]:
    """(start, end of the marker) of the items of run-together lists: "1." "2." ... (or "a." "b."
    ...) in order; and of a marker opening the line glued to its first word ("1.Pelaksanaan")."""
    out: list[tuple[int, int]] = []
    first = _NUM_ITEM_RE.match(line) or _LINE_LETTER_ITEM_RE.match(line)
    if first and first.end() + 1 < len(line) and line[first.end()] != " " and line[first.end() + 1].islower():
        out.append((0, first.end()))
    if not _FIRST_ITEM_RE.search(line):
        return out
    # "1." and "1)" number two lists (a point and its sub-points): each punctuation is its own chain
    for pattern, start_value, step, gap, punct in (
            (_NUM_ITEM_RE, "1", _next_number, MAX_ITEM_GAP, "."), (_NUM_ITEM_RE, "1", _next_number, MAX_ITEM_GAP, ")"),
            (_LETTER_ITEM_RE, "a", _next_letter, MAX_LETTER_ITEM_GAP, "."),
            (_LETTER_ITEM_RE, "a", _next_letter, MAX_LETTER_ITEM_GAP, ")")):
        chain: list[tuple[int, int]] = []
        expect = start_value
        for m in pattern.finditer(line):
            if line[m.end() - 1] != punct:
                continue
            if pattern is _LETTER_ITEM_RE:
                start = m.start() - 1
                if start < 0 or not ("a" <= line[start] <= "z"):
                    continue
                value = line[start]
            else:
                value, start = m.group(1), m.start()
            if chain and value == expect and start - chain[-1][0] <= gap:
                chain.append((start, m.end()))
                expect = step(expect)
            elif value == start_value and _opens_list(line, start):
                if len(chain) >= 2:
                    out += chain
                chain, expect = [(start, m.end())], step(start_value)
        if len(chain) >= 2:
            out += chain
    return out


def _opens_list(line: str, start: int) -> bool:
    """A first item opens its line or follows ':', ';' or a full stop ("PPKM:1.", "(online). 1.")."""
    before = line[:start].rstrip()
    return not before or before[-1] in _LIST_OPENERS


def _next_number(v: str) -> str:
    return str(int(v) + 1)


def _next_letter(v: str) -> str:
    return chr(ord(v) + 1)


def with_repairs(kept: list[tuple[int, int]], inserts: list[tuple[int, str]],
                 line: str) -> list[tuple[int, int] | str]:
    """The kept ranges of ``line`` with the insertions placed between them (a range holding an
    insertion point is split there; blanks before a line break are dropped)."""
    if not inserts:
        return list(kept)
    items: list[tuple[int, int] | str] = []
    i = 0
    for a, b in kept:
        while i < len(inserts) and inserts[i][0] < a:
            i += 1  # a point inside a dropped blank run: nothing to insert
        while i < len(inserts) and inserts[i][0] <= b:  # at b: before the dropped text after the range
            p, s = inserts[i]
            if p > a:
                items.append((a, p))
            elif p < a:  # at the end of the previous range
                p = a
            if s == "\n":
                _drop_trailing_blanks(items, line)
            items.append(s)
            a = p
            i += 1
        if b > a:
            items.append((a, b))
    return items


def _drop_trailing_blanks(items: list[tuple[int, int] | str], line: str) -> None:
    while items and isinstance(items[-1], tuple):
        a, b = items[-1]
        while b > a and line[b - 1] == " ":
            b -= 1
        if b > a:
            items[-1] = (a, b)
            return
        items.pop()
