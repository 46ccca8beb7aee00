#!/usr/bin/env bash
# FieldOutbox kill -9 test with more rounds than CI runs: builds the fieldkit tool, then runs the
# KillTests suite, which SIGKILLs `fieldkit outbox enqueue` at random moments and checks that
# every key it printed as durable is recovered with its payload.
#
# Usage: Scripts/outbox-kill-test.sh [ROUNDS]   (default 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-1000}"
(cd Examples && swift build)
export FIELDKIT_BIN="$(cd Examples && swift build --show-bin-path)/fieldkit"
export FIELDKIT_KILL_ROUNDS="$rounds"
echo "== kill -9 test: $rounds rounds against $FIELDKIT_BIN"
swift test --filter 'FieldOutboxTests.KillTests'
