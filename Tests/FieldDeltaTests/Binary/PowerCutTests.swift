import FieldCore
import FieldDelta
import Testing

/// A sink that simulates a power cut: after `writesBeforeCut` writes it tears the next write (keeps
/// a prefix of it) and fails every later call until `restore()`.
struct PowerCutSink: ImageSink {
    var image = ByteArrayImage()
    var writesBeforeCut: Int
    var cut = false
    var writes = 0
    var lowestWriteOffset = Int.max
    var limit: Int

    mutating func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(PatchError) {
        precondition(offset + bytes.count <= limit, "applier wrote past the declared size")
        if cut { throw PatchError(.storage(code: 5), at: offset) }
        lowestWriteOffset = min(lowestWriteOffset, offset)
        if writes == writesBeforeCut {
            cut = true
            try image.write(UnsafeRawBufferPointer(rebasing: bytes[0..<(bytes.count / 2)]), at: offset)
            throw PatchError(.storage(code: 5), at: offset)
        }
        writes += 1
        try image.write(bytes, at: offset)
    }

    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(PatchError) {
        try image.read(at: offset, into: buffer)
    }
}

@Suite("Power cuts during apply")
struct PowerCutTests {
    @Test("a cut at every write resumes from the saved record and yields the exact image")
    func cutAtEveryWrite() throws {
        var rng = SplitMix64(seed: 99)
        let old = PatchTestData.codeLike(24_000, rng: &rng)
        let new = PatchTestData.edit(old, edits: 30, rng: &rng)
        let patch = PatchDiffer.makePatch(
            from: old, to: new, options: PatchDiffer.Options(chunkSize: 2048, pageShift: 9, transforms: [.x86]))
        let header = try PatchHeader(parsing: patch)
        #expect(header.chunkCount > 5)
        let pageWrites = (new.count + header.pageSize - 1) / header.pageSize
        for cutAt in 0...pageWrites {
            var sink = PowerCutSink(writesBeforeCut: cutAt, limit: new.count)
            var saved: [UInt8]? = nil
            let first = runUntilFailure(patch: patch, old: old, sink: &sink, saved: nil) { saved = $0.serialized() }
            if cutAt == pageWrites {
                #expect(first == nil)
                #expect(sink.image.bytes == new)
                continue
            }
            #expect(first?.kind == .storage(code: 5))
            // Power back: the saved record (if any) names a chunk boundary; resume from it.
            sink.cut = false
            sink.writesBeforeCut = Int.max
            sink.lowestWriteOffset = Int.max
            let record = try saved.map { try ApplyProgress(serialized: $0) }
            let second = runUntilFailure(patch: patch, old: old, sink: &sink, saved: record) { _ in }
            #expect(second == nil)
            #expect(sink.image.bytes == new)
            if let record {
                #expect(sink.lowestWriteOffset >= record.newOffset, "resume must not restart from scratch")
                #expect(record.newOffset > 0 || record.chunkIndex == 0)
            }
        }
    }

    @Test("a torn or foreign progress record is rejected")
    func tornRecord() throws {
        let record = ApplyProgress(fingerprint: 0x1234, chunkIndex: 3, patchOffset: 500, newOffset: 12_288)
        let bytes = record.serialized()
        #expect(try ApplyProgress(serialized: bytes) == record)
        for cut in 0..<bytes.count {
            #expect(throws: PatchError.self) { try ApplyProgress(serialized: Array(bytes[0..<cut])) }
        }
        var flipped = bytes
        flipped[10] ^= 0x40
        #expect(throws: PatchError.self) { try ApplyProgress(serialized: flipped) }

        let patch = PatchDiffer.makePatch(from: [1, 2, 3, 4], to: [1, 2, 3, 4, 5])
        let foreign = ApplyProgress(fingerprint: 1, chunkIndex: 0, patchOffset: PatchHeader.byteCount, newOffset: 0)
        let result: PatchError? = {
            do throws(PatchError) {
                _ = try PatchApplier(
                    old: ByteArrayImage([1, 2, 3, 4]), patch: ByteArrayImage(patch), resumingFrom: foreign)
                return nil
            } catch {
                return error
            }
        }()
        #expect(result?.kind == .invalidProgress)
    }

    private func runUntilFailure(
        patch: [UInt8], old: [UInt8], sink: inout PowerCutSink, saved: ApplyProgress?,
        checkpoint: (ApplyProgress) -> Void
    ) -> PatchError? {
        do throws(PatchError) {
            let applier = try PatchApplier(
                old: ByteArrayImage(old), patch: ByteArrayImage(patch), bufferSize: 2048, resumingFrom: saved)
            try applier.run(into: &sink, checkpoint: checkpoint)
            return nil
        } catch {
            return error
        }
    }
}
