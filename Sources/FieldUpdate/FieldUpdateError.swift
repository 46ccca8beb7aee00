/// An error from FieldUpdate: what rule failed and, for encoded input, where.
///
/// Every problem with untrusted input (a manifest, a chunk, a stored record) and every refusal of
/// the update policy is reported as a ``FieldUpdateError`` rather than a trap. ``code`` says what
/// kind of problem it is (a struct over a private enum: new codes never break a `switch`),
/// ``offset`` is the byte offset in the input where it was detected (`nil` when it does not apply),
/// and named optional fields carry what describes it (the field, the version, the chunk).
///
/// ```swift
/// do {
///     let manifest = try UpdateManifest(binary: bytes)
/// } catch {
///     print(error)   // "manifest: unknown field tag 9 at offset 41"
///     if error.code == .signatureRejected { quarantine(bytes) }
/// }
/// ```
public struct FieldUpdateError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem an error reports.
    ///
    /// Compare with `==` or match in a `switch` with a `default:`; later releases may add codes.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Backing: String, Hashable, Sendable {
            case truncated, badMagic, unsupportedFormatVersion, malformedField, missingField, duplicateField
            case unknownField, valueOutOfRange, trailingBytes, invalidJSON, signatureRejected, wrongHardware
            case rollbackRefused, releaseRejectedEarlier, preconditionNotMet, noApplicablePayload, chunkDigestMismatch,
                unexpectedChunk
            case imageDigestMismatch, invalidPhase, doesNotFit, storageFailure, patchFailed, corruptRecord
            case invalidPlan
        }

        private let backing: Backing

        private init(_ backing: Backing) { self.backing = backing }

        /// The input ended before a value was complete.
        public static let truncated = Code(.truncated)
        /// The input does not start with the expected magic bytes.
        public static let badMagic = Code(.badMagic)
        /// The encoding's format version is not one this library reads.
        public static let unsupportedFormatVersion = Code(.unsupportedFormatVersion)
        /// A field is malformed; the payload names the field.
        public static let malformedField = Code(.malformedField)
        /// A required field is missing; the payload names the field.
        public static let missingField = Code(.missingField)
        /// A field appears twice.
        public static let duplicateField = Code(.duplicateField)
        /// A field tag or JSON key that this format does not define.
        public static let unknownField = Code(.unknownField)
        /// A value is outside the range the format allows; the payload names the field.
        public static let valueOutOfRange = Code(.valueOutOfRange)
        /// Bytes follow the end of a complete encoding.
        public static let trailingBytes = Code(.trailingBytes)
        /// The JSON text is not well-formed.
        public static let invalidJSON = Code(.invalidJSON)
        /// A manifest's signature is missing or was rejected by the verifier.
        public static let signatureRejected = Code(.signatureRejected)
        /// A manifest targets a different hardware revision.
        public static let wrongHardware = Code(.wrongHardware)
        /// The manifest's security counter is below the device's anti-rollback floor.
        public static let rollbackRefused = Code(.rollbackRefused)
        /// The offered release was already tried on this device and rolled back.
        public static let releaseRejectedEarlier = Code(.releaseRejectedEarlier)
        /// The device conditions do not satisfy the manifest's preconditions.
        public static let preconditionNotMet = Code(.preconditionNotMet)
        /// No payload in the manifest can be installed on this device (no full image and no
        /// patch from the running version).
        public static let noApplicablePayload = Code(.noApplicablePayload)
        /// A chunk's SHA-256 differs from the manifest.
        public static let chunkDigestMismatch = Code(.chunkDigestMismatch)
        /// A chunk arrived that was not the one requested, or with the wrong size.
        public static let unexpectedChunk = Code(.unexpectedChunk)
        /// The installed image's size or SHA-256 differs from the manifest.
        public static let imageDigestMismatch = Code(.imageDigestMismatch)
        /// The operation is not valid in the agent's current phase.
        public static let invalidPhase = Code(.invalidPhase)
        /// The image or payload does not fit the slot or staging area.
        public static let doesNotFit = Code(.doesNotFit)
        /// The storage reported a failure (including a power cut in a simulation).
        public static let storageFailure = Code(.storageFailure)
        /// The patch could not be applied; the payload says why.
        public static let patchFailed = Code(.patchFailed)
        /// A stored record failed its checksum or could not be decoded.
        public static let corruptRecord = Code(.corruptRecord)
        /// A rollout plan is invalid; the payload names the rule.
        public static let invalidPlan = Code(.invalidPlan)

        /// The code's name, as written in source (`truncated`).
        public var description: String { backing.rawValue }
    }

    /// What went wrong, with its details: what ``FieldUpdateError/init(_:at:)`` is built from.
    ///
    /// `FieldUpdateError(.malformedField("size"), at: 12)` reads like the problem it reports.
    public struct Reason: Hashable, Sendable {
        /// The code.
        public var code: Code
        /// The field, condition or cause, for the codes that name one.
        public var detail: String?
        /// The format version found, for ``Code/unsupportedFormatVersion``.
        public var version: UInt8?
        /// The manifest's security counter, for ``Code/rollbackRefused``.
        public var offered: UInt32?
        /// The device's anti-rollback floor, for ``Code/rollbackRefused``.
        public var floor: UInt32?
        /// The chunk index, for the chunk codes.
        public var chunkIndex: Int?

        /// Creates a reason.
        ///
        /// - Parameters:
        ///   - code: The code.
        ///   - detail: The field, condition or cause.
        ///   - version: The format version found.
        ///   - offered: The offered security counter.
        ///   - floor: The anti-rollback floor.
        ///   - chunkIndex: The chunk index.
        public init(
            code: Code, detail: String? = nil, version: UInt8? = nil, offered: UInt32? = nil, floor: UInt32? = nil,
            chunkIndex: Int? = nil
        ) {
            self.code = code
            self.detail = detail
            self.version = version
            self.offered = offered
            self.floor = floor
            self.chunkIndex = chunkIndex
        }

        /// See ``Code/truncated``.
        public static let truncated = Reason(code: .truncated)
        /// See ``Code/badMagic``.
        public static let badMagic = Reason(code: .badMagic)
        /// See ``Code/unsupportedFormatVersion``.
        ///
        /// - Parameter version: The version found.
        /// - Returns: The reason.
        public static func unsupportedFormatVersion(_ version: UInt8) -> Reason {
            Reason(code: .unsupportedFormatVersion, version: version)
        }
        /// See ``Code/malformedField``.
        ///
        /// - Parameter detail: The field, condition or cause.
        /// - Returns: The reason.
        public static func malformedField(_ detail: String) -> Reason { Reason(code: .malformedField, detail: detail) }
        /// See ``Code/missingField``.
        ///
        /// - Parameter detail: The field, condition or cause.
        /// - Returns: The reason.
        public static func missingField(_ detail: String) -> Reason { Reason(code: .missingField, detail: detail) }
        /// See ``Code/duplicateField``.
        ///
        /// - Parameter detail: The field, condition or cause.
        /// - Returns: The reason.
        public static func duplicateField(_ detail: String) -> Reason { Reason(code: .duplicateField, detail: detail) }
        /// See ``Code/unknownField``.
        public static let unknownField = Reason(code: .unknownField)
        /// See ``Code/valueOutOfRange``.
        ///
        /// - Parameter detail: The field, condition or cause.
        /// - Returns: The reason.
        public static func valueOutOfRange(_ detail: String) -> Reason {
            Reason(code: .valueOutOfRange, detail: detail)
        }
        /// See ``Code/trailingBytes``.
        public static let trailingBytes = Reason(code: .trailingBytes)
        /// See ``Code/invalidJSON``.
        public static let invalidJSON = Reason(code: .invalidJSON)
        /// See ``Code/signatureRejected``.
        public static let signatureRejected = Reason(code: .signatureRejected)
        /// See ``Code/wrongHardware``.
        public static let wrongHardware = Reason(code: .wrongHardware)
        /// See ``Code/rollbackRefused``.
        ///
        /// - Parameters:
        ///   - offered: The manifest's security counter.
        ///   - floor: The device's anti-rollback floor.
        /// - Returns: The reason.
        public static func rollbackRefused(offered: UInt32, floor: UInt32) -> Reason {
            Reason(code: .rollbackRefused, offered: offered, floor: floor)
        }
        /// See ``Code/releaseRejectedEarlier``.
        public static let releaseRejectedEarlier = Reason(code: .releaseRejectedEarlier)
        /// See ``Code/preconditionNotMet``.
        ///
        /// - Parameter detail: The field, condition or cause.
        /// - Returns: The reason.
        public static func preconditionNotMet(_ detail: String) -> Reason {
            Reason(code: .preconditionNotMet, detail: detail)
        }
        /// See ``Code/noApplicablePayload``.
        public static let noApplicablePayload = Reason(code: .noApplicablePayload)
        /// See ``Code/chunkDigestMismatch``.
        ///
        /// - Parameter index: The chunk index.
        /// - Returns: The reason.
        public static func chunkDigestMismatch(index: Int) -> Reason {
            Reason(code: .chunkDigestMismatch, chunkIndex: index)
        }
        /// See ``Code/unexpectedChunk``.
        ///
        /// - Parameter index: The chunk index.
        /// - Returns: The reason.
        public static func unexpectedChunk(index: Int) -> Reason { Reason(code: .unexpectedChunk, chunkIndex: index) }
        /// See ``Code/imageDigestMismatch``.
        public static let imageDigestMismatch = Reason(code: .imageDigestMismatch)
        /// See ``Code/invalidPhase``.
        public static let invalidPhase = Reason(code: .invalidPhase)
        /// See ``Code/doesNotFit``.
        public static let doesNotFit = Reason(code: .doesNotFit)
        /// See ``Code/storageFailure``.
        public static let storageFailure = Reason(code: .storageFailure)
        /// See ``Code/patchFailed``.
        ///
        /// - Parameter detail: The field, condition or cause.
        /// - Returns: The reason.
        public static func patchFailed(_ detail: String) -> Reason { Reason(code: .patchFailed, detail: detail) }
        /// See ``Code/corruptRecord``.
        public static let corruptRecord = Reason(code: .corruptRecord)
        /// See ``Code/invalidPlan``.
        ///
        /// - Parameter detail: The field, condition or cause.
        /// - Returns: The reason.
        public static func invalidPlan(_ detail: String) -> Reason { Reason(code: .invalidPlan, detail: detail) }
    }

    /// What went wrong, with its details.
    public var reason: Reason
    /// The byte offset in the input where the problem was detected, or `nil` when not applicable.
    public var offset: Int?

    /// What kind of problem this is.
    public var code: Code { reason.code }
    /// The field, condition or cause, for the codes that name one.
    public var detail: String? { reason.detail }
    /// The format version found, for ``Code/unsupportedFormatVersion``.
    public var version: UInt8? { reason.version }
    /// The manifest's security counter, for ``Code/rollbackRefused``.
    public var offered: UInt32? { reason.offered }
    /// The device's anti-rollback floor, for ``Code/rollbackRefused``.
    public var floor: UInt32? { reason.floor }
    /// The chunk index, for the chunk codes.
    public var chunkIndex: Int? { reason.chunkIndex }

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - reason: What went wrong.
    ///   - offset: Where in the input it went wrong, or `nil` when not applicable.
    public init(_ reason: Reason, at offset: Int? = nil) {
        self.reason = reason
        self.offset = offset
    }

    /// A one-line description naming the problem and, when known, its offset.
    public var description: String {
        let what: String
        switch code {
        case .truncated: what = "input truncated"
        case .badMagic: what = "bad magic bytes"
        case .unsupportedFormatVersion: what = "unsupported format version \(version ?? 0)"
        case .malformedField: what = "malformed field \(detail ?? "?")"
        case .missingField: what = "missing field \(detail ?? "?")"
        case .duplicateField: what = "duplicate field \(detail ?? "?")"
        case .unknownField: what = "unknown field"
        case .valueOutOfRange: what = "value out of range for \(detail ?? "?")"
        case .trailingBytes: what = "trailing bytes after the encoding"
        case .invalidJSON: what = "invalid JSON"
        case .signatureRejected: what = "manifest signature missing or rejected"
        case .wrongHardware: what = "manifest targets other hardware"
        case .rollbackRefused:
            what = "anti-rollback: security counter \(offered ?? 0) is below the device floor \(floor ?? 0)"
        case .releaseRejectedEarlier: what = "release was rolled back earlier on this device"
        case .preconditionNotMet: what = "precondition not met: \(detail ?? "?")"
        case .noApplicablePayload: what = "no full image or patch from the running version"
        case .chunkDigestMismatch: what = "chunk \(chunkIndex ?? 0) SHA-256 mismatch"
        case .unexpectedChunk: what = "unexpected chunk \(chunkIndex ?? 0)"
        case .imageDigestMismatch: what = "installed image size or SHA-256 mismatch"
        case .invalidPhase: what = "operation not valid in the current phase"
        case .doesNotFit: what = "payload does not fit its storage area"
        case .storageFailure: what = "storage failure"
        case .patchFailed: what = "patch failed: \(detail ?? "?")"
        case .corruptRecord: what = "stored update record is corrupt"
        case .invalidPlan: what = "invalid rollout plan: \(detail ?? "?")"
        default: what = "\(code)"
        }
        return offset.map { "\(what) at offset \($0)" } ?? what
    }
}
