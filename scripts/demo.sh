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

step "iotsys sensor add esp8266temp kitchen garage   (keys, certificates, device packages)"
IOTSYS_WIFI_PASSWORD='demo password/&"$' ./iotsys sensor add esp8266temp kitchen garage --wifi-ssid demo-net

# sensor test: the board's own package, TLS 1.2 with its certificate and MQTT, against a local
# Mosquitto that trusts the CA moto signed the device certificates with (mutual TLS).
step "iotsys sensor test kitchen   (acts as the board: its own files, TLS 1.2, MQTT, against a local Mosquitto)"
source scripts/mosquitto.sh
mosquitto_start .demo/mosquitto "$MOTO_CA"
trap 'mosquitto_stop; moto_stop' EXIT
./iotsys sensor test kitchen --endpoint "localhost:$MOSQUITTO_PORT" \
  --ca-file "$MOTO_CA/ca.pem" --wait 0
echo "The stored link is not checked here: moto runs no topic rules, so no reading reaches its store (against AWS, leave out --endpoint, --ca-file and --wait 0)."
echo "The broker's log:"
grep -E "as kitchen|PUBLISH from kitchen" .demo/mosquitto/mosquitto.log | sed 's/^[0-9]*: /  /'
mosquitto_stop
step "the device package of kitchen, ready for 'make flash'"
ls -l "$home/sensor-esp8266temp/sensors/kitchen"
step "iotsys sensor list"
./iotsys sensor list

step "three readings of kitchen"
echo "moto runs no topic rules and has no MQTT broker: the demo writes three readings into the"
echo "table itself, item for item as the rule's dynamoDBv2 action would from {\"temperature\": ...}"
python3 - "$MOTO_URL" <<'PY'
import sys, time, boto3
table = "iotsys.demo.esp8266temp"
dynamo = boto3.client("dynamodb", endpoint_url=sys.argv[1], region_name="us-east-1",
                      aws_access_key_id="demo", aws_secret_access_key="demo")
now_ms = int(time.time() * 1000)
for minutes_ago, temperature in ((10, "21.5"), (5, "21.75"), (0, "22.0")):
    ts = now_ms - minutes_ago * 60_000
    dynamo.put_item(TableName=table, Item={
        "device": {"S": "kitchen"}, "ts": {"N": str(ts)},
        "expires": {"N": str(ts // 1000 + 365 * 86400)}, "temperature": {"N": temperature}})
print("wrote 3 items into " + table)
PY
step "iotsys data kitchen   (newest first)"
./iotsys data kitchen
step "iotsys data kitchen --stats"
./iotsys data kitchen --stats
step "iotsys alerts enable --email me@example.com   (topic, subscription, metrics rule, a silence alarm per sensor; kitchen has a reading, so it is armed)"
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
step "iotsys sensor remove kitchen"
./iotsys sensor remove kitchen
step "iotsys uninstall --remove-sensors   (the readings stay: the table is kept, deletion protection on)"
./iotsys uninstall --remove-sensors
