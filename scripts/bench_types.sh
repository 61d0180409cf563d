#!/usr/bin/env bash
# What two sensor types cost, written into docs/benchmarks.md (section "sensor-types"):
# start-up with both sensor modules on the class path (with and without the class-data archive),
# a one-name sensor add with an EC P-256 and with an RSA 2048 key (the key's generation is the
# difference), and sensor test acting as each board against a local Mosquitto with mutual TLS.
# Median of BENCH_RUNS (default 5). Needs 'make build'. Usage: scripts/bench_types.sh [DOC]
set -euo pipefail
cd "$(dirname "$0")/.."
doc=${1:-docs/benchmarks.md}
runs=${BENCH_RUNS:-5}
work=.bench/types
rm -rf "$work"
mkdir -p "$work"
source scripts/moto.sh
moto_start "$work"
export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench AWS_REGION=us-east-1
export AWS_ENDPOINT_URL=$MOTO_URL IOTSYS_WIFI_PASSWORD=bench-password
home=$PWD/$work/home
mkdir -p "$home"
export IOTSYS_HOME=$home

# Median wall time in seconds of a command run $runs times; stdout and stderr dropped.
median() {
  local times=()
  for _ in $(seq 1 "$runs"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    times+=($(((end - start) / 1000000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.2f", a[int((NR+1)/2)]/1000}'
}

with_archive() { "$@"; }
without_archive() { IOTSYS_JAVA_OPTS=-Xshare:off "$@"; }

./iotsys install --db bench --store dynamodb >/dev/null
version_a=$(median with_archive ./iotsys --version)
version_b=$(median without_archive ./iotsys --version)
types_a=$(median with_archive ./iotsys sensor-type list)
types_b=$(median without_archive ./iotsys sensor-type list)
list_a=$(median with_archive ./iotsys sensor list)
list_b=$(median without_archive ./iotsys sensor list)

# A name per run: each add makes a key, a thing and a certificate; remove is not measured.
n=0
add() {
  n=$((n + 1))
  ./iotsys sensor add esp32bme280 "$1$n" --wifi-ssid bench --key "$2"
}
add_ec=$(median add ec ec)
add_rsa=$(median add rsa rsa)

./iotsys sensor add esp8266temp kitchen --wifi-ssid bench >/dev/null
./iotsys sensor add esp32bme280 porch --wifi-ssid bench >/dev/null
source scripts/mosquitto.sh
# shellcheck disable=SC2046 # one argument per type's topic filter
mosquitto_start "$work/mosquitto" "$MOTO_CA" $(mosquitto_filters)
trap 'mosquitto_stop; moto_stop' EXIT
test_8266=$(median ./iotsys sensor test kitchen --endpoint "localhost:$MOSQUITTO_PORT" --wait 0)
test_32=$(median ./iotsys sensor test porch --endpoint "localhost:$MOSQUITTO_PORT" \
  --ca-file "$MOTO_CA/ca.pem" --wait 0)
mosquitto_stop

# Key generation in one JVM with ./iotsys's collector, apart from the rest of sensor add.
mkdir -p "$work/keybench"
javac -d "$work/keybench" -cp "cli/target/lib/*" scripts/bench-types/KeyBench.java
keys=$(java -XX:+UseSerialGC -cp "$work/keybench:cli/target/lib/*" KeyBench)
key_row() {
  awk -v a="$1" '$1 == a {printf "| %s | %.1f ms | %.1f ms |", a, $2, $3}' <<<"$keys" | tr _ ' '
}
rsa_row=$(key_row RSA_2048)
ec_row=$(key_row EC_P-256)

cpu=$(grep -m1 "model name" /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
java=$(java -version 2>&1 | head -1)
python3 - "$doc" <<PY
import sys
sys.path.insert(0, "scripts")
from benchdoc import write_section
write_section(sys.argv[1], "sensor-types", """## Two sensor types on the class path

Measured by scripts/bench_types.sh against a local moto (DynamoDB store) and Mosquitto: median
wall time of $runs runs of one whole \`./iotsys\` process, JVM start-up included. Both sensor
modules (and sensor-micropython) are on the class path; loading the types reads each type's
contract.json from its jar (jackson-core, no databind).

- Date: $(date -u +"%Y-%m-%d %H:%M UTC")
- Machine: $(nproc) cores ($cpu), load average $(cut -d" " -f1-3 /proc/loadavg) when it began (a shared machine), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), Linux $(uname -r), $java

| what runs | with the archive | without (\`IOTSYS_JAVA_OPTS=-Xshare:off\`) |
|---|---|---|
| \`iotsys --version\` | ${version_a} s | ${version_b} s |
| \`iotsys sensor-type list\`: both types loaded and checked | ${types_a} s | ${types_b} s |
| \`iotsys sensor list\` on an account with no sensor | ${list_a} s | ${list_b} s |

| step | wall time |
|---|---|
| \`sensor add esp32bme280 NAME --key ec\`, one name: an EC P-256 key | ${add_ec} s |
| \`sensor add esp32bme280 NAME --key rsa\`, one name: an RSA 2048 key | ${add_rsa} s |
| \`sensor test kitchen\` (esp8266temp: TLS 1.2, RSA, no server check) to the PUBACK | ${test_8266} s |
| \`sensor test porch\` (esp32bme280: TLS 1.2, EC, server checked against \`--ca-file\`) to the PUBACK | ${test_32} s |

One device key in one JVM (scripts/bench-types/KeyBench.java: the first, before the JIT has
compiled anything, and the median of the next 21):

| key | first | then |
|---|---|---|
${rsa_row}
${ec_row}

The two adds differ only in the key: both are made on a thread of their own from the start of
the command (KeyGeneration), beside the SDK's start-up and the first reads, so the difference in
wall time is smaller than in CPU. With a loaded machine (see its load above) every figure here
is slower than the commands section's, measured on an idle one; compare rows within this
section.
""")
PY
echo "wrote the sensor-types section of $doc"
