/// A bounds-checked cursor over borrowed bytes.
///
/// Every read checks the remaining length first and throws a ``FieldCoreError`` carrying the
/// offset when the input is too short: reading past the end is an error, never a trap. Views
/// returned by ``readBytes(count:)`` borrow the input; they are valid as long as the buffer the
/// reader was created over.
///
/// ```swift
/// let header: (UInt8, UInt32) = try ByteReader.read(packet) { reader throws(FieldCoreError) in
///     (try reader.readUInt8(), try reader.readVariableByteInteger())
/// }
/// ```
public struct ByteReader {
    /// The bytes being read.
    public let bytes: UnsafeRawBufferPointer
    /// The position of the next byte to read, relative to the start of ``bytes``.
    @inlinable
    public var position: Int { cursor }

    @usableFromInline
    internal var cursor: Int
    /// Added to ``position`` in error offsets, so a reader over part of a larger input reports
    /// offsets into the whole input.
    public let baseOffset: Int

    /// Creates a reader over borrowed bytes.
    ///
    /// - Parameters:
    ///   - bytes: The input. It must stay valid while the reader and its views are used.
    ///   - baseOffset: The offset of `bytes` within a larger input, used in error offsets.
    @inlinable
    public init(_ bytes: UnsafeRawBufferPointer, baseOffset: Int = 0) {
        self.bytes = bytes
        self.cursor = 0
        self.baseOffset = baseOffset
    }

    /// Runs `body` with a reader over the bytes of an array.
    ///
    /// - Parameters:
    ///   - array: The input.
    ///   - body: The code that reads; the reader must not escape it.
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws.
    @inlinable
    public static func read<Result, Failure: Error>(
        _ array: [UInt8],
        _ body: (inout ByteReader) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let result: Swift.Result<Result, Failure> = array.withUnsafeBytes { raw in
            var reader = ByteReader(raw)
            do throws(Failure) {
                return .success(try body(&reader))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// The number of bytes not yet read.
    @inlinable
    public var remaining: Int { bytes.count - position }

    /// Whether every byte has been read.
    @inlinable
    public var isAtEnd: Bool { position >= bytes.count }

    /// The offset of the next byte within the whole input (``baseOffset`` plus ``position``).
    @inlinable
    public var offset: Int { baseOffset + position }

    @inlinable
    internal func require(_ count: Int) throws(FieldCoreError) {
        if count < 0 { throw FieldCoreError(.negativeLength, at: offset, needed: count) }
        if count > remaining {
            throw FieldCoreError(.truncated, at: offset, needed: count - remaining)
        }
    }

    /// Reads one byte.
    ///
    /// - Returns: The byte.
    /// - Throws: ``FieldCoreError/Code/truncated`` at the end of the input.
    @inlinable
    public mutating func readUInt8() throws(FieldCoreError) -> UInt8 {
        try require(1)
        let value = bytes[position]
        cursor += 1
        return value
    }

    /// Returns the next byte without consuming it, or `nil` at the end of the input.
    @inlinable
    public func peekUInt8() -> UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    /// Reads a fixed-width integer in the given byte order.
    ///
    /// - Parameters:
    ///   - type: The integer type.
    ///   - endianness: The byte order on the wire.
    /// - Returns: The integer.
    /// - Throws: ``FieldCoreError/Code/truncated`` when fewer bytes remain than the type has.
    @inlinable
    public mutating func readInteger<T: FixedWidthInteger>(
        _ type: T.Type = T.self,
        endianness: Endianness = .big
    ) throws(FieldCoreError) -> T {
        let size = MemoryLayout<T>.size
        try require(size)
        let raw = bytes.loadUnaligned(fromByteOffset: position, as: T.self)
        cursor += size
        return endianness == .big ? T(bigEndian: raw) : T(littleEndian: raw)
    }

    /// Reads a big-endian 16-bit unsigned integer (MQTT's two-byte integer).
    ///
    /// - Returns: The integer.
    /// - Throws: ``FieldCoreError/Code/truncated`` when fewer than 2 bytes remain.
    @inlinable
    public mutating func readUInt16() throws(FieldCoreError) -> UInt16 {
        try readInteger(UInt16.self, endianness: .big)
    }

    /// Reads a big-endian 32-bit unsigned integer (MQTT's four-byte integer).
    ///
    /// - Returns: The integer.
    /// - Throws: ``FieldCoreError/Code/truncated`` when fewer than 4 bytes remain.
    @inlinable
    public mutating func readUInt32() throws(FieldCoreError) -> UInt32 {
        try readInteger(UInt32.self, endianness: .big)
    }

    /// Reads `count` bytes as a view that borrows the input (no copy).
    ///
    /// - Parameter count: How many bytes.
    /// - Returns: A view of the bytes, valid as long as the reader's input.
    /// - Throws: ``FieldCoreError/Code/truncated`` when fewer than `count` bytes remain,
    ///   ``FieldCoreError/Code/negativeLength`` when `count` is negative.
    @inlinable
    public mutating func readBytes(count: Int) throws(FieldCoreError) -> UnsafeRawBufferPointer {
        try require(count)
        let view = UnsafeRawBufferPointer(rebasing: bytes[position..<(position + count)])
        cursor += count
        return view
    }

    /// Reads `count` bytes into a new array.
    ///
    /// - Parameter count: How many bytes.
    /// - Returns: A copy of the bytes.
    /// - Throws: ``FieldCoreError/Code/truncated`` when fewer than `count` bytes remain.
    @inlinable
    public mutating func readArray(count: Int) throws(FieldCoreError) -> [UInt8] {
        Array(try readBytes(count: count))
    }

    /// Splits off the next `count` bytes as a reader of their own (for length-prefixed sections).
    ///
    /// - Parameter count: The section's length.
    /// - Returns: A reader over exactly those bytes, reporting offsets into the whole input.
    /// - Throws: ``FieldCoreError/Code/truncated`` when fewer than `count` bytes remain.
    @inlinable
    public mutating func readReader(count: Int) throws(FieldCoreError) -> ByteReader {
        let start = offset
        return ByteReader(try readBytes(count: count), baseOffset: start)
    }

    /// Skips `count` bytes.
    ///
    /// - Parameter count: How many bytes.
    /// - Throws: ``FieldCoreError/Code/truncated`` when fewer than `count` bytes remain.
    @inlinable
    public mutating func skip(_ count: Int) throws(FieldCoreError) {
        try require(count)
        cursor += count
    }
}
