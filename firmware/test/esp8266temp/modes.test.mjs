// The two modes: deep sleep between readings (default) and always-on with a loop.
import test from 'node:test';
import assert from 'node:assert/strict';
import { board, of, names } from '../../testlib/board.mjs';

const { boot, baseConfig } = board('esp8266temp');

test('deep sleep is the default: one reading, then deepsleep(interval_s) with the guard stopped', async () => {
  const r = await boot();
  assert.equal(r.halt, 'deepsleep');
  assert.equal(of(r.events, 'publish').length, 1);
  assert.deepEqual(of(r.events, 'deepsleep'), [[300000]]);
  const n = names(r.events);
  assert.ok(n.indexOf('disconnect') < n.indexOf('deepsleep'));
  assert.ok(n.indexOf('timer_deinit') < n.indexOf('deepsleep'));
  assert.match(r.text, /published \{"temperature": 21.5\} to esp8266temp\/kitchen-1/);
});

test('deep sleep uses interval_s, capped where machine.deepsleep would overflow', async () => {
  const r = await boot({ config: baseConfig({ interval_s: 60 }) });
  assert.deepEqual(of(r.events, 'deepsleep'), [[60000]]);
  const long = await boot({ config: baseConfig({ interval_s: 86400 }) });
  assert.deepEqual(of(long.events, 'deepsleep'), [[4200000]]);
});

test('always-on: readings every interval_s over one connection kept alive by pings', async () => {
  const config = baseConfig({ mode: 'always_on', interval_s: 120, keepalive_s: 60 });
  const r = await boot({ config, scenario: { limit_ms: 370000, readings: [20.0, 20.5, 21.0, 21.5] } });
  assert.equal(r.halt, 'time limit', r.text);
  const pubs = r.events.filter((e) => e[1] === 'publish');
  assert.deepEqual(pubs.map((e) => e[3]), ['{"temperature": 20.0}', '{"temperature": 20.5}', '{"temperature": 21.0}', '{"temperature": 21.5}']);
  // 750 ms of conversion per reading, one 1 s Wi-Fi connect before the first
  assert.deepEqual(pubs.map((e) => e[0]), [1750, 122500, 243250, 364000]);
  assert.equal(of(r.events, 'mqtt_connect').length, 1);
  assert.equal(of(r.events, 'wifi_connect').length, 1);
  // a ping (with its response read) every keepalive_s / 2 between readings
  const pings = r.events.filter((e) => e[1] === 'ping').map((e) => e[0]);
  assert.deepEqual(pings.slice(0, 3), [31750, 61750, 91750]);
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
  assert.equal(of(r.events, 'sleep_ms').filter(([ms]) => ms === 5000 || ms === 10000).length, 2);
  assert.deepEqual(of(r.events, 'rtc_write').map(([hex]) => hex), ['696f74460100', '696f74460200', '696f74460000']);
  assert.deepEqual(of(r.events, 'deepsleep'), []);
});

test('always-on: a sensor failure keeps the MQTT connection, a network failure drops it', async () => {
  const config = baseConfig({ mode: 'always_on', interval_s: 60 });
  const r = await boot({ config, scenario: { limit_ms: 200000, readings: [20, 'crc', 'crc', 'crc', 21], publish: ['ok', 'oserror:-1'] } });
  assert.equal(r.halt, 'time limit', r.text);
  assert.match(r.text, /failure 1 of 10: SensorError/);
  assert.match(r.text, /failure 2 of 10: NetError: publish to/);
  // Connect #1 survives the sensor failure; the dropped publish of 21 forces connect #2.
  assert.equal(of(r.events, 'mqtt_connect').length, 2);
  assert.deepEqual(of(r.events, 'publish').map(([, p]) => p), ['{"temperature": 20.0}', '{"temperature": 21.5}', '{"temperature": 21.5}']);
});

test('always-on: a connection lost while idle is reopened at the next reading', async () => {
  const config = baseConfig({ mode: 'always_on', interval_s: 120, keepalive_s: 60 });
  const r = await boot({ config, scenario: { limit_ms: 130000, ping: ['oserror:104'] } });
  assert.match(r.text, /MQTT connection lost while idle, reconnecting at the next reading: OSError 104/);
  assert.equal(of(r.events, 'mqtt_connect').length, 2);
  assert.equal(of(r.events, 'publish').length, 2);
});

test('always-on: a hang is cut by the guard, counted in RTC memory, and resets the board', async () => {
  const config = baseConfig({ mode: 'always_on' });
  const r = await boot({ config, scenario: { publish: ['ok', 'hang'] } });
  assert.equal(r.halt, 'reset', r.text);
  assert.match(r.text, /failure 1 of 10: watchdog: no progress for 140 s/);
  assert.equal(r.rtc, '696f74460100');
  assert.equal(of(r.events, 'publish').length, 1);
});

test('always-on: max_failures in a row reset the board', async () => {
  const config = baseConfig({ mode: 'always_on', max_failures: 4 });
  const r = await boot({ config, scenario: { connect: ['refused', 'refused', 'refused', 'refused'] } });
  assert.equal(r.halt, 'reset', r.text);
  assert.match(r.text, /4 failures in a row: resetting the board/);
  assert.equal(r.rtc, '696f74460000');
});
