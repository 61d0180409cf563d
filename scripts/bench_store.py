"""A year of one sensor's readings in the DynamoDB store, read back by `iotsys data --stats`.

Writes 105,120 items (one every 5 minutes for 365 days) into the table of a DynamoDB install on
a local moto server, the way the topic rule would (moto runs no rules), then measures
`./iotsys data kitchen --stats --since 365d --output json`: wall time (median of BENCH_RUNS),
the Query pages it read and the items it went through. Usage: bench_store.py [docs/benchmarks.md]
"""
import json
import os
import statistics
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone

import boto3

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import IOTSYS, REGION, ROOT, SCRATCH, machine, start_moto  # noqa: E402
from benchdoc import write_section  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
ITEMS = int(os.environ.get("BENCH_ITEMS", str(365 * 24 * 12)))
TABLE = "iotsys.bench.esp8266temp"


def main():
    target = sys.argv[1] if len(sys.argv) > 1 else None
    os.makedirs(SCRATCH, exist_ok=True)
    proc, url = start_moto()
    env = dict(os.environ, AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench",
               AWS_REGION=REGION, AWS_DEFAULT_REGION=REGION, AWS_ENDPOINT_URL=url)
    env.pop("AWS_PROFILE", None)
    # A home of its own, named: the install's settings (store dynamodb) stay in it.
    home = tempfile.mkdtemp(dir=SCRATCH, prefix="store-")
    env["IOTSYS_HOME"] = home
    try:
        subprocess.run([IOTSYS, "install", "--db", "bench", "--store", "dynamodb"], env=env,
                       cwd=home, check=True, capture_output=True)
        session = dict(endpoint_url=url, region_name=REGION, aws_access_key_id="bench",
                       aws_secret_access_key="bench")
        boto3.client("iot", **session).create_thing(
            thingName="kitchen", thingTypeName="esp8266temp",
            attributePayload={"attributes": {"managedBy": "iotsys"}})
        dynamo = boto3.client("dynamodb", **session)
        now_ms = int(time.time() * 1000)
        loaded = time.monotonic()
        batch = []
        for i in range(ITEMS):
            ts = now_ms - 60_000 - i * 300_000
            temperature = f"{18 + (i % 288) / 48:.2f}"
            batch.append({"PutRequest": {"Item": {
                "device": {"S": "kitchen"}, "ts": {"N": str(ts)},
                "expires": {"N": str(ts // 1000 + 365 * 86400)},
                "temperature": {"N": temperature}}}})
            if len(batch) == 25:
                dynamo.batch_write_item(RequestItems={TABLE: batch})
                batch = []
        if batch:
            dynamo.batch_write_item(RequestItems={TABLE: batch})
        load_seconds = time.monotonic() - loaded
        print(f"loaded {ITEMS} items in {load_seconds:.0f} s", file=sys.stderr)

        times, docs = [], []
        for _ in range(RUNS):
            started = time.monotonic()
            out = subprocess.run([IOTSYS, "data", "kitchen", "--stats", "--since", "365d",
                                  "--output", "json"], env=env, cwd=home, check=True,
                                 capture_output=True, text=True).stdout
            times.append(time.monotonic() - started)
            docs.append(json.loads(out))
            print(f"data --stats: {times[-1]:.2f} s", file=sys.stderr)
    finally:
        shutil.rmtree(home, ignore_errors=True)
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)

    doc = docs[-1]
    stats = doc["stats"][0]
    pages = sum(n for op, n in doc["apiCalls"]["byOperation"].items() if op.endswith(":Query"))
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    text = "\n".join([
        "## A year of readings on the DynamoDB store",
        "",
        "Measured by `make bench` (scripts/bench_store.py) against one local moto server:",
        f"{ITEMS:,} readings of one sensor, one every 5 minutes for 365 days, written into",
        f"`{TABLE}` the way the topic rule writes them (loading took {load_seconds:.0f} s in",
        "batches of 25; moto runs no rules), then",
        "`./iotsys data kitchen --stats --since 365d --output json`, a whole process each time.",
        "",
        f"- Date: {when}",
        f"- Machine: {machine()}",
        "",
        "| what | value |",
        "|---|---|",
        f"| wall time, median of {RUNS} | {statistics.median(times):.2f} s (min {min(times):.2f},"
        f" max {max(times):.2f}) |",
        f"| Query pages read | {pages} (up to 1,000 items or 1 MB each) |",
        f"| items read | {stats['count']:,} |",
        f"| AWS calls | {doc['apiCalls']['read']} read, {doc['apiCalls']['write']} write |",
        f"| result | min {stats['min']}, max {stats['max']}, average {stats['average']} |",
        "",
        "The statistics are computed while paging, from the time, the expiry and the measures",
        "only (a projection), in exact decimals. On AWS each page is one Query of about 0.5 to",
        "1 MB: a year of one sensor costs about 125 read request units per `--stats` (eventually",
        "consistent, 4 KB each: 0.125 USD per million), about 0.00002 USD.",
        "",
    ])
    print(text)
    if target:
        write_section(os.path.join(ROOT, target), "store", text)


if __name__ == "__main__":
    main()
