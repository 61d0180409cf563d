#!/usr/bin/env bash
# What a plugin jar costs at start-up, written into docs/benchmarks.md (section "plugins"):
# 'iotsys sensor-type list' and 'iotsys --version' with and without a generated sensor type in the
# plugin folder, each with and without the class-data archive. Median of BENCH_RUNS (default 11).
# Needs 'make build' and a plugin jar: the one SensorTypeNewIT built (mvn verify -pl cli), or
# give one. No AWS call. Usage: scripts/bench_plugins.sh [DOC] [JAR]
set -euo pipefail
cd "$(dirname "$0")/.."
doc=${1:-docs/benchmarks.md}
jar=${2:-$(ls cli/target/sensor-type-new-it/sensor-soil/target/sensor-soil-*.jar 2>/dev/null | head -1)}
runs=${BENCH_RUNS:-11}
if [ -z "$jar" ] || [ ! -f "$jar" ]; then
  echo "no plugin jar: run 'mvn verify -pl cli -am -Dit.test=SensorTypeNewIT' first, or give one" >&2
  exit 2
fi
work=.bench/plugins
rm -rf "$work"
mkdir -p "$work/none" "$work/one/.iotsys/plugins"
cp "$jar" "$work/one/.iotsys/plugins/"
unset IOTSYS_PLUGINS

median() {
  local times=()
  for _ in $(seq 1 "$runs"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    times+=($(((end - start) / 1000000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.3f", a[int((NR+1)/2)]/1000}'
}
in_home() { local home=$1; shift; IOTSYS_HOME=$PWD/$work/$home "$@"; }
off() { IOTSYS_JAVA_OPTS=-Xshare:off "$@"; }

./iotsys sensor-type list >/dev/null # warm the page cache
in_home one ./iotsys sensor-type list | grep -q "from .*sensor-soil" ||
  { echo "the plugin's type is not listed" >&2; exit 1; }
list_none=$(median in_home none ./iotsys sensor-type list)
list_one=$(median in_home one ./iotsys sensor-type list)
list_none_off=$(median off in_home none ./iotsys sensor-type list)
list_one_off=$(median off in_home one ./iotsys sensor-type list)
version_none=$(median in_home none ./iotsys --version)
version_one=$(median in_home one ./iotsys --version)
# Classes the JVM loaded for sensor-type list, and from where, with the plugin.
in_home one java -XX:+UseSerialGC -Xshare:auto -XX:SharedArchiveFile=cli/target/iotsys.jsa \
  -Xlog:class+load=info -jar cli/target/iotsys.jar sensor-type list >"$work/classes.log" 2>&1 || true
shared=$(grep -c "source: shared objects file" "$work/classes.log" || true)
from_plugin=$(grep -c "source: file:.*sensor-soil" "$work/classes.log" || true)
total=$(grep -c "\[class,load\]" "$work/classes.log" || true)

cpu=$(grep -m1 "model name" /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
java=$(java -version 2>&1 | head -1)
python3 - "$doc" <<PY
import sys
sys.path.insert(0, "scripts")
from benchdoc import write_section
write_section(sys.argv[1], "plugins", """## Plugin start-up

Measured by scripts/bench_plugins.sh: median wall time of $runs runs of one whole \`./iotsys\`
process, JVM start-up included, in a home without a plugin and in one whose \`.iotsys/plugins/\`
holds the \`soil\` type that \`iotsys sensor-type new soil --measure moisture:%:0..100 --board
esp32\` generates ($(du -k "$jar" | cut -f1) KiB jar). No AWS call.

- Date: $(date -u +"%Y-%m-%d %H:%M UTC")
- Machine: $(nproc) cores ($cpu), load average $(cut -d" " -f1-3 /proc/loadavg) when it began (a shared machine), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), Linux $(uname -r), $java

| what runs | no plugin | one plugin jar |
|---|---|---|
| \`iotsys sensor-type list\`, with the archive | ${list_none} s | ${list_one} s |
| \`iotsys sensor-type list\`, without (\`-Xshare:off\`) | ${list_none_off} s | ${list_one_off} s |
| \`iotsys --version\` (loads no type), with the archive | ${version_none} s | ${version_one} s |

With the plugin, \`sensor-type list\` loaded ${total} classes: ${shared} from the class-data archive
(which \`make build\` trains without plugins; the class path is unchanged, so it stays valid) and
${from_plugin} from the plugin's jar, its own classes. What a plugin adds is opening its jar, a
class loader, and loading and verifying its classes.
""")
PY
echo "wrote the plugins section of $doc"
