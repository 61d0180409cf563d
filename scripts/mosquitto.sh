# Sourced by demo.sh: starts Debian's Mosquitto on a free loopback port with mutual TLS, the way
# the tests' MosquittoBroker does, and stops it by its process id. Sets MOSQUITTO_PORT and
# MOSQUITTO_PID. The broker's certificate and the CA it trusts for clients come from the test CA
# folder that moto_start made (MOTO_CA), whose CA also signs the device certificates moto issues.
# A port, when wanted (make broker port=PORT), comes in MOSQUITTO_WANT_PORT; else a free one is taken.
#   mosquitto_start DIR CA TOPIC_FILTER...   one filter per installed sensor type, e.g. TYPE/+
mosquitto_start() {
  local dir=$1 ca=$2 bin filter
  shift 2
  bin=$(command -v mosquitto || echo /usr/sbin/mosquitto)
  if [ ! -x "$bin" ]; then
    echo "mosquitto is missing: 'make demo' installs it (as root), or run 'sudo apt-get install mosquitto'" >&2
    return 1
  fi
  mkdir -p "$dir"
  MOSQUITTO_PORT=${MOSQUITTO_WANT_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
  if [ $# -eq 0 ]; then
    echo "mosquitto_start: give each sensor type's topic filter, e.g. TYPE/+" >&2
    return 1
  fi
  echo "# Shaped like iotsys's device policy: a device publishes only to its own topic." >"$dir/acl"
  for filter in "$@"; do
    echo "pattern write ${filter/+/%u}" >>"$dir/acl"
  done
  cat >"$dir/mosquitto.conf" <<CONF
listener $MOSQUITTO_PORT 127.0.0.1
cafile $ca/ca.pem
certfile $ca/broker.pem
keyfile $ca/broker.key
require_certificate true
use_identity_as_username true
allow_anonymous false
acl_file $PWD/$dir/acl
persistence false
log_dest file $PWD/$dir/mosquitto.log
log_type all
user $(id -un)
CONF
  "$bin" -c "$dir/mosquitto.conf" >"$dir/mosquitto.out" 2>&1 &
  MOSQUITTO_PID=$!
  for _ in $(seq 1 100); do
    if python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', int(sys.argv[1])), 0.2)" "$MOSQUITTO_PORT" 2>/dev/null; then
      return 0
    fi
    if ! kill -0 "$MOSQUITTO_PID" 2>/dev/null; then
      break
    fi
    sleep 0.1
  done
  echo "mosquitto did not start; see $dir/mosquitto.out" >&2
  return 1
}

mosquitto_stop() {
  if [ -n "${MOSQUITTO_PID:-}" ]; then
    kill "$MOSQUITTO_PID" 2>/dev/null || true
    wait "$MOSQUITTO_PID" 2>/dev/null || true
    MOSQUITTO_PID=
  fi
}

# The topic filter of every sensor type ./iotsys knows (the types install puts in the account),
# one a line, for mosquitto_start's ACL.
mosquitto_filters() {
  ./iotsys sensor-type list --output json |
    python3 -c 'import json, sys; print("\n".join(t["topicFilter"] for t in json.load(sys.stdin)["sensorTypes"]))'
}
