# Fake network with the port's STAT_* constants (board.json "network"): the station connects
# after the scenario's "wifi_connect_ms" of virtual time (default: the board's cost of an
# association, costs_ms "wifi_associate"), or never when it is null, or not before the real time
# "wifi_down_until_ms" (with "true_ms"); then status() reports the scenario's "wifi_status", a
# constant's name.
import _board

STA_IF = 0
AP_IF = 1
for _name, _value in _board.B["network"].items():
    globals()[_name] = _value

_ifaces = {}


def WLAN(iface=STA_IF):
    if iface not in _ifaces:
        _ifaces[iface] = _WLAN(iface)
    return _ifaces[iface]


class _WLAN:
    def __init__(self, iface):
        self.iface = iface
        self._active = iface == AP_IF and _board.B.get("ap_active_at_boot", False)
        self._since = None

    def active(self, on=None):
        if on is None:
            return self._active
        self._active = bool(on)
        _board.ev("ap_active" if self.iface == AP_IF else "sta_active", self._active)

    def connect(self, ssid, password):
        if not self._active:
            raise OSError("STA must be active")
        self._since = _board.now_ms
        _board.ev("wifi_connect", ssid, password)

    def isconnected(self):
        if self.iface != STA_IF or not self._active:
            return False
        if _board.S.get("wifi_already_connected"):
            return True
        after = _board.S.get("wifi_connect_ms", _board.COSTS.get("wifi_associate", 1000))
        if "wifi_down_until_ms" in _board.S and _board.S["true_ms"] + _board.now_ms < _board.S["wifi_down_until_ms"]:
            return False
        return self._since is not None and after is not None and _board.now_ms - self._since >= after

    def status(self):
        if self.isconnected():
            return globals()["STAT_GOT_IP"]
        return globals()[_board.S.get("wifi_status", "STAT_CONNECTING")]

    def ifconfig(self):
        return ("192.0.2.10", "255.255.255.0", "192.0.2.1", "192.0.2.1")
