"""Starts moto's server for the iotsys integration tests.

Run as: python3 moto_server.py HOST PORT. Kept as a launcher (rather than `python3 -m moto.server`)
so that test-only corrections of moto can be applied in one place before the server starts.
"""
import sys

from moto.server import main

if __name__ == "__main__":
    host, port = sys.argv[1], sys.argv[2]
    main(["-H", host, "-p", port])
