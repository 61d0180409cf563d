#!/usr/bin/env bash
# make bench: iotsys against the original one-aws-process-per-call way; see scripts/bench.py.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in aws openssl java; do
  command -v "$tool" >/dev/null || { echo "make bench needs '$tool' on the PATH" >&2; exit 1; }
done
exec python3 scripts/bench.py "$@"
