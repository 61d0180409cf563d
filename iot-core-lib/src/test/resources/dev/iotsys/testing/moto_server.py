"""Starts moto's server for the iotsys integration tests and the demo.

Run as: python3 moto_server.py [--ca DIR] HOST PORT
    or: python3 moto_server.py --make-ca DIR [CA_NAME]

Kept as a launcher (rather than `python3 -m moto.server`) so that test-only corrections of moto can
be applied in one place before the server starts.

The test CA: AWS IoT signs device certificates with a CA of its own, and the devices' broker trusts
that CA's clients. Here one CA plays both parts: moto's CreateCertificateFromCsr signs with it, and
the local Mosquitto broker of the tests and the demo trusts the devices it signed and presents a
certificate it issued. `--make-ca DIR` writes that CA into DIR once (a folder that exists is left
alone): ca.pem and ca.key, broker.pem and broker.key (for localhost and 127.0.0.1),
subscriber.pem and subscriber.key (a test-side client, CN=iotsys-test-subscriber). `--ca DIR`
makes the server sign with DIR's CA; without it a CA is made in memory for the server's lifetime.
"""
import functools
import inspect
import os
import shutil
import sys
import tempfile
import threading
from datetime import datetime, timedelta, timezone
from ipaddress import IPv4Address

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

SUBSCRIBER = "iotsys-test-subscriber"

_CA = []


def _key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(common_name):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _issue(ca_cert, ca_key, subject, public_key, days, extensions=()):
    now = datetime.now(timezone.utc)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca_cert.subject)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
    )
    for extension in extensions:
        builder = builder.add_extension(extension, critical=False)
    return builder.sign(ca_key, hashes.SHA256())


def _new_ca(common_name):
    key = _key()
    now = datetime.now(timezone.utc)
    identifier = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(_name(common_name))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .add_extension(identifier, critical=False)
        .sign(key, hashes.SHA256())
    )
    return cert, key


def _write(folder, name, data):
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def _pem_cert(cert):
    return cert.public_bytes(serialization.Encoding.PEM)


def _pem_key(key):
    # PKCS#8: what the JDK reads without help; OpenSSL (Mosquitto) reads it too.
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def make_ca(folder, common_name="iotsys test CA"):
    """Writes the CA, a broker and a subscriber certificate into folder, unless it exists.

    The files are made in a temporary folder that is then renamed: two test JVMs making the same
    folder at once end with one complete set, never a CA from one and a broker from the other.
    """
    if os.path.isdir(folder):
        return
    parent = os.path.dirname(os.path.abspath(folder))
    os.makedirs(parent, exist_ok=True)
    temp = tempfile.mkdtemp(dir=parent, prefix=".test-ca-")
    cert, key = _new_ca(common_name)
    broker_key = _key()
    broker = _issue(
        cert,
        key,
        _name("localhost"),
        broker_key.public_key(),
        3650,
        [
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(IPv4Address("127.0.0.1"))]
            ),
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]),
        ],
    )
    subscriber_key = _key()
    subscriber = _issue(
        cert,
        key,
        _name(SUBSCRIBER),
        subscriber_key.public_key(),
        3650,
        [x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH])],
    )
    _write(temp, "ca.pem", _pem_cert(cert))
    _write(temp, "ca.key", _pem_key(key))
    _write(temp, "broker.pem", _pem_cert(broker))
    _write(temp, "broker.key", _pem_key(broker_key))
    _write(temp, "subscriber.pem", _pem_cert(subscriber))
    _write(temp, "subscriber.key", _pem_key(subscriber_key))
    try:
        os.rename(temp, folder)
    except OSError:
        # Another process made the folder first: its set is as good as this one.
        shutil.rmtree(temp, ignore_errors=True)
        if not os.path.isdir(folder):
            raise


def _load_ca(folder):
    with open(os.path.join(folder, "ca.pem"), "rb") as f:
        cert = x509.load_pem_x509_certificate(f.read())
    with open(os.path.join(folder, "ca.key"), "rb") as f:
        key = serialization.load_pem_private_key(f.read(), password=None)
    return cert, key


def _ca():
    if not _CA:
        _CA.append(_new_ca("Moto test CA"))
    return _CA[0]


def _create_certificate_from_csr(self, csr, set_as_active):
    """Test-only correction of two moto defects in CreateCertificateFromCsr (moto 5.2.1).

    1. moto signs a certificate for a fresh random key instead of the CSR's public key, so the
       certificate never matches the key that requested it. AWS IoT certifies the CSR's key; this
       replacement does the same, issued by the test CA (see the module's documentation). The
       CSR's key may be RSA or EC P-256, as AWS IoT accepts both: the certificate certifies
       whichever it holds (the CA signs with its own RSA key either way), so nothing here depends
       on the device key's algorithm.
    2. moto passes the query parameter setAsActive on as the string "false", which is truthy, so
       every certificate comes out ACTIVE. AWS creates it INACTIVE unless setAsActive is true.
    """
    request = x509.load_pem_x509_csr(csr.encode("utf-8"))
    ca_cert, ca_key = _ca()
    certificate = _issue(
        ca_cert,
        ca_key,
        request.subject,
        request.public_key(),
        365,
        [x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH])],
    )
    pem = certificate.public_bytes(serialization.Encoding.PEM).decode("utf-8")
    active = set_as_active is True or str(set_as_active).lower() == "true"
    return self.register_certificate(
        pem, ca_certificate_pem=None, set_as_active=active, status="INACTIVE"
    )


