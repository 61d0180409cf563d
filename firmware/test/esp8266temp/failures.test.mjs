// The ESP8266's own failures and their causes (back-off, the counter and the reset, the same on
// every board: test/failures.test.mjs).
import test from 'node:test';
import assert from 'node:assert/strict';
import { board, of, names, failureCount } from '../../testlib/board.mjs';
import { measures } from '../../testlib/kept.mjs';

const { boot, baseConfig } = board('esp8266temp');
// Sleeps end on a whole second of the board's clock: within a second below the target.
const sleptAbout = (r, s) => of(r.events, 'deepsleep')[0][0] > (s - 1) * 1000 && of(r.events, 'deepsleep')[0][0] <= s * 1000;

test('Wi-Fi timeout: gives up after wifi_timeout_s, prints the cause, deep-sleeps until the back-off is over', async () => {
  const r = await boot({ config: baseConfig({ wifi_timeout_s: 7 }), scenario: { wifi_connect_ms: null, wifi_status: 'STAT_NO_AP_FOUND' } });
  const [startedAt] = r.events.find((e) => e[1] === 'wifi_connect');
  const [failedAt] = r.events.find((e) => e[1] === 'rtc_write');
  assert.ok(failedAt - startedAt >= 7000 && failedAt - startedAt < 7500, `gave up after ${failedAt - startedAt} ms`);
  assert.match(r.text, /failure 1 of 10: .*Wi-Fi: not connected to 'HomeNet' within 7 s \(SSID not found\)/);
  assert.deepEqual(of(r.events, 'mqtt_client'), []);
  assert.ok(sleptAbout(r, 5), JSON.stringify(of(r.events, 'deepsleep')));
  assert.equal(failureCount(r.rtc), 1);
});

test('Wi-Fi that connects late but within the timeout is used', async () => {
  const r = await boot({ config: baseConfig({ wifi_timeout_s: 7 }), scenario: { wifi_connect_ms: 6000 } });
  assert.equal(of(r.events, 'publish').length, 1, r.text);
});

test('TLS handshake error is reported with its code and meaning', async () => {
  const r = await boot({ scenario: { connect: ['oserror:-256'] } });
  assert.match(r.text, /MQTT connect to abc123-ats\.iot\.eu-west-1\.amazonaws\.com:8883 as 'kitchen-1': OSError -256: connection lost during the TLS handshake/);
  assert.deepEqual(of(r.events, 'publish'), []);
  assert.equal(r.halt, 'deepsleep');
});

test('a refused CONNECT (IndexError from umqtt) is reported as refused, not as a crash', async () => {
  const r = await boot({ scenario: { connect: ['refused'] } });
  assert.equal(r.error, null);
  assert.match(r.text, /CONNECT refused: server closed the connection/);
});

