/// A FlatBuffers vector read in place: its element count and the position of its first element,
/// validated so that every element lies inside the buffer.
///
/// ```swift
/// if let shape = try table.vector(1, elementSize: 4) {
///     for i in 0..<shape.count { print(shape.int32(at: i)) }
/// }
/// ```
public struct FlatVector {
    /// The buffer the vector lives in.
    public let buffer: FlatBuffer
    /// The absolute position of the first element.
    public let start: Int
    /// The number of elements.
    public let count: Int
    /// The size of one element in bytes.
    public let elementSize: Int

    /// Reads and validates the vector whose length prefix is at `position`.
    ///
    /// - Parameters:
    ///   - buffer: The buffer.
    ///   - position: The absolute position of the 32-bit length.
    ///   - elementSize: The size of one element.
    /// - Throws: ``FieldMLError/Code/badLength`` when the elements do not fit in the buffer.
    public init(buffer: FlatBuffer, position: Int, elementSize: Int) throws(FieldMLError) {
        let length = try buffer.load(UInt32.self, at: position)
        let bytes = Int64(length) * Int64(elementSize)
        guard elementSize > 0, bytes <= Int64(buffer.count - position - 4) else {
            throw FieldMLError(.badLength(Int64(length)), at: position)
        }
        self.buffer = buffer
        self.start = position + 4
        self.count = Int(length)
        self.elementSize = elementSize
    }

    /// The vector's bytes.
    public var rawBytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: buffer.bytes[start..<(start + count * elementSize)])
    }

    /// Reads element `index` as an integer of type `T` (which must not be larger than the element).
    ///
    /// - Parameters:
    ///   - index: The element index; must be in `0..<count`.
    ///   - type: The integer type to read.
    /// - Returns: The element.
    @inline(__always)
    public func integer<T: FixedWidthInteger>(at index: Int, as type: T.Type = T.self) -> T {
        precondition(index >= 0 && index < count && MemoryLayout<T>.size <= elementSize)
        return T(littleEndian: buffer.bytes.loadUnaligned(fromByteOffset: start + index * elementSize, as: T.self))
    }

    /// Reads element `index` as a 32-bit signed integer.
    ///
    /// - Parameter index: The element index; must be in `0..<count`.
    /// - Returns: The element.
    public func int32(at index: Int) -> Int32 { integer(at: index) }

    /// Reads element `index` as a 32-bit float.
    ///
    /// - Parameter index: The element index; must be in `0..<count`.
    /// - Returns: The element.
    public func float(at index: Int) -> Float { Float(bitPattern: integer(at: index, as: UInt32.self)) }

    /// Follows the offset stored in element `index` to a table.
    ///
    /// - Parameter index: The element index; must be in `0..<count`.
    /// - Returns: The table.
    /// - Throws: A ``FieldMLError`` when the offset or the table is malformed.
    public func table(at index: Int) throws(FieldMLError) -> FlatTable {
        precondition(index >= 0 && index < count && elementSize == 4)
        return try FlatTable(buffer: buffer, position: buffer.followOffset(at: start + index * 4))
    }

    /// Follows the offset stored in element `index` to a string.
    ///
    /// - Parameter index: The element index; must be in `0..<count`.
    /// - Returns: The string.
    /// - Throws: A ``FieldMLError`` when the offset or the length is malformed.
    public func string(at index: Int) throws(FieldMLError) -> String {
        precondition(index >= 0 && index < count && elementSize == 4)
        let position = try buffer.followOffset(at: start + index * 4)
        return try FlatVector(buffer: buffer, position: position, elementSize: 1).utf8String()
    }

    /// Decodes the vector's bytes as UTF-8, repairing invalid sequences.
    ///
    /// - Returns: The string.
    /// - Complexity: O(n) in the vector's length.
    public func utf8String() -> String {
        String(decoding: rawBytes, as: UTF8.self)
    }
}
