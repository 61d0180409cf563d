# Fake ssl module of a MicroPython port built on axTLS: the certificate and key as DER bytes
# (the key as PKCS#1), no CA, no verification of the server. The scenario's "key_rejected"
# makes load_cert_chain fail as axTLS does on a key it cannot parse.
import _board
from binascii import hexlify

PROTOCOL_TLS_CLIENT = 0
PROTOCOL_TLS_SERVER = 1


class SSLContext:
    def __init__(self, protocol):
        self.protocol = protocol
        self.loaded = False
        _board.ev("ssl_context", protocol)

    def load_cert_chain(self, certfile, keyfile):
        if not isinstance(certfile, (bytes, bytearray)) or not isinstance(keyfile, (bytes, bytearray)):
            raise TypeError("axTLS takes the certificate and key as bytes")
        _board.ev("load_cert_chain", hexlify(certfile).decode(), hexlify(keyfile).decode())
        if _board.S.get("key_rejected"):
            raise ValueError("invalid key")
        self.loaded = True

    def wrap_socket(self, sock, server_side=False, do_handshake_on_connect=True, server_hostname=None):
        _board.charge("tls_handshake")
        _board.ev("wrap_socket", server_hostname, self.loaded)
        return sock
