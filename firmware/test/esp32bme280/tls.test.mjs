// The board refuses a server it cannot verify, and never tries a verified handshake with a
// clock it knows to be wrong. Each refusal is reported, counted and backed off from.
import test from 'node:test';
import assert from 'node:assert/strict';
import { board, of, failureCount, NTP_NOW } from '../../testlib/board.mjs';

const b = board('esp32bme280');
const { boot, baseConfig, pki } = b;
const endpoint = baseConfig().endpoint;
const iso = (unix) => new Date(unix * 1000).toISOString();

function assertBackedOff(r) {
  assert.equal(r.error, null, r.text);
  assert.deepEqual(of(r.events, 'publish'), []);
  assert.deepEqual(of(r.events, 'connected'), []);
  assert.equal(failureCount(r.rtc), 1);
  // Until the back-off is over: within a second, as sleeps end on a whole second of the clock.
  const [[ms]] = of(r.events, 'deepsleep');
  assert.ok(ms > 4000 && ms <= 5000, `${ms}`);
  assert.match(r.text, /\[iot\] deep sleep for 5 s/);
}

test('a server certificate from another CA is refused: reported, backed off, nothing published', async () => {
  const server = pki.server({ issuer: pki.other, host: endpoint });
  const r = await boot({ scenario: { server: { chain: [server.pem] } } });
  assert.match(
    r.text,
    /failure 1 of 10: NetError: MQTT connect to abc123-ats\.iot\.eu-west-1\.amazonaws\.com:8883 as 'kitchen-1': server certificate refused: The certificate is not correctly signed by the trusted CA/,
  );
  assert.deepEqual(of(r.events, 'tls_established'), []);
  assertBackedOff(r);
});

test('a CA with the same name as one in ca.pem but another key is refused', async () => {
  const { certificate } = await import('../../testlib/x509.mjs');
  const impostor = certificate({ cn: 'Test Root CA 1', ca: true });
  const server = pki.server({ issuer: impostor, host: endpoint });
  const r = await boot({ scenario: { server: { chain: [server.pem] } } });
  assert.match(r.text, /server certificate refused: The certificate is not correctly signed by the trusted CA/);
  assertBackedOff(r);
});

test('a server certificate for another name is refused', async () => {
  const server = pki.server({ issuer: pki.root1, host: 'abc123-ats.iot.eu-west-1.example.com' });
  const r = await boot({ scenario: { server: { chain: [server.pem] } } });
  assert.match(r.text, /server certificate refused: The certificate Common Name \(CN\) does not match with the expected CN/);
  assertBackedOff(r);
});

test('a server certificate not yet valid at the NTP time is refused', async () => {
  const server = pki.server({ issuer: pki.root1, host: endpoint, notBefore: iso(NTP_NOW + 86400) });
  const r = await boot({ scenario: { server: { chain: [server.pem] } } });
  assert.match(r.text, /server certificate refused: The certificate validity starts in the future/);
  assertBackedOff(r);
});

test('an expired server certificate is refused', async () => {
  const server = pki.server({ issuer: pki.root1, host: endpoint, notBefore: '2024-01-01T00:00:00Z', notAfter: iso(NTP_NOW - 1) });
  const r = await boot({ scenario: { server: { chain: [server.pem] } } });
  assert.match(r.text, /server certificate refused: The certificate validity has expired/);
  assertBackedOff(r);
});

test('unset clock, NTP silent: no handshake is tried with the wrong date; reported, backed off', async () => {
  const r = await boot({ scenario: { ntp: ['timeout', 'timeout', 'timeout'] } });
  assert.deepEqual(of(r.events, 'ntp_query').length, 3);
  assert.deepEqual(of(r.events, 'tls_handshake'), []);
  assert.deepEqual(of(r.events, 'mqtt_connect'), []);
  assert.match(
    r.text,
    /failure 1 of 10: ClockError: clock not set: NTP via pool\.ntp\.org failed 3 times \(last: OSError \[Errno 110\] ETIMEDOUT\); a TLS handshake needs the date/,
  );
  assertBackedOff(r);
  // Each try waited for its timeout, and the three together stayed well inside the guard.
  const queries = r.events.filter((e) => e[1] === 'ntp_query').map((e) => e[0]);
  assert.deepEqual(queries.slice(1).map((t, i) => t - queries[i]), [2000, 2000]);
});

