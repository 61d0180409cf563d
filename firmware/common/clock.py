# The board's clock. The RTC keeps counting through deep sleep and resets (not a power cut, after
# which it starts again at 2000-01-01), so a time NTP set once stays good across wake-ups, within
# the RTC's drift (several percent on the ESP8266): the cycle sets it again every day. A board
# that has not set it since the power came on can still tell how long ago a reading was taken.
import machine
import time

import ntptime

_TRIES = 3
_TIMEOUT_S = 2
# A clock before 2025 was never set: this firmware is younger. ntptime reads an answer before
# 2024 as after the NTP era's wrap in 2036, so a server that answers 2001 says 2137.
_YEARS = (2025, 2100)
DAY_S = 86400
# Seconds from 1970-01-01 to the port's epoch (2000-01-01 on the ESP ports).
UNIX = 946684800 if time.gmtime(0)[0] == 2000 else 0


class ClockError(Exception):
    cause = None  # the last try's failure, for a message of the caller's


def _anchor():
    # time.time() has whole seconds only; milliseconds are counted from here with ticks_ms().
    # Every wake-up starts at the same fraction of a second if every sleep ends on a whole
    # second of now_ms(): so readings taken interval_s apart get times interval_s apart.
    global _secs, _ticks
    _secs = time.time()
    _ticks = time.ticks_ms()


_anchor()


def now_ms():
    return _secs * 1000 + time.ticks_diff(time.ticks_ms(), _ticks)


def now_s():
    return now_ms() // 1000


def is_set():
    return _YEARS[0] <= time.gmtime()[0] < _YEARS[1]


def text(secs=None):
    t = time.gmtime(secs)
    return "%04d-%02d-%02d %02d:%02d:%02d UTC" % t[:6]


def sync(host):
    # Sets the clock by NTP. Returns the jump (ms) it made: the board's times taken before it
    # plus the jump are the times the new clock tells. Raises ClockError and leaves the clock
    # alone when no server answered with a plausible date.
    ntptime.host = host
    ntptime.timeout = _TIMEOUT_S
    last = None
    for _ in range(_TRIES):
        try:
            t = ntptime.time()  # seconds since the port's epoch
        except Exception as e:  # OSError: no DNS, no answer in time; ValueError: a short answer
            last = "%s %s" % (type(e).__name__, e)
            continue
        tm = time.gmtime(t)
        if not _YEARS[0] <= tm[0] < _YEARS[1]:
            last = "it answered %s" % text(t)
            continue
        before = now_ms()
        # As ntptime.settime() does, once the answer is known to be a date.
        machine.RTC().datetime((tm[0], tm[1], tm[2], tm[6] + 1, tm[3], tm[4], tm[5], 0))
        _anchor()
        return t * 1000 - before
    e = ClockError("NTP via %s failed %d times (last: %s)" % (host, _TRIES, last))
    e.cause = last
    raise e
