# Reads config.json, the only per-device file besides cert.pem, key.pem and ca.pem.
# Error messages name keys but never echo values: config.json holds the Wi-Fi password.
import json

REQUIRED = ("thing_name", "endpoint", "port", "topic", "wifi_ssid", "wifi_password")

# Same names and defaults as contract.json beside this file, which the Java side reads.
DEFAULTS = {
    "i2c_sda": 21,
    "i2c_scl": 22,
    "i2c_address": 118,
    "mode": "deepsleep",
    "interval_s": 300,
    "wifi_timeout_s": 20,
    "keepalive_s": 60,
    "backoff_base_s": 5,
    "backoff_cap_s": 600,
    "max_failures": 10,
    "ntp_host": "pool.ntp.org",
}

MODES = ("deepsleep", "always_on")
# The BME280's address is 0x76 with SDO to GND, 0x77 with SDO to VDDIO.
ADDRESSES = (0x76, 0x77)


class ConfigError(Exception):
    pass


def _int(cfg, key, lo, hi):
    v = cfg[key]
    if type(v) is not int or not lo <= v <= hi:
        raise ConfigError("'%s' must be a whole number within %d..%d" % (key, lo, hi))


def load(path="config.json"):
    try:
        with open(path) as f:
            cfg = json.load(f)
    except OSError:
        raise ConfigError("%s not found next to main.py" % path)
    except ValueError:
        raise ConfigError("%s is not valid JSON" % path)
    if not isinstance(cfg, dict):
        raise ConfigError("%s must hold a JSON object" % path)
    for key in REQUIRED:
        if key not in cfg:
            raise ConfigError("missing required key '%s' in %s" % (key, path))
    for key in DEFAULTS:
        if key not in cfg:
            cfg[key] = DEFAULTS[key]
    for key in ("thing_name", "endpoint", "topic", "wifi_ssid", "ntp_host"):
        if not isinstance(cfg[key], str) or not cfg[key]:
            raise ConfigError("'%s' must be a non-empty string" % key)
    # An empty password is allowed: open networks have none.
    if not isinstance(cfg["wifi_password"], str):
        raise ConfigError("'wifi_password' must be a string")
    if cfg["mode"] not in MODES:
        raise ConfigError("'mode' must be one of %s" % ", ".join(MODES))
    _int(cfg, "port", 1, 65535)
    # GPIO 34..39 are input only: I2C needs open-drain outputs.
    _int(cfg, "i2c_sda", 0, 33)
    _int(cfg, "i2c_scl", 0, 33)
    if cfg["i2c_sda"] == cfg["i2c_scl"]:
        raise ConfigError("'i2c_sda' and 'i2c_scl' must be different pins")
    if cfg["i2c_address"] not in ADDRESSES or type(cfg["i2c_address"]) is not int:
        raise ConfigError("'i2c_address' must be 118 (0x76) or 119 (0x77)")
    _int(cfg, "keepalive_s", 30, 1200)  # the range AWS IoT accepts
    _int(cfg, "interval_s", 2, 86400)
    for key in ("wifi_timeout_s", "backoff_base_s", "backoff_cap_s", "max_failures"):
        _int(cfg, key, 1, 86400)
    if cfg["backoff_cap_s"] < cfg["backoff_base_s"]:
        raise ConfigError("'backoff_cap_s' must not be below 'backoff_base_s'")
    return cfg
