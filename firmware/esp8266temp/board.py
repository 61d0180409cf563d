# The ESP8266 with a DS18B20 (or a DHT22): what the shared modules of firmware/common/ ask of a
# board. The TLS stack is axTLS: DER files, an RSA key as PKCS#1, no CA, no server check.
import machine

import sensor

MEASURES = ("temperature",)
# A kept reading (buffer.py): the temperature in hundredths as an int16, -5500..12500.
PACKING = "h"
RTC_BYTES = 492  # RTC().memory() on the esp8266 port
# Virtual timers only (id -1). The hardware WDT is fixed at 5 s, shorter than a handshake; the
# port runs timer callbacks while a socket blocks (on the README's hardware checklist).
GUARD_TIMER = -1
MAX_SLEEP_S = 4200  # machine.deepsleep overflows past ~71 minutes
CLOCK_FOR_TLS = False  # axTLS checks no certificate dates
DEFAULTS = {"sensor": "ds18b20", "pin": 14}
SENSORS = ("ds18b20", "dht22")
SensorError = sensor.SensorError

# OSError codes of axTLS.
ERRORS = {
    -40: "TLS alert from the server (certificate not accepted?)",
    -256: "connection lost during the TLS handshake (low RAM, or certificate not accepted)",
    -257: "TLS record overflow",
}


def check(cfg):
    from settings import ConfigError, whole

    if cfg["sensor"] not in SENSORS:
        raise ConfigError("'sensor' must be one of %s" % ", ".join(SENSORS))
    whole(cfg, "pin", 0, 16)


def describe(cfg):
    return "%s on GPIO%d" % (cfg["sensor"], cfg["pin"])


def start():
    machine.freq(160000000)  # the TLS handshake is CPU-bound


def read(cfg):
    return (("temperature", sensor.read(cfg["sensor"], cfg["pin"])),)


def explain(e):
    return None  # nothing beyond net.py's and ERRORS


def context():
    import ssl
    from net import NetError, explain, read

    # DER only, and the key as PKCS#1; no CA is loaded to save RAM.
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    try:
        ctx.load_cert_chain(read("cert.der"), read("key.der"))
    except NetError:
        raise
    except Exception as e:
        raise NetError("cert.der/key.der rejected (DER certificate, PKCS#1 RSA key needed): %s" % explain(e))
    return ctx
