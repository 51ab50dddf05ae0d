"""Quotas: a share of staff that must or may work in a mode ("WFH maksimal 50 persen").

A quota is a rule, not a statistic. Every percent in the text is read once by
``read_percents`` and sorted into one of four kinds; this module keeps the rules,
``observations.py`` keeps the reports:

1. ``negated``   — "tak melakukan WFH 100 persen", "bukan 100 persen": no rule, no fact.
2. ``statistic`` — about something else: "Kasus ISPA meningkat 20 persen", "tunjangan
   dipotong 10 persen", "60 persen responden ingin WFH" (``_is_statistic``).
   ``private``   — a private company's staff: "mengimbau perusahaan swasta ... 50 persen".
3. ``report``    — what happened: "terisi 75 persen", "menurut data ... tidak lebih dari
   15 persen ini yang melaksanakan WFH" (``_prefer_report``: report cues outweigh rule cues).
4. ``rule``      — everything else that names a mode: "Yang diperbolehkan maksimal itu
   50 persen", "50 persen yang kerja di kantor dan 50 persen di rumah". A rule with no mode
   of its own continues the previous rule of its sentence ("zona merah paling banyak 25
   persen, zona oranye 50 persen"); a capped one ("maksimal separuh") with no mode in its
   sentence takes the one mode of the sentence before it.

The mode is the nearest mode cue in the number's clause (then its segment, then its
sentence; never across a sentence end); elliptical cues ("di rumah", "masuk") count only
right next to the number. The op comes from the words just before the number
("maksimal", "paling sedikit", "tidak lebih dari"); the scope from cues between the start
of the segment and the end of the number's clause (``_scope``). All word lists are data:
``lexicons/quota_ops.json``, ``quota_cues.json``, ``quota_scopes.json``, ``modes.json``,
``numbers.json`` and (sector scopes) ``exemptions.jsonl``.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from extractors.base import Context, QuotaMention, Span, extractor, requires
from extractors.lexicon import load_json, load_jsonl, number_words
from extractors.modes import (
    NEGATORS,
    ModeHit,
    alternation,
    find_near_cues,
    is_negated,
    nearest,
    phrase_key,
    within,
)
from extractors.textdoc import TextDoc, text_doc

__all__ = [
    "Op",
    "PercentHit",
    "PercentReading",
    "cue_scores",
    "extract_quotas",
    "find_op",
    "find_percents",
    "merge_quotas",
    "parse_number_words",
    "read_percents",
]

_OPS = load_json("quota_ops.json")
_CUES = load_json("quota_cues.json")
_SCOPES = load_json("quota_scopes.json")

NEAR_CHARS = 40  # a rule/report cue this close to the number counts double: cues of the same clause sit within ~5 words
STRONG_OP_WEIGHT = 3  # "maksimal"/"paling sedikit" before the number outweighs one near report cue plus one far one
OP_LOOKBACK = 60  # chars searched before a number for its op: "sebanyak-banyaknya itu hanya" fits
NEAR_CUE_WINDOW = 40  # "di rumah", "masuk", "terisi" count as a mode only this close: "100 persen ASN untuk masuk"
CHANGE_WINDOW = 30  # "meningkat 20 persen", "naik hingga 20 persen": a change word this close makes a statistic
SECTOR_FOR_LOOKBACK = 40  # "untuk <ASN di> rumah sakit": the marker may stand two words before the sector
SCOPE_NEGATION_LOOKBACK = 45  # "tidak berhubungan langsung dengan <pelayanan publik>": negator within 3 words


def _words_re(words: list[str], prefix: bool = False) -> re.Pattern[str]:
    """Whole-word alternation; with ``prefix`` words longer than 3 letters also match as prefixes."""
    if not prefix:
        return re.compile(rf"(?<!\w)(?:{alternation(words)})(?!\w)")
    long = [w for w in words if len(w) > 3]
    short = [w for w in words if len(w) <= 3]
    parts = [rf"(?<!\w)(?:{alternation(long)})"] + ([rf"(?<!\w)(?:{alternation(short)})(?!\w)"] if short else [])
    return re.compile("|".join(parts))


# --- numbers ---------------------------------------------------------------------------

_NUMBER_WORDS = {k: v for k, v in number_words().items() if len(k) > 2}  # "se" alone is no number
_FRACTIONS = [w for w in _CUES["fraction_words"] if w in _NUMBER_WORDS]
_WORD_ALT = alternation([w for w in _NUMBER_WORDS if w not in _FRACTIONS])
_PERSEN = r"(?:%|persen(?!\w)|prosen(?!\w)|per\s+sen(?!\w))"
_PERSEN_RE = re.compile(_PERSEN)  # anchors: a percent is found from its "persen" backwards
_NUMBER_BEFORE_RE = re.compile(
    rf"(?:(?<![\w.,])(?P<num>\d{{1,3}}(?:[.,]\d{{1,2}})?)|(?<!\w)(?P<words>(?:{_WORD_ALT})(?:\s+(?:{_WORD_ALT}))*))\s*$"
)
_PAREN_RE = re.compile(rf"\s*\((?:[^()]{{0,30}}?{_PERSEN})\s*\)")  # "100 % (seratus persen)" is one mention
_FRACTION_RE = re.compile(rf"(?<!\w)(?:{alternation(_FRACTIONS)})(?=\s+(?:{alternation(_CUES['share_nouns'])})(?!\w))")
# a fraction right after a strong rule op needs no share noun: "atur maksimal separuh."
_CAPPED_FRACTION_RE = re.compile(
    rf"(?<!\w)(?:{alternation(_OPS['strong_rule_ops'])})\s+(?P<frac>{alternation(_FRACTIONS)})(?!\w)")
NUMBER_LOOKBACK = 40  # chars before "persen" searched for its number: "tujuh puluh lima" fits
_WORD_TOKEN_RE = re.compile(rf"(?:{alternation(list(_NUMBER_WORDS))})(?!\w)")


def parse_number_words(s: str) -> float | None:
    """'lima puluh' → 50, 'enam puluh lima' → 65, 'setengah' → 50 (values from numbers.json)."""
    total, pos, s = 0.0, 0, phrase_key(s).strip()
    while pos < len(s):
        m = _WORD_TOKEN_RE.match(s, pos)
        if not m:
            return None
        total += _NUMBER_WORDS[phrase_key(m.group(0))]
        pos = m.end() + 1
    return total


class PercentHit(NamedTuple):
    start: int  # first char of the number
    end: int  # after "persen" / "%" (and a parenthetical repeat)
    value: float
    form: str  # "persen" | "kata" | "pecahan"


def find_percents(low: str) -> list[PercentHit]:
    """Every 'N persen', 'N%', 'lima puluh persen', 'separuh pegawai' with its value."""
    out, last_end = [], -1
    for p in _PERSEN_RE.finditer(low):
        if p.start() < last_end:  # the "(seratus persen)" repeat of a hit already taken
            continue
        m = _NUMBER_BEFORE_RE.search(low, max(0, p.start() - NUMBER_LOOKBACK), p.start())
        if not m:
            continue
        if m.group("num"):
            value: float | None = float(m.group("num").replace(",", "."))
            form = "persen"
        else:
            value, form = parse_number_words(m.group("words")), "kata"
        paren = _PAREN_RE.match(low, p.end())
        end = paren.end() if paren else p.end()
        if value is not None and 0 <= value <= 100:
            out.append(PercentHit(m.start(), end, value, form))
            last_end = end
    for f in _FRACTION_RE.finditer(low) if any(w in low for w in _FRACTIONS) else ():  # substring tests are cheap
        out.append(PercentHit(f.start(), f.end(), float(_NUMBER_WORDS[phrase_key(f.group(0))]), "pecahan"))
    for f in _CAPPED_FRACTION_RE.finditer(low) if any(w in low for w in _FRACTIONS) else ():
        if not any(h.start == f.start("frac") for h in out):  # "maksimal separuh." names the share on its own
            value = float(_NUMBER_WORDS[phrase_key(f.group("frac"))])
            out.append(PercentHit(f.start("frac"), f.end(), value, "pecahan"))
    return sorted(out)


# --- ops -------------------------------------------------------------------------------

_OP_LOOKUP = {phrase_key(w): op for op, ws in _OPS["ops"].items() for w in ws}
_OP_RE = re.compile(
    rf"(?<!\w)(?P<op>{alternation(list(_OP_LOOKUP))})(?:\s+(?:{alternation(_OPS['fillers'])}"
    rf"|(?:{alternation(_OPS['restated_shares'])})\s+atau))*\s*:?\s*$",
)
_OP_AFTER_LOOKUP = {phrase_key(w): op for op, ws in _OPS["after"].items() for w in ws}
_PERMISSION_RE = re.compile(rf"(?<!\w)(?:{alternation(_OPS['permission_words'])})(?!\w)")
PERMISSION_LOOKBACK = 40  # "staf yang diperbolehkan WFH cuma 20 persen"
# the share's own relative clause grants the mode: "sepertiga pegawai (di tiap OPD) yang boleh WFA"
_PERMITTED_AFTER_RE = re.compile(
    rf"(?:\s+[^\W\d]+){{0,4}}?\s+yang\s+(?:{alternation(_OPS['permission_words'])})(?!\w)")
_OP_AFTER_RE = re.compile(rf"\s*(?:{alternation(list(_OP_AFTER_LOOKUP))})(?!\w)")
_STRONG_OPS = frozenset(phrase_key(w) for w in _OPS["strong_rule_ops"])


class Op(NamedTuple):
    op: str  # "<", "<=", "=", ">=", ">"
    start: int  # where the op words start (the number's start when there are none)
    strong: bool  # an unambiguous rule word ("maksimal"), not "tidak lebih dari"


def find_op(low: str, start: int, end: int, floor: int) -> Op:
    """The comparison written right before ``low[start:]`` (or right after ``end``); '=' if none."""
    m = _OP_RE.search(low, max(floor, start - OP_LOOKBACK), start)
    if m:
        word = phrase_key(m.group("op"))
        return Op(_OP_LOOKUP[word], m.start(), word in _STRONG_OPS)
    m = _OP_AFTER_RE.match(low, end)
    if m:
        return Op(_OP_AFTER_LOOKUP[phrase_key(m.group(0).strip())], start, False)
    m = _PERMISSION_RE.search(low, max(floor, start - PERMISSION_LOOKBACK), start)
    if m and not _NUM_NEGATED_RE.search(low, max(floor, m.start() - 8), m.start()):
        return Op("<=", start, False)  # "yang diperbolehkan WFH cuma 20 persen": a permission caps the share
    if _PERMITTED_AFTER_RE.match(low, end):
        return Op("<=", start, False)  # "hanya sepertiga pegawai di tiap OPD yang boleh WFA"
    return Op("=", start, False)


# --- rule vs report ---------------------------------------------------------------------

_CUE_KIND = {phrase_key(w): "report" for w in _CUES["report"]}
_CUE_KIND.update({phrase_key(w): "rule" for w in _CUES["rule"]})  # a phrase in both lists is a rule
_CUE_RE = _words_re(list(_CUE_KIND))
_TOPIC_RE = _words_re(_CUES["topics"], prefix=True)
_TOPIC_AFTER_RE = re.compile(rf"\s*(?:dari\s+)?(?:total\s+|jumlah\s+)?(?:{_TOPIC_RE.pattern})")
_CHANGE_RE = _words_re(_CUES["change_words"])
_OPINION_RE = _words_re(_CUES["opinion_words"])
_PRIVATE_RE = _words_re(load_json("discourse.json")["private_cues"])
_REPORT_BEFORE_RE = re.compile(
    rf"(?<!\w)(?:{alternation(_CUES['report_before'])})\s+(?:(?:hanya|cuma|sekitar|mencapai|sebesar)\s+)?$")
_NUM_NEGATED_RE = re.compile(rf"(?<!\w)(?:{alternation(NEGATORS)})\s*$")  # "bukan 100 persen"


def cue_scores(low: str, seg: tuple[int, int], a: int, b: int) -> tuple[int, int]:
    """(rule, report) cue weights in the segment around the number span ``[a, b)``."""
    rule = report = 0
    for m in _CUE_RE.finditer(low, seg[0], seg[1]):
        d = a - m.end() if m.end() <= a else max(0, m.start() - b)
        w = 2 if d <= NEAR_CHARS else 1
        if _CUE_KIND[phrase_key(m.group(0))] == "rule":
            rule += w
        else:
            report += w
    return rule, report


def _prefer_report(rule: int, report: int, op: Op) -> bool:
    """A report when its cues outweigh the rule cues; a strong rule op tips it back; ties are rules."""
    return report > rule + (STRONG_OP_WEIGHT if op.strong else 0)


def _is_statistic(low: str, hit: PercentHit, op: Op, clause: tuple[int, int]) -> bool:
    """A percent about something else: a change ('meningkat 20 persen'), a topic word before it in
    its clause (not inside a scope phrase: 'melayani masyarakat') or right after it ('kasus',
    'anggaran', 'tunjangan'), or an opinion poll ('survei ... 60 persen ASN ingin WFH')."""
    after = min(clause[1], hit.end + 2 + CHANGE_WINDOW)
    if _CHANGE_RE.search(low, max(clause[0], op.start - CHANGE_WINDOW), op.start) or _CHANGE_RE.match(
        low, hit.end + 1, after
    ):
        return True
    if _TOPIC_AFTER_RE.match(low, hit.end) or any(
            not _in_scope_phrase(low, t.start(), clause) for t in _TOPIC_RE.finditer(low, clause[0], op.start)):
        return True
    return bool(_OPINION_RE.search(low, clause[0], op.start) or _OPINION_RE.search(low, hit.end, after))


def _in_scope_phrase(low: str, pos: int, clause: tuple[int, int]) -> bool:
    """A topic word that is part of a scope phrase ('unit yang melayani masyarakat ... 100 persen')
    names who the quota is for, not what a statistic counts."""
    return any(m.start() <= pos < m.end() for m in _SCOPE_RE.finditer(low, clause[0], clause[1]))


def _is_private(low: str, seg: tuple[int, int]) -> bool:
    """A share of a private company's staff ('mengimbau perusahaan swasta menerapkan WFH bagi 50
    persen karyawannya') is no civil-servant quota: discourse.json 'private_cues' in the segment."""
    return _PRIVATE_RE.search(low, *seg) is not None


