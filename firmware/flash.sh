#!/usr/bin/env bash
# Copies a generated device package to a board running MicroPython:
#   flash.sh NAME PORT [HOME]   (make flash name=NAME port=/dev/ttyUSB0)
# The package is HOME/sensor-TYPE/sensors/NAME/, whatever the sensor's type (HOME defaults to
# the current directory).
set -euo pipefail

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
  echo "usage: flash.sh NAME PORT [HOME]" >&2
  exit 2
fi
name=$1
port=$2
home=${3:-.}

# mpremote is a Python program: on PATH, or importable by python3 (pip install --user puts it
# where PATH may not look). Debian 12 packages pipx, pyserial and Thonny, not mpremote.
if command -v mpremote >/dev/null 2>&1; then
  mpremote=(mpremote)
elif command -v python3 >/dev/null 2>&1 && python3 -c 'import mpremote' >/dev/null 2>&1; then
  mpremote=(python3 -m mpremote)
else
  echo "flash.sh: mpremote is not installed: pipx install mpremote (apt install pipx) or pip install mpremote; without PyPI, pip install the mpremote and pyserial wheels copied from a machine that has it (pip download mpremote), or copy the package's files with Thonny (apt install thonny); see firmware/README.md" >&2
  exit 2
fi

packages=()
for p in "$home"/sensor-*/sensors/"$name"; do
  if [ -d "$p" ]; then
    packages+=("$p")
  fi
done
if [ ${#packages[@]} -eq 0 ]; then
  echo "flash.sh: no device package named $name in $home/sensor-*/sensors/ (create the sensor first: iotsys sensor add TYPE $name)" >&2
  exit 2
fi
if [ ${#packages[@]} -gt 1 ]; then
  types=()
  for p in "${packages[@]}"; do
    t=${p%/sensors/*}
    types+=("${t##*/sensor-}")
  done
  echo "flash.sh: $name has a package for several types (${types[*]}) in $home; remove the one that is not this board's" >&2
  exit 2
fi
pkg=${packages[0]}

copy() {
  echo "copying ${1##*/}"
  "${mpremote[@]}" connect "$port" fs cp "$1" ":${1##*/}"
}

# main.py goes last: a board reset halfway through then finds no main.py to run
# against a half-copied set of modules. The glob skips dot files (iotsys's own records).
for f in "$pkg"/*; do
  if [ -f "$f" ] && [ "${f##*/}" != main.py ]; then
    copy "$f"
  fi
done
if [ -f "$pkg/main.py" ]; then
  copy "$pkg/main.py"
fi
echo "done: press RST on the board (or: ${mpremote[*]} connect $port reset) to start $name"
