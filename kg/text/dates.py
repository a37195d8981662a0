"""Month and weekday names (Levantine, Gregorian-Arabic, English) and date arithmetic.

Patterns here are written in the folded spelling of `kg.text.normalise.MatchView`
(ة→ه, أ/إ/آ→ا, lower case), because that is the text they run over.
"""

from __future__ import annotations

from datetime import date, timedelta

__all__ = [
    "MONTHS",
    "WEEKDAYS",
    "latest_weekday_before",
    "month_before",
    "month_regex",
    "resolve_year",
    "weekday_regex",
]

# folded month name → month number. SOHR writes the Levantine name and the
# Gregorian one together («أيلول / سبتمبر»); either alone is accepted too.
MONTHS: dict[str, int] = {
    "كانون الثاني": 1, "شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6,
    "تموز": 7, "اب": 8, "ايلول": 9, "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الاول": 12,
    "يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "مايو": 5, "يونيو": 6, "يونيه": 6,
    "يوليو": 7, "يوليه": 7, "اغسطس": 8, "سبتمبر": 9, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}

# folded weekday name → date.weekday() number (Monday = 0).
WEEKDAYS: dict[str, int] = {
    "الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4, "السبت": 5, "الاحد": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}


def _alternation(names: list[str]) -> str:
    import re

    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


def month_regex() -> str:
    """Alternation of every month name, longest first (so «كانون الاول» beats «اب»)."""
    return _alternation(list(MONTHS))


def weekday_regex() -> str:
    return _alternation(list(WEEKDAYS))


def month_before(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def resolve_year(month: int, day: int, published: date) -> int:
    """Year of a day-and-month without a year: the latest one not after publication."""
    year = published.year
    try:
        if date(year, month, day) > published:
            year -= 1
    except ValueError:
        pass
    return year


def latest_weekday_before(weekday: int, published: date) -> date:
    """The latest day with this weekday strictly before the publication day."""
    delta = (published.weekday() - weekday) % 7 or 7
    return published - timedelta(days=delta)
