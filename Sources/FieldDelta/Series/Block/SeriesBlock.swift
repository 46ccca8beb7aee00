/// A decoded block of a time series: up to ``SeriesOptions/maximumBlockSize`` points in columns.
///
/// A block is self-describing: a header names the point count and, for each column, its codec and
/// payload size; a CRC-32C covers everything. Use ``encode(_:options:)`` to build one from whole
/// columns, ``SeriesEncoder`` to build them row by row on a device, and ``decode(_:maximumPointCount:)``
/// on the receiving side.
///
/// ```swift
/// let bytes = try SeriesBlock.encode([.timestamps(times), .floats(pm25)])
/// let block = try SeriesBlock.decode(bytes)
/// assert(block.columns[1] == .floats(pm25))   // bit-exact
/// ```
public struct SeriesBlock: Sendable, Equatable {
    /// The number of points (rows) in every column.
    public var pointCount: Int
    /// The columns, in the order they were encoded.
    public var columns: [SeriesColumn]

    /// Creates a block value from decoded columns.
    ///
    /// - Parameters:
    ///   - pointCount: The number of points per column.
    ///   - columns: The columns.
    public init(pointCount: Int, columns: [SeriesColumn]) {
        self.pointCount = pointCount
        self.columns = columns
    }
}
