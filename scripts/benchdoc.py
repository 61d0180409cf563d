"""Writes one section of docs/benchmarks.md, leaving the others as they are.

Each benchmark script owns the text between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->`;
a section not in the file yet is appended. So every script can be rerun on its own.
"""
import os
import re


def write_section(path, name, text):
    start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    block = f"{start}\n{text.rstrip()}\n{end}\n"
    old = open(path).read() if os.path.exists(path) else ""
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end) + r"\n?", re.S)
    if pattern.search(old):
        new = pattern.sub(lambda _: block, old)
    else:
        new = old.rstrip("\n") + ("\n\n" if old else "") + block
    with open(path, "w") as f:
        f.write(new)
