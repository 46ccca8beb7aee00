import FieldCore
import FieldDelta
import Testing

@Suite("Binary patch round trips")
struct PatchRoundTripTests {
    @Test("empty and tiny images")
    func edgeSizes() throws {
        let cases: [([UInt8], [UInt8])] = [
            ([], []), ([], [1, 2, 3]), ([1, 2, 3], []), ([7], [7]), ([1, 2, 3, 4], [1, 2, 3, 4, 5]),
        ]
        for (old, new) in cases {
            let patch = PatchDiffer.makePatch(from: old, to: new)
            #expect(try PatchTestData.apply(patch, old: old).get() == new)
        }
    }

    @Test("seeded random edits of code-like images, every transform and several chunk sizes", arguments: 0..<6)
    func randomEdits(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let old = PatchTestData.codeLike(20_000 + Int(rng.next() % 50_000), rng: &rng)
        let new = PatchTestData.edit(old, edits: Int(rng.next() % 40), rng: &rng)
        for transform in BranchTransform.allCases {
            let options = PatchDiffer.Options(
                chunkSize: [4096, 8192, 1 << 18][Int(seed % 3)], pageShift: 8 + Int(seed % 5),
                transforms: [transform], allowsFullImage: false)
            let patch = PatchDiffer.makePatch(from: old, to: new, options: options)
            #expect(try PatchTestData.apply(patch, old: old, bufferSize: 64 * 1024).get() == new)
            let header = try PatchHeader(parsing: Array(patch.prefix(PatchHeader.byteCount)))
            #expect(header.transform == transform)
            #expect(header.mode == .delta)
        }
    }

    @Test("a delta of a lightly edited image is much smaller than the image")
    func deltaIsSmall() throws {
        var rng = SplitMix64(seed: 42)
        let old = PatchTestData.randomBytes(100_000, rng: &rng)
        let new = PatchTestData.edit(old, edits: 10, rng: &rng)
        let patch = PatchDiffer.makePatch(from: old, to: new)
        #expect(patch.count < 3_000)
        #expect(try PatchTestData.apply(patch, old: old).get() == new)
    }

    @Test("an unrelated new image is carried as a full image, which needs no old image")
    func fullImageFallback() throws {
        var rng = SplitMix64(seed: 7)
        let old = PatchTestData.randomBytes(30_000, rng: &rng)
        let new = [UInt8](repeating: 0x41, count: 20_000) + PatchTestData.codeLike(20_000, rng: &rng)
        let patch = PatchDiffer.makePatch(from: old, to: new)
        let deltaOnly = PatchDiffer.makePatch(
            from: old, to: new, options: PatchDiffer.Options(transforms: [.none], allowsFullImage: false))
        #expect(patch.count <= deltaOnly.count)
        let header = try PatchHeader(parsing: patch)
        #expect(header.mode == .full)
        #expect(patch.count < new.count / 2)
        #expect(try PatchTestData.apply(patch, old: []).get() == new)
    }
}

@Suite("Applier working set")
struct WorkingSetTests {
    @Test("the default buffer plus the model table fit the 32 KiB device budget")
    func defaultBudget() {
        typealias Applier = PatchApplier<ByteArrayImage, ByteArrayImage>
        #expect(Applier.defaultBufferSize + Applier.modelByteCount <= 32 * 1024)
    }

    @Test("a 1 MB image applies with the smallest buffer its pages allow")
    func smallestBuffer() throws {
        var rng = SplitMix64(seed: 3)
        let old = PatchTestData.codeLike(1 << 20, rng: &rng)
        let new = PatchTestData.edit(old, edits: 50, rng: &rng)
        let patch = PatchDiffer.makePatch(from: old, to: new, options: PatchDiffer.Options(pageShift: 10))
        #expect(try PatchTestData.apply(patch, old: old, bufferSize: 3 * 1024 + 256).get() == new)
    }
}

@Suite("Branch transforms")
struct BranchTransformTests {
    /// AArch64-like code: a quarter of the words are `BL` instructions to nearby targets.
    static func arm64Code(words: Int, rng: inout SplitMix64) -> [UInt8] {
        var out: [UInt8] = []
        for _ in 0..<words {
            let word: UInt32 =
                rng.next() % 4 == 0
                ? 0x9400_0000 | UInt32(truncatingIfNeeded: rng.next() % 8192 &- 4096) & 0x03FF_FFFF
                : UInt32(truncatingIfNeeded: rng.next())
            for i in 0..<4 { out.append(UInt8(truncatingIfNeeded: word >> (8 * UInt32(i)))) }
        }
        return out
    }

    @Test("AArch64 BL rewriting round-trips, with code inserted before the calls", arguments: 0..<4)
    func arm64RoundTrip(seed: UInt64) throws {
        var rng = SplitMix64(seed: 100 + seed)
        let old = BranchTransformTests.arm64Code(words: 6000, rng: &rng)
        var new = old
        new.insert(contentsOf: BranchTransformTests.arm64Code(words: 40, rng: &rng), at: 4 * Int(rng.next() % 3000))
        let patch = PatchDiffer.makePatch(
            from: old, to: new,
            options: PatchDiffer.Options(pageShift: 8 + Int(seed), transforms: [.arm64], allowsFullImage: false))
        #expect(try PatchHeader(parsing: patch).transform == .arm64)
        #expect(try PatchTestData.apply(patch, old: old, bufferSize: 16 * 1024).get() == new)
    }

    @Test("ELF machine detection picks the transform")
    func detection() {
        var elf = [UInt8](repeating: 0, count: 64)
        elf[0...3] = [0x7F, 0x45, 0x4C, 0x46]
        elf[5] = 1
        elf[18] = 62
        #expect(BranchTransform.detect(in: elf) == .x86)
        elf[18] = 183
        #expect(BranchTransform.detect(in: elf) == .arm64)
        elf[18] = 40
        #expect(BranchTransform.detect(in: elf) == .none)
        #expect(BranchTransform.detect(in: Array("#!/bin/sh\n".utf8)) == .none)
    }

    @Test("copies from recent distances: repeated records with scattered changes", arguments: 0..<4)
    func recentDistances(seed: UInt64) throws {
        // Each record repeats one of the last three with one or two bytes changed, so the extra
        // parts are copies at a few alternating distances between single literals: every slot of
        // the recent-distance list gets used.
        var rng = SplitMix64(seed: seed)
        let stride = 8 + Int(rng.next() % 120)
        var records = (0..<3).map { _ in PatchTestData.randomBytes(stride, rng: &rng) }
        var new: [UInt8] = records.flatMap { $0 }
        while new.count < 30_000 {
            var record = records[Int(rng.next() % 3)]
            for _ in 0..<(1 + Int(rng.next() % 2)) {
                record[Int(rng.next() % UInt64(stride))] = UInt8(truncatingIfNeeded: rng.next())
            }
            records = [records[1], records[2], record]
            new += record
            if rng.next() % 7 == 0 { new += PatchTestData.randomBytes(Int(rng.next() % 5), rng: &rng) }
        }
        let old = PatchTestData.randomBytes(5_000, rng: &rng)
        let options = PatchDiffer.Options(
            chunkSize: [2048, 4096, 1 << 18][Int(seed % 3)], pageShift: 8 + Int(seed % 3), transforms: [.none])
        let patch = PatchDiffer.makePatch(from: old, to: new, options: options)
        #expect(try PatchTestData.apply(patch, old: old, bufferSize: 16 * 1024).get() == new)
    }
}
