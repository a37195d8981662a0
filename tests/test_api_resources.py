"""Linked Data: /id/{path} dereferences minted IRIs, over real HTTP."""

from __future__ import annotations

import httpx
import pytest
import rdflib
from rdflib import URIRef

from kg.graph.vocab import GEO, ID, KG


def test_turtle_by_default_with_blank_nodes_and_incoming_links(server) -> None:
    response = httpx.get(server.url + "/id/place-p")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=response.content, format="turtle")
    place = ID["place-p"]
    geometry = graph.value(place, GEO.hasGeometry)
    assert graph.value(geometry, GEO.asWKT) is not None  # the blank node came along
    has_place = URIRef("http://semanticweb.cs.vu.nl/2009/11/sem/hasPlace")
    incidents = set(graph.subjects(has_place, place))
    assert incidents == {ID["incident-a"], ID["incident-b"]}


@pytest.mark.parametrize("accept,parse_as", [
    ("application/ld+json", "json-ld"), ("application/n-triples", "nt"),
    ("application/rdf+xml", "xml"),
])
def test_rdf_formats(server, accept, parse_as) -> None:
    response = httpx.get(server.url + "/id/claim-a1", headers={"Accept": accept})
    assert response.headers["content-type"].startswith(accept)
    graph = rdflib.Graph().parse(data=response.content, format=parse_as)
    assert graph.value(ID["claim-a1"], KG["count"]) == rdflib.Literal(7)


def test_html_for_browsers(server) -> None:
    response = httpx.get(server.url + "/id/claim-a1", headers={
        "Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "<html" in response.text.lower()


def test_unknown_entity_is_404(server) -> None:
    for path in ("/id/no-such-thing", "/id/", "/id/has%20space"):
        response = httpx.get(server.url + path)
        assert response.status_code == 404, path
        assert response.json()["error"]["code"] == "not_found"


def test_head(server) -> None:
    response = httpx.head(server.url + "/id/claim-a1")
    assert response.status_code == 200 and response.content == b""
