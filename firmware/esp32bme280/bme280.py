# Bosch BME280 over I2C: one forced measurement, compensated with the datasheet's integer
# formulas (BST-BME280-DS002, section 4.2.3), returned as the payload's hundredths.
# MicroPython's integers do not overflow (they grow into long integers), so the 64-bit
# pressure formula is computed exactly; the shifts are arithmetic, as in the datasheet's C.
import time

import message

_CHIP_ID = 0x60
_REG_ID = 0xD0
_REG_RESET = 0xE0
_REG_CTRL_HUM = 0xF2
_REG_STATUS = 0xF3
_REG_CTRL_MEAS = 0xF4
_REG_DATA = 0xF7
_OSRS_X1 = 1  # oversampling x1 for each measure: weather monitoring (datasheet 3.5.1)
_FORCED = 1
_SKIPPED_TP = 0x80000  # what a switched-off or unfinished measurement reads
_SKIPPED_H = 0x8000
_TRIES = 3
# The sensor's operating range (datasheet table 1): values outside it are a bad reading.
_T_RANGE = (-4000, 8500)  # 0.01 °C
_P_RANGE = (300 * 100 * 256, 1100 * 100 * 256)  # 1/256 Pa


class SensorError(Exception):
    pass


def _u16(b, i):
    return b[i] | b[i + 1] << 8


def _s16(b, i):
    v = _u16(b, i)
    return v - 0x10000 if v & 0x8000 else v


def _s8(v):
    return v - 0x100 if v & 0x80 else v


def calibration(b88, be1):
    # The trimming parameters (datasheet table 16) from registers 0x88..0xA1 and 0xE1..0xE7.
    # dig_H4 and dig_H5 are 12-bit signed values that share register 0xE5.
    return (
        _u16(b88, 0), _s16(b88, 2), _s16(b88, 4),  # dig_T1..T3
        _u16(b88, 6), _s16(b88, 8), _s16(b88, 10), _s16(b88, 12), _s16(b88, 14),  # dig_P1..P5
        _s16(b88, 16), _s16(b88, 18), _s16(b88, 20), _s16(b88, 22),  # dig_P6..P9
        b88[25],  # dig_H1 (0xA1)
        _s16(be1, 0), be1[2],  # dig_H2, dig_H3
        _s8(be1[3]) << 4 | (be1[4] & 0x0F),  # dig_H4
        _s8(be1[5]) << 4 | (be1[4] >> 4),  # dig_H5
        _s8(be1[6]),  # dig_H6
    )


def _div(a, b):
    # C's integer division truncates toward zero; Python's // rounds down.
    q = abs(a) // abs(b)
    return q if (a < 0) == (b < 0) else -q


def compensate(cal, adc_t, adc_p, adc_h):
    # (temperature in 0.01 °C, pressure in 1/256 Pa, humidity in 1/1024 %RH), the datasheet's
    # BME280_compensate_T_int32, BME280_compensate_P_int64 and bme280_compensate_H_int32.
    T1, T2, T3, P1, P2, P3, P4, P5, P6, P7, P8, P9, H1, H2, H3, H4, H5, H6 = cal
    var1 = (((adc_t >> 3) - (T1 << 1)) * T2) >> 11
    var2 = (((((adc_t >> 4) - T1) * ((adc_t >> 4) - T1)) >> 12) * T3) >> 14
    t_fine = var1 + var2
    t = (t_fine * 5 + 128) >> 8

    var1 = t_fine - 128000
    var2 = var1 * var1 * P6
    var2 = var2 + ((var1 * P5) << 17)
    var2 = var2 + (P4 << 35)
    var1 = ((var1 * var1 * P3) >> 8) + ((var1 * P2) << 12)
    var1 = (((1 << 47) + var1) * P1) >> 33
    if var1 == 0:
        p = 0  # the datasheet's guard against dividing by zero
    else:
        p = 1048576 - adc_p
        p = _div(((p << 31) - var2) * 3125, var1)
        var1 = (P9 * (p >> 13) * (p >> 13)) >> 25
        var2 = (P8 * p) >> 19
        p = ((p + var1 + var2) >> 8) + (P7 << 4)

    v = t_fine - 76800
    v = ((((adc_h << 14) - (H4 << 20) - (H5 * v)) + 16384) >> 15) * (
        ((((((v * H6) >> 10) * (((v * H3) >> 11) + 32768)) >> 10) + 2097152) * H2 + 8192) >> 14
    )
    v = v - (((((v >> 15) * (v >> 15)) >> 7) * H1) >> 4)
    v = 0 if v < 0 else v
    v = 419430400 if v > 419430400 else v
    return t, p, v >> 12


