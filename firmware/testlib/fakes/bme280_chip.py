# A Bosch BME280 at register level (datasheet BST-BME280-DS002, sections 5.3 to 5.4 and 6.2),
# as an I2C chip of the fake machine.I2C. Its spec (scenario "i2c" or board.json) gives
# "calibration" (hex: the 26 bytes of 0x88..0xA1, then the 7 of 0xE1..0xE7), "chip_id", and the
# raw ADC values each forced measurement produces: the scenario's "bme280" list, one
# [adc_T, adc_P, adc_H] per measurement (the spec's "reading" when the list is used up), or
# "nack" for a bus error.
import _board
from binascii import unhexlify

_ID = 0xD0
_RESET = 0xE0
_CTRL_HUM = 0xF2
_STATUS = 0xF3
_CTRL_MEAS = 0xF4
_CONFIG = 0xF5
_DATA = 0xF7
_SKIPPED = (0x80000, 0x80000, 0x8000)  # what a measurement switched off reads (section 5.4.7)
_OVERSAMPLING = (0, 1, 2, 4, 8, 16, 16, 16)


class Chip:
    def __init__(self, spec):
        self.spec = spec
        self.regs = bytearray(256)
        self.regs[_ID] = spec.get("chip_id", 0x60)
        cal = unhexlify(spec["calibration"])
        self.regs[0x88:0xA2] = cal[:26]
        self.regs[0xE1:0xE8] = cal[26:33]
        self._power_on()

    def _power_on(self):
        for r in (_CTRL_HUM, _STATUS, _CTRL_MEAS, _CONFIG):
            self.regs[r] = 0
        self._data(*_SKIPPED)
        self.busy_until = None
        self.copying_until = None
        self.osrs_h = 0

    def _data(self, t, p, h):
        self.regs[_DATA : _DATA + 8] = bytes([p >> 12, (p >> 4) & 0xFF, (p & 0xF) << 4, t >> 12, (t >> 4) & 0xFF, (t & 0xF) << 4, h >> 8, h & 0xFF])

    def _tick(self):
        now = _board.now_ms
        if self.copying_until is not None and now >= self.copying_until:
            self.copying_until = None
        if self.busy_until is not None and now >= self.busy_until:
            self.busy_until = None
            r = _board.next_outcome("bme280", self.spec.get("reading"))
            meas = self.regs[_CTRL_MEAS]
            on = (meas >> 5, (meas >> 2) & 7, self.osrs_h)
            self._data(*[r[i] if on[i] else _SKIPPED[i] for i in range(3)])
            self.regs[_CTRL_MEAS] = meas & 0xFC  # back to sleep mode after a forced measurement
            _board.ev("bme280_measured", r)
        status = (8 if self.busy_until is not None else 0) | (1 if self.copying_until is not None else 0)
        self.regs[_STATUS] = status

    def _check_bus(self):
        if _board.next_outcome("bme280_bus", "ok") == "nack":
            raise OSError(19)

    def read(self, reg, n):
        self._check_bus()
        self._tick()
        _board.ev("i2c_read", reg, n)
        return bytes(self.regs[reg : reg + n])  # reads auto-increment the register address

    def write(self, reg, data):
        # Writes do not auto-increment (section 6.2.1): further bytes are (register, value) pairs.
        self._check_bus()
        self._tick()
        pairs = [(reg, data[0])] + [(data[i], data[i + 1]) for i in range(1, len(data) - 1, 2)]
        for r, v in pairs:
            self._write(r, v)

    def _write(self, reg, value):
        _board.ev("i2c_write", reg, value)
        if reg == _RESET and value == 0xB6:
            self._power_on()
            self.copying_until = _board.now_ms + 2  # start-up: NVM copied to the image registers
        elif reg in (_CTRL_HUM, _CONFIG):
            self.regs[reg] = value
        elif reg == _CTRL_MEAS:
            self.regs[reg] = value
            # ctrl_hum takes effect only with this write (section 5.4.3).
            self.osrs_h = _OVERSAMPLING[self.regs[_CTRL_HUM] & 7]
            if value & 3 in (1, 2):
                t = _OVERSAMPLING[value >> 5]
                p = _OVERSAMPLING[(value >> 2) & 7]
                # Maximum measurement time (section 9.1), in whole milliseconds.
                us = 1250 + 2300 * t + (2300 * p + 575 if p else 0) + (2300 * self.osrs_h + 575 if self.osrs_h else 0)
                self.busy_until = _board.now_ms + (us + 999) // 1000
            elif value & 3 == 3:
                raise AssertionError("normal mode is not emulated; the firmware uses forced mode")
