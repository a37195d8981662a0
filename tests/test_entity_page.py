"""Entity pages (/id/... as text/html) over the real app and a real store.

Two kinds of data: the hand-written tests/data/ui_sample.ttl, and graphs the
real pipeline builds from sample reports (samples/reports/), so the page is
checked against whatever the extractor produces, not only against our own
fixture. Expected values are always read back from the store.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import httpx
import pytest
from rdflib import URIRef

from api.entity_page import excerpt, render_entity_html
from kg.graph.vocab import ID, PREFIXES
from kg.ingest import load_vocabularies

REPO = Path(__file__).resolve().parent.parent
TEST_DATA = REPO / "tests" / "data"
SAMPLE_GRAPH = str(ID) + "graph/report/ui-sample"
HTML = {"Accept": "text/html"}
MARK = re.compile(r"<mark>(.*?)</mark>", re.DOTALL)
BLOCKQUOTE = re.compile(r"<blockquote[^>]*>(.*?)</blockquote>", re.DOTALL)
TAG = re.compile(r"<[^>]+>")


def _select(server, query: str) -> list[dict]:
    prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    response = httpx.post(server.url + "/sparql", data={"query": prologue + query},
                          headers={"Accept": "application/sparql-results+json"}, timeout=30)
    response.raise_for_status()
    return response.json()["results"]["bindings"]


def _select_about(server, query: str, **bound: str) -> list[dict]:
    """A SELECT with IRIs bound by the store (never pasted into the query text)."""
    prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    outcome = server.store.query(
        prologue + query, media_type="application/sparql-results+json",
        bindings={name: URIRef(iri) for name, iri in bound.items()})
    return json.loads(outcome.body)["results"]["bindings"]


def _page(server, iri: str) -> str:
    response = httpx.get(server.url + "/id/" + iri[len(str(ID)):], headers=HTML, timeout=30)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def _text(fragment: str) -> str:
    return html.unescape(TAG.sub("", fragment))


def _page_data(page: str) -> dict:
    match = re.search(r'<script id="kg-page" type="application/json">(.*?)</script>', page, re.DOTALL)
    assert match, "the page carries its graph data"
    return json.loads(match.group(1))


@pytest.fixture
def sample(live_server):
    live_server.load_turtle(SAMPLE_GRAPH, TEST_DATA / "ui_sample.ttl")
    load_vocabularies(live_server.store)
    return live_server


@pytest.fixture(scope="module")
def resources():
    from kg.extract.pipeline import Resources

    return Resources.load()


@pytest.fixture
def pipeline_data(live_server, resources):
    from kg.ingest import ingest_paths

    load_vocabularies(live_server.store)
    reports = sorted((REPO / "samples" / "reports").glob("dev-00*.json"))[:4]
    assert reports, "samples/reports holds the dev reports"
    results = list(ingest_paths(live_server.store, reports, resources, quarantine_dir=None))
    assert any(r.status == "stored" for r in results)
    return live_server


# --------------------------------------------------------------------------- excerpts


def test_excerpt_finds_the_arabic_sentence_around_the_quote():
    first = "قُتل 3 مدنيين في حلب."
    second = "وأصيب 7 آخرون بجروح؟"
    third = " ثم توقف القصف."
    text = first + " " + second + third
    begin = text.index("7 آخرون")
    found = excerpt(text, begin, begin + len("7 آخرون"))
    assert found.quote == "7 آخرون"
    assert found.before + found.quote + found.after == second
    assert not found.cut_before and not found.cut_after


def test_excerpt_prefers_the_claims_context_span():
    text = "One. Two killed, three injured in Idlib. Four."
    begin = text.index("three")
    context = (text.index("Two"), text.index("Idlib.") + len("Idlib."))
    found = excerpt(text, begin, begin + 5, context)
    assert found.before == "Two killed, "
    assert found.after == " injured in Idlib."
    # A context that does not hold the quote is ignored, the sentence is used.
    assert excerpt(text, begin, begin + 5, (0, 4)).before == "Two killed, "


def test_excerpt_cuts_long_sentences_and_refuses_bad_offsets():
    text = "x" * 1000 + " 5 killed " + "y" * 1000
    begin = text.index("5 killed")
    found = excerpt(text, begin, begin + 8)
    assert found.cut_before and found.cut_after
    assert len(found.before) <= 320 and len(found.after) <= 320
    assert excerpt(text, 10, 5) is None
    assert excerpt(text, 0, len(text) + 1) is None


# --------------------------------------------------------------------------- sample data


def test_claim_page_marks_the_quoted_characters(sample):
    rows = _select(sample, """
        SELECT ?claim ?quote ?begin ?end ?text WHERE {
          ?claim a kg:CasualtyClaim ; kg:evidence ?span .
          ?span nif:anchorOf ?quote ; nif:beginIndex ?begin ; nif:endIndex ?end ;
                kg:inReport/kg:text ?text }""")
    assert rows
    for row in rows:
        page = _page(sample, row["claim"]["value"])
        text, begin, end = row["text"]["value"], int(row["begin"]["value"]), int(row["end"]["value"])
        marks = [_text(m) for m in MARK.findall(page)]
        assert marks == [row["quote"]["value"]] == [text[begin:end]]
        block = BLOCKQUOTE.findall(page)[0]
        assert _text(block).strip(" …") in text
        # The mark sits at the claim's own offsets: what precedes it in the
        # quote is exactly what precedes `begin` in the report.
        before = _text(block.split("<mark>", 1)[0]).lstrip("…")
        assert text[begin - len(before):begin] == before


def test_place_page_has_both_labels_links_and_neighbourhood(sample):
    place = _select(sample, """
        SELECT ?place ?ar ?en ?gn ?wd WHERE {
          ?place a kg:Place ; owl:sameAs ?gn ; skos:exactMatch ?wd ;
                 rdfs:label ?ar, ?en .
          FILTER(lang(?ar) = "ar" && lang(?en) = "en") } LIMIT 1""")[0]
    iri = place["place"]["value"]
    page = _page(sample, iri)
    assert f'<h1 class="label-ar" lang="ar" dir="rtl">{html.escape(place["ar"]["value"])}</h1>' in page
    assert f'<h1 class="label-en" lang="en" dir="ltr">{html.escape(place["en"]["value"])}</h1>' in page
    gn_id = place["gn"]["value"].rstrip("/").rsplit("/", 1)[-1]
    qid = place["wd"]["value"].rsplit("/", 1)[-1]
    assert f'href="https://www.geonames.org/{gn_id}"' in page
    assert f'href="https://www.wikidata.org/wiki/{qid}"' in page

    data = _page_data(page)
    incidents = {r["i"]["value"] for r in _select_about(
        sample, "SELECT ?place ?i WHERE { ?i sem:hasPlace ?place }", place=iri)}
    assert incidents
    node_ids = {n["id"] for n in data["graph"]["nodes"]}
    assert incidents <= node_ids
    for incident in incidents:  # onward links to the incidents' own pages
        assert f'href="/id/{incident[len(str(ID)):]}"' in page
    assert len(data["points"]) == 1


def test_report_page_shows_its_text_with_every_claim_marked(sample):
    report = _select(sample, """
        SELECT ?report (COUNT(?claim) AS ?n) WHERE {
          ?claim a kg:CasualtyClaim ; prov:wasDerivedFrom ?report }
        GROUP BY ?report ORDER BY DESC(?n) LIMIT 1""")[0]
    page = _page(sample, report["report"]["value"])
    section = re.search(r'<div class="report-text"[^>]*>(.*?)</div>', page, re.DOTALL).group(1)
    quotes = {r["q"]["value"] for r in _select_about(sample, """
        SELECT ?report ?q WHERE { ?c prov:wasDerivedFrom ?report ;
                                     a kg:CasualtyClaim ; kg:evidence/nif:anchorOf ?q }""",
        report=report["report"]["value"])}
    assert {_text(m) for m in MARK.findall(section)} == quotes


def test_unlabelled_or_unknown_entities_do_not_break_the_page(sample):
    assert httpx.get(sample.url + "/id/no/such/thing", headers=HTML).status_code == 404
    # Called directly with an IRI the store has never seen: still a page.
    page = render_entity_html(sample.store, str(ID) + "no/such/thing", sample.settings)
    assert "No claim, siege or mention" in page


def test_entity_text_is_escaped(sample, tmp_path):
    hostile = tmp_path / "hostile.ttl"
    hostile.write_text(
        '<https://w3id.org/conflict-kg/id/actor/x> '
        '<http://www.w3.org/2000/01/rdf-schema#label> "<script>alert(1)</script>"@en .\n',
        encoding="utf-8")
    sample.load_turtle(str(ID) + "graph/hostile", hostile)
    page = _page(sample, str(ID) + "actor/x")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# --------------------------------------------------------------------------- pipeline data


def test_pages_of_pipeline_claims_quote_the_report_exactly(pipeline_data):
    rows = _select(pipeline_data, """
        SELECT ?claim ?quote ?begin ?end ?text WHERE {
          ?claim a kg:CasualtyClaim ; kg:evidence ?span .
          ?span nif:anchorOf ?quote ; nif:beginIndex ?begin ; nif:endIndex ?end ;
                kg:inPart "text" ; kg:inReport/kg:text ?text }""")
    assert rows, "the pipeline should find casualty claims in the sample reports"
    for row in rows:
        page = _page(pipeline_data, row["claim"]["value"])
        text, begin, end = row["text"]["value"], int(row["begin"]["value"]), int(row["end"]["value"])
        marks = [_text(m) for m in MARK.findall(page)]
        assert marks[0] == text[begin:end] == row["quote"]["value"]


def test_pipeline_place_pages_list_their_evidence(pipeline_data):
    places = _select(pipeline_data, """
        SELECT ?place (COUNT(DISTINCT ?span) AS ?mentions) WHERE {
          ?span kg:mentions ?place . ?place a kg:Place ; owl:sameAs ?gn }
        GROUP BY ?place ORDER BY DESC(?mentions) LIMIT 3""")
    assert places
    for place in places:
        page = _page(pipeline_data, place["place"]["value"])
        articles = page.count('<article class="evidence">')
        assert articles >= min(int(place["mentions"]["value"]), 60)
        assert "www.geonames.org/" in page


def test_actor_page_separates_its_own_claims_from_its_incidents(sample):
    actor = _select(sample, """
        SELECT ?actor WHERE { ?c kg:victimSide ?actor . ?actor a kg:Actor .
          ?c kg:incident/sem:hasActor ?actor }
        ORDER BY ?actor LIMIT 1""")[0]["actor"]["value"]
    own = {r["c"]["value"] for r in _select_about(
        sample, "SELECT ?actor ?c WHERE { ?c kg:victimSide ?actor }", actor=actor)}
    others = {r["c"]["value"] for r in _select_about(sample, """
        SELECT DISTINCT ?actor ?c WHERE { ?c a kg:CasualtyClaim ; kg:incident/sem:hasActor ?actor .
          FILTER NOT EXISTS { ?c kg:victimSide ?actor } }""", actor=actor)}
    assert own and others
    page = _page(sample, actor)
    direct, nearby = page.split('<section class="panel section" id="nearby">', 1)
    links = re.compile(r'<a href="/id/([^"]+)">[^<]*</a> · characters')

    def claims_in(fragment: str) -> set[str]:
        return {str(ID) + path for path in links.findall(fragment)}

    assert own <= claims_in(direct) and not (own & claims_in(nearby))
    assert others <= claims_in(nearby) and not (others & claims_in(direct))


# --------------------------------------------------------------------------- explorer assets


def test_every_example_query_answers_on_the_sample(sample):
    from api.ui import load_examples

    examples = load_examples()
    assert len(examples) >= 5
    for example in examples:
        assert example.title and example.view in ("table", "graph", "map")
        rows = _select(sample, example.query)
        assert rows, f"example {example.id} found nothing in the sample data"


def test_only_listed_assets_are_served(sample):
    from api.ui import VENDOR_FILES

    assert httpx.get(sample.url + "/").status_code == 200
    assert httpx.get(sample.url + "/assets/kg.css").status_code == 200
    for name in VENDOR_FILES:
        assert httpx.get(sample.url + "/vendor/" + name).status_code == 200, name
    for path in ("/vendor/cytoscape/package.json", "/assets/%2e%2e/ui.py",
                 "/assets/..%2fui.py", "/assets/queries/../../ui.py"):
        assert httpx.get(sample.url + path).status_code == 404, path
