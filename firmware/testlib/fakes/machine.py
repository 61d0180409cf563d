# Fake machine: records pins, clock, RTC memory and date, timers, I2C, deep sleep and resets.
# What differs between ports (RTC memory size, timer ids, I2C buses) comes from board.json.
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
        size = _board.B["rtc_memory_bytes"]
        if len(data) > size:
            raise ValueError("RTC user memory holds %d bytes" % size)
        _board.rtc_memory = bytes(data)
        _board.ev("rtc_write", hexlify(data).decode())

    def datetime(self, dt=None):
        # (year, month, day, weekday, hours, minutes, seconds, subseconds); weekday is ignored
        # when set, as on the ports.
        import time

        if dt is None:
            t = time.gmtime()
            return (t[0], t[1], t[2], t[6], t[3], t[4], t[5], 0)
        secs = time.mktime((dt[0], dt[1], dt[2], dt[4], dt[5], dt[6], 0, 0))
        _board.set_unix(secs + time._EPOCH_UNIX)


def deepsleep(ms=0):
    _board.ev("deepsleep", ms)
    raise _board.Halt("deepsleep")


def reset():
    _board.ev("reset")
    raise _board.Halt("reset")


def soft_reset():
    reset()


def dht_readinto(pin, buf):
    # Some ports have it in machine, where the frozen dht driver looks first; it reads the
    # 5 bytes the sensor sends: humidity and temperature in 0.1 steps, then a checksum.
    r = _board.next_outcome("readings", 21.5)
    _board.ev("dht_measure", r, pin.id)
    if r == "timeout":
        raise OSError(110)
    t = 215 if r == "checksum" else round(r * 10)
    h = 500
    data = [h >> 8, h & 0xFF, (abs(t) >> 8) | (0x80 if t < 0 else 0), abs(t) & 0xFF]
    data.append((sum(data) + (1 if r == "checksum" else 0)) & 0xFF)
    buf[:] = bytes(data)


class Timer:
    ONE_SHOT = 0
    PERIODIC = 1

    def __init__(self, id):
        if id not in _board.B["timer_ids"]:
            raise ValueError("invalid Timer number %s (this port has %s)" % (id, _board.B["timer_ids"]))
        self.deadline = None
        self.callback = None
        _board.timers.append(self)
        _board.ev("timer", id)

    def init(self, mode=PERIODIC, period=-1, callback=None):
        if mode != Timer.ONE_SHOT:
            raise ValueError("fake supports ONE_SHOT only")
        self.deadline = _board.now_ms + period
        self.callback = callback
        _board.ev("timer_init", period)

    def deinit(self):
        self.deadline = None
        _board.ev("timer_deinit")


class I2C:
    def __init__(self, id, *, scl, sda, freq=400000, timeout=50000):
        if id not in _board.B.get("i2c_ids", []):
            raise ValueError("I2C(%s) doesn't exist" % id)
        self.scl = scl.id
        self.sda = sda.id
        _board.ev("i2c", id, self.scl, self.sda)

    def _chip(self, addr):
        chip = _board.i2c_device(addr, self.scl, self.sda)
        if chip is None:
            raise OSError(19)  # ENODEV: nothing acknowledged the address, as the ports report it
        return chip

    def scan(self):
        return [a for a in range(0x08, 0x78) if _board.i2c_device(a, self.scl, self.sda)]

    def readfrom_mem(self, addr, memaddr, nbytes, *, addrsize=8):
        return bytes(self._chip(addr).read(memaddr, nbytes))

    def readfrom_mem_into(self, addr, memaddr, buf, *, addrsize=8):
        buf[:] = self._chip(addr).read(memaddr, len(buf))

    def writeto_mem(self, addr, memaddr, buf, *, addrsize=8):
        self._chip(addr).write(memaddr, bytes(buf))


SoftI2C = None  # the firmware uses the hardware bus; SoftI2C would need its own emulation
