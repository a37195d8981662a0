"""kg.graph.iri and kg.graph.build: Extractions made by hand → RDF triples.

No extractor is used here: every Extraction is built from a Report and
Span.of, so these tests pin the graph model, not extraction quality.
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, Namespace
import rdflib.namespace

from kg.graph import iri
from kg.graph.build import GraphBuildError, build_graph, estimate
from kg.graph.vocab import GEO, ID, KG, NIF, SEM, WD
from kg.model import (
    ActorMention,
    CasualtyClaim,
    DateMention,
    Extraction,
    Phase,
    Place,
    PlaceMention,
    Report,
    SiegeLifting,
    Span,
)
from kg.reports import load_report

# An open Namespace: pytest probes module attributes, which a ClosedNamespace warns about.
XSD = Namespace(str(rdflib.namespace.XSD))

REPO = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
ONTOLOGY = REPO / "ontology" / "kg.ttl"

# ---------------------------------------------------------------- hand-made inputs

EN_REPORT = Report(
    id="golden-en-1",
    lang="en",
    published=date(2017, 9, 11),
    source="SOHR",
    url="https://example.org/reports/1",
    title="Regime forces break the siege of Deir ez-Zor",
    text=(
        "Regime forces broke the siege of Deir ez-Zor city yesterday, after taking Brigade 137 "
        "and then the airport. At least 106 fighters were killed, including 46 non-Syrians, "
        "including 20 Hezbollah members. About 30 civilians were injured in Kabajeb."
    ),
)

DEIR_EZ_ZOR = Place(170794, "Deir ez-Zor", "دير الزور", "PPLA", 35.33588, 40.14084, 170792,
                    "settlement", "Q241842")
DEIR_GOV = Place(170792, "Deir ez-Zor Governorate", "محافظة دير الزور", "ADM1", 35.0, 40.5,
                 170792, "governorate", "Q239806")


def sp(report: Report, quote: str, part: str = "text", nth: int = 0) -> Span:
    """The span of the nth occurrence of `quote`, made with Span.of."""
    text = report.part(part)
    starts = [m.start() for m in re.finditer(re.escape(quote), text)]
    start = starts[nth]
    return Span.of(report, part, start, start + len(quote))


def english_extraction(**changes) -> Extraction:
    r = EN_REPORT
    fields = dict(
        report=r,
        casualties=(
            CasualtyClaim("killed", 106, "at_least", sp(r, "At least 106 fighters"),
                          side="syrian-government-forces",
                          evidence=sp(r, "At least 106 fighters were killed, including 46 non-Syrians, "
                                         "including 20 Hezbollah members.")),
            CasualtyClaim("killed", 46, "exact", sp(r, "46 non-Syrians"),
                          side="syrian-government-forces", nationality="non-SY", part_of=0),
            CasualtyClaim("killed", 20, "exact", sp(r, "20 Hezbollah members"), side="Q41053",
                          nationality="LB", part_of=1),
            CasualtyClaim("injured", 30, "about", sp(r, "About 30 civilians"), side="civilians"),
        ),
        actors=(
            ActorMention("syrian-government-forces", sp(r, "Regime forces")),
            ActorMention("syrian-government-forces", sp(r, "Regime forces", "title")),
            ActorMention("Q41053", sp(r, "Hezbollah")),
        ),
        places=(
            PlaceMention(sp(r, "Deir ez-Zor city"), DEIR_EZ_ZOR, "city"),
            PlaceMention(sp(r, "Kabajeb"), None, "village"),
        ),
        dates=(DateMention(date(2017, 9, 10), sp(r, "yesterday"), relative=True),),
        siege=SiegeLifting(
            span=sp(r, "broke the siege"),
            place=PlaceMention(sp(r, "Deir ez-Zor", "title"), DEIR_EZ_ZOR, "city"),
            day=date(2017, 9, 10),
            phases=(
                Phase(1, "Brigade 137", sp(r, "Brigade 137")),
                Phase(2, "the airport", sp(r, "the airport")),
            ),
            governorate=DEIR_GOV,
            actors=("syrian-government-forces",),
        ),
        components=("kg.dates.v1", "kg.places.v1", "kg.actors.v1", "kg.casualties.v1",
                    "kg.siege.v1"),
    )
    fields.update(changes)
    return Extraction(**fields)


def rid_iri(path: str) -> URIRef:
    return URIRef(f"{iri.report_iri(EN_REPORT.id)}/{path}")


# ---------------------------------------------------------------- IRIs


def test_iris_are_deterministic_and_under_the_id_namespace():
    made = [
        iri.report_iri("dev-001"), iri.report_graph_iri("dev-001"), iri.incident_iri("dev-001"),
        iri.claim_iri("dev-001", 3), iri.span_iri("dev-001", "text", 4, 17),
        iri.place_iri(170794), iri.place_iri(report_id="dev-001", part="title", start=0, end=5),
        iri.actor_iri("Q41053"), iri.siege_iri("dev-001"), iri.phase_iri("dev-001", 2),
        iri.activity_iri("dev-001"), iri.ONTOLOGY_GRAPH, iri.VOCABULARY_GRAPH,
    ]
    assert all(str(i).startswith(str(ID)) for i in made)
    assert len(set(made)) == len(made)
    assert iri.claim_iri("dev-001", 3) == iri.claim_iri("dev-001", 3)
    assert iri.report_graph_iri("dev-001") != iri.report_iri("dev-001")
    assert iri.place_iri(170794) == ID["place/170794"]
    assert iri.actor_iri("syrian-government-forces") == ID["actor/syrian-government-forces"]


def test_ids_are_percent_encoded_so_they_cannot_add_path_segments():
    assert iri.report_iri("a/b c?d#e") == ID["report/a%2Fb%20c%3Fd%23e"]
    assert iri.report_iri("تقرير") == ID["report/%D8%AA%D9%82%D8%B1%D9%8A%D8%B1"]
    assert iri.actor_iri("..") == ID["actor/%2E%2E"]
    assert iri.report_iri("x/y") != iri.report_iri("x%2Fy")
    assert "/" not in str(iri.report_iri("x/y")).removeprefix(str(ID) + "report/")


@pytest.mark.parametrize("call", [
    lambda: iri.report_iri(""),
    lambda: iri.claim_iri("r", -1),
    lambda: iri.claim_iri("r", True),
    lambda: iri.span_iri("r", "body", 0, 1),
    lambda: iri.span_iri("r", "text", 5, 4),
    lambda: iri.place_iri(0),
    lambda: iri.place_iri(None),
    lambda: iri.place_iri(12, report_id="r", part="text", start=0, end=1),
])
def test_bad_keys_are_refused(call):
    with pytest.raises(ValueError):
        call()


# ---------------------------------------------------------------- the built graph


@pytest.fixture(scope="module")
def graph() -> Graph:
    return build_graph(english_extraction())


def test_report_node_carries_metadata_and_text(graph):
    node = iri.report_iri(EN_REPORT.id)
    assert (node, RDF.type, KG.Report) in graph
    assert graph.value(node, DCTERMS.identifier) == Literal("golden-en-1")
    assert graph.value(node, DCTERMS.issued) == Literal(date(2017, 9, 11), datatype=XSD.date)
    assert graph.value(node, DCTERMS.language) == Literal("en")
    assert graph.value(node, DCTERMS.source) == Literal("SOHR")
    assert graph.value(node, DCTERMS.title) == Literal(EN_REPORT.title, lang="en")
    assert graph.value(node, KG.text) == Literal(EN_REPORT.text, lang="en")
    assert graph.value(node, KG.url) == Literal(EN_REPORT.url, datatype=XSD.anyURI)


def test_part_of_chain_is_kept_as_links_between_claims(graph):
    c0, c1, c2, c3 = (iri.claim_iri(EN_REPORT.id, i) for i in range(4))
    assert graph.value(c2, KG.partOf) == c1
    assert graph.value(c1, KG.partOf) == c0
    assert graph.value(c0, KG.partOf) is None
    assert graph.value(c3, KG.partOf) is None
    # the whole chain is reachable with a property path, so nobody adds 106 + 46 + 20
    rows = graph.query(
        "SELECT ?top WHERE { ?c kg:partOf+ ?top . FILTER NOT EXISTS { ?top kg:partOf ?x } }",
        initNs={"kg": KG}, initBindings={"c": c2})
    assert [r.top for r in rows] == [c0]


def test_claim_fields(graph):
    c1, c2, c3 = (iri.claim_iri(EN_REPORT.id, i) for i in (1, 2, 3))
    assert graph.value(c1, KG.casualtyKind) == KG.Killed
    assert graph.value(c1, KG["count"]) == Literal(46, datatype=XSD.integer)
    assert graph.value(c1, KG.qualifier) == KG.Exact
    assert graph.value(c1, KG.nationality) == Literal("non-SY")
    assert graph.value(c1, KG.victimSide) == iri.actor_iri("syrian-government-forces")
    assert graph.value(c2, KG.victimSide) == iri.actor_iri("Q41053")
    assert graph.value(c3, KG.victimSide) == KG.Civilians
    assert graph.value(c3, KG.casualtyKind) == KG.Injured
    assert graph.value(c3, KG.cumulative) == Literal(False)
    for c in (c1, c2, c3):
        assert graph.value(c, PROV.wasDerivedFrom) == iri.report_iri(EN_REPORT.id)
        assert graph.value(c, PROV.wasGeneratedBy) == iri.activity_iri(EN_REPORT.id)
        assert graph.value(c, KG.incident) == iri.incident_iri(EN_REPORT.id)
    evidence = graph.value(c2, KG.evidence)
    assert graph.value(evidence, NIF.anchorOf) == Literal("20 Hezbollah members")
    context = graph.value(iri.claim_iri(EN_REPORT.id, 0), KG.context)
    assert str(graph.value(context, NIF.anchorOf)).startswith("At least 106 fighters were killed")


def test_cumulative_and_vague_claims():
    r = EN_REPORT
    x = english_extraction(casualties=(
        CasualtyClaim("killed", 106, "exact", sp(r, "106"), cumulative=True),
        CasualtyClaim("injured", None, "unknown", sp(r, "civilians were injured")),
    ))
    g = build_graph(x)
    c0, c1 = iri.claim_iri(r.id, 0), iri.claim_iri(r.id, 1)
    assert g.value(c0, KG.cumulative) == Literal(True)
    assert g.value(c1, KG["count"]) is None
    assert g.value(c1, KG.qualifier) == KG.UnknownCount
    assert [t for p in (KG.low, KG.best, KG.high) for t in g.triples((c1, p, None))] == []
    assert g.value(c1, KG.estimateRule) is not None
    assert g.value(c1, KG.victimSide) is None


@pytest.mark.parametrize("count, qualifier, low, best, high", [
    (37, "exact", 37, 37, 37),
    (37, "at_least", 37, 37, None),
    (37, "more_than", 38, 38, None),
    (30, "about", 27, 30, 33),
    (4, "about", 3, 4, 5),
    (None, "unknown", None, None, None),
])
def test_low_best_high_follow_the_qualifier(count, qualifier, low, best, high):
    r = EN_REPORT
    g = build_graph(english_extraction(casualties=(
        CasualtyClaim("killed", count, qualifier, sp(r, "At least 106 fighters")),)))
    c = iri.claim_iri(r.id, 0)
    as_int = lambda v: None if v is None else v.toPython()  # noqa: E731
    assert (as_int(g.value(c, KG.low)), as_int(g.value(c, KG.best)),
            as_int(g.value(c, KG.high))) == (low, best, high)
    rule = g.value(c, KG.estimateRule)
    assert rule == Literal(estimate(count, qualifier).rule)
    assert str(rule).split(":")[0] in {"exact", "at-least", "more-than", "about", "no-count"}


def test_estimate_bounds_are_ordered_for_any_count():
    for qualifier in ("exact", "at_least", "more_than", "about", "unknown"):
        for count in (0, 1, 2, 9, 10, 11, 99, 1000):
            e = estimate(count, qualifier)
            values = [v for v in (e.low, e.best, e.high) if v is not None]
            assert values == sorted(values), (qualifier, count, e)
            assert all(v >= 0 for v in values)


def test_linked_place_has_geonames_wikidata_point_and_governorate(graph):
    place = iri.place_iri(170794)
    assert (place, RDF.type, KG.Place) in graph
    assert graph.value(place, OWL.sameAs) == URIRef("https://sws.geonames.org/170794/")
    assert graph.value(place, SKOS.exactMatch) == WD["Q241842"]
    assert graph.value(place, KG.geonamesId) == Literal(170794, datatype=XSD.integer)
    assert graph.value(place, KG.featureCode) == Literal("PPLA")
    assert graph.value(place, KG.precision) == KG.Settlement
    assert set(graph.objects(place, RDFS.label)) == {Literal("Deir ez-Zor", lang="en"),
                                                      Literal("دير الزور", lang="ar")}
    wkt = graph.value(graph.value(place, GEO.hasGeometry), GEO.asWKT)
    assert wkt.datatype == GEO.wktLiteral
    assert str(wkt) == "POINT(40.14084 35.33588)"  # longitude first
    gov = graph.value(place, KG.governorate)
    assert gov == iri.place_iri(170792)
    assert graph.value(gov, KG.precision) == KG.Governorate
    assert Literal("محافظة دير الزور", lang="ar") in set(graph.objects(gov, RDFS.label))
    assert graph.value(gov, KG.governorate) is None  # an ADM1 is not inside itself


def test_governorate_labels_come_from_the_lookup_when_the_report_lacks_them():
    r = EN_REPORT
    x = english_extraction(siege=None, places=(PlaceMention(sp(r, "Deir ez-Zor city"), DEIR_EZ_ZOR),))
    gov = iri.place_iri(170792)
    bare = build_graph(x)
    assert (gov, RDF.type, KG.Place) in bare
    assert bare.value(gov, RDFS.label) is None
    assert bare.value(gov, OWL.sameAs) == URIRef("https://sws.geonames.org/170792/")
    looked_up = build_graph(x, lookup_place={170792: DEIR_GOV}.get)
    assert Literal("Deir ez-Zor Governorate", lang="en") in set(looked_up.objects(gov, RDFS.label))


def test_unlinked_place_keeps_its_words_but_no_gazetteer_link(graph):
    mention = sp(EN_REPORT, "Kabajeb")
    place = iri.place_iri(report_id=EN_REPORT.id, part="text", start=mention.start, end=mention.end)
    assert (place, RDF.type, KG.Place) in graph
    assert graph.value(place, RDFS.label) == Literal("Kabajeb", lang="en")
    assert graph.value(place, OWL.sameAs) is None
    assert graph.value(place, KG.precision) == KG.UnknownPrecision
    assert "Kabajeb" not in str(place)
    assert (iri.incident_iri(EN_REPORT.id), SEM.hasPlace, place) in graph


def test_other_places_a_name_could_mean_are_kept_on_the_span():
    r = EN_REPORT
    mention = PlaceMention(sp(r, "Deir ez-Zor city"), DEIR_EZ_ZOR, "city",
                           alternatives=(170794, 170792, 163000))
    g = build_graph(english_extraction(places=(mention,), siege=None))
    span = iri.span_iri(r.id, "text", mention.span.start, mention.span.end)
    assert g.value(span, KG.mentions) == iri.place_iri(170794)
    assert set(g.objects(span, KG.alternativeMatch)) == {
        URIRef("https://sws.geonames.org/170792/"), URIRef("https://sws.geonames.org/163000/")}


def test_no_iri_is_made_from_surface_text(graph):
    """Minted IRIs follow the key layout of kg.graph.iri: ids, indexes, offsets only."""
    rid = re.escape(EN_REPORT.id)
    layout = re.compile(
        rf"report/{rid}(/incident|/activity|/siege(/phase/[0-9]+)?|/claim/[0-9]+"
        rf"|/(span|place)/(title|text)/[0-9]+-[0-9]+)?"
        r"|place/[0-9]+(/geometry)?"
        r"|actor/(Q[0-9]+|syrian-government-forces)")
    minted = {str(t) for t in graph.all_nodes() if isinstance(t, URIRef) and t.startswith(str(ID))}
    assert len(minted) > 20
    for term in minted:
        assert layout.fullmatch(term.removeprefix(str(ID))), term


def test_every_span_quote_equals_the_text_slice(graph):
    report = iri.report_iri(EN_REPORT.id)
    text = str(graph.value(report, KG.text))
    title = str(graph.value(report, DCTERMS.title))
    spans = list(graph.subjects(RDF.type, KG.TextSpan))
    assert len(spans) >= 10
    for span in spans:
        part = str(graph.value(span, KG.inPart))
        begin = graph.value(span, NIF.beginIndex).toPython()
        end = graph.value(span, NIF.endIndex).toPython()
        source = title if part == "title" else text
        assert source[begin:end] == str(graph.value(span, NIF.anchorOf))
        assert graph.value(span, KG.inReport) == report


def test_mentions_point_from_spans_to_actors_places_and_days(graph):
    mentioned = set(graph.objects(None, KG.mentions))
    assert iri.actor_iri("Q41053") in mentioned
    assert iri.actor_iri("syrian-government-forces") in mentioned
    assert iri.place_iri(170794) in mentioned
    yesterday = sp(EN_REPORT, "yesterday")
    span = iri.span_iri(EN_REPORT.id, "text", yesterday.start, yesterday.end)
    assert graph.value(span, KG.mentionsDate) == Literal(date(2017, 9, 10), datatype=XSD.date)
    assert graph.value(span, KG.relative) == Literal(True)
    # actor labels live in the vocabulary graph, not in each report
    assert graph.value(iri.actor_iri("Q41053"), RDFS.label) is None
    assert (iri.actor_iri("Q41053"), RDF.type, KG.Actor) in graph


def test_incident_is_the_hub(graph):
    incident = iri.incident_iri(EN_REPORT.id)
    assert (incident, RDF.type, KG.Incident) in graph
    assert (incident, RDF.type, SEM.Event) in graph
    assert set(graph.objects(incident, SEM.hasActor)) == {
        iri.actor_iri("syrian-government-forces"), iri.actor_iri("Q41053")}
    assert iri.place_iri(170794) in set(graph.objects(incident, SEM.hasPlace))
    assert list(graph.objects(incident, KG.date)) == [Literal(date(2017, 9, 10), datatype=XSD.date)]
    assert graph.value(incident, PROV.wasDerivedFrom) == iri.report_iri(EN_REPORT.id)


def test_one_date_per_distinct_day():
    r = EN_REPORT
    x = english_extraction(dates=(
        DateMention(date(2017, 9, 10), sp(r, "yesterday"), relative=True),
        DateMention(date(2017, 9, 10), sp(r, "Regime forces")),
        DateMention(date(2017, 9, 8), sp(r, "the airport")),
    ))
    days = sorted(v.toPython() for v in build_graph(x).objects(iri.incident_iri(r.id), KG.date))
    assert days == [date(2017, 9, 8), date(2017, 9, 10)]


def test_siege_lifting_with_ordered_phases(graph):
    siege = iri.siege_iri(EN_REPORT.id)
    assert (siege, RDF.type, KG.SiegeLifting) in graph
    assert graph.value(siege, KG.besieged) == iri.place_iri(170794)
    assert graph.value(siege, KG.liftedOn) == Literal(date(2017, 9, 10), datatype=XSD.date)
    assert graph.value(siege, KG.governorate) == iri.place_iri(170792)
    assert graph.value(siege, SEM.hasActor) == iri.actor_iri("syrian-government-forces")
    assert str(graph.value(graph.value(siege, KG.evidence), NIF.anchorOf)) == "broke the siege"
    rows = graph.query(
        "SELECT ?order ?objective WHERE { ?s kg:hasPhase ?p . ?p kg:order ?order ; "
        "kg:objective ?objective } ORDER BY ?order", initNs={"kg": KG}, initBindings={"s": siege})
    assert [(r.order.toPython(), r.objective) for r in rows] == [
        (1, Literal("Brigade 137", lang="en")), (2, Literal("the airport", lang="en"))]
    phase = iri.phase_iri(EN_REPORT.id, 1)
    assert graph.value(phase, KG.order).datatype == XSD.positiveInteger


def test_phase_objective_place_and_report_language():
    ar = Report(id="ar-1", lang="ar", published=date(2016, 8, 7), source="SOHR",
                text="كسرت الفصائل الحصار عن حلب بعد السيطرة على كلية المدفعية في حلب")
    aleppo = Place(170063, "Aleppo", "حلب", "PPLA", 36.20124, 37.16117, 170062, "settlement")
    x = Extraction(report=ar, siege=SiegeLifting(
        span=sp(ar, "كسرت الفصائل الحصار"),
        place=PlaceMention(sp(ar, "حلب"), aleppo, "city"),
        day=date(2016, 8, 6),
        phases=(Phase(1, "كلية المدفعية", sp(ar, "كلية المدفعية"),
                      PlaceMention(sp(ar, "حلب", nth=1), aleppo)),)))
    g = build_graph(x)
    phase = iri.phase_iri("ar-1", 1)
    assert g.value(phase, KG.objective) == Literal("كلية المدفعية", lang="ar")
    assert g.value(phase, KG.objectivePlace) == iri.place_iri(170063)
    assert g.value(iri.siege_iri("ar-1"), KG.besieged) == iri.place_iri(170063)


def test_activity_names_the_components(graph):
    activity = iri.activity_iri(EN_REPORT.id)
    assert (activity, RDF.type, PROV.Activity) in graph
    assert {str(c) for c in graph.objects(activity, KG.component)} == {
        "kg.dates.v1", "kg.places.v1", "kg.actors.v1", "kg.casualties.v1", "kg.siege.v1"}
    assert graph.value(activity, PROV.used) == iri.report_iri(EN_REPORT.id)


def test_minimal_extraction_still_has_report_incident_and_activity():
    g = build_graph(Extraction(report=EN_REPORT))
    assert (iri.report_iri(EN_REPORT.id), RDF.type, KG.Report) in g
    assert (iri.incident_iri(EN_REPORT.id), RDF.type, KG.Incident) in g
    assert not list(g.subjects(RDF.type, KG.CasualtyClaim))


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize("change, words", [
    (lambda r: dict(casualties=(CasualtyClaim("killed", 5, "exact", Span("text", 0, 5, "XXXXX")),)),
     "quotes"),
    (lambda r: dict(casualties=(CasualtyClaim("killed", 5, "exact", Span("text", 0, 9999, "x")),)),
     "outside"),
    (lambda r: dict(casualties=(CasualtyClaim("killed", 5, "exact", sp(r, "106"), part_of=3),)),
     "part of claim 3"),
    (lambda r: dict(casualties=(CasualtyClaim("killed", 5, "exact", sp(r, "106"), part_of=0),)),
     "part of claim 0"),
    (lambda r: dict(casualties=(CasualtyClaim("slain", 5, "exact", sp(r, "106")),)), "kind"),
    (lambda r: dict(casualties=(CasualtyClaim("killed", -1, "exact", sp(r, "106")),)), "count"),
    (lambda r: dict(siege=SiegeLifting(sp(r, "broke the siege"), None, None, phases=(
        Phase(1, "a", sp(r, "Brigade 137")), Phase(1, "b", sp(r, "the airport"))))), "phase"),
    (lambda r: dict(places=(PlaceMention(sp(r, "Kabajeb"), Place(1, "K", "ك", wikidata="wd:Q1")),)),
     "Wikidata"),
])
def test_inconsistent_extractions_are_refused_with_a_clear_error(change, words):
    with pytest.raises(GraphBuildError, match=words) as caught:
        build_graph(english_extraction(**change(EN_REPORT)))
    assert EN_REPORT.id in str(caught.value)


# ---------------------------------------------------------------- determinism and golden file


def test_same_extraction_gives_an_isomorphic_graph():
    first, second = build_graph(english_extraction()), build_graph(english_extraction())
    assert isomorphic(first, second)
    assert set(first) == set(second)  # no blank nodes, so even the triples are equal


def test_golden_graph():
    expected_path = GOLDEN / "siege-en.ttl"
    built = build_graph(english_extraction())
    if os.environ.get("KG_UPDATE_GOLDEN") == "1":
        expected_path.parent.mkdir(exist_ok=True)
        expected_path.write_text(built.serialize(format="turtle"), encoding="utf-8")
    expected = Graph().parse(expected_path, format="turtle")
    if not isomorphic(built, expected):
        _, only_built, only_expected = graph_diff(to_isomorphic(built), to_isomorphic(expected))
        pytest.fail("graph differs from tests/golden/siege-en.ttl\nonly built:\n"
                    + only_built.serialize(format="nt") + "\nonly expected:\n"
                    + only_expected.serialize(format="nt"))


# ---------------------------------------------------------------- ontology and store


def test_every_kg_term_the_builder_uses_is_defined_with_labels_in_both_languages(graph):
    ontology = Graph().parse(ONTOLOGY, format="turtle")
    used = {t for triple in graph for t in triple
            if isinstance(t, URIRef) and str(t).startswith(str(KG))}
    assert used, "the builder should use kg: terms"
    for term in sorted(used):
        assert (term, RDF.type, None) in ontology, f"{term} is not defined in ontology/kg.ttl"
        for prop in (RDFS.label, RDFS.comment):
            langs = {o.language for o in ontology.objects(term, prop)}
            assert {"en", "ar"} <= langs, f"{term} lacks an en/ar {prop}"


def test_every_ontology_term_has_labels_and_comments_in_both_languages():
    ontology = Graph().parse(ONTOLOGY, format="turtle")
    terms = {s for s in ontology.subjects() if isinstance(s, URIRef) and s.startswith(str(KG))}
    assert len(terms) > 40
    for term in terms:
        for prop in (RDFS.label, RDFS.comment):
            assert {o.language for o in ontology.objects(term, prop)} >= {"en", "ar"}, (term, prop)


@pytest.mark.parametrize("source", ["shapes/kg-shapes.ttl", "ontology/actors.ttl"])
def test_kg_terms_used_by_the_shapes_and_the_actor_vocabulary_are_defined(source):
    path = REPO / source
    if not path.exists():
        pytest.skip(f"{source} is not there yet")
    ontology = Graph().parse(ONTOLOGY, format="turtle")
    used = {t for triple in Graph().parse(path, format="turtle") for t in triple
            if isinstance(t, URIRef) and str(t).startswith(str(KG))}
    assert used
    assert sorted(t for t in used if (t, RDF.type, None) not in ontology) == []


def test_graph_loads_into_pyoxigraph_as_a_named_graph(graph):
    store = pyoxigraph.Store()
    name = pyoxigraph.NamedNode(str(iri.report_graph_iri(EN_REPORT.id)))
    store.load(graph.serialize(format="nt").encode(), format=pyoxigraph.RdfFormat.N_TRIPLES,
               to_graph=name)
    assert len(store) == len(graph)
    rows = list(store.query(
        "PREFIX kg: <https://w3id.org/conflict-kg/ontology#> "
        "SELECT (SUM(?n) AS ?total) WHERE { GRAPH ?g { ?c a kg:CasualtyClaim ; kg:casualtyKind "
        "kg:Killed ; kg:count ?n FILTER NOT EXISTS { ?c kg:partOf ?p } } }"))
    assert rows[0]["total"].value == "106"


def test_real_report_spans_survive_arabic_text():
    """Every run of digits in a sample report as a claim: spans must slice the Arabic exactly."""
    report = load_report(REPO / "samples" / "reports" / "dev-001.json")
    numbers = [m for m in re.finditer(r"[0-9\u0660-\u0669]+", report.text)]
    assert numbers
    claims = tuple(CasualtyClaim("killed", 1, "exact", Span.of(report, "text", m.start(), m.end()))
                   for m in numbers)
    g = build_graph(Extraction(report=report, casualties=claims))
    for i, m in enumerate(numbers):
        span = g.value(iri.claim_iri(report.id, i), KG.evidence)
        assert str(g.value(span, NIF.anchorOf)) == m.group()
        assert g.value(span, NIF.beginIndex).toPython() == m.start()


# ---------------------------------------------------------------- properties over many inputs

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

ids = st.text(min_size=1, max_size=30)


@given(ids, ids)
def test_distinct_ids_give_distinct_iris(a, b):
    if a != b:
        assert iri.report_iri(a) != iri.report_iri(b)
        assert iri.actor_iri(a) != iri.actor_iri(b)
    minted = str(iri.report_iri(a)).removeprefix(str(ID) + "report/")
    assert re.fullmatch(r"[A-Za-z0-9%_.~-]+", minted), minted


@st.composite
def extractions(draw):
    """A random report with random claims and place mentions at random offsets."""
    text = draw(st.text(alphabet="قتل 0123456789 من قوات النظام abc,.\n", min_size=1, max_size=80))
    report = Report(id=draw(ids), lang=draw(st.sampled_from(["ar", "en"])),
                    published=date(2020, 1, 1), source="SOHR", text=text)

    def span():
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        return Span.of(report, "text", start, end)

    n = draw(st.integers(0, 4))
    claims = []
    for i in range(n):
        count = draw(st.none() | st.integers(0, 10_000))
        claims.append(CasualtyClaim(
            kind=draw(st.sampled_from(["killed", "injured", "captured", "missing"])),
            count=count,
            qualifier="unknown" if count is None else draw(
                st.sampled_from(["exact", "at_least", "about", "more_than"])),
            span=span(),
            side=draw(st.none() | st.sampled_from(["civilians", "Q41053", "a b/c"])),
            part_of=draw(st.none() | st.integers(0, i - 1)) if i else None,
            cumulative=draw(st.booleans())))
    places = tuple(PlaceMention(span(), draw(st.none() | st.just(DEIR_EZ_ZOR))) for _ in range(2))
    return Extraction(report=report, casualties=tuple(claims), places=places,
                      components=("kg.casualties.v1",))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(extractions())
def test_any_consistent_extraction_builds_a_graph_that_meets_the_shapes(extraction):
    from kg.validate import validate

    graph = build_graph(extraction)
    report = validate(graph)
    errors = [v for v in report.violations if v.severity == "Violation"]
    # an empty quote is the one thing a random span may get wrong: the shapes refuse it
    assert all(v.shape == "kgsh:Span-quote" for v in errors), report.plain()
    assert report.conforms is (not errors)
    text = extraction.report.text
    for span in graph.subjects(RDF.type, KG.TextSpan):
        begin, end = (graph.value(span, p).toPython() for p in (NIF.beginIndex, NIF.endIndex))
        assert text[begin:end] == str(graph.value(span, NIF.anchorOf))
    assert isomorphic(graph, build_graph(extraction))


def test_coordinates_are_written_in_fixed_notation_and_checked():
    r = EN_REPORT
    tiny = Place(1, "x", "س", "PPL", 0.00001, -0.5, None, "settlement")
    g = build_graph(english_extraction(places=(PlaceMention(sp(r, "Kabajeb"), tiny),), siege=None))
    assert str(g.value(iri.geometry_iri(1), GEO.asWKT)) == "POINT(-0.5 0.00001)"
    wrong = Place(1, "x", "س", "PPL", 135.0, 40.0, None, "settlement")
    with pytest.raises(GraphBuildError, match="latitude"):
        build_graph(english_extraction(places=(PlaceMention(sp(r, "Kabajeb"), wrong),), siege=None))
