#!/usr/bin/env python3
"""make bench: wall time and AWS call counts of iotsys commands against a local moto server.

Each step runs RUNS times; the table shows the median wall time of the whole process (JVM start
included, as a user waits for it) and the read/write calls iotsys counted through the SDK.
Writes Markdown to the file named on the command line and prints it.
"""
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import datetime, timezone

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def post(url):
    urllib.request.urlopen(urllib.request.Request(url, method="POST"), timeout=10).read()


def start_moto():
    port = free_port()
    os.makedirs(os.path.join(ROOT, ".bench"), exist_ok=True)
    log = open(os.path.join(ROOT, ".bench", "moto.log"), "w")
    proc = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                            stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            post(url + "/moto-api/reset")
            return proc, url
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("moto did not start; see .bench/moto.log")


def iotsys(env, *args):
    start = time.perf_counter()
    out = subprocess.run([os.path.join(ROOT, "iotsys"), *args], env=env, cwd=ROOT,
                         capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if out.returncode != 0:
        raise SystemExit(f"iotsys {' '.join(args)} failed: {out.stderr.strip()}")
    return elapsed, out.stdout


def calls(stdout):
    doc = json.loads(stdout)
    return doc["apiCalls"]["read"], doc["apiCalls"]["write"]


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    moto = subprocess.run([sys.executable, "-c", "import moto; print(moto.__version__)"],
                          capture_output=True, text=True).stdout.strip()
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB, {platform.system()} {platform.release()}, {java}, moto {moto}"


def main():
    target = sys.argv[1] if len(sys.argv) > 1 else None
    proc, url = start_moto()
    env = dict(os.environ, AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench",
               AWS_REGION="us-east-1", AWS_ENDPOINT_URL=url)
    rows = []
    try:
        steps = {"iotsys --version (start-up)": [], "install, fresh account": [],
                 "install, nothing to do": []}
        counts = {}
        for _ in range(RUNS):
            post(url + "/moto-api/reset")
            t, _ = iotsys(env, "--version")
            steps["iotsys --version (start-up)"].append(t)
            t, out = iotsys(env, "install", "--db", "bench", "--output", "json")
            steps["install, fresh account"].append(t)
            counts["install, fresh account"] = calls(out)
            t, out = iotsys(env, "install", "--db", "bench", "--output", "json")
            steps["install, nothing to do"].append(t)
            counts["install, nothing to do"] = calls(out)
        for name, times in steps.items():
            read, write = counts.get(name, ("–", "–"))
            rows.append(f"| {name} | {statistics.median(times):.2f} s | {min(times):.2f} s | {max(times):.2f} s | {read} | {write} |")
    finally:
        proc.terminate()
        proc.wait(10)

    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    text = "\n".join([
        "# Benchmarks",
        "",
        "Measured by `make bench` (scripts/bench.py): each step is a whole `./iotsys` process against a",
        "local moto server, so JVM start-up is included, as a user waits for it. Median, min and max of",
        f"{RUNS} runs; API calls as iotsys counted them through the SDK (an execution interceptor).",
        "moto answers faster than AWS, so against AWS the call counts matter more than the seconds.",
        "",
        f"- Date: {when}",
        f"- Machine: {machine()}",
        "",
        "| step | median | min | max | read calls | write calls |",
        "|---|---|---|---|---|---|",
        *rows,
        "",
    ])
    print(text)
    if target:
        with open(os.path.join(ROOT, target), "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
