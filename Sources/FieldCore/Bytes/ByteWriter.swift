/// A bounds-checked cursor that writes into a caller-provided buffer, without allocating.
///
/// Writing past the end of the buffer throws ``FieldCoreError/Code/bufferFull``; nothing
/// is written beyond it. Use it to encode packets straight into a transmit buffer on a device.
///
/// ```swift
/// var storage = [UInt8](repeating: 0, count: 16)
/// let written = try storage.withUnsafeMutableBytes { buffer throws(FieldCoreError) in
///     var writer = ByteWriter(buffer)
///     try writer.writeUInt8(0x30)
///     try writer.writeVariableByteInteger(200)
///     return writer.count
/// }
/// ```
public struct ByteWriter {
    /// The buffer being written.
    public let buffer: UnsafeMutableRawBufferPointer
    /// The number of bytes written so far.
    @inlinable
    public var count: Int { written }

    @usableFromInline
    internal var written: Int = 0

    /// Creates a writer over a caller-provided buffer.
    ///
    /// - Parameter buffer: The destination; it must stay valid while the writer is used.
    @inlinable
    public init(_ buffer: UnsafeMutableRawBufferPointer) {
        self.buffer = buffer
    }

    /// The number of bytes that can still be written.
    @inlinable
    public var available: Int { buffer.count - written }

    @inlinable
    internal func require(_ needed: Int) throws(FieldCoreError) {
        if needed > available {
            throw FieldCoreError(.bufferFull, at: written, needed: needed - available)
        }
    }

    /// Writes one byte.
    ///
    /// - Parameter value: The byte.
    /// - Throws: ``FieldCoreError/Code/bufferFull`` when the buffer is full.
    @inlinable
    public mutating func writeUInt8(_ value: UInt8) throws(FieldCoreError) {
        try require(1)
        buffer[written] = value
        written += 1
    }

    /// Writes a fixed-width integer in the given byte order.
    ///
    /// - Parameters:
    ///   - value: The integer.
    ///   - endianness: The byte order on the wire.
    /// - Throws: ``FieldCoreError/Code/bufferFull`` when the buffer has no room.
    @inlinable
    public mutating func writeInteger<T: FixedWidthInteger>(
        _ value: T,
        endianness: Endianness = .big
    ) throws(FieldCoreError) {
        let size = MemoryLayout<T>.size
        try require(size)
        let ordered = endianness == .big ? value.bigEndian : value.littleEndian
        buffer.storeBytes(of: ordered, toByteOffset: written, as: T.self)
        written += size
    }

    /// Writes bytes.
    ///
    /// - Parameter bytes: The bytes to copy.
    /// - Throws: ``FieldCoreError/Code/bufferFull`` when the buffer has no room.
    @inlinable
    public mutating func writeBytes(_ bytes: UnsafeRawBufferPointer) throws(FieldCoreError) {
        try require(bytes.count)
        if let source = bytes.baseAddress, bytes.count > 0 {
            (buffer.baseAddress! + written).copyMemory(from: source, byteCount: bytes.count)
        }
        written += bytes.count
    }

    /// Writes the bytes of an array.
    ///
    /// - Parameter bytes: The bytes to copy.
    /// - Throws: ``FieldCoreError/Code/bufferFull`` when the buffer has no room.
    @inlinable
    public mutating func writeBytes(_ bytes: [UInt8]) throws(FieldCoreError) {
        try require(bytes.count)
        for byte in bytes {
            buffer[written] = byte
            written += 1
        }
    }
}

extension Array where Element == UInt8 {
    /// Appends a fixed-width integer in the given byte order.
    ///
    /// - Parameters:
    ///   - value: The integer.
    ///   - endianness: The byte order on the wire.
    @inlinable
    public mutating func appendInteger<T: FixedWidthInteger>(_ value: T, endianness: Endianness = .big) {
        let size = MemoryLayout<T>.size
        for i in 0..<size {
            let shift = endianness == .big ? (size - 1 - i) * 8 : i * 8
            append(UInt8(truncatingIfNeeded: value >> shift))
        }
    }
}
