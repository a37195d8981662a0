"""The HTML page of one entity (what a browser gets at /id/...).

`render_entity_html(store, iri, settings)` asks the store a few SELECT
queries, always with the entity bound as a variable (never pasted into the
query text), and renders api/templates/entity.html:

- its labels in Arabic and English, its types, links to GeoNames/Wikidata;
- every statement with evidence that concerns it (casualty claims, siege
  liftings, phases, mentions), each shown in its source sentence with the
  quoted characters marked, read from the report's kg:text by offsets;
- its own facts and the entities that point at it, all linked onward;
- a small neighbourhood network (drawn in the browser by cytoscape).

The caller (api/routers/resources.py) has already checked that the entity
exists; an entity with no triples still renders, just with little to show.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from rdflib import URIRef

from api.ui import templates
from kg.graph.vocab import DCTERMS, ID, KG, NIF, PREFIXES, RDF, RDFS, SKOS, WD
from kg.settings import Settings
from kg.store.base import Store

__all__ = ["Excerpt", "excerpt", "render_entity_html"]

_PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
_JSON = "application/sparql-results+json"

# Outgoing links and values, with the label and type of what they point at.
_OUT = _PROLOGUE + """
SELECT ?e ?p ?o ?oLabel ?oType WHERE {
  ?e ?p ?o .
  OPTIONAL { ?o rdfs:label|skos:prefLabel ?oLabel }
  OPTIONAL { ?o a ?oType }
} LIMIT 3000
"""

_IN = _PROLOGUE + """
SELECT ?e ?s ?p ?sLabel ?sType WHERE {
  ?s ?p ?e .
  OPTIONAL { ?s rdfs:label|skos:prefLabel ?sLabel }
  OPTIONAL { ?s a ?sType }
} LIMIT 3000
"""

# Everything with a text span that concerns ?e: its own evidence, items that
# point at it (claims about an actor, a siege at a place…), claims whose
# incident involves it, phases of a siege, spans that mention it, and the
# span itself when ?e is one. Mandatory part first, OPTIONALs last (see
# shared/notes/PERFORMANCE.md on pyoxigraph's OPTIONAL planning).
_EVIDENCE_TEMPLATE = """
SELECT ?e ?item ?span ?role ?report ?begin ?end ?part ?issued ?ctxBegin ?ctxEnd ?kind ?count
       ?qualifier ?side ?sideLabel ?order ?objective ?liftedOn ?itemType ?cumulative
WHERE {
  {
    { WAYS }
    ?span kg:inReport ?report ; nif:beginIndex ?begin ; nif:endIndex ?end .
  }
  OPTIONAL { ?span kg:inPart ?part }
  OPTIONAL { ?report dcterms:issued ?issued }
  OPTIONAL { ?item kg:context ?context . ?context nif:beginIndex ?ctxBegin ; nif:endIndex ?ctxEnd }
  OPTIONAL { ?item kg:casualtyKind ?kind }
  OPTIONAL { ?item kg:count ?count }
  OPTIONAL { ?item kg:qualifier ?qualifier }
  OPTIONAL { ?item kg:cumulative ?cumulative }
  OPTIONAL { ?item kg:victimSide ?side OPTIONAL { ?side rdfs:label|skos:prefLabel ?sideLabel } }
  OPTIONAL { ?item kg:order ?order }
  OPTIONAL { ?item kg:objective ?objective }
  OPTIONAL { ?item kg:liftedOn ?liftedOn }
  OPTIONAL { ?item a ?itemType }
} LIMIT ROWS
"""

# Everything with a text span that is about ?e: its own evidence, items that
# point at it (claims about an actor, a siege at a place…), phases of a siege,
# spans that mention it, and the span itself when ?e is one. Mandatory part
# first, OPTIONALs last (shared/notes/PERFORMANCE.md: pyoxigraph's OPTIONAL plans).
# The template holds no data: ?e is always bound by the store, never pasted.
_EVIDENCE_DIRECT = _PROLOGUE + _EVIDENCE_TEMPLATE.replace("WAYS", """
      { ?e kg:evidence ?span . BIND(?e AS ?item) BIND("self" AS ?role) }
      UNION { ?item ?link ?e . ?item kg:evidence ?span . BIND("about" AS ?role) }
      UNION { ?e kg:hasPhase ?item . ?item kg:evidence ?span . BIND("phase" AS ?role) }
      UNION { ?span kg:mentions ?e . BIND(?span AS ?item) BIND("mention" AS ?role) }
      UNION { ?e nif:beginIndex ?selfBegin . BIND(?e AS ?span) BIND(?e AS ?item)
              BIND("span" AS ?role) }
