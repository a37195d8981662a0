"""Self-description: the SPARQL Service Description and the VoID description.

The service description (GET /sparql without a query) states what the endpoint
speaks and the limits it enforces. The VoID description (/.well-known/void) is
computed from the live store each time: sizes, reports, entities per class and
link sets to GeoNames and Wikidata.
"""

from __future__ import annotations

import html
import json

import rdflib
from fastapi import APIRouter, Request, Response
from rdflib import BNode, Literal, URIRef

from api.negotiation import choose
from api.routers import base_url, serialize_graph, settings_of, store_of
from kg.graph.vocab import (
    DCTERMS, GEONAMES_BASE, KG, OWL, PREFIXES, RDF, RDFS, SD, SKOS, VOID, WIKIDATA_BASE, XSD,
)
from kg.settings import Settings
from kg.store.base import Store
from kg.store.oxigraph import GRAPH_MEDIA_TYPES, RESULT_MEDIA_TYPES

__all__ = [
    "build_service_description", "build_void", "router", "service_description_response",
]

router = APIRouter(tags=["description"])

_FORMATS = rdflib.Namespace("http://www.w3.org/ns/formats/")
# Media type → W3C format IRI (sd:resultFormat).
_FORMAT_IRIS = {
    "application/sparql-results+json": _FORMATS["SPARQL_Results_JSON"],
    "application/sparql-results+xml": _FORMATS["SPARQL_Results_XML"],
    "text/csv": _FORMATS["SPARQL_Results_CSV"],
    "text/tab-separated-values": _FORMATS["SPARQL_Results_TSV"],
    "text/turtle": _FORMATS["Turtle"],
    "application/n-triples": _FORMATS["N-Triples"],
    "application/n-quads": _FORMATS["N-Quads"],
    "application/trig": _FORMATS["TriG"],
    "application/ld+json": _FORMATS["JSON-LD"],
    "application/rdf+xml": _FORMATS["RDF_XML"],
}
_DESCRIPTION_OFFERS = (*GRAPH_MEDIA_TYPES, "text/html")
_LINK_TARGETS = (("geonames", GEONAMES_BASE), ("wikidata", WIKIDATA_BASE))
_LINK_PREDICATES = (OWL.sameAs, SKOS.exactMatch)
_EXTRA_PREFIXES = {"sd": str(SD), "void": str(VOID), "formats": str(_FORMATS)}


def build_service_description(settings: Settings, base: str) -> rdflib.Graph:
    g = rdflib.Graph()
    g.bind("sd", str(SD))
    g.bind("void", str(VOID))
    for prefix in ("kg", "rdfs", "xsd"):
        g.bind(prefix, PREFIXES[prefix])
    service = URIRef(base + "/sparql#service")
    endpoint = URIRef(base + "/sparql")
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, endpoint))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    if settings.writes_enabled:
        g.add((service, SD.supportedLanguage, SD.SPARQL11Update))
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    for media_type in dict.fromkeys([*RESULT_MEDIA_TYPES, *GRAPH_MEDIA_TYPES]):
        if media_type in _FORMAT_IRIS:
            g.add((service, SD.resultFormat, _FORMAT_IRIS[media_type]))
    g.add((service, KG.queryTimeLimit, Literal(settings.query_timeout_s, datatype=XSD.decimal)))
    g.add((service, KG.rowCap, Literal(settings.row_cap, datatype=XSD.integer)))
    access = ("Queries are open; SPARQL Update and Graph Store writes need the write token."
              if settings.writes_enabled else "Read-only.")
    g.add((service, RDFS.comment, Literal(
        f"SPARQL 1.1 endpoint over conflict-report claims. {access} Each query may run "
        f"{settings.query_timeout_s:g} seconds and return {settings.row_cap} rows or triples; "
        f"the default graph is the union of all named graphs (one per report).", lang="en")))
    dataset = BNode()
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, VOID.sparqlEndpoint, endpoint))
    g.add((dataset, RDFS.seeAlso, URIRef(base + "/.well-known/void")))
    return g


def _description_response(request: Request, graph: rdflib.Graph, title: str) -> Response:
    """A description graph in the negotiated RDF syntax, or as a readable HTML page."""
    media_type = choose(request.headers.get("accept"), _DESCRIPTION_OFFERS)
    if media_type == "text/html":
        body = _html_page(title, graph, base_url(request))
    else:
        body = serialize_graph(graph, media_type, _EXTRA_PREFIXES)
    return Response(body, media_type=media_type, headers={"Vary": "Accept"})


def service_description_response(request: Request) -> Response:
    graph = build_service_description(settings_of(request), base_url(request))
    return _description_response(request, graph, "conflict-kg SPARQL endpoint")


