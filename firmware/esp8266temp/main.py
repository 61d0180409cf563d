# iotsys ESP8266 temperature sensor. The same code runs on every board: all
# settings come from config.json, the identity from cert.der and key.der.
import machine
import time

import failures
import message
import net
import sensor
import settings

# Time allowed for one reading + Wi-Fi + TLS handshake + publish beyond the Wi-Fi
# timeout: the handshake alone took ~25 s in one report. Past it the guard steps in.
_BUDGET_S = 120
# machine.deepsleep overflows past ~71 minutes.
_MAX_SLEEP_S = 4200

_guard = None


def log(msg):
    print("[iot] " + msg)


def _arm(cfg, seconds):
    # A software watchdog: the hardware WDT is fixed at 5 s, shorter than a handshake.
    # The esp8266 port runs timer callbacks while a socket blocks, so a hung connection
    # cannot keep the board stuck (on the README's hardware checklist).
    global _guard
    if _guard is None:
        _guard = machine.Timer(-1)

    def expired(_):
        _failed(cfg, "watchdog: no progress for %d s" % seconds)
        machine.reset()  # always_on lands here: a callback cannot back off

    _guard.init(mode=machine.Timer.ONE_SHOT, period=seconds * 1000, callback=expired)


def _disarm():
    if _guard is not None:
        _guard.deinit()


def _failed(cfg, cause):
    # Counts the failure and resets the board after max_failures in a row; otherwise
    # backs off: deep sleep in deepsleep mode, else the delay in seconds is returned.
    if not isinstance(cause, str):
        cause = "%s: %s" % (type(cause).__name__, cause)
    n = failures.count() + 1
    failures.store(n)
    log("failure %d of %d: %s" % (n, cfg["max_failures"], cause))
    if n >= cfg["max_failures"]:
        failures.store(0)  # the reset is the recovery; counting on would reset forever
        log("%d failures in a row: resetting the board" % n)
        machine.reset()
    wait = failures.backoff_s(n, cfg["backoff_base_s"], cfg["backoff_cap_s"])
    if cfg["mode"] == "deepsleep":
        _sleep(wait)
    return wait


def _sleep(seconds):
    seconds = min(seconds, _MAX_SLEEP_S)
    log("deep sleep for %d s" % seconds)
    machine.deepsleep(seconds * 1000)


def _reading(cfg):
    return message.payload((("temperature", sensor.read(cfg["sensor"], cfg["pin"])),))


def _connect(cfg):
    net.wifi(cfg["wifi_ssid"], cfg["wifi_password"], cfg["wifi_timeout_s"])
    return net.connect(cfg)


def _published(cfg, payload):
    failures.store(0)
    log("published %s to %s" % (payload, cfg["topic"]))


def deepsleep_mode(cfg):
    # One reading per wake-up; waking from deep sleep is a reset that runs main.py again.
    _arm(cfg, cfg["wifi_timeout_s"] + _BUDGET_S)
    try:
        payload = _reading(cfg)
        client = _connect(cfg)
        net.publish(client, cfg["topic"], payload)
        net.close(client)
    except Exception as e:
        _disarm()
        _failed(cfg, e)
        return
    _disarm()
    _published(cfg, payload)
    _sleep(cfg["interval_s"])


def always_on_mode(cfg):
    client = None
    while True:
        _arm(cfg, cfg["wifi_timeout_s"] + _BUDGET_S)
        try:
            payload = _reading(cfg)
            if client is None:
                client = _connect(cfg)
            _published(cfg, net.publish(client, cfg["topic"], payload))
            wait = cfg["interval_s"]
        except Exception as e:
            if not isinstance(e, sensor.SensorError):
                net.close(client)
                client = None
            wait = _failed(cfg, e)
            log("next try in %d s" % wait)
        client = _idle(cfg, client, wait)


def _idle(cfg, client, seconds):
    # Pings at half the keepalive so AWS IoT (which drops a client after 1.5x keepalive
    # of silence) keeps the connection: one TLS handshake instead of one per reading.
    step = max(1, cfg["keepalive_s"] // 2)
    while seconds > 0:
        s = min(step, seconds)
        _arm(cfg, s + _BUDGET_S)
        time.sleep_ms(s * 1000)
        seconds -= s
        if client is not None and seconds > 0:
            try:
                net.ping(client)
            except Exception as e:
                log("MQTT connection lost while idle, reconnecting at the next reading: %s" % net.explain(e))
                net.close(client)
                client = None
    return client


def main():
    try:
        cfg = settings.load()
    except settings.ConfigError as e:
        # Nothing to retry: stop at the REPL so config.json can be fixed.
        log("config error: %s" % e)
        return
    log("%s: %s on GPIO%d, mode %s, every %d s, topic %s" % (
        cfg["thing_name"], cfg["sensor"], cfg["pin"], cfg["mode"], cfg["interval_s"], cfg["topic"]))
    machine.freq(160000000)  # the TLS handshake is CPU-bound
    try:
        if cfg["mode"] == "always_on":
            always_on_mode(cfg)
        else:
            deepsleep_mode(cfg)
    finally:
        _disarm()  # after Ctrl-C the REPL must not be reset by a leftover guard


main()
