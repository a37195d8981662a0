"""The SKOS actor vocabulary (generated and extended) and kg.actors.v1."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, SKOS

from kg.errors import KgError
from kg.extract.actors import find_actors
from kg.graph.vocab import ID, WD
from kg.link.actors import DEFAULT_TTL, ActorVocabulary, build_graph, main
from kg.model import Report
from kg.reports import load_report
from kg.text.normalise import MatchView

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO / ".." / "shared" / "corpus"
DEV = SHARED / "dev"


@pytest.fixture(scope="module")
def vocabulary() -> ActorVocabulary:
    return ActorVocabulary.load()


def _report(text: str, title: str = "", lang: str = "ar") -> Report:
    return Report(id="t", lang=lang, published=date(2019, 5, 1), source="test", text=text, title=title)


def _ids(vocabulary: ActorVocabulary, text: str, title: str = "") -> list[str]:
    return list(dict.fromkeys(m.actor_id for m in find_actors(_report(text, title), vocabulary)))


# --- the generated vocabulary -------------------------------------------------------

def test_build_writes_every_row_as_a_skos_concept(tmp_path: Path) -> None:
    out = tmp_path / "actors.ttl"
    assert main(["build", "--out", str(out)]) == 0
    g = Graph().parse(out, format="turtle")
    rows = [line.split("\t")[0] for line in (SHARED / "actors.tsv").read_text(encoding="utf-8").splitlines()[1:]
            if line.strip()]
    for aid in rows:
        assert (ID[f"actor/{aid}"], RDF.type, SKOS.Concept) in g
    hezbollah = ID["actor/Q41053"]
    assert (hezbollah, SKOS.exactMatch, WD["Q41053"]) in g
    assert (hezbollah, SKOS.prefLabel, Literal("حزب الله", lang="ar")) in g
    assert (hezbollah, SKOS.altLabel, Literal("حزب الله اللبناني", lang="ar")) in g
    assert (ID["actor/liwa-fatemiyoun"], SKOS.broader, ID["actor/iranian-forces"]) in g
    assert (ID["nationality/LB"], SKOS.altLabel, Literal("من الجنسية اللبنانية", lang="ar")) in g


def test_committed_vocabulary_matches_the_tables() -> None:
    fresh = build_graph(SHARED / "actors.tsv", SHARED / "nationalities.tsv")
    committed = Graph().parse(DEFAULT_TTL, format="turtle")
    assert len(committed) == len(fresh)


def test_vocabulary_reads_labels_parents_and_wikidata(vocabulary: ActorVocabulary) -> None:
    assert vocabulary.actors["Q2429253"].wikidata == "Q2429253"
    assert vocabulary.actors["isis-cells"].parent == "Q2429253"
    assert vocabulary.is_within("liwa-fatemiyoun", "iranian-forces")
    assert not vocabulary.is_within("iranian-forces", "liwa-fatemiyoun")


def test_a_researcher_file_adds_an_actor_without_code(tmp_path: Path) -> None:
    extra = tmp_path / "mine.ttl"
    extra.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "<https://w3id.org/conflict-kg/id/actor/jaysh-al-izza> a skos:Concept ;\n"
        '  skos:prefLabel "جيش العزة"@ar, "Jaysh al-Izza"@en ;\n'
        '  skos:altLabel "Army of Glory"@en .\n', encoding="utf-8")
    vocab = ActorVocabulary.load(extra=(extra,))
    assert "jaysh-al-izza" in vocab
    assert _ids(vocab, "اشتباكات عنيفة بين قوات النظام وجيش العزة") == [
        "syrian-government-forces", "jaysh-al-izza"]
    assert _ids(vocab, "Clashes between the Army of Glory and regime forces") == [
        "jaysh-al-izza", "syrian-government-forces"]


def test_a_broken_researcher_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle <<<", encoding="utf-8")
    with pytest.raises(KgError, match="bad.ttl"):
        ActorVocabulary.load(extra=(bad,))


# --- matching ------------------------------------------------------------------------

def test_longest_label_wins_and_clitics_stick(vocabulary: ActorVocabulary) -> None:
    hits = vocabulary.match(MatchView("وقتل عناصر من حزب الله اللبناني وللتنظيم ولواء فاطميون"))
    assert [(h.key, h.surface) for h in hits] == [
        ("Q41053", "عناصر من حزب الله اللبناني"), ("Q2429253", "للتنظيم"), ("liwa-fatemiyoun", "لواء فاطميون")]


def test_short_english_acronyms_match_only_in_capitals(vocabulary: ActorVocabulary) -> None:
    assert [h.key for h in vocabulary.match(MatchView("IS fighters attacked"))] == ["Q2429253"]
    assert vocabulary.match(MatchView("this is what it is")) == []


def test_words_inside_longer_words_do_not_match(vocabulary: ActorVocabulary) -> None:
    assert vocabulary.match(MatchView("قسدية التنظيمات")) == []


# --- kg.actors.v1 ----------------------------------------------------------------------

def test_bare_factions_follow_the_turkish_backed_ones_when_named(vocabulary: ActorVocabulary) -> None:
    assert _ids(vocabulary, "اشتباكات بين قسد والفصائل الموالية لتركيا، وأسرت قسد عنصرين من الفصائل") == [
        "syrian-democratic-forces", "syrian-national-army"]
    assert _ids(vocabulary, "قصفت قوات النظام مواقع الفصائل") == [
        "syrian-government-forces", "opposition-factions"]


def test_proxies_named_with_their_patron_are_actors_too(vocabulary: ActorVocabulary) -> None:
    assert _ids(vocabulary, "قصفت القوات التركية والفصائل الموالية لها قرى المنطقة") == [
        "turkish-armed-forces", "syrian-national-army"]
    assert _ids(vocabulary, "هاجمت قوات النظام والمسلحين الموالين لها البلدة") == [
        "syrian-government-forces", "pro-government-militias"]


def test_a_bare_head_noun_refers_back(vocabulary: ActorVocabulary) -> None:
    assert _ids(vocabulary, "اشتباكات بين مقاتلي مجلس منبج العسكري والجيش الوطني، فيما قتل مقاتل من المجلس") == [
        "syrian-democratic-forces", "syrian-national-army"]


def test_background_sentences_add_no_actor(vocabulary: ActorVocabulary) -> None:
    text = ("Coalition warplanes struck the town. ISIS has moved its commanders and their families "
            "to the city in recent weeks.")
    assert _ids(vocabulary, text) == ["us-led-coalition"]


def test_unknown_aircraft_have_no_id_and_unknown_gunmen_do(vocabulary: ActorVocabulary) -> None:
    assert _ids(vocabulary, "ضربات جوية نفذتها طائرات مجهولة الهوية على مقرات") == []
    assert _ids(vocabulary, "قتل عنصر برصاص مسلحين مجهولين") == ["unknown-gunmen"]


def test_actors_named_only_in_the_title_count(vocabulary: ActorVocabulary) -> None:
    assert _ids(vocabulary, "تواصلت المعارك", title="مقتل عناصر من هيئة تحرير الشام") == [
        "hayat-tahrir-al-sham"]


def test_seed_report_actors_are_exact_and_spans_quote(vocabulary: ActorVocabulary) -> None:
    report = load_report(DEV / "dev-000.json")
    mentions = find_actors(report, vocabulary)
    gold = json.loads((DEV / "dev-000.json").read_text())["gold"]["actors"]
    assert {m.actor_id for m in mentions} == set(gold)
    for m in mentions:
        assert report.part(m.span.part)[m.span.start:m.span.end] == m.span.quote


@pytest.mark.parametrize("text, expected", [
    ("لقي 5 مدنيين حتفهم جراء قصف جوي روسي على بلدة كفرنبل.", ["russian-forces"]),
    ("استشهد 4 مواطنين جراء غارات إسرائيلية على ريف دمشق.", ["israeli-forces"]),
    ("قتل 6 عناصر من الفصائل بقصف مدفعي تركي.", ["opposition-factions", "turkish-armed-forces"]),
    ("مصرع 7 عناصر من هيئة تحرير الشام بقصف للقوات الروسية والتركية.",
     ["hayat-tahrir-al-sham", "russian-forces", "turkish-armed-forces"]),
    ("Twelve people were wounded in Israeli missile strikes near Damascus.", ["israeli-forces"]),
    ("Russian and Syrian warplanes struck the town, killing 5 civilians.",
     ["russian-forces", "syrian-government-forces"]),
])
def test_attackers_named_by_an_adjective_of_nationality(vocabulary: ActorVocabulary, text, expected) -> None:
    assert sorted(_ids(vocabulary, text)) == expected


def test_a_nationality_adjective_on_people_or_places_is_no_attacker(vocabulary: ActorVocabulary) -> None:
    # «السوري» joins an attacker only as the second of a pair; victims' demonyms add no state
    assert _ids(vocabulary, "قتل مواطن تركي ومدني سوري في اشتباكات بين مسلحين.") == []
    assert _ids(vocabulary, "The Russian embassy condemned the attack.") == []


def test_syrian_soldiers_are_the_regime(vocabulary: ActorVocabulary) -> None:
    assert _ids(vocabulary, "قتل جنديان سوريان بانفجار لغم.") == ["syrian-government-forces"]


def test_regime_weapons_named_in_english(vocabulary: ActorVocabulary) -> None:
    assert _ids(vocabulary, "Regime snipers shot dead 2 civilians.") == ["syrian-government-forces"]
    assert _ids(vocabulary, "Regime shelling killed a woman and her child.") == ["syrian-government-forces"]


def test_a_group_known_only_through_its_dead_is_an_actor_of_the_report() -> None:
    from datetime import date

    from kg.extract.pipeline import Resources, extract
    from kg.model import Report

    resources = Resources.load()
    for lang, text in (
        ("en", "Three soldiers were killed on Sunday by a roadside bomb near their checkpoint."),
        ("ar", "لقي جنديان مصرعهما جراء انفجار لغم أرضي بآليتهما يوم أمس."),
    ):
        report = Report(id="t", lang=lang, published=date(2020, 3, 2), source="wire", text=text)
        extraction = extract(report, resources)
        sides = {c.side for c in extraction.casualties}
        assert sides and None not in sides and "civilians" not in sides, text
        assert sides <= set(extraction.actor_ids), text
        for mention in extraction.actors:
            assert report.part(mention.span.part)[mention.span.start:mention.span.end] == mention.span.quote
