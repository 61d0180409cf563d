// The two modes: deep sleep between readings (default) and always-on with a loop.
import test from 'node:test';
import assert from 'node:assert/strict';
import { board, of, names, failureCount } from '../../testlib/board.mjs';
import { measures, sent } from '../../testlib/kept.mjs';

const { boot, baseConfig } = board('esp8266temp');

// When the next wake-up begins, counted from the start of this one (ms).
const nextWake = (r) => r.awake_ms + of(r.events, 'deepsleep')[0][0];

test('deep sleep is the default: one reading, then deep sleep until interval_s after the wake-up began, the guard stopped', async () => {
  const r = await boot();
  assert.equal(r.halt, 'deepsleep');
  assert.equal(of(r.events, 'publish').length, 1);
  // Within the second by which NTP's setting moved the clock.
  assert.ok(Math.abs(nextWake(r) - 300000) < 1000, `${nextWake(r)}`);
  const n = names(r.events);
  assert.ok(n.indexOf('disconnect') < n.indexOf('deepsleep'));
  assert.ok(n.indexOf('timer_deinit') < n.indexOf('deepsleep'));
  assert.match(r.text, /published \{"temperature": 21.5, "ts": \d+\} to esp8266temp\/kitchen-1/);
});

test('deep sleep uses interval_s, capped where machine.deepsleep would overflow', async () => {
  const r = await boot({ config: baseConfig({ interval_s: 60 }) });
  assert.ok(Math.abs(nextWake(r) - 60000) < 1000, `${nextWake(r)}`);
  const long = await boot({ config: baseConfig({ interval_s: 86400 }) });
  assert.deepEqual(of(long.events, 'deepsleep'), [[4200000]]);
});

test('always-on: readings every interval_s over one connection kept alive by pings', async () => {
  const config = baseConfig({ mode: 'always_on', interval_s: 120, keepalive_s: 60 });
  const r = await boot({ config, scenario: { limit_ms: 370000, readings: [20.0, 20.5, 21.0, 21.5] } });
  assert.equal(r.halt, 'time limit', r.text);
  assert.deepEqual(measures(r.events), ['{"temperature": 20.0}', '{"temperature": 20.5}', '{"temperature": 21.0}', '{"temperature": 21.5}']);
  const ts = sent(r.events).map((m) => m.ts);
  assert.deepEqual(ts.slice(1).map((t, i) => t - ts[i]), [120000, 120000, 120000]);
  // Each reading published as soon as taken (750 ms of conversion) over the open connection.
  const pubs = r.events.filter((e) => e[1] === 'publish').map((e) => e[0]);
  const reads = r.events.filter((e) => e[1] === 'ds_read').map((e) => e[0]);
  assert.deepEqual(pubs.slice(1).map((t, i) => t - reads[i + 1]), [100, 100, 100]);
  assert.equal(of(r.events, 'mqtt_connect').length, 1);
  assert.equal(of(r.events, 'wifi_connect').length, 1);
  // a ping (with its response read) every keepalive_s / 2 between readings
  const pings = r.events.filter((e) => e[1] === 'ping').map((e) => e[0]);
  assert.deepEqual(pings.slice(0, 3).map((t) => t - pubs[0]), [30100, 60200, 90300]);
  assert.equal(of(r.events, 'wait_msg').length, pings.length);
  assert.deepEqual(of(r.events, 'deepsleep'), []);
});

test('always-on: back-off on failures without sleeping deeply, counter cleared on success', async () => {
  const config = baseConfig({ mode: 'always_on', interval_s: 300 });
  const r = await boot({ config, scenario: { limit_ms: 100000, connect: ['refused', 'oserror:-256'] } });
  assert.equal(r.halt, 'time limit', r.text);
  assert.match(r.text, /failure 1 of 10: .*CONNECT refused[^\n]*\n\[iot\] next try in 5 s/);
  assert.match(r.text, /failure 2 of 10: .*OSError -256[^\n]*\n\[iot\] next try in 10 s/);
  assert.equal(of(r.events, 'publish').length, 1);
  // Three tries for the same reading, the second wait 5 s longer than the first (5 s, 10 s).
  const [t1, t2, t3] = r.events.filter((e) => e[1] === 'mqtt_connect').map((e) => e[0]);
  assert.equal(t3 - t2 - (t2 - t1), 5000);
  assert.equal(of(r.events, 'ds_read').length, 1);
  const counts = of(r.events, 'rtc_write').map(([hex]) => failureCount(hex));
  assert.deepEqual(counts.filter((n, i) => n !== counts[i - 1]), [1, 2, 0]);
  assert.deepEqual(of(r.events, 'deepsleep'), []);
});

test('always-on: a sensor failure keeps the MQTT connection, a network failure drops it', async () => {
  const config = baseConfig({ mode: 'always_on', interval_s: 60 });
  const r = await boot({ config, scenario: { limit_ms: 240000, readings: [20, 'crc', 'crc', 'crc', 21], publish: ['ok', 'oserror:-1'] } });
  assert.equal(r.halt, 'time limit', r.text);
  assert.match(r.text, /failure 1 of 10: SensorError/);
  assert.match(r.text, /failure 2 of 10: NetError: publish to/);
  // Connect #1 survives the sensor failure; the dropped publish of 21 forces connect #2, which
  // sends the 21 kept meanwhile. (The retry, 10 s on, would run into the next reading's
  // wake-up: it waits for it.)
  assert.equal(of(r.events, 'mqtt_connect').length, 2);
  assert.deepEqual(measures(r.events), ['{"temperature": 20.0}', '{"temperature": 21.0}', '{"temperature": 21.5}']);
});

test('always-on: a connection lost while idle is reopened at the next reading', async () => {
  const config = baseConfig({ mode: 'always_on', interval_s: 120, keepalive_s: 60 });
  const r = await boot({ config, scenario: { limit_ms: 160000, ping: ['oserror:104'] } });
  assert.match(r.text, /MQTT connection lost while idle, reconnecting at the next reading: OSError 104/);
  assert.equal(of(r.events, 'mqtt_connect').length, 2);
  assert.equal(of(r.events, 'publish').length, 2);
});

test('always-on: a hang is cut by the guard, counted in RTC memory, and resets the board', async () => {
  const config = baseConfig({ mode: 'always_on' });
  const r = await boot({ config, scenario: { publish: ['ok', 'hang'] } });
  assert.equal(r.halt, 'reset', r.text);
  assert.match(r.text, /failure 1 of 10: watchdog: no progress for 140 s/);
  assert.equal(failureCount(r.rtc), 1);
  assert.equal(of(r.events, 'publish').length, 1);
});

test('always-on: max_failures in a row reset the board', async () => {
  const config = baseConfig({ mode: 'always_on', max_failures: 4 });
  const r = await boot({ config, scenario: { connect: ['refused', 'refused', 'refused', 'refused'] } });
  assert.equal(r.halt, 'reset', r.text);
  assert.match(r.text, /4 failures in a row: resetting the board/);
  assert.equal(failureCount(r.rtc), 0);
});
