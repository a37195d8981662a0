"""Deterministic IRIs for everything conflict-kg mints.

Every IRI lives under `vocab.ID` and is made from stable keys only: report
ids, claim indexes, span offsets, GeoNames ids, actor ids, phase orders.
Surface text never enters an IRI, so re-reading a report mints the same
IRIs, and two reports that spell a place differently still share it when
both link it to the same GeoNames feature.

Layout (below https://w3id.org/conflict-kg/id/):

    report/<rid>                                  the report (kg:Report)
    graph/report/<rid>                            the report's named graph
    report/<rid>/incident                         what the report describes
    report/<rid>/claim/<index>                    casualty claim
    report/<rid>/span/<part>/<start>-<end>        characters of title or text
    report/<rid>/place/<part>/<start>-<end>       a place not in the gazetteer
    report/<rid>/siege                            the siege lifting
    report/<rid>/siege/phase/<order>              one of its phases
    report/<rid>/activity                         the extraction run
    place/<geonames id>                           a GeoNames-linked place
    place/<geonames id>/geometry                  its point
    actor/<actor id>                              an armed actor (ontology/actors.ttl)
    graph/ontology, graph/vocabulary              the shared named graphs
"""

from __future__ import annotations

from urllib.parse import quote

from rdflib import URIRef

from kg.graph.vocab import GEONAMES_BASE, ID

__all__ = [
    "ONTOLOGY_GRAPH",
    "SHARED_GRAPH",
    "is_actor",
    "is_gazetteer_place",
    "VOCABULARY_GRAPH",
    "activity_iri",
    "actor_iri",
    "claim_iri",
    "geometry_iri",
    "geonames_uri",
    "incident_iri",
    "phase_iri",
    "place_iri",
    "report_graph_iri",
    "report_iri",
    "siege_iri",
    "span_iri",
]

ONTOLOGY_GRAPH = ID["graph/ontology"]
VOCABULARY_GRAPH = ID["graph/vocabulary"]
# Descriptions of gazetteer places (labels, point, governorate) are facts of
# the gazetteer, not of any report: they are stored once here, so the union
# default graph does not repeat them once per report that names the place
# (which would multiply COUNTs and SUMs). Actors are described once, in
# VOCABULARY_GRAPH.
SHARED_GRAPH = ID["graph/shared"]
_PLACE_PREFIX = str(ID["place/"])
_ACTOR_PREFIX = str(ID["actor/"])


def is_gazetteer_place(node: object) -> bool:
    """True for a GeoNames-linked place or its geometry (IRIs minted from the id alone)."""
    return isinstance(node, URIRef) and str(node).startswith(_PLACE_PREFIX)


def is_actor(node: object) -> bool:
    return isinstance(node, URIRef) and str(node).startswith(_ACTOR_PREFIX)

_PARTS = ("title", "text")


def _segment(key: str, what: str) -> str:
    """One path segment for `key`, percent-encoded so no id can add a '/' or '?'."""
    if not isinstance(key, str) or not key:
        raise ValueError(f"{what} must be a non-empty string, not {key!r}")
    encoded = quote(key, safe="")
    # "." and ".." are legal ids but would be collapsed by URI path normalisation.
    if encoded.strip(".") == "":
        encoded = encoded.replace(".", "%2E")
    return encoded


def _non_negative(value: int, what: str) -> int:
    # bool is an int subclass; True as an index is always a bug upstream.
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{what} must be a non-negative integer, not {value!r}")
    return value


def _offsets(part: str, start: int, end: int) -> str:
    if part not in _PARTS:
        raise ValueError(f"span part must be 'title' or 'text', not {part!r}")
    _non_negative(start, "span start")
    _non_negative(end, "span end")
    if end < start:
        raise ValueError(f"span end {end} lies before its start {start}")
    return f"{part}/{start}-{end}"


def report_iri(report_id: str) -> URIRef:
    return ID["report/" + _segment(report_id, "report id")]


def report_graph_iri(report_id: str) -> URIRef:
    """The named graph holding everything read from one report."""
    return ID["graph/report/" + _segment(report_id, "report id")]


def incident_iri(report_id: str) -> URIRef:
    return URIRef(report_iri(report_id) + "/incident")


def claim_iri(report_id: str, index: int) -> URIRef:
    return URIRef(f"{report_iri(report_id)}/claim/{_non_negative(index, 'claim index')}")


def span_iri(report_id: str, part: str, start: int, end: int) -> URIRef:
    return URIRef(f"{report_iri(report_id)}/span/{_offsets(part, start, end)}")


def place_iri(
    geonames_id: int | None = None,
    *,
    report_id: str | None = None,
    part: str | None = None,
    start: int | None = None,
    end: int | None = None,
) -> URIRef:
    """A GeoNames-linked place from its id; otherwise a place local to one report.

    An unlinked place is keyed by the span that names it, because its only
    identity is "what this report calls it at these characters".
    """
    if geonames_id is not None:
        if report_id is not None:
            raise ValueError("give a GeoNames id or a report span for a place, not both")
        if isinstance(geonames_id, bool) or not isinstance(geonames_id, int) or geonames_id <= 0:
            raise ValueError(f"GeoNames id must be a positive integer, not {geonames_id!r}")
        return ID[f"place/{geonames_id}"]
    if report_id is None or part is None or start is None or end is None:
        raise ValueError("an unlinked place needs report_id, part, start and end")
    return URIRef(f"{report_iri(report_id)}/place/{_offsets(part, start, end)}")


def geometry_iri(geonames_id: int) -> URIRef:
    return URIRef(place_iri(geonames_id) + "/geometry")


def geonames_uri(geonames_id: int) -> URIRef:
    """The GeoNames semantic-web URI of a feature (the target of owl:sameAs)."""
    place_iri(geonames_id)  # same validation
    return URIRef(f"{GEONAMES_BASE}{geonames_id}/")


def actor_iri(actor_id: str) -> URIRef:
    return ID["actor/" + _segment(actor_id, "actor id")]


def siege_iri(report_id: str) -> URIRef:
    return URIRef(report_iri(report_id) + "/siege")


def phase_iri(report_id: str, order: int) -> URIRef:
    return URIRef(f"{siege_iri(report_id)}/phase/{_non_negative(order, 'phase order')}")


def activity_iri(report_id: str) -> URIRef:
    """The extraction run that produced a report's claims (prov:Activity)."""
    return URIRef(report_iri(report_id) + "/activity")