""").replace("ROWS", "4000")

# Claims of the incidents ?e takes part in (as actor or place). Asked apart so
# a busy actor's many incidents cannot crowd out what is said about it.
_EVIDENCE_INCIDENTS = _PROLOGUE + _EVIDENCE_TEMPLATE.replace("WAYS", """
      ?item kg:incident ?incident . ?incident sem:hasActor|sem:hasPlace ?e .
      ?item kg:evidence ?span . BIND("incident" AS ?role)
""").replace("ROWS", "1500")

_REPORT = _PROLOGUE + """
SELECT ?r ?text ?title ?id ?issued ?url WHERE {
  ?r kg:text ?text .
  OPTIONAL { ?r dcterms:title ?title }
  OPTIONAL { ?r dcterms:identifier ?id }
  OPTIONAL { ?r dcterms:issued ?issued }
  OPTIONAL { ?r kg:url ?url }
} LIMIT 1
"""

_MAX_EVIDENCE = 40  # statements about the entity itself shown on its page
_MAX_CONTEXT_EVIDENCE = 15  # claims of incidents it is part of, shown apart
_MAX_LINKS_PER_PROPERTY = 25
_MAX_NEIGHBOURS = 60
_CONTEXT_CHARS = 320  # at most this many characters either side of a quote

_LABEL_PROPS = {str(RDFS.label), str(SKOS.prefLabel)}
_SAME_AS = {str(URIRef("http://www.w3.org/2002/07/owl#sameAs")), str(SKOS.exactMatch),
            str(SKOS.closeMatch)}
_HIDDEN_OUT = _LABEL_PROPS | {str(RDF.type), str(KG.text)}
_GEONAMES = re.compile(r"^https?://sws\.geonames\.org/(\d+)/?$")
_WIKIDATA = re.compile(r"^https?://www\.wikidata\.org/entity/(Q\d+)$")
_NUMERIC_TYPES = ("integer", "decimal", "double", "float", "int", "long",
                  "nonNegativeInteger", "positiveInteger")
# Sentence ends: . ! ? (Latin), ؟ (Arabic question mark), ۔ (Arabic full stop), newline.
_SENTENCE_END = re.compile(r"[.!?\u061f\u06d4](?=\s|$)|\n")


# --------------------------------------------------------------------------- queries


def _select(store: Store, query: str, settings: Settings, iri: str, var: str = "e"
            ) -> list[dict[str, dict[str, str]]]:
    # pyoxigraph binds only variables of the projection, so every query selects `var`.
    outcome = store.query(
        query, media_type=_JSON, timeout_s=settings.query_timeout_s,
        row_limit=settings.row_cap, bindings={var: URIRef(iri)},
    )
    return json.loads(outcome.body)["results"]["bindings"]


def _value(row: dict[str, dict[str, str]], var: str) -> str | None:
    term = row.get(var)
    return term["value"] if term else None


def _int(row: dict[str, dict[str, str]], var: str) -> int | None:
    value = _value(row, var)
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


# --------------------------------------------------------------------------- display


def _compact(iri: str) -> str:
    if iri.startswith(str(ID)):
        return iri[len(str(ID)):]
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def _href(iri: str) -> str:
    """Our own entities link to their /id/ page; anything else to itself."""
    return "/id/" + iri[len(str(ID)):] if iri.startswith(str(ID)) else iri


def _local_name(iri: str) -> str:
    return re.split(r"[#/]", iri.rstrip("/"))[-1]


def _words(name: str) -> str:
    """kg:AtLeast → "at least"."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).lower()


@dataclass
class _Labels:
    by_lang: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, value: str, lang: str | None) -> None:
        key = (lang or "").lower().split("-")[0]
        if value not in self.by_lang[key]:
            self.by_lang[key].append(value)

    def best(self, prefer: tuple[str, ...] = ("en", "", "ar")) -> str | None:
        for lang in prefer:
            if self.by_lang.get(lang):
                return self.by_lang[lang][0]
        for values in self.by_lang.values():
            if values:
                return values[0]
        return None


