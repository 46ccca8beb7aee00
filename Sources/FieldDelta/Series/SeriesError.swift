/// An error from the FieldDelta time-series codecs: a malformed block or an invalid request.
///
/// Decoding untrusted bytes never traps: every problem becomes a `SeriesError` that names the rule
/// that failed and the byte offset, from the start of the block, where it was detected.
///
/// ```swift
/// do {
///     _ = try SeriesBlock.decode(receivedBytes)
/// } catch {
///     print(error)  // "checksum mismatch at offset 412"
/// }
/// ```
public struct SeriesError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Hashable, Sendable {
        /// The input ended before a field or column payload was complete.
        case truncated
        /// The block does not start with the `FKSB` magic bytes.
        case badMagic
        /// The block uses a format version this decoder does not know.
        case unsupportedVersion(UInt8)
        /// The CRC-32C stored in the block does not match its contents.
        case checksumMismatch
        /// A column names a codec this decoder does not know.
        case unknownCodec(UInt8)
        /// A header field is out of its allowed range (a zero count, too many points, a bad exponent).
        case invalidHeader
        /// A column payload is internally inconsistent (wrong word count, an impossible run, a bad
        /// exception position, bytes left over).
        case corruptPayload
        /// A variable-length integer is malformed or overflows.
        case badVarInt
        /// A line of CSV input is malformed: `line` and `column` are 1-based.
        case malformedCSV(line: Int, column: Int, problem: CSVProblem)
        /// A series file's header is malformed.
        case malformedFile
        /// A caller-supplied argument is invalid (no columns, columns of different lengths, a bad
        /// block size or error bound).
        case invalidArgument
    }

    /// What is wrong with a CSV field.
    public enum CSVProblem: Hashable, Sendable {
        /// The input has no header line.
        case missingHeader
        /// The header has no value column after the timestamp.
        case noValueColumns
        /// A line has a different number of fields than the header.
        case wrongFieldCount(expected: Int, found: Int)
        /// A timestamp is neither ISO-8601 (`2015-01-01 00:00:00`, `2015-01-01T00:00:00.250Z`,
        /// `+02:00` offsets) nor an integer count of epoch seconds or milliseconds.
        case badTimestamp
        /// A value is not a number (empty and `nan` are accepted as missing / NaN).
        case badNumber
    }

    /// What went wrong.
    public var kind: Kind
    /// The byte offset in the block where the problem was detected (0 for argument errors).
    public var offset: Int

    /// Creates an error of the given kind at the given byte offset.
    ///
    /// - Parameters:
    ///   - kind: What went wrong.
    ///   - offset: Where in the input it went wrong.
    public init(_ kind: Kind, at offset: Int) {
        self.kind = kind
        self.offset = offset
    }

    /// A one-line description naming the problem and its offset.
    public var description: String {
        switch kind {
        case .truncated: "input truncated at offset \(offset)"
        case .badMagic: "not a series block (bad magic) at offset \(offset)"
        case .unsupportedVersion(let version): "unsupported series block version \(version) at offset \(offset)"
        case .checksumMismatch: "checksum mismatch at offset \(offset)"
        case .unknownCodec(let id): "unknown column codec \(id) at offset \(offset)"
        case .invalidHeader: "invalid block header field at offset \(offset)"
        case .corruptPayload: "corrupt column payload at offset \(offset)"
        case .badVarInt: "malformed variable-length integer at offset \(offset)"
        case .malformedCSV(let line, let column, let problem):
            "line \(line), column \(column): "
                + {
                    switch problem {
                    case .missingHeader: "missing header line"
                    case .noValueColumns: "no value column after the timestamp"
                    case .wrongFieldCount(let expected, let found): "expected \(expected) fields, found \(found)"
                    case .badTimestamp: "not an ISO-8601 or epoch timestamp"
                    case .badNumber: "not a number"
                    }
                }()
        case .malformedFile: "malformed series file header at offset \(offset)"
        case .invalidArgument: "invalid argument"
        }
    }
}