test('a key axTLS rejects is reported with what it needs', async () => {
  const r = await boot({ scenario: { key_rejected: true } });
  assert.match(r.text, /cert\.der\/key\.der rejected \(DER certificate, PKCS#1 RSA key needed\)/);
  assert.deepEqual(of(r.events, 'mqtt_connect'), []);
});

test('a missing cert.der or key.der is named', async () => {
  const r = await boot({ package: { certificate: null } });
  assert.match(r.text, /failure 1 of 10: NetError: cannot read cert\.der \(is it copied to the board\?\)/);
  const k = await boot({ package: { key: null } });
  assert.match(k.text, /cannot read key\.der/);
  assert.deepEqual(of(k.events, 'mqtt_connect'), []);
});

test('a hung handshake is cut by the guard timer and counted as a failure', async () => {
  const r = await boot({ config: baseConfig({ wifi_timeout_s: 20 }), scenario: { connect: ['hang'] } });
  assert.equal(r.halt, 'deepsleep', r.text);
  assert.deepEqual(of(r.events, 'timer_init')[0], [140000]);
  assert.ok(names(r.events).includes('timer_fired'));
  assert.match(r.text, /failure 1 of 10: watchdog: no progress for 140 s/);
  assert.ok(sleptAbout(r, 5), JSON.stringify(of(r.events, 'deepsleep')));
  assert.equal(failureCount(r.rtc), 1);
});

test('a publish the server drops is a failure with its cause', async () => {
  const r = await boot({ scenario: { publish: ['oserror:-1'] } });
  assert.match(r.text, /publish to 'esp8266temp\/kitchen-1': OSError -1: server closed the connection/);
  assert.equal(failureCount(r.rtc), 1);
});

test('rejected readings are never sent: CRC error and the 85.0 power-on value', async () => {
  const bad = await boot({ scenario: { readings: ['crc', 85.0, 'crc'] } });
  assert.deepEqual(of(bad.events, 'ds_read').map(([v]) => v), ['crc', 85.0, 'crc']);
  assert.deepEqual(of(bad.events, 'publish'), []);
  assert.deepEqual(of(bad.events, 'wifi_connect'), []); // no radio time for nothing to send
  assert.match(bad.text, /failure 1 of 10: SensorError: ds18b20 on GPIO14, 3 tries, last: Exception CRC error/);
  assert.equal(failureCount(bad.rtc), 1);

  const retried = await boot({ scenario: { readings: [85.0, 'crc', 22.25] } });
  assert.deepEqual(measures(retried.events), ['{"temperature": 22.25}']);
  assert.equal(failureCount(retried.rtc), 0);
});

test('85.0 as the last reading names the power-on value', async () => {
  const r = await boot({ scenario: { readings: [85.0, 85.0, 85.0] } });
  assert.match(r.text, /85\.0 is the DS18B20 power-on value/);
  assert.deepEqual(of(r.events, 'publish'), []);
});

test('out-of-range readings and a missing DS18B20 are rejected', async () => {
  const hot = await boot({ scenario: { readings: [127.0, 126.0, -60.0] } });
  assert.deepEqual(of(hot.events, 'publish'), []);
  assert.match(hot.text, /out of range/);
  const none = await boot({ scenario: { ds18b20_found: false } });
  assert.deepEqual(of(none.events, 'publish'), []);
  assert.match(none.text, /no DS18B20 answers/);
});

test('DHT22 checksum errors are rejected, with 2 s between reads', async () => {
  const config = baseConfig({ sensor: 'dht22' });
  const bad = await boot({ config, scenario: { readings: ['checksum', 'checksum', 'timeout'] } });
  assert.deepEqual(of(bad.events, 'publish'), []);
  assert.match(bad.text, /dht22 on GPIO14, 3 tries, last: OSError \[Errno 110\] ETIMEDOUT/);
  const times = bad.events.filter((e) => e[1] === 'dht_measure').map((e) => e[0]);
  assert.deepEqual(times.slice(1).map((t, i) => t - times[i]), [2000, 2000]);
  const ok = await boot({ config, scenario: { readings: ['checksum', 23.1] } });
  assert.deepEqual(measures(ok.events), ['{"temperature": 23.1}']);
});

test('the Wi-Fi password is never printed, whatever fails', async () => {
  const secret = 'Zq9-very-secret-pw';
  const config = baseConfig({ wifi_password: secret });
  const scenarios = [
    {},
    { wifi_connect_ms: null, wifi_status: 'STAT_WRONG_PASSWORD' },
    { connect: ['refused'] },
    { connect: ['oserror:-256'] },
    { connect: ['hang'] },
    { publish: ['oserror:-1'] },
    { readings: ['crc', 'crc', 'crc'] },
    { key_rejected: true },
  ];
  for (const scenario of scenarios) {
    const r = await boot({ config, scenario });
    assert.ok(r.text.length > 0);
    assert.ok(!r.text.includes(secret), `password printed in scenario ${JSON.stringify(scenario)}:\n${r.text}`);
  }
  // The firmware did hand the password to the radio, so it had it to leak.
  const r = await boot({ config });
  assert.deepEqual(of(r.events, 'wifi_connect')[0], ['HomeNet', secret]);
  for (const bad of [{ ...config, wifi_password: 5 }, { ...config, port: 'x' }]) {
    const c = await boot({ config: bad });
    assert.ok(!c.text.includes(secret), c.text);
  }
});
