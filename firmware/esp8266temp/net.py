# Wi-Fi, TLS and MQTT. Errors are raised as NetError with a cause a person can act on;
# the Wi-Fi password is passed to the radio only, never formatted into a message.
import gc
import network
import time


class NetError(Exception):
    pass


def _status_text(s):
    for name, text in (
        ("STAT_WRONG_PASSWORD", "wrong password"),
        ("STAT_NO_AP_FOUND", "SSID not found"),
        ("STAT_CONNECT_FAIL", "connection failed"),
        ("STAT_CONNECTING", "still connecting"),
        ("STAT_IDLE", "idle"),
    ):
        if s == getattr(network, name, None):
            return text
    return "status %s" % s


def wifi(ssid, password, timeout_s):
    # The default access point costs power and RAM and is never used here.
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


# OSError codes seen from the esp8266 port (axTLS and lwIP).
_OSERRORS = {
    -1: "server closed the connection (does the policy allow this topic?)",
    -2: "DNS lookup of the endpoint failed",
    -40: "TLS alert from the server (certificate not accepted?)",
    -256: "connection lost during the TLS handshake (low RAM, or certificate not accepted)",
    -257: "TLS record overflow",
    103: "connection aborted",
    104: "connection reset by the server",
    110: "timed out",
    113: "host unreachable",
}


def explain(e):
    if isinstance(e, IndexError):
        # umqtt reads an empty CONNACK when the server drops the connection.
        return "CONNECT refused: server closed the connection (certificate inactive or not attached to the thing, or the policy does not allow this client id)"
    if isinstance(e, OSError) and e.args:
        code = e.args[0]
        return "OSError %s: %s" % (code, _OSERRORS.get(code, "network error"))
    return "%s: %s" % (type(e).__name__, e)


def _read(name):
    try:
        with open(name, "rb") as f:
            return f.read()
    except OSError:
        raise NetError("cannot read %s (is it copied to the board?)" % name)


def connect(cfg):
    import ssl
    from umqtt.simple import MQTTClient

    # axTLS takes DER only, and the key as PKCS#1; no CA is loaded to save RAM.
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    try:
        ctx.load_cert_chain(_read("cert.der"), _read("key.der"))
    except NetError:
        raise
    except Exception as e:
        raise NetError("cert.der/key.der rejected (DER certificate, PKCS#1 RSA key needed): %s" % explain(e))
    # Passing the context (not ssl=True) makes umqtt send SNI, which AWS IoT requires.
    client = MQTTClient(cfg["thing_name"], cfg["endpoint"], port=cfg["port"], keepalive=cfg["keepalive_s"], ssl=ctx)
    gc.collect()  # axTLS allocates its buffers from the small MicroPython heap
    try:
        client.connect()
    except Exception as e:
        raise NetError("MQTT connect to %s:%d as '%s': %s" % (cfg["endpoint"], cfg["port"], cfg["thing_name"], explain(e)))
    return client


def publish(client, topic, payload):
    try:
        # qos=1 waits for PUBACK, so the reading is delivered before the board sleeps.
        client.publish(topic, payload, qos=1)
    except Exception as e:
        raise NetError("publish to '%s': %s" % (topic, explain(e)))
    return payload


def ping(client):
    client.ping()
    client.wait_msg()  # reads the PINGRESP so it does not pile up in the socket


def close(client):
    if client:
        try:
            client.disconnect()
        except Exception:
            pass  # the connection is already gone
