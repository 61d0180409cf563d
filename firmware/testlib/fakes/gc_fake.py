# Installed as sys.modules["gc"] by the harness (gc is not overridable from a file):
# counts collections so a test can see one happened right before the handshake.
import _board

_real = __import__("gc")
collected = 0


def collect():
    global collected
    collected += 1
    _board.ev("gc_collect")
    _real.collect()


def mem_free():
    return _real.mem_free()


def mem_alloc():
    return _real.mem_alloc()
