/* Helpers shared by the explorer and the entity pages: how an IRI is shown,
   where it links to, what kind of thing it names, and the look of the network
   and the map. No network access: everything comes from this server. */
(function () {
  "use strict";

  const KG_ONTOLOGY = "https://w3id.org/conflict-kg/ontology#";

  // Kinds of node, in the order the legend lists them.
  const KINDS = {
    actor:    { label: "actor",     color: "#c0392b" },
    place:    { label: "place",     color: "#2471a3" },
    incident: { label: "incident",  color: "#7d3c98" },
    claim:    { label: "claim",     color: "#d68910" },
    siege:    { label: "siege",     color: "#1e8449" },
    phase:    { label: "phase",     color: "#58b27a" },
    report:   { label: "report",    color: "#566573" },
    span:     { label: "text span", color: "#a9b4bd" },
    term:     { label: "vocabulary term", color: "#34495e" },
    external: { label: "external",  color: "#95a5a6" },
    other:    { label: "other",     color: "#7f8c8d" },
  };

  // Words of the /id/ path layout (kg/graph/iri.py) → kind of node.
  const PATH_KINDS = {
    actor: "actor", place: "place", incident: "incident", claim: "claim", siege: "siege",
    phase: "phase", report: "report", span: "span", activity: "other", graph: "other",
  };

  function makeTerms(config) {
    const idBase = config.idBase;
    const prefixes = Object.entries(config.prefixes || {})
      // Longest namespace first so kgid: wins over a shorter overlapping one.
      .sort((a, b) => b[1].length - a[1].length);

    function compact(iri) {
      if (iri.startsWith(idBase)) return iri.slice(idBase.length);
      for (const [prefix, ns] of prefixes) {
        if (iri.startsWith(ns) && iri.length > ns.length) return prefix + ":" + iri.slice(ns.length);
      }
      return iri;
    }

    // Where a click on an IRI goes: our own entities to their /id/ page.
    function href(iri) {
      if (iri.startsWith(idBase)) return "/id/" + iri.slice(idBase.length);
      return iri;
    }

    function isLocal(iri) { return iri.startsWith(idBase); }

    function kindOf(iri, hint) {
      if (iri.startsWith(idBase)) {
        const segs = iri.slice(idBase.length).split("/");
        let word = segs[0];
        if (word === "report" && segs.length > 2) {
          word = segs[2] === "siege" && segs[3] === "phase" ? "phase" : segs[2];
        } else if (word === "place" && segs[2] === "geometry") {
          return "other";
        }
        if (PATH_KINDS[word]) return PATH_KINDS[word];
      } else if (iri.startsWith(KG_ONTOLOGY)) {
        return iri === KG_ONTOLOGY + "Civilians" ? "actor" : "term";
      } else if (/^https?:\/\/(sws\.geonames\.org|www\.wikidata\.org)\//.test(iri)) {
        return "external";
      }
      if (hint) {
        const h = hint.toLowerCase();
        for (const word of ["actor", "side", "place", "governorate", "incident", "event",
                            "claim", "siege", "phase", "report", "span"]) {
          if (h.includes(word)) {
            return { side: "actor", governorate: "place", event: "incident" }[word] || word;
          }
        }
      }
      return "other";
    }

    return { compact, href, isLocal, kindOf, idBase };
  }

  const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;

  function cytoscapeStyle() {
    const nodeColors = Object.entries(KINDS).map(([kind, k]) => ({
      selector: `node[kind = "${kind}"]`, style: { "background-color": k.color },
    }));
    return [
      {
        selector: "node",
        style: {
          "label": "data(label)",
          "width": "data(size)", "height": "data(size)",
          "font-size": 13,
          "font-family": '"Noto Sans", "Noto Sans Arabic", "DejaVu Sans", sans-serif',
          "color": "#1d2733",
          "text-valign": "bottom", "text-margin-y": 3,
          "text-wrap": "ellipsis", "text-max-width": 130,
          "text-background-color": "#ffffff", "text-background-opacity": 0.75,
          "text-background-padding": 1,
          "border-width": 1, "border-color": "#ffffff",
        },
      },
      ...nodeColors,
      { selector: "node.focus", style: { "border-width": 4, "border-color": "#1d2733" } },
      { selector: "node:selected", style: { "border-width": 3, "border-color": "#f1c40f" } },
      {
        selector: "edge",
        style: {
          "width": "data(width)", "line-color": "#b6c0ca", "curve-style": "bezier",
          "target-arrow-shape": "data(arrow)", "target-arrow-color": "#b6c0ca", "arrow-scale": 0.8,
          "label": "data(label)", "font-size": 9, "color": "#7b8794",
          "text-rotation": "autorotate", "text-background-color": "#ffffff",
          "text-background-opacity": 0.7,
        },
      },
    ];
  }

  function legendHtml(kindsPresent) {
    return Object.entries(KINDS)
      .filter(([kind]) => kindsPresent.has(kind))
      .map(([kind, k]) => `<div data-kind="${kind}"><span class="sw" style="background:${k.color}"></span>${k.label}</div>`)
      .join("");
  }

  // Country borders for a map without a tile server: world-atlas TopoJSON,
  // Syria drawn lighter than its neighbours so the eye finds it at once.
  const SYRIA_ID = "760"; // ISO 3166-1 numeric
  function addBackground(map) {
    return fetch("/vendor/world-atlas/countries-50m.json")
      .then((r) => { if (!r.ok) throw new Error("borders: HTTP " + r.status); return r.json(); })
      .then((topo) => {
        const countries = topojson.feature(topo, topo.objects.countries);
        // Borders sit in their own pane under the reference labels and the data.
        if (!map.getPane("kg-base")) map.createPane("kg-base").style.zIndex = 250;
        const layer = L.geoJSON(countries, {
          pane: "kg-base",
          interactive: false,
          style: (f) => ({
            className: "kg-country",
            weight: f.id === SYRIA_ID ? 1.4 : 0.7,
            color: f.id === SYRIA_ID ? "#6b7785" : "#a3adb7",
            fillColor: f.id === SYRIA_ID ? "#fffdf6" : "#eeebe3",
            fillOpacity: 1,
          }),
        }).addTo(map);
        layer.bringToBack();
        return layer;
      })
      .then((layer) => addGovernorates(map).then(() => layer));
  }

  // Governorate names as faint reference labels (GeoNames ADM1 points), drawn
  // under the data so a reader can tell Homs countryside from Deir ez-Zor.
  function addGovernorates(map) {
    if (!map.getPane("kg-reference")) {
      const pane = map.createPane("kg-reference");
      pane.style.zIndex = 350;
      pane.style.pointerEvents = "none";
    }
    return fetch("/assets/geo/syria-governorates.json")
      .then((r) => { if (!r.ok) throw new Error("governorates: HTTP " + r.status); return r.json(); })
      .then((data) => {
        const group = L.layerGroup();
        for (const g of data.governorates) {
          L.marker([g.lat, g.lon], {
            pane: "kg-reference", interactive: false, keyboard: false,
            icon: L.divIcon({
              className: "kg-gov-label",
              html: `<span>${escapeHtml(g.name_en)}</span><span lang="ar">${escapeHtml(g.name_ar)}</span>`,
              iconSize: [140, 34], iconAnchor: [70, 17],
            }),
          }).addTo(group);
        }
        return group.addTo(map);
      });
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  }

  // "POINT(lon lat)", optionally after a CRS IRI; null when it is no point.
  function parsePoint(wkt) {
    const m = /POINT\s*Z?\s*\(\s*(-?[\d.]+(?:[eE][-+]?\d+)?)\s+(-?[\d.]+(?:[eE][-+]?\d+)?)/i.exec(wkt);
    if (!m) return null;
    const lon = parseFloat(m[1]), lat = parseFloat(m[2]);
    if (!isFinite(lon) || !isFinite(lat) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
    return [lat, lon];
  }

  window.KgTerms = { KINDS, ARABIC, makeTerms, cytoscapeStyle, legendHtml, addBackground, escapeHtml, parsePoint };
})();
