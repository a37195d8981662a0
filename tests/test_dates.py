"""kg.dates.v1 over real reports and crafted sentences."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from kg.extract.dates import find_dates
from kg.model import Report
from kg.reports import load_report

REPO = Path(__file__).resolve().parent.parent
DEV = REPO / ".." / "shared" / "corpus" / "dev"


def _report(text: str, published: date, title: str = "") -> Report:
    return Report(id="t", lang="ar", published=published, source="test", text=text, title=title)


def _days(text: str, published: date, title: str = "") -> list[str]:
    return sorted({d.day.isoformat() for d in find_dates(_report(text, published, title))})


@pytest.mark.parametrize("text, expected", [
    ("قتل 5 عناصر صباح اليوم", ["2017-09-30"]),
    ("استهدفت الطائرات مساء أمس البلدة", ["2017-09-29"]),
    ("منذ يوم أمس الأول الـ 28 من أيلول / سبتمبر الجاري", ["2017-09-28"]),
    ("ليل أمس الأول", ["2017-09-28"]),
    ("في الـ 10 من أيلول / سبتمبر الجاري", ["2017-09-10"]),
    ("منذ الـ 19 من آب / أغسطس الفائت", ["2017-08-19"]),
    ("منذ الأول من كانون الأول / ديسمبر من العام 2015", ["2015-12-01"]),
    ("في الـ 31 من تموز / يوليو", ["2017-07-31"]),
    ("في الـ 31 من تشرين الأول / أكتوبر", ["2016-10-31"]),  # no year: the latest one before publication
    ("منذ يوم الجمعة الفائت", ["2017-09-29"]),
    ("منذ آذار / مارس من العام 2015 وأواخر تموز", []),
    ("خلال 48 ساعة والـ 24 ساعة الفائتة", []),
    ("تتواصل المعارك لليوم الرابع على التوالي", []),
    ("في 14/3/2017", ["2017-03-14"]),
])
def test_arabic_day_expressions(text: str, expected: list[str]) -> None:
    assert _days(text, date(2017, 9, 30)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Clashes erupted yesterday near the town", ["2018-02-20"]),
    ("since the evening of Sunday, 18 February 2018", ["2018-02-18"]),
    ("on Thursday, 22 May 2014 and today", ["2014-05-22", "2018-02-21"]),
    ("late last night", ["2018-02-20"]),
    ("since Sunday", ["2018-02-18"]),
    ("the day before yesterday", ["2018-02-19"]),
    ("since 2013 and the beginning of June", []),
    ("on March 3", ["2017-03-03"]),  # March 2018 is after publication: the year before
])
def test_english_day_expressions(text: str, expected: list[str]) -> None:
    assert _days(text, date(2018, 2, 21)) == expected


def test_spans_quote_the_date_words_in_title_and_text() -> None:
    report = _report("وقعت الاشتباكات يوم أمس الأربعاء الـ 3 من شباط / فبراير الجاري", date(2016, 2, 4),
                     title="غارات اليوم")
    mentions = find_dates(report)
    assert {m.span.part for m in mentions} == {"title", "text"}
    for m in mentions:
        assert report.part(m.span.part)[m.span.start:m.span.end] == m.span.quote
    quotes = {m.span.quote for m in mentions}
    assert "اليوم" in quotes and "أمس" in quotes
    assert any(q.startswith("الـ 3 من شباط") for q in quotes)


def test_seed_report_dates_are_exact() -> None:
    report = load_report(DEV / "dev-000.json")
    days = {m.day for m in find_dates(report)}
    gold = {date.fromisoformat(d) for d in json.loads((DEV / "dev-000.json").read_text())["gold"]["dates"]}
    assert days == gold


def test_every_dev_date_span_quotes_its_text() -> None:
    for path in sorted(DEV.glob("dev-*.json")):
        report = load_report(path)
        for m in find_dates(report):
            assert report.part(m.span.part)[m.span.start:m.span.end] == m.span.quote
            assert m.day <= report.published


@pytest.mark.parametrize("text, expected", [
    ("The strike on Oct. 14 killed three people", ["2017-10-14"]),
    ("Clashes on Sept. 3 and on Dec 2, 2016", ["2016-12-02", "2017-09-03"]),
    ("On the fourteenth of October, clashes erupted", ["2017-10-14"]),
    ("since February twenty-first", ["2018-02-21"]),
])
def test_abbreviated_months_and_ordinal_words(text: str, expected: list[str]) -> None:
    assert _days(text, date(2018, 2, 21)) == expected


@pytest.mark.parametrize("text, expected", [
    ("في الخامس عشر من شهر أيلول / سبتمبر الجاري", ["2017-09-15"]),
    ("يوم الحادي والعشرين من آب / أغسطس", ["2017-08-21"]),
    ("منذ العشرين من الشهر الجاري", ["2017-09-20"]),
    ("في الثلاثين من حزيران", ["2017-06-30"]),
])
def test_arabic_days_written_as_ordinal_words(text: str, expected: list[str]) -> None:
    assert _days(text, date(2017, 9, 30)) == expected
