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


# --- phrasings of other outlets (wire services, local networks, monitors) -------------------

SDF, HTS, FACTIONS = "syrian-democratic-forces", "hayat-tahrir-al-sham", "opposition-factions"


@pytest.mark.parametrize("text, expected", [
    # other verbs for killing, injuring and capture
    ("لقي 5 مدنيين حتفهم جراء قصف جوي على بلدة كفرنبل.", [("killed", 5, "exact", "civilians", None, None, None)]),
    ("فارق مواطن الحياة متأثراً بجراحه.", [("killed", 1, "exact", "civilians", None, None, None)]),
    ("مصرع 4 عناصر من تنظيم الدولة الإسلامية بكمين.", [("killed", 4, "exact", IS, None, None, None)]),
    ("جرح 5 مدنيين بقصف صاروخي.", [("injured", 5, "exact", "civilians", None, None, None)]),
    ("أقدمت الفصائل على اختطاف مواطنين اثنين.", [("captured", 2, "exact", "civilians", None, None, None)]),
    ("Four civilians lost their lives when a mine exploded.", [("killed", 4, "exact", "civilians", None, None, None)]),
    ("A member of the SDF died of wounds he sustained last week.", [("killed", 1, "exact", SDF, None, None, None)]),
    ("At least 7 people were abducted by unknown gunmen.", [("captured", 7, "at_least", "civilians", None, None, None)]),
    # a later count with its own passive verb keeps that verb
    ("Four civilians were killed and eleven were wounded.",
     [("killed", 4, "exact", "civilians", None, None, None), ("injured", 11, "exact", "civilians", None, None, None)]),
    ("Five Syrian soldiers were killed and 3 others were wounded in an ISIS ambush.",
     [("killed", 5, "exact", GOV, None, None, None), ("injured", 3, "exact", GOV, None, None, None)]),
])
def test_other_casualty_verbs(vocabulary, text, expected) -> None:
    assert _rows(_claims(vocabulary, text)) == expected


def test_coordinated_singular_and_dual_nouns_are_separate_claims(vocabulary) -> None:
    assert _rows(_claims(vocabulary, "قتل عنصرين اثنين وقيادي من قوات سوريا الديمقراطية.")) == [
        ("killed", 2, "exact", SDF, None, None, None),
        ("killed", 1, "exact", SDF, None, None, None),
    ]
    # the lone officer belongs to the unit named for the men listed with him, either way round
    assert _rows(_claims(vocabulary, "قتل ضابط برتبة عقيد و3 عناصر من قوات النظام.")) == [
        ("killed", 1, "exact", GOV, None, None, None),
        ("killed", 3, "exact", GOV, None, None, None),
    ]
    assert _rows(_claims(vocabulary, "Six regime soldiers and an officer were killed in an ambush.")) == [
        ("killed", 6, "exact", GOV, None, None, None),
        ("killed", 1, "exact", GOV, None, None, None),
    ]


def test_syrian_soldiers_are_the_armys_men(vocabulary) -> None:
    assert _rows(_claims(vocabulary, "قتل جنديان سوريان بانفجار لغم.")) == [
        ("killed", 2, "exact", GOV, None, None, None)]
    assert _rows(_claims(vocabulary, "Three Syrian soldiers were killed in shelling on Daraa.")) == [
        ("killed", 3, "exact", GOV, None, None, None)]


