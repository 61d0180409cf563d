# Reads config.json, the only per-device file besides cert.der and key.der.
# Error messages name keys but never echo values: config.json holds the Wi-Fi password.
import json

REQUIRED = ("thing_name", "endpoint", "port", "topic", "wifi_ssid", "wifi_password")

# Same names and defaults as contract.json beside this file, which the Java side reads.
DEFAULTS = {
    "sensor": "ds18b20",
    "pin": 14,
    "mode": "deepsleep",
    "interval_s": 300,
    "wifi_timeout_s": 20,
    "keepalive_s": 60,
    "backoff_base_s": 5,
    "backoff_cap_s": 600,
    "max_failures": 10,
}

SENSORS = ("ds18b20", "dht22")
MODES = ("deepsleep", "always_on")


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
    for key in ("thing_name", "endpoint", "topic", "wifi_ssid"):
        if not isinstance(cfg[key], str) or not cfg[key]:
            raise ConfigError("'%s' must be a non-empty string" % key)
    # An empty password is allowed: open networks have none.
    if not isinstance(cfg["wifi_password"], str):
        raise ConfigError("'wifi_password' must be a string")
    for key in DEFAULTS:
        if key not in cfg:
            cfg[key] = DEFAULTS[key]
    if cfg["sensor"] not in SENSORS:
        raise ConfigError("'sensor' must be one of %s" % ", ".join(SENSORS))
    if cfg["mode"] not in MODES:
        raise ConfigError("'mode' must be one of %s" % ", ".join(MODES))
    _int(cfg, "port", 1, 65535)
    _int(cfg, "pin", 0, 16)
    _int(cfg, "keepalive_s", 30, 1200)  # the range AWS IoT accepts
    # The DHT22 allows one read per 2 s.
    _int(cfg, "interval_s", 2, 86400)
    for key in ("wifi_timeout_s", "backoff_base_s", "backoff_cap_s", "max_failures"):
        _int(cfg, key, 1, 86400)
    if cfg["backoff_cap_s"] < cfg["backoff_base_s"]:
        raise ConfigError("'backoff_cap_s' must not be below 'backoff_base_s'")
    return cfg
