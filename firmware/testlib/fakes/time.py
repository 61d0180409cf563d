# Fake time on the virtual clock: sleeping advances it and fires due timers.
import _board


def ticks_ms():
    return _board.now_ms


def ticks_us():
    return _board.now_ms * 1000


def ticks_diff(a, b):
    return a - b


def ticks_add(a, b):
    return a + b


def time():
    return _board.now_ms // 1000


def sleep_ms(ms):
    _board.ev("sleep_ms", ms)
    _board.advance(ms)


def sleep_us(us):
    sleep_ms(us // 1000)


def sleep(s):
    sleep_ms(int(s * 1000))
