#!/usr/bin/env bash
# What a plugin jar costs at start-up, written into docs/benchmarks.md (section "plugins"):
# 'iotsys sensor-type list' and 'iotsys --version' in a home without a plugin and in one with a
# generated sensor type in its plugin folder, with and without the class-data archive; wall and
# CPU time, medians of BENCH_RUNS (default 11) runs taken in turn. No AWS call. Needs 'make build'
# and a plugin jar: the one SensorTypeNewIT built (mvn verify -pl cli -am), or give one.
# Usage: scripts/bench_plugins.sh [DOC] [JAR]
set -euo pipefail
cd "$(dirname "$0")/.."
doc=${1:-docs/benchmarks.md}
jar=${2:-$(ls cli/target/sensor-type-new-it/sensor-soil/target/sensor-soil-*.jar 2>/dev/null | head -1)}
runs=${BENCH_RUNS:-11}
if [ -z "$jar" ] || [ ! -f "$jar" ]; then
  echo "no plugin jar: run 'mvn verify -pl cli -am -Dit.test=SensorTypeNewIT' first, or give one" >&2
  exit 2
fi
load=$(cut -d" " -f1-3 /proc/loadavg)
work=.bench/plugins
rm -rf "$work"
mkdir -p "$work/none" "$work/one/.iotsys/plugins"
cp "$jar" "$work/one/.iotsys/plugins/"
unset IOTSYS_PLUGINS
none=(env IOTSYS_HOME="$PWD/$work/none")
one=(env IOTSYS_HOME="$PWD/$work/one")
off=(IOTSYS_JAVA_OPTS=-Xshare:off)

"${none[@]}" ./iotsys sensor-type list >/dev/null # the page cache
"${one[@]}" ./iotsys sensor-type list | grep -q "from .*sensor-soil" ||
  { echo "the plugin's type is not listed" >&2; exit 1; }

# One run of each variant in turn, so that the shared machine's load drifts over all alike.
run() {
  local name=$1
  shift
  /usr/bin/time -f "$name %e %U %S" -a -o "$work/times" "$@" >/dev/null 2>&1
}
: >"$work/times"
for _ in $(seq 1 "$runs"); do
  run list_none "${none[@]}" ./iotsys sensor-type list
  run list_one "${one[@]}" ./iotsys sensor-type list
  run list_none_off "${none[@]}" "${off[@]}" ./iotsys sensor-type list
  run list_one_off "${one[@]}" "${off[@]}" ./iotsys sensor-type list
  run version_none "${none[@]}" ./iotsys --version
  run version_one "${one[@]}" ./iotsys --version
done
# "wall (CPU)": the medians of one variant's runs.
stat() {
  awk -v n="$1" '$1 == n {print $2, $3 + $4}' "$work/times" | python3 -c '
import statistics, sys
rows = [tuple(map(float, l.split())) for l in sys.stdin]
print("%.2f s (%.2f s)" % (statistics.median(r[0] for r in rows), statistics.median(r[1] for r in rows)))'
}

# The classes sensor-type list loads with the plugin, and where each came from.
"${one[@]}" java -XX:+UseSerialGC -Xshare:auto -XX:SharedArchiveFile=cli/target/iotsys.jsa \
  -Xlog:class+load=info -jar cli/target/iotsys.jar sensor-type list >"$work/classes.log" 2>&1
total=$(grep -c "\[class,load\]" "$work/classes.log" || true)
shared=$(grep -c "source: shared objects file" "$work/classes.log" || true)
from_plugin=$(grep -c "source: file:.*sensor-soil" "$work/classes.log" || true)

cpu=$(grep -m1 "model name" /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
java=$(java -version 2>&1 | head -1)
python3 - "$doc" <<PY
import sys
sys.path.insert(0, "scripts")
from benchdoc import write_section
write_section(sys.argv[1], "plugins", """## Plugin start-up

Measured by scripts/bench_plugins.sh: one whole \`./iotsys\` process, JVM start-up included, in a
home without a plugin and in one whose \`.iotsys/plugins/\` holds the \`soil\` type that \`iotsys
sensor-type new soil --measure moisture:%:0..100 --board esp32\` generates ($(du -k "$jar" | cut -f1) KiB
jar). Median wall time (and median CPU time, user + system) of $runs runs of each, the variants
taken in turn. No AWS call.

- Date: $(date -u +"%Y-%m-%d %H:%M UTC")
- Machine: $(nproc) cores ($cpu), load average $load when it began (a shared machine), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), Linux $(uname -r), $java

| what runs | no plugin | one plugin jar |
|---|---|---|
| \`iotsys sensor-type list\`, with the archive | $(stat list_none) | $(stat list_one) |
| \`iotsys sensor-type list\`, without (\`-Xshare:off\`) | $(stat list_none_off) | $(stat list_one_off) |
| \`iotsys --version\` (the plugin folder is not read), with the archive | $(stat version_none) | $(stat version_one) |

With the plugin, \`sensor-type list\` loaded $total classes: $shared from the class-data archive
(which \`make build\` trains without plugins; the class path is the same, so the archive stays
valid and is used) and $from_plugin from the plugin's jar, the type's own. The rest are JDK classes
of the plugin loading (the jar, a URLClassLoader) and iotsys's plugin classes, loaded and verified
as usual. Under a load like the one above, runs differ by more than the plugin costs: compare
the CPU times.
""")
PY
echo "wrote the plugins section of $doc"
