"""SPARQL 1.1 Graph Store HTTP Protocol at /graph-store, over real HTTP."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
import rdflib
import rdflib.compare

DATA = Path(__file__).resolve().parent / "data"
GRAPH_A = "https://w3id.org/conflict-kg/id/graph/fixture-a"
NEW = "https://example.org/graph/new"
TURTLE_ONE = b"<https://example.org/s> <https://example.org/p> \"one\" ."
TURTLE_TWO = b"<https://example.org/s> <https://example.org/p> \"two\" ."


def fixture_graph(name: str) -> rdflib.Graph:
    return rdflib.Graph().parse(str(DATA / name), format="turtle")


@pytest.fixture
def server(live_server):
    live_server.load(GRAPH_A, fixture_graph("store_report_a.ttl"))
    return live_server


def auth(server) -> dict[str, str]:
    return {"Authorization": f"Bearer {server.write_token}"}


def gsp(server) -> str:
    return server.url + "/graph-store"


@pytest.mark.parametrize("accept,parse_as", [
    ("text/turtle", "turtle"), ("application/n-triples", "nt"),
    ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml"),
])
def test_get_named_graph_in_each_format(server, accept, parse_as) -> None:
    response = httpx.get(gsp(server), params={"graph": GRAPH_A}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(accept)
    graph = rdflib.Graph().parse(data=response.content, format=parse_as)
    expected = fixture_graph("store_report_a.ttl")
    assert len(graph) == len(expected)
    assert rdflib.compare.isomorphic(graph, expected)


def test_get_default_graph_is_the_union(server) -> None:
    server.load(NEW, rdflib.Graph().parse(data=TURTLE_ONE, format="turtle"))
    response = httpx.get(gsp(server), params={"default": ""})
    graph = rdflib.Graph().parse(data=response.content, format="turtle")
    assert len(graph) == server.store.triple_count()


def test_get_unknown_graph_is_404(server) -> None:
    response = httpx.get(gsp(server), params={"graph": NEW})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_graph_parameter_must_be_one_absolute_iri(server) -> None:
    for params in ({}, {"graph": "relative"}, {"graph": GRAPH_A, "default": ""},
                   {"graph": "https://example.org/has space"}):
        response = httpx.get(gsp(server), params=params)
        assert response.status_code == 400, params
        assert "error" in response.json()


def test_writes_without_a_valid_token_are_403(server) -> None:
    headers = {"Content-Type": "text/turtle"}
    for method in ("PUT", "POST"):
        response = httpx.request(method, gsp(server), params={"graph": NEW},
                                 content=TURTLE_ONE, headers=headers)
        assert response.status_code == 403
        response = httpx.request(method, gsp(server), params={"graph": NEW}, content=TURTLE_ONE,
                                 headers={**headers, "Authorization": "Bearer nope"})
        assert response.status_code == 403
    assert httpx.delete(gsp(server), params={"graph": GRAPH_A}).status_code == 403
    assert NEW not in server.store.graph_names()
    assert GRAPH_A in server.store.graph_names()


def test_put_creates_then_replaces(server) -> None:
    headers = {**auth(server), "Content-Type": "text/turtle"}
    created = httpx.put(gsp(server), params={"graph": NEW}, content=TURTLE_ONE, headers=headers)
    assert created.status_code == 201
    replaced = httpx.put(gsp(server), params={"graph": NEW}, content=TURTLE_TWO, headers=headers)
    assert replaced.status_code == 204
    back = httpx.get(gsp(server), params={"graph": NEW},
                     headers={"Accept": "application/n-triples"})
    assert b'"two"' in back.content and b'"one"' not in back.content
    assert server.store.triple_count(NEW) == 1


def test_post_merges(server) -> None:
    headers = {**auth(server), "Content-Type": "text/turtle"}
    assert httpx.post(gsp(server), params={"graph": NEW}, content=TURTLE_ONE,
                      headers=headers).status_code == 201
    assert httpx.post(gsp(server), params={"graph": NEW}, content=TURTLE_TWO,
                      headers=headers).status_code == 204
    assert server.store.triple_count(NEW) == 2


def test_post_json_ld(server) -> None:
    body = b'{"@id": "https://example.org/s", "https://example.org/p": "three"}'
    response = httpx.post(gsp(server), params={"graph": NEW}, content=body,
                          headers={**auth(server), "Content-Type": "application/ld+json"})
    assert response.status_code == 201
    assert server.store.triple_count(NEW) == 1


def test_delete(server) -> None:
    response = httpx.delete(gsp(server), params={"graph": GRAPH_A}, headers=auth(server))
    assert response.status_code == 204
    assert GRAPH_A not in server.store.graph_names()
    again = httpx.delete(gsp(server), params={"graph": GRAPH_A}, headers=auth(server))
    assert again.status_code == 404


def test_bad_rdf_is_400_and_changes_nothing(server) -> None:
    before = server.store.triple_count(GRAPH_A)
    response = httpx.put(gsp(server), params={"graph": GRAPH_A}, content=b"<broken",
                         headers={**auth(server), "Content-Type": "text/turtle"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_rdf"
    assert server.store.triple_count(GRAPH_A) == before


def test_unknown_body_type_is_415(server) -> None:
    response = httpx.put(gsp(server), params={"graph": NEW}, content=b"x",
                         headers={**auth(server), "Content-Type": "image/png"})
    assert response.status_code == 415


def test_default_graph_cannot_be_written(server) -> None:
    response = httpx.put(gsp(server), params={"default": ""}, content=TURTLE_ONE,
                         headers={**auth(server), "Content-Type": "text/turtle"})
    assert response.status_code == 405
    assert "GET" in response.headers["allow"]
