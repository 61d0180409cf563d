// For scripts/bench_dashboard.py: opens a dashboard URL in Debian's Chromium (a fresh profile each
// time, so each run is a first visit: the token, the cookie, the page, the data) and prints, as one
// JSON line, the milliseconds from navigation to the moment the view is fully drawn, and what the
// data request shipped. Usage: node measure.mjs URL (fleet|sensor) EXPECTED
//   fleet: rows when the table holds EXPECTED sensor rows (each with its last value, age, health,
//     certificate and alarms); drawn when every row has its sparklines too
//   sensor: URL ends in #/sensor/NAME?window=W; drawn when every measure's chart is
import { launch } from './chromium.mjs';

const [url, what, expected] = process.argv.slice(2);
const context = await launch({ viewport: { width: 1280, height: 900 } });
try {
  const page = context.pages()[0] || (await context.newPage());
  const data = [];
  page.on('response', async (r) => {
    if (r.url().includes('/api/')) {
      const body = await r.body().catch(() => Buffer.alloc(0));
      data.push({ path: new URL(r.url()).pathname + new URL(r.url()).search, bytes: body.length, json: body.toString() });
    }
  });
  const started = Date.now();
  await page.goto(url);
  const rowsDone = `document.querySelectorAll('tr[data-sensor]').length === ${Number(expected)}`;
  const done = what === 'fleet'
    ? `${rowsDone} && document.querySelectorAll('svg.spark').length >= ${Number(expected)}`
    : `document.getElementById('view').dataset.shows && document.querySelectorAll('.chart canvas').length === ${Number(expected)}`;
  const deadline = started + 1_800_000;
  let rowsMs = null;
  while (!(await page.evaluate(done))) {
    if (Date.now() > deadline) throw new Error('not drawn within 30 minutes');
    if (what === 'fleet' && rowsMs === null && (await page.evaluate(rowsDone))) rowsMs = Date.now() - started;
    await new Promise((r) => setTimeout(r, 20));
  }
  const drawnMs = Date.now() - started;
  if (rowsMs === null) rowsMs = drawnMs;
  // The rows' answer, then (fleet) the same read's last day; a response's body is read in its own
  // event handler: wait for the last one to be done.
  const first = (d) => (what === 'fleet' ? d.path === '/api/fleet' : d.path.startsWith('/api/sensors/'));
  const second = (d) => d.path.startsWith('/api/fleet/last-day');
  const lastOne = what === 'fleet' ? second : first;
  for (let i = 0; i < 250 && !data.some(lastOne); i++) await new Promise((r) => setTimeout(r, 20));
  const api = data.find(first);
  const doc = api ? JSON.parse(api.json) : null;
  const points = doc && doc.measures ? doc.measures.map((m) => m.v.length) : null;
  const dayApi = what === 'fleet' ? data.find(second) : null;
  const day = dayApi ? { bytes: dayApi.bytes, apiCalls: JSON.parse(dayApi.json).apiCalls } : null;
  console.log(JSON.stringify({
    rowsMs, drawnMs, bytes: api ? api.bytes : null, apiCalls: doc ? doc.apiCalls : null, points, read: doc ? doc.read : null,
    lastDay: day,
  }));
} finally {
  await context.close();
}
