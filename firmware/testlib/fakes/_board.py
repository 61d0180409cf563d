# State shared by the fakes: the emulated board (board.json beside the type's tests), the
# scenario the test chose, a virtual clock, and the events the firmware caused. Nothing here
# is firmware code.
import json
from binascii import hexlify, unhexlify


class Halt(BaseException):
    # BaseException, so the firmware's `except Exception` cannot swallow it,
    # just as it cannot swallow a real reset or deep sleep.
    pass


with open("/fakes/scenario.json") as _f:
    S = json.load(_f)
with open("/fakes/board.json") as _f:
    B = json.load(_f)

events = []
now_ms = 0
rtc_memory = unhexlify(S.get("rtc", ""))
timers = []
_queues = {}

# The RTC, in Unix milliseconds at boot. A board whose RTC was never set (power-on) counts from
# its port's epoch, 2000-01-01 on both ESP ports; deep sleep keeps a set clock running.
UNIX_2000 = 946684800
_clock_ms = S.get("clock_ms", S.get("clock_unix", UNIX_2000) * 1000)

# What each step costs on the virtual clock (board.json "costs_ms", the scenario's over it).
COSTS = dict(B.get("costs_ms", {}))
COSTS.update(S.get("costs_ms", {}))


def ev(name, *args):
    events.append([now_ms, name] + list(args))


def next_outcome(key, default="ok"):
    # Scenario lists are consumed one entry per call; when empty, `default` applies.
    q = _queues.get(key)
    if q is None:
        q = _queues[key] = list(S.get(key, []))
    return q.pop(0) if q else default


def unix_now():
    return (_clock_ms + now_ms) // 1000


def set_unix(seconds):
    # As the ports set the RTC: whole seconds, from now on.
    global _clock_ms
    _clock_ms = seconds * 1000 - now_ms
    ev("clock_set", seconds)


def true_unix():
    # What an NTP server answers: the scenario's "true_ms" (the real time at boot) moves on with
    # the virtual clock; without it, the fixed "ntp_unix".
    if "true_ms" in S:
        return (S["true_ms"] + now_ms) // 1000
    return S["ntp_unix"]


def charge(step):
    # A step that takes time on the board (a radio exchange, a handshake).
    ms = COSTS.get(step, 0)
    if ms:
        ev("cost", step, ms)
        advance(ms)


def advance(ms):
    global now_ms
    target = now_ms + ms
    while True:
        due = [t for t in timers if t.deadline is not None and t.deadline <= target]
        if not due:
            break
        t = due[0]
        for d in due:
            if d.deadline < t.deadline:
                t = d
        now_ms = t.deadline
        t.deadline = None
        ev("timer_fired")
        t.callback(t)
    now_ms = target
    limit = S.get("limit_ms")
    if limit is not None and now_ms >= limit:
        raise Halt("time limit")


def hang():
    # A call that never returns on a real board: only an armed timer gets out of it.
    advance(24 * 3600 * 1000)
    raise Halt("stuck")


_chips = {}


def i2c_device(address, scl, sda):
    # The chips the scenario wired to the bus (default: the board's), each answering at its
    # address only on the pins it is wired to.
    for spec in S.get("i2c", B.get("i2c_devices", [])):
        if spec["address"] == address and spec["scl"] == scl and spec["sda"] == sda:
            key = (address, scl, sda)
            if key not in _chips:
                _chips[key] = __import__(spec["chip"]).Chip(spec)
            return _chips[key]
    return None


def run(path):
    import sys

    result = {"halt": None, "error": None}
    try:
        with open(path) as f:
            src = f.read()
        exec(compile(src, path, "exec"), {"__name__": "__main__", "__file__": path})
    except Halt as h:
        result["halt"] = str(h)
    except BaseException as e:
        sys.print_exception(e)
        result["error"] = "%s: %s" % (type(e).__name__, e)
    result["events"] = events
    result["rtc"] = hexlify(rtc_memory).decode()
    result["clock_unix"] = unix_now()
    result["clock_ms"] = _clock_ms + now_ms
    result["awake_ms"] = now_ms
    with open("/fakes/result.json", "w") as f:
        json.dump(result, f)
