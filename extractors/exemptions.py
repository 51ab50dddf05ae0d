"""Exemptions: units, services or roles that must stay in the office (excluded from WFH).

1. Triggers (``lexicons/exemption_triggers.json``) are found with one regex over the whole
   text: "tidak mendapatkan WFH", "tetap bekerja di kantor", a WFO-100 rule ("WFO) sebesar
   100 %", "100 persen ASN untuk masuk"); generic ones ("dikecualikan", "tetap masuk", "yang
   tidak berkaitan dengan") only with a mode cue in the same or previous sentence, or an
   office phrase ("di kantor", "berkantor") in the same one (``_work_context``): a commuting
   rule's exceptions are not WFH exemptions.
2. Each trigger's sentence is a window; a next sentence that opens with a continuation
   ("Seperti ...", "Di antaranya ...") or the list lines after a sentence ending in ':'
   join it. Overlapping windows are merged.
3. Only these windows go through spaCy: a ``spacy.blank("id")`` tokenizer and a
   ``PhraseMatcher(attr="LOWER")`` built once per process from ``lexicons/exemptions.jsonl``
   (spaCy pattern lines ``{"label": <taxonomy code>, "pattern": <phrase>}``). Overlapping
   matches keep the longest (``spacy.util.filter_spans``), so "pimpinan kegiatan" is
   role:activity_lead, not role:leadership, and a ``_block`` pattern ("protokol kesehatan",
   "layanan dukungan pimpinan", "transportasi umum") silences what it covers.
4. Matches map back to offsets in the full text. Names that are no taxonomy code
   ("perusahaan swasta") have no pattern, so "tidak akan memberlakukan WFH untuk
   perusahaan swasta, rumah sakit dan sekolah" gives health and education only.

Whole documents are never tokenized: that costs ~7 ms a document (stack-notes.md).
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from extractors.base import Context, ExemptionMention, Span, extractor
from extractors.lexicon import load_json, load_jsonl
from extractors.modes import alternation, find_modes, phrase_key
from extractors.textdoc import TextDoc, text_doc

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher

__all__ = ["exemption_windows", "extract_exemptions", "matcher"]

_TRIGGERS = load_json("exemption_triggers.json")
BLOCK_LABEL = "_block"  # exemptions.jsonl label of phrases that look like a code but are not one
LIST_LINES_MAX = 25  # list lines taken after a trigger sentence ending in ':' (an SE's annex list)

_GENERIC = frozenset(phrase_key(p) for p in _TRIGGERS["generic_phrases"])
_TRIGGER_RE = re.compile(rf"(?<!\w)(?:{alternation(_TRIGGERS['phrases'] + _TRIGGERS['generic_phrases'])})(?!\w)")
_WFO100_RE = re.compile(
    "|".join(f"(?:{p})" for p in _TRIGGERS["patterns"])
)  # run only in sentences with "100"/"seratus"
_HUNDRED_RE = re.compile(r"100|seratus")
# "RSUD Batara Guru Belopa": the Capitalised words after a facility word are its name ("dr" may lead them)
_NAMED_PLACE_RE = re.compile(
    rf"(?<!\w)(?i:{alternation(_TRIGGERS['named_place_heads'])})\s+(?:dr\.?\s+)?[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){{0,3}}")
# triggers a phrase list cannot spell, each run only on a text that holds its 'needs' word
_GRAMMAR = [(g["needs"], re.compile(g["pattern"])) for g in _TRIGGERS["grammar"]]
# "Selain petugas kebersihan dan Damkar, seluruh ASN WFH": an exception opening the sentence it limits
_EXCEPT_RE = re.compile("|".join(f"(?:{p})" for p in _TRIGGERS["exception_patterns"]))
_WORK_RE = re.compile(rf"(?<!\w)(?:{alternation(_TRIGGERS['work_words'])})(?!\w)")
_ANAPHOR_RE = re.compile(rf"(?<!\w)(?:{alternation(_TRIGGERS['anaphors'])})(?!\w)")
ANAPHOR_REACH = 1500  # characters before "kebijakan tersebut" searched for the mode it points back at
# "Seperti ...", and with a short subject first: "Mereka antara lain ...", "Unit itu meliputi ..."
_CONTINUATION_RE = re.compile(
    rf"[\"“‘(\s]*(?:[^\W\d]+\s+){{0,2}}?(?:{alternation(_TRIGGERS['continuations'])})(?!\w)")
_CONTINUATION_WORD_RE = re.compile(rf"(?<!\w)(?:{alternation(_TRIGGERS['continuations'])})(?!\w)")
_LIST_LINE_RE = re.compile(r"[ \t]*(?:\d{1,2}[.)]|[a-z][.)]|[-•*▪·])\s+\S[^\n]*")


@cache
def matcher() -> tuple[Language, PhraseMatcher]:
    """The blank Indonesian tokenizer and the exemption PhraseMatcher, built once per process."""
    from extractors.nlp import import_spacy, indonesian

    import_spacy()
    from spacy.matcher import PhraseMatcher

    phrases = [p["pattern"] for p in load_jsonl("exemptions.jsonl") if isinstance(p["pattern"], str)]
    nlp = indonesian(w for phrase in phrases for w in re.split(r"[\W_]+", phrase.lower()) if w)
    pm = PhraseMatcher(nlp.vocab, attr="LOWER")
    by_label: dict[str, list[str]] = {}
    for p in load_jsonl("exemptions.jsonl"):
        if not isinstance(p["pattern"], str):
            raise ValueError(f"exemptions.jsonl: only phrase patterns are supported, got {p!r}")
        by_label.setdefault(p["label"], []).append(p["pattern"])
    for label, phrases in by_label.items():
        pm.add(label, [nlp.make_doc(phrase) for phrase in phrases])
    return nlp, pm


def exemption_windows(win: TextDoc) -> list[tuple[int, int]]:
    """Merged (start, end) windows of the sentences that carry an exemption trigger."""
    low = win.low
    triggers = list(_TRIGGER_RE.finditer(low)) + list(_EXCEPT_RE.finditer(low))
    for needs, rx in _GRAMMAR:
        if needs in low:
            triggers += rx.finditer(low)
    done = -1
    for h in _HUNDRED_RE.finditer(low):
        if h.start() >= done:
            s, e = win.sentence(h.start())
            triggers += _WFO100_RE.finditer(low, s, e)
            done = e
    if not triggers:
        return []
    sentences = win.sentences()
    windows: list[tuple[int, int]] = []
    for t in sorted(triggers, key=lambda m: m.start()):
        s, e = win.sentence(t.start())
        generic = t.re is _EXCEPT_RE or (t.re is _TRIGGER_RE and phrase_key(t.group(0)) in _GENERIC)
        if (generic and not _work_context(win, s, e)
                and not _continues(sentences, windows, s)):
            continue
        if e < t.end():  # a trigger pattern spanning a sentence end: take both
            e = win.sentence(t.end() - 1)[1]
        windows.append((s, _extend(low, sentences, e)))
    if not windows:
        return []
    windows.sort()
    merged = [windows[0]]
    for s, e in windows[1:]:
        if s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


# "WFH tidak berlaku bagi unit layanan. Pegawai puskesmas, RSUD ... tetap bekerja seperti biasa.":
# the mode is often named one or two sentences before the list of units.
CONTEXT_SENTENCES_BEFORE = 3


def _continues(sentences: list[tuple[int, int]], windows: list[tuple[int, int]], start: int) -> bool:
    """A generic trigger right after an accepted exemption sentence goes on with it: "pengecualian bagi
    unit pelayanan dasar. Tenaga kesehatan di RSUD ..., BPBD, Satpol PP tetap bekerja seperti biasa." """
    if not windows:
        return False
    last_end = windows[-1][1]
    between = [x for x in sentences if last_end <= x[0] < start]
    return last_end <= start and len(between) < CONTEXT_SENTENCES_BEFORE


