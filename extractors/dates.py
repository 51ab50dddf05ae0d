"""Indonesian date mentions with their role, and the article's own publication date.

``extract_dates`` finds every date a text gives ("16-17 April 2024", "Senin (21/8/2023)
mendatang", "minggu depan", "H+2 Lebaran", "selama dua bulan") and says what it is for:
the policy's start or end, a period, a meeting, the reporting date, a signing.
``extract_published`` finds the article's dateline/byline date near the top.

Everything runs on ``masks.mask(text)`` (same offsets), so "Nomor 1 Tahun 2024" and
"08.00 WIB" never look like dates. Own regexes and the ``lexicons/dates_*.json`` word
lists do the work; dateparser is asked only about small "N hari yang lalu" phrases.
Unknown is never guessed: a date that needs the publication date when there is none, a
bare weekday with nothing saying which week, a month without a year or a cue: no span.

Speed (it runs on every document): matching is done on the lower-cased masked text with
patterns that start with a digit or a literal keyword, so the regex engine jumps to
candidate positions; word-led patterns are only tried where one scan for trigger words
found their first word.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import cache, lru_cache

from extractors.base import Context, DateMention, Span, extractor
from extractors.lexicon import load_json, number_words
from extractors.textdoc import TextDoc, text_doc

__all__ = ["extract_dates", "extract_published", "resolve_holiday"]

# --- thresholds ------------------------------------------------------------------------------

ROLE_LEFT_WINDOW = 90  # chars before a date searched for its cue: "berlaku pada hari Selasa-Rabu, " fits; a cue two clauses back does not  # noqa: E501
ROLE_RIGHT_WINDOW = 70  # chars after a date searched when nothing precedes it: "Besok, Senin (15/4/2024) bagian organisasi akan melakukan rapat"  # noqa: E501
RIGHT_CUE_ROLES = ("meeting", "signing")  # start/end words after a date mostly open the next clause ("data hari ini ... yang melaksanakan WFH")  # noqa: E501
MERGE_GAP_CHARS = 14  # most separator chars ("), ", " tanggal ") between a weekday/relative word and its written date
RANGE_MAX_DAYS = 400  # "X hingga Y" further apart than ~a year is two unrelated dates, not one period
YEARLESS_MAX_DAYS = 200  # a yearless day goes in the year nearest the publication date; beyond ~6 months it is no news date  # noqa: E501
YEAR_INHERIT_CHARS = 160  # "ditetapkan pada 16 April dan ... berlaku per 21 April 2025": a yearless day takes a year written this close in its sentence  # noqa: E501
REVISION_WINDOW = 700  # "awalnya ... Senin (28/8)" can sit a few paragraphs before "dipercepat menjadi Senin (21/8)"
DURATION_ANCHOR_WINDOW = 700  # "selama dua bulan" counts from a start given up to a few paragraphs earlier
RECURRING_START_WINDOW = 250  # "setiap Kamis. Penerapan WFH mulai berlaku Kamis (6/11/2025)": the first date follows within a sentence or two  # noqa: E501
HOLIDAY_MAX_DISTANCE_DAYS = 75  # "pasca-cuti bersama" without a year means the Lebaran block nearest the publication date, if this near  # noqa: E501
DATELINE_HEAD_CHARS = 300  # a written date this close to the top, alone on a short line, is the article's dateline (role "report")  # noqa: E501
PUBLISHED_HEAD_CHARS = 1500  # the byline/dateline sits above the body; later dates are the story's own
PUBLISHED_LINE_MAX_CHARS = 90  # a dateline line is short: "Antara • 09 September 2020 15:03", "Rabu, 23 Agustus 2023 | 14:20 WIB"  # noqa: E501
PUBLISHED_LINE_MAX_WORDS = 3  # words before the date on a dateline ("Kompas.com -", "Antara •", "oleh Nama Penulis" is a byline label's job)  # noqa: E501
PUBLISHED_LABEL_GAP_CHARS = 40  # "diperbarui 16 Apr 2024": label and date are this close

# --- lexicons --------------------------------------------------------------------------------

_CAL = load_json("dates_calendar.json")
_REL = load_json("dates_relative.json")
_ROLES = load_json("dates_roles.json")
_HOL = load_json("dates_holidays.json")

MONTHS: dict[str, int] = _CAL["months"]
MONTH_ABBR: dict[str, int] = _CAL["month_abbreviations"]
WEEKDAYS: dict[str, int] = _CAL["weekdays"]
WEEKDAY_NAMES = {1: "Senin", 2: "Selasa", 3: "Rabu", 4: "Kamis", 5: "Jumat", 6: "Sabtu", 7: "Minggu"}

# "setengah" etc. are fractions (quota words); a duration counts whole units.
_FRACTION_WORDS = ("setengah", "separuh", "perempat", "pertiga")
NUMBER_WORDS: dict[str, int] = {
    w: int(v)
    for w, v in number_words().items()
    if float(v).is_integer() and 1 <= v <= 100 and w != "se" and not any(f in w for f in _FRACTION_WORDS)
}


def _norm(s: str) -> str:
    return " ".join(s.lower().split()).replace("’", "'")


def _alt(words: Iterable[str]) -> str:
    """Regex alternation of lower-case lexicon phrases, longest first; one space matches any blank run."""
    ordered = sorted({" ".join(w.lower().split()) for w in words}, key=len, reverse=True)
    if not ordered:
        raise ValueError("empty word group would match everything")  # trafilatura xpaths._alt
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def _lower(t: str) -> str:
    """Lower case with the same length ('İ'.lower() has two characters; such letters stay as they are)."""
    low = t.lower()
    return low if len(low) == len(t) else "".join(c if len(c.lower()) != 1 else c.lower() for c in t)


# --- regexes, compiled once; all on lower-cased text -------------------------------------------

_MONTH_FULL = _alt(MONTHS)
_MONTH_ABBR = _alt(MONTH_ABBR)
_WEEKDAY = _alt(WEEKDAYS)
_NUM = rf"(?:{_alt(NUMBER_WORDS)}|\d{{1,3}})"
_Y = r"(?:19|20)\d\d(?![\d/])"
_HOLIDAY_NAME = _alt(_HOL["names"])
_RANGE_SEP = r"(?:-|–|—|s\.?\s?d\.?|s/d|sampai(?:\s+dengan)?|hingga|dan|&|,)"


def _month_group(name: str) -> str:
    """A month word: full name in group ``name``, abbreviation (may end in ".") in ``name``+"a"."""
    return rf"(?:(?P<{name}>{_MONTH_FULL})(?!\w)|(?P<{name}a>{_MONTH_ABBR})(?!\w)\.?)"


def _mword(m: re.Match[str], name: str) -> str | None:
    return m[name] or m[name + "a"]


def _month_of(m: re.Match[str], name: str) -> int:
    """The month number of a matched month group that is not optional."""
    word = _mword(m, name)
    assert word is not None
    return _month_no(word)


# 1. written dates, digit-led (the left edge is checked in Python: not inside "1.233" or "4/2025")
# "16-17 April 2024", "16 dan 17 April 2024", "4 s.d. 7 September", "28 Agustus - 1 September 2023"
_DAY_RANGE_RE = re.compile(
    rf"(?P<d1>\d\d?)(?!\d)(?:\s+{_month_group('m1')}(?:\s+(?P<y1>{_Y}))?)?"
    rf"\s*(?P<sep>{_RANGE_SEP})\s*(?:(?:tanggal|tgl\.?)\s+)?"
    rf"(?P<d2>\d\d?)(?!\d)\s+{_month_group('m2')}(?:\s+(?P<y2>{_Y}))?"
)
# "24, 25, dan 27 Maret 2025": listed days of one month
_DAY_LIST_RE = re.compile(
    rf"\d\d?(?!\d)(?:\s*,\s*\d\d?(?!\d))+(?:\s*,?\s*(?:dan|&)\s*\d\d?(?!\d))?\s+{_month_group('m')}(?:\s+(?P<y>{_Y}))?"
)
# "16 April 2024", "16 Apr 2024", "21 Agustus"
_DAY_MONTH_RE = re.compile(rf"(?P<d>\d\d?)(?!\d)\s+{_month_group('m')}(?:\s+(?P<y>{_Y}))?")
# "(16-17/4/2024)", "16-17/4", "16 hingga 17/4", "16 s.d. 19/4": a day range on a numeric date
_NUMERIC_RANGE_RE = re.compile(
    r"(?P<d1>\d\d?)(?:\s*[-–]\s*|\s+(?:hingga|sampai(?:\s+dengan)?|s\.?\s?d\.?|s/d|dan)\s+)"
    r"(?P<d2>\d\d?)/(?P<m>\d\d?)(?:/(?P<y>\d{4}|\d\d))?(?![\w/]|[.\-]\d)"
)
# "16/4/2024", "16-04-2024", "16.04.2024", "(16/4)", "19/06/2025"
_NUMERIC_RE = re.compile(r"(?P<d>\d\d?)(?P<s>[/\-.])(?P<m>\d\d?)(?:(?P=s)(?P<y>\d{4}|\d\d))?(?![\w/]|[.\-]\d)")
_ISO_RE = re.compile(r"(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?![\w/\-])")

# 2-5. word-led patterns, each tried only where the trigger scan found its first word
_MONTH_AT_RE = re.compile(rf"(?P<m>{_MONTH_FULL})(?!\w)(?:\s+(?:tahun\s+)?(?P<y>{_Y}))?")
_MONTH_PARTS = _alt(_CAL["month_parts"]["words"])
# "akhir bulan ", "bulan ", "akhir " right before a month name
_MONTH_PREFIX_RE = re.compile(rf"(?<!\w)(?:(?:{_MONTH_PARTS})\s+)?bulan\s+$|(?<!\w)(?:{_MONTH_PARTS})\s+$")
# "hingga akhir April", "sampai dengan penghujung Mei": the end of a named month is its last day
_UNTIL_MONTH_END_RE = re.compile(r"(?<!\w)(?:hingga|sampai(?:\s+dengan)?|s\.?\s?d\.?|sd)\s+(?:akhir|penghujung)\s+"
                                 r"(?:bulan\s+)?$")
_MONTH_CUE_BEFORE_RE = re.compile(rf"(?<!\w)(?:{_alt(_REL['month_cues']['words'])})\s+$")
_REL_DAY_AT_RE = re.compile(rf"(?:{_alt(_REL['days'])})(?!\w)")
_REL_WEEK_AT_RE = re.compile(rf"(?P<w>{_alt(_REL['weeks'])})(?!\w)")
_REL_MONTH_AT_RE = re.compile(rf"(?P<w>{_alt(_REL['months'])})(?!\w)")
_PART_BEFORE_RE = re.compile(rf"(?<!\w)(?:{_alt(_REL['part_prefixes'])})\s+$")
# "sampai akhir pekan" with no "ini"/"depan" after it: the end of the week the rule is in (step 7)
_BARE_WEEKEND_AT_RE = re.compile(rf"akhir\s+(?:pekan|minggu)(?!\w)(?!\s+(?:{_alt(_REL['weekday_modifiers'])})(?!\w))")
# "akhir bulan" with nothing after it that names another month ("akhir bulan Mei", "akhir bulan ke-3")
_BARE_MONTH_RE = re.compile(
    rf"bulan(?!\s+(?:{_alt(MONTHS)}|\d|ke|depan|mendatang|lalu|kemarin|puasa|ramadan|suci)(?!\w))(?!\w)"
)
# "dua hari lagi", "sepekan lalu", "3 hari yang lalu": found from "lalu"/"lagi" backwards
_COUNT_BEFORE_RE = re.compile(rf"(?:(?<!\w)(?P<n>{_NUM})\s+|(?<!\w)se)(?P<u>hari|pekan|minggu|bulan)\s+(?:yang\s+)?$")
# "Senin", "Selasa-Rabu", "Senin mendatang", "Senin pekan depan"
_WEEKDAY_AT_RE = re.compile(
    rf"(?P<wd>{_WEEKDAY})(?!\w)"
    rf"(?:\s*(?:-|–|dan|s\.?d\.?|sampai|hingga|,)?\s*(?:hari\s+)?(?P<wd2>{_WEEKDAY})(?!\w))?"
    rf"(?:\s+(?P<mod>{_alt(_REL['weekday_modifiers'])})(?!\w))?"
)
_HARI_BEFORE_RE = re.compile(r"(?<!\w)hari[ \t]+$")  # "hari Selasa", not a title ending "Dua Hari" above a dateline
# "setiap Kamis", "tiap hari Jumat", "setiap Senin dan Kamis"
_RECURRING_AT_RE = re.compile(
    rf"(?:{_alt(_ROLES['recurring'])})\s+(?:hari\s+)?(?P<wds>(?:{_WEEKDAY})(?!\w)"
    rf"(?:\s*(?:,|dan|-|–|s\.?d\.?|sampai|hingga)\s*(?:hari\s+)?(?:{_WEEKDAY})(?!\w))*)"
)
_WEEKDAY_WORD_RE = re.compile(rf"(?<!\w)(?:{_WEEKDAY})(?!\w)")
# "selama dua bulan", "selama 14 hari", "selama sepekan ke depan", "paling lama dua minggu" (not "14 hari kerja":
# holidays unknown; not "maksimal dua hari dalam seminggu": a weekly allowance, no period)
_DURATION_AT_RE = re.compile(
    rf"(?:selama|untuk|dalam\s+(?:jangka\s+)?waktu|paling\s+lama|maksimal|maksimum)\s+(?:(?P<n>{_NUM})\s+|se)"
    rf"(?P<u>hari|pekan|minggu|bulan|tahun)(?!\w)"
    r"(?!\s+kerja)(?!\s+(?:dalam|per|setiap|tiap)\s+(?:se|satu\s+)?(?:minggu|pekan|bulan)(?!\w))"
    r"(?:\s+(?:ke\s+depan|berturut-turut))?"
)
# "H+2 Lebaran", "H-1 Idul Fitri 2024" (the "H" is checked upper-case in the original)
_H_OFFSET_AT_RE = re.compile(
    rf"h\s*(?P<sign>[+-])\s*(?P<n>\d\d?)(?!\d)(?:\s+(?:libur\s+)?(?P<name>{_HOLIDAY_NAME})(?!\w)(?:\s+(?P<y>{_Y}))?)?"
)
_HOLIDAY_AT_RE = re.compile(rf"(?P<name>{_HOLIDAY_NAME})(?!\w)(?:\s+(?P<y>{_Y}))?")
# "dua hari setelah Lebaran", "3 hari sebelum Idul Fitri": found from the holiday name backwards
_DAYS_BEFORE_HOLIDAY_RE = re.compile(
    rf"(?<!\w)(?P<n>{_NUM})\s+hari\s+(?P<rel>setelah|sesudah|usai|seusai|pasca|sebelum|menjelang|jelang)\s*-?\s*(?:libur\s+)?$"
)
# A count right after a mode word is what is granted, not an offset: "WFH Dua Hari Pasca Lebaran".
_DURATION_NOT_OFFSET_RE = re.compile(r"(?<!\w)(?:wfh|wfo|wfa|selama|libur|cuti|kerja)\s*$")
# "pasca-cuti bersama Lebaran", "setelah libur nasional dan cuti bersama Idul Fitri 2024"
_CUTI_AT_RE = re.compile(
    rf"cuti\s+bersama(?:\s+(?:hari\s+raya\s+)?(?P<name>{_HOLIDAY_NAME})(?!\w)(?:\s+(?P<y>{_Y}))?)?"
)
# "hari pertama kerja setelah libur Lebaran": the first working day after the holiday block
_FIRST_WORKDAY_AT_RE = re.compile(
    r"hari\s+pertama\s+(?:masuk\s+)?(?:kerja|kantor|bekerja)(?:\s+(?:asn|pns|pegawai))?\s+"
    r"(?:setelah|usai|seusai|pasca|selepas|sesudah)\s*-?\s*(?:libur(?:an)?(?:\s+panjang)?\s+|cuti\s+bersama\s+)?"
    rf"(?:(?:hari\s+raya|mudik)\s+)?(?P<name>{_HOLIDAY_NAME})(?!\w)(?:\s+(?P<y>{_Y}))?"
)
_AFTER_BEFORE_CUTI_RE = re.compile(
    r"(?<!\w)(?:pasca|usai|seusai|setelah|sesudah|selepas)\s*-?\s*(?:libur(?:\s+nasional)?\s+(?:dan\s+)?)?$"
)

# 6. merging
_MERGE_GAP_RE = re.compile(r"[ \t,(]*(?:(?:tanggal|tgl\.?)[ \t]*)?")  # never across a line break: a title's
# "Mulai Pekan Depan" and the dateline "Rabu, 5 Maret 2025" below it are two dates
_MERGE_TAIL_RE = re.compile(r"\)?\s*(?:mendatang|nanti|lalu|depan|yang\s+akan\s+datang)(?!\w)")
_CLOSE_PAREN_RE = re.compile(r"\s*\)")
_OPEN_GAP_RE = re.compile(r"\s*\(?\s*")
_WEEKDAY_BEFORE_RE = re.compile(rf"(?<!\w)(?:{_WEEKDAY}),?\s+$")
_RANGE_JOIN_RE = re.compile(
    rf"\)?\s*(?:-|–|—|s\.?\s?d\.?|s/d|sampai(?:\s+dengan)?|hingga|dan|&)\s*(?:(?:hari\s+)?(?:{_WEEKDAY})\s*,?\s*)?"
    r"(?:(?:tanggal|tgl\.?)\s*)?\(?"
)
_AND_RE = re.compile(r"(?<!\w)dan(?!\w)|&")
_LIST_JOIN_RE = re.compile(r"[\s)]*(?:,|dan|&|serta)[\s(]*")

_SENTENCE_CLOSE_RE = re.compile(r"[\s)]*(?:[.,;]|\n|$)")  # "…, Senin (16/4/2024)." or "…, Senin (16/4/2024), usai rapat."  # noqa: E501
_PADA_END_RE = re.compile(r"(?<!\w)pada(?:\s+hari)?$")
_INSTRUMENT_DATE_RE = re.compile(
    r"(?i:\b(?:nomor|nomer|no\.?))\s*:?\s*[^\s,;]+(?:\s+(?i:tahun)\s+\d{4})?\s*,?\s*(?i:tanggal|tgl\.?)\s*$"
)
_SIGNING_BLOCK_RE = re.compile(
    r"(?<!\w)(?:ditetapkan|diundangkan|dikeluarkan|ditandatangani)\s+di\s+[^\n]{1,40}\n\s*(?:pada\s+)?(?:tanggal|tgl\.?)\s*:?\s*$"
)
_CLOCK_AFTER_RE = re.compile(r"\s*[,|•\-–]?\s*(?:pukul\s*)?\d\d?[.:]\d\d")
_TIME_ZONE_RE = re.compile(r"\b(?:WIB|WITA|WIT)\b")


def _cue_re(phrases: Iterable[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{_alt(phrases)})(?!\w)")


def _cue_table() -> dict[str, tuple[str, str]]:
    """phrase -> (role, strength); a phrase listed under two roles keeps the later one."""
    table: dict[str, tuple[str, str]] = {}
    for role in ("start", "other", "meeting", "signing", "end"):
        for strength in ("weak", "strong"):
            for phrase in _ROLES[role][strength]:
                table[_norm(phrase)] = (role, strength)
    return table


_CUES = _cue_table()
_CUE_RE = _cue_re(_CUES)
_REPORT_VERB_RE = _cue_re(_ROLES["report_verbs"])
_REPORT_SETTING_RE = _cue_re(_ROLES["report_settings"])
_REVISION_VERB_RE = _cue_re(_ROLES["revision_verbs"])
_REVISION_EARLIER_RE = _cue_re(_ROLES["revision_earlier"])
_POLICY_RE = _cue_re(_ROLES["policy_context"])
_CONTENT_RE = _cue_re(_ROLES["content_markers"])
_PUB_LABEL_BEFORE_RE = re.compile(rf"(?<!\w)(?:{_alt(_ROLES['published_labels'])})\s*:?\s*(?:(?:{_WEEKDAY}),?\s*)?$")
_UPD_LABEL_BEFORE_RE = re.compile(rf"(?<!\w)(?:{_alt(_ROLES['updated_labels'])})\s*:?\s*(?:(?:{_WEEKDAY}),?\s*)?$")
_FUTURE_RE = _cue_re(_REL["future_markers"])
_PAST_RE = _cue_re(_REL["past_markers"])
_QUOTE_CHARS = "\"“”"


def _cue(m: re.Match[str]) -> tuple[str, str]:
    return _CUES[_norm(m[0])]


# --- internal mention ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Val:
    """A resolved date: inclusive first and last day, and how coarse the text was."""

    first: date
    last: date
    gran: str  # "day" | "week" | "month"


@dataclass(frozen=True, slots=True)
class _M:
    """One date mention while the cascade works on it."""

    start: int
    end: int
    rule: str
    val: _Val | None  # None: a weekday, recurring or duration phrase not (yet) resolved
    explicit: bool = False  # written with day numbers ("16 April", "(21/8)")
    weekday: int | None = None  # a weekday named in the mention
    modifier: str | None = None  # weekday modifier: "next", "last_week", ...
    weekday_to: int | None = None  # the second weekday of a pair: "Selasa dan Rabu pekan depan"
    kind: str = "date"  # "date" | "recurring" | "duration" | "void" (a written non-date, dropped)
    role: str = "point"
    superseded: bool = False
    weekdays: tuple[int, ...] = ()  # recurring: the weekly days
    needs_year: tuple[int, int, int, int] | None = None  # (day1, month1, day2, month2) waiting for a year
    count: tuple[int, str] | None = None  # duration: (n, unit)


class _Doc:
    """The date rules' view of a ``TextDoc``: the original text, its masked twin and the masked
    lower-cased one (all with the same offsets), and the document's sentences."""

    def __init__(self, td: TextDoc, kind: str = "news") -> None:
        self.raw = td.text
        self.kind = kind
        self.t = td.masked
        self.low = td.masked_low
        self.sentence = td.sentence
        self.previous_sentence_start = td.previous_sentence_start
        self.memo = td.memo

    def before(self, rx: re.Pattern[str], pos: int, width: int) -> re.Match[str] | None:
        """``rx`` (anchored with ``$``) ending right at ``pos``, searched in the ``width`` chars before it."""
        return rx.search(self.low, max(0, pos - width), pos)


