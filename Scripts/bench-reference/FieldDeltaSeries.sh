#!/usr/bin/env bash
# Reference figures for the FieldDeltaSeries suite, in the same run: bytes per point of FieldDelta
# (automatic codec), Gorilla and Chimp128 (`fieldkit series encode --codec ...` + `stats`) beside
# zstd -19 over whole columns and per 1,024-row block, and zstd -3/-19 speed (`zstd -b`), on the
# soiling data set (../shared/series), or the committed synthetic fixture when it is absent.
# Needs the zstd command (Debian package zstd); prints a note and skips without it.
set -euo pipefail
cd "$(dirname "$0")/../.."
csv=../shared/series/soiling_hsu_example_inputs.csv
[ -f "$csv" ] || csv=Tests/FieldDeltaTests/Series/Fixtures/sensor.csv
if ! command -v zstd >/dev/null; then
  echo "zstd is not installed (apt-get install zstd): reference figures skipped."
  exit 0
fi
swift build --package-path Examples -c release >/dev/null 2>&1
fk="$(swift build --package-path Examples -c release --show-bin-path)/fieldkit"
python3 Scripts/delta_series_results.py "$csv" "$fk"
