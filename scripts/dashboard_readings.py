#!/usr/bin/env python3
"""Readings for the dashboard's screenshots (scripts/dashboard-screenshots.sh), written into the
DynamoDB store item for item as each type's rule writes them (moto runs no rules).

Reads `iotsys sensor-type list --output json` on standard input, so every installed type gets
readings of its own measures: a daily cycle around a plausible value. Usage:
dashboard_readings.py MOTO_URL FIRST_TYPE
"""
import json
import math
import random
import sys
import time

import boto3

# Plausible middles and daily swings; a measure not named here gets 10 ± 2.
BASE = {"temperature": (20.5, 2.5), "humidity": (48, 9), "pressure": (1013, 4)}


def main():
    url, first = sys.argv[1], sys.argv[2]
    types = json.load(sys.stdin)["sensorTypes"]
    session = dict(endpoint_url=url, region_name="us-east-1", aws_access_key_id="demo",
                   aws_secret_access_key="demo")
    dynamo = boto3.client("dynamodb", **session)
    iot = boto3.client("iot", **session)
    things = [t["thingName"] for t in iot.list_things()["things"]]
    random.seed(7)
    now = int(time.time() * 1000)
    # name: (newest reading minutes ago, days of readings)
    plan = {"kitchen": (2, 7), "garage": (14, 7), "cellar": (185, 7), "greenhouse": None}
    for t in types:
        table = f"iotsys.demo.{t['id']}"
        for name in things:
            if t["id"] == first and name in plan:
                spec = plan[name]
            elif name == f"porch-{t['id']}":
                spec = (1, 7)
            else:
                continue
            if spec is None:
                continue  # never seen
            newest, days = spec
            offset = random.uniform(-1.5, 1.5)
            batch = []
            for i in range(days * 288):
                ts = now - newest * 60_000 - i * 300_000
                hour = (ts / 3_600_000) % 24
                item = {"device": {"S": name}, "ts": {"N": str(ts)},
                        "expires": {"N": str(ts // 1000 + 365 * 86400)}}
                for measure in t["measures"]:
                    mid, swing = BASE.get(measure, (10, 2))
                    value = mid + offset + swing * math.sin((hour - 9) / 24 * 2 * math.pi) \
                        + random.gauss(0, swing / 12)
                    if name == "kitchen" and i == 1500:
                        value = mid + swing * 4  # the oven door open
                    item[measure] = {"N": f"{value:.2f}"}
                if i == 0:
                    # The rule's second action: each device's newest reading, in its own table.
                    dynamo.put_item(TableName=table + "-newest", Item=item)
                batch.append({"PutRequest": {"Item": item}})
                if len(batch) == 25:
                    dynamo.batch_write_item(RequestItems={table: batch})
                    batch = []
            if batch:
                dynamo.batch_write_item(RequestItems={table: batch})
    boto3.client("cloudwatch", **session).set_alarm_state(
        AlarmName="iotsys/cellar/silent", StateValue="ALARM",
        StateReason="no reading for 30 minutes")


if __name__ == "__main__":
    main()
