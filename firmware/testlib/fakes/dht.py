# Fake dht driven by the scenario "readings": a number, "checksum" or "timeout".
import _board


class DHTBase:
    def __init__(self, pin):
        self.pin = pin
        self.t = None
        _board.ev("dht", type(self).__name__, pin.id)

    def measure(self):
        r = _board.next_outcome("readings", 21.5)
        _board.ev("dht_measure", r)
        if r == "checksum":
            raise Exception("checksum error")
        if r == "timeout":
            raise OSError(110)
        self.t = r

    def temperature(self):
        return self.t

    def humidity(self):
        return 50.0


class DHT11(DHTBase):
    pass


class DHT22(DHTBase):
    pass
