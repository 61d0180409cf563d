// The payload fixtures that tie the firmware to the Java readers: firmware/fixtures/<type>-payloads.json,
// a JSON list of {"raw", "values", "payload"}, one entry a line. The firmware suite makes the
// entries by running the firmware's own code; the file must equal them, or is rewritten with
// UPDATE_FIXTURES=1.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIRMWARE_ROOT } from './board.mjs';

export const fixturePath = (type) => join(FIRMWARE_ROOT, 'fixtures', `${type}-payloads.json`);

export const fixtureText = (entries) => `[\n${entries.map((e) => JSON.stringify(e)).join(',\n')}\n]\n`;

/** Returns [committed text, expected text]; rewrites the file first when UPDATE_FIXTURES=1. */
export function compareFixture(type, entries) {
  const path = fixturePath(type);
  const text = fixtureText(entries);
  if (process.env.UPDATE_FIXTURES === '1') writeFileSync(path, text);
  return [existsSync(path) ? readFileSync(path, 'utf8') : `(no ${path}; run with UPDATE_FIXTURES=1)`, text];
}

/**
 * The exact decimal of num / den, for a den whose prime factors are 2 and 5 only: "21.0625",
 * "-0.0625", "125". BigInt arithmetic, so nothing is rounded on the way.
 */
export function exactDecimal(num, den) {
  let n = BigInt(num);
  let d = BigInt(den);
  const sign = n < 0n ? '-' : '';
  if (n < 0n) n = -n;
  let digits = 0;
  while (n % d !== 0n) {
    n *= 10n;
    digits++;
    if (digits > 40) throw new Error(`${num}/${den} has no finite decimal`);
  }
  const q = (n / d).toString().padStart(digits + 1, '0');
  return sign + (digits ? `${q.slice(0, -digits)}.${q.slice(-digits)}` : q);
}

// The payload rule of DEVICE-CONTRACT.md, written here independently of the firmware.

/** num / den in hundredths (BigInts, den > 0), rounded half away from zero (Java's HALF_UP). */
export function halfUp(num, den) {
  const n = (num < 0n ? -num : num) * 100n;
  const q = (2n * n + den) / (2n * den);
  return num < 0n ? -q : q;
}

/** Hundredths as the payload writes them: 2150n -> "21.5", 2100n -> "21.0", -5n -> "-0.05". */
export function hundredthsText(h) {
  const a = h < 0n ? -h : h;
  const s = `${h < 0n ? '-' : ''}${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`;
  return s.endsWith('0') ? s.slice(0, -1) : s;
}
