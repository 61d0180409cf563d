# The ESP32 with a BME280: what the shared modules of firmware/common/ ask of a board. The TLS
# stack is mbedTLS, which verifies AWS IoT's certificate: against ca.pem, for the endpoint's
# name, and at the board's clock, so the clock must be set before a handshake.
import machine

import bme280

MEASURES = ("temperature", "humidity", "pressure")
# A kept reading (buffer.py), in hundredths: temperature int16 (-4000..8500), humidity int16
# (0..10000), pressure in hPa int32 (30000..110000).
PACKING = "hhi"
RTC_BYTES = 2048  # RTC().memory() on the esp32 port
# Hardware timers only (from v1.27 Timer(-1) raises ValueError). The port runs timer callbacks
# from the scheduler, which its sockets poll every 100 ms while they wait
# (ports/esp32/modsocket.c), so a hung read cannot keep the board stuck; and umqtt's connect()
# has no timeout before umqtt.simple 1.5.0 (MicroPython 1.23 and 1.24 freeze 1.4.0).
GUARD_TIMER = 0
MAX_SLEEP_S = None
CLOCK_FOR_TLS = True
DEFAULTS = {"i2c_sda": 21, "i2c_scl": 22, "i2c_address": 118}
# The BME280's address is 0x76 with SDO to GND, 0x77 with SDO to VDDIO.
ADDRESSES = (0x76, 0x77)
SensorError = bme280.SensorError

# OSError codes of the esp32 port beyond lwIP's: its DNS, and mbedTLS's negative codes.
ERRORS = {
    -202: "DNS lookup of the endpoint failed",
    -0x7680: "no CA loaded (ca.pem)",
    -0x7780: "TLS alert from the server (certificate not accepted?)",
    -0x7880: "server closed the TLS connection",
    118: "host unreachable",
}


def check(cfg):
    from settings import ConfigError, whole

    # GPIO 34..39 are input only: I2C needs open-drain outputs.
    whole(cfg, "i2c_sda", 0, 33)
    whole(cfg, "i2c_scl", 0, 33)
    if cfg["i2c_sda"] == cfg["i2c_scl"]:
        raise ConfigError("'i2c_sda' and 'i2c_scl' must be different pins")
    if cfg["i2c_address"] not in ADDRESSES or type(cfg["i2c_address"]) is not int:
        raise ConfigError("'i2c_address' must be 118 (0x76) or 119 (0x77)")


def describe(cfg):
    return "BME280 at 0x%02x on SDA GPIO%d, SCL GPIO%d" % (cfg["i2c_address"], cfg["i2c_sda"], cfg["i2c_scl"])


def start():
    pass


def read(cfg):
    i2c = machine.I2C(0, scl=machine.Pin(cfg["i2c_scl"]), sda=machine.Pin(cfg["i2c_sda"]))
    pins = "SDA GPIO%d, SCL GPIO%d" % (cfg["i2c_sda"], cfg["i2c_scl"])
    return bme280.read(i2c, cfg["i2c_address"], pins)


def explain(e):
    if isinstance(e, ValueError):
        # The port raises mbedTLS's verification result as a ValueError, one reason a line.
        reasons = "; ".join(line for line in str(e).split("\n") if line)
        return "server certificate refused: %s (ca.pem, the endpoint's name and the clock decide)" % reasons
    return None


def context():
    from net import NetError, read

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
    ca = read("ca.pem")
    try:
        # tls takes cadata positionally only (a keyword raises TypeError); ssl by keyword only.
        if by_keyword:
            ctx.load_verify_locations(cadata=ca)
        else:
            ctx.load_verify_locations(ca)
    except ValueError as e:
        raise NetError("ca.pem rejected (PEM certificates needed): %s" % e)
    cert = read("cert.pem")
    key = read("key.pem")
    try:
        ctx.load_cert_chain(cert, key)
    except ValueError as e:
        raise NetError("cert.pem/key.pem rejected (PEM certificate and key needed): %s" % e)
    return ctx
