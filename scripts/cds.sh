#!/usr/bin/env bash
# Builds the class-data-sharing archive ./iotsys starts with (make build). Training runs of every
# command record the classes they load (-XX:DumpLoadedClassList); the merged list is dumped into
# one static archive, so later starts map those classes instead of loading and verifying them.
# Against a local moto when there is one (every client and call path is exercised), else against
# a closed port (start-up, parsing and client creation only).
#
# The archive is bound to the jar's absolute path and modification time: ./iotsys passes the
# absolute path, and a jar rebuilt after this ran (mvn package) makes the JVM ignore the archive
# silently, so make build runs this after packaging. Best effort: without an archive ./iotsys
# still runs, only slower. The signed BouncyCastle jars cannot be archived (the JVM skips them).
set -uo pipefail
cd "$(dirname "$0")/.."
# The archive holds iotsys's own classes: trained in a home of its own, without the user's plugin
# folders (a plugin's classes load from its jar through a class loader of their own, which the
# archive does not cover, so it stays valid whatever plugins a home has).
unset IOTSYS_HOME IOTSYS_PLUGINS
root=$PWD
jar="$root/cli/target/iotsys.jar"
archive="$root/cli/target/iotsys.jsa"
work="$root/cli/target/cds"
rm -rf "$archive" "$work"
mkdir -p "$work/home"

n=0
train() {
  n=$((n + 1))
  (cd "$work/home" && AWS_ACCESS_KEY_ID=cds AWS_SECRET_ACCESS_KEY=cds AWS_REGION=us-east-1 \
    AWS_EC2_METADATA_DISABLED=true IOTSYS_WIFI_PASSWORD=cds-training \
    java -XX:DumpLoadedClassList="$work/$n.classlist" -Xshare:auto -XX:+UseSerialGC \
    -jar "$jar" "$@" >/dev/null 2>&1)
}

train --version
train --help
train sensor-type list
train sensor add esp8266temp 'bad name!' --wifi-ssid cds
train sensor add esp32bme280 'bad name!' --wifi-ssid cds
train sensor add esp32bme280 --help
if python3 -c 'import moto.server' 2>/dev/null; then
  source scripts/moto.sh
  if moto_start "$work" >/dev/null; then
    e=(--endpoint-url "$MOTO_URL")
    train "${e[@]}" install --db cds_training --output json
    train "${e[@]}" install --db cds_training
    # Both sensor modules: each type's package writer, key algorithm (RSA, EC) and reader.
    train "${e[@]}" sensor add esp8266temp cds1 --wifi-ssid cds
    train "${e[@]}" sensor add esp32bme280 cds2 --wifi-ssid cds
    # sensor test up to its TCP connect (a closed port): the package, the key, the trust.
    train "${e[@]}" sensor test cds1 --endpoint 127.0.0.1:9 --wait 0
    train "${e[@]}" sensor test cds2 --endpoint 127.0.0.1:9 --wait 0
    train "${e[@]}" sensor list --output json
    train "${e[@]}" status --db cds_training
    train "${e[@]}" data cds1 --stats
    train "${e[@]}" data cds2
    train "${e[@]}" alerts enable --email cds@example.com
    train "${e[@]}" alerts set cds1 --above 30 --output json
    train "${e[@]}" alerts list
    train "${e[@]}" alerts disable
    train "${e[@]}" sensor remove cds1 cds2 --output json
    train "${e[@]}" uninstall --db cds_training --delete-data --yes
  fi
  moto_stop
else
  train --endpoint-url http://127.0.0.1:9 install --db cds_training --dry-run
fi

# One list, first occurrence kept (the order the classes were loaded in).
cat "$work"/*.classlist 2>/dev/null | awk '!seen[$0]++' >"$work/all.classlist"
if [ -s "$work/all.classlist" ]; then
  java -Xshare:dump -XX:SharedClassListFile="$work/all.classlist" -XX:SharedArchiveFile="$archive" \
    -XX:+UseSerialGC -cp "$jar" >"$work/dump.log" 2>&1 || rm -f "$archive"
fi
# -Xshare:on fails instead of falling back: proof that ./iotsys will map this archive.
if [ -f "$archive" ] && ! java -Xshare:on -XX:SharedArchiveFile="$archive" -XX:+UseSerialGC \
    -jar "$jar" --version >/dev/null 2>&1; then
  echo "the class-data-sharing archive does not load; ./iotsys starts without one" >&2
  rm -f "$archive"
fi
if [ -f "$archive" ]; then
  echo "class-data-sharing archive: $archive ($(du -h "$archive" | cut -f1)," \
    "$(wc -l <"$work/all.classlist") classes listed)"
else
  echo "no class-data-sharing archive was made; ./iotsys starts without one" >&2
fi
exit 0
