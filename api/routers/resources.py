"""Linked Data: every minted IRI https://w3id.org/conflict-kg/id/{path} is served at /id/{path}.

RDF (Turtle, JSON-LD, N-Triples, RDF/XML) holds the entity's own triples, the
blank nodes hanging off it (e.g. its geometry) and the triples pointing at it.
A browser (text/html) gets the entity page (api/entity_page.py).
Unknown entities are 404.
"""

from __future__ import annotations

import json

import pyoxigraph as ox

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse
from rdflib import URIRef

from api.errors import ApiError
from api.negotiation import choose
from api.routers import settings_of, store_of
from kg.graph.vocab import ID

__all__ = ["describe_entity", "entity_exists", "router"]

router = APIRouter(tags=["linked data"])

_OFFERS = ("text/turtle", "application/ld+json", "application/n-triples",
           "application/rdf+xml", "text/html")
_EXISTS = "SELECT ?e WHERE { { ?e ?p ?o } UNION { ?s ?q ?e } } LIMIT 1"
# Outgoing triples, one level of blank nodes below them, and incoming links.
_DESCRIBE = """
CONSTRUCT { ?e ?p ?o . ?o ?bp ?bo . ?s ?q ?e }
WHERE {
  { ?e ?p ?o OPTIONAL { ?o ?bp ?bo FILTER(isBlank(?o)) } }
  UNION
  { ?s ?q ?e }
}
"""


def entity_exists(request: Request, iri: str) -> bool:
    outcome = store_of(request).query(
        _EXISTS, media_type="application/sparql-results+json",
        timeout_s=settings_of(request).query_timeout_s, row_limit=None,
        bindings={"e": URIRef(iri)},
    )
    return bool(json.loads(outcome.body)["results"]["bindings"])


def describe_entity(request: Request, iri: str, media_type: str) -> bytes:
    settings = settings_of(request)
    return store_of(request).query(
        _DESCRIBE, media_type=media_type, timeout_s=settings.query_timeout_s,
        row_limit=settings.row_cap, bindings={"e": URIRef(iri)},
    ).body


def _entity_page(request: Request, iri: str) -> str:
    from api.entity_page import render_entity_html  # the UI's module; imported late to keep routers light

    return render_entity_html(store_of(request), iri, settings_of(request))


@router.api_route("/id/{path:path}", methods=["GET", "HEAD"])
def dereference(path: str, request: Request) -> Response:
    iri = str(ID) + path
    try:
        ox.NamedNode(iri)
    except ValueError:
        raise ApiError(404, "not_found", f"{path!r} does not name an entity") from None
    media_type = choose(request.headers.get("accept"), _OFFERS)
    if not path or not entity_exists(request, iri):
        raise ApiError(404, "not_found", f"no entity <{iri}> in the store")
    headers = {"Vary": "Accept", "Link": f"<{iri}>; rel=\"canonical\""}
    if media_type == "text/html":
        return HTMLResponse(_entity_page(request, iri), headers=headers)
    return Response(describe_entity(request, iri, media_type), media_type=media_type,
                    headers=headers)
