// The ESP8266 needs no date for its TLS (axTLS checks no certificate), so it publishes even when
// NTP never answered: a reading whose date is not known goes out with its age (age_ms), measured
// by the RTC, which runs through deep sleep even when its absolute time is wrong.
import test from 'node:test';
import assert from 'node:assert/strict';
import { board, of } from '../../testlib/board.mjs';
import { readRtc, sent } from '../../testlib/kept.mjs';

const { device } = board('esp8266temp');
const NTP_SILENT = { ntp: ['timeout', 'timeout', 'timeout'] };
// When a boot published each message, in real ms.
const sentAt = (r) => r.events.filter((e) => e[1] === 'publish').map((e) => r.startedMs + e[0]);

test('NTP silent since the power came on: readings go out with their age, as the RTC measured it', async () => {
  const d = device();
  const readingBoots = [];
  while (readingBoots.length < 3) {
    const r = await d.boot({ wifi_connect_ms: null });
    if (readRtc(r.rtc, 'h').readings.length > readingBoots.length) readingBoots.push(r);
  }
  const r = await d.boot(NTP_SILENT);
  if (sent(r.events).length > 3) readingBoots.push(r);
  assert.match(r.text, /NTP via pool\.ntp\.org failed \(OSError \[Errno 110\] ETIMEDOUT\); readings go out with their age/);
  const messages = sent(r.events);
  assert.equal(messages.length, readingBoots.length, r.text);
  assert.ok(messages.every((m) => m.ts === undefined && m.age_ms !== undefined));
  // Each age is the time from its wake-up to its message, within the clock's second.
  const at = sentAt(r);
  const taken = readingBoots.map((x) => x.startedMs);
  messages.forEach((m, i) => assert.ok(Math.abs(m.age_ms - (at[i] - taken[i])) < 1500, `${m.age_ms} vs ${at[i] - taken[i]}`));
  // Oldest first.
  assert.ok(messages.every((m, i) => i === 0 || m.age_ms < messages[i - 1].age_ms));
});

test('NTP silent at one wake-up, answering at the next: from then on readings carry ts', async () => {
  const d = device();
  const silent = await d.boot(NTP_SILENT);
  assert.equal(sent(silent.events)[0].age_ms !== undefined, true);
  const next = await d.boot();
  assert.equal(of(next.events, 'ntp_query').length, 1);
  const [m] = sent(next.events);
  assert.ok(Math.abs(m.ts - next.startedMs) < 1500, `${m.ts - next.startedMs}`);
  // Set since: the one after needs no NTP.
  const third = await d.boot();
  assert.equal(of(third.events, 'ntp_query').length, 0);
  assert.ok(sent(third.events)[0].ts - m.ts === 300000);
});