test('unset clock, NTP name not found: the same, with the DNS cause', async () => {
  const r = await boot({ scenario: { ntp: ['dns', 'dns', 'dns'] } });
  assert.match(r.text, /ClockError: clock not set: NTP via pool\.ntp\.org failed 3 times \(last: OSError -202\)/);
  assert.deepEqual(of(r.events, 'tls_handshake'), []);
  assertBackedOff(r);
});

test('an NTP answer outside 2025..2099 does not count as a set clock', async () => {
  const early = await boot({ scenario: { ntp_unix: Date.parse('2024-02-03T04:05:06Z') / 1000 } });
  assert.match(early.text, /ClockError: clock not set: NTP via pool\.ntp\.org failed 3 times \(last: it answered 2024-02-03 04:05:06 UTC\)/);
  assert.deepEqual(of(early.events, 'tls_handshake'), []);
  assertBackedOff(early);
  // ntptime takes a time before 2024 for one after the NTP era wraps in 2036: 2001 becomes 2137.
  const wrapped = await boot({ scenario: { ntp_unix: Date.parse('2001-02-03T04:05:06Z') / 1000 } });
  assert.match(wrapped.text, /ClockError: clock not set: .*\(last: it answered 2137-03-1\d/);
  assert.deepEqual(of(wrapped.events, 'tls_handshake'), []);
});

test('the fake refuses a handshake at the unset clock: what skipping NTP would meet', async () => {
  // The board's clock after a power cut reads 2000-01-01; the TLS fake then fails the
  // certificate's dates, as mbedTLS does. (The firmware itself never gets here: see above.)
  const r = await b.run(
    [
      'import json, mbedtls',
      'ctx = mbedtls.SSLContext(mbedtls.PROTOCOL_TLS_CLIENT)',
      "ctx.load_verify_locations(open('ca.pem', 'rb').read())",
      "ctx.load_cert_chain(open('cert.pem', 'rb').read(), open('key.pem', 'rb').read())",
      'try:',
      `    ctx.wrap_socket(object(), server_hostname='${endpoint}')`,
      "    out = 'accepted'",
      'except ValueError as e:',
      '    out = str(e)',
      "json.dump(out, open('/out.json', 'w'))",
    ].join('\n'),
  );
  assert.equal(r.value, '\nThe certificate validity starts in the future\n');
});

test('without server_hostname CERT_REQUIRED refuses to start, as MicroPython does', async () => {
  const r = await b.run(
    [
      'import json, mbedtls',
      'ctx = mbedtls.SSLContext(mbedtls.PROTOCOL_TLS_CLIENT)',
      "ctx.load_verify_locations(open('ca.pem', 'rb').read())",
      'try:',
      '    ctx.wrap_socket(object())',
      "    out = 'accepted'",
      'except ValueError as e:',
      '    out = str(e)',
      "json.dump(out, open('/out.json', 'w'))",
    ].join('\n'),
  );
  assert.equal(r.value, 'CERT_REQUIRED requires server_hostname');
});

test('a ca.pem mbedTLS cannot parse is named', async () => {
  const r = await boot({ package: { trust: Buffer.from('-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n') } });
  assert.match(r.text, /failure 1 of 10: NetError: ca\.pem rejected \(PEM certificates needed\): invalid cert/);
  assert.deepEqual(of(r.events, 'mqtt_connect'), []);
  assertBackedOff(r);
});

test('a key mbedTLS cannot parse is named', async () => {
  const r = await boot({ package: { key: Buffer.from('-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n') } });
  assert.match(r.text, /NetError: cert\.pem\/key\.pem rejected \(PEM certificate and key needed\): invalid key/);
  assertBackedOff(r);
});

test('a server that refuses the device certificate: the TLS alert is explained', async () => {
  const r = await boot({ scenario: { server: { chain: [pki.server({ issuer: pki.root1, host: endpoint }).pem], refuses_client: true } } });
  assert.match(r.text, /OSError -30592: TLS alert from the server \(certificate not accepted\?\)/);
  assertBackedOff(r);
});

test('a refused CONNECT after a verified handshake is reported as refused', async () => {
  const r = await boot({ scenario: { connect: ['refused'] } });
  assert.deepEqual(of(r.events, 'tls_established').length, 1);
  assert.match(r.text, /CONNECT refused: server closed the connection/);
  assertBackedOff(r);
});
