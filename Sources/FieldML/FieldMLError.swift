/// An error from FieldML: a malformed FlatBuffer, an invalid or unsupported model, or a misuse of
/// the interpreter.
///
/// Every error says what is wrong; errors found while reading bytes also carry the byte offset in
/// the model file where the problem was detected, so a corrupt model can be diagnosed precisely.
///
/// ```swift
/// do {
///     let model = try Model(bytes: fileBytes)
/// } catch {
///     print(error)  // e.g. "unsupported operator SVDF (operator 3 of subgraph 0)"
/// }
/// ```
public struct FieldMLError: Error, Equatable, Sendable {
    /// What went wrong.
    public enum Kind: Equatable, Sendable {
        /// A read of `size` bytes would leave the buffer (a truncated file or a bad offset).
        case outOfBounds(size: Int)
        /// An offset read from the buffer points outside it or is otherwise impossible.
        case badOffset(Int64)
        /// A table's vtable is malformed (size too small, odd, or beyond the buffer).
        case badVTable
        /// A vector or string declares more elements than the buffer holds.
        case badLength(Int64)
        /// The file does not carry the `TFL3` identifier or has an unknown schema version.
        case badIdentifier
        /// The schema version is not 3.
        case unsupportedVersion(UInt32)
        /// A required field is missing; the payload names it.
        case missingField(String)
        /// A field holds a value outside its legal range; the payload names it.
        case invalidValue(String)
        /// The model uses an operator FieldML does not implement; the payload is its name.
        case unsupportedOperator(String)
        /// An operator is implemented, but not for this combination of types or shapes.
        case unsupportedConfiguration(String)
        /// A tensor, operator, buffer or subgraph index is out of range.
        case badIndex(String)
        /// The caller passed an input of the wrong size or asked for a missing input or output.
        case badArgument(String)
        /// The planned arena exceeds the limit the caller set.
        case arenaTooLarge(needed: Int, limit: Int)
    }

    /// What went wrong.
    public var kind: Kind
    /// The byte offset in the model where the problem was detected, or -1 when the problem is not
    /// tied to one place in the file.
    public var offset: Int

    /// Creates an error of the given kind at the given byte offset.
    ///
    /// - Parameters:
    ///   - kind: What went wrong.
    ///   - offset: Where in the model bytes it went wrong, or -1 when not tied to one place.
    public init(_ kind: Kind, at offset: Int = -1) {
        self.kind = kind
        self.offset = offset
    }

    #if !hasFeature(Embedded)
        /// A one-line description naming the problem and, when known, its offset.
        public var description: String {
            let place = offset >= 0 ? " at offset \(offset)" : ""
            switch kind {
            case .outOfBounds(let size): return "read of \(size) byte(s) out of bounds\(place)"
            case .badOffset(let value): return "bad offset \(value)\(place)"
            case .badVTable: return "malformed vtable\(place)"
            case .badLength(let value): return "bad vector length \(value)\(place)"
            case .badIdentifier: return "not a TFLite model (missing TFL3 identifier)\(place)"
            case .unsupportedVersion(let v): return "unsupported schema version \(v)\(place)"
            case .missingField(let name): return "missing field \(name)\(place)"
            case .invalidValue(let what): return "invalid value: \(what)\(place)"
            case .unsupportedOperator(let name): return "unsupported operator \(name)"
            case .unsupportedConfiguration(let what): return "unsupported configuration: \(what)"
            case .badIndex(let what): return "index out of range: \(what)\(place)"
            case .badArgument(let what): return "bad argument: \(what)"
            case .arenaTooLarge(let needed, let limit): return "arena needs \(needed) bytes, limit is \(limit)"
            }
        }
    #endif
}

#if !hasFeature(Embedded)
    extension FieldMLError: CustomStringConvertible {}
#endif
