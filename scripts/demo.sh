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

# DynamoDB: open to every AWS account (Timestream refuses accounts opened after 2025-06-20).
step "iotsys install --db demo --store dynamodb --dry-run   (the plan; nothing is changed)"
./iotsys install --db demo --store dynamodb --dry-run
step "iotsys install --db demo --store dynamodb   (first run: creates everything)"
./iotsys install --db demo --store dynamodb
step "iotsys install --db demo   (second run: the store is found from the rule; UNCHANGED, zero writes)"
./iotsys install --db demo
step "iotsys install --db demo --output json"
./iotsys install --db demo --output json

step "iotsys sensor add esp8266temp kitchen garage   (keys, certificates, device packages)"
IOTSYS_WIFI_PASSWORD='demo password/&"$' ./iotsys --home "$home" sensor add esp8266temp kitchen garage --wifi-ssid demo-net
step "the device package of kitchen, ready for 'make flash'"
ls -l "$home/sensor-esp8266temp/sensors/kitchen"
step "iotsys sensor list"
./iotsys --home "$home" sensor list

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
./iotsys --home "$home" data kitchen
step "iotsys data kitchen --stats"
./iotsys --home "$home" data kitchen --stats
step "iotsys alerts enable --email me@example.com   (topic, subscription, metrics rule, a silence alarm per sensor; kitchen has a reading, so it is armed)"
./iotsys alerts enable --email me@example.com
step "iotsys alerts enable --email me@example.com   (second run: UNCHANGED, zero writes)"
./iotsys alerts enable --email me@example.com
step "iotsys alerts set kitchen --above 30"
./iotsys alerts set kitchen --above 30
step "iotsys alerts list"
./iotsys alerts list
step "iotsys status --db demo"
./iotsys --home "$home" status --db demo
step "iotsys sensor remove kitchen"
./iotsys --home "$home" sensor remove kitchen
step "iotsys uninstall --db demo --remove-sensors   (the readings stay: the table is kept, deletion protection on)"
./iotsys --home "$home" uninstall --db demo --remove-sensors