# --- reading every percent ---------------------------------------------------------------


class PercentReading(NamedTuple):
    hit: PercentHit
    op: Op
    kind: str  # "rule" | "report" | "statistic" | "private" | "negated"
    mode: ModeHit | None  # nearest mode cue (None: no mode in the sentence)
    segment: tuple[int, int]
    clause: tuple[int, int]


_CLAUSE_NEAR_CUES = frozenset(phrase_key(p) for p in load_json("modes.json")["clause_near_cues"])


def _pick_mode(low: str, modes: list[ModeHit], a: int, b: int, win: TextDoc) -> ModeHit | None:
    clause, seg, sent = win.clause(a), win.segment(a), win.sentence(a)
    near = find_near_cues(low, max(clause[0], a - NEAR_CUE_WINDOW), min(clause[1], b + NEAR_CUE_WINDOW), clause)
    if not (in_clause := nearest(within(modes, *clause) + near, a, b, *clause)):
        # "... maksimal 75% WFH, jadi tetap ada yang jaga kantor, minimal seperempat": a cue that says where
        # staff work, right before the number's clause, beats a mode further off in the segment
        near = [h for h in find_near_cues(low, max(seg[0], a - NEAR_CUE_WINDOW), a)
                if phrase_key(low[h.start:h.end]) in _CLAUSE_NEAR_CUES]
    return (in_clause or nearest(within(modes, *seg) + near, a, b, *seg)
            or nearest(within(modes, *sent), a, b, *sent))


