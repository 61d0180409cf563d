#!/usr/bin/env python3
"""PIT's mutation score per package, from the mutations.csv files of `make mutation`.

usage: mutation_scores.py CSV...   (prints a Markdown table)

Score: killed / all mutants (TIMED_OUT and MEMORY_ERROR count as killed, as PIT counts them).
Strength: killed / mutants the unit tests reach (NO_COVERAGE left out): how good the tests are
where they run, while the score also counts code only the moto ITs exercise, out of PIT's reach.
"""
import csv
import sys
from collections import defaultdict

KILLED = {"KILLED", "TIMED_OUT", "MEMORY_ERROR"}


def main(paths):
    rows = defaultdict(lambda: defaultdict(int))
    for path in paths:
        with open(path, newline="") as f:
            for record in csv.reader(f):
                package = record[1].rsplit(".", 1)[0]
                rows[package][record[5]] += 1
    print("| package | mutants | killed | survived | no coverage | score | strength |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    total = defaultdict(int)
    for package in sorted(rows):
        line(package, rows[package])
        for status, n in rows[package].items():
            total[status] += n
    line("**all**", total)


def line(name, counts):
    n = sum(counts.values())
    killed = sum(counts[s] for s in KILLED)
    uncovered = counts["NO_COVERAGE"]
    survived = n - killed - uncovered
    reached = n - uncovered
    score = 100 * killed // n if n else 0
    strength = 100 * killed // reached if reached else 0
    print(f"| {name} | {n} | {killed} | {survived} | {uncovered} | {score}% | {strength}% |")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