def _work_context(win: TextDoc, s: int, e: int) -> bool:
    """A generic trigger ('pengecualian', 'tetap masuk') is about work location only when a mode cue
    stands in its sentence or one of the three before, or its sentence says where staff work ('hadir di
    kantor'), or it or the one before points back at a rule whose mode was named earlier ('kebijakan
    tersebut tidak berlaku bagi ...', 'tidak semua ASN bisa menikmati skema ini. Pegawai layanan langsung
    tidak termasuk.')."""
    prev = s
    for i in range(CONTEXT_SENTENCES_BEFORE):
        prev = win.sentence(prev - 1)[0] if prev > 0 else prev
        if i == 0:
            prev1 = prev
    if find_modes(win.low, prev, e) or _WORK_RE.search(win.low, s, e) is not None:
        return True
    ana = _ANAPHOR_RE.search(win.low, prev1, e)
    return ana is not None and bool(find_modes(win.low, max(0, ana.start() - ANAPHOR_REACH), ana.start()))


def _marker_kind(line: str) -> tuple[str, str]:
    """The kind of a list line's marker: ('digit', '.') for "4.", ('digit', ')') for "1)", ('letter', '.')
    for "a.", ('bullet', '-') for "- "."""
    t = line.lstrip()
    c = t[:1]
    kind = "digit" if c.isdigit() else "letter" if c.isalpha() else "bullet"
    m = re.match(r"\w+([.)])", t)
    return kind, m.group(1) if m else c


