#!/usr/bin/env bash
# Runs `fieldkit demo` on a small fleet and fails unless nothing was lost, no duplicate was
# stored, no device was bricked by an update, and every acknowledged reading was delivered.
# Uses $FIELDKIT_BIN when set, otherwise builds Examples (debug) and uses that binary.
# Extra arguments go to the demo (default: --devices 20 --days 2).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [[ -z "${FIELDKIT_BIN:-}" ]]; then
    swift build --package-path "$root/Examples" >&2
    FIELDKIT_BIN="$(swift build --package-path "$root/Examples" --show-bin-path)/fieldkit"
fi
args=("$@")
if [[ ${#args[@]} -eq 0 ]]; then args=(--devices 20 --days 2); fi
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
"$FIELDKIT_BIN" demo "${args[@]}" --json | tee "$out"
python3 - "$out" <<'PY'
import json, sys
lines = [l for l in open(sys.argv[1]).read().splitlines() if l.strip()]
if not lines:
    sys.exit("demo-check: the demo printed nothing")
m = json.loads(lines[-1])
failures = []
if m["lost"] != 0: failures.append(f"lost = {m['lost']}")
if m["duplicates_stored"] != 0: failures.append(f"duplicates_stored = {m['duplicates_stored']}")
if m["ota_bricked"] != 0: failures.append(f"ota_bricked = {m['ota_bricked']}")
if m["delivered"] != m["acknowledged"]:
    failures.append(f"delivered {m['delivered']} != acknowledged {m['acknowledged']}")
if m["measured"] <= 0 or m["delivered"] <= 0: failures.append("nothing was measured or delivered")
if m.get("replays", 0) > 0 and m["duplicates_received"] == 0:
    failures.append("batches were replayed but the server saw no duplicate")
if m.get("days", 0) >= 7:
    # Long enough for the rollout: the bad release must be halted, the good one must install.
    if not m.get("ota_bad_halted", False): failures.append("the failing release was not halted")
    if m.get("ota_good_updated", 0) < 0.9 * m["devices"]:
        failures.append(f"the good release reached {m.get('ota_good_updated', 0)} of {m['devices']} devices")
if failures:
    sys.exit("demo-check: FAILED: " + "; ".join(failures))
print(f"demo-check: ok ({m['devices']} devices, {m['delivered']} readings delivered, "
      f"{m['duplicates_received']} duplicates absorbed, lost 0)")
PY
