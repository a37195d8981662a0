"""SPARQL 1.1 Protocol over real HTTP, driven by real clients (SPARQLWrapper, rdflib)."""

from __future__ import annotations

import csv
import io
import threading
import time
from pathlib import Path
from xml.dom.minidom import Document

import httpx
import pytest
import rdflib
from conftest import fixture_graph
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import (
    CSV,
    JSON,
    JSONLD,
    N3,
    POST,
    POSTDIRECTLY,
    RDFXML,
    TSV,
    TURTLE,
    XML,
    SPARQLWrapper,
)

GRAPH_A = "https://w3id.org/conflict-kg/id/graph/fixture-a"
GRAPH_B = "https://w3id.org/conflict-kg/id/graph/fixture-b"
KG = "https://w3id.org/conflict-kg/ontology#"
CLAIMS = f"SELECT ?c ?n WHERE {{ ?c a <{KG}CasualtyClaim> ; <{KG}count> ?n }} ORDER BY ?n"
ASK_REPORT = f"ASK {{ ?r a <{KG}Report> }}"
CONSTRUCT_CLAIMS = f"CONSTRUCT {{ ?c <{KG}count> ?n }} WHERE {{ ?c <{KG}count> ?n }}"
DESCRIBE_CLAIM = "DESCRIBE <https://w3id.org/conflict-kg/id/claim-a1>"


