"""Counts written as digits or words, and the qualifier beside them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.text.normalise import MatchView
from kg.text.numbers import (
    NUMBER_RE,
    arabic_words,
    english_words,
    number_value,
    qualifier_after,
    qualifier_before,
)


def _read_all(text: str) -> list[int | None]:
    folded = MatchView(text).text
    return [number_value(m.group()) for m in NUMBER_RE.finditer(folded)]


@given(st.integers(min_value=1, max_value=99), st.booleans())
def test_arabic_number_words_read_back(n: int, feminine: bool) -> None:
    assert _read_all(f"قتل {arabic_words(n, feminine=feminine)} عنصراً") == [n]


@given(st.integers(min_value=1, max_value=99))
def test_english_number_words_read_back(n: int) -> None:
    assert _read_all(f"{english_words(n).capitalize()} fighters were killed") == [n]


@given(st.integers(min_value=0, max_value=10**6))
def test_eastern_and_western_digits_read_the_same(n: int) -> None:
    eastern = str(n).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert _read_all(f"مقتل {eastern} و{n}") == [n, n]


def test_grouped_digits_and_glued_conjunction() -> None:
    assert _read_all("more than 1,500 trucks") == [1500]
    assert _read_all("بينهم ١٤ من الجنسية الأفغانية و٩ من الجنسية اللبنانية") == [14, 9]


def test_words_inside_other_words_are_not_numbers() -> None:
    # «عشرات» (dozens) and «الخامسة» (fifth) are not counts; «ستة عشر» is one count.
    assert _read_all("عشرات الضربات في الخامسة") == []
    assert _read_all("ستة عشر مدنياً") == [16]


@pytest.mark.parametrize("text, expected", [
    ("ما لا يقل عن 58 عنصراً", "at_least"),
    ("نحو 70 عنصراً", "about"),
    ("قرابة 60 آخرين", "about"),
    ("ما يزيد عن 34 عنصراً", "more_than"),
    ("أكثر من 30 آخرين", "more_than"),
    ("وحوالي 30 عنصراً", "about"),
    ("at least 13 members", "at_least"),
    ("Nearly 40 other civilians", "about"),
    ("more than 850 civilians", "more_than"),
    ("قتل 23 عنصراً", None),
])
def test_qualifier_written_before_the_number(text: str, expected: str | None) -> None:
    folded = MatchView(text).text
    m = NUMBER_RE.search(folded)
    found = qualifier_before(folded, m.start())
    assert (found[0] if found else None) == expected
    if found:
        assert folded[found[1]:m.start()].strip()  # the qualifier's own words


def test_at_least_written_after_the_number() -> None:
    folded = MatchView("106 على الأقل بينهم").text
    end = qualifier_after(folded, 3)
    assert end is not None and folded[3:end].strip() == "علي الاقل"
    assert qualifier_after(folded, end) is None


def test_words_outside_1_to_99_are_refused() -> None:
    with pytest.raises(ValueError):
        arabic_words(0)
    with pytest.raises(ValueError):
        english_words(100)


@pytest.mark.parametrize("text, expected", [
    ("قتل مئة وعشرون عنصراً", [120]),
    ("قتل مائتين وخمسة مدنيين", [205]),
    ("قتل ثلاثمئة مدني", [300]),
    ("قتل ثلاث مائة مدني", [300]),
    ("One hundred and twelve civilians", [112]),
    ("two hundred people", [200]),
    ("a dozen civilians and half a dozen soldiers", [12, 6]),
    ("some two dozen fighters", [24]),
    ("dozens of fighters", []),
])
def test_hundreds_and_dozens(text: str, expected: list[int]) -> None:
    assert _read_all(text) == expected


@given(st.integers(min_value=1, max_value=9), st.integers(min_value=1, max_value=99))
def test_compound_hundreds_read_back(h: int, rest: int) -> None:
    hundred = {1: "one hundred", 2: "two hundred"}.get(h, f"{english_words(h)} hundred")
    assert _read_all(f"{hundred} and {english_words(rest)} civilians") == [h * 100 + rest]


@pytest.mark.parametrize("text, expected", [
    ("قتل ما يناهز 40 عنصراً", "about"),
    ("قتل ما يفوق 40 عنصراً", "more_than"),
    ("قتل ما يصل إلى 40 عنصراً", "about"),
    ("killed up to 40 people", "about"),
])
def test_more_hedges(text: str, expected: str) -> None:
    folded = MatchView(text).text
    m = NUMBER_RE.search(folded)
    assert m is not None and qualifier_before(folded, m.start())[0] == expected


def test_over_after_a_phrasal_verb_is_no_hedge() -> None:
    for text in ("handed over 20 prisoners", "took over 3 villages"):
        folded = MatchView(text).text
        m = NUMBER_RE.search(folded)
        assert qualifier_before(folded, m.start()) is None
    folded = MatchView("killed over 20 people").text
    assert qualifier_before(folded, NUMBER_RE.search(folded).start())[0] == "more_than"
