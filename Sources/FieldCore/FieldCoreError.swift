/// An error from one of FieldCore's readers, writers or integer codecs.
///
/// Every FieldKit error has the same shape: a ``code`` that says what kind of problem it is (a
/// struct over a private enum, so a new code in a later release never breaks a `switch`), the byte
/// ``offset`` where it was detected when there is one, the normative ``rule`` the input broke when a
/// specification has one, and a ``description`` that names what is wrong.
///
/// ```swift
/// do {
///     let value = try ByteReader.read([0x80, 0x80]) { reader throws(FieldCoreError) in
///         try reader.readLEB128()
///     }
/// } catch {
///     print(error)  // "input truncated at offset 2: 1 more byte(s) needed"
///     if error.code == .truncated { print(error.needed ?? 0) }  // 1
/// }
/// ```
public struct FieldCoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem an error reports.
    ///
    /// Compare with `==` or match in a `switch` with `case .truncated:`; always add a `default:`,
    /// since later releases may add codes.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Backing: String, Hashable, Sendable {
            case truncated, varIntTooLong, varIntNotMinimal, varIntOverflow
            case valueOutOfRange, negativeLength, bufferFull
        }

        private let backing: Backing

        private init(_ backing: Backing) { self.backing = backing }

        /// The input ended before a value was complete (``FieldCoreError/needed`` says by how much).
        public static let truncated = Code(.truncated)
        /// A variable-length integer used more bytes than its encoding allows.
        public static let varIntTooLong = Code(.varIntTooLong)
        /// A variable-length integer was encoded with more bytes than necessary.
        public static let varIntNotMinimal = Code(.varIntNotMinimal)
        /// A variable-length integer's value does not fit the requested integer type.
        public static let varIntOverflow = Code(.varIntOverflow)
        /// A value is too large to be encoded in the requested format.
        public static let valueOutOfRange = Code(.valueOutOfRange)
        /// A length computed from the input was negative.
        public static let negativeLength = Code(.negativeLength)
        /// A caller-provided output buffer has no room for the bytes being written.
        public static let bufferFull = Code(.bufferFull)

        /// The code's name, as written in source (`truncated`).
        public var description: String { backing.rawValue }
    }

    /// What kind of problem this is.
    public var code: Code
    /// The byte offset, from the start of the input or output, where the problem was detected, or
    /// `nil` when the problem is not tied to a position.
    public var offset: Int?
    /// For ``Code/truncated`` and ``Code/bufferFull``: how many more bytes were needed.
    /// For ``Code/negativeLength``: the negative length. Otherwise `nil`.
    public var needed: Int?
    /// The specification rule the input broke (for example `"MQTT 5.0 §1.5.5"`), when there is one.
    public var rule: String?

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: What kind of problem it is.
    ///   - offset: Where in the input or output it was detected, or `nil`.
    ///   - needed: How many more bytes were needed (see ``needed``), or `nil`.
    ///   - rule: The specification rule the input broke, or `nil`.
    public init(_ code: Code, at offset: Int?, needed: Int? = nil, rule: String? = nil) {
        self.code = code
        self.offset = offset
        self.needed = needed
        self.rule = rule
    }

    /// A one-line description naming the problem, its offset and the rule it broke.
    public var description: String {
        var text: String
        switch code {
        case .truncated: text = "input truncated"
        case .varIntTooLong: text = "variable-length integer too long"
        case .varIntNotMinimal: text = "variable-length integer not minimally encoded"
        case .varIntOverflow: text = "variable-length integer overflows its type"
        case .valueOutOfRange: text = "value out of range for its encoding"
        case .negativeLength: text = "negative length \(needed ?? 0)"
        case .bufferFull: text = "output buffer full"
        default: text = "\(code)"
        }
        if let offset { text += " at offset \(offset)" }
        if let needed, code == .truncated || code == .bufferFull { text += ": \(needed) more byte(s) needed" }
        if let rule { text += " (\(rule))" }
        return text
    }
}
