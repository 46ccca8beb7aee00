#!/usr/bin/env bash
# Runs `fieldkit clock replay` over every oracle scenario under Tests/FieldClockTests/Fixtures and
# diffs its output byte for byte with what Scripts/clock_oracle.py (an HLC written from the
# paper's pseudo-code) computed. Also checks that a malformed line names its line and exits 1.
# Usage: Scripts/clock-replay-check.sh [path/to/fieldkit]   (default: builds Examples in debug)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
fixtures="$root/Tests/FieldClockTests/Fixtures"
tool="${1:-}"
if [ -z "$tool" ]; then
    (cd "$root/Examples" && swift build --product fieldkit >/dev/null)
    tool="$(cd "$root/Examples" && swift build --show-bin-path)/fieldkit"
fi
status=0
for events in "$fixtures"/replay-*.events.jsonl; do
    name="$(basename "$events" .events.jsonl)"
    # shellcheck disable=SC2046
    if "$tool" clock replay $(cat "$fixtures/$name.args") < "$events" | diff -q - "$fixtures/$name.expected.jsonl" >/dev/null; then
        echo "ok    $name ($(wc -l < "$events") lines)"
    else
        echo "FAIL  $name"; status=1
    fi
done
# A malformed third line: the error names line 3 and the exit status is 1.
set +e
stderr="$(printf '%s\n' '{"node":"A","pt":1,"op":"local"}' '{"node":"A","pt":2,"op":"local"}' '{"node":"A","pt":-3,"op":"local"}' \
    | "$tool" clock replay 2>&1 >/dev/null)"
code=$?
set -e
if [ "$code" -eq 1 ] && [[ "$stderr" == *"line 3"* ]]; then echo "ok    malformed line -> exit 1: $stderr"; else echo "FAIL  malformed line (exit $code: $stderr)"; status=1; fi
exit $status