def test_a_total_of_people_that_lists_fighters_has_no_side(vocabulary) -> None:
    assert _rows(_claims(vocabulary, "قتل 10 أشخاص، وهم 6 عناصر من قوات النظام و4 مدنيين.")) == [
        ("killed", 10, "exact", None, None, None, None),
        ("killed", 6, "exact", GOV, None, None, 0),
        ("killed", 4, "exact", "civilians", None, None, 0),
    ]
    assert _rows(_claims(vocabulary, "Russian warplanes killed at least 20 people, including 8 children, "
                                     "4 women and 5 rebels.")) == [
        ("killed", 20, "at_least", None, None, None, None),
        ("killed", 8, "exact", "civilians", None, "children", 0),
        ("killed", 4, "exact", "civilians", None, "women", 0),
        ("killed", 5, "exact", FACTIONS, None, None, 0),
    ]
    # people with only civilians under them stay civilians
    assert _rows(_claims(vocabulary, "Regime forces detained 30 people, including 6 women.")) == [
        ("captured", 30, "exact", "civilians", None, None, None),
        ("captured", 6, "exact", "civilians", None, "women", 0),
    ]


def test_sub_counts_in_other_phrasings(vocabulary) -> None:
    assert _rows(_claims(vocabulary, "ISIS militants killed 17 regime troops and loyal militiamen, "
                                     "among them 6 Iranians and 2 Afghans.")) == [
        ("killed", 17, "exact", GOV, None, None, None),
        ("killed", 6, "exact", "pro-government-militias", "IR", None, 0),
        ("killed", 2, "exact", "pro-government-militias", "AF", None, 0),
    ]
    assert _rows(_claims(vocabulary, "At least 31 pro-regime fighters were killed, 12 of them non-Syrians.")) == [
        ("killed", 31, "at_least", "pro-government-militias", None, None, None),
        ("killed", 12, "exact", "pro-government-militias", "non-SY", None, 0),
    ]
    assert _rows(_claims(vocabulary, "Nine civilians, including a woman and her two children, were killed.")) == [
        ("killed", 9, "exact", "civilians", None, None, None),
        ("killed", 1, "exact", "civilians", None, "women", 0),
        ("killed", 2, "exact", "civilians", None, "children", 0),
    ]
    assert _rows(_claims(vocabulary, "استشهد 8 مدنيين، من بينهم 4 أطفال وامرأة، جراء ضربات إسرائيلية.")) == [
        ("killed", 8, "exact", "civilians", None, None, None),
        ("killed", 4, "exact", "civilians", None, "children", 0),
        ("killed", 1, "exact", "civilians", None, "women", 0),
    ]


def test_a_list_item_of_another_side_is_not_nested(vocabulary) -> None:
    assert _rows(_claims(vocabulary, "قتل 3 عناصر من الفصائل، بينهم قيادي، و5 من قوات النظام، بينهم ضابطان.")) == [
        ("killed", 3, "exact", FACTIONS, None, None, None),
        ("killed", 1, "exact", FACTIONS, None, None, 0),
        ("killed", 5, "exact", GOV, None, None, None),
        ("killed", 2, "exact", GOV, None, None, 2),
    ]


def test_inverted_nesting_the_whole_comes_second(vocabulary) -> None:
    assert _rows(_claims(vocabulary, "Two children were among the 11 killed in the shelling by regime forces.")) == [
        ("killed", 2, "exact", "civilians", None, "children", 1),
        ("killed", 11, "exact", "civilians", None, None, None),
    ]
    assert _rows(_claims(vocabulary, "كان طفلان من بين 11 قتيلاً سقطوا جراء القصف.")) == [
        ("killed", 2, "exact", "civilians", None, "children", 1),
        ("killed", 11, "exact", "civilians", None, None, None),
    ]


def test_up_to_is_an_approximate_count(vocabulary) -> None:
    assert _rows(_claims(vocabulary, "قتل ما يصل إلى 20 مدنياً.")) == [
        ("killed", 20, "about", "civilians", None, None, None)]
    assert _rows(_claims(vocabulary, "The airstrikes killed up to 12 people in the village.")) == [
        ("killed", 12, "about", "civilians", None, None, None)]


def test_a_breakdown_announced_before_its_colon(vocabulary) -> None:
    assert _rows(_claims(vocabulary, "قتل 15 عنصراً من قوات النظام، توزعوا على النحو التالي: 4 ضباط و11 جندياً.")) == [
        ("killed", 15, "exact", GOV, None, None, None),
        ("killed", 4, "exact", GOV, None, None, 0),
        ("killed", 11, "exact", GOV, None, None, 0),
    ]


