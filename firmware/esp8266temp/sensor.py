# One validated temperature reading. A bad reading raises SensorError and is never sent.
import machine
import time

_TRIES = 3
# Outside the sensor's datasheet range the value is noise, not a temperature.
_RANGE = {"ds18b20": (-55.0, 125.0), "dht22": (-40.0, 80.0)}


class SensorError(Exception):
    pass


def _ds18b20(pin):
    import onewire
    import ds18x20

    ds = ds18x20.DS18X20(onewire.OneWire(machine.Pin(pin)))
    roms = ds.scan()
    if not roms:
        raise SensorError("no DS18B20 answers (wiring, 4.7k pull-up?)")
    ds.convert_temp()
    time.sleep_ms(750)  # 12-bit conversion time
    t = ds.read_temp(roms[0])  # raises on a CRC error
    if t == 85.0:
        # The scratchpad's power-on value: the conversion did not run.
        raise SensorError("85.0 is the DS18B20 power-on value")
    return t


def _dht22(pin):
    import dht

    d = dht.DHT22(machine.Pin(pin))
    d.measure()  # raises on a checksum error or timeout
    return d.temperature()


def read(kind, pin):
    last = None
    for i in range(_TRIES):
        if i and kind == "dht22":
            time.sleep_ms(2000)  # the DHT22 allows one read per 2 s
        try:
            t = _ds18b20(pin) if kind == "ds18b20" else _dht22(pin)
            lo, hi = _RANGE[kind]
            if not (lo <= t <= hi):  # also false for NaN
                raise SensorError("%s out of range" % t)
            return round(t, 2)
        except Exception as e:
            last = e
    raise SensorError("%s on GPIO%d, %d tries, last: %s" % (kind, pin, _TRIES, _cause(last)))


def _cause(e):
    if isinstance(e, SensorError):
        return str(e)
    return "%s %s" % (type(e).__name__, e) if str(e) else type(e).__name__
