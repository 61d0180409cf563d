# Fake umqtt.simple with the signature of the frozen versions (1.4.0 to 1.7.0): connect()
# takes no timeout before 1.5.0, so the firmware must not pass one. Outcomes come from the
# scenario lists "connect" (after the TLS handshake: "ok", "refused", "hang" for a broker that
# never answers CONNECT, "oserror:N"), "publish" (also "no_puback": the message reached the
# broker, its PUBACK never came back) and "ping". Each exchange that gets an answer costs the
# board's "mqtt_round_trip" (costs_ms).
import _board
import gc_fake


class MQTTException(Exception):
    pass


class _Socket:
    # Stands in for the TCP socket umqtt opens; the TLS fakes only pass it along.
    pass


class MQTTClient:
    def __init__(self, client_id, server, port=0, user=None, password=None, keepalive=0, ssl=None):
        if port == 0:
            port = 8883 if ssl else 1883
        self.ssl = ssl
        self.server = server
        _board.ev("mqtt_client", client_id, server, port, keepalive, type(ssl).__name__)

    def _fail(self, outcome):
        if outcome == "refused":
            # What umqtt does when the server drops the connection after CONNECT.
            raise IndexError("bytes index out of range")
        if outcome == "hang":
            _board.hang()
        if outcome.startswith("oserror:"):
            raise OSError(int(outcome[8:]))

    def connect(self, clean_session=True):
        _board.ev("mqtt_connect", gc_fake.collected)
        sock = _Socket()
        if self.ssl:
            # As every frozen version does: the server name given to the client becomes SNI
            # and, with CERT_REQUIRED, the name the server's certificate is checked against.
            sock = self.ssl.wrap_socket(sock, server_hostname=self.server)
        outcome = _board.next_outcome("connect")
        if outcome != "hang":
            _board.charge("mqtt_round_trip")  # CONNECT, CONNACK
        self._fail(outcome)
        _board.ev("connected")
        return False

    def publish(self, topic, msg, retain=False, qos=0):
        if qos == 2:
            raise AssertionError("umqtt.simple has no qos 2")
        outcome = _board.next_outcome("publish")
        if outcome == "hang":
            _board.hang()
        _board.charge("mqtt_round_trip")  # PUBLISH, PUBACK
        if isinstance(topic, bytes):
            topic = topic.decode()
        if isinstance(msg, bytes):
            msg = msg.decode()
        if outcome == "no_puback":
            # The broker has the message (the cloud stores it); the board never learns.
            _board.ev("publish", topic, msg, qos, retain)
            _board.ev("puback_lost")
            raise OSError(104)  # the connection went before the PUBACK came
        self._fail(outcome)
        _board.ev("publish", topic, msg, qos, retain)

    def ping(self):
        outcome = _board.next_outcome("ping")
        if outcome != "hang":
            _board.charge("mqtt_round_trip")
        self._fail(outcome)
        _board.ev("ping")

    def wait_msg(self):
        _board.ev("wait_msg")
        return None

    def disconnect(self):
        _board.ev("disconnect")
