extension SeriesBlock {
    /// Encodes whole columns as one block.
    ///
    /// Timestamps use delta-of-delta, integers delta, floats the codec `options` selects (the
    /// smallest exact one per block by default). `options.blockSize` does not apply: the block holds
    /// every point given, up to ``SeriesOptions/maximumBlockSize``.
    ///
    /// ```swift
    /// let bytes = try SeriesBlock.encode([.timestamps(times), .floats(temperatures)])
    /// ```
    ///
    /// - Parameters:
    ///   - columns: 1...255 columns of equal length, 1...65,536 points each.
    ///   - options: The float codec and the optional lossy bound.
    /// - Returns: The block's bytes.
    /// - Throws: `SeriesError` with kind `invalidArgument` for no columns, too many, unequal
    ///   lengths, an empty or oversized block, or invalid options.
    /// - Complexity: O(points × columns).
    public static func encode(
        _ columns: [SeriesColumn], options: SeriesOptions = SeriesOptions()
    ) throws(SeriesError)
        -> [UInt8]
    {
        try options.validate()
        guard let first = columns.first, columns.count <= BlockAssembler.maximumColumnCount else {
            throw SeriesError(.invalidArgument, at: 0)
        }
        let pointCount = first.count
        guard pointCount >= 1, pointCount <= SeriesOptions.maximumBlockSize,
            columns.allSatisfy({ $0.count == pointCount })
        else { throw SeriesError(.invalidArgument, at: 0) }
        var assembler = BlockAssembler(pointCount: pointCount, expectedBytes: pointCount * columns.count * 2)
        for column in columns {
            switch column {
            case .timestamps(let values): values.withUnsafeBufferPointer { assembler.appendTimestamps($0) }
            case .integers(let values): values.withUnsafeBufferPointer { assembler.appendIntegers($0) }
            case .floats(let values):
                values.withUnsafeBufferPointer { assembler.appendFloats($0, options: options) }
            }
        }
        return assembler.finish()
    }
}