def _one_request_at_a_time(dispatcher_class):
    """Serves one request at a time, as one AWS account answers each request whole.

    moto's server answers on a thread per request, and its handlers walk shared dicts (the IoT
    backend's certificates, things and principals) while other requests add to them and delete
    from them. Under a fleet's concurrent `sensor add` or `remove` it then answers HTTP 500 with a
    web page saying "OrderedDict mutated during iteration". A lock over the IoT backend's own
    methods (what this launcher held before) leaves the rest of a request unguarded: the answer is
    put together from the live objects a method returned after its lock is released, and other
    services and moto's own dispatch share state too. AWS has no such race, and a test that meets
    it fails for moto's sake, so one lock is held around each whole request: dispatch, handler and
    answer. moto keeps everything in memory and answers in milliseconds, so the tests lose nothing
    they measure; requests still arrive concurrently, and the clients' pacing is unchanged.
    """
    lock = threading.Lock()
    dispatch = dispatcher_class.__call__

    @functools.wraps(dispatch)
    def serialized(self, environ, start_response):
        with lock:
            answer = dispatch(self, environ, start_response)
            try:
                return [b"".join(answer)]
            finally:
                close = getattr(answer, "close", None)
                if close is not None:
                    close()

    dispatcher_class.__call__ = serialized


def _one_endpoint_per_account(backend_class):
    """Answers DescribeEndpoint with one host per endpoint type for the account, as AWS IoT does.

    moto makes up a new random host on every DescribeEndpoint, so each `sensor add` would write
    another endpoint into an unchanged sensor's device package (reported `UPDATED ... device
    package`), and no test could show that a second, unchanged `sensor add` writes nothing. AWS
    gives an account one iot:Data-ATS host per region, for good; here the first answer of a
    backend (one account in one region) is kept until moto is reset.
    """
    describe = backend_class.describe_endpoint

    @functools.wraps(describe)
    def stable(self, endpoint_type):
        kept = self.__dict__.setdefault("_iotsys_endpoints", {})
        if endpoint_type not in kept:
            kept[endpoint_type] = describe(self, endpoint_type)
        return kept[endpoint_type]

    backend_class.describe_endpoint = stable


def _query_reads_partition(table_class):
    """Makes a Query on a table's own key read only the hash key's partition, as DynamoDB does.

    A cost difference, not a difference in answers. moto 5.2.1's Table.query finds a partition's
    items by walking and sorting every item of the table (`self.all_items()`), so each Query costs
    in proportion to the whole table: about 50 ms with 3,600 items and 2 s with a day of 300
    sensors (86,400) on a busy 2-core machine, where DynamoDB reads one partition. A fleet read (one Query per sensor) then
    measures moto, not iotsys. moto keeps a table's items by partition (`items[hash_key]`, a dict
    of the range keys when there is a range key), so the same Query code of moto's runs here on a
    view of the table that holds that one partition: its sorting, Limit, ExclusiveStartKey, key
    conditions, filters and projection are moto's own, unchanged. A Query on an index, or one
    without a hash key, goes to moto's code as it is.
    """
    query = table_class.query
    signature = inspect.signature(query)

    class Partition:
        """The table as moto's Query sees it, holding only one partition."""

        all_items = table_class.all_items

        def __init__(self, table, hash_key):
            self._table = table
            # .get: the table's items are a defaultdict, and a lookup by [] would add an empty
            # partition to the table for every Query of a device without readings.
            partition = table.items.get(hash_key)
            self.items = {} if partition is None else {hash_key: partition}

        def __getattr__(self, name):
            return getattr(self._table, name)

    @functools.wraps(query)
    def partition_query(self, *args, **kwargs):
        call = signature.bind(self, *args, **kwargs)
        hash_key = call.arguments.get("hash_key")
        if call.arguments.get("index_name") or hash_key is None:
            return query(self, *args, **kwargs)
        return query(Partition(self, hash_key), *args, **kwargs)

    table_class.query = partition_query


def _serve(args):
    from moto.core.config import default_user_config
    from moto.dynamodb.models.table import Table
    from moto.iot.models import IoTBackend
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication
    from moto.server import main

    if args[0] == "--ca":
        _CA.append(_load_ca(args[1]))
        args = args[2:]
    IoTBackend.create_certificate_from_csr = _create_certificate_from_csr
    _one_request_at_a_time(DomainDispatcherApplication)
    _one_endpoint_per_account(IoTBackend)
    _query_reads_partition(Table)
    # As AWS IoT does, a certificate's id is the SHA-256 of its DER form (moto's default hashes
    # the PEM text), so a device's certificate can be matched to the id AWS lists.
    default_user_config["iot"]["use_valid_cert"] = True
    host, port = args[0], args[1]
    main(["-H", host, "-p", port])


if __name__ == "__main__":
    if sys.argv[1] == "--make-ca":
        # An optional name tells CAs apart: two CAs of one name confuse a verifier's path search.
        make_ca(sys.argv[2], *sys.argv[3:4])
    else:
        _serve(sys.argv[1:])