def wrapper(server, query: str, fmt: str, method: str | None = None) -> SPARQLWrapper:
    client = SPARQLWrapper(server.url + "/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    if method == POSTDIRECTLY:
        client.setMethod(POST)
        client.setRequestMethod(POSTDIRECTLY)
    elif method:
        client.setMethod(method)
    return client


# -- SPARQLWrapper -------------------------------------------------------------------


@pytest.mark.parametrize("method", [None, POST, POSTDIRECTLY])
def test_select_json_with_every_request_method(server, method) -> None:
    result = wrapper(server, CLAIMS, JSON, method).queryAndConvert()
    assert [b["n"]["value"] for b in result["results"]["bindings"]] == ["2", "7"]


def test_select_xml(server) -> None:
    doc = wrapper(server, CLAIMS, XML).queryAndConvert()
    assert isinstance(doc, Document)
    values = [lit.firstChild.data for lit in doc.getElementsByTagName("literal")]
    assert values == ["2", "7"]


@pytest.mark.parametrize("fmt,delimiter", [(CSV, ","), (TSV, "\t")])
def test_select_csv_tsv(server, fmt, delimiter) -> None:
    body = wrapper(server, CLAIMS, fmt).queryAndConvert()
    rows = list(csv.reader(io.StringIO(body.decode("utf-8")), delimiter=delimiter))
    assert rows[0] in (["c", "n"], ["?c", "?n"])
    assert len(rows) == 3


@pytest.mark.parametrize("fmt", [JSON, XML])
def test_ask(server, fmt) -> None:
    result = wrapper(server, ASK_REPORT, fmt).queryAndConvert()
    if fmt == JSON:
        assert result["boolean"] is True
    else:
        assert result.getElementsByTagName("boolean")[0].firstChild.data == "true"


@pytest.mark.parametrize("query", [CONSTRUCT_CLAIMS, DESCRIBE_CLAIM])
@pytest.mark.parametrize("fmt", [TURTLE, N3, RDFXML, JSONLD])
def test_graph_forms(server, query, fmt) -> None:
    result = wrapper(server, query, fmt).queryAndConvert()
    graph = result if isinstance(result, rdflib.Graph) else rdflib.Graph().parse(
        data=result, format="turtle" if fmt == TURTLE else "n3")
    claim_a1 = rdflib.URIRef("https://w3id.org/conflict-kg/id/claim-a1")
    assert graph.value(claim_a1, rdflib.URIRef(KG + "count")) == rdflib.Literal(7)


# -- rdflib's SPARQLStore ------------------------------------------------------------


@pytest.mark.parametrize("return_format", ["json", "xml", "csv", "tsv"])
def test_rdflib_sparqlstore_select(server, return_format) -> None:
    graph = rdflib.Graph(SPARQLStore(server.url + "/sparql", returnFormat=return_format))
    rows = list(graph.query(CLAIMS))
    assert sorted(int(row.n) for row in rows) == [2, 7]


def test_rdflib_sparqlstore_ask_construct_describe(server) -> None:
    graph = rdflib.Graph(SPARQLStore(server.url + "/sparql"))
    assert graph.query(ASK_REPORT).askAnswer is True
    constructed = graph.query(CONSTRUCT_CLAIMS).graph
    assert len(constructed) == 2
    described = graph.query(DESCRIBE_CLAIM).graph
    assert (None, rdflib.URIRef(KG + "count"), rdflib.Literal(7)) in described
    assert len(graph) == server.store.triple_count()  # SPARQLStore's own COUNT query


# -- every listed format, parsed -------------------------------------------------------


@pytest.mark.parametrize("accept,parse_as", [
    ("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/n-quads", "nquads"),
    ("application/trig", "trig"), ("application/ld+json", "json-ld"),
    ("application/rdf+xml", "xml"),
])
def test_construct_formats_by_accept(server, accept, parse_as) -> None:
    response = httpx.get(server.url + "/sparql", params={"query": CONSTRUCT_CLAIMS},
                         headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(accept)
    parsed = rdflib.Dataset() if parse_as in ("nquads", "trig") else rdflib.Graph()
    parsed.parse(data=response.content, format=parse_as)
    assert len(parsed) == 2


@pytest.mark.parametrize("accept", [
    "application/sparql-results+json", "application/sparql-results+xml",
    "text/csv", "text/tab-separated-values",
])
def test_select_formats_by_accept(server, accept) -> None:
    response = httpx.get(server.url + "/sparql", params={"query": CLAIMS},
                         headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(accept)
    assert "Accept" in response.headers["vary"]
    if accept.endswith("json"):
        assert len(response.json()["results"]["bindings"]) == 2


def test_no_accept_header_gives_json_results(server) -> None:
    response = httpx.get(server.url + "/sparql", params={"query": CLAIMS},
                         headers={"Accept": "*/*"})
    assert response.headers["content-type"].startswith("application/sparql-results+json")


def test_quality_values_choose_the_format(server) -> None:
    response = httpx.get(server.url + "/sparql", params={"query": CLAIMS},
                         headers={"Accept": "application/sparql-results+json;q=0.5, text/csv"})
    assert response.headers["content-type"].startswith("text/csv")


# -- dataset parameters ------------------------------------------------------------------


def test_default_and_named_graph_uris(server) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    response = httpx.get(server.url + "/sparql",
                         params={"query": count, "default-graph-uri": GRAPH_B})
    assert int(response.json()["results"]["bindings"][0]["n"]["value"]) == \
        server.store.triple_count(GRAPH_B)
    graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    response = httpx.post(server.url + "/sparql",
                          data={"query": graphs, "named-graph-uri": GRAPH_A})
    assert [b["g"]["value"] for b in response.json()["results"]["bindings"]] == [GRAPH_A]


def test_union_is_the_default_graph(server) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    response = httpx.get(server.url + "/sparql", params={"query": count})
    total = int(response.json()["results"]["bindings"][0]["n"]["value"])
    assert total == server.store.triple_count()


# -- HEAD, CORS, limits headers ------------------------------------------------------------


def test_head(server) -> None:
    response = httpx.head(server.url + "/sparql", params={"query": CLAIMS})
    assert response.status_code == 200
    assert response.content == b""
    assert response.headers["content-type"].startswith("application/sparql-results+json")


def test_cors_and_limit_headers(server) -> None:
    response = httpx.get(server.url + "/sparql", params={"query": ASK_REPORT},
                         headers={"Origin": "https://elsewhere.example"})
    assert response.headers["access-control-allow-origin"] == "*"
    assert float(response.headers["x-query-time-limit"]) == server.settings.query_timeout_s
    assert int(response.headers["x-row-cap"]) == server.settings.row_cap
    exposed = response.headers["access-control-expose-headers"].lower()
    assert "x-row-cap" in exposed and "x-query-time-limit" in exposed
    preflight = httpx.options(server.url + "/sparql", headers={
        "Origin": "https://elsewhere.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 200
    assert "POST" in preflight.headers["access-control-allow-methods"]


# -- errors -------------------------------------------------------------------------------


def envelope(response: httpx.Response) -> dict:
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    return body["error"]


def test_syntax_error_is_400_with_the_parser_message(server) -> None:
    response = httpx.get(server.url + "/sparql", params={"query": "SELECT ?s WHERE { ?s ?p }"})
    assert response.status_code == 400
    error = envelope(response)
    assert error["code"] == "query_syntax_error"
    assert "error at 1:" in error["message"]


def test_sparqlwrapper_sees_the_syntax_error(server) -> None:
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

    with pytest.raises(QueryBadFormed, match="error at 1:"):
        wrapper(server, "SELECT ?s WHERE { ?s ?p }", JSON).queryAndConvert()


def test_empty_and_missing_queries_are_400(server) -> None:
    assert httpx.get(server.url + "/sparql", params={"query": " "}).status_code == 400
    missing = httpx.post(server.url + "/sparql", data={"default-graph-uri": GRAPH_A})
    assert missing.status_code == 400 and "query" in envelope(missing)["message"]


def test_unsupported_post_body_is_415(server) -> None:
    response = httpx.post(server.url + "/sparql", content=CLAIMS,
                          headers={"Content-Type": "text/plain"})
    assert response.status_code == 415
    envelope(response)


def test_impossible_accept_is_406(server) -> None:
    response = httpx.get(server.url + "/sparql", params={"query": CLAIMS},
                         headers={"Accept": "text/turtle"})
    assert response.status_code == 406
    assert "application/sparql-results+json" in envelope(response)["message"]
    response = httpx.get(server.url + "/sparql", params={"query": CONSTRUCT_CLAIMS},
                         headers={"Accept": "image/png"})
    assert response.status_code == 406


INSERT = ("INSERT DATA { GRAPH <https://example.org/g> "
          "{ <https://example.org/s> <https://example.org/p> 1 } }")


def test_updates_are_refused_on_the_query_endpoint(server) -> None:
    for response in (
        httpx.get(server.url + "/sparql", params={"query": INSERT}),
        httpx.post(server.url + "/sparql", data={"update": INSERT}),
        httpx.post(server.url + "/sparql", content=INSERT,
                   headers={"Content-Type": "application/sparql-update"}),
        httpx.post(server.url + "/update", data={"update": INSERT}),
        httpx.post(server.url + "/update", data={"update": INSERT},
                   headers={"Authorization": "Bearer wrong-token"}),
    ):
        assert response.status_code == 403, response.text
        envelope(response)
    assert "https://example.org/g" not in server.store.graph_names()


def test_update_with_the_token(server) -> None:
    auth = {"Authorization": f"Bearer {server.write_token}"}
    response = httpx.post(server.url + "/update", content=INSERT,
                          headers={**auth, "Content-Type": "application/sparql-update"})
    assert response.status_code == 204
    assert server.store.triple_count("https://example.org/g") == 1
    response = httpx.post(server.url + "/sparql", headers=auth, data={
        "update": "DROP GRAPH <https://example.org/g>"})
    assert response.status_code == 204
    assert "https://example.org/g" not in server.store.graph_names()
    bad = httpx.post(server.url + "/update", headers=auth, data={"update": "INSERT nonsense"})
    assert bad.status_code == 400 and envelope(bad)["code"] == "query_syntax_error"


def test_updates_refused_when_no_token_is_configured(make_live_server) -> None:
    server = make_live_server(write_token=None)
    response = httpx.post(server.url + "/update", data={"update": INSERT},
                          headers={"Authorization": "Bearer anything"})
    assert response.status_code == 403
    assert "read-only" in envelope(response)["message"]


def test_row_cap_is_413(make_live_server) -> None:
    server = make_live_server(row_cap=5)
    server.load(GRAPH_A, fixture_graph("store_report_a.ttl"))
    capped = httpx.get(server.url + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert capped.status_code == 413
    assert "5 rows" in envelope(capped)["message"]
    within = httpx.get(server.url + "/sparql",
                       params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 5"})
    assert within.status_code == 200 and len(within.json()["results"]["bindings"]) == 5


def _numbers_graph(n: int) -> rdflib.Graph:
    graph = rdflib.Graph()
    for i in range(n):
        graph.add((rdflib.URIRef(f"https://example.org/n{i}"), rdflib.URIRef(KG + "count"),
                   rdflib.Literal(i)))
    return graph


SLOW = ("SELECT ?a WHERE { ?a ?p ?x . ?b ?q ?y "
        "FILTER(STR(?x) = CONCAT(STR(?y), \"-never\")) }")


def test_timeout_is_503_and_the_server_keeps_answering(make_live_server) -> None:
    server = make_live_server(query_timeout_s=1.0)
    server.load("https://example.org/numbers", _numbers_graph(3000))  # seconds of work
    finished: dict[str, float] = {}
    responses: dict[str, httpx.Response] = {}

    def slow_client() -> None:
        responses["slow"] = httpx.get(server.url + "/sparql", params={"query": SLOW}, timeout=30)
        finished["slow"] = time.monotonic()

    thread = threading.Thread(target=slow_client)
    thread.start()
    time.sleep(0.1)
    quick = httpx.get(server.url + "/sparql", params={"query": "ASK { ?s ?p ?o }"})
    finished["quick"] = time.monotonic()
    thread.join(30)
    assert quick.status_code == 200 and quick.json()["boolean"] is True
    # Answered while the slow query was still running, not queued behind it.
    assert finished["quick"] < finished["slow"]
    slow = responses["slow"]
    assert slow.status_code == 503
    assert envelope(slow)["code"] == "query_timeout"
    assert "1 s" in envelope(slow)["message"]
    assert slow.headers["x-query-time-limit"] == "1"


@pytest.mark.parametrize("query,name,media_type", [
    (CLAIMS, "csv", "text/csv"),
    (CLAIMS, "json", "application/sparql-results+json"),
    (CONSTRUCT_CLAIMS, "json", "application/ld+json"),
    (CONSTRUCT_CLAIMS, "nt", "application/n-triples"),
    (CONSTRUCT_CLAIMS, "application/rdf+xml", "application/rdf+xml"),
])
def test_format_parameter_overrides_accept(server, query, name, media_type) -> None:
    response = httpx.get(server.url + "/sparql", params={"query": query, "format": name},
                         headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)


def test_unknown_format_parameter_is_400(server) -> None:
    response = httpx.get(server.url + "/sparql", params={"query": CLAIMS, "format": "yaml"})
    assert response.status_code == 400
    assert "unknown format" in envelope(response)["message"]


def test_federated_query_is_403(server) -> None:
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"
    response = httpx.get(server.url + "/sparql", params={"query": query})
    assert response.status_code == 403
    assert "SERVICE" in envelope(response)["message"]


def test_server_owned_store_answers_from_its_read_copy(tmp_path: Path) -> None:
    # create_app opens the store itself here (as `kg serve` and the bench do), with
    # the in-memory read copy: data on disk before start-up and writes made through
    # the API must both be visible to queries.
    from conftest import WRITE_TOKEN, _ServerThread

    from api.app import create_app
    from kg.settings import Settings
    from kg.store.oxigraph import OxigraphStore

    path = tmp_path / "owned"
    with OxigraphStore(path) as disk:
        disk.replace_graph(GRAPH_A, fixture_graph("store_report_a.ttl"))
    app = create_app(Settings(store_path=path, write_token=WRITE_TOKEN))
    assert app.state.store._copy is not None  # reads are served from memory
    server = _ServerThread(app)
    server.start()
    try:
        url = f"http://127.0.0.1:{server.port}"
        count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        before = int(httpx.get(url + "/sparql", params={"query": count})
                     .json()["results"]["bindings"][0]["n"]["value"])
        assert before == len(fixture_graph("store_report_a.ttl"))
        written = httpx.post(url + "/update", data={"update": (
            "INSERT DATA { GRAPH <https://example.org/g> "
            "{ <https://example.org/s> <https://example.org/p> 1 } }")},
            headers={"Authorization": f"Bearer {WRITE_TOKEN}"})
        assert written.status_code == 204
        after = int(httpx.get(url + "/sparql", params={"query": count})
                    .json()["results"]["bindings"][0]["n"]["value"])
        assert after == before + 1
    finally:
        server.stop()
