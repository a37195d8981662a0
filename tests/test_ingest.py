"""Batch ingest into a real on-disk store: replacement, shared place facts, rejection."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract.pipeline import Resources
from kg.graph.iri import SHARED_GRAPH, report_graph_iri
from kg.ingest import ingest_paths, load_vocabularies
from kg.store.oxigraph import OxigraphStore

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "reports"
RDFS_LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"


@pytest.fixture(scope="module")
def resources() -> Resources:
    return Resources.load()


@pytest.fixture
def store(tmp_path: Path):
    opened = OxigraphStore(tmp_path / "store")
    yield opened
    opened.close()


def rows(store: OxigraphStore, query: str) -> list[list[str]]:
    body = store.query(query, media_type="text/csv").body.decode("utf-8")
    return [line.split(",") for line in body.strip().splitlines()[1:]]


def test_a_place_named_by_many_reports_is_described_once(store, resources) -> None:
    # Deir ez-Zor city (170794) is named by several sample reports.
    reports = [SAMPLES / f"dev-{n:03d}.json" for n in range(1, 41)]
    load_vocabularies(store)
    results = list(ingest_paths(store, reports, resources, quarantine_dir=None))
    assert all(r.status == "stored" for r in results)
    naming = rows(store, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { "
                         "?s ?p <https://w3id.org/conflict-kg/id/place/170794> } }")
    assert int(naming[0][0]) >= 2
    labels = rows(store, "SELECT ?label WHERE { <https://w3id.org/conflict-kg/id/place/170794> "
                         f"{RDFS_LABEL} ?label }}")
    assert len(labels) == len({tuple(r) for r in labels}) == 2  # ar and en, each once
    in_places_graph = rows(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{SHARED_GRAPH}> "
                                  "{ <https://w3id.org/conflict-kg/id/place/170794> ?p ?o } }")
    assert int(in_places_graph[0][0]) > 2
    # Actors are described by the vocabulary graph alone, so each is typed once.
    typed = rows(store, "SELECT ?actor (COUNT(*) AS ?n) WHERE { ?actor a "
                        "<https://w3id.org/conflict-kg/ontology#Actor> } GROUP BY ?actor HAVING (COUNT(*) > 1)")
    assert typed == []
    sides = rows(store, "SELECT (COUNT(*) AS ?n) WHERE { ?c <https://w3id.org/conflict-kg/ontology#victimSide> "
                        "?a . ?a a <https://w3id.org/conflict-kg/ontology#Actor> }")
    assert int(sides[0][0]) > 40


def test_reingest_replaces_the_report_graph_and_keeps_place_facts_single(store, resources) -> None:
    report = SAMPLES / "dev-006.json"
    list(ingest_paths(store, [report], resources, quarantine_dir=None))
    before = store.triple_count()
    own = store.triple_count(str(report_graph_iri("dev-006")))
    list(ingest_paths(store, [report], resources, quarantine_dir=None))
    assert store.triple_count() == before
    assert store.triple_count(str(report_graph_iri("dev-006"))) == own


def test_a_report_whose_graph_breaks_the_shapes_is_quarantined_not_stored(
        store, resources, tmp_path, monkeypatch) -> None:
    # Simulate a builder bug: the report loses its publication date. The real
    # shapes must catch it and the real store must receive nothing.
    import kg.ingest
    from rdflib.namespace import DCTERMS

    real_build = kg.ingest.build_graph

    def build_without_date(extraction, **options):
        graph = real_build(extraction, **options)
        graph.remove((None, DCTERMS.issued, None))
        return graph

    monkeypatch.setattr(kg.ingest, "build_graph", build_without_date)
    source = tmp_path / "dev-009.json"
    source.write_bytes((SAMPLES / "dev-009.json").read_bytes())
    quarantine = tmp_path / "quarantine"
    results = list(ingest_paths(store, [source], resources, quarantine_dir=quarantine))
    assert [r.status for r in results] == ["invalid"]
    assert any("publication date" in problem for problem in results[0].problems)
    assert "publication date" in (quarantine / "dev-009.json.errors.txt").read_text(encoding="utf-8")
    assert store.graph_names() == []
