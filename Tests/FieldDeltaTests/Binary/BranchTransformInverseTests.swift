import FieldCore
import Testing

@testable import FieldDelta

/// Issue 18: the x86 transform must be its own inverse on every page. An E8 whose displacement
/// is left alone (top byte neither 00 nor FF) used to be skipped by one byte only, so an E8 inside
/// it could rewrite the byte its decision read, and decoding chose differently.
@Suite struct BranchTransformInverseTests {
    @Test func x86RoundTripsWithOverlappingCallOpcodes() {
        // From pydantic_core 2.16.2's _pydantic_core.so: `e8 41 00 e8 | e9 2b f3 ff`. The first E8
        // is not rewritten (top byte e9); the second is, and at some positions its displacement's
        // low byte (the first E8's top byte) becomes 00 or FF.
        let pattern: [UInt8] = [0x56, 0xE8, 0x41, 0x00, 0xE8, 0xE9, 0x2B, 0xF3, 0xFF, 0x0F, 0x0B]
        for start in 0..<256 {
            var page = [UInt8](repeating: 0x90, count: 512)
            page.replaceSubrange(start..<start + pattern.count, with: pattern)
            let original = page
            page.withUnsafeMutableBytes { BranchTransform.x86.apply(to: $0, offset: 4096, forward: true) }
            page.withUnsafeMutableBytes { BranchTransform.x86.apply(to: $0, offset: 4096, forward: false) }
            #expect(page == original, "start \(start)")
        }
    }

    @Test func x86PatchRoundTripsOnCallDenseImage() {
        var rng = SplitMix64(seed: 18)
        // Mostly E8 bytes and small displacements: many overlapping candidates.
        var old = [UInt8](repeating: 0, count: 1 << 16)
        for i in old.indices {
            let r = rng.next() % 4
            old[i] = r == 0 ? 0xE8 : r == 1 ? 0xFF : r == 2 ? 0 : UInt8(truncatingIfNeeded: rng.next())
        }
        var new = old
        for _ in 0..<64 { new[Int(rng.next() % UInt64(new.count))] = 0xE8 }
        for transform in [BranchTransform.x86] {
            let patch = PatchDiffer.makePatch(
                from: old, to: new,
                options: PatchDiffer.Options(transforms: [transform], allowsFullImage: false))
            let rebuilt = PatchTestData.apply(patch, old: old)
            #expect((try? rebuilt.get()) == new)
        }
    }
}