def _mode_of_previous_sentence(low: str, modes: list[ModeHit], pos: int, win: TextDoc) -> ModeHit | None:
    """A capped fraction standing alone with no mode in its sentence ('"Silakan atur, maksimal separuh,"
    ujarnya.'; not 'maksimal 30 persen pegawai', which may be about anything) takes
    the one mode of the sentence before it ('... mengatur pegawainya bekerja dari rumah'), if not negated."""
    this = win.sentence(pos)
    prev = win.sentence(win.previous_sentence_start(pos))
    if prev == this:
        return None
    hits = [h for h in within(modes, *prev) if not is_negated(low, h.start, prev[0])]
    return hits[-1] if hits and len({h.mode for h in hits}) == 1 else None


def read_percents(win: TextDoc) -> list[PercentReading]:
    """Every percent of ``win.text`` with its op, mode and kind (rule/report/statistic/negated)."""
    low = win.low
    hits = find_percents(low)
    if not hits:
        return []
    modes = win.modes
    out: list[PercentReading] = []
    for hit in hits:
        seg, clause = win.segment(hit.start), win.clause(hit.start)
        op = find_op(low, hit.start, hit.end, seg[0])
        mode = _pick_mode(low, modes, op.start, hit.end, win)
        if _NUM_NEGATED_RE.search(low, max(seg[0], op.start - 8), op.start) or (
            mode is not None and is_negated(low, mode.start, seg[0])
        ):
            kind = "negated"
        elif _is_statistic(low, hit, op, clause):
            kind = "statistic"
        elif _is_private(low, seg):
            kind = "private"
        elif _REPORT_BEFORE_RE.search(low, max(seg[0], op.start - 30), op.start) or _prefer_report(
                *cue_scores(low, seg, op.start, hit.end), op):
            kind = "report"  # "rata-rata hanya 41 persen": a measured share, whatever rule words stand near
        else:
            kind = "rule"
        if mode is None and kind == "rule" and out and out[-1].kind == "rule" and out[-1].mode:
            prev_sent, this_sent = win.sentence(out[-1].hit.start), win.sentence(hit.start)
            if prev_sent == this_sent or (op.op != "=" and 0 <= this_sent[0] - prev_sent[1] <= 3):
                # a list of caps: "zona merah paling banyak 25 persen, zona oranye 50 persen", also
                # continued in the next sentence with its own op ("Zona kuning maksimal 75 persen.")
                mode = out[-1].mode
        if (mode is None and kind == "rule" and op.strong and hit.form == "pecahan"
                and not _FRACTION_RE.match(low, hit.start)):
            mode = _mode_of_previous_sentence(low, modes, hit.start, win)
        out.append(PercentReading(hit, op, kind, mode, seg, clause))
    return out


