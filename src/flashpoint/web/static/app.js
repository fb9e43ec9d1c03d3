// The dashboard: filters kept in the URL (so a link shows the same view), a map, a
// timeline, alerts, a table of events and an event view with the evidence behind
// each coded field. Every value is inserted as text (see dom.js).

import { ApiError, get, query, setToken, token } from "./api.js";
import { append, clear, el, typeColour } from "./dom.js";
import { EventMap, legend } from "./map.js";
import { Timeline, chooseInterval } from "./timeline.js";

const FILTERS = ["start", "end", "country", "admin1", "admin2", "event_type", "actor", "text"];
const PAGE = 25;
const COLUMNS = [
  ["event_date", "Date"],
  ["event_type", "Type"],
  ["sub_event_type", "Sub-type"],
  ["actor1", "Actor 1"],
  ["actor2", "Actor 2"],
  ["location", "Location"],
  ["admin1", "Admin 1"],
  ["country", "Country"],
  ["fatalities", "Killed"],
  [null, "Sources"],
];

const $ = (sel) => document.querySelector(sel);

// ------------------------------------------------------------------ state <-> URL
function readState() {
  const q = new URLSearchParams(location.search);
  const state = {};
  for (const k of [...FILTERS, "sort", "offset", "event"]) {
    const v = q.get(k);
    if (v) state[k] = v;
  }
  return state;
}

function writeState(state, push = true) {
  const url = location.pathname + query(state) + location.hash;
  if (push) history.pushState(state, "", url);
  else history.replaceState(state, "", url);
}

function filtersOf(state) {
  const out = {};
  for (const k of FILTERS) if (state[k]) out[k] = state[k];
  return out;
}

let state = readState();

function setState(changes, { push = true, keepOffset = false } = {}) {
  state = { ...state, ...changes };
  for (const [k, v] of Object.entries(state)) if (v === null || v === "" || v === undefined) delete state[k];
  if (!keepOffset && !("offset" in changes)) delete state.offset;
  writeState(state, push);
  refresh();
}

// ------------------------------------------------------------------ errors
function showError(err) {
  const box = $("#error");
  if (!err) {
    box.hidden = true;
    return;
  }
  if (err instanceof ApiError && err.status === 401) {
    $("#token-box").hidden = false;
  }
  box.textContent = err.message || String(err);
  box.hidden = false;
}

// ------------------------------------------------------------------ filters form
function fillForm() {
  const form = $("#filters");
  for (const k of FILTERS) {
    const input = form.elements[k];
    if (input) input.value = state[k] || "";
  }
}

async function loadFacets() {
  const facets = await get("/api/facets", { country: state.country });
  const fill = (list, values) =>
    clear(list).append(...values.map((v) => el("option", { value: v.value })));
  fill($("#countries"), facets.country);
  fill($("#admin1s"), facets.admin1);
  const select = $("#filters").elements.event_type;
  const chosen = state.event_type || "";
  const types = facets.event_type.map((t) => t.value);
  if (chosen && !types.includes(chosen)) types.push(chosen);
  clear(select).append(el("option", { value: "" }, "any"), ...types.map((t) => el("option", { value: t }, t)));
  select.value = chosen;
  legend($("#legend"), facets.event_type.map((t) => t.value));
  return facets;
}

// ------------------------------------------------------------------ panels
let map;
let timeline;

async function loadMap(fit) {
  const points = await get("/api/events.geojson", { ...filtersOf(state), limit: 5000 });
  map.show(points, fit);
  const shown = points.features.length;
  $("#summary").textContent =
    `${points.total} events` + (points.truncated ? ` (map shows the newest ${shown})` : "");
}

async function loadTimeline(facets) {
  const f = filtersOf(state);
  delete f.start;
  delete f.end;
  const interval = chooseInterval(facets.first_date, facets.last_date);
  const data = await get("/api/aggregates", { ...f, interval, by: "event_type" });
  timeline.draw(data.rows, interval, { start: state.start, end: state.end });
}

