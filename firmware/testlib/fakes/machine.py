# Fake machine: records pins, clock, RTC memory, timers, deep sleep and resets.
import _board
from binascii import hexlify

DEEPSLEEP_RESET = 5
PWRON_RESET = 0
_freq = 80000000


class Pin:
    IN = 0
    OUT = 1
    OPEN_DRAIN = 2
    PULL_UP = 1

    def __init__(self, id, *args, **kw):
        self.id = id
        _board.ev("pin", id)


def freq(f=None):
    global _freq
    if f is None:
        return _freq
    _freq = f
    _board.ev("freq", f)


def unique_id():
    return b"\x01\x02\x03\x04"


def reset_cause():
    return DEEPSLEEP_RESET if _board.S.get("woke_from_deepsleep") else PWRON_RESET


class RTC:
    def memory(self, data=None):
        if data is None:
            return _board.rtc_memory
        if len(data) > 492:
            raise ValueError("RTC user memory holds 492 bytes")
        _board.rtc_memory = bytes(data)
        _board.ev("rtc_write", hexlify(data).decode())


def deepsleep(ms=0):
    _board.ev("deepsleep", ms)
    raise _board.Halt("deepsleep")


def reset():
    _board.ev("reset")
    raise _board.Halt("reset")


def soft_reset():
    reset()


class Timer:
    ONE_SHOT = 0
    PERIODIC = 1

    def __init__(self, id=-1):
        if id != -1:
            raise ValueError("the esp8266 has virtual timers (id -1) only")
        self.deadline = None
        self.callback = None
        _board.timers.append(self)

    def init(self, mode=PERIODIC, period=-1, callback=None):
        if mode != Timer.ONE_SHOT:
            raise ValueError("fake supports ONE_SHOT only")
        self.deadline = _board.now_ms + period
        self.callback = callback
        _board.ev("timer_init", period)

    def deinit(self):
        self.deadline = None
        _board.ev("timer_deinit")
