"""SPARQL 1.1 Protocol: queries at /sparql, updates at /update.

/sparql answers GET ?query=, POST form-encoded (query= or update=) and POST
application/sparql-query, with default-graph-uri / named-graph-uri, content
negotiation and HEAD. Without a query, GET /sparql returns the service
description. Updates are refused (403) unless they carry the write token.

The handlers are `async`: a query goes from the event loop straight to the
store's bounded query pool (`query_async`), one thread hand-off, and the loop
never waits on the store. Anything that has to call the store synchronously
(updates, a store without `query_async`) goes through Starlette's thread pool.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool
from starlette.routing import Route

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

__all__ = ["SparqlRequest", "read_sparql_request", "router", "sparql_endpoint"]

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


def _collect(pairs: Iterable[tuple[str, str]], into: SparqlRequest) -> None:
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


# Decoding a URL-encoded query costs about as much as running a small one, and
# clients send the same texts again and again (dashboards, paging, the UI).
_CACHED_FORM_BYTES = 16_384  # longer forms are decoded every time, not kept


@functools.lru_cache(maxsize=256)
def _decode_form_cached(raw: bytes) -> tuple[tuple[str, str], ...]:
    return tuple(parse_qsl(raw.decode("latin-1"), keep_blank_values=True, encoding="utf-8"))


def _decode_form(raw: bytes) -> tuple[tuple[str, str], ...]:
    """name=value pairs of a URL-encoded form or query string, in order, repeats kept."""
    if len(raw) <= _CACHED_FORM_BYTES:
        return _decode_form_cached(raw)
    return tuple(parse_qsl(raw.decode("latin-1"), keep_blank_values=True, encoding="utf-8"))


async def read_sparql_request(request: Request) -> SparqlRequest:
    """Gather query/update and dataset parameters from the URL and the body."""
    params = SparqlRequest()
    _collect(_decode_form(request.scope.get("query_string", b"")), params)
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


async def _run_query(request: Request, params: SparqlRequest) -> Response:
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
    store = store_of(request)
    options = {
        "media_type": media_type,
        "default_graph_uris": params.default_graph_uris or None,
        "named_graph_uris": params.named_graph_uris or None,
        "timeout_s": settings.query_timeout_s,
        "row_limit": settings.row_cap,
    }
    query_async = getattr(store, "query_async", None)
    if query_async is not None:
        outcome = await query_async(query, **options)
    else:  # any other Store: its sync query must not run on the event loop
        outcome = await run_in_threadpool(lambda: store.query(query, **options))
    return Response(outcome.body, media_type=outcome.media_type, headers=_VARY_ACCEPT)


# Starlette copies the mapping into the response's own header list.
_VARY_ACCEPT = {"Vary": "Accept"}


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


async def _run_update(request: Request, params: SparqlRequest) -> Response:
    require_write_token(request)
    if params.default_graph_uris or params.named_graph_uris:
        # Supporting using-graph-uri would mean rewriting the update; refuse clearly.
        raise ApiError(400, "bad_request",
                       "using-graph-uri / using-named-graph-uri are not supported")
    store = store_of(request)
    await run_in_threadpool(store.update, params.update or "")
    return Response(status_code=204)


async def sparql_endpoint(request: Request) -> Response:
    if request.method == "POST":
        return await sparql_post(request)
    return await sparql_get(request)


async def sparql_get(request: Request) -> Response:
    params = await read_sparql_request(request)
    if params.update is not None:
        raise QueryNotAllowed("updates must be POSTed (to /update, with the write token)")
    if params.query is None:
        return await run_in_threadpool(service_description_response, request)
    return await _run_query(request, params)


async def sparql_post(request: Request) -> Response:
    params = await read_sparql_request(request)
    if params.query is not None and params.update is not None:
        raise ApiError(400, "bad_request", "send either query or update, not both")
    if params.update is not None:
        return await _run_update(request, params)
    if params.query is None:
        raise ApiError(400, "bad_request", "missing query parameter")
    return await _run_query(request, params)


async def update_post(request: Request) -> Response:
    params = await read_sparql_request(request)
    if params.query is not None:
        raise ApiError(400, "bad_request", "/update takes SPARQL Update; send queries to /sparql")
    if params.update is None:
        raise ApiError(400, "bad_request", "missing update parameter")
    return await _run_update(request, params)


# Plain Starlette routes, not FastAPI path operations: every query passes here, and
# FastAPI's per-request dependency solving and parameter validation cost as much as
# a small query itself, for parameters this module reads by hand anyway (the SPARQL
# Protocol's repeated and body-borne parameters do not fit FastAPI's model). They
# still go through the app's middleware and error handlers; they are left out of the
# OpenAPI page, which the service description at GET /sparql replaces.
router.routes.append(Route("/sparql", sparql_endpoint, methods=["GET", "HEAD", "POST"]))
router.routes.append(Route("/update", update_post, methods=["POST"]))
