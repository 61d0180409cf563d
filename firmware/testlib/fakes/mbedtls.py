# Fake of MicroPython's tls module over mbedTLS (extmod/modtls_mbedtls.c, v1.23 to v1.27),
# enforcing what mbedTLS enforces when the client verifies the server:
# - SSLContext(PROTOCOL_TLS_CLIENT) starts at CERT_REQUIRED; load_verify_locations(cadata) and
#   load_cert_chain(cert, key) take positional bytes (PEM, one or more certificates, or one DER),
#   and refuse what does not parse with ValueError("invalid cert") / ValueError("invalid key");
# - wrap_socket without server_hostname under CERT_REQUIRED raises ValueError, as MicroPython does
#   before mbedTLS could skip the name check;
# - the handshake checks the server's chain (the scenario's "server": {"chain": [PEM, ...]}):
#   signed by a loaded CA, inside its validity at the board's clock, issued for server_hostname.
#   A failure raises ValueError with mbedtls_x509_crt_verify_info's text, as the port does.
# Certificates are real DER; the signature is a stand-in that needs no public-key crypto:
# SHA-256 of the to-be-signed bytes and the issuer's public key (testlib/x509.mjs makes them), so
# a CA with the same name but another key does not verify either.
import _board
import hashlib
from binascii import a2b_base64

MBEDTLS_VERSION = "Mbed TLS (emulated)"
PROTOCOL_TLS_CLIENT = 0
PROTOCOL_TLS_SERVER = 1
CERT_NONE = 0
CERT_OPTIONAL = 1
CERT_REQUIRED = 2

# mbedtls_x509_crt_verify_info's strings, in its order (include/mbedtls/x509_crt.h).
_EXPIRED = "The certificate validity has expired"
_CN_MISMATCH = "The certificate Common Name (CN) does not match with the expected CN"
_NOT_TRUSTED = "The certificate is not correctly signed by the trusted CA"
_FUTURE = "The certificate validity starts in the future"
_ORDER = (_EXPIRED, _CN_MISMATCH, _NOT_TRUSTED, _FUTURE)

_SAN = b"\x55\x1d\x11"  # OID 2.5.29.17 subjectAltName
_CN = b"\x55\x04\x03"  # OID 2.5.4.3 commonName


def _tlv(buf, i):
    # (tag, start of the value, end of the value) of the DER element at i.
    tag = buf[i]
    n = buf[i + 1]
    i += 2
    if n & 0x80:
        k = n & 0x7F
        n = int.from_bytes(buf[i : i + k], "big")
        i += k
    if i + n > len(buf):
        raise ValueError("truncated")
    return tag, i, i + n


def _children(buf, start, end):
    out = []
    while start < end:
        tag, s, e = _tlv(buf, start)
        out.append((tag, s, e, start))
        start = e
    return out


def _time(buf, tag, s, e):
    import time

    t = bytes(buf[s:e]).decode()
    if tag == 0x17:  # UTCTime: YYMMDDhhmmssZ, years 1950..2049
        y = int(t[0:2])
        y += 2000 if y < 50 else 1900
        t = t[2:]
    else:  # GeneralizedTime: YYYYMMDDhhmmssZ
        y = int(t[0:4])
        t = t[4:]
    days = time._civil_to_days(y, int(t[0:2]), int(t[2:4]))
    return days * 86400 + int(t[4:6]) * 3600 + int(t[6:8]) * 60 + int(t[8:10])


class _Cert:
    def __init__(self, der):
        der = bytes(der)
        tag, s, e = _tlv(der, 0)
        if tag != 0x30 or e != len(der):
            raise ValueError("not a certificate")
        tbs, _alg, sig = _children(der, s, e)
        self.tbs = der[tbs[3] : tbs[2]]
        self.signature = der[sig[1] + 1 : sig[2]]
        fields = _children(der, tbs[1], tbs[2])
        if fields[0][0] == 0xA0:  # version
            fields = fields[1:]
        _serial, _sigalg, issuer, validity, subject, spki = fields[:6]
        self.issuer = der[issuer[3] : issuer[2]]
        self.subject = der[subject[3] : subject[2]]
        nb, na = _children(der, validity[1], validity[2])
        self.not_before = _time(der, nb[0], nb[1], nb[2])
        self.not_after = _time(der, na[0], na[1], na[2])
        key = _children(der, spki[1], spki[2])[1]
        self.key = der[key[1] + 1 : key[2]]
        self.cn = self._cn(der, subject)
        self.names = []
        for ext in fields[6:]:
            if ext[0] == 0xA3:
                self._extensions(der, ext)

    @staticmethod
    def _cn(der, name):
        for rdn in _children(der, name[1], name[2]):
            for _t, s, e, _h in _children(der, rdn[1], rdn[2]):
                oid, value = _children(der, s, e)
                if der[oid[1] : oid[2]] == _CN:
                    return der[value[1] : value[2]].decode()
        return None

    def _extensions(self, der, ext):
        seq = _children(der, ext[1], ext[2])[0]
        for _t, s, e, _h in _children(der, seq[1], seq[2]):
            parts = _children(der, s, e)
            if der[parts[0][1] : parts[0][2]] == _SAN:
                octets = parts[-1]
                names = _children(der, octets[1], octets[2])[0]
                for tag, ns, ne, _h in _children(der, names[1], names[2]):
                    if tag == 0x82:  # dNSName
                        self.names.append(der[ns:ne].decode())

    def signed_by(self, issuer):
        return self.issuer == issuer.subject and self.signature == hashlib.sha256(self.tbs + issuer.key).digest()


