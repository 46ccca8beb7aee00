import FieldCore
import FieldDelta
import Testing

@Suite("Series round trips: random and adversarial columns, every codec")
struct RoundTripPropertyTests {
    static let floatCodecs: [SeriesOptions.FloatCodec] = [.automatic, .gorilla, .chimp128, .decimal, .plain]

    @Test("adversarial float columns are bit-exact under every codec", arguments: [1, 2, 3, 61, 1_024])
    func adversarialFloats(count: Int) throws {
        var rng = SplitMix64(seed: UInt64(count))
        for (name, values) in SeriesTestSupport.adversarialFloats(&rng, count: count) {
            for codec in Self.floatCodecs {
                let decoded = try SeriesTestSupport.roundTrip(
                    [.floats(values)], options: SeriesOptions(floatCodec: codec))
                #expect(decoded.columns == [.floats(values)], "\(name), codec \(codec)")
                #expect(decoded.pointCount == count)
            }
        }
    }

    @Test("adversarial timestamp and integer columns are exact", arguments: [1, 2, 3, 100, 1_024])
    func adversarialIntegers(count: Int) throws {
        var rng = SplitMix64(seed: 1_000 + UInt64(count))
        for (name, values) in SeriesTestSupport.adversarialTimestamps(&rng, count: count) {
            let decoded = try SeriesTestSupport.roundTrip([.timestamps(values), .integers(values)])
            #expect(decoded.columns == [.timestamps(values), .integers(values)], "\(name)")
        }
    }

    @Test("random mixed blocks round-trip", arguments: 0..<30)
    func randomBlocks(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed &* 0x9E37_79B9)
        let count = Int.random(in: 1...2_000, using: &rng)
        var columns: [SeriesColumn] = []
        let floatCases = SeriesTestSupport.adversarialFloats(&rng, count: count)
        let timeCases = SeriesTestSupport.adversarialTimestamps(&rng, count: count)
        columns.append(.timestamps(timeCases[Int.random(in: 0..<timeCases.count, using: &rng)].1))
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            columns.append(.floats(floatCases[Int.random(in: 0..<floatCases.count, using: &rng)].1))
        }
        columns.append(.integers(timeCases[Int.random(in: 0..<timeCases.count, using: &rng)].1))
        let codec = Self.floatCodecs[Int.random(in: 0..<Self.floatCodecs.count, using: &rng)]
        let decoded = try SeriesTestSupport.roundTrip(columns, options: SeriesOptions(floatCodec: codec))
        #expect(decoded.columns == columns)
    }

    @Test("automatic picks the decimal codec for decimal-origin readings and beats the XOR baselines")
    func automaticChoosesDecimal() throws {
        var rng = SplitMix64(seed: 7)
        let values = SeriesTestSupport.decimalWalk(&rng, count: 1_024, decimals: 2)
        let automatic = try SeriesBlock.encode([.floats(values)])
        let gorilla = try SeriesBlock.encode([.floats(values)], options: SeriesOptions(floatCodec: .gorilla))
        let chimp = try SeriesBlock.encode([.floats(values)], options: SeriesOptions(floatCodec: .chimp128))
        let info = try automatic.withUnsafeBytes { raw in try SeriesBlock.inspectPrefix(of: raw) }
        #expect(info.columns.map(\.codec) == [.decimal])
        #expect(automatic.count * 2 < gorilla.count)
        #expect(automatic.count * 2 < chimp.count)
    }

    @Test("automatic falls back from the decimal codec on random bits")
    func automaticOnNoise() throws {
        var rng = SplitMix64(seed: 8)
        let values = (0..<1_024).map { _ in Double(bitPattern: rng.next()) }
        let bytes = try SeriesBlock.encode([.floats(values)])
        let info = try bytes.withUnsafeBytes { raw in try SeriesBlock.inspectPrefix(of: raw) }
        #expect(info.columns[0].codec == .plain || info.columns[0].codec == .chimp128)
        #expect(info.columns[0].payloadByteCount <= 8 * 1_024)
    }

    @Test("a regular timestamp column costs a few bytes per block")
    func regularTimestamps() throws {
        let times = (0..<1_024).map { 1_700_000_000 + Int64($0) * 3_600 }
        let bytes = try SeriesBlock.encode([.timestamps(times)])
        let info = try bytes.withUnsafeBytes { raw in try SeriesBlock.inspectPrefix(of: raw) }
        // First value (escape-free, 32 bits), first delta, then one run word.
        #expect(info.columns[0].payloadByteCount <= 24)
    }

    @Test("invalid arguments are rejected")
    func invalidArguments() {
        #expect(throws: SeriesError.self) { try SeriesBlock.encode([]) }
        #expect(throws: SeriesError.self) { try SeriesBlock.encode([.floats([])]) }
        #expect(throws: SeriesError.self) { try SeriesBlock.encode([.floats([1]), .timestamps([1, 2])]) }
        #expect(throws: SeriesError.self) {
            try SeriesBlock.encode([.floats([1])], options: SeriesOptions(absoluteErrorBound: -1))
        }
        #expect(throws: SeriesError.self) {
            try SeriesBlock.encode([.floats([1])], options: SeriesOptions(absoluteErrorBound: .nan))
        }
        #expect(throws: SeriesError.self) {
            try SeriesEncoder(valueColumnCount: 1, options: SeriesOptions(blockSize: 0))
        }
    }
}