async function loadTable() {
  const offset = Number(state.offset || 0);
  const data = await get("/api/events", {
    ...filtersOf(state),
    limit: PAGE,
    offset,
    sort: state.sort,
  });
  const head = $("#events thead tr");
  clear(head).append(
    ...COLUMNS.map(([key, label]) => {
      if (!key) return el("th", {}, label);
      const active = state.sort && state.sort.replace("-", "") === key;
      const arrow = active ? (state.sort.startsWith("-") ? " ▼" : " ▲") : "";
      const next = active && !state.sort.startsWith("-") ? `-${key}` : key;
      return el("th", {},
        el("button", { type: "button", class: "sort", onclick: () => setState({ sort: next }) },
          label + arrow));
    }),
  );
  const body = $("#events tbody");
  clear(body).append(
    ...data.events.map((ev) =>
      el("tr", { dataset: { id: ev.event_id_cnty }, tabindex: 0, onclick: () => openEvent(ev.event_id_cnty) },
        el("td", {}, ev.event_date || ""),
        el("td", {}, el("span", { class: "dot", dataset: { colour: typeColour(ev.event_type) } }), ev.event_type),
        el("td", {}, ev.sub_event_type),
        el("td", {}, ev.actor1),
        el("td", {}, ev.actor2),
        el("td", {}, ev.location),
        el("td", {}, ev.admin1),
        el("td", {}, ev.country),
        el("td", { class: "num" }, ev.fatalities),
        el("td", {}, ev.source),
      ),
    ),
  );
  for (const d of body.querySelectorAll(".dot")) d.style.background = d.dataset.colour;
  const last = Math.min(offset + PAGE, data.total);
  $("#page-info").textContent = data.total ? `${offset + 1}–${last} of ${data.total}` : "no events";
  $("#prev").disabled = offset <= 0;
  $("#next").disabled = last >= data.total;
}

async function loadAlerts() {
  const f = filtersOf(state);
  delete f.start;
  delete f.end;
  const list = $("#alerts");
  const data = await get("/api/alerts", {
    ...f,
    level: $("#alert-level").value,
    window: $("#alert-window").value,
    limit: 30,
  });
  clear(list);
  if (!data.alerts.length) {
    list.append(el("li", { class: "muted" }, "No surges in these events."));
    return;
  }
  for (const a of data.alerts) {
    const ratio = a.ratio === null ? "new" : `×${a.ratio.toFixed(1)}`;
    list.append(
      el("li", { class: `alert ${a.kind}` },
        el("button", {
          type: "button",
          onclick: () => focusAlert(a),
          title: a.description,
        },
        el("span", { class: `badge ${a.kind}` }, a.kind === "new" ? "new" : ratio),
        el("strong", {}, a.label),
        el("span", { class: "muted" }, ` ${a.window} of ${a.period_start}`),
        el("br"),
        `${a.count} events vs ${a.baseline_mean.toFixed(2)}/${a.window}, ${a.fatalities} killed`),
      ),
    );
  }
}

function focusAlert(a) {
  const [country, admin1, admin2] = a.level === "h3" ? [] : a.unit.split("|");
  setState({
    start: a.period_start,
    end: a.period_end,
    country: country || state.country,
    admin1: admin1 || null,
    admin2: admin2 || null,
  });
}

// ------------------------------------------------------------------ event view
function fieldValue(v) {
  if (v === null || v === undefined || v === "") return "—";
  return String(v);
}

async function openEvent(id, push = true) {
  if (push && state.event !== id) {
    state = { ...state, event: id };
    writeState(state, true);
  }
  const dialog = $("#event-view");
  let data;
  try {
    data = await get(`/api/events/${encodeURIComponent(id)}`);
  } catch (err) {
    showError(err);
    return;
  }
  const ev = data.event;
  $("#event-title").textContent =
    `${ev.event_date || "undated"} · ${ev.sub_event_type || ev.event_type} · ` +
    [ev.location, ev.admin1, ev.country].filter(Boolean).join(", ");
  $("#event-notes").textContent = ev.notes || "";
  const body = $("#event-fields tbody");
  clear(body);
  for (const f of data.fields) {
    const ctx = f.context;
    const sentence = ctx
      ? el("q", { class: "sentence" }, ctx.before, el("mark", {}, ctx.match), ctx.after)
      : el("span", { class: "muted" }, f.text ? `“${f.text}” (not found in the source)` : "—");
    body.append(
      el("tr", { dataset: { field: f.field } },
        el("th", {}, f.field),
        el("td", {}, fieldValue(f.value)),
        el("td", {}, sentence),
      ),
    );
  }
  const withEvidence = new Set(data.fields.map((f) => f.field));
  for (const key of ["event_type", "actor1", "actor2", "fatalities", "injuries", "location", "event_date"]) {
    if (withEvidence.has(key)) continue;
    body.append(el("tr", { class: "no-evidence" }, el("th", {}, key), el("td", {}, fieldValue(ev[key])),
      el("td", { class: "muted" }, "no evidence span")));
  }
  const sources = $("#event-sources");
  clear(sources).append(
    ...data.sources.map((s) =>
      el("li", {},
        el("strong", {}, s.title || s.source || s.document_id), " ",
        el("span", { class: "muted" }, [s.source, s.published, s.role].filter(Boolean).join(" · ")), " ",
        el("button", { type: "button", class: "link", onclick: () => showDocument(s.document_id, data.evidence) }, "full text"),
      ),
    ),
  );
  $("#document-text").hidden = true;
  if (!dialog.open) dialog.showModal();
}

