#!/usr/bin/env python3
"""A fleet of sensors: `sensor add`, `sensor list`, `status` and `sensor remove` for N sensors.

Against a local moto server (the tests' launcher), one run each, as whole `./iotsys` processes
(JVM start-up included). For N = 10, 100 and 300 the fleet is made with `sensor add` and removed
with `sensor remove`; for N = 1,000 only `sensor list` and `status` are measured, on things and
certificates made directly through boto3 (as `sensor add` leaves them: managedBy=iotsys, the
certificate's id recorded on the thing, the certificate ACTIVE and attached), since adding and
removing 1,000 at AWS's pace takes minutes each and the other rows show how those scale.

Each row: wall time, the reads and writes the command's JSON reports (`apiCalls`, counted by the
SDK), and the floor that AWS IoT Core's default quotas put on the same calls: each API is its own
bucket, so the floor is the slowest API's time: c calls at q per second take ceil(c / q) - 1
seconds (a second's worth goes at once), nothing for the JVM or moto; the ratio is wall time over
that floor (none where the floor is 0). Usage: bench_fleet.py [docs/benchmarks.md]
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone

import boto3

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import IOTSYS, REGION, SCRATCH, floor, machine, post, start_moto  # noqa: E402
from benchdoc import write_section  # noqa: E402

SIZES = [int(n) for n in os.environ.get("BENCH_FLEET", "10,100,300").split(",")]
LISTED = int(os.environ.get("BENCH_FLEET_LISTED", "1000"))
DB = "bench"


def run(env, home, *args, ok=(0,)):
    start = time.perf_counter()
    out = subprocess.run([IOTSYS, *args, "--output", "json"], env=env, cwd=home,
                         capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if out.returncode not in ok:
        raise SystemExit(f"iotsys {' '.join(args[:3])} ... failed ({out.returncode}): "
                         f"{out.stderr.strip()[:400]}")
    doc = json.loads(out.stdout)
    return seconds, doc


def install(env, home, *store):
    """Installs into the fleet's own home, named, so that no settings file above it counts."""
    env["IOTSYS_HOME"] = home
    subprocess.run([IOTSYS, "install", "--db", DB, *store], env=env, cwd=home, check=True,
                   capture_output=True)


def both_stores(env, home, label, n, ok=(0,)):
    """`status` on the Timestream store (the default), then on the DynamoDB store.

    Timestream finds the newest reading of every sensor in one query; DynamoDB has no call that
    returns the newest item of many devices, so it makes one Query of one item per sensor.
    """
    rows = []
    for store in ("timestream", "dynamodb"):
        if store == "dynamodb":
            install(env, home, "--store", "dynamodb", "--move")
        seconds, doc = run(env, home, "status", "--db", DB, ok=ok)
        assert len(doc["sensors"]) == n
        assert ok != (0,) or doc["converged"], "status: not converged"
        rows.append(row(f"{label}, {store} store", n, seconds, doc))
    return rows


def row(command, n, seconds, doc):
    calls = doc["apiCalls"]
    least, api = floor(calls.get("byOperation", {}))
    ratio = f"{seconds / least:.2f}" if least > 0 else "–"
    return (f"| {command} | {n:,} | {seconds:.1f} s | {calls['read']:,} | {calls['write']:,} | "
            f"{least:.1f} s ({api}) | {ratio} |")


def make_listed_fleet(url, n):
    session = dict(endpoint_url=url, region_name=REGION, aws_access_key_id="bench",
                   aws_secret_access_key="bench")
    iot = boto3.client("iot", **session)
    for i in range(1, n + 1):
        name = f"f{i:04d}"
        c = iot.create_keys_and_certificate(setAsActive=True)
        iot.create_thing(thingName=name, thingTypeName="esp8266temp", attributePayload={
            "attributes": {"managedBy": "iotsys", "certificateId": c["certificateId"]}})
        iot.attach_thing_principal(thingName=name, principal=c["certificateArn"])


