
"use strict";
(function () {
  const RAW = JSON.parse(document.getElementById("kg-data").textContent);
  const T = RAW.tables;
  const SVGNS = "http://www.w3.org/2000/svg";
  const TYPES = ["Meeting", "PhoneCall", "Visit", "Invitation", "Agreement", "Statement"];
  const TYPE_DEFAULT = new Set(["Meeting", "PhoneCall", "Visit"]);
  const TYPE_COLOUR = { Meeting: "#1f77b4", PhoneCall: "#9467bd", Visit: "#d62728", Invitation: "#2ca02c",
                        Agreement: "#8c564b", Statement: "#7f7f7f" };
  const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
                   "#17becf", "#bcbd22", "#393b79", "#637939", "#7b4173"];
  const UNKNOWN = "(unknown)";

  // ---- small DOM helpers: text only ever goes through textContent -------------------------
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") e.className = v; else if (k === "text") e.textContent = v;
      else if (k === "onclick") e.addEventListener("click", v); else e.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
    return e;
  }
  function sv(tag, attrs) {
    const e = document.createElementNS(SVGNS, tag);
    for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) e.setAttribute(k, v);
    return e;
  }
  function ar(text, tag) { return el(tag || "bdi", { lang: "ar", dir: "rtl", class: "ar", text: text }); }
  function safeHref(url) {
    if (!url) return null;
    try { const u = new URL(url); return (u.protocol === "http:" || u.protocol === "https:") ? u.href : null; }
    catch (e) { return null; }
  }
  function link(url, text) {
    const href = safeHref(url);
    return href ? el("a", { href: href, target: "_blank", rel: "noopener noreferrer", text: text || url }) : el("span", { text: text || url || "" });
  }
  function wikidataPage(iri) {
    const m = /(Q\d+)$/.exec(iri || "");
    return m ? "https://www.wikidata.org/wiki/" + m[1] : null;
  }
  function rows(name) {
    const t = T[name]; if (!t) return [];
    return t.rows.map(r => Object.fromEntries(t.columns.map((c, i) => [c, r[i]])));
  }
  function split(v) { return v ? v.split("|").filter(Boolean) : []; }
  function dateSpan(v) {                 // xsd:date | gYearMonth | gYear -> [first day, last day]
    if (!v) return null;
    const s = v.slice(0, 10);
    if (/^\d{4}$/.test(s)) return [s + "-01-01", s + "-12-31"];
    if (/^\d{4}-\d{2}$/.test(s)) return [s + "-01", s + "-31"];
    if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return [s, s];
    return null;
  }

  // ---- the model, built from the query tables ----------------------------------------------
  const people = new Map();
  for (const r of rows("people")) {
    if (people.has(r.person)) continue;
    people.set(r.person, { iri: r.person, ar: r.labelAr || "", en: r.labelEn || "", alts: split(r.altLabels),
                           wd: r.wikidata, country: r.country || UNKNOWN, events: new Set() });
  }
  const events = new Map();
  for (const r of rows("events")) {
    let e = events.get(r.event);
    if (!e) {
      const date = r.date || null;
      e = { iri: r.event, type: r.type, modality: r.modality || "Occurred", date: date,
            inferred: r.dateInferred === "true", triggers: split(r.trigger), reportCount: r.reportCount,
            outletCount: r.outletCount, articles: split(r.article), firstPublished: r.firstPublished,
            places: [], participants: [],
            when: date || r.firstPublished || null, whenSource: date ? (r.dateInferred === "true" ? "inferred" : "stated") : (r.firstPublished ? "reported" : null) };
      events.set(r.event, e);
    }
    if (r.place && !e.places.some(p => p.iri === r.place)) e.places.push({ iri: r.place, label: r.placeLabel || r.place, wd: r.placeWikidata });
  }
  for (const r of rows("participants")) {
    const e = events.get(r.event); if (!e) continue;
    e.participants.push({ iri: r.participant, label: r.participantLabel, kind: r.kind, role: r.role });
    const p = people.get(r.participant); if (p) p.events.add(r.event);
  }
  const visits = new Map();               // visit IRI -> occurred visit (visits.rq)
  for (const r of rows("visits")) {
    if (!visits.has(r.visit)) visits.set(r.visit, { iri: r.visit, visitor: r.visitor, visitorLabel: r.visitorLabel,
      dest: r.destination, destLabel: r.destinationLabel, destWd: r.destinationWikidata, date: r.date, articles: split(r.article) });
    const p = people.get(r.visitor); if (p) p.events.add(r.visit);
  }
  const edges = new Map();                // "a|b" -> {a, b, meetings: [event IRI]}
  for (const r of rows("met")) {
    const key = r.personA + "|" + r.personB;
    let ed = edges.get(key);
    if (!ed) { ed = { key: key, a: r.personA, b: r.personB, meetings: [] }; edges.set(key, ed); }
    if (!ed.meetings.includes(r.meeting)) ed.meetings.push(r.meeting);
    for (const iri of [r.personA, r.personB])
      if (!people.has(iri)) people.set(iri, { iri: iri, ar: iri === r.personA ? r.personALabel : r.personBLabel, en: "", alts: [], wd: null, country: UNKNOWN, events: new Set() });
  }
  const roles = new Map();
  for (const r of rows("roles")) {
    if (!roles.has(r.person)) roles.set(r.person, []);
    roles.get(r.person).push(r);
  }
  const evidence = new Map();            // subject IRI -> [{via, text, ...}]
  for (const r of rows("evidence")) {
    if (!evidence.has(r.subject)) evidence.set(r.subject, []);
    evidence.get(r.subject).push(r);
  }

  // ---- filters --------------------------------------------------------------------------------
  const countryCount = new Map();
  for (const p of people.values()) countryCount.set(p.country, (countryCount.get(p.country) || 0) + 1);
  const countries = [...countryCount.keys()].sort((a, b) => (a === UNKNOWN) - (b === UNKNOWN) || countryCount.get(b) - countryCount.get(a) || a.localeCompare(b));
  const colour = new Map(countries.map((c, i) => [c, c === UNKNOWN ? "#9aa3ad" : PALETTE[i % PALETTE.length]]));
  const state = { from: "", to: "", undated: true, countries: new Set(countries), types: new Set(TYPE_DEFAULT), selected: null };

  function eventInRange(e) {
    if (!e) return false;
    const span = dateSpan(e.when);
    if (!span) return state.undated;
    if (state.from && span[1] < state.from) return false;
    if (state.to && span[0] > state.to) return false;
    return true;
  }
  const dateFiltered = () => Boolean(state.from || state.to || !state.undated);

  // ---- network ------------------------------------------------------------------------------
  const svg = document.getElementById("network");
  const nodes = [...people.values()].sort((a, b) => a.iri < b.iri ? -1 : 1);
  const index = new Map(nodes.map((n, i) => [n.iri, i]));
  const links = [...edges.values()].filter(e => index.has(e.a) && index.has(e.b));
  function radius(n) { return 6 + 4 * Math.sqrt(n.events.size); }

  function layout() {                    // Fruchterman–Reingold with a fixed seed: same page, same picture
    let seed = 42;
    const rand = () => { seed = (seed * 1664525 + 1013904223) >>> 0; return seed / 4294967296; };
    const n = nodes.length, k = 95;
    const sector = new Map(countries.map((c, i) => [c, (2 * Math.PI * i) / Math.max(countries.length, 1)]));
    nodes.forEach((d, i) => {
      const a = sector.get(d.country) + rand() * 1.2, r = 120 + rand() * 140;
      d.x = Math.cos(a) * r; d.y = Math.sin(a) * r;
    });
    const iters = n <= 250 ? 300 : Math.max(30, Math.floor(2e7 / (n * n)));
    for (let it = 0; it < iters; it++) {
      const t = 25 * (1 - it / iters) + 0.5;
      const dx = new Float64Array(n), dy = new Float64Array(n);
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
        let x = nodes[i].x - nodes[j].x, y = nodes[i].y - nodes[j].y;
        let d2 = x * x + y * y; if (d2 < 0.01) { x = rand() - .5; y = rand() - .5; d2 = .5; }
        const d = Math.sqrt(d2), f = (k * k) / d;
        dx[i] += (x / d) * f; dy[i] += (y / d) * f; dx[j] -= (x / d) * f; dy[j] -= (y / d) * f;
      }
      for (const l of links) {
        const i = index.get(l.a), j = index.get(l.b);
        const x = nodes[i].x - nodes[j].x, y = nodes[i].y - nodes[j].y, d = Math.sqrt(x * x + y * y) || .01;
        const f = (d - 1.3 * k) * 0.8;   // a spring with a rest length: cliques do not collapse
        dx[i] -= (x / d) * f; dy[i] -= (y / d) * f; dx[j] += (x / d) * f; dy[j] += (y / d) * f;
      }
      for (let i = 0; i < n; i++) {
        dx[i] -= nodes[i].x * 0.9; dy[i] -= nodes[i].y * 0.9;   // gravity keeps islands near the centre
        const d = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) || 1, s = Math.min(d, t) / d;
        nodes[i].x += dx[i] * s; nodes[i].y += dy[i] * s;
      }
    }
  }

  const view = { x: 0, y: 0, w: 1, h: 1 };
  function fit() {                       // scale the layout to the box, so labels stay at 12 px
    const W = svg.clientWidth || 900, H = svg.clientHeight || 520, pad = 60;
    Object.assign(view, { x: 0, y: 0, w: W, h: H });
    if (!nodes.length) return;
    const xs = nodes.map(n => n.x), ys = nodes.map(n => n.y);
    const x0 = Math.min(...xs), y0 = Math.min(...ys), bw = Math.max(...xs) - x0 || 1, bh = Math.max(...ys) - y0 || 1;
    const s = Math.min((W - 2 * pad) / bw, (H - 2 * pad) / bh, 1.5);
    const ox = (W - bw * s) / 2, oy = (H - bh * s) / 2;
    for (const n of nodes) { n.x = ox + (n.x - x0) * s; n.y = oy + (n.y - y0) * s; }
  }
  function applyView() { svg.setAttribute("viewBox", `${view.x} ${view.y} ${view.w} ${view.h}`); }

  const edgeEls = new Map(), nodeEls = new Map();
  function drawNetwork() {
    svg.replaceChildren();
    const ge = sv("g", { class: "edges" }), gn = sv("g", { class: "nodes" });
    for (const l of links) {
      const a = nodes[index.get(l.a)], b = nodes[index.get(l.b)];
      const line = sv("line", { class: "edge", x1: a.x, y1: a.y, x2: b.x, y2: b.y, "stroke-width": 1.5 + 1.5 * Math.min(l.meetings.length - 1, 4), "data-key": l.key });
      const t = sv("title"); t.textContent = `${a.ar} — ${b.ar}: ${l.meetings.length} meeting(s)`; line.append(t);
      line.addEventListener("click", ev => { ev.stopPropagation(); select(l.meetings[0]); });
      ge.append(line); edgeEls.set(l.key, line);
    }
    for (const n of nodes) {
      const g = sv("g", { class: "node", "data-iri": n.iri, transform: `translate(${n.x},${n.y})`, tabindex: 0, role: "button" });
      g.append(sv("circle", { r: radius(n), fill: colour.get(n.country) }));
      const label = sv("text", { y: radius(n) + 14, "text-anchor": "middle", direction: "rtl", lang: "ar" });
      label.textContent = n.ar; g.append(label);
      const t = sv("title"); t.textContent = `${n.ar}${n.en ? " / " + n.en : ""} — ${n.country}, ${n.events.size} event(s)`; g.append(t);
      g.addEventListener("click", ev => { ev.stopPropagation(); select(n.iri); });
      g.addEventListener("keydown", ev => { if (ev.key === "Enter") select(n.iri); });
      gn.append(g); nodeEls.set(n.iri, g);
    }
    svg.append(ge, gn);
  }
  function updateNetwork() {
    for (const n of nodes) {
      const g = nodeEls.get(n.iri);
      const shown = state.countries.has(n.country);
      g.style.display = shown ? "" : "none";
      const active = !dateFiltered() || [...n.events].some(e => eventInRange(events.get(e) || visitAsEvent(e)));
      g.classList.toggle("dim", !active);
      const selEvent = events.get(state.selected);
      g.classList.toggle("sel", state.selected === n.iri || Boolean(selEvent && selEvent.participants.some(x => x.iri === n.iri)));
    }
    for (const l of links) {
      const a = people.get(l.a), b = people.get(l.b);
      const shown = state.countries.has(a.country) && state.countries.has(b.country) && l.meetings.some(m => eventInRange(events.get(m)));
      const line = edgeEls.get(l.key);
      line.style.display = shown ? "" : "none";
      line.classList.toggle("sel", l.a === state.selected || l.b === state.selected || l.meetings.includes(state.selected));
    }
  }
  function visitAsEvent(iri) { const v = visits.get(iri); return v ? { when: v.date } : null; }

  // pan (drag) and zoom (wheel)
  let drag = null;
  svg.addEventListener("mousedown", ev => { drag = { x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y }; });
  window.addEventListener("mouseup", () => { drag = null; });
  window.addEventListener("mousemove", ev => {
    if (!drag) return;
    const s = view.w / svg.clientWidth;
    view.x = drag.vx - (ev.clientX - drag.x) * s; view.y = drag.vy - (ev.clientY - drag.y) * s; applyView();
  });
  svg.addEventListener("wheel", ev => {
    ev.preventDefault();
    const f = ev.deltaY > 0 ? 1.15 : 1 / 1.15, r = svg.getBoundingClientRect();
    const px = view.x + ((ev.clientX - r.left) / r.width) * view.w, py = view.y + ((ev.clientY - r.top) / r.height) * view.h;
    view.x = px - (px - view.x) * f; view.y = py - (py - view.y) * f; view.w *= f; view.h *= f; applyView();
  }, { passive: false });

  // ---- filter controls ----------------------------------------------------------------------
  const fset = document.getElementById("f-countries");
  for (const c of countries) {
    const box = el("input", { type: "checkbox", checked: true, "data-country": c });
    box.addEventListener("change", () => { box.checked ? state.countries.add(c) : state.countries.delete(c); refresh(); });
    fset.append(el("label", {}, box, el("span", { class: "swatch", style: `background:${colour.get(c)}` }), c, ` (${countryCount.get(c)})`));
  }
  const fFrom = document.getElementById("f-from"), fTo = document.getElementById("f-to"), fUnd = document.getElementById("f-undated");
  fFrom.addEventListener("change", () => { state.from = fFrom.value; refresh(); });
  fTo.addEventListener("change", () => { state.to = fTo.value; refresh(); });
  fUnd.addEventListener("change", () => { state.undated = fUnd.checked; refresh(); });
  document.getElementById("f-reset").addEventListener("click", () => {
    fFrom.value = fTo.value = ""; fUnd.checked = true;
    Object.assign(state, { from: "", to: "", undated: true, countries: new Set(countries) });
    for (const b of fset.querySelectorAll("input")) b.checked = true;
    refresh();
  });
  const typesDiv = document.getElementById("types");
  const typeCount = new Map();
  for (const e of events.values()) typeCount.set(e.type, (typeCount.get(e.type) || 0) + 1);
  for (const t of TYPES.filter(t => typeCount.has(t)).concat([...typeCount.keys()].filter(t => !TYPES.includes(t)))) {
    const box = el("input", { type: "checkbox", checked: state.types.has(t), "data-type": t });
    box.addEventListener("change", () => { box.checked ? state.types.add(t) : state.types.delete(t); refresh(); });
    typesDiv.append(el("label", {}, box, el("span", { class: "swatch", style: `background:${TYPE_COLOUR[t] || "#555"}` }), `${t} (${typeCount.get(t)})`));
  }

  // ---- timeline -----------------------------------------------------------------------------
  const tl = document.getElementById("timeline");
  function eventWho(e) {
    const ps = e.participants.filter(p => p.kind === "Person" || people.has(p.iri));
    return (ps.length ? ps : e.participants).map(p => p.label);
  }
  function modalityClass(e) {
    return e.modality === "Planned" ? "planned" : (e.modality === "Cancelled" || e.modality === "Denied") ? "cancelled" : "";
  }
  function shape(e, x, y) {
    const c = TYPE_COLOUR[e.type] || "#555", cls = ["mark", modalityClass(e), e.whenSource === "reported" ? "reported" : "", state.selected === e.iri ? "sel" : ""].join(" ");
    const a = { class: cls, fill: c, stroke: c, "stroke-width": 1.5, "data-iri": e.iri };
    let s;
    if (e.type === "Visit") s = sv("path", Object.assign(a, { d: `M${x},${y - 8} L${x + 8},${y + 6} L${x - 8},${y + 6} Z` }));
    else if (e.type === "PhoneCall") s = sv("path", Object.assign(a, { d: `M${x},${y - 8} L${x + 8},${y} L${x},${y + 8} L${x - 8},${y} Z` }));
    else if (e.type === "Meeting") s = sv("circle", Object.assign(a, { cx: x, cy: y, r: 7 }));
    else s = sv("rect", Object.assign(a, { x: x - 5, y: y - 5, width: 10, height: 10 }));
    const t = sv("title");
    t.textContent = `${e.type} (${e.modality.toLowerCase()}) ${e.when || "undated"}${e.whenSource === "reported" ? " (report date)" : ""}: ${eventWho(e).join("، ")}`;
    s.append(t);
    s.addEventListener("click", () => select(e.iri));
    return s;
  }
  function visibleEvents() {
    return [...events.values()].filter(e => state.types.has(e.type) && eventInRange(e))
      .sort((a, b) => (a.when ? 0 : 1) - (b.when ? 0 : 1) || (a.when || "").localeCompare(b.when || "") || a.type.localeCompare(b.type) || a.iri.localeCompare(b.iri));
  }
  function drawTimeline(list) {
    tl.replaceChildren();
    const W = Math.max(tl.clientWidth || 900, 300), H = 140, left = 40, right = W - 40;
    tl.setAttribute("viewBox", `0 0 ${W} ${H}`);
    const dated = list.filter(e => dateSpan(e.when)), undated = list.filter(e => !dateSpan(e.when));
    const day = s => Date.parse(s + "T00:00:00Z") / 864e5;
    let lo = Math.min(...dated.map(e => day(dateSpan(e.when)[0]))), hi = Math.max(...dated.map(e => day(dateSpan(e.when)[0])));
    if (!dated.length) { lo = 0; hi = 1; }
    if (hi - lo < 6) { lo -= 3; hi += 3; }
    const undatedW = undated.length ? 150 : 0;
    const X = d => left + ((d - lo) / (hi - lo)) * (right - left - undatedW);
    tl.append(sv("line", { x1: left, x2: right - undatedW, y1: H - 28, y2: H - 28, stroke: "#9aa3ad" }));
    if (dated.length) {
      const step = [1, 2, 7, 14, 30, 61, 91, 182, 365, 730, 1826, 3652].find(s => (hi - lo) / s <= 7) || 7305;
      for (let d = Math.ceil(lo / step) * step; d <= hi; d += step) {
        const x = X(d);
        tl.append(sv("line", { x1: x, x2: x, y1: H - 32, y2: H - 24, stroke: "#9aa3ad" }));
        const t = sv("text", { x: x, y: H - 10, "text-anchor": "middle" });
        t.textContent = new Date(d * 864e5).toISOString().slice(0, step >= 365 ? 4 : step >= 30 ? 7 : 10); tl.append(t);
      }
    }
    const stack = new Map();
    for (const e of dated) {
      const x = Math.round(X(day(dateSpan(e.when)[0]))), n = stack.get(x) || 0; stack.set(x, n + 1);
      tl.append(shape(e, x, H - 44 - n * 18));
    }
    if (undated.length) {
      const ux = right - 65;
      tl.append(sv("line", { x1: right - undatedW + 15, x2: right - undatedW + 15, y1: 10, y2: H - 10, stroke: "#d0d4da", "stroke-dasharray": "4 3" }));
      const t = sv("text", { x: ux, y: H - 10, "text-anchor": "middle" }); t.textContent = `undated (${undated.length})`; tl.append(t);
      undated.forEach((e, i) => tl.append(shape(e, ux - 45 + (i % 6) * 18, H - 44 - Math.floor(i / 6) * 18)));
    }
  }
  function drawEventList(list) {
    const tbody = document.querySelector("#event-list tbody");
    tbody.replaceChildren();
    for (const e of list) {
      const when = e.when ? e.when + (e.whenSource === "reported" ? " (report)" : e.whenSource === "inferred" ? " (inferred)" : "") : "undated";
      const who = el("td", { class: "ar", lang: "ar", dir: "rtl", text: eventWho(e).join("، ") });
      const tr = el("tr", { class: [modalityClass(e), state.selected === e.iri ? "sel" : ""].join(" "), "data-iri": e.iri, onclick: () => select(e.iri) },
        el("td", { text: when }), el("td", {}, el("span", { class: "swatch", style: `background:${TYPE_COLOUR[e.type] || "#555"}` }), e.type),
        el("td", {}, el("span", { class: "badge " + e.modality, text: e.modality.toLowerCase() })), who,
        el("td", { text: e.places.map(p => p.label).join(", ") }), el("td", { text: e.reportCount || String(e.articles.length) }));
      tbody.append(tr);
    }
  }

  // ---- places -------------------------------------------------------------------------------
  function drawPlaces() {
    const places = new Map();
    const place = (iri, label, wd) => { if (!places.has(iri)) places.set(iri, { iri, label, wd, items: [] }); return places.get(iri); };
    for (const v of visits.values()) {
      place(v.dest, v.destLabel, v.destWd).items.push({ event: v.iri, who: v.visitorLabel, date: v.date, modality: "Occurred", reports: v.articles.length });
    }
    for (const e of events.values()) {    // planned, cancelled or denied visits: not in visits.rq
      if (e.type !== "Visit" || visits.has(e.iri)) continue;
      for (const p of e.places)
        place(p.iri, p.label, p.wd).items.push({ event: e.iri, who: eventWho(e).join("، "), date: e.date, modality: e.modality, reports: e.articles.length });
    }
    const ul = document.getElementById("places");
    ul.replaceChildren();
    const sorted = [...places.values()].sort((a, b) => b.items.length - a.items.length || String(a.label).localeCompare(String(b.label)));
    if (!sorted.length) ul.append(el("li", { class: "note", text: "No visit in the graph." }));
    for (const p of sorted) {
      const inner = el("ul");
      for (const it of p.items.sort((a, b) => (a.date || "~").localeCompare(b.date || "~")))
        inner.append(el("li", { class: it.modality !== "Occurred" ? "planned" : "", "data-iri": it.event, onclick: () => select(it.event) },
          ar(it.who), " — ", it.date || "undated", it.modality !== "Occurred" ? ` (${it.modality.toLowerCase()})` : "", ` · ${it.reports} report(s)`));
      const wd = wikidataPage(p.wd);
      ul.append(el("li", { "data-place": p.iri }, el("strong", { text: p.label }), " ",
        wd ? link(wd, "Wikidata") : null, ` — ${p.items.length} visit(s)`, inner));
    }
  }

  // ---- side panel ---------------------------------------------------------------------------
  const panel = document.getElementById("panel");
  function personLink(iri, label) {
    return people.has(iri) ? el("span", { class: "linkish ar", lang: "ar", dir: "rtl", text: label, onclick: () => select(iri) }) : ar(label);
  }
  function evidenceBlock(list) {
    const seen = new Map();
    for (const r of list) {
      const key = r.article + ":" + r.start + "-" + r.end;
      if (!seen.has(key)) seen.set(key, r);
    }
    const box = el("div", { class: "evidence-list" });
    const items = [...seen.values()].sort((a, b) => (a.published || "~").localeCompare(b.published || "~") || a.article.localeCompare(b.article) || Number(a.start) - Number(b.start));
    if (!items.length) box.append(el("p", { class: "note", text: "No evidence sentence in the graph." }));
    for (const r of items) {
      const meta = el("p", { class: "evidence-meta" },
        r.outlet || "unknown outlet", " · ", r.published || "date unknown", " · ",
        r.url ? link(r.url, "source") : el("span", { text: "no URL" }), " · article ", el("code", { text: r.article }),
        ` [${r.start}–${r.end}]`);
      box.append(el("div", { class: "evidence", "data-article": r.article },
        r.headline ? el("span", { class: "evidence-headline ar", lang: "ar", dir: "rtl", text: r.headline }) : null,
        el("p", { class: "evidence-text ar", lang: "ar", dir: "rtl", text: r.text }), meta));
    }
    return box;
  }
  function showPerson(p) {
    const wd = wikidataPage(p.wd);
    const dl = el("dl", {},
      el("dt", { text: "country" }), el("dd", { text: p.country }),
      el("dt", { text: "Wikidata" }), el("dd", {}, wd ? link(wd, wd.replace("https://www.wikidata.org/wiki/", "")) : "not linked"),
      el("dt", { text: "events" }), el("dd", { text: String(p.events.size) }));
    if (p.alts.length) dl.append(el("dt", { text: "also written" }), el("dd", { class: "ar", lang: "ar", dir: "rtl", text: p.alts.join("، ") }));
    const offices = el("ul");
    const byPos = new Map();
    for (const r of roles.get(p.iri) || []) {
      if (!byPos.has(r.position)) byPos.set(r.position, { label: r.positionLabel, country: r.country, seen: [] });
      byPos.get(r.position).seen.push(r);
    }
    for (const o of byPos.values()) {
      const dates = [...new Set(o.seen.map(r => r.date).filter(Boolean))].sort();
      const arts = [...new Set(o.seen.map(r => r.article))].sort();
      offices.append(el("li", { class: "office" }, el("strong", { text: o.label }), o.country ? ` (${o.country})` : "",
        " — seen ", dates.length ? dates.join(", ") : "undated", ` in ${arts.join(", ")}`));
    }
    if (!byPos.size) offices.append(el("li", { class: "note", text: "No office recorded." }));
    const evs = el("ul");
    const mine = [...p.events].map(i => events.get(i)).filter(Boolean).sort((a, b) => (a.when || "~").localeCompare(b.when || "~"));
    for (const e of mine) {
      const others = e.participants.filter(x => x.iri !== p.iri).map(x => x.label);
      evs.append(el("li", {}, el("span", { class: "linkish", text: `${e.type} · ${e.when || "undated"}`, onclick: () => select(e.iri) }),
        e.modality !== "Occurred" ? el("span", { class: "badge " + e.modality, text: e.modality.toLowerCase() }) : null,
        others.length ? " with " : "", others.length ? ar(others.join("، ")) : null));
    }
    panel.replaceChildren(
      el("div", { class: "kind", text: "person" }),
      el("h2", { class: "name-ar ar", lang: "ar", dir: "rtl", text: p.ar }),
      el("p", { class: "name-en", text: p.en || "(no English label)" }),
      el("p", {}, el("code", { text: p.iri })),
      dl, el("h3", { text: "Offices (roles.rq)" }), offices,
      el("h3", { text: "Events" }), evs,
      el("h3", { text: "Evidence" }), evidenceBlock(evidence.get(p.iri) || []));
  }
  function showEvent(e) {
    const parts = el("ul");
    for (const pt of e.participants) parts.append(el("li", {}, personLink(pt.iri, pt.label), ` — ${pt.role}${pt.kind && pt.kind !== "Person" ? " (" + pt.kind + ")" : ""}`));
    const places = el("span");
    e.places.forEach((p, i) => { const wd = wikidataPage(p.wd); places.append(i ? ", " : "", wd ? link(wd, p.label) : p.label); });
    const when = e.date ? e.date + (e.inferred ? " (inferred from another report of the event)" : "")
      : e.firstPublished ? `not stated; first reported ${e.firstPublished}` : "unknown";
    panel.replaceChildren(
      el("div", { class: "kind", text: "event" }),
      el("h2", { text: `${e.type}` }, " ", el("span", { class: "badge " + e.modality, text: e.modality.toLowerCase() })),
      el("p", {}, el("code", { text: e.iri })),
      el("dl", {},
        el("dt", { text: "date" }), el("dd", { text: when }),
        el("dt", { text: "place" }), el("dd", {}, e.places.length ? places : "unknown"),
        el("dt", { text: "trigger" }), el("dd", {}, ar(e.triggers.join("، "))),
        el("dt", { text: "reports" }), el("dd", { text: `${e.reportCount || e.articles.length} article(s), ${e.outletCount || "?"} outlet(s): ${e.articles.join(", ")}` })),
      el("h3", { text: "Participants" }), parts,
      el("h3", { text: "Evidence" }), evidenceBlock(evidence.get(e.iri) || []));
  }
  function select(iri) {
    state.selected = iri;
    if (people.has(iri)) showPerson(people.get(iri));
    else if (events.has(iri)) showEvent(events.get(iri));
    else { state.selected = null; panel.replaceChildren(el("p", { class: "hint", text: "Nothing in the graph has that IRI." })); }
    try { history.replaceState(null, "", "#select=" + encodeURIComponent(iri)); } catch (err) { /* file: URLs in some browsers */ }
    refresh();
    panel.scrollTop = 0;
  }

  // ---- wiring -------------------------------------------------------------------------------
  function refresh() {
    updateNetwork();
    const list = visibleEvents();
    drawTimeline(list); drawEventList(list);
  }
  const nMeet = [...events.values()].filter(e => (e.type === "Meeting" || e.type === "PhoneCall") && e.modality === "Occurred").length;
  document.getElementById("summary").textContent =
    `${people.size} persons · ${links.length} met-with pairs · ${events.size} events (${nMeet} meetings or calls that took place) · ${visits.size} visits`;
  layout(); fit(); applyView(); drawNetwork(); drawPlaces(); refresh();
  window.addEventListener("resize", () => drawTimeline(visibleEvents()));
  const m = /^#select=(.+)$/.exec(location.hash);
  if (m) select(decodeURIComponent(m[1]));
  window.kgExplorer = { select: select, nodeCount: () => nodeEls.size, state: state, ready: true };
  document.body.setAttribute("data-ready", "true");
})();
