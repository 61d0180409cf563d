# Sourced by demo.sh: starts Debian's Mosquitto on a free loopback port with mutual TLS, the way
# the tests' MosquittoBroker does, and stops it by its process id. Sets MOSQUITTO_PORT and
# MOSQUITTO_PID. The broker's certificate and the CA it trusts for clients come from the test CA
# folder that moto_start made (MOTO_CA), whose CA also signs the device certificates moto issues.
# A third argument, when given, is the port (make broker port=PORT); else a free one is taken.
mosquitto_start() {
  local dir=$1 ca=$2 bin
  bin=$(command -v mosquitto || echo /usr/sbin/mosquitto)
  if [ ! -x "$bin" ]; then
    echo "mosquitto is missing: 'make demo' installs it (as root), or run 'sudo apt-get install mosquitto'" >&2
    return 1
  fi
  mkdir -p "$dir"
  MOSQUITTO_PORT=${3:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
  cat >"$dir/acl" <<ACL
# Shaped like iotsys's device policy: a device publishes only to its own topic.
pattern write esp8266temp/%u
ACL
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
