#!/usr/bin/env bash
# Builds ConsumerCheck/ (a package that depends on FieldKit by path, as a user's does) in debug and
# release, with every README and DocC code example copied into it verbatim, and runs its consumer
# program, which exercises every product (issue 17, item 8).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 Scripts/doc-examples.py
for configuration in debug release; do
  echo "== ConsumerCheck, $configuration"
  swift build --package-path ConsumerCheck -c "$configuration"
  "$(swift build --package-path ConsumerCheck -c "$configuration" --show-bin-path)/Consumer"
done