def _html_page(title: str, graph: rdflib.Graph, base: str) -> str:
    turtle = serialize_graph(graph, "text/turtle", _EXTRA_PREFIXES).decode("utf-8")
    return (
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(title)}</title></head><body>"
        f"<h1>{html.escape(title)}</h1>"
        "<p>Send SPARQL 1.1 queries to this address: <code>GET ?query=…</code> or "
        "<code>POST</code> (form-encoded or <code>application/sparql-query</code>).</p>"
        f"<p><a href=\"{html.escape(base)}/.well-known/void\">Dataset description (VoID)</a></p>"
        f"<h2>Service description</h2><pre>{html.escape(turtle)}</pre></body></html>"
    )


# -- VoID ---------------------------------------------------------------------------


def _select(store: Store, settings: Settings, sparql: str, **bindings) -> list[dict]:
    outcome = store.query(
        sparql,
        media_type="application/sparql-results+json",
        timeout_s=settings.query_timeout_s,
        row_limit=None,  # our own aggregate queries; their size is bounded by the vocabulary
        bindings=bindings or None,
    )
    return json.loads(outcome.body)["results"]["bindings"]


def _count(row: dict, name: str = "n") -> int:
    return int(row[name]["value"]) if name in row else 0


def build_void(store: Store, settings: Settings, base: str) -> rdflib.Graph:
    g = rdflib.Graph()
    g.bind("void", str(VOID))
    g.bind("dcterms", str(DCTERMS))
    for prefix in ("kg", "owl", "skos", "sem", "prov"):
        g.bind(prefix, PREFIXES[prefix])
    doc = base + "/.well-known/void"
    dataset = URIRef(doc + "#dataset")
    g.add((dataset, RDF.type, VOID.Dataset))
    g.add((dataset, DCTERMS.title, Literal("conflict-kg claims", lang="en")))
    g.add((dataset, VOID.sparqlEndpoint, URIRef(base + "/sparql")))
    g.add((dataset, VOID.uriSpace, Literal(PREFIXES["kgid"])))
    g.add((dataset, VOID.triples, Literal(store.triple_count(), datatype=XSD.integer)))

    reports = _select(store, settings,
                      "SELECT ?class (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a ?class } "
                      "GROUP BY ?class",
                      **{"class": KG.Report})
    report_count = _count(reports[0]) if reports else 0
    g.add((dataset, KG.reports, Literal(report_count, datatype=XSD.integer)))
    g.add((dataset, KG.namedGraphs, Literal(len(store.graph_names()), datatype=XSD.integer)))

    subjects = _select(store, settings, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }")
    g.add((dataset, VOID.distinctSubjects, Literal(_count(subjects[0]), datatype=XSD.integer)))

    classes = _select(store, settings,
                      "SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class } "
                      "GROUP BY ?class ORDER BY ?class")
    for index, row in enumerate(classes):
        if row["class"]["type"] != "uri":
            continue
        partition = URIRef(f"{doc}#class-{index}")
        g.add((dataset, VOID.classPartition, partition))
        g.add((partition, VOID["class"], URIRef(row["class"]["value"])))
        g.add((partition, VOID.entities, Literal(_count(row), datatype=XSD.integer)))

    for target_name, target_base in _LINK_TARGETS:
        target = URIRef(f"{doc}#{target_name}")
        target_declared = False
        for predicate in _LINK_PREDICATES:
            rows = _select(
                store, settings,
                "SELECT ?link ?base (COUNT(*) AS ?n) WHERE { ?s ?link ?o "
                "FILTER(isIRI(?o) && STRSTARTS(STR(?o), ?base)) } GROUP BY ?link ?base",
                link=predicate, base=Literal(target_base),
            )
            links = _count(rows[0]) if rows else 0
            if links == 0:
                continue
            if not target_declared:
                g.add((target, RDF.type, VOID.Dataset))
                g.add((target, VOID.uriSpace, Literal(target_base)))
                target_declared = True
            linkset = URIRef(f"{doc}#links-{target_name}-{g.qname(predicate).replace(':', '-')}")
            g.add((linkset, RDF.type, VOID.Linkset))
            g.add((linkset, VOID.subjectsTarget, dataset))
            g.add((linkset, VOID.objectsTarget, target))
            g.add((linkset, VOID.linkPredicate, predicate))
            g.add((linkset, VOID.triples, Literal(links, datatype=XSD.integer)))
            g.add((dataset, VOID.subset, linkset))
    return g


@router.get("/.well-known/void")
def void_description(request: Request) -> Response:
    graph = build_void(store_of(request), settings_of(request), base_url(request))
    return _description_response(request, graph, "conflict-kg dataset (VoID)")
