/// What a block holds, read from its header without decoding the columns.
///
/// ```swift
/// let info = try SeriesBlock.inspect(block)
/// for column in info.columns {
///     print(column.codec, Double(column.payloadByteCount) / Double(info.pointCount))
/// }
/// ```
public struct SeriesBlockInfo: Sendable, Hashable {
    /// One column's codec and size.
    public struct Column: Sendable, Hashable {
        /// The codec the column is stored with.
        public var codec: SeriesCodec
        /// The bytes of the column's payload (excluding its header entry).
        public var payloadByteCount: Int
    }

    /// The number of points (rows) in the block.
    public var pointCount: Int
    /// The whole block's size in bytes, header and checksum included.
    public var byteCount: Int
    /// The columns, in order.
    public var columns: [Column]
}