LEAD_IN_MAX_CHARS = 160  # "Unit kerja sebagaimana dimaksud pada angka 2 huruf b meliputi:" introduces the list below


def _extend(low: str, sentences: list[tuple[int, int]], end: int, depth: int = 0) -> int:
    """Stretch a window over a following 'Seperti ...' sentence or the list lines after a ':'; a short
    next sentence that introduces a list ('Unit kerja sebagaimana dimaksud ... meliputi:') takes its lines."""
    if low[max(0, end - 8) : end].rstrip().endswith(":"):
        pos = end
        lead = _LIST_LINE_RE.match(low, low.rfind("\n", 0, end) + 1)  # the lead-in's own point: "3. ... meliputi:"
        parent = _marker_kind(lead.group(0)) if lead else None
        for _ in range(LIST_LINES_MAX):
            while pos < len(low) and low[pos] in " \t\n":
                pos += 1
            m = _LIST_LINE_RE.match(low, pos)
            if not m or _marker_kind(m.group(0)) == parent:
                break  # "a. ... h. ..." ends where the lead-in's next point "4. ..." starts
            end = pos = m.end()
        return end
    for s, e in sentences:
        if s >= end:
            lead_in = depth == 0 and low[s:e].rstrip().endswith(":")  # "Berikut daftarnya:" + its lines
            if _CONTINUATION_RE.match(low, s):
                return _extend(low, sentences, e, depth + 1) if lead_in else e
            if lead_in and e - s <= LEAD_IN_MAX_CHARS and _CONTINUATION_WORD_RE.search(low, s, e):
                return _extend(low, sentences, e, depth + 1)
            return end
    return end


@extractor("exemption.v1", labels=("exemption",))
def extract_exemptions(text: str, ctx: Context) -> list[Span]:
    """Units kept in the office: 'tidak diizinkan mendapatkan WFH ... Disdukcapil, Rumah Sakit'
    → Span(label='exemption', value=ExemptionMention('civil_registration', 'Disdukcapil')), ..."""
    spans_at = exemption_windows(text_doc(text, ctx))
    if not spans_at:
        return []
    from spacy.util import filter_spans  # spaCy is imported on first need only (~2 s)

    nlp, pm = matcher()
    spans = []
    names = [(m.start(), m.end()) for s, e in spans_at for m in _NAMED_PLACE_RE.finditer(text, s, e)]
    for s, e in spans_at:
        doc = nlp.make_doc(text[s:e])
        label_of = {(a, b): doc.vocab.strings[mid] for mid, a, b in pm(doc)}
        for sp in filter_spans([doc[a:b] for a, b in label_of]):
            label = label_of[(sp.start, sp.end)]
            if label == BLOCK_LABEL:
                continue
            start, end = s + sp.start_char, s + sp.end_char
            if any(a < start and end <= b for a, b in names):
                continue  # a word inside a place's name ("RSUD Batara Guru Belopa")
            value = ExemptionMention(label, text[start:end])
            spans.append(Span(start, end, "exemption", value, f"exemption.{_rule(label)}"))
    return spans


def _rule(label: str) -> str:
    return "role" if label.startswith("role:") else "phrase"
