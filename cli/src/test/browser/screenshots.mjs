// For `make screenshots` (scripts/dashboard-screenshots.sh): the README's pictures of a running
// dashboard. Usage: node screenshots.mjs URL SENSOR OUTDIR
import path from 'node:path';
import { launch, until } from './chromium.mjs';

const [url, sensor, out] = process.argv.slice(2);
const context = await launch({ viewport: { width: 1280, height: 800 }, locale: 'en-GB', timezoneId: 'UTC' });
try {
  const page = context.pages()[0] || (await context.newPage());
  await page.goto(url);
  await until(page, "document.getElementById('view').dataset.shows === 'fleet'", 600000);
  await page.screenshot({ path: path.join(out, 'dashboard-fleet.png'), fullPage: true });
  await page.evaluate((s) => { location.hash = `#/sensor/${s}?window=7d`; }, sensor);
  await until(page, `document.getElementById('view').dataset.shows === '${sensor}?window=7d'`, 600000);
  await page.screenshot({ path: path.join(out, 'dashboard-sensor.png'), fullPage: true });
} finally {
  await context.close();
}