def _pem_blocks(data, label):
    begin = "-----BEGIN %s-----" % label
    end = "-----END %s-----" % label
    text = bytes(data).decode()
    blocks = []
    while begin in text:
        head, text = text.split(begin, 1)
        if end not in text:
            raise ValueError("unterminated PEM")
        body, text = text.split(end, 1)
        blocks.append(a2b_base64("".join(body.split())))
    return blocks


def _certificates(data):
    # mbedtls_x509_crt_parse: PEM with one or more certificates, or a single DER certificate.
    # Any certificate that does not parse fails the whole call in MicroPython.
    data = data.encode() if isinstance(data, str) else bytes(data)
    try:
        if b"-----BEGIN CERTIFICATE-----" in data:
            certs = [_Cert(d) for d in _pem_blocks(data, "CERTIFICATE")]
        else:
            certs = [_Cert(data)]
    except Exception:
        raise ValueError("invalid cert")
    return certs


_KEY_LABELS = ("PRIVATE KEY", "EC PRIVATE KEY", "RSA PRIVATE KEY")


def _key(data):
    # mbedtls_pk_parse_key: PKCS#8, SEC1 or PKCS#1, in PEM or DER; no password.
    data = data.encode() if isinstance(data, str) else bytes(data)
    try:
        for label in _KEY_LABELS:
            if ("-----BEGIN %s-----" % label).encode() in data:
                der = _pem_blocks(data, label)[0]
                break
        else:
            der = data
        tag, _s, e = _tlv(der, 0)
        if tag != 0x30 or e != len(der):
            raise ValueError
    except Exception:
        raise ValueError("invalid key")


def _positional(name, args, kw, n):
    if kw:
        raise TypeError("function doesn't take keyword arguments")
    if len(args) != n:
        raise TypeError("function takes %d positional arguments but %d were given" % (n + 1, len(args) + 1))


def _matches(pattern, host):
    # mbedTLS: exact (case-insensitive), or a wildcard standing for the whole leftmost label.
    pattern = pattern.lower()
    host = host.lower()
    if pattern == host:
        return True
    return pattern.startswith("*.") and "." in host and host.split(".", 1)[1] == pattern[2:]


class SSLContext:
    def __init__(self, protocol):
        self.protocol = protocol
        self.verify_mode = CERT_REQUIRED if protocol == PROTOCOL_TLS_CLIENT else CERT_NONE
        self._cas = []
        self._own = False
        _board.ev("tls_context", protocol)

    def _load_cas(self, cadata):
        certs = _certificates(cadata)
        self._cas.extend(certs)
        _board.ev("tls_cas", [c.cn for c in certs])

    def load_verify_locations(self, *args, **kw):
        _positional("load_verify_locations", args, kw, 1)
        self._load_cas(args[0])

    def load_cert_chain(self, *args, **kw):
        _positional("load_cert_chain", args, kw, 2)
        cert, key = args
        _key(key)  # the port parses the key first
        own = _certificates(cert)
        self._own = True
        _board.ev("tls_own_cert", own[0].cn)

    def wrap_socket(self, sock, server_side=False, do_handshake_on_connect=True, server_hostname=None):
        if sock is None:
            raise TypeError("stream operation not supported")
        if server_hostname is None and self.verify_mode == CERT_REQUIRED and not server_side:
            raise ValueError("CERT_REQUIRED requires server_hostname")
        _board.charge("tls_handshake")
        server = _board.S.get("server", {})
        chain = [_certificates(p)[0] for p in server.get("chain", [])]
        failed = self._verify(chain, server_hostname) if self.verify_mode != CERT_NONE else []
        _board.ev("tls_handshake", server_hostname, self.verify_mode, _board.unix_now(), failed)
        if self.verify_mode == CERT_REQUIRED and not self._cas:
            raise OSError(-0x7680, "SSL - No CA Chain is set, but required to operate")
        if self.verify_mode == CERT_REQUIRED and failed:
            raise ValueError("".join("\n%s\n" % s for s in _ORDER if s in failed))
        if not self._own or server.get("refuses_client"):
            # The server requires a client certificate (AWS IoT does) and sends a fatal alert.
            raise OSError(-0x7780, "SSL - A fatal alert message was received from our peer")
        _board.ev("tls_established", server_hostname)
        return sock

    def _verify(self, chain, hostname):
        if not chain:
            return [_NOT_TRUSTED]
        failed = []
        now = _board.unix_now()
        leaf = chain[0]
        if hostname is not None:
            names = leaf.names or [leaf.cn or ""]
            if not any(_matches(n, hostname) for n in names):
                failed.append(_CN_MISMATCH)
        child = leaf
        rest = chain[1:]
        while True:
            if now > child.not_after:
                failed.append(_EXPIRED)
            if now < child.not_before:
                failed.append(_FUTURE)
            if any(child.signed_by(ca) for ca in self._cas):
                break
            parent = [c for c in rest if child.signed_by(c)]
            if not parent:
                failed.append(_NOT_TRUSTED)
                break
            child = parent[0]
            rest = [c for c in rest if c is not child]
        return failed
