#!/usr/bin/env bash
# Reference figures for FieldCore, on one 256 MiB file of random bytes, in one run:
# sha256sum and Python's hashlib (SHA-256), Python's zlib.crc32 (CRC-32) and google-crc32c if it
# can be installed (CRC-32C), beside `fieldkit core sha256|crc32c` (release) on the same file.
# Prints a markdown table of MB/s (10^6 bytes per second), best of 3 runs each.
set -euo pipefail
cd "$(dirname "$0")/../.."
file=$(mktemp /tmp/fieldkit-bench.XXXXXX)
trap 'rm -f "$file"' EXIT
head -c $((256 << 20)) /dev/urandom > "$file"
size=$(stat -c %s "$file")
swift build --package-path Examples -c release >/dev/null 2>&1
fk="$(swift build --package-path Examples -c release --show-bin-path)/fieldkit"
pip install -q google-crc32c >/dev/null 2>&1 || true

best() {  # best wall time in seconds of 3 runs of "$@"
  python3 - "$@" <<'PY'
import subprocess, sys, time
best = min((lambda: (lambda t0: (subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True), time.perf_counter() - t0)[1])(time.perf_counter()))() for _ in range(3))
print(f"{best:.4f}")
PY
}
rate() { python3 -c "print(f'{$size / $1 / 1e6:.0f}')"; }

echo "| tool (same 256 MiB file, whole process, best of 3) | algorithm | MB/s |"
echo "|---|---|---:|"
t=$(best "$fk" core sha256 "$file"); echo "| \`fieldkit core sha256\` (FieldCore) | SHA-256 | $(rate "$t") |"
t=$(best sha256sum "$file"); echo "| \`sha256sum\` (GNU coreutils) | SHA-256 | $(rate "$t") |"
t=$(best python3 -c "import hashlib,sys; hashlib.sha256(open(sys.argv[1],'rb').read()).hexdigest()" "$file")
echo "| Python \`hashlib.sha256\` (OpenSSL) | SHA-256 | $(rate "$t") |"
t=$(best "$fk" core crc32c "$file"); echo "| \`fieldkit core crc32c\` (FieldCore) | CRC-32C | $(rate "$t") |"
if python3 -c "import google_crc32c" 2>/dev/null; then
  t=$(best python3 -c "import google_crc32c,sys; google_crc32c.value(open(sys.argv[1],'rb').read())" "$file")
  echo "| Python \`google_crc32c\` (C, hardware CRC instruction where available) | CRC-32C | $(rate "$t") |"
fi
t=$(best python3 -c "import zlib,sys; zlib.crc32(open(sys.argv[1],'rb').read())" "$file")
echo "| Python \`zlib.crc32\` (zlib) | CRC-32 | $(rate "$t") |"
echo
echo "Whole-process figures include reading the file (from the page cache) and process start-up."
