"""kg.casualties.v1: one claim per stated count, read with the dev README's rules."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from kg.extract.casualties import find_casualties
from kg.link.actors import ActorVocabulary
from kg.model import CasualtyClaim, Report
from kg.reports import load_report

REPO = Path(__file__).resolve().parent.parent
DEV = REPO / ".." / "shared" / "corpus" / "dev"


@pytest.fixture(scope="module")
def vocabulary() -> ActorVocabulary:
    return ActorVocabulary.load()


def _claims(vocabulary: ActorVocabulary, text: str, title: str = "") -> tuple[CasualtyClaim, ...]:
    report = Report(id="t", lang="ar", published=date(2019, 5, 1), source="test", text=text, title=title)
    claims = find_casualties(report, vocabulary)
    for c in claims:  # every claim quotes the characters it was read from
        assert report.part(c.span.part)[c.span.start:c.span.end] == c.span.quote
        assert c.evidence is not None and c.span.start >= c.evidence.start and c.span.end <= c.evidence.end
    return claims


def _rows(claims: tuple[CasualtyClaim, ...]) -> list[tuple]:
    return [(c.kind, c.count, c.qualifier, c.side, c.nationality, c.group, c.part_of) for c in claims]


GOV, IS, HZB = "syrian-government-forces", "Q2429253", "Q41053"


def test_nested_counts_two_levels_deep_with_their_own_qualifiers(vocabulary) -> None:
    text = ("ارتفع إلى 106 على الأقل بينهم 46 من جنسيات غير سورية من ضمنهم 20 على الأقل من حزب الله "
            "اللبناني، عدد قتلى قوات النظام خلال الهجمات.")
    assert _rows(_claims(vocabulary, text)) == [
        ("killed", 106, "at_least", GOV, None, None, None),
        ("killed", 46, "exact", "pro-government-militias", "non-SY", None, 0),
        ("killed", 20, "at_least", HZB, None, None, 1),
    ]
    assert _claims(vocabulary, text)[0].cumulative


def test_civilian_subgroups_and_a_list_that_closes_a_level(vocabulary) -> None:
    text = "استشهد 42 مدنياً على الأقل، بينهم 19 طفلاً من ضمنهم 4 رضع، و12 مواطنة، جراء الغارات."
    assert _rows(_claims(vocabulary, text)) == [
        ("killed", 42, "at_least", "civilians", None, None, None),
        ("killed", 19, "exact", "civilians", None, "children", 0),
        ("killed", 4, "exact", "civilians", None, "children", 1),
        ("killed", 12, "exact", "civilians", None, "women", 0),
    ]


def test_number_words_singular_and_dual_nouns(vocabulary) -> None:
    text = ("قتل ثلاثة عناصر من قوات سوريا الديمقراطية، واستشهدت طفلة وأصيب مواطنان آخران، "
            "فيما قتل مقاتلان اثنان من قسد بينهم قيادي.")
    sdf = "syrian-democratic-forces"
    assert _rows(_claims(vocabulary, text)) == [
        ("killed", 3, "exact", sdf, None, None, None),
        ("killed", 1, "exact", "civilians", None, "children", None),
        ("injured", 2, "exact", "civilians", None, None, None),
        ("killed", 2, "exact", sdf, None, None, None),
        ("killed", 1, "exact", sdf, None, None, 3),
    ]


def test_vague_amounts_have_no_count(vocabulary) -> None:
    rows = _rows(_claims(vocabulary, "كما أصيب العشرات من الطرفين بجراح، وأسر التنظيم عناصر من قوات النظام."))
    assert rows == [
        ("injured", None, "unknown", None, None, None, None),
        ("captured", None, "unknown", GOV, None, None, None),
    ]
    rows = _rows(_claims(vocabulary, "Dozens of fighters were killed on both sides."))
    assert rows == [("killed", None, "unknown", None, None, None, None)]


def test_numbers_that_are_not_victims_make_no_claim(vocabulary) -> None:
    text = ("نفذت الطائرات الحربية الروسية أكثر من 120 ضربة جوية خلال 48 ساعة على بعد نحو 300 كلم، "
            "وألقت المروحيات ما لا يقل عن 20 برميلاً متفجراً على 6 قرى يقطنها نحو 40 ألف مدني، "
            "وسيطرت على اللواء 137 في الـ 10 من أيلول، ونزح أكثر من 150 ألف مواطن. "
            "More than 1,500 trucks and about 70 vehicles crossed on 22 May 2014.")
    assert _claims(vocabulary, text) == ()


def test_a_running_total_is_read_with_its_victims(vocabulary) -> None:
    rows = _rows(_claims(vocabulary, "وارتفع إلى 46 عدد مقاتلي قوات سوريا الديمقراطية الذين قتلوا منذ الجمعة."))
    assert rows == [("killed", 46, "exact", "syrian-democratic-forces", None, None, None)]
    rows = _rows(_claims(vocabulary, "The death toll of YPG fighters has risen to 164 since the start."))
    assert rows == [("killed", 164, "exact", "Q277036", None, None, None)]
    # «عدد الهجمات» counts attacks, not people
    assert _claims(vocabulary, "وبذلك يرتفع إلى 238 عدد الهجمات ومحاولات الاغتيال في المحافظة.") == ()


def test_others_take_the_side_of_the_claims_before_them(vocabulary) -> None:
    rows = _rows(_claims(vocabulary, "قتل 6 من عناصر قوات النظام وأصيب نحو 10 آخرين."))
    assert rows[1] == ("injured", 10, "about", GOV, None, None, None)
    rows = _rows(_claims(vocabulary, "استشهد مواطن وقتل قيادي في هيئة تحرير الشام من الجنسية المصرية، وأصيب 4 آخرون."))
    assert rows == [
        ("killed", 1, "exact", "civilians", None, None, None),
        ("killed", 1, "exact", "hayat-tahrir-al-sham", "EG", None, None),
        ("injured", 4, "exact", None, None, None, None),
    ]


def test_nationality_only_for_persons_not_organisations(vocabulary) -> None:
    rows = _rows(_claims(vocabulary, "قتل 14 عنصراً من حزب الله اللبناني و3 جنود أتراك."))
    assert rows == [
        ("killed", 14, "exact", HZB, None, None, None),
        ("killed", 3, "exact", "turkish-armed-forces", "TR", None, None),
    ]


def test_english_reports(vocabulary) -> None:
    text = ("SOHR documented the death of at least 13 members of regime forces, including 4 Afghan "
            "fighters and an Iranian officer. ISIS lost about 20 of its members, while more than 850 "
            "civilians were injured and the fate of 3 shepherds remains unknown.")
    assert _rows(_claims(vocabulary, text)) == [
        ("killed", 13, "at_least", GOV, None, None, None),
        ("killed", 4, "exact", "liwa-fatemiyoun", "AF", None, 0),
        ("killed", 1, "exact", "iranian-forces", "IR", None, 0),
        ("killed", 20, "about", IS, None, None, None),
        ("injured", 850, "more_than", "civilians", None, None, None),
        ("missing", 3, "exact", "civilians", None, None, None),
    ]


def test_a_title_repeating_the_body_is_one_claim(vocabulary) -> None:
    claims = _claims(vocabulary, "ووثق المرصد استشهاد 42 مدنياً بينهم 19 طفلاً جراء الغارات.",
                     title="استشهاد 42 مدنياً بينهم 19 طفلاً")
    assert [(c.count, c.span.part) for c in claims] == [(42, "text"), (19, "text")]


def test_seed_report_is_read_exactly(vocabulary) -> None:
    report = load_report(DEV / "dev-000.json")
    claims = find_casualties(report, vocabulary)
    gold = json.loads((DEV / "dev-000.json").read_text())["gold"]["casualties"]

    def key(rows, c):
        parent = rows[c["part_of"]] if c["part_of"] is not None else None
        return (c["kind"], c["count"], c["qualifier"], c["side"], c["nationality"], c["group"],
                (parent["kind"], parent["count"]) if parent else None)

    ours = [dict(kind=c.kind, count=c.count, qualifier=c.qualifier, side=c.side, nationality=c.nationality,
                 group=c.group, part_of=c.part_of) for c in claims]
    assert sorted(map(str, (key(ours, c) for c in ours))) == sorted(map(str, (key(gold, c) for c in gold)))


def test_claims_over_the_dev_corpus_are_well_formed(vocabulary) -> None:
    for path in sorted(DEV.glob("dev-*.json")):
        report = load_report(path)
        claims = find_casualties(report, vocabulary)
        for i, c in enumerate(claims):
            assert report.part(c.span.part)[c.span.start:c.span.end] == c.span.quote
            assert (c.count is None) == (c.qualifier == "unknown")
            if c.part_of is not None:
                assert 0 <= c.part_of < len(claims) and c.part_of != i
                assert claims[c.part_of].kind == c.kind  # a subset has its parent's kind
            if c.group is not None:
                assert c.side == "civilians"


def test_breakdowns_after_a_colon_a_bracket_or_of_them(vocabulary) -> None:
    rows = _rows(_claims(vocabulary, "The monitor documented the deaths of 8 civilians: 3 children, 2 women and 3 men."))
    assert [r[6] for r in rows] == [None, 0, 0, 0]
    assert [r[5] for r in rows] == [None, "children", "women", None]
    rows = _rows(_claims(vocabulary, "Shelling killed 5 civilians (3 children and a woman) in Idlib."))
    assert [(r[1], r[6]) for r in rows] == [(5, None), (3, 0), (1, 0)]
    rows = _rows(_claims(vocabulary, "قتل 9 أشخاص، 4 منهم أطفال، في قصف على البلدة."))
    assert rows == [("killed", 9, "exact", "civilians", None, None, None),
                    ("killed", 4, "exact", "civilians", None, "children", 0)]


def test_each_counted_noun_keeps_its_own_kind_in_a_list(vocabulary) -> None:
    rows = _rows(_claims(vocabulary, "سقوط قتيلين و3 جرحى في انفجار دراجة مفخخة."))
    assert [(r[0], r[1]) for r in rows] == [("killed", 2), ("injured", 3)]
    rows = _rows(_claims(vocabulary, "At least 30 ISIS militants were killed and 15 captured."))
    assert rows == [("killed", 30, "at_least", IS, None, None, None),
                    ("captured", 15, "exact", IS, None, None, None)]


def test_a_negated_casualty_word_makes_no_claim(vocabulary) -> None:
    rows = _rows(_claims(vocabulary, "استهدف القصف البلدة دون وقوع إصابات، فيما أدى انفجار عبوة إلى سقوط جرحى."))
    assert rows == [("injured", None, "unknown", None, None, None, None)]


def test_a_named_victim_counts_once_and_an_adjective_not_at_all(vocabulary) -> None:
    rows = _rows(_claims(vocabulary, "استشهد الشاب محمد العلي برصاص قناص. ونقل الجرحى إلى المشفى العسكري."))
    assert rows == [("killed", 1, "exact", "civilians", None, None, None)]


def test_losses_of_the_subject(vocabulary) -> None:
    rows = _rows(_claims(vocabulary, "Turkish-backed fighters lost 6 men in the clashes, and ISIS lost 4 members."))
    assert rows == [("killed", 6, "exact", "syrian-national-army", None, None, None),
                    ("killed", 4, "exact", IS, None, None, None)]
