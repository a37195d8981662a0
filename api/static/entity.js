/* Entity page: the one-step neighbourhood as a network, and the entity's
   point on a small offline map. Data comes from the page itself (#kg-page). */
(function () {
  "use strict";
  const T = window.KgTerms;
  const data = JSON.parse(document.getElementById("kg-page").textContent);
  const terms = T.makeTerms({ idBase: data.idBase, prefixes: data.prefixes });
  const state = {};
  window.kgEntity = state;

  const container = document.getElementById("neighbourhood");
  if (container && data.graph.nodes.length) {
    const elements = data.graph.nodes.map((n) => ({
      data: { id: n.id, label: n.label, kind: terms.kindOf(n.id), iri: n.id, size: n.focus ? 30 : 18 },
      classes: n.focus ? "focus" : "",
    })).concat(data.graph.edges.map((e, i) => ({
      data: { id: "e" + i, source: e.source, target: e.target,
              label: e.label, width: 1.2, arrow: "triangle" },
    })));
    state.cy = cytoscape({
      container, elements, style: T.cytoscapeStyle(),
      layout: { name: "concentric", concentric: (n) => (n.hasClass("focus") ? 2 : 1),
                levelWidth: () => 1, minNodeSpacing: 70, animate: false, padding: 30 },
    });
    if (state.cy.zoom() > 1.5) { state.cy.zoom(1.5); state.cy.center(); }
    // Edge names only on hover: a ring of rotated labels is unreadable.
    state.cy.style().selector("edge").style("label", "").selector("edge.hover").style("label", "data(label)").update();
    state.cy.on("mouseover", "node", (ev) => ev.target.connectedEdges().addClass("hover"));
    state.cy.on("mouseout", "node", (ev) => ev.target.connectedEdges().removeClass("hover"));
    state.cy.on("tap", "node", (ev) => {
      const iri = ev.target.data("iri");
      if (iri && !ev.target.hasClass("focus")) window.location.href = terms.href(iri);
    });
  }

  const mapBox = document.getElementById("entity-map");
  if (mapBox && data.points.length) {
    const map = L.map(mapBox, { zoomSnap: 0.25, attributionControl: true });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Borders: Natural Earth · Places: GeoNames (CC BY 4.0)");
    L.control.scale({ imperial: false }).addTo(map);
    const group = L.featureGroup(data.points.map((p) =>
      L.circleMarker([p.lat, p.lon], { radius: 7, className: "kg-marker", color: "#8e2b20", weight: 1.2,
                                       fillColor: "#c0392b", fillOpacity: 0.6 })
        .bindTooltip(T.escapeHtml(p.label), { permanent: true, direction: "right", className: "kg-label" }))).addTo(map);
    map.setView(group.getBounds().getCenter(), 6.5);
    T.addBackground(map).catch(() => {});
    state.map = map;
  }
})();
