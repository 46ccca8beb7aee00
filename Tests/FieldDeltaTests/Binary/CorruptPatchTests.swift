import FieldCore
import FieldDelta
import Testing

/// A sink that records whether anything was written past the declared size.
struct BoundedSink: ImageSink {
    var image = ByteArrayImage()
    var limit: Int
    var overrun = false

    mutating func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(PatchError) {
        if offset + bytes.count > limit { overrun = true }
        try image.write(bytes, at: offset)
    }

    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(PatchError) {
        try image.read(at: offset, into: buffer)
    }
}

@Suite("Corrupt, truncated and mismatched patches")
struct CorruptPatchTests {
    static func fixture() -> (old: [UInt8], new: [UInt8], patch: [UInt8]) {
        var rng = SplitMix64(seed: 5)
        let old = PatchTestData.codeLike(6_000, rng: &rng)
        let new = PatchTestData.edit(old, edits: 12, rng: &rng)
        let patch = PatchDiffer.makePatch(
            from: old, to: new, options: PatchDiffer.Options(chunkSize: 1024, pageShift: 8, allowsFullImage: false))
        return (old, new, patch)
    }

    static func apply(_ patch: [UInt8], old: [UInt8], limit: Int) -> (Result<[UInt8], PatchError>, Bool) {
        var sink = BoundedSink(limit: limit)
        do throws(PatchError) {
            try PatchApplier.apply(
                patch: ByteArrayImage(patch), old: ByteArrayImage(old), into: &sink, bufferSize: 1024)
            return (.success(sink.image.bytes), sink.overrun)
        } catch {
            return (.failure(error), sink.overrun)
        }
    }

    @Test("every truncation is rejected with a typed error")
    func truncations() {
        let (old, new, patch) = CorruptPatchTests.fixture()
        for length in 0..<patch.count {
            let (result, overrun) = CorruptPatchTests.apply(Array(patch[0..<length]), old: old, limit: new.count)
            #expect(!overrun)
            guard case .failure(let error) = result else {
                Issue.record("truncated patch of \(length) bytes was accepted")
                continue
            }
            #expect(error.offset <= patch.count)
        }
    }

    @Test("random byte corruption never yields a wrong image or a write past the declared size")
    func corruption() {
        let (old, new, patch) = CorruptPatchTests.fixture()
        var rng = SplitMix64(seed: 11)
        var rejected = 0
        for _ in 0..<400 {
            var bad = patch
            let flips = 1 + Int(rng.next() % 3)
            for _ in 0..<flips {
                let at = Int(rng.next() % UInt64(bad.count))
                bad[at] ^= UInt8(truncatingIfNeeded: rng.next() | 1)
            }
            let (result, overrun) = CorruptPatchTests.apply(bad, old: old, limit: new.count)
            #expect(!overrun)
            switch result {
            case .success(let image): #expect(image == new)
            case .failure: rejected += 1
            }
        }
        #expect(rejected > 350)
    }

    @Test("header damage is reported as such")
    func headerErrors() {
        let (old, new, patch) = CorruptPatchTests.fixture()
        var badMagic = patch
        badMagic[0] = 0x00
        #expect(CorruptPatchTests.apply(badMagic, old: old, limit: new.count).0.failureKind == .badMagic)
        var badVersion = patch
        badVersion[4] = 9
        #expect(CorruptPatchTests.apply(badVersion, old: old, limit: new.count).0.failureKind == .unsupportedVersion(9))
        // Version 3's x86 transform stepped one byte past an E8 it left alone, which the decoder
        // could not always undo (issue 18): a version 3 patch is refused by name, never misapplied.
        var versionThree = patch
        versionThree[4] = 3
        #expect(
            CorruptPatchTests.apply(versionThree, old: old, limit: new.count).0.failureKind == .unsupportedVersion(3))
        var badSize = patch
        badSize[20] ^= 1
        #expect(CorruptPatchTests.apply(badSize, old: old, limit: new.count).0.failureKind == .corruptHeader)
        var trailing = patch
        trailing.append(0)
        #expect(CorruptPatchTests.apply(trailing, old: old, limit: new.count).0.failureKind == .corruptChunk)
    }

    @Test("a different old image is rejected before anything is written")
    func wrongOld() {
        let (old, new, patch) = CorruptPatchTests.fixture()
        var other = old
        other[100] ^= 1
        var sink = BoundedSink(limit: new.count)
        let result: PatchError? = {
            do throws(PatchError) {
                try PatchApplier.apply(patch: ByteArrayImage(patch), old: ByteArrayImage(other), into: &sink)
                return nil
            } catch {
                return error
            }
        }()
        #expect(result?.kind == .oldImageMismatch)
        #expect(sink.image.bytes.isEmpty)
        #expect(
            CorruptPatchTests.apply(patch, old: Array(old.dropLast()), limit: new.count).0.failureKind
                == .oldImageMismatch)
    }

    @Test("a buffer smaller than two pages is refused")
    func smallBuffer() {
        let (old, new, patch) = CorruptPatchTests.fixture()
        _ = new
        let result: PatchError? = {
            do throws(PatchError) {
                _ = try PatchApplier(old: ByteArrayImage(old), patch: ByteArrayImage(patch), bufferSize: 600)
                return nil
            } catch {
                return error
            }
        }()
        #expect(result?.kind == .invalidArgument)
    }
}

extension Result where Failure == PatchError {
    var failureKind: PatchError.Kind? {
        if case .failure(let error) = self { return error.kind }
        return nil
    }
}
