/// Builds series blocks row by row, in fixed memory: the device-side streaming encoder.
///
/// Rows go into preallocated per-column buffers of `blockSize` points (8 bytes per value); when
/// they fill, `append(timestamp:values:)` returns the finished block and starts the next. The
/// memory per column is fixed by the block size and never grows with the length of the stream.
///
/// ```swift
/// var encoder = try SeriesEncoder(valueColumnCount: 2)
/// for reading in readings {
///     if let block = try encoder.append(timestamp: reading.time, values: [reading.pm25, reading.pm10]) {
///         uplink.send(block)
///     }
/// }
/// if let last = encoder.flush() { uplink.send(last) }
/// ```
public struct SeriesEncoder: Sendable {
    /// The options blocks are built with.
    public let options: SeriesOptions
    /// The number of float columns per row (the timestamp is extra).
    public let valueColumnCount: Int
    private var timestamps: [Int64]
    /// Column-major: column `c` occupies `c * blockSize ..< (c + 1) * blockSize`.
    private var storage: [Double]
    /// Rows buffered for the current block.
    public private(set) var pendingRowCount = 0

    /// Creates an encoder for rows of one timestamp and `valueColumnCount` floats.
    ///
    /// - Parameters:
    ///   - valueColumnCount: Float columns per row, 0...254.
    ///   - options: Block size, float codec and lossy bound.
    /// - Throws: `SeriesError` with kind `invalidArgument` for a bad column count or options.
    /// - Complexity: O(blockSize × columns), to allocate the buffers once.
    public init(valueColumnCount: Int, options: SeriesOptions = SeriesOptions()) throws(SeriesError) {
        try options.validate()
        guard valueColumnCount >= 0 && valueColumnCount < BlockAssembler.maximumColumnCount else {
            throw SeriesError(.invalidArgument, at: 0)
        }
        self.options = options
        self.valueColumnCount = valueColumnCount
        timestamps = [Int64](repeating: 0, count: options.blockSize)
        storage = [Double](repeating: 0, count: options.blockSize * valueColumnCount)
    }

    /// Adds one row; returns a finished block when this row fills it.
    ///
    /// - Parameters:
    ///   - timestamp: The row's time, in the unit the application chose (seconds, milliseconds).
    ///   - values: Exactly `valueColumnCount` readings.
    /// - Returns: The encoded block when it became full, otherwise nil.
    /// - Throws: `SeriesError` with kind `invalidArgument` when `values` has the wrong count.
    /// - Complexity: O(columns), plus O(blockSize × columns) when a block is finished.
    public mutating func append(timestamp: Int64, values: [Double]) throws(SeriesError) -> [UInt8]? {
        let result: Result<[UInt8]?, SeriesError> = values.withUnsafeBufferPointer { buffer in
            do throws(SeriesError) {
                return .success(try append(timestamp: timestamp, values: buffer))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Adds one row from borrowed memory (no array needed); returns a finished block when full.
    ///
    /// ```swift
    /// var reading = (pm25: 12.5, pm10: 20.25)
    /// let block = try withUnsafeBytes(of: &reading) { raw in
    ///     try encoder.append(timestamp: now, values: raw.bindMemory(to: Double.self))
    /// }
    /// ```
    ///
    /// - Parameters:
    ///   - timestamp: The row's time.
    ///   - values: Exactly `valueColumnCount` readings.
    /// - Returns: The encoded block when it became full, otherwise nil.
    /// - Throws: `SeriesError` with kind `invalidArgument` when `values` has the wrong count.
    /// - Complexity: O(columns), plus O(blockSize × columns) when a block is finished.
    public mutating func append(
        timestamp: Int64, values: UnsafeBufferPointer<Double>
    ) throws(SeriesError)
        -> [UInt8]?
    {
        guard values.count == valueColumnCount else { throw SeriesError(.invalidArgument, at: 0) }
        let blockSize = options.blockSize
        let position = pendingRowCount
        timestamps[position] = timestamp
        storage.withUnsafeMutableBufferPointer { buffer in
            for column in 0..<values.count {
                buffer[column &* blockSize &+ position] = values[column]
            }
        }
        pendingRowCount += 1
        return pendingRowCount == blockSize ? flush() : nil
    }

    /// Encodes the buffered rows as a (possibly short) block and empties the buffers.
    ///
    /// - Returns: The block, or nil when no rows are buffered.
    /// - Complexity: O(rows × columns).
    public mutating func flush() -> [UInt8]? {
        let rows = pendingRowCount
        if rows == 0 { return nil }
        pendingRowCount = 0
        let blockSize = options.blockSize
        var assembler = BlockAssembler(pointCount: rows, expectedBytes: rows * (valueColumnCount + 1) * 2)
        timestamps.withUnsafeBufferPointer { assembler.appendTimestamps(UnsafeBufferPointer(rebasing: $0[0..<rows])) }
        storage.withUnsafeBufferPointer { all in
            for column in 0..<valueColumnCount {
                let start = column * blockSize
                assembler.appendFloats(UnsafeBufferPointer(rebasing: all[start..<(start + rows)]), options: options)
            }
        }
        return assembler.finish()
    }
}
