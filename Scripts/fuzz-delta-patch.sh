#!/usr/bin/env bash
# Fuzzes the FieldDelta patch decoder (header parsing, chunk framing, range decoder, control-value
# validation, streaming apply) with libFuzzer and AddressSanitizer.
#
# Usage: Scripts/fuzz-delta-patch.sh [seconds]   (default 60; artifacts go to fuzz-artifacts/delta)
#
# The harness feeds each input two ways: as a whole patch (exercises header checks), and as the
# coded body of one chunk framed with a valid header and valid checksums around it (so the range
# decoder and the control-value checks see arbitrary bytes instead of stopping at a CRC). Any
# crash, trap, sanitizer report, or a result that claims success with the wrong image is a finding.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SECONDS_TO_RUN="${1:-60}"
WORK="$ROOT/.build-fuzz-delta"
ARTIFACTS="$ROOT/fuzz-artifacts/delta"
mkdir -p "$WORK" "$ARTIFACTS" "$WORK/corpus"
FLAGS=(-parse-as-library -O -g -sanitize=fuzzer,address -swift-version 6
    -enable-upcoming-feature ExistentialAny -enable-upcoming-feature InternalImportsByDefault
    -enable-upcoming-feature MemberImportVisibility -I "$ROOT/Sources/CFieldCore/include")

cat > "$WORK/Harness.swift" <<'SWIFT'
import FieldCore
import FieldDelta

/// A fixed old image and new image the structured inputs are decoded against.
let oldImage: [UInt8] = (0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ ($0 >> 5)) }
let newImage: [UInt8] = Array(oldImage[100..<2100]) + (0..<700).map { UInt8(truncatingIfNeeded: $0 &* 7) }
let template = PatchDiffer.makePatch(
    from: oldImage, to: newImage, options: PatchDiffer.Options(chunkSize: 4096, pageShift: 8, allowsFullImage: false))

struct CheckedSink: ImageSink {
    var image = ByteArrayImage()
    let limit: Int
    mutating func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(PatchError) {
        precondition(offset >= 0 && offset + bytes.count <= limit, "write past the declared size")
        try image.write(bytes, at: offset)
    }
    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(PatchError) {
        try image.read(at: offset, into: buffer)
    }
}

func run(_ patch: [UInt8], declaredSize: Int) {
    var sink = CheckedSink(limit: declaredSize)
    do throws(PatchError) {
        try PatchApplier.apply(patch: ByteArrayImage(patch), old: ByteArrayImage(oldImage), into: &sink, bufferSize: 1024)
        precondition(sink.image.bytes.count == declaredSize, "success with the wrong size")
    } catch {
        _ = error.description
    }
}

func appendLittleEndian(_ value: UInt32, to bytes: inout [UInt8]) {
    for i in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt32(i)))) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    // 1. The input as a whole patch.
    run(input, declaredSize: Int.max)
    // 2. The input as the coded body of the only chunk of an otherwise valid patch.
    var patch = Array(template[0..<PatchHeader.byteCount])
    appendLittleEndian(UInt32(input.count), to: &patch)
    appendLittleEndian(CRC32C.checksum(input), to: &patch)
    patch += input
    run(patch, declaredSize: newImage.count)
    return 0
}
SWIFT

cd "$WORK"
# FieldCore's C part (SHA-256 on the SHA instructions, round constants).
clang -O2 -g -fsanitize=address -I "$ROOT/Sources/CFieldCore/include" -c "$ROOT/Sources/CFieldCore/sha256.c" \
    -o CFieldCore.o
swiftc "${FLAGS[@]}" -wmo -module-name FieldCore -emit-module -emit-module-path FieldCore.swiftmodule \
    -emit-object -o FieldCore.o $(find "$ROOT/Sources/FieldCore" -name '*.swift')
swiftc "${FLAGS[@]}" -wmo -module-name FieldDelta -I . -emit-module -emit-module-path FieldDelta.swiftmodule \
    -emit-object -o FieldDelta.o $(find "$ROOT/Sources/FieldDelta/Binary" -name '*.swift')
swiftc "${FLAGS[@]}" -I . Harness.swift CFieldCore.o FieldCore.o FieldDelta.o -o fuzz-delta-patch
# Seed with a valid patch body so mutations start near real streams.
python3 - "$WORK/corpus" <<'PY'
import os, sys
open(os.path.join(sys.argv[1], "empty"), "wb").close()
open(os.path.join(sys.argv[1], "zeros"), "wb").write(bytes(64))
PY
./fuzz-delta-patch -max_total_time="$SECONDS_TO_RUN" -artifact_prefix="$ARTIFACTS/" -print_final_stats=1 corpus
