"""Starts moto's server for the iotsys integration tests.

Run as: python3 moto_server.py HOST PORT. Kept as a launcher (rather than `python3 -m moto.server`)
so that test-only corrections of moto can be applied in one place before the server starts.
"""
import sys
from datetime import datetime, timedelta, timezone

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from moto.iot.models import IoTBackend
from moto.server import main

_CA_KEY = []


def _ca_key():
    """One throwaway CA key per server: making a 2048-bit key per certificate costs ~0.1 s of CPU
    that a test machine shares with the client under test."""
    if not _CA_KEY:
        _CA_KEY.append(rsa.generate_private_key(public_exponent=65537, key_size=2048))
    return _CA_KEY[0]


def _create_certificate_from_csr(self, csr, set_as_active):
    """Test-only correction of two moto defects in CreateCertificateFromCsr (moto 5.2.1).

    1. moto signs a certificate for a fresh random key instead of the CSR's public key, so the
       certificate never matches the key that requested it. AWS IoT certifies the CSR's key; this
       replacement does the same (issuer: a throwaway CA key, made once per server).
    2. moto passes the query parameter setAsActive on as the string "false", which is truthy, so
       every certificate comes out ACTIVE. AWS creates it INACTIVE unless setAsActive is true.
    """
    request = x509.load_pem_x509_csr(csr.encode("utf-8"))
    now = datetime.now(timezone.utc)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(request.subject)
        .issuer_name(x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "Moto test CA")]))
        .public_key(request.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=365))
        .sign(_ca_key(), hashes.SHA256())
    )
    pem = certificate.public_bytes(serialization.Encoding.PEM).decode("utf-8")
    active = set_as_active is True or str(set_as_active).lower() == "true"
    return self.register_certificate(
        pem, ca_certificate_pem=None, set_as_active=active, status="INACTIVE"
    )


IoTBackend.create_certificate_from_csr = _create_certificate_from_csr

if __name__ == "__main__":
    host, port = sys.argv[1], sys.argv[2]
    main(["-H", host, "-p", port])
