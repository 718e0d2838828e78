// Dome's live map: alert areas turning red with their countdown, rockets, interceptors, tracks and impact
// forecasts from the drill server's /api/stream, and a side panel of active alerts as the alert apps show them.
// Everything is served by `dome serve`; nothing is fetched from the internet.
'use strict';

const RED = '#d32f2f';
const AMBER = '#f9a825';
const map = L.map('map', { zoomControl: true, preferCanvas: false }).setView([31.6, 34.8], 9);
const areaLayers = new Map();      // area id -> Leaflet polygon
const areaInfo = new Map();        // area id -> properties
const alerted = new Map();         // area id -> { issued: ms, countdown: s, kind }
const activeMessages = new Map();  // message id -> message (while it is in Alerts.json)
const skyLayer = L.layerGroup().addTo(map);
const eventLayer = L.layerGroup().addTo(map);
let scenario = null;
let batteryMarkers = new Map();
let batteryLoaded = new Map();
let lastMetrics = null;
let simT = 0;
let speed = 1;

// Basemap: Natural Earth countries (world-atlas), drawn from a local file.
fetch('vendor/world-atlas/countries-10m.json').then(r => r.json()).then(topo => {
  L.geoJSON(topojson.feature(topo, topo.objects.countries), {
    style: { color: '#8c8c8c', weight: 1, fillColor: '#efe9dc', fillOpacity: 1 }, interactive: false,
  }).addTo(map).bringToBack();
});

// The alert areas, as the Home Front Command defines them.
const areasReady = fetch('api/areas.geojson').then(r => r.json()).then(geo => {
  L.geoJSON(geo, {
    style: { color: '#6d7a86', weight: 0.6, fillColor: '#90a4ae', fillOpacity: 0.08 },
    onEachFeature: (f, layer) => {
      areaLayers.set(f.id, layer);
      areaInfo.set(f.id, f.properties);
      layer.bindTooltip(`${f.properties.name}<br>${f.properties.name_en}<br>time to shelter ${f.properties.countdown_s} s`, { sticky: true });
      layer.on('add', () => {
        const el = layer.getElement();
        if (el) { el.classList.add('area', `area-${f.id}`); el.dataset.name = f.properties.name; }
      });
    },
  }).addTo(map);
  document.getElementById('map').dataset.areas = String(areaLayers.size);
});

function paintArea(id) {
  const layer = areaLayers.get(id);
  if (!layer) return;
  const a = alerted.get(id);
  const el = layer.getElement();
  if (a) {
    layer.setStyle({ fillColor: a.kind === 'alert' ? RED : AMBER, fillOpacity: 0.55, color: a.kind === 'alert' ? RED : AMBER, weight: 1.5 });
    if (el) { el.classList.add('alerted'); el.dataset.kind = a.kind; }
  } else {
    layer.setStyle({ fillColor: '#90a4ae', fillOpacity: 0.08, color: '#6d7a86', weight: 0.6 });
    layer.unbindTooltip();
    const p = areaInfo.get(id);
    layer.bindTooltip(`${p.name}<br>${p.name_en}<br>time to shelter ${p.countdown_s} s`, { sticky: true });
    if (el) { el.classList.remove('alerted'); delete el.dataset.kind; }
  }
}

function onMessage(m) {
  if (m.kind === 'event_over') {
    for (const a of m.areas) { alerted.delete(a.id); paintArea(a.id); }
  } else {
    for (const a of m.areas) {
      const prev = alerted.get(a.id);
      if (m.kind === 'alert' || !prev || prev.kind !== 'alert') {
        alerted.set(a.id, { issued: Date.parse(m.issued_utc), countdown: a.countdown_s, kind: m.kind, until: Date.parse(m.issued_utc) + 600000 });
      }
      paintArea(a.id);
    }
  }
  activeMessages.set(m.id, m);
  renderAlerts();
}

function israelTime(ms) {
  return new Date(ms).toLocaleTimeString('en-GB', { timeZone: 'Asia/Jerusalem', hour12: false });
}

