/// Where a buffer's bytes live inside the model file: an offset and a length, already checked
/// against the file, so constant data is read in place (from flash, on a device).
///
/// Both storage forms of the schema map here: the inline `data` vector and the `offset`/`size`
/// pair used by models whose weights follow the FlatBuffer.
///
/// ```swift
/// let weights = model.buffers[tensor.buffer]
/// print(weights.offset, weights.count)
/// ```
public struct BufferRange: Equatable, Sendable {
    /// The offset of the first byte in the model file.
    public var offset: Int
    /// The number of bytes (0 for an empty buffer, which activation tensors use).
    public var count: Int

    /// Creates a buffer range.
    ///
    /// - Parameters:
    ///   - offset: The offset of the first byte.
    ///   - count: The number of bytes.
    public init(offset: Int, count: Int) {
        self.offset = offset
        self.count = count
    }
}
