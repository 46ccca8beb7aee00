#!/usr/bin/env bash
# Builds the DocC catalog of every library module with warnings as errors.
# Usage: Scripts/docs.sh [OUTPUT_DIR]   (default .build/docs)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-.build/docs}"
graphs=.build/symbol-graphs
mkdir -p "$out"
mapfile -t modules < <(sed -n 's/^ *Module(name: "\([A-Za-z]*\)".*/\1/p' Package.swift)
for m in "${modules[@]}"; do
  echo "== docs for $m"
  rm -rf "$graphs/$m" && mkdir -p "$graphs/$m"
  swift build --target "$m" -Xswiftc -emit-symbol-graph -Xswiftc -emit-symbol-graph-dir -Xswiftc "$graphs/$m"
  docc convert "Sources/$m/$m.docc" \
    --additional-symbol-graph-dir "$graphs/$m" \
    --fallback-display-name "$m" --fallback-bundle-identifier "org.fieldkit.$m" \
    --warnings-as-errors \
    --output-path "$out/$m.doccarchive"
done
echo "docs: ${#modules[@]} catalogs built into $out"
