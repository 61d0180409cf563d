# The one place that writes a message. Values travel as integer hundredths and are written as
# text, so the payload does not depend on the float width, which differs on every build:
# ports/esp8266/mpconfigport.h has MICROPY_FLOAT_IMPL_FLOAT with MICROPY_OBJ_REPR_C (single
# precision kept in 30 bits), ports/esp32 MICROPY_FLOAT_IMPL_FLOAT (single), ports/webassembly
# MICROPY_FLOAT_IMPL_DOUBLE (the host tests' interpreter); MicroPython v1.23.0 to v1.27.0 alike.


def scaled(n, d):
    # n / d in hundredths, rounded half away from zero (as Java's RoundingMode.HALF_UP); d > 0.
    q, r = divmod(abs(n), d)
    if 2 * r >= d:
        q += 1
    return q if n >= 0 else -q


def hundredths(v):
    # A number of config.json in hundredths, rounded as a payload value is. Read from its decimal
    # text (repr), not computed in floats, so 30.005 gives 3001 whatever the float width.
    if type(v) is int:
        return v * 100
    mantissa, _, exponent = repr(v).lower().partition("e")
    whole, _, fraction = mantissa.partition(".")
    shift = int(exponent or 0) - len(fraction)
    return scaled(int(whole + fraction) * 100 * 10 ** max(shift, 0), 10 ** max(-shift, 0))


def text(h):
    # 2150 -> "21.5", 2100 -> "21.0", 2106 -> "21.06", -5 -> "-0.05".
    a = abs(h)
    s = "%s%d.%02d" % ("-" if h < 0 else "", a // 100, a % 100)
    return s[:-1] if s[-1] == "0" else s


def payload(readings, ts=None, age_ms=None, dropped=0):
    # readings: (measure, hundredths) pairs in the contract's order. Then, as BUFFER-CONTRACT.md
    # orders them: "ts" (epoch ms) or, for a reading whose date is not known, "age_ms"; and
    # "dropped" when readings were dropped before this one.
    parts = ['"%s": %s' % (m, text(h)) for m, h in readings]
    if ts is not None:
        parts.append('"ts": %d' % ts)
    elif age_ms is not None:
        parts.append('"age_ms": %d' % age_ms)
    if dropped:
        parts.append('"dropped": %d' % dropped)
    return "{" + ", ".join(parts) + "}"