def _at_word_start(low: str, pos: int, also: str = "") -> bool:
    return pos == 0 or not (low[pos - 1].isalnum() or low[pos - 1] == "_" or low[pos - 1] in also)


# --- small date helpers ----------------------------------------------------------------------


def _add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _month_val(year: int, month: int) -> _Val:
    return _Val(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), "month")


def _week_val(d: date) -> _Val:
    monday = d - timedelta(days=d.isoweekday() - 1)
    return _Val(monday, monday + timedelta(days=6), "week")


def _day_val(d: date) -> _Val:
    return _Val(d, d, "day")


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _nearest_year(day: int, month: int, pub: date) -> date | None:
    """The (day, month) in the year that puts it nearest the publication date, if near enough."""
    options = [c for y in (pub.year - 1, pub.year, pub.year + 1) if (c := _safe_date(y, month, day))]
    if not options:
        return None
    best = min(options, key=lambda c: abs((c - pub).days))
    return best if abs((best - pub).days) <= YEARLESS_MAX_DAYS else None


def _nearest_month_year(month: int, pub: date) -> int:
    return min((pub.year - 1, pub.year, pub.year + 1), key=lambda y: abs((date(y, month, 15) - pub).days))


def _year(s: str | None) -> int | None:
    if not s:
        return None
    y = int(s)
    return y + 2000 if y < 100 else y


