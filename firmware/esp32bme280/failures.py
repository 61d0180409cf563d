# Consecutive-failure counter kept in RTC memory: it survives deep sleep and
# machine.reset() (not a power cut), so back-off keeps growing across wake-ups.
import machine
import struct

_MAGIC = b"iotF"  # tells our counter apart from garbage or another program's data


def count():
    m = machine.RTC().memory()
    if len(m) >= 6 and m[:4] == _MAGIC:
        return struct.unpack("<H", m[4:6])[0]
    return 0


def store(n):
    machine.RTC().memory(_MAGIC + struct.pack("<H", min(n, 0xFFFF)))


def backoff_s(n, base, cap):
    # base, 2*base, 4*base, ... for the 1st, 2nd, 3rd failure, never above cap.
    return min(cap, base << min(n - 1, 20))