async function showDocument(id, evidence) {
  const doc = await get(`/api/documents/${encodeURIComponent(id)}`);
  const pre = $("#document-text");
  // Highlight every evidence span of this document, in text order, skipping overlaps.
  const spans = evidence
    .filter((e) => e.document_id === id && doc.text.slice(e.start, e.end) === e.text)
    .sort((a, b) => a.start - b.start);
  const parts = [];
  let at = 0;
  for (const s of spans) {
    if (s.start < at) continue;
    parts.push(doc.text.slice(at, s.start), el("mark", { title: s.field }, doc.text.slice(s.start, s.end)));
    at = s.end;
  }
  parts.push(doc.text.slice(at));
  clear(pre);
  append(pre, parts);
  pre.hidden = false;
}

function closeEvent() {
  if (state.event) {
    delete state.event;
    writeState(state, true);
  }
}

// ------------------------------------------------------------------ wiring
let firstLoad = true;

async function refresh() {
  document.body.dataset.ready = "false";
  showError(null);
  fillForm();
  document.querySelector("#csv-link").href = `/api/events.csv${query(filtersOf(state))}`;
  document.querySelector("#geojson-link").href = `/api/events.geojson${query(filtersOf(state))}`;
  try {
    const facets = await loadFacets();
    await Promise.all([loadMap(true), loadTimeline(facets), loadTable(), loadAlerts()]);
    document.body.dataset.ready = "true";
  } catch (err) {
    showError(err);
  }
  if (state.event && firstLoad) openEvent(state.event, false);
  firstLoad = false;
}

async function start() {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get("token");
  if (fromHash) {
    setToken(fromHash);
    history.replaceState(history.state, "", location.pathname + location.search);
  }
  const config = await get("/api/config");
  if (config.reads_need_token && !token()) $("#token-box").hidden = false;
  map = new EventMap($("#map"), config, (id) => openEvent(id));
  timeline = new Timeline($("#timeline"), (startDate, endDate) => setState({ start: startDate, end: endDate }));

  $("#filters").addEventListener("submit", (e) => {
    e.preventDefault();
    const form = e.target;
    const changes = {};
    for (const k of FILTERS) if (form.elements[k]) changes[k] = form.elements[k].value.trim();
    setState(changes);
  });
  $("#reset").addEventListener("click", () => {
    state = {};
    writeState(state, true);
    refresh();
  });
  $("#token-form").addEventListener("submit", (e) => {
    e.preventDefault();
    setToken(e.target.elements.token.value);
    $("#token-box").hidden = true;
    refresh();
  });
  $("#prev").addEventListener("click", () =>
    setState({ offset: Math.max(0, Number(state.offset || 0) - PAGE) || null }, { keepOffset: true }));
  $("#next").addEventListener("click", () =>
    setState({ offset: Number(state.offset || 0) + PAGE }, { keepOffset: true }));
  $("#alert-level").addEventListener("change", () => loadAlerts().catch(showError));
  $("#alert-window").addEventListener("change", () => loadAlerts().catch(showError));
  $("#event-view").addEventListener("close", closeEvent);
  window.addEventListener("popstate", () => {
    state = readState();
    const dialog = $("#event-view");
    if (state.event) openEvent(state.event, false);
    else if (dialog.open) dialog.close();
    refresh();
  });
  await refresh();
}

start().catch(showError);