# --- scope ---------------------------------------------------------------------------------

_SCOPE_LOOKUP = {phrase_key(w): code for code in ("admin_support", "public_service_direct") for w in _SCOPES[code]}
_SCOPE_RE = _words_re(list(_SCOPE_LOOKUP))
_SCOPE_NEG_RE = re.compile(rf"(?:(?<!\w)(?:{alternation(NEGATORS)})\s+(?:[^\W\d]+\s+){{0,3}}|(?<!\w)non[\s\-]?)$")
_SECTOR_LOOKUP = {
    phrase_key(p["pattern"]): p["label"]
    for p in load_jsonl("exemptions.jsonl")
    if isinstance(p["pattern"], str) and p["label"] not in ("other", "public_service_direct")
}
_FOR_RE = re.compile(rf"(?<!\w)(?:{alternation(_SCOPES['sector_markers'])})\s+(?:[^\W\d]+\s+){{0,2}}$")
_SECTOR_RE = re.compile(rf"(?<!\w)(?:{alternation(list(_SECTOR_LOOKUP))})(?!\w)")
_JOINED_RE = re.compile(rf"\s*(?:(?:{alternation(_SCOPES['list_joiners'])})\s*)+")


def _scope(low: str, r: PercentReading) -> list[str]:
    """Scope codes of one quota: the nearest admin/public-service cue from the segment start to the
    clause end (negated public service → admin_support); else every sector introduced by a marker
    ('untuk rumah sakit', 'bagi tenaga kesehatan') in the same range; else 'all'."""
    a, b = r.op.start, r.hit.end
    best, best_d = None, None
    for m in _SCOPE_RE.finditer(low, r.segment[0], r.clause[1]):
        code = _SCOPE_LOOKUP[phrase_key(m.group(0))]
        if code == "public_service_direct" and _SCOPE_NEG_RE.search(
            low, max(r.segment[0], m.start() - SCOPE_NEGATION_LOOKBACK), m.start()
        ):
            code = "admin_support"
        d = abs(a - m.end()) if m.end() <= a else abs(m.start() - b)
        if best_d is None or d < best_d:
            best, best_d = code, d
    if best:
        return [best]
    sectors: list[str] = []
    list_end = -1  # end of the last sector taken: a sector joined to it by ", dan serta" continues the list
    for m in _SECTOR_RE.finditer(low, r.segment[0], r.clause[1]):
        code = _SECTOR_LOOKUP[phrase_key(m.group(0))]
        if code == "_block":
            continue
        if (list_end >= 0 and _JOINED_RE.fullmatch(low, list_end, m.start())) or _FOR_RE.search(
            low, max(r.segment[0], m.start() - SECTOR_FOR_LOOKBACK), m.start()
        ):
            list_end = m.end()
            if code not in sectors:
                sectors.append(code)
    return sectors or ["all"]


