"""Service description (GET /sparql) and VoID (/.well-known/void) over real HTTP."""

from __future__ import annotations

import httpx
import pytest
import rdflib
from conftest import fixture_graph
from rdflib import RDF, URIRef

from kg.graph.vocab import GEONAMES_BASE, KG, OWL, SD, SKOS, VOID, WIKIDATA_BASE

GRAPH_A = "https://w3id.org/conflict-kg/id/graph/fixture-a"
GRAPH_B = "https://w3id.org/conflict-kg/id/graph/fixture-b"


def test_service_description_states_the_limits(server) -> None:
    response = httpx.get(server.url + "/sparql")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=response.content, format="turtle")
    service = graph.value(predicate=RDF.type, object=SD.Service)
    assert graph.value(service, SD.endpoint) == URIRef(server.url + "/sparql")
    assert float(graph.value(service, KG.queryTimeLimit)) == server.settings.query_timeout_s
    assert int(graph.value(service, KG.rowCap)) == server.settings.row_cap
    assert SD.UnionDefaultGraph in set(graph.objects(service, SD.feature))
    formats = set(graph.objects(service, SD.resultFormat))
    assert URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON") in formats
    assert URIRef("http://www.w3.org/ns/formats/JSON-LD") in formats
    languages = set(graph.objects(service, SD.supportedLanguage))
    assert SD.SPARQL11Query in languages and SD.SPARQL11Update in languages


def test_read_only_service_does_not_offer_update(make_live_server) -> None:
    server = make_live_server(write_token=None, query_timeout_s=2.5, row_cap=123)
    graph = rdflib.Graph().parse(data=httpx.get(server.url + "/sparql").content, format="turtle")
    service = graph.value(predicate=RDF.type, object=SD.Service)
    assert set(graph.objects(service, SD.supportedLanguage)) == {SD.SPARQL11Query}
    assert float(graph.value(service, KG.queryTimeLimit)) == 2.5
    assert int(graph.value(service, KG.rowCap)) == 123


@pytest.mark.parametrize("accept,parse_as", [
    ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml"),
    ("application/n-triples", "nt"),
])
def test_service_description_negotiated(server, accept, parse_as) -> None:
    response = httpx.get(server.url + "/sparql", headers={"Accept": accept})
    graph = rdflib.Graph().parse(data=response.content, format=parse_as)
    assert (None, RDF.type, SD.Service) in graph


def test_service_description_for_a_browser(server) -> None:
    response = httpx.get(server.url + "/sparql", headers={
        "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"})
    assert response.headers["content-type"].startswith("text/html")
    assert "sd:Service" in response.text and "/.well-known/void" in response.text


def test_public_base_url_setting_is_used(make_live_server) -> None:
    server = make_live_server(public_base_url="https://kg.example.org")
    graph = rdflib.Graph().parse(data=httpx.get(server.url + "/sparql").content, format="turtle")
    assert (None, SD.endpoint, URIRef("https://kg.example.org/sparql")) in graph


def void_graph(server) -> rdflib.Graph:
    response = httpx.get(server.url + "/.well-known/void")
    assert response.status_code == 200
    return rdflib.Graph().parse(data=response.content, format="turtle")


def test_void_counts_match_the_store(server) -> None:
    graph = void_graph(server)
    dataset = URIRef(server.url + "/.well-known/void#dataset")
    assert (dataset, RDF.type, VOID.Dataset) in graph
    assert int(graph.value(dataset, VOID.triples)) == server.store.triple_count()
    assert int(graph.value(dataset, KG.reports)) == 2
    assert int(graph.value(dataset, KG.namedGraphs)) == 2
    assert graph.value(dataset, VOID.sparqlEndpoint) == URIRef(server.url + "/sparql")

    union = fixture_graph("store_report_a.ttl") + fixture_graph("store_report_b.ttl")
    expected: dict[URIRef, int] = {}
    for cls in set(union.objects(None, RDF.type)):
        expected[cls] = len(set(union.subjects(RDF.type, cls)))
    partitions = {
        graph.value(p, VOID["class"]): int(graph.value(p, VOID.entities))
        for p in graph.objects(dataset, VOID.classPartition)
    }
    assert partitions == expected


def test_void_link_sets(server) -> None:
    graph = void_graph(server)
    union = fixture_graph("store_report_a.ttl") + fixture_graph("store_report_b.ttl")
    linksets = {}
    for linkset in graph.subjects(RDF.type, VOID.Linkset):
        target = graph.value(linkset, VOID.objectsTarget)
        space = str(graph.value(target, VOID.uriSpace))
        linksets[(space, graph.value(linkset, VOID.linkPredicate))] = int(
            graph.value(linkset, VOID.triples))
    # The GeoNames sameAs triple is stated in both report graphs: the store holds it twice.
    geonames = [o for o in union.objects(None, OWL.sameAs) if str(o).startswith(GEONAMES_BASE)]
    wikidata = [o for o in union.objects(None, SKOS.exactMatch) if str(o).startswith(WIKIDATA_BASE)]
    assert linksets == {
        (GEONAMES_BASE, OWL.sameAs): 2 * len(geonames),
        (WIKIDATA_BASE, SKOS.exactMatch): len(wikidata),
    }


def test_void_of_an_empty_store(live_server) -> None:
    graph = void_graph(live_server)
    dataset = URIRef(live_server.url + "/.well-known/void#dataset")
    assert int(graph.value(dataset, VOID.triples)) == 0
    assert int(graph.value(dataset, KG.reports)) == 0
    assert not list(graph.subjects(RDF.type, VOID.Linkset))
