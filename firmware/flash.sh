#!/usr/bin/env bash
# Copies a generated device package to an ESP8266 running MicroPython:
#   flash.sh NAME PORT [HOME]   (make flash name=NAME port=/dev/ttyUSB0)
# The package is HOME/sensor-esp8266temp/sensors/NAME/ (HOME defaults to the current directory).
set -euo pipefail

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
  echo "usage: flash.sh NAME PORT [HOME]" >&2
  exit 2
fi
name=$1
port=$2
pkg="${3:-.}/sensor-esp8266temp/sensors/$name"

if ! command -v mpremote >/dev/null 2>&1; then
  echo "flash.sh: mpremote is not installed (pip install mpremote)" >&2
  exit 2
fi
if [ ! -d "$pkg" ]; then
  echo "flash.sh: no device package at $pkg (create the sensor first)" >&2
  exit 2
fi

copy() {
  echo "copying ${1##*/}"
  mpremote connect "$port" fs cp "$1" ":${1##*/}"
}

# main.py goes last: a board reset halfway through then finds no main.py to run
# against a half-copied set of modules.
for f in "$pkg"/*; do
  if [ -f "$f" ] && [ "${f##*/}" != main.py ]; then
    copy "$f"
  fi
done
if [ -f "$pkg/main.py" ]; then
  copy "$pkg/main.py"
fi
echo "done: press RST on the board (or: mpremote connect $port reset) to start $name"