def test_sub_counts_named_by_nationality_or_foreign_state(vocabulary) -> None:
    assert _rows(_claims(vocabulary, "قتل 20 من قوات النظام والمسلحين الموالين لها، بينهم 3 يحملون الجنسية الأفغانية.")) == [
        ("killed", 20, "exact", GOV, None, None, None),
        ("killed", 3, "exact", "pro-government-militias", "AF", None, 0),
    ]
    assert _rows(_claims(vocabulary, "The strikes killed 18 regime soldiers, including two Russian officers.")) == [
        ("killed", 18, "exact", GOV, None, None, None),
        ("killed", 2, "exact", "russian-forces", "RU", None, 0),
    ]
    # a patron's adjective is not the fighters' nationality
    assert _rows(_claims(vocabulary, "Israeli strikes killed 9 pro-Iranian fighters, including 6 Iraqis.")) == [
        ("killed", 9, "exact", "iranian-forces", None, None, None),
        ("killed", 6, "exact", "iranian-forces", "IQ", None, 0),
    ]
    assert _rows(_claims(vocabulary, "Three Turkish-backed fighters were killed by SDF fire.")) == [
        ("killed", 3, "exact", "syrian-national-army", None, None, None)]


def test_counted_nouns_with_tanween_keep_their_kind(vocabulary) -> None:
    assert _rows(_claims(vocabulary, "خلف القصف 9 قتلى و23 جريحاً.")) == [
        ("killed", 9, "exact", None, None, None, None),
        ("injured", 23, "exact", None, None, None, None),
    ]


def test_each_count_keeps_its_own_unit_in_a_list(vocabulary) -> None:
    assert _rows(_claims(vocabulary, "قتل 4 عناصر من قسد وعنصران من الأسايش.")) == [
        ("killed", 4, "exact", SDF, None, None, None),
        ("killed", 2, "exact", "asayish", None, None, None),
    ]


def test_a_total_over_both_sides_has_no_side(vocabulary) -> None:
    assert _rows(_claims(vocabulary, "The Observatory said 22 people were killed, 14 of them fighters from both sides.")) == [
        ("killed", 22, "exact", None, None, None, None),
        ("killed", 14, "exact", None, None, None, 0),
    ]


def test_kin_named_beside_a_victim_is_another_victim(vocabulary) -> None:
    assert _rows(_claims(vocabulary, "Regime shelling killed a woman and her child.")) == [
        ("killed", 1, "exact", "civilians", None, "women", None),
        ("killed", 1, "exact", "civilians", None, "children", None),
    ]
    assert _rows(_claims(vocabulary, "قتلت امرأة وطفلها بقصف لقوات النظام.")) == [
        ("killed", 1, "exact", "civilians", None, "women", None),
        ("killed", 1, "exact", "civilians", None, "children", None),
    ]


def test_unqualified_soldiers_are_the_army_but_foreign_ones_are_not(vocabulary) -> None:
    assert _rows(_claims(vocabulary, "An ISIS attack killed 7 soldiers near Palmyra.")) == [
        ("killed", 7, "exact", GOV, None, None, None)]
    assert _rows(_claims(vocabulary, "Two Jordanian soldiers were killed.")) == [
        ("killed", 2, "exact", None, "JO", None, None)]


