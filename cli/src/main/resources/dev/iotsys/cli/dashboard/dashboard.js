// The iotsys dashboard: a fleet view and a sensor view, drawn from the server's JSON. Nothing here
// writes: every request is a GET. Text from the server always goes in as text, never as markup.
'use strict';

const REFRESH_MS = 60_000;
const WINDOWS = ['24h', '7d', '30d', '365d'];
const WINDOW_NAMES = { '24h': '24 h', '7d': '7 days', '30d': '30 days', '365d': '365 days' };
const HEALTH_NAMES = {
  'on-time': 'on time', late: 'late', silent: 'silent', 'never-seen': 'never seen', unknown: 'unknown',
};
const HEALTH_ORDER = ['on-time', 'late', 'silent', 'never-seen', 'unknown'];

// What the tests and a curious reader can look at: the charts drawn, and how often data came.
const state = (window.iotsysDashboard = {
  charts: {}, loads: 0, view: null, asOf: null, fetchedAt: null, busy: false,
});

const view = document.getElementById('view');
const freshness = document.getElementById('freshness');
const errorBox = document.getElementById('error');

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const clockFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

function age(seconds) {
  if (seconds < 0) seconds = 0;
  if (seconds < 60) return `${Math.floor(seconds)} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} days ago`;
}

/** Seconds from the reading to now, counted on the server's clock at asOf and ours since. */
function ageOf(iso) {
  const sinceFetch = (Date.now() - state.fetchedAt) / 1000;
  return (Date.parse(state.asOf) - Date.parse(iso)) / 1000 + sinceFetch;
}

function withUnit(value, unit) {
  return value === null || value === undefined ? '–' : unit ? `${value} ${unit}` : `${value}`;
}

function showError(message) {
  errorBox.textContent = message;
  errorBox.hidden = !message;
}

async function getJson(url) {
  let response;
  try {
    response = await fetch(url, { credentials: 'same-origin', cache: 'no-store' });
  } catch (e) {
    throw new Error('The dashboard does not answer: is "iotsys dashboard" still running?');
  }
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    body = null;
  }
  if (!response.ok) {
    if (body && body.error) throw new Error('iotsys: ' + body.error.message);
    if (response.status === 401 || response.status === 403) {
      throw new Error('Refused: open the dashboard again with the URL "iotsys dashboard" printed');
    }
    throw new Error(`The dashboard answered ${response.status}`);
  }
  return body;
}

function tick() {
  if (!state.asOf) return;
  const seconds = (Date.now() - state.fetchedAt) / 1000;
  freshness.textContent = `Data from ${clockFormat.format(new Date(state.asOf))} (${age(seconds)})`;
  freshness.title = `Read from AWS at ${timeFormat.format(new Date(state.asOf))}; refreshes every minute`;
  for (const node of view.querySelectorAll('[data-age]')) {
    node.textContent = age(ageOf(node.dataset.age));
  }
}

// ---- the fleet

function sparkline(t, v, from, to, index) {
  const width = 88;
  const height = 28;
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('class', `spark s${index % 4}`);
  svg.setAttribute('width', width);
  svg.setAttribute('height', height);
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('data-points', String(v.length));
  if (v.length === 0) return svg;
  let lo = Math.min(...v);
  let hi = Math.max(...v);
  if (hi === lo) { hi += 1; lo -= 1; }
  const points = v.map((value, i) => {
    const x = ((t[i] - from) / (to - from)) * (width - 2) + 1;
    const y = height - 2 - ((value - lo) / (hi - lo)) * (height - 4);
    return `${x.toFixed(1)},${y.toFixed(1)}`;
  });
  if (points.length === 1) {
    const [x, y] = points[0].split(',');
    const dot = document.createElementNS('http://www.w3.org/2000/svg', 'circle');
    dot.setAttribute('cx', x);
    dot.setAttribute('cy', String(height / 2));
    dot.setAttribute('r', '2.5');
    svg.append(dot);
    return svg;
  }
  const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
  line.setAttribute('points', points.join(' '));
  svg.append(line);
  return svg;
}

function alarmText(a) {
  if (a.kind === 'silent') return 'silence alarm';
  return [a.measure, a.kind, a.threshold].filter((x) => x !== null && x !== undefined).join(' ');
}

function certificate(certs) {
  if (certs.length === 0) return el('span', { class: 'cert none', text: 'none' });
  const first = certs[0].status;
  const more = certs.length > 1 ? ` +${certs.length - 1}` : '';
  return el('span', {
    class: `cert ${first === 'ACTIVE' && certs.length === 1 ? 'active' : 'other'}`,
    title: certs.map((c) => `${c.id} ${c.status}`).join('\n'),
    text: first + more,
  });
}

