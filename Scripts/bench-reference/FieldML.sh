#!/usr/bin/env bash
# Reference figures for FieldML: LiteRT's reference kernels (BUILTIN_REF, one thread) beside
# `fieldkit ml run --repeat` (release) on the MLPerf Tiny models, via Scripts/compare-ml.sh.
# Needs python3 with ai-edge-litert and numpy (set PYTHON) and ../shared/tinyml.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -d ../shared/tinyml/models ]; then
  echo "(../shared/tinyml absent: no reference figures)"
  exit 0
fi
Scripts/compare-ml.sh 5 50
echo
echo "Median over 5 rounds of the per-round median of 50 invocations; ratio = FieldML / LiteRT."
