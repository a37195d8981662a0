"""The embedded store: one pyoxigraph Store, one named graph per report.

Writes
    `replace_graph` drops the named graph and inserts its new triples in ONE
    SPARQL Update request, which Oxigraph applies as one transaction: readers see
    either the old graph or the new one, never a mix, and re-ingesting a report
    never duplicates it. The request text is assembled only from serialiser
    output (pyoxigraph's IRI writer for the graph name, rdflib's N-Triples writer
    for the triples), never from raw data values.

Reads
    Queries see the union of all named graphs as their default graph, unless the
    query names its own dataset (FROM / FROM NAMED) or the caller passes
    default-graph / named-graph IRIs (SPARQL Protocol).

Limits
    pyoxigraph cannot interrupt a running evaluation. A query with a time limit
    is therefore evaluated on a small pool of worker threads (pyoxigraph releases
    the GIL while it evaluates, so workers run in parallel with the web server).
    The caller waits at most the time limit and then raises QueryTimeout; the
    worker checks the deadline between every result row and stops consuming as
    soon as it has passed. Only a single evaluation step that produces no row
    (e.g. one huge aggregate) can keep a worker busy after its caller gave up; the
    pool is bounded so such queries cannot starve the process, and queued queries
    also count their waiting time against their limit.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
import traceback
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

import pyoxigraph as ox
import rdflib
from rdflib.term import BNode, Identifier, URIRef
from rdflib.term import Literal as RdfLiteral

from kg.errors import (
    KgError,
    QueryNotAllowed,
    QuerySyntaxError,
    QueryTimeout,
    ResultTooLarge,
    StoreError,
    UnsupportedMediaType,
)
from kg.store.base import QueryOutcome

__all__ = [
    "GRAPH_MEDIA_TYPES",
    "OxigraphStore",
    "QueryShape",
    "RESULT_MEDIA_TYPES",
    "media_types_for_form",
    "sniff_query",
    "write_triples",
]

# Media type → pyoxigraph format. The first entry of each table is the default.
RESULT_MEDIA_TYPES: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/xml": ox.QueryResultsFormat.XML,
}
GRAPH_MEDIA_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}

log = logging.getLogger("kg.store")

_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
_UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)
# Tokens of a SPARQL text once strings, IRIs and comments are skipped; enough to
# find the query form and a dataset clause without a full parser.
_LEXEME = re.compile(
    r"""
      (?P<ws>\s+)
    | (?P<comment>\#[^\n\r]*)
    | (?P<iri><[^<>"{}|^`\\\s]*>)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                 |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    | (?P<word>[?$]?[\w\-.:%]+)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class QueryShape:
    """What can be told about a SPARQL text before parsing it properly."""

    form: str | None  # "SELECT" | "ASK" | "CONSTRUCT" | "DESCRIBE" | None (unknown / update)
    is_update: bool
    has_dataset_clause: bool  # FROM or FROM NAMED in the query itself
    uses_service: bool = False  # a SERVICE clause (federated query)


def sniff_query(sparql: str) -> QueryShape:
    """Find the form of a query (or that it is an update) from its first keyword.

    Keywords are told apart from prefixed names (ex:from), variables (?from),
    strings and IRIs, which the lexer reads as whole tokens.
    """
    form: str | None = None
    is_update = False
    has_from = False
    uses_service = False
    expecting_prologue_iri = False
    for match in _LEXEME.finditer(sparql):
        kind = match.lastgroup
        if kind in ("ws", "comment", "string", "other"):
            continue
        if kind == "iri":
            expecting_prologue_iri = False
            continue
        word = match.group().upper()
        if form is None and not is_update:
            if word == "VERSION":
                continue  # SPARQL 1.2 prologue: VERSION "1.2" (the string is skipped)
            if word in ("PREFIX", "BASE"):
                expecting_prologue_iri = True
                continue
            if expecting_prologue_iri:
                continue  # the prefix name of a PREFIX declaration
            if word in _FORMS:
                form = word
            elif word in _UPDATE_KEYWORDS:
                is_update = True
            else:
                break  # not a query we recognise: let the real parser say why
        elif word == "FROM":
            has_from = True  # FROM is a keyword only in a dataset clause
        elif word == "SERVICE":
            uses_service = True
    return QueryShape(form=form, is_update=is_update, has_dataset_clause=has_from,
                      uses_service=uses_service)


def media_types_for_form(form: str) -> tuple[str, ...]:
    """The media types a result of this form can be written in, default first."""
    if form in ("SELECT", "ASK"):
        return tuple(RESULT_MEDIA_TYPES)
    if form in ("CONSTRUCT", "DESCRIBE"):
        return tuple(GRAPH_MEDIA_TYPES)
    raise ValueError(f"unknown query form {form!r}")


def _bare_media_type(media_type: str) -> str:
    return media_type.split(";", 1)[0].strip().lower()


def _to_ox(term: Identifier) -> Any:
    """rdflib term → pyoxigraph term (for bound variables)."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, RdfLiteral):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot bind a {type(term).__name__}")


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def _json_term(term: Any) -> dict[str, Any]:
    """pyoxigraph term → SPARQL 1.1 JSON results term."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value not in (_XSD_STRING, _RDF_LANG_STRING):
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {
            "subject": _json_term(term.subject),
            "predicate": _json_term(term.predicate),
            "object": _json_term(term.object),
        }}
    raise TypeError(f"unexpected term {term!r}")


class _Deadline:
    """Checked between result rows; set by the waiting caller when it gives up."""

    def __init__(self, timeout_s: float | None) -> None:
        self.timeout_s = timeout_s
        self.expires = None if timeout_s is None else time.monotonic() + timeout_s
        self.cancelled = threading.Event()

    def remaining(self) -> float | None:
        return None if self.expires is None else max(0.0, self.expires - time.monotonic())

    def check(self) -> None:
        expired = self.expires is not None and time.monotonic() > self.expires
        if expired or self.cancelled.is_set():
            raise QueryTimeout(f"query ran past the time limit of {self.timeout_s:g} s")


class OxigraphStore:
    """Store protocol (kg.store.base.Store) over an embedded pyoxigraph Store.

    `path=None` keeps everything in memory (tests, one-off runs); otherwise the
    folder is created if needed. `query_workers` bounds how many time-limited
    queries evaluate at once.
    """

    # Triples per write transaction in replace_graphs: large transactions load fast
    # (PERFORMANCE.md) while one transaction's text stays a few tens of MB.
    batch_triples = 200_000
    # Load an empty store with the bulk loader (not transactional; see replace_graphs).
    bulk_when_empty = True
    # SERVICE makes the server fetch arbitrary URLs; off unless a deployment opts in.
    allow_service = False

    def __init__(self, path: Path | None = None, *, query_workers: int = 4) -> None:
        self.path = None if path is None else Path(path)
        try:
            self._store = ox.Store(None if self.path is None else str(self.path))
        except OSError as exc:
            raise StoreError(f"cannot open the store at {self.path}: {exc}") from exc
        self._workers = ThreadPoolExecutor(
            max_workers=query_workers, thread_name_prefix="kg-query"
        )
        self._closed = False

    # -- writes ---------------------------------------------------------------

    def replace_graph(self, graph_iri: str, graph: rdflib.Graph) -> None:
        self.replace_graphs([(graph_iri, graph)])

    def replace_graphs(self, graphs: Iterable[tuple[str, rdflib.Graph]]) -> None:
        """Replace many graphs, `batch_triples` at a time, each batch in one transaction.

        Into an EMPTY store (a first load) batches go through pyoxigraph's bulk
        loader instead, about 7x faster on disk (see bench figures in the report):
        there is nothing to replace, and if anything fails the store is emptied
        again, so it never stays half-loaded.
        """
        store = self._open()
        # The bulk loader pays off on disk only; emptiness is checked without len(),
        # which counts every quad.
        bulk = self.bulk_when_empty and self.path is not None and _is_empty(store)
        loaded: set[str] = set()
        try:
            for batch in self._batches(graphs):
                names = {name for name, _ in batch}
                if bulk and not names & loaded:
                    self._bulk_insert(store, batch)
                else:  # a graph seen in an earlier batch must be replaced, not added to
                    self._apply_replacements(store, batch)
                loaded |= names
        except BaseException:
            if bulk and loaded:
                store.clear()  # back to the empty store we started from
            raise

    def _batches(
        self, graphs: Iterable[tuple[str, rdflib.Graph]]
    ) -> Iterator[list[tuple[str, bytes]]]:
        pending: list[tuple[str, bytes]] = []
        size = 0
        for graph_iri, graph in graphs:
            pending.append((_graph_name(graph_iri), _ntriples(graph_iri, graph)))
            size += len(graph)
            if size >= self.batch_triples:
                yield pending
                pending, size = [], 0
        if pending:
            yield pending

    @staticmethod
    def _bulk_insert(store: ox.Store, batch: list[tuple[str, bytes]]) -> None:
        latest = dict(batch)
        quads: list[ox.Quad] = []
        try:
            for name, body in latest.items():
                graph = ox.NamedNode(name[1:-1])
                quads.extend(ox.Quad(t.subject, t.predicate, t.object, graph)
                             for t in ox.parse(body, ox.RdfFormat.N_TRIPLES))
        except SyntaxError as exc:
            raise StoreError(f"graph data rejected by the store, nothing written: {exc}") from None
        try:
            store.bulk_extend(quads)
        except OSError as exc:
            raise StoreError(f"bulk load failed: {exc}") from exc

    @staticmethod
    def _apply_replacements(store: ox.Store, pending: list[tuple[str, bytes]]) -> None:
        # One request = one transaction: every DROP and the INSERT commit together.
        # A graph named twice in a batch keeps its last version.
        latest = dict(pending)
        parts: list[bytes] = [b"DROP SILENT GRAPH " + name.encode() + b" ;\n" for name in latest]
        parts.append(b"INSERT DATA {\n")
        for name, body in latest.items():
            parts += [b"GRAPH ", name.encode(), b" {\n", body, b"}\n"]
        parts.append(b"}\n")
        try:
            store.update(b"".join(parts).decode("utf-8"))
        except SyntaxError as exc:
            # rdflib wrote something Oxigraph refuses (e.g. an IRI with a space): nothing
            # was written, say which graph batch failed and why.
            raise StoreError(f"graph data rejected by the store, nothing written: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"write failed, nothing written: {exc}") from exc

    def merge_graph(self, graph_iri: str, graph: rdflib.Graph) -> None:
        """Add triples to a named graph, keeping what it holds (one transaction).

        For facts shared by many reports (gazetteer places): a graph is a set,
        so merging the same triples again changes nothing.
        """
        if not len(graph):
            return
        name = _graph_name(graph_iri)
        body = _ntriples(graph_iri, graph)
        request = b"INSERT DATA { GRAPH " + name.encode() + b" {\n" + body + b"} }\n"
        try:
            self._open().update(request.decode("utf-8"))
        except SyntaxError as exc:
            raise StoreError(f"graph data rejected by the store, nothing written: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"write failed, nothing written: {exc}") from exc

    def bulk_load(self, path: Path | str) -> int:
        """Fill an EMPTY store from a dataset dump (N-Quads .nq or TriG .trig); returns quads.

        The fastest way in (pyoxigraph's bulk loader, not one transaction). Refuses
        a store that already holds data: use replace_graphs there. If the file is
        bad, the store is emptied again and the parser's message is raised.
        """
        store = self._open()
        path = Path(path)
        fmt = ox.RdfFormat.from_extension(path.suffix.lstrip("."))
        if fmt is None or not fmt.supports_datasets:
            raise StoreError(f"{path.name}: bulk_load reads N-Quads (.nq) or TriG (.trig) dumps")
        if not _is_empty(store):
            raise StoreError("bulk_load fills an empty store; use replace_graphs to replace "
                             "graphs in a store that already holds data")
        try:
            store.bulk_load(path=str(path), format=fmt)
        except (SyntaxError, ValueError, OSError) as exc:
            store.clear()
            raise StoreError(f"{path.name} could not be loaded, store left empty: {exc}") from None
        return len(store)

    def delete_graph(self, graph_iri: str) -> bool:
        store = self._open()
        name = ox.NamedNode(graph_iri)
        if not store.contains_named_graph(name):
            return False
        store.remove_graph(name)
        return True

    def update(self, sparql_update: str) -> None:
        try:
            self._open().update(sparql_update)
        except SyntaxError as exc:
            raise QuerySyntaxError(str(exc)) from exc
        except OSError as exc:
            raise StoreError(f"update failed, nothing written: {exc}") from exc

    # -- reads ----------------------------------------------------------------

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self._open().named_graphs() if isinstance(g, ox.NamedNode))

    def has_graph(self, graph_iri: str) -> bool:
        return self._open().contains_named_graph(ox.NamedNode(graph_iri))

    def triple_count(self, graph_iri: str | None = None) -> int:
        store = self._open()
        if graph_iri is None:
            return len(store)
        # pyoxigraph only substitutes projected variables, hence ?g in the projection;
        # an empty or missing graph gives no group at all.
        rows = list(store.query(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
            substitutions={ox.Variable("g"): ox.NamedNode(graph_iri)},
        ))
        return int(rows[0]["n"].value) if rows else 0

    def query(
        self,
        sparql: str,
        *,
        media_type: str,
        default_graph_uris: list[str] | None = None,
        named_graph_uris: list[str] | None = None,
        timeout_s: float | None = None,
        row_limit: int | None = None,
        bindings: Mapping[str, Identifier] | None = None,
    ) -> QueryOutcome:
        """Run a read-only query (see kg.store.base.Store.query).

        `bindings` pre-binds variables (name without "?") to rdflib terms, so
        callers never paste values into query text.
        """
        store = self._open()
        shape = sniff_query(sparql)
        if shape.is_update:
            raise QuerySyntaxError("this is a SPARQL Update, not a query")
        if shape.uses_service and not self.allow_service:
            # pyoxigraph would fetch any URL named in SERVICE, from inside our network.
            raise QueryNotAllowed("federated queries (SERVICE) are not allowed here")
        wanted = _bare_media_type(media_type)
        if shape.form is not None and wanted not in media_types_for_form(shape.form):
            raise UnsupportedMediaType(f"a {shape.form} result cannot be written as {wanted}")
        kwargs = _dataset_options(shape, default_graph_uris, named_graph_uris)
        if bindings:
            kwargs["substitutions"] = {ox.Variable(k): _to_ox(v) for k, v in bindings.items()}
        deadline = _Deadline(timeout_s)
        job = _Evaluation(store, sparql, kwargs, shape.form, wanted, row_limit, deadline)
        if timeout_s is None:
            return job.run()
        future: Future[QueryOutcome] = self._workers.submit(job.run)
        try:
            return future.result(timeout=deadline.remaining())
        except FutureTimeout:
            deadline.cancelled.set()
            future.cancel()  # if it is still queued it never starts
            raise QueryTimeout(f"query ran past the time limit of {timeout_s:g} s") from None

    # -- life cycle -----------------------------------------------------------

    def flush(self) -> None:
        if self.path is not None:
            self._open().flush()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._workers.shutdown(wait=False, cancel_futures=True)
        if self.path is not None:
            try:
                self._store.flush()
            except OSError:
                pass  # RocksDB also flushes on drop; closing must not raise
        del self._store

    def __enter__(self) -> "OxigraphStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _open(self) -> ox.Store:
        if self._closed:
            raise StoreError("the store is closed")
        return self._store


def _is_empty(store: ox.Store) -> bool:
    # len(store) counts every quad; one step of an iterator is enough here.
    return next(iter(store.quads_for_pattern(None, None, None, None)), None) is None


def _graph_name(graph_iri: str) -> str:
    """`<iri>` as pyoxigraph writes it; refuses strings that are not IRIs."""
    try:
        return str(ox.NamedNode(graph_iri))
    except ValueError as exc:
        raise StoreError(f"not a valid graph IRI {graph_iri!r}: {exc}") from exc


def _ntriples(graph_iri: str, graph: rdflib.Graph) -> bytes:
    try:
        return graph.serialize(format="nt", encoding="utf-8")
    except Exception as exc:  # rdflib raises a bare Exception for an IRI it cannot write
        raise StoreError(f"graph <{graph_iri}> cannot be written, nothing stored: {exc}") from None


def _dataset_options(
    shape: QueryShape, default_graph_uris: list[str] | None, named_graph_uris: list[str] | None
) -> dict[str, Any]:
    if default_graph_uris or named_graph_uris:
        # SPARQL Protocol: these override FROM / FROM NAMED; a dataset given with only
        # named graphs has an empty default graph.
        return {
            "default_graph": [ox.NamedNode(iri) for iri in default_graph_uris or []],
            "named_graphs": [ox.NamedNode(iri) for iri in named_graph_uris or []],
        }
    if shape.has_dataset_clause:
        return {}
    return {"use_default_graph_as_union": True}


class _Evaluation:
    """One query run: evaluate, watch the deadline and row cap, serialise."""

    def __init__(
        self,
        store: ox.Store,
        sparql: str,
        options: dict[str, Any],
        form: str | None,
        media_type: str,
        row_limit: int | None,
        deadline: _Deadline,
    ) -> None:
        self.store, self.sparql, self.options = store, sparql, options
        self.form, self.media_type = form, media_type
        self.row_limit, self.deadline = row_limit, deadline

    def run(self) -> QueryOutcome:
        try:
            return self._run()
        except KgError as exc:
            # pyoxigraph's result iterators may only be dropped on the thread that made
            # them; a traceback keeps their frames alive until whoever reads the future
            # drops it, on another thread. Hand back the error without its frames.
            exc.__context__ = exc.__cause__ = None
            raise exc.with_traceback(None) from None
        except Exception as exc:
            log.error("query evaluation failed:\n%s", "".join(traceback.format_exception(exc)))
            failure = StoreError(f"query failed: {type(exc).__name__}: {exc}")
            raise failure from None

    def _run(self) -> QueryOutcome:
        self.deadline.check()  # it may have waited in the queue past its limit
        try:
            result = self.store.query(self.sparql, **self.options)
        except SyntaxError as exc:
            raise QuerySyntaxError(str(exc)) from exc
        except OSError as exc:
            raise StoreError(f"query failed: {exc}") from exc
        if isinstance(result, ox.QueryBoolean):
            return self._boolean(result)
        if isinstance(result, ox.QuerySolutions):
            return self._solutions(result)
        return self._triples(result)

    def _result_format(self, form: str) -> ox.QueryResultsFormat:
        fmt = RESULT_MEDIA_TYPES.get(self.media_type)
        if fmt is None:
            raise UnsupportedMediaType(f"a {form} result cannot be written as {self.media_type}")
        return fmt

    def _boolean(self, result: ox.QueryBoolean) -> QueryOutcome:
        fmt = self._result_format("ASK")
        return QueryOutcome(result.serialize(format=fmt), fmt.media_type, "ASK")

    def _solutions(self, result: ox.QuerySolutions) -> QueryOutcome:
        fmt = self._result_format("SELECT")
        names = [v.value for v in result.variables]
        rows = []
        for solution in result:
            self.deadline.check()
            rows.append(solution)
            self._check_cap(len(rows), "rows")
        # pyoxigraph cannot serialise a list it did not produce, so the rows (already
        # counted and within limits) go through SPARQL JSON and back into its writer.
        document = {
            "head": {"vars": names},
            "results": {"bindings": [
                {name: _json_term(row[name]) for name in names if row[name] is not None}
                for row in rows
            ]},
        }
        encoded = json.dumps(document, ensure_ascii=False).encode("utf-8")
        if fmt == ox.QueryResultsFormat.JSON:
            body = encoded
        else:
            body = ox.parse_query_results(encoded, ox.QueryResultsFormat.JSON).serialize(format=fmt)
        return QueryOutcome(body, fmt.media_type, "SELECT")

    def _triples(self, result: ox.QueryTriples) -> QueryOutcome:
        form = self.form if self.form in ("CONSTRUCT", "DESCRIBE") else "CONSTRUCT"
        fmt = GRAPH_MEDIA_TYPES.get(self.media_type)
        if fmt is None:
            raise UnsupportedMediaType(f"a {form} result cannot be written as {self.media_type}")
        triples = []
        for triple in result:
            self.deadline.check()
            triples.append(triple)
            self._check_cap(len(triples), "triples")
        return QueryOutcome(write_triples(triples, fmt), fmt.media_type, form)

    def _check_cap(self, count: int, what: str) -> None:
        if self.row_limit is not None and count > self.row_limit:
            raise ResultTooLarge(
                f"the result has more than {self.row_limit} {what}; "
                "narrow the query or add LIMIT/OFFSET to page through it"
            )


def write_triples(
    triples: list[Any], fmt: ox.RdfFormat, extra_prefixes: Mapping[str, str] | None = None
) -> bytes:
    """Serialise triples with pyoxigraph; Turtle/TriG grouped by subject, with used prefixes."""
    if fmt not in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG):
        return ox.serialize(triples, format=fmt)
    from kg.graph.vocab import PREFIXES

    # Turtle groups consecutive triples of one subject; sorting makes that grouping
    # complete, and declaring only the prefixes in use keeps small answers short.
    triples = sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    iris = {t.predicate.value for t in triples}
    for t in triples:
        for term in (t.subject, t.object):
            if isinstance(term, ox.NamedNode):
                iris.add(term.value)
            elif isinstance(term, ox.Literal):
                iris.add(term.datatype.value)
    candidates = {**PREFIXES, **(extra_prefixes or {})}
    used = {name: ns for name, ns in candidates.items() if any(i.startswith(ns) for i in iris)}
    return ox.serialize(triples, format=fmt, prefixes=used)
