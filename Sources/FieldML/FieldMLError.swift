/// An error from FieldML: a malformed FlatBuffer, an invalid or unsupported model, or a misuse of
/// the interpreter.
///
/// Like every FieldKit error, it has a ``code`` that says what kind of problem it is (a struct over
/// a private enum, so a new code in a later release never breaks a `switch`), the byte ``offset``
/// in the model file where the problem was detected when there is one, the TFLite schema ``rule``
/// the file broke when there is one, named optional fields for the details, and a one-line
/// ``description`` that names the tensor, operator or field that is wrong.
///
/// ```swift
/// do {
///     let model = try Model(bytes: fileBytes)
/// } catch {
///     print(error)  // e.g. "unsupported operator SVDF (operator 3)"
///     if error.code == .badIdentifier { print("not a .tflite file") }
/// }
/// ```
///
/// In Embedded Swift builds the ``detail`` text is empty (building it would add kilobytes of
/// string formatting to a device image) and ``description`` names only the code, its offset and
/// its rule; the code and the numeric fields are the same as on a host.
public struct FieldMLError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem an error reports.
    ///
    /// Compare with `==` or match in a `switch` with `case .badVTable:`; always add a `default:`,
    /// since later releases may add codes.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Backing: String, Hashable, Sendable {
            case outOfBounds, badOffset, badVTable, badLength, badIdentifier, unsupportedVersion
            case missingField, invalidValue, unsupportedOperator, unsupportedConfiguration
            case badIndex, badArgument, arenaTooLarge
        }

        private let backing: Backing

        private init(_ backing: Backing) { self.backing = backing }

        /// A read would leave the buffer: a truncated file or a bad offset (``FieldMLError/size``
        /// says how many bytes were read).
        public static let outOfBounds = Code(.outOfBounds)
        /// An offset read from the buffer points outside it or is otherwise impossible
        /// (``FieldMLError/value`` holds it).
        public static let badOffset = Code(.badOffset)
        /// A table's vtable is malformed (size too small, odd, or beyond the buffer).
        public static let badVTable = Code(.badVTable)
        /// A vector or string declares more elements than the buffer holds
        /// (``FieldMLError/value`` holds the length).
        public static let badLength = Code(.badLength)
        /// The file does not carry the `TFL3` file identifier.
        public static let badIdentifier = Code(.badIdentifier)
        /// The schema version is not 3 (``FieldMLError/version`` holds it).
        public static let unsupportedVersion = Code(.unsupportedVersion)
        /// A required field is missing (``FieldMLError/detail`` names it).
        public static let missingField = Code(.missingField)
        /// A field holds a value outside its legal range (``FieldMLError/detail`` names it).
        public static let invalidValue = Code(.invalidValue)
        /// The model uses an operator FieldML does not implement (``FieldMLError/detail`` names it
        /// and its index).
        public static let unsupportedOperator = Code(.unsupportedOperator)
        /// An operator is implemented, but not for this combination of types or shapes
        /// (``FieldMLError/detail`` names the operator and tensor).
        public static let unsupportedConfiguration = Code(.unsupportedConfiguration)
        /// A tensor, operator, buffer or subgraph index is out of range (``FieldMLError/detail``
        /// names it).
        public static let badIndex = Code(.badIndex)
        /// The caller passed an input of the wrong size or asked for a missing input or output
        /// (``FieldMLError/detail`` says which).
        public static let badArgument = Code(.badArgument)
        /// The planned arena exceeds the limit (``FieldMLError/needed`` and ``FieldMLError/limit``).
        public static let arenaTooLarge = Code(.arenaTooLarge)

        /// The code's name, as written in source (`badVTable`).
        public var description: String { backing.rawValue }
    }

    /// What went wrong, with its details: what ``FieldMLError/init(_:at:)`` is built from.
    ///
    /// `FieldMLError(.badIndex("buffer 9 (of 4)"), at: 120)` reads like the problem it reports.
    public struct Reason: Hashable, Sendable {
        /// The code.
        public var code: Code
        /// The TFLite schema rule the file broke, when there is one.
        public var rule: String?
        /// The field, tensor, operator or argument that is wrong, for the codes that name one;
        /// empty in Embedded Swift builds.
        public var detail: String?
        /// The number of bytes read, for ``Code/outOfBounds``.
        public var size: Int?
        /// The offending offset or length, for ``Code/badOffset`` and ``Code/badLength``.
        public var value: Int64?
        /// The schema version found, for ``Code/unsupportedVersion``.
        public var version: UInt32?
        /// The arena size needed, for ``Code/arenaTooLarge``.
        public var needed: Int?
        /// The arena limit, for ``Code/arenaTooLarge``.
        public var limit: Int?

        /// Creates a reason.
        ///
        /// - Parameters:
        ///   - code: The code.
        ///   - rule: The schema rule broken.
        ///   - detail: The field, tensor, operator or argument that is wrong.
        public init(code: Code, rule: String? = nil, detail: String? = nil) {
            self.code = code
            self.rule = rule
            self.detail = detail
        }

        /// See ``Code/outOfBounds``.
        ///
        /// - Parameter size: The number of bytes read.
        /// - Returns: The reason.
        public static func outOfBounds(size: Int) -> Reason {
            var reason = Reason(code: .outOfBounds)
            reason.size = size
            return reason
        }
        /// See ``Code/badOffset``.
        ///
        /// - Parameter value: The offset read.
        /// - Returns: The reason.
        public static func badOffset(_ value: Int64) -> Reason {
            var reason = Reason(code: .badOffset)
            reason.value = value
            return reason
        }
        /// See ``Code/badVTable``.
        public static let badVTable = Reason(code: .badVTable)
        /// See ``Code/badLength``.
        ///
        /// - Parameter value: The declared length.
        /// - Returns: The reason.
        public static func badLength(_ value: Int64) -> Reason {
            var reason = Reason(code: .badLength)
            reason.value = value
            return reason
        }
        /// See ``Code/badIdentifier``.
        public static let badIdentifier = Reason(code: .badIdentifier, rule: "file_identifier \"TFL3\"")
        /// See ``Code/unsupportedVersion``.
        ///
        /// - Parameter version: The version found.
        /// - Returns: The reason.
        public static func unsupportedVersion(_ version: UInt32) -> Reason {
            var reason = Reason(code: .unsupportedVersion, rule: "Model.version == 3")
            reason.version = version
            return reason
        }
        /// See ``Code/missingField``.
        ///
        /// - Parameter field: The schema field (`"Model.subgraphs"`), which is also the rule.
        /// - Returns: The reason.
        public static func missingField(_ field: String) -> Reason {
            Reason(code: .missingField, rule: field, detail: field)
        }
        /// See ``Code/invalidValue``.
        ///
        /// - Parameter detail: The field and value.
        /// - Returns: The reason.
        public static func invalidValue(_ detail: String) -> Reason { Reason(code: .invalidValue, detail: detail) }
        /// See ``Code/unsupportedOperator``.
        ///
        /// - Parameter detail: The operator's name and index.
        /// - Returns: The reason.
        public static func unsupportedOperator(_ detail: String) -> Reason {
            Reason(code: .unsupportedOperator, detail: detail)
        }
        /// See ``Code/unsupportedConfiguration``.
        ///
        /// - Parameter detail: The operator and tensor, and what is unsupported.
        /// - Returns: The reason.
        public static func unsupportedConfiguration(_ detail: String) -> Reason {
            Reason(code: .unsupportedConfiguration, detail: detail)
        }
        /// See ``Code/badIndex``.
        ///
        /// - Parameter detail: The index, what it indexes and the count.
        /// - Returns: The reason.
        public static func badIndex(_ detail: String) -> Reason { Reason(code: .badIndex, detail: detail) }
        /// See ``Code/badArgument``.
        ///
        /// - Parameter detail: The argument and what is wrong with it.
        /// - Returns: The reason.
        public static func badArgument(_ detail: String) -> Reason { Reason(code: .badArgument, detail: detail) }
        /// See ``Code/arenaTooLarge``.
        ///
        /// - Parameters:
        ///   - needed: The arena size the plan needs, in bytes.
        ///   - limit: The limit, in bytes.
        /// - Returns: The reason.
        public static func arenaTooLarge(needed: Int, limit: Int) -> Reason {
            var reason = Reason(code: .arenaTooLarge)
            reason.needed = needed
            reason.limit = limit
            return reason
        }
    }

    /// What went wrong, with its details.
    public var reason: Reason
    /// The byte offset in the model file where the problem was detected, or `nil` when the problem
    /// is not tied to one place in the file.
    public var offset: Int?

    /// What kind of problem this is.
    public var code: Code { reason.code }
    /// The TFLite schema rule the file broke (`"Model.version == 3"`), when there is one.
    public var rule: String? { reason.rule }
    /// The field, tensor, operator or argument that is wrong, for the codes that name one; empty
    /// in Embedded Swift builds.
    public var detail: String? { reason.detail }
    /// The number of bytes read, for ``Code/outOfBounds``.
    public var size: Int? { reason.size }
    /// The offending offset or length, for ``Code/badOffset`` and ``Code/badLength``.
    public var value: Int64? { reason.value }
    /// The schema version found, for ``Code/unsupportedVersion``.
    public var version: UInt32? { reason.version }
    /// The arena size needed, for ``Code/arenaTooLarge``.
    public var needed: Int? { reason.needed }
    /// The arena limit, for ``Code/arenaTooLarge``.
    public var limit: Int? { reason.limit }

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - reason: What went wrong.
    ///   - offset: Where in the model bytes it went wrong, or `nil` when not tied to one place.
    public init(_ reason: Reason, at offset: Int? = nil) {
        self.reason = reason
        self.offset = offset
    }

    /// A one-line description naming the problem, its offset and the schema rule it broke.
    public var description: String {
        var text = summary
        if let offset { text += " at offset \(offset)" }
        if let rule { text += " (\(rule))" }
        return text
    }

    /// What is wrong, without the offset and rule.
    private var summary: String {
        #if hasFeature(Embedded)
            return code.description
        #else
            let what = detail ?? "?"
            switch code {
            case .outOfBounds: return "read of \(size ?? 0) byte(s) out of bounds"
            case .badOffset: return "bad offset \(value ?? 0)"
            case .badVTable: return "malformed vtable"
            case .badLength: return "bad vector length \(value ?? 0)"
            case .badIdentifier: return "not a TFLite model (missing TFL3 identifier)"
            case .unsupportedVersion: return "unsupported schema version \(version ?? 0)"
            case .missingField: return "missing field \(what)"
            case .invalidValue: return "invalid value: \(what)"
            case .unsupportedOperator: return "unsupported operator \(what)"
            case .unsupportedConfiguration: return "unsupported configuration: \(what)"
            case .badIndex: return "index out of range: \(what)"
            case .badArgument: return "bad argument: \(what)"
            case .arenaTooLarge: return "arena needs \(needed ?? 0) bytes, limit is \(limit ?? 0)"
            default: return code.description
            }
        #endif
    }
}
