"""The boards' awake time and TLS handshakes per reading, into docs/benchmarks.md.

Runs the firmware's own bench (`npm run bench` in firmware/, when its package.json has one): the
firmware unchanged in the real MicroPython interpreter, every step charged on the tests' virtual
clock, so the figures do not depend on this machine and repeat exactly.

    python3 scripts/bench_awake.py docs/benchmarks.md
"""
import datetime
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from benchdoc import write_section  # noqa: E402

FIRMWARE = os.path.join(os.path.dirname(__file__), "..", "firmware")


def main(doc):
    with open(os.path.join(FIRMWARE, "package.json")) as f:
        if "bench" not in json.load(f).get("scripts", {}):
            print("firmware/package.json has no bench script: nothing to measure")
            return
    if not os.path.isdir(os.path.join(FIRMWARE, "node_modules")):
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=FIRMWARE, check=True)
    table = subprocess.run(
        ["npm", "run", "--silent", "bench"], cwd=FIRMWARE, check=True, capture_output=True, text=True
    ).stdout.strip()
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    write_section(doc, "awake", f"""## Awake time and TLS handshakes per reading on the boards

- Date: {date}
- How: `make bench` runs `cd firmware && npm run bench` (firmware/bench/awake.mjs; Node {node}).
  The firmware runs unchanged in the real MicroPython interpreter (WebAssembly) on the host tests'
  fake boards; the numbers are read from their virtual clock, not from this machine's, so they do
  not depend on it and repeat exactly. Each step costs what `firmware/test/<type>/board.json`
  (`costs_ms`) says: Wi-Fi association and an address 3 s (esp8266/Arduino#1779); the TLS
  handshake 25 s for the ESP8266's axTLS at 160 MHz (shared/reference firmware.md;
  esp-open-rtos#226 saw 15 s with mbedTLS on that chip) and 1.8 s for the ESP32's mbedTLS
  verifying the server (GoogleCloudPlatform/google-cloud-iot-arduino#217); an NTP query and each
  MQTT exchange (CONNACK, PUBACK) 100 ms (assumed: one round trip); the DS18B20's 750 ms
  conversion and the BME280's 10 ms are the firmware's own waits. MicroPython's boot and module
  imports are not counted. Steady state: the first wake-up after power-on (which also sets the
  clock by NTP) is left out. Awake time = from boot to `machine.deepsleep`.
- Modes: `sensor add ... --publish-every 1` (the default) connects at every wake-up;
  `--publish-every 6` keeps 5 readings and sends 6 in one connection; the third row is the
  wake-up that sends 12 readings kept while Wi-Fi was down and the new one, in one connection.

{table}

On the ESP8266 the handshake is nearly all of a wake-up, so `--publish-every 6` divides the awake
time per reading by about five and the handshakes by six, and a connection that sends 13 kept
readings costs about one handshake for all of them. During an outage the failed tries cost most
(each waits out `wifi_timeout_s`, 20 s, and the back-off starts at 5 s).
""")
    print(f"wrote the awake section of {doc}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs/benchmarks.md")
