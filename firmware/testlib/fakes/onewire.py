# Fake onewire bus with one DS18B20 on it, at the level the frozen ds18x20 driver talks to it
# (reset, ROM select, command bytes, scratchpad bytes, CRC). The scenario: "ds18b20_found"
# (default true) and "readings": a temperature in °C (a multiple of 1/16, the chip's step),
# {"raw": steps}, or "crc" for a scratchpad whose CRC does not match.
import _board

_ROM = b"\x28\xff\x01\x02\x03\x04\x05\x06"
_CONVERT_MS = 750  # 12-bit conversion time
_POWER_ON = 0x0550  # 85.0 °C, what the scratchpad holds until a conversion completes


class OneWireError(Exception):
    pass


def _crc8(data):
    # Dallas/Maxim CRC-8 (polynomial x^8 + x^5 + x^4 + 1, reflected), as the chip computes it.
    crc = 0
    for b in data:
        for _ in range(8):
            mix = (crc ^ b) & 1
            crc >>= 1
            if mix:
                crc ^= 0x8C
            b >>= 1
    return crc


class OneWire:
    SEARCH_ROM = 0xF0
    MATCH_ROM = 0x55
    SKIP_ROM = 0xCC

    def __init__(self, pin):
        self.pin = pin
        self._present = _board.S.get("ds18b20_found", True)
        self._converted_at = None
        self._out = b""
        _board.ev("onewire", pin.id)

    def reset(self, required=False):
        if required and not self._present:
            raise OneWireError
        return self._present

    def select_rom(self, rom):
        self.reset()
        if bytes(rom) != _ROM:
            raise AssertionError("no device with ROM %s" % rom)

    def writebyte(self, value):
        if value == 0x44:
            self._converted_at = _board.now_ms
            _board.ev("ds_convert")
        elif value == 0xBE:
            self._out = self._scratchpad()

    def write(self, buf):
        for b in buf:
            self.writebyte(b)

    def readinto(self, buf):
        for i in range(len(buf)):
            buf[i] = self._out[i]
        self._out = self._out[len(buf) :]

    def scan(self):
        return [bytearray(_ROM)] if self._present else []

    def crc8(self, data):
        return _crc8(data)

    def _scratchpad(self):
        r = _board.next_outcome("readings", 21.5)
        done = self._converted_at is not None and _board.now_ms - self._converted_at >= _CONVERT_MS
        _board.ev("ds_read", r, done)
        if not done:
            raw = _POWER_ON
        elif isinstance(r, dict):
            raw = r["raw"]
        elif r == "crc":
            raw = 0x0150
        else:
            raw = int(r * 16)
            if raw != r * 16:
                raise ValueError("%s °C is not a DS18B20 step (1/16 °C)" % r)
        raw &= 0xFFFF
        # Temperature, TH, TL, configuration (12 bits), reserved bytes, CRC.
        pad = bytes([raw & 0xFF, raw >> 8, 0x4B, 0x46, 0x7F, 0xFF, 0x0C, 0x10])
        crc = _crc8(pad)
        return pad + bytes([crc ^ 0x5A if r == "crc" else crc])
