// The ESP32's own failures and their causes: a guard against a silent broker, no radio time for
// a sensor failure (back-off, the counter and the reset, the same on every board:
// test/failures.test.mjs).
import test from 'node:test';
import assert from 'node:assert/strict';
import { board, of, names, failureCount } from '../../testlib/board.mjs';

const b = board('esp32bme280');
const { boot, baseConfig } = b;
// Sleeps end on a whole second of the board's clock: within a second below the target.
const sleptAbout = (r, s) => of(r.events, 'deepsleep')[0][0] > (s - 1) * 1000 && of(r.events, 'deepsleep')[0][0] <= s * 1000;

test('a silent broker (no CONNACK) does not hang the board: the guard cuts it and backs off', async () => {
  const r = await boot({ config: baseConfig({ wifi_timeout_s: 20 }), scenario: { connect: ['hang'] } });
  assert.equal(r.halt, 'deepsleep', r.text);
  assert.deepEqual(of(r.events, 'timer_init')[0], [140000]);
  assert.ok(names(r.events).includes('timer_fired'));
  assert.deepEqual(of(r.events, 'tls_established').length, 1);
  assert.match(r.text, /failure 1 of 10: watchdog: no progress for 140 s/);
  assert.ok(sleptAbout(r, 5), JSON.stringify(of(r.events, 'deepsleep')));
  assert.equal(failureCount(r.rtc), 1);
});

test('a broker that never acknowledges the publish does not hang the board either', async () => {
  const r = await boot({ scenario: { publish: ['hang'] } });
  assert.equal(r.halt, 'deepsleep', r.text);
  assert.match(r.text, /failure 1 of 10: watchdog: no progress for 140 s/);
  assert.deepEqual(of(r.events, 'publish'), []);
});

test('always-on: a hang is cut by the guard, counted in RTC memory, and resets the board', async () => {
  const r = await boot({ config: baseConfig({ mode: 'always_on' }), scenario: { publish: ['ok', 'hang'] } });
  assert.equal(r.halt, 'reset', r.text);
  assert.match(r.text, /failure 1 of 10: watchdog: no progress for 140 s/);
  assert.equal(failureCount(r.rtc), 1);
  assert.equal(of(r.events, 'publish').length, 1);
});

test('Wi-Fi timeout: gives up after wifi_timeout_s with the port\'s status, no NTP, no TLS', async () => {
  const r = await boot({ config: baseConfig({ wifi_timeout_s: 7 }), scenario: { wifi_connect_ms: null, wifi_status: 'STAT_NO_AP_FOUND' } });
  const [startedAt] = r.events.find((e) => e[1] === 'wifi_connect');
  const [failedAt] = r.events.find((e) => e[1] === 'rtc_write');
  assert.ok(failedAt - startedAt >= 7000 && failedAt - startedAt < 7500, `gave up after ${failedAt - startedAt} ms`);
  assert.match(r.text, /failure 1 of 10: NetError: Wi-Fi: not connected to 'HomeNet' within 7 s \(SSID not found\)/);
  assert.deepEqual(of(r.events, 'ntp_query'), []);
  assert.deepEqual(of(r.events, 'tls_context'), []);
  assert.ok(sleptAbout(r, 5), JSON.stringify(of(r.events, 'deepsleep')));
  const pw = await boot({ scenario: { wifi_connect_ms: null, wifi_status: 'STAT_HANDSHAKE_TIMEOUT' } });
  assert.match(pw.text, /\(WPA handshake timed out \(wrong password\?\)\)/);
});

test('no BME280, another chip, or a bus error: a sensor failure, no radio time', async () => {
  const none = await boot({ scenario: { i2c: [] } });
  assert.match(none.text, /failure 1 of 10: SensorError: BME280 on SDA GPIO21, SCL GPIO22, 3 tries, last: nothing answers at 0x76/);
  assert.deepEqual(of(none.events, 'wifi_connect'), []);
  assert.equal(failureCount(none.rtc), 1);
  const bmp = await boot({ scenario: { i2c: [{ ...b.emulation.i2c_devices[0], chip_id: 0x58 }] } });
  assert.match(bmp.text, /last: chip id 0x58 at 0x76 is not a BME280 \(0x60\)/);
  const flaky = await boot({ scenario: { bme280_bus: ['nack', 'nack'] } });
  assert.equal(of(flaky.events, 'publish').length, 1, flaky.text); // the third try reads
});

test('readings outside the BME280\'s range are not sent', async () => {
  // adc_T 0xFFFF0 (a floating bus reads all ones) gives far above 85 °C.
  const r = await boot({ scenario: { bme280: [[0xffff0, 415148, 30000], [0xffff0, 415148, 30000], [0xffff0, 415148, 30000]] } });
  assert.match(r.text, /SensorError: BME280 on .*, 3 tries, last: [\d.]+ °C, [\d.]+ hPa is outside the BME280's range/);
  assert.deepEqual(of(r.events, 'publish'), []);
});

test('always-on: a sensor failure keeps the MQTT connection, a network failure drops it', async () => {
  const config = baseConfig({ mode: 'always_on', interval_s: 60 });
  const skipped = [0x80000, 0x80000, 0x8000];
  const r = await boot({ config, scenario: { limit_ms: 200000, bme280: [[519888, 415148, 30000], skipped, skipped, skipped], publish: ['ok', 'oserror:-1'] } });
  assert.equal(r.halt, 'time limit', r.text);
  assert.match(r.text, /failure 1 of 10: SensorError: BME280 on .*last: no measurement in the data registers/);
  assert.match(r.text, /failure 2 of 10: NetError: publish to 'esp32bme280\/kitchen-1': OSError -1: server closed the connection/);
  assert.equal(of(r.events, 'mqtt_connect').length, 2);
});

test('the Wi-Fi password is never printed, whatever fails', async () => {
  const secret = 'Zq9-very-secret-pw';
  const config = baseConfig({ wifi_password: secret });
  const other = b.pki.server({ issuer: b.pki.other, host: config.endpoint });
  const scenarios = [
    {},
    { wifi_connect_ms: null, wifi_status: 'STAT_WRONG_PASSWORD' },
    { ntp: ['timeout', 'timeout', 'timeout'] },
    { server: { chain: [other.pem] } },
    { connect: ['hang'] },
    { i2c: [] },
  ];
  for (const scenario of scenarios) {
    const r = await boot({ config, scenario });
    assert.ok(r.text.length > 0);
    assert.ok(!r.text.includes(secret), `password printed in scenario ${JSON.stringify(scenario)}:\n${r.text}`);
  }
  const r = await boot({ config });
  assert.deepEqual(of(r.events, 'wifi_connect')[0], ['HomeNet', secret]);
});
