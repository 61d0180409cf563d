#!/usr/bin/env bash
# make moto [port=PORT]: a local AWS (moto) in the foreground, for trying iotsys by hand.
# Prints the environment to paste into another shell; Ctrl-C stops it.
#
# It is the tests' launcher, not plain `moto_server`: plain moto's CreateCertificateFromCsr
# returns a certificate for a key of its own, not for the CSR's, so a device package made
# against it holds a key that its certificate does not certify (iotsys refuses such a package,
# and no broker would accept it). The launcher signs the CSR's own key with a test CA, as AWS IoT
# does, and keeps that CA (ca.pem) for a local broker.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-}
if [ -z "$port" ]; then
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
fi
launcher=iot-core-lib/src/test/resources/dev/iotsys/testing/moto_server.py
ca=$PWD/.moto/test-ca
mkdir -p .moto
python3 "$launcher" --make-ca "$ca"
cat <<TEXT
moto (a local AWS) on http://127.0.0.1:$port; its state lives in memory until Ctrl-C.
In another shell:

  export AWS_ENDPOINT_URL=http://127.0.0.1:$port AWS_REGION=us-east-1
  export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local   # moto takes any; never real keys
  ./iotsys install --db home --store dynamodb

The CA that signs the device certificates (for a local broker and sensor test --ca-file):
  $ca/ca.pem
TEXT
exec python3 "$launcher" --ca "$ca" 127.0.0.1 "$port"
