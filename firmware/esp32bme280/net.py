# Wi-Fi, TLS that verifies the server, and MQTT. Errors are raised as NetError with a cause a
# person can act on; the Wi-Fi password is passed to the radio only, never formatted into a message.
import gc
import network
import time


class NetError(Exception):
    pass


def _status_text(s):
    for name, text in (
        ("STAT_WRONG_PASSWORD", "wrong password"),
        ("STAT_NO_AP_FOUND", "SSID not found"),
        ("STAT_BEACON_TIMEOUT", "access point stopped answering"),
        ("STAT_ASSOC_FAIL", "association refused"),
        ("STAT_HANDSHAKE_TIMEOUT", "WPA handshake timed out (wrong password?)"),
        ("STAT_CONNECTING", "still connecting"),
        ("STAT_IDLE", "idle"),
    ):
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


# OSError codes seen from the esp32 port (lwIP, and mbedTLS's negative codes).
_OSERRORS = {
    -2: "DNS lookup of the endpoint failed",
    -202: "DNS lookup of the endpoint failed",
    -1: "server closed the connection (does the policy allow this topic?)",
    -0x7680: "no CA loaded (ca.pem)",
    -0x7780: "TLS alert from the server (certificate not accepted?)",
    -0x7880: "server closed the TLS connection",
    103: "connection aborted",
    104: "connection reset by the server",
    110: "timed out",
    113: "host unreachable",
    118: "host unreachable",
}


def explain(e):
    if isinstance(e, IndexError):
        # umqtt reads an empty CONNACK when the server drops the connection.
        return "CONNECT refused: server closed the connection (certificate inactive or not attached to the thing, or the policy does not allow this client id)"
    if isinstance(e, ValueError):
        # The port raises mbedTLS's verification result as a ValueError, one reason a line.
        reasons = "; ".join(line for line in str(e).split("\n") if line)
        return "server certificate refused: %s (ca.pem, the endpoint's name and the clock decide)" % reasons
    if isinstance(e, OSError) and e.args:
        code = e.args[0]
        return "OSError %s: %s" % (code, _OSERRORS.get(code, e.args[1] if len(e.args) > 1 else "network error"))
    return "%s: %s" % (type(e).__name__, e)


def _read(name):
    try:
        with open(name, "rb") as f:
            return f.read()
    except OSError:
        raise NetError("cannot read %s (is it copied to the board?)" % name)


def _context():
    # From v1.23 the tls module has SSLContext; v1.22 had it in ssl. Both start verification
    # only with verify_mode = CERT_REQUIRED, which needs a CA, a server_hostname (umqtt passes
    # the endpoint) and a set clock.
    try:
        import tls

        by_keyword = False
    except ImportError:
        import ssl as tls

        by_keyword = True
    ctx = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT)
    ctx.verify_mode = tls.CERT_REQUIRED
    ca = _read("ca.pem")
    try:
        # tls takes cadata positionally only (a keyword raises TypeError); ssl by keyword only.
        if by_keyword:
            ctx.load_verify_locations(cadata=ca)
        else:
            ctx.load_verify_locations(ca)
    except ValueError as e:
        raise NetError("ca.pem rejected (PEM certificates needed): %s" % e)
    cert = _read("cert.pem")
    key = _read("key.pem")
    try:
        ctx.load_cert_chain(cert, key)
    except ValueError as e:
        raise NetError("cert.pem/key.pem rejected (PEM certificate and key needed): %s" % e)
    return ctx


def connect(cfg):
    from umqtt.simple import MQTTClient

    ctx = _context()
    # umqtt hands the server name to wrap_socket as server_hostname: SNI for AWS IoT, and the
    # name mbedTLS checks the certificate against. So the endpoint, never an address.
    client = MQTTClient(cfg["thing_name"], cfg["endpoint"], port=cfg["port"], keepalive=cfg["keepalive_s"], ssl=ctx)
    gc.collect()
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
