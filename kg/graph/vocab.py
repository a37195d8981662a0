"""Namespaces and terms: the only module where IRIs are spelled.

Everything the project mints lives under two bases:

- `KG`  (ontology terms)  https://w3id.org/conflict-kg/ontology#
- `ID`  (data entities)   https://w3id.org/conflict-kg/id/

The API serves `ID` entities at `/id/...` on its own host, so every minted
IRI dereferences there (see api/routers/resources.py).
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

__all__ = [
    "DCTERMS", "GEO", "GN", "ID", "KG", "NIF", "OWL", "PREFIXES", "PROV", "RDF", "RDFS",
    "SD", "SEM", "SH", "SKOS", "VOID", "WD", "XSD", "GEONAMES_BASE", "WIKIDATA_BASE",
]

KG = Namespace("https://w3id.org/conflict-kg/ontology#")
ID = Namespace("https://w3id.org/conflict-kg/id/")

SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
SH = Namespace("http://www.w3.org/ns/shacl#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
GN = Namespace("https://www.geonames.org/ontology#")
WD = Namespace("http://www.wikidata.org/entity/")

GEONAMES_BASE = "https://sws.geonames.org/"  # + "<id>/"
WIKIDATA_BASE = str(WD)

# Prefixes offered to SPARQL users (UI editor, examples, serialisations).
PREFIXES: dict[str, str] = {
    "kg": str(KG),
    "kgid": str(ID),
    "sem": str(SEM),
    "prov": str(PROV),
    "geo": str(GEO),
    "nif": str(NIF),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "gn": str(GN),
    "wd": str(WD),
}

# ---------------------------------------------------------------------------
# Terms of the kg: ontology (ontology/kg.ttl defines each with en/ar labels).
#
# Classes
#   kg:Report            a published report (prov:Entity); one named graph each
#   kg:Incident          what a report describes (sem:Event); hub for actors/places/time
#   kg:CasualtyClaim     one stated count of victims (prov:Entity)
#   kg:SiegeLifting      a siege reported lifted (sem:Event)
#   kg:Phase             an ordered stage of a siege lifting
#   kg:Actor             armed actor (sem:Actor, skos:Concept in ontology/actors.ttl)
#   kg:Place             place (sem:Place, geo:Feature)
#   kg:TextSpan          characters of a report (nif:String)
#   kg:CasualtyKind, kg:Qualifier, kg:VictimGroup, kg:PlacePrecision  (value classes)
#
# Individuals
#   kg:Killed kg:Injured kg:Captured kg:Missing
#   kg:Exact kg:AtLeast kg:About kg:MoreThan kg:UnknownCount
#   kg:Children kg:Women
#   kg:Civilians (victim side that is no armed actor)
#   kg:Settlement kg:Subdistrict kg:District kg:Governorate kg:Region kg:UnknownPrecision
#
# Properties (domain → range)
#   report:  dcterms:identifier, dcterms:title, dcterms:issued (xsd:date), dcterms:language,
#            dcterms:source (literal publisher), kg:url, kg:text (body text)
#   incident (sem:Event): prov:wasDerivedFrom report, sem:hasActor actor,
#            sem:hasPlace place, kg:date xsd:date (one per anchored day)
#   claim:   kg:casualtyKind, kg:count xsd:integer (absent when vague), kg:qualifier,
#            kg:low / kg:best / kg:high xsd:integer + kg:estimateRule literal,
#            kg:victimSide (actor or kg:Civilians), kg:nationality literal ("LB", "non-SY"),
#            kg:victimGroup, kg:partOf claim, kg:cumulative xsd:boolean,
#            kg:incident incident, kg:evidence span (the number and its noun),
#            kg:context span (the sentence or clause around it), prov:wasDerivedFrom report,
#            prov:wasGeneratedBy activity
#            (in Python write KG["count"]: KG.count is str.count, Namespace being a str)
#   span:    kg:inReport report, kg:inPart "title"|"text", nif:beginIndex, nif:endIndex,
#            nif:anchorOf (exact text)
#   mention of actor/place in a report: kg:mentions (span → actor or place);
#            of a day: kg:mentionsDate xsd:date on the span, kg:relative true when
#            resolved from "yesterday" and the like; kg:placeCategory literal ("city",
#            "village", …) and kg:alternativeMatch <https://sws.geonames.org/ID/> (other
#            features the same name could mean) on a place mention's span
#   place:   owl:sameAs <https://sws.geonames.org/ID/>, skos:exactMatch wd:Q…, rdfs:label
#            @ar/@en, geo:hasGeometry [ geo:asWKT "POINT(lon lat)"^^geo:wktLiteral ],
#            kg:governorate place, kg:precision, kg:featureCode, kg:geonamesId xsd:integer
#            (geometry node IRI: <place/ID/geometry>; unlinked places: rdfs:label of the
#            report's words, kg:precision kg:UnknownPrecision, no sameAs)
#   precision values carry kg:acledGeoPrecision and kg:ucdpWherePrecision (ontology only)
#   siege:   kg:besieged place, kg:liftedOn xsd:date, kg:hasPhase phase, sem:hasActor actor,
#            kg:evidence span, prov:wasDerivedFrom report, prov:wasGeneratedBy activity,
#            kg:incident incident, kg:governorate place
#   phase:   kg:order xsd:positiveInteger, kg:objective literal, kg:objectivePlace place,
#            kg:evidence span
#   activity: prov:Activity with kg:component literals (e.g. "kg.casualties.v1"),
#            prov:used report; incident and siege also carry prov:wasGeneratedBy activity
#   Extra rdf:type triples for queries without inference: kg:Report and kg:CasualtyClaim
#   are also prov:Entity, kg:Incident and kg:SiegeLifting sem:Event, kg:Place sem:Place.
#   Shapes: shapes/kg-shapes.ttl, namespace https://w3id.org/conflict-kg/shapes# (kgsh:).
# ---------------------------------------------------------------------------
