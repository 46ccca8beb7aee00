/// A FlatBuffers table read in place: a position in a ``FlatBuffer`` and its validated vtable.
///
/// Fields are addressed by their schema id (0, 1, 2, ...). A field absent from the vtable reads
/// as its default; scalars, offsets to sub-tables, vectors, strings and unions are all checked
/// against the buffer before they are returned.
///
/// ```swift
/// let table = try buffer.rootTable()
/// let version = try table.scalar(0, default: UInt32(0))
/// let codes = try table.vector(1, elementSize: 4)
/// ```
public struct FlatTable {
    /// The buffer the table lives in.
    public let buffer: FlatBuffer
    /// The absolute position of the table (its signed vtable offset).
    public let position: Int
    /// The absolute position of the table's vtable.
    public let vtable: Int
    /// The vtable's size in bytes.
    public let vtableSize: Int
    /// The table's inline size in bytes, as the vtable declares it.
    public let inlineSize: Int

    /// Reads and validates the table at `position`.
    ///
    /// - Parameters:
    ///   - buffer: The buffer.
    ///   - position: The absolute position of the table.
    /// - Throws: ``FieldMLError/Code/badVTable`` or an out-of-bounds error when the table or its
    ///   vtable does not fit in the buffer.
    public init(buffer: FlatBuffer, position: Int) throws(FieldMLError) {
        let relative = try buffer.load(Int32.self, at: position)
        let vtablePosition = Int64(position) - Int64(relative)
        guard vtablePosition >= 0, vtablePosition <= Int64(buffer.count) - 4 else {
            throw FieldMLError(.badVTable, at: position)
        }
        let vt = Int(vtablePosition)
        let size = Int(try buffer.load(UInt16.self, at: vt))
        let inline = Int(try buffer.load(UInt16.self, at: vt + 2))
        guard size >= 4, size & 1 == 0, vt + size <= buffer.count, inline >= 4 else {
            throw FieldMLError(.badVTable, at: vt)
        }
        try buffer.checkRange(position, inline)
        self.buffer = buffer
        self.position = position
        self.vtable = vt
        self.vtableSize = size
        self.inlineSize = inline
    }

    /// The absolute position of field `id` if present and `size` bytes of it fit in the table.
    ///
    /// - Parameters:
    ///   - id: The field's schema id.
    ///   - size: The field's inline size in bytes.
    /// - Returns: The position, or `nil` when the field is absent.
    /// - Throws: ``FieldMLError/Code/badVTable`` when the field lies outside the table.
    public func fieldPosition(_ id: Int, size: Int) throws(FieldMLError) -> Int? {
        let entry = 4 + 2 * id
        guard id >= 0, entry + 2 <= vtableSize else { return nil }
        let offset = Int(try buffer.load(UInt16.self, at: vtable + entry))
        if offset == 0 { return nil }
        guard offset >= 4, offset + size <= inlineSize else {
            throw FieldMLError(.badVTable, at: vtable + entry)
        }
        return position + offset
    }

    /// Whether field `id` is present.
    ///
    /// - Parameter id: The field's schema id.
    /// - Returns: `true` when the vtable has a non-zero entry for the field.
    public func has(_ id: Int) -> Bool {
        let entry = 4 + 2 * id
        guard id >= 0, entry + 2 <= vtableSize else { return false }
        return (try? buffer.load(UInt16.self, at: vtable + entry)).map { $0 != 0 } ?? false
    }

    /// Reads an integer scalar field.
    ///
    /// - Parameters:
    ///   - id: The field's schema id.
    ///   - defaultValue: The schema default, returned when the field is absent.
    /// - Returns: The value.
    /// - Throws: A ``FieldMLError`` when the field lies outside the buffer.
    public func scalar<T: FixedWidthInteger>(_ id: Int, default defaultValue: T) throws(FieldMLError) -> T {
        guard let at = try fieldPosition(id, size: MemoryLayout<T>.size) else { return defaultValue }
        return try buffer.load(T.self, at: at)
    }

    /// Reads a 32-bit float scalar field.
    ///
    /// - Parameters:
    ///   - id: The field's schema id.
    ///   - defaultValue: The schema default, returned when the field is absent.
    /// - Returns: The value.
    /// - Throws: A ``FieldMLError`` when the field lies outside the buffer.
    public func float(_ id: Int, default defaultValue: Float) throws(FieldMLError) -> Float {
        guard let at = try fieldPosition(id, size: 4) else { return defaultValue }
        return Float(bitPattern: try buffer.load(UInt32.self, at: at))
    }

    /// Reads a sub-table field.
    ///
    /// - Parameter id: The field's schema id.
    /// - Returns: The table, or `nil` when the field is absent.
    /// - Throws: A ``FieldMLError`` when the offset or the sub-table is malformed.
    public func table(_ id: Int) throws(FieldMLError) -> FlatTable? {
        guard let at = try fieldPosition(id, size: 4) else { return nil }
        return try FlatTable(buffer: buffer, position: buffer.followOffset(at: at))
    }

    /// Reads a vector field whose elements are `elementSize` bytes each.
    ///
    /// - Parameters:
    ///   - id: The field's schema id.
    ///   - elementSize: The size of one element (scalars, structs, or 4 for offsets).
    /// - Returns: The vector, or `nil` when the field is absent.
    /// - Throws: A ``FieldMLError`` when the offset or the length is malformed.
    public func vector(_ id: Int, elementSize: Int) throws(FieldMLError) -> FlatVector? {
        guard let at = try fieldPosition(id, size: 4) else { return nil }
        return try FlatVector(buffer: buffer, position: buffer.followOffset(at: at), elementSize: elementSize)
    }

    /// Reads a string field (UTF-8; invalid sequences are repaired).
    ///
    /// - Parameter id: The field's schema id.
    /// - Returns: The string, or `nil` when the field is absent.
    /// - Throws: A ``FieldMLError`` when the offset or the length is malformed.
    /// - Complexity: O(n) in the string's length.
    public func string(_ id: Int) throws(FieldMLError) -> String? {
        guard let vector = try vector(id, elementSize: 1) else { return nil }
        return vector.utf8String()
    }

    /// Reads a union: its type field `id` and its value (a table) in field `id + 1`.
    ///
    /// - Parameter id: The schema id of the union's type field.
    /// - Returns: The type tag and the value table; the table is `nil` when absent or when the tag
    ///   is 0 (NONE).
    /// - Throws: A ``FieldMLError`` when the value offset or table is malformed.
    public func union(_ id: Int) throws(FieldMLError) -> (type: UInt8, value: FlatTable?) {
        let type: UInt8 = try scalar(id, default: 0)
        if type == 0 { return (0, nil) }
        return (type, try table(id + 1))
    }
}
