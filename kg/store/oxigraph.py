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

In-memory read copy
    `read_copy=True` (the web server's choice, see api.app) keeps a copy of an
    on-disk store in memory and answers every read from it: pyoxigraph evaluates
    3-7x faster in memory (shared/notes/PERFORMANCE.md; bench/README.md). The
    disk stays the store of record: each write is applied to the disk first and
    then, under the same lock, to the copy, so the copy never has a write the
    disk lacks and writers cannot interleave differently in the two. A SPARQL
    Update may give different results when run twice (NOW(), UUID(), blank
    nodes), so after one the copy is rebuilt from the disk instead; so is it if
    ever applying a write to the copy fails. Costs: memory for a second copy of
    the data (about 0.4 GB per million triples) and the time to copy it when the
    store opens (about 1 s per 100k triples).

Limits
    pyoxigraph cannot interrupt a running evaluation. A query with a time limit
    is therefore evaluated on a small pool of worker threads (pyoxigraph releases
    the GIL while it evaluates, so workers run in parallel with the web server).
    The caller waits at most the time limit and then raises QueryTimeout.
    Results are written by pyoxigraph's own serialisers into a `_ResultSink`,
    which pyoxigraph feeds in chunks of about 8 KB; the sink checks the deadline
    and counts result rows on every chunk and raises to abort the evaluation
    (see `_RowCounter` for how rows are told apart in each format). Only a
    single evaluation step that produces no output (e.g. one huge aggregate) can
    keep a worker busy after its caller gave up; the pool is bounded so such
    queries cannot starve the process, and queued queries also count their
    waiting time against their limit.

    The row cap is exact: a SELECT result of more than `row_limit` solutions, or
    a CONSTRUCT/DESCRIBE result of more than `row_limit` triples, is refused
    with ResultTooLarge whatever the format asked for.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import re
import threading
import time
import traceback
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

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


# Texts longer than this are lexed every time rather than kept in the cache.
_CACHED_QUERY_CHARS = 16_384


def sniff_query(sparql: str) -> QueryShape:
    """Find the form of a query (or that it is an update) from its first keyword.

    Keywords are told apart from prefixed names (ex:from), variables (?from),
    strings and IRIs, which the lexer reads as whole tokens. Cached: the router
    and the store both ask, and clients repeat the same texts.
    """
    if len(sparql) <= _CACHED_QUERY_CHARS:
        return _sniff_cached(sparql)
    return _sniff(sparql)


@functools.lru_cache(maxsize=512)
def _sniff_cached(sparql: str) -> QueryShape:
    return _sniff(sparql)


def _sniff(sparql: str) -> QueryShape:
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


_MEDIA_TYPES_BY_FORM = {
    "SELECT": tuple(RESULT_MEDIA_TYPES), "ASK": tuple(RESULT_MEDIA_TYPES),
    "CONSTRUCT": tuple(GRAPH_MEDIA_TYPES), "DESCRIBE": tuple(GRAPH_MEDIA_TYPES),
}


def media_types_for_form(form: str) -> tuple[str, ...]:
    """The media types a result of this form can be written in, default first."""
    offers = _MEDIA_TYPES_BY_FORM.get(form)
    if offers is not None:
        return offers
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
    queries evaluate at once. `read_copy=True` answers reads from an in-memory
    copy of an on-disk store (see the module docstring; ignored when in memory).
    """

    # Triples per write transaction in replace_graphs: large transactions load fast
    # (PERFORMANCE.md) while one transaction's text stays a few tens of MB.
    batch_triples = 200_000
    # Load an empty store with the bulk loader (not transactional; see replace_graphs).
    bulk_when_empty = True
    # SERVICE makes the server fetch arbitrary URLs; off unless a deployment opts in.
    allow_service = False

    def __init__(
        self, path: Path | None = None, *, query_workers: int = 4, read_copy: bool = False
    ) -> None:
        self.path = None if path is None else Path(path)
        try:
            self._store = ox.Store(None if self.path is None else str(self.path))
        except OSError as exc:
            raise StoreError(f"cannot open the store at {self.path}: {exc}") from exc
        self._workers = ThreadPoolExecutor(
            max_workers=query_workers, thread_name_prefix="kg-query"
        )
        self._closed = False
        # Writers hold this across the disk write and the copy's, so both see one order.
        self._write_lock = threading.RLock()
        self._copy: ox.Store | None = None
        if read_copy and self.path is not None:
            self._copy = self._copy_of_disk()

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
        with self._write_lock:
            store = self._open()
            # The bulk loader pays off on disk only; emptiness is checked without len(),
            # which counts every quad.
            bulk = self.bulk_when_empty and self.path is not None and _is_empty(store)
            loaded: set[str] = set()
            try:
                for batch in self._batches(graphs):
                    names = {name for name, _ in batch}
                    if bulk and not names & loaded:
                        write = functools.partial(self._bulk_insert, batch=batch)
                    else:  # a graph seen in an earlier batch must be replaced, not added to
                        write = functools.partial(self._apply_replacements, pending=batch)
                    write(store)
                    self._mirror(write)
                    loaded |= names
            except BaseException:
                if bulk and loaded:
                    store.clear()  # back to the empty store we started from
                    self._mirror(ox.Store.clear)
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
        text = request.decode("utf-8")
        with self._write_lock:
            try:
                self._open().update(text)
            except SyntaxError as exc:
                raise StoreError(f"graph data rejected by the store, nothing written: {exc}") \
                    from exc
            except OSError as exc:
                raise StoreError(f"write failed, nothing written: {exc}") from exc
            self._mirror(lambda copy: copy.update(text))

    def bulk_load(self, path: Path | str) -> int:
        """Fill an EMPTY store from a dataset dump (N-Quads .nq or TriG .trig); returns quads.

        The fastest way in (pyoxigraph's bulk loader, not one transaction). Refuses
        a store that already holds data: use replace_graphs there. If the file is
        bad, the store is emptied again and the parser's message is raised.
        """
        path = Path(path)
        fmt = ox.RdfFormat.from_extension(path.suffix.lstrip("."))
        if fmt is None or not fmt.supports_datasets:
            raise StoreError(f"{path.name}: bulk_load reads N-Quads (.nq) or TriG (.trig) dumps")
        with self._write_lock:
            store = self._open()
            if not _is_empty(store):
                raise StoreError("bulk_load fills an empty store; use replace_graphs to replace "
                                 "graphs in a store that already holds data")
            try:
                store.bulk_load(path=str(path), format=fmt)
            except (SyntaxError, ValueError, OSError) as exc:
                store.clear()
                raise StoreError(f"{path.name} could not be loaded, store left empty: {exc}") \
                    from None
            if self._copy is not None:
                self._copy = self._copy_of_disk()
            return len(store)

    def delete_graph(self, graph_iri: str) -> bool:
        name = ox.NamedNode(graph_iri)
        with self._write_lock:
            store = self._open()
            if not store.contains_named_graph(name):
                return False
            store.remove_graph(name)
            self._mirror(lambda copy: copy.remove_graph(name))
            return True

    def update(self, sparql_update: str) -> None:
        with self._write_lock:
            try:
                self._open().update(sparql_update)
            except SyntaxError as exc:
                raise QuerySyntaxError(str(exc)) from exc
            except OSError as exc:
                raise StoreError(f"update failed, nothing written: {exc}") from exc
            if self._copy is not None:
                # Run twice, an update may not do the same thing (NOW(), UUID(), bnodes).
                self._copy = self._copy_of_disk()

    # -- the in-memory read copy -----------------------------------------------

    def _copy_of_disk(self) -> ox.Store:
        copy = ox.Store()
        copy.bulk_extend(self._open().quads_for_pattern(None, None, None, None))
        return copy

    def _mirror(self, write: Callable[[ox.Store], Any]) -> None:
        """Apply a write the disk has just taken to the read copy too (write lock held)."""
        if self._copy is None:
            return
        try:
            write(self._copy)
        except Exception:  # the disk took this write, so the copy is what is wrong: resync
            log.exception("applying a write to the in-memory copy failed; copying the disk")
            self._copy = self._copy_of_disk()

    def _reader(self) -> ox.Store:
        store = self._open()
        return self._copy if self._copy is not None else store

    # -- reads ----------------------------------------------------------------

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self._reader().named_graphs() if isinstance(g, ox.NamedNode))

    def has_graph(self, graph_iri: str) -> bool:
        return self._reader().contains_named_graph(ox.NamedNode(graph_iri))

    def triple_count(self, graph_iri: str | None = None) -> int:
        store = self._reader()
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
        job = self._evaluation(sparql, media_type, default_graph_uris, named_graph_uris,
                               timeout_s, row_limit, bindings)
        if timeout_s is None:
            return job.run()
        future: Future[QueryOutcome] = self._workers.submit(job.run)
        try:
            return future.result(timeout=job.deadline.remaining())
        except FutureTimeout:
            job.deadline.cancelled.set()
            future.cancel()  # if it is still queued it never starts
            raise QueryTimeout(f"query ran past the time limit of {timeout_s:g} s") from None

    async def query_async(
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
        """`query` for an event loop: awaits the worker pool, never blocks the loop.

        One thread hand-off per query (loop → query worker), where calling the
        sync `query` from a handler would cost two (loop → web thread pool →
        query worker). Queries without a time limit also go to the pool.
        """
        job = self._evaluation(sparql, media_type, default_graph_uris, named_graph_uris,
                               timeout_s, row_limit, bindings)
        future = asyncio.get_running_loop().run_in_executor(self._workers, job.run)
        if timeout_s is None:
            return await future
        try:
            return await asyncio.wait_for(future, job.deadline.remaining())
        except TimeoutError:  # asyncio's is the builtin since 3.11
            job.deadline.cancelled.set()  # wait_for cancelled the future if still queued
            raise QueryTimeout(f"query ran past the time limit of {timeout_s:g} s") from None

    def _evaluation(
        self,
        sparql: str,
        media_type: str,
        default_graph_uris: list[str] | None,
        named_graph_uris: list[str] | None,
        timeout_s: float | None,
        row_limit: int | None,
        bindings: Mapping[str, Identifier] | None,
    ) -> _Evaluation:
        """Check a query before it runs and prepare its evaluation (raises KgError)."""
        store = self._reader()
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
        return _Evaluation(store, sparql, kwargs, shape.form, wanted, row_limit,
                           _Deadline(timeout_s))

    # -- life cycle -----------------------------------------------------------

    def flush(self) -> None:
        if self.path is not None:
            self._open().flush()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._workers.shutdown(wait=False, cancel_futures=True)
        self._copy = None
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


class _RowCounter:
    """Counts result rows in serialised output as it streams past, chunk by chunk.

    Each format has a byte marker that starts (or ends) every row and that the
    serialiser never writes inside a value, so counting markers counts rows:

    * TSV: one line per row; values escape line breaks (`\\n`), so rows are the
      newlines minus the header line. N-Triples / N-Quads likewise (no header).
    * XML: `<result>`; `<` is always escaped (`&lt;`) in text.
    * JSON: a solution object opens with `[{"` or `,{"` followed by a variable
      name. Inside a string a `"` is always escaped, so `,{"` can occur in a
      value only where that `"` closes the string, and then it is followed by
      one of `:,}]`, never by a name character: those are subtracted. Solutions
      with every variable unbound (`{}`) have no such marker: the writer checks
      them once the document is complete (`_Evaluation._check_json_rows`).

    The last bytes of a chunk are carried into the next one so a marker split
    across two chunks is counted once.
    """

    __slots__ = ("_carry", "_keep", "_minus", "_plus", "rows")

    def __init__(self, plus: tuple[bytes, ...], minus: tuple[bytes, ...] = (),
                 header: int = 0) -> None:
        self._plus, self._minus = plus, minus
        self._keep = max(len(m) for m in (*plus, *minus)) - 1
        self._carry = b""
        self.rows = -header  # rows seen so far (a header line is not a row)

    def feed(self, chunk: bytes) -> int:
        text = self._carry + chunk if self._carry else chunk
        end = len(text) - self._keep  # markers starting before `end` are complete here
        if end <= 0:
            self._carry = bytes(text)
            return self.rows
        self.rows += sum(text.count(m, 0, end + len(m) - 1) for m in self._plus)
        self.rows -= sum(text.count(m, 0, end + len(m) - 1) for m in self._minus)
        self._carry = bytes(text[end:])
        return self.rows


def _row_counter(fmt: ox.QueryResultsFormat | ox.RdfFormat) -> _RowCounter | None:
    if fmt == ox.QueryResultsFormat.TSV:
        return _RowCounter((b"\n",), header=1)
    if fmt == ox.QueryResultsFormat.XML:
        return _RowCounter((b"<result>",))
    if fmt == ox.QueryResultsFormat.JSON:
        return _RowCounter(
            (b'[{"', b',{"'),
            tuple(o + b'{"' + c for o in (b"[", b",") for c in (b":", b",", b"}", b"]")),
        )
    if fmt in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS):
        return _RowCounter((b"\n",))
    return None


def _exact_json_rows(body: bytes) -> int:
    """Solutions in a SPARQL JSON results document, read back by pyoxigraph's parser."""
    parsed = ox.parse_query_results(body, ox.QueryResultsFormat.JSON)
    return sum(1 for _ in parsed)


class _ResultSink:
    """The file pyoxigraph serialises into: keeps the bytes, enforces deadline and row cap.

    pyoxigraph evaluates lazily while it serialises, so raising from `write`
    stops the evaluation itself, not only the output.
    """

    __slots__ = ("_chunks", "_counter", "_deadline", "_limit", "_what", "failure")

    def __init__(self, deadline: _Deadline, counter: _RowCounter | None,
                 row_limit: int | None, what: str) -> None:
        self._chunks: list[bytes] = []
        self._deadline = deadline
        self._counter = counter if row_limit is not None else None
        self._limit = row_limit
        self._what = what
        self.failure: KgError | None = None

    def write(self, chunk: bytes) -> int:
        try:
            self._deadline.check()
            if self._counter is not None and self._counter.feed(chunk) > self._limit:
                raise _too_large(self._limit, self._what)
        except KgError as exc:
            self.failure = exc  # pyoxigraph may re-wrap what write() raises
            raise
        self._chunks.append(bytes(chunk))
        return len(chunk)

    def flush(self) -> None:
        pass

    def body(self) -> bytes:
        return b"".join(self._chunks)


def _too_large(limit: int, what: str) -> ResultTooLarge:
    return ResultTooLarge(
        f"the result has more than {limit} {what}; "
        "narrow the query or add LIMIT/OFFSET to page through it"
    )


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

    def _serialize(self, result: Any, fmt: Any, what: str) -> bytes:
        """Native serialisation into a sink; the sink's own error wins over pyoxigraph's."""
        sink = _ResultSink(self.deadline, _row_counter(fmt), self.row_limit, what)
        try:
            result.serialize(sink, fmt)
        except Exception as exc:
            if sink.failure is not None:
                raise sink.failure from None
            if isinstance(exc, OSError):
                raise StoreError(f"query failed: {exc}") from None
            raise
        return sink.body()

    def _solutions(self, result: ox.QuerySolutions) -> QueryOutcome:
        fmt = self._result_format("SELECT")
        # CSV cannot be counted from its text (quoted values hold raw line breaks),
        # so it is written as TSV first (counted exactly) and converted natively.
        written = ox.QueryResultsFormat.TSV if fmt == ox.QueryResultsFormat.CSV else fmt
        body = self._serialize(result, written, "rows")
        if written == ox.QueryResultsFormat.JSON and self.row_limit is not None:
            self._check_json_rows(body)
        if written != fmt:
            tsv = ox.parse_query_results(body, ox.QueryResultsFormat.TSV)
            body = tsv.serialize(format=fmt)
        return QueryOutcome(body, fmt.media_type, "SELECT")

    def _check_json_rows(self, body: bytes) -> None:
        # The streaming count misses solutions without any bound variable ({}). Every
        # solution opens with one of these markers (some may sit inside strings), so
        # their sum bounds the rows from above; only past the cap is it read back.
        upper = sum(body.count(m) for m in (b'[{"', b',{"', b"[{}", b",{}"))
        if upper > self.row_limit and _exact_json_rows(body) > self.row_limit:
            raise _too_large(self.row_limit, "rows")

    def _triples(self, result: ox.QueryTriples) -> QueryOutcome:
        form = self.form if self.form in ("CONSTRUCT", "DESCRIBE") else "CONSTRUCT"
        fmt = GRAPH_MEDIA_TYPES.get(self.media_type)
        if fmt is None:
            raise UnsupportedMediaType(f"a {form} result cannot be written as {self.media_type}")
        if fmt in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS):
            # One triple per line, line breaks in values escaped: counted while written.
            return QueryOutcome(self._serialize(result, fmt, "triples"), fmt.media_type, form)
        triples = []
        for triple in result:
            self.deadline.check()
            triples.append(triple)
            self._check_cap(len(triples), "triples")
        return QueryOutcome(write_triples(triples, fmt), fmt.media_type, form)

    def _check_cap(self, count: int, what: str) -> None:
        if self.row_limit is not None and count > self.row_limit:
            raise _too_large(self.row_limit, what)


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
