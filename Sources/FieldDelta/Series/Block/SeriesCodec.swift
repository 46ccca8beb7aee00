/// The codec a column of a series block is stored with; its raw value is the byte in the header.
///
/// ```swift
/// let info = try SeriesBlock.inspect(block)
/// print(info.columns.map(\.codec))  // [.timestampDeltaOfDelta, .decimal, .decimal]
/// ```
public enum SeriesCodec: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Timestamps: delta-of-delta, zigzag, Simple-8b packing with zero runs.
    case timestampDeltaOfDelta = 1
    /// Integers: delta, zigzag, Simple-8b packing with zero runs.
    case integerDelta = 2
    /// Floats: Gorilla XOR (VLDB 2015), a baseline.
    case gorilla = 3
    /// Floats: Chimp128 XOR (VLDB 2022), a baseline.
    case chimp128 = 4
    /// Floats: decimals as scaled integers, then delta, zigzag and Simple-8b; lossless.
    case decimal = 5
    /// Floats: quantized to a step within an absolute error bound, then delta, zigzag and Simple-8b.
    case quantized = 6
    /// Floats: 8 raw little-endian bytes each.
    case plain = 7

    /// A short lowercase name, as `fieldkit series stats` prints it.
    public var description: String {
        switch self {
        case .timestampDeltaOfDelta: "delta-of-delta"
        case .integerDelta: "integer-delta"
        case .gorilla: "gorilla"
        case .chimp128: "chimp128"
        case .decimal: "decimal"
        case .quantized: "quantized"
        case .plain: "plain"
        }
    }

    /// Whether the codec stores floating-point values.
    public var storesFloats: Bool {
        switch self {
        case .timestampDeltaOfDelta, .integerDelta: false
        default: true
        }
    }
}