def _term_view(term: dict[str, str], label: str | None = None) -> dict[str, Any]:
    """What the template needs to show one RDF term."""
    kind = term["type"]
    value = term["value"]
    if kind == "uri":
        local = value.startswith(str(ID))
        return {"iri": True, "href": _href(value), "text": label or _compact(value),
                "title": value, "external": not local, "lang": None}
    if kind == "bnode":
        return {"iri": False, "text": "_:" + value, "lang": None, "datatype": None}
    datatype = term.get("datatype")
    shown_type = None
    if datatype and not datatype.endswith(_NUMERIC_TYPES) and not datatype.endswith("#string"):
        shown_type = _compact(datatype)
    return {"iri": False, "text": value, "lang": term.get("xml:lang"), "datatype": shown_type}


# --------------------------------------------------------------------------- excerpts


@dataclass(frozen=True, slots=True)
class Excerpt:
    """A quote in its sentence: `before` + <mark>`quote`</mark> + `after`."""

    before: str
    quote: str
    after: str
    cut_before: bool
    cut_after: bool


def excerpt(text: str, begin: int, end: int, context: tuple[int, int] | None = None
            ) -> Excerpt | None:
    """The sentence around characters `begin:end` of `text`, the quote marked.

    `context` (the claim's kg:context span) is used when it holds the quote;
    otherwise the sentence is found from sentence-ending punctuation. None when
    the offsets do not fit the text (the page then says so instead of guessing).
    """
    if not (0 <= begin <= end <= len(text)):
        return None
    if context is not None and 0 <= context[0] <= begin and end <= context[1] <= len(text):
        start, stop = context
    else:
        start = 0
        for match in _SENTENCE_END.finditer(text, 0, begin):
            start = match.end()
        after = _SENTENCE_END.search(text, end)
        stop = after.end() if after else len(text)
    cut_before = begin - start > _CONTEXT_CHARS
    cut_after = stop - end > _CONTEXT_CHARS
    if cut_before:
        start = begin - _CONTEXT_CHARS
    if cut_after:
        stop = end + _CONTEXT_CHARS
    return Excerpt(text[start:begin].lstrip(), text[begin:end], text[end:stop].rstrip(),
                   cut_before, cut_after)


# --------------------------------------------------------------------------- page parts


@dataclass
class _Evidence:
    item: str
    span: str
    role: str
    report: str
    begin: int
    end: int
    part: str = "text"
    issued: str | None = None
    context: tuple[int, int] | None = None
    kind: str | None = None
    count: int | None = None
    qualifier: str | None = None
    side: str | None = None
    side_labels: _Labels = field(default_factory=_Labels)
    order: int | None = None
    objective: str | None = None
    lifted_on: str | None = None
    cumulative: bool = False
    types: set[str] = field(default_factory=set)

    def headline(self) -> str:
        if self.kind or str(KG.CasualtyClaim) in self.types:
            parts = [_words(_local_name(self.kind)).capitalize() if self.kind else "Casualties"]
            if self.count is not None:
                qualifier = _words(_local_name(self.qualifier)) if self.qualifier else ""
                parts.append(f"{qualifier} {self.count}".strip()
                             if qualifier not in ("exact", "") else str(self.count))
            elif self.qualifier:
                parts.append("no number given")
            return " · ".join(parts) + (" (running total)" if self.cumulative else "")
        if self.order is not None or str(KG.Phase) in self.types:
            return f"Phase {self.order}" + (f": {self.objective}" if self.objective else "")
        if str(KG.SiegeLifting) in self.types:
            return "Siege lifted" + (f" on {self.lifted_on}" if self.lifted_on else "")
        if self.role == "mention":
            return "Mentioned"
        if self.role == "span":
            return "These characters"
        return _compact(self.item)


_ROLE_RANK = {"self": 0, "span": 1, "about": 2, "phase": 3, "mention": 4, "incident": 5}


