// The timeline: events per window stacked by type, in plain SVG. Dragging across it
// chooses a date range (the brush); double-clicking clears it.

import { typeColour } from "./dom.js";

const NS = "http://www.w3.org/2000/svg";
const PAD = { left: 40, right: 10, top: 8, bottom: 22 };

function svg(tag, attrs = {}) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

function addDays(iso, days) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function windowEnd(period, interval) {
  if (interval === "day") return period;
  if (interval === "week") return addDays(period, 6);
  const d = new Date(`${period}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  d.setUTCDate(0);
  return d.toISOString().slice(0, 10);
}

// Every window from the first to the last, so quiet windows show as gaps, not nothing.
export function fillPeriods(periods, interval) {
  if (periods.length < 2) return periods;
  const out = [];
  const last = periods[periods.length - 1];
  for (let p = periods[0]; p <= last && out.length < 5000; p = nextPeriod(p, interval)) out.push(p);
  return out;
}

function nextPeriod(period, interval) {
  if (interval === "day") return addDays(period, 1);
  if (interval === "week") return addDays(period, 7);
  const d = new Date(`${period}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
}

export function chooseInterval(first, last) {
  if (!first || !last) return "week";
  const days = (Date.parse(last) - Date.parse(first)) / 86400000;
  if (days <= 120) return "day";
  if (days <= 3 * 365) return "week";
  return "month";
}

export class Timeline {
  constructor(node, onBrush) {
    this.node = node;
    this.onBrush = onBrush;
    this.periods = [];
    this.interval = "week";
    node.addEventListener("pointerdown", (e) => this.startDrag(e));
    node.addEventListener("pointermove", (e) => this.drag(e));
    node.addEventListener("pointerup", (e) => this.endDrag(e));
    node.addEventListener("dblclick", () => this.onBrush(null, null));
  }

  draw(rows, interval, selection) {
    this.interval = interval;
    const node = this.node;
    node.replaceChildren();
    const width = node.clientWidth || 800;
    const height = node.clientHeight || 160;
    node.setAttribute("viewBox", `0 0 ${width} ${height}`);
    const periods = fillPeriods([...new Set(rows.map((r) => r.period))].sort(), interval);
    const types = [...new Set(rows.map((r) => r.key))].sort();
    this.periods = periods;
    node.dataset.bars = String(periods.length);
    if (!periods.length) {
      const t = svg("text", { x: width / 2, y: height / 2, "text-anchor": "middle", class: "muted" });
      t.textContent = "no dated events";
      node.append(t);
      return;
    }
    const stacks = new Map(periods.map((p) => [p, new Map()]));
    for (const r of rows) if (stacks.has(r.period)) stacks.get(r.period).set(r.key, r.events);
    const totals = periods.map((p) => [...stacks.get(p).values()].reduce((a, b) => a + b, 0));
    const max = Math.max(1, ...totals);
    const plotW = width - PAD.left - PAD.right;
    const plotH = height - PAD.top - PAD.bottom;
    const band = plotW / periods.length;
    this.geometry = { plotW, band };

    // y axis: 0 and max
    for (const v of [0, max]) {
      const y = PAD.top + plotH - (v / max) * plotH;
      const t = svg("text", { x: PAD.left - 4, y: y + 4, "text-anchor": "end", class: "axis" });
      t.textContent = String(v);
      node.append(t, svg("line", { x1: PAD.left, x2: width - PAD.right, y1: y, y2: y, class: "grid" }));
    }
    periods.forEach((p, i) => {
      let y = PAD.top + plotH;
      const g = svg("g", { class: "bar" });
      for (const type of types) {
        const n = stacks.get(p).get(type) || 0;
        if (!n) continue;
        const h = (n / max) * plotH;
        y -= h;
        const rect = svg("rect", {
          x: PAD.left + i * band + 0.5,
          y,
          width: Math.max(1, band - 1),
          height: h,
          fill: typeColour(type),
        });
        const title = svg("title");
        title.textContent = `${p}: ${n} ${type}`;
        rect.append(title);
        g.append(rect);
      }
      node.append(g);
    });
    // x labels: first, middle, last
    const picks = [...new Set([0, Math.floor(periods.length / 2), periods.length - 1])];
    for (const i of picks) {
      const t = svg("text", {
        x: PAD.left + (i + 0.5) * band,
        y: height - 6,
        "text-anchor": "middle",
        class: "axis",
      });
      t.textContent = periods[i];
      node.append(t);
    }
    this.brush = svg("rect", { class: "brush", y: PAD.top, height: plotH, x: 0, width: 0 });
    node.append(this.brush);
    if (selection && (selection.start || selection.end)) {
      const a = this.indexOf(selection.start, 0);
      const b = this.indexOf(selection.end, periods.length - 1);
      this.showBrush(Math.min(a, b), Math.max(a, b));
    }
  }

  indexOf(date, fallback) {
    if (!date) return fallback;
    let found = fallback;
    this.periods.forEach((p, i) => {
      if (p <= date) found = i;
    });
    return date < this.periods[0] ? 0 : found;
  }

  showBrush(a, b) {
    const { band } = this.geometry;
    this.brush.setAttribute("x", PAD.left + a * band);
    this.brush.setAttribute("width", Math.max(2, (b - a + 1) * band));
  }

  at(event) {
    if (!this.periods.length) return null;
    const box = this.node.getBoundingClientRect();
    const scale = (this.node.viewBox.baseVal.width || box.width) / box.width;
    const x = (event.clientX - box.left) * scale - PAD.left;
    return Math.min(this.periods.length - 1, Math.max(0, Math.floor(x / this.geometry.band)));
  }

  startDrag(e) {
    const i = this.at(e);
    if (i === null) return;
    this.anchor = i;
    this.node.setPointerCapture(e.pointerId);
    this.showBrush(i, i);
  }

  drag(e) {
    if (this.anchor === undefined) return;
    const i = this.at(e);
    this.showBrush(Math.min(i, this.anchor), Math.max(i, this.anchor));
  }

  endDrag(e) {
    if (this.anchor === undefined) return;
    const i = this.at(e);
    const a = Math.min(i, this.anchor);
    const b = Math.max(i, this.anchor);
    this.anchor = undefined;
    this.onBrush(this.periods[a], windowEnd(this.periods[b], this.interval));
  }
}
