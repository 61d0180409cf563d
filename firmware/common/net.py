# Wi-Fi, TLS and MQTT. Errors are raised as NetError with a cause a person can act on; the Wi-Fi
# password is passed to the radio only, never formatted into a message. What the board's TLS
# stack loads and which errors its port raises come from board.py.
import gc
import network
import time

import board


class NetError(Exception):
    pass


# The ports' STAT_* names (a port lacks some; getattr skips those).
_STATUS = (
    ("STAT_WRONG_PASSWORD", "wrong password"),
    ("STAT_NO_AP_FOUND", "SSID not found"),
    ("STAT_CONNECT_FAIL", "connection failed"),
    ("STAT_BEACON_TIMEOUT", "access point stopped answering"),
    ("STAT_ASSOC_FAIL", "association refused"),
    ("STAT_HANDSHAKE_TIMEOUT", "WPA handshake timed out (wrong password?)"),
    ("STAT_CONNECTING", "still connecting"),
    ("STAT_IDLE", "idle"),
)


def _status_text(s):
    for name, text in _STATUS:
        if s == getattr(network, name, None):
            return text
    return "status %s" % s


def wifi(ssid, password, timeout_s):
    # The access point costs power and RAM and is never used here.
    network.WLAN(network.AP_IF).active(False)
    sta = network.WLAN(network.STA_IF)
    sta.active(True)
    if sta.isconnected():
        return
    sta.connect(ssid, password)
    t0 = time.ticks_ms()
    while not sta.isconnected():
        if time.ticks_diff(time.ticks_ms(), t0) >= timeout_s * 1000:
            raise NetError("Wi-Fi: not connected to '%s' within %d s (%s)" % (ssid, timeout_s, _status_text(sta.status())))
        time.sleep_ms(250)


# lwIP's OSError codes, the same on both ports; board.ERRORS adds its TLS stack's.
_OSERRORS = {
    -1: "server closed the connection (does the policy allow this topic?)",
    -2: "DNS lookup of the endpoint failed",
    103: "connection aborted",
    104: "connection reset by the server",
    110: "timed out",
    113: "host unreachable",
}


def explain(e):
    said = board.explain(e)
    if said:
        return said
    if isinstance(e, IndexError):
        # umqtt reads an empty CONNACK when the server drops the connection.
        return "CONNECT refused: server closed the connection (certificate inactive or not attached to the thing, or the policy does not allow this client id)"
    if isinstance(e, OSError) and e.args:
        code = e.args[0]
        known = board.ERRORS.get(code) or _OSERRORS.get(code)
        return "OSError %s: %s" % (code, known or (e.args[1] if len(e.args) > 1 else "network error"))
    return "%s: %s" % (type(e).__name__, e)


def read(name):
    try:
        with open(name, "rb") as f:
            return f.read()
    except OSError:
        raise NetError("cannot read %s (is it copied to the board?)" % name)


def connect(cfg):
    from umqtt.simple import MQTTClient

    ctx = board.context()
    # Passing the context (not ssl=True) makes umqtt hand the endpoint to wrap_socket as
    # server_hostname: SNI, which AWS IoT requires, and the name a verifying stack checks.
    client = MQTTClient(cfg["thing_name"], cfg["endpoint"], port=cfg["port"], keepalive=cfg["keepalive_s"], ssl=ctx)
    gc.collect()  # the TLS stack allocates its buffers from the small MicroPython heap
    try:
        client.connect()
    except Exception as e:
        raise NetError("MQTT connect to %s:%d as '%s': %s" % (cfg["endpoint"], cfg["port"], cfg["thing_name"], explain(e)))
    return client


def publish(client, topic, payload):
    try:
        # qos=1 waits for PUBACK, so the reading is delivered before it leaves the buffer.
        client.publish(topic, payload, qos=1)
    except Exception as e:
        raise NetError("publish to '%s': %s" % (topic, explain(e)))


def ping(client):
    client.ping()
    client.wait_msg()  # reads the PINGRESP so it does not pile up in the socket


def close(client):
    if client:
        try:
            client.disconnect()
        except Exception:
            pass  # the connection is already gone