def test_running_totals_and_vague_amounts_in_other_phrasings(vocabulary) -> None:
    assert _rows(_claims(vocabulary, "This raises to 112 the number of regime soldiers killed since the start.")) == [
        ("killed", 112, "exact", GOV, None, None, None)]
    assert _rows(_claims(vocabulary, "Dozens were wounded in the attack.")) == [
        ("injured", None, "unknown", None, None, None, None)]
    assert _rows(_claims(vocabulary, "أصيب العشرات بحالات اختناق.")) == [
        ("injured", None, "unknown", None, None, None, None)]
    assert _rows(_claims(vocabulary, "قتل بضعة عناصر من التنظيم.")) == [
        ("killed", None, "unknown", IS, None, None, None)]
    assert _rows(_claims(vocabulary, "قتل مئة وعشرون عنصراً من قوات النظام.")) == [
        ("killed", 120, "exact", GOV, None, None, None)]
    assert _rows(_claims(vocabulary, "A dozen civilians were injured.")) == [
        ("injured", 12, "exact", "civilians", None, None, None)]


def test_the_victims_of_a_second_verb_are_the_same_group(vocabulary) -> None:
    assert _rows(_claims(vocabulary, "A car bomb killed 8 people and injured 20 in Afrin.")) == [
        ("killed", 8, "exact", "civilians", None, None, None),
        ("injured", 20, "exact", "civilians", None, None, None),
    ]


def test_several_of_them_sub_counts_share_one_parent(vocabulary) -> None:
    assert _rows(_claims(vocabulary, "Airstrikes killed 16 civilians, 7 of them children and 3 of them women.")) == [
        ("killed", 16, "exact", "civilians", None, None, None),
        ("killed", 7, "exact", "civilians", None, "children", 0),
        ("killed", 3, "exact", "civilians", None, "women", 0),
    ]


def test_losses_of_a_patron_with_its_proxies_are_the_patrons(vocabulary) -> None:
    rows = _rows(_claims(vocabulary, "Regime forces and allied militias lost 40 fighters, including 4 Hezbollah members."))
    assert rows == [
        ("killed", 40, "exact", GOV, None, None, None),
        ("killed", 4, "exact", HZB, None, None, 0),
    ]


def test_ages_brackets_and_asides(vocabulary) -> None:
    assert _rows(_claims(vocabulary, "Three people, aged between 20 and 35, were killed.")) == [
        ("killed", 3, "exact", "civilians", None, None, None)]
    assert _rows(_claims(vocabulary, "قتلت طفلة تبلغ من العمر 5 أعوام.")) == [
        ("killed", 1, "exact", "civilians", None, "children", None)]
    assert _rows(_claims(vocabulary, "قتل (5) عناصر من قسد.")) == [("killed", 5, "exact", SDF, None, None, None)]
    assert _rows(_claims(vocabulary, "The death toll from the strikes rose to 40 on Tuesday, among them 11 children.")) == [
        ("killed", 40, "exact", None, None, None, None),
        ("killed", 11, "exact", "civilians", None, "children", 0),
    ]


def test_her_husband_is_no_woman(vocabulary) -> None:
    assert _rows(_claims(vocabulary, "لقيت سيدة مصرعها وأصيب زوجها.")) == [
        ("killed", 1, "exact", "civilians", None, "women", None),
        ("injured", 1, "exact", "civilians", None, None, None),
    ]


def test_detainees_another_and_released_prisoners(vocabulary) -> None:
    assert _rows(_claims(vocabulary, "قضى معتقلان تحت التعذيب في سجون النظام.")) == [
        ("killed", 2, "exact", "civilians", None, None, None)]
    assert _rows(_claims(vocabulary, "Two detainees died under torture in regime prisons.")) == [
        ("killed", 2, "exact", "civilians", None, None, None)]
    assert _rows(_claims(vocabulary, "قتل مواطن وأصيب آخر.")) == [
        ("killed", 1, "exact", "civilians", None, None, None),
        ("injured", 1, "exact", "civilians", None, None, None),
    ]
    assert _rows(_claims(vocabulary, "One civilian was killed and another was wounded.")) == [
        ("killed", 1, "exact", "civilians", None, None, None),
        ("injured", 1, "exact", "civilians", None, None, None),
    ]
    assert _claims(vocabulary, "أفرجت الفصائل عن 5 معتقلين.") == ()
    assert _claims(vocabulary, "The SDF released 12 detainees.") == ()


