"""SPARQL 1.1 Protocol: queries at /sparql, updates at /update.

/sparql answers GET ?query=, POST form-encoded (query= or update=) and POST
application/sparql-query, with default-graph-uri / named-graph-uri, content
negotiation and HEAD. Without a query, GET /sparql returns the service
description. Updates are refused (403) unless they carry the write token.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from fastapi import APIRouter, Depends, Request, Response

from api.errors import ApiError
from api.negotiation import choose
from api.routers import require_write_token, settings_of, store_of
from api.routers.service import service_description_response
from kg.errors import QueryNotAllowed
from kg.store.oxigraph import (
    GRAPH_MEDIA_TYPES,
    RESULT_MEDIA_TYPES,
    media_types_for_form,
    sniff_query,
)

__all__ = ["SparqlRequest", "read_sparql_request", "router"]

router = APIRouter(tags=["sparql"])

_FORM = "application/x-www-form-urlencoded"
_QUERY_BODY = "application/sparql-query"
_UPDATE_BODY = "application/sparql-update"
# Offers when the query form cannot be told from its text (the parser will object).
_ANY_RESULT = tuple(dict.fromkeys([*RESULT_MEDIA_TYPES, *GRAPH_MEDIA_TYPES]))
# ?format= short names, for links and downloads where no Accept header can be set.
_FORMAT_NAMES = {
    "json": "application/sparql-results+json, application/ld+json;q=0.9",
    "xml": "application/sparql-results+xml, application/rdf+xml;q=0.9",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "nq": "application/n-quads",
    "trig": "application/trig",
    "jsonld": "application/ld+json",
    "json-ld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
    "rdf+xml": "application/rdf+xml",
    "rdf": "application/rdf+xml",
    # N3 readers read Turtle and N-Triples (SPARQLWrapper sends format=n3).
    "n3": "text/turtle, application/n-triples;q=0.9",
}


@dataclass
class SparqlRequest:
    """The protocol parameters of one request, wherever they were sent."""

    query: str | None = None
    update: str | None = None
    format: str | None = None  # overrides the Accept header
    default_graph_uris: list[str] = field(default_factory=list)
    named_graph_uris: list[str] = field(default_factory=list)


def _collect(pairs: list[tuple[str, str]], into: SparqlRequest) -> None:
    for key, value in pairs:
        if key == "query":
            into.query = _single(into.query, value, "query")
        elif key == "update":
            into.update = _single(into.update, value, "update")
        elif key == "format":
            into.format = value
        elif key in ("default-graph-uri", "using-graph-uri"):
            into.default_graph_uris.append(value)
        elif key in ("named-graph-uri", "using-named-graph-uri"):
            into.named_graph_uris.append(value)


def _single(previous: str | None, value: str, name: str) -> str:
    if previous is not None:
        raise ApiError(400, "bad_request", f"the {name} parameter was given more than once")
    return value


async def read_sparql_request(request: Request) -> SparqlRequest:
    """Gather query/update and dataset parameters from the URL and the body."""
    params = SparqlRequest()
    _collect(list(request.query_params.multi_items()), params)
    if request.method != "POST":
        return params
    content_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    body = await request.body()
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError(400, "bad_request", "the request body is not UTF-8") from None
    if content_type == _FORM:
        _collect(parse_qsl(text, keep_blank_values=True), params)
    elif content_type == _QUERY_BODY:
        params.query = _single(params.query, text, "query")
    elif content_type == _UPDATE_BODY:
        params.update = _single(params.update, text, "update")
    else:
        raise ApiError(
            415, "unsupported_media_type",
            f"POST a query as {_FORM} or {_QUERY_BODY}, an update as {_UPDATE_BODY}",
        )
    return params


def _run_query(request: Request, params: SparqlRequest) -> Response:
    settings = settings_of(request)
    query = params.query or ""
    if not query.strip():
        raise ApiError(400, "bad_request", "the query parameter is empty")
    shape = sniff_query(query)
    if shape.is_update:
        raise QueryNotAllowed(
            "this endpoint is read-only: send SPARQL Update to /update with the write token"
        )
    offers = media_types_for_form(shape.form) if shape.form else _ANY_RESULT
    media_type = choose(_accept(request, params), offers)
    outcome = store_of(request).query(
        query,
        media_type=media_type,
        default_graph_uris=params.default_graph_uris or None,
        named_graph_uris=params.named_graph_uris or None,
        timeout_s=settings.query_timeout_s,
        row_limit=settings.row_cap,
    )
    return Response(outcome.body, media_type=outcome.media_type, headers={"Vary": "Accept"})


def _accept(request: Request, params: SparqlRequest) -> str | None:
    if params.format is None:
        return request.headers.get("accept")
    name = params.format.strip().lower()
    if name in _FORMAT_NAMES:
        return _FORMAT_NAMES[name]
    if "/" in name:  # a media type given in full
        return name
    raise ApiError(400, "bad_request",
                   f"unknown format {params.format!r}; use one of {', '.join(_FORMAT_NAMES)} "
                   "or a media type")


def _run_update(request: Request, params: SparqlRequest) -> Response:
    require_write_token(request)
    if params.default_graph_uris or params.named_graph_uris:
        # Supporting using-graph-uri would mean rewriting the update; refuse clearly.
        raise ApiError(400, "bad_request",
                       "using-graph-uri / using-named-graph-uri are not supported")
    store_of(request).update(params.update or "")
    return Response(status_code=204)


@router.api_route("/sparql", methods=["GET", "HEAD"])
def sparql_get(request: Request, params: SparqlRequest = Depends(read_sparql_request)) -> Response:
    if params.update is not None:
        raise QueryNotAllowed("updates must be POSTed (to /update, with the write token)")
    if params.query is None:
        return service_description_response(request)
    return _run_query(request, params)


@router.post("/sparql")
def sparql_post(request: Request, params: SparqlRequest = Depends(read_sparql_request)) -> Response:
    if params.query is not None and params.update is not None:
        raise ApiError(400, "bad_request", "send either query or update, not both")
    if params.update is not None:
        return _run_update(request, params)
    if params.query is None:
        raise ApiError(400, "bad_request", "missing query parameter")
    return _run_query(request, params)


@router.post("/update")
def update_post(request: Request, params: SparqlRequest = Depends(read_sparql_request)) -> Response:
    if params.query is not None:
        raise ApiError(400, "bad_request", "/update takes SPARQL Update; send queries to /sparql")
    if params.update is None:
        raise ApiError(400, "bad_request", "missing update parameter")
    return _run_update(request, params)
