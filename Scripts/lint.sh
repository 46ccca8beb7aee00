#!/usr/bin/env bash
# Lint gate: swift-format in strict mode over every Swift file of every package in the repository.
# Usage: Scripts/lint.sh [--fix]   (--fix rewrites files in place first)
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files --cached --others --exclude-standard '*.swift' | grep -v '^Fuzz/.*/\.build' )
if [ "${1:-}" = "--fix" ]; then
  swift format format --in-place --parallel "${files[@]}"
fi
swift format lint --strict --parallel "${files[@]}"
echo "lint: ${#files[@]} Swift files clean"