function renderAlerts() {
  const now = Date.now();
  for (const [id, m] of activeMessages) if (Date.parse(m.expires_utc) <= now) activeMessages.delete(id);
  for (const [id, a] of alerted) if (a.until <= now && a.kind !== 'alert') { alerted.delete(id); paintArea(id); }
  const list = document.getElementById('alerts');
  const rows = [];
  const seen = new Set();
  for (const m of [...activeMessages.values()].reverse()) {
    if (m.kind === 'event_over') continue;
    for (const a of m.areas) {
      if (seen.has(a.id)) continue;
      seen.add(a.id);
      const issued = Date.parse(m.issued_utc);
      const left = Math.max(0, Math.ceil(a.countdown_s - (now - issued) / 1000 * speedForSource(m)));
      rows.push(`<li class="${m.kind === 'alert' ? 'alert' : 'update'}" data-area="${a.id}"><span class="name">${escapeHtml(a.name)}</span>` +
        `<span class="countdown">${m.kind === 'alert' ? (left > 0 ? left + ' s' : 'shelter') : 'pre-alert'}</span>` +
        `<span class="name-en">${escapeHtml(a.name_en)} · ${a.countdown_s} s to shelter</span><span class="time">${israelTime(issued)}</span></li>`);
    }
  }
  list.innerHTML = rows.join('');
  document.getElementById('alert-count').textContent = String(rows.length);
  for (const [id, a] of alerted) {
    const layer = areaLayers.get(id);
    if (!layer || a.kind !== 'alert') continue;
    const left = Math.max(0, Math.ceil(a.countdown - (now - a.issued) / 1000 * speed));
    const text = left > 0 ? `${left} s` : 'shelter';
    if (layer.getTooltip() && layer.getTooltip().options.className === 'area-countdown') layer.setTooltipContent(text);
    else { layer.unbindTooltip(); layer.bindTooltip(text, { permanent: true, direction: 'center', className: 'area-countdown' }).openTooltip(); }
  }
  declutterLabels();
}

// Countdown labels of neighbouring areas overlap in dense cities (Gush Dan has dozens of areas within a few km): the
// most urgent label (least time left, then the earliest alert) keeps its place and any label that would overlap one
// already shown is hidden until zooming in makes room. The polygons stay red and the panel lists every area.
function declutterLabels() {
  const now = Date.now();
  const labels = [];
  for (const [id, a] of alerted) {
    const tip = a.kind === 'alert' ? areaLayers.get(id)?.getTooltip() : null;
    const el = tip && tip.options.className === 'area-countdown' ? tip.getElement() : null;
    if (!el) continue;
    // visibility does not change the layout, so every box is measured before any label is shown or hidden
    labels.push({ el, rect: el.getBoundingClientRect(), left: a.countdown - (now - a.issued) / 1000 * speed, issued: a.issued });
  }
  labels.sort((x, y) => x.left - y.left || x.issued - y.issued);
  const shown = [];
  for (const l of labels) {
    const r = l.rect;
    const hide = shown.some(s => r.left < s.right && s.left < r.right && r.top < s.bottom && s.top < r.bottom);
    l.el.classList.toggle('label-hidden', hide);
    if (!hide) shown.push(r);
  }
}
map.on('zoomend moveend', declutterLabels);

function speedForSource(m) { return m.source === 'operator' ? 1 : speed; }

