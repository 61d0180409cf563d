#!/usr/bin/env bash
# make screenshots: the README's pictures of `iotsys dashboard` against a local moto server, set
# up as the demo sets it up (DynamoDB store), with a week of readings written as each type's rule
# writes them: per installed sensor type one sensor on time, and for the first type one late, one
# silent and one never seen, and an alarm going off. Writes docs/dashboard-fleet.png and
# docs/dashboard-sensor.png.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/moto.sh
rm -rf .demo/shots
moto_start .demo/shots
trap 'kill "$dashboard_pid" 2>/dev/null || true; moto_stop' EXIT
export AWS_ACCESS_KEY_ID=demo AWS_SECRET_ACCESS_KEY=demo AWS_REGION=us-east-1
export AWS_ENDPOINT_URL=$MOTO_URL
export IOTSYS_HOME="$PWD/.demo/shots/home"
mkdir -p "$IOTSYS_HOME"
./iotsys install --db demo --store dynamodb >/dev/null
types=$(./iotsys sensor-type list --output json | python3 -c 'import json,sys; print(" ".join(t["id"] for t in json.load(sys.stdin)["sensorTypes"]))')
first=${types%% *}
export IOTSYS_WIFI_PASSWORD='demo password'
./iotsys sensor add "$first" kitchen garage cellar greenhouse --wifi-ssid demo-net >/dev/null
for t in ${types#"$first"}; do
  ./iotsys sensor add "$t" "porch-$t" --wifi-ssid demo-net >/dev/null
done
./iotsys alerts enable --email me@example.com >/dev/null
./iotsys sensor-type list --output json | python3 scripts/dashboard_readings.py "$MOTO_URL" "$first"
./iotsys dashboard --port 0 > .demo/shots/dashboard.out 2>&1 &
dashboard_pid=$!
for _ in $(seq 100); do grep -q http .demo/shots/dashboard.out && break; sleep 0.1; done
url=$(grep -o 'http://[^ ]*' .demo/shots/dashboard.out)
(cd cli/src/test/browser && npm ci --no-audit --no-fund >/dev/null && node screenshots.mjs "$url" kitchen "$OLDPWD/docs")
echo "wrote docs/dashboard-fleet.png and docs/dashboard-sensor.png"
