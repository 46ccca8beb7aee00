#!/usr/bin/env bash
# Reference figure for FieldFilters: filterpy's KalmanFilter on the benchmark's problem (constant
# velocity, 4 states, 2 measurements, predict + update), timed by Scripts/filters_bench_filterpy.py
# in the same run as the Swift suite. Prints a markdown table.
set -euo pipefail
cd "$(dirname "$0")/../.."
pip install -q filterpy numpy scipy >/dev/null 2>&1 || true
line=$(python3 Scripts/filters_bench_filterpy.py)
wall=$(sed -n 's/.*wall \([0-9]*\) ns.*/\1/p' <<<"$line")
cpu=$(sed -n 's/.*cpu \([0-9]*\) ns.*/\1/p' <<<"$line")
echo "| reference (same run) | wall ns/step | CPU ns/step |"
echo "|---|---:|---:|"
echo "| filterpy 2.0.0 \`KalmanFilter\` CV 4x2 predict + update (best of 5 × 20,000) | $wall | $cpu |"
