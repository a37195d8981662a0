"""kg.dates.v1 — every day the report anchors, relative words resolved.

Rules (see shared/corpus/dev/README.md, «Dates»):

- اليوم / today / this morning → the publication day; أمس / yesterday /
  last night → the day before; أمس الأول / the day before yesterday → two
  days before; a weekday alone → the latest such day before publication.
- «الـ 28 من أيلول / سبتمبر الجاري», «22 May 2014», «الأول من شباط»: an
  explicit day. الجاري is the month of publication, الفائت / الماضي the one
  before; without a year, the latest such day not after publication.
- Days may be ordinal words («الخامس عشر من», «الحادي والعشرين», "the
  fourteenth of October") and English months may be abbreviated with a
  full stop ("Oct. 14", "Sept. 3").
- A month or year alone, durations («48 ساعة») and counts («لليوم الرابع»)
  give no date.

Matching runs over the folded view of the text (MatchView) and every span is
mapped back to the original characters.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from kg.model import DateMention, Part, Report, Span
from kg.text.dates import (
    MONTHS,
    WEEKDAYS,
    latest_weekday_before,
    month_before,
    month_regex,
    resolve_year,
    weekday_regex,
)
from kg.text.normalise import view_of

__all__ = ["find_dates"]

_B = r"(?<![\w])"  # start of a word (no letter/digit before; clitics handled per pattern)
_E = r"(?![\w])"
_MONTH = month_regex()
_WEEKDAY = weekday_regex()
_ORDINALS = {"الاول": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الخامس": 5, "السادس": 6,
             "السابع": 7, "الثامن": 8, "التاسع": 9, "العاشر": 10}
# Days 11…31 written as ordinal words: «الخامس عشر», «الحادي والعشرين», «الثلاثين».
_UNIT_ORDINALS = {"الحادي": 1, **{k: v for k, v in _ORDINALS.items() if 2 <= v <= 9}}
for _unit, _n in _UNIT_ORDINALS.items():
    _ORDINALS[f"{_unit} عشر"] = 10 + _n
    for _tens_word, _tens in (("العشرين", 20), ("الثلاثين", 30)):
        if _tens + _n <= 31:
            _ORDINALS[f"{_unit} و{_tens_word}"] = _tens + _n
_ORDINALS.update({"العشرين": 20, "الثلاثين": 30})
_ORDINAL = "|".join(sorted(_ORDINALS, key=len, reverse=True))
# English days as ordinal words: "the fourteenth of October", "October twenty-first".
_EN_UNIT_ORD = ("first second third fourth fifth sixth seventh eighth ninth").split()
_EN_ORDINALS = {w: i for i, w in enumerate(_EN_UNIT_ORD, 1)}
_EN_ORDINALS.update({w: i for i, w in enumerate(
    "tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth".split(), 10)})
_EN_ORDINALS.update({"twentieth": 20, "thirtieth": 30, "thirty first": 31})
_EN_ORDINALS.update({f"twenty {w}": 20 + i for i, w in enumerate(_EN_UNIT_ORD, 1)})
_EN_ORDINAL = "|".join(sorted(_EN_ORDINALS, key=len, reverse=True))

# Arabic explicit day: [يوم <weekday>] (الـ)? N | الأول  من  <month> [/ <month>] [الجاري|الفائت|…|من العام YYYY|YYYY]
_AR_EXPLICIT = re.compile(
    rf"{_B}(?:ال ?)?(?:(?P<num>\d{{1,2}})|(?P<ord>{_ORDINAL})){_E} (?:من )?(?:شهر )?(?P<m1>{_MONTH}){_E}"
    rf"(?: ?/ ?(?P<m2>{_MONTH}){_E})?"
    rf"(?: (?P<rel>الجاري|الحالي|الفائت|الماضي|المنصرم|السابق){_E})?"
    rf"(?: (?:من )?(?:العام |عام )?(?P<year>(?:19|20)\d\d){_E})?"
)
# English explicit day: 22 May 2014 / 22nd of May / May 22, 2014
# (abbreviated months may carry a full stop: "Oct. 14"; day numbers may be ordinal words)
_EN_EXPLICIT = re.compile(
    rf"{_B}(?:the )?(?:(?P<num>\d{{1,2}})(?:st|nd|rd|th)?|(?P<ord>{_EN_ORDINAL}))(?: of)? (?P<m1>{_MONTH}){_E}\.?"
    rf"(?:,? (?P<year>(?:19|20)\d\d){_E})?"
    rf"|{_B}(?P<m1b>{_MONTH})\.? (?:the )?(?:(?P<numb>\d{{1,2}})(?:st|nd|rd|th)?|(?P<ordb>{_EN_ORDINAL})){_E}"
    rf"(?:,? (?P<yearb>(?:19|20)\d\d){_E})?"
)
# Relative words. «اليوم» must not be «لليوم الرابع» (a count of days).
_AR_RELATIVE = re.compile(
    rf"(?<![\w])(?:و|ف|ب|ل)?(?P<word>امس الاول|اول امس|امس|اليوم)(?![\w])"
    rf"(?! (?:{_ORDINAL}|التالي|السابق|نفسه|ذاته))"
)
_EN_RELATIVE = re.compile(
    r"(?<![\w])(?P<word>the day before yesterday|yesterday|today|tonight|this morning|"
    r"this evening|this afternoon|last night|earlier today)(?![\w])"
)
# «الخامس من الشهر الجاري», «الـ 12 من الشهر الفائت»
_THIS_MONTH = re.compile(
    rf"{_B}(?:ال ?)?(?:(?P<num>\d{{1,2}})|(?P<ord>{_ORDINAL})){_E} من (?:هذا )?الشهر "
    rf"(?P<rel>الجاري|الحالي|الفائت|الماضي|المنصرم|السابق){_E}"
)
# 14/3/2019 (day first, as Arabic and European outlets write it)
_NUMERIC = re.compile(r"(?<![\w/])(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>(?:19|20)\d\d)(?![\w/])")
# «قبل يومين», «قبل ثلاثة أيام», "two days ago"
_DAYS_AGO = re.compile(
    r"(?<![\w])(?:قبل (?P<dual>يومين)|قبل (?P<n>\d|ثلاثه|اربعه|خمسه|سته) ايام"
    r"|(?P<en>two|three|four|five|six|\d) days ago)(?![\w])"
)
_AGO_WORDS = {"ثلاثه": 3, "اربعه": 4, "خمسه": 5, "سته": 6, "two": 2, "three": 3, "four": 4, "five": 5,
              "six": 6}
_WEEKDAY_RE = re.compile(rf"(?<![\w])(?:و|ب|ل)?(?P<word>{_WEEKDAY})(?![\w])")

_REL_OFFSET = {
    "اليوم": 0, "امس": 1, "امس الاول": 2, "اول امس": 2,
    "today": 0, "tonight": 0, "this morning": 0, "this evening": 0, "this afternoon": 0,
    "earlier today": 0, "yesterday": 1, "last night": 1, "the day before yesterday": 2,
}


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _explicit(m: re.Match[str], published: date, *, english: bool) -> date | None:
    num = m.group("num") or (m.group("numb") if english else None)
    if english:
        month_name = m.group("m1") or m.group("m1b")
        year_text = m.group("year") or m.group("yearb")
        day = int(num) if num else _EN_ORDINALS.get(m.group("ord") or m.group("ordb") or "")
    else:
        month_name = m.group("m1")
        year_text = m.group("year")
        day = int(num) if num else _ORDINALS.get(m.group("ord") or "")
    if not day or not month_name:
        return None
    month = MONTHS[month_name]
    rel = None if english else m.group("rel")
    if year_text:
        year = int(year_text)
    elif rel in ("الجاري", "الحالي"):
        year = published.year
    elif rel in ("الفائت", "الماضي", "المنصرم", "السابق"):
        # «الفائت» names the month before publication; trust the month the
        # text spells and only take its year from the rule.
        year = published.year if month <= published.month else published.year - 1
    else:
        year = resolve_year(month, day, published)
    return _safe_date(year, month, day)


def _scan(report: Report, part: Part) -> list[DateMention]:
    source = report.part(part)
    if not source:
        return []
    view = view_of(source)
    text = view.text
    published = report.published
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def add(day: date | None, start: int, end: int, relative: bool) -> None:
        if day is None or day > published + timedelta(days=1):
            return
        s, e = view.span(start, end)
        found.append(DateMention(day=day, span=Span.of(report, part, s, e), relative=relative))
        taken.append((start, end))

    for m in _AR_EXPLICIT.finditer(text):
        add(_explicit(m, published, english=False), m.start(), m.end(), False)
    for m in _EN_EXPLICIT.finditer(text):
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        add(_explicit(m, published, english=True), m.start(), m.end(), False)
    for m in _THIS_MONTH.finditer(text):
        day = int(m.group("num")) if m.group("num") else _ORDINALS[m.group("ord")]
        year, month = published.year, published.month
        if m.group("rel") not in ("الجاري", "الحالي"):
            year, month = month_before(year, month)
        add(_safe_date(year, month, day), m.start(), m.end(), False)
    for m in _NUMERIC.finditer(text):
        if not any(m.start() < e and s < m.end() for s, e in taken):
            add(_safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d"))), m.start(), m.end(), False)
    for m in _DAYS_AGO.finditer(text):
        word = m.group("n") or m.group("en")
        days = 2 if m.group("dual") else (int(word) if word.isdigit() else _AGO_WORDS[word])
        add(published - timedelta(days=days), m.start(), m.end(), True)
    for pattern in (_AR_RELATIVE, _EN_RELATIVE):
        for m in pattern.finditer(text):
            word = m.group("word")
            add(published - timedelta(days=_REL_OFFSET[word]), m.start("word"), m.end("word"), True)
    for m in _WEEKDAY_RE.finditer(text):
        start, end = m.start("word"), m.end("word")
        # A weekday beside a relative word or an explicit date names that day
        # already («أمس الأربعاء», «Sunday, 18 February»): it adds nothing.
        window = (start - 12, end + 14)
        if any(s < window[1] and window[0] < e for s, e in taken):
            continue
        add(latest_weekday_before(WEEKDAYS[m.group("word")], published), start, end, True)
    return found


def find_dates(report: Report) -> tuple[DateMention, ...]:
    mentions = _scan(report, "title") + _scan(report, "text")
    return tuple(sorted(mentions, key=lambda d: (d.span.part != "title", d.span.start)))
