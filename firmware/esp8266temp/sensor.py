# One validated temperature reading, in hundredths of a degree computed from the sensor's own
# steps. A bad reading raises SensorError and is never sent.
import machine
import time

import message

_TRIES = 3
# Outside the sensor's datasheet range the value is noise, not a temperature: in 1/16 °C
# (DS18B20) and 0.1 °C (DHT22) steps, -55..125 °C and -40..80 °C.
_RANGE = {"ds18b20": (-55 * 16, 125 * 16), "dht22": (-400, 800)}
_POWER_ON = 0x0550  # 85.0 °C: what the DS18B20's scratchpad holds until a conversion ran


class SensorError(Exception):
    pass


def hundredths(kind, raw):
    # DS18B20: 1/16 °C steps, raw * 100 / 16 = raw * 25 / 4. DHT22: 0.1 °C steps.
    return message.scaled(raw * 25, 4) if kind == "ds18b20" else raw * 10


def _ds18b20(pin):
    import onewire
    import ds18x20

    ds = ds18x20.DS18X20(onewire.OneWire(machine.Pin(pin)))
    roms = ds.scan()
    if not roms:
        raise SensorError("no DS18B20 answers (wiring, 4.7k pull-up?)")
    if roms[0][0] == 0x10:
        raise SensorError("a DS18S20 answers; its steps are 1/2 °C, not the DS18B20's 1/16")
    ds.convert_temp()
    time.sleep_ms(750)  # 12-bit conversion time
    pad = ds.read_scratch(roms[0])  # raises on a CRC error
    raw = pad[1] << 8 | pad[0]
    if raw & 0x8000:
        raw -= 0x10000
    if raw == _POWER_ON:
        # The conversion did not run.
        raise SensorError("85.0 is the DS18B20 power-on value")
    return raw


def _dht22(pin):
    import dht

    d = dht.DHT22(machine.Pin(pin))
    d.measure()  # raises on a checksum error or timeout
    # The frozen driver keeps the 5 bytes it checked: temperature in 0.1 °C, sign in bit 15.
    b = d.buf
    raw = (b[2] & 0x7F) << 8 | b[3]
    return -raw if b[2] & 0x80 else raw


def read(kind, pin):
    last = None
    for i in range(_TRIES):
        if i and kind == "dht22":
            time.sleep_ms(2000)  # the DHT22 allows one read per 2 s
        try:
            raw = _ds18b20(pin) if kind == "ds18b20" else _dht22(pin)
            lo, hi = _RANGE[kind]
            if not (lo <= raw <= hi):
                raise SensorError("%s out of range" % message.text(hundredths(kind, raw)))
            return hundredths(kind, raw)
        except Exception as e:
            last = e
    raise SensorError("%s on GPIO%d, %d tries, last: %s" % (kind, pin, _TRIES, _cause(last)))


def _cause(e):
    if isinstance(e, SensorError):
        return str(e)
    return "%s %s" % (type(e).__name__, e) if str(e) else type(e).__name__