def test_one_more_victim_named_after_a_list(vocabulary) -> None:
    assert _rows(_claims(vocabulary, "قتل عنصر من الفصائل وآخر من الهيئة.")) == [
        ("killed", 1, "exact", FACTIONS, None, None, None),
        ("killed", 1, "exact", HTS, None, None, None),
    ]
    assert _rows(_claims(vocabulary, "قتل عنصران اثنان من قوات النظام وثالث من الدفاع الوطني.")) == [
        ("killed", 2, "exact", GOV, None, None, None),
        ("killed", 1, "exact", "national-defence-forces", None, None, None),
    ]
    assert _rows(_claims(vocabulary, "قتل قيادي في هيئة تحرير الشام ومرافقه بانفجار عبوة.")) == [
        ("killed", 1, "exact", HTS, None, None, None),
        ("killed", 1, "exact", HTS, None, None, None),
    ]
    # «أخرى» that is no victim
    assert _rows(_claims(vocabulary, "قتل مدني في درعا، ومن جهة أخرى قصفت قوات النظام البلدة.")) == [
        ("killed", 1, "exact", "civilians", None, None, None)]


def test_a_sentence_opening_with_among_the_dead_refers_back(vocabulary) -> None:
    assert _rows(_claims(vocabulary, "Twelve civilians were killed in the strikes. Among the dead were 4 children "
                                     "and 2 women.")) == [
        ("killed", 12, "exact", "civilians", None, None, None),
        ("killed", 4, "exact", "civilians", None, "children", 0),
        ("killed", 2, "exact", "civilians", None, "women", 0),
    ]
    # «وبين الجرحى» goes back to the injured, not to the dead
    assert _rows(_claims(vocabulary, "استشهد 9 مواطنين وأصيب 20 آخرون. وبين الجرحى 6 أطفال.")) == [
        ("killed", 9, "exact", "civilians", None, None, None),
        ("injured", 20, "exact", "civilians", None, None, None),
        ("injured", 6, "exact", "civilians", None, "children", 1),
    ]
    assert _rows(_claims(vocabulary, "Twenty people were killed. The dead include 7 children.")) == [
        ("killed", 20, "exact", "civilians", None, None, None),
        ("killed", 7, "exact", "civilians", None, "children", 0),
    ]
    assert _rows(_claims(vocabulary, "قتل 15 مدنياً جراء القصف. 6 منهم أطفال.")) == [
        ("killed", 15, "exact", "civilians", None, None, None),
        ("killed", 6, "exact", "civilians", None, "children", 0),
    ]
    # a part is never larger than the whole it would go back to
    assert _rows(_claims(vocabulary, "قتل 3 مدنيين. ومن بين القتلى في الأسبوع 9 أطفال.")) [1][6] is None


def test_a_sentence_opening_with_among_them_refers_back(vocabulary) -> None:
    assert _rows(_claims(vocabulary, "Eleven soldiers died. Among them were two officers.")) == [
        ("killed", 11, "exact", GOV, None, None, None),
        ("killed", 2, "exact", GOV, None, None, 0),
    ]
    assert _rows(_claims(vocabulary, "قتل 15 مدنياً جراء القصف. ومن بينهم 5 أطفال.")) == [
        ("killed", 15, "exact", "civilians", None, None, None),
        ("killed", 5, "exact", "civilians", None, "children", 0),
    ]


def test_names_and_adjectives_inside_english_noun_phrases(vocabulary) -> None:
    assert _rows(_claims(vocabulary, "Nine IS militants were killed.")) == [("killed", 9, "exact", IS, None, None, None)]
    assert _rows(_claims(vocabulary, "Six pro-government militiamen were killed.")) == [
        ("killed", 6, "exact", "pro-government-militias", None, None, None)]
    # the adjective of the second noun does not reach back over "and"
    assert _rows(_claims(vocabulary, "Two regime officers and a Russian adviser were killed.")) == [
        ("killed", 2, "exact", GOV, None, None, None),
        ("killed", 1, "exact", "russian-forces", "RU", None, None),
    ]