# "skema 50:50", "komposisi 75 banding 25 antara WFH dan WFO": two shares that add up to 100,
# given to the two modes of the segment in the order they are written.
_RATIO_WORDS = tuple(_OPS["ratio_words"])
_RATIO_RE = re.compile(rf"(\d{{1,3}})\s*(?:{alternation(_RATIO_WORDS)})\s*(\d{{1,3}})(?![\d/:]|[.,]\d)")


def _ratio_quotas(win: TextDoc) -> list[Span]:
    low, modes, spans = win.low, win.modes, []
    for m in _RATIO_RE.finditer(low):
        x, y = int(m.group(1)), int(m.group(2))
        if x + y != 100 or (m.start() and low[m.start() - 1] in "0123456789/:.,"):
            continue
        seg = win.segment(m.start())
        ordered: list[ModeHit] = []
        for h in modes:
            if seg[0] <= h.start < seg[1] and h.mode not in {o.mode for o in ordered}:
                ordered.append(h)
        if len(ordered) != 2 or any(is_negated(low, h.start, seg[0]) for h in ordered):
            continue
        op = Op("=", m.start(), False)
        if _prefer_report(*cue_scores(low, seg, m.start(), m.end()), op):
            continue
        for h, value in zip(ordered, (x, y), strict=True):
            spans.append(
                Span(m.start(), m.end(), "quota", QuotaMention(h.mode, "=", float(value), "all"), "quota.ratio")
            )
    return spans


