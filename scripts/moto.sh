# Sourced by demo.sh and bench.sh: starts a moto server on a free loopback port and stops it on exit.
# Sets MOTO_URL, MOTO_PID and MOTO_CA (the test CA folder: ca.pem, broker.pem, ...).
moto_start() {
  local logdir=$1
  mkdir -p "$logdir"
  local port launcher=iot-core-lib/src/test/resources/dev/iotsys/testing/moto_server.py
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  # The test CA signs the device certificates moto issues, and a local Mosquitto trusts it
  # (scripts/mosquitto.sh), as AWS IoT trusts the certificates it issued.
  MOTO_CA=$PWD/$logdir/test-ca
  python3 "$launcher" --make-ca "$MOTO_CA" || return 1
  # The tests' launcher: moto with its CreateCertificateFromCsr corrected, so that device
  # certificates match their locally made keys as on AWS.
  python3 "$launcher" --ca "$MOTO_CA" 127.0.0.1 "$port" \
    >"$logdir/moto.log" 2>&1 &
  MOTO_PID=$!
  MOTO_URL="http://127.0.0.1:$port"
  trap moto_stop EXIT
  for _ in $(seq 1 100); do
    if moto_reset 2>/dev/null; then
      return 0
    fi
    sleep 0.2
  done
  echo "moto did not start; see $logdir/moto.log" >&2
  return 1
}

moto_reset() {
  python3 - "$MOTO_URL" <<'PY'
import sys, urllib.request
urllib.request.urlopen(urllib.request.Request(sys.argv[1] + "/moto-api/reset", method="POST"), timeout=5)
PY
}

moto_stop() {
  if [ -n "${MOTO_PID:-}" ]; then
    kill "$MOTO_PID" 2>/dev/null || true
    wait "$MOTO_PID" 2>/dev/null || true
    MOTO_PID=
  fi
}
