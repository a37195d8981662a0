"""SPARQL 1.1 Graph Store HTTP Protocol at /graph-store (?graph=IRI or ?default).

GET and HEAD are open and negotiated; PUT (replace), POST (merge) and DELETE
need the write token. `?default` is the same default graph the SPARQL endpoint
queries: the union of all named graphs. It can be read but not written (405):
data lives in named graphs, one per report.
"""

from __future__ import annotations


import pyoxigraph as ox
import rdflib
from fastapi import APIRouter, Depends, Request, Response
from rdflib import URIRef

from api.errors import ApiError
from api.negotiation import choose
from api.routers import require_write_token, settings_of, store_of
from kg.store.oxigraph import GRAPH_MEDIA_TYPES

__all__ = ["graph_target", "router"]

router = APIRouter(tags=["graph store"])

# Media type of a request body → rdflib parser name.
_PARSERS = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
}

_NAMED_GRAPH = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
_UNION_GRAPH = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


def graph_target(request: Request) -> str | None:
    """The named graph IRI the request addresses, or None for ?default."""
    params = request.query_params
    graphs = params.getlist("graph")
    has_default = "default" in params
    if has_default == bool(graphs) or len(graphs) > 1:
        raise ApiError(400, "bad_request", "give exactly one of ?graph=IRI or ?default")
    if has_default:
        return None
    iri = graphs[0]
    try:
        ox.NamedNode(iri)
    except ValueError as exc:
        raise ApiError(400, "bad_request", f"graph is not a valid IRI: {exc}") from None
    if ":" not in iri:
        raise ApiError(400, "bad_request", "graph must be an absolute IRI")
    return iri


def _writable(iri: str | None) -> str:
    if iri is None:
        raise ApiError(405, "method_not_allowed",
                       "the default graph is the union of the named graphs and cannot be "
                       "written; address a named graph with ?graph=IRI",
                       headers={"Allow": "GET, HEAD"})
    return iri


def _require_existing(request: Request, iri: str) -> None:
    if store_of(request).triple_count(iri) == 0:
        raise ApiError(404, "not_found", f"no graph <{iri}> in the store")


def _fetch(request: Request, iri: str | None, media_type: str, row_limit: int | None) -> bytes:
    settings = settings_of(request)
    if iri is None:
        outcome = store_of(request).query(_UNION_GRAPH, media_type=media_type,
                                          timeout_s=settings.query_timeout_s, row_limit=row_limit)
    else:
        outcome = store_of(request).query(_NAMED_GRAPH, media_type=media_type,
                                          timeout_s=settings.query_timeout_s, row_limit=row_limit,
                                          bindings={"g": URIRef(iri)})
    return outcome.body


async def request_graph(request: Request) -> rdflib.Graph:
    """Parse the request body into an rdflib graph; 400/415 with the parser's message."""
    if request.method not in ("PUT", "POST"):
        return rdflib.Graph()
    content_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    parser = _PARSERS.get(content_type)
    if parser is None:
        raise ApiError(415, "unsupported_media_type",
                       f"send the graph as one of: {', '.join(_PARSERS)}")
    body = await request.body()
    graph = rdflib.Graph()
    try:
        graph.parse(data=body, format=parser)
    except Exception as exc:  # rdflib's parsers raise many unrelated types for bad input
        raise ApiError(400, "bad_rdf", f"the {content_type} body does not parse: {exc}") from None
    return graph


@router.api_route("/graph-store", methods=["GET", "HEAD"])
def get_graph(request: Request) -> Response:
    iri = graph_target(request)
    media_type = choose(request.headers.get("accept"), tuple(GRAPH_MEDIA_TYPES))
    if iri is not None:
        _require_existing(request, iri)
    body = _fetch(request, iri, media_type, settings_of(request).row_cap)
    return Response(body, media_type=media_type, headers={"Vary": "Accept"})


@router.put("/graph-store")
def put_graph(
    request: Request,
    _: None = Depends(require_write_token),  # before the body is read and parsed
    graph: rdflib.Graph = Depends(request_graph),
) -> Response:
    iri = _writable(graph_target(request))
    store = store_of(request)
    existed = store.has_graph(iri)
    store.replace_graph(iri, graph)
    return Response(status_code=204 if existed else 201)


@router.post("/graph-store")
def post_graph(
    request: Request,
    _: None = Depends(require_write_token),  # before the body is read and parsed
    graph: rdflib.Graph = Depends(request_graph),
) -> Response:
    iri = _writable(graph_target(request))
    store = store_of(request)
    existed = store.has_graph(iri)
    store.merge_graph(iri, graph)  # one INSERT DATA: a graph is a set, no read-modify-write
    return Response(status_code=204 if existed else 201)


@router.delete("/graph-store")
def delete_graph(request: Request) -> Response:
    require_write_token(request)
    iri = _writable(graph_target(request))
    if not store_of(request).delete_graph(iri):
        raise ApiError(404, "not_found", f"no graph <{iri}> in the store")
    return Response(status_code=204)