def _collect_evidence(rows: list[dict[str, dict[str, str]]]) -> list[_Evidence]:
    found: dict[tuple[str, str], _Evidence] = {}
    for row in rows:
        item, span, report = _value(row, "item"), _value(row, "span"), _value(row, "report")
        begin, end = _int(row, "begin"), _int(row, "end")
        if item is None or span is None or report is None or begin is None or end is None:
            continue
        ev = found.get((item, span))
        if ev is None:
            ctx_begin, ctx_end = _int(row, "ctxBegin"), _int(row, "ctxEnd")
            ev = _Evidence(
                item=item, span=span, role=_value(row, "role") or "about", report=report,
                begin=begin, end=end, part=_value(row, "part") or "text",
                issued=_value(row, "issued"),
                context=(ctx_begin, ctx_end) if ctx_begin is not None and ctx_end is not None
                else None,
                kind=_value(row, "kind"), count=_int(row, "count"),
                qualifier=_value(row, "qualifier"), side=_value(row, "side"),
                order=_int(row, "order"), objective=_value(row, "objective"),
                lifted_on=_value(row, "liftedOn"),
                cumulative=_value(row, "cumulative") in ("true", "1"),
            )
            found[(item, span)] = ev
        role = _value(row, "role") or "about"
        # One item can be reached several ways; keep the most direct one.
        if _ROLE_RANK.get(role, 9) < _ROLE_RANK.get(ev.role, 9):
            ev.role = role
        if row.get("sideLabel"):
            ev.side_labels.add(row["sideLabel"]["value"], row["sideLabel"].get("xml:lang"))
        if row.get("itemType"):
            ev.types.add(row["itemType"]["value"])
    # Newest reports first; within a report, in reading order.
    ordered = sorted(found.values(), key=lambda e: (e.report, e.part, e.begin))
    ordered.sort(key=lambda e: e.issued or "", reverse=True)
    return ordered


def _report_info(store: Store, report: str, settings: Settings) -> dict[str, Any] | None:
    rows = _select(store, _REPORT, settings, report, var="r")
    if not rows:
        return None
    row = rows[0]
    return {
        "iri": report,
        "href": _href(report),
        "text": _value(row, "text") or "",
        "lang": (row.get("text") or {}).get("xml:lang"),
        "title": _value(row, "title") or "",
        "title_lang": (row.get("title") or {}).get("xml:lang"),
        "id": _value(row, "id") or _compact(report),
        "issued": _value(row, "issued"),
        "url": _value(row, "url"),
    }


def _external_links(iri: str, out_rows: list[dict[str, dict[str, str]]]) -> list[dict[str, str]]:
    links: list[dict[str, str]] = []
    seen: set[str] = set()

    def add(text: str, href: str) -> None:
        if href not in seen:
            seen.add(href)
            links.append({"text": text, "href": href})

    for row in out_rows:
        p, o = _value(row, "p"), row.get("o")
        if o is None or p is None:
            continue
        value = o["value"]
        if p in _SAME_AS and o["type"] == "uri":
            if m := _GEONAMES.match(value):
                add(f"GeoNames {m.group(1)}", f"https://www.geonames.org/{m.group(1)}")
            elif m := _WIKIDATA.match(value):
                add(f"Wikidata {m.group(1)}", f"https://www.wikidata.org/wiki/{m.group(1)}")
            else:
                add(_compact(value), value)
        elif p == str(KG.geonamesId) and value.isdigit():
            add(f"GeoNames {value}", f"https://www.geonames.org/{value}")
        elif p == str(KG.url) and value.startswith(("http://", "https://")):
            add("Original report", value)
    # Actors are named by their Wikidata item where one exists (kg/graph/iri.py).
    tail = _local_name(iri)
    if iri.startswith(str(ID) + "actor/") and re.fullmatch(r"Q\d+", tail):
        add(f"Wikidata {tail}", f"https://www.wikidata.org/wiki/{tail}")
    return links


def _facts(out_rows: list[dict[str, dict[str, str]]]) -> list[dict[str, Any]]:
    """Outgoing values grouped by property, each value once, labelled where we can."""
    grouped: dict[str, dict[str, dict[str, Any]]] = {}
    labels: dict[str, _Labels] = defaultdict(_Labels)
    for row in out_rows:
        o = row.get("o")
        if o and o["type"] == "uri" and row.get("oLabel"):
            labels[o["value"]].add(row["oLabel"]["value"], row["oLabel"].get("xml:lang"))
    for row in out_rows:
        p, o = _value(row, "p"), row.get("o")
        if p is None or o is None or p in _HIDDEN_OUT:
            continue
        key = o["type"] + "\u0000" + o["value"] + "\u0000" + o.get("xml:lang", "")
        values = grouped.setdefault(p, {})
        if key not in values:
            label = labels[o["value"]].best() if o["type"] == "uri" else None
            values[key] = _term_view(o, label)
    def order(view: dict[str, Any]) -> tuple[str, str]:
        return (view.get("lang") or "", view["text"])

    return [{"property": _compact(p), "property_iri": p,
             "terms": sorted(v.values(), key=order)[:_MAX_LINKS_PER_PROPERTY],
             "more": max(0, len(v) - _MAX_LINKS_PER_PROPERTY)}
            for p, v in sorted(grouped.items(), key=lambda kv: _compact(kv[0]))]


