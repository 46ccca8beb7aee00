import Testing

@testable import FieldCore

/// The processor's SHA instructions (when this machine has them) against the portable code.
@Suite("SHA-256 hardware path", .enabled(if: SHA256.isHardwareAccelerated, "no SHA instructions on this processor"))
struct SHA256HardwareTests {
    /// Hashes `bytes` in pieces of `splits` bytes, with the hardware path on or off.
    static func digest(_ bytes: [UInt8], hardware: Bool, split: Int) -> SHA256Digest {
        var hasher = SHA256()
        hasher.usesHardware = hardware
        var index = 0
        while index < bytes.count {
            let end = min(bytes.count, index + split)
            hasher.update(bytes[index..<end])
            index = end
        }
        return hasher.finalize()
    }

    @Test("random messages of 0 to 3,000 bytes in random pieces: both paths agree", arguments: 0..<40)
    func agreesWithPortable(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let length = seed < 4 ? Int(seed) * 64 : Int.random(in: 0..<3_000, using: &rng)
        let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let split = Int.random(in: 1...1_100, using: &rng)
        let portable = Self.digest(bytes, hardware: false, split: split)
        #expect(Self.digest(bytes, hardware: true, split: split) == portable)
        #expect(Self.digest(bytes, hardware: true, split: bytes.count + 1) == portable)
    }

    @Test("a flipped bit in any of 192 bytes changes both digests alike")
    func bitFlips() {
        var rng = SplitMix64(seed: 99)
        let base = (0..<192).map { _ in UInt8.random(in: 0...255, using: &rng) }
        for i in 0..<base.count {
            var bytes = base
            bytes[i] ^= UInt8(1) << UInt8(i % 8)
            #expect(Self.digest(bytes, hardware: true, split: 192) == Self.digest(bytes, hardware: false, split: 192))
        }
    }
}
