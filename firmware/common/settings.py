# Reads config.json, the only per-device file besides the TLS files board.py reads. Error
# messages name keys but never echo values: config.json holds the Wi-Fi password.
import json

import message

REQUIRED = ("thing_name", "endpoint", "port", "topic", "wifi_ssid", "wifi_password")

# With board.DEFAULTS, the same names and defaults as the settings of the type's contract.json,
# which the Java side reads.
DEFAULTS = {
    "mode": "deepsleep",
    "interval_s": 300,
    "wifi_timeout_s": 20,
    "keepalive_s": 60,
    "backoff_base_s": 5,
    "backoff_cap_s": 600,
    "max_failures": 10,
    "ntp_host": "pool.ntp.org",
    "publish_every": 1,
}

MODES = ("deepsleep", "always_on")


class ConfigError(Exception):
    pass


def whole(cfg, key, lo, hi):
    v = cfg[key]
    if type(v) is not int or not lo <= v <= hi:
        raise ConfigError("'%s' must be a whole number within %d..%d" % (key, lo, hi))


def load(path="config.json"):
    import board

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
    for defaults in (DEFAULTS, board.DEFAULTS):
        for key in defaults:
            if key not in cfg:
                cfg[key] = defaults[key]
    for key in ("thing_name", "endpoint", "topic", "wifi_ssid", "ntp_host"):
        if not isinstance(cfg[key], str) or not cfg[key]:
            raise ConfigError("'%s' must be a non-empty string" % key)
    # An empty password is allowed: open networks have none.
    if not isinstance(cfg["wifi_password"], str):
        raise ConfigError("'wifi_password' must be a string")
    board.check(cfg)
    if cfg["mode"] not in MODES:
        raise ConfigError("'mode' must be one of %s" % ", ".join(MODES))
    whole(cfg, "port", 1, 65535)
    whole(cfg, "keepalive_s", 30, 1200)  # the range AWS IoT accepts
    whole(cfg, "interval_s", 2, 86400)  # the DHT22 allows one read per 2 s
    for key in ("wifi_timeout_s", "backoff_base_s", "backoff_cap_s", "max_failures"):
        whole(cfg, key, 1, 86400)
    if cfg["backoff_cap_s"] < cfg["backoff_base_s"]:
        raise ConfigError("'backoff_cap_s' must not be below 'backoff_base_s'")
    whole(cfg, "publish_every", 1, 288)
    if "thresholds" in cfg:
        cfg["thresholds"] = _thresholds(cfg["thresholds"], board.MEASURES)
    return cfg


def _thresholds(given, measures):
    # {"temperature": {"above": 30.0, "below": 5.0}} -> {"temperature": (3000, 500)}: bounds in
    # hundredths, rounded as a payload value is, None where absent.
    if not isinstance(given, dict):
        raise ConfigError("'thresholds' must be an object of measures")
    limits = {}
    for m in given:
        if m not in measures:
            raise ConfigError("'thresholds' names '%s', which this board does not measure (%s)" % (m, ", ".join(measures)))
        bounds = given[m]
        if not isinstance(bounds, dict) or any(k not in ("above", "below") for k in bounds):
            raise ConfigError("'thresholds.%s' must be an object with 'above', 'below' or both" % m)
        limits[m] = tuple(_bound(m, bounds, k) for k in ("above", "below"))
    return limits


def _bound(m, bounds, key):
    v = bounds.get(key)
    if v is None:
        return None
    if type(v) not in (int, float):
        raise ConfigError("'thresholds.%s.%s' must be a number" % (m, key))
    return message.hundredths(v)
