#!/usr/bin/env bash
# Fuzz FieldMQTT with libFuzzer + AddressSanitizer for DURATION seconds (default 60).
#
#   Scripts/fuzz-mqtt.sh 1800
#   Scripts/fuzz-mqtt.sh --reproduce fuzz-artifacts/crash-...   (rebuild, run one input)
#
# Builds FieldCore, FieldMQTT and Fuzz/MQTTFuzzTarget.swift with swiftc -sanitize=fuzzer,address
# into .build-fuzz/ (not part of the root package), seeds the corpus from the committed fixtures and
# ../shared/mqtt when present, and runs libFuzzer. Crashers land in fuzz-artifacts/; turn each into
# a regression test in Tests/FieldMQTTTests/FuzzRegressionTests.swift.
set -euo pipefail
REPRODUCE=""
if [ "${1:-}" = "--reproduce" ]; then REPRODUCE="$2"; DURATION=0; else DURATION="${1:-60}"; fi
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/.build-fuzz"
CORPUS="$OUT/corpus"
ARTIFACTS="$ROOT/fuzz-artifacts"
mkdir -p "$OUT" "$CORPUS" "$ARTIFACTS"
# AddressSanitizer reports crashes; the Swift runtime backtracer would only hang around after them.
export SWIFT_BACKTRACE=enable=no
FLAGS=(-O -g -sanitize=fuzzer,address -parse-as-library -swift-version 6
       -enable-upcoming-feature ExistentialAny -enable-upcoming-feature InternalImportsByDefault
       -enable-upcoming-feature MemberImportVisibility -I "$ROOT/Sources/CFieldCore/include")

build_module() {
    local name="$1"
    swiftc "${FLAGS[@]}" -module-name "$name" -I "$OUT" -wmo -num-threads 0 \
        -emit-module -emit-module-path "$OUT/$name.swiftmodule" \
        -c $(find "$ROOT/Sources/$name" -name '*.swift' | sort) -o "$OUT/$name.o"
}

# FieldCore's C part (SHA-256 on the SHA instructions, round constants).
clang -O2 -g -fsanitize=address -I "$ROOT/Sources/CFieldCore/include" -c "$ROOT/Sources/CFieldCore/sha256.c" \
    -o "$OUT/CFieldCore.o"
build_module FieldCore
build_module FieldMQTT
swiftc "${FLAGS[@]}" -I "$OUT" "$ROOT/Fuzz/MQTTFuzzTarget.swift" "$OUT/CFieldCore.o" "$OUT/FieldCore.o" "$OUT/FieldMQTT.o" \
    -o "$OUT/fuzz-mqtt"

if [ -n "$REPRODUCE" ]; then
    exec "$OUT/fuzz-mqtt" "$REPRODUCE"
fi

# Seed corpus: every known packet, prefixed with each of a few option bytes.
python3 - "$ROOT" "$CORPUS" <<'PY'
import glob, hashlib, json, os, sys
root, corpus = sys.argv[1], sys.argv[2]
files = [os.path.join(root, "Tests/FieldMQTTTests/Fixtures/mqtt-capture.jsonl")]
files += glob.glob(os.path.join(root, "../shared/mqtt/*.jsonl"))
versions = {"3.1": 0, "3.1.1": 1, "5.0": 2}
count = 0
for path in files:
    for line in open(path):
        record = json.loads(line)
        if "hex" not in record:
            continue
        packet = bytes.fromhex(record["hex"])
        for extra in (0x00, 0x04, 0x18, 0x68):
            control = versions.get(record.get("proto_ver"), 2) | extra
            data = bytes([control]) + packet
            name = hashlib.sha1(data).hexdigest()
            with open(os.path.join(corpus, name), "wb") as f:
                f.write(data)
            count += 1
print(f"seeded {count} inputs")
PY

"$OUT/fuzz-mqtt" "$CORPUS" -max_total_time="$DURATION" -max_len=4096 -timeout=10 \
    -artifact_prefix="$ARTIFACTS/" -print_final_stats=1
