import FieldCore
import Testing

@testable import FieldDelta

/// Seeded generators and helpers shared by the series tests.
enum SeriesTestSupport {
    /// The repository root: three levels up from Tests/FieldDeltaTests/Series/File.swift... plus one
    /// for the Series folder.
    static func repositoryRoot(_ file: String = #filePath) -> String {
        var parts = file.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(4)
        return parts.joined(separator: "/")
    }

    /// A float uniformly spread over the given range.
    static func uniform(_ rng: inout SplitMix64, _ range: ClosedRange<Double>) -> Double {
        Double.random(in: range, using: &rng)
    }

    /// Decimal-origin readings: a random walk rounded to `decimals` places, as a sensor prints them.
    static func decimalWalk(_ rng: inout SplitMix64, count: Int, decimals: Int, start: Double = 20) -> [Double] {
        var value = start
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        return (0..<count).map { _ in
            value += Double.random(in: -0.5...0.5, using: &rng)
            return (value * scale).rounded() / scale
        }
    }

    /// Adversarial float columns, by name.
    static func adversarialFloats(_ rng: inout SplitMix64, count: Int) -> [(String, [Double])] {
        let nanPayload = Double(bitPattern: 0x7FF8_0000_DEAD_BEEF)
        let signalingNaN = Double(bitPattern: 0x7FF0_0000_0000_0001)
        let specials: [Double] = [
            .infinity, -.infinity, -0.0, 0.0, signalingNaN, .nan, .leastNonzeroMagnitude,
            .greatestFiniteMagnitude, -.leastNormalMagnitude, 0.1,
        ]
        var cases: [(String, [Double])] = []
        cases.append(("constant", [Double](repeating: 3.25, count: count)))
        cases.append(("zeros", [Double](repeating: 0, count: count)))
        cases.append(("negative zeros", [Double](repeating: -0.0, count: count)))
        let alternating: [Double] = (0..<count).map { $0 % 2 == 0 ? 1.5 : -1e300 }
        cases.append(("alternating", alternating))
        let randomBits: [Double] = (0..<count).map { _ in Double(bitPattern: rng.next()) }
        cases.append(("random bits", randomBits))
        let nanRuns: [Double] = (0..<count).map { ($0 / 7) % 2 == 0 ? nanPayload : Double($0) / 10 }
        cases.append(("NaN runs", nanRuns))
        let specialRun: [Double] = (0..<count).map { specials[$0 % specials.count] }
        cases.append(("specials", specialRun))
        cases.append(("two decimals", decimalWalk(&rng, count: count, decimals: 2)))
        var mixed: [Double] = []
        for index in 0..<count {
            let noise = Double(bitPattern: rng.next() & 0x3FFF_FFFF_FFFF_FFFF)
            mixed.append(index % 5 == 0 ? noise : Double(index % 97) / 100)
        }
        cases.append(("mixed decimals and noise", mixed))
        var huge: [Double] = []
        for _ in 0..<count { huge.append(Double(Int64.random(in: -(1 << 60)...(1 << 60), using: &rng))) }
        cases.append(("huge integers", huge))
        var tiny: [Double] = []
        for _ in 0..<count { tiny.append(Double(Int.random(in: 0...500, using: &rng)) / 1e6) }
        cases.append(("tiny decimals", tiny))
        if count > 0 { cases.append(("single spike", (0..<count).map { $0 == count / 2 ? 1e12 : 1.0 })) }
        return cases
    }

    /// Adversarial timestamp columns, by name.
    static func adversarialTimestamps(_ rng: inout SplitMix64, count: Int) -> [(String, [Int64])] {
        [
            ("regular seconds", (0..<count).map { 1_700_000_000 + Int64($0) * 60 }),
            (
                "regular milliseconds with jitter",
                (0..<count).map {
                    1_700_000_000_000 + Int64($0) * 1_000 + Int64.random(in: -3...3, using: &rng)
                }
            ),
            ("huge gaps", (0..<count).map { Int64($0) * (1 << 40) + ($0 % 3 == 0 ? Int64.max / 4 : 0) }),
            ("non-monotonic", (0..<count).map { _ in Int64.random(in: 0...1_000_000, using: &rng) }),
            ("extremes", (0..<count).map { $0 % 2 == 0 ? Int64.min : Int64.max }),
            ("random bits", (0..<count).map { _ in Int64(bitPattern: rng.next()) }),
            ("constant", [Int64](repeating: -42, count: count)),
        ]
    }

    /// Encodes `columns` as one block, decodes it and returns the decoded columns.
    static func roundTrip(_ columns: [SeriesColumn], options: SeriesOptions = SeriesOptions()) throws -> SeriesBlock {
        let bytes = try SeriesBlock.encode(columns, options: options)
        return try SeriesBlock.decode(bytes)
    }

    /// The bit patterns of a float column (for exact comparison in messages).
    static func bits(_ values: [Double]) -> [UInt64] { values.map(\.bitPattern) }
}