def _month_no(word: str) -> int:
    w = word.lower().rstrip(".")
    return MONTHS.get(w) or MONTH_ABBR[w]


def _count(n: str | None) -> int:
    """'dua' -> 2, '14' -> 14, None (the 'se-' prefix: 'sepekan') -> 1."""
    if n is None:
        return 1
    n = _norm(n)
    return int(n) if n.isdigit() else NUMBER_WORDS[n]


def _fmt(v: _Val) -> tuple[str, str]:
    if v.gran == "day":
        return v.first.isoformat(), v.last.isoformat()
    if v.gran == "week":
        (y1, w1, _), (y2, w2, _) = v.first.isocalendar(), v.last.isocalendar()
        return f"{y1}-W{w1:02d}", f"{y2}-W{w2:02d}"
    return f"{v.first.year}-{v.first.month:02d}", f"{v.last.year}-{v.last.month:02d}"


def _resolve_weekday(wd: int, how: str, pub: date) -> date:
    """The day with ISO weekday ``wd`` that ``how`` points at, seen from the publication date."""
    monday = pub - timedelta(days=pub.isoweekday() - 1)
    if how == "next":
        return pub + timedelta(days=(wd - pub.isoweekday() - 1) % 7 + 1)
    if how == "next_or_today":
        return pub + timedelta(days=(wd - pub.isoweekday()) % 7)
    if how == "next_week":
        return monday + timedelta(days=7 + wd - 1)
    if how == "this_week":
        return monday + timedelta(days=wd - 1)
    if how == "last":
        return pub - timedelta(days=(pub.isoweekday() - wd - 1) % 7 + 1)
    if how == "last_or_today":
        return pub - timedelta(days=(pub.isoweekday() - wd) % 7)
    if how == "last_week":
        return monday - timedelta(days=7 - wd + 1)
    raise ValueError(f"unknown weekday resolution {how!r}")


# --- holidays ------------------------------------------------------------------------------------


# lokal-id's holiday data (years after the lexicon's) for these keys, by holiday-name prefix
_LOKAL_PREFIXES = {"idul_fitri": "idulfitri", "idul_adha": "iduladha"}


@cache
def _lokal_holidays() -> dict[str, dict[int, tuple[date, date]]]:
    """From lokal-id (2026 on): key -> year -> (first day, first working day after its block).

    Loaded only for a year the lexicon lacks: importing lokal compiles ~200 regexes of its PII
    masker (~0.3 s, a tenth of a one-document run). Where both have a year they agree (a test
    checks it), so which is asked first does not change a date."""
    try:
        from lokal import holidays as lh
    except ImportError:  # optional at run time; the lexicon covers 2020-2025
        return {}
    out: dict[str, dict[int, tuple[date, date]]] = {key: {} for key in _LOKAL_PREFIXES}
    for year in lh.HOLIDAY_YEARS:
        days = lh.get_holidays(year).holidays
        off = {date.fromisoformat(h.date) for h in days}
        for key, prefix in _LOKAL_PREFIXES.items():
            block = sorted(date.fromisoformat(h.date) for h in days if h.name.lower().startswith(prefix))
            national = [d for d in block if any(h.date == d.isoformat() and h.type == "libur_nasional" for h in days)]
            if not national:
                continue
            after = block[-1] + timedelta(days=1)
            while after.isoweekday() > 5 or after in off:
                after += timedelta(days=1)
            out[key][year] = (national[0], after)
    return out


def _lokal_holiday(key: str, year: int) -> tuple[date, date] | None:
    return _lokal_holidays()[key].get(year) if key in _LOKAL_PREFIXES and _lokal_holidays() else None


def _holiday_first_day(key: str, year: int) -> date | None:
    if key in _HOL["fixed"]:
        mm, dd = _HOL["fixed"][key].split("-")
        return date(year, int(mm), int(dd))
    iso = _HOL["first_day"].get(key, {}).get(str(year))
    if iso:
        return date.fromisoformat(iso)
    lok = _lokal_holiday(key, year)
    return lok[0] if lok else None


def _after_cuti_bersama(key: str, year: int) -> date | None:
    iso = _HOL["first_workday_after_cuti_bersama"].get(key, {}).get(str(year))
    if iso:
        return date.fromisoformat(iso)
    lok = _lokal_holiday(key, year)
    return lok[1] if lok else None


def resolve_holiday(name: str, year: int | None, pub: date | None, *, after_cuti_bersama: bool = False) -> date | None:
    """The first day of a named holiday ("Lebaran" -> 1 Syawal) or, with ``after_cuti_bersama``,
    the first working day after its libur + cuti bersama block: in ``year`` if given, else in the
    year that puts it nearest ``pub`` (at most HOLIDAY_MAX_DISTANCE_DAYS away). None when unknown."""
    key = _HOL["names"].get(_norm(name))
    if key is None:
        return None
    lookup = _after_cuti_bersama if after_cuti_bersama else _holiday_first_day
    if year is not None:
        return lookup(key, year)
    if pub is None:
        return None
    near = [
        d
        for y in (pub.year - 1, pub.year, pub.year + 1)
        if (d := lookup(key, y)) and abs((d - pub).days) <= HOLIDAY_MAX_DISTANCE_DAYS
    ]
    return min(near, key=lambda d: abs((d - pub).days)) if near else None


# --- dateparser, only on small candidate strings ---------------------------------------------------


@lru_cache(maxsize=512)
def _dateparser_past(n: int, unit: str, pub: date) -> date | None:
    """'3 hari yang lalu' -> a day, via dateparser (its Indonesian data knows these phrases)."""
    import dateparser  # type: ignore[import-untyped]  # imported on first need: most documents never get here

    got = dateparser.parse(
        f"{n} {_REL['past_units'][unit]} yang lalu",
        languages=["id"],
        settings={"RELATIVE_BASE": datetime(pub.year, pub.month, pub.day), "DATE_ORDER": "DMY"},
    )
    return got.date() if got else None


# --- 1. written dates ------------------------------------------------------------------------------


def _explicit_mentions(doc: _Doc) -> list[_M]:
    """The written dates of the text, found once per document (kept in ``TextDoc.memo``): they do
    not depend on the publication date, which only resolves the relative ones (``_word_mentions``)."""
    found = doc.memo.get("date.explicit")
    if found is None:
        found = doc.memo["date.explicit"] = _find_explicit(doc)
    return list(found)


def _find_explicit(doc: _Doc) -> list[_M]:
    """Each pattern is tried only at the start of a digit run that starts a word (not inside "1.233",
    "4/2025"): one fast scan for digit runs instead of four scans of the whole text."""
    low, out = doc.low, []
    for run in _DIGIT_RUN_RE.finditer(low):
        pos = run.start()
        if len(run[0]) > 2:
            if len(run[0]) == 4 and _at_word_start(low, pos, "/-") and (m := _ISO_RE.match(low, pos)):
                out.append(_explicit_day(pos, m.end(), "date.iso", int(m["d"]), int(m["m"]), int(m["y"])))
            continue
        if not _at_word_start(low, pos, ".,/-"):
            continue
        if m := _DAY_LIST_RE.match(low, pos):
            out.append(_day_list(m))
        if m := _DAY_RANGE_RE.match(low, pos):
            out += _day_range(m)
        if m := _DAY_MONTH_RE.match(low, pos):
            day = _day_or_pending(pos, m.end(), int(m["d"]), _month_of(m, "m"), _year(m["y"]))
            # "30 Februari 2024" is no date; the void mention keeps "Februari 2024" from being read alone
            out.append(day or _M(pos, m.end(), "date.invalid", None, kind="void"))
        elif m := _NUMERIC_RANGE_RE.match(low, pos):
            out.append(_numeric_range(m))
        elif m := _NUMERIC_RE.match(low, pos):
            out.append(_numeric(doc, m))
    return [x for x in out if x is not None]