def _incoming(in_rows: list[dict[str, dict[str, str]]]) -> list[dict[str, Any]]:
    labels: dict[str, _Labels] = defaultdict(_Labels)
    grouped: dict[str, dict[str, dict[str, str]]] = {}
    for row in in_rows:
        s, p = row.get("s"), _value(row, "p")
        if s is None or p is None:
            continue
        if row.get("sLabel"):
            labels[s["value"]].add(row["sLabel"]["value"], row["sLabel"].get("xml:lang"))
        grouped.setdefault(p, {})[s["value"]] = s
    return [{"property": _compact(p),
             "terms": [_term_view(s, labels[iri].best()) for iri, s in list(v.items())
                        [:_MAX_LINKS_PER_PROPERTY]],
             "more": max(0, len(v) - _MAX_LINKS_PER_PROPERTY)}
            for p, v in sorted(grouped.items(), key=lambda kv: _compact(kv[0]))]


def _neighbourhood(iri: str, title: str, out_rows, in_rows) -> dict[str, Any]:
    """Nodes and edges of the one-step neighbourhood, for cytoscape."""
    nodes: dict[str, dict[str, Any]] = {iri: {"id": iri, "label": title, "focus": True}}
    labels: dict[str, _Labels] = defaultdict(_Labels)
    edges: dict[tuple[str, str, str], dict[str, str]] = {}

    def visit(other: dict[str, str] | None, p: str | None, label_term, outgoing: bool) -> None:
        if other is None or p is None or other["type"] != "uri" or p == str(RDF.type):
            return
        node = other["value"]
        if label_term:
            labels[node].add(label_term["value"], label_term.get("xml:lang"))
        if node not in nodes:
            if len(nodes) > _MAX_NEIGHBOURS:
                return
            nodes[node] = {"id": node}
        source, target = (iri, node) if outgoing else (node, iri)
        edges[(source, p, target)] = {"source": source, "target": target, "label": _compact(p)}

    for row in out_rows:
        visit(row.get("o"), _value(row, "p"), row.get("oLabel"), True)
    for row in in_rows:
        visit(row.get("s"), _value(row, "p"), row.get("sLabel"), False)
    for node, data in nodes.items():
        if not data.get("focus"):
            data["label"] = labels[node].best() or _compact(node)
    return {"nodes": list(nodes.values()), "edges": list(edges.values())}


_WKT = _PROLOGUE + """
SELECT ?e ?wkt WHERE { ?e geo:hasGeometry/geo:asWKT ?wkt } LIMIT 10
"""
_POINT = re.compile(r"POINT\s*\(\s*(-?[\d.]+)\s+(-?[\d.]+)\s*\)", re.IGNORECASE)


# --------------------------------------------------------------------------- entry point


