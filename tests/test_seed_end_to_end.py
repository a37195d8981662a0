"""The whole path on the seed report: ingest it, then ask a real server over HTTP.

The seed (dev-000, a real published SOHR article) is read from ../shared;
the repository does not copy its text.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from kg.extract.pipeline import Resources
from kg.ingest import ingest_paths, load_vocabularies

SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "dev" / "dev-000.json"

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="the seed report lives in ../shared")

PREFIXES = """
PREFIX kg: <https://w3id.org/conflict-kg/ontology#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX geo: <http://www.opengis.net/ont/geosparql#>
"""

CLAIMS = PREFIXES + """
SELECT ?claim ?kind ?count ?qualifier ?side ?nationality ?parent ?cumulative ?quote ?begin ?end ?text
WHERE {
  {
    ?report dcterms:identifier "dev-000" ; kg:text ?text .
    ?claim a kg:CasualtyClaim ; prov:wasDerivedFrom ?report ;
           kg:casualtyKind ?kind ; kg:qualifier ?qualifier ; kg:evidence ?span .
    ?span nif:anchorOf ?quote ; nif:beginIndex ?begin ; nif:endIndex ?end ; kg:inPart "text" .
  }
  OPTIONAL { ?claim kg:count ?count }
  OPTIONAL { ?claim kg:victimSide ?side }
  OPTIONAL { ?claim kg:nationality ?nationality }
  OPTIONAL { ?claim kg:partOf ?parent }
  OPTIONAL { ?claim kg:cumulative ?cumulative }
}
"""

SIEGE = PREFIXES + """
SELECT ?day ?besiegedName ?order ?objective WHERE {
  ?siege a kg:SiegeLifting ; kg:liftedOn ?day ; kg:besieged ?besieged ; kg:hasPhase ?phase .
  ?besieged rdfs:label ?besiegedName . FILTER(lang(?besiegedName) = "en")
  ?phase kg:order ?order ; kg:objective ?objective .
} ORDER BY ?order
"""

PLACES = PREFIXES + """
SELECT DISTINCT ?place ?same ?wkt ?ar ?en ?precision ?governorate WHERE {
  {
    ?place a kg:Place ; owl:sameAs ?same ; kg:precision ?precision ;
           geo:hasGeometry/geo:asWKT ?wkt ;
           rdfs:label ?ar , ?en .
    FILTER(lang(?ar) = "ar" && lang(?en) = "en")
  }
  OPTIONAL { ?place kg:governorate ?governorate }
}
"""


@pytest.fixture
def seeded(live_server):
    load_vocabularies(live_server.store)
    results = list(ingest_paths(live_server.store, [SEED], Resources.load(), quarantine_dir=None))
    assert [r.status for r in results] == ["stored"], results
    return live_server


def select(server, query: str) -> list[dict[str, str]]:
    response = httpx.get(f"{server.url}/sparql", params={"query": query},
                         headers={"Accept": "application/sparql-results+json"}, timeout=30)
    assert response.status_code == 200, response.text
    return [{k: v["value"] for k, v in row.items()} for row in response.json()["results"]["bindings"]]


def local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def test_casualty_claims_of_the_seed_with_their_sources(seeded) -> None:
    rows = select(seeded, CLAIMS)
    by_iri = {row["claim"]: row for row in rows}

    def described(row: dict[str, str]) -> tuple:
        return (local(row["kind"]), int(row["count"]) if "count" in row else None,
                local(row["qualifier"]), local(row.get("side", "")) or None, row.get("nationality"))

    claims = {described(row): row for row in rows}
    killed_106 = claims[("Killed", 106, "AtLeast", "syrian-government-forces", None)]
    non_syrians = claims[("Killed", 46, "AtLeast", "pro-government-militias", "non-SY")]
    hezbollah = claims[("Killed", 20, "AtLeast", "Q41053", "LB")]
    islamic_state = claims[("Killed", 70, "About", "Q2429253", None)]
    captured = claims[("Captured", None, "UnknownCount", "syrian-government-forces", None)]

    # The nesting: 20 ⊂ 46 ⊂ 106, so nobody adds them up.
    assert by_iri[hezbollah["parent"]] is non_syrians
    assert by_iri[non_syrians["parent"]] is killed_106
    assert "parent" not in killed_106 and "parent" not in islamic_state and "parent" not in captured
    assert killed_106.get("cumulative") == "true"  # «ارتفع إلى 106»: a running total

    # Every claim's source span quotes the report text exactly.
    for row in rows:
        begin, end = int(row["begin"]), int(row["end"])
        assert row["text"][begin:end] == row["quote"]
    assert "106" in killed_106["quote"] and "70" in islamic_state["quote"]


def test_siege_lifting_of_deir_ez_zor_with_three_ordered_phases(seeded) -> None:
    rows = select(seeded, SIEGE)
    assert {row["day"] for row in rows} == {"2017-09-10"}
    assert {row["besiegedName"] for row in rows} == {"Deir ez-Zor"}
    assert [int(row["order"]) for row in rows] == [1, 2, 3]
    first, second, third = (row["objective"] for row in rows)
    assert "137" in first
    assert "مطار" in second and "الأحياء" in second
    assert "البانوراما" in third and "طريق دمشق" in third


def test_places_are_linked_to_geonames_with_points_labels_and_governorate(seeded) -> None:
    rows = select(seeded, PLACES)
    by_geonames = {row["same"]: row for row in rows}
    city = by_geonames["https://sws.geonames.org/170794/"]
    assert city["wkt"].startswith("POINT(40.1") and "35.3" in city["wkt"]
    assert city["ar"] == "دير الزور"
    assert city["governorate"] == by_geonames["https://sws.geonames.org/170792/"]["place"]
    qaryatayn = by_geonames["https://sws.geonames.org/173361/"]
    assert qaryatayn["governorate"] == by_geonames["https://sws.geonames.org/169575/"]["place"]
    assert all(row["same"].startswith("https://sws.geonames.org/") for row in rows)
    # Every settlement carries its governorate; the eight places of the seed are all linked.
    assert len(by_geonames) >= 8
    assert all("governorate" in row for row in rows if local(row["precision"]) == "Settlement")