_DIGIT_RUN_RE = re.compile(r"\d+")


def _explicit_day(start: int, end: int, rule: str, d: int, mo: int, y: int) -> _M | None:
    day = _safe_date(y, mo, d)
    return _M(start, end, rule, _day_val(day), True) if day else None


def _day_or_pending(start: int, end: int, d: int, mo: int, y: int | None, rule: str = "date.day_month") -> _M | None:
    """A written day; without a year it waits for one (step 6b)."""
    if not 1 <= d <= 31:
        return None
    if y is None:
        return _M(start, end, rule, None, True, needs_year=(d, mo, d, mo))
    return _explicit_day(start, end, rule, d, mo, y)


def _day_range(m: re.Match[str]) -> list[_M]:
    """'16-17 April 2024' -> one period; '4 dan 7 September' (not consecutive) -> two days."""
    d1, d2 = int(m["d1"]), int(m["d2"])
    if not (1 <= d1 <= 31 and 1 <= d2 <= 31):
        return []
    m2 = _month_of(m, "m2")
    m1 = _month_no(w) if (w := _mword(m, "m1")) else m2
    y2 = _year(m["y2"])
    y1 = _year(m["y1"]) or (None if y2 is None else (y2 if m1 <= m2 else y2 - 1))
    if _norm(m["sep"]) in {"dan", "&", ","} and not (m1 == m2 and d2 == d1 + 1):
        first_end = max(m.end("y1"), m.end("m1"), m.end("m1a"), m.end("d1"))
        pair = (_day_or_pending(m.start(), first_end, d1, m1, y1), _day_or_pending(m.start("d2"), m.end(), d2, m2, y2))
        return [x for x in pair if x is not None]
    if y1 is None or y2 is None:  # the year comes later (step 6b); keep both ends
        return [_M(m.start(), m.end(), "date.day_range", None, True, needs_year=(d1, m1, d2, m2))]
    a, b = _safe_date(y1, m1, d1), _safe_date(y2, m2, d2)
    if a is None or b is None or not (0 <= (b - a).days <= RANGE_MAX_DAYS):
        return []
    return [_M(m.start(), m.end(), "date.day_range", _Val(a, b, "day"), True)]


def _day_list(m: re.Match[str]) -> _M | None:
    """'24, 25, dan 27 Maret 2025' -> one period from the first to the last listed day."""
    days = [
        int(d) for d in _DIGIT_RUN_RE.findall(m[0][: m.start("m") - m.start() if m["m"] else m.start("ma") - m.start()])
    ]
    if not all(1 <= d <= 31 for d in days) or days != sorted(days):
        return None
    mo, y = _month_of(m, "m"), _year(m["y"])
    if y is None:
        return _M(m.start(), m.end(), "date.day_list", None, True, needs_year=(days[0], mo, days[-1], mo))
    a, b = _safe_date(y, mo, days[0]), _safe_date(y, mo, days[-1])
    return _M(m.start(), m.end(), "date.day_list", _Val(a, b, "day"), True) if a and b else None


def _numeric_range(m: re.Match[str]) -> _M | None:
    """'(16-17/4/2024)' -> a period; without a year it waits for one."""
    d1, d2, mo, y = int(m["d1"]), int(m["d2"]), int(m["m"]), _year(m["y"])
    if not (1 <= d1 < d2 <= 31 and 1 <= mo <= 12):
        return None
    if y is None:
        return _M(m.start(), m.end(), "date.numeric_range", None, True, needs_year=(d1, mo, d2, mo))
    a, b = _safe_date(y, mo, d1), _safe_date(y, mo, d2)
    return _M(m.start(), m.end(), "date.numeric_range", _Val(a, b, "day"), True) if a and b else None


def _numeric(doc: _Doc, m: re.Match[str]) -> _M | None:
    d, mo, y = int(m["d"]), int(m["m"]), _year(m["y"])
    if not (1 <= d <= 31 and 1 <= mo <= 12):
        return None
    if y is None:
        # "(16/4)" only with "/" and in brackets or right after a weekday: "16.4" is a score, "16-4" a range
        if m["s"] != "/" or not (
            doc.low[m.start() - 1 : m.start()] == "(" or doc.before(_WEEKDAY_BEFORE_RE, m.start(), 12)
        ):
            return None
        return _M(m.start(), m.end(), "date.numeric", None, True, needs_year=(d, mo, d, mo))
    if m["s"] == "." and len(m["y"]) != 4:
        return None  # "1.2.24" is a version or a section number, not a date
    return _explicit_day(m.start(), m.end(), "date.numeric", d, mo, y)


# --- 2-5. word-led mentions: one scan for trigger words, then a pattern at each --------------------

_Handler = Callable[[_Doc, int, "date | None"], list[_M]]


def _month_at(doc: _Doc, pos: int, pub: date | None) -> list[_M]:
    """4. 'September 2023', 'akhir Agustus', 'bulan Juni' -> a month; a bare 'Juni' needs a cue before it."""
    m = _MONTH_AT_RE.match(doc.low, pos)
    if m is None:
        return []
    start = pos
    if prefix := doc.before(_MONTH_PREFIX_RE, pos, 30):
        start = prefix.start()
    if not m["y"] and start == pos and not doc.before(_MONTH_CUE_BEFORE_RE, pos, 20):
        return []  # a bare "Juni" may be a name: no cue, no date
    mo = MONTHS[m["m"]]
    if m["y"]:
        year = int(m["y"])
    elif pub is not None:
        year = _nearest_month_year(mo, pub)
    else:
        return []  # no year written and no publication date: unknown
    if doc.before(_UNTIL_MONTH_END_RE, pos, 40):
        last = _add_months(date(year, mo, 1), 1) - timedelta(days=1)
        return [_M(start, m.end(), "date.month_end", _day_val(last))]
    return [_M(start, m.end(), "date.month", _month_val(year, mo))]


def _weekday_at(doc: _Doc, pos: int, pub: date | None) -> list[_M]:
    """2. 'Senin', 'hari Selasa-Rabu', 'Senin mendatang': resolved after roles (step 7), or by the
    written date it stands beside (step 6a)."""
    m = _WEEKDAY_AT_RE.match(doc.low, pos)
    if m is None:
        return []
    hari = doc.before(_HARI_BEFORE_RE, pos, 10)
    if m["wd"] == "minggu" and not hari and (not doc.t[pos].isupper() or _REL_WEEK_AT_RE.match(doc.low, pos)):
        return []  # "minggu", "Minggu depan": the week, not Sunday
    mod = _REL["weekday_modifiers"].get(_norm(m["mod"])) if m["mod"] else None
    start = hari.start() if hari else pos
    wd2 = WEEKDAYS[_norm(m["wd2"])] if m["wd2"] else None
    return [_M(start, m.end(), "date.weekday", None, weekday=WEEKDAYS[_norm(m["wd"])], modifier=mod,
               weekday_to=wd2)]


def _rel_day_at(doc: _Doc, pos: int, pub: date | None) -> list[_M]:
    """2. 'hari ini', 'besok', 'lusa', 'kemarin' -> a day from the publication date."""
    m = _REL_DAY_AT_RE.match(doc.low, pos)
    if m is None or pub is None:
        return []
    return [_M(pos, m.end(), "date.relative_day", _day_val(pub + timedelta(days=_REL["days"][_norm(m[0])])))]


def _rel_week_at(doc: _Doc, pos: int, pub: date | None) -> list[_M]:
    """2. 'minggu depan', 'awal pekan depan' -> an ISO week."""
    m = _REL_WEEK_AT_RE.match(doc.low, pos)
    if m is None or pub is None:
        return []
    start = p.start() if (p := doc.before(_PART_BEFORE_RE, pos, 20)) else pos
    return [_M(start, m.end(), "date.relative_week", _week_val(pub + timedelta(weeks=_REL["weeks"][_norm(m["w"])])))]


def _bare_weekend_at(doc: _Doc, pos: int, pub: date | None) -> list[_M]:
    """2. 'sampai akhir pekan': the publication's week, moved to the week of a start day before it in its
    sentence in step 7 ('mulai Rabu (17/4) sampai akhir pekan')."""
    m = _BARE_WEEKEND_AT_RE.match(doc.low, pos)
    if m is None or pub is None:
        return []
    return [_M(pos, m.end(), "date.weekend", _week_val(pub))]


def _rel_month_at(doc: _Doc, pos: int, pub: date | None) -> list[_M]:
    """2. 'bulan depan', 'akhir bulan ini' -> a month; 'akhir bulan (ini)' -> its last day
    ('sampai akhir bulan': the publication's month)."""
    if pub is None:
        return []
    part = doc.before(_PART_BEFORE_RE, pos, 20)
    at_end = part is not None and part.group(0).strip().startswith("akhir")
    m = _REL_MONTH_AT_RE.match(doc.low, pos)
    if m is not None:
        offset, end = _REL["months"][_norm(m["w"])], m.end()
    elif at_end and (bare := _BARE_MONTH_RE.match(doc.low, pos)) is not None:
        offset, end = 0, bare.end()
    else:
        return []
    start = part.start() if part else pos
    first = _add_months(pub.replace(day=1), offset)
    if at_end:
        return [_M(start, end, "date.month_end", _day_val(_add_months(first, 1) - timedelta(days=1)))]
    return [_M(start, end, "date.relative_month", _month_val(first.year, first.month))]


def _rel_count_at(doc: _Doc, pos: int, pub: date | None) -> list[_M]:
    """2. 'dua hari lagi' (own arithmetic), '3 hari yang lalu' (dateparser on that phrase)."""
    b = doc.before(_COUNT_BEFORE_RE, pos, 40)
    if b is None or pub is None:
        return []
    n, unit, end = _count(b["n"]), b["u"], pos + len("lalu")  # "lalu" and "lagi" are both 4 letters
    if doc.low.startswith("lalu", pos):
        got = _dateparser_past(n, unit, pub)
        if got is None:
            return []
        val = (
            _day_val(got)
            if unit == "hari"
            else _week_val(got)
            if unit in ("pekan", "minggu")
            else _month_val(got.year, got.month)
        )
    elif unit == "hari":
        val = _day_val(pub + timedelta(days=n))
    elif unit in ("pekan", "minggu"):
        val = _week_val(pub + timedelta(weeks=n))
    else:
        first = _add_months(pub.replace(day=1), n)
        val = _month_val(first.year, first.month)
    return [_M(b.start(), end, "date.relative_count", val)]


