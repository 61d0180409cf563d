// A small driver of Debian's Chromium for the Java browser tests (DashboardBrowserIT): one JSON
// command per line on standard input, one JSON answer per line on standard output. Each `open`
// starts a fresh browser profile, so no cookie or cache survives from one open to the next, and
// lets the page reach nothing but the dashboard's own origin: every other request is refused and
// recorded, which is how the tests show that the page needs no network.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { launch, until } from './chromium.mjs';

let context = null;
let page = null;
let seen = { requests: [], blocked: [], errors: [] };

async function closeBrowser() {
  if (context) await context.close();
  context = null;
  page = null;
}

async function open({ url, clock, width = 1280, height = 900 }) {
  await closeBrowser();
  seen = { requests: [], blocked: [], errors: [] };
  context = await launch({
    timezoneId: 'UTC',
    locale: 'en-GB',
    viewport: { width, height },
    acceptDownloads: true,
  });
  const origin = new URL(url).origin;
  await context.route('**/*', (route) => {
    const target = route.request().url();
    if (target.startsWith(origin + '/') || target === origin) {
      seen.requests.push(target.slice(origin.length));
      return route.continue();
    }
    seen.blocked.push(target);
    return route.abort('internetdisconnected');
  });
  if (clock) await context.clock.install();
  page = context.pages()[0] || (await context.newPage());
  page.on('console', (m) => { if (m.type() === 'error') seen.errors.push(m.text()); });
  page.on('pageerror', (e) => seen.errors.push(String(e)));
  const response = await page.goto(url);
  return { status: response ? response.status() : null, url: page.url() };
}

const commands = {
  open,
  waitFor: async ({ selector, timeout = 30000 }) =>
    until(page, `!!document.querySelector(${JSON.stringify(selector)})`, timeout),
  waitForFunction: async ({ expression, timeout = 30000 }) => until(page, expression, timeout),
  eval: async ({ expression }) => page.evaluate(expression),
  click: async ({ selector }) => { await page.click(selector); return true; },
  fill: async ({ selector, value }) => { await page.fill(selector, value); return true; },
  screenshot: async ({ file, fullPage = true }) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file, fullPage });
    return file;
  },
  fastForward: async ({ ms }) => { await page.clock.fastForward(ms); return true; },
  seen: async () => seen,
  close: async () => { await closeBrowser(); return true; },
};

const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  let answer;
  const started = Date.now();
  try {
    const command = JSON.parse(line);
    const run = commands[command.op];
    if (!run) throw new Error(`no such command: ${command.op}`);
    answer = { ok: true, value: (await run(command)) ?? null };
  } catch (e) {
    answer = { ok: false, error: String(e && e.message ? e.message : e) };
  }
  // How long each command took, for a slow test's log (target/browser-bridge.log).
  process.stderr.write(`${Date.now() - started} ms ${line.slice(0, 120)}\n`);
  process.stdout.write(JSON.stringify(answer) + '\n');
}
await closeBrowser();
