"""Siege lifting: only when lifted, with the besieged place, the day and the phases."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from kg.extract.places import find_places
from kg.extract.siege import find_siege
from kg.link.gazetteer import Gazetteer
from kg.model import DateMention, Report, Span

SHARED = Path(__file__).resolve().parent.parent / ".." / "shared"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def _report(text: str, lang: str = "ar", title: str = "") -> Report:
    return Report(id="t", lang=lang, published=date(2016, 3, 5), source="test", text=text, title=title)


def _date(report: Report, words: str, day: date) -> DateMention:
    """A DateMention over `words` in the text, as find_dates would give it."""
    start = report.text.index(words)
    return DateMention(day=day, span=Span.of(report, "text", start, start + len(words)))


def _siege(report: Report, gazetteer: Gazetteer, dates: tuple[DateMention, ...] = ()):
    places = find_places(report, gazetteer)
    return find_siege(report, places=places, dates=dates, gazetteer=gazetteer)


_ARABIC_THREE = (
    "تمكنت قوات النظام يوم أمس الـ 4 من آذار الجاري من فك الحصار عن بلدة كفرنبودة بريف حماة "
    "الشمالي، بعد عملية بدأت في الـ 20 من شباط، وجرت العملية على ثلاث مراحل، أولاها السيطرة على "
    "التلال المحيطة بقرية الحويز، ثم المرحلة الثانية التي استهدفت مستودعات الذخيرة، "
    "والمرحلة الثالثة الوصول إلى المدخل الشمالي للبلدة، وسط قصف مكثف."
)


def test_arabic_lifting_with_three_phases(gazetteer: Gazetteer) -> None:
    report = _report(_ARABIC_THREE)
    dates = (_date(report, "الـ 4 من آذار", date(2016, 3, 4)),
             _date(report, "الـ 20 من شباط", date(2016, 2, 20)))
    siege = _siege(report, gazetteer, dates)
    assert siege is not None
    assert siege.span.quote == "فك الحصار"
    assert siege.place.place.geonames_id == 168660  # Kafr Nabudah
    assert siege.governorate.geonames_id == 170015
    assert siege.day == date(2016, 3, 4)  # not the day the operation began
    assert [p.order for p in siege.phases] == [1, 2, 3]
    first, second, third = siege.phases
    assert first.target == "السيطرة على التلال المحيطة بقرية الحويز"
    assert second.target == "مستودعات الذخيرة"
    assert third.target == "الوصول إلى المدخل الشمالي للبلدة"
    for phase in siege.phases:
        assert report.text[phase.span.start:phase.span.end] == phase.target


def test_english_lifting_with_stages(gazetteer: Gazetteer) -> None:
    text = ("Government troops broke the siege of the town of al-Safira on 12 June, after an offensive "
            "that went through three stages: first, they took the hills south of the town; then they "
            "seized the power station; and the third stage was the link-up with the garrison, "
            "which had held out for months.")
    report = _report(text, lang="en")
    siege = _siege(report, gazetteer, (_date(report, "12 June", date(2016, 6, 12)),))
    assert siege is not None and siege.day == date(2016, 6, 12)
    assert siege.place.place.geonames_id == 172503
    assert [p.target for p in siege.phases] == [
        "they took the hills south of the town", "they seized the power station",
        "the link-up with the garrison"]


def test_lifting_without_stages_has_no_phases(gazetteer: Gazetteer) -> None:
    report = _report("تمكنت قوات سوريا الديمقراطية فجر اليوم من كسر الحصار عن بلدة عين عيسى بريف الرقة "
                     "الشمالي بعد اشتباكات عنيفة.")
    siege = _siege(report, gazetteer, (_date(report, "فجر اليوم", date(2016, 3, 5)),))
    assert siege is not None
    assert siege.phases == ()
    assert siege.place.place.geonames_id == 172134
    assert siege.governorate.geonames_id == 172957
    assert siege.day == date(2016, 3, 5)


def test_unlinked_besieged_site_keeps_its_governorate(gazetteer: Gazetteer) -> None:
    report = _report("تمكنت قوات النظام من فك الحصار عن مطار كويرس العسكري في ريف حلب الشرقي.")
    siege = _siege(report, gazetteer)
    assert siege is not None
    assert siege.place.place is None and siege.place.category == "airport"
    assert siege.governorate.geonames_id == 170062
    assert siege.day is None  # no date given: none invented


@pytest.mark.parametrize("text, lang", [
    ("يعيش نحو 40 ألف مدني في مضايا في ظل الحصار الذي تفرضه قوات النظام منذ أشهر.", "ar"),
    ("أرسلت قوات النظام تعزيزات في محاولة لفك الحصار عن الأحياء المحاصرة في دير الزور.", "ar"),
    ("تسعى الفصائل إلى كسر الحصار عن المدينة دون جدوى.", "ar"),
    ("تتواصل معركة فك الحصار عن الأحياء الشرقية لمدينة حلب لليوم الرابع.", "ar"),
    ("وفشلت محاولة الفصائل المقاتلة والإسلامية كسر الحصار عن المنطقة.", "ar"),
    ("Eastern Ghouta has been besieged by regime forces since 2013.", "en"),
    ("Rebels launched an attack trying to break the siege of the eastern districts.", "en"),
    ("The regime sent reinforcements to break the siege of the airport.", "en"),
])
def test_ongoing_sieges_and_attempts_are_not_liftings(gazetteer: Gazetteer, text: str, lang: str) -> None:
    assert _siege(_report(text, lang=lang), gazetteer) is None


def test_a_then_inside_a_named_phase_opens_no_phase(gazetteer: Gazetteer) -> None:
    text = ("فكت قوات النظام الحصار عن مدينة السفيرة. وجرت العملية على مرحلتين، المرحلة الأولى السيطرة "
            "على التلال ثم التقدم نحو الطريق، والمرحلة الثانية الوصول إلى المدينة.")
    report = _report(text)
    siege = _siege(report, gazetteer)
    assert siege is not None
    assert [p.target for p in siege.phases] == ["السيطرة على التلال ثم التقدم نحو الطريق",
                                                "الوصول إلى المدينة"]


@pytest.mark.parametrize("text", [
    "أعلنت الفصائل رفع الحصار عن بلدة مضايا بعد التوصل إلى اتفاق.",
    "تمكنت القوات من إنهاء الحصار المفروض على مدينة دير الزور.",
])
def test_other_words_for_lifting(gazetteer: Gazetteer, text: str) -> None:
    assert _siege(_report(text), gazetteer) is not None


def test_managed_to_break_is_a_lifting(gazetteer: Gazetteer) -> None:
    report = _report("Regime forces managed to break the siege of Aleppo Central Prison.", lang="en")
    siege = _siege(report, gazetteer)
    assert siege is not None and siege.place.place.geonames_id == 170063


def test_seed_report_siege(gazetteer: Gazetteer) -> None:
    from kg.extract.dates import find_dates
    from kg.reports import load_report

    path = SHARED / "corpus" / "dev" / "dev-000.json"
    report = load_report(path)
    gold = json.loads(path.read_text(encoding="utf-8"))["gold"]["siege_lifting"]
    places = find_places(report, gazetteer)
    siege = find_siege(report, places=places, dates=find_dates(report), gazetteer=gazetteer)
    assert siege is not None
    assert siege.place.place.geonames_id in gold["place"]
    assert siege.governorate.geonames_id == 170792
    assert siege.day.isoformat() == gold["date"]
    assert [p.order for p in siege.phases] == [p["order"] for p in gold["phases"]]
    brigade, airport, entrance = (p.target for p in siege.phases)
    assert "اللواء 137" in brigade
    assert "مطار دير الزور العسكري" in airport and "كتلة الأحياء" in airport
    assert "المدخل الغربي" in entrance and "البانوراما" in entrance


def test_stages_told_over_several_sentences(gazetteer: Gazetteer) -> None:
    text = ("Regime forces broke through the three-year siege of Deir ez-Zor city on 5 September. "
            "The advance went in two phases. In the first phase, troops took the Brigade 137 base. "
            "In the second phase, they reached the military airport.\nIn another development, "
            "first reports spoke of clashes in the west.")
    report = _report(text, lang="en")
    siege = _siege(report, gazetteer, (_date(report, "5 September", date(2016, 9, 5)),))
    assert siege is not None and siege.place.place.geonames_id == 170794
    assert [p.target for p in siege.phases] == ["troops took the Brigade 137 base",
                                                "they reached the military airport"]


def test_stages_without_a_count(gazetteer: Gazetteer) -> None:
    text = ("فكت قوات النظام الحصار عن بلدتي نبل والزهراء بعد عملية جرت على مراحل، أولها السيطرة على "
            "بلدة باشكوي، والمرحلة الثانية السيطرة على قرية حردتنين.")
    siege = _siege(_report(text), gazetteer)
    assert siege is not None
    assert [(p.order, p.target) for p in siege.phases] == [
        (1, "السيطرة على بلدة باشكوي"), (2, "السيطرة على قرية حردتنين")]
    assert siege.phases[0].place.place.geonames_id in (171716, 171717)


def test_bare_ordinals_open_phases_in_order(gazetteer: Gazetteer) -> None:
    text = ("تمكنت الفصائل من كسر الحصار عن مدينة تلبيسة، ومرت العملية بثلاث مراحل: بدأت الأولى "
            "بالسيطرة على التلة المطلة على المدينة للمرة الأولى منذ عام، وتلتها الثانية بطرد العناصر من "
            "الحي الشرقي، فيما انتهت الثالثة بتأمين الطريق.")
    siege = _siege(_report(text), gazetteer)
    assert siege is not None
    assert [p.target for p in siege.phases] == [
        "السيطرة على التلة المطلة على المدينة للمرة الأولى منذ عام", "بطرد العناصر من الحي الشرقي",
        "بتأمين الطريق"]
