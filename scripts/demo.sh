#!/usr/bin/env bash
# make demo: iotsys against a local moto server, no AWS account needed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/moto.sh
moto_start .demo
echo "moto server: $MOTO_URL (pid $MOTO_PID)"

# moto accepts any credentials; these never leave this machine.
export AWS_ACCESS_KEY_ID=demo AWS_SECRET_ACCESS_KEY=demo AWS_REGION=us-east-1
export AWS_ENDPOINT_URL=$MOTO_URL

echo
echo "== iotsys install --db demo --dry-run   (the plan; nothing is changed)"
./iotsys install --db demo --dry-run
echo
echo "== iotsys install --db demo   (first run: creates everything)"
./iotsys install --db demo
echo
echo "== iotsys install --db demo   (second run: every resource UNCHANGED, zero writes)"
./iotsys install --db demo
echo
echo "== iotsys install --db demo --output json"
./iotsys install --db demo --output json
