// X.509 certificates in real DER for the TLS fakes, with real EC P-256 keys. The signature is a
// stand-in the MicroPython side can check without public-key crypto: SHA-256 of the
// to-be-signed bytes and the issuer's public key (fakes/mbedtls.py checks it the same way).
import { createHash, generateKeyPairSync } from 'node:crypto';

const len = (n) => {
  if (n < 0x80) return Buffer.from([n]);
  const bytes = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
};
const tlv = (tag, ...parts) => {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([tag]), len(body.length), body]);
};
const seq = (...parts) => tlv(0x30, ...parts);
const set = (...parts) => tlv(0x31, ...parts);
const oid = (dotted) => {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const out = [40 * a + b];
  for (const n of rest) {
    const groups = [];
    for (let v = n; ; v = Math.floor(v / 128)) {
      groups.unshift(v % 128);
      if (v < 128) break;
    }
    out.push(...groups.map((g, i) => (i < groups.length - 1 ? g | 0x80 : g)));
  }
  return tlv(0x06, Buffer.from(out));
};
const utf8 = (s) => tlv(0x0c, Buffer.from(s, 'utf8'));
const integer = (n) => tlv(0x02, Buffer.from([n & 0x7f]));
const bitString = (bytes) => tlv(0x03, Buffer.from([0]), bytes);
const time = (date) => {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
  const y = date.getUTCFullYear();
  // RFC 5280: UTCTime through 2049, GeneralizedTime from 2050.
  return y < 2050 ? tlv(0x17, Buffer.from(iso.slice(2))) : tlv(0x18, Buffer.from(iso));
};
const name = (cn) => seq(set(seq(oid('2.5.4.10'), utf8('iotsys tests'))), set(seq(oid('2.5.4.3'), utf8(cn))));
const pem = (label, der) =>
  `-----BEGIN ${label}-----\n${der.toString('base64').match(/.{1,64}/g).join('\n')}\n-----END ${label}-----\n`;

function keyPair() {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  return { spki, point: spki.subarray(spki.length - 65), privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }) };
}

let serial = 1;

/**
 * A certificate for `cn`, signed by `issuer` (a certificate from here; itself when absent),
 * valid from `notBefore` to `notAfter` (ISO dates), for the DNS names `dns`.
 * Returns { cn, der, pem, point (its public key), keyPem }.
 */
export function certificate({ cn, issuer, notBefore = '2015-05-26T00:00:00Z', notAfter = '2038-01-17T00:00:00Z', dns = [], ca = false }) {
  const keys = keyPair();
  const signer = issuer ?? { cn, point: keys.point };
  const extensions = [];
  if (ca) extensions.push(seq(oid('2.5.29.19'), tlv(0x01, Buffer.from([0xff])), tlv(0x04, seq(tlv(0x01, Buffer.from([0xff]))))));
  if (dns.length) extensions.push(seq(oid('2.5.29.17'), tlv(0x04, seq(...dns.map((d) => tlv(0x82, Buffer.from(d)))))));
  const tbs = seq(
    tlv(0xa0, integer(2)),
    integer(serial++),
    seq(oid('1.2.840.10045.4.3.2')),
    name(signer.cn),
    seq(time(new Date(notBefore)), time(new Date(notAfter))),
    name(cn),
    keys.spki,
    ...(extensions.length ? [tlv(0xa3, seq(...extensions))] : []),
  );
  const signature = createHash('sha256').update(tbs).update(signer.point).digest();
  const der = seq(tbs, seq(oid('1.2.840.10045.4.3.2')), bitString(signature));
  return { cn, der, pem: pem('CERTIFICATE', der), point: keys.point, keyPem: keys.privatePem };
}

/**
 * The certificates a board and its server need: two roots for the package, another CA, the
 * device's, and server(...) for the endpoint's certificate (the wildcard AWS IoT presents).
 */
export function pki() {
  const root1 = certificate({ cn: 'Test Root CA 1', ca: true });
  const root3 = certificate({ cn: 'Test Root CA 3', ca: true });
  const other = certificate({ cn: 'Other Root CA', ca: true });
  const server = ({ issuer, host, notBefore = '2025-09-01T00:00:00Z', notAfter = '2026-08-31T23:59:59Z', dns }) => {
    const wildcard = `*.${host.split('.').slice(1).join('.')}`;
    return certificate({ cn: wildcard, issuer, dns: dns ?? [wildcard], notBefore, notAfter });
  };
  const device = certificate({ cn: 'device', issuer: certificate({ cn: 'AWS IoT Device CA', ca: true }) });
  return { root1, root3, other, server, device };
}
