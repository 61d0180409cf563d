#!/usr/bin/env bash
# Builds a class-data-sharing archive for ./iotsys (make build): a training run records the
# classes a real command loads, so later starts map them instead of loading and verifying them.
# Against a local moto when there is one (every client and call path is exercised), else
# against a closed port (start-up and client creation only). Best effort: without an archive
# ./iotsys still runs, only slower.
set -uo pipefail
cd "$(dirname "$0")/.."
jar=cli/target/iotsys.jar
archive=cli/target/iotsys.jsa
rm -f "$archive"
train() {
  AWS_ACCESS_KEY_ID=cds AWS_SECRET_ACCESS_KEY=cds AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true \
    java -XX:ArchiveClassesAtExit="$archive" -Xlog:cds*=off -XX:+UseSerialGC \
    -jar "$jar" --endpoint-url "$1" install --db cds_training "${@:2}" >/dev/null 2>&1
}
if python3 -c 'import moto.server' 2>/dev/null; then
  source scripts/moto.sh
  moto_start cli/target/cds >/dev/null && train "$MOTO_URL"
  moto_stop
else
  train http://127.0.0.1:9 --dry-run
fi
if [ -f "$archive" ]; then
  echo "class-data-sharing archive: $archive ($(du -h "$archive" | cut -f1))"
else
  echo "no class-data-sharing archive was made; ./iotsys starts without one" >&2
fi
exit 0
