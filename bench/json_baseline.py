#!/usr/bin/env python3
"""json_baseline.py FILE - the baseline of bench/report.sh: json.loads() every
document of a JSON Lines file (the same generated population the database
holds, written by `kring generate`), doing nothing else.  The database keeps
its documents zstd-compressed (issue 10), which Python's standard library
cannot read, so the documents come from the generator, not the database: the
same 40,000 cases, without the bench's second revisions.  Prints the number
of documents and the time it took (the process's own wall time)."""
import json
import sys
import time

t0 = time.perf_counter()
n = 0
with open(sys.argv[1], "rb") as f:
    for line in f:
        if line.strip():
            json.loads(line)
            n += 1
print("python json.loads: %d documents in %.2f s" % (n, time.perf_counter() - t0))
