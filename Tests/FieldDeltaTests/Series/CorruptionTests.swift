import FieldCore
import Testing

@testable import FieldDelta

/// Seeded random corruption of valid blocks: the decoder must return a value or a `SeriesError`,
/// never trap or read out of bounds (the fuzz target under Scripts/ pushes this much further).
@Suite("Corrupted blocks never crash the decoder")
struct CorruptionTests {
    static func sampleBlocks() throws -> [[UInt8]] {
        var rng = SplitMix64(seed: 42)
        let count = 300
        let times = (0..<count).map { 1_700_000_000 + Int64($0) * 60 }
        let floats = SeriesTestSupport.adversarialFloats(&rng, count: count)
        var blocks: [[UInt8]] = []
        for codec: SeriesOptions.FloatCodec in [.automatic, .gorilla, .chimp128, .decimal, .plain] {
            for (_, values) in floats.prefix(9) {
                blocks.append(
                    try SeriesBlock.encode(
                        [.timestamps(times), .floats(values), .integers(times)],
                        options: SeriesOptions(floatCodec: codec)))
            }
        }
        blocks.append(try SeriesBlock.encode([.floats(floats[7].1)], options: SeriesOptions(absoluteErrorBound: 0.1)))
        return blocks
    }

    /// Recomputes the trailing CRC so that corruption reaches the column decoders.
    static func resealed(_ block: [UInt8]) -> [UInt8] {
        guard block.count >= 4 else { return block }
        var body = Array(block.dropLast(4))
        body.appendLittleEndian(CRC32C.checksum(body))
        return body
    }

    static func decodeOutcome(_ bytes: [UInt8]) -> Bool {
        do {
            _ = try SeriesBlock.decode(bytes)
            return true
        } catch {
            return false
        }
    }

    @Test("single bit flips are caught by the CRC-32C")
    func bitFlips() throws {
        var rng = SplitMix64(seed: 1)
        for block in try Self.sampleBlocks() {
            for _ in 0..<20 {
                var corrupted = block
                let bit = Int.random(in: 0..<(block.count * 8), using: &rng)
                corrupted[bit / 8] ^= UInt8(1 << (bit % 8))
                #expect(throws: SeriesError.self) { try SeriesBlock.decode(corrupted) }
            }
        }
    }

    @Test("resealed random corruption yields a block or an error, never a crash", arguments: 0..<8)
    func resealedCorruption(seed: UInt64) throws {
        var rng = SplitMix64(seed: 100 + seed)
        for block in try Self.sampleBlocks() {
            for _ in 0..<25 {
                var corrupted = block
                switch Int.random(in: 0..<4, using: &rng) {
                case 0:
                    for _ in 0..<Int.random(in: 1...8, using: &rng) {
                        corrupted[Int.random(in: 0..<(corrupted.count - 4), using: &rng)] = UInt8.random(
                            in: 0...255, using: &rng)
                    }
                case 1:
                    corrupted.removeLast(Int.random(in: 1...min(40, corrupted.count), using: &rng))
                case 2:
                    let index = Int.random(in: 5..<(corrupted.count - 4), using: &rng)
                    corrupted.insert(
                        contentsOf: (0..<Int.random(in: 1...16, using: &rng)).map { _ in
                            UInt8.random(in: 0...255, using: &rng)
                        }, at: index)
                default:
                    let index = Int.random(in: 0..<(corrupted.count - 4), using: &rng)
                    corrupted[index] ^= 0xFF
                }
                _ = Self.decodeOutcome(Self.resealed(corrupted))
                _ = Self.decodeOutcome(corrupted)
            }
        }
    }

    @Test("random bytes after a valid magic never crash", arguments: 0..<4)
    func randomBodies(seed: UInt64) {
        var rng = SplitMix64(seed: 500 + seed)
        for _ in 0..<500 {
            var bytes: [UInt8] = [0x46, 0x4B, 0x53, 0x42, 1]
            bytes += (0..<Int.random(in: 0...200, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            _ = Self.decodeOutcome(Self.resealed(bytes))
        }
    }

    @Test("header errors name the rule and the offset")
    func headerErrors() throws {
        let block = try SeriesBlock.encode([.floats([1, 2, 3])])
        var badMagic = block
        badMagic[0] = 0
        #expect(throws: SeriesError(.badMagic, at: 0)) { try SeriesBlock.decode(badMagic) }
        var badVersion = block
        badVersion[4] = 9
        #expect(throws: SeriesError(.unsupportedVersion(9), at: 4)) { try SeriesBlock.decode(badVersion) }
        var badCodec = block
        badCodec[7] = 200
        #expect(throws: SeriesError(.unknownCodec(200), at: 7)) { try SeriesBlock.decode(Self.resealed(badCodec)) }
        var badCRC = block
        badCRC[block.count - 1] ^= 1
        #expect(throws: SeriesError(.checksumMismatch, at: block.count - 4)) { try SeriesBlock.decode(badCRC) }
        #expect(throws: SeriesError(.truncated, at: 3)) { try SeriesBlock.decode(Array(block.prefix(3))) }
        #expect(throws: SeriesError(.corruptPayload, at: block.count)) { try SeriesBlock.decode(block + [0]) }
        #expect(throws: SeriesError(.invalidHeader, at: 5)) { try SeriesBlock.decode(block, maximumPointCount: 2) }
    }
}
