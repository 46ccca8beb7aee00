#!/usr/bin/env bash
# Fuzzes the FieldDelta series decoders with libFuzzer + AddressSanitizer.
# Usage: Scripts/delta_series_fuzz.sh [seconds (default 60)] [extra libFuzzer flags...]
# Builds FieldCore and FieldDelta as static libraries instrumented for the fuzzer, links the target
# in Scripts/delta_series_fuzz.swift, seeds a corpus and runs. Crashes land in fuzz-artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
work=".build-fuzz/delta-series"
mkdir -p "$work/corpus" fuzz-artifacts
flags=(-sanitize=fuzzer,address -parse-as-library -O -g
    -enable-upcoming-feature ExistentialAny -enable-upcoming-feature InternalImportsByDefault
    -enable-upcoming-feature MemberImportVisibility -swift-version 6 -I Sources/CFieldCore/include)
# FieldCore's C part (SHA-256 on the SHA instructions, round constants).
clang -O2 -g -fsanitize=address -I Sources/CFieldCore/include -c Sources/CFieldCore/sha256.c \
    -o "$work/CFieldCore.o"
swiftc "${flags[@]}" -emit-library -static -emit-module -module-name FieldCore \
    -emit-module-path "$work/FieldCore.swiftmodule" -o "$work/libFieldCore.a" \
    $(find Sources/FieldCore -name '*.swift') "$work/CFieldCore.o"
swiftc "${flags[@]}" -I "$work" -emit-library -static -emit-module -module-name FieldDelta \
    -emit-module-path "$work/FieldDelta.swiftmodule" -o "$work/libFieldDelta.a" \
    $(find Sources/FieldDelta -name '*.swift')
swiftc -sanitize=fuzzer,address -parse-as-library -O -g -swift-version 6 -I "$work" -I Sources/CFieldCore/include \
    -L "$work" -lFieldDelta -lFieldCore "$work/CFieldCore.o" \
    Scripts/delta_series_fuzz.swift -o "$work/fuzz-series"
FIELDKIT_FUZZ_SEEDS="$work/corpus" "$work/fuzz-series" -runs=0 "$work/corpus" >/dev/null 2>&1 || true
"$work/fuzz-series" -max_total_time="$seconds" -max_len=4096 -artifact_prefix=fuzz-artifacts/ "$@" "$work/corpus"