// The rows come first (each sensor's newest reading); while its last day is read, each sparkline's
// place is kept by an empty box of its size.
function sparkPending() {
  return el('span', { class: 'spark pending', title: 'the last 24 hours are being read' });
}

function renderFleet(fleet) {
  const to = Date.parse(fleet.asOf) / 1000;
  const from = to - 86400;
  const counts = {};
  for (const s of fleet.sensors) counts[s.health] = (counts[s.health] || 0) + 1;
  const tiles = [el('div', { class: 'tile' }, el('b', { text: fleet.sensors.length }), el('span', { text: 'sensors' }))];
  for (const h of HEALTH_ORDER) {
    if (counts[h]) {
      tiles.push(el('div', { class: `tile ${h}` }, el('b', { text: counts[h] }), el('span', { text: HEALTH_NAMES[h] })));
    }
  }
  const alarms = fleet.sensors.reduce((n, s) => n + s.alarms.length, 0);
  if (alarms) {
    tiles.push(el('div', { class: 'tile silent' }, el('b', { text: alarms }), el('span', { text: 'alarms in ALARM' })));
  }
  const parts = [el('div', { class: 'summary' }, tiles)];
  if (fleet.notes.length) parts.push(el('ul', { class: 'notes' }, fleet.notes.map((n) => el('li', { text: n }))));
  const types = fleet.types.filter((t) => fleet.sensors.some((s) => s.type === t.id));
  for (const s of fleet.sensors) {
    if (!types.some((t) => t.id === s.type)) {
      types.push({ id: s.type, description: '', measures: s.measures.map((m) => ({ name: m.name, unit: m.unit })) });
    }
  }
  for (const type of types) {
    const sensors = fleet.sensors.filter((s) => s.type === type.id);
    const head = el('tr', {},
      el('th', { text: 'Sensor' }), el('th', { text: 'Health' }), el('th', { text: 'Last reading' }),
      type.measures.map((m) => el('th', { text: m.unit ? `${m.name} (${m.unit})` : m.name })),
      el('th', { text: 'Certificate' }), el('th', { text: 'Alarms' }));
    const rows = sensors.map((s) => el('tr', { 'data-sensor': s.name },
      el('td', { class: 'name' }, el('a', { href: `#/sensor/${encodeURIComponent(s.name)}`, text: s.name })),
      el('td', {}, el('span', {
        class: `badge ${s.health}`,
        title: `a reading is expected every ${Math.round(s.expectedIntervalSeconds / 60)} min; silent after ${Math.round(s.silentAfterSeconds / 60)} min without one`,
        text: HEALTH_NAMES[s.health] || s.health,
      })),
      el('td', { class: 'age' }, s.lastReading
        ? el('span', { 'data-age': s.lastReading, title: timeFormat.format(new Date(s.lastReading)), text: age(ageOf(s.lastReading)) })
        : el('span', { class: 'muted', text: 'none in 30 days' }),
        s.dropped24h > 0
          ? el('small', { class: 'dropped', title: 'readings the board dropped in the last 24 h: its buffer was full while it could not connect', text: ` · ${s.dropped24h} dropped` })
          : null),
      s.measures.map((m, i) => el('td', { 'data-measure': m.name },
        el('div', { class: 'measure' },
          el('span', { class: 'value' }, m.last === null ? el('span', { class: 'muted', text: '–' }) : m.last,
            m.last === null || !m.unit ? null : el('small', { text: ` ${m.unit}` })),
          fleet.lastDay ? sparkPending() : sparkline(m.t, m.v, from, to, i)))),
      el('td', {}, certificate(s.certificates)),
      el('td', {}, s.alarms.length
        ? s.alarms.map((a) => el('span', { class: 'badge alarm', title: a.name, text: alarmText(a) }))
        : el('span', { class: 'muted', text: '–' }))));
    parts.push(el('section', { class: 'type', 'data-type': type.id },
      el('h2', {}, type.id, type.description ? el('small', { text: type.description }) : null),
      el('table', {}, el('thead', {}, head), el('tbody', {}, rows))));
  }
  if (fleet.sensors.length === 0) {
    parts.push(el('section', { class: 'type' }, el('p', { class: 'empty', text: 'No sensors yet: add one with "iotsys sensor add".' })));
  }
  view.replaceChildren(...parts);
}

// ---- a sensor

