"""The six queries of the SPARQL bench: five research questions and one trivial lookup.

Terms are those kg/graph/build.py writes (see the comment block of
kg/graph/vocab.py). Queries have no GRAPH clause: both servers are asked
over their union default graph, the way a researcher writes them.

Where a query needs a value from the data (an actor, a governorate, a date
range, a subject), the value is picked from the dataset by `pick_parameters`
and written into the text as an RDF term in N-Triples syntax, which the
term type escapes; no surface text is pasted in.
"""

from __future__ import annotations

from dataclasses import dataclass
from string import Template

__all__ = ["PARAMETER_QUERIES", "QUERIES", "BenchQuery", "render"]

_PREFIXES = """\
PREFIX kg: <https://w3id.org/conflict-kg/ontology#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX geo: <http://www.opengis.net/ont/geosparql#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


@dataclass(frozen=True, slots=True)
class BenchQuery:
    key: str
    title: str
    template: str  # string.Template over _PREFIXES + body; $name placeholders
    research: bool  # research queries must reach 10x the baseline, the trivial one 1.3x

    @property
    def bar(self) -> float:
        return 10.0 if self.research else 1.3


QUERIES: tuple[BenchQuery, ...] = (
    BenchQuery(
        "q1-killed-actor-month",
        "killed per actor per month (GROUP BY)",
        # Only top-level claims: a part ("including 20 …") is already inside its whole.
        """
SELECT ?actor ?month (SUM(?best) AS ?killed) (COUNT(?claim) AS ?claims) WHERE {
  ?claim kg:casualtyKind kg:Killed ;
         kg:best ?best ;
         kg:victimSide ?actor ;
         prov:wasDerivedFrom ?report .
  ?report dcterms:issued ?issued .
  FILTER NOT EXISTS { ?claim kg:partOf ?whole }
  BIND(SUBSTR(STR(?issued), 1, 7) AS ?month)
}
GROUP BY ?actor ?month
ORDER BY ?actor ?month
""",
        True,
    ),
    BenchQuery(
        "q2-claims-provenance",
        "claims with provenance (span text, report)",
        # Mandatory part in { } and OPTIONALs last: see shared/notes/PERFORMANCE.md.
        """
SELECT ?claim ?kind ?count ?quote ?begin ?end ?report ?issued ?context WHERE {
  {
    ?claim a kg:CasualtyClaim ;
           kg:casualtyKind ?kind ;
           kg:evidence ?span ;
           prov:wasDerivedFrom ?report .
    ?span nif:anchorOf ?quote ; nif:beginIndex ?begin ; nif:endIndex ?end .
    ?report dcterms:issued ?issued .
  }
  OPTIONAL { ?claim kg:count ?count }
  OPTIONAL { ?claim kg:context ?ctx . ?ctx nif:anchorOf ?context }
}
""",
        True,
    ),
    BenchQuery(
        "q3-places-in-governorate",
        "places in a governorate",
        """
SELECT DISTINCT ?place ?label ?precision ?wkt WHERE {
  {
    ?place kg:governorate $governorate ;
           rdfs:label ?label ;
           kg:precision ?precision .
  }
  OPTIONAL { ?place geo:hasGeometry ?geometry . ?geometry geo:asWKT ?wkt }
}
ORDER BY ?place ?label
""",
        True,
    ),
    BenchQuery(
        "q4-actor-2hop",
        "2-hop neighbourhood of an actor",
        """
SELECT DISTINCT ?hop1 ?hop2 WHERE {
  ?hop1 ?p1 $actor .
  { ?hop1 ?p2 ?hop2 } UNION { ?hop2 ?p2 ?hop1 }
  FILTER(isIRI(?hop2) && ?hop2 != $actor && ?p2 != rdf:type)
}
""",
        True,
    ),
    BenchQuery(
        "q5-date-range",
        "date-range filter, ORDER BY, LIMIT",
        """
SELECT ?incident ?day ?report WHERE {
  ?incident kg:date ?day ;
            prov:wasDerivedFrom ?report .
  FILTER(?day >= $day_from && ?day < $day_to)
}
ORDER BY DESC(?day) ?incident
LIMIT 100
""",
        True,
    ),
    BenchQuery(
        "q6-lookup",
        "trivial one-subject lookup",
        """
SELECT ?p ?o WHERE { $subject ?p ?o }
""",
        False,
    ),
)

# Run once over the dataset to choose the parameters above (see pick_parameters).
PARAMETER_QUERIES = {
    # Actors by the number of incidents they take part in.
    "actors": _PREFIXES + """
SELECT ?actor (COUNT(DISTINCT ?incident) AS ?n) WHERE { ?incident sem:hasActor ?actor }
GROUP BY ?actor ORDER BY DESC(?n) ?actor
""",
    "governorates": _PREFIXES + """
SELECT ?governorate (COUNT(DISTINCT ?place) AS ?n) WHERE { ?place kg:governorate ?governorate }
GROUP BY ?governorate ORDER BY DESC(?n) ?governorate
""",
    "days": _PREFIXES + """
SELECT DISTINCT ?day WHERE { ?incident kg:date ?day } ORDER BY ?day
""",
    "subjects": _PREFIXES + """
SELECT ?s WHERE { ?s a kg:CasualtyClaim } ORDER BY ?s LIMIT 1
""",
    "fallback_subjects": _PREFIXES + """
SELECT ?s WHERE { ?s a kg:Incident } ORDER BY ?s LIMIT 1
""",
}


def render(query: BenchQuery, parameters: dict[str, str]) -> str | None:
    """The full query text, or None when a parameter it needs is missing from the data."""
    try:
        return _PREFIXES + Template(query.template).substitute(parameters)
    except KeyError:
        return None