def _recurring_at(doc: _Doc, pos: int, pub: date | None) -> list[_M]:
    """5. 'setiap Kamis', 'tiap hari Jumat' -> a weekly rule (its first date is found in step 8)."""
    m = _RECURRING_AT_RE.match(doc.low, pos)
    if m is None:
        return []
    wds = [
        WEEKDAYS[_norm(w[0])]
        for w in _WEEKDAY_WORD_RE.finditer(doc.low, m.start("wds"), m.end("wds"))
        if w[0] != "minggu" or doc.t[w.start()].isupper()  # "setiap minggu" = every week
    ]
    if not wds:
        return []
    return [_M(pos, m.end(), "date.recurring", None, kind="recurring", role="recurring", weekdays=tuple(wds))]


def _duration_at(doc: _Doc, pos: int, pub: date | None) -> list[_M]:
    """5. 'selama dua bulan' -> an end date once a start is known (step 8)."""
    m = _DURATION_AT_RE.match(doc.low, pos)
    if m is None:
        return []
    return [_M(pos, m.end(), "date.duration", None, kind="duration", role="end", count=(_count(m["n"]), m["u"]))]


def _h_offset_at(doc: _Doc, pos: int, pub: date | None) -> list[_M]:
    """3. 'H+2 Lebaran' -> 1 Syawal + 2 days."""
    m = _H_OFFSET_AT_RE.match(doc.low, pos)
    if m is None or doc.t[pos] != "H":
        return []
    name = m["name"] or _holiday_in_line(doc, pos)
    base = resolve_holiday(name, _year(m["y"]), pub) if name else None
    if base is None:
        return []
    n = int(m["n"]) * (1 if m["sign"] == "+" else -1)
    return [_M(pos, m.end(), "date.holiday_offset", _day_val(base + timedelta(days=n)))]


def _holiday_in_line(doc: _Doc, pos: int) -> str | None:
    """'pada H+1 dan H+2 Lebaran': the holiday named later on the same line."""
    end = doc.low.find("\n", pos)
    for w in re.finditer(_HOLIDAY_NAME, doc.low[pos : len(doc.low) if end < 0 else end]):
        return w[0]
    return None


def _holiday_at(doc: _Doc, pos: int, pub: date | None) -> list[_M]:
    """3. 'dua hari setelah Lebaran' -> 1 Syawal + 2 days; not 'WFH dua hari pasca Lebaran' (a duration)."""
    m = _HOLIDAY_AT_RE.match(doc.low, pos)
    if m is None:
        return []
    b = doc.before(_DAYS_BEFORE_HOLIDAY_RE, pos, 60)
    if b is None or doc.before(_DURATION_NOT_OFFSET_RE, b.start(), 12):
        return []
    base = resolve_holiday(m["name"], _year(m["y"]), pub)
    if base is None:
        return []
    sign = -1 if b["rel"] in ("sebelum", "menjelang", "jelang") else 1
    return [_M(b.start(), m.end(), "date.holiday_offset", _day_val(base + timedelta(days=sign * _count(b["n"]))))]


def _cuti_at(doc: _Doc, pos: int, pub: date | None) -> list[_M]:
    """3. 'pasca-cuti bersama Lebaran' -> the first working day after the Lebaran block."""
    m = _CUTI_AT_RE.match(doc.low, pos)
    b = doc.before(_AFTER_BEFORE_CUTI_RE, pos, 40)
    if m is None or b is None:
        return []
    after = resolve_holiday(m["name"] or "lebaran", _year(m["y"]), pub, after_cuti_bersama=True)
    return [_M(b.start(), m.end(), "date.holiday_cuti_bersama", _day_val(after))] if after else []


def _first_workday_at(doc: _Doc, pos: int, pub: date | None) -> list[_M]:
    """3. 'hari pertama kerja setelah libur Lebaran' -> the first working day after its block."""
    m = _FIRST_WORKDAY_AT_RE.match(doc.low, pos)
    if m is None:
        return []
    after = resolve_holiday(m["name"], _year(m["y"]), pub, after_cuti_bersama=True)
    return [_M(pos, m.end(), "date.first_workday", _day_val(after))] if after else []


def _triggers() -> dict[str, tuple[_Handler, ...]]:
    table: dict[str, list[_Handler]] = {}

    def add(words: Iterable[str], handler: _Handler) -> None:
        for w in words:
            handlers = table.setdefault(w.lower().split()[0], [])  # "jum’at" stays as written: the text has it so
            if handler not in handlers:
                handlers.append(handler)

    add(MONTHS, _month_at)
    add(WEEKDAYS, _weekday_at)
    add(_REL["days"], _rel_day_at)
    add(_REL["weeks"], _rel_week_at)
    add(_REL["months"], _rel_month_at)
    add(["akhir"], _bare_weekend_at)
    add(["lalu", "lagi"], _rel_count_at)
    add(_ROLES["recurring"], _recurring_at)
    add(["selama", "untuk", "dalam", "paling", "maksimal", "maksimum"], _duration_at)
    add(["h"], _h_offset_at)
    add(_HOL["names"], _holiday_at)
    add(["cuti"], _cuti_at)
    add(["hari"], _first_workday_at)
    return {w: tuple(h) for w, h in table.items()}


_TRIGGERS = _triggers()
# A trigger word after a non-word character: the leading character class lets the regex engine
# skip to word starts (3x faster than a word alternation tried at every position).
_TRIGGER_RE = re.compile(rf"[^\w](?P<w>{_alt(_TRIGGERS)})(?!\w)")


def _word_mentions(doc: _Doc, pub: date | None) -> list[_M]:
    # the trigger words do not depend on the publication date: found once per document (the
    # cascade runs twice on an article without dateline, publication_date's and the final one)
    triggers = doc.memo.get("date.triggers")
    if triggers is None:  # the space lets a trigger open the text
        triggers = doc.memo["date.triggers"] = [(m.start("w") - 1, m["w"]) for m in _TRIGGER_RE.finditer(" " + doc.low)]
    out: list[_M] = []
    for pos, word in triggers:
        for handler in _TRIGGERS[word]:
            out += handler(doc, pos, pub)
    return out


# --- the "prefer A over B" decisions, one predicate each ---------------------------------------------


def _prefer_explicit_over_relative(doc: _Doc, prev: _M, m: _M) -> bool:
    """'Besok, Senin (15/4/2024)', 'Senin (21/8/2023) mendatang': the written date wins over the word."""
    gap = _MERGE_GAP_RE.fullmatch(doc.low, prev.end, m.start)
    return (
        m.explicit
        and not prev.explicit
        and prev.kind == "date"
        and gap is not None
        and m.start - prev.end <= MERGE_GAP_CHARS
    )


def _prefer_report(doc: _Doc, m: _M) -> bool:
    """A date closing a said sentence is when it was said, whatever else the sentence says:
    'kata Benyamin kepada awak media, Rabu (23/8/2023).', 'jelas Doni saat dihubungi melalui telepon
    pada Rabu (28/5/2025).' A written date alone on a short line near the top is the dateline."""
    if m.explicit and m.start < DATELINE_HEAD_CHARS and _is_dateline(doc, m):
        return True  # the article's own dateline/byline
    if (m.val is not None and m.val.first != m.val.last) or m.weekday_to not in (None, m.weekday):
        return False  # a period ("pada 16-17 April 2024") is never the day something was said
    s_start, s_end = doc.sentence(m.start)
    if not _SENTENCE_CLOSE_RE.match(doc.low, m.end, s_end):
        return False
    before = doc.low[s_start : m.start].rstrip()
    if before.endswith(","):
        return bool(_REPORT_VERB_RE.search(before)) or any(q in before for q in _QUOTE_CHARS)
    if _PADA_END_RE.search(before):
        return bool(_REPORT_SETTING_RE.search(doc.low, max(s_start, m.start - ROLE_LEFT_WINDOW), m.start))
    return False


def _prefer_signing_position(doc: _Doc, m: _M) -> bool:
    """Dates that belong to an instrument by where they stand, whatever cue is near: a cited
    instrument's date ('Surat ... Nomor B/1387/M.SM.04.00/2020 tanggal 29 Desember 2020'), a
    decree's closing block ('Ditetapkan di Jakarta\npada tanggal 13 Januari 2020'), and a circular's
    own letter date ('Gresik, 29 Mei 2020' under its header)."""
    if _INSTRUMENT_DATE_RE.search(doc.raw, max(0, m.start - 80), m.start):
        return True
    if doc.before(_SIGNING_BLOCK_RE, m.start, 90):
        return True
    return doc.kind == "circular" and m.explicit and _is_dateline(doc, m)


def _is_dateline(doc: _Doc, m: _M) -> bool:
    """'Antara • 09 September 2020 15:03', '- 17 April 2024, 13:00 WIB', 'Kompas.com - 19/06/2025,
    10:15 WIB', 'Selasa, 16 April 2024 10:15 WIB': one written day on a short line, at most a few
    words (publisher, weekday) before it and nothing but a clock time after it, not in brackets;
    or any date right after a byline label ('diperbarui 16 Apr 2024')."""
    if _byline_label(doc, m) is not None:
        return True
    if m.val is None or m.val.first != m.val.last or "(" in doc.low[m.start : m.end]:
        return False
    ls = doc.low.rfind("\n", 0, m.start) + 1
    le = doc.low.find("\n", m.end)
    le = len(doc.low) if le < 0 else le
    if le - ls > PUBLISHED_LINE_MAX_CHARS or doc.low[m.start - 1 : m.start] == "(":
        return False
    clock = _CLOCK_AFTER_RE.match(doc.raw, m.end, le)  # the raw text: the mask blanked the clock
    after = _TIME_ZONE_RE.sub("", doc.raw[clock.end() if clock else m.end : le])
    if any(ch.isalpha() for ch in after):
        return False
    before = [w for w in doc.low[ls : m.start].split() if any(ch.isalpha() for ch in w)]
    return len(before) <= PUBLISHED_LINE_MAX_WORDS and not _CUE_RE.search(doc.low, ls, m.start)