@pytest.mark.parametrize("text, count", [
    ("Five members of IS were killed.", 5),
    ("The SDF killed 4 fighters of IS in the raid.", 4),
    ("An IS commander was killed.", 1),
])
def test_the_acronym_is_is_a_name_not_a_verb(vocabulary, text, count) -> None:
    assert _rows(_claims(vocabulary, text)) == [("killed", count, "exact", IS, None, None, None)]


def test_unnumbered_groups_inside_a_list_are_vague_sub_counts(vocabulary) -> None:
    assert _rows(_claims(vocabulary, "قتل 20 مدنياً بينهم أطفال ونساء.")) == [
        ("killed", 20, "exact", "civilians", None, None, None),
        ("killed", None, "unknown", "civilians", None, "children", 0),
        ("killed", None, "unknown", "civilians", None, "women", 0),
    ]
    assert _rows(_claims(vocabulary, "At least 20 civilians were killed, including women and children.")) == [
        ("killed", 20, "at_least", "civilians", None, None, None),
        ("killed", None, "unknown", "civilians", None, "women", 0),
        ("killed", None, "unknown", "civilians", None, "children", 0),
    ]


def test_relatives_and_families_are_civilians(vocabulary) -> None:
    assert _rows(_claims(vocabulary, "Russian jets killed at least 11 members of one family.")) == [
        ("killed", 11, "at_least", "civilians", None, None, None)]
    assert _rows(_claims(vocabulary, "قتل 5 أفراد من عائلة واحدة.")) == [
        ("killed", 5, "exact", "civilians", None, None, None)]
    assert _rows(_claims(vocabulary, "Regime forces executed 6 civilians, including two brothers, in the town.")) == [
        ("killed", 6, "exact", "civilians", None, None, None),
        ("killed", 2, "exact", "civilians", None, None, 0),
    ]
    assert _rows(_claims(vocabulary, "Factions shelled the village, killing a woman and injuring her two sons.")) == [
        ("killed", 1, "exact", "civilians", None, "women", None),
        ("injured", 2, "exact", "civilians", None, None, None),
    ]


def test_local_network_headlines(vocabulary) -> None:
    assert _rows(_claims(vocabulary, "شهيد وجريحان بقصف لقوات الأسد على جبل الزاوية.")) == [
        ("killed", 1, "exact", "civilians", None, None, None),
        ("injured", 2, "exact", "civilians", None, None, None),
    ]
    assert _rows(_claims(vocabulary, "مقتل قيادي في فصيل أحرار الشام بعبوة ناسفة.")) == [
        ("killed", 1, "exact", "ahrar-al-sham", None, None, None)]
    assert _rows(_claims(vocabulary, "مقتل 5 وإصابة 12 بانفجار.")) == [
        ("killed", 5, "exact", None, None, None, None),
        ("injured", 12, "exact", None, None, None, None),
    ]


def test_a_verb_after_and_opens_the_next_clause(vocabulary) -> None:
    assert _rows(_claims(vocabulary, "The air raids killed at least 10 people and wounded dozens, the monitor said.")) == [
        ("killed", 10, "at_least", "civilians", None, None, None),
        ("injured", None, "unknown", "civilians", None, None, None),
    ]
    assert _rows(_claims(vocabulary, "Five pro-Damascus fighters were killed.")) == [
        ("killed", 5, "exact", "pro-government-militias", None, None, None)]
    assert _rows(_claims(vocabulary, "Airstrikes killed some 30 people, wounded more than 50 and left dozens missing.")) == [
        ("killed", 30, "about", "civilians", None, None, None),
        ("injured", 50, "more_than", "civilians", None, None, None),
        ("missing", None, "unknown", "civilians", None, None, None),
    ]


