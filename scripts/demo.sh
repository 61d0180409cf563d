#!/usr/bin/env bash
# make demo: iotsys against a local moto server, no AWS account needed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/moto.sh
rm -rf .demo
moto_start .demo
echo "moto server: $MOTO_URL (pid $MOTO_PID)"

# moto accepts any credentials; these never leave this machine.
export AWS_ACCESS_KEY_ID=demo AWS_SECRET_ACCESS_KEY=demo AWS_REGION=us-east-1
export AWS_ENDPOINT_URL=$MOTO_URL
home=.demo/home
mkdir -p "$home"

step() { echo; echo "== $*"; }

step "iotsys install --db demo --dry-run   (the plan; nothing is changed)"
./iotsys install --db demo --dry-run
step "iotsys install --db demo   (first run: creates everything)"
./iotsys install --db demo
step "iotsys install --db demo   (second run: every resource UNCHANGED, zero writes)"
./iotsys install --db demo
step "iotsys install --db demo --output json"
./iotsys install --db demo --output json

step "iotsys sensor add esp8266temp kitchen garage   (keys, certificates, device packages)"
IOTSYS_WIFI_PASSWORD='demo password/&"$' ./iotsys --home "$home" sensor add esp8266temp kitchen garage --wifi-ssid demo-net

# sensor test: the board's own package, TLS 1.2 with its certificate and MQTT, against a local
# Mosquitto that trusts the CA moto signed the device certificates with (mutual TLS).
step "iotsys sensor test kitchen   (acts as the board: its own files, TLS 1.2, MQTT, against a local Mosquitto)"
source scripts/mosquitto.sh
mosquitto_start .demo/mosquitto "$MOTO_CA"
trap 'mosquitto_stop; moto_stop' EXIT
./iotsys --home "$home" sensor test kitchen --endpoint "localhost:$MOSQUITTO_PORT" \
  --ca-file "$MOTO_CA/ca.pem" --wait 0
echo "The stored link is not checked here: moto runs no topic rules, so no reading reaches its store (against AWS, leave out --endpoint, --ca-file and --wait 0)."
echo "The broker's log:"
grep -E "as kitchen|PUBLISH from kitchen" .demo/mosquitto/mosquitto.log | sed 's/^[0-9]*: /  /'
mosquitto_stop
step "the device package of kitchen, ready for 'make flash'"
ls -l "$home/sensor-esp8266temp/sensors/kitchen"
step "iotsys sensor list"
./iotsys --home "$home" sensor list
step "iotsys status --db demo"
./iotsys --home "$home" status --db demo
step "iotsys sensor remove kitchen"
./iotsys --home "$home" sensor remove kitchen
step "iotsys uninstall --db demo --remove-sensors   (the readings stay)"
./iotsys --home "$home" uninstall --db demo --remove-sensors
