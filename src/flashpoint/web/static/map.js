// The event map: Leaflet (from the installed xstatic-leaflet package) over offline
// country outlines, or over a tile server when the operator configured one.

import { el, typeColour } from "./dom.js";
import { get } from "./api.js";

const L = window.L;
// Up to this many points are drawn as SVG elements (each one inspectable); more use
// one canvas, which stays fast with tens of thousands of points.
const SVG_LIMIT = 3000;

function escapeText(s) {
  // Leaflet's attribution control takes HTML; the configured attribution is text.
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function radius(fatalities) {
  return 4 + 2.2 * Math.sqrt(Math.max(0, fatalities || 0));
}

export class EventMap {
  constructor(node, config, onSelect) {
    this.node = node;
    this.onSelect = onSelect;
    this.map = L.map(node, { worldCopyJump: true, minZoom: 2, maxZoom: 14 }).setView([25, 30], 3);
    this.map.attributionControl.setPrefix(false);
    if (config.tiles) {
      L.tileLayer(config.tiles, {
        attribution: escapeText(config.tiles_attribution || ""),
        maxZoom: 19,
      }).addTo(this.map);
    }
    this.outlines = null;
    // Outlines get a pane of their own under the events' pane: however the points are
    // drawn (SVG or canvas), they stay on top of the land.
    this.map.createPane("outlines").style.zIndex = "350";
    this.points = L.layerGroup().addTo(this.map);
    this.canvas = L.canvas({ padding: 0.5 });
    this.loadOutlines(Boolean(config.tiles));
  }

  async loadOutlines(overTiles) {
    try {
      const shapes = await get("/api/boundaries/countries.geojson");
      this.outlines = L.geoJSON(shapes, {
        pane: "outlines",
        interactive: false,
        style: overTiles
          ? { color: "#555", weight: 0.6, fill: false }
          : { color: "#8a8a8a", weight: 0.7, fillColor: "#f3f1ea", fillOpacity: 1 },
      }).addTo(this.map);
      this.map.attributionControl.addAttribution("Outlines: Natural Earth");
    } catch (err) {
      console.warn("no country outlines", err);
    }
  }

  show(collection, fit) {
    this.points.clearLayers();
    const features = collection.features || [];
    const renderer = features.length > SVG_LIMIT ? this.canvas : undefined;
    const bounds = [];
    // Biggest first so that small events stay clickable on top.
    features.sort((a, b) => (b.properties.fatalities || 0) - (a.properties.fatalities || 0));
    for (const f of features) {
      const [lon, lat] = f.geometry.coordinates;
      const p = f.properties;
      const colour = typeColour(p.event_type);
      const marker = L.circleMarker([lat, lon], {
        renderer,
        radius: radius(p.fatalities),
        color: "#222",
        weight: 0.8,
        fillColor: colour,
        fillOpacity: 0.75,
        className: "event-point",
      });
      marker.bindTooltip(
        el("div", {},
          el("strong", {}, p.event_date || "undated", " · ", p.sub_event_type || p.event_type),
          el("br"),
          [p.location, p.admin1, p.country].filter(Boolean).join(", "),
          el("br"),
          `${p.fatalities || 0} killed · ${[p.actor1, p.actor2].filter(Boolean).join(" vs ")}`,
        ),
      );
      marker.on("click", () => this.onSelect(p.id));
      marker.addTo(this.points);
      bounds.push([lat, lon]);
    }
    this.node.dataset.points = String(features.length);
    if (fit && bounds.length) {
      this.map.fitBounds(bounds, { padding: [30, 30], maxZoom: 9 });
    }
  }
}

export function legend(node, types) {
  node.replaceChildren(
    ...types.map((t) =>
      el("span", { class: "legend-item" },
        el("span", { class: "swatch", dataset: { colour: typeColour(t) } }), t),
    ),
    el("span", { class: "legend-item muted" }, "size: fatalities"),
  );
  // Colours go through the CSSOM (allowed by the page's policy), not style attributes.
  for (const s of node.querySelectorAll(".swatch")) s.style.background = s.dataset.colour;
}
