"""The Store seam: the only interface the rest of the project uses for storage.

Implementations: kg.store.oxigraph.OxigraphStore (embedded, default).
A remote SPARQL 1.1 store can implement the same protocol.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping, Protocol

import rdflib

__all__ = ["QueryOutcome", "Store"]


@dataclass(frozen=True, slots=True)
class QueryOutcome:
    """A query's answer already serialised in the negotiated media type."""

    body: bytes
    media_type: str
    form: str  # "SELECT" | "ASK" | "CONSTRUCT" | "DESCRIBE"


class Store(Protocol):
    def replace_graph(self, graph_iri: str, graph: rdflib.Graph) -> None:
        """Atomically make `graph` the whole content of the named graph `graph_iri`."""

    def replace_graphs(self, graphs: Iterable[tuple[str, rdflib.Graph]]) -> None:
        """Replace several named graphs in one transaction (batch ingest)."""

    def merge_graph(self, graph_iri: str, graph: rdflib.Graph) -> None:
        """Add `graph`'s triples to the named graph, keeping what it already holds."""

    def delete_graph(self, graph_iri: str) -> bool:
        """Remove a named graph; False if it did not exist."""

    def graph_names(self) -> list[str]: ...

    def has_graph(self, graph_iri: str) -> bool: ...

    def triple_count(self, graph_iri: str | None = None) -> int: ...

    def query(
        self,
        sparql: str,
        *,
        media_type: str,
        default_graph_uris: list[str] | None = None,
        named_graph_uris: list[str] | None = None,
        timeout_s: float | None = None,
        row_limit: int | None = None,
        bindings: Mapping[str, rdflib.term.Identifier] | None = None,
    ) -> QueryOutcome:
        """Run a read-only query and serialise its result.

        `bindings` pre-binds variables (name without "?") to rdflib terms, so
        callers never paste values into query text. A variable bound this way
        must appear in the SELECT projection (pyoxigraph's rule, SEP-0007).

        Raises kg.errors.QuerySyntaxError, QueryTimeout, ResultTooLarge,
        UnsupportedMediaType (see kg/errors.py).
        """

    def update(self, sparql_update: str) -> None: ...

    def close(self) -> None: ...
