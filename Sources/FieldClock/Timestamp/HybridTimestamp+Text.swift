extension HybridTimestamp {
    /// The number of characters in the fixed-width text form.
    public static let textLength = 38

    /// The fixed-width text form: 15 decimal digits of milliseconds, a dash, 5 decimal digits of
    /// counter, a dash and 16 lowercase hexadecimal digits of node id.
    ///
    /// Every field is zero-padded to a fixed width, so byte-wise (lexicographic) comparison of two
    /// texts gives the same order as comparing the timestamps, for every representable timestamp
    /// (through the year 10889), unlike decimal forms that stop sorting when a digit is added.
    ///
    /// ```swift
    /// HybridTimestamp(physical: 1_700_000_000_000, logical: 3, node: 0xAB).text
    /// // "001700000000000-00003-00000000000000ab"
    /// ```
    public var text: String {
        String(unsafeUninitializedCapacity: HybridTimestamp.textLength) { buffer in
            writeText(into: UnsafeMutableRawBufferPointer(buffer))
        }
    }

    /// Writes the fixed-width text form (``textLength`` ASCII bytes) into a caller's buffer.
    ///
    /// Allocation-free, for devices that log timestamps into a fixed buffer.
    ///
    /// ```swift
    /// var line = [UInt8](repeating: 0, count: HybridTimestamp.textLength)
    /// line.withUnsafeMutableBytes { _ = t.writeText(into: $0) }
    /// ```
    ///
    /// - Parameter buffer: At least ``textLength`` bytes.
    /// - Returns: The number of bytes written: ``textLength``, or 0 if the buffer is too small.
    @discardableResult
    public func writeText(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard buffer.count >= HybridTimestamp.textLength else { return 0 }
        var value = physical
        for index in stride(from: 14, through: 0, by: -1) {
            buffer[index] = UInt8(truncatingIfNeeded: value % 10) &+ 0x30
            value /= 10
        }
        buffer[15] = 0x2D
        var counter = logical
        for index in stride(from: 20, through: 16, by: -1) {
            buffer[index] = UInt8(truncatingIfNeeded: counter % 10) &+ 0x30
            counter /= 10
        }
        buffer[21] = 0x2D
        let hexDigits: StaticString = "0123456789abcdef"
        var id = node
        for index in stride(from: 37, through: 22, by: -1) {
            buffer[index] = hexDigits.utf8Start[Int(id & 0xF)]
            id >>= 4
        }
        return HybridTimestamp.textLength
    }

    /// Parses the fixed-width text form produced by ``text``.
    ///
    /// The input must be exactly ``textLength`` ASCII characters: 15 decimal digits, `-`,
    /// 5 decimal digits, `-`, 16 lowercase hexadecimal digits.
    ///
    /// ```swift
    /// let t = try HybridTimestamp(text: "001700000000000-00003-00000000000000ab")
    /// ```
    ///
    /// - Parameter text: The text form.
    /// - Throws: ``FieldClockError/malformedText(offset:)`` naming the first offending character
    ///   (or the length when the input is too short or long), or
    ///   ``FieldClockError/physicalTimeOutOfRange(_:)`` when the milliseconds exceed 48 bits.
    public init(text: String) throws(FieldClockError) {
        var copy = text
        let parsed: Result<HybridTimestamp, FieldClockError> = copy.withUTF8 { bytes in
            do throws(FieldClockError) {
                return .success(try HybridTimestamp(textBytes: UnsafeRawBufferPointer(bytes)))
            } catch {
                return .failure(error)
            }
        }
        self = try parsed.get()
    }

    /// Parses the fixed-width text form from raw ASCII bytes.
    ///
    /// ```swift
    /// let t = try bytes.withUnsafeBytes { try HybridTimestamp(textBytes: $0) }
    /// ```
    ///
    /// - Parameter bytes: Exactly ``textLength`` bytes.
    /// - Throws: As ``init(text:)``.
    public init(textBytes bytes: UnsafeRawBufferPointer) throws(FieldClockError) {
        guard bytes.count == HybridTimestamp.textLength else {
            throw .malformedText(offset: min(bytes.count, HybridTimestamp.textLength))
        }
        var physical: UInt64 = 0
        for index in 0..<15 {
            let digit = bytes[index] &- 0x30
            guard digit < 10 else { throw .malformedText(offset: index) }
            physical = physical * 10 + UInt64(digit)  // 15 digits cannot overflow 64 bits
        }
        guard bytes[15] == 0x2D else { throw .malformedText(offset: 15) }
        var counter: UInt32 = 0
        for index in 16..<21 {
            let digit = bytes[index] &- 0x30
            guard digit < 10 else { throw .malformedText(offset: index) }
            counter = counter * 10 + UInt32(digit)
        }
        guard counter <= UInt32(UInt16.max) else { throw .malformedText(offset: 16) }
        guard bytes[21] == 0x2D else { throw .malformedText(offset: 21) }
        var node: UInt64 = 0
        for index in 22..<38 {
            let byte = bytes[index]
            let nibble: UInt8
            if byte &- 0x30 < 10 {
                nibble = byte &- 0x30
            } else if byte &- 0x61 < 6 {
                nibble = byte &- 0x61 &+ 10
            } else {
                throw .malformedText(offset: index)
            }
            node = node << 4 | UInt64(nibble)
        }
        try self.init(validatingPhysical: physical, logical: UInt16(counter), node: node)
    }
}

extension HybridTimestamp {
    /// The fixed-width ``text`` form, for example `001700000000000-00003-00000000000000ab`.
    public var description: String { text }
}