def _byline_label(doc: _Doc, m: _M) -> str | None:
    """'published' / 'updated' when a byline label stands right before the date ('Diterbitkan 16 Apr
    2024', 'diperbarui: Selasa, 16 April 2024'); 'diterbitkan pada 20 Agustus' is a signing."""
    if doc.before(_PUB_LABEL_BEFORE_RE, m.start, PUBLISHED_LABEL_GAP_CHARS):
        return "published"
    if doc.before(_UPD_LABEL_BEFORE_RE, m.start, PUBLISHED_LABEL_GAP_CHARS):
        return "updated"
    return None


def _prefer_strong_cue(cues: list[tuple[str, str]]) -> tuple[str, str] | None:
    """Of the cues before a date, the nearest strong one ('ditetapkan', 'berlaku') beats a nearer weak
    one ('pada'): 'ditetapkan pada tanggal 16 April' is a signing."""
    strong = [c for c in cues if c[1] == "strong"]
    return strong[-1] if strong else (cues[-1] if cues else None)


def _prefer_right_cue(left: tuple[str, str] | None, right: tuple[str, str] | None) -> bool:
    """A cue after the date counts only when none comes before it, or when the one before is weak and
    the one after names a meeting: 'Besok, Senin (15/4/2024) bagian organisasi akan melakukan rapat'."""
    if right is None:
        return False
    return left is None or (left[1] == "weak" and right[0] == "meeting")


def _prefer_range_role(m: _M, role: str) -> bool:
    """A two-ended period under a start/end/plain cue is the policy's range ('berlaku pada 16-17 April
    2024'); a meeting, signing, report or before/after relation keeps its own role."""
    two_ended = (m.val is not None and m.val.gran == "day" and m.val.first != m.val.last) or (
        m.val is None and m.weekday_to is not None and m.weekday_to != m.weekday)  # "Selasa-Rabu", not yet resolved
    return two_ended and role in ("start", "end", "point")


def _prefer_policy_roles(doc: _Doc, m: _M) -> bool:
    """start/end/range are for work-arrangement rules only: the sentence or the one before must talk
    about one ('kasus covid-19 di Kota Tangerang hingga 9 September 2020' is no end date)."""
    return bool(_POLICY_RE.search(doc.low, doc.previous_sentence_start(m.start), doc.sentence(m.start)[1]))


def _prefer_list_role(doc: _Doc, prev: _M, m: _M, role: str) -> bool:
    """'pada 16 dan 18 April 2024': a date listed right after another shares its role."""
    return (
        role == "point" and prev.kind == m.kind == "date" and bool(_LIST_JOIN_RE.fullmatch(doc.low, prev.end, m.start))
    )


_APPOSITION_RE = re.compile(r"[\s,(]*(?:tepatnya|persisnya|yakni|yaitu|tanggal)[\s,(]*")


def _prefer_apposition_role(doc: _Doc, prev: _M, m: _M, role: str) -> bool:
    """'mulai pekan depan, tepatnya Senin (15/4)': a day that pins down the week or month just named
    shares its role (and, being finer, wins as the start)."""
    return (
        role == "point" and prev.kind == m.kind == "date" and prev.val is not None and m.val is not None
        and prev.val.gran != "day" and m.val.gran == "day"
        and prev.val.first <= m.val.first and m.val.last <= prev.val.last
        and bool(_APPOSITION_RE.fullmatch(doc.low, prev.end, m.start))
    )


def _prefer_future_weekday(doc: _Doc, lo: int, hi: int) -> bool:
    """'WFH akan diterapkan mulai Senin': a future word and no past word in the clause -> the coming
    Senin. A past word leaves it unknown: 'telah mewajibkan ... pada hari Rabu' is a habit, not a day."""
    return bool(_FUTURE_RE.search(doc.low, lo, hi)) and not _PAST_RE.search(doc.low, lo, hi)


def _prefer_joined_range(doc: _Doc, prev: _M, m: _M) -> bool:
    """'Senin (21/8) hingga Jumat (25/8)', 'Januari hingga Maret': two dates of one granularity joined
    by a range word are one period; 'dan' joins only consecutive days ('16 dan 17 April')."""
    if not (prev.val and m.val and prev.kind == m.kind == "date" and prev.val.gran == m.val.gran):
        return False
    if prev.val.gran not in ("day", "month") or not _RANGE_JOIN_RE.fullmatch(doc.low, prev.end, m.start):
        return False
    if not 0 < (m.val.last - prev.val.first).days <= RANGE_MAX_DAYS:
        return False
    if prev.val.gran == "day" and _AND_RE.search(doc.low, prev.end, m.start):
        return (m.val.first - prev.val.last).days == 1
    return True


# --- 6. choosing and merging ----------------------------------------------------------------------------


def _choose(cands: list[_M]) -> list[_M]:
    """Non-overlapping mentions: the longest at each place wins; on equal length the earlier rule group."""
    order = sorted(range(len(cands)), key=lambda i: (cands[i].start, -(cands[i].end - cands[i].start), i))
    kept: list[_M] = []
    for i in order:
        c = cands[i]
        if kept and c.start < kept[-1].end:
            continue
        kept.append(c)
    return kept


def _merge_with_explicit(doc: _Doc, ms: list[_M]) -> list[_M]:
    """6a. Weekday / relative word + written date -> the written date over the joint span
    ("Besok, Senin (15/4/2024)"); "16 April 2024 (Selasa)" too; a closing bracket and a trailing
    "mendatang" join the span."""
    out: list[_M] = []
    for m in ms:
        prev = out[-1] if out else None
        if prev is not None and _prefer_explicit_over_relative(doc, prev, m):
            out[-1] = replace(m, start=prev.start, weekday=prev.weekday or m.weekday)
            # "Besok, Senin (15/4/2024)": a relative word before the merged weekday joins as well
            if len(out) > 1 and _prefer_explicit_over_relative(doc, out[-2], out[-1]):
                out[-2:] = [replace(out[-1], start=out[-2].start)]
            continue
        if prev is not None and prev.explicit and m.rule == "date.weekday" and m.modifier is None \
                and _OPEN_GAP_RE.fullmatch(doc.low, prev.end, m.start):
            close = _CLOSE_PAREN_RE.match(doc.low, m.end)
            out[-1] = replace(prev, end=close.end() if close else m.end, weekday=m.weekday)
            continue
        out.append(m)
    done = []
    for m in out:
        if m.explicit and doc.low[m.start - 1 : m.start] == "(" and (close := _CLOSE_PAREN_RE.match(doc.low, m.end)):
            m = replace(m, start=m.start - 1, end=close.end())  # "(25/8)": the brackets belong to it
        if m.explicit and (tail := _MERGE_TAIL_RE.match(doc.low, m.end)):
            m = replace(m, end=tail.end())
        elif m.explicit and "(" in doc.low[m.start : m.end] and (close := _CLOSE_PAREN_RE.match(doc.low, m.end)):
            m = replace(m, end=close.end())
        done.append(m)
    return done


def _inherit_years(doc: _Doc, ms: list[_M], pub: date | None) -> list[_M]:
    """6b. Yearless written days take a year written nearby in the sentence, else the nearest year."""
    out = []
    for i, m in enumerate(ms):
        if m.needs_year is None:
            out.append(m)
        elif (val := _resolve_yearless(m, _neighbour_year(doc, ms, i), pub)) is not None:
            out.append(replace(m, val=val, needs_year=None))
    return out


def _neighbour_year(doc: _Doc, ms: list[_M], i: int) -> int | None:
    """The year of the nearest year-bearing written date in the same sentence; one less when that
    date comes later in an earlier month ('28 Desember ... 2 Januari 2025')."""
    m = ms[i]
    assert m.needs_year is not None
    s_start, s_end = doc.sentence(m.start)
    for j in [*range(i + 1, len(ms)), *range(i - 1, -1, -1)]:
        o = ms[j]
        if (
            o.val is None
            or not o.explicit
            or not (s_start <= o.start < s_end)
            or abs(o.start - m.start) > YEAR_INHERIT_CHARS
        ):
            continue
        y = o.val.first.year
        return y - 1 if j > i and m.needs_year[3] > o.val.first.month else y
    return None


def _resolve_yearless(m: _M, year: int | None, pub: date | None) -> _Val | None:
    assert m.needs_year is not None
    d1, m1, d2, m2 = m.needs_year
    if year is not None:
        last = _safe_date(year, m2, d2)
    elif pub is not None:
        last = _nearest_year(d2, m2, pub)
    else:
        return None  # no year written and no publication date: unknown
    if last is None:
        return None
    first = _safe_date(last.year if m1 <= m2 else last.year - 1, m1, d1)
    if first is None or not (0 <= (last - first).days <= RANGE_MAX_DAYS):
        return None
    return _Val(first, last, "day")


def _join_ranges(doc: _Doc, ms: list[_M]) -> list[_M]:
    """6c. 'X hingga Y' -> one period."""
    out: list[_M] = []
    for m in ms:
        prev = out[-1] if out else None
        if prev is not None and _prefer_joined_range(doc, prev, m):
            assert prev.val is not None and m.val is not None
            rule = "date.month_range" if prev.val.gran == "month" else "date.day_range"
            out[-1] = replace(prev, end=m.end, rule=rule, val=_Val(prev.val.first, m.val.last, prev.val.gran))
            continue
        out.append(m)
    return out


# --- 7. roles ----------------------------------------------------------------------------------------------


def _left_cues(doc: _Doc, m: _M, floor: int) -> list[tuple[str, str]]:
    lo = max(doc.sentence(m.start)[0], floor, m.start - ROLE_LEFT_WINDOW)
    found = [(c.start(), _cue(c)) for c in _CUE_RE.finditer(doc.low, lo, m.start)]
    content = _content_start(doc, lo, m.start) if _is_period(m) else None
    return [cue for at, cue in found if not (cue[0] == "signing" and content is not None and at < content)]


def _is_period(m: _M) -> bool:
    """A two-ended day range ('16-17 April'): an instrument is signed on one day, never over a period."""
    return m.val is not None and m.val.gran == "day" and m.val.first != m.val.last


