/// An error from FieldUpdate: what rule failed and, for encoded input, where.
///
/// Every problem with untrusted input (a manifest, a chunk, a stored record) and every refusal of
/// the update policy is reported as a ``FieldUpdateError`` rather than a trap. ``offset`` is the
/// byte offset in the input where the problem was detected, or `-1` when it does not apply.
///
/// ```swift
/// do {
///     let manifest = try UpdateManifest(binary: bytes)
/// } catch {
///     print(error)   // "manifest: unknown field tag 9 at offset 41"
/// }
/// ```
public struct FieldUpdateError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Hashable, Sendable {
        /// The input ended before a value was complete.
        case truncated
        /// The input does not start with the expected magic bytes.
        case badMagic
        /// The encoding's format version is not one this library reads.
        case unsupportedFormatVersion(UInt8)
        /// A field is malformed; the payload names the field.
        case malformedField(String)
        /// A required field is missing; the payload names the field.
        case missingField(String)
        /// A field appears twice.
        case duplicateField(String)
        /// A field tag or JSON key that this format does not define.
        case unknownField
        /// A value is outside the range the format allows; the payload names the field.
        case valueOutOfRange(String)
        /// Bytes follow the end of a complete encoding.
        case trailingBytes
        /// The JSON text is not well-formed.
        case invalidJSON
        /// A manifest's signature is missing or was rejected by the verifier.
        case signatureRejected
        /// A manifest targets a different hardware revision.
        case wrongHardware
        /// The manifest's security counter is below the device's anti-rollback floor.
        case rollbackRefused(offered: UInt32, floor: UInt32)
        /// The offered release was already tried on this device and rolled back.
        case releaseRejectedEarlier
        /// The device conditions do not satisfy the manifest's preconditions.
        case preconditionNotMet(String)
        /// No payload in the manifest can be installed on this device (no full image and no
        /// patch from the running version).
        case noApplicablePayload
        /// A chunk's SHA-256 differs from the manifest.
        case chunkDigestMismatch(index: Int)
        /// A chunk arrived that was not the one requested, or with the wrong size.
        case unexpectedChunk(index: Int)
        /// The installed image's size or SHA-256 differs from the manifest.
        case imageDigestMismatch
        /// The operation is not valid in the agent's current phase.
        case invalidPhase
        /// The image or payload does not fit the slot or staging area.
        case doesNotFit
        /// The storage reported a failure (including a power cut in a simulation).
        case storageFailure
        /// The patch could not be applied; the payload says why.
        case patchFailed(String)
        /// A stored record failed its checksum or could not be decoded.
        case corruptRecord
        /// A rollout plan is invalid; the payload names the rule.
        case invalidPlan(String)
    }

    /// What went wrong.
    public var kind: Kind
    /// The byte offset in the input where the problem was detected, or `-1` when not applicable.
    public var offset: Int

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - kind: What went wrong.
    ///   - offset: Where in the input it went wrong, or `-1` when not applicable.
    public init(_ kind: Kind, at offset: Int = -1) {
        self.kind = kind
        self.offset = offset
    }

    /// A one-line description naming the problem and, when known, its offset.
    public var description: String {
        let what: String
        switch kind {
        case .truncated: what = "input truncated"
        case .badMagic: what = "bad magic bytes"
        case .unsupportedFormatVersion(let v): what = "unsupported format version \(v)"
        case .malformedField(let f): what = "malformed field \(f)"
        case .missingField(let f): what = "missing field \(f)"
        case .duplicateField(let f): what = "duplicate field \(f)"
        case .unknownField: what = "unknown field"
        case .valueOutOfRange(let f): what = "value out of range for \(f)"
        case .trailingBytes: what = "trailing bytes after the encoding"
        case .invalidJSON: what = "invalid JSON"
        case .signatureRejected: what = "manifest signature missing or rejected"
        case .wrongHardware: what = "manifest targets other hardware"
        case .rollbackRefused(let offered, let floor):
            what = "anti-rollback: security counter \(offered) is below the device floor \(floor)"
        case .releaseRejectedEarlier: what = "release was rolled back earlier on this device"
        case .preconditionNotMet(let p): what = "precondition not met: \(p)"
        case .noApplicablePayload: what = "no full image or patch from the running version"
        case .chunkDigestMismatch(let i): what = "chunk \(i) SHA-256 mismatch"
        case .unexpectedChunk(let i): what = "unexpected chunk \(i)"
        case .imageDigestMismatch: what = "installed image size or SHA-256 mismatch"
        case .invalidPhase: what = "operation not valid in the current phase"
        case .doesNotFit: what = "payload does not fit its storage area"
        case .storageFailure: what = "storage failure"
        case .patchFailed(let why): what = "patch failed: \(why)"
        case .corruptRecord: what = "stored update record is corrupt"
        case .invalidPlan(let why): what = "invalid rollout plan: \(why)"
        }
        return offset >= 0 ? "\(what) at offset \(offset)" : what
    }
}
