"""OxigraphStore against the Store protocol: real pyoxigraph, on disk unless noted."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import Literal, URIRef

from kg.errors import (
    QueryNotAllowed,
    QuerySyntaxError,
    QueryTimeout,
    ResultTooLarge,
    StoreError,
    UnsupportedMediaType,
)
from kg.graph.vocab import KG
from kg.store.oxigraph import OxigraphStore, sniff_query

DATA = Path(__file__).resolve().parent / "data"
GRAPH_A = "https://w3id.org/conflict-kg/id/graph/fixture-a"
GRAPH_B = "https://w3id.org/conflict-kg/id/graph/fixture-b"
JSON = "application/sparql-results+json"


def turtle(name: str) -> rdflib.Graph:
    return rdflib.Graph().parse(str(DATA / name), format="turtle")


def bindings(outcome) -> list[dict]:
    return json.loads(outcome.body)["results"]["bindings"]


@pytest.fixture
def store(tmp_path: Path):
    with OxigraphStore(tmp_path / "store") as opened:
        yield opened


@pytest.fixture
def loaded(store: OxigraphStore) -> OxigraphStore:
    store.replace_graphs([(GRAPH_A, turtle("store_report_a.ttl")),
                          (GRAPH_B, turtle("store_report_b.ttl"))])
    return store


def test_replace_graph_twice_keeps_one_copy(store: OxigraphStore) -> None:
    graph = turtle("store_report_a.ttl")
    store.replace_graph(GRAPH_A, graph)
    first = store.triple_count()
    store.replace_graph(GRAPH_A, graph)
    assert store.triple_count() == first == len(graph)
    assert store.triple_count(GRAPH_A) == len(graph)


def test_replace_graph_drops_triples_no_longer_present(store: OxigraphStore) -> None:
    graph = turtle("store_report_a.ttl")
    store.replace_graph(GRAPH_A, graph)
    smaller = rdflib.Graph()
    for triple in list(graph)[:5]:
        smaller.add(triple)
    store.replace_graph(GRAPH_A, smaller)
    assert store.triple_count(GRAPH_A) == 5


def test_replace_touches_only_its_own_graph(loaded: OxigraphStore) -> None:
    b_before = loaded.triple_count(GRAPH_B)
    loaded.replace_graph(GRAPH_A, turtle("store_report_a.ttl"))
    assert loaded.triple_count(GRAPH_B) == b_before
    assert loaded.graph_names() == sorted([GRAPH_A, GRAPH_B])


def test_batch_with_bad_data_writes_nothing(loaded: OxigraphStore) -> None:
    before = loaded.triple_count()
    broken = rdflib.Graph()
    broken.add((URIRef("https://example.org/has a space"), KG["count"], Literal(1)))
    replacement = rdflib.Graph()
    replacement.add((URIRef("https://example.org/x"), KG["count"], Literal(2)))
    with pytest.raises(StoreError):
        loaded.replace_graphs([(GRAPH_A, replacement), ("https://example.org/g", broken)])
    assert loaded.triple_count() == before  # neither graph of the batch was written
    assert loaded.triple_count(GRAPH_A) == len(turtle("store_report_a.ttl"))


def test_invalid_graph_iri_is_refused(store: OxigraphStore) -> None:
    with pytest.raises(StoreError, match="graph IRI"):
        store.replace_graph("not an iri", turtle("store_report_b.ttl"))
    assert store.triple_count() == 0


def test_large_batches_split_into_several_transactions(store: OxigraphStore) -> None:
    store.batch_triples = 10  # force several transactions for a handful of graphs
    graphs = []
    for n in range(7):
        g = rdflib.Graph()
        for i in range(4):
            g.add((URIRef(f"https://example.org/s{n}"), KG["count"], Literal(i)))
        graphs.append((f"https://example.org/g{n}", g))
    store.replace_graphs(graphs)
    assert store.triple_count() == 28
    assert len(store.graph_names()) == 7


def test_blank_nodes_survive_replacement(loaded: OxigraphStore) -> None:
    query = ("PREFIX geo: <http://www.opengis.net/ont/geosparql#> "
             "SELECT ?wkt WHERE { ?p geo:hasGeometry ?g . ?g geo:asWKT ?wkt }")
    loaded.replace_graph(GRAPH_A, turtle("store_report_a.ttl"))
    rows = bindings(loaded.query(query, media_type=JSON))
    assert [row["wkt"]["value"] for row in rows] == ["POINT(36.7 34.7)"]


def test_delete_graph(loaded: OxigraphStore) -> None:
    assert loaded.delete_graph(GRAPH_B) is True
    assert loaded.delete_graph(GRAPH_B) is False
    assert loaded.graph_names() == [GRAPH_A]
    assert loaded.triple_count() == len(turtle("store_report_a.ttl"))


def test_data_persists_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "persist"
    with OxigraphStore(path) as first:
        first.replace_graph(GRAPH_A, turtle("store_report_a.ttl"))
        count = first.triple_count()
    with OxigraphStore(path) as again:
        assert again.triple_count() == count
        assert again.graph_names() == [GRAPH_A]


def test_default_graph_is_the_union_of_named_graphs(loaded: OxigraphStore) -> None:
    rows = bindings(loaded.query(
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", media_type=JSON))
    # Oxigraph's union keeps one row per quad: a triple stated in both reports counts twice.
    both = len(turtle("store_report_a.ttl")) + len(turtle("store_report_b.ttl"))
    assert int(rows[0]["n"]["value"]) == both


def test_protocol_dataset_overrides_the_union(loaded: OxigraphStore) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    only_b = bindings(loaded.query(count, media_type=JSON, default_graph_uris=[GRAPH_B]))
    assert int(only_b[0]["n"]["value"]) == loaded.triple_count(GRAPH_B)
    graphs = bindings(loaded.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
                                   media_type=JSON, named_graph_uris=[GRAPH_A]))
    assert [row["g"]["value"] for row in graphs] == [GRAPH_A]


def test_from_clause_in_the_query_is_honoured(loaded: OxigraphStore) -> None:
    rows = bindings(loaded.query(
        f"SELECT (COUNT(*) AS ?n) FROM <{GRAPH_B}> WHERE {{ ?s ?p ?o }}", media_type=JSON))
    assert int(rows[0]["n"]["value"]) == loaded.triple_count(GRAPH_B)


def test_bindings_pre_bind_variables(loaded: OxigraphStore) -> None:
    rows = bindings(loaded.query(
        "SELECT ?c ?n WHERE { ?c <https://w3id.org/conflict-kg/ontology#count> ?n }",
        media_type=JSON, bindings={"c": URIRef("https://w3id.org/conflict-kg/id/claim-b1")}))
    assert [row["n"]["value"] for row in rows] == ["2"]


@pytest.mark.parametrize("media_type", [
    "application/sparql-results+json", "application/sparql-results+xml",
    "text/csv", "text/tab-separated-values",
])
def test_select_in_every_results_format(loaded: OxigraphStore, media_type: str) -> None:
    outcome = loaded.query(
        "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label }",
        media_type=media_type)
    assert outcome.form == "SELECT"
    assert outcome.media_type.startswith(media_type)
    if media_type != "text/csv":  # pyoxigraph reads every format but CSV
        fmt = ox.QueryResultsFormat.from_media_type(media_type)
        parsed = list(ox.parse_query_results(outcome.body, fmt))
        assert len(parsed) == 3  # Actor X (en), Place P (en, ar)
    else:
        assert outcome.body.decode().splitlines()[0] == "s,label"


@pytest.mark.parametrize("media_type,rdflib_format", [
    ("text/turtle", "turtle"), ("application/n-triples", "nt"),
    ("application/n-quads", "nquads"), ("application/trig", "trig"),
    ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml"),
])
def test_construct_in_every_graph_format(loaded: OxigraphStore, media_type: str,
                                         rdflib_format: str) -> None:
    outcome = loaded.query("CONSTRUCT WHERE { ?s ?p ?o }", media_type=media_type)
    assert outcome.form == "CONSTRUCT"
    parsed = rdflib.Dataset() if rdflib_format in ("nquads", "trig") else rdflib.Graph()
    parsed.parse(data=outcome.body, format=rdflib_format)
    expected = turtle("store_report_a.ttl") + turtle("store_report_b.ttl")
    assert len(parsed) == len(expected)


def test_describe_and_ask_forms(loaded: OxigraphStore) -> None:
    described = loaded.query("DESCRIBE <https://w3id.org/conflict-kg/id/claim-a1>",
                             media_type="application/n-triples")
    assert described.form == "DESCRIBE"
    assert len(rdflib.Graph().parse(data=described.body, format="nt")) > 0
    asked = loaded.query("ASK { ?s a <https://w3id.org/conflict-kg/ontology#Report> }",
                         media_type=JSON)
    assert asked.form == "ASK" and json.loads(asked.body)["boolean"] is True


def test_syntax_error_carries_the_parser_message(store: OxigraphStore) -> None:
    with pytest.raises(QuerySyntaxError, match=r"error at 1:\d+"):
        store.query("SELECT ?s WHERE { ?s ?p }", media_type=JSON)


def test_update_is_not_a_query(store: OxigraphStore) -> None:
    with pytest.raises(QuerySyntaxError, match="Update"):
        store.query("INSERT DATA { <urn:a> <urn:b> <urn:c> }", media_type=JSON)


def test_media_type_must_fit_the_form(loaded: OxigraphStore) -> None:
    with pytest.raises(UnsupportedMediaType):
        loaded.query("SELECT * WHERE { ?s ?p ?o }", media_type="text/turtle")
    with pytest.raises(UnsupportedMediaType):
        loaded.query("CONSTRUCT WHERE { ?s ?p ?o }", media_type="text/csv")


def test_row_cap(loaded: OxigraphStore) -> None:
    total = loaded.triple_count()
    ok = loaded.query("SELECT * WHERE { ?s ?p ?o }", media_type=JSON, row_limit=total)
    assert len(bindings(ok)) == total
    with pytest.raises(ResultTooLarge, match=str(total - 1)):
        loaded.query("SELECT * WHERE { ?s ?p ?o }", media_type=JSON, row_limit=total - 1)
    with pytest.raises(ResultTooLarge):
        loaded.query("CONSTRUCT WHERE { ?s ?p ?o }", media_type="text/turtle", row_limit=10)


def _numbers(store: OxigraphStore, n: int) -> None:
    g = rdflib.Graph()
    for i in range(n):
        g.add((URIRef(f"https://example.org/n{i}"), KG["count"], Literal(i)))
    store.replace_graph("https://example.org/numbers", g)


def test_streaming_query_stops_at_the_time_limit() -> None:
    with OxigraphStore(None) as store:
        _numbers(store, 2000)  # 4 million rows: far more than 0.3 s of work
        started = time.monotonic()
        with pytest.raises(QueryTimeout, match="0.3 s"):
            store.query("SELECT * WHERE { ?a ?p ?x . ?b ?q ?y }", media_type=JSON,
                        timeout_s=0.3, row_limit=None)
        assert time.monotonic() - started < 2.0


def test_a_query_over_its_limit_does_not_block_other_queries() -> None:
    with OxigraphStore(None, query_workers=2) as store:
        _numbers(store, 3000)  # the slow query below needs seconds
        slow = ("SELECT ?a WHERE { ?a ?p ?x . ?b ?q ?y "
                "FILTER(STR(?x) = CONCAT(STR(?y), \"-never\")) }")
        errors: list[Exception] = []
        finished: dict[str, float] = {}

        def run_slow() -> None:
            try:
                store.query(slow, media_type=JSON, timeout_s=1.0)
            except QueryTimeout as exc:
                errors.append(exc)
            finished["slow"] = time.monotonic()

        worker = threading.Thread(target=run_slow)
        worker.start()
        time.sleep(0.05)
        quick = store.query("ASK { ?s ?p ?o }", media_type=JSON, timeout_s=5)
        finished["quick"] = time.monotonic()
        assert json.loads(quick.body)["boolean"] is True
        worker.join(10)
        assert finished["quick"] < finished["slow"]  # ran beside it, not after it
        assert len(errors) == 1


def test_closed_store_refuses_work(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "s")
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.triple_count()


def test_federated_queries_are_refused(loaded: OxigraphStore) -> None:
    with pytest.raises(QueryNotAllowed, match="SERVICE"):
        loaded.query("SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
                     media_type=JSON)
    # the word inside a string, IRI or name is no SERVICE clause
    ok = loaded.query("SELECT ?service WHERE { ?service <http://e/SERVICE> 'SERVICE' }",
                      media_type=JSON)
    assert bindings(ok) == []


@pytest.mark.parametrize("text,form,update,dataset", [
    ("SELECT * WHERE { ?s ?p ?o }", "SELECT", False, False),
    ("# comment with SELECT\nPREFIX ex: <http://ex/#x>\nask { ?s ?p ?o }", "ASK", False, False),
    ("BASE <http://b/> PREFIX : <x#> CONSTRUCT { ?s ?p ?o } FROM <g> WHERE { ?s ?p ?o }",
     "CONSTRUCT", False, True),
    ("DESCRIBE <http://x>", "DESCRIBE", False, False),
    ('VERSION "1.2" PREFIX a: <http://a/> CONSTRUCT WHERE { ?s ?p ?o }', "CONSTRUCT", False, False),
    ("SELECT ?from WHERE { ?s <http://ex/from> ?from . ?s ex:FROM 'FROM' }",
     "SELECT", False, False),
    ("PREFIX x: <http://x/> INSERT DATA { x:a x:b x:c }", None, True, False),
    ("WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", None, True, False),
    ("SELEC nonsense", None, False, False),
])
def test_sniff_query(text: str, form: str | None, update: bool, dataset: bool) -> None:
    shape = sniff_query(text)
    assert (shape.form, shape.is_update, shape.has_dataset_clause) == (form, update, dataset)


def _small_graphs(count: int, per_graph: int = 4) -> list[tuple[str, rdflib.Graph]]:
    graphs = []
    for n in range(count):
        g = rdflib.Graph()
        for i in range(per_graph):
            g.add((URIRef(f"https://example.org/s{n}"), KG["count"], Literal(i)))
        graphs.append((f"https://example.org/g{n}", g))
    return graphs


def test_first_load_of_an_empty_store_replaces_repeated_graphs(store: OxigraphStore) -> None:
    store.batch_triples = 8  # two graphs per batch
    graphs = _small_graphs(5)
    # g0 comes back in a later batch with one triple: it must replace, not add.
    again = rdflib.Graph()
    again.add((URIRef("https://example.org/s0"), KG["count"], Literal(99)))
    store.replace_graphs([*graphs, ("https://example.org/g0", again)])
    assert store.triple_count("https://example.org/g0") == 1
    assert store.triple_count() == 4 * 4 + 1


def test_failed_first_load_leaves_the_store_empty(store: OxigraphStore) -> None:
    store.batch_triples = 8
    broken = rdflib.Graph()
    broken.add((URIRef("https://example.org/has a space"), KG["count"], Literal(1)))
    with pytest.raises(StoreError):
        store.replace_graphs([*_small_graphs(4), ("https://example.org/bad", broken)])
    assert store.triple_count() == 0
    assert store.graph_names() == []


def test_a_locked_store_gives_a_clear_error(store: OxigraphStore) -> None:
    with pytest.raises(StoreError, match="cannot open the store"):
        OxigraphStore(store.path)


def test_readers_never_see_a_half_replaced_graph(store: OxigraphStore) -> None:
    graph_iri = "https://example.org/g"
    versions = [_small_graphs(1, per_graph=size)[0][1] for size in (10, 30)]
    store.replace_graph(graph_iri, versions[0])
    seen: set[int] = set()
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            seen.add(store.triple_count(graph_iri))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for round_ in range(30):
            store.replace_graph(graph_iri, versions[round_ % 2])
    finally:
        stop.set()
        reader.join(10)
    assert seen <= {10, 30}


def test_bulk_load_of_a_dump_into_an_empty_store(tmp_path: Path) -> None:
    dataset = rdflib.Dataset()
    for name, iri in (("store_report_a.ttl", GRAPH_A), ("store_report_b.ttl", GRAPH_B)):
        named = dataset.graph(URIRef(iri))
        for triple in turtle(name):
            named.add(triple)
    dump = tmp_path / "dump.nq"
    dump.write_bytes(dataset.serialize(format="nquads", encoding="utf-8"))
    with OxigraphStore(tmp_path / "bulk") as store:
        assert store.bulk_load(dump) == len(turtle("store_report_a.ttl")) + len(
            turtle("store_report_b.ttl"))
        assert store.graph_names() == sorted([GRAPH_A, GRAPH_B])
        with pytest.raises(StoreError, match="empty store"):
            store.bulk_load(dump)


def test_bulk_load_of_a_bad_dump_leaves_the_store_empty(tmp_path: Path) -> None:
    dump = tmp_path / "bad.nq"
    dump.write_text("<https://e.org/s> <https://e.org/p> <https://e.org/o> <https://e.org/g> .\n"
                    "<https://e.org/s> <https://e.org/p> broken .\n")
    with OxigraphStore(tmp_path / "bulk") as store:
        with pytest.raises(StoreError, match="bad.nq"):
            store.bulk_load(dump)
        assert store.triple_count() == 0
        with pytest.raises(StoreError, match="N-Quads"):
            store.bulk_load(tmp_path / "x.ttl")


# -- native serialisation: the row cap counted in every format ------------------------

TRICKY = [
    # Values holding the bytes that mark rows in the serialised formats.
    'a,{"b":{"type":"uri"}},{"', '[{}', ',{}]', '<result>', 'two\nlines\r\n', '"quoted",x',
    'tab\there', '},{"s', "ends with ,{",
]

RESULT_FORMATS = ["application/sparql-results+json", "application/sparql-results+xml",
                  "text/csv", "text/tab-separated-values"]


def _tricky_store(store: OxigraphStore) -> int:
    g = rdflib.Graph()
    for i, text in enumerate(TRICKY * 40):
        g.add((URIRef(f"https://example.org/t{i}"), KG["label"], Literal(text)))
    store.replace_graph("https://example.org/tricky", g)
    return len(g)


@pytest.mark.parametrize("media_type", RESULT_FORMATS)
def test_row_cap_is_exact_whatever_the_values_hold(store: OxigraphStore, media_type: str) -> None:
    total = _tricky_store(store)
    query = "SELECT ?s ?o WHERE { ?s ?p ?o }"
    ok = store.query(query, media_type=media_type, row_limit=total)  # exactly at the cap
    if media_type != "text/csv":  # pyoxigraph reads the other three back
        fmt = {"application/sparql-results+json": ox.QueryResultsFormat.JSON,
               "application/sparql-results+xml": ox.QueryResultsFormat.XML,
               "text/tab-separated-values": ox.QueryResultsFormat.TSV}[media_type]
        assert sum(1 for _ in ox.parse_query_results(ok.body, fmt)) == total
    with pytest.raises(ResultTooLarge, match=f"more than {total - 1} rows"):
        store.query(query, media_type=media_type, row_limit=total - 1)


def test_json_rows_survive_the_round_trip(store: OxigraphStore) -> None:
    total = _tricky_store(store)
    outcome = store.query("SELECT ?o WHERE { ?s ?p ?o }", media_type=JSON, row_limit=total)
    assert sorted(b["o"]["value"] for b in bindings(outcome)) == sorted(TRICKY * 40)


def test_csv_is_converted_without_losing_values(store: OxigraphStore) -> None:
    import csv
    import io

    total = _tricky_store(store)
    outcome = store.query("SELECT ?o WHERE { ?s ?p ?o }", media_type="text/csv", row_limit=total)
    rows = list(csv.reader(io.StringIO(outcome.body.decode("utf-8"), newline="")))
    assert rows[0] == ["o"] and sorted(r[0] for r in rows[1:]) == sorted(TRICKY * 40)


@pytest.mark.parametrize("media_type", RESULT_FORMATS)
def test_solutions_with_nothing_bound_count_as_rows(loaded: OxigraphStore, media_type: str) -> None:
    # ?unbound is never bound: every solution is empty ({} in JSON, a blank line in TSV).
    query = "SELECT ?unbound WHERE { ?s ?p ?o }"
    total = loaded.triple_count()
    loaded.query(query, media_type=media_type, row_limit=total)
    with pytest.raises(ResultTooLarge):
        loaded.query(query, media_type=media_type, row_limit=total - 1)


@pytest.mark.parametrize("media_type", ["application/n-triples", "application/n-quads"])
def test_triple_cap_in_line_formats(store: OxigraphStore, media_type: str) -> None:
    total = _tricky_store(store)
    query = "CONSTRUCT WHERE { ?s ?p ?o }"
    ok = store.query(query, media_type=media_type, row_limit=total)
    assert len(list(ox.parse(ok.body, ox.RdfFormat.N_QUADS))) == total
    with pytest.raises(ResultTooLarge, match=f"more than {total - 1} triples"):
        store.query(query, media_type=media_type, row_limit=total - 1)


def test_a_large_result_is_cut_off_early(store: OxigraphStore) -> None:
    _numbers(store, 2000)  # 4 million rows, far beyond the cap
    started = time.monotonic()
    with pytest.raises(ResultTooLarge):
        store.query("SELECT * WHERE { ?a ?p ?x . ?b ?q ?y }", media_type=JSON, row_limit=1000)
    assert time.monotonic() - started < 1.0  # stopped at the cap, not after evaluating it all


# -- query_async: the event loop's way in ----------------------------------------------


def test_query_async_answers_and_times_out(loaded: OxigraphStore) -> None:
    import asyncio

    async def both():
        ok = await loaded.query_async("ASK { ?s ?p ?o }", media_type=JSON, timeout_s=5)
        with OxigraphStore(None, query_workers=1) as slow_store:
            _numbers(slow_store, 3000)
            slow = ("SELECT ?a WHERE { ?a ?p ?x . ?b ?q ?y "
                    "FILTER(STR(?x) = CONCAT(STR(?y), \"-never\")) }")
            started = time.monotonic()
            with pytest.raises(QueryTimeout, match="0.3 s"):
                await slow_store.query_async(slow, media_type=JSON, timeout_s=0.3)
            waited = time.monotonic() - started
        return ok, waited

    ok, waited = asyncio.run(both())
    assert json.loads(ok.body)["boolean"] is True
    assert waited < 1.5


def test_query_async_refuses_bad_queries_like_query(loaded: OxigraphStore) -> None:
    import asyncio

    with pytest.raises(QuerySyntaxError):
        asyncio.run(loaded.query_async("SELECT WHERE {", media_type=JSON))
    with pytest.raises(QuerySyntaxError):
        asyncio.run(loaded.query_async("DROP ALL", media_type=JSON))


# -- the in-memory read copy -------------------------------------------------------------


@pytest.fixture
def copied(tmp_path: Path):
    with OxigraphStore(tmp_path / "copied", read_copy=True) as opened:
        yield opened


def _subjects(store: OxigraphStore) -> set[str]:
    outcome = store.query("SELECT DISTINCT ?s WHERE { ?s ?p ?o }", media_type=JSON)
    return {b["s"]["value"] for b in bindings(outcome)}


def _disk_subjects(path: Path) -> set[str]:
    disk = ox.Store.read_only(str(path))
    return {q.subject.value for q in disk.quads_for_pattern(None, None, None, None)}


def test_read_copy_follows_every_kind_of_write(copied: OxigraphStore, tmp_path: Path) -> None:
    copied.replace_graphs([(GRAPH_A, turtle("store_report_a.ttl")),
                           (GRAPH_B, turtle("store_report_b.ttl"))])  # bulk path (empty store)
    assert _subjects(copied) == _disk_subjects(tmp_path / "copied")
    copied.replace_graph(GRAPH_A, rdflib.Graph())  # transactional path
    assert copied.triple_count(GRAPH_A) == 0
    copied.merge_graph("https://example.org/extra", _one_triple("m"))
    assert "https://example.org/m" in _subjects(copied)
    assert copied.delete_graph(GRAPH_B)
    assert not copied.has_graph(GRAPH_B)
    copied.update('INSERT { GRAPH <https://example.org/u> { <https://example.org/u> '
                  '<https://example.org/at> ?now } } WHERE { BIND(NOW() AS ?now) }')
    on_copy = bindings(copied.query("SELECT ?t WHERE { ?s <https://example.org/at> ?t }",
                                    media_type=JSON))
    copied.close()  # flushes, so the disk can be read directly
    disk = ox.Store.read_only(str(tmp_path / "copied"))
    on_disk = [q.object.value for q in disk.quads_for_pattern(
        None, ox.NamedNode("https://example.org/at"), None, None)]
    # NOW() ran once, on the disk; the copy holds the disk's value, not its own.
    assert [b["t"]["value"] for b in on_copy] == on_disk


def test_read_copy_is_loaded_from_an_existing_store(tmp_path: Path) -> None:
    with OxigraphStore(tmp_path / "s") as first:
        first.replace_graph(GRAPH_A, turtle("store_report_a.ttl"))
        expected = _subjects(first)
    with OxigraphStore(tmp_path / "s", read_copy=True) as reopened:
        assert _subjects(reopened) == expected


def test_read_copy_keeps_failed_writes_out(copied: OxigraphStore) -> None:
    copied.replace_graph(GRAPH_A, turtle("store_report_a.ttl"))
    before = _subjects(copied)
    bad = rdflib.Graph()
    bad.add((URIRef("https://example.org/has space"), KG["p"], Literal(1)))
    with pytest.raises(StoreError):
        copied.replace_graph(GRAPH_B, bad)
    with pytest.raises(QuerySyntaxError):
        copied.update("INSERT DATA { nonsense")
    assert _subjects(copied) == before


def _one_triple(name: str) -> rdflib.Graph:
    g = rdflib.Graph()
    g.add((URIRef(f"https://example.org/{name}"), KG["p"], Literal(name)))
    return g


@pytest.mark.parametrize("fmt", [ox.QueryResultsFormat.JSON, ox.QueryResultsFormat.TSV,
                                 ox.QueryResultsFormat.XML])
def test_row_counter_is_blind_to_chunk_boundaries(fmt) -> None:
    # pyoxigraph writes ~8 KB chunks, so markers get split; cut a body everywhere.
    from kg.store.oxigraph import _row_counter

    source = ox.Store()
    for i, text in enumerate(TRICKY):
        source.add(ox.Quad(ox.NamedNode(f"https://example.org/t{i}"),
                           ox.NamedNode("https://example.org/p"), ox.Literal(text)))
    body = source.query("SELECT ?s ?o WHERE { ?s ?p ?o }").serialize(format=fmt)
    for size in (1, 2, 3, 5, 7, 64):
        counter = _row_counter(fmt)
        for start in range(0, len(body), size):
            counter.feed(body[start:start + size])
        assert counter.rows == len(TRICKY), size
