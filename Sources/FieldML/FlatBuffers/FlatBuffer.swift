/// A bounds-checked, read-only view of a FlatBuffers buffer, read in place without code generation.
///
/// FieldML reads `.tflite` files with it: every offset, vtable, vector length and string is checked
/// against the buffer before use, and a malformed buffer produces a ``FieldMLError`` naming the
/// problem and its byte offset. Nothing is copied: tables, vectors and strings are views of the
/// caller's memory, which must stay alive and unchanged while the view is used.
///
/// ```swift
/// bytes.withUnsafeBytes { raw in
///     let buffer = FlatBuffer(raw)
///     if let root = try? buffer.rootTable() {
///         let version: UInt32? = try? root.scalar(0, default: 0)
///     }
/// }
/// ```
public struct FlatBuffer {
    /// The bytes being read.
    public let bytes: UnsafeRawBufferPointer

    /// Creates a reader over `bytes`.
    ///
    /// - Parameter bytes: The whole FlatBuffer; it must outlive the reader and its views.
    public init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// The number of bytes in the buffer.
    public var count: Int { bytes.count }

    /// Checks that `size` bytes starting at `position` lie inside the buffer.
    ///
    /// - Parameters:
    ///   - position: The first byte.
    ///   - size: How many bytes.
    /// - Throws: ``FieldMLError/Code/outOfBounds`` at `position` when they do not.
    @inline(__always)
    public func checkRange(_ position: Int, _ size: Int) throws(FieldMLError) {
        guard position >= 0, size >= 0, position <= bytes.count, size <= bytes.count - position else {
            throw FieldMLError(.outOfBounds(size: size), at: position)
        }
    }

    /// Reads a little-endian integer at `position`.
    ///
    /// - Parameters:
    ///   - type: The integer type to read.
    ///   - position: The byte offset of the integer.
    /// - Returns: The integer.
    /// - Throws: ``FieldMLError/Code/outOfBounds`` when it does not fit in the buffer.
    @inline(__always)
    public func load<T: FixedWidthInteger>(_ type: T.Type, at position: Int) throws(FieldMLError) -> T {
        try checkRange(position, MemoryLayout<T>.size)
        return T(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: T.self))
    }

    /// Follows a 32-bit unsigned offset stored at `position` and returns the absolute position it
    /// points to.
    ///
    /// - Parameter position: Where the offset is stored.
    /// - Returns: `position + offset`, checked to lie inside the buffer.
    /// - Throws: ``FieldMLError/Code/badOffset`` when the target is outside the buffer.
    public func followOffset(at position: Int) throws(FieldMLError) -> Int {
        let offset = try load(UInt32.self, at: position)
        let target = Int64(position) + Int64(offset)
        guard offset != 0, target < Int64(bytes.count) else {
            throw FieldMLError(.badOffset(Int64(offset)), at: position)
        }
        return Int(target)
    }

    /// Reads the four-character file identifier at bytes 4..<8, if the buffer is long enough.
    ///
    /// - Returns: The identifier bytes, or `nil` when the buffer is shorter than 8 bytes.
    public func fileIdentifier() -> (UInt8, UInt8, UInt8, UInt8)? {
        guard bytes.count >= 8 else { return nil }
        return (bytes[4], bytes[5], bytes[6], bytes[7])
    }

    /// Reads the root table the buffer's first four bytes point to.
    ///
    /// - Returns: The root table.
    /// - Throws: A ``FieldMLError`` when the root offset or its vtable is malformed.
    public func rootTable() throws(FieldMLError) -> FlatTable {
        try FlatTable(buffer: self, position: followOffset(at: 0))
    }
}
