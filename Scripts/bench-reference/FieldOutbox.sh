#!/usr/bin/env bash
# Reference figures for FieldOutbox, measured in the same run as its suite: SQLite through
# Python's sqlite3 (WAL, synchronous=FULL, 200-byte records) on the disk of $OUTBOX_BENCH_DIR
# (default /tmp, where the suite writes), one insert per transaction and 64 per transaction.
# Prints a markdown table of records per second.
set -euo pipefail
cd "$(dirname "$0")/../.."
dir="${OUTBOX_BENCH_DIR:-/tmp}"
echo "| reference (same disk: $dir) | records/s |"
echo "|---|---:|"
python3 Scripts/outbox-sqlite-bench.py "$dir" 5 | sed -n 's/^sqlite \([^ ]*\) .* = \([0-9]*\) records\/s$/| SQLite WAL synchronous=FULL, \1 | \2 |/p'
