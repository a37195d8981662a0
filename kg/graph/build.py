"""Extraction → rdflib Graph: the only place data triples are made.

One self-contained graph per report (it becomes the report's named graph):
the report, one incident, the casualty claims with their uncertainty range
and provenance, the text spans every fact was read from, the places with
their GeoNames links and points, and the siege lifting with its phases.
Actor labels are not repeated here; they live in ontology/actors.ttl.

Terms are those of kg/graph/vocab.py; IRIs come from kg/graph/iri.py.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.errors import KgError
from kg.graph import iri
from kg.graph.vocab import GEO, KG, NIF, SEM, WD
from kg.model import CasualtyClaim, Extraction, Place, PlaceMention, Report, Span

__all__ = ["GraphBuildError", "PlaceLookup", "Estimate", "build_graph", "estimate", "bind_prefixes"]

# Given a GeoNames id, the gazetteer row (used to label governorates that the
# report itself never names).
PlaceLookup = Callable[[int], "Place | None"]


class GraphBuildError(KgError, ValueError):
    """An Extraction is inconsistent (bad span, dangling partOf…): no graph is made."""


_KIND = {"killed": KG.Killed, "injured": KG.Injured, "captured": KG.Captured, "missing": KG.Missing}
_QUALIFIER = {
    "exact": KG.Exact,
    "at_least": KG.AtLeast,
    "about": KG.About,
    "more_than": KG.MoreThan,
    "unknown": KG.UnknownCount,
}
_GROUP = {"children": KG.Children, "women": KG.Women}
_PRECISION = {
    "settlement": KG.Settlement,
    "subdistrict": KG.Subdistrict,
    "district": KG.District,
    "governorate": KG.Governorate,
    "region": KG.Region,
    "unknown": KG.UnknownPrecision,
}
_WIKIDATA_ID = re.compile(r"Q[1-9][0-9]*")
CIVILIANS = "civilians"


# --------------------------------------------------------------------------- estimates


@dataclass(frozen=True, slots=True)
class Estimate:
    """Low / best / high counts derived from a stated count and its qualifier."""

    low: int | None
    best: int | None
    high: int | None
    rule: str


def estimate(count: int | None, qualifier: str) -> Estimate:
    """UCDP-style range from one report's wording.

    UCDP keeps a best estimate plus a low and a high bound. From a single
    statement we can only say what the wording implies, so each rule keeps
    the bounds the words support and leaves the others out rather than
    inventing them.
    """
    if count is None:
        return Estimate(None, None, None, "no-count: the report gives no number, so no estimate")
    if qualifier == "exact":
        return Estimate(count, count, count, "exact: low = best = high = the stated count")
    if qualifier == "at_least":
        return Estimate(count, count, None,
                        "at-least: low = best = the stated count; no upper bound is stated")
    if qualifier == "more_than":
        return Estimate(count + 1, count + 1, None,
                        "more-than: low = best = the stated count + 1; no upper bound is stated")
    if qualifier == "about":
        margin = max(1, math.ceil(count * 0.1))
        return Estimate(max(0, count - margin), count, count + margin,
                        "about: best = the stated count; low and high = count -/+ 10% (at least 1)")
    return Estimate(None, count, None,
                    "unqualified: best = the stated count; the wording gives no bounds")


# --------------------------------------------------------------------------- builder


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the project's prefixes (vocab.PREFIXES) so Turtle output is readable."""
    from kg.graph.vocab import PREFIXES

    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def build_graph(extraction: Extraction, *, lookup_place: PlaceLookup | None = None) -> Graph:
    """The RDF graph of one report, ready to be validated and stored as its named graph.

    `lookup_place` (e.g. `Gazetteer.get`) gives the gazetteer row of a
    governorate that a linked place lies in, so the governorate node gets
    its names even when the report never mentions it; without it such a
    node keeps only its GeoNames link (the shapes warn about the missing
    label). Raises GraphBuildError, naming the report, on an inconsistent
    Extraction (a span that does not quote its text, a dangling partOf…).
    """
    return _Builder(extraction, lookup_place).build()


def _integer(value: int, datatype: URIRef = XSD.integer) -> Literal:
    return Literal(value, datatype=datatype)