def hundredths(t, p, h):
    # The payload's units: °C, % and hPa, each in hundredths.
    return (("temperature", t), ("humidity", message.scaled(h * 100, 1024)), ("pressure", message.scaled(p, 256)))


def measure(i2c, addr):
    # One forced measurement: (0.01 °C, 1/256 Pa, 1/1024 %RH), the datasheet's integer outputs.
    chip = i2c.readfrom_mem(addr, _REG_ID, 1)[0]
    if chip != _CHIP_ID:
        # 0x58 is the BMP280, which looks alike but has no humidity sensor.
        raise SensorError("chip id 0x%02x at 0x%02x is not a BME280 (0x60)" % (chip, addr))
    i2c.writeto_mem(addr, _REG_RESET, b"\xb6")
    _wait(i2c, addr, 0x01)  # the trimming parameters are copied after a reset
    cal = calibration(i2c.readfrom_mem(addr, 0x88, 26), i2c.readfrom_mem(addr, 0xE1, 7))
    # ctrl_hum takes effect only when ctrl_meas is written after it (datasheet 5.4.3).
    i2c.writeto_mem(addr, _REG_CTRL_HUM, bytes([_OSRS_X1]))
    i2c.writeto_mem(addr, _REG_CTRL_MEAS, bytes([_OSRS_X1 << 5 | _OSRS_X1 << 2 | _FORCED]))
    time.sleep_ms(10)  # at most 9.3 ms with x1 oversampling (datasheet 9.1)
    _wait(i2c, addr, 0x08)
    d = i2c.readfrom_mem(addr, _REG_DATA, 8)  # one burst, so the values belong together
    adc_p = d[0] << 12 | d[1] << 4 | d[2] >> 4
    adc_t = d[3] << 12 | d[4] << 4 | d[5] >> 4
    adc_h = d[6] << 8 | d[7]
    if adc_t == _SKIPPED_TP or adc_p == _SKIPPED_TP or adc_h == _SKIPPED_H:
        raise SensorError("no measurement in the data registers")
    t, p, h = compensate(cal, adc_t, adc_p, adc_h)
    if not (_T_RANGE[0] <= t <= _T_RANGE[1] and _P_RANGE[0] <= p <= _P_RANGE[1]):
        raise SensorError("%s °C, %s hPa is outside the BME280's range" % (message.text(t), message.text(message.scaled(p, 256))))
    return t, p, h


def _wait(i2c, addr, bit):
    for _ in range(20):
        if not i2c.readfrom_mem(addr, _REG_STATUS, 1)[0] & bit:
            return
        time.sleep_ms(2)
    raise SensorError("status register stays busy")


def read(i2c, addr, pins):
    # pins names the wiring in messages: "SDA GPIO21, SCL GPIO22".
    last = None
    for _ in range(_TRIES):
        try:
            return hundredths(*measure(i2c, addr))
        except Exception as e:
            last = e
    if isinstance(last, OSError) and last.args and last.args[0] == 19:
        cause = "nothing answers at 0x%02x (wiring, address 0x76/0x77?)" % addr
    elif isinstance(last, SensorError):
        cause = str(last)
    else:
        cause = "%s %s" % (type(last).__name__, last)
    raise SensorError("BME280 on %s, %d tries, last: %s" % (pins, _TRIES, cause))
