#!/usr/bin/env python3
"""json_baseline.py DB - the baseline of bench/report.sh: read the latest
revision of every case from a kring database with Python's sqlite3 module
and json.loads() each document, doing nothing else.  Prints the number of
documents and the time it took (the process's own wall time)."""
import json
import sqlite3
import sys
import time

t0 = time.perf_counter()
db = sqlite3.connect(sys.argv[1])
n = 0
for (doc,) in db.execute("SELECT r.doc FROM cases c JOIN revisions r "
                         "ON r.case_id = c.id AND r.rev = c.head"):
    json.loads(doc)
    n += 1
print("python json.loads: %d documents in %.2f s" % (n, time.perf_counter() - t0))
