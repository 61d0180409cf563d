// The happy path of one wake-up: sensor, Wi-Fi, TLS, MQTT, publish.
import test from 'node:test';
import assert from 'node:assert/strict';
import { board, of, names, NTP_NOW } from '../../testlib/board.mjs';
import { measures } from '../../testlib/kept.mjs';

const { boot, baseConfig } = board('esp8266temp');

test('client id, endpoint, port, TLS context with SNI, topic and payload', async () => {
  const config = baseConfig({ thing_name: 'garage', endpoint: 'xyz-ats.iot.us-east-1.amazonaws.com', topic: 'esp8266temp/garage' });
  const r = await boot({ config, scenario: { readings: [19.25] } });
  assert.equal(r.error, null, r.text);
  assert.deepEqual(of(r.events, 'mqtt_client'), [['garage', 'xyz-ats.iot.us-east-1.amazonaws.com', 8883, 60, 'SSLContext']]);
  assert.deepEqual(of(r.events, 'ssl_context'), [[0]]); // PROTOCOL_TLS_CLIENT
  // server_hostname is the endpoint (SNI), and the certificate was loaded first.
  assert.deepEqual(of(r.events, 'wrap_socket'), [['xyz-ats.iot.us-east-1.amazonaws.com', true]]);
  const [[topic, text, qos, retain]] = of(r.events, 'publish');
  assert.deepEqual([topic, qos, retain], ['esp8266temp/garage', 1, false]);
  assert.deepEqual(measures(r.events), ['{"temperature": 19.25}']);
  // NTP at the first good connection dated the reading, taken 3.1 s (Wi-Fi, one NTP query)
  // before the server answered NTP_NOW: to within the second the board's clock counts in.
  const { ts } = JSON.parse(text);
  assert.ok(Math.abs(ts - (NTP_NOW * 1000 - 3100)) < 1000, `${ts}`);
});

test('port and keepalive come from config', async () => {
  const r = await boot({ config: baseConfig({ port: 443, keepalive_s: 1200 }) });
  const [[, , port, keepalive]] = of(r.events, 'mqtt_client');
  assert.equal(port, 443);
  assert.equal(keepalive, 1200);
});

test('the bytes of cert.der and key.der reach load_cert_chain unchanged', async () => {
  const r = await boot();
  assert.deepEqual(of(r.events, 'load_cert_chain'), [[r.package.certificate.toString('hex'), r.package.key.toString('hex')]]);
});

test('gc.collect() runs after the key is loaded and right before the handshake', async () => {
  const r = await boot();
  const n = names(r.events);
  const connect = n.indexOf('mqtt_connect');
  assert.ok(connect > 0, r.text);
  assert.equal(n[connect - 1], 'gc_collect');
  assert.ok(n.indexOf('load_cert_chain') < connect - 1);
  assert.equal(of(r.events, 'mqtt_connect')[0][0] >= 1, true);
});

test('CPU at 160 MHz before connecting', async () => {
  const r = await boot();
  const n = names(r.events);
  assert.deepEqual(of(r.events, 'freq'), [[160000000]]);
  assert.ok(n.indexOf('freq') < n.indexOf('mqtt_connect'));
});

test('DS18B20 steps (1/16 °C) become hundredths rounded half away from zero', async () => {
  // raw steps -> exact °C -> what the contract's rounding gives
  const cases = [
    [337, '21.06'], // 21.0625
    [339, '21.19'], // 21.1875
    [341, '21.31'], // 21.3125
    [2, '0.13'], // 0.125, a half: away from zero
    [-2, '-0.13'], // -0.125
    [-1, '-0.06'], // -0.0625
    [344, '21.5'], // 21.5: one trailing zero dropped
    [336, '21.0'], // 21.0
    [0, '0.0'],
  ];
  for (const [raw, text] of cases) {
    const r = await boot({ scenario: { readings: [{ raw }] } });
    assert.deepEqual(measures(r.events), [`{"temperature": ${text}}`], `raw ${raw}`);
  }
});

test('DS18B20 on GPIO14 by default, on the configured pin otherwise', async () => {
  const def = await boot();
  assert.deepEqual(of(def.events, 'onewire'), [[14]]);
  const r = await boot({ config: baseConfig({ pin: 4 }) });
  assert.deepEqual(of(r.events, 'onewire'), [[4]]);
  // The conversion ran (and was waited for) before the scratchpad was read.
  assert.deepEqual(of(r.events, 'ds_read'), [[21.5, true]]);
  assert.ok(of(r.events, 'sleep_ms').some(([ms]) => ms >= 750));
});

test('DHT22 as the configured alternative', async () => {
  const r = await boot({ config: baseConfig({ sensor: 'dht22', pin: 5 }), scenario: { readings: [-3.5] } });
  assert.deepEqual(of(r.events, 'dht_measure'), [[-3.5, 5]]);
  assert.deepEqual(of(r.events, 'onewire'), []);
  assert.deepEqual(measures(r.events), ['{"temperature": -3.5}']);
});

test('Wi-Fi gets the configured SSID and password; the access point is switched off', async () => {
  const r = await boot({ config: baseConfig({ wifi_ssid: 'Attic', wifi_password: 'p/&w"d' }) });
  assert.deepEqual(of(r.events, 'wifi_connect'), [['Attic', 'p/&w"d']]);
  assert.deepEqual(of(r.events, 'ap_active'), [[false]]);
});

test('an already connected station is not reconnected', async () => {
  const r = await boot({ scenario: { wifi_already_connected: true } });
  assert.deepEqual(of(r.events, 'wifi_connect'), []);
  assert.equal(of(r.events, 'publish').length, 1);
});