_MODE_JOIN_RE = re.compile(r"\s*(?:/|atau|maupun)\s*")
_AWAY_MODES = frozenset({"WFH", "WFA"})  # a cap written for "WFH/WFA" is one cap for both ways of working away


def _joined_modes(low: str, modes: list[ModeHit], mode: ModeHit) -> list[str]:
    """The quota's mode, and the away-from-office mode written beside it as one ('WFH/WFA',
    'WFA atau WFH'): 'pegawai yang WFH/WFA maksimal 40 persen' caps both modes."""
    out = [mode.mode]
    if mode.mode not in _AWAY_MODES:
        return out
    for h in within(modes, max(0, mode.start - 20), mode.end + 20):
        if h.mode in _AWAY_MODES and h.mode not in out:
            a, b = (h.end, mode.start) if h.end <= mode.start else (mode.end, h.start)
            if a <= b and _MODE_JOIN_RE.fullmatch(low, a, b):
                out.append(h.mode)
    return out


_OP_NAMES = {"<=": "max", ">=": "min", "=": "eq"}
_RULE_OP = {"<": "<=", ">": ">=", "<=": "<=", ">=": ">=", "=": "="}  # a rule has no strict bounds


@extractor("percent.v1", labels=("_percent",))
def extract_percents(text: str, ctx: Context) -> list[Span]:
    """Every percent read once (``read_percents``), shared by the quota and observation extractors."""
    return [Span(r.hit.start, r.hit.end, "_percent", r, "percent.reading") for r in read_percents(text_doc(text, ctx))]


