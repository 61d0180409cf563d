# The {{id}} sensor: one reading of {{measureWords}}. TODO: replace the stub with the real read;
# firmware/test/{{id}}/ is where a fake of the chip goes (see iotsys's firmware/testlib/fakes).


class SensorError(Exception):
    # A reading that cannot be trusted: the board tries up to 3 times, then counts a failure.
    pass


def describe(cfg):
    return "{{id}} stub sensor"


def read(cfg):
    # Each measure in the contract's order, as an integer in hundredths of its unit (21.5 -> 2150).
    # The stub reads the middle of each declared range.
    return ({{stubReading}})
