#!/usr/bin/env python3
"""SQLite reference for the FieldOutbox benchmarks: the durability bar the issue names.

Python's sqlite3 with journal_mode=WAL and synchronous=FULL, inserting 200-byte records into a
table (id INTEGER PRIMARY KEY, priority INTEGER, payload BLOB) in a directory on the same disk as
the FieldOutbox run. Two shapes: one insert per transaction (each commit is durable, like
FieldOutbox's sync-every-record) and 64 inserts per transaction (like group commit of 64).

Usage: Scripts/outbox-sqlite-bench.py [DIRECTORY] [SECONDS]
Prints one line per shape: `sqlite <shape> <records> records in <s> s = <records/s> records/s`.
"""
import os
import shutil
import sqlite3
import sys
import tempfile
import time

RECORD = 200


def run(directory, per_txn, seconds):
    path = os.path.join(directory, "bench-%d.sqlite" % per_txn)
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("CREATE TABLE outbox (id INTEGER PRIMARY KEY, priority INTEGER, payload BLOB)")
    payload = os.urandom(RECORD)
    # warm-up
    for _ in range(5):
        db.execute("BEGIN")
        db.execute("INSERT INTO outbox (priority, payload) VALUES (?, ?)", (0, payload))
        db.execute("COMMIT")
    records = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        db.execute("BEGIN")
        for _ in range(per_txn):
            db.execute("INSERT INTO outbox (priority, payload) VALUES (?, ?)", (0, payload))
        db.execute("COMMIT")
        records += per_txn
    elapsed = time.perf_counter() - start
    db.close()
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    return records, elapsed


def main():
    base = sys.argv[1] if len(sys.argv) > 1 else "/tmp"
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 5.0
    directory = tempfile.mkdtemp(prefix="outbox-sqlite-", dir=base)
    try:
        print("sqlite version %s, WAL, synchronous=FULL, %d-byte records, in %s" % (sqlite3.sqlite_version, RECORD, base))
        for per_txn, shape in ((1, "1-per-txn"), (64, "64-per-txn")):
            records, elapsed = run(directory, per_txn, seconds)
            print("sqlite %s %d records in %.2f s = %.0f records/s" % (shape, records, elapsed, records / elapsed))
            sys.stdout.flush()
    finally:
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
