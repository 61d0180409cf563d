// Failures never leave a board stuck, whatever the type: a failure counter in RTC memory across
// deep sleep, a back-off before the next try (the reading waits in the buffer meanwhile), a
// reset after max_failures in a row, and a printed cause.
import test from 'node:test';
import assert from 'node:assert/strict';
import { board, types, of, failureCount } from '../testlib/board.mjs';
import { readRtc } from '../testlib/kept.mjs';

// Sleeps end on a whole second of the board's clock: within a second below the target.
const sleptAbout = (r, s) => {
  const [[ms]] = of(r.events, 'deepsleep');
  return ms > (s - 1) * 1000 && ms <= s * 1000;
};

for (const type of types()) {
  const { boot, baseConfig, bootSequence, device, emulation } = board(type);
  const kept = (r) => readRtc(r.rtc, emulation.kept_values).readings.length;

  test(`${type}: a refused connection backs off from backoff_base_s, doubling up to backoff_cap_s, counted in RTC memory; the reading waits`, async () => {
    // Readings an hour apart, so that every wake-up here is a retry.
    const config = baseConfig({ interval_s: 3600, backoff_base_s: 5, backoff_cap_s: 60, max_failures: 9 });
    const boots = await bootSequence(8, { config, scenario: { connect: ['refused'] } });
    const waits = [5, 10, 20, 40, 60, 60, 60, 60];
    boots.forEach((r, i) => assert.ok(sleptAbout(r, waits[i]), `boot ${i + 1}: ${JSON.stringify(of(r.events, 'deepsleep'))}`));
    assert.deepEqual(boots.map((r) => failureCount(r.rtc)), [1, 2, 3, 4, 5, 6, 7, 8]);
    assert.deepEqual(boots.map((r) => of(r.events, 'mqtt_connect').length), [1, 1, 1, 1, 1, 1, 1, 1]);
    assert.deepEqual(boots.map(kept), [1, 1, 1, 1, 1, 1, 1, 1]);
    assert.match(boots[0].text, /failure 1 of 9: .*CONNECT refused/);
    assert.match(boots[7].text, /failure 8 of 9/);
  });

  test(`${type}: a reset after max_failures in a row clears the counter; the board tries again at once, without a new reading`, async () => {
    const boots = await bootSequence(4, { config: baseConfig({ max_failures: 3 }), scenario: { connect: ['refused'] } });
    assert.deepEqual(boots.map((r) => r.halt), ['deepsleep', 'deepsleep', 'reset', 'deepsleep']);
    assert.match(boots[2].text, /3 failures in a row: resetting the board/);
    assert.equal(failureCount(boots[2].rtc), 0);
    assert.equal(of(boots[3].events, 'mqtt_connect').length, 1);
    assert.ok(sleptAbout(boots[3], 5));
    assert.equal(failureCount(boots[3].rtc), 1);
    assert.deepEqual(boots.map(kept), [1, 1, 1, 1]);
  });

  test(`${type}: a success clears the failure counter and sends what waited; the next reading comes interval_s after the first`, async () => {
    const d = device();
    for (const connect of [['refused'], ['refused'], []]) await d.boot({ connect });
    assert.deepEqual(d.boots.map((r) => failureCount(r.rtc)), [1, 2, 0]);
    assert.equal(of(d.boots[2].events, 'publish').length, 1);
    assert.equal(kept(d.boots[2]), 0);
    // From the first wake-up to the next reading: interval_s, within the second NTP's setting moved it.
    const [last] = d.boots.slice(-1);
    const next = last.startedMs + last.awake_ms + of(last.events, 'deepsleep')[0][0];
    assert.ok(Math.abs(next - d.boots[0].startedMs - 300000) < 1000, `${next - d.boots[0].startedMs}`);
  });

  test(`${type}: RTC memory left by another program counts as no failures`, async () => {
    const r = await boot({ scenario: { rtc: 'deadbeef0900', connect: ['refused'] } });
    assert.equal(failureCount(r.rtc), 1);
    assert.ok(sleptAbout(r, 5));
  });
}
