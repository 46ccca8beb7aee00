/// One column of a series block: timestamps, integers or floating-point readings.
///
/// Equality compares floats by their bit patterns, so NaN payloads, -0.0 and infinities count as
/// equal only when they round-trip exactly.
///
/// ```swift
/// let columns: [SeriesColumn] = [
///     .timestamps([1_700_000_000, 1_700_000_060]),
///     .floats([21.5, 21.25]),
/// ]
/// let block = try SeriesBlock.encode(columns)
/// ```
public enum SeriesColumn: Sendable, Equatable {
    /// Timestamps in any unit (seconds, milliseconds): stored as delta-of-deltas.
    case timestamps([Int64])
    /// Integer readings (counters, raw ADC values): stored as deltas.
    case integers([Int64])
    /// Floating-point readings: stored with a float codec chosen per block.
    case floats([Double])

    /// The number of points in the column.
    public var count: Int {
        switch self {
        case .timestamps(let values), .integers(let values): values.count
        case .floats(let values): values.count
        }
    }

    /// Compares two columns; floats compare by bit pattern.
    ///
    /// - Parameters:
    ///   - lhs: A column.
    ///   - rhs: Another column.
    /// - Returns: Whether both have the same kind and bit-identical values.
    /// - Complexity: O(n).
    public static func == (lhs: SeriesColumn, rhs: SeriesColumn) -> Bool {
        switch (lhs, rhs) {
        case (.timestamps(let a), .timestamps(let b)), (.integers(let a), .integers(let b)): a == b
        case (.floats(let a), .floats(let b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern }
        default: false
        }
    }
}
