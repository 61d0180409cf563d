#!/usr/bin/env bash
# The MQTT client comparison of docs/benchmarks.md: each candidate connects with mutual TLS to a
# local Mosquitto (the tests' broker settings) from a cold JVM, with ./iotsys's JVM flags, and
# publishes one reading at QoS 1. Measured: launch to CONNACK (the shell stamps the launch time,
# the program prints its CONNACK time), the whole run to process exit, and the size each client
# adds to the CLI's lib folder; then the whole './iotsys sensor test --wait 0' against the same
# broker, with a package that moto's CA signed. Needs 'make build'. Usage: scripts/mqtt-bench.sh
# [RUNS]   (default 11)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-11}
work=.bench/mqtt
rm -rf "$work"
mkdir -p "$work"
# moto makes the test CA and signs a sensor's certificate with it, for the run of iotsys itself.
source scripts/moto.sh
moto_start "$work"
export BENCH_CA=$MOTO_CA
source scripts/mosquitto.sh
# shellcheck disable=SC2046 # one argument per type's topic filter
mosquitto_start "$work/mosquitto" "$BENCH_CA" $(mosquitto_filters)
trap 'mosquitto_stop; moto_stop' EXIT
home=$work/home
mkdir -p "$home"
export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench AWS_REGION=us-east-1
./iotsys --endpoint-url "$MOTO_URL" install --db bench >/dev/null
IOTSYS_WIFI_PASSWORD=bench-password ./iotsys --endpoint-url "$MOTO_URL" --home "$home" \
  sensor add esp8266temp kitchen --wifi-ssid bench >/dev/null

declare -A artifact=(
  [paho]=org.eclipse.paho:org.eclipse.paho.client.mqttv3:1.2.5
  [hivemq]=com.hivemq:hivemq-mqtt-client:1.3.7
  [awscrt]=software.amazon.awssdk.iotdevicesdk:aws-iot-device-sdk:1.21.0)
declare -A main=([paho]=PahoBench [hivemq]=HiveBench [awscrt]=CrtBench [jsse]=JsseBench)
lib=cli/target/lib
for c in paho hivemq awscrt; do
  IFS=: read -r g a v <<<"${artifact[$c]}"
  mkdir -p "$work/$c"
  cat >"$work/$c/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>bench</groupId><artifactId>$c</artifactId><version>1</version>
<dependencies><dependency><groupId>$g</groupId><artifactId>$a</artifactId><version>$v</version></dependency></dependencies></project>
POM
  (cd "$work/$c" && mvn -B -ntp -q dependency:copy-dependencies -DoutputDirectory=lib)
  javac -d "$work/$c/classes" -cp "$work/$c/lib/*" scripts/mqtt-bench/Tls.java \
    "scripts/mqtt-bench/${main[$c]}.java"
  # What the client adds to the CLI: its jars that the lib folder does not hold already (Paho's
  # own jar is there because iotsys chose it: it counts).
  added=0
  for jar in "$work/$c"/lib/*.jar; do
    name=$(basename "$jar")
    if [ ! -f "$lib/$name" ] || [[ $name == org.eclipse.paho.* ]]; then
      added=$((added + $(stat -c %s "$jar")))
    fi
  done
  echo "$c adds $added bytes to $lib" | tee -a "$work/sizes.txt"
done
javac -d "$work/jsse/classes" scripts/mqtt-bench/Tls.java scripts/mqtt-bench/JsseBench.java

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
opts=(-XX:+UseSerialGC -Xshare:auto)
for _ in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  ./iotsys --home "$home" sensor test kitchen --endpoint "localhost:$MOSQUITTO_PORT" \
    --ca-file "$BENCH_CA/ca.pem" --wait 0 >/dev/null
  end=$(date +%s%N)
  echo $(((end - start) / 1000000)) >>"$work/iotsys.total"
  for c in paho hivemq awscrt jsse; do
    cp="$work/$c/classes"
    [ -d "$work/$c/lib" ] && cp="$cp:$work/$c/lib/*"
    start=$(date +%s%N)
    out=$(java "${opts[@]}" -cp "$cp" "${main[$c]}" "$MOSQUITTO_PORT" "$start")
    end=$(date +%s%N)
    echo "${out#connack }" >>"$work/$c.connack"
    echo $(((end - start) / 1000000)) >>"$work/$c.total"
  done
done
echo "median of $runs runs, ms: launch to CONNACK / whole run to exit"
for c in paho hivemq awscrt jsse; do
  echo "$c $(median <"$work/$c.connack") / $(median <"$work/$c.total")"
done
echo "iotsys sensor test --wait 0 (./iotsys, Paho): whole command $(median <"$work/iotsys.total")"
