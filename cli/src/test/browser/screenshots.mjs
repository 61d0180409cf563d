// For `make screenshots` (scripts/dashboard-screenshots.sh): the README's pictures of a running
// dashboard. Usage: node screenshots.mjs URL SENSOR OUTDIR
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [url, sensor, out] = process.argv.slice(2);
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'iotsys-shots-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'],
  viewport: { width: 1280, height: 800 },
  locale: 'en-GB',
  timezoneId: 'UTC',
});
const until = async (page, expression) => {
  for (let i = 0; i < 3000 && !(await page.evaluate(expression)); i++) await new Promise((r) => setTimeout(r, 20));
};
try {
  const page = context.pages()[0] || (await context.newPage());
  await page.goto(url);
  await until(page, "document.getElementById('view').dataset.shows === 'fleet'");
  await page.screenshot({ path: path.join(out, 'dashboard-fleet.png'), fullPage: true });
  await page.evaluate((s) => { location.hash = `#/sensor/${s}?window=7d`; }, sensor);
  await until(page, `document.getElementById('view').dataset.shows === '${sensor}?window=7d'`);
  await page.screenshot({ path: path.join(out, 'dashboard-sensor.png'), fullPage: true });
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
