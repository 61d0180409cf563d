// A small driver of Debian's Chromium for the Java browser tests (DashboardBrowserIT): one JSON
// command per line on standard input, one JSON answer per line on standard output. Each `open`
// starts a fresh browser profile, so no cookie or cache survives from one open to the next, and
// lets the page reach nothing but the dashboard's own origin: every other request is refused and
// recorded, which is how the tests show that the page needs no network.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync',
];

let context = null;
let page = null;
let profile = null;
let seen = { requests: [], blocked: [], errors: [] };

async function closeBrowser() {
  if (context) await context.close();
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
  context = null;
  page = null;
  profile = null;
}

async function open({ url, clock, width = 1280, height = 900 }) {
  await closeBrowser();
  seen = { requests: [], blocked: [], errors: [] };
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'iotsys-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
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
    commands.waitForFunction({ expression: `!!document.querySelector(${JSON.stringify(selector)})`, timeout }),
  // Polled from here: Playwright's own waitForFunction evaluates a string inside the page, which
  // the dashboard's Content-Security-Policy (no 'unsafe-eval') rightly refuses.
  waitForFunction: async ({ expression, timeout = 30000 }) => {
    const deadline = Date.now() + timeout;
    for (;;) {
      if (await page.evaluate(expression)) return true;
      if (Date.now() > deadline) throw new Error(`still false after ${timeout} ms: ${expression}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  },
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
  try {
    const command = JSON.parse(line);
    const run = commands[command.op];
    if (!run) throw new Error(`no such command: ${command.op}`);
    answer = { ok: true, value: (await run(command)) ?? null };
  } catch (e) {
    answer = { ok: false, error: String(e && e.message ? e.message : e) };
  }
  process.stdout.write(JSON.stringify(answer) + '\n');
}
await closeBrowser();
