"""Month tables and the arithmetic of relative days."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from kg.text.dates import MONTHS, WEEKDAYS, latest_weekday_before, month_before, resolve_year

DAYS = st.dates(min_value=date(2011, 1, 1), max_value=date(2030, 12, 31))


@given(DAYS, st.integers(min_value=0, max_value=6))
def test_latest_weekday_is_within_the_week_before(published: date, weekday: int) -> None:
    day = latest_weekday_before(weekday, published)
    assert day.weekday() == weekday
    assert published - timedelta(days=7) <= day < published


@given(DAYS, st.integers(min_value=1, max_value=12), st.integers(min_value=1, max_value=28))
def test_a_day_without_year_is_never_after_publication(published: date, month: int, day: int) -> None:
    resolved = date(resolve_year(month, day, published), month, day)
    assert resolved <= published
    assert published - resolved < timedelta(days=366)


def test_month_before_wraps_the_year() -> None:
    assert month_before(2017, 1) == (2016, 12)
    assert month_before(2017, 9) == (2017, 8)


def test_every_levantine_month_has_its_gregorian_twin() -> None:
    pairs = [("ايلول", "سبتمبر"), ("تشرين الاول", "اكتوبر"), ("كانون الثاني", "يناير"), ("اب", "اغسطس")]
    for levantine, gregorian in pairs:
        assert MONTHS[levantine] == MONTHS[gregorian]
    assert len({v for v in WEEKDAYS.values()}) == 7
