#!/usr/bin/env bash
# The MQTT client comparison of docs/benchmarks.md: each candidate connects with mutual TLS to a
# local Mosquitto (the tests' broker settings) from a cold JVM, with ./iotsys's JVM flags, and
# publishes one reading at QoS 1. Measured: launch to CONNACK (the shell stamps the launch time,
# the program prints its CONNACK time), the whole run to process exit, and the size each client
# adds to the CLI's lib folder. Usage: scripts/mqtt-bench.sh [RUNS]   (default 11)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-11}
work=.bench/mqtt
rm -rf "$work"
mkdir -p "$work"
python3 iot-core-lib/src/test/resources/dev/iotsys/testing/moto_server.py --make-ca "$work/ca"
export BENCH_CA=$PWD/$work/ca
source scripts/mosquitto.sh
mosquitto_start "$work/mosquitto" "$BENCH_CA"
trap mosquitto_stop EXIT

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
  # What the client adds to the CLI: its jars that the lib folder does not hold already.
  added=0
  for jar in "$work/$c"/lib/*.jar; do
    [ -f "$lib/$(basename "$jar")" ] || added=$((added + $(stat -c %s "$jar")))
  done
  echo "$c adds $added bytes to $lib" | tee -a "$work/sizes.txt"
done
javac -d "$work/jsse/classes" scripts/mqtt-bench/Tls.java scripts/mqtt-bench/JsseBench.java

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
opts=(-XX:+UseSerialGC -Xshare:auto)
for _ in $(seq 1 "$runs"); do
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
