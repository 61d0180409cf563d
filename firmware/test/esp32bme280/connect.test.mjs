// The happy path of one wake-up: BME280, Wi-Fi, NTP, TLS that verifies the server, MQTT, publish.
import test from 'node:test';
import assert from 'node:assert/strict';
import { board, of, names, NTP_NOW } from '../../testlib/board.mjs';
import { measures } from '../../testlib/kept.mjs';
import { certificate } from '../../testlib/x509.mjs';

const b = board('esp32bme280');
const { boot, baseConfig, pki } = b;

// The board's BME280 holds the BMP280 datasheet's worked example (section 3.12): 25.08 °C and
// 100653.27 Pa, so 1006.53 hPa; its humidity reading gives 55.0007 %RH by the datasheet's
// floating-point formula (BST-BME280-DS002 section 8.1), 55.0.
const EXAMPLE = '{"temperature": 25.08, "humidity": 55.0, "pressure": 1006.53}';

test('publishes the reading: client id, endpoint, port, topic and payload', async () => {
  const config = baseConfig({ thing_name: 'porch', endpoint: 'xyz-ats.iot.us-east-1.amazonaws.com', topic: 'esp32bme280/porch' });
  const r = await boot({ config });
  assert.equal(r.error, null, r.text);
  assert.deepEqual(of(r.events, 'mqtt_client'), [['porch', 'xyz-ats.iot.us-east-1.amazonaws.com', 8883, 60, 'SSLContext']]);
  const [[topic, text, qos, retain]] = of(r.events, 'publish');
  assert.deepEqual([topic, qos, retain], ['esp32bme280/porch', 1, false]);
  assert.deepEqual(measures(r.events), [EXAMPLE]);
  // Dated by NTP, set before the handshake: 3 s (Wi-Fi and one NTP query) after the reading.
  const { ts } = JSON.parse(text);
  assert.ok(Math.abs(ts - (NTP_NOW * 1000 - 3100)) < 1000, `${ts}`);
  assert.match(r.text, /published \{"temperature": 25.08, "humidity": 55.0, "pressure": 1006.53, "ts": \d+\} to esp32bme280\/porch/);
  assert.equal(r.halt, 'deepsleep');
  // The next wake-up interval_s after this one began, within the second NTP's setting moved it.
  assert.ok(Math.abs(r.awake_ms + of(r.events, 'deepsleep')[0][0] - 300000) < 1000);
});

test('TLS verifies the server: CERT_REQUIRED, every CA of ca.pem, the device key, the endpoint as server_hostname', async () => {
  const r = await boot();
  assert.deepEqual(of(r.events, 'tls_context'), [[0]]); // PROTOCOL_TLS_CLIENT
  assert.deepEqual(of(r.events, 'tls_cas'), [[['Test Root CA 1', 'Test Root CA 3']]]);
  assert.deepEqual(of(r.events, 'tls_own_cert'), [['device']]);
  // [server_hostname, verify_mode (2 = CERT_REQUIRED), the board's clock, what failed]
  const [[host, mode, clock, failed]] = of(r.events, 'tls_handshake');
  assert.deepEqual([host, mode, failed], ['abc123-ats.iot.eu-west-1.amazonaws.com', 2, []]);
  assert.ok(clock >= NTP_NOW && clock <= NTP_NOW + 2, `${clock}`); // set by NTP, moved on by the handshake
  assert.deepEqual(of(r.events, 'tls_established'), [['abc123-ats.iot.eu-west-1.amazonaws.com']]);
});

test('a server certificate from the second CA of ca.pem is accepted: all of ca.pem is loaded', async () => {
  const server = pki.server({ issuer: pki.root3, host: baseConfig().endpoint });
  const r = await boot({ scenario: { server: { chain: [server.pem] } } });
  assert.deepEqual(of(r.events, 'tls_handshake')[0][3], []);
  assert.equal(of(r.events, 'publish').length, 1, r.text);
});

test('an intermediate the server sends is followed to a CA of ca.pem', async () => {
  const ica = certificate({ cn: 'Test Intermediate', issuer: pki.root1, ca: true });
  const leaf = pki.server({ issuer: ica, host: baseConfig().endpoint });
  const r = await boot({ scenario: { server: { chain: [leaf.pem, ica.pem] } } });
  assert.equal(of(r.events, 'publish').length, 1, r.text);
  // Without the intermediate the chain does not reach ca.pem.
  const alone = await boot({ scenario: { server: { chain: [leaf.pem] } } });
  assert.deepEqual(of(alone.events, 'publish'), []);
  assert.match(alone.text, /not correctly signed by the trusted CA/);
});