def _content_start(doc: _Doc, lo: int, hi: int) -> int | None:
    """Where the content of an instrument starts before a period: 'meneken SE Nomor 1 Tahun 2024 tentang
    WFH ASN pada 16-17 April' dates the WFH, not the signing. The last content marker ('tentang',
    'mengenai') followed by a work-arrangement word before the date; a signing cue before it does not
    reach the date (a meeting cue still does: 'rapat tentang WFH pada Senin'). Only for periods: 'meneken
    SE tentang Penyesuaian Sistem Kerja ASN pada 8 April' is a signing day."""
    last = None
    for c in _CONTENT_RE.finditer(doc.low, lo, hi):
        last = c
    if last is None:
        # no 'tentang': a work-arrangement word after the last signing cue opens the content ('menandatangani
        # SE WFH bagi ASN pada 16-17 April': the period is the WFH's, an instrument is signed on one day)
        signing = [c for c in _CUE_RE.finditer(doc.low, lo, hi) if _cue(c)[0] == "signing"]
        if signing and _POLICY_RE.search(doc.low, signing[-1].end(), hi):
            return signing[-1].end()
        return None
    if not _POLICY_RE.search(doc.low, last.end(), hi):
        return None
    return last.start()


_OPENING_START_RE = _cue_re(_ROLES["opening_start"])
_END_REVISION_RE = _cue_re(_ROLES["end_revision_verbs"])
_END_CHANGED_TO_RE = re.compile(r"(?<!\w)(?:menjadi|jadi|ke)\s+(?:(?:hari|tanggal|tgl\.?)\s+)?$")
_WHOLE_SPAN_BEFORE_RE = re.compile(r"(?<!\w)(?:sepanjang|selama)\s+(?:(?:bulan|minggu|pekan)\s+)?$")
_SENTENCE_OPENER_RE = re.compile(r"[\W_]*(?:(?:pada|per|sejak|mulai)\s+)?")


def _right_cue(doc: _Doc, m: _M, ceiling: int) -> tuple[str, str] | None:
    """The first strong meeting/signing cue after the date ('... akan melakukan rapat'); for a date that
    opens its sentence, also a start cue of ``opening_start`` ('Hari ini, Rabu (10/4), ASN ... mulai WFH')."""
    s_start, s_end = doc.sentence(m.start)
    hi = min(s_end, ceiling, m.end + ROLE_RIGHT_WINDOW)
    for c in _CUE_RE.finditer(doc.low, m.end, hi):
        role, strength = _cue(c)
        if role in RIGHT_CUE_ROLES and strength == "strong":
            return role, strength
    opener = _SENTENCE_OPENER_RE.match(doc.low, s_start)
    if opener is not None and opener.end() >= m.start and _OPENING_START_RE.search(doc.low, m.end, hi):
        return "start", "strong"
    return None


def _role(doc: _Doc, m: _M, floor: int, ceiling: int) -> str:
    """7. report position first; then the nearest cue before the date (strong before weak), else a
    meeting/signing cue after it; start/end/range only near work-arrangement words."""
    if m.kind != "date":
        return m.role
    if _prefer_signing_position(doc, m):
        return "signing"
    if _prefer_report(doc, m):
        return "report"
    left = _prefer_strong_cue(_left_cues(doc, m, floor))
    right = _right_cue(doc, m, ceiling)
    cue = right if _prefer_right_cue(left, right) else left
    role = cue[0] if cue else "point"
    clause = max(doc.sentence(m.start)[0], m.start - 2 * ROLE_LEFT_WINDOW)
    if role in ("start", "point") and _END_CHANGED_TO_RE.search(doc.low, max(0, m.start - 30), m.start) \
            and _END_REVISION_RE.search(doc.low, clause, m.start):
        role = "end"  # "memperpanjang masa WFH yang semestinya berakhir 17 April menjadi 19 April"
    if role in ("start", "end", "point") and m.val is not None and m.val.gran in ("week", "month") \
            and _WHOLE_SPAN_BEFORE_RE.search(doc.low, max(0, m.start - 20), m.start):
        role = "range"  # "sepanjang pekan depan", "selama bulan Mei": the whole week or month
    if role in ("start", "end") or _prefer_range_role(m, role):
        if not _prefer_policy_roles(doc, m):
            return "point"
        if _prefer_range_role(m, role):
            return "range"
    return role


def _assign_roles(doc: _Doc, ms: list[_M]) -> list[_M]:
    roles: dict[tuple[str, _M, int, int], str] = doc.memo.setdefault("date.roles", {})
    out: list[_M] = []
    for i, m in enumerate(ms):
        floor = ms[i - 1].end if i else 0
        ceiling = ms[i + 1].start if i + 1 < len(ms) else len(doc.t)
        key = (doc.kind, m, floor, ceiling)  # _role reads nothing else: the two cascades of a document share it
        role = roles.get(key)
        if role is None:
            role = roles[key] = _role(doc, m, floor, ceiling)
        if out and (_prefer_list_role(doc, out[-1], m, role) or _prefer_apposition_role(doc, out[-1], m, role)):
            role = out[-1].role
        out.append(replace(m, role=role))
    return out


def _resolve_weekdays(doc: _Doc, ms: list[_M], pub: date | None) -> list[_M]:
    """7. A weekday with no written date: by its modifier ('Senin depan'), else as the reporting day
    ('ujarnya, Senin.'), else forward when the clause speaks of the future ('akan ... mulai Senin'),
    else the day of that weekday the article writes out elsewhere ('Selasa (16/4/2024)');
    otherwise unknown and dropped ('pada hari Rabu' may be every Wednesday)."""
    out = []
    for i, m in enumerate(ms):
        if m.rule != "date.weekday" or m.val is not None:
            out.append(m)
            continue
        if pub is None or m.weekday is None:
            continue
        how = m.modifier
        prev = out[-1] if out else None
        if how is None and m.role == "end" and prev is not None and prev.val is not None and prev.val.gran == "day" \
                and prev.role == "start" and doc.sentence(prev.start) == doc.sentence(m.start):
            # "mulai hari ini hingga Jumat": the first such weekday on or after the start
            first = prev.val.first + timedelta(days=(m.weekday - prev.val.first.isoweekday()) % 7)
            out.append(replace(m, val=_day_val(first)))
            continue
        if how is None and m.role == "report":
            how = "last_or_today"
        elif how is None:
            lo = max(doc.sentence(m.start)[0], ms[i - 1].end if i else 0, m.start - ROLE_LEFT_WINDOW)
            how = "next_or_today" if _prefer_future_weekday(doc, lo, m.start) else None
        day = _resolve_weekday(m.weekday, how, pub) if how is not None else _written_weekday(ms, m.weekday, pub)
        if day is not None:
            last = day + timedelta(days=(m.weekday_to - m.weekday) % 7) if m.weekday_to else day
            out.append(replace(m, val=_Val(day, last, "day")))
    return out


WRITTEN_WEEKDAY_DAYS = 7  # a bare weekday names a day written out elsewhere in the article this close to publication


def _written_weekday(ms: list[_M], weekday: int, pub: date) -> date | None:
    """'pada Selasa dan Rabu' after the article wrote 'Selasa (16/4/2024) dan Rabu (17/4/2024)': the one
    written day of that weekday near the publication date; none or two of them: unknown."""
    days = {d for x in ms if x.val is not None and x.val.gran == "day" and x.kind == "date"
            for d in (x.val.first, x.val.last)
            if d.isoweekday() == weekday and abs((d - pub).days) <= WRITTEN_WEEKDAY_DAYS}
    return days.pop() if len(days) == 1 else None


_AND_JOIN_RE = re.compile(r"[\s)]*(?:dan|&|serta)[\s(]*")
LISTED_DAYS_MAX_GAP = 14  # "Jumat (12/4) dan Senin (15/4)": the rule's days, not two unrelated dates


def _last_listed_day(doc: _Doc, ms: list[_M]) -> list[_M]:
    """7. Two start days joined by "dan" in one sentence ("WFH pada Jumat (12/4) dan Senin (15/4)",
    "pada 12 dan 15 April") are the rule's first and last day: the second becomes its end."""
    out = list(ms)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if (a.role == "start" and b.role == "start" and a.val is not None and b.val is not None
                and a.val.gran == b.val.gran == "day" and a.val.first == a.val.last and b.val.first == b.val.last
                and 0 < (b.val.first - a.val.first).days <= LISTED_DAYS_MAX_GAP
                and doc.sentence(a.start) == doc.sentence(b.start)
                and _AND_JOIN_RE.fullmatch(doc.low, a.end, b.start)):
            out[i + 1] = replace(b, role="end")
    return out


def _weekend_of_start(doc: _Doc, ms: list[_M]) -> list[_M]:
    """7. 'mulai Rabu (17/4) sampai akhir pekan': a bare weekend ending a rule is in the week of the start
    day before it in its sentence."""
    out = list(ms)
    for i, m in enumerate(out):
        if m.rule != "date.weekend" or m.role != "end":
            continue
        for o in reversed(out[:i]):
            if o.kind == "date" and o.role == "start" and o.val is not None and o.val.gran == "day" \
                    and doc.sentence(o.start) == doc.sentence(m.start):
                out[i] = replace(m, val=_week_val(o.val.first))
                break
    return out


# --- 8. revisions, recurring starts, durations ------------------------------------------------------------------


def _mark_revisions(doc: _Doc, ms: list[_M]) -> list[_M]:
    """8a. 'awalnya ... Senin (28/8/2023) ... dipercepat menjadi Senin (21/8/2023)': the earlier plan of
    the same role with a different date is superseded (the one saying 'awalnya', else the nearest).
    An extension ('diperpanjang hingga 19 April') of an earlier period ('16-17 April') keeps that
    period's start only: the period becomes a start."""
    ms = list(ms)
    for i, m in enumerate(ms):
        if m.kind != "date" or m.val is None or m.role not in ("start", "end", "range") or ms[i].superseded:
            continue
        lo = max(doc.sentence(m.start)[0], m.start - 2 * ROLE_LEFT_WINDOW)
        verbs = list(_REVISION_VERB_RE.finditer(doc.low, lo, m.start))
        if not verbs:
            continue
        olds = [e for e in _REVISION_EARLIER_RE.finditer(doc.low, lo, m.start) if e.start() > verbs[-1].end()]
        if olds and not any(o.kind == "date" and olds[-1].end() <= o.start < m.start for o in ms):
            continue  # "diundur ke 22-23 April dari jadwal semula 16-17 April": the old plan, no revision
        earlier = [
            j
            for j in range(i - 1, -1, -1)
            if ms[j].kind == "date" and ms[j].val is not None and ms[j].role == m.role and ms[j].val != m.val
            and m.start - ms[j].start <= REVISION_WINDOW and not ms[j].superseded
        ]
        # the old plan may also be told after the new one: "diperpanjang hingga 4 Juni. Sebelumnya, ... hingga 21 Mei"
        told_after = [
            j
            for j in range(i + 1, len(ms))
            if ms[j].kind == "date" and ms[j].val is not None and ms[j].role == m.role and ms[j].val != m.val
            and ms[j].start - m.start <= REVISION_WINDOW and not ms[j].superseded
            and _REVISION_EARLIER_RE.search(doc.low, *doc.sentence(ms[j].start))
        ]
        if earlier:
            flagged = [j for j in earlier if _REVISION_EARLIER_RE.search(doc.low, *doc.sentence(ms[j].start))]
            j = flagged[0] if flagged else earlier[0]
            ms[j] = replace(ms[j], superseded=True)
        elif told_after:
            ms[told_after[0]] = replace(ms[told_after[0]], superseded=True)
        elif m.role == "end" and (k := _extended_period(ms, i)) is not None:
            ms[k] = replace(ms[k], role="start")
    return ms