def main():
    target = sys.argv[1] if len(sys.argv) > 1 else None
    os.makedirs(SCRATCH, exist_ok=True)
    proc, url = start_moto()
    env = dict(os.environ, AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench",
               AWS_REGION=REGION, AWS_DEFAULT_REGION=REGION, AWS_ENDPOINT_URL=url,
               IOTSYS_WIFI_PASSWORD="bench-password")
    env.pop("AWS_PROFILE", None)
    rows = []
    try:
        for n in SIZES:
            home = tempfile.mkdtemp(dir=SCRATCH, prefix="fleet-")
            install(env, home)
            names = [f"s{i:04d}" for i in range(1, n + 1)]
            try:
                seconds, doc = run(env, home, "sensor", "add", "esp8266temp", *names,
                                   "--wifi-ssid", "bench-net")
                assert all(s["outcome"] == "CREATED" for s in doc["sensors"]), doc
                rows.append(row("sensor add", n, seconds, doc))
                seconds, doc = run(env, home, "sensor", "list")
                assert len(doc["sensors"]) == n
                rows.append(row("sensor list", n, seconds, doc))
                rows += both_stores(env, home, "status", n)
                seconds, doc = run(env, home, "sensor", "remove", *names)
                assert all(s["outcome"] == "DELETED" for s in doc["sensors"]), doc
                rows.append(row("sensor remove", n, seconds, doc))
                print(f"fleet of {n} done", file=sys.stderr)
            finally:
                shutil.rmtree(home, ignore_errors=True)
                post(url + "/moto-api/reset")
        if LISTED:
            home = tempfile.mkdtemp(dir=SCRATCH, prefix="fleet-")
            install(env, home)
            made = time.monotonic()
            make_listed_fleet(url, LISTED)
            print(f"made {LISTED} things through boto3 in {time.monotonic() - made:.0f} s",
                  file=sys.stderr)
            try:
                seconds, doc = run(env, home, "sensor", "list")
                assert len(doc["sensors"]) == LISTED
                rows.append(row("sensor list (fleet made through boto3)", LISTED, seconds, doc))
                # No keys in this home for boto3's certificates: status says so (exit 8).
                rows += both_stores(env, home, "status (fleet made through boto3)", LISTED,
                                    ok=(0, 8))
            finally:
                shutil.rmtree(home, ignore_errors=True)
    finally:
        proc.kill()
        proc.wait()

    today = datetime.now(timezone.utc).strftime("%Y-%m-%d")
    text = f"""## A fleet: add, list, status, remove

One run, {today}, on {machine()}; against moto (the tests' launcher), `./iotsys` processes with
`--output json` (JVM start-up included). Reads and writes are the command's own `apiCalls`. The
floor is what AWS IoT Core's default API quotas allow for the same calls: each API its own quota
("AWS IoT Core endpoints and quotas", AWS General Reference), c calls at q per second at least
ceil(c / q) - 1 seconds, the slowest API's time; iotsys keeps a 10% margin, so its best is about
1.1 times the floor. The ratio is wall time over the floor (none where the floor is 0: a
second's worth of calls). The 1,000-sensor
fleet was made directly through boto3 (things with managedBy=iotsys and the certificate id
recorded, certificates ACTIVE and attached, no keys in the home: status reports them, exit 8),
so only list and status are measured for it. moto answers ListCertificates in one page, where
AWS would take one per 250 certificates. Before the fleet reads (issue 14, same kind of machine,
300 sensors): `sensor list` 32.8 s, `status` 33.3 s and 616 reads, `sensor remove` 66 s and
1,801 reads. `status` stays near its floor: ListThingPrincipals, the one check it makes per
sensor, has a quota of 10 a second. It runs on each store in turn (the type moved from
Timestream to DynamoDB by `install --store dynamodb --move` between the two): Timestream answers the
newest reading of every sensor in one query; DynamoDB has no call that returns the newest item
of many devices, so status adds one Query of one item per sensor, four at a time (DynamoDB has
no per-API quota; 0.5 read request unit each). The one call a sensor costs on both stores,
ListThingPrincipals, still sets the pace.

| command | sensors | wall | reads | writes | floor (slowest API) | ratio |
|---|---|---|---|---|---|---|
""" + "\n".join(rows) + "\n"
    print(text)
    if target:
        write_section(target, "fleet", text)


if __name__ == "__main__":
    main()
