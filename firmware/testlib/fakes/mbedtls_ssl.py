# Fake of the ssl module MicroPython built on mbedTLS before the tls module existed
# (extmod/modssl_mbedtls.c, v1.22): the same verification as the tls fake, but the context
# starts at CERT_NONE and load_verify_locations takes (cafile=None, *, cadata=None).
import mbedtls
from mbedtls import PROTOCOL_TLS_CLIENT, PROTOCOL_TLS_SERVER, CERT_NONE, CERT_OPTIONAL, CERT_REQUIRED


class SSLContext(mbedtls.SSLContext):
    def __init__(self, protocol):
        super().__init__(protocol)
        self.verify_mode = CERT_NONE

    def load_verify_locations(self, cafile=None, *, cadata=None):
        if cafile is not None:
            with open(cafile, "rb") as f:
                self._load_cas(f.read())
        if cadata is not None:
            self._load_cas(cadata)
