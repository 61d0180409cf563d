# The clock, set by NTP before each TLS handshake: mbedTLS checks the server certificate's
# validity dates against it, and a board that lost power counts from 2000-01-01, before every
# certificate's start. The RTC keeps running through deep sleep and resets (not a power cut),
# so a clock set at an earlier wake-up can stand in when NTP does not answer.
import time

import ntptime

_TRIES = 3
_TIMEOUT_S = 2
# A clock before 2025 was never set: this firmware is younger. ntptime reads an answer before
# 2024 as after the NTP era's wrap in 2036, so a server that answers 2001 sets 2137.
_YEARS = (2025, 2100)


class ClockError(Exception):
    pass


def is_set():
    return _YEARS[0] <= time.gmtime()[0] < _YEARS[1]


def now_text():
    t = time.gmtime()
    return "%04d-%02d-%02d %02d:%02d:%02d UTC" % t[:6]


def sync(host):
    # Returns None once NTP set the clock, a note when an earlier setting is kept; raises
    # ClockError when the clock is not set, so no handshake is tried with a wrong date.
    ntptime.host = host
    ntptime.timeout = _TIMEOUT_S
    last = None
    for _ in range(_TRIES):
        try:
            ntptime.settime()
        except Exception as e:  # OSError: no DNS, no answer in time; IndexError: a short answer
            last = e
            continue
        if is_set():
            return None
        last = "it answered %s" % now_text()
    cause = last if isinstance(last, str) else "%s %s" % (type(last).__name__, last)
    if is_set():
        return "NTP via %s failed (%s); keeping the clock set earlier, %s" % (host, cause, now_text())
    raise ClockError("clock not set: NTP via %s failed %d times (last: %s); a TLS handshake needs the date" % (host, _TRIES, cause))
