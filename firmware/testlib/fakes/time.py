# Fake time on the virtual clock: sleeping advances it and fires due timers. The wall clock
# (time(), gmtime()) counts from the board's epoch (board.json "epoch_year").
import _board

_EPOCH_UNIX = {2000: _board.UNIX_2000, 1970: 0}[_board.B.get("epoch_year", 2000)]


def ticks_ms():
    return _board.now_ms


def ticks_us():
    return _board.now_ms * 1000


def ticks_diff(a, b):
    return a - b


def ticks_add(a, b):
    return a + b


def time():
    return _board.unix_now() - _EPOCH_UNIX


def sleep_ms(ms):
    _board.ev("sleep_ms", ms)
    _board.advance(ms)


def sleep_us(us):
    sleep_ms(us // 1000)


def sleep(s):
    sleep_ms(int(s * 1000))


def _days_to_civil(z):
    # Howard Hinnant's days-from-civil inverse: days since 1970-01-01 to (y, m, d).
    z += 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    return (y + (1 if m <= 2 else 0), m, d)


def _civil_to_days(y, m, d):
    y -= 1 if m <= 2 else 0
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def gmtime(secs=None):
    # (year, month, mday, hour, minute, second, weekday 0=Monday, yearday), as MicroPython.
    u = _board.unix_now() if secs is None else secs + _EPOCH_UNIX
    days, rest = divmod(u, 86400)
    y, m, d = _days_to_civil(days)
    yday = days - _civil_to_days(y, 1, 1) + 1
    return (y, m, d, rest // 3600, rest % 3600 // 60, rest % 60, (days + 3) % 7, yday)


localtime = gmtime


def mktime(t):
    return _civil_to_days(t[0], t[1], t[2]) * 86400 + t[3] * 3600 + t[4] * 60 + t[5] - _EPOCH_UNIX