function escapeHtml(s) {
  return String(s ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

function onState(s) {
  speed = s.speed || 1;
  const title = document.getElementById('scenario');
  if (!s.scenario) { title.textContent = `no scenario playing (${s.state})`; return; }
  title.textContent = `${s.scenario.name} — ${s.state}, ×${speed}`;
  title.title = s.scenario.description || '';
  if (!scenario || scenario.name !== s.scenario.name || s.run_id !== scenario.run_id) {
    scenario = { ...s.scenario, run_id: s.run_id };
    for (const m of batteryMarkers.values()) m.remove();
    batteryMarkers = new Map();
    for (const b of s.scenario.batteries) {
      batteryLoaded.set(b.id, b.capacity);
      batteryMarkers.set(b.id, L.circleMarker([b.lat, b.lon], { radius: 7, color: '#1565c0', fillColor: '#42a5f5', fillOpacity: 1, weight: 2 })
        .bindTooltip(b.id).addTo(map));
    }
    for (const r of s.scenario.radars) {
      L.circleMarker([r.lat, r.lon], { radius: 5, color: '#37474f', fillColor: '#eceff1', fillOpacity: 1, weight: 2 }).bindTooltip(`radar ${r.id}`).addTo(map);
    }
  }
  if (s.metrics) renderMetrics(s.metrics);
  renderBatteries();
  if (Array.isArray(s.active)) for (const m of s.active) onMessage(m);
}

function renderMetrics(m) {
  lastMetrics = m;
  const rows = [
    ['rockets launched', m.launched], ['impacts', m.impacts], ['intercepted', m.intercepted],
    ['interceptors fired', m.interceptors_fired], ['tracks confirmed', m.tracks_confirmed],
    ['area alerts', m.area_alerts], ['areas in shelter', m.areas_in_shelter],
  ];
  for (const [k, v] of Object.entries(m.impacts_by_class || {})) rows.push([`impacts: ${k}`, v]);
  document.getElementById('metrics').innerHTML = rows.map(([k, v]) => `<tr><td>${k}</td><td>${v}</td></tr>`).join('');
}

function renderBatteries() {
  if (!scenario) return;
  document.getElementById('batteries').innerHTML = scenario.batteries.map(b => {
    const loaded = batteryLoaded.get(b.id) ?? b.capacity;
    const pct = b.capacity ? Math.round(100 * loaded / b.capacity) : 0;
    return `<li>${escapeHtml(b.id)}: ${loaded} / ${b.capacity} ready<div class="bar"><div style="width:${pct}%"></div></div></li>`;
  }).join('');
}

// The region holding the impact with probability c: the bivariate normal's ellipse at k = sqrt(-2 ln(1 - c)) sigmas,
// traced through the Cholesky factor of [[sE², ρ sE sN], [ρ sE sN, sN²]].
function ellipse(lat, lon, sigmaE, sigmaN, rho, k) {
  const pts = [];
  const mPerDegLat = 111320, mPerDegLon = 111320 * Math.cos(lat * Math.PI / 180);
  const r = Math.max(-0.999, Math.min(0.999, rho || 0));
  for (let i = 0; i < 48; i++) {
    const t = i / 48 * 2 * Math.PI;
    const east = k * sigmaE * Math.cos(t);
    const north = k * sigmaN * (r * Math.cos(t) + Math.sqrt(1 - r * r) * Math.sin(t));
    pts.push([lat + north / mPerDegLat, lon + east / mPerDegLon]);
  }
  return pts;
}

function onPicture(p) {
  simT = p.t;
  document.getElementById('clock').textContent = `simulated time ${p.t.toFixed(0)} s`;
  skyLayer.clearLayers();
  for (const f of p.forecasts) {
    // The 95% region: k = sqrt(-2 ln 0.05) = 2.45 standard deviations.
    L.polygon(ellipse(f.lat, f.lon, f.sigma_east_m, f.sigma_north_m, f.rho_en, 2.45), { color: '#6a1b9a', weight: 1, fillOpacity: 0.1, interactive: false }).addTo(skyLayer);
  }
  for (const [id, label, lat, lon, alt] of p.tracks) {
    L.circleMarker([lat, lon], { radius: 6, color: '#6a1b9a', weight: 1.5, fill: false }).bindTooltip(`track ${id}, ${alt} m`).addTo(skyLayer);
  }
  for (const [id, type, lat, lon, alt] of p.rockets) {
    L.circleMarker([lat, lon], { radius: 3, color: '#b71c1c', fillColor: '#ff5252', fillOpacity: 1, weight: 1 }).bindTooltip(`rocket ${id} (${type}), ${alt} m`).addTo(skyLayer);
  }
  for (const [id, battery, lat, lon, alt] of p.interceptors) {
    L.circleMarker([lat, lon], { radius: 3, color: '#0d47a1', fillColor: '#64b5f6', fillOpacity: 1, weight: 1 }).bindTooltip(`interceptor ${id} (${battery}), ${alt} m`).addTo(skyLayer);
  }
  for (const b of p.batteries) batteryLoaded.set(b.id, b.loaded);
  renderBatteries();
  if (p.metrics) renderMetrics(p.metrics);
}

function mark(lat, lon, color, text) {
  const m = L.circleMarker([lat, lon], { radius: 5, color, weight: 2, fill: false }).bindTooltip(text).addTo(eventLayer);
  setTimeout(() => eventLayer.removeLayer(m), 60000);
}

areasReady.then(() => fetch('api/state')).then(r => r.json()).then(onState).then(() => {
  const stream = new EventSource('api/stream');
  stream.addEventListener('state', e => onState(JSON.parse(e.data)));
  stream.addEventListener('picture', e => onPicture(JSON.parse(e.data)));
  for (const kind of ['alert', 'pre_alert', 'event_over']) stream.addEventListener(kind, e => onMessage(JSON.parse(e.data)));
  stream.addEventListener('impact', e => { const d = JSON.parse(e.data); mark(d.lat, d.lon, '#212121', `impact of rocket ${d.rocket} (${d.class})`); });
  stream.addEventListener('intercept', e => { const d = JSON.parse(e.data); mark(d.lat, d.lon, '#1565c0', `interception, ${d.alt_m} m`); });
  stream.onopen = () => { document.body.dataset.stream = 'open'; };
  setInterval(renderAlerts, 500);
});
