#!/usr/bin/env bash
# make broker [port=PORT]: a local MQTT broker (Debian's Mosquitto, mutual TLS) in the foreground,
# for 'iotsys sensor test' of sensors added against 'make moto'. Prints the exact sensor test line;
# Ctrl-C stops it.
#
# It trusts the test CA that 'make moto' signs device certificates with (.moto/test-ca, made here
# when missing) and presents a certificate from it for localhost, as AWS IoT trusts the
# certificates it issued. Its ACL is the tests' and the demo's (scripts/mosquitto.sh): a device
# publishes only to its own topic.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-}
ca=$PWD/.moto/test-ca
python3 iot-core-lib/src/test/resources/dev/iotsys/testing/moto_server.py --make-ca "$ca"
source scripts/mosquitto.sh
MOSQUITTO_WANT_PORT=$port mosquitto_start .moto/broker "$ca" $(mosquitto_filters)
trap mosquitto_stop EXIT
trap 'exit 130' INT TERM
cat <<TEXT
Mosquitto (MQTT with mutual TLS) on localhost:$MOSQUITTO_PORT; its log: .moto/broker/mosquitto.log
It trusts the devices that the 'make moto' in this clone certifies. In the sensors' home:

  ./iotsys sensor test NAME --endpoint localhost:$MOSQUITTO_PORT --ca-file $ca/ca.pem --wait 0

(--wait 0: moto runs no topic rules, so no reading reaches a store; Ctrl-C stops the broker.)
TEXT
wait "$MOSQUITTO_PID"
