import FieldCore
import Testing

@testable import FieldDelta

/// The x86 transform scans eight bytes at a time; these tests hold it to a byte-at-a-time reference
/// written from the format's rule.
@Suite("x86 transform word scan")
struct BranchTransformScanTests {
    /// The format's rule, one byte at a time: an `E8` whose fourth following byte is 00 or FF has
    /// its displacement rewritten and the scan skips the four bytes; otherwise it moves one byte.
    static func reference(_ page: [UInt8], offset: Int, forward: Bool) -> [UInt8] {
        var bytes = page
        var i = 0
        while i + 5 <= bytes.count {
            if bytes[i] == 0xE8 && (bytes[i + 4] == 0 || bytes[i + 4] == 0xFF) {
                var stored: UInt32 = 0
                for k in 0..<4 { stored |= UInt32(bytes[i + 1 + k]) << (8 * UInt32(k)) }
                let position = UInt32(truncatingIfNeeded: offset + i + 5)
                var value = forward ? stored &+ position : stored &- position
                value &= 0x01FF_FFFF
                if value & 0x0100_0000 != 0 { value |= 0xFE00_0000 }
                for k in 0..<4 { bytes[i + 1 + k] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(k))) }
                i += 5
            } else {
                // An E8 consumes five bytes whether or not it is rewritten (issue 18).
                i += bytes[i] == 0xE8 ? 5 : 1
            }
        }
        return bytes
    }

    /// Pages dense in `E8`, 00 and FF bytes, so calls overlap, straddle words and sit in the tail.
    static func page(_ count: Int, rng: inout SplitMix64) -> [UInt8] {
        (0..<count).map { _ in
            switch rng.next() % 6 {
            case 0, 1: 0xE8
            case 2: 0
            case 3: 0xFF
            default: UInt8(truncatingIfNeeded: rng.next())
            }
        }
    }

    @Test("matches the byte-at-a-time rule in both directions", arguments: 0..<8)
    func matchesReference(seed: UInt64) {
        var rng = SplitMix64(seed: 7_000 + seed)
        for _ in 0..<200 {
            let count = Int(rng.next() % 80)
            let page = BranchTransformScanTests.page(count, rng: &rng)
            let offset = Int(rng.next() % (1 << 26))
            for forward in [true, false] {
                var fast = page
                fast.withUnsafeMutableBytes { BranchTransform.x86.apply(to: $0, offset: offset, forward: forward) }
                #expect(fast == BranchTransformScanTests.reference(page, offset: offset, forward: forward))
            }
        }
    }

    @Test("finds the first E8 at every position of a word and in the tail")
    func findsFirstOpcode() {
        for count in 1..<24 {
            for at in 0...count {
                var bytes = [UInt8](repeating: 0xE7, count: count)
                if at < count { bytes[at] = 0xE8 }
                if at + 1 < count { bytes[at + 1] = 0xE8 }
                let found = bytes.withUnsafeMutableBytes {
                    BranchTransform.nextCallOpcode(in: $0.baseAddress!, from: 0, count: count)
                }
                #expect(found == at)
            }
        }
    }

    @Test("a page rewritten in pieces equals the page rewritten at once", arguments: 0..<6)
    func piecewise(seed: UInt64) {
        var rng = SplitMix64(seed: 7_100 + seed)
        for transform in [BranchTransform.x86, .arm64, .none] {
            for _ in 0..<100 {
                let count = 1 + Int(rng.next() % 120)
                let page =
                    transform == .arm64
                    ? BranchTransformTests.arm64Code(words: count / 4 + 1, rng: &rng)
                    : BranchTransformScanTests.page(count, rng: &rng)
                let offset = Int(rng.next() % (1 << 20))
                let forward = rng.next() % 2 == 0
                var whole = page
                whole.withUnsafeMutableBytes { transform.apply(to: $0, offset: offset, forward: forward) }
                var pieces = page
                var scan = 0
                pieces.withUnsafeMutableBytes { bytes in
                    while scan < bytes.count {
                        let through = min(bytes.count, scan + Int(rng.next() % 16))
                        let next = transform.advance(
                            bytes.baseAddress!, count: bytes.count, offset: offset, from: scan, through: through,
                            forward: forward)
                        #expect(next >= through)
                        scan = next
                    }
                }
                #expect(pieces == whole)
            }
        }
    }
}
