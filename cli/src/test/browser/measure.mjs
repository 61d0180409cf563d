// For scripts/bench_dashboard.py: opens a dashboard URL in Debian's Chromium (a fresh profile each
// time, so each run is a first visit: the token, the cookie, the page, the data) and prints, as one
// JSON line, the milliseconds from navigation to the moment the view is fully drawn, and what the
// data request shipped. Usage: node measure.mjs URL (fleet|sensor) EXPECTED
//   fleet: drawn when the table holds EXPECTED sensor rows with their sparklines
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
  const done = what === 'fleet'
    ? `document.querySelectorAll('tr[data-sensor]').length === ${Number(expected)}`
      + ` && document.querySelectorAll('svg.spark').length >= ${Number(expected)}`
    : `document.getElementById('view').dataset.shows && document.querySelectorAll('.chart canvas').length === ${Number(expected)}`;
  const deadline = started + 1_800_000;
  while (!(await page.evaluate(done))) {
    if (Date.now() > deadline) throw new Error('not drawn within 30 minutes');
    await new Promise((r) => setTimeout(r, 20));
  }
  const drawnMs = Date.now() - started;
  const wanted = (d) => d.path.startsWith(what === 'fleet' ? '/api/fleet' : '/api/sensors/');
  // The response's body is read in its own event handler: wait for it to be done.
  for (let i = 0; i < 250 && !data.some(wanted); i++) await new Promise((r) => setTimeout(r, 20));
  const api = data.find(wanted);
  const doc = api ? JSON.parse(api.json) : null;
  const points = doc && doc.measures ? doc.measures.map((m) => m.v.length) : null;
  console.log(JSON.stringify({ drawnMs, bytes: api ? api.bytes : null, apiCalls: doc ? doc.apiCalls : null, points, read: doc ? doc.read : null }));
} finally {
  await context.close();
}
