"""The explorer and the entity pages in a real headless Chromium.

Debian's chromium (/usr/bin/chromium) is driven through playwright; no browser
is downloaded. The server is the real app over a real store (conftest's
`live_server`) holding tests/data/ui_sample.ttl and the ontology graphs.
Expected figures are read from the same server's /sparql endpoint, so the
test checks what the page draws against what the store answers.

Screenshots of the views go to tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest

from api.ui import VENDOR_DIR, VENDOR_FILES, load_examples
from kg.graph.vocab import ID, PREFIXES
from kg.ingest import load_vocabularies

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
TEST_DATA = Path(__file__).resolve().parent / "data"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
SAMPLE_GRAPH = str(ID) + "graph/report/ui-sample"
ARABIC = re.compile(r"[\u0600-\u06FF]")


def _require_tools() -> None:
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: apt-get install -y chromium")
    missing = [p for p in VENDOR_FILES.values() if not (VENDOR_DIR / p).is_file()]
    if missing:
        pytest.fail(f"UI packages missing ({', '.join(missing)}): npm ci --prefix ui")


@pytest.fixture(scope="module")
def browser():
    _require_tools()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server):
    live_server.load_turtle(SAMPLE_GRAPH, TEST_DATA / "ui_sample.ttl")
    load_vocabularies(live_server.store)
    return live_server


@pytest.fixture
def page(browser, site):
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    page = context.new_page()
    # Every request must stay on our server: the page works offline, no CDN.
    foreign: list[str] = []
    page.on("request", lambda r: None if r.url.startswith((site.url, "data:", "blob:"))
            else foreign.append(r.url))
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.foreign_requests = foreign
    page.js_errors = errors
    yield page
    context.close()
    assert not foreign, f"requests left the server: {foreign}"
    assert not errors, f"JavaScript errors: {errors}"


def _example(example_id: str):
    return next(e for e in load_examples() if e.id == example_id)


def _ask_endpoint(site, query: str) -> dict:
    prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    response = httpx.post(site.url + "/sparql", data={"query": prologue + query},
                          headers={"Accept": "application/sparql-results+json"}, timeout=30)
    response.raise_for_status()
    return response.json()


def _run_example(page, site, example_id: str) -> None:
    page.goto(site.url + "/")
    page.wait_for_function("window.kgExplorer && window.kgExplorer.ready")
    page.click(f'button.example[data-example="{example_id}"]')
    page.click("#run")
    page.wait_for_function("document.getElementById('status').textContent.includes('row')")


def _painted_pixels(page, selector: str) -> int:
    """Non-transparent pixels over all canvases under `selector`."""
    return page.evaluate(
        """(sel) => {
          let painted = 0;
          for (const c of document.querySelectorAll(sel + ' canvas')) {
            if (!c.width || !c.height) continue;
            const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
          }
          return painted;
        }""",
        selector,
    )


def test_explorer_table_network_and_map(page, site):
    ARTIFACTS.mkdir(exist_ok=True)
    example = _example("02-claims-with-provenance")
    expected = _ask_endpoint(site, example.query)["results"]["bindings"]
    assert expected, "the sample data should answer the example"

    _run_example(page, site, example.id)

    # Table: one row per solution, IRIs as links to /id/ pages, Arabic right to left.
    rows = page.locator("#view-table table.results tbody tr")
    assert rows.count() == len(expected)
    claim_links = page.locator('#view-table a[href^="/id/"]')
    assert claim_links.count() >= len(expected)
    arabic_quote = next(b["quote"]["value"] for b in expected if ARABIC.search(b["quote"]["value"]))
    cell = page.locator("#view-table span.literal", has_text=arabic_quote).first
    assert cell.is_visible()
    assert cell.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert cell.evaluate("el => el.matches(':dir(rtl)')")
    english = page.locator("#view-table span.literal[lang='en']").first
    assert english.evaluate("el => getComputedStyle(el).direction") == "ltr"
    page.screenshot(path=str(ARTIFACTS / "explorer-table.png"), full_page=True)

    # Network: a node per distinct IRI of the result, drawn on canvas.
    iris = {b[v]["value"] for b in expected for v in b if b[v]["type"] == "uri"}
    page.click('.tab[data-view="graph"]')
    page.wait_for_function("window.kgExplorer.cy && window.kgExplorer.cy.nodes().length > 0")
    assert page.evaluate("window.kgExplorer.cy.nodes().length") == len(iris)
    assert page.evaluate("window.kgExplorer.cy.edges().length") > 0
    page.wait_for_timeout(300)  # cytoscape paints on its next animation frame
    canvases = page.locator("#graph canvas")
    assert canvases.count() >= 1
    box = canvases.first.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 300
    assert _painted_pixels(page, "#graph") > 500, "the network canvas is blank"
    page.screenshot(path=str(ARTIFACTS / "explorer-network.png"), full_page=True)

    # Map: a circle per distinct WKT point, labelled, over offline country borders.
    map_example = _example("04-casualties-by-place")
    places = _ask_endpoint(site, map_example.query)["results"]["bindings"]
    points = {b["wkt"]["value"] for b in places if "wkt" in b}
    assert points
    page.click(f'button.example[data-example="{map_example.id}"]')
    page.click("#run")
    page.wait_for_selector("#view-map.shown path.kg-marker")
    page.wait_for_selector("#map path.kg-country", state="attached")
    assert page.locator("#map path.kg-marker").count() == len(points)
    labels = page.locator("#map .leaflet-tooltip.kg-label")
    assert labels.count() == len(points)
    arabic_names = [b["label"]["value"] for b in places if "label" in b]
    assert any(ARABIC.search(n) for n in arabic_names)
    for name in arabic_names:
        assert page.locator("#map .leaflet-tooltip", has_text=name).count() == 1
    radii = page.eval_on_selector_all(
        "#map path.kg-marker", "els => els.map(e => e.getBoundingClientRect().width)")
    assert max(radii) > min(radii), "circle sizes should follow the casualty totals"
    assert page.locator(".leaflet-control-scale").count() == 1
    page.screenshot(path=str(ARTIFACTS / "explorer-map.png"), full_page=True)


def test_bad_query_shows_the_endpoint_message(page, site):
    page.goto(site.url + "/")
    page.wait_for_function("window.kgExplorer && window.kgExplorer.ready")
    page.evaluate("window.kgExplorer.editor.setValue('SELECT * WHERE { ?s ?p ')")
    page.click("#run")
    error = page.locator("#error")
    error.wait_for(state="visible")
    assert "400" in error.inner_text()
    assert page.locator("#status.error").count() == 1


def test_prefixes_are_declared_for_the_user(page, site):
    page.goto(site.url + "/")
    page.wait_for_function("window.kgExplorer && window.kgExplorer.ready")
    # No PREFIX lines at all: the page adds the project's prefixes it uses.
    page.evaluate("window.kgExplorer.editor.setValue('SELECT ?r WHERE { ?r a kg:Report }')")
    page.click("#run")
    page.wait_for_function("document.getElementById('status').textContent.includes('row')")
    reports = _ask_endpoint(site, "SELECT ?r WHERE { ?r a kg:Report }")["results"]["bindings"]
    assert page.locator("#view-table tbody tr").count() == len(reports) > 0
    # The editor highlights SPARQL (CodeMirror's sparql mode marks keywords).
    assert page.locator(".CodeMirror .cm-keyword").count() > 0


def test_entity_pages_from_the_table(page, site):
    ARTIFACTS.mkdir(exist_ok=True)
    _run_example(page, site, "02-claims-with-provenance")
    claim = _ask_endpoint(site, """
        SELECT ?claim ?quote ?lang WHERE {
          ?claim a kg:CasualtyClaim ; kg:evidence/nif:anchorOf ?quote ; kg:victimSide ?side .
          ?side a kg:Actor .
          FILTER(lang(?quote) = "ar") } LIMIT 1""")["results"]["bindings"][0]
    path = "/id/" + claim["claim"]["value"][len(str(ID)):]
    page.click(f'#view-table a[href="{path}"]')
    page.wait_for_url(site.url + path)

    # The quote is marked inside its Arabic sentence, which reads right to left.
    mark = page.locator("#evidence blockquote mark").first
    assert mark.inner_text() == claim["quote"]["value"]
    quote_block = page.locator("#evidence blockquote").first
    assert quote_block.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert page.evaluate("window.kgEntity.cy.nodes().length") > 1
    page.wait_for_timeout(300)
    assert _painted_pixels(page, "#neighbourhood") > 200
    page.screenshot(path=str(ARTIFACTS / "entity-claim.png"), full_page=True)

    # Onward to the victims' side, then to a place with its GeoNames link and map.
    page.locator("#evidence .what a").first.click()
    page.wait_for_selector("h1")
    assert page.locator('h1[lang="ar"]').evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert page.locator("#evidence article").count() >= 1

    place = _ask_endpoint(site, """
        SELECT ?place ?gn ?ar WHERE { ?place a kg:Place ; owl:sameAs ?gn ; kg:governorate ?g ;
          rdfs:label ?ar FILTER(lang(?ar) = "ar") } ORDER BY ?place LIMIT 1""")["results"]["bindings"][0]
    page.goto(site.url + "/id/" + place["place"]["value"][len(str(ID)):])
    assert page.locator('h1[lang="ar"]').inner_text() == place["ar"]["value"]
    geonames_id = place["gn"]["value"].rstrip("/").rsplit("/", 1)[-1]
    assert page.locator(f'a[href="https://www.geonames.org/{geonames_id}"]').count() == 1
    page.wait_for_selector("#entity-map path.kg-marker")
    assert page.locator("#entity-map path.kg-marker").count() == 1
    page.screenshot(path=str(ARTIFACTS / "entity-place.png"), full_page=True)


def test_construct_shows_turtle_and_a_link_keeps_the_query(page, site):
    page.goto(site.url + "/")
    page.wait_for_function("window.kgExplorer && window.kgExplorer.ready")
    query = "CONSTRUCT { ?r dcterms:identifier ?id } WHERE { ?r a kg:Report ; dcterms:identifier ?id }"
    page.evaluate("q => window.kgExplorer.editor.setValue(q)", query)
    page.click("#run")
    page.wait_for_function("document.getElementById('status').textContent.includes('Turtle')")
    turtle = page.locator("#view-table pre.plain-result").inner_text()
    ids = [b["id"]["value"] for b in _ask_endpoint(
        site, "SELECT ?id WHERE { ?r a kg:Report ; dcterms:identifier ?id }")["results"]["bindings"]]
    assert ids and all(f'"{i}"' in turtle for i in ids)

    page.click("#permalink")
    page.reload()
    page.wait_for_function("window.kgExplorer && window.kgExplorer.ready")
    assert page.evaluate("window.kgExplorer.editor.getValue()") == query


def test_summary_sorting_and_network_filter(page, site):
    _run_example(page, site, "02-claims-with-provenance")
    counts = _ask_endpoint(site, """SELECT (COUNT(DISTINCT ?r) AS ?reports) (COUNT(DISTINCT ?c) AS ?claims)
        WHERE { { ?r a kg:Report } UNION { ?c a kg:CasualtyClaim } }""")["results"]["bindings"][0]
    page.wait_for_function("window.kgExplorer.summary")
    summary = page.evaluate("window.kgExplorer.summary")
    assert summary["reports"] == int(counts["reports"]["value"])
    assert summary["claims"] == int(counts["claims"]["value"])

    # Sorting by a numeric column sorts numbers, both ways.
    column = page.locator("#view-table th", has_text="?count")
    index = page.locator("#view-table th").all_inner_texts().index("?count")

    def column_values() -> list[int]:
        cells = page.locator(f"#view-table tbody tr td:nth-child({index + 1})").all_inner_texts()
        return [int(c) for c in cells if c.strip()]

    column.click()
    assert column_values() == sorted(column_values()) and len(column_values()) > 1
    column.click()
    assert column_values() == sorted(column_values(), reverse=True)

    # The legend hides and shows a kind of node.
    page.click('.tab[data-view="graph"]')
    page.wait_for_function("window.kgExplorer.cy && window.kgExplorer.cy.nodes().length > 0")
    claims = page.evaluate("window.kgExplorer.cy.nodes('[kind = \"claim\"]').length")
    assert claims > 0
    visible = "window.kgExplorer.cy.nodes(':visible').length"
    before = page.evaluate(visible)
    page.click('#graph-legend [data-kind="claim"]')
    assert page.evaluate(visible) == before - claims
    page.click('#graph-legend [data-kind="claim"]')
    assert page.evaluate(visible) == before
