"""The folded matching view keeps a map back to the source characters."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kg.text.normalise import MatchView, fold_for_matching, fold_pattern, view_of

ARABIC_AND_MARKS = st.text(
    alphabet=st.sampled_from(list("أإآاةىئؤبتثجحخدذرزسشصضطظعغفقكلمنهوي٠١٢٣٤٥") + [
        "\u064b", "\u064e", "\u0651", "\u0640", "“", "”", "«", "»", '"', " ", "\n", "-", "،", "a", "B",
        "7"]),
    max_size=60,
)


@given(ARABIC_AND_MARKS)
def test_every_view_character_comes_from_its_source_character(text: str) -> None:
    view = MatchView(text)
    assert len(view.origin) == len(view.text) + 1
    for i, ch in enumerate(view.text):
        src = text[view.origin[i]]
        if ch == " ":
            assert src.isspace() or src in "-_"
        else:
            assert fold_pattern(src).lower() == ch


@given(ARABIC_AND_MARKS)
def test_offsets_increase_and_spans_stay_inside_the_source(text: str) -> None:
    view = MatchView(text)
    assert view.origin == sorted(view.origin)
    for start in range(len(view.text)):
        s, e = view.span(start, len(view.text))
        assert 0 <= s <= e <= len(text)


def test_quotes_and_diacritics_vanish_and_spaces_collapse() -> None:
    view = MatchView("تنظيم  “الدولة الإسلاميّة”")
    assert view.text == "تنظيم الدوله الاسلاميه"
    s, e = view.span(6, len(view.text))
    assert "الدولة الإسلاميّة" in view.source[s:e]


def test_eastern_digits_and_their_separators_become_western() -> None:
    assert MatchView("١٬٥٠٠ و٣١").text == "1,500 و31"


def test_fold_for_matching_equals_the_view_of_a_label() -> None:
    assert fold_for_matching(' قوات سوريا الديمقراطية "قسد" ') == "قوات سوريا الديمقراطيه قسد"


def test_view_of_reuses_one_view_per_text() -> None:
    assert view_of("نص واحد") is view_of("نص واحد")
