# The {{id}} board: what the shared modules of firmware/common/ ask of a board. The sensor part
# (this first half) is this type's: read() hands over what sensor.py reads. The board's part (the
# second half: TLS, timers, the port's error codes) is iotsys's {{board}} board as iotsys
# {{iotsysVersion}} has it in firmware/{{reference}}/board.py; 'iotsys sensor-type new' copied it.
import machine

import sensor

MEASURES = ({{measureTuple}})
# A kept reading (buffer.py): each measure in hundredths as an int32.
PACKING = "{{packing}}"
# The settings sensor.py takes beyond common/settings.py's, with their defaults; contract.json's
# "settings" lists the same names with the same defaults.
DEFAULTS = {}
SensorError = sensor.SensorError


def check(cfg):
    # TODO: check the settings in DEFAULTS (pins, addresses) and raise settings.ConfigError.
    pass


def describe(cfg):
    return sensor.describe(cfg)


def read(cfg):
    return sensor.read(cfg)


# The {{board}} board, from firmware/{{reference}}/board.py.
{{boardPart}}
