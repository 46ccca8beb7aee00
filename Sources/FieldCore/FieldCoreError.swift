/// An error from one of FieldCore's readers, writers or integer codecs.
///
/// Every error names what went wrong and the byte offset in the input where it was detected, so a
/// caller parsing untrusted bytes can report exactly where a message is malformed.
///
/// ```swift
/// do {
///     let value = try ByteReader.read([0x80, 0x80]) { reader throws(FieldCoreError) in
///         try reader.readLEB128()
///     }
/// } catch {
///     print(error.kind, error.offset)  // truncated(needed: 1) 2
/// }
/// ```
public struct FieldCoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Hashable, Sendable {
        /// The input ended before a value was complete; `needed` more bytes were required.
        case truncated(needed: Int)
        /// A variable-length integer used more bytes than its encoding allows.
        case varIntTooLong
        /// A variable-length integer was encoded with more bytes than necessary.
        case varIntNotMinimal
        /// A variable-length integer's value does not fit the requested integer type.
        case varIntOverflow
        /// A value is too large to be encoded in the requested format.
        case valueOutOfRange
        /// A length computed from the input was negative.
        case negativeLength(Int)
        /// A caller-provided output buffer has no room for the bytes being written.
        case bufferFull(needed: Int)
    }

    /// What went wrong.
    public var kind: Kind
    /// The byte offset, from the start of the input or output, where the problem was detected.
    public var offset: Int

    /// Creates an error of the given kind at the given byte offset.
    ///
    /// - Parameters:
    ///   - kind: What went wrong.
    ///   - offset: Where in the input or output it went wrong.
    public init(_ kind: Kind, at offset: Int) {
        self.kind = kind
        self.offset = offset
    }

    /// A one-line description naming the problem and its offset.
    public var description: String {
        switch kind {
        case .truncated(let needed): "input truncated at offset \(offset): \(needed) more byte(s) needed"
        case .varIntTooLong: "variable-length integer too long at offset \(offset)"
        case .varIntNotMinimal: "variable-length integer not minimally encoded at offset \(offset)"
        case .varIntOverflow: "variable-length integer overflows its type at offset \(offset)"
        case .valueOutOfRange: "value out of range for its encoding at offset \(offset)"
        case .negativeLength(let length): "negative length \(length) at offset \(offset)"
        case .bufferFull(let needed): "output buffer full at offset \(offset): \(needed) more byte(s) needed"
        }
    }
}
