"""HTTP routers and the few helpers they share (store, settings, base URL, auth)."""

from __future__ import annotations

import hmac

import pyoxigraph as ox
import rdflib
from fastapi import Request

from api.errors import ApiError
from kg.settings import Settings
from kg.store.base import Store
from kg.store.oxigraph import GRAPH_MEDIA_TYPES, write_triples

__all__ = [
    "base_url", "require_write_token", "serialize_graph", "settings_of", "store_of",
]


def store_of(request: Request) -> Store:
    return request.app.state.store


def settings_of(request: Request) -> Settings:
    return request.app.state.settings


def base_url(request: Request) -> str:
    """Public base URL (no trailing slash): configured, else the one this request used."""
    configured = settings_of(request).public_base_url
    return configured if configured else str(request.base_url).rstrip("/")


def require_write_token(request: Request) -> None:
    """Allow a write only with `Authorization: Bearer <KG_WRITE_TOKEN>`; 403 otherwise."""
    token = settings_of(request).write_token
    if token is None:
        raise ApiError(403, "writes_disabled",
                       "this server is read-only (no write token is configured)")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    valid = hmac.compare_digest(given.strip().encode(), token.encode())
    if scheme.lower() != "bearer" or not valid:
        raise ApiError(403, "forbidden", "writes need a valid bearer token")


def serialize_graph(
    graph: rdflib.Graph, media_type: str, extra_prefixes: dict[str, str] | None = None
) -> bytes:
    """Write an rdflib graph with pyoxigraph's serialisers, like query results."""
    quads = ox.parse(graph.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES)
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
    return write_triples(triples, GRAPH_MEDIA_TYPES[media_type], extra_prefixes)
