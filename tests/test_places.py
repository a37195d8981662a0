"""Place mentions: what a name means in its sentence, and which row it is."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.places import find_places
from kg.link.gazetteer import Gazetteer
from kg.model import Report
from kg.reports import load_report

SHARED = Path(__file__).resolve().parent.parent / ".." / "shared"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def _report(text: str, lang: str = "ar", title: str = "") -> Report:
    return Report(id="t", lang=lang, published=date(2020, 1, 1), source="test", text=text, title=title)


def _ids(report: Report, gazetteer: Gazetteer) -> list[int]:
    return [m.place.geonames_id for m in find_places(report, gazetteer) if m.place]


def _linked(text: str, gazetteer: Gazetteer, lang: str = "ar") -> set[int]:
    return set(_ids(_report(text, lang), gazetteer))


# -- what the words around a name make of it ---------------------------------

def test_city_versus_its_countryside(gazetteer: Gazetteer) -> None:
    assert _linked("قصفت الطائرات مواقع في ريف حمص الجنوبي الشرقي", gazetteer) == {169575}
    assert _linked("سقطت قذائف على أحياء في مدينة حمص", gazetteer) == {169577}
    assert _linked("تقدمت القوات في بادية دير الزور", gazetteer) == {170792}
    assert _linked("اجتماع في محافظة درعا", gazetteer) == {170903}


def test_countryside_of_a_district_seat_is_the_district(gazetteer: Gazetteer) -> None:
    assert _linked("اشتباكات على محور قرية في ريف منبج الغربي", gazetteer) == {167355}
    assert _linked("هجوم في بادية السخنة", gazetteer) == {7894841}
    assert _linked("clashes in the countryside of Afrin", gazetteer, "en") == {174184}


def test_a_list_carries_its_head_word(gazetteer: Gazetteer) -> None:
    text = "بعد الخسائر في محافظات الرقة وحلب وحمص"
    assert _linked(text, gazetteer) == {172957, 170062, 169575}
    assert _linked("مواقعهم في ريفي إدلب وحلب", gazetteer) == {169387, 170062}
    assert _linked("قصفت بلدات كفرنبل وحاس وكفرسجنة", gazetteer) == {168661, 169835, 168639}
    en = "airstrikes on the towns of Douma, Saqba and Kafr Batna"
    assert _linked(en, gazetteer, "en") == {170592, 164828, 168713}


def test_a_settlement_inside_a_site_name_is_the_settlement(gazetteer: Gazetteer) -> None:
    mentions = find_places(_report("معارك في محيط مطار دير الزور العسكري"), gazetteer)
    assert [(m.place.geonames_id, m.category) for m in mentions] == [(170794, "airport")]
    assert _linked("التقدم نحو الطريق الدولي حلب – الحسكة", gazetteer) == {170063, 173811}


def test_sites_and_neighbourhoods_are_kept_but_not_linked(gazetteer: Gazetteer) -> None:
    mentions = find_places(_report("قصف على حي جمعية الزهراء غرب المدينة"), gazetteer)
    assert all(m.place is None for m in mentions)
    assert [m.category for m in mentions] == ["neighbourhood"]
    assert _linked("shells on the Bab Touma neighbourhood", gazetteer, "en") == set()
    # «مطار كويرس» in the Aleppo countryside is not the Kuwayris village of Idlib
    mentions = find_places(_report("فك الحصار عن مطار كويرس العسكري بريف حلب الشرقي"), gazetteer)
    assert {(m.category, m.place.geonames_id if m.place else None) for m in mentions} == {
        ("airport", None), ("countryside", 170062)}


def test_damascus_is_the_capital(gazetteer: Gazetteer) -> None:
    assert _linked("جنوب العاصمة دمشق", gazetteer) == {170654}
    assert _linked("مدينة مضايا بريف دمشق الشمالي الغربي", gazetteer) == {167558, 170652}


def test_regions_are_not_subdistricts(gazetteer: Gazetteer) -> None:
    # GeoNames lists «الغوطة الشرقية» among the names of the Jaramana subdistrict
    assert _linked("قصف جوي على مدينة دوما في الغوطة الشرقية", gazetteer) == {170592}
    assert _linked("اشتباكات في منطقة عفرين", gazetteer) == {174184}  # «منطقة X» is the district


def test_a_name_in_brackets_is_the_same_place(gazetteer: Gazetteer) -> None:
    mentions = find_places(_report("معارك في محيط مدينة عين العرب (كوباني) بريف حلب"), gazetteer)
    kobani = [m for m in mentions if m.span.quote in ("عين العرب", "كوباني")]
    assert [m.place.geonames_id for m in kobani] == [172256, 172256]


def test_fronts_named_after_villages(gazetteer: Gazetteer) -> None:
    text = "تتواصل المعارك على محاور خان طومان وخلصة والزربة بريف حلب الجنوبي"
    assert _linked(text, gazetteer) == {168323, 172615, 172045, 170062}
    assert _linked("تتواصل المعارك على محاور القتال في المنطقة", gazetteer) == set()


def test_spelling_the_gazetteer_does_not_know_after_a_place_word(gazetteer: Gazetteer) -> None:
    # the gazetteer writes بصرى الحريري and كنسفرة
    assert 171127 in _linked("السيطرة على بلدتي بصر الحرير ومليحة العطش بريف درعا الشرقي", gazetteer)
    assert _linked("قصف على بلدتي البارة وكنصفرة بريف إدلب", gazetteer) == {173999, 168572, 169387}
    # but a common word after a place word is not bent into a name
    assert _linked("وصلت التعزيزات إلى محيط مدينة دير الزور وصولاً إلى الحدود", gazetteer) == {170794}


def test_both_ends_of_a_road_name_no_governorate(gazetteer: Gazetteer) -> None:
    text = ("Regime forces retook Saraqib in the eastern countryside of Idlib. Drones struck convoys "
            "on the Aleppo-Damascus M5 highway near the village of al-Nayrab.")
    ids = _linked(text, gazetteer, "en")
    assert 166357 in ids and 166356 not in ids  # the Nayrab by Saraqib, not Aleppo's


# -- same-named rows --------------------------------------------------------

def test_governorate_named_in_the_sentence_chooses_the_row(gazetteer: Gazetteer) -> None:
    aleppo = "قصف مدفعي على قرى مرعناز والمالكية بريف حلب الشمالي"
    assert 166898 in _linked(aleppo, gazetteer)
    hasakah = "اشتباكات في مدينة المالكية بريف الحسكة الشمالي الشرقي"
    assert 173530 in _linked(hasakah, gazetteer)


def test_nearby_towns_choose_the_row(gazetteer: Gazetteer) -> None:
    mentions = find_places(_report("اشتباكات في محيط مدينة سراقب وبلدة النيرب"), gazetteer)
    nayrab = next(m for m in mentions if "النيرب" in m.span.quote)
    assert nayrab.place.geonames_id == 166357  # the one beside Saraqib, not Aleppo's
    assert 166356 in nayrab.alternatives


def test_a_faraway_namesake_without_a_place_word_is_left_out(gazetteer: Gazetteer) -> None:
    text = "Clashes in the Old City of Raqqa and the neighbourhoods of Hisham and al-Daraiya"
    assert _linked(text, gazetteer, "en") == {172955}


def test_of_two_rows_for_one_town_the_prominent_one(gazetteer: Gazetteer) -> None:
    # GeoNames has Arbin twice, 300 m apart: ‘Arbīn (PPL) and ‘Irbīn (PPLA3)
    mentions = find_places(_report("barrel bombs on the town of Arbin", lang="en"), gazetteer)
    assert [m.place.geonames_id for m in mentions] == [169372]
    assert 7642444 in mentions[0].alternatives


# -- precision on ordinary words -------------------------------------------

def test_common_words_are_not_villages(gazetteer: Gazetteer) -> None:
    text = ("نفذت الطائرات الحربية الروسية أكثر من 120 ضربة جوية على مواقع التنظيم، "
            "وسط اشتباكات عنيفة منذ الأول من تشرين الثاني وآذار، وتلك المعارك مستمرة على الجبهات.")
    assert _linked(text, gazetteer) == set()
    english = "Regime forces and the Coalition said on Tuesday that the Old Branch of the Front fell."
    assert _linked(english, gazetteer, "en") == set()


def test_names_match_only_whole_words(gazetteer: Gazetteer) -> None:
    # حلب is inside حلبا and "Hama" inside "Hamas": neither is a mention of them
    assert 170063 not in _linked("وصلت قافلة إلى مدينة حلبا", gazetteer)
    assert _linked("Hamas officials spoke", gazetteer, "en") == set()


# -- English --------------------------------------------------------------

def test_english_names_and_places_words(gazetteer: Gazetteer) -> None:
    text = ("Airstrikes hit the city of al-Mayadin in the eastern countryside of Deir ez-Zor, "
            "and a convoy reached al-Hasakah city from the southern countryside of al-Hasakah province.")
    assert _linked(text, gazetteer, "en") == {173480, 170792, 173811, 173813}


def test_english_spelling_unknown_to_the_gazetteer_after_a_place_word(gazetteer: Gazetteer) -> None:
    assert _linked("shelling on the town of Jindires", gazetteer, "en") == {169190}


# -- spans ----------------------------------------------------------------

def test_spans_quote_the_text(gazetteer: Gazetteer) -> None:
    report = _report("استهدفت الطائرات بلدتي نبل والزهراء وبلدة ماير", title="قصف على بلدة باشكوي")
    mentions = find_places(report, gazetteer)
    assert {m.span.part for m in mentions} == {"title", "text"}
    for m in mentions:
        assert report.part(m.span.part)[m.span.start:m.span.end] == m.span.quote
    quotes = [m.span.quote for m in mentions]
    assert "الزهراء" in quotes  # the conjunction و is not part of the name


_NAMES = ["مدينة حلب", "ريف حمص", "بلدة ماير", "حي الصناعة", "مطار دير الزور العسكري", "قرية تل سبعين"]
_FILLER = ["قصف", "على", "في", "وسط", "اشتباكات", "،", "عنيفة", "من", "و"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_NAMES + _FILLER), min_size=1, max_size=25))
def test_spans_always_point_into_the_text(gazetteer: Gazetteer, words: list[str]) -> None:
    report = _report(" ".join(words))
    for m in find_places(report, gazetteer):
        assert 0 <= m.span.start < m.span.end <= len(report.text)
        assert report.text[m.span.start:m.span.end] == m.span.quote


# -- the seed report ------------------------------------------------------

def test_seed_report_places(gazetteer: Gazetteer) -> None:
    path = SHARED / "corpus" / "dev" / "dev-000.json"
    gold = json.loads(path.read_text(encoding="utf-8"))["gold"]["places"]
    predicted = set(_ids(load_report(path), gazetteer))
    allowed = {i for ids in gold for i in ids}
    assert predicted <= allowed
    assert all(set(ids) & predicted for ids in gold)
