/// How a series encoder builds blocks: block size, float codec choice and optional lossy bound.
///
/// The defaults (1,024 points per block, automatic codec, lossless) suit sensor readings; set
/// `absoluteErrorBound` to trade exactness for size.
///
/// ```swift
/// var options = SeriesOptions()
/// options.absoluteErrorBound = 0.05   // every decoded value within ±0.05 of the original
/// var encoder = try SeriesEncoder(valueColumnCount: 3, options: options)
/// ```
public struct SeriesOptions: Sendable, Hashable {
    /// Which float codec a block uses.
    public enum FloatCodec: Sendable, Hashable {
        /// Per block, the smallest of the decimal codec (or quantized in lossy mode), Chimp128 and
        /// plain, tried in order of expected size.
        case automatic
        /// Always Gorilla (baseline).
        case gorilla
        /// Always Chimp128 (baseline).
        case chimp128
        /// Always the decimal codec (values that are not short decimals become exceptions).
        case decimal
        /// Always 8 raw bytes per value.
        case plain
    }

    /// The largest number of points a block may hold.
    public static let maximumBlockSize = 65_536

    /// Points per block, 1...``maximumBlockSize``; default 1,024.
    public var blockSize: Int
    /// The float codec; default ``FloatCodec/automatic``.
    public var floatCodec: FloatCodec
    /// When set (finite, greater than 0), float columns may be quantized so that every decoded value
    /// is within this absolute distance of the original; NaN and infinities stay exact. Nil (the
    /// default) means lossless.
    public var absoluteErrorBound: Double?

    /// Creates options.
    ///
    /// - Parameters:
    ///   - blockSize: Points per block (default 1,024).
    ///   - floatCodec: The float codec (default automatic).
    ///   - absoluteErrorBound: The lossy bound, or nil for lossless (the default).
    public init(blockSize: Int = 1_024, floatCodec: FloatCodec = .automatic, absoluteErrorBound: Double? = nil) {
        self.blockSize = blockSize
        self.floatCodec = floatCodec
        self.absoluteErrorBound = absoluteErrorBound
    }

    /// Checks the options; throws `invalidArgument` when the block size or bound is out of range.
    func validate() throws(SeriesError) {
        guard blockSize >= 1 && blockSize <= Self.maximumBlockSize else {
            throw SeriesError(.invalidArgument, at: 0)
        }
        if let bound = absoluteErrorBound {
            guard bound.isFinite && bound > 0 else { throw SeriesError(.invalidArgument, at: 0) }
        }
    }
}