def _extended_period(ms: list[_M], i: int) -> int | None:
    """The nearest earlier policy period that the end date ``ms[i]`` extends."""
    m = ms[i]
    assert m.val is not None
    for j in range(i - 1, -1, -1):
        o = ms[j]
        if m.start - o.start > REVISION_WINDOW:
            return None
        if (
            o.kind == "date"
            and o.role == "range"
            and o.val is not None
            and o.val.last < m.val.last
            and not o.superseded
        ):
            return j
    return None


def _recurring_starts(ms: list[_M]) -> list[_M]:
    """8b. 'setiap Kamis ... mulai berlaku Kamis (6/11/2025)': a weekly rule's first date."""
    out = []
    for m in ms:
        if m.kind == "recurring":
            first = next(
                (
                    o
                    for o in ms
                    if o.kind == "date"
                    and o.explicit
                    and o.val
                    and o.val.gran == "day"
                    and o.role in ("start", "range")
                    and o.val.first.isoweekday() in m.weekdays
                    and abs(o.start - m.start) <= RECURRING_START_WINDOW
                ),
                None,
            )
            if first is not None and first.val is not None:
                m = replace(m, val=_day_val(first.val.first))
        out.append(m)
    return out


def _resolve_durations(doc: _Doc, ms: list[_M]) -> list[_M]:
    """8c. 'selama dua bulan' after a start: end = start + duration - 1 day; no start, no span."""
    out = []
    for m in ms:
        if m.kind != "duration":
            out.append(m)
        elif _explicit_end_with(doc, ms, m):
            continue  # "selama sepekan, mulai Senin (26/1) hingga Jumat (30/1)": the written end wins
        elif (anchor := _duration_anchor(doc, ms, m)) is not None and m.count is not None:
            n, unit = m.count
            spec = _REL["duration_units"][unit]
            end = (
                _add_months(anchor, n * spec["months"])
                if "months" in spec
                else anchor + timedelta(days=n * spec["days"])
            )
            out.append(replace(m, val=_Val(anchor, end - timedelta(days=1), "day")))
    return out


_REVOCATION_RE = _cue_re(_ROLES["revocation_verbs"])
_RULE_CLAUSE_RE = re.compile(r"(?<!\w)yang\s+(?:sebelumnya\s+|semula\s+|selama\s+ini\s+)?"
                             r"(?:mengatur|memberlakukan|menerapkan|menetapkan|berlaku|diberlakukan)(?!\w)")


def _revoked_from(doc: _Doc, ms: list[_M]) -> list[_M]:
    """8d. 'mencabut kebijakan WFH mulai Senin (22/4)', 'WFH dihentikan per 1 Mei': the day a revocation
    takes effect is no start; the rule's last day is the day before it (role end)."""
    out = []
    for m in ms:
        if m.kind == "date" and m.role == "start" and m.val is not None and m.val.gran == "day" \
                and m.val.first == m.val.last:
            lo = max(doc.sentence(m.start)[0], m.start - 2 * ROLE_LEFT_WINDOW)
            revoked = [r for r in _REVOCATION_RE.finditer(doc.low, lo, m.start)]
            # "mencabut SE Nomor ... yang sebelumnya mengatur WFH ... mulai Senin (25/8)": that date is the
            # revoked rule's own start, told in a relative clause, not the day the revocation takes effect
            if revoked and not _RULE_CLAUSE_RE.search(doc.low, revoked[-1].end(), m.start):
                m = replace(m, role="end", val=_day_val(m.val.first - timedelta(days=1)), weekday=None)
        out.append(m)
    return out


def _explicit_end_with(doc: _Doc, ms: list[_M], m: _M) -> bool:
    """A day written as the end (or a range) after the duration in its sentence restates the period."""
    s_start, s_end = doc.sentence(m.start)
    return any(o.kind == "date" and o.val and o.val.gran == "day" and o.role in ("end", "range")
               and not o.superseded and m.start < o.start < s_end for o in ms)


def _duration_anchor(doc: _Doc, ms: list[_M], m: _M) -> date | None:
    """The start in the duration's sentence, else the last start before it (not a superseded plan)."""
    s_start, s_end = doc.sentence(m.start)
    starts = [
        o for o in ms
        if o.kind == "date" and o.val and o.val.gran == "day" and o.role in ("start", "range") and not o.superseded
    ]
    # "selama satu hari, Selasa (8/4/2025)", "selama dua hari, 16-17 April 2024", "selama satu hari,
    # yakni hari ini": a day written in the duration's own sentence anchors it, whatever its cue
    own = [o for o in ms if o.kind == "date" and o.val and o.val.gran == "day" and not o.superseded
           and o.role not in ("report", "meeting", "signing") and s_start <= o.start < s_end]
    same = [o for o in starts if s_start <= o.start < s_end] or own
    before = [o for o in starts if o.start < m.start and m.start - o.start <= DURATION_ANCHOR_WINDOW]
    pick = same[0] if same else before[-1] if before else None
    return pick.val.first if pick and pick.val else None


# --- the extractor ---------------------------------------------------------------------------------------------


@extractor("date.v1", labels=("date",))
def extract_dates(text: str, ctx: Context) -> list[Span]:
    """Date mentions with roles, resolved against ``ctx.published``.

    Cascade (each step works on what the previous ones left):

    1. written dates: "16 April 2024", "16-17 April 2024", "28 Agustus - 1 September 2023",
       "Selasa (16/4/2024)", "(16/4)" (year from a nearby date, else nearest the publication date);
    2. relative to the publication date: "besok", "lusa", "kemarin", "minggu depan" (ISO week),
       "bulan depan" (month), "Senin mendatang", "Senin pekan depan", "dua hari lagi",
       "3 hari yang lalu" (dateparser on that small phrase only);
    3. holidays: "H+2 Lebaran", "dua hari setelah Idul Fitri", "pasca-cuti bersama";
    4. coarse: "September 2023", "akhir Agustus" (month granularity);
    5. recurring "setiap Kamis" and durations "selama dua bulan" (resolved in step 8);
    6. merge: weekday/relative word + written date -> the written date ("Besok, Senin (15/4/2024)");
       years for yearless days; "X hingga Y" -> one period;
    7. roles: report position ("ujarnya, Rabu (23/8/2023)."), else the nearest cue before the date
       (strong before weak), else a meeting/signing cue after it; start/end/range only near
       work-arrangement words; bare weekdays resolved now that tense and role are known, else dropped;
    8. revisions mark earlier plans superseded; weekly rules take their first date; durations
       become end dates counted from the nearest start; the day a revocation takes effect ends the
       rule the day before ("dicabut mulai Senin (22/4)" -> end 21 April);
    else nothing: unknown is never guessed.
    """
    doc = _Doc(text_doc(text, ctx), ctx.kind)
    pub = ctx.published
    # 1-5: candidates; on equal spans the earlier group wins
    ms = [m for m in _choose(_explicit_mentions(doc) + _word_mentions(doc, pub)) if m.kind != "void"]
    if not ms:
        return []
    ms = _merge_with_explicit(doc, ms)  # 6a
    ms = _inherit_years(doc, ms, pub)  # 6b
    ms = _join_ranges(doc, ms)  # 6c
    ms = _assign_roles(doc, ms)  # 7
    ms = _resolve_weekdays(doc, ms, pub)  # 7
    ms = _last_listed_day(doc, ms)  # 7
    ms = _weekend_of_start(doc, ms)  # 7
    ms = _mark_revisions(doc, ms)  # 8a
    ms = _recurring_starts(ms)  # 8b
    ms = _resolve_durations(doc, ms)  # 8c
    ms = _revoked_from(doc, ms)  # 8d
    return [_to_span(m) for m in ms if m.val is not None or m.kind == "recurring"]


def _to_span(m: _M) -> Span:
    if m.kind == "recurring":
        weekly = " dan ".join(WEEKDAY_NAMES[w] for w in m.weekdays)
        first = _fmt(m.val)[0] if m.val else None
        return Span(m.start, m.end, "date", DateMention(first, None, "recurring", weekday=weekly), m.rule)
    assert m.val is not None
    s, e = _fmt(m.val)
    wd = WEEKDAY_NAMES[m.weekday] if m.weekday else None
    return Span(m.start, m.end, "date", DateMention(s, e, m.role, weekday=wd, superseded=m.superseded), m.rule)


# --- publication date -------------------------------------------------------------------------------------------

_PRIORITY = {"published": 0, "dateline": 1, "updated": 2}


@extractor("published.v1", labels=("published",))
def extract_published(text: str, ctx: Context) -> list[Span]:
    """The article's own date from its byline/dateline in the first PUBLISHED_HEAD_CHARS.

    1. a date right after "Diterbitkan"/"Published"/"Terbit": the publication;
    2. a date alone on a short dateline ("- 17 April 2024, 13:00 WIB", "Antara • 09 September 2020
       15:03", "Kompas.com - 19/06/2025, 10:15 WIB", "Rabu, 23 Agustus 2023 | 14:20 WIB");
    3. a date after "diperbarui"/"updated": only when there is nothing better;
    else [] (a date inside a sentence, "ujarnya, Rabu (23/8/2023)", is no byline).
    """
    doc = _Doc(TextDoc(text[:PUBLISHED_HEAD_CHARS]))
    found: list[tuple[int, int, Span]] = []
    for m in _choose([m for m in _explicit_mentions(doc) if m.val is not None and m.val.first == m.val.last]):
        kind = _byline_label(doc, m) or ("dateline" if _is_dateline(doc, m) else None)
        if kind is not None and m.val is not None:
            span = Span(m.start, m.end, "published", m.val.first.isoformat(), f"published.{kind}")
            found.append((_PRIORITY[kind], m.start, span))
    return [min(found, key=lambda f: (f[0], f[1]))[2]] if found else []