class _Builder:
    def __init__(self, extraction: Extraction, lookup_place: PlaceLookup | None) -> None:
        self.x = extraction
        self.report: Report = extraction.report
        self.rid = self.report.id
        self.lookup_place = lookup_place
        self.g = bind_prefixes(Graph(bind_namespaces="none"))
        try:
            self.report_node = iri.report_iri(self.rid)
        except ValueError as exc:
            raise GraphBuildError(f"report {self.rid!r}: {exc}") from None
        self.incident = iri.incident_iri(self.rid)
        self.activity = iri.activity_iri(self.rid)
        self.places_known: dict[int, Place] = {}
        self.places_done: set[URIRef] = set()

    def add(self, s, p, o) -> None:
        self.g.add((s, p, o))

    def build(self) -> Graph:
        self._collect_places()
        self._report()
        self._activity()
        self._incident()
        for mention in self.x.actors:
            actor = self._actor(mention.actor_id)
            self.add(self._span(mention.span), KG.mentions, actor)
        for mention in self.x.places:
            self._place_mention(mention)
        for mention in self.x.dates:
            span = self._span(mention.span)
            self.add(span, KG.mentionsDate, Literal(mention.day, datatype=XSD.date))
            if mention.relative:
                self.add(span, KG.relative, Literal(True))
        for index, claim in enumerate(self.x.casualties):
            self._claim(index, claim)
        if self.x.siege is not None:
            self._siege()
        return self.g

    # ---- report, activity, incident

    def _report(self) -> None:
        r, node = self.report, self.report_node
        self.add(node, RDF.type, KG.Report)
        self.add(node, RDF.type, PROV.Entity)
        self.add(node, DCTERMS.identifier, Literal(r.id))
        if r.title:
            self.add(node, DCTERMS.title, Literal(r.title, lang=r.lang))
        self.add(node, DCTERMS.issued, Literal(r.published, datatype=XSD.date))
        self.add(node, DCTERMS.language, Literal(r.lang))
        self.add(node, DCTERMS.source, Literal(r.source))
        if r.url:
            self.add(node, KG.url, Literal(r.url, datatype=XSD.anyURI))
        self.add(node, KG.text, Literal(r.text, lang=r.lang))

    def _activity(self) -> None:
        self.add(self.activity, RDF.type, PROV.Activity)
        self.add(self.activity, PROV.used, self.report_node)
        for name in dict.fromkeys(self.x.components):
            self.add(self.activity, KG.component, Literal(name))

    def _incident(self) -> None:
        node = self.incident
        self.add(node, RDF.type, KG.Incident)
        self.add(node, RDF.type, SEM.Event)
        self.add(node, PROV.wasDerivedFrom, self.report_node)
        self.add(node, PROV.wasGeneratedBy, self.activity)
        siege = self.x.siege
        actor_ids = list(self.x.actor_ids)
        places = list(self.x.places)
        if siege is not None:
            actor_ids += siege.actors
            places += [siege.place] if siege.place else []
            places += [p.place for p in siege.phases if p.place]
        for actor_id in dict.fromkeys(actor_ids):
            self.add(node, SEM.hasActor, self._actor(actor_id))
        for mention in places:
            self.add(node, SEM.hasPlace, self._place_node(mention))
        for day in sorted({d.day for d in self.x.dates}):
            self.add(node, KG.date, Literal(day, datatype=XSD.date))

    # ---- spans

    def _span(self, span: Span) -> URIRef:
        text = self.report.part(span.part) if span.part in ("title", "text") else None
        if text is None:
            raise GraphBuildError(f"report {self.rid}: span part must be 'title' or 'text', "
                                  f"not {span.part!r}")
        if not (0 <= span.start <= span.end <= len(text)):
            raise GraphBuildError(f"report {self.rid}: span {span.start}-{span.end} lies outside "
                                  f"the {span.part} ({len(text)} characters)")
        if text[span.start:span.end] != span.quote:
            raise GraphBuildError(f"report {self.rid}: span {span.part} {span.start}-{span.end} "
                                  f"quotes {span.quote!r} but the {span.part} there reads "
                                  f"{text[span.start:span.end]!r}")
        node = iri.span_iri(self.rid, span.part, span.start, span.end)
        self.add(node, RDF.type, KG.TextSpan)
        self.add(node, KG.inReport, self.report_node)
        self.add(node, KG.inPart, Literal(span.part))
        self.add(node, NIF.beginIndex, _integer(span.start, XSD.nonNegativeInteger))
        self.add(node, NIF.endIndex, _integer(span.end, XSD.nonNegativeInteger))
        self.add(node, NIF.anchorOf, Literal(span.quote))
        return node

    # ---- actors

    def _actor(self, actor_id: str) -> URIRef:
        try:
            node = iri.actor_iri(actor_id)
        except ValueError as exc:
            raise GraphBuildError(f"report {self.rid}: {exc}") from None
        self.add(node, RDF.type, KG.Actor)
        return node

    def _side(self, side: str) -> URIRef:
        return KG.Civilians if side == CIVILIANS else self._actor(side)

    # ---- places

    def _collect_places(self) -> None:
        """Every gazetteer row the Extraction carries, so governorates can be labelled."""
        found: list[Place] = [m.place for m in self.x.places if m.place]
        siege = self.x.siege
        if siege is not None:
            if siege.place and siege.place.place:
                found.append(siege.place.place)
            if siege.governorate:
                found.append(siege.governorate)
            found += [p.place.place for p in siege.phases if p.place and p.place.place]
        for place in found:
            if place.geonames_id is not None:
                self.places_known.setdefault(place.geonames_id, place)

    def _place_mention(self, mention: PlaceMention) -> URIRef:
        node = self._place_node(mention)
        span = self._span(mention.span)
        self.add(span, KG.mentions, node)
        if mention.category:
            self.add(span, KG.placeCategory, Literal(mention.category))
        chosen = mention.place.geonames_id if mention.place else None
        for other in mention.alternatives:
            # Kept so a reader can see the name was ambiguous and check the choice.
            if other != chosen:
                try:
                    self.add(span, KG.alternativeMatch, iri.geonames_uri(other))
                except ValueError as exc:
                    raise GraphBuildError(f"report {self.rid}: {exc}") from None
        return node

    def _place_node(self, mention: PlaceMention) -> URIRef:
        place = mention.place
        if place is not None and place.geonames_id is not None:
            return self._place(place)
        s = mention.span
        node = iri.place_iri(report_id=self.rid, part=s.part, start=s.start, end=s.end)
        if node not in self.places_done:
            self.places_done.add(node)
            self.add(node, RDF.type, KG.Place)
            self.add(node, RDF.type, SEM.Place)
            # Not in the gazetteer: the report's own words are all we know of it.
            self.add(node, RDFS.label, Literal(s.quote, lang=self.report.lang))
            precision = place.precision if place is not None else "unknown"
            self.add(node, KG.precision, _PRECISION.get(precision, KG.UnknownPrecision))
            if place is not None:
                self._place_details(node, place)
        return node

    def _place(self, place: Place) -> URIRef:
        gid = place.geonames_id
        try:
            node = iri.place_iri(gid)
        except ValueError as exc:
            raise GraphBuildError(f"report {self.rid}: {exc}") from None
        if node in self.places_done:
            return node
        self.places_done.add(node)
        self.add(node, RDF.type, KG.Place)
        self.add(node, RDF.type, SEM.Place)
        self.add(node, OWL.sameAs, iri.geonames_uri(gid))
        self.add(node, KG.geonamesId, _integer(gid))
        self.add(node, KG.precision, _PRECISION.get(place.precision, KG.UnknownPrecision))
        self._place_details(node, place)
        if place.lat is not None and place.lon is not None:
            geometry = iri.geometry_iri(gid)
            self.add(node, GEO.hasGeometry, geometry)
            self.add(geometry, RDF.type, GEO.Geometry)
            lon = self._coordinate(place.lon, 180.0, gid, "longitude")
            lat = self._coordinate(place.lat, 90.0, gid, "latitude")
            # WKT puts longitude first.
            self.add(geometry, GEO.asWKT, Literal(f"POINT({lon} {lat})", datatype=GEO.wktLiteral))
        if place.governorate_id is not None and place.governorate_id != gid:
            self.add(node, KG.governorate, self._governorate(place.governorate_id))
        return node

    def _coordinate(self, value: float, limit: float, gid: int, what: str) -> str:
        if not (isinstance(value, (int, float)) and math.isfinite(value) and -limit <= value <= limit):
            raise GraphBuildError(f"report {self.rid}: place {gid} has an impossible {what} "
                                  f"{value!r}")
        # Fixed notation (never 1e-05): WKT readers do not all take exponents.
        # Seven decimals is about a centimetre, finer than any gazetteer point.
        return f"{float(value):.7f}".rstrip("0").rstrip(".")

    def _place_details(self, node: URIRef, place: Place) -> None:
        if place.name_en:
            self.add(node, RDFS.label, Literal(place.name_en, lang="en"))
        if place.name_ar:
            self.add(node, RDFS.label, Literal(place.name_ar, lang="ar"))
        if place.feature_code:
            self.add(node, KG.featureCode, Literal(place.feature_code))
        if place.wikidata:
            if not _WIKIDATA_ID.fullmatch(place.wikidata):
                raise GraphBuildError(f"report {self.rid}: place {place.geonames_id}: "
                                      f"{place.wikidata!r} is not a Wikidata item id (Q…)")
            self.add(node, SKOS.exactMatch, WD[place.wikidata])

    def _governorate(self, gid: int) -> URIRef:
        place = self.places_known.get(gid)
        if place is None and self.lookup_place is not None:
            place = self.lookup_place(gid)
        if place is not None and place.geonames_id == gid:
            return self._place(place)
        # Known only by id: keep the link; the shapes warn that it has no label.
        node = iri.place_iri(gid)
        if node not in self.places_done:
            self.places_done.add(node)
            self.add(node, RDF.type, KG.Place)
            self.add(node, RDF.type, SEM.Place)
            self.add(node, OWL.sameAs, iri.geonames_uri(gid))
            self.add(node, KG.geonamesId, _integer(gid))
            self.add(node, KG.precision, KG.Governorate)
        return node

    # ---- claims

    def _claim(self, index: int, claim: CasualtyClaim) -> None:
        rid, claims = self.rid, self.x.casualties
        node = iri.claim_iri(rid, index)
        if claim.kind not in _KIND:
            raise GraphBuildError(f"report {rid}: claim {index}: unknown kind {claim.kind!r}")
        if claim.qualifier not in _QUALIFIER:
            raise GraphBuildError(f"report {rid}: claim {index}: unknown qualifier "
                                  f"{claim.qualifier!r}")
        if claim.count is not None and (isinstance(claim.count, bool) or claim.count < 0):
            raise GraphBuildError(f"report {rid}: claim {index}: count must be a non-negative "
                                  f"integer, not {claim.count!r}")
        self.add(node, RDF.type, KG.CasualtyClaim)
        self.add(node, RDF.type, PROV.Entity)
        self.add(node, KG.casualtyKind, _KIND[claim.kind])
        self.add(node, KG.qualifier, _QUALIFIER[claim.qualifier])
        if claim.count is not None:
            self.add(node, KG["count"], _integer(claim.count))
        est = estimate(claim.count, claim.qualifier)
        for prop, value in ((KG.low, est.low), (KG.best, est.best), (KG.high, est.high)):
            if value is not None:
                self.add(node, prop, _integer(value))
        self.add(node, KG.estimateRule, Literal(est.rule))
        if claim.side is not None:
            self.add(node, KG.victimSide, self._side(claim.side))
        if claim.nationality is not None:
            self.add(node, KG.nationality, Literal(claim.nationality))
        if claim.group is not None:
            if claim.group not in _GROUP:
                raise GraphBuildError(f"report {rid}: claim {index}: unknown group "
                                      f"{claim.group!r}")
            self.add(node, KG.victimGroup, _GROUP[claim.group])
        if claim.part_of is not None:
            if not (isinstance(claim.part_of, int) and 0 <= claim.part_of < len(claims)) \
                    or claim.part_of == index:
                raise GraphBuildError(f"report {rid}: claim {index} is part of claim "
                                      f"{claim.part_of!r}, which is not another claim of the "
                                      f"report (it has {len(claims)})")
            self.add(node, KG.partOf, iri.claim_iri(rid, claim.part_of))
        self.add(node, KG.cumulative, Literal(bool(claim.cumulative)))
        self.add(node, KG.incident, self.incident)
        self.add(node, KG.evidence, self._span(claim.span))
        if claim.evidence is not None:
            self.add(node, KG.context, self._span(claim.evidence))
        self.add(node, PROV.wasDerivedFrom, self.report_node)
        self.add(node, PROV.wasGeneratedBy, self.activity)

    # ---- siege

    def _siege(self) -> None:
        siege, rid = self.x.siege, self.rid
        node = iri.siege_iri(rid)
        self.add(node, RDF.type, KG.SiegeLifting)
        self.add(node, RDF.type, SEM.Event)
        self.add(node, KG.incident, self.incident)
        self.add(node, PROV.wasDerivedFrom, self.report_node)
        self.add(node, PROV.wasGeneratedBy, self.activity)
        self.add(node, KG.evidence, self._span(siege.span))
        if siege.place is not None:
            self.add(node, KG.besieged, self._place_mention(siege.place))
        if siege.day is not None:
            self.add(node, KG.liftedOn, Literal(siege.day, datatype=XSD.date))
        if siege.governorate is not None:
            if siege.governorate.geonames_id is None:
                raise GraphBuildError(f"report {rid}: the siege's governorate has no GeoNames id")
            self.add(node, KG.governorate, self._place(siege.governorate))
        for actor_id in dict.fromkeys(siege.actors):
            self.add(node, SEM.hasActor, self._actor(actor_id))
        seen: set[int] = set()
        for phase in siege.phases:
            if isinstance(phase.order, bool) or not isinstance(phase.order, int) \
                    or phase.order < 1 or phase.order in seen:
                raise GraphBuildError(f"report {rid}: siege phase orders must be distinct "
                                      f"positive integers; got {phase.order!r} again or invalid")
            seen.add(phase.order)
            pnode = iri.phase_iri(rid, phase.order)
            self.add(node, KG.hasPhase, pnode)
            self.add(pnode, RDF.type, KG.Phase)
            self.add(pnode, KG.order, _integer(phase.order, XSD.positiveInteger))
            self.add(pnode, KG.objective, Literal(phase.target, lang=self.report.lang))
            self.add(pnode, KG.evidence, self._span(phase.span))
            if phase.place is not None:
                self.add(pnode, KG.objectivePlace, self._place_mention(phase.place))
