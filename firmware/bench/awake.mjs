// Awake time and TLS handshakes per reading, on the host tests' virtual clock: every step charged
// what test/<type>/board.json's costs_ms says it costs on that board (sources in its
// costs_about), the firmware run unchanged in the real MicroPython interpreter. Prints a Markdown
// table for firmware/README.md and docs/benchmarks.md.
//
//   cd firmware && npm run bench
import { board, types, of, NTP_NOW } from '../testlib/board.mjs';

const handshakes = (boots) => boots.reduce((n, r) => n + of(r.events, 'mqtt_connect').length, 0);
const awake = (boots) => boots.reduce((ms, r) => ms + r.awake_ms, 0);
const published = (boots) => boots.reduce((n, r) => n + of(r.events, 'publish').length, 0);

async function steady(b, config, readings) {
  // The first wake-up after power-on also sets the clock by NTP; the ones measured come after it.
  const d = b.device({ config });
  await d.boot();
  const first = d.boots.length;
  while (published(d.boots.slice(first)) < readings) await d.boot();
  return d.boots.slice(first);
}

async function outage(b) {
  // Wi-Fi down for the hour of 12 readings, back a second before the 13th.
  const d = b.device();
  await d.boot();
  const first = d.boots.length;
  const start = NTP_NOW * 1000 + d.boots[0].awake_ms + of(d.boots[0].events, 'deepsleep')[0][0];
  const scenario = { wifi_down_until_ms: start + 12 * 300000 - 1000, wifi_status: 'STAT_NO_AP_FOUND' };
  do await d.boot(scenario);
  while (!of(d.boots.at(-1).events, 'publish').length);
  return { all: d.boots.slice(first), sending: d.boots.at(-1) };
}

const s = (ms) => (ms / 1000).toFixed(1);
const rows = [];
for (const type of types()) {
  const b = board(type);
  const every1 = await steady(b, b.baseConfig(), 12);
  const every6 = await steady(b, b.baseConfig({ publish_every: 6 }), 12);
  const { all, sending } = await outage(b);
  const n = published([sending]);
  rows.push(
    [type, 'default (publish_every 1)', published(every1), s(awake(every1) / published(every1)), (handshakes(every1) / published(every1)).toFixed(3)],
    [type, 'publish_every 6', published(every6), s(awake(every6) / published(every6)), (handshakes(every6) / published(every6)).toFixed(3)],
    [type, `12 kept readings + 1 new, sent in one connection: that wake-up (${s(sending.awake_ms)} s)`, n, s(sending.awake_ms / n), (handshakes([sending]) / n).toFixed(3)],
    [type, `the same, with the hour offline before it (${all.length} wake-ups, failed tries included)`, n, s(awake(all) / n), (handshakes(all) / n).toFixed(3)],
  );
}
console.log('| type | mode | readings | awake s per reading | TLS handshakes per reading |');
console.log('| --- | --- | --- | --- | --- |');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
