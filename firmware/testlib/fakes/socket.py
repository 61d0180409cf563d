# Fake socket, for the UDP exchange of NTP (the MQTT connection is umqtt's fake). Each query
# takes the next entry of the scenario's "ntp" list: "ok" (the server answers with the Unix
# time "ntp_unix"), "timeout" (no answer: the socket's timeout passes on the virtual clock),
# "dns" (the name does not resolve) or "short" (a truncated answer). An answer costs the
# board's "ntp_query" (costs_ms): the DNS lookup and one round trip.
import _board
import struct

AF_INET = 2
SOCK_STREAM = 1
SOCK_DGRAM = 2
_NTP_1900_TO_1970 = 2208988800


def getaddrinfo(host, port, af=0, type=0, proto=0, flags=0):
    outcome = _board.next_outcome("ntp") if port == 123 else "ok"
    _board.ev("getaddrinfo", host, port)
    if outcome == "dns":
        raise OSError(_board.B.get("dns_error", -2))
    _Answer.pending = outcome
    return [(AF_INET, SOCK_DGRAM, 0, "", ("192.0.2.123", port))]


class _Answer:
    pending = "ok"


class socket:
    def __init__(self, af=AF_INET, type=SOCK_STREAM, proto=0):
        self._timeout = None
        self._outcome = _Answer.pending

    def settimeout(self, t):
        self._timeout = t

    def sendto(self, data, addr):
        _board.ev("ntp_query", addr[1], len(data))
        return len(data)

    def recv(self, n):
        if self._outcome == "timeout":
            if self._timeout is None:
                _board.hang()
            _board.advance(int(self._timeout * 1000))
            raise OSError(110)  # ETIMEDOUT
        _board.charge("ntp_query")
        msg = bytearray(48)
        msg[0] = 0x24  # no leap warning, NTPv4, server
        struct.pack_into("!I", msg, 40, _board.true_unix() + _NTP_1900_TO_1970)
        return bytes(msg[:20]) if self._outcome == "short" else bytes(msg[:n])

    def close(self):
        pass
