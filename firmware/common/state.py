# What the board keeps in RTC memory, which survives deep sleep and machine.reset() but not a
# power cut: the failure counter, the schedule, the clock's last NTP setting and the newest
# readings not yet published (the buffer's first tier, see buffer.py). One image, written
# whole; its layout is in firmware/README.md ("What the board keeps").
import machine
import struct

_MAGIC = b"iot2"  # layout 2 (layout 1 was b"iotF" and the failure counter alone)
# magic, failures in a row, flags, threshold sides of the last reading, readings dropped before
# the oldest kept one, board time (s) of the last NTP setting (0: none since power-on), of the
# next reading, before which no connection is tried.
_HEAD = "<4sHBBHIII"
HEAD = struct.calcsize(_HEAD)
URGENT = 1  # a reading crossed a threshold: publish without waiting for publish_every


class State:
    def __init__(self):
        m = machine.RTC().memory()
        self.fresh = len(m) < HEAD or m[:4] != _MAGIC
        if self.fresh:
            # A power cut (or another program's data): nothing of ours survived.
            m = _MAGIC + bytes(HEAD - 4)
        _, self.failures, self.flags, self.sides, self.dropped, self.synced, self.due, self.retry = struct.unpack(_HEAD, m[:HEAD])
        self.tier = bytes(m[HEAD:])

    def save(self):
        machine.RTC().memory(
            struct.pack(_HEAD, _MAGIC, min(self.failures, 0xFFFF), self.flags, self.sides, min(self.dropped, 0xFFFF),
                        max(self.synced, 0), max(self.due, 0), max(self.retry, 0))
            + self.tier
        )


def backoff_s(n, base, cap):
    # base, 2*base, 4*base, ... for the 1st, 2nd, 3rd failure, never above cap.
    return min(cap, base << min(n - 1, 20))