def percent_readings(text: str, ctx: Context) -> list[PercentReading]:
    """The document's percent readings (from ``percent.v1``)."""
    return [s.value for s in requires(ctx, "percent.v1", text)]


def drop_reported(quotas: list[Span], observations: list[Span]) -> list[Span]:
    """A percent read as a report is no rule, wherever else it is repeated ("30 Persen ASN WFH" in a
    title restating "tercatat 30 persen ASN yang WFH"): quotas overlapping an observation, or equal to
    a reported share, are dropped."""
    reported = {(_OBS_MODE.get(o.value.metric), o.value.value) for o in observations}
    return [q for q in quotas
            if not any(o.start < q.end and q.start < o.end for o in observations)
            and not (q.value.op == "=" and (q.value.mode, q.value.percent) in reported)]


_OBS_MODE = {"wfh_share": "WFH", "wfo_share": "WFO"}


@extractor("quota.v1", labels=("quota",), requires=("percent.v1", "observation.v1", "circular.v1"))
def extract_quotas(text: str, ctx: Context) -> list[Span]:
    """WFH/WFO share rules: 'WFH maksimal 50 persen' → Span(label='quota', value=QuotaMention(...)).

    Reconciled with the other readings of the same numbers: no quota where an observation reads
    a report, none where a circular's table reader already read the row (with its scope)."""
    win = text_doc(text, ctx)
    spans = _ratio_quotas(win) if any(w in win.low for w in _RATIO_WORDS) else []
    for r in percent_readings(text, ctx):
        if r.kind != "rule" or r.mode is None:
            continue
        op = _RULE_OP[r.op.op]
        rule = f"quota.{_OP_NAMES[op]}_{r.hit.form}"
        for mode in _joined_modes(win.low, win.modes, r.mode):
            for scope in _scope(win.low, r):
                spans.append(Span(r.op.start, r.hit.end, "quota", QuotaMention(mode, op, r.hit.value, scope), rule))
    spans = drop_reported(spans, requires(ctx, "observation.v1", text))
    rows = [q for q in requires(ctx, "circular.v1", text) if q.label == "quota"]
    return [q for q in spans
            if not any(t.start <= q.start < t.end or q.start <= t.start < q.end for t in rows)]


def merge_quotas(spans: list[Span], text: str) -> list[Span]:
    """One value per (mode, scope, percent) within one record (issue 10): the same quota read
    as both ``= 50`` and ``<= 50`` is one quota with the more specific operator; a number
    repeated in the headline (first line) and the body keeps the body's evidence; a quota
    stated for every employee and for a named unit keeps the named unit (the old rule).
    Order of first appearance is kept."""
    title_end = text.find("\n")
    title_end = len(text) if title_end < 0 else title_end

    def rank(sp: Span) -> tuple[int, int]:
        # specific operator first, then body before headline, then earliest
        return (0 if sp.value.op != "=" else 1, 1 if sp.start < title_end else 0)

    specific = {(q.value.mode, q.value.percent) for q in spans if q.value.scope != "all"}
    best: dict[tuple, Span] = {}
    order: list[tuple] = []
    for q in spans:
        v = q.value
        if v.scope == "all" and (v.mode, v.percent) in specific:
            continue  # "maksimal 50 persen" quoted loosely, stated with its unit elsewhere
        key = (v.mode, v.scope, v.percent)
        if key not in best:
            best[key] = q
            order.append(key)
        elif rank(q) < rank(best[key]):
            best[key] = q
    return [best[k] for k in order]