def render_entity_html(store: Store, iri: str, settings: Settings) -> str:
    """The whole HTML page of entity `iri`."""
    out_rows = _select(store, _OUT, settings, iri)
    in_rows = _select(store, _IN, settings, iri)

    labels = _Labels()
    types: dict[str, _Labels] = {}
    for row in out_rows:
        p, o = _value(row, "p"), row.get("o")
        if p in _LABEL_PROPS and o and o["type"] == "literal":
            labels.add(o["value"], o.get("xml:lang"))
        elif p == str(RDF.type) and o and o["type"] == "uri":
            type_labels = types.setdefault(o["value"], _Labels())
            if row.get("oLabel"):
                type_labels.add(row["oLabel"]["value"], row["oLabel"].get("xml:lang"))
    label_en = labels.best(("en",)) if labels.by_lang.get("en") else None
    label_ar = labels.by_lang["ar"][0] if labels.by_lang.get("ar") else None
    other_labels = [(lang, v) for lang, vs in labels.by_lang.items() if lang not in ("en", "ar")
                    for v in vs]
    evidence_all = _collect_evidence(_select(store, _EVIDENCE_DIRECT, settings, iri)
                                     + _select(store, _EVIDENCE_INCIDENTS, settings, iri))
    title = (label_en or label_ar or labels.best()
             or _fallback_title(iri, out_rows, evidence_all) or _compact(iri))
    # Statements about the entity come first; claims that only share an
    # incident with it (an actor's opponents' dead…) are listed apart, shorter.
    direct = [e for e in evidence_all if e.role != "incident"]
    nearby = [e for e in evidence_all if e.role == "incident"]
    reports: dict[str, dict[str, Any] | None] = {}

    def view(ev: _Evidence) -> dict[str, Any]:
        if ev.report not in reports:
            reports[ev.report] = _report_info(store, ev.report, settings)
        report = reports[ev.report]
        text = ""
        if report is not None:
            text = report["title"] if ev.part == "title" else report["text"]
        quote = excerpt(text, ev.begin, ev.end, ev.context) if report else None
        side = None
        if ev.side:
            side = {"href": _href(ev.side) if ev.side.startswith(str(ID)) else None,
                    "text": ev.side_labels.best() or _compact(ev.side),
                    "text_ar": (ev.side_labels.by_lang.get("ar") or [None])[0]}
        return {
            "headline": ev.headline(), "via": _ROLE_NOTES.get(ev.role),
            "item": _term_view({"type": "uri", "value": ev.item}),
            "side": side, "excerpt": quote, "report": report,
            "report_href": _href(ev.report), "report_text": _compact(ev.report),
            "issued": ev.issued, "lang": report["lang"] if report else None,
            "offsets": f"{ev.part} {ev.begin}–{ev.end}",
        }

    # A report's own page shows its whole text with every quoted span marked.
    own_report = None
    if any(_value(r, "p") == str(KG.text) for r in out_rows):
        own_report = _report_info(store, iri, settings)
        if own_report is not None:
            own_report["segments"] = _marked_segments(
                own_report["text"],
                [(e.begin, e.end) for e in evidence_all if e.report == iri and e.part == "text"])

    points = []
    for row in _select(store, _WKT, settings, iri):
        m = _POINT.search(_value(row, "wkt") or "")
        if m:
            points.append({"lat": float(m.group(2)), "lon": float(m.group(1)), "label": title})

    page = templates().get_template("entity.html").render(
        iri=iri,
        compact=_compact(iri),
        title=title,
        label_en=label_en,
        label_ar=label_ar,
        other_labels=other_labels,
        types=[{"href": _href(t), "text": ls.best() or _compact(t), "iri": t}
               for t, ls in sorted(types.items())],
        links=_external_links(iri, out_rows),
        evidence=[view(e) for e in direct[:_MAX_EVIDENCE]],
        evidence_total=len(direct),
        nearby=[view(e) for e in nearby[:_MAX_CONTEXT_EVIDENCE]],
        nearby_total=len(nearby),
        facts=_facts(out_rows),
        incoming=_incoming(in_rows),
        own_report=own_report,
        page_data={
            "idBase": str(ID),
            "prefixes": PREFIXES,
            "graph": _neighbourhood(iri, title, out_rows, in_rows),
            "points": points,
        },
        wikidata_base=str(WD),
    )
    return page


# Why a statement is listed on this page, when it is not plainly about the entity.
_ROLE_NOTES = {
    "phase": "a phase of this siege lifting",
    "mention": "the report names this entity here",
}

_TITLE_PROPS = (str(DCTERMS.title), str(NIF.anchorOf), str(KG.objective), str(DCTERMS.identifier))


def _fallback_title(iri: str, out_rows, evidence: list[_Evidence]) -> str | None:
    """A readable heading for an entity without a label (claims, spans, reports…)."""
    own = next((e for e in evidence if e.item == iri and e.role in ("self", "span")), None)
    if own is not None and own.role == "self":
        return own.headline()
    values = {p: None for p in _TITLE_PROPS}
    for row in out_rows:
        p = _value(row, "p")
        if p in values and values[p] is None and row.get("o"):
            values[p] = row["o"]["value"]
    for p in _TITLE_PROPS:
        if values[p]:
            return f"“{values[p]}”" if p == str(NIF.anchorOf) else values[p]
    return None


def _marked_segments(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """`text` cut into (piece, marked) with overlapping spans merged."""
    merged: list[list[int]] = []
    for begin, end in sorted(s for s in spans if 0 <= s[0] < s[1] <= len(text)):
        if merged and begin <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([begin, end])
    pieces: list[tuple[str, bool]] = []
    at = 0
    for begin, end in merged:
        if begin > at:
            pieces.append((text[at:begin], False))
        pieces.append((text[begin:end], True))
        at = end
    if at < len(text):
        pieces.append((text[at:], False))
    return pieces
