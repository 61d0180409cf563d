// Debian's Chromium through playwright-core, the one way the tests, the benchmark and the
// screenshots start it: a fresh profile each time (no cookie or cache carried over), and the
// flags that keep a headless browser from calling home.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync',
];

/** A browser context of its own; close() also deletes its profile. */
export async function launch(options = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'iotsys-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ARGS,
    ...options,
  });
  const close = context.close.bind(context);
  context.close = async () => {
    await close();
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return context;
}

/** Polls an expression in the page until it is true: no string is evaluated inside the page's
 * own script context, which the dashboard's Content-Security-Policy (no 'unsafe-eval') refuses. */
export async function until(page, expression, timeout = 30000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await page.evaluate(expression)) return true;
    if (Date.now() > deadline) throw new Error(`still false after ${timeout} ms: ${expression}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