test('NTP sets the clock before the handshake, from the configured server', async () => {
  const r = await boot({ config: baseConfig({ ntp_host: 'time.example.net' }) });
  const n = names(r.events);
  assert.deepEqual(of(r.events, 'getaddrinfo'), [['time.example.net', 123]]);
  assert.deepEqual(of(r.events, 'clock_set'), [[NTP_NOW]]);
  assert.ok(n.indexOf('wifi_connect') < n.indexOf('ntp_query'));
  assert.ok(n.indexOf('clock_set') < n.indexOf('tls_handshake'));
  assert.equal(r.clock_unix >= NTP_NOW, true);
});

test('NTP failing with the clock set at an earlier wake-up: the kept clock is used, and said so', async () => {
  const r = await boot({ scenario: { clock_unix: NTP_NOW - 300, ntp: ['timeout', 'timeout', 'timeout'] } });
  assert.equal(of(r.events, 'publish').length, 1, r.text);
  assert.match(r.text, /NTP via pool\.ntp\.org failed \(OSError \[Errno 110\] ETIMEDOUT\); keeping the clock set earlier, 2026-01-15 09:55:0\d UTC/);
  assert.deepEqual(of(r.events, 'clock_set'), []);
});

test('a second NTP try that answers sets the clock', async () => {
  const r = await boot({ scenario: { ntp: ['timeout', 'ok'] } });
  assert.equal(of(r.events, 'getaddrinfo').length, 2);
  assert.deepEqual(of(r.events, 'clock_set'), [[NTP_NOW]]);
  assert.equal(of(r.events, 'publish').length, 1, r.text);
});

test('without the tls module (MicroPython 1.22) the ssl module is used, still with CERT_REQUIRED', async () => {
  const r = await boot({ modules: { tls: null, ssl: 'mbedtls_ssl' } });
  assert.equal(of(r.events, 'publish').length, 1, r.text);
  assert.equal(of(r.events, 'tls_handshake')[0][1], 2);
  const other = pki.server({ issuer: pki.other, host: baseConfig().endpoint });
  const refused = await boot({ modules: { tls: null, ssl: 'mbedtls_ssl' }, scenario: { server: { chain: [other.pem] } } });
  assert.deepEqual(of(refused.events, 'publish'), []);
});

test('the BME280 on the configured pins and address', async () => {
  const chip = { ...b.emulation.i2c_devices[0], address: 0x77, sda: 16, scl: 17 };
  const r = await boot({ config: baseConfig({ i2c_address: 119, i2c_sda: 16, i2c_scl: 17 }), scenario: { i2c: [chip] } });
  assert.deepEqual(of(r.events, 'i2c'), [[0, 17, 16]]);
  assert.deepEqual(measures(r.events), [EXAMPLE]);
  // The defaults (0x76 on GPIO21/22) find nothing on that board.
  const wrong = await boot({ scenario: { i2c: [chip] } });
  assert.match(wrong.text, /SensorError: BME280 on SDA GPIO21, SCL GPIO22, 3 tries, last: nothing answers at 0x76 \(wiring, address 0x76\/0x77\?\)/);
  assert.deepEqual(of(wrong.events, 'wifi_connect'), []);
});

test('the reading comes before the radio, the guard is armed first and stopped before deep sleep', async () => {
  const r = await boot();
  const n = names(r.events);
  assert.equal(n[0], 'timer');
  assert.deepEqual(of(r.events, 'timer'), [[0]]);
  assert.ok(n.indexOf('bme280_measured') < n.indexOf('wifi_connect'));
  assert.ok(n.lastIndexOf('timer_deinit') > n.indexOf('disconnect'));
  assert.ok(n.indexOf('timer_deinit') < n.indexOf('deepsleep'));
  assert.equal(n[n.indexOf('mqtt_connect') - 1], 'gc_collect');
});

test('always-on: one connection (and one NTP sync) for several readings, kept alive by pings', async () => {
  const config = baseConfig({ mode: 'always_on', interval_s: 120, keepalive_s: 60 });
  const r = await boot({ config, scenario: { limit_ms: 370000 } });
  assert.equal(r.halt, 'time limit', r.text);
  assert.equal(of(r.events, 'publish').length, 4);
  assert.equal(of(r.events, 'mqtt_connect').length, 1);
  assert.equal(of(r.events, 'ntp_query').length, 1);
  assert.ok(of(r.events, 'ping').length >= 3);
  assert.deepEqual(of(r.events, 'deepsleep'), []);
});

test('always-on: a connection lost while idle is reopened at the next reading, on the clock NTP set that day', async () => {
  const config = baseConfig({ mode: 'always_on', interval_s: 120, keepalive_s: 60 });
  const r = await boot({ config, scenario: { limit_ms: 130000, ping: ['oserror:104'] } });
  assert.match(r.text, /MQTT connection lost while idle, reconnecting at the next reading: OSError 104: connection reset by the server/);
  assert.equal(of(r.events, 'mqtt_connect').length, 2);
  assert.equal(of(r.events, 'ntp_query').length, 1);
  assert.equal(of(r.events, 'tls_established').length, 2);
  assert.equal(of(r.events, 'publish').length, 2);
});