function parseRoute() {
  const hash = decodeURIComponent(location.hash.replace(/^#/, '')) || '/';
  const [path, query] = hash.split('?');
  const params = new URLSearchParams(query || '');
  const m = path.match(/^\/sensor\/([^/]+)$/);
  if (m) return { view: 'sensor', sensor: m[1], params };
  return { view: 'fleet' };
}

function seriesQuery(params) {
  if (params.get('from') && params.get('to')) {
    return `from=${encodeURIComponent(params.get('from'))}&to=${encodeURIComponent(params.get('to'))}`;
  }
  const w = WINDOWS.includes(params.get('window')) ? params.get('window') : '24h';
  return `window=${w}`;
}

function localInput(iso) {
  const d = new Date(iso);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const COLORS = ['#2563eb', '#db2777', '#0d9488', '#7c3aed'];

// Tick labels in 24-hour time and day-month order, whatever the browser's locale says of AM/PM:
// uPlot's table of [tick spacing, label, then the label's second line when the year, month,
// day, hour, minute or second changes].
const TIME_AXIS = [
  [3600 * 24 * 365, '{YYYY}', null, null, null, null, null, null, 1],
  [3600 * 24 * 28, '{MMM}', '\n{YYYY}', null, null, null, null, null, 1],
  [3600 * 24, '{D} {MMM}', '\n{YYYY}', null, null, null, null, null, 1],
  [3600, '{HH}:{mm}', '\n{D} {MMM} {YYYY}', null, '\n{D} {MMM}', null, null, null, 1],
  [60, '{HH}:{mm}', '\n{D} {MMM} {YYYY}', null, '\n{D} {MMM}', null, null, null, 1],
  [1, '{HH}:{mm}:{ss}', '\n{D} {MMM} {YYYY}', null, '\n{D} {MMM}', null, null, null, 1],
];

function chart(container, m, index, from, to) {
  if (state.charts[m.name]) state.charts[m.name].destroy();
  delete state.charts[m.name];
  container.replaceChildren();
  if (m.t.length === 0) {
    container.append(el('div', { class: 'empty', text: 'no readings in this window' }));
    return;
  }
  const width = Math.max(300, container.clientWidth || 800);
  const opts = {
    width,
    height: 240,
    scales: { x: { time: true, range: () => [from, to] } },
    series: [
      { value: (u, v) => (v === null ? '–' : timeFormat.format(new Date(v * 1000))) },
      {
        label: m.unit ? `${m.name} (${m.unit})` : m.name,
        stroke: COLORS[index % COLORS.length],
        width: 1.5,
        points: { show: m.t.length <= 150 },
        value: (u, v) => (v === null ? '–' : withUnit(v, m.unit)),
      },
    ],
    axes: [{ grid: { stroke: '#eef0f3' }, values: TIME_AXIS }, { size: 60, grid: { stroke: '#eef0f3' } }],
    cursor: { drag: { x: false, y: false } },
  };
  state.charts[m.name] = new uPlot(opts, [m.t, m.v], container);
}

function renderSensor(route, series, health) {
  const params = route.params;
  const from = Date.parse(series.from) / 1000;
  const to = Date.parse(series.to) / 1000;
  const current = params.get('from') ? null : seriesQuery(params).slice('window='.length);
  const go = (p) => { location.hash = `#/sensor/${encodeURIComponent(route.sensor)}?${p}`; };
  const fromInput = el('input', { type: 'datetime-local', name: 'from', value: localInput(series.from) });
  const toInput = el('input', { type: 'datetime-local', name: 'to', value: localInput(series.to) });
  const controls = el('div', { class: 'controls' },
    el('div', { class: 'windows', role: 'group', 'aria-label': 'window' },
      WINDOWS.map((w) => el('button', {
        type: 'button', 'data-window': w, 'aria-pressed': String(w === current),
        onclick: () => go(`window=${w}`), text: WINDOW_NAMES[w],
      }))),
    el('label', {}, 'from ', fromInput),
    el('label', {}, 'to ', toInput),
    el('button', {
      type: 'button', class: 'apply',
      onclick: () => {
        if (!fromInput.value || !toInput.value) return;
        go(`from=${new Date(fromInput.value).toISOString()}&to=${new Date(toInput.value).toISOString()}`);
      },
      text: 'Show',
    }),
    el('a', {
      class: 'csv', download: '', href: `/api/sensors/${encodeURIComponent(route.sensor)}/readings.csv?${seriesQuery(params)}`,
      text: 'Download CSV',
    }));
  const cards = series.measures.map((m) => {
    const box = el('div', { class: 'chart', 'data-measure': m.name });
    return {
      m, box,
      card: el('div', { class: 'chart-card', 'data-measure': m.name },
        el('h3', { text: m.unit ? `${m.name} (${m.unit})` : m.name }),
        el('div', { class: 'stats' },
          el('span', {}, 'min ', el('b', { text: withUnit(m.min, m.unit) })),
          el('span', {}, 'max ', el('b', { text: withUnit(m.max, m.unit) })),
          el('span', {}, 'average ', el('b', { text: m.average === null ? '–' : withUnit(Number(m.average).toFixed(2), m.unit) })),
          el('span', {}, el('b', { text: m.count.toLocaleString() }), ' readings')),
        m.reduced ? el('p', { class: 'reduced', text: `${m.v.length.toLocaleString()} of ${m.count.toLocaleString()} readings drawn: each time slice's lowest and highest` }) : null,
        box),
    };
  });
  const measures = series.measures.map((m) => m.name);
  const units = Object.fromEntries(series.measures.map((m) => [m.name, m.unit]));
  const newest = el('div', { class: 'newest' },
    el('h2', { text: 'Newest readings' }),
    series.newest.length === 0
      ? el('p', { class: 'empty muted', text: 'none in this window' })
      : el('table', {},
        el('thead', {}, el('tr', {}, el('th', { text: 'Time' }), measures.map((m) => el('th', { class: 'num', text: units[m] ? `${m} (${units[m]})` : m })))),
        el('tbody', {}, series.newest.map((r) => el('tr', {},
          el('td', { text: timeFormat.format(new Date(r.time)) }),
          measures.map((m) => el('td', { class: 'num', text: r.values[m] ?? '–' })))))));
  const head = el('div', { class: 'sensor-head' },
    el('h1', { text: series.sensor }),
    el('span', { class: 'muted', text: series.type }),
    health ? el('span', { class: `badge ${health.health}`, text: HEALTH_NAMES[health.health] }) : null,
    health && health.lastReading ? el('span', { class: 'muted' }, 'last reading ', el('span', { 'data-age': health.lastReading, text: age(ageOf(health.lastReading)) })) : null,
    series.truncated ? el('span', { class: 'badge late', text: 'window too long: only its newest readings are drawn' }) : null);
  view.replaceChildren(
    el('a', { class: 'back', href: '#/', text: '← all sensors' }),
    head, controls, el('div', { class: 'charts' }, cards.map((c) => c.card)), newest);
  cards.forEach((c, i) => chart(c.box, c.m, i, from, to));
}

// ---- loading

async function load() {
  if (state.busy) return;
  state.busy = true;
  const started = location.hash;
  const route = parseRoute();
  try {
    if (route.view === 'sensor') {
      // The health shown is the fleet view's, when it was open before: a sensor view reads only
      // its own readings, however large the fleet.
      const series = await getJson(`/api/sensors/${encodeURIComponent(route.sensor)}/series?${seriesQuery(route.params)}`);
      state.asOf = series.asOf;
      state.fetchedAt = Date.now();
      renderSensor(route, series, state.fleet && state.fleet.sensors.find((s) => s.name === route.sensor));
    } else {
      let fleet = await getJson('/api/fleet');
      state.fleet = fleet;
      state.asOf = fleet.asOf;
      state.fetchedAt = Date.now();
      renderFleet(fleet);
      view.dataset.rows = String((Number(view.dataset.rows) || 0) + 1);
      if (fleet.lastDay) {
        fleet = await getJson(fleet.lastDay);
        if (parseRoute().view !== 'fleet') return;
        state.fleet = fleet;
        state.asOf = fleet.asOf;
        state.fetchedAt = Date.now();
        renderFleet(fleet);
      }
    }
    state.view = route.view;
    state.loads += 1;
    view.dataset.loads = String(state.loads);
    view.dataset.shows = route.view === 'sensor' ? `${route.sensor}?${seriesQuery(route.params)}` : 'fleet';
    showError('');
    tick();
  } catch (e) {
    showError(e.message);
    if (!state.asOf) freshness.textContent = 'no data';
  } finally {
    state.busy = false;
    // The route changed while this one loaded (the fleet's last day takes a while): load that.
    if (location.hash !== started) load();
  }
}

window.addEventListener('hashchange', load);
window.addEventListener('resize', () => {
  for (const [name, u] of Object.entries(state.charts)) {
    const box = view.querySelector(`.chart[data-measure="${CSS.escape(name)}"]`);
    if (box) u.setSize({ width: Math.max(300, box.clientWidth), height: 240 });
  }
});
setInterval(() => {
  // A window with a fixed end shows the same readings a minute later: nothing to read again.
  const route = parseRoute();
  if (route.view === 'fleet' || !route.params.get('to')) load();
}, REFRESH_MS);
setInterval(tick, 1000);
load();
