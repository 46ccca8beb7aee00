#!/usr/bin/env bash
# FieldOutbox against SQLite on the same disk in the same session: the SQLite reference
# (Scripts/outbox-sqlite-bench.py: WAL, synchronous=FULL, 200-byte records, 1 and 64 inserts per
# transaction) runs before and after the FieldOutbox benchmark suite (sync every record, group
# commit of 64, 16 writers sharing syncs, recovery of a 1 GiB log), so disk drift shows.
#
# Usage: Scripts/outbox-benchmarks.sh [DIRECTORY]   (default /tmp; needs ~1.1 GB free there)
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-/tmp}"
echo "== SQLite reference (before)"
python3 Scripts/outbox-sqlite-bench.py "$dir" 5
echo "== FieldOutbox"
OUTBOX_BENCH_DIR="$dir" swift package --package-path Benchmarks benchmark --target FieldOutboxBenchmarks \
  --format markdown --no-progress
echo "== SQLite reference (after)"
python3 Scripts/outbox-sqlite-bench.py "$dir" 5
