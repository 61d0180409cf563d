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
# The demo's home: install records the database and the store there, and every later command
# finds them (as from any folder below a home), so --db and --store are said once.
export IOTSYS_HOME="$PWD/$home"

step() { echo; echo "== $*"; }

# DynamoDB: open to every AWS account (Timestream refuses accounts opened after 2025-06-20).
step "iotsys install --db demo --store dynamodb --dry-run   (the plan; nothing is changed)"
./iotsys install --db demo --store dynamodb --dry-run
step "iotsys install --db demo --store dynamodb   (first run: creates everything)"
./iotsys install --db demo --store dynamodb
step "iotsys install   (second run: database and store from the home; UNCHANGED, zero writes)"
./iotsys install
step "iotsys install --output json"
./iotsys install --output json

step "iotsys sensor-type list   (every type on the class path; install installed each)"
./iotsys sensor-type list

step "iotsys sensor add esp8266temp kitchen   (an RSA key, its certificate, the ESP8266's package)"
IOTSYS_WIFI_PASSWORD='demo password/&"$' ./iotsys sensor add esp8266temp kitchen --wifi-ssid demo-net
step "iotsys sensor add esp32bme280 porch   (an EC P-256 key, its certificate, the Amazon root CAs, the ESP32's package)"
IOTSYS_WIFI_PASSWORD='demo password/&"$' ./iotsys sensor add esp32bme280 porch --wifi-ssid demo-net

# sensor test: each board's own package, its TLS and its key, then MQTT, against a local Mosquitto
# that trusts the CA moto signed the device certificates with (mutual TLS), whose ACL follows
# each installed type's topic prefix.
source scripts/mosquitto.sh
# shellcheck disable=SC2046 # one argument per type's topic filter
mosquitto_start .demo/mosquitto "$MOTO_CA" $(mosquitto_filters)
trap 'mosquitto_stop; moto_stop' EXIT
step "iotsys sensor test kitchen   (as the ESP8266: RSA key, TLS 1.2, no server check, as its axTLS makes none)"
./iotsys sensor test kitchen --endpoint "localhost:$MOSQUITTO_PORT" --wait 0
step "iotsys sensor test porch   (as the ESP32: it checks the server against its package's Amazon roots, so it refuses the local broker)"
code=0
./iotsys sensor test porch --endpoint "localhost:$MOSQUITTO_PORT" --wait 0 || code=$?
echo "exit code $code: the board would refuse this broker too (12 is tls-server)"
test "$code" -eq 12
step "iotsys sensor test porch --ca-file   (the local CA instead of the package's: its EC key, TLS 1.2, MQTT)"
./iotsys sensor test porch --endpoint "localhost:$MOSQUITTO_PORT" \
  --ca-file "$MOTO_CA/ca.pem" --wait 0
echo "The stored link is not checked here: moto runs no topic rules, so no reading reaches its store (against AWS, leave out --endpoint, --ca-file and --wait 0)."
echo "The broker's log:"
grep -E "as (kitchen|porch)|PUBLISH from (kitchen|porch)" .demo/mosquitto/mosquitto.log | sed 's/^[0-9]*: /  /'
mosquitto_stop
step "the device packages, ready for 'make flash'"
ls -l "$home/sensor-esp8266temp/sensors/kitchen" "$home/sensor-esp32bme280/sensors/porch"
step "iotsys sensor list"
./iotsys sensor list

step "three readings of each sensor"
echo "moto runs no topic rules and has no MQTT broker: the demo writes three readings per sensor"
echo "into its type's table and its table of newest readings itself, item for item as the rule's"
echo "two dynamoDBv2 actions would from the board's messages"
python3 - "$MOTO_URL" <<'PY'
import sys, time, boto3
dynamo = boto3.client("dynamodb", endpoint_url=sys.argv[1], region_name="us-east-1",
                      aws_access_key_id="demo", aws_secret_access_key="demo")
now_ms = int(time.time() * 1000)
readings = {
    ("esp8266temp", "kitchen"): [{"temperature": "21.5"}, {"temperature": "21.75"},
                                 {"temperature": "22.0"}],
    ("esp32bme280", "porch"): [
        {"temperature": "12.31", "humidity": "71.5", "pressure": "1012.84"},
        {"temperature": "12.45", "humidity": "70.92", "pressure": "1012.9"},
        {"temperature": "12.6", "humidity": "70.1", "pressure": "1013.02"}],
}
for (type_id, device), values in readings.items():
    table = "iotsys.demo." + type_id
    for minutes_ago, measures in zip((10, 5, 0), values):
        ts = now_ms - minutes_ago * 60_000
        item = {"device": {"S": device}, "ts": {"N": str(ts)},
                "expires": {"N": str(ts // 1000 + 365 * 86400)}}
        item.update({m: {"N": v} for m, v in measures.items()})
        dynamo.put_item(TableName=table, Item=item)
        dynamo.put_item(TableName=table + "-newest", Item=item)
    print("wrote 3 items into " + table + " and the newest into " + table + "-newest")
PY
step "iotsys data kitchen   (newest first)"
./iotsys data kitchen
step "iotsys data porch   (its type's three measures)"
./iotsys data porch
step "iotsys data porch --stats"
./iotsys data porch --stats
step "iotsys alerts enable --email me@example.com   (topic, subscription, a metrics rule per type, a silence alarm per sensor, six of its type's reading intervals; kitchen and porch have readings, so they are armed)"
./iotsys alerts enable --email me@example.com
step "iotsys alerts enable --email me@example.com   (second run: UNCHANGED, zero writes)"
./iotsys alerts enable --email me@example.com
step "iotsys alerts set kitchen --above 30"
./iotsys alerts set kitchen --above 30
step "iotsys alerts list"
./iotsys alerts list
step "iotsys config   (the home, and where each setting comes from)"
./iotsys config
step "iotsys status   (no --db: the home's settings have it)"
./iotsys status
step "iotsys sensor remove kitchen porch"
./iotsys sensor remove kitchen porch
step "iotsys uninstall --remove-sensors   (the readings stay: the table is kept, deletion protection on)"
./iotsys uninstall --remove-sensors