@pytest.mark.parametrize("text, expected", [
    ("ISIS took 4 SDF fighters captive.", [("captured", 4, "exact", SDF, None, None, None)]),
    ("Two journalists were taken hostage.", [("captured", 2, "exact", "civilians", None, None, None)]),
    ("Four fishermen went missing after the shelling.", [("missing", 4, "exact", "civilians", None, None, None)]),
    ("فقد 3 أطفال تحت الأنقاض.", [("missing", 3, "exact", "civilians", None, "children", None)]),
    ("The SDF handed over 20 prisoners.", []),
])
def test_capture_and_missing_in_other_words(vocabulary, text, expected) -> None:
    assert _rows(_claims(vocabulary, text)) == expected


def test_a_breakdown_between_dashes(vocabulary) -> None:
    assert _rows(_claims(vocabulary, "Shelling killed 7 civilians – 3 children and 2 women – in Idlib.")) == [
        ("killed", 7, "exact", "civilians", None, None, None),
        ("killed", 3, "exact", "civilians", None, "children", 0),
        ("killed", 2, "exact", "civilians", None, "women", 0),
    ]


def test_died_of_wounds_is_a_death(vocabulary) -> None:
    assert _rows(_claims(vocabulary, "A wounded fighter succumbed to his injuries.")) == [
        ("killed", 1, "exact", None, None, None, None)]
    assert _rows(_claims(vocabulary, "Two men succumbed to their wounds in hospital.")) == [
        ("killed", 2, "exact", "civilians", None, None, None)]


def test_sub_counts_of_the_dead_in_a_later_sentence(vocabulary) -> None:
    assert _rows(_claims(vocabulary, "قتل 10 مدنيين في القصف. وهم 4 أطفال و3 سيدات و3 رجال.")) == [
        ("killed", 10, "exact", "civilians", None, None, None),
        ("killed", 4, "exact", "civilians", None, "children", 0),
        ("killed", 3, "exact", "civilians", None, "women", 0),
        ("killed", 3, "exact", "civilians", None, None, 0),
    ]
    assert _rows(_claims(vocabulary, "The strikes killed 21 people. Fourteen of the dead were civilians."))[1] == (
        "killed", 14, "exact", "civilians", None, None, 0)
    assert _rows(_claims(vocabulary, "Twelve civilians were killed in the strikes. They included 3 children."))[1] == (
        "killed", 3, "exact", "civilians", None, "children", 0)
    # a state of some of the victims is no further claim
    assert _rows(_claims(vocabulary, "More than 20 people were injured. 3 of the wounded are in critical condition.")) == [
        ("injured", 20, "more_than", "civilians", None, None, None)]


def test_dual_verb_forms(vocabulary) -> None:
    assert _rows(_claims(vocabulary, "عنصران من قوات النظام لقيا حتفهما بانفجار لغم.")) == [
        ("killed", 2, "exact", GOV, None, None, None)]
    assert _rows(_claims(vocabulary, "وكان 5 أطفال قد استشهدوا أمس.")) == [
        ("killed", 5, "exact", "civilians", None, "children", None)]


def test_the_article_before_a_counted_number(vocabulary) -> None:
    assert _rows(_claims(vocabulary, "قتل قرابة الـ 30 عنصراً من قوات النظام.")) == [
        ("killed", 30, "about", GOV, None, None, None)]
    assert _rows(_claims(vocabulary, "ارتفع إلى 40 عدد القتلى، بينهم الـ 12 طفلاً.")) == [
        ("killed", 40, "exact", None, None, None, None),
        ("killed", 12, "exact", "civilians", None, "children", 0),
    ]
    # «الـ 24 ساعة» stays a span of time
    assert _claims(vocabulary, "قصفت الطائرات البلدة خلال الـ 24 ساعة الماضية.") == ()
