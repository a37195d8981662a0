/* The SPARQL explorer: editor, example menu, and three views of a result
   (table, network, map). Queries go to the SPARQL 1.1 endpoint as POST
   form data; SELECT/ASK ask for SPARQL JSON results, CONSTRUCT/DESCRIBE for
   Turtle. State for tests and the console: window.kgExplorer. */
(function () {
  "use strict";
  const T = window.KgTerms;
  const config = JSON.parse(document.getElementById("kg-config").textContent);
  const terms = T.makeTerms(config);
  const examples = new Map(config.examples.map((e) => [e.id, e]));
  const $ = (id) => document.getElementById(id);

  const state = {
    result: null,      // {vars, rows} of the last SELECT
    view: "table",
    cy: null,
    map: null,
    markers: null,
    background: null,
    graphStale: true,
    mapStale: true,
    lastQueryMs: null,
  };
  window.kgExplorer = state;

  // ------------------------------------------------------------------ editor

  const editor = CodeMirror.fromTextArea($("query"), {
    mode: "application/sparql-query",
    lineNumbers: true,
    matchBrackets: true,
    autoCloseBrackets: true,
    indentUnit: 2,
    viewportMargin: Infinity,
    extraKeys: {
      "Ctrl-Enter": () => run(),
      "Cmd-Enter": () => run(),
    },
  });
  state.editor = editor;

  const PREFIX_DECL = /^\s*PREFIX\s+([A-Za-z][\w.-]*)?:\s*<[^>]*>/gim;

  function declaredPrefixes(query) {
    const found = new Set();
    for (const m of query.matchAll(PREFIX_DECL)) found.add(m[1] || "");
    return found;
  }

  // Known prefixes that the query uses but does not declare.
  function missingPrefixes(query) {
    const declared = declaredPrefixes(query);
    const body = query.replace(/<[^>\s]*>/g, " ").replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, " ")
      .replace(/#[^\n]*/g, " ");
    const missing = [];
    for (const prefix of Object.keys(config.prefixes)) {
      if (declared.has(prefix)) continue;
      const used = new RegExp("(^|[\\s(){},;/|^!=<>*+?])" + prefix.replace(/[.]/g, "\\.") + ":", "m");
      if (used.test(body)) missing.push(prefix);
    }
    return missing;
  }

  function prefixBlock(names) {
    return names.map((p) => `PREFIX ${p}: <${config.prefixes[p]}>`).join("\n");
  }

  function withPrefixes(query) {
    const missing = missingPrefixes(query);
    return missing.length ? prefixBlock(missing) + "\n" + query : query;
  }

  function queryForm(query) {
    const stripped = query.replace(/#[^\n]*/g, " ").replace(/<[^>]*>/g, "<>")
      .replace(/^\s*(PREFIX\s+[\w.-]*:\s*<>|BASE\s*<>)\s*/gim, "");
    const m = /\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b/i.exec(stripped);
    return m ? m[1].toUpperCase() : "SELECT";
  }

  function loadExample(id) {
    const ex = examples.get(id);
    if (!ex) return;
    editor.setValue(withPrefixes(ex.query).trimEnd() + "\n");
    document.querySelectorAll(".example").forEach((b) => b.classList.toggle("active", b.dataset.example === id));
    setStatus(ex.description);
    state.preferredView = ex.view;
  }

  // Chips of the declared prefixes; a click adds the declaration at the top.
  const chips = $("prefixes");
  for (const [prefix, ns] of Object.entries(config.prefixes)) {
    const chip = document.createElement("button");
    chip.type = "button";
    chip.className = "prefix-chip";
    chip.textContent = prefix + ":";
    chip.title = ns;
    chip.addEventListener("click", () => {
      if (!declaredPrefixes(editor.getValue()).has(prefix)) {
        editor.replaceRange(prefixBlock([prefix]) + "\n", { line: 0, ch: 0 });
      }
      editor.focus();
    });
    chips.appendChild(chip);
  }

  document.querySelectorAll(".example").forEach((b) =>
    b.addEventListener("click", () => loadExample(b.dataset.example)));

  // ------------------------------------------------------------------ running

  function setStatus(text, isError) {
    const s = $("status");
    s.textContent = text;
    s.classList.toggle("error", !!isError);
  }

  function showError(message) {
    const box = $("error");
    box.textContent = message;
    box.hidden = !message;
  }

  // The endpoint's error envelope, whatever its exact shape; raw text otherwise.
  function errorMessage(status, text) {
    try {
      const j = JSON.parse(text);
      const e = j.error || j;
      const msg = (typeof e === "string" ? e : e.message || e.detail || j.detail || j.message);
      if (msg) return `HTTP ${status}: ${typeof msg === "string" ? msg : JSON.stringify(msg)}`;
    } catch (_) { /* not JSON */ }
    return `HTTP ${status}: ${text.slice(0, 2000) || "(no message)"}`;
  }

  let running = null;
  async function run() {
    const raw = editor.getValue();
    if (!raw.trim()) return;
    const query = withPrefixes(raw);
    const form = queryForm(query);
    const accept = form === "CONSTRUCT" || form === "DESCRIBE" ? "text/turtle" : "application/sparql-results+json";
    if (running) running.abort();
    const controller = new AbortController();
    running = controller;
    $("run").disabled = true;
    showError("");
    setStatus("Running…");
    const started = performance.now();
    try {
      const response = await fetch(config.endpoint, {
        method: "POST",
        headers: { "Accept": accept, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ query }),
        signal: controller.signal,
      });
      const text = await response.text();
      const ms = Math.round(performance.now() - started);
      state.lastQueryMs = ms;
      if (!response.ok) {
        setStatus("The query failed.", true);
        showError(errorMessage(response.status, text));
        return;
      }
      if (accept === "text/turtle") {
        showGraphText(text, ms);
      } else {
        const json = JSON.parse(text);
        if (typeof json.boolean === "boolean") showAsk(json.boolean, ms);
        else showSelect(json, ms);
      }
    } catch (err) {
      if (err.name === "AbortError") return;
      setStatus("The query failed.", true);
      showError(String(err.message || err));
    } finally {
      if (running === controller) running = null;
      $("run").disabled = false;
    }
  }
  $("run").addEventListener("click", run);
  $("permalink").addEventListener("click", () => {
    history.replaceState(null, "", "#query=" + encodeURIComponent(editor.getValue()));
    setStatus("The address bar now holds this query.");
  });

  // ------------------------------------------------------------------ table

  function isNumeric(term) {
    return term && term.type !== "uri" && term.type !== "bnode" && term.datatype &&
      /#(integer|decimal|double|float|int|long|short|nonNegativeInteger|positiveInteger)$/.test(term.datatype);
  }

  function isWkt(term) {
    return term && term.type !== "uri" && term.type !== "bnode" &&
      ((term.datatype && term.datatype.endsWith("#wktLiteral")) || /^\s*(<[^>]*>\s*)?POINT\s*\(/i.test(term.value));
  }

  function cellNode(term) {
    const td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri") {
      const a = document.createElement("a");
      a.href = terms.href(term.value);
      a.textContent = terms.compact(term.value);
      a.title = term.value;
      if (!terms.isLocal(term.value)) { a.className = "ext"; a.target = "_blank"; a.rel = "noopener"; }
      td.appendChild(a);
      return td;
    }
    if (term.type === "bnode") {
      td.textContent = "_:" + term.value;
      td.className = "muted";
      return td;
    }
    const span = document.createElement("span");
    span.className = "literal";
    span.dir = "auto";
    span.textContent = term.value;
    const lang = term["xml:lang"];
    if (lang) span.lang = lang;
    td.dir = "auto";
    td.appendChild(span);
    if (lang) {
      const l = document.createElement("span");
      l.className = "lang";
      l.textContent = "@" + lang;
      td.appendChild(l);
    } else if (term.datatype && !isNumeric(term)) {
      const d = document.createElement("span");
      d.className = "dt";
      d.textContent = terms.compact(term.datatype);
      td.appendChild(d);
    }
    if (isNumeric(term)) td.classList.add("num");
    // Dates, numbers and codes read badly when wrapped; prose may wrap.
    if (!lang && term.value.length <= 32) td.classList.add("short");
    return td;
  }

  const TABLE_LIMIT = 2000;

  function renderTable(vars, rows) {
    const view = $("view-table");
    view.innerHTML = "";
    if (!rows.length) {
      view.innerHTML = '<div class="empty">The query matched nothing.</div>';
      return;
    }
    const wrap = document.createElement("div");
    wrap.className = "table-wrap";
    const table = document.createElement("table");
    table.className = "results";
    const head = table.createTHead().insertRow();
    head.appendChild(document.createElement("th"));
    for (const v of vars) {
      const th = document.createElement("th");
      th.textContent = "?" + v;
      th.title = "Sort by ?" + v;
      th.className = "sortable";
      th.dataset.var = v;
      if (state.sort && state.sort.v === v) th.classList.add(state.sort.desc ? "desc" : "asc");
      th.addEventListener("click", () => sortBy(v));
      head.appendChild(th);
    }
    const body = table.createTBody();
    rows.slice(0, TABLE_LIMIT).forEach((row, i) => {
      const tr = body.insertRow();
      const n = tr.insertCell();
      n.className = "rownum";
      n.textContent = String(i + 1);
      for (const v of vars) tr.appendChild(cellNode(row[v]));
    });
    wrap.appendChild(table);
    view.appendChild(wrap);
    if (rows.length > TABLE_LIMIT) {
      const more = document.createElement("div");
      more.className = "note";
      more.style.padding = "8px";
      more.textContent = `Showing the first ${TABLE_LIMIT} of ${rows.length} rows; download the CSV for all.`;
      view.appendChild(more);
    }
  }

  // Click a column head to sort by it (numbers as numbers); again to reverse.
  function sortBy(v) {
    if (!state.result) return;
    const desc = state.sort && state.sort.v === v ? !state.sort.desc : false;
    state.sort = { v, desc };
    const key = (row) => row[v] ? (isNumeric(row[v]) ? parseFloat(row[v].value) : row[v].value) : null;
    const rows = state.result.rows.slice().sort((a, b) => {
      const x = key(a), y = key(b);
      if (x === y) return 0;
      if (x === null) return 1;
      if (y === null) return -1;
      const c = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
      return desc ? -c : c;
    });
    renderTable(state.result.vars, rows);
  }

  function showSelect(json, ms) {
    const vars = json.head.vars || [];
    const rows = json.results.bindings || [];
    state.result = { vars, rows };
    state.sort = null;
    state.graphStale = true;
    state.mapStale = true;
    renderTable(vars, rows);
    const graph = buildGraph(vars, rows);
    const points = buildPoints(vars, rows);
    state.graphData = graph;
    state.points = points;
    $("count-table").textContent = String(rows.length);
    $("count-graph").textContent = graph.nodes.length ? String(graph.nodes.length) : "";
    $("count-map").textContent = points.length ? String(points.length) : "";
    $("download-csv").disabled = !rows.length;
    setStatus(`${rows.length} row${rows.length === 1 ? "" : "s"} in ${ms} ms.`);
    const wanted = state.preferredView;
    state.preferredView = null;
    if (wanted === "graph" && graph.nodes.length) showView("graph");
    else if (wanted === "map" && points.length) showView("map");
    else showView(state.view === "graph" && graph.nodes.length ? "graph"
                  : state.view === "map" && points.length ? "map" : "table");
  }

  function showAsk(value, ms) {
    state.result = null;
    $("view-table").innerHTML = `<div class="ask-result">${value ? "Yes (true)" : "No (false)"}</div>`;
    ["table", "graph", "map"].forEach((v) => ($("count-" + v).textContent = ""));
    $("download-csv").disabled = true;
    setStatus(`ASK answered in ${ms} ms.`);
    showView("table");
  }

  function showGraphText(text, ms) {
    state.result = null;
    const pre = document.createElement("pre");
    pre.className = "plain-result";
    pre.dir = "auto";
    pre.textContent = text;
    $("view-table").innerHTML = "";
    $("view-table").appendChild(pre);
    ["table", "graph", "map"].forEach((v) => ($("count-" + v).textContent = ""));
    $("download-csv").disabled = true;
    setStatus(`Turtle, ${text.length} characters, in ${ms} ms.`);
    showView("table");
  }

  $("download-csv").addEventListener("click", () => {
    if (!state.result) return;
    const { vars, rows } = state.result;
    const quote = (s) => /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
    const lines = [vars.join(",")].concat(rows.map((r) => vars.map((v) => quote(r[v] ? r[v].value : "")).join(",")));
    // The byte-order mark makes spreadsheet programs read Arabic as UTF-8.
    const blob = new Blob(["\ufeff" + lines.join("\r\n")], { type: "text/csv;charset=utf-8" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "conflict-kg-results.csv";
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  });

  // ------------------------------------------------------------------ tabs

  function showView(name) {
    state.view = name;
    document.querySelectorAll(".tab").forEach((t) => t.setAttribute("aria-selected", String(t.dataset.view === name)));
    document.querySelectorAll(".view").forEach((v) => v.classList.toggle("shown", v.id === "view-" + name));
    // Cytoscape and Leaflet measure their container, so they draw once it is visible.
    if (name === "graph") renderGraph();
    if (name === "map") renderMap();
  }
  document.querySelectorAll(".tab").forEach((t) => t.addEventListener("click", () => showView(t.dataset.view)));

  // ------------------------------------------------------------------ network

  function labelVarFor(vars, v) {
    const wanted = [v + "label", v + "name"];
    return vars.find((x) => wanted.includes(x.toLowerCase()));
  }

  // Nodes are the IRIs of the result. Rows shaped ?s ?p ?o give one edge each;
  // any other row links its first IRI column to its other IRI columns, the
  // edge named after the column. A numeric column weighs nodes and edges.
  function buildGraph(vars, rows) {
    const nodes = new Map();
    const edges = new Map();
    const lower = vars.map((v) => v.toLowerCase());
    const triple = ["s", "p", "o"].every((v) => lower.includes(v)) ? ["s", "p", "o"]
      : ["subject", "predicate", "object"].every((v) => lower.includes(v)) ? ["subject", "predicate", "object"] : null;
    const tv = triple ? triple.map((t) => vars[lower.indexOf(t)]) : null;
    const labelVars = new Set(vars.map((v) => labelVarFor(vars, v)).filter(Boolean));
    const numVar = vars.find((v) => !labelVars.has(v) && rows.some((r) => isNumeric(r[v])));

    function node(term, varName, row) {
      if (!term || (term.type !== "uri" && term.type !== "bnode")) return null;
      const id = term.value;
      let n = nodes.get(id);
      if (!n) {
        const kind = term.type === "uri" ? terms.kindOf(id, varName) : "other";
        n = { id, kind, label: "", weight: 0, iri: term.type === "uri" ? id : null };
        nodes.set(id, n);
      }
      const lv = labelVarFor(vars, varName);
      if (!n.label && lv && row[lv]) n.label = row[lv].value;
      return n;
    }

    function edge(a, b, label, weight, directed) {
      if (!a || !b || a === b) return;
      const key = a.id + "\u0000" + label + "\u0000" + b.id;
      const e = edges.get(key) || { source: a.id, target: b.id, label, weight: 0, directed };
      e.weight += weight;
      edges.set(key, e);
    }

    for (const row of rows) {
      const value = numVar && row[numVar] ? parseFloat(row[numVar].value) || 0 : 0;
      if (tv) {
        const s = node(row[tv[0]], tv[0], row);
        const o = node(row[tv[2]], tv[2], row);
        const p = row[tv[1]] ? terms.compact(row[tv[1]].value) : "";
        edge(s, o, p, 1, true);
        continue;
      }
      const iriVars = vars.filter((v) => !labelVars.has(v) && row[v] && (row[v].type === "uri" || row[v].type === "bnode"));
      const rowNodes = iriVars.map((v) => node(row[v], v, row));
      rowNodes.forEach((n) => { if (n) n.weight += value; });
      for (let i = 1; i < rowNodes.length; i++) edge(rowNodes[0], rowNodes[i], iriVars[i], value || 1, false);
    }
    for (const n of nodes.values()) {
      if (!n.label) n.label = n.iri ? shortLabel(n.iri) : n.id;
    }
    return { nodes: [...nodes.values()], edges: [...edges.values()], weighted: !!numVar };
  }

  function shortLabel(iri) {
    const c = terms.compact(iri);
    return c.length > 40 ? "…" + c.slice(-38) : c;
  }

  const GRAPH_LIMIT = 600;

  function renderGraph() {
    if (!state.graphStale && state.cy) { state.cy.resize(); return; }
    state.graphStale = false;
    const data = state.graphData || { nodes: [], edges: [] };
    const container = $("graph");
    if (state.cy) { state.cy.destroy(); state.cy = null; }
    container.innerHTML = "";
    $("node-info").innerHTML = "";
    if (!data.nodes.length) {
      container.innerHTML = '<div class="empty">This result has no IRIs to draw. Network views need IRI columns (for example ?actor ?place, or ?s ?p ?o).</div>';
      $("graph-legend").innerHTML = "";
      return;
    }
    const shown = data.nodes.slice(0, GRAPH_LIMIT);
    const keep = new Set(shown.map((n) => n.id));
    const maxW = Math.max(1, ...shown.map((n) => n.weight));
    const maxE = Math.max(1, ...data.edges.map((e) => e.weight));
    const elements = shown.map((n) => ({
      data: {
        id: n.id, label: n.label, kind: n.kind, iri: n.iri,
        size: data.weighted ? 14 + 36 * Math.sqrt(n.weight / maxW) : 18,
      },
    })).concat(data.edges.filter((e) => keep.has(e.source) && keep.has(e.target)).map((e, i) => ({
      data: {
        id: "e" + i, source: e.source, target: e.target,
        label: data.edges.length <= 80 ? e.label : "",
        width: 1 + 4 * Math.sqrt(e.weight / maxE),
        arrow: e.directed ? "triangle" : "none",
      },
    })));
    state.cy = cytoscape({
      container,
      elements,
      style: T.cytoscapeStyle(),
      layout: {
        name: "cose", animate: false, randomize: false, padding: 24,
        nodeRepulsion: () => 400000, idealEdgeLength: () => 110, edgeElasticity: () => 60,
        gravity: 0.6, nestingFactor: 1.2, numIter: 2500, componentSpacing: 60, nodeOverlap: 20,
      },
      maxZoom: 2.5,
    });
    state.cy.fit(undefined, 24);
    if (state.cy.zoom() > 1.4) { state.cy.zoom(1.4); state.cy.center(); }
    state.cy.on("tap", "node", (ev) => {
      const d = ev.target.data();
      const link = d.iri ? `<a href="${T.escapeHtml(terms.href(d.iri))}">open ${T.escapeHtml(terms.compact(d.iri))}</a>` : "";
      $("node-info").innerHTML = `<b dir="auto">${T.escapeHtml(d.label)}</b> <span class="muted">${T.escapeHtml(d.kind)}</span><br>${link}`;
    });
    state.cy.on("dbltap", "node", (ev) => {
      const iri = ev.target.data("iri");
      if (iri) window.location.href = terms.href(iri);
    });
    const legend = $("graph-legend");
    legend.innerHTML = T.legendHtml(new Set(shown.map((n) => n.kind)));
    legend.title = "Click a kind to hide or show it";
    legend.querySelectorAll("[data-kind]").forEach((entry) => entry.addEventListener("click", () => {
      const hidden = entry.classList.toggle("off");
      state.cy.nodes(`[kind = "${entry.dataset.kind}"]`).style("display", hidden ? "none" : "element");
    }));
  }

  // ------------------------------------------------------------------ map

  // One point per distinct WKT point of the result; rows at the same point add up.
  function buildPoints(vars, rows) {
    const wktVar = vars.find((v) => rows.some((r) => isWkt(r[v])));
    if (!wktVar) return [];
    const labelVar = vars.find((v) => /label|name/i.test(v) && rows.some((r) => r[v] && r[v].type !== "uri"));
    const numVar = vars.find((v) => v !== wktVar && rows.some((r) => isNumeric(r[v])) && !/id$/i.test(v));
    const iriVar = vars.find((v) => rows.some((r) => r[v] && r[v].type === "uri" && terms.kindOf(r[v].value, v) === "place"))
      || vars.find((v) => rows.some((r) => r[v] && r[v].type === "uri"));
    const points = new Map();
    for (const row of rows) {
      const term = row[wktVar];
      if (!isWkt(term)) continue;
      const latlon = T.parsePoint(term.value);
      if (!latlon) continue;
      const key = latlon.join(",");
      const p = points.get(key) || { latlon, labels: new Set(), total: 0, rows: [], iri: null };
      if (labelVar && row[labelVar]) p.labels.add(row[labelVar].value);
      if (numVar && row[numVar]) p.total += parseFloat(row[numVar].value) || 0;
      if (!p.iri && iriVar && row[iriVar]) p.iri = row[iriVar].value;
      p.rows.push(row);
      points.set(key, p);
    }
    return [...points.values()].map((p) => ({ ...p, labels: [...p.labels], numVar, labelVar }));
  }

  function renderMap() {
    if (!state.map) {
      state.map = L.map("map", { zoomSnap: 0.25, minZoom: 3, maxZoom: 13, attributionControl: true, worldCopyJump: false });
      state.map.attributionControl.setPrefix(false);
      state.map.attributionControl.addAttribution("Borders: Natural Earth · Places: GeoNames (CC BY 4.0)");
      L.control.scale({ imperial: false }).addTo(state.map);
      state.map.setView([35.0, 38.5], 6.5);
      state.background = T.addBackground(state.map).catch((err) => {
        $("map-info").textContent = "Country borders could not be loaded: " + err.message;
      });
    }
    state.map.invalidateSize();
    if (!state.mapStale) return;
    state.mapStale = false;
    if (state.markers) state.markers.remove();
    state.markers = L.featureGroup().addTo(state.map);
    const points = state.points || [];
    $("map-info").textContent = points.length ? "" : "This result has no WKT points. Add ?wkt from geo:hasGeometry/geo:asWKT to draw places.";
    const maxTotal = Math.max(0, ...points.map((p) => p.total));
    const labelled = points.length <= 60;
    for (const p of points) {
      const radius = maxTotal > 0 ? 5 + 25 * Math.sqrt(p.total / maxTotal) : 7;
      const marker = L.circleMarker(p.latlon, {
        radius, className: "kg-marker", color: "#8e2b20", weight: 1.2, fillColor: "#c0392b", fillOpacity: 0.55,
      });
      const label = p.labels[0] || (p.iri ? terms.compact(p.iri) : p.latlon.join(", "));
      if (labelled) {
        marker.bindTooltip(T.escapeHtml(label) + (p.numVar ? ` · ${p.total}` : ""),
          { permanent: true, direction: "right", offset: [radius, 0], className: "kg-label" });
      }
      const lines = [`<b dir="auto">${p.labels.map(T.escapeHtml).join(" · ") || T.escapeHtml(label)}</b>`];
      if (p.numVar) lines.push(`${T.escapeHtml(p.numVar)}: ${p.total}`);
      if (p.iri) lines.push(`<a href="${T.escapeHtml(terms.href(p.iri))}">${T.escapeHtml(terms.compact(p.iri))}</a>`);
      lines.push(`<span class="muted">${p.latlon[0].toFixed(4)}, ${p.latlon[1].toFixed(4)}</span>`);
      marker.bindPopup(lines.join("<br>"));
      marker.addTo(state.markers);
    }
    if (points.length) {
      const bounds = state.markers.getBounds().pad(0.4);
      // Never closer than about a governorate, so the country stays recognisable.
      state.map.fitBounds(bounds, { maxZoom: 7 });
    }
  }

  // ------------------------------------------------------------------ start

  // What the store holds, so a reader knows the scope of every answer.
  const SUMMARY = [
    "PREFIX kg: <" + config.prefixes.kg + ">",
    "SELECT (COUNT(DISTINCT ?r) AS ?reports) (COUNT(DISTINCT ?c) AS ?claims) (COUNT(DISTINCT ?p) AS ?places)",
    "WHERE { { ?r a kg:Report } UNION { ?c a kg:CasualtyClaim } UNION { ?p a kg:Place } }",
  ].join("\n");
  fetch(config.endpoint, {
    method: "POST",
    headers: { "Accept": "application/sparql-results+json", "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ query: SUMMARY }),
  }).then((r) => (r.ok ? r.json() : null)).then((j) => {
    const b = j && j.results.bindings[0];
    if (!b) return;
    const n = (v) => Number(b[v].value).toLocaleString("en");
    $("store-summary").innerHTML = `The store holds <b>${n("reports")}</b> reports, <b>${n("claims")}</b> casualty claims and <b>${n("places")}</b> places.`;
    state.summary = { reports: +b.reports.value, claims: +b.claims.value, places: +b.places.value };
  }).catch(() => { /* the summary is a courtesy; queries still work */ });

  const fromHash = /^#query=(.*)$/s.exec(window.location.hash);
  if (fromHash) {
    editor.setValue(decodeURIComponent(fromHash[1]));
  } else {
    const first = config.examples[0];
    editor.setValue(prefixBlock(Object.keys(config.prefixes)) + "\n\n" +
      (first ? first.query : "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 100\n"));
    if (first) {
      document.querySelector(`.example[data-example="${first.id}"]`).classList.add("active");
      setStatus("Every project prefix is declared. Press Run, or pick another research query.");
    }
  }
  state.ready = true;
})();
