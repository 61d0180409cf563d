# iotsys sensor firmware. The same program runs on every board of a type: all settings come from
# config.json, the identity from the TLS files, and what the board has from board.py.
import cycle

cycle.main()
